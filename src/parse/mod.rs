//! What every kind's parser shares: reading the header (front matter and
//! `%%{init}%%` directives, [`directive`]), mermaid's text rewriting before
//! lexing ([`prep`]), and an LALR(1) parser generator for the kinds whose
//! grammar is mermaid's jison grammar ([`lalr`]).
//!
//! Each kind's own parser is in `diagrams/<kind>/`; `diagrams::parse` reads
//! the header, detects the kind and hands the text to it.
//!
//! Parsing is strict and tolerant at once. Everything mermaid-js would refuse
//! is reported as an error diagnostic, at the place mermaid reports it; but
//! where the author's intent is unambiguous the parser still builds the model
//! they meant, so rendering can draw it (with the errors shown as warnings).

pub mod directive;
pub mod lalr;
pub mod prep;
