//! Whole-pipeline and per-pass tests on small graphs.

use super::graph::{Side, VKind};
use super::*;
use crate::layout::geometry::Size;
use crate::layout::outline::Outline;

pub(super) fn node(w: f64, h: f64, cluster: Option<usize>) -> NodeSpec {
    NodeSpec { size: Size::new(w, h), outline: Outline::Rect, cluster }
}

pub(super) fn edge(from: End, to: End) -> EdgeSpec {
    EdgeSpec { from, to, label: None, minlen: 1, weight: 1.0, arrow_start: false, arrow_end: true, invisible: false }
}

pub(super) fn graph(direction: Direction, nodes: Vec<NodeSpec>, clusters: Vec<ClusterSpec>, edges: Vec<EdgeSpec>) -> LayeredGraph {
    LayeredGraph {
        direction,
        node_sep: 50.0,
        rank_sep: 50.0,
        cluster_padding: 16.0,
        arrow_length: 9.0,
        curve: Curve::Basis,
        nodes,
        clusters,
        edges,
    }
}

pub(super) fn cluster(parent: Option<usize>) -> ClusterSpec {
    ClusterSpec { parent, title: Size::new(60.0, 20.0), direction: None }
}

/// Two clusters side by side with edges crossing between them, plus a free node.
fn sample() -> LayeredGraph {
    use End::Node as N;
    let nodes = vec![
        node(80.0, 40.0, Some(0)),
        node(80.0, 40.0, Some(0)),
        node(120.0, 60.0, Some(1)),
        node(80.0, 40.0, Some(1)),
        node(80.0, 40.0, None),
        node(60.0, 30.0, Some(2)),
    ];
    let clusters = vec![cluster(None), cluster(None), cluster(Some(1))];
    let mut labelled = edge(N(1), N(3));
    labelled.label = Some(Size::new(50.0, 18.0));
    let edges = vec![edge(N(4), N(0)), edge(N(0), N(1)), edge(N(0), N(2)), labelled, edge(N(2), N(5)), edge(N(4), End::Cluster(1)), edge(N(5), N(4))];
    graph(Direction::TB, nodes, clusters, edges)
}

fn inside(outer: &Rect, inner: &Rect) -> bool {
    outer.contains_rect(inner)
}

#[test]
fn no_overlaps_members_inside_siblings_apart() {
    for dir in [Direction::TB, Direction::BT, Direction::LR, Direction::RL] {
        let mut g = sample();
        g.direction = dir;
        let l = layout(&g);
        for i in 0..l.nodes.len() {
            for j in i + 1..l.nodes.len() {
                assert!(!l.nodes[i].overlaps(&l.nodes[j]), "{dir:?}: nodes {i} and {j} overlap");
            }
            if let Some(c) = g.nodes[i].cluster {
                assert!(inside(&l.clusters[c], &l.nodes[i]), "{dir:?}: node {i} outside cluster {c}");
            }
        }
        assert!(inside(&l.clusters[1], &l.clusters[2]));
        assert!(!l.clusters[0].overlaps(&l.clusters[1]), "{dir:?}: sibling clusters overlap");
        let all = Rect::new(0.0, 0.0, l.size.width, l.size.height);
        for r in l.nodes.iter().chain(&l.clusters) {
            assert!(inside(&all, r), "{dir:?}: {r:?} outside the drawing");
        }
    }
}

#[test]
fn routes_end_on_outlines_and_arrows_stop_short() {
    let mut g = sample();
    g.nodes[1].outline = Outline::Diamond;
    g.nodes[3].outline = Outline::Ellipse;
    let l = layout(&g);
    for (j, e) in g.edges.iter().enumerate() {
        let r = &l.edges[j];
        for (end, tip) in [(e.from, r.start_tip), (e.to, r.end_tip)] {
            let (rect, outline) = match end {
                End::Node(i) => (l.nodes[i], g.nodes[i].outline),
                End::Cluster(c) => (l.clusters[c], Outline::Rect),
            };
            let b = outline.boundary_point(&rect, tip);
            assert!(b.distance(tip) < 0.5, "edge {j}: tip {tip:?} not on the outline ({b:?})");
        }
        assert!((r.path.end().distance(r.end_tip) - g.arrow_length).abs() < 0.5, "edge {j}: arrow gap");
    }
    assert!(l.edges[3].label.is_some());
}

#[test]
fn layout_is_deterministic() {
    let g = sample();
    assert_eq!(layout(&g), layout(&g));
}

#[test]
fn ranks_follow_edges_and_minlen() {
    use End::Node as N;
    let mut long = edge(N(0), N(2));
    long.minlen = 3;
    let g = graph(Direction::TB, vec![node(40.0, 20.0, None); 3], vec![], vec![edge(N(0), N(1)), long]);
    let l = layout(&g);
    assert!(l.nodes[0].bottom() < l.nodes[1].y);
    // Three ranks down: further than the one-rank edge.
    assert!(l.nodes[2].y - l.nodes[0].y > 2.5 * (l.nodes[1].y - l.nodes[0].y));
}

#[test]
fn ordering_keeps_clusters_contiguous() {
    let g = sample();
    let base = input::build(&g, &clusters::collapse_isolated(&g));
    let Ranked { g: cg, adjacency: adj, .. } = normalize_ranked(&base, &rank::assign(&base, rank::Stacking::All, true, false, (1.0, 1.0)));
    let ordering = order::reduce_crossings(&cg, &adj, 24, order::Start { upward: false, seed: 0 }, &mut order::Budget { used: 0, limit: u64::MAX }).ordering;
    for layer in &ordering.layers {
        for c in 0..cg.clusters.len() {
            let idx: Vec<usize> = layer.iter().enumerate().filter(|(_, v)| cg.in_cluster(**v, c)).map(|(i, _)| i).collect();
            if idx.is_empty() {
                continue;
            }
            assert_eq!(idx.last().unwrap() - idx[0] + 1, idx.len(), "cluster {c} split on a rank");
            assert_eq!(cg.vertices[layer[idx[0]]].kind, VKind::Border(c, Side::Left));
            assert_eq!(cg.vertices[layer[*idx.last().unwrap()]].kind, VKind::Border(c, Side::Right));
        }
    }
    // Brandes–Köpf keeps every rank's neighbours apart.
    let coords = position::assign(&cg, &ordering, &adj);
    for layer in &ordering.layers {
        for w in layer.windows(2) {
            let (a, b) = (w[0], w[1]);
            let need = (cg.vertices[a].w + cg.vertices[b].w) / 2.0;
            assert!(coords.x[b] - coords.x[a] >= need - 1e-6, "{a} and {b} too close");
        }
    }
}

#[test]
fn isolated_cluster_takes_its_own_direction() {
    use End::Node as N;
    let mut c = cluster(None);
    c.direction = Some(Direction::LR);
    let g = graph(Direction::TB, vec![node(40.0, 20.0, Some(0)), node(40.0, 20.0, Some(0)), node(40.0, 20.0, None)], vec![c], vec![edge(N(0), N(1))]);
    let l = layout(&g);
    // Left to right inside the cluster.
    assert!(l.nodes[0].right() < l.nodes[1].x);
    assert!((l.nodes[0].center().y - l.nodes[1].center().y).abs() < 1e-6);
    assert!(l.clusters[0].contains_rect(&l.nodes[0]) && l.clusters[0].contains_rect(&l.nodes[1]));
}
