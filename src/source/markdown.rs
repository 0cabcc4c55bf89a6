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
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut lines = content.split_inclusive('\n').map(|l| {
        let start = offset;
        offset += l.len();
        (start, l.trim_end_matches('\n').trim_end_matches('\r'))
    });
    // Other fenced blocks are skipped whole, so a mermaid fence quoted inside
    // a ```markdown example does not count.
    while let Some((_, line)) = lines.next() {
        let Some(fence) = Fence::open(line) else { continue };
        let mut body = Vec::new();
        let mut closed = false;
        for (start, l) in lines.by_ref() {
            if fence.closes(l) {
                closed = true;
                break;
            }
            if fence.is_mermaid {
                let strip = indentation_to_strip(l, fence.indent);
                body.push((start + strip, &l[strip..]));
            }
        }
        if fence.is_mermaid && (closed || !body.is_empty()) {
            blocks.push(body);
        }
    }
    blocks
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
