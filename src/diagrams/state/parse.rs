//! The state diagram parser: mermaid-js 11's grammar (`stateDiagram.jison`)
//! run as jison runs it ([`crate::parse::lalr`]: same tables, same default
//! reductions) over the tokens of [`super::lex`], into mermaid's statement
//! tree ([`Stmt`]), which [`super::db`] resolves into the model.
//!
//! When mermaid refuses a diagram, the first error is at the token where
//! mermaid's parser (or lexer) stops. To draw what the author meant all the
//! same, the text is then read again with that place repaired (a one-line
//! note taking its whole line, a missing `}` added, or the statement left
//! out), and so on until it parses; each place gets its own error.

use super::db;
use super::lex::{tokens, Cond, LexError, Token, T};
use super::model::NoteSide;
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::Direction;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::diagrams::lr::{self, Failure as LrFailure, Tok};
use crate::parse::lalr::Tables;
#[cfg(test)]
use crate::parse::lalr::{self, GrammarSpec};
use std::collections::HashMap;
use crate::parse::prep::{prepare, Prepared};
use crate::diagrams::ParseOutcome;
use std::ops::Range;

/// mermaid's grammar, production for production and in its order (the
/// order numbers the productions). `;` is the terminal `SEMI` here.
// the source of the frozen tables (`tables.rs`), read by tests
#[cfg_attr(not(test), allow(dead_code))]
const GRAMMAR: &str = r#"
start : SPACE start | NL start | SD document => root ;
document : => doc_empty | document line => doc_push ;
line : SPACE statement => line_second | statement | NL => line_nl ;
statement : classDefStatement
    | styleStatement
    | cssClassStatement
    | idStatement => st_id
    | idStatement DESCR => st_descr
    | idStatement --> idStatement => st_rel
    | idStatement --> idStatement DESCR => st_rel_descr
    | HIDE_EMPTY => st_other
    | scale WIDTH => st_other
    | COMPOSIT_STATE => st_bare
    | COMPOSIT_STATE STRUCT_START document STRUCT_STOP => st_composite
    | STATE_DESCR AS ID => st_as
    | STATE_DESCR AS ID STRUCT_START document STRUCT_STOP => st_composite_as
    | FORK => st_fork
    | JOIN => st_join
    | CHOICE => st_choice
    | CONCURRENT => st_divider
    | note notePosition ID NOTE_TEXT => st_note
    | note NOTE_TEXT AS ID => st_other
    | direction
    | acc_title acc_title_value => st_acc_title
    | acc_descr acc_descr_value => st_acc_descr
    | acc_descr_multiline_value => st_acc_descr_multi
    | CLICK idStatement STRING STRING NL => st_other
    | CLICK idStatement HREF STRING NL => st_other ;
classDefStatement : classDef CLASSDEF_ID CLASSDEF_STYLEOPTS => class_def | classDef DEFAULT CLASSDEF_STYLEOPTS => class_def ;
styleStatement : style STYLE_IDS STYLEDEF_STYLEOPTS => style ;
cssClassStatement : class CLASSENTITY_IDS STYLECLASS => apply_class ;
direction : direction_tb => dir_tb | direction_bt => dir_bt | direction_rl => dir_rl | direction_lr => dir_lr ;
eol : NL | SEMI ;
idStatement : ID => id | EDGE_STATE => id | ID STYLE_SEPARATOR ID => id_class | EDGE_STATE STYLE_SEPARATOR ID => id_class ;
notePosition : left_of | right_of ;
"#;

/// The tables, thawed once from their frozen form (`tables.rs`, which a
/// test checks against the grammar): building them would cost more than
/// drawing a small diagram.
fn tables() -> &'static Tables {
    super::tables::FROZEN.tables()
}

/// The tables built from the grammar text.
#[cfg(test)]
fn built_tables() -> Tables {
    let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
    lalr::build(&GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize })
}

/// What a `state` statement says about a state (mermaid's `{stmt: 'state'}`).
#[derive(Debug, Clone, PartialEq)]
pub struct StateStmt {
    pub id: String,
    pub kind: StmtKind,
    /// Descriptions (`id : text`, `state "text" as id`); empty: none.
    pub descriptions: Vec<String>,
    /// The statements of a composite (`{ ... }`) or region.
    pub doc: Option<Vec<Stmt>>,
    pub note: Option<NoteStmt>,
    /// Classes from `:::`.
    pub classes: Vec<String>,
    /// `[*]` as a start (`Some(true)`) or an end (`Some(false)`).
    pub start: Option<bool>,
    /// The id as written (prepared-text offsets).
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StmtKind {
    Default,
    Fork,
    Join,
    Choice,
    /// `--`: the end of a concurrent region.
    Divider,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteStmt {
    pub side: NoteSide,
    pub text: String,
    pub span: Range<usize>,
}

/// One statement of a document (mermaid's statement objects).
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    State(StateStmt),
    Relation { from: StateStmt, to: StateStmt, label: Option<String>, span: Range<usize> },
    ClassDef { name: String, styles: String, span: Range<usize> },
    Style { ids: String, styles: String, span: Range<usize> },
    ApplyClass { ids: String, class: String, span: Range<usize> },
    Direction(Direction, Range<usize>),
    /// `state X` without `{ }`: mermaid keeps the bare name, which draws nothing.
    Bare(String, Range<usize>),
    /// What mermaid keeps in the document but never reads (`hide empty
    /// description`, `scale`, floating notes, `click`, accessibility).
    Other,
}

impl StateStmt {
    fn new(id: String, span: Range<usize>) -> StateStmt {
        StateStmt { id, kind: StmtKind::Default, descriptions: Vec::new(), doc: None, note: None, classes: Vec::new(), start: None, span }
    }
}

/// A value on the parser's stack.
#[derive(Debug, Clone, Default)]
enum V {
    #[default]
    None,
    Tok(usize),
    Id(StateStmt),
    Stmt(Stmt),
    Doc(Vec<Stmt>),
}

/// Where and why a parse stopped.
#[derive(Debug, Clone)]
enum Failure {
    Lex(LexError),
    Parse { tok: usize, expected: Vec<usize> },
}

/// The result of one parse of the (prepared, maybe repaired) text.
struct Run {
    doc: Option<Vec<Stmt>>,
    tokens: Vec<Token>,
    failure: Option<Failure>,
    acc_title: Option<String>,
    acc_descr: Option<String>,
}

/// mermaid's `trimColon`.
fn trim_colon(s: &str) -> String {
    match s.strip_prefix(':') {
        Some(rest) => rest.trim().to_string(),
        None => s.trim().to_string(),
    }
}

struct Ctx<'a> {
    toks: &'a [Token],
    dividers: usize,
    acc_title: Option<String>,
    acc_descr: Option<String>,
    root: Option<Vec<Stmt>>,
}

