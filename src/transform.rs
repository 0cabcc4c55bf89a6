//! `atlas-render markdown`: copies of Markdown pages with each `mermaid`
//! block replaced by an image link to its drawing, written beside the copy
//! (as mermaid-cli's `-i page.md -o out.md` does), for the docs tools that
//! run no plugin: Hugo, Docusaurus, GitHub wikis, pandoc.
//!
//! Everything but the blocks is copied byte for byte. A block stays where it
//! is, indentation and all (in a list or an admonition), and becomes
//! `![alt](page-1.svg)` with the same indentation; `alt` is the diagram's
//! `accTitle` when it has one. A block that cannot be drawn is left as it
//! was and reported; one mermaid-js would refuse is drawn as meant and
//! reported.

use crate::diagnostics::{LineIndex, Severity};
use crate::pipeline::{render_bytes, Format, RenderOptions};
use crate::source::mermaid_fences;
use crate::source::{write_output, DiagramSource};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What one page's transform did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageTransform {
    /// Blocks replaced by a drawing.
    pub drawn: usize,
    /// Blocks left as they were: they cannot be drawn.
    pub left: usize,
    /// `path:line:column: CODE message` for every error, refusals included.
    pub problems: Vec<String>,
    /// The drawings written, in block order.
    pub images: Vec<PathBuf>,
}

/// Transforms the page `path` (its text `content`) into `out`, the drawings
/// beside it as `<out stem>-<n>.<format>`.
pub fn transform_page(path: &Path, content: &str, out: &Path, format: Format, options: &RenderOptions) -> std::io::Result<PageTransform> {
    let fences = mermaid_fences(content);
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "diagram".into());
    let dir = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let lines = LineIndex::new(content);
    let where_ = |offset: usize| {
        let (line, column) = lines.position(offset);
        format!("{}:{line}:{column}", path.display())
    };
    let drawn: Vec<_> = fences
        .par_iter()
        .enumerate()
        .map(|(i, fence)| {
            let source = DiagramSource::from_block(path, i + 1, fence.lines.clone());
            let result: std::thread::Result<Result<(Vec<u8>, crate::pipeline::Rendered), crate::pipeline::RenderFailure>> =
                std::panic::catch_unwind(|| render_bytes(&source.text, format, options));
            (source, result)
        })
        .collect();
    let mut report = PageTransform::default();
    let mut copy = String::with_capacity(content.len());
    let mut last = 0;
    for (i, (fence, (source, result))) in fences.iter().zip(drawn).enumerate() {
        let n = i + 1;
        let at = |offset: usize| where_(source.file_offset(offset));
        match result {
            Ok(Ok((bytes, rendered))) => {
                for d in rendered.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
                    report.problems.push(format!("{}: {} {} (drawn as meant)", at(d.span.start), d.code, d.message));
                }
                let name = format!("{stem}-{n}.{}", format.extension());
                let image = dir.join(&name);
                write_output(&image, &bytes)?;
                report.images.push(image);
                report.drawn += 1;
                copy.push_str(&content[last..fence.span.start]);
                copy.push_str(&format!("{}![{}]({})", fence.indent, alt_text(&source.text, n), link(&name)));
                last = fence.span.end;
            }
            Ok(Err(failure)) => {
                report.left += 1;
                let first = failure.reason();
                match first {
                    Some(d) => report.problems.push(format!("{}: {} {} (left as it was)", at(d.span.start), d.code, d.message)),
                    None => report.problems.push(format!("{}: cannot be drawn (left as it was)", where_(fence.span.start))),
                }
            }
            Err(_) => {
                report.left += 1;
                report.problems.push(format!("{}: internal error while drawing (left as it was; please report this diagram)", where_(fence.span.start)));
            }
        }
    }
    copy.push_str(&content[last..]);
    write_output(out, copy.as_bytes())?;
    Ok(report)
}

/// The image's alternative text: the diagram's `accTitle`, else "Diagram n".
fn alt_text(text: &str, n: usize) -> String {
    let title = text.lines().find_map(|l| l.trim().strip_prefix("accTitle").map(str::trim).and_then(|r| r.strip_prefix(':'))).map(str::trim).filter(|t| !t.is_empty());
    let alt = title.map_or_else(|| format!("Diagram {n}"), str::to_string);
    alt.chars().map(|c| if matches!(c, '[' | ']' | '\\') { ' ' } else { c }).collect()
}

/// A link destination for a file name: in `<…>` when it holds a space or a parenthesis.
fn link(name: &str) -> String {
    if name.contains([' ', '(', ')']) { format!("<{name}>") } else { name.to_string() }
}

/// Where the copy of `file` goes under `out_dir`: its path under the input
/// folder it was found in, else its file name.
pub fn copy_path(out_dir: &Path, inputs: &[PathBuf], file: &Path) -> PathBuf {
    let rel = inputs.iter().filter(|i| i.is_dir()).find_map(|i| file.strip_prefix(i).ok()).map(Path::to_path_buf);
    out_dir.join(rel.unwrap_or_else(|| file.file_name().map(PathBuf::from).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_image_links_and_nothing_else_changes() {
        let dir = std::env::temp_dir().join(format!("atlas-transform-{}", std::process::id()));
        let page = "# Page\n\nText `code`.\n\n```mermaid\ngraph TD\n  accTitle: Request [flow]\n  A --> B\n```\n\n- item\n\n    ```mermaid\n    pie\n      \"a\": 1\n    ```\n\n```mermaid\nnotADiagram\n```\n\n```python\nx = 1\n```\n";
        let out = dir.join("out/page.md");
        let r = transform_page(Path::new("docs/page.md"), page, &out, Format::Svg, &RenderOptions::default()).unwrap();
        assert_eq!((r.drawn, r.left), (2, 1));
        let copy = std::fs::read_to_string(&out).unwrap();
        assert_eq!(copy, "# Page\n\nText `code`.\n\n![Request  flow ](page-1.svg)\n\n- item\n\n    ![Diagram 2](page-2.svg)\n\n```mermaid\nnotADiagram\n```\n\n```python\nx = 1\n```\n");
        assert!(std::fs::read_to_string(dir.join("out/page-1.svg")).unwrap().starts_with("<svg"));
        assert!(dir.join("out/page-2.svg").exists() && !dir.join("out/page-3.svg").exists());
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].starts_with("docs/page.md:19:1: AR001"), "{:?}", r.problems);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
