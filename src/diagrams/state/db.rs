//! mermaid-js's `StateDB` and `dataFetcher`: the statement tree of
//! [`super::parse`] resolved into the [`StateDiagram`] model, as mermaid
//! resolves it before drawing:
//!
//! - `docTranslator`: each `[*]` becomes `<parent>_start` (as a transition's
//!   source) or `<parent>_end` (as its target), one pair per composite or
//!   region; a composite's statements are cut at each `--` into regions.
//! - `extract`: the top-level statements only fill the class and style
//!   tables (`classDef`, `class`, `style`, and `:::` in transitions); those
//!   written inside a composite are never read.
//! - `dataFetcher`: one node per id, in the order of first mention, depth
//!   first; a state's parent is the last composite that mentions it; its
//!   label is its id, or its descriptions (the first as its name).
//!
//! What mermaid refuses only here (while extracting or drawing) is reported:
//!
//! | code  | cause |
//! |-------|-------|
//! | AR808 | a composite state with two or more descriptions ("Group nodes can only have label") |
//! | AR809 | a composite state inside itself, directly or not ("would create a cycle") |
//! | AR810 | a composite state or concurrent region with no state in it ("No such shape") |

use super::model::{ClassDef, Note, NoteSide, State, StateDiagram, StateKind, Transition};
use super::parse::{StateStmt, Stmt, StmtKind};
use crate::diagnostics::Diagnostic;
use crate::model::Direction;
use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, Prepared};
use std::collections::HashMap;
use std::ops::Range;

/// The model and what mermaid would refuse in it.
pub struct Built {
    pub diagram: StateDiagram,
    pub diagnostics: Vec<Diagnostic>,
}

/// A node as `dataFetcher` builds it.
#[derive(Debug, Clone)]
struct Node {
    id: String,
    shape: Shape,
    /// mermaid's `description`: the id, one text, or a list.
    label: Label,
    group: bool,
    /// A divider (region) node: from a `--`.
    divider: bool,
    dir: Option<Direction>,
    parent: Option<String>,
    classes: Vec<String>,
    styles: Vec<String>,
    span: Range<usize>,
    /// Spans of the statements that described it.
    described_at: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Rect,
    Start,
    End,
    Fork,
    Join,
    Choice,
    Divider,
}

#[derive(Debug, Clone, PartialEq)]
enum Label {
    One(String),
    List(Vec<String>),
}

/// The class and style tables of `extract`.
#[derive(Default)]
struct Tables {
    classes: HashMap<String, Vec<String>>,
    styles: HashMap<String, Vec<String>>,
    class_defs: Vec<ClassDef>,
}

struct Fetch<'a> {
    tables: &'a Tables,
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
    edges: Vec<(String, String, Option<String>, Range<usize>)>,
    notes: Vec<(String, NoteSide, String, Range<usize>)>,
}

