//! A mindmap: a tree of nodes, each with a shape, a label (Markdown, as
//! mermaid-js reads every mindmap label), an optional icon and classes.

use crate::model::config::DiagramConfig;
use serde_json::json;
use std::ops::Range;

/// mermaid's mindmap node types (`nodeType` in its database).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Plain text: a box with a line under it.
    #[default]
    Default,
    /// `[text]`
    Rect,
    /// `(text)`
    RoundedRect,
    /// `((text))`
    Circle,
    /// `)text(`
    Cloud,
    /// `))text((`
    Bang,
    /// `{{text}}`
    Hexagon,
}

impl Shape {
    /// mermaid's `type2Str` name (its misspelling of hexagon included).
    pub fn name(self) -> &'static str {
        match self {
            Shape::Default => "no-border",
            Shape::Rect => "rect",
            Shape::RoundedRect => "rounded-rect",
            Shape::Circle => "circle",
            Shape::Cloud => "cloud",
            Shape::Bang => "bang",
            Shape::Hexagon => "hexgon",
        }
    }

    /// The shape an opening and closing bracket make (mermaid's `getType`).
    pub fn from_brackets(open: &str, close: &str) -> Shape {
        match open {
            "[" => Shape::Rect,
            "(" if close == ")" => Shape::RoundedRect,
            "(" => Shape::Cloud,
            "((" => Shape::Circle,
            ")" => Shape::Cloud,
            "))" => Shape::Bang,
            "{{" => Shape::Hexagon,
            _ => Shape::Default,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The id the author wrote (`root` in `root((Platform))`); the label
    /// when no brackets follow.
    pub id: String,
    /// The label, as written (Markdown).
    pub label: String,
    pub shape: Shape,
    /// Depth in the tree: 0 for the root.
    pub depth: usize,
    /// Indentation relative to the root's, as mermaid counts it (one per
    /// blank character); edges take their stroke width from it.
    pub level: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// `::icon(...)`: the icon's class names.
    pub icon: Option<String>,
    /// `:::a b`: extra classes on the node.
    pub classes: Option<String>,
    /// Where the node is written, in the diagram text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mindmap {
    /// Nodes in the order written; the first is the root.
    pub nodes: Vec<Node>,
    pub config: DiagramConfig,
}

impl Mindmap {
    /// The root's children in order: each starts a section (colour).
    pub fn section_of(&self, node: usize) -> Option<usize> {
        let mut at = node;
        loop {
            let parent = self.nodes[at].parent?;
            if self.nodes[parent].parent.is_none() {
                return self.nodes[parent].children.iter().position(|&c| c == at).map(|i| i % (super::MAX_SECTIONS - 1));
            }
            at = parent;
        }
    }

    /// The model in the shape of a mermaid-js parse: `{"kind":"mindmap",
    /// "nodes":[{"id","label","shape","level","parent","icon","class"}]}`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        json!({
            "kind": "mindmap",
            "nodes": self.nodes.iter().map(|n| json!({
                "id": n.id,
                "label": n.label,
                "shape": n.shape.name(),
                "level": n.level,
                "parent": n.parent,
                "icon": n.icon,
                "class": n.classes,
            })).collect::<Vec<_>>(),
        })
    }
}
