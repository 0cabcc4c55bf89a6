//! Drawing a laid-out state diagram, in mermaid's default look: rounded
//! state boxes, a filled start dot, a ringed end dot, a diamond for a
//! choice, bars for forks and joins, composite states with a title strip,
//! concurrent regions in dashed boxes, yellow notes tied by a dashed line,
//! transitions with barbed arrowheads and labels on a grey ground.
//!
//! Elements carry mermaid's classes (`g.statediagram-cluster`, `g.node`,
//! `path.transition`, `path.note-edge`, `g.edgeLabel`, `g.statediagram-note`)
//! with `data-id` (states) or `data-from`/`data-to` (transitions), and are
//! drawn with presentation attributes, so the SVG looks the same in browsers
//! and in resvg, and the inline (`--id-prefix`) and dark-scheme machinery
//! reads it as it reads the other kinds. Where the diagram uses plane
//! classes, planes are painted as in flowcharts (`--planes`).

use super::layout::{figures, layout_state, Placed, PlacedNode, StateLayout, ARROW_LENGTH};
use super::model::{StateDiagram, StateKind};
use crate::layout::geometry::{num, Point, Rect};
use crate::layout::LayoutFigures;
use crate::model::config::ThemeName;
use crate::model::style::StyleDecls;
use crate::diagrams::{theme_for, DARK_PAGE};
use crate::pipeline::RenderOptions;
use crate::planes::{class_plane, name_plane, PlaneMode, PlaneName, PlaneSettings, Rgb};
use crate::svg::document::{open_document, Document};
use crate::svg::text::{draw_text_block, translate};
use crate::svg::writer::{Attrs, SvgWriter};
use crate::svg::Theme;
use crate::text::{measure, RichText, TextStyle};
use std::borrow::Cow;

/// Margin around the drawing.
pub const MARGIN: f64 = 8.0;

/// Colours of a state diagram beyond the shared theme's (mermaid's
/// `noteBkgColor`, `noteBorderColor`, `altBackground`, ...).
struct Paint {
    note_fill: &'static str,
    note_stroke: &'static str,
    note_text: &'static str,
    /// Inside a composite, and inside one nested in another (alternating).
    inner: &'static str,
    inner_alt: &'static str,
    region: &'static str,
    dot: &'static str,
}

fn paint_of(theme: &Theme, name: ThemeName) -> Paint {
    let dark = name == ThemeName::Dark;
    Paint {
        note_fill: if dark { "#474949" } else { "#fff5ad" },
        note_stroke: if dark { "#2f2f2f" } else { "#aaaa33" },
        note_text: if dark { "#cccccc" } else { "#333333" },
        inner: theme.background.unwrap_or("#ffffff"),
        inner_alt: if dark { "#2a2a2a" } else { "#f0f0f0" },
        region: if dark { "#2a2a2a" } else { "#f0f0f0" },
        dot: theme.edge_stroke,
    }
}

/// Each state's style as drawn: its classes and `style`, then, under
/// `--planes enforce`, its plane's paint (a state's plane: its last plane
/// class, else its innermost composite's, named `X Plane` or by class).
pub fn painted_styles(d: &StateDiagram, settings: &PlaneSettings, dark_ground: Option<Rgb>) -> Vec<StyleDecls> {
    let mut styles: Vec<StyleDecls> = d.states.iter().map(|s| paint_only(d.style_of(s))).collect();
    if settings.mode == PlaneMode::Keep {
        return styles;
    }
    let own = |i: usize| {
        let s = &d.states[i];
        let by_class = s.classes.iter().rev().find_map(|c| class_plane(c).and_then(PlaneName::plane));
        let by_name = || (s.kind == StateKind::Composite).then(|| name_plane(&s.label).or_else(|| name_plane(&s.id)).and_then(PlaneName::plane)).flatten();
        by_class.or_else(by_name)
    };
    for i in 0..d.states.len() {
        let mut plane = own(i);
        let mut k = d.states[i].parent;
        let mut steps = 0;
        while plane.is_none() && !d.states[i].kind.is_cluster() {
            let Some(p) = k else { break };
            plane = own(p);
            k = d.states[p].parent;
            steps += 1;
            if steps > d.states.len() {
                break;
            }
        }
        let Some(plane) = plane else { continue };
        let paint = if d.states[i].kind.is_cluster() {
            match dark_ground {
                Some(g) => settings.palette.subgraph_paint_on(plane, g, 0.8),
                None => settings.palette.subgraph_paint(plane),
            }
        } else {
            settings.palette.node_paint(plane)
        };
        for item in [format!("fill:{}", paint.fill), format!("stroke:{}", paint.stroke), format!("color:{}", paint.text)] {
            styles[i].apply(&item);
        }
    }
    styles
}

