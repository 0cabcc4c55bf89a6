//! Flowchart layout: sizes every node, edge label and subgraph title from its
//! measured text and shape, runs the layered layout, and keeps what drawing
//! needs alongside the geometry.

use crate::layout::geometry::{Point, Rect, Size};
use crate::layout::intersections::Pieces;
use crate::layout::layered::{self, ClusterSpec, EdgeRoute, EdgeSpec, End, LayeredGraph, NodeSpec};
use crate::layout::outline::Outline;
use super::model::{ArrowHead, Flowchart, Label, LabelFormat, Shape, Stroke};
use crate::model::style::StyleDecls;
use crate::text::{measure, wrap, RichText, TextBlock, TextStyle};
use rustc_hash::FxHashMap as HashMap;

/// Space between a label and its node's outline, each side (mermaid: 15).
pub const NODE_PADDING: f64 = 15.0;
/// Space between a subgraph's border and what it holds.
pub const CLUSTER_PADDING: f64 = 16.0;
/// Length of an arrowhead along its edge.
pub const ARROW_LENGTH: f64 = 9.0;
/// Padding around an edge label's text on its background.
pub const EDGE_LABEL_PADDING: f64 = 4.0;

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNode {
    pub rect: Rect,
    pub outline: Outline,
    pub text: RichText,
    pub text_style: TextStyle,
    pub text_block: TextBlock,
    /// Where the text block is centred.
    pub text_center: Point,
    pub style: StyleDecls,
}

