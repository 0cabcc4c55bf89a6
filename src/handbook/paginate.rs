//! The book laid out on paper: every page as a display list of text,
//! rules, boxes, figures, links and destinations, in points (y down from
//! the top of the sheet).
//!
//! Figures flow down the page, several per page when they fit, never split,
//! never enlarged past 1:1 (one CSS pixel to 0.75 pt, as a browser prints),
//! and never with text under [`MIN_TEXT_PT`]: a figure that would need it on
//! a portrait page gets a landscape page, then a larger sheet (A3, A2, ...;
//! Tabloid, ANSI C, ... for Letter), and in the end a sheet cut to its size.

use super::book::{Book, BookNode, Chapter};
use super::figures::{DrawnFigure, Drawing};
use super::typeset::{fit, width, wrap, Style};
use crate::planes::colour::text_on;
use crate::planes::{Palette, Plane};

/// The smallest diagram text a reader is asked to read.
pub const MIN_TEXT_PT: f32 = 7.0;
/// Points per CSS pixel at 1:1.
pub const PT_PER_PX: f32 = 0.75;
/// The largest side of a PDF page (200 inches).
const MAX_SHEET: f32 = 14_400.0;

const MARGIN_X: f32 = 54.0;
const MARGIN_TOP: f32 = 62.0;
const MARGIN_BOTTOM: f32 = 58.0;
const HEAD_BASELINE: f32 = 36.0;
const FOOT_FROM_BOTTOM: f32 = 30.0;
/// Space between blocks on a page.
const GAP: f32 = 16.0;
/// Space between a figure and its caption.
const CAPTION_GAP: f32 = 6.0;

/// The paper the book is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn named(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// The sheets a figure may get, smallest first, as (name, short side, long side) in points.
    fn sizes(self) -> &'static [(&'static str, f32, f32)] {
        match self {
            Paper::A4 => &[("A4", 595.28, 841.89), ("A3", 841.89, 1190.55), ("A2", 1190.55, 1683.78), ("A1", 1683.78, 2383.94), ("A0", 2383.94, 3370.39)],
            Paper::Letter => &[("Letter", 612.0, 792.0), ("Tabloid", 792.0, 1224.0), ("ANSI C", 1224.0, 1584.0), ("ANSI D", 1584.0, 2448.0), ("ANSI E", 2448.0, 3168.0)],
        }
    }

    /// The book's own page: the smallest sheet, portrait.
    pub fn page(self) -> Sheet {
        let (name, w, h) = self.sizes()[0];
        Sheet { name: name.to_string(), width: w, height: h }
    }
}

/// A page size.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// `A4`, `A4 landscape`, `A3`, ..., `custom`.
    pub name: String,
    pub width: f32,
    pub height: f32,
}

impl Sheet {
    fn landscape(&self) -> Sheet {
        Sheet { name: format!("{} landscape", self.name), width: self.height, height: self.width }
    }
    pub fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }
    fn top(&self) -> f32 {
        MARGIN_TOP
    }
    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM
    }
    fn text_height(&self) -> f32 {
        self.bottom() - self.top()
    }
}

/// Where a link goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Chapter(usize),
    /// A figure, by its index in the book's figures.
    Figure(usize),
}

/// What is drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text { x: f32, baseline: f32, text: String, style: Style },
    Rule { x1: f32, x2: f32, y: f32, width: f32, colour: (u8, u8, u8) },
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<(u8, u8, u8)>, stroke: Option<(u8, u8, u8)> },
    /// A figure's drawing scaled into the box.
    Figure { figure: usize, x: f32, y: f32, w: f32, h: f32 },
    Link { x: f32, y: f32, w: f32, h: f32, target: Target },
}

/// How a page is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Front matter: i, ii, ...
    Roman(usize),
    /// From chapter 1 on: 1, 2, ...
    Arabic(usize),
}

impl Numbering {
    pub fn label(self) -> String {
        match self {
            Numbering::Roman(n) => roman(n),
            Numbering::Arabic(n) => n.to_string(),
        }
    }
}

/// Lower-case Roman numerals.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// One page of the book.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidPage {
    pub sheet: Sheet,
    pub numbering: Numbering,
    pub items: Vec<Item>,
    /// The chapter the running head names.
    pub chapter: Option<usize>,
}

/// A point of the book a link or bookmark can go to: page index and y.
pub type Spot = (usize, f32);

/// The whole book on paper.
#[derive(Debug, Clone)]
pub struct LaidBook {
    pub pages: Vec<LaidPage>,
    /// Per chapter (by number - 1): where its heading is.
    pub chapter_spots: Vec<Spot>,
    /// Per figure (book order): where it is, and the size of its smallest text in points.
    pub figure_spots: Vec<Spot>,
    pub figure_text_pt: Vec<Option<f32>>,
    /// Where the contents, the list of figures and the appendix begin.
    pub contents: Spot,
    pub list_of_figures: Spot,
    pub appendix: Option<Spot>,
    /// Index of the first body page.
    pub first_body_page: usize,
}

