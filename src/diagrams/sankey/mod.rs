//! Sankey diagrams (`sankey-beta`, or `sankey`), as mermaid-js 11 reads and
//! draws them.
//!
//! # Grammar
//!
//! ```text
//! sankey-beta
//! source,target,value
//! "a name, with a comma","a ""quoted"" name",12.5
//! ```
//!
//! mermaid's sankey parser is a CSV dialect of its own, and this module
//! accepts exactly what it accepts (every case in the tests was run through
//! mermaid-js 11.17.2):
//!
//! - Before parsing, mermaid trims the text, joins runs of line breaks (so
//!   empty lines vanish) and cuts `%%` comment lines; a line of blanks stays,
//!   and is refused.
//! - The keyword line holds the keyword only: `sankey-beta ` (a trailing
//!   blank) is refused.
//! - Each other line is one link of exactly three fields, `source,target,value`.
//!   A field is unquoted (printable ASCII but `,` and `"`) or quoted
//!   (`"..."`: commas and line breaks allowed, `""` for a quote; `""` alone
//!   is refused). Fields are trimmed. A tab, a non-ASCII character (`é`,
//!   emoji) or an HTML entity code (`#35;`) anywhere is refused, quoted or not.
//! - The value is read by JavaScript's `parseFloat`: `12abc` is 12, `abc` is
//!   NaN (accepted, and drawn broken by mermaid). Node names are those of the
//!   links, in order of first appearance.
//! - A link that closes a loop (`a,b` then `b,a`, or `a,a`) is accepted by
//!   the parser but refused by d3-sankey when drawing ("circular link").
//!
//! Settings (`sankey:` in front matter or `%%{init}%%`): `width` (600),
//! `height` (400), `nodeAlignment` (`justify`, `left`, `right`, `center`),
//! `linkColor` (`gradient`, `source`, `target` or a colour), `showValues`
//! (true), `prefix`, `suffix`, `nodeWidth` (10), `nodePadding` (12),
//! `labelStyle` (`legacy`, `outlined`), `nodeColors` (name → colour).
//!
//! Where mermaid refuses a line, atlas-render still reads what was meant
//! for the drawing: a record with tabs or other characters, a `title` line
//! (the title), and an arrow `"Budget,$800M" --> "Compute,$320M"` whose
//! target ends in an amount (a link of that amount). Links that close a
//! loop are left out of the drawing.
//!
//! # Rules
//!
//! | code  | severity | cause |
//! |-------|----------|-------|
//! | AR870 | error | a line that is not a CSV record of three fields (an empty field, a fourth field, a stray quote, `-->` arrows, a `title` line) |
//! | AR871 | error | a character mermaid's CSV does not read: a tab, a non-ASCII character, an entity code |
//! | AR872 | error | a line of blanks (fix: delete the blanks) |
//! | AR873 | error | anything after the keyword on its line (fix for blanks: delete them) |
//! | AR874 | error | a link that closes a loop (d3-sankey's "circular link") |
//! | AR875 | error | no links |
//! | AR876 | warning | a value that is not a number (NaN to mermaid; drawn as 0) |
//! | AR877 | warning | a negative value (drawn as 0) |
//!
//! Stages: [`lex`] (logos) → [`parse`] → [`model`] → [`layout`] (d3-sankey's
//! algorithm) → [`draw`] (SVG).

pub mod draw;
pub mod layout;
pub mod lex;
pub mod model;
pub mod parse;

pub use model::Sankey;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;

impl Definition for Sankey {
    const KIND: DiagramKind = DiagramKind::Sankey;

    /// mermaid's detector: `^\s*sankey(-beta)?`, a prefix.
    fn detect(first_word: &str) -> bool {
        first_word.starts_with("sankey")
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Nodes (the model keeps no spans for them) and links; node names and
    /// the title as labels.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "nodes", edges: "links", ..Nouns::default() });
        for n in &self.nodes {
            survey.node(0..0);
            survey.label(n, 0..0);
        }
        for l in &self.links {
            survey.edge(l.span.clone());
        }
        if let Some(title) = &self.title {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout::layout_sankey(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let l = layout::layout_sankey(self);
        let (theme, name) = self.theme(options);
        (draw::draw_sankey(self, &l, &theme, name), figures(&l))
    }
}

fn figures(l: &layout::SankeyLayout) -> LayoutFigures {
    let view = draw::view_box(l);
    LayoutFigures { width: view.width, height: view.height, nodes: l.nodes.len(), edges: l.links.len(), overlaps: l.overlaps(), text_overflow: l.text_overflow(&view), ..LayoutFigures::default() }
}
