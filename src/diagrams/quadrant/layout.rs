//! The quadrant chart layout: mermaid-js's `QuadrantBuilder` geometry, fixed
//! by the settings (500 × 500 by default):
//!
//! - the title (20 px) on top, with 10 px above and below;
//! - the x axis labels (16 px) above the quadrants, or below them once the
//!   chart has points; the y axis labels (16 px) turned a quarter left on the
//!   left; each axis takes its font size plus 5 px either side;
//! - the quadrants fill the rest, 5 px in from it: 1 top right, 2 top left,
//!   3 bottom left, 4 bottom right, labelled at their centre, or at their
//!   top when there are points;
//! - a point at `[x, y]` sits at `x` of the width from the left and `y` of
//!   the height from the bottom, radius 5, its label (12 px) under it.
//!
//! One change: mermaid puts every point's label 5 px under its centre even
//! where it covers another label or point (its own too, when the point is
//! larger), or runs out of the chart (the Atlas's own charts have both).
//! Here a label hangs under its point, not over it, and one that would
//! cover something goes above its point, then right, then left, kept
//! inside the quadrants; the first points written keep mermaid's place.

use super::model::{QuadrantChart, XAxisPosition, YAxisPosition};
use crate::layout::geometry::Rect;
use crate::text::{font_extent, plain_width, TextStyle};

/// How a text is anchored at its point (mermaid's `text-anchor` and
/// `dominant-baseline`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAnchor {
    Start,
    Middle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAnchor {
    /// The text hangs below its point.
    Hanging,
    /// Its middle (half the x-height above the baseline) is on its point.
    Middle,
}

/// A text at a point, possibly turned a quarter left about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedText {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub font_size: f64,
    pub h_anchor: HAnchor,
    pub v_anchor: VAnchor,
    /// Turned -90°.
    pub turned: bool,
    pub width: f64,
}

impl PlacedText {
    /// Baseline distance below the anchor point (in the text's own frame),
    /// as Chromium places these baselines: hanging at 0.8 of the rounded
    /// ascent, middle at half the x-height.
    pub fn baseline_offset(&self) -> f64 {
        let (ascent, _) = font_extent(self.font_size);
        match self.v_anchor {
            VAnchor::Hanging => 0.8 * ascent.round(),
            VAnchor::Middle => {
                let face = crate::text::fonts::faces().get(crate::text::fonts::FaceId::Regular);
                let x_height = face.x_height().map_or(0.53 * face.units_per_em() as f64, f64::from);
                x_height / face.units_per_em() as f64 * self.font_size / 2.0
            }
        }
    }

