//! The mindmap parser: mermaid-js 11's `mindmap.jison` grammar (as
//! productions for [`crate::parse::lalr`], in mermaid's order) over the
//! [`super::lex`] tokens, and its database's rules for building the tree.

use super::lex::{Lexed, Lexer, T};
use super::model::{Mindmap, Node, Shape};
use crate::diagnostics::Diagnostic;
use crate::diagrams::lr::{self, Failure, Tok};
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::parse::lalr::Tables;
#[cfg(test)]
use crate::parse::lalr::GrammarSpec;
use crate::parse::prep::{prepare, Prepared};
use crate::diagrams::ParseOutcome;
use std::ops::Range;

/// `mindmap.jison`'s grammar. `=> tag` names what the database does.
pub const GRAMMAR: &str = r#"
start : mindMap | spaceLines mindMap ;
spaceLines : SPACELINE | spaceLines SPACELINE | spaceLines NL ;
mindMap : MINDMAP document | MINDMAP NL document ;
stop : NL | EOF | SPACELINE | stop NL | stop EOF ;
document : document statement stop | statement stop ;
statement : SPACELIST node => node_at
    | SPACELIST ICON => icon_at
    | SPACELIST CLASS => class_at
    | SPACELINE
    | node => node_top
    | ICON => icon_top
    | CLASS => class_top
    | SPACELIST ;
node : nodeWithId | nodeWithoutId ;
nodeWithoutId : NODE_DSTART NODE_DESCR NODE_DEND => bracketed ;
nodeWithId : NODE_ID => plain
    | NODE_ID NODE_DSTART NODE_DESCR NODE_DEND => with_id ;
"#;

/// The tables, thawed once from their frozen form (`tables.rs`, which a
/// test checks against the grammar): building them would cost more than
/// drawing a small diagram.
pub fn tables() -> &'static Tables {
    super::tables::FROZEN.tables()
}

/// A value on the parser's stack.
#[derive(Debug, Clone, Default)]
enum V {
    #[default]
    None,
    /// A node: id, label, shape, where it is written.
    Node(String, String, Shape, Range<usize>),
}

/// What the grammar's actions tell the database, in order.
enum Event {
    Node { indent: usize, node: (String, String, Shape, Range<usize>) },
    Icon(String, Range<usize>),
    Class(String, Range<usize>),
}

/// Parses a mindmap.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let t = prep.text.as_str();
    let mut lexer = Lexer::new(t);
    let mut events: Vec<Event> = Vec::new();
    let mut read = Vec::new();
    let result = lr::run(
        tables(),
        || match lexer.next_token() {
            Lexed::Token(tok) => Ok(Tok { term: tok.kind as usize, span: tok.span }),
            Lexed::Error(at) => Err(at),
        },
        |tag, vals: &mut [V], spans| {
            let text_of = |i: usize| t[spans[i].clone()].to_string();
            let whole = spans.first().map_or(0, |s| s.start)..spans.last().map_or(0, |s| s.end);
            match tag {
                "plain" => V::Node(text_of(0), text_of(0), Shape::Default, whole),
                "bracketed" => V::Node(text_of(1), text_of(1), Shape::from_brackets(&text_of(0), &text_of(2)), whole),
                "with_id" => V::Node(text_of(0), text_of(2), Shape::from_brackets(&text_of(1), &text_of(3)), whole),
                "node_at" | "node_top" => {
                    let indent = if tag == "node_at" { t[spans[0].clone()].chars().map(char::len_utf16).sum() } else { 0 };
                    if let V::Node(id, label, shape, span) = std::mem::take(vals.last_mut().expect("a node")) {
                        events.push(Event::Node { indent, node: (id, label, shape, span) });
                    }
                    V::None
                }
                "icon_at" | "icon_top" => {
                    let i = spans.len() - 1;
                    events.push(Event::Icon(text_of(i), spans[i].clone()));
                    V::None
                }
                "class_at" | "class_top" => {
                    let i = spans.len() - 1;
                    events.push(Event::Class(text_of(i), spans[i].clone()));
                    V::None
                }
                _ => vals.first_mut().map(std::mem::take).unwrap_or_default(),
            }
        },
        &mut read,
    );
    let mut diags = Vec::new();
    if let Err(failure) = result {
        diags.push(refusal(&prep, &failure, &read, lexer.in_node()));
        return ParseOutcome { kind: DiagramKind::Mindmap, diagram: None, diagnostics: diags };
    }
    let mut map = Mindmap { config: header.config.clone(), ..Mindmap::default() };
    build(&mut map, events, &prep, &mut diags);
    if map.nodes.is_empty() {
        let at = header.body_start;
        diags.push(Diagnostic::warning("AR864", at..(at + 7).min(text.len()), "this mindmap has no nodes: mermaid-js draws nothing").with_hint("add a root node on the line after `mindmap`, indented, then its children indented further"));
    }
    let ok = !diags.iter().any(Diagnostic::is_error);
    ParseOutcome { kind: DiagramKind::Mindmap, diagram: ok.then_some(Diagram::Mindmap(map)), diagnostics: diags }
}

