//! The flowchart parser: mermaid-js 11's grammar and database, run the way
//! mermaid runs them, so that atlas-render accepts exactly the flowcharts
//! mermaid accepts, builds the same model, and stops at the same place when
//! it refuses one.
//!
//! The pipeline: [`crate::parse::prep`] (mermaid's text rewriting) →
//! [`crate::diagrams::flowchart::lex`] (mermaid's modal lexer) → an LALR(1) parser over
//! [`grammar::GRAMMAR`] (mermaid's `flow.jison`) → [`db`] (mermaid's
//! `FlowDB`) → [`Flowchart`].
//!
//! When mermaid refuses a diagram, the first error diagnostic is at the token
//! where mermaid's parser fails (same line as its "Parse error on line N").
//! If the author's intent is clear (a label with `(`, `|`, `"` ... in it, an
//! `@` read as an edge id), the parser reads the text again with that label
//! taken as plain text, and so on until the diagram parses: the model is
//! built (`diagram: Some`) and every such place gets its own error.
//!
//! # Rule codes
//!
//! | code  | severity | cause |
//! |-------|----------|-------|
//! | AR101 | error | `(` or `)` inside an unquoted label |
//! | AR102 | error | `[` or `]` inside an unquoted label |
//! | AR103 | error | `{` or `}` inside an unquoted label |
//! | AR104 | error | `\|` inside an unquoted node label |
//! | AR105 | error | `"` inside a label (quote in unquoted text, or nested quotes) |
//! | AR106 | error | `@` in an unquoted label, read as an edge id (`x@`) |
//! | AR107 | error | subgraph header mixing a quoted string with unquoted text |
//! | AR108 | error | a keyword (`end`, `style`, `class`, `graph`, ...) used as a node id |
//! | AR109 | error | `:` or `,` or `&` where mermaid reads part of a node id or statement |
//! | AR110 | error | a label or quoted string that is never closed |
//! | AR111 | error | `subgraph` without a matching `end` |
//! | AR112 | error | `end` without an open `subgraph` |
//! | AR113 | error | any other unexpected token (message says what mermaid expected) |
//! | AR114 | error | a character mermaid's lexer cannot read here (lexical error) |
//! | AR115 | error | `--`, `==` or `.-` inside a `-- text -->` edge label |
//! | AR116 | error | a closing bracket with nothing open |
//! | AR117 | error | `%%` comment after a statement on the same line |
//! | AR118 | error | a statement on the `graph`/`flowchart` line itself |
//! | AR119 | error | `graph`/`flowchart` followed by something that is not a direction |
//! | AR120 | error | `linkStyle` index that names no edge (mermaid throws) |
//! | AR121 | error | `@{ shape: ... }` naming a shape mermaid does not have |
//! | AR122 | error | more than 500 edges (mermaid's `maxEdges`) |
//! | AR123 | error | `subgraph` without a name (mermaid throws) |
//! | AR124 | error | `@{ ... }` data that is not a `key: value` mapping |
//! | AR125 | error | a one-dash arrow (`->`, `-x`, `-o`) |
//! | AR130 | warning | a line containing `direction XX` is read whole as a direction statement |
//! | AR131 | warning | an edge mixing two arrow styles (`<-- text ==>`): mermaid marks it INVALID |
//! | AR132 | warning | a `@{ shape }` atlas-render draws as a rectangle |
//! | AR133 | warning | `<word>` in a label: mermaid-js's sanitizer takes it for an HTML tag and drops it |

pub mod db;
pub mod grammar;
mod tables;

use self::grammar::Act;
use self::db::{destruct_link, DbError, DocItem, FlowDb, LabelKind, LinkV, TextV};
use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare, Prepared};
use crate::diagrams::ParseOutcome;
use crate::diagnostics::Diagnostic;
use crate::diagrams::flowchart::lex::{Fixes, FlowLexer, Forced, Lexed, State, Token, T};
use crate::diagnostics::Fix;
use crate::diagrams::flowchart::model::{ArrowHead, ClassDef, StyleStatement, StyleStatementKind, Direction, Edge, Flowchart, Label, LabelFormat, Node, Shape, Stroke, Subgraph};
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::lalr::Action;
use std::ops::Range;

/// A semantic value on the parser's stack (jison's `$$`).
#[derive(Debug, Clone)]
enum V {
    None,
    /// A token, by its span in the prepared text (its text is read on demand).
    Tok(u32, u32),
    S(String),
    Text(TextV),
    Ids(Vec<String>),
    VStmt { stmt: Vec<String>, nodes: Vec<String> },
    Link(Box<LinkV>),
    List(Vec<String>),
    Doc(Vec<DocItem>),
    Item(DocItem),
    Empty,
    Dir(&'static str),
}

impl V {
    fn s(&self, src: &str) -> String {
        match self {
            V::Tok(a, b) => src[*a as usize..*b as usize].to_string(),
            V::S(s) => s.clone(),
            V::Text(t) => t.text.clone(),
            _ => String::new(),
        }
    }
}

/// Where a run stopped, if it did not accept.
#[derive(Debug, Clone)]
enum Failure {
    /// The parser has no action for token `tok` in `state`.
    Parse { tok: usize, state: u32, syms: Vec<u16> },
    /// No lexer rule matches at `at`.
    Lex { at: usize, state: State, outer: Option<(State, usize)> },
    /// The parser ran too long (a guard; should not happen).
    Stuck { at: usize },
}

struct Run {
    db: FlowDb,
    tokens: Vec<Token>,
    failure: Option<Failure>,
    /// Lines read whole as `direction XX` while holding other text.
    direction_lines: Vec<Range<usize>>,
    invalid_links: Vec<Range<usize>>,
    style_statements: Vec<StyleStatement>,
}

/// One run of mermaid's lexer and parser over the prepared text.
fn run(prep: &Prepared, fixes: &Fixes) -> Run {
    let tables = grammar::tables();
    let acts = grammar::acts();
    let nt = tables.n_terms as u16;
    let mut lexer = FlowLexer::with_fixes(&prep.text, fixes);
    let mut states: Vec<u32> = vec![0];
    let mut vals: Vec<V> = vec![V::None];
    let mut spans: Vec<Range<usize>> = vec![0..0];
    let mut syms: Vec<u16> = vec![u16::MAX];
    let mut tokens: Vec<Token> = Vec::with_capacity(prep.text.len() / 8 + 16);
    let mut la: Option<usize> = None;
    let mut ctx = Ctx { db: FlowDb::default(), prep, direction_lines: Vec::new(), invalid_links: Vec::new(), style_statements: Vec::new() };
    let mut failure = None;
    let limit = prep.text.len() * 40 + 10_000;
    let mut steps = 0usize;
    loop {
        steps += 1;
        if steps > limit {
            failure = Some(Failure::Stuck { at: lexer.offset() });
            break;
        }
        let st = *states.last().unwrap();
        let act = match tables.default_reduce(st) {
            Some(p) => Action::Reduce(p),
            None => {
                if la.is_none() {
                    match lexer.next() {
                        Lexed::Token(t) => {
                            tokens.push(t);
                            la = Some(tokens.len() - 1);
                        }
                        Lexed::Error(at) => {
                            failure = Some(Failure::Lex { at, state: lexer.state(), outer: lexer.outer() });
                            break;
                        }
                    }
                }
                tables.action(st, tokens[la.unwrap()].kind as usize)
            }
        };
        match act {
            Action::Shift(to) => {
                let t = &tokens[la.take().unwrap()];
                vals.push(if t.kind == T::ShapeData { V::S(yytext(&prep.text, t)) } else { V::Tok(t.span.start as u32, t.span.end as u32) });
                spans.push(t.span.clone());
                syms.push(t.kind as u16);
                states.push(to);
            }
            Action::Reduce(p) => {
                let prod = &tables.prods[p as usize];
                let n = prod.rhs.len();
                let at = vals.len() - n;
                let whole = if n > 0 {
                    spans[at].start..spans[at + n - 1].end
                } else {
                    let e = spans.last().map_or(0, |s| s.end);
                    e..e
                };
                let v = ctx.reduce(acts[p as usize], prod.tag, &mut vals[at..], &spans[at..], whole.clone());
                vals.truncate(at);
                spans.truncate(at);
                states.truncate(at);
                syms.truncate(at);
                let g = tables.goto(*states.last().unwrap(), prod.lhs);
                states.push(g);
                vals.push(v);
                spans.push(whole);
                syms.push(nt + prod.lhs);
            }
            Action::Accept => break,
            Action::Error => {
                failure = Some(Failure::Parse { tok: la.unwrap(), state: st, syms: syms.clone() });
                break;
            }
        }
    }
    Run { db: ctx.db, tokens, failure, direction_lines: ctx.direction_lines, invalid_links: ctx.invalid_links, style_statements: ctx.style_statements }
}

/// A token's `yytext`, with the lexer actions that rewrite it.
fn yytext(src: &str, t: &Token) -> String {
    let s = &src[t.span.clone()];
    if t.kind == T::ShapeData {
        if s == "@{" {
            return String::new();
        }
        if t.state == State::ShapeDataStr && s != "\"" {
            // /\n\s*/g → "<br/>"
            let mut out = String::with_capacity(s.len());
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\n' {
                    out.push_str("<br/>");
                    while chars.peek().is_some_and(|&c| crate::lex::is_js_space(c)) {
                        chars.next();
                    }
                } else {
                    out.push(c);
                }
            }
            return out;
        }
    }
    s.to_string()
}

