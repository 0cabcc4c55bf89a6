//! The sankey lexer: a model of mermaid-js's (jison) sankey lexer, an
//! RFC 4180 CSV dialect of its own.
//!
//! After the keyword, mermaid's lexer is in its `csv` state: `\n` is a
//! NEWLINE, `,` a COMMA, `"` a DQUOTE that enters the `escaped_text` state,
//! and a run of printable ASCII other than `,` and `"` (`[\x20-\x21\x23-\x2B\x2D-\x7E]`)
//! is NON_ESCAPED_TEXT. Inside quotes, printable ASCII, `,`, line breaks and
//! doubled quotes (`""`) are ESCAPED_TEXT, and a lone `"` closes the field.
//!
//! Anything else (a tab, `é`, an emoji, a placeholder of mermaid's entity
//! encoding) matches none of those runs: jison's text rules match the empty
//! string there, the parser gets an empty text token it cannot use, and the
//! diagram is refused. Such a character is lexed here as [`Tok::Foreign`] so
//! the parser can say which character it is.
//!
//! jison takes the first rule that matches, not the longest; for these
//! rules the two agree (a text run never starts with `,`, `"` or `\n`, and
//! inside quotes `""` is text while a lone `"` closes), so the runs are
//! logos lexers.

use logos::Logos;
use std::ops::Range;

/// Tokens of the CSV body, named as mermaid's grammar names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// `sankey-beta` or `sankey` (case-insensitive, as mermaid's lexer).
    Keyword,
    Newline,
    Comma,
    /// `"` opening or closing a quoted field.
    DQuote,
    /// The inside of a quoted field (quotes still doubled).
    EscapedText,
    /// An unquoted field.
    NonEscapedText,
    /// One character no rule of mermaid's CSV lexer reads.
    Foreign,
    /// The end of the text.
    Eof,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum CsvRun {
    #[token("\n")]
    Newline,
    #[token(",")]
    Comma,
    #[token("\"")]
    DQuote,
    #[regex(r"[\x20-\x21\x23-\x2B\x2D-\x7E]+")]
    Text,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum EscapedRun {
    #[token("\"")]
    DQuote,
    #[regex(r#"([\x20-\x21\x23-\x2B\x2D-\x7E,\r\n]|"")+"#)]
    Text,
}

/// A token and where it is in the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub span: Range<usize>,
}

/// Lexes the text mermaid's sankey parser sees (after
/// [`super::parse::prepare_for_parsing`]): the keyword, then the CSV body.
/// The result always ends with [`Tok::Eof`].
pub fn lex(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4 + 4);
    let keyword = keyword_len(text);
    let mut at = 0;
    if keyword > 0 {
        out.push(Token { kind: Tok::Keyword, span: 0..keyword });
        at = keyword;
    }
    let mut quoted = false;
    while at < text.len() {
        let rest = &text[at..];
        let (kind, len) = if quoted {
            let mut lexer = EscapedRun::lexer(rest);
            match lexer.next() {
                Some(Ok(EscapedRun::DQuote)) => {
                    quoted = false;
                    (Tok::DQuote, 1)
                }
                Some(Ok(EscapedRun::Text)) => (Tok::EscapedText, lexer.span().len()),
                _ => (Tok::Foreign, rest.chars().next().map_or(1, char::len_utf8)),
            }
        } else {
            let mut lexer = CsvRun::lexer(rest);
            match lexer.next() {
                Some(Ok(CsvRun::Newline)) => (Tok::Newline, 1),
                Some(Ok(CsvRun::Comma)) => (Tok::Comma, 1),
                Some(Ok(CsvRun::DQuote)) => {
                    quoted = true;
                    (Tok::DQuote, 1)
                }
                Some(Ok(CsvRun::Text)) => (Tok::NonEscapedText, lexer.span().len()),
                _ => (Tok::Foreign, rest.chars().next().map_or(1, char::len_utf8)),
            }
        };
        out.push(Token { kind, span: at..at + len });
        at += len;
    }
    out.push(Token { kind: Tok::Eof, span: text.len()..text.len() });
    out
}

/// mermaid's `sankey-beta\b` then `sankey\b` (case-insensitive, first
/// match): the length of the keyword at the start of `text`, 0 if none.
fn keyword_len(text: &str) -> usize {
    let word_end = |n: usize| !text[n..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let starts = |w: &str| text.len() >= w.len() && text.is_char_boundary(w.len()) && text[..w.len()].eq_ignore_ascii_case(w);
    for w in ["sankey-beta", "sankey"] {
        if starts(w) && word_end(w.len()) {
            return w.len();
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Tok> {
        lex(text).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn records_and_quotes() {
        use Tok::*;
        assert_eq!(kinds("sankey-beta\na,b,10"), [Keyword, Newline, NonEscapedText, Comma, NonEscapedText, Comma, NonEscapedText, Eof]);
        assert_eq!(kinds("sankey\n\"a, \"\"b\"\"\nc\",x,1"), [Keyword, Newline, DQuote, EscapedText, DQuote, Comma, NonEscapedText, Comma, NonEscapedText, Eof]);
        let t = lex("sankey\n\"a, \"\"b\"\"\nc\",x,1");
        assert_eq!(t[3].span, 8..18);
    }

    #[test]
    fn keyword_is_case_insensitive_and_whole() {
        use Tok::*;
        assert_eq!(kinds("SANKEY-Beta\n")[..2], [Keyword, Newline]);
        // `sankey-betax`: not `sankey-beta\b`, but `sankey\b` then text.
        let t = lex("sankey-betax\n");
        assert_eq!((t[0].kind, t[0].span.clone()), (Keyword, 0..6));
        assert_eq!(t[1].kind, NonEscapedText);
        assert_eq!(kinds("sankeyx")[0], NonEscapedText);
    }

    #[test]
    fn characters_outside_printable_ascii_are_foreign() {
        use Tok::*;
        assert_eq!(kinds("sankey\ncafé,b,1")[2..5], [NonEscapedText, Foreign, Comma]);
        assert_eq!(kinds("sankey\na\t,b,1")[3], Foreign);
        assert_eq!(kinds("sankey\n\"é\",b,1")[3], Foreign);
    }
}
