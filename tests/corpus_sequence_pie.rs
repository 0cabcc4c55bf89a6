//! Sequence diagrams and pie charts against mermaid-js 11 on the Atlas
//! corpus (`../shared/corpus`, see its README), computed here in Rust:
//!
//! 1. no panic anywhere in parse, layout or drawing;
//! 2. every diagram mermaid-js renders renders here;
//! 3. verdicts: `parse(text).is_valid()` against mermaid's ok/error (≥ 99%);
//! 4. models: `to_mermaid_json()` against mermaid's own parse, normalised as
//!    `../shared/tools/corpus_report.py` does (`seq_key`, `pie_key`) (≥ 99%);
//! 5. geometry, from the layout structs: no text outside its box
//!    (participant labels, notes, message texts between their ends, block
//!    texts, pie labels inside their slice, legend inside the drawing), no
//!    two messages drawn on top of each other, no overlapping texts.
//!
//! Skips, saying so, when `../shared/corpus` is absent.

use atlas_render::diagnostics::LineIndex;
use atlas_render::layout::geometry::Rect;
use atlas_render::diagrams::pie::layout::layout_pie;
use atlas_render::diagrams::sequence::layout::layout_sequence;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};
use serde_json::Value;

mod common;
use common::{corpus_dir, kind_of, norm_label, s};


fn list(m: &Value, k: &str) -> Vec<Value> {
    m.get(k).and_then(Value::as_array).cloned().unwrap_or_default()
}

/// `seq_key` / `pie_key` of corpus_report.py, as comparable strings.
fn model_key(m: &Value) -> Vec<String> {
    match m.get("kind").and_then(Value::as_str) {
        Some("sequence") => {
            let mut v: Vec<String> = list(m, "participants").iter().map(|p| format!("P{:?}", (s(p, "id"), norm_label(p.get("label")), s(p, "kind")))).collect();
            v.extend(list(m, "items").iter().map(|i| format!("I{:?}", (s(i, "type"), s(i, "from"), s(i, "to"), norm_label(i.get("text"))))));
            v
        }
        Some("pie") => {
            let mut v = vec![format!("T{:?}", norm_label(m.get("title"))), format!("S{}", m.get("showData").and_then(Value::as_bool).unwrap_or(false))];
            v.extend(list(m, "slices").iter().map(|x| format!("{:?}", (norm_label(x.get("label")), x.get("value").and_then(Value::as_f64).unwrap_or(f64::NAN)))));
            v
        }
        other => vec![format!("{other:?}")],
    }
}

fn inside(outer: &Rect, inner: &Rect) -> bool {
    outer.inflate(0.5).contains_rect(inner)
}

/// Geometric faults of one diagram's layout, described.
fn geometry_faults(d: &Diagram) -> Vec<String> {
    let mut faults = Vec::new();
    match d {
        Diagram::Sequence(s) => {
            let l = layout_sequence(s);
            for (p, pp) in s.participants.iter().zip(&l.participants) {
                if !inside(&pp.top, &pp.label_top.rect()) || !inside(&pp.bottom, &pp.label_bottom.rect()) {
                    faults.push(format!("participant {} label outside its box", p.id));
                }
            }
            for n in &l.notes {
                if !inside(&n.rect, &n.text.rect()) {
                    faults.push(format!("note {} text outside its box", n.item));
                }
            }
            for m in &l.messages {
                if let (false, Some(t)) = (m.self_loop, &m.text) {
                    let r = t.rect();
                    if r.x < m.x1.min(m.x2) - 0.5 || r.right() > m.x1.max(m.x2) + 0.5 {
                        faults.push(format!("message {} text wider than its line", m.item));
                    }
                }
            }
            for (i, a) in l.messages.iter().enumerate() {
                for b in &l.messages[i + 1..] {
                    let same_row = (a.y - b.y).abs() < 1.0;
                    let texts = matches!((&a.text, &b.text), (Some(x), Some(y)) if x.rect().overlaps(&y.rect()));
                    if same_row || texts {
                        faults.push(format!("messages {} and {} drawn on top of each other", a.item, b.item));
                    }
                }
            }
            for b in &l.blocks {
                for t in b.condition.iter().chain(b.sections.iter().filter_map(|(_, t)| t.as_ref())) {
                    if !inside(&b.rect, &t.rect()) {
                        faults.push(format!("block {} text outside its frame", b.item));
                    }
                }
            }
            if l.text_collisions() > 0 {
                faults.push(format!("{} pairs of texts overlap", l.text_collisions()));
            }
            let page = Rect::new(-l.offset.x, -l.offset.y, l.width, l.height);
            for pp in &l.participants {
                if !inside(&page, &pp.bottom) {
                    faults.push("participant outside the drawing".into());
                }
            }
        }
        Diagram::Pie(p) => {
            let l = layout_pie(p);
            if l.labels_outside_slices() > 0 {
                faults.push(format!("{} slice labels outside their slice", l.labels_outside_slices()));
            }
            let page = Rect::new(0.0, 0.0, l.width, l.height);
            for r in l.text_rects() {
                if !inside(&page, &r) {
                    faults.push("text outside the drawing".into());
                }
            }
            let texts = l.text_rects();
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    if a.overlaps(b) {
                        faults.push("texts overlap (labels, title, legend)".into());
                    }
                }
            }
        }
        _ => {}
    }
    faults
}

