//! Clusters in the layered graph: each present cluster spans the ranks of
//! its members, and holds a left and a right border vertex on every rank of
//! its span, so ordering keeps it contiguous and positioning keeps it a box.

use super::graph::{Compound, Side, VKind};

/// Rank spans of the present clusters, from their real members.
pub(super) fn cluster_spans(g: &mut Compound) {
    for c in 0..g.clusters.len() {
        g.clusters[c].span = None;
    }
    for v in 0..g.vertices.len() {
        if !g.vertices[v].is_real() {
            continue;
        }
        let r = g.vertices[v].rank;
        let mut k = g.vertices[v].cluster;
        while let Some(c) = k {
            k = g.clusters[c].parent;
            let s = g.clusters[c].span.get_or_insert((r, r));
            s.0 = s.0.min(r);
            s.1 = s.1.max(r);
        }
    }
}

/// Adds border vertices for every present cluster on every rank it spans.
pub(super) fn add_borders(g: &mut Compound) {
    for c in 0..g.clusters.len() {
        if !g.clusters[c].present {
            continue;
        }
        if let Some((s, e)) = g.clusters[c].span {
            for r in s..=e {
                g.add_vertex(VKind::Border(c, Side::Left), 0.0, 0.0, Some(c), r);
                g.add_vertex(VKind::Border(c, Side::Right), 0.0, 0.0, Some(c), r);
            }
        }
    }
}
