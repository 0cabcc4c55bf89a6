//! Pie charts: a title, whether to show values, and slices in the order
//! written.

use crate::model::config::DiagramConfig;
use serde_json::json;
use std::ops::Range;

/// One slice: `"label" : value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub label: String,
    pub value: f64,
    /// Where the slice is written, in the diagram text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pie {
    /// `pie title ...` or a `title ...` line (or the front-matter title).
    pub title: Option<String>,
    /// `pie showData`: legend entries show the values.
    pub show_data: bool,
    /// Slices in the order written; a label written twice keeps its first
    /// value, as mermaid-js does.
    pub slices: Vec<Slice>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub config: DiagramConfig,
}

impl Pie {
    /// Sum of all slice values.
    pub fn total(&self) -> f64 {
        self.slices.iter().map(|s| s.value).sum()
    }

    /// mermaid-js's parse in the corpus shape: `{"kind":"pie", "title",
    /// "showData", "slices":[{"label","value"}]}`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        json!({
            "kind": "pie",
            "title": self.title.clone().unwrap_or_default(),
            "showData": self.show_data,
            "slices": self.slices.iter().map(|s| json!({"label": s.label, "value": s.value})).collect::<Vec<_>>(),
        })
    }
}
