//! Generated flowcharts for measuring how the layout grows with size:
//! layered random graphs (a deterministic LCG, so every run draws the same
//! graphs) of `n` nodes in about sqrt(n) ranks, each node with 2 edges to
//! the next one or two ranks; optionally with nested subgraphs (5 nodes to
//! a subgraph, 4 subgraphs to a parent), and a deep-nesting case.
//!
//! Shared by `benches/growth.rs` (criterion) and `examples/growth_table.rs`
//! (the table in the closing notes), through `#[path]`.

/// A small deterministic generator (Knuth's MMIX LCG).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A layered random flowchart of `n` nodes with `2 n` edges (fewer at the
/// last ranks), nested subgraphs when `clusters`.
pub fn layered(n: usize, clusters: bool, seed: u64) -> String {
    let mut rng = Lcg::new(seed);
    let ranks = ((n as f64).sqrt().round() as usize).max(2);
    let per = n.div_ceil(ranks);
    let rank_of = |i: usize| i / per;
    let mut out = String::from("graph TD\n");
    if clusters {
        // 5 nodes a subgraph, 4 subgraphs a parent
        let groups = n.div_ceil(5);
        for parent in 0..groups.div_ceil(4) {
            out.push_str(&format!("  subgraph P{parent}[Parent {parent}]\n"));
            for g in parent * 4..((parent + 1) * 4).min(groups) {
                out.push_str(&format!("    subgraph G{g}[Group {g}]\n"));
                for i in g * 5..((g + 1) * 5).min(n) {
                    out.push_str(&format!("      N{i}[Node {i}]\n"));
                }
                out.push_str("    end\n");
            }
            out.push_str("  end\n");
        }
    } else {
        for i in 0..n {
            out.push_str(&format!("  N{i}[Node {i}]\n"));
        }
    }
    for i in 0..n {
        let r = rank_of(i);
        for _ in 0..2 {
            let target_rank = r + 1 + rng.below(2);
            let start = target_rank * per;
            if start >= n {
                continue;
            }
            let j = start + rng.below(per.min(n - start));
            out.push_str(&format!("  N{i} --> N{j}\n"));
        }
    }
    out
}

/// Subgraphs nested `depth` deep, a node in each, each node linked to the next.
pub fn deep(depth: usize) -> String {
    let mut out = String::from("graph TD\n");
    for d in 0..depth {
        out.push_str(&format!("{}subgraph S{d}[Level {d}]\n{}N{d}[Node {d}]\n", " ".repeat(d + 1), " ".repeat(d + 2)));
    }
    for d in (0..depth).rev() {
        out.push_str(&format!("{}end\n", " ".repeat(d + 1)));
    }
    for d in 1..depth {
        out.push_str(&format!("  N{} --> N{d}\n", d - 1));
    }
    out
}
