//! Crossing reduction: vertices ordered within ranks by alternating
//! barycentre sweeps and adjacent transposition (Gansner et al.), with every
//! cluster kept a contiguous run between its border vertices on each rank
//! and sibling clusters in one order on all ranks (Sander; Forster).

use super::graph::{Compound, Side, Term, VKind};
use super::normalize::{Chain, ChainKind};

/// Vertices of each rank, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ordering {
    pub layers: Vec<Vec<usize>>,
}

/// Neighbours of each vertex on the rank above and the rank below, and the
/// cluster nesting ordering reads: computed once per ranking.
pub(super) struct Adjacency {
    pub up: Vec<Vec<usize>>,
    pub down: Vec<Vec<usize>>,
    /// The clusters holding each vertex, innermost first.
    holders: Vec<Vec<usize>>,
    /// Present clusters in no other, in index order.
    roots: Vec<usize>,
}

/// A real vertex standing for a term on rank `r`.
fn rep(g: &Compound, t: Term, r: i32) -> Option<usize> {
    match t {
        Term::V(v) => Some(v),
        Term::C(c) => (0..g.vertices.len()).find(|&v| g.vertices[v].is_real() && g.vertices[v].rank == r && g.in_cluster(v, c)),
    }
}

pub(super) fn adjacency(g: &Compound, chains: &[Chain]) -> Adjacency {
    let n = g.vertices.len();
    let mut up = vec![Vec::new(); n];
    let mut down = vec![Vec::new(); n];
    for ch in chains {
        if ch.kind != ChainKind::Down {
            continue;
        }
        let mut seq = Vec::new();
        seq.extend(rep(g, ch.top, g.span(ch.top).1));
        seq.extend(ch.vertices.iter().copied());
        seq.extend(rep(g, ch.bottom, g.span(ch.bottom).0));
        for w in seq.windows(2) {
            if g.vertices[w[1]].rank == g.vertices[w[0]].rank + 1 {
                down[w[0]].push(w[1]);
                up[w[1]].push(w[0]);
            }
        }
    }
    let holders = (0..n).map(|v| g.chain(v)).collect();
    let roots = (0..g.clusters.len()).filter(|&c| g.clusters[c].parent.is_none() && g.clusters[c].present).collect();
    Adjacency { up, down, holders, roots }
}

struct Orderer<'a> {
    g: &'a Compound,
    adj: &'a Adjacency,
    layers: Vec<Vec<usize>>,
    pos: Vec<usize>,
    /// Global order of sibling clusters.
    ckey: Vec<f64>,
    /// Sum and count of each cluster's keys seen during the current sweep,
    /// and the clusters seen.
    seen: Vec<(f64, usize)>,
    seen_list: Vec<usize>,
    /// Sort keys by vertex (only the rank being ordered is current).
    key: Vec<f64>,
    /// Scratch for counting crossings: the edges between two ranks as
    /// positions, and a Fenwick tree over the lower rank.
    scratch: std::cell::RefCell<(Vec<usize>, Vec<usize>)>,
    /// Work done so far, in vertices arranged and edge ends compared: what
    /// a [`Budget`] is spent in.
    work: std::cell::Cell<u64>,
    /// Work allowed before the search stops where it is.
    limit: u64,
    /// Crossings between rank `r` and `r + 1`, while neither has changed.
    gap_crossings: Vec<std::cell::Cell<Option<usize>>>,
    tally: Tally,
    /// Item lists for [`Orderer::build`], one per nesting level.
    items: Vec<Vec<(f64, bool, usize)>>,
    slots: Vec<Vec<usize>>,
    /// Scratch for [`Orderer::reslot`]: each left border's right border,
    /// and the clusters open at an entry.
    close: Vec<usize>,
    open: Vec<(usize, usize, Option<usize>)>,
    /// A cluster-order trial's saved state, its memory kept from trial to trial.
    trial: Saved,
}

/// What [`Orderer::reslot`] makes of a nested rank.
enum Reslot {
    /// Every level's blocks are in the cluster order already.
    Unchanged,
    Reordered(Vec<usize>),
}

/// One rank's vertices by cluster, for [`Orderer::arrange`]; reused from
/// rank to rank (only what a rank touched is reset).
#[derive(Default)]
struct Tally {
    /// Vertices directly in each cluster (index 0: none, c + 1: cluster c).
    direct: Vec<Vec<usize>>,
    /// Sum and count of the keys of each cluster's vertices.
    sums: Vec<(f64, usize)>,
    /// Each cluster's left and right border vertex on the rank.
    borders: Vec<[Option<usize>; 2]>,
    present: Vec<bool>,
    /// Groups (`direct` indices) and clusters the rank touched.
    groups: Vec<usize>,
    clusters: Vec<usize>,
}

impl Tally {
    fn new(clusters: usize) -> Tally {
        Tally { direct: vec![Vec::new(); clusters + 1], sums: vec![(0.0, 0); clusters], borders: vec![[None, None]; clusters], present: vec![false; clusters], ..Tally::default() }
    }

