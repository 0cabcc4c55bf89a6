//! Mindmap layout: a two-sided tidy tree of our own.
//!
//! mermaid-js places mindmap nodes with cose-bilkent, a force-directed
//! layout seeded at random; this layout is deterministic and never
//! overlaps. The root is in the middle; its children are dealt to the right
//! and the left (each to the lighter side, in order, so both sides stay
//! about as tall), and every subtree grows away from the root as a tidy
//! tree: each subtree owns a horizontal band, siblings' bands are stacked
//! without overlapping, a parent is centred on its band and its children
//! stand in a column beyond it. An edge runs from its parent's side to its
//! child's side inside the parent's band and the gap before the children's
//! column, where no node is, so no edge crosses a node or another edge.
//!
//! Node sizes follow mermaid's shapes (padding around the measured label).

use super::model::{Mindmap, Shape};
use crate::layout::geometry::{segment_hits_rect, Path, Point, Rect, Segment, Size};
use crate::text::{measure, wrap, RichText, TextBlock, TextStyle};
use crate::model::{Label, LabelFormat};

/// mermaid's `mindmap.maxNodeWidth`: labels wrap at this width.
pub const MAX_LABEL_WIDTH: f64 = 200.0;
/// Space around the drawing (mermaid's `mindmap.padding`).
pub const MARGIN: f64 = 10.0;
/// Gap between the root and its children's columns.
const ROOT_GAP: f64 = 70.0;
/// Gap between a node and its children's column.
const GAP: f64 = 44.0;
/// Gap between neighbouring subtrees.
const SIBLING_GAP: f64 = 14.0;
/// The icon placeholder: its size and the gap to the label.
pub const ICON_SIZE: f64 = 18.0;
const ICON_GAP: f64 = 6.0;

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNode {
    /// The node's box: its outline fills it.
    pub rect: Rect,
    pub shape: Shape,
    pub text: RichText,
    pub style: TextStyle,
    pub block: TextBlock,
    /// Where the label's block is centred.
    pub text_center: Point,
    /// The icon placeholder's box, when the node has an icon.
    pub icon: Option<Rect>,
    /// `None` for the root; else the section (colour) of its branch.
    pub section: Option<usize>,
}

