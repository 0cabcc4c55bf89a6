//! The sequence diagram lexer: mermaid-js's jison lexer, rule for rule.
//!
//! jison tries its rules in order and takes the first that matches (not the
//! longest), in one of a few modes: after `participant`/`actor`/`activate`
//! an id runs to ` as `, `#`, `;` or the line's end; after `as`, `loop`,
//! `alt`, ... the rest of the line is one token. Keywords are
//! case-insensitive and need a word boundary after them, not before: an
//! actor named `End User` starts with the keyword `end`, as in mermaid.
//! Written by hand because of those first-match, lookahead and mode rules.

use super::model::LineType;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Newline,
    Num,
    Box,
    Participant,
    ParticipantActor,
    Create,
    Destroy,
    /// A participant name, trimmed.
    Actor(String),
    /// `@{ ... }` after a participant's name: the text between the braces.
    Config(String),
    As,
    Loop,
    Rect,
    Opt,
    Alt,
    Else,
    Par,
    ParOver,
    And,
    Critical,
    Option,
    Break,
    /// The rest of a line after `as`, `loop`, `else`, ... (untrimmed).
    RestOfLine(String),
    End,
    LeftOf,
    RightOf,
    Links,
    Link,
    Properties,
    Details,
    Over,
    Note,
    Activate,
    Deactivate,
    /// `title text`: the text.
    Title(String),
    AccTitle,
    AccTitleValue(String),
    AccDescr,
    AccDescrValue(String),
    AccDescrMultiline(String),
    Sd,
    Autonumber,
    Off,
    Comma,
    Arrow(LineType),
    /// `: text`: everything after the colon.
    Txt(String),
    Plus,
    Minus,
    /// A character no rule reads.
    Invalid,
    /// Text the lexer cannot read in its current mode (jison's "Lexical error").
    LexError,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
    /// A `Newline` that was a `;`.
    pub semicolon: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Initial,
    Id,
    Alias,
    Line,
    Config,
    AccTitle,
    AccDescr,
    AccDescrMulti,
}

