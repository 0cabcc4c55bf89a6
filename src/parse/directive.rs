//! What comes before (and around) a diagram's first keyword: `---` front
//! matter, `%%{init: ...}%%` directives and `%%` comments.
//!
//! - Front matter: `title:` and `config:`, read as a YAML subset (nested
//!   maps of scalars; lists and other YAML are skipped).
//! - Directives: `%%{init: {...}}%%` or `%%{initialize: ...}%%`, anywhere in
//!   the text, read as a JSON5 subset (single or double quotes, bare keys,
//!   trailing commas, comments). mermaid-js itself reads them as strict JSON
//!   after turning every `'` into `"`, and ignores a directive it cannot
//!   read; atlas-render applies it and warns (AR013).
//! - Later settings win: front matter, then directives in order.
//!
//! Settings read: `theme`, `flowchart.curve`, `flowchart.nodeSpacing`,
//! `flowchart.rankSpacing`, `themeVariables.fontSize`; the rest is ignored.
//! Nothing here fails a diagram: problems are warnings.
//!
//! | code  | cause |
//! |-------|-------|
//! | AR010 | a directive that cannot be read (ignored) |
//! | AR011 | an unknown theme or curve name, or a value of the wrong kind |
//! | AR012 | front matter that cannot be read (ignored) |
//! | AR013 | a directive mermaid-js would ignore (not strict JSON once `'` are `"`) |

use super::prep::{directive_spans, front_matter};
use crate::diagnostics::Diagnostic;
use crate::lex::directive::{unquote, JsonTok};
use crate::lex::is_js_space;
use crate::model::config::{Curve, DiagramConfig, ThemeName};
use logos::Logos;
use serde_json::{Map, Value};
use std::ops::Range;

/// The header of a diagram: its settings and where its body starts.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub config: DiagramConfig,
    /// Byte offset of the diagram keyword.
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Every setting of the front matter's `config:` and the directives,
    /// merged in order (later ones win), as read: for the kinds that read
    /// their own section (`sankey`, `quadrantChart`, `gitGraph`,
    /// `themeVariables`): an object (`Null` in a default header).
    pub settings: Value,
}

impl Header {
    /// The setting at `path` (`["sankey", "nodeAlignment"]`), if any.
    pub fn setting(&self, path: &[&str]) -> Option<&Value> {
        let mut v = &self.settings;
        for k in path {
            v = v.get(*k)?;
        }
        Some(v)
    }
}

/// Reads the settings of `text` and finds its first keyword.
pub fn read_header(text: &str) -> Header {
    let mut diagnostics = Vec::new();
    let mut settings = Value::Object(Map::new());
    let mut title = None;
    let mut body_from = 0;
    let mut source = 0..0;
    if let Some((body, end)) = front_matter(text) {
        body_from = end;
        source = 0..end;
        match read_yaml(&text[body.clone()]) {
            Ok(doc) => {
                if let Some(t) = doc.get("title").and_then(scalar_string) {
                    title = Some(t);
                }
                if let Some(c) = doc.get("config") {
                    merge(&mut settings, c);
                }
            }
            Err((line, msg)) => {
                let span = line_span(text, body.start, line);
                diagnostics.push(Diagnostic::warning("AR012", span, format!("front matter ignored: {msg}")).with_hint("front matter is YAML: `key: value`, nested by indentation"));
            }
        }
    } else if text.trim_start().starts_with("---") {
        let at = text.len() - text.trim_start().len();
        diagnostics.push(Diagnostic::warning("AR012", at..at + 3, "`---` starts front matter, but no closing `---` line follows").with_hint("close the front matter with a line holding only `---`"));
    }
    for span in directive_spans(&text[body_from..]) {
        let span = span.start + body_from..span.end + body_from;
        if read_directive(text, span.clone(), &mut settings, &mut diagnostics) {
            source = span;
        }
    }
    let config = to_config(&settings, title, source, &mut diagnostics);
    Header { config, body_start: body_start(text, body_from), diagnostics, settings }
}

/// The first offset after `from` that is not blank, a comment or a directive.
fn body_start(text: &str, from: usize) -> usize {
    let directives: Vec<Range<usize>> = directive_spans(&text[from..]).into_iter().map(|r| r.start + from..r.end + from).collect();
    let mut at = from;
    loop {
        let rest = &text[at..];
        let ws = rest.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(rest.len(), |(i, _)| i);
        at += ws;
        if at >= text.len() {
            return text.len();
        }
        if let Some(d) = directives.iter().find(|d| d.start == at) {
            at = d.end.max(at + 1);
            continue;
        }
        if text[at..].starts_with("%%") {
            at = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
            continue;
        }
        return at;
    }
}

