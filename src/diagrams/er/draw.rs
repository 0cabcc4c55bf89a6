//! Drawing a laid-out ER diagram with mermaid's look and classes: entities
//! `g.node` with an `outer-path` box, a header and rows striped in the
//! theme's `rowOdd`/`rowEven`, column dividers; relationships
//! `path.relationshipLine` (dashed when non-identifying) with mermaid's
//! crow's-foot markers drawn at their ends as paths (so every renderer draws
//! them alike), labels on a half-transparent background; subgraphs
//! `g.cluster`. Colours are presentation attributes.

use super::layout::{Cell, ErLayout, PlacedEntity};
use super::model::{Cardinality, ErDiagram};
use crate::layout::geometry::{num, Path, Point, Rect};
use crate::model::config::ThemeName;
use crate::model::style::StyleDecls;
use crate::planes::colour::Rgb;
use crate::svg::document::{open_document, Document};
use crate::svg::theme::hsl_to_hex;
use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::writer::{Attrs, SvgWriter};
use crate::text::{measure, RichText, TextStyle};
use std::fmt::Write;

/// Space above the drawing for a front-matter title.
const TITLE_MARGIN: f64 = 8.0;

/// `#rrggbb` as hue (degrees), saturation and lightness (percent).
fn hsl(hex: &str) -> (f64, f64, f64) {
    let Some(Rgb(r, g, b)) = Rgb::parse(hex) else { return (0.0, 0.0, 100.0) };
    let (r, g, b) = (r as f64 / 255.0, g as f64 / 255.0, b as f64 / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    if max == min {
        return (0.0, 0.0, l * 100.0);
    }
    let d = max - min;
    let s = if l > 0.5 { d / (2.0 - max - min) } else { d / (max + min) };
    let h = if max == r {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    (h * 60.0, s * 100.0, l * 100.0)
}

/// khroma's `lighten` (negative: `darken`): lightness moved by `by` points.
fn lighten(hex: &str, by: f64) -> String {
    let (h, s, l) = hsl(hex);
    hsl_to_hex(h, s, (l + by).clamp(0.0, 100.0))
}

/// The theme's `rowOdd` and `rowEven`.
fn row_colors(name: ThemeName, theme: &Theme) -> (String, String) {
    let bkg = theme.node_fill;
    match name {
        ThemeName::Dark => (lighten(bkg, 5.0), lighten(bkg, -10.0)),
        ThemeName::Forest => (lighten(bkg, 75.0), lighten(bkg, 20.0)),
        ThemeName::Neutral => (lighten(bkg, 75.0), "#f4f4f4".into()),
        ThemeName::Base => (lighten(bkg, 75.0), lighten(bkg, 5.0)),
        ThemeName::Default => (lighten(bkg, 75.0), lighten(bkg, 1.0)),
    }
}

/// The relationship labels' background: the tertiary colour at half opacity.
fn label_background(name: ThemeName, theme: &Theme) -> String {
    match name {
        ThemeName::Default => hsl_to_hex(80.0, 100.0, 96.2745098039),
        ThemeName::Base => hsl_to_hex(220.588235, 100.0, 98.333333),
        _ => theme.edge_label_background.to_string(),
    }
}

/// The ER diagram as an SVG document.
pub fn draw_er(er: &ErDiagram, l: &ErLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let title = er.config.title.as_deref().filter(|t| !t.trim().is_empty()).map(|t| {
        let text = RichText::plain(t);
        let style = TextStyle { font_size: 18.0, ..TextStyle::default() };
        let block = measure(&text, &style);
        (text, style, block)
    });
    let band = title.as_ref().map_or(0.0, |(_, _, b)| b.height + 2.0 * TITLE_MARGIN);
    let width = l.size.width.max(title.as_ref().map_or(0.0, |(_, _, b)| b.width + 2.0 * TITLE_MARGIN));
    let height = l.size.height + band;
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document { view_box: Rect::new(0.0, 0.0, width, height), kind: "er", role: "er", acc_title: er.acc_title.as_deref(), acc_descr: er.acc_descr.as_deref(), background: theme.background },
    );
    if let Some((text, style, block)) = &title {
        draw_text_block(&mut w, text, style, block, Point::new(width / 2.0, TITLE_MARGIN + block.height / 2.0), theme.text, "erDiagramTitleText");
    }
    let offset = Point::new((width - l.size.width) / 2.0, band);
    w.open("g", Attrs::new().set("class", "root").set("transform", format!("translate({},{})", num(offset.x), num(offset.y))));

    w.open("g", Attrs::new().set("class", "clusters"));
    let mut order: Vec<usize> = (0..l.subgraphs.len()).collect();
    order.sort_by_key(|&i| l.subgraphs[i].depth);
    for i in order {
        let (sg, placed) = (&er.subgraphs[i], &l.subgraphs[i]);
        let style = StyleDecls::from_strings(class_styles(er, &sg.classes).chain(sg.styles.iter().map(String::as_str)));
        let class = std::iter::once("cluster").chain(sg.classes.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        w.open("g", Attrs::new().set("class", class).set("data-id", &sg.id));
        w.leaf(
            "rect",
            rect_attrs(&placed.rect).set("fill", style.fill.as_deref().unwrap_or(theme.cluster_fill)).set("stroke", style.stroke.as_deref().unwrap_or(theme.cluster_stroke)).num("stroke-width", style.stroke_width.unwrap_or(1.0)),
        );
        if !sg.title.is_empty() {
            let color = style.color.as_deref().unwrap_or(theme.cluster_text);
            draw_cell(&mut w, &placed.title, &TextStyle::default(), color, "cluster-label");
        }
        w.close("g");
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "edgePaths"));
    for (r, placed) in er.relationships.iter().zip(&l.relationships) {
        let path = &placed.route.path;
        if path.segments.is_empty() {
            continue;
        }
        let pattern = if r.identifying { "solid" } else { "dashed" };
        let mut attrs = Attrs::new()
            .set("class", format!("relationshipLine edge-pattern-{pattern}"))
            .set("d", path.to_svg_d())
            .set("fill", "none")
            .set("stroke", theme.edge_stroke)
            .num("stroke-width", 1.0);
        if !r.identifying {
            attrs = attrs.set("stroke-dasharray", "8,8");
        }
        w.leaf("path", attrs);
        draw_marker(&mut w, r.from_card, path, true, theme.edge_stroke);
        draw_marker(&mut w, r.to_card, path, false, theme.edge_stroke);
    }
    w.close("g");

    let label_fill = label_background(theme_name, theme);
    w.open("g", Attrs::new().set("class", "edgeLabels"));
    for placed in &l.relationships {
        let Some(label) = &placed.label else { continue };
        w.open("g", Attrs::new().set("class", "edgeLabel"));
        let r = Rect::centered(label.center, crate::layout::geometry::Size::new(label.block.width + 4.0, label.block.height));
        w.leaf("rect", rect_attrs(&r).set("class", "labelBkg").set("fill", &label_fill).num("fill-opacity", 0.5));
        draw_cell(&mut w, label, &super::layout::label_style(), theme.text, "edgeLabel-text");
        w.close("g");
    }
    w.close("g");

    let (odd, even) = row_colors(theme_name, theme);
    w.open("g", Attrs::new().set("class", "nodes"));
    for (e, placed) in er.entities.iter().zip(&l.entities) {
        let style = StyleDecls::from_strings(class_styles(er, &e.classes).chain(e.styles.iter().map(String::as_str)));
        let class = ["node", "default"].into_iter().chain(e.classes.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        w.open("g", Attrs::new().set("class", class).set("data-id", &e.name));
        draw_entity(&mut w, placed, &style, theme, &odd, &even);
        w.close("g");
    }
    w.close("g");
    w.close("g");
    w.close("svg");
    w.finish()
}

/// The declarations of the `classDef`s an element's classes name.
fn class_styles<'a>(er: &'a ErDiagram, classes: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
    classes.iter().flat_map(move |c| er.class_defs.iter().filter(move |(n, _)| n == c).flat_map(|(_, s)| s.iter().map(String::as_str)))
}

fn rect_attrs(r: &Rect) -> Attrs {
    Attrs::new().num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height)
}

