//! One diagram from text to SVG: parse (within the [`Limits`]), lay out,
//! draw (through the kind's [`Definition`](crate::diagrams::Definition));
//! and to PNG or PDF.

use crate::diagnostics::{Diagnostic, Severity};
use crate::diagrams::{parse_within, Drawing, Extras};
use crate::layout::record::LayoutRecord;
use crate::layout::LayoutFigures;
use crate::limits::Limits;
use crate::model::config::ThemeName;
use crate::model::DiagramKind;
use crate::planes::PlaneSettings;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Svg,
    Png,
    Pdf,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// A theme that overrides the diagram's own.
    pub theme: Option<ThemeName>,
    /// Pixels per SVG unit in PNG output.
    pub scale: f64,
    /// How the Atlas's planes are coloured, and whether a legend is drawn.
    pub planes: PlaneSettings,
    /// For SVG inlined in HTML: every id and reference to one prefixed with
    /// this (see `svg::inline`), and `role="img"`.
    pub id_prefix: Option<String>,
    /// For SVG inlined in a page with a dark colour scheme: the page's
    /// selector for it (`[data-md-color-scheme="slate"]`); the drawing then
    /// carries the dark theme's paint as rules under it (see `svg::scheme`).
    pub dark_scheme: Option<String>,
    /// How big a diagram may be: one over a limit is refused (AR003).
    pub limits: Limits,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { theme: None, scale: 2.0, planes: PlaneSettings::default(), id_prefix: None, dark_scheme: None, limits: Limits::default() }
    }
}

/// A drawn diagram.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub kind: DiagramKind,
    pub svg: String,
    /// Everything parsing found. Errors here are what mermaid-js would
    /// refuse; the drawing shows what the author meant all the same.
    pub diagnostics: Vec<Diagnostic>,
    pub figures: Option<LayoutFigures>,
}

/// Why a diagram could not be drawn.
#[derive(Debug, Clone)]
pub struct RenderFailure {
    pub kind: DiagramKind,
    pub diagnostics: Vec<Diagnostic>,
}

impl RenderFailure {
    /// What to report: the first error (a warning may come before it).
    pub fn reason(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error()).or(self.diagnostics.first())
    }
}

/// Parses, lays out and draws one diagram.
pub fn render_svg(text: &str, options: &RenderOptions) -> Result<Rendered, RenderFailure> {
    render(text, options, Extras { figures: true, ..Extras::default() }).map(|(rendered, _)| rendered)
}

/// The same, with the drawing's geometry as a record by id (flowcharts;
/// `None` for the kinds whose layout is fixed by their data).
pub fn render_recorded(text: &str, options: &RenderOptions) -> Result<(Rendered, Option<LayoutRecord>), RenderFailure> {
    render(text, options, Extras { record: true, figures: true })
}

/// Draws a diagram, with what `extras` asks for besides (the paths that do
/// not need the record or the figures do not pay for them).
fn render(text: &str, options: &RenderOptions, extras: Extras) -> Result<(Rendered, Option<LayoutRecord>), RenderFailure> {
    let outcome = parse_within(text, &options.limits);
    let Some(diagram) = outcome.diagram else {
        let mut diagnostics = outcome.diagnostics;
        if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
            diagnostics.push(Diagnostic::error("AR000", 0..0, "nothing to draw"));
        }
        return Err(RenderFailure { kind: outcome.kind, diagnostics });
    };
    let dark_options = options.dark_scheme.as_ref().map(|_| RenderOptions { theme: Some(ThemeName::Dark), ..options.clone() });
    let Drawing { svg, figures, record: recorded, dark } = diagram.draw(options, dark_options.as_ref(), extras);
    let prefix = |svg: String| match &options.id_prefix {
        Some(prefix) => crate::svg::inline::prefix_ids(&svg, prefix),
        None => svg,
    };
    let mut svg = prefix(svg);
    if let (Some(selector), Some(dark)) = (&options.dark_scheme, dark) {
        let root_id = format!("{}diagram", options.id_prefix.as_deref().unwrap_or(""));
        if let Some(merged) = crate::svg::scheme::merge_schemes(&svg, &prefix(dark), selector, &root_id) {
            svg = merged;
        }
    }
    Ok((Rendered { kind: diagram.kind(), svg, diagnostics: outcome.diagnostics, figures }, recorded))
}

/// Renders to the bytes of the requested format.
/// (The drawing's figures are not measured: `Rendered::figures` is `None`
/// for flowcharts and state diagrams.)
pub fn render_bytes(text: &str, format: Format, options: &RenderOptions) -> Result<(Vec<u8>, Rendered), RenderFailure> {
    let (rendered, _) = render(text, options, Extras::default())?;
    let bytes = convert_svg(&rendered.svg, format, options).map_err(|e| RenderFailure {
        kind: rendered.kind,
        diagnostics: vec![Diagnostic::error("AR900", 0..0, e.to_string())],
    })?;
    Ok((bytes, rendered))
}

/// Our SVG in the requested format.
pub fn convert_svg(svg: &str, format: Format, options: &RenderOptions) -> Result<Vec<u8>, crate::raster::RasterError> {
    match format {
        Format::Svg => Ok(svg.as_bytes().to_vec()),
        Format::Png => crate::raster::svg_to_png(svg, options.scale),
        Format::Pdf => crate::raster::svg_to_pdf(svg),
    }
}

/// Every fixture of `tests/fixtures/` that draws, with its SVG (default
/// options), for the unit tests that check what later stages read off it.
#[cfg(test)]
pub(crate) fn fixture_drawings() -> Vec<(std::path::PathBuf, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir).expect("tests/fixtures").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "mmd")).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            render_svg(&text, &RenderOptions::default()).ok().map(|r| (path, r.svg))
        })
        .collect()
}