/// Everything pagination needs to know beside the book.
pub struct LayoutInput<'a> {
    pub book: &'a Book,
    /// The book's chapters and figures in reading order.
    pub chapters: Vec<&'a Chapter>,
    pub figure_list: Vec<&'a super::book::Figure>,
    pub figures: &'a [DrawnFigure],
    pub paper: Paper,
    pub palette: &'a Palette,
    /// The date on the title page.
    pub date: String,
}

// Styles of the book's text.
const BODY: Style = Style::new(10.0);
const SMALL_GREY: Style = Style::new(7.0).colour(0x5f, 0x66, 0x6d);
const CAPTION: Style = Style::new(9.0);
const CAPTION_LABEL: Style = Style::new(9.0).bold();
const NOTE: Style = Style::new(7.5).colour(0x9a, 0x34, 0x12);
const HEAD: Style = Style::new(8.0).colour(0x5f, 0x66, 0x6d);
const CHAPTER_LABEL: Style = Style::new(8.5).colour(0x5f, 0x66, 0x6d);
const CHAPTER_TITLE: Style = Style::new(16.0).bold();
const LIST: Style = Style::new(9.0);
const LIST_PART: Style = Style::new(9.0).bold();
const LIST_TITLE: Style = Style::new(20.0).bold();
const GREY_RULE: (u8, u8, u8) = (0xc8, 0xcd, 0xd2);

fn part_style(depth: usize) -> Style {
    match depth {
        0 => Style::new(24.0).bold(),
        1 => Style::new(15.0).bold(),
        _ => Style::new(12.0).bold(),
    }
}

/// A run of items laid out from y = 0, with its height.
#[derive(Debug, Clone, Default)]
struct Block {
    items: Vec<Item>,
    height: f32,
}

impl Block {
    fn text(&mut self, x: f32, text: &str, style: Style) {
        self.items.push(Item::Text { x, baseline: self.height + style.ascent(), text: text.to_string(), style });
        self.height += style.leading();
    }
    fn lines(&mut self, x: f32, lines: &[String], style: Style) {
        for l in lines {
            self.text(x, l, style);
        }
    }
    fn space(&mut self, h: f32) {
        self.height += h;
    }
    /// The items moved to `(x, y)`.
    fn placed(&self, dx: f32, dy: f32) -> Vec<Item> {
        self.items.iter().map(|i| shift(i, dx, dy)).collect()
    }
}

fn shift(item: &Item, dx: f32, dy: f32) -> Item {
    match item.clone() {
        Item::Text { x, baseline, text, style } => Item::Text { x: x + dx, baseline: baseline + dy, text, style },
        Item::Rule { x1, x2, y, width, colour } => Item::Rule { x1: x1 + dx, x2: x2 + dx, y: y + dy, width, colour },
        Item::Rect { x, y, w, h, fill, stroke } => Item::Rect { x: x + dx, y: y + dy, w, h, fill, stroke },
        Item::Figure { figure, x, y, w, h } => Item::Figure { figure, x: x + dx, y: y + dy, w, h },
        Item::Link { x, y, w, h, target } => Item::Link { x: x + dx, y: y + dy, w, h, target },
    }
}

/// How a figure is placed: on which sheet, at which size.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub sheet: Sheet,
    /// Points per SVG unit.
    pub scale: f32,
    pub text_pt: f32,
}

/// The sheet and scale for a drawing: the first sheet on which its text
/// stays at or over [`MIN_TEXT_PT`], given the height `reserved` above it
/// and the caption under it (its height for a text width).
pub fn fit_drawing(d: &Drawing, paper: Paper, reserved: f32, caption: &dyn Fn(f32) -> f32) -> Fit {
    let scale_on = |sheet: &Sheet| {
        let avail_h = sheet.text_height() - reserved - CAPTION_GAP - caption(sheet.text_width());
        (sheet.text_width() / d.width).min(avail_h.max(1.0) / d.height).min(PT_PER_PX)
    };
    let needed = MIN_TEXT_PT / d.min_text.max(0.1);
    let sizes = paper.sizes();
    let mut candidates = Vec::new();
    for (i, (name, w, h)) in sizes.iter().enumerate() {
        let portrait = Sheet { name: name.to_string(), width: *w, height: *h };
        if i == 0 {
            candidates.push(portrait.clone());
            candidates.push(portrait.landscape());
        } else {
            // the orientation that lets the drawing be larger; portrait on a tie
            let landscape = portrait.landscape();
            if scale_on(&landscape) > scale_on(&portrait) + 1e-4 {
                candidates.push(landscape);
            } else {
                candidates.push(portrait);
            }
        }
    }
    for sheet in &candidates {
        let scale = scale_on(sheet);
        if scale + 1e-4 >= needed.min(PT_PER_PX) {
            return Fit { text_pt: d.min_text * scale, scale, sheet: sheet.clone() };
        }
    }
    // a sheet cut to the drawing at the scale its text needs
    let scale = needed.min(PT_PER_PX);
    let mut width = (d.width * scale + 2.0 * MARGIN_X).max(sizes[0].1);
    let text_width = width - 2.0 * MARGIN_X;
    let mut height = (d.height * scale + reserved + CAPTION_GAP + caption(text_width) + MARGIN_TOP + MARGIN_BOTTOM).max(sizes[0].1);
    let mut scale = scale;
    if width > MAX_SHEET || height > MAX_SHEET {
        let shrink = (MAX_SHEET / width).min(MAX_SHEET / height);
        scale *= shrink;
        width = width.min(MAX_SHEET);
        height = height.min(MAX_SHEET);
    }
    Fit { sheet: Sheet { name: "custom".into(), width: width.ceil(), height: height.ceil() }, text_pt: d.min_text * scale, scale }
}

