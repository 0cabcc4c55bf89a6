//! The sankey parser: mermaid-js's grammar over the tokens of [`super::lex`],
//! with recovery at line ends so that every bad line is reported, and a
//! tolerant reading of the lines mermaid refuses where what the author
//! meant is clear (see the module documentation of [`super`]).

use super::lex::{lex, Tok, Token};
use super::model::{LabelStyle, Link, LinkColor, NodeAlignment, Sankey, SankeyOptions};
use crate::diagnostics::{Diagnostic, Fix};
use crate::lex::is_js_space;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare_common};
use crate::planes::colour::css_colour;
use crate::diagrams::ParseOutcome;
use serde_json::Value;
use std::collections::HashMap;
use std::ops::Range;

/// Parses a sankey diagram.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare_common(text);
    let body = prepare_for_parsing(&prep.text);
    let tokens = lex(&body.text);
    let to_orig = |r: Range<usize>| prep.orig_span(body.prep_span(r));
    let mut diags = Vec::new();
    let mut sankey = Sankey { options: options(header, &mut diags), config: header.config.clone(), title: header.config.title.clone().filter(|t| !t.trim().is_empty()), ..Sankey::default() };
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut add_link = |sankey: &mut Sankey, source: &str, target: &str, value: f64, span: Range<usize>| {
        let mut node = |name: &str| {
            let name = display(name);
            *index.entry(name.clone()).or_insert_with(|| {
                sankey.nodes.push(name);
                sankey.nodes.len() - 1
            })
        };
        let (source, target) = (node(source), node(target));
        sankey.links.push(Link { source, target, value, span });
    };

    // The keyword, then a line break.
    if tokens[0].kind != Tok::Keyword {
        let end = body.text.find(|c: char| c.is_whitespace() || c == ',').unwrap_or(body.text.len());
        diags.push(
            Diagnostic::error("AR870", to_orig(0..end), format!("`{}` is not mermaid-js's sankey keyword", &body.text[..end]))
                .with_hint("start the diagram with `sankey-beta` (or `sankey`) alone on its line"),
        );
        return ParseOutcome { kind: DiagramKind::Sankey, diagram: None, diagnostics: diags };
    }
    let mut i = 1;
    let keyword_end = tokens[0].span.end;
    match tokens[i].kind {
        Tok::Newline => i += 1,
        Tok::Eof => {
            diags.push(
                Diagnostic::error("AR875", to_orig(tokens[0].span.clone()), "this sankey diagram has no links")
                    .with_hint("add one link per line after `sankey-beta`, as `source,target,value`"),
            );
        }
        _ => {
            let end = line_end(&tokens, i);
            let rest = &body.text[keyword_end..tokens[end].span.start];
            let span = to_orig(keyword_end..tokens[end].span.start);
            let d = if rest.chars().all(is_js_space) {
                Diagnostic::error("AR873", span.clone(), "blanks after `sankey-beta`: mermaid-js wants the line to end right after the keyword")
                    .with_hint("delete the blanks after the keyword")
                    .with_fix(Fix::replace(span, ""))
            } else {
                Diagnostic::error("AR873", span, format!("`{}` after the keyword: mermaid-js wants the links on the lines below it", rest.trim()))
                    .with_hint("start the links on the next line, one `source,target,value` per line")
            };
            diags.push(d);
            i = end;
            if tokens[i].kind == Tok::Newline {
                i += 1;
            }
        }
    }

    // Records, one a line (`csv : record csv_tail`, `csv_tail : NEWLINE csv`).
    while tokens[i].kind != Tok::Eof {
        let start = i;
        match record(&tokens, &mut i, &body.text) {
            Ok([source, target, value]) => {
                let span = to_orig(tokens[start].span.start..tokens[i - 1].span.end);
                let value = read_value(&value.0, to_orig(value.1.clone()), &mut diags);
                add_link(&mut sankey, &source.0, &target.0, value, span);
            }
            Err(at) => {
                let end = line_end(&tokens, at.max(start));
                let line = tokens[start].span.start..if end > start { tokens[end - 1].span.end } else { tokens[start].span.start };
                diags.push(record_error(&body.text, &tokens, start, at, line.clone(), &to_orig));
                if let Some((source, target, value)) = tolerant_line(&body.text[line.clone()]) {
                    add_link(&mut sankey, &source, &target, value, to_orig(line));
                } else if let Some(title) = title_line(&body.text[line]) {
                    sankey.title.get_or_insert(title);
                }
                i = end;
            }
        }
        if tokens[i].kind == Tok::Newline {
            i += 1;
        }
    }

    if diags.iter().all(|d| !d.is_error()) {
        if let Some(link) = first_cycle_link(&sankey) {
            let l = &sankey.links[link];
            diags.push(
                Diagnostic::error("AR874", l.span.clone(), format!("circular link: `{}` flows back to `{}`, which mermaid-js's sankey layout refuses", sankey.nodes[l.source], sankey.nodes[l.target]))
                    .with_hint("a sankey diagram flows one way: remove this link or give the returning flow a node of its own"),
            );
        }
    }
    // The drawing is of a flow one way: links that close a loop are left out.
    while let Some(link) = first_cycle_link(&sankey) {
        sankey.links.remove(link);
    }
    // Nothing to draw when every link was refused or left out.
    let diagram = (!sankey.links.is_empty()).then(|| Diagram::Sankey(sankey));
    ParseOutcome { kind: DiagramKind::Sankey, diagram, diagnostics: diags }
}