fn line_span(text: &str, from: usize, line: usize) -> Range<usize> {
    let mut start = from;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(e) => start += e + 1,
            None => break,
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    start..end
}

/// One `%%{type: args}%%` directive; true when it set something.
fn read_directive(text: &str, span: Range<usize>, settings: &mut Value, diags: &mut Vec<Diagnostic>) -> bool {
    let raw = &text[span.clone()];
    let closed = raw.ends_with("}%%");
    let inner = raw.strip_prefix("%%{").unwrap_or(raw);
    let inner = inner.strip_suffix("}%%").unwrap_or(inner);
    let inner = inner.trim_start();
    let word_len = inner.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
    let kind = &inner[..word_len];
    if !closed {
        diags.push(Diagnostic::warning("AR010", span.start..span.start + 3, "this directive is never closed with `}%%`: mermaid-js reads the rest of the text as part of it").with_hint("end the directive with `}%%` on the same line"));
        return false;
    }
    if !matches!(kind, "init" | "initialize") {
        return false;
    }
    let rest = inner[word_len..].trim_start();
    let Some(args) = rest.strip_prefix(':') else { return false };
    match read_json5(args) {
        Ok(v) => {
            if !v.is_object() {
                diags.push(Diagnostic::warning("AR010", span.clone(), "the `init` directive's value is not an object: ignored"));
                return false;
            }
            if serde_json::from_str::<Value>(&args.replace('\'', "\"")).is_err() {
                diags.push(
                    Diagnostic::warning("AR013", span.clone(), "mermaid-js ignores this directive: it reads it as strict JSON (with `'` turned into `\"`), which this is not")
                        .with_hint("quote every key and drop trailing commas: %%{init: {'theme': 'dark'}}%%"),
                );
            }
            merge(settings, &v);
            true
        }
        Err(msg) => {
            diags.push(Diagnostic::warning("AR010", span.clone(), format!("directive ignored: {msg}")).with_hint("write it as %%{init: {'theme': 'dark', 'flowchart': {'curve': 'linear'}}}%%"));
            false
        }
    }
}

