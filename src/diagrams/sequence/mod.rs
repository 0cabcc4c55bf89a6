//! Sequence diagrams (`sequenceDiagram`): participants and actors, messages,
//! notes, activations, boxes and blocks (`loop`, `alt`, `par`, ...).
//!
//! [`lex`] (mermaid's lexer, hand-written for jison's first-match order) →
//! [`parse`] → [`model`] → [`layout`] → [`draw`].
//!
//! Rule codes (AR2xx): AR201 an unexpected token; AR202 a stray `;`; AR203
//! `end` closing nothing; AR204 `else`/`and`/`option` outside its block;
//! AR205 deactivating what is not active; AR206 an unclosed `box`; AR207 a
//! token mermaid cannot read here; AR208 a message with no text; AR209 an
//! unknown statement; AR210 a `#` cutting the line; AR211 a participant in
//! two boxes; AR212 activating a participant nothing names; AR213 `create`
//! not followed by a message to it.

pub mod lex;
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
use layout::{layout_sequence, SequenceLayout};
use model::Sequence;

impl Definition for Sequence {
    const KIND: DiagramKind = DiagramKind::Sequence;

    fn detect(first_word: &str) -> bool {
        first_word == "sequenceDiagram"
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout_sequence(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let layout = layout_sequence(self);
        (draw::draw_sequence(self, &layout, &self.theme(options).0), figures(&layout))
    }
}

fn figures(l: &SequenceLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.width,
        height: l.height,
        nodes: l.participants.len(),
        edges: l.messages.len(),
        overlaps: l.message_overlaps() + l.text_collisions(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}
