//! XY charts (`xychart-beta`): a title, an x axis of categories or a numeric
//! range, a numeric y axis, and bar and line series in the order written.

use crate::model::config::DiagramConfig;
use serde_json::json;

/// The x axis: categories (`[a, b, "c d"]`) or a numeric range (`min --> max`).
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis {
    Band { title: String, categories: Vec<String> },
    Linear { title: String, min: f64, max: f64 },
}

impl XAxis {
    pub fn title(&self) -> &str {
        match self {
            XAxis::Band { title, .. } | XAxis::Linear { title, .. } => title,
        }
    }
}

impl Default for XAxis {
    fn default() -> Self {
        XAxis::Band { title: String::new(), categories: Vec::new() }
    }
}

/// The y axis: always linear; `min`/`max` from `y-axis ... min --> max` or
/// from the data, as mermaid-js computes them.
#[derive(Debug, Clone, PartialEq)]
pub struct YAxis {
    pub title: String,
    pub min: f64,
    pub max: f64,
}

impl Default for YAxis {
    fn default() -> Self {
        YAxis { title: String::new(), min: f64::INFINITY, max: f64::NEG_INFINITY }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    Bar,
    Line,
}

/// One `bar` or `line` statement: its points as (category, value), as
/// mermaid pairs them (a value missing for a category is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub kind: SeriesKind,
    pub title: String,
    pub values: Vec<f64>,
    pub points: Vec<(String, Option<f64>)>,
    /// Index into the plot colour palette.
    pub color: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct XyChart {
    pub title: Option<String>,
    pub horizontal: bool,
    pub x_axis: XAxis,
    pub y_axis: YAxis,
    pub series: Vec<Series>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub config: DiagramConfig,
}

impl XyChart {
    /// mermaid-js's data in the corpus shape: `{"kind":"xychart", "title",
    /// "orientation", "xAxis", "yAxis", "plots":[{"type","title","data"}]}`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        let x = match &self.x_axis {
            XAxis::Band { title, categories } => json!({"type": "band", "title": title, "categories": categories}),
            XAxis::Linear { title, min, max } => json!({"type": "linear", "title": title, "min": min, "max": max}),
        };
        json!({
            "kind": "xychart",
            "title": self.title.clone().unwrap_or_default(),
            "orientation": if self.horizontal { "horizontal" } else { "vertical" },
            "xAxis": x,
            "yAxis": {"type": "linear", "title": self.y_axis.title, "min": self.y_axis.min, "max": self.y_axis.max},
            "plots": self.series.iter().map(|s| json!({
                "type": match s.kind { SeriesKind::Bar => "bar", SeriesKind::Line => "line" },
                "title": s.title,
                "data": s.points.iter().map(|(c, v)| json!([c, v])).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// A number as JavaScript's `String(n)` writes it (for the usual range).
pub fn js_number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    format!("{x}")
}
