//! How big a diagram atlas-render draws: limits on the input's size and on
//! what the parsed diagram holds (nodes, edges, nesting depth, label
//! length), so that every input is drawn within a second or refused with a
//! clear error (rule AR003), never hangs and never takes unbounded memory.
//!
//! The limits are enforced in one place, [`crate::diagrams::parse_within`],
//! for every kind and every command: the input's size before parsing, the
//! rest after parsing and before layout. Each kind reports what it holds
//! through [`Definition::survey`](crate::diagrams::Definition::survey):
//! every node, edge, nested container (with its depth) and label, with
//! where it is written; a [`Survey`] counts them against the limits.
//!
//! Defaults cover the Atlas's largest diagrams many times over (see
//! [`Limits::default`]); a project raises them in `atlas-render.toml`:
//!
//! ```toml
//! [limits]
//! input_bytes = 100000  # the diagram's text, in bytes
//! nodes = 1000          # nodes (participants, entities, slices, tasks, ...)
//! edges = 500           # edges (messages, relationships)
//! depth = 32            # subgraphs (blocks, levels) nested this deep
//! label_chars = 2000    # characters in one label
//! ```
//!
//! A diagram over a raised limit may take longer than a second: layout time
//! grows faster than linearly with edges, and steeply with nesting depth.

use crate::diagnostics::Diagnostic;
use serde::Deserialize;
use std::ops::Range;

/// The rule code of a diagram refused for passing a limit.
pub const CODE: &str = "AR003";

/// How big a diagram may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The diagram's text, in bytes; checked before it is parsed.
    pub input_bytes: usize,
    /// Nodes: a flowchart's nodes, a sequence diagram's participants, an ER
    /// diagram's entities, a pie's slices, a gantt's tasks, ...
    pub nodes: usize,
    /// Edges: a flowchart's edges, a sequence diagram's messages, an ER
    /// diagram's relationships.
    pub edges: usize,
    /// How deep containers nest: subgraphs, sequence blocks, mindmap levels.
    pub depth: usize,
    /// Characters in one label (markup such as `<br>` included).
    pub label_chars: usize,
}

impl Default for Limits {
    /// Many times the Atlas's largest diagrams (over its 4,238 blocks: 15.7 KB
    /// of text, 58 nodes, 67 edges, subgraphs 4 deep, a label of 277
    /// characters), and small enough that a diagram within all of them is
    /// drawn well under a second (`tests/bounded.rs`). 500 edges is also
    /// mermaid-js's own `maxEdges` for flowcharts (rule AR122).
    fn default() -> Self {
        Limits { input_bytes: 100_000, nodes: 1_000, edges: 500, depth: 32, label_chars: 2_000 }
    }
}

/// Which limit, for messages and the config key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    InputBytes,
    Nodes,
    Edges,
    Depth,
    LabelChars,
}

impl Limit {
    /// The key in `atlas-render.toml`'s `[limits]` table.
    pub fn key(self) -> &'static str {
        match self {
            Limit::InputBytes => "input_bytes",
            Limit::Nodes => "nodes",
            Limit::Edges => "edges",
            Limit::Depth => "depth",
            Limit::LabelChars => "label_chars",
        }
    }

    fn of(self, limits: &Limits) -> usize {
        match self {
            Limit::InputBytes => limits.input_bytes,
            Limit::Nodes => limits.nodes,
            Limit::Edges => limits.edges,
            Limit::Depth => limits.depth,
            Limit::LabelChars => limits.label_chars,
        }
    }
}

/// `n` with thousands separated by commas: `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The refusal of a diagram whose `what` passed `limit`: `value` is what it
/// has, `span` where the first element past the limit is written.
fn refusal(limits: &Limits, limit: Limit, what: String, value: usize, span: Range<usize>) -> Diagnostic {
    let key = limit.key();
    Diagnostic::error(CODE, span, format!("{what}: the limit is {} (limits.{key} in atlas-render.toml)", thousands(limit.of(limits))))
        .with_hint(format!("split the diagram, or raise the limit in atlas-render.toml: `[limits]` `{key} = {value}` (larger diagrams take longer to draw)"))
}

