//! Gantt layout, as mermaid-js 11 draws it (`ganttRenderer.js`, default
//! config): the drawing 784 px wide (the Atlas page's width); one row of
//! 24 px per task in the order written (a 20 px bar and a 4 px gap),
//! starting 50 px down; a band behind each row coloured by its section;
//! the section's name at x = 10, centred on its rows; a time scale from
//! the earliest start to the latest end over `[75, width - 75]`; ticks as
//! d3's time scale chooses them (about ten), grid lines up to y = 35, and
//! the title centred at y = 25.
//!
//! A task's name goes in its bar when it fits, else right of the bar (left
//! of it when it would pass the right edge). Unlike mermaid, the left
//! margin grows to fit the longest section name, and a name that fits on
//! neither side of its bar widens the drawing, so no text leaves its box.

use crate::layout::geometry::{Point, Rect};
use crate::layout::text::PlacedText;
use super::model::{fields, Gantt, DAY_MS};
use crate::text::markup::display_text;
use crate::text::{RichText, Run, TextLine, TextStyle};

pub const WIDTH: f64 = 784.0;
pub const BAR_HEIGHT: f64 = 20.0;
pub const ROW: f64 = 24.0;
pub const TOP_PADDING: f64 = 50.0;
pub const SIDE_PADDING: f64 = 75.0;
pub const GRID_TOP: f64 = 35.0;
pub const FONT_SIZE: f64 = 11.0;
pub const AXIS_FONT_SIZE: f64 = 10.0;
pub const TITLE_FONT_SIZE: f64 = 18.0;
pub const TITLE_Y: f64 = 25.0;

/// How a task is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttBar {
    /// Index into the model's tasks (also its row).
    pub task: usize,
    /// The bar (for a milestone, the square drawn turned into a diamond);
    /// `None` when the task has no times or ends before it starts.
    pub rect: Option<Rect>,
    pub label: PlacedText,
    /// Where the label is: inside the bar, or outside it.
    pub inside: bool,
    /// Section index (mermaid's `secNum`, before `% 4`).
    pub section: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GanttLayout {
    pub bounds: Rect,
    pub title: Option<PlacedText>,
    /// Background bands, one per row: rect and section index.
    pub bands: Vec<(Rect, usize)>,
    /// Section names, with their section index.
    pub sections: Vec<(PlacedText, usize)>,
    pub bars: Vec<GanttBar>,
    /// Ticks: x, label.
    pub ticks: Vec<(f64, PlacedText)>,
    /// The grid lines' vertical extent.
    pub grid: (f64, f64),
}

pub fn text_style(size: f64) -> TextStyle {
    TextStyle { font_size: size, line_height: 1.0, ..TextStyle::default() }
}

fn plain(s: &str) -> RichText {
    RichText { lines: vec![TextLine { runs: vec![Run { text: s.to_string(), ..Run::default() }] }] }
}

fn placed(s: &str, size: f64, italic: bool) -> PlacedText {
    let mut style = text_style(size);
    style.italic = italic;
    PlacedText::from_rich(plain(s), style, Point::new(0.0, 0.0))
}

