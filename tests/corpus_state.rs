//! State diagrams against mermaid-js 11 on the Atlas corpus and site
//! (`../shared`, see `corpus/README.md`):
//!
//! 1. verdicts: `parse(text).is_valid()` agrees with mermaid's ok/error on
//!    every public state diagram (14: mermaid renders 12, refuses 2);
//! 2. every one draws (the refused ones tolerantly), with no state or note
//!    boxes overlapping, no edge through a state or note it does not
//!    connect, no text outside its shape, every state inside its composite
//!    and no two sibling composites overlapping, as `check --json` measures;
//! 3. every refused one, fixed as `check --fix` fixes a copy, is accepted,
//!    reads as the tolerant reading of the original did (the same states,
//!    transitions and notes, `#58;` read as `:`), and a second fix changes
//!    nothing;
//! 4. every ```mermaid block of the Atlas site that is a state diagram
//!    draws, as cleanly.
//!
//! Skips, saying so, when `../shared` is absent.

use atlas_render::check::fix::fix_text;
use atlas_render::check::{check_source, CheckOptions};
use atlas_render::layout::LayoutFigures;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};
use atlas_render::source::diagrams_in_file;
use atlas_render::text::markup::decode_entities;
use std::path::{Path, PathBuf};

mod common;
use common::{corpus_diagrams, corpus_dir, verdict_table};

/// The drawing's figures, as `check --json` reports them (also for refused
/// diagrams, which `check` does not lay out).
fn figures(text: &str) -> LayoutFigures {
    let r = render_svg(text, &RenderOptions::default()).unwrap_or_else(|f| panic!("does not draw: {:?}", f.diagnostics));
    r.figures.expect("figures")
}

fn clean(f: &LayoutFigures) -> bool {
    f.overlaps == 0 && f.edge_node_hits == 0 && f.text_overflow == 0 && f.outside_cluster == 0 && f.cluster_overlaps == 0
}

/// The model with entity codes read as the characters they stand for.
fn model(text: &str) -> String {
    let m = parse(text).diagram.expect("a state diagram model").to_mermaid_json();
    decode_entities(&m.to_string())
}

#[test]
fn state_diagrams_match_mermaid_and_draw_cleanly() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdict_table(&root);
    let all = corpus_diagrams(&root, &["stateDiagram-v2", "stateDiagram"]);
    assert_eq!(all.len(), 14, "public state diagrams");
    let mut disagree = Vec::new();
    let mut problems = Vec::new();
    let (mut ok, mut refused, mut fixed) = (0, 0, 0);
    for (id, text) in &all {
        let Some(&(mermaid_ok, _, _)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = parse(text);
        if outcome.is_valid() != mermaid_ok {
            disagree.push(format!("{id}: mermaid {} / ours {:?}", if mermaid_ok { "ok" } else { "error" }, outcome.first_error().map(|d| (d.code, d.message.clone()))));
        }
        let f = figures(text);
        if !clean(&f) {
            problems.push(format!("{id}: {f:?}"));
        }
        if mermaid_ok {
            ok += 1;
            // `check --json` lays it out and reports the same figures.
            let checked = check_source(atlas_render::source::DiagramSource::whole_file("copy.mmd", text.clone()));
            let cf = checked.figures.expect("check lays out a valid diagram");
            assert!(clean(&cf), "{id}: check --json figures {cf:?}");
            continue;
        }
        refused += 1;
        let (after, n) = fix_text(Path::new("copy.mmd"), text, &CheckOptions::default());
        let again = parse(&after);
        if !again.is_valid() {
            problems.push(format!("{id}: still refused after --fix: {:?}", again.first_error().map(|d| d.message.clone())));
            continue;
        }
        if model(&after).replace("<br/>", "\\\\n") != model(text) {
            problems.push(format!("{id}: the fixed text reads differently from the original's tolerant reading"));
            continue;
        }
        let (twice, m) = fix_text(Path::new("copy.mmd"), &after, &CheckOptions::default());
        if twice != after || m != 0 {
            problems.push(format!("{id}: a second --fix changes the text"));
            continue;
        }
        assert!(n > 0);
        fixed += 1;
    }
    eprintln!("state diagrams: {} ({ok} rendered by mermaid, {refused} refused, {fixed} accepted after --fix)", all.len());
    assert!(disagree.is_empty(), "verdicts differ from mermaid's:\n{}", disagree.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!((ok, refused, fixed), (12, 2, 2));
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

#[test]
fn site_state_diagrams_draw_cleanly() {
    let docs = corpus_dir().join("../atlas-site/docs");
    if !docs.is_dir() {
        eprintln!("skipping: no Atlas site at {}", docs.display());
        return;
    }
    let mut files = Vec::new();
    markdown_files(&docs, &mut files);
    files.sort();
    let mut found = 0;
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        if !text.contains("stateDiagram") {
            continue;
        }
        for d in diagrams_in_file(file, &text) {
            if !d.text.trim_start().starts_with("stateDiagram") {
                continue;
            }
            found += 1;
            match render_svg(&d.text, &RenderOptions::default()) {
                Ok(r) => {
                    let f = r.figures.unwrap();
                    if !clean(&f) {
                        problems.push(format!("{}: {f:?}", d.display_name()));
                    }
                }
                Err(e) => problems.push(format!("{}: does not draw: {:?}", d.display_name(), e.diagnostics)),
            }
        }
    }
    eprintln!("site state diagrams: {found}");
    assert!(found >= 14, "found only {found} state diagrams on the site");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
