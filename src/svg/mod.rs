//! What every kind's drawing shares: the SVG writer, the root element,
//! themes, mermaid's section colours, measured text, and the rewriting of finished SVG for pages (ids
//! prefixed for inlining, light and dark schemes in one drawing). Each
//! kind's drawing is `diagrams/<kind>/draw.rs`.

pub mod document;
pub mod inline;
pub mod scheme;
pub mod sections;
pub mod text;
pub mod theme;
pub mod writer;

pub use theme::Theme;
