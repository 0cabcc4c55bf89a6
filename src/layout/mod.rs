//! What every kind's layout shares: geometry, the layered layout with
//! clusters ([`layered`]; flowcharts today, state and ER diagrams next),
//! node outlines, placed text, the figures measured on a layout and the
//! layout record the snapshot store diffs.
//!
//! Each kind's own layout is `diagrams/<kind>/layout.rs`: it sizes the
//! kind's elements (text measurement plus padding), places them (or hands
//! them to `layered`) and keeps the result with what drawing needs.

pub mod figures;
pub mod geometry;
pub mod intersections;
pub mod layered;
pub mod outline;
pub mod record;
pub mod text;

pub use figures::LayoutFigures;
