//! Pie charts (`pie`): a title, optional values, slices in the order written.
//!
//! [`parse`] (line by line: no lexer of its own) → [`model`] → [`layout`] →
//! [`draw`].
//!
//! Rule codes (AR3xx): AR300 a line mermaid cannot read; AR301 a value that
//! is not a number; AR302 a negative value; AR303 no slices; AR304 a slice
//! label given twice.

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
use layout::{layout_pie, PieLayout};
use model::Pie;

impl Definition for Pie {
    const KIND: DiagramKind = DiagramKind::Pie;

    fn detect(first_word: &str) -> bool {
        first_word == "pie"
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Slices as nodes; their labels and the title.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "slices", ..Nouns::default() });
        for s in &self.slices {
            survey.node(s.span.clone());
            survey.label(&s.label, s.span.clone());
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout_pie(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_pie(self);
        let (theme, name) = self.theme(options);
        (draw::draw_pie(self, &layout, &theme, name), figures(&layout))
    }
}

fn figures(l: &PieLayout) -> LayoutFigures {
    LayoutFigures { width: l.width.round(), height: l.height.round(), nodes: l.slices.len(), text_overflow: l.labels_outside_slices(), ..LayoutFigures::default() }
}
