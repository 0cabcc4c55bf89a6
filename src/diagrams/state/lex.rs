//! The state diagram lexer: a model of mermaid-js 11's (jison) lexer for
//! `stateDiagram`/`stateDiagram-v2`, rule for rule.
//!
//! mermaid's lexer is modal (a stack of start conditions: `STATE` after
//! `state `, `struct` inside `{ }`, `NOTE_TEXT` after `note right of X`,
//! ...), each condition has its own ordered list of rules, and jison takes
//! the **first** rule that matches, not the longest. The rules are
//! case-insensitive. Those facts decide how `State --> B` (two composite
//! names), `Note --> B` (a lexical error), `A --> B : x; y` (states `;` and
//! `y`) or a line holding `direction LR` anywhere are read, so this lexer
//! keeps mermaid's rules and their order exactly ([`RULES`], numbered as in
//! mermaid's generated lexer) and each condition's rule list
//! ([`Cond::rules`]). It is written by hand: logos's longest match, with no
//! start conditions or lookahead, cannot model first-match over rules such as
//! `.*direction\s+TB[^\n]*` or `[\s\S]*?\n\s*end note\b`.
//!
//! Tokens carry byte spans into the text they were lexed from (the text
//! after mermaid's preprocessing, see `parse::prep`).

use crate::lex::js::{is_js_line_break, is_js_space};
use std::ops::Range;

/// mermaid's terminals for the state grammar, named as in its grammar, and
/// the two names its lexer returns that the grammar does not know
/// (`INVALID`, `DEFAULT_CLASSDEF_ID`): a parse always fails on them.
macro_rules! terminals {
    ($($v:ident = $name:literal),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    Space = "SPACE",
    Nl = "NL",
    Sd = "SD",
    Descr = "DESCR",
    Arrow = "-->",
    HideEmpty = "HIDE_EMPTY",
    Scale = "scale",
    Width = "WIDTH",
    CompositState = "COMPOSIT_STATE",
    StructStart = "STRUCT_START",
    StructStop = "STRUCT_STOP",
    StateDescr = "STATE_DESCR",
    As = "AS",
    Id = "ID",
    Fork = "FORK",
    Join = "JOIN",
    Choice = "CHOICE",
    Concurrent = "CONCURRENT",
    Note = "note",
    NoteText = "NOTE_TEXT",
    AccTitle = "acc_title",
    AccTitleValue = "acc_title_value",
    AccDescr = "acc_descr",
    AccDescrValue = "acc_descr_value",
    AccDescrMultilineValue = "acc_descr_multiline_value",
    Click = "CLICK",
    Str = "STRING",
    Href = "HREF",
    ClassDef = "classDef",
    ClassDefId = "CLASSDEF_ID",
    ClassDefStyleOpts = "CLASSDEF_STYLEOPTS",
    Default = "DEFAULT",
    Style = "style",
    StyleIds = "STYLE_IDS",
    StyleDefStyleOpts = "STYLEDEF_STYLEOPTS",
    Class = "class",
    ClassEntityIds = "CLASSENTITY_IDS",
    StyleClass = "STYLECLASS",
    DirTb = "direction_tb",
    DirBt = "direction_bt",
    DirRl = "direction_rl",
    DirLr = "direction_lr",
    Semi = "SEMI",
    EdgeState = "EDGE_STATE",
    StyleSeparator = "STYLE_SEPARATOR",
    LeftOf = "left_of",
    RightOf = "right_of",
    Invalid = "INVALID",
    DefaultClassDefId = "DEFAULT_CLASSDEF_ID",
}

/// A token: its terminal, its text as mermaid's lexer action leaves it
/// (`yytext`: trimmed, cut, ...), and the span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub t: T,
    pub text: String,
    pub span: Range<usize>,
}

