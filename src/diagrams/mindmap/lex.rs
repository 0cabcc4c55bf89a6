//! The mindmap lexer: a model of mermaid-js 11's (jison) `mindmap.jison`
//! lexer, which is modal and takes the **first** rule that matches (not the
//! longest), case-insensitively:
//!
//! ```text
//! INITIAL  \s*%%.*  SPACELINE | mindmap\b  MINDMAP | :::  → CLASS state
//!          ::icon(  → ICON state | [\s]+[\n]  SPACELINE | [\n]+  NL
//!          -)  (-  ))  )  ((  {{  (  [   NODE_DSTART, → NODE state
//!          [\s]+  SPACELIST | [^(\[\n){}]+  NODE_ID | <<EOF>>  EOF
//! CLASS    .+  CLASS (back) | \n  (back)
//! ICON     [^)]+  ICON | )  (back)
//! NODE     "`  → NSTR2 | "  → NSTR | ))  )  ]  }}  (-  -)  ((  (   NODE_DEND (back)
//!          [^)\](}]+  NODE_DESCR | .+  NODE_DESCR
//! NSTR2    [^`"]+  NODE_DESCR | `"  (back)
//! NSTR     [^"]+  NODE_DESCR | "  (back)
//! ```
//!
//! The rules depend on their order and on lookahead-free but backtracking
//! patterns (`[\s]+[\n]`), so they are matched by hand here, in mermaid's
//! order, rather than by a longest-match (logos) lexer. Spans are byte
//! offsets into the text the lexer was given (after mermaid's
//! preprocessing, see `parse::prep`).

use crate::lex::js::is_js_space;
use std::ops::Range;

/// mermaid's mindmap terminals, named as in its grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum T {
    End,
    SpaceLine,
    Nl,
    Mindmap,
    Eof,
    SpaceList,
    Icon,
    Class,
    NodeDStart,
    NodeDescr,
    NodeDEnd,
    NodeId,
}

impl T {
    pub const ALL: &'static [T] = &[T::End, T::SpaceLine, T::Nl, T::Mindmap, T::Eof, T::SpaceList, T::Icon, T::Class, T::NodeDStart, T::NodeDescr, T::NodeDEnd, T::NodeId];

    /// The name mermaid's grammar gives the token.
    pub fn name(self) -> &'static str {
        match self {
            T::End => "$end",
            T::SpaceLine => "SPACELINE",
            T::Nl => "NL",
            T::Mindmap => "MINDMAP",
            T::Eof => "EOF",
            T::SpaceList => "SPACELIST",
            T::Icon => "ICON",
            T::Class => "CLASS",
            T::NodeDStart => "NODE_DSTART",
            T::NodeDescr => "NODE_DESCR",
            T::NodeDEnd => "NODE_DEND",
            T::NodeId => "NODE_ID",
        }
    }

    pub fn from_name(name: &str) -> Option<T> {
        T::ALL.iter().copied().find(|t| t.name() == name)
    }
}

/// A token and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: T,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Initial,
    Class,
    Icon,
    Node,
    Str,
    MdStr,
}

/// What the lexer read next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lexed {
    Token(Token),
    /// No rule matches at this offset (mermaid: "Lexical error ... Unrecognized text").
    Error(usize),
}

pub struct Lexer<'a> {
    text: &'a str,
    at: usize,
    stack: Vec<State>,
    done: bool,
}

