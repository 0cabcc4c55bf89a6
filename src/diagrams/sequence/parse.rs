//! Sequence diagrams, as mermaid-js 11's jison grammar reads them, over the
//! tokens of [`super::lex`]; participants and items are added in
//! the order mermaid's database applies them (a message first adds its two
//! ends, then itself, then the activation its `+`/`-` asks for).
//!
//! Where mermaid-js stops at the first error, this parser reports it and
//! carries on from the next line, so that `check` can list every problem and
//! rendering can still draw what the author meant.
//!
//! | code  | cause |
//! |-------|-------|
//! | AR201 | a token the grammar does not expect here |
//! | AR202 | a `;` inside a message or note: it ends the statement, the rest of the line is read as a new one |
//! | AR203 | an `end` with no block to close |
//! | AR204 | `else`/`and`/`option` outside the block kind that has them |
//! | AR205 | deactivating a participant that is not active |
//! | AR206 | a block or `box` that is never closed with `end` |
//! | AR207 | a character or text the lexer cannot read |
//! | AR208 | a message without `: text` |
//! | AR209 | a line that is neither a message nor a statement (unknown keyword) |
//! | AR210 | (warning) text cut at `#`: mermaid-js reads the rest of the line as a comment |
//! | AR211 | a participant declared in two `box`es |
//! | AR212 | `activate` of a participant nothing else names (mermaid-js fails to draw it) |
//! | AR213 | `create`/`destroy` not followed by the message that creates or destroys the participant |

use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare, Prepared};
use crate::diagrams::ParseOutcome;
use crate::diagnostics::Diagnostic;
use super::lex::{tokens, Tok, Token};
use super::model::{BlockKind, Item, NotePlacement, Participant, ParticipantBox, ParticipantKind, Sequence};
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use std::collections::HashMap;
use std::ops::Range;

const KEYWORDS_HINT: &str = "a message is `A->>B: text`; statements start with participant, actor, Note, activate, deactivate, loop, alt, opt, par, critical, break, rect, box, autonumber or title";

/// Parses a sequence diagram.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let toks = tokens(&prep.text);
    let mut p = Parser {
        prep: &prep,
        toks,
        i: 0,
        seq: Sequence { config: header.config.clone(), ..Sequence::default() },
        diags: Vec::new(),
        active: HashMap::new(),
        current_box: None,
        only_activated: Vec::new(),
        pending_create: None,
        pending_destroy: None,
    };
    p.start();
    for (actor, span) in std::mem::take(&mut p.only_activated) {
        let id = &p.seq.participants[actor].id;
        p.diags.push(
            Diagnostic::error("AR212", span, format!("`{id}` is activated but no message, note or declaration names it"))
                .with_hint(format!("declare it (`participant {id}`) or send it a message; mermaid-js cannot draw an activation without its participant")),
        );
    }
    let mut seq = p.seq;
    if seq.title.is_none() {
        seq.title = header.config.title.clone().filter(|t| !t.trim().is_empty());
    }
    ParseOutcome { kind: DiagramKind::Sequence, diagram: Some(Diagram::Sequence(seq)), diagnostics: p.diags }
}

/// Does the text ask to be wrapped (`wrap:` or `:wrap:` in front)?
pub fn wants_wrap(s: &str) -> bool {
    let t = s.trim();
    t.strip_prefix(':').unwrap_or(t).starts_with("wrap:")
}

/// mermaid's `parseMessage`: trimmed, without a `wrap:`/`nowrap:` prefix.
pub fn parse_message(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix(':').filter(|r| r.starts_with("wrap:") || r.starts_with("nowrap:")).unwrap_or(t);
    let t = t.strip_prefix("wrap:").or_else(|| t.strip_prefix("nowrap:")).unwrap_or(t);
    decode_codes(t.trim())
}

struct Parser<'a> {
    prep: &'a Prepared,
    toks: Vec<Token>,
    i: usize,
    seq: Sequence,
    diags: Vec<Diagnostic>,
    /// Activation depth per participant.
    active: HashMap<usize, i32>,
    current_box: Option<usize>,
    /// Participants only `activate`/`deactivate` named so far, with where.
    only_activated: Vec<(usize, Range<usize>)>,
    /// A `create`/`destroy` waiting for its message.
    pending_create: Option<(usize, Range<usize>)>,
    pending_destroy: Option<(usize, Range<usize>)>,
}

type Res<T> = Result<T, Diagnostic>;