/// mermaid's `addNode` and `decorateNode`: each node's parent is the last
/// node written with less indentation; the first node is the root, and a
/// later node with no parent is refused.
fn build(map: &mut Mindmap, events: Vec<Event>, prep: &Prepared, diags: &mut Vec<Diagnostic>) {
    let mut base: Option<usize> = None;
    let mut levels: Vec<isize> = Vec::new();
    for event in events {
        match event {
            Event::Node { indent, node: (id, label, shape, span) } => {
                let span = prep.orig_span(span);
                let level = match base {
                    None => {
                        base = Some(indent);
                        0
                    }
                    Some(b) => indent as isize - b as isize,
                };
                let parent = if map.nodes.is_empty() { None } else { levels.iter().rposition(|&l| l < level) };
                if !map.nodes.is_empty() && parent.is_none() {
                    diags.push(
                        Diagnostic::error("AR861", span, format!("`{}` is not indented under the root, so it has no parent: a mindmap has only one root", label.trim()))
                            .with_hint("indent every node after the first further than the root (children further than their parent)"),
                    );
                    continue;
                }
                let index = map.nodes.len();
                let depth = parent.map_or(0, |p| map.nodes[p].depth + 1);
                if let Some(p) = parent {
                    map.nodes[p].children.push(index);
                }
                levels.push(level);
                map.nodes.push(Node { id, label, shape, depth, level: level.max(0) as usize, parent, children: Vec::new(), icon: None, classes: None, span });
            }
            Event::Icon(icon, span) | Event::Class(icon, span) if map.nodes.is_empty() => {
                let span = prep.orig_span(span);
                diags.push(
                    Diagnostic::error("AR862", span, format!("`{}` decorates the node before it, and there is none: mermaid-js fails on it", icon.trim()))
                        .with_hint("write `::icon(...)` and `:::class` on the line after the node they belong to"),
                );
            }
            Event::Icon(icon, _) => map.nodes.last_mut().expect("a node").icon = Some(icon),
            Event::Class(class, _) => map.nodes.last_mut().expect("a node").classes = Some(class),
        }
    }
}

