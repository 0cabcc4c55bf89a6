//! Pie chart layout, as mermaid-js draws it: a pie of radius 185 centred in
//! a 450×450 square, slices from twelve o'clock clockwise, largest first
//! (ties in the order written), percentage labels at three quarters of the
//! radius, a legend to the right (in the order written) and the title above.
//! Unlike mermaid, a title wider than the pie widens the drawing instead of
//! running off its left edge, and small slices get no label that would not
//! fit inside them.

use crate::layout::geometry::{Point, Rect};
use super::model::Pie;
use crate::text::TextStyle;

/// Side of mermaid's pie square.
pub const PIE_SIZE: f64 = 450.0;
/// Between the square's edge and the pie.
pub const PIE_MARGIN: f64 = 40.0;
pub const LEGEND_RECT: f64 = 18.0;
pub const LEGEND_SPACING: f64 = 4.0;
/// Label radius, as a fraction of the pie's.
pub const TEXT_POSITION: f64 = 0.75;
/// Margin around the whole drawing.
pub const MARGIN: f64 = 8.0;

pub use crate::layout::text::PlacedText;

/// One drawn slice: angles in radians from twelve o'clock, clockwise.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedSlice {
    /// Index into the model's slices.
    pub slice: usize,
    pub start: f64,
    pub end: f64,
    /// Index into the theme's pie palette (order written, modulo 12).
    pub color: usize,
    pub percent: f64,
    /// The percentage label, when the slice has room for it.
    pub label: Option<PlacedText>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub slice: usize,
    pub color: usize,
    pub swatch: Rect,
    pub text: PlacedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PieLayout {
    pub width: f64,
    pub height: f64,
    pub center: Point,
    pub radius: f64,
    /// In drawing order: largest first.
    pub slices: Vec<PlacedSlice>,
    pub title: Option<PlacedText>,
    /// In the order written.
    pub legend: Vec<LegendEntry>,
}

impl PlacedSlice {
    /// The point at `radius` from `center` in the middle of the slice.
    pub fn mid(&self, center: Point, radius: f64) -> Point {
        polar(center, radius, (self.start + self.end) / 2.0)
    }
}

/// The point at angle `a` (from twelve o'clock, clockwise) and radius `r`.
pub fn polar(c: Point, r: f64, a: f64) -> Point {
    Point::new(c.x + r * a.sin(), c.y - r * a.cos())
}

pub fn slice_style() -> TextStyle {
    TextStyle { font_size: 17.0, line_height: 1.2, ..TextStyle::default() }
}

pub fn legend_style() -> TextStyle {
    TextStyle { font_size: 17.0, line_height: 1.2, ..TextStyle::default() }
}

pub fn title_style() -> TextStyle {
    TextStyle { font_size: 25.0, line_height: 1.2, ..TextStyle::default() }
}

/// The text of a legend entry: the label, with `[value]` under `showData`.
pub fn legend_text(p: &Pie, i: usize) -> String {
    let s = &p.slices[i];
    // `{}` prints the shortest decimal that reads back the same, like JavaScript.
    if p.show_data { format!("{} [{}]", s.label, s.value) } else { s.label.clone() }
}

