//! Drawing a laid-out flowchart.
//!
//! Elements carry mermaid's classes so CSS written for mermaid's SVG keeps
//! working: `g.cluster`, `path.flowchart-link`, `g.edgeLabel`, `g.node`,
//! each with `data-id` (nodes, clusters) or `data-from`/`data-to` (edges).
//! Everything is drawn with presentation attributes, so the SVG looks the
//! same in browsers and in resvg without any stylesheet.

use crate::svg::text::{draw_text_block, translate};
use crate::svg::theme::Theme;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use super::layout::{FlowchartLayout, PlacedEdge, PlacedNode, ARROW_LENGTH};
use crate::layout::geometry::{num, push_num, Point, Rect};
use crate::layout::outline::Outline;
use super::model::{ArrowHead, Edge, Flowchart, Shape, Stroke};
use crate::planes::LegendEntry;
use crate::text::{measure, RichText, TextStyle};
use std::borrow::Cow;

/// Margin around the drawing.
pub const MARGIN: f64 = 8.0;

/// The flowchart as an SVG document.
pub fn draw_flowchart(f: &Flowchart, l: &FlowchartLayout, theme: &Theme, legend: &[LegendEntry]) -> String {
    // A front-matter title goes above the drawing, centred, as mermaid draws it.
    let title = f.config.title.as_deref().filter(|t| !t.trim().is_empty()).map(|t| {
        let text = RichText::plain(t);
        let style = TextStyle { font_size: 18.0, ..TextStyle::default() };
        let block = measure(&text, &style);
        (text, style, block)
    });
    let title_band = title.as_ref().map_or(0.0, |(_, _, b)| b.height + MARGIN);
    let legend_row = LegendRow::measure(legend);
    let legend_band = if legend.is_empty() { 0.0 } else { legend_row.height + 2.0 * MARGIN };
    let content_width = l.size.width.max(title.as_ref().map_or(0.0, |(_, _, b)| b.width)).max(legend_row.width);
    let width = content_width + 2.0 * MARGIN;
    let height = l.size.height + title_band + legend_band + 2.0 * MARGIN;
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document { view_box: Rect::new(0.0, 0.0, width, height), kind: "flowchart", role: "flowchart-v2", acc_title: f.acc_title.as_deref(), acc_descr: f.acc_descr.as_deref(), background: theme.background },
    );
    if let Some((text, style, block)) = &title {
        let center = Point::new(width / 2.0, MARGIN + block.height / 2.0);
        draw_text_block(&mut w, text, style, block, center, theme.text, "flowchartTitleText");
    }
    let offset = Point::new(MARGIN + (content_width - l.size.width) / 2.0, MARGIN + title_band);
    w.open("g", Attrs::new().set("class", "root").set("transform", translate(offset)));

    // Clusters, outermost first so inner ones draw on top.
    w.open("g", Attrs::new().set("class", "clusters"));
    let mut order: Vec<usize> = (0..l.clusters.len()).collect();
    order.sort_by_key(|&i| l.clusters[i].depth);
    for ci in order {
        let (sg, c) = (&f.subgraphs[ci], &l.clusters[ci]);
        let class = std::iter::once("cluster").chain(sg.classes.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        w.open("g", Attrs::new().set("class", class).set("data-id", &sg.id));
        let mut rect = rect_attrs(&c.rect)
            .set("fill", c.style.fill.as_deref().unwrap_or(theme.cluster_fill))
            .set("stroke", c.style.stroke.as_deref().unwrap_or(theme.cluster_stroke))
            .num("stroke-width", c.style.stroke_width.unwrap_or(1.0));
        rect = rect.opt("stroke-dasharray", c.style.stroke_dasharray.as_deref()).opt("opacity", c.style.opacity);
        w.leaf("rect", rect);
        if !c.title.is_empty() {
            let color = c.style.color.as_deref().map_or_else(|| theme.text_on(c.style.fill.as_deref(), theme.cluster_text), Cow::Borrowed);
            draw_text_block(&mut w, &c.title, &c.title_style, &c.title_block, c.title_center, &color, "cluster-label");
        }
        w.close("g");
    }
    w.close("g");

    // Edges, then their labels.
    w.open("g", Attrs::new().set("class", "edgePaths"));
    for (e, placed) in f.edges.iter().zip(&l.edges) {
        draw_edge(&mut w, e, placed, theme);
    }
    w.close("g");
    w.open("g", Attrs::new().set("class", "edgeLabels"));
    for placed in &l.edges {
        let (Some((text, block)), Some(rect)) = (&placed.label, placed.route.label) else { continue };
        w.open("g", Attrs::new().set("class", "edgeLabel"));
        w.leaf(
            "rect",
            rect_attrs(&rect).set("class", "edgeLabel-background").set("fill", theme.edge_label_background).num("fill-opacity", theme.edge_label_opacity),
        );
        let color = placed.style.color.as_deref().unwrap_or(theme.text);
        draw_text_block(&mut w, text, &placed.text_style, block, rect.center(), color, "edgeLabel-text");
        w.close("g");
    }
    w.close("g");

    // Nodes last, on top.
    w.open("g", Attrs::new().set("class", "nodes"));
    for (n, placed) in f.nodes.iter().zip(&l.nodes) {
        // A vertex named like a subgraph is that subgraph (mermaid merges them).
        if f.subgraph(&n.id).is_some() {
            continue;
        }
        let class = ["node", "default"].into_iter().chain(n.classes.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        w.open("g", Attrs::new().set("class", class).set("data-id", &n.id));
        draw_node_shape(&mut w, n.shape, placed, theme);
        let color = placed.style.color.as_deref().map_or_else(|| theme.text_on(placed.style.fill.as_deref(), theme.text), Cow::Borrowed);
        draw_text_block(&mut w, &placed.text, &placed.text_style, &placed.text_block, placed.text_center, &color, "nodeLabel");
        w.close("g");
    }
    w.close("g");

    w.close("g");
    if !legend.is_empty() {
        let origin = Point::new(MARGIN + (content_width - legend_row.width) / 2.0, MARGIN + title_band + l.size.height + 2.0 * MARGIN);
        legend_row.draw(&mut w, legend, origin, theme);
    }
    w.close("svg");
    w.finish()
}

/// The planes legend: one swatch and name per plane, in a row.
struct LegendRow {
    names: Vec<(RichText, crate::text::TextBlock)>,
    style: TextStyle,
    width: f64,
    height: f64,
}

impl LegendRow {
    const SWATCH: f64 = 14.0;
    const GAP: f64 = 6.0;
    const SPACING: f64 = 20.0;

    fn measure(legend: &[LegendEntry]) -> LegendRow {
        let style = TextStyle { font_size: 13.0, ..TextStyle::default() };
        let names: Vec<_> = legend
            .iter()
            .map(|e| {
                let text = RichText::plain(&format!("{} Plane", e.plane.name()));
                let block = measure(&text, &style);
                (text, block)
            })
            .collect();
        let width = names.iter().map(|(_, b)| Self::SWATCH + Self::GAP + b.width).sum::<f64>() + Self::SPACING * names.len().saturating_sub(1) as f64;
        let height = names.iter().map(|(_, b)| b.height).fold(Self::SWATCH, f64::max);
        LegendRow { names, style, width, height }
    }

    fn draw(&self, w: &mut SvgWriter, legend: &[LegendEntry], origin: Point, theme: &Theme) {
        w.open("g", Attrs::new().set("class", "legend").set("transform", translate(origin)));
        let mut x = 0.0;
        for (entry, (text, block)) in legend.iter().zip(&self.names) {
            w.open("g", Attrs::new().set("class", "legend-entry").set("data-plane", entry.plane.key()));
            let y = (self.height - Self::SWATCH) / 2.0;
            w.leaf("rect", rect_attrs(&Rect::new(x, y, Self::SWATCH, Self::SWATCH)).set("fill", &entry.fill).set("stroke", &entry.stroke).num("rx", 2.0));
            let center = Point::new(x + Self::SWATCH + Self::GAP + block.width / 2.0, self.height / 2.0);
            draw_text_block(w, text, &self.style, block, center, theme.text, "legend-label");
            w.close("g");
            x += Self::SWATCH + Self::GAP + block.width + Self::SPACING;
        }
        w.close("g");
    }
}

fn rect_attrs(r: &Rect) -> Attrs {
    Attrs::new().num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height)
}

