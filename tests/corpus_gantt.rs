//! Gantt charts against mermaid-js 11 on the Atlas corpus
//! (`../shared/corpus`, see its README):
//!
//! 1. verdicts: `parse(text).is_valid()` agrees with mermaid's ok/error on
//!    every gantt chart;
//! 2. every gantt mermaid-js renders renders here without panic, with no
//!    text outside its box, no bars on top of each other, and mermaid's
//!    height (24 px a task and 100).
//!
//! Skips, saying so, when `../shared/corpus` is absent.

use atlas_render::layout::gantt::layout_gantt;
use atlas_render::model::Diagram;
use atlas_render::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every corpus diagram whose first word is `gantt`: (id, text).
fn gantts(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("atlas")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "mmd") {
                let text = std::fs::read_to_string(&path).unwrap();
                let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("%%")).unwrap_or("");
                if first.split_whitespace().next() == Some("gantt") {
                    let id = path.strip_prefix(root.join("atlas")).unwrap().with_extension("").to_string_lossy().replace('\\', "/");
                    out.push((id, text));
                }
            }
        }
    }
    out.sort();
    out
}

fn verdicts(root: &Path) -> std::collections::HashMap<String, (bool, f64, f64)> {
    let text = std::fs::read_to_string(root.join("atlas-mermaid/verdicts.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.first()?.to_string(), (*f.get(1)? == "ok", f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?)))
        })
        .collect()
}

#[test]
fn gantts_match_mermaid() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdicts(&root);
    let all = gantts(&root);
    assert!(all.len() >= 50, "found only {} gantts", all.len());
    let mut disagree = Vec::new();
    let mut problems = Vec::new();
    let (mut ok, mut refused, mut same_size) = (0, 0, 0);
    for (id, text) in &all {
        let Some(&(mermaid_ok, mw, mh)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = parse::parse(text);
        if outcome.is_valid() != mermaid_ok {
            disagree.push(format!("{id}: mermaid {} / ours {:?}", if mermaid_ok { "ok" } else { "error" }, outcome.first_error().map(|d| (d.code, d.message.clone()))));
        }
        if !mermaid_ok {
            refused += 1;
            continue;
        }
        ok += 1;
        if render_svg(text, &RenderOptions::default()).is_err() {
            problems.push(format!("{id}: does not render"));
            continue;
        }
        let Some(Diagram::Gantt(g)) = &outcome.diagram else { panic!("{id}: not a gantt") };
        let l = layout_gantt(g);
        if l.text_overflow() > 0 || l.overlaps() > 0 {
            problems.push(format!("{id}: {} texts outside their box, {} overlapping bars", l.text_overflow(), l.overlaps()));
        }
        if (l.bounds.height - mh).abs() > 0.5 {
            problems.push(format!("{id}: height {} where mermaid's is {mh}", l.bounds.height));
        }
        if (l.bounds.width - mw).abs() < 0.5 {
            same_size += 1;
        }
    }
    eprintln!("gantts: {} ({ok} rendered by mermaid, {refused} refused; {same_size} at mermaid's exact size)", all.len());
    assert!(disagree.is_empty(), "verdicts differ from mermaid's:\n{}", disagree.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
