//! Diagnostics for people: rustc-style source snippet with a caret, via miette.

use super::{Diagnostic, LineIndex, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

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
    let start = diag.span.start.min(text.len());
    // the label: the span (at least one byte, at most 200, whole characters)
    let mut end = (start + diag.span.len().clamp(1, 200)).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let label = LabeledSpan::at(start..end, "here");
    let mut report = MietteDiagnostic::new(format!("{file_name}:{line}:{column}: {} [{}]", diag.message, diag.code))
        .with_severity(severity)
        .with_label(label);
    if let Some(hint) = &diag.hint {
        report = report.with_help(hint.clone());
    }
    let report = miette::Report::new(report).with_source_code(Excerpt::around(file_name, text, &index, start..end));
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(140).with_wrap_lines(false);
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{file_name}:{line}:{column}: {}\n", diag.message);
    }
    out
}

/// The part of a text a snippet shows: the lines around a span (one before
/// and one after) when they are short, else the span's own line cut to the
/// span and 100 bytes either side. Each diagnostic is shown with a copy of
/// this much only, so a page of findings on a 100 KB line costs what the
/// findings do, not the line.
struct Excerpt {
    name: String,
    text: String,
    /// Where `text` starts in the whole: byte offset, 0-based line, and
    /// 0-based column (in characters) on that line.
    offset: usize,
    line: usize,
    column: usize,
}

/// The most bytes of context a snippet shows.
const EXCERPT_BYTES: usize = 2000;
/// How much of a long line a snippet shows either side of its span.
const EXCERPT_SIDE: usize = 100;

impl Excerpt {
    fn around(name: &str, text: &str, index: &LineIndex, span: std::ops::Range<usize>) -> Excerpt {
        let (first, _) = index.position(span.start);
        let (last, _) = index.position(span.end);
        let line_start = |l: usize| index.line_start(l.clamp(1, index.lines()));
        let line_end = |l: usize| if l >= index.lines() { text.len() } else { index.line_start(l + 1) };
        let (mut a, mut b) = (line_start(first.saturating_sub(1)), line_end(last + 1));
        if b - a > EXCERPT_BYTES {
            a = line_start(first).max(span.start.saturating_sub(EXCERPT_SIDE));
            b = line_end(last).min(span.end + EXCERPT_SIDE);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            while !text.is_char_boundary(b) {
                b += 1;
            }
        }
        let (line, column) = index.position(a);
        Excerpt { name: name.to_string(), text: text[a..b].to_string(), offset: a, line: line - 1, column: column - 1 }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(&'a self, span: &SourceSpan, before: usize, after: usize) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = span.offset().checked_sub(self.offset).filter(|&o| o + span.len() <= self.text.len()).ok_or(MietteError::OutOfBounds)?;
        let inner = self.text.read_span(&SourceSpan::new(local.into(), span.len()), before, after)?;
        let column = if inner.line() == 0 { inner.column() + self.column } else { inner.column() };
        let shifted = SourceSpan::new((inner.span().offset() + self.offset).into(), inner.span().len());
        Ok(Box::new(MietteSpanContents::new_named(self.name.clone(), inner.data(), shifted, inner.line() + self.line, column, inner.line_count())))
    }
}
