//! Our SVG as PDF content: its shapes through krilla-svg from the usvg
//! tree (the tree resvg rasterises for PNG), its text set directly with the
//! bundled fonts.
//!
//! Every line of text our SVG holds was measured by us with these fonts and
//! carries that width as `textLength`; laying it out again through usvg's
//! text engine would give the same glyphs at twenty times the cost (the
//! text was 94% of parsing a whole site's SVG). So the `<text>` elements are
//! read off the SVG (position, anchor, size, weight, style, colour, the
//! transforms and opacity of the groups around them), shaped with rustybuzz
//! on the faces parsed once for the process, and drawn as real text:
//! selectable, searchable, in subset fonts. Everything else goes through
//! usvg and krilla-svg untouched.

use super::RasterError;
use crate::planes::colour::Rgb;
use crate::text::fonts::{self, FaceId};
use krilla::color::rgb;
use krilla::geom::{Point, Size};
use tiny_skia::Transform;
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::sync::OnceLock;
use usvg::roxmltree;

/// One line of text of a drawing.
#[derive(Debug, Clone, PartialEq)]
struct TextLine {
    /// From the SVG's user space of the text to the drawing's (viewBox applied).
    transform: Transform,
    opacity: f32,
    x: f32,
    y: f32,
    anchor: Anchor,
    size: f32,
    fill: Rgb,
    /// Runs of text with their weight and style.
    runs: Vec<(String, bool, bool)>,
    /// The width the line was measured at (`textLength`).
    length: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// A drawing ready to be put on a PDF page.
pub struct PdfFigure {
    tree: usvg::Tree,
    texts: Vec<TextLine>,
}

impl PdfFigure {
    /// Reads one of our SVGs: its text, and the rest as a usvg tree.
    pub fn parse(svg: &str) -> Result<PdfFigure, RasterError> {
        let document = roxmltree::Document::parse(svg).map_err(|e| RasterError(format!("our SVG did not parse: {e}")))?;
        let root = document.root_element();
        let mut texts = Vec::new();
        let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
        collect_text(root, viewport_transform(root), 1.0, &mut texts, &mut cut);
        let mut shapes = String::with_capacity(svg.len());
        let mut at = 0;
        for range in cut {
            shapes.push_str(&svg[at..range.start]);
            at = range.end;
        }
        shapes.push_str(&svg[at..]);
        Ok(PdfFigure { tree: super::parse_tree(&shapes)?, texts })
    }

    /// The drawing's size in SVG units.
    pub fn size(&self) -> (f32, f32) {
        (self.tree.size().width(), self.tree.size().height())
    }

    /// Draws the figure at the surface's origin, scaled to `size`.
    pub fn draw(&self, surface: &mut Surface<'_>, size: Size) {
        super::draw_tree(surface, &self.tree, size);
        let scale = krilla::geom::Transform::from_scale(size.width() / self.tree.size().width(), size.height() / self.tree.size().height());
        let faces = fonts();
        surface.push_transform(&scale);
        for t in &self.texts {
            let m = t.transform;
            surface.push_transform(&krilla::geom::Transform::from_row(m.sx, m.ky, m.kx, m.sy, m.tx, m.ty));
            let opacity = NormalizedF32::new(t.opacity.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE);
            let shaped: Vec<(FaceId, &str, Vec<KrillaGlyph>, f32)> = t
                .runs
                .iter()
                .flat_map(|(text, bold, italic)| face_runs(text, *bold, *italic))
                .map(|(face, text)| {
                    let (glyphs, advance) = shape(text, face);
                    (face, text, glyphs, advance * t.size)
                })
                .collect();
            let natural: f32 = shaped.iter().map(|s| s.3).sum();
            let width = t.length.filter(|l| *l > 0.0).unwrap_or(natural);
            let start = match t.anchor {
                Anchor::Start => t.x,
                Anchor::Middle => t.x - width / 2.0,
                Anchor::End => t.x - width,
            };
            // textLength with lengthAdjust="spacingAndGlyphs": the line is stretched to the measured width
            let stretch = if natural > 0.0 { width / natural } else { 1.0 };
            surface.push_transform(&krilla::geom::Transform::from_row(stretch, 0.0, 0.0, 1.0, start, t.y));
            surface.set_fill(Some(Fill { paint: rgb::Color::new(t.fill.0, t.fill.1, t.fill.2).into(), opacity, rule: Default::default() }));
            let mut x = 0.0;
            for (face, text, glyphs, advance) in &shaped {
                if let Some(font) = faces.get(*face) {
                    surface.draw_glyphs(Point::from_xy(x, 0.0), glyphs, font.clone(), text, t.size, false);
                }
                x += advance;
            }
            surface.pop();
            surface.pop();
        }
        surface.pop();
    }
}

/// The transform the root's viewBox makes.
fn viewport_transform(root: roxmltree::Node) -> Transform {
    let number = |name: &str| root.attribute(name).and_then(|v| v.trim_end_matches("px").parse::<f32>().ok());
    let Some(view) = root.attribute("viewBox").map(|v| v.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse::<f32>().ok()).collect::<Vec<_>>()) else {
        return Transform::identity();
    };
    if view.len() != 4 || view[2] <= 0.0 || view[3] <= 0.0 {
        return Transform::identity();
    }
    let sx = number("width").map_or(1.0, |w| w / view[2]);
    let sy = number("height").map_or(1.0, |h| h / view[3]);
    Transform::from_row(sx, 0.0, 0.0, sy, -view[0] * sx, -view[1] * sy)
}