/// Lays out a pie chart.
pub fn layout_pie(p: &Pie) -> PieLayout {
    let radius = PIE_SIZE / 2.0 - PIE_MARGIN;
    let center = Point::new(PIE_SIZE / 2.0, PIE_SIZE / 2.0);
    let total = p.total();

    // Largest first; a stable sort keeps ties in the order written.
    let mut order: Vec<usize> = (0..p.slices.len()).collect();
    order.sort_by(|&a, &b| p.slices[b].value.partial_cmp(&p.slices[a].value).unwrap_or(std::cmp::Ordering::Equal));
    let mut slices = Vec::new();
    let mut angle = 0.0;
    for i in order {
        let v = p.slices[i].value;
        if v <= 0.0 || total <= 0.0 {
            continue;
        }
        let sweep = v / total * std::f64::consts::TAU;
        let percent = v / total * 100.0;
        let mut s = PlacedSlice { slice: i, start: angle, end: angle + sweep, color: i % 12, percent, label: None };
        let at = s.mid(center, radius * TEXT_POSITION);
        let label = PlacedText::new(&format!("{}%", percent.round()), slice_style(), at);
        if fits_in_slice(&label.rect(), &s, center, radius) {
            s.label = Some(label);
        }
        angle += sweep;
        slices.push(s);
    }

    let title_text = p.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let title = title_text.map(|t| {
        let mut pt = PlacedText::new(t, title_style(), Point::new(center.x, 0.0));
        pt.center.y = center.y - radius - 6.0 - pt.block.height / 2.0;
        pt
    });

    let n = p.slices.len() as f64;
    let step = LEGEND_RECT + LEGEND_SPACING;
    let legend_x = center.x + 12.0 * LEGEND_RECT;
    let legend = (0..p.slices.len())
        .map(|i| {
            let y = center.y + i as f64 * step - step * n / 2.0;
            let swatch = Rect::new(legend_x, y, LEGEND_RECT, LEGEND_RECT);
            let mut text = PlacedText::new(&legend_text(p, i), legend_style(), Point::new(0.0, y + LEGEND_RECT / 2.0));
            text.center.x = legend_x + LEGEND_RECT + LEGEND_SPACING + text.block.width / 2.0;
            LegendEntry { slice: i, color: i % 12, swatch, text }
        })
        .collect();

    let mut l = PieLayout { width: 0.0, height: 0.0, center, radius, slices, title, legend };
    // A legend taller than the pie reaches up to the title: lift the title
    // above it.
    if let Some(t) = &mut l.title {
        let hits = l.legend.iter().any(|e| e.text.rect().overlaps(&t.rect()) || e.swatch.overlaps(&t.rect()));
        if hits {
            let top = l.legend.iter().map(|e| e.swatch.y.min(e.text.rect().y)).fold(f64::INFINITY, f64::min);
            t.center.y = top - 6.0 - t.block.height / 2.0;
        }
    }
    // Fit the drawing to what is drawn, with a margin, keeping mermaid's square.
    let mut bounds = Rect::new(0.0, 0.0, PIE_SIZE, PIE_SIZE);
    for r in l.text_rects() {
        bounds = bounds.union(&r);
    }
    for e in &l.legend {
        bounds = bounds.union(&e.swatch);
    }
    // Only what reaches outside mermaid's square moves the drawing.
    let shift = |v: f64| if v < 0.0 { MARGIN - v } else { 0.0 };
    let d = Point::new(shift(bounds.x), shift(bounds.y));
    l.center = Point::new(center.x + d.x, center.y + d.y);
    for s in &mut l.slices {
        if let Some(t) = &mut s.label {
            t.shift(d);
        }
    }
    if let Some(t) = &mut l.title {
        t.shift(d);
    }
    for e in &mut l.legend {
        e.text.shift(d);
        e.swatch = Rect::new(e.swatch.x + d.x, e.swatch.y + d.y, e.swatch.width, e.swatch.height);
    }
    // mermaid's width: the square, its margin, the legend's key and text.
    let legend_w = l.legend.iter().map(|e| e.text.width()).fold(0.0, f64::max);
    let mermaid_width = PIE_SIZE + PIE_MARGIN + LEGEND_RECT + LEGEND_SPACING + legend_w;
    l.width = (bounds.right() + MARGIN).max(mermaid_width) + d.x;
    l.height = if bounds.bottom() > PIE_SIZE { bounds.bottom() + MARGIN } else { PIE_SIZE } + d.y;
    l
}

