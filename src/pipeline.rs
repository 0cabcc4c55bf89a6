//! One diagram from text to SVG: parse, lay out, draw; and to PNG or PDF.

use crate::diagnostics::{Diagnostic, Severity};
use crate::diagrams::flowchart::metrics::measure_flowchart;
use crate::layout::LayoutFigures;
use crate::diagrams::flowchart::layout::layout_flowchart;
use crate::layout::record::LayoutRecord;
use crate::model::config::ThemeName;
use crate::diagrams::{Diagram, Flowchart};
use crate::model::DiagramKind;
use crate::diagrams::parse;
use crate::planes::{self, PlaneSettings};
use crate::diagrams::flowchart::draw::draw_flowchart;
use crate::svg::Theme;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Svg,
    Png,
    Pdf,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// A theme that overrides the diagram's own.
    pub theme: Option<ThemeName>,
    /// Pixels per SVG unit in PNG output.
    pub scale: f64,
    /// How the Atlas's planes are coloured, and whether a legend is drawn.
    pub planes: PlaneSettings,
    /// For SVG inlined in HTML: every id and reference to one prefixed with
    /// this (see `svg::inline`), and `role="img"`.
    pub id_prefix: Option<String>,
    /// For SVG inlined in a page with a dark colour scheme: the page's
    /// selector for it (`[data-md-color-scheme="slate"]`); the drawing then
    /// carries the dark theme's paint as rules under it (see `svg::scheme`).
    pub dark_scheme: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { theme: None, scale: 2.0, planes: PlaneSettings::default(), id_prefix: None, dark_scheme: None }
    }
}

/// The page background behind a drawing made for both schemes: white, and
/// MkDocs Material's slate (`hsl(225, 15%, 14%)`).
const LIGHT_PAGE: &str = "#FFFFFF";
const DARK_PAGE: &str = "#1E2129";

/// The theme a drawing is made with: the options' over the diagram's own;
/// with a background when it is to follow the page's scheme.
fn theme_for(options: &RenderOptions, own: ThemeName) -> (Theme, ThemeName) {
    let name = options.theme.unwrap_or(own);
    let mut theme = Theme::named(name);
    if options.dark_scheme.is_some() {
        theme.background = Some(if name == ThemeName::Dark { DARK_PAGE } else { theme.background.unwrap_or(LIGHT_PAGE) });
    }
    (theme, name)
}

/// A drawn diagram.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub kind: DiagramKind,
    pub svg: String,
    /// Everything parsing found. Errors here are what mermaid-js would
    /// refuse; the drawing shows what the author meant all the same.
    pub diagnostics: Vec<Diagnostic>,
    pub figures: Option<LayoutFigures>,
}

/// Why a diagram could not be drawn.
#[derive(Debug, Clone)]
pub struct RenderFailure {
    pub kind: DiagramKind,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses, lays out and draws one diagram.
pub fn render_svg(text: &str, options: &RenderOptions) -> Result<Rendered, RenderFailure> {
    render(text, options, false).map(|(rendered, _)| rendered)
}

/// The same, with the drawing's geometry as a record by id (flowcharts;
/// `None` for the kinds whose layout is fixed by their data).
pub fn render_recorded(text: &str, options: &RenderOptions) -> Result<(Rendered, Option<LayoutRecord>), RenderFailure> {
    render(text, options, true)
}

/// Draws a diagram; `record` asks for its geometry record too (only the
/// snapshot store needs it, so the other paths do not pay for it).
fn render(text: &str, options: &RenderOptions, record: bool) -> Result<(Rendered, Option<LayoutRecord>), RenderFailure> {
    let outcome = parse(text);
    let Some(diagram) = outcome.diagram else {
        let mut diagnostics = outcome.diagnostics;
        if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
            diagnostics.push(Diagnostic::error("AR000", 0..0, "nothing to draw"));
        }
        return Err(RenderFailure { kind: outcome.kind, diagnostics });
    };
    let (svg, figures, recorded, dark) = draw(&diagram, options, record);
    let prefix = |svg: String| match &options.id_prefix {
        Some(prefix) => crate::svg::inline::prefix_ids(&svg, prefix),
        None => svg,
    };
    let mut svg = prefix(svg);
    if let (Some(selector), Some(dark)) = (&options.dark_scheme, dark) {
        let root_id = format!("{}diagram", options.id_prefix.as_deref().unwrap_or(""));
        if let Some(merged) = crate::svg::scheme::merge_schemes(&svg, &prefix(dark), selector, &root_id) {
            svg = merged;
        }
    }
    Ok((Rendered { kind: diagram.kind(), svg, diagnostics: outcome.diagnostics, figures: Some(figures) }, recorded))
}