impl<'a> Parser<'a> {
    fn peek(&self) -> &Tok {
        &self.toks[self.i].tok
    }

    fn advance(&mut self) -> Token {
        let t = self.toks[self.i].clone();
        if t.tok != Tok::Eof {
            self.i += 1;
        }
        t
    }

    fn orig(&self, span: Range<usize>) -> Range<usize> {
        self.prep.orig_span(span)
    }

    /// The original span from token `from` to the last one taken.
    fn span_from(&self, from: usize) -> Range<usize> {
        let start = self.toks[from].span.start;
        let end = self.toks[self.i.saturating_sub(1).max(from)].span.end;
        self.orig(start..end.max(start))
    }

    fn describe(t: &Token, src: &str) -> String {
        match &t.tok {
            Tok::Newline if t.semicolon => "`;`".into(),
            Tok::Newline => "the end of the line".into(),
            Tok::Eof => "the end of the diagram".into(),
            _ => {
                let s = src[t.span.clone()].trim();
                format!("`{}`", if s.chars().count() > 40 { s.chars().take(40).collect::<String>() + "..." } else { s.to_string() })
            }
        }
    }

    /// An error at the current token: `expected` says what the grammar wanted.
    fn unexpected(&self, expected: &str) -> Diagnostic {
        let t = &self.toks[self.i];
        let span = self.orig(t.span.clone());
        match t.tok {
            Tok::Invalid | Tok::LexError => Diagnostic::error("AR207", span, format!("mermaid-js cannot read {} here", Self::describe(t, &self.prep.text)))
                .with_hint("participant names cannot hold `+ < > - : , ;`; put such text in an alias (`participant A as ...`) or in the message after `:`"),
            _ => Diagnostic::error("AR201", span, format!("expected {expected}, found {}", Self::describe(t, &self.prep.text))).with_hint(KEYWORDS_HINT),
        }
    }

    fn expect_newline(&mut self) -> Res<()> {
        match self.peek() {
            Tok::Newline => {
                self.advance();
                Ok(())
            }
            Tok::Eof => Ok(()),
            _ => Err(self.unexpected("the end of the statement")),
        }
    }

    fn expect_actor(&mut self) -> Res<(String, Range<usize>)> {
        match self.peek().clone() {
            Tok::Actor(a) => {
                let t = self.advance();
                Ok((a, self.orig(t.span)))
            }
            _ => Err(self.unexpected("a participant name")),
        }
    }

    /// Warns when the text token just taken stops at a `#` (the rest of the
    /// line is a comment to mermaid-js, so the text is cut there).
    fn check_hash_cut(&mut self) {
        let Some(t) = self.i.checked_sub(1).map(|i| self.toks[i].clone()) else { return };
        let rest = &self.prep.text[t.span.end..];
        if rest.starts_with('#') {
            let end = rest.find('\n').unwrap_or(rest.len());
            let span = self.orig(t.span.end..t.span.end + end);
            self.diags.push(
                Diagnostic::warning("AR210", span, "mermaid-js reads everything from this `#` to the end of the line as a comment: the text is cut here")
                    .with_hint("write `#35;` for a `#` in text"),
            );
        }
    }

    /// Skips to the start of the next line after an error.
    fn recover(&mut self) {
        loop {
            match self.peek() {
                Tok::Eof => return,
                Tok::Newline if !self.toks[self.i].semicolon => {
                    self.advance();
                    return;
                }
                _ => {
                    self.advance();
                }
            }
        }
    }

    fn start(&mut self) {
        while *self.peek() == Tok::Newline {
            self.advance();
        }
        if *self.peek() == Tok::Sd {
            self.advance();
        } else {
            let d = self.unexpected("`sequenceDiagram`");
            self.diags.push(d);
            return;
        }
        self.document(None);
        if *self.peek() != Tok::Eof {
            // document(None) only returns at the end.
            let d = self.unexpected("a statement");
            self.diags.push(d);
        }
    }