/// Why lexing stopped early.
#[derive(Debug, Clone, PartialEq)]
pub enum LexError {
    /// No rule of the current condition matches here ("Lexical error ...
    /// Unrecognized text").
    Unrecognized { at: usize, cond: Cond },
    /// `state Foo Bar {`: mermaid's lexer throws "State name must be a
    /// single word".
    StateNameWords { span: Range<usize>, found: String },
    /// A rule matched without moving on and without a token (an id
    /// starting with `%%`): mermaid's lexer recurses until the stack
    /// overflows.
    Stuck { at: usize },
}

/// mermaid's start conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cond {
    Initial,
    Line,
    Struct,
    FloatingNoteId,
    FloatingNote,
    NoteText,
    NoteId,
    Note,
    StyleDefStyles,
    Style,
    ClassStyle,
    Class,
    ClassDefId,
    ClassDef,
    AccDescrMultiline,
    AccDescr,
    AccTitle,
    Scale,
    StateId,
    StateString,
    State,
    Id,
}

impl Cond {
    /// The rules active in the condition, in order (mermaid's `conditions`).
    pub fn rules(self) -> &'static [u8] {
        match self {
            Cond::Line | Cond::Id => &[10, 11, 12],
            Cond::Struct => &[10, 11, 12, 23, 27, 30, 36, 43, 44, 45, 46, 56, 57, 58, 72, 73, 74, 75, 76, 77],
            Cond::FloatingNoteId => &[65],
            Cond::FloatingNote => &[62, 63, 64],
            Cond::NoteText => &[67, 68],
            Cond::NoteId => &[66],
            Cond::Note => &[59, 60, 61],
            Cond::StyleDefStyles => &[32],
            Cond::Style => &[31],
            Cond::ClassStyle => &[29],
            Cond::Class => &[28],
            Cond::ClassDefId => &[26],
            Cond::ClassDef => &[24, 25],
            Cond::AccDescrMultiline => &[21, 22],
            Cond::AccDescr => &[19],
            Cond::AccTitle => &[17],
            Cond::Scale => &[14, 15, 34, 35],
            Cond::StateId => &[49],
            Cond::StateString => &[50, 51],
            Cond::State => &[10, 11, 12, 37, 38, 39, 40, 41, 42, 47, 48, 52, 53, 54, 55],
            Cond::Initial => &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 18, 20, 23, 27, 30, 33, 36, 55, 58, 69, 70, 71, 72, 73, 74, 75, 77, 78, 79],
        }
    }
}

// ---- matchers: each returns the length in bytes of its match at the start of `s` ----

