//! Sequence diagrams (`sequenceDiagram`): participants and actors, messages,
//! notes, activations, boxes and blocks (`loop`, `alt`, `par`, ...).
//!
//! [`lex`] (mermaid's lexer, hand-written for jison's first-match order) →
//! [`parse`] → [`model`] → [`layout`] → [`draw`].
//!
//! Rule codes (AR2xx): AR201 an unexpected token; AR202 a stray `;`; AR203
//! `end` closing nothing; AR204 `else`/`and`/`option` outside its block;
//! AR205 deactivating what is not active; AR206 an unclosed `box`; AR207 a
//! token mermaid cannot read here; AR208 a message with no text; AR209 an
//! unknown statement; AR210 a `#` cutting the line; AR211 a participant in
//! two boxes; AR212 activating a participant nothing names; AR213 `create`
//! not followed by a message to it.

pub mod lex;
pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