/// The diagnostic for a text mermaid-js refuses, at the token it fails on.
fn refusal(prep: &Prepared, failure: &Failure, read: &[Tok], in_node: bool) -> Diagnostic {
    let t = prep.text.as_str();
    let line_no = |end: usize| prep.jison_line(end);
    match failure {
        Failure::Lex { at } => {
            let c = t[*at..].chars().next().unwrap_or(' ');
            let span = prep.orig_span(*at..at + c.len_utf8());
            Diagnostic::error("AR863", span, format!("mermaid-js cannot read `{c}` here (line {}): outside a node's brackets, `{{` and `}}` only open and close `{{{{hexagons}}}}`", line_no(*at)))
                .with_hint("put the text inside brackets with quotes: id[\"text {with braces}\"]")
        }
        Failure::Parse { tok, expected } => {
            let kind = T::ALL.get(tok.term).copied().unwrap_or(T::End);
            let expecting: Vec<&str> = expected.iter().filter_map(|&e| T::ALL.get(e)).map(|t| t.name()).collect();
            let line = line_no(tok.span.end);
            if kind == T::End || kind == T::Eof {
                let at = tok.span.start.min(t.len());
                let span = prep.orig_span(at.saturating_sub(1)..at);
                return if in_node || expecting.contains(&"NODE_DEND") {
                    Diagnostic::error("AR860", span, "a node's bracket is never closed: mermaid-js reads to the end of the text looking for it").with_hint("close the node on its line: id[text], id(text), id((text)), id))text((, id)text(, id{{text}}")
                } else {
                    Diagnostic::error("AR860", span, format!("the mindmap ends too early (line {line}): mermaid-js expected {}", expecting.join(", "))).with_hint("a mindmap needs at least one node, indented on the line after `mindmap`")
                };
            }
            let span = prep.orig_span(tok.span.clone());
            let what = &t[tok.span.clone()];
            let stop_expected = expecting.contains(&"NL") || expecting.contains(&"EOF");
            let after_node = read.len() >= 2 && read[read.len() - 2].term == T::NodeDEnd as usize;
            if stop_expected && after_node {
                Diagnostic::error("AR860", span, format!("mermaid-js reads one node per line and finds `{}` after this node's closing bracket (line {line})", what.trim()))
                    .with_hint("keep the text inside the brackets (quote it if it has brackets: id[\"a (b) c\"]) or move it to its own line")
            } else if kind == T::NodeDescr {
                Diagnostic::error("AR860", span, format!("mermaid-js finds more text (`{}`) after a quoted label inside the brackets (line {line})", what.trim()))
                    .with_hint("put the whole label inside the quotes: id[\"...\"]")
            } else if kind == T::NodeDStart && stop_expected {
                Diagnostic::error("AR860", span, format!("`{}` after a node's label opens another node on the same line (line {line}): mermaid-js reads brackets as a shape", what.trim()))
                    .with_hint("quote the label: id[\"text (with brackets)\"]")
            } else {
                Diagnostic::error("AR860", span, format!("mermaid-js cannot read `{}` here (line {line}): it expected {}", what.trim(), expecting.join(", ")))
                    .with_hint("one node per line: its indentation makes it a child of the node above with less indentation")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_textbook_construction() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        crate::parse::lalr::assert_same_as_reference(&GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize });
    }

    #[test]
    fn frozen_tables_are_the_grammars() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        let spec = GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize };
        crate::parse::lalr::assert_frozen_current(&spec, &super::super::tables::FROZEN, "mindmap", "src/diagrams/mindmap/tables.rs");
    }
    use crate::diagrams::parse as parse_any;

    fn map(text: &str) -> (Option<Mindmap>, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Mindmap(m)) => (Some(m), o.diagnostics),
            _ => (None, o.diagnostics),
        }
    }

    #[test]
    fn grammar_builds() {
        assert!(tables().n_states() > 10);
    }

    #[test]
    fn builds_the_tree_from_indentation() {
        let (m, d) = map("mindmap\n  root)July 2 RCA(\n    Technical\n      PCRE\n      Limits\n    Process\n      Rollout\n");
        assert!(d.is_empty(), "{d:?}");
        let m = m.unwrap();
        assert_eq!(m.nodes.len(), 6);
        assert_eq!(m.nodes[0].shape, Shape::Cloud);
        assert_eq!(m.nodes[0].label, "July 2 RCA");
        assert_eq!(m.nodes[0].children, [1, 4]);
        assert_eq!(m.nodes[3].parent, Some(1));
        assert_eq!(m.nodes[5].parent, Some(4));
        assert_eq!(m.section_of(5), Some(1));
        assert_eq!(m.nodes[2].level, 4);
    }

    #[test]
    fn shapes_icons_and_classes() {
        let (m, d) = map("mindmap\n  r((c))\n    a[sq]\n    b(rd)\n    c))bang((\n    d{{hex}}\n    e\n    ::icon(fa fa-book)\n    :::urgent\n");
        assert!(d.is_empty(), "{d:?}");
        let m = m.unwrap();
        let shapes: Vec<Shape> = m.nodes.iter().map(|n| n.shape).collect();
        assert_eq!(shapes, [Shape::Circle, Shape::Rect, Shape::RoundedRect, Shape::Bang, Shape::Hexagon, Shape::Default]);
        assert_eq!(m.nodes[5].icon.as_deref(), Some("fa fa-book"));
        assert_eq!(m.nodes[5].classes.as_deref(), Some("urgent"));
    }

    #[test]
    fn refusals() {
        let (m, d) = map("mindmap\n  root\n  second root\n");
        assert!(m.is_none());
        assert_eq!(d[0].code, "AR861");
        let (_, d) = map("mindmap\n  a[b] c\n");
        assert_eq!(d[0].code, "AR860");
        let (_, d) = map("mindmap\n  a {b}\n");
        assert_eq!(d[0].code, "AR863");
        let (_, d) = map("mindmap\n  ::icon(x)\n  a\n");
        assert_eq!(d[0].code, "AR862");
        let (_, d) = map("mindmap\n  a[b\n");
        assert_eq!(d[0].code, "AR860");
    }
}