/// Draws a diagram with the options' theme, and again with the dark theme
/// when the drawing is to follow a dark scheme (laid out once).
fn draw(diagram: &Diagram, options: &RenderOptions, record: bool) -> (String, LayoutFigures, Option<LayoutRecord>, Option<String>) {
    let dark_options = options.dark_scheme.as_ref().map(|_| RenderOptions { theme: Some(ThemeName::Dark), ..options.clone() });
    let dark_options = dark_options.as_ref();
    let (svg, figures, dark) = match diagram {
        Diagram::Flowchart(f) => return draw_flowchart_schemes(f, options, dark_options, record),
        Diagram::Pie(p) => light_and_dark(p, options, dark_options, render_pie),
        Diagram::Sequence(s) => light_and_dark(s, options, dark_options, render_sequence),
        Diagram::Timeline(t) => light_and_dark(t, options, dark_options, render_timeline),
        Diagram::XyChart(c) => light_and_dark(c, options, dark_options, render_xychart),
        Diagram::Gantt(g) => light_and_dark(g, options, dark_options, render_gantt),
    };
    (svg, figures, None, dark)
}

/// A kind whose layout is cheap: drawn with the options, and again with the
/// dark ones when asked.
fn light_and_dark<T>(model: &T, options: &RenderOptions, dark: Option<&RenderOptions>, render: fn(&T, &RenderOptions) -> (String, LayoutFigures)) -> (String, LayoutFigures, Option<String>) {
    let (svg, figures) = render(model, options);
    (svg, figures, dark.map(|o| render(model, o).0))
}

/// Lays out and draws a flowchart model; also measures the drawing.
pub fn render_flowchart(f: &Flowchart, options: &RenderOptions) -> (String, LayoutFigures) {
    let (svg, figures, _, _) = draw_flowchart_schemes(f, options, None, false);
    (svg, figures)
}

/// Lays out a flowchart once and draws it with each set of options.
fn draw_flowchart_schemes(f: &Flowchart, options: &RenderOptions, dark_options: Option<&RenderOptions>, record: bool) -> (String, LayoutFigures, Option<LayoutRecord>, Option<String>) {
    let assignment = planes::assign(f);
    let painted = planes::paint(f, &assignment, &options.planes);
    let layout = layout_flowchart(&painted);
    let legend = if options.planes.legend { planes::legend(f, &assignment, &options.planes) } else { Vec::new() };
    let draw = |painted: &Flowchart, layout: &crate::diagrams::flowchart::layout::FlowchartLayout, o: &RenderOptions| draw_flowchart(painted, layout, &theme_for(o, f.config.theme).0, &legend);
    let recorded = record.then(|| crate::diagrams::flowchart::record::layout_record(&painted, &layout));
    // The dark drawing: the same layout (paint changes no size), plane
    // subgraphs tinted into the dark page rather than left light.
    let dark = dark_options.map(|o| {
        let dark_painted = planes::paint_on(f, &assignment, &options.planes, crate::planes::Rgb::parse(DARK_PAGE));
        let mut dark_layout = layout.clone();
        for (cluster, sg) in dark_layout.clusters.iter_mut().zip(&dark_painted.subgraphs) {
            cluster.style = dark_painted.subgraph_style(sg);
        }
        draw(&dark_painted, &dark_layout, o)
    });
    (draw(&painted, &layout, options), flowchart_figures(&painted, &layout), recorded, dark)
}

/// The layout figures of the drawing as written, margins included.
fn flowchart_figures(f: &Flowchart, layout: &crate::diagrams::flowchart::layout::FlowchartLayout) -> LayoutFigures {
    let mut figures = measure_flowchart(f, layout);
    figures.width = (figures.width + 2.0 * crate::diagrams::flowchart::draw::MARGIN).round();
    figures.height = (figures.height + 2.0 * crate::diagrams::flowchart::draw::MARGIN).round();
    figures
}

/// Lays out and draws a pie chart; also measures the drawing.
pub fn render_pie(p: &crate::diagrams::pie::model::Pie, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::diagrams::pie::layout::layout_pie(p);
    let (theme, name) = theme_for(options, p.config.theme);
    let svg = crate::diagrams::pie::draw::draw_pie(p, &layout, &theme, name);
    (svg, pie_figures(&layout))
}

fn pie_figures(l: &crate::diagrams::pie::layout::PieLayout) -> LayoutFigures {
    LayoutFigures { width: l.width.round(), height: l.height.round(), nodes: l.slices.len(), text_overflow: l.labels_outside_slices(), ..LayoutFigures::default() }
}

/// Lays out and draws a sequence diagram; also measures the drawing.
pub fn render_sequence(s: &crate::diagrams::sequence::model::Sequence, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::diagrams::sequence::layout::layout_sequence(s);
    let svg = crate::diagrams::sequence::draw::draw_sequence(s, &layout, &theme_for(options, s.config.theme).0);
    (svg, sequence_figures(&layout))
}

