//! Pie charts, as mermaid-js 11's pie grammar reads them:
//!
//! ```text
//! pie [showData] [title ...]
//!   [title ...] [accTitle: ...] [accDescr: ...] [accDescr { ... }]
//!   "label" : value
//! ```
//!
//! Lines are read after mermaid's preprocessing (front matter, directives and
//! `%%` comments cut out). A label written twice keeps its first value.
//!
//! | code  | cause |
//! |-------|-------|
//! | AR300 | a line that is neither a slice, a title nor an accessibility line |
//! | AR301 | a slice value that is not a number |
//! | AR302 | a negative slice value (mermaid-js refuses it) |
//! | AR303 | a pie with no slices |
//! | AR304 | a label written twice (warning: the first value is kept) |

use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare};
use crate::diagrams::ParseOutcome;
use crate::diagnostics::Diagnostic;
use super::model::{Pie, Slice};
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use std::ops::Range;

/// Parses a pie chart.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let t = prep.text.as_str();
    let mut pie = Pie { config: header.config.clone(), ..Pie::default() };
    let mut diags = Vec::new();
    let span = |r: Range<usize>| prep.orig_span(r);

    let mut lines = Lines::new(t);
    // The `pie` line.
    let mut first = true;
    let mut multiline_descr: Option<String> = None;
    while let Some((start, raw)) = lines.next() {
        let (line, lead) = strip(raw);
        let at = start + lead;
        if let Some(descr) = multiline_descr.as_mut() {
            if let Some(end) = raw.find('}') {
                descr.push_str(&raw[..end]);
                pie.acc_descr = Some(descr.trim().to_string());
                multiline_descr = None;
            } else {
                descr.push_str(raw);
                descr.push('\n');
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let mut rest = line;
        let mut rest_at = at;
        if first {
            first = false;
            // detect_kind found `pie` here.
            rest = &rest[3.min(rest.len())..];
            rest_at += 3;
            let trimmed = rest.trim_start();
            rest_at += rest.len() - trimmed.len();
            rest = trimmed;
            if let Some(after) = keyword(rest, "showData") {
                pie.show_data = true;
                rest_at += rest.len() - after.len();
                rest = after;
            }
            if rest.is_empty() {
                continue;
            }
        }
        if let Some(after) = keyword(rest, "title") {
            pie.title = Some(decode_codes(after.trim()));
            continue;
        }
        if let Some(value) = acc_value(rest, "accTitle") {
            pie.acc_title = Some(value.trim().to_string());
            continue;
        }
        if let Some(value) = acc_value(rest, "accDescr") {
            pie.acc_descr = Some(value.trim().to_string());
            continue;
        }
        if let Some(after) = rest.strip_prefix("accDescr")
            && let Some(body) = after.trim_start().strip_prefix('{')
        {
            if let Some(end) = body.find('}') {
                pie.acc_descr = Some(body[..end].trim().to_string());
            } else {
                multiline_descr = Some(format!("{body}\n"));
            }
            continue;
        }
        match slice(rest) {
            Ok((label, value_text)) => {
                let value_at = rest_at + (value_text.as_ptr() as usize - rest.as_ptr() as usize);
                let line_span = span(rest_at..rest_at + rest.len());
                match parse_number(value_text) {
                    None => diags.push(
                        Diagnostic::error("AR301", span(value_at..value_at + value_text.len()), format!("`{value_text}` is not a number"))
                            .with_hint("write the value as a plain number such as `42` or `12.5`, without units, `%` or thousands separators"),
                    ),
                    Some(v) if v < 0.0 => diags.push(
                        Diagnostic::error("AR302", span(value_at..value_at + value_text.len()), format!("\"{label}\" has a negative value ({value_text}); pie slices must be 0 or more"))
                            .with_hint("use the size of the slice, not a change; pie charts cannot show negative values"),
                    ),
                    Some(v) => {
                        let label = decode_codes(label);
                        if pie.slices.iter().any(|s| s.label == label) {
                            diags.push(
                                Diagnostic::warning("AR304", line_span, format!("\"{label}\" is already a slice; mermaid-js keeps the first value and ignores this one"))
                                    .with_hint("give each slice its own label"),
                            );
                        } else {
                            pie.slices.push(Slice { label, value: v, span: line_span });
                        }
                    }
                }
            }
            Err(()) => {
                diags.push(
                    Diagnostic::error("AR300", span(rest_at..rest_at + rest.len()), format!("mermaid-js cannot read `{}` in a pie chart", rest.trim()))
                        .with_hint("a slice is `\"label\" : value` with the label in quotes; other lines are `title ...`, `accTitle: ...` or `accDescr: ...`"),
                );
            }
        }
    }
    if pie.title.is_none() {
        pie.title = header.config.title.clone().filter(|t| !t.trim().is_empty());
    }
    if pie.slices.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        let at = header.body_start;
        diags.push(Diagnostic::error("AR303", at..(at + 3).min(text.len()), "this pie chart has no slices").with_hint("add slices as `\"label\" : value`, one per line"));
    }
    ParseOutcome { kind: DiagramKind::Pie, diagram: Some(Diagram::Pie(pie)), diagnostics: diags }
}

