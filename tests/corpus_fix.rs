//! `check --fix` on a copy of the Atlas corpus: every refusal it can fix is
//! fixed (mermaid-compatible parse accepts the result), the drawing is the
//! one the author meant (same model as the tolerant reading of the
//! original), no accepted diagram is broken, and a second run is a no-op.
//! Skips (passing, with a message) when `../shared/corpus` is absent.

use atlas_render::check::fix::fix_paths;
use atlas_render::check::{check_source, is_lint_rule, CheckOptions};
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::source::DiagramSource;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.join("atlas-mermaid/verdicts.tsv").exists().then_some(dir)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The model with labels read as a reader sees them (entities decoded,
/// lines trimmed), so `A[x (y)]` and `A["x (y)"]` compare equal.
fn normalised_model(text: &str) -> Option<String> {
    let outcome = parse(text);
    let Some(Diagram::Flowchart(f)) = outcome.diagram else { return None };
    let label = |s: &str| {
        s.replace("#quot;", "\"").replace("<br/>", "\n").replace("<br>", "\n").lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
    };
    let mut out = String::new();
    for n in &f.nodes {
        out.push_str(&format!("node {} {:?} {:?} {:?}\n", n.id, label(&n.label.text), n.shape, n.classes));
    }
    for e in &f.edges {
        out.push_str(&format!("edge {} {} {:?} {:?}\n", e.from, e.to, e.label.as_ref().map(|l| label(&l.text)), e.stroke));
    }
    for s in &f.subgraphs {
        out.push_str(&format!("subgraph {} {:?} {:?}\n", s.id, label(&s.title.text), s.members));
    }
    Some(out)
}

#[test]
fn fix_repairs_what_it_can_and_changes_nothing_the_second_time() {
    let Some(dir) = corpus() else {
        println!("skipping: ../shared/corpus not found (the corpus tests run where it is present, as in CI)");
        return;
    };
    let work = std::env::temp_dir().join(format!("atlas-render-fix-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    copy_tree(&dir.join("atlas"), &work);
    let options = CheckOptions::default();

    let verdicts = std::fs::read_to_string(dir.join("atlas-mermaid/verdicts.tsv")).unwrap();
    let rows: Vec<(String, bool)> = verdicts.lines().skip(1).map(|l| {
        let c: Vec<&str> = l.split('\t').collect();
        (c[0].to_string(), c[1] == "ok")
    }).collect();
    let before: Vec<_> = rows.iter().map(|(id, _)| std::fs::read_to_string(work.join(format!("{id}.mmd"))).unwrap()).collect();

    let fixed_files = fix_paths(&[work.clone()], &options).unwrap();
    let again = fix_paths(&[work.clone()], &options).unwrap();

    let (mut refused, mut fixable, mut repaired, mut broken, mut meaning_changed) = (0, 0, 0, Vec::new(), Vec::new());
    let mut not_repaired = Vec::new();
    for ((id, mermaid_ok), original) in rows.iter().zip(&before) {
        let after = std::fs::read_to_string(work.join(format!("{id}.mmd"))).unwrap();
        let was = check_source(DiagramSource::whole_file(format!("{id}.mmd"), original.clone()));
        let now = check_source(DiagramSource::whole_file(format!("{id}.mmd"), after.clone()));
        if *mermaid_ok {
            if !now.mermaid_ok() && was.mermaid_ok() {
                broken.push(id.clone());
            }
            continue;
        }
        refused += 1;
        // fixable: every reason mermaid-js has to refuse it has a fix
        let reasons: Vec<_> = was.diagnostics.iter().filter(|d| d.is_error() && !is_lint_rule(d.code)).collect();
        let can_fix = !reasons.is_empty() && reasons.iter().all(|e| e.fix.is_some());
        if can_fix {
            fixable += 1;
        }
        if now.mermaid_ok() {
            repaired += 1;
            if normalised_model(original) != normalised_model(&after) {
                meaning_changed.push(id.clone());
            }
        } else if can_fix {
            not_repaired.push(format!("{id}: {:?}", now.first_error().map(|e| &e.message)));
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    println!("--fix changed {} files; mermaid-js refusals: {refused}, fixable: {fixable}, repaired: {repaired} ({:.1}% of all refusals)", fixed_files.len(), 100.0 * repaired as f64 / refused as f64);
    assert!(again.is_empty(), "a second --fix changed {} files, e.g. {:?}", again.len(), again.first());
    assert!(broken.is_empty(), "--fix broke diagrams mermaid-js accepts: {broken:?}");
    assert!(not_repaired.is_empty(), "fixable refusals still refused after --fix: {not_repaired:?}");
    assert!(meaning_changed.is_empty(), "--fix changed what these diagrams mean: {meaning_changed:?}");
    assert!(repaired >= 493, "only {repaired} refusals repaired (493 on the Atlas corpus: flowchart labels and titles, timeline times)");
}
