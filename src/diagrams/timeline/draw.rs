//! Drawing a laid-out timeline with mermaid's classes (`timeline-node`,
//! `section-N`, `taskWrapper`, `eventWrapper`, `lineWrapper`) and the
//! default theme's section colours (or the base theme's): `cScale0`..`cScale11` for the boxes,
//! `cScaleInv` for the line under each box, `cScaleLabel` for the text;
//! events are drawn 20% brighter, as mermaid's `brightness(120%)` filter
//! draws them.

use crate::svg::sections::section_colors;
use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use crate::layout::geometry::num;
use super::layout::{title_style, TimelineLayout, TimelineNode};
use crate::model::config::ThemeName;
use super::model::Timeline;

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
    fn events_are_brightened_as_mermaid_filters_them() {
        // hsl(240, 100%, 76.27%), hsl(60, 100%, 73.53%), hsl(80, 100%, 76.27%)
        assert_eq!(brighten("#8686ff"), "#a1a1ff");
    }
}
