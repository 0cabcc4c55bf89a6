//! Cycle removal: a depth-first search in input order reverses the edges that
//! point back to a vertex still on the search path (dagre's `dfs` choice).

/// A ranking constraint: `to` at least `minlen` ranks below `from`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Constraint {
    pub from: usize,
    pub to: usize,
    pub minlen: i32,
    pub weight: f64,
}

/// Reverses back edges in place so the constraints form a DAG; returns how
/// many were reversed.
pub(super) fn make_acyclic(n: usize, cs: &mut [Constraint]) -> usize {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, c) in cs.iter().enumerate() {
        out[c.from].push(k);
    }
    // 0 unvisited, 1 on the path, 2 done.
    let mut state = vec![0u8; n];
    let mut reverse = vec![false; cs.len()];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < out[v].len() {
                let k = out[v][*i];
                *i += 1;
                let w = cs[k].to;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reverse[k] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    let mut count = 0;
    for (k, c) in cs.iter_mut().enumerate() {
        if reverse[k] {
            std::mem::swap(&mut c.from, &mut c.to);
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_loses_one_edge() {
        let c = |from, to| Constraint { from, to, minlen: 1, weight: 1.0 };
        let mut cs = vec![c(0, 1), c(1, 2), c(2, 0), c(2, 3)];
        assert_eq!(make_acyclic(4, &mut cs), 1);
        assert_eq!(cs[2], c(0, 2));
    }
}
