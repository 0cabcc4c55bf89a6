//! Properties of the layered layout on random compound graphs: no two
//! nodes overlap, every member lies inside its subgraph, sibling subgraphs
//! are disjoint, no edge passes through a node it does not connect, no text
//! leaves its box, and the SVG is byte-identical run to run.

use atlas_render::diagrams::flowchart::layout::layout_flowchart;
use atlas_render::diagrams::flowchart::metrics::measure_flowchart;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};
use proptest::prelude::*;

/// A random compound graph: each node's subgraph (or none), each subgraph's
/// parent (an earlier one, or none), edges, labels and a direction.
#[derive(Debug, Clone)]
struct Compound {
    direction: &'static str,
    node_cluster: Vec<Option<usize>>,
    cluster_parent: Vec<Option<usize>>,
    edges: Vec<(usize, usize, bool)>,
    label_words: Vec<usize>,
}

fn compound() -> impl Strategy<Value = Compound> {
    (1usize..=18, 0usize..=5).prop_flat_map(|(n, k)| {
        let parents = (0..k).map(|c| if c == 0 { Just(None).boxed() } else { prop::option::of(0..c).boxed() }).collect::<Vec<_>>();
        (
            prop::sample::select(vec!["TD", "LR", "BT", "RL"]),
            prop::collection::vec(prop::option::of(0..k.max(1)), n).prop_map(move |v| if k == 0 { vec![None; v.len()] } else { v }),
            parents,
            prop::collection::vec((0..n, 0..n, any::<bool>()), 0..=(2 * n + 4)),
            prop::collection::vec(1usize..=4, n),
        )
            .prop_map(|(direction, node_cluster, cluster_parent, edges, label_words)| Compound { direction, node_cluster, cluster_parent, edges, label_words })
    })
}

impl Compound {
    fn mermaid(&self) -> String {
        let mut out = format!("flowchart {}\n", self.direction);
        let words = ["api", "gateway", "replica", "queue", "store"];
        let label = |i: usize| (0..self.label_words[i]).map(|w| words[(i + w) % words.len()]).collect::<Vec<_>>().join(" ");
        for (i, c) in self.node_cluster.iter().enumerate() {
            if c.is_none() {
                out.push_str(&format!("  N{i}[\"{}\"]\n", label(i)));
            }
        }
        for c in 0..self.cluster_parent.len() {
            if self.cluster_parent[c].is_none() {
                self.write_cluster(c, 1, &label, &mut out);
            }
        }
        for &(a, b, labelled) in &self.edges {
            if labelled {
                out.push_str(&format!("  N{a} -->|calls {a}| N{b}\n"));
            } else {
                out.push_str(&format!("  N{a} --> N{b}\n"));
            }
        }
        out
    }

    fn write_cluster(&self, c: usize, depth: usize, label: &dyn Fn(usize) -> String, out: &mut String) {
        let pad = "  ".repeat(depth);
        out.push_str(&format!("{pad}subgraph C{c}[\"Cluster {c}\"]\n"));
        for (i, nc) in self.node_cluster.iter().enumerate() {
            if *nc == Some(c) {
                out.push_str(&format!("{pad}  N{i}[\"{}\"]\n", label(i)));
            }
        }
        for d in 0..self.cluster_parent.len() {
            if self.cluster_parent[d] == Some(c) {
                self.write_cluster(d, depth + 1, label, out);
            }
        }
        out.push_str(&format!("{pad}end\n"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_compound_graphs_lay_out_clean(g in compound()) {
        let text = g.mermaid();
        let Some(Diagram::Flowchart(f)) = parse(&text).diagram else { panic!("does not parse:\n{text}") };
        let layout = layout_flowchart(&f);
        let fig = measure_flowchart(&f, &layout);
        prop_assert_eq!(fig.overlaps, 0, "nodes overlap in\n{}", text);
        prop_assert_eq!(fig.outside_cluster, 0, "a member outside its subgraph in\n{}", text);
        prop_assert_eq!(fig.cluster_overlaps, 0, "sibling subgraphs overlap in\n{}", text);
        prop_assert_eq!(fig.edge_node_hits, 0, "an edge through a node in\n{}", text);
        prop_assert_eq!(fig.text_overflow, 0, "text outside its box in\n{}", text);
        let once = render_svg(&text, &RenderOptions::default()).expect("draws").svg;
        let twice = render_svg(&text, &RenderOptions::default()).expect("draws").svg;
        prop_assert!(once == twice, "the SVG differs run to run for\n{}", text);
    }
}
