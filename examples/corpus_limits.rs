//! What the limits are measured against: the largest input, node and edge
//! counts, nesting depth and label length over the diagrams under some
//! paths (the Atlas corpus, the Atlas site), by kind, with the diagram that
//! holds each maximum. The defaults in `src/limits.rs` must cover these
//! with a wide margin.
//!
//! cargo run --release --example corpus_limits -- ../shared/corpus/atlas ../shared/atlas-site/docs

use atlas_render::diagrams::parse;
use atlas_render::limits::{Limits, Survey};
use atlas_render::source::{collect_files, diagrams_in_file};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let files = collect_files(&paths).expect("readable paths");
    // per kind: (diagrams, [max, where] for bytes, nodes, edges, depth, label)
    let mut table: BTreeMap<&'static str, (usize, [(usize, String); 5])> = BTreeMap::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        for source in diagrams_in_file(file, &text) {
            let outcome = parse(&source.text);
            let mut survey = Survey::new(&Limits::default());
            if let Some(d) = &outcome.diagram {
                d.survey(&mut survey);
            }
            let c = survey.counts();
            let row = table.entry(outcome.kind.name()).or_default();
            row.0 += 1;
            for (i, v) in [source.text.len(), c.nodes, c.edges, c.depth, c.label_chars].into_iter().enumerate() {
                if v > row.1[i].0 {
                    row.1[i] = (v, source.display_name());
                }
            }
        }
    }
    let names = ["input bytes", "nodes", "edges", "depth", "label chars"];
    let mut all = [0usize; 5];
    for (kind, (n, maxima)) in &table {
        println!("{kind} ({n} diagrams)");
        for (i, (v, at)) in maxima.iter().enumerate() {
            println!("  {:12} {v:>7}  {at}", names[i]);
            all[i] = all[i].max(*v);
        }
    }
    println!("all kinds: {}", names.iter().zip(all).map(|(n, v)| format!("{n} {v}")).collect::<Vec<_>>().join(", "));
}
