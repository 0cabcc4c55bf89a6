//! The flowchart lexer: a model of mermaid-js's (jison) flowchart lexer.
//!
//! mermaid's lexer is modal: a stack of states (`text` inside `[ ]`, `string`
//! inside quotes, `edgeText` after `--`, ...), each with its own ordered list
//! of rules. jison picks the **first** rule that matches, not the longest, and
//! appends `\b` to every rule that ends in a word character. Those two facts
//! decide how `styles`, `v`, `end-x`, `123abc` or `Lambda@Edge` are read, so
//! this lexer keeps mermaid's rule order exactly:
//!
//! - the order-sensitive rules of the initial state (keywords, `direction`
//!   lines, `LINK_ID`, numbers, single-character tokens) are checked by hand,
//!   in mermaid's order;
//! - runs where longest match and first match agree are logos lexers: arrows
//!   ([`LinkTok`]), shape brackets and separators ([`PunctTok`]), and the
//!   label states ([`TextTok`], [`TrapTok`], [`EllipseTok`], the edge-text
//!   states, [`StrTok`], [`MdTok`]).
//!
//! Tokens carry byte spans into the text they were lexed from (the text after
//! mermaid's preprocessing, see `parse::prep`).

use super::unicode::is_unicode_text;
use crate::lex::{is_js_line_break, is_js_space};
use logos::Logos;
use std::ops::Range;

macro_rules! terminals {
    ($($v:ident = $name:literal),* $(,)?) => {
        /// mermaid's flowchart terminals, named as in its grammar.
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
    Eof = "EOF",
    Graph = "GRAPH",
    NoDir = "NODIR",
    Dir = "DIR",
    Semi = "SEMI",
    Newline = "NEWLINE",
    Space = "SPACE",
    Subgraph = "subgraph",
    EndKw = "end",
    Sqs = "SQS",
    Sqe = "SQE",
    Str = "STR",
    MdStr = "MD_STR",
    AccTitle = "acc_title",
    AccTitleValue = "acc_title_value",
    AccDescr = "acc_descr",
    AccDescrValue = "acc_descr_value",
    AccDescrMultilineValue = "acc_descr_multiline_value",
    ShapeData = "SHAPE_DATA",
    Link = "LINK",
    StartLink = "START_LINK",
    LinkId = "LINK_ID",
    EdgeText = "EDGE_TEXT",
    TestStr = "TESTSTR",
    Pipe = "PIPE",
    Amp = "AMP",
    StyleSeparator = "STYLE_SEPARATOR",
    DoubleCircleStart = "DOUBLECIRCLESTART",
    DoubleCircleEnd = "DOUBLECIRCLEEND",
    Ps = "PS",
    Pe = "PE",
    EllipseStart = "(-",
    EllipseEnd = "-)",
    StadiumStart = "STADIUMSTART",
    StadiumEnd = "STADIUMEND",
    SubroutineStart = "SUBROUTINESTART",
    SubroutineEnd = "SUBROUTINEEND",
    VertexWithPropsStart = "VERTEX_WITH_PROPS_START",
    NodeString = "NODE_STRING",
    Colon = "COLON",
    CylinderStart = "CYLINDERSTART",
    CylinderEnd = "CYLINDEREND",
    DiamondStart = "DIAMOND_START",
    DiamondStop = "DIAMOND_STOP",
    TagEnd = "TAGEND",
    TagStart = "TAGSTART",
    TrapStart = "TRAPSTART",
    TrapEnd = "TRAPEND",
    InvTrapStart = "INVTRAPSTART",
    InvTrapEnd = "INVTRAPEND",
    Text = "TEXT",
    UnicodeText = "UNICODE_TEXT",
    Num = "NUM",
    Minus = "MINUS",
    Down = "DOWN",
    Up = "UP",
    Default = "DEFAULT",
    Comma = "COMMA",
    Brkt = "BRKT",
    Mult = "MULT",
    Style = "STYLE",
    LinkStyle = "LINKSTYLE",
    ClassDef = "CLASSDEF",
    Class = "CLASS",
    Click = "CLICK",
    CallbackName = "CALLBACKNAME",
    CallbackArgs = "CALLBACKARGS",
    Href = "HREF",
    LinkTarget = "LINK_TARGET",
    Interpolate = "INTERPOLATE",
    Unit = "UNIT",
    Pct = "PCT",
    DirectionTb = "direction_tb",
    DirectionBt = "direction_bt",
    DirectionRl = "direction_rl",
    DirectionLr = "direction_lr",
    Quote = "QUOTE",
    Sep = "SEP",
}

/// The lexer's states (jison start conditions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Initial,
    Str,
    MdStr,
    AccTitle,
    AccDescr,
    AccDescrMultiline,
    Dir,
    Text,
    EllipseText,
    TrapText,
    EdgeText,
    ThickEdgeText,
    DottedEdgeText,
    Click,
    CallbackName,
    CallbackArgs,
    ShapeData,
    ShapeDataStr,
}

/// A token and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: T,
    /// Byte range in the lexed text.
    pub span: Range<usize>,
    /// The state the token was read in.
    pub state: State,
    /// The outermost state above the initial one when the token was read, and
    /// where it was entered (e.g. the `[` of the label the token is in).
    pub outer: Option<(State, usize)>,
}

/// What the lexer produced next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lexed {
    Token(Token),
    /// No rule matches at this byte offset: mermaid's "Lexical error".
    Error(usize),
}

/// Repairs applied on top of mermaid's rules to read what an author meant
/// (see `parse::flowchart`): they never apply when parsing strictly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixes {
    /// Tokens read whatever the rules say (see [`Forced`]).
    pub forced: Vec<Forced>,
    /// Ranges of offsets where the `LINK_ID` rule (`x@`) must not apply.
    pub no_link_id: Vec<Range<usize>>,
}

/// At `span.start`, whatever the state, read one token of kind `kind`
/// covering `span`, enter `push` if given, and go on at `span.end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forced {
    pub span: Range<usize>,
    pub kind: T,
    pub push: Option<State>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    None,
    Push(State),
    Pop,
    PopPush(State),
}

