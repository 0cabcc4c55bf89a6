//! `atlas-render handbook`: a documentation site as a PDF book of its
//! diagrams, built on the library's public stages only.
//!
//! The build is a flat list of passes, each its own module:
//!
//! ```text
//! site::read_site     mkdocs.yml (or a folder) → name, docs_dir, nav
//! site::only          --only: one section as its own booklet
//! book::build_book    nav → parts, numbered chapters, numbered figures with captions
//! figures::draw       every figure through the renderer, in parallel
//! paginate::lay_out   front matter, body and appendix as display lists on sheets
//! pdf::write_pdf      krilla: pages, figures as vector, outline, destinations, labels
//! ```

pub mod book;
pub mod figures;
pub mod paginate;
pub mod pdf;
pub mod site;
pub mod typeset;

use crate::pipeline::RenderOptions;
use figures::DrawnFigure;
use paginate::{LayoutInput, Paper, MIN_TEXT_PT};
use std::collections::BTreeMap;
use std::path::Path;

/// How a handbook is made.
#[derive(Debug, Clone, Default)]
pub struct HandbookOptions {
    /// Planes, palette and theme: the same as for one diagram.
    pub render: RenderOptions,
    pub paper: Paper,
    /// The date on the title page and in the metadata, `YYYY-MM-DD`; none
    /// when not given (the book is then the same whatever the day).
    pub date: Option<String>,
    /// PDF/A-2b.
    pub pdfa: bool,
    /// Only the pages under this path.
    pub only: Option<String>,
    /// Show progress bars.
    pub progress: bool,
}

/// What a build made, for the summary and for tests.
#[derive(Debug, Clone, Default)]
pub struct HandbookSummary {
    pub chapters: usize,
    pub figures: usize,
    /// Figures mermaid-js refuses, drawn as meant all the same.
    pub refused: usize,
    /// Figures that cannot be drawn (placeholders, listed in the appendix).
    pub failed: Vec<String>,
    pub pages: usize,
    /// Pages per sheet (`A4`, `A4 landscape`, `A3`, ...).
    pub pages_by_sheet: BTreeMap<String, usize>,
    /// The smallest text of each drawn figure, in points, as printed.
    pub text_pt: Vec<f32>,
    /// Problems with the site that did not stop the build.
    pub warnings: Vec<String>,
}

impl HandbookSummary {
    /// Figures whose smallest text is under [`MIN_TEXT_PT`].
    pub fn under_min_text(&self) -> usize {
        self.text_pt.iter().filter(|t| **t < MIN_TEXT_PT - 1e-3).count()
    }
}

/// Why no book was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandbookError(pub String);

