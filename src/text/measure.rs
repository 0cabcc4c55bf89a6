//! Text measurement with the bundled fonts' own advances and kerning
//! (shaped by rustybuzz), so boxes fit the text as it is drawn.

use super::ascii_metrics;
use super::fonts::{faces, FaceId};
use super::markup::{RichText, Run, TextLine};
use std::cell::RefCell;
use rustc_hash::FxHashMap as HashMap;

/// Font settings of a block of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub font_size: f64,
    /// Bold for the whole block (`font-weight:bold`), on top of `<b>` runs.
    pub bold: bool,
    pub italic: bool,
    /// Line height as a multiple of the font size (mermaid's labels use 1.5).
    pub line_height: f64,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle { font_size: 16.0, bold: false, italic: false, line_height: 1.5 }
    }
}

impl TextStyle {
    pub fn line_px(&self) -> f64 {
        self.font_size * self.line_height
    }

    /// Distance from a line's top to its baseline: the font's ascent plus
    /// half the leading, as browsers place text in a line box.
    pub fn baseline_offset(&self) -> f64 {
        let face = faces().get(FaceId::Regular);
        let upem = face.units_per_em() as f64;
        let ascent = face.ascender() as f64 / upem;
        let descent = -face.descender() as f64 / upem;
        let half_leading = (self.line_height - (ascent + descent)) / 2.0;
        (half_leading + ascent) * self.font_size
    }
}

/// A measured block of text: one width per line, and the whole box.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextBlock {
    pub line_widths: Vec<f64>,
    pub width: f64,
    pub height: f64,
}

/// A piece of a line set in one face, with its advance width in px.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub face: FaceId,
    pub bold: bool,
    pub italic: bool,
    pub width: f64,
}

/// Splits a run into pieces by the face each character falls back to.
/// Variation selectors and joiners stay with the character before them.
pub fn pieces(run: &Run, style: &TextStyle) -> Vec<Piece> {
    let bold = run.bold || style.bold;
    let italic = run.italic || style.italic;
    with_shaped_run(&run.text, bold, italic, |shaped| {
        let mut start = 0;
        shaped
            .iter()
            .map(|&(face, end, advance)| {
                let text = run.text[start..end].to_string();
                start = end;
                Piece { text, face, bold, italic, width: scaled(advance, face, style.font_size) }
            })
            .collect()
    })
}

/// The widths of a run's pieces, in order.
fn piece_widths(run: &Run, style: &TextStyle) -> Vec<f64> {
    let bold = run.bold || style.bold;
    let italic = run.italic || style.italic;
    with_shaped_run(&run.text, bold, italic, |shaped| shaped.iter().map(|&(face, _, advance)| scaled(advance, face, style.font_size)).collect())
}

/// A run split by face: (face, end byte of the piece, advance in font units).
type ShapedRun = Vec<(FaceId, usize, i64)>;

/// Runs already split and shaped by this thread, by (bold, italic) and
/// text: labels repeat within a diagram and across a corpus, and
/// shaping is a pure function of face and text. Cleared when it grows
/// past [`SHAPED_RUNS_KEPT`], so a long process keeps bounded memory.
type ShapedRuns = [HashMap<String, ShapedRun>; 4];
const SHAPED_RUNS_KEPT: usize = 50_000;

thread_local! {
    static SHAPED_RUNS: RefCell<ShapedRuns> = RefCell::new(Default::default());
    /// Shape plans by face, script and direction (what `rustybuzz::shape`
    /// would build again for every string).
    static PLANS: RefCell<Vec<(FaceId, Option<rustybuzz::Script>, rustybuzz::Direction, rustybuzz::ShapePlan)>> = const { RefCell::new(Vec::new()) };
}

fn with_shaped_run<R>(text: &str, bold: bool, italic: bool, f: impl FnOnce(&ShapedRun) -> R) -> R {
    // Printable ASCII is all in the main face and measured from its
    // tables: nothing to shape or keep.
    let main = faces().face_for(' ', bold, italic);
    if let Some(advance) = ascii_advance(text, main).filter(|_| !text.is_empty()) {
        return f(&vec![(main, text.len(), advance)]);
    }
    SHAPED_RUNS.with_borrow_mut(|runs| {
        let by_text = &mut runs[bold as usize * 2 + italic as usize];
        if let Some(shaped) = by_text.get(text) {
            return f(shaped);
        }
        let shaped = shape_run(text, bold, italic);
        let result = f(&shaped);
        if by_text.len() >= SHAPED_RUNS_KEPT {
            by_text.clear();
        }
        by_text.insert(text.to_string(), shaped);
        result
    })
}

