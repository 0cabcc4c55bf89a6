//! Which plane each element of a flowchart belongs to, from what authors write.
//!
//! - A subgraph names a plane when its title or id has the words
//!   `<plane> Plane` (`EdgePlane`, `Edge_Plane`, `"🌐 Edge Plane - CDN"`,
//!   `ServicePlane2`), title first; or, failing that, when it carries a plane class.
//! - A class names a plane when, lowercased and without separators or
//!   trailing digits, it is `edge`, `service`, `state` or `control`, alone
//!   or followed by `style`, `class`, `plane`, `planestyle`, `node` or `nodes`
//!   (`edgeStyle`, `service`, `state_plane`, `ControlClass`).
//! - A node's plane is that of its last plane class; a node without one
//!   takes the plane of its innermost plane subgraph.
//! - `Stream` in place of a plane name is the removed Stream Plane: it
//!   gives no plane, and `check` warns about it.

use super::palette::Plane;
use crate::diagrams::flowchart::model::Flowchart;

/// What a name says about planes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaneName {
    Plane(Plane),
    /// The Stream Plane, removed from the specification.
    Stream,
}

impl PlaneName {
    pub fn plane(self) -> Option<Plane> {
        match self {
            PlaneName::Plane(p) => Some(p),
            PlaneName::Stream => None,
        }
    }
}

fn plane_word(word: &str) -> Option<PlaneName> {
    Some(match word {
        "edge" => PlaneName::Plane(Plane::Edge),
        "service" => PlaneName::Plane(Plane::Service),
        "state" => PlaneName::Plane(Plane::State),
        "control" => PlaneName::Plane(Plane::Control),
        "stream" => PlaneName::Stream,
        _ => return None,
    })
}

/// The plane a class name stands for.
pub fn class_plane(name: &str) -> Option<PlaneName> {
    let squashed: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let squashed = squashed.trim_end_matches(|c: char| c.is_ascii_digit());
    for suffix in ["planestyle", "planeclass", "plane", "style", "class", "nodes", "node", ""] {
        if let Some(stem) = squashed.strip_suffix(suffix) {
            if let Some(p) = plane_word(stem) {
                return Some(p);
            }
        }
    }
    None
}

/// Words of a name: split at anything not a letter, at lower-to-upper case
/// changes and between letters and digits, lowercased.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let boundary = match prev {
            None => false,
            Some(p) => !c.is_alphabetic() || !p.is_alphabetic() || (p.is_lowercase() && c.is_uppercase()),
        };
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current).to_lowercase());
        }
        if c.is_alphabetic() {
            current.push(c);
        }
        prev = Some(c);
    }
    if !current.is_empty() {
        out.push(current.to_lowercase());
    }
    out
}

/// The plane a subgraph's title or id names (`Edge Plane`, `StatePlane2`).
pub fn name_plane(text: &str) -> Option<PlaneName> {
    let w = words(text);
    w.windows(2).find_map(|pair| if pair[1] == "plane" { plane_word(&pair[0]) } else { None })
}

/// The plane of every node and subgraph (`None`: not a plane element).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaneAssignment {
    /// Per node, in model order.
    pub nodes: Vec<Option<Plane>>,
    /// Per subgraph, in model order.
    pub subgraphs: Vec<Option<Plane>>,
    /// Per node: the plane of its innermost plane subgraph, if any.
    pub enclosing: Vec<Option<Plane>>,
}

impl PlaneAssignment {
    /// Planes present, in the scheme's order.
    pub fn present(&self) -> Vec<Plane> {
        Plane::ALL.into_iter().filter(|p| self.nodes.contains(&Some(*p)) || self.subgraphs.contains(&Some(*p))).collect()
    }
}

/// The subgraph that holds each subgraph and each node directly.
pub fn parents(f: &Flowchart) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let holder = |id: &str, skip: Option<usize>| f.subgraphs.iter().enumerate().find(|(i, s)| Some(*i) != skip && s.members.iter().any(|m| m == id)).map(|(i, _)| i);
    let subgraphs = f.subgraphs.iter().enumerate().map(|(i, s)| holder(&s.id, Some(i))).collect();
    let nodes = f.nodes.iter().map(|n| holder(&n.id, None)).collect();
    (nodes, subgraphs)
}

/// Assigns planes by the rules in this module's documentation.
pub fn assign(f: &Flowchart) -> PlaneAssignment {
    let (node_parent, sg_parent) = parents(f);
    let last_class_plane = |classes: &[String]| classes.iter().rev().find_map(|c| class_plane(c).and_then(PlaneName::plane));
    let subgraphs: Vec<Option<Plane>> = f
        .subgraphs
        .iter()
        .map(|s| {
            let by_name = name_plane(&s.title.text).or_else(|| name_plane(&s.id));
            match by_name {
                Some(n) => n.plane(),
                None => last_class_plane(&s.classes),
            }
        })
        .collect();
    let enclosing_of = |mut at: Option<usize>| {
        let mut guard = 0;
        while let Some(i) = at {
            if let Some(p) = subgraphs[i] {
                return Some(p);
            }
            at = sg_parent[i];
            guard += 1;
            if guard > f.subgraphs.len() {
                break;
            }
        }
        None
    };
    let enclosing: Vec<Option<Plane>> = node_parent.iter().map(|&p| enclosing_of(p)).collect();
    let nodes = f.nodes.iter().zip(&enclosing).map(|(n, &enc)| last_class_plane(&n.classes).or(enc)).collect();
    PlaneAssignment { nodes, subgraphs, enclosing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names() {
        for (name, plane) in [("edgeStyle", Plane::Edge), ("service", Plane::Service), ("state_plane", Plane::State), ("ControlClass", Plane::Control), ("stateStyle2", Plane::State)] {
            assert_eq!(class_plane(name), Some(PlaneName::Plane(plane)), "{name}");
        }
        assert_eq!(class_plane("streamStyle"), Some(PlaneName::Stream));
        for name in ["costStyle", "edgy", "stateful", "dataStyle", "hedgeStyle"] {
            assert_eq!(class_plane(name), None, "{name}");
        }
    }

    #[test]
    fn subgraph_names() {
        for (name, plane) in [
            ("EdgePlane", Plane::Edge),
            ("Edge Plane - CDN", Plane::Edge),
            ("🌐 Edge Plane", Plane::Edge),
            ("ServicePlane2", Plane::Service),
            ("State_Plane___Orange", Plane::State),
            ("Control Plane - #8B5CF6", Plane::Control),
        ] {
            assert_eq!(name_plane(name), Some(PlaneName::Plane(plane)), "{name}");
        }
        assert_eq!(name_plane("Stream Plane"), Some(PlaneName::Stream));
        for name in ["KnowledgePlane", "Data Plane", "Edge Services", "Planes"] {
            assert_eq!(name_plane(name), None, "{name}");
        }
    }
}