impl PlacedNode {
    /// The text's box as drawn.
    pub fn text_rect(&self) -> Rect {
        Rect::centered(self.text_center, Size::new(self.text_block.width, self.text_block.height))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedCluster {
    pub rect: Rect,
    pub title: RichText,
    pub title_style: TextStyle,
    pub title_block: TextBlock,
    /// Where the title's text block is centred.
    pub title_center: Point,
    pub style: StyleDecls,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEdge {
    pub route: EdgeRoute,
    pub label: Option<(RichText, TextBlock)>,
    pub text_style: TextStyle,
    pub style: StyleDecls,
}

/// A laid-out flowchart; vectors are in the model's order.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowchartLayout {
    pub size: Size,
    pub nodes: Vec<PlacedNode>,
    pub clusters: Vec<PlacedCluster>,
    pub edges: Vec<PlacedEdge>,
}

/// How a shape fits around a text block: the shape's outline, its box, and
/// the offset of the text's centre from the box's centre.
pub fn fit_shape(shape: Shape, text: Size) -> (Outline, Size, Point) {
    let p = NODE_PADDING;
    let (w, h) = (text.width + 2.0 * p, text.height + 2.0 * p);
    let zero = Point::default();
    match shape {
        Shape::Square => (Outline::Rect, Size::new(w, h), zero),
        Shape::Round => (Outline::RoundRect(5.0), Size::new(w, h), zero),
        Shape::Stadium => (Outline::Stadium, Size::new(w + h / 2.0, h), zero),
        Shape::Subroutine => (Outline::Rect, Size::new(w + 16.0, h), zero),
        Shape::Cylinder => {
            let rx = w / 2.0;
            let ry = (rx / (2.5 + w / 50.0)).clamp(4.0, 14.0);
            (Outline::Cylinder(ry), Size::new(w, h + 3.0 * ry), Point::new(0.0, ry / 2.0))
        }
        Shape::Circle => {
            let d = (text.width.hypot(text.height) + p).max(text.width + 2.0 * p).max(h);
            (Outline::Ellipse, Size::new(d, d), zero)
        }
        Shape::DoubleCircle => {
            let d = (text.width.hypot(text.height) + p).max(text.width + 2.0 * p).max(h) + 10.0;
            (Outline::Ellipse, Size::new(d, d), zero)
        }
        Shape::Diamond => {
            // The text box's corners lie on the diamond's sides:
            // (w/2)/(W/2) + (h/2)/(H/2) = 1 with W = a·H.
            let tw = text.width + p;
            let th = text.height + p;
            let a = (tw / th).sqrt().clamp(1.0, 2.0);
            let width = tw + a * th;
            (Outline::Diamond, Size::new(width, width / a), zero)
        }
        Shape::Hexagon => {
            let m = h / 4.0;
            (Outline::Hexagon(m), Size::new(w + 2.0 * m, h), zero)
        }
        Shape::Odd => {
            let notch = h / 4.0;
            (Outline::Flag(notch), Size::new(w + notch, h), Point::new(notch / 2.0, 0.0))
        }
        Shape::LeanRight | Shape::LeanLeft => {
            let d = h / 3.0;
            (Outline::Parallelogram(d, shape == Shape::LeanRight), Size::new(w + d, h), zero)
        }
        Shape::Trapezoid | Shape::InvTrapezoid => {
            let d = h / 3.0;
            (Outline::Trapezoid(d, shape == Shape::InvTrapezoid), Size::new(w + 2.0 * d, h), zero)
        }
    }
}

/// mermaid wraps Markdown strings at this width; other labels break only
/// where the author breaks them.
pub const MARKDOWN_WRAP_WIDTH: f64 = 200.0;

/// A label's lines as drawn.
fn label_text(label: &Label, style: &TextStyle) -> RichText {
    let text = RichText::from_label(label);
    match label.format {
        LabelFormat::Markdown => wrap(&text, style, MARKDOWN_WRAP_WIDTH),
        LabelFormat::Text => text,
    }
}

fn text_style_of(style: &StyleDecls, base: &TextStyle) -> TextStyle {
    TextStyle {
        font_size: style.font_size.unwrap_or(base.font_size),
        bold: style.is_bold(),
        italic: style.font_style.as_deref() == Some("italic"),
        ..*base
    }
}

/// Lays out a flowchart.
pub fn layout_flowchart(f: &Flowchart) -> FlowchartLayout {
    let base = TextStyle { font_size: f.config.font_size.unwrap_or(16.0), ..TextStyle::default() };
    let node_index: HashMap<&str, usize> = f.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let cluster_index: HashMap<&str, usize> = f.subgraphs.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();

    // Cluster tree: a member's innermost subgraph. mermaid lists members at
    // every level; the innermost holder is the one with the fewest members.
    let mut node_cluster: Vec<Option<usize>> = vec![None; f.nodes.len()];
    let mut cluster_parent: Vec<Option<usize>> = vec![None; f.subgraphs.len()];
    let mut holder_size: Vec<usize> = vec![usize::MAX; f.nodes.len()];
    let mut sub_holder_size: Vec<usize> = vec![usize::MAX; f.subgraphs.len()];
    for (ci, sg) in f.subgraphs.iter().enumerate() {
        let size = sg.members.len();
        for m in &sg.members {
            // A subgraph id is the subgraph, even when a vertex of that name exists.
            if let Some(&sub) = cluster_index.get(m.as_str()) {
                if sub != ci && size < sub_holder_size[sub] && !is_ancestor(&cluster_parent, sub, ci) {
                    sub_holder_size[sub] = size;
                    cluster_parent[sub] = Some(ci);
                }
            } else if let Some(&ni) = node_index.get(m.as_str()) {
                if size < holder_size[ni] {
                    holder_size[ni] = size;
                    node_cluster[ni] = Some(ci);
                }
            }
        }
    }

    // A vertex named like a subgraph is that subgraph (mermaid merges them):
    // it is not laid out, and edges to it end on the subgraph's border.
    let merged: Vec<Option<usize>> = f.nodes.iter().map(|n| cluster_index.get(n.id.as_str()).copied()).collect();
    let mut spec_index: Vec<Option<usize>> = vec![None; f.nodes.len()];
    let mut nodes = Vec::with_capacity(f.nodes.len());
    let mut specs = Vec::with_capacity(f.nodes.len());
    for (i, n) in f.nodes.iter().enumerate() {
        let style = f.node_style(n);
        let text_style = text_style_of(&style, &base);
        let text = label_text(&n.label, &text_style);
        let mut block = measure(&text, &text_style);
        let (outline, size, offset) = fit_shape(n.shape, Size::new(block.width, block.height));
        if merged[i].is_some() {
            block.width = 0.0;
            block.height = 0.0;
            block.line_widths.iter_mut().for_each(|w| *w = 0.0);
            nodes.push(PlacedNode {
                rect: Rect::default(),
                outline: Outline::Rect,
                text,
                text_style,
                text_block: block,
                text_center: Point::default(),
                style,
            });
            continue;
        }
        spec_index[i] = Some(specs.len());
        specs.push(NodeSpec { size, outline, cluster: node_cluster[i] });
        nodes.push(PlacedNode {
            rect: Rect::default(),
            outline,
            text,
            text_style,
            text_block: block,
            text_center: offset,
            style,
        });
    }

    let mut clusters = Vec::with_capacity(f.subgraphs.len());
    let mut cluster_specs = Vec::with_capacity(f.subgraphs.len());
    for (ci, sg) in f.subgraphs.iter().enumerate() {
        let style = f.subgraph_style(sg);
        let title_style = text_style_of(&style, &base);
        let title = label_text(&sg.title, &title_style);
        let block = measure(&title, &title_style);
        cluster_specs.push(ClusterSpec {
            parent: cluster_parent[ci],
            title: Size::new(block.width, if title.is_empty() { 0.0 } else { block.height }),
            direction: sg.direction,
        });
        let mut depth = 0;
        let mut k = cluster_parent[ci];
        while let Some(p) = k {
            depth += 1;
            k = cluster_parent[p];
        }
        clusters.push(PlacedCluster {
            rect: Rect::default(),
            title,
            title_style,
            title_block: block,
            title_center: Point::default(),
            style,
            depth,
        });
    }

    let end_of = |id: &str| -> Option<End> {
        // A subgraph id names the subgraph, even where a vertex of that name exists.
        cluster_index.get(id).map(|&c| End::Cluster(c)).or_else(|| node_index.get(id).and_then(|&i| spec_index[i]).map(End::Node))
    };
    let mut edges = Vec::with_capacity(f.edges.len());
    let mut edge_specs = Vec::with_capacity(f.edges.len());
    let mut kept = Vec::with_capacity(f.edges.len());
    for e in &f.edges {
        let style = StyleDecls::from_strings(e.styles.iter().map(String::as_str));
        let text_style = text_style_of(&style, &base);
        let label = e.label.as_ref().map(|l| label_text(l, &text_style)).filter(|t| !t.is_empty()).map(|t| {
            let b = measure(&t, &text_style);
            (t, b)
        });
        let (Some(from), Some(to)) = (end_of(&e.from), end_of(&e.to)) else {
            kept.push(None);
            continue;
        };
        kept.push(Some(edge_specs.len()));
        edge_specs.push(EdgeSpec {
            from,
            to,
            label: label.as_ref().map(|(_, b)| Size::new(b.width + 2.0 * EDGE_LABEL_PADDING, b.height)),
            minlen: e.length.max(1) as u32,
            weight: if e.stroke == Stroke::Thick { 2.0 } else { 1.0 },
            arrow_start: e.start != ArrowHead::None,
            arrow_end: e.end != ArrowHead::None,
            invisible: e.stroke == Stroke::Invisible,
        });
        edges.push(PlacedEdge { route: EdgeRoute::default(), label, text_style, style });
    }

    let graph = LayeredGraph {
        direction: f.direction,
        node_sep: f.config.node_spacing.unwrap_or(50.0),
        rank_sep: f.config.rank_spacing.unwrap_or(50.0),
        cluster_padding: CLUSTER_PADDING,
        arrow_length: ARROW_LENGTH,
        curve: f.config.curve,
        nodes: specs,
        clusters: cluster_specs,
        edges: edge_specs,
    };
    let result = layered::layout(&graph);

    for (i, node) in nodes.iter_mut().enumerate() {
        if let Some(k) = spec_index[i] {
            let rect = result.nodes[k];
            node.rect = rect;
            node.text_center = rect.center() + node.text_center;
        } else if let Some(c) = merged[i] {
            // A dot in the subgraph's corner, clear of its members and title.
            let r = result.clusters[c];
            node.rect = Rect::new(r.x + 1.0, r.y + 1.0, 2.0, 2.0);
            node.text_center = node.rect.center();
        }
    }
    // Titles centred at the top, or moved to the left or right of the band
    // when an edge runs through the centred one.
    // Only the pieces of edges near a title band can touch a title: each
    // such piece is indexed on its own (a title is moved when any piece
    // passes through it, whichever edge it is of).
    let title_band = |title_block: &TextBlock, rect: &Rect| {
        let (y, half, h) = (rect.y + CLUSTER_PADDING / 2.0 + title_block.height / 2.0, title_block.width / 2.0, title_block.height / 2.0);
        let (x0, x1) = (rect.x.min(rect.center().x - half), rect.right().max(rect.center().x + half));
        Rect::new(x0 - 4.0, y - h - 4.0, x1 - x0 + 8.0, 2.0 * h + 8.0)
    };
    let bands: Vec<Rect> = clusters.iter().zip(&result.clusters).map(|(c, r)| title_band(&c.title_block, r)).collect();
    let mut near: Vec<[Point; 2]> = Vec::new();
    if !bands.is_empty() {
        for route in result.edges.iter().filter(|r| !r.path.segments.is_empty()) {
            for w in route.path.flatten(16).windows(2) {
                let (lo, hi) = (Point::new(w[0].x.min(w[1].x), w[0].y.min(w[1].y)), Point::new(w[0].x.max(w[1].x), w[0].y.max(w[1].y)));
                if bands.iter().any(|b| lo.x <= b.right() && hi.x >= b.x && lo.y <= b.bottom() && hi.y >= b.y) {
                    near.push([w[0], w[1]]);
                }
            }
        }
    }
    let drawn = Pieces::new(&near.iter().map(|p| p.as_slice()).collect::<Vec<_>>());
    for (cluster, rect) in clusters.iter_mut().zip(&result.clusters) {
        cluster.rect = *rect;
        let size = Size::new(cluster.title_block.width, cluster.title_block.height);
        let y = rect.y + CLUSTER_PADDING / 2.0 + size.height / 2.0;
        let half = size.width / 2.0;
        // From the centre outwards, in small steps, within the padding.
        let (lo, hi) = (rect.x + CLUSTER_PADDING + half, rect.right() - CLUSTER_PADDING - half);
        let mut candidates = vec![rect.center().x];
        let mut d = 8.0;
        while hi > lo && d <= (hi - lo) / 2.0 + 8.0 {
            candidates.push((rect.center().x - d).max(lo));
            candidates.push((rect.center().x + d).min(hi));
            d += 8.0;
        }
        let clear = |x: f64| {
            let t = Rect::centered(Point::new(x, y), size).inflate(2.0);
            !drawn.through(&t, 0.0)
        };
        let x = candidates.iter().copied().find(|&x| clear(x)).unwrap_or(candidates[0]);
        cluster.title_center = Point::new(x, y);
    }
    let mut placed_edges = Vec::with_capacity(f.edges.len());
    let mut it = edges.into_iter();
    for k in kept {
        match k {
            Some(j) => {
                let mut e = it.next().expect("one placed edge per kept edge");
                e.route = result.edges[j].clone();
                placed_edges.push(e);
            }
            None => placed_edges.push(PlacedEdge {
                route: EdgeRoute::default(),
                label: None,
                text_style: base,
                style: StyleDecls::default(),
            }),
        }
    }
    FlowchartLayout { size: result.size, nodes, clusters, edges: placed_edges }
}

fn is_ancestor(parent: &[Option<usize>], a: usize, b: usize) -> bool {
    let mut k = parent[b];
    let mut steps = 0;
    while let Some(p) = k {
        if p == a {
            return true;
        }
        k = parent[p];
        steps += 1;
        if steps > parent.len() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_hold_their_text() {
        let text = Size::new(120.0, 48.0);
        for shape in [
            Shape::Square,
            Shape::Round,
            Shape::Stadium,
            Shape::Subroutine,
            Shape::Cylinder,
            Shape::Circle,
            Shape::DoubleCircle,
            Shape::Diamond,
            Shape::Hexagon,
            Shape::Odd,
            Shape::LeanRight,
            Shape::LeanLeft,
            Shape::Trapezoid,
            Shape::InvTrapezoid,
        ] {
            let (outline, size, offset) = fit_shape(shape, text);
            let r = Rect::centered(Point::new(0.0, 0.0), size);
            let t = Rect::centered(offset, text);
            for corner in [Point::new(t.x, t.y), Point::new(t.right(), t.y), Point::new(t.x, t.bottom()), Point::new(t.right(), t.bottom())] {
                let b = outline.boundary_point(&r, corner);
                assert!(b.distance(r.center()) + 1e-6 >= corner.distance(r.center()), "{shape:?}: text corner {corner:?} outside the outline at {b:?}");
            }
        }
    }
}
