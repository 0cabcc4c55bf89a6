//! Quadrant charts: a title, two axes with a label at each end, four
//! quadrant labels, and points with coordinates in 0..1, styled inline or
//! by `classDef` class.

use crate::model::config::DiagramConfig;
use serde_json::json;
use std::ops::Range;

/// A point's look (`radius: 10, color: #ff3300, stroke-color: #000,
/// stroke-width: 2px`); unset fields fall back to its class, then the
/// theme.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PointStyle {
    pub radius: Option<f64>,
    pub color: Option<String>,
    pub stroke_color: Option<String>,
    pub stroke_width: Option<f64>,
}

impl PointStyle {
    /// `self`, with the fields it leaves unset taken from `under`.
    pub fn over(&self, under: &PointStyle) -> PointStyle {
        PointStyle {
            radius: self.radius.or(under.radius),
            color: self.color.clone().or_else(|| under.color.clone()),
            stroke_color: self.stroke_color.clone().or_else(|| under.stroke_color.clone()),
            stroke_width: self.stroke_width.or(under.stroke_width),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub text: String,
    /// Coordinates in 0..1 (mermaid's lexer reads nothing else).
    pub x: f64,
    pub y: f64,
    /// `Name:::class: [x, y]`.
    pub class: Option<String>,
    pub style: PointStyle,
    /// Where the point is written, in the diagram text.
    pub span: Range<usize>,
}

/// Where the x axis labels go when the chart has no points (with points
/// they always go below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XAxisPosition {
    #[default]
    Top,
    Bottom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YAxisPosition {
    #[default]
    Left,
    Right,
}

/// The `quadrantChart` settings, with mermaid's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadrantOptions {
    pub chart_width: f64,
    pub chart_height: f64,
    pub title_font_size: f64,
    pub title_padding: f64,
    pub quadrant_padding: f64,
    pub x_axis_label_padding: f64,
    pub y_axis_label_padding: f64,
    pub x_axis_label_font_size: f64,
    pub y_axis_label_font_size: f64,
    pub quadrant_label_font_size: f64,
    pub quadrant_text_top_padding: f64,
    pub point_text_padding: f64,
    pub point_label_font_size: f64,
    pub point_radius: f64,
    pub x_axis_position: XAxisPosition,
    pub y_axis_position: YAxisPosition,
    pub internal_border_width: f64,
    pub external_border_width: f64,
}

impl Default for QuadrantOptions {
    fn default() -> Self {
        QuadrantOptions {
            chart_width: 500.0,
            chart_height: 500.0,
            title_font_size: 20.0,
            title_padding: 10.0,
            quadrant_padding: 5.0,
            x_axis_label_padding: 5.0,
            y_axis_label_padding: 5.0,
            x_axis_label_font_size: 16.0,
            y_axis_label_font_size: 16.0,
            quadrant_label_font_size: 16.0,
            quadrant_text_top_padding: 5.0,
            point_text_padding: 5.0,
            point_label_font_size: 12.0,
            point_radius: 5.0,
            x_axis_position: XAxisPosition::Top,
            y_axis_position: YAxisPosition::Left,
            internal_border_width: 1.0,
            external_border_width: 2.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuadrantChart {
    /// `title ...` (or the front matter's).
    pub title: Option<String>,
    /// `quadrant-1` .. `quadrant-4`: top right, top left, bottom left,
    /// bottom right.
    pub quadrants: [String; 4],
    /// `x-axis left --> right`; a lone `left -->` keeps its arrow (` ⟶ `).
    pub x_left: String,
    pub x_right: String,
    /// `y-axis bottom --> top`.
    pub y_bottom: String,
    pub y_top: String,
    /// Points in the order written (mermaid draws them last first).
    pub points: Vec<Point>,
    /// `classDef name styles`; a name defined again takes the new styles.
    pub classes: Vec<(String, PointStyle)>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub options: QuadrantOptions,
    /// `themeVariables.quadrant*` colours set in the diagram, by name.
    pub theme_colors: Vec<(String, String)>,
    pub config: DiagramConfig,
}

impl QuadrantChart {
    /// The style a point is drawn with: its own, then its class's.
    pub fn point_style(&self, p: &Point) -> PointStyle {
        match p.class.as_ref().and_then(|c| self.classes.iter().rev().find(|(n, _)| n == c)) {
            Some((_, class)) => p.style.over(class),
            None => p.style.clone(),
        }
    }

    /// mermaid's parse in the corpus shape: `{"kind":"quadrantChart",
    /// "title", "quadrants":[4], "xAxis":[left,right], "yAxis":[bottom,top],
    /// "points":[{"text","x","y","className"}]}`.
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        json!({
            "kind": "quadrantChart",
            "title": self.title.clone().unwrap_or_default(),
            "quadrants": self.quadrants,
            "xAxis": [self.x_left, self.x_right],
            "yAxis": [self.y_bottom, self.y_top],
            "points": self.points.iter().map(|p| json!({"text": p.text, "x": p.x, "y": p.y, "className": p.class.clone().unwrap_or_default()})).collect::<Vec<_>>(),
        })
    }
}
