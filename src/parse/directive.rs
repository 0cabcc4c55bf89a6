//! What comes before a diagram's first keyword: `---` front matter,
//! `%%{init: ...}%%` directives and `%%` comments.
//!
//! Stub: the full reader (front matter YAML subset, init JSON5 subset) is
//! being written; this one skips blank lines, comments and directives.

use crate::diagnostics::Diagnostic;
use crate::model::config::DiagramConfig;

/// The header of a diagram: its settings and where its body starts.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub config: DiagramConfig,
    /// Byte offset of the diagram keyword.
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn read_header(text: &str) -> Header {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.is_empty() || t.starts_with("%%") {
            offset += line.len();
            continue;
        }
        break;
    }
    Header { body_start: offset, ..Header::default() }
}
