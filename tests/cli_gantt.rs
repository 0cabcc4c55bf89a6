//! The command line on gantt charts: rendering to every format, `check`
//! (rule code, line, column, hint) and `parse --json`.


mod common;
use common::{bin, fixture, temp_dir};

#[test]
fn renders_gantts_to_every_format() {
    let dir = temp_dir("gantt_render");
    for ext in ["svg", "png", "pdf"] {
        let out = dir.join(format!("basic.{ext}"));
        let o = bin().arg(fixture("gantt_basic.mmd")).arg("-o").arg(&out).output().unwrap();
        assert!(o.status.success(), "{ext}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::metadata(&out).unwrap().len() > 500);
    }
    let svg = std::fs::read_to_string(dir.join("basic.svg")).unwrap();
    assert!(svg.contains("atlas-render gantt") && svg.contains(">Backend services<"));
}

#[test]
fn check_reports_a_duration_as_a_start() {
    let dir = temp_dir("gantt_check");
    let file = dir.join("incident.mmd");
    std::fs::write(&file, "gantt\n    dateFormat X\n    a :done, a, 0, 30s\n    b :done, b, 30s, 60s\n").unwrap();
    let o = bin().args(["check", "--json"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "gantt");
    assert_eq!(v["error"]["code"], "AR603");
    assert_eq!(v["error"]["line"], 4);
    assert_eq!(v["error"]["column"], 8);
    assert!(v["error"]["hint"].as_str().unwrap().contains("after <id>"));
    let o = bin().arg("check").arg(fixture("gantt_basic.mmd")).arg(fixture("gantt_hours.mmd")).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let o = bin().args(["parse", "--json"]).arg(fixture("gantt_hours.mmd")).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "gantt");
    assert_eq!(v["tasks"][0]["task"], "Queue Orders");
    assert_eq!(v["tasks"][0]["start"], "2024-01-01T04:00:00.000Z");
}