/// One rule's match: length, token (None for rules that only change state).
type Matched = (usize, Option<T>, Op);

/// JavaScript's `\w`.
fn is_js_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Length in bytes of the `\s*` run at the start of `s`.
fn space_len(s: &str) -> usize {
    s.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(s.len(), |(i, _)| i)
}

/// `\b` right after a prefix ending in a word character.
fn word_ends(rest: &str) -> bool {
    !rest.chars().next().is_some_and(is_js_word)
}

/// A keyword rule: the literal, then `\b` (jison adds it).
fn keyword(s: &str, kw: &str) -> bool {
    s.starts_with(kw) && word_ends(&s[kw.len()..])
}

/// Arrows, as in mermaid's rules for the initial and edge-text states. For
/// these patterns the longest match is the one mermaid's ordered rules pick.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTok {
    /// `\s*[xo<]?\-\-+[-xo>]\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*[xo<]?--+[-xo>][\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    Normal,
    /// `\s*[xo<]?\-\-\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*[xo<]?--[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    NormalStart,
    /// `\s*[xo<]?\=\=+[=xo>]\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*[xo<]?==+[=xo>][\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    Thick,
    /// `\s*[xo<]?\=\=\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*[xo<]?==[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    ThickStart,
    /// `\s*[xo<]?\-?\.+\-[xo>]?\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*[xo<]?-?\.+-[xo>]?[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    Dotted,
    /// `\s*[xo<]?\-\.\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*[xo<]?-\.[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    DottedStart,
    /// `\s*\~\~[\~]+\s*`
    #[regex(r"[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*~~~+[\t\n\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]*")]
    Invisible,
}

/// The arrow at the start of `s`, with its length.
fn link_at(s: &str) -> Option<(LinkTok, usize)> {
    let mut lex = LinkTok::lexer(s);
    match lex.next() {
        Some(Ok(t)) if lex.span().start == 0 => Some((t, lex.span().end)),
        _ => None,
    }
}

/// Shape brackets, separators and blanks of the initial state. Each starts
/// with a character no other initial rule starts with (`\|` comes before the
/// `\` of `NODE_STRING` and is longer), so longest match is mermaid's order.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum PunctTok {
    #[token("(-")]
    EllipseStart,
    #[token("([")]
    StadiumStart,
    #[token("[[")]
    SubroutineStart,
    #[token("[|")]
    VertexWithPropsStart,
    #[token(">")]
    TagEnd,
    #[token("[(")]
    CylinderStart,
    #[token("(((")]
    DoubleCircleStart,
    #[token("[/")]
    TrapStart,
    #[token("[\\")]
    InvTrapStart,
    #[token("<")]
    TagStart,
    #[token("^")]
    Up,
    #[token("\\|")]
    Sep,
    #[token("|")]
    Pipe,
    #[token("(")]
    Ps,
    #[token("[")]
    Sqs,
    #[token("{")]
    DiamondStart,
    #[regex(r"(\r?\n)+")]
    Newline,
    #[regex(r"[\t\x0B\x0C\r \u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]")]
    Space,
}

/// The `text` state: inside `[ ]`, `( )`, `{ }`, `| |` and the other shapes.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum TextTok {
    #[token("\"`")]
    MdOpen,
    #[token("\"")]
    StrOpen,
    #[token("(-")]
    EllipseStart,
    #[token("])")]
    StadiumEnd,
    #[token("([")]
    StadiumStart,
    #[token("]]")]
    SubroutineEnd,
    #[token("[[")]
    SubroutineStart,
    #[token(")]")]
    CylinderEnd,
    #[token("[(")]
    CylinderStart,
    #[token(")))")]
    DoubleCircleEnd,
    #[token("(((")]
    DoubleCircleStart,
    #[token("[/")]
    TrapStart,
    #[token("[\\")]
    InvTrapStart,
    #[token("|")]
    Pipe,
    #[token(")")]
    Pe,
    #[token("(")]
    Ps,
    #[token("]")]
    Sqe,
    #[token("[")]
    Sqs,
    #[token("}")]
    DiamondStop,
    #[token("{")]
    DiamondStart,
    #[regex(r#"[^\[\]\(\)\{\}\|"]+"#)]
    Text,
}

/// The `trapText` state: inside `[/ /]`, `[\ \]` and their mixes.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum TrapTok {
    #[token("\"`")]
    MdOpen,
    #[token("\"")]
    StrOpen,
    #[token("(-")]
    EllipseStart,
    #[token("([")]
    StadiumStart,
    #[token("[[")]
    SubroutineStart,
    #[token("[(")]
    CylinderStart,
    #[token("(((")]
    DoubleCircleStart,
    /// `[\\(?=\])][\]]`: mermaid's class also takes `(`, `?`, `=` and `]`.
    #[regex(r"[\\(?=\]]\]")]
    TrapEnd,
    #[token("/]")]
    InvTrapEnd,
    #[token("/")]
    #[token("\\")]
    #[regex(r#"[^\\\[\]\(\)\{\}/"][^\\\[\]\(\)\{\}/]*"#)]
    Text,
    #[token("[/")]
    TrapStart,
    #[token("[\\")]
    InvTrapStart,
    #[token("(")]
    Ps,
    #[token("[")]
    Sqs,
    #[token("{")]
    DiamondStart,
}

/// The `ellipseText` state: inside `(- -)`.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum EllipseTok {
    #[token("\"`")]
    MdOpen,
    #[token("\"", priority = 10)]
    StrOpen,
    #[regex(r"[-/)]\)")]
    End,
    #[regex(r"[^\(\)\[\]\{\}]")]
    Text,
    #[token("(-")]
    EllipseStart,
    #[token("([")]
    StadiumStart,
    #[token("[[")]
    SubroutineStart,
    #[token("[(")]
    CylinderStart,
    #[token("(((")]
    DoubleCircleStart,
    #[token("[/")]
    TrapStart,
    #[token("[\\")]
    InvTrapStart,
    #[token("(")]
    Ps,
    #[token("[")]
    Sqs,
    #[token("{")]
    DiamondStart,
}