struct Ctx<'a> {
    db: FlowDb,
    prep: &'a Prepared,
    direction_lines: Vec<Range<usize>>,
    invalid_links: Vec<Range<usize>>,
    style_statements: Vec<StyleStatement>,
}

fn take(v: &mut [V], i: usize) -> V {
    std::mem::replace(&mut v[i], V::None)
}

fn text_of(v: V, span: &Range<usize>, src: &str) -> TextV {
    match v {
        V::Text(t) => t,
        other => TextV { text: other.s(src), kind: LabelKind::Text, span: span.clone() },
    }
}

impl Ctx<'_> {
    fn reduce(&mut self, act: Act, tag: &str, v: &mut [V], spans: &[Range<usize>], whole: Range<usize>) -> V {
        let prep = self.prep;
        let src = prep.text.as_str();
        let db = &mut self.db;
        match act {
            Act::Pass => v.first_mut().map_or(V::None, |x| std::mem::replace(x, V::None)),
            Act::DocEmpty => V::Doc(Vec::new()),
            Act::DocPush => {
                let line = take(v, 1);
                let V::Doc(mut d) = take(v, 0) else { return V::Doc(Vec::new()) };
                match line {
                    V::Item(i) => d.push(i),
                    V::S(s) => d.push(DocItem::Str(s)),
                    V::Tok(a, b) => d.push(DocItem::Str(src[a as usize..b as usize].to_string())),
                    V::Dir(x) => d.push(DocItem::Dir(x)),
                    _ => {}
                }
                V::Doc(d)
            }
            Act::GcNodir => {
                db.direction = Some("TB".into());
                V::None
            }
            Act::GcDir => {
                db.direction = Some(v[1].s(src));
                V::None
            }
            Act::StVertex => match take(v, 0) {
                V::VStmt { nodes, .. } => V::Item(DocItem::Nodes(nodes)),
                _ => V::Empty,
            },
            Act::StNone => V::Empty,
            Act::StSubTitle | Act::StSubId | Act::StSubNone => {
                let (id, title, doc, same) = match tag {
                    "st_sub_title" => (Some(text_of(take(v, 2), &spans[2], src)), Some(text_of(take(v, 4), &spans[4], src)), take(v, 7), false),
                    "st_sub_id" => {
                        let t = text_of(take(v, 2), &spans[2], src);
                        (Some(t.clone()), Some(t), take(v, 4), true)
                    }
                    _ => {
                        db.errors.push(DbError::UnnamedSubgraph { span: spans[0].clone() });
                        (None, None, take(v, 2), false)
                    }
                };
                let list = match doc {
                    V::Doc(d) => d,
                    _ => Vec::new(),
                };
                let id = db.add_subgraph(id.as_ref(), &list, title.as_ref(), same, whole);
                V::Item(DocItem::Str(id))
            }
            Act::StAccTitle | Act::StAccDescr => {
                let value = v[1].s(src).trim().to_string();
                if tag == "st_acc_title" {
                    db.acc_title = Some(value.clone());
                } else {
                    db.acc_descr = Some(value.clone());
                }
                V::Item(DocItem::Str(value))
            }
            Act::StAccMulti => {
                let value = v[0].s(src).trim().to_string();
                db.acc_descr = Some(value.clone());
                V::Item(DocItem::Str(value))
            }
            Act::SdCat | Act::StrCat => V::S(v[0].s(src) + &v[1].s(src)),
            Act::VsLinkSd | Act::VsLink => {
                let (V::VStmt { stmt, nodes }, V::Link(link), V::Ids(node)) = (take(v, 0), take(v, 1), take(v, 2)) else {
                    return V::Empty;
                };
                if tag == "vs_link_sd" {
                    if let Some(last) = node.last() {
                        let sd = v[3].s(src);
                        db.add_shape_data(last, &spans[2], &sd, &spans[3]);
                    }
                }
                if link.ty == "INVALID" {
                    self.invalid_links.push(link.span.clone());
                }
                db.add_link(&stmt, &node, &link);
                let mut all = node.clone();
                all.extend(nodes);
                V::VStmt { stmt: node, nodes: all }
            }
            Act::VsNode | Act::VsNodeSd => {
                let V::Ids(node) = take(v, 0) else { return V::Empty };
                if tag == "vs_node_sd" {
                    if let Some(last) = node.last() {
                        let sd = v[1].s(src);
                        db.add_shape_data(last, &spans[0], &sd, &spans[1]);
                    }
                }
                V::VStmt { stmt: node.clone(), nodes: node }
            }
            Act::NodeOne => V::Ids(vec![v[0].s(src)]),
            Act::NodeAmpSd | Act::NodeAmp => {
                let V::Ids(mut node) = take(v, 0) else { return V::Empty };
                if tag == "node_amp_sd" {
                    if let Some(last) = node.last() {
                        let sd = v[1].s(src);
                        db.add_shape_data(last, &spans[0], &sd, &spans[1]);
                    }
                }
                node.push(v.last().map(|x| x.s(src)).unwrap_or_default());
                V::Ids(node)
            }
            Act::SvClass => {
                let id = v[0].s(src);
                db.set_class(&id, &v[2].s(src));
                V::S(id)
            }
            Act::VPlain => {
                let id = v[0].s(src);
                db.add_vertex(&id, &spans[0], None, None, &[]);
                V::S(id)
            }
            Act::Vertex => {
                let id = v[0].s(src);
                let ty = match tag {
                    "v_props" => "rect",
                    other => &other[2..],
                };
                let text = v.iter().find_map(|x| if let V::Text(t) = x { Some(t.clone()) } else { None });
                db.add_vertex(&id, &spans[0], text.as_ref(), Some(ty), &[]);
                V::S(id)
            }
            Act::LinkText => {
                let t = take(v, 1);
                let V::Link(mut l) = take(v, 0) else { return V::None };
                l.text = Some(text_of(t, &spans[1], src));
                l.span = whole;
                V::Link(l)
            }
            Act::LinkTeststr => take(v, 0),
            Act::LinkEdge | Act::LinkEdgeId => {
                let off = usize::from(tag == "link_edge_id");
                let (ty, stroke, length) = destruct_link(&v[2 + off].s(src), Some(&v[off].s(src)));
                let id = (off == 1).then(|| v[0].s(src).replacen('@', "", 1));
                let text = text_of(take(v, 1 + off), &spans[1 + off], src);
                V::Link(Box::new(LinkV { ty, stroke, length, text: Some(text), id, span: whole }))
            }
            Act::Ls | Act::LsId => {
                let off = usize::from(tag == "ls_id");
                let (ty, stroke, length) = destruct_link(&v[off].s(src), None);
                let id = (off == 1).then(|| v[0].s(src).replacen('@', "", 1));
                V::Link(Box::new(LinkV { ty, stroke, length, text: None, id, span: whole }))
            }
            Act::ArrowText => take(v, 1),
            Act::TxOne => V::Text(TextV { text: v[0].s(src), kind: LabelKind::Text, span: whole }),
            Act::TxCat => {
                let V::Text(mut t) = take(v, 0) else { return V::None };
                t.text.push_str(&v[1].s(src));
                t.span.end = whole.end;
                V::Text(t)
            }
            Act::TxStr => V::Text(TextV { text: v[0].s(src), kind: LabelKind::String, span: whole }),
            Act::TxStrPlain => V::Text(TextV { text: v[0].s(src), kind: LabelKind::Text, span: whole }),
            Act::TxMd => V::Text(TextV { text: v[0].s(src), kind: LabelKind::Markdown, span: whole }),
            Act::ClassDef => {
                if let V::List(styles) = &v[4] {
                    db.add_class(&v[2].s(src), styles);
                }
                let names = v[2].s(src).split(',').map(|n| n.trim().to_string()).collect();
                self.style_statements.push(StyleStatement { kind: StyleStatementKind::ClassDef, names, class: None, span: whole.clone() });
                V::None
            }
            Act::ClassStmt => {
                db.set_class(&v[2].s(src), &v[4].s(src));
                let names = v[2].s(src).split(',').map(|n| n.trim().to_string()).collect();
                self.style_statements.push(StyleStatement { kind: StyleStatementKind::Class, names, class: Some(v[4].s(src).trim().to_string()), span: whole.clone() });
                V::None
            }
            Act::Click => {
                db.set_class(&v[0].s(src), "clickable");
                V::None
            }
            Act::StyleStmt => {
                if let V::List(styles) = &v[4] {
                    db.add_vertex(&v[2].s(src), &spans[2], None, None, styles);
                }
                self.style_statements.push(StyleStatement { kind: StyleStatementKind::Style, names: vec![v[2].s(src).trim().to_string()], class: None, span: whole.clone() });
                V::None
            }
            Act::LinkStyle | Act::LinkStyleInterp | Act::LinkInterp => {
                let positions = match &v[2] {
                    V::List(l) => l.clone(),
                    other => vec![other.s(src)],
                };
                if tag != "link_style" {
                    db.update_link_interpolate(&positions, &v[6].s(src), &whole);
                }
                if tag != "link_interp" {
                    if let Some(V::List(styles)) = v.last() {
                        db.update_link(&positions, styles, &whole);
                    }
                }
                V::None
            }
            Act::ListOne => V::List(vec![v[0].s(src)]),
            Act::ListCat => {
                let V::List(mut l) = take(v, 0) else { return V::None };
                l.push(v[2].s(src));
                V::List(l)
            }
            Act::DirTb | Act::DirBt | Act::DirRl | Act::DirLr => {
                let d = match tag {
                    "dir_tb" => "TB",
                    "dir_bt" => "BT",
                    "dir_rl" => "RL",
                    _ => "LR",
                };
                let line = self.prep.text[whole.clone()].trim();
                if line.split_whitespace().count() > 2 || !line.starts_with("direction") {
                    self.direction_lines.push(whole.clone());
                }
                V::Dir(d)
            }
        }
    }
}

