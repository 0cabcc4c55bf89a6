//! A deliberately simple stand-in for the layered layout: longest-path ranks,
//! input order within ranks, straight edges, clusters as member bounds.
//! It keeps the pipeline whole while the real passes are written.

use super::{End, EdgeRoute, LayeredGraph, LayeredLayout};
use crate::layout::geometry::{Path, Point, Rect, Size};
use crate::model::flowchart::Direction;

pub fn layout(g: &LayeredGraph) -> LayeredLayout {
    let n = g.nodes.len();
    let horizontal = g.direction.is_horizontal();
    // Node index standing for each cluster: its first member, depth first.
    let cluster_rep = |c: usize| -> Option<usize> {
        (0..n).find(|&i| {
            let mut k = g.nodes[i].cluster;
            while let Some(cc) = k {
                if cc == c {
                    return true;
                }
                k = g.clusters[cc].parent;
            }
            false
        })
    };
    let end_node = |e: End| match e {
        End::Node(i) => Some(i),
        End::Cluster(c) => cluster_rep(c),
    };
    // Longest path ranks over forward edges (by input order of first use).
    let mut rank = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for e in &g.edges {
            if let (Some(a), Some(b)) = (end_node(e.from), end_node(e.to)) {
                if a < b || rank[a] < rank[b] {
                    let want = rank[a] + e.minlen.max(1) as usize;
                    if a != b && rank[b] < want && want <= n {
                        rank[b] = want;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let max_rank = rank.iter().copied().max().unwrap_or(0);
    // Along-rank extent (width in TB) and across-rank extent per node.
    let along = |i: usize| if horizontal { g.nodes[i].size.height } else { g.nodes[i].size.width };
    let across = |i: usize| if horizontal { g.nodes[i].size.width } else { g.nodes[i].size.height };
    let mut rank_depth = vec![0.0f64; max_rank + 1];
    for i in 0..n {
        rank_depth[rank[i]] = rank_depth[rank[i]].max(across(i));
    }
    let mut rank_pos = vec![0.0f64; max_rank + 1];
    let mut acc = 40.0;
    for r in 0..=max_rank {
        rank_pos[r] = acc + rank_depth[r] / 2.0;
        acc += rank_depth[r] + g.rank_sep;
    }
    let mut cursor = vec![20.0f64; max_rank + 1];
    let mut centers = vec![Point::default(); n];
    for i in 0..n {
        let r = rank[i];
        let a = cursor[r] + along(i) / 2.0;
        cursor[r] += along(i) + g.node_sep;
        centers[i] = if horizontal { Point::new(rank_pos[r], a) } else { Point::new(a, rank_pos[r]) };
    }
    let mut nodes: Vec<Rect> = (0..n).map(|i| Rect::centered(centers[i], g.nodes[i].size)).collect();
    // Clusters: bounds of members, innermost first.
    let mut clusters = vec![Rect::default(); g.clusters.len()];
    let depth = |c: usize| {
        let mut d = 0;
        let mut k = g.clusters[c].parent;
        while let Some(p) = k {
            d += 1;
            k = g.clusters[p].parent;
        }
        d
    };
    let mut order: Vec<usize> = (0..g.clusters.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(depth(c)));
    for &c in &order {
        let mut b: Option<Rect> = None;
        for i in 0..n {
            if g.nodes[i].cluster == Some(c) {
                b = Some(b.map_or(nodes[i], |r| r.union(&nodes[i])));
            }
        }
        for (cc, spec) in g.clusters.iter().enumerate() {
            if spec.parent == Some(c) && clusters[cc].width > 0.0 {
                b = Some(b.map_or(clusters[cc], |r| r.union(&clusters[cc])));
            }
        }
        let inner = b.unwrap_or(Rect::new(0.0, 0.0, 40.0, 20.0));
        let p = g.cluster_padding;
        let title = g.clusters[c].title;
        let mut r = Rect::new(inner.x - p, inner.y - p - title.height, inner.width + 2.0 * p, inner.height + 2.0 * p + title.height);
        r.width = r.width.max(title.width + 2.0 * p);
        clusters[c] = r;
    }
    // Shift everything to start at (margin, margin).
    let mut all: Option<Rect> = None;
    for r in nodes.iter().chain(clusters.iter()) {
        all = Some(all.map_or(*r, |a| a.union(r)));
    }
    let all = all.unwrap_or_default();
    let (dx, dy) = (8.0 - all.x, 8.0 - all.y);
    for r in nodes.iter_mut().chain(clusters.iter_mut()) {
        r.x += dx;
        r.y += dy;
    }
    let node_box = |e: End| match e {
        End::Node(i) => (nodes[i], Some(i)),
        End::Cluster(c) => (clusters[c], None),
    };
    let edges = g
        .edges
        .iter()
        .map(|e| {
            if e.invisible {
                return EdgeRoute::default();
            }
            let (ra, ia) = node_box(e.from);
            let (rb, ib) = node_box(e.to);
            let outline = |r: &Rect, i: Option<usize>, toward: Point| match i {
                Some(i) => g.nodes[i].outline.boundary_point(r, toward),
                None => crate::layout::outline::Outline::Rect.boundary_point(r, toward),
            };
            let a = outline(&ra, ia, rb.center());
            let b = outline(&rb, ib, ra.center());
            let len = a.distance(b).max(1e-6);
            let dir = (b - a) * (1.0 / len);
            let pa = if e.arrow_start { a + dir * g.arrow_length } else { a };
            let pb = if e.arrow_end { b - dir * g.arrow_length } else { b };
            let mid = a.lerp(b, 0.5);
            EdgeRoute {
                path: Path::polyline(&[pa, pb]),
                start_tip: a,
                end_tip: b,
                label: e.label.map(|s| Rect::centered(mid, s)),
            }
        })
        .collect();
    let mut size = Size::new(all.width + 16.0, all.height + 16.0);
    if matches!(g.direction, Direction::BT | Direction::RL) {
        size = Size::new(size.width, size.height);
    }
    LayeredLayout { nodes, clusters, edges, size }
}
