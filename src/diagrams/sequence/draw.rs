//! Drawing a laid-out sequence diagram, with mermaid's classes (`actor`,
//! `actor-line`, `messageLine0`/`messageLine1`, `messageText`, `note`,
//! `noteText`, `activation0`, `loopLine`, `labelBox`, `labelText`,
//! `loopText`, `sequenceNumber`) and presentation attributes only, so it
//! looks the same in browsers and resvg. Arrowheads are drawn as shapes at
//! the line ends, not markers.

use crate::svg::text::{draw_text_block, translate};
use crate::svg::theme::Theme;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use crate::layout::geometry::{num, Point, Rect};
use super::layout::{PlacedMessage, PlacedParticipant, SequenceLayout, FIGURE_HEIGHT, SELF_LOOP_HEIGHT};
use crate::layout::text::PlacedText;
use super::model::{BlockKind, LineType, ParticipantKind, Sequence};

/// Colours beyond the shared theme: notes, activations, frames.
struct Palette<'a> {
    theme: &'a Theme,
    note_fill: &'a str,
    note_stroke: &'a str,
    activation_fill: &'a str,
    activation_stroke: &'a str,
    number_fill: &'a str,
    number_text: &'a str,
}

impl<'a> Palette<'a> {
    fn new(theme: &'a Theme) -> Self {
        let dark = theme.background.is_some();
        Palette {
            theme,
            note_fill: if dark { "#2a2a2a" } else if theme.node_fill == "#ECECFF" { "#fff5ad" } else { theme.cluster_fill },
            note_stroke: if dark { "#aaaaaa" } else if theme.node_fill == "#ECECFF" { "#aaaa33" } else { theme.cluster_stroke },
            activation_fill: if dark { "#555555" } else { "#f4f4f4" },
            activation_stroke: if dark { "#cccccc" } else { "#666666" },
            number_fill: theme.edge_stroke,
            number_text: if dark { "#000000" } else { "#ffffff" },
        }
    }
}

fn rect_attrs(r: &Rect) -> Attrs {
    Attrs::new().num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height)
}

fn line(w: &mut SvgWriter, a: Point, b: Point, attrs: Attrs) {
    w.leaf("line", attrs.num("x1", a.x).num("y1", a.y).num("x2", b.x).num("y2", b.y));
}

fn text(w: &mut SvgWriter, t: &PlacedText, fill: &str, class: &str) {
    draw_text_block(w, &t.text, &t.style, &t.block, t.center, fill, class);
}

