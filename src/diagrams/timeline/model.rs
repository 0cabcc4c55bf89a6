//! Timelines: a title, sections, and periods (mermaid's "tasks") each with
//! the events written after it, in the order written.
//!
//! Texts are kept as written, with mermaid's entity codes (`#58;`) still
//! encoded; [`crate::text::markup::display_text`] gives what is drawn.

use crate::model::config::DiagramConfig;
use crate::text::markup::display_text;
use serde_json::json;
use std::ops::Range;

/// A period (`2020 : ...`) and its events.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub text: String,
    /// The section it was written under (`None`: before any section).
    pub section: Option<String>,
    pub events: Vec<String>,
    /// Where the period is written, in the diagram text.
    pub span: Range<usize>,
}

/// `timeline LR` (the default) or `timeline TD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    LeftRight,
    TopDown,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    pub direction: Direction,
    /// `title ...` (or the front-matter title).
    pub title: Option<String>,
    /// Section names in the order written (a name written twice appears
    /// twice, as in mermaid's database).
    pub sections: Vec<String>,
    pub periods: Vec<Period>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub config: DiagramConfig,
}

impl Timeline {
    /// The periods mermaid draws under section `name`, in order.
    pub fn periods_in<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Period> + 'a {
        self.periods.iter().filter(move |p| p.section.as_deref() == Some(name))
    }

    /// mermaid-js's parse in the corpus shape: `{"kind":"timeline", "title",
    /// "sections":[..], "periods":[{"period","section","events":[..]}]}`,
    /// texts as drawn.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        json!({
            "kind": "timeline",
            "direction": if self.direction == Direction::TopDown { "TD" } else { "LR" },
            "title": self.title.as_deref().map(display_text).unwrap_or_default(),
            "sections": self.sections.iter().map(|s| display_text(s)).collect::<Vec<_>>(),
            "periods": self.periods.iter().map(|p| json!({
                "period": display_text(&p.text),
                "section": p.section.as_deref().map(display_text),
                "events": p.events.iter().map(|e| display_text(e)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}
