//! Flowcharts (`flowchart TD`, `graph LR`, ...): nodes of many shapes, edges
//! with labels, nested subgraphs, `classDef`/`class`/`style`/`linkStyle`.
//!
//! - [`lex`]: mermaid-js's modal flowchart lexer, rule for rule
//!   ([`unicode`]: the letters of its `UNICODE_TEXT` token);
//! - [`parse`]: mermaid's jison grammar as an LALR(1) table
//!   (`parse/grammar.rs`), its database's actions (`parse/db.rs`) and the
//!   repairs that keep a refused diagram drawable;
//! - [`model`]: nodes, edges, subgraphs and their styling;
//! - [`layout`]: node sizes and shapes, then `layout::layered`;
//! - [`draw`]: the SVG, with the Atlas's plane legend when asked;
//! - [`metrics`]: the layout figures measured on the drawing (crossings,
//!   overlaps, ...); [`record`]: the geometry by id for the snapshot store.
//!
//! Before drawing, `planes` paints the Atlas's plane subgraphs.
//!
//! Rule codes (AR1xx):
//!
//! - AR101-AR104: `(`, `[`, `{`, `|` inside an unquoted label (fix: quote it);
//! - AR105: a `"` inside a label, or a backtick inside a markdown string;
//! - AR106: `@` right after text in an unquoted label (fix: quote it);
//! - AR107: a subgraph header mixing quoted and unquoted text (fix: one title);
//! - AR108-AR125: keywords as ids, unclosed labels and subgraphs, stray
//!   `end`, bad arrows, `linkStyle` out of range, unreadable `@{ }` data, ...;
//! - AR126: a statement keyword one or two edits off (`classDf`, `linkstyle`):
//!   a node id to mermaid (fix: the keyword);
//! - AR130-AR133 (warnings): what mermaid-js reads differently from what was
//!   meant (`direction` lines, mixed arrow ends, shapes drawn as rectangles,
//!   dropped HTML tags).

pub mod lex;
pub mod unicode;
pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
pub mod metrics;
pub mod record;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{nesting_depths, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;
use super::{Drawing, Extras, DARK_PAGE};
use crate::layout::record::LayoutRecord;
use crate::planes;
use layout::{layout_flowchart, FlowchartLayout};
use model::Flowchart;

impl Definition for Flowchart {
    const KIND: DiagramKind = DiagramKind::Flowchart;

    /// mermaid's detectors test `^\s*graph` and `^\s*flowchart` as prefixes.
    fn detect(first_word: &str) -> bool {
        first_word.starts_with("graph") || first_word.starts_with("flowchart")
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Nodes, edges, subgraphs (nested as their members say) and every
    /// node label, edge label and subgraph title.
    fn survey(&self, survey: &mut Survey) {
        for n in &self.nodes {
            survey.node(n.span.clone());
            survey.label(&n.label.text, n.span.clone());
        }
        for e in &self.edges {
            survey.edge(e.span.clone());
            if let Some(label) = &e.label {
                survey.label(&label.text, e.span.clone());
            }
        }
        let depths = nesting_depths(self.subgraphs.iter().map(|s| (s.id.as_str(), s.members.as_slice())));
        for (sg, depth) in self.subgraphs.iter().zip(depths) {
            survey.container(depth, sg.span.clone());
            survey.label(&sg.title.text, sg.span.clone());
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(self, &layout_flowchart(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let Drawing { svg, figures, .. } = self.draw(options, None, Extras { figures: true, ..Extras::default() });
        (svg, figures.expect("figures asked for"))
    }

    /// Paints the Atlas's planes, lays the flowchart out once and draws it
    /// with each set of options.
    fn draw(&self, options: &RenderOptions, dark_options: Option<&RenderOptions>, extras: Extras) -> Drawing {
        let assignment = planes::assign(self);
        let painted = planes::paint(self, &assignment, &options.planes);
        let layout = layout_flowchart(&painted);
        let legend = if options.planes.legend { planes::legend(self, &assignment, &options.planes) } else { Vec::new() };
        let draw = |painted: &Flowchart, layout: &FlowchartLayout, o: &RenderOptions| draw::draw_flowchart(painted, layout, &self.theme(o).0, &legend);
        let recorded: Option<LayoutRecord> = extras.record.then(|| record::layout_record(&painted, &layout));
        // The dark drawing: the same layout (paint changes no size), plane
        // subgraphs tinted into the dark page rather than left light.
        let dark = dark_options.map(|o| {
            let dark_painted = planes::paint_on(self, &assignment, &options.planes, planes::Rgb::parse(DARK_PAGE));
            let mut dark_layout = layout.clone();
            for (cluster, sg) in dark_layout.clusters.iter_mut().zip(&dark_painted.subgraphs) {
                cluster.style = dark_painted.subgraph_style(sg);
            }
            draw(&dark_painted, &dark_layout, o)
        });
        Drawing { svg: draw(&painted, &layout, options), figures: extras.figures.then(|| figures(&painted, &layout)), record: recorded, dark }
    }
}

/// The layout figures of the drawing as written, margins included.
fn figures(f: &Flowchart, layout: &FlowchartLayout) -> LayoutFigures {
    let mut figures = metrics::measure_flowchart(f, layout);
    figures.width = (figures.width + 2.0 * draw::MARGIN).round();
    figures.height = (figures.height + 2.0 * draw::MARGIN).round();
    figures
}
