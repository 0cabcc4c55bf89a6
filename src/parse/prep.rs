//! mermaid-js's preprocessing, with a map back to the author's text.
//!
//! Before its parser sees a diagram, mermaid-js 11 rewrites the text:
//!
//! 1. `\r\n` and `\r` become `\n`; inside HTML tags, `="..."` becomes `='...'`;
//! 2. `---` front matter is cut off;
//! 3. `%%{...}%%` directives are cut out, wherever they are;
//! 4. whole-line `%%` comments are cut out (with any blank lines just before
//!    them), and leading blanks are trimmed;
//! 5. `encodeEntities`: on a line with `style`/`classDef`, `:`, `#` and `;`,
//!    the last `;` is dropped; `#name;` codes become placeholder characters;
//! 6. a `\n` is appended;
//! 7. (flowchart parser) blanks after a `}` up to the last line break become
//!    a single `\n`.
//!
//! The parser works on the result, like mermaid's, so that tokens, and the
//! line numbers in mermaid's messages ("Parse error on line N", counted in
//! the rewritten text), come out the same. [`Prepared`] maps every offset of
//! the rewritten text back to the original, so diagnostics point at what the
//! author wrote.

use crate::lex::{is_js_line_break, is_js_space};
use std::ops::Range;

/// Text after mermaid's preprocessing, and where each byte came from.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub text: String,
    /// For each byte of `text`, and one past its end: an offset in the
    /// original (`None`: the same offsets, clamped to the original's end).
    map: Option<Vec<u32>>,
    /// Offsets of the `\n`s in `text`.
    newlines: Vec<usize>,
    original: String,
}

impl Prepared {
    /// The original offset of an offset in `text`.
    pub fn orig(&self, offset: usize) -> usize {
        match &self.map {
            Some(m) => m[offset.min(m.len() - 1)] as usize,
            None => offset.min(self.original.len()),
        }
    }

    /// The original span of a span in `text` (on char boundaries).
    pub fn orig_span(&self, span: Range<usize>) -> Range<usize> {
        let start = self.orig(span.start);
        let mut end = if span.end > span.start { self.orig(span.end - 1) + 1 } else { start };
        while end < self.original.len() && !self.original.is_char_boundary(end) {
            end += 1;
        }
        start..end.min(self.original.len()).max(start)
    }

    /// The line jison reports for a token ending at `end`: 1 + the number of
    /// line breaks before `end`.
    pub fn jison_line(&self, end: usize) -> usize {
        1 + self.newlines.partition_point(|&n| n < end)
    }
}

/// A text and, for each byte (and its end), the original offset (`None`
/// until the first edit: the identity).
struct Buf {
    text: String,
    map: Option<Vec<u32>>,
}

impl Buf {
    /// Applies sorted, non-overlapping replacements.
    fn edit(mut self, edits: &[(Range<usize>, String)]) -> Buf {
        if edits.iter().all(|(r, with)| r.is_empty() && with.is_empty()) {
            return self;
        }
        let len = self.text.len();
        if let [(r, with)] = edits {
            if r.start == len && r.is_empty() {
                // appending: no need to copy
                self.text.push_str(with);
                if let Some(map) = &mut self.map {
                    let at = map[len];
                    map.truncate(len);
                    map.extend(std::iter::repeat_n(at, with.len()));
                    map.push(at);
                }
                return self;
            }
        }
        let old_map = self.map.take().unwrap_or_else(|| (0..=len as u32).collect());
        let mut text = String::with_capacity(len);
        let mut map = Vec::with_capacity(old_map.len());
        let mut at = 0;
        for (r, with) in edits {
            text.push_str(&self.text[at..r.start]);
            map.extend_from_slice(&old_map[at..r.start]);
            text.push_str(with);
            map.extend(std::iter::repeat_n(old_map[r.start], with.len()));
            at = r.end;
        }
        text.push_str(&self.text[at..]);
        map.extend_from_slice(&old_map[at..]);
        Buf { text, map: Some(map) }
    }
}

/// Runs mermaid's preprocessing for a flowchart (steps 1 to 7).
pub fn prepare(src: &str) -> Prepared {
    prepare_with(src, true)
}

/// Runs the preprocessing every diagram kind gets (steps 1 to 6: no
/// flowchart-only brace squeezing).
pub fn prepare_common(src: &str) -> Prepared {
    prepare_with(src, false)
}

