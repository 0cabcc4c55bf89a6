//! The root `<svg>` element every drawing starts with.

use super::writer::{Attrs, SvgWriter};
use crate::layout::geometry::{num, Rect};
use crate::text::fonts::FONT_FAMILY;

/// What the root element says about a drawing.
pub struct Document<'a> {
    /// The drawing's extent: the viewBox, and the width and height.
    pub view_box: Rect,
    /// The diagram kind, as in the `class` (`atlas-render pie`).
    pub kind: &'a str,
    /// mermaid's `aria-roledescription` (`flowchart-v2`, `pie`, ...).
    pub role: &'a str,
    /// `accTitle` and `accDescr`, as `<title>` and `<desc>`.
    pub acc_title: Option<&'a str>,
    pub acc_descr: Option<&'a str>,
    /// A page background rectangle over the view box.
    pub background: Option<&'a str>,
}

/// Opens the root element (close it with `w.close("svg")`), then writes the
/// accessible title and description and the background.
pub fn open_document(w: &mut SvgWriter, d: &Document) {
    let b = d.view_box;
    w.open(
        "svg",
        Attrs::new()
            .set("xmlns", "http://www.w3.org/2000/svg")
            .num("width", b.width)
            .num("height", b.height)
            .set("viewBox", format!("{} {} {} {}", num(b.x), num(b.y), num(b.width), num(b.height)))
            .set("class", format!("atlas-render {}", d.kind))
            .set("role", "graphics-document document")
            .set("aria-roledescription", d.role)
            .opt("aria-labelledby", d.acc_title.map(|_| "chart-title"))
            .opt("aria-describedby", d.acc_descr.map(|_| "chart-desc"))
            .set("font-family", FONT_FAMILY),
    );
    if let Some(t) = d.acc_title {
        w.text("title", Attrs::new().set("id", "chart-title"), t);
    }
    if let Some(t) = d.acc_descr {
        w.text("desc", Attrs::new().set("id", "chart-desc"), t);
    }
    if let Some(bg) = d.background {
        let mut rect = Attrs::new().set("class", "background");
        if b.x != 0.0 || b.y != 0.0 {
            rect = rect.num("x", b.x).num("y", b.y);
        }
        w.leaf("rect", rect.num("width", b.width).num("height", b.height).set("fill", bg));
    }
}
