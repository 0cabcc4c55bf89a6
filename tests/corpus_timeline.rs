//! Timelines against mermaid-js 11 on the Atlas corpus (`../shared/corpus`,
//! see its README):
//!
//! 1. verdicts: `parse(text).is_valid()` agrees with mermaid's ok/error on
//!    every timeline;
//! 2. every timeline mermaid-js renders renders here, with no text outside
//!    its box and no boxes on top of each other, at mermaid's size (its
//!    SVG's viewBox, within 1%; all 19 are exact today);
//! 3. every refused timeline, fixed as `check --fix` fixes a copy, is
//!    accepted and reads as the same periods, events and sections as the
//!    tolerant reading of the original; fixing again changes nothing; and
//!    the original still renders (tolerantly, with the errors as warnings).
//!
//! Skips, saying so, when `../shared/corpus` is absent.

use atlas_render::check::fix::fix_text;
use atlas_render::check::CheckOptions;
use atlas_render::diagrams::timeline::layout::layout_timeline;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};

use std::path::Path;

mod common;
use common::{corpus_diagrams, corpus_dir, verdict_table};

fn model_json(text: &str) -> serde_json::Value {
    parse(text).diagram.expect("a timeline model").to_mermaid_json()
}

#[test]
fn timelines_match_mermaid_and_fix_cleanly() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdict_table(&root);
    let all = corpus_diagrams(&root, &["timeline"]);
    assert!(all.len() >= 40, "found only {} timelines", all.len());
    let mut disagree = Vec::new();
    let mut problems = Vec::new();
    let (mut ok, mut refused, mut fixed) = (0, 0, 0);
    let mut ratios = Vec::new();
    for (id, text) in &all {
        let Some(&(mermaid_ok, mw, mh)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = parse(text);
        if outcome.is_valid() != mermaid_ok {
            disagree.push(format!("{id}: mermaid {} / ours {:?}", if mermaid_ok { "ok" } else { "error" }, outcome.first_error().map(|d| (d.code, d.message.clone()))));
        }
        // everything renders, refused ones tolerantly
        let rendered = render_svg(text, &RenderOptions::default());
        let Ok(rendered) = rendered else {
            problems.push(format!("{id}: does not render"));
            continue;
        };
        let Some(Diagram::Timeline(t)) = &outcome.diagram else { panic!("{id}: not a timeline") };
        let l = layout_timeline(t);
        if l.text_overflow() > 0 || l.overlaps() > 0 {
            problems.push(format!("{id}: {} texts outside their box, {} overlapping boxes", l.text_overflow(), l.overlaps()));
        }
        if mermaid_ok {
            ok += 1;
            let (rw, rh) = (l.bounds.width / mw, l.bounds.height / mh);
            ratios.push((id.clone(), rw, rh));
            if !(0.99..=1.01).contains(&rw) || !(0.99..=1.01).contains(&rh) {
                problems.push(format!("{id}: size {:.0}x{:.0}, mermaid's {mw:.0}x{mh:.0}", l.bounds.width, l.bounds.height));
            }
            continue;
        }
        refused += 1;
        assert!(rendered.diagnostics.iter().any(|d| d.is_error()), "{id}: the tolerant render should carry the errors");
        // fix a copy as `check --fix` does
        let (after, n) = fix_text(Path::new("copy.mmd"), text, &CheckOptions::default());
        let again = parse(&after);
        if !again.is_valid() {
            problems.push(format!("{id}: still refused after --fix: {:?}", again.first_error().map(|d| d.message.clone())));
            continue;
        }
        if model_json(&after) != model_json(text) {
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
    ratios.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap());
    eprintln!("timelines: {} ({ok} rendered by mermaid, {refused} refused, {fixed} accepted after --fix)", all.len());
    for (id, rw, rh) in &ratios {
        eprintln!("  size ratio to mermaid's {rw:.3} x {rh:.3}  {id}");
    }
    assert!(disagree.is_empty(), "verdicts differ from mermaid's:\n{}", disagree.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(fixed, refused);
}
