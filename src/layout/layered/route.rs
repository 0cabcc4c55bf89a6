//! Edge routing. A long edge leaves its node straight along the rank axis,
//! crosses each rank band straight through its virtual vertex's channel, and
//! bends (a smooth S, d3's `bump`) only in the gaps between ranks, between
//! the cluster borders there; ranks holding only edge points are crossed
//! without bending. Ends are clipped at the outlines (or a cluster's border)
//! and shortened for arrowheads. Two such routes cross only where their
//! order changes, so the drawing has the ordering's crossings and no edge
//! passes through a node. Should one still hit a node, a B-spline through
//! the virtual vertices (mermaid's `basis`) and straight lines are tried.
//! Edges between ends on overlapping ranks go straight, or around whatever
//! lies between; self-loops bulge out on one side.

use super::graph::{Compound, Term};
use super::input::LOOP_ROOM;
use super::normalize::{Chain, ChainKind};
use super::output::Placed;
use super::position::Coordinates;
use super::{EdgeRoute, LayeredGraph};
use crate::layout::geometry::{segment_hits_rect, Path, Point, Rect, Segment};
use crate::layout::intersections::BoxGrid;
use crate::layout::outline::Outline;
use crate::model::config::Curve;

const FLATTEN_STEPS: usize = 16;
const HIT_INSET: f64 = 2.0;
/// The shortest interval a bend between ranks is drawn in.
const MIN_BEND: f64 = 6.0;

/// A B-spline through the control points `pts`, ends clamped (d3's `curveBasis`).
pub(super) fn basis(pts: &[Point]) -> Path {
    if pts.len() < 3 {
        return Path::polyline(pts);
    }
    let n = pts.len();
    let mut q = vec![pts[0], pts[0]];
    q.extend_from_slice(pts);
    q.push(pts[n - 1]);
    q.push(pts[n - 1]);
    let mut path = Path { start: pts[0], segments: Vec::new() };
    for i in 0..q.len() - 3 {
        // Each piece runs from (a + 4b + c)/6, where the previous one ended.
        let (b, c, d) = (q[i + 1], q[i + 2], q[i + 3]);
        let p1 = (b * 2.0 + c) * (1.0 / 3.0);
        let p2 = (b + c * 2.0) * (1.0 / 3.0);
        let p3 = (b + c * 4.0 + d) * (1.0 / 6.0);
        if i == 0 || i == q.len() - 4 {
            path.segments.push(Segment::Line(p3));
        } else {
            path.segments.push(Segment::Cubic(p1, p2, p3));
        }
    }
    path
}

/// Smooth S-bends between successive points, leaving and entering each one
/// along `axis` (d3's `bump`): two such paths between the same two lines
/// cross only if their ends are in opposite orders.
pub(super) fn bump(pts: &[Point], axis: Point) -> Path {
    let mut path = Path { start: pts[0], segments: Vec::new() };
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let d = b - a;
        let along = axis * (d.x * axis.x + d.y * axis.y);
        if (d - along).x.abs() < 1e-6 && (d - along).y.abs() < 1e-6 {
            path.segments.push(Segment::Line(b));
        } else {
            path.segments.push(Segment::Cubic(a + along * 0.5, b - along * 0.5, b));
        }
    }
    path
}

fn smooth(curve: Curve) -> bool {
    !matches!(curve, Curve::Linear | Curve::Step | Curve::StepBefore | Curve::StepAfter)
}

fn unit(p: Point) -> Point {
    let l = (p.x * p.x + p.y * p.y).sqrt();
    if l < 1e-12 { Point::default() } else { p * (1.0 / l) }
}

/// Ends shortened for arrowheads; returns (points, start tip, end tip).
fn with_arrows(mut pts: Vec<Point>, start: bool, end: bool, len: f64) -> (Vec<Point>, Point, Point) {
    let (s, e) = (pts[0], pts[pts.len() - 1]);
    let n = pts.len();
    if start && pts[1].distance(s) > len + 0.5 {
        pts[0] = s + unit(pts[1] - s) * len;
    }
    if end && pts[n - 2].distance(e) > len + 0.5 {
        pts[n - 1] = e + unit(pts[n - 2] - e) * len;
    }
    (pts, s, e)
}

