//! Drawing a laid-out sankey diagram as mermaid-js does: `g.nodes` of
//! `g.node` rectangles in d3's Tableau 10 colours (or `sankey.nodeColors`),
//! `g.links`, each a `g.link` path as wide as its flow at half opacity,
//! painted with a gradient from its source's colour to its target's (or
//! `linkColor`'s choice), and `g.node-labels` in 14 px text.
//!
//! One difference: mermaid draws the links over the labels and blends them
//! with `mix-blend-mode: multiply`, which on white keeps dark text dark
//! under a link, and on a dark page turns links almost black and dims the
//! light text under them. Here links are plain half-opacity paint drawn
//! under the labels: on white it looks the same (but where links cross),
//! and the dark scheme stays readable.

use super::layout::{Anchor, SankeyLayout, LABEL_FONT};
use super::model::{LabelStyle, LinkColor, Sankey};
use crate::layout::geometry::{num, Rect};
use crate::model::config::ThemeName;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{escape_text, Attrs, SvgWriter};
use crate::svg::Theme;

/// d3's `schemeTableau10`, the colours mermaid gives nodes in turn.
pub const TABLEAU10: [&str; 10] = ["#4e79a7", "#f28e2c", "#e15759", "#76b7b2", "#59a14f", "#edc949", "#af7aa1", "#ff9da7", "#9c755f", "#bab0ab"];

/// The label colour: mermaid's `textColor` of each theme (the diagram's
/// root `fill`).
pub fn text_color(theme: ThemeName) -> &'static str {
    match theme {
        ThemeName::Default | ThemeName::Base => "#333333",
        ThemeName::Dark => "#cccccc",
        ThemeName::Forest | ThemeName::Neutral => "#000000",
    }
}

/// Each node's colour: its `nodeColors` entry, else the next palette colour
/// (d3's ordinal scale hands colours out in the order nodes ask for them).
pub fn node_colors(s: &Sankey) -> Vec<String> {
    let mut next = 0;
    s.nodes
        .iter()
        .map(|name| match s.options.node_colors.iter().find(|(n, _)| n == name) {
            Some((_, c)) => c.clone(),
            None => {
                next += 1;
                TABLEAU10[(next - 1) % TABLEAU10.len()].to_string()
            }
        })
        .collect()
}

/// The view box: everything drawn (as mermaid's, the bounding box of the
/// drawing), out to whole pixels.
pub fn view_box(l: &SankeyLayout) -> Rect {
    let b = l.bounds;
    let (x, y) = (b.x.floor(), b.y.floor());
    Rect::new(x, y, (b.right().ceil() - x).max(1.0), (b.bottom().ceil() - y).max(1.0))
}

/// The diagram as an SVG document.
pub fn draw_sankey(s: &Sankey, l: &SankeyLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let colors = node_colors(s);
    let ink = text_color(theme_name);
    let mut w = SvgWriter::new();
    open_document(&mut w, &Document { view_box: view_box(l), kind: "sankey", role: "sankey", acc_title: None, acc_descr: None, background: theme.background });

    w.open("g", Attrs::new().set("class", "nodes"));
    for (i, n) in l.nodes.iter().enumerate() {
        w.open("g", Attrs::new().set("class", "node").set("id", format!("node-{}", i + 1)).set("transform", format!("translate({},{})", num(n.x0), num(n.y0))));
        w.leaf("rect", Attrs::new().num("height", n.y1 - n.y0).num("width", n.x1 - n.x0).set("fill", &colors[i]).set("shape-rendering", "crispEdges"));
        w.close("g");
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "links").set("fill", "none").num("stroke-opacity", 0.5));
    for (k, link) in l.links.iter().enumerate() {
        w.open("g", Attrs::new().set("class", "link"));
        let stroke = match &s.options.link_color {
            LinkColor::Gradient => {
                let id = format!("linearGradient-{}", k + 1);
                w.open("linearGradient", Attrs::new().set("id", &id).set("gradientUnits", "userSpaceOnUse").num("x1", link.x0).num("x2", link.x1));
                w.leaf("stop", Attrs::new().set("offset", "0%").set("stop-color", &colors[link.source]));
                w.leaf("stop", Attrs::new().set("offset", "100%").set("stop-color", &colors[link.target]));
                w.close("linearGradient");
                format!("url(#{id})")
            }
            LinkColor::Source => colors[link.source].clone(),
            LinkColor::Target => colors[link.target].clone(),
            LinkColor::Fixed(c) => c.clone(),
        };
        let [p0, c1, c2, p1] = link.path();
        let d = format!("M{},{}C{},{},{},{},{},{}", num(p0.0), num(p0.1), num(c1.0), num(c1.1), num(c2.0), num(c2.1), num(p1.0), num(p1.1));
        w.leaf("path", Attrs::new().set("d", d).set("stroke", stroke).num("stroke-width", link.stroke_width()));
        w.close("g");
    }
    w.close("g");
    w.open("g", Attrs::new().set("class", "node-labels").num("font-size", LABEL_FONT));
    let halo = theme.background.unwrap_or(theme.node_fill);
    for n in &l.nodes {
        let label = &n.label;
        if label.text.is_empty() {
            continue;
        }
        let attrs = Attrs::new()
            .num("x", label.x)
            .num("y", label.y)
            .set("text-anchor", if label.anchor == Anchor::Start { "start" } else { "end" })
            .num("textLength", label.width)
            .set("lengthAdjust", "spacingAndGlyphs");
        if l.label_style == LabelStyle::Outlined {
            let bg = attrs.clone().set("class", "sankey-label-bg").set("fill", ink).set("stroke", halo).num("stroke-width", 4.0).set("stroke-linejoin", "round").set("paint-order", "stroke");
            w.inline("text", bg, &escape_text(&label.text));
            w.inline("text", attrs.set("class", "sankey-label-fg").set("fill", ink), &escape_text(&label.text));
        } else {
            w.inline("text", attrs.set("fill", ink), &escape_text(&label.text));
        }
    }
    w.close("g");

    w.close("svg");
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sankey(text: &str) -> Sankey {
        match crate::diagrams::parse(text).diagram {
            Some(crate::diagrams::Diagram::Sankey(s)) => s,
            other => panic!("not a sankey: {other:?}"),
        }
    }

    #[test]
    fn colours_follow_the_palette_and_node_colors() {
        let s = sankey("%%{init: {'sankey': {'nodeColors': {'b': '#123456'}}}}%%\nsankey-beta\na,b,1\nb,c,1\n");
        assert_eq!(node_colors(&s), ["#4e79a7", "#123456", "#f28e2c"]);
    }

    #[test]
    fn draws_gradients_or_plain_links() {
        let s = sankey("sankey-beta\na,b,10\nb,c,5\n");
        let l = super::super::layout::layout_sankey(&s);
        let svg = draw_sankey(&s, &l, &Theme::named(ThemeName::Default), ThemeName::Default);
        assert_eq!(svg.matches("<linearGradient").count(), 2);
        assert!(svg.contains("stroke=\"url(#linearGradient-1)\""));
        assert!(svg.contains(">a 10</text>"), "{svg}");
        let s = sankey("%%{init: {'sankey': {'linkColor': 'source', 'showValues': false}}}%%\nsankey-beta\na,b,10\nb,c,5\n");
        let l = super::super::layout::layout_sankey(&s);
        let svg = draw_sankey(&s, &l, &Theme::named(ThemeName::Default), ThemeName::Default);
        assert!(!svg.contains("<linearGradient"));
        assert!(svg.contains("stroke=\"#4e79a7\""));
        assert!(svg.contains(">a</text>"));
    }
}
