//! The gitGraph parser: mermaid-js's Langium grammar (an LL grammar, read
//! here by recursive descent over [`super::lex`]'s tokens), then mermaid's
//! gitGraph database, which refuses what git would (a branch made twice, a
//! checkout of a branch never made, a merge of a branch into itself, ...).
//!
//! ```text
//! GitGraph   : NEWLINE* ('gitGraph' (':' | ('LR'|'TB'|'BT') ':')? | 'gitGraph:')
//!              (NEWLINE | (TITLE|ACC_TITLE|ACC_DESCR) EOL | Statement)* EOF
//! Commit     : 'commit' ('id:' STRING | 'msg:'? STRING | 'tag:' STRING
//!                        | 'type:' ('NORMAL'|'REVERSE'|'HIGHLIGHT'))* EOL
//! Branch     : 'branch' (REFERENCE|STRING) ('order:' INT)? EOL
//! Merge      : 'merge' (REFERENCE|STRING) ('id:' STRING | 'tag:' STRING
//!                        | 'type:' ('NORMAL'|'REVERSE'|'HIGHLIGHT'))* EOL
//! Checkout   : ('checkout'|'switch') (REFERENCE|STRING) EOL
//! CherryPick : 'cherry-pick' ('id:' STRING | 'tag:' STRING | 'parent:' STRING)* EOL
//! EOL        : NEWLINE+ | EOF
//! ```
//!
//! Every syntax error is reported (the parse goes on at the next line),
//! and where the meaning is clear it is kept for the drawing: an unquoted
//! id (`id: abc`), a direction without its colon (`gitGraph TB`). A
//! statement the database refuses is reported and left out.

use super::lex::{lex_from, LexError, Tok, Token, Unclosed};
use super::model::{Branch, Commit, CommitKind, GitGraph, GitOptions, Orientation};
use crate::diagnostics::Diagnostic;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare_common};
use crate::planes::colour::css_colour;
use crate::diagrams::ParseOutcome;
use serde_json::Value;
use std::ops::Range;

/// A statement as the grammar reads it.
#[derive(Debug, Clone, PartialEq)]
enum Stmt {
    Commit { id: Option<String>, message: Option<String>, tags: Vec<String>, kind: Option<CommitKind> },
    Branch { name: String, order: Option<f64> },
    Merge { branch: String, id: Option<String>, tags: Vec<String>, kind: Option<CommitKind> },
    Checkout { branch: String },
    CherryPick { id: Option<String>, tags: Vec<String>, parent: Option<String> },
}

