//! Timeline layout, as mermaid-js 11 draws it (`timelineRenderer.ts`):
//! sections as bands in a row at the top, each as wide as the periods under
//! it; periods as 190 px boxes every 200 px below them (or at the top, when
//! there are no sections); each period's events stacked 10 px apart from
//! 200 px below the period's top; a dashed line down from each period; a
//! thick axis across, between periods and events; the title above.
//!
//! Coordinates are mermaid's (the first period at x = 200); the drawing's
//! box is the bounds of everything with mermaid's 50 px padding, so it may
//! start at a negative x when a short timeline has a long title.
//!
//! Texts are wrapped as mermaid's `wrap` does (greedy, at blanks and
//! `<br>`, 150 px for periods and events, the section's width less 50 for
//! sections) and measured with the bundled fonts; unlike mermaid, a single
//! word wider than its box is broken so no text leaves its box.

use crate::layout::geometry::{Point, Rect};
use crate::layout::text::PlacedText;
use crate::text::markup::display_text;
use super::model::{Direction, Timeline};
use crate::text::{measure_line, RichText, Run, TextLine, TextStyle};

/// mermaid's `timeline.leftMargin`.
pub const LEFT_MARGIN: f64 = 150.0;
/// x of the first period or section.
pub const MASTER_X: f64 = 200.0;
/// y of the sections, or of the periods without sections.
pub const MASTER_Y: f64 = 50.0;
/// Text width of a period or event box; the box adds `PADDING` each side.
pub const NODE_TEXT_WIDTH: f64 = 150.0;
pub const PADDING: f64 = 20.0;
/// Distance between the left edges of neighbouring periods.
pub const COLUMN: f64 = 200.0;
pub const EVENT_GAP: f64 = 10.0;
/// Minimum event box height.
pub const EVENT_MIN_HEIGHT: f64 = 50.0;
/// Padding of the whole drawing (`timeline.padding`).
pub const DIAGRAM_PADDING: f64 = 50.0;
pub const FONT_SIZE: f64 = 16.0;
/// Height of the first line of a text box as Chromium measures it
/// (`getBBox`); further lines add 1.1 em.
pub const FIRST_LINE: f64 = 17.0;
/// The title: `font-size: 4ex`, bold, baseline at y = 20.
pub const TITLE_FONT_SIZE: f64 = 33.8;
pub const TITLE_BASELINE: f64 = 20.0;
/// Height of the title above its baseline, as `getBBox` counts it.
pub const TITLE_ASCENT: f64 = 31.1;

pub fn text_style() -> TextStyle {
    TextStyle { font_size: FONT_SIZE, line_height: 1.1, ..TextStyle::default() }
}

pub fn title_style() -> TextStyle {
    TextStyle { font_size: TITLE_FONT_SIZE, bold: true, line_height: 1.2, ..TextStyle::default() }
}

/// A box with text: a section, a period or an event.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineNode {
    pub rect: Rect,
    pub text: PlacedText,
    /// Colour index (mermaid's `cScale` number, modulo 12).
    pub color: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodBox {
    pub node: TimelineNode,
    /// Index into the model's periods.
    pub period: usize,
    pub events: Vec<TimelineNode>,
    /// Dashed lines with arrowheads: down from the period (left to right),
    /// or from the axis to each event (top down).
    pub lines: Vec<(Point, Point)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    /// The drawing's box (the SVG viewBox).
    pub bounds: Rect,
    pub sections: Vec<TimelineNode>,
    pub periods: Vec<PeriodBox>,
    /// The axis, drawn with an arrowhead at its end.
    pub axis: (Point, Point),
    /// The title, placed by the left end of its baseline.
    pub title: Option<PlacedText>,
}

/// A text wrapped to `width` as mermaid wraps it; words wider than `width`
/// on their own are broken between characters.
pub fn wrap_text(text: &str, width: f64) -> RichText {
    let style = text_style();
    let display = display_text(text);
    let plain = |s: &str| TextLine { runs: vec![Run { text: s.to_string(), ..Run::default() }] };
    let w = |s: &str| measure_line(&plain(s), &style);
    let mut lines: Vec<TextLine> = Vec::new();
    for part in display.split("<br>") {
        let mut current = String::new();
        for word in part.split_whitespace() {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            if w(&candidate) <= width || current.is_empty() && w(word) <= width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(plain(&current));
                current.clear();
            }
            if w(word) <= width {
                current = word.to_string();
                continue;
            }
            // a word too wide on its own: break it between characters
            let mut piece = String::new();
            for ch in word.chars() {
                let mut next = piece.clone();
                next.push(ch);
                if !piece.is_empty() && w(&next) > width {
                    lines.push(plain(&piece));
                    piece = ch.to_string();
                } else {
                    piece = next;
                }
            }
            current = piece;
        }
        lines.push(plain(&current));
    }
    RichText { lines }
}