    /// The box the ink takes on the page: capital height above the
    /// baseline to the descent below it.
    pub fn rect(&self) -> Rect {
        let (_, descent) = font_extent(self.font_size);
        let face = crate::text::fonts::faces().get(crate::text::fonts::FaceId::Regular);
        let cap = face.capital_height().map_or(0.7 * face.units_per_em() as f64, f64::from) / face.units_per_em() as f64 * self.font_size;
        let left = match self.h_anchor {
            HAnchor::Start => 0.0,
            HAnchor::Middle => -self.width / 2.0,
        };
        let top = self.baseline_offset() - cap;
        // In the text's frame: x from `left`, y from `top`.
        if self.turned {
            // rotate(-90): (u, v) → (v, -u)
            Rect::new(self.x + top, self.y - (left + self.width), cap + descent, self.width)
        } else {
            Rect::new(self.x + left, self.y + top, self.width, cap + descent)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedQuadrant {
    pub rect: Rect,
    /// Which quadrant (0 for quadrant-1).
    pub index: usize,
    pub label: Option<PlacedText>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedPoint {
    /// Index into the chart's points.
    pub point: usize,
    pub cx: f64,
    pub cy: f64,
    pub radius: f64,
    pub color: Option<String>,
    pub stroke_color: Option<String>,
    pub stroke_width: f64,
    pub label: Option<PlacedText>,
}

/// A border line and whether it is an outer one.
#[derive(Debug, Clone, PartialEq)]
pub struct BorderLine {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub outer: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuadrantLayout {
    pub width: f64,
    pub height: f64,
    /// The quadrants' area.
    pub plot: Rect,
    pub quadrants: Vec<PlacedQuadrant>,
    pub borders: Vec<BorderLine>,
    pub external_border_width: f64,
    pub internal_border_width: f64,
    /// In mermaid's drawing order (the last written first).
    pub points: Vec<PlacedPoint>,
    pub axis_labels: Vec<PlacedText>,
    pub title: Option<PlacedText>,
}

fn text(s: &str, x: f64, y: f64, font_size: f64, h_anchor: HAnchor, v_anchor: VAnchor, turned: bool) -> PlacedText {
    let style = TextStyle { font_size, ..TextStyle::default() };
    PlacedText { text: s.to_string(), x, y, font_size, h_anchor, v_anchor, turned, width: plain_width(s, &style) }
}

/// Lays out a quadrant chart.
pub fn layout_quadrant(c: &QuadrantChart) -> QuadrantLayout {
    let o = &c.options;
    let (w, h) = (o.chart_width, o.chart_height);
    let show_x = !c.x_left.is_empty() || !c.x_right.is_empty();
    let show_y = !c.y_bottom.is_empty() || !c.y_top.is_empty();
    let title = c.title.clone().filter(|t| !t.is_empty());
    let x_pos = if c.points.is_empty() { o.x_axis_position } else { XAxisPosition::Bottom };

    let x_space = o.x_axis_label_padding * 2.0 + o.x_axis_label_font_size;
    let (x_top, x_bottom) = match (show_x, x_pos) {
        (true, XAxisPosition::Top) => (x_space, 0.0),
        (true, XAxisPosition::Bottom) => (0.0, x_space),
        _ => (0.0, 0.0),
    };
    let y_space = o.y_axis_label_padding * 2.0 + o.y_axis_label_font_size;
    let (y_left, y_right) = match (show_y, o.y_axis_position) {
        (true, YAxisPosition::Left) => (y_space, 0.0),
        (true, YAxisPosition::Right) => (0.0, y_space),
        _ => (0.0, 0.0),
    };
    let title_top = if title.is_some() { o.title_font_size + o.title_padding * 2.0 } else { 0.0 };
    let q_left = o.quadrant_padding + y_left;
    let q_top = o.quadrant_padding + x_top + title_top;
    let q_w = w - o.quadrant_padding * 2.0 - y_left - y_right;
    let q_h = h - o.quadrant_padding * 2.0 - x_top - x_bottom - title_top;
    let (half_w, half_h) = (q_w / 2.0, q_h / 2.0);

    // Axis labels.
    let mut axis_labels = Vec::new();
    let x_middle = !c.x_right.is_empty();
    let y_middle = !c.y_top.is_empty();
    let x_label_y = match x_pos {
        XAxisPosition::Top => o.x_axis_label_padding + title_top,
        XAxisPosition::Bottom => o.x_axis_label_padding + q_top + q_h + o.quadrant_padding,
    };
    let x_anchor = if x_middle { HAnchor::Middle } else { HAnchor::Start };
    if show_x && !c.x_left.is_empty() {
        axis_labels.push(text(&c.x_left, q_left + if x_middle { half_w / 2.0 } else { 0.0 }, x_label_y, o.x_axis_label_font_size, x_anchor, VAnchor::Hanging, false));
    }
    if show_x && !c.x_right.is_empty() {
        axis_labels.push(text(&c.x_right, q_left + half_w + if x_middle { half_w / 2.0 } else { 0.0 }, x_label_y, o.x_axis_label_font_size, x_anchor, VAnchor::Hanging, false));
    }
    let y_label_x = match o.y_axis_position {
        YAxisPosition::Left => o.y_axis_label_padding,
        YAxisPosition::Right => o.y_axis_label_padding + q_left + q_w + o.quadrant_padding,
    };
    let y_anchor = if y_middle { HAnchor::Middle } else { HAnchor::Start };
    if show_y && !c.y_bottom.is_empty() {
        axis_labels.push(text(&c.y_bottom, y_label_x, q_top + q_h - if y_middle { half_h / 2.0 } else { 0.0 }, o.y_axis_label_font_size, y_anchor, VAnchor::Hanging, true));
    }
    if show_y && !c.y_top.is_empty() {
        axis_labels.push(text(&c.y_top, y_label_x, q_top + half_h - if y_middle { half_h / 2.0 } else { 0.0 }, o.y_axis_label_font_size, y_anchor, VAnchor::Hanging, true));
    }

    // Quadrants: 1 top right, 2 top left, 3 bottom left, 4 bottom right.
    let corners = [(q_left + half_w, q_top), (q_left, q_top), (q_left, q_top + half_h), (q_left + half_w, q_top + half_h)];
    let quadrants: Vec<PlacedQuadrant> = corners
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            let rect = Rect::new(x, y, half_w, half_h);
            let label = (!c.quadrants[i].is_empty()).then(|| {
                if c.points.is_empty() {
                    text(&c.quadrants[i], x + half_w / 2.0, y + half_h / 2.0, o.quadrant_label_font_size, HAnchor::Middle, VAnchor::Middle, false)
                } else {
                    text(&c.quadrants[i], x + half_w / 2.0, y + o.quadrant_text_top_padding, o.quadrant_label_font_size, HAnchor::Middle, VAnchor::Hanging, false)
                }
            });
            PlacedQuadrant { rect, index: i, label }
        })
        .collect();

    // Borders.
    let half_ext = o.external_border_width / 2.0;
    let b = |x1, y1, x2, y2, outer| BorderLine { x1, y1, x2, y2, outer };
    let borders = vec![
        b(q_left - half_ext, q_top, q_left + q_w + half_ext, q_top, true),
        b(q_left + q_w, q_top + half_ext, q_left + q_w, q_top + q_h - half_ext, true),
        b(q_left - half_ext, q_top + q_h, q_left + q_w + half_ext, q_top + q_h, true),
        b(q_left, q_top + half_ext, q_left, q_top + q_h - half_ext, true),
        b(q_left + half_w, q_top + half_ext, q_left + half_w, q_top + q_h - half_ext, false),
        b(q_left + half_ext, q_top + half_h, q_left + q_w - half_ext, q_top + half_h, false),
    ];

    // Points, and their labels placed clear of each other.
    let plot = Rect::new(q_left, q_top, q_w, q_h);
    let mut points: Vec<PlacedPoint> = c
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let style = c.point_style(p);
            let cx = q_left + p.x * q_w;
            let cy = q_top + q_h - p.y * q_h;
            PlacedPoint {
                point: i,
                cx,
                cy,
                radius: style.radius.unwrap_or(o.point_radius),
                color: style.color.map(|c| if c.starts_with('#') { c } else { format!("#{c}") }),
                stroke_color: style.stroke_color.map(|c| if c.starts_with('#') { c } else { format!("#{c}") }),
                stroke_width: style.stroke_width.unwrap_or(0.0),
                label: None,
            }
        })
        .collect();
    let quadrant_label_boxes: Vec<Rect> = quadrants.iter().filter_map(|q| q.label.as_ref().map(PlacedText::rect)).collect();
    let mut placed: Vec<Rect> = Vec::new();
    for i in 0..points.len() {
        let p = &c.points[points[i].point];
        if p.text.is_empty() {
            continue;
        }
        let (cx, cy, r) = (points[i].cx, points[i].cy, points[i].radius);
        let circles: Vec<Rect> = points.iter().map(|q| Rect::new(q.cx - q.radius, q.cy - q.radius, 2.0 * q.radius, 2.0 * q.radius)).collect();
        let label = place_label(&p.text, cx, cy, r, o.point_text_padding, o.point_label_font_size, &plot, |rect| {
            placed.iter().chain(&circles).chain(&quadrant_label_boxes).map(|b| overlap_area(rect, b)).sum()
        });
        placed.push(label.rect());
        points[i].label = Some(label);
    }
    points.reverse();

    let title = title.map(|t| text(&t, w / 2.0, o.title_padding, o.title_font_size, HAnchor::Middle, VAnchor::Hanging, false));
    QuadrantLayout { width: w, height: h, plot, quadrants, borders, external_border_width: o.external_border_width, internal_border_width: o.internal_border_width, points, axis_labels, title }
}

/// Where a point's label goes: mermaid's place (centred under the point)
/// when it is clear, else above, right of or left of the point, each kept
/// inside the plot; the first clear one, or the least covered.
fn place_label(s: &str, cx: f64, cy: f64, r: f64, pad: f64, font_size: f64, plot: &Rect, cover: impl Fn(&Rect) -> f64) -> PlacedText {
    // mermaid hangs the label `pad` under the centre whatever the radius;
    // a point larger than that would have its own label over it.
    let below = text(s, cx, cy + pad.max(r), font_size, HAnchor::Middle, VAnchor::Hanging, false);
    let inset = 2.0;
    let inside = |t: &PlacedText| plot.inflate(-inset).contains_rect(&t.rect());
    if cover(&below.rect()) <= 0.0 && inside(&below) {
        return below;
    }
    let b = below.rect();
    let (w, h) = (b.width, b.height);
    let clamp_x = |left: f64| left.clamp(plot.x + inset, (plot.right() - inset - w).max(plot.x + inset));
    let clamp_y = |top: f64| top.clamp(plot.y + inset, (plot.bottom() - inset - h).max(plot.y + inset));
    // Candidate boxes (left, top), most like mermaid's first.
    let candidates = [
        (clamp_x(cx - w / 2.0), clamp_y(b.y)),
        (clamp_x(cx - w / 2.0), clamp_y(cy - r - 2.0 - h)),
        (clamp_x(cx + r + 4.0), clamp_y(cy - h / 2.0)),
        (clamp_x(cx - r - 4.0 - w), clamp_y(cy - h / 2.0)),
    ];
    let mut best: Option<(f64, PlacedText)> = None;
    for (left, top) in candidates {
        // Back from the box to the anchor: centred, hanging.
        let t = PlacedText { x: left + w / 2.0, y: top + (below.y - b.y), ..below.clone() };
        let c = cover(&t.rect());
        if c <= 0.0 {
            return t;
        }
        if best.as_ref().is_none_or(|(bc, _)| c < *bc) {
            best = Some((c, t));
        }
    }
    best.map(|(_, t)| t).unwrap_or(below)
}

fn overlap_area(a: &Rect, b: &Rect) -> f64 {
    let w = a.right().min(b.right()) - a.x.max(b.x);
    let h = a.bottom().min(b.bottom()) - a.y.max(b.y);
    if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
}

impl QuadrantLayout {
    /// Every text drawn.
    pub fn texts(&self) -> impl Iterator<Item = &PlacedText> {
        self.title.iter().chain(&self.axis_labels).chain(self.quadrants.iter().filter_map(|q| q.label.as_ref())).chain(self.points.iter().filter_map(|p| p.label.as_ref()))
    }