/// Parses a git graph.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare_common(text);
    let src = prep.text.as_str();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let span = |r: Range<usize>| prep.orig_span(r);

    // Lex, dropping what does not lex (as Chevrotain goes on after an error).
    // After each mend the lexing goes on from the last token before it (a
    // token never reaches past the blank before a word), so bad text costs
    // no more than good.
    let mut work = src.to_string();
    let mut tokens: Vec<Token> = Vec::new();
    let mut from = 0;
    let mut unclosed = Unclosed::default();
    while let Err(LexError { at }) = lex_from(&work, from, &mut tokens, &mut unclosed) {
        let c = work[at..].chars().next().unwrap_or(' ');
        let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/');
        // The blank-separated word holding it, when it may be a name that
        // starts with digits (decided on the copy lexed: a word already
        // renamed is not renamed again, its error is then a character).
        let start = if name_char(c) { work[..at].rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1) } else { at };
        let end = || work[at..].find(|c: char| c.is_whitespace()).map_or(work.len(), |i| at + i);
        let end = (work[start..].starts_with(|c: char| c.is_ascii_digit())).then(end).filter(|&end| work[start..end].chars().all(name_char));
        if let Some(end) = end {
            let word = &src[start..end];
            diags.push(
                Diagnostic::error("AR890", span(start..end), format!("`{word}` starts with digits: mermaid-js reads them as a number, then cannot read `{c}`"))
                    .with_hint(format!("quote the name: `\"{word}\"`")),
            );
            // Lexed as a name from here on; its value is read from the text.
            work.replace_range(start..start + 1, "a");
            // again from the token before the word
            while tokens.last().is_some_and(|t| t.span.end > start) {
                tokens.pop();
            }
            from = tokens.last().map_or(0, |t| t.span.end);
        } else {
            diags.push(
                Diagnostic::error("AR890", span(at..at + c.len_utf8()), format!("`{c}` is not a character mermaid-js reads in a git graph outside quotes"))
                    .with_hint("quote ids, messages and tags (`id: \"fix (hot)\"`); branch names are letters, digits, `_`, `-`, `.` and `/`"),
            );
            // a blank now, where the lexer stood: it goes on from there
            work.replace_range(at..at + c.len_utf8(), &" ".repeat(c.len_utf8()));
            unclosed.mended(&work, at);
            from = at;
        }
    }
    // Values come from the prepared text (the copy lexed may have edits).
    let text_of = |t: &Token| &src[t.span.clone()];

    let mut g = GitGraph { options: options(header, &mut diags), theme_colors: theme_colors(header), config: header.config.clone(), ..GitGraph::default() };
    g.title = header.config.title.clone().filter(|t| !t.trim().is_empty());

    // The header.
    let mut i = 0;
    while tokens[i].kind == Tok::Newline {
        i += 1;
    }
    let kw = |t: &Token, w: &str| t.kind == Tok::Keyword && text_of(t) == w;
    if kw(&tokens[i], "gitGraph:") {
        i += 1;
    } else if kw(&tokens[i], "gitGraph") {
        i += 1;
        let direction = |t: &Token| match (t.kind, text_of(t)) {
            (Tok::Keyword, "LR") => Some(Orientation::LR),
            (Tok::Keyword, "TB") => Some(Orientation::TB),
            (Tok::Keyword, "BT") => Some(Orientation::BT),
            (Tok::Reference, "TD") => Some(Orientation::TB),
            _ => None,
        };
        if kw(&tokens[i], ":") {
            i += 1;
        } else if let Some(d) = direction(&tokens[i]) {
            let written = text_of(&tokens[i]).to_string();
            g.orientation = d;
            let dspan = tokens[i].span.clone();
            i += 1;
            if kw(&tokens[i], ":") && written != "TD" {
                i += 1;
            } else {
                let fixed = if written == "TD" { "TB" } else { written.as_str() };
                diags.push(
                    Diagnostic::error("AR892", span(dspan), format!("mermaid-js reads a direction only as `gitGraph {fixed}:`"))
                        .with_hint(format!("write `gitGraph {fixed}:` (LR, TB or BT, then a colon)")),
                );
                if kw(&tokens[i], ":") {
                    i += 1;
                }
            }
        }
    } else {
        let t = &tokens[i];
        diags.push(Diagnostic::error("AR899", span(t.span.clone()), "a git graph starts with `gitGraph`").with_hint("start the diagram with `gitGraph` (or `gitGraph LR:`, `gitGraph TB:`, `gitGraph BT:`)"));
        return ParseOutcome { kind: DiagramKind::GitGraph, diagram: None, diagnostics: diags };
    }

    // Statements.
    let mut stmts: Vec<(Stmt, Range<usize>)> = Vec::new();
    loop {
        let t = &tokens[i];
        match t.kind {
            Tok::Eof => break,
            Tok::Newline => {
                i += 1;
                continue;
            }
            Tok::Title | Tok::AccTitle | Tok::AccDescr => {
                let raw = text_of(t).to_string();
                match t.kind {
                    Tok::Title => g.title = Some(display(&common_value(raw.trim_start().strip_prefix("title").unwrap_or("")))),
                    Tok::AccTitle => g.acc_title = Some(display(&common_value(raw.split_once(':').map_or("", |(_, v)| v)))),
                    _ => g.acc_descr = Some(display(&acc_descr_value(&raw))),
                }
                i += 1;
                if let Err(at) = eol(&tokens, &mut i) {
                    diags.push(syntax_error(src, &tokens[at], "the end of the line", &span));
                    i = skip_line(&tokens, at);
                }
                continue;
            }
            _ => {}
        }
        let start = t.span.start;
        let mut problems: Vec<Diagnostic> = Vec::new();
        let result = statement(&tokens, &mut i, src, &mut problems, &span);
        diags.extend(problems);
        match result {
            Ok(stmt) => {
                let end = tokens[i.saturating_sub(1)].span.end.max(start);
                stmts.push((stmt, span(start..trim_end(src, start, end))));
                if let Err(at) = eol(&tokens, &mut i) {
                    diags.push(syntax_error(src, &tokens[at], "the end of the line", &span));
                    i = skip_line(&tokens, at);
                }
            }
            Err(at) => {
                i = skip_line(&tokens, at.max(i));
            }
        }
    }

    // mermaid's database.
    run_db(&mut g, &stmts, &mut diags);
    ParseOutcome { kind: DiagramKind::GitGraph, diagram: Some(Diagram::GitGraph(g)), diagnostics: diags }
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// `EOL : NEWLINE+ | EOF`.
fn eol(tokens: &[Token], i: &mut usize) -> Result<(), usize> {
    match tokens[*i].kind {
        Tok::Eof => Ok(()),
        Tok::Newline => {
            while tokens[*i].kind == Tok::Newline {
                *i += 1;
            }
            Ok(())
        }
        _ => Err(*i),
    }
}