/// The caption under a figure: label and caption, source location, and a
/// note when mermaid-js refuses the diagram.
fn caption_block(input: &LayoutInput, index: usize, text_width: f32) -> Block {
    let f = input.figure_list[index];
    let chapter = input.chapters[f.chapter - 1];
    let mut b = Block::default();
    let label = format!("Figure {}", f.label());
    let label_w = width(&label, &CAPTION_LABEL) + 6.0;
    let lines = wrap(&f.caption, &CAPTION, text_width - label_w);
    b.items.push(Item::Text { x: 0.0, baseline: CAPTION.ascent(), text: label, style: CAPTION_LABEL });
    b.lines(label_w, if lines.is_empty() { &[][..] } else { &lines }, CAPTION);
    if lines.is_empty() {
        b.space(CAPTION.leading());
    }
    b.text(label_w, &format!("{}:{}", chapter.shown_path, f.line), SMALL_GREY);
    if let DrawnFigure::Drawn(Drawing { refusal: Some(r), .. }) = &input.figures[index] {
        let repair = if r.fixable { "; `atlas-render check --fix` repairs it" } else { "" };
        let note = format!("mermaid-js refuses this diagram: {} {} (line {}){repair}", r.code, r.message, r.line);
        b.lines(label_w, &wrap(&note, &NOTE, text_width - label_w), NOTE);
    }
    b
}

/// The boxed placeholder of a figure that cannot be drawn.
fn placeholder(input: &LayoutInput, index: usize, text_width: f32) -> Block {
    let DrawnFigure::Failed { code, message, line, column } = &input.figures[index] else { return Block::default() };
    let f = input.figure_list[index];
    let chapter = &input.chapters[f.chapter - 1];
    let mut inner = Block::default();
    inner.text(12.0, "This diagram cannot be drawn", BODY.bold().colour(0x9a, 0x34, 0x12));
    inner.lines(12.0, &wrap(&format!("{code}: {message}"), &BODY, text_width - 24.0), BODY);
    inner.text(12.0, &format!("at {}:{line}:{column}", chapter.shown_path), SMALL_GREY);
    let mut b = Block::default();
    let h = inner.height + 20.0;
    b.items.push(Item::Rect { x: 0.0, y: 0.0, w: text_width, h, fill: Some((0xfd, 0xf3, 0xee)), stroke: Some((0x9a, 0x34, 0x12)) });
    b.items.extend(inner.placed(0.0, 10.0));
    b.height = h;
    b
}

/// A chapter's heading block.
fn chapter_block(c: &Chapter, text_width: f32) -> Block {
    let mut b = Block::default();
    let trail = if c.trail.is_empty() { String::new() } else { format!("  ·  {}", c.trail.join(" › ")) };
    b.text(0.0, &fit(&format!("Chapter {}{trail}", c.number), &CHAPTER_LABEL, text_width), CHAPTER_LABEL);
    b.space(2.0);
    b.lines(0.0, &wrap(&c.title, &CHAPTER_TITLE, text_width), CHAPTER_TITLE);
    b.items.push(Item::Rule { x1: 0.0, x2: text_width, y: b.height + 1.0, width: 0.6, colour: GREY_RULE });
    b.space(4.0);
    if let Some(e) = &c.error {
        b.space(4.0);
        b.lines(0.0, &wrap(e, &NOTE, text_width), NOTE);
    } else if c.figures.is_empty() {
        b.space(4.0);
        b.text(0.0, "No diagrams on this page.", SMALL_GREY);
    }
    b
}

