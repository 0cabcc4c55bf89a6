//! Drawing a laid-out quadrant chart with mermaid-js's structure
//! (`g.main` > `g.quadrants`, `g.border`, `g.data-points`, `g.labels`,
//! `g.title`) and each theme's `quadrant*` colours. Texts are placed by
//! their baseline (mermaid's `dominant-baseline` worked out as Chromium
//! does), so every renderer puts them in the same place.

use super::layout::{HAnchor, PlacedText, QuadrantLayout};
use super::model::QuadrantChart;
use crate::layout::geometry::{num, Rect};
use crate::model::config::ThemeName;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{escape_text, Attrs, SvgWriter};
use crate::svg::Theme;

/// A theme's quadrant chart colours (mermaid's `quadrant*` theme
/// variables, as mermaid 11.17 computes them).
#[derive(Debug, Clone, PartialEq)]
pub struct QuadrantColors {
    pub fills: [String; 4],
    pub text_fills: [String; 4],
    pub point_fill: String,
    pub point_text: String,
    pub x_axis_text: String,
    pub y_axis_text: String,
    pub title: String,
    pub external_border: String,
    pub internal_border: String,
}

impl QuadrantColors {
    pub fn of(theme: ThemeName, chart: &QuadrantChart) -> QuadrantColors {
        let s = |v: &str| v.to_string();
        let (fills, texts, border, ink, point) = match theme {
            ThemeName::Default => (["#ECECFF", "#f1f1ff", "#f6f6ff", "#fbfbff"], ["#131300", "#0e0e00", "#090900", "#040400"], "#c7c7f1", "#131300", "#333333"),
            ThemeName::Base => (["#fff4dd", "#fff9e2", "#fffee7", "#ffffec"], ["#333333", "#2e2e2e", "#292929", "#242424"], "#eedebb", "#333333", "#333333"),
            ThemeName::Dark => (["#1f2020", "#242525", "#292a2a", "#2e2f2f"], ["#e0dfdf", "#dbdada", "#d6d5d5", "#d1d0d0"], "#cccccc", "#e0dfdf", "#cccccc"),
            ThemeName::Forest => (["#cde498", "#d2e99d", "#d7eea2", "#dcf3a7"], ["#321b67", "#2d1662", "#28115d", "#230c58"], "#abb594", "#321b67", "#000000"),
            ThemeName::Neutral => (["#eeeeee", "#f3f3f3", "#f8f8f8", "#fdfdfd"], ["#111111", "#0c0c0c", "#070707", "#020202"], "#d5d5d5", "#111111", "#000000"),
        };
        let mut c = QuadrantColors {
            fills: fills.map(s),
            text_fills: texts.map(s),
            // mermaid's default point fill is an invalid `hsl(.., NaN%)`:
            // browsers ignore it and the point takes the text colour.
            point_fill: s(point),
            point_text: s(ink),
            x_axis_text: s(ink),
            y_axis_text: s(ink),
            title: s(ink),
            external_border: s(border),
            internal_border: s(border),
        };
        for (key, value) in &chart.theme_colors {
            let v = value.clone();
            match key.as_str() {
                "quadrant1Fill" => c.fills[0] = v,
                "quadrant2Fill" => c.fills[1] = v,
                "quadrant3Fill" => c.fills[2] = v,
                "quadrant4Fill" => c.fills[3] = v,
                "quadrant1TextFill" => c.text_fills[0] = v,
                "quadrant2TextFill" => c.text_fills[1] = v,
                "quadrant3TextFill" => c.text_fills[2] = v,
                "quadrant4TextFill" => c.text_fills[3] = v,
                "quadrantPointFill" => c.point_fill = v,
                "quadrantPointTextFill" => c.point_text = v,
                "quadrantXAxisTextFill" => c.x_axis_text = v,
                "quadrantYAxisTextFill" => c.y_axis_text = v,
                "quadrantTitleFill" => c.title = v,
                "quadrantExternalBorderStrokeFill" => c.external_border = v,
                "quadrantInternalBorderStrokeFill" => c.internal_border = v,
                _ => {}
            }
        }
        c
    }
}

