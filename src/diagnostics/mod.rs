//! Findings about a diagram's source: what is wrong, where, and how to fix it.
//!
//! A [`Diagnostic`] holds a byte span into the diagram's own text; line and
//! column come from a [`LineIndex`] over that text. Rendering for people goes
//! through miette (source line, caret, hint); `check` also prints them as JSON
//! and as GitHub annotations.

mod render;

pub use render::{render_human, RenderedPosition};

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One finding. `span` is a byte range into the diagram text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable rule code, e.g. `AR001`.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    pub span: Range<usize>,
    /// How to fix it, when a one-line hint helps.
    pub hint: Option<String>,
    /// A precise fix `check --fix` applies: edits of the diagram's text.
    pub fix: Option<Fix>,
}

/// Text to put in place of a span of the diagram's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

/// Edits that together fix one finding, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn replace(span: Range<usize>, replacement: impl Into<String>) -> Fix {
        Fix { edits: vec![Edit { span, replacement: replacement.into() }] }
    }
}

/// `text` with the fixes' edits applied. Edits that overlap an edit
/// already taken are left out (a later run of `--fix` takes them).
pub fn apply_fixes<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> String {
    let mut edits: Vec<&Edit> = Vec::new();
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| edits.iter().any(|t| e.span.start < t.span.end.max(t.span.start + 1) && t.span.start < e.span.end.max(e.span.start + 1)));
        let valid = fix.edits.iter().all(|e| e.span.start <= e.span.end && e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        if !clashes && valid {
            edits.extend(fix.edits.iter());
        }
    }
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: Severity::Error, message: message.into(), span, hint: None, fix: None }
    }

    pub fn warning(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: Severity::Warning, message: message.into(), span, hint: None, fix: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Line starts of a text, to turn byte offsets into 1-based line and column.
/// Columns count characters (not bytes), as editors do.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// How many lines the text has (a text ending in a line break has an
    /// empty last one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where 1-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.clamp(1, self.starts.len()) - 1]
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to it.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line + 1, column)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map(|e| e - 1).unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches('\r')
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "graph TD\n  é[x] --> B\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(9), (2, 1));
        let b = text.find('B').unwrap();
        assert_eq!(idx.position(b), (2, 12));
        assert_eq!(idx.line_text(2), "  é[x] --> B");
        assert_eq!(idx.position(text.len() + 5), (3, 1));
    }
}
