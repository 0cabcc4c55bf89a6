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

use std::collections::HashMap;

/// Terminal bit sets (at most 127 terminals; bit 127 is the LALR marker).
type Set = u128;
const MARK: Set = 1 << 127;

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

/// Parse tables for a grammar.
#[derive(Debug)]
pub struct Tables {
    pub n_terms: usize,
    pub n_nonterms: usize,
    pub prods: Vec<Production>,
    pub nonterm_names: Vec<String>,
    action: Vec<Action>,
    goto: Vec<u32>,
    default_reduce: Vec<Option<u32>>,
    /// Conflicts found (and resolved) while building, for tests.
    pub conflicts: Vec<String>,
}

impl Tables {
    pub fn action(&self, state: u32, term: usize) -> Action {
        self.action[state as usize * self.n_terms + term]
    }

    pub fn goto(&self, state: u32, nonterm: u16) -> u32 {
        self.goto[state as usize * self.n_nonterms + nonterm as usize]
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
    // FIRST of a symbol string, and whether it is nullable
    let first_of = |syms: &[u16]| -> (Set, bool) {
        let mut f: Set = 0;
        for &s in syms {
            let s = s as usize;
            if s < nt {
                return (f | (1 << s), false);
            }
            f |= first[s - nt];
            if !nullable[s - nt] {
                return (f, false);
            }
        }
        (f, true)
    };
    let mut by_lhs: Vec<Vec<u32>> = vec![Vec::new(); nn];
    for (i, p) in prods.iter().enumerate() {
        by_lhs[p.lhs as usize].push(i as u32);
    }

    // LR(0) automaton. Items are (production, dot).
    type Item = (u32, u16);
    let closure0 = |kernel: &[Item]| -> Vec<Item> {
        let mut items: Vec<Item> = kernel.to_vec();
        let mut seen = vec![false; nn];
        let mut i = 0;
        while i < items.len() {
            let (p, d) = items[i];
            if let Some(&s) = prods[p as usize].rhs.get(d as usize) {
                let s = s as usize;
                if s >= nt && !seen[s - nt] {
                    seen[s - nt] = true;
                    for &q in &by_lhs[s - nt] {
                        items.push((q, 0));
                    }
                }
            }
            i += 1;
        }
        items
    };
    let mut kernels: Vec<Vec<Item>> = vec![vec![(0, 0)]];
    let mut index: HashMap<Vec<Item>, u32> = HashMap::new();
    index.insert(kernels[0].clone(), 0);
    let mut trans: Vec<Vec<(u16, u32)>> = Vec::new();
    let mut s = 0;
    while s < kernels.len() {
        let items = closure0(&kernels[s]);
        // symbols after the dot, in order of first appearance
        let mut order: Vec<u16> = Vec::new();
        let mut groups: HashMap<u16, Vec<Item>> = HashMap::new();
        for &(p, d) in &items {
            if let Some(&x) = prods[p as usize].rhs.get(d as usize) {
                if x as usize == spec.end && p == 0 {
                    continue; // accept, not a shift
                }
                groups.entry(x).or_insert_with(|| {
                    order.push(x);
                    Vec::new()
                });
                groups.get_mut(&x).unwrap().push((p, d + 1));
            }
        }
        let mut t = Vec::new();
        for x in order {
            let mut k = groups.remove(&x).unwrap();
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
            t.push((x, id));
        }
        trans.push(t);
        s += 1;
    }
    let n_states = kernels.len();
    let goto_of = |state: usize, x: u16| -> Option<u32> { trans[state].iter().find(|&&(y, _)| y == x).map(|&(_, to)| to) };

    // LR(1) closure of items with lookahead sets
    let closure1 = |seed: &[(Item, Set)]| -> Vec<(Item, Set)> {
        let mut items: Vec<(Item, Set)> = seed.to_vec();
        let mut pos: HashMap<Item, usize> = items.iter().enumerate().map(|(i, (it, _))| (*it, i)).collect();
        let mut work: Vec<usize> = (0..items.len()).collect();
        while let Some(i) = work.pop() {
            let ((p, d), la) = items[i];
            let rhs = &prods[p as usize].rhs;
            let Some(&b) = rhs.get(d as usize) else { continue };
            let b = b as usize;
            if b < nt {
                continue;
            }
            let (f, null) = first_of(&rhs[d as usize + 1..]);
            let add = f | if null { la } else { 0 };
            for &q in &by_lhs[b - nt] {
                let it = (q, 0u16);
                match pos.get(&it) {
                    Some(&j) => {
                        if items[j].1 | add != items[j].1 {
                            items[j].1 |= add;
                            work.push(j);
                        }
                    }
                    None => {
                        pos.insert(it, items.len());
                        items.push((it, add));
                        work.push(items.len() - 1);
                    }
                }
            }
        }
        items
    };

    // lookaheads of kernel items: spontaneous ones and propagation links
    let mut la: Vec<Vec<Set>> = kernels.iter().map(|k| vec![0; k.len()]).collect();
    let mut links: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let kernel_pos = |state: usize, item: Item| -> usize { kernels[state].binary_search(&item).expect("kernel item") };
    for st in 0..n_states {
        for (ki, &kitem) in kernels[st].iter().enumerate() {
            let cl = closure1(&[(kitem, MARK)]);
            for ((p, d), l) in cl {
                let Some(&x) = prods[p as usize].rhs.get(d as usize) else { continue };
                let Some(to) = goto_of(st, x) else { continue };
                let to = to as usize;
                let tk = kernel_pos(to, (p, d + 1));
                la[to][tk] |= l & !MARK;
                if l & MARK != 0 {
                    links.push(((st, ki), (to, tk)));
                }
            }
        }
    }
    loop {
        let mut changed = false;
        for &((fs, fk), (ts, tk)) in &links {
            let add = la[fs][fk];
            if la[ts][tk] | add != la[ts][tk] {
                la[ts][tk] |= add;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // tables
    let mut action = vec![Action::Error; n_states * nt];
    let mut goto = vec![u32::MAX; n_states * nn];
    let mut conflicts = Vec::new();
    let mut default_reduce = vec![None; n_states];
    for st in 0..n_states {
        for &(x, to) in &trans[st] {
            let x = x as usize;
            if x < nt {
                action[st * nt + x] = Action::Shift(to);
            } else {
                goto[st * nn + (x - nt)] = to;
            }
        }
        let seed: Vec<(Item, Set)> = kernels[st].iter().copied().zip(la[st].iter().copied()).collect();
        let cl = closure1(&seed);
        for ((p, d), l) in &cl {
            let rhs = &prods[*p as usize].rhs;
            if *p == 0 && *d as usize == rhs.len() - 1 {
                action[st * nt + spec.end] = Action::Accept;
                continue;
            }
            if (*d as usize) < rhs.len() {
                continue;
            }
            for t in 0..nt {
                if l & (1 << t) == 0 {
                    continue;
                }
                let slot = &mut action[st * nt + t];
                match *slot {
                    Action::Error => *slot = Action::Reduce(*p),
                    Action::Shift(_) | Action::Accept => {
                        conflicts.push(format!("state {st}: shift/reduce on terminal {t} (shift kept), production {p}"));
                    }
                    Action::Reduce(q) => {
                        if q != *p {
                            conflicts.push(format!("state {st}: reduce/reduce on terminal {t}: {q} vs {p}"));
                            if *p < q {
                                *slot = Action::Reduce(*p);
                            }
                        }
                    }
                }
            }
        }
        let entries: Vec<Action> = (0..nt).map(|t| action[st * nt + t]).filter(|a| *a != Action::Error).collect();
        let gotos = (0..nn).filter(|&n| goto[st * nn + n] != u32::MAX).count();
        if entries.len() == 1 && gotos == 0 {
            if let Action::Reduce(p) = entries[0] {
                default_reduce[st] = Some(p);
            }
        }
    }
    let _ = sym_count;
    Tables { n_terms: nt, n_nonterms: nn, prods, nonterm_names, action, goto, default_reduce, conflicts }
}

/// Reads `lhs : a b => tag | ... ;` rules. Production 0 is `$accept : start $end`.
fn read_grammar(spec: &GrammarSpec) -> (Vec<Production>, Vec<String>) {
    // first pass: nonterminal names in order of definition
    let rules: Vec<(&str, &str)> = spec
        .text
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
            // tags live as long as the grammar text
            let tag: &'static str = if tag.is_empty() { "" } else { leak_tag(spec.text, tag) };
            prods.push(Production { lhs: l, rhs, tag });
        }
    }
    (prods, names)
}

/// The `'static` slice of the grammar text equal to `tag`.
fn leak_tag(text: &'static str, tag: &str) -> &'static str {
    let at = text.find(tag).expect("tag comes from the text");
    &text[at..at + tag.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

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
