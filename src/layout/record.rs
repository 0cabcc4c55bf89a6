//! A drawing's geometry as a record, by id: node and cluster boxes, edge
//! routes and label boxes, rounded to 0.1 px. The snapshot store keeps one
//! beside each golden image, and [`diff`] says what moved between two: "node
//! `DB` moved 24 px down, edge `API → DB` rerouted, cluster `StatePlane`
//! grew 40 px". Each kind that records its layout writes its own (see
//! `diagrams::flowchart::record`).

use super::geometry::{Point, Rect};
use serde::{Deserialize, Serialize};

/// A box and the text in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxRecord {
    pub id: String,
    /// `[x, y, width, height]`
    pub rect: [f64; 4],
    pub label: String,
}

/// An edge's drawn route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub from: String,
    pub to: String,
    /// The path's points, control points included.
    pub points: Vec<[f64; 2]>,
    pub label_box: Option<[f64; 4]>,
    pub label: String,
}

/// The geometry of one drawing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LayoutRecord {
    pub nodes: Vec<BoxRecord>,
    pub clusters: Vec<BoxRecord>,
    pub edges: Vec<EdgeRecord>,
}

fn round(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// A box as a record keeps it: `[x, y, width, height]`, rounded.
pub fn rect(r: &Rect) -> [f64; 4] {
    [round(r.x), round(r.y), round(r.width), round(r.height)]
}

/// A point as a record keeps it, rounded.
pub fn point(p: &Point) -> [f64; 2] {
    [round(p.x), round(p.y)]
}

/// What a change did to one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Moved,
    Resized,
    Rerouted,
    Relabelled,
}

/// Which element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    Node,
    Cluster,
    Edge,
    Label,
}

/// One element's change, with how far it moved and how much it grew.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutChange {
    pub kind: ElementKind,
    pub id: String,
    pub change: ChangeKind,
    pub dx: f64,
    pub dy: f64,
    pub dw: f64,
    pub dh: f64,
}

impl std::fmt::Display for LayoutChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            ElementKind::Node => "node",
            ElementKind::Cluster => "cluster",
            ElementKind::Edge => "edge",
            ElementKind::Label => "label",
        };
        write!(f, "{kind} `{}` ", self.id)?;
        let moves = |f: &mut std::fmt::Formatter<'_>| -> std::fmt::Result {
            let mut parts = Vec::new();
            if self.dx != 0.0 {
                parts.push(format!("{:.1} px {}", self.dx.abs(), if self.dx > 0.0 { "right" } else { "left" }));
            }
            if self.dy != 0.0 {
                parts.push(format!("{:.1} px {}", self.dy.abs(), if self.dy > 0.0 { "down" } else { "up" }));
            }
            write!(f, "{}", parts.join(" and "))
        };
        match self.change {
            ChangeKind::Added => write!(f, "added"),
            ChangeKind::Removed => write!(f, "removed"),
            ChangeKind::Moved => {
                write!(f, "moved ")?;
                moves(f)
            }
            ChangeKind::Resized => {
                let grew = |d: f64, what: &str| if d > 0.0 { format!("{:.1} px {what}er", d) } else { format!("{:.1} px {}", -d, if what == "wid" { "narrower" } else { "shorter" }) };
                let mut parts = Vec::new();
                if self.dw != 0.0 {
                    parts.push(grew(self.dw, "wid"));
                }
                if self.dh != 0.0 {
                    parts.push(if self.dh > 0.0 { format!("{:.1} px taller", self.dh) } else { grew(self.dh, "tall") });
                }
                write!(f, "resized: {}", parts.join(", "))?;
                if self.dx != 0.0 || self.dy != 0.0 {
                    write!(f, "; moved ")?;
                    moves(f)?;
                }
                Ok(())
            }
            ChangeKind::Rerouted => write!(f, "rerouted"),
            ChangeKind::Relabelled => write!(f, "relabelled"),
        }
    }
}

