//! Drawing a laid-out XY chart with mermaid's default xychart theme: white
//! background, text, ticks and axis lines in its primary text colour, plots
//! in its ten-colour `plotColorPalette`.

use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use crate::layout::geometry::{num, Rect};
use crate::layout::text::PlacedText;
use super::layout::{PlacedSeries, XyLayout, AXIS_LINE_WIDTH, PALETTE, TICK_LENGTH};
use super::model::{SeriesKind, XyChart};

/// mermaid's default-theme `primaryTextColor` (the inverse of `#ECECFF`).
const TEXT: &str = "#131300";

fn color(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// The stroke of a line plot: its palette colour, darkened to lightness 55%
/// when it is too pale to see on white as a 2px line (mermaid draws the
/// first line in `#ECECFF`, all but invisible).
pub fn line_color(i: usize) -> String {
    let hex = color(i);
    let v = u32::from_str_radix(&hex[1..], 16).unwrap_or(0);
    let (r, g, b) = (((v >> 16) & 255) as f64 / 255.0, ((v >> 8) & 255) as f64 / 255.0, (v & 255) as f64 / 255.0);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let l = (max + min) / 2.0;
    if l <= 0.75 {
        return hex.to_string();
    }
    let d = max - min;
    let s = if d == 0.0 { 0.0 } else { d / (1.0 - (2.0 * l - 1.0).abs()) };
    let h = if d == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    crate::svg::theme::hsl_to_hex(h, (s * 100.0).min(60.0), 55.0)
}

/// The chart as an SVG document.
pub fn draw_xychart(c: &XyChart, l: &XyLayout, theme: &Theme) -> String {
    let (bg, ink) = match theme.background {
        Some(bg) => (bg, theme.text),
        None => ("white", TEXT),
    };
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document {
            view_box: Rect::new(0.0, 0.0, l.width, l.height),
            kind: "xychart",
            role: "xychart",
            acc_title: c.acc_title.as_deref(),
            acc_descr: c.acc_descr.as_deref(),
            background: Some(bg),
        },
    );
    let p = l.plot;

    // Plots, in the order written (later series over earlier ones).
    w.open("g", Attrs::new().set("class", "plot"));
    for (k, s) in l.series.iter().enumerate() {
        match s {
            PlacedSeries::Bars { color: ci, rects } => {
                w.open("g", Attrs::new().set("class", format!("bar-plot-{k}")));
                for r in rects {
                    w.leaf("rect", Attrs::new().num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).set("fill", color(*ci)).num("stroke-width", 0.0));
                }
                w.close("g");
            }
            PlacedSeries::Line { color: ci, points } => {
                if points.is_empty() {
                    continue;
                }
                let d: String = points.iter().enumerate().map(|(i, q)| format!("{}{},{}", if i == 0 { "M" } else { "L" }, num(q.x), num(q.y))).collect();
                w.leaf("path", Attrs::new().set("class", format!("line-plot-{k}")).set("d", d).set("fill", "none").set("stroke", line_color(*ci)).num("stroke-width", 2.0));
            }
        }
    }
    w.close("g");

    // Axes: lines, ticks, labels.
    let half = AXIS_LINE_WIDTH / 2.0;
    let (cat_line, val_line) = if l.horizontal {
        // categories left, values on top
        (format!("M{},{}L{},{}", num(p.x - half), num(p.y), num(p.x - half), num(p.y + p.height)), format!("M{},{}L{},{}", num(p.x), num(p.y - half), num(p.x + p.width), num(p.y - half)))
    } else {
        (format!("M{},{}L{},{}", num(p.x), num(p.y + p.height + half), num(p.x + p.width), num(p.y + p.height + half)), format!("M{},{}L{},{}", num(p.x - half), num(p.y), num(p.x - half), num(p.y + p.height)))
    };
    let cat_axis_class = if l.horizontal { "left-axis" } else { "bottom-axis" };
    let val_axis_class = if l.horizontal { "top-axis" } else { "left-axis" };
    for (class, line, ticks, along_x) in [(cat_axis_class, cat_line, &l.category_ticks, !l.horizontal), (val_axis_class, val_line, &l.value_ticks, l.horizontal)] {
        w.open("g", Attrs::new().set("class", class));
        w.leaf("path", Attrs::new().set("class", "axisl-line").set("d", line).set("fill", "none").set("stroke", ink).num("stroke-width", AXIS_LINE_WIDTH));
        for t in ticks.iter() {
            let d = if along_x {
                let y = if l.horizontal { p.y - AXIS_LINE_WIDTH } else { p.y + p.height + AXIS_LINE_WIDTH };
                let y2 = if l.horizontal { y - TICK_LENGTH } else { y + TICK_LENGTH };
                format!("M{},{}L{},{}", num(t.at), num(y), num(t.at), num(y2))
            } else {
                let x = p.x - AXIS_LINE_WIDTH;
                format!("M{},{}L{},{}", num(x), num(t.at), num(x - TICK_LENGTH), num(t.at))
            };
            w.leaf("path", Attrs::new().set("class", "tick").set("d", d).set("fill", "none").set("stroke", ink).num("stroke-width", 2.0));
            text(&mut w, &t.label, ink, "label");
        }
        w.close("g");
    }
    if let Some(t) = &l.category_title {
        if l.horizontal {
            rotated(&mut w, t, ink, "axis-title");
        } else {
            text(&mut w, t, ink, "axis-title");
        }
    }
    if let Some(t) = &l.value_title {
        if l.horizontal {
            text(&mut w, t, ink, "axis-title");
        } else {
            rotated(&mut w, t, ink, "axis-title");
        }
    }
    if let Some(t) = &l.title {
        text(&mut w, t, ink, "chart-title");
    }
    for e in &l.legend {
        w.open("g", Attrs::new().set("class", "legend"));
        let s = e.swatch;
        let fill = if c.series.iter().any(|x| x.color == e.color && x.kind == SeriesKind::Line) { line_color(e.color) } else { color(e.color).to_string() };
        w.leaf("rect", Attrs::new().num("x", s.x).num("y", s.y).num("width", s.width).num("height", s.height).set("fill", fill));
        text(&mut w, &e.text, ink, "legend-text");
        w.close("g");
    }
    w.close("svg");
    w.finish()
}

