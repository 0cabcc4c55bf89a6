//! Sequence diagrams: participants in order of first appearance, and the
//! diagram's items in the order mermaid-js keeps them (messages, notes,
//! activations, block starts, section dividers and block ends).

use crate::model::config::DiagramConfig;
use serde_json::{json, Value};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantKind {
    Participant,
    /// `actor`: drawn as a stick figure.
    Actor,
    /// mermaid 11's `participant X@{ "type": ... }` shapes.
    Boundary,
    Control,
    Entity,
    Database,
    Collections,
    Queue,
}

impl ParticipantKind {
    /// The kind a `type` names, if mermaid knows it.
    pub fn from_type(t: &str) -> Option<ParticipantKind> {
        Some(match t {
            "participant" => ParticipantKind::Participant,
            "actor" => ParticipantKind::Actor,
            "boundary" => ParticipantKind::Boundary,
            "control" => ParticipantKind::Control,
            "entity" => ParticipantKind::Entity,
            "database" => ParticipantKind::Database,
            "collections" => ParticipantKind::Collections,
            "queue" => ParticipantKind::Queue,
            _ => return None,
        })
    }

    /// mermaid's name of the kind.
    pub fn name(self) -> &'static str {
        match self {
            ParticipantKind::Participant => "participant",
            ParticipantKind::Actor => "actor",
            ParticipantKind::Boundary => "boundary",
            ParticipantKind::Control => "control",
            ParticipantKind::Entity => "entity",
            ParticipantKind::Database => "database",
            ParticipantKind::Collections => "collections",
            ParticipantKind::Queue => "queue",
        }
    }

    /// Drawn as a small figure with the label under it (not a box).
    pub fn has_figure(self) -> bool {
        matches!(self, ParticipantKind::Actor | ParticipantKind::Boundary | ParticipantKind::Control | ParticipantKind::Entity)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub id: String,
    /// The alias text (`participant A as Alice`), else the id.
    pub label: String,
    pub kind: ParticipantKind,
    /// Index into [`Sequence::boxes`] when declared inside `box ... end`.
    pub group: Option<usize>,
    /// Where the participant is first named.
    pub span: Range<usize>,
    /// `create participant`: the index of the message that creates it
    /// (its box is drawn there, not at the top).
    pub created_by: Option<usize>,
    /// `destroy`: the index of the message that destroys it (its lifeline
    /// ends there).
    pub destroyed_by: Option<usize>,
}

/// mermaid's message line types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineType {
    /// `->>`
    Solid,
    /// `-->>`
    Dotted,
    /// `->`
    SolidOpen,
    /// `-->`
    DottedOpen,
    /// `-x`
    SolidCross,
    /// `--x`
    DottedCross,
    /// `-)`
    SolidPoint,
    /// `--)`
    DottedPoint,
    /// `<<->>`
    BidirectionalSolid,
    /// `<<-->>`
    BidirectionalDotted,
}

impl LineType {
    pub fn mermaid_name(self) -> &'static str {
        match self {
            LineType::Solid => "SOLID",
            LineType::Dotted => "DOTTED",
            LineType::SolidOpen => "SOLID_OPEN",
            LineType::DottedOpen => "DOTTED_OPEN",
            LineType::SolidCross => "SOLID_CROSS",
            LineType::DottedCross => "DOTTED_CROSS",
            LineType::SolidPoint => "SOLID_POINT",
            LineType::DottedPoint => "DOTTED_POINT",
            LineType::BidirectionalSolid => "BIDIRECTIONAL_SOLID",
            LineType::BidirectionalDotted => "BIDIRECTIONAL_DOTTED",
        }
    }

    pub fn dotted(self) -> bool {
        matches!(self, LineType::Dotted | LineType::DottedOpen | LineType::DottedCross | LineType::DottedPoint | LineType::BidirectionalDotted)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotePlacement {
    LeftOf,
    RightOf,
    Over,
}

/// Kinds of block (`loop ... end` and the like).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Loop,
    Alt,
    Opt,
    Par,
    /// `par_over`: a `par` whose sections overlap in time.
    ParOver,
    Critical,
    Break,
    Rect,
}

