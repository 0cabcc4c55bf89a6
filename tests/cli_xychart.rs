//! The command line on XY charts: rendering to every format (tolerantly,
//! with warnings, for refused ones), `check` (rule code, line, column,
//! hint), `check --fix` and `parse --json`.


mod common;
use common::{bin, fixture, temp_dir};

const REFUSED: &str = "xychart-beta\n    title \"Ops\"\n    x-axis [Availability, MTTR (min), Deploys]\n    y-axis \"Value\" 0 --> 100\n    bar [99.9, 12, 40]\n";

#[test]
fn renders_xycharts_to_every_format_even_refused_ones() {
    let dir = temp_dir("xychart_render");
    std::fs::write(dir.join("refused.mmd"), REFUSED).unwrap();
    for src in [fixture("xychart_bars.mmd"), fixture("xychart_horizontal.mmd"), dir.join("refused.mmd")] {
        for ext in ["svg", "png", "pdf"] {
            let out = dir.join(format!("{}.{ext}", src.file_stem().unwrap().to_string_lossy()));
            let o = bin().arg(&src).arg("-o").arg(&out).output().unwrap();
            assert!(o.status.success(), "{} {ext}: {}", src.display(), String::from_utf8_lossy(&o.stderr));
            assert!(std::fs::metadata(&out).unwrap().len() > 500);
        }
    }
    let svg = std::fs::read_to_string(dir.join("refused.svg")).unwrap();
    assert!(svg.contains("atlas-render xychart") && svg.contains("viewBox=\"0 0 700 500\""));
    assert!(svg.contains(">MTTR(min)<"), "the tolerant reading, as mermaid's lexer glues words");
    let o = bin().arg(dir.join("refused.mmd")).arg("-o").arg(dir.join("x.svg")).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("AR700"));
}

#[test]
fn check_reports_the_character_and_fix_quotes_the_label() {
    let dir = temp_dir("xychart_check");
    let file = dir.join("ops.mmd");
    std::fs::write(&file, REFUSED).unwrap();
    let o = bin().args(["check", "--json"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "xychart");
    assert_eq!(v["error"]["code"], "AR700");
    assert_eq!(v["error"]["line"], 3);
    assert_eq!(v["error"]["column"], 32);
    assert!(v["error"]["hint"].as_str().unwrap().contains("double quotes"));

    let o = bin().args(["check", "--fix"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), REFUSED.replace("MTTR (min)", "\"MTTR (min)\""));
    let o = bin().args(["parse", "--json"]).arg(&file).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "xychart");
    assert_eq!(v["xAxis"]["categories"], serde_json::json!(["Availability", "MTTR (min)", "Deploys"]));
    assert_eq!(v["plots"][0]["type"], "bar");
    let before = std::fs::read_to_string(&file).unwrap();
    let o = bin().args(["check", "--fix"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn check_passes_valid_xycharts() {
    let mut cmd = bin();
    cmd.arg("check");
    for f in ["xychart_bars.mmd", "xychart_lines_legend.mmd", "xychart_horizontal.mmd", "xychart_auto_range.mmd", "xychart_long_labels.mmd"] {
        cmd.arg(fixture(f));
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
}
