//! `check`'s rules about the Atlas's planes and about style references.
//!
//! | code  | severity | finding |
//! |-------|----------|---------|
//! | AR401 | error    | a plane class or a plane node's `style` fills with a colour off the palette (fixable) |
//! | AR402 | warning  | a node in one plane's subgraph carries another plane's class |
//! | AR403 | warning  | a Stream Plane: removed from the specification |
//! | AR404 | warning  | text on a `classDef`/`style` fill with a contrast below 4.5:1 |
//! | AR405 | warning  | `class` or `style` names an id that is no node or subgraph |
//! | AR406 | warning  | a class used but never defined with `classDef` |

use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::diagrams::flowchart::model::{Flowchart, StyleStatement, StyleStatementKind};
use crate::planes::colour::{contrast, text_on, MIN_CONTRAST};
use crate::planes::{assign, class_plane, name_plane, Palette, Plane, PlaneName, Rgb};
use std::ops::Range;

/// One `key:value` of a style statement, with where its value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    pub key: String,
    pub value: String,
    pub value_span: Range<usize>,
}

/// The declarations of a `classDef` or `style` statement (`text` is the
/// diagram's text, `span` the statement's): everything after the keyword
/// and the name, split on `,`.
pub fn declarations(text: &str, span: &Range<usize>) -> Vec<Declaration> {
    let stmt = &text[span.clone()];
    // skip the keyword and the name(s): two runs of non-space
    let mut at = 0;
    for _ in 0..2 {
        let rest = &stmt[at..];
        let lead = rest.len() - rest.trim_start().len();
        let word = rest.trim_start().find(char::is_whitespace).unwrap_or(rest.trim_start().len());
        at += lead + word;
    }
    let mut out = Vec::new();
    let mut start = at;
    for piece in stmt[at..].split(',') {
        let end = start + piece.len();
        if let Some(colon) = piece.find(':') {
            let key = piece[..colon].trim().to_ascii_lowercase();
            let raw = &piece[colon + 1..];
            let raw_trimmed = raw.trim().trim_end_matches(';').trim_end();
            let lead = raw.len() - raw.trim_start().len();
            let vstart = span.start + start + colon + 1 + lead;
            out.push(Declaration { key, value: raw_trimmed.to_string(), value_span: vstart..vstart + raw_trimmed.len() });
        }
        start = end + 1;
    }
    out
}

