//! The diagram kinds atlas-render draws: one folder per kind, each kind one
//! [`Definition`], all of them registered once in the list at `kinds!`'s
//! call below. The pipeline goes through [`Diagram`] and never names a kind.
//!
//! A kind's folder holds its own stages, in the order data flows through
//! them; each file uses only the ones before it and the shared stage modules
//! (`lex`, `parse`, `model`, `layout`, `svg`, `text`; [`lr`] for the kinds
//! that run a jison grammar):
//!
//! ```text
//! diagrams/<kind>/
//!   mod.rs     what the kind is, its rule codes, and its Definition:
//!              detector, parser entry, measuring, drawing
//!   lex.rs     its tokens, when it has a lexer of its own
//!   parse.rs   text → model, with diagnostics (a folder for flowcharts)
//!   model.rs   what a diagram says; `to_mermaid_json` for comparing
//!   layout.rs  model → geometry
//!   draw.rs    geometry → SVG
//!   ...        anything else only this kind needs (flowchart: metrics.rs,
//!              record.rs)
//! ```
//!
//! [`parse`] reads the header (front matter, `%%{init}%%` directives), takes
//! the first word after it and asks each registered kind's detector in turn,
//! as mermaid-js asks each `diagrams/<kind>/` detector; the first that says
//! yes parses the text. A word no detector takes is a kind atlas-render does
//! not draw (`undrawn_kind`: AR002 "cannot draw `x` yet") or no kind at all
//! (AR001).
//!
//! # How to add a kind
//!
//! 1. Make `src/diagrams/<kind>/` with the files above. `mod.rs` has module
//!    docs (what the kind is, its stages, its rule codes: the kind's own
//!    hundred, AR8xx and up; `grep -rn '"AR8' src` before picking) and
//!    `impl Definition for <Model>`, whose `survey` reports every node,
//!    edge, nested container and label to the limits. The parser returns
//!    `ParseOutcome { kind, diagram: Some(Diagram::<Kind>(model)), .. }`;
//!    the model has `to_mermaid_json()` (the shape of mermaid's parse, as in
//!    `../shared/corpus/atlas-mermaid/model/`).
//! 2. Add one line to the `kinds!` list below:
//!    `<Kind>(<kind>::model::<Model>) => <kind>,`. That declares the module,
//!    the `Diagram::<Kind>` variant, and the parse, measure and draw
//!    dispatch.
//! 3. In `model::DiagramKind`, add the kind's variant and `name()` if it is
//!    new; take its keywords out of `undrawn_kind` (they are its detector's
//!    now).
//! 4. Tests and figures: fixtures `tests/fixtures/<kind>-*.mmd` with goldens
//!    (`UPDATE_GOLDEN=<kind> cargo test --release --test golden`, and look at
//!    every PNG next to mermaid's drawing); a corpus test
//!    `tests/corpus_<kind>.rs` (verdict agreement with
//!    `../shared/corpus/atlas-mermaid/verdicts.tsv`, skipping when `../shared`
//!    is absent); a bench case in `benches/pipeline.rs`; its rule codes in
//!    the README's Rules table; `corpus_report.py` before and after.

use crate::diagnostics::Diagnostic;
use crate::layout::record::LayoutRecord;
use crate::layout::LayoutFigures;
use crate::limits::{Limits, Survey};
use crate::model::config::{DiagramConfig, ThemeName};
use crate::model::DiagramKind;
use crate::parse::directive::{self, Header};
use crate::pipeline::RenderOptions;
use crate::svg::Theme;

/// What a kind is, implemented by its model type in `diagrams/<kind>/mod.rs`:
/// how it is recognised and read, and how a diagram of it is measured and
/// drawn.
pub trait Definition: Sized {
    /// The kind, as diagnostics and `check --json` name it.
    const KIND: DiagramKind;

    /// mermaid-js's detector: does a diagram whose first word (after the
    /// header) is `first_word` belong to this kind?
    fn detect(first_word: &str) -> bool;

    /// The kind's parser: `text` is the whole diagram, `header` what
    /// [`directive::read_header`] read off its start (the body starts at
    /// `header.body_start`; the header's own diagnostics are added by
    /// [`parse`]).
    fn parse(text: &str, header: &Header) -> ParseOutcome;

    /// The configuration the diagram asks for (its theme, ...).
    fn config(&self) -> &DiagramConfig;

