//! How planes are drawn: the mode, the palette and the legend, from the
//! command line and from the `[planes]` table of `atlas-render.toml` (read
//! by [`crate::config`]).
//!
//! ```toml
//! [planes]
//! mode = "enforce"      # or "keep": draw the author's colours untouched
//! palette = "classic"   # or "tailwind"
//! legend = false
//!
//! [planes.colors]       # optional: any of the four, over the palette
//! edge = "#0066CC"
//! service = "#00AA00"
//! state = "#FF8800"
//! control = "#CC0000"
//! ```

use super::colour::Rgb;
use super::palette::{Palette, Plane};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaneMode {
    /// Every plane element in its plane colour, whatever the source says.
    #[default]
    Enforce,
    /// The author's colours, untouched.
    Keep,
}

impl PlaneMode {
    pub fn named(name: &str) -> Option<PlaneMode> {
        match name {
            "enforce" => Some(PlaneMode::Enforce),
            "keep" => Some(PlaneMode::Keep),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaneSettings {
    pub mode: PlaneMode,
    pub palette: Palette,
    /// Draw a legend of the planes present.
    pub legend: bool,
}

impl Default for PlaneSettings {
    fn default() -> Self {
        PlaneSettings { mode: PlaneMode::Enforce, palette: Palette::classic(), legend: false }
    }
}

/// The `[planes]` table of `atlas-render.toml`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanesTable {
    mode: Option<toml::Spanned<String>>,
    palette: Option<toml::Spanned<String>>,
    legend: Option<bool>,
    #[serde(alias = "colours")]
    colors: Option<ColoursTable>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ColoursTable {
    edge: Option<toml::Spanned<String>>,
    service: Option<toml::Spanned<String>>,
    state: Option<toml::Spanned<String>>,
    control: Option<toml::Spanned<String>>,
}

impl PlanesTable {
    /// `base` with what the table gives; a value it cannot use is an error
    /// at its offset in the file.
    pub(crate) fn apply(self, base: PlaneSettings) -> Result<PlaneSettings, (usize, String)> {
        let mut settings = base;
        if let Some(mode) = self.mode {
            settings.mode = PlaneMode::named(mode.get_ref()).ok_or_else(|| (mode.span().start, format!("planes.mode: `{}` is not a mode; use \"enforce\" or \"keep\"", mode.get_ref())))?;
        }
        if let Some(name) = self.palette {
            settings.palette = Palette::named(name.get_ref()).ok_or_else(|| (name.span().start, format!("planes.palette: `{}` is not a palette; use \"classic\" or \"tailwind\"", name.get_ref())))?;
        }
        if let Some(legend) = self.legend {
            settings.legend = legend;
        }
        if let Some(colours) = self.colors {
            let mut custom = false;
            for (plane, value) in [(Plane::Edge, colours.edge), (Plane::Service, colours.service), (Plane::State, colours.state), (Plane::Control, colours.control)] {
                let Some(v) = value else { continue };
                let rgb = Rgb::parse(v.get_ref()).ok_or_else(|| (v.span().start, format!("planes.colors.{}: `{}` is not a colour; write it as \"#RRGGBB\"", plane.key(), v.get_ref())))?;
                settings.palette = settings.palette.with_colour(plane, rgb);
                custom = true;
            }
            if custom {
                settings.palette.name = "custom".into();
            }
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{read_config, ConfigError};
    use std::path::Path;

    fn read(text: &str) -> Result<PlaneSettings, ConfigError> {
        read_config(Path::new("atlas-render.toml"), text).map(|c| c.planes)
    }

    #[test]
    fn reads_mode_palette_legend_and_colours() {
        let s = read("[planes]\nmode = \"keep\"\npalette = \"tailwind\"\nlegend = true\n").unwrap();
        assert_eq!(s.mode, PlaneMode::Keep);
        assert_eq!(s.palette, Palette::tailwind());
        assert!(s.legend);
        let s = read("[planes.colors]\nstate = \"#FFAA00\"\n").unwrap();
        assert_eq!(s.palette.colour(Plane::State), Rgb(0xff, 0xaa, 0));
        assert_eq!(s.palette.colour(Plane::Edge), Palette::classic().colour(Plane::Edge));
        assert_eq!(read("").unwrap(), PlaneSettings::default());
    }

    #[test]
    fn bad_files_name_the_key() {
        let e = read("[planes]\nmode = \"loud\"\n").unwrap_err();
        assert!(e.message.contains("planes.mode") && e.position == Some((2, 8)), "{e}");
        let e = read("[planes.colors]\nedge = \"blue-ish\"\n").unwrap_err();
        assert!(e.message.contains("planes.colors.edge"), "{e}");
        let e = read("[planes]\ncolour_mode = 1\n").unwrap_err();
        assert!(e.message.contains("colour_mode"), "{e}");
        let e = read("[planes\n").unwrap_err();
        assert!(e.position.is_some(), "{e}");
    }
}
