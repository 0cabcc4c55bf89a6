//! The layout's growth table: time per node for generated flowcharts of
//! n = 50, 100, ... nodes, with and without nested subgraphs, and deep
//! nesting. Sizes stop growing once one takes longer than the cap.
//!
//! cargo run --release --example growth_table [-- --cap-seconds 5 --max-n 6400]

#[path = "../benches/growth_graphs.rs"]
mod growth_graphs;

use atlas_render::diagrams::flowchart::layout::layout_flowchart;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use std::time::Instant;

fn time_layout(text: &str) -> (f64, usize, usize, usize) {
    let Some(Diagram::Flowchart(f)) = parse(text).diagram else { panic!("a generated graph does not parse") };
    let start = Instant::now();
    let layout = layout_flowchart(&f);
    let seconds = start.elapsed().as_secs_f64();
    let fig = atlas_render::diagrams::flowchart::metrics::measure_flowchart(&f, &layout);
    // the drawing stays clean however big: these must all be 0
    let faults = fig.overlaps + fig.edge_node_hits + fig.outside_cluster + fig.cluster_overlaps + fig.text_overflow;
    assert_eq!(faults, 0, "a generated graph drew with overlaps, edges through nodes or members outside: {fig:?}");
    (seconds, f.nodes.len(), f.edges.len(), fig.crossings)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: f64| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default);
    let cap = arg("--cap-seconds", 5.0);
    let max_n = arg("--max-n", 6400.0) as usize;
    println!("| graph | nodes | edges | subgraphs | layout ms | µs per node | crossings |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for clusters in [false, true] {
        let mut n = 50;
        while n <= max_n {
            let text = growth_graphs::layered(n, clusters, 7);
            let subgraphs = text.matches("subgraph").count();
            let (s, nodes, edges, crossings) = time_layout(&text);
            println!("| layered{} | {nodes} | {edges} | {subgraphs} | {:.1} | {:.1} | {crossings} |", if clusters { " + nested subgraphs" } else { "" }, s * 1e3, s * 1e6 / nodes as f64);
            if s > cap {
                println!("| (stopped: {:.1} s is over the cap of {cap} s) | | | | | | |", s);
                break;
            }
            n *= 2;
        }
    }
    for depth in [50, 100, 200] {
        let (s, nodes, edges, crossings) = time_layout(&growth_graphs::deep(depth));
        println!("| nested {depth} deep | {nodes} | {edges} | {depth} | {:.1} | {:.1} | {crossings} |", s * 1e3, s * 1e6 / nodes as f64);
    }
}
