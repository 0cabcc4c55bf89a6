//! Drawing a laid-out gantt chart with mermaid's classes (`section0..3`,
//! `task`, `done0`, `crit0`, `taskText`, `taskTextOutsideRight`,
//! `sectionTitle`, `grid`, `titleText`) and its default theme's colours:
//! bars `#8a90dd` edged `#534fbc` with white text; active `#bfc7ff`; done
//! light grey edged grey; crit red edged `#ff8888` (active or done crit
//! bars keep their fill and take the red edge); texts beside a bar black;
//! row bands in `rgba(102,102,255,0.49)` and `#fff400` at 20% on
//! alternate sections; milestones as squares turned 45° and scaled 0.8.

use crate::svg::text::draw_text_block;
use crate::svg::theme::Theme;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{Attrs, SvgWriter};
use super::layout::{GanttLayout, BAR_HEIGHT};
use crate::layout::geometry::num;
use super::model::Gantt;

/// Fill and stroke of a task's bar, and its label's colour inside the bar.
pub fn bar_colors(done: bool, active: bool, crit: bool) -> (&'static str, &'static str, &'static str) {
    match (crit, done, active) {
        (true, _, true) => ("#bfc7ff", "#ff8888", "#000000"),
        (true, true, _) => ("#d3d3d3", "#ff8888", "#000000"),
        (true, _, _) => ("#ff0000", "#ff8888", "#000000"),
        (_, _, true) => ("#bfc7ff", "#534fbc", "#000000"),
        (_, true, _) => ("#d3d3d3", "#808080", "#000000"),
        _ => ("#8a90dd", "#534fbc", "#ffffff"),
    }
}

/// A row band's fill and opacity by section number.
pub fn band_fill(section: usize) -> (&'static str, f64) {
    match section % 4 {
        0 => ("#6666ff", 0.49 * 0.2),
        2 => ("#fff400", 0.2),
        _ => ("#ffffff", 0.2),
    }
}

/// The gantt chart as an SVG document.
pub fn draw_gantt(g: &Gantt, l: &GanttLayout, theme: &Theme) -> String {
    let b = l.bounds;
    let mut w = SvgWriter::new();
    open_document(
        &mut w,
        &Document { view_box: b, kind: "gantt", role: "gantt", acc_title: g.acc_title.as_deref(), acc_descr: g.acc_descr.as_deref(), background: None },
    );
    let dark = theme.background.is_some();
    let ink = if dark { theme.text } else { "#333333" };
    if let Some(bg) = theme.background {
        w.leaf("rect", Attrs::new().set("class", "background").num("x", b.x).num("y", b.y).num("width", b.width).num("height", b.height).set("fill", bg));
    }
    w.open("g", Attrs::new().set("class", "bands"));
    for (r, sec) in &l.bands {
        let (fill, opacity) = band_fill(*sec);
        w.leaf(
            "rect",
            Attrs::new().set("class", format!("section section{}", sec % 4)).num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).set("fill", fill).num("fill-opacity", opacity),
        );
    }
    w.close("g");
    // the grid: a line and a label per tick
    w.open("g", Attrs::new().set("class", "grid").set("opacity", "0.8"));
    let grid_ink = if dark { "#d3d3d3" } else { "#000000" };
    for (x, label) in &l.ticks {
        w.open("g", Attrs::new().set("class", "tick"));
        w.leaf("line", Attrs::new().num("x1", *x).num("y1", l.grid.1).num("x2", *x).num("y2", l.grid.0).set("stroke", grid_ink).set("shape-rendering", "crispEdges"));
        draw_text_block(&mut w, &label.text, &label.style, &label.block, label.center, ink, "tick-text");
        w.close("g");
    }
    w.close("g");
    w.open("g", Attrs::new().set("class", "tasks"));
    for bar in &l.bars {
        let t = &g.tasks[bar.task];
        let (fill, stroke, text_in) = bar_colors(t.done, t.active, t.crit);
        if let Some(r) = bar.rect {
            let mut a = Attrs::new()
                .set("id", t.id.clone())
                .set("class", format!("task{} {}", if t.milestone { " milestone" } else { "" }, state_class(t.done, t.active, t.crit, bar.section)))
                .num("x", r.x)
                .num("y", r.y)
                .num("width", r.width)
                .num("height", r.height)
                .num("rx", 3.0)
                .num("ry", 3.0)
                .set("fill", fill)
                .set("stroke", stroke)
                .num("stroke-width", 2.0);
            if t.milestone {
                let (cx, cy) = (r.x + r.width / 2.0, r.y + BAR_HEIGHT / 2.0);
                a = a.set("transform", format!("translate({} {}) rotate(45) scale(0.8) translate({} {})", num(cx), num(cy), num(-cx), num(-cy)));
            }
            w.leaf("rect", a);
        }
        let colour = if bar.inside { text_in } else if dark { theme.text } else { "#000000" };
        let class = if bar.inside { "taskText" } else { "taskTextOutside" };
        draw_text_block(&mut w, &bar.label.text, &bar.label.style, &bar.label.block, bar.label.center, colour, class);
    }
    w.close("g");
    for (t, sec) in &l.sections {
        draw_text_block(&mut w, &t.text, &t.style, &t.block, t.center, ink, &format!("sectionTitle sectionTitle{}", sec % 4));
    }
    if let Some(t) = &l.title {
        draw_text_block(&mut w, &t.text, &t.style, &t.block, t.center, ink, "titleText");
    }
    w.close("svg");
    w.finish()
}

fn state_class(done: bool, active: bool, crit: bool, sec: usize) -> String {
    let name = match (crit, done, active) {
        (true, _, true) => "activeCrit",
        (true, true, _) => "doneCrit",
        (true, _, _) => "crit",
        (_, _, true) => "active",
        (_, true, _) => "done",
        _ => "task",
    };
    format!("{name}{}", sec % 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_colours() {
        assert_eq!(bar_colors(false, false, false), ("#8a90dd", "#534fbc", "#ffffff"));
        assert_eq!(bar_colors(true, false, false).0, "#d3d3d3");
        assert_eq!(bar_colors(false, false, true).0, "#ff0000");
        assert_eq!(bar_colors(false, true, true), ("#bfc7ff", "#ff8888", "#000000"));
        assert_eq!(band_fill(2).0, "#fff400");
        assert_eq!(state_class(true, false, false, 5), "done1");
    }
}
