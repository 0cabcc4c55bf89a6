//! State diagrams, each stage on its own: a typical Atlas state diagram
//! (Raft's roles: three composites), the largest (a circuit breaker: three
//! composites, notes, labels on every transition) and concurrent regions
//! (copied into `benches/data/` so benches run on a fresh clone): parse,
//! layout, SVG, PNG.
//!
//! cargo bench --bench state

use atlas_render::diagrams::state::draw::{draw_state, painted_styles};
use atlas_render::diagrams::state::layout::layout_state;
use atlas_render::model::config::ThemeName;
use atlas_render::diagrams::{parse, Diagram};
use atlas_render::pipeline::{convert_svg, Format, RenderOptions};
use atlas_render::svg::Theme;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

const DIAGRAMS: [(&str, &str); 3] = [
    ("state_typical", include_str!("data/state_typical.mmd")),
    ("state_largest", include_str!("data/state_largest.mmd")),
    ("state_regions", include_str!("data/state_regions.mmd")),
];

fn stages(c: &mut Criterion) {
    let options = RenderOptions::default();
    let theme = Theme::named(ThemeName::Default);
    for (name, text) in DIAGRAMS {
        let Some(Diagram::State(d)) = parse(text).diagram else {
            panic!("{name} does not parse");
        };
        let styles = painted_styles(&d, &options.planes, None);
        let layout = layout_state(&d);
        let svg = draw_state(&d, &layout, &theme, ThemeName::Default, &styles);
        c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
        c.bench_with_input(BenchmarkId::new("layout", name), &d, |b, d| b.iter(|| layout_state(black_box(d))));
        c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_state(&d, black_box(l), &theme, ThemeName::Default, &styles)));
        let mut group = c.benchmark_group("png");
        group.sample_size(20);
        group.bench_with_input(BenchmarkId::from_parameter(name), &svg, |b, s| b.iter(|| convert_svg(black_box(s), Format::Png, &options).unwrap()));
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
