//! Flowcharts (`flowchart TD`, `graph LR`, ...): nodes of many shapes, edges
//! with labels, nested subgraphs, `classDef`/`class`/`style`/`linkStyle`.
//!
//! - [`lex`]: mermaid-js's modal flowchart lexer, rule for rule
//!   ([`unicode`]: the letters of its `UNICODE_TEXT` token);
//! - [`parse`]: mermaid's jison grammar as an LALR(1) table
//!   (`parse/grammar.rs`), its database's actions (`parse/db.rs`) and the
//!   repairs that keep a refused diagram drawable;
//! - [`model`]: nodes, edges, subgraphs and their styling;
//! - [`layout`]: node sizes and shapes, then `layout::layered`;
//! - [`draw`]: the SVG, with the Atlas's plane legend when asked;
//! - [`metrics`]: the layout figures measured on the drawing (crossings,
//!   overlaps, ...); [`record`]: the geometry by id for the snapshot store.
//!
//! Before drawing, `planes` paints the Atlas's plane subgraphs.
//!
//! Rule codes (AR1xx):
//!
//! - AR101-AR104: `(`, `[`, `{`, `|` inside an unquoted label (fix: quote it);
//! - AR105: a `"` inside a label, or a backtick inside a markdown string;
//! - AR106: `@` right after text in an unquoted label (fix: quote it);
//! - AR107: a subgraph header mixing quoted and unquoted text (fix: one title);
//! - AR108-AR125: keywords as ids, unclosed labels and subgraphs, stray
//!   `end`, bad arrows, `linkStyle` out of range, unreadable `@{ }` data, ...;
//! - AR130-AR133 (warnings): what mermaid-js reads differently from what was
//!   meant (`direction` lines, mixed arrow ends, shapes drawn as rectangles,
//!   dropped HTML tags).

pub mod lex;
pub mod unicode;
pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
pub mod metrics;
pub mod record;
