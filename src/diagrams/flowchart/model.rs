//! The flowchart model: nodes, edges, subgraphs and their styling, as the
//! author wrote them (after mermaid's own rules for merging repeated ids).

use crate::model::config::DiagramConfig;
use crate::model::style::StyleDecls;
use crate::diagnostics::Diagnostic;
use serde_json::{json, Value};
use std::ops::Range;
pub use crate::model::{Direction, Label, LabelFormat};

/// mermaid's vertex types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Shape {
    /// `A[text]`
    #[default]
    Square,
    /// `A(text)`
    Round,
    /// `A([text])`
    Stadium,
    /// `A[[text]]`
    Subroutine,
    /// `A[(text)]`
    Cylinder,
    /// `A((text))`
    Circle,
    /// `A(((text)))`
    DoubleCircle,
    /// `A{text}`
    Diamond,
    /// `A{{text}}`
    Hexagon,
    /// `A>text]`
    Odd,
    /// `A[/text/]`
    LeanRight,
    /// `A[\text\]`
    LeanLeft,
    /// `A[/text\]`
    Trapezoid,
    /// `A[\text/]`
    InvTrapezoid,
}

impl Shape {
    /// mermaid's name for the vertex type.
    pub fn mermaid_name(self) -> &'static str {
        match self {
            Shape::Square => "square",
            Shape::Round => "round",
            Shape::Stadium => "stadium",
            Shape::Subroutine => "subroutine",
            Shape::Cylinder => "cylinder",
            Shape::Circle => "circle",
            Shape::DoubleCircle => "doublecircle",
            Shape::Diamond => "diamond",
            Shape::Hexagon => "hexagon",
            Shape::Odd => "odd",
            Shape::LeanRight => "lean_right",
            Shape::LeanLeft => "lean_left",
            Shape::Trapezoid => "trapezoid",
            Shape::InvTrapezoid => "inv_trapezoid",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    /// The label; a node written only as its id has its id as label.
    pub label: Label,
    pub shape: Shape,
    /// Class names in the order they were given (`:::name`, `class a name`).
    pub classes: Vec<String>,
    /// `style id ...` declarations, in order.
    pub styles: Vec<String>,
    /// Where the node is first written.
    pub span: Range<usize>,
}

/// An arrowhead at one end of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ArrowHead {
    #[default]
    None,
    /// `>`
    Point,
    /// `o`
    Circle,
    /// `x`
    Cross,
}

/// The line of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stroke {
    #[default]
    Normal,
    Thick,
    Dotted,
    /// `~~~`: takes part in layout, not drawn.
    Invisible,
}

