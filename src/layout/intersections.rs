//! Crossings among drawn polylines, and polylines through boxes, found
//! through a uniform grid of their segments, so that measuring a drawing
//! costs in proportion to its size rather than to the square of its edges.
//!
//! Both the layered layout's score and the figures reported on a drawing
//! count through here, so what the search optimises is what is reported.

use super::geometry::{crossing_point, segment_hits_rect, segments_cross, Point, Rect};

/// One straight piece of a polyline, with its box.
#[derive(Debug, Clone, Copy)]
struct Piece {
    line: u32,
    a: Point,
    b: Point,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// Up to this many boxes go in a single cell.
const ONE_CELL: usize = 48;

/// Boxes (least x, least y, greatest x, greatest y) bucketed by the cells
/// of a uniform grid they overlap (cells in row-major order, compressed), so
/// that what lies near a place costs in proportion to what is there: the
/// pieces of drawn edges here, the boxes of placed vertices in routing.
pub(crate) struct BoxGrid {
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// Boxes of cell `c` are `items[start[c]..start[c + 1]]`, ascending.
    start: Vec<usize>,
    items: Vec<u32>,
    /// The cell (column, row) of each box's top-left corner.
    corner: Vec<(u32, u32)>,
}

impl BoxGrid {
    pub(crate) fn new(boxes: &[[f64; 4]]) -> BoxGrid {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for b in boxes {
            x0 = x0.min(b[0]);
            y0 = y0.min(b[1]);
            x1 = x1.max(b[2]);
            y1 = y1.max(b[3]);
        }
        let mut grid = BoxGrid { x0, y0, cell: 1.0, cols: 1, rows: 1, start: vec![0, boxes.len()], items: (0..boxes.len() as u32).collect(), corner: vec![(0, 0); boxes.len()] };
        // About one cell per box; a few boxes share one cell (comparing
        // them all costs less than bucketing them), as do boxes with no
        // extent to divide.
        if boxes.len() <= ONE_CELL || !(x1 >= x0 && y1 >= y0) {
            return grid;
        }
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let cell = (w * h / boxes.len() as f64).sqrt().max(1.0);
        let (cols, rows) = (((w / cell).ceil() as usize).clamp(1, 4096), ((h / cell).ceil() as usize).clamp(1, 4096));
        (grid.cell, grid.cols, grid.rows) = ((w / cols as f64).max(h / rows as f64), cols, rows);
        if cols * rows == 1 {
            return grid;
        }
        // Counting pass, then filling.
        grid.start = vec![0; cols * rows + 1];
        let spans: Vec<(usize, usize, usize, usize)> = boxes.iter().map(|b| grid.span(b[0], b[1], b[2], b[3])).collect();
        for (k, &(c0, r0, c1, r1)) in spans.iter().enumerate() {
            grid.corner[k] = (c0 as u32, r0 as u32);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    grid.start[r * cols + c + 1] += 1;
                }
            }
        }
        for i in 0..cols * rows {
            grid.start[i + 1] += grid.start[i];
        }
        grid.items = vec![0; grid.start[cols * rows]];
        let mut fill = grid.start.clone();
        for (k, &(c0, r0, c1, r1)) in spans.iter().enumerate() {
            for r in r0..=r1 {
                for c in c0..=c1 {
                    grid.items[fill[r * cols + c]] = k as u32;
                    fill[r * cols + c] += 1;
                }
            }
        }
        grid
    }

    // (A float to integer cast truncates toward zero and saturates at zero,
    // which is the floor of every value it keeps: no call to `floor`.)
    fn col(&self, x: f64) -> usize {
        (((x - self.x0) / self.cell) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.y0) / self.cell) as usize).min(self.rows - 1)
    }

    /// The cells (first column, first row, last column, last row) a box overlaps.
    fn span(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> (usize, usize, usize, usize) {
        (self.col(x0), self.row(y0), self.col(x1), self.row(y1))
    }

    pub(crate) fn cells(&self) -> usize {
        self.cols * self.rows
    }

    fn cell_items(&self, c: usize) -> &[u32] {
        &self.items[self.start[c]..self.start[c + 1]]
    }

    /// The cells the box (x0, y0)–(x1, y1) overlaps.
    fn cells_over(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> impl Iterator<Item = usize> + '_ {
        let (c0, r0, c1, r1) = self.span(x0, y0, x1, y1);
        (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * self.cols + c))
    }

    /// The boxes (ascending, each once) in the cells the box (x0, y0)–(x1,
    /// y1) overlaps: every box that meets it, and some near it.
    pub(crate) fn near(&self, x0: f64, y0: f64, x1: f64, y1: f64, out: &mut Vec<u32>) {
        out.clear();
        for c in self.cells_over(x0, y0, x1, y1) {
            out.extend_from_slice(self.cell_items(c));
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// The pieces of every polyline, indexed by their boxes.
struct Grid {
    pieces: Vec<Piece>,
    cells: BoxGrid,
}

impl Grid {
    fn new(lines: &[&[Point]]) -> Grid {
        let mut pieces = Vec::with_capacity(lines.iter().map(|l| l.len().saturating_sub(1)).sum());
        for (i, line) in lines.iter().enumerate() {
            for w in line.windows(2) {
                let (a, b) = (w[0], w[1]);
                pieces.push(Piece { line: i as u32, a, b, x0: a.x.min(b.x), y0: a.y.min(b.y), x1: a.x.max(b.x), y1: a.y.max(b.y) });
            }
        }
        let boxes: Vec<[f64; 4]> = pieces.iter().map(|p| [p.x0, p.y0, p.x1, p.y1]).collect();
        Grid { cells: BoxGrid::new(&boxes), pieces }
    }
}

/// Pairs of polylines `(i, j)`, `i < j`, that cross somewhere `counts(i, j,
/// at)` accepts (a pair crossing several times counts once), sorted.
pub fn crossing_pairs(lines: &[&[Point]], counts: impl FnMut(usize, usize, Point) -> bool) -> Vec<(usize, usize)> {
    Pieces::new(lines).crossing_pairs(counts)
}

/// Pairs `(line, rect)` where a piece of the polyline passes through the box
/// (`inset` inside its border), except those `skip` names, sorted.
pub fn passes_through(lines: &[&[Point]], rects: &[Rect], inset: f64, skip: impl FnMut(usize, usize) -> bool) -> Vec<(usize, usize)> {
    Pieces::new(lines).passes_through(rects, inset, skip)
}

/// The pieces of some polylines (and how many polylines), indexed once to
/// ask which cross, what they pass through, and whether any passes through
/// a box.
pub struct Pieces(Grid, usize);

impl Pieces {
    pub fn new(lines: &[&[Point]]) -> Pieces {
        Pieces(Grid::new(lines), lines.len())
    }

    /// [`crossing_pairs`] of the polylines indexed.
    pub fn crossing_pairs(&self, mut counts: impl FnMut(usize, usize, Point) -> bool) -> Vec<(usize, usize)> {
        let Grid { pieces, cells } = &self.0;
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for c in 0..cells.cells() {
            let here = cells.cell_items(c);
            for (n, &s) in here.iter().enumerate() {
                let p = &pieces[s as usize];
                for &t in &here[n + 1..] {
                    let q = &pieces[t as usize];
                    if p.line == q.line || p.x0 > q.x1 || q.x0 > p.x1 || p.y0 > q.y1 || q.y0 > p.y1 {
                        continue;
                    }
                    // Each pair of pieces is looked at in one cell only: the one
                    // holding the corner of their boxes' overlap.
                    // (the cell of a larger coordinate is the larger of the cells)
                    let ((pc, pr), (qc, qr)) = (cells.corner[s as usize], cells.corner[t as usize]);
                    if pr.max(qr) as usize * cells.cols + pc.max(qc) as usize != c {
                        continue;
                    }
                    let (i, j) = if p.line < q.line { (p, q) } else { (q, p) };
                    if segments_cross(i.a, i.b, j.a, j.b) && counts(i.line as usize, j.line as usize, crossing_point(i.a, i.b, j.a, j.b)) {
                        pairs.push((i.line as usize, j.line as usize));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// [`passes_through`] of the polylines indexed.
    pub fn passes_through(&self, rects: &[Rect], inset: f64, mut skip: impl FnMut(usize, usize) -> bool) -> Vec<(usize, usize)> {
        let Grid { pieces, cells } = &self.0;
        let mut out: Vec<(usize, usize)> = Vec::new();
        // The last rect each line was found passing through (one count a pair).
        let mut seen: Vec<usize> = vec![usize::MAX; self.1];
        if pieces.is_empty() {
            return out;
        }
        for (k, r) in rects.iter().enumerate() {
            let inner = r.inflate(-inset);
            if inner.width <= 0.0 || inner.height <= 0.0 {
                continue;
            }
            for c in cells.cells_over(inner.x, inner.y, inner.right(), inner.bottom()) {
                for &s in cells.cell_items(c) {
                    let p = &pieces[s as usize];
                    let line = p.line as usize;
                    if seen[line] == k || p.x0 > inner.right() || p.x1 < inner.x || p.y0 > inner.bottom() || p.y1 < inner.y || skip(line, k) {
                        continue;
                    }
                    if segment_hits_rect(p.a, p.b, r, inset) {
                        seen[line] = k;
                        out.push((line, k));
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Does some piece pass through the box (`inset` inside its border)?
    pub fn through(&self, r: &Rect, inset: f64) -> bool {
        let Grid { pieces, cells } = &self.0;
        let inner = r.inflate(-inset);
        if pieces.is_empty() || inner.width <= 0.0 || inner.height <= 0.0 {
            return false;
        }
        cells.cells_over(inner.x, inner.y, inner.right(), inner.bottom()).any(|c| {
            cells.cell_items(c).iter().any(|&s| {
                let p = &pieces[s as usize];
                !(p.x0 > inner.right() || p.x1 < inner.x || p.y0 > inner.bottom() || p.y1 < inner.y) && segment_hits_rect(p.a, p.b, r, inset)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    /// Every pair of pieces, the plain way.
    fn brute_pairs(lines: &[&[Point]]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..lines.len() {
            for j in i + 1..lines.len() {
                if lines[i].windows(2).any(|a| lines[j].windows(2).any(|b| segments_cross(a[0], a[1], b[0], b[1]))) {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn grid_finds_the_pairs_a_plain_scan_finds() {
        // A fan of long and short polylines over one another.
        let mut lines: Vec<Vec<Point>> = Vec::new();
        for i in 0..40 {
            let f = i as f64;
            lines.push(vec![p(f * 7.0, 0.0), p(f * 7.0, 50.0 + f), p(300.0 - f * 5.0, 120.0), p(300.0 - f * 5.0, 400.0)]);
            lines.push(vec![p(0.0, f * 9.0), p(400.0, 360.0 - f * 9.0)]);
        }
        let refs: Vec<&[Point]> = lines.iter().map(|l| l.as_slice()).collect();
        let pairs = crossing_pairs(&refs, |_, _, _| true);
        assert!(pairs.len() > 100);
        assert_eq!(pairs, brute_pairs(&refs));
    }

    #[test]
    fn a_crossing_the_filter_refuses_does_not_count() {
        let a = [p(0.0, 0.0), p(10.0, 10.0)];
        let b = [p(0.0, 10.0), p(10.0, 0.0)];
        let lines: Vec<&[Point]> = vec![&a, &b];
        assert_eq!(crossing_pairs(&lines, |_, _, _| true), vec![(0, 1)]);
        assert!(crossing_pairs(&lines, |_, _, at| at.x > 6.0).is_empty());
    }

    #[test]
    fn lines_through_boxes_count_once_and_skip_their_ends() {
        let a = [p(0.0, 5.0), p(100.0, 5.0), p(100.0, 6.0), p(0.0, 6.0)];
        let lines: Vec<&[Point]> = vec![&a];
        let rects = [Rect::new(40.0, 0.0, 10.0, 10.0), Rect::new(40.0, 20.0, 10.0, 10.0), Rect::new(80.0, 0.0, 10.0, 10.0)];
        assert_eq!(passes_through(&lines, &rects, 2.0, |_, _| false), vec![(0, 0), (0, 2)]);
        assert_eq!(passes_through(&lines, &rects, 2.0, |_, r| r == 2), vec![(0, 0)]);
    }
}
