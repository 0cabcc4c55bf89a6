//! The quadrant chart lexer: a model of mermaid-js's (jison) quadrant
//! lexer, case-insensitive like it.
//!
//! mermaid's lexer is modal: a stack of states (`title`, `string`,
//! `point_start`, ...), each with its own ordered rules, and jison takes the
//! first rule that matches. In the initial state the longest match agrees
//! with the first one but for two things, handled by hand: `title` and
//! `classDef` must end at a word boundary (`title1` is text), and a
//! keyword ties with a run of letters of the same length (the keyword wins,
//! as its rule comes first). That state is a logos lexer; the others are a
//! few lines each.
//!
//! The states after a point's `: [` read mermaid's coordinates: `1`, `0`, or
//! `0` and any character and digits (`0.25`); `1.0` or `0,5` do not lex.

use logos::Logos;
use std::ops::Range;

macro_rules! terminals {
    ($($v:ident = $name:literal),* $(,)?) => {
        /// mermaid's quadrant chart terminals, named as in its grammar.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum T { $($v),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$v),*];

            /// The name mermaid's grammar gives the token.
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
    Alpha = "ALPHA",
    Num = "NUM",
    NodeString = "NODE_STRING",
    Down = "DOWN",
    Minus = "MINUS",
    Default = "DEFAULT",
    Comma = "COMMA",
    Colon = "COLON",
    Amp = "AMP",
    Brkt = "BRKT",
    Mult = "MULT",
    UnicodeText = "UNICODE_TEXT",
    Unit = "UNIT",
    Space = "SPACE",
    Style = "STYLE",
    Pct = "PCT",
    ClassDef = "CLASSDEF",
    Quadrant = "QUADRANT",
    Title = "title",
    TitleValue = "title_value",
    AccTitle = "acc_title",
    AccTitleValue = "acc_title_value",
    AccDescr = "acc_descr",
    AccDescrValue = "acc_descr_value",
    AccDescrMultilineValue = "acc_descr_multiline_value",
    Section = "section",
    PointStart = "point_start",
    PointX = "point_x",
    PointY = "point_y",
    ClassName = "class_name",
    XAxis = "X-AXIS",
    AxisTextDelimiter = "AXIS-TEXT-DELIMITER",
    YAxis = "Y-AXIS",
    Quadrant1 = "QUADRANT_1",
    Quadrant2 = "QUADRANT_2",
    Quadrant3 = "QUADRANT_3",
    Quadrant4 = "QUADRANT_4",
    Newline = "NEWLINE",
    Semi = "SEMI",
    Eof = "EOF",
    Str = "STR",
    MdStr = "MD_STR",
    Punctuation = "PUNCTUATION",
    Plus = "PLUS",
    Equals = "EQUALS",
    Dot = "DOT",
    Underscore = "UNDERSCORE",
}

/// The rules of mermaid's initial state, with the tokens they give.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum Init {
    /// `%%(?!\{)[^\n]*` and `%%[^\n]*`: comments.
    #[regex(r"%%[^\n]*", allow_greedy = true)]
    Comment,
    /// `[^\}]%%[^\n]*`: a character and a comment, skipped together.
    #[regex(r"[^}]%%[^\n]*", allow_greedy = true)]
    CharComment,
    #[regex(r"[\n\r]+")]
    Newline,
    #[regex(r"(?i)title", priority = 20)]
    Title,
    #[regex(r"(?i)accTitle[ \t\n\r\x0B\x0C]*:[ \t\n\r\x0B\x0C]*")]
    AccTitle,
    #[regex(r"(?i)accDescr[ \t\n\r\x0B\x0C]*:[ \t\n\r\x0B\x0C]*")]
    AccDescr,
    #[regex(r"(?i)accDescr[ \t\n\r\x0B\x0C]*\{[ \t\n\r\x0B\x0C]*")]
    AccDescrMultiline,
    #[regex(r"(?i) *x-axis *")]
    XAxis,
    #[regex(r"(?i) *y-axis *")]
    YAxis,
    #[regex(r" *--+> *")]
    Delimiter,
    #[regex(r"(?i) *quadrant-1 *")]
    Quadrant1,
    #[regex(r"(?i) *quadrant-2 *")]
    Quadrant2,
    #[regex(r"(?i) *quadrant-3 *")]
    Quadrant3,
    #[regex(r"(?i) *quadrant-4 *")]
    Quadrant4,
    #[regex(r"(?i)classDef", priority = 20)]
    ClassDef,
    #[token("\"`")]
    MdStart,
    #[token("\"", priority = 20)]
    StrStart,
    #[token(":::")]
    ClassSep,
    #[regex(r"[ \t\n\r\x0B\x0C]*:[ \t\n\r\x0B\x0C]*\[[ \t\n\r\x0B\x0C]*")]
    PointStart,
    #[regex(r"(?i) *quadrantChart *", priority = 20)]
    Quadrant,
    #[regex(r"[A-Za-z]+")]
    Alpha,
    #[regex(r"[^\x00-\x7F]+")]
    Unicode,
    #[token(":", priority = 20)]
    Colon,
    #[token("+", priority = 20)]
    Plus,
    #[token(",", priority = 20)]
    Comma,
    #[token("=", priority = 20)]
    Equals,
    #[token("*", priority = 20)]
    Mult,
    #[token("#", priority = 20)]
    Brkt,
    #[token("_", priority = 20)]
    Underscore,
    #[token(".", priority = 20)]
    Dot,
    #[token("&", priority = 20)]
    Amp,
    #[token("-", priority = 20)]
    Minus,
    #[regex(r"[0-9]+")]
    Num,
    #[regex(r"[ \t\x0B\x0C]", priority = 1)]
    Space,
    #[token(";", priority = 20)]
    Semi,
    #[regex(r##"[!"#$%&'*+,\-.`?\\_/]"##, priority = 1)]
    Punctuation,
}