/// The height mermaid gives a box of `lines` lines of text (before its
/// minimum): the text's box, half a line (1.1 em), and the padding.
fn box_height(lines: usize) -> f64 {
    padded_height(lines, PADDING)
}

fn padded_height(lines: usize, padding: f64) -> f64 {
    FIRST_LINE + 1.1 * FONT_SIZE * (lines.max(1) - 1) as f64 + 1.1 * FONT_SIZE * 0.5 + padding
}

/// Text placed in a box at `(x, y)`: its first line's middle 24 px below
/// the top (mermaid's 10 px and `dy="1em"`), centred across.
fn place(text: RichText, x: f64, y: f64, width: f64) -> PlacedText {
    place_padded(text, x, y, width, PADDING)
}

fn place_padded(text: RichText, x: f64, y: f64, width: f64, padding: f64) -> PlacedText {
    let n = text.lines.len() as f64;
    let line = 1.1 * FONT_SIZE;
    let first_mid = y + padding / 2.0 + FONT_SIZE - 2.0;
    let center = Point::new(x + width / 2.0, first_mid - line / 2.0 + n * line / 2.0);
    PlacedText::from_rich(text, text_style(), center)
}

/// Lays out a timeline.
pub fn layout_timeline(t: &Timeline) -> TimelineLayout {
    if t.direction == Direction::TopDown {
        return layout_top_down(t);
    }
    let has_sections = !t.sections.is_empty();
    let node_w = NODE_TEXT_WIDTH + 2.0 * PADDING;

    // Heights mermaid computes before drawing.
    let section_columns = |name: &str| t.periods_in(name).count().max(1);
    let section_texts: Vec<RichText> =
        t.sections.iter().map(|s| wrap_text(s, COLUMN * section_columns(s) as f64 - 50.0)).collect();
    let max_section_h = section_texts.iter().map(|r| box_height(r.lines.len()) + 20.0).fold(0.0, f64::max);
    let period_texts: Vec<RichText> = t.periods.iter().map(|p| wrap_text(&p.text, NODE_TEXT_WIDTH)).collect();
    // mermaid measures its periods' height on the task object, not its
    // text: `"[object Object]"`, one line; a period whose own text is taller
    // grows its box, and those after it in the section.
    let max_task_h = if t.periods.is_empty() { 0.0 } else { box_height(1) + 20.0 };
    let event_texts: Vec<Vec<RichText>> =
        t.periods.iter().map(|p| p.events.iter().map(|e| wrap_text(e, NODE_TEXT_WIDTH)).collect()).collect();
    let max_events_len = event_texts
        .iter()
        .map(|es| es.iter().map(|r| box_height(r.lines.len())).sum::<f64>() + EVENT_GAP * es.len().saturating_sub(1) as f64)
        .fold(0.0, f64::max);

    let mut sections = Vec::new();
    let mut periods = Vec::new();
    let place_periods = |indices: Vec<usize>, x0: f64, y: f64, color0: usize, multicolor: bool, periods: &mut Vec<PeriodBox>| {
        let mut x = x0;
        let mut color = color0;
        let mut tallest = max_task_h;
        for i in indices {
            let h = box_height(period_texts[i].lines.len()).max(tallest);
            tallest = tallest.max(h);
            let rect = Rect::new(x, y, node_w, h);
            let text = place(period_texts[i].clone(), x, y, node_w);
            let mut ey = y + 200.0;
            let mut events = Vec::new();
            for r in &event_texts[i] {
                let h = box_height(r.lines.len()).max(EVENT_MIN_HEIGHT);
                events.push(TimelineNode { rect: Rect::new(x, ey, node_w, h), text: place(r.clone(), x, ey, node_w), color: color % 12 });
                ey += h + EVENT_GAP;
            }
            let line_x = x + 190.0 / 2.0;
            let line = (Point::new(line_x, y + tallest), Point::new(line_x, y + tallest + 200.0 + max_events_len));
            periods.push(PeriodBox { node: TimelineNode { rect, text, color: color % 12 }, period: i, events, lines: vec![line] });
            x += COLUMN;
            if multicolor {
                color += 1;
            }
        }
    };
    if has_sections {
        let mut x = MASTER_X;
        let task_y = MASTER_Y + max_section_h + 50.0;
        for (k, name) in t.sections.iter().enumerate() {
            let members: Vec<usize> = (0..t.periods.len()).filter(|&i| t.periods[i].section.as_deref() == Some(name.as_str())).collect();
            let cols = members.len().max(1) as f64;
            let w = COLUMN * cols - 50.0 + 2.0 * PADDING;
            let text = place(section_texts[k].clone(), x, MASTER_Y, w);
            sections.push(TimelineNode { rect: Rect::new(x, MASTER_Y, w, max_section_h), text, color: k % 12 });
            place_periods(members, x, task_y, k, false, &mut periods);
            x += COLUMN * cols;
        }
    } else {
        place_periods((0..t.periods.len()).collect(), MASTER_X, MASTER_Y, 0, true, &mut periods);
    }

    let content = content_box(&sections, &periods);
    let title = place_title(t, &content);
    let depth_y = if has_sections { max_section_h + max_task_h + 150.0 } else { max_task_h + 100.0 };
    let axis = (Point::new(LEFT_MARGIN, depth_y), Point::new(content.width + 3.0 * LEFT_MARGIN, depth_y));
    finish(content, sections, periods, axis, title)
}

