//! XY charts against mermaid-js 11 on the Atlas corpus (`../shared/corpus`,
//! see its README):
//!
//! 1. verdicts: `parse(text).is_valid()` agrees with mermaid's ok/error on
//!    every `xychart-beta` chart;
//! 2. every chart renders (refused ones tolerantly, with their errors), at
//!    mermaid's size (700×500 for all of them), with every bar inside the
//!    plot area, no two tick labels on one axis overlapping and no text
//!    outside the chart;
//! 3. every refused chart, fixed as `check --fix` fixes a copy, is accepted,
//!    and fixing again changes nothing.
//!
//! Skips, saying so, when `../shared/corpus` is absent.

use atlas_render::check::fix::fix_text;
use atlas_render::check::CheckOptions;
use atlas_render::diagrams::xychart::layout::layout_xychart;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};

use std::path::Path;

mod common;
use common::{corpus_diagrams, corpus_dir, verdict_table};

#[test]
fn xycharts_match_mermaid_and_render_cleanly() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdict_table(&root);
    let all = corpus_diagrams(&root, &["xychart-beta", "xychart"]);
    assert!(all.len() >= 50, "found only {} xy charts", all.len());
    let mut disagree = Vec::new();
    let mut problems = Vec::new();
    let (mut ok, mut refused, mut fixed) = (0, 0, 0);
    for (id, text) in &all {
        let Some(&(mermaid_ok, mw, mh)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = parse(text);
        if outcome.is_valid() != mermaid_ok {
            disagree.push(format!("{id}: mermaid {} / ours {:?}", if mermaid_ok { "ok" } else { "error" }, outcome.first_error().map(|d| (d.code, d.message.clone()))));
        }
        let Ok(rendered) = render_svg(text, &RenderOptions::default()) else {
            problems.push(format!("{id}: does not render"));
            continue;
        };
        let Some(Diagram::XyChart(c)) = &outcome.diagram else { panic!("{id}: not an xy chart") };
        let l = layout_xychart(c);
        if l.bars_outside_plot() > 0 || l.tick_label_overlaps() > 0 || l.text_outside() > 0 {
            problems.push(format!("{id}: {} bars outside the plot, {} overlapping tick labels, {} texts outside the chart", l.bars_outside_plot(), l.tick_label_overlaps(), l.text_outside()));
        }
        if mermaid_ok {
            ok += 1;
            if (l.width, l.height) != (mw, mh) {
                problems.push(format!("{id}: size {}x{}, mermaid's {mw}x{mh}", l.width, l.height));
            }
        } else {
            refused += 1;
            assert!(rendered.diagnostics.iter().any(|d| d.is_error()), "{id}: the tolerant render should carry the errors");
            let (after, n) = fix_text(Path::new("copy.mmd"), text, &CheckOptions::default());
            if n == 0 || !parse(&after).is_valid() {
                problems.push(format!("{id}: still refused after --fix"));
                continue;
            }
            let (twice, m) = fix_text(Path::new("copy.mmd"), &after, &CheckOptions::default());
            if twice != after || m != 0 {
                problems.push(format!("{id}: a second --fix changes the text"));
            }
            fixed += 1;
        }
    }
    eprintln!("xy charts: {} ({ok} rendered by mermaid, {refused} refused, {fixed} accepted after --fix)", all.len());
    assert!(disagree.is_empty(), "verdicts differ from mermaid's:\n{}", disagree.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(fixed, refused);
}
