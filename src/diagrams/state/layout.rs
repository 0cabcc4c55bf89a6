//! State diagram layout: every state, note and transition label sized from
//! its measured text and mermaid's shapes, then the layered layout:
//! composite states and concurrent regions are clusters (a region holds no
//! edge to outside, so it is laid out on its own and the regions of a
//! composite sit side by side), notes are nodes tied to their state by a
//! dashed edge (`right of`: from the state, `left of`: to it, as mermaid
//! draws them), transitions are edges with their labels.

use super::model::{NoteSide, StateDiagram, StateKind};
use crate::layout::geometry::{segment_hits_rect, Path, Point, Rect, Segment, Size};
use crate::layout::layered::{self, ClusterSpec, EdgeRoute, EdgeSpec, End, LayeredGraph, NodeSpec};
use crate::layout::outline::Outline;
use crate::model::{Direction, Label, LabelFormat};
use crate::model::style::StyleDecls;
use crate::text::{measure, wrap, RichText, TextBlock, TextStyle};

/// mermaid wraps state, note and transition labels at this width (its
/// labels' `max-width: 200px`).
pub const WRAP_WIDTH: f64 = 200.0;
/// Space between a state's text and its border, each side (mermaid: 8).
pub const STATE_PADDING: f64 = 8.0;
/// Space between a note's text and its border (mermaid: 15).
pub const NOTE_PADDING: f64 = 15.0;
/// Space between a composite's border and what it holds.
pub const CLUSTER_PADDING: f64 = 16.0;
/// The strip a composite's title is drawn in: the title's height plus this.
pub const TITLE_STRIP_EXTRA: f64 = 6.0;
/// Length of a transition's arrowhead along it (mermaid's barb: 10).
pub const ARROW_LENGTH: f64 = 10.0;
/// Padding around a transition label's text on its background.
pub const EDGE_LABEL_PADDING: f64 = 4.0;
/// Start and end dots (mermaid: 14).
pub const DOT: f64 = 14.0;
/// Fork and join bars, long and thick (mermaid: 70 × 10).
pub const BAR: (f64, f64) = (70.0, 10.0);
/// The choice diamond (mermaid: 28).
pub const CHOICE: f64 = 28.0;
/// Corner radius of a state box (mermaid: 5).
pub const STATE_RADIUS: f64 = 5.0;

/// A state drawn as a node, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNode {
    pub rect: Rect,
    pub outline: Outline,
    /// The name, and where its block is centred.
    pub text: RichText,
    pub text_block: TextBlock,
    pub text_center: Point,
    /// Descriptions under a line (mermaid's `rectWithTitle`), and the line's y.
    pub descriptions: Option<(RichText, TextBlock, Point)>,
    pub divider_y: Option<f64>,
    pub text_style: TextStyle,
}

impl PlacedNode {
    fn text_rects(&self) -> Vec<Rect> {
        let mut out = Vec::new();
        if !self.text.is_empty() {
            out.push(Rect::centered(self.text_center, Size::new(self.text_block.width, self.text_block.height)));
        }
        if let Some((_, b, c)) = &self.descriptions {
            out.push(Rect::centered(*c, Size::new(b.width, b.height)));
        }
        out
    }
}

/// A composite state or region, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedCluster {
    pub rect: Rect,
    pub title: RichText,
    pub title_block: TextBlock,
    pub title_center: Point,
    /// Height of the title strip at the top (0 for regions).
    pub strip: f64,
    pub text_style: TextStyle,
    pub depth: usize,
}

/// Where each state is: a node or a cluster.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    Node(PlacedNode),
    Cluster(PlacedCluster),
}