/// Resolves a parsed document into the model.
pub fn build(mut doc: Vec<Stmt>, prep: &Prepared, header: &Header, version: u8, acc_title: Option<String>, acc_descr: Option<String>) -> Built {
    let mut next_divider = count_dividers(&doc) + 1;
    translate_doc("root", &mut doc, &mut next_divider);
    let tables = extract(&doc);
    let mut f = Fetch { tables: &tables, nodes: Vec::new(), index: HashMap::new(), edges: Vec::new(), notes: Vec::new() };
    f.doc(None, &doc);
    let mut diags = Vec::new();
    let orig = |span: &Range<usize>| prep.orig_span(span.clone());

    // Labels: a list is a name and descriptions; a composite has a name only.
    let mut states: Vec<State> = Vec::with_capacity(f.nodes.len());
    for n in &f.nodes {
        let (label, descriptions) = match &n.label {
            Label::One(s) => (s.clone(), Vec::new()),
            Label::List(l) => (l.first().cloned().unwrap_or_default(), l[1.min(l.len())..].to_vec()),
        };
        if n.group && !descriptions.is_empty() {
            let at = n.described_at.get(1).or(n.described_at.first()).unwrap_or(&n.span);
            diags.push(
                Diagnostic::error("AR808", orig(at), format!("the composite state `{}` has more than one description: mermaid-js refuses it (\"Group nodes can only have label\")", n.id))
                    .with_hint("a composite state shows one name: keep one `state \"name\" as Id {` or one `Id : name`"),
            );
        }
        let kind = match (n.shape, n.group) {
            (_, true) if n.divider => StateKind::Region,
            (_, true) => StateKind::Composite,
            (Shape::Start, _) => StateKind::Start,
            (Shape::End, _) => StateKind::End,
            (Shape::Fork, _) => StateKind::Fork,
            (Shape::Join, _) => StateKind::Join,
            (Shape::Choice, _) => StateKind::Choice,
            (Shape::Divider, _) => StateKind::Region,
            (Shape::Rect, _) => StateKind::State,
        };
        let unlabelled = matches!(kind, StateKind::Start | StateKind::End | StateKind::Fork | StateKind::Join | StateKind::Choice | StateKind::Region);
        let tidy = |s: &str| decode_codes(s.trim());
        states.push(State {
            id: n.id.clone(),
            kind,
            label: if unlabelled { String::new() } else { tidy(&label) },
            descriptions: if unlabelled { Vec::new() } else { descriptions.iter().map(|d| tidy(d)).collect() },
            parent: None,
            direction: if n.group { Some(n.dir.unwrap_or(Direction::TB)) } else { None },
            classes: n.classes.clone(),
            styles: n.styles.clone(),
            span: orig(&n.span),
        });
    }
    // Parents, cycles broken where mermaid's graph library refuses them.
    let mut lost_child = vec![false; f.nodes.len()];
    for (i, n) in f.nodes.iter().enumerate() {
        let Some(p) = n.parent.as_ref().and_then(|p| f.index.get(p)).copied() else { continue };
        let mut k = Some(p);
        let mut cycle = false;
        let mut steps = 0;
        while let Some(a) = k {
            if a == i {
                cycle = true;
                break;
            }
            k = states[a].parent;
            steps += 1;
            if steps > states.len() {
                break;
            }
        }
        if cycle {
            diags.push(
                Diagnostic::error("AR809", orig(&n.span), format!("`{}` would be inside `{}`, which is inside it: mermaid-js refuses the cycle", f.nodes[p].id, n.id))
                    .with_hint("a composite state cannot hold itself or a composite that holds it; give the inner state another id"),
            );
            lost_child[p] = true;
            continue;
        }
        states[i].parent = Some(p);
    }
    // Composites and regions with nothing in them.
    for (i, n) in f.nodes.iter().enumerate() {
        let empty_group = n.group && !lost_child[i] && !states.iter().any(|s| s.parent == Some(i));
        let stray_divider = !n.group && n.shape == Shape::Divider;
        if empty_group || stray_divider {
            let what = if n.divider || stray_divider { "a concurrent region" } else { "the composite state" };
            let name = if n.divider || stray_divider { String::new() } else { format!(" `{}`", n.id) };
            diags.push(
                Diagnostic::error("AR810", orig(&n.span), format!("{what}{name} holds no state: mermaid-js cannot draw it (\"No such shape\")"))
                    .with_hint(if n.divider || stray_divider { "`--` goes between two regions, each with a state in it: remove a leading, trailing or doubled `--`" } else { "put a state in it, or write the state without `{ }`" }),
            );
        }
    }
    let index = |id: &str| f.index.get(id).copied();
    let transitions = f
        .edges
        .iter()
        .filter_map(|(a, b, label, span)| {
            Some(Transition { from: index(a)?, to: index(b)?, label: label.as_ref().map(|l| decode_codes(l.trim())).filter(|l| !l.is_empty()), span: orig(span) })
        })
        .collect();
    let notes = f.notes.iter().filter_map(|(id, side, text, span)| Some(Note { state: index(id)?, side: *side, text: decode_codes(text.trim()), span: orig(span) })).collect();
    let diagram = StateDiagram {
        config: header.config.clone(),
        version,
        direction: dir_of(&doc).unwrap_or(Direction::TB),
        states,
        transitions,
        notes,
        class_defs: tables.class_defs.clone(),
        acc_title: acc_title.map(|t| decode_codes(&t)),
        acc_descr: acc_descr.map(|t| decode_codes(&t)),
    };
    Built { diagram, diagnostics: diags }
}