fn part_block(title: &str, depth: usize, text_width: f32) -> Block {
    let style = part_style(depth);
    let mut b = Block::default();
    b.lines(0.0, &wrap(title, &style, text_width), style);
    if depth == 0 {
        b.items.push(Item::Rule { x1: 0.0, x2: text_width, y: b.height + 2.0, width: 1.5, colour: (0x1f, 0x23, 0x28) });
        b.space(6.0);
    }
    b
}

/// The body flow: what comes in reading order.
enum Flow<'a> {
    Part { title: &'a str, depth: usize },
    Chapter(&'a Chapter),
    Figure(usize),
}

fn flow<'a>(nodes: &'a [BookNode], depth: usize, out: &mut Vec<Flow<'a>>, figure: &mut usize) {
    for n in nodes {
        match n {
            BookNode::Part(p) => {
                out.push(Flow::Part { title: &p.title, depth });
                flow(&p.children, depth + 1, out, figure);
            }
            BookNode::Chapter(c) => {
                out.push(Flow::Chapter(c));
                for _ in &c.figures {
                    out.push(Flow::Figure(*figure));
                    *figure += 1;
                }
            }
        }
    }
}

/// A heading waiting to be placed with what follows it.
enum Heading<'a> {
    Part { title: &'a str, depth: usize },
    Chapter(&'a Chapter),
}

impl Heading<'_> {
    /// The heading set for a text width.
    fn block(&self, text_width: f32) -> Block {
        match self {
            Heading::Part { title, depth } => part_block(title, *depth, text_width),
            Heading::Chapter(c) => chapter_block(c, text_width),
        }
    }

    fn chapter(&self) -> Option<usize> {
        match self {
            Heading::Part { .. } => None,
            Heading::Chapter(c) => Some(c.number - 1),
        }
    }
}

/// A page being filled.
struct Filling {
    sheet: Sheet,
    y: f32,
    items: Vec<Item>,
    chapter: Option<usize>,
    empty: bool,
}

impl Filling {
    fn new(sheet: Sheet) -> Filling {
        Filling { y: sheet.top(), sheet, items: Vec::new(), chapter: None, empty: true }
    }
    fn room(&self) -> f32 {
        self.sheet.bottom() - self.y
    }
    fn put(&mut self, block: &Block) -> f32 {
        if !self.empty {
            self.y += GAP;
        }
        let top = self.y;
        self.items.extend(block.placed(MARGIN_X, top));
        self.y += block.height;
        self.empty = false;
        top
    }
}