/// A style's paint kept only when it is a colour or a dash list: `style`
/// and `classDef` take any text in state diagrams, and `url(...)` or the
/// like must not reach the SVG.
fn paint_only(mut s: StyleDecls) -> StyleDecls {
    let colour = |v: &Option<String>| {
        v.as_ref().filter(|v| !v.to_ascii_lowercase().contains("url") && v.chars().all(|c| c.is_ascii_alphanumeric() || "#(),.% -".contains(c))).cloned()
    };
    s.fill = colour(&s.fill);
    s.stroke = colour(&s.stroke);
    s.color = colour(&s.color);
    s.stroke_dasharray = s.stroke_dasharray.filter(|v| v.chars().all(|c| c.is_ascii_digit() || ", .".contains(c)));
    s
}

/// Lays out once and draws with the options (and the dark ones, when the
/// drawing is to follow a dark scheme); also measures the drawing.
pub fn render_schemes(d: &StateDiagram, options: &RenderOptions, dark: Option<&RenderOptions>) -> (String, LayoutFigures, Option<String>) {
    let layout = layout_state(d);
    let light = draw_with(d, &layout, options, None);
    let dark = dark.map(|o| draw_with(d, &layout, o, Rgb::parse(DARK_PAGE)));
    (light, figures_with_margin(d, &layout), dark)
}

/// Draws with one set of options.
pub fn render(d: &StateDiagram, options: &RenderOptions) -> (String, LayoutFigures) {
    let (svg, fig, _) = render_schemes(d, options, None);
    (svg, fig)
}

/// Lays out and measures, without drawing.
pub fn measure_figures(d: &StateDiagram) -> LayoutFigures {
    figures_with_margin(d, &layout_state(d))
}

fn figures_with_margin(d: &StateDiagram, l: &StateLayout) -> LayoutFigures {
    let mut f = figures(d, l);
    f.width = (f.width + 2.0 * MARGIN).round();
    f.height = (f.height + 2.0 * MARGIN).round();
    f
}

fn draw_with(d: &StateDiagram, l: &StateLayout, options: &RenderOptions, dark_ground: Option<Rgb>) -> String {
    let (theme, name) = theme_for(options, d.config.theme);
    let ground = if name == ThemeName::Dark { dark_ground.or_else(|| Rgb::parse(theme.background.unwrap_or(DARK_PAGE))) } else { None };
    let styles = painted_styles(d, &options.planes, ground);
    draw_state(d, l, &theme, name, &styles)
}

