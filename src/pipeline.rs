//! One diagram from text to SVG: parse, lay out, draw; and to PNG or PDF.

use crate::diagnostics::{Diagnostic, Severity};
use crate::layout::metrics::{measure_flowchart, LayoutFigures};
use crate::layout::layout_flowchart;
use crate::layout::record::LayoutRecord;
use crate::model::config::ThemeName;
use crate::model::{Diagram, DiagramKind, Flowchart};
use crate::parse::parse;
use crate::planes::{self, PlaneSettings};
use crate::svg::{draw_flowchart, Theme};

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
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { theme: None, scale: 2.0, planes: PlaneSettings::default(), id_prefix: None }
    }
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
    let mut recorded = None;
    let (svg, figures) = match &diagram {
        Diagram::Flowchart(f) => {
            let (svg, figures, r) = draw_flowchart_recorded(f, options, record);
            recorded = r;
            (svg, figures)
        }
        Diagram::Pie(p) => render_pie(p, options),
        Diagram::Sequence(s) => render_sequence(s, options),
        Diagram::Timeline(t) => render_timeline(t, options),
        Diagram::XyChart(c) => render_xychart(c, options),
        Diagram::Gantt(g) => render_gantt(g, options),
    };
    let svg = match &options.id_prefix {
        Some(prefix) => crate::svg::inline::prefix_ids(&svg, prefix),
        None => svg,
    };
    Ok((Rendered { kind: diagram.kind(), svg, diagnostics: outcome.diagnostics, figures: Some(figures) }, recorded))
}

/// Lays out and draws a flowchart model; also measures the drawing.
pub fn render_flowchart(f: &Flowchart, options: &RenderOptions) -> (String, LayoutFigures) {
    let (svg, figures, _) = draw_flowchart_recorded(f, options, false);
    (svg, figures)
}

fn draw_flowchart_recorded(f: &Flowchart, options: &RenderOptions, record: bool) -> (String, LayoutFigures, Option<LayoutRecord>) {
    let assignment = planes::assign(f);
    let painted = planes::paint(f, &assignment, &options.planes);
    let layout = layout_flowchart(&painted);
    let theme = Theme::named(options.theme.unwrap_or(f.config.theme));
    let legend = if options.planes.legend { planes::legend(f, &assignment, &options.planes) } else { Vec::new() };
    let svg = draw_flowchart(&painted, &layout, &theme, &legend);
    let recorded = record.then(|| LayoutRecord::of_flowchart(&painted, &layout));
    (svg, flowchart_figures(&painted, &layout), recorded)
}

/// The layout figures of the drawing as written, margins included.
fn flowchart_figures(f: &Flowchart, layout: &crate::layout::FlowchartLayout) -> LayoutFigures {
    let mut figures = measure_flowchart(f, layout);
    figures.width = (figures.width + 2.0 * crate::svg::flowchart::MARGIN).round();
    figures.height = (figures.height + 2.0 * crate::svg::flowchart::MARGIN).round();
    figures
}

/// Lays out and draws a pie chart; also measures the drawing.
pub fn render_pie(p: &crate::model::Pie, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::layout::pie::layout_pie(p);
    let name = options.theme.unwrap_or(p.config.theme);
    let svg = crate::svg::pie::draw_pie(p, &layout, &Theme::named(name), name);
    (svg, pie_figures(&layout))
}

fn pie_figures(l: &crate::layout::pie::PieLayout) -> LayoutFigures {
    LayoutFigures { width: l.width.round(), height: l.height.round(), nodes: l.slices.len(), text_overflow: l.labels_outside_slices(), ..LayoutFigures::default() }
}

/// Lays out and draws a sequence diagram; also measures the drawing.
pub fn render_sequence(s: &crate::model::Sequence, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::layout::sequence::layout_sequence(s);
    let svg = crate::svg::sequence::draw_sequence(s, &layout, &Theme::named(options.theme.unwrap_or(s.config.theme)));
    (svg, sequence_figures(&layout))
}

fn sequence_figures(l: &crate::layout::sequence::SequenceLayout) -> LayoutFigures {
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
pub fn render_timeline(t: &crate::model::Timeline, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::layout::timeline::layout_timeline(t);
    let name = options.theme.unwrap_or(t.config.theme);
    let svg = crate::svg::timeline::draw_timeline(t, &layout, &Theme::named(name), name);
    (svg, timeline_figures(t, &layout))
}

fn timeline_figures(t: &crate::model::Timeline, l: &crate::layout::timeline::TimelineLayout) -> LayoutFigures {
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
pub fn render_xychart(c: &crate::model::XyChart, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::layout::xychart::layout_xychart(c);
    let svg = crate::svg::xychart::draw_xychart(c, &layout, &Theme::named(options.theme.unwrap_or(c.config.theme)));
    (svg, xychart_figures(&layout))
}

fn xychart_figures(l: &crate::layout::xychart::XyLayout) -> LayoutFigures {
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
pub fn render_gantt(g: &crate::model::Gantt, options: &RenderOptions) -> (String, LayoutFigures) {
    let layout = crate::layout::gantt::layout_gantt(g);
    let svg = crate::svg::gantt::draw_gantt(g, &layout, &Theme::named(options.theme.unwrap_or(g.config.theme)));
    (svg, gantt_figures(&layout))
}

fn gantt_figures(l: &crate::layout::gantt::GanttLayout) -> LayoutFigures {
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
        Diagram::Pie(p) => pie_figures(&crate::layout::pie::layout_pie(p)),
        Diagram::Sequence(s) => sequence_figures(&crate::layout::sequence::layout_sequence(s)),
        Diagram::Timeline(t) => timeline_figures(t, &crate::layout::timeline::layout_timeline(t)),
        Diagram::XyChart(c) => xychart_figures(&crate::layout::xychart::layout_xychart(c)),
        Diagram::Gantt(g) => gantt_figures(&crate::layout::gantt::layout_gantt(g)),
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