/// A name as the browser shows mermaid's drawing of it: mermaid's entity
/// codes (`#35;`) decoded.
fn display(name: &str) -> String {
    crate::text::markup::decode_entities(&decode_codes(name))
}

/// The text mermaid's sankey parser reads, and where each byte came from
/// in the preprocessed text.
pub struct ParserText {
    pub text: String,
    map: Vec<usize>,
}

impl ParserText {
    fn prep_span(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map[r.start.min(self.map.len() - 1)];
        let end = if r.end > r.start { self.map[(r.end - 1).min(self.map.len() - 1)] + 1 } else { start };
        start..end
    }
}

/// mermaid's `prepareTextForParsing`: blanks at the very start and end go
/// (its regexes have no `m` flag: only the text's own ends), runs of line
/// breaks become one (so empty lines vanish, lines of blanks stay), and
/// the text is trimmed.
pub fn prepare_for_parsing(prep: &str) -> ParserText {
    let mut text = String::with_capacity(prep.len());
    let mut map = Vec::with_capacity(prep.len() + 1);
    let mut chars = prep.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            while chars.peek().is_some_and(|&(_, n)| n == '\n' || n == '\r') {
                chars.next();
            }
            text.push('\n');
            map.push(at);
            continue;
        }
        let start = text.len();
        text.push(c);
        map.extend((0..c.len_utf8()).map(|k| at + k));
        debug_assert_eq!(map.len(), start + c.len_utf8());
    }
    // JavaScript's trim.
    let lead = text.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(text.len(), |(i, _)| i);
    let trail = text.char_indices().rev().find(|&(_, c)| !is_js_space(c)).map_or(lead, |(i, c)| i + c.len_utf8());
    let text = text[lead..trail.max(lead)].to_string();
    let mut map: Vec<usize> = map[lead..trail.max(lead)].to_vec();
    map.push(map.last().map_or(0, |&m| m + 1));
    ParserText { text, map }
}

/// One field's value (quotes undone, trimmed, as mermaid's action) and span.
type Field = (String, Range<usize>);

/// `field COMMA field COMMA field`, from token `*i`; on success `*i` is at
/// the token after the record (a NEWLINE or the EOF). On failure, the index
/// of the token mermaid's parser stops at.
fn record(tokens: &[Token], i: &mut usize, text: &str) -> Result<[Field; 3], usize> {
    let mut fields: Vec<Field> = Vec::with_capacity(3);
    for k in 0..3 {
        if k > 0 {
            if tokens[*i].kind != Tok::Comma {
                return Err(*i);
            }
            *i += 1;
        }
        fields.push(field(tokens, i, text)?);
    }
    if !matches!(tokens[*i].kind, Tok::Newline | Tok::Eof) {
        return Err(*i);
    }
    Ok(fields.try_into().expect("three fields"))
}