/// Lays the body out: parts, chapters and figures, from the first body page.
fn body(input: &LayoutInput, first_page: usize, laid: &mut LaidBook) -> Vec<LaidPage> {
    let page = input.paper.page();
    let mut items = Vec::new();
    let mut n = 0;
    flow(&input.book.nodes, 0, &mut items, &mut n);
    let mut pages: Vec<Filling> = Vec::new();
    let mut current: Option<Filling> = None;
    // headings waiting for what follows them
    let mut pending: Vec<Heading> = Vec::new();
    let mut force_new = false;
    let chapters = &input.chapters;
    let mut chapter_spots = vec![(0usize, 0f32); chapters.len()];
    let mut figure_spots = vec![(0usize, 0f32); input.figures.len()];
    let mut text_pt = vec![None; input.figures.len()];
    let mut place = |content: Block, sheet: Sheet, pending: &mut Vec<Heading>, force_new: &mut bool, current: &mut Option<Filling>, pages: &mut Vec<Filling>| -> (usize, f32) {
        let heads: f32 = pending.iter().map(|h| h.block(sheet.text_width()).height + GAP).sum();
        let need = heads + content.height + GAP;
        let fits = current.as_ref().is_some_and(|c| c.sheet == sheet && !(*force_new && !c.empty) && c.room() >= need);
        if !fits {
            if let Some(done) = current.take() {
                if !done.empty {
                    pages.push(done);
                }
            }
            *current = Some(Filling::new(sheet));
        }
        *force_new = false;
        let c = current.as_mut().expect("a page is open");
        let index = first_page + pages.len();
        let width = c.sheet.text_width();
        for heading in pending.drain(..) {
            let chapter = heading.chapter();
            let top = c.put(&heading.block(width));
            if let Some(ch) = chapter {
                chapter_spots[ch] = (index, top);
                c.chapter.get_or_insert(ch);
            }
        }
        let top = c.put(&content);
        (index, top)
    };
    for item in items {
        match item {
            Flow::Part { title, depth } => {
                if depth == 0 {
                    force_new = pending.is_empty() || force_new;
                }
                pending.push(Heading::Part { title, depth });
            }
            Flow::Chapter(c) => {
                pending.push(Heading::Chapter(c));
                if c.figures.is_empty() {
                    place(Block::default(), page.clone(), &mut pending, &mut force_new, &mut current, &mut pages);
                }
            }
            Flow::Figure(i) => {
                // the headings' height on the narrowest sheet: no less on any other
                let reserved: f32 = pending.iter().map(|h| h.block(page.text_width()).height + GAP).sum();
                let (sheet, content) = match &input.figures[i] {
                    DrawnFigure::Drawn(d) => {
                        // a caption's height for each text width tried, worked out once
                        let heights = std::cell::RefCell::new(Vec::<(f32, f32)>::new());
                        let caption_h = |w: f32| {
                            if let Some((_, h)) = heights.borrow().iter().find(|(x, _)| *x == w) {
                                return *h;
                            }
                            let h = caption_block(input, i, w).height;
                            heights.borrow_mut().push((w, h));
                            h
                        };
                        let fitted = fit_drawing(d, input.paper, reserved + GAP, &caption_h);
                        let (w, h) = (d.width * fitted.scale, d.height * fitted.scale);
                        let text_width = fitted.sheet.text_width();
                        let mut b = Block::default();
                        b.items.push(Item::Figure { figure: i, x: ((text_width - w) / 2.0).max(0.0), y: 0.0, w, h });
                        b.height = h + CAPTION_GAP;
                        let caption = caption_block(input, i, text_width);
                        b.items.extend(caption.placed(0.0, b.height));
                        b.height += caption.height;
                        text_pt[i] = Some(fitted.text_pt);
                        (fitted.sheet, b)
                    }
                    DrawnFigure::Failed { .. } => {
                        let mut b = placeholder(input, i, page.text_width());
                        b.space(CAPTION_GAP);
                        let caption = caption_block(input, i, page.text_width());
                        let at = b.height;
                        b.items.extend(caption.placed(0.0, at));
                        b.height += caption.height;
                        (page.clone(), b)
                    }
                };
                let chapter = input.figure_list[i].chapter - 1;
                let spot = place(content, sheet, &mut pending, &mut force_new, &mut current, &mut pages);
                if let Some(cur) = current.as_mut() {
                    cur.chapter.get_or_insert(chapter);
                }
                figure_spots[i] = spot;
            }
        }
    }
    if !pending.is_empty() {
        // parts with nothing after them: their headings still get a page
        place(Block::default(), page.clone(), &mut pending, &mut force_new, &mut current, &mut pages);
    }
    if let Some(done) = current.take() {
        if !done.empty {
            pages.push(done);
        }
    }
    laid.chapter_spots = chapter_spots;
    laid.figure_spots = figure_spots;
    laid.figure_text_pt = text_pt;
    let mut last_chapter = None;
    pages
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let chapter = f.chapter.or(last_chapter);
            last_chapter = chapter;
            LaidPage { sheet: f.sheet, numbering: Numbering::Arabic(first_page + i), items: f.items, chapter }
        })
        .collect()
}

/// An entry of a list (contents, figures, appendix): lines of text with a
/// page number at the right, and where a click on it goes.
struct ListEntry {
    indent: f32,
    /// A number set right-aligned in a column before the text (`12`, `12.3`).
    label: Option<(String, f32)>,
    lines: Vec<(String, Style)>,
    target: Option<Target>,
    /// Space before the entry.
    before: f32,
}

/// Lays a titled list out on as many book pages as it needs.
fn list_pages(title: &str, entries: &[ListEntry], sheet: &Sheet, page_of: &dyn Fn(Target) -> String) -> Vec<Vec<Item>> {
    let mut pages = Vec::new();
    let mut items = Vec::new();
    let mut title_block = Block::default();
    title_block.text(0.0, title, LIST_TITLE);
    title_block.space(8.0);
    items.extend(title_block.placed(MARGIN_X, sheet.top()));
    let mut y = sheet.top() + title_block.height;
    let right = sheet.width - MARGIN_X;
    for e in entries {
        let h: f32 = e.before + e.lines.iter().map(|(_, s)| s.leading()).sum::<f32>();
        if y + h > sheet.bottom() {
            pages.push(std::mem::take(&mut items));
            y = sheet.top();
        }
        y += e.before;
        let top = y;
        let number = e.target.map(page_of).unwrap_or_default();
        let number_w = width(&number, &LIST) + 4.0;
        if let Some((label, column)) = &e.label {
            let style = e.lines.first().map_or(LIST, |(_, s)| *s);
            items.push(Item::Text { x: MARGIN_X + e.indent + column - 6.0 - width(label, &style), baseline: y + style.ascent(), text: label.clone(), style });
        }
        for (k, (text, style)) in e.lines.iter().enumerate() {
            let x = MARGIN_X + e.indent + e.label.as_ref().map_or(0.0, |(_, column)| *column);
            let max = right - x - if k == 0 { number_w + 8.0 } else { 0.0 };
            let shown = fit(text, style, max);
            let baseline = y + style.ascent();
            if k == 0 && !number.is_empty() {
                // dotted leader to the page number
                let end = x + width(&shown, style) + 4.0;
                let dots_from = end.max(x);
                let dots_to = right - number_w;
                if dots_to - dots_from > 6.0 {
                    let dot_w = width(". ", &SMALL_GREY);
                    let count = ((dots_to - dots_from) / dot_w).floor() as usize;
                    let dots = ". ".repeat(count);
                    items.push(Item::Text { x: dots_to - width(&dots, &SMALL_GREY), baseline, text: dots, style: SMALL_GREY });
                }
                items.push(Item::Text { x: right - width(&number, &LIST), baseline, text: number.clone(), style: LIST });
            }
            items.push(Item::Text { x, baseline, text: shown, style: *style });
            y += style.leading();
        }
        if let Some(t) = e.target {
            items.push(Item::Link { x: MARGIN_X + e.indent, y: top, w: right - MARGIN_X - e.indent, h: y - top, target: t });
        }
    }
    pages.push(items);
    pages
}

