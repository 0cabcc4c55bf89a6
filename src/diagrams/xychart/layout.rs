//! XY chart layout, as mermaid-js's xychart orchestrator places it: a
//! 700×500 chart, the title on top (20px, 10px padding), the x axis below
//! the plot and the y axis left of it (labels 14px with 5px padding, 5px
//! ticks, titles 16px), the plot taking the rest; y ticks as d3's
//! `scale.ticks()`; categories evenly spaced with half the widest label as
//! outer padding (at least 35% of a category's width when there are bars);
//! bars 95% of `min(2 × outer padding, category width)`.
//! Horizontal charts swap the axes: categories on the left, values on top.
//! A legend of the titled series sits right of the plot.
//!
//! Unlike mermaid: bars are clipped to the plot area (a value outside the
//! y range does not run off the chart), x labels too wide for their
//! category are wrapped at spaces, then shrunk, rather than overlap, and a
//! title wider than the chart or a long legend entry is wrapped.

use crate::layout::geometry::{Point, Rect};
use crate::layout::text::PlacedText;
use super::model::{js_number, SeriesKind, XAxis, XyChart};
use crate::text::{wrap, RichText, TextStyle};

pub const WIDTH: f64 = 700.0;
pub const HEIGHT: f64 = 500.0;
pub const TITLE_FONT: f64 = 20.0;
pub const TITLE_PADDING: f64 = 10.0;
pub const LABEL_FONT: f64 = 14.0;
pub const LABEL_PADDING: f64 = 5.0;
pub const AXIS_TITLE_FONT: f64 = 16.0;
pub const AXIS_TITLE_PADDING: f64 = 5.0;
pub const TICK_LENGTH: f64 = 5.0;
pub const AXIS_LINE_WIDTH: f64 = 2.0;
pub const LEGEND_FONT: f64 = 14.0;
pub const LEGEND_SWATCH: f64 = 12.0;

/// mermaid's default `plotColorPalette`.
pub const PALETTE: [&str; 10] = ["#ECECFF", "#8493A6", "#FFC3A0", "#DCDDE1", "#B8E994", "#D1A36F", "#C3CDE6", "#FFB6C1", "#496078", "#F8F3E3"];

/// d3's `ticks(start, stop, count)`.
pub fn d3_ticks(start: f64, stop: f64, count: f64) -> Vec<f64> {
    if !(count > 0.0) || !start.is_finite() || !stop.is_finite() {
        return Vec::new();
    }
    if start == stop {
        return vec![start];
    }
    let reverse = stop < start;
    let (lo, hi) = if reverse { (stop, start) } else { (start, stop) };
    let Some((i1, i2, inc)) = tick_spec(lo, hi, count) else { return Vec::new() };
    if i2 < i1 {
        return Vec::new();
    }
    let n = (i2 - i1 + 1.0) as usize;
    let mut t: Vec<f64> = (0..n.min(1000)).map(|i| if inc < 0.0 { (i1 + i as f64) / -inc } else { (i1 + i as f64) * inc }).collect();
    if reverse {
        t.reverse();
    }
    t
}

fn tick_spec(start: f64, stop: f64, count: f64) -> Option<(f64, f64, f64)> {
    let step = (stop - start) / count.max(0.0);
    let power = step.log10().floor();
    let error = step / 10f64.powf(power);
    let factor = if error >= 50f64.sqrt() { 10.0 } else if error >= 10f64.sqrt() { 5.0 } else if error >= 2f64.sqrt() { 2.0 } else { 1.0 };
    let (mut i1, mut i2, inc);
    if power < 0.0 {
        let mut inc0 = 10f64.powf(-power) / factor;
        i1 = (start * inc0).round();
        i2 = (stop * inc0).round();
        if i1 / inc0 < start {
            i1 += 1.0;
        }
        if i2 / inc0 > stop {
            i2 -= 1.0;
        }
        inc0 = -inc0;
        inc = inc0;
    } else {
        inc = 10f64.powf(power) * factor;
        i1 = (start / inc).round();
        i2 = (stop / inc).round();
        if i1 * inc < start {
            i1 += 1.0;
        }
        if i2 * inc > stop {
            i2 -= 1.0;
        }
    }
    if i2 < i1 && (0.5..2.0).contains(&count) {
        return tick_spec(start, stop, count * 2.0);
    }
    inc.is_finite().then_some((i1, i2, inc))
}

