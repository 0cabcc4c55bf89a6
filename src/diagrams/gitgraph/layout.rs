//! The git graph layout: mermaid-js's `gitGraphRenderer` geometry.
//!
//! - Branches are lanes, in `order:` order (stable: by creation otherwise),
//!   90 px apart (50, and 40 more for rotated commit labels; top-to-bottom
//!   graphs add half the branch name's width).
//! - Commits go along the lanes in the order made, 50 px apart, 10 in;
//!   with `parallelCommits`, each sits 50 past its nearest parent instead.
//! - Arrows: from each parent to its child, with a 20 px bend where they
//!   change lane, on the child's lane (a merge: on the merged branch's
//!   lane); when a commit of the lane that would take the bend lies
//!   between them, they are rerouted with 10 px bends through a free lane
//!   between the two (mermaid's `findLane`).
//! - Commit labels (10 px) under their commit, turned 45° left by
//!   default; tags (10 px) in tag shapes above it, the last written
//!   nearest; branch names (16 px) in coloured boxes at the start of their
//!   lane.
//!
//! The extent is the bounding box of everything drawn, as Chromium's
//! `getBBox` takes it (a turned label counts with its turned box), then the
//! title above it and the 8 px padding around, as mermaid's viewBox.
//!
//! One deviation: `parallelCommits` bottom to top is laid out as the mirror
//! of top to bottom (mermaid's own positions there depend on the order its
//! two drawing passes run in).

use super::model::{Commit, CommitKind, GitGraph, Orientation};
use crate::layout::geometry::{Point, Rect};
use crate::text::{font_extent, plain_width, TextStyle};

const LAYOUT_OFFSET: f64 = 10.0;
const COMMIT_STEP: f64 = 40.0;
const PX: f64 = 4.0;
const PY: f64 = 2.0;
const DEFAULT_POS: f64 = 30.0;
pub const THEME_COLOR_LIMIT: usize = 8;
pub const BRANCH_FONT: f64 = 16.0;
pub const LABEL_FONT: f64 = 10.0;
pub const TITLE_FONT: f64 = 18.0;

/// An affine map `(a c e; b d f)`, as SVG's `matrix(a b c d e f)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Affine {
    pub const IDENTITY: Affine = Affine { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    pub fn translate(x: f64, y: f64) -> Affine {
        Affine { e: x, f: y, ..Affine::IDENTITY }
    }

    /// SVG's `rotate(deg, cx, cy)`.
    pub fn rotate(deg: f64, cx: f64, cy: f64) -> Affine {
        let (s, c) = deg.to_radians().sin_cos();
        Affine { a: c, b: s, c: -s, d: c, e: cx - c * cx + s * cy, f: cy - s * cx - c * cy }
    }

    /// `self` after `other` (SVG's `transform="self other"` maps points by
    /// `other` first).
    pub fn then(self, other: Affine) -> Affine {
        let (m, n) = (self, other);
        Affine { a: m.a * n.a + m.c * n.b, b: m.b * n.a + m.d * n.b, c: m.a * n.c + m.c * n.d, d: m.b * n.c + m.d * n.d, e: m.a * n.e + m.c * n.f + m.e, f: m.b * n.e + m.d * n.f + m.f }
    }

    pub fn apply(&self, p: Point) -> Point {
        Point::new(self.a * p.x + self.c * p.y + self.e, self.b * p.x + self.d * p.y + self.f)
    }

    /// The four corners of `r`, mapped.
    pub fn corners(&self, r: &Rect) -> [Point; 4] {
        [Point::new(r.x, r.y), Point::new(r.right(), r.y), Point::new(r.right(), r.bottom()), Point::new(r.x, r.bottom())].map(|p| self.apply(p))
    }
}

/// The transform as SVG text, written as mermaid writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Transform {
    pub svg: String,
    pub map: Affine,
}

/// A line of text: left end of its baseline, measured width.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub font_size: f64,
}

impl TextLine {
    fn new(text: &str, x: f64, y: f64, font_size: f64) -> TextLine {
        let width = plain_width(text, &TextStyle { font_size, ..TextStyle::default() });
        TextLine { text: text.to_string(), x, y, width, font_size }
    }

