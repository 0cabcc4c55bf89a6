//! The command line on timelines: rendering (tolerantly, with warnings, for
//! the ones mermaid-js refuses), `check` (rule code, line, column, hint),
//! `check --fix` and `parse --json`.


mod common;
use common::{bin, fixture, temp_dir};

#[test]
fn renders_timelines_to_every_format_even_refused_ones() {
    let dir = temp_dir("timeline_render");
    for name in ["timeline_sections.mmd", "timeline_incident_colons.mmd"] {
        for ext in ["svg", "png", "pdf"] {
            let out = dir.join(format!("{name}.{ext}"));
            let o = bin().arg(fixture(name)).arg("-o").arg(&out).output().unwrap();
            assert!(o.status.success(), "{name} {ext}: {}", String::from_utf8_lossy(&o.stderr));
            assert!(std::fs::metadata(&out).unwrap().len() > 500);
        }
    }
    let svg = std::fs::read_to_string(dir.join("timeline_incident_colons.mmd.svg")).unwrap();
    assert!(svg.contains("atlas-render timeline"));
    // the drawing shows what the author meant
    assert!(svg.contains(">10:00<") && svg.contains(">10:15<"), "{svg}");
    let o = bin().arg(fixture("timeline_incident_colons.mmd")).arg("-o").arg(dir.join("x.svg")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("AR500"), "{err}");
    // the same timeline with its colons written as `#58;` draws the same texts
    let out = dir.join("fixed.svg");
    let o = bin().arg(fixture("timeline_incident_fixed.mmd")).arg("-o").arg(&out).output().unwrap();
    assert!(o.status.success() && o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    let fixed = std::fs::read_to_string(&out).unwrap();
    let texts = |s: &str| s.lines().filter(|l| l.contains("timeline-text")).map(|l| l[l.find('>').unwrap()..].to_string()).collect::<Vec<_>>();
    assert_eq!(texts(&fixed), texts(&svg));
}

#[test]
fn check_reports_the_colon_and_fix_repairs_a_copy() {
    let dir = temp_dir("timeline_check");
    let file = dir.join("incident.mmd");
    let text = "timeline\n    title Outage\n    10:00 : Failover\n          : Paged\n";
    std::fs::write(&file, text).unwrap();
    let o = bin().args(["check", "--json"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "timeline");
    assert_eq!(v["error"]["code"], "AR500");
    assert_eq!(v["error"]["line"], 3);
    assert_eq!(v["error"]["column"], 7);
    assert!(v["error"]["message"].as_str().unwrap().contains("`10` as the period"));
    assert!(v["error"]["hint"].as_str().unwrap().contains("#58;"));

    let o = bin().args(["check", "--fix"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text.replace("10:00", "10#58;00"));
    let o = bin().args(["parse", "--json"]).arg(&file).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["periods"][0], serde_json::json!({"period": "10:00", "section": null, "events": ["Failover", "Paged"]}));
    // a second run changes nothing
    let before = std::fs::read_to_string(&file).unwrap();
    let o = bin().args(["check", "--fix"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn check_passes_valid_timelines() {
    let o = bin().arg("check").arg(fixture("timeline_basic.mmd")).arg(fixture("timeline_incident_fixed.mmd")).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
}
