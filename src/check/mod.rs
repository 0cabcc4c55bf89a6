//! `check`: parse and lay out every diagram under some paths, in parallel,
//! and report what mermaid-js would refuse, with line, column and a hint.
//!
//! Reports come in three formats: for people (source line, caret, hint, a
//! summary with counts per rule), JSON (one object per diagram), and GitHub
//! workflow annotations.

pub mod fix;
pub mod planes;

use crate::diagnostics::{render_human, Diagnostic, LineIndex, Severity};
use crate::layout::LayoutFigures;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::planes::Palette;
use crate::diagrams::parse_within;
use crate::limits::Limits;
use crate::source::{collect_files, diagrams_in_file, DiagramSource};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One checked diagram.
#[derive(Debug, Clone)]
pub struct CheckedDiagram {
    pub source: DiagramSource,
    pub kind: DiagramKind,
    /// Spans are in `source.text`.
    pub diagnostics: Vec<Diagnostic>,
    pub figures: Option<LayoutFigures>,
    pub micros: u64,
}

/// True for the rules about the Atlas's conventions (planes, palette,
/// references): findings mermaid-js itself does not care about.
pub fn is_lint_rule(code: &str) -> bool {
    code.starts_with("AR4")
}

impl CheckedDiagram {
    /// No errors at all: the diagram passes the gate.
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// mermaid-js would render it: no error but the Atlas's own rules.
    pub fn mermaid_ok(&self) -> bool {
        self.first_error().is_none()
    }

    /// The first error mermaid-js would stop at.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error() && !is_lint_rule(d.code))
    }
}

/// A file that could not be read.
#[derive(Debug, Clone)]
pub struct UnreadableFile {
    pub file: PathBuf,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub diagrams: Vec<CheckedDiagram>,
    pub unreadable: Vec<UnreadableFile>,
    /// File texts, for snippets: diagnostics of Markdown blocks point into them.
    pub files: BTreeMap<PathBuf, String>,
}

/// What `check` holds diagrams to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// The plane colours plane elements must use (rule AR401).
    pub palette: Palette,
    /// Lay every valid diagram out and measure it (`figures`). The rules
    /// need only the parse; the figures are for reports (`--json`).
    pub layout: bool,
    /// How big a diagram may be: one over a limit is refused (AR003).
    pub limits: Limits,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { palette: Palette::classic(), layout: true, limits: Limits::default() }
    }
}

/// Parses and lays out one diagram, with the default options.
pub fn check_source(source: DiagramSource) -> CheckedDiagram {
    check_source_with(source, &CheckOptions::default())
}

/// Parses, lays out and lints one diagram. Never panics: a panic inside is
/// caught and reported as an internal error on this diagram alone.
pub fn check_source_with(source: DiagramSource, options: &CheckOptions) -> CheckedDiagram {
    let start = Instant::now();
    let text = source.text.clone();
    let result = std::panic::catch_unwind(move || {
        let outcome = parse_within(&text, &options.limits);
        let figures = match (&outcome.diagram, outcome.is_valid() && options.layout) {
            (Some(d), true) => Some(d.measure()),
            _ => None,
        };
        let mut diagnostics = outcome.diagnostics;
        if let Some(Diagram::Flowchart(f)) = &outcome.diagram {
            diagnostics.extend(planes::lint_flowchart(f, &text, &options.palette));
        }
        (outcome.kind, diagnostics, figures)
    });
    let (kind, diagnostics, figures) = match result {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            let d = Diagnostic::error("AR999", 0..0, format!("internal error in atlas-render: {what}"))
                .with_hint("please report this diagram; the others were checked");
            (DiagramKind::Other, vec![d], None)
        }
    };
    CheckedDiagram { source, kind, diagnostics, figures, micros: start.elapsed().as_micros() as u64 }
}

/// Checks every diagram under `paths` (files and folders, recursively).
pub fn check_paths(paths: &[PathBuf]) -> std::io::Result<CheckReport> {
    check_paths_with(paths, &CheckOptions::default())
}

/// Checks every diagram under `paths` against `options`.
pub fn check_paths_with(paths: &[PathBuf], options: &CheckOptions) -> std::io::Result<CheckReport> {
    let files = collect_files(paths)?;
    let read: Vec<(PathBuf, Result<String, String>)> = files
        .par_iter()
        .map(|f| (f.clone(), std::fs::read(f).map_err(|e| e.to_string()).map(|b| String::from_utf8_lossy(&b).into_owned())))
        .collect();
    let mut report = CheckReport::default();
    let mut sources = Vec::new();
    for (file, content) in read {
        match content {
            Ok(text) => {
                sources.extend(diagrams_in_file(&file, &text));
                report.files.insert(file, text);
            }
            Err(message) => report.unreadable.push(UnreadableFile { file, message }),
        }
    }
    report.diagrams = sources.into_par_iter().map(|s| check_source_with(s, options)).collect();
    Ok(report)
}