fn text(w: &mut SvgWriter, t: &PlacedText, fill: &str, class: &str) {
    draw_text_block(w, &t.text, &t.style, &t.block, t.center, fill, class);
}

/// Text turned a quarter left about its centre.
fn rotated(w: &mut SvgWriter, t: &PlacedText, fill: &str, class: &str) {
    w.open("g", Attrs::new().set("transform", format!("rotate(-90 {} {})", num(t.center.x), num(t.center.y))));
    text(w, t, fill, class);
    w.close("g");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pale_lines_are_darkened() {
        assert_eq!(color(0), "#ECECFF");
        assert_ne!(line_color(0), "#ECECFF");
        assert_eq!(line_color(1), "#8493A6");
        assert_eq!(color(10), "#ECECFF");
    }

    #[test]
    fn draws_a_chart() {
        let c = match crate::diagrams::parse("xychart-beta\n title \"T\"\n x-axis [a, b]\n bar [1, 2]\n line \"L\" [2, 1]\n").diagram {
            Some(crate::diagrams::Diagram::XyChart(c)) => c,
            _ => panic!(),
        };
        let l = crate::diagrams::xychart::layout::layout_xychart(&c);
        let svg = draw_xychart(&c, &l, &Theme::named(crate::model::config::ThemeName::Default));
        assert!(svg.contains("bar-plot-0") && svg.contains("line-plot-1") && svg.contains("chart-title"));
        assert!(svg.contains("viewBox=\"0 0 700 500\""));
    }
}