    /// Statements up to `end`, a section keyword of `block`, or the end.
    fn document(&mut self, block: Option<BlockKind>) {
        loop {
            match self.peek() {
                Tok::Newline => {
                    self.advance();
                }
                Tok::Eof => return,
                Tok::End if block.is_some() => return,
                Tok::End => {
                    let t = self.advance();
                    self.diags.push(
                        Diagnostic::error("AR203", self.orig(t.span), "`end` with no block to close")
                            .with_hint("remove this `end`, or open the block it closes (`loop`, `alt`, `opt`, `par`, `critical`, `break`, `rect`, `box`)"),
                    );
                }
                Tok::Else | Tok::And | Tok::Option => {
                    let word = match self.peek() {
                        Tok::Else => "else",
                        Tok::And => "and",
                        _ => "option",
                    };
                    if block.and_then(BlockKind::section_keyword) == Some(word) {
                        return;
                    }
                    let t = self.toks[self.i].clone();
                    let owner = match word {
                        "else" => "alt",
                        "and" => "par",
                        _ => "critical",
                    };
                    self.diags.push(
                        Diagnostic::error("AR204", self.orig(t.span), format!("`{word}` outside an `{owner}` block"))
                            .with_hint(format!("`{word}` divides an `{owner} ... end` block; close any inner block with `end` first")),
                    );
                    self.recover();
                }
                _ => {
                    if let Err(d) = self.statement() {
                        self.diags.push(d);
                        self.recover();
                    }
                }
            }
        }
    }

    fn add_actor(&mut self, id: &str, label: Option<String>, kind: Option<ParticipantKind>, span: Range<usize>) -> usize {
        if let Some(i) = self.seq.participant(id) {
            self.only_activated.retain(|(a, _)| *a != i);
            if let (Some(old), Some(new)) = (self.seq.participants[i].group, self.current_box)
                && old != new
            {
                let title = |b: usize| self.seq.boxes[b].title.clone();
                self.diags.push(
                    Diagnostic::error("AR211", span.clone(), format!("`{id}` is already in box `{}` and cannot also be in box `{}`", title(old), title(new)))
                        .with_hint("declare each participant in one box only"),
                );
            }
            let p = &mut self.seq.participants[i];
            if p.group.is_none() {
                p.group = self.current_box;
            }
            if let Some(label) = label {
                p.label = label;
                p.kind = kind.unwrap_or(ParticipantKind::Participant);
            }
            return i;
        }
        self.seq.participants.push(Participant {
            id: id.to_string(),
            label: label.unwrap_or_else(|| id.to_string()),
            kind: kind.unwrap_or(ParticipantKind::Participant),
            group: self.current_box,
            span,
            created_by: None,
            destroyed_by: None,
        });
        self.seq.participants.len() - 1
    }

    fn deactivate(&mut self, actor: usize, span: Range<usize>) {
        let n = self.active.entry(actor).or_insert(0);
        if *n < 1 {
            let id = self.seq.participants[actor].id.clone();
            self.diags.push(
                Diagnostic::error("AR205", span, format!("`{id}` is deactivated but is not active"))
                    .with_hint(format!("activate `{id}` first (`activate {id}` or a message to `+{id}`), or remove this deactivation")),
            );
            return;
        }
        *n -= 1;
        self.seq.items.push(Item::ActivateEnd { actor, span });
    }

