//! Gantt charts (`gantt`): sections of tasks on a time scale, dates read as
//! dayjs reads them.
//!
//! [`parse`] (mermaid's lexer rules and database, by hand) → [`model`] →
//! [`layout`] → [`draw`].
//!
//! Rule codes (AR6xx): AR600 a task name with no `: data`; AR601 a `:` with
//! no name before or no data after, a `;`; AR602 a task name starting with a
//! keyword; AR603 a start that is neither `after id` nor a date; AR604 task
//! data with more than three fields or only tags; AR605 a first task with no
//! start; AR606 an unclosed `accDescr {`; warnings: AR607 `after` naming no
//! task, AR608 a task that ends before it starts.

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
use layout::{layout_gantt, GanttLayout};
use model::Gantt;

impl Definition for Gantt {
    const KIND: DiagramKind = DiagramKind::Gantt;

    fn detect(first_word: &str) -> bool {
        first_word == "gantt"
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Tasks as nodes (one row each); task names, section names and the
    /// title as labels. Sections do not nest.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "tasks", ..Nouns::default() });
        for t in &self.tasks {
            survey.node(t.span.clone());
            survey.label(&t.name, t.span.clone());
        }
        for s in &self.sections {
            survey.label(s, 0..0);
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout_gantt(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_gantt(self);
        (draw::draw_gantt(self, &layout, &self.theme(options).0), figures(&layout))
    }
}

fn figures(l: &GanttLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.bounds.width.round(),
        height: l.bounds.height.round(),
        nodes: l.bars.len(),
        overlaps: l.overlaps(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}