/// The index of the token after the line holding token `at`.
fn skip_line(tokens: &[Token], at: usize) -> usize {
    let mut k = at;
    while !matches!(tokens[k].kind, Tok::Newline | Tok::Eof) {
        k += 1;
    }
    k
}

fn describe(text: &str, t: &Token) -> String {
    match t.kind {
        Tok::Newline | Tok::Eof => "the end of the line".to_string(),
        _ => format!("`{}`", &text[t.span.clone()]),
    }
}

fn syntax_error(text: &str, t: &Token, expected: &str, span: &dyn Fn(Range<usize>) -> Range<usize>) -> Diagnostic {
    Diagnostic::error("AR891", span(t.span.clone()), format!("mermaid-js expected {expected} here, not {}", describe(text, t)))
        .with_hint("statements are `commit`, `branch name`, `checkout name`, `merge name`, `cherry-pick id: \"...\"`, one a line; ids, messages and tags are quoted")
}

/// Text as the browser shows mermaid's drawing of it: mermaid's entity
/// codes (`#35;`) decoded.
fn display(s: &str) -> String {
    crate::text::markup::decode_entities(&decode_codes(s))
}

/// Langium's STRING value: quotes off, backslash escapes undone, entity
/// codes decoded.
fn string_value(raw: &str) -> String {
    display(&unescape(raw))
}