/// The 1-based line and column of a diagnostic in its file.
pub fn file_position(report: &CheckReport, d: &CheckedDiagram, diag: &Diagnostic) -> (usize, usize) {
    let offset = d.source.file_offset(diag.span.start);
    match report.files.get(&d.source.file) {
        Some(text) => LineIndex::new(text).position(offset),
        None => LineIndex::new(&d.source.text).position(diag.span.start),
    }
}

/// The report as JSON lines: one object per diagram.
pub fn to_json_lines(report: &CheckReport) -> String {
    let mut out = String::new();
    for d in &report.diagrams {
        let error = d.first_error().map(|e| {
            let (line, column) = file_position(report, d, e);
            json!({"line": line, "column": column, "message": e.message, "hint": e.hint, "code": e.code})
        });
        let layout = d.figures.map(|f| {
            json!({
                "width": f.width, "height": f.height, "nodes": f.nodes, "edges": f.edges,
                "crossings": f.crossings, "overlaps": f.overlaps, "edge_node_hits": f.edge_node_hits,
                "text_overflow": f.text_overflow, "outside_cluster": f.outside_cluster,
                "cluster_overlaps": f.cluster_overlaps,
            })
        });
        let finding = |w: &Diagnostic| {
            let (line, column) = file_position(report, d, w);
            json!({"line": line, "column": column, "message": w.message, "code": w.code, "severity": w.severity, "hint": w.hint, "fixable": w.fix.is_some()})
        };
        let warnings: Vec<Value> = d.diagnostics.iter().filter(|x| x.severity == Severity::Warning).map(finding).collect();
        let findings: Vec<Value> = d.diagnostics.iter().map(finding).collect();
        let v = json!({
            "file": d.source.file.display().to_string(),
            "block": d.source.block,
            "kind": d.kind.name(),
            "ok": d.mermaid_ok(),
            "passed": d.ok(),
            "error": error,
            "warnings": warnings,
            "findings": findings,
            "layout": layout,
            "micros": d.micros,
        });
        out.push_str(&v.to_string());
        out.push('\n');
    }
    for u in &report.unreadable {
        let v = json!({"file": u.file.display().to_string(), "block": null, "kind": null, "ok": false,
            "error": {"line": 0, "column": 0, "message": format!("cannot read the file: {}", u.message), "hint": null, "code": "AR990"},
            "layout": null, "micros": 0});
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// The report as GitHub workflow annotations.
pub fn to_github(report: &CheckReport) -> String {
    let mut out = String::new();
    for d in &report.diagrams {
        for diag in &d.diagnostics {
            let (line, col) = file_position(report, d, diag);
            let level = if diag.is_error() { "error" } else { "warning" };
            let mut message = diag.message.clone();
            if let Some(h) = &diag.hint {
                message.push_str(" — ");
                message.push_str(h);
            }
            out.push_str(&format!(
                "::{level} file={},line={line},col={col},title={}::{}\n",
                gh_escape_property(&d.source.file.display().to_string()),
                diag.code,
                gh_escape_data(&message)
            ));
        }
    }
    for u in &report.unreadable {
        out.push_str(&format!("::error file={}::cannot read the file: {}\n", gh_escape_property(&u.file.display().to_string()), gh_escape_data(&u.message)));
    }
    out
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The report for people: every finding with its snippet, then a summary.
pub fn to_human(report: &CheckReport, color: bool) -> String {
    let mut out = String::new();
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut errors, mut warnings, mut failed) = (0, 0, 0);
    for d in &report.diagrams {
        if !d.ok() {
            failed += 1;
        }
        for diag in &d.diagnostics {
            *per_code.entry(diag.code).or_default() += 1;
            if diag.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            let text = report.files.get(&d.source.file).cloned().unwrap_or_else(|| d.source.text.clone());
            let mut in_file = diag.clone();
            let start = d.source.file_offset(diag.span.start);
            let end = d.source.file_offset(diag.span.end.max(diag.span.start));
            in_file.span = start..end.max(start);
            out.push_str(&render_human(&in_file, &display_path(&d.source.file), &text, color));
            out.push('\n');
        }
    }
    for u in &report.unreadable {
        out.push_str(&format!("error: cannot read {}: {}\n", u.file.display(), u.message));
    }
    let files = report.files.len();
    out.push_str(&format!(
        "checked {} diagram{} in {} file{}: {} with errors; {} error{}, {} warning{}",
        report.diagrams.len(),
        plural(report.diagrams.len()),
        files,
        plural(files),
        failed,
        errors,
        plural(errors),
        warnings,
        plural(warnings)
    ));
    if !per_code.is_empty() {
        let counts: Vec<String> = per_code.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
        out.push_str(&format!(" ({})", counts.join(", ")));
    }
    out.push('\n');
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn display_path(p: &Path) -> String {
    p.display().to_string()
}
