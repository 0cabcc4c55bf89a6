//! `atlas-render snapshot`: visual regression tests for a docs tree. Every
//! diagram is drawn and compared with its blessed image in a store; what
//! changed is told in pixels and, by id, in layout ("node `DB` moved 24 px
//! down"); changes are blessed on purpose with `--update`.
//!
//! The store holds, per diagram (keyed by its path and block, as `export`
//! names its files), `KEY.png` and `KEY.layout.json`, and one
//! `manifest.json` with each diagram's source hash, the atlas-render version
//! and the options it was drawn with, so a changed source is told apart from
//! a changed drawing of the same source (a renderer regression).
//!
//! Passes, in order: collect the diagrams (as `check` and `export` find
//! them), draw and compare each (in parallel), find the stale goldens, then
//! write what `--update`, `--update=new` and `--prune` ask for.

pub mod golden;
pub mod pixels;
pub mod report;

use crate::layout::record::{diff, LayoutChange, LayoutRecord};
use crate::pipeline::{render_recorded, RenderOptions};
use crate::raster::{encode_png, svg_to_pixmap, PngEffort};
use crate::source::{collect_files, diagram_key, diagrams_in_file, write_atomically, DiagramSource};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which goldens a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Update {
    /// None (but a new one, outside CI).
    #[default]
    No,
    /// The changed and the new ones.
    All,
    /// Only the missing ones.
    New,
}

/// How a run compares and what it writes.
#[derive(Debug, Clone)]
pub struct SnapshotOptions {
    pub store: PathBuf,
    pub update: Update,
    pub prune: bool,
    pub render: RenderOptions,
    /// Running under CI: a missing golden is a failure and is never written.
    pub ci: bool,
    /// At most this many differing pixels still count as unchanged.
    pub max_diff_pixels: usize,
    /// At most this share of the pixels differing still counts as unchanged.
    pub max_diff_ratio: f64,
    /// Where the HTML report goes (`None`: `STORE/report/`).
    pub report: Option<PathBuf>,
    /// Compare by perceptual colour distance with this threshold (0 to 1),
    /// anti-aliasing forgiven, instead of a channel tolerance of 1.
    pub threshold: Option<f64>,
}

impl SnapshotOptions {
    /// The report's folder.
    pub fn report_dir(&self) -> PathBuf {
        self.report.clone().unwrap_or_else(|| self.store.join("report"))
    }
}

