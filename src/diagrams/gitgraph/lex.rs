//! The gitGraph lexer: a model of the lexer mermaid-js 11 builds for its
//! Langium `gitGraph` grammar (a Chevrotain lexer).
//!
//! Chevrotain tries token types in a fixed order and takes the first that
//! matches, not the longest. Langium orders them: the whitespace-like
//! terminals first (blanks, line break), then the grammar's keywords by
//! falling length, then the other terminals in declaration order (`accDescr`,
//! `accTitle`, `title` lines, INT, STRING, front matter, directives, `%%`
//! comments, REFERENCE). A keyword made of word characters gives way to a
//! longer REFERENCE (`commits` is a name, not `commit` and `s`); mermaid's
//! `gitGraph` keyword must be followed by a blank, the end, or `%%`.
//!
//! Nothing else lexes: a `(`, a `,`, an `é` outside quotes is an error.
//! The runs of names and strings are logos lexers.

use logos::Logos;
use std::ops::Range;

/// The grammar's keywords, longest first (Langium's order).
pub const KEYWORDS: &[&str] = &[
    "cherry-pick", "gitGraph:", "HIGHLIGHT", "checkout", "gitGraph", "REVERSE", "parent:", "NORMAL", "commit", "branch", "order:", "switch", "merge", "type:", "msg:", "tag:", "id:", "LR", "TB",
    "BT", ":",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Newline,
    /// One of [`KEYWORDS`] (the text says which).
    Keyword,
    /// `accDescr: ...` or `accDescr { ... }`.
    AccDescr,
    /// `accTitle: ...`.
    AccTitle,
    /// `title ...`.
    Title,
    Int,
    /// `"..."` or `'...'`, backslash escapes allowed.
    Str,
    /// A branch name: `\w([-./\w]*[-\w])?`.
    Reference,
    Eof,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub span: Range<usize>,
}

/// A character no token type matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub at: usize,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    #[regex(r"[A-Za-z0-9_]([-./A-Za-z0-9_]*[-A-Za-z0-9_])?")]
    Reference,
    #[regex(r#""([^"\\]|\\(.|\n))*"|'([^'\\]|\\(.|\n))*'"#)]
    Str,
}

/// The length of a REFERENCE at the start of `s` (0: none).
fn reference_len(s: &str) -> usize {
    let mut l = Run::lexer(s);
    match l.next() {
        Some(Ok(Run::Reference)) => l.span().len(),
        _ => 0,
    }
}

fn string_len(s: &str) -> usize {
    let mut l = Run::lexer(s);
    match l.next() {
        Some(Ok(Run::Str)) => l.span().len(),
        _ => 0,
    }
}

/// Lexes the whole text (hidden tokens dropped), ending with EOF; or the
/// first character nothing matches.
pub fn lex(text: &str) -> Result<Vec<Token>, LexError> {
    let mut out = Vec::new();
    lex_from(text, 0, &mut out, &mut Unclosed::default())?;
    Ok(out)
}

/// Where a directive or front matter, once found unclosed, cannot close
/// either: a search for the end that failed from a place fails from any
/// later one, so each is made once, not once per `%%{` or `---` (a page of
/// them would cost the square of its length).
#[derive(Debug, Default, Clone, Copy)]
pub struct Unclosed {
    directive: Option<usize>,
    yaml: Option<usize>,
}

impl Unclosed {
    /// The text was mended at `at` (a character made a blank): an end
    /// right before it may now close.
    pub fn mended(&mut self, text: &str, at: usize) {
        let before = &text.as_bytes()[..at];
        if before.ends_with(b"}%%") {
            self.directive = None;
        }
        if before.ends_with(b"---") {
            self.yaml = None;
        }
    }
}

/// Lexes `text` from byte `at` (a token boundary), appending to `out`; at
/// the end, the `Eof` token. On an error `out` holds the tokens before it,
/// so that a caller that mends the text there can go on from the last one
/// rather than lex it all again.
pub fn lex_from(text: &str, mut at: usize, out: &mut Vec<Token>, unclosed: &mut Unclosed) -> Result<(), LexError> {
    while at < text.len() {
        let rest = &text[at..];
        let (kind, len) = match next(rest, at, unclosed) {
            Some(m) => m,
            None => return Err(LexError { at }),
        };
        if let Some(kind) = kind {
            out.push(Token { kind, span: at..at + len });
        }
        at += len;
    }
    out.push(Token { kind: Tok::Eof, span: text.len()..text.len() });
    Ok(())
}

