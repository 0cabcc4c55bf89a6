//! `atlas-render snapshot` on a small tree of its own: bless, compare, a
//! changed label, a changed theme, a deleted and an added diagram, a
//! failure, the CI rule, the exit codes.

mod common;

use common::{bin, temp_dir};
use serde_json::Value;
use std::path::Path;

const API_DB: &str = "graph TD\n    API[API Gateway] --> DB[(Orders DB)]\n    API --> Cache[Redis]\n";

fn tree(root: &Path) {
    std::fs::create_dir_all(root.join("docs/systems")).unwrap();
    std::fs::write(root.join("docs/api.mmd"), API_DB).unwrap();
    std::fs::write(root.join("docs/pie.mmd"), "pie title Traffic\n    \"Cache\" : 80\n    \"Origin\" : 20\n").unwrap();
    std::fs::write(
        root.join("docs/systems/page.md"),
        "# Page\n\n```mermaid\ngraph LR\n    A[Edge] --> B[Service]\n```\n\nText.\n\n```mermaid\nsequenceDiagram\n    Client->>API: GET\n```\n",
    )
    .unwrap();
}

/// Runs `snapshot docs --store store ARGS`, with or without CI; returns exit code, stdout, stderr.
fn snapshot(root: &Path, args: &[&str], ci: bool) -> (i32, String, String) {
    let mut cmd = bin();
    cmd.current_dir(root).arg("snapshot").arg("docs").arg("--store").arg("store").args(args);
    if ci {
        cmd.env("CI", "true");
    } else {
        cmd.env_remove("CI");
    }
    let out = cmd.output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn json(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

fn with_status<'a>(lines: &'a [Value], status: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["status"] == status).collect()
}