/// The `string` state: inside `"..."`.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum StrTok {
    #[token("\"`")]
    MdOpen,
    #[regex(r#"[^"]+"#)]
    Str,
    #[token("\"")]
    Close,
}

/// The `md_string` state: inside "`...`".
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum MdTok {
    #[regex(r#"[^`"]+"#)]
    Md,
    #[token("`\"")]
    Close,
    #[token("\"`")]
    MdOpen,
    #[token("\"")]
    StrOpen,
}

/// The first token logos reads at the start of `s`, with its length.
fn first<'a, L>(s: &'a str) -> Option<(L, usize)>
where
    L: Logos<'a, Source = str, Error = ()>,
    L::Extras: Default,
{
    let mut lex = L::lexer(s);
    match lex.next() {
        Some(Ok(t)) if lex.span().start == 0 => Some((t, lex.span().end)),
        _ => None,
    }
}

/// `NODE_STRING`: `([A-Za-z0-9!"\#$%&'*+\.`?\\_\/]|\-(?=[^\>\-\.])|=(?!=))+`.
fn node_string_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let ok = match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => true,
            b'!' | b'"' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'.' | b'`' | b'?' | b'\\' | b'_' | b'/' => true,
            b'-' => b.get(i + 1).is_some_and(|n| !matches!(n, b'>' | b'-' | b'.')),
            b'=' => b.get(i + 1) != Some(&b'='),
            _ => false,
        };
        if !ok {
            break;
        }
        i += 1;
    }
    i
}

/// Per-line cache for the `.*direction\s+XX[^\n]*` rules.
#[derive(Debug, Clone, Default)]
struct DirectionCache {
    /// The line (start of scan .. first line break) the cache is for.
    start: usize,
    line_end: usize,
    valid: bool,
    /// For TB, BT, RL, LR: the last occurrence of `direction\s+XX` on the
    /// line, and where the rule's match ends.
    last: [Option<(usize, usize)>; 4],
}

/// Cache for `LINK_ID` over one run of non-blank characters.
#[derive(Debug, Clone, Default)]
struct LinkIdCache {
    start: usize,
    end: usize,
    /// The last `@` of the run that `(?=[^\{\"])` accepts.
    last_at: Option<usize>,
}

/// The lexer. Call [`FlowLexer::next`] until it returns `$end` or an error.
pub struct FlowLexer<'a> {
    src: &'a str,
    pos: usize,
    stack: Vec<(State, usize)>,
    done: bool,
    first_graph: bool,
    fixes: &'a Fixes,
    dir_cache: DirectionCache,
    link_id_cache: LinkIdCache,
    /// No arrow starts before this offset: the end of a blank run with no
    /// arrow after it (see [`FlowLexer::link_here`]).
    no_link_before: std::cell::Cell<usize>,
    /// Guards against rules that match nothing without changing state.
    stalls: usize,
}

static NO_FIXES: Fixes = Fixes { forced: Vec::new(), no_link_id: Vec::new() };

