//! The state diagram lexer, parser, layout and drawing on any text after a
//! `stateDiagram-v2` (or, when the first byte is odd, `stateDiagram`) header.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else { return };
    let header = if first % 2 == 0 { "stateDiagram-v2" } else { "stateDiagram" };
    let text = format!("{header}\n{}", String::from_utf8_lossy(body));
    let _ = atlas_render::pipeline::render_svg(&text, &atlas_render::pipeline::RenderOptions::default());
});
