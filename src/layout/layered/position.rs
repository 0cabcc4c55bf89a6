//! Coordinates in the top-to-bottom frame. Ranks are stacked with room for
//! cluster borders and titles between them; positions along a rank come from
//! Brandes–Köpf (four alignments, then their mean, which keeps every
//! separation constraint since each alignment meets them), with each
//! cluster's border vertices aligned into one straight block per side.

use super::graph::{Compound, Side, TitleSide, VKind};
use super::order::{Adjacency, Ordering};
use std::collections::{BTreeMap, HashSet};

/// Separation between neighbouring virtual vertices.
pub(super) const EDGE_SEP: f64 = 20.0;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Coordinates {
    /// Vertex centres.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// Centre line and height of each rank.
    pub rank_y: Vec<f64>,
    pub rank_h: Vec<f64>,
    /// Cluster boxes (x0, y0, x1, y1), for present clusters.
    pub clusters: Vec<Option<[f64; 4]>>,
}

impl Coordinates {
    /// Area of the bounding box of every vertex and cluster.
    pub fn area(&self, g: &Compound) -> f64 {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (v, vx) in g.vertices.iter().enumerate() {
            x0 = x0.min(self.x[v] - vx.w / 2.0);
            x1 = x1.max(self.x[v] + vx.w / 2.0);
            y0 = y0.min(self.y[v] - vx.h / 2.0);
            y1 = y1.max(self.y[v] + vx.h / 2.0);
        }
        for b in self.clusters.iter().flatten() {
            x0 = x0.min(b[0]);
            y0 = y0.min(b[1]);
            x1 = x1.max(b[2]);
            y1 = y1.max(b[3]);
        }
        if x1 < x0 { 0.0 } else { (x1 - x0) * (y1 - y0) }
    }
}

/// How far a cluster's border lies outside its first and last ranks.
fn offsets(g: &Compound, extra: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = g.clusters.len();
    let side = g.title_side();
    let mut top = vec![0.0; n];
    let mut bot = vec![0.0; n];
    // Deepest first, so children are done before parents.
    let mut order: Vec<usize> = (0..n).filter(|&c| g.clusters[c].present && g.clusters[c].span.is_some()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(g.clusters[c].depth));
    for c in order {
        let (s, e) = g.clusters[c].span.unwrap();
        let own_top = if side == TitleSide::Top { g.title_band(c) } else { g.pad };
        let own_bot = if side == TitleSide::Bottom { g.title_band(c) } else { g.pad };
        let mut t: f64 = 0.0;
        let mut b: f64 = 0.0;
        for &d in &g.clusters[c].children {
            if let Some((ds, de)) = g.clusters[d].span {
                if ds == s {
                    t = t.max(top[d]);
                }
                if de == e {
                    b = b.max(bot[d]);
                }
            }
        }
        top[c] = own_top + t + extra[c];
        bot[c] = own_bot + b + extra[c];
    }
    (top, bot)
}

/// Gap left of `b` when `a` is its left neighbour.
fn gap(g: &Compound, a: usize, b: usize) -> f64 {
    let (ka, kb) = (g.vertices[a].kind, g.vertices[b].kind);
    let lead = |c: usize| if g.title_side() == TitleSide::Left { g.title_band(c) } else { g.pad };
    let own = |k: VKind| match k {
        VKind::Dummy(_) => EDGE_SEP,
        _ => g.node_sep,
    };
    match (ka, kb) {
        (VKind::Border(c, Side::Left), VKind::Border(d, Side::Right)) if c == d => lead(c) + g.pad,
        (VKind::Border(c, Side::Left), _) => lead(c),
        (_, VKind::Border(_, Side::Right)) => g.pad,
        (VKind::Border(_, Side::Right), VKind::Border(_, Side::Left)) => g.node_sep / 2.0,
        (VKind::Border(_, Side::Right), k) | (k, VKind::Border(_, Side::Left)) => own(k) / 2.0,
        (x, y) => (own(x) + own(y)) / 2.0,
    }
}

fn sep(g: &Compound, a: usize, b: usize) -> f64 {
    (g.vertices[a].w + g.vertices[b].w) / 2.0 + gap(g, a, b)
}

fn is_virtual(k: VKind) -> bool {
    matches!(k, VKind::Dummy(_) | VKind::Label(_) | VKind::Border(..))
}