/// The sequence diagram as an SVG document.
pub fn draw_sequence(s: &Sequence, l: &SequenceLayout, theme: &Theme) -> String {
    let pal = Palette::new(theme);
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document {
            view_box: Rect::new(0.0, 0.0, l.width, l.height),
            kind: "sequence",
            role: "sequence",
            acc_title: s.acc_title.as_deref(),
            acc_descr: s.acc_descr.as_deref(),
            background: theme.background,
        },
    );
    w.open("g", Attrs::new().set("class", "root").set("transform", translate(l.offset)));

    // Participant boxes (`box ... end`), behind everything.
    for b in &l.boxes {
        let model = &s.boxes[b.index];
        let fill = model.color.as_deref().unwrap_or("none");
        w.open("g", Attrs::new().set("class", "actorBox"));
        w.leaf("rect", rect_attrs(&b.rect).set("fill", fill).set("stroke", "#999999").num("stroke-width", 0.5));
        if let Some(t) = &b.title {
            text(&mut w, t, theme.text, "actorBoxText");
        }
        w.close("g");
    }
    // `rect` backgrounds, outermost first.
    let mut rects: Vec<_> = l.blocks.iter().filter(|b| b.kind == BlockKind::Rect).collect();
    rects.sort_by_key(|b| b.depth);
    for b in rects {
        let fill = b.fill.as_deref().filter(|f| !f.is_empty()).unwrap_or("rgba(200,200,200,0.3)");
        w.leaf("rect", rect_attrs(&b.rect).set("class", "rect").set("fill", fill));
    }

    // Lifelines.
    for (p, pp) in s.participants.iter().zip(&l.participants) {
        line(
            &mut w,
            Point::new(pp.center_x, pp.top.bottom()),
            Point::new(pp.center_x, pp.bottom.y),
            Attrs::new().set("class", "actor-line").set("data-id", &p.id).set("stroke", theme.node_stroke).num("stroke-width", 1.0),
        );
    }

    // Block frames.
    for b in l.blocks.iter().filter(|b| b.kind != BlockKind::Rect) {
        w.open("g", Attrs::new().set("class", format!("block {}", b.kind.keyword())));
        w.leaf(
            "rect",
            rect_attrs(&b.rect).set("class", "loopLine").set("fill", "none").set("stroke", theme.node_stroke).num("stroke-width", 2.0).set("stroke-dasharray", "2,2"),
        );
        for (y, _) in &b.sections {
            line(
                &mut w,
                Point::new(b.rect.x, *y),
                Point::new(b.rect.right(), *y),
                Attrs::new().set("class", "loopLine").set("stroke", theme.node_stroke).num("stroke-width", 2.0).set("stroke-dasharray", "3,3"),
            );
        }
        if let Some((r, t)) = &b.tab {
            let pts = [
                Point::new(r.x, r.y),
                Point::new(r.right(), r.y),
                Point::new(r.right(), r.bottom() - 7.0),
                Point::new(r.right() - 8.4, r.bottom()),
                Point::new(r.x, r.bottom()),
            ];
            let points = pts.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ");
            w.leaf("polygon", Attrs::new().set("class", "labelBox").set("points", points).set("fill", theme.node_fill).set("stroke", theme.node_stroke));
            text(&mut w, t, theme.text, "labelText");
        }
        if let Some(t) = &b.condition {
            text(&mut w, t, theme.text, "loopText");
        }
        for t in b.sections.iter().filter_map(|(_, t)| t.as_ref()) {
            text(&mut w, t, theme.text, "loopText");
        }
        w.close("g");
    }

    // Activation bars.
    for a in &l.activations {
        w.leaf(
            "rect",
            rect_attrs(&a.rect).set("class", "activation0").set("fill", pal.activation_fill).set("stroke", pal.activation_stroke).num("stroke-width", 1.0),
        );
    }

    // Messages.
    for m in &l.messages {
        draw_message(&mut w, s, m, &pal);
    }

    // Notes.
    for n in &l.notes {
        w.open("g", Attrs::new().set("class", "note"));
        w.leaf("rect", rect_attrs(&n.rect).set("class", "note").set("fill", pal.note_fill).set("stroke", pal.note_stroke).num("stroke-width", 1.0));
        text(&mut w, &n.text, theme.text, "noteText");
        w.close("g");
    }

    // Participants, top and bottom.
    for (p, pp) in s.participants.iter().zip(&l.participants) {
        for (r, t, class) in [(&pp.top, &pp.label_top, "actor actor-top"), (&pp.bottom, &pp.label_bottom, "actor actor-bottom")] {
            w.open("g", Attrs::new().set("class", class).set("data-id", &p.id));
            draw_participant(&mut w, pp, r, theme);
            text(&mut w, t, theme.text, "actor");
            w.close("g");
        }
    }

    if let Some(t) = &l.title {
        text(&mut w, t, theme.text, "sequenceTitle");
    }
    w.close("g");
    w.close("svg");
    w.finish()
}

