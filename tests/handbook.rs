//! `atlas-render handbook` end to end on the fixture site in
//! `tests/handbook/site/` (nested nav, a page outside the nav, an external
//! link, unknown YAML tags, a refused-but-drawable diagram, an undrawable
//! one, a very wide and a very tall diagram, emoji labels), and on the real
//! Atlas site in `../shared/atlas-site` when it is there.
//!
//! The PDF's structure (outline, destinations, page sizes and labels) is
//! read with lopdf; its text with `pdftotext` and one page's pixels with
//! `pdftoppm` (Debian's poppler-utils, which `.ci/run` installs). Where
//! poppler is missing those checks fail on CI and skip, saying so, elsewhere.
//! `UPDATE_GOLDEN=handbook` re-blesses the golden page (look at it).

mod common;

use common::{bin, temp_dir};
use lopdf::{Document, Object};
use std::path::{Path, PathBuf};
use std::process::Command;

fn site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/handbook/site")
}

/// Builds a handbook; returns the PDF's bytes, the exit code and stderr.
fn build(args: &[&str], out: &Path) -> (Vec<u8>, i32, String) {
    let output = bin().arg("handbook").args(args).arg("-o").arg(out).env_remove("SOURCE_DATE_EPOCH").output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let bytes = std::fs::read(out).unwrap_or_default();
    (bytes, output.status.code().unwrap_or(-1), stderr)
}

/// Is a PDF tool (poppler's, or qpdf) here? On CI it must be.
fn poppler(tool: &str) -> bool {
    let here = Command::new(tool).arg("--version").output().is_ok();
    if !here {
        assert!(std::env::var_os("CI").is_none(), "{tool} is missing on CI: .ci/run installs poppler-utils");
        eprintln!("skipping the {tool} checks: install poppler-utils to run them");
    }
    here
}

fn pdftotext(pdf: &Path, first: Option<usize>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = first {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (ASCII here).
fn pdf_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect::<Vec<_>>()),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `(level, title, page from 1)` of every outline entry, in order.
fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    doc.get_toc().expect("an outline").toc.into_iter().map(|t| (t.level, t.title, t.page)).collect()
}

/// Every named destination: name and the page (from 1) it goes to.
fn destinations(doc: &Document) -> Vec<(String, usize)> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let catalog = doc.catalog().expect("catalog");
    let mut out = Vec::new();
    let Ok(names) = catalog.get(b"Names").and_then(|n| doc.dereference(n)).and_then(|(_, o)| o.as_dict()) else { return out };
    let Ok((_, dests)) = names.get(b"Dests").and_then(|d| doc.dereference(d)) else { return out };
    let mut stack = vec![dests.clone()];
    while let Some(node) = stack.pop() {
        let Ok(dict) = node.as_dict() else { continue };
        if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
            for k in kids {
                if let Ok((_, kid)) = doc.dereference(k) {
                    stack.push(kid.clone());
                }
            }
        }
        if let Ok(list) = dict.get(b"Names").and_then(Object::as_array) {
            for pair in list.chunks(2) {
                let name = pair[0].as_str().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
                let dest = doc.dereference(&pair[1]).map(|(_, o)| o.clone()).unwrap_or(Object::Null);
                let target = dest.as_array().ok().and_then(|a| a.first()).and_then(|p| p.as_reference().ok());
                let page = target.and_then(|r| pages.iter().position(|p| *p == r)).map_or(0, |i| i + 1);
                out.push((name, page));
            }
        }
    }
    out.sort();
    out
}

/// Page sizes in points, rounded.
fn page_sizes(doc: &Document) -> Vec<(i64, i64)> {
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).expect("page");
            let b = page.get(b"MediaBox").and_then(Object::as_array).expect("media box");
            let n = |o: &Object| o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap_or(0.0);
            ((n(&b[2]) - n(&b[0])).round() as i64, (n(&b[3]) - n(&b[1])).round() as i64)
        })
        .collect()
}

/// The label a reader sees on a page (index from 0), from the label ranges.
fn label_of(labels: &[(i64, String, i64)], page: usize) -> String {
    let Some((start, style, first)) = labels.iter().rev().find(|(s, _, _)| *s <= page as i64) else { return String::new() };
    let n = (first + page as i64 - start) as usize;
    match style.as_str() {
        "r" => roman_of(n),
        "D" => n.to_string(),
        _ => String::new(),
    }
}

fn roman_of(n: usize) -> String {
    atlas_render::handbook::paginate::roman(n)
}