#[derive(Default)]
struct Tally {
    diagrams: usize,
    agree: usize,
    rendered_by_mermaid: usize,
    render_failures: usize,
    models: usize,
    model_agree: usize,
    geometry_checked: usize,
    geometry_faults: usize,
    refusal_lines: usize,
    refusal_lines_agree: usize,
    width_ratios: Vec<f64>,
    height_ratios: Vec<f64>,
    /// Drawings more than a third larger or a quarter smaller than mermaid's.
    size_outliers: usize,
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

#[test]
fn sequence_and_pie_parity_with_mermaid() {
    let dir = corpus_dir();
    if !dir.join("atlas-mermaid/verdicts.tsv").exists() {
        println!("skipping: ../shared/corpus not found (sequence and pie parity not measured)");
        return;
    }
    let verdicts = std::fs::read_to_string(dir.join("atlas-mermaid/verdicts.tsv")).unwrap();
    let mut tallies = [("sequence", Tally::default()), ("pie", Tally::default())];
    let mut problems = Vec::new();
    for row in verdicts.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        let (id, verdict) = (cols[0], cols[1]);
        let Ok(text) = std::fs::read_to_string(dir.join("atlas").join(format!("{id}.mmd"))) else { continue };
        let t = match kind_of(&text) {
            "sequenceDiagram" => &mut tallies[0].1,
            "pie" => &mut tallies[1].1,
            _ => continue,
        };
        t.diagrams += 1;
        let theirs = verdict == "ok";
        let run = std::panic::catch_unwind(|| {
            let out = parse(&text);
            let rendered = render_svg(&text, &RenderOptions::default());
            let faults = out.diagram.as_ref().map(geometry_faults).unwrap_or_default();
            let size = rendered.as_ref().ok().and_then(|r| r.figures).map(|f| (f.width, f.height));
            (out, rendered.map(|r| r.svg.len()).unwrap_or(0), faults, size)
        });
        let Ok((out, svg_len, faults, size)) = run else {
            problems.push(format!("{id}: panic"));
            continue;
        };
        let ours = out.is_valid();
        if ours == theirs {
            t.agree += 1;
        } else {
            problems.push(format!("{id}: mermaid {verdict}, ours {:?}", out.first_error().map(|d| (d.code, d.message.clone()))));
        }
        if !theirs {
            // mermaid's "Parse error on line N" against our first error's line.
            let mermaid_line = cols.get(5).and_then(|m| m.strip_prefix("Parse error on line ")).and_then(|r| r.split(':').next()).and_then(|n| n.parse::<usize>().ok());
            if let (Some(want), Some(e)) = (mermaid_line, out.first_error()) {
                t.refusal_lines += 1;
                let got = LineIndex::new(&text).position(e.span.start).0;
                if got == want {
                    t.refusal_lines_agree += 1;
                } else {
                    problems.push(format!("{id}: mermaid's error is on line {want}, ours on line {got}"));
                }
            }
            continue;
        }
        t.rendered_by_mermaid += 1;
        if svg_len == 0 {
            t.render_failures += 1;
            problems.push(format!("{id}: mermaid renders it, we do not"));
        }
        t.geometry_checked += 1;
        // Our drawing's size against mermaid's viewBox.
        let mermaid_size = (cols.get(2).and_then(|w| w.parse::<f64>().ok()), cols.get(3).and_then(|h| h.parse::<f64>().ok()));
        if let (Some((w, h)), (Some(mw), Some(mh))) = (size, mermaid_size)
            && mw > 0.0
            && mh > 0.0
        {
            let (rw, rh) = (w / mw, h / mh);
            t.width_ratios.push(rw);
            t.height_ratios.push(rh);
            if !(0.75..=1.33).contains(&rw) || !(0.75..=1.33).contains(&rh) {
                problems.push(format!("{id}: {w}×{h}, mermaid's {mw}×{mh}"));
                t.size_outliers += 1;
            }
        }
        if !faults.is_empty() {
            t.geometry_faults += 1;
            problems.push(format!("{id}: {}", faults.join("; ")));
        }
        let Ok(json) = std::fs::read_to_string(dir.join("atlas-mermaid/model").join(format!("{id}.json"))) else { continue };
        let theirs_model: Value = serde_json::from_str::<Value>(&json).unwrap()["model"].clone();
        t.models += 1;
        let ours_model = out.diagram.as_ref().map(|d| d.to_mermaid_json()).unwrap_or(Value::Null);
        let (a, b) = (model_key(&ours_model), model_key(&theirs_model));
        if a == b {
            t.model_agree += 1;
        } else {
            let diff: Vec<&String> = b.iter().filter(|x| !a.contains(x)).chain(a.iter().filter(|x| !b.contains(x))).take(2).collect();
            problems.push(format!("{id}: model differs, e.g. {diff:?}"));
        }
    }
    for (kind, t) in &tallies {
        println!(
            "{kind:9} {} diagrams: verdict agrees on {} ({:.1}%); refusals' error line agrees on {}/{}; mermaid renders {}, we fail to render {}; model matches on {}/{} ({:.1}%); geometry faults in {}/{}",
            t.diagrams,
            t.agree,
            100.0 * t.agree as f64 / t.diagrams.max(1) as f64,
            t.refusal_lines_agree,
            t.refusal_lines,
            t.rendered_by_mermaid,
            t.render_failures,
            t.model_agree,
            t.models,
            100.0 * t.model_agree as f64 / t.models.max(1) as f64,
            t.geometry_faults,
            t.geometry_checked,
        );
        println!(
            "{kind:9} size against mermaid's: median width ratio {:.2}, height ratio {:.2}; {} outside 0.75-1.33",
            median(&t.width_ratios),
            median(&t.height_ratios),
            t.size_outliers
        );
    }
    for p in &problems {
        println!("  {p}");
    }
    assert!(!problems.iter().any(|p| p.ends_with("panic")), "panics");
    for (kind, t) in &tallies {
        assert!(t.diagrams > 0, "no {kind} diagrams in the corpus");
        assert_eq!(t.render_failures, 0, "{kind}: diagrams mermaid renders that we do not");
        assert!(t.agree * 100 >= t.diagrams * 99, "{kind}: verdict parity below 99%");
        assert!(t.model_agree * 100 >= t.models * 99, "{kind}: model parity below 99%");
        assert_eq!(t.geometry_faults, 0, "{kind}: geometric faults");
        assert_eq!(t.refusal_lines_agree, t.refusal_lines, "{kind}: error lines differ from mermaid's");
        assert_eq!(t.size_outliers, 0, "{kind}: drawings far larger or smaller than mermaid's");
    }
}
