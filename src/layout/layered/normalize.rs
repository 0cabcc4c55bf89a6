//! Long edges: an edge spanning several ranks becomes a chain of virtual
//! vertices, one per rank in between, its label (if any) a vertex of the
//! label's size on the middle rank.

use super::graph::{Compound, Term, VKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChainKind {
    /// From the upper term down to the lower one through `vertices`.
    Down,
    /// Ends whose ranks overlap: drawn straight across.
    Flat,
    /// A node to itself.
    Loop,
}

/// An internal edge laid out across ranks.
#[derive(Debug, Clone)]
pub(super) struct Chain {
    /// Index of the internal edge.
    pub edge: usize,
    pub kind: ChainKind,
    pub top: Term,
    pub bottom: Term,
    /// Virtual and label vertices, top to bottom.
    pub vertices: Vec<usize>,
    pub label: Option<usize>,
    /// True when the input edge runs from `bottom` to `top`.
    pub upward: bool,
}

/// The cluster a virtual vertex on rank `r` belongs to: the deepest cluster
/// holding either end whose span contains `r`.
fn cluster_at(g: &Compound, top: Term, bottom: Term, r: i32, top_rank: i32, bottom_rank: i32) -> Option<usize> {
    // a vertex's clusters, or a cluster's own and those holding it
    let chain_of = |t: Term| match t {
        Term::V(v) => g.outward(g.vertices[v].cluster),
        Term::C(c) => g.outward(Some(c)),
    };
    let pick = |t: Term| {
        chain_of(t).find(|&c| g.clusters[c].span.is_some_and(|(s, e)| s <= r && r <= e))
    };
    match (pick(top), pick(bottom)) {
        (Some(a), Some(b)) => {
            let (da, db) = (g.clusters[a].depth, g.clusters[b].depth);
            if da > db || (da == db && r - top_rank <= bottom_rank - r) { Some(a) } else { Some(b) }
        }
        (a, b) => a.or(b),
    }
}

pub(super) fn long_edges(g: &mut Compound) -> Vec<Chain> {
    let mut chains = Vec::with_capacity(g.edges.len());
    for k in 0..g.edges.len() {
        let e = g.edges[k].clone();
        if e.from == e.to {
            chains.push(Chain { edge: k, kind: ChainKind::Loop, top: e.from, bottom: e.to, vertices: vec![], label: None, upward: false });
            continue;
        }
        let (a, b) = (g.span(e.from), g.span(e.to));
        let (top, bottom, upward) = if a.1 < b.0 {
            (e.from, e.to, false)
        } else if b.1 < a.0 {
            (e.to, e.from, true)
        } else {
            chains.push(Chain { edge: k, kind: ChainKind::Flat, top: e.from, bottom: e.to, vertices: vec![], label: None, upward: false });
            continue;
        };
        let (tr, br) = (g.span(top).1, g.span(bottom).0);
        let mid = (tr + br) / 2;
        let mut vertices = Vec::with_capacity((br - tr - 1).max(0) as usize);
        let mut label = None;
        for r in tr + 1..br {
            let cluster = cluster_at(g, top, bottom, r, tr, br);
            let v = match e.label {
                Some((w, h)) if r == mid && label.is_none() => {
                    let v = g.add_vertex(VKind::Label(e.input), w, h, cluster, r);
                    label = Some(v);
                    v
                }
                _ => g.add_vertex(VKind::Dummy(e.input), 0.0, 0.0, cluster, r),
            };
            vertices.push(v);
        }
        chains.push(Chain { edge: k, kind: ChainKind::Down, top, bottom, vertices, label, upward });
    }
    chains
}