/// The page labels: (first page index, style name, first number) of each range.
fn page_labels(doc: &Document) -> Vec<(i64, String, i64)> {
    let catalog = doc.catalog().expect("catalog");
    let Ok((_, labels)) = catalog.get(b"PageLabels").and_then(|l| doc.dereference(l)) else { return Vec::new() };
    let nums = labels.as_dict().and_then(|d| d.get(b"Nums")).and_then(Object::as_array).cloned().unwrap_or_default();
    nums.chunks(2)
        .map(|pair| {
            let start = pair[0].as_i64().unwrap_or(-1);
            let dict = doc.dereference(&pair[1]).ok().and_then(|(_, o)| o.as_dict().ok().cloned());
            let style = dict.as_ref().and_then(|d| d.get(b"S").ok()).and_then(|s| s.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned());
            let first = dict.as_ref().and_then(|d| d.get(b"St").ok()).and_then(|s| s.as_i64().ok()).unwrap_or(1);
            (start, style.unwrap_or_default(), first)
        })
        .collect()
}

#[test]
fn fixture_site_builds_a_navigable_book() {
    let dir = temp_dir("handbook-fixture");
    let pdf = dir.join("book.pdf");
    let (bytes, code, stderr) = build(&[site().to_str().unwrap(), "--date", "2026-12-03"], &pdf);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("7 chapters, 9 figures"), "{stderr}");
    assert!(stderr.contains("not drawn: docs/systems/netflix/failure-domains.md:16:1: figure 6.2: AR001"), "{stderr}");
    assert!(stderr.contains("0 figure(s) under 7 pt"), "{stderr}");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the PDF");

    // the outline mirrors the nav, the "Other pages" part last, the appendix after it
    let entries = outline(&doc);
    let titles: Vec<(usize, &str)> = entries.iter().map(|(l, t, _)| (*l, t.as_str())).collect();
    assert_eq!(
        titles,
        vec![
            (1, "Contents"),
            (1, "List of figures"),
            (1, "1  Home"),
            (1, "Guide"),
            (2, "2  Getting Started with Planes"),
            (3, "The Request Path"),
            (4, "Reading back"),
            (2, "Big Pictures"),
            (3, "3  Very Wide"),
            (4, "Six Stages"),
            (4, "Every Stage"),
            (3, "4  Very Tall"),
            (4, "Every Step"),
            (1, "Systems"),
            (2, "Netflix"),
            (3, "5  Complete Architecture"),
            (4, "🌐 Edge to State"),
            (3, "6  Failure Domains"),
            (4, "Failure Domains"),
            (4, "A Chart We Cannot Draw"),
            (1, "Other pages"),
            (2, "Extra"),
            (3, "7  An Orphan Page"),
            (1, "Appendix: diagrams that could not be drawn"),
        ]
    );
    let page_of = |title: &str| entries.iter().find(|(_, t, _)| t == title).map(|(_, _, p)| *p).unwrap();
    assert!(page_of("1  Home") < page_of("2  Getting Started with Planes"));

    // named destinations for chapters, figures and pages, on the pages the outline names
    let dests = destinations(&doc);
    let dest = |name: &str| dests.iter().find(|(n, _)| n == name).map(|(_, p)| *p).unwrap_or_else(|| panic!("no destination {name}: {dests:?}"));
    assert_eq!(dest("chapter-5"), page_of("5  Complete Architecture"));
    assert_eq!(dest("systems/netflix/failure-domains.md"), page_of("6  Failure Domains"));
    assert_eq!(dest("fig-6.1"), dest("systems/netflix/failure-domains.md#1"));
    assert_eq!(dest("fig-3.2"), page_of("Every Stage"));
    assert!(dests.iter().filter(|(n, _)| n.starts_with("fig-")).count() == 9);

    // A4 portrait for the book, landscape for the six stages, a larger sheet for the wide and tall ones
    let sizes = page_sizes(&doc);
    assert_eq!(sizes[0], (595, 842));
    assert_eq!(sizes[dest("fig-3.1") - 1], (842, 595), "six stages on A4 landscape");
    let wide = sizes[dest("fig-3.2") - 1];
    let tall = sizes[dest("fig-4.1") - 1];
    assert!(wide.0 > wide.1 && wide.0 > 842, "the wide pipeline on a larger landscape sheet: {wide:?}");
    assert!(tall.1 > tall.0 && tall.1 > 842, "the tall runbook on a larger portrait sheet: {tall:?}");
    assert!(sizes.iter().filter(|s| **s == (595, 842)).count() >= 8);

    // the contents and the list of figures are links to their entries
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let links_on = |page: usize| -> Vec<usize> {
        let dict = doc.get_dictionary(pages[page - 1]).unwrap();
        let annots = dict.get(b"Annots").and_then(|a| doc.dereference(a)).and_then(|(_, o)| o.as_array()).cloned().unwrap_or_default();
        annots
            .iter()
            .filter_map(|a| doc.dereference(a).ok().and_then(|(_, o)| o.as_dict().ok().cloned()))
            .filter(|a| a.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Link"))
            .filter_map(|a| a.get(b"Dest").ok().and_then(|d| doc.dereference(d).ok()).and_then(|(_, d)| d.as_array().ok().and_then(|d| d.first()).and_then(|p| p.as_reference().ok())))
            .filter_map(|target| pages.iter().position(|p| *p == target).map(|i| i + 1))
            .collect()
    };
    let contents_links = links_on(page_of("Contents"));
    assert_eq!(contents_links.len(), 7, "one link per chapter");
    assert!(contents_links.contains(&page_of("6  Failure Domains")));
    let figure_links = links_on(page_of("List of figures"));
    assert_eq!(figure_links.len(), 9, "one link per figure");
    assert!(figure_links.contains(&dest("fig-4.1")));

    // roman numbers for the front matter, arabic from chapter 1
    let labels = page_labels(&doc);
    assert_eq!(label_of(&labels, 0), "i");
    assert_eq!(label_of(&labels, 2), "iii");
    assert_eq!(label_of(&labels, page_of("1  Home") - 2), roman_of(page_of("1  Home") - 1));
    assert_eq!(label_of(&labels, page_of("1  Home") - 1), "1");
    assert_eq!(label_of(&labels, page_of("5  Complete Architecture") - 1), (page_of("5  Complete Architecture") - page_of("1  Home") + 1).to_string());

    // metadata
    let info = doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).and_then(|(_, o)| o.as_dict()).cloned().expect("info");
    let text = |k: &[u8]| info.get(k).ok().and_then(|v| v.as_str().ok()).map(pdf_text).unwrap_or_default();
    assert_eq!(text(b"Title"), "Fixture Atlas");
    assert_eq!(text(b"Author"), "atlas-render tests");
    assert_eq!(text(b"Subject"), "A small site that exercises the handbook");

    if poppler("pdftotext") {
        let all = pdftotext(&pdf, None);
        for expected in [
            "Fixture Atlas",
            "3 December 2026",
            "7 chapters, 9 figures",
            "The four planes",
            "Figure 2.1",
            "The Request Path",
            "CloudFront CDN",
            "Orders DB",
            "GET /orders",
            "Open Connect CDN",
            "Zuul (Primary)",
            "mermaid-js refuses this diagram: AR101",
            "repairs it",
            "This diagram cannot be drawn",
            "docs/systems/netflix/failure-domains.md:16:1",
            "Stage 14 of the pipeline",
            "Step 30",
            "Where requests go",
            "docs/guide/intro.md:7",
        ] {
            assert!(all.contains(expected), "pdftotext finds no {expected:?}");
        }
        let appendix = pdftotext(&pdf, Some(page_of("Appendix: diagrams that could not be drawn")));
        assert!(appendix.contains("Figure 6.2") && appendix.contains("AR001") && appendix.contains("barChart"), "{appendix}");
        assert!(!all.contains("Not a heading"), "a comment in a code block is no heading");
    }

    if poppler("qpdf") {
        let check = Command::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
        assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    }

    // the same inputs make the same bytes
    let again = dir.join("again.pdf");
    let (bytes2, _, _) = build(&[site().to_str().unwrap(), "--date", "2026-12-03"], &again);
    assert!(bytes == bytes2, "two builds differ");
}

