//! The state diagram model: what a `stateDiagram-v2` says, as mermaid-js's
//! `StateDB` and `dataFetcher` resolve it (every `[*]` a start or end state
//! of its own composite, concurrent regions as states of their own, one node
//! per id wherever it is mentioned, a state's parent the last composite that
//! mentions it), independent of how it is drawn.

use crate::model::config::DiagramConfig;
use crate::model::Direction;
use crate::model::style::StyleDecls;
use serde_json::{json, Value};
use std::ops::Range;

/// What kind of node a state is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateKind {
    /// A plain state: a rounded box with its label (and descriptions).
    State,
    /// `[*]` as a transition's source: a filled dot.
    Start,
    /// `[*]` as a transition's target: a ringed dot.
    End,
    /// `<<fork>>` and `<<join>>`: bars.
    Fork,
    Join,
    /// `<<choice>>`: a small diamond.
    Choice,
    /// `state X { ... }`: a cluster holding its states.
    Composite,
    /// One of the concurrent regions (`--`) of a composite: a cluster.
    Region,
}

impl StateKind {
    /// The name `parse --json` gives the kind.
    pub fn name(self) -> &'static str {
        match self {
            StateKind::State => "state",
            StateKind::Start => "start",
            StateKind::End => "end",
            StateKind::Fork => "fork",
            StateKind::Join => "join",
            StateKind::Choice => "choice",
            StateKind::Composite => "composite",
            StateKind::Region => "region",
        }
    }

    /// Composites and regions are clusters; the rest are nodes.
    pub fn is_cluster(self) -> bool {
        matches!(self, StateKind::Composite | StateKind::Region)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub id: String,
    pub kind: StateKind,
    /// The text drawn as the state's name: its id, or its first
    /// description (`state "..." as id`, `id : ...`). Empty for start and
    /// end dots, forks, joins, choices and regions.
    pub label: String,
    /// Further descriptions, drawn under the name below a line.
    pub descriptions: Vec<String>,
    /// The composite or region holding the state (an index into `states`).
    pub parent: Option<usize>,
    /// A composite's or region's own `direction` (mermaid's default: TB).
    pub direction: Option<Direction>,
    /// Classes from `class` statements and `:::` (mermaid applies the ones
    /// written at the top level only).
    pub classes: Vec<String>,
    /// `style` declarations (the last `style` statement naming the state).
    pub styles: Vec<String>,
    /// Where the state is first mentioned (byte span of the source).
    pub span: Range<usize>,
}

/// A transition (`A --> B : label`).
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSide {
    Left,
    Right,
}

impl NoteSide {
    pub fn name(self) -> &'static str {
        match self {
            NoteSide::Left => "left of",
            NoteSide::Right => "right of",
        }
    }
}

/// `note left of X : text` or `note right of X ... end note`.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub state: usize,
    pub side: NoteSide,
    pub text: String,
    pub span: Range<usize>,
}

/// `classDef name decl,decl`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    pub name: String,
    pub styles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StateDiagram {
    pub config: DiagramConfig,
    /// `stateDiagram` (1) or `stateDiagram-v2` (2); both are drawn alike.
    pub version: u8,
    /// The top level's `direction` (TB unless a top-level statement says otherwise).
    pub direction: Direction,
    /// States in the order mermaid creates its nodes.
    pub states: Vec<State>,
    pub transitions: Vec<Transition>,
    pub notes: Vec<Note>,
    pub class_defs: Vec<ClassDef>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
}

impl StateDiagram {
    pub fn state(&self, id: &str) -> Option<&State> {
        self.states.iter().find(|s| s.id == id)
    }

    /// How deep a state is nested (0 at the top level).
    pub fn depth(&self, i: usize) -> usize {
        let mut d = 0;
        let mut k = self.states[i].parent;
        while let Some(p) = k {
            d += 1;
            k = self.states[p].parent;
            if d > self.states.len() {
                break;
            }
        }
        d
    }

    /// The style a state is drawn with: its classes' declarations in
    /// order, then its `style` statement's.
    pub fn style_of(&self, s: &State) -> StyleDecls {
        let mut decls = StyleDecls::default();
        for c in &s.classes {
            if let Some(def) = self.class_defs.iter().find(|d| &d.name == c) {
                for item in &def.styles {
                    decls.apply(item);
                }
            }
        }
        for item in &s.styles {
            decls.apply(item);
        }
        decls
    }

    /// The model in the spirit of `parse --json` for flowcharts.
    pub fn to_mermaid_json(&self) -> Value {
        let id = |i: Option<usize>| i.map(|i| Value::String(self.states[i].id.clone())).unwrap_or(Value::Null);
        let dir = |d: Direction| d.name();
        let states: Vec<Value> = self
            .states
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "kind": s.kind.name(),
                    "label": s.label,
                    "descriptions": s.descriptions,
                    "parent": id(s.parent),
                    "direction": s.direction.map(dir),
                    "classes": s.classes,
                    "styles": s.styles,
                })
            })
            .collect();
        let transitions: Vec<Value> = self
            .transitions
            .iter()
            .map(|t| json!({"from": self.states[t.from].id, "to": self.states[t.to].id, "label": t.label}))
            .collect();
        let notes: Vec<Value> = self.notes.iter().map(|n| json!({"state": self.states[n.state].id, "position": n.side.name(), "text": n.text})).collect();
        let mut class_defs = serde_json::Map::new();
        for c in &self.class_defs {
            class_defs.insert(c.name.clone(), json!(c.styles));
        }
        json!({
            "kind": "state",
            "version": self.version,
            "direction": dir(self.direction),
            "states": states,
            "transitions": transitions,
            "notes": notes,
            "classDefs": class_defs,
            "accTitle": self.acc_title,
            "accDescr": self.acc_descr,
            "title": self.config.title,
        })
    }
}
