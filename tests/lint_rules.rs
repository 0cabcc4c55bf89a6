//! Snapshot tests of `check`'s plane and reference rules (AR401-AR406), in
//! the human and GitHub formats, against both bundled palettes. The
//! expected reports live in `golden/lint/`; `UPDATE_GOLDEN=1` re-blesses.

use atlas_render::check::{check_paths_with, to_github, to_human, CheckOptions};
use atlas_render::planes::Palette;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn snapshot(name: &str, actual: &str) {
    let path = root().join("golden/lint").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no snapshot {} (run with UPDATE_GOLDEN=1 and read it)", path.display()));
    assert_eq!(actual, expected, "{name} differs from its snapshot");
}

#[test]
fn plane_rules_report_the_same_findings_as_their_snapshots() {
    // relative paths, so the snapshots do not depend on where the clone is
    std::env::set_current_dir(root()).unwrap();
    let file = PathBuf::from("tests/lint/plane_rules.mmd");
    for palette in [Palette::classic(), Palette::tailwind()] {
        let report = check_paths_with(std::slice::from_ref(&file), &CheckOptions { palette: palette.clone(), ..CheckOptions::default() }).unwrap();
        let codes: Vec<&str> = report.diagrams[0].diagnostics.iter().map(|d| d.code).collect();
        for code in ["AR402", "AR403", "AR404", "AR405", "AR406", "AR407"] {
            assert!(codes.contains(&code), "{}: {code} missing from {codes:?}", palette.name);
        }
        // the palette decides what is off it: #0066CC is classic, #10B981 Tailwind
        let off: Vec<String> = report.diagrams[0].diagnostics.iter().filter(|d| d.code == "AR401").map(|d| d.message.clone()).collect();
        match palette.name.as_str() {
            "classic" => assert!(off.iter().any(|m| m.contains("#10B981")) && !off.iter().any(|m| m.contains("edgeStyle")), "{off:?}"),
            _ => assert!(off.iter().any(|m| m.contains("edgeStyle")) && !off.iter().any(|m| m.contains("serviceStyle")), "{off:?}"),
        }
        snapshot(&format!("plane_rules.{}.txt", palette.name), &to_human(&report, false));
        snapshot(&format!("plane_rules.{}.github", palette.name), &to_github(&report));
    }
}
