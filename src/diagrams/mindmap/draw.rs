//! Drawing a laid-out mindmap with mermaid's look and classes: nodes
//! `g.node.mindmap-node.section-N` (the root `section-root`) filled with the
//! theme's section colours (`cScale`), labels in `cScaleLabel`, plain nodes
//! underlined in `cScaleInv`, edges `path.edge.section-edge-N.edge-depth-D`
//! in their branch's colour, thinner with depth. Colours are presentation
//! attributes, so the drawing needs no stylesheet.

use super::layout::{inner_axes, MindmapLayout, PlacedNode};
use super::model::{Mindmap, Shape};
use crate::layout::geometry::{num, Point, Rect};
use crate::model::config::ThemeName;
use crate::svg::document::{open_document, Document};
use crate::svg::theme::hsl_to_hex;
use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::sections::section_colors;
use crate::svg::writer::{Attrs, SvgWriter};
use std::fmt::Write;

/// The root's fill and text: mermaid's `git0` (the primary colour darkened
/// by 50) and `gitBranchLabel0` (white).
fn root_colors(theme: ThemeName) -> (String, String) {
    match theme {
        ThemeName::Base => (hsl_to_hex(40.588235, 100.0, 43.333333), "#ffffff".into()),
        _ => (hsl_to_hex(240.0, 100.0, 46.2745098039), "#ffffff".into()),
    }
}

/// Fill, underline and text colour of a node of `section` (`None`: the root).
fn node_colors(theme: ThemeName, section: Option<usize>) -> (String, String, String) {
    match section {
        None => {
            let (fill, text) = root_colors(theme);
            (fill, section_colors(theme, 0).1, text)
        }
        Some(s) => section_colors(theme, s + 1),
    }
}

fn section_class(section: Option<usize>) -> String {
    match section {
        None => "section-root section--1".into(),
        Some(s) => format!("section-{s}"),
    }
}

/// The mindmap as an SVG document.
pub fn draw_mindmap(m: &Mindmap, l: &MindmapLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let mut w = SvgWriter::new();
    let view = Rect::new(0.0, 0.0, l.size.width, l.size.height);
    open_document(&mut w, &Document { view_box: view, kind: "mindmap", role: "mindmap", acc_title: None, acc_descr: None, background: theme.background });
    w.open("g", Attrs::new().set("class", "edges"));
    for e in &l.edges {
        let depth = m.nodes[e.from].level + 1;
        let class = match e.section {
            Some(s) => format!("edge section-edge-{s} edge-depth-{depth}"),
            None => format!("edge edge-depth-{depth}"),
        };
        let (stroke, _, _) = node_colors(theme_name, e.section);
        w.leaf(
            "path",
            Attrs::new().set("class", class).set("d", e.path.to_svg_d()).set("fill", "none").set("stroke", stroke).num("stroke-width", e.width).set("data-from", &m.nodes[e.from].id.trim()).set("data-to", &m.nodes[e.to].id.trim()),
        );
    }
    w.close("g");
    w.open("g", Attrs::new().set("class", "nodes"));
    for (n, placed) in m.nodes.iter().zip(&l.nodes) {
        let mut class = format!("node mindmap-node {}", section_class(placed.section));
        if let Some(extra) = n.classes.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            class.push(' ');
            class.push_str(extra);
        }
        let (fill, line, text) = node_colors(theme_name, placed.section);
        w.open("g", Attrs::new().set("class", class).set("data-id", n.id.trim()));
        draw_shape(&mut w, placed, &fill, &line);
        if let (Some(icon), Some(name)) = (placed.icon, n.icon.as_deref()) {
            draw_icon(&mut w, icon, name.trim(), &text);
        }
        draw_text_block(&mut w, &placed.text, &placed.style, &placed.block, placed.text_center, &text, "mindmap-node-label");
        w.close("g");
    }
    w.close("g");
    w.close("svg");
    w.finish()
}

fn draw_shape(w: &mut SvgWriter, n: &PlacedNode, fill: &str, line: &str) {
    let r = n.rect;
    let c = r.center();
    let body = Attrs::new().set("class", format!("node-bkg node-{}", n.shape.name()));
    match n.shape {
        Shape::Default => {
            w.leaf("path", body.set("d", rounded_rect(&r, 5.0)).set("fill", fill));
            w.leaf("line", Attrs::new().set("class", "node-line").num("x1", r.x).num("y1", r.bottom()).num("x2", r.right()).num("y2", r.bottom()).set("stroke", line).num("stroke-width", 3.0));
        }
        Shape::Rect => w.leaf("rect", body.num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).set("fill", fill)),
        Shape::RoundedRect => w.leaf("rect", body.num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).num("rx", 5.0).num("ry", 5.0).set("fill", fill)),
        Shape::Circle => w.leaf("circle", body.num("cx", c.x).num("cy", c.y).num("r", r.width / 2.0).set("fill", fill)),
        Shape::Cloud => w.leaf("path", body.set("d", cloud(&r)).set("fill", fill)),
        Shape::Bang => w.leaf("path", body.set("d", bang(&r)).set("fill", fill)),
        Shape::Hexagon => {
            let m = r.height / 4.0;
            let pts = [(r.x + m, r.y), (r.right() - m, r.y), (r.right(), c.y), (r.right() - m, r.bottom()), (r.x + m, r.bottom()), (r.x, c.y)];
            let points = pts.iter().map(|(x, y)| format!("{},{}", num(*x), num(*y))).collect::<Vec<_>>().join(" ");
            w.leaf("polygon", body.set("points", points).set("fill", fill));
        }
    }
}