impl Ctx<'_> {
    fn text(&self, v: &V) -> String {
        match v {
            V::Tok(i) => self.toks[*i].text.clone(),
            _ => String::new(),
        }
    }

    fn span(&self, v: &V) -> Range<usize> {
        match v {
            V::Tok(i) => self.toks[*i].span.clone(),
            V::Id(s) => s.span.clone(),
            _ => 0..0,
        }
    }

    fn reduce(&mut self, tag: &str, vals: &mut [V], whole: Range<usize>) -> V {
        let take = |v: &mut V| std::mem::replace(v, V::None);
        let id_of = |v: V| match v {
            V::Id(s) => s,
            _ => StateStmt::new(String::new(), 0..0),
        };
        match tag {
            "root" => {
                if let V::Doc(d) = take(&mut vals[1]) {
                    self.root = Some(d);
                }
                V::None
            }
            "doc_empty" => V::Doc(Vec::new()),
            "doc_push" => {
                let mut doc = match take(&mut vals[0]) {
                    V::Doc(d) => d,
                    _ => Vec::new(),
                };
                match take(&mut vals[1]) {
                    V::Stmt(s) => doc.push(s),
                    V::Id(s) => doc.push(Stmt::State(s)),
                    V::None => {}
                    V::Tok(_) | V::Doc(_) => doc.push(Stmt::Other),
                }
                V::Doc(doc)
            }
            "line_second" => take(&mut vals[1]),
            "line_nl" => V::None,
            "st_id" => match take(&mut vals[0]) {
                V::Id(s) => V::Stmt(Stmt::State(s)),
                other => other,
            },
            "st_descr" => {
                let mut s = id_of(take(&mut vals[0]));
                let d = trim_colon(&self.text(&vals[1]));
                if !d.is_empty() {
                    s.descriptions = vec![d];
                }
                V::Stmt(Stmt::State(s))
            }
            "st_rel" | "st_rel_descr" => {
                let label = (tag == "st_rel_descr").then(|| trim_colon(&self.text(&vals[3])));
                let from = id_of(take(&mut vals[0]));
                let to = id_of(take(&mut vals[2]));
                V::Stmt(Stmt::Relation { from, to, label, span: whole })
            }
            "st_other" | "st_acc_title" | "st_acc_descr" | "st_acc_descr_multi" => {
                match tag {
                    "st_acc_title" => self.acc_title = Some(self.text(&vals[1]).trim().to_string()),
                    "st_acc_descr" => self.acc_descr = Some(self.text(&vals[1]).trim().to_string()),
                    "st_acc_descr_multi" => self.acc_descr = Some(self.text(&vals[0]).trim().to_string()),
                    _ => {}
                }
                V::Stmt(Stmt::Other)
            }
            "st_bare" => V::Stmt(Stmt::Bare(self.text(&vals[0]), self.span(&vals[0]))),
            "st_composite" => {
                let mut s = StateStmt::new(self.text(&vals[0]), self.span(&vals[0]));
                if let V::Doc(d) = take(&mut vals[2]) {
                    s.doc = Some(d);
                }
                V::Stmt(Stmt::State(s))
            }
            "st_as" => {
                let raw = self.text(&vals[2]);
                let descr = self.text(&vals[0]).trim().to_string();
                let mut s = StateStmt::new(raw.clone(), self.span(&vals[2]));
                match raw.split_once(':') {
                    Some((id, rest)) => {
                        // mermaid: `id.split(':')`, keeping parts 0 and 1
                        s.id = id.to_string();
                        let extra = rest.split(':').next().unwrap_or("").to_string();
                        s.descriptions = vec![descr, extra];
                    }
                    None => s.descriptions = vec![descr],
                }
                s.descriptions.retain(|d| !d.trim().is_empty());
                V::Stmt(Stmt::State(s))
            }
            "st_composite_as" => {
                let mut s = StateStmt::new(self.text(&vals[2]), self.span(&vals[2]));
                let descr = self.text(&vals[0]);
                if !descr.is_empty() {
                    s.descriptions = vec![descr];
                }
                if let V::Doc(d) = take(&mut vals[4]) {
                    s.doc = Some(d);
                }
                V::Stmt(Stmt::State(s))
            }
            "st_fork" | "st_join" | "st_choice" => {
                let mut s = StateStmt::new(self.text(&vals[0]), self.span(&vals[0]));
                s.kind = match tag {
                    "st_fork" => StmtKind::Fork,
                    "st_join" => StmtKind::Join,
                    _ => StmtKind::Choice,
                };
                V::Stmt(Stmt::State(s))
            }
            "st_divider" => {
                self.dividers += 1;
                let mut s = StateStmt::new(format!("divider-id-{}", self.dividers), self.span(&vals[0]));
                s.kind = StmtKind::Divider;
                V::Stmt(Stmt::State(s))
            }
            "st_note" => {
                let position = self.text(&vals[1]);
                let id = self.text(&vals[2]).trim().to_string();
                let mut s = StateStmt::new(id, self.span(&vals[2]));
                // mermaid compares the position as written with `left of`.
                let side = if position.trim() == "left of" { NoteSide::Left } else { NoteSide::Right };
                s.note = Some(NoteStmt { side, text: self.text(&vals[3]).trim().to_string(), span: whole });
                V::Stmt(Stmt::State(s))
            }
            "class_def" => V::Stmt(Stmt::ClassDef { name: self.text(&vals[1]).trim().to_string(), styles: self.text(&vals[2]).trim().to_string(), span: whole }),
            "style" => V::Stmt(Stmt::Style { ids: self.text(&vals[1]).trim().to_string(), styles: self.text(&vals[2]).trim().to_string(), span: whole }),
            "apply_class" => V::Stmt(Stmt::ApplyClass { ids: self.text(&vals[1]).trim().to_string(), class: self.text(&vals[2]).trim().to_string(), span: whole }),
            "dir_tb" => V::Stmt(Stmt::Direction(Direction::TB, whole)),
            "dir_bt" => V::Stmt(Stmt::Direction(Direction::BT, whole)),
            "dir_rl" => V::Stmt(Stmt::Direction(Direction::RL, whole)),
            "dir_lr" => V::Stmt(Stmt::Direction(Direction::LR, whole)),
            "id" => V::Id(StateStmt::new(self.text(&vals[0]).trim().to_string(), self.span(&vals[0]))),
            "id_class" => {
                let mut s = StateStmt::new(self.text(&vals[0]).trim().to_string(), self.span(&vals[0]));
                s.classes = vec![self.text(&vals[2]).trim().to_string()];
                V::Id(s)
            }
            // jison's default action: `$$ = $1`.
            _ => vals.first_mut().map(take).unwrap_or(V::None),
        }
    }
}

