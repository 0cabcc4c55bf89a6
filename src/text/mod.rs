//! Text shared by every diagram kind: the bundled fonts, label markup
//! (`<br>`, entities, bold and italic), and measurement with the fonts' own
//! glyph advances and kerning.

mod ascii_metrics;
pub mod fonts;
pub mod markup;
pub mod measure;

pub use markup::{RichText, Run, TextLine};
pub use measure::{font_extent, measure, measure_line, plain_width, wrap, TextBlock, TextStyle};