fn paint(attrs: Attrs, node: &PlacedNode, theme: &Theme) -> Attrs {
    let s = &node.style;
    attrs
        .set("fill", s.fill.as_deref().unwrap_or(theme.node_fill))
        .set("stroke", s.stroke.as_deref().unwrap_or(theme.node_stroke))
        .num("stroke-width", s.stroke_width.unwrap_or(theme.node_stroke_width))
        .opt("stroke-dasharray", s.stroke_dasharray.as_deref())
        .opt("opacity", s.opacity)
}

fn points_attr(points: &[Point]) -> String {
    let mut out = String::with_capacity(16 * points.len());
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_num(&mut out, p.x);
        out.push(',');
        push_num(&mut out, p.y);
    }
    out
}

fn draw_node_shape(w: &mut SvgWriter, shape: Shape, node: &PlacedNode, theme: &Theme) {
    let r = node.rect;
    match node.outline {
        Outline::Rect => {
            w.leaf("rect", paint(rect_attrs(&r).set("class", "basic label-container"), node, theme));
            if shape == Shape::Subroutine {
                let stroke = node.style.stroke.as_deref().unwrap_or(theme.node_stroke);
                for x in [r.x + 8.0, r.right() - 8.0] {
                    w.leaf(
                        "line",
                        Attrs::new().num("x1", x).num("y1", r.y).num("x2", x).num("y2", r.bottom()).set("stroke", stroke).num("stroke-width", node.style.stroke_width.unwrap_or(theme.node_stroke_width)),
                    );
                }
            }
        }
        Outline::RoundRect(rad) => {
            w.leaf("rect", paint(rect_attrs(&r).set("class", "basic label-container").num("rx", rad).num("ry", rad), node, theme));
        }
        Outline::Stadium => {
            let rad = r.height.min(r.width) / 2.0;
            w.leaf("rect", paint(rect_attrs(&r).set("class", "basic label-container").num("rx", rad).num("ry", rad), node, theme));
        }
        Outline::Ellipse => {
            let c = r.center();
            w.leaf("ellipse", paint(Attrs::new().set("class", "basic label-container").num("cx", c.x).num("cy", c.y).num("rx", r.width / 2.0).num("ry", r.height / 2.0), node, theme));
            if shape == Shape::DoubleCircle {
                let attrs = Attrs::new().num("cx", c.x).num("cy", c.y).num("rx", r.width / 2.0 - 5.0).num("ry", r.height / 2.0 - 5.0);
                w.leaf("ellipse", paint(attrs, node, theme).set("fill", "none"));
            }
        }
        Outline::Cylinder(ry) => {
            let rx = r.width / 2.0;
            let d = format!(
                "M{x0},{yt}A{rx},{ry},0,0,0,{x1},{yt}A{rx},{ry},0,0,0,{x0},{yt}L{x0},{yb}A{rx},{ry},0,0,0,{x1},{yb}L{x1},{yt}",
                x0 = num(r.x),
                x1 = num(r.right()),
                yt = num(r.y + ry),
                yb = num(r.bottom() - ry),
                rx = num(rx),
                ry = num(ry),
            );
            w.leaf("path", paint(Attrs::new().set("class", "basic label-container").set("d", d), node, theme));
        }
        outline => {
            let poly = outline.polygon(&r).unwrap_or_default();
            w.leaf("polygon", paint(Attrs::new().set("class", "basic label-container").set("points", points_attr(&poly)), node, theme));
        }
    }
}

