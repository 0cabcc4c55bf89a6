//! Helpers shared by the corpus tests: where the corpus is, what kind a
//! diagram is, and labels normalised as `corpus_report.py` normalises them;
//! for the command-line tests, the binary, fixtures and scratch folders.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// First word of the first line that is not blank or a `%%` comment.
pub fn kind_of(text: &str) -> &str {
    for line in text.lines() {
        let t = line.trim();
        if !t.is_empty() && !t.starts_with("%%") {
            return t.split_whitespace().next().unwrap_or("");
        }
    }
    ""
}

/// Python's `html.unescape` for the entities that matter here.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let r = &rest[i..];
        let mut done = false;
        if let Some(num) = r.strip_prefix("&#") {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let n = digits.chars().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
            if n > 0 {
                if let Some(c) = u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 }).ok().and_then(char::from_u32) {
                    out.push(c);
                    let consumed = 2 + usize::from(hex) + n + usize::from(digits[n..].starts_with(';'));
                    rest = &r[consumed..];
                    done = true;
                }
            }
        }
        if !done {
            for (name, ch, legacy) in [("amp", '&', true), ("lt", '<', true), ("gt", '>', true), ("quot", '"', true), ("apos", '\'', false), ("nbsp", '\u{a0}', true)] {
                let body = &r[1..];
                if body.starts_with(name) {
                    let semi = body[name.len()..].starts_with(';');
                    if semi || legacy {
                        out.push(ch);
                        rest = &r[1 + name.len() + usize::from(semi)..];
                        done = true;
                        break;
                    }
                }
            }
        }
        if !done {
            out.push('&');
            rest = &r[1..];
        }
    }
    out.push_str(rest);
    out
}

/// `norm_label` of corpus_report.py.
pub fn norm_label(v: Option<&Value>) -> String {
    let s = match v {
        None | Some(Value::Null) => return String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let mut s = s.trim();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        s = &s[1..s.len() - 1];
    }
    // <br\s*/?> (case-insensitive) → \n
    let mut t = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        if b[i] == b'<' && s.len() >= i + 3 && s[i + 1..i + 3].eq_ignore_ascii_case("br") {
            let mut j = i + 3;
            while j < s.len() && (b[j] as char).is_whitespace() {
                j += 1;
            }
            if j < s.len() && b[j] == b'/' {
                j += 1;
            }
            if j < s.len() && b[j] == b'>' {
                t.push('\n');
                i = j + 1;
                continue;
            }
        }
        let c = s[i..].chars().next().unwrap();
        t.push(c);
        i += c.len_utf8();
    }
    let u = unescape(&t);
    u.split('\n').map(str::trim).collect::<Vec<_>>().join("\n").trim().to_string()
}

/// A field as a string (`null` and missing as empty).
pub fn s(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(o) => o.to_string(),
    }
}

/// The `atlas-render` binary built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_atlas-render"))
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// An empty scratch folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every corpus diagram whose first word is one of `kinds`, as (id, text), sorted by id.
pub fn corpus_diagrams(root: &Path, kinds: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("atlas")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "mmd") {
                let text = std::fs::read_to_string(&path).unwrap();
                if kinds.contains(&kind_of(&text)) {
                    let id = path.strip_prefix(root.join("atlas")).unwrap().with_extension("").to_string_lossy().replace('\\', "/");
                    out.push((id, text));
                }
            }
        }
    }
    out.sort();
    out
}

/// mermaid's verdict (rendered?) and viewBox width and height, per id.
pub fn verdict_table(root: &Path) -> std::collections::HashMap<String, (bool, f64, f64)> {
    let text = std::fs::read_to_string(root.join("atlas-mermaid/verdicts.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.first()?.to_string(), (*f.get(1)? == "ok", f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?)))
        })
        .collect()
}
