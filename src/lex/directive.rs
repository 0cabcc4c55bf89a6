//! Tokens of the JSON5-ish object inside a `%%{init: {...}}%%` directive:
//! braces, brackets, `:`, `,`, single- or double-quoted strings, numbers,
//! bare words (keys, `true`, `false`, `null`) and comments.

use logos::Logos;

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n\u{a0}\u{feff}]+")]
#[logos(skip(r"//[^\n]*", allow_greedy = true))]
#[logos(skip r"/\*([^*]|\*+[^*/])*\*+/")]
pub enum JsonTok {
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[regex(r#""([^"\\\n]|\\.)*""#)]
    #[regex(r#"'([^'\\\n]|\\.)*'"#)]
    Str,
    #[regex(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")]
    Number,
    #[regex(r"[A-Za-z_$][A-Za-z0-9_$-]*")]
    Word,
}

/// The inside of a quoted string token, with JSON/JS escapes resolved.
pub fn unquote(tok: &str) -> String {
    let inner = &tok[1..tok.len().saturating_sub(1).max(1)];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_single_quoted_objects() {
        let src = "{'theme':'base', themeVariables: { \"fontSize\": '16px', n: -1.5 }}";
        let toks: Vec<_> = JsonTok::lexer(src).map(|t| t.unwrap()).collect();
        assert_eq!(toks[0], JsonTok::LBrace);
        assert_eq!(toks[1], JsonTok::Str);
        assert!(toks.contains(&JsonTok::Number));
        assert!(toks.contains(&JsonTok::Word));
        assert_eq!(unquote("'a\\'b'"), "a'b");
    }
}
