//! A flowchart's layout figures measured on its drawing, the way
//! `../shared/corpus/atlas-mermaid` measures mermaid's SVGs: node boxes that
//! overlap, pairs of drawn edges that cross, edges drawn through a node that
//! is not one of their ends, and labels whose text leaves their shape; plus
//! what the cluster rules forbid (members outside their subgraph, sibling
//! subgraphs overlapping, titles covered).

use super::layout::FlowchartLayout;
use crate::layout::LayoutFigures;
use crate::layout::geometry::{Point, Rect};
use crate::layout::intersections::Pieces;
use super::model::Flowchart;
use rustc_hash::FxHashMap as HashMap;

/// Steps per cubic piece when flattening drawn curves.
const FLATTEN_STEPS: usize = 16;
/// How far inside a node box an edge must pass to count as going through it.
const HIT_INSET: f64 = 2.0;

/// Measures a laid-out flowchart.
pub fn measure_flowchart(f: &Flowchart, l: &FlowchartLayout) -> LayoutFigures {
    let node_index: HashMap<&str, usize> = f.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let cluster_index: HashMap<&str, usize> = f.subgraphs.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut fig = LayoutFigures {
        width: l.size.width,
        height: l.size.height,
        nodes: l.nodes.len(),
        ..LayoutFigures::default()
    };

    // Overlapping node boxes.
    for i in 0..l.nodes.len() {
        for j in i + 1..l.nodes.len() {
            if l.nodes[i].rect.overlaps(&l.nodes[j].rect) {
                fig.overlaps += 1;
            }
        }
    }

    // Drawn edges as polylines, with the nodes they connect.
    struct Drawn {
        points: Vec<Point>,
        ends: [Option<usize>; 2],
        cluster_ends: [Option<usize>; 2],
    }
    let mut drawn = Vec::new();
    for (e, placed) in f.edges.iter().zip(&l.edges) {
        if placed.route.path.segments.is_empty() {
            continue;
        }
        let mut points = vec![placed.route.start_tip];
        points.extend(placed.route.path.flatten(FLATTEN_STEPS));
        points.push(placed.route.end_tip);
        points.dedup_by(|a, b| a.distance(*b) < 1e-9);
        drawn.push(Drawn {
            points,
            ends: [node_index.get(e.from.as_str()).copied(), node_index.get(e.to.as_str()).copied()],
            cluster_ends: [cluster_index.get(e.from.as_str()).copied(), cluster_index.get(e.to.as_str()).copied()],
        });
    }
    fig.edges = drawn.len();

    // Edges through nodes they do not connect.
    let lines: Vec<&[Point]> = drawn.iter().map(|d| d.points.as_slice()).collect();
    let node_rects: Vec<Rect> = l.nodes.iter().map(|n| n.rect).collect();
    let pieces = Pieces::new(&lines);
    fig.edge_node_hits = pieces.passes_through(&node_rects, HIT_INSET, |e, n| drawn[e].ends.contains(&Some(n))).len();

    // Crossing pairs of edges. Pieces near an end shared by both edges do
    // not count: edges meeting at a node are not crossing.
    fig.crossings = pieces.crossing_pairs(|i, j, at| {
        let (a, b) = (&drawn[i], &drawn[j]);
        let near_node = a.ends.iter().flatten().filter(|n| b.ends.contains(&Some(**n))).any(|&n| l.nodes[n].rect.inflate(12.0).contains(at));
        let near_cluster = a.cluster_ends.iter().flatten().filter(|c| b.cluster_ends.contains(&Some(**c))).any(|&c| l.clusters[c].rect.inflate(12.0).contains(at));
        !near_node && !near_cluster
    })
    .len();

    // Text outside its shape.
    for node in &l.nodes {
        let t = node.text_rect().inflate(-0.5);
        let c = node.rect.center();
        let corners = [Point::new(t.x, t.y), Point::new(t.right(), t.y), Point::new(t.x, t.bottom()), Point::new(t.right(), t.bottom())];
        let outside = corners.iter().any(|&p| {
            let b = node.outline.boundary_point(&node.rect, p);
            b.distance(c) + 1e-6 < p.distance(c)
        });
        if outside || !node.rect.contains_rect(&t) {
            fig.text_overflow += 1;
        }
    }

    // Cluster rules.
    let parent_of = cluster_parents(f);
    for (ni, n) in f.nodes.iter().enumerate() {
        for (ci, sg) in f.subgraphs.iter().enumerate() {
            if sg.members.iter().any(|m| m == &n.id) && !l.clusters[ci].rect.contains_rect(&l.nodes[ni].rect) {
                fig.outside_cluster += 1;
            }
        }
    }
    for (ci, p) in parent_of.iter().enumerate() {
        if let Some(p) = *p {
            if !l.clusters[p].rect.contains_rect(&l.clusters[ci].rect) {
                fig.outside_cluster += 1;
            }
        }
    }
    for i in 0..l.clusters.len() {
        for j in i + 1..l.clusters.len() {
            if is_ancestor(&parent_of, i, j) || is_ancestor(&parent_of, j, i) {
                continue;
            }
            if l.clusters[i].rect.overlaps(&l.clusters[j].rect) {
                fig.cluster_overlaps += 1;
            }
        }
    }
    let title_rects: Vec<Rect> = l
        .clusters
        .iter()
        .filter(|c| !c.title.is_empty())
        .map(|c| Rect::centered(c.title_center, crate::layout::geometry::Size::new(c.title_block.width, c.title_block.height)))
        .collect();
    let label_rects: Vec<Rect> = l.edges.iter().filter_map(|e| e.route.label).collect();
    for (i, t) in title_rects.iter().enumerate() {
        let covered = l.nodes.iter().any(|n| n.rect.overlaps(t))
            || title_rects.iter().enumerate().any(|(j, u)| j != i && u.overlaps(t))
            || label_rects.iter().any(|r| r.overlaps(t));
        fig.covered_titles += covered as usize;
    }
    for (i, r) in label_rects.iter().enumerate() {
        let covered = l.nodes.iter().any(|n| n.rect.overlaps(r))
            || title_rects.iter().any(|t| t.overlaps(r))
            || label_rects.iter().enumerate().any(|(j, u)| j != i && u.overlaps(r));
        fig.covered_edge_labels += covered as usize;
    }
    fig
}

/// Each subgraph's parent, from the model's member lists.
pub fn cluster_parents(f: &Flowchart) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = f.subgraphs.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut parent = vec![None; f.subgraphs.len()];
    for (ci, sg) in f.subgraphs.iter().enumerate() {
        for m in &sg.members {
            if let Some(&sub) = index.get(m.as_str()) {
                if sub != ci && parent[sub].is_none() {
                    parent[sub] = Some(ci);
                }
            }
        }
    }
    parent
}

fn is_ancestor(parent: &[Option<usize>], a: usize, b: usize) -> bool {
    let mut k = parent[b];
    let mut steps = 0;
    while let Some(p) = k {
        if p == a {
            return true;
        }
        k = parent[p];
        steps += 1;
        if steps > parent.len() {
            return false;
        }
    }
    false
}