    fn statement(&mut self) -> Res<()> {
        let start = self.i;
        match self.peek().clone() {
            Tok::Participant | Tok::ParticipantActor => self.participant_statement().map(|_| ()),
            Tok::Create => {
                self.advance();
                match self.peek() {
                    Tok::Participant | Tok::ParticipantActor => {
                        let i = self.participant_statement()?;
                        self.pending_create = Some((i, self.span_from(start)));
                        Ok(())
                    }
                    _ => Err(self.unexpected("`participant` or `actor`")),
                }
            }
            Tok::Destroy => {
                self.advance();
                let (a, span) = self.expect_actor()?;
                self.expect_newline()?;
                let i = self.add_actor(&a, None, None, span);
                self.pending_destroy = Some((i, self.span_from(start)));
                Ok(())
            }
            Tok::Box => self.box_statement(),
            Tok::Autonumber => {
                self.advance();
                let num = |p: &Self, t: &Token| p.prep.text[t.span.clone()].parse::<f64>().ok();
                let item = match self.peek() {
                    Tok::Num => {
                        let a = self.advance();
                        let start = num(self, &a);
                        let step = if *self.peek() == Tok::Num {
                            let b = self.advance();
                            num(self, &b)
                        } else {
                            None
                        };
                        Item::Autonumber { start, step, visible: true }
                    }
                    Tok::Off => {
                        self.advance();
                        Item::Autonumber { start: None, step: None, visible: false }
                    }
                    _ => Item::Autonumber { start: None, step: None, visible: true },
                };
                self.expect_newline()?;
                self.seq.items.push(item);
                Ok(())
            }
            Tok::Activate | Tok::Deactivate => {
                let on = *self.peek() == Tok::Activate;
                self.advance();
                let (a, span) = self.expect_actor()?;
                self.expect_newline()?;
                let actor = match self.seq.participant(&a) {
                    Some(i) => i,
                    None => {
                        let i = self.add_actor(&a, None, None, span.clone());
                        self.only_activated.push((i, span));
                        i
                    }
                };
                let span = self.span_from(start);
                if on {
                    *self.active.entry(actor).or_insert(0) += 1;
                    self.seq.items.push(Item::ActivateStart { actor, span });
                } else {
                    self.deactivate(actor, span);
                }
                Ok(())
            }
            Tok::Note => self.note_statement(),
            Tok::Links | Tok::Link | Tok::Properties | Tok::Details => {
                self.advance();
                let (a, span) = self.expect_actor()?;
                match self.peek() {
                    Tok::Txt(_) => {
                        self.advance();
                    }
                    _ => return Err(self.unexpected("`: text`")),
                }
                self.expect_newline()?;
                self.add_actor(&a, None, None, span);
                Ok(())
            }
            Tok::Title(t) => {
                self.advance();
                self.seq.title = Some(decode_codes(t.trim()));
                Ok(())
            }
            Tok::AccTitle | Tok::AccDescr => {
                let title = *self.peek() == Tok::AccTitle;
                self.advance();
                match self.peek().clone() {
                    Tok::AccTitleValue(v) | Tok::AccDescrValue(v) => {
                        self.advance();
                        if title {
                            self.seq.acc_title = Some(v.trim().to_string());
                        } else {
                            self.seq.acc_descr = Some(v.trim().to_string());
                        }
                        Ok(())
                    }
                    _ => Err(self.unexpected("a value")),
                }
            }
            Tok::AccDescrMultiline(v) => {
                self.advance();
                self.seq.acc_descr = Some(v.trim().to_string());
                Ok(())
            }
            Tok::Loop | Tok::Rect | Tok::Opt | Tok::Break | Tok::Alt | Tok::Par | Tok::ParOver | Tok::Critical => self.block(),
            Tok::Actor(_) => self.signal(),
            _ => Err(self.unexpected("a message or a statement")),
        }
    }

    fn participant_statement(&mut self) -> Res<usize> {
        let kind = if *self.peek() == Tok::ParticipantActor { ParticipantKind::Actor } else { ParticipantKind::Participant };
        self.advance();
        let (id, span) = self.expect_actor()?;
        let mut label = None;
        let mut kind = kind;
        if let Tok::Config(c) = self.peek().clone() {
            self.advance();
            let (ty, alias) = read_participant_config(&c);
            if let Some(ty) = ty {
                kind = ParticipantKind::from_type(&ty).unwrap_or(ParticipantKind::Participant);
            }
            label = alias;
        }
        if *self.peek() == Tok::As {
            self.advance();
            match self.peek().clone() {
                Tok::RestOfLine(l) => {
                    self.advance();
                    self.check_hash_cut();
                    label = Some(parse_message(&l));
                }
                _ => return Err(self.unexpected("a label")),
            }
        }
        self.expect_newline()?;
        Ok(self.add_actor(&id, label, Some(kind), span))
    }

    fn box_statement(&mut self) -> Res<()> {
        let open = self.advance();
        let data = match self.peek().clone() {
            Tok::RestOfLine(l) => {
                self.advance();
                l
            }
            _ => String::new(),
        };
        let (color, title) = parse_box_data(&data);
        self.seq.boxes.push(ParticipantBox { title, color });
        self.current_box = Some(self.seq.boxes.len() - 1);
        loop {
            match self.peek() {
                Tok::Newline => {
                    self.advance();
                }
                Tok::Participant | Tok::ParticipantActor => {
                    if let Err(d) = self.participant_statement().map(|_| ()) {
                        self.diags.push(d);
                        self.recover();
                    }
                }
                Tok::Create | Tok::Destroy => {
                    if let Err(d) = self.statement() {
                        self.diags.push(d);
                        self.recover();
                    }
                }
                Tok::End => {
                    self.advance();
                    break;
                }
                Tok::Eof => {
                    self.diags.push(
                        Diagnostic::error("AR206", self.orig(open.span.clone()), "`box` is never closed with `end`").with_hint("add `end` after the box's participants"),
                    );
                    break;
                }
                _ => {
                    let d = self.unexpected("a participant or `end` (a box holds only participants)");
                    self.diags.push(d);
                    self.recover();
                }
            }
        }
        self.current_box = None;
        Ok(())
    }

