//! XY charts, as mermaid-js 11's `xychart` jison grammar reads them:
//!
//! ```text
//! xychart-beta [horizontal|vertical]
//!   title "..."                      (or unquoted words, run together)
//!   x-axis ["title"] [a, b, "c d"]   (or `x-axis ["title"] min --> max`)
//!   y-axis ["title"] [min --> max]
//!   bar ["title"] [1, 2.5, -3]
//!   line ["title"] [1, 2, 3]
//!   accTitle: ...   accDescr: ...   %% comments   `;` ends a statement
//! ```
//!
//! The lexer mirrors mermaid's, rule for rule and in the same order, so its
//! quirks carry over: unquoted words are glued together without their
//! spaces (`[Office 365]` reads as `Office365`), only letters, digits and
//! `& + = * . # - _` may appear unquoted, and a word that starts with a
//! keyword (`Barcelona`, `Linear`, `Titles`, `Horizontal`) is read as that
//! keyword. The model is built as mermaid's db builds it: a y range from the
//! data when none is given, an x range `1 --> n` when no x axis is given.
//!
//! Errors still build the model the author meant (unknown characters are
//! kept in the text, keyword-words read as words), so the chart can be drawn
//! tolerantly.
//!
//! | code  | cause |
//! |-------|-------|
//! | AR700 | a character mermaid's lexer refuses (unquoted `( ) / % $ ' ! ? ...`); `--fix` quotes the text |
//! | AR701 | a statement mermaid's grammar cannot read |
//! | AR702 | a word that starts with a keyword (`bar`, `line`, `title`, `vertical`, `horizontal`, `xychart`) inside unquoted text; `--fix` quotes the text |
//! | AR703 | a chart with no `bar` or `line` series (mermaid-js: "No Plot to render") |
//! | AR704 | a series with more or fewer values than the x axis has categories (warning) |

use crate::parse::directive::Header;
use crate::parse::prep::{prepare, Prepared};
use crate::diagrams::ParseOutcome;
use crate::diagnostics::{Diagnostic, Fix};
use super::model::{Series, SeriesKind, XAxis, XyChart, YAxis};
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Initial,
    AccTitle,
    AccDescr,
    AccDescrMulti,
    AxisData,
    AxisBandData,
    Data,
    DataInner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Newline,
    Semi,
    Eof,
    Title,
    AccTitleValue,
    AccDescrValue,
    XyChart,
    Orientation,
    XAxis,
    YAxis,
    Line,
    Bar,
    SqStart,
    SqEnd,
    Arrow,
    Number,
    Str,
    /// AMP NUM ALPHA PLUS EQUALS MULT DOT BRKT MINUS UNDERSCORE (and, when
    /// tolerant, a character mermaid refuses).
    Word,
    Colon,
    Comma,
}

#[derive(Debug, Clone)]
struct Tok {
    t: T,
    text: String,
    span: Range<usize>,
    /// The diagnostic (index) a refused character or keyword-word raised.
    bad: Option<usize>,
}

fn is_keyword_start(s: &str, kw: &str) -> bool {
    s.len() >= kw.len() && s.is_char_boundary(kw.len()) && s[..kw.len()].eq_ignore_ascii_case(kw)
}

