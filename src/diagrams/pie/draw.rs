//! Drawing a laid-out pie chart with mermaid's classes (`pieCircle`,
//! `pieOuterCircle`, `slice`, `pieTitleText`, `legend`) and its default
//! theme's twelve pie colours.

use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::theme::hsl_to_hex;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use crate::layout::geometry::{num, Rect};
use super::layout::{polar, PieLayout};
use crate::model::config::ThemeName;
use super::model::Pie;

/// mermaid's `pie1`..`pie12` for a theme, as `#rrggbb`.
pub fn pie_palette(theme: ThemeName) -> [String; 12] {
    // (hue, saturation %, lightness %) of mermaid's theme variables.
    let hsl: [(f64, f64, f64); 12] = match theme {
        ThemeName::Dark => [
            (240.0, 100.0, 6.27), (60.0, 100.0, 6.27), (80.0, 100.0, 16.27), (240.0, 100.0, 16.27),
            (60.0, 100.0, 36.27), (80.0, 100.0, 26.27), (300.0, 100.0, 36.27), (180.0, 100.0, 36.27),
            (0.0, 100.0, 36.27), (300.0, 100.0, 26.27), (150.0, 100.0, 36.27), (0.0, 100.0, 26.27),
        ],
        ThemeName::Forest => [
            (78.0, 58.0, 74.5), (120.0, 75.0, 84.3), (100.0, 100.0, 90.0), (78.0, 58.0, 64.5),
            (120.0, 75.0, 54.3), (100.0, 100.0, 70.0), (138.0, 58.0, 54.5), (18.0, 58.0, 34.5),
            (198.0, 58.0, 34.5), (138.0, 58.0, 34.5), (-12.0, 58.0, 34.5), (198.0, 58.0, 44.5),
        ],
        ThemeName::Neutral => [
            (0.0, 0.0, 93.3), (0.0, 0.0, 56.5), (0.0, 0.0, 76.5), (0.0, 0.0, 83.3),
            (0.0, 0.0, 26.5), (0.0, 0.0, 56.5), (0.0, 0.0, 73.3), (0.0, 0.0, 33.3),
            (0.0, 0.0, 53.3), (0.0, 0.0, 43.3), (0.0, 0.0, 63.3), (0.0, 0.0, 86.5),
        ],
        // primaryColor #fff4dd is hsl(40.6, 100%, 93.3%); the others turn
        // its hue and darken it, as mermaid's base theme does.
        ThemeName::Base => [
            (40.6, 100.0, 93.3), (280.6, 100.0, 93.3), (220.6, 100.0, 98.3), (40.6, 100.0, 83.3),
            (280.6, 100.0, 83.3), (220.6, 100.0, 88.3), (100.6, 100.0, 83.3), (340.6, 100.0, 83.3),
            (160.6, 100.0, 93.3), (100.6, 100.0, 73.3), (340.6, 100.0, 73.3), (160.6, 100.0, 83.3),
        ],
        ThemeName::Default => [
            (240.0, 100.0, 96.2745098039), (60.0, 100.0, 93.5294117647), (80.0, 100.0, 56.2745098039), (240.0, 100.0, 86.2745098039),
            (60.0, 100.0, 63.5294117647), (80.0, 100.0, 76.2745098039), (300.0, 100.0, 76.2745098039), (180.0, 100.0, 56.2745098039),
            (0.0, 100.0, 56.2745098039), (300.0, 100.0, 56.2745098039), (150.0, 100.0, 56.2745098039), (0.0, 100.0, 66.2745098039),
        ],
    };
    hsl.map(|(h, s, l)| hsl_to_hex(h, s, l))
}

/// The pie chart as an SVG document.
pub fn draw_pie(p: &Pie, l: &PieLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let palette = pie_palette(theme_name);
    let stroke = if theme.background.is_some() { "#cccccc" } else { "#000000" };
    let text_color = if theme.background.is_some() { theme.text } else { "#000000" };
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document {
            view_box: Rect::new(0.0, 0.0, l.width, l.height),
            kind: "pie",
            role: "pie",
            acc_title: p.acc_title.as_deref(),
            acc_descr: p.acc_descr.as_deref(),
            background: theme.background,
        },
    );
    let c = l.center;
    w.leaf(
        "circle",
        Attrs::new().set("class", "pieOuterCircle").num("cx", c.x).num("cy", c.y).num("r", l.radius + 1.0).set("fill", "none").set("stroke", stroke).num("stroke-width", 2.0),
    );
    for s in &l.slices {
        let fill = &palette[s.color];
        let attrs = Attrs::new().set("class", "pieCircle").set("data-label", &p.slices[s.slice].label);
        let attrs = if s.end - s.start >= std::f64::consts::TAU - 1e-9 {
            w.leaf("circle", attrs.num("cx", c.x).num("cy", c.y).num("r", l.radius).set("fill", fill).set("stroke", stroke).num("stroke-width", 2.0).num("opacity", 0.7));
            continue;
        } else {
            attrs
        };
        let a = polar(c, l.radius, s.start);
        let b = polar(c, l.radius, s.end);
        let large = if s.end - s.start > std::f64::consts::PI { 1 } else { 0 };
        let r = num(l.radius);
        let d = format!("M{},{}L{},{}A{r},{r} 0 {large} 1 {},{}Z", num(c.x), num(c.y), num(a.x), num(a.y), num(b.x), num(b.y));
        w.leaf("path", attrs.set("d", d).set("fill", fill).set("stroke", stroke).num("stroke-width", 2.0).num("opacity", 0.7));
    }
    for s in &l.slices {
        if let Some(t) = &s.label {
            draw_text_block(&mut w, &t.text, &t.style, &t.block, t.center, theme.text, "slice");
        }
    }
    if let Some(t) = &l.title {
        draw_text_block(&mut w, &t.text, &t.style, &t.block, t.center, text_color, "pieTitleText");
    }
    for e in &l.legend {
        let color = &palette[e.color];
        w.open("g", Attrs::new().set("class", "legend"));
        w.leaf("rect", Attrs::new().num("x", e.swatch.x).num("y", e.swatch.y).num("width", e.swatch.width).num("height", e.swatch.height).set("fill", color).set("stroke", color));
        draw_text_block(&mut w, &e.text.text, &e.text.style, &e.text.block, e.text.center, text_color, "legend-text");
        w.close("g");
    }
    w.close("svg");
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_palette_is_mermaids() {
        let p = pie_palette(ThemeName::Default);
        assert_eq!(p[0], "#ececff");
        assert_eq!(p[1], "#ffffde");
        assert_eq!(p[8], "#ff2020");
    }
}
