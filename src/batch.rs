//! `atlas-render batch`: one process draws many diagrams for a tool that
//! keeps it open (the MkDocs plugin). JSON lines in on stdin, one per
//! diagram:
//!
//! ```json
//! {"id": 7, "source": "graph TD\n  A --> B", "theme": "forest", "id_prefix": "d7-",
//!  "dark_scheme": "[data-md-color-scheme=\"slate\"]"}
//! ```
//!
//! and one JSON line out per request, as soon as it is drawn (requests are
//! drawn in parallel, so answers may come in another order; `id` is echoed
//! back as given):
//!
//! ```json
//! {"id": 7, "kind": "flowchart", "svg": "<svg …", "mermaid_ok": true,
//!  "diagnostics": [{"code": "AR101", "severity": "warning", "line": 2, "column": 5, "message": "…", "hint": "…"}], "error": null}
//! ```
//!
//! `svg` is null when the diagram cannot be drawn (`error` says why, and
//! the diagnostics where); `mermaid_ok` is false when mermaid-js would
//! refuse it (drawn or not). A line that is not a request gets an answer
//! with `id` null and the `error`, and the batch goes on. The batch ends at
//! the end of its input.

use crate::diagnostics::{Diagnostic, LineIndex, Severity};
use crate::model::config::ThemeName;
use crate::pipeline::{render_svg, RenderOptions};
use crate::svg::inline::valid_prefix;
use crate::svg::scheme::valid_selector;
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    #[serde(default)]
    id: Value,
    source: String,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    id_prefix: Option<String>,
    #[serde(default)]
    dark_scheme: Option<String>,
}

/// How many requests a batch answered, and how many of them drew.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchStats {
    pub answered: usize,
    pub drawn: usize,
}

/// The diagnostics as JSON, with line and column in the diagram's text.
fn diagnostics_json(text: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
    let lines = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = lines.position(d.span.start);
            json!({"code": d.code, "severity": d.severity, "line": line, "column": column, "message": d.message, "hint": d.hint})
        })
        .collect()
}

/// An answer with no drawing and no diagnostics: the request itself is wrong.
fn refusal(id: &Value, message: String) -> Value {
    json!({"id": id, "kind": Value::Null, "svg": Value::Null, "mermaid_ok": false, "diagnostics": [], "error": message})
}

/// Answers one request line.
pub fn answer(line: &str, base: &RenderOptions) -> Value {
    let request: Request = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => return refusal(&Value::Null, format!("not a batch request: {e}")),
    };
    let refuse = |message: String| refusal(&request.id, message);
    let mut options = base.clone();
    if let Some(t) = &request.theme {
        match ThemeName::from_name(t) {
            Some(theme) => options.theme = Some(theme),
            None => return refuse(format!("unknown theme `{t}` (default, base, dark, forest or neutral)")),
        }
    }
    if let Some(p) = &request.id_prefix {
        if !valid_prefix(p) {
            return refuse(format!("`{p}` cannot begin an id: a letter or `_`, then letters, digits, `-`, `_` or `.`"));
        }
        options.id_prefix = Some(p.clone());
    }
    if let Some(selector) = &request.dark_scheme {
        if !valid_selector(selector) {
            return refuse(format!("`{selector}` is not a selector for the dark scheme (no `{{`, `}}`, `;`, `<`, `@`, `/` or `\\`)"));
        }
        options.dark_scheme = Some(selector.clone());
    }
    let text = request.source.as_str();
    let drawn = std::panic::catch_unwind(|| render_svg(text, &options));
    match drawn {
        Ok(Ok(r)) => json!({
            "id": request.id, "kind": r.kind.name(), "svg": r.svg,
            "mermaid_ok": !r.diagnostics.iter().any(|d| d.severity == Severity::Error),
            "diagnostics": diagnostics_json(text, &r.diagnostics),
            "error": Value::Null,
        }),
        Ok(Err(f)) => {
            let first = f.reason();
            json!({
                "id": request.id, "kind": f.kind.name(), "svg": Value::Null, "mermaid_ok": false,
                "diagnostics": diagnostics_json(text, &f.diagnostics),
                "error": first.map(|d| format!("{}: {}", d.code, d.message)).unwrap_or_else(|| "cannot be drawn".into()),
            })
        }
        Err(_) => refuse("internal error while drawing (please report this diagram)".into()),
    }
}