fn unescape(raw: &str) -> String {
    let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('v') => out.push('\u{b}'),
                Some('0') => out.push('\0'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// mermaid's title and accTitle values: trimmed, runs of blanks one space.
fn common_value(s: &str) -> String {
    s.split([' ', '\t']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn acc_descr_value(raw: &str) -> String {
    let rest = raw.trim_start().strip_prefix("accDescr").unwrap_or("");
    if let Some(v) = rest.trim_start_matches([' ', '\t']).strip_prefix(':') {
        return common_value(v);
    }
    let body = rest.trim_start().strip_prefix('{').and_then(|b| b.strip_suffix('}')).unwrap_or("");
    body.lines().map(|l| common_value(l)).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A value after `id:`, `msg:`, `tag:` or `parent:`: a STRING; an unquoted
/// name or number is reported and kept.
fn string_arg(tokens: &[Token], i: &mut usize, text: &str, key: &str, problems: &mut Vec<Diagnostic>, span: &dyn Fn(Range<usize>) -> Range<usize>) -> Result<String, usize> {
    let t = &tokens[*i];
    match t.kind {
        Tok::Str => {
            *i += 1;
            Ok(string_value(&text[t.span.clone()]))
        }
        Tok::Reference | Tok::Int => {
            let v = text[t.span.clone()].to_string();
            problems.push(
                Diagnostic::error("AR891", span(t.span.clone()), format!("mermaid-js wants `{key}` followed by a quoted string, not `{v}`"))
                    .with_hint(format!("quote it: `{key} \"{v}\"`")),
            );
            *i += 1;
            Ok(v)
        }
        _ => {
            problems.push(syntax_error(text, t, &format!("a quoted string after `{key}`"), span));
            Err(*i)
        }
    }
}

fn commit_type(tokens: &[Token], i: &mut usize, text: &str, problems: &mut Vec<Diagnostic>, span: &dyn Fn(Range<usize>) -> Range<usize>) -> Result<CommitKind, usize> {
    let t = &tokens[*i];
    let kind = match (t.kind, &text[t.span.clone()]) {
        (Tok::Keyword, "NORMAL") => CommitKind::Normal,
        (Tok::Keyword, "REVERSE") => CommitKind::Reverse,
        (Tok::Keyword, "HIGHLIGHT") => CommitKind::Highlight,
        _ => {
            problems.push(syntax_error(text, t, "`NORMAL`, `REVERSE` or `HIGHLIGHT`", span).with_hint("commit types are `NORMAL`, `REVERSE` and `HIGHLIGHT`, in capitals"));
            return Err(*i);
        }
    };
    *i += 1;
    Ok(kind)
}

/// A branch name: REFERENCE or STRING.
fn branch_name(tokens: &[Token], i: &mut usize, text: &str, problems: &mut Vec<Diagnostic>, span: &dyn Fn(Range<usize>) -> Range<usize>) -> Result<String, usize> {
    let t = &tokens[*i];
    match t.kind {
        Tok::Reference => {
            *i += 1;
            Ok(display(&text[t.span.clone()]))
        }
        Tok::Str => {
            *i += 1;
            Ok(string_value(&text[t.span.clone()]))
        }
        Tok::Int if tokens[*i + 1].kind == Tok::Reference && tokens[*i + 1].span.start == t.span.end => {
            // `2024-release`: INT comes first in mermaid's lexer.
            let whole = t.span.start..tokens[*i + 1].span.end;
            let v = text[whole.clone()].to_string();
            problems.push(
                Diagnostic::error("AR891", span(whole), format!("mermaid-js reads `{v}` as a number and then a name: a branch name cannot start with digits unquoted"))
                    .with_hint(format!("quote it: `\"{v}\"`")),
            );
            *i += 2;
            Ok(v)
        }
        Tok::Keyword if text[t.span.clone()].chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
            let v = text[t.span.clone()].to_string();
            problems.push(
                Diagnostic::error("AR891", span(t.span.clone()), format!("`{v}` is a keyword of mermaid-js's git graphs: it cannot name a branch unquoted"))
                    .with_hint(format!("quote it: `\"{v}\"`")),
            );
            *i += 1;
            Ok(v)
        }
        _ => {
            problems.push(syntax_error(text, t, "a branch name", span));
            Err(*i)
        }
    }
}

/// One statement, from its keyword; `Err` holds the token it stops at.
fn statement(tokens: &[Token], i: &mut usize, text: &str, problems: &mut Vec<Diagnostic>, span: &dyn Fn(Range<usize>) -> Range<usize>) -> Result<Stmt, usize> {
    let t = &tokens[*i];
    let word = if t.kind == Tok::Keyword { &text[t.span.clone()] } else { "" };
    let is = |k: usize, w: &str| tokens[k].kind == Tok::Keyword && &text[tokens[k].span.clone()] == w;
    match word {
        "commit" => {
            *i += 1;
            let (mut id, mut message, mut tags, mut kind) = (None, None, Vec::new(), None);
            loop {
                if is(*i, "id:") {
                    *i += 1;
                    id = Some(string_arg(tokens, i, text, "id:", problems, span)?);
                } else if is(*i, "msg:") {
                    *i += 1;
                    message = Some(string_arg(tokens, i, text, "msg:", problems, span)?);
                } else if tokens[*i].kind == Tok::Str {
                    message = Some(string_value(&text[tokens[*i].span.clone()]));
                    *i += 1;
                } else if is(*i, "tag:") {
                    *i += 1;
                    tags.push(string_arg(tokens, i, text, "tag:", problems, span)?);
                } else if is(*i, "type:") {
                    *i += 1;
                    kind = Some(commit_type(tokens, i, text, problems, span)?);
                } else {
                    break;
                }
            }
            end_of_statement(tokens, *i, text, "`id:`, `msg:`, `tag:`, `type:` or the end of the line", problems, span)?;
            Ok(Stmt::Commit { id, message, tags, kind })
        }
        "branch" => {
            *i += 1;
            let name = branch_name(tokens, i, text, problems, span)?;
            let mut order = None;
            if is(*i, "order:") {
                *i += 1;
                if tokens[*i].kind == Tok::Int {
                    order = text[tokens[*i].span.clone()].parse::<f64>().ok();
                    *i += 1;
                } else {
                    problems.push(syntax_error(text, &tokens[*i], "a whole number after `order:`", span));
                    return Err(*i);
                }
            }
            end_of_statement(tokens, *i, text, "`order:` or the end of the line", problems, span)?;
            Ok(Stmt::Branch { name, order })
        }
        "merge" => {
            *i += 1;
            let branch = branch_name(tokens, i, text, problems, span)?;
            let (mut id, mut tags, mut kind) = (None, Vec::new(), None);
            loop {
                if is(*i, "id:") {
                    *i += 1;
                    id = Some(string_arg(tokens, i, text, "id:", problems, span)?);
                } else if is(*i, "tag:") {
                    *i += 1;
                    tags.push(string_arg(tokens, i, text, "tag:", problems, span)?);
                } else if is(*i, "type:") {
                    *i += 1;
                    kind = Some(commit_type(tokens, i, text, problems, span)?);
                } else {
                    break;
                }
            }
            end_of_statement(tokens, *i, text, "`id:`, `tag:`, `type:` or the end of the line", problems, span)?;
            Ok(Stmt::Merge { branch, id, tags, kind })
        }
        "checkout" | "switch" => {
            *i += 1;
            let branch = branch_name(tokens, i, text, problems, span)?;
            end_of_statement(tokens, *i, text, "the end of the line", problems, span)?;
            Ok(Stmt::Checkout { branch })
        }
        "cherry-pick" => {
            *i += 1;
            let (mut id, mut tags, mut parent) = (None, Vec::new(), None);
            loop {
                if is(*i, "id:") {
                    *i += 1;
                    id = Some(string_arg(tokens, i, text, "id:", problems, span)?);
                } else if is(*i, "tag:") {
                    *i += 1;
                    tags.push(string_arg(tokens, i, text, "tag:", problems, span)?);
                } else if is(*i, "parent:") {
                    *i += 1;
                    parent = Some(string_arg(tokens, i, text, "parent:", problems, span)?);
                } else {
                    break;
                }
            }
            end_of_statement(tokens, *i, text, "`id:`, `tag:`, `parent:` or the end of the line", problems, span)?;
            Ok(Stmt::CherryPick { id, tags, parent })
        }
        _ => {
            let hint = match (t.kind, &text[t.span.clone()]) {
                (Tok::Keyword, "LR" | "TB" | "BT") => "a direction goes on the first line: `gitGraph TB:`".to_string(),
                (_, w) if ["Commit", "COMMIT", "Branch", "Merge", "Checkout"].contains(&w) => format!("statements are lower case: `{}`", w.to_lowercase()),
                _ => "statements are `commit`, `branch name`, `checkout name`, `merge name`, `cherry-pick id: \"...\"`".to_string(),
            };
            problems.push(Diagnostic::error("AR891", span(t.span.clone()), format!("{} is not a statement of mermaid-js's git graphs", describe(text, t))).with_hint(hint));
            Err(*i)
        }
    }
}

fn end_of_statement(tokens: &[Token], i: usize, text: &str, expected: &str, problems: &mut Vec<Diagnostic>, span: &dyn Fn(Range<usize>) -> Range<usize>) -> Result<(), usize> {
    if matches!(tokens[i].kind, Tok::Newline | Tok::Eof) {
        return Ok(());
    }
    problems.push(syntax_error(text, &tokens[i], expected, span));
    Err(i)
}

/// A made-up commit id as mermaid makes one (`<seq>-<7 hex digits>`), from
/// the sequence number so the drawing is the same each time.
pub fn made_up_id(seq: usize) -> String {
    let mut z = (seq as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    format!("{seq}-{:07x}", z & 0xFFF_FFFF)
}

/// The database: each statement in order, refusing as mermaid's does.
struct Db {
    head: Option<String>,
    current: String,
    /// Branch name → its head commit id.
    heads: Vec<(String, Option<String>)>,
    seq: usize,
}

impl Db {
    fn branch_head(&self, name: &str) -> Option<Option<&str>> {
        self.heads.iter().find(|(n, _)| n == name).map(|(_, h)| h.as_deref())
    }

    fn set_head(&mut self, id: &str) {
        let current = self.current.clone();
        if let Some(slot) = self.heads.iter_mut().find(|(n, _)| *n == current) {
            slot.1 = Some(id.to_string());
        }
        self.head = Some(id.to_string());
    }
}

fn run_db(g: &mut GitGraph, stmts: &[(Stmt, Range<usize>)], diags: &mut Vec<Diagnostic>) {
    let main = g.options.main_branch_name.clone();
    g.branches.push(Branch { name: main.clone(), order: g.options.main_branch_order });
    let mut db = Db { head: None, current: main.clone(), heads: vec![(main, None)], seq: 0 };
    for (stmt, span) in stmts {
        let err = |code: &'static str, msg: String, hint: &str| Diagnostic::error(code, span.clone(), msg).with_hint(hint.to_string());
        match stmt {
            Stmt::Commit { id, message, tags, kind } => {
                let id = id.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| made_up_id(db.seq));
                let c = Commit {
                    id: id.clone(),
                    message: message.clone().unwrap_or_default(),
                    seq: db.seq,
                    kind: kind.unwrap_or(CommitKind::Normal),
                    custom_kind: None,
                    custom_id: false,
                    tags: tags.clone(),
                    parents: db.head.iter().cloned().collect(),
                    branch: db.current.clone(),
                    span: span.clone(),
                };
                db.seq += 1;
                if let Some(old) = g.commits.iter_mut().find(|o| o.id == id) {
                    diags.push(
                        Diagnostic::warning("AR897", span.clone(), format!("a commit with id `{id}` already exists: mermaid-js draws this one in its place"))
                            .with_hint("give each commit its own id"),
                    );
                    *old = c;
                } else {
                    g.commits.push(c);
                }
                db.set_head(&id);
            }
            Stmt::Branch { name, order } => {
                if db.branch_head(name).is_some() {
                    diags.push(err("AR893", format!("branch `{name}` already exists"), &format!("to switch to it, write `checkout {name}`; to make another, give it a new name")));
                    continue;
                }
                db.heads.push((name.clone(), db.head.clone()));
                g.branches.push(Branch { name: name.clone(), order: order.unwrap_or(0.0) });
                db.current = name.clone();
            }
            Stmt::Checkout { branch } => match db.branch_head(branch) {
                None => diags.push(err("AR894", format!("branch `{branch}` does not exist yet"), &format!("create it first: `branch {branch}`"))),
                Some(head) => {
                    db.head = head.map(str::to_string);
                    db.current = branch.clone();
                }
            },
            Stmt::Merge { branch, id, tags, kind } => {
                let current_head = db.branch_head(&db.current).flatten().map(str::to_string);
                let other_head = db.branch_head(branch).flatten().map(str::to_string);
                let current_commit = current_head.as_deref().and_then(|h| g.commit(h));
                let other_commit = other_head.as_deref().and_then(|h| g.commit(h));
                let problem = if current_commit.is_some() && other_commit.is_some() && current_commit.map(|c| c.branch.as_str()) == Some(branch.as_str()) {
                    Some((format!("cannot merge `{branch}` into itself: the current branch has no commits of its own yet"), "commit on the current branch first".to_string()))
                } else if db.current == *branch {
                    Some((format!("cannot merge `{branch}` into itself"), "check out the branch to merge into first: `checkout main`".to_string()))
                } else if current_commit.is_none() {
                    Some((format!("the current branch `{}` has no commits to merge into", db.current), "commit on it first".to_string()))
                } else if db.branch_head(branch).is_none() {
                    Some((format!("branch `{branch}` does not exist"), format!("create it first: `branch {branch}`")))
                } else if other_commit.is_none() {
                    Some((format!("branch `{branch}` has no commits to merge"), format!("commit on `{branch}` first")))
                } else if current_head == other_head {
                    Some((format!("`{}` and `{branch}` are at the same commit: nothing to merge", db.current), "commit on one of them first".to_string()))
                } else if id.as_ref().is_some_and(|id| !id.is_empty() && g.commit(id).is_some()) {
                    Some((format!("a commit with id `{}` already exists", id.as_deref().unwrap_or("")), "give the merge commit its own id".to_string()))
                } else {
                    None
                };
                if let Some((msg, hint)) = problem {
                    diags.push(err("AR895", msg, &hint));
                    continue;
                }
                let custom = id.clone().filter(|s| !s.is_empty());
                let mid = custom.clone().unwrap_or_else(|| made_up_id(db.seq));
                let c = Commit {
                    id: mid.clone(),
                    message: format!("merged branch {branch} into {}", db.current),
                    seq: db.seq,
                    kind: CommitKind::Merge,
                    custom_kind: *kind,
                    custom_id: custom.is_some(),
                    tags: tags.clone(),
                    parents: vec![db.head.clone().unwrap_or_default(), other_head.clone().unwrap_or_default()],
                    branch: db.current.clone(),
                    span: span.clone(),
                };
                db.seq += 1;
                g.commits.push(c);
                db.set_head(&mid);
            }
            Stmt::CherryPick { id, tags, parent } => {
                let source = id.as_deref().filter(|s| !s.is_empty()).and_then(|s| g.commit(s)).cloned();
                let Some(source) = source else {
                    diags.push(err("AR896", format!("cherry-pick of `{}`: no commit has that id", id.as_deref().unwrap_or("")), "pick an existing commit: `cherry-pick id: \"<id of a commit>\"`"));
                    continue;
                };
                let parent = parent.clone().filter(|p| !p.is_empty());
                if let Some(p) = &parent
                    && !source.parents.contains(p)
                {
                    diags.push(err("AR896", format!("`{p}` is not a parent of `{}`", source.id), "name one of the picked commit's parents, or leave `parent:` out"));
                    continue;
                }
                if source.kind == CommitKind::Merge && parent.is_none() {
                    diags.push(err("AR896", format!("`{}` is a merge commit: mermaid-js wants to know which parent to pick it against", source.id), "add `parent: \"<id of one of its parents>\"`"));
                    continue;
                }
                if source.branch == db.current {
                    diags.push(err("AR896", format!("`{}` is already on the current branch `{}`", source.id, db.current), "check out another branch before picking it"));
                    continue;
                }
                if db.branch_head(&db.current).flatten().is_none() {
                    diags.push(err("AR896", format!("the current branch `{}` has no commits to pick onto", db.current), "commit on it first"));
                    continue;
                }
                let tags = if tags.is_empty() {
                    vec![format!("cherry-pick:{}{}", source.id, if source.kind == CommitKind::Merge { format!("|parent:{}", parent.as_deref().unwrap_or("")) } else { String::new() })]
                } else {
                    tags.iter().filter(|t| !t.is_empty()).cloned().collect()
                };
                let cid = made_up_id(db.seq);
                let c = Commit {
                    id: cid.clone(),
                    message: format!("cherry-picked {} into {}", source.message, db.current),
                    seq: db.seq,
                    kind: CommitKind::CherryPick,
                    custom_kind: None,
                    custom_id: false,
                    tags,
                    parents: db.head.iter().cloned().chain(std::iter::once(source.id.clone())).collect(),
                    branch: db.current.clone(),
                    span: span.clone(),
                };
                db.seq += 1;
                g.commits.push(c);
                db.set_head(&cid);
            }
        }
    }
}

/// The `gitGraph` settings.
fn options(header: &Header, diags: &mut Vec<Diagnostic>) -> GitOptions {
    let mut o = GitOptions::default();
    let Some(Value::Object(map)) = header.setting(&["gitGraph"]) else { return o };
    let at = header.body_start..header.body_start;
    for (key, v) in map {
        let mut bad = |want: &str| diags.push(Diagnostic::warning("AR011", at.clone(), format!("`gitGraph.{key}` should be {want}, not {v}: ignored")));
        match key.as_str() {
            "mainBranchName" => match v.as_str().filter(|s| !s.trim().is_empty()) {
                Some(s) => o.main_branch_name = s.to_string(),
                None => bad("a name"),
            },
            "showCommitLabel" | "showBranches" | "rotateCommitLabel" | "parallelCommits" => match v.as_bool() {
                Some(b) => match key.as_str() {
                    "showCommitLabel" => o.show_commit_label = b,
                    "showBranches" => o.show_branches = b,
                    "rotateCommitLabel" => o.rotate_commit_label = b,
                    _ => o.parallel_commits = b,
                },
                None => bad("true or false"),
            },
            "mainBranchOrder" | "titleTopMargin" | "diagramPadding" => match v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())) {
                Some(x) if x.is_finite() => match key.as_str() {
                    "mainBranchOrder" => o.main_branch_order = x,
                    "titleTopMargin" => o.title_top_margin = x,
                    _ => o.diagram_padding = x,
                },
                _ => bad("a number"),
            },
            _ => {}
        }
    }
    o
}

/// `themeVariables` git colours.
fn theme_colors(header: &Header) -> Vec<(String, String)> {
    let Some(Value::Object(map)) = header.setting(&["themeVariables"]) else { return Vec::new() };
    let wanted = |k: &str| k.starts_with("git") || k.starts_with("commitLabel") || k.starts_with("tagLabel");
    map.iter().filter(|(k, _)| wanted(k)).filter_map(|(k, v)| v.as_str().and_then(css_colour).map(|c| (k.clone(), c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::parse as parse_any;

    fn graph(text: &str) -> (GitGraph, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::GitGraph(g)) => (g, o.diagnostics),
            other => panic!("not a git graph: {other:?} {:?}", o.diagnostics),
        }
    }

    #[test]
    fn reads_the_style_guide_example() {
        let (g, d) = graph("gitGraph\n    commit id: \"Initial commit\"\n    branch feature/service-b\n    checkout feature/service-b\n    commit id: \"Create\"\n    checkout main\n    merge feature/service-b\n    commit tag: \"v1\" type: HIGHLIGHT\n");
        // mermaid refuses `checkout` right after `branch`? No: checkout of an existing branch is fine.
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(g.branches.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["main", "feature/service-b"]);
        let kinds: Vec<(&str, CommitKind, &str)> = g.commits.iter().map(|c| (c.branch.as_str(), c.kind, c.id.as_str())).collect();
        assert_eq!(kinds[0], ("main", CommitKind::Normal, "Initial commit"));
        assert_eq!(kinds[2].1, CommitKind::Merge);
        assert_eq!(g.commits[2].parents, ["Initial commit", "Create"]);
        assert_eq!(g.commits[3].tags, ["v1"]);
        assert_eq!(g.commits[3].kind, CommitKind::Highlight);
        assert_eq!(g.commits[3].id, made_up_id(3));
    }

    #[test]
    fn verdicts_match_mermaids() {
        // Each was run through mermaid-js 11.17.2.
        for ok in [
            "gitGraph\n",
            "gitGraph:\ncommit\n",
            "gitGraph TB:\ncommit\n",
            "gitGraph\ncommit \"just a message\"\ncommit msg: \"m\" id: \"x\"\n",
            "gitGraph\ncommit\nbranch \"my branch\" order: 2\nswitch \"my branch\"\ncommit\n",
            "gitGraph\ncommit id: \"a\"\nbranch b\ncommit id: \"c\"\ncheckout main\ncherry-pick id: \"c\" tag: \"picked\"\n",
            "gitGraph\ntitle My graph\naccTitle: t\naccDescr: d\ncommit\n",
            "gitGraph\ncommit id: \"a\"\ncommit id: \"a\"\n",
        ] {
            assert!(parse_any(ok).is_valid(), "{ok:?}: {:?}", parse_any(ok).diagnostics);
        }
        for (bad, code) in [
            ("gitGraph TB\ncommit\n", "AR892"),
            ("gitGraph\ncommit id: abc\n", "AR891"),
            ("gitGraph\ncommit id: \"a\" (x)\n", "AR890"),
            ("gitGraph\nbranch main\n", "AR893"),
            ("gitGraph\ncheckout dev\n", "AR894"),
            ("gitGraph\ncommit\nmerge main\n", "AR895"),
            ("gitGraph\ncommit\nbranch b\nmerge main\n", "AR895"),
            ("gitGraph\nbranch b\ncommit\ncheckout main\nmerge b\n", "AR895"),
            ("gitGraph\ncommit\ncherry-pick id: \"nope\"\n", "AR896"),
            ("gitGraph\ncommit type: BIG\n", "AR891"),
            ("gitGraph\nCommit\n", "AR891"),
            ("gitGraph\nbranch 2024-release\n", "AR890"),
        ] {
            let d = parse_any(bad).diagnostics;
            assert_eq!(d.iter().find(|d| d.is_error()).map(|d| d.code), Some(code), "{bad:?}: {d:?}");
        }
    }

    #[test]
    fn names_starting_with_digits_are_kept_for_the_drawing() {
        let (g, d) = graph("gitGraph\ncommit\nbranch 2024-release\ncheckout 2024-release\ncommit\n");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["AR890", "AR890"]);
        assert_eq!(g.branches[1].name, "2024-release");
        assert_eq!(g.commits[1].branch, "2024-release");
    }

    #[test]
    fn made_up_ids_repeat() {
        assert_eq!(made_up_id(5), made_up_id(5));
        assert_ne!(made_up_id(5), made_up_id(6));
        assert!(made_up_id(12).starts_with("12-") && made_up_id(12).len() == 10);
    }
}