/// A problem found in a run, in prepared-text offsets, and how to read on.
#[derive(Debug, Clone)]
struct Finding {
    code: &'static str,
    message: String,
    hint: Option<String>,
    span: Range<usize>,
    /// The line mermaid reports ("Parse error on line N"), when it does.
    mermaid_line: Option<usize>,
    repair: Option<Repair>,
    /// What `check --fix` rewrites, in prepared-text offsets.
    fix: Option<SourceFix>,
}

/// A mechanical fix of a refused label, title or keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SourceFix {
    /// Put the text in double quotes (inner `"` become `#quot;`).
    Quote(Range<usize>),
    /// One quoted title of the text without its quotes (subgraph headers).
    Requote(Range<usize>),
    /// Write this word instead (a misspelt keyword).
    Word(Range<usize>, &'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repair {
    /// Read a token whatever the rules say (a label taken literally, ...).
    Force(Forced),
    /// Do not read edge ids (`x@`) at these offsets.
    NoLinkId(Range<usize>),
}

fn force(span: Range<usize>, kind: T) -> Repair {
    Repair::Force(Forced { span, kind, push: None })
}

/// Parses a flowchart (the whole diagram text, header included).
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let strict = run(&prep, &Fixes::default());
    let mut findings: Vec<Finding> = db_findings(&strict.db);
    let mut final_run = None;
    match &strict.failure {
        None => final_run = Some(strict),
        Some(_) => {
            let mut finding = classify(&prep, &strict);
            findings.push(finding.clone());
            let mut fixes = Fixes::default();
            for _ in 0..200 {
                let Some(repair) = finding.repair.clone() else { break };
                let fresh = match &repair {
                    Repair::Force(new) => {
                        let f = !fixes.forced.iter().any(|x| x.span.start == new.span.start);
                        fixes.forced.push(new.clone());
                        f
                    }
                    Repair::NoLinkId(r) => {
                        let f = !fixes.no_link_id.contains(r);
                        fixes.no_link_id.push(r.clone());
                        f
                    }
                };
                if !fresh {
                    break;
                }
                let r = run(&prep, &fixes);
                match &r.failure {
                    None => {
                        final_run = Some(r);
                        break;
                    }
                    Some(_) => {
                        finding = classify(&prep, &r);
                        if !findings.iter().any(|f| f.span == finding.span && f.code == finding.code) {
                            findings.push(finding.clone());
                        }
                    }
                }
            }
        }
    }
    let mut diagnostics: Vec<Diagnostic> = findings.iter().map(|f| to_diagnostic(text, &prep, f)).collect();
    let diagram = final_run.map(|r| {
        for f in db_findings(&r.db) {
            let d = to_diagnostic(text, &prep, &f);
            if !diagnostics.iter().any(|x| x.code == d.code && x.span == d.span) {
                diagnostics.push(d);
            }
        }
        let mut warnings = Vec::new();
        for span in &r.direction_lines {
            let line = prep.text[span.clone()].trim();
            warnings.push(
                Diagnostic::warning("AR130", prep.orig_span(span.clone()), format!("mermaid-js reads this whole line as a `direction` statement: `{}`", shorten(line, 60)))
                    .with_hint("put `direction TB|BT|LR|RL` on a line of its own, and avoid the word `direction` followed by a direction elsewhere"),
            );
        }
        for span in &r.invalid_links {
            warnings.push(Diagnostic::warning("AR131", prep.orig_span(span.clone()), "this edge starts and ends with different arrow styles; mermaid-js marks it INVALID and draws it plainly"));
        }
        let mut f = build_model(&r.db, &prep, header, &mut warnings);
        f.style_statements = r
            .style_statements
            .iter()
            .map(|st| StyleStatement { span: prep.orig_span(trim_span(&prep.text, &st.span)), ..st.clone() })
            .collect();
        // The model's own list: header warnings, what mermaid-js refuses
        // but was drawn anyway (as warnings), then the parser's warnings.
        f.warnings = header.diagnostics.iter().cloned().chain(diagnostics.iter().map(|d| Diagnostic { severity: crate::diagnostics::Severity::Warning, ..d.clone() })).chain(warnings.iter().cloned()).collect();
        diagnostics.extend(warnings);
        Diagram::Flowchart(f)
    });
    ParseOutcome { kind: DiagramKind::Flowchart, diagram, diagnostics }
}