    fn reset(&mut self) {
        for &i in &self.groups {
            self.direct[i].clear();
        }
        for &c in &self.clusters {
            self.sums[c] = (0.0, 0);
            self.borders[c] = [None, None];
            self.present[c] = false;
        }
        self.groups.clear();
        self.clusters.clear();
    }

    fn mark(&mut self, c: usize) {
        if !self.present[c] {
            self.present[c] = true;
            self.clusters.push(c);
        }
    }
}

impl Orderer<'_> {
    fn set_layer(&mut self, r: usize, layer: Vec<usize>) {
        if self.layers[r] != layer {
            self.changed(r);
        }
        for (i, &v) in layer.iter().enumerate() {
            self.pos[v] = i;
        }
        self.layers[r] = layer;
    }

    /// Rank `r`'s order changed: the crossings on either side of it are stale.
    fn changed(&self, r: usize) {
        if r > 0 {
            self.gap_crossings[r - 1].set(None);
        }
        if let Some(c) = self.gap_crossings.get(r) {
            c.set(None);
        }
    }

    fn note_seen(&mut self, c: usize, k: f64) {
        let e = &mut self.seen[c];
        if e.1 == 0 {
            self.seen_list.push(c);
        }
        e.0 += k;
        e.1 += 1;
    }

    fn clear_seen(&mut self) {
        for &c in &self.seen_list {
            self.seen[c] = (0.0, 0);
        }
        self.seen_list.clear();
    }

    /// Orders a rank by `key`, clusters contiguous, sibling clusters by `ckey`.
    fn arrange(&mut self, layer: &[usize], key: &[f64]) -> Vec<usize> {
        self.spend(layer.len());
        let g = self.g;
        let t = &mut self.tally;
        t.reset();
        for &v in layer {
            let vx = &g.vertices[v];
            if let VKind::Border(c, side) = vx.kind {
                t.borders[c][(side == Side::Right) as usize] = Some(v);
                t.mark(c);
                continue;
            }
            let i = vx.cluster.map_or(0, |c| c + 1);
            if t.direct[i].is_empty() {
                t.groups.push(i);
            }
            t.direct[i].push(v);
            for &c in &self.adj.holders[v] {
                t.sums[c].0 += key[v];
                t.sums[c].1 += 1;
                t.mark(c);
            }
        }
        let mut out = Vec::with_capacity(layer.len());
        self.build(None, 0, key, &mut out);
        out
    }

    fn build(&mut self, p: Option<usize>, level: usize, key: &[f64], out: &mut Vec<usize>) {
        let g = self.g;
        if self.items.len() <= level {
            self.items.resize_with(level + 1, Vec::new);
            self.slots.resize_with(level + 1, Vec::new);
        }
        // (key, is_cluster, id)
        let mut items = std::mem::take(&mut self.items[level]);
        items.clear();
        items.extend(self.tally.direct[p.map_or(0, |c| c + 1)].iter().map(|&v| (key[v], false, v)));
        let count = p.map_or(self.adj.roots.len(), |c| g.clusters[c].children.len());
        for i in 0..count {
            let c = match p {
                Some(p) => g.clusters[p].children[i],
                None => self.adj.roots[i],
            };
            if !self.tally.present[c] {
                continue;
            }
            let k = match self.tally.sums[c] {
                (s, n) if n > 0 => s / n as f64,
                _ => self.tally.borders[c][0].map(|b| key[b]).unwrap_or(self.ckey[c]),
            };
            self.note_seen(c, k);
            items.push((k, true, c));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Clusters keep their global order in the slots they took.
        let mut cl = std::mem::take(&mut self.slots[level]);
        cl.clear();
        cl.extend(items.iter().filter(|i| i.1).map(|i| i.2));
        cl.sort_by(|&a, &b| self.ckey[a].total_cmp(&self.ckey[b]).then(a.cmp(&b)));
        let mut it = cl.iter();
        for item in items.iter_mut() {
            if item.1 {
                item.2 = *it.next().unwrap();
            }
        }
        self.slots[level] = cl;
        for &(_, is_cluster, id) in &items {
            if is_cluster {
                let [left, right] = self.tally.borders[id];
                out.extend(left);
                self.build(Some(id), level + 1, key, out);
                out.extend(right);
            } else {
                out.push(id);
            }
        }
        self.items[level] = items;
    }

    /// Sorting keys for rank `r` from its neighbours on rank `fixed`,
    /// written into `key` for the rank's vertices.
    fn keys(&self, r: usize, fixed: Option<usize>, upward: bool, key: &mut [f64]) {
        let own = self.layers[r].len().max(1) as f64;
        for &v in &self.layers[r] {
            let nb = if upward { &self.adj.down[v] } else { &self.adj.up[v] };
            key[v] = match fixed {
                Some(_) if !nb.is_empty() => nb.iter().map(|&u| self.pos[u] as f64).sum::<f64>() / nb.len() as f64,
                Some(f) => self.pos[v] as f64 * self.layers[f].len().max(1) as f64 / own,
                None => self.pos[v] as f64,
            };
        }
    }

    fn sweep(&mut self, downward: bool) {
        self.clear_seen();
        let nr = self.layers.len();
        let ranks: Vec<usize> = if downward { (0..nr).collect() } else { (0..nr).rev().collect() };
        for (i, &r) in ranks.iter().enumerate() {
            let fixed = if i == 0 { None } else { Some(ranks[i - 1]) };
            let mut key = std::mem::take(&mut self.key);
            self.keys(r, fixed, !downward, &mut key);
            let layer = std::mem::take(&mut self.layers[r]);
            let new = self.arrange(&layer, &key);
            self.layers[r] = layer;
            self.key = key;
            self.set_layer(r, new);
        }
        // Normalise to comparable positions before the next sweep.
        for &c in &self.seen_list {
            let (s, n) = self.seen[c];
            self.ckey[c] = s / n as f64;
        }
        self.clear_seen();
    }

    fn crossings(&self) -> usize {
        (0..self.layers.len().saturating_sub(1)).map(|r| self.gap(r)).sum()
    }

    /// Crossings between ranks `r` and `r + 1`, counted once per change.
    fn gap(&self, r: usize) -> usize {
        let cell = &self.gap_crossings[r];
        cell.get().unwrap_or_else(|| {
            let n = self.crossings_between(r);
            cell.set(Some(n));
            n
        })
    }

    fn crossings_between(&self, r: usize) -> usize {
        // The lower ends of the edges, upper ends left to right and each
        // upper end's edges by lower end: crossings are the inversions.
        let mut scratch = self.scratch.borrow_mut();
        let (ends, tree) = &mut *scratch;
        ends.clear();
        for &u in &self.layers[r] {
            let from = ends.len();
            ends.extend(self.adj.down[u].iter().map(|&v| self.pos[v]));
            match ends.len() - from {
                0 | 1 => {}
                2 => {
                    if ends[from] > ends[from + 1] {
                        ends.swap(from, from + 1);
                    }
                }
                _ => ends[from..].sort_unstable(),
            }
        }
        self.spend(ends.len() + self.layers[r + 1].len());
        inversions_into(ends, self.layers[r + 1].len(), tree)
    }

    /// Crossings among the edges of two neighbours with `a` left of `b`,
    /// and with `b` left of `a`, in one pass (the work of two counts).
    fn pair_crossings_both(&self, a: usize, b: usize) -> (usize, usize) {
        self.spend(2);
        let (mut ab, mut ba) = (0, 0);
        for nb in [&self.adj.up, &self.adj.down] {
            for &x in &nb[a] {
                for &y in &nb[b] {
                    match self.pos[x].cmp(&self.pos[y]) {
                        std::cmp::Ordering::Greater => ab += 1,
                        std::cmp::Ordering::Less => ba += 1,
                        std::cmp::Ordering::Equal => {}
                    }
                }
            }
        }
        (ab, ba)
    }

    fn transpose(&mut self) {
        self.transpose_ties(false)
    }

    /// Adjacent transposition; with `ties`, pairs whose swap neither adds
    /// nor removes crossings are swapped too (as dot does every other
    /// sweep), so a run can cross a plateau the next sweep descends from.
    fn transpose_ties(&mut self, ties: bool) {
        for _ in 0..4 {
            let mut improved = false;
            for r in 0..self.layers.len() {
                for i in 0..self.layers[r].len().saturating_sub(1) {
                    let (a, b) = (self.layers[r][i], self.layers[r][i + 1]);
                    let (va, vb) = (&self.g.vertices[a], &self.g.vertices[b]);
                    if va.is_border() || vb.is_border() || va.cluster != vb.cluster {
                        continue;
                    }
                    let (now, then) = self.pair_crossings_both(a, b);
                    if then < now || (ties && now > 0 && then == now) {
                        self.layers[r].swap(i, i + 1);
                        self.changed(r);
                        self.pos[a] = i + 1;
                        self.pos[b] = i;
                        improved |= then < now;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
}

impl Orderer<'_> {
    /// Moves free vertices past neighbouring cluster blocks (on one rank)
    /// when that removes crossings.
    fn transpose_blocks(&mut self) {
        let g = self.g;
        for r in 0..self.layers.len() {
            let mut i = 0;
            while i + 1 < self.layers[r].len() {
                let layer = &self.layers[r];
                let (a, b) = (layer[i], layer[i + 1]);
                // (vertex, its index, the block's first and last index)
                let candidate = match (g.vertices[a].kind, g.vertices[b].kind) {
                    // A vertex, then a block opening: move the vertex after the block.
                    (k, VKind::Border(c, Side::Left)) if !matches!(k, VKind::Border(..)) && g.clusters[c].parent == g.vertices[a].cluster => {
                        (i + 1..layer.len()).find(|&j| g.vertices[layer[j]].kind == VKind::Border(c, Side::Right)).map(|j| (a, i, i + 1, j))
                    }
                    // A block closing, then a vertex: move the vertex before the block.
                    (VKind::Border(c, Side::Right), k) if !matches!(k, VKind::Border(..)) && g.clusters[c].parent == g.vertices[b].cluster => {
                        (0..=i).rev().find(|&j| g.vertices[layer[j]].kind == VKind::Border(c, Side::Left)).map(|j| (b, i + 1, j, i))
                    }
                    _ => None,
                };
                if let Some((v, at, first, last)) = candidate {
                    // Crossings the move removes: only pairs of `v` with the
                    // block's vertices change.
                    let rightward = at < first;
                    let gain: i64 = layer[first..=last]
                        .iter()
                        .map(|&u| {
                            let (now, then) = if rightward { self.pair_crossings_both(v, u) } else { self.pair_crossings_both(u, v) };
                            now as i64 - then as i64
                        })
                        .sum();
                    if gain > 0 {
                        let mut l = layer.clone();
                        l.remove(at);
                        l.insert(if rightward { last } else { first }, v);
                        self.set_layer(r, l);
                    }
                }
                i += 1;
            }
        }
    }

    /// Swaps neighbouring sibling clusters in the global order when that
    /// removes crossings.
    fn transpose_clusters(&mut self) {
        let g = self.g;
        let parents: Vec<Option<usize>> = std::iter::once(None).chain((0..g.clusters.len()).map(Some)).collect();
        for p in parents {
            let mut kids: Vec<usize> = match p {
                Some(c) => g.clusters[c].children.clone(),
                None => (0..g.clusters.len()).filter(|&c| g.clusters[c].parent.is_none() && g.clusters[c].present).collect(),
            };
            kids.retain(|&c| g.clusters[c].span.is_some());
            if kids.len() < 2 {
                continue;
            }
            kids.sort_by(|&a, &b| self.ckey[a].total_cmp(&self.ckey[b]).then(a.cmp(&b)));
            for i in 0..kids.len() - 1 {
                if self.spent() {
                    return;
                }
                let (a, b) = (kids[i], kids[i + 1]);
                let (sa, sb) = (g.clusters[a].span.unwrap(), g.clusters[b].span.unwrap());
                if sa.0.max(sb.0) > sa.1.min(sb.1) {
                    // Never on one rank: swapping them changes nothing.
                    continue;
                }
                let before = self.crossings();
                let span = sa.0.min(sb.0)..=sa.1.max(sb.1);
                let mut saved = std::mem::take(&mut self.trial);
                self.save_into(&span, &mut saved);
                let (ka, kb) = (self.ckey[a], self.ckey[b]);
                self.ckey[a] = kb;
                self.ckey[b] = ka;
                if (self.ckey[a] - self.ckey[b]).abs() < 1e-12 {
                    self.ckey[b] -= 1e-6;
                }
                self.rearrange(span);
                if self.crossings() < before {
                    kids.swap(i, i + 1);
                } else {
                    self.restore(&saved);
                }
                self.trial = saved;
            }
        }
    }
}

/// What [`Orderer::save`] keeps: the ranks a trial may change, the cluster
/// order, and the crossings counted so far (restored with the ranks, they
/// are still true).
#[derive(Default)]
struct Saved {
    first: usize,
    /// The first `count` hold ranks `first..first + count` (the rest is
    /// room kept from earlier saves).
    layers: Vec<Vec<usize>>,
    count: usize,
    ckey: Vec<f64>,
    gaps: Vec<Option<usize>>,
}

impl Orderer<'_> {
    /// The state before a trial that re-arranges only `ranks`.
    fn save(&self, ranks: &std::ops::RangeInclusive<i32>) -> Saved {
        let mut saved = Saved::default();
        self.save_into(ranks, &mut saved);
        saved
    }

    /// [`Orderer::save`] into the memory of an earlier save.
    fn save_into(&self, ranks: &std::ops::RangeInclusive<i32>, saved: &mut Saved) {
        let n = self.layers.len();
        let first = (*ranks.start()).clamp(0, n as i32) as usize;
        let last = ((*ranks.end()).max(-1) + 1).clamp(first as i32, n as i32) as usize;
        saved.first = first;
        saved.count = last - first;
        if saved.layers.len() < saved.count {
            saved.layers.resize_with(saved.count, Vec::new);
        }
        for (to, from) in saved.layers.iter_mut().zip(&self.layers[first..last]) {
            to.clone_from(from);
        }
        saved.ckey.clone_from(&self.ckey);
        saved.gaps.clear();
        saved.gaps.extend(self.gap_crossings.iter().map(|c| c.get()));
    }

    fn restore(&mut self, saved: &Saved) {
        for (i, l) in saved.layers[..saved.count].iter().enumerate() {
            let r = saved.first + i;
            // (a rank as it was keeps its positions)
            if self.layers[r] != *l {
                self.changed(r);
                self.layers[r].clone_from(l);
                for (j, &v) in l.iter().enumerate() {
                    self.pos[v] = j;
                }
            }
        }
        self.ckey.clone_from(&saved.ckey);
        for (c, &g) in self.gap_crossings.iter().zip(&saved.gaps) {
            c.set(g);
        }
    }

    /// Re-arranges ranks `ranks` in place after sibling clusters changed
    /// their global order (ranks the clusters are not on keep theirs).
    fn rearrange(&mut self, ranks: std::ops::RangeInclusive<i32>) {
        if self.layers.is_empty() {
            return;
        }
        let mut key = std::mem::take(&mut self.key);
        let mut keyed = false;
        let (lo, hi) = (*ranks.start().max(&0) as usize, (*ranks.end()).max(0) as usize);
        for r in lo..=hi.min(self.layers.len().saturating_sub(1)) {
            match self.reslot(r) {
                Some(Reslot::Unchanged) => {
                    self.spend(self.layers[r].len());
                    continue;
                }
                Some(Reslot::Reordered(new)) => {
                    self.spend(new.len());
                    self.set_layer(r, new);
                    continue;
                }
                None => {}
            }
            if !keyed {
                for (k, &p) in key.iter_mut().zip(&self.pos) {
                    *k = p as f64;
                }
                keyed = true;
            }
            let l = std::mem::take(&mut self.layers[r]);
            let new = self.arrange(&l, &key);
            self.layers[r] = l;
            self.set_layer(r, new);
        }
        self.key = key;
        self.clear_seen();
    }

    /// What [`Orderer::arrange`] makes of rank `r` keyed by its own
    /// positions, when the rank is already nested (every cluster's vertices
    /// a run between its two borders, inside its parent's): every vertex and
    /// block keeps its place, and the sibling blocks of each level take
    /// those places in the global cluster order. Linear, with no sort by
    /// key; `None` for a rank that is not nested (arrange it in full).
    fn reslot(&mut self, r: usize) -> Option<Reslot> {
        let g = self.g;
        let layer = &self.layers[r];
        // Each left border's cluster and right border, checking the nesting
        // and whether some level's blocks are out of the cluster order.
        let mut close = std::mem::take(&mut self.close);
        close.clear();
        close.resize(layer.len(), usize::MAX);
        let mut open = std::mem::take(&mut self.open);
        open.clear();
        // (cluster, index of its left border, its last child block's cluster)
        let mut last_root: Option<usize> = None;
        let mut reorder = false;
        let before = |a: usize, b: usize| self.ckey[a].total_cmp(&self.ckey[b]).then(a.cmp(&b)) == std::cmp::Ordering::Less;
        let mut nested = true;
        for (j, &v) in layer.iter().enumerate() {
            let inside = open.last().map(|o: &(usize, usize, Option<usize>)| o.0);
            match g.vertices[v].kind {
                VKind::Border(c, Side::Left) if g.clusters[c].parent == inside => {
                    let last = match open.last_mut() {
                        Some(o) => &mut o.2,
                        None => &mut last_root,
                    };
                    reorder |= last.is_some_and(|l| !before(l, c));
                    *last = Some(c);
                    open.push((c, j, None));
                }
                VKind::Border(c, Side::Right) if inside == Some(c) => {
                    let (_, from, _) = open.pop().unwrap();
                    close[from] = j;
                }
                VKind::Border(..) => nested = false,
                _ if g.vertices[v].cluster != inside => nested = false,
                _ => {}
            }
            if !nested {
                break;
            }
        }
        nested &= open.is_empty();
        let result = match (nested, reorder) {
            (false, _) => None,
            (true, false) => Some(Reslot::Unchanged),
            (true, true) => {
                let mut out = Vec::with_capacity(layer.len());
                self.reslot_level(r, 0, layer.len(), 0, &close, &mut out);
                Some(Reslot::Reordered(out))
            }
        };
        self.close = close;
        self.open = open;
        result
    }

    /// One level of [`Orderer::reslot`]: rank `r`'s entries `lo..hi`
    /// (`close` holds each block's end; other entries `usize::MAX`).
    fn reslot_level(&mut self, r: usize, lo: usize, hi: usize, level: usize, close: &[usize], out: &mut Vec<usize>) {
        let g = self.g;
        if self.slots.len() <= level {
            self.items.resize_with(level + 1, Vec::new);
            self.slots.resize_with(level + 1, Vec::new);
        }
        let layer = &self.layers[r];
        let cluster = |v: usize| match g.vertices[v].kind {
            VKind::Border(c, _) => c,
            _ => unreachable!("a block opens with a border"),
        };
        // The blocks (their first index), in the cluster order.
        let mut blocks = std::mem::take(&mut self.slots[level]);
        blocks.clear();
        let mut j = lo;
        while j < hi {
            if close[j] != usize::MAX {
                blocks.push(j);
                j = close[j] + 1;
            } else {
                j += 1;
            }
        }
        if blocks.len() > 1 {
            blocks.sort_by(|&a, &b| {
                let (ca, cb) = (cluster(layer[a]), cluster(layer[b]));
                self.ckey[ca].total_cmp(&self.ckey[cb]).then(ca.cmp(&cb))
            });
        }
        let mut next = 0;
        let mut j = lo;
        while j < hi {
            if close[j] != usize::MAX {
                let b = blocks[next];
                next += 1;
                out.push(self.layers[r][b]);
                self.reslot_level(r, b + 1, close[b], level + 1, close, out);
                out.push(self.layers[r][close[b]]);
                j = close[j] + 1;
            } else {
                // a run of vertices up to the next block
                let from = j;
                while j < hi && close[j] == usize::MAX {
                    j += 1;
                }
                out.extend_from_slice(&self.layers[r][from..j]);
            }
        }
        self.slots[level] = blocks;
    }

    /// Every order of up to five sibling clusters, keeping the best.
    fn permute_clusters(&mut self) {
        let g = self.g;
        let parents: Vec<Option<usize>> = std::iter::once(None).chain((0..g.clusters.len()).map(Some)).collect();
        for p in parents {
            let mut kids: Vec<usize> = match p {
                Some(c) => g.clusters[c].children.clone(),
                None => (0..g.clusters.len()).filter(|&c| g.clusters[c].parent.is_none() && g.clusters[c].present).collect(),
            };
            kids.retain(|&c| g.clusters[c].span.is_some());
            // Only clusters side by side with another on some rank: the order
            // of the others changes no rank.
            let overlaps = |a: usize, b: usize| {
                let (x, y) = (g.clusters[a].span.unwrap(), g.clusters[b].span.unwrap());
                x.0.max(y.0) <= x.1.min(y.1)
            };
            let all = kids.clone();
            kids.retain(|&c| all.iter().any(|&d| d != c && overlaps(c, d)));
            if kids.len() < 3 {
                continue;
            }
            kids.sort_by(|&a, &b| self.ckey[a].total_cmp(&self.ckey[b]).then(a.cmp(&b)));
            let slots: Vec<f64> = kids.iter().map(|&c| self.ckey[c]).collect();
            let lo = kids.iter().map(|&c| g.clusters[c].span.unwrap().0).min().unwrap();
            let hi = kids.iter().map(|&c| g.clusters[c].span.unwrap().1).max().unwrap();
            if kids.len() > 5 {
                continue;
            }
            let mut best = (self.crossings(), self.save(&(lo..=hi)));
            let mut perm: Vec<usize> = (0..kids.len()).collect();
            // Heap's algorithm, iteratively.
            let mut cnt = vec![0usize; kids.len()];
            let mut i = 0;
            while i < kids.len() && !self.spent() {
                if cnt[i] < i {
                    if i % 2 == 0 { perm.swap(0, i) } else { perm.swap(cnt[i], i) }
                    for (k, &c) in perm.iter().map(|&j| kids[j]).collect::<Vec<_>>().iter().enumerate() {
                        self.ckey[c] = slots[k] + 1e-9 * k as f64;
                    }
                    self.rearrange(lo..=hi);
                    let cc = self.crossings();
                    if cc < best.0 {
                        best = (cc, self.save(&(lo..=hi)));
                    }
                    cnt[i] += 1;
                    i = 0;
                } else {
                    cnt[i] = 0;
                    i += 1;
                }
            }
            self.restore(&best.1);
        }
    }
}

/// Inversions in a sequence of values below `n`, by a Fenwick tree.
#[cfg(test)]
pub(super) fn count_inversions(values: impl Iterator<Item = usize>, n: usize) -> usize {
    let values: Vec<usize> = values.collect();
    inversions_into(&values, n, &mut Vec::new())
}

/// The same, with scratch memory given. A good ordering's gaps cross
/// little, so an insertion sort counts first, in time proportional to the
/// values and their inversions; past a bound the Fenwick tree counts
/// instead, in time proportional to the values and their logarithm.
fn inversions_into(values: &[usize], n: usize, scratch: &mut Vec<usize>) -> usize {
    scratch.clear();
    scratch.extend_from_slice(values);
    let bound = 8 * values.len() + 64;
    let mut inv = 0;
    for i in 1..scratch.len() {
        let x = scratch[i];
        let mut j = i;
        while j > 0 && scratch[j - 1] > x {
            scratch[j] = scratch[j - 1];
            j -= 1;
        }
        scratch[j] = x;
        inv += i - j;
        if inv > bound {
            return inversions_by_tree(values, n, scratch);
        }
    }
    inv
}

/// Inversions by a Fenwick tree over the values (below `n`).
fn inversions_by_tree(values: &[usize], n: usize, tree: &mut Vec<usize>) -> usize {
    tree.clear();
    tree.resize(n + 1, 0);
    let mut seen = 0;
    let mut inv = 0;
    for &v in values {
        // Count earlier values greater than v.
        let mut i = v + 1;
        let mut le = 0;
        while i > 0 {
            le += tree[i];
            i &= i - 1;
        }
        inv += seen - le;
        let mut i = v + 1;
        while i <= n {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
        seen += 1;
    }
    inv
}

/// How an ordering run starts: which sweep first, and the initial order
/// (seed 0: input order, 1: reversed, others: a fixed pseudo-random order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Start {
    pub upward: bool,
    pub seed: u64,
}

/// A fixed pseudo-random key for a vertex (SplitMix64), for seeded starts.
fn mix(seed: u64, v: usize) -> u64 {
    let mut z = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(v as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How much ordering work a layout may do, shared by all its starts and
/// polishes: the search stops where it is once it is spent, so a huge or
/// dense graph costs in proportion to the budget, not to the portfolio.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    pub used: u64,
    pub limit: u64,
}

impl Budget {
    pub fn spent(&self) -> bool {
        self.used >= self.limit
    }
}

pub(super) fn reduce_crossings(g: &Compound, adj: &Adjacency, sweeps: usize, start: Start, budget: &mut Budget) -> Reduced {
    let start_upward = start.upward;
    let n = g.vertices.len();
    let max_rank = g.vertices.iter().map(|v| v.rank).max().unwrap_or(0).max(0) as usize;
    // Initial order: depth first from the real vertices by rank.
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); max_rank + 1];
    let mut visited = vec![false; n];
    let mut starts: Vec<usize> = (0..n).filter(|&v| g.vertices[v].is_real()).collect();
    starts.sort_by_key(|&v| {
        let k = match start.seed {
            0 => v as u64,
            1 => (n - v) as u64,
            s => mix(s, v),
        };
        (g.vertices[v].rank, k)
    });
    starts.extend((0..n).filter(|&v| !g.vertices[v].is_real()));
    for s in starts {
        if visited[s] {
            continue;
        }
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            if visited[v] {
                continue;
            }
            visited[v] = true;
            layers[g.vertices[v].rank as usize].push(v);
            for &w in adj.down[v].iter().rev() {
                if !visited[w] {
                    stack.push(w);
                }
            }
        }
    }
    let mut o = Orderer::new(g, adj, layers);
    o.limit = budget.limit.saturating_sub(budget.used);
    // Initial cluster order: by first appearance.
    let mut first = vec![f64::MAX; g.clusters.len()];
    for layer in &o.layers {
        for (i, &v) in layer.iter().enumerate() {
            for &c in &adj.holders[v] {
                first[c] = first[c].min(i as f64 + 1e-3 * v as f64);
            }
        }
    }
    o.ckey = first;
    o.rearrange(0..=o.layers.len() as i32 - 1);
    let mut best = o.layers.clone();
    let mut best_ckey = o.ckey.clone();
    let mut best_cc = o.crossings();
    let mut stale = 0;
    // Two sweeps (one each way) that change nothing: a fixed point.
    let mut unchanged = 0;
    let mut last = (o.layers.clone(), o.ckey.clone());
    for i in 0..sweeps {
        if best_cc == 0 || o.spent() || unchanged >= 2 {
            break;
        }
        o.sweep((i % 2 == 0) != start_upward);
        o.transpose_ties(true);
        o.transpose_blocks();
        o.transpose_clusters();
        if o.layers == last.0 && o.ckey == last.1 {
            unchanged += 1;
        } else {
            unchanged = 0;
            last = (o.layers.clone(), o.ckey.clone());
        }
        let cc = o.crossings();
        if cc < best_cc {
            best_cc = cc;
            best = o.layers.clone();
            best_ckey = o.ckey.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= 4 {
                break;
            }
        }
    }
    budget.used += o.work.get();
    Reduced { ordering: Ordering { layers: best }, crossings: best_cc, ckey: best_ckey, upward: start_upward }
}

/// An ordering from [`reduce_crossings`], with what [`polish`] continues from.
#[derive(Debug, Clone)]
pub(super) struct Reduced {
    pub ordering: Ordering,
    pub crossings: usize,
    /// The global order of sibling clusters it was made with.
    ckey: Vec<f64>,
    upward: bool,
}

/// Polish: the ordering's sibling clusters in every order (up to five of
/// them), then a few more sweeps; the ordering with fewest crossings seen.
pub(super) fn polish(g: &Compound, adj: &Adjacency, reduced: &Reduced, budget: &mut Budget) -> (Ordering, usize) {
    let mut best = reduced.ordering.layers.clone();
    let mut best_cc = reduced.crossings;
    if best_cc == 0 {
        return (Ordering { layers: best }, 0);
    }
    let mut o = Orderer::new(g, adj, best.clone());
    o.limit = budget.limit.saturating_sub(budget.used);
    o.ckey = reduced.ckey.clone();
    o.permute_clusters();
    for i in 0..4 {
        if o.spent() {
            break;
        }
        let cc = o.crossings();
        if cc < best_cc {
            best_cc = cc;
            best = o.layers.clone();
        }
        o.sweep((i % 2 == 0) != reduced.upward);
        o.transpose();
        o.transpose_blocks();
    }
    let cc = o.crossings();
    if cc < best_cc {
        best_cc = cc;
        best = o.layers.clone();
    }
    budget.used += o.work.get();
    (Ordering { layers: best }, best_cc)
}

impl Orderer<'_> {
    fn spend(&self, units: usize) {
        self.work.set(self.work.get() + units as u64);
    }

    /// Has the search used up its budget?
    fn spent(&self) -> bool {
        self.work.get() >= self.limit
    }
}

