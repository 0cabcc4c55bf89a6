//! The erDiagram parser: mermaid-js 11.17's `erDiagram.jison` grammar (as
//! productions for [`crate::parse::lalr`], in mermaid's order) over the
//! [`super::lex`] tokens, with its database's rules (`ErDB`): entities in
//! order of first mention, an alias kept from its first `[...]`, subgraph
//! members unique across subgraphs, a relationship naming a subgraph drawn
//! to the subgraph's border.

use super::lex::{Lexed, Lexer, T};
use super::model::{Attribute, Cardinality, EndRef, Entity, ErDiagram, Relationship, Subgraph};
use crate::diagnostics::Diagnostic;
use crate::diagrams::lr::{self, Failure, Tok};
use crate::model::Direction;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::parse::lalr::Tables;
#[cfg(test)]
use crate::parse::lalr::{self, GrammarSpec};
use crate::parse::prep::{prepare, Prepared};
use crate::diagrams::ParseOutcome;
use std::collections::HashMap;
use std::ops::Range;

/// `erDiagram.jison`'s grammar (mermaid 11.17). `=> tag` names the action.
pub const GRAMMAR: &str = r#"
start : ER_DIAGRAM document EOF ;
document : => doc_empty | document line => doc_push ;
line : statement | NEWLINE => none | EOF => none ;
statement : entityName relSpec entityName COLON role => rel
    | entityName STYLE_SEPARATOR idList relSpec entityName STYLE_SEPARATOR idList COLON role => rel_cc
    | entityName STYLE_SEPARATOR idList relSpec entityName COLON role => rel_ca
    | entityName relSpec entityName STYLE_SEPARATOR idList COLON role => rel_cb
    | entityName BLOCK_START attributes BLOCK_STOP => ent_attrs
    | entityName STYLE_SEPARATOR idList BLOCK_START attributes BLOCK_STOP => ent_c_attrs
    | entityName BLOCK_START BLOCK_STOP => ent_empty
    | entityName STYLE_SEPARATOR idList BLOCK_START BLOCK_STOP => ent_c_empty
    | entityName => ent
    | entityName STYLE_SEPARATOR idList => ent_c
    | entityName SQS entityName SQE BLOCK_START attributes BLOCK_STOP => al_attrs
    | entityName SQS entityName SQE STYLE_SEPARATOR idList BLOCK_START attributes BLOCK_STOP => al_c_attrs
    | entityName SQS entityName SQE BLOCK_START BLOCK_STOP => al_empty
    | entityName SQS entityName SQE STYLE_SEPARATOR idList BLOCK_START BLOCK_STOP => al_c_empty
    | entityName SQS entityName SQE => al
    | entityName SQS entityName SQE STYLE_SEPARATOR idList => al_c
    | title title_value => none
    | acc_title acc_title_value => acc_title
    | acc_descr acc_descr_value => acc_descr
    | acc_descr_multiline_value => acc_multi
    | direction => direction
    | classDefStatement => none
    | classStatement => none
    | styleStatement => none
    | subgraphHeader document END => subgraph ;
subgraphHeader : SUBGRAPH entityName separator => sg_head
    | SUBGRAPH entityName SQS subgraphTitle SQE separator => sg_head_title ;
subgraphTitle : entityName | subgraphTitle entityName => words ;
direction : direction_tb => dir_tb | direction_bt => dir_bt | direction_rl => dir_rl | direction_lr => dir_lr ;
classDefStatement : CLASSDEF idList stylesOpt separator => class_def ;
idList : UNICODE_TEXT => item | STYLE_TEXT => item | idList COMMA UNICODE_TEXT => items | idList COMMA STYLE_TEXT => items ;
classStatement : CLASS idList idList => class_stmt ;
styleStatement : STYLE idList stylesOpt separator => style_stmt ;
stylesOpt : style => list | stylesOpt COMMA style => list_push ;
style : styleComponent => text | style styleComponent => glue ;
separator : SEMI | NEWLINE | EOF ;
styleComponent : STYLE_TEXT | NUM | COLON | BRKT ;
entityName : ENTITY_NAME => unquote | UNICODE_TEXT => text | NUM => text | DECIMAL_NUM => text | ENTITY_ONE => text ;
attributes : attribute => attrs | attribute attributes => attrs_push ;
attribute : attributeType attributeName => attr
    | attributeType attributeName attributeKeyTypeList => attr_k
    | attributeType attributeName attributeComment => attr_c
    | attributeType attributeName attributeKeyTypeList attributeComment => attr_kc ;