    /// Reports what the diagram holds to `survey`, which counts it against
    /// the [`Limits`] before anything lays it out: each node, edge, nested
    /// container (with its depth) and label, with where it is written, and
    /// what the kind calls them ([`Survey::call`]). Linear in the model, and
    /// nothing more: a diagram over the limits is never laid out.
    fn survey(&self, survey: &mut Survey);

    /// Lays the diagram out and measures the layout, without drawing it.
    fn measure(&self) -> LayoutFigures;

    /// Lays the diagram out and draws it once with `options`; the drawing's
    /// figures too.
    fn render(&self, options: &RenderOptions) -> (String, LayoutFigures);

    /// The drawing the pipeline asks for: with `options`, again with `dark`
    /// (the dark theme) when the drawing is to follow a dark page scheme,
    /// and what `extras` asks for besides (kinds with no record give
    /// `None`). By default the kind is cheap to lay out: it is rendered once
    /// per theme, measured as it is drawn, and records nothing.
    fn draw(&self, options: &RenderOptions, dark: Option<&RenderOptions>, extras: Extras) -> Drawing {
        let _ = extras;
        let (svg, figures) = self.render(options);
        Drawing { svg, figures: Some(figures), record: None, dark: dark.map(|o| self.render(o).0) }
    }

    /// The theme to draw with: the options' over the diagram's own.
    fn theme(&self, options: &RenderOptions) -> (Theme, ThemeName) {
        theme_for(options, self.config().theme)
    }
}

/// What a drawing is asked for besides its SVG: the layout's record by id
/// (only the snapshot store needs it) and the figures measured on it (the
/// library's callers and reports; drawing to a file does not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    pub record: bool,
    pub figures: bool,
}

/// A drawn diagram, before the pipeline prefixes ids and merges schemes.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// The drawing with the options' theme.
    pub svg: String,
    /// The figures measured on it, when asked for (kinds cheap to measure
    /// always give them).
    pub figures: Option<LayoutFigures>,
    /// Its geometry by id, when asked for and the kind records one.
    pub record: Option<LayoutRecord>,
    /// The same drawing with the dark theme, when asked for.
    pub dark: Option<String>,
}

/// The one list of drawn kinds. From `Variant(ModelType) => module,` it
/// declares each module and generates [`Diagram`] with its dispatch, and
/// the detector-and-parser lookup [`parse`] uses, in the order listed.
macro_rules! kinds {
    ($($variant:ident($model:ty) => $module:ident,)+) => {
        $(pub mod $module;)+

        /// A parsed diagram of any kind atlas-render draws.
        #[derive(Debug, Clone)]
        pub enum Diagram {
            $($variant($model),)+
        }

        impl Diagram {
            pub fn kind(&self) -> DiagramKind {
                match self {
                    $(Diagram::$variant(_) => <$model as Definition>::KIND,)+
                }
            }

            /// The model in the shape of mermaid-js's parse, for `parse --json`.
            pub fn to_mermaid_json(&self) -> serde_json::Value {
                match self {
                    $(Diagram::$variant(m) => m.to_mermaid_json(),)+
                }
            }

            /// See [`Definition::survey`].
            pub fn survey(&self, survey: &mut Survey) {
                match self {
                    $(Diagram::$variant(m) => Definition::survey(m, survey),)+
                }
            }

            /// See [`Definition::measure`].
            pub fn measure(&self) -> LayoutFigures {
                match self {
                    $(Diagram::$variant(m) => Definition::measure(m),)+
                }
            }

            /// See [`Definition::draw`].
            pub fn draw(&self, options: &RenderOptions, dark: Option<&RenderOptions>, extras: Extras) -> Drawing {
                match self {
                    $(Diagram::$variant(m) => Definition::draw(m, options, dark, extras),)+
                }
            }
        }

        /// The drawn kind whose detector takes `first_word`, with its parser.
        fn drawn_kind(first_word: &str) -> Option<(DiagramKind, fn(&str, &Header) -> ParseOutcome)> {
            $(
                if <$model as Definition>::detect(first_word) {
                    return Some((<$model as Definition>::KIND, <$model as Definition>::parse));
                }
            )+
            None
        }
    };
}

