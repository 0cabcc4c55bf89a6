//! The erDiagram lexer: a model of mermaid-js 11.17's (jison)
//! `erDiagram.jison` lexer. It is modal (`block` inside `{ }` attribute
//! tables, `block_bq` inside backticks, `style` after `style`/`classDef`,
//! and the accessibility states) and, like every jison lexer, takes the
//! **first** rule that matches, case-insensitively, not the longest. Rules
//! such as `1(?=\s+[A-Za-z_"'])`, `u(?=[.\-|])` or `.*direction\s+TB[^\n]*`
//! depend on that order and on lookahead, so they are matched by hand, in
//! mermaid's order (a longest-match lexer such as logos would read `one`,
//! `many`, `1`, `to` or `u` differently).
//!
//! Cardinalities: `|o` `o|` `zero or one` `one or zero` (zero or one);
//! `||` `1` `one` `only one` (exactly one); `}o` `o{` `zero or more`
//! `zero or many` `many` `many(0)` `0+` (zero or more); `}|` `|{`
//! `one or more` `one or many` `many(1)` `1+` (one or more); `u` (parent).
//! Lines: `--` `to` (identifying), `..` `.-` `-.` `optionally to`
//! (non-identifying).

use crate::lex::js::is_js_space;
use std::ops::Range;

macro_rules! terminals {
    ($($v:ident = $name:literal),* $(,)?) => {
        /// mermaid's erDiagram terminals, named as in its grammar (`Char`:
        /// a character the grammar has no use for).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum T { $($v),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$v),*];

            pub fn name(self) -> &'static str {
                match self { $(T::$v => $name),* }
            }

            pub fn from_name(name: &str) -> Option<T> {
                match name { $($name => Some(T::$v),)* _ => None }
            }
        }
    };
}