attributeType : ATTRIBUTE_WORD => text | ATTRIBUTE_WORD ? => glue_tokens ;
attributeName : ATTRIBUTE_WORD => text ;
attributeKeyTypeList : attributeKeyType => list | attributeKeyTypeList , attributeKeyType => list_push_3 ;
attributeKeyType : ATTRIBUTE_KEY => text ;
attributeComment : COMMENT => unquote ;
relSpec : cardinality relType cardinality => rel_spec ;
cardinality : ZERO_OR_ONE => c_zero_one | ZERO_OR_MORE => c_zero_more | ONE_OR_MORE => c_one_more | ONLY_ONE => c_one | MD_PARENT => c_parent ;
relType : NON_IDENTIFYING => non_identifying | IDENTIFYING => identifying ;
role : WORD => unquote | ENTITY_NAME => unquote | UNICODE_TEXT => text ;
"#;

/// The tables, thawed once from their frozen form (`tables.rs`, which a
/// test checks against the grammar): building them would cost more than
/// drawing a small diagram.
pub fn tables() -> &'static Tables {
    super::tables::FROZEN.tables()
}

/// The tables built from the grammar text.
#[cfg(test)]
fn built_tables() -> Tables {
    let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
    lalr::build(&GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize })
}

/// Values on the parser's stack.
#[derive(Debug, Clone, Default)]
enum V {
    #[default]
    None,
    S(String),
    List(Vec<String>),
    Attrs(Vec<Attribute>),
    Attr(Attribute),
    Card(Cardinality),
    Identifying(bool),
    Spec(Cardinality, bool, Cardinality),
    Dir(Direction),
    /// What a statement gives its subgraph: entity names, a direction.
    Items(Vec<Item>),
    Header(String, String),
}

#[derive(Debug, Clone)]
enum Item {
    Name(String),
    Dir(Direction),
}

impl V {
    fn s(self) -> String {
        match self {
            V::S(s) => s,
            _ => String::new(),
        }
    }
    fn list(self) -> Vec<String> {
        match self {
            V::List(l) => l,
            V::S(s) => vec![s],
            _ => Vec::new(),
        }
    }
}

/// mermaid's `ErDB`, as the grammar's actions drive it.
#[derive(Default)]
struct Db {
    entities: Vec<Entity>,
    index: HashMap<String, usize>,
    /// (from name, to name, resolved ends, relationship)
    relationships: Vec<(Option<usize>, Option<usize>, Relationship)>,
    rel_names: Vec<(String, String)>,
    subgraphs: Vec<Subgraph>,
    class_defs: Vec<(String, Vec<String>)>,
    direction: Direction,
    depth: usize,
    acc_title: Option<String>,
    acc_descr: Option<String>,
}

impl Db {
    fn add_entity(&mut self, name: &str, alias: Option<&str>, span: Range<usize>) -> usize {
        if let Some(&i) = self.index.get(name) {
            if let Some(a) = alias {
                if self.entities[i].alias.as_deref().is_none_or(str::is_empty) && !a.is_empty() {
                    self.entities[i].alias = Some(a.to_string());
                }
            }
            return i;
        }
        let i = self.entities.len();
        self.entities.push(Entity { name: name.to_string(), alias: alias.map(str::to_string), span, ..Entity::default() });
        self.index.insert(name.to_string(), i);
        i
    }

    fn set_class(&mut self, names: &[String], classes: &[String]) {
        for n in names {
            if let Some(&i) = self.index.get(n) {
                self.entities[i].classes.extend(classes.iter().cloned());
            }
            if let Some(sg) = self.subgraphs.iter_mut().find(|s| &s.id == n) {
                sg.classes.extend(classes.iter().cloned());
            }
        }
    }

    fn relationship(&mut self, a: &str, role: String, b: &str, spec: (Cardinality, bool, Cardinality), span: Range<usize>, a_span: Range<usize>, b_span: Range<usize>) {
        self.add_entity(a, None, a_span);
        self.add_entity(b, None, b_span);
        let end = |db: &Db, n: &str| db.subgraphs.iter().position(|s| s.id == n);
        let (sa, sb) = (end(self, a), end(self, b));
        let rel = Relationship { from: EndRef::Entity(0), to: EndRef::Entity(0), label: role, from_card: spec.0, identifying: spec.1, to_card: spec.2, span };
        self.relationships.push((sa, sb, rel));
        self.rel_names.push((a.to_string(), b.to_string()));
    }