/// Parses the prepared text once, with the shared jison driver
/// ([`crate::diagrams::lr`]).
fn run(text: &str, lenient_notes: bool) -> Run {
    let (toks, lex_error) = tokens(text, lenient_notes);
    let tables = tables();
    let mut ctx = Ctx { toks: &toks, dividers: 0, acc_title: None, acc_descr: None, root: None };
    // Tokens by span, so that a reduction reads the text of the tokens it holds.
    let by_span: HashMap<(usize, usize), usize> = toks.iter().enumerate().map(|(i, t)| ((t.span.start, t.span.end), i)).collect();
    let mut next = 0usize;
    let feed = || {
        let t = toks.get(next).ok_or(text.len())?;
        next += 1;
        Ok(Tok { term: t.t as usize, span: t.span.clone() })
    };
    let reduce = |tag: &'static str, vals: &mut [V], spans: &[Range<usize>]| {
        for (v, span) in vals.iter_mut().zip(spans) {
            if matches!(v, V::None) {
                if let Some(&i) = by_span.get(&(span.start, span.end)) {
                    *v = V::Tok(i);
                }
            }
        }
        let whole = match (spans.first(), spans.last()) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..0,
        };
        ctx.reduce(tag, vals, whole)
    };
    let mut read = Vec::new();
    let result = lr::run(tables, feed, reduce, &mut read);
    let failure = match result {
        Ok(_) => None,
        // The tokens ran out before `$end`: the lexer stopped there.
        Err(LrFailure::Lex { .. }) => Some(Failure::Lex(lex_error.clone().unwrap_or(LexError::Stuck { at: text.len() }))),
        Err(LrFailure::Parse { tok, expected }) => {
            let at = by_span.get(&(tok.span.start, tok.span.end)).copied().unwrap_or(read.len().saturating_sub(1));
            Some(Failure::Parse { tok: at, expected })
        }
    };
    let root = ctx.root.take();
    let (acc_title, acc_descr) = (ctx.acc_title.take(), ctx.acc_descr.take());
    Run { doc: if failure.is_none() { root } else { None }, tokens: toks, failure, acc_title, acc_descr }
}

/// How to read the text again after an error, to draw what was meant.
enum Repair {
    /// Let one-line notes take the rest of their line (colons included).
    LenientNotes,
    /// Close the composites left open.
    Close(usize),
    /// Leave out this range (blanked, so offsets stay).
    Blank(Range<usize>),
    /// Write this range as this text of the same length.
    Rewrite(Range<usize>, String),
}

/// How many bytes the parser reads in all, the first reading and those after
/// repairs together, before it stops repairing.
const READ_AGAIN_BYTES: usize = 1 << 20;