/// Lays out a gantt chart.
pub fn layout_gantt(g: &Gantt) -> GanttLayout {
    let n = g.tasks.len();
    let cats = g.categories();
    let sec_of = |s: &str| cats.iter().position(|(c, _)| c == s).unwrap_or(0);
    let section_texts: Vec<PlacedText> = cats
        .iter()
        .map(|(c, _)| {
            let lines: Vec<TextLine> = display_text(c)
                .split("<br>")
                .flat_map(|p| p.split("<br/>"))
                .map(|l| TextLine { runs: vec![Run { text: l.trim().to_string(), ..Run::default() }] })
                .collect();
            PlacedText::from_rich(RichText { lines }, text_style(FONT_SIZE), Point::new(0.0, 0.0))
        })
        .collect();
    let left = section_texts.iter().map(|t| t.width() + 20.0).fold(SIDE_PADDING, f64::max).ceil();
    let height = n as f64 * ROW + 2.0 * TOP_PADDING;
    let mut width = WIDTH;
    let range_w = WIDTH - left - SIDE_PADDING;

    let starts = g.tasks.iter().filter_map(|t| t.start);
    let ends = g.tasks.iter().filter_map(|t| t.end);
    let t0 = starts.clone().min().unwrap_or(0);
    let t1 = ends.max().unwrap_or(t0).max(t0);
    let (d0, d1) = if t1 > t0 { (t0, t1) } else { (t0 - DAY_MS / 2, t0 + DAY_MS / 2) };
    let scale = |t: i64| ((t - d0) as f64 / (d1 - d0) as f64 * range_w).round();

    let mut bars = Vec::new();
    let mut bands = Vec::new();
    for (i, t) in g.tasks.iter().enumerate() {
        let sec = sec_of(&t.section);
        let y = i as f64 * ROW + TOP_PADDING;
        bands.push((Rect::new(0.0, y - 2.0, WIDTH - SIDE_PADDING / 2.0, ROW), sec));
        let mut label = placed(&display_text(&t.name), FONT_SIZE, t.milestone);
        let cy = y + BAR_HEIGHT / 2.0;
        let (rect, sx, ex) = match (t.start, t.end) {
            (Some(s), Some(e)) => {
                let (mut sx, mut ex) = (scale(s), scale(e));
                let rect = if t.milestone {
                    sx += 0.5 * (ex - sx) - 0.5 * BAR_HEIGHT;
                    ex = sx + BAR_HEIGHT;
                    Some(Rect::new(sx + left, y, BAR_HEIGHT, BAR_HEIGHT))
                } else if ex >= sx {
                    Some(Rect::new(sx + left, y, ex - sx, BAR_HEIGHT))
                } else {
                    None
                };
                (rect, sx, ex)
            }
            _ => (None, 0.0, 0.0),
        };
        let tw = label.width();
        // a milestone's label never fits in it
        let inside = rect.is_some() && !t.milestone && tw + 4.0 <= ex - sx;
        let x_center = if inside {
            (sx + ex) / 2.0 + left
        } else if ex + tw + 1.5 * SIDE_PADDING > WIDTH - (left - SIDE_PADDING) && sx + left - 5.0 - tw >= 0.0 {
            sx + left - 5.0 - tw / 2.0
        } else {
            ex + left + 5.0 + tw / 2.0
        };
        label.center = Point::new(x_center, cy);
        if label.rect().x < 0.0 {
            // an end before the scale's start (mermaid draws it off the page)
            label.center.x = left + 5.0 + tw / 2.0;
        }
        width = width.max((label.rect().right() + 5.0).ceil());
        bars.push(GanttBar { task: i, rect, label, inside, section: sec });
    }

    let mut sections = Vec::new();
    let mut before = 0usize;
    for (k, (_, count)) in cats.iter().enumerate() {
        let mut t = section_texts[k].clone();
        t.center = Point::new(10.0 + t.width() / 2.0, *count as f64 * ROW / 2.0 + before as f64 * ROW + TOP_PADDING);
        sections.push((t, k));
        before += count;
    }

    let grid = (GRID_TOP, height - TOP_PADDING);
    let mut ticks = Vec::new();
    if n > 0 {
        for tk in tick_times(d0, d1, &g.tick_interval) {
            let x = scale(tk) + left;
            let mut label = placed(&format_time(tk, if g.axis_format.is_empty() { "%Y-%m-%d" } else { &g.axis_format }), AXIS_FONT_SIZE, false);
            label.center = Point::new(x, height - TOP_PADDING + 3.0 + AXIS_FONT_SIZE * 0.71 + label.height() / 2.0 - AXIS_FONT_SIZE * 0.8);
            width = width.max((label.rect().right() + 2.0).ceil());
            ticks.push((x, label));
        }
    }
    let title = g.title.as_deref().map(display_text).filter(|s| !s.is_empty()).map(|s| {
        let mut t = placed(&s, TITLE_FONT_SIZE, false);
        width = width.max((t.width() + 20.0).ceil());
        t.center = Point::new(width / 2.0, TITLE_Y - TITLE_FONT_SIZE * 0.35);
        t
    });
    if width > WIDTH {
        for (r, _) in &mut bands {
            r.width = width - SIDE_PADDING / 2.0;
        }
    }
    GanttLayout { bounds: Rect::new(0.0, 0.0, width, height), title, bands, sections, bars, ticks, grid }
}