/// The first token type that matches at the start of `s`, in Langium's
/// order; `None` as the kind for hidden tokens.
fn next(s: &str, at: usize, unclosed: &mut Unclosed) -> Option<(Option<Tok>, usize)> {
    let b = s.as_bytes();
    // WHITESPACE (hidden), NEWLINE
    let blanks = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    if blanks > 0 {
        return Some((None, blanks));
    }
    if s.starts_with('\n') {
        return Some((Some(Tok::Newline), 1));
    }
    if s.starts_with("\r\n") {
        return Some((Some(Tok::Newline), 2));
    }
    // Keywords, longest first; a word keyword yields to a longer REFERENCE.
    for &kw in KEYWORDS {
        if !s.starts_with(kw) {
            continue;
        }
        if kw == "gitGraph" {
            let after = &s[kw.len()..];
            let ok = after.is_empty() || after.starts_with("%%") || after.starts_with(|c: char| c.is_whitespace());
            if !ok {
                continue;
            }
        }
        let wordy = kw.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
        if wordy && reference_len(s) > kw.len() {
            return Some((Some(Tok::Reference), reference_len(s)));
        }
        return Some((Some(Tok::Keyword), kw.len()));
    }
    if let Some(len) = acc_descr(s) {
        return Some((Some(Tok::AccDescr), len));
    }
    if let Some(len) = acc_title(s) {
        return Some((Some(Tok::AccTitle), len));
    }
    if let Some(len) = title(s) {
        return Some((Some(Tok::Title), len));
    }
    if let Some(len) = int(s) {
        return Some((Some(Tok::Int), len));
    }
    let len = string_len(s);
    if len > 0 {
        return Some((Some(Tok::Str), len));
    }
    if s.starts_with("---") && unclosed.yaml.is_none_or(|from| at < from) {
        match yaml(s) {
            Some(len) => return Some((None, len)),
            None => unclosed.yaml = Some(at),
        }
    }
    if s.starts_with("%%{") && unclosed.directive.is_none_or(|from| at < from) {
        match directive(s) {
            Some(len) => return Some((None, len)),
            None => unclosed.directive = Some(at),
        }
    }
    if s.starts_with("%%") {
        return Some((None, line_len(s)));
    }
    let len = reference_len(s);
    (len > 0).then_some((Some(Tok::Reference), len))
}

fn line_len(s: &str) -> usize {
    s.find(['\n', '\r']).unwrap_or(s.len())
}

/// `[^\n\r]*?(?=%%)|[^\n\r]*`: up to a `%%` on the line, else to its end.
fn value_len(s: &str) -> usize {
    let line = line_len(s);
    s[..line].find("%%").unwrap_or(line)
}

/// `accDescr(?:[\t ]*:([^\n\r]*?(?=%%)|[^\n\r]*)|\s*{([^}]*)})`.
fn acc_descr(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("accDescr")?;
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if let Some(v) = rest[blanks..].strip_prefix(':') {
        return Some(8 + blanks + 1 + value_len(v));
    }
    let ws = rest.len() - rest.trim_start().len();
    let body = rest[ws..].strip_prefix('{')?;
    let close = body.find('}')?;
    Some(8 + ws + 1 + close + 1)
}

/// `accTitle[\t ]*:(?:[^\n\r]*?(?=%%)|[^\n\r]*)`.
fn acc_title(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("accTitle")?;
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let v = rest[blanks..].strip_prefix(':')?;
    Some(8 + blanks + 1 + value_len(v))
}

/// `title(?:[\t ][^\n\r]*?(?=%%)|[\t ][^\n\r]*|)`.
fn title(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("title")?;
    if rest.starts_with([' ', '\t']) {
        return Some(5 + 1 + value_len(&rest[1..]));
    }
    Some(5)
}