/// Walks the tree: every `<text>` with the transform and opacity over it,
/// and the byte ranges to cut from the SVG.
fn collect_text(node: roxmltree::Node, transform: Transform, opacity: f32, texts: &mut Vec<TextLine>, cut: &mut Vec<std::ops::Range<usize>>) {
    for child in node.children().filter(|c| c.is_element()) {
        let own = child.attribute("transform").map_or(Transform::identity(), parse_transform);
        let transform = transform.pre_concat(own);
        let opacity = opacity * child.attribute("opacity").and_then(|o| o.parse::<f32>().ok()).unwrap_or(1.0);
        match child.tag_name().name() {
            "text" => {
                cut.push(child.range());
                if let Some(line) = text_line(child, transform, opacity) {
                    texts.push(line);
                }
            }
            // what a reader never sees: no text to set from them
            "defs" | "title" | "desc" | "clipPath" | "mask" | "marker" | "symbol" | "style" => {}
            _ => collect_text(child, transform, opacity, texts, cut),
        }
    }
}

fn text_line(node: roxmltree::Node, transform: Transform, opacity: f32) -> Option<TextLine> {
    let number = |name: &str| node.attribute(name).and_then(|v| v.trim_end_matches("px").parse::<f32>().ok());
    let bold = node.attribute("font-weight").is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
    let italic = node.attribute("font-style").is_some_and(|s| s == "italic" || s == "oblique");
    let mut runs: Vec<(String, bool, bool)> = Vec::new();
    for child in node.children() {
        if child.is_text() {
            runs.push((child.text().unwrap_or("").to_string(), bold, italic));
        } else if child.is_element() && child.tag_name().name() == "tspan" {
            let b = child.attribute("font-weight").map_or(bold, |w| w == "bold");
            let i = child.attribute("font-style").map_or(italic, |s| s == "italic");
            let text: String = child.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect();
            runs.push((text, b, i));
        }
    }
    // SVG's default white space: line breaks and tabs are blanks, runs of blanks one, none at the ends
    let mut previous_blank = true;
    for (text, _, _) in &mut runs {
        let mut out = String::with_capacity(text.len());
        for c in text.chars().filter(|c| *c != '\u{FE0F}') {
            let blank = c.is_whitespace();
            if blank && previous_blank {
                continue;
            }
            out.push(if blank { ' ' } else { c });
            previous_blank = blank;
        }
        *text = out;
    }
    if let Some((last, _, _)) = runs.iter_mut().rev().find(|(t, _, _)| !t.is_empty()) {
        let trimmed = last.trim_end().len();
        last.truncate(trimmed);
    }
    runs.retain(|(t, _, _)| !t.is_empty());
    if runs.is_empty() {
        return None;
    }
    let fill = match node.attribute("fill") {
        Some("none") => return None,
        Some(f) => Rgb::parse(f).unwrap_or(Rgb(0, 0, 0)),
        None => Rgb(0, 0, 0),
    };
    Some(TextLine {
        transform,
        opacity,
        x: number("x").unwrap_or(0.0),
        y: number("y").unwrap_or(0.0),
        anchor: match node.attribute("text-anchor") {
            Some("middle") => Anchor::Middle,
            Some("end") => Anchor::End,
            _ => Anchor::Start,
        },
        size: number("font-size").unwrap_or(16.0),
        fill,
        runs,
        length: number("textLength"),
    })
}