/// Milliseconds of each d3 time interval, in d3's order.
const INTERVALS: [(char, i64, i64); 18] = [
    ('s', 1, 1000),
    ('s', 5, 5000),
    ('s', 15, 15_000),
    ('s', 30, 30_000),
    ('m', 1, 60_000),
    ('m', 5, 300_000),
    ('m', 15, 900_000),
    ('m', 30, 1_800_000),
    ('h', 1, 3_600_000),
    ('h', 3, 10_800_000),
    ('h', 6, 21_600_000),
    ('h', 12, 43_200_000),
    ('d', 1, DAY_MS),
    ('d', 2, 2 * DAY_MS),
    ('w', 1, 7 * DAY_MS),
    ('M', 1, 30 * DAY_MS),
    ('M', 3, 90 * DAY_MS),
    ('y', 1, 365 * DAY_MS),
];

/// d3's `scaleTime().ticks(10)` on `[d0, d1]` (or `tickInterval`'s
/// `<n><unit>`): the tick times, at most 500.
pub fn tick_times(d0: i64, d1: i64, tick_interval: &str) -> Vec<i64> {
    let (unit, step) = match custom_interval(tick_interval) {
        Some(x) => x,
        None => {
            let target = (d1 - d0) as f64 / 10.0;
            let i = INTERVALS.iter().position(|iv| iv.2 as f64 > target).unwrap_or(INTERVALS.len());
            if i == INTERVALS.len() {
                let years = target / (365.0 * DAY_MS as f64);
                ('y', nice_step(years).max(1.0) as i64)
            } else if i == 0 {
                ('l', nice_step(target).max(1.0) as i64)
            } else {
                let pick = if target / (INTERVALS[i - 1].2 as f64) < (INTERVALS[i].2 as f64) / target { i - 1 } else { i };
                (INTERVALS[pick].0, INTERVALS[pick].1)
            }
        }
    };
    let mut out = Vec::new();
    let mut t = floor_to(d0, unit, step);
    while t < d0 {
        t = next(t, unit, step);
    }
    while t <= d1 && out.len() < 500 {
        out.push(t);
        t = next(t, unit, step);
    }
    out
}

/// d3's `tickStep` for a target step.
fn nice_step(target: f64) -> f64 {
    if target <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(target.log10().floor());
    let e = target / p;
    let m = if e >= 50f64.sqrt() { 10.0 } else if e >= 10f64.sqrt() { 5.0 } else if e >= 2f64.sqrt() { 2.0 } else { 1.0 };
    m * p
}

fn custom_interval(s: &str) -> Option<(char, i64)> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    let n: i64 = s[..digits].parse().ok().filter(|n| *n > 0)?;
    let unit = match &s[digits..] {
        "millisecond" => 'l',
        "second" => 's',
        "minute" => 'm',
        "hour" => 'h',
        "day" => 'd',
        "week" => 'w',
        "month" => 'M',
        _ => return None,
    };
    Some((unit, n))
}

