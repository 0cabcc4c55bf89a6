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
