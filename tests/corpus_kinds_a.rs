//! ER diagrams and mindmaps against mermaid-js 11.17 on the Atlas
//! (`../shared`, see its README):
//!
//! 1. verdicts: `parse(text).is_valid()` agrees with mermaid's ok/error on
//!    every public `erDiagram` and `mindmap`;
//! 2. every one mermaid renders draws here, with no overlapping boxes, no
//!    text outside its box, no line through an entity or node, no crossing
//!    mindmap edges;
//! 3. every block of these kinds in the Atlas site (`../shared/atlas-site`)
//!    draws.
//!
//! 4. crafted probes of both grammars get mermaid's verdicts (no `../shared` needed).
//!
//! Skips 1-3, saying so, when `../shared` is absent.

use atlas_render::pipeline::{render_svg, RenderOptions};
use atlas_render::source::mermaid_blocks;
use atlas_render::diagrams::parse;
use atlas_render::Severity;
use std::path::{Path, PathBuf};

mod common;
use common::{corpus_diagrams, corpus_dir, kind_of, verdict_table};

const KINDS: [&str; 2] = ["erDiagram", "mindmap"];

#[test]
fn er_and_mindmaps_match_mermaid() {
    let root = corpus_dir();
    if !root.join("atlas").is_dir() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let verdicts = verdict_table(&root);
    let all = corpus_diagrams(&root, &KINDS);
    assert!(all.len() >= 8, "found only {} ER diagrams and mindmaps", all.len());
    let mut disagree = Vec::new();
    let mut problems = Vec::new();
    let mut drawn = 0;
    for (id, text) in &all {
        let Some(&(mermaid_ok, _, _)) = verdicts.get(id) else { panic!("{id}: no verdict") };
        let outcome = parse(text);
        if outcome.is_valid() != mermaid_ok {
            disagree.push(format!("{id}: mermaid {} / ours {:?}", if mermaid_ok { "ok" } else { "error" }, outcome.first_error().map(|d| (d.code, d.message.clone()))));
        }
        if !mermaid_ok {
            continue;
        }
        match render_svg(text, &RenderOptions::default()) {
            Err(f) => problems.push(format!("{id}: does not draw: {:?}", f.diagnostics.first().map(|d| &d.message))),
            Ok(r) => {
                drawn += 1;
                let f = r.figures.expect("figures");
                if f.overlaps + f.text_overflow + f.edge_node_hits > 0 || (kind_of(text) == "mindmap" && f.crossings > 0) {
                    problems.push(format!("{id}: {} overlaps, {} texts outside, {} lines through boxes, {} crossings", f.overlaps, f.text_overflow, f.edge_node_hits, f.crossings));
                }
            }
        }
    }
    eprintln!("ER diagrams and mindmaps: {} ({drawn} drawn)", all.len());
    assert!(disagree.is_empty(), "verdicts differ from mermaid's:\n{}", disagree.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn site_blocks_of_these_kinds_draw() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/atlas-site/docs");
    if !site.is_dir() {
        eprintln!("skipping: no Atlas site at {}", site.display());
        return;
    }
    let mut files = Vec::new();
    markdown_files(&site, &mut files);
    files.sort();
    let mut found = 0;
    let mut failures = Vec::new();
    for file in files {
        let content = std::fs::read_to_string(&file).unwrap();
        for block in mermaid_blocks(&content) {
            let text: String = block.iter().map(|(_, l)| format!("{l}\n")).collect();
            if !KINDS.contains(&kind_of(&text)) {
                continue;
            }
            found += 1;
            match render_svg(&text, &RenderOptions::default()) {
                Ok(r) if !r.diagnostics.iter().any(|d| d.severity == Severity::Error) => {}
                Ok(r) => failures.push(format!("{}: {:?}", file.display(), r.diagnostics.first().map(|d| &d.message))),
                Err(f) => failures.push(format!("{}: {:?}", file.display(), f.diagnostics.first().map(|d| &d.message))),
            }
        }
    }
    eprintln!("site blocks of these kinds: {found}");
    assert!(found >= 8, "found only {found} blocks");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Sources written to probe the grammars, with mermaid-js 11.17.2's verdict
/// on each (from the reference renderer, `/work/mref`): ours must agree.
const PROBES: &[(&str, bool)] = &[
    ("erDiagram\n  A ||--o{ B\n", false),
    ("erDiagram\n  A {\n    string\n  }\n", false),
    ("erDiagram\n  A ||-->o{ B : x\n", false),
    ("erDiagram\n  A {\n    string name\n", false),
    ("erDiagram\n  A ||--o{ one : x\n", false),
    ("erDiagram\n  A % B\n", false),
    ("erDiagram\n  end\n", false),
    ("erDiagram\n  A ||--o{ B : x\n", true),
    ("erDiagram\n  A one or more to zero or one B : x\n", true),
    ("erDiagram\n  A {\n    int id PK \"c\"\n    string? maybe\n  }\n", true),
    ("erDiagram\n  \"Order (old)\" ||--|| B : \"a label\"\n", true),
    ("erDiagram\n  A ||--|| B : x y\n", true),
    ("erDiagram\n  A {\n    int id PK NOT NULL\n  }\n", true),
    ("erDiagram\n  A u--|| B : x\n", true),
    ("erDiagram\n  subgraph S\n    A\n", false),
    ("erDiagram\n  A[Alias] ||--|| B : x\n", false),
    ("erDiagram\n  A:::c ||--|| B:::d : x\n  classDef c fill:#f00\n", true),
    ("erDiagram\n  1 ||--|| 2 : x\n", true),
    ("erDiagram\n  A }o--o{ B : \"many to many\"\n  B |o..o| C : \"maybe\"\n", true),
    ("erDiagram\n  A -- B : x\n", false),
    ("mindmap\n  root\n  second root\n", false),
    ("mindmap\n  a[b] c\n", false),
    ("mindmap\n  a {b}\n", false),
    ("mindmap\n  ::icon(x)\n  a\n", false),
    ("mindmap\n  a[b\n", false),
    ("mindmap\n  root\n    a[\"quoted\" more]\n", false),
    ("mindmap\n  root\n    a[b (c)]\n", false),
    ("mindmap\n  root\n    a[\"b (c)\"]\n", true),
    ("mindmap\n  root\n    a(b)c\n", false),
    ("mindmap\n\n", true),
    ("mindmap\n  root\n    child\n      grand\n   sibling-ish\n", true),
    ("mindmap\n  root((r))\n    a))b((\n    c)d(\n    e{{f}}\n    (g)\n", true),
    ("mindmap\n  root\n    a:::x\n    b :::y\n", true),
    ("mindmap\n  root\n    a\n    %% comment\n    b\n", true),
    ("mindmap\n  root\n    a\n\n\n    b\n", true),
];

#[test]
fn verdicts_on_probes_match_mermaid() {
    let mut disagree = Vec::new();
    for (text, mermaid_ok) in PROBES {
        let outcome = parse(text);
        if outcome.is_valid() != *mermaid_ok {
            disagree.push(format!("{text:?}: mermaid {mermaid_ok} / ours {:?}", outcome.first_error().map(|d| d.code)));
        }
        if !mermaid_ok {
            let e = outcome.first_error().expect("an error");
            assert!(e.code.starts_with("AR84") || e.code.starts_with("AR86"), "{text:?}: {}", e.code);
            assert!(e.hint.is_some(), "{text:?}: no hint");
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}
