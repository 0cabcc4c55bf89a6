//! Every input a fuzz target found failing (crash, hang, memory), kept in
//! `tests/fuzz/` as the target saw it (`<target>-<what>.bin`), must now be
//! drawn or refused, quickly.

use atlas_render::pipeline::{convert_svg, render_svg, Format, RenderOptions};
use std::time::Duration;

/// The text a target builds from its input (see `fuzz/fuzz_targets/`).
fn as_target_saw_it(target: &str, data: &[u8]) -> String {
    match target {
        "flowchart" => format!("flowchart TD\n{}", String::from_utf8_lossy(data)),
        "sequence" => format!("sequenceDiagram\n{}", String::from_utf8_lossy(data)),
        "charts" => {
            let headers = ["pie", "gantt", "timeline", "xychart-beta"];
            let Some((&first, body)) = data.split_first() else { return String::new() };
            format!("{}\n{}", headers[first as usize % headers.len()], String::from_utf8_lossy(body))
        }
        "state" => {
            let Some((&first, body)) = data.split_first() else { return String::new() };
            format!("{}\n{}", if first % 2 == 0 { "stateDiagram-v2" } else { "stateDiagram" }, String::from_utf8_lossy(body))
        }
        "kinds" => {
            let headers = ["erDiagram", "mindmap", "sankey-beta", "quadrantChart", "gitGraph", "gitGraph LR:"];
            let Some((&first, body)) = data.split_first() else { return String::new() };
            format!("{}\n{}", headers[first as usize % headers.len()], String::from_utf8_lossy(body))
        }
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

#[test]
fn every_failing_fuzz_input_is_now_drawn_or_refused_quickly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/fuzz").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let target = name.split('-').next().unwrap_or("").to_string();
        let text = as_target_saw_it(&target, &std::fs::read(&file).unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let options = RenderOptions { scale: 0.25, ..RenderOptions::default() };
            if let Ok(r) = render_svg(&text, &options) {
                let _ = convert_svg(&r.svg, Format::Png, &options);
            }
            let _ = tx.send(());
        });
        // a second, not the fuzzers' one: the test machine may be loaded
        assert!(rx.recv_timeout(Duration::from_secs(5)).is_ok(), "{name} still hangs (or panicked)");
    }
}