fn field(tokens: &[Token], i: &mut usize, text: &str) -> Result<Field, usize> {
    let t = &tokens[*i];
    match t.kind {
        Tok::NonEscapedText => {
            *i += 1;
            Ok((text[t.span.clone()].trim().replace("\"\"", "\""), t.span.clone()))
        }
        Tok::DQuote => {
            let inner = &tokens[*i + 1];
            if inner.kind != Tok::EscapedText {
                return Err(*i + 1);
            }
            if tokens[*i + 2].kind != Tok::DQuote {
                return Err(*i + 2);
            }
            let span = t.span.start..tokens[*i + 2].span.end;
            *i += 3;
            Ok((text[inner.span.clone()].trim().replace("\"\"", "\""), span))
        }
        _ => Err(*i),
    }
}

/// The first NEWLINE or EOF token at or after `from` (a line break inside
/// quotes is part of its field, not a line end).
fn line_end(tokens: &[Token], from: usize) -> usize {
    (from..tokens.len()).find(|&k| matches!(tokens[k].kind, Tok::Newline | Tok::Eof)).unwrap_or(tokens.len() - 1)
}

/// What is wrong with a record that stops at token `at`.
fn record_error(text: &str, tokens: &[Token], start: usize, at: usize, line: Range<usize>, to_orig: &dyn Fn(Range<usize>) -> Range<usize>) -> Diagnostic {
    let line_text = &text[line.clone()];
    let t = &tokens[at];
    let bad = &text[t.span.clone()];
    let line_span = to_orig(line.clone());
    if line_text.chars().all(is_js_space) {
        return Diagnostic::error("AR872", line_span.clone(), "a line of blanks: mermaid-js reads it as a link with one empty field and refuses it")
            .with_hint("delete the blanks (empty lines are fine)")
            .with_fix(Fix::replace(line_span, ""));
    }
    if t.kind == Tok::Foreign {
        let c = bad.chars().next().unwrap_or(' ');
        let (what, hint) = if c == '\t' {
            ("a tab".to_string(), "use spaces, or nothing, in place of the tab")
        } else if c.is_ascii_control() {
            (format!("the control character U+{:04X}", c as u32), "delete it")
        } else {
            (format!("`{c}`"), "spell the name in printable ASCII (`Cafe` for `Café`); quoting does not help")
        };
        return Diagnostic::error("AR871", to_orig(t.span.clone()), format!("{what} is not a character mermaid-js's sankey CSV reads: it reads printable ASCII only"))
            .with_hint(hint);
    }
    let trimmed = line_text.trim_start();
    if trimmed.contains("-->") || trimmed.contains("->") {
        return Diagnostic::error("AR870", line_span, "mermaid-js's sankey links are CSV, not arrows")
            .with_hint("write each link as `source,target,value`, e.g. `Budget,Compute,320`; quote a name holding a comma");
    }
    if let Some(rest) = title_line(line_text) {
        return Diagnostic::error("AR870", line_span, format!("a sankey diagram has no `title` line: mermaid-js reads `title {rest}` as a link and refuses it"))
            .with_hint("put the title in front matter: `---` / `title: ...` / `---` before `sankey-beta`");
    }
    let fields_before = tokens[start..at].iter().filter(|t| t.kind == Tok::Comma).count() + 1;
    let after = |k: Tok| at > start && tokens[at - 1].kind == k;
    let (message, hint) = match t.kind {
        Tok::Newline | Tok::Eof if after(Tok::Comma) => (format!("field {} is empty", fields_before), "a link is `source,target,value`: fill in the field (an empty name cannot be written)"),
        Tok::Comma if after(Tok::Comma) || at == start => (format!("field {fields_before} is empty"), "a link is `source,target,value`: fill in the field"),
        Tok::Newline | Tok::Eof => (format!("this line has {fields_before} field{}; a link has 3", if fields_before == 1 { "" } else { "s" }), "a link is `source,target,value`; quote a name holding a comma: `\"Network, CDN\",Edge,120`"),
        Tok::Comma => ("this line has more than 3 fields".to_string(), "a link is `source,target,value`; quote a name holding a comma: `\"Network, CDN\",Edge,120`"),
        Tok::DQuote if after(Tok::DQuote) => ("an empty quoted field (`\"\"`)".to_string(), "write the name between the quotes"),
        Tok::DQuote => ("a `\"` inside an unquoted field".to_string(), "quote the whole field and double the quote inside it: `\"a \"\"b\"\"\"`"),
        Tok::NonEscapedText => ("text after a closing quote".to_string(), "put the whole field in the quotes"),
        _ => ("mermaid-js cannot read this line".to_string(), "a link is `source,target,value`"),
    };
    Diagnostic::error("AR870", to_orig(t.span.clone()).start..line_span.end.max(to_orig(t.span.clone()).end), message).with_hint(hint)
}

