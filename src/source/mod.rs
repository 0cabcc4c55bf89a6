//! Where diagrams come from: `.mmd` files, and fenced `mermaid` blocks in
//! Markdown files (as MkDocs writes them, indented inside admonitions and
//! tabs too).
//!
//! A [`DiagramSource`] holds one diagram's text and maps offsets in it back
//! to its file, so diagnostics point at the right line and column of the
//! `.md` file.

mod markdown;

pub use markdown::{mermaid_blocks, mermaid_fences, outline, plain_inline, MermaidFence, OutlineItem};

use std::io::Write;
use std::path::{Path, PathBuf};

/// One diagram, with where it sits in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramSource {
    pub file: PathBuf,
    /// 1-based index of the `mermaid` block in a Markdown file; `None` for `.mmd`.
    pub block: Option<usize>,
    /// The diagram's text (block indentation removed).
    pub text: String,
    /// For each line of `text`: the byte offset in the file where the line's
    /// text starts (after removed indentation).
    line_starts_in_file: Vec<usize>,
}

impl DiagramSource {
    /// A whole file as one diagram.
    pub fn whole_file(file: impl Into<PathBuf>, text: String) -> DiagramSource {
        let mut line_starts_in_file = vec![0];
        line_starts_in_file.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        DiagramSource { file: file.into(), block: None, text, line_starts_in_file }
    }

    /// A Markdown block: `lines` are (file offset of the line's text, text).
    pub(crate) fn from_block(file: &Path, block: usize, lines: Vec<(usize, &str)>) -> DiagramSource {
        let mut text = String::new();
        let mut line_starts_in_file = Vec::with_capacity(lines.len());
        for (i, (offset, line)) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            line_starts_in_file.push(*offset);
            text.push_str(line);
        }
        if lines.is_empty() {
            line_starts_in_file.push(0);
        }
        DiagramSource { file: file.to_path_buf(), block: Some(block), text, line_starts_in_file }
    }

    /// The file offset of a byte offset in `text`.
    pub fn file_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        self.line_starts_in_file.get(line).copied().unwrap_or(0) + (offset - line_start)
    }

    /// A short name: `path` or `path#block`.
    pub fn display_name(&self) -> String {
        match self.block {
            Some(b) => format!("{}#{}", self.file.display(), b),
            None => self.file.display().to_string(),
        }
    }
}

/// Is this a file `check` and bulk export read?
pub fn is_diagram_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("mmd" | "mermaid" | "md" | "markdown"))
}

pub fn is_markdown(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "markdown"))
}

/// Every diagram file under the given paths, sorted, each once. A path
/// that is a file is taken whatever its extension.
pub fn collect_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_str().is_some_and(|n| n.starts_with('.'));
        let ty = entry.file_type()?;
        if ty.is_dir() {
            if !hidden && name != "node_modules" && name != "target" {
                walk(&path, out)?;
            }
        } else if is_diagram_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// The diagrams in one file: the whole file for `.mmd`, the `mermaid`
/// blocks for Markdown.
pub fn diagrams_in_file(path: &Path, content: &str) -> Vec<DiagramSource> {
    if is_markdown(path) {
        mermaid_blocks(content).into_iter().enumerate().map(|(i, lines)| DiagramSource::from_block(path, i + 1, lines)).collect()
    } else {
        vec![DiagramSource::whole_file(path, content.to_string())]
    }
}

/// A diagram's name for bulk output: its path under the input folder it
/// was found in (or its file name), `/`-separated, without extension, with
/// `--NN` for a Markdown block (`systems/netflix/architecture--01`).
pub fn diagram_key(inputs: &[PathBuf], source: &DiagramSource) -> String {
    let rel = inputs
        .iter()
        .filter(|i| i.is_dir())
        .find_map(|i| source.file.strip_prefix(i).ok())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| source.file.file_name().map(PathBuf::from).unwrap_or_default());
    let stem = rel.with_extension("");
    let stem = stem.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    match source.block {
        Some(b) => format!("{stem}--{b:02}"),
        None => stem,
    }
}

/// Writes a file whole or not at all: to a temporary file beside it, then
/// renamed; the data reaches the disk before the rename, so even a crash of
/// the machine leaves the old file or the new one. For files people edit
/// (`check --fix`), manifests and blessed goldens.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_file(path, bytes, true)
}

/// Writes a generated file (a drawing, a page copy) whole or not at all, as
/// [`write_atomically`] does, without waiting for the disk: a crash of the
/// machine itself may lose the file, which is drawn again. Exporting the
/// Atlas spent a third of its system time in `fsync`. A file that already
/// holds exactly these bytes is left alone (its date too): exporting again
/// rewrote every file, and creating thousands of files just after deleting
/// as many cost ext4 more system time than drawing them.
pub fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if holds(path, bytes) {
        return Ok(());
    }
    replace_file(path, bytes, false)
}

/// Does the file at `path` hold exactly `bytes`?
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else { return false };
    if !f.metadata().is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    f.read_to_end(&mut old).is_ok() && old == bytes
}

fn replace_file(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    // the folder is made only when it is missing (one failed open, rather
    // than a mkdir and a stat for every file of an export)
    let file = match std::fs::File::create(&tmp) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::File::create(&tmp)
        }
        other => other,
    };
    let result = file.and_then(|mut f| {
        f.write_all(bytes)?;
        if durable {
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
