//! What every kind's lexer shares: JavaScript's character classes
//! ([`js`]), which mermaid's lexers are written in, and the tokens of
//! `%%{init: ...}%%` directives ([`directive`], a JSON5 subset).
//!
//! Kinds with a lexer of their own (logos, or hand-written where jison's
//! first-match order needs it) keep it in `diagrams/<kind>/lex.rs`.

pub mod directive;
pub mod js;

pub use js::{is_js_line_break, is_js_space};