impl<'a> FlowLexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Self::with_fixes(src, &NO_FIXES)
    }

    pub fn with_fixes(src: &'a str, fixes: &'a Fixes) -> Self {
        FlowLexer {
            src,
            pos: 0,
            stack: vec![(State::Initial, 0)],
            done: false,
            first_graph: true,
            fixes,
            dir_cache: DirectionCache::default(),
            link_id_cache: LinkIdCache::default(),
            no_link_before: std::cell::Cell::new(0),
            stalls: 0,
        }
    }

    pub fn state(&self) -> State {
        self.stack.last().map_or(State::Initial, |s| s.0)
    }

    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The outermost state above the initial one, and where it was entered.
    pub fn outer(&self) -> Option<(State, usize)> {
        self.stack.get(1).copied()
    }

    fn apply(&mut self, op: Op, at: usize) {
        match op {
            Op::None => {}
            Op::Push(s) => self.stack.push((s, at)),
            Op::Pop => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
            }
            Op::PopPush(s) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.stack.push((s, at));
            }
        }
    }

    fn token(&self, kind: T, span: Range<usize>, state: State) -> Token {
        Token { kind, span, state, outer: self.stack.get(1).copied() }
    }

    /// The next token, `$end` once the text is used up, or a lexical error.
    pub fn next(&mut self) -> Lexed {
        loop {
            if self.done {
                return Lexed::Token(self.token(T::End, self.pos..self.pos, self.state()));
            }
            if self.pos >= self.src.len() {
                self.done = true;
            }
            if let Some(f) = self.fixes.forced.iter().find(|f| f.span.start == self.pos && f.span.end > f.span.start) {
                let state = self.state();
                self.pos = f.span.end;
                self.done = false;
                let outer_before = self.stack.get(1).copied();
                if let Some(st) = f.push {
                    self.stack.push((st, f.span.start));
                }
                let mut t = self.token(f.kind, f.span.clone(), state);
                t.outer = outer_before.or(t.outer);
                return Lexed::Token(t);
            }
            let state = self.state();
            let matched = match state {
                State::Initial => self.rule_initial(),
                State::Str => self.rule_string(),
                State::MdStr => self.rule_md_string(),
                State::AccTitle | State::AccDescr => self.rule_acc_value(state),
                State::AccDescrMultiline => self.rule_acc_multiline(),
                State::Dir => self.rule_dir(),
                State::Text => self.rule_text(),
                State::EllipseText => self.rule_ellipse(),
                State::TrapText => self.rule_trap(),
                State::EdgeText | State::ThickEdgeText | State::DottedEdgeText => self.rule_edge_text(state),
                State::Click => self.rule_click(),
                State::CallbackName => self.rule_callback_name(),
                State::CallbackArgs => self.rule_callback_args(),
                State::ShapeData => self.rule_shape_data(),
                State::ShapeDataStr => self.rule_shape_data_str(),
            };
            let Some((len, tok, op)) = matched else {
                if self.pos >= self.src.len() {
                    self.done = true;
                    continue;
                }
                return Lexed::Error(self.pos);
            };
            let start = self.pos;
            self.pos += len;
            let outer_before = self.stack.get(1).copied();
            self.apply(op, start);
            if len == 0 && op == Op::None {
                self.stalls += 1;
                if self.stalls > 2 {
                    // A rule matching nothing again and again: stop (jison would loop).
                    self.done = true;
                }
            } else {
                self.stalls = 0;
            }
            if let Some(kind) = tok {
                let mut t = self.token(kind, start..start + len, state);
                t.outer = outer_before.or(t.outer);
                return Lexed::Token(t);
            }
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// [`link_at`] the lexer's position. Every arrow rule starts with
    /// `\s*`, so when none matches at the start of a blank run, none
    /// matches anywhere inside it either: the run is remembered, or a run of
    /// n blanks (read one `SPACE` at a time) would cost n² steps.
    fn link_here(&self) -> Option<(LinkTok, usize)> {
        if self.pos < self.no_link_before.get() {
            return None;
        }
        let s = self.rest();
        let found = link_at(s);
        if found.is_none() {
            let blank = s.len() - s.trim_start_matches(crate::lex::is_js_space).len();
            self.no_link_before.set(self.pos + blank);
        }
        found
    }

    fn rule_initial(&mut self) -> Option<Matched> {
        let s = self.rest();
        if s.is_empty() {
            return Some((0, Some(T::Eof), Op::None));
        }
        let c = s.as_bytes()[0];
        // accTitle / accDescr
        if c == b'a' {
            for (kw, colon_tok, brace) in [("accTitle", T::AccTitle, false), ("accDescr", T::AccDescr, true)] {
                if let Some(after) = s.strip_prefix(kw) {
                    let i = kw.len() + space_len(after);
                    let next = s[i..].chars().next();
                    if next == Some(':') {
                        let j = i + 1 + space_len(&s[i + 1..]);
                        let st = if colon_tok == T::AccTitle { State::AccTitle } else { State::AccDescr };
                        return Some((j, Some(colon_tok), Op::Push(st)));
                    }
                    if brace && next == Some('{') {
                        let j = i + 1 + space_len(&s[i + 1..]);
                        return Some((j, None, Op::Push(State::AccDescrMultiline)));
                    }
                }
            }
        }
        // Every rule up to the `direction` lines starts with one of these.
        if matches!(c, b'@' | b'c' | b'"' | b's' | b'd' | b'l' | b'i' | b'h' | b'f' | b'g' | b'e' | b'_') {
            if let Some(m) = self.keyword_rules(s, c) {
                return Some(m);
            }
        }
        if let Some((len, t)) = self.direction_rule() {
            return Some((len, Some(t), Op::None));
        }
        if !self.fixes.no_link_id.iter().any(|r| r.contains(&self.pos)) {
            if let Some(len) = self.link_id_rule() {
                return Some((len, Some(T::LinkId), Op::None));
            }
        }
        if c.is_ascii_digit() {
            let n = s.bytes().take_while(u8::is_ascii_digit).count();
            return Some((n, Some(T::Num), Op::None));
        }
        match c {
            b'#' => return Some((1, Some(T::Brkt), Op::None)),
            b':' if s.starts_with(":::") => return Some((3, Some(T::StyleSeparator), Op::None)),
            b':' => return Some((1, Some(T::Colon), Op::None)),
            b'&' => return Some((1, Some(T::Amp), Op::None)),
            b';' => return Some((1, Some(T::Semi), Op::None)),
            b',' => return Some((1, Some(T::Comma), Op::None)),
            b'*' => return Some((1, Some(T::Mult), Op::None)),
            _ => {}
        }
        if let Some((t, len)) = self.link_here() {
            return Some(match t {
                LinkTok::Normal | LinkTok::Thick | LinkTok::Dotted => (len, Some(T::Link), Op::Pop),
                LinkTok::NormalStart => (len, Some(T::StartLink), Op::Push(State::EdgeText)),
                LinkTok::ThickStart => (len, Some(T::StartLink), Op::Push(State::ThickEdgeText)),
                LinkTok::DottedStart => (len, Some(T::StartLink), Op::Push(State::DottedEdgeText)),
                LinkTok::Invisible => (len, Some(T::Link), Op::None),
            });
        }
        if let Some((t, len)) = first::<PunctTok>(s) {
            use PunctTok as P;
            return Some(match t {
                P::EllipseStart => (len, Some(T::EllipseStart), Op::Push(State::EllipseText)),
                P::StadiumStart => (len, Some(T::StadiumStart), Op::Push(State::Text)),
                P::SubroutineStart => (len, Some(T::SubroutineStart), Op::Push(State::Text)),
                P::VertexWithPropsStart => (len, Some(T::VertexWithPropsStart), Op::None),
                P::TagEnd => (len, Some(T::TagEnd), Op::Push(State::Text)),
                P::CylinderStart => (len, Some(T::CylinderStart), Op::Push(State::Text)),
                P::DoubleCircleStart => (len, Some(T::DoubleCircleStart), Op::Push(State::Text)),
                P::TrapStart => (len, Some(T::TrapStart), Op::Push(State::TrapText)),
                P::InvTrapStart => (len, Some(T::InvTrapStart), Op::Push(State::TrapText)),
                P::TagStart => (len, Some(T::TagStart), Op::None),
                P::Up => (len, Some(T::Up), Op::None),
                P::Sep => (len, Some(T::Sep), Op::None),
                P::Pipe => (len, Some(T::Pipe), Op::Push(State::Text)),
                P::Ps => (len, Some(T::Ps), Op::Push(State::Text)),
                P::Sqs => (len, Some(T::Sqs), Op::Push(State::Text)),
                P::DiamondStart => (len, Some(T::DiamondStart), Op::Push(State::Text)),
                P::Newline => (len, Some(T::Newline), Op::None),
                P::Space => (len, Some(T::Space), Op::None),
            });
        }
        if keyword(s, "v") {
            return Some((1, Some(T::Down), Op::None));
        }
        let n = node_string_len(s);
        if n > 0 {
            return Some((n, Some(T::NodeString), Op::None));
        }
        if c == b'-' {
            return Some((1, Some(T::Minus), Op::None));
        }
        let ch = s.chars().next()?;
        if is_unicode_text(ch) {
            return Some((ch.len_utf8(), Some(T::UnicodeText), Op::None));
        }
        // A lone `\n`-less space char that PunctTok did not take is impossible;
        // anything else is unrecognised.
        None
    }


    /// The initial state's keyword rules (`@{` ... `_top`), in mermaid's order.
    fn keyword_rules(&mut self, s: &str, c: u8) -> Option<Matched> {
        if s.starts_with("@{") {
            return Some((2, Some(T::ShapeData), Op::Push(State::ShapeData)));
        }
        if let Some(after) = s.strip_prefix("call") {
            let n = space_len(after);
            if n > 0 {
                return Some((4 + n, None, Op::Push(State::CallbackName)));
            }
        }
        if s.starts_with("\"`") {
            return Some((2, None, Op::Push(State::MdStr)));
        }
        if c == b'"' {
            return Some((1, None, Op::Push(State::Str)));
        }
        for (kw, t) in [
            ("style", T::Style),
            ("default", T::Default),
            ("linkStyle", T::LinkStyle),
            ("interpolate", T::Interpolate),
            ("classDef", T::ClassDef),
            ("class", T::Class),
        ] {
            if keyword(s, kw) {
                return Some((kw.len(), Some(t), Op::None));
            }
        }
        if s.starts_with("href") && s[4..].chars().next().is_some_and(is_js_space) {
            let n = s[4..].chars().next().map_or(0, char::len_utf8);
            return Some((4 + n, Some(T::Href), Op::None));
        }
        if let Some(after) = s.strip_prefix("click") {
            let n = space_len(after);
            if n > 0 {
                return Some((5 + n, None, Op::Push(State::Click)));
            }
        }
        for kw in ["flowchart-elk", "graph", "flowchart"] {
            if keyword(s, kw) {
                let op = if self.first_graph { Op::Push(State::Dir) } else { Op::None };
                self.first_graph = false;
                return Some((kw.len(), Some(T::Graph), op));
            }
        }
        if keyword(s, "subgraph") {
            return Some((8, Some(T::Subgraph), Op::None));
        }
        if keyword(s, "end") {
            return Some((3 + space_len(&s[3..]), Some(T::EndKw), Op::None));
        }
        for kw in ["_self", "_blank", "_parent", "_top"] {
            if keyword(s, kw) {
                return Some((kw.len(), Some(T::LinkTarget), Op::None));
            }
        }
        None
    }

    /// `.*direction\s+(TB|BT|RL|LR)[^\n]*`, tried in that order.
    fn direction_rule(&mut self) -> Option<(usize, T)> {
        let s = self.rest();
        let cached = self.dir_cache.valid && self.dir_cache.start <= self.pos && self.pos <= self.dir_cache.line_end;
        if !cached {
            let line_len = s.char_indices().find(|&(_, c)| is_js_line_break(c)).map_or(s.len(), |(i, _)| i);
            let line_end = self.pos + line_len;
            let mut last = [None; 4];
            for (i, _) in s[..line_len].match_indices("direction") {
                let after = &s[i + 9..];
                let n = space_len(after);
                if n == 0 {
                    continue;
                }
                let word = &after[n..];
                for (k, d) in ["TB", "BT", "RL", "LR"].iter().enumerate() {
                    if word.starts_with(d) {
                        let from = i + 9 + n + 2;
                        let end = s[from..].find('\n').map_or(s.len(), |e| from + e);
                        last[k] = Some((self.pos + i, self.pos + end));
                    }
                }
            }
            self.dir_cache = DirectionCache { start: self.pos, line_end, valid: true, last };
        }
        for (k, t) in [T::DirectionTb, T::DirectionBt, T::DirectionRl, T::DirectionLr].into_iter().enumerate() {
            if let Some((at, end)) = self.dir_cache.last[k] {
                if at >= self.pos {
                    return Some((end - self.pos, t));
                }
            }
        }
        None
    }

    /// `[^\s\"]+\@(?=[^\{\"])`: the last `@` of the run that is followed by
    /// a character other than `{` and `"`.
    fn link_id_rule(&mut self) -> Option<usize> {
        let pos = self.pos;
        let c = &self.link_id_cache;
        if !(c.start <= pos && pos < c.end) {
            let s = self.rest();
            let run = s.char_indices().find(|&(_, c)| is_js_space(c) || c == '"').map_or(s.len(), |(i, _)| i);
            let mut last_at = None;
            for (i, _) in s[..run].match_indices('@') {
                let next = s[i + 1..].chars().next();
                if next.is_some_and(|n| n != '{' && n != '"') {
                    last_at = Some(pos + i);
                }
            }
            self.link_id_cache = LinkIdCache { start: pos, end: pos + run, last_at };
        }
        match self.link_id_cache.last_at {
            Some(at) if at > pos => Some(at + 1 - pos),
            _ => None,
        }
    }

    fn rule_string(&mut self) -> Option<Matched> {
        let (t, len) = first::<StrTok>(self.rest())?;
        Some(match t {
            StrTok::MdOpen => (len, None, Op::Push(State::MdStr)),
            StrTok::Str => (len, Some(T::Str), Op::None),
            StrTok::Close => (len, None, Op::Pop),
        })
    }

    fn rule_md_string(&mut self) -> Option<Matched> {
        let (t, len) = first::<MdTok>(self.rest())?;
        Some(match t {
            MdTok::Md => (len, Some(T::MdStr), Op::None),
            MdTok::Close => (len, None, Op::Pop),
            MdTok::MdOpen => (len, None, Op::Push(State::MdStr)),
            MdTok::StrOpen => (len, None, Op::Push(State::Str)),
        })
    }

    /// `(?!\n|;|#)*[^\n]*`: the rest of the line.
    fn rule_acc_value(&mut self, state: State) -> Option<Matched> {
        let s = self.rest();
        let n = s.find('\n').unwrap_or(s.len());
        let t = if state == State::AccTitle { T::AccTitleValue } else { T::AccDescrValue };
        Some((n, Some(t), Op::Pop))
    }

    fn rule_acc_multiline(&mut self) -> Option<Matched> {
        let s = self.rest();
        if s.starts_with('}') {
            return Some((1, None, Op::Pop));
        }
        let n = s.find('}').unwrap_or(s.len());
        Some((n, Some(T::AccDescrMultilineValue), Op::None))
    }

    fn rule_dir(&mut self) -> Option<Matched> {
        let s = self.rest();
        // (\r?\n)*\s*\n : the shortest way to end at a line break is the one
        // jison's backtracking finds first; any whitespace run that contains
        // a `\n` matches, up to its last `\n`.
        let ws = space_len(s);
        if let Some(last_nl) = s[..ws].rfind('\n') {
            // `(\r?\n)*` is greedy, then `\s*\n`: the match ends at the last
            // `\n` of the whitespace run.
            return Some((last_nl + 1, Some(T::NoDir), Op::Pop));
        }
        let after = &s[ws..];
        for d in ["LR", "RL", "TB", "BT", "TD", "BR"] {
            if keyword(after, d) {
                return Some((ws + 2, Some(T::Dir), Op::Pop));
            }
        }
        for d in ["<", ">", "^"] {
            if after.starts_with(d) {
                return Some((ws + 1, Some(T::Dir), Op::Pop));
            }
        }
        if keyword(after, "v") {
            return Some((ws + 1, Some(T::Dir), Op::Pop));
        }
        self.star_rules(s, State::Dir)
    }

    /// The `<*>` rules after mermaid's state-specific ones, for states whose
    /// own rules did not match.
    fn star_rules(&self, s: &str, _state: State) -> Option<Matched> {
        if s.starts_with("\"`") {
            return Some((2, None, Op::Push(State::MdStr)));
        }
        if s.starts_with('"') {
            return Some((1, None, Op::Push(State::Str)));
        }
        if let Some((LinkTok::Invisible, len)) = self.link_here() {
            return Some((len, Some(T::Link), Op::None));
        }
        let two = |p: &str| s.starts_with(p);
        if two("(-") {
            return Some((2, Some(T::EllipseStart), Op::Push(State::EllipseText)));
        }
        if two("([") {
            return Some((2, Some(T::StadiumStart), Op::Push(State::Text)));
        }
        if two("[[") {
            return Some((2, Some(T::SubroutineStart), Op::Push(State::Text)));
        }
        if two("[(") {
            return Some((2, Some(T::CylinderStart), Op::Push(State::Text)));
        }
        if two("(((") {
            return Some((3, Some(T::DoubleCircleStart), Op::Push(State::Text)));
        }
        if two("[/") {
            return Some((2, Some(T::TrapStart), Op::Push(State::TrapText)));
        }
        if two("[\\") {
            return Some((2, Some(T::InvTrapStart), Op::Push(State::TrapText)));
        }
        match s.as_bytes().first() {
            Some(b'|') => Some((1, Some(T::Pipe), Op::Push(State::Text))),
            Some(b'(') => Some((1, Some(T::Ps), Op::Push(State::Text))),
            Some(b'[') => Some((1, Some(T::Sqs), Op::Push(State::Text))),
            Some(b'{') => Some((1, Some(T::DiamondStart), Op::Push(State::Text))),
            _ => None,
        }
    }

    fn rule_text(&mut self) -> Option<Matched> {
        let s = self.rest();
        if let Some((LinkTok::Invisible, len)) = self.link_here() {
            return Some((len, Some(T::Link), Op::None));
        }
        let (t, len) = first::<TextTok>(s)?;
        use TextTok as X;
        Some(match t {
            X::MdOpen => (len, None, Op::Push(State::MdStr)),
            X::StrOpen => (len, None, Op::Push(State::Str)),
            X::EllipseStart => (len, Some(T::EllipseStart), Op::Push(State::EllipseText)),
            X::StadiumEnd => (len, Some(T::StadiumEnd), Op::Pop),
            X::StadiumStart => (len, Some(T::StadiumStart), Op::Push(State::Text)),
            X::SubroutineEnd => (len, Some(T::SubroutineEnd), Op::Pop),
            X::SubroutineStart => (len, Some(T::SubroutineStart), Op::Push(State::Text)),
            X::CylinderEnd => (len, Some(T::CylinderEnd), Op::Pop),
            X::CylinderStart => (len, Some(T::CylinderStart), Op::Push(State::Text)),
            X::DoubleCircleEnd => (len, Some(T::DoubleCircleEnd), Op::Pop),
            X::DoubleCircleStart => (len, Some(T::DoubleCircleStart), Op::Push(State::Text)),
            X::TrapStart => (len, Some(T::TrapStart), Op::Push(State::TrapText)),
            X::InvTrapStart => (len, Some(T::InvTrapStart), Op::Push(State::TrapText)),
            X::Pipe => (len, Some(T::Pipe), Op::Pop),
            X::Pe => (len, Some(T::Pe), Op::Pop),
            X::Ps => (len, Some(T::Ps), Op::Push(State::Text)),
            X::Sqe => (len, Some(T::Sqe), Op::Pop),
            X::Sqs => (len, Some(T::Sqs), Op::Push(State::Text)),
            X::DiamondStop => (len, Some(T::DiamondStop), Op::Pop),
            X::DiamondStart => (len, Some(T::DiamondStart), Op::Push(State::Text)),
            X::Text => (len, Some(T::Text), Op::None),
        })
    }

    fn rule_trap(&mut self) -> Option<Matched> {
        let s = self.rest();
        if let Some((LinkTok::Invisible, len)) = self.link_here() {
            return Some((len, Some(T::Link), Op::None));
        }
        let (t, len) = first::<TrapTok>(s)?;
        use TrapTok as X;
        Some(match t {
            X::MdOpen => (len, None, Op::Push(State::MdStr)),
            X::StrOpen => (len, None, Op::Push(State::Str)),
            X::EllipseStart => (len, Some(T::EllipseStart), Op::Push(State::EllipseText)),
            X::StadiumStart => (len, Some(T::StadiumStart), Op::Push(State::Text)),
            X::SubroutineStart => (len, Some(T::SubroutineStart), Op::Push(State::Text)),
            X::CylinderStart => (len, Some(T::CylinderStart), Op::Push(State::Text)),
            X::DoubleCircleStart => (len, Some(T::DoubleCircleStart), Op::Push(State::Text)),
            X::TrapEnd => (len, Some(T::TrapEnd), Op::Pop),
            X::InvTrapEnd => (len, Some(T::InvTrapEnd), Op::Pop),
            X::Text => (len, Some(T::Text), Op::None),
            X::TrapStart => (len, Some(T::TrapStart), Op::Push(State::TrapText)),
            X::InvTrapStart => (len, Some(T::InvTrapStart), Op::Push(State::TrapText)),
            X::Ps => (len, Some(T::Ps), Op::Push(State::Text)),
            X::Sqs => (len, Some(T::Sqs), Op::Push(State::Text)),
            X::DiamondStart => (len, Some(T::DiamondStart), Op::Push(State::Text)),
        })
    }

    fn rule_ellipse(&mut self) -> Option<Matched> {
        let s = self.rest();
        if let Some((LinkTok::Invisible, len)) = self.link_here() {
            return Some((len, Some(T::Link), Op::None));
        }
        let (t, len) = first::<EllipseTok>(s)?;
        use EllipseTok as X;
        Some(match t {
            X::MdOpen => (len, None, Op::Push(State::MdStr)),
            X::StrOpen => (len, None, Op::Push(State::Str)),
            X::End => (len, Some(T::EllipseEnd), Op::Pop),
            X::Text => (len, Some(T::Text), Op::None),
            X::EllipseStart => (len, Some(T::EllipseStart), Op::Push(State::EllipseText)),
            X::StadiumStart => (len, Some(T::StadiumStart), Op::Push(State::Text)),
            X::SubroutineStart => (len, Some(T::SubroutineStart), Op::Push(State::Text)),
            X::CylinderStart => (len, Some(T::CylinderStart), Op::Push(State::Text)),
            X::DoubleCircleStart => (len, Some(T::DoubleCircleStart), Op::Push(State::Text)),
            X::TrapStart => (len, Some(T::TrapStart), Op::Push(State::TrapText)),
            X::InvTrapStart => (len, Some(T::InvTrapStart), Op::Push(State::TrapText)),
            X::Ps => (len, Some(T::Ps), Op::Push(State::Text)),
            X::Sqs => (len, Some(T::Sqs), Op::Push(State::Text)),
            X::DiamondStart => (len, Some(T::DiamondStart), Op::Push(State::Text)),
        })
    }

    /// `edgeText`, `thickEdgeText`, `dottedEdgeText`: after `--`, `==`, `-.`.
    fn rule_edge_text(&mut self, state: State) -> Option<Matched> {
        let s = self.rest();
        if s.starts_with("\"`") {
            return Some((2, None, Op::Push(State::MdStr)));
        }
        if s.starts_with('"') {
            return Some((1, None, Op::Push(State::Str)));
        }
        let (closing, ch) = match state {
            State::EdgeText => (LinkTok::Normal, '-'),
            State::ThickEdgeText => (LinkTok::Thick, '='),
            _ => (LinkTok::Dotted, '.'),
        };
        if let Some((t, len)) = self.link_here() {
            if t == closing {
                return Some((len, Some(T::Link), Op::Pop));
            }
        }
        let c = s.chars().next()?;
        // `[^-]|\-(?!\-)`, `[^=]|\=(?!=)`, `[^\.]|\.(?!-)`
        let follow = if state == State::DottedEdgeText { '-' } else { ch };
        if c != ch || !s[1..].starts_with(follow) {
            return Some((c.len_utf8(), Some(T::EdgeText), Op::None));
        }
        // The remaining `<*>` rules cannot match a `-`, `=` or `.`.
        None
    }

    fn rule_click(&mut self) -> Option<Matched> {
        let s = self.rest();
        if let Some(c) = s.chars().next() {
            if is_js_space(c) {
                return Some((c.len_utf8(), None, Op::Pop));
            }
        }
        let n = s.char_indices().find(|&(_, c)| is_js_space(c)).map_or(s.len(), |(i, _)| i);
        Some((n, Some(T::Click), Op::None))
    }

    fn rule_callback_name(&mut self) -> Option<Matched> {
        let s = self.rest();
        if let Some(after) = s.strip_prefix('(') {
            let n = space_len(after);
            if after[n..].starts_with(')') {
                return Some((n + 2, None, Op::Pop));
            }
            return Some((1, None, Op::PopPush(State::CallbackArgs)));
        }
        let n = s.find('(').unwrap_or(s.len());
        Some((n, Some(T::CallbackName), Op::None))
    }

    fn rule_callback_args(&mut self) -> Option<Matched> {
        let s = self.rest();
        if s.starts_with(')') {
            return Some((1, None, Op::Pop));
        }
        let n = s.find(')').unwrap_or(s.len());
        Some((n, Some(T::CallbackArgs), Op::None))
    }

    fn rule_shape_data(&mut self) -> Option<Matched> {
        let s = self.rest();
        if s.starts_with('"') {
            return Some((1, Some(T::ShapeData), Op::Push(State::ShapeDataStr)));
        }
        let n = s.find(['}', '^', '"']).unwrap_or(s.len());
        if n > 0 {
            return Some((n, Some(T::ShapeData), Op::None));
        }
        if s.starts_with('}') {
            return Some((1, None, Op::Pop));
        }
        self.star_rules(s, State::ShapeData)
    }

    fn rule_shape_data_str(&mut self) -> Option<Matched> {
        let s = self.rest();
        if s.starts_with('"') {
            return Some((1, Some(T::ShapeData), Op::Pop));
        }
        let n = s.find('"').unwrap_or(s.len());
        if n > 0 {
            return Some((n, Some(T::ShapeData), Op::None));
        }
        None
    }
}

/// Every token of `src` (strict mermaid rules), ending with `$end` or at a
/// lexical error (reported as `Err(offset)` after the tokens before it).
pub fn tokenize(src: &str) -> (Vec<Token>, Option<usize>) {
    let mut lexer = FlowLexer::new(src);
    let mut out = Vec::new();
    loop {
        match lexer.next() {
            Lexed::Token(t) => {
                let end = t.kind == T::End;
                out.push(t);
                if end {
                    return (out, None);
                }
            }
            Lexed::Error(at) => return (out, Some(at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(T, String)> {
        let (toks, err) = tokenize(src);
        assert_eq!(err, None, "lexical error in {src:?}");
        toks.into_iter().filter(|t| t.kind != T::End).map(|t| (t.kind, src[t.span].to_string())).collect()
    }

    fn just_kinds(src: &str) -> Vec<T> {
        kinds(src).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn header_and_simple_edge() {
        assert_eq!(
            kinds("graph TD\nA-->B\n"),
            vec![
                (T::Graph, "graph".into()),
                (T::Dir, " TD".into()),
                (T::Newline, "\n".into()),
                (T::NodeString, "A".into()),
                (T::Link, "-->".into()),
                (T::NodeString, "B".into()),
                (T::Newline, "\n".into()),
                (T::Eof, "".into()),
            ]
        );
    }

    #[test]
    fn dashes_inside_ids() {
        let k = kinds("A-->Trade-offs");
        assert_eq!(k[1], (T::Link, "-->".into()));
        assert_eq!(k[2], (T::NodeString, "Trade-offs".into()));
        assert_eq!(kinds("ConsistencyTrade-offs")[0], (T::NodeString, "ConsistencyTrade-offs".into()));
    }

    #[test]
    fn keywords_need_a_word_boundary() {
        assert_eq!(kinds("styles")[0], (T::NodeString, "styles".into()));
        assert_eq!(kinds("style A")[0], (T::Style, "style".into()));
        assert_eq!(kinds("vpc")[0], (T::NodeString, "vpc".into()));
        assert_eq!(kinds("v")[0], (T::Down, "v".into()));
        assert_eq!(kinds("endpoint")[0], (T::NodeString, "endpoint".into()));
        assert_eq!(kinds("end\n  A")[0], (T::EndKw, "end\n  ".into()));
        assert_eq!(kinds("end-x")[0].0, T::EndKw);
    }

    #[test]
    fn labels_open_the_text_state() {
        assert_eq!(
            just_kinds("A[Zuul (Primary) x]"),
            vec![T::NodeString, T::Sqs, T::Text, T::Ps, T::Text, T::Pe, T::Text, T::Sqe, T::Eof]
        );
        assert_eq!(just_kinds("A([x])"), vec![T::NodeString, T::StadiumStart, T::Text, T::StadiumEnd, T::Eof]);
        assert_eq!(just_kinds("A[(x)]"), vec![T::NodeString, T::CylinderStart, T::Text, T::CylinderEnd, T::Eof]);
        assert_eq!(just_kinds("A(((x)))"), vec![T::NodeString, T::DoubleCircleStart, T::Text, T::DoubleCircleEnd, T::Eof]);
        assert_eq!(just_kinds("A[/x\\]"), vec![T::NodeString, T::TrapStart, T::Text, T::TrapEnd, T::Eof]);
        assert_eq!(just_kinds("A>x]"), vec![T::NodeString, T::TagEnd, T::Text, T::Sqe, T::Eof]);
        assert_eq!(just_kinds("A[\"x\"]"), vec![T::NodeString, T::Sqs, T::Str, T::Sqe, T::Eof]);
        assert_eq!(just_kinds("A[\"`x`\"]"), vec![T::NodeString, T::Sqs, T::MdStr, T::Sqe, T::Eof]);
    }

    #[test]
    fn edge_text_states() {
        assert_eq!(
            kinds("A-- hi -->B").into_iter().map(|(k, t)| format!("{}:{t}", k.name())).collect::<Vec<_>>(),
            vec!["NODE_STRING:A", "START_LINK:-- ", "EDGE_TEXT:h", "EDGE_TEXT:i", "LINK: -->", "NODE_STRING:B", "EOF:"]
        );
        assert_eq!(just_kinds("A-. x .->B")[1], T::StartLink);
        assert_eq!(just_kinds("A== x ==>B")[1], T::StartLink);
        assert_eq!(just_kinds("A ~~~ B")[1], T::Link);
    }

    #[test]
    fn link_id_takes_the_last_at() {
        // `)]` closes a cylinder, even inside a square label.
        assert_eq!(just_kinds("A[x (y)]")[5], T::CylinderEnd);
        let src = "CF[CloudFront<br/>Lambda@Edge]";
        let (toks, err) = tokenize(src);
        assert_eq!((toks[0].kind, &src[toks[0].span.clone()]), (T::LinkId, "CF[CloudFront<br/>Lambda@"));
        assert_eq!(err, Some(src.len() - 1));
        assert_eq!(kinds("A[x @y]")[0], (T::NodeString, "A".into()));
        assert_eq!(kinds("e1@-->B")[0], (T::LinkId, "e1@".into()));
        assert_eq!(kinds("A@{ shape: rect }")[1].0, T::ShapeData);
    }

    #[test]
    fn direction_lines_swallow_the_line() {
        assert_eq!(kinds("  direction LR\n")[0], (T::DirectionLr, "  direction LR".into()));
    }

    #[test]
    fn lexical_errors_and_end() {
        let (toks, err) = tokenize("A --> 🚀");
        assert_eq!(err, Some(6));
        assert_eq!(toks.len(), 2);
        let (toks, err) = tokenize("A[x");
        assert_eq!(err, None);
        assert_eq!(toks.last().unwrap().kind, T::End);
        assert!(toks.iter().all(|t| t.kind != T::Eof));
    }

    #[test]
    fn never_stalls_on_odd_input() {
        for src in ["", "graph", "graph TD\n", "click", "click A call f(", "accDescr {", "A@{", "\"`", "[[[[[", "((((", "A-- -- -->", "\u{0}\u{1}"] {
            let (toks, _) = tokenize(src);
            assert!(toks.len() < 50, "{src:?}");
        }
    }
}