impl Default for SnapshotOptions {
    fn default() -> Self {
        SnapshotOptions { store: PathBuf::from("snapshots"), update: Update::No, prune: false, render: RenderOptions { scale: 1.0, ..RenderOptions::default() }, ci: false, max_diff_pixels: 0, max_diff_ratio: 0.0, report: None, threshold: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unchanged,
    Changed,
    New,
    Missing,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cause {
    /// The diagram's text changed.
    Source,
    /// The same text draws differently: atlas-render or its options changed.
    Drawing,
}

/// What a run found for one diagram.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The store key: `systems/netflix/architecture--01`.
    #[serde(skip)]
    pub key: String,
    pub file: String,
    pub block: Option<usize>,
    /// The line of the diagram in its file (its opening fence for a block).
    pub line: usize,
    pub status: Status,
    pub cause: Option<Cause>,
    pub pixels_changed: usize,
    /// `{"golden": [w, h], "actual": [w, h]}` when the size changed.
    pub size: Option<SizeChange>,
    pub layout_changes: Vec<LayoutChange>,
    pub error: Option<String>,
    /// Whether this run wrote (or, for a stale one, deleted) its golden.
    #[serde(skip)]
    pub written: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SizeChange {
    pub golden: [u32; 2],
    pub actual: [u32; 2],
}

/// One diagram's entry in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Where it came from: `docs/x.md#2`.
    pub source: String,
    /// FNV-1a 64 of the diagram's text, in hex.
    pub source_hash: String,
    pub version: String,
    pub options: String,
}

/// The store's manifest: one entry per golden, sorted by key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub diagrams: BTreeMap<String, ManifestEntry>,
}

const MANIFEST: &str = "manifest.json";

/// A stable 64-bit hash of text (FNV-1a): the same on every machine and run.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The options a drawing depends on, as the manifest records them.
pub fn options_text(o: &RenderOptions) -> String {
    format!("scale={} theme={:?} planes={:?} palette={} legend={}", o.scale, o.theme, o.planes.mode, o.planes.palette.name, o.planes.legend)
}

impl Manifest {
    fn read(store: &Path) -> Result<Manifest, String> {
        let path = store.join(MANIFEST);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: not a snapshot manifest: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// One line per diagram, so a change to one golden is one line in git.
    fn to_text(&self) -> String {
        let mut out = String::from("{\"diagrams\": {\n");
        let lines: Vec<String> = self.diagrams.iter().map(|(k, v)| format!("  {}: {}", serde_json::Value::String(k.clone()), serde_json::to_string(v).unwrap_or_default())).collect();
        out.push_str(&lines.join(",\n"));
        out.push_str("\n}}\n");
        out
    }
}

/// A diagram drawn for comparison.
struct Drawn {
    pixmap: tiny_skia::Pixmap,
    record: Option<LayoutRecord>,
}

impl Drawn {
    /// As the report shows it (quick to encode).
    fn png_for_report(&self) -> Result<Vec<u8>, String> {
        encode_png(&self.pixmap, PngEffort::Fast).map_err(|e| e.to_string())
    }
}

fn line_of(file_text: &str, offset: usize) -> usize {
    file_text[..offset.min(file_text.len())].matches('\n').count() + 1
}

/// Runs the snapshot comparison over the paths; writes what the options ask for.
pub fn run(paths: &[PathBuf], options: &SnapshotOptions) -> Result<Vec<Outcome>, String> {
    let files = collect_files(paths).map_err(|e| e.to_string())?;
    let mut sources: Vec<(DiagramSource, usize)> = Vec::new();
    for f in &files {
        let text = std::fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        let text = String::from_utf8_lossy(&text).into_owned();
        for s in diagrams_in_file(f, &text) {
            // a block's line is its opening fence's: the line before its text
            let line = match s.block {
                Some(_) => line_of(&text, s.file_offset(0)).saturating_sub(1).max(1),
                None => 1,
            };
            sources.push((s, line));
        }
    }
    let manifest = Manifest::read(&options.store)?;
    // the report is made anew: its images of an earlier run go first
    let report_dir = options.report_dir();
    for old in [report_dir.join("img"), report_dir.join("index.html")] {
        let gone = if old.is_dir() { std::fs::remove_dir_all(&old) } else if old.exists() { std::fs::remove_file(&old) } else { Ok(()) };
        gone.map_err(|e| format!("cannot clear {}: {e}", old.display()))?;
    }
    let version = env!("CARGO_PKG_VERSION").to_string();
    let options_now = options_text(&options.render);
    // drawn, compared and (where asked) written in parallel; a drawing is
    // dropped as soon as its diagram is settled, so memory stays flat
    let outcomes: Vec<Result<(Outcome, ManifestEntry), String>> = sources
        .par_iter()
        .map(|(source, line)| {
            let key = diagram_key(paths, source);
            let entry = ManifestEntry { source: source.display_name(), source_hash: text_hash(&source.text), version: version.clone(), options: options_now.clone() };
            let (mut outcome, drawn) = compare_one(&key, source, *line, &entry, manifest.diagrams.get(&key), options);
            // changed goldens only on --update; new ones on --update or
            // --update=new, and outside CI also unasked (under CI never unasked)
            let write = match outcome.status {
                Status::Changed => options.update == Update::All,
                Status::New => options.update != Update::No || !options.ci,
                _ => false,
            };
            if let (true, Some(d)) = (write, drawn.as_ref()) {
                write_golden(&options.store, &key, d)?;
                outcome.written = true;
            }
            Ok((outcome, entry))
        })
        .collect();
    let mut outcomes_ok = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        outcomes_ok.push(o?);
    }
    let seen: std::collections::BTreeSet<&str> = outcomes_ok.iter().map(|(o, _)| o.key.as_str()).collect();
    let stale: Vec<(String, ManifestEntry)> = manifest.diagrams.iter().filter(|(k, _)| !seen.contains(k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut next = manifest.clone();
    for (o, entry) in &outcomes_ok {
        if o.written {
            next.diagrams.insert(o.key.clone(), entry.clone());
        }
    }
    let mut results: Vec<Outcome> = outcomes_ok.into_iter().map(|(o, _)| o).collect();
    for (key, entry) in stale {
        let (file, block) = match entry.source.rsplit_once('#') {
            Some((f, b)) if b.parse::<usize>().is_ok() => (f.to_string(), b.parse().ok()),
            _ => (entry.source.clone(), None),
        };
        let mut o = Outcome { key: key.clone(), file, block, line: 1, status: Status::Missing, cause: None, pixels_changed: 0, size: None, layout_changes: Vec::new(), error: None, written: false };
        if options.prune {
            for ext in ["png", "layout.json"] {
                let p = options.store.join(format!("{key}.{ext}"));
                if p.exists() {
                    std::fs::remove_file(&p).map_err(|e| format!("cannot delete {}: {e}", p.display()))?;
                }
            }
            next.diagrams.remove(&key);
            o.written = true;
        }
        results.push(o);
    }
    if next != manifest {
        write_atomically(&options.store.join(MANIFEST), next.to_text().as_bytes()).map_err(|e| format!("cannot write the manifest: {e}"))?;
    }
    let index = report_dir.join("index.html");
    write_atomically(&index, report::html(&results).as_bytes()).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok(results)
}

fn write_golden(store: &Path, key: &str, d: &Drawn) -> Result<(), String> {
    let png = store.join(format!("{key}.png"));
    // goldens live in git: the smallest lossless PNG worth its time
    let bytes = encode_png(&d.pixmap, PngEffort::Small).map_err(|e| format!("cannot encode {}: {e}", png.display()))?;
    write_atomically(&png, &bytes).map_err(|e| format!("cannot write {}: {e}", png.display()))?;
    let layout = store.join(format!("{key}.layout.json"));
    match &d.record {
        Some(r) => {
            let text = serde_json::to_string_pretty(r).unwrap_or_default() + "\n";
            write_atomically(&layout, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", layout.display()))?;
        }
        None if layout.exists() => std::fs::remove_file(&layout).map_err(|e| format!("cannot delete {}: {e}", layout.display()))?,
        None => {}
    }
    Ok(())
}

fn compare_one(key: &str, source: &DiagramSource, line: usize, entry: &ManifestEntry, golden_entry: Option<&ManifestEntry>, options: &SnapshotOptions) -> (Outcome, Option<Drawn>) {
    let mut o = Outcome {
        key: key.to_string(),
        file: source.file.display().to_string(),
        block: source.block,
        line,
        status: Status::Unchanged,
        cause: None,
        pixels_changed: 0,
        size: None,
        layout_changes: Vec::new(),
        error: None,
        written: false,
    };
    let drawn = std::panic::catch_unwind(|| {
        let (rendered, record) = render_recorded(&source.text, &options.render).map_err(|f| f.reason().map(|d| format!("{}: {}", d.code, d.message)).unwrap_or_else(|| "cannot be drawn".into()))?;
        let pixmap = svg_to_pixmap(&rendered.svg, options.render.scale).map_err(|e| e.to_string())?;
        Ok::<Drawn, String>(Drawn { pixmap, record })
    })
    .unwrap_or_else(|_| Err("internal error while drawing (please report this diagram)".into()));
    let drawn = match drawn {
        Ok(d) => d,
        Err(e) => {
            o.status = Status::Failed;
            o.error = Some(e);
            return (o, None);
        }
    };
    let golden_png = options.store.join(format!("{key}.png"));
    let report_dir = options.report_dir();
    let Ok(golden) = std::fs::read(&golden_png) else {
        o.status = Status::New;
        if let Err(e) = drawn.png_for_report().and_then(|png| report::write_images(&report_dir, key, None, &png).map_err(|e| e.to_string())) {
            o.error = Some(format!("the report's image could not be written: {e}"));
        }
        return (o, Some(drawn));
    };
    // the fast path: the same pixels (goldens are compared decoded, so a
    // store recompressed by another tool still matches)
    let comparison = match tiny_skia::Pixmap::decode_png(&golden) {
        Ok(g) if g.width() == drawn.pixmap.width() && g.height() == drawn.pixmap.height() && g.data() == drawn.pixmap.data() => return (o, Some(drawn)),
        Ok(g) => pixels::compare_pixmaps(&g, &drawn.pixmap, options.threshold),
        Err(e) => pixels::Comparison::Unreadable(e.to_string()),
    };
    match comparison {
        pixels::Comparison::Size { golden, actual, differing } => {
            o.status = Status::Changed;
            o.pixels_changed = differing;
            o.size = Some(SizeChange { golden, actual });
        }
        pixels::Comparison::Pixels { differing, total } => {
            o.pixels_changed = differing;
            let within = differing <= options.max_diff_pixels || (total > 0 && (differing as f64 / total as f64) <= options.max_diff_ratio && options.max_diff_ratio > 0.0);
            o.status = if differing == 0 || within { Status::Unchanged } else { Status::Changed };
        }
        pixels::Comparison::Unreadable(e) => {
            o.status = Status::Changed;
            o.error = Some(format!("the golden {} cannot be read: {e}", golden_png.display()));
        }
    }
    if o.status == Status::Changed {
        if let Err(e) = drawn.png_for_report().and_then(|png| report::write_images(&report_dir, key, Some(&golden), &png).map_err(|e| e.to_string())) {
            o.error = Some(format!("the report's images could not be written: {e}"));
        }
        o.cause = Some(match golden_entry {
            Some(g) if g.source_hash == entry.source_hash => Cause::Drawing,
            _ => Cause::Source,
        });
        let golden_layout = std::fs::read_to_string(options.store.join(format!("{key}.layout.json"))).ok().and_then(|t| serde_json::from_str::<LayoutRecord>(&t).ok());
        if let (Some(old), Some(new)) = (golden_layout, drawn.record.as_ref()) {
            o.layout_changes = diff(&old, new);
        }
    }
    (o, Some(drawn))
}

/// Counts per status, in the order the summary names them.
pub fn counts(outcomes: &[Outcome]) -> [(Status, usize); 5] {
    let n = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    [Status::Unchanged, Status::Changed, Status::New, Status::Missing, Status::Failed].map(|s| (s, n(s)))
}

pub(crate) fn status_name(s: Status) -> &'static str {
    match s {
        Status::Unchanged => "unchanged",
        Status::Changed => "changed",
        Status::New => "new",
        Status::Missing => "missing",
        Status::Failed => "failed",
    }
}

/// Where a diagram is: `file:line`.
fn place(o: &Outcome) -> String {
    format!("{}:{}", o.file, o.line)
}

/// The human report: a block per diagram that is not unchanged, then the summary line.
pub fn to_human(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let mut shown: Vec<&Outcome> = outcomes.iter().filter(|o| o.status != Status::Unchanged).collect();
    shown.sort_by(|a, b| b.pixels_changed.cmp(&a.pixels_changed).then(a.key.cmp(&b.key)));
    for o in shown {
        let what = match (o.status, o.cause) {
            (Status::Changed, Some(Cause::Drawing)) => format!("changed: {}; same source, different drawing (a renderer change: check it before you bless it)", pixel_text(o)),
            (Status::Changed, _) => format!("changed: {}; the source changed", pixel_text(o)),
            (Status::New, _) if o.written => "new: golden written".to_string(),
            (Status::New, _) => "new: no golden (run with --update to write it)".to_string(),
            (Status::Missing, _) if o.written => "missing: stale golden pruned".to_string(),
            (Status::Missing, _) => "missing: a golden with no diagram (--prune deletes it)".to_string(),
            (Status::Failed, _) => format!("failed: {}", o.error.as_deref().unwrap_or("cannot be drawn")),
            (Status::Unchanged, _) => String::new(),
        };
        let blessed = if o.status == Status::Changed && o.written { " (blessed)" } else { "" };
        out.push_str(&format!("{}: {what}{blessed}\n", place(o)));
        for c in &o.layout_changes {
            out.push_str(&format!("    {c}\n"));
        }
    }
    out.push_str(&summary(outcomes));
    out.push('\n');
    out
}

fn pixel_text(o: &Outcome) -> String {
    match o.size {
        Some(s) => format!("size {}x{} → {}x{}", s.golden[0], s.golden[1], s.actual[0], s.actual[1]),
        None => format!("{} pixel{} differ", o.pixels_changed, if o.pixels_changed == 1 { "" } else { "s" }),
    }
}

/// `snapshot: 12 diagrams: 9 unchanged, 1 changed, 1 new, 1 missing, 0 failed`
pub fn summary(outcomes: &[Outcome]) -> String {
    let parts: Vec<String> = counts(outcomes).iter().map(|(s, n)| format!("{n} {}", status_name(*s))).collect();
    format!("snapshot: {} diagram{}: {}", outcomes.len(), if outcomes.len() == 1 { "" } else { "s" }, parts.join(", "))
}

/// One JSON object per diagram.
pub fn to_json_lines(outcomes: &[Outcome]) -> String {
    outcomes.iter().map(|o| serde_json::to_string(o).unwrap_or_default() + "\n").collect()
}

/// Is anything left out of date after this run: a change not blessed, a
/// new diagram without a golden, a stale golden not pruned, a failure?
/// (A golden this run wrote or deleted is settled.)
pub fn unsettled(outcomes: &[Outcome]) -> bool {
    outcomes.iter().any(|o| o.status == Status::Failed || (o.status != Status::Unchanged && !o.written))
}