fn draw_edge(w: &mut SvgWriter, e: &Edge, placed: &PlacedEdge, theme: &Theme) {
    if e.stroke == Stroke::Invisible || placed.route.path.segments.is_empty() {
        return;
    }
    let s = &placed.style;
    let color = s.stroke.as_deref().unwrap_or(theme.edge_stroke);
    let width = s.stroke_width.unwrap_or(match e.stroke {
        Stroke::Thick => theme.thick_edge_stroke_width,
        _ => theme.edge_stroke_width,
    });
    let dash = s.stroke_dasharray.clone().or_else(|| (e.stroke == Stroke::Dotted).then(|| theme.dotted_dasharray.to_string()));
    let thickness = match e.stroke {
        Stroke::Thick => "edge-thickness-thick",
        Stroke::Invisible => "edge-thickness-invisible",
        _ => "edge-thickness-normal",
    };
    let pattern = if e.stroke == Stroke::Dotted { "edge-pattern-dotted" } else { "edge-pattern-solid" };
    w.leaf(
        "path",
        Attrs::new()
            .set("class", format!("flowchart-link {thickness} {pattern}"))
            .set("data-from", &e.from)
            .set("data-to", &e.to)
            .set("d", placed.route.path.to_svg_d())
            .set("fill", "none")
            .set("stroke", color)
            .num("stroke-width", width)
            .opt("stroke-dasharray", dash)
            .opt("opacity", s.opacity),
    );
    let path = &placed.route.path;
    if e.end != ArrowHead::None {
        draw_arrowhead(w, e.end, path.end(), placed.route.end_tip, path.end_tangent(), color, width);
    }
    if e.start != ArrowHead::None {
        draw_arrowhead(w, e.start, path.start, placed.route.start_tip, path.start_tangent() * -1.0, color, width);
    }
}

