//! Every figure of the book drawn, in parallel, through the same pipeline
//! as `atlas-render X.mmd -o X.pdf`: its SVG, its size and the size of its
//! smallest text, and what mermaid-js would say of it.

use super::book::Figure;
use crate::diagnostics::Severity;
use crate::pipeline::{render_svg, RenderOptions};
use rayon::prelude::*;

/// A figure as drawn.
#[derive(Debug, Clone)]
pub enum DrawnFigure {
    Drawn(Drawing),
    /// It cannot be drawn at all: the error, with its location.
    Failed { code: String, message: String, line: usize, column: usize },
}

#[derive(Debug, Clone)]
pub struct Drawing {
    pub svg: String,
    /// The drawing's size in SVG units (CSS pixels).
    pub width: f32,
    pub height: f32,
    /// The font size of its smallest text, in SVG units (16 for most).
    pub min_text: f32,
    /// The first error mermaid-js would refuse the diagram for, drawn tolerantly all the same.
    pub refusal: Option<Refusal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// `atlas-render check --fix` repairs it.
    pub fixable: bool,
}

/// The text size a drawing is taken to have when it holds no text.
const NO_TEXT: f32 = 16.0;

/// Draws every figure (in parallel; results in the figures' order).
pub fn draw_figures(figures: &[&Figure], options: &RenderOptions, progress: &indicatif::ProgressBar) -> Vec<DrawnFigure> {
    figures
        .par_iter()
        .map(|f| {
            let drawn = std::panic::catch_unwind(|| draw_figure(f, options)).unwrap_or_else(|_| DrawnFigure::Failed {
                code: "AR901".into(),
                message: "internal error while drawing (please report this diagram)".into(),
                line: f.line,
                column: 1,
            });
            progress.inc(1);
            drawn
        })
        .collect()
}

fn draw_figure(f: &Figure, options: &RenderOptions) -> DrawnFigure {
    // the 1-based line and column in the page of an offset in the diagram's
    // text; a block's text starts on the line after its fence
    let first_line = if f.source.block.is_some() { f.line + 1 } else { 1 };
    let line_col = |offset: usize| {
        let offset = offset.min(f.source.text.len());
        let before = &f.source.text[..offset];
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (first_line + line, column + 1)
    };
    match render_svg(&f.source.text, options) {
        Ok(rendered) => {
            let refusal = rendered.diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| {
                let (line, column) = line_col(d.span.start);
                Refusal { code: d.code.to_string(), message: d.message.clone(), line, column, fixable: d.fix.is_some() }
            });
            let extent = match svg_extent(&rendered.svg) {
                Some(e) => Ok(e),
                None => crate::raster::svg_tree(&rendered.svg).map(|tree| (tree.size().width(), tree.size().height(), smallest_text(&tree).unwrap_or(NO_TEXT))),
            };
            match extent {
                Ok((width, height, min_text)) => DrawnFigure::Drawn(Drawing { svg: rendered.svg, width, height, min_text, refusal }),
                Err(e) => DrawnFigure::Failed { code: "AR900".into(), message: e.to_string(), line: f.line, column: 1 },
            }
        }
        Err(failure) => {
            let d = failure.reason();
            match d {
                Some(d) => {
                    let (line, column) = line_col(d.span.start);
                    DrawnFigure::Failed { code: d.code.to_string(), message: d.message.clone(), line, column }
                }
                None => DrawnFigure::Failed { code: "AR000".into(), message: "nothing to draw".into(), line: f.line, column: 1 },
            }
        }
    }
}

/// Size and smallest font size of one of our own SVGs, read off its text
/// without parsing it: the root's `width` and `height`, and the least of
/// its `font-size` attributes (the only way our drawers size text). `None`
/// when the drawing scales anything (then the tree must be measured), or
/// when the root has no size.
pub fn svg_extent(svg: &str) -> Option<(f32, f32, f32)> {
    if svg.contains("scale(") || svg.contains("matrix(") || svg.contains("font-size:") {
        return None;
    }
    let root_end = svg.find('>')?;
    let root = &svg[..root_end];
    let attr = |text: &str, name: &str| -> Option<f32> {
        let at = text.find(&format!(" {name}=\""))? + name.len() + 3;
        text[at..].split('"').next()?.trim_end_matches("px").parse().ok()
    };
    let (width, height) = (attr(root, "width")?, attr(root, "height")?);
    let mut min: Option<f32> = None;
    for (at, _) in svg.match_indices(" font-size=\"") {
        let value = svg[at + 12..].split('"').next().and_then(|v| v.trim_end_matches("px").parse::<f32>().ok())?;
        min = Some(min.map_or(value, |m| m.min(value)));
    }
    Some((width, height, min.unwrap_or(NO_TEXT)))
}

/// The font size of the smallest text of a drawing, as drawn (transforms applied).
pub fn smallest_text(tree: &usvg::Tree) -> Option<f32> {
    fn walk(group: &usvg::Group, min: &mut Option<f32>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, min),
                usvg::Node::Text(t) => {
                    let (sx, sy) = t.abs_transform().get_scale();
                    let scale = sx.min(sy);
                    for chunk in t.chunks() {
                        for span in chunk.spans() {
                            if span.is_visible() && !chunk.text().trim().is_empty() {
                                let size = span.font_size().get() * scale;
                                *min = Some(min.map_or(size, |m: f32| m.min(size)));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut min = None;
    walk(tree.root(), &mut min);
    min
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading our SVG's text gives what usvg measures on the parsed tree.
    #[test]
    fn extent_read_off_the_svg_agrees_with_the_parsed_tree() {
        let mut read = 0;
        for (path, svg) in crate::pipeline::fixture_drawings() {
            let tree = crate::raster::svg_tree(&svg).unwrap();
            let Some((w, h, min)) = svg_extent(&svg) else { continue };
            read += 1;
            assert!((w - tree.size().width()).abs() < 0.01 && (h - tree.size().height()).abs() < 0.01, "{}", path.display());
            let parsed = smallest_text(&tree).unwrap_or(NO_TEXT);
            assert!((min - parsed).abs() < 0.01, "{}: {min} read, {parsed} parsed", path.display());
        }
        assert!(read >= 20, "only {read} fixtures read off their SVG");
    }
}