kinds! {
    Flowchart(flowchart::model::Flowchart) => flowchart,
    Sequence(sequence::model::Sequence) => sequence,
    Pie(pie::model::Pie) => pie,
    Gantt(gantt::model::Gantt) => gantt,
    Timeline(timeline::model::Timeline) => timeline,
    XyChart(xychart::model::XyChart) => xychart,
    Er(er::model::ErDiagram) => er,
    Mindmap(mindmap::model::Mindmap) => mindmap,
    Sankey(sankey::model::Sankey) => sankey,
    Quadrant(quadrant::model::QuadrantChart) => quadrant,
    GitGraph(gitgraph::model::GitGraph) => gitgraph,
    State(state::model::StateDiagram) => state,
}

/// Running the LALR(1) tables [`crate::parse::lalr`] builds, as jison runs
/// its own: shared by the kinds read with mermaid's jison grammars (`er`,
/// `mindmap`, `quadrant`), which bring their own lexer and grammar.
pub mod lr;

/// The kinds mermaid-js knows by their first word that atlas-render does
/// not draw yet (`Other` for words no kind starts with). A kind that is
/// drawn leaves this table for its [`Definition::detect`].
fn undrawn_kind(first_word: &str) -> DiagramKind {
    match first_word {
        "classDiagram" | "classDiagram-v2" => DiagramKind::Class,
        "journey" => DiagramKind::Journey,
        "radar-beta" | "radar" => DiagramKind::Radar,
        _ => DiagramKind::Other,
    }
}

/// The kind a diagram starting with `first_word` is: a drawn kind's
/// detector's, or one of those mermaid knows that is not drawn yet.
pub fn detect_kind(first_word: &str) -> DiagramKind {
    drawn_kind(first_word).map_or_else(|| undrawn_kind(first_word), |(kind, _)| kind)
}

