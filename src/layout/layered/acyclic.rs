//! Cycle removal. Constraints come in priority classes (cluster containment,
//! then cluster stacking, then the edges themselves); they are inserted in
//! that order and an edge that would close a cycle is reversed, so the
//! structure of the clusters is never the part given up. Within a class,
//! input order decides.

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
pub(super) fn make_acyclic_by_priority(n: usize, cs: &mut [Constraint], priority: &[u8], latest_first: bool) -> usize {
    let mut order: Vec<usize> = (0..cs.len()).collect();
    order.sort_by_key(|&k| (priority[k], if latest_first { usize::MAX - k } else { k }));
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut mark = vec![0usize; n];
    let mut stamp = 0usize;
    let mut count = 0;
    let mut stack = Vec::new();
    for k in order {
        let (u, v) = (cs[k].from, cs[k].to);
        // Does v reach u?
        stamp += 1;
        stack.clear();
        stack.push(v);
        mark[v] = stamp;
        let mut reaches = u == v;
        while let Some(x) = stack.pop() {
            if x == u {
                reaches = true;
                break;
            }
            for &y in &out[x] {
                if mark[y] != stamp {
                    mark[y] = stamp;
                    stack.push(y);
                }
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

#[cfg(test)]
mod tests {
    use super::*;

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