/// A token: its terminal and where it is in the lexed text. STR and MD_STR
/// spans are the inside of the quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: T,
    pub span: Range<usize>,
}

/// mermaid's lexer states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Initial,
    Title,
    AccTitle,
    AccDescr,
    AccDescrMultiline,
    Str,
    MdStr,
    ClassName,
    PointStart,
    PointX,
    PointY,
}

/// Where the lexer stopped: no rule of `state` matches at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub at: usize,
    pub state: State,
}

/// The modal lexer, one token at a time (the parser pulls them, as jison's).
pub struct Lexer<'a> {
    text: &'a str,
    at: usize,
    stack: Vec<State>,
    done: bool,
    /// Where the run of spaces the lexer is in ends (see `spaced`).
    spaces_end: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer { text, at: 0, stack: vec![State::Initial], done: false, spaces_end: 0 }
    }

    pub fn offset(&self) -> usize {
        self.at
    }

    pub fn state(&self) -> State {
        *self.stack.last().unwrap_or(&State::Initial)
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The next token, or where no rule matches. After the text, EOF.
    pub fn next_token(&mut self) -> Result<Token, LexError> {
        loop {
            if self.at >= self.text.len() {
                // jison at the end: once, the state's rules get the empty
                // input (the initial state's `$` gives EOF; a rule that
                // matches nothing gives its empty token); then `$end`.
                if self.done {
                    return Ok(Token { kind: T::End, span: self.at..self.at });
                }
                self.done = true;
                let kind = match self.state() {
                    State::Initial => T::Eof,
                    State::Str => T::Str,
                    State::AccDescrMultiline => T::AccDescrMultilineValue,
                    State::Title => T::TitleValue,
                    State::AccTitle => T::AccTitleValue,
                    State::AccDescr => T::AccDescrValue,
                    _ => T::End,
                };
                if matches!(kind, T::TitleValue | T::AccTitleValue | T::AccDescrValue) {
                    self.pop();
                }
                return Ok(Token { kind, span: self.at..self.at });
            }
            let rest = &self.text[self.at..];
            match self.state() {
                State::Title | State::AccTitle | State::AccDescr => {
                    let kind = match self.state() {
                        State::Title => T::TitleValue,
                        State::AccTitle => T::AccTitleValue,
                        _ => T::AccDescrValue,
                    };
                    self.pop();
                    return Ok(self.emit(kind, rest.find('\n').unwrap_or(rest.len())));
                }
                State::AccDescrMultiline => {
                    if rest.starts_with('}') {
                        self.pop();
                        self.at += 1;
                        continue;
                    }
                    return Ok(self.emit(T::AccDescrMultilineValue, rest.find('}').unwrap_or(rest.len())));
                }
                State::Str => {
                    if rest.starts_with('"') {
                        self.pop();
                        self.at += 1;
                        continue;
                    }
                    return Ok(self.emit(T::Str, rest.find('"').unwrap_or(rest.len())));
                }
                State::MdStr => {
                    if rest.starts_with("`\"") {
                        self.pop();
                        self.at += 2;
                        continue;
                    }
                    let len = rest.find(['`', '"']).unwrap_or(rest.len());
                    if len == 0 {
                        return Err(LexError { at: self.at, state: State::MdStr });
                    }
                    return Ok(self.emit(T::MdStr, len));
                }
                State::ClassName => {
                    let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
                    if len == 0 {
                        return Err(LexError { at: self.at, state: State::ClassName });
                    }
                    self.pop();
                    return Ok(self.emit(T::ClassName, len));
                }
                State::PointStart => {
                    if let Some(len) = coordinate(rest) {
                        self.stack.push(State::PointX);
                        return Ok(self.emit(T::PointX, len));
                    }
                    let blanks = rest.len() - rest.trim_start_matches(is_js_blank).len();
                    if rest[blanks..].starts_with(']') {
                        let spaces = rest[blanks + 1..].len() - rest[blanks + 1..].trim_start_matches(' ').len();
                        self.pop();
                        self.at += blanks + 1 + spaces;
                        continue;
                    }
                    return Err(LexError { at: self.at, state: State::PointStart });
                }
                State::PointX => {
                    let blanks = rest.len() - rest.trim_start_matches(is_js_blank).len();
                    if rest[blanks..].starts_with(',') {
                        let after = &rest[blanks + 1..];
                        let more = after.len() - after.trim_start_matches(is_js_blank).len();
                        self.pop();
                        self.stack.push(State::PointY);
                        self.at += blanks + 1 + more;
                        continue;
                    }
                    return Err(LexError { at: self.at, state: State::PointX });
                }
                State::PointY => {
                    if let Some(len) = coordinate(rest) {
                        self.pop();
                        return Ok(self.emit(T::PointY, len));
                    }
                    return Err(LexError { at: self.at, state: State::PointY });
                }
                State::Initial => {
                    let Some((rule, len)) = self.initial(rest) else {
                        return Err(LexError { at: self.at, state: State::Initial });
                    };
                    let word_follows = rest[len..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
                    let kind = match rule {
                        Init::Comment | Init::CharComment => {
                            self.at += len;
                            continue;
                        }
                        Init::Newline => T::Newline,
                        Init::Title if word_follows => T::Alpha,
                        Init::Title => {
                            self.stack.push(State::Title);
                            T::Title
                        }
                        Init::AccTitle => {
                            self.stack.push(State::AccTitle);
                            T::AccTitle
                        }
                        Init::AccDescr => {
                            self.stack.push(State::AccDescr);
                            T::AccDescr
                        }
                        Init::AccDescrMultiline => {
                            self.stack.push(State::AccDescrMultiline);
                            self.at += len;
                            continue;
                        }
                        Init::XAxis => T::XAxis,
                        Init::YAxis => T::YAxis,
                        Init::Delimiter => T::AxisTextDelimiter,
                        Init::Quadrant1 => T::Quadrant1,
                        Init::Quadrant2 => T::Quadrant2,
                        Init::Quadrant3 => T::Quadrant3,
                        Init::Quadrant4 => T::Quadrant4,
                        Init::ClassDef if word_follows => T::Alpha,
                        Init::ClassDef => T::ClassDef,
                        Init::MdStart => {
                            self.stack.push(State::MdStr);
                            self.at += len;
                            continue;
                        }
                        Init::StrStart => {
                            self.stack.push(State::Str);
                            self.at += len;
                            continue;
                        }
                        Init::ClassSep => {
                            self.stack.push(State::ClassName);
                            self.at += len;
                            continue;
                        }
                        Init::PointStart => {
                            self.stack.push(State::PointStart);
                            T::PointStart
                        }
                        Init::Quadrant => T::Quadrant,
                        Init::Alpha => T::Alpha,
                        Init::Unicode => T::UnicodeText,
                        Init::Colon => T::Colon,
                        Init::Plus => T::Plus,
                        Init::Comma => T::Comma,
                        Init::Equals => T::Equals,
                        Init::Mult => T::Mult,
                        Init::Brkt => T::Brkt,
                        Init::Underscore => T::Underscore,
                        Init::Dot => T::Dot,
                        Init::Amp => T::Amp,
                        Init::Minus => T::Minus,
                        Init::Num => T::Num,
                        Init::Space => T::Space,
                        Init::Semi => T::Semi,
                        Init::Punctuation => T::Punctuation,
                    };
                    let len = if matches!(rule, Init::Title | Init::ClassDef) && kind == T::Alpha {
                        // `title1`: the letters only, as `[A-Za-z]+` reads them
                        rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())
                    } else {
                        len
                    };
                    return Ok(self.emit(kind, len));
                }
            }
        }
    }

    /// The initial state's rule at `rest` and its length. The rules that
    /// start with ` *` (`x-axis`, `-->`, `quadrant-1`, ...) would read a run
    /// of spaces to its end at each of its spaces; inside a run, the rule
    /// is read at its last space instead (the same rule, the run's length
    /// more), or else it is a single space: a run costs its length, not its
    /// square.
    fn initial(&mut self, rest: &str) -> Option<(Init, usize)> {
        if rest.starts_with("  ") {
            if self.spaces_end <= self.at {
                self.spaces_end = self.at + rest.bytes().take_while(|&b| b == b' ').count();
            }
            let before_last = self.spaces_end - 1 - self.at;
            let mut lexer = Init::lexer(&rest[before_last..]);
            let rule = match lexer.next() {
                Some(Ok(rule)) => rule,
                _ => return Some((Init::Space, 1)),
            };
            return Some(match rule {
                Init::XAxis | Init::YAxis | Init::Delimiter | Init::Quadrant1 | Init::Quadrant2 | Init::Quadrant3 | Init::Quadrant4 | Init::Quadrant | Init::PointStart => {
                    (rule, before_last + lexer.span().len())
                }
                _ => (Init::Space, 1),
            });
        }
        let mut lexer = Init::lexer(rest);
        match lexer.next() {
            Some(Ok(rule)) => Some((rule, lexer.span().len())),
            _ => None,
        }
    }

    fn emit(&mut self, kind: T, len: usize) -> Token {
        let span = self.at..self.at + len;
        self.at += len;
        Token { kind, span }
    }
}

