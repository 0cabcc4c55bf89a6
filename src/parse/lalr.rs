//! A small LALR(1) parser generator, to run grammars written as jison runs
//! them: same tables, same conflict resolution (shift wins a shift/reduce
//! conflict; in a reduce/reduce conflict the production declared first
//! wins), same "default reductions" (a state whose only entry is one
//! reduction reduces without reading a token). A parse therefore accepts
//! exactly what mermaid accepts and stops at the same token when it fails.
//!
//! Grammars are written as text:
//!
//! ```text
//! rule : SYMBOL other => tag | => empty_tag ;
//! ```
//!
//! Symbols that name a terminal (see [`GrammarSpec::terminal`]) are
//! terminals, the others nonterminals; `=> tag` names the reduction's action.

use rustc_hash::FxHashMap;
use std::collections::VecDeque;

#[cfg(test)]
pub(crate) mod reference;

/// Terminal bit sets (at most 127 terminals; [`reference`] uses bit 127 as
/// its propagation marker).
type Set = u128;

/// An action in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Error,
    Shift(u32),
    Reduce(u32),
    Accept,
}

#[derive(Debug, Clone)]
pub struct Production {
    /// Nonterminal index (0-based among nonterminals).
    pub lhs: u16,
    /// Symbols: terminals are `0..n_terms`, nonterminals `n_terms..`.
    pub rhs: Vec<u16>,
    pub tag: &'static str,
}

/// The action and goto tables: dense as [`build`] makes them, or the rows
/// of a [`Frozen`] grammar read in place.
#[derive(Debug)]
enum Cells {
    /// `action[state * n_terms + terminal]`, `goto[state * n_nonterms + nonterminal]` (`u32::MAX`: none).
    Dense { action: Vec<Action>, goto: Vec<u32> },
    Frozen { action: &'static [&'static [i32]], goto: &'static [&'static [(u16, u32)]] },
}

/// Parse tables for a grammar.
#[derive(Debug)]
pub struct Tables {
    pub n_terms: usize,
    pub n_nonterms: usize,
    pub prods: Vec<Production>,
    pub nonterm_names: Vec<String>,
    cells: Cells,
    default_reduce: Vec<Option<u32>>,
    /// Conflicts found (and resolved) while building, for tests.
    pub conflicts: Vec<String>,
}

impl Tables {
    pub fn action(&self, state: u32, term: usize) -> Action {
        match &self.cells {
            Cells::Dense { action, .. } => action[state as usize * self.n_terms + term],
            Cells::Frozen { action, .. } => {
                let row = action[state as usize];
                let mut i = 0;
                while i < row.len() {
                    let (first, n) = (row[i] as usize, row[i + 1] as usize);
                    if (first..first + n).contains(&term) {
                        return Action::from_code(row[i + 2 + term - first]);
                    }
                    i += 2 + n;
                }
                Action::Error
            }
        }
    }

    pub fn goto(&self, state: u32, nonterm: u16) -> u32 {
        match &self.cells {
            Cells::Dense { goto, .. } => goto[state as usize * self.n_nonterms + nonterm as usize],
            Cells::Frozen { goto, .. } => goto[state as usize].iter().find(|&&(nt, _)| nt == nonterm).map_or(u32::MAX, |&(_, to)| to),
        }
    }

    /// The reduction a state makes without reading a token, if any.
    pub fn default_reduce(&self, state: u32) -> Option<u32> {
        self.default_reduce[state as usize]
    }

    /// Terminals with an action in `state` (what mermaid lists as "Expecting").
    pub fn expected(&self, state: u32) -> Vec<usize> {
        (0..self.n_terms).filter(|&t| self.action(state, t) != Action::Error).collect()
    }

    pub fn n_states(&self) -> usize {
        self.default_reduce.len()
    }
}

/// Tables as constants in the binary, written by [`Tables::freeze`] into a
/// file kept beside the grammar: building them costs more than the rest of
/// drawing a small diagram, so a process thaws them instead. A test per
/// grammar checks the file against [`build`] (and rewrites it with
/// `UPDATE_TABLES=1`), so it cannot go stale.
pub struct Frozen {
    pub n_terms: usize,
    pub n_nonterms: usize,
    /// (lhs, rhs, tag) of each production.
    pub prods: &'static [(u16, &'static [u16], &'static str)],
    pub nonterm_names: &'static [&'static str],
    /// Each row's actions as runs: (first terminal, then one code per
    /// terminal from there; codes: 0 error, s + 1 shift to s, -(p + 1)
    /// reduce by p, `i32::MIN` accept). Terminals outside the runs: error.
    pub action: &'static [&'static [i32]],
    /// Each row's gotos as (nonterminal, state) pairs (others: none).
    pub goto: &'static [&'static [(u16, u32)]],
    /// -1: none.
    pub default_reduce: &'static [i32],
    /// The tables, thawed at first use.
    pub thawed: std::sync::OnceLock<Tables>,
}

