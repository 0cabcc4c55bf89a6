//! The layered (Sugiyama) layout with compound clusters.
//!
//! Input is a [`LayeredGraph`]: sized nodes, clusters (subgraphs) nested in a
//! tree, and edges between nodes or clusters. Output is a [`LayeredLayout`]:
//! a box per node and per cluster, and a drawn path per edge, in a drawing
//! whose top-left corner is (0, 0).
//!
//! The passes run in order, one module each, as in dagre's `layout.js`:
//! isolated clusters laid out on their own (`clusters`), then for each
//! ranking of a small fixed portfolio [`rank_and_normalize`]: attributes in
//! (`input`), cycle removal (`acyclic`) and network-simplex ranking with
//! clusters stacked like dagre's nesting graph (`rank`), cluster spans and
//! border vertices (`nesting`), long edges as virtual chains with label
//! vertices (`normalize`); [`polish_and_position`]: crossing reduction with
//! clusters contiguous (`order`) from a few starts, Brandes–Köpf coordinates
//! (`position`) for the best orderings; and in [`layout_at`], for the
//! candidates that can still win, attributes out (`output`), edge routes
//! (`route`) and the drawing's `score`. The best-scored drawing is kept, so
//! results are the same run to run.

use super::geometry::{Path, Point, Rect, Size};
use super::outline::Outline;
use crate::model::config::Curve;
use crate::model::Direction;

mod acyclic;
mod clusters;
mod graph;
mod input;
mod nesting;
mod normalize;
mod order;
mod output;
mod position;
mod rank;
mod route;
mod rows;
mod score;
#[cfg(test)]
mod tests;