/// The state diagram as an SVG document.
pub fn draw_state(d: &StateDiagram, l: &StateLayout, theme: &Theme, theme_name: ThemeName, styles: &[StyleDecls]) -> String {
    let paint = paint_of(theme, theme_name);
    let title = d.config.title.as_deref().filter(|t| !t.trim().is_empty()).map(|t| {
        let text = RichText::plain(t);
        let style = TextStyle { font_size: 18.0, ..TextStyle::default() };
        let block = measure(&text, &style);
        (text, style, block)
    });
    let title_band = title.as_ref().map_or(0.0, |(_, _, b)| b.height + MARGIN);
    let content_width = l.size.width.max(title.as_ref().map_or(0.0, |(_, _, b)| b.width));
    let width = content_width + 2.0 * MARGIN;
    let height = l.size.height + title_band + 2.0 * MARGIN;
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document { view_box: Rect::new(0.0, 0.0, width, height), kind: "statediagram", role: "stateDiagram", acc_title: d.acc_title.as_deref(), acc_descr: d.acc_descr.as_deref(), background: theme.background },
    );
    if let Some((text, style, block)) = &title {
        draw_text_block(&mut w, text, style, block, Point::new(width / 2.0, MARGIN + block.height / 2.0), theme.text, "statediagramTitleText");
    }
    let offset = Point::new(MARGIN + (content_width - l.size.width) / 2.0, MARGIN + title_band);
    w.open("g", Attrs::new().set("class", "root").set("transform", translate(offset)));

    // Composites and regions, outermost first.
    w.open("g", Attrs::new().set("class", "clusters"));
    let mut order: Vec<usize> = (0..d.states.len()).filter(|&i| d.states[i].kind.is_cluster()).collect();
    order.sort_by_key(|&i| d.depth(i));
    for i in order {
        let (s, Placed::Cluster(c)) = (&d.states[i], &l.states[i]) else { continue };
        let style = &styles[i];
        let r = c.rect;
        let stroke = style.stroke.as_deref().unwrap_or(theme.node_stroke);
        let stroke_width = style.stroke_width.unwrap_or(1.0);
        if s.kind == StateKind::Region {
            w.open("g", Attrs::new().set("class", "statediagram-cluster statediagram-region").set("data-id", &s.id));
            w.leaf(
                "rect",
                rect_attrs(&r).set("class", "divider").set("fill", style.fill.as_deref().unwrap_or(paint.region)).set("stroke", stroke).num("stroke-width", stroke_width).set("stroke-dasharray", "10,10"),
            );
            w.close("g");
            continue;
        }
        let alt = c.depth % 2 == 1;
        let class = ["statediagram-state", "statediagram-cluster"].into_iter().chain(alt.then_some("statediagram-cluster-alt")).chain(s.classes.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        w.open("g", Attrs::new().set("class", class).set("data-id", &s.id));
        let fill = style.fill.as_deref().unwrap_or(theme.node_fill);
        w.leaf("rect", rect_attrs(&r).set("class", "outer").num("rx", 5.0).num("ry", 5.0).set("fill", fill).set("stroke", stroke).num("stroke-width", stroke_width).opt("stroke-dasharray", style.stroke_dasharray.as_deref()));
        // The inner area below the title strip, leaving a band at the bottom as mermaid does.
        let inner = Rect::new(r.x, r.y + c.strip, r.width, (r.height - c.strip - 4.0).max(0.0));
        w.leaf("rect", rect_attrs(&inner).set("class", "inner").set("fill", if alt { paint.inner_alt } else { paint.inner }).set("stroke", stroke).num("stroke-width", stroke_width));
        if !c.title.is_empty() {
            let color = style.color.as_deref().map_or_else(|| theme.text_on(style.fill.as_deref(), theme.text), Cow::Borrowed);
            draw_text_block(&mut w, &c.title, &c.text_style, &c.title_block, c.title_center, &color, "cluster-label");
        }
        w.close("g");
    }
    w.close("g");

    // Transitions and note links, then labels.
    w.open("g", Attrs::new().set("class", "edgePaths"));
    for (t, p) in d.transitions.iter().zip(&l.transitions) {
        if p.route.path.segments.is_empty() {
            continue;
        }
        let (from, to) = (&d.states[t.from].id, &d.states[t.to].id);
        w.leaf(
            "path",
            Attrs::new()
                .set("class", "transition edge-thickness-normal edge-pattern-solid")
                .set("data-from", from)
                .set("data-to", to)
                .set("d", p.route.path.to_svg_d())
                .set("fill", "none")
                .set("stroke", theme.edge_stroke)
                .num("stroke-width", 1.0),
        );
        let path = &p.route.path;
        if p.reversed {
            draw_barb(&mut w, path.start, p.route.start_tip, path.start_tangent() * -1.0, theme.edge_stroke);
        } else {
            draw_barb(&mut w, path.end(), p.route.end_tip, path.end_tangent(), theme.edge_stroke);
        }
    }
    for (n, p) in d.notes.iter().zip(&l.notes) {
        if p.link.path.segments.is_empty() {
            continue;
        }
        w.leaf(
            "path",
            Attrs::new()
                .set("class", "transition note-edge")
                .set("data-from", &d.states[n.state].id)
                .set("d", p.link.path.to_svg_d())
                .set("fill", "none")
                .set("stroke", theme.edge_stroke)
                .num("stroke-width", 1.0)
                .set("stroke-dasharray", fitted_dashes(&p.link.path)),
        );
    }
    w.close("g");
    w.open("g", Attrs::new().set("class", "edgeLabels"));
    for p in &l.transitions {
        let (Some((text, block)), Some(rect)) = (&p.label, p.route.label) else { continue };
        w.open("g", Attrs::new().set("class", "edgeLabel"));
        w.leaf("rect", rect_attrs(&rect).set("class", "edgeLabel-background").set("fill", theme.edge_label_background).num("fill-opacity", theme.edge_label_opacity));
        draw_text_block(&mut w, text, &p.text_style, block, rect.center(), theme.text, "edgeLabel-text");
        w.close("g");
    }
    w.close("g");

    // States and notes on top.
    w.open("g", Attrs::new().set("class", "nodes"));
    for (i, s) in d.states.iter().enumerate() {
        let Placed::Node(n) = &l.states[i] else { continue };
        let class = ["node", "statediagram-state"].into_iter().chain(s.classes.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        w.open("g", Attrs::new().set("class", class).set("data-id", &s.id));
        draw_node(&mut w, s.kind, n, &styles[i], theme, &paint);
        w.close("g");
    }
    for (k, (note, p)) in d.notes.iter().zip(&l.notes).enumerate() {
        w.open("g", Attrs::new().set("class", "node statediagram-note").set("data-id", format!("{}----note-{k}", d.states[note.state].id)));
        w.leaf("rect", rect_attrs(&p.rect).set("class", "note").set("fill", paint.note_fill).set("stroke", paint.note_stroke).num("stroke-width", 1.0));
        draw_text_block(&mut w, &p.text, &p.text_style, &p.text_block, p.rect.center(), paint.note_text, "noteLabel");
        w.close("g");
    }
    w.close("g");
    w.close("g");
    w.close("svg");
    w.finish()
}

/// mermaid's dashes (5 on, 5 off), stretched a little so the line starts
/// and ends with a dash: it touches the note and the state.
fn fitted_dashes(path: &crate::layout::geometry::Path) -> String {
    let pts = path.flatten(16);
    let length: f64 = pts.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut count = (length / 5.0).round().max(1.0) as usize;
    if count % 2 == 0 {
        count += 1;
    }
    let dash = length / count as f64;
    format!("{},{}", num(dash), num(dash))
}

fn rect_attrs(r: &Rect) -> Attrs {
    Attrs::new().num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height)
}