impl Placed {
    pub fn rect(&self) -> Rect {
        match self {
            Placed::Node(n) => n.rect,
            Placed::Cluster(c) => c.rect,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNote {
    pub rect: Rect,
    pub text: RichText,
    pub text_block: TextBlock,
    pub text_style: TextStyle,
    /// The dashed line to its state.
    pub link: EdgeRoute,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedTransition {
    /// Drawn from the target to the source (it closes a cycle): the
    /// arrowhead is at the route's start.
    pub reversed: bool,
    pub route: EdgeRoute,
    pub label: Option<(RichText, TextBlock)>,
    pub text_style: TextStyle,
}

/// A laid-out state diagram; vectors follow the model's.
#[derive(Debug, Clone, PartialEq)]
pub struct StateLayout {
    pub size: Size,
    pub states: Vec<Placed>,
    pub notes: Vec<PlacedNote>,
    pub transitions: Vec<PlacedTransition>,
}

/// mermaid's label text: Markdown (`**bold**`, `*italic*`), `<br>` breaks
/// lines, and so does a written `\n` (mermaid draws the two characters;
/// `check` warns, AR822); wrapped at 200 px as mermaid wraps it.
pub fn label_text(text: &str, style: &TextStyle) -> RichText {
    let mut s = text.replace("\\n", "\n");
    for br in ["<br/>", "<br />", "<br>", "<BR/>", "<BR>", "<BR />"] {
        s = s.replace(br, "\n");
    }
    let rich = RichText::from_label(&Label { text: s, format: LabelFormat::Markdown });
    wrap(&rich, style, WRAP_WIDTH)
}

fn text_style_of(style: &StyleDecls, base: &TextStyle) -> TextStyle {
    TextStyle {
        font_size: style.font_size.unwrap_or(base.font_size),
        bold: style.is_bold(),
        italic: style.font_style.as_deref() == Some("italic"),
        ..*base
    }
}

/// The direction each state is laid out in: the nearest composite or
/// region that no transition crosses takes its own `direction` (mermaid
/// lays those out on their own), otherwise the one around it.
fn effective_directions(d: &StateDiagram) -> Vec<Direction> {
    let n = d.states.len();
    let within = |i: usize, c: usize| {
        let mut k = d.states[i].parent;
        let mut steps = 0;
        while let Some(p) = k {
            if p == c {
                return true;
            }
            k = d.states[p].parent;
            steps += 1;
            if steps > n {
                break;
            }
        }
        false
    };
    let inside = |i: usize, c: usize| i != c && within(i, c);
    let isolated: Vec<bool> = (0..n)
        .map(|c| d.states[c].kind.is_cluster() && d.transitions.iter().all(|t| inside(t.from, c) == inside(t.to, c)))
        .collect();
    (0..n)
        .map(|i| {
            let mut k = d.states[i].parent;
            let mut steps = 0;
            while let Some(p) = k {
                if isolated[p] {
                    return d.states[p].direction.unwrap_or(Direction::TB);
                }
                k = d.states[p].parent;
                steps += 1;
                if steps > n {
                    break;
                }
            }
            d.direction
        })
        .collect()
}

/// Which transitions run against the flow: depth first from the start
/// states, then from every state in the model's order, following
/// transitions in their order, a transition back to a state still being
/// explored closes a cycle and is laid out reversed (dagre's `dfs` acyclic
/// pass, which mermaid uses). The layered layout then keeps the rest
/// pointing down the flow, so a composite's start dot is at its top.
fn backward_transitions(d: &StateDiagram) -> Vec<bool> {
    let n = d.states.len();
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, t) in d.transitions.iter().enumerate() {
        if t.from != t.to {
            out_edges[t.from].push(k);
        }
    }
    let mut reversed = vec![false; d.transitions.len()];
    // 0: not seen, 1: on the stack, 2: done
    let mut mark = vec![0u8; n];
    let roots = (0..n).filter(|&i| d.states[i].kind == StateKind::Start).chain(0..n);
    for root in roots {
        if mark[root] != 0 {
            continue;
        }
        mark[root] = 1;
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&k) = out_edges[v].get(*next) {
                *next += 1;
                let w = d.transitions[k].to;
                match mark[w] {
                    0 => {
                        mark[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed[k] = true,
                    _ => {}
                }
            } else {
                mark[v] = 2;
                stack.pop();
            }
        }
    }
    reversed
}

/// Lays out a state diagram.
pub fn layout_state(d: &StateDiagram) -> StateLayout {
    let base = TextStyle { font_size: d.config.font_size.unwrap_or(16.0), ..TextStyle::default() };
    let dirs = effective_directions(d);
    let n = d.states.len();
    // Clusters: composites and regions, in model order.
    let mut cluster_of: Vec<Option<usize>> = vec![None; n];
    let mut cluster_states: Vec<usize> = Vec::new();
    for (i, s) in d.states.iter().enumerate() {
        if s.kind.is_cluster() {
            cluster_of[i] = Some(cluster_states.len());
            cluster_states.push(i);
        }
    }
    let cluster_parent = |i: usize| d.states[i].parent.and_then(|p| cluster_of[p]);

    let mut placed: Vec<Placed> = Vec::with_capacity(n);
    let mut node_of: Vec<Option<usize>> = vec![None; n];
    let mut specs: Vec<NodeSpec> = Vec::new();
    let mut cluster_specs: Vec<ClusterSpec> = Vec::new();
    for (i, s) in d.states.iter().enumerate() {
        let style = d.style_of(s);
        let text_style = text_style_of(&style, &base);
        match s.kind {
            StateKind::Composite | StateKind::Region => {
                let title = if s.kind == StateKind::Composite { label_text(&s.label, &text_style) } else { RichText::default() };
                let block = measure(&title, &text_style);
                let has_title = !title.is_empty();
                cluster_specs.push(ClusterSpec {
                    parent: cluster_parent(i),
                    title: if has_title { Size::new(block.width, block.height) } else { Size::new(0.0, 0.0) },
                    direction: Some(s.direction.unwrap_or(Direction::TB)),
                });
                placed.push(Placed::Cluster(PlacedCluster {
                    rect: Rect::default(),
                    strip: if has_title { block.height + TITLE_STRIP_EXTRA } else { 0.0 },
                    title,
                    title_block: block,
                    title_center: Point::default(),
                    text_style,
                    depth: d.depth(i),
                }));
            }
            kind => {
                let horizontal = dirs[i].is_horizontal();
                let empty = || (RichText::default(), TextBlock::default());
                let (outline, size, text, block, descriptions) = match kind {
                    StateKind::Start | StateKind::End => {
                        let (t, b) = empty();
                        (Outline::Ellipse, Size::new(DOT, DOT), t, b, None)
                    }
                    StateKind::Fork | StateKind::Join => {
                        let (t, b) = empty();
                        let size = if horizontal { Size::new(BAR.1, BAR.0) } else { Size::new(BAR.0, BAR.1) };
                        (Outline::Rect, size, t, b, None)
                    }
                    StateKind::Choice => {
                        let (t, b) = empty();
                        (Outline::Diamond, Size::new(CHOICE, CHOICE), t, b, None)
                    }
                    _ => {
                        let text = label_text(&s.label, &text_style);
                        let block = measure(&text, &text_style);
                        if s.descriptions.is_empty() {
                            let size = Size::new(block.width + 2.0 * STATE_PADDING, block.height + 2.0 * STATE_PADDING);
                            (Outline::RoundRect(STATE_RADIUS), size, text, block, None)
                        } else {
                            let dtext = label_text(&s.descriptions.join("<br/>"), &TextStyle { bold: false, ..text_style });
                            let dblock = measure(&dtext, &TextStyle { bold: false, ..text_style });
                            let w = block.width.max(dblock.width) + 2.0 * STATE_PADDING;
                            let h = STATE_PADDING / 2.0 + block.height + 9.0 + dblock.height + STATE_PADDING / 2.0;
                            (Outline::RoundRect(STATE_RADIUS), Size::new(w, h), text, block, Some((dtext, dblock)))
                        }
                    }
                };
                node_of[i] = Some(specs.len());
                specs.push(NodeSpec { size, outline, cluster: cluster_parent(i) });
                placed.push(Placed::Node(PlacedNode {
                    rect: Rect::default(),
                    outline,
                    text,
                    text_block: block,
                    text_center: Point::default(),
                    descriptions: descriptions.map(|(t, b)| (t, b, Point::default())),
                    divider_y: None,
                    text_style,
                }));
            }
        }
    }
    let end_of = |i: usize| match (node_of[i], cluster_of[i]) {
        (Some(k), _) => End::Node(k),
        (_, Some(c)) => End::Cluster(c),
        _ => End::Node(0),
    };

    let mut edges: Vec<EdgeSpec> = Vec::new();
    let mut transitions = Vec::with_capacity(d.transitions.len());
    let backward = backward_transitions(d);
    // A composite's transition to itself is drawn here, after the layout
    // (the layered layout keeps no room for such a loop's label).
    let cluster_loop: Vec<bool> = d.transitions.iter().map(|t| t.from == t.to && d.states[t.from].kind.is_cluster()).collect();
    let mut edge_of: Vec<Option<usize>> = Vec::with_capacity(d.transitions.len());
    for (k, t) in d.transitions.iter().enumerate() {
        let (from, to) = if backward[k] { (end_of(t.to), end_of(t.from)) } else { (end_of(t.from), end_of(t.to)) };
        let label = t.label.as_ref().map(|l| label_text(l, &base)).filter(|x| !x.is_empty()).map(|x| {
            let b = measure(&x, &base);
            (x, b)
        });
        if cluster_loop[k] {
            edge_of.push(None);
            transitions.push(PlacedTransition { route: EdgeRoute::default(), reversed: false, label, text_style: base });
            continue;
        }
        edge_of.push(Some(edges.len()));
        edges.push(EdgeSpec {
            from,
            to,
            label: label.as_ref().map(|(_, b)| Size::new(b.width + 2.0 * EDGE_LABEL_PADDING, b.height)),
            minlen: 1,
            weight: 1.0,
            arrow_start: backward[k],
            arrow_end: !backward[k],
            invisible: false,
        });
        transitions.push(PlacedTransition { route: EdgeRoute::default(), reversed: backward[k], label, text_style: base });
    }
    // Notes: nodes beside their state's place in the flow.
    let mut notes = Vec::with_capacity(d.notes.len());
    let mut note_edges = Vec::with_capacity(d.notes.len());
    for note in &d.notes {
        let text = label_text(&note.text, &base);
        let block = measure(&text, &base);
        let size = Size::new(block.width + 2.0 * NOTE_PADDING, block.height + 2.0 * NOTE_PADDING);
        let k = specs.len();
        specs.push(NodeSpec { size, outline: Outline::Rect, cluster: cluster_parent(note.state) });
        let (from, to) = match note.side {
            NoteSide::Right => (end_of(note.state), End::Node(k)),
            NoteSide::Left => (End::Node(k), end_of(note.state)),
        };
        note_edges.push(edges.len());
        edges.push(EdgeSpec { from, to, label: None, minlen: 1, weight: 2.0, arrow_start: false, arrow_end: false, invisible: false });
        notes.push(PlacedNote { rect: Rect::default(), text, text_block: block, text_style: base, link: EdgeRoute::default() });
    }

    let graph = LayeredGraph {
        direction: d.direction,
        node_sep: d.config.node_spacing.unwrap_or(50.0),
        rank_sep: d.config.rank_spacing.unwrap_or(50.0),
        cluster_padding: CLUSTER_PADDING,
        arrow_length: ARROW_LENGTH,
        curve: d.config.curve,
        nodes: specs,
        clusters: cluster_specs,
        edges,
    };
    let result = layered::layout(&graph);

    for (i, p) in placed.iter_mut().enumerate() {
        match p {
            Placed::Node(node) => {
                let rect = result.nodes[node_of[i].expect("a node state has a node")];
                node.rect = rect;
                match &mut node.descriptions {
                    None => node.text_center = rect.center(),
                    Some((_, dblock, dcenter)) => {
                        let top = rect.y + STATE_PADDING / 2.0;
                        node.text_center = Point::new(rect.center().x, top + node.text_block.height / 2.0);
                        let line = top + node.text_block.height + 4.5;
                        node.divider_y = Some(line);
                        *dcenter = Point::new(rect.center().x, line + 4.5 + dblock.height / 2.0);
                    }
                }
            }
            Placed::Cluster(c) => {
                let rect = result.clusters[cluster_of[i].expect("a cluster state has a cluster")];
                c.rect = rect;
                c.title_center = Point::new(rect.center().x, rect.y + c.strip / 2.0);
            }
        }
    }
    for (k, note) in notes.iter_mut().enumerate() {
        note.rect = result.nodes[graph.nodes.len() - d.notes.len() + k];
        note.link = result.edges[note_edges[k]].clone();
    }
    for (t, e) in transitions.iter_mut().zip(&edge_of) {
        if let Some(e) = e {
            t.route = result.edges[*e].clone();
        }
    }
    let mut layout = StateLayout { size: result.size, states: placed, notes, transitions };
    for (k, t) in d.transitions.iter().enumerate() {
        if cluster_loop[k] {
            place_cluster_loop(d, &mut layout, k, t.from);
        }
    }
    layout
}

/// How far a composite's loop to itself reaches out of its border.
const CLUSTER_LOOP: f64 = 30.0;

/// A composite's transition to itself: a loop out of its right border
/// (else its left), at the first height where the loop and its label
/// cover nothing drawn; the drawing grows to hold it.
fn place_cluster_loop(d: &StateDiagram, l: &mut StateLayout, k: usize, c: usize) {
    let r = l.states[c].rect();
    let label = l.transitions[k].label.as_ref().map(|(_, b)| Size::new(b.width + 2.0 * EDGE_LABEL_PADDING, b.height));
    let lsize = label.unwrap_or(Size::new(0.0, 0.0));
    let half = 12.0_f64.min(r.height / 4.0);
    // What the loop must not cover: boxes (but the composite's own
    // ancestors), labels, and drawn edges.
    let ancestors = |x: usize| {
        let mut k2 = d.states[c].parent;
        let mut steps = 0;
        while let Some(p) = k2 {
            if p == x {
                return true;
            }
            k2 = d.states[p].parent;
            steps += 1;
            if steps > d.states.len() {
                break;
            }
        }
        false
    };
    let mut boxes: Vec<Rect> = Vec::new();
    for (i, p) in l.states.iter().enumerate() {
        if i != c && !ancestors(i) {
            boxes.push(p.rect());
        }
    }
    boxes.extend(l.notes.iter().map(|n| n.rect));
    boxes.extend(l.transitions.iter().filter_map(|t| t.route.label));
    let lines: Vec<Vec<Point>> = l.transitions.iter().map(|t| &t.route).chain(l.notes.iter().map(|n| &n.link)).filter(|r| !r.path.segments.is_empty()).map(|r| r.path.flatten(8)).collect();
    let free = |area: &Rect| !boxes.iter().any(|b| b.overlaps(area)) && !lines.iter().any(|p| p.windows(2).any(|w| segment_hits_rect(w[0], w[1], area, 0.0)));
    let mut centres = vec![r.center().y];
    let mut step = 16.0;
    while step < r.height / 2.0 - half {
        centres.push(r.center().y - step);
        centres.push(r.center().y + step);
        step += 16.0;
    }
    let area_for = |right: bool, y: f64| {
        let reach = CLUSTER_LOOP + 6.0 + lsize.width;
        let h = (2.0 * half + 8.0).max(lsize.height);
        let x = if right { r.right() } else { r.x - reach };
        Rect::new(x + if right { 1.0 } else { -1.0 }, y - h / 2.0, reach, h)
    };
    let choice = [true, false].into_iter().flat_map(|right| centres.iter().map(move |&y| (right, y))).find(|&(right, y)| free(&area_for(right, y))).unwrap_or((true, r.center().y));
    let (right, y) = choice;
    let sx = if right { 1.0 } else { -1.0 };
    let edge_x = if right { r.right() } else { r.x };
    let start = Point::new(edge_x, y - half);
    let tip = Point::new(edge_x, y + half);
    let end = Point::new(edge_x + sx * ARROW_LENGTH, y + half);
    let out = edge_x + sx * CLUSTER_LOOP;
    let path = Path { start, segments: vec![Segment::Cubic(Point::new(out, y - half - 4.0), Point::new(out, y + half + 4.0), end)] };
    let label_rect = label.map(|s| {
        let x = if right { out + 6.0 } else { out - 6.0 - s.width };
        Rect::new(x, y - s.height / 2.0, s.width, s.height)
    });
    l.transitions[k].route = EdgeRoute { path, start_tip: start, end_tip: tip, label: label_rect };
    // The drawing holds the loop (moved right if it reaches out on the left).
    let reach_left = label_rect.map_or(out, |lr| lr.x.min(out));
    let reach_right = label_rect.map_or(out, |lr| lr.right().max(out));
    let margin = layered::MARGIN;
    if reach_left < margin {
        shift_all(l, margin - reach_left);
    }
    let right_edge = if reach_left < margin { reach_right + margin - reach_left } else { reach_right };
    l.size.width = l.size.width.max(right_edge + margin);
    let bottom = label_rect.map_or(y + half + 4.0, |lr| lr.bottom().max(y + half + 4.0));
    l.size.height = l.size.height.max(bottom + margin);
}

/// Moves the whole drawing right by `dx`.
fn shift_all(l: &mut StateLayout, dx: f64) {
    let mv = |p: &mut Point| p.x += dx;
    let mv_route = |r: &mut EdgeRoute| {
        r.path.start.x += dx;
        for s in r.path.segments.iter_mut() {
            match s {
                Segment::Line(p) => p.x += dx,
                Segment::Cubic(a, b, p) => {
                    a.x += dx;
                    b.x += dx;
                    p.x += dx;
                }
            }
        }
        r.start_tip.x += dx;
        r.end_tip.x += dx;
        if let Some(lb) = r.label.as_mut() {
            lb.x += dx;
        }
    };
    for p in l.states.iter_mut() {
        match p {
            Placed::Node(n) => {
                n.rect.x += dx;
                mv(&mut n.text_center);
                if let Some((_, _, c)) = n.descriptions.as_mut() {
                    mv(c);
                }
            }
            Placed::Cluster(c) => {
                c.rect.x += dx;
                mv(&mut c.title_center);
            }
        }
    }
    for n in l.notes.iter_mut() {
        n.rect.x += dx;
        mv_route(&mut n.link);
    }
    for t in l.transitions.iter_mut() {
        mv_route(&mut t.route);
    }
    l.size.width += dx;
}

/// Steps per cubic piece when flattening drawn curves.
const FLATTEN_STEPS: usize = 16;
/// How far inside a box an edge must pass to count as going through it.
const HIT_INSET: f64 = 2.0;

/// The figures `check --json` reports, measured as for flowcharts: node
/// boxes (states and notes) that overlap, transitions crossing, edges
/// through a state or note they do not connect, text outside its shape,
/// states outside their composite, sibling composites overlapping.
pub fn figures(d: &StateDiagram, l: &StateLayout) -> crate::layout::LayoutFigures {
    use crate::layout::geometry::{crossing_point, segments_cross};
    let mut fig = crate::layout::LayoutFigures { width: l.size.width, height: l.size.height, ..Default::default() };
    // Boxes: node states, then notes; with the model state each one is.
    let mut boxes: Vec<(Rect, Option<usize>)> = Vec::new();
    for (i, p) in l.states.iter().enumerate() {
        if let Placed::Node(n) = p {
            boxes.push((n.rect, Some(i)));
        }
    }
    let note_base = boxes.len();
    for n in &l.notes {
        boxes.push((n.rect, None));
    }
    fig.nodes = boxes.len();
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            if boxes[i].0.overlaps(&boxes[j].0) {
                fig.overlaps += 1;
            }
        }
    }
    struct Drawn {
        points: Vec<Point>,
        ends: [Option<usize>; 2],
    }
    let box_of_state = |s: usize| boxes.iter().position(|b| b.1 == Some(s));
    let polyline = |r: &EdgeRoute| {
        let mut p = vec![r.start_tip];
        p.extend(r.path.flatten(FLATTEN_STEPS));
        p.push(r.end_tip);
        p.dedup_by(|a, b| a.distance(*b) < 1e-9);
        p
    };
    let mut drawn: Vec<Drawn> = Vec::new();
    for (t, p) in d.transitions.iter().zip(&l.transitions) {
        if p.route.path.segments.is_empty() {
            continue;
        }
        drawn.push(Drawn { points: polyline(&p.route), ends: [box_of_state(t.from), box_of_state(t.to)] });
    }
    let transitions_drawn = drawn.len();
    for (k, (note, p)) in d.notes.iter().zip(&l.notes).enumerate() {
        if p.link.path.segments.is_empty() {
            continue;
        }
        drawn.push(Drawn { points: polyline(&p.link), ends: [box_of_state(note.state), Some(note_base + k)] });
    }
    fig.edges = transitions_drawn;
    for e in &drawn {
        for (bi, (rect, _)) in boxes.iter().enumerate() {
            if e.ends.contains(&Some(bi)) {
                continue;
            }
            if e.points.windows(2).any(|w| segment_hits_rect(w[0], w[1], rect, HIT_INSET)) {
                fig.edge_node_hits += 1;
            }
        }
    }
    for i in 0..drawn.len() {
        for j in i + 1..drawn.len() {
            let (a, b) = (&drawn[i], &drawn[j]);
            let shared: Vec<Rect> = a.ends.iter().flatten().filter(|x| b.ends.contains(&Some(**x))).map(|&x| boxes[x].0.inflate(12.0)).collect();
            if Rect::bounding(&a.points).disjoint(&Rect::bounding(&b.points)) {
                continue;
            }
            'pair: for wa in a.points.windows(2) {
                for wb in b.points.windows(2) {
                    if segments_cross(wa[0], wa[1], wb[0], wb[1]) {
                        let at = crossing_point(wa[0], wa[1], wb[0], wb[1]);
                        if shared.iter().any(|r| r.contains(at)) {
                            continue;
                        }
                        fig.crossings += 1;
                        break 'pair;
                    }
                }
            }
        }
    }
    // Text outside its shape.
    for p in &l.states {
        match p {
            Placed::Node(n) => {
                let c = n.rect.center();
                for t in n.text_rects() {
                    let t = t.inflate(-0.5);
                    let corners = [Point::new(t.x, t.y), Point::new(t.right(), t.y), Point::new(t.x, t.bottom()), Point::new(t.right(), t.bottom())];
                    let outside = corners.iter().any(|&q| n.outline.boundary_point(&n.rect, q).distance(c) + 1e-6 < q.distance(c));
                    if outside || !n.rect.contains_rect(&t) {
                        fig.text_overflow += 1;
                    }
                }
            }
            Placed::Cluster(c) => {
                if !c.title.is_empty() {
                    let t = Rect::centered(c.title_center, Size::new(c.title_block.width, c.title_block.height)).inflate(-0.5);
                    if !c.rect.contains_rect(&t) {
                        fig.text_overflow += 1;
                    }
                }
            }
        }
    }
    for n in &l.notes {
        let t = Rect::centered(n.rect.center(), Size::new(n.text_block.width, n.text_block.height)).inflate(-0.5);
        if !n.rect.contains_rect(&t) {
            fig.text_overflow += 1;
        }
    }
    // Every state inside its composite; sibling composites apart.
    for (i, s) in d.states.iter().enumerate() {
        if let Some(p) = s.parent {
            if !l.states[p].rect().contains_rect(&l.states[i].rect()) {
                fig.outside_cluster += 1;
            }
        }
    }
    for (note, p) in d.notes.iter().zip(&l.notes) {
        if let Some(parent) = d.states[note.state].parent.filter(|_| !d.states[note.state].kind.is_cluster()).or(d.states[note.state].parent) {
            if !l.states[parent].rect().contains_rect(&p.rect) {
                fig.outside_cluster += 1;
            }
        }
    }
    let clusters: Vec<usize> = (0..d.states.len()).filter(|&i| d.states[i].kind.is_cluster()).collect();
    let ancestor = |a: usize, b: usize| {
        let mut k = d.states[b].parent;
        let mut steps = 0;
        while let Some(p) = k {
            if p == a {
                return true;
            }
            k = d.states[p].parent;
            steps += 1;
            if steps > d.states.len() {
                break;
            }
        }
        false
    };
    for (x, &a) in clusters.iter().enumerate() {
        for &b in &clusters[x + 1..] {
            if !ancestor(a, b) && !ancestor(b, a) && l.states[a].rect().overlaps(&l.states[b].rect()) {
                fig.cluster_overlaps += 1;
            }
        }
    }
    // Titles and transition labels covered.
    let label_rects: Vec<Rect> = l.transitions.iter().filter_map(|t| t.route.label).collect();
    for p in &l.states {
        if let Placed::Cluster(c) = p {
            if c.title.is_empty() {
                continue;
            }
            let t = Rect::centered(c.title_center, Size::new(c.title_block.width, c.title_block.height));
            let covered = boxes.iter().any(|b| b.0.overlaps(&t)) || label_rects.iter().any(|r| r.overlaps(&t));
            fig.covered_titles += covered as usize;
        }
    }
    for (i, r) in label_rects.iter().enumerate() {
        let covered = boxes.iter().any(|b| b.0.overlaps(r)) || label_rects.iter().enumerate().any(|(j, u)| j != i && u.overlaps(r));
        fig.covered_edge_labels += covered as usize;
    }
    fig
}
