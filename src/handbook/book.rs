//! The book a site makes: the nav's sections as parts, its pages as
//! numbered chapters, each `mermaid` block of a page a numbered figure
//! captioned with the nearest heading above it.

use super::site::{name_title, NavEntry, Site};
use crate::source::{diagrams_in_file, is_markdown, outline, DiagramSource, OutlineItem};
use std::path::{Path, PathBuf};

/// A node of the book's structure.
#[derive(Debug, Clone)]
pub enum BookNode {
    Part(Part),
    Chapter(Chapter),
}

/// A nav section.
#[derive(Debug, Clone)]
pub struct Part {
    pub title: String,
    pub children: Vec<BookNode>,
}

/// A page of the site.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// From 1, through the whole book.
    pub number: usize,
    pub title: String,
    /// The page's path under `docs_dir` (`systems/netflix/failure-domains.md`).
    pub page: String,
    /// The page's file as the user names it (`docs/systems/...`), for locations.
    pub shown_path: String,
    /// The titles of the parts the chapter sits in, outermost first.
    pub trail: Vec<String>,
    pub figures: Vec<Figure>,
    /// The `##` and `###` headings that hold figures, in page order.
    pub headings: Vec<SectionHeading>,
    /// Why the page could not be read, if it could not.
    pub error: Option<String>,
}

/// A `##` or `###` heading of a page with the figures under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeading {
    pub level: usize,
    pub text: String,
    /// The first figure under it (an index into the chapter's figures).
    pub first_figure: usize,
}

/// One diagram of a chapter.
#[derive(Debug, Clone)]
pub struct Figure {
    pub chapter: usize,
    /// From 1 within the chapter.
    pub number: usize,
    /// Its index among all the book's figures.
    pub global: usize,
    pub caption: String,
    /// The 1-based line of the block's opening fence (1 for a `.mmd` file).
    pub line: usize,
    pub source: DiagramSource,
}

impl Figure {
    /// `12.3`
    pub fn label(&self) -> String {
        format!("{}.{}", self.chapter, self.number)
    }
}

/// The book's content.
#[derive(Debug, Clone)]
pub struct Book {
    pub title: String,
    /// The section a booklet holds (`Systems › Netflix`), when it holds one.
    pub scope: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub nodes: Vec<BookNode>,
}

impl Book {
    /// Every chapter, in reading order.
    pub fn chapters(&self) -> Vec<&Chapter> {
        fn walk<'a>(nodes: &'a [BookNode], out: &mut Vec<&'a Chapter>) {
            for n in nodes {
                match n {
                    BookNode::Part(p) => walk(&p.children, out),
                    BookNode::Chapter(c) => out.push(c),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.nodes, &mut out);
        out
    }

    /// Every figure, in reading order.
    pub fn figures(&self) -> Vec<&Figure> {
        self.chapters().into_iter().flat_map(|c| c.figures.iter()).collect()
    }
}

/// Reads every page of the nav into chapters and figures.
pub fn build_book(site: &Site, nav: &[NavEntry]) -> Book {
    let shown_root = site.config.as_ref().and_then(|c| c.parent()).map(Path::to_path_buf).unwrap_or_else(|| site.docs_dir.clone());
    let mut next = 1;
    let mut nodes = nodes_of(nav, site, &shown_root, &mut Vec::new(), &mut next);
    number_figures(&mut nodes, &mut 0);
    Book { title: site.name.clone(), scope: None, description: site.description.clone(), author: site.author.clone(), nodes }
}

fn nodes_of(entries: &[NavEntry], site: &Site, shown_root: &Path, trail: &mut Vec<String>, next: &mut usize) -> Vec<BookNode> {
    let mut out = Vec::new();
    for e in entries {
        match e {
            NavEntry::Section { title, children } => {
                trail.push(title.clone());
                let children = nodes_of(children, site, shown_root, trail, next);
                trail.pop();
                out.push(BookNode::Part(Part { title: title.clone(), children }));
            }
            NavEntry::Page { title, path } => {
                let file = site.docs_dir.join(path);
                let shown = shown_path(&file, shown_root);
                out.push(BookNode::Chapter(read_chapter(*next, title.as_deref(), path, &file, shown, trail.clone())));
                *next += 1;
            }
        }
    }
    out
}

fn number_figures(nodes: &mut [BookNode], next: &mut usize) {
    for n in nodes {
        match n {
            BookNode::Part(p) => number_figures(&mut p.children, next),
            BookNode::Chapter(c) => {
                for f in &mut c.figures {
                    f.global = *next;
                    *next += 1;
                }
            }
        }
    }
}

fn shown_path(file: &Path, root: &Path) -> String {
    let rel = file.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| file.to_path_buf());
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// One page as a chapter: its title (the nav's, else its first `#`
/// heading, else its file name), its figures and the headings that hold them.
pub fn read_chapter(number: usize, nav_title: Option<&str>, page: &str, file: &PathBuf, shown_path: String, trail: Vec<String>) -> Chapter {
    let file_name = page.rsplit('/').next().unwrap_or(page);
    let mut chapter = Chapter {
        number,
        title: nav_title.map(str::to_string).unwrap_or_else(|| name_title(file_name)),
        page: page.to_string(),
        shown_path,
        trail,
        figures: Vec::new(),
        headings: Vec::new(),
        error: None,
    };
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            chapter.error = Some(format!("cannot read {}: {e}", chapter.shown_path));
            return chapter;
        }
    };
    let sources = diagrams_in_file(file, &text);
    if !is_markdown(file) {
        chapter.figures = sources
            .into_iter()
            .map(|source| Figure { chapter: number, number: 1, global: 0, caption: chapter.title.clone(), line: 1, source })
            .collect();
        return chapter;
    }
    let items = outline(&text);
    if nav_title.is_none() {
        if let Some(OutlineItem::Heading { text, .. }) = items.iter().find(|i| matches!(i, OutlineItem::Heading { level: 1, .. })) {
            chapter.title = text.clone();
        }
    }
    let mut sources = sources.into_iter();
    let mut nearest: Option<String> = None;
    // the open `##` and `###` headings, not yet given to the outline
    let mut open: [Option<String>; 2] = [None, None];
    for item in items {
        match item {
            OutlineItem::Heading { level, text, .. } => {
                nearest = Some(text.clone());
                match level {
                    1 | 2 => open = [(level == 2).then_some(text), None],
                    3 => open[1] = Some(text),
                    _ => {}
                }
            }
            OutlineItem::Mermaid { line } => {
                let Some(source) = sources.next() else { break };
                let index = chapter.figures.len();
                for (slot, level) in open.iter_mut().zip([2, 3]) {
                    if let Some(text) = slot.take() {
                        chapter.headings.push(SectionHeading { level, text, first_figure: index });
                    }
                }
                chapter.figures.push(Figure {
                    chapter: number,
                    number: index + 1,
                    global: 0,
                    caption: nearest.clone().unwrap_or_else(|| chapter.title.clone()),
                    line,
                    source,
                });
            }
        }
    }
    chapter
}