terminals! {
    End = "$end",
    ErDiagram = "ER_DIAGRAM",
    Eof = "EOF",
    Newline = "NEWLINE",
    Colon = "COLON",
    StyleSeparator = "STYLE_SEPARATOR",
    BlockStart = "BLOCK_START",
    BlockStop = "BLOCK_STOP",
    Sqs = "SQS",
    Sqe = "SQE",
    Title = "title",
    TitleValue = "title_value",
    AccTitle = "acc_title",
    AccTitleValue = "acc_title_value",
    AccDescr = "acc_descr",
    AccDescrValue = "acc_descr_value",
    AccDescrMultilineValue = "acc_descr_multiline_value",
    End_ = "END",
    Subgraph = "SUBGRAPH",
    DirectionTb = "direction_tb",
    DirectionBt = "direction_bt",
    DirectionRl = "direction_rl",
    DirectionLr = "direction_lr",
    ClassDef = "CLASSDEF",
    UnicodeText = "UNICODE_TEXT",
    StyleText = "STYLE_TEXT",
    Comma = "COMMA",
    Class = "CLASS",
    Style = "STYLE",
    Semi = "SEMI",
    Num = "NUM",
    Brkt = "BRKT",
    EntityName = "ENTITY_NAME",
    DecimalNum = "DECIMAL_NUM",
    EntityOne = "ENTITY_ONE",
    AttributeWord = "ATTRIBUTE_WORD",
    Question = "?",
    KeyComma = ",",
    AttributeKey = "ATTRIBUTE_KEY",
    Comment = "COMMENT",
    ZeroOrOne = "ZERO_OR_ONE",
    ZeroOrMore = "ZERO_OR_MORE",
    OneOrMore = "ONE_OR_MORE",
    OnlyOne = "ONLY_ONE",
    MdParent = "MD_PARENT",
    NonIdentifying = "NON_IDENTIFYING",
    Identifying = "IDENTIFYING",
    Word = "WORD",
    Char = "CHAR",
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: T,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Initial,
    AccTitle,
    AccDescr,
    AccDescrMultiline,
    Block,
    BlockBq,
    Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lexed {
    Token(Token),
    /// No rule of the current state matches here (mermaid: "Lexical error").
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

/// JavaScript's `\w`.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// JavaScript's `.`.
fn is_dot(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn run(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !f(c)).map_or(s.len(), |(i, _)| i)
}

/// `word\b` (case-insensitive) at the start of `s`: its length.
fn keyword(s: &str, word: &str) -> Option<usize> {
    (starts_ci(s, word) && !s[word.len()..].chars().next().is_some_and(is_word)).then_some(word.len())
}

/// `.*direction\s+XX[^\n]*` at the start of `s`, for XX in mermaid's
/// order: the token and the match's length.
fn direction_line(s: &str) -> Option<(T, usize)> {
    let line = run(s, is_dot);
    let lower = s[..line].to_ascii_lowercase();
    for (dir, kind) in [("tb", T::DirectionTb), ("bt", T::DirectionBt), ("rl", T::DirectionRl), ("lr", T::DirectionLr)] {
        let mut from = 0;
        while let Some(i) = lower[from..].find("direction") {
            let after = from + i + "direction".len();
            let ws = run(&s[after..], is_js_space);
            if ws > 0 && starts_ci(&s[after + ws..], dir) {
                let end = after + ws + 2;
                return Some((kind, end + run(&s[end..], |c| c != '\n')));
            }
            from += i + 1;
        }
    }
    None
}

/// `([^\s]*)[~].*[~]([^\s]*)`: a generic type such as `List~int~`.
fn generic_word(s: &str) -> Option<usize> {
    let head = run(s, |c| !is_js_space(c));
    let first = s[..head].find('~')?;
    let line = run(s, is_dot);
    let last = s[..line].rfind('~').filter(|&j| j > first)?;
    Some(last + 1 + run(&s[last + 1..], |c| !is_js_space(c)))
}

/// `[\*A-Za-z_\u00C0-\uFFFF][A-Za-z0-9\-\_\[\]\(\)\.,\u00C0-\uFFFF\*]*`
fn attribute_word(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if !(first == '*' || first.is_ascii_alphabetic() || first == '_' || first >= '\u{c0}') {
        return None;
    }
    Some(first.len_utf8() + run(&s[first.len_utf8()..], |c| c.is_ascii_alphanumeric() || "-_[]().,*".contains(c) || c >= '\u{c0}'))
}

/// `([^\x00-\x7F]|\w|-|\*)+`, and with `|\.` when `dot`.
fn text_run(s: &str, dot: bool) -> usize {
    run(s, |c| !c.is_ascii() || is_word(c) || c == '-' || c == '*' || (dot && c == '.'))
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer { text, at: 0, stack: vec![State::Initial], done: false }
    }

    pub fn state(&self) -> State {
        *self.stack.last().unwrap_or(&State::Initial)
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    pub fn next_token(&mut self) -> Lexed {
        loop {
            if self.done {
                return Lexed::Token(Token { kind: T::End, span: self.at..self.at });
            }
            let start = self.at;
            let rest = &self.text[start..];
            let state = self.state();
            if rest.is_empty() {
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

    fn rule(&mut self, rest: &str, state: State) -> Option<(usize, Option<T>)> {
        let first = rest.chars().next()?;
        match state {
            State::AccTitle | State::AccDescr => {
                self.pop();
                let kind = if state == State::AccTitle { T::AccTitleValue } else { T::AccDescrValue };
                Some((run(rest, |c| c != '\n'), Some(kind)))
            }
            State::AccDescrMultiline => {
                if first == '}' {
                    self.pop();
                    return Some((1, None));
                }
                Some((run(rest, |c| c != '}'), Some(T::AccDescrMultilineValue)))
            }
            State::Block => {
                let ws = run(rest, is_js_space);
                if ws > 0 {
                    return Some((ws, None));
                }
                for key in ["pk", "fk", "uk"] {
                    if keyword(rest, key).is_some() && is_word(first) {
                        return Some((2, Some(T::AttributeKey)));
                    }
                }
                if let Some(n) = generic_word(rest).or_else(|| attribute_word(rest)) {
                    return Some((n, Some(T::AttributeWord)));
                }
                if first == '`' {
                    self.stack.push(State::BlockBq);
                    return Some((1, None));
                }
                if first == '"' {
                    if let Some(close) = rest[1..].find('"') {
                        return Some((close + 2, Some(T::Comment)));
                    }
                }
                if first == '}' {
                    self.pop();
                    return Some((1, Some(T::BlockStop)));
                }
                if !is_dot(first) {
                    return None;
                }
                let kind = match first {
                    ',' => T::KeyComma,
                    '?' => T::Question,
                    _ => T::Char,
                };
                Some((first.len_utf8(), Some(kind)))
            }
            State::BlockBq => {
                if first == '`' {
                    self.pop();
                    return Some((1, None));
                }
                Some((run(rest, |c| c != '`'), Some(T::AttributeWord)))
            }
            State::Style => {
                if first == '\n' {
                    self.pop();
                    return Some((run(rest, |c| c == '\n'), Some(T::Newline)));
                }
                let ws = run(rest, is_js_space);
                if ws > 0 {
                    return Some((ws, None));
                }
                match first {
                    ':' => return Some((1, Some(T::Colon))),
                    ',' => return Some((1, Some(T::Comma))),
                    '#' => return Some((1, Some(T::Brkt))),
                    ';' => return Some((1, Some(T::Semi))),
                    _ => {}
                }
                let n = text_run(rest, false);
                (n > 0).then_some((n, Some(T::StyleText)))
            }
            State::Initial => self.initial(rest, first),
        }
    }

    fn initial(&mut self, rest: &str, first: char) -> Option<(usize, Option<T>)> {
        let ws_then = |s: &str, word: &str| -> Option<usize> {
            if !starts_ci(s, word) {
                return None;
            }
            let mut n = word.len();
            n += run(&s[n..], is_js_space);
            Some(n)
        };
        if let Some(n) = ws_then(rest, "accTitle").and_then(|n| rest[n..].starts_with(':').then(|| n + 1 + run(&rest[n + 1..], is_js_space))) {
            self.stack.push(State::AccTitle);
            return Some((n, Some(T::AccTitle)));
        }
        if let Some(n) = ws_then(rest, "accDescr").and_then(|n| rest[n..].starts_with(':').then(|| n + 1 + run(&rest[n + 1..], is_js_space))) {
            self.stack.push(State::AccDescr);
            return Some((n, Some(T::AccDescr)));
        }
        if let Some(n) = ws_then(rest, "accDescr").and_then(|n| rest[n..].starts_with('{').then(|| n + 1 + run(&rest[n + 1..], is_js_space))) {
            self.stack.push(State::AccDescrMultiline);
            return Some((n, None));
        }
        if let Some((kind, n)) = direction_line(rest) {
            return Some((n, Some(kind)));
        }
        let blanks = run(rest, |c| matches!(c, ' ' | '\t' | '\r'));
        if blanks > 0 {
            return Some((blanks, None));
        }
        if first == '\n' {
            return Some((run(rest, |c| c == '\n'), Some(T::Newline)));
        }
        if first == '"' {
            if let Some(close) = rest[1..].find('"') {
                let inner = &rest[1..1 + close];
                let kind = if !inner.is_empty() && !inner.contains(['%', '\r', '\n', '\u{b}', '\u{8}', '\\']) { T::EntityName } else { T::Word };
                return Some((close + 2, Some(kind)));
            }
        }
        if let Some(n) = keyword(rest, "erDiagram") {
            return Some((n, Some(T::ErDiagram)));
        }
        match first {
            '{' => {
                self.stack.push(State::Block);
                return Some((1, Some(T::BlockStart)));
            }
            '#' => return Some((1, Some(T::Brkt))),
            ',' => return Some((1, Some(T::Comma))),
            _ => {}
        }
        if rest.starts_with(":::") {
            return Some((3, Some(T::StyleSeparator)));
        }
        match first {
            ':' => return Some((1, Some(T::Colon))),
            '[' => return Some((1, Some(T::Sqs))),
            ']' => return Some((1, Some(T::Sqe))),
            _ => {}
        }
        if let Some(n) = keyword(rest, "style") {
            self.stack.push(State::Style);
            return Some((n, Some(T::Style)));
        }
        if let Some(n) = keyword(rest, "classDef") {
            self.stack.push(State::Style);
            return Some((n, Some(T::ClassDef)));
        }
        if let Some(n) = keyword(rest, "class") {
            return Some((n, Some(T::Class)));
        }
        if let Some(n) = keyword(rest, "subgraph") {
            return Some((n, Some(T::Subgraph)));
        }
        if let Some(n) = keyword(rest, "end") {
            return Some((n + run(&rest[n..], is_js_space), Some(T::End_)));
        }
        // Cardinalities and relationship lines, in mermaid's order.
        let table: [(&str, bool, T); 15] = [
            ("one or zero", true, T::ZeroOrOne),
            ("one or more", true, T::OneOrMore),
            ("one or many", true, T::OneOrMore),
            ("1+", false, T::OneOrMore),
            ("|o", true, T::ZeroOrOne),
            ("zero or one", true, T::ZeroOrOne),
            ("zero or more", true, T::ZeroOrMore),
            ("zero or many", true, T::ZeroOrMore),
            ("0+", false, T::ZeroOrMore),
            ("}o", true, T::ZeroOrMore),
            ("many(0)", false, T::ZeroOrMore),
            ("many(1)", false, T::OneOrMore),
            ("many", true, T::ZeroOrMore),
            ("}|", false, T::OneOrMore),
            ("one", true, T::OnlyOne),
        ];
        for (word, boundary, kind) in table {
            let n = if boundary { keyword(rest, word) } else { starts_ci(rest, word).then_some(word.len()) };
            if let Some(n) = n {
                return Some((n, Some(kind)));
            }
        }
        if let Some(n) = keyword(rest, "only one") {
            return Some((n, Some(T::OnlyOne)));
        }
        let digits = run(rest, |c| c.is_ascii_digit());
        if digits > 0 && rest[digits..].starts_with('.') {
            let frac = run(&rest[digits + 1..], |c| c.is_ascii_digit());
            if frac > 0 {
                return Some((digits + 1 + frac, Some(T::DecimalNum)));
            }
        }
        if first == '1' {
            let after = &rest[1..];
            let ws = run(after, is_js_space);
            let next = after[ws..].chars().next();
            if ws > 0 && next.is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '"' || c == '\'' || c.is_ascii_digit()) {
                return Some((1, Some(T::OnlyOne)));
            }
            if ["--", "..", ".-", "-."].iter().any(|l| after.starts_with(l)) {
                return Some((1, Some(T::OnlyOne)));
            }
            if !after.chars().next().is_some_and(is_word) {
                return Some((1, Some(T::EntityOne)));
            }
        }
        if digits > 0 {
            return Some((digits, Some(T::Num)));
        }
        for (lit, kind) in [("||", T::OnlyOne), ("o|", T::ZeroOrOne), ("o{", T::ZeroOrMore), ("|{", T::OneOrMore)] {
            if starts_ci(rest, lit) {
                return Some((2, Some(kind)));
            }
        }
        if (first == 'u' || first == 'U') && rest[1..].starts_with(['.', '-', '|']) {
            return Some((1, Some(T::MdParent)));
        }
        if rest.starts_with("..") {
            return Some((2, Some(T::NonIdentifying)));
        }
        if rest.starts_with("--") {
            return Some((2, Some(T::Identifying)));
        }
        if let Some(n) = keyword(rest, "to") {
            return Some((n, Some(T::Identifying)));
        }
        if let Some(n) = keyword(rest, "optionally to") {
            return Some((n, Some(T::NonIdentifying)));
        }
        if rest.starts_with(".-") || rest.starts_with("-.") {
            return Some((2, Some(T::NonIdentifying)));
        }
        let n = text_run(rest, true);
        if n > 0 {
            return Some((n, Some(T::UnicodeText)));
        }
        if is_dot(first) {
            let kind = if first == '?' { T::Question } else { T::Char };
            return Some((first.len_utf8(), Some(kind)));
        }
        None
    }

    /// True inside an attribute table.
    pub fn in_block(&self) -> bool {
        matches!(self.state(), State::Block | State::BlockBq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        let mut l = Lexer::new(text);
        let mut out = Vec::new();
        loop {
            match l.next_token() {
                Lexed::Token(t) if t.kind == T::End => break,
                Lexed::Token(t) => out.push((t.kind.name(), text[t.span].to_string())),
                Lexed::Error(at) => {
                    out.push(("error", at.to_string()));
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn relationships() {
        let k = kinds("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  A }|..|{ B-C : \"uses it\"\n");
        let names: Vec<&str> = k.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            ["ER_DIAGRAM", "NEWLINE", "UNICODE_TEXT", "ONLY_ONE", "IDENTIFYING", "ZERO_OR_MORE", "UNICODE_TEXT", "COLON", "UNICODE_TEXT", "NEWLINE", "UNICODE_TEXT", "ONE_OR_MORE", "NON_IDENTIFYING", "ONE_OR_MORE", "UNICODE_TEXT", "COLON", "ENTITY_NAME", "NEWLINE", "EOF"]
        );
        assert_eq!(k[14].1, "B-C");
    }

    #[test]
    fn attribute_tables() {
        let k = kinds("erDiagram\n A {\n  List~int~ ids PK, FK \"the key\"\n  varchar(255) email UK\n }\n");
        assert!(k.contains(&("ATTRIBUTE_WORD", "List~int~".into())));
        assert!(k.contains(&("ATTRIBUTE_KEY", "PK".into())));
        assert!(k.contains(&(",", ",".into())));
        assert!(k.contains(&("COMMENT", "\"the key\"".into())));
        assert!(k.contains(&("ATTRIBUTE_WORD", "varchar(255)".into())));
        assert!(k.contains(&("BLOCK_STOP", "}".into())));
    }

    #[test]
    fn keywords_and_numbers() {
        let k = kinds("erDiagram\n one 1 many 1 u--x\n direction LR\n");
        let names: Vec<&str> = k.iter().map(|(n, _)| *n).collect();
        assert_eq!(names[2..8], ["ONLY_ONE", "ONLY_ONE", "ZERO_OR_MORE", "ONLY_ONE", "MD_PARENT", "IDENTIFYING"]);
        assert!(names.contains(&"direction_lr"));
    }
}