/// The line mermaid-js reports for an error at `span` of `text` (it counts
/// lines after dropping front matter, directives and comment lines).
pub fn mermaid_line(text: &str, span: &Range<usize>) -> usize {
    let prep = prepare(text);
    let last = span.end.max(span.start + 1) - 1;
    let p = prep.prepared_offset(last);
    prep.jison_line(p + 1)
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

fn to_diagnostic(text: &str, prep: &Prepared, f: &Finding) -> Diagnostic {
    let span = prep.orig_span(f.span.clone());
    let mut message = f.message.clone();
    if let Some(ml) = f.mermaid_line {
        let real = crate::diagnostics::LineIndex::new(text).position(span.start).0;
        if real != ml {
            message.push_str(&format!(" (mermaid-js reports it on line {ml})"));
        }
    }
    let mut d = Diagnostic::error(f.code, span, message);
    d.hint = f.hint.clone();
    d.fix = f.fix.as_ref().map(|fix| {
        let (range, requote) = match fix {
            SourceFix::Quote(r) => (r, false),
            SourceFix::Requote(r) => (r, true),
            SourceFix::Word(r, word) => return Fix::replace(prep.orig_span(r.clone()), *word),
        };
        let orig = prep.orig_span(range.clone());
        let body = &text[orig.clone()];
        let body = if requote { body.replace('"', "") } else { body.replace('"', "#quot;") };
        Fix::replace(orig, format!("\"{body}\""))
    });
    d
}

fn db_findings(db: &FlowDb) -> Vec<Finding> {
    db.errors
        .iter()
        .map(|e| {
            let (code, message, hint, span) = match e {
                DbError::LinkStyleIndex { index, edges, span } => (
                    "AR120",
                    format!("`linkStyle {index}` names no edge: there are {edges} edges before it (numbered from 0); mermaid-js stops here"),
                    Some("count the edges in the order they are written, from 0, or move `linkStyle` after the edge".to_string()),
                    span.clone(),
                ),
                DbError::NoSuchShape { shape, lowercase, span } => (
                    "AR121",
                    if *lowercase {
                        format!("no such shape: `{shape}`; shape names are lowercase, with `-` not `_`")
                    } else {
                        format!("no such shape: `{shape}`")
                    },
                    Some("use a mermaid shape name such as `rect`, `rounded`, `stadium`, `cyl`, `diam`, `hex`, `circle`".to_string()),
                    span.clone(),
                ),
                DbError::EdgeLimit { span } => (
                    "AR122",
                    format!("more than {} edges: mermaid-js refuses diagrams over its `maxEdges` limit", db::MAX_EDGES),
                    Some("split the diagram".to_string()),
                    span.clone(),
                ),
                DbError::UnnamedSubgraph { span } => (
                    "AR123",
                    "`subgraph` needs a name: mermaid-js fails on a subgraph without one".to_string(),
                    Some("write `subgraph name` or `subgraph id [Title]`".to_string()),
                    span.clone(),
                ),
                DbError::BadShapeData { message, span } => ("AR124", format!("unreadable `@{{ ... }}` data: {message}"), None, span.clone()),
            };
            Finding { code, message, hint, span, mermaid_line: None, repair: None, fix: None }
        })
        .collect()
}

/// How a token reads in a message.
fn describe(src: &str, t: &Token) -> String {
    let s = &src[t.span.clone()];
    match t.kind {
        T::End | T::Eof => "end of the diagram".into(),
        T::Newline => "line break".into(),
        T::Space => "space".into(),
        T::Str => format!("quoted text \"{}\"", shorten(s, 30)),
        _ => format!("`{}`", shorten(s.trim(), 30)),
    }
}

/// What the parser expected, in words.
fn expected_words(exp: &[usize]) -> String {
    let has = |t: T| exp.contains(&(t as usize));
    let mut parts: Vec<&str> = Vec::new();
    if has(T::Newline) || has(T::Semi) {
        parts.push("a line break or `;`");
    }
    if has(T::Link) || has(T::StartLink) {
        parts.push("an arrow such as `-->`");
    }
    if has(T::Amp) {
        parts.push("`&`");
    }
    if has(T::Sqe) {
        parts.push("`]`");
    }
    if has(T::Pe) {
        parts.push("`)`");
    }
    if has(T::DiamondStop) {
        parts.push("`}`");
    }
    if has(T::Pipe) {
        parts.push("`|`");
    }
    if has(T::NodeString) && !has(T::Link) {
        parts.push("a node id");
    }
    if has(T::EndKw) {
        parts.push("`end`");
    }
    if has(T::Sqs) && parts.len() < 2 {
        parts.push("`[`");
    }
    if parts.is_empty() {
        let names: Vec<&str> = exp.iter().filter_map(|&i| T::ALL.get(i)).map(|t| t.name()).take(6).collect();
        return names.join(", ");
    }
    parts.truncate(4);
    parts.join(", ")
}

/// Token kinds that hold a label's closing/opening bracket, by character.
fn bracket_char(kind: T, src: &str, span: &Range<usize>) -> Option<char> {
    use T::*;
    Some(match kind {
        Ps | EllipseStart | DoubleCircleStart => '(',
        Pe | DoubleCircleEnd | EllipseEnd => ')',
        CylinderEnd => ')',
        CylinderStart | StadiumStart => src[span.clone()].chars().nth(1).unwrap_or('('),
        Sqs | SubroutineStart | TrapStart | InvTrapStart | VertexWithPropsStart => '[',
        Sqe | SubroutineEnd | StadiumEnd | TrapEnd | InvTrapEnd => ']',
        DiamondStart => '{',
        DiamondStop => '}',
        Pipe => '|',
        _ => return None,
    })
}

/// Two- and three-character brackets, and what mermaid reads them as.
fn compound_bracket(kind: T) -> Option<(&'static str, &'static str)> {
    use T::*;
    Some(match kind {
        CylinderEnd => (")]", "the end of a cylinder shape [( )]"),
        CylinderStart => ("[(", "the start of a cylinder shape [( )]"),
        StadiumEnd => ("])", "the end of a stadium shape ([ ])"),
        StadiumStart => ("([", "the start of a stadium shape ([ ])"),
        SubroutineEnd => ("]]", "the end of a subroutine shape [[ ]]"),
        SubroutineStart => ("[[", "the start of a subroutine shape [[ ]]"),
        DoubleCircleEnd => (")))", "the end of a double circle ((( )))"),
        DoubleCircleStart => ("(((", "the start of a double circle ((( )))"),
        EllipseStart => ("(-", "the start of an ellipse (- -)"),
        TrapStart => ("[/", "the start of a slanted shape [/ /]"),
        InvTrapStart => ("[\\", "the start of a slanted shape [\\ \\]"),
        _ => return None,
    })
}

/// The opening and closing text of a shape, from its first opener token and
/// the token after it.
fn shape_delims(tokens: &[Token], i: usize) -> Option<(usize, &'static str, &'static str)> {
    let t = &tokens[i];
    let next = tokens.get(i + 1).filter(|n| n.span.start == t.span.end);
    use T::*;
    Some(match t.kind {
        Sqs => (t.span.end, "[", "]"),
        Ps if next.is_some_and(|n| n.kind == Ps) => (next.unwrap().span.end, "((", "))"),
        Ps => (t.span.end, "(", ")"),
        DiamondStart if next.is_some_and(|n| n.kind == DiamondStart) => (next.unwrap().span.end, "{{", "}}"),
        DiamondStart => (t.span.end, "{", "}"),
        StadiumStart => (t.span.end, "([", "])"),
        SubroutineStart => (t.span.end, "[[", "]]"),
        CylinderStart => (t.span.end, "[(", ")]"),
        DoubleCircleStart => (t.span.end, "(((", ")))"),
        TagEnd => (t.span.end, ">", "]"),
        TrapStart => (t.span.end, "[/", "/]"),
        InvTrapStart => (t.span.end, "[\\", "\\]"),
        EllipseStart => (t.span.end, "(-", "-)"),
        Pipe => (t.span.end, "|", "|"),
        _ => return None,
    })
}

/// Where the label starting at `from` ends (the offset of its closer), read
/// as an author would: the first closer after which the line goes on like a
/// statement (an arrow, `&`, `:::`, `;` or nothing), preferring one where
/// the brackets inside the label balance. Labels may span lines (mermaid
/// allows it); the search stops after 30 lines. `None` when it cannot be told.
fn find_closer(src: &str, from: usize, close: &str) -> Option<usize> {
    if close == "|" {
        let line_end = src[from..].find('\n').map_or(src.len(), |e| from + e);
        return src[from..line_end].find('|').map(|i| from + i);
    }
    let mut end = from;
    for _ in 0..30 {
        end = src[end..].find('\n').map_or(src.len(), |e| end + e + 1);
        if end >= src.len() {
            break;
        }
    }
    let region = &src[from..end];
    let mut depth = 0usize;
    let mut balanced = None;
    let mut any = None;
    let mut i = 0;
    while i < region.len() {
        let r = &region[i..];
        if r.starts_with(close) {
            let after = &r[close.len()..];
            let line_rest = after.split('\n').next().unwrap_or("").trim_start();
            if goes_on(line_rest) {
                if depth == 0 && balanced.is_none() {
                    balanced = Some(from + i);
                }
                if any.is_none() {
                    any = Some(from + i);
                }
                if balanced.is_some() {
                    break;
                }
            }
        }
        let c = r.chars().next().unwrap();
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '\n' if any.is_some() => break,
            _ => {}
        }
        i += c.len_utf8();
    }
    balanced.or(any)
}

