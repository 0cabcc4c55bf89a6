//! Label text as mermaid reads it, turned into lines of styled runs.
//!
//! Plain labels: `<br>`, `<br/>`, `<br />` break lines; `<b>`/`<strong>`
//! and `<i>`/`<em>` set bold and italic; other tags are dropped; HTML
//! entities (`&amp;`, `&#35;`) and mermaid's own codes (`#35;`, `#quot;`)
//! are decoded. Markdown strings: `**bold**`, `*italic*`/`_italic_`, and
//! line breaks where the author broke the line.

use crate::model::{Label, LabelFormat};

/// A stretch of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextLine {
    pub runs: Vec<Run>,
}

impl TextLine {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| r.text.trim().is_empty())
    }
}

/// Lines of styled text, as drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RichText {
    pub lines: Vec<TextLine>,
}

impl RichText {
    pub fn from_label(label: &Label) -> RichText {
        match label.format {
            LabelFormat::Text => parse_html_text(&label.text),
            LabelFormat::Markdown => parse_markdown(&label.text),
        }
    }

    pub fn plain(text: &str) -> RichText {
        parse_html_text(text)
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.is_blank())
    }

    /// The text with lines joined by `\n`.
    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.text()).collect::<Vec<_>>().join("\n")
    }
}

struct LineBuilder {
    lines: Vec<TextLine>,
    current: TextLine,
}

impl LineBuilder {
    fn new() -> Self {
        LineBuilder { lines: Vec::new(), current: TextLine::default() }
    }

    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.current.runs.last_mut() {
            if last.bold == bold && last.italic == italic {
                last.text.push_str(text);
                return;
            }
        }
        self.current.runs.push(Run { text: text.to_string(), bold, italic });
    }

    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.lines.push(line);
    }

    fn finish(mut self) -> RichText {
        self.break_line();
        for line in &mut self.lines {
            trim_line(line);
        }
        RichText { lines: self.lines }
    }
}

/// Trims the line's outer whitespace and collapses runs of spaces, as HTML does.
fn trim_line(line: &mut TextLine) {
    let mut prev_space = true;
    for run in &mut line.runs {
        let mut out = String::with_capacity(run.text.len());
        for c in run.text.chars() {
            let c = if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c };
            if c == ' ' {
                if !prev_space {
                    out.push(' ');
                }
                prev_space = true;
            } else {
                out.push(c);
                prev_space = false;
            }
        }
        run.text = out;
    }
    if let Some(last) = line.runs.last_mut() {
        let t = last.text.trim_end().len();
        last.text.truncate(t);
    }
    line.runs.retain(|r| !r.text.is_empty());
}

fn parse_html_text(text: &str) -> RichText {
    let mut b = LineBuilder::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut rest = text;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            b.push(&decode_entities(rest), bold > 0, italic > 0);
            break;
        };
        b.push(&decode_entities(&rest[..lt]), bold > 0, italic > 0);
        let tail = &rest[lt..];
        match tail.find('>') {
            Some(gt) if is_tag(&tail[1..gt]) => {
                let tag = tail[1..gt].trim().trim_end_matches('/').trim();
                let closing = tag.starts_with('/');
                let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                match (name.as_str(), closing) {
                    ("br", _) => b.break_line(),
                    ("b" | "strong", false) => bold += 1,
                    ("b" | "strong", true) => bold = bold.saturating_sub(1),
                    ("i" | "em", false) => italic += 1,
                    ("i" | "em", true) => italic = italic.saturating_sub(1),
                    ("p" | "div", true) => b.break_line(),
                    _ => {}
                }
                rest = &tail[gt + 1..];
            }
            _ => {
                b.push("<", bold > 0, italic > 0);
                rest = &tail[1..];
            }
        }
    }
    b.finish()
}

/// `name`, `/name` or `name attr=...` with an ASCII letter first: a tag.
fn is_tag(inner: &str) -> bool {
    let s = inner.trim_start_matches('/');
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().take_while(|c| !c.is_whitespace() && *c != '/').all(|c| c.is_ascii_alphanumeric())
}

fn parse_markdown(text: &str) -> RichText {
    let mut b = LineBuilder::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            b.break_line();
        }
        let line = line.trim();
        let mut bold = false;
        let mut italic = false;
        let mut buf = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            if c == '*' && chars.get(k + 1) == Some(&'*') {
                b.push(&decode_entities(&buf), bold, italic);
                buf.clear();
                bold = !bold;
                k += 2;
                continue;
            }
            if c == '*' || (c == '_' && (k == 0 || !chars[k - 1].is_alphanumeric() || italic)) {
                b.push(&decode_entities(&buf), bold, italic);
                buf.clear();
                italic = !italic;
                k += 1;
                continue;
            }
            buf.push(c);
            k += 1;
        }
        b.push(&decode_entities(&buf), bold, italic);
    }
    b.finish()
}

