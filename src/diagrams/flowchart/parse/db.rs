//! What mermaid-js's `FlowDB` does with each statement: vertices that merge
//! on repeated ids, edges (with mermaid's arrow decoding), subgraphs and
//! their membership rules, classes and styles. Errors mermaid throws from
//! here (not parse errors) are recorded, and the statement is skipped.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// How a label was written: mermaid's `labelType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Text,
    String,
    Markdown,
}

/// A label value: text, how it was written, where (prepared-text offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextV {
    pub text: String,
    pub kind: LabelKind,
    pub span: Range<usize>,
}

/// A decoded arrow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkV {
    /// mermaid's type: `arrow_point`, `double_arrow_circle`, `INVALID`, ...
    pub ty: String,
    /// `normal`, `thick`, `dotted`, `invisible`, `INVALID`.
    pub stroke: String,
    pub length: usize,
    pub text: Option<TextV>,
    /// `e1@` edge id, without the `@`.
    pub id: Option<String>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Vertex {
    pub id: String,
    pub text: Option<String>,
    pub kind: LabelKind,
    /// mermaid's vertex type, or a `@{ shape }` name.
    pub ty: Option<String>,
    pub styles: Vec<String>,
    pub classes: Vec<String>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct EdgeRec {
    pub start: String,
    pub end: String,
    pub text: String,
    pub kind: LabelKind,
    pub ty: String,
    pub stroke: String,
    pub length: usize,
    pub id: String,
    pub style: Option<Vec<String>>,
    pub classes: Vec<String>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct SubgraphRec {
    pub id: String,
    pub nodes: Vec<String>,
    pub title: String,
    pub kind: LabelKind,
    pub classes: Vec<String>,
    pub dir: Option<&'static str>,
    pub span: Range<usize>,
}

/// An item of a statement list (mermaid's `document` array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocItem {
    Nodes(Vec<String>),
    Str(String),
    Dir(&'static str),
}

/// An error mermaid throws while building its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbError {
    LinkStyleIndex { index: String, edges: usize, span: Range<usize> },
    NoSuchShape { shape: String, lowercase: bool, span: Range<usize> },
    EdgeLimit { span: Range<usize> },
    UnnamedSubgraph { span: Range<usize> },
    BadShapeData { message: String, span: Range<usize> },
}

/// mermaid's limit on edges (`maxEdges`).
pub const MAX_EDGES: usize = 500;

/// The most edges a flowchart's model keeps (past mermaid's limit, already
/// an error): a hundred times what the default limits let be drawn
/// (`crate::limits`), so only an `a & b & ... --> c & d & ...` product
/// reaches it; without it a few kilobytes could make millions of edges
/// before the limits are checked.
pub const KEPT_EDGES: usize = 100 * MAX_EDGES;

#[derive(Debug, Default)]
pub struct FlowDb {
    pub vertices: Vec<Vertex>,
    vindex: HashMap<String, usize>,
    pub edges: Vec<EdgeRec>,
    edge_ids: HashMap<String, usize>,
    /// How many edges join each (start, end), for mermaid's edge ids.
    pair_count: HashMap<(String, String), usize>,
    pub default_style: Option<Vec<String>>,
    pub classes: Vec<(String, Vec<String>)>,
    class_index: HashMap<String, usize>,
    pub subgraphs: Vec<SubgraphRec>,
    sub_lookup: HashMap<String, usize>,
    sub_count: usize,
    pub direction: Option<String>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub errors: Vec<DbError>,
    /// Interpolation names from `linkStyle ... interpolate` (default, then per edge).
    pub interpolate: Vec<(Option<usize>, String)>,
}

impl FlowDb {
    fn vertex_mut(&mut self, id: &str, span: &Range<usize>) -> &mut Vertex {
        let i = match self.vindex.get(id) {
            Some(&i) => i,
            None => {
                self.vertices.push(Vertex {
                    id: id.to_string(),
                    text: None,
                    kind: LabelKind::Text,
                    ty: None,
                    styles: Vec::new(),
                    classes: Vec::new(),
                    span: span.clone(),
                });
                self.vindex.insert(id.to_string(), self.vertices.len() - 1);
                self.vertices.len() - 1
            }
        };
        &mut self.vertices[i]
    }

    pub fn has_vertex(&self, id: &str) -> bool {
        self.vindex.contains_key(id)
    }

    /// `addVertex(id, textObj, type, style)` (no shape data).
    pub fn add_vertex(&mut self, id: &str, span: &Range<usize>, text: Option<&TextV>, ty: Option<&str>, styles: &[String]) {
        if id.trim().is_empty() {
            return;
        }
        if self.edge_ids.contains_key(id) {
            return;
        }
        let v = self.vertex_mut(id, span);
        match text {
            Some(t) => {
                let mut txt = t.text.trim().to_string();
                if txt.len() >= 2 && txt.starts_with('"') && txt.ends_with('"') {
                    txt = txt[1..txt.len() - 1].to_string();
                }
                v.text = Some(txt);
                v.kind = t.kind;
            }
            None => {
                if v.text.is_none() {
                    v.text = Some(id.to_string());
                }
            }
        }
        if let Some(ty) = ty {
            v.ty = Some(ty.to_string());
        }
        v.styles.extend(styles.iter().cloned());
    }

    /// `addVertex` with `@{ ... }` shape data.
    pub fn add_shape_data(&mut self, id: &str, span: &Range<usize>, data: &str, data_span: &Range<usize>) {
        if id.trim().is_empty() {
            return;
        }
        let doc = match read_shape_data(data) {
            Ok(doc) => doc,
            Err(message) => {
                self.errors.push(DbError::BadShapeData { message, span: data_span.clone() });
                return;
            }
        };
        if self.edge_ids.contains_key(id) {
            return;
        }
        self.add_vertex(id, span, None, None, &[]);
        let mut shape_error = None;
        let v = self.vertex_mut(id, span);
        for (k, val) in &doc {
            match k.as_str() {
                "shape" => {
                    if *val != val.to_lowercase() || val.contains('_') {
                        shape_error = Some(DbError::NoSuchShape { shape: val.clone(), lowercase: true, span: data_span.clone() });
                    } else if !is_valid_shape(val) {
                        shape_error = Some(DbError::NoSuchShape { shape: val.clone(), lowercase: false, span: data_span.clone() });
                    } else {
                        v.ty = Some(val.clone());
                    }
                }
                "label" if !val.is_empty() => v.text = Some(val.clone()),
                _ => {}
            }
            if shape_error.is_some() {
                break;
            }
        }
        if let Some(e) = shape_error {
            self.errors.push(e);
        }
    }

    /// `addLink(starts, ends, link)`: every pair, the id on the last start
    /// and first end only. At most [`KEPT_EDGES`] are kept: `A & B & ... -->
    /// C & D & ...` can name millions of pairs in a few kilobytes.
    pub fn add_link(&mut self, starts: &[String], ends: &[String], link: &LinkV) {
        for s in starts {
            for e in ends {
                if self.edges.len() >= KEPT_EDGES {
                    self.edge_limit(link);
                    return;
                }
                let use_id = s == starts.last().unwrap() && e == &ends[0];
                self.add_single_link(s, e, link, if use_id { link.id.as_deref() } else { None });
            }
        }
    }

    /// mermaid's "Edge limit exceeded": one error, at the first link past it.
    fn edge_limit(&mut self, link: &LinkV) {
        if !self.errors.iter().any(|e| matches!(e, DbError::EdgeLimit { .. })) {
            self.errors.push(DbError::EdgeLimit { span: link.span.clone() });
        }
    }

    fn add_single_link(&mut self, start: &str, end: &str, link: &LinkV, id: Option<&str>) {
        let (text, kind) = match &link.text {
            Some(t) => {
                let mut txt = t.text.trim().to_string();
                if txt.len() >= 2 && txt.starts_with('"') && txt.ends_with('"') {
                    txt = txt[1..txt.len() - 1].to_string();
                }
                (txt, t.kind)
            }
            None => (String::new(), LabelKind::Text),
        };
        let id = match id {
            Some(id) if !self.edge_ids.contains_key(id) => id.to_string(),
            _ => {
                let existing = self.pair_count.get(&(start.to_string(), end.to_string())).copied().unwrap_or(0);
                let counter = if existing == 0 { 0 } else { existing + 1 };
                format!("L_{start}_{end}_{counter}")
            }
        };
        // mermaid refuses the diagram; the drawing keeps every edge (as meant).
        if self.edges.len() >= MAX_EDGES {
            self.edge_limit(link);
        }
        *self.pair_count.entry((start.to_string(), end.to_string())).or_default() += 1;
        self.edge_ids.insert(id.clone(), self.edges.len());
        self.edges.push(EdgeRec {
            start: start.to_string(),
            end: end.to_string(),
            text,
            kind,
            ty: link.ty.clone(),
            stroke: link.stroke.clone(),
            length: link.length.min(10),
            id,
            style: None,
            classes: Vec::new(),
            span: link.span.clone(),
        });
    }

    /// `updateLink(positions, style)`; positions are `default` or numbers as
    /// written (mermaid indexes its edge array with the string).
    pub fn update_link(&mut self, positions: &[String], styles: &[String], span: &Range<usize>) {
        let mut shared: Option<Vec<String>> = None;
        for pos in positions {
            if pos == "default" {
                self.default_style = Some(styles.to_vec());
                continue;
            }
            match self.edge_index(pos) {
                Some(i) => {
                    let st = shared.get_or_insert_with(|| {
                        let mut s = styles.to_vec();
                        if !s.is_empty() && !s.iter().any(|x| x.starts_with("fill")) {
                            s.push("fill:none".to_string());
                        }
                        s
                    });
                    self.edges[i].style = Some(st.clone());
                }
                None => {
                    self.errors.push(DbError::LinkStyleIndex { index: pos.clone(), edges: self.edges.len(), span: span.clone() });
                    return;
                }
            }
        }
    }

    pub fn update_link_interpolate(&mut self, positions: &[String], name: &str, span: &Range<usize>) {
        for pos in positions {
            if pos == "default" {
                self.interpolate.push((None, name.to_string()));
                continue;
            }
            match self.edge_index(pos) {
                Some(i) => self.interpolate.push((Some(i), name.to_string())),
                None => {
                    self.errors.push(DbError::LinkStyleIndex { index: pos.clone(), edges: self.edges.len(), span: span.clone() });
                    return;
                }
            }
        }
    }

    /// The edge a JavaScript array index string names.
    fn edge_index(&self, pos: &str) -> Option<usize> {
        let canonical = pos == "0" || (!pos.starts_with('0') && pos.bytes().all(|c| c.is_ascii_digit()));
        if !canonical {
            return None;
        }
        pos.parse::<usize>().ok().filter(|&i| i < self.edges.len())
    }

    /// `addClass(ids, styles)`: styles joined by `,`, then split on `,`/`;`
    /// (a `\,` stays a comma).
    pub fn add_class(&mut self, ids: &str, styles: &[String]) {
        let joined = styles.join(",").replace("\\,", "§§§").replace(',', ";").replace("§§§", ",");
        let parts: Vec<String> = joined.split(';').map(str::to_string).collect();
        for id in ids.split(',') {
            let i = match self.class_index.get(id) {
                Some(&i) => i,
                None => {
                    self.classes.push((id.to_string(), Vec::new()));
                    self.class_index.insert(id.to_string(), self.classes.len() - 1);
                    self.classes.len() - 1
                }
            };
            self.classes[i].1.extend(parts.iter().cloned());
        }
    }

    /// `setClass(ids, class)`: on vertices, edges (by id) and closed subgraphs.
    pub fn set_class(&mut self, ids: &str, class: &str) {
        for id in ids.split(',') {
            if let Some(&i) = self.vindex.get(id) {
                self.vertices[i].classes.push(class.to_string());
            }
            if let Some(&i) = self.edge_ids.get(id) {
                self.edges[i].classes.push(class.to_string());
            }
            if let Some(&i) = self.sub_lookup.get(id) {
                self.subgraphs[i].classes.push(class.to_string());
            }
        }
    }

    /// `addSubGraph(id, list, title)`. `same` is true when the header gave
    /// one text for both (then a title with blanks gets a generated id).
    pub fn add_subgraph(&mut self, id: Option<&TextV>, list: &[DocItem], title: Option<&TextV>, same: bool, span: Range<usize>) -> String {
        let mut sid = id.map(|t| t.text.trim().to_string());
        let title_text = title.map(|t| t.text.clone()).unwrap_or_default();
        if same && title_text.chars().any(crate::lex::is_js_space) {
            sid = None;
        }
        let mut dir = None;
        let mut nodes: Vec<String> = Vec::new();
        for item in list {
            let ids: Vec<&str> = match item {
                DocItem::Dir(d) => {
                    dir = Some(*d);
                    continue;
                }
                DocItem::Str(s) => vec![s.as_str()],
                DocItem::Nodes(v) => v.iter().map(String::as_str).collect(),
            };
            for n in ids {
                if n.trim().is_empty() || nodes.iter().any(|x| x == n) {
                    continue;
                }
                nodes.push(n.to_string());
            }
        }
        let sid = sid.unwrap_or_else(|| format!("subGraph{}", self.sub_count));
        self.sub_count += 1;
        nodes.retain(|n| !self.subgraphs.iter().any(|sg| sg.nodes.iter().any(|m| m == n)));
        self.subgraphs.push(SubgraphRec {
            id: sid.clone(),
            nodes,
            title: title_text.trim().to_string(),
            kind: title.map_or(LabelKind::Text, |t| t.kind),
            classes: Vec::new(),
            dir,
            span,
        });
        self.sub_lookup.insert(sid.clone(), self.subgraphs.len() - 1);
        sid
    }
}

/// mermaid's `destructLink(end, start)`.
pub fn destruct_link(end: &str, start: Option<&str>) -> (String, String, usize) {
    let (ty, stroke, length) = destruct_end(end);
    let Some(start) = start else { return (ty, stroke, length) };
    let (sty, sstroke) = destruct_start(start);
    if sstroke != stroke {
        return ("INVALID".into(), "INVALID".into(), length);
    }
    let ty = if sty == "arrow_open" {
        ty
    } else if sty != ty {
        return ("INVALID".into(), "INVALID".into(), length);
    } else {
        format!("double_{sty}")
    };
    let ty = if ty == "double_arrow" { "double_arrow_point".to_string() } else { ty };
    (ty, stroke, length)
}

fn destruct_start(s: &str) -> (String, String) {
    let mut s = s.trim();
    let mut ty = "arrow_open";
    match s.chars().next() {
        Some('<') => {
            ty = "arrow_point";
            s = &s[1..];
        }
        Some('x') => {
            ty = "arrow_cross";
            s = &s[1..];
        }
        Some('o') => {
            ty = "arrow_circle";
            s = &s[1..];
        }
        _ => {}
    }
    let mut stroke = "normal";
    if s.contains('=') {
        stroke = "thick";
    }
    if s.contains('.') {
        stroke = "dotted";
    }
    (ty.to_string(), stroke.to_string())
}

fn destruct_end(s: &str) -> (String, String, usize) {
    let s = s.trim();
    let mut line = &s[..s.len().saturating_sub(1)];
    let mut ty = "arrow_open".to_string();
    match s.chars().last() {
        Some('x') => {
            ty = "arrow_cross".into();
            if s.starts_with('x') {
                ty = format!("double_{ty}");
                line = &line[1..];
            }
        }
        Some('>') => {
            ty = "arrow_point".into();
            if s.starts_with('<') {
                ty = format!("double_{ty}");
                line = &line[1..];
            }
        }
        Some('o') => {
            ty = "arrow_circle".into();
            if s.starts_with('o') {
                ty = format!("double_{ty}");
                line = &line[1..];
            }
        }
        _ => {}
    }
    let mut stroke = "normal";
    let mut length = line.chars().count().saturating_sub(1);
    if line.starts_with('=') {
        stroke = "thick";
    }
    if line.starts_with('~') {
        stroke = "invisible";
    }
    let dots = line.matches('.').count();
    if dots > 0 {
        stroke = "dotted";
        length = dots;
    }
    (ty, stroke.to_string(), length)
}

/// Shape names mermaid-js 11 accepts in `@{ shape: ... }`.
pub const SHAPE_NAMES: &[&str] = &[
    "state", "choice", "note", "rectWithTitle", "labelRect", "iconSquare", "iconCircle", "icon", "iconRounded", "imageSquare",
    "kanbanItem", "anchor", "rect", "proc", "process", "rectangle", "squareRect", "rounded", "event", "roundedRect", "stadium",
    "terminal", "pill", "fr-rect", "subprocess", "subproc", "framed-rectangle", "subroutine", "cyl", "db", "database", "cylinder",
    "circle", "circ", "diam", "decision", "diamond", "question", "hex", "hexagon", "prepare", "lean-r", "lean-right", "in-out",
    "lean_right", "lean-l", "lean-left", "out-in", "lean_left", "trap-b", "priority", "trapezoid-bottom", "trapezoid", "trap-t",
    "manual", "trapezoid-top", "inv-trapezoid", "inv_trapezoid", "dbl-circ", "double-circle", "doublecircle", "text",
    "notch-rect", "card", "notched-rectangle", "lin-rect", "lined-rectangle", "lined-process", "lin-proc", "shaded-process",
    "sm-circ", "start", "small-circle", "stateStart", "fr-circ", "stop", "framed-circle", "stateEnd", "fork", "join", "forkJoin",
    "hourglass", "collate", "brace", "comment", "brace-l", "brace-r", "braces", "bolt", "com-link", "lightning-bolt", "doc",
    "document", "delay", "half-rounded-rectangle", "h-cyl", "das", "horizontal-cylinder", "lin-cyl", "disk", "lined-cylinder",
    "curv-trap", "curved-trapezoid", "display", "div-rect", "div-proc", "divided-rectangle", "divided-process", "tri", "extract",
    "triangle", "win-pane", "internal-storage", "window-pane", "f-circ", "junction", "filled-circle", "notch-pent", "loop-limit",
    "notched-pentagon", "flip-tri", "manual-file", "flipped-triangle", "sl-rect", "manual-input", "sloped-rectangle", "docs",
    "documents", "st-doc", "stacked-document", "st-rect", "procs", "processes", "stacked-rectangle", "bow-rect", "stored-data",
    "bow-tie-rectangle", "cross-circ", "summary", "crossed-circle", "tag-doc", "tagged-document", "tag-rect", "tagged-rectangle",
    "tag-proc", "tagged-process", "flag", "paper-tape", "odd", "rect_left_inv_arrow", "lin-doc", "lined-document", "classBox",
    "class-box",
];

pub fn is_valid_shape(name: &str) -> bool {
    SHAPE_NAMES.contains(&name)
}

/// Reads `@{ shape: x, label: "y" }` data: a flat YAML mapping, in flow
/// style (`{a: b, c: d}`) or block style (one `key: value` per line).
fn read_shape_data(data: &str) -> Result<Vec<(String, String)>, String> {
    let body = data.trim();
    let body = body.strip_prefix('{').unwrap_or(body);
    let body = body.strip_suffix('}').unwrap_or(body);
    let mut out = Vec::new();
    let mut item = String::new();
    let mut quote: Option<char> = None;
    let mut items = Vec::new();
    for c in body.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                item.push(c);
            }
            Some(_) => item.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                item.push(c);
            }
            None if c == ',' || c == '\n' => items.push(std::mem::take(&mut item)),
            None => item.push(c),
        }
    }
    if quote.is_some() {
        return Err("a quoted value in `@{ ... }` is not closed".into());
    }
    items.push(item);
    for it in items {
        let it = it.trim();
        if it.is_empty() {
            continue;
        }
        let Some((k, v)) = it.split_once(':') else {
            return Err(format!("`{it}` is not a `key: value` pair"));
        };
        let v = v.trim();
        let v = if v.len() >= 2 && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\''))) {
            v[1..v.len() - 1].to_string()
        } else {
            v.to_string()
        };
        out.push((k.trim().to_string(), v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destructs_links_like_mermaid() {
        let d = |e: &str, s: Option<&str>| destruct_link(e, s);
        assert_eq!(d("-->", None), ("arrow_point".into(), "normal".into(), 1));
        assert_eq!(d("---", None), ("arrow_open".into(), "normal".into(), 1));
        assert_eq!(d("---->", None), ("arrow_point".into(), "normal".into(), 3));
        assert_eq!(d("-.->", None), ("arrow_point".into(), "dotted".into(), 1));
        assert_eq!(d("-..->", None), ("arrow_point".into(), "dotted".into(), 2));
        assert_eq!(d("==>", None), ("arrow_point".into(), "thick".into(), 1));
        assert_eq!(d("~~~", None), ("arrow_open".into(), "invisible".into(), 1));
        assert_eq!(d("<-->", None), ("double_arrow_point".into(), "normal".into(), 1));
        assert_eq!(d("o--o", None), ("double_arrow_circle".into(), "normal".into(), 1));
        assert_eq!(d("--x", None), ("arrow_cross".into(), "normal".into(), 1));
        assert_eq!(d(" -->", Some("-- ")), ("arrow_point".into(), "normal".into(), 1));
        assert_eq!(d("-->", Some("<--")), ("double_arrow_point".into(), "normal".into(), 1));
        assert_eq!(d("==>", Some("--")).0, "INVALID");
    }

    #[test]
    fn shape_data() {
        assert_eq!(read_shape_data(" shape: rect, label: \"a, b\" ").unwrap(), vec![("shape".into(), "rect".into()), ("label".into(), "a, b".into())]);
        assert!(is_valid_shape("cyl") && !is_valid_shape("cylinderx"));
    }
}
