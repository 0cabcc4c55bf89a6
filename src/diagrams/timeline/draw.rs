//! Drawing a laid-out timeline with mermaid's classes (`timeline-node`,
//! `section-N`, `taskWrapper`, `eventWrapper`, `lineWrapper`) and the
//! default theme's section colours (or the base theme's): `cScale0`..`cScale11` for the boxes,
//! `cScaleInv` for the line under each box, `cScaleLabel` for the text;
//! events are drawn 20% brighter, as mermaid's `brightness(120%)` filter
//! draws them.

use crate::svg::theme::hsl_to_hex;
use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use crate::layout::geometry::num;
use super::layout::{title_style, TimelineLayout, TimelineNode};
use crate::model::config::ThemeName;
use super::model::Timeline;

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

/// A colour 20% brighter (CSS `brightness(120%)`), channels clamped.
pub fn brighten(hex: &str) -> String {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    let ch = |shift: u32| (((v >> shift) & 0xff) as f64 * 1.2).round().min(255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", ch(16), ch(8), ch(0))
}

fn node_path(w: f64, h: f64) -> String {
    let r = 5.0;
    format!(
        "M0 {} v{} q0,-{r},{r},-{r} h{} q{r},0,{r},{r} v{} H0 Z",
        num(h - r),
        num(-h + 2.0 * r),
        num(w - 2.0 * r),
        num(h - r)
    )
}

fn draw_node(w: &mut SvgWriter, n: &TimelineNode, class: &str, event: bool, theme: ThemeName) {
    let (mut fill, mut line, mut text) = section_colors(theme, n.color);
    if event {
        fill = brighten(&fill);
        line = brighten(&line);
        text = brighten(&text);
    }
    let section = (n.color % 12) as i64 - 1;
    w.open("g", Attrs::new().set("class", class).set("transform", format!("translate({},{})", num(n.rect.x), num(n.rect.y))));
    w.open("g", Attrs::new().set("class", format!("timeline-node section-{section}")));
    w.leaf("path", Attrs::new().set("class", "node-bkg").set("d", node_path(n.rect.width, n.rect.height)).set("fill", &fill));
    w.leaf(
        "line",
        Attrs::new()
            .set("class", format!("node-line-{section}"))
            .num("x1", 0.0)
            .num("y1", n.rect.height)
            .num("x2", n.rect.width)
            .num("y2", n.rect.height)
            .set("stroke", &line)
            .num("stroke-width", 3.0),
    );
    let mut local = n.text.clone();
    local.center.x -= n.rect.x;
    local.center.y -= n.rect.y;
    draw_text_block(w, &local.text, &local.style, &local.block, local.center, &text, "timeline-text");
    w.close("g");
    w.close("g");
}

/// The timeline as an SVG document.
pub fn draw_timeline(t: &Timeline, l: &TimelineLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let b = l.bounds;
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document { view_box: b, kind: "timeline", role: "timeline", acc_title: t.acc_title.as_deref(), acc_descr: t.acc_descr.as_deref(), background: None },
    );
    let ink = if theme.background.is_some() { "#d3d3d3" } else { "#000000" };
    w.open("defs", Attrs::new());
    w.open(
        "marker",
        Attrs::new().set("id", "timeline-arrowhead").num("refX", 5.0).num("refY", 2.0).num("markerWidth", 6.0).num("markerHeight", 4.0).set("orient", "auto"),
    );
    w.leaf("path", Attrs::new().set("d", "M 0,0 V 4 L6,2 Z").set("fill", ink));
    w.close("marker");
    w.close("defs");
    if let Some(bg) = theme.background {
        w.leaf("rect", Attrs::new().set("class", "background").num("x", b.x).num("y", b.y).num("width", b.width).num("height", b.height).set("fill", bg));
    }
    // the axis under everything, as mermaid lowers it
    let (a, b) = l.axis;
    w.open("g", Attrs::new().set("class", "lineWrapper"));
    w.leaf(
        "line",
        Attrs::new().num("x1", a.x).num("y1", a.y).num("x2", b.x).num("y2", b.y).set("stroke", ink).num("stroke-width", 4.0).set("marker-end", "url(#timeline-arrowhead)"),
    );
    w.close("g");
    for s in &l.sections {
        draw_node(&mut w, s, "sectionWrapper", false, theme_name);
    }
    for p in &l.periods {
        draw_node(&mut w, &p.node, "taskWrapper", false, theme_name);
        for (a, b) in &p.lines {
            w.open("g", Attrs::new().set("class", "lineWrapper"));
            w.leaf(
                "line",
                Attrs::new()
                    .num("x1", a.x)
                    .num("y1", a.y)
                    .num("x2", b.x)
                    .num("y2", b.y)
                    .set("stroke", ink)
                    .num("stroke-width", 2.0)
                    .set("stroke-dasharray", "5,5")
                    .set("marker-end", "url(#timeline-arrowhead)"),
            );
            w.close("g");
        }
        for e in &p.events {
            draw_node(&mut w, e, "eventWrapper", true, theme_name);
        }
    }
    if let Some(tt) = &l.title {
        let fill = if theme.background.is_some() { theme.text } else { "#333333" };
        let _ = title_style();
        draw_text_block(&mut w, &tt.text, &tt.style, &tt.block, tt.center, fill, "timeline-title");
    }
    w.close("svg");
    w.finish()
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
        assert_eq!(brighten("#8686ff"), "#a1a1ff");
        // base: #fff4dd darkened by 25, its inverse, #333 text
        let (fill, line, text) = section_colors(ThemeName::Base, 0);
        assert_eq!(fill, hsl_to_hex(40.588235, 100.0, 68.333333));
        assert_eq!(line, invert(&fill));
        assert_eq!(text, "#333333");
        assert_eq!(invert("#000000"), "#ffffff");
    }
}