/// The last tick time at or before `t`.
fn floor_to(t: i64, unit: char, step: i64) -> i64 {
    let (y, m, d, h, mi, s, _) = fields(t);
    let day0 = t.div_euclid(DAY_MS) * DAY_MS;
    match unit {
        'l' => t.div_euclid(step) * step,
        's' => t.div_euclid(1000) * 1000 - (s % step) * 1000,
        'm' => t.div_euclid(60_000) * 60_000 - (mi % step) * 60_000,
        'h' => t.div_euclid(3_600_000) * 3_600_000 - (h % step) * 3_600_000,
        'd' => day0 - ((d - 1) % step) * DAY_MS,
        'w' => {
            // Sundays
            let days = t.div_euclid(DAY_MS);
            let dow = (days + 4).rem_euclid(7);
            (days - dow) * DAY_MS
        }
        'M' => {
            let mm = (m - 1) - (m - 1) % step;
            super::model::days_from_civil(y, mm + 1, 1) * DAY_MS
        }
        _ => super::model::days_from_civil(y - y.rem_euclid(step), 1, 1) * DAY_MS,
    }
}

fn next(t: i64, unit: char, step: i64) -> i64 {
    match unit {
        'l' => t + step,
        's' => t + step * 1000,
        'm' => t + step * 60_000,
        'h' => t + step * 3_600_000,
        'd' => {
            // d3's day.every restarts each month at the 1st
            let mut n = t + DAY_MS;
            while (fields(n).2 - 1) % step != 0 {
                n += DAY_MS;
            }
            n
        }
        'w' => t + step * 7 * DAY_MS,
        'M' => super::model::add_duration(t, step as f64, "M"),
        _ => super::model::add_duration(t, step as f64 * 12.0, "M"),
    }
}

