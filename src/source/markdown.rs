//! Fenced `mermaid` blocks in Markdown.
//!
//! A block opens with a line of three or more backticks or tildes followed
//! by `mermaid` (also `{mermaid}`, `{.mermaid}`, `mermaid title=...`), at
//! any indentation (MkDocs nests blocks in admonitions and tabs), and closes
//! with a fence of the same character, at least as long, indented no deeper.
//! The opening fence's indentation is removed from every line of the block.

/// Each block as its lines: (byte offset in the file where the kept text of
/// the line starts, the kept text).
pub fn mermaid_blocks(content: &str) -> Vec<Vec<(usize, &str)>> {
    mermaid_fences(content).into_iter().map(|b| b.lines).collect()
}

/// A `mermaid` block where it stands in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MermaidFence<'a> {
    /// The bytes of the block, opening fence to closing fence (line ends
    /// of the closing fence excluded; to the end of the file when unclosed).
    pub span: std::ops::Range<usize>,
    /// The opening fence's indentation, as written.
    pub indent: &'a str,
    /// The lines, as in [`mermaid_blocks`].
    pub lines: Vec<(usize, &'a str)>,
}

/// The `mermaid` blocks of a Markdown file, with where each stands.
pub fn mermaid_fences(content: &str) -> Vec<MermaidFence<'_>> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut lines = content.split_inclusive('\n').map(|l| {
        let start = offset;
        offset += l.len();
        (start, l.trim_end_matches('\n').trim_end_matches('\r'))
    });
    // Other fenced blocks are skipped whole, so a mermaid fence quoted inside
    // a ```markdown example does not count.
    while let Some((open_at, line)) = lines.next() {
        let Some(fence) = Fence::open(line) else { continue };
        let mut body = Vec::new();
        let mut end = None;
        for (start, l) in lines.by_ref() {
            if fence.closes(l) {
                end = Some(start + l.len());
                break;
            }
            if fence.is_mermaid {
                let strip = indentation_to_strip(l, fence.indent);
                body.push((start + strip, &l[strip..]));
            }
        }
        if fence.is_mermaid && (end.is_some() || !body.is_empty()) {
            let end = end.unwrap_or(content.len());
            blocks.push(MermaidFence { span: open_at..end, indent: &line[..fence.indent], lines: body });
        }
    }
    blocks
}

/// What a page's outline holds, in page order: its headings and its
/// `mermaid` blocks (the same blocks, in the same order, as [`mermaid_blocks`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutlineItem {
    /// An ATX heading (`## Failure Domains`), outside fenced code, its text
    /// without markup, attribute lists or closing `#`s.
    Heading { level: usize, text: String, line: usize },
    /// A `mermaid` block: the 1-based line of its opening fence.
    Mermaid { line: usize },
}

/// The headings and `mermaid` blocks of a Markdown page, in order. Lines
/// inside other fenced blocks are not headings (`# Output` in a Python
/// block), nor is a YAML front-matter block at the top.
pub fn outline(content: &str) -> Vec<OutlineItem> {
    let mut items = Vec::new();
    let mut lines = content.split_inclusive('\n').map(|l| l.trim_end_matches('\n').trim_end_matches('\r')).enumerate().map(|(i, l)| (i + 1, l)).peekable();
    if lines.peek().is_some_and(|(_, l)| *l == "---") {
        lines.next();
        for (_, l) in lines.by_ref() {
            if l == "---" || l == "..." {
                break;
            }
        }
    }
    while let Some((number, line)) = lines.next() {
        if let Some(fence) = Fence::open(line) {
            let mut closed = false;
            let mut body = 0;
            for (_, l) in lines.by_ref() {
                if fence.closes(l) {
                    closed = true;
                    break;
                }
                body += 1;
            }
            if fence.is_mermaid && (closed || body > 0) {
                items.push(OutlineItem::Mermaid { line: number });
            }
        } else if let Some((level, text)) = atx_heading(line) {
            items.push(OutlineItem::Heading { level, text, line: number });
        }
    }
    items
}

/// `## Text ##` at up to three blanks of indentation: its level and plain text.
fn atx_heading(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let trimmed = &line[indent..];
    let level = trimmed.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut text = rest.trim();
    // an attribute list (`{#id .class}`), then closing hashes
    if text.ends_with('}') {
        if let Some(open) = text.rfind('{') {
            text = text[..open].trim_end();
        }
    }
    let unhashed = text.trim_end_matches('#');
    if unhashed.is_empty() || unhashed.ends_with([' ', '\t']) {
        text = unhashed.trim_end();
    }
    let plain = plain_inline(text);
    if plain.is_empty() { None } else { Some((level, plain)) }
}