impl PlacedNode {
    pub fn text_rect(&self) -> Rect {
        Rect::centered(self.text_center, Size::new(self.block.width, self.block.height))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEdge {
    pub from: usize,
    pub to: usize,
    pub path: Path,
    /// Stroke width: mermaid thins edges with the parent's indentation.
    pub width: f64,
    pub section: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MindmapLayout {
    /// In the model's order.
    pub nodes: Vec<PlacedNode>,
    pub edges: Vec<PlacedEdge>,
    /// The drawing, margin included; its top-left corner is (0, 0).
    pub size: Size,
}

/// mermaid's edge widths: `.edge-depth-N` is `17 - 3(N + 1)` px for N up
/// to 10 where that is positive, else `.edge`'s 3 px; N is the parent's
/// level (indentation relative to the root) plus one.
pub fn edge_width(parent_level: usize) -> f64 {
    let depth = parent_level as i64 + 1;
    let w = 17 - 3 * (depth + 1);
    if depth <= 10 && w > 0 { w as f64 } else { 3.0 }
}

pub fn label_style() -> TextStyle {
    TextStyle::default()
}

/// The node's box for its content (label and icon), and the content's
/// offset from the box's centre.
pub fn fit(shape: Shape, content: Size) -> Size {
    let (cw, ch) = (content.width, content.height);
    match shape {
        Shape::Default => Size::new(cw + 40.0, ch + 10.0),
        Shape::Rect => Size::new(cw + 40.0, ch + 20.0),
        Shape::RoundedRect => Size::new(cw + 30.0, ch + 30.0),
        Shape::Circle => {
            let d = (cw + 20.0).max((cw / 2.0).hypot(ch / 2.0) * 2.0 + 8.0);
            Size::new(d, d)
        }
        // Bumps and spikes stand outside an ellipse through the content's
        // corners (semi-axes √2 times the content's half-size).
        Shape::Cloud => Size::new(cw * std::f64::consts::SQRT_2 + 28.0, ch * std::f64::consts::SQRT_2 + 24.0),
        Shape::Bang => Size::new(cw * std::f64::consts::SQRT_2 + 44.0, ch * std::f64::consts::SQRT_2 + 40.0),
        Shape::Hexagon => {
            let h = ch + 20.0;
            Size::new(cw + 20.0 + h / 2.0, h)
        }
    }
}

struct Sized {
    size: Size,
    text: RichText,
    block: TextBlock,
    content: Size,
}

/// Lays out a mindmap.
pub fn layout_mindmap(m: &Mindmap) -> MindmapLayout {
    let style = label_style();
    let sized: Vec<Sized> = m
        .nodes
        .iter()
        .map(|n| {
            let label = Label { text: n.label.trim().to_string(), format: LabelFormat::Markdown };
            let text = wrap(&RichText::from_label(&label), &style, MAX_LABEL_WIDTH);
            let block = measure(&text, &style);
            let icon_w = if n.icon.is_some() { ICON_SIZE + ICON_GAP } else { 0.0 };
            let content = Size::new(block.width + icon_w, block.height.max(if n.icon.is_some() { ICON_SIZE } else { 0.0 }));
            Sized { size: fit(n.shape, content), text, block, content }
        })
        .collect();
    let Some(root) = m.nodes.first() else { return MindmapLayout { size: Size::new(2.0 * MARGIN, 2.0 * MARGIN), ..MindmapLayout::default() } };
    let _ = root;

    // Each subtree's band height, children before parents (parents come
    // first in the model, so walk it backwards).
    let mut band = vec![0.0; m.nodes.len()];
    for i in (0..m.nodes.len()).rev() {
        let kids = &m.nodes[i].children;
        let stacked: f64 = kids.iter().map(|&c| band[c]).sum::<f64>() + SIBLING_GAP * kids.len().saturating_sub(1) as f64;
        band[i] = sized[i].size.height.max(stacked);
    }

    let mut centers = vec![Point::default(); m.nodes.len()];
    let mut side = vec![1.0f64; m.nodes.len()];
    // The root's children, dealt to the lighter side in order.
    let (mut right, mut left): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let (mut rh, mut lh) = (0.0, 0.0);
    for &c in &m.nodes[0].children {
        if rh <= lh {
            rh += band[c] + SIBLING_GAP;
            right.push(c);
        } else {
            lh += band[c] + SIBLING_GAP;
            left.push(c);
        }
    }
    let root_half = sized[0].size.width / 2.0;
    for (kids, dir) in [(&right, 1.0), (&left, -1.0)] {
        let total: f64 = kids.iter().map(|&c| band[c]).sum::<f64>() + SIBLING_GAP * kids.len().saturating_sub(1) as f64;
        let mut top = -total / 2.0;
        for &c in kids.iter() {
            place(m, &sized, &band, c, dir * (root_half + ROOT_GAP), dir, top, &mut centers, &mut side);
            top += band[c] + SIBLING_GAP;
        }
    }

    // Boxes, then everything moved into the margin.
    let rects: Vec<Rect> = centers.iter().zip(&sized).map(|(&c, s)| Rect::centered(c, s.size)).collect();
    let bounds = rects.iter().skip(1).fold(rects[0], |acc, r| acc.union(r));
    let shift = Point::new(MARGIN - bounds.x, MARGIN - bounds.y);
    let nodes: Vec<PlacedNode> = m
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let s = &sized[i];
            let rect = Rect { x: rects[i].x + shift.x, y: rects[i].y + shift.y, ..rects[i] };
            let center = rect.center();
            let content_left = center.x - s.content.width / 2.0;
            let icon = n.icon.as_ref().map(|_| Rect::new(content_left, center.y - ICON_SIZE / 2.0, ICON_SIZE, ICON_SIZE));
            let text_center = Point::new(content_left + s.content.width - s.block.width / 2.0, center.y);
            PlacedNode { rect, shape: n.shape, text: s.text.clone(), style, block: s.block.clone(), text_center, icon, section: m.section_of(i) }
        })
        .collect();
    let mut edges = Vec::new();
    for (i, n) in m.nodes.iter().enumerate() {
        for &c in &n.children {
            let dir = side[c];
            let (p, q) = (&nodes[i].rect, &nodes[c].rect);
            let from = Point::new(if dir > 0.0 { p.right() } else { p.x }, p.center().y);
            let to = Point::new(if dir > 0.0 { q.x } else { q.right() }, q.center().y);
            let mid = (to.x - from.x) / 2.0;
            let path = Path { start: from, segments: vec![Segment::Cubic(Point::new(from.x + mid, from.y), Point::new(to.x - mid, to.y), to)] };
            edges.push(PlacedEdge { from: i, to: c, path, width: edge_width(n.level), section: nodes[c].section });
        }
    }
    MindmapLayout { nodes, edges, size: Size::new(bounds.width + 2.0 * MARGIN, bounds.height + 2.0 * MARGIN) }
}

/// Places the subtree of `node` in the band starting at `top`, its near
/// side at `x` (`dir` 1: growing right; -1: left).
#[allow(clippy::too_many_arguments)]
fn place(m: &Mindmap, sized: &[Sized], band: &[f64], node: usize, x: f64, dir: f64, top: f64, centers: &mut [Point], side: &mut [f64]) {
    let w = sized[node].size.width;
    centers[node] = Point::new(x + dir * w / 2.0, top + band[node] / 2.0);
    side[node] = dir;
    let kids = &m.nodes[node].children;
    let stacked: f64 = kids.iter().map(|&c| band[c]).sum::<f64>() + SIBLING_GAP * kids.len().saturating_sub(1) as f64;
    let mut y = top + (band[node] - stacked) / 2.0;
    // The children's column starts past the widest... of this node alone:
    // every node of this band is this node or below it.
    let child_x = x + dir * (w + GAP);
    for &c in kids {
        place(m, sized, band, c, child_x, dir, y, centers, side);
        y += band[c] + SIBLING_GAP;
    }
}

impl MindmapLayout {
    /// Pairs of node boxes that overlap.
    pub fn overlaps(&self) -> usize {
        let mut n = 0;
        for i in 0..self.nodes.len() {
            for j in i + 1..self.nodes.len() {
                if self.nodes[i].rect.overlaps(&self.nodes[j].rect) {
                    n += 1;
                }
            }
        }
        n
    }