/// The box of the boxes and lines, as mermaid's `getBBox` before the title.
fn content_box(sections: &[TimelineNode], periods: &[PeriodBox]) -> Rect {
    let mut content: Option<Rect> = None;
    let mut add = |r: Rect| content = Some(content.map_or(r, |c| c.union(&r)));
    for s in sections {
        add(s.rect);
    }
    for p in periods {
        add(p.node.rect);
        for e in &p.events {
            add(e.rect);
        }
        for (a, b) in &p.lines {
            add(Rect::new(a.x.min(b.x), a.y.min(b.y), (a.x - b.x).abs(), (a.y - b.y).abs()));
        }
    }
    content.unwrap_or(Rect::new(MASTER_X, MASTER_Y, 0.0, 0.0))
}

/// The title, its baseline's left end at `content.width / 2 - 150`, y = 20.
fn place_title(t: &Timeline, content: &Rect) -> Option<PlacedText> {
    t.title.as_deref().map(display_text).filter(|s| !s.is_empty()).map(|s| {
        let text = RichText { lines: vec![TextLine { runs: vec![Run { text: s, ..Run::default() }] }] };
        let mut pt = PlacedText::from_rich(text, title_style(), Point::new(0.0, 0.0));
        let left = content.width / 2.0 - LEFT_MARGIN;
        pt.center = Point::new(left + pt.block.width / 2.0, TITLE_BASELINE - TITLE_ASCENT + pt.block.height / 2.0);
        pt
    })
}

fn finish(content: Rect, sections: Vec<TimelineNode>, periods: Vec<PeriodBox>, axis: (Point, Point), title: Option<PlacedText>) -> TimelineLayout {
    let (a, b) = axis;
    let mut all = content.union(&Rect::new(a.x.min(b.x), a.y.min(b.y), (a.x - b.x).abs(), (a.y - b.y).abs()));
    if let Some(tt) = &title {
        let r = tt.rect();
        // getBBox counts the title from its ascent above the baseline
        all = all.union(&Rect::new(r.x, TITLE_BASELINE - TITLE_ASCENT, r.width, TITLE_ASCENT));
        all = all.union(&r);
    }
    let bounds = all.inflate(DIAGRAM_PADDING);
    TimelineLayout { bounds, sections, periods, axis, title }
}

