//! XY charts (`xychart-beta`, `xychart`): bar and line series over a
//! category or numeric x axis.
//!
//! [`parse`] (mermaid's jison lexer and grammar, by hand) → [`model`] →
//! [`layout`] → [`draw`].
//!
//! Rule codes (AR7xx): AR700 a character mermaid's lexer refuses outside
//! quotes (fix: quote the text); AR701 a statement the grammar cannot read;
//! AR702 an unquoted word starting with a keyword (fix: quote it); AR703 no
//! series; AR704 (warning) a series with more or fewer values than
//! categories.

pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
