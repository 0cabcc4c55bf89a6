//! The sankey layout: d3-sankey 0.12's algorithm, as mermaid-js runs it
//! (node width 10, padding 12 + 15 with values shown, 6 iterations, the
//! extent `[0, 0]`–`[width, height]`), written out here:
//!
//! 1. a node's value is the larger of its inflow and outflow;
//! 2. its depth is the longest path from a source, its height the longest
//!    path to a sink; the alignment (justify, left, right, center) turns
//!    them into a column, and columns are spaced evenly across the width;
//! 3. one scale `ky` (pixels per unit of value) fits the fullest column
//!    into the height; each column starts stacked from the top and spread
//!    evenly;
//! 4. six rounds of relaxation move each node toward the weighted centre of
//!    its links, right to left then left to right, with collisions resolved
//!    outward from each column's middle node;
//! 5. each node's links are stacked in the order of the nodes at their far
//!    ends, and drawn as horizontal bump curves as wide as their values.
//!
//! Labels sit 6 px beside their node at its middle, 14 px text: right of
//! nodes in the left half of the width, left of the others (`legacy`), or
//! by column relative to the largest node's (`outlined`). The drawing's
//! extent is everything drawn, labels included, as mermaid's viewBox is the
//! bounding box of what it drew.

use super::model::{LabelStyle, NodeAlignment, Sankey};
use crate::layout::geometry::Rect;
use crate::text::{font_extent, plain_width, TextStyle};

/// d3-sankey's default number of relaxation rounds (mermaid keeps it).
pub const ITERATIONS: usize = 6;
/// Label font size and distance from the node.
pub const LABEL_FONT: f64 = 14.0;
pub const LABEL_GAP: f64 = 6.0;
/// Extra node padding when values are shown (mermaid's `+ 15`).
pub const VALUE_PADDING: f64 = 15.0;

/// Which side of its anchor a label's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    End,
}

/// A node's label: its text (one line, as browsers show mermaid's
/// `name\nvalue`), anchor point and measured box.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLabel {
    pub text: String,
    pub x: f64,
    /// The baseline.
    pub y: f64,
    pub anchor: Anchor,
    pub width: f64,
    /// The box the glyphs take (ascent to descent).
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNode {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub value: f64,
    pub depth: usize,
    pub height: usize,
    pub layer: usize,
    pub label: NodeLabel,
}