/// Reads requests until the input ends, drawing them in parallel; writes
/// each answer as one line, flushed, as soon as it is ready.
pub fn serve(input: impl BufRead, output: impl Write + Send, base: &RenderOptions) -> std::io::Result<BatchStats> {
    // answers go to the writer as finished lines (serialized by the worker
    // that drew them), each written with one call
    let (tx, rx) = std::sync::mpsc::channel::<(bool, Vec<u8>)>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> std::io::Result<BatchStats> {
            let mut output = output;
            let mut stats = BatchStats::default();
            for (drawn, line) in rx {
                stats.answered += 1;
                stats.drawn += usize::from(drawn);
                output.write_all(&line)?;
                output.flush()?;
            }
            Ok(stats)
        });
        // read here, draw on rayon's pool: no worker waits on the input
        let base = std::sync::Arc::new(base.clone());
        let mut read = Ok(());
        for line in input.lines() {
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let (tx, base) = (tx.clone(), base.clone());
            rayon::spawn(move || {
                let answer = answer(&line, &base);
                let mut out = serde_json::to_vec(&answer).expect("a JSON value serializes");
                out.push(b'\n');
                let _ = tx.send((!answer["svg"].is_null(), out));
            });
        }
        drop(tx);
        let stats = writer.join().unwrap_or_else(|_| Err(std::io::Error::other("the batch's writer stopped")))?;
        read.map(|_| stats)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_every_line_drawn_refused_or_not_a_request() {
        let input = concat!(
            r#"{"id": 1, "source": "graph TD\n  A --> B"}"#, "\n",
            r#"{"id": "two", "source": "graph TD\n  A[x(y)] --> B", "id_prefix": "d2-", "theme": "dark"}"#, "\n",
            "\n",
            r#"{"id": 3, "source": "notADiagram\n"}"#, "\n",
            "not json\n",
            r#"{"id": 5, "source": "pie\n \"a\": 1", "theme": "purple"}"#, "\n",
        );
        let mut out = Vec::new();
        let stats = serve(std::io::Cursor::new(input), &mut out, &RenderOptions::default()).unwrap();
        assert_eq!(stats, BatchStats { answered: 5, drawn: 2 });
        let answers: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let by_id = |id: Value| answers.iter().find(|a| a["id"] == id).unwrap().clone();
        let one = by_id(json!(1));
        assert!(one["svg"].as_str().unwrap().starts_with("<svg") && one["mermaid_ok"] == true && one["kind"] == "flowchart");
        let two = by_id(json!("two"));
        assert!(two["svg"].as_str().unwrap().contains("role=\"img\""));
        assert_eq!(two["mermaid_ok"], false, "mermaid refuses ( in a [ ] label");
        let d = &two["diagnostics"][0];
        assert_eq!((d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()), (Some("AR101"), Some(2), Some(6)), "{d}");
        let three = by_id(json!(3));
        assert!(three["svg"].is_null() && three["error"].as_str().unwrap().starts_with("AR001"), "{three}");
        assert!(by_id(Value::Null)["error"].as_str().unwrap().starts_with("not a batch request"));
        assert!(by_id(json!(5))["error"].as_str().unwrap().contains("unknown theme `purple`"));
    }

    #[test]
    fn a_dark_scheme_request_carries_the_dark_paint_scoped_to_its_diagram() {
        let source = "graph TD\n  A[Plain] --> B[Edge]\n  subgraph EdgePlane[Edge Plane]\n    B\n  end\n  classDef edge fill:#0066CC,color:#fff\n  class B edge";
        let request = json!({"id": 4, "source": source, "id_prefix": "d4-", "dark_scheme": "[data-md-color-scheme=\"slate\"]"});
        let a = answer(&request.to_string(), &RenderOptions::default());
        let svg = a["svg"].as_str().unwrap();
        assert!(svg.starts_with("<svg id=\"d4-diagram\""), "{svg}");
        assert!(svg.contains("<style>[data-md-color-scheme=\"slate\"] #d4-diagram .dk0{"), "{svg}");
        assert!(!svg.contains("#0066CC;") && !svg.contains(":#0066CC"), "the plane colour has no dark rule: {svg}");
        assert!(svg.contains("{fill:#182F4A}"), "the Edge plane's subgraph gets a dark tint of #0066CC: {svg}");
        let bad = json!({"id": 5, "source": source, "dark_scheme": "x}</style><script>"});
        assert!(answer(&bad.to_string(), &RenderOptions::default())["error"].as_str().unwrap().contains("not a selector"));
    }
}