fn contents_entries(book: &Book) -> Vec<ListEntry> {
    fn walk(nodes: &[BookNode], depth: usize, out: &mut Vec<ListEntry>) {
        for n in nodes {
            match n {
                BookNode::Part(p) => {
                    out.push(ListEntry { indent: depth as f32 * 12.0, label: None, lines: vec![(p.title.clone(), if depth == 0 { LIST_PART.colour(0x1f, 0x23, 0x28) } else { LIST_PART })], target: None, before: if depth == 0 { 8.0 } else { 3.0 } });
                    walk(&p.children, depth + 1, out);
                }
                BookNode::Chapter(c) => out.push(ListEntry {
                    indent: depth as f32 * 12.0,
                    label: Some((c.number.to_string(), 26.0)),
                    lines: vec![(c.title.clone(), LIST)],
                    target: Some(Target::Chapter(c.number - 1)),
                    before: 0.0,
                }),
            }
        }
    }
    let mut out = Vec::new();
    walk(&book.nodes, 0, &mut out);
    out
}

fn figure_entries(book: &Book) -> Vec<ListEntry> {
    let chapters = book.chapters();
    book.figures()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // the chapter's title too: many captions ("Overview") say little on their own
            let title = &chapters[f.chapter - 1].title;
            let text = if f.caption == *title { f.caption.clone() } else { format!("{} — {title}", f.caption) };
            ListEntry { indent: 0.0, label: Some((f.label(), 42.0)), lines: vec![(text, LIST)], target: Some(Target::Figure(i)), before: 0.0 }
        })
        .collect()
}

fn appendix_entries(input: &LayoutInput) -> Vec<ListEntry> {
    let figures = &input.figure_list;
    let chapters = &input.chapters;
    input
        .figures
        .iter()
        .enumerate()
        .filter_map(|(i, d)| match d {
            DrawnFigure::Failed { code, message, line, column } => {
                let f = figures[i];
                let c = chapters[f.chapter - 1];
                Some(ListEntry {
                    indent: 0.0,
                    label: None,
                    lines: vec![
                        (format!("Figure {}  {} — {}", f.label(), c.title, f.caption), LIST.bold()),
                        (format!("{code}: {message}"), LIST),
                        (format!("{}:{line}:{column}", c.shown_path), SMALL_GREY),
                    ],
                    target: Some(Target::Figure(i)),
                    before: 6.0,
                })
            }
            DrawnFigure::Drawn(_) => None,
        })
        .collect()
}