impl PlacedNode {
    pub fn rect(&self) -> Rect {
        Rect::new(self.x0, self.y0, self.x1 - self.x0, self.y1 - self.y0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLink {
    pub source: usize,
    pub target: usize,
    /// Where the link leaves its source (x = source's right side) and
    /// enters its target (x = target's left side): the middles of its band.
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// The band's width (value × ky); drawn at least 1 px wide.
    pub width: f64,
}

impl PlacedLink {
    /// d3's `linkHorizontal` (a bump curve): `M x0,y0 C xm,y0 xm,y1 x1,y1`.
    pub fn path(&self) -> [(f64, f64); 4] {
        let xm = (self.x0 + self.x1) / 2.0;
        [(self.x0, self.y0), (xm, self.y0), (xm, self.y1), (self.x1, self.y1)]
    }

    pub fn stroke_width(&self) -> f64 {
        self.width.max(1.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SankeyLayout {
    pub nodes: Vec<PlacedNode>,
    pub links: Vec<PlacedLink>,
    /// Everything drawn: nodes, link bands and labels.
    pub bounds: Rect,
    pub label_style: LabelStyle,
}

/// Node and link state while d3-sankey's algorithm runs.
struct Work {
    x0: Vec<f64>,
    x1: Vec<f64>,
    y0: Vec<f64>,
    y1: Vec<f64>,
    value: Vec<f64>,
    layer: Vec<usize>,
    /// Outgoing and incoming link indices, kept sorted as d3 keeps them.
    source_links: Vec<Vec<usize>>,
    target_links: Vec<Vec<usize>>,
    link_width: Vec<f64>,
    link_y0: Vec<f64>,
    link_y1: Vec<f64>,
    py: f64,
    extent_y0: f64,
    extent_y1: f64,
}

/// Lays out a sankey diagram. The model has no loops (the parser leaves
/// out the links that close one).
///
/// mermaid's extent is `width` × `height` (600 × 400) whatever the labels
/// need, and labels run into each other when a column's names reach the
/// next column's (d3 places nodes only). Here the same layout is made
/// wider, then taller, until no label covers another label or a node:
/// nodes keep their places relative to each other (the vertical layout
/// does not depend on the width), and a diagram whose labels fit is laid
/// out at mermaid's size, as mermaid does.
pub fn layout_sankey(s: &Sankey) -> SankeyLayout {
    let (mut width, mut height) = (s.options.width, s.options.height);
    let mut l = layout_at(s, width, height);
    for _ in 0..12 {
        let (wider, taller) = l.room_needed();
        if wider <= 0.0 && taller <= 0.0 {
            break;
        }
        let columns = l.nodes.iter().map(|n| n.layer).max().unwrap_or(0).max(1) as f64;
        if taller > 0.0 {
            height += taller.max(height * 0.05);
        } else {
            width += (wider * columns).max(8.0);
        }
        l = layout_at(s, width, height);
    }
    l
}

/// d3-sankey's layout in the extent `[0, 0]`–`[width, height]`.
fn layout_at(s: &Sankey, width: f64, height: f64) -> SankeyLayout {
    let o = &s.options;
    let n = s.nodes.len();
    let links = &s.links;
    let (ext_x0, ext_y0, ext_x1, ext_y1) = (0.0, 0.0, width, height);
    let dx = o.node_width;
    let dy = o.node_padding + if o.show_values { VALUE_PADDING } else { 0.0 };

    let mut source_links = vec![Vec::new(); n];
    let mut target_links = vec![Vec::new(); n];
    for (k, l) in links.iter().enumerate() {
        source_links[l.source].push(k);
        target_links[l.target].push(k);
    }
    // 1. values (d3.sum skips NaN; the parser leaves none).
    let value: Vec<f64> = (0..n)
        .map(|i| {
            let out: f64 = source_links[i].iter().map(|&k| links[k].value).sum();
            let inn: f64 = target_links[i].iter().map(|&k| links[k].value).sum();
            out.max(inn)
        })
        .collect();
    // 2. depths and heights: longest paths, as d3's rounds of sets.
    let depth = longest_paths(n, |i| source_links[i].iter().map(|&k| links[k].target).collect());
    let height = longest_paths(n, |i| target_links[i].iter().map(|&k| links[k].source).collect());
    let columns_n = depth.iter().copied().max().map_or(1, |d| d + 1);
    let kx = if columns_n > 1 { (ext_x1 - ext_x0 - dx) / (columns_n - 1) as f64 } else { 0.0 };
    let mut layer = vec![0usize; n];
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); columns_n];
    let mut x0 = vec![0.0; n];
    let mut x1 = vec![0.0; n];
    for i in 0..n {
        let aligned: f64 = match o.node_alignment {
            NodeAlignment::Left => depth[i] as f64,
            NodeAlignment::Right => columns_n as f64 - 1.0 - height[i] as f64,
            NodeAlignment::Justify => {
                if source_links[i].is_empty() { columns_n as f64 - 1.0 } else { depth[i] as f64 }
            }
            NodeAlignment::Center => {
                if !target_links[i].is_empty() {
                    depth[i] as f64
                } else if !source_links[i].is_empty() {
                    source_links[i].iter().map(|&k| depth[links[k].target]).min().unwrap_or(0) as f64 - 1.0
                } else {
                    0.0
                }
            }
        };
        let c = aligned.floor().clamp(0.0, (columns_n as f64 - 1.0).max(0.0)) as usize;
        layer[i] = c;
        x0[i] = ext_x0 + c as f64 * kx;
        x1[i] = x0[i] + dx;
        columns[c].push(i);
    }
    let fullest = columns.iter().map(Vec::len).max().unwrap_or(1);
    let py = if fullest > 1 { dy.min((ext_y1 - ext_y0) / (fullest - 1) as f64) } else { dy };
    let mut w = Work {
        x0,
        x1,
        y0: vec![0.0; n],
        y1: vec![0.0; n],
        value,
        layer,
        source_links,
        target_links,
        link_width: vec![0.0; links.len()],
        link_y0: vec![0.0; links.len()],
        link_y1: vec![0.0; links.len()],
        py,
        extent_y0: ext_y0,
        extent_y1: ext_y1,
    };
    initialize_breadths(&mut w, &mut columns, s);
    for i in 0..ITERATIONS {
        let alpha = 0.99f64.powi(i as i32);
        let beta = (1.0 - alpha).max((i + 1) as f64 / ITERATIONS as f64);
        relax_right_to_left(&mut w, &mut columns, s, alpha, beta);
        relax_left_to_right(&mut w, &mut columns, s, alpha, beta);
    }
    // Link breadths.
    for i in 0..n {
        let (mut a, mut b) = (w.y0[i], w.y0[i]);
        for &k in &w.source_links[i] {
            w.link_y0[k] = a + w.link_width[k] / 2.0;
            a += w.link_width[k];
        }
        for &k in &w.target_links[i] {
            w.link_y1[k] = b + w.link_width[k] / 2.0;
            b += w.link_width[k];
        }
    }

    let central_layer = {
        // findCentralNodeLayer: the first node of the largest value.
        let mut best = (0.0, 0);
        for i in 0..n {
            if w.value[i] > best.0 {
                best = (w.value[i], w.layer[i]);
            }
        }
        best.1
    };
    let style = TextStyle { font_size: LABEL_FONT, line_height: 1.0, ..TextStyle::default() };
    let nodes: Vec<PlacedNode> = (0..n)
        .map(|i| {
            let text = label_text(&s.nodes[i], w.value[i], s);
            let right = match o.label_style {
                LabelStyle::Outlined => w.layer[i] >= central_layer,
                LabelStyle::Legacy => w.x0[i] < width / 2.0,
            };
            let (x, anchor) = if right { (w.x1[i] + LABEL_GAP, Anchor::Start) } else { (w.x0[i] - LABEL_GAP, Anchor::End) };
            let mid = (w.y0[i] + w.y1[i]) / 2.0;
            // mermaid's dy: 0 with values (baseline on the middle), 0.35em without.
            let y = if o.show_values { mid } else { mid + 0.35 * LABEL_FONT };
            let width = plain_width(&text, &style);
            let (ascent, descent) = font_extent(LABEL_FONT);
            let left = if anchor == Anchor::Start { x } else { x - width };
            NodeLabel { text, x, y, anchor, width, rect: Rect::new(left, y - ascent, width, ascent + descent) }
        })
        .zip(0..n)
        .map(|(label, i)| PlacedNode { x0: w.x0[i], x1: w.x1[i], y0: w.y0[i], y1: w.y1[i], value: w.value[i], depth: depth[i], height: height[i], layer: w.layer[i], label })
        .collect();
    let placed_links: Vec<PlacedLink> = links
        .iter()
        .enumerate()
        .map(|(k, l)| PlacedLink { source: l.source, target: l.target, x0: w.x1[l.source], y0: w.link_y0[k], x1: w.x0[l.target], y1: w.link_y1[k], width: w.link_width[k] })
        .collect();
    let bounds = bounds(&nodes, &placed_links);
    SankeyLayout { nodes, links: placed_links, bounds, label_style: o.label_style }
}

/// d3-sankey's `computeNodeDepths` (and, over incoming links,
/// `computeNodeHeights`): every node starts in round 0; a node reached in
/// round x gets x. With no loops this ends within n rounds.
fn longest_paths(n: usize, next_of: impl Fn(usize) -> Vec<usize>) -> Vec<usize> {
    let mut out = vec![0usize; n];
    let mut current: Vec<usize> = (0..n).collect();
    let mut seen = vec![usize::MAX; n];
    let mut x = 0;
    while !current.is_empty() && x <= n {
        let mut next = Vec::new();
        for &i in &current {
            out[i] = x;
            for t in next_of(i) {
                if seen[t] != x {
                    seen[t] = x;
                    next.push(t);
                }
            }
        }
        x += 1;
        current = next;
    }
    out
}

fn total_value(w: &Work, column: &[usize]) -> f64 {
    column.iter().map(|&i| w.value[i]).sum()
}

/// `initializeNodeBreadths`: one scale for all columns, each column stacked
/// from the top, then spread over the height.
fn initialize_breadths(w: &mut Work, columns: &mut [Vec<usize>], s: &Sankey) {
    let span = w.extent_y1 - w.extent_y0;
    let ky = columns
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| (span - (c.len() as f64 - 1.0) * w.py) / total_value(w, c))
        .filter(|k| !k.is_nan())
        .fold(f64::INFINITY, f64::min);
    // All values 0: d3 divides by 0; draw flat nodes instead of NaN.
    let ky = if ky.is_finite() { ky.max(0.0) } else { 0.0 };
    for column in columns.iter_mut() {
        let mut y = w.extent_y0;
        for &i in column.iter() {
            w.y0[i] = y;
            w.y1[i] = y + w.value[i] * ky;
            y = w.y1[i] + w.py;
            for &k in &w.source_links[i] {
                w.link_width[k] = s.links[k].value * ky;
            }
        }
        let spread = (w.extent_y1 - y + w.py) / (column.len() as f64 + 1.0);
        for (k, &i) in column.iter().enumerate() {
            w.y0[i] += spread * (k + 1) as f64;
            w.y1[i] += spread * (k + 1) as f64;
        }
        reorder_links(w, s, column);
    }
}

fn relax_left_to_right(w: &mut Work, columns: &mut [Vec<usize>], s: &Sankey, alpha: f64, beta: f64) {
    for c in 1..columns.len() {
        for idx in 0..columns[c].len() {
            let target = columns[c][idx];
            let (mut y, mut weight) = (0.0, 0.0);
            for &k in &w.target_links[target] {
                let source = s.links[k].source;
                let v = s.links[k].value * (w.layer[target] as f64 - w.layer[source] as f64);
                y += target_top(w, s, source, target) * v;
                weight += v;
            }
            if !(weight > 0.0) {
                continue;
            }
            let d = (y / weight - w.y0[target]) * alpha;
            w.y0[target] += d;
            w.y1[target] += d;
            reorder_node_links(w, s, target);
        }
        sort_by_breadth(w, &mut columns[c]);
        resolve_collisions(w, &columns[c], beta);
    }
}

fn relax_right_to_left(w: &mut Work, columns: &mut [Vec<usize>], s: &Sankey, alpha: f64, beta: f64) {
    for c in (0..columns.len().saturating_sub(1)).rev() {
        for idx in 0..columns[c].len() {
            let source = columns[c][idx];
            let (mut y, mut weight) = (0.0, 0.0);
            for &k in &w.source_links[source] {
                let target = s.links[k].target;
                let v = s.links[k].value * (w.layer[target] as f64 - w.layer[source] as f64);
                y += source_top(w, s, source, target) * v;
                weight += v;
            }
            if !(weight > 0.0) {
                continue;
            }
            let d = (y / weight - w.y0[source]) * alpha;
            w.y0[source] += d;
            w.y1[source] += d;
            reorder_node_links(w, s, source);
        }
        sort_by_breadth(w, &mut columns[c]);
        resolve_collisions(w, &columns[c], beta);
    }
}

/// `column.sort(ascendingBreadth)`: by top, ties keep their order (a
/// stable sort, as JavaScript's).
fn sort_by_breadth(w: &Work, column: &mut [usize]) {
    column.sort_by(|&a, &b| w.y0[a].partial_cmp(&w.y0[b]).unwrap_or(std::cmp::Ordering::Equal));
}

fn resolve_collisions(w: &mut Work, column: &[usize], alpha: f64) {
    if column.is_empty() {
        return;
    }
    let i = column.len() >> 1;
    let subject = column[i];
    let (top, bottom) = (w.y0[subject] - w.py, w.y1[subject] + w.py);
    bottom_to_top(w, column, top, i as isize - 1, alpha);
    top_to_bottom(w, column, bottom, i + 1, alpha);
    let (y0, y1) = (w.extent_y0, w.extent_y1);
    bottom_to_top(w, column, y1, column.len() as isize - 1, alpha);
    top_to_bottom(w, column, y0, 0, alpha);
}

/// Pushes overlapping nodes down.
fn top_to_bottom(w: &mut Work, column: &[usize], mut y: f64, from: usize, alpha: f64) {
    for &node in column.iter().skip(from) {
        let d = (y - w.y0[node]) * alpha;
        if d > 1e-6 {
            w.y0[node] += d;
            w.y1[node] += d;
        }
        y = w.y1[node] + w.py;
    }
}

/// Pushes overlapping nodes up.
fn bottom_to_top(w: &mut Work, column: &[usize], mut y: f64, from: isize, alpha: f64) {
    let mut i = from;
    while i >= 0 {
        let node = column[i as usize];
        let d = (w.y1[node] - y) * alpha;
        if d > 1e-6 {
            w.y0[node] -= d;
            w.y1[node] -= d;
        }
        y = w.y0[node] - w.py;
        i -= 1;
    }
}

/// Outgoing links by their target's top, incoming by their source's (then
/// by link index).
fn sort_links(w: &Work, s: &Sankey, links: &mut [usize], by_target: bool) {
    links.sort_by(|&a, &b| {
        let (na, nb) = if by_target { (s.links[a].target, s.links[b].target) } else { (s.links[a].source, s.links[b].source) };
        w.y0[na].partial_cmp(&w.y0[nb]).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b))
    });
}

fn reorder_node_links(w: &mut Work, s: &Sankey, node: usize) {
    for idx in 0..w.target_links[node].len() {
        let source = s.links[w.target_links[node][idx]].source;
        let mut list = std::mem::take(&mut w.source_links[source]);
        sort_links(w, s, &mut list, true);
        w.source_links[source] = list;
    }
    for idx in 0..w.source_links[node].len() {
        let target = s.links[w.source_links[node][idx]].target;
        let mut list = std::mem::take(&mut w.target_links[target]);
        sort_links(w, s, &mut list, false);
        w.target_links[target] = list;
    }
}

/// `reorderLinks`: every node of a column sorts its links.
fn reorder_links(w: &mut Work, s: &Sankey, column: &[usize]) {
    for &node in column {
        let mut out = std::mem::take(&mut w.source_links[node]);
        sort_links(w, s, &mut out, true);
        w.source_links[node] = out;
        let mut inn = std::mem::take(&mut w.target_links[node]);
        sort_links(w, s, &mut inn, false);
        w.target_links[node] = inn;
    }
}

/// The `target.y0` that would make the link from `source` straight.
fn target_top(w: &Work, s: &Sankey, source: usize, target: usize) -> f64 {
    let mut y = w.y0[source] - (w.source_links[source].len() as f64 - 1.0) * w.py / 2.0;
    for &k in &w.source_links[source] {
        if s.links[k].target == target {
            break;
        }
        y += w.link_width[k] + w.py;
    }
    for &k in &w.target_links[target] {
        if s.links[k].source == source {
            break;
        }
        y -= w.link_width[k];
    }
    y
}

/// The `source.y0` that would make the link to `target` straight.
fn source_top(w: &Work, s: &Sankey, source: usize, target: usize) -> f64 {
    let mut y = w.y0[target] - (w.target_links[target].len() as f64 - 1.0) * w.py / 2.0;
    for &k in &w.target_links[target] {
        if s.links[k].source == source {
            break;
        }
        y += w.link_width[k] + w.py;
    }
    for &k in &w.source_links[source] {
        if s.links[k].target == target {
            break;
        }
        y -= w.link_width[k];
    }
    y
}

/// What a browser shows for mermaid's label `name\nvalue`: the value after
/// a space (SVG text collapses the line break and runs of blanks).
pub fn label_text(name: &str, value: f64, s: &Sankey) -> String {
    let raw = if s.options.show_values { format!("{name}\n{}{}{}", s.options.prefix, js_number((value * 100.0).round() / 100.0), s.options.suffix) } else { name.to_string() };
    raw.split([' ', '\n', '\t', '\r']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A number as JavaScript's `String(n)` writes it.
pub fn js_number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return if x.is_nan() { "NaN".into() } else if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let a = x.abs();
    if (1e-6..1e21).contains(&a) {
        return format!("{x}");
    }
    // Exponent form: shortest digits, `e+21` / `e-7`.
    let s = format!("{x:e}");
    match s.split_once('e') {
        Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
        _ => s,
    }
}

/// Everything drawn: nodes, link bands (their stroke, at least 1 px) and
/// labels.
fn bounds(nodes: &[PlacedNode], links: &[PlacedLink]) -> Rect {
    let mut r: Option<Rect> = None;
    let mut add = |b: Rect| r = Some(r.map_or(b, |a| a.union(&b)));
    for n in nodes {
        add(n.rect());
        if !n.label.text.is_empty() {
            add(n.label.rect);
        }
    }
    for l in links {
        let h = l.stroke_width() / 2.0;
        add(Rect::new(l.x0, l.y0.min(l.y1) - h, l.x1 - l.x0, (l.y1 - l.y0).abs() + 2.0 * h));
    }
    r.unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0))
}

