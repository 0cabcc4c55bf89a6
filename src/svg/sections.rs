//! mermaid's section colours, shared by the kinds that colour their parts
//! by section (timelines, mindmaps): `cScale0`..`cScale11` for a box's fill,
//! `cScaleInv` for the line under it, `cScaleLabel` for its text, as the
//! `default` theme makes them (the `base` theme's from its own primary).

use crate::model::config::ThemeName;
use crate::svg::theme::hsl_to_hex;

/// Hues of mermaid's default `cScale0`..`cScale11`, and their lightness (%)
/// after the theme darkens them twice by 10 from the primary, secondary
/// and tertiary colours.
const SCALE: [(f64, f64); 12] = [
    (240.0, 76.2745098039),
    (60.0, 73.5294117647),
    (80.0, 76.2745098039),
    (270.0, 76.2745098039),
    (300.0, 76.2745098039),
    (330.0, 76.2745098039),
    (0.0, 76.2745098039),
    (30.0, 76.2745098039),
    (90.0, 76.2745098039),
    (150.0, 76.2745098039),
    (180.0, 76.2745098039),
    (210.0, 76.2745098039),
];

/// `cScale{i}`: a box's fill.
pub fn section_fill(i: usize) -> String {
    let (h, l) = SCALE[i % 12];
    hsl_to_hex(h, 100.0, l)
}

/// `cScaleInv{i}`: the line under a box (the hue turned half round, from
/// the once-darkened colour).
pub fn section_line(i: usize) -> String {
    let (h, l) = SCALE[i % 12];
    hsl_to_hex(h + 180.0, 100.0, l + 10.0)
}

/// `cScaleLabel{i}`: white on the first and fourth colours, black elsewhere.
pub fn section_text(i: usize) -> &'static str {
    if matches!(i % 12, 0 | 3) { "#ffffff" } else { "#000000" }
}

/// A theme's section colours for section `i`: fill, line under the box,
/// text. mermaid's `default` and `base` themes; the others draw with the
/// default's.
pub fn section_colors(theme: ThemeName, i: usize) -> (String, String, String) {
    match theme {
        ThemeName::Base => {
            // primaryColor #fff4dd is hsl(40.59, 100%, 93.33%); secondary turns
            // it by -120, tertiary by 180 and 5% lighter; the rest by 30..330
            // (the ninth 150% light, so white); all darkened by 25 once.
            let h0 = 40.588235;
            let (h, l) = match i % 12 {
                0 => (h0, 93.333333),
                1 => (h0 - 120.0, 93.333333),
                2 => (h0 + 180.0, 98.333333),
                8 => (h0 + 210.0, 100.0),
                k => (h0 + [0.0, 0.0, 0.0, 30.0, 60.0, 90.0, 120.0, 150.0, 0.0, 270.0, 300.0, 330.0][k], 93.333333),
            };
            let fill = hsl_to_hex(h, 100.0, l - 25.0);
            (fill.clone(), invert(&fill), "#333333".to_string())
        }
        _ => (section_fill(i), section_line(i), section_text(i).to_string()),
    }
}

/// `#rrggbb` with every channel inverted (khroma's `invert`).
pub fn invert(hex: &str) -> String {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    format!("#{:06x}", !v & 0xff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_colours_are_mermaids() {
        // hsl(240, 100%, 76.27%), hsl(60, 100%, 73.53%), hsl(80, 100%, 76.27%)
        assert_eq!(section_fill(0), "#8686ff");
        assert_eq!(section_fill(1), "#ffff78");
        assert_eq!(section_fill(12), section_fill(0));
        assert_eq!(section_line(0), "#ffffb9");
        assert_eq!(section_text(3), "#ffffff");
        // base: #fff4dd darkened by 25, its inverse, #333 text
        let (fill, line, text) = section_colors(ThemeName::Base, 0);
        assert_eq!(fill, hsl_to_hex(40.588235, 100.0, 68.333333));
        assert_eq!(line, invert(&fill));
        assert_eq!(text, "#333333");
        assert_eq!(invert("#000000"), "#ffffff");
    }
}
