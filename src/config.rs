//! `atlas-render.toml`: a project's settings, in the current folder or a
//! parent (or the file `--config` names). Two tables, both optional:
//! `[planes]` (how the Atlas's planes are drawn: [`crate::planes::settings`])
//! and `[limits]` (how big a diagram may be: [`crate::limits`]).
//!
//! ```toml
//! [planes]
//! mode = "enforce"
//! palette = "classic"
//!
//! [limits]
//! nodes = 2000
//! ```
//!
//! A key the file does not give keeps its default; a key atlas-render does
//! not know, or a value it cannot use, is an error naming the key and its
//! line.

use crate::limits::{Limits, LimitsTable};
use crate::planes::settings::PlanesTable;
use crate::planes::PlaneSettings;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The config file's name.
pub const CONFIG_FILE: &str = "atlas-render.toml";

/// Everything `atlas-render.toml` sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub planes: PlaneSettings,
    pub limits: Limits,
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
    #[serde(default)]
    limits: Option<LimitsTable>,
}

/// The nearest `atlas-render.toml` in `start` or one of its parents.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Reads a config file's text; what it does not give keeps its default.
pub fn read_config(file: &Path, text: &str) -> Result<Config, ConfigError> {
    let error = |offset: Option<usize>, message: String| ConfigError {
        file: file.to_path_buf(),
        position: offset.map(|o| crate::diagnostics::LineIndex::new(text).position(o)),
        message,
    };
    let parsed: ConfigFile = toml::from_str(text).map_err(|e| error(e.span().map(|s| s.start), e.message().trim().to_string()))?;
    let mut config = Config::default();
    if let Some(planes) = parsed.planes {
        config.planes = planes.apply(config.planes).map_err(|(at, message)| error(Some(at), message))?;
    }
    if let Some(limits) = parsed.limits {
        config.limits = limits.apply(config.limits).map_err(|(at, message)| error(Some(at), message))?;
    }
    Ok(config)
}

/// Reads the config file at `file`.
pub fn read_config_file(file: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(file).map_err(|e| ConfigError { file: file.to_path_buf(), position: None, message: format!("cannot read it: {e}") })?;
    read_config(file, &text)
}

/// The config file nearest `start`, if any; else the defaults.
pub fn config_for(start: &Path) -> Result<Config, ConfigError> {
    find_config(start).map_or_else(|| Ok(Config::default()), |file| read_config_file(&file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planes::{Palette, PlaneMode};

    fn read(text: &str) -> Result<Config, ConfigError> {
        read_config(Path::new("atlas-render.toml"), text)
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(read("").unwrap(), Config::default());
    }

    #[test]
    fn reads_both_tables() {
        let c = read("[planes]\nmode = \"keep\"\n\n[limits]\nnodes = 5000\ndepth = 3\n").unwrap();
        assert_eq!(c.planes.mode, PlaneMode::Keep);
        assert_eq!(c.planes.palette, Palette::classic());
        assert_eq!(c.limits, Limits { nodes: 5000, depth: 3, ..Limits::default() });
        let c = read("[limits]\ninput_bytes = 1000000\nedges = 9\nlabel_chars = 80\n").unwrap();
        assert_eq!(c.limits, Limits { input_bytes: 1_000_000, edges: 9, label_chars: 80, ..Limits::default() });
        assert_eq!(c.planes, PlaneSettings::default());
    }

    #[test]
    fn bad_limits_name_the_key_and_the_line() {
        let e = read("[limits]\nnodes = 0\n").unwrap_err();
        assert!(e.message.contains("limits.nodes") && e.position == Some((2, 9)), "{e}");
        let e = read("[limits]\n\ndepth = -4\n").unwrap_err();
        assert!(e.message.contains("limits.depth") && e.position == Some((3, 9)), "{e}");
        let e = read("[limits]\nedges = \"many\"\n").unwrap_err();
        assert!(e.position == Some((2, 9)), "{e}");
        let e = read("[limits]\nsubgraphs = 3\n").unwrap_err();
        assert!(e.message.contains("subgraphs") && e.position.is_some(), "{e}");
        let e = read("[limit]\nnodes = 3\n").unwrap_err();
        assert!(e.message.contains("limit"), "{e}");
    }
}