/// Is `c` a JavaScript regex `\s`?
fn is_space(c: char) -> bool {
    crate::lex::is_js_space(c)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Keywords in rule order: (text, token).
const KEYWORDS: &[(&str, Tok)] = &[
    ("box", Tok::Box),
    ("participant", Tok::Participant),
    ("actor", Tok::ParticipantActor),
    ("create", Tok::Create),
    ("destroy", Tok::Destroy),
    ("loop", Tok::Loop),
    ("rect", Tok::Rect),
    ("opt", Tok::Opt),
    ("alt", Tok::Alt),
    ("else", Tok::Else),
    ("par", Tok::Par),
    ("par_over", Tok::ParOver),
    ("and", Tok::And),
    ("critical", Tok::Critical),
    ("option", Tok::Option),
    ("break", Tok::Break),
    ("end", Tok::End),
    ("left of", Tok::LeftOf),
    ("right of", Tok::RightOf),
    ("links", Tok::Links),
    ("link", Tok::Link),
    ("properties", Tok::Properties),
    ("details", Tok::Details),
    ("over", Tok::Over),
    ("note", Tok::Note),
    ("activate", Tok::Activate),
    ("deactivate", Tok::Deactivate),
];

/// Excluded from generic actor names: `+ < > - : \n , ;`.
fn actor_char(c: char) -> bool {
    !matches!(c, '+' | '<' | '>' | '-' | ':' | '\n' | ',' | ';')
}

/// Excluded from ids after `participant`: `- > : \n , ;`.
fn id_char(c: char) -> bool {
    !matches!(c, '-' | '>' | ':' | '\n' | ',' | ';')
}

pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    modes: Vec<Mode>,
    done: bool,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Lexer { src, pos: 0, modes: vec![Mode::Initial], done: false }
    }

    fn mode(&self) -> Mode {
        *self.modes.last().unwrap_or(&Mode::Initial)
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn tok(&mut self, tok: Tok, len: usize) -> Token {
        let span = self.pos..self.pos + len;
        self.pos += len;
        Token { tok, span, semicolon: false }
    }

    /// Length of the rest of the line from `pos` up to `#`, `\n` or `;`.
    fn line_run(&self, from: usize) -> usize {
        self.src[from..].find(['#', '\n', ';']).unwrap_or(self.src.len() - from)
    }

    /// Skips same-line blanks; true if any.
    fn skip_same_line_space(&mut self) -> bool {
        let start = self.pos;
        for (i, c) in self.rest().char_indices() {
            if c == '\n' || !is_space(c) {
                self.pos = start + i;
                return self.pos > start;
            }
        }
        self.pos = self.src.len();
        self.pos > start
    }

    fn skip_comment(&mut self) -> bool {
        if self.rest().starts_with('#') {
            self.pos += self.rest().find('\n').unwrap_or(self.rest().len());
            return true;
        }
        false
    }

    pub fn next_token(&mut self) -> Token {
        loop {
            if self.pos >= self.src.len() {
                if self.done {
                    return Token { tok: Tok::Eof, span: self.src.len()..self.src.len(), semicolon: false };
                }
                // jison's <<EOF>> rule: one NEWLINE, then the end.
                self.done = true;
                return Token { tok: Tok::Newline, span: self.src.len()..self.src.len(), semicolon: false };
            }
            let t = match self.mode() {
                Mode::Initial => self.initial(),
                Mode::Id => self.id(),
                Mode::Alias => self.alias(),
                Mode::Line => self.line(),
                Mode::Config => self.config(),
                Mode::AccTitle | Mode::AccDescr => {
                    let len = self.rest().find('\n').unwrap_or(self.rest().len());
                    let v = self.rest()[..len].to_string();
                    let tok = if self.mode() == Mode::AccTitle { Tok::AccTitleValue(v) } else { Tok::AccDescrValue(v) };
                    self.modes.pop();
                    Some(self.tok(tok, len))
                }
                Mode::AccDescrMulti => {
                    if self.rest().starts_with('}') {
                        self.pos += 1;
                        self.modes.pop();
                        None
                    } else {
                        let len = self.rest().find('}').unwrap_or(self.rest().len());
                        let v = self.rest()[..len].to_string();
                        Some(self.tok(Tok::AccDescrMultiline(v), len))
                    }
                }
            };
            if let Some(t) = t {
                return t;
            }
        }
    }

    /// A keyword (case-insensitive, word boundary after it when it ends in
    /// a word character) at the current position.
    fn keyword_at(&self, word: &str) -> bool {
        let r = self.rest().as_bytes();
        if r.len() < word.len() || !r[..word.len()].eq_ignore_ascii_case(word.as_bytes()) {
            return false;
        }
        !is_word(word.as_bytes()[word.len() - 1]) || r.get(word.len()).is_none_or(|&b| !is_word(b))
    }

    fn initial(&mut self) -> Option<Token> {
        let rest = self.rest();
        let c = rest.chars().next().unwrap();
        if c == '\n' {
            let len = rest.len() - rest.trim_start_matches('\n').len();
            return Some(self.tok(Tok::Newline, len));
        }
        if is_space(c) {
            // `\s+` also swallows line breaks after blanks, as in mermaid.
            let len = rest.char_indices().find(|&(_, c)| !is_space(c)).map_or(rest.len(), |(i, _)| i);
            self.pos += len;
            return None;
        }
        if self.skip_comment() {
            return None;
        }
        if rest.starts_with("%%") && !rest[2..].starts_with('{') {
            self.pos += rest.find('\n').unwrap_or(rest.len());
            return None;
        }
        if c != '}' && rest[c.len_utf8()..].starts_with("%%") {
            self.pos += rest.find('\n').filter(|&e| e > 0).unwrap_or(rest.len());
            return None;
        }
        // `[0-9]+(?=[ \n]+)`
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(rest.as_bytes().get(digits), Some(b' ' | b'\n')) {
            return Some(self.tok(Tok::Num, digits));
        }
        for (word, tok) in KEYWORDS {
            if self.keyword_at(word) {
                let t = self.tok(tok.clone(), word.len());
                if matches!(tok, Tok::Box | Tok::Loop | Tok::Rect | Tok::Opt | Tok::Alt | Tok::Else | Tok::Par | Tok::ParOver | Tok::And | Tok::Critical | Tok::Option | Tok::Break) {
                    self.modes.push(Mode::Line);
                }
                if matches!(tok, Tok::Participant | Tok::ParticipantActor | Tok::Destroy | Tok::Activate | Tok::Deactivate) {
                    self.modes.push(Mode::Id);
                }
                return Some(t);
            }
        }
        // "title"\s[^#\n;]+ and "title:"\s[^#\n;]+
        for (word, skip) in [("title", 6), ("title:", 7)] {
            if self.keyword_prefix(word) {
                let after = self.pos + word.len();
                if let Some(ws) = self.src[after..].chars().next().filter(|&c| is_space(c)) {
                    let run = self.line_run(after + ws.len_utf8());
                    if run > 0 {
                        let len = word.len() + ws.len_utf8() + run;
                        let text = self.src[self.pos + skip.min(len)..self.pos + len].to_string();
                        return Some(self.tok(Tok::Title(text), len));
                    }
                }
            }
        }
        for (word, tok, mode) in [("accTitle", Tok::AccTitle, Mode::AccTitle), ("accDescr", Tok::AccDescr, Mode::AccDescr)] {
            if self.keyword_prefix(word) {
                let after = &rest[word.len()..];
                let a = after.trim_start_matches(is_space);
                let gap = after.len() - a.len();
                if let Some(b) = a.strip_prefix(':') {
                    let b2 = b.trim_start_matches(is_space);
                    let len = word.len() + gap + 1 + (b.len() - b2.len());
                    let t = self.tok(tok, len);
                    self.modes.push(mode);
                    return Some(t);
                }
                if mode == Mode::AccDescr
                    && let Some(b) = a.strip_prefix('{')
                {
                    let b2 = b.trim_start_matches(is_space);
                    self.pos += word.len() + gap + 1 + (b.len() - b2.len());
                    self.modes.push(Mode::AccDescrMulti);
                    return None;
                }
            }
        }
        for (word, tok) in [("sequenceDiagram", Tok::Sd), ("autonumber", Tok::Autonumber), ("off", Tok::Off)] {
            if self.keyword_at(word) {
                return Some(self.tok(tok, word.len()));
            }
        }
        if c == ',' {
            return Some(self.tok(Tok::Comma, 1));
        }
        if c == ';' {
            let mut t = self.tok(Tok::Newline, 1);
            t.semicolon = true;
            return Some(t);
        }
        if let Some(len) = self.generic_actor() {
            let text = rest[..len].trim_matches(is_space).to_string();
            return Some(self.tok(Tok::Actor(text), len));
        }
        for (arrow, line) in [
            ("->>", LineType::Solid),
            ("<<->>", LineType::BidirectionalSolid),
            ("-->>", LineType::Dotted),
            ("<<-->>", LineType::BidirectionalDotted),
            ("->", LineType::SolidOpen),
            ("-->", LineType::DottedOpen),
            ("-x", LineType::SolidCross),
            ("-X", LineType::SolidCross),
            ("--x", LineType::DottedCross),
            ("--X", LineType::DottedCross),
            ("-)", LineType::SolidPoint),
            ("--)", LineType::DottedPoint),
        ] {
            if rest.starts_with(arrow) {
                return Some(self.tok(Tok::Arrow(line), arrow.len()));
            }
        }
        if c == ':' {
            let run = self.line_run(self.pos + 1);
            let text = rest[1..1 + run].to_string();
            return Some(self.tok(Tok::Txt(text), 1 + run));
        }
        if c == '+' {
            return Some(self.tok(Tok::Plus, 1));
        }
        if c == '-' {
            return Some(self.tok(Tok::Minus, 1));
        }
        Some(self.tok(Tok::Invalid, c.len_utf8()))
    }

    /// A keyword that needs no boundary check (followed by a fixed pattern).
    fn keyword_prefix(&self, word: &str) -> bool {
        let r = self.rest().as_bytes();
        r.len() >= word.len() && r[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    }

    /// `[^+<>\-:\n,;]+((?!(-x|--x|-\)|--\)))-*[^+<>\-:\n,;]+)*`: its length.
    fn generic_actor(&self) -> Option<usize> {
        let rest = self.rest();
        let run = |from: usize| rest[from..].char_indices().find(|&(_, c)| !actor_char(c)).map_or(rest.len() - from, |(i, _)| i);
        let first = run(0);
        if first == 0 {
            return None;
        }
        let mut end = first;
        loop {
            let r = &rest[end..];
            if r.starts_with("-x") || r.starts_with("--x") || r.starts_with("-)") || r.starts_with("--)") || r.starts_with("-X") || r.starts_with("--X") {
                break;
            }
            let dashes = r.bytes().take_while(|&b| b == b'-').count();
            let more = run(end + dashes);
            if more == 0 {
                break;
            }
            end += dashes + more;
        }
        Some(end)
    }

    fn id(&mut self) -> Option<Token> {
        if self.skip_same_line_space() || self.skip_comment() {
            return None;
        }
        let rest = self.rest();
        // Lazily: the shortest run of id characters (dashes only inside)
        // after which comes ` as `, `#`, `\n`, `;` or the end.
        let mut last_ok = false;
        for (i, c) in rest.char_indices() {
            if i > 0 && last_ok && rest[i..].trim_start_matches(|c: char| c != '\n' && is_space(c)).starts_with("@{") {
                // `participant A@{ "type": "database" }` (mermaid 11)
                let text = rest[..i].trim_matches(is_space).to_string();
                let t = self.tok(Tok::Actor(text), i);
                self.modes.pop();
                self.modes.push(Mode::Config);
                return Some(t);
            }
            if i > 0 && last_ok && self.id_stops_at(i) {
                let text = rest[..i].trim_matches(is_space).to_string();
                let t = self.tok(Tok::Actor(text), i);
                self.modes.pop();
                self.modes.push(Mode::Alias);
                return Some(t);
            }
            if c == '-' {
                last_ok = false;
                continue;
            }
            if !id_char(c) {
                break;
            }
            last_ok = true;
        }
        if last_ok && rest.chars().all(|c| c == '-' || id_char(c)) {
            let len = rest.len();
            let text = rest.trim_matches(is_space).to_string();
            let t = self.tok(Tok::Actor(text), len);
            self.modes.pop();
            self.modes.push(Mode::Alias);
            return Some(t);
        }
        // Nothing matches: jison's lexical error. Leave the mode.
        self.modes.pop();
        let len = rest.find('\n').unwrap_or(rest.len()).max(1);
        let len = (1..=len).rev().find(|&l| rest.is_char_boundary(l)).unwrap_or(rest.len());
        Some(self.tok(Tok::LexError, len))
    }

    /// The lookahead of the id rule at `rest()[i..]`.
    fn id_stops_at(&self, i: usize) -> bool {
        let r = &self.rest()[i..];
        if r.is_empty() || r.starts_with(['#', '\n', ';']) {
            return true;
        }
        // ((?!\n)\s)+ "as" (?!\n)\s
        let blanks = r.char_indices().find(|&(_, c)| c == '\n' || !is_space(c)).map_or(r.len(), |(j, _)| j);
        if blanks == 0 {
            return false;
        }
        let after = &r[blanks..];
        after.len() > 2 && after.as_bytes()[..2].eq_ignore_ascii_case(b"as") && after[2..].chars().next().is_some_and(|c| c != '\n' && is_space(c))
    }

    /// `@{ ... }`: up to the closing brace, then back to the first mode.
    fn config(&mut self) -> Option<Token> {
        if self.skip_same_line_space() {
            return None;
        }
        self.modes.pop();
        let rest = self.rest();
        let Some(body) = rest.strip_prefix("@{") else {
            return Some(self.tok(Tok::LexError, rest.chars().next().map_or(0, char::len_utf8)));
        };
        match body.find('}') {
            Some(end) => {
                let content = body[..end].to_string();
                Some(self.tok(Tok::Config(content), 2 + end + 1))
            }
            None => Some(self.tok(Tok::LexError, rest.len())),
        }
    }

    fn alias(&mut self) -> Option<Token> {
        if self.skip_same_line_space() || self.skip_comment() {
            return None;
        }
        self.modes.pop();
        if self.keyword_at("as") {
            let t = self.tok(Tok::As, 2);
            self.modes.push(Mode::Line);
            return Some(t);
        }
        Some(Token { tok: Tok::Newline, span: self.pos..self.pos, semicolon: false })
    }

    fn line(&mut self) -> Option<Token> {
        if self.skip_same_line_space() || self.skip_comment() {
            return None;
        }
        let run = self.line_run(self.pos);
        let text = self.rest()[..run].to_string();
        self.modes.pop();
        Some(self.tok(Tok::RestOfLine(text), run))
    }
}

/// Every token of `src`, ending with `Eof`.
pub fn tokens(src: &str) -> Vec<Token> {
    let mut lx = Lexer::new(src);
    let mut out = Vec::new();
    loop {
        let t = lx.next_token();
        let end = t.tok == Tok::Eof;
        out.push(t);
        if end {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        tokens(src).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn messages_and_arrows() {
        assert_eq!(
            kinds("A->>B: hi; there\n"),
            [Tok::Actor("A".into()), Tok::Arrow(LineType::Solid), Tok::Actor("B".into()), Tok::Txt(" hi".into()), Tok::Newline, Tok::Actor("there".into()), Tok::Newline, Tok::Newline, Tok::Eof]
        );
        assert_eq!(kinds("API-GW--xDB:x")[..3], [Tok::Actor("API-GW".into()), Tok::Arrow(LineType::DottedCross), Tok::Actor("DB".into())]);
        assert_eq!(kinds("A<<-->>B:x")[1], Tok::Arrow(LineType::BidirectionalDotted));
        assert_eq!(kinds("A-)+B:x")[1..3], [Tok::Arrow(LineType::SolidPoint), Tok::Plus]);
    }

    #[test]
    fn participants_with_aliases() {
        assert_eq!(
            kinds("participant N1 as Node 1 (Follower)\n"),
            [Tok::Participant, Tok::Actor("N1".into()), Tok::As, Tok::RestOfLine("Node 1 (Follower)".into()), Tok::Newline, Tok::Newline, Tok::Eof]
        );
        assert_eq!(kinds("actor Web Client\n")[..3], [Tok::ParticipantActor, Tok::Actor("Web Client".into()), Tok::Newline]);
        assert_eq!(
            kinds("participant DB@{ \"type\": \"database\" }\n")[..4],
            [Tok::Participant, Tok::Actor("DB".into()), Tok::Config(" \"type\": \"database\" ".into()), Tok::Newline]
        );
    }

    #[test]
    fn keywords_need_a_boundary_after_only() {
        assert_eq!(kinds("Endpoint->>B:x")[0], Tok::Actor("Endpoint".into()));
        assert_eq!(kinds("End User->>B:x")[..2], [Tok::End, Tok::Actor("User".into())]);
        assert_eq!(kinds("NOTE over A,B: t")[..5], [Tok::Note, Tok::Over, Tok::Actor("A".into()), Tok::Comma, Tok::Actor("B".into())]);
        assert_eq!(kinds("loop Every 5s # c\n")[..2], [Tok::Loop, Tok::RestOfLine("Every 5s ".into())]);
    }
}