/// Decodes HTML entities (`&amp;`, `&#35;`, `&#x23;`) and mermaid's entity
/// codes (`#35;`, `#amp;`). Unknown ones are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') && !s.contains('#') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['&', '#']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let body_start = 1;
        let semi = tail[body_start..].find(';').map(|k| k + body_start);
        let decoded = semi.filter(|&k| k - body_start <= 10 && k > body_start).and_then(|k| {
            let body = &tail[body_start..k];
            // mermaid's `#...;` codes take the same names and numbers as
            // HTML entities; a `&#...;` entity has its own `#`.
            decode_entity_body(body, tail.starts_with('&')).map(|c| (c, k + 1))
        });
        match decoded {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &tail[len..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity_body(body: &str, ampersand: bool) -> Option<String> {
    // `&#35;` / `&#x23;` and mermaid's `#35;`
    let numeric = if ampersand { body.strip_prefix('#') } else { Some(body) };
    if let Some(num) = numeric {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()
        } else if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) {
            num.parse().ok()
        } else {
            None
        };
        if let Some(code) = code {
            return char::from_u32(code).map(|c| c.to_string());
        }
        if !ampersand {
            return named_entity(num).map(str::to_string);
        }
    }
    if ampersand { named_entity(body).map(str::to_string) } else { None }
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "deg" => "°",
        "micro" => "µ",
        "middot" => "·",
        "bull" => "•",
        "check" => "✓",
        "lbrace" => "{",
        "rbrace" => "}",
        "lpar" => "(",
        "rpar" => ")",
        "lsqb" => "[",
        "rsqb" => "]",
        "colon" => ":",
        "semi" => ";",
        "num" => "#",
        "vert" | "verbar" => "|",
        _ => return None,
    })
}

/// A timeline or gantt text as mermaid draws it: its `#name;` / `#123;` entity codes
/// decoded (mermaid decodes them in the finished SVG), HTML entities
/// (`&amp;`) left as written, whitespace runs as single spaces, trimmed.
/// `<br>` stays (the layout breaks lines there).
pub fn display_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let w = tail[1..].bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
        if w > 0 && tail[1 + w..].starts_with(';') {
            let code = &tail[..w + 2];
            let decoded = decode_entities(code);
            out.push_str(&decoded);
            rest = &tail[w + 2..];
        } else {
            out.push('#');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &RichText) -> Vec<String> {
        t.lines.iter().map(|l| l.text()).collect()
    }

    #[test]
    fn breaks_lines_and_decodes() {
        let t = RichText::plain("CloudFront CDN<br/>10,000+ Edge<br>Peak: 800 &amp; more <br />#35;1 &#35;2 &lt;x&gt;");
        assert_eq!(lines(&t), ["CloudFront CDN", "10,000+ Edge", "Peak: 800 & more", "#1 #2 <x>"]);
    }

    #[test]
    fn bold_and_italic_runs() {
        let t = RichText::plain("<b>Bold</b> and <i>it</i>");
        assert_eq!(t.lines[0].runs.len(), 3);
        assert!(t.lines[0].runs[0].bold);
        assert!(t.lines[0].runs[2].italic);
        let m = RichText::from_label(&Label { text: "**Hello** *there*\nworld".into(), format: LabelFormat::Markdown });
        assert_eq!(lines(&m), ["Hello there", "world"]);
        assert!(m.lines[0].runs[0].bold);
        assert!(m.lines[0].runs[1].italic || m.lines[0].runs[2].italic);
    }

    #[test]
    fn keeps_what_is_not_markup() {
        let t = RichText::plain("a < b, x<5 # not; C# 3 > 2");
        assert_eq!(lines(&t), ["a < b, x<5 # not; C# 3 > 2"]);
        assert_eq!(decode_entities("#quot;hi#quot;"), "\"hi\"");
        assert_eq!(decode_entities("R&D & co"), "R&D & co");
    }

    #[test]
    fn codes_decode_but_html_entities_stay() {
        assert_eq!(display_text("  10#58;00 "), "10:00");
        assert_eq!(display_text("a #amp; b &amp; c #1 x"), "a & b &amp; c #1 x");
        assert_eq!(display_text("#unknownname; x"), "#unknownname; x");
    }
}
