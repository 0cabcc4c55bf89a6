//! Sequence diagram layout, as mermaid-js draws one: participants in a row
//! (boxes, or stick figures for `actor`), mirrored at the bottom, joined by
//! lifelines; then every item in its own row, top to bottom: messages with
//! their text above the line, self-messages as loops, notes sized to their
//! text, activation bars stacked when nested, and block frames (`loop`,
//! `alt`, ...) with a label tab and dividers, spanning exactly what they hold.
//!
//! Participants are spaced so that every message's text fits between its
//! two lifelines (and notes beside a participant fit before the next one):
//! a gap too small for a message is widened, the extra spread evenly over
//! the gaps the message crosses. Coordinates are in a frame of their own;
//! `offset` moves them into the drawing, whose size is `width` × `height`.

use crate::layout::geometry::{Point, Rect};
use crate::layout::text::PlacedText;
use super::model::{BlockKind, Item, LineType, NotePlacement, ParticipantKind, Sequence};
use crate::text::{wrap, RichText, TextStyle};

/// Margins around the drawing: mermaid's `diagramMarginX` and `diagramMarginY`.
pub const MARGIN_X: f64 = 50.0;
pub const MARGIN: f64 = 10.0;
pub const ACTOR_WIDTH: f64 = 150.0;
pub const ACTOR_HEIGHT: f64 = 65.0;
pub const ACTOR_MARGIN: f64 = 50.0;
pub const WRAP_PADDING: f64 = 10.0;
pub const ACTIVATION_WIDTH: f64 = 10.0;
pub const NOTE_MARGIN: f64 = 10.0;
/// How far a note beside a participant stays from its lifeline.
pub const NOTE_GAP: f64 = 20.0;
pub const SELF_LOOP_WIDTH: f64 = 45.0;
pub const SELF_LOOP_HEIGHT: f64 = 20.0;
/// Space between rows.
pub const ROW_GAP: f64 = 10.0;
/// A frame's margin around what it holds.
pub const FRAME_PAD: f64 = 12.0;
pub const LABEL_BOX_HEIGHT: f64 = 20.0;
/// Height of the stick figure drawn for an `actor`.
pub const FIGURE_HEIGHT: f64 = 45.0;

pub fn text_style() -> TextStyle {
    TextStyle { font_size: 16.0, line_height: 1.2, ..TextStyle::default() }
}

pub fn keyword_style() -> TextStyle {
    TextStyle { font_size: 14.0, bold: true, line_height: 1.2, ..TextStyle::default() }
}

pub fn number_style() -> TextStyle {
    TextStyle { font_size: 12.0, bold: true, line_height: 1.2, ..TextStyle::default() }
}

