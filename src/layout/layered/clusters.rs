//! Isolated clusters: a subgraph no edge crosses is laid out on its own, in
//! its own `direction` (mermaid's rule; without one, mermaid turns TB into LR
//! and anything else into TB), and enters its parent as a single box.

use super::graph::title_band;
use super::{ClusterSpec, EdgeSpec, End, LayeredGraph, LayeredLayout, NodeSpec};
use crate::layout::geometry::Size;
use crate::model::Direction;

/// A cluster laid out on its own.
#[derive(Debug, Clone)]
pub(super) struct Collapsed {
    /// The inner layout, in its own (0,0)–(w,h) frame.
    pub layout: LayeredLayout,
    /// Input indices of the inner layout's nodes, clusters and edges.
    pub nodes: Vec<usize>,
    pub clusters: Vec<usize>,
    pub edges: Vec<usize>,
    /// The box's size, border included.
    pub size: Size,
    /// Room above the inner layout for the title.
    pub top: f64,
}

fn is_within(g: &LayeredGraph, c: usize, mut k: Option<usize>) -> bool {
    while let Some(p) = k {
        if p == c {
            return true;
        }
        k = g.clusters[p].parent;
    }
    false
}

/// Is this end strictly inside cluster `c`?
fn inside(g: &LayeredGraph, c: usize, e: End) -> bool {
    match e {
        End::Node(i) => is_within(g, c, g.nodes[i].cluster),
        End::Cluster(d) => d != c && is_within(g, c, Some(d)),
    }
}

/// Does no edge cross `c`'s border? Edges to `c` itself from outside end on
/// its border and do not count.
pub(super) fn is_isolated(g: &LayeredGraph, c: usize) -> bool {
    // A member's edge to `c` itself has one end inside and one not: it crosses.
    g.edges.iter().all(|e| inside(g, c, e.from) == inside(g, c, e.to))
}

/// The direction an isolated cluster is laid out in.
fn direction_of(spec: &ClusterSpec, parent: Direction) -> Direction {
    spec.direction.unwrap_or(if parent == Direction::TB { Direction::LR } else { Direction::TB })
}

/// Lays out every isolated cluster not inside another isolated one; the
/// result is indexed by input cluster.
pub(super) fn collapse_isolated(g: &LayeredGraph) -> Vec<Option<Collapsed>> {
    let n = g.clusters.len();
    let isolated: Vec<bool> = (0..n).map(|c| is_isolated(g, c)).collect();
    let mut out: Vec<Option<Collapsed>> = vec![None; n];
    for c in 0..n {
        if !isolated[c] {
            continue;
        }
        // Only the outermost isolated cluster: inner ones collapse in its own layout.
        let mut k = g.clusters[c].parent;
        let mut outermost = true;
        while let Some(p) = k {
            if isolated[p] {
                outermost = false;
            }
            k = g.clusters[p].parent;
        }
        if outermost {
            out[c] = Some(collapse(g, c));
        }
    }
    out
}

fn collapse(g: &LayeredGraph, c: usize) -> Collapsed {
    let nodes: Vec<usize> = (0..g.nodes.len()).filter(|&i| is_within(g, c, g.nodes[i].cluster)).collect();
    let clusters: Vec<usize> = (0..g.clusters.len()).filter(|&d| d != c && is_within(g, c, Some(d))).collect();
    let node_map = |i: usize| nodes.iter().position(|&x| x == i);
    let cluster_map = |d: usize| clusters.iter().position(|&x| x == d);
    let edges: Vec<usize> = (0..g.edges.len()).filter(|&j| inside(g, c, g.edges[j].from) && inside(g, c, g.edges[j].to)).collect();
    let map_end = |e: End| match e {
        End::Node(i) => End::Node(node_map(i).expect("inner node")),
        End::Cluster(d) => End::Cluster(cluster_map(d).expect("inner cluster")),
    };
    let inner_parent = |p: Option<usize>| p.filter(|&p| p != c).and_then(cluster_map);
    let sub = LayeredGraph {
        direction: direction_of(&g.clusters[c], g.direction),
        node_sep: g.node_sep,
        rank_sep: g.rank_sep,
        cluster_padding: g.cluster_padding,
        arrow_length: g.arrow_length,
        curve: g.curve,
        nodes: nodes.iter().map(|&i| NodeSpec { cluster: inner_parent(g.nodes[i].cluster), ..g.nodes[i].clone() }).collect(),
        clusters: clusters.iter().map(|&d| ClusterSpec { parent: inner_parent(g.clusters[d].parent), ..g.clusters[d].clone() }).collect(),
        edges: edges.iter().map(|&j| EdgeSpec { from: map_end(g.edges[j].from), to: map_end(g.edges[j].to), ..g.edges[j].clone() }).collect(),
    };
    let layout = if sub.nodes.is_empty() && sub.clusters.is_empty() { LayeredLayout::default() } else { super::layout_at(&sub, 0.0) };
    let p = g.cluster_padding;
    let title = g.clusters[c].title;
    let top = title_band(title.height, p);
    let width = (layout.size.width + 2.0 * p).max(title.width + 2.0 * p).max(2.0 * p);
    let height = layout.size.height + top + p;
    Collapsed { layout, nodes, clusters, edges, size: Size::new(width, height), top }
}