fn draw_node(w: &mut SvgWriter, kind: StateKind, n: &PlacedNode, style: &StyleDecls, theme: &Theme, paint: &Paint) {
    let r = n.rect;
    let c = r.center();
    let fill = style.fill.as_deref().unwrap_or(theme.node_fill);
    let stroke = style.stroke.as_deref().unwrap_or(theme.node_stroke);
    let stroke_width = style.stroke_width.unwrap_or(theme.node_stroke_width);
    match kind {
        StateKind::Start => {
            w.leaf("circle", Attrs::new().set("class", "state-start").num("cx", c.x).num("cy", c.y).num("r", r.width / 2.0).set("fill", style.fill.as_deref().unwrap_or(paint.dot)).set("stroke", style.stroke.as_deref().unwrap_or(paint.dot)));
        }
        StateKind::End => {
            w.leaf("circle", Attrs::new().set("class", "state-end").num("cx", c.x).num("cy", c.y).num("r", r.width / 2.0 - 1.0).set("fill", fill).set("stroke", paint.dot).num("stroke-width", 2.0));
            w.leaf("circle", Attrs::new().set("class", "end-state-inner").num("cx", c.x).num("cy", c.y).num("r", r.width * 5.0 / 28.0 + 1.0).set("fill", stroke).set("stroke", "none"));
        }
        StateKind::Fork | StateKind::Join => {
            w.leaf("rect", rect_attrs(&r).set("class", "fork-join").set("fill", style.fill.as_deref().unwrap_or(paint.dot)).set("stroke", style.stroke.as_deref().unwrap_or(paint.dot)).num("stroke-width", 1.0));
        }
        StateKind::Choice => {
            let pts = [Point::new(c.x, r.y), Point::new(r.right(), c.y), Point::new(c.x, r.bottom()), Point::new(r.x, c.y)];
            let points = pts.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ");
            w.leaf("polygon", Attrs::new().set("class", "choice").set("points", points).set("fill", fill).set("stroke", stroke).num("stroke-width", stroke_width));
        }
        _ => {
            let class = if n.descriptions.is_some() { "outer title-state" } else { "basic label-container" };
            w.leaf(
                "rect",
                rect_attrs(&r)
                    .set("class", class)
                    .num("rx", 5.0)
                    .num("ry", 5.0)
                    .set("fill", fill)
                    .set("stroke", stroke)
                    .num("stroke-width", stroke_width)
                    .opt("stroke-dasharray", style.stroke_dasharray.as_deref())
                    .opt("opacity", style.opacity),
            );
            let color = style.color.as_deref().map_or_else(|| theme.text_on(style.fill.as_deref(), theme.text), Cow::Borrowed);
            draw_text_block(w, &n.text, &n.text_style, &n.text_block, n.text_center, &color, "nodeLabel");
            if let (Some((text, block, center)), Some(y)) = (&n.descriptions, n.divider_y) {
                w.leaf("line", Attrs::new().set("class", "divider").num("x1", r.x).num("y1", y).num("x2", r.right()).num("y2", y).set("stroke", stroke).num("stroke-width", stroke_width));
                draw_text_block(w, text, &TextStyle { bold: false, ..n.text_style }, block, *center, &color, "nodeLabel");
            }
        }
    }
}

/// mermaid's barb arrowhead (`M19,7 L9,13 L14,7 L9,1 Z`): its tip on the
/// outline, ten long, its back notched halfway.
fn draw_barb(w: &mut SvgWriter, base: Point, tip: Point, tangent: Point, color: &str) {
    let mut dir = tip - base;
    if dir.x.hypot(dir.y) < 1e-6 {
        dir = tangent;
    }
    let len = dir.x.hypot(dir.y);
    if len < 1e-9 {
        return;
    }
    let u = dir * (1.0 / len);
    let nrm = Point::new(-u.y, u.x);
    let back = tip - u * ARROW_LENGTH;
    let notch = tip - u * (ARROW_LENGTH / 2.0);
    let pts = [tip, back + nrm * 6.0, notch, back - nrm * 6.0];
    let points = pts.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ");
    w.leaf("polygon", Attrs::new().set("class", "arrowheadPath").set("points", points).set("fill", color).set("stroke", color).num("stroke-width", 1.0));
}