fn draw_cell(w: &mut SvgWriter, c: &Cell, style: &TextStyle, fill: &str, class: &str) {
    if c.text.is_empty() {
        return;
    }
    draw_text_block(w, &c.text, style, &c.block, c.center, fill, class);
}

fn draw_entity(w: &mut SvgWriter, e: &PlacedEntity, style: &StyleDecls, theme: &Theme, odd: &str, even: &str) {
    let fill = style.fill.as_deref().unwrap_or(theme.node_fill);
    let stroke = style.stroke.as_deref().unwrap_or(theme.node_stroke);
    let stroke_width = style.stroke_width.unwrap_or(1.0);
    let text = style.color.clone().unwrap_or_else(|| theme.text_on(style.fill.as_deref(), theme.text).into_owned());
    w.leaf("rect", rect_attrs(&e.rect).set("class", "outer-path").set("fill", fill).set("stroke", stroke).num("stroke-width", stroke_width));
    for (i, row) in e.rows.iter().enumerate() {
        // mermaid counts the header as row 0: the first attribute row is odd.
        let row_fill = if i % 2 == 0 { odd } else { even };
        let class = if i % 2 == 0 { "row-rect-odd" } else { "row-rect-even" };
        w.leaf("rect", rect_attrs(&row.rect).set("class", class).set("fill", row_fill).set("stroke", stroke).num("stroke-width", stroke_width));
    }
    if !e.rows.is_empty() {
        let top = e.rect.y + e.header;
        let mut d = format!("M{},{}H{}", num(e.rect.x), num(top), num(e.rect.right()));
        for x in &e.dividers {
            let _ = write!(d, "M{},{}V{}", num(*x), num(top), num(e.rect.bottom()));
        }
        w.leaf("path", Attrs::new().set("class", "divider").set("d", d).set("fill", "none").set("stroke", stroke).num("stroke-width", stroke_width));
    }
    let row_text = style.color.clone().unwrap_or_else(|| theme.text.to_string());
    let ts = super::layout::text_style();
    draw_cell(w, &e.name, &ts, &text, "name");
    const CLASSES: [&str; 4] = ["attribute-type", "attribute-name", "attribute-keys", "attribute-comment"];
    for row in &e.rows {
        for (c, class) in row.cells.iter().zip(CLASSES) {
            draw_cell(w, c, &ts, &row_text, class);
        }
    }
}