/// One drawn bar, or one line's points.
#[derive(Debug, Clone, PartialEq)]
pub enum PlacedSeries {
    Bars { color: usize, rects: Vec<Rect> },
    Line { color: usize, points: Vec<Point> },
}

/// A tick: its position along the axis and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: PlacedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub color: usize,
    pub swatch: Rect,
    pub text: PlacedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct XyLayout {
    pub width: f64,
    pub height: f64,
    pub horizontal: bool,
    pub title: Option<PlacedText>,
    /// The plot area.
    pub plot: Rect,
    /// Category ticks (along x when vertical, along y when horizontal).
    pub category_ticks: Vec<Tick>,
    /// Value ticks.
    pub value_ticks: Vec<Tick>,
    pub category_title: Option<PlacedText>,
    /// Drawn rotated by -90° when the chart is vertical.
    pub value_title: Option<PlacedText>,
    pub series: Vec<PlacedSeries>,
    pub legend: Vec<LegendEntry>,
}

fn style(size: f64) -> TextStyle {
    TextStyle { font_size: size, line_height: 1.2, ..TextStyle::default() }
}

pub fn title_style() -> TextStyle {
    style(TITLE_FONT)
}

/// The category labels and how the chart maps values.
struct Axes {
    categories: Vec<String>,
    min: f64,
    max: f64,
}

fn axes(c: &XyChart) -> Axes {
    let categories = match &c.x_axis {
        XAxis::Band { categories, .. } => categories.clone(),
        XAxis::Linear { .. } => c.series.first().map(|s| s.points.iter().map(|p| p.0.clone()).collect()).unwrap_or_default(),
    };
    let (mut min, mut max) = (c.y_axis.min, c.y_axis.max);
    if !min.is_finite() || !max.is_finite() {
        (min, max) = (0.0, 1.0);
    }
    Axes { categories, min, max }
}