/// An SVG `transform` list: `translate`, `rotate`, `scale`, `matrix`, `skewX`, `skewY`.
fn parse_transform(text: &str) -> Transform {
    let mut result = Transform::identity();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let name = rest[..open].trim().trim_start_matches(',').trim();
        let Some(close) = rest[open..].find(')') else { break };
        let args: Vec<f32> = rest[open + 1..open + close].split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
        let arg = |i: usize, default: f32| args.get(i).copied().unwrap_or(default);
        let t = match name {
            "translate" => Transform::from_translate(arg(0, 0.0), arg(1, 0.0)),
            "scale" => Transform::from_scale(arg(0, 1.0), arg(1, arg(0, 1.0))),
            "rotate" => {
                let (s, c) = arg(0, 0.0).to_radians().sin_cos();
                let (cx, cy) = (arg(1, 0.0), arg(2, 0.0));
                Transform::from_translate(cx, cy).pre_concat(Transform::from_row(c, s, -s, c, 0.0, 0.0)).pre_concat(Transform::from_translate(-cx, -cy))
            }
            "matrix" if args.len() == 6 => Transform::from_row(args[0], args[1], args[2], args[3], args[4], args[5]),
            "skewX" => Transform::from_row(1.0, 0.0, arg(0, 0.0).to_radians().tan(), 1.0, 0.0, 0.0),
            "skewY" => Transform::from_row(1.0, arg(0, 0.0).to_radians().tan(), 0.0, 1.0, 0.0, 0.0),
            _ => Transform::identity(),
        };
        result = result.pre_concat(t);
        rest = &rest[open + close + 1..];
    }
    result
}

/// `text` split into runs of one bundled face each, as the layout measured it.
pub fn face_runs(text: &str, bold: bool, italic: bool) -> Vec<(FaceId, &str)> {
    let faces = fonts::faces();
    let mut out: Vec<(FaceId, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<FaceId> = None;
    for (i, c) in text.char_indices() {
        let face = faces.face_for(c, bold, italic);
        if current != Some(face) {
            if let Some(f) = current {
                out.push((f, &text[start..i]));
            }
            current = Some(face);
            start = i;
        }
    }
    if let Some(f) = current {
        out.push((f, &text[start..]));
    }
    out
}

/// A run shaped left to right with its bundled face (parsed once for the
/// process): its glyphs, and its advance in ems.
pub fn shape(text: &str, face_id: FaceId) -> (Vec<KrillaGlyph>, f32) {
    let face = fonts::faces().get(face_id);
    let upem = face.units_per_em() as f32;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(face, &[], buffer);
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut advance = 0.0;
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let end = infos[i + 1..].iter().find(|n| n.cluster != info.cluster).map_or(text.len(), |n| n.cluster as usize);
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            pos.x_advance as f32 / upem,
            pos.x_offset as f32 / upem,
            pos.y_offset as f32 / upem,
            pos.y_advance as f32 / upem,
            start..end.max(start),
            None,
        ));
        advance += pos.x_advance as f32 / upem;
    }
    (glyphs, advance)
}

/// The krilla fonts of the bundled faces.
pub struct PdfFonts {
    fonts: Vec<(FaceId, Font)>,
}

impl PdfFonts {
    pub fn get(&self, id: FaceId) -> Option<&Font> {
        self.fonts.iter().find(|(f, _)| *f == id).map(|(_, f)| f)
    }
}