#[test]
fn a_figure_page_matches_its_golden_image() {
    if !poppler("pdftoppm") {
        return;
    }
    let dir = temp_dir("handbook-golden");
    let pdf = dir.join("book.pdf");
    let (bytes, code, stderr) = build(&[site().to_str().unwrap(), "--date", "2026-12-03"], &pdf);
    assert_eq!(code, 0, "{stderr}");
    let doc = Document::load_mem(&bytes).unwrap();
    let page = destinations(&doc).into_iter().find(|(n, _)| n == "fig-5.1").map(|(_, p)| p).unwrap();
    let prefix = dir.join("page");
    let status = Command::new("pdftoppm").args(["-r", "60", "-png", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"]).arg(&pdf).arg(&prefix).status().unwrap();
    assert!(status.success());
    let actual = std::fs::read(prefix.with_extension("png")).unwrap();
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/handbook/figure-page.png");
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1" || v == "handbook") {
        std::fs::write(&golden, &actual).unwrap();
        return;
    }
    let expected = std::fs::read(&golden).expect("tests/handbook/figure-page.png (UPDATE_GOLDEN=handbook blesses it)");
    let a = tiny_skia::Pixmap::decode_png(&actual).unwrap();
    let e = tiny_skia::Pixmap::decode_png(&expected).unwrap();
    assert_eq!((a.width(), a.height()), (e.width(), e.height()), "page size changed");
    // a pixel differs when a channel moves by more than 1, as resvg's own reference tests count
    let differ = a
        .data()
        .chunks(4)
        .zip(e.data().chunks(4))
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(p, q)| p.abs_diff(*q) > 1))
        .count();
    if differ > 0 {
        std::fs::write(dir.join("actual.png"), &actual).unwrap();
    }
    assert_eq!(differ, 0, "{differ} pixels differ from the golden page; the new one is {}", dir.join("actual.png").display());
}