/// `title ...`: the title, if the line is one.
fn title_line(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t.strip_prefix("title")?;
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then(|| rest.trim().to_string())
}

/// What the author meant by a line mermaid refuses, when that is clear: a
/// CSV record read leniently (tabs, other characters, blanks), or an arrow
/// `"A,$800M" --> "B,$320M"` whose target carries the amount.
fn tolerant_line(line: &str) -> Option<(String, String, f64)> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    if let Some((left, right)) = line.split_once("-->").or_else(|| line.split_once("->")) {
        let (source, _) = split_amount(&unquote(left.trim()));
        let (target, amount) = split_amount(&unquote(right.trim()));
        return Some((source, target, amount?)).filter(|(s, t, _)| !s.is_empty() && !t.is_empty());
    }
    let fields = lenient_fields(line);
    if fields.len() != 3 || fields[0].is_empty() || fields[1].is_empty() {
        return None;
    }
    let value = js_parse_float(&fields[2]).filter(|v| v.is_finite() && *v >= 0.0)?;
    Some((fields[0].clone(), fields[1].clone(), value))
}

/// `Name,$320M` → (`Name`, 320): the amount as written, its unit left
/// off; a name without an amount stays whole.
fn split_amount(s: &str) -> (String, Option<f64>) {
    if let Some((name, amount)) = s.rsplit_once(',') {
        let a = amount.trim().trim_start_matches(['$', '€', '£', '¥']);
        let digits = a.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
        if let Ok(v) = digits.trim().replace('_', "").parse::<f64>()
            && v.is_finite()
            && v >= 0.0
        {
            return (name.trim().to_string(), Some(v));
        }
    }
    (s.trim().to_string(), None)
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') { s[1..s.len() - 1].replace("\"\"", "\"") } else { s.to_string() }
}

/// CSV fields of a line: commas inside quotes kept, quotes undone, trimmed.
fn lenient_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    fields.push(cur.trim().to_string());
    fields
}

/// A link's value as mermaid reads it (`parseFloat`), warning where mermaid
/// would draw the diagram broken; those values count as 0 here.
fn read_value(text: &str, span: Range<usize>, diags: &mut Vec<Diagnostic>) -> f64 {
    match js_parse_float(text) {
        Some(v) if v.is_finite() && v >= 0.0 => v,
        Some(v) if v.is_finite() => {
            diags.push(
                Diagnostic::warning("AR877", span, format!("a negative value ({text}): mermaid-js draws the flow upside down, over its neighbours; drawn as 0 here"))
                    .with_hint("a sankey flow is an amount: write its size, and reverse the link for a flow the other way"),
            );
            0.0
        }
        _ => {
            diags.push(
                Diagnostic::warning("AR876", span, format!("`{text}` is not a number: mermaid-js reads it as NaN and draws the diagram broken; drawn as 0 here"))
                    .with_hint("write the value as a plain number such as `120` or `12.5`, without units or thousands separators"),
            );
            0.0
        }
    }
}

