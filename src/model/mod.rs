//! Diagram models: what a diagram says, independent of how it is drawn.
//!
//! Each diagram kind has its own model file. Parsers produce these; layout
//! reads them. `to_mermaid_json` gives the shape of mermaid-js's own parse
//! (see `../shared/corpus/README.md`) so the two can be compared.

pub mod config;
pub mod flowchart;
pub mod gantt;
pub mod pie;
pub mod sequence;
pub mod style;
pub mod timeline;
pub mod xychart;

pub use config::DiagramConfig;
pub use flowchart::Flowchart;
pub use gantt::Gantt;
pub use pie::Pie;
pub use sequence::Sequence;
pub use timeline::Timeline;
pub use xychart::XyChart;

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

/// A parsed diagram of any kind atlas-render draws.
#[derive(Debug, Clone)]
pub enum Diagram {
    Flowchart(Flowchart),
    Pie(Pie),
    Sequence(Sequence),
    Timeline(Timeline),
    XyChart(XyChart),
    Gantt(Gantt),
}

impl Diagram {
    pub fn kind(&self) -> DiagramKind {
        match self {
            Diagram::Flowchart(_) => DiagramKind::Flowchart,
            Diagram::Pie(_) => DiagramKind::Pie,
            Diagram::Sequence(_) => DiagramKind::Sequence,
            Diagram::Timeline(_) => DiagramKind::Timeline,
            Diagram::XyChart(_) => DiagramKind::XyChart,
            Diagram::Gantt(_) => DiagramKind::Gantt,
        }
    }

    /// The model in the shape of mermaid-js's parse, for `parse --json`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        match self {
            Diagram::Flowchart(f) => f.to_mermaid_json(),
            Diagram::Pie(p) => p.to_mermaid_json(),
            Diagram::Sequence(s) => s.to_mermaid_json(),
            Diagram::Timeline(t) => t.to_mermaid_json(),
            Diagram::XyChart(c) => c.to_mermaid_json(),
            Diagram::Gantt(g) => g.to_mermaid_json(),
        }
    }
}