/// The icon placeholder: a rounded square with a dot, named by a tooltip
/// (mermaid draws Font Awesome icons from the page's own stylesheet; a
/// drawing made without a browser shows where the icon goes).
fn draw_icon(w: &mut SvgWriter, r: Rect, name: &str, color: &str) {
    w.open("g", Attrs::new().set("class", "node-icon").set("data-icon", name));
    w.text("title", Attrs::new(), name);
    w.leaf("rect", Attrs::new().num("x", r.x + 1.0).num("y", r.y + 1.0).num("width", r.width - 2.0).num("height", r.height - 2.0).num("rx", 4.0).set("fill", "none").set("stroke", color).num("stroke-width", 1.5));
    let c = r.center();
    w.leaf("circle", Attrs::new().num("cx", c.x).num("cy", c.y).num("r", 2.5).set("fill", color));
    w.close("g");
}

fn rounded_rect(r: &Rect, rd: f64) -> String {
    format!(
        "M{},{}V{}Q{},{},{},{}H{}Q{},{},{},{}V{}Q{},{},{},{}H{}Q{},{},{},{}Z",
        num(r.x),
        num(r.bottom() - rd),
        num(r.y + rd),
        num(r.x),
        num(r.y),
        num(r.x + rd),
        num(r.y),
        num(r.right() - rd),
        num(r.right()),
        num(r.y),
        num(r.right()),
        num(r.y + rd),
        num(r.bottom() - rd),
        num(r.right()),
        num(r.bottom()),
        num(r.right() - rd),
        num(r.bottom()),
        num(r.x + rd),
        num(r.x),
        num(r.bottom()),
        num(r.x),
        num(r.bottom() - rd)
    )
}

/// Points on the ellipse of semi-axes (a, b) round `c`, `k` of them from the left.
fn ellipse_points(c: Point, a: f64, b: f64, k: usize) -> Vec<Point> {
    (0..k)
        .map(|i| {
            let t = std::f64::consts::PI + i as f64 * std::f64::consts::TAU / k as f64;
            Point::new(c.x + a * t.cos(), c.y + b * t.sin())
        })
        .collect()
}

/// A cloud: bumps bulging out from an ellipse inside the box to its edges.
fn cloud(r: &Rect) -> String {
    let (a, b) = inner_axes(Shape::Cloud, r.size());
    let perimeter = std::f64::consts::PI * (3.0 * (a + b) - ((3.0 * a + b) * (a + 3.0 * b)).sqrt());
    let k = ((perimeter / 34.0).round() as usize).max(6);
    let pts = ellipse_points(r.center(), a, b, k);
    let mut d = format!("M{},{}", num(pts[0].x), num(pts[0].y));
    for i in 0..k {
        let (p, q) = (pts[i], pts[(i + 1) % k]);
        let chord = p.distance(q);
        let sag = 7.0f64.min(chord / 2.0);
        let radius = (chord * chord / 4.0 + sag * sag) / (2.0 * sag);
        let _ = write!(d, "A{},{} 0 0,1 {},{}", num(radius), num(radius), num(q.x), num(q.y));
    }
    d.push('Z');
    d
}

/// A bang: spikes on the box's ellipse joined by arcs curving in towards an
/// ellipse inside it.
fn bang(r: &Rect) -> String {
    let (a, b) = inner_axes(Shape::Bang, r.size());
    let (oa, ob) = (r.width / 2.0, r.height / 2.0);
    let perimeter = std::f64::consts::PI * (3.0 * (oa + ob) - ((3.0 * oa + ob) * (oa + 3.0 * ob)).sqrt());
    let k = ((perimeter / 40.0).round() as usize).max(8);
    let _ = (a, b);
    let pts = ellipse_points(r.center(), oa, ob, k);
    let mut d = format!("M{},{}", num(pts[0].x), num(pts[0].y));
    for i in 0..k {
        let (p, q) = (pts[i], pts[(i + 1) % k]);
        let chord = p.distance(q);
        let sag = 6.0f64.min(chord / 2.0);
        let radius = (chord * chord / 4.0 + sag * sag) / (2.0 * sag);
        let _ = write!(d, "A{},{} 0 0,0 {},{}", num(radius), num(radius), num(q.x), num(q.y));
    }
    d.push('Z');
    d
}