impl<'a> Orderer<'a> {
    fn new(g: &'a Compound, adj: &'a Adjacency, layers: Vec<Vec<usize>>) -> Orderer<'a> {
        let n = g.vertices.len();
        let nc = g.clusters.len();
        let gaps = layers.len().saturating_sub(1);
        let mut pos = vec![0; n];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        Orderer {
            g,
            adj,
            layers,
            pos,
            ckey: vec![0.0; nc],
            seen: vec![(0.0, 0); nc],
            seen_list: Vec::new(),
            key: vec![0.0; n],
            scratch: Default::default(),
            work: std::cell::Cell::new(0),
            limit: u64::MAX,
            gap_crossings: vec![std::cell::Cell::new(None); gaps],
            tally: Tally::new(nc),
            items: Vec::new(),
            slots: Vec::new(),
            close: Vec::new(),
            open: Vec::new(),
            trial: Saved::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A nested compound graph from a seed: clusters inside earlier ones,
    /// members and edges anywhere.
    fn nested(seed: u64) -> (Compound, Adjacency) {
        use super::super::tests::{cluster, edge, graph, node};
        use super::super::{clusters, input, normalize_ranked, rank, Direction, End};
        let pick = |i: usize, n: usize| (mix(seed, i) % n as u64) as usize;
        let cl: Vec<_> = (0..8).map(|c| cluster(if c == 0 || pick(100 + c, 3) == 0 { None } else { Some(pick(200 + c, c)) })).collect();
        let nodes: Vec<_> = (0..30).map(|v| node(40.0, 20.0, if pick(300 + v, 4) == 0 { None } else { Some(pick(400 + v, 8)) })).collect();
        let edges: Vec<_> = (0..45).map(|e| edge(End::Node(pick(500 + e, 30)), End::Node(pick(600 + e, 30)))).collect();
        let lg = graph(Direction::TB, nodes, cl, edges);
        let base = input::build(&lg, &clusters::collapse_isolated(&lg));
        let ranked = normalize_ranked(&base, &rank::assign(&base, rank::Stacking::All, true, false, (1.0, 1.0)));
        (ranked.g, ranked.adjacency)
    }

    /// Re-slotting a nested rank's blocks gives what arranging it by its
    /// own positions gives, under any cluster order.
    #[test]
    fn reslot_is_arrange_by_position() {
        let (mut compared, mut unchanged) = (0, 0);
        for seed in 0..12 {
            let (g, adj) = nested(seed);
            let layers = reduce_crossings(&g, &adj, 8, Start { upward: false, seed }, &mut Budget { used: 0, limit: u64::MAX }).ordering.layers;
            let mut o = Orderer::new(&g, &adj, layers);
            for trial in 0..6u64 {
                for c in 0..g.clusters.len() {
                    o.ckey[c] = (mix(seed * 31 + trial, c) % 7) as f64;
                }
                for r in 0..o.layers.len() {
                    let fast = o.reslot(r);
                    let key: Vec<f64> = o.pos.iter().map(|&p| p as f64).collect();
                    let layer = o.layers[r].clone();
                    let full = o.arrange(&layer, &key);
                    let fast = fast.map(|f| match f {
                        Reslot::Unchanged => {
                            unchanged += 1;
                            layer.clone()
                        }
                        Reslot::Reordered(l) => l,
                    });
                    if let Some(fast) = fast {
                        assert_eq!(fast, full, "seed {seed} trial {trial} rank {r}");
                        compared += 1;
                    }
                    o.set_layer(r, full);
                }
            }
        }
        assert!(compared > 100, "only {compared} ranks were nested");
        assert!(unchanged > 10 && unchanged < compared - 10, "{unchanged} of {compared} unchanged");
    }

    #[test]
    fn inversions() {
        assert_eq!(count_inversions([0, 1, 2].into_iter(), 3), 0);
        assert_eq!(count_inversions([2, 1, 0].into_iter(), 3), 3);
        assert_eq!(count_inversions([1, 0, 1].into_iter(), 2), 1);
        // Few and many inversions (the insertion count and the tree) agree
        // with counting every pair.
        for seed in 0..40u64 {
            let len = (mix(seed, 0) % 300) as usize;
            let n = 1 + (mix(seed, 1) % 50) as usize;
            let sorted_part = (mix(seed, 2) % 100) as usize;
            let mut values: Vec<usize> = (0..len).map(|i| (mix(seed, 10 + i) % n as u64) as usize).collect();
            values[..len * sorted_part / 100].sort_unstable();
            let pairs = (0..len).map(|i| (i + 1..len).filter(|&j| values[i] > values[j]).count()).sum::<usize>();
            assert_eq!(count_inversions(values.iter().copied(), n), pairs, "seed {seed}");
            assert_eq!(inversions_by_tree(&values, n, &mut Vec::new()), pairs, "seed {seed}");
        }
    }
}

