//! The command line on sequence diagrams and pie charts: rendering, `check`
//! (human and JSON, with rule code, line, column and hint) and `parse --json`.


mod common;
use common::{bin, fixture, temp_dir};

#[test]
fn renders_sequence_and_pie_to_every_format() {
    let dir = temp_dir("seq_pie_render");
    for (fixture_name, class) in [("seq_nested_blocks.mmd", "atlas-render sequence"), ("pie_show_data.mmd", "atlas-render pie")] {
        for ext in ["svg", "png", "pdf"] {
            let out = dir.join(format!("{fixture_name}.{ext}"));
            let o = bin().arg(fixture(fixture_name)).arg("-o").arg(&out).output().unwrap();
            assert!(o.status.success(), "{fixture_name} {ext}: {}", String::from_utf8_lossy(&o.stderr));
            assert!(std::fs::metadata(&out).unwrap().len() > 500);
        }
        let svg = std::fs::read_to_string(dir.join(format!("{fixture_name}.svg"))).unwrap();
        assert!(svg.contains(class), "{fixture_name}");
    }
}

#[test]
fn check_reports_sequence_errors_with_position_and_hint() {
    let dir = temp_dir("seq_check");
    let file = dir.join("sql.mmd");
    std::fs::write(&file, "sequenceDiagram\n    C->>P: BEGIN; INSERT INTO t; COMMIT\n    P-->>C: ok\n").unwrap();
    let o = bin().args(["check", "--json"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "sequence");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["code"], "AR202");
    assert_eq!(v["error"]["line"], 2);
    assert_eq!(v["error"]["column"], 17);
    assert!(v["error"]["hint"].as_str().unwrap().contains("#59;"));
    let o = bin().arg("check").arg(&file).output().unwrap();
    let human = String::from_utf8_lossy(&o.stdout);
    assert!(human.contains("sql.mmd:2:17"), "{human}");

    let pie = dir.join("pie.mmd");
    std::fs::write(&pie, "pie\n  \"a\" : -1\n").unwrap();
    let o = bin().args(["check", "--json"]).arg(&pie).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["code"], "AR302");
    assert_eq!(v["error"]["line"], 2);
}

#[test]
fn check_passes_valid_fixtures() {
    let o = bin().arg("check").arg(fixture("seq_alt_else.mmd")).arg(fixture("pie_basic.mmd")).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn parse_json_gives_mermaids_model() {
    let o = bin().args(["parse", "--json"]).arg(fixture("pie_show_data.mmd")).output().unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "pie");
    assert_eq!(v["showData"], true);
    assert_eq!(v["slices"][0]["label"], "Calcium");
    assert_eq!(v["slices"][0]["value"], 42.96);
    let o = bin().args(["parse", "--json"]).arg(fixture("seq_participants_aliases.mmd")).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["participants"][1], serde_json::json!({"id": "U", "label": "End user", "kind": "actor"}));
    assert_eq!(v["items"][0], serde_json::json!({"type": "SOLID", "from": "U", "to": "A", "text": "Hello Alice"}));
}
