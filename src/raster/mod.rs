//! PNG and PDF from our SVG, through resvg and krilla (krilla-svg), with only the
//! bundled fonts, so the same SVG gives the same bytes on every machine.

pub mod pdf;

use crate::text::fonts::font_database;

#[derive(Debug)]
pub struct RasterError(pub String);

impl std::fmt::Display for RasterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RasterError {}

/// Largest PNG side we draw, in pixels; larger drawings are scaled down.
pub const MAX_PNG_SIDE: f64 = 16_000.0;

fn parse_tree(svg: &str) -> Result<usvg::Tree, RasterError> {
    // resvg's font fallback cannot place an emoji followed by U+FE0F (the
    // emoji presentation selector); the emoji font draws emoji in colour
    // without it.
    let svg = svg.replace('\u{FE0F}', "");
    let options = usvg::Options {
        fontdb: font_database(),
        font_family: "Liberation Sans".to_string(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(&svg, &options).map_err(|e| RasterError(format!("our SVG did not parse: {e}")))
}

/// Renders an SVG to PNG bytes at `scale` (2.0 gives 2 px per SVG unit).
pub fn svg_to_png(svg: &str, scale: f64) -> Result<Vec<u8>, RasterError> {
    encode_png(&svg_to_pixmap(svg, scale)?, PngEffort::Fast)
}

/// Draws an SVG on white at `scale`: the pixels `svg_to_png` encodes.
pub fn svg_to_pixmap(svg: &str, scale: f64) -> Result<tiny_skia::Pixmap, RasterError> {
    let tree = parse_tree(svg)?;
    let size = tree.size();
    let mut scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let longest = size.width().max(size.height()) as f64;
    if longest * scale > MAX_PNG_SIDE {
        scale = MAX_PNG_SIDE / longest;
    }
    let width = ((size.width() as f64 * scale).ceil() as u32).max(1);
    let height = ((size.height() as f64 * scale).ceil() as u32).max(1);
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(|| RasterError(format!("cannot allocate a {width}x{height} image")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale as f32, scale as f32), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// How hard the PNG encoder works for a smaller file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PngEffort {
    /// For `export` and reports: tiny-skia's plain encoder (measured on the
    /// corpus: as small as our own RGB or low-level deflate variants, and
    /// rasterising, not encoding, is most of the time).
    Fast,
    /// For files kept in git (the snapshot store): oxipng picks the fewest
    /// channels, a palette and bit depth where they lose nothing, and the
    /// row filters, then deflates with libdeflate; a quarter smaller than
    /// `Fast`, at about three times its time.
    Small,
}

/// Encodes pixels as a PNG, losslessly. The same pixels give the same bytes.
pub fn encode_png(pixmap: &tiny_skia::Pixmap, effort: PngEffort) -> Result<Vec<u8>, RasterError> {
    let fail = |e: &dyn std::fmt::Display| RasterError(format!("PNG encoding failed: {e}"));
    match effort {
        PngEffort::Fast => pixmap.encode_png().map_err(|e| fail(&e)),
        PngEffort::Small => {
            let straight: Vec<u8> = if pixmap.data().chunks_exact(4).all(|p| p[3] == 255) {
                // premultiplied is straight when opaque
                pixmap.data().to_vec()
            } else {
                pixmap.pixels().iter().flat_map(|p| {
                    let c = p.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                })
                .collect()
            };
            let image = oxipng::RawImage::new(pixmap.width(), pixmap.height(), oxipng::ColorType::RGBA, oxipng::BitDepth::Eight, straight).map_err(|e| fail(&e))?;
            image.create_optimized_png(&oxipng::Options::from_preset(0)).map_err(|e| fail(&e))
        }
    }
}

/// Converts an SVG to a one-page PDF of the drawing's size (one SVG unit
/// to one point), text kept as selectable text in subset fonts.
pub fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, RasterError> {
    let figure = pdf::PdfFigure::parse(svg)?;
    let (w, h) = figure.size();
    let page_size = krilla::geom::Size::from_wh(w, h).ok_or_else(|| RasterError("the drawing has no size".into()))?;
    let mut document = krilla::Document::new_with(pdf_settings(false));
    let mut page = document.start_page_with(krilla::page::PageSettings::new(page_size));
    let mut surface = page.surface();
    figure.draw(&mut surface, page_size);
    surface.finish();
    page.finish();
    document.finish().map_err(|e| RasterError(format!("PDF conversion failed: {e:?}")))
}

/// An SVG parsed into the tree PNG is drawn from (and PDF, but for its text).
pub fn svg_tree(svg: &str) -> Result<usvg::Tree, RasterError> {
    parse_tree(svg)
}

/// Draws a parsed SVG at the surface's current origin, scaled to `size`.
fn draw_tree(surface: &mut krilla::surface::Surface<'_>, tree: &usvg::Tree, size: krilla::geom::Size) {
    use krilla_svg::SurfaceExt;
    let settings = krilla_svg::SvgSettings { embed_text: true, ..krilla_svg::SvgSettings::default() };
    surface.draw_svg(tree, size, settings);
}

/// The PDF settings every document of ours is written with; `pdfa` asks
/// for PDF/A-2b, which krilla checks while writing.
pub fn pdf_settings(pdfa: bool) -> krilla::SerializeSettings {
    let mut settings = krilla::SerializeSettings { render_svg_glyph_fn: krilla_svg::render_svg_glyph, ..krilla::SerializeSettings::default() };
    if pdfa {
        use krilla::configure::{Archival, ConfigurationBuilder};
        if let Ok(configuration) = ConfigurationBuilder::new().with_archival_validator(Archival::A2_B).finish() {
            settings.configuration = configuration;
        }
    }
    settings
}