impl Stroke {
    pub fn mermaid_name(self) -> &'static str {
        match self {
            Stroke::Normal => "normal",
            Stroke::Thick => "thick",
            Stroke::Dotted => "dotted",
            Stroke::Invisible => "invisible",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// A node id or a subgraph id.
    pub from: String,
    pub to: String,
    pub label: Option<Label>,
    /// Arrowhead at the `from` end (only for `<-->`, `o--o`, `x--x`).
    pub start: ArrowHead,
    /// Arrowhead at the `to` end.
    pub end: ArrowHead,
    pub stroke: Stroke,
    /// Extra length: `-->` is 1, `--->` is 2, and so on (mermaid's `length`).
    pub length: usize,
    /// Declarations from `linkStyle` (default ones first, then by index).
    pub styles: Vec<String>,
    pub span: Range<usize>,
}

impl Edge {
    /// mermaid's `arrow` name: `arrow_point`, `arrow_open`, `double_arrow_circle`, ...
    pub fn mermaid_arrow(&self) -> &'static str {
        let head = |h: ArrowHead| match h {
            ArrowHead::None => "open",
            ArrowHead::Point => "point",
            ArrowHead::Circle => "circle",
            ArrowHead::Cross => "cross",
        };
        match (self.start, self.end) {
            (ArrowHead::None, end) => match head(end) {
                "open" => "arrow_open",
                "point" => "arrow_point",
                "circle" => "arrow_circle",
                _ => "arrow_cross",
            },
            (_, end) => match head(end) {
                "point" => "double_arrow_point",
                "circle" => "double_arrow_circle",
                "cross" => "double_arrow_cross",
                _ => "arrow_open",
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subgraph {
    pub id: String,
    pub title: Label,
    /// Node and subgraph ids directly inside, in mermaid's order: every id
    /// used in the subgraph's statements that is not already a member of a
    /// subgraph closed before it (so a nested subgraph's nodes belong to it,
    /// not to its parent), and the ids of the subgraphs nested in it.
    pub members: Vec<String>,
    pub direction: Option<Direction>,
    pub classes: Vec<String>,
    pub styles: Vec<String>,
    pub span: Range<usize>,
}

/// Which statement styled something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleStatementKind {
    /// `classDef name decls`
    ClassDef,
    /// `style id decls`
    Style,
    /// `class id1,id2 name`
    Class,
}

/// A `classDef`, `style` or `class` statement as written, for `check`
/// findings and fixes that point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleStatement {
    pub kind: StyleStatementKind,
    /// The class names a `classDef` defines, the id a `style` styles, or
    /// the ids a `class` statement names.
    pub names: Vec<String>,
    /// The class a `class` statement gives.
    pub class: Option<String>,
    /// The whole statement in the diagram's text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    pub name: String,
    /// Declarations as written, e.g. `fill:#f9f`.
    pub styles: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flowchart {
    pub direction: Direction,
    /// The direction keyword as written (`TD` stays `TD`).
    pub direction_name: String,
    /// In order of first appearance. As in mermaid, an id used in an edge
    /// or a `style` line may be a subgraph's id: such a "node" stands for
    /// the subgraph (its styles and classes are the subgraph's).
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// In mermaid's order: a nested subgraph comes before the one holding it.
    pub subgraphs: Vec<Subgraph>,
    pub class_defs: Vec<ClassDef>,
    /// Every `classDef`, `style` and `class` statement, in order.
    pub style_statements: Vec<StyleStatement>,
    pub config: DiagramConfig,
    /// `accTitle` and `accDescr`: the drawing's `<title>` and `<desc>`.
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    /// Things the author probably did not mean that did not stop the drawing:
    /// header and parser warnings, and (as warnings) what mermaid-js refuses
    /// but atlas-render could still draw as the author meant.
    pub warnings: Vec<Diagnostic>,
}

impl Flowchart {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn subgraph(&self, id: &str) -> Option<&Subgraph> {
        self.subgraphs.iter().find(|s| s.id == id)
    }

    pub fn class_def(&self, name: &str) -> Option<&ClassDef> {
        self.class_defs.iter().rev().find(|c| c.name == name)
    }

    /// A node's resolved style: `classDef default`, then its classes in
    /// order, then its own `style` lines; later declarations win.
    pub fn node_style(&self, node: &Node) -> StyleDecls {
        self.resolve_style(&node.classes, &node.styles)
    }

    /// A subgraph's resolved style, by the same rules as a node's.
    pub fn subgraph_style(&self, sg: &Subgraph) -> StyleDecls {
        let mut s = StyleDecls::default();
        for class in &sg.classes {
            if let Some(def) = self.class_def(class) {
                s = s.merged(&StyleDecls::from_strings(def.styles.iter().map(String::as_str)));
            }
        }
        s.merged(&StyleDecls::from_strings(sg.styles.iter().map(String::as_str)))
    }

    fn resolve_style(&self, classes: &[String], own: &[String]) -> StyleDecls {
        let mut s = match self.class_def("default") {
            Some(def) => StyleDecls::from_strings(def.styles.iter().map(String::as_str)),
            None => StyleDecls::default(),
        };
        for class in classes {
            if let Some(def) = self.class_def(class) {
                s = s.merged(&StyleDecls::from_strings(def.styles.iter().map(String::as_str)));
            }
        }
        s.merged(&StyleDecls::from_strings(own.iter().map(String::as_str)))
    }

    /// The model in the shape of `../shared/corpus/atlas-mermaid/model/*.json`.
    pub fn to_mermaid_json(&self) -> Value {
        let nodes: Vec<Value> = self
            .nodes
            .iter()
            .map(|n| {
                json!({
                    "id": n.id,
                    "label": n.label.text,
                    "shape": n.shape.mermaid_name(),
                    "classes": n.classes,
                    "styles": n.styles,
                })
            })
            .collect();
        let edges: Vec<Value> = self
            .edges
            .iter()
            .map(|e| {
                json!({
                    "from": e.from,
                    "to": e.to,
                    "label": e.label.as_ref().map(|l| l.text.as_str()).unwrap_or(""),
                    "arrow": e.mermaid_arrow(),
                    "stroke": e.stroke.mermaid_name(),
                    "length": e.length,
                })
            })
            .collect();
        let subgraphs: Vec<Value> = self
            .subgraphs
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "title": s.title.text,
                    "members": s.members,
                    "direction": s.direction.map(|d| d.name()),
                })
            })
            .collect();
        let mut class_defs = serde_json::Map::new();
        for c in &self.class_defs {
            class_defs.insert(c.name.clone(), json!(c.styles));
        }
        json!({
            "kind": "flowchart",
            // mermaid's own name: `TD` is stored as `TB`
            "direction": self.direction.name(),
            "nodes": nodes,
            "edges": edges,
            "subgraphs": subgraphs,
            "classDefs": class_defs,
        })
    }
}