/// An arrowhead from `base` (where the path stops) to `tip` (on the outline).
fn draw_arrowhead(w: &mut SvgWriter, head: ArrowHead, base: Point, tip: Point, tangent: Point, color: &str, stroke_width: f64) {
    let mut dir = tip - base;
    if dir.x.hypot(dir.y) < 1e-6 {
        dir = tangent;
    }
    let len = dir.x.hypot(dir.y);
    if len < 1e-9 {
        return;
    }
    let u = dir * (1.0 / len);
    let n = Point::new(-u.y, u.x);
    let scale = (stroke_width / 1.5).clamp(1.0, 1.6);
    let l = ARROW_LENGTH * scale;
    match head {
        ArrowHead::Point => {
            let back = tip - u * l;
            let half = l * 0.55;
            let pts = [tip, back + n * half, back - n * half];
            w.leaf("polygon", Attrs::new().set("class", "arrowheadPath").set("points", points_attr(&pts)).set("fill", color).set("stroke", "none"));
        }
        ArrowHead::Circle => {
            let r = l * 0.45;
            let c = tip - u * r;
            w.leaf("circle", Attrs::new().set("class", "arrowheadPath").num("cx", c.x).num("cy", c.y).num("r", r).set("fill", color).set("stroke", "none"));
        }
        ArrowHead::Cross => {
            let c = tip - u * (l * 0.5);
            let a = (u + n) * (l * 0.38);
            let b = (u - n) * (l * 0.38);
            let d = format!(
                "M{},{}L{},{}M{},{}L{},{}",
                num(c.x - a.x),
                num(c.y - a.y),
                num(c.x + a.x),
                num(c.y + a.y),
                num(c.x - b.x),
                num(c.y - b.y),
                num(c.x + b.x),
                num(c.y + b.y)
            );
            w.leaf("path", Attrs::new().set("class", "arrowheadPath").set("d", d).set("stroke", color).num("stroke-width", 2.0 * scale).set("fill", "none"));
        }
        ArrowHead::None => {}
    }
}
