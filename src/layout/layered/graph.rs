//! The internal compound graph the passes work on, in a top-to-bottom frame:
//! `x` runs along a rank, `y` across ranks, whatever the drawing's direction.

use crate::model::Direction;

/// What a vertex stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum VKind {
    /// An input node.
    Node(usize),
    /// An input cluster laid out on its own and placed as one box.
    Box(usize),
    /// A point of a long edge (input edge index).
    Dummy(usize),
    /// The label of an edge (input edge index), on the edge's middle rank.
    Label(usize),
    /// A cluster's left or right border on one rank.
    Border(usize, Side),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Left,
    Right,
}

#[derive(Debug, Clone)]
pub(super) struct Vertex {
    pub kind: VKind,
    /// Extent along the rank.
    pub w: f64,
    /// Extent across ranks.
    pub h: f64,
    /// Innermost cluster holding the vertex.
    pub cluster: Option<usize>,
    pub rank: i32,
}

impl Vertex {
    pub fn is_real(&self) -> bool {
        matches!(self.kind, VKind::Node(_) | VKind::Box(_))
    }
    pub fn is_border(&self) -> bool {
        matches!(self.kind, VKind::Border(..))
    }
}

/// One end of an internal edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Term {
    V(usize),
    /// A cluster laid out with the rest (drawn to its border).
    C(usize),
}

#[derive(Debug, Clone)]
pub(super) struct IEdge {
    /// Index of the input edge.
    pub input: usize,
    pub from: Term,
    pub to: Term,
    /// In internal ranks (input minlen doubled when labels take middle ranks).
    pub minlen: i32,
    pub weight: f64,
    /// Label size in the internal frame (along, across).
    pub label: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ICluster {
    pub parent: Option<usize>,
    /// Laid out with the rest of this graph (not collapsed, not inside a collapsed one).
    pub present: bool,
    pub children: Vec<usize>,
    pub depth: usize,
    /// Title size in the final frame.
    pub title_w: f64,
    pub title_h: f64,
    /// First and last rank of its members.
    pub span: Option<(i32, i32)>,
}

/// Where a cluster's title band lies in the internal frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleSide {
    Top,
    Bottom,
    Left,
}

#[derive(Debug, Clone)]
pub(super) struct Compound {
    pub dir: Direction,
    pub node_sep: f64,
    /// Gap between neighbouring internal ranks.
    pub rank_sep: f64,
    pub pad: f64,
    pub vertices: Vec<Vertex>,
    pub clusters: Vec<ICluster>,
    pub edges: Vec<IEdge>,
    /// Input node → its vertex, when laid out at this level.
    pub node_vertex: Vec<Option<usize>>,
}

impl Compound {
    pub fn title_side(&self) -> TitleSide {
        match self.dir {
            Direction::BT => TitleSide::Bottom,
            d if d.is_horizontal() => TitleSide::Left,
            _ => TitleSide::Top,
        }
    }

    /// Room a cluster keeps for its title (and padding) on its title side.
    pub fn title_band(&self, c: usize) -> f64 {
        title_band(self.clusters[c].title_h, self.pad)
    }

    /// Is `c` an ancestor of (or equal to) vertex `v`'s cluster?
    pub fn in_cluster(&self, v: usize, c: usize) -> bool {
        let mut k = self.vertices[v].cluster;
        while let Some(p) = k {
            if p == c {
                return true;
            }
            k = self.clusters[p].parent;
        }
        false
    }

    /// The clusters holding vertex `v`, innermost first.
    pub fn chain(&self, v: usize) -> Vec<usize> {
        self.holders(v).collect()
    }

    /// [`Compound::chain`] without a vector of its own.
    pub fn holders(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.outward(self.vertices[v].cluster)
    }

    /// Cluster `first` (if any) and the clusters holding it, innermost first.
    pub fn outward(&self, first: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(first, |&c| self.clusters[c].parent)
    }

    /// First and last rank of a term.
    pub fn span(&self, t: Term) -> (i32, i32) {
        match t {
            Term::V(v) => (self.vertices[v].rank, self.vertices[v].rank),
            Term::C(c) => self.clusters[c].span.unwrap_or((0, 0)),
        }
    }

    pub fn add_vertex(&mut self, kind: VKind, w: f64, h: f64, cluster: Option<usize>, rank: i32) -> usize {
        self.vertices.push(Vertex { kind, w, h, cluster, rank });
        self.vertices.len() - 1
    }
}

/// Room for a title of this height and the padding around it.
pub(super) fn title_band(title_h: f64, pad: f64) -> f64 {
    if title_h > 0.0 { title_h + 1.5 * pad } else { pad }
}