/// The rules above on one flowchart, against a palette.
pub fn lint_flowchart(f: &Flowchart, text: &str, palette: &Palette) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let planes = assign(f);

    for st in &f.style_statements {
        if st.span.end > text.len() {
            continue;
        }
        match st.kind {
            StyleStatementKind::ClassDef => {
                let decls = declarations(text, &st.span);
                for name in &st.names {
                    match class_plane(name) {
                        Some(PlaneName::Plane(p)) => out.extend(off_palette(&decls, p, &format!("class `{name}`"), palette)),
                        Some(PlaneName::Stream) => out.push(stream_plane(st.span.clone(), &format!("class `{name}`"))),
                        None => {}
                    }
                }
                out.extend(low_contrast(st, &decls));
            }
            StyleStatementKind::Style => {
                let decls = declarations(text, &st.span);
                let target = st.names.first().map(String::as_str).unwrap_or("");
                let node_plane = f.nodes.iter().position(|n| n.id == target).and_then(|i| planes.nodes[i]);
                let is_subgraph = f.subgraph(target).is_some();
                if let (Some(p), false) = (node_plane, is_subgraph) {
                    out.extend(off_palette(&decls, p, &format!("`{target}`"), palette));
                }
                out.extend(low_contrast(st, &decls));
                let only_here = f.node(target).is_some_and(|n| st.span.start <= n.span.start && n.span.end <= st.span.end);
                if !is_subgraph && only_here {
                    out.push(
                        Diagnostic::warning("AR405", st.span.clone(), format!("`style {target}` names no node or subgraph: mermaid-js draws a new, empty node `{target}`"))
                            .with_hint("check the id's spelling, or remove the line"),
                    );
                }
            }
            StyleStatementKind::Class => {
                for id in &st.names {
                    if f.node(id).is_none() && f.subgraph(id).is_none() {
                        out.push(Diagnostic::warning("AR405", st.span.clone(), format!("`class` names `{id}`, which is no node or subgraph: the class goes nowhere")).with_hint("check the id's spelling"));
                    }
                }
                if let Some(class) = &st.class {
                    if f.class_def(class).is_none() {
                        out.push(undefined_class(st.span.clone(), class));
                    }
                }
            }
        }
    }

    // `:::name` with no classDef (class statements are reported above)
    for n in &f.nodes {
        for class in &n.classes {
            let from_statement = f.style_statements.iter().any(|st| st.kind == StyleStatementKind::Class && st.class.as_deref() == Some(class.as_str()) && st.names.contains(&n.id));
            if f.class_def(class).is_none() && !from_statement && class != "clickable" && text.get(n.span.clone()).is_some_and(|s| s.contains(":::")) {
                out.push(undefined_class(n.span.clone(), class));
            }
        }
    }

    // a node with one plane's class inside another plane's subgraph
    for (i, n) in f.nodes.iter().enumerate() {
        let own = n.classes.iter().rev().find_map(|c| class_plane(c).and_then(PlaneName::plane).map(|p| (p, c)));
        if let (Some((p, class)), Some(q)) = (own, planes.enclosing[i]) {
            if p != q {
                out.push(
                    Diagnostic::warning("AR402", n.span.clone(), format!("`{}` is in the {} Plane's subgraph but carries the {} Plane's class `{class}`", n.id, q.name(), p.name()))
                        .with_hint(format!("move the node to the {} Plane's subgraph, or give it the {} Plane's class", p.name(), q.name())),
                );
            }
        }
    }

    // an edge to an id written nowhere else, close to a node's id: a typo
    for n in &f.nodes {
        if n.label.text != n.id || f.subgraph(&n.id).is_some() || n.id.chars().count() < 4 {
            continue;
        }
        let Some(other) = f.nodes.iter().find(|m| m.id != n.id && m.label.text != m.id && near(&m.id, &n.id)) else { continue };
        let Some(edge) = f.edges.iter().find(|e| e.from == n.id || e.to == n.id) else { continue };
        out.push(
            Diagnostic::warning("AR407", edge.span.clone(), format!("this edge points at `{}`, which is defined nowhere: mermaid-js draws a new, bare node for it", n.id))
                .with_hint(format!("did you mean `{}`?", other.id)),
        );
    }

    // Stream Plane subgraphs
    for sg in &f.subgraphs {
        if name_plane(&sg.title.text).or_else(|| name_plane(&sg.id)) == Some(PlaneName::Stream) {
            out.push(stream_plane(sg.span.clone(), &format!("subgraph `{}`", sg.id)));
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// Ids one typo apart: equal but for case, or one edit (Levenshtein) apart.
fn near(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 1
}

fn stream_plane(span: Range<usize>, what: &str) -> Diagnostic {
    Diagnostic::warning("AR403", span, format!("{what} is a Stream Plane, which was removed from the specification"))
        .with_hint("place its elements in the Edge, Service, State or Control plane")
}

fn undefined_class(span: Range<usize>, class: &str) -> Diagnostic {
    Diagnostic::warning("AR406", span, format!("class `{class}` is never defined: nothing is styled by it")).with_hint(format!("add `classDef {class} fill:...`, or check the name's spelling"))
}

/// AR401: a plane statement whose fill is not the plane's colour; the fix
/// moves fill, stroke and (if it would not read) text colour to the palette.
fn off_palette(decls: &[Declaration], plane: Plane, what: &str, palette: &Palette) -> Option<Diagnostic> {
    let fill = decls.iter().rev().find(|d| d.key == "fill")?;
    let colour = Rgb::parse(&fill.value)?;
    if palette.is_plane_colour(plane, colour) {
        return None;
    }
    let paint = palette.node_paint(plane);
    let mut edits = vec![Edit { span: fill.value_span.clone(), replacement: paint.fill.to_string() }];
    if let Some(stroke) = decls.iter().rev().find(|d| d.key == "stroke") {
        if Rgb::parse(&stroke.value).is_some() {
            edits.push(Edit { span: stroke.value_span.clone(), replacement: paint.stroke.to_string() });
        }
    }
    if let Some(color) = decls.iter().rev().find(|d| d.key == "color") {
        if Rgb::parse(&color.value).is_some_and(|c| contrast(c, paint.fill) < MIN_CONTRAST) {
            edits.push(Edit { span: color.value_span.clone(), replacement: text_on(paint.fill).to_string() });
        }
    }
    Some(
        Diagnostic::error(
            "AR401",
            fill.value_span.clone(),
            format!("{what} paints the {} Plane {}, off the {} palette ({} Plane: {})", plane.name(), fill.value, palette.name, plane.name(), paint.fill),
        )
        .with_hint(format!("use fill:{} (`check --fix` does)", paint.fill))
        .with_fix(Fix { edits }),
    )
}

/// AR404: text colour on fill below 4.5:1 (mermaid's text is #333 unless `color` says).
fn low_contrast(st: &StyleStatement, decls: &[Declaration]) -> Option<Diagnostic> {
    let fill_decl = decls.iter().rev().find(|d| d.key == "fill")?;
    let fill = Rgb::parse(&fill_decl.value)?;
    let color_decl = decls.iter().rev().find(|d| d.key == "color");
    let color = match color_decl {
        Some(d) => Rgb::parse(&d.value)?,
        None => Rgb(0x33, 0x33, 0x33),
    };
    let ratio = contrast(color, fill);
    if ratio >= MIN_CONTRAST {
        return None;
    }
    let span = color_decl.map_or(st.span.clone(), |d| d.value_span.clone());
    let said = color_decl.map_or("the default text colour #333333".to_string(), |d| format!("text {}", d.value));
    Some(
        Diagnostic::warning("AR404", span, format!("{said} on fill {} has a contrast of {ratio:.1}:1, under the 4.5:1 readers need", fill_decl.value))
            .with_hint(format!("use color:{}", text_on(fill))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_with_value_spans() {
        let text = "graph TD\n  classDef edgeStyle fill:#3B82F6, stroke:#2563EB,color:#fff\n";
        let start = text.find("classDef").unwrap();
        let d = declarations(text, &(start..text.len() - 1));
        assert_eq!(d.len(), 3);
        assert_eq!((d[0].key.as_str(), &text[d[0].value_span.clone()]), ("fill", "#3B82F6"));
        assert_eq!(&text[d[1].value_span.clone()], "#2563EB");
        assert_eq!(&text[d[2].value_span.clone()], "#fff");
    }
}