fn count_dividers(doc: &[Stmt]) -> usize {
    doc.iter()
        .map(|s| match s {
            Stmt::State(st) => (st.kind == StmtKind::Divider) as usize + st.doc.as_deref().map_or(0, count_dividers),
            _ => 0,
        })
        .sum()
}

/// mermaid's `getDir`: the last `direction` of a document.
fn dir_of(doc: &[Stmt]) -> Option<Direction> {
    doc.iter().rev().find_map(|s| match s {
        Stmt::Direction(d, _) => Some(*d),
        _ => None,
    })
}

/// mermaid's `docTranslator` over a document whose parent is `parent`.
fn translate_doc(parent: &str, doc: &mut [Stmt], next_divider: &mut usize) {
    for s in doc.iter_mut() {
        match s {
            Stmt::Relation { from, to, .. } => {
                translate_state(parent, from, true, next_divider);
                translate_state(parent, to, false, next_divider);
            }
            Stmt::State(st) => translate_state(parent, st, true, next_divider),
            _ => {}
        }
    }
}

fn translate_state(parent: &str, st: &mut StateStmt, first: bool, next_divider: &mut usize) {
    if st.id == "[*]" {
        st.id = format!("{parent}{}", if first { "_start" } else { "_end" });
        st.start = Some(first);
    } else {
        st.id = st.id.trim().to_string();
    }
    let Some(doc) = st.doc.take() else { return };
    // Regions: the statements before each `--` are a region of their own,
    // and the rest another one when anything is left.
    let mut regions: Vec<Stmt> = Vec::new();
    let mut current: Vec<Stmt> = Vec::new();
    for s in &doc {
        match s {
            Stmt::State(d) if d.kind == StmtKind::Divider => {
                let mut region = d.clone();
                region.doc = Some(std::mem::take(&mut current));
                regions.push(Stmt::State(region));
            }
            other => current.push(other.clone()),
        }
    }
    let mut doc = if !regions.is_empty() && !current.is_empty() {
        let span = match regions.last() {
            Some(Stmt::State(r)) => r.span.clone(),
            _ => st.span.clone(),
        };
        let mut last = StateStmt { id: format!("divider-id-{next_divider}"), kind: StmtKind::Divider, descriptions: Vec::new(), doc: Some(current), note: None, classes: Vec::new(), start: None, span };
        *next_divider += 1;
        last.start = None;
        regions.push(Stmt::State(last));
        regions
    } else {
        // mermaid keeps the document as it was (a trailing `--` stays a bare divider).
        doc
    };
    let id = st.id.clone();
    translate_doc(&id, &mut doc, next_divider);
    st.doc = Some(doc);
}

/// mermaid's `extract` over the top-level statements: classes and styles.
fn extract(doc: &[Stmt]) -> Tables {
    let mut t = Tables::default();
    let ensure = |t: &mut Tables, id: &str| {
        t.classes.entry(id.to_string()).or_default();
    };
    for s in doc {
        match s {
            Stmt::Relation { from, to, .. } => {
                for x in [from, to] {
                    ensure(&mut t, &x.id);
                    for c in &x.classes {
                        t.classes.entry(x.id.clone()).or_default().push(c.clone());
                    }
                }
            }
            Stmt::ClassDef { name, styles, .. } => {
                let items: Vec<String> = styles.split(',').map(|a| a.replacen(';', "", 1).trim().to_string()).collect();
                match t.class_defs.iter_mut().find(|c| &c.name == name) {
                    Some(c) => c.styles.extend(items),
                    None => t.class_defs.push(ClassDef { name: name.clone(), styles: items }),
                }
            }
            Stmt::Style { ids, styles, .. } => {
                let items: Vec<String> = styles.split(',').map(|a| a.replace(';', "").trim().to_string()).collect();
                for id in ids.split(',') {
                    t.styles.insert(id.trim().to_string(), items.clone());
                }
            }
            Stmt::ApplyClass { ids, class, .. } => {
                for id in ids.split(',') {
                    t.classes.entry(id.trim().to_string()).or_default().push(class.clone());
                }
            }
            _ => {}
        }
    }
    t
}

