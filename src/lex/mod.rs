//! Tokens: each diagram kind's lexer (logos), turning text into tokens with
//! byte spans.
//!
//! - [`flowchart`]: mermaid-js's modal flowchart lexer, rule for rule.
//! - [`directive`]: tokens of `%%{init: ...}%%` directives (a JSON5 subset).

pub mod directive;
pub mod flowchart;
pub mod sequence;
mod unicode;