    /// Labels (and icons) that leave their node's shape.
    pub fn text_overflow(&self) -> usize {
        self.nodes.iter().filter(|n| !content_inside(n)).count()
    }

    /// (edge, node) pairs where an edge passes through a node it does not join.
    pub fn edge_node_hits(&self) -> usize {
        let mut hits = 0;
        for e in &self.edges {
            let points = e.path.flatten(16);
            for (i, n) in self.nodes.iter().enumerate() {
                if i == e.from || i == e.to {
                    continue;
                }
                if points.windows(2).any(|w| segment_hits_rect(w[0], w[1], &n.rect, 2.0)) {
                    hits += 1;
                }
            }
        }
        hits
    }
}

/// Whether the label's and icon's boxes lie inside the node's shape.
fn content_inside(n: &PlacedNode) -> bool {
    let mut boxes = vec![n.text_rect()];
    boxes.extend(n.icon);
    let c = n.rect.center();
    boxes.iter().all(|b| {
        let corners = [Point::new(b.x, b.y), Point::new(b.right(), b.y), Point::new(b.x, b.bottom()), Point::new(b.right(), b.bottom())];
        corners.iter().all(|p| match n.shape {
            Shape::Circle => p.distance(c) <= n.rect.width / 2.0 + 0.01,
            Shape::Cloud | Shape::Bang => {
                // inside the ellipse the outline is drawn around
                let (a, b) = inner_axes(n.shape, n.rect.size());
                ((p.x - c.x) / a).powi(2) + ((p.y - c.y) / b).powi(2) <= 1.0 + 1e-6
            }
            Shape::Hexagon => {
                let m = n.rect.height / 4.0;
                p.x >= n.rect.x + m - 0.01 && p.x <= n.rect.right() - m + 0.01 && n.rect.inflate(0.01).contains(*p)
            }
            _ => n.rect.inflate(0.01).contains(*p),
        })
    })
}

/// The semi-axes of the ellipse a cloud's bumps or a bang's spikes stand
/// on: the box less the bumps' (spikes') depth.
pub fn inner_axes(shape: Shape, size: Size) -> (f64, f64) {
    let inset = if shape == Shape::Bang { 12.0 } else { 8.0 };
    (size.width / 2.0 - inset, size.height / 2.0 - inset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn lay(text: &str) -> MindmapLayout {
        let Some(Diagram::Mindmap(m)) = crate::diagrams::parse(text).diagram else { panic!("not a mindmap") };
        layout_mindmap(&m)
    }

    #[test]
    fn no_overlaps_no_overflow_no_hits() {
        let l = lay("mindmap\n  root)July 2 RCA(\n    Technical\n      PCRE Regex Engine\n      No Runtime Limits\n    Process\n      A\n      B\n      C\n    Human\n      D\n    Bang))Boom((\n    Circle((a much longer label that wraps over lines))\n    Hex{{hex}}\n      ::icon(fa fa-x)\n");
        assert_eq!(l.overlaps(), 0);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.edge_node_hits(), 0);
        assert!(l.nodes.iter().all(|n| n.rect.x >= MARGIN - 1e-9 && n.rect.right() <= l.size.width - MARGIN + 1e-9));
    }

    #[test]
    fn edge_widths_follow_mermaid() {
        assert_eq!(edge_width(0), 11.0);
        assert_eq!(edge_width(2), 5.0);
        assert_eq!(edge_width(4), 3.0);
        assert_eq!(edge_width(40), 3.0);
    }
}
