//! The ER, mindmap, sankey, quadrant and gitGraph parsers, layouts and
//! drawings: the first byte picks the header, the rest is the body.
#![no_main]
use libfuzzer_sys::fuzz_target;

const HEADERS: [&str; 6] = ["erDiagram", "mindmap", "sankey-beta", "quadrantChart", "gitGraph", "gitGraph LR:"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else { return };
    let text = format!("{}\n{}", HEADERS[first as usize % HEADERS.len()], String::from_utf8_lossy(body));
    let _ = atlas_render::pipeline::render_svg(&text, &atlas_render::pipeline::RenderOptions::default());
});
