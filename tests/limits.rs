//! The limits on a diagram's size (rule AR003) as users meet them: a
//! diagram over one is refused with the limit, the value and the key named,
//! exit 1 and no file written; `atlas-render.toml` raises them; the bulk
//! commands (check, export, snapshot, handbook, batch) report a refused
//! diagram and draw the others.

use atlas_render::limits::Limits;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

mod common;
use common::{bin, temp_dir};

/// A flowchart of `depth` subgraphs, each inside the one before: subgraph
/// `s{i}` is on line `i + 2`.
fn nested(depth: usize) -> String {
    let mut s = String::from("flowchart TD\n");
    for i in 0..depth {
        s.push_str(&format!("subgraph s{i}[Level {i}]\n"));
    }
    s.push_str("  a --> b\n");
    s.push_str(&"end\n".repeat(depth));
    s
}

/// `n` as the messages write it: `2,001`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    digits.chars().enumerate().fold(String::new(), |mut s, (i, c)| {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push(',');
        }
        s.push(c);
        s
    })
}

fn run_with_stdin(mut cmd: Command, input: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_diagram_over_a_limit_is_refused_naming_the_limit_and_writes_nothing() {
    let depth = Limits::default().depth;
    let dir = temp_dir("limits-refused");
    std::fs::write(dir.join("deep.mmd"), nested(depth + 1)).unwrap();
    let o = bin().current_dir(&dir).args(["deep.mmd", "-o", "deep.svg"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!dir.join("deep.svg").exists(), "nothing written");
    let message = format!("{n} subgraphs nested {n} deep: the limit is {depth} (limits.depth in atlas-render.toml)", n = depth + 1);
    assert!(err.contains(&message) && err.contains("AR003"), "{err}");
    // at the first subgraph past the limit: s{depth}, on line depth + 2
    assert!(err.contains(&format!("deep.mmd:{}:1", depth + 2)), "{err}");
    assert!(err.contains(&format!("depth = {}", depth + 1)), "the hint says how to raise it: {err}");

    // a text over the size limit, before it is read: at 1:1
    let big = format!("flowchart TD\n{}", "%% a comment line that says nothing at all\n".repeat(Limits::default().input_bytes / 40));
    std::fs::write(dir.join("big.mmd"), &big).unwrap();
    let o = bin().current_dir(&dir).args(["big.mmd", "-o", "big.png"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!dir.join("big.png").exists());
    assert!(err.contains("big.mmd:1:1") && err.contains("bytes long: the limit is 100,000 (limits.input_bytes in atlas-render.toml)"), "{err}");

    // `parse` holds to the same limits
    let o = bin().current_dir(&dir).args(["parse", "--json", "deep.mmd"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty() && String::from_utf8_lossy(&o.stderr).contains("AR003"));
}

#[test]
fn a_config_file_raises_a_limit() {
    let depth = Limits::default().depth;
    let dir = temp_dir("limits-config");
    std::fs::write(dir.join("deep.mmd"), nested(depth + 8)).unwrap();
    let o = bin().current_dir(&dir).args(["deep.mmd", "-o", "deep.svg"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "over the default");
    std::fs::write(dir.join("atlas-render.toml"), format!("[limits]\ndepth = {}\n", depth + 8)).unwrap();
    let o = bin().current_dir(&dir).args(["deep.mmd", "-o", "deep.svg"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(dir.join("deep.svg")).unwrap().starts_with("<svg"));
    let o = bin().current_dir(&dir).args(["check", "deep.mmd"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "check reads the same file: {}", String::from_utf8_lossy(&o.stdout));
    // --config names another file; lower limits refuse what passes the defaults
    std::fs::write(dir.join("strict.toml"), "[limits]\nnodes = 1\n").unwrap();
    let o = bin().current_dir(&dir).args(["deep.mmd", "-o", "-", "--config", "strict.toml"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2 nodes: the limit is 1 (limits.nodes in atlas-render.toml)"));
    // a value that is no limit: exit 2, the key and its line named
    std::fs::write(dir.join("atlas-render.toml"), "[planes]\nlegend = true\n\n[limits]\nedges = 0\n").unwrap();
    let o = bin().current_dir(&dir).args(["deep.mmd", "-o", "deep.svg"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("limits.edges") && err.contains(":5:"), "{err}");
}

#[test]
fn bulk_commands_report_a_refused_diagram_and_draw_the_others() {
    let depth = Limits::default().depth;
    let src = temp_dir("limits-bulk");
    std::fs::write(src.join("deep.mmd"), nested(depth + 1)).unwrap();
    std::fs::write(src.join("fine.mmd"), "graph LR\n  A --> B\n").unwrap();
    let label = "x".repeat(Limits::default().label_chars + 1);
    std::fs::write(src.join("page.md"), format!("# Page\n\n```mermaid\ngraph TD\n  A --> B\n```\n\n```mermaid\ngraph TD\n  A[\"{label}\"] --> B\n```\n")).unwrap();

    // check: every diagram reported, the refused ones with AR003 where it is
    let o = bin().current_dir(&src).args(["check", "--json", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    let refused: Vec<&Value> = lines.iter().filter(|l| l["ok"] == false).collect();
    assert_eq!(refused.len(), 2, "{lines:?}");
    for r in &refused {
        assert_eq!(r["error"]["code"], "AR003", "{r}");
        assert!(r["layout"].is_null(), "never laid out: {r}");
    }
    let in_page = refused.iter().find(|r| r["file"].as_str().unwrap().ends_with("page.md")).unwrap();
    assert_eq!((in_page["block"].as_u64(), in_page["error"]["line"].as_u64()), (Some(2), Some(10)), "{in_page}");
    let message = in_page["error"]["message"].as_str().unwrap();
    let limit = Limits::default().label_chars;
    let expected = format!("a label of {} characters: the limit is {} (limits.label_chars in atlas-render.toml)", thousands(limit + 1), thousands(limit));
    assert_eq!(message, expected);

    // export: the others drawn, the refused named with the rule
    let out = temp_dir("limits-bulk-out");
    let o = bin().current_dir(&src).arg("export").arg(".").arg("-o").arg(&out).arg("--quiet").output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(out.join("fine.svg").exists() && out.join("page--01.svg").exists());
    assert!(!out.join("deep.svg").exists() && !out.join("page--02.svg").exists());
    assert!(err.contains(&format!("AR003: {n} subgraphs nested {n} deep", n = depth + 1)) && err.contains("exported 2 of 4"), "{err}");

    // snapshot: the refused diagram fails, the others are new
    let store = temp_dir("limits-bulk-store");
    let o = bin().current_dir(&src).arg("snapshot").arg(".").arg("--store").arg(&store).args(["--format", "json"]).output().unwrap();
    let outcomes: Vec<Value> = String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
    let failed: Vec<&Value> = outcomes.iter().filter(|o| o["status"] == "failed").collect();
    assert_eq!(failed.len(), 2, "{outcomes:?}");
    assert!(failed.iter().all(|f| f["error"].as_str().unwrap().starts_with("AR003: ")), "{failed:?}");

    // handbook: the book is made; the refused figures are listed, and exit 1 only with --strict
    let book = src.join("book.pdf");
    let o = bin().current_dir(&src).args(["handbook", ".", "-o"]).arg(&book).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(std::fs::read(&book).unwrap().starts_with(b"%PDF"));
    assert_eq!(err.lines().filter(|l| l.starts_with("not drawn: ") && l.contains(": AR003 ")).count(), 2, "{err}");
    let o = bin().current_dir(&src).args(["handbook", ".", "--strict", "--quiet", "-o"]).arg(&book).output().unwrap();
    assert_eq!(o.status.code(), Some(1));

    // batch (the MkDocs plugin's way in): one answer each, the refused one without a drawing
    let requests = [nested(2), nested(depth + 1)].iter().enumerate().map(|(i, s)| serde_json::json!({"id": i, "source": s}).to_string() + "\n").collect::<String>();
    let mut cmd = bin();
    cmd.current_dir(&src).arg("batch");
    let o = run_with_stdin(cmd, &requests);
    assert!(o.status.success());
    let answers: Vec<Value> = String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers.len(), 2);
    let by_id = |id: u64| answers.iter().find(|a| a["id"] == id).unwrap();
    assert!(by_id(0)["svg"].as_str().unwrap().starts_with("<svg"));
    assert!(by_id(1)["svg"].is_null() && by_id(1)["error"].as_str().unwrap().starts_with("AR003: "), "{}", by_id(1));
    assert_eq!(by_id(1)["diagnostics"][0]["line"], depth + 2);
}