/// JavaScript's `parseFloat`: the longest prefix (after leading blanks)
/// that is a decimal literal or `Infinity`; `None` for NaN.
pub fn js_parse_float(s: &str) -> Option<f64> {
    let s = s.trim_start_matches(is_js_space);
    let b = s.as_bytes();
    let mut k = 0;
    if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
        k += 1;
    }
    if s[k..].starts_with("Infinity") {
        return Some(if b.first() == Some(&b'-') { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    let int_start = k;
    while k < b.len() && b[k].is_ascii_digit() {
        k += 1;
    }
    let mut digits = k - int_start;
    if k < b.len() && b[k] == b'.' {
        let frac_start = k + 1;
        let mut f = frac_start;
        while f < b.len() && b[f].is_ascii_digit() {
            f += 1;
        }
        if digits > 0 || f > frac_start {
            digits += f - frac_start;
            k = f;
        }
    }
    if digits == 0 {
        return None;
    }
    if k < b.len() && (b[k] == b'e' || b[k] == b'E') {
        let mut e = k + 1;
        if e < b.len() && (b[e] == b'+' || b[e] == b'-') {
            e += 1;
        }
        let exp_start = e;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        if e > exp_start {
            k = e;
        }
    }
    s[..k].parse::<f64>().ok()
}

/// A link that closes a loop (the first found, in the order written), if
/// any: d3-sankey refuses such graphs ("circular link").
pub fn first_cycle_link(s: &Sankey) -> Option<usize> {
    let n = s.nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, l) in s.links.iter().enumerate() {
        out[l.source].push(k);
    }
    // Iterative depth-first search; a link to a node on the stack closes a loop.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    let mut best: Option<usize> = None;
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&link) = out[node].get(*next) {
                *next += 1;
                let t = s.links[link].target;
                match mark[t] {
                    Mark::Open => best = Some(best.map_or(link, |b| b.min(link))),
                    Mark::New => {
                        mark[t] = Mark::Open;
                        stack.push((t, 0));
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    best
}

/// The `sankey` settings of the front matter and directives.
fn options(header: &Header, diags: &mut Vec<Diagnostic>) -> SankeyOptions {
    let mut o = SankeyOptions::default();
    let Some(Value::Object(map)) = header.setting(&["sankey"]) else { return o };
    let at = header.body_start..header.body_start;
    let mut bad = |key: &str, v: &Value, want: &str| {
        diags.push(Diagnostic::warning("AR011", at.clone(), format!("`sankey.{key}` should be {want}, not {v}: ignored")));
    };
    for (key, v) in map {
        let number = || match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().trim_end_matches("px").parse().ok(),
            _ => None,
        }
        .filter(|x: &f64| x.is_finite() && *x >= 0.0);
        match key.as_str() {
            "width" | "height" | "nodeWidth" | "nodePadding" => match number() {
                Some(x) => match key.as_str() {
                    "width" => o.width = x,
                    "height" => o.height = x,
                    "nodeWidth" => o.node_width = x,
                    _ => o.node_padding = x,
                },
                None => bad(key, v, "a number"),
            },
            "nodeAlignment" => match v.as_str().and_then(NodeAlignment::from_name) {
                Some(a) => o.node_alignment = a,
                None => bad(key, v, "one of justify, left, right, center"),
            },
            "linkColor" => match v.as_str() {
                Some("gradient") => o.link_color = LinkColor::Gradient,
                Some("source") => o.link_color = LinkColor::Source,
                Some("target") => o.link_color = LinkColor::Target,
                Some(c) => match css_colour(c) {
                    Some(c) => o.link_color = LinkColor::Fixed(c),
                    None => bad(key, v, "gradient, source, target or a colour"),
                },
                _ => bad(key, v, "gradient, source, target or a colour"),
            },
            "showValues" => match v.as_bool() {
                Some(b) => o.show_values = b,
                None => bad(key, v, "true or false"),
            },
            "prefix" | "suffix" => match v {
                Value::String(s) => *(if key == "prefix" { &mut o.prefix } else { &mut o.suffix }) = s.clone(),
                Value::Number(n) => *(if key == "prefix" { &mut o.prefix } else { &mut o.suffix }) = n.to_string(),
                _ => bad(key, v, "a string"),
            },
            "labelStyle" => match v.as_str() {
                Some("legacy") => o.label_style = LabelStyle::Legacy,
                Some("outlined") => o.label_style = LabelStyle::Outlined,
                _ => bad(key, v, "legacy or outlined"),
            },
            "nodeColors" => match v {
                Value::Object(colors) => {
                    for (name, c) in colors {
                        match c.as_str().and_then(css_colour) {
                            Some(c) => o.node_colors.push((display(name), c)),
                            None => bad(&format!("nodeColors.{name}"), c, "a colour"),
                        }
                    }
                }
                _ => bad(key, v, "a map from node name to colour"),
            },
            _ => {}
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::parse as parse_any;

    fn sankey(text: &str) -> (Option<Sankey>, Vec<Diagnostic>) {
        let o = parse_any(text);
        let s = match o.diagram {
            Some(Diagram::Sankey(s)) => Some(s),
            None => None,
            Some(other) => panic!("not a sankey: {other:?}"),
        };
        (s, o.diagnostics)
    }

    fn codes(text: &str) -> Vec<&'static str> {
        sankey(text).1.iter().filter(|d| d.is_error()).map(|d| d.code).collect()
    }

    #[test]
    fn reads_records_in_order() {
        let (s, d) = sankey("sankey-beta\n    a,b,10\n\n\n\"b, x\",c,5.5\n%% note\n\"He said \"\"hi\"\"\",a, 2 \n");
        assert!(d.is_empty(), "{d:?}");
        let s = s.unwrap();
        assert_eq!(s.nodes, ["a", "b", "b, x", "c", "He said \"hi\""]);
        let links: Vec<(usize, usize, f64)> = s.links.iter().map(|l| (l.source, l.target, l.value)).collect();
        assert_eq!(links, [(0, 1, 10.0), (2, 3, 5.5), (4, 0, 2.0)]);
    }

    #[test]
    fn verdicts_match_mermaids() {
        // Each of these was run through mermaid-js 11.17.2 (see the module docs).
        for ok in [
            "sankey\na,b,10\n",
            "sankey-beta\n\"a\nx\",b,10\n",
            "sankey-beta\na,b,abc\n",
            "sankey-beta\na,b,12abc\n",
            "sankey-beta\na,b,-5\nb,c,3\n",
            "sankey-beta\na,b,\"10\"\n",
            "sankey-beta\na;x,b,10\n",
            "sankey-beta\r\na,b,10\r\nb,c,5\r\n",
            "sankey-beta\n\n   \n%% c\na,b,1\n",
            "sankey-beta\na,b,1\n\u{a0}",
            "---\ntitle: Hello\n---\nsankey-beta\na,b,1\n",
        ] {
            assert!(parse_any(ok).is_valid(), "{ok:?}: {:?}", parse_any(ok).diagnostics);
        }
        for (bad, code) in [
            ("sankey-beta   \na,b,10\n", "AR873"),
            ("sankey-beta a,b,1\n", "AR873"),
            ("sankey-beta;\na,b,1\n", "AR873"),
            ("sankey-beta\na,b,10\n   \nb,c,5\n", "AR872"),
            ("sankey-beta\n\"\",b,10\n", "AR870"),
            ("sankey-beta\na,,10\n", "AR870"),
            ("sankey-beta\na,b,\n", "AR870"),
            ("sankey-beta\na,b,1,2\n", "AR870"),
            ("sankey-beta\na,b\n", "AR870"),
            ("sankey-beta\na,b,1\nb,a,1\n", "AR874"),
            ("sankey-beta\na,a,1\n", "AR874"),
            ("sankey-beta\na\t,b,1\n", "AR871"),
            ("sankey-beta\ncafé,b,1\n", "AR871"),
            ("sankey-beta\n\"café\",b,1\n", "AR871"),
            ("sankey-beta\nC#35;,b,10\n", "AR871"),
            ("sankey-beta\ntitle X\na,b,1\n", "AR870"),
            ("sankey-beta\n\"a\" --> \"b\"\n", "AR870"),
            ("sankey-beta\n", "AR875"),
            ("sankey-beta\na,b,10,\n", "AR870"),
            ("sankey-beta\na\"b,c,10\n", "AR870"),
            ("sankeyx\na,b,1\n", "AR870"),
            ("sankey-betas\na,b,1\n", "AR873"),
            ("sankey-beta\n\"a\"x,c,10\n", "AR870"),
        ] {
            assert_eq!(codes(bad).first().copied(), Some(code), "{bad:?}: {:?}", sankey(bad).1);
        }
    }

    #[test]
    fn every_bad_line_is_reported_and_the_rest_drawn() {
        let (s, d) = sankey("sankey-beta\ntitle Costs\na,,1\nb,c,2\n\"x,$800M\" --> \"y,$320M\"\nc,d,1\n");
        let lines: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert_eq!(lines, ["AR870", "AR870", "AR870"]);
        let s = s.unwrap();
        assert_eq!(s.title.as_deref(), Some("Costs"));
        assert_eq!(s.nodes, ["b", "c", "x", "y", "d"]);
        assert_eq!(s.links[1].value, 320.0);
    }

    #[test]
    fn values_mermaid_draws_broken_warn_and_count_as_zero() {
        let (s, d) = sankey("sankey-beta\na,b,abc\nb,c,-3\nc,d,1e3\n");
        assert_eq!(d.iter().map(|d| (d.code, d.is_error())).collect::<Vec<_>>(), [("AR876", false), ("AR877", false)]);
        let v: Vec<f64> = s.unwrap().links.iter().map(|l| l.value).collect();
        assert_eq!(v, [0.0, 0.0, 1000.0]);
    }

    #[test]
    fn loops_are_refused_and_left_out_of_the_drawing() {
        let (s, d) = sankey("sankey-beta\na,b,1\nb,c,1\nc,a,1\n");
        assert_eq!(d[0].code, "AR874");
        assert_eq!(s.unwrap().links.len(), 2);
    }

    #[test]
    fn blanks_have_fixes() {
        let text = "sankey-beta  \na,b,1\n   \nb,c,2\n";
        let (_, d) = sankey(text);
        let fixed = crate::diagnostics::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, "sankey-beta\na,b,1\n\nb,c,2\n");
        assert!(parse_any(&fixed).is_valid());
    }

    #[test]
    fn settings() {
        let (s, d) = sankey("%%{init: {'sankey': {'nodeAlignment': 'left', 'linkColor': '#a1a1a1', 'showValues': false, 'prefix': '$', 'width': 800, 'nodeColors': {'a': '#ff0000'}}}}%%\nsankey-beta\na,b,1\n");
        assert!(d.is_empty(), "{d:?}");
        let o = s.unwrap().options;
        assert_eq!(o.node_alignment, NodeAlignment::Left);
        assert_eq!(o.link_color, LinkColor::Fixed("#a1a1a1".into()));
        assert!(!o.show_values);
        assert_eq!((o.prefix.as_str(), o.width, o.height), ("$", 800.0, 400.0));
        assert_eq!(o.node_colors, [("a".to_string(), "#ff0000".to_string())]);
    }

    #[test]
    fn parse_float_is_javascripts() {
        assert_eq!(js_parse_float(" 12abc"), Some(12.0));
        assert_eq!(js_parse_float(".5"), Some(0.5));
        assert_eq!(js_parse_float("5."), Some(5.0));
        assert_eq!(js_parse_float("1e3x"), Some(1000.0));
        assert_eq!(js_parse_float("1e"), Some(1.0));
        assert_eq!(js_parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(js_parse_float("abc"), None);
        assert_eq!(js_parse_float("."), None);
        assert_eq!(js_parse_float("-"), None);
    }
}