/// Segments between virtual vertices that other segments should not cross
/// for alignment (type 1 conflicts, Brandes & Köpf).
fn type1_conflicts(g: &Compound, layers: &[Vec<usize>], adj: &Adjacency, pos: &[usize]) -> HashSet<(usize, usize)> {
    let mut marked = HashSet::new();
    for r in 1..layers.len() {
        let (upper, lower) = (&layers[r - 1], &layers[r]);
        let mut k0 = 0usize;
        let mut l = 0usize;
        for l1 in 0..lower.len() {
            let v = lower[l1];
            let inner = if is_virtual(g.vertices[v].kind) { adj.up[v].iter().copied().find(|&u| is_virtual(g.vertices[u].kind)) } else { None };
            if l1 + 1 == lower.len() || inner.is_some() {
                let k1 = inner.map(|u| pos[u]).unwrap_or(upper.len().saturating_sub(1));
                while l <= l1 {
                    let w = lower[l];
                    for &u in &adj.up[w] {
                        if pos[u] < k0 || pos[u] > k1 {
                            marked.insert((u, w));
                        }
                    }
                    l += 1;
                }
                k0 = k1;
            }
        }
    }
    marked
}

/// One Brandes–Köpf alignment and compaction; `None` if the block graph has a cycle.
#[allow(clippy::too_many_arguments)]
fn align_and_compact(
    g: &Compound,
    layers: &[Vec<usize>],
    adj: &Adjacency,
    conflicts: &HashSet<(usize, usize)>,
    border_at: &BTreeMap<(usize, bool, i32), usize>,
    downward: bool,
    leftward: bool,
    use_medians: bool,
) -> Option<Vec<f64>> {
    let n = g.vertices.len();
    let mut seq: Vec<Vec<usize>> = layers.to_vec();
    if !downward {
        seq.reverse();
    }
    if !leftward {
        for l in seq.iter_mut() {
            l.reverse();
        }
    }
    let mut pos = vec![0usize; n];
    for l in &seq {
        for (i, &v) in l.iter().enumerate() {
            pos[v] = i;
        }
    }
    let mut root: Vec<usize> = (0..n).collect();
    // each border's partner on the rank before (looked up once)
    let partners: Vec<Option<usize>> = g
        .vertices
        .iter()
        .map(|vx| match vx.kind {
            VKind::Border(c, side) => border_at.get(&(c, side == Side::Left, vx.rank + if downward { -1 } else { 1 })).copied(),
            _ => None,
        })
        .collect();
    let partner = |v: usize| partners[v];
    for i in 1..seq.len() {
        let cur = &seq[i];
        // Upper position of the next forced pair at or after each position.
        let mut next_forced = vec![usize::MAX; cur.len() + 1];
        for k in (0..cur.len()).rev() {
            next_forced[k] = match partner(cur[k]) {
                Some(u) => pos[u],
                None => next_forced[k + 1],
            };
        }
        let mut r: i64 = -1;
        for (k, &v) in cur.iter().enumerate() {
            if let Some(u) = partner(v) {
                root[v] = root[u];
                r = pos[u] as i64;
                continue;
            }
            if !use_medians {
                continue;
            }
            let mut nb: Vec<usize> = if downward { adj.up[v].clone() } else { adj.down[v].clone() };
            if nb.is_empty() {
                continue;
            }
            nb.sort_by_key(|&u| pos[u]);
            let d = nb.len();
            let ms = if d % 2 == 1 { vec![d / 2] } else { vec![d / 2 - 1, d / 2] };
            for m in ms {
                let u = nb[m];
                let key = if downward { (u, v) } else { (v, u) };
                if conflicts.contains(&key) || g.vertices[u].is_border() {
                    continue;
                }
                if r < pos[u] as i64 && pos[u] < next_forced[k + 1] {
                    root[v] = root[u];
                    r = pos[u] as i64;
                    break;
                }
            }
        }
    }
    // Block graph: left neighbour's block before the right one's.
    let mut succ: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    let mut add = |a: usize, b: usize, w: f64, succ: &mut Vec<Vec<(usize, f64)>>| {
        succ[a].push((b, w));
        indeg[b] += 1;
    };
    for l in &seq {
        for w in l.windows(2) {
            let (a, b) = (w[0], w[1]);
            let s = if leftward { sep(g, a, b) } else { sep(g, b, a) };
            if root[a] == root[b] {
                return None;
            }
            add(root[a], root[b], s, &mut succ);
        }
    }
    // Clusters at least as wide as their titles.
    if g.title_side() != TitleSide::Left {
        for c in 0..g.clusters.len() {
            if let Some((s, _)) = g.clusters[c].span {
                if let (Some(&lv), Some(&rv)) = (border_at.get(&(c, true, s)), border_at.get(&(c, false, s))) {
                    let w = g.clusters[c].title_w + 2.0 * g.pad;
                    let (a, b) = if leftward { (lv, rv) } else { (rv, lv) };
                    add(root[a], root[b], w, &mut succ);
                }
            }
        }
    }
    let mut x = vec![0.0f64; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| root[v] == v && indeg[v] == 0).collect();
    let mut head = 0;
    let roots = (0..n).filter(|&v| root[v] == v).count();
    while head < queue.len() {
        let a = queue[head];
        head += 1;
        for &(b, w) in &succ[a] {
            x[b] = x[b].max(x[a] + w);
            indeg[b] -= 1;
            if indeg[b] == 0 {
                queue.push(b);
            }
        }
    }
    if queue.len() != roots {
        return None;
    }
    // Opening borders pulled in against what they hold: compaction leaves
    // them as far out as their other neighbours allow.
    let opening = if leftward { Side::Left } else { Side::Right };
    for &a in queue.iter().rev() {
        if matches!(g.vertices[a].kind, VKind::Border(_, s) if s == opening) {
            let list = &succ[a];
            if !list.is_empty() {
                let m = list.iter().map(|&(b, w)| x[b] - w).fold(f64::MAX, f64::min);
                if m > x[a] {
                    x[a] = m;
                }
            }
        }
    }
    Some((0..n).map(|v| if leftward { x[root[v]] } else { -x[root[v]] }).collect())
}