/// `timeline TD`, as mermaid's `timelineRendererVertical.ts` draws it: the
/// axis runs down at x = 430; periods (210 px wide) to its left, their
/// events (310 px) to its right with a dashed arrow from the axis to each;
/// sections (590 px) as bands across both above their periods. Boxes have
/// 5 px of padding; period rows are as tall as the tallest period or event
/// stack, 30 px apart.
fn layout_top_down(t: &Timeline) -> TimelineLayout {
    const PAD: f64 = 5.0;
    const NODE_W: f64 = 200.0;
    const EVENT_W: f64 = 300.0;
    const SECTION_TASK_GAP: f64 = 20.0;
    const TASK_AXIS_GAP: f64 = 20.0;
    const TASK_VERTICAL_GAP: f64 = 30.0;
    const EVENT_AXIS_GAP: f64 = 50.0;
    let left_width = NODE_W + 2.0 * PAD + TASK_AXIS_GAP;
    let right_width = EVENT_W + 2.0 * PAD + EVENT_AXIS_GAP;
    let axis_x = MASTER_X + left_width;
    let section_w = (left_width + right_width - 2.0 * PAD).max(50.0);

    let section_texts: Vec<RichText> = t.sections.iter().map(|s| wrap_text(s, section_w)).collect();
    let max_section_h = section_texts.iter().map(|r| padded_height(r.lines.len(), PAD)).fold(0.0, f64::max);
    // measured on "[object Object]", as mermaid does
    let max_task_h = if t.periods.is_empty() { 0.0 } else { padded_height(1, PAD) };
    let period_texts: Vec<RichText> = t.periods.iter().map(|p| wrap_text(&p.text, NODE_W)).collect();
    let event_texts: Vec<Vec<RichText>> = t.periods.iter().map(|p| p.events.iter().map(|e| wrap_text(e, EVENT_W)).collect()).collect();
    let max_stack = event_texts
        .iter()
        .map(|es| es.iter().map(|r| padded_height(r.lines.len(), PAD)).sum::<f64>() + EVENT_GAP * es.len().saturating_sub(1) as f64)
        .fold(0.0, f64::max);
    let spacing = max_task_h.max(max_stack) + TASK_VERTICAL_GAP;

    let place_periods = |indices: &[usize], y0: f64, color0: usize, multicolor: bool, periods: &mut Vec<PeriodBox>| {
        let mut y = y0;
        let mut color = color0;
        for &i in indices {
            let h = padded_height(period_texts[i].lines.len(), PAD).max(max_task_h);
            let w = NODE_W + 2.0 * PAD;
            let x = axis_x - TASK_AXIS_GAP - w;
            let node = TimelineNode { rect: Rect::new(x, y, w, h), text: place_padded(period_texts[i].clone(), x, y, w, PAD), color: color % 12 };
            let ex = axis_x + EVENT_AXIS_GAP;
            let ew = EVENT_W + 2.0 * PAD;
            let mut ey = y;
            let mut events = Vec::new();
            let mut lines = Vec::new();
            for r in &event_texts[i] {
                let eh = padded_height(r.lines.len(), PAD);
                events.push(TimelineNode { rect: Rect::new(ex, ey, ew, eh), text: place_padded(r.clone(), ex, ey, ew, PAD), color: color % 12 });
                lines.push((Point::new(axis_x, ey + eh / 2.0), Point::new(ex, ey + eh / 2.0)));
                ey += eh + EVENT_GAP;
            }
            periods.push(PeriodBox { node, period: i, events, lines });
            y += spacing;
            if multicolor {
                color += 1;
            }
        }
    };
    let mut sections = Vec::new();
    let mut periods = Vec::new();
    if t.sections.is_empty() {
        let all: Vec<usize> = (0..t.periods.len()).collect();
        place_periods(&all, MASTER_Y, 0, true, &mut periods);
    } else {
        let mut y = MASTER_Y;
        for (k, name) in t.sections.iter().enumerate() {
            let members: Vec<usize> = (0..t.periods.len()).filter(|&i| t.periods[i].section.as_deref() == Some(name.as_str())).collect();
            let w = section_w + 2.0 * PAD;
            let h = padded_height(section_texts[k].lines.len(), PAD).max(max_section_h);
            let x = axis_x - left_width;
            sections.push(TimelineNode { rect: Rect::new(x, y, w, h), text: place_padded(section_texts[k].clone(), x, y, w, PAD), color: k % 12 });
            place_periods(&members, y + h + SECTION_TASK_GAP, k, false, &mut periods);
            let n = members.len();
            y += h + SECTION_TASK_GAP + spacing * n.max(1) as f64 - if n > 0 { TASK_VERTICAL_GAP * 2.0 } else { 0.0 };
        }
    }
    let content = content_box(&sections, &periods);
    let title = place_title(t, &content);
    let mut top = content;
    if let Some(tt) = &title {
        top = top.union(&Rect::new(tt.rect().x, TITLE_BASELINE - TITLE_ASCENT, tt.rect().width, TITLE_ASCENT));
    }
    let axis = (Point::new(axis_x, MASTER_Y - 2.0 * FONT_SIZE), Point::new(axis_x, top.bottom() + FONT_SIZE * 0.5 + 20.0));
    finish(content, sections, periods, axis, title)
}

impl TimelineLayout {
    /// Every box with its text.
    pub fn nodes(&self) -> impl Iterator<Item = &TimelineNode> {
        self.sections.iter().chain(self.periods.iter().flat_map(|p| std::iter::once(&p.node).chain(p.events.iter())))
    }