/// Lays out an XY chart.
pub fn layout_xychart(c: &XyChart) -> XyLayout {
    let ax = axes(c);
    let value_ticks_v = d3_ticks(ax.min, ax.max, 10.0);
    let value_labels: Vec<PlacedText> = value_ticks_v.iter().map(|v| PlacedText::new(&js_number(*v), style(LABEL_FONT), Point::new(0.0, 0.0))).collect();
    let has_bars = c.series.iter().any(|s| s.kind == SeriesKind::Bar);

    // Title.
    let title_text = c.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    // A title wider than the chart is wrapped (mermaid lets it run off).
    let title = title_text.map(|t| PlacedText::from_rich(wrap(&RichText::plain(t), &title_style(), WIDTH - 20.0), title_style(), Point::new(WIDTH / 2.0, 0.0)));
    let title_h = title.as_ref().map_or(0.0, |t| t.block.height + 2.0 * TITLE_PADDING);
    let mut title = title;
    if let Some(t) = &mut title {
        t.center.y = title_h / 2.0;
    }

    // Legend for titled series, right of the plot.
    let titled: Vec<usize> = (0..c.series.len()).filter(|&i| !c.series[i].title.is_empty()).collect();
    // Legend entries wrap at a fifth of the chart's width.
    let legend_texts: Vec<PlacedText> = titled.iter().map(|&i| PlacedText::from_rich(wrap(&RichText::plain(&c.series[i].title), &style(LEGEND_FONT), WIDTH / 5.0), style(LEGEND_FONT), Point::new(0.0, 0.0))).collect();
    let legend_w = if legend_texts.is_empty() { 0.0 } else { legend_texts.iter().map(|t| t.block.width).fold(0.0, f64::max) + LEGEND_SWATCH + 6.0 + 2.0 * 10.0 };

    let cat_title = if c.x_axis.title().trim().is_empty() { None } else { Some(PlacedText::new(c.x_axis.title().trim(), style(AXIS_TITLE_FONT), Point::new(0.0, 0.0))) };
    let val_title = if c.y_axis.title.trim().is_empty() { None } else { Some(PlacedText::new(c.y_axis.title.trim(), style(AXIS_TITLE_FONT), Point::new(0.0, 0.0))) };
    let n = ax.categories.len().max(1) as f64;

    let mut l = XyLayout {
        width: WIDTH,
        height: HEIGHT,
        horizontal: c.horizontal,
        title,
        plot: Rect::new(0.0, 0.0, 0.0, 0.0),
        category_ticks: Vec::new(),
        value_ticks: Vec::new(),
        category_title: None,
        value_title: None,
        series: Vec::new(),
        legend: Vec::new(),
    };

    let avail_w = WIDTH - legend_w;
    if !c.horizontal {
        // Value axis (left): widest label, tick, title turned on its side.
        let val_label_w = value_labels.iter().map(|t| t.block.width).fold(0.0, f64::max);
        let val_title_w = val_title.as_ref().map_or(0.0, |t| t.block.height + 2.0 * AXIS_TITLE_PADDING);
        let left = val_label_w + 2.0 * LABEL_PADDING + TICK_LENGTH + AXIS_LINE_WIDTH + val_title_w;
        let plot_w = avail_w - left;
        // Category labels: wrapped or shrunk to their share of the width.
        let slot = plot_w / n;
        let cat_labels = fit_labels(&ax.categories, slot - 2.0);
        let cat_label_h = cat_labels.iter().map(|t| t.block.height).fold(0.0, f64::max);
        let cat_title_h = cat_title.as_ref().map_or(0.0, |t| t.block.height + 2.0 * AXIS_TITLE_PADDING);
        let bottom = cat_label_h + 2.0 * LABEL_PADDING + TICK_LENGTH + AXIS_LINE_WIDTH + cat_title_h;
        // never negative: a title or labels taller than the chart leave no room
        let plot = Rect::new(left, title_h, plot_w.max(0.0), (HEIGHT - title_h - bottom).max(0.0));
        l.plot = plot;
        // Category positions.
        let widest = cat_labels.iter().map(|t| t.block.width).fold(0.0, f64::max);
        let tick_distance = plot.width / n;
        let mut outer = (widest / 2.0).min(0.2 * plot.width);
        if has_bars && 0.7 * tick_distance > 2.0 * outer {
            outer = (0.7 * tick_distance / 2.0).floor();
        }
        let (r0, r1) = (plot.x + outer, plot.x + plot.width - outer);
        let pos = |i: usize| if ax.categories.len() <= 1 { (r0 + r1) / 2.0 } else { r0 + (r1 - r0) * i as f64 / (n - 1.0) };
        let label_y = plot.y + plot.height + AXIS_LINE_WIDTH + TICK_LENGTH + LABEL_PADDING;
        l.category_ticks = cat_labels
            .into_iter()
            .enumerate()
            .map(|(i, mut t)| {
                t.center = Point::new(pos(i), label_y + t.block.height / 2.0);
                Tick { at: pos(i), label: t }
            })
            .collect();
        // Value positions: padded by half a label's height.
        let pad = value_labels.first().map_or(0.0, |t| t.block.height / 2.0);
        let (v0, v1) = (plot.y + plot.height - pad, plot.y + pad);
        let scale = |v: f64| if ax.max == ax.min { (v0 + v1) / 2.0 } else { v0 + (v - ax.min) / (ax.max - ax.min) * (v1 - v0) };
        let label_right = plot.x - AXIS_LINE_WIDTH - TICK_LENGTH - LABEL_PADDING;
        l.value_ticks = value_ticks_v
            .iter()
            .zip(value_labels)
            .map(|(&v, mut t)| {
                t.center = Point::new(label_right - t.block.width / 2.0, scale(v));
                Tick { at: scale(v), label: t }
            })
            .collect();
        if let Some(mut t) = cat_title {
            t.center = Point::new(plot.x + plot.width / 2.0, HEIGHT - AXIS_TITLE_PADDING - t.block.height / 2.0);
            l.category_title = Some(t);
        }
        if let Some(mut t) = val_title {
            t.center = Point::new(AXIS_TITLE_PADDING + t.block.height / 2.0, plot.y + plot.height / 2.0);
            l.value_title = Some(t);
        }
        let bar_w = (2.0 * outer).min(tick_distance) * 0.95;
        for s in &c.series {
            let pts: Vec<(f64, f64)> = s.points.iter().enumerate().filter_map(|(i, (_, v))| v.map(|v| (pos(i), scale(v)))).collect();
            l.series.push(match s.kind {
                SeriesKind::Bar => PlacedSeries::Bars {
                    color: s.color,
                    rects: pts
                        .iter()
                        .map(|&(x, y)| {
                            let y = y.clamp(plot.y, plot.y + plot.height);
                            Rect::new(x - bar_w / 2.0, y, bar_w, plot.y + plot.height - y)
                        })
                        .collect(),
                },
                SeriesKind::Line => PlacedSeries::Line { color: s.color, points: pts.iter().map(|&(x, y)| Point::new(x, y)).collect() },
            });
        }
    } else {
        // Horizontal: categories on the left, values along the top.
        let val_label_h = value_labels.iter().map(|t| t.block.height).fold(0.0, f64::max);
        let val_title_h = val_title.as_ref().map_or(0.0, |t| t.block.height + 2.0 * AXIS_TITLE_PADDING);
        let top = title_h + val_title_h + val_label_h + 2.0 * LABEL_PADDING + TICK_LENGTH + AXIS_LINE_WIDTH;
        let cat_labels: Vec<PlacedText> = ax.categories.iter().map(|t| PlacedText::new(t, style(LABEL_FONT), Point::new(0.0, 0.0))).collect();
        let cat_label_w = cat_labels.iter().map(|t| t.block.width).fold(0.0, f64::max);
        let cat_title_w = cat_title.as_ref().map_or(0.0, |t| t.block.height + 2.0 * AXIS_TITLE_PADDING);
        let left = cat_title_w + cat_label_w + 2.0 * LABEL_PADDING + TICK_LENGTH + AXIS_LINE_WIDTH;
        // never negative: labels wider than the chart leave no room
        let plot = Rect::new(left, top, (avail_w - left).max(0.0), (HEIGHT - top).max(0.0));
        l.plot = plot;
        let tick_distance = plot.height / n;
        let tallest = cat_labels.iter().map(|t| t.block.height).fold(0.0, f64::max);
        let mut outer = (tallest / 2.0).min(0.2 * plot.height);
        if has_bars && 0.7 * tick_distance > 2.0 * outer {
            outer = (0.7 * tick_distance / 2.0).floor();
        }
        let (r0, r1) = (plot.y + outer, plot.y + plot.height - outer);
        let pos = |i: usize| if ax.categories.len() <= 1 { (r0 + r1) / 2.0 } else { r0 + (r1 - r0) * i as f64 / (n - 1.0) };
        let label_right = plot.x - AXIS_LINE_WIDTH - TICK_LENGTH - LABEL_PADDING;
        l.category_ticks = cat_labels
            .into_iter()
            .enumerate()
            .map(|(i, mut t)| {
                t.center = Point::new(label_right - t.block.width / 2.0, pos(i));
                Tick { at: pos(i), label: t }
            })
            .collect();
        let pad = value_labels.iter().map(|t| t.block.width / 2.0).fold(0.0, f64::max);
        let (v0, v1) = (plot.x + pad, plot.x + plot.width - pad);
        let scale = |v: f64| if ax.max == ax.min { (v0 + v1) / 2.0 } else { v0 + (v - ax.min) / (ax.max - ax.min) * (v1 - v0) };
        let label_bottom = plot.y - AXIS_LINE_WIDTH - TICK_LENGTH - LABEL_PADDING;
        l.value_ticks = value_ticks_v
            .iter()
            .zip(value_labels)
            .map(|(&v, mut t)| {
                t.center = Point::new(scale(v), label_bottom - t.block.height / 2.0);
                Tick { at: scale(v), label: t }
            })
            .collect();
        if let Some(mut t) = cat_title {
            t.center = Point::new(AXIS_TITLE_PADDING + t.block.height / 2.0, plot.y + plot.height / 2.0);
            l.category_title = Some(t);
        }
        if let Some(mut t) = val_title {
            t.center = Point::new(plot.x + plot.width / 2.0, title_h + AXIS_TITLE_PADDING + t.block.height / 2.0);
            l.value_title = Some(t);
        }
        let bar_h = (2.0 * outer).min(tick_distance) * 0.95;
        for s in &c.series {
            let pts: Vec<(f64, f64)> = s.points.iter().enumerate().filter_map(|(i, (_, v))| v.map(|v| (scale(v), pos(i)))).collect();
            l.series.push(match s.kind {
                SeriesKind::Bar => PlacedSeries::Bars {
                    color: s.color,
                    rects: pts
                        .iter()
                        .map(|&(x, y)| {
                            let x = x.clamp(plot.x, plot.x + plot.width);
                            Rect::new(plot.x, y - bar_h / 2.0, x - plot.x, bar_h)
                        })
                        .collect(),
                },
                SeriesKind::Line => PlacedSeries::Line { color: s.color, points: pts.iter().map(|&(x, y)| Point::new(x, y)).collect() },
            });
        }
    }

    // Legend, centred on the plot's height.
    if !legend_texts.is_empty() {
        let gap = LEGEND_FONT * 0.3;
        let total: f64 = legend_texts.iter().map(|t| t.block.height.max(LEGEND_SWATCH) + gap).sum();
        let x = l.plot.x + l.plot.width + 10.0;
        let mut y = l.plot.y + l.plot.height / 2.0 - total / 2.0;
        l.legend = titled
            .iter()
            .zip(legend_texts)
            .map(|(&i, mut t)| {
                let h = t.block.height.max(LEGEND_SWATCH);
                let cy = y + h / 2.0;
                y += h + gap;
                t.center = Point::new(x + LEGEND_SWATCH + 6.0 + t.block.width / 2.0, cy);
                LegendEntry { color: c.series[i].color, swatch: Rect::new(x, cy - LEGEND_SWATCH / 2.0, LEGEND_SWATCH, LEGEND_SWATCH), text: t }
            })
            .collect();
    }
    l
}

