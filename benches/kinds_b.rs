//! Sankey diagrams, quadrant charts and git graphs, each stage on its own:
//! parse, layout, SVG and PNG, on the Atlas's own sankey diagram (Square's
//! costs: 29 nodes, 25 links), quadrant chart (eight anti-patterns) and git
//! graph (the style guide's: four branches, 14 commits), copied into
//! `benches/data/` so benches run on a fresh clone.
//!
//! cargo bench --bench kinds_b

use atlas_render::diagrams::gitgraph::draw::draw_gitgraph;
use atlas_render::diagrams::gitgraph::layout::layout_gitgraph;
use atlas_render::diagrams::quadrant::draw::draw_quadrant;
use atlas_render::diagrams::quadrant::layout::layout_quadrant;
use atlas_render::diagrams::sankey::draw::draw_sankey;
use atlas_render::diagrams::sankey::layout::layout_sankey;
use atlas_render::diagrams::{parse, Diagram};
use atlas_render::model::config::ThemeName;
use atlas_render::pipeline::{convert_svg, Format, RenderOptions};
use atlas_render::svg::Theme;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

const SANKEY: (&str, &str) = ("sankey_atlas", include_str!("data/sankey_atlas.mmd"));
const QUADRANT: (&str, &str) = ("quadrant_atlas", include_str!("data/quadrant_atlas.mmd"));
const GITGRAPH: (&str, &str) = ("gitgraph_atlas", include_str!("data/gitgraph_atlas.mmd"));

fn png(c: &mut Criterion, name: &str, svg: &str) {
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("png");
    group.sample_size(20);
    group.bench_with_input(BenchmarkId::from_parameter(name), &svg, |b, s| b.iter(|| convert_svg(black_box(s), Format::Png, &options).unwrap()));
    group.finish();
}

fn sankey(c: &mut Criterion) {
    let (name, text) = SANKEY;
    let Some(Diagram::Sankey(s)) = parse(text).diagram else { panic!("{name} does not parse") };
    let theme = Theme::named(ThemeName::Default);
    let layout = layout_sankey(&s);
    let svg = draw_sankey(&s, &layout, &theme, ThemeName::Default);
    c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
    c.bench_with_input(BenchmarkId::new("layout", name), &s, |b, s| b.iter(|| layout_sankey(black_box(s))));
    c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_sankey(&s, black_box(l), &theme, ThemeName::Default)));
    png(c, name, &svg);
}

fn quadrant(c: &mut Criterion) {
    let (name, text) = QUADRANT;
    let Some(Diagram::Quadrant(q)) = parse(text).diagram else { panic!("{name} does not parse") };
    let theme = Theme::named(ThemeName::Default);
    let layout = layout_quadrant(&q);
    let svg = draw_quadrant(&q, &layout, &theme, ThemeName::Default);
    c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
    c.bench_with_input(BenchmarkId::new("layout", name), &q, |b, q| b.iter(|| layout_quadrant(black_box(q))));
    c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_quadrant(&q, black_box(l), &theme, ThemeName::Default)));
    png(c, name, &svg);
}

fn gitgraph(c: &mut Criterion) {
    let (name, text) = GITGRAPH;
    let Some(Diagram::GitGraph(g)) = parse(text).diagram else { panic!("{name} does not parse") };
    let theme = Theme::named(ThemeName::Default);
    let layout = layout_gitgraph(&g);
    let svg = draw_gitgraph(&g, &layout, &theme, ThemeName::Default);
    c.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| b.iter(|| parse(black_box(t))));
    c.bench_with_input(BenchmarkId::new("layout", name), &g, |b, g| b.iter(|| layout_gitgraph(black_box(g))));
    c.bench_with_input(BenchmarkId::new("svg", name), &layout, |b, l| b.iter(|| draw_gitgraph(&g, black_box(l), &theme, ThemeName::Default)));
    png(c, name, &svg);
}

criterion_group!(benches, sankey, quadrant, gitgraph);
criterion_main!(benches);