impl Frozen {
    /// The tables, thawed once.
    pub fn tables(&'static self) -> &'static Tables {
        self.thawed.get_or_init(|| Tables::thaw(self))
    }
}

impl Action {
    fn code(self) -> i32 {
        match self {
            Action::Error => 0,
            Action::Shift(s) => s as i32 + 1,
            Action::Reduce(p) => -(p as i32) - 1,
            Action::Accept => i32::MIN,
        }
    }

    fn from_code(c: i32) -> Action {
        match c {
            0 => Action::Error,
            i32::MIN => Action::Accept,
            c if c > 0 => Action::Shift(c as u32 - 1),
            c => Action::Reduce((-c - 1) as u32),
        }
    }
}

impl Tables {
    /// The tables from their frozen form (no conflicts listed: those are
    /// [`build`]'s to report).
    ///
    /// The action and goto rows are read where they are (short runs and
    /// pairs, looked up in place): a dense copy cost a small diagram's
    /// process more than its parse, most of it in the pages it touched.
    pub fn thaw(f: &'static Frozen) -> Tables {
        Tables {
            n_terms: f.n_terms,
            n_nonterms: f.n_nonterms,
            prods: f.prods.iter().map(|&(lhs, rhs, tag)| Production { lhs, rhs: rhs.to_vec(), tag }).collect(),
            nonterm_names: f.nonterm_names.iter().map(|n| n.to_string()).collect(),
            cells: Cells::Frozen { action: f.action, goto: f.goto },
            default_reduce: f.default_reduce.iter().map(|&d| u32::try_from(d).ok()).collect(),
            conflicts: Vec::new(),
        }
    }

    /// Rust source defining `pub static FROZEN: Frozen` for these tables.
    pub fn freeze(&self, grammar: &str) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "//! The {grammar} grammar's LALR(1) tables, frozen (`crate::parse::lalr::Frozen`).");
        let _ = writeln!(out, "//! Generated: `UPDATE_TABLES=1 cargo test` rewrites this file; a test checks it.");
        let _ = writeln!(out, "use crate::parse::lalr::Frozen;\n");
        let _ = writeln!(out, "pub static FROZEN: Frozen = Frozen {{");
        let _ = writeln!(out, "    n_terms: {},\n    n_nonterms: {},", self.n_terms, self.n_nonterms);
        out.push_str("    prods: &[\n");
        for p in &self.prods {
            let _ = writeln!(out, "        ({}, &{:?}, {:?}),", p.lhs, p.rhs, p.tag);
        }
        out.push_str("    ],\n    nonterm_names: &[\n");
        for n in &self.nonterm_names {
            let _ = writeln!(out, "        {n:?},");
        }
        out.push_str("    ],\n    action: &[\n");
        for state in 0..self.n_states() {
            let row: Vec<Action> = (0..self.n_terms).map(|t| self.action(state as u32, t)).collect();
            // runs of non-error actions, joined across gaps of up to 3 errors
            let mut runs: Vec<i32> = Vec::new();
            let mut t = 0;
            while t < row.len() {
                if row[t] == Action::Error {
                    t += 1;
                    continue;
                }
                let mut end = t + 1;
                while end < row.len() && (row[end] != Action::Error || row[end..row.len().min(end + 4)].iter().any(|a| *a != Action::Error)) {
                    end += 1;
                }
                while row[end - 1] == Action::Error {
                    end -= 1;
                }
                runs.push(t as i32);
                runs.push((end - t) as i32);
                runs.extend(row[t..end].iter().map(|a| a.code()));
                t = end;
            }
            let _ = writeln!(out, "        &{runs:?},");
        }
        out.push_str("    ],\n    goto: &[\n");
        for state in 0..self.n_states() {
            let pairs: Vec<(u16, u32)> = (0..self.n_nonterms).map(|nt| (nt as u16, self.goto(state as u32, nt as u16))).filter(|&(_, to)| to != u32::MAX).collect();
            let _ = writeln!(out, "        &{pairs:?},");
        }
        let defaults: Vec<i32> = self.default_reduce.iter().map(|d| d.map_or(-1, |p| p as i32)).collect();
        let _ = writeln!(out, "    ],\n    default_reduce: &{defaults:?},\n    thawed: std::sync::OnceLock::new(),\n}};");
        out
    }

    /// The same action and goto in every state, whatever the form.
    fn same_cells(&self, other: &Tables) -> bool {
        (0..self.n_states() as u32).all(|s| (0..self.n_terms).all(|t| self.action(s, t) == other.action(s, t)) && (0..self.n_nonterms as u16).all(|nt| self.goto(s, nt) == other.goto(s, nt)))
    }

    /// Are these the same tables (conflict notes aside)?
    pub fn same_as(&self, other: &Tables) -> bool {
        self.n_terms == other.n_terms
            && self.n_nonterms == other.n_nonterms
            && self.same_cells(other)
            && self.default_reduce == other.default_reduce
            && self.nonterm_names == other.nonterm_names
            && self.prods.len() == other.prods.len()
            && self.prods.iter().zip(&other.prods).all(|(a, b)| a.lhs == b.lhs && a.rhs == b.rhs && a.tag == b.tag)
    }
}

