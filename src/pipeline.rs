//! One diagram from text to SVG: parse, lay out, draw.

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub svg: String,
    pub warnings: Vec<Diagnostic>,
}

pub fn render_svg(_text: &str, _options: &RenderOptions) -> Result<Rendered, Vec<Diagnostic>> {
    Err(Vec::new())
}
