//! atlas-render: Mermaid diagrams to SVG, PNG and PDF without a browser.
//!
//! Data flows one way through the stages:
//!
//! ```text
//! source (files, Markdown blocks) → lex (tokens, logos) → parse → model
//!   → layout (geometry) → svg → raster (PNG, PDF)
//! ```
//!
//! Each diagram kind is one folder, `diagrams/<kind>/`, holding its own
//! stages in that order (`lex.rs`, `parse.rs`, `model.rs`, `layout.rs`,
//! `draw.rs`); see [`diagrams`]. The stage modules at the top level (`lex`,
//! `parse`, `model`, `layout`, `svg`) hold what several kinds share;
//! `pipeline` takes one diagram through the stages, within the `limits` on
//! a diagram's size (`config`: `atlas-render.toml`). `text` (bundled fonts,
//! label markup, measurement) and `diagnostics` are shared by every stage;
//! `check` runs the pipeline over many sources and reports.

#![forbid(unsafe_code)]
pub mod batch;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod diagrams;
pub mod handbook;
pub mod layout;
pub mod lex;
pub mod limits;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod planes;
pub mod raster;
pub mod snapshot;
pub mod source;
pub mod svg;
pub mod text;
pub mod transform;

pub use diagnostics::{Diagnostic, Severity};
pub use pipeline::{render_svg, RenderOptions, Rendered};
