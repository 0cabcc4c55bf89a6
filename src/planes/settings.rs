//! How planes are drawn: the mode, the palette and the legend, from the
//! command line and from an `atlas-render.toml` in the current folder or a
//! parent.
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
use std::path::{Path, PathBuf};

/// The config file's name.
pub const CONFIG_FILE: &str = "atlas-render.toml";

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

/// A config file that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    planes: Option<PlanesTable>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PlanesTable {
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

/// The nearest `atlas-render.toml` in `start` or one of its parents.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Reads settings from a config file's text; keys not given keep `base`.
pub fn read_config(file: &Path, text: &str, base: PlaneSettings) -> Result<PlaneSettings, ConfigError> {
    let position = |offset: usize| {
        let index = crate::diagnostics::LineIndex::new(text);
        Some(index.position(offset))
    };
    let error = |offset: Option<usize>, message: String| ConfigError { file: file.to_path_buf(), position: offset.and_then(position), message };
    let parsed: ConfigFile = toml::from_str(text).map_err(|e| error(e.span().map(|s| s.start), e.message().trim().to_string()))?;
    let mut settings = base;
    let Some(planes) = parsed.planes else { return Ok(settings) };
    if let Some(mode) = planes.mode {
        settings.mode = PlaneMode::named(mode.get_ref()).ok_or_else(|| error(Some(mode.span().start), format!("planes.mode: `{}` is not a mode; use \"enforce\" or \"keep\"", mode.get_ref())))?;
    }
    if let Some(name) = planes.palette {
        settings.palette = Palette::named(name.get_ref()).ok_or_else(|| error(Some(name.span().start), format!("planes.palette: `{}` is not a palette; use \"classic\" or \"tailwind\"", name.get_ref())))?;
    }
    if let Some(legend) = planes.legend {
        settings.legend = legend;
    }
    if let Some(colours) = planes.colors {
        let mut custom = false;
        for (plane, value) in [(Plane::Edge, colours.edge), (Plane::Service, colours.service), (Plane::State, colours.state), (Plane::Control, colours.control)] {
            let Some(v) = value else { continue };
            let rgb = Rgb::parse(v.get_ref()).ok_or_else(|| error(Some(v.span().start), format!("planes.colors.{}: `{}` is not a colour; write it as \"#RRGGBB\"", plane.key(), v.get_ref())))?;
            settings.palette = settings.palette.with_colour(plane, rgb);
            custom = true;
        }
        if custom {
            settings.palette.name = "custom".into();
        }
    }
    Ok(settings)
}

/// Settings from the config file nearest `start`, if any.
pub fn settings_for(start: &Path) -> Result<PlaneSettings, ConfigError> {
    let Some(file) = find_config(start) else { return Ok(PlaneSettings::default()) };
    let text = std::fs::read_to_string(&file).map_err(|e| ConfigError { file: file.clone(), position: None, message: format!("cannot read it: {e}") })?;
    read_config(&file, &text, PlaneSettings::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<PlaneSettings, ConfigError> {
        read_config(Path::new("atlas-render.toml"), text, PlaneSettings::default())
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