fn is_w(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `\s*` (JavaScript's whitespace, line breaks included).
fn spaces(s: &str) -> usize {
    s.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(s.len(), |(i, _)| i)
}

/// `[^\n]*`.
fn to_newline(s: &str) -> usize {
    s.find('\n').unwrap_or(s.len())
}

/// `.*` as far as it goes: up to the first line terminator.
fn dot_run(s: &str) -> usize {
    s.char_indices().find(|&(_, c)| is_js_line_break(c)).map_or(s.len(), |(i, _)| i)
}

/// A case-insensitive literal.
fn lit(s: &str, word: &str) -> Option<usize> {
    (s.len() >= word.len() && s.is_char_boundary(word.len()) && s[..word.len()].eq_ignore_ascii_case(word)).then_some(word.len())
}

/// `\b` at `at`: a word character on one side and not the other.
fn boundary(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back().is_some_and(is_w);
    let after = s[at..].chars().next().is_some_and(is_w);
    before != after
}

/// A literal followed by `\b` (jison appends it to rules ending in a word character).
fn word(s: &str, w: &str) -> Option<usize> {
    lit(s, w).filter(|&n| boundary(s, n))
}

/// A literal followed by `\s+`.
fn word_spaces(s: &str, w: &str) -> Option<usize> {
    let n = lit(s, w)?;
    let sp = spaces(&s[n..]);
    (sp > 0).then_some(n + sp)
}

/// `.*direction\s+XX[^\n]*`: the last `direction XX` the line holds (greedy
/// `.*`), then the rest of its line.
fn direction_line(s: &str, dir: &str) -> Option<usize> {
    let line = dot_run(s);
    let mut found = None;
    for p in find_ci(&s[..line], "direction") {
        let after = p + "direction".len();
        let sp = spaces(&s[after..]);
        if sp == 0 {
            continue;
        }
        let d = after + sp;
        if lit(&s[d..], dir).is_some() {
            let end = d + 2;
            found = Some(end + to_newline(&s[end..]));
        }
    }
    found
}

/// `.*<<fork>>` and the like: up to the end of the last occurrence on the line.
fn dot_then(s: &str, tail: &str) -> Option<usize> {
    let line = dot_run(s);
    find_ci(&s[..line], tail).last().map(|p| p + tail.len())
}

/// Where an ASCII `needle` occurs in `hay`, ignoring ASCII case.
fn find_ci<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..(h.len() + 1).saturating_sub(n.len())).filter(move |&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `\s*:(?:[^:\n;]|:[^:\n;])+`.
fn descr(s: &str) -> Option<usize> {
    let sp = spaces(s);
    let rest = &s[sp..];
    if !rest.starts_with(':') {
        return None;
    }
    let body = &rest[1..];
    let plain = |c: char| c != ':' && c != '\n' && c != ';';
    let mut i = 0;
    let mut chars = body.char_indices().peekable();
    while let Some(&(k, c)) = chars.peek() {
        if plain(c) {
            chars.next();
            i = k + c.len_utf8();
        } else if c == ':' {
            let mut two = body[k + 1..].chars();
            match two.next() {
                Some(d) if plain(d) => {
                    chars.next();
                    chars.next();
                    i = k + 1 + d.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    (i > 0).then_some(sp + 1 + i)
}

/// `\s*as\s+` (`plus`: `\s+`; otherwise `\s*`).
fn as_word(s: &str, plus: bool) -> Option<usize> {
    let sp = spaces(s);
    let n = lit(&s[sp..], "as")?;
    let after = sp + n;
    let sp2 = spaces(&s[after..]);
    if plus && sp2 == 0 {
        return None;
    }
    Some(after + sp2)
}

/// `\w+\s+\w+.*?\{`.
fn two_words_brace(s: &str) -> Option<usize> {
    let w1 = s.chars().take_while(|&c| is_w(c)).count();
    if w1 == 0 {
        return None;
    }
    let sp = spaces(&s[w1..]);
    if sp == 0 {
        return None;
    }
    let at = w1 + sp;
    let w2 = s[at..].chars().take_while(|&c| is_w(c)).count();
    if w2 == 0 {
        return None;
    }
    let from = at + w2;
    let line = dot_run(&s[from..]);
    s[from..from + line].find('{').map(|p| from + p + 1)
}

/// `[\s\S]*?\n\s*end note\b`: the first line break followed by `end note`.
fn end_note(s: &str) -> Option<usize> {
    for (q, _) in s.match_indices('\n') {
        let from = q + 1;
        let sp = spaces(&s[from..]);
        let at = from + sp;
        if let Some(n) = lit(&s[at..], "end note") {
            if boundary(&s[at..], n) {
                return Some(at + n);
            }
        }
    }
    None
}

/// A run of characters that pass `keep`, at least one.
fn run(s: &str, keep: impl Fn(char) -> bool) -> Option<usize> {
    let n = s.char_indices().find(|&(_, c)| !keep(c)).map_or(s.len(), |(i, _)| i);
    (n > 0).then_some(n)
}

/// The match of rule `r` at the start of `s` (`Some(0)` is an empty match).
fn matches(r: u8, s: &str) -> Option<usize> {
    let not_line = |c: char| c != '\n';
    match r {
        0 => word(s, "click"),
        1 => word(s, "href"),
        2 => {
            let rest = s.strip_prefix('"')?;
            rest.find('"').map(|e| e + 2)
        }
        3 => word(s, "default"),
        4 | 43 => direction_line(s, "tb"),
        5 | 44 => direction_line(s, "bt"),
        6 | 45 => direction_line(s, "rl"),
        7 | 46 => direction_line(s, "lr"),
        8 => run(s, |c| c == '\n'),
        9 => run(s, is_js_space),
        10 => run(s, |c| c != '\n' && is_js_space(c)),
        11 => s.starts_with('#').then(|| to_newline(s)),
        12 => (s.starts_with("%%") && !s[2..].starts_with('{')).then(|| to_newline(s)),
        13 | 33 => word_spaces(s, "scale"),
        14 | 34 => run(s, |c| c.is_ascii_digit()),
        15 | 35 => {
            let sp = spaces(s);
            (sp > 0).then_some(())?;
            word(&s[sp..], "width").map(|n| sp + n)
        }
        16 | 18 => {
            let n = lit(s, if r == 16 { "accTitle" } else { "accDescr" })?;
            let sp = spaces(&s[n..]);
            let c = n + sp;
            s[c..].starts_with(':').then(|| c + 1 + spaces(&s[c + 1..]))
        }
        17 | 19 | 26 | 29 | 32 | 65 => Some(to_newline(s)),
        20 => {
            let n = lit(s, "accDescr")?;
            let sp = spaces(&s[n..]);
            let c = n + sp;
            s[c..].starts_with('{').then(|| c + 1 + spaces(&s[c + 1..]))
        }
        21 => s.starts_with('}').then_some(1),
        22 => Some(s.find('}').unwrap_or(s.len())),
        23 => word_spaces(s, "classDef"),
        24 => word_spaces(s, "default"),
        25 => {
            let w = run(s, is_w)?;
            let sp = spaces(&s[w..]);
            (sp > 0).then_some(w + sp)
        }
        27 => word_spaces(s, "class"),
        28 => {
            let mut n = run(s, is_w)?;
            loop {
                let rest = &s[n..];
                let Some(after) = rest.strip_prefix(',') else { break };
                let sp = spaces(after);
                match run(&after[sp..], is_w) {
                    Some(w) => n += 1 + sp + w,
                    None => break,
                }
            }
            Some(n)
        }
        30 => word_spaces(s, "style"),
        31 => {
            let w = run(s, |c| is_w(c) || c == ',')?;
            let sp = spaces(&s[w..]);
            (sp > 0).then_some(w + sp)
        }
        36 => word_spaces(s, "state"),
        37 | 40 => dot_then(s, if r == 37 { "<<fork>>" } else { "[[fork]]" }),
        38 | 41 => dot_then(s, if r == 38 { "<<join>>" } else { "[[join]]" }),
        39 | 42 => dot_then(s, if r == 39 { "<<choice>>" } else { "[[choice]]" }),
        47 | 50 | 61 | 63 => s.starts_with('"').then_some(1),
        48 => as_word(s, true),
        49 => Some(s.find(['\n', '{']).unwrap_or(s.len())),
        51 | 64 => Some(s.find('"').unwrap_or(s.len())),
        52 => two_words_brace(s),
        53 => run(s, |c| c != '\n' && c != '{' && !is_js_space(c)),
        54 | 57 => s.starts_with('\n').then_some(1),
        55 => s.starts_with('{').then_some(1),
        56 => s.starts_with('}').then_some(1),
        58 => word_spaces(s, "note"),
        59 => word(s, "left of"),
        60 => word(s, "right of"),
        62 => as_word(s, false),
        66 => {
            let sp = spaces(s);
            run(&s[sp..], |c| c != ':' && c != '\n' && c != '-' && !is_js_space(c)).map(|n| sp + n)
        }
        67 => {
            let sp = spaces(s);
            let rest = s[sp..].strip_prefix(':')?;
            run(rest, |c| c != ':' && c != '\n' && c != ';').map(|n| sp + 1 + n)
        }
        68 => end_note(s),
        69 => word_spaces(s, "stateDiagram"),
        70 => word_spaces(s, "stateDiagram-v2"),
        71 => word(s, "hide empty description"),
        72 => s.starts_with("[*]").then_some(3),
        73 => run(s, |c| c != ':' && c != '-' && c != '{' && c != '\n' && !is_js_space(c)),
        74 => descr(s),
        75 => s.starts_with("-->").then_some(3),
        76 => s.starts_with("--").then_some(2),
        77 => s.starts_with(":::").then_some(3),
        78 => s.is_empty().then_some(0),
        79 => s.chars().next().filter(|&c| !is_js_line_break(c)).map(char::len_utf8),
        _ => {
            let _ = not_line;
            None
        }
    }
}

/// The lexer's state: the text, where it is, and the condition stack.
struct Lexer<'a> {
    text: &'a str,
    at: usize,
    stack: Vec<Cond>,
    done: bool,
    /// Repair mode (not mermaid's): a one-line note takes the rest of its
    /// line, colons and semicolons included.
    lenient_notes: bool,
    /// No `direction` before this offset on the current line: the
    /// direction rules cannot match there (saves a scan of the line per token).
    no_direction_until: usize,
}

/// What a rule's action does with its match.
enum Outcome {
    Token(T, String),
    /// No token: read on.
    Skip,
}

impl Lexer<'_> {
    fn cond(&self) -> Cond {
        *self.stack.last().unwrap_or(&Cond::Initial)
    }

    fn push(&mut self, c: Cond) {
        self.stack.push(c);
    }

    /// jison's `popState`: never below the bottom condition.
    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// mermaid's `processId`: an id holding `%%` ends there (the rest is
    /// read again); one starting with `%%` gives no token (false).
    fn process_id(&mut self, start: usize, text: &mut String) -> bool {
        match text.find("%%") {
            Some(0) => false,
            Some(i) => {
                self.at = start + i;
                text.truncate(i);
                true
            }
            None => true,
        }
    }

    /// Runs rule `r`'s action on the match `start..end` (`self.at` is
    /// already at `end`).
    fn action(&mut self, r: u8, start: usize) -> Outcome {
        use Outcome::{Skip, Token as Tok};
        let text = self.text[start..self.at].to_string();
        match r {
            0 => Tok(T::Click, text),
            1 => Tok(T::Href, text),
            2 => Tok(T::Str, text),
            3 => Tok(T::Default, text),
            4 | 43 => Tok(T::DirTb, text),
            5 | 44 => Tok(T::DirBt, text),
            6 | 45 => Tok(T::DirRl, text),
            7 | 46 => Tok(T::DirLr, text),
            8 | 78 => Tok(T::Nl, text),
            9 | 10 | 11 | 12 | 57 => Skip,
            13 | 33 => {
                self.push(Cond::Scale);
                Tok(T::Scale, text)
            }
            14 | 34 => Tok(T::Width, text),
            15 | 35 => {
                self.pop();
                Skip
            }
            16 => {
                self.push(Cond::AccTitle);
                Tok(T::AccTitle, text)
            }
            17 => {
                self.pop();
                Tok(T::AccTitleValue, text)
            }
            18 => {
                self.push(Cond::AccDescr);
                Tok(T::AccDescr, text)
            }
            19 => {
                self.pop();
                Tok(T::AccDescrValue, text)
            }
            20 => {
                self.push(Cond::AccDescrMultiline);
                Skip
            }
            21 => {
                self.pop();
                Skip
            }
            22 => Tok(T::AccDescrMultilineValue, text),
            23 => {
                self.push(Cond::ClassDef);
                Tok(T::ClassDef, text)
            }
            24 => {
                self.pop();
                self.push(Cond::ClassDefId);
                Tok(T::DefaultClassDefId, text)
            }
            25 => {
                self.pop();
                self.push(Cond::ClassDefId);
                Tok(T::ClassDefId, text)
            }
            26 => {
                self.pop();
                Tok(T::ClassDefStyleOpts, text)
            }
            27 => {
                self.push(Cond::Class);
                Tok(T::Class, text)
            }
            28 => {
                self.pop();
                self.push(Cond::ClassStyle);
                Tok(T::ClassEntityIds, text)
            }
            29 => {
                self.pop();
                Tok(T::StyleClass, text)
            }
            30 => {
                self.push(Cond::Style);
                Tok(T::Style, text)
            }
            31 => {
                self.pop();
                self.push(Cond::StyleDefStyles);
                Tok(T::StyleIds, text)
            }
            32 => {
                self.pop();
                Tok(T::StyleDefStyleOpts, text)
            }
            36 => {
                self.push(Cond::State);
                Skip
            }
            37..=42 => {
                self.pop();
                let cut = if matches!(r, 39 | 42) { 10 } else { 8 };
                let kept = text[..text.len() - cut].trim().to_string();
                Tok(
                    match r {
                        37 | 40 => T::Fork,
                        38 | 41 => T::Join,
                        _ => T::Choice,
                    },
                    kept,
                )
            }
            47 => {
                self.push(Cond::StateString);
                Skip
            }
            48 => {
                self.push(Cond::StateId);
                Tok(T::As, text)
            }
            49 | 65 => {
                let mut text = text;
                if !self.process_id(start, &mut text) {
                    return Skip;
                }
                self.pop();
                Tok(T::Id, text)
            }
            50 | 54 => {
                self.pop();
                Skip
            }
            51 => Tok(T::StateDescr, text),
            53 => Tok(T::CompositState, text),
            55 => {
                self.pop();
                self.push(Cond::Struct);
                Tok(T::StructStart, text)
            }
            56 => {
                self.pop();
                Tok(T::StructStop, text)
            }
            58 => {
                self.push(Cond::Note);
                Tok(T::Note, text)
            }
            59 | 60 => {
                self.pop();
                self.push(Cond::NoteId);
                Tok(if r == 59 { T::LeftOf } else { T::RightOf }, text)
            }
            61 => {
                self.pop();
                self.push(Cond::FloatingNote);
                Skip
            }
            62 => {
                self.pop();
                self.push(Cond::FloatingNoteId);
                Tok(T::As, text)
            }
            63 => Skip,
            64 => Tok(T::NoteText, text),
            66 => {
                let mut text = text;
                if !self.process_id(start, &mut text) {
                    return Skip;
                }
                self.pop();
                self.push(Cond::NoteText);
                Tok(T::Id, text)
            }
            67 => {
                self.pop();
                // mermaid's `yytext.substr(2).trim()`: two characters go,
                // whatever they are.
                let cut: String = text.chars().skip(2).collect();
                Tok(T::NoteText, cut.trim().to_string())
            }
            68 => {
                self.pop();
                let kept = text[..text.len() - "end note".len()].trim().to_string();
                Tok(T::NoteText, kept)
            }
            69 | 70 => Tok(T::Sd, text),
            71 => Tok(T::HideEmpty, text),
            72 => Tok(T::EdgeState, text),
            73 => {
                let mut text = text;
                if !self.process_id(start, &mut text) {
                    return Skip;
                }
                Tok(T::Id, text)
            }
            74 => Tok(T::Descr, text.trim().to_string()),
            75 => Tok(T::Arrow, text),
            76 => Tok(T::Concurrent, text),
            77 => Tok(T::StyleSeparator, text),
            79 => Tok(T::Invalid, text),
            _ => Skip,
        }
    }

    /// The next token (jison's `lex`), or `None` at the end of the input.
    fn next(&mut self) -> Result<Option<Token>, LexError> {
        loop {
            if self.done {
                return Ok(None);
            }
            let rest = &self.text[self.at..];
            if rest.is_empty() {
                self.done = true;
            }
            let cond = self.cond();
            let lenient = self.lenient_notes;
            if self.at >= self.no_direction_until {
                let line = dot_run(rest);
                if find_ci(&rest[..line], "direction").next().is_none() {
                    self.no_direction_until = self.at + line;
                }
            }
            let skip_direction = self.at < self.no_direction_until;
            let found = cond.rules().iter().find_map(|&r| {
                if skip_direction && matches!(r, 4..=7 | 43..=46) {
                    return None;
                }
                if r == 67 && lenient { lenient_note(rest) } else { matches(r, rest) }.map(|n| (r, n))
            });
            let Some((r, n)) = found else {
                if rest.is_empty() {
                    return Ok(None);
                }
                return Err(LexError::Unrecognized { at: self.at, cond });
            };
            if r == 52 {
                let span = self.at..self.at + n;
                return Err(LexError::StateNameWords { found: self.text[span.clone()].trim().to_string(), span });
            }
            let start = self.at;
            let stack = self.stack.len();
            let before = cond;
            self.at += n;
            match self.action(r, start) {
                Outcome::Token(t, text) => return Ok(Some(Token { t, text, span: start..self.at })),
                Outcome::Skip => {
                    // Nothing read and nothing changed: mermaid's lexer
                    // would call itself here until the stack overflows.
                    if self.at == start && self.stack.len() == stack && self.cond() == before && !self.done {
                        return Err(LexError::Stuck { at: start });
                    }
                }
            }
        }
    }
}

/// `\s*:[^\n]+`: a one-line note's text to the end of its line (repairs only).
fn lenient_note(s: &str) -> Option<usize> {
    let sp = spaces(s);
    let rest = s[sp..].strip_prefix(':')?;
    run(rest, |c| c != '\n').map(|n| sp + 1 + n)
}

/// Every token of `text`, and the error that stopped the lexer, if one did.
/// The last token is always `$end` unless an error stopped it.
/// `lenient_notes` is not mermaid's: see [`Lexer`].
pub fn tokens(text: &str, lenient_notes: bool) -> (Vec<Token>, Option<LexError>) {
    let mut lx = Lexer { text, at: 0, stack: vec![Cond::Initial], done: false, lenient_notes, no_direction_until: 0 };
    let mut out = Vec::new();
    loop {
        match lx.next() {
            Ok(Some(t)) => out.push(t),
            Ok(None) => {
                let end = text.len();
                out.push(Token { t: T::End, text: String::new(), span: end..end });
                return (out, None);
            }
            Err(e) => return (out, Some(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(T, String)> {
        let (toks, err) = tokens(text, false);
        assert!(err.is_none(), "{err:?} in {text:?}");
        toks.into_iter().map(|t| (t.t, t.text)).collect()
    }

    fn names(text: &str) -> Vec<&'static str> {
        kinds(text).into_iter().map(|(t, _)| t.name()).collect()
    }

    #[test]
    fn transitions_descriptions_and_start_end() {
        assert_eq!(names("stateDiagram-v2\n[*] --> A : go\n"), ["SD", "EDGE_STATE", "-->", "ID", "DESCR", "NL", "NL", "$end"]);
        let k = kinds("stateDiagram-v2\nA --> B : a: b\n");
        assert_eq!(k[4], (T::Descr, ": a: b".to_string()));
        // `::` stops a description; `;` is not a delimiter but an id.
        let (_, err) = tokens("stateDiagram-v2\nA --> B : a::b\n", false);
        assert!(err.is_none());
        assert_eq!(names("stateDiagram-v2\nA --> B : a; b\n")[4..7], ["DESCR", "ID", "ID"]);
    }

    #[test]
    fn keywords_win_over_ids_case_insensitively() {
        assert_eq!(names("stateDiagram-v2\nState --> B\n")[1..3], ["COMPOSIT_STATE", "COMPOSIT_STATE"]);
        assert_eq!(names("stateDiagram-v2\nDefault --> B\n")[1], "DEFAULT");
        let (_, err) = tokens("stateDiagram-v2\nNote --> B\n", false);
        assert!(matches!(err, Some(LexError::Unrecognized { .. })));
        assert_eq!(names("stateDiagram-v2\nend --> B\n")[1], "ID");
    }

    #[test]
    fn state_statements() {
        let k = kinds("stateDiagram-v2\nstate \"Long name\" as L\nstate F <<fork>>\nstate C {\n x --> y\n}\n");
        let t: Vec<T> = k.iter().map(|x| x.0).collect();
        assert_eq!(t[1..4], [T::StateDescr, T::As, T::Id]);
        assert_eq!(k[1].1, "Long name");
        assert_eq!(k[3].1, "L");
        assert!(k.contains(&(T::Fork, "F".to_string())), "{k:?}");
        assert!(t.contains(&T::StructStart) && t.contains(&T::StructStop) && t.contains(&T::CompositState));
        let (_, err) = tokens("stateDiagram-v2\nstate Foo Bar {\n x\n}\n", false);
        assert!(matches!(err, Some(LexError::StateNameWords { .. })));
    }

    #[test]
    fn notes_one_line_and_blocks() {
        let k = kinds("stateDiagram-v2\nnote right of A : hello there\n");
        assert_eq!(k[4], (T::NoteText, "hello there".to_string()));
        let k = kinds("stateDiagram-v2\nnote right of A :text\n");
        assert_eq!(k[4].1, "text", "the space before the colon is one of the two characters cut");
        let k = kinds("stateDiagram-v2\nnote right of A:text\n");
        assert_eq!(k[4].1, "ext", "mermaid cuts two characters whatever they are");
        let k = kinds("stateDiagram-v2\nNOTE LEFT OF A\n  one: two; three\n  END NOTE\n");
        assert_eq!(k[2].0, T::LeftOf);
        assert_eq!(k[4], (T::NoteText, "one: two; three".to_string()));
    }

    #[test]
    fn concurrency_only_inside_composites() {
        assert!(names("stateDiagram-v2\nstate A {\n x\n --\n y\n}\n").contains(&"CONCURRENT"));
        assert!(names("stateDiagram-v2\nA\n--\nB\n").contains(&"INVALID"));
    }

    #[test]
    fn direction_lines_and_comments() {
        let k = kinds("stateDiagram-v2\nA --> B : turn direction LR now\n");
        assert_eq!(k[1].0, T::DirLr, "the whole line is a direction statement");
        assert_eq!(names("stateDiagram-v2\nA --> B %% note\nC # also\n"), ["SD", "ID", "-->", "ID", "NL", "ID", "NL", "NL", "$end"]);
        let k = kinds("stateDiagram-v2\nclassDef bad fill:#f00,color:white\nclass A, B bad\nstyle A fill:#0f0\n");
        let t: Vec<T> = k.iter().map(|x| x.0).collect();
        assert_eq!(t[1..4], [T::ClassDef, T::ClassDefId, T::ClassDefStyleOpts]);
        assert!(t.contains(&T::ClassEntityIds) && t.contains(&T::StyleIds));
        assert_eq!(names("stateDiagram-v2\nclassDef default fill:#f00\n")[2], "DEFAULT_CLASSDEF_ID");
    }

    #[test]
    fn accessibility() {
        let k = kinds("stateDiagram-v2\naccTitle: The title\naccDescr {\n two\n lines\n}\nA\n");
        assert_eq!(k[1].0, T::AccTitle);
        assert_eq!(k[2], (T::AccTitleValue, "The title".to_string()));
        assert!(k.iter().any(|(t, s)| *t == T::AccDescrMultilineValue && s.contains("lines")));
    }
}