/// Parses a state diagram.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let mut work = prep.text.clone();
    let mut lenient = false;
    let mut left_out_brace = false;
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut last = None;
    // Reading again costs the text's length each time: at most 64 times,
    // and no more than READ_AGAIN_BYTES in all (a long text full of
    // errors is refused with the first ones found).
    let mut read = 0;
    for _ in 0..64 {
        if read > 0 && read + work.len() > READ_AGAIN_BYTES {
            break;
        }
        read += work.len();
        let r = run(&work, lenient);
        let Some(failure) = r.failure.clone() else {
            last = Some(r);
            break;
        };
        let (diag, repair) = diagnose(&prep, &work, &r, &failure);
        let repeated = diags.iter().any(|d| d.code == diag.code && d.span == diag.span);
        if !repeated {
            diags.push(diag);
        }
        match repair {
            Repair::LenientNotes if !lenient => lenient = true,
            Repair::Close(n) => {
                let at = work.len();
                work.insert_str(at, &"\n}".repeat(n));
                work.push('\n');
            }
            Repair::Blank(range) => {
                left_out_brace |= work.get(range.clone()).is_some_and(|t| t.contains('{'));
                if !blank(&mut work, range) {
                    break;
                }
            }
            Repair::Rewrite(range, with) => {
                if work[range.clone()] == with {
                    break;
                }
                work.replace_range(range, &with);
            }
            Repair::LenientNotes => {
                // already lenient: leave the line out
                let at = failure_at(&r, &failure);
                let line = line_of(&work, at);
                if !blank(&mut work, line) {
                    break;
                }
            }
        }
    }
    let Some(r) = last else {
        return ParseOutcome { kind: DiagramKind::State, diagram: None, diagnostics: diags };
    };
    let version = if is_v2(&work) { 2 } else { 1 };
    let doc = r.doc.clone().unwrap_or_default();
    // A `{` left out to read on makes its `}` look stray: no AR826 then.
    diags.extend(warnings(&prep, text, &work, &r.tokens, &doc).into_iter().filter(|d| !(left_out_brace && d.code == "AR826")));
    let built = db::build(doc, &prep, header, version, r.acc_title.clone(), r.acc_descr.clone());
    diags.extend(built.diagnostics);
    diags.sort_by_key(|d| (d.span.start, !d.is_error()));
    // mermaid stops at the first error; the others follow in text order.
    ParseOutcome { kind: DiagramKind::State, diagram: Some(Diagram::State(built.diagram)), diagnostics: diags }
}

fn is_v2(text: &str) -> bool {
    text.trim_start().get(..15).is_some_and(|w| w.eq_ignore_ascii_case("stateDiagram-v2"))
}

/// Blanks a range of the working text (line breaks kept, so every offset
/// stays); false when it was blank already.
fn blank(work: &mut String, range: Range<usize>) -> bool {
    let range = range.start.min(work.len())..range.end.min(work.len());
    let piece = &work[range.clone()];
    if piece.chars().all(|c| c == ' ' || c == '\n') {
        return false;
    }
    let replaced: String = piece.chars().map(|c| if c == '\n' { "\n".to_string() } else { " ".repeat(c.len_utf8()) }).collect();
    work.replace_range(range, &replaced);
    true
}

