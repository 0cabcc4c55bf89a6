//! Colours and strokes of mermaid's themes, shared by every diagram kind.

use crate::model::config::ThemeName;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Page background (`None`: transparent, as mermaid's SVG).
    pub background: Option<&'static str>,
    pub node_fill: &'static str,
    pub node_stroke: &'static str,
    pub node_stroke_width: f64,
    pub text: &'static str,
    pub cluster_fill: &'static str,
    pub cluster_stroke: &'static str,
    pub cluster_text: &'static str,
    pub edge_stroke: &'static str,
    pub edge_stroke_width: f64,
    pub thick_edge_stroke_width: f64,
    pub dotted_dasharray: &'static str,
    pub edge_label_background: &'static str,
    pub edge_label_opacity: f64,
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        let default = Theme {
            background: None,
            node_fill: "#ECECFF",
            node_stroke: "#9370DB",
            node_stroke_width: 1.0,
            text: "#333333",
            cluster_fill: "#ffffde",
            cluster_stroke: "#aaaa33",
            cluster_text: "#333333",
            edge_stroke: "#333333",
            edge_stroke_width: 1.5,
            thick_edge_stroke_width: 3.5,
            dotted_dasharray: "3,3",
            edge_label_background: "#e8e8e8",
            edge_label_opacity: 0.85,
        };
        match name {
            ThemeName::Default => default,
            ThemeName::Base => Theme {
                node_fill: "#fff4dd",
                node_stroke: "#c9a55e",
                cluster_fill: "#fffcf0",
                cluster_stroke: "#c9b88a",
                ..default
            },
            ThemeName::Forest => Theme {
                node_fill: "#cde498",
                node_stroke: "#13540c",
                cluster_fill: "#cdffb2",
                cluster_stroke: "#6eaa49",
                edge_stroke: "#000000",
                text: "#000000",
                cluster_text: "#000000",
                ..default
            },
            ThemeName::Neutral => Theme {
                node_fill: "#eeeeee",
                node_stroke: "#999999",
                cluster_fill: "#f4f4f4",
                cluster_stroke: "#999999",
                edge_stroke: "#666666",
                ..default
            },
            ThemeName::Dark => Theme {
                background: Some("#333333"),
                node_fill: "#1f2020",
                node_stroke: "#cccccc",
                text: "#e0dfdf",
                cluster_fill: "#2a2a2a",
                cluster_stroke: "#aaaaaa",
                cluster_text: "#e0dfdf",
                edge_stroke: "#d3d3d3",
                edge_label_background: "#585858",
                ..default
            },
        }
    }
}
