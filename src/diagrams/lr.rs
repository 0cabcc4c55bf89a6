//! Running an LALR(1) table built by [`crate::parse::lalr`] the way jison's
//! `parse` runs its own: a default reduction is taken without reading a
//! token, otherwise the next token decides; the first token with no action
//! ends the parse there.

use crate::parse::lalr::{Action, Tables};
use std::ops::Range;

/// A token as the driver needs it: its terminal index and span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub term: usize,
    pub span: Range<usize>,
}

/// Why a run stopped before accepting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// `tok` has no action in the parser's state; `expected` lists the
    /// terminals that do (mermaid's "Expecting ...").
    Parse { tok: Tok, expected: Vec<usize> },
    /// No lexer rule matches at this offset.
    Lex { at: usize },
}

/// Runs the parser over the tokens `next` gives (`Err(at)`: a lexical
/// error at `at`). `reduce` gets each production's tag, the values and
/// spans of its right-hand side, and returns the value of the left-hand
/// side. Every token read is appended to `read`.
pub fn run<V: Default>(
    tables: &Tables,
    mut next: impl FnMut() -> Result<Tok, usize>,
    mut reduce: impl FnMut(&'static str, &mut [V], &[Range<usize>]) -> V,
    read: &mut Vec<Tok>,
) -> Result<V, Failure> {
    let mut states: Vec<u32> = vec![0];
    let mut vals: Vec<V> = vec![V::default()];
    let mut spans: Vec<Range<usize>> = vec![0..0];
    let mut la: Option<Tok> = None;
    // A guard against a table that would loop (reductions alone cannot:
    // each production of this project's grammars is checked in tests).
    let mut steps = 0usize;
    loop {
        steps += 1;
        if steps > 10_000_000 {
            let at = la.map_or(0, |t| t.span.start);
            return Err(Failure::Lex { at });
        }
        let st = *states.last().unwrap_or(&0);
        let act = match tables.default_reduce(st) {
            Some(p) => Action::Reduce(p),
            None => {
                if la.is_none() {
                    let t = next().map_err(|at| Failure::Lex { at })?;
                    read.push(t.clone());
                    la = Some(t);
                }
                tables.action(st, la.as_ref().map_or(0, |t| t.term))
            }
        };
        match act {
            Action::Shift(to) => {
                let t = la.take().unwrap_or(Tok { term: 0, span: 0..0 });
                vals.push(V::default());
                spans.push(t.span);
                states.push(to);
            }
            Action::Reduce(p) => {
                let prod = &tables.prods[p as usize];
                let n = prod.rhs.len();
                let at = vals.len() - n;
                let whole = if n > 0 { spans[at].start..spans[at + n - 1].end } else { spans.last().map_or(0..0, |s| s.end..s.end) };
                let v = reduce(prod.tag, &mut vals[at..], &spans[at..]);
                vals.truncate(at);
                spans.truncate(at);
                states.truncate(at);
                let g = tables.goto(*states.last().unwrap_or(&0), prod.lhs);
                states.push(g);
                vals.push(v);
                spans.push(whole);
            }
            Action::Accept => return Ok(vals.pop().unwrap_or_default()),
            Action::Error => {
                let tok = la.unwrap_or(Tok { term: 0, span: 0..0 });
                return Err(Failure::Parse { tok, expected: tables.expected(st) });
            }
        }
    }
}
