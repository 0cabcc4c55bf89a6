//! A flowchart's geometry as a [`LayoutRecord`] by id, for the snapshot store.

use super::layout::FlowchartLayout;
use super::model::Flowchart;
use crate::layout::geometry::Segment;
use crate::layout::record::{point, rect, BoxRecord, EdgeRecord, LayoutRecord};

/// A flowchart's record (its model gives the ids, its layout the places).
pub fn layout_record(f: &Flowchart, layout: &FlowchartLayout) -> LayoutRecord {
    // a subgraph's id named by `style` or `class` is a node too in the
    // model (as in mermaid's), drawn as nothing: the cluster is the record
    let subgraph_ids: std::collections::BTreeSet<&str> = f.subgraphs.iter().map(|s| s.id.as_str()).collect();
    let nodes = f.nodes.iter().zip(&layout.nodes).filter(|(n, _)| !subgraph_ids.contains(n.id.as_str())).map(|(n, p)| BoxRecord { id: n.id.clone(), rect: rect(&p.rect), label: n.label.text.clone() }).collect();
    let clusters = f.subgraphs.iter().zip(&layout.clusters).map(|(s, p)| BoxRecord { id: s.id.clone(), rect: rect(&p.rect), label: s.title.text.clone() }).collect();
    let edges = f
        .edges
        .iter()
        .zip(&layout.edges)
        .map(|(e, p)| {
            let mut points = vec![point(&p.route.path.start)];
            for s in &p.route.path.segments {
                match s {
                    Segment::Line(a) => points.push(point(a)),
                    Segment::Cubic(a, b, c) => points.extend([point(a), point(b), point(c)]),
                }
            }
            EdgeRecord { from: e.from.clone(), to: e.to.clone(), points, label_box: p.route.label.as_ref().map(rect), label: e.label.as_ref().map(|l| l.text.clone()).unwrap_or_default() }
        })
        .collect();
    LayoutRecord { nodes, clusters, edges }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_styled_subgraph_is_a_cluster_not_a_node() {
        let text = "graph TD\n  subgraph EdgePlane[Edge Plane]\n    style EdgePlane fill:#0066CC\n    CDN --> Zuul\n  end\n";
        let (_, record) = crate::pipeline::render_recorded(text, &crate::pipeline::RenderOptions::default()).unwrap();
        let record = record.unwrap();
        let ids: Vec<&str> = record.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["CDN", "Zuul"]);
        assert_eq!(record.clusters.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["EdgePlane"]);
    }
}