/// Mermaid's lexer over the prepared text; lexical errors are diagnostics
/// (with the character kept as a word, for the tolerant reading).
fn lex(p: &Prepared, diags: &mut Vec<Diagnostic>) -> Vec<Tok> {
    let s = p.text.as_str();
    let mut stack = vec![State::Initial];
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    let span = |r: Range<usize>| p.orig_span(r);
    while i < s.len() {
        let st = *stack.last().unwrap();
        let rest = &s[i..];
        let push = |toks: &mut Vec<Tok>, t: T, text: &str, r: Range<usize>| toks.push(Tok { t, text: text.to_string(), span: r, bad: None });
        let line_end = rest.find('\n').unwrap_or(rest.len());
        match st {
            State::AccTitle | State::AccDescr => {
                let v = &rest[..line_end];
                push(&mut toks, if st == State::AccTitle { T::AccTitleValue } else { T::AccDescrValue }, v.trim(), i..i + line_end);
                stack.pop();
                i += line_end;
                continue;
            }
            State::AccDescrMulti => {
                let end = rest.find('}').unwrap_or(rest.len());
                push(&mut toks, T::AccDescrValue, rest[..end].trim(), i..i + end);
                stack.pop();
                i += (end + 1).min(rest.len());
                continue;
            }
            _ => {}
        }
        let inclusive = |states: &[State]| states.contains(&st);
        let c = rest.chars().next().unwrap();
        // comments (prepare() has cut most of them)
        if rest.starts_with("%%") {
            i += line_end;
            continue;
        }
        // (a line break before a comment is a line break: skipping to the end
        // of its own line would not move at all)
        if c != '}' && c != '\n' && c != '\r' && rest[c.len_utf8()..].starts_with("%%") {
            i += line_end;
            continue;
        }
        if c == '\n' || c == '\r' {
            if inclusive(&[State::AxisData, State::Data]) {
                let n = if rest.starts_with("\r\n") { 2 } else { 1 };
                stack.pop();
                push(&mut toks, T::Newline, "\n", i..i + n);
                i += n;
            } else {
                let n = rest.len() - rest.trim_start_matches(['\n', '\r']).len();
                push(&mut toks, T::Newline, "\n", i..i + n);
                i += n;
            }
            continue;
        }
        // keywords; a keyword at the start of a word in unquoted text is
        // what mermaid reads too, but we report it and keep the word.
        let word_len = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
        let kw_in_text = |toks: &[Tok]| {
            st == State::AxisBandData || st == State::DataInner || toks.last().is_some_and(|t| t.t == T::Title)
        };
        let keyword = if is_keyword_start(rest, "title") {
            Some((T::Title, 5))
        } else if is_keyword_start(rest, "xychart-beta") {
            Some((T::XyChart, 12))
        } else if is_keyword_start(rest, "xychart") {
            Some((T::XyChart, 7))
        } else if is_keyword_start(rest, "vertical") {
            Some((T::Orientation, 8))
        } else if is_keyword_start(rest, "horizontal") {
            Some((T::Orientation, 10))
        } else if is_keyword_start(rest, "x-axis") {
            Some((T::XAxis, 6))
        } else if is_keyword_start(rest, "y-axis") {
            Some((T::YAxis, 6))
        } else if is_keyword_start(rest, "line") {
            Some((T::Line, 4))
        } else if is_keyword_start(rest, "bar") {
            Some((T::Bar, 3))
        } else {
            None
        };
        // accTitle / accDescr come before the other keywords in mermaid's
        // lexer; "title" does not match them (they start with "acc").
        if let Some(after) = rest.strip_prefix("accTitle").or_else(|| rest.strip_prefix("accDescr")) {
            let is_title = rest.starts_with("accTitle");
            let trimmed = after.trim_start();
            if let Some(v) = trimmed.strip_prefix(':') {
                let v2 = v.trim_start();
                i += rest.len() - v2.len();
                stack.push(if is_title { State::AccTitle } else { State::AccDescr });
                continue;
            }
            if !is_title && let Some(v) = trimmed.strip_prefix('{') {
                let v2 = v.trim_start();
                i += rest.len() - v2.len();
                stack.push(State::AccDescrMulti);
                continue;
            }
        }
        if let Some((t, n)) = keyword {
            if kw_in_text(&toks) && t != T::XAxis && t != T::YAxis {
                let kw = &rest[..n];
                let n = word_len.max(n);
                diags.push(
                    Diagnostic::error("AR702", span(i..i + n), format!("mermaid-js reads the start of `{}` as the keyword `{kw}`", &rest[..n]))
                        .with_hint("put the text in double quotes, e.g. `\"Barcelona\"`"),
                );
                push(&mut toks, T::Word, &rest[..n], i..i + n);
                toks.last_mut().unwrap().bad = Some(diags.len() - 1);
                i += n;
                continue;
            }
            match t {
                T::XAxis | T::YAxis => stack.push(State::AxisData),
                T::Line | T::Bar => stack.push(State::Data),
                _ => {}
            }
            push(&mut toks, t, &rest[..n], i..i + n);
            i += n;
            continue;
        }
        if st == State::AxisData && c == '[' {
            stack.push(State::AxisBandData);
            push(&mut toks, T::SqStart, "[", i..i + 1);
            i += 1;
            continue;
        }
        if st == State::AxisData && rest.starts_with("-->") {
            push(&mut toks, T::Arrow, "-->", i..i + 3);
            i += 3;
            continue;
        }
        if st == State::Data && c == '[' {
            stack.push(State::DataInner);
            push(&mut toks, T::SqStart, "[", i..i + 1);
            i += 1;
            continue;
        }
        if inclusive(&[State::AxisData, State::DataInner]) && let Some(n) = number_len(rest) {
            push(&mut toks, T::Number, &rest[..n], i..i + n);
            i += n;
            continue;
        }
        if inclusive(&[State::DataInner, State::AxisBandData]) && c == ']' {
            stack.pop();
            push(&mut toks, T::SqEnd, "]", i..i + 1);
            i += 1;
            continue;
        }
        if c == '"' {
            // "`...`" is a markdown string; plain strings run to the next quote.
            let body = &rest[1..];
            let (start, end_rel) = if let Some(md) = body.strip_prefix('`') {
                (2, md.find("`\"").map(|e| e + 2))
            } else {
                (1, body.find('"').map(|e| e + 1))
            };
            match end_rel {
                Some(end) => {
                    // `end` is where the closing `"` (or `` ` ``) starts
                    let text = &rest[start..end];
                    let close = if start == 2 { end + 2 } else { end + 1 };
                    push(&mut toks, T::Str, text, i..i + close);
                    i += close;
                }
                None => {
                    diags.push(
                        Diagnostic::error("AR701", span(i..i + line_end), "this quoted text has no closing `\"`").with_hint("close the text with a double quote"),
                    );
                    push(&mut toks, T::Str, rest[1..line_end].trim_end(), i..i + line_end);
                    i += line_end;
                }
            }
            continue;
        }
        let single = match c {
            '[' => Some(T::SqStart),
            ']' => Some(T::SqEnd),
            ':' => Some(T::Colon),
            ',' => Some(T::Comma),
            ';' => Some(T::Semi),
            '+' | '=' | '*' | '#' | '_' | '.' | '&' | '-' => Some(T::Word),
            _ => None,
        };
        if let Some(t) = single {
            push(&mut toks, t, &rest[..1], i..i + 1);
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic() || c.is_ascii_digit() {
            let n = rest.len() - rest.trim_start_matches(|x: char| if c.is_ascii_digit() { x.is_ascii_digit() } else { x.is_ascii_alphabetic() }).len();
            push(&mut toks, T::Word, &rest[..n], i..i + n);
            i += n;
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        diags.push(
            Diagnostic::error("AR700", span(i..i + c.len_utf8()), format!("mermaid-js's xychart lexer does not accept `{c}` outside double quotes"))
                .with_hint("put labels and titles with punctuation in double quotes, e.g. `\"MTTR (min)\"`"),
        );
        push(&mut toks, T::Word, &rest[..c.len_utf8()], i..i + c.len_utf8());
        toks.last_mut().unwrap().bad = Some(diags.len() - 1);
        i += c.len_utf8();
    }
    toks.push(Tok { t: T::Eof, text: String::new(), span: s.len()..s.len(), bad: None });
    toks
}

/// `[+-]?(\d+(\.\d+)?|\.\d+)`: its length at the start of `s`.
fn number_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d = digits(i);
    if d > 0 {
        i += d;
        if b.get(i) == Some(&b'.') {
            let f = digits(i + 1);
            if f > 0 {
                i += 1 + f;
            }
        }
        Some(i)
    } else if b.get(i) == Some(&b'.') && digits(i + 1) > 0 {
        Some(i + 1 + digits(i + 1))
    } else {
        None
    }
}

struct Parser<'a> {
    /// The original text, for fixes.
    source: &'a str,
    toks: Vec<Tok>,
    at: usize,
    prep: &'a Prepared,
    diags: Vec<Diagnostic>,
    chart: XyChart,
    has_x: bool,
    has_y: bool,
}

