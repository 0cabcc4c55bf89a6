//! The snapshot comparison as a function for a project's own `cargo test`:
//! compare a drawing with its golden PNG (byte-equal, else pixels with a
//! tolerance of 1 per channel), and on a mismatch write the actual image and
//! the difference image (golden | mask | actual) beside each other in a
//! folder, and say so in a readable message.
//!
//! ```no_run
//! use atlas_render::pipeline::{convert_svg, render_svg, Format, RenderOptions};
//! use atlas_render::snapshot::golden::assert_golden_png;
//! let options = RenderOptions { scale: 1.0, ..RenderOptions::default() };
//! let svg = render_svg("graph TD\n  A --> B", &options).unwrap().svg;
//! let png = convert_svg(&svg, Format::Png, &options).unwrap();
//! assert_golden_png("tests/golden/a_to_b.png", &png, "target/golden-diff");
//! ```
//!
//! Set `UPDATE_GOLDEN=1` (or to a prefix of the golden's file name) to
//! bless instead of compare; look at what you bless.

use super::pixels::{compare, Comparison};
use std::path::Path;

/// Why a drawing does not match its golden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch(pub String);

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Does `UPDATE_GOLDEN` ask to bless this golden? `1` blesses all, any
/// other value the goldens whose file name starts with it.
pub fn blessing(golden: &Path) -> bool {
    let name = golden.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match std::env::var("UPDATE_GOLDEN") {
        Ok(v) if v == "1" => true,
        Ok(v) if !v.is_empty() => name.starts_with(&v),
        _ => false,
    }
}

/// Compares `actual` with the golden PNG at `golden` (blessing it when
/// `UPDATE_GOLDEN` says so). On a mismatch the actual image and the
/// difference image are written to `diff_dir`.
pub fn check_golden_png(golden: impl AsRef<Path>, actual: &[u8], diff_dir: impl AsRef<Path>) -> Result<(), Mismatch> {
    let golden = golden.as_ref();
    let name = golden.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if blessing(golden) {
        return crate::source::write_atomically(golden, actual).map_err(|e| Mismatch(format!("cannot bless {}: {e}", golden.display())));
    }
    let expected = std::fs::read(golden).map_err(|_| Mismatch(format!("{name}: no golden {} (run with UPDATE_GOLDEN=1 and look at it)", golden.display())))?;
    if expected == actual {
        return Ok(());
    }
    let detail = match compare(&expected, actual) {
        Comparison::Pixels { differing: 0, .. } => return Ok(()),
        Comparison::Pixels { differing, total } => format!("{differing} of {total} pixels differ"),
        Comparison::Size { golden: g, actual: a, .. } => format!("size {}x{} is now {}x{}", g[0], g[1], a[0], a[1]),
        Comparison::Unreadable(e) => format!("the golden cannot be read: {e}"),
    };
    let diff_dir = diff_dir.as_ref();
    let actual_path = diff_dir.join(format!("{name}.png"));
    let diff_path = diff_dir.join(format!("{name}.diff.png"));
    let _ = crate::source::write_atomically(&actual_path, actual);
    if let Some(diff) = super::report::diff_image(&expected, actual) {
        let _ = crate::source::write_atomically(&diff_path, &diff);
    }
    Err(Mismatch(format!("{name}: {detail}; the drawing is {}, golden | difference | actual is {}", actual_path.display(), diff_path.display())))
}

/// [`check_golden_png`] that panics with its message.
#[track_caller]
pub fn assert_golden_png(golden: impl AsRef<Path>, actual: &[u8], diff_dir: impl AsRef<Path>) {
    if let Err(m) = check_golden_png(golden, actual, diff_dir) {
        panic!("{m}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_mismatches_and_says_where_the_diff_is() {
        let dir = std::env::temp_dir().join(format!("atlas-golden-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut a = tiny_skia::Pixmap::new(3, 2).unwrap();
        a.fill(tiny_skia::Color::WHITE);
        let a = a.encode_png().unwrap();
        let mut b = tiny_skia::Pixmap::new(3, 2).unwrap();
        b.fill(tiny_skia::Color::BLACK);
        let b = b.encode_png().unwrap();
        std::fs::write(dir.join("g.png"), &a).unwrap();
        assert_eq!(check_golden_png(dir.join("g.png"), &a, dir.join("diff")), Ok(()));
        let m = check_golden_png(dir.join("g.png"), &b, dir.join("diff")).unwrap_err();
        assert!(m.0.contains("6 of 6 pixels differ") && dir.join("diff/g.diff.png").exists(), "{m}");
        assert!(check_golden_png(dir.join("none.png"), &a, dir.join("diff")).unwrap_err().0.contains("no golden"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