    fn block(&mut self) -> Res<()> {
        let open = self.advance();
        let kind = match open.tok {
            Tok::Loop => BlockKind::Loop,
            Tok::Rect => BlockKind::Rect,
            Tok::Opt => BlockKind::Opt,
            Tok::Break => BlockKind::Break,
            Tok::Alt => BlockKind::Alt,
            Tok::Par => BlockKind::Par,
            Tok::ParOver => BlockKind::ParOver,
            _ => BlockKind::Critical,
        };
        let text = match self.peek().clone() {
            Tok::RestOfLine(l) => {
                self.advance();
                self.check_hash_cut();
                parse_message(&l)
            }
            _ => String::new(),
        };
        let span = self.orig(open.span.clone());
        self.seq.items.push(Item::BlockStart { kind, text, span: span.clone() });
        loop {
            self.document(Some(kind));
            match self.peek() {
                Tok::End => {
                    let t = self.advance();
                    self.seq.items.push(Item::BlockEnd { kind, span: self.orig(t.span) });
                    return Ok(());
                }
                Tok::Else | Tok::And | Tok::Option => {
                    let t = self.advance();
                    let text = match self.peek().clone() {
                        Tok::RestOfLine(l) => {
                            self.advance();
                            parse_message(&l)
                        }
                        _ => String::new(),
                    };
                    self.seq.items.push(Item::BlockSection { kind, text, span: self.orig(t.span) });
                }
                _ => {
                    self.diags.push(
                        Diagnostic::error("AR206", span.clone(), format!("`{}` block is never closed with `end`", kind.keyword()))
                            .with_hint(format!("add `end` where the `{}` block stops", kind.keyword())),
                    );
                    self.seq.items.push(Item::BlockEnd { kind, span: span.clone() });
                    return Ok(());
                }
            }
        }
    }

    fn note_statement(&mut self) -> Res<()> {
        let start = self.i;
        self.advance();
        let placement = match self.peek() {
            Tok::LeftOf => NotePlacement::LeftOf,
            Tok::RightOf => NotePlacement::RightOf,
            Tok::Over => NotePlacement::Over,
            _ => return Err(self.unexpected("`left of`, `right of` or `over`")),
        };
        self.advance();
        let (a, a_span) = self.expect_actor()?;
        let mut b = None;
        if placement == NotePlacement::Over && *self.peek() == Tok::Comma {
            self.advance();
            b = Some(self.expect_actor()?);
        }
        let mut wrap = false;
        let text = match self.peek().clone() {
            Tok::Txt(t) => {
                self.advance();
                self.check_hash_cut();
                wrap = wants_wrap(&t);
                parse_message(&t)
            }
            _ if placement != NotePlacement::Over => {
                // A note over several lines, up to `end`.
                let mut parts = Vec::new();
                loop {
                    match self.peek().clone() {
                        Tok::Actor(s) | Tok::Txt(s) => {
                            self.advance();
                            parts.push(s);
                        }
                        Tok::Newline => {
                            self.advance();
                        }
                        Tok::End => {
                            self.advance();
                            break;
                        }
                        _ => return Err(self.unexpected("`: text`")),
                    }
                }
                parse_message(&parts.concat())
            }
            _ => return Err(self.unexpected("`: text`")),
        };
        self.expect_newline()?;
        let from = self.add_actor(&a, None, None, a_span);
        let to = match b {
            Some((b, span)) => self.add_actor(&b, None, None, span),
            None => from,
        };
        let span = self.span_from(start);
        self.seq.items.push(Item::Note { placement, from, to, text, wrap, span });
        Ok(())
    }