/// Ends shortened for arrowheads along the rank axis (the way bump paths
/// leave and enter their ends); returns (points, start tip, end tip).
fn along_axis_arrows(mut pts: Vec<Point>, start: bool, end: bool, len: f64, axis: Point) -> (Vec<Point>, Point, Point) {
    let n = pts.len();
    let (s, e) = (pts[0], pts[n - 1]);
    let dir = |from: Point, to: Point| {
        let d = to - from;
        let k = d.x * axis.x + d.y * axis.y;
        if k.abs() < 1e-9 { unit(d) } else { axis * k.signum() }
    };
    if start {
        let d = dir(s, pts[1]);
        pts[0] = s + d * len;
        if n > 2 && (pts[1] - s).x * d.x + (pts[1] - s).y * d.y < len {
            // A stub shorter than the arrow: drop its far point.
            if (pts[1] - pts[0]).x.abs() < 1e-6 || (pts[1] - pts[0]).y.abs() < 1e-6 {
                pts.remove(1);
            }
        }
    }
    let n = pts.len();
    if end {
        let d = dir(e, pts[n - 2]);
        pts[n - 1] = e + d * len;
        if n > 2 && (pts[n - 2] - e).x * d.x + (pts[n - 2] - e).y * d.y < len {
            if (pts[n - 2] - pts[n - 1]).x.abs() < 1e-6 || (pts[n - 2] - pts[n - 1]).y.abs() < 1e-6 {
                pts.remove(n - 2);
            }
        }
    }
    (pts, s, e)
}

/// Where the segment from `inside` (within the outline) to `outside` leaves
/// the outline; `None` unless it starts inside and ends outside.
fn exit_point(r: &Rect, o: &Outline, inside: Point, outside: Point) -> Option<Point> {
    let c = r.center();
    let within = |p: Point| p.distance(c) <= o.boundary_point(r, p).distance(c) + 1e-9;
    if !within(inside) {
        return None;
    }
    if within(outside) {
        return (outside.distance(o.boundary_point(r, outside)) < 1e-6).then_some(outside);
    }
    let (mut a, mut b) = (inside, outside);
    for _ in 0..40 {
        let m = a.lerp(b, 0.5);
        if within(m) {
            a = m;
        } else {
            b = m;
        }
    }
    Some(a.lerp(b, 0.5))
}

/// The boxes of the placed vertices, indexed so that an edge is checked
/// against the boxes near it rather than against all of them (which cost
/// the square of the graph's size).
struct Obstacles {
    /// (vertex, box), in vertex order.
    boxes: Vec<(usize, Rect)>,
    cells: BoxGrid,
}

impl Obstacles {
    fn new(vertex_rect: &[Option<Rect>]) -> Obstacles {
        let boxes: Vec<(usize, Rect)> = vertex_rect.iter().enumerate().filter_map(|(v, r)| r.map(|r| (v, r))).collect();
        let corners: Vec<[f64; 4]> = boxes.iter().map(|(_, r)| [r.x, r.y, r.right(), r.bottom()]).collect();
        Obstacles { cells: BoxGrid::new(&corners), boxes }
    }

    /// Every box but those of the vertices `skip`, in vertex order.
    fn all_but(&self, skip: [Term; 2]) -> Vec<Rect> {
        self.boxes.iter().filter(|(v, _)| !skip.contains(&Term::V(*v))).map(|(_, r)| *r).collect()
    }
}