/// Deep merge: maps merge key by key, anything else replaces.
fn merge(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(k) {
                    Some(slot) if slot.is_object() && v.is_object() => merge(slot, v),
                    _ => {
                        a.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A number, or a string holding one (`"16px"`, `" 50 "`).
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().trim_end_matches("px").trim().parse().ok(),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite() && *x >= 0.0)
}

fn to_config(settings: &Value, title: Option<String>, at: Range<usize>, diags: &mut Vec<Diagnostic>) -> DiagramConfig {
    let mut c = DiagramConfig { title, ..DiagramConfig::default() };
    let get = |path: &[&str]| -> Option<&Value> {
        let mut v = settings;
        for k in path {
            v = v.get(*k)?;
        }
        Some(v)
    };
    if let Some(v) = get(&["theme"]) {
        match scalar_string(v).as_deref().and_then(ThemeName::from_name) {
            Some(t) => c.theme = t,
            None => diags.push(Diagnostic::warning("AR011", at.clone(), format!("unknown theme {v}: using the default theme")).with_hint("themes: default, base, dark, forest, neutral")),
        }
    }
    if let Some(v) = get(&["flowchart", "curve"]) {
        match scalar_string(v).as_deref().and_then(Curve::from_name) {
            Some(k) => c.curve = k,
            None => diags.push(
                Diagnostic::warning("AR011", at.clone(), format!("unknown curve {v}: using basis"))
                    .with_hint("curves: basis, linear, step, stepBefore, stepAfter, cardinal, catmullRom, monotoneX, monotoneY, natural, bumpX, bumpY"),
            ),
        }
    }
    for (path, slot) in [(["flowchart", "nodeSpacing"], &mut c.node_spacing), (["flowchart", "rankSpacing"], &mut c.rank_spacing), (["themeVariables", "fontSize"], &mut c.font_size)] {
        if let Some(v) = get(&path) {
            match number(v) {
                Some(n) => *slot = Some(n),
                None => diags.push(Diagnostic::warning("AR011", at.clone(), format!("`{}` should be a number, not {v}: ignored", path.join(".")))),
            }
        }
    }
    c
}

/// Reads a JSON5-ish value: `{ key: 'v', "k": 1, n: [1, 2,], }`.
pub fn read_json5(src: &str) -> Result<Value, String> {
    let toks: Vec<(JsonTok, &str)> = {
        let mut lex = JsonTok::lexer(src);
        let mut out = Vec::new();
        while let Some(t) = lex.next() {
            match t {
                Ok(t) => out.push((t, lex.slice())),
                Err(()) => return Err(format!("unexpected `{}`", lex.slice())),
            }
        }
        out
    };
    let mut i = 0;
    let v = json_value(&toks, &mut i, 0)?;
    if i < toks.len() {
        return Err(format!("unexpected `{}` after the value", toks[i].1));
    }
    Ok(v)
}

fn json_value(toks: &[(JsonTok, &str)], i: &mut usize, depth: usize) -> Result<Value, String> {
    if depth > 64 {
        return Err("nested too deeply".into());
    }
    let Some(&(t, s)) = toks.get(*i) else { return Err("the value ends too early".into()) };
    *i += 1;
    match t {
        JsonTok::LBrace => {
            let mut map = Map::new();
            loop {
                match toks.get(*i) {
                    Some((JsonTok::RBrace, _)) => {
                        *i += 1;
                        return Ok(Value::Object(map));
                    }
                    Some((JsonTok::Str, k)) | Some((JsonTok::Word, k)) => {
                        let key = if k.starts_with(['"', '\'']) { unquote(k) } else { k.to_string() };
                        *i += 1;
                        if !matches!(toks.get(*i), Some((JsonTok::Colon, _))) {
                            return Err(format!("`:` expected after key `{key}`"));
                        }
                        *i += 1;
                        let v = json_value(toks, i, depth + 1)?;
                        map.insert(key, v);
                        match toks.get(*i) {
                            Some((JsonTok::Comma, _)) => *i += 1,
                            Some((JsonTok::RBrace, _)) => {}
                            Some((_, x)) => return Err(format!("`,` or `}}` expected, found `{x}`")),
                            None => return Err("`}` missing".into()),
                        }
                    }
                    Some((_, x)) => return Err(format!("a key expected, found `{x}`")),
                    None => return Err("`}` missing".into()),
                }
            }
        }
        JsonTok::LBracket => {
            let mut arr = Vec::new();
            loop {
                if matches!(toks.get(*i), Some((JsonTok::RBracket, _))) {
                    *i += 1;
                    return Ok(Value::Array(arr));
                }
                arr.push(json_value(toks, i, depth + 1)?);
                match toks.get(*i) {
                    Some((JsonTok::Comma, _)) => *i += 1,
                    Some((JsonTok::RBracket, _)) => {}
                    Some((_, x)) => return Err(format!("`,` or `]` expected, found `{x}`")),
                    None => return Err("`]` missing".into()),
                }
            }
        }
        JsonTok::Str => Ok(Value::String(unquote(s))),
        JsonTok::Number => Ok(s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)),
        JsonTok::Word => Ok(match s {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            other => Value::String(other.to_string()),
        }),
        _ => Err(format!("unexpected `{s}`")),
    }
}

/// Reads a YAML subset: nested maps by indentation, scalars (plain or
/// quoted), `#` comments. List items and flow collections are skipped.
/// Errors carry the 0-based line within `src`.
pub fn read_yaml(src: &str) -> Result<Value, (usize, String)> {
    // stack of (indent, map path)
    let mut root = Map::new();
    let mut stack: Vec<(usize, Vec<String>)> = vec![(0, Vec::new())];
    for (n, raw) in src.lines().enumerate() {
        let line = strip_yaml_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.starts_with("- ") || body == "-" {
            continue; // lists: not needed
        }
        let Some((key, value)) = split_key(body) else {
            return Err((n, format!("`{}` is not a `key: value` line", body.chars().take(40).collect::<String>())));
        };
        while stack.len() > 1 && indent <= stack.last().unwrap().0 {
            stack.pop();
        }
        let path = stack.last().unwrap().1.clone();
        let map = path_map(&mut root, &path);
        let value = value.trim();
        if value.is_empty() {
            map.insert(key.clone(), Value::Object(Map::new()));
            let mut p = path.clone();
            p.push(key);
            stack.push((indent + 1, p));
            // children must be more indented than this key
            stack.last_mut().unwrap().0 = indent;
        } else {
            map.insert(key, yaml_scalar(value));
        }
    }
    Ok(Value::Object(root))
}

fn path_map<'a>(root: &'a mut Map<String, Value>, path: &[String]) -> &'a mut Map<String, Value> {
    let mut m = root;
    for k in path {
        let slot = m.entry(k.clone()).or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        m = slot.as_object_mut().unwrap();
    }
    m
}

fn strip_yaml_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i == 0 || line[..i].ends_with(char::is_whitespace) => return &line[..i],
            _ => {}
        }
    }
    line
}

