//! Layout: from a diagram model to geometry.
//!
//! `layered` is the general layered layout with clusters; each diagram kind
//! has an adapter that sizes its elements (text measurement plus padding),
//! hands them to a layout and keeps the result with what drawing needs.

pub mod flowchart;
pub mod gantt;
pub mod geometry;
pub mod layered;
pub mod metrics;
pub mod outline;
pub mod pie;
pub mod record;
pub mod sequence;
pub mod text;
pub mod timeline;
pub mod xychart;

pub use flowchart::{layout_flowchart, FlowchartLayout};
pub use metrics::LayoutFigures;