    fn signal(&mut self) -> Res<()> {
        let start = self.i;
        let (a, a_span) = self.expect_actor()?;
        let line = match self.peek() {
            Tok::Arrow(l) => *l,
            _ => return Err(self.not_a_statement(start, &a)),
        };
        self.advance();
        let mut plus = false;
        let mut minus = false;
        match self.peek() {
            Tok::Plus => {
                plus = true;
                self.advance();
            }
            Tok::Minus => {
                minus = true;
                self.advance();
            }
            _ => {}
        }
        let (b, b_span) = self.expect_actor()?;
        let (text, wrap) = match self.peek().clone() {
            Tok::Txt(t) => {
                self.advance();
                self.check_hash_cut();
                (parse_message(&t), wants_wrap(&t))
            }
            Tok::Newline | Tok::Eof => {
                let t = &self.toks[self.i];
                return Err(Diagnostic::error("AR208", self.span_from(start).start..self.orig(t.span.clone()).end.max(self.span_from(start).end), format!("the message from `{a}` to `{b}` has no text"))
                    .with_hint(format!("mermaid-js needs a colon after the receiver: `{a}->>{b}: text` (the text may be empty)")));
            }
            _ => return Err(self.unexpected("`: text`")),
        };
        self.expect_newline()?;
        let from = self.add_actor(&a, None, None, a_span);
        let to = self.add_actor(&b, None, None, b_span);
        let span = self.span_from(start);
        let index = self.seq.items.len();
        if let Some((p, at)) = self.pending_create.take() {
            if to == p {
                self.seq.participants[p].created_by = Some(index);
            } else {
                let id = &self.seq.participants[p].id;
                self.diags.push(
                    Diagnostic::error("AR213", at, format!("`{id}` is created here, but the next message is not sent to it"))
                        .with_hint(format!("follow `create participant {id}` with the message that creates it, e.g. `A->>{id}: ...`")),
                );
            }
        } else if let Some((p, at)) = self.pending_destroy.take() {
            if to == p || from == p {
                self.seq.participants[p].destroyed_by = Some(index);
            } else {
                let id = &self.seq.participants[p].id;
                self.diags.push(
                    Diagnostic::error("AR213", at, format!("`{id}` is destroyed here, but the next message neither comes from it nor goes to it"))
                        .with_hint(format!("follow `destroy {id}` with the message that destroys it, e.g. `A-x{id}: ...`")),
                );
            }
        }
        self.seq.items.push(Item::Message { from, to, line, text, wrap, span: span.clone() });
        if plus {
            *self.active.entry(to).or_insert(0) += 1;
            self.seq.items.push(Item::ActivateStart { actor: to, span });
        } else if minus {
            self.deactivate(from, span);
        }
        Ok(())
    }

    /// A line that starts with a name but is no message: after a `;` it is
    /// the rest of a message the `;` cut; otherwise an unknown statement.
    fn not_a_statement(&mut self, start: usize, name: &str) -> Diagnostic {
        let before = start.checked_sub(1).map(|i| &self.toks[i]);
        if let Some(semi) = before.filter(|t| t.semicolon).cloned() {
            // Keep the cut-off text with the message or note it belongs to.
            let line_end = self.prep.text[semi.span.start..].find('\n').map_or(self.prep.text.len(), |e| semi.span.start + e);
            let rest = self.prep.text[semi.span.start..line_end].to_string();
            if let Some(Item::Message { text, .. } | Item::Note { text, .. }) = self.seq.items.iter_mut().rev().find(|it| matches!(it, Item::Message { .. } | Item::Note { .. })) {
                text.push_str(&decode_codes(rest.trim_end()));
            }
            return Diagnostic::error("AR202", self.orig(semi.span.clone()), "`;` ends the statement here: mermaid-js reads the rest of the line as a new statement and fails")
                .with_hint("write `#59;` for a semicolon in message or note text, or use `,` instead");
        }
        let t = &self.toks[self.i];
        let span = self.orig(self.toks[start].span.start..t.span.start.max(self.toks[start].span.end));
        match t.tok {
            Tok::Newline | Tok::Eof => Diagnostic::error("AR209", span, format!("`{name}` is neither a message nor a statement mermaid-js knows")).with_hint(KEYWORDS_HINT),
            _ => self.unexpected("an arrow such as `->>` or `-->>`"),
        }
    }
}

/// `type` and `alias` of a participant's `@{ ... }` (a YAML/JSON-like map).
fn read_participant_config(c: &str) -> (Option<String>, Option<String>) {
    let mut ty = None;
    let mut alias = None;
    for part in c.split(',') {
        let Some((k, v)) = part.split_once(':') else { continue };
        let k = k.trim().trim_matches(['"', '\'']);
        let v = v.trim().trim_matches(['"', '\'']).to_string();
        match k {
            "type" => ty = Some(v),
            "alias" => alias = Some(v),
            _ => {}
        }
    }
    (ty, alias)
}