#[test]
fn without_a_nav_pages_come_in_mkdocs_order() {
    let dir = temp_dir("handbook-no-nav");
    let pdf = dir.join("book.pdf");
    let (bytes, code, stderr) = build(&[site().join("docs").to_str().unwrap()], &pdf);
    assert_eq!(code, 0, "{stderr}");
    let doc = Document::load_mem(&bytes).unwrap();
    let chapters: Vec<String> = outline(&doc).into_iter().filter(|(_, t, _)| t.chars().next().is_some_and(|c| c.is_ascii_digit())).map(|(_, t, _)| t).collect();
    // index first, then folders alphabetically, pages titled by their first heading
    assert_eq!(
        chapters,
        vec![
            "1  Welcome to the Fixture Atlas",
            "2  An Orphan Page",
            "3  Getting Started with Planes",
            "4  A Very Tall Runbook",
            "5  A Very Wide Pipeline",
            "6  Netflix Complete Architecture",
            "7  Netflix Failure Domains",
        ]
    );
}

#[test]
fn options_strict_only_pdfa_and_bad_sites() {
    let dir = temp_dir("handbook-options");
    // --strict: the refused and the undrawable diagrams fail the run, and the book is still written
    let pdf = dir.join("strict.pdf");
    let (bytes, code, _) = build(&[site().to_str().unwrap(), "--strict"], &pdf);
    assert_eq!(code, 1);
    assert!(bytes.starts_with(b"%PDF"));

    // --only: one section as its own booklet, titled with it
    let pdf = dir.join("netflix.pdf");
    let (_, code, stderr) = build(&[site().to_str().unwrap(), "--only", "systems/netflix", "--pdfa"], &pdf);
    assert_eq!(code, 2, "PDF/A needs a date");
    assert!(stderr.contains("--pdfa needs the document's date"), "{stderr}");
    let (bytes, code, stderr) = build(&[site().to_str().unwrap(), "--only", "systems/netflix", "--pdfa", "--date", "2026-12-03"], &pdf);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("2 chapters, 3 figures"), "{stderr}");
    let doc = Document::load_mem(&bytes).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).and_then(|(_, o)| o.as_dict()).cloned().unwrap();
    assert_eq!(pdf_text(info.get(b"Title").unwrap().as_str().unwrap()), "Fixture Atlas: Systems › Netflix");
    let outline_titles: Vec<String> = outline(&doc).into_iter().map(|(_, t, _)| t).collect();
    assert!(outline_titles.contains(&"1  Complete Architecture".to_string()), "{outline_titles:?}");
    // PDF/A-2b: krilla checks it while writing; the file says so in its XMP
    assert!(String::from_utf8_lossy(&bytes).contains("pdfaid:part"), "no PDF/A identification");
    let (_, code, stderr) = build(&[site().to_str().unwrap(), "--only", "nowhere/at/all"], &dir.join("none.pdf"));
    assert_eq!(code, 2);
    assert!(stderr.contains("no page of the site is under it"), "{stderr}");

    // a site that is not there, or YAML that does not parse: a clear error, exit 2, no file
    let missing = dir.join("missing.pdf");
    let (_, code, stderr) = build(&[dir.join("no-such-site").to_str().unwrap()], &missing);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(!missing.exists());
    let broken = dir.join("broken");
    std::fs::create_dir_all(broken.join("docs")).unwrap();
    std::fs::write(broken.join("mkdocs.yml"), "site_name: Broken\nnav:\n  - Home: index.md\n   - bad: [\n").unwrap();
    let out = dir.join("broken.pdf");
    let (_, code, stderr) = build(&[broken.to_str().unwrap()], &out);
    assert_eq!(code, 2);
    assert!(stderr.contains("mkdocs.yml:") && stderr.contains("not valid YAML"), "{stderr}");
    assert!(!out.exists());
    // --date must be a date
    let (_, code, stderr) = build(&[site().to_str().unwrap(), "--date", "soon"], &dir.join("dated.pdf"));
    assert_eq!(code, 2);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

