//! The flowchart parser (stub while the real one is written).

use super::directive::Header;
use super::ParseOutcome;
use crate::diagnostics::Diagnostic;
use crate::model::DiagramKind;

pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let _ = text;
    ParseOutcome {
        kind: DiagramKind::Flowchart,
        diagram: None,
        diagnostics: vec![Diagnostic::error("AR000", header.body_start..header.body_start, "the flowchart parser is not written yet")],
    }
}
