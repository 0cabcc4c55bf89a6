//! Mindmaps (`mindmap`), read as mermaid-js 11 reads them and drawn with
//! its look (section colours, shapes, edges thinning with depth), laid out
//! by a tidy tree of our own.
//!
//! # Grammar accepted
//!
//! ```text
//! mindmap
//!   root((Root label))          the first node is the root
//!     Child                     indented deeper: a child of the node above
//!       Grandchild[Square]      with less indentation
//!       ::icon(fa fa-book)      an icon for the node above (a placeholder glyph)
//!       :::urgent large         classes for the node above
//!     id["`**Markdown** text`"]
//! ```
//!
//! Shapes: `id[text]` square, `id(text)` rounded, `id((text))` circle,
//! `id))text((` bang, `id)text(` cloud, `id{{text}}` hexagon, plain text a
//! box with a line under it. The id may be left out (`[text]`). Labels are
//! Markdown (`**bold**`, `*italic*`) and wrap at 200 px, as mermaid's.
//! Indentation counts characters (a tab is one), as mermaid counts them.
//!
//! Stages, one way: [`lex`] (mermaid's modal lexer) → [`parse`] (its
//! grammar through [`crate::parse::lalr`], and its database's tree rules) →
//! [`model`] → [`layout`] (a two-sided tidy tree: deterministic, never
//! overlapping) → [`draw`] (SVG).
//!
//! # Rule codes
//!
//! | code  | severity | cause |
//! |-------|----------|-------|
//! | AR860 | error | a line mermaid-js's grammar cannot read: text after a node's closing bracket, a second label after a quoted one, a bracket never closed, a mindmap with no node line |
//! | AR861 | error | a node indented no deeper than the root: it has no parent ("There can be only one root") |
//! | AR862 | error | `::icon()` or `:::class` before any node (mermaid-js fails on it) |
//! | AR863 | error | a character mermaid-js's lexer cannot read: a lone `{` or `}` outside a node's brackets |
//! | AR864 | warning | a mindmap with no nodes: mermaid-js draws nothing |

pub mod draw;
pub mod layout;
pub mod lex;
pub mod model;
pub mod parse;
mod tables;

pub use model::Mindmap;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;
use layout::{layout_mindmap, MindmapLayout};

impl Definition for Mindmap {
    const KIND: DiagramKind = DiagramKind::Mindmap;

    fn detect(first_word: &str) -> bool {
        first_word == "mindmap"
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Nodes, each below the root as a container as deep as its level, and
    /// labels. The branches are a tree's, one a node: the node limit holds
    /// them.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "nodes", edges: "branches", nested: "nodes" });
        for n in &self.nodes {
            survey.node(n.span.clone());
            survey.label(&n.label, n.span.clone());
            if n.parent.is_some() {
                survey.container(n.depth, n.span.clone());
            }
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout_mindmap(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_mindmap(self);
        let (theme, name) = self.theme(options);
        (draw::draw_mindmap(self, &layout, &theme, name), figures(&layout))
    }
}

fn figures(l: &MindmapLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.size.width.round(),
        height: l.size.height.round(),
        nodes: l.nodes.len(),
        edges: l.edges.len(),
        overlaps: l.overlaps(),
        edge_node_hits: l.edge_node_hits(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}

/// mermaid's `MAX_SECTIONS`: the root's children take colours 0..10 in turn.
pub const MAX_SECTIONS: usize = 12;