fn shape_run(text: &str, bold: bool, italic: bool) -> ShapedRun {
    let f = faces();
    let mut out: Vec<(FaceId, usize, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        let joins = matches!(c as u32, 0xFE00..=0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F);
        let face = if joins { out.last().map(|p| p.0).unwrap_or(FaceId::Regular) } else { f.face_for(c, bold, italic) };
        let end = at + c.len_utf8();
        match out.last_mut() {
            Some(p) if p.0 == face => p.2 = end,
            _ => out.push((face, at, end)),
        }
    }
    out.into_iter().map(|(face, start, end)| (face, end, text_advance(&text[start..end], face))).collect()
}

/// The advance of `text` in one face: printable ASCII in a Latin face from
/// the fonts' own tables ([`ascii_advance`]), anything else shaped.
fn text_advance(text: &str, face: FaceId) -> i64 {
    ascii_advance(text, face).unwrap_or_else(|| shaped_advance(text, face))
}

/// The faces measured from [`ascii_metrics`] (the Latin text faces).
const TABLE_FACES: [FaceId; 4] = [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::BoldItalic];

/// The advance of printable ASCII text in a Latin face, in font units: its
/// characters' advances and the kerning of each neighbouring pair, from
/// [`ascii_metrics`] (the fonts' advances and pair kerning, as shaping
/// gives them). The Latin faces only position pairs there (no ligatures,
/// no contextual kerning: a test shapes every pair and every triple), so
/// this is what shaping the whole text gives, without shaping it; `None`
/// for other text or faces.
fn ascii_advance(text: &str, face: FaceId) -> Option<i64> {
    let bytes = text.as_bytes();
    let f = TABLE_FACES.iter().position(|&x| x == face)?;
    if !bytes.iter().all(|b| (b' '..=b'~').contains(b)) {
        return None;
    }
    let table = ascii_tables(f);
    let mut total: i64 = bytes.iter().map(|&b| table.advance[(b - b' ') as usize] as i64).sum();
    for w in bytes.windows(2) {
        total += table.kerning[(w[0] - b' ') as usize * PRINTABLE + (w[1] - b' ') as usize] as i64;
    }
    Some(total)
}

/// Printable ASCII: `' '..='~'`.
const PRINTABLE: usize = 95;

/// One Latin face's printable ASCII metrics, in font units, indexed from
/// `' '`; kerning by `a * PRINTABLE + b`.
struct AsciiTable {
    advance: [u16; PRINTABLE],
    kerning: Vec<i16>,
}

/// [`ascii_metrics`] for face `f` (an index into [`TABLE_FACES`]), its
/// kerning made a dense table the first time it is asked for.
fn ascii_tables(f: usize) -> &'static AsciiTable {
    static TABLES: [std::sync::OnceLock<AsciiTable>; 4] = [const { std::sync::OnceLock::new() }; 4];
    TABLES[f].get_or_init(|| {
        let mut kerning = vec![0i16; PRINTABLE * PRINTABLE];
        for &(a, b, k) in ascii_metrics::KERNING[f] {
            kerning[(a - b' ') as usize * PRINTABLE + (b - b' ') as usize] = k;
        }
        AsciiTable { advance: ascii_metrics::ADVANCES[f], kerning }
    })
}

/// `advance` font units of `face` in px at `font_size`.
fn scaled(advance: i64, face: FaceId, font_size: f64) -> f64 {
    advance as f64 * font_size / faces().get(face).units_per_em() as f64
}

