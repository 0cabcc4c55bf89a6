//! Cycle removal. Constraints come in priority classes (cluster containment,
//! then cluster stacking, then the edges themselves); they are inserted in
//! that order and an edge that would close a cycle is reversed, so the
//! structure of the clusters is never the part given up. Within a class,
//! input order decides.

use super::rows::Rows;

/// A ranking constraint: `to` at least `minlen` ranks below `from`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Constraint {
    pub from: usize,
    pub to: usize,
    pub minlen: i32,
    pub weight: f64,
}

/// Inserts the constraints by ascending `priority` (then input order, or
/// its reverse), reversing each one whose head already reaches its tail. Returns how many were reversed.
///
/// Whether the head reaches the tail is asked of a topological order kept
/// as constraints go in (Pearce and Kelly, "A dynamic topological sort
/// algorithm for directed acyclic graphs", 2006): a constraint that agrees
/// with the order needs no search, and one that does not searches only the
/// vertices between its ends in the order, then reorders them.
pub(super) fn make_acyclic_by_priority(n: usize, cs: &mut [Constraint], priority: &[u8], latest_first: bool) -> usize {
    let mut order: Vec<usize> = (0..cs.len()).collect();
    order.sort_by_key(|&k| (priority[k], if latest_first { usize::MAX - k } else { k }));
    // (a vertex's edges in either direction are among its constraints:
    // their rows' room)
    let room = Rows::build(n, cs.iter().flat_map(|c| [(c.from, 0), (c.to, 0)]));
    let (mut out, mut into) = (Rows::empty_like(&room), Rows::empty_like(&room));
    // position of each vertex in a topological order of what is inserted
    let mut ord: Vec<usize> = (0..n).collect();
    let mut mark = vec![0usize; n];
    let mut stamp = 0usize;
    let mut count = 0;
    let (mut stack, mut forward, mut backward, mut pool) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for k in order {
        let (u, v) = (cs[k].from, cs[k].to);
        // Does v reach u? Only through vertices ordered between them.
        let reaches = if u == v {
            true
        } else if ord[u] < ord[v] {
            false
        } else {
            let (lb, ub) = (ord[v], ord[u]);
            stamp += 1;
            stack.clear();
            forward.clear();
            stack.push(v);
            mark[v] = stamp;
            let mut found = false;
            while let Some(x) = stack.pop() {
                if x == u {
                    found = true;
                    break;
                }
                forward.push(x);
                for &y in out.row(x) {
                    if mark[y] != stamp && ord[y] <= ub {
                        mark[y] = stamp;
                        stack.push(y);
                    }
                }
            }
            if !found {
                // What reaches u from within the range goes before what v
                // reaches, in the positions they held between them.
                stamp += 1;
                backward.clear();
                stack.clear();
                stack.push(u);
                mark[u] = stamp;
                while let Some(x) = stack.pop() {
                    backward.push(x);
                    for &y in into.row(x) {
                        if mark[y] != stamp && ord[y] >= lb {
                            mark[y] = stamp;
                            stack.push(y);
                        }
                    }
                }
                forward.sort_unstable_by_key(|&x| ord[x]);
                backward.sort_unstable_by_key(|&x| ord[x]);
                pool.clear();
                pool.extend(backward.iter().chain(forward.iter()).map(|&x| ord[x]));
                pool.sort_unstable();
                for (&x, &at) in backward.iter().chain(forward.iter()).zip(pool.iter()) {
                    ord[x] = at;
                }
            }
            found
        };
        if reaches {
            std::mem::swap(&mut cs[k].from, &mut cs[k].to);
            count += 1;
        }
        out.push(cs[k].from, cs[k].to);
        into.push(cs[k].to, cs[k].from);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain construction: a search from the head for every constraint.
    fn by_search(n: usize, cs: &mut [Constraint], priority: &[u8], latest_first: bool) -> usize {
        let mut order: Vec<usize> = (0..cs.len()).collect();
        order.sort_by_key(|&k| (priority[k], if latest_first { usize::MAX - k } else { k }));
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut count = 0;
        for k in order {
            let (u, v) = (cs[k].from, cs[k].to);
            let mut seen = vec![false; n];
            let mut stack = vec![v];
            let mut reaches = false;
            while let Some(x) = stack.pop() {
                if x == u {
                    reaches = true;
                    break;
                }
                if !std::mem::replace(&mut seen[x], true) {
                    stack.extend(out[x].iter().copied());
                }
            }
            if reaches {
                std::mem::swap(&mut cs[k].from, &mut cs[k].to);
                count += 1;
            }
            out[cs[k].from].push(cs[k].to);
        }
        count
    }

    #[test]
    fn the_kept_order_reverses_what_a_search_would() {
        let mut seed = 7u64;
        let mut next = |m: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        };
        for round in 0..300 {
            let n = 2 + next(30);
            let m = next(4 * n);
            let cs: Vec<Constraint> = (0..m).map(|_| Constraint { from: next(n), to: next(n), minlen: 1, weight: 1.0 }).collect();
            let priority: Vec<u8> = (0..m).map(|_| next(3) as u8).collect();
            let latest_first = round % 2 == 1;
            let (mut a, mut b) = (cs.clone(), cs);
            let ca = make_acyclic_by_priority(n, &mut a, &priority, latest_first);
            let cb = by_search(n, &mut b, &priority, latest_first);
            assert_eq!((ca, &a), (cb, &b), "round {round}");
        }
    }

    #[test]
    fn lower_priority_edges_give_way() {
        let c = |from, to| Constraint { from, to, minlen: 1, weight: 1.0 };
        let mut cs = vec![c(1, 0), c(0, 1)];
        assert_eq!(make_acyclic_by_priority(2, &mut cs, &[1, 0], false), 1);
        assert_eq!(cs[0], c(0, 1));
        assert_eq!(cs[1], c(0, 1));
        // A plain cycle loses its last edge.
        let mut cs = vec![c(0, 1), c(1, 2), c(2, 0)];
        assert_eq!(make_acyclic_by_priority(3, &mut cs, &[0, 0, 0], false), 1);
        assert_eq!(cs[2], c(0, 2));
    }
}
