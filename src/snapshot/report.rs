//! What a snapshot run shows a reviewer: a diff image per change (golden |
//! difference mask | actual), a self-contained HTML report (a folder with no
//! outside references: it opens offline), JUnit XML, and GitHub workflow
//! annotations with a Markdown summary.

use super::{counts, status_name, Cause, Outcome, Status};
use crate::source::write_atomically;
use std::path::Path;

const GAP: u32 = 12;

/// Golden, mask and actual side by side; the mask shows the golden faded,
/// with the pixels that differ in red.
pub fn diff_image(golden: &[u8], actual: &[u8]) -> Option<Vec<u8>> {
    let g = tiny_skia::Pixmap::decode_png(golden).ok()?;
    let a = tiny_skia::Pixmap::decode_png(actual).ok()?;
    let (mw, mh) = (g.width().max(a.width()), g.height().max(a.height()));
    let width = g.width() + mw + a.width() + 2 * GAP;
    let mut out = tiny_skia::Pixmap::new(width, mh)?;
    out.fill(tiny_skia::Color::WHITE);
    let paint = tiny_skia::PixmapPaint::default();
    out.draw_pixmap(0, 0, g.as_ref(), &paint, tiny_skia::Transform::identity(), None);
    out.draw_pixmap((g.width() + mw + 2 * GAP) as i32, 0, a.as_ref(), &paint, tiny_skia::Transform::identity(), None);
    let at = |p: &tiny_skia::Pixmap, x: u32, y: u32| (x < p.width() && y < p.height()).then(|| p.pixels()[(y * p.width() + x) as usize]);
    let x0 = g.width() + GAP;
    let stride = out.width();
    let pixels = out.pixels_mut();
    for y in 0..mh {
        for x in 0..mw {
            let (pg, pa) = (at(&g, x, y), at(&a, x, y));
            let differs = match (pg, pa) {
                (Some(p), Some(q)) => {
                    let (p, q) = ([p.red(), p.green(), p.blue(), p.alpha()], [q.red(), q.green(), q.blue(), q.alpha()]);
                    p.iter().zip(q.iter()).any(|(u, v)| u.abs_diff(*v) > super::pixels::CHANNEL_TOLERANCE)
                }
                _ => true,
            };
            let colour = if differs {
                tiny_skia::ColorU8::from_rgba(0xe0, 0x10, 0x10, 0xff)
            } else {
                // the golden, faded to a light grey
                let p = pg.map(|p| p.demultiply()).unwrap_or(tiny_skia::ColorU8::from_rgba(255, 255, 255, 255));
                let luma = (u32::from(p.red()) * 3 + u32::from(p.green()) * 6 + u32::from(p.blue())) / 10;
                let v = (235 + luma * 20 / 255) as u8;
                tiny_skia::ColorU8::from_rgba(v, v, v, 0xff)
            };
            pixels[(y * stride + x0 + x) as usize] = colour.premultiply();
        }
    }
    crate::raster::encode_png(&out, crate::raster::PngEffort::Fast).ok()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The report's images of one outcome: `img/KEY.golden.png` etc., relative to the report.
pub fn image_names(key: &str) -> [String; 3] {
    let safe = key.replace(['/', '\\'], "__");
    [format!("img/{safe}.golden.png"), format!("img/{safe}.actual.png"), format!("img/{safe}.diff.png")]
}

/// Writes the images of a changed (or new) diagram into the report folder.
pub fn write_images(report: &Path, key: &str, golden: Option<&[u8]>, actual: &[u8]) -> std::io::Result<()> {
    let [g, a, d] = image_names(key);
    write_atomically(&report.join(&a), actual)?;
    if let Some(golden) = golden {
        write_atomically(&report.join(&g), golden)?;
        if let Some(diff) = diff_image(golden, actual) {
            write_atomically(&report.join(&d), &diff)?;
        }
    }
    Ok(())
}

/// The outcomes a reviewer looks at, the largest change first.
fn to_review(outcomes: &[Outcome]) -> Vec<&Outcome> {
    let rank = |s: Status| match s {
        Status::Changed => 0,
        Status::Failed => 1,
        Status::New => 2,
        Status::Missing => 3,
        Status::Unchanged => 4,
    };
    let mut v: Vec<&Outcome> = outcomes.iter().filter(|o| o.status != Status::Unchanged).collect();
    v.sort_by(|a, b| rank(a.status).cmp(&rank(b.status)).then(b.pixels_changed.cmp(&a.pixels_changed)).then(a.key.cmp(&b.key)));
    v
}

const STYLE: &str = r#"body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 8px}.counts span{display:inline-block;margin-right:14px;padding:2px 8px;border-radius:10px;background:#eef1f4}
.counts .changed{background:#ffe3e0}.counts .new{background:#ddf4ff}.counts .missing{background:#fff3c4}.counts .failed{background:#ffd6d6}
section{border:1px solid #d0d7de;border-radius:6px;margin:18px 0;padding:12px 16px}section h2{font-size:15px;margin:0 0 4px;font-family:ui-monospace,monospace}
.status{font-weight:600;text-transform:uppercase;font-size:12px;margin-right:8px}.changed .status{color:#cf222e}.new .status{color:#0969da}.missing .status{color:#9a6700}.failed .status{color:#cf222e}
ul.layout{font-family:ui-monospace,monospace;font-size:12.5px;margin:6px 0}.pair{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
figure{margin:0}.pair figure{flex:1 1 45%;min-width:0}figcaption{font-size:12px;color:#57606a}img{max-width:100%;border:1px solid #eaeef2;background:#fff}
.swipe{position:relative;display:inline-block;max-width:100%}.swipe img{display:block}.swipe .over{position:absolute;top:0;left:0;overflow:hidden;border-right:2px solid #cf222e}
.swipe .over img{max-width:none}input[type=range]{width:320px}.note{color:#57606a}"#;

const SCRIPT: &str = r#"document.querySelectorAll('.swipe').forEach(function(s){var r=s.parentNode.querySelector('input');var o=s.querySelector('.over');var w=s.querySelector('img.base');function set(){o.style.width=(r.value/100*w.clientWidth)+'px';o.querySelector('img').style.width=w.clientWidth+'px';}r.addEventListener('input',set);if(w.complete){set();}else{w.addEventListener('load',set);}});"#;

/// The HTML report: counts, then the diagrams a reviewer looks at, the
/// largest change first, each with its layout changes, the golden and the
/// actual side by side, a swipe between them, and the difference image.
pub fn html(outcomes: &[Outcome]) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>atlas-render snapshot report</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n<h1>Snapshot report</h1>\n<p class=\"counts\">");
    out.push_str(&format!("<span class=\"total\" data-count=\"{}\">{} diagrams</span>", outcomes.len(), outcomes.len()));
    for (status, n) in counts(outcomes) {
        let name = status_name(status);
        out.push_str(&format!("<span class=\"{name}\" data-count=\"{n}\">{n} {name}</span>"));
    }
    out.push_str("</p>\n");
    let review = to_review(outcomes);
    if review.is_empty() {
        out.push_str("<p class=\"note\">Every diagram matches its golden.</p>\n");
    }
    for o in review {
        let name = status_name(o.status);
        let [g, a, d] = image_names(&o.key);
        out.push_str(&format!("<section class=\"{name}\" id=\"{}\"><h2><span class=\"status\">{name}</span>{}:{}</h2>\n", escape(&o.key), escape(&o.file), o.line));
        let mut what = match o.status {
            Status::Changed => {
                let size = o.size.map(|s| format!(", size {}×{} → {}×{}", s.golden[0], s.golden[1], s.actual[0], s.actual[1])).unwrap_or_default();
                let cause = match o.cause {
                    Some(Cause::Drawing) => "same source, different drawing: a renderer change",
                    _ => "the source changed",
                };
                format!("{} pixels differ{size}; {cause}.", o.pixels_changed)
            }
            Status::New => "No golden yet.".to_string(),
            Status::Missing => "A golden whose diagram is gone.".to_string(),
            Status::Failed => format!("Cannot be drawn: {}", o.error.as_deref().unwrap_or("")),
            Status::Unchanged => String::new(),
        };
        if o.written {
            what.push_str(" Written by this run.");
        }
        out.push_str(&format!("<p>{}</p>\n", escape(&what)));
        if !o.layout_changes.is_empty() {
            out.push_str("<ul class=\"layout\">");
            for c in &o.layout_changes {
                out.push_str(&format!("<li>{}</li>", escape(&c.to_string())));
            }
            out.push_str("</ul>\n");
        }
        match o.status {
            Status::Changed => {
                out.push_str(&format!("<div class=\"pair\"><figure><img src=\"{g}\" alt=\"golden\"><figcaption>golden</figcaption></figure><figure><img src=\"{a}\" alt=\"actual\"><figcaption>actual</figcaption></figure></div>\n"));
                out.push_str(&format!("<p>Swipe: <input type=\"range\" min=\"0\" max=\"100\" value=\"50\" aria-label=\"swipe between golden and actual\"></p><div class=\"swipe\"><img class=\"base\" src=\"{a}\" alt=\"actual\"><div class=\"over\"><img src=\"{g}\" alt=\"golden\"></div></div>\n"));
                out.push_str(&format!("<figure><img src=\"{d}\" alt=\"golden, difference, actual\"><figcaption>golden | difference (red) | actual</figcaption></figure>\n"));
            }
            Status::New => out.push_str(&format!("<figure><img src=\"{a}\" alt=\"actual\"><figcaption>actual</figcaption></figure>\n")),
            _ => {}
        }
        out.push_str("</section>\n");
    }
    out.push_str("<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body></html>\n");
    out
}

/// JUnit XML: a test case per diagram, failing unless it is unchanged.
pub fn junit(outcomes: &[Outcome]) -> String {
    let failures = outcomes.iter().filter(|o| o.status != Status::Unchanged).count();
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites><testsuite name=\"atlas-render snapshot\" tests=\"{}\" failures=\"{failures}\">\n", outcomes.len());
    for o in outcomes {
        let name = match o.block {
            Some(b) => format!("{}#{b}", o.file),
            None => o.file.clone(),
        };
        out.push_str(&format!("  <testcase classname=\"snapshot\" name=\"{}\" file=\"{}\" line=\"{}\"", escape(&name), escape(&o.file), o.line));
        if o.status == Status::Unchanged {
            out.push_str("/>\n");
        } else {
            let mut text: Vec<String> = o.layout_changes.iter().map(|c| c.to_string()).collect();
            if let Some(e) = &o.error {
                text.insert(0, e.clone());
            }
            out.push_str(&format!(">\n    <failure message=\"{}\">{}</failure>\n  </testcase>\n", status_name(o.status), escape(&text.join("\n"))));
        }
    }
    out.push_str("</testsuite></testsuites>\n");
    out
}

/// GitHub workflow annotations, one per diagram that is not unchanged.
pub fn github(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in to_review(outcomes) {
        let level = if o.status == Status::Failed || o.status == Status::Changed { "error" } else { "warning" };
        let mut message = match o.status {
            Status::Changed => format!("{} pixels differ ({})", o.pixels_changed, if o.cause == Some(Cause::Drawing) { "same source, different drawing" } else { "source changed" }),
            Status::Failed => o.error.clone().unwrap_or_default(),
            Status::New => "no golden yet".into(),
            _ => "golden without a diagram".into(),
        };
        for c in o.layout_changes.iter().take(5) {
            message.push_str(&format!("%0A{c}"));
        }
        out.push_str(&format!("::{level} file={},line={},title=snapshot {}::{message}\n", o.file, o.line, status_name(o.status)));
    }
    out
}

/// A Markdown summary for `$GITHUB_STEP_SUMMARY`.
pub fn markdown_summary(outcomes: &[Outcome]) -> String {
    let mut out = String::from("### atlas-render snapshot\n\n| status | diagrams |\n|---|---|\n");
    for (s, n) in counts(outcomes) {
        out.push_str(&format!("| {} | {n} |\n", status_name(s)));
    }
    let review = to_review(outcomes);
    if !review.is_empty() {
        out.push_str("\n| diagram | status | what |\n|---|---|---|\n");
        for o in review.iter().take(50) {
            let what = o.layout_changes.first().map(|c| c.to_string()).or_else(|| o.error.clone()).unwrap_or_else(|| format!("{} pixels", o.pixels_changed));
            out.push_str(&format!("| `{}:{}` | {} | {} |\n", o.file, o.line, status_name(o.status), what.replace('|', "\\|")));
        }
    }
    out
}
