//! ER layout: every entity sized from its attribute table as mermaid-js's
//! `erBox` sizes it (columns for type, name, keys and comment, each as wide
//! as its widest cell plus padding, rows of equal height), relationships as
//! labelled edges, subgraphs as clusters, all placed by the layered layout
//! ([`crate::layout::layered`]) with mermaid's ER spacing.

use super::model::{EndRef, Entity, ErDiagram};
use crate::layout::geometry::{segment_hits_rect, Path, Point, Rect, Segment, Size};
use crate::layout::intersections::crossing_pairs;
use crate::layout::layered::{self, ClusterSpec, EdgeRoute, EdgeSpec, End, LayeredGraph, NodeSpec};
use crate::layout::outline::Outline;
use crate::text::{measure, RichText, TextBlock, TextStyle};

/// mermaid's `er.diagramPadding` and `er.entityPadding` times 1.25 (it
/// scales them so when `htmlLabels` is not set at the top level).
pub const CELL_PADDING: f64 = 25.0;
pub const ROW_PADDING: f64 = 18.75;
/// An entity without attributes: padding round its name, and its least width.
const BOX_PADDING_X: f64 = 20.0;
const BOX_PADDING_Y: f64 = 30.0;
const MIN_ENTITY_WIDTH: f64 = 100.0;
/// mermaid's ER spacing (`er.nodeSpacing`, `er.rankSpacing`).
const NODE_SPACING: f64 = 140.0;
const RANK_SPACING: f64 = 80.0;
const CLUSTER_PADDING: f64 = 16.0;
/// Padding round a relationship's label on its background.
const LABEL_PADDING: f64 = 2.0;

pub fn text_style() -> TextStyle {
    TextStyle::default()
}

pub fn label_style() -> TextStyle {
    TextStyle { font_size: 14.0, ..TextStyle::default() }
}

/// A piece of text measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: RichText,
    pub block: TextBlock,
    /// Where the text's block is centred.
    pub center: Point,
}