fn draw_participant(w: &mut SvgWriter, pp: &PlacedParticipant, r: &Rect, theme: &Theme) {
    let paint = |a: Attrs| a.set("fill", theme.node_fill).set("stroke", theme.node_stroke).num("stroke-width", theme.node_stroke_width);
    let figure = |a: Attrs| a.set("fill", theme.node_fill).set("stroke", theme.node_stroke).num("stroke-width", 2.0);
    let (x, y, wd, h, c) = (r.x, r.y, r.width, r.height, pp.center_x);
    match pp.kind {
        ParticipantKind::Database => {
            let e = 8.0;
            let d = format!(
                "M{},{} a{},{} 0 0 0 {},0 a{},{} 0 0 0 {},0 l0,{} a{},{} 0 0 0 {},0 l0,{}",
                num(x), num(y + e), num(wd / 2.0), num(e), num(wd), num(wd / 2.0), num(e), num(-wd), num(h - 2.0 * e), num(wd / 2.0), num(e), num(wd), num(-(h - 2.0 * e))
            );
            w.leaf("path", paint(Attrs::new().set("d", d)));
        }
        ParticipantKind::Collections => {
            w.leaf("rect", paint(Attrs::new().num("x", x + 6.0).num("y", y).num("width", wd - 6.0).num("height", h - 6.0)));
            w.leaf("rect", paint(Attrs::new().num("x", x).num("y", y + 6.0).num("width", wd - 6.0).num("height", h - 6.0)));
        }
        ParticipantKind::Queue => {
            let e = 10.0;
            let ry = num(h / 2.0);
            let d = format!(
                "M{},{} L{},{} A{e},{ry} 0 0 1 {},{} L{},{} A{e},{ry} 0 0 1 {},{} Z",
                num(x + e), num(y), num(x + wd - e), num(y), num(x + wd - e), num(y + h), num(x + e), num(y + h), num(x + e), num(y)
            );
            w.leaf("path", paint(Attrs::new().set("d", d)));
            let inner = format!("M{},{} A{e},{ry} 0 0 0 {},{}", num(x + wd - e), num(y), num(x + wd - e), num(y + h));
            w.leaf("path", Attrs::new().set("d", inner).set("fill", "none").set("stroke", theme.node_stroke).num("stroke-width", theme.node_stroke_width));
        }
        ParticipantKind::Boundary => {
            w.leaf("circle", figure(Attrs::new().num("cx", c + 6.0).num("cy", y + 22.0).num("r", 14.0)));
            let s = figure(Attrs::new());
            line(w, Point::new(c - 18.0, y + 8.0), Point::new(c - 18.0, y + 36.0), s.clone());
            line(w, Point::new(c - 18.0, y + 22.0), Point::new(c - 8.0, y + 22.0), s);
        }
        ParticipantKind::Control => {
            w.leaf("circle", figure(Attrs::new().num("cx", c).num("cy", y + 23.0).num("r", 14.0)));
            let pts = format!("{},{} {},{} {},{}", num(c + 5.0), num(y + 4.0), num(c - 2.0), num(y + 9.0), num(c + 5.0), num(y + 14.0));
            w.leaf("polyline", Attrs::new().set("points", pts).set("fill", "none").set("stroke", theme.node_stroke).num("stroke-width", 2.0));
        }
        ParticipantKind::Entity => {
            w.leaf("circle", figure(Attrs::new().num("cx", c).num("cy", y + 20.0).num("r", 14.0)));
            line(w, Point::new(c - 14.0, y + 38.0), Point::new(c + 14.0, y + 38.0), figure(Attrs::new()));
        }
        ParticipantKind::Participant => {
            w.leaf(
                "rect",
                rect_attrs(r).num("rx", 3.0).num("ry", 3.0).set("fill", theme.node_fill).set("stroke", theme.node_stroke).num("stroke-width", theme.node_stroke_width),
            );
        }
        ParticipantKind::Actor => {
            let c = pp.center_x;
            let y = r.y;
            let stroke = Attrs::new().set("stroke", theme.node_stroke).num("stroke-width", 2.0).set("fill", "none");
            w.leaf("circle", Attrs::new().num("cx", c).num("cy", y + 11.0).num("r", 8.0).set("fill", theme.node_fill).set("stroke", theme.node_stroke).num("stroke-width", 2.0));
            line(w, Point::new(c, y + 19.0), Point::new(c, y + 33.0), stroke.clone());
            line(w, Point::new(c - 14.0, y + 24.0), Point::new(c + 14.0, y + 24.0), stroke.clone());
            line(w, Point::new(c, y + 33.0), Point::new(c - 11.0, y + FIGURE_HEIGHT - 1.0), stroke.clone());
            line(w, Point::new(c, y + 33.0), Point::new(c + 11.0, y + FIGURE_HEIGHT - 1.0), stroke);
        }
    }
}