/// What parsing found: the model, when one could be built, and every
/// diagnostic. `diagram` may be `Some` even with errors (see `parse`'s
/// module docs).
#[derive(Debug, Clone)]
pub struct ParseOutcome {
    pub kind: DiagramKind,
    pub diagram: Option<Diagram>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseOutcome {
    /// True when mermaid-js would accept the diagram.
    pub fn is_valid(&self) -> bool {
        self.diagram.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }
}

/// Parses a diagram of any kind: reads the header, detects the kind from the
/// first word after it, and hands the text to that kind's parser.
pub fn parse(text: &str) -> ParseOutcome {
    let header = directive::read_header(text);
    let span = first_word(text, header.body_start);
    let word = &text[span.clone()];
    let mut outcome = match drawn_kind(word) {
        Some((_, parse)) => parse(text, &header),
        None => {
            let kind = undrawn_kind(word);
            ParseOutcome { kind, diagram: None, diagnostics: vec![unsupported(text, span, kind)] }
        }
    };
    let mut diags = header.diagnostics;
    diags.append(&mut outcome.diagnostics);
    outcome.diagnostics = listed(diags);
    outcome
}

/// The most findings one diagram lists: past them, one more (AR004) counts
/// the rest. A page of bad text can hold tens of thousands (every stray
/// character of a git graph is one), and each is shown with its line.
pub const LISTED_FINDINGS: usize = 100;

/// The first [`LISTED_FINDINGS`] findings, then one that counts the rest,
/// an error when an error is among them (the verdict stays what it was).
fn listed(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diags.len() <= LISTED_FINDINGS {
        return diags;
    }
    let rest = diags.split_off(LISTED_FINDINGS);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let warnings = rest.len() - errors;
    let message = format!(
        "{} more findings after these ({errors} error{}, {warnings} warning{}), not listed",
        rest.len(),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    );
    let hint = "mend the ones listed and check again";
    let span = rest[0].span.clone();
    diags.push(if errors > 0 { Diagnostic::error("AR004", span, message) } else { Diagnostic::warning("AR004", span, message) }.with_hint(hint));
    diags
}

/// [`parse`] within `limits`: a text longer than `limits.input_bytes` is
/// refused unread, and a diagram over another limit is refused once parsed
/// (AR003, one error per limit passed, after the parse's own diagnostics):
/// either way the outcome has no diagram, so nothing lays it out.
pub fn parse_within(text: &str, limits: &Limits) -> ParseOutcome {
    if let Some(refusal) = limits.check_input(text) {
        // the kind from the first few kilobytes only: the text is not read
        let mut head = text.len().min(4096);
        while !text.is_char_boundary(head) {
            head -= 1;
        }
        let head = &text[..head];
        let kind = detect_kind(&head[first_word(head, directive::read_header(head).body_start)]);
        return ParseOutcome { kind, diagram: None, diagnostics: vec![refusal] };
    }
    let mut outcome = parse(text);
    if let Some(diagram) = &outcome.diagram {
        let mut survey = Survey::new(limits);
        diagram.survey(&mut survey);
        let refusals = survey.refusals();
        if !refusals.is_empty() {
            outcome.diagram = None;
            outcome.diagnostics.extend(refusals);
        }
    }
    outcome
}

fn unsupported(text: &str, span: std::ops::Range<usize>, kind: DiagramKind) -> Diagnostic {
    let word = &text[span.clone()];
    let hint = "start the diagram with `flowchart TD`, `graph LR`, `sequenceDiagram`, `pie`, `timeline`, `gantt`, `xychart-beta`, `erDiagram`, `mindmap`, `sankey-beta`, `quadrantChart`, `gitGraph`, `stateDiagram-v2`, ...";
    if word.is_empty() {
        Diagnostic::error("AR001", span, "no diagram here: the text has no diagram type").with_hint(hint)
    } else if kind == DiagramKind::Other {
        Diagnostic::error("AR001", span, format!("`{word}` is not a diagram type mermaid-js knows")).with_hint(hint)
    } else {
        Diagnostic::error("AR002", span, format!("atlas-render cannot draw `{word}` diagrams yet"))
    }
}

/// The span of the first word at or after `from`: up to a blank or `;`.
fn first_word(text: &str, from: usize) -> std::ops::Range<usize> {
    let rest = &text[from.min(text.len())..];
    let start = from + (rest.len() - rest.trim_start().len());
    let end = text[start..].find(|c: char| c.is_whitespace() || c == ';').map_or(text.len(), |e| start + e);
    start..end
}

/// The page background behind a drawing made for both schemes: white, and
/// MkDocs Material's slate (`hsl(225, 15%, 14%)`).
pub const LIGHT_PAGE: &str = "#FFFFFF";
pub const DARK_PAGE: &str = "#1E2129";

/// The theme a drawing is made with: the options' over the diagram's own;
/// with a background when it is to follow the page's scheme.
pub fn theme_for(options: &RenderOptions, own: ThemeName) -> (Theme, ThemeName) {
    let name = options.theme.unwrap_or(own);
    let mut theme = Theme::named(name);
    if options.dark_scheme.is_some() {
        theme.background = Some(if name == ThemeName::Dark { DARK_PAGE } else { theme.background.unwrap_or(LIGHT_PAGE) });
    }
    (theme, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_drawn_kind_is_found_by_its_first_word() {
        for (word, kind) in [("graph", DiagramKind::Flowchart), ("flowchart-elk", DiagramKind::Flowchart), ("sequenceDiagram", DiagramKind::Sequence), ("pie", DiagramKind::Pie), ("gantt", DiagramKind::Gantt), ("timeline", DiagramKind::Timeline), ("xychart-beta", DiagramKind::XyChart), ("xychart", DiagramKind::XyChart), ("erDiagram", DiagramKind::Er), ("mindmap", DiagramKind::Mindmap), ("sankey-beta", DiagramKind::Sankey), ("sankey", DiagramKind::Sankey), ("quadrantChart", DiagramKind::Quadrant), ("gitGraph", DiagramKind::GitGraph), ("gitGraph:", DiagramKind::GitGraph), ("stateDiagram-v2", DiagramKind::State), ("stateDiagram", DiagramKind::State)] {
            assert_eq!(drawn_kind(word).map(|(k, _)| k), Some(kind), "{word}");
            assert_eq!(detect_kind(word), kind, "{word}");
        }
        assert_eq!(detect_kind("classDiagram"), DiagramKind::Class);
        assert!(drawn_kind("classDiagram").is_none());
        assert_eq!(detect_kind("sequence"), DiagramKind::Other);
    }

    #[test]
    fn each_kind_parses_its_own_and_says_which() {
        for (text, kind) in [("graph TD\n A --> B\n", DiagramKind::Flowchart), ("sequenceDiagram\n A->>B: hi\n", DiagramKind::Sequence), ("pie\n \"a\" : 1\n", DiagramKind::Pie), ("timeline\n 2020 : x\n", DiagramKind::Timeline), ("erDiagram\n A ||--o{ B : has\n", DiagramKind::Er), ("mindmap\n  root\n    child\n", DiagramKind::Mindmap), ("sankey-beta\na,b,1\n", DiagramKind::Sankey), ("quadrantChart\nA: [0.1, 0.2]\n", DiagramKind::Quadrant), ("gitGraph\ncommit\n", DiagramKind::GitGraph), ("stateDiagram-v2\n [*] --> A\n", DiagramKind::State)] {
            let outcome = parse(text);
            assert_eq!(outcome.kind, kind);
            assert_eq!(outcome.diagram.expect("a model").kind(), kind);
        }
        let refused = parse("journey\n title T\n");
        assert_eq!((refused.kind, refused.diagnostics[0].code), (DiagramKind::Journey, "AR002"));
    }

    /// Every kind reports its nodes, edges, nesting and labels: each is
    /// refused past the limit it passes, before layout, with no model left.
    #[test]
    fn every_kind_is_held_to_the_limits() {
        let one = Limits { input_bytes: 10_000, nodes: 1, edges: 1, depth: 1, label_chars: 8 };
        let cases = [
            ("graph TD\n A --> B\n", "2 nodes", 2),
            ("graph TD\n A --> B\n A --> C\n", "3 nodes", 2),
            ("graph TD\n subgraph X\n subgraph Y\n A\n end\n end\n", "2 subgraphs nested 2 deep", 3),
            ("graph TD\n A[a label too long]\n", "a label of 16 characters", 2),
            ("sequenceDiagram\n A->>A: hi\n A->>A: ho\n", "2 messages", 3),
            ("sequenceDiagram\n loop a\n opt b\n A->>A: hi\n end\n end\n", "2 blocks nested 2 deep", 3),
            ("pie\n \"a\" : 1\n \"b\" : 2\n", "2 slices", 3),
            ("gantt\n dateFormat YYYY-MM-DD\n a : 2024-01-01, 1d\n b : 2024-01-02, 1d\n", "2 tasks", 4),
            ("timeline\n 2020 : x\n", "2 periods and events", 2),
            ("xychart-beta\n x-axis [a, b]\n bar [1, 2]\n", "4 categories and values", 1),
            ("erDiagram\n A ||--o{ B : has\n", "2 entities", 2),
            ("mindmap\n  root\n    child\n      grandchild\n", "3 nodes", 3),
            ("mindmap\n  root\n    child\n      grandchild\n", "2 nodes nested 2 deep", 4),
            ("stateDiagram-v2\n A --> B\n", "2 states and notes", 2),
            ("stateDiagram-v2\n A --> B\n B --> A\n", "2 transitions", 3),
            ("stateDiagram-v2\n state X {\n state Y {\n A\n }\n }\n", "2 composite states and regions nested 2 deep", 3),
            ("sankey-beta\na,b,1\na,c,2\n", "2 links", 3),
            ("quadrantChart\n A: [0.1, 0.2]\n B: [0.3, 0.4]\n", "2 points", 3),
            ("gitGraph\n commit\n commit\n", "2 commits", 3),
        ];
        for (text, what, line) in cases {
            assert!(parse(text).is_valid(), "{text}");
            let outcome = parse_within(text, &one);
            assert!(outcome.diagram.is_none(), "{text}: refused, so nothing lays it out");
            let refusal = outcome.diagnostics.iter().find(|d| d.code == "AR003" && d.message.starts_with(what)).unwrap_or_else(|| panic!("{text}: {:?}", outcome.diagnostics));
            let (l, _) = crate::diagnostics::LineIndex::new(text).position(refusal.span.start);
            assert_eq!(l, line, "{text}: {refusal:?}");
            let within = parse_within(text, &Limits::default());
            assert!(within.is_valid() && within.diagnostics == parse(text).diagnostics, "{text}");
        }
    }

    #[test]
    fn a_text_over_the_size_limit_is_refused_unread_and_named() {
        let text = format!("---\ntitle: big\n---\nsequenceDiagram\n{}", "A->>B: hi\n".repeat(100));
        let outcome = parse_within(&text, &Limits { input_bytes: 500, ..Limits::default() });
        assert_eq!(outcome.kind, DiagramKind::Sequence);
        assert!(outcome.diagram.is_none());
        assert_eq!(outcome.diagnostics.len(), 1);
        assert!(outcome.diagnostics[0].message.starts_with("the diagram is 1,035 bytes long: the limit is 500"), "{:?}", outcome.diagnostics);
    }
}