/// How many boxes (but those of the vertices `skip`) the drawn path passes through.
fn hits(path: &Path, tips: (Point, Point), obstacles: &Obstacles, skip: [Term; 2]) -> usize {
    let mut pts = vec![tips.0];
    pts.extend(path.flatten(FLATTEN_STEPS));
    pts.push(tips.1);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in &pts {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let mut near = Vec::new();
    obstacles.cells.near(x0, y0, x1, y1, &mut near);
    near.iter()
        .map(|&k| &obstacles.boxes[k as usize])
        .filter(|(v, _)| !skip.contains(&Term::V(*v)))
        .map(|(_, r)| r)
        .filter(|r| !(r.right() < x0 || r.x > x1 || r.bottom() < y0 || r.y > y1))
        .filter(|r| pts.windows(2).any(|w| segment_hits_rect(w[0], w[1], r, HIT_INSET)))
        .count()
}

pub(super) fn edges(graph: &LayeredGraph, g: &Compound, chains: &[Chain], c: &Coordinates, placed: &Placed) -> Vec<EdgeRoute> {
    let mut routes = vec![EdgeRoute::default(); graph.edges.len()];
    let frame = placed.frame;
    let pad = g.pad;
    let outline_of = |v: usize| -> (Rect, Outline) {
        let r = placed.vertex_rect[v].unwrap_or_default();
        let o = match g.vertices[v].kind {
            super::graph::VKind::Node(i) => graph.nodes[i].outline,
            _ => Outline::Rect,
        };
        (r, o)
    };
    let band = |r: i32| {
        let r = r.max(0) as usize;
        (c.rank_y[r] - c.rank_h[r] / 2.0, c.rank_y[r] + c.rank_h[r] / 2.0)
    };
    // Each gap between ranks, less the cluster borders (and titles) in it.
    let nr = c.rank_y.len();
    let mut free: Vec<(f64, f64)> = (0..nr).map(|r| (band(r as i32).1, if r + 1 < nr { band(r as i32 + 1).0 } else { f64::MAX })).collect();
    for (k, cl) in g.clusters.iter().enumerate() {
        if let (Some((s, e)), Some(b)) = (cl.span, c.clusters[k]) {
            let e = e as usize;
            free[e].0 = free[e].0.max(b[3]);
            if s > 0 {
                let s = s as usize - 1;
                free[s].1 = free[s].1.min(b[1]);
            }
        }
    }
    for f in free.iter_mut() {
        if f.0 > f.1 {
            let m = (f.0 + f.1) / 2.0;
            *f = (m, m);
        }
    }
    // Ranks holding only edge points: edges cross them without bending.
    let mut pass = vec![true; nr];
    for v in &g.vertices {
        if matches!(v.kind, super::graph::VKind::Node(_) | super::graph::VKind::Box(_) | super::graph::VKind::Label(_)) && v.rank >= 0 {
            pass[v.rank as usize] = false;
        }
    }
    // Gaps with an arrowhead at their upper or lower end: every bend in such
    // a gap keeps the arrowhead's length clear on that side, so the bends of
    // one gap share their interval whichever edges carry arrowheads.
    let mut arrow_above = vec![false; nr];
    let mut arrow_below = vec![false; nr];
    for ch in chains {
        let spec = &graph.edges[g.edges[ch.edge].input];
        if ch.kind != ChainKind::Down || spec.invisible {
            continue;
        }
        let (at_top, at_bottom) = if ch.upward { (spec.arrow_end, spec.arrow_start) } else { (spec.arrow_start, spec.arrow_end) };
        let top = g.span(ch.top).1.max(0) as usize;
        let bottom = g.span(ch.bottom).0;
        if at_top && top < nr {
            arrow_above[top] = true;
        }
        if at_bottom && bottom > 0 && ((bottom - 1) as usize) < nr {
            arrow_below[(bottom - 1) as usize] = true;
        }
    }
    // The rank axis in the drawing, pointing from a rank to the next.
    let axis = unit(frame.point(0.0, 1.0) - frame.point(0.0, 0.0));
    // Ports: the edges on one side of a node spread along it, in the order
    // of where they go, so their arrowheads stay apart without crossing.
    let term_x = |t: Term| match t {
        Term::V(v) => c.x[v],
        Term::C(k) => c.clusters[k].map_or(0.0, |b| (b[0] + b[2]) / 2.0),
    };
    let mut sides: std::collections::BTreeMap<(usize, usize), Vec<(f64, usize)>> = std::collections::BTreeMap::new();
    for (ci, ch) in chains.iter().enumerate() {
        if ch.kind != ChainKind::Down || graph.edges[g.edges[ch.edge].input].invisible {
            continue;
        }
        if let Term::V(v) = ch.top {
            let nx = ch.vertices.first().map_or(term_x(ch.bottom), |&u| c.x[u]);
            sides.entry((v, 1)).or_default().push((nx, ci));
        }
        if let Term::V(v) = ch.bottom {
            let nx = ch.vertices.last().map_or(term_x(ch.top), |&u| c.x[u]);
            sides.entry((v, 0)).or_default().push((nx, ci));
        }
    }
    let mut ports: Vec<[Option<f64>; 2]> = vec![[None, None]; chains.len()];
    for ((v, side), mut list) in sides {
        let n = list.len();
        let r = placed.vertex_rect[v].unwrap_or_default();
        let along = if g.dir.is_horizontal() { r.height } else { r.width };
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let usable = if n > 1 { (0.5 * along).min(16.0 * (n - 1) as f64) } else { 0.0 };
        for (i, &(_, ci)) in list.iter().enumerate() {
            let off = if n > 1 { -usable / 2.0 + usable * i as f64 / (n - 1) as f64 } else { 0.0 };
            // Side 1: the chain's top end (leaving below the node); side 0: its bottom end.
            ports[ci][if side == 1 { 0 } else { 1 }] = Some(c.x[v] + off);
        }
    }
    let obstacles = Obstacles::new(&placed.vertex_rect);
    for (ci, ch) in chains.iter().enumerate() {
        let e = &g.edges[ch.edge];
        let spec = &graph.edges[e.input];
        if spec.invisible {
            continue;
        }
        let term_rect = |t: Term| match t {
            Term::V(v) => outline_of(v),
            Term::C(k) => (placed.clusters[k], Outline::Rect),
        };
        let skip = [ch.top, ch.bottom];
        let route = match ch.kind {
            ChainKind::Loop => {
                let (r, _) = term_rect(ch.top);
                let ctr = r.center();
                let horizontal = g.dir.is_horizontal();
                // The loop leaves and re-enters the side facing +x internally.
                let (a, b, out) = if horizontal {
                    let q = (r.width / 4.0).min(12.0);
                    (Point::new(ctr.x + q, r.bottom()), Point::new(ctr.x - q, r.bottom()), Point::new(0.0, LOOP_ROOM))
                } else {
                    let q = (r.height / 4.0).min(12.0);
                    (Point::new(r.right(), ctr.y - q), Point::new(r.right(), ctr.y + q), Point::new(LOOP_ROOM, 0.0))
                };
                let mid = a.lerp(b, 0.5) + out;
                let pts = vec![a, a + out * 0.6, mid, b + out * 0.6, b];
                let (pts, s, t) = with_arrows(pts, spec.arrow_start, spec.arrow_end, graph.arrow_length);
                let label = spec.label.map(|sz| {
                    let ext = if horizontal { sz.height } else { sz.width };
                    Rect::centered(mid + unit(out) * (ext / 2.0 + 4.0), sz)
                });
                EdgeRoute { path: basis(&pts), start_tip: s, end_tip: t, label }
            }
            ChainKind::Flat => {
                let (ra, oa) = term_rect(e.from);
                let (rb, ob) = term_rect(e.to);
                let a = oa.boundary_point(&ra, rb.center());
                let b = ob.boundary_point(&rb, ra.center());
                let mut best: Option<(usize, f64, Vec<Point>)> = None;
                let consider = |pts: Vec<Point>, best: &mut Option<(usize, f64, Vec<Point>)>| {
                    let (p2, s, t) = with_arrows(pts.clone(), spec.arrow_start, spec.arrow_end, graph.arrow_length);
                    let h = hits(&Path::polyline(&p2), (s, t), &obstacles, skip);
                    let len: f64 = pts.windows(2).map(|w| w[0].distance(w[1])).sum();
                    if best.as_ref().is_none_or(|(bh, bl, _)| (h, len) < (*bh, *bl)) {
                        *best = Some((h, len, pts));
                    }
                };
                consider(vec![a, b], &mut best);
                if best.as_ref().is_some_and(|b| b.0 > 0) {
                    // Around everything in the way, on each of the four sides.
                    let (ca, cb) = (ra.center(), rb.center());
                    let (x0, x1) = (ca.x.min(cb.x), ca.x.max(cb.x));
                    let (y0, y1) = (ca.y.min(cb.y), ca.y.max(cb.y));
                    let others = obstacles.all_but(skip);
                    let across_x: Vec<&Rect> = others.iter().filter(|r| r.right() >= x0 && r.x <= x1).collect();
                    let across_y: Vec<&Rect> = others.iter().filter(|r| r.bottom() >= y0 && r.y <= y1).collect();
                    let up = across_x.iter().map(|r| r.y).fold(ra.y.min(rb.y), f64::min) - 20.0;
                    let down = across_x.iter().map(|r| r.bottom()).fold(ra.bottom().max(rb.bottom()), f64::max) + 20.0;
                    let left = across_y.iter().map(|r| r.x).fold(ra.x.min(rb.x), f64::min) - 20.0;
                    let right = across_y.iter().map(|r| r.right()).fold(ra.right().max(rb.right()), f64::max) + 20.0;
                    for (pa, pb) in [
                        (Point::new(ca.x, up), Point::new(cb.x, up)),
                        (Point::new(ca.x, down), Point::new(cb.x, down)),
                        (Point::new(left, ca.y), Point::new(left, cb.y)),
                        (Point::new(right, ca.y), Point::new(right, cb.y)),
                    ] {
                        let sa = oa.boundary_point(&ra, pa);
                        let sb = ob.boundary_point(&rb, pb);
                        consider(vec![sa, pa, pb, sb], &mut best);
                    }
                }
                let pts = best.map(|b| b.2).unwrap_or_else(|| vec![a, b]);
                let mid = if pts.len() == 4 { pts[1].lerp(pts[2], 0.5) } else { pts[0].lerp(pts[1], 0.5) };
                let (pts, s, t) = with_arrows(pts, spec.arrow_start, spec.arrow_end, graph.arrow_length);
                EdgeRoute { path: Path::polyline(&pts), start_tip: s, end_tip: t, label: spec.label.map(|sz| Rect::centered(mid, sz)) }
            }
            ChainKind::Down => {
                let xs: Vec<f64> = ch.vertices.iter().map(|&v| c.x[v]).collect();
                let term_x = |t: Term| match t {
                    Term::V(v) => Some(c.x[v]),
                    Term::C(_) => None,
                };
                let first_x = xs.first().copied().or(term_x(ch.bottom)).unwrap_or(0.0);
                let last_x = xs.last().copied().or(term_x(ch.top)).unwrap_or(0.0);
                // Internal points at the ends: (centre-or-border, stub).
                let top_end = |stub: bool| -> Vec<(f64, f64)> {
                    match ch.top {
                        Term::V(v) => {
                            let x = if stub { ports[ci][0].unwrap_or(c.x[v]) } else { c.x[v] };
                            let mut p = vec![(x, c.y[v])];
                            if stub {
                                p.push((x, band(g.vertices[v].rank).1));
                            }
                            p
                        }
                        Term::C(k) => {
                            let b = c.clusters[k].unwrap_or_default();
                            vec![(first_x.clamp(b[0] + pad, (b[2] - pad).max(b[0] + pad)), b[3])]
                        }
                    }
                };
                let bottom_end = |stub: bool| -> Vec<(f64, f64)> {
                    match ch.bottom {
                        Term::V(v) => {
                            let x = if stub { ports[ci][1].unwrap_or(c.x[v]) } else { c.x[v] };
                            let mut p = vec![];
                            if stub {
                                p.push((x, band(g.vertices[v].rank).0));
                            }
                            p.push((x, c.y[v]));
                            p
                        }
                        Term::C(k) => {
                            let b = c.clusters[k].unwrap_or_default();
                            vec![(last_x.clamp(b[0] + pad, (b[2] - pad).max(b[0] + pad)), b[1])]
                        }
                    }
                };
                let build = |stub: bool| -> Vec<Point> {
                    let mut ip = top_end(stub);
                    for &v in &ch.vertices {
                        if stub && pass[g.vertices[v].rank.max(0) as usize] {
                            // Nothing on this rank to steer around: no bend here.
                            continue;
                        }
                        if stub {
                            let (t, b) = band(g.vertices[v].rank);
                            ip.push((c.x[v], t));
                            if b > t + 1e-6 {
                                ip.push((c.x[v], b));
                            }
                        } else {
                            ip.push((c.x[v], c.y[v]));
                        }
                    }
                    ip.extend(bottom_end(stub));
                    if stub {
                        // Bends happen between the cluster borders of each gap.
                        let mut out: Vec<(f64, f64)> = Vec::with_capacity(ip.len() * 2);
                        for (i, &p) in ip.iter().enumerate() {
                            if i > 0 {
                                let a = ip[i - 1];
                                if (a.0 - p.0).abs() > 1e-6 && p.1 > a.1 + 1e-6 {
                                    let r = (0..nr).rev().find(|&r| band(r as i32).1 <= a.1 + 1e-6);
                                    let r2 = (0..nr).find(|&r| band(r as i32).0 >= p.1 - 1e-6);
                                    if let Some(r) = r {
                                        let ft = free[r].0;
                                        let fb = match r2 {
                                            Some(r2) if r2 > r + 1 => free[r2 - 1].1,
                                            _ => free[r].1,
                                        };
                                        let (mut y0, mut y1) = (ft.max(a.1), fb.min(p.1));
                                        // Room for arrowheads at the gap's ends (see
                                        // `arrow_above`): two bends of one gap then
                                        // cross only where their order changes.
                                        let last = r2.map_or(r, |r2| (r2.max(r + 1) - 1).min(nr - 1));
                                        let top = if arrow_above[r] { graph.arrow_length } else { 0.0 };
                                        let bottom = if arrow_below[last] { graph.arrow_length } else { 0.0 };
                                        if y1 - y0 - top - bottom >= MIN_BEND {
                                            y0 += top;
                                            y1 -= bottom;
                                        }
                                        if y1 > y0 {
                                            out.push((a.0, y0));
                                            out.push((p.0, y1));
                                        }
                                    }
                                }
                            }
                            out.push(p);
                        }
                        ip = out;
                    }
                    let mut pts: Vec<Point> = ip.into_iter().map(|(x, y)| frame.point(x, y)).collect();
                    pts.dedup_by(|a, b| a.distance(*b) < 1e-6);
                    // Clip node ends at their outlines: where the stub from the
                    // port leaves the outline (or, failing that, the ray from
                    // the centre towards the next point does).
                    if let Term::V(v) = ch.top {
                        let (r, o) = outline_of(v);
                        if pts.len() >= 2 {
                            pts[0] = exit_point(&r, &o, pts[0], pts[1]).unwrap_or_else(|| o.boundary_point(&r, pts[1]));
                        }
                    }
                    if let Term::V(v) = ch.bottom {
                        let (r, o) = outline_of(v);
                        let n = pts.len();
                        if n >= 2 {
                            pts[n - 1] = exit_point(&r, &o, pts[n - 1], pts[n - 2]).unwrap_or_else(|| o.boundary_point(&r, pts[n - 2]));
                        }
                    }
                    pts.dedup_by(|a, b| a.distance(*b) < 1e-6);
                    if ch.upward {
                        pts.reverse();
                    }
                    pts
                };
                let mut best: Option<(usize, EdgeRoute)> = None;
                // (stubs through rank bands, curve: 0 straight, 1 basis, 2 bump)
                let variants: &[(bool, u8)] = if smooth(graph.curve) { &[(true, 2), (false, 1), (true, 0), (false, 0)] } else { &[(true, 0), (false, 0)] };
                for &(stub, curve) in variants {
                    let pts = build(stub);
                    if pts.len() < 2 {
                        continue;
                    }
                    let (mut pts, s, t) = if curve == 2 {
                        along_axis_arrows(pts, spec.arrow_start, spec.arrow_end, graph.arrow_length, axis)
                    } else {
                        with_arrows(pts, spec.arrow_start, spec.arrow_end, graph.arrow_length)
                    };
                    pts.dedup_by(|a, b| a.distance(*b) < 1e-6);
                    let path = match curve {
                        1 => basis(&pts),
                        2 => bump(&pts, axis),
                        _ => Path::polyline(&pts),
                    };
                    let h = hits(&path, (s, t), &obstacles, skip);
                    let r = EdgeRoute { path, start_tip: s, end_tip: t, label: None };
                    if best.as_ref().is_none_or(|(bh, _)| h < *bh) {
                        best = Some((h, r));
                    }
                    if h == 0 {
                        break;
                    }
                }
                let mut r = best.map(|b| b.1).unwrap_or_default();
                r.label = spec.label.map(|sz| match ch.label {
                    Some(v) => Rect::centered(frame.point(c.x[v], c.y[v]), sz),
                    None => Rect::centered(r.start_tip.lerp(r.end_tip, 0.5), sz),
                });
                r
            }
        };
        routes[e.input] = route;
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid finds what a scan of every box finds: boxes of all sizes,
    /// paths long and short, the ends skipped.
    #[test]
    fn obstacles_hit_as_a_scan_of_every_box_finds() {
        let mut seed = 7u64;
        let mut next = move |range: f64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 * range
        };
        let rects: Vec<Option<Rect>> = (0..400).map(|i| (i % 7 != 0).then(|| Rect::new(next(2000.0), next(1500.0), 10.0 + next(150.0), 10.0 + next(60.0)))).collect();
        let obstacles = Obstacles::new(&rects);
        assert!(obstacles.cells.cells() > 1, "a grid, not one cell");
        let mut total = 0;
        for k in 0..300 {
            let pts: Vec<Point> = (0..2 + k % 4).map(|_| Point::new(next(2100.0), next(1600.0))).collect();
            let path = Path::polyline(&pts);
            let tips = (pts[0], *pts.last().unwrap());
            let skip = [Term::V(k % 400), Term::V((k * 7) % 400)];
            let mut flat = vec![tips.0];
            flat.extend(path.flatten(FLATTEN_STEPS));
            flat.push(tips.1);
            let scan = rects
                .iter()
                .enumerate()
                .filter(|(v, r)| r.is_some() && !skip.contains(&Term::V(*v)))
                .filter(|(_, r)| flat.windows(2).any(|w| segment_hits_rect(w[0], w[1], r.as_ref().unwrap(), HIT_INSET)))
                .count();
            assert_eq!(hits(&path, tips, &obstacles, skip), scan, "path {k}");
            total += scan;
        }
        assert!(total > 300, "the paths hit boxes ({total})");
    }

    #[test]
    fn basis_starts_and_ends_on_its_points() {
        let pts = [Point::new(0.0, 0.0), Point::new(10.0, 10.0), Point::new(0.0, 20.0), Point::new(5.0, 40.0)];
        let p = basis(&pts);
        assert_eq!(p.start, pts[0]);
        assert!(p.end().distance(pts[3]) < 1e-9);
    }
}
