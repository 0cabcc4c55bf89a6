//! Colours as authors write them (`#0066CC`, `#fff`, `rgb(0,102,204)`,
//! `white`), and WCAG 2 contrast between them.

use std::fmt;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The dark text colour: black, the only dark that reaches 4.5:1 on every
/// colour of both bundled palettes (the Tailwind violet `#8B5CF6` included).
pub const DARK: Rgb = Rgb(0, 0, 0);

/// WCAG's threshold for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour from a diagram's settings, safe to write as a paint attribute:
/// `#` and 3, 4, 6 or 8 hex digits, `rgb()`/`rgba()`/`hsl()`/`hsla()` of
/// numbers, or a colour name; `None` for anything else (`url(...)`, an
/// expression, markup).
pub fn css_colour(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix('#') {
        return (matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| t.to_string());
    }
    let lower = t.to_ascii_lowercase();
    for f in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(inner) = lower.strip_prefix(f).and_then(|r| r.strip_suffix(')')) {
            return inner.bytes().all(|b| b.is_ascii_digit() || b" .,%+-/".contains(&b)).then(|| t.to_string());
        }
    }
    (!t.is_empty() && t.len() <= 32 && t.bytes().all(|b| b.is_ascii_alphabetic())).then(|| t.to_string())
}

impl Rgb {
    /// Reads a CSS colour: `#rgb`, `#rrggbb` (alpha forms drop the alpha),
    /// `rgb(r, g, b)` and the few names the Atlas uses.
    pub fn parse(text: &str) -> Option<Rgb> {
        let t = text.trim().trim_end_matches("!important").trim();
        if let Some(hex) = t.strip_prefix('#') {
            let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
            return match digits.len() {
                3 | 4 => Some(Rgb(digits[0] * 17, digits[1] * 17, digits[2] * 17)),
                6 | 8 => Some(Rgb(digits[0] * 16 + digits[1], digits[2] * 16 + digits[3], digits[4] * 16 + digits[5])),
                _ => None,
            };
        }
        let lower = t.to_ascii_lowercase();
        if let Some(inner) = lower.strip_prefix("rgb(").or_else(|| lower.strip_prefix("rgba(")).and_then(|s| s.strip_suffix(')')) {
            let parts: Vec<&str> = inner.split([',', ' ']).filter(|s| !s.is_empty()).collect();
            if parts.len() < 3 {
                return None;
            }
            let channel = |s: &str| s.trim().parse::<f64>().ok().filter(|v| (0.0..=255.0).contains(v)).map(|v| v.round() as u8);
            return Some(Rgb(channel(parts[0])?, channel(parts[1])?, channel(parts[2])?));
        }
        Some(match lower.as_str() {
            "white" => WHITE,
            "black" => Rgb(0, 0, 0),
            "red" => Rgb(0xff, 0, 0),
            "green" => Rgb(0, 0x80, 0),
            "blue" => Rgb(0, 0, 0xff),
            "orange" => Rgb(0xff, 0xa5, 0),
            "purple" => Rgb(0x80, 0, 0x80),
            "gray" | "grey" => Rgb(0x80, 0x80, 0x80),
            "yellow" => Rgb(0xff, 0xff, 0),
            _ => return None,
        })
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let s = c as f64 / 255.0;
            if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// `self` moved toward `other` by `t` (0: self, 1: other).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The text colour for a fill: white where it reaches 4.5:1, else dark.
pub fn text_on(fill: Rgb) -> Rgb {
    if contrast(WHITE, fill) >= MIN_CONTRAST { WHITE } else { DARK }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_css_colours() {
        assert_eq!(Rgb::parse("#0066CC"), Some(Rgb(0, 0x66, 0xcc)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        assert_eq!(Rgb::parse(" rgb(0, 102, 204) "), Some(Rgb(0, 102, 204)));
        assert_eq!(Rgb::parse("#11223344"), Some(Rgb(0x11, 0x22, 0x33)));
        assert_eq!(Rgb::parse("white"), Some(WHITE));
        assert_eq!(Rgb::parse("#12"), None);
        assert_eq!(Rgb::parse("#GGGGGG"), None);
        assert_eq!(Rgb(0, 0x66, 0xcc).to_string(), "#0066CC");
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(WHITE, Rgb(0, 0, 0)) - 21.0).abs() < 1e-9);
        // #777 on white is the classic 4.48:1 near miss
        assert!((contrast(WHITE, Rgb(0x77, 0x77, 0x77)) - 4.48).abs() < 0.01);
        // white on #FF8800 does not reach 4.5:1
        assert!(contrast(WHITE, Rgb(0xff, 0x88, 0)) < MIN_CONTRAST);
        assert_eq!(text_on(Rgb(0xff, 0x88, 0)), DARK);
        assert_eq!(text_on(Rgb(0xcc, 0, 0)), WHITE);
    }

    #[test]
    fn setting_colours_are_checked() {
        for ok in ["#0066CC", "#fff", "rgb(0, 102, 204)", "hsl(240, 100%, 46.3%)", "rebeccapurple"] {
            assert_eq!(css_colour(ok).as_deref(), Some(ok));
        }
        for bad in ["url(https://evil.example/x)", "#12345", "red;stroke:url(x)", "expression(alert(1))", "rgb(1,2,3) url(#x)", ""] {
            assert_eq!(css_colour(bad), None, "{bad}");
        }
    }
}