/// The advance of `text` set in one face, in font units (shaped as
/// `rustybuzz::shape` does, with a plan kept per face, script and
/// direction).
fn shaped_advance(text: &str, face_id: FaceId) -> i64 {
    let face = faces().get(face_id);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    // guessing leaves the script unset (UNKNOWN) when every character is
    // common or inherited; `shape` plans with no script then
    let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
    let direction = buffer.direction();
    let glyphs = PLANS.with_borrow_mut(|plans| {
        let at = match plans.iter().position(|(f, s, d, _)| *f == face_id && *s == script && *d == direction) {
            Some(at) => at,
            None => {
                plans.push((face_id, script, direction, rustybuzz::ShapePlan::new(face, direction, script, None, &[])));
                plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(face, &plans[at].3, buffer)
    });
    glyphs.glyph_positions().iter().map(|g| g.x_advance as i64).sum()
}

/// The advance width of `text` set in one face at `font_size` px.
pub fn shaped_width(text: &str, face: FaceId, font_size: f64) -> f64 {
    scaled(text_advance(text, face), face, font_size)
}

/// The width of one line.
pub fn measure_line(line: &TextLine, style: &TextStyle) -> f64 {
    line.runs.iter().flat_map(|r| piece_widths(r, style)).sum()
}

/// The width of `text` drawn literally on one line (SVG text set with
/// d3's `.text()`: no markup, no entities), as browsers show it.
pub fn plain_width(text: &str, style: &TextStyle) -> f64 {
    measure_line(&TextLine { runs: vec![Run { text: text.to_string(), bold: false, italic: false }] }, style)
}

/// The ascent and descent of the regular face at `font_size`, in px: the
/// box a line of glyphs takes about its baseline.
pub fn font_extent(font_size: f64) -> (f64, f64) {
    let face = faces().get(FaceId::Regular);
    let upem = face.units_per_em() as f64;
    (face.ascender() as f64 / upem * font_size, -face.descender() as f64 / upem * font_size)
}

/// The box of a block of text: widest line by lines times line height.
pub fn measure(text: &RichText, style: &TextStyle) -> TextBlock {
    let line_widths: Vec<f64> = text.lines.iter().map(|l| measure_line(l, style)).collect();
    let width = line_widths.iter().copied().fold(0.0, f64::max);
    let height = text.lines.len() as f64 * style.line_px();
    TextBlock { line_widths, width, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_arial_metrics() {
        let style = TextStyle::default();
        // Liberation Sans has Arial's advances: H e l l o = 2.2793 em, 36.47 px at 16 px.
        let w = measure_line(&RichText::plain("Hello").lines[0], &style);
        assert!((w - 36.47).abs() < 0.05, "{w}");
        let bold = TextStyle { bold: true, ..style };
        assert!(measure_line(&RichText::plain("Hello").lines[0], &bold) > w);
    }

    /// Measuring printable ASCII from the tables is shaping it: every pair
    /// and every triple of printable characters, and lines with spaces,
    /// kerned pairs and would-be ligatures, in each Latin face.
    #[test]
    fn ascii_tables_measure_as_shaping() {
        let printable: Vec<u8> = (b' '..=b'~').collect();
        let lines = ["AV To Ya", "  leading and trailing  ", "office flow fi ffl", "Load Balancer (L7) -> API: 10K req/s", "T. Y, A' \"V\"", "AVAVAV WAW LTA"];
        for face in TABLE_FACES {
            for line in lines {
                assert_eq!(ascii_advance(line, face), Some(shaped_advance(line, face)), "{line:?} in {face:?}");
            }
            for &a in &printable {
                for &b in &printable {
                    let pair = [a, b];
                    let text = std::str::from_utf8(&pair).unwrap();
                    assert_eq!(ascii_advance(text, face), Some(shaped_advance(text, face)), "{text:?} in {face:?}");
                    for &c in &printable {
                        let triple = [a, b, c];
                        let text = std::str::from_utf8(&triple).unwrap();
                        assert_eq!(ascii_advance(text, face), Some(shaped_advance(text, face)), "{text:?} in {face:?}");
                    }
                }
            }
        }
        assert_eq!(ascii_advance("tab\there", FaceId::Regular), None);
        assert_eq!(ascii_advance("café", FaceId::Regular), None);
        assert_eq!(ascii_advance("abc", FaceId::Symbols), None);
    }

    /// `ascii_metrics.rs` holds what the bundled fonts give when shaped:
    /// each printable character's advance and each pair's kerning (no pair
    /// ligates). `ATLAS_BLESS=1` writes it again.
    #[test]
    fn ascii_metrics_are_the_fonts() {
        let printable: Vec<u8> = (b' '..=b'~').collect();
        let mut src = String::from("//! Printable ASCII metrics of the Latin faces (Liberation Sans regular,\n//! bold, italic, bold italic), in font units, as rustybuzz shapes them:\n//! each character's advance from `' '` to `'~'`, and the pairs that kern.\n//! Written by `ATLAS_BLESS=1 cargo test --release ascii_metrics_are_the_fonts`;\n//! that test fails when the fonts and this file disagree.\n\n");
        let mut advances = String::from("pub(super) const ADVANCES: [[u16; 95]; 4] = [\n");
        let mut kerning = String::from("pub(super) const KERNING: [&[(u8, u8, i16)]; 4] = [\n");
        for face in TABLE_FACES {
            let single = |a: u8| shaped_advance(std::str::from_utf8(&[a]).unwrap(), face);
            let row: Vec<String> = printable.iter().map(|&a| single(a).to_string()).collect();
            advances += &format!("    [{}],\n", row.join(", "));
            let mut pairs: Vec<String> = Vec::new();
            for &a in &printable {
                for &b in &printable {
                    let pair = [a, b];
                    let text = std::str::from_utf8(&pair).unwrap();
                    let mut buffer = rustybuzz::UnicodeBuffer::new();
                    buffer.push_str(text);
                    assert_eq!(rustybuzz::shape(faces().get(face), &[], buffer).len(), 2, "{text:?} ligates in {face:?}");
                    let k = shaped_advance(text, face) - single(a) - single(b);
                    if k != 0 {
                        pairs.push(format!("({a}, {b}, {k})"));
                    }
                }
            }
            let lines: Vec<String> = pairs.chunks(8).map(|c| format!("        {},\n", c.join(", "))).collect();
            kerning += &format!("    &[\n{}    ],\n", lines.concat());
        }
        src += &(advances + "];\n\n" + &kerning + "];\n");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/ascii_metrics.rs");
        if std::env::var_os("ATLAS_BLESS").is_some() {
            std::fs::write(path, &src).unwrap();
        }
        assert_eq!(std::fs::read_to_string(path).unwrap(), src, "the fonts changed: ATLAS_BLESS=1 writes ascii_metrics.rs again");
    }

    #[test]
    fn fallbacks_measure_their_own_glyphs() {
        let style = TextStyle::default();
        let line = &RichText::plain("🔴 ━━━ ✓").lines[0];
        let ps: Vec<Piece> = line.runs.iter().flat_map(|r| pieces(r, &style)).collect();
        let faces: Vec<FaceId> = ps.iter().map(|p| p.face).collect();
        assert_eq!(faces, [FaceId::Emoji, FaceId::Regular, FaceId::Symbols, FaceId::Regular, FaceId::Symbols]);
        assert!(ps.iter().all(|p| p.width > 0.0));
        let with_selector = &RichText::plain("⏱️ 5s").lines[0];
        let ps: Vec<Piece> = with_selector.runs.iter().flat_map(|r| pieces(r, &style)).collect();
        assert_eq!(ps[0].face, FaceId::Emoji);
        assert_eq!(ps[0].text, "⏱\u{fe0f}");
    }

    #[test]
    fn blocks_stack_lines() {
        let b = measure(&RichText::plain("a<br/>much longer line"), &TextStyle::default());
        assert_eq!(b.line_widths.len(), 2);
        assert_eq!(b.height, 48.0);
        assert_eq!(b.width, b.line_widths[1]);
    }

    #[test]
    fn plain_text_is_literal() {
        let style = TextStyle::default();
        assert!(plain_width("a<br>b", &style) > plain_width("ab", &style) + 10.0, "the tag is drawn, not read");
        let (ascent, descent) = font_extent(10.0);
        assert!((ascent - 9.05).abs() < 0.1 && (descent - 2.12).abs() < 0.1, "{ascent} {descent}");
    }
}

/// Breaks lines wider than `max_width` at spaces, keeping each run's style.
/// A word wider than `max_width` on its own stays whole on its line.
pub fn wrap(text: &RichText, style: &TextStyle, max_width: f64) -> RichText {
    let mut lines = Vec::new();
    for line in &text.lines {
        if measure_line(line, style) <= max_width {
            lines.push(line.clone());
            continue;
        }
        // Words with their styles; a word may span runs.
        let mut words: Vec<Vec<Run>> = vec![Vec::new()];
        for run in &line.runs {
            for (i, part) in run.text.split(' ').enumerate() {
                if i > 0 {
                    words.push(Vec::new());
                }
                if !part.is_empty() {
                    words.last_mut().unwrap().push(Run { text: part.to_string(), ..run.clone() });
                }
            }
        }
        let mut current = TextLine::default();
        for word in words.into_iter().filter(|w| !w.is_empty()) {
            let mut candidate = current.clone();
            if !candidate.runs.is_empty() {
                let style_of_first = &word[0];
                candidate.runs.push(Run { text: " ".into(), ..style_of_first.clone() });
            }
            candidate.runs.extend(word.iter().cloned());
            if !current.runs.is_empty() && measure_line(&candidate, style) > max_width {
                lines.push(merge_runs(current));
                current = TextLine { runs: word };
            } else {
                current = candidate;
            }
        }
        if !current.runs.is_empty() {
            lines.push(merge_runs(current));
        }
    }
    RichText { lines }
}

fn merge_runs(line: TextLine) -> TextLine {
    let mut runs: Vec<Run> = Vec::new();
    for r in line.runs {
        match runs.last_mut() {
            Some(last) if last.bold == r.bold && last.italic == r.italic => last.text.push_str(&r.text),
            _ => runs.push(r),
        }
    }
    TextLine { runs }
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn wraps_long_lines_at_spaces() {
        let style = TextStyle::default();
        let text = RichText::plain("a fairly long markdown label that mermaid wraps at two hundred pixels");
        let wrapped = wrap(&text, &style, 200.0);
        assert!(wrapped.lines.len() >= 2);
        for l in &wrapped.lines {
            assert!(measure_line(l, &style) <= 200.0, "{}", l.text());
        }
        assert_eq!(wrapped.text().replace('\n', " "), text.text());
        let long_word = RichText::plain("Supercalifragilisticexpialidocious-and-more-and-more");
        assert_eq!(wrap(&long_word, &style, 100.0).lines.len(), 1);
    }
}

