//! CSS-like style declarations from `classDef`, `style` and `linkStyle`.

/// The declarations atlas-render applies, parsed from `key:value` pairs.
/// Unknown keys are kept in `other` and ignored by drawing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StyleDecls {
    pub fill: Option<String>,
    pub stroke: Option<String>,
    pub stroke_width: Option<f64>,
    pub stroke_dasharray: Option<String>,
    pub color: Option<String>,
    pub font_weight: Option<String>,
    pub font_size: Option<f64>,
    pub font_style: Option<String>,
    pub opacity: Option<f64>,
    pub other: Vec<(String, String)>,
}

impl StyleDecls {
    /// Reads mermaid style strings such as `fill:#f9f`, `stroke-width:4px`.
    pub fn from_strings<'a>(items: impl IntoIterator<Item = &'a str>) -> StyleDecls {
        let mut s = StyleDecls::default();
        for item in items {
            s.apply(item);
        }
        s
    }

    /// Applies one `key:value` declaration; later ones win, as in CSS.
    pub fn apply(&mut self, item: &str) {
        let Some((key, value)) = item.split_once(':') else { return };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim().trim_end_matches("!important").trim().to_string();
        if value.is_empty() {
            return;
        }
        match key.as_str() {
            "fill" | "background" | "background-color" => self.fill = Some(value),
            "stroke" => self.stroke = Some(value),
            "stroke-width" => self.stroke_width = parse_px(&value),
            "stroke-dasharray" => self.stroke_dasharray = Some(value.replace(' ', ",")),
            "color" => self.color = Some(value),
            "font-weight" => self.font_weight = Some(value),
            "font-size" => self.font_size = parse_px(&value),
            "font-style" => self.font_style = Some(value),
            "opacity" => self.opacity = value.parse().ok(),
            _ => self.other.push((key, value)),
        }
    }

    /// `other` declarations on top of `self`: set fields of `other` win.
    pub fn merged(&self, other: &StyleDecls) -> StyleDecls {
        StyleDecls {
            fill: other.fill.clone().or_else(|| self.fill.clone()),
            stroke: other.stroke.clone().or_else(|| self.stroke.clone()),
            stroke_width: other.stroke_width.or(self.stroke_width),
            stroke_dasharray: other.stroke_dasharray.clone().or_else(|| self.stroke_dasharray.clone()),
            color: other.color.clone().or_else(|| self.color.clone()),
            font_weight: other.font_weight.clone().or_else(|| self.font_weight.clone()),
            font_size: other.font_size.or(self.font_size),
            font_style: other.font_style.clone().or_else(|| self.font_style.clone()),
            opacity: other.opacity.or(self.opacity),
            other: self.other.iter().chain(other.other.iter()).cloned().collect(),
        }
    }

    pub fn is_bold(&self) -> bool {
        matches!(self.font_weight.as_deref(), Some("bold" | "bolder" | "600" | "700" | "800" | "900"))
    }
}

fn parse_px(value: &str) -> Option<f64> {
    let v = value.trim().trim_end_matches("px").trim();
    v.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declarations_and_later_ones_win() {
        let s = StyleDecls::from_strings(["fill:#f9f", "stroke:#333", "stroke-width:4px", "fill:#fff", "color: white"]);
        assert_eq!(s.fill.as_deref(), Some("#fff"));
        assert_eq!(s.stroke_width, Some(4.0));
        assert_eq!(s.color.as_deref(), Some("white"));
        let t = StyleDecls::from_strings(["stroke-dasharray: 5 5", "font-weight:bold"]);
        assert_eq!(t.stroke_dasharray.as_deref(), Some("5,5"));
        assert!(t.is_bold());
        assert_eq!(s.merged(&t).fill.as_deref(), Some("#fff"));
    }
}