/// Category labels no wider than `max_w`: wrapped at spaces, then shrunk.
fn fit_labels(categories: &[String], max_w: f64) -> Vec<PlacedText> {
    let max_w = max_w.max(10.0);
    let plain: Vec<PlacedText> = categories.iter().map(|t| PlacedText::new(t, style(LABEL_FONT), Point::new(0.0, 0.0))).collect();
    if plain.iter().all(|t| t.block.width <= max_w) {
        return plain;
    }
    let wrapped: Vec<PlacedText> = categories.iter().map(|t| PlacedText::from_rich(wrap(&RichText::plain(t), &style(LABEL_FONT), max_w), style(LABEL_FONT), Point::new(0.0, 0.0))).collect();
    let widest = wrapped.iter().map(|t| t.block.width).fold(0.0, f64::max);
    if widest <= max_w {
        return wrapped;
    }
    let size = (LABEL_FONT * max_w / widest).floor().max(6.0);
    categories.iter().map(|t| PlacedText::from_rich(wrap(&RichText::plain(t), &style(size), max_w), style(size), Point::new(0.0, 0.0))).collect()
}

impl XyLayout {
    /// Bars (or bar parts) outside the plot area.
    pub fn bars_outside_plot(&self) -> usize {
        let p = self.plot;
        self.series
            .iter()
            .map(|s| match s {
                PlacedSeries::Bars { rects, .. } => rects
                    .iter()
                    .filter(|r| r.x < p.x - 0.01 || r.y < p.y - 0.01 || r.x + r.width > p.x + p.width + 0.01 || r.y + r.height > p.y + p.height + 0.01 || r.height < 0.0 || r.width < 0.0)
                    .count(),
                PlacedSeries::Line { .. } => 0,
            })
            .sum()
    }