impl Limits {
    /// The refusal of a text over `input_bytes`, before it is parsed.
    pub fn check_input(&self, text: &str) -> Option<Diagnostic> {
        (text.len() > self.input_bytes).then(|| refusal(self, Limit::InputBytes, format!("the diagram is {} bytes long", thousands(text.len())), text.len(), 0..0))
    }
}

/// One count against one limit, and where the first element past it is.
#[derive(Debug, Clone, Default)]
struct Tally {
    value: usize,
    /// How many elements passed the limit (for depth: containers deeper).
    over: usize,
    first_over: Option<Range<usize>>,
}

impl Tally {
    /// Counts one more element; `over` when it passes the limit. With
    /// `earliest`, the span kept is the one written first, else the first
    /// one reported.
    fn count(&mut self, value: usize, over: bool, span: Range<usize>, earliest: bool) {
        self.value = self.value.max(value);
        if over {
            self.over += 1;
            if self.first_over.as_ref().is_none_or(|s| earliest && span.start < s.start) {
                self.first_over = Some(span);
            }
        }
    }
}

/// What a diagram's elements are called in a refusal: its nodes, edges and
/// nested containers (`("participants", "messages", "blocks")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nouns {
    pub nodes: &'static str,
    pub edges: &'static str,
    pub nested: &'static str,
}

impl Default for Nouns {
    fn default() -> Self {
        Nouns { nodes: "nodes", edges: "edges", nested: "subgraphs" }
    }
}

/// What a diagram holds, counted against the limits: a kind's
/// [`survey`](crate::diagrams::Definition::survey) reports each node, edge,
/// nested container and label to it, with the span it is written at
/// (`0..0` when the model does not keep one).
#[derive(Debug, Clone)]
pub struct Survey {
    limits: Limits,
    nouns: Nouns,
    nodes: Tally,
    edges: Tally,
    depth: Tally,
    /// How many containers were reported.
    containers: usize,
    label: Tally,
}

/// The figures a [`Survey`] counted: what the limits are compared with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub nodes: usize,
    pub edges: usize,
    /// The deepest container's depth (1: a container not inside another).
    pub depth: usize,
    /// The longest label, in characters.
    pub label_chars: usize,
}

impl Survey {
    pub fn new(limits: &Limits) -> Survey {
        Survey { limits: *limits, nouns: Nouns::default(), nodes: Tally::default(), edges: Tally::default(), depth: Tally::default(), containers: 0, label: Tally::default() }
    }

    /// What the kind calls its nodes, edges and containers.
    pub fn call(&mut self, nouns: Nouns) {
        self.nouns = nouns;
    }

    /// A node, written at `span`.
    pub fn node(&mut self, span: Range<usize>) {
        let n = self.nodes.value + 1;
        self.nodes.count(n, n > self.limits.nodes, span, false);
    }

    /// An edge, written at `span`.
    pub fn edge(&mut self, span: Range<usize>) {
        let n = self.edges.value + 1;
        self.edges.count(n, n > self.limits.edges, span, false);
    }

    /// A container (subgraph, block, ...) `depth` deep: 1 when it is inside
    /// no other.
    pub fn container(&mut self, depth: usize, span: Range<usize>) {
        self.containers += 1;
        self.depth.count(depth, depth > self.limits.depth, span, true);
    }

    /// A label (or title, or any text drawn as one), written at `span`.
    pub fn label(&mut self, text: &str, span: Range<usize>) {
        let chars = text.chars().count();
        self.label.count(chars, chars > self.limits.label_chars, span, true);
    }

    pub fn counts(&self) -> Counts {
        Counts { nodes: self.nodes.value, edges: self.edges.value, depth: self.depth.value, label_chars: self.label.value }
    }