/// Lines of the text with their start offsets.
struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, at: 0 }
    }

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |e| start + e);
        self.at = end + 1;
        Some((start, &self.text[start..end]))
    }
}

/// A line without its `%%` comment, trimmed; and how many bytes the
/// leading blanks took.
fn strip(line: &str) -> (&str, usize) {
    let mut end = line.len();
    let mut quote: Option<char> = None;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '%' && bytes.get(i + 1) == Some(&b'%') => {
                end = i;
                break;
            }
            None => {}
        }
    }
    let body = &line[..end];
    let trimmed = body.trim_start();
    (trimmed.trim_end(), body.len() - trimmed.len())
}

/// The rest after a keyword followed by a blank or the end of the line.
fn keyword<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let after = s.strip_prefix(word)?;
    if after.is_empty() {
        return Some(after);
    }
    after.starts_with([' ', '\t']).then(|| after.trim_start())
}

/// `accTitle: value` and the like.
fn acc_value<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    s.strip_prefix(word)?.trim_start().strip_prefix(':')
}

/// `"label" : value` into its label and the value's text.
fn slice(s: &str) -> Result<(&str, &str), ()> {
    let q = s.chars().next().filter(|&c| c == '"' || c == '\'').ok_or(())?;
    let close = s[1..].find(q).ok_or(())? + 1;
    let label = &s[1..close];
    let after = s[close + 1..].trim_start().strip_prefix(':').ok_or(())?;
    let value = after.trim();
    if value.is_empty() {
        return Err(());
    }
    Ok((label, value))
}

/// mermaid's pie numbers: `-?[0-9]+(\.[0-9]+)?` or `-?\.[0-9]+`.
fn parse_number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let ok = match frac {
        None => all_digits(int),
        Some(f) => (int.is_empty() || all_digits(int)) && all_digits(f),
    };
    if ok { s.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::parse as parse_any;

    fn pie(text: &str) -> (Pie, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Pie(p)) => (p, o.diagnostics),
            other => panic!("not a pie: {other:?}"),
        }
    }

    #[test]
    fn reads_title_show_data_and_slices() {
        let (p, d) = pie("pie showData title Costs: $5M (2020)\n  \"AWS\" : 150\n  'Azure' : 12.5\n  %% comment\n  \"Free\" : 0\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(p.show_data);
        assert_eq!(p.title.as_deref(), Some("Costs: $5M (2020)"));
        let s: Vec<(&str, f64)> = p.slices.iter().map(|s| (s.label.as_str(), s.value)).collect();
        assert_eq!(s, [("AWS", 150.0), ("Azure", 12.5), ("Free", 0.0)]);
    }

    #[test]
    fn title_on_its_own_line_and_accessibility() {
        let (p, d) = pie("pie\n  title Pets\n  accTitle: Pets owned\n  accDescr: dogs and cats\n  \"Dogs\" : 3\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.title.as_deref(), Some("Pets"));
        assert_eq!(p.acc_title.as_deref(), Some("Pets owned"));
        assert_eq!(p.acc_descr.as_deref(), Some("dogs and cats"));
    }

    #[test]
    fn bad_values_are_errors() {
        let (_, d) = pie("pie\n  \"A\" : -3\n  \"B\" : 1\n");
        assert_eq!(d[0].code, "AR302");
        let (_, d) = pie("pie\n  \"A\" : 30%\n  \"B\" : 1\n");
        assert_eq!(d[0].code, "AR301");
        let (_, d) = pie("pie\n  A : 3\n");
        assert_eq!(d[0].code, "AR300");
        let (_, d) = pie("pie title Nothing\n");
        assert_eq!(d[0].code, "AR303");
    }

    #[test]
    fn duplicate_labels_keep_the_first_value() {
        let (p, d) = pie("pie\n  \"A\" : 3\n  \"A\" : 5\n");
        assert_eq!(p.slices.len(), 1);
        assert_eq!(p.slices[0].value, 3.0);
        assert_eq!(d[0].code, "AR304");
        assert!(!d[0].is_error());
    }
}