/// A row of the attribute table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's box.
    pub rect: Rect,
    /// Type, name, keys, comment (an empty text draws nothing).
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEntity {
    pub rect: Rect,
    pub name: Cell,
    /// The header's height (the whole box when there are no attributes).
    pub header: f64,
    pub rows: Vec<Row>,
    /// x of each column divider inside the table (absolute).
    pub dividers: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedRelationship {
    pub route: EdgeRoute,
    pub label: Option<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedSubgraph {
    pub rect: Rect,
    pub title: Cell,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErLayout {
    pub size: Size,
    pub entities: Vec<PlacedEntity>,
    pub relationships: Vec<PlacedRelationship>,
    pub subgraphs: Vec<PlacedSubgraph>,
}

fn cell(text: &str, style: &TextStyle) -> Cell {
    let text = RichText::plain(&escape_generics(text));
    let block = measure(&text, style);
    Cell { text, block, center: Point::default() }
}

/// mermaid's `parseGenericTypes`: `List~int~` reads `List<int>` (as text,
/// so escaped for the label reader).
fn escape_generics(s: &str) -> String {
    if !s.contains('~') || s.matches('~').count() < 2 {
        return s.replace('<', "&lt;").replace('>', "&gt;");
    }
    let mut out = String::new();
    let mut open = true;
    for c in s.chars() {
        match c {
            '~' => {
                out.push_str(if open { "&lt;" } else { "&gt;" });
                open = !open;
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// An entity's table, laid out with its top-left corner at (0, 0).
fn size_entity(e: &Entity) -> PlacedEntity {
    let style = text_style();
    let mut name = cell(e.title(), &style);
    if e.attributes.is_empty() {
        let w = (name.block.width + 2.0 * BOX_PADDING_X).max(MIN_ENTITY_WIDTH);
        let h = name.block.height + 2.0 * BOX_PADDING_Y;
        name.center = Point::new(w / 2.0, h / 2.0);
        return PlacedEntity { rect: Rect::new(0.0, 0.0, w, h), name, header: h, rows: Vec::new(), dividers: Vec::new() };
    }
    let header = name.block.height + ROW_PADDING;
    let cells: Vec<Vec<Cell>> = e
        .attributes
        .iter()
        .map(|a| [a.ty.as_str(), a.name.as_str(), &a.keys.join(","), a.comment.as_str()].iter().map(|t| cell(t, &style)).collect())
        .collect();
    let mut widths = [0.0f64; 4];
    for row in &cells {
        for (k, c) in row.iter().enumerate() {
            widths[k] = widths[k].max(c.block.width + CELL_PADDING);
        }
    }
    // Keys and comments take a column only when some row has one.
    let mut sections = 4.0;
    for k in [2, 3] {
        if widths[k] <= CELL_PADDING {
            widths[k] = 0.0;
            sections -= 1.0;
        }
    }
    let spare = name.block.width + 2.0 * CELL_PADDING - widths.iter().sum::<f64>();
    if spare > 0.0 {
        for w in widths.iter_mut().filter(|w| **w > 0.0) {
            *w += spare / sections;
        }
    }
    let width: f64 = widths.iter().sum();
    let mut y = header;
    let mut rows = Vec::new();
    for mut row in cells {
        let h = row.iter().map(|c| c.block.height).fold(0.0, f64::max) + ROW_PADDING;
        let mut x = 0.0;
        for (k, c) in row.iter_mut().enumerate() {
            c.center = Point::new(x + CELL_PADDING / 2.0 + c.block.width / 2.0, y + h / 2.0);
            x += widths[k];
        }
        rows.push(Row { rect: Rect::new(0.0, y, width, h), cells: row });
        y += h;
    }
    let mut dividers = Vec::new();
    let mut x = 0.0;
    for (k, w) in widths.iter().enumerate().take(3) {
        x += w;
        if widths[k + 1] > 0.0 {
            dividers.push(x);
        }
    }
    name.center = Point::new(width / 2.0, header / 2.0);
    PlacedEntity { rect: Rect::new(0.0, 0.0, width, y), name, header, rows, dividers }
}

/// Moves an entity's table to its place.
fn moved(mut e: PlacedEntity, to: Rect) -> PlacedEntity {
    let d = Point::new(to.x - e.rect.x, to.y - e.rect.y);
    let shift = |p: Point| p + d;
    e.rect = to;
    e.name.center = shift(e.name.center);
    for row in &mut e.rows {
        row.rect.x += d.x;
        row.rect.y += d.y;
        for c in &mut row.cells {
            c.center = shift(c.center);
        }
    }
    for x in &mut e.dividers {
        *x += d.x;
    }
    e
}

/// Lays out an ER diagram.
pub fn layout_er(er: &ErDiagram) -> ErLayout {
    let tables: Vec<PlacedEntity> = er.entities.iter().map(size_entity).collect();
    // The subgraph holding each entity and each subgraph.
    let holder = |name: &str| er.subgraphs.iter().position(|s| s.members.iter().any(|m| m == name));
    let nodes: Vec<NodeSpec> = er.entities.iter().zip(&tables).map(|(e, t)| NodeSpec { size: t.rect.size(), outline: Outline::Rect, cluster: holder(&e.name) }).collect();
    let title_style = text_style();
    let titles: Vec<Cell> = er.subgraphs.iter().map(|s| cell(&s.title, &title_style)).collect();
    let clusters: Vec<ClusterSpec> = er
        .subgraphs
        .iter()
        .zip(&titles)
        .map(|(s, t)| ClusterSpec {
            parent: holder(&s.id).filter(|&p| er.subgraphs[p].id != s.id),
            title: Size::new(t.block.width, if s.title.is_empty() { 0.0 } else { t.block.height }),
            direction: s.direction,
        })
        .collect();
    let lstyle = label_style();
    let labels: Vec<Option<Cell>> = er.relationships.iter().map(|r| (!r.label.trim().is_empty()).then(|| cell(r.label.trim(), &lstyle))).collect();
    let end = |e: EndRef| match e {
        EndRef::Entity(i) => End::Node(i),
        EndRef::Subgraph(i) => End::Cluster(i),
    };
    let edges: Vec<EdgeSpec> = er
        .relationships
        .iter()
        .zip(&labels)
        .map(|(r, l)| EdgeSpec {
            from: end(r.from),
            to: end(r.to),
            label: l.as_ref().map(|c| Size::new(c.block.width + 2.0 * LABEL_PADDING, c.block.height)),
            minlen: 1,
            weight: 1.0,
            arrow_start: false,
            arrow_end: false,
            invisible: false,
        })
        .collect();
    let graph = LayeredGraph {
        direction: er.direction,
        node_sep: er.config.node_spacing.unwrap_or(NODE_SPACING),
        rank_sep: er.config.rank_spacing.unwrap_or(RANK_SPACING),
        cluster_padding: CLUSTER_PADDING,
        arrow_length: 0.0,
        curve: er.config.curve,
        nodes,
        clusters,
        edges,
    };
    let result = layered::layout(&graph);
    let entities: Vec<PlacedEntity> = tables.into_iter().zip(&result.nodes).map(|(t, &r)| moved(t, r)).collect();
    let mut routes = result.edges.clone();
    spread_ends(er, &entities, &mut routes);
    let relationships = routes
        .iter()
        .zip(labels)
        .map(|(route, label)| {
            let label = label.and_then(|mut c| {
                c.center = route.label?.center();
                Some(c)
            });
            PlacedRelationship { route: route.clone(), label }
        })
        .collect();
    let subgraphs = result
        .clusters
        .iter()
        .zip(titles)
        .enumerate()
        .map(|(i, (&rect, mut title))| {
            title.center = Point::new(rect.center().x, rect.y + CLUSTER_PADDING / 2.0 + title.block.height / 2.0);
            let mut depth = 0;
            let mut p = graph.clusters[i].parent;
            while let Some(k) = p {
                depth += 1;
                p = graph.clusters[k].parent;
                if depth > graph.clusters.len() {
                    break;
                }
            }
            PlacedSubgraph { rect, title, depth }
        })
        .collect();
    ErLayout { size: result.size, entities, relationships, subgraphs }
}

/// Which side of a box a point on its border is on: 0 top, 1 right,
/// 2 bottom, 3 left.
fn side_of(r: &Rect, p: Point) -> usize {
    let d = [(p.y - r.y).abs(), (p.x - r.right()).abs(), (p.y - r.bottom()).abs(), (p.x - r.x).abs()];
    (0..4).min_by(|&a, &b| d[a].total_cmp(&d[b])).unwrap_or(0)
}

/// The outward normal of a side.
fn normal(side: usize) -> Point {
    [Point::new(0.0, -1.0), Point::new(1.0, 0.0), Point::new(0.0, 1.0), Point::new(-1.0, 0.0)][side]
}

/// Where a relationship meets an entity: mermaid's markers are 36 px wide
/// and drawn along the line, so lines meeting one side of an entity are
/// spread along it (in the order they come from) and made to arrive square
/// to it, as mermaid's lines mostly do.
fn spread_ends(er: &ErDiagram, entities: &[PlacedEntity], routes: &mut [EdgeRoute]) {
    // (entity, side) -> (relationship, at the start?, where it comes from along the side)
    let mut groups: std::collections::BTreeMap<(usize, usize), Vec<(usize, bool, f64)>> = std::collections::BTreeMap::new();
    for (i, (r, route)) in er.relationships.iter().zip(routes.iter()).enumerate() {
        if route.path.segments.is_empty() || r.from == r.to {
            continue;
        }
        for (start, end) in [(true, r.from), (false, r.to)] {
            let EndRef::Entity(e) = end else { continue };
            let rect = &entities[e].rect;
            let (at, toward) = if start { (route.path.start, route.path.start + route.path.start_tangent()) } else { (route.path.end(), route.path.end() - route.path.end_tangent()) };
            let side = side_of(rect, at);
            let along = if side % 2 == 0 { toward.x } else { toward.y };
            groups.entry((e, side)).or_default().push((i, start, along));
        }
    }
    for ((e, side), mut ends) in groups {
        let rect = entities[e].rect;
        ends.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
        let n = ends.len();
        let (lo, len) = if side % 2 == 0 { (rect.x, rect.width) } else { (rect.y, rect.height) };
        for (k, (i, start, _)) in ends.into_iter().enumerate() {
            let path = &routes[i].path;
            let old = if start { path.start } else { path.end() };
            let pos = if n == 1 { if side % 2 == 0 { old.x } else { old.y } } else { lo + len * (k as f64 + 1.0) / (n as f64 + 1.0) };
            let p = match side {
                0 => Point::new(pos, rect.y),
                1 => Point::new(rect.right(), pos),
                2 => Point::new(pos, rect.bottom()),
                _ => Point::new(rect.x, pos),
            };
            let route = &mut routes[i];
            square_end(&mut route.path, start, p, normal(side));
            if start {
                route.start_tip = p;
            } else {
                route.end_tip = p;
            }
        }
    }
}

/// Moves one end of a path to `p` and bends its last piece to arrive along `out`.
fn square_end(path: &mut Path, start: bool, p: Point, out: Point) {
    let far = if start { path.segments.first().map(seg_end) } else { path.segments.len().checked_sub(2).map(|i| seg_end(&path.segments[i])).or(Some(path.start)) };
    let Some(far) = far else { return };
    let reach = (far.distance(p) / 2.0).clamp(8.0, 40.0);
    let handle = p + out * reach;
    if start {
        path.start = p;
        if let Some(first) = path.segments.first_mut() {
            *first = match *first {
                Segment::Cubic(_, c2, q) => Segment::Cubic(handle, c2, q),
                Segment::Line(q) => Segment::Cubic(handle, q + (handle - q) * 0.5, q),
            };
        }
    } else {
        let from = path.segments.len().checked_sub(2).map_or(path.start, |i| seg_end(&path.segments[i]));
        if let Some(last) = path.segments.last_mut() {
            *last = match *last {
                Segment::Cubic(c1, _, _) => Segment::Cubic(c1, handle, p),
                Segment::Line(_) => Segment::Cubic(from + (handle - from) * 0.5, handle, p),
            };
        }
    }
}

fn seg_end(s: &Segment) -> Point {
    match *s {
        Segment::Line(p) | Segment::Cubic(_, _, p) => p,
    }
}

impl ErLayout {
    /// Pairs of entity boxes that overlap.
    pub fn overlaps(&self) -> usize {
        let mut n = 0;
        for i in 0..self.entities.len() {
            for j in i + 1..self.entities.len() {
                if self.entities[i].rect.overlaps(&self.entities[j].rect) {
                    n += 1;
                }
            }
        }
        n
    }

    fn polylines(&self) -> Vec<Vec<Point>> {
        self.relationships.iter().map(|r| r.route.path.flatten(16)).collect()
    }

    /// (relationship, entity) pairs where a line passes through an entity
    /// that is not one of its ends.
    pub fn edge_node_hits(&self, er: &ErDiagram) -> usize {
        let mut hits = 0;
        for (r, points) in er.relationships.iter().zip(self.polylines()) {
            for (i, e) in self.entities.iter().enumerate() {
                if r.from == EndRef::Entity(i) || r.to == EndRef::Entity(i) {
                    continue;
                }
                if points.windows(2).any(|w| segment_hits_rect(w[0], w[1], &e.rect, 2.0)) {
                    hits += 1;
                }
            }
        }
        hits
    }

    /// Pairs of relationship lines that cross (away from an entity both join).
    pub fn crossings(&self, er: &ErDiagram) -> usize {
        let lines = self.polylines();
        let lines: Vec<&[Point]> = lines.iter().map(Vec::as_slice).collect();
        crossing_pairs(&lines, |i, j, at| {
            let (a, b) = (&er.relationships[i], &er.relationships[j]);
            let near_shared_end = [a.from, a.to].iter().filter(|x| **x == b.from || **x == b.to).any(|x| match x {
                EndRef::Entity(k) => self.entities[*k].rect.inflate(12.0).contains(at),
                EndRef::Subgraph(k) => self.subgraphs.get(*k).is_some_and(|s| s.rect.inflate(12.0).contains(at)),
            });
            !near_shared_end
        })
        .len()
    }

    /// Texts that leave their cell (or entity), labels that overlap an entity.
    pub fn text_overflow(&self) -> usize {
        let mut n = 0;
        for e in &self.entities {
            let name_box = Rect::centered(e.name.center, Size::new(e.name.block.width, e.name.block.height));
            if !e.rect.inflate(0.01).contains_rect(&name_box) {
                n += 1;
            }
            for row in &e.rows {
                for c in row.cells.iter().filter(|c| c.block.width > 0.0) {
                    let b = Rect::centered(c.center, Size::new(c.block.width, c.block.height));
                    if !row.rect.inflate(0.01).contains_rect(&b) {
                        n += 1;
                    }
                }
            }
        }
        for r in &self.relationships {
            if let Some(l) = &r.label {
                let b = Rect::centered(l.center, Size::new(l.block.width, l.block.height));
                if self.entities.iter().any(|e| e.rect.overlaps(&b)) {
                    n += 1;
                }
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::Diagram;

    fn lay(text: &str) -> (ErDiagram, ErLayout) {
        let Some(Diagram::Er(e)) = crate::diagrams::parse(text).diagram else { panic!("not an ER diagram") };
        let l = layout_er(&e);
        (e, l)
    }

    #[test]
    fn tables_are_sized_like_mermaids() {
        let (_, l) = lay("erDiagram\n  ORDER\n  CUSTOMER {\n    string name \"full name\"\n    string custNumber PK, FK \"the key\"\n  }\n");
        // no attributes: 100 wide at least, 24 + 2 * 30 tall
        assert_eq!(l.entities[0].rect.height, 84.0);
        assert!(l.entities[0].rect.width >= 100.0);
        // header and rows 24 + 18.75 tall, four columns
        let c = &l.entities[1];
        assert_eq!(c.header, 42.75);
        assert_eq!(c.rows.len(), 2);
        assert_eq!(c.rect.height, 3.0 * 42.75);
        assert_eq!(c.dividers.len(), 3);
    }

    #[test]
    fn clean_drawing() {
        let (e, l) = lay("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER ||--|{ LINE-ITEM : contains\n  CUSTOMER }|..|{ DELIVERY-ADDRESS : uses\n  PRODUCT |o--o| LINE-ITEM : \"ordered in\"\n  CUSTOMER { string name\n string id PK }\n");
        assert_eq!(l.overlaps(), 0);
        assert_eq!(l.edge_node_hits(&e), 0);
        assert_eq!(l.text_overflow(), 0);
    }
}