/// Checks a grammar's frozen tables against a fresh [`build`]; with
/// `UPDATE_TABLES=1` writes `file` (relative to the crate) anew instead.
#[cfg(test)]
pub(crate) fn assert_frozen_current(spec: &GrammarSpec, frozen: &'static Frozen, grammar: &str, file: &str) {
    let built = build(spec);
    let source = built.freeze(grammar);
    if std::env::var_os("UPDATE_TABLES").is_some() {
        std::fs::write(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file), &source).expect("write the frozen tables");
        return;
    }
    assert!(Tables::thaw(frozen).same_as(&built), "{file} is stale: UPDATE_TABLES=1 cargo test rewrites it");
    // and the file is what freeze writes (no hand edits)
    let on_disk = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).expect("read the frozen tables");
    assert_eq!(on_disk, source, "{file} differs from what freeze writes: UPDATE_TABLES=1 cargo test rewrites it");
}

/// How to name terminals while reading a grammar text.
pub struct GrammarSpec<'a> {
    pub text: &'static str,
    pub n_terms: usize,
    /// Terminal index for a symbol name, if it is a terminal.
    pub terminal: &'a dyn Fn(&str) -> Option<usize>,
    /// Index of the end-of-input terminal (`$end`).
    pub end: usize,
}

/// Builds the tables. Panics on a malformed grammar text (a programming
/// error, caught by tests).
///
/// The result is that of the textbook construction ([`reference`]: LR(0)
/// sets of items, then lookaheads from an LR(1) closure of each kernel
/// item), computed cheaply enough to run at the start of every process.
/// In an LR(1) closure every item `C → ·γ` gets the same lookaheads: the
/// "follow of C" in that state. So lookaheads form one propagation graph
/// whose nodes are the kernel items and, per state, the follow of each
/// nonterminal in its closure; each item of a state's LR(0) closure adds
/// its edges once (to the kernel item it moves to, and to the follow of
/// the nonterminal after its dot), where the textbook construction redoes
/// the closure for every kernel item.
pub fn build(spec: &GrammarSpec) -> Tables {
    assert!(spec.n_terms < 127, "too many terminals for the bit sets");
    let (prods, nonterm_names) = read_grammar(spec);
    let nt = spec.n_terms;
    let nn = nonterm_names.len();
    let sym_count = nt + nn;

    // nullable and FIRST over nonterminals
    let mut nullable = vec![false; nn];
    let mut first = vec![0 as Set; nn];
    loop {
        let mut changed = false;
        for p in &prods {
            let a = p.lhs as usize;
            let mut all_nullable = true;
            let mut f: Set = 0;
            for &s in &p.rhs {
                let s = s as usize;
                if s < nt {
                    f |= 1 << s;
                    all_nullable = false;
                    break;
                }
                f |= first[s - nt];
                if !nullable[s - nt] {
                    all_nullable = false;
                    break;
                }
            }
            if first[a] | f != first[a] {
                first[a] |= f;
                changed = true;
            }
            if all_nullable && !nullable[a] {
                nullable[a] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // For every item (p, d): FIRST of what follows the symbol after the
    // dot, and whether that rest is nullable.
    let mut item_base = Vec::with_capacity(prods.len());
    let mut n_items = 0usize;
    for p in &prods {
        item_base.push(n_items);
        n_items += p.rhs.len() + 1;
    }
    let mut after = vec![(0 as Set, true); n_items];
    for (p, prod) in prods.iter().enumerate() {
        let (mut f, mut null) = (0 as Set, true);
        for d in (0..prod.rhs.len()).rev() {
            after[item_base[p] + d] = (f, null);
            let s = prod.rhs[d] as usize;
            if s < nt {
                (f, null) = (1 << s, false);
            } else if nullable[s - nt] {
                f |= first[s - nt];
            } else {
                (f, null) = (first[s - nt], false);
            }
        }
    }
    let mut by_lhs: Vec<Vec<u32>> = vec![Vec::new(); nn];
    for (i, p) in prods.iter().enumerate() {
        by_lhs[p.lhs as usize].push(i as u32);
    }
    let next_symbol = |p: u32, d: u16| -> Option<usize> { prods[p as usize].rhs.get(d as usize).map(|&s| s as usize) };

    // LR(0) automaton. Items are (production, dot); a state is its sorted
    // kernel. Kept per state: its closure (kernel items first, then the
    // start items of each nonterminal met, in order) and those nonterminals.
    type Item = (u32, u16);
    let mut kernels: Vec<Vec<Item>> = vec![vec![(0, 0)]];
    // (never iterated: its order cannot reach the tables)
    let mut index: FxHashMap<Vec<Item>, u32> = FxHashMap::default();
    index.insert(kernels[0].clone(), 0);
    let mut closures: Vec<Vec<Item>> = Vec::new();
    let mut closure_nonterms: Vec<Vec<u16>> = Vec::new();
    // transitions in order, and as the tables' shifts and gotos
    let mut action: Vec<Action> = Vec::new();
    let mut goto: Vec<u32> = Vec::new();
    let mut trans: Vec<Vec<(u16, u32)>> = Vec::new();
    let mut groups: Vec<Vec<Item>> = vec![Vec::new(); sym_count];
    let mut seen = vec![false; nn];
    let mut s = 0;
    while s < kernels.len() {
        let mut items: Vec<Item> = kernels[s].clone();
        let mut met: Vec<u16> = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let (p, d) = items[i];
            if let Some(c) = next_symbol(p, d)
                && c >= nt
                && !seen[c - nt]
            {
                seen[c - nt] = true;
                met.push((c - nt) as u16);
                items.extend(by_lhs[c - nt].iter().map(|&q| (q, 0)));
            }
            i += 1;
        }
        for &c in &met {
            seen[c as usize] = false;
        }
        // symbols after the dot, in order of first appearance
        let mut order: Vec<u16> = Vec::new();
        for &(p, d) in &items {
            if let Some(x) = next_symbol(p, d) {
                if x == spec.end && p == 0 {
                    continue; // accept, not a shift
                }
                if groups[x].is_empty() {
                    order.push(x as u16);
                }
                groups[x].push((p, d + 1));
            }
        }
        let mut t = Vec::with_capacity(order.len());
        action.resize((s + 1) * nt, Action::Error);
        goto.resize((s + 1) * nn, u32::MAX);
        for x in order {
            let mut k = std::mem::take(&mut groups[x as usize]);
            k.sort_unstable();
            k.dedup();
            let id = match index.get(&k) {
                Some(&id) => id,
                None => {
                    let id = kernels.len() as u32;
                    index.insert(k.clone(), id);
                    kernels.push(k);
                    id
                }
            };
            let x = x as usize;
            if x < nt {
                action[s * nt + x] = Action::Shift(id);
            } else {
                goto[s * nn + (x - nt)] = id;
            }
            t.push((x as u16, id));
        }
        trans.push(t);
        closures.push(items);
        closure_nonterms.push(met);
        s += 1;
    }
    let n_states = kernels.len();

    // The propagation graph: nodes are kernel items (state by state), then
    // each state's follows; a node starts with the lookaheads generated
    // there, an edge says the target's set includes the source's.
    let mut kernel_base = Vec::with_capacity(n_states);
    let mut follow_base = Vec::with_capacity(n_states);
    let mut n_nodes = 0usize;
    for k in &kernels {
        kernel_base.push(n_nodes);
        n_nodes += k.len();
    }
    for m in &closure_nonterms {
        follow_base.push(n_nodes);
        n_nodes += m.len();
    }
    let mut value: Vec<Set> = vec![0; n_nodes];
    let mut edges: Vec<(u32, u32)> = Vec::new();
    let mut follow_node = vec![u32::MAX; nn];
    for st in 0..n_states {
        for (i, &c) in closure_nonterms[st].iter().enumerate() {
            follow_node[c as usize] = (follow_base[st] + i) as u32;
        }
        let n_kernel = kernels[st].len();
        for (i, &(p, d)) in closures[st].iter().enumerate() {
            let Some(x) = next_symbol(p, d) else { continue };
            let here = if i < n_kernel { (kernel_base[st] + i) as u32 } else { follow_node[prods[p as usize].lhs as usize] };
            let to = if x < nt {
                match action[st * nt + x] {
                    Action::Shift(to) => to,
                    _ => u32::MAX,
                }
            } else {
                goto[st * nn + (x - nt)]
            };
            if to != u32::MAX {
                let to = to as usize;
                let k = kernels[to].binary_search(&(p, d + 1)).expect("kernel item");
                edges.push((here, (kernel_base[to] + k) as u32));
            }
            if x >= nt {
                let follow = follow_node[x - nt];
                let (f, null) = after[item_base[p as usize] + d as usize];
                value[follow as usize] |= f;
                if null {
                    edges.push((here, follow));
                }
            }
        }
    }
    // edges by source, then a worklist until nothing changes
    let mut edge_start = vec![0u32; n_nodes + 1];
    for &(from, _) in &edges {
        edge_start[from as usize + 1] += 1;
    }
    for i in 0..n_nodes {
        edge_start[i + 1] += edge_start[i];
    }
    let mut edge_to = vec![0u32; edges.len()];
    let mut fill = edge_start.clone();
    for &(from, to) in &edges {
        edge_to[fill[from as usize] as usize] = to;
        fill[from as usize] += 1;
    }
    let mut queued = vec![true; n_nodes];
    let mut work: VecDeque<u32> = (0..n_nodes as u32).collect();
    while let Some(n) = work.pop_front() {
        queued[n as usize] = false;
        let v = value[n as usize];
        for &m in &edge_to[edge_start[n as usize] as usize..edge_start[n as usize + 1] as usize] {
            let m = m as usize;
            if value[m] | v != value[m] {
                value[m] |= v;
                if !queued[m] {
                    queued[m] = true;
                    work.push_back(m as u32);
                }
            }
        }
    }

    // tables
    let mut conflicts = Vec::new();
    let mut default_reduce = vec![None; n_states];
    for st in 0..n_states {
        for (i, &c) in closure_nonterms[st].iter().enumerate() {
            follow_node[c as usize] = (follow_base[st] + i) as u32;
        }
        // reductions: complete kernel items, and empty productions
        let n_kernel = kernels[st].len();
        for (i, &(p, d)) in closures[st].iter().enumerate() {
            let rhs = &prods[p as usize].rhs;
            if i < n_kernel && p == 0 && d as usize == rhs.len() - 1 {
                action[st * nt + spec.end] = Action::Accept;
                continue;
            }
            if (d as usize) < rhs.len() {
                continue;
            }
            let l = if i < n_kernel { value[kernel_base[st] + i] } else { value[follow_node[prods[p as usize].lhs as usize] as usize] };
            let mut rest = l;
            while rest != 0 {
                let t = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let slot = &mut action[st * nt + t];
                match *slot {
                    Action::Error => *slot = Action::Reduce(p),
                    Action::Shift(_) | Action::Accept => {
                        conflicts.push(format!("state {st}: shift/reduce on terminal {t} (shift kept), production {p}"));
                    }
                    Action::Reduce(q) => {
                        if q != p {
                            conflicts.push(format!("state {st}: reduce/reduce on terminal {t}: {q} vs {p}"));
                            if p < q {
                                *slot = Action::Reduce(p);
                            }
                        }
                    }
                }
            }
        }
        // a state whose only entry is one reduction and that has no goto
        // (with no shift, its transitions are its gotos)
        let mut entries = action[st * nt..(st + 1) * nt].iter().filter(|a| **a != Action::Error);
        if let (Some(&Action::Reduce(p)), None) = (entries.next(), entries.next())
            && trans[st].is_empty()
        {
            default_reduce[st] = Some(p);
        }
    }
    Tables { n_terms: nt, n_nonterms: nn, prods, nonterm_names, cells: Cells::Dense { action, goto }, default_reduce, conflicts }
}

/// Reads `lhs : a b => tag | ... ;` rules. Production 0 is `$accept : start $end`.
fn read_grammar(spec: &GrammarSpec) -> (Vec<Production>, Vec<String>) {
    // first pass: nonterminal names in order of definition
    let text: &'static str = spec.text;
    let rules: Vec<(&str, &'static str)> = text
        .split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| {
            let (lhs, rhs) = r.split_once(':').unwrap_or_else(|| panic!("rule without ':': {r}"));
            (lhs.trim(), rhs)
        })
        .collect();
    let mut names: Vec<String> = vec!["$accept".to_string()];
    for (lhs, _) in &rules {
        if !names.iter().any(|n| n == lhs) {
            names.push(lhs.to_string());
        }
    }
    let nt = spec.n_terms;
    let sym = |name: &str| -> u16 {
        if let Some(t) = (spec.terminal)(name) {
            return t as u16;
        }
        let i = names.iter().position(|n| n == name).unwrap_or_else(|| panic!("unknown symbol {name}"));
        (nt + i) as u16
    };
    let start = (nt + 1) as u16;
    let mut prods = vec![Production { lhs: 0, rhs: vec![start, spec.end as u16], tag: "accept" }];
    for (lhs, rhs) in &rules {
        let l = (sym(lhs) as usize - nt) as u16;
        for alt in rhs.split('|') {
            let (syms, tag) = match alt.split_once("=>") {
                Some((s, t)) => (s, t.trim()),
                None => (alt, ""),
            };
            let rhs: Vec<u16> = syms.split_whitespace().map(&sym).collect();
            prods.push(Production { lhs: l, rhs, tag });
        }
    }
    (prods, names)
}

/// Asserts that [`build`] makes exactly the tables of the textbook
/// construction ([`reference::build`]) for a grammar; grammars call it
/// from their tests.
#[cfg(test)]
pub(crate) fn assert_same_as_reference(spec: &GrammarSpec) {
    let fast = build(spec);
    let slow = reference::build(spec);
    assert_eq!(fast.n_states(), slow.n_states(), "states");
    assert_eq!(fast.n_nonterms, slow.n_nonterms);
    assert_eq!(fast.nonterm_names, slow.nonterm_names);
    assert_eq!(fast.prods.len(), slow.prods.len());
    for (a, b) in fast.prods.iter().zip(&slow.prods) {
        assert_eq!((a.lhs, &a.rhs, a.tag), (b.lhs, &b.rhs, b.tag));
    }
    assert!(fast.same_cells(&slow), "action or goto tables differ");
    assert_eq!(fast.default_reduce, slow.default_reduce);
    let (mut c1, mut c2) = (fast.conflicts.clone(), slow.conflicts.clone());
    c1.sort();
    c2.sort();
    assert_eq!(c1, c2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_grammar_tables_match_the_reference() {
        let term = |s: &str| TERMS.iter().position(|t| *t == s);
        // with an empty production and a nullable prefix, to exercise the
        // marker substitution
        let spec = GrammarSpec {
            text: "s : o e => top ; o : => none | o * => star ; e : e + t => add | t ; t : t * f => mul | f ; f : ( o e ) => par | n => num ;",
            n_terms: TERMS.len(),
            terminal: &term,
            end: 0,
        };
        assert_same_as_reference(&spec);
    }

    const TERMS: &[&str] = &["$end", "n", "+", "*", "(", ")"];

    #[test]
    fn builds_an_expression_grammar() {
        let term = |s: &str| TERMS.iter().position(|t| *t == s);
        let spec = GrammarSpec {
            text: "e : e + t => add | t ; t : t * f => mul | f ; f : ( e ) => par | n => num ;",
            n_terms: TERMS.len(),
            terminal: &term,
            end: 0,
        };
        let t = build(&spec);
        assert!(t.conflicts.is_empty(), "{:?}", t.conflicts);
        // run n + n * n
        let input = [1usize, 2, 1, 3, 1, 0];
        let mut stack = vec![0u32];
        let mut i = 0;
        let mut reductions = Vec::new();
        loop {
            let s = *stack.last().unwrap();
            match t.action(s, input[i]) {
                Action::Shift(to) => {
                    stack.push(to);
                    i += 1;
                }
                Action::Reduce(p) => {
                    let prod = &t.prods[p as usize];
                    for _ in 0..prod.rhs.len() {
                        stack.pop();
                    }
                    reductions.push(prod.tag);
                    let g = t.goto(*stack.last().unwrap(), prod.lhs);
                    stack.push(g);
                }
                Action::Accept => break,
                Action::Error => panic!("error at {i}"),
            }
        }
        assert_eq!(reductions.iter().filter(|r| **r == "mul").count(), 1);
        assert_eq!(reductions.iter().filter(|r| **r == "add").count(), 1);
    }
}