/// d3's `timeFormat` (UTC): `%Y %y %m %d %e %H %I %M %S %L %p %b %B %a %A
/// %j %s %Q %%`; other text as written.
pub fn format_time(t: i64, fmt: &str) -> String {
    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    let (y, m, d, h, mi, s, ms) = fields(t);
    let dow = (t.div_euclid(DAY_MS) + 4).rem_euclid(7) as usize;
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = chars.next().unwrap_or('%');
        if matches!(spec, '-' | '_' | '0') {
            spec = chars.next().unwrap_or('%');
        }
        match spec {
            'Y' => out.push_str(&format!("{y:04}")),
            'y' => out.push_str(&format!("{:02}", y.rem_euclid(100))),
            'm' => out.push_str(&format!("{m:02}")),
            'd' => out.push_str(&format!("{d:02}")),
            'e' => out.push_str(&format!("{d:>2}")),
            'H' => out.push_str(&format!("{h:02}")),
            'I' => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            'M' => out.push_str(&format!("{mi:02}")),
            'S' => out.push_str(&format!("{s:02}")),
            'L' => out.push_str(&format!("{ms:03}")),
            'p' => out.push_str(if h < 12 { "AM" } else { "PM" }),
            'b' => out.push_str(&MONTHS[(m - 1) as usize][..3]),
            'B' => out.push_str(MONTHS[(m - 1) as usize]),
            'a' => out.push_str(&DAYS[dow][..3]),
            'A' => out.push_str(DAYS[dow]),
            'j' => out.push_str(&format!("{:03}", t.div_euclid(DAY_MS) - super::model::days_from_civil(y, 1, 1) + 1)),
            's' => out.push_str(&t.div_euclid(1000).to_string()),
            'Q' => out.push_str(&t.to_string()),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

impl GanttLayout {
    /// Texts outside their box: a label inside a bar that leaves it, any
    /// text that leaves the drawing, a section name that leaves its rows.
    pub fn text_overflow(&self) -> usize {
        let inside = |r: &Rect, t: &Rect| t.x >= r.x - 0.01 && t.right() <= r.right() + 0.01 && t.y >= r.y - 0.01 && t.bottom() <= r.bottom() + 0.01;
        let mut n = 0;
        for b in &self.bars {
            let r = b.label.rect();
            if !inside(&self.bounds, &r) || (b.inside && !b.rect.is_some_and(|br| inside(&br, &r))) {
                n += 1;
            }
        }
        for (t, _) in &self.sections {
            if !inside(&self.bounds, &t.rect()) {
                n += 1;
            }
        }
        for (_, t) in &self.ticks {
            n += usize::from(!inside(&self.bounds, &t.rect()));
        }
        n + usize::from(self.title.as_ref().is_some_and(|t| !inside(&self.bounds, &t.rect())))
    }

    /// Pairs of bars on the same row that overlap (each task has its own
    /// row, so this stays 0), and bars drawn over another row's.
    pub fn overlaps(&self) -> usize {
        let rects: Vec<Rect> = self.bars.iter().filter_map(|b| b.rect).collect();
        let mut n = 0;
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                if a.inflate(-0.5).overlaps(&b.inflate(-0.5)) {
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

    fn layout(text: &str) -> GanttLayout {
        let Some(crate::diagrams::Diagram::Gantt(g)) = crate::diagrams::parse(text).diagram else { panic!("not a gantt") };
        layout_gantt(&g)
    }

    #[test]
    fn rows_scale_and_size_are_mermaids() {
        let l = layout("gantt\n title Trading\n dateFormat HH:mm\n axisFormat %H:%M\n section Pre\n Queue Orders :04:00, 09:30\n section Regular\n Active Trading :09:30, 16:00\n section After\n Extended :16:00, 20:00\n");
        assert_eq!(l.bounds.width, 784.0);
        assert_eq!(l.bounds.height, 3.0 * 24.0 + 100.0);
        let r0 = l.bars[0].rect.unwrap();
        assert_eq!(r0.x, 75.0);
        assert_eq!(l.bars[2].rect.unwrap().right(), 784.0 - 75.0);
        assert_eq!(l.bars[1].rect.unwrap().y, 74.0);
        // hourly ticks, 04:00 to 20:00
        assert_eq!(l.ticks.len(), 17);
        assert_eq!(l.ticks[0].1.text.lines[0].runs[0].text, "04:00");
        assert!(l.bars[0].inside);
        assert_eq!(l.text_overflow(), 0);
        assert_eq!(l.overlaps(), 0);
    }

    #[test]
    fn labels_that_do_not_fit_go_beside_the_bar() {
        let l = layout("gantt\n dateFormat YYYY-MM-DD\n A rather long task name : a, 2024-01-01, 1d\n B : 2024-01-02, 30d\n Another long name at the end : 2024-01-30, 1d\n M : milestone, 2024-01-15, 0d\n");
        assert!(!l.bars[0].inside && l.bars[0].label.rect().x > l.bars[0].rect.unwrap().right());
        assert!(l.bars[1].inside);
        assert!(l.bars[2].label.rect().right() < l.bars[2].rect.unwrap().x);
        assert!(!l.bars[3].inside);
        assert_eq!(l.text_overflow(), 0);
    }

    #[test]
    fn ticks_and_formats() {
        let day = crate::diagrams::gantt::model::REFERENCE_DAY * DAY_MS;
        assert_eq!(format_time(day + 3_600_000 * 13 + 60_000 * 5, "%H:%M %Y-%m-%d %b %a"), "13:05 2024-01-01 Jan Mon");
        // ten weeks: weekly ticks on Sundays
        let t = tick_times(day, day + 70 * DAY_MS, "");
        assert_eq!(format_time(t[0], "%a %d"), "Sun 07");
        // years
        let y0 = crate::diagrams::gantt::model::days_from_civil(2015, 1, 1) * DAY_MS;
        let y1 = crate::diagrams::gantt::model::days_from_civil(2024, 6, 1) * DAY_MS;
        assert_eq!(tick_times(y0, y1, "").iter().map(|t| format_time(*t, "%Y")).collect::<Vec<_>>().len(), 10);
        assert_eq!(tick_times(day, day + 10 * DAY_MS, "2day").len(), 6);
    }
}
