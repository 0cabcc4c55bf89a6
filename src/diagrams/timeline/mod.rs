//! Timelines (`timeline`): sections, periods and their events.
//!
//! [`parse`] (mermaid's lexer rules, by hand) → [`model`] → [`layout`] →
//! [`draw`].
//!
//! Rule codes (AR5xx): AR500 a period or section name with a `:` and no
//! blank after it (fix: `#58;`); AR501 an event's `:` with no blank after it
//! (fix: a blank); AR502-AR505 a `:` with no event, an event before any
//! period, `timeline` again, an unclosed `accDescr {`; AR506 (warning) a
//! period before the first section.

pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;
use layout::{layout_timeline, TimelineLayout};
use model::Timeline;

impl Definition for Timeline {
    const KIND: DiagramKind = DiagramKind::Timeline;

    fn detect(first_word: &str) -> bool {
        first_word == "timeline"
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Periods and their events as nodes; their texts, section names and
    /// the title as labels. Sections do not nest.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "periods and events", ..Nouns::default() });
        for p in &self.periods {
            survey.node(p.span.clone());
            survey.label(&p.text, p.span.clone());
            for e in &p.events {
                survey.node(p.span.clone());
                survey.label(e, p.span.clone());
            }
        }
        for s in &self.sections {
            survey.label(s, 0..0);
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(self, &layout_timeline(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_timeline(self);
        let (theme, name) = self.theme(options);
        (draw::draw_timeline(self, &layout, &theme, name), figures(self, &layout))
    }
}

fn figures(t: &Timeline, l: &TimelineLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.bounds.width.round(),
        height: l.bounds.height.round(),
        nodes: l.periods.len() + t.periods.iter().map(|p| p.events.len()).sum::<usize>(),
        overlaps: l.overlaps(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}