    fn add_subgraph(&mut self, id: String, title: String, items: Vec<Item>) -> String {
        let mut seen = Vec::new();
        let mut dir = None;
        for item in items {
            match item {
                Item::Dir(d) => dir = Some(d),
                Item::Name(n) => {
                    let n = n.trim().to_string();
                    if !n.is_empty() && !seen.contains(&n) {
                        seen.push(n);
                    }
                }
            }
        }
        // Each entity belongs to the first subgraph that claims it.
        seen.retain(|n| !self.subgraphs.iter().any(|s| s.members.contains(n)));
        let id = id.trim().to_string();
        self.subgraphs.push(Subgraph { id: id.clone(), title: title.trim().to_string(), members: seen, direction: dir, ..Subgraph::default() });
        id
    }

    fn finish(mut self) -> ErDiagram {
        // Entities named like a subgraph are that subgraph.
        let sub_ids: Vec<String> = self.subgraphs.iter().map(|s| s.id.clone()).collect();
        let keep: Vec<bool> = self.entities.iter().map(|e| !sub_ids.contains(&e.name)).collect();
        let mut new_index = vec![None; self.entities.len()];
        let mut entities = Vec::new();
        for (i, e) in self.entities.drain(..).enumerate() {
            if keep[i] {
                new_index[i] = Some(entities.len());
                entities.push(e);
            }
        }
        let index: HashMap<String, usize> = entities.iter().enumerate().map(|(i, e)| (e.name.clone(), i)).collect();
        let sub = |n: &str| sub_ids.iter().position(|s| s == n);
        let resolve = |sg: Option<usize>, name: &str| -> EndRef {
            match (sg, index.get(name)) {
                (Some(s), _) => EndRef::Subgraph(s),
                (None, Some(&e)) => EndRef::Entity(e),
                (None, None) => EndRef::Subgraph(sub(name).unwrap_or(0)),
            }
        };
        let relationships = self
            .relationships
            .into_iter()
            .zip(&self.rel_names)
            .map(|((sa, sb, mut rel), (a, b))| {
                rel.from = resolve(sa, a);
                rel.to = resolve(sb, b);
                rel
            })
            .collect();
        ErDiagram {
            entities,
            relationships,
            subgraphs: self.subgraphs,
            class_defs: self.class_defs,
            direction: self.direction,
            acc_title: self.acc_title,
            acc_descr: self.acc_descr,
            config: Default::default(),
        }
    }
}

fn unquote(s: &str) -> String {
    s.replace('"', "")
}

/// Parses an erDiagram.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let t = prep.text.as_str();
    let mut lexer = Lexer::new(t);
    let mut db = Db::default();
    let mut read = Vec::new();
    let result = lr::run(
        tables(),
        || match lexer.next_token() {
            Lexed::Token(tok) => Ok(Tok { term: tok.kind as usize, span: tok.span }),
            Lexed::Error(at) => Err(at),
        },
        |tag, v: &mut [V], spans| reduce(&mut db, tag, v, spans, t, &prep),
        &mut read,
    );
    if let Err(failure) = result {
        let d = refusal(&prep, &failure, &read, lexer.in_block());
        return ParseOutcome { kind: DiagramKind::Er, diagram: None, diagnostics: vec![d] };
    }
    let mut er = db.finish();
    er.config = header.config.clone();
    ParseOutcome { kind: DiagramKind::Er, diagram: Some(Diagram::Er(er)), diagnostics: Vec::new() }
}

fn take(v: &mut [V], i: usize) -> V {
    std::mem::take(&mut v[i])
}