    /// Texts that reach outside their box (or the title outside the drawing).
    pub fn text_overflow(&self) -> usize {
        let inside = |r: &Rect, t: &Rect| t.x >= r.x - 0.01 && t.right() <= r.right() + 0.01 && t.y >= r.y - 0.01 && t.bottom() <= r.bottom() + 0.01;
        let boxes = self.nodes().filter(|n| !inside(&n.rect, &n.text.rect())).count();
        let title = self.title.as_ref().is_some_and(|t| !inside(&self.bounds, &t.rect()));
        boxes + usize::from(title)
    }

    /// Pairs of boxes drawn on top of each other.
    pub fn overlaps(&self) -> usize {
        let nodes: Vec<&TimelineNode> = self.nodes().collect();
        let mut n = 0;
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                if a.rect.inflate(-0.5).overlaps(&b.rect.inflate(-0.5)) {
                    n += 1;
                }
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> TimelineLayout {
        let Some(crate::diagrams::Diagram::Timeline(t)) = crate::diagrams::parse(text).diagram else { panic!("not a timeline") };
        layout_timeline(&t)
    }

    #[test]
    fn periods_in_a_row_events_below() {
        let l = layout("timeline\n 2002 : LinkedIn\n 2004 : Facebook : Google\n 2005 : YouTube\n");
        assert_eq!(l.periods.len(), 3);
        assert_eq!(l.periods[0].node.rect.x, 200.0);
        assert_eq!(l.periods[1].node.rect.x, 400.0);
        assert_eq!(l.periods[1].events.len(), 2);
        let e = &l.periods[1].events;
        assert!(e[1].rect.y >= e[0].rect.bottom() + EVENT_GAP - 1e-9);
        // multicolour without sections
        assert_eq!(l.periods[2].node.color, 2);
        // mermaid's width: 200 per period and 390 (axis, margins, padding)
        assert!((l.bounds.width - (3.0 * 200.0 + 390.0)).abs() < 1e-9, "{}", l.bounds.width);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.overlaps(), 0);
    }

    #[test]
    fn sections_span_their_periods() {
        let l = layout("timeline\n section A\n 1 : a\n 2 : b\n section B\n 3 : c\n");
        assert_eq!(l.sections.len(), 2);
        assert_eq!(l.sections[0].rect.width, 390.0);
        assert_eq!(l.sections[1].rect.x, 600.0);
        assert_eq!(l.periods[2].node.color, 1);
        assert!(l.periods[0].node.rect.y > l.sections[0].rect.bottom());
    }

    #[test]
    fn period_rows_keep_mermaids_height() {
        // two lines fit mermaid's row height (measured on "[object Object]")
        let l = layout("timeline\n Database Optimization : a\n 2 : b\n");
        assert_eq!(l.periods[0].node.text.text.lines.len(), 2);
        assert!((l.periods[0].node.rect.height - 65.8).abs() < 1e-9);
        // a taller one grows its box and those after it, not those before
        let l = layout("timeline\n 1 : a\n One two three four five six seven eight nine ten eleven : b\n 3 : c\n");
        let h: Vec<f64> = l.periods.iter().map(|p| p.node.rect.height).collect();
        assert!((h[0] - 65.8).abs() < 1e-9 && h[1] > 65.8 && h[2] == h[1], "{h:?}");
        assert_eq!(l.text_overflow(), 0);
    }

    #[test]
    fn top_down_runs_periods_down_the_axis() {
        let l = layout("timeline TD\n title T\n section A\n 2002 : LinkedIn : Other\n 2004 : Facebook\n section B\n 2005 : YouTube\n");
        assert_eq!(l.axis.0.x, 430.0);
        assert_eq!(l.axis.1.x, 430.0);
        assert!(l.axis.1.y > l.periods[2].node.rect.bottom());
        let p = &l.periods;
        assert!(p[0].node.rect.right() < 430.0 && p[0].events[0].rect.x > 430.0);
        assert!(p[1].node.rect.y > p[0].node.rect.bottom() && p[2].node.rect.y > l.sections[1].rect.bottom());
        assert_eq!(p[0].lines.len(), 2);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.overlaps(), 0);
    }

    #[test]
    fn long_texts_wrap_inside_their_boxes() {
        let l = layout("timeline\n 2020 : A very long event text that must wrap over several lines Supercalifragilisticexpialidociousnessness\n");
        let e = &l.periods[0].events[0];
        assert!(e.text.text.lines.len() >= 3);
        assert_eq!(l.text_overflow(), 0);
    }
}