/// The line holding offset `at` (without its line break).
fn line_of(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

fn failure_at(r: &Run, f: &Failure) -> usize {
    match f {
        Failure::Parse { tok, .. } => r.tokens[*tok].span.start,
        Failure::Lex(error) => match error {
            LexError::Unrecognized { at, .. } | LexError::Stuck { at } => *at,
            LexError::StateNameWords { span, .. } => span.start,
        },
    }
}

/// Text for messages: at most `n` characters, on one line.
fn shorten(s: &str, n: usize) -> String {
    let one = s.lines().next().unwrap_or("").trim();
    if one.chars().count() > n {
        format!("{}…", one.chars().take(n).collect::<String>())
    } else {
        one.to_string()
    }
}

/// What the parser expected, in words.
fn expected_words(exp: &[usize]) -> String {
    let has = |t: T| exp.contains(&(t as usize));
    let mut parts: Vec<&str> = Vec::new();
    if has(T::Id) {
        parts.push("a state id");
    }
    if has(T::Arrow) {
        parts.push("`-->`");
    }
    if has(T::Descr) {
        parts.push("`: text`");
    }
    if has(T::StructStop) {
        parts.push("`}`");
    }
    if has(T::NoteText) {
        parts.push("the note's text");
    }
    if has(T::Nl) && parts.is_empty() {
        parts.push("a line break");
    }
    if parts.is_empty() {
        let names: Vec<&str> = exp.iter().filter_map(|&i| T::ALL.get(i)).map(|t| t.name()).take(6).collect();
        return names.join(", ");
    }
    parts.join(", ")
}

const KEYWORD_HINT: &str = "rename the state, or give it a name of its own with a description: `state \"Note\" as NoteState`";

/// The words mermaid reads as keywords at the start of a statement.
fn keyword_at(s: &str) -> Option<&'static str> {
    let lower = s.trim_start().to_ascii_lowercase();
    ["classdef", "class", "style", "state", "note", "scale", "default", "click", "href", "acctitle", "accdescr"].into_iter().find(|k| {
        lower.starts_with(k) && !lower[k.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The first error of a run as a diagnostic, and how to read on.
fn diagnose(prep: &Prepared, work: &str, r: &Run, f: &Failure) -> (Diagnostic, Repair) {
    let orig = |span: Range<usize>| prep.orig_span(span);
    let at = failure_at(r, f);
    let line = line_of(work, at);
    let skip = Repair::Blank(line.clone());
    match f {
        Failure::Lex(LexError::StateNameWords { span, found }) => {
            let name = found.trim_end_matches('{').trim();
            let id: String = name.split_whitespace().map(|w| w.chars().filter(|c| c.is_alphanumeric() || *c == '_').collect::<String>()).collect::<Vec<_>>().join("_");
            let words = span.start..span.start + name.len();
            let fix = Fix::replace(orig(words.clone()), format!("\"{name}\" as {id}"));
            let d = Diagnostic::error("AR807", orig(words.clone()), format!("a composite state's name is one word: mermaid-js refuses `state {name} {{`"))
                .with_hint(format!("write `state \"{name}\" as {id} {{`: the quoted text is drawn, the id names the state in transitions"))
                .with_fix(fix);
            let same_length: String = work[words.clone()].chars().map(|c| if crate::lex::js::is_js_space(c) { "_".repeat(c.len_utf8()) } else { c.to_string() }).collect();
            (d, Repair::Rewrite(words, same_length))
        }
        Failure::Lex(LexError::Stuck { at }) => {
            let d = Diagnostic::error("AR801", orig(*at..(*at + 2).min(work.len())), "an id starting with `%%` stops mermaid-js's lexer (it never returns)")
                .with_hint("start the id with a letter; `%%` starts a comment only at the beginning of a statement");
            (d, skip)
        }
        Failure::Lex(LexError::Unrecognized { at, cond }) => {
            let at = *at;
            let rest = &work[at..];
            let ch = rest.chars().next().unwrap_or(' ');
            let span = orig(at..at + ch.len_utf8());
            let prev = r.tokens.last();
            // A keyword written as a state name: `Note --> B`, `Class : x`.
            if matches!(cond, Cond::Note | Cond::Class | Cond::Style | Cond::Scale | Cond::ClassDef | Cond::NoteId)
                && (rest.starts_with("-->") || rest.starts_with(':') || rest.starts_with("--"))
                && let Some(p) = prev
            {
                let word = work[p.span.clone()].trim().to_string();
                let d = Diagnostic::error("AR806", orig(p.span.start..p.span.start + word.len()), format!("`{word}` is a keyword: mermaid-js cannot read it as a state name"))
                    .with_hint(KEYWORD_HINT.replace("Note", &word));
                return (d, skip);
            }
            let d = match cond {
                Cond::NoteText => Diagnostic::error("AR803", orig(line.clone()), "a note needs its text: `note right of X : text`, or the text on the lines below, closed by `end note`")
                    .with_hint("add `: text` after the state, or close the note with a line `end note`"),
                Cond::Note => Diagnostic::error("AR801", span, format!("after `note`, mermaid-js expects `left of` or `right of`, not `{}`", shorten(rest, 20)))
                    .with_hint("state diagram notes are `note left of State` or `note right of State`"),
                Cond::NoteId => Diagnostic::error("AR814", span, "a note's state id cannot start with `-`, `:` or a line break")
                    .with_hint("name the state as it is named in its transitions"),
                Cond::Scale => Diagnostic::error("AR801", span, "`scale` takes a number and `width`: `scale 350 width`").with_hint("write `scale 350 width`, or rename a state called `Scale`"),
                Cond::Class => Diagnostic::error("AR801", span, "`class` takes state ids and a class name: `class A,B warning`").with_hint("separate the ids with commas, then a space and the class name"),
                Cond::Style => Diagnostic::error("AR801", span, "`style` takes state ids and styles: `style A fill:#f96`").with_hint("separate the ids with commas, then a space and the styles"),
                Cond::ClassDef => Diagnostic::error("AR801", span, "`classDef` takes a class name and styles: `classDef warning fill:#f96`").with_hint("the class name is letters, digits and `_`"),
                _ if rest.starts_with("->") && !rest.starts_with("-->") => one_dash_arrow(prep, at),
                _ if ch == '-' => Diagnostic::error("AR814", span, "a `-` cannot be part of a state id: mermaid-js stops at it")
                    .with_hint("write the id with `_` (`my_state`), or keep the text: `state \"my-state\" as my_state`"),
                _ if ch == ':' => Diagnostic::error("AR800", span, "a `:` with no text after it (or `::`) cannot be read")
                    .with_hint("write the description after the colon (`A --> B : text`), or leave the colon out"),
                _ if ch == '{' => Diagnostic::error("AR801", span, "a `{` opens a composite state only after `state Name`")
                    .with_hint("write `state Name {` on one line"),
                _ => Diagnostic::error("AR801", span, format!("mermaid-js's lexer cannot read `{}` here", shorten(rest, 12))).with_hint("check the line for a character out of place"),
            };
            (d, skip)
        }
        Failure::Parse { tok, expected } => {
            let t = &r.tokens[*tok];
            let prev = tok.checked_sub(1).map(|i| &r.tokens[i]);
            let span = orig(t.span.clone());
            let open = open_structs(&r.tokens[..*tok]);
            if t.t == T::End && !open.is_empty() {
                let first = open[0].clone();
                let d = Diagnostic::error("AR805", orig(first.clone()), format!("`{}` is never closed: the diagram ends inside it", shorten(&work[line_of(work, first.start)], 40)))
                    .with_hint("close the composite state with a line holding `}`");
                return (d, Repair::Close(open.len()));
            }
            if t.t == T::DefaultClassDefId {
                let d = Diagnostic::error("AR811", span, "mermaid-js refuses `classDef default` in state diagrams")
                    .with_hint("give the class another name and apply it with `class A,B name` or `A:::name`");
                return (d, skip);
            }
            if t.t == T::Descr && prev.is_some_and(|p| p.t == T::NoteText) {
                let note = prev.unwrap();
                let colon = t.span.start + work[t.span.clone()].find(':').unwrap_or(0);
                let line = line_of(work, note.span.start);
                let d = Diagnostic::error("AR802", orig(colon..colon + 1), "a one-line note ends at its second `:`; mermaid-js cannot read the rest")
                    .with_hint("write the colon as `#58;` (drawn as `:`), or put the text on its own lines closed by `end note`")
                    .with_fix(note_colon_fix(prep, work, note.span.start, line.end));
                return (d, Repair::LenientNotes);
            }
            if t.t == T::Arrow && prev.is_some_and(|p| matches!(p.t, T::Id | T::EdgeState)) {
                let d = chained_arrows(prep, work, r, *tok);
                return (d, skip);
            }
            if t.t == T::Invalid {
                let rest = &work[t.span.start..];
                if rest.starts_with("--") {
                    let d = Diagnostic::error("AR804", orig(t.span.start..t.span.start + 2), "`--` separates concurrent regions, and only inside a composite state")
                        .with_hint("put the regions inside `state Name { ... }`, with `--` between them");
                    return (d, skip);
                }
                if rest.starts_with("->") {
                    return (one_dash_arrow(prep, t.span.start), skip);
                }
                if rest.starts_with('-') {
                    let d = Diagnostic::error("AR814", span, "a `-` cannot be part of a state id: mermaid-js stops at it")
                        .with_hint("write the id with `_` (`my_state`), or keep the text: `state \"my-state\" as my_state`");
                    return (d, skip);
                }
                if rest.starts_with(':') {
                    let d = Diagnostic::error("AR800", span, "a `:` with no text after it (or `::`) cannot be read")
                        .with_hint("write the description after the colon (`A --> B : text`), or leave the colon out");
                    return (d, skip);
                }
            }
            // A keyword where a state name was meant: `Default --> B`.
            let stmt_start = work[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
            let before = work[stmt_start..t.span.start].trim();
            if let Some(k) = keyword_at(&work[t.span.start..]).filter(|_| before.is_empty() || matches!(t.t, T::Default | T::Click | T::Href)) {
                let word = work[t.span.start..].trim_start()[..k.len()].to_string();
                if work[t.span.start + word.len()..].trim_start().starts_with("-->") || work[t.span.start + word.len()..].trim_start().starts_with(':') {
                    let d = Diagnostic::error("AR806", orig(t.span.start..t.span.start + word.len()), format!("`{word}` is a keyword: mermaid-js cannot read it as a state name"))
                        .with_hint(KEYWORD_HINT.replace("Note", &word));
                    return (d, skip);
                }
            }
            let d = match t.t {
                T::Str => Diagnostic::error("AR800", span, format!("quoted text {} where mermaid-js expects a state id", shorten(&t.text, 30)))
                    .with_hint("a state with a text of its own is declared `state \"text\" as Id`; transitions then name `Id`"),
                T::End => Diagnostic::error("AR800", span, format!("the diagram ends too early: mermaid-js expected {}", expected_words(expected))),
                T::Sd => Diagnostic::error("AR800", span, "a second `stateDiagram` line").with_hint("one diagram per block: remove this line"),
                _ => Diagnostic::error("AR800", span, format!("mermaid-js cannot read `{}` here: it expected {}", shorten(&work[t.span.clone()], 30), expected_words(expected)))
                    .with_hint("statements are `A --> B : text`, `state X { ... }`, `X : text`, `note right of X : text`, `classDef`, `class`, `style`"),
            };
            (d, skip)
        }
    }
}

/// The spans of the `{` still open after these tokens (outermost first),
/// each with the name before it.
fn open_structs(toks: &[Token]) -> Vec<Range<usize>> {
    let mut open: Vec<Range<usize>> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.t {
            T::StructStart => {
                let name = i.checked_sub(1).map(|j| toks[j].span.start).unwrap_or(t.span.start);
                open.push(name..t.span.end);
            }
            T::StructStop => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// `A -> B`: a one-dash arrow, fixed to `-->`.
fn one_dash_arrow(prep: &Prepared, at: usize) -> Diagnostic {
    let span = prep.orig_span(at..at + 2);
    Diagnostic::error("AR813", span.clone(), "`->` is not a transition: mermaid-js reads transitions as `-->`").with_hint("write `-->`").with_fix(Fix::replace(span, "-->"))
}

/// `A --> B --> C`: one transition per statement; fixed by splitting it.
fn chained_arrows(prep: &Prepared, work: &str, r: &Run, tok: usize) -> Diagnostic {
    let t = &r.tokens[tok];
    let span = prep.orig_span(t.span.clone());
    let d = Diagnostic::error("AR812", span, "one transition per statement: mermaid-js cannot read `A --> B --> C`").with_hint("write `A --> B` and `B --> C` on lines of their own");
    // The fix: `A --> B --> C` on one line of plain ids becomes two lines.
    let line = line_of(work, t.span.start);
    let text = &work[line.clone()];
    let indent: String = text.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let parts: Vec<&str> = text.trim().split("-->").map(str::trim).collect();
    let plain = |p: &str| !p.is_empty() && !p.contains([':', '%', '#', ';']) && !p.contains(char::is_whitespace);
    let last = parts.last().copied().unwrap_or("");
    let (last_id, label) = match last.split_once(':') {
        Some((id, l)) => (id.trim(), Some(l)),
        None => (last, None),
    };
    if parts.len() >= 3 && parts[..parts.len() - 1].iter().all(|p| plain(p)) && plain(last_id) && r.tokens[tok..].iter().take_while(|x| x.span.start < line.end).all(|x| x.t != T::Nl || x.span.start >= line.end) {
        let mut lines = Vec::new();
        for w in 0..parts.len() - 1 {
            let to = if w + 2 == parts.len() { last_id } else { parts[w + 1] };
            let mut l = format!("{indent}{} --> {to}", parts[w]);
            if w + 2 == parts.len() {
                if let Some(label) = label {
                    l.push_str(&format!(" :{label}"));
                }
            }
            lines.push(l);
        }
        let orig_line = prep.orig_span(line);
        if orig_line.end > orig_line.start {
            return d.with_fix(Fix { edits: vec![Edit { span: orig_line, replacement: lines.join("\n") }] });
        }
    }
    d
}

/// The fix for a one-line note's extra `:` (and `;`): written as `#58;`
/// (`#59;`) from the note's first colon to the end of its line.
fn note_colon_fix(prep: &Prepared, work: &str, text_start: usize, line_end: usize) -> Fix {
    let body = &work[text_start..line_end];
    let first = body.find(':').map_or(text_start, |i| text_start + i + 1);
    let mut edits = Vec::new();
    for (i, c) in work[first..line_end].char_indices() {
        let at = first + i;
        let with = match c {
            ':' => "#58;",
            ';' => "#59;",
            _ => continue,
        };
        edits.push(Edit { span: prep.orig_span(at..at + 1), replacement: with.to_string() });
    }
    Fix { edits }
}

/// What mermaid-js accepts but does not read as the author meant.
fn warnings(prep: &Prepared, src: &str, work: &str, toks: &[Token], doc: &[Stmt]) -> Vec<Diagnostic> {
    let orig = |span: Range<usize>| prep.orig_span(span);
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| &toks[j]);
        match t.t {
            T::StructStart => depth += 1,
            T::StructStop => depth = depth.saturating_sub(1),
            T::DirTb | T::DirBt | T::DirLr | T::DirRl => {
                let text = work[t.span.clone()].trim();
                let lower = text.to_ascii_lowercase();
                let bare = lower.starts_with("direction") && lower.split_whitespace().count() == 2;
                if !bare {
                    out.push(
                        Diagnostic::warning("AR820", orig(t.span.clone()), format!("mermaid-js reads this whole line as `direction {}`: the rest of it is lost", t.t.name().trim_start_matches("direction_").to_ascii_uppercase()))
                            .with_hint("keep `direction` on a line of its own, and leave the word out of labels (`Direction`)"),
                    );
                }
            }
            T::Id => {
                let text = &t.text;
                // `A --> B : x; y` makes states `;` and `y`; `A --> B;` a state `B;`.
                let after_text = prev.is_some_and(|p| matches!(p.t, T::Descr | T::NoteText) && !work[p.span.end..t.span.start].contains('\n'));
                if text.starts_with(';') && after_text {
                    let semi = t.span.start;
                    out.push(
                        Diagnostic::warning("AR821", orig(semi..semi + 1), "a `;` ends the text before it: mermaid-js draws what follows on the line as states of their own")
                            .with_hint("write the semicolon as `#59;` (drawn as `;`)")
                            .with_fix(Fix::replace(orig(semi..semi + 1), "#59;")),
                    );
                } else if text.len() > 1 && text.ends_with(';') && !text.starts_with(';') {
                    let next_on_line = toks.get(i + 1).is_none_or(|n| matches!(n.t, T::End | T::Nl) || work[t.span.end..n.span.start].contains('\n'));
                    if next_on_line {
                        let kept = text.trim_end_matches(';');
                        let semis = t.span.start + kept.len()..t.span.end;
                        out.push(
                            Diagnostic::warning("AR821", orig(semis.clone()), format!("a `;` after a state id is part of the id: mermaid-js draws a state `{text}`"))
                                .with_hint("statements end at the line break: leave the `;` out")
                                .with_fix(Fix::replace(orig(semis), "")),
                        );
                    }
                } else if text == "}" && depth == 0 {
                    out.push(
                        Diagnostic::warning("AR826", orig(t.span.clone()), "a `}` with no composite state open: mermaid-js draws a state named `}`")
                            .with_hint("remove the `}` (or the `{` it was meant to close is missing)")
                            .with_fix(Fix::replace(orig(t.span.clone()), "")),
                    );
                }
            }
            _ => {}
        }
        if matches!(t.t, T::Descr | T::NoteText | T::StateDescr) {
            let raw = &work[t.span.clone()];
            for (k, _) in raw.match_indices("\\n") {
                let at = t.span.start + k;
                out.push(
                    Diagnostic::warning("AR822", orig(at..at + 2), "`\\n` in a label: mermaid-js draws the two characters (atlas-render breaks the line)")
                        .with_hint("write a line break as `<br/>`")
                        .with_fix(Fix::replace(orig(at..at + 2), "<br/>")),
                );
            }
        }
    }
    walk_warnings(prep, src, doc, 0, &mut out);
    out
}

/// Warnings about statements: what mermaid keeps but never applies.
fn walk_warnings(prep: &Prepared, src: &str, doc: &[Stmt], depth: usize, out: &mut Vec<Diagnostic>) {
    let orig = |span: &Range<usize>| prep.orig_span(span.clone());
    for s in doc {
        match s {
            Stmt::State(st) => {
                if depth > 0 && !st.classes.is_empty() {
                    out.push(nested_style(orig(&st.span), ":::"));
                }
                if depth == 0 && !st.classes.is_empty() && st.doc.is_none() && st.note.is_none() {
                    // `A:::cls` alone: the class is dropped; `class A cls` applies it.
                    let at = st.span.clone();
                    let text = format!("class {} {}", st.id, st.classes[0]);
                    // The fix only where the source reads `id:::class` exactly.
                    let written = format!("{}:::{}", st.id, st.classes[0]);
                    let start = prep.orig_span(at.clone()).start;
                    let full = start..start + written.len();
                    let mut d = Diagnostic::warning("AR824", orig(&at), format!("`{written}` on its own applies no class: mermaid-js applies `:::` only in transitions")).with_hint(format!("write `{text}`"));
                    if src.get(full.clone()) == Some(written.as_str()) {
                        d = d.with_fix(Fix::replace(full, text));
                    }
                    out.push(d);
                }
                if let Some(d) = &st.doc {
                    walk_warnings(prep, src, d, depth + 1, out);
                }
            }
            Stmt::Relation { from, to, .. } => {
                if depth > 0 {
                    for x in [from, to] {
                        if !x.classes.is_empty() {
                            out.push(nested_style(orig(&x.span), ":::"));
                        }
                    }
                }
            }
            Stmt::ClassDef { span, .. } if depth > 0 => out.push(nested_style(orig(span), "classDef")),
            Stmt::Style { span, .. } if depth > 0 => out.push(nested_style(orig(span), "style")),
            Stmt::ApplyClass { span, .. } if depth > 0 => out.push(nested_style(orig(span), "class")),
            Stmt::Bare(name, span) => {
                let d = if keyword_at(name).is_some() || name.contains("-->") || name == "-->" {
                    Diagnostic::warning("AR825", orig(span), format!("`{}` is read as the keyword `state` and a composite's name: mermaid-js draws nothing for this line", name.trim()))
                        .with_hint("a state named `State` needs a name of its own: `state \"State\" as StateName`")
                } else {
                    Diagnostic::warning("AR825", orig(span), format!("`state {}` without `{{ }}` declares nothing: mermaid-js draws no state for it", name.trim()))
                        .with_hint(format!("name `{}` in a transition, or describe it: `{} : text`", name.trim(), name.trim()))
                };
                out.push(d);
            }
            _ => {}
        }
    }
}

fn nested_style(span: Range<usize>, what: &str) -> Diagnostic {
    Diagnostic::warning("AR823", span, format!("mermaid-js ignores `{what}` inside a composite state"))
        .with_hint("write `classDef`, `class`, `style` and `:::` at the top level of the diagram; they apply to nested states from there")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_tables_are_the_grammars() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        let spec = GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize };
        crate::parse::lalr::assert_frozen_current(&spec, &super::super::tables::FROZEN, "state", "src/diagrams/state/tables.rs");
    }

    #[test]
    fn grammar_builds_without_conflicts_mermaid_does_not_have() {
        let t = built_tables();
        assert!(t.n_states() > 50);
        assert!(t.conflicts.is_empty(), "{:?}", t.conflicts);
    }
}

#[cfg(test)]
mod diagnostics_tests {
    use crate::diagnostics::{apply_fixes, Diagnostic};

    fn diags(text: &str) -> Vec<Diagnostic> {
        crate::diagrams::parse(text).diagnostics
    }

    fn first(text: &str) -> Diagnostic {
        diags(text).into_iter().find(|d| d.is_error()).expect("an error")
    }

    fn fixed(text: &str) -> String {
        let ds = diags(text);
        apply_fixes(text, ds.iter().filter_map(|d| d.fix.as_ref()))
    }

    #[test]
    fn refusals_have_their_codes_and_places() {
        let t = "stateDiagram-v2\n    A --> B\n    note right of A : rate: 95%\n";
        let e = first(t);
        assert_eq!(e.code, "AR802");
        assert_eq!(&t[e.span.clone()], ":");
        assert_eq!(fixed(t), "stateDiagram-v2\n    A --> B\n    note right of A : rate#58; 95%\n");
        assert!(crate::diagrams::parse(&fixed(t)).is_valid());
        assert_eq!(first("stateDiagram-v2\nA --> B\n--\nC\n").code, "AR804");
        assert_eq!(first("stateDiagram-v2\nstate A {\n  x --> y\n").code, "AR805");
        assert_eq!(first("stateDiagram-v2\nNote --> B\n").code, "AR806");
        assert_eq!(first("stateDiagram-v2\nDefault --> B\n").code, "AR806");
        assert_eq!(first("stateDiagram-v2\nclassDef default fill:#f00\n").code, "AR811");
        assert_eq!(first("stateDiagram-v2\nmy-state --> B\n").code, "AR814");
        assert_eq!(first("stateDiagram-v2\nA --> B :\n").code, "AR800");
        assert_eq!(first("stateDiagram-v2\n\"A\" --> B\n").code, "AR800");
        assert_eq!(first("stateDiagram-v2\nA --> B\nnote right of A\n").code, "AR803");
    }

    #[test]
    fn mechanical_fixes() {
        let t = "stateDiagram-v2\n  A -> B\n";
        assert_eq!(first(t).code, "AR813");
        assert_eq!(fixed(t), "stateDiagram-v2\n  A --> B\n");
        let t = "stateDiagram-v2\n  A --> B --> C : go\n";
        assert_eq!(first(t).code, "AR812");
        assert_eq!(fixed(t), "stateDiagram-v2\n  A --> B\n  B --> C : go\n");
        let t = "stateDiagram-v2\nstate Foo Bar {\n  x\n}\n";
        assert_eq!(first(t).code, "AR807");
        let f = fixed(t);
        assert_eq!(f, "stateDiagram-v2\nstate \"Foo Bar\" as Foo_Bar {\n  x\n}\n");
        assert!(crate::diagrams::parse(&f).is_valid());
    }

    #[test]
    fn warnings_for_what_mermaid_reads_otherwise() {
        let codes = |t: &str| diags(t).into_iter().filter(|d| !d.is_error()).map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(codes("stateDiagram-v2\nA --> B : change direction LR\n"), ["AR820"]);
        assert_eq!(codes("stateDiagram-v2\nA --> B : retry; backoff\n"), ["AR821"]);
        assert_eq!(fixed("stateDiagram-v2\nA --> B : retry; backoff\n"), "stateDiagram-v2\nA --> B : retry#59; backoff\n");
        assert_eq!(fixed("stateDiagram-v2\nA --> B;\n"), "stateDiagram-v2\nA --> B\n");
        assert_eq!(fixed("stateDiagram-v2\nA --> B : one\\ntwo\n"), "stateDiagram-v2\nA --> B : one<br/>two\n");
        assert_eq!(codes("stateDiagram-v2\nstate X {\n  classDef a fill:#f00\n  p --> q\n}\n"), ["AR823"]);
        assert_eq!(codes("stateDiagram-v2\nclassDef a fill:#f00\nA:::a\nA --> B\n"), ["AR824"]);
        assert_eq!(fixed("stateDiagram-v2\nclassDef a fill:#f00\nA:::a\nA --> B\n"), "stateDiagram-v2\nclassDef a fill:#f00\nclass A a\nA --> B\n");
        assert_eq!(fixed("stateDiagram-v2\nclassDef a fill:#f00\nA ::: a\nA --> B\n"), "stateDiagram-v2\nclassDef a fill:#f00\nA ::: a\nA --> B\n", "no fix where the source is not `A:::a`");
        assert_eq!(codes("stateDiagram-v2\nstate Idle\nA --> B\n"), ["AR825"]);
        assert_eq!(codes("stateDiagram-v2\nA --> B\n}\n"), ["AR826"]);
        assert!(codes("stateDiagram-v2\n[*] --> A\nA --> B : go\n").is_empty());
    }
}