impl SankeyLayout {
    /// How much wider each gap between columns, and how much taller the
    /// drawing, must be for no label to cover another label or a node:
    /// labels of different columns that meet need a wider gap; labels of
    /// one column that meet need more height.
    fn room_needed(&self) -> (f64, f64) {
        let (mut wider, mut taller): (f64, f64) = (0.0, 0.0);
        let gap = 4.0;
        let meets = |a: &Rect, b: &Rect| a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
        for (i, a) in self.nodes.iter().enumerate() {
            if a.label.text.is_empty() {
                continue;
            }
            let ra = a.label.rect;
            for (j, b) in self.nodes.iter().enumerate() {
                if i == j {
                    continue;
                }
                // the label against the other node
                let node = b.rect();
                if meets(&ra.inflate(gap / 2.0), &node) && b.layer != a.layer {
                    let overlap = ra.right().min(node.right()) - ra.x.max(node.x) + gap;
                    wider = wider.max(overlap / (b.layer as f64 - a.layer as f64).abs());
                }
                if j <= i || b.label.text.is_empty() {
                    continue;
                }
                let rb = b.label.rect;
                if !meets(&ra.inflate(gap / 2.0), &rb) {
                    continue;
                }
                if a.layer == b.layer {
                    taller = taller.max(ra.bottom().min(rb.bottom()) - ra.y.max(rb.y) + gap);
                } else {
                    let overlap = ra.right().min(rb.right()) - ra.x.max(rb.x) + gap;
                    wider = wider.max(overlap / (b.layer as f64 - a.layer as f64).abs());
                }
            }
        }
        // Several labels of a column stacked closer than a line: the
        // column needs that much more room per label.
        let columns = self.nodes.iter().map(|n| n.layer).max().unwrap_or(0) + 1;
        let most = (0..columns).map(|c| self.nodes.iter().filter(|n| n.layer == c).count()).max().unwrap_or(0) as f64;
        (wider, taller * most.max(1.0))
    }

