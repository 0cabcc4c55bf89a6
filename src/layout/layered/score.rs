//! How good a finished layout is, measured as the figures measure drawings:
//! edges through nodes they do not connect, pairs of edges that cross away
//! from a shared end, and area.

use super::{End, LayeredGraph, LayeredLayout};
use crate::layout::geometry::{crossing_point, segment_hits_rect, segments_cross, Point, Rect};

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(super) struct Score {
    pub hits: usize,
    pub crossings: usize,
    pub area: f64,
}

pub(super) fn score(g: &LayeredGraph, l: &LayeredLayout) -> Score {
    let drawn: Vec<(usize, Vec<Point>)> = l
        .edges
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.path.segments.is_empty())
        .map(|(j, r)| {
            let mut p = vec![r.start_tip];
            p.extend(r.path.flatten(16));
            p.push(r.end_tip);
            p.dedup_by(|a, b| a.distance(*b) < 1e-9);
            (j, p)
        })
        .collect();
    let rect_of = |e: End| match e {
        End::Node(i) => l.nodes[i],
        End::Cluster(c) => l.clusters[c],
    };
    let bbox = Rect::bounding;
    let mut hits = 0;
    for (j, pts) in &drawn {
        let e = &g.edges[*j];
        let b = bbox(pts);
        for (i, r) in l.nodes.iter().enumerate() {
            if e.from == End::Node(i) || e.to == End::Node(i) {
                continue;
            }
            if r.right() < b.x || r.x > b.right() || r.bottom() < b.y || r.y > b.bottom() {
                continue;
            }
            if pts.windows(2).any(|w| segment_hits_rect(w[0], w[1], r, 2.0)) {
                hits += 1;
            }
        }
    }
    let boxes: Vec<Rect> = drawn.iter().map(|(_, p)| bbox(p)).collect();
    let mut crossings = 0;
    for a in 0..drawn.len() {
        for b in a + 1..drawn.len() {
            let (ra, rb) = (&boxes[a], &boxes[b]);
            if ra.disjoint(rb) {
                continue;
            }
            let (ea, eb) = (&g.edges[drawn[a].0], &g.edges[drawn[b].0]);
            let shared: Vec<Rect> = [ea.from, ea.to].into_iter().filter(|x| *x == eb.from || *x == eb.to).map(|x| rect_of(x).inflate(12.0)).collect();
            let near = |w: &[Point], r: &Rect| {
                !(w[0].x.max(w[1].x) < r.x || w[0].x.min(w[1].x) > r.right() || w[0].y.max(w[1].y) < r.y || w[0].y.min(w[1].y) > r.bottom())
            };
            let wbs: Vec<&[Point]> = drawn[b].1.windows(2).filter(|w| near(w, ra)).collect();
            'pair: for wa in drawn[a].1.windows(2).filter(|w| near(w, rb)) {
                for wb in &wbs {
                    if segments_cross(wa[0], wa[1], wb[0], wb[1]) {
                        let at = crossing_point(wa[0], wa[1], wb[0], wb[1]);
                        if shared.iter().any(|r| r.contains(at)) {
                            continue;
                        }
                        crossings += 1;
                        break 'pair;
                    }
                }
            }
        }
    }
    Score { hits, crossings, area: l.size.width * l.size.height }
}