    /// Pairs of tick labels on one axis that overlap.
    pub fn tick_label_overlaps(&self) -> usize {
        let mut n = 0;
        for ticks in [&self.category_ticks, &self.value_ticks] {
            for (a, b) in ticks.iter().zip(ticks.iter().skip(1)) {
                if a.label.rect().overlaps(&b.label.rect()) {
                    n += 1;
                }
            }
        }
        n
    }

    /// Texts (titles, labels, legend) reaching outside the chart.
    pub fn text_outside(&self) -> usize {
        let mut texts: Vec<Rect> = self.category_ticks.iter().chain(&self.value_ticks).map(|t| t.label.rect()).collect();
        texts.extend(self.title.iter().chain(&self.category_title).map(|t| t.rect()));
        texts.extend(self.legend.iter().map(|e| e.text.rect()));
        if let Some(t) = &self.value_title {
            let r = t.rect();
            // drawn turned on its side when vertical
            texts.push(if self.horizontal { r } else { Rect::new(t.center.x - r.height / 2.0, t.center.y - r.width / 2.0, r.height, r.width) });
        }
        texts.iter().filter(|r| r.x < -0.5 || r.y < -0.5 || r.x + r.width > self.width + 0.5 || r.y + r.height > self.height + 0.5).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn chart(text: &str) -> XyChart {
        match crate::diagrams::parse(text).diagram {
            Some(Diagram::XyChart(c)) => c,
            _ => panic!(),
        }
    }

    #[test]
    fn d3_ticks_match() {
        assert_eq!(d3_ticks(0.0, 10.0, 10.0), (0..=10).map(f64::from).collect::<Vec<_>>());
        assert_eq!(d3_ticks(0.0, 50.0, 10.0), (0..=10).map(|i| f64::from(i) * 5.0).collect::<Vec<_>>());
        assert_eq!(d3_ticks(3.0, 5.0, 10.0), [3.0, 3.2, 3.4, 3.6, 3.8, 4.0, 4.2, 4.4, 4.6, 4.8, 5.0]);
        assert_eq!(d3_ticks(0.0, 0.08, 10.0).len(), 9);
        assert_eq!(js_number(0.30000000000000004_f64.min(0.3)), "0.3");
    }

    #[test]
    fn bars_inside_plot_and_labels_apart() {
        let c = chart("xychart-beta\n title \"T\"\n x-axis [\"A very long category name\", \"Another very long category\", \"Third long one here\", \"And a fourth\", \"Fifth label\", \"Sixth label text\", \"Seventh\", \"Eighth and last\"]\n y-axis \"Y\" 10 --> 50\n bar [5, 20, 30, 60, 40, 45, 12, 33]\n line [1, 2, 3, 4, 5, 6, 7, 8]\n");
        let l = layout_xychart(&c);
        assert_eq!((l.width, l.height), (700.0, 500.0));
        assert_eq!(l.bars_outside_plot(), 0);
        assert_eq!(l.tick_label_overlaps(), 0);
        assert_eq!(l.text_outside(), 0);
        assert_eq!(l.value_ticks.len(), 9);
    }

    #[test]
    fn long_title_and_legend_wrap_inside_the_chart() {
        let long = "A very long chart title that goes on and on about quarterly numbers across every region we serve";
        let c = chart(&format!("xychart-beta\n title \"{long}\"\n x-axis [a, b]\n bar \"A long series name for the legend entry here\" [1, 2]\n line \"Short\" [2, 1]\n"));
        let l = layout_xychart(&c);
        assert_eq!(l.text_outside(), 0);
        assert!(l.title.as_ref().unwrap().text.lines.len() >= 2);
        assert!(l.legend[0].text.rect().y + l.legend[0].text.rect().height <= l.legend[1].text.rect().y);
    }

    #[test]
    fn horizontal_puts_values_on_top() {
        let c = chart("xychart-beta horizontal\n x-axis [a, b, c]\n bar [1, 5, 3]\n");
        let l = layout_xychart(&c);
        assert!(l.value_ticks.iter().all(|t| t.label.center.y < l.plot.y));
        assert!(l.category_ticks.iter().all(|t| t.label.center.x < l.plot.x));
        assert_eq!(l.bars_outside_plot(), 0);
    }
}
