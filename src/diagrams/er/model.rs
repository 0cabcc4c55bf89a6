//! An entity-relationship diagram: entities with attribute tables,
//! relationships with a cardinality at each end, subgraphs, classes.

use crate::model::config::DiagramConfig;
use crate::model::Direction;
use serde_json::json;
use std::ops::Range;

/// How many of an entity one end of a relationship allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    ZeroOrOne,
    ZeroOrMore,
    OneOrMore,
    OnlyOne,
    /// `u`: a parent in a hierarchy (drawn with no marker, as mermaid).
    MdParent,
}

impl Cardinality {
    /// mermaid's name (`ZERO_OR_ONE`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Cardinality::ZeroOrOne => "ZERO_OR_ONE",
            Cardinality::ZeroOrMore => "ZERO_OR_MORE",
            Cardinality::OneOrMore => "ONE_OR_MORE",
            Cardinality::OnlyOne => "ONLY_ONE",
            Cardinality::MdParent => "MD_PARENT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attribute {
    /// The type as written (`varchar(255)`, `List~int~`).
    pub ty: String,
    pub name: String,
    /// `PK`, `FK`, `UK`, as written.
    pub keys: Vec<String>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entity {
    pub name: String,
    /// `name[Alias]`: the alias is drawn in place of the name.
    pub alias: Option<String>,
    pub attributes: Vec<Attribute>,
    /// Classes from `:::a,b` and `class` statements.
    pub classes: Vec<String>,
    /// `style` declarations (`fill:#f9f`).
    pub styles: Vec<String>,
    /// Where the entity is first written.
    pub span: Range<usize>,
}

impl Entity {
    /// The text in the entity's header.
    pub fn title(&self) -> &str {
        self.alias.as_deref().filter(|a| !a.is_empty()).unwrap_or(&self.name)
    }
}

/// One end of a relationship: an entity or a subgraph (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndRef {
    Entity(usize),
    Subgraph(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Relationship {
    pub from: EndRef,
    pub to: EndRef,
    pub label: String,
    /// The cardinality written next to `from` (mermaid's `cardB`, drawn at the path's start).
    pub from_card: Cardinality,
    /// The cardinality written next to `to` (mermaid's `cardA`, at its end).
    pub to_card: Cardinality,
    /// `--` (solid line) rather than `..` (dashed).
    pub identifying: bool,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subgraph {
    pub id: String,
    pub title: String,
    /// Entity names and nested subgraph ids, each in one subgraph only.
    pub members: Vec<String>,
    pub direction: Option<Direction>,
    pub classes: Vec<String>,
    pub styles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErDiagram {
    /// In order of first mention (mermaid's entity map), subgraph ids excluded.
    pub entities: Vec<Entity>,
    pub relationships: Vec<Relationship>,
    /// In the order their `end` was read (inner subgraphs first).
    pub subgraphs: Vec<Subgraph>,
    /// `classDef name styles`.
    pub class_defs: Vec<(String, Vec<String>)>,
    pub direction: Direction,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub config: DiagramConfig,
}

impl ErDiagram {
    pub fn entity(&self, name: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.name == name)
    }

    pub fn subgraph(&self, id: &str) -> Option<usize> {
        self.subgraphs.iter().position(|s| s.id == id)
    }

    fn end_name(&self, end: EndRef) -> &str {
        match end {
            EndRef::Entity(i) => &self.entities[i].name,
            EndRef::Subgraph(i) => &self.subgraphs[i].id,
        }
    }

    /// The model in the shape of a mermaid-js parse: `{"kind":"er",
    /// "direction", "entities":[{"name","alias","attributes":[{"type","name",
    /// "keys","comment"}]}], "relationships":[{"from","to","label","fromCard",
    /// "toCard","identifying"}], "subgraphs":[{"id","title","members"}]}`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        json!({
            "kind": "er",
            "direction": format!("{:?}", self.direction),
            "entities": self.entities.iter().map(|e| json!({
                "name": e.name,
                "alias": e.alias.clone().unwrap_or_default(),
                "attributes": e.attributes.iter().map(|a| json!({"type": a.ty, "name": a.name, "keys": a.keys, "comment": a.comment})).collect::<Vec<_>>(),
                "classes": e.classes,
            })).collect::<Vec<_>>(),
            "relationships": self.relationships.iter().map(|r| json!({
                "from": self.end_name(r.from),
                "to": self.end_name(r.to),
                "label": r.label,
                "fromCard": r.from_card.name(),
                "toCard": r.to_card.name(),
                "identifying": r.identifying,
            })).collect::<Vec<_>>(),
            "subgraphs": self.subgraphs.iter().map(|s| json!({"id": s.id, "title": s.title, "members": s.members})).collect::<Vec<_>>(),
        })
    }
}
