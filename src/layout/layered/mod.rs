//! The layered (Sugiyama) layout with compound clusters.
//!
//! Input is a [`LayeredGraph`]: sized nodes, clusters (subgraphs) nested in a
//! tree, and edges between nodes or clusters. Output is a [`LayeredLayout`]:
//! a box per node and per cluster, and a drawn path per edge, in a drawing
//! whose top-left corner is (0, 0).
//!
//! The passes run in order in [`layout`], one module each.

use super::geometry::{Path, Point, Rect, Size};
use super::outline::Outline;
use crate::model::config::Curve;
use crate::model::flowchart::Direction;

mod placeholder;

/// One end of an edge: a node, or a whole cluster (drawn to its border).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    Node(usize),
    Cluster(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeSpec {
    pub size: Size,
    pub outline: Outline,
    /// The innermost cluster holding the node.
    pub cluster: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterSpec {
    pub parent: Option<usize>,
    /// The title's text box; the cluster keeps a band this tall (plus
    /// padding) free above its members, at least this wide.
    pub title: Size,
    /// The cluster's own `direction`, honoured when no edge crosses its border.
    pub direction: Option<Direction>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeSpec {
    pub from: End,
    pub to: End,
    /// The label's text box, when the edge has a label.
    pub label: Option<Size>,
    /// Minimum rank distance (mermaid's edge `length`: `-->` 1, `--->` 2, ...).
    pub minlen: u32,
    /// How strongly the layout keeps this edge short and straight.
    pub weight: f64,
    /// Arrowheads, so the path stops short of the outline by `arrow_length`.
    pub arrow_start: bool,
    pub arrow_end: bool,
    /// Not drawn (`~~~`): shapes the layout only.
    pub invisible: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayeredGraph {
    pub direction: Direction,
    /// Gap between neighbouring nodes of one rank.
    pub node_sep: f64,
    /// Gap between ranks.
    pub rank_sep: f64,
    /// Space between a cluster's border and what it holds.
    pub cluster_padding: f64,
    /// Length of an arrowhead: paths end this far from the outline.
    pub arrow_length: f64,
    pub curve: Curve,
    pub nodes: Vec<NodeSpec>,
    pub clusters: Vec<ClusterSpec>,
    pub edges: Vec<EdgeSpec>,
}

/// An edge as drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeRoute {
    /// The drawn curve. It starts on the source's outline (or `arrow_length`
    /// before it when the start has an arrowhead) and ends likewise.
    pub path: Path,
    /// Where the arrowheads' tips touch the outlines (equal to the path's
    /// ends when there is no arrowhead).
    pub start_tip: Point,
    pub end_tip: Point,
    /// The label's box, centred where the label is drawn.
    pub label: Option<Rect>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayeredLayout {
    /// Node boxes, in input order.
    pub nodes: Vec<Rect>,
    /// Cluster boxes (border included), in input order.
    pub clusters: Vec<Rect>,
    /// Edge routes, in input order (invisible edges get an empty path).
    pub edges: Vec<EdgeRoute>,
    /// The whole drawing: everything lies within (0, 0)–(width, height).
    pub size: Size,
}

/// Lays the graph out.
pub fn layout(graph: &LayeredGraph) -> LayeredLayout {
    placeholder::layout(graph)
}