impl BlockKind {
    /// The keyword, as the block's label tab shows it.
    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Loop => "loop",
            BlockKind::Alt => "alt",
            BlockKind::Opt => "opt",
            BlockKind::Par | BlockKind::ParOver => "par",
            BlockKind::Critical => "critical",
            BlockKind::Break => "break",
            BlockKind::Rect => "rect",
        }
    }

    fn mermaid_prefix(self) -> &'static str {
        match self {
            BlockKind::Loop => "LOOP",
            BlockKind::Alt => "ALT",
            BlockKind::Opt => "OPT",
            BlockKind::Par | BlockKind::ParOver => "PAR",
            BlockKind::Critical => "CRITICAL",
            BlockKind::Break => "BREAK",
            BlockKind::Rect => "RECT",
        }
    }

    /// The keyword that starts another section (`else`, `and`, `option`).
    pub fn section_keyword(self) -> Option<&'static str> {
        match self {
            BlockKind::Alt => Some("else"),
            BlockKind::Par | BlockKind::ParOver => Some("and"),
            BlockKind::Critical => Some("option"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `wrap` is set by a `wrap:` prefix on the text: mermaid-js then
    /// wraps it to fit between the participants.
    Message { from: usize, to: usize, line: LineType, text: String, wrap: bool, span: Range<usize> },
    Note { placement: NotePlacement, from: usize, to: usize, text: String, wrap: bool, span: Range<usize> },
    ActivateStart { actor: usize, span: Range<usize> },
    ActivateEnd { actor: usize, span: Range<usize> },
    /// `loop text`, `alt text`, ...; `rect` keeps its colour as the text.
    BlockStart { kind: BlockKind, text: String, span: Range<usize> },
    /// `else text`, `and text`, `option text`.
    BlockSection { kind: BlockKind, text: String, span: Range<usize> },
    BlockEnd { kind: BlockKind, span: Range<usize> },
    /// `autonumber [start [step]]` or `autonumber off`.
    Autonumber { start: Option<f64>, step: Option<f64>, visible: bool },
}

/// `box [colour] [title] ... end`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantBox {
    pub title: String,
    pub color: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sequence {
    pub participants: Vec<Participant>,
    pub items: Vec<Item>,
    pub boxes: Vec<ParticipantBox>,
    pub title: Option<String>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub config: DiagramConfig,
}

impl Sequence {
    pub fn participant(&self, id: &str) -> Option<usize> {
        self.participants.iter().position(|p| p.id == id)
    }

    /// mermaid-js's parse in the corpus shape (see `../shared/corpus/README.md`).
    pub fn to_mermaid_json(&self) -> Value {
        let id = |i: usize| Value::String(self.participants[i].id.clone());
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|it| match it {
                Item::Message { from, to, line, text, .. } => json!({"type": line.mermaid_name(), "from": id(*from), "to": id(*to), "text": text}),
                Item::Note { from, to, text, .. } => json!({"type": "NOTE", "from": id(*from), "to": id(*to), "text": text}),
                Item::ActivateStart { actor, .. } => json!({"type": "ACTIVE_START", "from": id(*actor), "to": null, "text": ""}),
                Item::ActivateEnd { actor, .. } => json!({"type": "ACTIVE_END", "from": id(*actor), "to": null, "text": ""}),
                Item::BlockStart { kind: BlockKind::ParOver, text, .. } => json!({"type": "PAR_OVER_START", "from": null, "to": null, "text": text}),
                Item::BlockStart { kind, text, .. } => json!({"type": format!("{}_START", kind.mermaid_prefix()), "from": null, "to": null, "text": text}),
                Item::BlockSection { kind, text, .. } => {
                    let t = match kind {
                        BlockKind::Alt => "ALT_ELSE",
                        BlockKind::Par | BlockKind::ParOver => "PAR_AND",
                        _ => "CRITICAL_OPTION",
                    };
                    json!({"type": t, "from": null, "to": null, "text": text})
                }
                Item::BlockEnd { kind, .. } => json!({"type": format!("{}_END", kind.mermaid_prefix()), "from": null, "to": null, "text": ""}),
                Item::Autonumber { .. } => json!({"type": "AUTONUMBER", "from": null, "to": null, "text": ""}),
            })
            .collect();
        json!({
            "kind": "sequence",
            "participants": self.participants.iter().map(|p| json!({
                "id": p.id,
                "label": p.label,
                "kind": p.kind.name(),
            })).collect::<Vec<_>>(),
            "items": items,
        })
    }
}