    /// A refusal for each limit passed (nodes, edges, depth, label length,
    /// in that order); none when the diagram is within all of them.
    pub fn refusals(&self) -> Vec<Diagnostic> {
        let (l, n) = (&self.limits, &self.nouns);
        let span = |t: &Tally| t.first_over.clone().unwrap_or(0..0);
        let mut out = Vec::new();
        if self.nodes.over > 0 {
            out.push(refusal(l, Limit::Nodes, format!("{} {}", thousands(self.nodes.value), n.nodes), self.nodes.value, span(&self.nodes)));
        }
        if self.edges.over > 0 {
            out.push(refusal(l, Limit::Edges, format!("{} {}", thousands(self.edges.value), n.edges), self.edges.value, span(&self.edges)));
        }
        if self.depth.over > 0 {
            let what = format!("{} {} nested {} deep", thousands(self.containers), n.nested, thousands(self.depth.value));
            out.push(refusal(l, Limit::Depth, what, self.depth.value, span(&self.depth)));
        }
        if self.label.over > 0 {
            let what = match self.label.over {
                1 => format!("a label of {} characters", thousands(self.label.value)),
                k => format!("{} labels longer than the limit, the longest {} characters", thousands(k), thousands(self.label.value)),
            };
            out.push(refusal(l, Limit::LabelChars, what, self.label.value, span(&self.label)));
        }
        out
    }
}

/// The depth of each container of a list, in its order, from the members
/// each names (`(id, members)`): 1 for a container no other names, else
/// one more than the one naming it. Linear; a cycle counts once round.
pub fn nesting_depths<'a>(containers: impl Iterator<Item = (&'a str, &'a [String])>) -> Vec<usize> {
    let containers: Vec<(&str, &[String])> = containers.collect();
    let index: rustc_hash::FxHashMap<&str, usize> = containers.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let mut parent = vec![None; containers.len()];
    for (i, (_, members)) in containers.iter().enumerate() {
        for m in *members {
            if let Some(&child) = index.get(m.as_str()) {
                if child != i && parent[child].is_none() {
                    parent[child] = Some(i);
                }
            }
        }
    }
    depths(&parent)
}

/// The depth of each item of a tree given each one's parent: 1 for an item
/// with none, else one more than its parent's. Linear; a cycle counts once
/// round.
pub fn depths(parent: &[Option<usize>]) -> Vec<usize> {
    // 0: not known yet. Walk up from each to a known depth (or the top),
    // then give the chain its depths: every item is walked once.
    let mut depth = vec![0usize; parent.len()];
    let mut chain = Vec::new();
    for i in 0..parent.len() {
        let mut at = Some(i);
        while let Some(c) = at.filter(|&c| depth[c] == 0 && chain.len() <= parent.len()) {
            chain.push(c);
            at = parent[c];
        }
        let mut d = at.map_or(0, |c| depth[c]);
        for c in chain.drain(..).rev() {
            d += 1;
            depth[c] = d;
        }
    }
    depth
}

/// The `[limits]` table of `atlas-render.toml`; see [`crate::config`].
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct LimitsTable {
    input_bytes: Option<toml::Spanned<i64>>,
    nodes: Option<toml::Spanned<i64>>,
    edges: Option<toml::Spanned<i64>>,
    depth: Option<toml::Spanned<i64>>,
    label_chars: Option<toml::Spanned<i64>>,
}