fn sequence_figures(l: &crate::diagrams::sequence::layout::SequenceLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.width,
        height: l.height,
        nodes: l.participants.len(),
        edges: l.messages.len(),
        overlaps: l.message_overlaps() + l.text_collisions(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}

/// Lays out and draws a timeline; also measures the drawing.
pub fn render_timeline(t: &crate::diagrams::timeline::model::Timeline, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::diagrams::timeline::layout::layout_timeline(t);
    let (theme, name) = theme_for(options, t.config.theme);
    let svg = crate::diagrams::timeline::draw::draw_timeline(t, &layout, &theme, name);
    (svg, timeline_figures(t, &layout))
}

fn timeline_figures(t: &crate::diagrams::timeline::model::Timeline, l: &crate::diagrams::timeline::layout::TimelineLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.bounds.width.round(),
        height: l.bounds.height.round(),
        nodes: l.periods.len() + t.periods.iter().map(|p| p.events.len()).sum::<usize>(),
        overlaps: l.overlaps(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}

/// Lays out and draws an XY chart; also measures the drawing.
pub fn render_xychart(c: &crate::diagrams::xychart::model::XyChart, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::diagrams::xychart::layout::layout_xychart(c);
    let svg = crate::diagrams::xychart::draw::draw_xychart(c, &layout, &theme_for(options, c.config.theme).0);
    (svg, xychart_figures(&layout))
}

fn xychart_figures(l: &crate::diagrams::xychart::layout::XyLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.width,
        height: l.height,
        nodes: l.series.len(),
        overlaps: l.tick_label_overlaps() + l.bars_outside_plot(),
        text_overflow: l.text_outside(),
        ..LayoutFigures::default()
    }
}

/// Lays out and draws a gantt chart; also measures the drawing.
pub fn render_gantt(g: &crate::diagrams::gantt::model::Gantt, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::diagrams::gantt::layout::layout_gantt(g);
    let svg = crate::diagrams::gantt::draw::draw_gantt(g, &layout, &theme_for(options, g.config.theme).0);
    (svg, gantt_figures(&layout))
}

fn gantt_figures(l: &crate::diagrams::gantt::layout::GanttLayout) -> LayoutFigures {
    LayoutFigures {
        width: l.bounds.width.round(),
        height: l.bounds.height.round(),
        nodes: l.bars.len(),
        overlaps: l.overlaps(),
        text_overflow: l.text_overflow(),
        ..LayoutFigures::default()
    }
}

/// Lays out a parsed diagram and measures it, without drawing.
pub fn measure(diagram: &Diagram) -> LayoutFigures {
    match diagram {
        Diagram::Flowchart(f) => flowchart_figures(f, &layout_flowchart(f)),
        Diagram::Pie(p) => pie_figures(&crate::diagrams::pie::layout::layout_pie(p)),
        Diagram::Sequence(s) => sequence_figures(&crate::diagrams::sequence::layout::layout_sequence(s)),
        Diagram::Timeline(t) => timeline_figures(t, &crate::diagrams::timeline::layout::layout_timeline(t)),
        Diagram::XyChart(c) => xychart_figures(&crate::diagrams::xychart::layout::layout_xychart(c)),
        Diagram::Gantt(g) => gantt_figures(&crate::diagrams::gantt::layout::layout_gantt(g)),
    }
}

/// Renders to the bytes of the requested format.
pub fn render_bytes(text: &str, format: Format, options: &RenderOptions) -> Result<(Vec<u8>, Rendered), RenderFailure> {
    let rendered = render_svg(text, options)?;
    let bytes = convert_svg(&rendered.svg, format, options).map_err(|e| RenderFailure {
        kind: rendered.kind,
        diagnostics: vec![Diagnostic::error("AR900", 0..0, e.to_string())],
    })?;
    Ok((bytes, rendered))
}

/// Our SVG in the requested format.
pub fn convert_svg(svg: &str, format: Format, options: &RenderOptions) -> Result<Vec<u8>, crate::raster::RasterError> {
    match format {
        Format::Svg => Ok(svg.as_bytes().to_vec()),
        Format::Png => crate::raster::svg_to_png(svg, options.scale),
        Format::Pdf => crate::raster::svg_to_pdf(svg),
    }
}

/// Every fixture of `tests/fixtures/` that draws, with its SVG (default
/// options), for the unit tests that check what later stages read off it.
#[cfg(test)]
pub(crate) fn fixture_drawings() -> Vec<(std::path::PathBuf, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir).expect("tests/fixtures").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "mmd")).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            render_svg(&text, &RenderOptions::default()).ok().map(|r| (path, r.svg))
        })
        .collect()
}
