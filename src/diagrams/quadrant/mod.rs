//! Quadrant charts (`quadrantChart`), as mermaid-js 11 reads and draws them.
//!
//! # Grammar
//!
//! ```text
//! quadrantChart
//!   title Reach and engagement of campaigns
//!   x-axis Low Reach --> High Reach
//!   y-axis Low Engagement --> High Engagement
//!   quadrant-1 We should expand
//!   quadrant-2 Need to promote
//!   quadrant-3 Re-evaluate
//!   quadrant-4 May be improved
//!   Campaign A: [0.3, 0.6]
//!   Campaign B:::hot: [0.45, 0.23] radius: 12, color: #ff3300
//!   classDef hot stroke-color: #000, stroke-width: 2px
//! ```
//!
//! This is mermaid's own grammar (`quadrant.jison` as mermaid 11.17 builds
//! it, with text in any script), run by [`crate::parse::lalr`] over a model
//! of its lexer ([`lex`]); it accepts what mermaid accepts, and the tests
//! hold cases run through mermaid-js 11.17.2. What trips authors:
//!
//! - Text outside quotes is letters, digits, blanks and `! # $ % & ' * + ,
//!   - . / : = ? \ _ `` ` ``; `(`, `)`, `[`, `]`, `{`, `}`, `<`, `>`, `@`,
//!   `|`, `~` are refused. `"..."` quotes any text.
//! - Coordinates are `1`, `0` or `0.` and digits: `1.0`, `.5`, `50` and
//!   `0,5` are refused.
//! - Point styles are `radius: <digits>`, `color: <hex>`,
//!   `stroke-color: <hex>`, `stroke-width: <digits>px`; anything else is
//!   refused (by mermaid's database, while parsing).
//! - `x-axis Low -->` (no right label) keeps the arrow: `Low ⟶`.
//!
//! Settings: `quadrantChart.*` (`chartWidth`, `chartHeight`, font sizes,
//! paddings, `pointRadius`, `xAxisPosition`, `yAxisPosition`, border
//! widths) and the `quadrant*` theme variables.
//!
//! Where mermaid refuses a line, atlas-render reports it and draws what it
//! clearly means: a point `Cost (USD): [0.5, 1.0]`, an axis or quadrant
//! label with brackets, a title.
//!
//! # Rules
//!
//! | code  | severity | cause |
//! |-------|----------|-------|
//! | AR880 | error | a character mermaid's quadrant lexer does not read outside quotes (`(`, `[`, ...) |
//! | AR881 | error | a line that is not a statement (a point without `: [x, y]`, no `quadrantChart` first, ...) |
//! | AR882 | error | coordinates mermaid cannot read (`1.0`, `.5`, `50`, `0,5`, negative) |
//! | AR883 | error | a point style with a value mermaid refuses (`radius: big`, `color: red`) |
//! | AR884 | error | a point style mermaid does not have (`size: 3`) |
//! | AR885 | warning | a coordinate mermaid reads outside 0..1 (`0x5`): drawn at the edge |
//!
//! Stages: [`lex`] → [`parse`] → [`model`] → [`layout`] (mermaid's fixed
//! geometry; point labels kept clear) → [`draw`] (SVG).

pub mod draw;
pub mod layout;
pub mod lex;
pub mod model;
pub mod parse;
mod tables;

pub use model::QuadrantChart;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;

impl Definition for QuadrantChart {
    const KIND: DiagramKind = DiagramKind::Quadrant;

    /// mermaid's detector: `^\s*quadrantChart`, a prefix.
    fn detect(first_word: &str) -> bool {
        first_word.starts_with("quadrantChart")
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Points as nodes; their texts, the quadrants', the axes' and the
    /// title as labels.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "points", ..Nouns::default() });
        for p in &self.points {
            survey.node(p.span.clone());
            survey.label(&p.text, p.span.clone());
        }
        for text in self.quadrants.iter().chain([&self.x_left, &self.x_right, &self.y_bottom, &self.y_top]) {
            survey.label(text, 0..0);
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout::layout_quadrant(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let l = layout::layout_quadrant(self);
        let (theme, name) = self.theme(options);
        (draw::draw_quadrant(self, &l, &theme, name), figures(&l))
    }
}

fn figures(l: &layout::QuadrantLayout) -> LayoutFigures {
    LayoutFigures { width: l.width, height: l.height, nodes: l.points.len(), overlaps: l.overlaps(), text_overflow: l.text_overflow(), ..LayoutFigures::default() }
}
