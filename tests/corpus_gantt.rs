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

use atlas_render::diagrams::gantt::layout::layout_gantt;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};

mod common;
use common::{corpus_diagrams, corpus_dir, verdict_table};

#[test]
fn gantts_match_mermaid() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdict_table(&root);
    let all = corpus_diagrams(&root, &["gantt"]);
    assert!(all.len() >= 50, "found only {} gantts", all.len());
    let mut disagree = Vec::new();
    let mut problems = Vec::new();
    let (mut ok, mut refused, mut same_size) = (0, 0, 0);
    for (id, text) in &all {
        let Some(&(mermaid_ok, mw, mh)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = parse(text);
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