    /// Pairs that overlap: two nodes, two labels, or a label and a node
    /// other than its own (touching edges do not count).
    pub fn overlaps(&self) -> usize {
        let hit = |a: &Rect, b: &Rect| a.x + 0.5 < b.right() && b.x + 0.5 < a.right() && a.y + 0.5 < b.bottom() && b.y + 0.5 < a.bottom();
        let mut n = 0;
        for (i, a) in self.nodes.iter().enumerate() {
            for b in &self.nodes[i + 1..] {
                n += usize::from(hit(&a.rect(), &b.rect()));
                n += usize::from(!a.label.text.is_empty() && !b.label.text.is_empty() && hit(&a.label.rect, &b.label.rect));
            }
            for (j, b) in self.nodes.iter().enumerate() {
                n += usize::from(i != j && !a.label.text.is_empty() && hit(&a.label.rect, &b.rect()));
            }
        }
        n
    }

    /// Labels reaching outside `view` (the drawing's view box).
    pub fn text_overflow(&self, view: &Rect) -> usize {
        self.nodes.iter().filter(|n| !n.label.text.is_empty() && !view.inflate(0.5).contains_rect(&n.label.rect)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn layout(text: &str) -> (Sankey, SankeyLayout) {
        match crate::diagrams::parse(text).diagram {
            Some(Diagram::Sankey(s)) => {
                let l = layout_sankey(&s);
                (s, l)
            }
            other => panic!("not a sankey: {other:?}"),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn matches_d3_sankey_on_mermaids_example() {
        // mermaid-js 11.17.2 in Chromium: a at (0, 5.9e-15)-(10, 301.5),
        // b at (295, 0)-(305, 301.5)... read off its SVG.
        let (_, l) = layout("sankey-beta\na,b,10\nb,c,5\n");
        let n = &l.nodes;
        assert!(close(n[0].x0, 0.0) && close(n[1].x0, 295.0) && close(n[2].x0, 590.0), "{n:?}");
        assert!(close(n[1].y0, 0.0) && close(n[1].y1, 400.0), "{:?}", n[1]);
        assert!(close(n[2].y1 - n[2].y0, 200.0), "{:?}", n[2]);
        assert!(close(l.links[0].width, 400.0));
        assert_eq!(n[0].label.anchor, Anchor::Start);
        assert_eq!(n[2].label.anchor, Anchor::End);
        assert_eq!(n[1].label.text, "b 10");
        assert_eq!((l.bounds.x, l.bounds.width), (0.0, 600.0), "labels fit: mermaid's size");
    }

    #[test]
    fn labels_that_meet_widen_the_drawing() {
        // The Dropbox cost page's flows as CSV, with a prefix and suffix on
        // the values: at 600 px the middle column's labels run into the
        // last column's.
        let mut text = String::from("%%{init: {'sankey': {'prefix': 'USD ', 'suffix': ' million per year'}}}%%\nsankey-beta\n");
        for (to, v) in [("Compute Services", 320), ("Storage Systems", 240), ("Network & CDN", 120), ("Personnel", 80), ("Facilities", 40)] {
            text.push_str(&format!("Total Infrastructure Budget,{to},{v}\n"));
        }
        for (to, v) in [("API Gateway Fleet", 120), ("Sync Processing", 80), ("ML/AI Workloads", 60), ("Background Jobs", 40), ("Monitoring", 20)] {
            text.push_str(&format!("Compute Services,{to},{v}\n"));
        }
        for (to, v) in [("Magic Pocket Hardware", 100), ("Magic Pocket Operations", 60), ("Legacy AWS S3", 40), ("Metadata Storage", 25), ("Cache Infrastructure", 15)] {
            text.push_str(&format!("Storage Systems,{to},{v}\n"));
        }
        let (s, l) = layout(&text);
        assert_eq!(l.overlaps(), 0);
        assert!(l.bounds.width > 600.0, "{:?}", l.bounds);
        let at_mermaids = layout_at(&s, 600.0, 400.0);
        assert!(at_mermaids.overlaps() > 0, "mermaid's size does not fit these labels");
        // Nodes keep their vertical places.
        for (a, b) in l.nodes.iter().zip(&at_mermaids.nodes) {
            assert!(close(a.y0, b.y0) && a.layer == b.layer);
        }
    }

    #[test]
    fn alignments_put_sinks_and_sources_in_their_columns() {
        let text = |a: &str| format!("%%{{init: {{'sankey': {{'nodeAlignment': '{a}'}}}}}}%%\nsankey-beta\na,b,1\nb,c,1\nx,c,1\n");
        let cols = |a: &str| layout(&text(a)).1.nodes.iter().map(|n| n.layer).collect::<Vec<_>>();
        // nodes: a, b, c, x
        assert_eq!(cols("justify"), [0, 1, 2, 0]);
        assert_eq!(cols("left"), [0, 1, 2, 0]);
        assert_eq!(cols("right"), [0, 1, 2, 1]);
        assert_eq!(cols("center"), [0, 1, 2, 1]);
    }

    #[test]
    fn a_full_column_scales_everything_down() {
        // 26 sinks in one column with values shown: padding min(27, 400/25).
        let mut text = String::from("sankey-beta\n");
        for i in 0..26 {
            text.push_str(&format!("src,n{i},{}\n", i + 1));
        }
        let (_, l) = layout(&text);
        assert_eq!(l.overlaps(), 0);
        let sinks: Vec<&PlacedNode> = l.nodes[1..].iter().collect();
        let total: f64 = sinks.iter().map(|n| n.y1 - n.y0).sum();
        assert!(close(total, 0.0), "ky = 0: no room left after padding, as d3 computes it ({total})");
    }

    #[test]
    fn figures_can_fail() {
        let (_, mut l) = layout("sankey-beta\na,b,10\nb,c,5\n");
        assert_eq!(l.overlaps(), 0);
        let view = Rect::new(0.0, 0.0, 600.0, 400.0);
        assert_eq!(l.text_overflow(&view), 0);
        l.nodes[2].label.rect = l.nodes[0].label.rect;
        assert_eq!(l.overlaps(), 1);
        l.nodes[1].label.rect.x = 590.0;
        assert_eq!(l.text_overflow(&view), 1);
    }

    #[test]
    fn numbers_print_as_javascript_does() {
        assert_eq!(js_number(28000000.0), "28000000");
        assert_eq!(js_number(2.5), "2.5");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1.5e-7), "1.5e-7");
    }
}
