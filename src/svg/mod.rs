//! SVG: drawing laid-out diagrams. The writer, theme and text drawing are
//! shared; each diagram kind has its own drawing file.

pub mod document;
pub mod flowchart;
pub mod pie;
pub mod sequence;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod xychart;
pub mod gantt;
pub mod inline;
pub mod scheme;
pub mod writer;

pub use flowchart::draw_flowchart;
pub use theme::Theme;