impl Shape {
    pub fn from_mermaid_name(name: &str) -> Option<Shape> {
        Some(match name {
            "square" | "rect" => Shape::Square,
            "round" => Shape::Round,
            "stadium" => Shape::Stadium,
            "subroutine" => Shape::Subroutine,
            "cylinder" => Shape::Cylinder,
            "circle" => Shape::Circle,
            "doublecircle" => Shape::DoubleCircle,
            "diamond" => Shape::Diamond,
            "hexagon" => Shape::Hexagon,
            "odd" => Shape::Odd,
            "lean_right" => Shape::LeanRight,
            "lean_left" => Shape::LeanLeft,
            "trapezoid" => Shape::Trapezoid,
            "inv_trapezoid" => Shape::InvTrapezoid,
            _ => return None,
        })
    }
}

impl Flowchart {
    /// Reads mermaid-js's own parse (the `model` of
    /// `../shared/corpus/atlas-mermaid/model/*.json`) into a flowchart, so
    /// layout and drawing can be tested on exactly what mermaid parsed.
    pub fn from_mermaid_json(v: &Value) -> Option<Flowchart> {
        let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let strings = |v: &Value, k: &str| -> Vec<String> {
            v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
        };
        let direction_name = str_of(v, "direction");
        let mut f = Flowchart {
            direction: Direction::from_name(&direction_name).unwrap_or_default(),
            direction_name,
            ..Flowchart::default()
        };
        for n in v.get("nodes")?.as_array()? {
            f.nodes.push(Node {
                id: str_of(n, "id"),
                label: Label::plain(str_of(n, "label")),
                shape: Shape::from_mermaid_name(&str_of(n, "shape")).unwrap_or_default(),
                classes: strings(n, "classes").into_iter().filter(|c| c != "default").collect(),
                styles: strings(n, "styles"),
                span: 0..0,
            });
        }
        for e in v.get("edges")?.as_array()? {
            let arrow = str_of(e, "arrow");
            let head = |s: &str| match s {
                "point" => ArrowHead::Point,
                "circle" => ArrowHead::Circle,
                "cross" => ArrowHead::Cross,
                _ => ArrowHead::None,
            };
            let (start, end) = match arrow.strip_prefix("double_arrow_") {
                Some(h) => (head(h), head(h)),
                None => (ArrowHead::None, head(arrow.strip_prefix("arrow_").unwrap_or("open"))),
            };
            let label = str_of(e, "label");
            f.edges.push(Edge {
                from: str_of(e, "from"),
                to: str_of(e, "to"),
                label: (!label.is_empty()).then(|| Label::plain(label)),
                start,
                end,
                stroke: match str_of(e, "stroke").as_str() {
                    "thick" => Stroke::Thick,
                    "dotted" => Stroke::Dotted,
                    "invisible" => Stroke::Invisible,
                    _ => Stroke::Normal,
                },
                length: e.get("length").and_then(Value::as_u64).unwrap_or(1).max(1) as usize,
                styles: Vec::new(),
                span: 0..0,
            });
        }
        if let Some(subs) = v.get("subgraphs").and_then(Value::as_array) {
            for s in subs {
                f.subgraphs.push(Subgraph {
                    id: str_of(s, "id"),
                    title: Label::plain(str_of(s, "title")),
                    members: strings(s, "members"),
                    direction: s.get("direction").and_then(Value::as_str).and_then(Direction::from_name),
                    classes: Vec::new(),
                    styles: Vec::new(),
                    span: 0..0,
                });
            }
        }
        if let Some(defs) = v.get("classDefs").and_then(Value::as_object) {
            for (name, styles) in defs {
                let styles = styles.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default();
                f.class_defs.push(ClassDef { name: name.clone(), styles });
            }
        }
        Some(f)
    }
}
