//! Every parser alone (no layout), fast enough to run millions of inputs:
//! the first byte picks the header, the rest is the body, read within the
//! default limits as every command reads it.
#![no_main]
use libfuzzer_sys::fuzz_target;

const HEADERS: [&str; 15] = [
    "flowchart TD", "graph LR", "sequenceDiagram", "pie showData", "gantt", "timeline", "xychart-beta", "stateDiagram-v2", "stateDiagram", "erDiagram", "mindmap", "sankey-beta",
    "quadrantChart", "gitGraph", "",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else { return };
    let text = format!("{}\n{}", HEADERS[first as usize % HEADERS.len()], String::from_utf8_lossy(body));
    let _ = atlas_render::diagrams::parse_within(&text, &atlas_render::limits::Limits::default());
});
