//! Colours and strokes of mermaid's themes, shared by every diagram kind.

use crate::model::config::ThemeName;
use crate::planes::colour::{contrast, text_on, Rgb, MIN_CONTRAST};
use std::borrow::Cow;

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

impl Theme {
    /// The colour of text the author gave no colour, on `fill`: `own` (the
    /// theme's), unless the theme is dark (light text) and the author's fill
    /// is so light that `own` would not reach 4.5:1 on it; then the text
    /// colour that does. Light themes keep mermaid's colours as they are.
    pub fn text_on<'a>(&self, fill: Option<&str>, own: &'a str) -> Cow<'a, str> {
        let (Some(fill), Some(text)) = (fill.and_then(Rgb::parse), Rgb::parse(own)) else { return Cow::Borrowed(own) };
        if text.luminance() < 0.5 || contrast(text, fill) >= MIN_CONTRAST {
            return Cow::Borrowed(own);
        }
        Cow::Owned(text_on(fill).to_string())
    }
}

/// `hsl(h, s%, l%)` as `#rrggbb`.
pub fn hsl_to_hex(h: f64, s: f64, l: f64) -> String {
    let h = h.rem_euclid(360.0) / 360.0;
    let (s, l) = (s / 100.0, l / 100.0);
    let q = if l < 0.5 { l * (1.0 + s) } else { l + s - l * s };
    let p = 2.0 * l - q;
    let channel = |t: f64| {
        let t = t.rem_euclid(1.0);
        let v = if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        };
        (v * 255.0).round().clamp(0.0, 255.0) as u8
    };
    format!("#{:02x}{:02x}{:02x}", channel(h + 1.0 / 3.0), channel(h), channel(h - 1.0 / 3.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_theme_text_on_a_light_author_fill_turns_dark() {
        let dark = Theme::named(ThemeName::Dark);
        assert_eq!(dark.text_on(Some("#FFE0B2"), dark.text), "#000000");
        assert_eq!(dark.text_on(Some("#0066CC"), dark.text), "#FFFFFF", "#e0dfdf reaches only 4.26:1 on it");
        assert_eq!(dark.text_on(Some("#223344"), dark.text), dark.text);
        assert_eq!(dark.text_on(None, dark.text), dark.text);
        let light = Theme::named(ThemeName::Default);
        assert_eq!(light.text_on(Some("#0066CC"), light.text), light.text, "light themes keep mermaid's colours");
    }
}