fn starts_ci(s: &str, word: &str) -> bool {
    s.len() >= word.len() && s.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// JavaScript's `.`: anything but line terminators.
fn is_dot(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Length of the longest prefix whose characters all satisfy `f`.
fn run(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !f(c)).map_or(s.len(), |(i, _)| i)
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer { text, at: 0, stack: vec![State::Initial], done: false }
    }

    fn state(&self) -> State {
        *self.stack.last().unwrap_or(&State::Initial)
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The next token (skipping rules that produce none).
    pub fn next_token(&mut self) -> Lexed {
        loop {
            if self.done {
                return Lexed::Token(Token { kind: T::End, span: self.at..self.at });
            }
            let start = self.at;
            let rest = &self.text[start..];
            let state = self.state();
            if rest.is_empty() {
                // Only the initial state has an `<<EOF>>` rule; jison answers
                // its own end token after it (or at once in other states).
                self.done = true;
                let kind = if state == State::Initial { T::Eof } else { T::End };
                return Lexed::Token(Token { kind, span: start..start });
            }
            let Some((len, kind)) = self.rule(rest, state) else { return Lexed::Error(start) };
            self.at += len;
            if let Some(kind) = kind {
                return Lexed::Token(Token { kind, span: start..start + len });
            }
        }
    }

    /// The first rule of `state` that matches at the start of `rest`: its
    /// length and token (`None`: a rule that only changes state).
    fn rule(&mut self, rest: &str, state: State) -> Option<(usize, Option<T>)> {
        let first = rest.chars().next()?;
        match state {
            State::Initial => {
                // \s*%%.*
                let ws = run(rest, is_js_space);
                if rest[ws..].starts_with("%%") {
                    return Some((ws + 2 + run(&rest[ws + 2..], is_dot), Some(T::SpaceLine)));
                }
                // mindmap\b
                if starts_ci(rest, "mindmap") && !rest[7..].chars().next().is_some_and(is_word) {
                    return Some((7, Some(T::Mindmap)));
                }
                if rest.starts_with(":::") {
                    self.stack.push(State::Class);
                    return Some((3, None));
                }
                if starts_ci(rest, "::icon(") {
                    self.stack.push(State::Icon);
                    return Some((7, None));
                }
                // [\s]+[\n]: the last line break of the blank run, after at least one blank
                if ws > 0 {
                    let blank = &rest[..ws];
                    if let Some(nl) = blank.rfind('\n').filter(|&i| i > 0) {
                        return Some((nl + 1, Some(T::SpaceLine)));
                    }
                }
                if first == '\n' {
                    return Some((run(rest, |c| c == '\n'), Some(T::Nl)));
                }
                for open in ["-)", "(-", "))", ")", "((", "{{", "(", "["] {
                    if rest.starts_with(open) {
                        self.stack.push(State::Node);
                        return Some((open.len(), Some(T::NodeDStart)));
                    }
                }
                if ws > 0 {
                    return Some((ws, Some(T::SpaceList)));
                }
                let id = run(rest, |c| !matches!(c, '(' | '[' | '\n' | ')' | '{' | '}'));
                (id > 0).then_some((id, Some(T::NodeId)))
            }
            State::Class => {
                let line = run(rest, is_dot);
                self.pop();
                if line > 0 {
                    Some((line, Some(T::Class)))
                } else if first == '\n' {
                    Some((1, None))
                } else {
                    // a lone \r or line separator: `.` and `\n` both fail
                    self.stack.push(State::Class);
                    None
                }
            }
            State::Icon => {
                if first == ')' {
                    self.pop();
                    return Some((1, None));
                }
                Some((run(rest, |c| c != ')'), Some(T::Icon)))
            }
            State::Node => {
                if rest.starts_with("\"`") {
                    self.stack.push(State::MdStr);
                    return Some((2, None));
                }
                if first == '"' {
                    self.stack.push(State::Str);
                    return Some((1, None));
                }
                for close in ["))", ")", "]", "}}", "(-", "-)", "((", "("] {
                    if rest.starts_with(close) {
                        self.pop();
                        return Some((close.len(), Some(T::NodeDEnd)));
                    }
                }
                let descr = run(rest, |c| !matches!(c, ')' | ']' | '(' | '}'));
                if descr > 0 {
                    return Some((descr, Some(T::NodeDescr)));
                }
                let line = run(rest, is_dot);
                (line > 0).then_some((line, Some(T::NodeDescr)))
            }
            State::MdStr => {
                if rest.starts_with("`\"") {
                    self.pop();
                    return Some((2, None));
                }
                let s = run(rest, |c| c != '`' && c != '"');
                (s > 0).then_some((s, Some(T::NodeDescr)))
            }
            State::Str => {
                if first == '"' {
                    self.pop();
                    return Some((1, None));
                }
                Some((run(rest, |c| c != '"'), Some(T::NodeDescr)))
            }
        }
    }

    /// Where the lexer is.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// True inside a node's brackets or quotes.
    pub fn in_node(&self) -> bool {
        matches!(self.state(), State::Node | State::Str | State::MdStr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(T, String)> {
        let mut l = Lexer::new(text);
        let mut out = Vec::new();
        loop {
            match l.next_token() {
                Lexed::Token(t) if t.kind == T::End => break,
                Lexed::Token(t) => out.push((t.kind, text[t.span].to_string())),
                Lexed::Error(at) => {
                    out.push((T::End, format!("error at {at}")));
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn reads_nodes_shapes_and_indentation() {
        let k = kinds("mindmap\n  root)July 2 RCA(\n    Technical\n\n    B[x]\n");
        let names: Vec<&str> = k.iter().map(|(t, _)| t.name()).collect();
        assert_eq!(
            names,
            ["MINDMAP", "NL", "SPACELIST", "NODE_ID", "NODE_DSTART", "NODE_DESCR", "NODE_DEND", "NL", "SPACELIST", "NODE_ID", "SPACELINE", "SPACELIST", "NODE_ID", "NODE_DSTART", "NODE_DESCR", "NODE_DEND", "NL", "EOF"]
        );
        assert_eq!(k[3].1, "root");
        assert_eq!(k[5].1, "July 2 RCA");
    }

    #[test]
    fn icons_classes_and_strings() {
        let k = kinds("mindmap\n  a[\"`**b**`\"]\n  ::icon(fa fa-book)\n  :::urgent big\n");
        assert!(k.contains(&(T::NodeDescr, "**b**".into())));
        assert!(k.contains(&(T::Icon, "fa fa-book".into())));
        assert!(k.contains(&(T::Class, "urgent big".into())));
    }

    #[test]
    fn a_lone_brace_is_a_lexical_error() {
        let k = kinds("mindmap\n  a {b}\n");
        assert_eq!(k.last().unwrap().1, "error at 12");
    }
}
