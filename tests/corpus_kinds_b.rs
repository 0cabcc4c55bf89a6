//! Sankey diagrams, quadrant charts and git graphs against mermaid-js 11 on
//! the Atlas (`../shared`, see its README):
//!
//! 1. verdicts: `parse(text).is_valid()` agrees with mermaid's ok/error on
//!    every public corpus diagram of these kinds (the refused sankey too);
//! 2. every diagram mermaid renders is drawn by us with no overlaps and no
//!    text overflow (the layout figures `check --json` reports), at
//!    mermaid's size where that is fixed (quadrant charts);
//! 3. every block of these kinds on the Atlas site draws (the one mermaid
//!    refuses drawn as meant, with its errors).
//!
//! Skips, saying so, when `../shared` is absent.

use atlas_render::diagrams;
use atlas_render::model::DiagramKind;
use atlas_render::pipeline::{render_svg, RenderOptions};
use atlas_render::source::diagrams_in_file;
use std::path::{Path, PathBuf};

mod common;
use common::{corpus_diagrams, corpus_dir, kind_of, verdict_table};

const FIRST_WORDS: [&str; 5] = ["sankey-beta", "sankey", "quadrantChart", "gitGraph", "gitGraph:"];

#[test]
fn public_corpus_verdicts_and_figures() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdict_table(&root);
    let all = corpus_diagrams(&root, &FIRST_WORDS);
    assert!(all.len() >= 5, "found only {} diagrams of these kinds", all.len());
    let mut problems = Vec::new();
    let mut counts = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for (id, text) in &all {
        let Some(&(mermaid_ok, mw, mh)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = diagrams::parse(text);
        let kind = outcome.kind;
        assert!(matches!(kind, DiagramKind::Sankey | DiagramKind::Quadrant | DiagramKind::GitGraph), "{id}: {kind:?}");
        let entry = counts.entry(kind.name()).or_default();
        entry.0 += 1;
        if outcome.is_valid() != mermaid_ok {
            problems.push(format!("{id}: mermaid {} / ours {:?}", if mermaid_ok { "renders" } else { "refuses" }, outcome.first_error().map(|d| (d.code, d.message.clone()))));
        }
        if !mermaid_ok {
            continue;
        }
        let Some(diagram) = &outcome.diagram else {
            problems.push(format!("{id}: no model"));
            continue;
        };
        entry.1 += 1;
        let f = diagram.measure();
        if f.overlaps > 0 || f.text_overflow > 0 {
            problems.push(format!("{id}: {} overlaps, {} texts overflowing", f.overlaps, f.text_overflow));
        }
        if kind == DiagramKind::Quadrant && (f.width, f.height) != (mw, mh) {
            problems.push(format!("{id}: {}x{}, mermaid's {mw}x{mh}", f.width, f.height));
        }
        if render_svg(text, &RenderOptions::default()).is_err() {
            problems.push(format!("{id}: does not render"));
        }
    }
    eprintln!("public corpus: {counts:?} (diagrams, of them drawn by mermaid)");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_atlas_site_block_of_these_kinds_draws() {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/atlas-site/docs");
    if !docs.is_dir() {
        eprintln!("skipping: no Atlas site at {}", docs.display());
        return;
    }
    let mut blocks = 0;
    let mut failures = Vec::new();
    for page in markdown_files(&docs) {
        let content = std::fs::read_to_string(&page).unwrap();
        for d in diagrams_in_file(&page, &content) {
            if !FIRST_WORDS.contains(&kind_of(&d.text)) {
                continue;
            }
            blocks += 1;
            match render_svg(&d.text, &RenderOptions::default()) {
                Ok(r) => {
                    if let Some(f) = &r.figures
                        && (f.overlaps > 0 || f.text_overflow > 0)
                    {
                        failures.push(format!("{}: {} overlaps, {} texts overflowing", d.display_name(), f.overlaps, f.text_overflow));
                    }
                }
                Err(e) => failures.push(format!("{}: {:?}", d.display_name(), e.diagnostics.first().map(|x| &x.message))),
            }
        }
    }
    eprintln!("Atlas site: {blocks} blocks of these kinds");
    assert!(blocks >= 5, "found only {blocks} blocks");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
