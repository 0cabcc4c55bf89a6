//! The textbook construction of LALR(1) tables (Aho, Sethi & Ullman,
//! algorithm 4.13: one LR(1) closure per kernel item to find spontaneous
//! lookaheads and propagation links), kept as the reference that the fast
//! [`super::build`] must equal table for table.

use super::{read_grammar, Action, GrammarSpec, Set, Tables};
use std::collections::HashMap;

/// The lookahead that marks propagation (bit 127: never a terminal).
const MARK: Set = 1 << 127;

/// Builds the tables the slow, obvious way.
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
    Tables { n_terms: nt, n_nonterms: nn, prods, nonterm_names, cells: super::Cells::Dense { action, goto }, default_reduce, conflicts }
}