    /// Chromium's text box: rounded ascent above the baseline, rounded
    /// descent below.
    pub fn rect(&self) -> Rect {
        let (a, d) = font_extent(self.font_size);
        Rect::new(self.x, self.y - a.round(), self.width, a.round() + d.round())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BranchLabel {
    /// The coloured box.
    pub rect: Rect,
    /// The name, one line per row.
    pub rows: Vec<TextLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedBranch {
    pub name: String,
    /// Position in the sorted order: the colour.
    pub index: usize,
    pub pos: f64,
    /// The dotted lane line.
    pub line: (Point, Point),
    pub label: Option<BranchLabel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommitLabel {
    pub rect: Rect,
    pub text: TextLine,
    /// The wrapper's turn (LR) or each part's (TB, BT).
    pub transform: Option<Transform>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedTag {
    pub polygon: Vec<Point>,
    pub hole: Point,
    pub text: TextLine,
    /// TB, BT: the turns of the shape (with the hole) and of the text.
    pub shape_transform: Option<Transform>,
    pub text_transform: Option<Transform>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedCommit {
    /// Index into the graph's commits.
    pub commit: usize,
    pub x: f64,
    pub y: f64,
    /// Colour index (of its branch).
    pub color: usize,
    pub label: Option<CommitLabel>,
    pub tags: Vec<PlacedTag>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub d: String,
    pub color: usize,
    /// The points the path goes through (its corners; arcs stay inside).
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GitLayout {
    pub orientation: Orientation,
    pub branches: Vec<PlacedBranch>,
    /// By sequence (mermaid's drawing order).
    pub commits: Vec<PlacedCommit>,
    pub arrows: Vec<Arrow>,
    pub title: Option<TextLine>,
    pub view_box: Rect,
}

/// Text rows as mermaid's `drawText` splits them (`\n`, a written `\n`,
/// `<br>`), trimmed.
fn rows(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut rest = s;
    while !rest.is_empty() {
        let lower = rest.to_ascii_lowercase();
        let br = ["<br/>", "<br />", "<br>"].iter().find(|t| lower.starts_with(**t)).map(|t| t.len());
        let brk = if rest.starts_with("\\n") { Some(2) } else if rest.starts_with('\n') { Some(1) } else { br };
        if let Some(n) = brk {
            out.push(cur.trim().to_string());
            cur.clear();
            rest = &rest[n..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.push(cur.trim().to_string());
    out
}

/// The box `drawText` makes for a branch name (rows 1em apart), before
/// it is placed: width, height.
fn name_box(name: &str) -> (f64, f64, Vec<String>) {
    let rows = rows(name);
    let style = TextStyle { font_size: BRANCH_FONT, ..TextStyle::default() };
    let width = rows.iter().map(|r| plain_width(r, &style)).fold(0.0, f64::max);
    let (a, d) = font_extent(BRANCH_FONT);
    let height = (rows.len() as f64 - 1.0) * BRANCH_FONT + a.round() + d.round();
    (width, height, rows)
}

/// Lays out a git graph.
pub fn layout_gitgraph(g: &GitGraph) -> GitLayout {
    let o = &g.options;
    let dir = g.orientation;
    let vertical = dir != Orientation::LR;
    // Branches, sorted by order (stable).
    let mut sorted: Vec<usize> = (0..g.branches.len()).collect();
    sorted.sort_by(|&a, &b| g.branches[a].order.partial_cmp(&g.branches[b].order).unwrap_or(std::cmp::Ordering::Equal));
    let mut pos = 0.0;
    let mut branch_pos: Vec<(String, f64, usize)> = Vec::new();
    for (index, &b) in sorted.iter().enumerate() {
        let name = &g.branches[b].name;
        let (w, _, _) = name_box(name);
        branch_pos.push((name.clone(), pos, index));
        pos += 50.0 + if o.rotate_commit_label { 40.0 } else { 0.0 } + if vertical { w / 2.0 } else { 0.0 };
    }
    let lane = |branch: &str| branch_pos.iter().find(|(n, _, _)| n == branch).map_or((0.0, 0), |&(_, p, i)| (p, i));

    // Commit positions (mermaid's first pass).
    let mut order: Vec<usize> = (0..g.commits.len()).collect();
    order.sort_by_key(|&k| g.commits[k].seq);
    let parallel = o.parallel_commits;
    let mut at: Vec<Point> = vec![Point::new(0.0, 0.0); g.commits.len()];
    let mut raw_pos: Vec<f64> = vec![0.0; g.commits.len()];
    let mut max_pos: f64 = 0.0;
    let index_of = |id: &str| g.commits.iter().position(|c| c.id == id);
    {
        let seq_order: Vec<usize> = if dir == Orientation::BT && !parallel { order.iter().rev().copied().collect() } else { order.clone() };
        let mut p = if vertical { DEFAULT_POS } else { 0.0 };
        for &k in &seq_order {
            let c = &g.commits[k];
            if parallel {
                // calculatePosition: past the nearest parent.
                let parents: Vec<usize> = c.parents.iter().filter_map(|id| index_of(id)).collect();
                p = if parents.is_empty() {
                    if vertical { DEFAULT_POS } else { 0.0 }
                } else {
                    let along = |q: Point| if vertical { q.y } else { q.x };
                    let best = parents.iter().map(|&i| along(at[i])).fold(f64::NEG_INFINITY, f64::max);
                    best + COMMIT_STEP
                };
            }
            let with_offset = p + LAYOUT_OFFSET;
            let (lp, _) = lane(&c.branch);
            at[k] = if vertical { Point::new(lp, with_offset) } else { Point::new(with_offset, lp - 2.0) };
            raw_pos[k] = p;
            p += COMMIT_STEP + LAYOUT_OFFSET;
            max_pos = max_pos.max(p);
        }
        if dir == Orientation::BT && parallel {
            // The mirror of top to bottom.
            let top = DEFAULT_POS + LAYOUT_OFFSET;
            let bottom = at.iter().map(|q| q.y).fold(top, f64::max);
            for k in 0..at.len() {
                at[k].y = top + bottom - at[k].y;
                raw_pos[k] = at[k].y - LAYOUT_OFFSET;
            }
        }
    }

    // Branch lines and labels.
    let mut lanes: Vec<f64> = Vec::new();
    let mut branches = Vec::new();
    for (name, p, index) in &branch_pos {
        let spine = if vertical { *p } else { p - 2.0 };
        let line = match dir {
            Orientation::LR => (Point::new(0.0, spine), Point::new(max_pos, spine)),
            Orientation::TB => (Point::new(*p, DEFAULT_POS), Point::new(*p, max_pos)),
            Orientation::BT => (Point::new(*p, max_pos), Point::new(*p, DEFAULT_POS)),
        };
        let label = o.show_branches.then(|| {
            let (w, h, texts) = name_box(name);
            let turn = if o.rotate_commit_label { 30.0 } else { 0.0 };
            let (rect, origin) = match dir {
                Orientation::LR => (Rect::new(-w - 4.0 - turn - 19.0, -h / 2.0 + 10.0 + spine - 12.0, w + 18.0, h + 4.0), Point::new(-w - 14.0 - turn, spine - h / 2.0 - 2.0)),
                Orientation::TB => (Rect::new(p - w / 2.0 - 10.0, 0.0, w + 18.0, h + 4.0), Point::new(p - w / 2.0 - 5.0, 0.0)),
                Orientation::BT => (Rect::new(p - w / 2.0 - 10.0, max_pos, w + 18.0, h + 4.0), Point::new(p - w / 2.0 - 5.0, max_pos)),
            };
            let rows = texts.iter().enumerate().map(|(r, t)| TextLine::new(t, origin.x, origin.y + BRANCH_FONT * (r + 1) as f64, BRANCH_FONT)).collect();
            BranchLabel { rect, rows }
        });
        if o.show_branches {
            lanes.push(spine);
        }
        branches.push(PlacedBranch { name: name.clone(), index: *index, pos: *p, line, label });
    }

    // Arrows, in mermaid's order: by commit (map order), by parent.
    let mut arrows = Vec::new();
    for (kb, b) in g.commits.iter().enumerate() {
        for parent in &b.parents {
            let Some(ka) = index_of(parent) else { continue };
            arrows.push(arrow(g, ka, kb, &at, dir, &mut lanes, &|n| lane(n).1));
        }
    }

    // Commits: bullets, labels, tags.
    let commits: Vec<PlacedCommit> = order
        .iter()
        .map(|&k| {
            let c = &g.commits[k];
            let (_, idx) = lane(&c.branch);
            let p = at[k];
            let pos = raw_pos[k];
            let with_offset = if vertical { p.y } else { p.x };
            PlacedCommit { commit: k, x: p.x, y: p.y, color: idx % THEME_COLOR_LIMIT, label: commit_label(c, p, pos, with_offset, dir, o.rotate_commit_label, o.show_commit_label), tags: tags(c, p, pos, with_offset, dir) }
        })
        .collect();

    let mut layout = GitLayout { orientation: dir, branches, commits, arrows, title: None, view_box: Rect::new(0.0, 0.0, 0.0, 0.0) };
    let mut bbox = layout.drawn_bounds();
    if let Some(t) = g.title.as_ref().filter(|t| !t.is_empty()) {
        let mut line = TextLine::new(t, 0.0, -o.title_top_margin, TITLE_FONT);
        line.x = bbox.x + bbox.width / 2.0 - line.width / 2.0;
        bbox = bbox.union(&line.rect());
        layout.title = Some(line);
    }
    let pad = o.diagram_padding;
    layout.view_box = Rect::new(bbox.x - pad, bbox.y - pad, bbox.width + 2.0 * pad, bbox.height + 2.0 * pad);
    layout
}

/// mermaid's `drawCommitLabel`: the id under the commit, for every commit
/// but cherry-picks and merges without a written id.
fn commit_label(c: &Commit, p: Point, pos: f64, with_offset: f64, dir: Orientation, rotate: bool, show: bool) -> Option<CommitLabel> {
    let labelled = c.kind != CommitKind::CherryPick && (c.kind != CommitKind::Merge || c.custom_id);
    if !labelled || !show {
        return None;
    }
    let text = TextLine::new(&c.id, 0.0, 0.0, LABEL_FONT);
    let (w, h) = (text.width, text.rect().height);
    Some(match dir {
        Orientation::LR => {
            let rect = Rect::new(with_offset - w / 2.0 - PY, p.y + 13.5, w + 2.0 * PY, h + 2.0 * PY);
            let text = TextLine { x: with_offset - w / 2.0, y: p.y + 25.0, ..text };
            let transform = rotate.then(|| {
                let rx = -7.5 - ((w + 10.0) / 25.0) * 9.5;
                let ry = 10.0 + (w / 25.0) * 8.5;
                Transform { svg: format!("translate({}, {}) rotate(-45, {}, {})", js(rx), js(ry), js(pos), js(p.y)), map: Affine::translate(rx, ry).then(Affine::rotate(-45.0, pos, p.y)) }
            });
            CommitLabel { rect, text, transform }
        }
        _ => {
            let rect = Rect::new(p.x - (w + 4.0 * PX + 5.0), p.y - 12.0, w + 2.0 * PY, h + 2.0 * PY);
            let text = TextLine { x: p.x - (w + 4.0 * PX), y: p.y + h - 12.0, ..text };
            let transform = rotate.then(|| Transform { svg: format!("rotate(-45, {}, {})", js(p.x), js(p.y)), map: Affine::rotate(-45.0, p.x, p.y) });
            CommitLabel { rect, text, transform }
        }
    })
}

/// mermaid's `drawCommitTags`: the last tag nearest the commit.
fn tags(c: &Commit, p: Point, pos: f64, with_offset: f64, dir: Orientation) -> Vec<PlacedTag> {
    if c.tags.is_empty() {
        return Vec::new();
    }
    let texts: Vec<TextLine> = c.tags.iter().rev().map(|t| TextLine::new(t, 0.0, 0.0, LABEL_FONT)).collect();
    let max_w = texts.iter().map(|t| t.width).fold(0.0, f64::max);
    let max_h = texts.iter().map(|t| t.rect().height).fold(0.0, f64::max);
    let h2 = max_h / 2.0;
    texts
        .into_iter()
        .enumerate()
        .map(|(k, t)| {
            let y_offset = 20.0 * k as f64;
            if dir == Orientation::LR {
                let ly = p.y - 19.2 - y_offset;
                let polygon = vec![
                    Point::new(pos - max_w / 2.0 - PX / 2.0, ly + PY),
                    Point::new(pos - max_w / 2.0 - PX / 2.0, ly - PY),
                    Point::new(with_offset - max_w / 2.0 - PX, ly - h2 - PY),
                    Point::new(with_offset + max_w / 2.0 + PX, ly - h2 - PY),
                    Point::new(with_offset + max_w / 2.0 + PX, ly + h2 + PY),
                    Point::new(with_offset - max_w / 2.0 - PX, ly + h2 + PY),
                ];
                let text = TextLine { x: with_offset - t.width / 2.0, y: p.y - 16.0 - y_offset, ..t };
                PlacedTag { polygon, hole: Point::new(pos - max_w / 2.0 + PX / 2.0, ly), text, shape_transform: None, text_transform: None }
            } else {
                let y_origin = pos + y_offset;
                let x = p.x;
                let polygon = vec![
                    Point::new(x, y_origin + 2.0),
                    Point::new(x, y_origin - 2.0),
                    Point::new(x + LAYOUT_OFFSET, y_origin - h2 - 2.0),
                    Point::new(x + LAYOUT_OFFSET + max_w + 4.0, y_origin - h2 - 2.0),
                    Point::new(x + LAYOUT_OFFSET + max_w + 4.0, y_origin + h2 + 2.0),
                    Point::new(x + LAYOUT_OFFSET, y_origin + h2 + 2.0),
                ];
                let shape = Transform { svg: format!("translate(12,12) rotate(45, {},{})", js(x), js(pos)), map: Affine::translate(12.0, 12.0).then(Affine::rotate(45.0, x, pos)) };
                let text_t = Transform { svg: format!("translate(14,14) rotate(45, {},{})", js(x), js(pos)), map: Affine::translate(14.0, 14.0).then(Affine::rotate(45.0, x, pos)) };
                let text = TextLine { x: x + 5.0, y: y_origin + 3.0, ..t };
                PlacedTag { polygon, hole: Point::new(x + PX / 2.0, y_origin), text, shape_transform: Some(shape), text_transform: Some(text_t) }
            }
        })
        .collect()
}

/// A number as mermaid's template strings write it.
fn js(x: f64) -> String {
    crate::layout::geometry::num(x)
}

/// mermaid's `findLane`: a line between `y1` and `y2` at least 10 px from
/// every lane taken, halving toward `y1` up to 5 times.
fn find_lane(lanes: &mut Vec<f64>, y1: f64, y2: f64, depth: usize) -> f64 {
    let candidate = y1 + (y1 - y2).abs() / 2.0;
    if depth > 5 {
        return candidate;
    }
    if lanes.iter().all(|l| (l - candidate).abs() >= 10.0) {
        lanes.push(candidate);
        return candidate;
    }
    let diff = (y1 - y2).abs();
    find_lane(lanes, y1, y2 - diff / 5.0, depth + 1)
}

/// mermaid's `drawArrow` from commit `ka` to commit `kb`.
fn arrow(g: &GitGraph, ka: usize, kb: usize, at: &[Point], dir: Orientation, lanes: &mut Vec<f64>, branch_index: &dyn Fn(&str) -> usize) -> Arrow {
    let (a, b) = (&g.commits[ka], &g.commits[kb]);
    let (p1, p2) = (at[ka], at[kb]);
    let vertical = dir != Orientation::LR;
    let b_furthest = if vertical { p1.x < p2.x } else { p1.y < p2.y };
    let curve_branch = if b_furthest { &b.branch } else { &a.branch };
    let reroute = g.commits.iter().any(|x| x.seq > a.seq && x.seq < b.seq && &x.branch == curve_branch);
    let merge_side = b.kind == CommitKind::Merge && b.parents.first().map(String::as_str) != Some(a.id.as_str());
    let mut color = branch_index(&b.branch);
    if merge_side {
        color = branch_index(&a.branch);
    }
    let n = |x: f64| js(x);
    let (d, points): (String, Vec<Point>) = if reroute {
        let (arc, arc2, r) = ("A 10 10, 0, 0, 0,", "A 10 10, 0, 0, 1,", 10.0);
        let line_y = if p1.y < p2.y { find_lane(lanes, p1.y, p2.y, 0) } else { find_lane(lanes, p2.y, p1.y, 0) };
        let line_x = if p1.x < p2.x { find_lane(lanes, p1.x, p2.x, 0) } else { find_lane(lanes, p2.x, p1.x, 0) };
        match dir {
            Orientation::TB | Orientation::BT => {
                let s = if dir == Orientation::TB { 1.0 } else { -1.0 };
                let right = p1.x < p2.x;
                if !right {
                    color = branch_index(&a.branch);
                }
                let (first, second) = match (dir, right) {
                    (Orientation::TB, true) => (arc2, arc),
                    (Orientation::TB, false) => (arc, arc2),
                    (_, true) => (arc, arc2),
                    (_, false) => (arc2, arc),
                };
                let sx = if right { 1.0 } else { -1.0 };
                let d = format!(
                    "M {} {} L {} {} {first} {} {} L {} {} {second} {} {} L {} {}",
                    n(p1.x), n(p1.y), n(line_x - sx * r), n(p1.y), n(line_x), n(p1.y + s * r), n(line_x), n(p2.y - s * r), n(line_x + sx * r), n(p2.y), n(p2.x), n(p2.y)
                );
                (d, vec![p1, Point::new(line_x, p1.y), Point::new(line_x, p2.y), p2])
            }
            Orientation::LR => {
                let down = p1.y < p2.y;
                if !down {
                    color = branch_index(&a.branch);
                }
                let (first, second, sy) = if down { (arc, arc2, 1.0) } else { (arc2, arc, -1.0) };
                let d = format!(
                    "M {} {} L {} {} {first} {} {} L {} {} {second} {} {} L {} {}",
                    n(p1.x), n(p1.y), n(p1.x), n(line_y - sy * r), n(p1.x + r), n(line_y), n(p2.x - r), n(line_y), n(p2.x), n(line_y + sy * r), n(p2.x), n(p2.y)
                );
                (d, vec![p1, Point::new(p1.x, line_y), Point::new(p2.x, line_y), p2])
            }
        }
    } else {
        let (arc, arc2, r) = ("A 20 20, 0, 0, 0,", "A 20 20, 0, 0, 1,", 20.0);
        let straight = || (format!("M {} {} L {} {}", n(p1.x), n(p1.y), n(p2.x), n(p2.y)), vec![p1, p2]);
        match dir {
            Orientation::TB | Orientation::BT => {
                let s = if dir == Orientation::TB { 1.0 } else { -1.0 };
                if p1.x == p2.x {
                    straight()
                } else {
                    let right = p1.x < p2.x;
                    let sx = if right { 1.0 } else { -1.0 };
                    // TB right: merge arc / branch arc2; TB left: merge arc2 / branch arc; BT swaps.
                    let (merge_arc, branch_arc) = match (dir == Orientation::TB, right) {
                        (true, true) => (arc, arc2),
                        (true, false) => (arc2, arc),
                        (false, true) => (arc2, arc),
                        (false, false) => (arc, arc2),
                    };
                    if merge_side {
                        let d = format!("M {} {} L {} {} {merge_arc} {} {} L {} {}", n(p1.x), n(p1.y), n(p1.x), n(p2.y - s * r), n(p1.x + sx * r), n(p2.y), n(p2.x), n(p2.y));
                        (d, vec![p1, Point::new(p1.x, p2.y), p2])
                    } else {
                        let d = format!("M {} {} L {} {} {branch_arc} {} {} L {} {}", n(p1.x), n(p1.y), n(p2.x - sx * r), n(p1.y), n(p2.x), n(p1.y + s * r), n(p2.x), n(p2.y));
                        (d, vec![p1, Point::new(p2.x, p1.y), p2])
                    }
                }
            }
            Orientation::LR => {
                if p1.y == p2.y {
                    straight()
                } else if p1.y < p2.y {
                    if merge_side {
                        (format!("M {} {} L {} {} {arc2} {} {} L {} {}", n(p1.x), n(p1.y), n(p2.x - r), n(p1.y), n(p2.x), n(p1.y + r), n(p2.x), n(p2.y)), vec![p1, Point::new(p2.x, p1.y), p2])
                    } else {
                        (format!("M {} {} L {} {} {arc} {} {} L {} {}", n(p1.x), n(p1.y), n(p1.x), n(p2.y - r), n(p1.x + r), n(p2.y), n(p2.x), n(p2.y)), vec![p1, Point::new(p1.x, p2.y), p2])
                    }
                } else if merge_side {
                    (format!("M {} {} L {} {} {arc} {} {} L {} {}", n(p1.x), n(p1.y), n(p2.x - r), n(p1.y), n(p2.x), n(p1.y - r), n(p2.x), n(p2.y)), vec![p1, Point::new(p2.x, p1.y), p2])
                } else {
                    (format!("M {} {} L {} {} {arc2} {} {} L {} {}", n(p1.x), n(p1.y), n(p1.x), n(p2.y + r), n(p1.x + r), n(p2.y), n(p2.x), n(p2.y)), vec![p1, Point::new(p1.x, p2.y), p2])
                }
            }
        }
    };
    Arrow { d, color: color % THEME_COLOR_LIMIT, points }
}

fn hull(points: &[Point]) -> Rect {
    Rect::bounding(points)
}

impl PlacedCommit {
    /// The bullet's box (radius 10; a highlight is a 20 px square).
    pub fn bullet(&self) -> Rect {
        Rect::new(self.x - 10.0, self.y - 10.0, 20.0, 20.0)
    }
}

impl CommitLabel {
    /// The turned box of the label (its background and text).
    pub fn outline(&self) -> Vec<Point> {
        let r = self.rect.union(&self.text.rect());
        let map = self.transform.as_ref().map_or(Affine::IDENTITY, |t| t.map);
        map.corners(&r).to_vec()
    }
}

impl PlacedTag {
    pub fn outline(&self) -> Vec<Point> {
        let shape_map = self.shape_transform.as_ref().map_or(Affine::IDENTITY, |t| t.map);
        let text_map = self.text_transform.as_ref().map_or(Affine::IDENTITY, |t| t.map);
        let mut pts: Vec<Point> = self.polygon.iter().map(|&p| shape_map.apply(p)).collect();
        pts.extend(text_map.corners(&self.text.rect()));
        pts
    }
}

impl GitLayout {
    /// Chromium's `getBBox` of everything drawn but the title.
    fn drawn_bounds(&self) -> Rect {
        let mut pts: Vec<Point> = Vec::new();
        for b in &self.branches {
            pts.push(b.line.0);
            pts.push(b.line.1);
            if let Some(l) = &b.label {
                pts.extend(Affine::IDENTITY.corners(&l.rect));
                for r in &l.rows {
                    pts.extend(Affine::IDENTITY.corners(&r.rect()));
                }
            }
        }
        for a in &self.arrows {
            pts.extend(a.points.iter().copied());
        }
        for c in &self.commits {
            pts.extend(Affine::IDENTITY.corners(&c.bullet()));
            if let Some(l) = &c.label {
                // A turned wrapper counts with its turned box.
                let r = l.rect.union(&l.text.rect());
                match &l.transform {
                    Some(t) => pts.extend(t.map.corners(&r)),
                    None => pts.extend(Affine::IDENTITY.corners(&r)),
                }
            }
            for t in &c.tags {
                let shape = hull(&t.polygon).union(&Rect::new(t.hole.x - 1.5, t.hole.y - 1.5, 3.0, 3.0));
                pts.extend(t.shape_transform.as_ref().map_or(Affine::IDENTITY, |x| x.map).corners(&shape));
                pts.extend(t.text_transform.as_ref().map_or(Affine::IDENTITY, |x| x.map).corners(&t.text.rect()));
            }
        }
        if pts.is_empty() {
            return Rect::new(0.0, 0.0, 0.0, 0.0);
        }
        hull(&pts)
    }

    /// Pairs that overlap: commit labels, tags and branch labels with each
    /// other, and a commit label or tag over another commit's bullet.
    pub fn overlaps(&self) -> usize {
        let mut shapes: Vec<(usize, Vec<Point>)> = Vec::new();
        for (k, c) in self.commits.iter().enumerate() {
            if let Some(l) = &c.label {
                shapes.push((k, l.outline()));
            }
            for t in &c.tags {
                shapes.push((k, t.outline()));
            }
        }
        let branch_boxes: Vec<Vec<Point>> = self.branches.iter().filter_map(|b| b.label.as_ref().map(|l| Affine::IDENTITY.corners(&l.rect).to_vec())).collect();
        let bullets: Vec<Vec<Point>> = self.commits.iter().map(|c| Affine::IDENTITY.corners(&c.bullet().inflate(-1.0)).to_vec()).collect();
        let mut n = 0;
        for (i, (ki, a)) in shapes.iter().enumerate() {
            n += shapes[i + 1..].iter().filter(|(kj, b)| kj != ki && convex_overlap(a, b)).count();
            n += branch_boxes.iter().filter(|b| convex_overlap(a, b)).count();
            n += bullets.iter().enumerate().filter(|&(kb, b)| kb != *ki && convex_overlap(a, b)).count();
        }
        for (i, a) in branch_boxes.iter().enumerate() {
            n += branch_boxes[i + 1..].iter().filter(|b| convex_overlap(a, b)).count();
        }
        n
    }

    /// Texts reaching outside the view box.
    pub fn text_overflow(&self) -> usize {
        let view = self.view_box.inflate(0.5);
        let inside = |pts: &[Point]| pts.iter().all(|p| view.contains(*p));
        let mut n = 0;
        for b in &self.branches {
            if let Some(l) = &b.label {
                n += l.rows.iter().filter(|r| !inside(&Affine::IDENTITY.corners(&r.rect()))).count();
            }
        }
        for c in &self.commits {
            if let Some(l) = &c.label {
                let map = l.transform.as_ref().map_or(Affine::IDENTITY, |t| t.map);
                n += usize::from(!inside(&map.corners(&l.text.rect())));
            }
            for t in &c.tags {
                let map = t.text_transform.as_ref().map_or(Affine::IDENTITY, |x| x.map);
                n += usize::from(!inside(&map.corners(&t.text.rect())));
            }
        }
        if let Some(t) = &self.title {
            n += usize::from(!inside(&Affine::IDENTITY.corners(&t.rect())));
        }
        n
    }
}

/// Whether two convex shapes (given by points; their hulls) overlap by
/// more than half a pixel: no separating axis among their edges.
fn convex_overlap(a: &[Point], b: &[Point]) -> bool {
    let ha = convex_hull(a);
    let hb = convex_hull(b);
    for poly in [&ha, &hb] {
        for i in 0..poly.len() {
            let (p, q) = (poly[i], poly[(i + 1) % poly.len()]);
            let (nx, ny) = (q.y - p.y, p.x - q.x);
            let len = (nx * nx + ny * ny).sqrt();
            if len == 0.0 {
                continue;
            }
            let proj = |s: &[Point]| s.iter().map(|r| (r.x * nx + r.y * ny) / len).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
            let (a0, a1) = proj(&ha);
            let (b0, b1) = proj(&hb);
            if a1.min(b1) - a0.max(b0) <= 0.5 {
                return false;
            }
        }
    }
    true
}

/// Andrew's monotone chain.
fn convex_hull(points: &[Point]) -> Vec<Point> {
    let mut p: Vec<Point> = points.to_vec();
    p.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal).then(a.y.partial_cmp(&b.y).unwrap_or(std::cmp::Ordering::Equal)));
    p.dedup_by(|a, b| (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9);
    if p.len() < 3 {
        return p;
    }
    let cross = |o: Point, a: Point, b: Point| (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
    let mut lower: Vec<Point> = Vec::new();
    for &q in &p {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], q) <= 0.0 {
            lower.pop();
        }
        lower.push(q);
    }
    let mut upper: Vec<Point> = Vec::new();
    for &q in p.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], q) <= 0.0 {
            upper.pop();
        }
        upper.push(q);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn layout(text: &str) -> (GitGraph, GitLayout) {
        match crate::diagrams::parse(text).diagram {
            Some(Diagram::GitGraph(g)) => {
                let l = layout_gitgraph(&g);
                (g, l)
            }
            other => panic!("not a git graph: {other:?}"),
        }
    }

    const STYLE_GUIDE: &str = "gitGraph\n    commit id: \"Initial commit\"\n    commit id: \"Add service A\"\n    branch feature/service-b\n    checkout feature/service-b\n    commit id: \"Create service B\"\n    commit id: \"Add tests\"\n    checkout main\n    commit id: \"Fix security issue\"\n    merge feature/service-b\n    commit id: \"Deploy v1.0\"\n    branch hotfix/db-conn\n    checkout hotfix/db-conn\n    commit id: \"Fix connection pool\"\n    checkout main\n    merge hotfix/db-conn\n    commit id: \"Deploy v1.0.1\"\n    branch feature/monitoring\n    checkout feature/monitoring\n    commit id: \"Add Prometheus\"\n    commit id: \"Add Grafana\"\n    checkout main\n    merge feature/monitoring\n    commit id: \"Deploy v1.1\"\n";

    #[test]
    fn matches_mermaid_on_the_style_guide_graph() {
        // mermaid-js 11.17.2 in Chromium: viewBox -189.97 -20.5 897.97 372.67,
        // lanes at -2, 88, 178, 268, commits 50 apart from x = 10.
        let (_, l) = layout(STYLE_GUIDE);
        let lanes: Vec<f64> = l.branches.iter().map(|b| b.line.0.y).collect();
        assert_eq!(lanes, [-2.0, 88.0, 178.0, 268.0]);
        let xs: Vec<f64> = l.commits.iter().map(|c| c.x).collect();
        assert_eq!(xs[..3], [10.0, 60.0, 110.0]);
        assert_eq!(l.branches[0].line.1.x, 700.0);
        assert_eq!(l.arrows[1].d, "M 60 -2 L 60 68 A 20 20, 0, 0, 0, 80 88 L 110 88");
        assert_eq!(l.arrows[5].d, "M 160 88 L 240 88 A 20 20, 0, 0, 0, 260 68 L 260 -2");
        let v = l.view_box;
        assert!((v.x - -189.97).abs() < 1.5 && (v.width - 897.97).abs() < 3.0, "{v:?}");
        assert!((v.y - -20.5).abs() < 1.0 && (v.height - 372.67).abs() < 3.0, "{v:?}");
        assert_eq!(l.overlaps(), 0);
        assert_eq!(l.text_overflow(), 0);
    }

    #[test]
    fn turned_labels_match_mermaids_transform() {
        let (_, l) = layout(STYLE_GUIDE);
        // mermaid: translate(-33.555, 29.913) rotate(-45, 0, -2), the text
        // 58.57 px wide in Chromium (58.35 measured here).
        let first = l.commits[0].label.as_ref().unwrap();
        let t = &first.transform.as_ref().unwrap().map;
        let expected = Affine::translate(-33.555, 29.913).then(Affine::rotate(-45.0, 0.0, -2.0));
        assert!((t.e - expected.e).abs() < 0.2 && (t.f - expected.f).abs() < 0.2 && (t.a - expected.a).abs() < 1e-9, "{t:?}");
        assert!(first.transform.as_ref().unwrap().svg.ends_with("rotate(-45, 0, -2)"));
        assert!((first.rect.x - -21.283).abs() < 0.2 && first.rect.height == 15.0, "{:?}", first.rect);
    }

    #[test]
    fn reroutes_around_commits_in_the_way() {
        // main's second commit merged into b after b moved on: the arrow
        // would bend on b's lane through b's third commit, so it takes a
        // lane of its own.
        let (_, l) = layout("gitGraph\ncommit\nbranch b\ncommit\ncheckout main\ncommit\ncheckout b\ncommit\nmerge main\n");
        assert!(l.arrows.iter().any(|a| a.d.contains("A 10 10")), "{:?}", l.arrows);
    }

    #[test]
    fn vertical_graphs() {
        let (_, l) = layout("gitGraph TB:\ncommit\nbranch develop\ncommit tag: \"v1\"\n");
        assert_eq!(l.commits[0].y, 40.0);
        assert_eq!(l.commits[1].x, l.branches[1].pos);
        let (_, b) = layout("gitGraph BT:\ncommit\ncommit\n");
        assert!(b.commits[0].y > b.commits[1].y, "bottom to top");
    }

    #[test]
    fn figures_can_fail() {
        let (_, mut l) = layout(STYLE_GUIDE);
        let label = l.commits[1].label.clone();
        l.commits[0].label = label;
        assert!(l.overlaps() > 0);
        l.view_box.width = 100.0;
        assert!(l.text_overflow() > 0);
    }
}
