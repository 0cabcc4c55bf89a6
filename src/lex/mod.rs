//! Tokens: each diagram kind's lexer (logos), turning text into tokens with
//! byte spans.
