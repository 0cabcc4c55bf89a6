//! Tokens: each diagram kind's lexer (logos), turning text into tokens with
//! byte spans.
//!
//! - [`flowchart`]: mermaid-js's modal flowchart lexer, rule for rule.
//! - [`sequence`]: mermaid-js's sequence diagram lexer, rule for rule
//!   (hand-written: jison's first-match order and lookaheads). Pie charts
//!   need no lexer of their own: `parse::pie` reads them line by line.
//! - [`directive`]: tokens of `%%{init: ...}%%` directives (a JSON5 subset).

pub mod directive;
pub mod flowchart;
pub mod sequence;
mod unicode;
