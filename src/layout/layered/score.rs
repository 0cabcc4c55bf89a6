//! How good a finished layout is, measured as the figures measure drawings:
//! edges through nodes they do not connect, pairs of edges that cross away
//! from a shared end, and area.

use super::{End, LayeredGraph, LayeredLayout};
use crate::layout::geometry::Point;
use crate::layout::intersections::Pieces;

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(super) struct Score {
    pub hits: usize,
    pub crossings: usize,
    pub area: f64,
}

/// The score of a drawing; `ordering_crossings`, when given, stands for
/// the drawn crossings (what a huge graph's search compares: a route
/// crosses where its ordering does, and listing hundreds of thousands of
/// crossing pairs cost more than the rest of its layout).
pub(super) fn score(g: &LayeredGraph, l: &LayeredLayout, ordering_crossings: Option<usize>) -> Score {
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
    let lines: Vec<&[Point]> = drawn.iter().map(|(_, p)| p.as_slice()).collect();
    let pieces = Pieces::new(&lines);
    let hits = pieces.passes_through(&l.nodes, 2.0, |k, i| {
        let e = &g.edges[drawn[k].0];
        e.from == End::Node(i) || e.to == End::Node(i)
    })
    .len();
    if let Some(crossings) = ordering_crossings {
        return Score { hits, crossings, area: l.size.width * l.size.height };
    }
    let crossings = pieces.crossing_pairs(|a, b, at| {
        let (ea, eb) = (&g.edges[drawn[a].0], &g.edges[drawn[b].0]);
        ![ea.from, ea.to].into_iter().filter(|x| *x == eb.from || *x == eb.to).any(|x| rect_of(x).inflate(12.0).contains(at))
    })
    .len();
    Score { hits, crossings, area: l.size.width * l.size.height }
}