#[allow(clippy::too_many_lines)]
fn reduce(db: &mut Db, tag: &str, v: &mut [V], spans: &[Range<usize>], t: &str, prep: &Prepared) -> V {
    let text = |i: usize| t[spans[i].clone()].to_string();
    let orig = |i: usize| prep.orig_span(spans[i].clone());
    let whole = || prep.orig_span(spans.first().map_or(0, |s| s.start)..spans.last().map_or(0, |s| s.end));
    let names = |n: &[&str]| V::Items(n.iter().map(|s| Item::Name(s.to_string())).collect());
    let spec = |x: V| match x {
        V::Spec(a, i, b) => (a, i, b),
        _ => (Cardinality::OnlyOne, true, Cardinality::OnlyOne),
    };
    match tag {
        "doc_empty" => V::Items(Vec::new()),
        "doc_push" => {
            let mut items = match take(v, 0) {
                V::Items(i) => i,
                _ => Vec::new(),
            };
            match take(v, 1) {
                V::Items(more) => items.extend(more),
                V::S(s) => items.push(Item::Name(s)),
                _ => {}
            }
            V::Items(items)
        }
        "none" => V::None,
        "text" => V::S(text(0)),
        "unquote" => V::S(unquote(&text(0))),
        "glue" => V::S(take(v, 0).s() + &text(1)),
        "glue_tokens" => V::S(text(0) + &text(1)),
        "words" => V::S(format!("{} {}", take(v, 0).s(), take(v, 1).s())),
        "item" => V::List(vec![text(0)]),
        "items" => {
            let mut l = take(v, 0).list();
            l.push(text(2));
            V::List(l)
        }
        "list" => V::List(vec![take(v, 0).s()]),
        "list_push" | "list_push_3" => {
            let mut l = take(v, 0).list();
            l.push(take(v, 2).s());
            V::List(l)
        }
        "c_zero_one" => V::Card(Cardinality::ZeroOrOne),
        "c_zero_more" => V::Card(Cardinality::ZeroOrMore),
        "c_one_more" => V::Card(Cardinality::OneOrMore),
        "c_one" => V::Card(Cardinality::OnlyOne),
        "c_parent" => V::Card(Cardinality::MdParent),
        "identifying" => V::Identifying(true),
        "non_identifying" => V::Identifying(false),
        "rel_spec" => {
            let card = |x: V| if let V::Card(c) = x { c } else { Cardinality::OnlyOne };
            let a = card(take(v, 0));
            let i = matches!(take(v, 1), V::Identifying(true));
            let b = card(take(v, 2));
            V::Spec(a, i, b)
        }
        "rel" | "rel_cc" | "rel_ca" | "rel_cb" => {
            // positions of: a, spec, b, role, and the classes of a and b
            let (ia, is, ib, ca, cb) = match tag {
                "rel" => (0, 1, 2, None, None),
                "rel_cc" => (0, 3, 4, Some(2), Some(6)),
                "rel_ca" => (0, 3, 4, Some(2), None),
                _ => (0, 1, 2, None, Some(4)),
            };
            let a = take(v, ia).s();
            let b = take(v, ib).s();
            let role = take(v, v.len() - 1).s();
            let s = spec(take(v, is));
            let (sa, sb) = (orig(ia), orig(ib));
            db.relationship(&a, role, &b, s, whole(), sa, sb);
            if let Some(c) = ca {
                let classes = take(v, c).list();
                db.set_class(std::slice::from_ref(&a), &classes);
            }
            if let Some(c) = cb {
                let classes = take(v, c).list();
                db.set_class(std::slice::from_ref(&b), &classes);
            }
            names(&[&a, &b])
        }
        "ent" | "ent_c" | "ent_empty" | "ent_c_empty" | "ent_attrs" | "ent_c_attrs" | "al" | "al_c" | "al_empty" | "al_c_empty" | "al_attrs" | "al_c_attrs" => {
            let name = take(v, 0).s();
            let aliased = tag.starts_with("al");
            let alias = if aliased { Some(take(v, 2).s()) } else { None };
            db.add_entity(&name, alias.as_deref(), orig(0));
            let i = db.index[&name];
            if let Some(V::Attrs(attrs)) = v.iter_mut().find(|x| matches!(x, V::Attrs(_))).map(std::mem::take) {
                db.entities[i].attributes.extend(attrs);
            }
            if tag.contains("_c") {
                let at = if aliased { 5 } else { 2 };
                let classes = take(v, at).list();
                db.set_class(std::slice::from_ref(&name), &classes);
            }
            names(&[&name])
        }
        "attrs" => match take(v, 0) {
            V::Attr(a) => V::Attrs(vec![a]),
            _ => V::Attrs(Vec::new()),
        },
        "attrs_push" => {
            let mut list = vec![];
            if let V::Attr(a) = take(v, 0) {
                list.push(a);
            }
            if let V::Attrs(rest) = take(v, 1) {
                list.extend(rest);
            }
            V::Attrs(list)
        }
        "attr" | "attr_k" | "attr_c" | "attr_kc" => {
            let ty = take(v, 0).s();
            let name = take(v, 1).s();
            let (keys, comment) = match tag {
                "attr" => (Vec::new(), String::new()),
                "attr_k" => (take(v, 2).list(), String::new()),
                "attr_c" => (Vec::new(), take(v, 2).s()),
                _ => (take(v, 2).list(), take(v, 3).s()),
            };
            V::Attr(Attribute { ty, name, keys, comment })
        }
        "acc_title" => {
            let s = text(1).trim().to_string();
            db.acc_title = Some(s.clone());
            V::S(s)
        }
        "acc_descr" => {
            let s = text(1).trim().to_string();
            db.acc_descr = Some(s.clone());
            V::S(s)
        }
        "acc_multi" => {
            let s = text(0).trim().to_string();
            db.acc_descr = Some(s.clone());
            V::S(s)
        }
        "dir_tb" => V::Dir(Direction::TB),
        "dir_bt" => V::Dir(Direction::BT),
        "dir_rl" => V::Dir(Direction::RL),
        "dir_lr" => V::Dir(Direction::LR),
        "direction" => {
            let V::Dir(d) = take(v, 0) else { return V::None };
            if db.depth == 0 {
                db.direction = d;
                V::None
            } else {
                V::Items(vec![Item::Dir(d)])
            }
        }
        "class_def" => {
            let ids = take(v, 1).list();
            let styles = take(v, 2).list();
            for id in ids {
                match db.class_defs.iter_mut().find(|(n, _)| *n == id) {
                    Some((_, s)) => s.extend(styles.iter().cloned()),
                    None => db.class_defs.push((id, styles.clone())),
                }
            }
            V::None
        }
        "class_stmt" => {
            let ids = take(v, 1).list();
            let classes = take(v, 2).list();
            db.set_class(&ids, &classes);
            V::None
        }
        "style_stmt" => {
            let ids = take(v, 1).list();
            let styles = take(v, 2).list();
            for id in &ids {
                if let Some(&i) = db.index.get(id) {
                    db.entities[i].styles.extend(styles.iter().cloned());
                }
                if let Some(sg) = db.subgraphs.iter_mut().find(|s| &s.id == id) {
                    sg.styles.extend(styles.iter().cloned());
                }
            }
            V::None
        }
        "sg_head" | "sg_head_title" => {
            db.depth += 1;
            let id = take(v, 1).s();
            let title = if tag == "sg_head_title" { take(v, 3).s() } else { id.clone() };
            V::Header(id, title)
        }
        "subgraph" => {
            db.depth = db.depth.saturating_sub(1);
            let (id, title) = match take(v, 0) {
                V::Header(i, t) => (i, t),
                _ => (String::new(), String::new()),
            };
            let items = match take(v, 1) {
                V::Items(i) => i,
                _ => Vec::new(),
            };
            let id = db.add_subgraph(id, title, items);
            V::Items(vec![Item::Name(id)])
        }
        _ => v.first_mut().map(std::mem::take).unwrap_or_default(),
    }
}

