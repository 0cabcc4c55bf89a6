//! XY charts (`xychart-beta`, `xychart`): bar and line series over a
//! category or numeric x axis.
//!
//! [`parse`] (mermaid's jison lexer and grammar, by hand) → [`model`] →
//! [`layout`] → [`draw`].
//!
//! Rule codes (AR7xx): AR700 a character mermaid's lexer refuses outside
//! quotes (fix: quote the text); AR701 a statement the grammar cannot read;
//! AR702 an unquoted word starting with a keyword (fix: quote it); AR703 no
//! series; AR704 (warning) a series with more or fewer values than
//! categories.

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
use layout::{layout_xychart, XyLayout};
use model::XyChart;

impl Definition for XyChart {
    const KIND: DiagramKind = DiagramKind::XyChart;

    fn detect(first_word: &str) -> bool {
        matches!(first_word, "xychart-beta" | "xychart")
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Categories and plotted values as nodes (the model keeps no spans);
    /// categories, axis and series titles and the title as labels.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "categories and values", ..Nouns::default() });
        if let model::XAxis::Band { categories, .. } = &self.x_axis {
            for c in categories {
                survey.node(0..0);
                survey.label(c, 0..0);
            }
        }
        for s in &self.series {
            for _ in &s.values {
                survey.node(0..0);
            }
            survey.label(&s.title, 0..0);
        }
        for title in [self.x_axis.title(), self.y_axis.title.as_str()] {
            survey.label(title, 0..0);
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout_xychart(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_xychart(self);
        (draw::draw_xychart(self, &layout, &self.theme(options).0), figures(&layout))
    }
}

fn figures(l: &XyLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.width,
        height: l.height,
        nodes: l.series.len(),
        overlaps: l.tick_label_overlaps() + l.bars_outside_plot(),
        text_overflow: l.text_outside(),
        ..LayoutFigures::default()
    }
}