/// The title page.
fn title_page(input: &LayoutInput, sheet: &Sheet) -> Vec<Item> {
    let book = input.book;
    let w = sheet.text_width();
    let mut b = Block::default();
    b.space(sheet.height * 0.22);
    b.lines(0.0, &wrap(&book.title, &Style::new(30.0).bold(), w), Style::new(30.0).bold());
    b.space(10.0);
    if let Some(scope) = &book.scope {
        b.lines(0.0, &wrap(scope, &Style::new(18.0).bold().colour(0x00, 0x66, 0xcc), w), Style::new(18.0).bold().colour(0x00, 0x66, 0xcc));
        b.space(6.0);
    }
    if let Some(d) = &book.description {
        b.lines(0.0, &wrap(d, &Style::new(14.0).colour(0x44, 0x4b, 0x52), w), Style::new(14.0).colour(0x44, 0x4b, 0x52));
    }
    b.items.push(Item::Rule { x1: 0.0, x2: w, y: b.height + 10.0, width: 1.5, colour: (0x1f, 0x23, 0x28) });
    b.space(30.0);
    if let Some(a) = &book.author {
        b.text(0.0, a, Style::new(12.0));
    }
    b.text(0.0, &input.date, Style::new(11.0).colour(0x5f, 0x66, 0x6d));
    b.space(20.0);
    let chapters = book.chapters().len();
    let figures = input.figures.len();
    let failed = input.figures.iter().filter(|f| matches!(f, DrawnFigure::Failed { .. })).count();
    let mut counts = format!("{chapters} chapter{}, {figures} figure{}", plural(chapters), plural(figures));
    if failed > 0 {
        counts.push_str(&format!(" ({failed} not drawn: see the appendix)"));
    }
    b.text(0.0, &counts, Style::new(11.0));
    let mut items = b.placed(MARGIN_X, 0.0);
    let mut foot = Block::default();
    foot.text(0.0, "Drawn by atlas-render, without a browser.", SMALL_GREY);
    items.extend(foot.placed(MARGIN_X, sheet.bottom() - foot.height));
    items
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The legend page: the four planes and their colours.
fn legend_page(input: &LayoutInput, sheet: &Sheet) -> Vec<Item> {
    let w = sheet.text_width();
    let mut b = Block::default();
    b.text(0.0, "The four planes", LIST_TITLE);
    b.space(6.0);
    let intro = "Every architecture diagram of the Atlas shows its components in four planes, each with a fixed colour. Nodes of a plane are filled with its colour; subgraphs of a plane are tinted with it and bordered in it.";
    b.lines(0.0, &wrap(intro, &BODY, w), BODY);
    b.space(14.0);
    let about = [
        (Plane::Edge, "CDN, WAF, load balancers: where requests enter."),
        (Plane::Service, "Gateways and business logic."),
        (Plane::State, "Databases, caches, storage."),
        (Plane::Control, "Monitoring, configuration, automation."),
    ];
    for (plane, what) in about {
        let paint = input.palette.node_paint(plane);
        let rgb = |c: crate::planes::colour::Rgb| (c.0, c.1, c.2);
        let top = b.height;
        b.items.push(Item::Rect { x: 0.0, y: top, w: 110.0, h: 34.0, fill: Some(rgb(paint.fill)), stroke: Some(rgb(paint.stroke)) });
        let on = text_on(paint.fill);
        let label = Style::new(11.0).bold().colour(on.0, on.1, on.2);
        b.items.push(Item::Text { x: 55.0 - width(plane.name(), &label) / 2.0, baseline: top + 21.0, text: plane.name().to_string(), style: label });
        let hex = format!("#{:02X}{:02X}{:02X}", paint.fill.0, paint.fill.1, paint.fill.2);
        b.items.push(Item::Text { x: 126.0, baseline: top + 13.0, text: format!("{} Plane  {hex}", plane.name()), style: BODY.bold() });
        b.items.push(Item::Text { x: 126.0, baseline: top + 27.0, text: what.to_string(), style: BODY });
        b.space(46.0);
    }
    b.space(8.0);
    let how = "Figures are drawn by atlas-render exactly as `atlas-render page.md --block N -o figure.pdf` draws them. A figure that mermaid-js refuses but whose meaning is clear is drawn as written, with a note under its caption; one that cannot be drawn at all is shown as a box with the error, and listed in the appendix.";
    b.lines(0.0, &wrap(how, &BODY.colour(0x44, 0x4b, 0x52), w), BODY.colour(0x44, 0x4b, 0x52));
    b.placed(MARGIN_X, sheet.top())
}

/// Running head and page number.
fn furniture(page: &LaidPage, chapters: &[&Chapter]) -> Vec<Item> {
    let mut items = Vec::new();
    let sheet = &page.sheet;
    let right = sheet.width - MARGIN_X;
    if let Some(ch) = page.chapter {
        let c = chapters[ch];
        let left = fit(&format!("{}  {}", c.number, c.title), &HEAD, sheet.text_width() * 0.6);
        items.push(Item::Text { x: MARGIN_X, baseline: HEAD_BASELINE, text: left, style: HEAD });
        if let Some(part) = c.trail.last() {
            let t = fit(part, &HEAD, sheet.text_width() * 0.35);
            items.push(Item::Text { x: right - width(&t, &HEAD), baseline: HEAD_BASELINE, text: t, style: HEAD });
        }
        items.push(Item::Rule { x1: MARGIN_X, x2: right, y: HEAD_BASELINE + 5.0, width: 0.4, colour: GREY_RULE });
    }
    let number = page.numbering.label();
    items.push(Item::Text { x: sheet.width / 2.0 - width(&number, &HEAD) / 2.0, baseline: sheet.height - FOOT_FROM_BOTTOM, text: number, style: HEAD });
    items
}

/// The whole book: front matter (roman), body and appendix (arabic).
pub fn lay_out(input: &LayoutInput) -> LaidBook {
    let sheet = input.paper.page();
    let contents = contents_entries(input.book);
    let figure_list = figure_entries(input.book);
    let appendix = appendix_entries(input);
    // the front matter's length does not depend on page numbers: lay it out
    // once with blank numbers to count its pages
    let blank = |_: Target| String::new();
    let contents_count = list_pages("Contents", &contents, &sheet, &blank).len();
    let figures_count = list_pages("List of figures", &figure_list, &sheet, &blank).len();
    let front = 2 + contents_count + figures_count;
    let mut laid = LaidBook {
        pages: Vec::new(),
        chapter_spots: Vec::new(),
        figure_spots: Vec::new(),
        figure_text_pt: Vec::new(),
        contents: (2, sheet.top()),
        list_of_figures: (2 + contents_count, sheet.top()),
        appendix: None,
        first_body_page: front,
    };
    let mut body_pages = body(input, front, &mut laid);
    if !appendix.is_empty() {
        let start = front + body_pages.len();
        laid.appendix = Some((start, sheet.top()));
        let spots = laid.figure_spots.clone();
        let labels: Vec<String> = (0..body_pages.len()).map(|i| (i + 1).to_string()).collect();
        let page_of = |t: Target| match t {
            Target::Figure(i) => labels.get(spots[i].0 - front).cloned().unwrap_or_default(),
            Target::Chapter(_) => String::new(),
        };
        for (k, items) in list_pages("Appendix: diagrams that could not be drawn", &appendix, &sheet, &page_of).into_iter().enumerate() {
            body_pages.push(LaidPage { sheet: sheet.clone(), numbering: Numbering::Arabic(start + k - front + 1), items, chapter: None });
        }
    }
    for (i, p) in body_pages.iter_mut().enumerate() {
        p.numbering = Numbering::Arabic(i + 1);
    }
    let label_of = |spot: Spot| if spot.0 >= front { (spot.0 - front + 1).to_string() } else { roman(spot.0 + 1) };
    let chapter_spots = laid.chapter_spots.clone();
    let figure_spots = laid.figure_spots.clone();
    let page_of = |t: Target| match t {
        Target::Chapter(i) => label_of(chapter_spots[i]),
        Target::Figure(i) => label_of(figure_spots[i]),
    };
    let mut pages = vec![
        LaidPage { sheet: sheet.clone(), numbering: Numbering::Roman(1), items: title_page(input, &sheet), chapter: None },
        LaidPage { sheet: sheet.clone(), numbering: Numbering::Roman(2), items: legend_page(input, &sheet), chapter: None },
    ];
    for items in list_pages("Contents", &contents, &sheet, &page_of).into_iter().chain(list_pages("List of figures", &figure_list, &sheet, &page_of)) {
        let n = pages.len() + 1;
        pages.push(LaidPage { sheet: sheet.clone(), numbering: Numbering::Roman(n), items, chapter: None });
    }
    debug_assert_eq!(pages.len(), front);
    pages.extend(body_pages);
    for (i, p) in pages.iter_mut().enumerate() {
        if i > 0 {
            let extra = furniture(p, &input.chapters);
            p.items.extend(extra);
        }
    }
    laid.pages = pages;
    laid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawing(w: f32, h: f32) -> Drawing {
        Drawing { svg: String::new(), width: w, height: h, min_text: 16.0, refusal: None }
    }

    #[test]
    fn small_drawings_stay_at_one_to_one() {
        let f = fit_drawing(&drawing(300.0, 200.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "A4");
        assert!((f.scale - PT_PER_PX).abs() < 1e-6);
        assert!((f.text_pt - 12.0).abs() < 1e-4);
    }

    #[test]
    fn wide_drawings_go_landscape_then_to_larger_sheets() {
        // 16 px text at 7 pt needs 0.4375 pt/px: 1100 px still fits A4 portrait's 487 pt, 1200 px does not
        let f = fit_drawing(&drawing(1100.0, 300.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "A4");
        assert!(f.text_pt >= MIN_TEXT_PT);
        let f = fit_drawing(&drawing(1200.0, 300.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "A4 landscape");
        assert!(f.text_pt >= MIN_TEXT_PT);
        let f = fit_drawing(&drawing(2400.0, 300.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "A3 landscape");
        assert!(f.text_pt >= MIN_TEXT_PT);
        let f = fit_drawing(&drawing(400.0, 3000.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "A2");
        let f = fit_drawing(&drawing(400.0, 3600.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "A1");
        let f = fit_drawing(&drawing(20_000.0, 300.0), Paper::A4, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "custom");
        assert!(f.text_pt >= MIN_TEXT_PT - 1e-3);
        // past PDF's 200-inch page the drawing must shrink (and the summary counts it)
        let f = fit_drawing(&drawing(60_000.0, 300.0), Paper::A4, 0.0, &|_| 30.0);
        assert!(f.sheet.width <= MAX_SHEET && f.text_pt < MIN_TEXT_PT);
        let f = fit_drawing(&drawing(1200.0, 300.0), Paper::Letter, 0.0, &|_| 30.0);
        assert_eq!(f.sheet.name, "Letter landscape");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(49), "xlix");
    }
}
