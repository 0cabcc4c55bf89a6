//! Attributes out: internal coordinates turned into the drawing's direction,
//! node and cluster boxes, collapsed clusters' own layouts placed in their
//! boxes, everything moved into (margin, margin)–(w − margin, h − margin).

use super::clusters::Collapsed;
use super::graph::{Compound, VKind};
use super::position::Coordinates;
use super::{EdgeRoute, LayeredGraph, LayeredLayout};
use crate::layout::geometry::{Path, Point, Rect, Segment, Size};
use crate::model::Direction;

/// Maps the internal top-to-bottom frame to the drawing's direction.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame(pub Direction);

impl Frame {
    pub fn point(&self, x: f64, y: f64) -> Point {
        match self.0 {
            Direction::TB => Point::new(x, y),
            Direction::BT => Point::new(x, -y),
            Direction::LR => Point::new(y, x),
            Direction::RL => Point::new(-y, x),
        }
    }

    /// An internal box (x0, y0, x1, y1) in the drawing.
    pub fn rect(&self, b: [f64; 4]) -> Rect {
        let p = self.point(b[0], b[1]);
        let q = self.point(b[2], b[3]);
        Rect::new(p.x.min(q.x), p.y.min(q.y), (p.x - q.x).abs(), (p.y - q.y).abs())
    }
}

/// Boxes in the drawing's frame, before the final shift.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub frame: Frame,
    /// Input nodes and clusters (default for those not at this level).
    pub nodes: Vec<Rect>,
    pub clusters: Vec<Rect>,
    /// The box of each real vertex (nodes and collapsed clusters).
    pub vertex_rect: Vec<Option<Rect>>,
}

pub(super) fn place(graph: &LayeredGraph, g: &Compound, c: &Coordinates, collapsed: &[Option<Collapsed>]) -> Placed {
    let frame = Frame(g.dir);
    let mut nodes = vec![Rect::default(); graph.nodes.len()];
    let mut clusters = vec![Rect::default(); graph.clusters.len()];
    let mut vertex_rect = vec![None; g.vertices.len()];
    for (v, vx) in g.vertices.iter().enumerate() {
        let center = frame.point(c.x[v], c.y[v]);
        match vx.kind {
            VKind::Node(i) => {
                let r = Rect::centered(center, graph.nodes[i].size);
                nodes[i] = r;
                vertex_rect[v] = Some(r);
            }
            VKind::Box(k) => {
                let r = Rect::centered(center, collapsed[k].as_ref().map(|b| b.size).unwrap_or_default());
                clusters[k] = r;
                vertex_rect[v] = Some(r);
            }
            _ => {}
        }
    }
    for (k, b) in c.clusters.iter().enumerate() {
        if let Some(b) = b {
            clusters[k] = frame.rect(*b);
        }
    }
    Placed { frame, nodes, clusters, vertex_rect }
}

fn shift_point(p: &mut Point, d: Point) {
    *p = *p + d;
}

fn shift_route(r: &mut EdgeRoute, d: Point) {
    shift_point(&mut r.path.start, d);
    for s in r.path.segments.iter_mut() {
        match s {
            Segment::Line(p) => shift_point(p, d),
            Segment::Cubic(a, b, p) => {
                shift_point(a, d);
                shift_point(b, d);
                shift_point(p, d);
            }
        }
    }
    shift_point(&mut r.start_tip, d);
    shift_point(&mut r.end_tip, d);
    if let Some(l) = r.label.as_mut() {
        l.x += d.x;
        l.y += d.y;
    }
}

fn path_points(p: &Path) -> Vec<Point> {
    let mut out = vec![p.start];
    for s in &p.segments {
        match *s {
            Segment::Line(q) => out.push(q),
            Segment::Cubic(a, b, q) => out.extend([a, b, q]),
        }
    }
    out
}

pub(super) fn finish(graph: &LayeredGraph, placed: Placed, mut routes: Vec<EdgeRoute>, collapsed: Vec<Option<Collapsed>>, margin: f64) -> LayeredLayout {
    let mut nodes = placed.nodes;
    let mut clusters = placed.clusters;
    routes.resize(graph.edges.len(), EdgeRoute::default());
    // Collapsed clusters' own layouts, inside their boxes.
    for (k, col) in collapsed.into_iter().enumerate() {
        let Some(col) = col else { continue };
        let b = clusters[k];
        let d = Point::new(b.x + (b.width - col.layout.size.width) / 2.0, b.y + col.top);
        for (i, &n) in col.nodes.iter().enumerate() {
            let r = col.layout.nodes[i];
            nodes[n] = Rect::new(r.x + d.x, r.y + d.y, r.width, r.height);
        }
        for (i, &c) in col.clusters.iter().enumerate() {
            let r = col.layout.clusters[i];
            clusters[c] = Rect::new(r.x + d.x, r.y + d.y, r.width, r.height);
        }
        for (i, &e) in col.edges.iter().enumerate() {
            let mut r = col.layout.edges[i].clone();
            shift_route(&mut r, d);
            routes[e] = r;
        }
    }
    // Bounds of everything drawn.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut grow = |r: &Rect| {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    };
    nodes.iter().chain(clusters.iter()).for_each(&mut grow);
    for r in &routes {
        if r.path.segments.is_empty() {
            continue;
        }
        for p in path_points(&r.path) {
            grow(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
        if let Some(l) = &r.label {
            grow(l);
        }
    }
    if x0 > x1 {
        return LayeredLayout { nodes, clusters, edges: routes, size: Size::new(2.0 * margin, 2.0 * margin) };
    }
    let d = Point::new(margin - x0, margin - y0);
    for r in nodes.iter_mut().chain(clusters.iter_mut()) {
        r.x += d.x;
        r.y += d.y;
    }
    for r in routes.iter_mut() {
        shift_route(r, d);
    }
    LayeredLayout { nodes, clusters, edges: routes, size: Size::new(x1 - x0 + 2.0 * margin, y1 - y0 + 2.0 * margin) }
}