/// JavaScript's `\s` among ASCII.
fn is_js_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}')
}

/// mermaid's `(1)|(0(.\d+)?)`: `1`, or `0` optionally followed by any
/// character but a line break and digits.
fn coordinate(s: &str) -> Option<usize> {
    if s.starts_with('1') {
        return Some(1);
    }
    if !s.starts_with('0') {
        return None;
    }
    let mut chars = s[1..].char_indices();
    if let Some((_, c)) = chars.next()
        && c != '\n'
        && c != '\r'
        && c != '\u{2028}'
        && c != '\u{2029}'
    {
        let after = 1 + c.len_utf8();
        let digits = s[after..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            return Some(after + digits);
        }
    }
    Some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<T> {
        let mut l = Lexer::new(text);
        let mut out = Vec::new();
        loop {
            match l.next_token() {
                Ok(t) if t.kind == T::Eof || t.kind == T::End => break,
                Ok(t) => out.push(t.kind),
                Err(_) => {
                    out.push(T::End);
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn keywords_points_and_text() {
        use T::*;
        assert_eq!(kinds("quadrantChart\n  title Risk vs Impact\n"), [Quadrant, Newline, Space, Space, Title, TitleValue, Newline]);
        assert_eq!(kinds("x-axis Low --> High"), [XAxis, Alpha, AxisTextDelimiter, Alpha]);
        assert_eq!(kinds("A B: [0.3, 1]"), [Alpha, Space, Alpha, PointStart, PointX, PointY]);
        assert_eq!(kinds("A:::cls: [0.3, 0.45] radius: 10"), [Alpha, ClassName, PointStart, PointX, PointY, Alpha, Colon, Space, Num]);
        assert_eq!(kinds("\"Q (one)\""), [Str]);
        assert_eq!(kinds("Café"), [Alpha, UnicodeText]);
    }

    #[test]
    fn jisons_first_match_quirks() {
        use T::*;
        assert_eq!(kinds("title1"), [Alpha, Num]);
        assert_eq!(kinds("TITLE x"), [Title, TitleValue]);
        assert_eq!(kinds("classDefs"), [Alpha]);
        assert_eq!(kinds("A: [1.0, 0.5]"), [Alpha, PointStart, PointX, End], "`1.0` does not lex");
        assert_eq!(kinds("A (B)"), [Alpha, Space, End], "`(` is no token");
        assert_eq!(kinds("A %% note\nB"), [Alpha, Newline, Alpha], "a character and a comment go together");
    }
}