impl LimitsTable {
    /// `base` with the limits the table gives; a value that is not a whole
    /// number of at least 1 is an error at its offset in the file.
    pub(crate) fn apply(self, base: Limits) -> Result<Limits, (usize, String)> {
        let mut limits = base;
        for (limit, value) in [(Limit::InputBytes, self.input_bytes), (Limit::Nodes, self.nodes), (Limit::Edges, self.edges), (Limit::Depth, self.depth), (Limit::LabelChars, self.label_chars)] {
            let Some(v) = value else { continue };
            let n = usize::try_from(*v.get_ref()).ok().filter(|&n| n >= 1).ok_or_else(|| (v.span().start, format!("limits.{}: `{}` is not a limit; write a whole number, 1 or more", limit.key(), v.get_ref())))?;
            match limit {
                Limit::InputBytes => limits.input_bytes = n,
                Limit::Nodes => limits.nodes = n,
                Limit::Edges => limits.edges = n,
                Limit::Depth => limits.depth = n,
                Limit::LabelChars => limits.label_chars = n,
            }
        }
        Ok(limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Limits {
        Limits { input_bytes: 100, nodes: 3, edges: 2, depth: 2, label_chars: 10 }
    }

    #[test]
    fn within_every_limit_nothing_is_refused() {
        let mut s = Survey::new(&small());
        for i in 0..3 {
            s.node(i..i + 1);
            s.label("ten chars!", i..i + 1);
        }
        s.edge(0..1);
        s.edge(1..2);
        s.container(1, 0..1);
        s.container(2, 1..2);
        assert!(s.refusals().is_empty());
        assert_eq!(s.counts(), Counts { nodes: 3, edges: 2, depth: 2, label_chars: 10 });
        assert!(small().check_input(&"x".repeat(100)).is_none());
    }

    #[test]
    fn nodes_and_edges_past_the_limit_point_at_the_first_one_past_it() {
        let mut s = Survey::new(&small());
        for i in 0..5 {
            s.node(i * 10..i * 10 + 1);
            s.edge(i * 10 + 5..i * 10 + 6);
        }
        let r = s.refusals();
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|d| d.code == CODE && d.is_error()));
        assert_eq!(r[0].message, "5 nodes: the limit is 3 (limits.nodes in atlas-render.toml)");
        assert_eq!(r[0].span, 30..31);
        assert_eq!(r[1].message, "5 edges: the limit is 2 (limits.edges in atlas-render.toml)");
        assert_eq!(r[1].span, 25..26);
        assert!(r[0].hint.as_deref().is_some_and(|h| h.contains("nodes = 5")), "{:?}", r[0].hint);
    }

    #[test]
    fn depth_names_the_containers_and_the_earliest_too_deep() {
        let mut s = Survey::new(&small());
        s.call(Nouns { nodes: "participants", edges: "messages", nested: "blocks" });
        // reported innermost first, as flowchart subgraphs are
        for (depth, at) in [(4, 40), (3, 30), (2, 20), (1, 10), (1, 50)] {
            s.container(depth, at..at + 1);
        }
        let r = s.refusals();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].message, "5 blocks nested 4 deep: the limit is 2 (limits.depth in atlas-render.toml)");
        assert_eq!(r[0].span, 30..31);
    }

    #[test]
    fn labels_count_characters_not_bytes() {
        let mut s = Survey::new(&small());
        s.label("éééééééééé", 0..1);
        assert!(s.refusals().is_empty(), "10 characters in 20 bytes");
        s.label("a<br>b<br>c<br>", 7..8);
        s.label("01234567890", 3..4);
        let r = s.refusals();
        assert_eq!(r[0].message, "2 labels longer than the limit, the longest 15 characters: the limit is 10 (limits.label_chars in atlas-render.toml)");
        assert_eq!(r[0].span, 3..4);
    }

    #[test]
    fn input_size_is_refused_before_anything_else() {
        let d = small().check_input(&"x".repeat(1234)).expect("refused");
        assert_eq!(d.message, "the diagram is 1,234 bytes long: the limit is 100 (limits.input_bytes in atlas-render.toml)");
        assert_eq!((d.code, d.span.clone()), (CODE, 0..0));
    }

    #[test]
    fn nesting_depths_follow_members_in_any_order() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // mermaid's order: inner first
        let (c, b, a, d) = (s(&["n1"]), s(&["c"]), s(&["b", "n2"]), s(&[]));
        assert_eq!(nesting_depths([("c", c.as_slice()), ("b", b.as_slice()), ("a", a.as_slice()), ("d", d.as_slice())].into_iter()), [3, 2, 1, 1]);
        // holders first
        assert_eq!(nesting_depths([("a", a.as_slice()), ("b", b.as_slice()), ("c", c.as_slice())].into_iter()), [1, 2, 3]);
        // a cycle ends
        let (x, y) = (s(&["y"]), s(&["x"]));
        assert!(nesting_depths([("x", x.as_slice()), ("y", y.as_slice())].into_iter()).iter().all(|&d| d <= 3));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