/// mermaid's ER markers in their own frame: the reference point (where the
/// line meets the entity), circles (centre x, y) and the path.
fn marker(card: Cardinality, start: bool) -> Option<((f64, f64), Option<(f64, f64)>, &'static str)> {
    Some(match (card, start) {
        (Cardinality::OnlyOne, true) => ((0.0, 9.0), None, "M9,0 L9,18 M15,0 L15,18"),
        (Cardinality::OnlyOne, false) => ((18.0, 9.0), None, "M3,0 L3,18 M9,0 L9,18"),
        (Cardinality::ZeroOrOne, true) => ((0.0, 9.0), Some((21.0, 9.0)), "M9,0 L9,18"),
        (Cardinality::ZeroOrOne, false) => ((30.0, 9.0), Some((9.0, 9.0)), "M21,0 L21,18"),
        (Cardinality::OneOrMore, true) => ((18.0, 18.0), None, "M0,18 Q18,0 36,18 Q18,36 0,18 M42,9 L42,27"),
        (Cardinality::OneOrMore, false) => ((27.0, 18.0), None, "M3,9 L3,27 M9,18 Q27,0 45,18 Q27,36 9,18"),
        (Cardinality::ZeroOrMore, true) => ((18.0, 18.0), Some((48.0, 18.0)), "M0,18 Q18,0 36,18 Q18,36 0,18"),
        (Cardinality::ZeroOrMore, false) => ((39.0, 18.0), Some((9.0, 18.0)), "M21,18 Q39,0 57,18 Q39,36 21,18"),
        (Cardinality::MdParent, _) => return None,
    })
}

