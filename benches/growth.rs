//! How the layered layout grows with the graph: generated layered random
//! flowcharts (see `growth_graphs.rs`) of 50, 200 and 800 nodes, with and
//! without nested subgraphs, and 100-deep nesting. The whole table up to
//! 6,400 nodes: `cargo run --release --example growth_table`.
//!
//! cargo bench --bench growth

mod growth_graphs;

use atlas_render::diagrams::flowchart::layout::layout_flowchart;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

fn flowchart(text: &str) -> atlas_render::diagrams::flowchart::model::Flowchart {
    match parse(text).diagram {
        Some(Diagram::Flowchart(f)) => f,
        _ => panic!("a generated graph does not parse"),
    }
}

fn growth(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout_growth");
    group.sample_size(10);
    for clusters in [false, true] {
        for n in [50, 200, 800] {
            let f = flowchart(&growth_graphs::layered(n, clusters, 7));
            let name = if clusters { format!("clustered/{n}") } else { format!("flat/{n}") };
            group.bench_with_input(BenchmarkId::from_parameter(name), &f, |b, f| b.iter(|| layout_flowchart(black_box(f))));
        }
    }
    let f = flowchart(&growth_graphs::deep(100));
    group.bench_with_input(BenchmarkId::from_parameter("nested/100"), &f, |b, f| b.iter(|| layout_flowchart(black_box(f))));
    group.finish();
}

criterion_group!(benches, growth);
criterion_main!(benches);