fn draw_message(w: &mut SvgWriter, s: &Sequence, m: &PlacedMessage, pal: &Palette) {
    let theme = pal.theme;
    let color = theme.edge_stroke;
    let class = if m.line.dotted() { "messageLine1" } else { "messageLine0" };
    let from = &s.participants[m.from].id;
    let to = &s.participants[m.to].id;
    w.open("g", Attrs::new().set("class", "message").set("data-from", from).set("data-to", to));
    let mut attrs = Attrs::new().set("class", class).set("stroke", color).num("stroke-width", 1.5).set("fill", "none");
    if m.line.dotted() {
        attrs = attrs.set("stroke-dasharray", theme.dotted_dasharray);
    }
    let (end, dir) = if m.self_loop {
        let (x, y) = (m.x1, m.y);
        let d = format!("M{},{} C{},{} {},{} {},{}", num(x), num(y), num(x + 60.0), num(y - 10.0), num(x + 60.0), num(y + 30.0), num(x), num(y + SELF_LOOP_HEIGHT));
        w.leaf("path", attrs.set("d", d));
        (Point::new(x, y + SELF_LOOP_HEIGHT), -1.0)
    } else {
        line(w, Point::new(m.x1, m.y), Point::new(m.x2, m.y), attrs);
        (Point::new(m.x2, m.y), if m.x2 >= m.x1 { 1.0 } else { -1.0 })
    };
    arrow_head(w, m.line, end, dir, color);
    if matches!(m.line, LineType::BidirectionalSolid | LineType::BidirectionalDotted) && !m.self_loop {
        arrow_head(w, m.line, Point::new(m.x1, m.y), -dir, color);
    }
    if let Some(t) = &m.text {
        text(w, t, theme.text, "messageText");
    }
    if let Some((n, r)) = &m.number {
        w.leaf("circle", Attrs::new().set("class", "sequenceNumberBadge").num("cx", m.x1).num("cy", m.y).num("r", *r).set("fill", pal.number_fill));
        text(w, n, pal.number_text, "sequenceNumber");
    }
    w.close("g");
}

/// The head of a message at `tip`, pointing along `dir` (±1 on x).
fn arrow_head(w: &mut SvgWriter, line_type: LineType, tip: Point, dir: f64, color: &str) {
    let back = |d: f64, dy: f64| Point::new(tip.x - dir * d, tip.y + dy);
    let pts = |ps: &[Point]| ps.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ");
    match line_type {
        LineType::Solid | LineType::Dotted | LineType::BidirectionalSolid | LineType::BidirectionalDotted => {
            w.leaf("polygon", Attrs::new().set("class", "arrowhead").set("points", pts(&[tip, back(10.0, -5.0), back(10.0, 5.0)])).set("fill", color).set("stroke", color));
        }
        LineType::SolidOpen | LineType::DottedOpen => {}
        LineType::SolidCross | LineType::DottedCross => {
            let c = back(6.0, 0.0);
            let a = Attrs::new().set("class", "crosshead").set("stroke", color).num("stroke-width", 1.5);
            line(w, Point::new(c.x - 5.0, c.y - 5.0), Point::new(c.x + 5.0, c.y + 5.0), a.clone());
            line(w, Point::new(c.x - 5.0, c.y + 5.0), Point::new(c.x + 5.0, c.y - 5.0), a);
        }
        LineType::SolidPoint | LineType::DottedPoint => {
            w.leaf(
                "polyline",
                Attrs::new().set("class", "arrowhead").set("points", pts(&[back(9.0, -5.0), tip, back(9.0, 5.0)])).set("fill", "none").set("stroke", color).num("stroke-width", 1.5),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{render_svg, RenderOptions};

    fn svg(text: &str) -> String {
        render_svg(text, &RenderOptions::default()).expect("renders").svg
    }

    #[test]
    fn draws_participants_twice_messages_and_heads() {
        let s = svg("sequenceDiagram\nactor U as User\nU->>API: GET <b>/x</b> & more\nAPI-->>U: ok\nAPI-)U: event\nAPI->U: open\n");
        assert_eq!(s.matches("class=\"actor actor-top\"").count(), 2);
        assert_eq!(s.matches("class=\"actor actor-bottom\"").count(), 2);
        assert_eq!(s.matches("class=\"messageLine0\"").count(), 3);
        assert_eq!(s.matches("class=\"messageLine1\"").count(), 1);
        // filled heads for ->> and -->>, an open chevron for -), none for ->
        assert_eq!(s.matches("<polygon class=\"arrowhead\"").count(), 2);
        assert_eq!(s.matches("<polyline class=\"arrowhead\"").count(), 1);
        assert!(s.contains("&amp; more"));
        assert!(s.contains("<circle"), "stick figure head");
    }

    #[test]
    fn frames_notes_activations_and_numbers() {
        let s = svg("sequenceDiagram\nautonumber\nloop every 5s\nA->>+B: ping\nNote over A,B: both\nB-->>-A: pong\nend\n");
        assert!(s.contains("class=\"block loop\""));
        assert!(s.contains(">[every 5s]</text>"));
        assert_eq!(s.matches("class=\"activation0\"").count(), 1);
        assert_eq!(s.matches("class=\"sequenceNumber\"").count(), 2);
        assert!(s.contains("class=\"noteText\""));
    }
}
