//! Text measurement with the bundled fonts' own advances and kerning
//! (shaped by rustybuzz), so boxes fit the text as it is drawn.

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
    out.into_iter().map(|(face, start, end)| (face, end, advance_by_words(&text[start..end], face))).collect()
}

/// The advance of `text` in one face, ASCII text a word at a time: a
/// line's advance is its words' (each shaped alone), its spaces', and the
/// kerning of each pair around a space (a font kerns `A` and a space, for
/// one), taken from the pair shaped alone. Latin faces only position pairs
/// and ligate within words, so this is what shaping the whole line gives
/// (a test compares them); words repeat across labels far more than whole
/// runs do.
fn advance_by_words(text: &str, face: FaceId) -> i64 {
    if !text.is_ascii() || !text.contains(' ') || !WORD_FACES.contains(&face) {
        return shaped_advance(text, face);
    }
    WORD_ADVANCES.with_borrow_mut(|words| {
        let known = &mut words[face as usize];
        if known.words.len() >= SHAPED_RUNS_KEPT {
            known.words.clear();
        }
        let mut total = 0;
        for word in text.split(' ') {
            total += match known.words.get(word) {
                Some(&a) => a,
                None => {
                    let a = shaped_advance(word, face);
                    known.words.insert(word.to_string(), a);
                    a
                }
            };
        }
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b != b' ' {
                continue;
            }
            total += known.single(b' ', face);
            if i > 0 {
                total += known.kerning(bytes[i - 1], b' ', face);
            }
            if let Some(&next) = bytes.get(i + 1).filter(|&&n| n != b' ') {
                total += known.kerning(b' ', next, face);
            }
        }
        total
    })
}

/// The faces measured a word at a time (the Latin text faces).
const WORD_FACES: [FaceId; 4] = [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::BoldItalic];

/// One face's words, characters and pairs measured so far.
#[derive(Default)]
struct KnownAdvances {
    words: HashMap<String, i64>,
    /// By ASCII byte; pairs by `a * 128 + b`.
    singles: HashMap<u8, i64>,
    pairs: HashMap<u16, i64>,
}

impl KnownAdvances {
    fn single(&mut self, a: u8, face: FaceId) -> i64 {
        *self.singles.entry(a).or_insert_with(|| shaped_advance(std::str::from_utf8(&[a]).expect("ASCII"), face))
    }

    /// What a pair's advance differs from its characters' apart.
    fn kerning(&mut self, a: u8, b: u8, face: FaceId) -> i64 {
        let key = a as u16 * 128 + b as u16;
        if let Some(&k) = self.pairs.get(&key) {
            return k;
        }
        let k = shaped_advance(std::str::from_utf8(&[a, b]).expect("ASCII"), face) - self.single(a, face) - self.single(b, face);
        self.pairs.insert(key, k);
        k
    }
}

thread_local! {
    /// Advances of words, characters and pairs by face, for [`advance_by_words`].
    static WORD_ADVANCES: RefCell<[KnownAdvances; 4]> = RefCell::new(Default::default());
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
    scaled(shaped_advance(text, face), face, font_size)
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

    /// Word-at-a-time measuring is whole-line shaping: every printable
    /// pair around one and two spaces, and lines with kerned pairs and
    /// ligatures inside words, in each Latin face.
    #[test]
    fn words_measure_as_the_whole_line() {
        let printable: Vec<char> = (0x21u8..0x7f).map(char::from).collect();
        let mut lines: Vec<String> = vec![
            "AV To Ya".into(),
            "  leading and trailing  ".into(),
            "office flow fi ffl".into(),
            "Load Balancer (L7) -> API: 10K req/s".into(),
            "T. Y, A' \"V\"".into(),
        ];
        for &a in &printable {
            for &b in &printable {
                lines.push(format!("{a} {b}"));
            }
            lines.push(format!("{a}  {a}"));
        }
        for face in WORD_FACES {
            for line in &lines {
                assert_eq!(advance_by_words(line, face), shaped_advance(line, face), "{line:?} in {face:?}");
            }
        }
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