/// What changed from `old` to `new`, element by element (boxes matched by
/// id, edges by their ends and their order among edges with the same ends).
pub fn diff(old: &LayoutRecord, new: &LayoutRecord) -> Vec<LayoutChange> {
    let mut out = Vec::new();
    diff_boxes(ElementKind::Node, &old.nodes, &new.nodes, &mut out);
    diff_boxes(ElementKind::Cluster, &old.clusters, &new.clusters, &mut out);
    let key = |edges: &[EdgeRecord]| -> Vec<(String, usize)> {
        let mut seen: Vec<(String, usize)> = Vec::new();
        edges
            .iter()
            .map(|e| {
                let name = format!("{} → {}", e.from, e.to);
                let n = seen.iter().filter(|(k, _)| *k == name).count();
                seen.push((name.clone(), n));
                (name, n)
            })
            .collect()
    };
    let (old_keys, new_keys) = (key(&old.edges), key(&new.edges));
    let shown = |(name, n): &(String, usize)| if *n == 0 { name.clone() } else { format!("{name} #{}", n + 1) };
    for (k, e) in new_keys.iter().zip(&new.edges) {
        match old_keys.iter().position(|o| o == k) {
            None => out.push(change(ElementKind::Edge, shown(k), ChangeKind::Added, [0.0; 4])),
            Some(i) => {
                let before = &old.edges[i];
                if before.points != e.points {
                    out.push(change(ElementKind::Edge, shown(k), ChangeKind::Rerouted, [0.0; 4]));
                }
                if before.label != e.label {
                    out.push(change(ElementKind::Label, shown(k), ChangeKind::Relabelled, [0.0; 4]));
                } else if let (Some(a), Some(b)) = (before.label_box, e.label_box) {
                    if a[..2] != b[..2] {
                        out.push(change(ElementKind::Label, shown(k), ChangeKind::Moved, [round(b[0] - a[0]), round(b[1] - a[1]), 0.0, 0.0]));
                    }
                }
            }
        }
    }
    for k in old_keys.iter().filter(|k| !new_keys.contains(k)) {
        out.push(change(ElementKind::Edge, shown(k), ChangeKind::Removed, [0.0; 4]));
    }
    out
}

fn change(kind: ElementKind, id: String, change: ChangeKind, d: [f64; 4]) -> LayoutChange {
    LayoutChange { kind, id, change, dx: d[0], dy: d[1], dw: d[2], dh: d[3] }
}

fn diff_boxes(kind: ElementKind, old: &[BoxRecord], new: &[BoxRecord], out: &mut Vec<LayoutChange>) {
    for b in new {
        match old.iter().find(|o| o.id == b.id) {
            None => out.push(change(kind, b.id.clone(), ChangeKind::Added, [0.0; 4])),
            Some(o) => {
                if o.label != b.label {
                    out.push(change(kind, b.id.clone(), ChangeKind::Relabelled, [0.0; 4]));
                }
                // movement of the centre, growth of the size
                let dx = round((b.rect[0] + b.rect[2] / 2.0) - (o.rect[0] + o.rect[2] / 2.0));
                let dy = round((b.rect[1] + b.rect[3] / 2.0) - (o.rect[1] + o.rect[3] / 2.0));
                let (dw, dh) = (round(b.rect[2] - o.rect[2]), round(b.rect[3] - o.rect[3]));
                if dw != 0.0 || dh != 0.0 {
                    out.push(change(kind, b.id.clone(), ChangeKind::Resized, [dx, dy, dw, dh]));
                } else if dx != 0.0 || dy != 0.0 {
                    out.push(change(kind, b.id.clone(), ChangeKind::Moved, [dx, dy, 0.0, 0.0]));
                }
            }
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|b| b.id == o.id)) {
        out.push(change(kind, o.id.clone(), ChangeKind::Removed, [0.0; 4]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, x: f64, y: f64, w: f64, h: f64, label: &str) -> BoxRecord {
        BoxRecord { id: id.into(), rect: [x, y, w, h], label: label.into() }
    }

    fn edge(from: &str, to: &str, points: &[[f64; 2]]) -> EdgeRecord {
        EdgeRecord { from: from.into(), to: to.into(), points: points.to_vec(), label_box: None, label: String::new() }
    }

    #[test]
    fn says_what_moved_grew_and_was_rerouted() {
        let old = LayoutRecord {
            nodes: vec![node("API", 0.0, 0.0, 100.0, 40.0, "API"), node("DB", 0.0, 100.0, 100.0, 40.0, "DB"), node("Old", 0.0, 0.0, 1.0, 1.0, "")],
            clusters: vec![node("StatePlane", 0.0, 90.0, 120.0, 60.0, "State Plane")],
            edges: vec![edge("API", "DB", &[[50.0, 40.0], [50.0, 100.0]])],
        };
        let new = LayoutRecord {
            nodes: vec![node("API", 0.0, 0.0, 100.0, 40.0, "API v2"), node("DB", 0.0, 124.0, 100.0, 40.0, "DB"), node("Cache", 0.0, 0.0, 1.0, 1.0, "")],
            clusters: vec![node("StatePlane", 0.0, 90.0, 120.0, 100.0, "State Plane")],
            edges: vec![edge("API", "DB", &[[50.0, 40.0], [50.0, 124.0]])],
        };
        let said: Vec<String> = diff(&old, &new).iter().map(|c| c.to_string()).collect();
        assert_eq!(
            said,
            vec![
                "node `API` relabelled",
                "node `DB` moved 24.0 px down",
                "node `Cache` added",
                "node `Old` removed",
                "cluster `StatePlane` resized: 40.0 px taller; moved 20.0 px down",
                "edge `API → DB` rerouted",
            ]
        );
        assert!(diff(&new, &new).is_empty());
    }
}
