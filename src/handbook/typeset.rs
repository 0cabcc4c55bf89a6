//! The handbook's own text (titles, captions, contents): set in the bundled
//! fonts, measured with rustybuzz exactly as krilla will shape it, broken
//! into lines, and drawn with a fallback face per character (DejaVu Sans
//! for symbols, Noto Color Emoji for emoji), as diagram labels are.

use crate::text::fonts;
use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use crate::raster::pdf::{face_runs, fonts, shape};

/// A style of the handbook's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// In points.
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub colour: (u8, u8, u8),
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style { size, bold: false, italic: false, colour: (0x1f, 0x23, 0x28) }
    }
    pub const fn bold(mut self) -> Style {
        self.bold = true;
        self
    }
    pub const fn italic(mut self) -> Style {
        self.italic = true;
        self
    }
    pub const fn colour(mut self, r: u8, g: u8, b: u8) -> Style {
        self.colour = (r, g, b);
        self
    }
    /// The distance between baselines.
    pub fn leading(&self) -> f32 {
        self.size * 1.3
    }
    /// From the top of a line to its baseline.
    pub fn ascent(&self) -> f32 {
        self.size * 0.95
    }
}

/// The width of `text` in points: the glyphs' advances, without shaping
/// (fast enough to break thousands of captions and contents lines; kerning
/// makes the drawn text at most a hair narrower).
pub fn width(text: &str, style: &Style) -> f32 {
    let faces = fonts::faces();
    let mut units_by_face = 0.0f32;
    for c in text.chars() {
        if c == '\u{FE0F}' {
            continue;
        }
        let face = faces.get(faces.face_for(c, style.bold, style.italic));
        let advance = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0);
        units_by_face += advance as f32 / face.units_per_em() as f32;
    }
    units_by_face * style.size
}

/// `text` broken into lines no wider than `max` (words longer than a line
/// are cut where they must be). Each word is measured once.
pub fn wrap(text: &str, style: &Style, max: f32) -> Vec<String> {
    let space = width(" ", style);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    for word in text.split_whitespace() {
        let w = width(word, style);
        if line.is_empty() && w <= max {
            line.push_str(word);
            line_w = w;
            continue;
        }
        if !line.is_empty() && line_w + space + w <= max {
            line.push(' ');
            line.push_str(word);
            line_w += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= max {
            line.push_str(word);
            line_w = w;
            continue;
        }
        // a word too long for a line on its own: cut it by characters
        line_w = 0.0;
        for c in word.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]), style);
            if line_w + cw > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut to fit `max` points, with an ellipsis where it was cut.
pub fn fit(text: &str, style: &Style, max: f32) -> String {
    if width(text, style) <= max {
        return text.to_string();
    }
    let room = max - width("…", style);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]), style);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Draws the handbook's text with the bundled faces, as figures' text is drawn.
pub struct PdfFonts;

impl PdfFonts {
    pub fn new() -> PdfFonts {
        PdfFonts
    }

    /// Draws one line of text with its baseline at `(x, baseline)`.
    pub fn draw(&self, surface: &mut Surface<'_>, text: &str, style: &Style, x: f32, baseline: f32) {
        let (r, g, b) = style.colour;
        surface.set_fill(Some(Fill { paint: rgb::Color::new(r, g, b).into(), opacity: NormalizedF32::ONE, rule: Default::default() }));
        let text = text.replace('\u{FE0F}', "");
        let mut x = x;
        for (face, run) in face_runs(&text, style.bold, style.italic) {
            let (glyphs, advance) = shape(run, face);
            if let Some(font) = fonts().get(face) {
                surface.draw_glyphs(Point::from_xy(x, baseline), &glyphs, font.clone(), run, style.size, false);
            }
            x += advance * style.size;
        }
    }
}

impl Default for PdfFonts {
    fn default() -> Self {
        PdfFonts::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fonts::FaceId;

    #[test]
    fn wraps_within_the_width() {
        let style = Style::new(10.0);
        let lines = wrap("Failure Domains of the Netflix streaming platform, by region and plane", &style, 120.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, &style) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Failure Domains of the Netflix streaming platform, by region and plane");
        let long = wrap("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &style, 50.0);
        assert!(long.len() > 1 && long.iter().all(|l| width(l, &style) <= 50.0));
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let style = Style::new(10.0);
        let cut = fit("A very long caption that does not fit on the line", &style, 80.0);
        assert!(cut.ends_with('…') && width(&cut, &style) <= 80.0, "{cut}");
        assert_eq!(fit("short", &style, 80.0), "short");
    }

    #[test]
    fn emoji_get_their_own_face() {
        let r = face_runs("🌐 Edge Plane", false, false);
        assert_eq!(r, vec![(FaceId::Emoji, "🌐"), (FaceId::Regular, " Edge Plane")]);
        // the emoji is measured in its face too
        assert!(width("🌐", &Style::new(10.0)) > 5.0);
    }
}
