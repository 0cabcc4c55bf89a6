//! Each stage on its own, on Atlas flowcharts of three sizes plus the one
//! with the most subgraphs (copied into `benches/data/` so benches run on a
//! fresh clone): parse, layout, SVG, PNG.
//!
//! cargo bench --bench pipeline

use atlas_render::layout::layout_flowchart;
use atlas_render::model::Diagram;
use atlas_render::parse::parse;
use atlas_render::pipeline::{convert_svg, Format, RenderOptions};
use atlas_render::svg::{draw_flowchart, Theme};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

const DIAGRAMS: [(&str, &str); 4] = [
    ("small", include_str!("data/small.mmd")),
    ("typical", include_str!("data/typical.mmd")),
    ("largest", include_str!("data/largest.mmd")),
    ("clusters", include_str!("data/clusters.mmd")),
];

fn stages(c: &mut Criterion) {
    let options = RenderOptions::default();
    for (name, text) in DIAGRAMS {
        let Some(Diagram::Flowchart(f)) = parse(text).diagram else {
            panic!("{name} does not parse");
        };
        let layout = layout_flowchart(&f);
        let theme = Theme::named(f.config.theme);
        let svg = draw_flowchart(&f, &layout, &theme, &[]);
        c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
        c.bench_with_input(BenchmarkId::new("layout", name), &f, |b, f| b.iter(|| layout_flowchart(black_box(f))));
        c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_flowchart(&f, black_box(l), &theme, &[])));
        let mut group = c.benchmark_group("png");
        group.sample_size(20);
        group.bench_with_input(BenchmarkId::from_parameter(name), &svg, |b, s| b.iter(|| convert_svg(black_box(s), Format::Png, &options).unwrap()));
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