fn is_eol(t: T) -> bool {
    matches!(t, T::Newline | T::Semi | T::Eof)
}

fn describe(t: &Tok) -> String {
    match t.t {
        T::Newline => "the end of the line".into(),
        T::Eof => "the end of the text".into(),
        T::Str => format!("\"{}\"", t.text),
        _ => format!("`{}`", t.text),
    }
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        &self.toks[self.at.min(self.toks.len() - 1)]
    }

    fn bump(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.at < self.toks.len() - 1 {
            self.at += 1;
        }
        t
    }

    fn error(&mut self, msg: String, hint: &str) {
        let t = self.peek().clone();
        let span = self.prep.orig_span(t.span.clone());
        self.diags.push(Diagnostic::error("AR701", span, msg).with_hint(hint));
    }

    /// Skips to the end of the statement after an error.
    fn recover(&mut self) {
        while !is_eol(self.peek().t) {
            self.bump();
        }
    }

    /// `text`: one quoted string, or a run of unquoted word tokens glued together.
    fn text(&mut self) -> Option<String> {
        match self.peek().t {
            T::Str => Some(self.bump().text),
            T::Word => {
                let mut s = String::new();
                let start = self.peek().span.start;
                let mut end = start;
                let mut bad = None;
                while self.peek().t == T::Word {
                    let t = self.bump();
                    bad = bad.or(t.bad);
                    end = t.span.end;
                    s.push_str(&t.text);
                }
                // `--fix`: the whole unquoted text in double quotes, as written.
                if let Some(i) = bad {
                    let o = self.prep.orig_span(start..end);
                    let written = &self.source[o.clone()];
                    if !written.contains('"') && self.diags[i].fix.is_none() {
                        self.diags[i] = self.diags[i].clone().with_fix(Fix::replace(o, format!("\"{written}\"")));
                    }
                }
                Some(s)
            }
            _ => None,
        }
    }

    fn statement(&mut self) {
        let t = self.bump();
        match t.t {
            T::Title => match self.text() {
                Some(s) => self.chart.title = Some(s.trim().to_string()),
                None => self.error(format!("mermaid-js expects the title's text here, not {}", describe(self.peek())), "write `title \"Chart title\"`"),
            },
            T::AccTitleValue => self.chart.acc_title = Some(t.text),
            T::AccDescrValue => self.chart.acc_descr = Some(t.text),
            T::XAxis => self.x_axis(),
            T::YAxis => self.y_axis(),
            T::Line | T::Bar => self.series(if t.t == T::Bar { SeriesKind::Bar } else { SeriesKind::Line }),
            _ => {
                self.at -= 1;
                let hint = "statements are `title`, `x-axis`, `y-axis`, `bar [..]`, `line [..]`, `accTitle:` and `accDescr:`";
                self.error(format!("mermaid-js cannot read {} here", describe(self.peek())), hint);
                self.bump();
            }
        }
    }

    fn range(&mut self) -> Option<(f64, f64)> {
        if self.peek().t != T::Number {
            return None;
        }
        let a = self.bump().text.parse::<f64>().unwrap_or(0.0);
        if self.peek().t != T::Arrow {
            self.error(format!("mermaid-js expects `-->` here, not {}", describe(self.peek())), "write an axis range as `min --> max`, e.g. `0 --> 100`");
            return Some((a, a));
        }
        self.bump();
        if self.peek().t != T::Number {
            self.error(format!("mermaid-js expects the range's maximum here, not {}", describe(self.peek())), "write an axis range as `min --> max`, e.g. `0 --> 100`");
            return Some((a, a));
        }
        let b = self.bump().text.parse::<f64>().unwrap_or(0.0);
        Some((a, b))
    }

    fn x_axis(&mut self) {
        let title = self.text();
        let hint = "write `x-axis \"title\" [a, b, \"c d\"]` or `x-axis \"title\" min --> max`";
        let t = title.clone().unwrap_or_default().trim().to_string();
        if self.peek().t == T::SqStart {
            self.bump();
            let mut cats = Vec::new();
            loop {
                match self.text() {
                    Some(c) => cats.push(c.trim().to_string()),
                    None => {
                        self.error(format!("mermaid-js expects a category here, not {}", describe(self.peek())), "categories are words or quoted text separated by commas");
                        break;
                    }
                }
                match self.peek().t {
                    T::Comma => {
                        self.bump();
                    }
                    T::SqEnd => {
                        self.bump();
                        break;
                    }
                    _ => {
                        self.error(format!("mermaid-js expects `,` or `]` here, not {}", describe(self.peek())), "separate categories with commas and close the list with `]`");
                        break;
                    }
                }
            }
            self.chart.x_axis = XAxis::Band { title: t, categories: cats };
            self.has_x = true;
        } else if let Some((min, max)) = self.range() {
            self.chart.x_axis = XAxis::Linear { title: t, min, max };
            self.has_x = true;
        } else if title.is_some() {
            set_x_title(&mut self.chart.x_axis, t);
        } else {
            self.error(format!("mermaid-js cannot read {} after `x-axis`", describe(self.peek())), hint);
        }
        if !is_eol(self.peek().t) && !self.diags.iter().any(|d| d.is_error()) {
            self.error(format!("mermaid-js cannot read {} after the x axis", describe(self.peek())), hint);
        }
    }

    fn y_axis(&mut self) {
        let title = self.text();
        let t = title.clone().unwrap_or_default().trim().to_string();
        if let Some((min, max)) = self.range() {
            self.chart.y_axis = YAxis { title: t, min, max };
            self.has_y = true;
        } else if title.is_some() {
            self.chart.y_axis.title = t;
        } else {
            self.error(format!("mermaid-js cannot read {} after `y-axis`", describe(self.peek())), "write `y-axis \"title\" min --> max` or `y-axis \"title\"`");
        }
    }

    fn series(&mut self, kind: SeriesKind) {
        let title = self.text().unwrap_or_default();
        let hint = "write the values as numbers in brackets, e.g. `bar [1, 2.5, -3]`";
        if self.peek().t != T::SqStart {
            self.error(format!("mermaid-js expects `[` and the values here, not {}", describe(self.peek())), hint);
            return;
        }
        self.bump();
        let mut values = Vec::new();
        loop {
            if self.peek().t != T::Number {
                let msg = format!("mermaid-js expects a number here, not {}", describe(self.peek()));
                self.error(msg, hint);
                break;
            }
            values.push(self.bump().text.parse::<f64>().unwrap_or(0.0));
            match self.peek().t {
                T::Comma => {
                    self.bump();
                }
                T::SqEnd => {
                    self.bump();
                    break;
                }
                _ => {
                    self.error(format!("mermaid-js expects `,` or `]` here, not {}", describe(self.peek())), hint);
                    break;
                }
            }
        }
        if values.is_empty() {
            return;
        }
        self.add_series(kind, title.trim().to_string(), values);
    }

    /// mermaid's `transformDataWithoutCategory` and plot bookkeeping.
    fn add_series(&mut self, kind: SeriesKind, title: String, values: Vec<f64>) {
        if !self.has_x {
            let (pmin, pmax) = match &self.chart.x_axis {
                XAxis::Linear { min, max, .. } => (*min, *max),
                XAxis::Band { .. } => (f64::INFINITY, f64::NEG_INFINITY),
            };
            let title = self.chart.x_axis.title().to_string();
            self.chart.x_axis = XAxis::Linear { title, min: pmin.min(1.0), max: pmax.max(values.len() as f64) };
        }
        if !self.has_y {
            let lo = values.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            self.chart.y_axis.min = self.chart.y_axis.min.min(lo);
            self.chart.y_axis.max = self.chart.y_axis.max.max(hi);
        }
        let categories: Vec<String> = match &self.chart.x_axis {
            XAxis::Band { categories, .. } => categories.clone(),
            XAxis::Linear { min, max, .. } => {
                let step = (max - min + 1.0) / values.len() as f64;
                let mut v = Vec::new();
                let mut x = *min;
                while x <= *max && step > 0.0 && v.len() < 10_000 {
                    v.push(super::model::js_number(x));
                    x += step;
                }
                v
            }
        };
        let points = categories.iter().enumerate().map(|(i, c)| (c.clone(), values.get(i).copied())).collect();
        let color = self.chart.series.len();
        self.chart.series.push(Series { kind, title, values, points, color });
    }
}

