//! Gantt charts: a title, sections, and tasks each with a start and an end
//! in time, in the order written (mermaid draws one row per task, in that
//! order).
//!
//! Times are milliseconds since 1970-01-01 00:00 UTC. mermaid-js reads
//! dates in the browser's local time and fills a date format without a
//! date (`HH:mm`) with today's date; atlas-render reads every date as UTC
//! and fills missing parts from a fixed day, [`REFERENCE_DAY`], so a
//! drawing never depends on when or where it is made.

use crate::model::config::DiagramConfig;
use serde_json::json;
use std::ops::Range;

/// The day that stands for "today" where mermaid-js would use the current
/// date: 2024-01-01 (a Monday), in days since 1970-01-01.
pub const REFERENCE_DAY: i64 = 19723;
pub const DAY_MS: i64 = 86_400_000;

/// One task (`Name : crit, done, id, 2024-01-01, 3d`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GanttTask {
    /// The name as written (entity codes such as `#58;` still encoded).
    pub name: String,
    pub id: String,
    /// The section it was written under (`""` before any section).
    pub section: String,
    /// Start and end in ms; `None` where mermaid-js could not compute them.
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub done: bool,
    pub active: bool,
    pub crit: bool,
    pub milestone: bool,
    /// Where the task is written, in the diagram text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gantt {
    pub title: Option<String>,
    pub date_format: String,
    pub axis_format: String,
    pub tick_interval: String,
    pub excludes: Vec<String>,
    pub includes: Vec<String>,
    pub today_marker: String,
    pub inclusive_end_dates: bool,
    pub top_axis: bool,
    /// Section names in the order written.
    pub sections: Vec<String>,
    pub tasks: Vec<GanttTask>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub config: DiagramConfig,
}

impl Gantt {
    /// The distinct sections of the tasks (mermaid's "categories"), in
    /// order of first appearance, with how many tasks each has.
    pub fn categories(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for t in &self.tasks {
            match out.iter_mut().find(|(s, _)| *s == t.section) {
                Some(c) => c.1 += 1,
                None => out.push((t.section.clone(), 1)),
            }
        }
        out
    }

    /// mermaid-js's parse in the corpus shape: `{"kind":"gantt", "title",
    /// "dateFormat", "axisFormat", "sections":[..], "tasks":[{"id","task",
    /// "section","start","end","done","active","crit","milestone"}]}`,
    /// times as ISO 8601 UTC.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        let iso = |t: Option<i64>| t.map(format_iso);
        json!({
            "kind": "gantt",
            "title": self.title.as_deref().map(crate::text::markup::display_text).unwrap_or_default(),
            "dateFormat": self.date_format,
            "axisFormat": self.axis_format,
            "sections": self.sections.iter().map(|s| crate::text::markup::display_text(s)).collect::<Vec<_>>(),
            "tasks": self.tasks.iter().map(|t| json!({
                "id": t.id,
                "task": crate::text::markup::display_text(&t.name),
                "section": crate::text::markup::display_text(&t.section),
                "start": iso(t.start),
                "end": iso(t.end),
                "done": t.done, "active": t.active, "crit": t.crit, "milestone": t.milestone,
            })).collect::<Vec<_>>(),
        })
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// (year, month 1..=12, day) of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1)
}

/// Broken-down UTC time: (year, month, day, hour, minute, second, ms).
pub fn fields(t: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let days = t.div_euclid(DAY_MS);
    let rem = t.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000)
}

pub fn format_iso(t: i64) -> String {
    let (y, m, d, h, mi, s, ms) = fields(t);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
}

/// dayjs's `add`: calendar months and years, whole days and weeks, exact
/// hours, minutes, seconds and milliseconds.
pub fn add_duration(t: i64, v: f64, unit: &str) -> i64 {
    match unit {
        "ms" => t + v.round() as i64,
        "s" => t + (v * 1000.0).round() as i64,
        "m" => t + (v * 60_000.0).round() as i64,
        "h" => t + (v * 3_600_000.0).round() as i64,
        "d" => t + v.round() as i64 * DAY_MS,
        "w" => t + (v * 7.0).round() as i64 * DAY_MS,
        "M" | "y" => {
            let months = if unit == "y" { v.round() as i64 * 12 } else { v.round() as i64 };
            let (y, m, d, ..) = fields(t);
            let total = y * 12 + (m - 1) + months;
            let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
            let nd = d.min(days_in_month(ny, nm));
            t + (days_from_civil(ny, nm, nd) - days_from_civil(y, m, d)) * DAY_MS
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2024, 1, 1), REFERENCE_DAY);
        for z in [-800_000, -1, 0, 59, 60, 19723, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(format_iso(DAY_MS + 61_001), "1970-01-02T00:01:01.001Z");
    }
}