/// The names of what mermaid expected, in words.
fn expected_words(expected: &[usize]) -> String {
    let has = |t: T| expected.contains(&(t as usize));
    let mut parts: Vec<&str> = Vec::new();
    if has(T::Colon) {
        parts.push("`:` and a label");
    }
    if has(T::ZeroOrOne) {
        parts.push("a cardinality (`||`, `|o`, `}o`, `}|`, ...)");
    }
    if has(T::Identifying) {
        parts.push("`--` or `..`");
    }
    if has(T::UnicodeText) || has(T::EntityName) {
        parts.push("an entity name");
    }
    if has(T::AttributeWord) {
        parts.push("an attribute (`type name`)");
    }
    if has(T::BlockStop) {
        parts.push("`}`");
    }
    if has(T::Newline) {
        parts.push("a line break");
    }
    if has(T::End_) {
        parts.push("`end`");
    }
    if parts.is_empty() {
        return expected.iter().filter_map(|&e| T::ALL.get(e)).map(|t| t.name()).collect::<Vec<_>>().join(", ");
    }
    parts.join(" or ")
}

/// The diagnostic for a diagram mermaid-js refuses, at the token it fails on.
fn refusal(prep: &Prepared, failure: &Failure, read: &[Tok], in_block: bool) -> Diagnostic {
    let t = prep.text.as_str();
    match failure {
        Failure::Lex { at } => {
            let c = t[*at..].chars().next().unwrap_or(' ');
            let span = prep.orig_span(*at..at + c.len_utf8());
            Diagnostic::error("AR841", span, format!("mermaid-js cannot read `{c}` in a `style` or `classDef` line (line {})", prep.jison_line(*at)))
                .with_hint("write styles as `property:value` pairs separated by commas, colours as `#rrggbb`")
        }
        Failure::Parse { tok, expected } => {
            let kind = T::ALL.get(tok.term).copied().unwrap_or(T::Char);
            let line = prep.jison_line(tok.span.end);
            let has = |t: T| expected.contains(&(t as usize));
            let what = t[tok.span.clone()].trim().to_string();
            let span = if tok.span.is_empty() { prep.orig_span(tok.span.start.saturating_sub(1)..tok.span.start) } else { prep.orig_span(tok.span.clone()) };
            let prev = read.len().checked_sub(2).and_then(|i| read.get(i)).and_then(|p| T::ALL.get(p.term).copied());
            if kind == T::End || (kind == T::Eof && in_block) {
                if in_block {
                    return Diagnostic::error("AR846", span, "an attribute table `{` is never closed").with_hint("close the entity's attributes with `}` on a line of its own");
                }
                if has(T::End_) {
                    return Diagnostic::error("AR849", span, "a `subgraph` has no matching `end`").with_hint("add `end` after the subgraph's last line");
                }
            }
            if kind == T::End_ && !has(T::End_) {
                return Diagnostic::error("AR849", span, format!("`end` with no open `subgraph` (line {line})")).with_hint("remove it, or open a subgraph with `subgraph id [title]` before it");
            }
            if has(T::Colon) && !has(T::ZeroOrOne) && matches!(kind, T::Newline | T::Eof | T::End) {
                return Diagnostic::error("AR842", span, format!("this relationship has no label (line {line}): mermaid-js requires `: label` after the second entity"))
                    .with_hint("add a label: `A ||--o{ B : places`; write `: \"\"` for none");
            }
            if in_block || matches!(kind, T::BlockStop | T::AttributeWord | T::AttributeKey | T::Comment | T::KeyComma) {
                return Diagnostic::error("AR843", span, format!("mermaid-js cannot read `{what}` in this attribute table (line {line}): it expected {}", expected_words(expected)))
                    .with_hint("each attribute is `type name`, then optionally `PK`, `FK` or `UK` (comma-separated), then a \"comment\"");
            }
            if prev == Some(T::Sqe) && matches!(kind, T::ZeroOrOne | T::ZeroOrMore | T::OneOrMore | T::OnlyOne | T::MdParent) {
                return Diagnostic::error("AR845", span, format!("an entity with an alias (`name[alias]`) cannot start a relationship (line {line})"))
                    .with_hint("give the alias on a line of its own (`p[Person]`), then write the relationship with the name: `p ||--o{ B : label`");
            }
            let keyword_kind = what.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '(' || c == ')' || c == '+') && matches!(kind, T::ZeroOrOne | T::ZeroOrMore | T::OneOrMore | T::OnlyOne | T::MdParent | T::Identifying | T::NonIdentifying | T::Class | T::Style | T::ClassDef | T::Subgraph | T::End_);
            if keyword_kind && (has(T::UnicodeText) || has(T::EntityName)) && !has(T::ZeroOrOne) {
                return Diagnostic::error("AR848", span, format!("`{what}` is an erDiagram keyword (line {line}), so mermaid-js does not read it as an entity name"))
                    .with_hint(format!("quote the name: \"{what}\""));
            }
            let after_end = matches!(prev, Some(T::ZeroOrOne | T::ZeroOrMore | T::OneOrMore | T::OnlyOne | T::MdParent | T::Identifying | T::NonIdentifying));
            if !after_end && matches!(kind, T::Char | T::Word | T::Question) {
                return Diagnostic::error("AR847", span, format!("mermaid-js cannot read `{what}` here (line {line})"))
                    .with_hint("entity names are letters, digits, `-`, `_`, `*` and `.`; quote other names: \"Order (old)\"");
            }
            if has(T::ZeroOrOne) || has(T::Identifying) || matches!(prev, Some(T::ZeroOrOne | T::ZeroOrMore | T::OneOrMore | T::OnlyOne | T::MdParent | T::Identifying | T::NonIdentifying)) {
                return Diagnostic::error("AR844", span, format!("mermaid-js cannot read this relationship at `{what}` (line {line}): it expected {}", expected_words(expected)))
                    .with_hint("write `A ||--o{ B : label`: an end (`||`, `|o`, `}o`, `}|`), `--` or `..`, the other end, with blanks around the whole");
            }
            Diagnostic::error("AR840", span, format!("mermaid-js cannot read `{what}` here (line {line}): it expected {}", expected_words(expected)))
                .with_hint("each line is an entity (`NAME` or `NAME { ... }`), a relationship (`A ||--o{ B : label`), `direction TB`, a `subgraph`, `classDef`, `class` or `style`")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_textbook_construction() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        crate::parse::lalr::assert_same_as_reference(&GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize });
    }

    #[test]
    fn frozen_tables_are_the_grammars() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        let spec = GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize };
        crate::parse::lalr::assert_frozen_current(&spec, &super::super::tables::FROZEN, "ER", "src/diagrams/er/tables.rs");
    }
    use crate::diagrams::parse as parse_any;

    fn er(text: &str) -> (Option<ErDiagram>, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Er(e)) => (Some(e), o.diagnostics),
            _ => (None, o.diagnostics),
        }
    }

    #[test]
    fn grammar_builds() {
        let t = built_tables();
        assert!(t.n_states() > 50);
        for c in &t.conflicts {
            eprintln!("  {c}");
        }
    }

    #[test]
    fn entities_attributes_relationships() {
        let (e, d) = er("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    string name \"full name\"\n    string id PK, FK \"key\"\n    List~int~ ids\n  }\n  p[Person] {\n    int age\n  }\n  ORDER }|..|{ ITEM : \"has many\"\n");
        assert!(d.is_empty(), "{d:?}");
        let e = e.unwrap();
        let names: Vec<&str> = e.entities.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["CUSTOMER", "ORDER", "p", "ITEM"]);
        assert_eq!(e.entities[0].attributes.len(), 3);
        assert_eq!(e.entities[0].attributes[1].keys, ["PK", "FK"]);
        assert_eq!(e.entities[0].attributes[1].comment, "key");
        assert_eq!(e.entities[2].title(), "Person");
        let r = &e.relationships[0];
        assert_eq!((r.from_card, r.to_card, r.identifying), (Cardinality::OnlyOne, Cardinality::ZeroOrMore, true));
        assert_eq!(e.relationships[1].label, "has many");
        assert!(!e.relationships[1].identifying);
    }

    #[test]
    fn direction_subgraphs_classes() {
        let (e, d) = er("erDiagram\n  direction LR\n  subgraph S [Sales area]\n    A ||--|| B : x\n  end\n  A:::hot\n  classDef hot fill:#f00\n  style B fill:#0f0\n");
        assert!(d.is_empty(), "{d:?}");
        let e = e.unwrap();
        assert_eq!(e.direction, Direction::LR);
        assert_eq!(e.subgraphs[0].members, ["A", "B"]);
        assert_eq!(e.subgraphs[0].title, "Sales area");
        assert_eq!(e.entities[0].classes, ["hot"]);
        assert_eq!(e.entities[1].styles, ["fill:#0f0"]);
    }

    #[test]
    fn refusals() {
        let code = |text: &str| er(text).1.first().map(|d| d.code).unwrap_or("none");
        assert_eq!(code("erDiagram\n  A ||--o{ B\n"), "AR842");
        assert_eq!(code("erDiagram\n  A {\n    string\n  }\n"), "AR843");
        assert_eq!(code("erDiagram\n  A ||-->o{ B : x\n"), "AR844");
        assert_eq!(code("erDiagram\n  A {\n    string name\n"), "AR846");
        assert_eq!(code("erDiagram\n  A ||--o{ one : x\n"), "AR848");
        assert_eq!(code("erDiagram\n  A % B\n"), "AR847");
        assert_eq!(code("erDiagram\n  end\n"), "AR849");
        assert_eq!(code("erDiagram\n  A ||--o{ B : x\n"), "none");
    }
}