fn prepare_with(src: &str, flowchart: bool) -> Prepared {
    let mut buf = Buf { text: src.to_string(), map: None };
    if buf.text.contains('\r') {
        let e = crlf(&buf.text);
        buf = buf.edit(&e);
    }
    if buf.text.contains("=\"") {
        let e = tag_quotes(&buf.text);
        buf = buf.edit(&e);
    }
    if let Some(end) = front_matter_end(&buf.text) {
        buf = buf.edit(&[(0..end, String::new())]);
    }
    let e: Vec<_> = directive_spans(&buf.text).into_iter().map(|r| (r, String::new())).collect();
    buf = buf.edit(&e);
    if buf.text.contains("%%") {
        let e: Vec<_> = comment_spans(&buf.text).into_iter().map(|r| (r, String::new())).collect();
        buf = buf.edit(&e);
    }
    let lead = buf.text.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(buf.text.len(), |(i, _)| i);
    buf = buf.edit(&[(0..lead, String::new())]);
    if buf.text.contains(';') {
        for kw in ["style", "classDef"] {
            let e = drop_style_semicolons(&buf.text, kw);
            buf = buf.edit(&e);
        }
    }
    let e = encode_codes(&buf.text);
    buf = buf.edit(&e);
    let end = buf.text.len();
    buf = buf.edit(&[(end..end, "\n".to_string())]);
    if flowchart {
        let e = squeeze_after_braces(&buf.text);
        buf = buf.edit(&e);
    }
    let newlines = buf.text.match_indices('\n').map(|(i, _)| i).collect();
    Prepared { text: buf.text, map: buf.map, newlines, original: src.to_string() }
}

/// `\r\n?` → `\n`.
fn crlf(s: &str) -> Vec<(Range<usize>, String)> {
    let b = s.as_bytes();
    let mut edits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            let len = if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            edits.push((i..i + len, "\n".to_string()));
            i += len;
        } else {
            i += 1;
        }
    }
    edits
}

/// `<(\w+)([^>]*)>`: inside the tag, `="..."` becomes `='...'`.
fn tag_quotes(s: &str) -> Vec<(Range<usize>, String)> {
    let b = s.as_bytes();
    let mut edits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' && b.get(i + 1).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_') {
            if let Some(close) = s[i + 1..].find('>').map(|e| i + 1 + e) {
                let mut k = i + 1;
                while k + 1 < close {
                    if b[k] == b'=' && b[k + 1] == b'"' {
                        if let Some(q) = s[k + 2..close].find('"').map(|e| k + 2 + e) {
                            edits.push((k + 1..k + 2, "'".to_string()));
                            edits.push((q..q + 1, "'".to_string()));
                            k = q + 1;
                            continue;
                        }
                    }
                    k += 1;
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    edits
}

/// End of `---` front matter at the very start: mermaid's
/// `^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+` (dot matches newlines).
pub(crate) fn front_matter_end(s: &str) -> Option<usize> {
    front_matter(s).map(|(_, end)| end)
}

/// The body (between the `---` lines) and the end of the front matter.
pub(crate) fn front_matter(s: &str) -> Option<(Range<usize>, usize)> {
    let rest = s.strip_prefix("---")?;
    let ws = 3 + space_len(rest);
    // candidates for the first [\n\r]: newline chars in the blank run, greedy first
    let firsts: Vec<usize> = s[3..ws].char_indices().filter(|&(_, c)| c == '\n' || c == '\r').map(|(i, _)| 3 + i).rev().collect();
    for n1 in firsts {
        let body_start = n1 + 1;
        let mut q = body_start;
        while q < s.len() {
            let c = s.as_bytes()[q];
            if (c == b'\n' || c == b'\r') && s[q + 1..].starts_with("---") {
                let after = q + 4;
                let run = space_len(&s[after..]);
                if let Some(last) = s[after..after + run].rfind(['\n', '\r']) {
                    return Some((body_start..q, after + last + 1));
                }
            }
            q += 1;
        }
    }
    None
}

fn space_len(s: &str) -> usize {
    s.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(s.len(), |(i, _)| i)
}

fn word_len(s: &str) -> usize {
    s.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count()
}

/// mermaid's directive regex:
/// `%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?`
pub(crate) fn directive_spans(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = s[from..].find("%%{").map(|i| from + i) {
        let mut i = p + 3;
        i += space_len(&s[i..]);
        let w = word_len(&s[i..]);
        if w == 0 {
            from = p + 1;
            continue;
        }
        let j = i + w;
        let k = j + space_len(&s[j..]);
        let m = if s[k..].starts_with(':') { k + 1 } else { j };
        let m2 = m + space_len(&s[m..]);
        let w2 = word_len(&s[m2..]);
        let m3 = if w2 > 0 {
            m2 + w2
        } else {
            let mut q = m2;
            loop {
                let r = &s[q..];
                if r.starts_with("}%%") {
                    break;
                }
                match r.chars().next() {
                    Some('\n') => q += 1,
                    Some(c) if !is_js_line_break(c) => q += c.len_utf8(),
                    _ => break,
                }
            }
            q
        };
        let m4 = m3 + space_len(&s[m3..]);
        let end = if s[m4..].starts_with("}%%") { m4 + 3 } else { m4 };
        out.push(p..end);
        from = end.max(p + 1);
    }
    out
}

/// Whole-line comments: `^\s*%%(?!{)[^\n]+\n?` (multiline).
pub(crate) fn comment_spans(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut p = 0;
    let b = s.as_bytes();
    while p <= s.len() {
        let q = p + space_len(&s[p..]);
        let matched = s[q..].starts_with("%%") && !s[q + 2..].starts_with('{') && b.get(q + 2).is_some_and(|&c| c != b'\n');
        if matched {
            let end = s[q..].find('\n').map_or(s.len(), |e| q + e + 1);
            out.push(p..end);
            p = end;
            if p >= s.len() {
                break;
            }
            continue;
        }
        // next line start
        match s[p..].char_indices().find(|&(_, c)| is_js_line_break(c)) {
            Some((i, c)) => p += i + c.len_utf8(),
            None => break,
        }
    }
    out
}

/// `/style.*:\S*#.*;/` (and the `classDef` one): on a line where the keyword
/// is followed by a `:`, a `#` in the same word, and a `;`, the last `;` goes.
fn drop_style_semicolons(s: &str, kw: &str) -> Vec<(Range<usize>, String)> {
    let mut edits = Vec::new();
    let mut line_start = 0;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), '\n'))) {
        if !is_js_line_break(c) {
            continue;
        }
        let line = &s[line_start..i];
        if let Some(k) = line.find(kw) {
            if let Some(last_semi) = line.rfind(';') {
                let after_kw = k + kw.len();
                let ok = line[after_kw..].match_indices(':').any(|(c, _)| {
                    let c = after_kw + c;
                    let run_end = line[c + 1..].char_indices().find(|&(_, ch)| is_js_space(ch)).map_or(line.len(), |(e, _)| c + 1 + e);
                    line[c + 1..run_end].find('#').is_some_and(|h| c + 1 + h < last_semi)
                });
                if ok {
                    let at = line_start + last_semi;
                    edits.push((at..at + 1, String::new()));
                }
            }
        }
        line_start = i + c.len_utf8();
    }
    edits
}