/// Draws a cardinality's marker at one end of a path, turned with the path
/// as SVG's `orient="auto"` turns a marker.
fn draw_marker(w: &mut SvgWriter, card: Cardinality, path: &Path, start: bool, color: &str) {
    let Some(((rx, ry), circle, d)) = marker(card, start) else { return };
    let (at, tangent) = if start { (path.start, path.start_tangent()) } else { (path.end(), path.end_tangent()) };
    let len = tangent.x.hypot(tangent.y);
    let t = if len > 1e-9 { Point::new(tangent.x / len, tangent.y / len) } else { Point::new(1.0, 0.0) };
    let n = Point::new(-t.y, t.x);
    let map = |x: f64, y: f64| at + t * (x - rx) + n * (y - ry);
    let name = match card {
        Cardinality::OnlyOne => "onlyOne",
        Cardinality::ZeroOrOne => "zeroOrOne",
        Cardinality::OneOrMore => "oneOrMore",
        Cardinality::ZeroOrMore => "zeroOrMore",
        Cardinality::MdParent => "mdParent",
    };
    w.open("g", Attrs::new().set("class", format!("marker {name} {}", if start { "start" } else { "end" })));
    if let Some((cx, cy)) = circle {
        let c = map(cx, cy);
        w.leaf("circle", Attrs::new().num("cx", c.x).num("cy", c.y).num("r", 6.0).set("fill", "none").set("stroke", color).num("stroke-width", 1.0));
    }
    w.leaf("path", Attrs::new().set("d", transform_path(d, &map)).set("fill", "none").set("stroke", color).num("stroke-width", 1.0));
    w.close("g");
}

/// A marker path's `M`, `L` and `Q` commands with every point mapped.
fn transform_path(d: &str, map: &dyn Fn(f64, f64) -> Point) -> String {
    let mut out = String::new();
    let mut nums: Vec<f64> = Vec::new();
    let mut cmd = ' ';
    let flush = |out: &mut String, cmd: char, nums: &mut Vec<f64>| {
        if cmd == ' ' {
            return;
        }
        out.push(cmd);
        let pts: Vec<String> = nums.chunks(2).filter(|c| c.len() == 2).map(|c| {
            let p = map(c[0], c[1]);
            format!("{},{}", num(p.x), num(p.y))
        }).collect();
        out.push_str(&pts.join(" "));
        nums.clear();
    };
    for token in d.split(|c: char| c == ' ' || c == ',').filter(|s| !s.is_empty()) {
        let mut rest = token;
        if let Some(c) = rest.chars().next().filter(|c| c.is_ascii_alphabetic()) {
            flush(&mut out, cmd, &mut nums);
            cmd = c;
            rest = &rest[1..];
        }
        if let Ok(v) = rest.parse::<f64>() {
            nums.push(v);
        }
    }
    flush(&mut out, cmd, &mut nums);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_follow_mermaids_theme() {
        let t = Theme::named(ThemeName::Default);
        let (odd, even) = row_colors(ThemeName::Default, &t);
        assert_eq!(odd, "#ffffff");
        assert_eq!(even, hsl_to_hex(240.0, 100.0, 97.2745098039));
        assert_eq!(lighten("#ECECFF", -10.0), hsl_to_hex(240.0, 100.0, 86.2745098039));
    }

    #[test]
    fn markers_turn_with_the_path() {
        let map = |x: f64, y: f64| Point::new(100.0 - (x - 18.0), 50.0 - (y - 9.0));
        assert_eq!(transform_path("M3,0 L3,18", &map), "M115,59L115,41");
    }
}
