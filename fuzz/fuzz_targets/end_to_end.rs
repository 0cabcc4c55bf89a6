//! Any text, as a whole diagram (front matter, directives, any kind), to
//! SVG (inline, with the dark scheme) and on to PNG; `check` too.
#![no_main]
use atlas_render::pipeline::{convert_svg, render_svg, Format, RenderOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = atlas_render::diagrams::parse(&text);
    let inline = RenderOptions { scale: 0.25, id_prefix: Some("f-".into()), dark_scheme: Some("html.dark".into()), ..RenderOptions::default() };
    if let Ok(r) = render_svg(&text, &inline) {
        let _ = convert_svg(&r.svg, Format::Png, &inline);
    }
});
