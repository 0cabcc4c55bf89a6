//! Attributes in: the input graph becomes the internal compound graph in the
//! top-to-bottom frame (sizes swapped for LR/RL), collapsed clusters become
//! box vertices, minimum lengths double so labels get a rank of their own.

use super::clusters::Collapsed;
use super::graph::{Compound, ICluster, IEdge, Term, VKind};
use super::{End, LayeredGraph};

/// How far a self-loop bulges out of its node.
pub(super) const LOOP_ROOM: f64 = 36.0;

pub(super) fn build(g: &LayeredGraph, collapsed: &[Option<Collapsed>]) -> Compound {
    let horizontal = g.direction.is_horizontal();
    let frame = |w: f64, h: f64| if horizontal { (h, w) } else { (w, h) };
    let nc = g.clusters.len();
    // The outermost collapsed cluster holding each cluster (itself included).
    let hidden_by = |c: usize| -> Option<usize> {
        let mut k = Some(c);
        let mut found = None;
        while let Some(p) = k {
            if collapsed[p].is_some() {
                found = Some(p);
            }
            k = g.clusters[p].parent;
        }
        found
    };
    let mut clusters: Vec<ICluster> = (0..nc)
        .map(|c| ICluster {
            parent: g.clusters[c].parent,
            present: hidden_by(c).is_none(),
            title_w: g.clusters[c].title.width,
            title_h: g.clusters[c].title.height,
            ..ICluster::default()
        })
        .collect();
    for c in 0..nc {
        if let Some(p) = clusters[c].parent {
            if clusters[c].present {
                clusters[p].children.push(c);
            }
        }
        let mut d = 0;
        let mut k = clusters[c].parent;
        while let Some(p) = k {
            d += 1;
            k = clusters[p].parent;
            if d > nc {
                break;
            }
        }
        clusters[c].depth = d;
    }
    let mut cg = Compound {
        dir: g.direction,
        node_sep: g.node_sep,
        rank_sep: g.rank_sep,
        pad: g.cluster_padding,
        vertices: Vec::new(),
        clusters,
        edges: Vec::new(),
        node_vertex: vec![None; g.nodes.len()],
    };
    // Room for self-loops (and their labels) on each side along the rank: the
    // loop bulges out on one side, the node stays centred.
    let loop_room: Vec<f64> = (0..g.nodes.len())
        .map(|i| {
            g.edges
                .iter()
                .filter(|e| e.from == End::Node(i) && e.to == End::Node(i) && !e.invisible)
                .map(|e| LOOP_ROOM + 4.0 + e.label.map_or(0.0, |l| if horizontal { l.height } else { l.width } + 8.0))
                .fold(0.0, f64::max)
        })
        .collect();
    for (i, n) in g.nodes.iter().enumerate() {
        if n.cluster.and_then(hidden_by).is_some() {
            continue;
        }
        let (w, h) = frame(n.size.width, n.size.height);
        let w = w + 2.0 * loop_room[i];
        cg.node_vertex[i] = Some(cg.add_vertex(VKind::Node(i), w, h, n.cluster, 0));
    }
    let mut box_vertex = vec![None; nc];
    for c in 0..nc {
        if let Some(col) = &collapsed[c] {
            if hidden_by(c) == Some(c) {
                let (w, h) = frame(col.size.width, col.size.height);
                box_vertex[c] = Some(cg.add_vertex(VKind::Box(c), w, h, g.clusters[c].parent, 0));
            }
        }
    }
    for (j, e) in g.edges.iter().enumerate() {
        let term = |end: End| match end {
            End::Node(i) => cg.node_vertex[i].map(Term::V),
            End::Cluster(c) => match box_vertex[c] {
                Some(v) => Some(Term::V(v)),
                None if cg.clusters[c].present => Some(Term::C(c)),
                None => None,
            },
        };
        let (Some(from), Some(to)) = (term(e.from), term(e.to)) else { continue };
        cg.edges.push(IEdge {
            input: j,
            from,
            to,
            // A label takes a rank of its own between its edge's ends.
            minlen: if e.label.is_some() { 2 } else { 1 } * e.minlen.max(1) as i32,
            weight: e.weight,
            label: e.label.map(|s| frame(s.width, s.height)),
        });
    }
    cg
}
