//! Draws corpus diagrams from mermaid-js's own parse, to look at layout and
//! drawing independently of our parser.
//!
//! cargo run --release --example mermaid_model -- OUT_DIR ID...
//! (IDs as in ../shared/corpus/atlas-mermaid/verdicts.tsv)

use atlas_render::diagrams::flowchart::model::Flowchart;
use atlas_render::diagrams::Definition;
use atlas_render::pipeline::{convert_svg, Format, RenderOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, ids)) = args.split_first() else {
        eprintln!("usage: mermaid_model OUT_DIR ID...");
        std::process::exit(2);
    };
    std::fs::create_dir_all(out).expect("output folder");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/atlas-mermaid/model");
    for id in ids {
        let text = std::fs::read_to_string(corpus.join(format!("{id}.json"))).expect("model JSON");
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let Some(f) = Flowchart::from_mermaid_json(&v["model"]) else {
            eprintln!("{id}: not a flowchart");
            continue;
        };
        let options = RenderOptions::default();
        let (svg, figures) = f.render(&options);
        let name = id.replace('/', "__");
        std::fs::write(format!("{out}/{name}.svg"), &svg).expect("write SVG");
        let png = convert_svg(&svg, Format::Png, &RenderOptions { scale: 1.0, ..options }).expect("PNG");
        std::fs::write(format!("{out}/{name}.png"), png).expect("write PNG");
        println!("{id}: {figures:?}");
        println!("   mermaid: {}", v["geometry"]);
    }
}
