//! Diagnostics for people: rustc-style source snippet with a caret, via miette.

use super::{Diagnostic, LineIndex, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

/// Where a diagnostic points, in 1-based line and column of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderedPosition {
    pub line: usize,
    pub column: usize,
}

/// `file:line:col: severity[code]: message`, then the source line with a caret
/// and the hint. `text` is the whole file and `diag.span` is in file offsets.
pub fn render_human(diag: &Diagnostic, file_name: &str, text: &str, color: bool) -> String {
    let index = LineIndex::new(text);
    let (line, column) = index.position(diag.span.start);
    let severity = match diag.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let len = diag.span.len().max(1).min(text.len().saturating_sub(diag.span.start).max(1));
    let start = diag.span.start.min(text.len());
    let label = LabeledSpan::at(start..start + len.min(text.len() - start), "here");
    let mut report = MietteDiagnostic::new(format!("{file_name}:{line}:{column}: {} [{}]", diag.message, diag.code))
        .with_severity(severity)
        .with_label(label);
    if let Some(hint) = &diag.hint {
        report = report.with_help(hint.clone());
    }
    let report = miette::Report::new(report).with_source_code(NamedSource::new(file_name, text.to_string()));
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(140).with_wrap_lines(false);
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{file_name}:{line}:{column}: {}\n", diag.message);
    }
    out
}
