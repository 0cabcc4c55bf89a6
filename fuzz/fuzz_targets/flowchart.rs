//! The flowchart lexer, parser and layout on any text after a flowchart header.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = format!("flowchart TD\n{}", String::from_utf8_lossy(data));
    let _ = atlas_render::pipeline::render_svg(&text, &atlas_render::pipeline::RenderOptions::default());
});