/// Inline Markdown as the words a reader sees: `**bold**`, `` `code` ``,
/// `[text](url)` and `<b>tags</b>` reduced to their text.
pub fn plain_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' | '`' if !matches!(c, '_') || out.is_empty() || out.ends_with(' ') || chars.peek().is_some_and(|n| *n == '_') => {
                if c == '_' && !out.is_empty() && !out.ends_with(' ') {
                    out.push(c);
                }
            }
            '[' => {
                let rest: String = chars.clone().collect();
                if let Some(close) = rest.find("](") {
                    if let Some(end) = rest[close..].find(')') {
                        out.push_str(&plain_inline(&rest[..close]));
                        for _ in 0..rest[..close + end + 1].chars().count() {
                            chars.next();
                        }
                        continue;
                    }
                }
                out.push(c);
            }
            '<' => {
                let rest: String = chars.clone().collect();
                match rest.find('>') {
                    Some(end) if rest[..end].chars().next().is_some_and(|f| f.is_ascii_alphabetic() || f == '/') => {
                        for _ in 0..rest[..end + 1].chars().count() {
                            chars.next();
                        }
                    }
                    _ => out.push(c),
                }
            }
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
    }
    crate::text::markup::decode_entities(out.split_whitespace().collect::<Vec<_>>().join(" ").as_str())
}

struct Fence {
    ch: char,
    len: usize,
    indent: usize,
    is_mermaid: bool,
}

impl Fence {
    fn open(line: &str) -> Option<Fence> {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - trimmed.len();
        let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = trimmed.chars().take_while(|c| *c == ch).count();
        if len < 3 {
            return None;
        }
        let info = trimmed[len..].trim();
        if ch == '`' && info.contains('`') {
            return None;
        }
        let word = info.trim_start_matches('{').trim_start_matches('.').split(|c: char| c.is_whitespace() || c == '}' || c == ',').next().unwrap_or("");
        Some(Fence { ch, len, indent, is_mermaid: word.eq_ignore_ascii_case("mermaid") })
    }

    fn closes(&self, line: &str) -> bool {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - trimmed.len();
        let run = trimmed.chars().take_while(|c| *c == self.ch).count();
        indent <= self.indent && run >= self.len && trimmed[run..].trim().is_empty()
    }
}

/// How many leading bytes of `line` belong to the block's indentation.
fn indentation_to_strip(line: &str, indent: usize) -> usize {
    line.bytes().take(indent).take_while(|b| *b == b' ' || *b == b'\t').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_know_their_span_and_indentation() {
        let page = "# T\n\n!!! note\n\n    ```mermaid\n    graph TD\n      A --> B\n    ```\n\nafter\n";
        let f = mermaid_fences(page);
        assert_eq!(f.len(), 1);
        assert_eq!(&page[f[0].span.clone()], "    ```mermaid\n    graph TD\n      A --> B\n    ```");
        assert_eq!(f[0].indent, "    ");
        assert_eq!(f[0].lines.iter().map(|(_, l)| *l).collect::<Vec<_>>(), ["graph TD", "  A --> B"]);
    }
    use crate::source::DiagramSource;
    use std::path::Path;

    #[test]
    fn finds_blocks_at_any_indentation() {
        let md = "# Title\n\n```mermaid\ngraph TD\n  A-->B\n```\n\n!!! note\n    ```mermaid\n    pie\n      \"a\" : 1\n    ```\n\n```python\nprint(1)\n```\n~~~~ {.mermaid}\nsequenceDiagram\n~~~~\n";
        let blocks = mermaid_blocks(md);
        assert_eq!(blocks.len(), 3);
        let texts: Vec<String> = blocks.iter().map(|b| b.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n")).collect();
        assert_eq!(texts[0], "graph TD\n  A-->B");
        assert_eq!(texts[1], "pie\n  \"a\" : 1");
        assert_eq!(texts[2], "sequenceDiagram");
    }

    #[test]
    fn outline_lists_headings_and_blocks_outside_code() {
        let md = "---\ntitle: x\n---\n# Netflix **Failure** Domains\n\n## Overview {#ov}\n```python\n# Output\n```\n```mermaid\ngraph TD\n```\n### Phase 1 ##\n    # indented code\n#hashtag\n!!! note\n    ```mermaid\n    pie\n    ```\n";
        let items = outline(md);
        assert_eq!(
            items,
            vec![
                OutlineItem::Heading { level: 1, text: "Netflix Failure Domains".into(), line: 4 },
                OutlineItem::Heading { level: 2, text: "Overview".into(), line: 6 },
                OutlineItem::Mermaid { line: 10 },
                OutlineItem::Heading { level: 3, text: "Phase 1".into(), line: 13 },
                OutlineItem::Mermaid { line: 17 },
            ]
        );
        assert_eq!(mermaid_blocks(md).len(), 2);
    }

    #[test]
    fn plain_inline_keeps_the_words() {
        assert_eq!(plain_inline("[Raft](raft.md) and `etcd` <b>now</b>"), "Raft and etcd now");
        assert_eq!(plain_inline("snake_case_name &amp; more"), "snake_case_name & more");
    }

    #[test]
    fn mermaid_inside_another_fence_is_not_a_block() {
        let md = "````markdown\n```mermaid\ngraph TD\n```\n````\n";
        assert!(mermaid_blocks(md).is_empty());
    }

    #[test]
    fn offsets_map_back_to_the_file() {
        let md = "intro\n    ```mermaid\n    graph TD\n      A-->B\n    ```\n";
        let blocks = mermaid_blocks(md);
        let src = DiagramSource::from_block(Path::new("x.md"), 1, blocks[0].clone());
        let b = src.text.find('B').unwrap();
        assert_eq!(&md[src.file_offset(b)..src.file_offset(b) + 1], "B");
        assert_eq!(src.file_offset(0), md.find("graph").unwrap());
    }
}