#[test]
fn bless_compare_and_say_what_moved() {
    let root = temp_dir("snapshot-flow");
    tree(&root);

    // under CI a missing golden is a failure and nothing is written
    let (code, out, _) = snapshot(&root, &["--format", "json"], true);
    assert_eq!(code, 1);
    assert_eq!(with_status(&json(&out), "new").len(), 4);
    assert!(!root.join("store/api.png").exists());

    // locally new goldens are written, and reported as new
    let (code, out, _) = snapshot(&root, &[], false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("snapshot: 4 diagrams: 0 unchanged, 0 changed, 4 new, 0 missing, 0 failed"), "{out}");
    for f in ["api.png", "api.layout.json", "pie.png", "systems/page--01.png", "systems/page--01.layout.json", "systems/page--02.png", "manifest.json"] {
        assert!(root.join("store").join(f).exists(), "no {f}");
    }
    let manifest = std::fs::read_to_string(root.join("store/manifest.json")).unwrap();
    assert!(manifest.contains("\"api\": {\"source\":") && manifest.contains("docs/systems/page.md#2"), "{manifest}");

    // nothing changed: exit 0, and the fast path says so
    let (code, out, _) = snapshot(&root, &["--format", "json"], true);
    assert_eq!(code, 0);
    let lines = json(&out);
    assert_eq!(with_status(&lines, "unchanged").len(), 4);
    let page2 = lines.iter().find(|l| l["block"] == 2).unwrap();
    assert_eq!(page2["line"], 10, "the second block's fence is on line 10");

    // goldens are compressed harder than a plain encoder does, and compared
    // as pixels: one re-encoded by another tool (other bytes) still matches
    let stored = std::fs::read(root.join("store/api.png")).unwrap();
    let plain = tiny_skia::Pixmap::decode_png(&stored).unwrap().encode_png().unwrap();
    assert!(stored.len() < plain.len(), "stored {} bytes, plain {}", stored.len(), plain.len());
    assert_ne!(stored, plain);
    std::fs::write(root.join("store/api.png"), &plain).unwrap();
    let (code, out, _) = snapshot(&root, &["--format", "json"], true);
    assert_eq!(code, 0, "{out}");
    assert_eq!(with_status(&json(&out), "unchanged").len(), 4);
    std::fs::write(root.join("store/api.png"), &stored).unwrap();

    // one label changed: exactly one diagram changed, from its source, and the layout diff names the node
    let golden_before = std::fs::read(root.join("store/api.png")).unwrap();
    std::fs::write(root.join("docs/api.mmd"), API_DB.replace("Orders DB", "Orders Database (primary)")).unwrap();
    let (code, out, _) = snapshot(&root, &["--format", "json"], true);
    assert_eq!(code, 1);
    let lines = json(&out);
    let changed = with_status(&lines, "changed");
    assert_eq!(changed.len(), 1, "{out}");
    assert_eq!(changed[0]["file"], "docs/api.mmd");
    assert_eq!(changed[0]["cause"], "source");
    assert!(changed[0]["pixels_changed"].as_u64().unwrap() > 0);
    let layout = changed[0]["layout_changes"].as_array().unwrap();
    assert!(layout.iter().any(|c| c["kind"] == "node" && c["id"] == "DB" && c["change"] == "relabelled"), "{layout:?}");
    assert!(layout.iter().any(|c| c["kind"] == "node" && c["id"] == "DB" && c["change"] == "resized" && c["dw"].as_f64().unwrap() > 0.0), "{layout:?}");
    assert_eq!(std::fs::read(root.join("store/api.png")).unwrap(), golden_before, "a change is not blessed unasked");
    // the report: counts as the JSON's, every image it shows is in its folder, nothing from outside
    let report = std::fs::read_to_string(root.join("store/report/index.html")).unwrap();
    for (status, n) in [("unchanged", 3), ("changed", 1), ("new", 0), ("missing", 0), ("failed", 0)] {
        assert!(report.contains(&format!("<span class=\"{status}\" data-count=\"{n}\">")), "{status} {n}");
    }
    let sources: Vec<&str> = report.split("src=\"").skip(1).map(|r| r.split('"').next().unwrap()).collect();
    assert_eq!(sources.len(), 5, "golden, actual, swipe pair, difference");
    for src in sources {
        assert!(!src.contains("//") && root.join("store/report").join(src).is_file(), "{src}");
    }
    assert!(report.contains("node `DB` relabelled"));
    let diff = tiny_skia::Pixmap::decode_png(&std::fs::read(root.join("store/report/img/api.diff.png")).unwrap()).unwrap();
    let golden = tiny_skia::Pixmap::decode_png(&golden_before).unwrap();
    assert!(diff.width() > 2 * golden.width(), "golden | mask | actual side by side");
    let (_, human, _) = snapshot(&root, &[], true);
    assert!(human.contains("docs/api.mmd:1: changed:") && human.contains("the source changed") && human.contains("node `DB` relabelled"), "{human}");

    // blessing writes the changed golden only
    let pie_before = std::fs::metadata(root.join("store/pie.png")).unwrap().modified().unwrap();
    let (code, _, _) = snapshot(&root, &["--update"], true);
    assert_eq!(code, 0);
    assert_ne!(std::fs::read(root.join("store/api.png")).unwrap(), golden_before);
    assert_eq!(std::fs::metadata(root.join("store/pie.png")).unwrap().modified().unwrap(), pie_before, "unchanged goldens are not rewritten");
    let (code, _, _) = snapshot(&root, &[], true);
    assert_eq!(code, 0);

    // another theme: every diagram changed, same source, different drawing
    let (code, out, _) = snapshot(&root, &["--format", "json", "--theme", "forest"], true);
    assert_eq!(code, 1);
    let lines = json(&out);
    assert_eq!(with_status(&lines, "changed").len(), 4, "{out}");
    assert!(lines.iter().all(|l| l["cause"] == "drawing"), "{out}");
    let (_, human, _) = snapshot(&root, &["--theme", "forest"], true);
    assert!(human.contains("same source, different drawing"), "{human}");
    // a perceptual threshold still sees another theme, and nothing where nothing changed
    let (code, out, _) = snapshot(&root, &["--format", "json", "--theme", "forest", "--threshold", "0.1"], true);
    assert_eq!(code, 1);
    assert_eq!(with_status(&json(&out), "changed").len(), 4, "{out}");
    let (code, _, _) = snapshot(&root, &["--threshold", "0.1"], true);
    assert_eq!(code, 0);
    let (code, _, stderr) = snapshot(&root, &["--threshold", "3"], true);
    assert_eq!(code, 2, "{stderr}");

    // a deleted diagram is stale; --prune deletes its golden
    std::fs::remove_file(root.join("docs/pie.mmd")).unwrap();
    let (code, out, _) = snapshot(&root, &["--format", "json"], true);
    assert_eq!(code, 1);
    let missing = with_status(&json(&out), "missing").into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["file"], "docs/pie.mmd");
    let (code, _, _) = snapshot(&root, &["--prune"], true);
    assert_eq!(code, 0);
    assert!(!root.join("store/pie.png").exists());
    assert!(!std::fs::read_to_string(root.join("store/manifest.json")).unwrap().contains("\"pie\""));

    // an added diagram is new: a failure under CI until --update=new writes it
    std::fs::write(root.join("docs/added.mmd"), "graph LR\n    X --> Y\n").unwrap();
    let (code, out, _) = snapshot(&root, &[], true);
    assert_eq!(code, 1);
    assert!(out.contains("1 new"), "{out}");
    let (code, _, _) = snapshot(&root, &["--update=new"], true);
    assert_eq!(code, 0);
    assert!(root.join("store/added.png").exists());

    // JUnit and GitHub reports
    let summary = root.join("summary.md");
    let out = bin()
        .current_dir(&root)
        .args(["snapshot", "docs", "--store", "store", "--format", "github", "--junit", "junit.xml", "--theme", "forest"])
        .env("CI", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&out.stdout);
    assert!(annotations.contains("::error file=docs/api.mmd,line=1,title=snapshot changed::"), "{annotations}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("| changed | 4 |"), "{md}");
    let junit = std::fs::read_to_string(root.join("junit.xml")).unwrap();
    assert!(junit.contains("tests=\"4\" failures=\"4\"") && junit.contains("<failure message=\"changed\">"), "{junit}");

    // a diagram that cannot be drawn fails, with its error
    std::fs::write(root.join("docs/broken.mmd"), "barChart\n    nothing\n").unwrap();
    let (code, out, _) = snapshot(&root, &["--format", "json"], true);
    assert_eq!(code, 1);
    let failed = with_status(&json(&out), "failed").into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["error"].as_str().unwrap().contains("AR001"), "{failed:?}");
    assert!(!root.join("store/broken.png").exists());
}

#[test]
fn usage_errors_exit_two() {
    let root = temp_dir("snapshot-usage");
    tree(&root);
    let out = bin().current_dir(&root).args(["snapshot", "nowhere", "--store", "store"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::create_dir_all(root.join("store")).unwrap();
    std::fs::write(root.join("store/manifest.json"), "not json").unwrap();
    let out = bin().current_dir(&root).args(["snapshot", "docs", "--store", "store"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a snapshot manifest"));
}
