//! `check --fix`: rewrites sources so mermaid-js accepts them and plane
//! colours sit on the palette, changing nothing else, byte for byte.
//!
//! Only findings that carry a [`Fix`](crate::diagnostics::Fix) are fixed:
//! labels mermaid-js refuses for structural characters or `@` (quoted),
//! subgraph headers mixing quoted and unquoted text (one quoted title),
//! flowchart keywords one or two edits off (`classDf` → `classDef`; AR126),
//! timeline periods and sections with a blank-less `:` (written as `#58;`,
//! which mermaid-js draws as `:`; AR500) and event colons missing their
//! blank (AR501), xychart text with characters or keywords mermaid-js
//! refuses unquoted (quoted; AR700, AR702), and off-palette plane colours in `classDef`/`style`
//! (AR401). In Markdown files
//! only the fenced `mermaid` blocks are touched. Fixing repeats until nothing
//! changes, so a second run is a no-op; files are replaced atomically.

use super::{check_source_with, CheckOptions};
use crate::diagnostics::{apply_fixes, Edit, Fix};
use crate::source::{collect_files, diagrams_in_file, write_atomically, DiagramSource};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Rounds of fixing before giving up on reaching a fixed point.
const MAX_ROUNDS: usize = 8;

/// What `--fix` did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub file: PathBuf,
    /// Findings fixed, over all rounds.
    pub fixes: usize,
}

/// The fixes of one round over a file's text, as edits of the file.
fn file_fixes(file: &Path, text: &str, options: &CheckOptions) -> Vec<Fix> {
    // fixes come from the parse and the rules: no layout needed
    let options = &CheckOptions { layout: false, ..options.clone() };
    let sources: Vec<DiagramSource> = diagrams_in_file(file, text);
    let mut out = Vec::new();
    for source in sources {
        let checked = check_source_with(source.clone(), options);
        for d in &checked.diagnostics {
            let Some(fix) = &d.fix else { continue };
            // map each edit to the file; skip a fix whose text moved (an edit across
            // an indented Markdown line break)
            let edits: Option<Vec<Edit>> = fix
                .edits
                .iter()
                .map(|e| {
                    let start = source.file_offset(e.span.start);
                    let end = source.file_offset(e.span.end);
                    let same = text.get(start..end) == source.text.get(e.span.clone());
                    same.then(|| Edit { span: start..end, replacement: e.replacement.clone() })
                })
                .collect();
            if let Some(edits) = edits {
                out.push(Fix { edits });
            }
        }
    }
    out
}

/// A file's text with every fixable finding fixed (until a fixed point),
/// and how many fixes it took.
pub fn fix_text(file: &Path, text: &str, options: &CheckOptions) -> (String, usize) {
    let mut current = text.to_string();
    let mut count = 0;
    let mut fixes = file_fixes(file, &current, options);
    for _ in 0..MAX_ROUNDS {
        if fixes.is_empty() {
            break;
        }
        let next = apply_fixes(&current, &fixes);
        let after = file_fixes(file, &next, options);
        // a round must leave fewer fixable findings, or it is not taken
        if next == current || after.len() >= fixes.len() {
            break;
        }
        count += fixes.len() - after.len();
        current = next;
        fixes = after;
    }
    (current, count)
}

/// Fixes every file under `paths` in place; returns the files changed.
pub fn fix_paths(paths: &[PathBuf], options: &CheckOptions) -> std::io::Result<Vec<FixedFile>> {
    let files = collect_files(paths)?;
    let results: Vec<std::io::Result<Option<FixedFile>>> = files
        .par_iter()
        .map(|file| {
            let bytes = std::fs::read(file)?;
            let Ok(text) = String::from_utf8(bytes) else { return Ok(None) };
            let (fixed, fixes) = fix_text(file, &text, options);
            if fixed == text {
                return Ok(None);
            }
            write_atomically(file, fixed.as_bytes())?;
            Ok(Some(FixedFile { file: file.clone(), fixes }))
        })
        .collect();
    let mut out = Vec::new();
    for r in results {
        if let Some(f) = r? {
            out.push(f);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(name: &str, text: &str) -> (String, usize) {
        fix_text(Path::new(name), text, &CheckOptions::default())
    }

    #[test]
    fn quotes_refused_labels_and_nothing_else() {
        let text = "flowchart TD\n    A[Zuul Gateway (Primary)] --> B[Plain]\n    B -->|retry (3x)| C{{Check: ok?}}\n    D[Lambda@Edge] --- A\n";
        let (fixed, n) = fix("a.mmd", text);
        assert_eq!(fixed, "flowchart TD\n    A[\"Zuul Gateway (Primary)\"] --> B[Plain]\n    B -->|\"retry (3x)\"| C{{Check: ok?}}\n    D[\"Lambda@Edge\"] --- A\n");
        assert_eq!(n, 3);
        // a second run changes nothing
        assert_eq!(fix("a.mmd", &fixed), (fixed.clone(), 0));
    }

    #[test]
    fn moves_plane_colours_to_the_palette() {
        let text = "graph LR\n  A --> B\n  classDef serviceStyle fill:#10B981,stroke:#059669,color:#fff,stroke-width:2px\n  classDef other fill:#123456\n  class A serviceStyle\n";
        let (fixed, n) = fix("p.mmd", text);
        assert_eq!(n, 1);
        assert_eq!(fixed, "graph LR\n  A --> B\n  classDef serviceStyle fill:#00AA00,stroke:#007700,color:#000000,stroke-width:2px\n  classDef other fill:#123456\n  class A serviceStyle\n");
        assert_eq!(fix("p.mmd", &fixed).1, 0);
    }

    #[test]
    fn touches_only_mermaid_blocks_in_markdown() {
        let text = "# Title (with parens)\n\nA[not a diagram (x)]\n\n!!! note\n    ```mermaid\n    graph TD\n        A[Cache (L1)] --> B\n    ```\n\n```python\nA[x (y)]\n```\n";
        let (fixed, n) = fix("doc.md", text);
        assert_eq!(n, 1);
        assert_eq!(fixed, text.replace("A[Cache (L1)]", "A[\"Cache (L1)\"]"));
    }

    #[test]
    fn timeline_colons_become_entity_codes() {
        let text = "```mermaid\ntimeline\n    section 18:45 PST\n        10:00 : Failover\n              : Paged\n        10:15 :Recovered\n```\n";
        let (fixed, n) = fix("incident.md", text);
        assert_eq!(n, 4);
        assert_eq!(fixed, "```mermaid\ntimeline\n    section 18#58;45 PST\n        10#58;00 : Failover\n              : Paged\n        10#58;15 : Recovered\n```\n");
        assert_eq!(fix("incident.md", &fixed), (fixed.clone(), 0));
    }

    #[test]
    fn quotes_inside_titles_become_entities() {
        let text = "graph TD\n  subgraph Monolith[The Python Monolith - \"Monorail\"]\n    A\n  end\n";
        let (fixed, _) = fix("s.mmd", text);
        assert_eq!(fixed, "graph TD\n  subgraph Monolith[\"The Python Monolith - #quot;Monorail#quot;\"]\n    A\n  end\n");
    }
}