/// `0|[1-9][0-9]*(?!\.)`, as JavaScript's backtracking reads it.
fn int(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match b.first()? {
        b'0' => Some(1),
        b'1'..=b'9' => {
            let mut n = 1 + b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            // back off until no `.` follows
            while n >= 1 {
                if b.get(n) != Some(&b'.') {
                    return Some(n);
                }
                n -= 1;
            }
            None
        }
        _ => None,
    }
}

/// `---[\t ]*\r?\n(?:[\S\s]*?\r?\n)?---(?:\r?\n|(?!\S))`.
fn yaml(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("---")?;
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let rest = &rest[blanks..];
    let nl = if rest.starts_with("\r\n") { 2 } else if rest.starts_with('\n') { 1 } else { return None };
    let body_at = 3 + blanks + nl;
    let mut search = body_at;
    // the closing `---` at a line start (right after the opening line, or after a line break)
    loop {
        let candidate = if search == body_at && s[search..].starts_with("---") { Some(search) } else { s[search..].find("\n---").map(|i| search + i + 1) };
        let at = candidate?;
        let after = &s[at + 3..];
        if after.starts_with('\n') {
            return Some(at + 4);
        }
        if after.starts_with("\r\n") {
            return Some(at + 5);
        }
        if after.is_empty() || after.starts_with(|c: char| c.is_whitespace()) {
            return Some(at + 3);
        }
        search = at + 3;
    }
}

/// `[\t ]*%%{[\S\s]*?}%%(?:\r?\n|(?!\S))`.
fn directive(s: &str) -> Option<usize> {
    if !s.starts_with("%%{") {
        return None;
    }
    let mut from = 3;
    loop {
        let end = s[from..].find("}%%")? + from + 3;
        let after = &s[end..];
        if after.starts_with('\n') {
            return Some(end + 1);
        }
        if after.starts_with("\r\n") {
            return Some(end + 2);
        }
        if after.is_empty() || after.starts_with(|c: char| c.is_whitespace()) {
            return Some(end);
        }
        from = end - 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(Tok, &str)> {
        lex(text).expect("lexes").into_iter().map(|t| (t.kind, &text[t.span])).collect()
    }

    #[test]
    fn statements() {
        use Tok::*;
        assert_eq!(
            toks("gitGraph\n  commit id: \"a\" tag: 'v1'\n  branch feature/x-1 order: 2\n"),
            [(Keyword, "gitGraph"), (Newline, "\n"), (Keyword, "commit"), (Keyword, "id:"), (Str, "\"a\""), (Keyword, "tag:"), (Str, "'v1'"), (Newline, "\n"), (Keyword, "branch"), (Reference, "feature/x-1"), (Keyword, "order:"), (Int, "2"), (Newline, "\n"), (Eof, "")]
        );
    }

    #[test]
    fn chevrotains_first_match() {
        use Tok::*;
        assert_eq!(toks("commits")[0], (Reference, "commits"), "a longer name wins over a keyword");
        assert_eq!(toks("gitGraph LR:")[..3], [(Keyword, "gitGraph"), (Keyword, "LR"), (Keyword, ":")]);
        assert_eq!(toks("gitGraph:")[0], (Keyword, "gitGraph:"));
        assert_eq!(toks("gitGraphX")[0], (Reference, "gitGraphX"));
        assert_eq!(toks("branch 2024release")[1], (Int, "2024"), "INT comes before REFERENCE");
        assert_eq!(lex("branch 2024-release"), Err(LexError { at: 11 }), "then `-` starts nothing");
        assert_eq!(toks("branch 1.2")[1], (Reference, "1.2"));
        assert_eq!(toks("branch 12.5")[1], (Int, "1"), "JavaScript backs `[0-9]*` off a `.`");
        assert_eq!(toks("title My graph %% note")[0], (Title, "title My graph "));
        assert_eq!(toks("checkout title")[1], (Title, "title"));
    }

    #[test]
    fn what_does_not_lex() {
        assert_eq!(lex("commit id: abc (x)"), Err(LexError { at: 15 }));
        assert_eq!(lex("branch café"), Err(LexError { at: 10 }));
        assert!(lex("commit id: \"café (x)\"").is_ok());
    }
}
