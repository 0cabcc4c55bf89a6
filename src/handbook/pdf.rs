//! The laid-out book written as a PDF with krilla: pages of mixed sizes,
//! figures as vector drawings with selectable text (krilla-svg, from the
//! same usvg tree the PNG output draws), page labels (roman, then arabic),
//! an outline mirroring the nav, named destinations, links, metadata.

use super::book::{Book, BookNode};
use super::figures::DrawnFigure;
use super::paginate::{Item, LaidBook, Numbering, Spot, Target};
use super::typeset::PdfFonts;
use crate::raster::pdf::PdfFigure;
use krilla::color::rgb;
use krilla::destination::{NamedDestination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use rayon::prelude::*;
use std::num::NonZeroU32;

/// What the PDF is written with beside the book.
pub struct PdfInput<'a> {
    pub book: &'a Book,
    pub figures: &'a [DrawnFigure],
    pub laid: &'a LaidBook,
    /// `(year, month, day)` of the book's date.
    pub date: Option<(u16, u8, u8)>,
    pub pdfa: bool,
    pub progress: &'a indicatif::ProgressBar,
}

fn colour(c: (u8, u8, u8)) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

fn xyz(spot: Spot) -> XyzDestination {
    XyzDestination::new(spot.0, Point::from_xy(0.0, (spot.1 - 12.0).max(0.0)))
}

/// How many pages' figures are parsed at once.
const PAGES_PER_BATCH: usize = 32;

/// Writes the PDF.
pub fn write_pdf(input: &PdfInput) -> Result<Vec<u8>, String> {
    let fonts = PdfFonts::new();
    let mut document = krilla::Document::new_with(crate::raster::pdf_settings(input.pdfa));
    let laid = input.laid;
    let spot_of = |t: Target| match t {
        Target::Chapter(i) => laid.chapter_spots[i],
        Target::Figure(i) => laid.figure_spots[i],
    };
    // Figures are parsed a batch of pages ahead, in parallel, while the
    // pages before them are drawn: parsing is as costly as drawing, and
    // only two batches of trees are ever held.
    let batches: Vec<std::ops::Range<usize>> = (0..laid.pages.len()).step_by(PAGES_PER_BATCH).map(|s| s..(s + PAGES_PER_BATCH).min(laid.pages.len())).collect();
    std::thread::scope(|scope| -> Result<(), String> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(usize, PdfFigure)>>(1);
        let figures = input.figures;
        let to_parse: Vec<Vec<usize>> = batches
            .iter()
            .map(|r| laid.pages[r.clone()].iter().flat_map(|p| p.items.iter()).filter_map(|i| if let Item::Figure { figure, .. } = i { Some(*figure) } else { None }).collect())
            .collect();
        scope.spawn(move || {
            for wanted in to_parse {
                let trees: Vec<(usize, PdfFigure)> = wanted
                    .par_iter()
                    .filter_map(|&i| match &figures[i] {
                        DrawnFigure::Drawn(d) => PdfFigure::parse(&d.svg).ok().map(|t| (i, t)),
                        DrawnFigure::Failed { .. } => None,
                    })
                    .collect();
                if send.send(trees).is_err() {
                    return;
                }
            }
        });
        for range in &batches {
        let trees = receive.recv().map_err(|_| "the figures could not be parsed".to_string())?;
        for index in range.clone() {
            let page = &laid.pages[index];
            let size = Size::from_wh(page.sheet.width, page.sheet.height).ok_or("a page has no size")?;
            // every page carries its label: krilla starts a range at each page whose label differs
            let (style, number) = match page.numbering {
                Numbering::Roman(n) => (NumberingStyle::LowerRoman, n),
                Numbering::Arabic(n) => (NumberingStyle::Arabic, n),
            };
            let settings = PageSettings::new(size).with_page_label(PageLabel::new(Some(style), None, NonZeroU32::new(number as u32)));
            let mut pdf_page = document.start_page_with(settings);
            let mut links = Vec::new();
            {
                let mut surface = pdf_page.surface();
                for item in &page.items {
                    match item {
                        Item::Text { x, baseline, text, style } => fonts.draw(&mut surface, text, style, *x, *baseline),
                        Item::Rule { x1, x2, y, width, colour: c } => rule(&mut surface, *x1, *x2, *y, *width, *c),
                        Item::Rect { x, y, w, h, fill, stroke } => rect(&mut surface, *x, *y, *w, *h, *fill, *stroke),
                        Item::Figure { figure, x, y, w, h } => {
                            if let Some((_, tree)) = trees.iter().find(|(i, _)| i == figure) {
                                if let Some(size) = Size::from_wh(*w, *h) {
                                    surface.push_transform(&Transform::from_translate(*x, *y));
                                    tree.draw(&mut surface, size);
                                    surface.pop();
                                }
                            }
                        }
                        Item::Link { x, y, w, h, target } => links.push((*x, *y, *w, *h, spot_of(*target))),
                    }
                }
                surface.finish();
            }
            for (x, y, w, h, spot) in links {
                if let Some(r) = Rect::from_xywh(x, y, w, h) {
                    let link = krilla::annotation::LinkAnnotation::new(r, krilla::annotation::Target::Destination(krilla::destination::Destination::Xyz(xyz(spot))));
                    pdf_page.add_annotation(krilla::annotation::Annotation::new_link(link, None));
                }
            }
            pdf_page.finish();
            input.progress.inc(1);
        }
        }
        Ok(())
    })?;

    register_destinations(&mut document, input);
    document.set_outline(outline(input));
    document.set_metadata(metadata(input));
    document.finish().map_err(|e| format!("the PDF could not be written: {e:?}"))
}