/// One end of an edge: a node, or a whole cluster (drawn to its border).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    Node(usize),
    Cluster(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeSpec {
    pub size: Size,
    pub outline: Outline,
    /// The innermost cluster holding the node.
    pub cluster: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterSpec {
    pub parent: Option<usize>,
    /// The title's text box; the cluster keeps a band this tall (plus
    /// padding) free above its members, at least this wide.
    pub title: Size,
    /// The cluster's own `direction`, honoured when no edge crosses its border.
    pub direction: Option<Direction>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeSpec {
    pub from: End,
    pub to: End,
    /// The label's text box, when the edge has a label.
    pub label: Option<Size>,
    /// Minimum rank distance (mermaid's edge `length`: `-->` 1, `--->` 2, ...).
    pub minlen: u32,
    /// How strongly the layout keeps this edge short and straight.
    pub weight: f64,
    /// Arrowheads, so the path stops short of the outline by `arrow_length`.
    pub arrow_start: bool,
    pub arrow_end: bool,
    /// Not drawn (`~~~`): shapes the layout only.
    pub invisible: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayeredGraph {
    pub direction: Direction,
    /// Gap between neighbouring nodes of one rank.
    pub node_sep: f64,
    /// Gap between ranks.
    pub rank_sep: f64,
    /// Space between a cluster's border and what it holds.
    pub cluster_padding: f64,
    /// Length of an arrowhead: paths end this far from the outline.
    pub arrow_length: f64,
    pub curve: Curve,
    pub nodes: Vec<NodeSpec>,
    pub clusters: Vec<ClusterSpec>,
    pub edges: Vec<EdgeSpec>,
}

/// An edge as drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeRoute {
    /// The drawn curve. It starts on the source's outline (or `arrow_length`
    /// before it when the start has an arrowhead) and ends likewise.
    pub path: Path,
    /// Where the arrowheads' tips touch the outlines (equal to the path's
    /// ends when there is no arrowhead).
    pub start_tip: Point,
    pub end_tip: Point,
    /// The label's box, centred where the label is drawn.
    pub label: Option<Rect>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayeredLayout {
    /// Node boxes, in input order.
    pub nodes: Vec<Rect>,
    /// Cluster boxes (border included), in input order.
    pub clusters: Vec<Rect>,
    /// Edge routes, in input order (invisible edges get an empty path).
    pub edges: Vec<EdgeRoute>,
    /// The whole drawing: everything lies within (0, 0)–(width, height).
    pub size: Size,
}

/// Margin around the whole drawing (mermaid's `marginx`/`marginy`).
pub const MARGIN: f64 = 8.0;

/// Lays the graph out.
pub fn layout(graph: &LayeredGraph) -> LayeredLayout {
    layout_at(graph, MARGIN)
}

/// A ranking: how clusters stack, whether network simplex pivots (or keeps
/// its first feasible tree), which edges of a cycle give way (the latest or
/// the earliest), and the weights of cluster containment and stacking (as
/// multiples of the defaults).
type Ranking = (rank::Stacking, bool, bool, (f64, f64));

/// The rankings tried, each finished and scored. Each earns its place on
/// the Atlas: without any one of them the corpus draws with more crossings
/// or more area (five more that changed no crossing once ties are
/// transposed were dropped: acyclic stacking pivoted and unpivoted, heavy
/// containment with every cluster stacked, and the two light stacking
/// weights).
const RANKINGS: [Ranking; 10] = {
    use rank::Stacking::{Acyclic, All, None};
    const W: (f64, f64) = (1.0, 1.0);
    [
        (All, true, false, W),
        (None, true, false, W),
        (All, false, false, W),
        (None, false, false, W),
        (All, true, true, W),
        (Acyclic, true, true, W),
        (None, true, true, W),
        (None, true, false, (10.0, 1.0)),
        (All, true, false, (0.0, 4.0)),
        (Acyclic, true, false, (0.0, 4.0)),
    ]
};

/// Starts for crossing reduction; the ordering with fewest crossings wins.
const STARTS: [order::Start; 8] = {
    const fn s(upward: bool, seed: u64) -> order::Start {
        order::Start { upward, seed }
    }
    [s(false, 0), s(true, 0), s(false, 1), s(true, 1), s(false, 2), s(true, 3), s(false, 4), s(true, 5)]
};

/// How much search a graph gets: the whole portfolio up to this many
/// nodes and edges together (every Atlas flowchart: the largest has 56 nodes
/// and 67 edges), beyond it the first three rankings and two starts, so a
/// huge graph costs in proportion to its size rather than
/// to the portfolio.
const FULL_SEARCH_SIZE: usize = 150;

/// The search for a graph: (rankings, starts, sweeps).
fn search_for(graph: &LayeredGraph) -> (&'static [Ranking], &'static [order::Start], usize) {
    if graph.nodes.len() + graph.edges.len() <= FULL_SEARCH_SIZE {
        (&RANKINGS, &STARTS, 8)
    } else {
        (&RANKINGS[..3], &STARTS[..2], 8)
    }
}

/// A ranked and normalised compound graph: what ordering and positioning
/// work on for one ranking.
struct Ranked {
    g: graph::Compound,
    chains: Vec<normalize::Chain>,
    adjacency: order::Adjacency,
}

/// An ordering of one ranking, positioned but not yet routed.
struct Positioned {
    /// Index into the rankings tried.
    ranked: usize,
    /// Crossings the ordering has between ranks.
    crossings: usize,
    /// Area of the positioned boxes: the drawing's area before routing.
    area: f64,
    coords: position::Coordinates,
}

/// Lays out with each ranking and keeps the drawing with the fewest
/// edges through nodes, then crossings, then area (first on ties).
///
/// Every distinct ranking gets the first start, then every ranking the
/// second, and so on, until a round finds an ordering without crossings
/// (the round is finished: rankings that all draw without crossings then
/// compete on area) or the ordering [`order::Budget`] is spent; the few
/// best orderings of each
/// ranking are polished and positioned. Routing and scoring a drawing costs
/// as much as ordering it, so only the positioned candidates that can still
/// win are finished: in order of their ordering's crossings and their area,
/// until the best drawing so far has no more crossings than the next
/// candidate's ordering (a route crosses where its ordering does, so the
/// ordering's count is a lower bound).
fn layout_at(graph: &LayeredGraph, margin: f64) -> LayeredLayout {
    // Subgraphs no edge crosses: laid out on their own, each one box here.
    let collapsed = clusters::collapse_isolated(graph);
    let (rankings, starts, sweeps) = search_for(graph);
    // Beyond the full search, drawings compete on their orderings' crossings.
    let huge = graph.nodes.len() + graph.edges.len() > FULL_SEARCH_SIZE;
    // Attributes in: the compound graph, top to bottom, label ranks made room for.
    let base = input::build(graph, &collapsed);
    let ranked = rank_all(&base, rankings);
    let mut budget = order::Budget { used: 0, limit: ORDERING_BUDGET };
    let mut reduced: Vec<Vec<order::Reduced>> = vec![Vec::new(); ranked.len()];
    'search: for &start in starts {
        // Some ranking's ordering has no crossings.
        let mut zero = false;
        for (r, found) in ranked.iter().zip(reduced.iter_mut()) {
            if budget.spent() && !found.is_empty() {
                break 'search;
            }
            let o = order::reduce_crossings(&r.g, &r.adjacency, sweeps, start, &mut budget);
            let done = o.crossings == 0;
            if !found.iter().any(|x| x.ordering == o.ordering) {
                found.push(o);
            }
            zero |= done;
        }
        if zero {
            break;
        }
    }
    // The few best orderings of each ranking, polished.
    let mut orderings: Vec<(usize, usize, order::Ordering)> = Vec::new();
    for (index, (r, found)) in ranked.iter().zip(reduced).enumerate() {
        orderings.extend(polish(r, found, &mut budget).into_iter().map(|(cc, o)| (cc, index, o)));
    }
    orderings.sort_by_key(|o| o.0);
    // Finished in order of crossings, those with as many positioned and
    // taken in order of area.
    let mut best: Option<(score::Score, LayeredLayout)> = None;
    let mut rest = orderings.into_iter().peekable();
    while let Some(&(crossings, _, _)) = rest.peek() {
        if best.as_ref().is_some_and(|(b, _)| b.hits == 0 && b.crossings <= crossings) {
            break;
        }
        let mut group: Vec<Positioned> = Vec::new();
        while let Some((_, index, ordering)) = rest.next_if(|o| o.0 == crossings) {
            let r = &ranked[index];
            // Coordinates: ranks stacked with room for cluster borders and
            // titles, Brandes–Köpf along the ranks.
            let coords = position::assign(&r.g, &ordering, &r.adjacency);
            let area = coords.area(&r.g);
            group.push(Positioned { ranked: index, crossings, area, coords });
        }
        group.sort_by(|a, b| a.area.total_cmp(&b.area));
        for c in group {
            if best.as_ref().is_some_and(|(b, _)| b.hits == 0 && b.crossings <= c.crossings) {
                break;
            }
            let r = &ranked[c.ranked];
            // Attributes out: boxes in the drawing's direction, edge routes.
            let placed = output::place(graph, &r.g, &c.coords, &collapsed);
            let routes = route::edges(graph, &r.g, &r.chains, &c.coords, &placed);
            let l = output::finish(graph, placed, routes, collapsed.to_vec(), margin);
            let s = score::score(graph, &l, huge.then_some(c.crossings));
            if best.as_ref().is_none_or(|(b, _)| s < *b) {
                best = Some((s, l));
            }
        }
    }
    best.map(|b| b.1).unwrap_or_default()
}

/// The ordering work a layout may do (see [`order::Budget`]): what the
/// densest Atlas flowcharts need for most of what a search without limit
/// finds (`systems/square/storage--01`: 56 crossings instead of 46, 3.6x
/// faster; the whole corpus 1,512 instead of 1,491, 13% faster); all but
/// 2% of the corpus's layouts finish their whole search within it. (From
/// 100,000 to 95,000 one Atlas diagram changed, 4% wider with the same
/// crossings; at 90,000 the corpus has 2 more crossings.)
const ORDERING_BUDGET: u64 = 95_000;

/// The passes up to ordering for every ranking, each distinct ranking once
/// and in the portfolio's order: ranks (cycles broken, then network
/// simplex; a problem or a ranking already met gives nothing new), then
/// [`normalize_ranked`].
fn rank_all(base: &graph::Compound, rankings: &[Ranking]) -> Vec<Ranked> {
    // Each problem posed once (rankings that differ only in pivoting pose
    // the same one).
    let mut posed: Vec<(Ranking, Vec<acyclic::Constraint>)> = Vec::new();
    let problem_of: Vec<usize> = rankings
        .iter()
        .map(|&r| {
            let (stacking, _, latest_first, scale) = r;
            posed.iter().position(|(q, _)| (q.0, q.2, q.3) == (stacking, latest_first, scale)).unwrap_or_else(|| {
                posed.push((r, rank::problem(base, stacking, latest_first, scale)));
                posed.len() - 1
            })
        })
        .collect();
    let problem = |i: usize| &posed[problem_of[i]].1;
    // The first ranking posing each (problem, pivot).
    let distinct: Vec<usize> = (0..rankings.len()).filter(|&i| !(0..i).any(|j| rankings[j].1 == rankings[i].1 && problem(j) == problem(i))).collect();
    let solved: Vec<rank::RankAssignment> = distinct.iter().map(|&i| rank::solve(base, problem(i), rankings[i].1)).collect();
    let mut kept: Vec<&rank::RankAssignment> = Vec::new();
    for ranks in &solved {
        if !kept.contains(&ranks) {
            kept.push(ranks);
        }
    }
    kept.into_iter().map(|ranks| normalize_ranked(base, ranks)).collect()
}

/// A ranking's graph: each cluster spans its members' ranks; long edges
/// become chains of virtual vertices; clusters get border vertices on every
/// rank.
fn normalize_ranked(base: &graph::Compound, ranks: &rank::RankAssignment) -> Ranked {
    let mut g = base.clone();
    rank::apply(&mut g, ranks);
    nesting::cluster_spans(&mut g);
    let chains = normalize::long_edges(&mut g);
    nesting::add_borders(&mut g);
    let adjacency = order::adjacency(&g, &chains);
    Ranked { g, chains, adjacency }
}

/// The few best orderings of a ranking (those within a few crossings of
/// its best, at most three), polished, with their crossings.
fn polish(r: &Ranked, mut reduced: Vec<order::Reduced>, budget: &mut order::Budget) -> Vec<(usize, order::Ordering)> {
    if reduced.is_empty() {
        return Vec::new();
    }
    reduced.sort_by_key(|o| o.crossings);
    let least = reduced[0].crossings;
    reduced.retain(|o| o.crossings <= least + 2 + least / 8);
    reduced.truncate(3);
    let mut orderings: Vec<(usize, order::Ordering)> = Vec::new();
    for o in &reduced {
        let (ordering, crossings) = order::polish(&r.g, &r.adjacency, o, budget);
        if !orderings.iter().any(|(_, x)| *x == ordering) {
            orderings.push((crossings, ordering));
        }
    }
    orderings
}