/// `#\w+;` → `ﬂ°°N¶ß` for numbers, `ﬂ°name¶ß` otherwise.
fn encode_codes(s: &str) -> Vec<(Range<usize>, String)> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(h) = s[from..].find('#').map(|i| from + i) {
        let w = word_len(&s[h + 1..]);
        if w > 0 && s[h + 1 + w..].starts_with(';') {
            let inner = &s[h + 1..h + 1 + w];
            let with = if inner.bytes().all(|c| c.is_ascii_digit()) { format!("ﬂ°°{inner}¶ß") } else { format!("ﬂ°{inner}¶ß") };
            edits.push((h..h + w + 2, with));
            from = h + w + 2;
        } else {
            from = h + 1;
        }
    }
    edits
}

/// Undoes [`encode_codes`] in a label: placeholders back to `#name;`.
pub fn decode_codes(s: &str) -> String {
    if !s.contains('ﬂ') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("ﬂ°") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "ﬂ°".len()..];
        let after = after.strip_prefix('°').unwrap_or(after);
        match after.find("¶ß") {
            Some(e) if e > 0 && after[..e].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') => {
                out.push('#');
                out.push_str(&after[..e]);
                out.push(';');
                rest = &after[e + "¶ß".len()..];
            }
            _ => {
                out.push_str("ﬂ°");
                rest = &rest[i + "ﬂ°".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `}\s*\n` → `}\n`.
fn squeeze_after_braces(s: &str) -> Vec<(Range<usize>, String)> {
    let mut edits = Vec::new();
    for (i, _) in s.match_indices('}') {
        let run = space_len(&s[i + 1..]);
        if let Some(last) = s[i + 1..i + 1 + run].rfind('\n') {
            if last > 0 {
                edits.push((i + 1..i + 1 + last, String::new()));
            }
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_before_them_go() {
        let p = prepare("graph TD\n  A-->B\n\n  %% note\n  B-->C");
        assert_eq!(p.text, "graph TD\n  A-->B\n  B-->C\n");
        let b = p.text.find("B-->C").unwrap();
        assert_eq!(p.orig(b), "graph TD\n  A-->B\n\n  %% note\n  B-->C".find("B-->C").unwrap());
        assert_eq!(p.jison_line(b), 3);
    }

    #[test]
    fn directives_front_matter_and_crlf() {
        let src = "---\ntitle: x\n---\n%%{init: {'theme':'base'}}%%\r\ngraph LR\r\nA";
        let p = prepare(src);
        assert_eq!(p.text, "graph LR\nA\n");
        assert_eq!(p.orig(p.text.find('A').unwrap()), src.rfind('A').unwrap());
    }

    #[test]
    fn entities_and_style_semicolons() {
        let p = prepare("graph TD\nA[#35; x]\nstyle A fill:#f9f;");
        assert_eq!(p.text, "graph TD\nA[ﬂ°°35¶ß x]\nstyle A fill:#f9f\n");
        assert_eq!(decode_codes("ﬂ°°35¶ß x ﬂ°amp¶ß"), "#35; x #amp;");
    }

    #[test]
    fn blanks_after_braces_are_squeezed() {
        let p = prepare("graph TD\nA{x}  \n\n\nB");
        assert_eq!(p.text, "graph TD\nA{x}\nB\n");
        assert_eq!(p.jison_line(p.text.find('B').unwrap()), 3);
        assert_eq!(prepare_common("graph TD\nA{x}  \n\n\nB").text, "graph TD\nA{x}  \n\n\nB\n", "flowcharts only");
    }

    #[test]
    fn lone_percent_lines_stay() {
        assert_eq!(prepare("graph TD\n%%\nA").text, "graph TD\n%%\nA\n");
    }
}
