//! The Atlas's four planes as a property of the renderer: which element
//! belongs to which plane ([`detect`]), their colours ([`palette`]), the
//! settings that choose them ([`settings`]), and the drawing rule: under
//! [`PlaneMode::Enforce`] every plane element is painted in its plane's
//! colours whatever the source says; other elements are never touched.

pub mod colour;
pub mod detect;
pub mod palette;
pub mod settings;

pub use colour::{contrast, text_on, Rgb};
pub use detect::{assign, class_plane, name_plane, PlaneAssignment, PlaneName};
pub use palette::{Palette, Plane, PlanePaint};
pub use settings::{PlaneMode, PlaneSettings};

use crate::diagrams::flowchart::model::Flowchart;
use crate::model::style::StyleDecls;

/// One row of the planes legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub plane: Plane,
    pub fill: String,
    pub stroke: String,
}

/// The flowchart as it is drawn under `settings`: in enforce mode, plane
/// nodes and subgraphs get their plane's fill, stroke and text colour as
/// their last `style` declarations; in keep mode it is returned as is.
pub fn paint(f: &Flowchart, assignment: &PlaneAssignment, settings: &PlaneSettings) -> Flowchart {
    paint_on(f, assignment, settings, None)
}

/// The same for a dark page of colour `dark_ground`: plane subgraphs get a
/// dark tint of their colour (nodes keep the plane colours as they are).
pub fn paint_on(f: &Flowchart, assignment: &PlaneAssignment, settings: &PlaneSettings, dark_ground: Option<Rgb>) -> Flowchart {
    let mut out = f.clone();
    if settings.mode == PlaneMode::Keep {
        return out;
    }
    let decls = |p: PlanePaint| vec![format!("fill:{}", p.fill), format!("stroke:{}", p.stroke), format!("color:{}", p.text)];
    for (node, plane) in out.nodes.iter_mut().zip(&assignment.nodes) {
        if let Some(p) = plane {
            node.styles.extend(decls(settings.palette.node_paint(*p)));
        }
    }
    for (sg, plane) in out.subgraphs.iter_mut().zip(&assignment.subgraphs) {
        if let Some(p) = plane {
            let paint = match dark_ground {
                Some(ground) => settings.palette.subgraph_paint_on(*p, ground, 0.8),
                None => settings.palette.subgraph_paint(*p),
            };
            sg.styles.extend(decls(paint));
        }
    }
    out
}

/// The legend of the planes present: the palette's colours in enforce
/// mode; in keep mode, the fill most of the plane's nodes are drawn with.
pub fn legend(f: &Flowchart, assignment: &PlaneAssignment, settings: &PlaneSettings) -> Vec<LegendEntry> {
    assignment
        .present()
        .into_iter()
        .map(|plane| {
            let paint = settings.palette.node_paint(plane);
            let (mut fill, mut stroke) = (paint.fill.to_string(), paint.stroke.to_string());
            if settings.mode == PlaneMode::Keep {
                let mut counts: Vec<(StyleDecls, usize)> = Vec::new();
                for (n, p) in f.nodes.iter().zip(&assignment.nodes) {
                    if *p != Some(plane) {
                        continue;
                    }
                    let s = f.node_style(n);
                    if s.fill.is_none() {
                        continue;
                    }
                    match counts.iter_mut().find(|(c, _)| c.fill == s.fill) {
                        Some(entry) => entry.1 += 1,
                        None => counts.push((s, 1)),
                    }
                }
                // the most common fill; the first seen on ties
                if let Some((s, _)) = counts.iter().rev().max_by_key(|(_, n)| *n) {
                    fill = s.fill.clone().unwrap_or(fill);
                    stroke = s.stroke.clone().unwrap_or(stroke);
                }
            }
            LegendEntry { plane, fill, stroke }
        })
        .collect()
}