/// The end of a label (offset of its closer) and whether it is a `[/...]`
/// or `[\...]` label that ends with a plain `]` (a square label whose text
/// starts with a slash).
fn label_end(src: &str, opener: &Token, label_start: usize, close: &str) -> (Option<usize>, bool) {
    if matches!(opener.kind, T::TrapStart | T::InvTrapStart) {
        let a = find_closer(src, label_start, "/]");
        let b = find_closer(src, label_start, "\\]");
        let trap = match (a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        if trap.is_some() {
            return (trap, false);
        }
        return (find_closer(src, label_start, "]"), true);
    }
    (find_closer(src, label_start, close), false)
}

/// Whether the rest of a line after a label reads as the rest of a statement.
fn goes_on(rest: &str) -> bool {
    let r = rest.trim_start();
    r.is_empty()
        || r.starts_with([';', '&', '-', '=', '~', '.', '<', '@', '%'])
        || r.starts_with(":::")
        || ((r.starts_with('x') || r.starts_with('o')) && r[1..].starts_with(['-', '=', '.']))
}

/// The token that opened the label state a token was read in.
fn opener_index(tokens: &[Token], upto: usize, at: usize) -> Option<usize> {
    tokens[..=upto.min(tokens.len().saturating_sub(1))].iter().rposition(|t| t.span.start == at)
}

/// The node id written just before token `i` (for hints).
fn id_before(src: &str, tokens: &[Token], i: usize) -> String {
    let mut start = i;
    while start > 0 {
        let t = &tokens[start - 1];
        if matches!(t.kind, T::NodeString | T::Num | T::Down | T::Minus | T::Default | T::Comma | T::Colon | T::Amp | T::Brkt | T::Mult | T::UnicodeText) && t.span.end == tokens[start].span.start {
            start -= 1;
        } else {
            break;
        }
    }
    if start == i {
        return "A".into();
    }
    src[tokens[start].span.start..tokens[i].span.start].to_string()
}

fn quote_hint(id: &str, open: &str, label: &str, close: &str) -> String {
    let label = label.trim().replace('"', "#quot;");
    if open == "|" {
        format!("quote the label: -->|\"{label}\"|")
    } else {
        format!("quote the label: {id}{open}\"{label}\"{close}")
    }
}

fn classify(prep: &Prepared, r: &Run) -> Finding {
    let src = &prep.text;
    match r.failure.as_ref().expect("a failed run") {
        Failure::Stuck { at } => Finding {
            code: "AR113",
            message: "the parser could not go on here".into(),
            hint: None,
            span: *at..*at,
            mermaid_line: None,
            repair: None,
            fix: None,
        },
        Failure::Lex { at, state, outer } => classify_lex(prep, r, *at, *state, *outer),
        Failure::Parse { tok, state, syms } => classify_parse(prep, r, *tok, *state, syms, src),
    }
}

fn char_span(src: &str, at: usize) -> Range<usize> {
    let n = src[at..].chars().next().map_or(0, char::len_utf8);
    at..at + n
}

fn classify_lex(prep: &Prepared, r: &Run, at: usize, state: State, outer: Option<(State, usize)>) -> Finding {
    let src = &prep.text;
    let c = src[at..].chars().next().unwrap_or(' ');
    let span = char_span(src, at);
    let mermaid_line = Some(prep.jison_line(at));
    let mk = |code: &'static str, message: String, hint: Option<String>| Finding { code, message, hint, span: span.clone(), mermaid_line, repair: None, fix: None };
    match state {
        State::Dir => mk(
            "AR119",
            format!("`{}` cannot follow the diagram keyword: mermaid-js expects a direction or a line break", shorten(src[at..].split_whitespace().next().unwrap_or(""), 20)),
            Some("start with `flowchart TD` (or TB, BT, LR, RL) on its own line".into()),
        ),
        State::EdgeText | State::ThickEdgeText | State::DottedEdgeText => mk(
            "AR115",
            format!("`{}` inside an edge label written `-- text -->`: mermaid-js reads it as part of an arrow", shorten(&src[at..(at + 2).min(src.len())], 4)),
            Some("write the label between pipes instead: A -->|text| B".into()),
        ),
        State::MdStr => mk("AR105", "a backtick inside a markdown string: mermaid-js cannot read it".into(), Some("markdown strings are written \"`text`\" without other backticks".into())),
        State::TrapText | State::Text | State::EllipseText => {
            let opener = outer.and_then(|(_, o)| r.tokens.iter().rposition(|t| t.span.start == o));
            let code = match c {
                '(' | ')' => "AR101",
                '{' | '}' => "AR103",
                _ => "AR102",
            };
            let mut f = mk(code, format!("`{c}` does not close this label's shape: mermaid-js cannot read it here"), Some("quote the label: A[\"...\"]".into()));
            if let Some(oi) = opener {
                if let Some((label_start, open, close)) = shape_delims(&r.tokens, oi) {
                    let id = id_before(src, &r.tokens, oi);
                    let (closer, square) = label_end(src, &r.tokens[oi], label_start, close);
                    if let Some(cl) = closer.filter(|&cl| cl > label_start) {
                        let o = r.tokens[oi].span.start;
                        if square {
                            f.message = format!("`{open}` starts a slanted shape that must end with `/]` or `\\]`; this label ends with `]`");
                            f.hint = Some(quote_hint(&id, "[", &src[o + 1..cl], "]"));
                            f.repair = Some(Repair::Force(Forced { span: o..o + 1, kind: T::Sqs, push: Some(State::Text) }));
                            f.fix = Some(SourceFix::Quote(o + 1..cl));
                        } else {
                            f.hint = Some(quote_hint(&id, open, &src[label_start..cl], close));
                            f.repair = Some(force(label_start..cl, T::Text));
                            f.fix = Some(SourceFix::Quote(label_start..cl));
                        }
                    }
                }
            }
            f
        }
        _ => {
            if matches!(c, ')' | ']' | '}') {
                // usually a label that ended earlier than meant
                let prev = r.tokens.iter().rev().find(|t| bracket_char(t.kind, src, &t.span).is_some());
                let hint = prev.map(|_| "a bracket inside the label closed it early; quote the label: A[\"...\"]".to_string());
                mk("AR116", format!("`{c}` closes nothing: mermaid-js ended the label before it"), hint)
            } else if c == '%' {
                let mut f = mk("AR117", "`%%` comments must be on a line of their own".into(), Some("move the comment to its own line".into()));
                let end = src[at..].find('\n').map_or(src.len(), |e| at + e);
                f.repair = Some(force(at..end, T::Space));
                f
            } else {
                mk(
                    "AR114",
                    format!("mermaid-js cannot read `{c}` here: outside labels, ids and keywords are plain letters, digits and a few symbols"),
                    Some("put the text inside a quoted label: id[\"...\"]".into()),
                )
            }
        }
    }
}

fn classify_parse(prep: &Prepared, r: &Run, ti: usize, state: u32, syms: &[u16], src: &str) -> Finding {
    let tables = grammar::tables();
    let t = &r.tokens[ti];
    let expected = tables.expected(state);
    let mermaid_line = Some(prep.jison_line(t.span.end));
    let open_subgraphs: Vec<usize> = {
        // shifted `subgraph` terminals still on the stack
        let count = syms.iter().filter(|&&s| s == T::Subgraph as u16).count();
        r.tokens[..ti].iter().enumerate().filter(|(_, t)| t.kind == T::Subgraph).map(|(i, _)| i).rev().take(count).collect()
    };
    let finding = |code, message: String, hint: Option<String>, span: Range<usize>, repair| Finding { code, message, hint, span, mermaid_line, repair, fix: None };

    // 0. the diagram keyword itself
    if ti == 0 && expected.contains(&(T::Graph as usize)) {
        let word = src[t.span.clone()].split_whitespace().next().unwrap_or("").to_string();
        return finding(
            "AR119",
            format!("the diagram starts with `{}`: mermaid-js expects `graph` or `flowchart`, a space, then a direction", shorten(&word, 20)),
            Some("start with `flowchart TD` (or TB, BT, LR, RL)".into()),
            trim_span(src, &t.span),
            None,
        );
    }

    // 1. the end of the text
    if t.kind == T::End {
        if let Some((st, at)) = t.outer {
            let (what, code) = match st {
                State::Str | State::MdStr => ("quoted string", "AR110"),
                _ => ("label", "AR110"),
            };
            let span = char_span(src, at);
            return finding(code, format!("this {what} is never closed"), Some("close it on the same line, e.g. A[\"text\"]".into()), span, None);
        }
        if let Some(&si) = open_subgraphs.first() {
            let line_end = src[r.tokens[si].span.start..].find('\n').map_or(src.len(), |e| r.tokens[si].span.start + e);
            let header = src[r.tokens[si].span.start..line_end].trim().to_string();
            return finding("AR111", format!("`{}` has no matching `end`", shorten(&header, 50)), Some("add `end` after the subgraph's last line".into()), r.tokens[si].span.clone(), None);
        }
        return finding("AR113", format!("the diagram ends too early: mermaid-js expected {}", expected_words(&expected)), None, t.span.clone(), None);
    }

    // 2. `x@` read as an edge id
    if t.kind == T::LinkId {
        let at = t.span.end - 1;
        let mut f = finding(
            "AR106",
            "`@` right after text outside quotes: mermaid-js reads `…@` as an edge id".into(),
            Some("quote the label, or put a space before `@`: A[\"user@host\"]".into()),
            at..at + 1,
            Some(Repair::NoLinkId(t.span.start..at)),
        );
        f.fix = enclosing_label(src, at).map(SourceFix::Quote);
        return f;
    }

    // 3. inside a label
    if let Some((outer_state, open_at)) = t.outer {
        if matches!(outer_state, State::Text | State::TrapText | State::EllipseText) || (t.state == State::Str && outer_state != State::Str) {
            if let Some(oi) = opener_index(&r.tokens, ti, open_at) {
                if let Some((label_start, open, close)) = shape_delims(&r.tokens, oi) {
                    let (closer, square) = label_end(src, &r.tokens[oi], label_start, close);
                    let (open, close) = if square { ("[", "]") } else { (open, close) };
                    let (ch, code) = offending(src, &r.tokens, ti);
                    let id = id_before(src, &r.tokens, oi);
                    let kind_words = if open == "|" { "an edge label |...|".to_string() } else { format!("a {open} {close} label") };
                    let reads = match ch {
                        '(' | '[' | '{' => "the start of a shape",
                        ')' | ']' | '}' => "the end of the shape",
                        '|' => "the edge-label delimiter",
                        '"' => "the start of a quoted string",
                        _ => "part of the syntax",
                    };
                    let message = match compound_bracket(r.tokens[ti].kind) {
                        Some((text, what)) => format!("`{text}` inside {kind_words}: mermaid-js reads it as {what}"),
                        None => format!("`{ch}` inside {kind_words}: mermaid-js reads it as {reads}"),
                    };
                    let (hint, repair, fix) = match closer {
                        Some(c) if c > label_start && square => {
                            let o = r.tokens[oi].span.start;
                            let label = &src[o + 1..c];
                            (Some(quote_hint(&id, open, label, close)), Some(Repair::Force(Forced { span: o..o + 1, kind: T::Sqs, push: Some(State::Text) })), Some(SourceFix::Quote(o + 1..c)))
                        }
                        Some(c) if c > label_start => {
                            let label = &src[label_start..c];
                            (Some(quote_hint(&id, open, label, close)), Some(force(label_start..c, T::Text)), Some(SourceFix::Quote(label_start..c)))
                        }
                        _ => (Some(format!("quote the label: {id}{open}\"...\"{close}")), None, None),
                    };
                    let span = offending_span(src, &r.tokens, ti);
                    let mut f = finding(code, message, hint, span, repair);
                    f.fix = fix;
                    return f;
                }
            }
        }
    }

    // 4. subgraph headers
    if let Some(k) = r.tokens[..ti].iter().rposition(|x| x.kind == T::Subgraph) {
        let in_header = syms.contains(&(T::Subgraph as u16)) && r.tokens[k + 1..ti].iter().all(|x| !matches!(x.kind, T::Newline | T::Semi | T::Sqs));
        let header_start = r.tokens[k].span.start;
        let line_end = src[header_start..].find('\n').map_or(src.len(), |e| header_start + e);
        let header = &src[header_start..line_end];
        if in_header && header.contains('"') {
            // after the keyword's own token (not a fixed length: the text may
            // be anything the lexer took for it)
            let rest = src.get(r.tokens[k].span.end.min(line_end)..line_end).unwrap_or("").trim();
            let repair = subgraph_repair(src, r.tokens[k].span.end, line_end);
            let fix = match &repair {
                Some(Repair::Force(f)) => Some(SourceFix::Requote(f.span.clone())),
                _ => None,
            };
            let mut f = finding(
                "AR107",
                "a subgraph header mixing a quoted title with unquoted text: mermaid-js accepts `subgraph id [\"Title\"]` or `subgraph \"Title\"`".into(),
                Some(format!("write it as one quoted title: subgraph \"{}\"", rest.replace('"', ""))),
                trim_span(src, &t.span),
                repair,
            );
            f.fix = fix;
            return f;
        }
    }

    // 5. keywords where an id was expected
    let keyword = matches!(t.kind, T::EndKw | T::Style | T::Class | T::ClassDef | T::LinkStyle | T::Subgraph | T::Graph | T::Interpolate | T::Default | T::Href | T::LinkTarget);
    if keyword {
        let word = src[t.span.clone()].trim().to_string();
        let line_start = src[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[t.span.start..].find('\n').map_or(src.len(), |e| t.span.start + e);
        if t.kind == T::EndKw && open_subgraphs.is_empty() && src[line_start..line_end].trim() == "end" {
            return finding("AR112", "`end` without an open `subgraph`".into(), Some("remove it, or add the `subgraph` it closes".into()), trim_span(src, &t.span), None);
        }
        let span = trim_span(src, &t.span);
        let line_start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[span.end..].find('\n').map_or(src.len(), |e| span.end + e);
        let alone = src[line_start..line_end].trim() == word;
        let repair = (expected.contains(&(T::NodeString as usize)) && !alone).then(|| force(span.clone(), T::NodeString));
        return finding(
            "AR108",
            format!("`{word}` is a mermaid keyword: it cannot be a node id or start one here"),
            Some(format!("rename the node, e.g. `{word}Node[{word}]`")),
            span,
            repair,
        );
    }
    if let Some(p) = ti.checked_sub(1).map(|i| &r.tokens[i]) {
        let starts_statement = ti < 2 || matches!(r.tokens[ti - 2].kind, T::Newline | T::Semi | T::Space | T::EndKw | T::NoDir) ;
        if matches!(p.kind, T::Style | T::Class | T::ClassDef | T::LinkStyle | T::Default | T::Interpolate) && starts_statement && matches!(t.kind, T::Link | T::StartLink | T::Amp | T::Sqs | T::Ps | T::DiamondStart | T::StyleSeparator) {
            let word = src[p.span.clone()].to_string();
            return finding(
                "AR108",
                format!("`{word}` is a mermaid keyword: it cannot be a node id"),
                Some(format!("rename the node, e.g. `{word}Node[{word}]`")),
                p.span.clone(),
                Some(force(p.span.clone(), T::NodeString)),
            );
        }
    }

    // 6. a statement on the header line
    let graph_only = syms.len() >= 3 && syms[1] == T::Graph as u16 && syms[2] == T::Dir as u16 && syms.len() <= 4;
    if graph_only {
        return finding("AR118", "a statement on the diagram's first line: mermaid-js expects a line break or `;` after the direction".into(), Some("start the first statement on a new line".into()), t.span.clone(), None);
    }

    // 7. an inline comment
    if src[t.span.clone()].trim_start().starts_with("%%") {
        let span = trim_span(src, &t.span);
        let end = src[span.start..].find('\n').map_or(src.len(), |e| span.start + e);
        return finding("AR117", "`%%` comments must be on a line of their own".into(), Some("move the comment to its own line".into()), span.clone(), Some(force(span.start..end, T::Space)));
    }

    // 7b. a one-dash arrow
    let word = src[t.span.clone()].trim();
    let next_is_gt = r.tokens.get(ti + 1).is_some_and(|n| n.kind == T::TagEnd && n.span.start == t.span.end);
    if (t.kind == T::NodeString && matches!(word, "-x" | "-o" | "-.")) || (t.kind == T::Minus && (next_is_gt || src[t.span.end..].starts_with('>'))) {
        let span = trim_span(src, &t.span);
        let end = if t.kind == T::Minus { span.end + 1 } else { span.end };
        let arrow = &src[span.start..end];
        let with_blanks = end + src[end..].char_indices().find(|&(_, c)| !crate::lex::is_js_space(c)).map_or(src.len() - end, |(i, _)| i);
        return finding(
            "AR125",
            format!("`{arrow}` is not a mermaid arrow: arrows have at least two dashes"),
            Some(format!("write `-{}`", arrow)),
            span.start..end,
            Some(force(span.start..with_blanks, T::Link)),
        );
    }

    // 7c. a misspelt keyword at the start of the line: mermaid's keywords
    // are case-sensitive, so `classDf` and `linkstyle` are node ids to it,
    // and the words after them a statement it cannot read
    if let Some(fi) = first_on_line(src, &r.tokens, ti) {
        let span = r.tokens[fi].span.clone();
        let w = &src[span.clone()];
        if r.tokens[fi].kind == T::NodeString && fi < ti {
            if let Some((kw, kind)) = near_keyword(w) {
                let mut f = finding(
                    "AR126",
                    format!("unexpected {}: `{w}` is not a mermaid keyword; did you mean `{kw}`?", describe(src, t)),
                    Some(format!("mermaid-js reads `{w}` as a node id (its keywords are case-sensitive); write `{kw}`")),
                    span.clone(),
                    Some(force(span.clone(), kind)),
                );
                f.fix = Some(SourceFix::Word(span, kw));
                return f;
            }
        }
    }

    // 8. `:` and friends read as part of an id / statement
    let prev = ti.checked_sub(1).map(|i| &r.tokens[i]);
    if matches!(t.kind, T::Colon | T::Comma | T::Amp) || prev.is_some_and(|p| matches!(p.kind, T::Colon)) {
        return finding(
            "AR109",
            format!("unexpected {}: mermaid-js expected {}", describe(src, t), expected_words(&expected)),
            Some("`:`, `,` and `&` outside a label are part of mermaid's syntax; put such text inside a quoted label".into()),
            trim_span(src, &t.span),
            None,
        );
    }
    finding("AR113", format!("unexpected {}: mermaid-js expected {}", describe(src, t), expected_words(&expected)), None, trim_span(src, &t.span), None)
}

/// The first token of the line holding token `ti` (after blanks).
fn first_on_line(src: &str, tokens: &[Token], ti: usize) -> Option<usize> {
    let line_start = src[..tokens[ti].span.start].rfind('\n').map_or(0, |i| i + 1);
    tokens[..=ti].iter().position(|t| t.span.start >= line_start && t.kind != T::Space)
}

/// A keyword `w` is probably a misspelling of (edit distance 1–2, same
/// first letter), with the token it stands for.
fn near_keyword(w: &str) -> Option<(&'static str, T)> {
    const KEYWORDS: [(&str, T); 5] = [("classDef", T::ClassDef), ("class", T::Class), ("style", T::Style), ("linkStyle", T::LinkStyle), ("subgraph", T::Subgraph)];
    let mut best: Option<(usize, &'static str, T)> = None;
    for (kw, t) in KEYWORDS {
        if w == kw || !w.starts_with(&kw[..1]) || w.len() < 4 {
            continue;
        }
        let d = edit_distance(&w.to_ascii_lowercase(), &kw.to_ascii_lowercase());
        if d <= 2 && best.is_none_or(|b| d < b.0) {
            best = Some((d, kw, t));
        }
    }
    best.map(|(_, kw, t)| (kw, t))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A span without the blanks some tokens carry.
fn trim_span(src: &str, span: &Range<usize>) -> Range<usize> {
    let s = &src[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return span.clone();
    }
    span.start + lead..span.end - trail
}

/// The character that broke a label, and its code.
fn offending(src: &str, tokens: &[Token], ti: usize) -> (char, &'static str) {
    let t = &tokens[ti];
    let s = &src[t.span.clone()];
    if t.state == State::Str || t.state == State::MdStr || t.kind == T::Str || t.kind == T::MdStr {
        return ('"', "AR105");
    }
    if t.kind == T::Text && ti > 0 && matches!(tokens[ti - 1].kind, T::Str | T::MdStr) {
        return ('"', "AR105");
    }
    let c = bracket_char(t.kind, src, &t.span).unwrap_or_else(|| s.chars().next().unwrap_or('?'));
    let code = match c {
        '(' | ')' => "AR101",
        '[' | ']' => "AR102",
        '{' | '}' => "AR103",
        '|' => "AR104",
        _ => "AR113",
    };
    (c, code)
}

/// Where to point for a broken label: the offending character.
fn offending_span(src: &str, tokens: &[Token], ti: usize) -> Range<usize> {
    let t = &tokens[ti];
    if t.kind == T::Str || t.kind == T::MdStr {
        // the quote before the string
        let q = src[..t.span.start].rfind('"').unwrap_or(t.span.start);
        return q..q + 1;
    }
    if t.kind == T::Text && ti > 0 && matches!(tokens[ti - 1].kind, T::Str | T::MdStr) {
        let q = src[..t.span.start].rfind('"').unwrap_or(t.span.start);
        return q..q + 1;
    }
    if t.kind == T::CylinderEnd {
        return t.span.start..t.span.start + 1;
    }
    let span = trim_span(src, &t.span);
    let n = src[span.start..].chars().next().map_or(0, char::len_utf8);
    span.start..span.start + n
}

/// The unquoted label around `at` on its line: after the nearest opening
/// `[`, `(`, `{` or `|` before it, up to its closer after it.
fn enclosing_label(src: &str, at: usize) -> Option<Range<usize>> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |e| at + e);
    let open = src[line_start..at].rfind(['[', '(', '{', '|']).map(|i| line_start + i)?;
    let closer = match src.as_bytes()[open] {
        b'[' => ']',
        b'(' => ')',
        b'{' => '}',
        _ => '|',
    };
    let close = src[at..line_end].find(closer).map(|i| at + i)?;
    let body = open + 1..close;
    (!src[body.clone()].contains(['"', '[', ']', '(', ')', '{', '}', '|'])).then_some(body)
}

/// Reading for `subgraph id "Title"` / `subgraph "Title" more`: the whole
/// header after `subgraph ` as one quoted title when it has no brackets.
fn subgraph_repair(src: &str, keyword_end: usize, line_end: usize) -> Option<Repair> {
    let after = keyword_end.min(line_end);
    let rest = src.get(after..line_end)?;
    let lead = rest.len() - rest.trim_start().len();
    let body_start = after + lead;
    let body = src[body_start..line_end].trim_end();
    if body.is_empty() || body.contains(['[', ']', '(', ')', '{', '}']) {
        return None;
    }
    Some(force(body_start..body_start + body.len(), T::Str))
}

impl Prepared {
    /// The offset in the prepared text of the byte copying original offset
    /// `orig` (or the next kept byte).
    pub fn prepared_offset(&self, orig: usize) -> usize {
        let mut lo = 0;
        let mut hi = self.text.len();
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.orig(mid) < orig {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

fn shape_of(ty: Option<&str>, warnings: &mut Vec<Diagnostic>, span: &Range<usize>) -> Shape {
    let Some(ty) = ty else { return Shape::Square };
    if let Some(s) = Shape::from_mermaid_name(ty) {
        return s;
    }
    match ty {
        "squareRect" | "proc" | "process" | "rectangle" => Shape::Square,
        "rounded" | "event" | "roundedRect" | "ellipse" => Shape::Round,
        "terminal" | "pill" => Shape::Stadium,
        "fr-rect" | "subprocess" | "subproc" | "framed-rectangle" => Shape::Subroutine,
        "cyl" | "db" | "database" => Shape::Cylinder,
        "circ" => Shape::Circle,
        "dbl-circ" | "double-circle" => Shape::DoubleCircle,
        "diam" | "decision" | "question" => Shape::Diamond,
        "hex" | "prepare" => Shape::Hexagon,
        "rect_left_inv_arrow" => Shape::Odd,
        "lean-r" | "lean-right" | "in-out" => Shape::LeanRight,
        "lean-l" | "lean-left" | "out-in" => Shape::LeanLeft,
        "trap-b" | "priority" | "trapezoid-bottom" => Shape::Trapezoid,
        "trap-t" | "manual" | "trapezoid-top" | "inv-trapezoid" => Shape::InvTrapezoid,
        other => {
            warnings.push(Diagnostic::warning("AR132", span.clone(), format!("atlas-render draws the `{other}` shape as a rectangle")));
            Shape::Square
        }
    }
}

/// HTML elements mermaid-js's sanitizer (DOMPurify) keeps in labels.
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blink", "blockquote", "body", "br",
    "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "content", "data", "datalist", "dd", "decorator", "del",
    "details", "dfn", "dialog", "dir", "div", "dl", "dt", "element", "em", "fieldset", "figcaption", "figure", "font", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "img", "input", "ins", "kbd", "label", "legend",
    "li", "main", "map", "mark", "marquee", "menu", "menuitem", "meter", "nav", "nobr", "ol", "optgroup", "option", "output", "p",
    "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section", "select", "shadow", "small", "source", "spacer",
    "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
    "time", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "svg", "math",
];

/// Warns about `<word...>` in a label that mermaid-js's sanitizer takes for
/// an unknown HTML element and drops (AR133).
fn warn_dropped_tags(text: &str, span: &Range<usize>, warnings: &mut Vec<Diagnostic>) {
    let mut from = 0;
    while let Some(i) = text[from..].find('<').map(|i| from + i) {
        from = i + 1;
        let rest = &text[i + 1..];
        let closing = rest.starts_with('/');
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let Some(gt) = rest.find('>') else { continue };
        let name_len = rest.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if KNOWN_TAGS.contains(&name.as_str()) {
            continue;
        }
        let tag = &text[i..i + 1 + usize::from(closing) + gt + 1];
        warnings.push(
            Diagnostic::warning("AR133", span.clone(), format!("mermaid-js reads `{}` in this label as an HTML tag and drops it", shorten(tag, 40)))
                .with_hint("write `&lt;` for a literal `<`"),
        );
        from = i + 1 + usize::from(closing) + gt + 1;
    }
}

fn label(text: &str, kind: LabelKind) -> Label {
    Label { text: decode_codes(text), format: if kind == LabelKind::Markdown { LabelFormat::Markdown } else { LabelFormat::Text } }
}

/// mermaid's `setDirection` on the keyword as written.
fn direction_of(written: &str) -> Direction {
    let d = written.trim();
    if d.contains('<') {
        Direction::RL
    } else if d.contains('^') {
        Direction::BT
    } else if d.contains('>') {
        Direction::LR
    } else if d.contains('v') {
        Direction::TB
    } else {
        Direction::from_name(d).unwrap_or_default()
    }
}

fn build_model(db: &FlowDb, prep: &Prepared, header: &Header, warnings: &mut Vec<Diagnostic>) -> Flowchart {
    let written = db.direction.as_deref().map(str::trim).unwrap_or("TB").to_string();
    let mut f = Flowchart { direction: direction_of(&written), direction_name: written, config: header.config.clone(), acc_title: db.acc_title.clone(), acc_descr: db.acc_descr.clone(), ..Flowchart::default() };
    for v in &db.vertices {
        let span = prep.orig_span(v.span.clone());
        if let Some(t) = &v.text {
            warn_dropped_tags(t, &span, warnings);
        }
        let shape = shape_of(v.ty.as_deref(), warnings, &span);
        f.nodes.push(Node {
            id: v.id.clone(),
            label: label(v.text.as_deref().unwrap_or(&v.id), v.kind),
            shape,
            classes: v.classes.clone(),
            styles: v.styles.clone(),
            span,
        });
    }
    for e in &db.edges {
        let head = |s: &str| match s {
            "point" => ArrowHead::Point,
            "circle" => ArrowHead::Circle,
            "cross" => ArrowHead::Cross,
            _ => ArrowHead::None,
        };
        let (start, end) = match e.ty.strip_prefix("double_arrow_") {
            Some(h) => (head(h), head(h)),
            None => (ArrowHead::None, head(e.ty.strip_prefix("arrow_").unwrap_or(""))),
        };
        let stroke = match e.stroke.as_str() {
            "thick" => Stroke::Thick,
            "dotted" => Stroke::Dotted,
            "invisible" => Stroke::Invisible,
            _ => Stroke::Normal,
        };
        warn_dropped_tags(&e.text, &prep.orig_span(e.span.clone()), warnings);
        let mut styles = db.default_style.clone().unwrap_or_default();
        styles.extend(e.style.iter().flatten().cloned());
        f.edges.push(Edge {
            from: e.start.clone(),
            to: e.end.clone(),
            label: (!e.text.is_empty()).then(|| label(&e.text, e.kind)),
            start,
            end,
            stroke,
            length: e.length.max(1),
            styles,
            span: prep.orig_span(trim_span(&prep.text, &e.span)),
        });
    }
    for sg in &db.subgraphs {
        warn_dropped_tags(&sg.title, &prep.orig_span(sg.span.clone()), warnings);
        let vertex = db.vertices.iter().find(|v| v.id == sg.id);
        f.subgraphs.push(Subgraph {
            id: sg.id.clone(),
            title: label(&sg.title, sg.kind),
            members: sg.nodes.clone(),
            direction: sg.dir.and_then(Direction::from_name),
            classes: vertex.map_or_else(|| sg.classes.clone(), |v| v.classes.clone()),
            styles: vertex.map(|v| v.styles.clone()).unwrap_or_default(),
            span: prep.orig_span(trim_span(&prep.text, &sg.span)),
        });
    }
    for (name, styles) in &db.classes {
        f.class_defs.push(ClassDef { name: name.clone(), styles: styles.clone() });
    }
    f
}

#[cfg(test)]
mod tests;
