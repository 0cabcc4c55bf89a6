//! Pie charts (`pie`): a title, optional values, slices in the order written.
//!
//! [`parse`] (line by line: no lexer of its own) → [`model`] → [`layout`] →
//! [`draw`].
//!
//! Rule codes (AR3xx): AR300 a line mermaid cannot read; AR301 a value that
//! is not a number; AR302 a negative value; AR303 no slices; AR304 a slice
//! label given twice.

pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
