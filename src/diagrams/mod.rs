//! The diagram kinds atlas-render draws, one folder each.

pub mod flowchart;
pub mod gantt;
pub mod pie;
pub mod sequence;
pub mod timeline;
pub mod xychart;

pub use flowchart::model::Flowchart;
pub use gantt::model::Gantt;
pub use pie::model::Pie;
pub use sequence::model::Sequence;
pub use timeline::model::Timeline;
pub use xychart::model::XyChart;

use crate::diagnostics::Diagnostic;
use crate::model::DiagramKind;
use crate::parse::directive;

/// What parsing found: the model, when one could be built, and every
/// diagnostic. `diagram` may be `Some` even with errors (see module docs).
#[derive(Debug, Clone)]
pub struct ParseOutcome {
    pub kind: DiagramKind,
    pub diagram: Option<Diagram>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseOutcome {
    /// True when mermaid-js would accept the diagram.
    pub fn is_valid(&self) -> bool {
        self.diagram.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }
}

/// Parses a diagram of any kind.
pub fn parse(text: &str) -> ParseOutcome {
    let header = directive::read_header(text);
    let (kind, word) = detect_kind(text, header.body_start);
    let mut outcome = match kind {
        DiagramKind::Flowchart => flowchart::parse::parse(text, &header),
        DiagramKind::Pie => pie::parse::parse(text, &header),
        DiagramKind::Sequence => sequence::parse::parse(text, &header),
        DiagramKind::Timeline => timeline::parse::parse(text, &header),
        DiagramKind::XyChart => xychart::parse::parse(text, &header),
        DiagramKind::Gantt => gantt::parse::parse(text, &header),
        other => ParseOutcome {
            kind: other,
            diagram: None,
            diagnostics: vec![unsupported(text, word, other)],
        },
    };
    let mut diags = header.diagnostics;
    diags.append(&mut outcome.diagnostics);
    outcome.diagnostics = diags;
    outcome
}

fn unsupported(text: &str, span: std::ops::Range<usize>, kind: DiagramKind) -> Diagnostic {
    let word = &text[span.clone()];
    let hint = "start the diagram with `flowchart TD`, `graph LR`, `sequenceDiagram`, `pie`, `timeline`, `gantt`, `xychart-beta`, ...";
    if word.is_empty() {
        Diagnostic::error("AR001", span, "no diagram here: the text has no diagram type").with_hint(hint)
    } else if kind == DiagramKind::Other {
        Diagnostic::error("AR001", span, format!("`{word}` is not a diagram type mermaid-js knows")).with_hint(hint)
    } else {
        Diagnostic::error("AR002", span, format!("atlas-render cannot draw `{word}` diagrams yet"))
    }
}

/// The diagram kind named by the first word at or after `from`, with its span.
pub fn detect_kind(text: &str, from: usize) -> (DiagramKind, std::ops::Range<usize>) {
    let rest = &text[from.min(text.len())..];
    let start = from + (rest.len() - rest.trim_start().len());
    let word_end = text[start..].find(|c: char| c.is_whitespace() || c == ';').map_or(text.len(), |e| start + e);
    let word = &text[start..word_end];
    // mermaid's detectors test `^\s*graph` and `^\s*flowchart` as prefixes.
    let kind = match word {
        w if w.starts_with("graph") || w.starts_with("flowchart") => DiagramKind::Flowchart,
        "sequenceDiagram" => DiagramKind::Sequence,
        "pie" => DiagramKind::Pie,
        "gantt" => DiagramKind::Gantt,
        "xychart-beta" | "xychart" => DiagramKind::XyChart,
        "timeline" => DiagramKind::Timeline,
        "stateDiagram" | "stateDiagram-v2" => DiagramKind::State,
        "classDiagram" | "classDiagram-v2" => DiagramKind::Class,
        "erDiagram" => DiagramKind::Er,
        "mindmap" => DiagramKind::Mindmap,
        "journey" => DiagramKind::Journey,
        "quadrantChart" => DiagramKind::Quadrant,
        "sankey-beta" | "sankey" => DiagramKind::Sankey,
        "gitGraph" => DiagramKind::GitGraph,
        "radar-beta" | "radar" => DiagramKind::Radar,
        _ => DiagramKind::Other,
    };
    (kind, start..word_end)
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