/// Centre lines of the ranks, far enough apart for cluster borders and titles.
fn stack_ranks(g: &Compound, rank_h: &[f64], top: &[f64], bot: &[f64]) -> Vec<f64> {
    let nr = rank_h.len();
    let mut need_below = vec![0.0f64; nr];
    let mut need_above = vec![0.0f64; nr];
    for c in 0..g.clusters.len() {
        if let (true, Some((s, e))) = (g.clusters[c].present, g.clusters[c].span) {
            need_above[s as usize] = need_above[s as usize].max(top[c]);
            need_below[e as usize] = need_below[e as usize].max(bot[c]);
        }
    }
    let mut real = vec![false; nr];
    let mut label = vec![false; nr];
    for v in &g.vertices {
        if v.rank >= 0 && (v.rank as usize) < nr {
            real[v.rank as usize] |= v.is_real();
            label[v.rank as usize] |= matches!(v.kind, VKind::Label(_));
        }
    }
    let label_only: Vec<bool> = (0..nr).map(|r| label[r] && !real[r]).collect();
    let mut rank_y = vec![0.0f64; nr];
    for r in 0..nr {
        if r == 0 {
            rank_y[0] = rank_h[0] / 2.0;
            continue;
        }
        let (b, t) = (need_below[r - 1], need_above[r]);
        // Ranks of labels (and edge points) only sit half as far from their
        // neighbours: a labelled edge is as long as an unlabelled one plus its label.
        let sep = if label_only[r - 1] || label_only[r] { g.rank_sep / 2.0 } else { g.rank_sep };
        // Cluster borders in the gap, and a channel between them for edges to bend in.
        let need = if b > 0.0 || t > 0.0 { b + t + sep } else { 0.0 };
        let gap = need.max(sep);
        rank_y[r] = rank_y[r - 1] + rank_h[r - 1] / 2.0 + gap + rank_h[r] / 2.0;
    }
    rank_y
}