/// The bundled faces as krilla fonts, made once for the process.
pub fn fonts() -> &'static PdfFonts {
    static FONTS: OnceLock<PdfFonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts = [
            (FaceId::Regular, fonts::LIBERATION_SANS_REGULAR),
            (FaceId::Bold, fonts::LIBERATION_SANS_BOLD),
            (FaceId::Italic, fonts::LIBERATION_SANS_ITALIC),
            (FaceId::BoldItalic, fonts::LIBERATION_SANS_BOLD_ITALIC),
            (FaceId::Symbols, fonts::DEJAVU_SANS),
            (FaceId::SymbolsBold, fonts::DEJAVU_SANS_BOLD),
            (FaceId::Emoji, fonts::NOTO_COLOR_EMOJI),
        ]
        .into_iter()
        .filter_map(|(id, data)| Font::new(data.into(), 0).map(|f| (id, f)))
        .collect();
        PdfFonts { fonts }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_off_and_cut_from_the_svg() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="-10 0 200 100"><g transform="translate(5,6)" opacity="0.5"><rect width="10" height="10"/><text x="50" y="20" text-anchor="middle" fill="#0066CC" font-size="14" textLength="40" lengthAdjust="spacingAndGlyphs">Edge   <tspan font-weight="bold">CDN</tspan> 🌐&#xFE0F;</text></g><title>t</title></svg>"##;
        let figure = PdfFigure::parse(svg).unwrap();
        assert_eq!(figure.size(), (200.0, 100.0));
        assert_eq!(figure.texts.len(), 1);
        let t = &figure.texts[0];
        assert_eq!(t.runs, vec![("Edge ".to_string(), false, false), ("CDN".to_string(), true, false), (" 🌐".to_string(), false, false)]);
        assert_eq!((t.x, t.y, t.size, t.length, t.anchor, t.fill, t.opacity), (50.0, 20.0, 14.0, Some(40.0), Anchor::Middle, Rgb(0, 0x66, 0xcc), 0.5));
        // the viewBox's origin, then the group's translation
        assert_eq!((t.transform.tx, t.transform.ty), (15.0, 6.0));
    }

    /// Every fixture's text, read off its SVG, is the text usvg finds in it:
    /// the same lines, the same words, at the same places (the anchor: the
    /// start, middle or end of the line).
    #[test]
    fn text_read_off_the_svg_is_the_text_usvg_reads() {
        fn usvg_lines(group: &usvg::Group, out: &mut Vec<(String, f32, f32, f32)>) {
            for node in group.children() {
                match node {
                    usvg::Node::Group(g) => usvg_lines(g, out),
                    usvg::Node::Text(t) => {
                        let text: String = t.chunks().iter().map(|c| c.text()).collect();
                        let b = t.abs_bounding_box();
                        out.push((text.split_whitespace().collect::<Vec<_>>().join(" "), b.x(), b.width(), b.bottom()));
                    }
                    _ => {}
                }
            }
        }
        let mut lines = 0;
        for (path, svg) in crate::pipeline::fixture_drawings() {
            let mut theirs = Vec::new();
            usvg_lines(super::super::parse_tree(&svg).unwrap().root(), &mut theirs);
            let ours = PdfFigure::parse(&svg).unwrap();
            assert_eq!(ours.texts.len(), theirs.len(), "{}", path.display());
            for (t, (text, left, width, bottom)) in ours.texts.iter().zip(&theirs) {
                // the point the text is anchored at, as usvg laid it out
                let cx = match t.anchor {
                    Anchor::Start => *left,
                    Anchor::Middle => left + width / 2.0,
                    Anchor::End => left + width,
                };
                let mine: String = t.runs.iter().map(|(s, _, _)| s.as_str()).collect();
                assert_eq!(mine.split_whitespace().collect::<Vec<_>>().join(" "), *text, "{}", path.display());
                // where the line's middle and baseline land in the drawing
                let mut p = [tiny_skia::Point::from_xy(t.x, t.y)];
                t.transform.map_points(&mut p);
                let rotated = t.transform.kx.abs() > 1e-3;
                if !rotated {
                    assert!((p[0].x - cx).abs() < 2.0, "{}: {text:?} anchored at {} by us, {cx} by usvg", path.display(), p[0].x);
                    assert!(p[0].y <= *bottom + 0.5 && p[0].y > bottom - t.size, "{}: {text:?} baseline {} vs bottom {bottom}", path.display(), p[0].y);
                }
                lines += 1;
            }
        }
        assert!(lines > 300, "only {lines} lines compared");
    }

    #[test]
    fn transforms_compose_left_to_right() {
        let t = parse_transform("translate(10 20) rotate(90) scale(2)");
        let mut p = [tiny_skia::Point::from_xy(1.0, 0.0)];
        t.map_points(&mut p);
        assert!((p[0].x - 10.0).abs() < 1e-4 && (p[0].y - 22.0).abs() < 1e-4, "{:?}", p[0]);
    }

    #[test]
    fn runs_fall_back_to_symbol_and_emoji_faces() {
        assert_eq!(face_runs("A ✓ 🚀", false, false).iter().map(|(f, _)| *f).collect::<Vec<_>>(), vec![FaceId::Regular, FaceId::Symbols, FaceId::Regular, FaceId::Emoji]);
    }
}