    /// Point labels that cover another point label, a point (their own
    /// too), or a quadrant label (by more than half a pixel each way).
    pub fn overlaps(&self) -> usize {
        let hit = |a: &Rect, b: &Rect| a.right().min(b.right()) - a.x.max(b.x) > 0.5 && a.bottom().min(b.bottom()) - a.y.max(b.y) > 0.5;
        let labels: Vec<(usize, Rect)> = self.points.iter().enumerate().filter_map(|(i, p)| p.label.as_ref().map(|l| (i, l.rect()))).collect();
        let quadrant_labels: Vec<Rect> = self.quadrants.iter().filter_map(|q| q.label.as_ref().map(PlacedText::rect)).collect();
        let mut n = 0;
        for (k, (_, a)) in labels.iter().enumerate() {
            n += labels[k + 1..].iter().filter(|(_, b)| hit(a, b)).count();
            n += self.points.iter().filter(|p| hit(a, &Rect::new(p.cx - p.radius, p.cy - p.radius, 2.0 * p.radius, 2.0 * p.radius))).count();
            n += quadrant_labels.iter().filter(|q| hit(a, q)).count();
        }
        n
    }

    /// Texts reaching outside the chart, quadrant labels wider than their
    /// quadrant, and point labels outside the quadrants.
    pub fn text_overflow(&self) -> usize {
        let chart = Rect::new(0.0, 0.0, self.width, self.height).inflate(0.5);
        let outside = self.texts().filter(|t| !chart.contains_rect(&t.rect())).count();
        let wide = self.quadrants.iter().filter(|q| q.label.as_ref().is_some_and(|l| l.width > q.rect.width)).count();
        let plot = self.plot.inflate(0.5);
        let loose = self.points.iter().filter_map(|p| p.label.as_ref()).filter(|l| !plot.contains_rect(&l.rect())).count();
        outside + wide + loose
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn layout(text: &str) -> QuadrantLayout {
        match crate::diagrams::parse(text).diagram {
            Some(Diagram::Quadrant(c)) => layout_quadrant(&c),
            other => panic!("not a quadrant chart: {other:?}"),
        }
    }

    #[test]
    fn mermaids_geometry() {
        // mermaid-js 11.17.2: quadrant 1 at (263, 45) 232 × 212 with a title
        // and both axes; point [0.3, 0.6] at (170.2, 214.6).
        let l = layout("quadrantChart\ntitle T\nx-axis L --> R\ny-axis B --> T\nquadrant-1 Q1\nP: [0.3, 0.6]\n");
        assert_eq!(l.quadrants[0].rect, Rect::new(263.0, 45.0, 232.0, 212.0));
        assert_eq!(l.quadrants[1].rect, Rect::new(31.0, 45.0, 232.0, 212.0));
        let p = &l.points[0];
        assert!((p.cx - 170.2).abs() < 1e-9 && (p.cy - 214.6).abs() < 1e-9, "{p:?}");
        let x_labels: Vec<(f64, f64)> = l.axis_labels.iter().filter(|t| !t.turned).map(|t| (t.x, t.y)).collect();
        assert_eq!(x_labels, [(147.0, 479.0), (379.0, 479.0)]);
        let y_labels: Vec<(f64, f64)> = l.axis_labels.iter().filter(|t| t.turned).map(|t| (t.x, t.y)).collect();
        assert_eq!(y_labels, [(5.0, 363.0), (5.0, 151.0)]);
        assert_eq!(l.quadrants[0].label.as_ref().map(|t| (t.x, t.y)), Some((379.0, 50.0)));
        assert_eq!(l.title.as_ref().map(|t| (t.x, t.y)), Some((250.0, 10.0)));
    }

    #[test]
    fn labels_that_would_collide_move() {
        // Two points side by side: mermaid draws their labels over each other.
        let l = layout("quadrantChart\nEvent Sourcing Everywhere: [0.8, 0.7]\nSynchronous Everything: [0.7, 0.7]\n");
        assert_eq!(l.overlaps(), 0);
        assert_eq!(l.text_overflow(), 0);
        let first = l.points.iter().find(|p| p.point == 0).unwrap();
        assert_eq!(first.label.as_ref().unwrap().y, first.cy + 5.0, "the first written keeps mermaid's place");
    }

    #[test]
    fn a_large_point_keeps_its_label_clear() {
        let l = layout("quadrantChart\nA: [0.5, 0.5] radius: 12\nB: [0.2, 0.2]\n");
        let a = l.points.iter().find(|p| p.point == 0).unwrap();
        assert_eq!(a.label.as_ref().unwrap().y, a.cy + 12.0, "under the circle, not 5 px under its centre");
        let b = l.points.iter().find(|p| p.point == 1).unwrap();
        assert_eq!(b.label.as_ref().unwrap().y, b.cy + 5.0, "mermaid's place for the default radius");
        assert_eq!(l.overlaps(), 0);
    }

    #[test]
    fn labels_stay_inside_the_quadrants() {
        let l = layout("quadrantChart\nDistributed Monolith: [0.9, 0.9]\nA long label at the bottom: [0.5, 0]\n");
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.overlaps(), 0);
    }

    #[test]
    fn figures_can_fail() {
        let mut l = layout("quadrantChart\nA: [0.5, 0.5]\nB: [0.2, 0.2]\n");
        assert_eq!((l.overlaps(), l.text_overflow()), (0, 0));
        let moved = l.points[0].label.clone();
        l.points[1].label = moved;
        assert!(l.overlaps() > 0);
        l.points[0].label.as_mut().unwrap().x = 499.0;
        assert!(l.text_overflow() > 0);
    }
}
