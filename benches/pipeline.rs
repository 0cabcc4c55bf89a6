//! Each stage on its own, on Atlas flowcharts of three sizes plus the one
//! with the most subgraphs, a typical and the largest Atlas sequence diagram
//! and a typical pie chart (copied into `benches/data/` so benches run on a
//! fresh clone): parse, layout, SVG, PNG.
//!
//! cargo bench --bench pipeline

use atlas_render::diagrams::flowchart::layout::layout_flowchart;
use atlas_render::diagrams::pie::layout::layout_pie;
use atlas_render::diagrams::sequence::layout::layout_sequence;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{convert_svg, Format, RenderOptions};
use atlas_render::model::config::ThemeName;
use atlas_render::diagrams::pie::draw::draw_pie;
use atlas_render::diagrams::sequence::draw::draw_sequence;
use atlas_render::diagrams::flowchart::draw::draw_flowchart;
use atlas_render::svg::Theme;
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

const SEQUENCES: [(&str, &str); 2] = [
    ("sequence_typical", include_str!("data/sequence_typical.mmd")),
    ("sequence_largest", include_str!("data/sequence_largest.mmd")),
];

const PIES: [(&str, &str); 1] = [("pie_typical", include_str!("data/pie_typical.mmd"))];

fn png(c: &mut Criterion, name: &str, svg: &str) {
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("png");
    group.sample_size(20);
    group.bench_with_input(BenchmarkId::from_parameter(name), &svg, |b, s| b.iter(|| convert_svg(black_box(s), Format::Png, &options).unwrap()));
    group.finish();
}

fn sequence_stages(c: &mut Criterion) {
    let theme = Theme::named(ThemeName::Default);
    for (name, text) in SEQUENCES {
        let Some(Diagram::Sequence(s)) = parse(text).diagram else {
            panic!("{name} does not parse");
        };
        let layout = layout_sequence(&s);
        let svg = draw_sequence(&s, &layout, &theme);
        c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
        c.bench_with_input(BenchmarkId::new("layout", name), &s, |b, s| b.iter(|| layout_sequence(black_box(s))));
        c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_sequence(&s, black_box(l), &theme)));
        png(c, name, &svg);
    }
    for (name, text) in PIES {
        let Some(Diagram::Pie(p)) = parse(text).diagram else {
            panic!("{name} does not parse");
        };
        let layout = layout_pie(&p);
        let svg = draw_pie(&p, &layout, &theme, ThemeName::Default);
        c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
        c.bench_with_input(BenchmarkId::new("layout", name), &p, |b, p| b.iter(|| layout_pie(black_box(p))));
        c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_pie(&p, black_box(l), &theme, ThemeName::Default)));
        png(c, name, &svg);
    }
}

criterion_group!(benches, stages, sequence_stages);
criterion_main!(benches);
