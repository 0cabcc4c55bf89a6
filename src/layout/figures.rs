//! What `check --json`, the corpus report and the benches read off a laid-out
//! drawing: its size, what it holds, and the faults a layout can have. Every
//! kind fills the figures that apply to it (see each kind's `measure`);
//! the rest stay zero.

#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct LayoutFigures {
    pub width: f64,
    pub height: f64,
    pub nodes: usize,
    pub edges: usize,
    pub crossings: usize,
    pub overlaps: usize,
    pub edge_node_hits: usize,
    pub text_overflow: usize,
    /// Nodes or subgraphs drawn (partly) outside a subgraph that holds them.
    pub outside_cluster: usize,
    /// Pairs of subgraphs that overlap though neither holds the other.
    pub cluster_overlaps: usize,
    /// Subgraph titles that a node, another title or an edge label covers.
    pub covered_titles: usize,
    /// Edge labels that a node, title or another edge label covers.
    pub covered_edge_labels: usize,
}
