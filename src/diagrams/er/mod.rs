//! Entity-relationship diagrams (`erDiagram`), read as mermaid-js 11.17
//! reads them and drawn with its look: entities as attribute tables,
//! relationships with crow's-foot ends, laid out by the layered layout.
//!
//! # Grammar accepted
//!
//! ```text
//! erDiagram
//!   direction TB|BT|LR|RL
//!   CUSTOMER ||--o{ ORDER : places          a relationship: end, line, end, `: label`
//!   ORDER }|..|{ "LINE ITEM" : "has many"   `..` dashed (non-identifying), `--` solid
//!   CUSTOMER {                              an attribute table
//!     string name "comment"                 type name [PK|FK|UK[, ...]] ["comment"]
//!     varchar(255) email UK
//!     List~int~ ids                         generics drawn as List<int>
//!   }
//!   p[Person] { int age }                   an alias drawn in place of the name
//!   A:::hot                                  classes, `classDef`, `class`, `style`
//!   subgraph S [Title] ... end               entities grouped in a box
//!   accTitle: ... / accDescr: ... / accDescr { ... }
//! ```
//!
//! Ends: `|o` `o|` zero or one; `||` exactly one; `}o` `o{` zero or more;
//! `}|` `|{` one or more (and mermaid's word forms: `one or more`, `many`,
//! `1+`, `only one`, ...); `u` a parent (no marker). Keywords are
//! case-insensitive, so an entity called `one`, `many`, `to`, `end` or `u`
//! must be quoted.
//!
//! Stages, one way: [`lex`] (mermaid's modal lexer) → [`parse`] (its grammar
//! through [`crate::parse::lalr`], and its database's rules) → [`model`] →
//! [`layout`] (entities sized from their tables, then
//! [`crate::layout::layered`]) → [`draw`] (SVG).
//!
//! # Rule codes
//!
//! | code  | severity | cause |
//! |-------|----------|-------|
//! | AR840 | error | a line mermaid-js's grammar cannot read (the message says what it expected) |
//! | AR841 | error | a character mermaid-js's lexer cannot read in a `style` or `classDef` line |
//! | AR842 | error | a relationship without `: label` |
//! | AR843 | error | an attribute table line that is not `type name [keys] ["comment"]` |
//! | AR844 | error | a relationship whose ends or line mermaid-js cannot read (`-->`, a missing end, ...) |
//! | AR845 | error | an entity with an alias (`name[alias]`) starting a relationship |
//! | AR846 | error | an attribute table `{` never closed |
//! | AR847 | error | a character mermaid-js reads as no token here (`%`, `(`, `\|`, an unclosed quote) |
//! | AR848 | error | a keyword (`one`, `many`, `to`, `end`, `class`, ...) where an entity name belongs |
//! | AR849 | error | `subgraph` without `end`, or `end` without `subgraph` |

pub mod draw;
pub mod layout;
pub mod lex;
pub mod model;
pub mod parse;
mod tables;

pub use model::ErDiagram;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;
use layout::{layout_er, ErLayout};

impl Definition for ErDiagram {
    const KIND: DiagramKind = DiagramKind::Er;

    fn detect(first_word: &str) -> bool {
        first_word == "erDiagram"
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Entities as nodes, relationships as edges, subgraphs as containers;
    /// entity names, aliases and attribute texts, relationship labels and
    /// subgraph titles as labels.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "entities", edges: "relationships", nested: "subgraphs" });
        for e in &self.entities {
            survey.node(e.span.clone());
            survey.label(&e.name, e.span.clone());
            if let Some(alias) = &e.alias {
                survey.label(alias, e.span.clone());
            }
            for a in &e.attributes {
                for text in [&a.ty, &a.name, &a.comment] {
                    survey.label(text, e.span.clone());
                }
            }
        }
        for r in &self.relationships {
            survey.edge(r.span.clone());
            survey.label(&r.label, r.span.clone());
        }
        let depths = crate::limits::nesting_depths(self.subgraphs.iter().map(|s| (s.id.as_str(), s.members.as_slice())));
        for (s, depth) in self.subgraphs.iter().zip(depths) {
            survey.container(depth, 0..0);
            survey.label(&s.title, 0..0);
        }
        for title in [&self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(self, &layout_er(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_er(self);
        let (theme, name) = self.theme(options);
        (draw::draw_er(self, &layout, &theme, name), figures(self, &layout))
    }
}

/// The drawing's figures: relationship lines crossing each other and lines
/// through entities count, as in flowcharts.
fn figures(er: &ErDiagram, l: &ErLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.size.width.round(),
        height: l.size.height.round(),
        nodes: l.entities.len(),
        edges: l.relationships.len(),
        crossings: l.crossings(er),
        overlaps: l.overlaps(),
        edge_node_hits: l.edge_node_hits(er),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}
