//! What the models of every kind share: their configuration (theme, curve,
//! from directives and front matter), style declarations, the direction
//! layered layouts run in, labels, and the names of the kinds.
//!
//! Each kind's own model is `diagrams/<kind>/model.rs`: what a diagram says,
//! independent of how it is drawn. Parsers produce these; layout reads them.
//! `to_mermaid_json` gives the shape of mermaid-js's own parse (see
//! `../shared/corpus/README.md`) so the two can be compared.

pub mod config;
pub mod direction;
pub mod label;
pub mod style;

pub use config::DiagramConfig;
pub use direction::Direction;
pub use label::{Label, LabelFormat};

/// The old path of [`Direction`], which `layout::layered` still names; goes
/// when it imports `crate::model::Direction`.
pub mod flowchart {
    pub use super::Direction;
}

/// The kinds of diagram atlas-render knows by their first keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagramKind {
    Flowchart,
    Sequence,
    Pie,
    Gantt,
    XyChart,
    Timeline,
    State,
    Class,
    Er,
    Mindmap,
    Journey,
    Quadrant,
    Sankey,
    GitGraph,
    Radar,
    Other,
}

impl DiagramKind {
    /// The name `check --json` reports, matching mermaid's diagram type names
    /// where they exist.
    pub fn name(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "flowchart",
            DiagramKind::Sequence => "sequence",
            DiagramKind::Pie => "pie",
            DiagramKind::Gantt => "gantt",
            DiagramKind::XyChart => "xychart",
            DiagramKind::Timeline => "timeline",
            DiagramKind::State => "state",
            DiagramKind::Class => "class",
            DiagramKind::Er => "er",
            DiagramKind::Mindmap => "mindmap",
            DiagramKind::Journey => "journey",
            DiagramKind::Quadrant => "quadrant",
            DiagramKind::Sankey => "sankey",
            DiagramKind::GitGraph => "gitGraph",
            DiagramKind::Radar => "radar",
            DiagramKind::Other => "unknown",
        }
    }
}