pub fn title_style() -> TextStyle {
    TextStyle { font_size: 18.0, line_height: 1.2, ..TextStyle::default() }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedParticipant {
    pub center_x: f64,
    pub kind: ParticipantKind,
    /// The participant's area at the top (box, or figure and label).
    pub top: Rect,
    pub bottom: Rect,
    pub label_top: PlacedText,
    pub label_bottom: PlacedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedMessage {
    /// Index into the model's items.
    pub item: usize,
    pub line: LineType,
    pub from: usize,
    pub to: usize,
    /// Start and end of the line (at activation bar edges when active).
    pub x1: f64,
    pub x2: f64,
    /// The line's height; a self-message's loop starts here.
    pub y: f64,
    pub self_loop: bool,
    pub text: Option<PlacedText>,
    /// Autonumber badge: the number and its circle.
    pub number: Option<(PlacedText, f64)>,
}

impl PlacedMessage {
    /// The box the drawn line (or loop) takes.
    pub fn line_rect(&self) -> Rect {
        if self.self_loop {
            Rect::new(self.x1, self.y, SELF_LOOP_WIDTH, SELF_LOOP_HEIGHT)
        } else {
            Rect::new(self.x1.min(self.x2), self.y, (self.x2 - self.x1).abs(), 0.0)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNote {
    pub item: usize,
    pub rect: Rect,
    pub text: PlacedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedActivation {
    pub actor: usize,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedBlock {
    pub kind: BlockKind,
    /// Index of the block's start item.
    pub item: usize,
    pub rect: Rect,
    /// Nesting depth, 0 outermost.
    pub depth: usize,
    /// The keyword tab (none for `rect`).
    pub tab: Option<(Rect, PlacedText)>,
    /// `[condition]` beside the tab.
    pub condition: Option<PlacedText>,
    /// Dividers (`else`, `and`, `option`): their height and `[text]`.
    pub sections: Vec<(f64, Option<PlacedText>)>,
    /// `rect`'s colour.
    pub fill: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedBox {
    pub index: usize,
    pub rect: Rect,
    pub title: Option<PlacedText>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SequenceLayout {
    pub width: f64,
    pub height: f64,
    pub offset: Point,
    pub participants: Vec<PlacedParticipant>,
    pub lifeline_top: f64,
    pub lifeline_bottom: f64,
    pub messages: Vec<PlacedMessage>,
    pub notes: Vec<PlacedNote>,
    pub activations: Vec<PlacedActivation>,
    /// Outermost first within each nesting, in the order they close.
    pub blocks: Vec<PlacedBlock>,
    pub boxes: Vec<PlacedBox>,
    pub title: Option<PlacedText>,
}

struct OpenBlock {
    kind: BlockKind,
    item: usize,
    top: f64,
    tab: Option<PlacedText>,
    condition: Option<PlacedText>,
    sections: Vec<(f64, Option<PlacedText>)>,
    extent: Option<(f64, f64)>,
    fill: Option<String>,
}

impl OpenBlock {
    fn extend(&mut self, x0: f64, x1: f64) {
        self.extent = Some(match self.extent {
            Some((a, b)) => (a.min(x0), b.max(x1)),
            None => (x0, x1),
        });
    }
}

/// Lays out a sequence diagram.
pub fn layout_sequence(s: &Sequence) -> SequenceLayout {
    let n = s.participants.len();
    let style = text_style();
    let labels: Vec<PlacedText> = s.participants.iter().map(|p| PlacedText::new(&p.label, style, Point::new(0.0, 0.0))).collect();
    let widths: Vec<f64> = labels.iter().map(|l| (l.width() + 2.0 * WRAP_PADDING).max(ACTOR_WIDTH)).collect();
    let header = s
        .participants
        .iter()
        .zip(&labels)
        .map(|(p, l)| match p.kind {
            k if k.has_figure() => FIGURE_HEIGHT + 5.0 + l.height() + 5.0,
            _ => (l.height() + 2.0 * WRAP_PADDING).max(ACTOR_HEIGHT),
        })
        .fold(ACTOR_HEIGHT, f64::max);

    // Every message and note text, measured once; `wrap:` texts wrapped as
    // mermaid wraps them: messages to the default distance between their
    // participants, notes to a participant's width.
    let default_gap = |a: usize, b: usize| -> f64 {
        let (a, b) = (a.min(b), a.max(b));
        (a..b).map(|i| widths[i] / 2.0 + widths[i + 1] / 2.0 + ACTOR_MARGIN).sum()
    };
    let place = |text: &str, wrap_to: Option<f64>| {
        let rich = RichText::plain(text);
        let rich = match wrap_to {
            Some(w) => wrap(&rich, &style, w),
            None => rich,
        };
        PlacedText::from_rich(rich, style, Point::new(0.0, 0.0))
    };
    let texts: Vec<Option<PlacedText>> = s
        .items
        .iter()
        .map(|it| match it {
            Item::Message { text, wrap, from, to, .. } if !text.trim().is_empty() => {
                Some(place(text, wrap.then(|| (default_gap(*from, *to) - 2.0 * WRAP_PADDING - 3.0 * ACTIVATION_WIDTH).max(ACTOR_WIDTH - 2.0 * WRAP_PADDING))))
            }
            Item::Note { text, wrap, placement, from, to, .. } => {
                let width = match placement {
                    NotePlacement::Over if from != to => default_gap(*from, *to) + 50.0,
                    _ => ACTOR_WIDTH,
                };
                Some(place(text, wrap.then_some(width - 2.0 * NOTE_MARGIN)))
            }
            _ => None,
        })
        .collect();
    let text_width = |k: usize| texts[k].as_ref().map_or(0.0, PlacedText::width);

    // Gaps between neighbouring centres, widened to fit messages and notes.
    let mut gaps: Vec<f64> = (1..n).map(|i| widths[i - 1] / 2.0 + widths[i] / 2.0 + ACTOR_MARGIN).collect();
    let mut needs: Vec<(usize, usize, f64)> = Vec::new();
    for (k, it) in s.items.iter().enumerate() {
        match it {
            Item::Message { from, to, .. } if from != to => {
                let mut w = text_width(k);
                // A message that creates or destroys a participant ends at its box.
                for p in [*from, *to] {
                    if s.participants[p].created_by == Some(k) || s.participants[p].destroyed_by == Some(k) {
                        w += widths[p] / 2.0;
                    }
                }
                let (a, b) = ((*from).min(*to), (*from).max(*to));
                needs.push((a, b, w + 2.0 * WRAP_PADDING + 3.0 * ACTIVATION_WIDTH));
            }
            Item::Note { placement, from, to, .. } if from == to => {
                let w = text_width(k) + 2.0 * NOTE_MARGIN;
                match placement {
                    NotePlacement::RightOf if *from + 1 < n => needs.push((*from, *from + 1, NOTE_GAP + w + ROW_GAP + ACTIVATION_WIDTH)),
                    NotePlacement::LeftOf if *from > 0 => needs.push((*from - 1, *from, NOTE_GAP + w + ROW_GAP + ACTIVATION_WIDTH)),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    needs.sort_by_key(|&(a, b, _)| b - a);
    for (a, b, need) in needs {
        let have: f64 = gaps[a..b].iter().sum();
        if have < need {
            let extra = (need - have) / (b - a) as f64;
            for g in &mut gaps[a..b] {
                *g += extra;
            }
        }
    }
    let mut centers = Vec::with_capacity(n);
    let mut x = widths.first().map_or(0.0, |w| w / 2.0);
    for i in 0..n {
        if i > 0 {
            x += gaps[i - 1];
        }
        centers.push(x);
    }
    let span = if n > 0 { (centers[0] - widths[0] / 2.0, centers[n - 1] + widths[n - 1] / 2.0) } else { (0.0, ACTOR_WIDTH) };

    // Title and box titles above the participants.
    let mut y = 0.0;
    let title = s.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| {
        let mut pt = PlacedText::new(t, title_style(), Point::new((span.0 + span.1) / 2.0, 0.0));
        pt.center.y = pt.height() / 2.0;
        y = pt.height() + ROW_GAP;
        pt
    });
    let box_top = y;
    let box_titles: Vec<Option<PlacedText>> = s.boxes.iter().map(|b| (!b.title.trim().is_empty()).then(|| PlacedText::new(b.title.trim(), style, Point::new(0.0, 0.0)))).collect();
    if !s.boxes.is_empty() {
        let band = box_titles.iter().flatten().map(|t| t.height()).fold(0.0, f64::max);
        y += band + 2.0 * 5.0;
    }
    let header_top = y;
    let lifeline_top = header_top + header;

    let mut l = SequenceLayout {
        width: 0.0,
        height: 0.0,
        offset: Point::new(0.0, 0.0),
        participants: Vec::with_capacity(n),
        lifeline_top,
        lifeline_bottom: 0.0,
        messages: Vec::new(),
        notes: Vec::new(),
        activations: Vec::new(),
        blocks: Vec::new(),
        boxes: Vec::new(),
        title,
    };

    let mut cursor = lifeline_top;
    let mut active: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    let mut open: Vec<OpenBlock> = Vec::new();
    let mut numbering: Option<(f64, f64)> = None;
    let mut created_top: Vec<Option<Rect>> = vec![None; n];
    let mut destroyed_bottom: Vec<Option<Rect>> = vec![None; n];
    let mut last_message_y: Option<f64> = None;

    // The x where a line leaves or reaches `actor`, facing right or left.
    let bar_edge = |active: &Vec<Vec<(f64, usize)>>, actor: usize, extra: usize, facing_right: bool| {
        let depth = active[actor].len() + extra;
        if depth == 0 {
            return centers[actor];
        }
        let x = centers[actor] - ACTIVATION_WIDTH / 2.0 + (depth - 1) as f64 * ACTIVATION_WIDTH / 2.0;
        if facing_right { x + ACTIVATION_WIDTH } else { x }
    };

    for (k, it) in s.items.iter().enumerate() {
        match it {
            Item::Message { from, to, line, span, .. } => {
                let (f, t) = (*from, *to);
                let text_pt = texts[k].clone();
                let mut text_top = cursor + ROW_GAP;
                let mut line_y = match &text_pt {
                    // A self-message's text sits right above its loop: leave
                    // room for the loop's bulge and its autonumber badge.
                    Some(tp) => text_top + tp.height() + if f != t { 5.0 } else if numbering.is_some() { 14.0 } else { 8.0 },
                    None => cursor + 2.0 * ROW_GAP,
                };
                // A participant created or destroyed here has its box on this row.
                let boxed: Vec<usize> = [f, t].into_iter().filter(|&p| f != t && (s.participants[p].created_by == Some(k) || s.participants[p].destroyed_by == Some(k))).collect();
                if !boxed.is_empty() {
                    line_y = line_y.max(cursor + ROW_GAP + header / 2.0);
                    text_top = line_y - 5.0 - text_pt.as_ref().map_or(0.0, PlacedText::height);
                    for &p in &boxed {
                        let r = Rect::new(centers[p] - widths[p] / 2.0, line_y - header / 2.0, widths[p], header);
                        if s.participants[p].created_by == Some(k) {
                            created_top[p] = Some(r);
                        } else {
                            destroyed_bottom[p] = Some(r);
                        }
                    }
                }
                let opens_target = matches!(s.items.get(k + 1), Some(Item::ActivateStart { actor, span: sp }) if *actor == t && sp == span);
                let mut m = PlacedMessage { item: k, line: *line, from: f, to: t, x1: 0.0, x2: 0.0, y: line_y, self_loop: f == t, text: None, number: None };
                let (lo, hi);
                if f == t {
                    m.x1 = bar_edge(&active, f, 0, true);
                    m.x2 = m.x1;
                    cursor = line_y + SELF_LOOP_HEIGHT + ROW_GAP;
                    let mut a = m.x1;
                    let mut b = m.x1 + SELF_LOOP_WIDTH;
                    if let Some(mut tp) = text_pt {
                        tp.center = Point::new(centers[f], text_top + tp.height() / 2.0);
                        a = a.min(tp.rect().x);
                        b = b.max(tp.rect().right());
                        m.text = Some(tp);
                    }
                    (lo, hi) = (a, b);
                } else {
                    let right = centers[t] > centers[f];
                    m.x1 = bar_edge(&active, f, 0, right);
                    m.x2 = bar_edge(&active, t, usize::from(opens_target), !right);
                    let edge = |p: usize, facing_right: bool| centers[p] + if facing_right { widths[p] / 2.0 } else { -widths[p] / 2.0 };
                    if boxed.contains(&f) {
                        m.x1 = edge(f, right);
                    }
                    if boxed.contains(&t) {
                        m.x2 = edge(t, !right);
                    }
                    cursor = if boxed.is_empty() { line_y + ROW_GAP } else { line_y + header / 2.0 + ROW_GAP };
                    if let Some(mut tp) = text_pt {
                        tp.center = Point::new((m.x1 + m.x2) / 2.0, text_top + tp.height() / 2.0);
                        m.text = Some(tp);
                    }
                    (lo, hi) = (m.x1.min(m.x2), m.x1.max(m.x2));
                }
                if let Some((next, step)) = numbering.as_mut() {
                    let label = crate::layout::geometry::num(*next);
                    let pt = PlacedText::new(&label, number_style(), Point::new(m.x1, line_y));
                    let r = (pt.width() / 2.0 + 3.0).max(8.0);
                    m.number = Some((pt, r));
                    *next += *step;
                }
                for b in &mut open {
                    b.extend(lo, hi);
                }
                // Activations a message starts or ends meet its line (a
                // self-message's loop ends lower).
                last_message_y = Some(if f == t { line_y + SELF_LOOP_HEIGHT } else { line_y });
                l.messages.push(m);
                continue;
            }
            Item::Note { placement, from, to, .. } => {
                let mut tp = texts[k].clone().unwrap_or_else(|| PlacedText::new("", style, Point::new(0.0, 0.0)));
                let w = (tp.width() + 2.0 * NOTE_MARGIN).max(50.0);
                let h = tp.height() + 2.0 * NOTE_MARGIN;
                let top = cursor + ROW_GAP;
                let (cf, ct) = (centers[*from], centers[*to]);
                let (x0, width) = match placement {
                    NotePlacement::LeftOf => (cf - NOTE_GAP - w, w),
                    NotePlacement::RightOf => (cf + NOTE_GAP, w),
                    NotePlacement::Over if from == to => (cf - w / 2.0, w),
                    NotePlacement::Over => {
                        let (a, b) = (cf.min(ct) - 25.0, cf.max(ct) + 25.0);
                        let width = (b - a).max(w);
                        ((a + b) / 2.0 - width / 2.0, width)
                    }
                };
                let rect = Rect::new(x0, top, width, h);
                tp.center = rect.center();
                for b in &mut open {
                    b.extend(rect.x, rect.right());
                }
                l.notes.push(PlacedNote { item: k, rect, text: tp });
                cursor = rect.bottom();
            }
            Item::ActivateStart { actor, .. } => {
                let start = last_message_y.unwrap_or(cursor);
                let depth = active[*actor].len();
                active[*actor].push((start, depth));
                let x = centers[*actor] - ACTIVATION_WIDTH / 2.0 + depth as f64 * ACTIVATION_WIDTH / 2.0;
                for b in &mut open {
                    b.extend(x, x + ACTIVATION_WIDTH);
                }
                continue;
            }
            Item::ActivateEnd { actor, .. } => {
                if let Some((start, depth)) = active[*actor].pop() {
                    let end = last_message_y.unwrap_or(cursor).max(start + ROW_GAP);
                    let x = centers[*actor] - ACTIVATION_WIDTH / 2.0 + depth as f64 * ACTIVATION_WIDTH / 2.0;
                    l.activations.push(PlacedActivation { actor: *actor, rect: Rect::new(x, start, ACTIVATION_WIDTH, end - start) });
                }
                continue;
            }
            Item::BlockStart { kind, text, .. } => {
                let top = cursor + ROW_GAP;
                let mut b = OpenBlock { kind: *kind, item: k, top, tab: None, condition: None, sections: Vec::new(), extent: None, fill: None };
                if *kind == BlockKind::Rect {
                    b.fill = Some(text.clone());
                    cursor = top;
                } else {
                    let tab = PlacedText::new(kind.keyword(), keyword_style(), Point::new(0.0, top + LABEL_BOX_HEIGHT / 2.0));
                    let cond = (!text.trim().is_empty()).then(|| {
                        let mut c = PlacedText::new(&format!("[{}]", text.trim()), style, Point::new(0.0, 0.0));
                        c.center.y = top + 2.0 + c.height() / 2.0;
                        c
                    });
                    let h = cond.as_ref().map_or(0.0, |c| c.height() + 4.0).max(LABEL_BOX_HEIGHT);
                    b.tab = Some(tab);
                    b.condition = cond;
                    cursor = top + h;
                }
                open.push(b);
            }
            Item::BlockSection { text, .. } => {
                let y = cursor + ROW_GAP;
                let tp = (!text.trim().is_empty()).then(|| {
                    let mut c = PlacedText::new(&format!("[{}]", text.trim()), style, Point::new(0.0, 0.0));
                    c.center.y = y + 2.0 + c.height() / 2.0;
                    c
                });
                cursor = y + tp.as_ref().map_or(0.0, |c| c.height() + 4.0);
                if let Some(b) = open.last_mut() {
                    b.sections.push((y, tp));
                }
            }
            Item::BlockEnd { .. } => {
                let bottom = cursor + ROW_GAP;
                cursor = bottom;
                if let Some(b) = open.pop() {
                    let depth = open.len();
                    let block = close_block(b, bottom, depth, span);
                    for outer in &mut open {
                        outer.extend(block.rect.x, block.rect.right());
                    }
                    l.blocks.push(block);
                }
            }
            Item::Autonumber { start, step, visible } => {
                numbering = if *visible {
                    let current = numbering.map(|(n, _)| n);
                    Some((start.or(current).unwrap_or(1.0), step.unwrap_or(1.0)))
                } else {
                    None
                };
                continue;
            }
        }
        last_message_y = None;
    }
    // Blocks left open (only after an error) close at the end.
    while let Some(b) = open.pop() {
        cursor += ROW_GAP;
        let depth = open.len();
        let block = close_block(b, cursor, depth, span);
        for outer in &mut open {
            outer.extend(block.rect.x, block.rect.right());
        }
        l.blocks.push(block);
    }
    let end = cursor + ROW_GAP;
    for (actor, stack) in active.iter().enumerate() {
        for &(start, depth) in stack {
            let x = centers[actor] - ACTIVATION_WIDTH / 2.0 + depth as f64 * ACTIVATION_WIDTH / 2.0;
            l.activations.push(PlacedActivation { actor, rect: Rect::new(x, start, ACTIVATION_WIDTH, (end - start).max(ROW_GAP)) });
        }
    }
    l.lifeline_bottom = end + ROW_GAP;

    // Participants, top and bottom.
    for (i, (p, label)) in s.participants.iter().zip(labels).enumerate() {
        let c = centers[i];
        let top = created_top[i].unwrap_or(Rect::new(c - widths[i] / 2.0, header_top, widths[i], header));
        let bottom = destroyed_bottom[i].unwrap_or(Rect::new(top.x, l.lifeline_bottom, widths[i], header));
        let place = |r: &Rect| {
            let mut t = label.clone();
            t.center = match p.kind {
                k if k.has_figure() => Point::new(c, r.y + FIGURE_HEIGHT + 5.0 + t.height() / 2.0),
                _ => r.center(),
            };
            t
        };
        let (label_top, label_bottom) = (place(&top), place(&bottom));
        l.participants.push(PlacedParticipant { center_x: c, kind: p.kind, top, bottom, label_top, label_bottom });
    }

    // Boxes around their participants.
    for (bi, title) in box_titles.into_iter().enumerate() {
        let members: Vec<&PlacedParticipant> = s.participants.iter().zip(&l.participants).filter(|(p, _)| p.group == Some(bi)).map(|(_, pp)| pp).collect();
        if members.is_empty() {
            continue;
        }
        let x0 = members.iter().map(|m| m.top.x).fold(f64::INFINITY, f64::min) - ROW_GAP;
        let x1 = members.iter().map(|m| m.top.right()).fold(f64::NEG_INFINITY, f64::max) + ROW_GAP;
        let bottom = members[0].bottom.bottom() + ROW_GAP;
        let mut rect = Rect::new(x0, box_top, x1 - x0, bottom - box_top);
        let title = title.map(|mut t| {
            if t.width() + 2.0 * WRAP_PADDING > rect.width {
                let grow = t.width() + 2.0 * WRAP_PADDING - rect.width;
                rect = Rect::new(rect.x - grow / 2.0, rect.y, rect.width + grow, rect.height);
            }
            t.center = Point::new(rect.center().x, box_top + 5.0 + t.height() / 2.0);
            t
        });
        l.boxes.push(PlacedBox { index: bi, rect, title });
    }

    // The drawing's extent.
    let mut bounds = Rect::new(span.0, header_top, span.1 - span.0, l.lifeline_bottom + header - header_top);
    let mut add = |r: Rect| bounds = bounds.union(&r);
    for p in &l.participants {
        add(p.top);
        add(p.bottom);
        add(p.label_top.rect());
    }
    for m in &l.messages {
        add(m.line_rect());
        if let Some(t) = &m.text {
            add(t.rect());
        }
        if let Some((_, r)) = &m.number {
            add(Rect::new(m.x1 - r, m.y - r, 2.0 * r, 2.0 * r));
        }
    }
    for nt in &l.notes {
        add(nt.rect);
    }
    for b in &l.blocks {
        add(b.rect);
    }
    for b in &l.boxes {
        add(b.rect);
        if let Some(t) = &b.title {
            add(t.rect());
        }
    }
    if let Some(t) = &l.title {
        add(t.rect());
    }
    l.offset = Point::new(MARGIN_X - bounds.x, MARGIN - bounds.y);
    l.width = (bounds.width + 2.0 * MARGIN_X).ceil();
    l.height = (bounds.height + 2.0 * MARGIN).ceil();
    l
}

/// A block's frame from its contents' extent (or the participants' span
/// when it holds nothing), wide enough for its tab and texts.
fn close_block(b: OpenBlock, bottom: f64, depth: usize, span: (f64, f64)) -> PlacedBlock {
    let (mut x0, mut x1) = match b.extent {
        Some((a, c)) => (a - FRAME_PAD, c + FRAME_PAD),
        None => (span.0, span.1),
    };
    let tab_w = b.tab.as_ref().map_or(0.0, |t| (t.width() + 2.0 * WRAP_PADDING).max(50.0));
    let cond_w = b.condition.as_ref().map_or(0.0, |c| c.width() + 2.0 * WRAP_PADDING);
    let section_w = b.sections.iter().filter_map(|(_, t)| t.as_ref()).map(|t| t.width() + 2.0 * WRAP_PADDING).fold(0.0, f64::max);
    let need = (tab_w + cond_w).max(section_w);
    if x1 - x0 < need {
        // Grow both ways, keeping the frame centred on what it holds.
        let extra = need - (x1 - x0);
        x0 -= extra / 2.0;
        x1 += extra / 2.0;
    }
    let mid = (x0 + x1) / 2.0;
    let tab = b.tab.map(|mut t| {
        let r = Rect::new(x0, b.top, tab_w, LABEL_BOX_HEIGHT);
        t.center = r.center();
        (r, t)
    });
    let condition = b.condition.map(|mut c| {
        c.center.x = mid.max(x0 + tab_w + WRAP_PADDING + c.width() / 2.0);
        c
    });
    let sections = b
        .sections
        .into_iter()
        .map(|(y, t)| {
            (
                y,
                t.map(|mut t| {
                    t.center.x = mid;
                    t
                }),
            )
        })
        .collect();
    PlacedBlock { kind: b.kind, item: b.item, rect: Rect::new(x0, b.top, x1 - x0, bottom - b.top), depth, tab, condition, sections, fill: b.fill }
}

impl SequenceLayout {
    /// Texts that reach outside their box: participant labels outside
    /// their participant, note texts outside their note, message texts
    /// wider than the line they label, block texts outside their frame.
    pub fn text_overflow(&self) -> usize {
        let inside = |outer: &Rect, inner: &Rect| outer.inflate(0.5).contains_rect(inner);
        let mut n = 0;
        for p in &self.participants {
            n += usize::from(!inside(&p.top, &p.label_top.rect())) + usize::from(!inside(&p.bottom, &p.label_bottom.rect()));
        }
        for nt in &self.notes {
            n += usize::from(!inside(&nt.rect, &nt.text.rect()));
        }
        for m in &self.messages {
            if let (false, Some(t)) = (m.self_loop, &m.text) {
                let r = t.rect();
                n += usize::from(r.x < m.x1.min(m.x2) - 0.5 || r.right() > m.x1.max(m.x2) + 0.5);
            }
        }
        for b in &self.blocks {
            let texts = b.condition.iter().chain(b.sections.iter().filter_map(|(_, t)| t.as_ref())).chain(b.tab.iter().map(|(_, t)| t));
            for t in texts {
                n += usize::from(!inside(&b.rect, &t.rect()));
            }
        }
        n
    }

    /// Pairs of messages drawn on top of each other: their text boxes
    /// overlap, or their lines share a height and overlap.
    pub fn message_overlaps(&self) -> usize {
        let mut n = 0;
        for (i, a) in self.messages.iter().enumerate() {
            for b in &self.messages[i + 1..] {
                let texts = matches!((&a.text, &b.text), (Some(x), Some(y)) if x.rect().overlaps(&y.rect()));
                let (ra, rb) = (a.line_rect(), b.line_rect());
                let lines = (ra.y - rb.y).abs() < 1.0 && ra.x < rb.right() && rb.x < ra.right();
                n += usize::from(texts || lines);
            }
        }
        n
    }

    /// Texts of different elements (messages, notes, block labels) that overlap.
    pub fn text_collisions(&self) -> usize {
        let mut rects: Vec<Rect> = Vec::new();
        rects.extend(self.messages.iter().filter_map(|m| m.text.as_ref().map(PlacedText::rect)));
        rects.extend(self.messages.iter().filter_map(|m| m.number.as_ref().map(|(_, r)| Rect::new(m.x1 - r, m.y - r, 2.0 * r, 2.0 * r))));
        rects.extend(self.notes.iter().map(|n| n.rect));
        for b in &self.blocks {
            rects.extend(b.condition.iter().map(PlacedText::rect));
            rects.extend(b.sections.iter().filter_map(|(_, t)| t.as_ref().map(PlacedText::rect)));
            rects.extend(b.tab.iter().map(|(r, _)| *r));
        }
        let mut n = 0;
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                n += usize::from(a.overlaps(b));
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn layout(text: &str) -> (Sequence, SequenceLayout) {
        let Some(Diagram::Sequence(s)) = crate::diagrams::parse(text).diagram else { panic!("not a sequence diagram") };
        let l = layout_sequence(&s);
        (s, l)
    }

    #[test]
    fn long_messages_widen_the_gap_between_their_participants() {
        let (_, l) = layout("sequenceDiagram\nA->>B: a very long message text that is much wider than the default gap of fifty pixels\nB->>C: ok\n");
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.message_overlaps(), 0);
        let m = &l.messages[0];
        assert!((m.x2 - m.x1) > m.text.as_ref().unwrap().width());
    }

    #[test]
    fn rows_go_down_and_participants_are_mirrored() {
        let (_, l) = layout("sequenceDiagram\nparticipant A as Alice<br/>Smith\nA->>B: one\nB-->>A: two<br/>lines\nA->>A: self\nNote over A,B: note\n");
        let ys: Vec<f64> = l.messages.iter().map(|m| m.y).collect();
        assert!(ys.windows(2).all(|w| w[1] > w[0] + 20.0), "{ys:?}");
        assert!(l.notes[0].rect.y > l.messages[2].y + SELF_LOOP_HEIGHT);
        assert!(l.participants[0].bottom.y > l.notes[0].rect.bottom());
        assert_eq!(l.participants[0].top.height, l.participants[0].bottom.height);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.text_collisions(), 0);
    }

    #[test]
    fn activations_stack_and_messages_end_at_their_edge() {
        let (_, l) = layout("sequenceDiagram\nA->>+B: one\nA->>+B: two\nB-->>-A: three\nB-->>-A: four\n");
        assert_eq!(l.activations.len(), 2);
        let inner = l.activations.iter().find(|a| a.rect.x > l.participants[1].center_x - 5.0 + 1.0).unwrap();
        let outer = l.activations.iter().find(|a| a.rect.x < l.participants[1].center_x - 4.0).unwrap();
        assert!(inner.rect.y > outer.rect.y && inner.rect.bottom() < outer.rect.bottom());
        assert!((l.messages[0].x2 - outer.rect.x).abs() < 1e-9);
    }

    #[test]
    fn frames_span_what_they_hold() {
        let (_, l) = layout("sequenceDiagram\nparticipant A\nparticipant B\nparticipant C\nloop retry\n  B->>C: x\n  alt ok\n    C-->>B: y\n  else failed\n    C--xB: z\n  end\nend\nA->>C: after\n");
        assert_eq!(l.blocks.len(), 2);
        let alt = &l.blocks[0];
        let lp = &l.blocks[1];
        assert!(lp.rect.contains_rect(&alt.rect));
        assert!(lp.rect.x > l.participants[0].center_x, "loop covers B and C only");
        assert!(lp.rect.x < l.participants[1].center_x && lp.rect.right() > l.participants[2].center_x);
        assert_eq!(alt.sections.len(), 1);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.text_collisions(), 0);
    }

    #[test]
    fn created_and_destroyed_participants_have_their_boxes_on_their_message_row() {
        let (_, l) = layout("sequenceDiagram\nA->>B: hello\ncreate participant C\nB->>C: create a long-lived worker process\nC->>A: work\ndestroy C\nA-xC: stop\nA->>B: after\n");
        let c = &l.participants[2];
        let (create, destroy) = (&l.messages[1], &l.messages[3]);
        assert!((c.top.center().y - create.y).abs() < 1e-9);
        assert!((create.x2 - c.top.x).abs() < 1e-9, "ends at the box");
        assert!((c.bottom.center().y - destroy.y).abs() < 1e-9);
        assert!(c.top.y > l.messages[0].y && c.bottom.bottom() < l.messages[4].text.as_ref().unwrap().rect().y);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.text_collisions(), 0);
    }

    #[test]
    fn wrap_prefix_wraps_long_texts() {
        let long = "a very long message text that mermaid wraps when it starts with wrap and would otherwise widen the gap a lot";
        let (_, plain) = layout(&format!("sequenceDiagram\nA->>B: {long}\nNote over A: {long}\n"));
        let (_, wrapped) = layout(&format!("sequenceDiagram\nA->>B:wrap: {long}\nNote over A:wrap: {long}\n"));
        let mt = wrapped.messages[0].text.as_ref().unwrap();
        assert!(mt.text.lines.len() > 2);
        assert!(wrapped.participants[1].center_x < plain.participants[1].center_x);
        assert!(wrapped.notes[0].rect.width <= ACTOR_WIDTH + 1e-9);
        assert_eq!(wrapped.text_overflow(), 0);
    }

    #[test]
    fn autonumber_badges() {
        let (_, l) = layout("sequenceDiagram\nautonumber\nA->>B: x\nB->>A: y\nA->>A: a self-message with a long text\nA->>B: a message text that spans almost the whole gap between two lifelines\n");
        assert_eq!(l.text_collisions(), 0);
        let (_, l) = layout("sequenceDiagram\nautonumber\nA->>B: x\nB->>A: y\n");
        let labels: Vec<String> = l.messages.iter().map(|m| m.number.as_ref().unwrap().0.text.text()).collect();
        assert_eq!(labels, ["1", "2"]);
    }
}