impl Fetch<'_> {
    fn doc(&mut self, parent: Option<&StateStmt>, doc: &[Stmt]) {
        for s in doc {
            match s {
                Stmt::State(st) => self.item(parent, st),
                Stmt::Relation { from, to, label, span } => {
                    self.item(parent, from);
                    self.item(parent, to);
                    self.edges.push((from.id.clone(), to.id.clone(), label.clone(), span.clone()));
                }
                _ => {}
            }
        }
    }

    /// mermaid's `dataFetcher` for one statement.
    fn item(&mut self, parent: Option<&StateStmt>, st: &StateStmt) {
        let id = st.id.clone();
        let i = match self.index.get(&id) {
            Some(&i) => i,
            None => {
                let shape = match (st.kind, st.start) {
                    (StmtKind::Fork, _) => Shape::Fork,
                    (StmtKind::Join, _) => Shape::Join,
                    (StmtKind::Choice, _) => Shape::Choice,
                    (StmtKind::Divider, _) => Shape::Divider,
                    (_, Some(true)) => Shape::Start,
                    (_, Some(false)) => Shape::End,
                    _ => Shape::Rect,
                };
                self.nodes.push(Node {
                    id: id.clone(),
                    shape,
                    label: Label::One(id.clone()),
                    group: false,
                    divider: false,
                    dir: None,
                    parent: None,
                    classes: self.tables.classes.get(&id).cloned().unwrap_or_default(),
                    styles: self.tables.styles.get(&id).cloned().unwrap_or_default(),
                    span: st.span.clone(),
                    described_at: Vec::new(),
                });
                self.index.insert(id.clone(), self.nodes.len() - 1);
                self.nodes.len() - 1
            }
        };
        let n = &mut self.nodes[i];
        if !st.descriptions.is_empty() {
            n.described_at.push(st.span.clone());
            let added: Vec<String> = st.descriptions.clone();
            n.label = match std::mem::replace(&mut n.label, Label::One(String::new())) {
                Label::List(mut l) => {
                    l.extend(added);
                    Label::List(l)
                }
                Label::One(old) if !old.is_empty() => {
                    if old == id {
                        Label::List(added)
                    } else {
                        let mut l = vec![old];
                        l.extend(added);
                        Label::List(l)
                    }
                }
                Label::One(_) => Label::List(added),
            };
        }
        if !n.group && st.doc.is_some() {
            n.group = true;
            n.divider = st.kind == StmtKind::Divider;
            n.dir = Some(st.doc.as_deref().and_then(dir_of).unwrap_or(Direction::TB));
        }
        if let Some(p) = parent {
            n.parent = Some(p.id.clone());
        }
        if let Some(note) = &st.note {
            self.notes.push((id.clone(), note.side, note.text.clone(), note.span.clone()));
        }
        if let Some(doc) = &st.doc {
            self.doc(Some(st), doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagrams::state::model::{StateDiagram, StateKind};
    use crate::diagrams::Diagram;

    fn model(text: &str) -> StateDiagram {
        match crate::diagrams::parse(text).diagram {
            Some(Diagram::State(s)) => s,
            other => panic!("not a state diagram: {other:?}"),
        }
    }

    fn ids(d: &StateDiagram) -> Vec<(&str, StateKind, Option<&str>)> {
        d.states.iter().map(|s| (s.id.as_str(), s.kind, s.parent.map(|p| d.states[p].id.as_str()))).collect()
    }

    #[test]
    fn start_and_end_belong_to_their_composite() {
        let d = model("stateDiagram-v2\n[*] --> A\nstate A {\n  [*] --> x\n  x --> [*]\n}\nA --> [*]\n");
        assert_eq!(
            ids(&d),
            [
                ("root_start", StateKind::Start, None),
                ("A", StateKind::Composite, None),
                ("A_start", StateKind::Start, Some("A")),
                ("x", StateKind::State, Some("A")),
                ("A_end", StateKind::End, Some("A")),
                ("root_end", StateKind::End, None),
            ]
        );
        assert_eq!(d.transitions.len(), 4);
    }

    #[test]
    fn regions_split_a_composite_at_each_divider() {
        let d = model("stateDiagram-v2\nstate A {\n  [*] --> x\n  --\n  [*] --> y\n  --\n  z\n}\n");
        let regions: Vec<&str> = d.states.iter().filter(|s| s.kind == StateKind::Region).map(|s| s.id.as_str()).collect();
        assert_eq!(regions, ["divider-id-1", "divider-id-2", "divider-id-3"]);
        assert!(d.states.iter().filter(|s| s.kind == StateKind::Region).all(|s| d.states[s.parent.unwrap()].id == "A"));
        assert_eq!(d.state("divider-id-1_start").map(|s| d.states[s.parent.unwrap()].id.as_str()), Some("divider-id-1"));
        assert_eq!(d.state("z").map(|s| d.states[s.parent.unwrap()].id.as_str()), Some("divider-id-3"));
    }

    #[test]
    fn labels_from_descriptions() {
        let d = model("stateDiagram-v2\nstate \"Long name\" as L\nL --> M\nM : one\nM : two\nN : only\nN --> L\n");
        let l = d.state("L").unwrap();
        assert_eq!((l.label.as_str(), l.descriptions.len()), ("Long name", 0));
        let m = d.state("M").unwrap();
        assert_eq!((m.label.as_str(), m.descriptions.clone()), ("one", vec!["two".to_string()]));
        assert_eq!(d.state("N").unwrap().label, "only");
    }

    #[test]
    fn the_last_composite_naming_a_state_holds_it() {
        let d = model("stateDiagram-v2\nA --> B\nstate C {\n  B --> x\n}\n");
        assert_eq!(d.state("B").and_then(|b| b.parent).map(|p| d.states[p].id.as_str()), Some("C"));
    }

    #[test]
    fn classes_apply_from_the_top_level_only() {
        let d = model("stateDiagram-v2\nclassDef hot fill:#f00,color:white\nA:::hot --> B\nclass B hot\nstate C {\n  x:::hot --> y\n  class y hot\n}\nstyle A stroke:#00f\n");
        assert_eq!(d.state("A").unwrap().classes, ["hot"]);
        assert_eq!(d.state("B").unwrap().classes, ["hot"]);
        assert!(d.state("x").unwrap().classes.is_empty());
        assert!(d.state("y").unwrap().classes.is_empty());
        let a = d.style_of(d.state("A").unwrap());
        assert_eq!((a.fill.as_deref(), a.stroke.as_deref(), a.color.as_deref()), (Some("#f00"), Some("#00f"), Some("white")));
    }

    #[test]
    fn notes_directions_and_kinds() {
        let d = model("stateDiagram-v2\ndirection LR\nstate f <<fork>>\nstate j <<join>>\nstate c <<choice>>\nf --> j\nj --> c\nnote left of f : left\nnote right of c\n  two\n  lines\nend note\nstate K {\n  direction BT\n  a --> b\n}\n");
        assert_eq!(d.direction, crate::model::Direction::LR);
        assert_eq!(d.state("f").unwrap().kind, StateKind::Fork);
        assert_eq!(d.state("j").unwrap().kind, StateKind::Join);
        assert_eq!(d.state("c").unwrap().kind, StateKind::Choice);
        assert_eq!(d.state("K").unwrap().direction, Some(crate::model::Direction::BT));
        assert_eq!(d.notes.len(), 2);
        assert_eq!(d.notes[1].text, "two\n  lines");
    }

    #[test]
    fn what_mermaid_refuses_after_parsing() {
        let first = |t: &str| crate::diagrams::parse(t).first_error().map(|d| d.code);
        assert_eq!(first("stateDiagram-v2\nstate A {\n  x\n}\nA : one\nA : two\n"), Some("AR808"));
        assert_eq!(first("stateDiagram-v2\nstate A {\n  A --> B\n}\n"), Some("AR809"));
        assert_eq!(first("stateDiagram-v2\nstate A {\n  state B {\n    A --> x\n  }\n}\n"), Some("AR809"));
        assert_eq!(first("stateDiagram-v2\nstate A {\n}\n"), Some("AR810"));
        assert_eq!(first("stateDiagram-v2\nstate A {\n  x\n  --\n}\n"), Some("AR810"));
        assert_eq!(first("stateDiagram-v2\nstate A {\n  x\n}\nA : one\n"), None);
    }
}