impl std::fmt::Display for HandbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A date as `(year, month, day)`: `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let y: u16 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d) && y >= 1000).then_some((y, m, d))
}

/// The calendar date (UTC) of a Unix time, `YYYY-MM-DD`.
pub fn date_of_epoch(seconds: i64) -> String {
    // days since 1970-01-01 to a civil date (Howard Hinnant's algorithm)
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// "3 December 2026"
fn long_date((y, m, d): (u16, u8, u8)) -> String {
    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    format!("{d} {} {y}", MONTHS[(m as usize).saturating_sub(1).min(11)])
}

fn bar(show: bool, len: usize, what: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {what} {{elapsed}}");
    bar.set_style(indicatif::ProgressStyle::with_template(&template).unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
    bar
}

/// Builds the handbook of the site at `site_path`: the PDF's bytes and what went into it.
pub fn build_handbook(site_path: &Path, options: &HandbookOptions) -> Result<(Vec<u8>, HandbookSummary), HandbookError> {
    if options.pdfa && options.date.is_none() {
        return Err(HandbookError("--pdfa needs the document's date (PDF/A requires one, and atlas-render never reads the clock): give --date YYYY-MM-DD or SOURCE_DATE_EPOCH".into()));
    }
    let site = site::read_site(site_path).map_err(|e| HandbookError(e.to_string()))?;
    let mut nav = site.nav.clone();
    if let Some(prefix) = &options.only {
        nav = site::only(nav, &only_prefix(prefix, &site));
        if nav.is_empty() {
            return Err(HandbookError(format!("--only {prefix}: no page of the site is under it")));
        }
    }
    let mut book = book::build_book(&site, &nav);
    if options.only.is_some() {
        book.scope = Some(scope_of(&nav)).filter(|s| !s.is_empty()).or_else(|| options.only.clone());
    }
    let figure_list = book.figures();
    let progress = bar(options.progress, figure_list.len(), "figures drawn");
    let drawn = figures::draw_figures(&figure_list, &options.render, &progress);
    progress.finish_and_clear();

    let date = options.date.as_deref().and_then(parse_date);
    let input = LayoutInput {
        book: &book,
        chapters: book.chapters(),
        figure_list: figure_list.clone(),
        figures: &drawn,
        paper: options.paper,
        palette: &options.render.planes.palette,
        date: date.map(long_date).unwrap_or_default(),
    };
    let laid = paginate::lay_out(&input);
    let progress = bar(options.progress, laid.pages.len(), "pages written");
    let bytes = pdf::write_pdf(&pdf::PdfInput { book: &book, figures: &drawn, laid: &laid, date, pdfa: options.pdfa, progress: &progress })
        .map_err(HandbookError)?;
    progress.finish_and_clear();

    let mut summary = HandbookSummary { chapters: input.chapters.len(), figures: drawn.len(), pages: laid.pages.len(), warnings: site.warnings.clone(), ..HandbookSummary::default() };
    for p in &laid.pages {
        *summary.pages_by_sheet.entry(p.sheet.name.clone()).or_default() += 1;
    }
    for (i, d) in drawn.iter().enumerate() {
        let f = figure_list[i];
        match d {
            DrawnFigure::Drawn(drawing) => {
                summary.refused += usize::from(drawing.refusal.is_some());
            }
            DrawnFigure::Failed { code, message, line, column } => {
                let shown = &input.chapters[f.chapter - 1].shown_path;
                summary.failed.push(format!("{shown}:{line}:{column}: figure {}: {code} {message}", f.label()));
            }
        }
    }
    summary.text_pt = laid.figure_text_pt.iter().flatten().copied().collect();
    for c in &input.chapters {
        if let Some(e) = &c.error {
            summary.warnings.push(e.clone());
        }
    }
    Ok((bytes, summary))
}

/// The titles of the sections a nav is nested in alone (`Systems › Netflix`).
fn scope_of(nav: &[site::NavEntry]) -> String {
    let mut titles = Vec::new();
    let mut level = nav;
    while let [site::NavEntry::Section { title, children }] = level {
        titles.push(title.as_str());
        level = children;
    }
    titles.join(" › ")
}

/// `--only` as a path under `docs_dir`: `systems/netflix` as it is, or a
/// path that reaches into the docs folder from the current folder or from
/// the site's root (`docs/systems/netflix`, `../site/docs/systems`).
fn only_prefix(prefix: &str, site: &site::Site) -> String {
    let docs = normalise(&std::path::absolute(&site.docs_dir).unwrap_or_else(|_| site.docs_dir.clone()));
    let root = site.config.as_ref().and_then(|c| c.parent()).map(Path::to_path_buf).unwrap_or_else(|| site.docs_dir.clone());
    for base in [std::path::PathBuf::new(), root] {
        let candidate = base.join(prefix);
        if !candidate.exists() {
            continue;
        }
        let full = normalise(&std::path::absolute(&candidate).unwrap_or(candidate));
        if let Ok(rel) = full.strip_prefix(&docs) {
            return rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        }
    }
    prefix.to_string()
}

/// A path with `.` and `..` taken out, without touching the file system.
fn normalise(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-12-03"), Some((2026, 12, 3)));
        assert_eq!(parse_date("2026-13-03"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(date_of_epoch(0), "1970-01-01");
        assert_eq!(date_of_epoch(1_796_256_000), "2026-12-03");
        assert_eq!(long_date((2026, 12, 3)), "3 December 2026");
    }
}