fn rule(surface: &mut Surface<'_>, x1: f32, x2: f32, y: f32, width: f32, c: (u8, u8, u8)) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y);
    pb.line_to(x2, y);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: colour(c), width, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, fill: Option<(u8, u8, u8)>, stroke: Option<(u8, u8, u8)>) {
    let Some(r) = Rect::from_xywh(x, y, w, h) else { return };
    let mut pb = PathBuilder::new();
    pb.push_rect(r);
    let Some(path) = pb.finish() else { return };
    surface.set_fill(fill.map(|c| Fill { paint: colour(c), opacity: NormalizedF32::ONE, rule: Default::default() }));
    surface.set_stroke(stroke.map(|c| Stroke { paint: colour(c), width: 0.8, ..Stroke::default() }));
    surface.draw_path(&path);
    surface.set_fill(None);
    surface.set_stroke(None);
}

/// `chapter-12`, `fig-12.3`, the page's path (`systems/netflix/failure-domains.md`)
/// and a figure by page and block (`systems/netflix/failure-domains.md#2`).
fn register_destinations(document: &mut krilla::Document, input: &PdfInput) {
    let laid = input.laid;
    for c in input.book.chapters() {
        let spot = laid.chapter_spots[c.number - 1];
        let _ = document.register_named_destination(NamedDestination::new(format!("chapter-{}", c.number), xyz(spot)));
        let _ = document.register_named_destination(NamedDestination::new(c.page.clone(), xyz(spot)));
    }
    for (i, f) in input.book.figures().iter().enumerate() {
        let spot = laid.figure_spots[i];
        let _ = document.register_named_destination(NamedDestination::new(format!("fig-{}", f.label()), xyz(spot)));
        let page = &input.book.chapters()[f.chapter - 1].page;
        let _ = document.register_named_destination(NamedDestination::new(format!("{page}#{}", f.number), xyz(spot)));
    }
}

/// The outline: contents and list of figures, then the nav's parts and
/// chapters, each chapter with its `##`/`###` headings that hold figures.
fn outline(input: &PdfInput) -> Outline {
    let laid = input.laid;
    let mut out = Outline::new();
    out.push_child(OutlineNode::new("Contents".into(), xyz(laid.contents)));
    out.push_child(OutlineNode::new("List of figures".into(), xyz(laid.list_of_figures)));
    fn nodes(book_nodes: &[BookNode], laid: &LaidBook, push: &mut dyn FnMut(OutlineNode)) {
        for n in book_nodes {
            match n {
                BookNode::Part(p) => {
                    let first = first_spot(&p.children, laid);
                    let mut node = OutlineNode::new(p.title.clone(), xyz(first.unwrap_or(laid.contents)));
                    nodes(&p.children, laid, &mut |child| node.push_child(child));
                    push(node);
                }
                BookNode::Chapter(c) => {
                    let mut node = OutlineNode::new(format!("{}  {}", c.number, c.title), xyz(laid.chapter_spots[c.number - 1]));
                    let first_figure = |local: usize| c.figures.get(local).map(|f| f.number);
                    let base = c.figures.first().map_or(0, |f| f.global);
                    let mut open: Option<OutlineNode> = None;
                    for h in &c.headings {
                        let spot = first_figure(h.first_figure).map(|_| laid.figure_spots[base + h.first_figure]).unwrap_or(laid.chapter_spots[c.number - 1]);
                        let entry = OutlineNode::new(h.text.clone(), xyz(spot));
                        match (h.level, open.as_mut()) {
                            (3, Some(parent)) => parent.push_child(entry),
                            _ => {
                                if let Some(done) = open.take() {
                                    node.push_child(done);
                                }
                                if h.level == 2 {
                                    open = Some(entry);
                                } else {
                                    node.push_child(entry);
                                }
                            }
                        }
                    }
                    if let Some(done) = open.take() {
                        node.push_child(done);
                    }
                    push(node);
                }
            }
        }
    }
    nodes(&input.book.nodes, laid, &mut |n| out.push_child(n));
    if let Some(a) = laid.appendix {
        out.push_child(OutlineNode::new("Appendix: diagrams that could not be drawn".into(), xyz(a)));
    }
    out
}

fn first_spot(nodes: &[BookNode], laid: &LaidBook) -> Option<Spot> {
    nodes.iter().find_map(|n| match n {
        BookNode::Chapter(c) => Some(laid.chapter_spots[c.number - 1]),
        BookNode::Part(p) => first_spot(&p.children, laid),
    })
}

fn metadata(input: &PdfInput) -> Metadata {
    let book = input.book;
    let mut m = Metadata::new()
        .title(match &book.scope {
            Some(scope) => format!("{}: {scope}", book.title),
            None => book.title.clone(),
        })
        .language("en".into())
        .creator(format!("atlas-render {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("atlas-render {} (krilla)", env!("CARGO_PKG_VERSION")))
        .description(book.description.clone().unwrap_or_else(|| format!("{}: the diagrams", book.title)))
        .keywords(vec!["architecture".into(), "diagrams".into(), "mermaid".into()]);
    if let Some(a) = &book.author {
        m = m.authors(vec![a.clone()]);
    }
    if let Some((y, mo, d)) = input.date {
        m = m.creation_date(DateTime::new(y).month(mo).day(d).hour(0).minute(0).second(0).utc_offset_hour(0).utc_offset_minute(0));
    }
    m
}
