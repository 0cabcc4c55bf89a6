//! Sankey diagrams: nodes in order of first appearance, links in the order
//! written, and the `sankey` settings that change the drawing.

use crate::model::config::DiagramConfig;
use serde_json::json;
use std::ops::Range;

/// A flow of `value` from one node to another (indices into `nodes`).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub source: usize,
    pub target: usize,
    /// The value mermaid's `parseFloat` reads; a value it reads as `NaN`, a
    /// negative or an infinite one is 0 here (and a warning).
    pub value: f64,
    /// Where the link is written, in the diagram text.
    pub span: Range<usize>,
}

/// How nodes are put in columns (mermaid's `sankey.nodeAlignment`, d3-sankey's
/// aligns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeAlignment {
    /// Sinks in the last column, every other node at its depth.
    #[default]
    Justify,
    /// Every node at its depth (longest path from a source).
    Left,
    /// Every node at the last column minus its height (longest path to a sink).
    Right,
    /// Like left, but sources just before their nearest target.
    Center,
}

impl NodeAlignment {
    pub fn from_name(name: &str) -> Option<NodeAlignment> {
        Some(match name {
            "justify" => NodeAlignment::Justify,
            "left" => NodeAlignment::Left,
            "right" => NodeAlignment::Right,
            "center" => NodeAlignment::Center,
            _ => return None,
        })
    }
}

/// How links are painted (mermaid's `sankey.linkColor`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LinkColor {
    /// From the source's colour to the target's.
    #[default]
    Gradient,
    Source,
    Target,
    /// One colour for every link, as written (`#a1a1a1`, `red`).
    Fixed(String),
}

/// Where node labels go (mermaid's `sankey.labelStyle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelStyle {
    /// Right of nodes in the left half, left of nodes in the right half.
    #[default]
    Legacy,
    /// Left of nodes in columns before the largest node's, right of the
    /// others, with a halo in the background colour.
    Outlined,
}

/// The `sankey` settings, with mermaid's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SankeyOptions {
    pub width: f64,
    pub height: f64,
    pub node_alignment: NodeAlignment,
    pub link_color: LinkColor,
    /// Values after the node names (`prefix`, value rounded to 2 decimals,
    /// `suffix`).
    pub show_values: bool,
    pub prefix: String,
    pub suffix: String,
    pub node_width: f64,
    pub node_padding: f64,
    pub label_style: LabelStyle,
    /// Colours by node name (`sankey.nodeColors`), in place of the palette.
    pub node_colors: Vec<(String, String)>,
}

impl Default for SankeyOptions {
    fn default() -> Self {
        SankeyOptions {
            width: 600.0,
            height: 400.0,
            node_alignment: NodeAlignment::Justify,
            link_color: LinkColor::Gradient,
            show_values: true,
            prefix: String::new(),
            suffix: String::new(),
            node_width: 10.0,
            node_padding: 12.0,
            label_style: LabelStyle::Legacy,
            node_colors: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sankey {
    /// Node names, in order of first appearance (as source or target).
    pub nodes: Vec<String>,
    pub links: Vec<Link>,
    /// The front matter's `title` (mermaid draws no title on a sankey).
    pub title: Option<String>,
    pub options: SankeyOptions,
    pub config: DiagramConfig,
}

impl Sankey {
    /// mermaid's graph (`db.getGraph()`): `{"kind":"sankey", "nodes":[{"id"}],
    /// "links":[{"source","target","value"}]}`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        json!({
            "kind": "sankey",
            "nodes": self.nodes.iter().map(|n| json!({"id": n})).collect::<Vec<_>>(),
            "links": self.links.iter().map(|l| json!({"source": self.nodes[l.source], "target": self.nodes[l.target], "value": l.value})).collect::<Vec<_>>(),
        })
    }
}
