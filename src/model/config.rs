//! Settings a diagram carries in `%%{init: ...}%%` or `---` front matter.

/// The curve through an edge's route points (mermaid's `flowchart.curve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Curve {
    #[default]
    Basis,
    Linear,
    Step,
    StepBefore,
    StepAfter,
    Cardinal,
    CatmullRom,
    MonotoneX,
    MonotoneY,
    Natural,
    Bump,
}

impl Curve {
    pub fn from_name(name: &str) -> Option<Curve> {
        Some(match name {
            "basis" => Curve::Basis,
            "linear" => Curve::Linear,
            "step" => Curve::Step,
            "stepBefore" => Curve::StepBefore,
            "stepAfter" => Curve::StepAfter,
            "cardinal" => Curve::Cardinal,
            "catmullRom" => Curve::CatmullRom,
            "monotoneX" => Curve::MonotoneX,
            "monotoneY" => Curve::MonotoneY,
            "natural" => Curve::Natural,
            "bumpX" | "bumpY" | "bump" => Curve::Bump,
            _ => return None,
        })
    }
}

/// mermaid themes; `Default` is mermaid's default theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    Base,
    Dark,
    Forest,
    Neutral,
}

impl ThemeName {
    pub fn from_name(name: &str) -> Option<ThemeName> {
        Some(match name {
            "default" => ThemeName::Default,
            "base" => ThemeName::Base,
            "dark" => ThemeName::Dark,
            "forest" => ThemeName::Forest,
            "neutral" => ThemeName::Neutral,
            _ => return None,
        })
    }
}

/// What a diagram's own configuration asks for. Unset fields keep defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiagramConfig {
    pub theme: ThemeName,
    pub curve: Curve,
    /// Space between nodes of one rank (mermaid default 50).
    pub node_spacing: Option<f64>,
    /// Space between ranks (mermaid default 50).
    pub rank_spacing: Option<f64>,
    /// `themeVariables.fontSize`, in px.
    pub font_size: Option<f64>,
    /// Front-matter `title`.
    pub title: Option<String>,
}