/// The real Atlas site: every block a figure (drawn or a placeholder), no
/// figure text under 7 pt, every nav page a chapter in nav order.
#[test]
fn the_atlas_site_builds() {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/atlas-site");
    if !site.join("mkdocs.yml").exists() {
        eprintln!("skipping: ../shared/atlas-site is absent (a fresh clone has none)");
        return;
    }
    let dir = temp_dir("handbook-atlas");
    let pdf = dir.join("atlas.pdf");
    let (bytes, code, stderr) = build(&[site.to_str().unwrap(), "--date", "2026-12-03"], &pdf);
    assert_eq!(code, 0, "{stderr}");
    // every mermaid block of every page is a figure
    let blocks: usize = atlas_render::source::collect_files(&[site.join("docs")])
        .unwrap()
        .iter()
        .map(|f| atlas_render::source::diagrams_in_file(f, &std::fs::read_to_string(f).unwrap()).len())
        .sum();
    assert!(stderr.contains(&format!(" {blocks} figures (")), "{blocks} blocks; {stderr}");
    assert!(stderr.contains("0 figure(s) under 7 pt"), "{stderr}");
    let doc = Document::load_mem(&bytes).unwrap();
    let chapters: Vec<String> = outline(&doc).into_iter().filter_map(|(_, t, _)| t.split_once("  ").filter(|(n, _)| n.parse::<usize>().is_ok()).map(|(_, t)| t.to_string())).collect();
    assert_eq!(chapters.len(), 921);
    // every page of the nav is a chapter, in the nav's order, with the nav's title
    use atlas_render::handbook::site::{read_site, NavEntry};
    fn nav_titles(entries: &[NavEntry], out: &mut Vec<Option<String>>) {
        for e in entries {
            match e {
                NavEntry::Page { title, .. } => out.push(title.clone()),
                NavEntry::Section { children, .. } => nav_titles(children, out),
            }
        }
    }
    let site_model = read_site(&site).unwrap();
    let mut titles = Vec::new();
    nav_titles(&site_model.nav, &mut titles);
    assert_eq!(titles.len(), chapters.len());
    for (i, (nav, chapter)) in titles.iter().zip(&chapters).enumerate() {
        if let Some(nav) = nav {
            assert_eq!(nav, chapter, "chapter {} is not the nav's page {}", i + 1, i + 1);
        }
    }
    assert_eq!(&chapters[..4], &["Welcome", "Overview", "Quick Start", "Concepts"]);
    // every figure's caption is in the text of the book, and node labels are too
    if poppler("pdftotext") {
        // compared without blanks and emoji: pdftotext places the colour
        // emoji (a Type 3 font) and the blanks beside them as it likes
        let faces = atlas_render::text::fonts::faces();
        let norm = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '\u{FE0F}' && faces.face_for(*c, false, false) != atlas_render::text::fonts::FaceId::Emoji).collect::<String>();
        let raw = Command::new("pdftotext").arg("-raw").arg(&pdf).arg("-").output().expect("pdftotext runs");
        let text = norm(&String::from_utf8_lossy(&raw.stdout));
        let book = atlas_render::handbook::book::build_book(&site_model, &site_model.nav);
        let figures = book.figures();
        let missing: Vec<String> = figures.iter().map(|f| norm(&format!("Figure {} {}", f.label(), f.caption))).filter(|c| !text.contains(c.as_str())).collect();
        assert!(missing.is_empty(), "{} of {} captions not found, e.g. {:?}", missing.len(), figures.len(), &missing[..missing.len().min(5)]);
        for label in ["Open Connect", "Zuul", "Cassandra", "EVCache", "Kafka"] {
            assert!(text.contains(&norm(label)), "no node label {label}");
        }
    }
    assert!(destinations(&doc).iter().any(|(n, _)| n == "systems/netflix/failure-domains.md"));
    let sizes = page_sizes(&doc);
    assert!(sizes.iter().any(|(w, h)| w > h), "landscape pages");
    assert!(sizes.iter().any(|(w, h)| *w.max(h) > 842), "larger sheets");
}