pub(super) fn assign(g: &Compound, order: &Ordering, adj: &Adjacency) -> Coordinates {
    let n = g.vertices.len();
    let layers = &order.layers;
    let nr = layers.len();
    // Across ranks.
    let mut rank_h = vec![0.0f64; nr];
    for v in &g.vertices {
        if v.rank >= 0 && (v.rank as usize) < nr {
            rank_h[v.rank as usize] = rank_h[v.rank as usize].max(v.h);
        }
    }
    // In LR/RL a cluster's extent across ranks is its drawn width: it must
    // hold the title, so short clusters get extra room above and below.
    let mut extra = vec![0.0f64; g.clusters.len()];
    let (mut top, mut bot, mut rank_y) = (vec![], vec![], vec![]);
    for _ in 0..4 {
        (top, bot) = offsets(g, &extra);
        rank_y = stack_ranks(g, &rank_h, &top, &bot);
        let mut grew = false;
        if g.title_side() == TitleSide::Left {
            for c in 0..g.clusters.len() {
                if let (true, Some((s, e))) = (g.clusters[c].present, g.clusters[c].span) {
                    let extent = rank_y[e as usize] + rank_h[e as usize] / 2.0 + bot[c] - (rank_y[s as usize] - rank_h[s as usize] / 2.0 - top[c]);
                    let want = g.clusters[c].title_w + 2.0 * g.pad;
                    if extent + 0.5 < want {
                        extra[c] += (want - extent) / 2.0;
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            break;
        }
    }
    let y: Vec<f64> = g.vertices.iter().map(|v| rank_y[v.rank.clamp(0, nr as i32 - 1) as usize]).collect();

    // Along ranks.
    let mut pos = vec![0usize; n];
    for l in layers {
        for (i, &v) in l.iter().enumerate() {
            pos[v] = i;
        }
    }
    let mut border_at = BTreeMap::new();
    for (v, vx) in g.vertices.iter().enumerate() {
        if let VKind::Border(c, side) = vx.kind {
            border_at.insert((c, side == Side::Left, vx.rank), v);
        }
    }
    let conflicts = type1_conflicts(g, layers, adj, &pos);
    let mut results: Vec<(bool, Vec<f64>)> = Vec::new();
    for (down, left) in [(true, true), (true, false), (false, true), (false, false)] {
        let xs = align_and_compact(g, layers, adj, &conflicts, &border_at, down, left, true)
            .or_else(|| align_and_compact(g, layers, adj, &conflicts, &border_at, down, left, false));
        if let Some(xs) = xs {
            results.push((left, xs));
        }
    }
    let extent = |xs: &[f64]| {
        let lo = (0..n).map(|v| xs[v] - g.vertices[v].w / 2.0).fold(f64::MAX, f64::min);
        let hi = (0..n).map(|v| xs[v] + g.vertices[v].w / 2.0).fold(f64::MIN, f64::max);
        (lo, hi)
    };
    let mut x = vec![0.0; n];
    if !results.is_empty() && n > 0 {
        let smallest = results
            .iter()
            .map(|(_, xs)| extent(xs))
            .enumerate()
            .min_by(|a, b| (a.1 .1 - a.1 .0).total_cmp(&(b.1 .1 - b.1 .0)))
            .map(|(i, _)| i)
            .unwrap();
        let (slo, shi) = extent(&results[smallest].1);
        for (left, xs) in &results {
            let (lo, hi) = extent(xs);
            let shift = if *left { slo - lo } else { shi - hi };
            for v in 0..n {
                x[v] += (xs[v] + shift) / results.len() as f64;
            }
        }
    }
    // Cluster boxes: across ranks as tight as their contents allow (the rank
    // gaps were sized for the loosest case), innermost first.
    let mut clusters: Vec<Option<[f64; 4]>> = vec![None; g.clusters.len()];
    let mut inner: Vec<Option<(f64, f64)>> = vec![None; g.clusters.len()];
    for (v, vx) in g.vertices.iter().enumerate() {
        if vx.is_border() {
            continue;
        }
        if let Some(c) = vx.cluster {
            let (a, b) = (y[v] - vx.h / 2.0, y[v] + vx.h / 2.0);
            let e = inner[c].get_or_insert((a, b));
            e.0 = e.0.min(a);
            e.1 = e.1.max(b);
        }
    }
    let side = g.title_side();
    let mut order: Vec<usize> = (0..g.clusters.len()).filter(|&c| g.clusters[c].present && g.clusters[c].span.is_some()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(g.clusters[c].depth));
    for c in order {
        let (s, e) = g.clusters[c].span.unwrap();
        let (Some(&lv), Some(&rv)) = (border_at.get(&(c, true, s)), border_at.get(&(c, false, s))) else { continue };
        let loose = (rank_y[s as usize] - rank_h[s as usize] / 2.0 - top[c], rank_y[e as usize] + rank_h[e as usize] / 2.0 + bot[c]);
        let (y0, y1) = if side == TitleSide::Left {
            loose
        } else {
            let mut span = inner[c];
            for &d in &g.clusters[c].children {
                if let Some(r) = clusters[d] {
                    let e = span.get_or_insert((r[1], r[3]));
                    e.0 = e.0.min(r[1]);
                    e.1 = e.1.max(r[3]);
                }
            }
            let own_top = if side == TitleSide::Top { g.title_band(c) } else { g.pad };
            let own_bot = if side == TitleSide::Bottom { g.title_band(c) } else { g.pad };
            match span {
                Some((a, b)) => ((a - own_top).max(loose.0), (b + own_bot).min(loose.1)),
                None => loose,
            }
        };
        clusters[c] = Some([x[lv], y0, x[rv], y1]);
    }
    Coordinates { x, y, rank_y, rank_h, clusters }
}
