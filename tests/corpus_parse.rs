//! Parity of the flowchart parser with mermaid-js 11 on the Atlas corpus
//! (`../shared/corpus`, see its README):
//!
//! 1. verdicts: `parse(text).is_valid()` against mermaid's ok/error, and for
//!    refusals, our first error's line (counted as mermaid counts) against
//!    mermaid's "Parse error on line N";
//! 2. models: `to_mermaid_json()` against mermaid's own parse, normalised as
//!    `../shared/tools/corpus_report.py` does (`norm_label`, `flow_key`).
//!
//! Set `CORPUS_REPORT=<file>` to write every disagreement to a file.

use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::{flowchart::parse::mermaid_line, parse};
use serde_json::Value;

mod common;
use common::{corpus_dir, kind_of, norm_label, s};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

fn strs(v: &Value, k: &str) -> Vec<String> {
    let mut out: Vec<String> = v.get(k).and_then(Value::as_array).map(|a| a.iter().map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string)).collect()).unwrap_or_default();
    out.sort();
    out
}


/// `flow_key` of corpus_report.py: sorted nodes, edges and subgraphs.
fn flow_key(m: &Value) -> BTreeMap<&'static str, Vec<String>> {
    let list = |k: &str| m.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
    let mut nodes: Vec<String> = list("nodes").iter().map(|n| format!("{:?}", (s(n, "id"), norm_label(n.get("label")), s(n, "shape"), strs(n, "classes")))).collect();
    let mut edges: Vec<String> = list("edges").iter().map(|e| format!("{:?}", (s(e, "from"), s(e, "to"), s(e, "arrow"), s(e, "stroke"), norm_label(e.get("label"))))).collect();
    let mut subs: Vec<String> = list("subgraphs").iter().map(|g| format!("{:?}", (s(g, "id"), norm_label(g.get("title")), strs(g, "members")))).collect();
    nodes.sort();
    edges.sort();
    subs.sort();
    BTreeMap::from([("nodes", nodes), ("edges", edges), ("subgraphs", subs)])
}

fn first_diff(ours: &BTreeMap<&'static str, Vec<String>>, theirs: &BTreeMap<&'static str, Vec<String>>) -> String {
    for (k, t) in theirs {
        let o = &ours[k];
        if o != t {
            let only_t: Vec<&String> = t.iter().filter(|x| !o.contains(x)).take(2).collect();
            let only_o: Vec<&String> = o.iter().filter(|x| !t.contains(x)).take(2).collect();
            return format!("{k}: mermaid has {only_t:?}, we have {only_o:?}");
        }
    }
    String::new()
}

/// "Parse error on line N" / "Lexical error on line N" in mermaid's message.
fn mermaid_error_line(msg: &str) -> Option<usize> {
    let at = msg.find(" error on line ")?;
    let digits: String = msg[at + 15..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[test]
fn corpus_parity() {
    let dir = corpus_dir();
    if !dir.join("atlas-mermaid/verdicts.tsv").exists() {
        println!("skipping: ../shared/corpus not found");
        return;
    }
    let verdicts = std::fs::read_to_string(dir.join("atlas-mermaid/verdicts.tsv")).unwrap();
    let mut total = 0;
    let mut agree = 0;
    let mut refusals = 0;
    let mut line_agree = 0;
    let mut models = 0;
    let mut model_agree = 0;
    let mut parse_time = std::time::Duration::ZERO;
    let mut verdict_diffs = Vec::new();
    let mut line_diffs = Vec::new();
    let mut model_diffs = Vec::new();
    for row in verdicts.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        let (id, verdict) = (cols[0], cols[1]);
        let message = cols.get(5).copied().unwrap_or("");
        let Ok(text) = std::fs::read_to_string(dir.join("atlas").join(format!("{id}.mmd"))) else { continue };
        if !matches!(kind_of(&text), "graph" | "flowchart") {
            continue;
        }
        total += 1;
        let t0 = Instant::now();
        let out = parse(&text);
        parse_time += t0.elapsed();
        let ours = out.is_valid();
        let theirs = verdict == "ok";
        if ours == theirs {
            agree += 1;
        } else if theirs {
            let e = out.first_error().map(|d| format!("{} {}", d.code, d.message)).unwrap_or_else(|| "no model".into());
            verdict_diffs.push(format!("{id}: mermaid renders, we refuse: {e}"));
        } else {
            verdict_diffs.push(format!("{id}: mermaid refuses ({}), we accept", &message[..message.len().min(140)]));
        }
        if !theirs {
            if let (Some(n), Some(e)) = (mermaid_error_line(message), out.first_error()) {
                refusals += 1;
                let ours_line = mermaid_line(&text, &e.span);
                if ours_line == n {
                    line_agree += 1;
                } else {
                    line_diffs.push(format!("{id}: mermaid line {n}, ours {ours_line} ({} {}) | {}", e.code, e.message, &message[..message.len().min(120)]));
                }
            }
        }
        if theirs {
            let mpath = dir.join("atlas-mermaid/model").join(format!("{id}.json"));
            let Ok(m) = std::fs::read_to_string(&mpath) else { continue };
            let m: Value = serde_json::from_str(&m).unwrap();
            models += 1;
            let theirs_key = flow_key(&m["model"]);
            match &out.diagram {
                Some(Diagram::Flowchart(f)) if ours => {
                    let ours_key = flow_key(&f.to_mermaid_json());
                    if ours_key == theirs_key {
                        model_agree += 1;
                    } else {
                        model_diffs.push(format!("{id}: {}", first_diff(&ours_key, &theirs_key)));
                    }
                }
                _ => model_diffs.push(format!("{id}: no valid model from us")),
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("flowcharts: {total}, parsed in {:.3} s (this build)", parse_time.as_secs_f64());
    println!("verdict agreement: {agree}/{total} ({:.2}%)", pct(agree, total));
    println!("error line agreement: {line_agree}/{refusals} ({:.2}%)", pct(line_agree, refusals));
    println!("model agreement: {model_agree}/{models} ({:.2}%)", pct(model_agree, models));
    for (what, rows) in [("verdict", &verdict_diffs), ("error line", &line_diffs), ("model", &model_diffs)] {
        if !rows.is_empty() {
            println!("-- {what} disagreements ({}), first 10:", rows.len());
            for r in rows.iter().take(10) {
                println!("   {r}");
            }
        }
    }
    if let Ok(path) = std::env::var("CORPUS_REPORT") {
        let mut s = String::new();
        for (what, rows) in [("verdict", &verdict_diffs), ("line", &line_diffs), ("model", &model_diffs)] {
            for r in rows.iter() {
                let _ = writeln!(s, "{what}\t{r}");
            }
        }
        std::fs::write(path, s).unwrap();
    }
    assert!(pct(agree, total) >= 99.0, "verdict agreement below 99%");
    assert!(pct(model_agree, models) >= 99.0, "model agreement below 99%");
}