fn set_x_title(x: &mut XAxis, t: String) {
    match x {
        XAxis::Band { title, .. } | XAxis::Linear { title, .. } => *title = t,
    }
}

/// Parses an XY chart.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let mut diags = Vec::new();
    let toks = lex(&prep, &mut diags);
    let mut p = Parser { source: text, toks, at: 0, prep: &prep, diags, chart: XyChart { config: header.config.clone(), ..XyChart::default() }, has_x: false, has_y: false };
    // start: eol* (XYCHART chartConfig?)+ document
    let mut seen_header = false;
    loop {
        match p.peek().t {
            T::Newline | T::Semi => {
                p.bump();
            }
            T::XyChart => {
                p.bump();
                seen_header = true;
                if p.peek().t == T::Orientation {
                    p.chart.horizontal = p.bump().text.eq_ignore_ascii_case("horizontal");
                }
            }
            _ => break,
        }
    }
    if !seen_header {
        p.error("this is not an xychart".into(), "start with `xychart-beta`");
    }
    while p.peek().t != T::Eof {
        if is_eol(p.peek().t) {
            p.bump();
            continue;
        }
        let before = p.diags.len();
        p.statement();
        if p.diags.len() > before {
            p.recover();
        }
    }
    if p.chart.title.is_none() {
        p.chart.title = header.config.title.clone().filter(|t| !t.trim().is_empty());
    }
    let mut chart = p.chart;
    let mut all = p.diags;
    // mermaid reports the first error only; keep them in text order.
    all.sort_by_key(|d| d.span.start);
    if chart.series.is_empty() && !all.iter().any(Diagnostic::is_error) {
        let at = header.body_start;
        all.push(
            Diagnostic::error("AR703", at..(at + 12).min(text.len()), "this chart has no data: mermaid-js draws nothing without a `bar` or `line` series")
                .with_hint("add a series such as `bar [10, 20, 30]` or `line [1, 2, 3]`"),
        );
    }
    if let XAxis::Band { categories, .. } = &chart.x_axis {
        for s in &chart.series {
            if s.values.len() != categories.len() {
                all.push(
                    Diagnostic::warning(
                        "AR704",
                        header.body_start..header.body_start,
                        format!("a {} series has {} values for {} categories; mermaid-js {}", if s.kind == SeriesKind::Bar { "bar" } else { "line" }, s.values.len(), categories.len(), if s.values.len() > categories.len() { "drops the extra values" } else { "leaves the last categories empty" }),
                    )
                    .with_hint("give one value per x-axis category"),
                );
            }
        }
    }
    if chart.y_axis.min > chart.y_axis.max && !p.has_y {
        chart.y_axis = YAxis { title: chart.y_axis.title.clone(), min: 0.0, max: 1.0 };
    }
    ParseOutcome { kind: DiagramKind::XyChart, diagram: Some(Diagram::XyChart(chart)), diagnostics: all }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::parse as parse_any;

    fn xy(text: &str) -> (XyChart, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::XyChart(c)) => (c, o.diagnostics),
            other => panic!("not an xychart: {other:?}"),
        }
    }

    #[test]
    fn reads_a_full_chart() {
        let (c, d) = xy("xychart-beta\n  title \"Sales 2024\"\n  x-axis \"Month\" [jan, \"Feb 2\", Office 365]\n  y-axis \"USD\" 0 --> 100\n  bar [1, 2.5, -3]\n  line \"Trend\" [+1, .5, 3] %% c\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.title.as_deref(), Some("Sales 2024"));
        assert_eq!(c.x_axis, XAxis::Band { title: "Month".into(), categories: vec!["jan".into(), "Feb 2".into(), "Office365".into()] });
        assert_eq!(c.y_axis, YAxis { title: "USD".into(), min: 0.0, max: 100.0 });
        assert_eq!(c.series.len(), 2);
        assert_eq!(c.series[0].values, [1.0, 2.5, -3.0]);
        assert_eq!(c.series[1].title, "Trend");
        assert_eq!(c.series[1].kind, SeriesKind::Line);
        assert!(!c.horizontal);
    }

    #[test]
    fn markdown_strings() {
        let o = parse_any("xychart-beta\n title \"`**Bold** title`\"\n bar [1]\n");
        assert!(o.is_valid(), "{:?}", o.diagnostics);
        let Some(Diagram::XyChart(c)) = o.diagram else { panic!() };
        assert_eq!(c.title.as_deref(), Some("**Bold** title"));
    }

    #[test]
    fn grammar_corners() {
        let ok = |src: &str| {
            let o = parse_any(src);
            assert!(o.is_valid(), "{src}: {:?}", o.diagnostics);
            match o.diagram {
                Some(Diagram::XyChart(c)) => c,
                _ => panic!(),
            }
        };
        let c = ok("xychart vertical\ntitle Sales\nx-axis Time 1 --> 10\ny-axis \"Units\"\nline [1, 2, 3];bar [3, 2, 1]\naccTitle: Acc\naccDescr: D\n");
        assert_eq!(c.title.as_deref(), Some("Sales"));
        assert_eq!(c.x_axis, XAxis::Linear { title: "Time".into(), min: 1.0, max: 10.0 });
        assert_eq!(c.y_axis.title, "Units");
        assert_eq!((c.y_axis.min, c.y_axis.max), (1.0, 3.0));
        assert_eq!(c.series.len(), 2);
        assert_eq!(c.acc_title.as_deref(), Some("Acc"));
        // unquoted categories: words glued, digits and dots kept
        let c = ok("xychart-beta\n x-axis [Q1-22, 1.5, C#, R&D]\n bar [1, 2, 3, 4]\n");
        assert_eq!(c.x_axis, XAxis::Band { title: String::new(), categories: vec!["Q1-22".into(), "1.5".into(), "C#".into(), "R&D".into()] });
        let bad = |src: &str| assert!(!parse_any(src).is_valid(), "{src}");
        bad("xychart-beta\n bar []\n");
        bad("xychart-beta\n x-axis []\n bar [1]\n");
        bad("xychart-beta\n y-axis 0 -->\n bar [1]\n");
        bad("xychart-beta\n bar [1 2]\n");
        bad("xychart-beta\n title Line chart\n bar [1]\n");
        bad("xychart-beta\n bar \"unclosed [1]\n");
    }

    #[test]
    fn odd_charts_draw_without_panic() {
        for src in [
            "xychart-beta\n x-axis 5 --> 1\n bar [1, 2]\n",
            "xychart-beta\n y-axis 100 --> 0\n bar [1, 2]\n",
            "xychart-beta\n y-axis 3 --> 3\n line [3, 3]\n",
            "xychart-beta\n x-axis [a]\n bar [1, 2, 3]\n",
            "xychart-beta\n x-axis [a, b, c]\n bar [1]\n",
            "xychart-beta horizontal\n x-axis 0 --> 1000000\n bar [1, 2]\n",
            "xychart-beta\n title \"Nothing\"\n",
            "xychart-beta\n",
        ] {
            let _ = crate::pipeline::render_svg(src, &crate::pipeline::RenderOptions::default());
        }
    }

    #[test]
    fn fix_quotes_refused_text() {
        use crate::check::fix::fix_text;
        let src = "xychart-beta\n  x-axis [Availability, MTTR (min), Barcelona]\n  bar [1, 2, 3]\n";
        let (fixed, n) = fix_text(std::path::Path::new("a.mmd"), src, &crate::check::CheckOptions::default());
        assert!(n >= 2, "{fixed}");
        assert_eq!(fixed, "xychart-beta\n  x-axis [Availability, \"MTTR (min)\", \"Barcelona\"]\n  bar [1, 2, 3]\n");
        assert!(parse_any(&fixed).is_valid());
    }

    #[test]
    fn ranges_from_data_and_default_x_axis() {
        let (c, d) = xy("xychart-beta horizontal\n  line [2, 8, 5]\n  bar [4, 1]\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(c.horizontal);
        assert_eq!((c.y_axis.min, c.y_axis.max), (1.0, 8.0));
        assert_eq!(c.x_axis, XAxis::Linear { title: String::new(), min: 1.0, max: 3.0 });
        assert_eq!(c.series[0].points[0], ("1".to_string(), Some(2.0)));
    }

    #[test]
    fn refuses_what_mermaid_refuses() {
        let (c, d) = xy("xychart-beta\n  x-axis [Availability, MTTR (min), Other]\n  bar [1, 2, 3]\n");
        assert_eq!(d[0].code, "AR700");
        // still read tolerantly
        assert_eq!(c.x_axis, XAxis::Band { title: String::new(), categories: vec!["Availability".into(), "MTTR(min)".into(), "Other".into()] });
        let (_, d) = xy("xychart-beta\n  x-axis [Barcelona, Madrid]\n  bar [1, 2]\n");
        assert_eq!(d[0].code, "AR702");
        assert!(d[0].message.contains("`Barcelona` as the keyword `Bar`"), "{}", d[0].message);
        assert!(d[0].fix.is_some());
        let (_, d) = xy("xychart-beta\n  bar [a, 2]\n");
        assert_eq!(d[0].code, "AR701");
        let (_, d) = xy("xychart-beta\n  title \"Nothing\"\n");
        assert_eq!(d[0].code, "AR703");
        let (_, d) = xy("xychart-beta\n  x-axis [a, b]\n  bar [1]\n");
        assert_eq!(d[0].code, "AR704");
        assert!(!d[0].is_error());
    }
}
