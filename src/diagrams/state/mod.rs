//! State diagrams (`stateDiagram-v2`, and `stateDiagram`, drawn alike), as
//! mermaid-js 11 reads and draws them.
//!
//! The stages, one way: [`lex`] (mermaid's modal lexer, rule for rule) →
//! [`parse`] (mermaid's grammar on the LALR(1) engine, into its statement
//! tree) → [`db`] (mermaid's `StateDB`/`dataFetcher`: ids, `[*]`, regions,
//! parents, labels, classes) → [`model`] ([`StateDiagram`]) → [`layout`]
//! (the layered layout: composites and regions as clusters) → [`draw`]
//! (SVG in mermaid's default look).
//!
//! # The grammar accepted
//!
//! ```text
//! stateDiagram-v2                        (or stateDiagram)
//!   direction TB|BT|LR|RL                at the top level and inside composites
//!   Id                                   a state (ids: no spaces, `:`, `-` or `{`)
//!   Id : description                     several lines add descriptions
//!   state "description" as Id            a state with a text of its own
//!   A --> B                              a transition; `[*]` is the start (as a
//!   A --> B : label                      source) or end (as a target) of the
//!   [*] --> A                            composite it is written in
//!   state Id { ... }                     a composite, nested to any depth
//!   state "text" as Id { ... }
//!     --                                 inside a composite: concurrent regions
//!   state Id <<choice>>                  also <<fork>>, <<join>>, [[choice]], ...
//!   note left of Id : text               or `right of`; or the text on the
//!   note right of Id                     lines below, closed by `end note`
//!     ...
//!   end note
//!   classDef name fill:#f96,color:#fff   (top level only: mermaid ignores
//!   class A,B name                        them inside composites)
//!   A:::name --> B
//!   style A fill:#f96
//!   accTitle: ...  accDescr: ...  accDescr { ... }
//!   %% comment   # comment
//!   hide empty description, scale 350 width, click A "url" "tip",
//!   note "text" as N                     read, and drawn as mermaid does: not at all
//! ```
//!
//! plus `%%{init: ...}%%` and `---` front matter (`title`, theme). Keywords
//! are case-insensitive; a state named like one (`Note`, `Class`, `Style`,
//! `Default`, `State`, `Scale`) is read as the keyword.
//!
//! # Rule codes
//!
//! | code  | severity | cause | fix |
//! |-------|----------|-------|-----|
//! | AR800 | error | a token mermaid's grammar does not expect here (the message says what it expected) | |
//! | AR801 | error | a character or text mermaid's lexer cannot read here | |
//! | AR802 | error | a second `:` in a one-line note (`note right of A : rate: 95%`) | writes `#58;` |
//! | AR803 | error | a note with neither `: text` nor lines closed by `end note` | |
//! | AR804 | error | `--` outside a composite state (regions exist only inside one) | |
//! | AR805 | error | `state X {` never closed by `}` | |
//! | AR806 | error | a keyword used as a state name (`Note --> B`, `Default --> B`) | |
//! | AR807 | error | a composite's name of several words (`state Foo Bar {`) | writes `state "Foo Bar" as Foo_Bar {` |
//! | AR808 | error | a composite state with more than one description | |
//! | AR809 | error | a composite state inside itself | |
//! | AR810 | error | a composite state or concurrent region with no state in it (`state A {}`, a leading or trailing `--`) | |
//! | AR811 | error | `classDef default` (mermaid refuses it in state diagrams) | |
//! | AR812 | error | chained transitions `A --> B --> C` | one transition per line |
//! | AR813 | error | a one-dash arrow `A -> B` | writes `-->` |
//! | AR814 | error | a `-` inside a state id (`my-state`) | |
//! | AR820 | warning | a line holding `direction XX` anywhere is read whole as a direction statement | |
//! | AR821 | warning | a `;` in a label or note (what follows becomes states), or after an id (part of it) | writes `#59;` / drops it |
//! | AR822 | warning | `\n` in a label: mermaid draws the two characters (atlas-render breaks the line) | writes `<br/>` |
//! | AR823 | warning | `classDef`, `class`, `style` or `:::` inside a composite: mermaid ignores them | |
//! | AR824 | warning | `A:::cls` on its own at the top level: mermaid applies no class | writes `class A cls` |
//! | AR825 | warning | `state X` without `{ }` (or `State --> B`): mermaid draws nothing for it | |
//! | AR826 | warning | a `}` with no composite open: mermaid draws a state named `}` | removes it |
//!
//! # Drawing
//!
//! Composite states and concurrent regions are clusters of the layered
//! layout (regions side by side, as mermaid draws them, separated by its
//! dashed borders); notes are boxes tied to their state by a dashed line, a
//! rank beside it in the flow (as mermaid places them). Labels, notes and
//! transition labels are read as mermaid's Markdown labels (`**bold**`,
//! `*italic*`, `<br/>`) and wrap at 200 px, as mermaid's do.

pub mod db;
pub mod draw;
pub mod layout;
pub mod lex;
pub mod model;
pub mod parse;
mod tables;

pub use model::StateDiagram;

use super::{Definition, Drawing, Extras, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;

impl Definition for StateDiagram {
    const KIND: DiagramKind = DiagramKind::State;

    /// mermaid's detectors: `stateDiagram-v2`, and any first word starting
    /// `stateDiagram` (whose grammar then wants `stateDiagram` or
    /// `stateDiagram-v2` followed by a blank).
    fn detect(first_word: &str) -> bool {
        first_word.starts_with("stateDiagram")
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// States and notes as nodes (composites and regions as containers, as
    /// deep as they nest), transitions and note links as edges; names,
    /// descriptions, transition labels and notes as labels.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "states and notes", edges: "transitions", nested: "composite states and regions" });
        let parents: Vec<Option<usize>> = self.states.iter().map(|s| s.parent).collect();
        for (s, depth) in self.states.iter().zip(crate::limits::depths(&parents)) {
            if s.kind.is_cluster() {
                survey.container(depth, s.span.clone());
            } else {
                survey.node(s.span.clone());
            }
            survey.label(&s.label, s.span.clone());
            for d in &s.descriptions {
                survey.label(d, s.span.clone());
            }
        }
        for t in &self.transitions {
            survey.edge(t.span.clone());
            if let Some(label) = &t.label {
                survey.label(label, t.span.clone());
            }
        }
        for n in &self.notes {
            survey.node(n.span.clone());
            survey.edge(n.span.clone());
            survey.label(&n.text, n.span.clone());
        }
        for title in [&self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        draw::measure_figures(self)
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        draw::render(self, options)
    }

    /// Laid out once, drawn with each scheme's theme.
    fn draw(&self, options: &RenderOptions, dark: Option<&RenderOptions>, _extras: Extras) -> Drawing {
        let (svg, figures, dark) = draw::render_schemes(self, options, dark);
        Drawing { svg, figures: Some(figures), record: None, dark }
    }
}
