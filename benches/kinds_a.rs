//! ER diagrams and mindmaps, each stage on its own: parse, layout, SVG and
//! PNG, on a typical Atlas ER diagram (four entities with attribute tables,
//! three relationships) and a typical Atlas mindmap (copied into
//! `benches/data/` so benches run on a fresh clone).
//!
//! cargo bench --bench kinds_a

use atlas_render::diagrams::er::draw::draw_er;
use atlas_render::diagrams::er::layout::layout_er;
use atlas_render::diagrams::mindmap::draw::draw_mindmap;
use atlas_render::diagrams::mindmap::layout::layout_mindmap;
use atlas_render::model::config::ThemeName;
use atlas_render::diagrams::Diagram;
use atlas_render::diagrams::parse;
use atlas_render::pipeline::{convert_svg, Format, RenderOptions};
use atlas_render::svg::Theme;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

const ER: (&str, &str) = ("er_typical", include_str!("data/er_typical.mmd"));
const MINDMAP: (&str, &str) = ("mindmap_typical", include_str!("data/mindmap_typical.mmd"));

fn png(c: &mut Criterion, name: &str, svg: &str) {
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("png");
    group.sample_size(20);
    group.bench_with_input(BenchmarkId::from_parameter(name), &svg, |b, s| b.iter(|| convert_svg(black_box(s), Format::Png, &options).unwrap()));
    group.finish();
}

fn er(c: &mut Criterion) {
    let (name, text) = ER;
    let Some(Diagram::Er(e)) = parse(text).diagram else { panic!("{name} does not parse") };
    let theme = Theme::named(ThemeName::Default);
    let layout = layout_er(&e);
    let svg = draw_er(&e, &layout, &theme, ThemeName::Default);
    c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
    c.bench_with_input(BenchmarkId::new("layout", name), &e, |b, e| b.iter(|| layout_er(black_box(e))));
    c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_er(&e, black_box(l), &theme, ThemeName::Default)));
    png(c, name, &svg);
}

fn mindmap(c: &mut Criterion) {
    let (name, text) = MINDMAP;
    let Some(Diagram::Mindmap(m)) = parse(text).diagram else { panic!("{name} does not parse") };
    let theme = Theme::named(ThemeName::Default);
    let layout = layout_mindmap(&m);
    let svg = draw_mindmap(&m, &layout, &theme, ThemeName::Default);
    c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
    c.bench_with_input(BenchmarkId::new("layout", name), &m, |b, m| b.iter(|| layout_mindmap(black_box(m))));
    c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_mindmap(&m, black_box(l), &theme, ThemeName::Default)));
    png(c, name, &svg);
}

criterion_group!(benches, er, mindmap);
criterion_main!(benches);