/// The chart as an SVG document.
pub fn draw_quadrant(c: &QuadrantChart, l: &QuadrantLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let colors = QuadrantColors::of(theme_name, c);
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document { view_box: Rect::new(0.0, 0.0, l.width, l.height), kind: "quadrant", role: "quadrantChart", acc_title: c.acc_title.as_deref(), acc_descr: c.acc_descr.as_deref(), background: theme.background },
    );
    w.open("g", Attrs::new().set("class", "main"));

    w.open("g", Attrs::new().set("class", "quadrants"));
    for q in &l.quadrants {
        w.open("g", Attrs::new().set("class", "quadrant"));
        let r = q.rect;
        w.leaf("rect", Attrs::new().num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).set("fill", &colors.fills[q.index]));
        if let Some(t) = &q.label {
            draw_text(&mut w, t, &colors.text_fills[q.index], None);
        }
        w.close("g");
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "border"));
    for b in &l.borders {
        let (stroke, width) = if b.outer { (&colors.external_border, l.external_border_width) } else { (&colors.internal_border, l.internal_border_width) };
        w.leaf("line", Attrs::new().num("x1", b.x1).num("y1", b.y1).num("x2", b.x2).num("y2", b.y2).set("stroke", stroke).num("stroke-width", width));
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "data-points"));
    for p in &l.points {
        w.open("g", Attrs::new().set("class", "data-point"));
        let fill = p.color.as_deref().unwrap_or(&colors.point_fill);
        let mut circle = Attrs::new().num("cx", p.cx).num("cy", p.cy).num("r", p.radius).set("fill", fill);
        if p.stroke_width > 0.0 {
            circle = circle.set("stroke", p.stroke_color.as_deref().unwrap_or(fill)).num("stroke-width", p.stroke_width);
        }
        w.leaf("circle", circle);
        if let Some(t) = &p.label {
            draw_text(&mut w, t, &colors.point_text, None);
        }
        w.close("g");
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "labels"));
    for t in &l.axis_labels {
        w.open("g", Attrs::new().set("class", "label"));
        draw_text(&mut w, t, if t.turned { &colors.y_axis_text } else { &colors.x_axis_text }, None);
        w.close("g");
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "title"));
    if let Some(t) = &l.title {
        draw_text(&mut w, t, &colors.title, Some("quadrantTitle"));
    }
    w.close("g");

    w.close("g");
    w.close("svg");
    w.finish()
}

/// One text at its anchor, by its baseline, turned where the layout says.
fn draw_text(w: &mut SvgWriter, t: &PlacedText, fill: &str, class: Option<&str>) {
    let baseline = t.baseline_offset();
    let anchor = match t.h_anchor {
        HAnchor::Start => "start",
        HAnchor::Middle => "middle",
    };
    let mut attrs = Attrs::new().opt("class", class);
    attrs = if t.turned {
        attrs.num("x", 0.0).num("y", baseline).set("transform", format!("translate({},{}) rotate(-90)", num(t.x), num(t.y)))
    } else {
        attrs.num("x", t.x).num("y", t.y + baseline)
    };
    attrs = attrs.set("fill", fill).num("font-size", t.font_size).set("text-anchor", anchor);
    if t.width > 0.0 {
        attrs = attrs.num("textLength", t.width).set("lengthAdjust", "spacingAndGlyphs");
    }
    w.inline("text", attrs, &escape_text(&t.text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_mermaids_groups_and_colours() {
        let c = match crate::diagrams::parse("quadrantChart\ntitle T\nx-axis L --> R\nquadrant-1 One\nA: [0.3, 0.6] color: #ff3300\n").diagram {
            Some(crate::diagrams::Diagram::Quadrant(c)) => c,
            other => panic!("{other:?}"),
        };
        let l = super::super::layout::layout_quadrant(&c);
        let svg = draw_quadrant(&c, &l, &Theme::named(ThemeName::Default), ThemeName::Default);
        for class in ["class=\"quadrants\"", "class=\"border\"", "class=\"data-points\"", "class=\"labels\"", "class=\"title\""] {
            assert!(svg.contains(class), "{class}");
        }
        assert!(svg.contains("fill=\"#ECECFF\"") && svg.contains("fill=\"#ff3300\""));
        assert!(svg.contains("viewBox=\"0 0 500 500\""));
        let dark = QuadrantColors::of(ThemeName::Dark, &c);
        assert_eq!(dark.fills[0], "#1f2020");
    }
}
