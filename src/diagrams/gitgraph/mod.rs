//! Git graphs (`gitGraph`), as mermaid-js 11 reads and draws them.
//!
//! # Grammar
//!
//! ```text
//! gitGraph TB:
//!   commit id: "Initial" tag: "v1.0"
//!   branch develop order: 1
//!   checkout develop            %% or `switch develop`
//!   commit type: HIGHLIGHT msg: "work"
//!   checkout main
//!   merge develop id: "M1" type: REVERSE tag: "v1.1"
//!   cherry-pick id: "Initial" parent: "..." tag: "picked"
//! ```
//!
//! mermaid 11 parses git graphs with a Langium grammar (see [`parse`] for
//! it); [`lex`] models its Chevrotain lexer token for token. What trips
//! authors: ids, messages and tags must be quoted (`id: abc` is refused);
//! a direction needs its colon (`gitGraph TB:`); a branch name is letters,
//! digits, `_`, `-`, `.` and `/` and must not start with digits followed by
//! more (`2024-release` lexes as a number), else it is quoted; keywords are
//! lower case; nothing outside quotes may be another character (`(`, `,`,
//! `é`). Then mermaid's database refuses what git would.
//!
//! Settings: `gitGraph.*` (`mainBranchName`, `mainBranchOrder`,
//! `showCommitLabel`, `showBranches`, `rotateCommitLabel`,
//! `parallelCommits`, `titleTopMargin`, `diagramPadding`) and the theme
//! variables `git0`..`git7`, `gitBranchLabel0`..`7`, `gitInv0`..`7`,
//! `commitLabelColor`, `commitLabelBackground`, `tagLabelColor`,
//! `tagLabelBackground`, `tagLabelBorder`.
//!
//! A commit without an id gets `<n>-<7 hex digits>` as in mermaid, where
//! the digits are random; here they come from `n`, so drawings repeat.
//!
//! # Rules
//!
//! | code  | severity | cause |
//! |-------|----------|-------|
//! | AR890 | error | a character mermaid's gitGraph lexer does not read outside quotes |
//! | AR891 | error | a statement mermaid cannot read (unquoted id, unknown keyword or type, a branch named by a keyword or starting with digits) |
//! | AR892 | error | a direction without its colon (`gitGraph TB`), or `TD` |
//! | AR893 | error | `branch` of a branch that exists |
//! | AR894 | error | `checkout` of a branch not made yet |
//! | AR895 | error | a merge mermaid refuses (into itself, from or into a branch without commits, a branch that does not exist, both at the same commit, a used id) |
//! | AR896 | error | a cherry-pick mermaid refuses (unknown id, not a parent, a merge without `parent:`, onto its own branch or an empty one) |
//! | AR897 | warning | a commit id written twice (mermaid draws the second in place of the first) |
//! | AR899 | error | the diagram does not start with `gitGraph` |
//!
//! Stages: [`lex`] → [`parse`] (grammar, then database) → [`model`] →
//! [`layout`] (mermaid's lanes and positions) → [`draw`] (SVG).

pub mod draw;
pub mod layout;
pub mod lex;
pub mod model;
pub mod parse;

pub use model::GitGraph;

use super::{Definition, ParseOutcome};
use crate::layout::LayoutFigures;
use crate::limits::{Nouns, Survey};
use crate::model::config::DiagramConfig;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::pipeline::RenderOptions;

impl Definition for GitGraph {
    const KIND: DiagramKind = DiagramKind::GitGraph;

    /// mermaid's detector: `^\s*gitGraph`, a prefix (`gitGraph:`, and
    /// `gitGraph` before `LR:` on the same line).
    fn detect(first_word: &str) -> bool {
        first_word.starts_with("gitGraph")
    }

    fn parse(text: &str, header: &Header) -> ParseOutcome {
        parse::parse(text, header)
    }

    fn config(&self) -> &DiagramConfig {
        &self.config
    }

    /// Commits as nodes, each link to a parent as an edge; messages, tags,
    /// branch names and the title as labels. Branches do not nest.
    fn survey(&self, survey: &mut Survey) {
        survey.call(Nouns { nodes: "commits", edges: "links to parents", ..Nouns::default() });
        for c in &self.commits {
            survey.node(c.span.clone());
            for _ in &c.parents {
                survey.edge(c.span.clone());
            }
            survey.label(&c.message, c.span.clone());
            for t in &c.tags {
                survey.label(t, c.span.clone());
            }
        }
        for b in &self.branches {
            survey.label(&b.name, 0..0);
        }
        for title in [&self.title, &self.acc_title, &self.acc_descr].into_iter().flatten() {
            survey.label(title, 0..0);
        }
    }

    fn measure(&self) -> LayoutFigures {
        figures(&layout::layout_gitgraph(self))
    }

    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures) {
        let l = layout::layout_gitgraph(self);
        let (theme, name) = self.theme(options);
        (draw::draw_gitgraph(self, &l, &theme, name), figures(&l))
    }
}

fn figures(l: &layout::GitLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.view_box.width.round(),
        height: l.view_box.height.round(),
        nodes: l.commits.len(),
        edges: l.arrows.len(),
        overlaps: l.overlaps(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}