impl PieLayout {
    /// Every text box drawn: slice labels, title, legend.
    pub fn text_rects(&self) -> Vec<Rect> {
        let mut v: Vec<Rect> = self.slices.iter().filter_map(|s| s.label.as_ref().map(PlacedText::rect)).collect();
        v.extend(self.title.as_ref().map(PlacedText::rect));
        v.extend(self.legend.iter().map(|e| e.text.rect()));
        v
    }

    /// Slice labels that reach outside their slice.
    pub fn labels_outside_slices(&self) -> usize {
        self.slices.iter().filter(|s| s.label.as_ref().is_some_and(|t| !fits_in_slice(&t.rect(), s, self.center, self.radius))).count()
    }
}

/// Is every corner of `r` inside the slice (within the circle, between its
/// two radii)?
fn fits_in_slice(r: &Rect, s: &PlacedSlice, center: Point, radius: f64) -> bool {
    let corners = [Point::new(r.x, r.y), Point::new(r.right(), r.y), Point::new(r.x, r.bottom()), Point::new(r.right(), r.bottom())];
    let full = s.end - s.start >= std::f64::consts::TAU - 1e-9;
    corners.iter().all(|p| {
        let dx = p.x - center.x;
        let dy = center.y - p.y;
        if (dx * dx + dy * dy).sqrt() > radius - 2.0 {
            return false;
        }
        if full {
            return true;
        }
        let mut a = dx.atan2(dy);
        if a < 0.0 {
            a += std::f64::consts::TAU;
        }
        a > s.start && a < s.end
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::pie::model::Slice;

    fn pie(values: &[(&str, f64)]) -> Pie {
        Pie {
            title: Some("A title".into()),
            slices: values.iter().map(|(l, v)| Slice { label: l.to_string(), value: *v, span: 0..0 }).collect(),
            ..Pie::default()
        }
    }

    #[test]
    fn slices_go_largest_first_and_fill_the_circle() {
        let l = layout_pie(&pie(&[("a", 10.0), ("b", 30.0), ("zero", 0.0), ("c", 30.0)]));
        let order: Vec<usize> = l.slices.iter().map(|s| s.slice).collect();
        assert_eq!(order, [1, 3, 0]);
        assert_eq!(l.slices[0].start, 0.0);
        assert!((l.slices.last().unwrap().end - std::f64::consts::TAU).abs() < 1e-9);
        // colours follow the order written
        assert_eq!(l.slices[1].color, 3);
        assert_eq!(l.legend.len(), 4);
        assert_eq!(l.labels_outside_slices(), 0);
    }

    #[test]
    fn tiny_slices_have_no_label_and_nothing_overlaps() {
        let l = layout_pie(&pie(&[("big", 1000.0), ("tiny", 1.0)]));
        assert!(l.slices[1].label.is_none());
        let rects = l.text_rects();
        for (i, a) in rects.iter().enumerate() {
            assert!(a.x >= 0.0 && a.right() <= l.width && a.y >= 0.0 && a.bottom() <= l.height);
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn tall_legends_stay_clear_of_the_title() {
        let labels: Vec<String> = (0..40).map(|i| format!("region number {i}")).collect();
        let values: Vec<(&str, f64)> = labels.iter().map(|l| (l.as_str(), 1.0)).collect();
        let mut p = pie(&values);
        p.title = Some("A title long enough to reach across the pie into the legend column".into());
        let l = layout_pie(&p);
        let rects = l.text_rects();
        for (i, a) in rects.iter().enumerate() {
            assert!(a.y >= 0.0 && a.bottom() <= l.height);
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn wide_titles_widen_the_drawing() {
        let mut p = pie(&[("a", 1.0)]);
        p.title = Some("A very long title that is much wider than the four hundred and fifty pixel pie".into());
        let l = layout_pie(&p);
        let t = l.title.as_ref().unwrap().rect();
        assert!(t.x >= MARGIN - 1e-9);
        assert!(l.width >= t.right());
    }
}
