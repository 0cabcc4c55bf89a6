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
use crate::limits::{Nouns, Survey};
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

    /// Participants as nodes, messages as edges, blocks (`loop`, `alt`,
    /// ...) as containers; every text drawn (participants, messages, notes,
    /// block labels, box titles, the title) as a label.
    fn survey(&self, survey: &mut Survey) {
        use model::Item;
        survey.call(Nouns { nodes: "participants", edges: "messages", nested: "blocks" });
        for p in &self.participants {
            survey.node(p.span.clone());
            survey.label(&p.label, p.span.clone());
        }
        let mut depth = 0usize;
        for item in &self.items {
            match item {
                Item::Message { text, span, .. } => {
                    survey.edge(span.clone());
                    survey.label(text, span.clone());
                }
                Item::Note { text, span, .. } | Item::BlockSection { text, span, .. } => survey.label(text, span.clone()),
                Item::BlockStart { text, span, .. } => {
                    depth += 1;
                    survey.container(depth, span.clone());
                    survey.label(text, span.clone());
                }
                Item::BlockEnd { .. } => depth = depth.saturating_sub(1),
                Item::ActivateStart { .. } | Item::ActivateEnd { .. } | Item::Autonumber { .. } => {}
            }
        }
        for b in &self.boxes {
            survey.label(&b.title, 0..0);
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
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
