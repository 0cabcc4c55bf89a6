//! Golden images: every fixture in `tests/fixtures/` is drawn to SVG and PNG
//! and compared with `golden/`: the SVG byte for byte, the PNG through
//! `atlas_render::snapshot::golden` (what `snapshot` users get: byte-equal,
//! else no pixel off by more than 1 per channel). `UPDATE_GOLDEN=1 cargo test
//! --test golden` re-blesses them (`UPDATE_GOLDEN=prefix` only those named
//! `prefix...`; look at every PNG you bless). On a
//! mismatch the new output and a pixel count of the difference are written
//! to `target/golden-diff/`.

use atlas_render::pipeline::{convert_svg, render_svg, Format, RenderOptions};
use atlas_render::planes::{Palette, PlaneMode};
use atlas_render::snapshot::golden::check_golden_png;
use std::path::{Path, PathBuf};

/// Goldens are drawn at one pixel per SVG unit to keep the repository small.
const GOLDEN_SCALE: f64 = 1.0;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    v.sort();
    v
}

/// `UPDATE_GOLDEN=1` re-blesses every fixture; any other value re-blesses
/// only the fixtures whose names start with it (`UPDATE_GOLDEN=pie_`).
fn blesses(name: &str) -> bool {
    match std::env::var("UPDATE_GOLDEN") {
        Ok(v) if v == "1" => true,
        Ok(v) if !v.is_empty() => name.starts_with(&v),
        _ => false,
    }
}

fn compare(name: &str, ext: &str, actual: &[u8], failures: &mut Vec<String>) {
    let golden = root().join("golden").join(format!("{name}.{ext}"));
    if blesses(name) {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, actual).unwrap();
        return;
    }
    let expected = match std::fs::read(&golden) {
        Ok(b) => b,
        Err(_) => {
            failures.push(format!("{name}.{ext}: no golden file {} (run with UPDATE_GOLDEN=1 and look at it)", golden.display()));
            return;
        }
    };
    if expected != actual {
        let diff_dir = root().join("target/golden-diff");
        std::fs::create_dir_all(&diff_dir).unwrap();
        std::fs::write(diff_dir.join(format!("{name}.{ext}")), actual).unwrap();
        failures.push(format!("{name}.{ext}: bytes differ; new output in {}", diff_dir.display()));
    }
}

/// Options a fixture asks for on a `%% atlas-render: --planes keep
/// --palette tailwind --legend` line.
fn fixture_options(text: &str) -> RenderOptions {
    let mut options = RenderOptions { scale: GOLDEN_SCALE, ..RenderOptions::default() };
    let Some(line) = text.lines().find_map(|l| l.trim().strip_prefix("%% atlas-render:")) else { return options };
    let words: Vec<&str> = line.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let value = words.get(i + 1).copied().unwrap_or("");
        match *w {
            "--planes" => options.planes.mode = PlaneMode::named(value).expect("--planes enforce|keep"),
            "--palette" => options.planes.palette = Palette::named(value).expect("--palette classic|tailwind"),
            "--legend" => options.planes.legend = true,
            _ => {}
        }
    }
    options
}

#[test]
fn fixtures_match_their_golden_svg_and_png() {
    let mut failures = Vec::new();
    let list = fixtures();
    assert!(list.len() >= 25, "at least 25 fixtures, found {}", list.len());
    for path in &list {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let options = fixture_options(&text);
        let rendered = match render_svg(&text, &options) {
            Ok(r) => r,
            Err(f) => {
                failures.push(format!("{name}: does not render: {:?}", f.diagnostics));
                continue;
            }
        };
        let png = convert_svg(&rendered.svg, Format::Png, &options).expect("PNG");
        compare(&name, "svg", rendered.svg.as_bytes(), &mut failures);
        // the PNG through the comparison atlas-render ships for snapshot tests
        if let Err(m) = check_golden_png(root().join("golden").join(format!("{name}.png")), &png, root().join("target/golden-diff")) {
            failures.push(m.to_string());
        }
    }
    assert!(failures.is_empty(), "{} golden mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn output_is_byte_identical_run_to_run() {
    let options = RenderOptions::default();
    for path in fixtures().iter().take(8) {
        let text = std::fs::read_to_string(path).unwrap();
        let a = render_svg(&text, &options).expect("renders");
        let b = render_svg(&text, &options).expect("renders");
        assert_eq!(a.svg, b.svg, "{}", path.display());
        let pa = convert_svg(&a.svg, Format::Png, &options).unwrap();
        let pb = convert_svg(&b.svg, Format::Png, &options).unwrap();
        assert!(pa == pb, "{}: PNG differs between runs", path.display());
    }
}

#[test]
fn every_golden_has_a_fixture() {
    let dir = root().join("golden");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            continue; // golden/lint: check reports, with their own test
        }
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture = root().join("tests/fixtures").join(format!("{stem}.mmd"));
        assert!(Path::new(&fixture).exists(), "golden {} has no fixture", p.display());
    }
}