fn split_key(body: &str) -> Option<(String, &str)> {
    if body.starts_with(['"', '\'']) {
        let q = body.chars().next().unwrap();
        let end = body[1..].find(q)? + 1;
        let key = body[1..end].to_string();
        let rest = body[end + 1..].trim_start().strip_prefix(':')?;
        return Some((key, rest));
    }
    let colon = body.find(": ").or_else(|| body.strip_suffix(':').map(|b| b.len()))?;
    let key = body[..colon].trim();
    if key.is_empty() {
        return None;
    }
    Some((key.to_string(), &body[colon + 1..]))
}

fn yaml_scalar(v: &str) -> Value {
    if (v.starts_with('"') && v.ends_with('"') && v.len() >= 2) || (v.starts_with('\'') && v.ends_with('\'') && v.len() >= 2) {
        return Value::String(v[1..v.len() - 1].to_string());
    }
    if v.starts_with('{') || v.starts_with('[') {
        if let Ok(j) = read_json5(v) {
            return j;
        }
    }
    match v {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        "null" | "~" => return Value::Null,
        _ => {}
    }
    if let Ok(n) = v.parse::<f64>() {
        if let Some(n) = serde_json::Number::from_f64(n) {
            return Value::Number(n);
        }
    }
    Value::String(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_directive_with_single_quotes() {
        let h = read_header("%%{init: {'theme':'base', 'themeVariables': { 'fontSize': '16px'}}}%%\ngraph TD\nA-->B");
        assert_eq!(h.config.theme, ThemeName::Base);
        assert_eq!(h.config.font_size, Some(16.0));
        assert!(h.diagnostics.is_empty(), "{:?}", h.diagnostics);
        assert_eq!(&"%%{init: {'theme':'base', 'themeVariables': { 'fontSize': '16px'}}}%%\ngraph TD\nA-->B"[h.body_start..h.body_start + 5], "graph");
    }

    #[test]
    fn flowchart_settings_and_initialize() {
        let h = read_header("%%{initialize: {\"flowchart\": {\"curve\": \"linear\", \"nodeSpacing\": 30, \"rankSpacing\": \"80\"}}}%%\nflowchart LR");
        assert_eq!(h.config.curve, Curve::Linear);
        assert_eq!(h.config.node_spacing, Some(30.0));
        assert_eq!(h.config.rank_spacing, Some(80.0));
    }

    #[test]
    fn front_matter_title_and_config() {
        let src = "---\ntitle: My chart\nconfig:\n  theme: dark # night\n  flowchart:\n    curve: stepAfter\n    nodeSpacing: 20\n---\n%% a comment\ngraph TD\n";
        let h = read_header(src);
        assert_eq!(h.config.title.as_deref(), Some("My chart"));
        assert_eq!(h.config.theme, ThemeName::Dark);
        assert_eq!(h.config.curve, Curve::StepAfter);
        assert_eq!(h.config.node_spacing, Some(20.0));
        assert_eq!(&src[h.body_start..h.body_start + 5], "graph");
        assert_eq!(h.setting(&["flowchart", "nodeSpacing"]).and_then(Value::as_f64), Some(20.0));
        assert!(h.setting(&["sankey"]).is_none());
    }

    #[test]
    fn directives_override_front_matter_and_later_ones_win() {
        let src = "---\nconfig:\n  theme: dark\n---\n%%{init: {'theme': 'forest'}}%%\ngraph TD\nA\n%%{init: {'theme': 'neutral'}}%%\n";
        assert_eq!(read_header(src).config.theme, ThemeName::Neutral);
    }

    #[test]
    fn bad_directives_are_warnings() {
        let h = read_header("%%{init: {'theme': }}%%\ngraph TD\nA");
        assert_eq!(h.diagnostics.len(), 1);
        assert_eq!(h.diagnostics[0].code, "AR010");
        assert!(!h.diagnostics[0].is_error());
        let h = read_header("%%{init: {theme: 'dark',}}%%\ngraph TD");
        assert_eq!(h.config.theme, ThemeName::Dark);
        assert_eq!(h.diagnostics[0].code, "AR013");
        let h = read_header("%%{init: {'theme': 'sepia', 'flowchart': {'curve': 'wiggly'}}}%%\ngraph TD");
        assert_eq!(h.diagnostics.iter().filter(|d| d.code == "AR011").count(), 2);
        let h = read_header("---\n: bad\n---\ngraph TD");
        assert_eq!(h.diagnostics[0].code, "AR012");
    }

    #[test]
    fn odd_inputs_do_not_fail() {
        for src in ["", "%%{", "%%{init", "%%{init: {", "---", "---\n---\n", "%%{init: ['a', 1, true, null]}%%", "\u{feff}graph TD"] {
            let _ = read_header(src);
        }
    }
}
