//! Timelines (`timeline`): sections, periods and their events.
//!
//! [`parse`] (mermaid's lexer rules, by hand) → [`model`] → [`layout`] →
//! [`draw`].
//!
//! Rule codes (AR5xx): AR500 a period or section name with a `:` and no
//! blank after it (fix: `#58;`); AR501 an event's `:` with no blank after it
//! (fix: a blank); AR502-AR505 a `:` with no event, an event before any
//! period, `timeline` again, an unclosed `accDescr {`; AR506 (warning) a
//! period before the first section.

pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