/// `box` data: an optional colour (first word, when it is one) and a title.
fn parse_box_data(s: &str) -> (Option<String>, String) {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    if ["rgb(", "rgba(", "hsl(", "hsla("].iter().any(|p| lower.starts_with(p))
        && let Some(end) = s.find(')')
    {
        return (Some(s[..=end].to_string()), s[end + 1..].trim().to_string());
    }
    let (first, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    let is_color = first.starts_with('#') && first.len() > 1 && first[1..].chars().all(|c| c.is_ascii_hexdigit())
        || (first.chars().all(|c| c.is_ascii_alphabetic()) && NAMED_COLORS.contains(&first.to_ascii_lowercase().as_str()));
    if is_color { (Some(first.to_string()), rest.trim().to_string()) } else { (None, s.to_string()) }
}

const NAMED_COLORS: &[&str] = &[
    "transparent", "aqua", "black", "blue", "fuchsia", "gray", "grey", "green", "lime", "maroon", "navy", "olive", "orange", "purple", "red", "silver", "teal", "white", "yellow",
    "lightblue", "lightgreen", "lightyellow", "lightgrey", "lightgray", "pink", "beige", "ivory", "lavender", "khaki", "coral", "salmon", "gold", "tan", "wheat", "azure",
    "aliceblue", "honeydew", "mintcream", "lightcyan", "lightpink", "lightcoral", "lightsalmon", "whitesmoke", "gainsboro", "cyan", "magenta", "violet", "plum", "orchid",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::sequence::model::LineType;
    use crate::diagrams::parse as parse_any;

    fn seq(text: &str) -> (Sequence, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Sequence(s)) => (s, o.diagnostics),
            other => panic!("not a sequence diagram: {other:?}"),
        }
    }

    fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
        d.iter().filter(|d| d.is_error()).map(|d| d.code).collect()
    }

    #[test]
    fn participants_aliases_and_implicit_ones() {
        let (s, d) = seq("sequenceDiagram\n  participant A as Alice<br/>Smith\n  actor B\n  A->>C: hi\n  participant C as Carol\n");
        assert!(d.is_empty(), "{d:?}");
        let p: Vec<(&str, &str, ParticipantKind)> = s.participants.iter().map(|p| (p.id.as_str(), p.label.as_str(), p.kind)).collect();
        assert_eq!(p, [("A", "Alice<br/>Smith", ParticipantKind::Participant), ("B", "B", ParticipantKind::Actor), ("C", "Carol", ParticipantKind::Participant)]);
    }

    #[test]
    fn messages_activations_and_blocks() {
        let (s, d) = seq("sequenceDiagram\nloop Every minute\n  A->>+B: ping: {ok}\n  alt up\n    B-->>-A: pong\n  else down\n    B--xA: timeout\n  end\nend\n");
        assert!(d.is_empty(), "{d:?}");
        let json = s.to_mermaid_json();
        let types: Vec<&str> = json["items"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
        assert_eq!(types, ["LOOP_START", "SOLID", "ACTIVE_START", "ALT_START", "DOTTED", "ACTIVE_END", "ALT_ELSE", "DOTTED_CROSS", "ALT_END", "LOOP_END"]);
        assert_eq!(json["items"][1]["text"], "ping: {ok}");
        assert!(matches!(s.items[4], Item::Message { line: LineType::Dotted, .. }));
    }

    #[test]
    fn notes_over_two_participants() {
        let (s, _) = seq("sequenceDiagram\nNote over A,B: both\nNote left of A: one\n");
        let json = s.to_mermaid_json();
        assert_eq!(json["items"][0]["from"], "A");
        assert_eq!(json["items"][0]["to"], "B");
        assert_eq!(json["items"][1]["to"], "A");
    }

    #[test]
    fn semicolons_end_statements_as_in_mermaid() {
        let (s, d) = seq("sequenceDiagram\nC->>P: BEGIN; INSERT INTO users; COMMIT;\nP-->>C: ok\n");
        assert_eq!(codes(&d), ["AR202"]);
        let json = s.to_mermaid_json();
        assert_eq!(json["items"][0]["text"], "BEGIN; INSERT INTO users; COMMIT;");
        assert_eq!(json["items"].as_array().unwrap().len(), 2);
        // A trailing `;` alone is fine.
        let (_, d) = seq("sequenceDiagram\nA->>B: hi;\n");
        assert!(codes(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn mermaids_errors_become_diagnostics() {
        let (_, d) = seq("sequenceDiagram\nA->>B: x\nend\n");
        assert_eq!(codes(&d), ["AR203"]);
        let (_, d) = seq("sequenceDiagram\nA->>B: x\ndeactivate A\n");
        assert_eq!(codes(&d), ["AR205"]);
        let (_, d) = seq("sequenceDiagram\nA->>B: x\nfoo bar\n");
        assert_eq!(codes(&d), ["AR209"]);
        let (_, d) = seq("sequenceDiagram\nloop x\nA->>B: x\n");
        assert_eq!(codes(&d), ["AR206"]);
        let (_, d) = seq("sequenceDiagram\nactivate X\nA->>B: x\n");
        assert_eq!(codes(&d), ["AR212"]);
        let (_, d) = seq("sequenceDiagram\nactivate X\nA->>X: x\n");
        assert!(codes(&d).is_empty());
        let (s, d) = seq("sequenceDiagram\nA->>B: x\ncreate participant C\nNote over A: n\nB->>C: new\ndestroy C\nC-xB: bye\n");
        assert!(codes(&d).is_empty(), "{d:?}");
        assert_eq!((s.participants[2].created_by, s.participants[2].destroyed_by), (Some(2), Some(3)));
        let (_, d) = seq("sequenceDiagram\ncreate participant C\nA->>B: x\n");
        assert_eq!(codes(&d), ["AR213"]);
        let (_, d) = seq("sequenceDiagram\nA->>B\n");
        assert_eq!(codes(&d), ["AR208"]);
        let (_, d) = seq("sequenceDiagram\nbox one\nparticipant A\nend\nbox two\nparticipant A\nend\n");
        assert_eq!(codes(&d), ["AR211"]);
        let (_, d) = seq("sequenceDiagram\nloop x\nelse y\nend\n");
        assert_eq!(codes(&d)[0], "AR204");
    }

    #[test]
    fn participant_config_objects() {
        let (s, d) = seq("sequenceDiagram\nparticipant U@{ \"type\": \"actor\" }\nparticipant DB@{ \"type\": \"database\", \"alias\": \"Orders DB\" }\nU->>DB: x\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.participants[0].kind, ParticipantKind::Actor);
        assert_eq!(s.participants[1].kind, ParticipantKind::Database);
        assert_eq!(s.participants[1].label, "Orders DB");
    }

    #[test]
    fn wrap_prefixes() {
        let (s, _) = seq("sequenceDiagram\nA->>B:wrap: a long text\nNote over A: nowrap: short\nA->>B: plain\n");
        assert!(matches!(&s.items[0], Item::Message { text, wrap: true, .. } if text == "a long text"));
        assert!(matches!(&s.items[1], Item::Note { text, wrap: false, .. } if text == "short"));
        assert!(matches!(&s.items[2], Item::Message { wrap: false, .. }));
    }

    #[test]
    fn a_hash_cuts_text_with_a_warning() {
        let (s, d) = seq("sequenceDiagram\nA->>B: issue #42 fixed\nA->>B: code #35; ok\n");
        assert_eq!(d.iter().map(|d| (d.code, d.is_error())).collect::<Vec<_>>(), [("AR210", false)]);
        let json = s.to_mermaid_json();
        assert_eq!(json["items"][0]["text"], "issue");
        assert_eq!(json["items"][1]["text"], "code #35; ok");
    }

    #[test]
    fn title_autonumber_box_and_rect() {
        let (s, d) = seq("sequenceDiagram\ntitle Login\nautonumber\nbox Aqua Front end\nparticipant A\nend\nrect rgb(200, 220, 255)\nA->>B: x\nend\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.title.as_deref(), Some("Login"));
        assert_eq!(s.boxes[0], ParticipantBox { title: "Front end".into(), color: Some("Aqua".into()) });
        assert_eq!(s.participants[0].group, Some(0));
        assert!(matches!(&s.items[1], Item::BlockStart { kind: BlockKind::Rect, text, .. } if text == "rgb(200, 220, 255)"));
        let (s, d) = seq("sequenceDiagram\npar_over a\nA->>B: x\nand b\nB->>A: y\nend\n");
        assert!(d.is_empty(), "{d:?}");
        let types: Vec<String> = s.to_mermaid_json()["items"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap().to_string()).collect();
        assert_eq!(types, ["PAR_OVER_START", "SOLID", "PAR_AND", "SOLID", "PAR_END"]);
    }
}
