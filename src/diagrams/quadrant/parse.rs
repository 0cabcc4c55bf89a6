//! The quadrant chart parser: mermaid-js's grammar (`quadrant.jison`, as
//! mermaid 11.17 builds it) built by [`crate::parse::lalr`] and run as
//! jison runs it by [`crate::diagrams::lr`], with mermaid's database
//! actions (style validation included) at each reduction.
//!
//! A line mermaid refuses is reported, then blanked and the text parsed
//! again, so every bad line is found; what the author meant by it is then
//! read leniently where that is clear (a point whose name has brackets, an
//! axis label with `(`), for the drawing.

use super::lex::{LexError, Lexer, State, Token, T};
use super::model::{Point, PointStyle, QuadrantChart, QuadrantOptions, XAxisPosition, YAxisPosition};
use crate::diagnostics::Diagnostic;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;
use crate::parse::directive::Header;
use crate::diagrams::lr;
use crate::parse::lalr::Tables;
#[cfg(test)]
use crate::parse::lalr::{self, GrammarSpec};
use crate::parse::prep::{decode_codes, prepare_common, Prepared};
use crate::planes::colour::css_colour;
use crate::diagrams::ParseOutcome;
use serde_json::Value;
use std::ops::Range;

/// mermaid's grammar; the alternatives in its order (they number the
/// productions). `start` comes first here because the generator starts at
/// the first rule; no reduce/reduce conflict depends on that order (see
/// the test).
pub const GRAMMAR: &str = r#"
start : eol start | SPACE start | QUADRANT document ;

idStringToken : ALPHA | NUM | NODE_STRING | DOWN | MINUS | DEFAULT | COMMA | COLON | AMP | BRKT | MULT | UNICODE_TEXT ;

styleComponent : ALPHA | NUM | NODE_STRING | COLON | UNIT | SPACE | BRKT | STYLE | PCT | MINUS ;

idString : idStringToken | idString idStringToken => cat ;

style : styleComponent | style styleComponent => cat ;

stylesOpt : style => styles_one | stylesOpt COMMA style => styles_push ;

classDefStatement : CLASSDEF SPACE idString SPACE stylesOpt => class_def ;

document : | document line ;

line : statement eol ;

statement : | classDefStatement | SPACE statement | axisDetails | quadrantDetails | points
    | title title_value => title
    | acc_title acc_title_value => acc_title
    | acc_descr acc_descr_value => acc_descr
    | acc_descr_multiline_value => acc_descr_multi
    | section ;

points : text point_start point_x point_y => point
    | text class_name point_start point_x point_y => point_class
    | text point_start point_x point_y stylesOpt => point_styles
    | text class_name point_start point_x point_y stylesOpt => point_class_styles ;

axisDetails : X-AXIS text AXIS-TEXT-DELIMITER text => x_both
    | X-AXIS text AXIS-TEXT-DELIMITER => x_arrow
    | X-AXIS text => x_left
    | Y-AXIS text AXIS-TEXT-DELIMITER text => y_both
    | Y-AXIS text AXIS-TEXT-DELIMITER => y_arrow
    | Y-AXIS text => y_bottom ;

quadrantDetails : QUADRANT_1 text => q1 | QUADRANT_2 text => q2 | QUADRANT_3 text => q3 | QUADRANT_4 text => q4 ;

eol : NEWLINE | SEMI | EOF ;

text : alphaNumToken => text_one | text textNoTagsToken => text_push | STR => text_one | MD_STR => text_one ;

alphaNum : alphaNumToken | alphaNum alphaNumToken => cat ;

alphaNumToken : PUNCTUATION | AMP | NUM | ALPHA | COMMA | PLUS | EQUALS | MULT | DOT | BRKT | UNDERSCORE | UNICODE_TEXT ;

textNoTagsToken : alphaNumToken | SPACE | MINUS ;
"#;

/// The tables, thawed once from their frozen form (`tables.rs`, which a
/// test checks against the grammar): building them would cost more than
/// drawing a small diagram.
pub fn tables() -> &'static Tables {
    super::tables::FROZEN.tables()
}

/// The tables built from the grammar text.
#[cfg(test)]
fn built_tables() -> Tables {
    let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
    lalr::build(&GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize })
}

/// A semantic value: a token's or a text's string, or a list of styles.
#[derive(Debug, Clone, Default)]
enum V {
    /// A token just shifted (its text is read off its span), or a
    /// statement's value.
    #[default]
    None,
    S(String),
    Styles(Vec<(String, Range<usize>)>),
}

impl V {
    fn s(&self) -> &str {
        match self {
            V::S(s) => s,
            _ => "",
        }
    }
}

/// What a run of the parser found.
struct Run {
    chart: QuadrantChart,
    /// Style errors, as mermaid's database throws them (the first one stops
    /// mermaid; here the parse goes on).
    db_errors: Vec<Diagnostic>,
    failure: Option<Failure>,
}

#[derive(Debug, Clone)]
enum Failure {
    Lex(LexError),
    Parse { token: Token, expected: Vec<usize> },
}

impl Failure {
    fn at(&self) -> usize {
        match self {
            Failure::Lex(e) => e.at,
            Failure::Parse { token, .. } => token.span.start,
        }
    }
}

/// One run of mermaid's lexer and parser, through [`lr::run`].
fn run(text: &str, base: &QuadrantChart) -> Run {
    let mut lexer = Lexer::new(text);
    let mut chart = base.clone();
    let mut db_errors = Vec::new();
    let mut lex_state = State::Initial;
    let mut read = Vec::new();
    let result = lr::run(
        tables(),
        || {
            let state = lexer.state();
            lexer.next_token().map(|t| lr::Tok { term: t.kind as usize, span: t.span }).map_err(|e| {
                lex_state = state;
                e.at
            })
        },
        |tag, v, spans| reduce(tag, v, spans, text, &mut chart, &mut db_errors),
        &mut read,
    );
    let failure = match result {
        Ok(_) => None,
        Err(lr::Failure::Lex { at }) => Some(Failure::Lex(LexError { at, state: lex_state })),
        Err(lr::Failure::Parse { tok, expected }) => Some(Failure::Parse { token: Token { kind: T::ALL[tok.term], span: tok.span }, expected }),
    };
    Run { chart, db_errors, failure }
}

fn take(v: &mut [V], i: usize) -> V {
    std::mem::take(&mut v[i])
}

/// mermaid's actions.
fn reduce(tag: &str, v: &mut [V], spans: &[Range<usize>], src: &str, chart: &mut QuadrantChart, errors: &mut Vec<Diagnostic>) -> V {
    let whole = spans.first().map_or(0..0, |a| a.start..spans.last().map_or(a.end, |b| b.end));
    // Item `i` as text: a token's is its text.
    for (i, x) in v.iter_mut().enumerate() {
        if matches!(x, V::None) {
            *x = V::S(src[spans[i].clone()].to_string());
        }
    }
    // `textSanitizer`: trimmed; entity codes as the browser shows them.
    let text = |v: &V| display(v.s().trim());
    match tag {
        "" | "accept" => v.first_mut().map_or(V::None, std::mem::take),
        "cat" | "text_push" => V::S(format!("{}{}", v[0].s(), v[1].s())),
        "text_one" => take(v, 0),
        "styles_one" => V::Styles(vec![(v[0].s().trim().to_string(), spans[0].clone())]),
        "styles_push" => {
            let V::Styles(mut list) = take(v, 0) else { return V::None };
            list.push((v[2].s().trim().to_string(), spans[2].clone()));
            V::Styles(list)
        }
        "class_def" => {
            let name = v[2].s().to_string();
            let styles = match take(v, 4) {
                V::Styles(s) => s,
                _ => Vec::new(),
            };
            let style = parse_styles(&styles, errors);
            chart.classes.push((name, style));
            V::None
        }
        "title" => {
            chart.title = Some(text(&v[1]));
            V::None
        }
        "acc_title" => {
            chart.acc_title = Some(text(&v[1]));
            V::None
        }
        "acc_descr" => {
            chart.acc_descr = Some(text(&v[1]));
            V::None
        }
        "acc_descr_multi" => {
            chart.acc_descr = Some(text(&v[0]));
            V::None
        }
        "point" | "point_class" | "point_styles" | "point_class_styles" => {
            let with_class = tag.contains("class");
            let k = usize::from(with_class);
            let name = text(&v[0]);
            let class = with_class.then(|| v[1].s().to_string());
            let x = coordinate(v[2 + k].s());
            let y = coordinate(v[3 + k].s());
            let style = if tag.ends_with("styles") {
                match take(v, 4 + k) {
                    V::Styles(s) => parse_styles(&s, errors),
                    _ => PointStyle::default(),
                }
            } else {
                PointStyle::default()
            };
            chart.points.push(Point { text: name, x, y, class, style, span: whole });
            V::None
        }
        "x_both" => {
            chart.x_left = text(&v[1]);
            chart.x_right = text(&v[3]);
            V::None
        }
        "x_arrow" => {
            chart.x_left = format!("{} ⟶", display(v[1].s().trim()));
            V::None
        }
        "x_left" => {
            chart.x_left = text(&v[1]);
            V::None
        }
        "y_both" => {
            chart.y_bottom = text(&v[1]);
            chart.y_top = text(&v[3]);
            V::None
        }
        "y_arrow" => {
            chart.y_bottom = format!("{} ⟶", display(v[1].s().trim()));
            V::None
        }
        "y_bottom" => {
            chart.y_bottom = text(&v[1]);
            V::None
        }
        "q1" | "q2" | "q3" | "q4" => {
            let i = (tag.as_bytes()[1] - b'1') as usize;
            chart.quadrants[i] = text(&v[1]);
            V::None
        }
        other => unreachable!("quadrant grammar tag {other}"),
    }
}

/// Text as the browser shows mermaid's drawing of it: mermaid's entity
/// codes (`#35;`) decoded.
fn display(s: &str) -> String {
    crate::text::markup::decode_entities(&decode_codes(s))
}

/// A coordinate as JavaScript's `Number()` reads what mermaid's lexer lets
/// through (`1`, `0`, `0.25`; also `0x1f`, `0e5`); NaN for the rest.
fn coordinate(s: &str) -> f64 {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("0") {
        let radix = match rest.chars().next() {
            Some('x' | 'X') => Some(16),
            Some('o' | 'O') => Some(8),
            Some('b' | 'B') => Some(2),
            _ => None,
        };
        if let Some(r) = radix {
            return i64::from_str_radix(&rest[1..], r).map_or(f64::NAN, |v| v as f64);
        }
    }
    s.parse::<f64>().unwrap_or(f64::NAN)
}

/// mermaid's `parseStyles`: `radius` (digits), `color` and `stroke-color`
/// (hex colours), `stroke-width` (`Npx`); anything else is refused.
fn parse_styles(styles: &[(String, Range<usize>)], errors: &mut Vec<Diagnostic>) -> PointStyle {
    let mut out = PointStyle::default();
    let hex = |v: &str| {
        let h = v.strip_prefix('#').unwrap_or(v);
        (h.len() == 6 || h.len() == 3) && h.bytes().all(|b| b.is_ascii_hexdigit())
    };
    for (style, span) in styles {
        // `split(/\s*:\s*/)`, first two parts.
        let mut parts = style.splitn(3, ':').map(str::trim);
        let key = parts.next().unwrap_or("");
        let value = parts.next().unwrap_or("");
        let bad = |what: &str, example: &str| {
            Diagnostic::error("AR883", span.clone(), format!("`{key}: {value}` is not valid: mermaid-js wants {what}")).with_hint(format!("write it as `{key}: {example}`"))
        };
        match key {
            "radius" => match value.parse::<f64>().ok().filter(|_| !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())) {
                Some(r) => out.radius = Some(r),
                None => errors.push(bad("a whole number of pixels", "10")),
            },
            "color" | "stroke-color" if hex(value) => {
                if key == "color" {
                    out.color = Some(value.to_string());
                } else {
                    out.stroke_color = Some(value.to_string());
                }
            }
            "color" | "stroke-color" => errors.push(bad("a hex colour", "#ff3300")),
            "stroke-width" => match value.strip_suffix("px").filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) {
                Some(d) => out.stroke_width = d.parse().ok(),
                None => errors.push(bad("pixels", "2px")),
            },
            _ => errors.push(
                Diagnostic::error("AR884", span.clone(), format!("mermaid-js has no point style `{key}`"))
                    .with_hint("point styles are `radius: 10`, `color: #ff3300`, `stroke-color: #000000`, `stroke-width: 2px`"),
            ),
        }
    }
    out
}

/// Parses a quadrant chart.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare_common(text);
    let mut diags = Vec::new();
    let base = QuadrantChart {
        title: header.config.title.clone().filter(|t| !t.trim().is_empty()),
        options: options(header, &mut diags),
        theme_colors: theme_colors(header),
        config: header.config.clone(),
        ..QuadrantChart::default()
    };
    let mut work = prep.text.clone();
    let mut blanked: Vec<Range<usize>> = Vec::new();
    let mut found_errors = Vec::new();
    let keyword_end = {
        let mut l = Lexer::new(&work);
        let mut end = 0;
        while let Ok(tok) = l.next_token() {
            if tok.kind == T::Quadrant {
                end = tok.span.end;
                break;
            }
            if !matches!(tok.kind, T::Space | T::Newline | T::Semi) {
                break;
            }
        }
        end
    };
    let run = loop {
        let r = run(&work, &base);
        let Some(failure) = r.failure.clone() else { break r };
        found_errors.push(describe(&prep, &work, &failure));
        // Blank the line the parser stopped on and go again.
        let at = failure.at().min(work.len());
        let start = work[..at].rfind('\n').map_or(0, |i| i + 1).max(keyword_end);
        let end = work[at..].find('\n').map_or(work.len(), |i| at + i);
        if start >= end || blanked.len() >= 50 || blanked.iter().any(|b| b.start == start) {
            break Run { failure: Some(failure), ..r };
        }
        // As many blanks as bytes: offsets stay those of the prepared text.
        work.replace_range(start..end, &" ".repeat(end - start));
        blanked.push(start..end);
    };
    diags.extend(found_errors);
    for e in &run.db_errors {
        diags.push(Diagnostic { span: prep.orig_span(e.span.clone()), ..e.clone() });
    }
    let mut chart = run.chart;
    // What the blanked lines meant, where that is clear.
    for b in &blanked {
        lenient_line(&prep.text[b.clone()], b.clone(), &mut chart);
    }
    chart.points.sort_by_key(|p| p.span.start);
    for p in &mut chart.points {
        p.span = prep.orig_span(p.span.clone());
    }
    for p in &chart.points {
        if !(0.0..=1.0).contains(&p.x) || !(0.0..=1.0).contains(&p.y) {
            diags.push(
                Diagnostic::warning("AR885", p.span.clone(), format!("`{}` has coordinates mermaid-js reads as {} and {}: outside the chart", p.text, p.x, p.y))
                    .with_hint("coordinates run from 0 to 1: `0.25`"),
            );
        }
    }
    chart.points.retain(|p| p.x.is_finite() && p.y.is_finite());
    for p in &mut chart.points {
        p.x = p.x.clamp(0.0, 1.0);
        p.y = p.y.clamp(0.0, 1.0);
    }
    let refused = keyword_end == 0;
    ParseOutcome { kind: DiagramKind::Quadrant, diagram: (!refused).then(|| Diagram::Quadrant(chart)), diagnostics: diags }
}

/// A diagnostic for where a run stopped.
fn describe(prep: &Prepared, work: &str, f: &Failure) -> Diagnostic {
    let at = f.at().min(work.len());
    let line_start = work[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = work[at..].find('\n').map_or(work.len(), |i| at + i);
    let line = work[line_start..line_end].trim();
    let char_span = |at: usize| at..work[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    match f {
        Failure::Lex(e) => {
            let c = work[e.at..].chars().next().unwrap_or(' ');
            let span = prep.orig_span(char_span(e.at));
            match e.state {
                State::PointStart | State::PointX | State::PointY => {
                    let coords = line.split_once('[').map_or("", |(_, r)| r).split(']').next().unwrap_or("").trim();
                    Diagnostic::error("AR882", span, format!("mermaid-js cannot read the coordinates `[{coords}]`: it reads `0`, `1` and `0.` followed by digits only"))
                        .with_hint("write each coordinate from 0 to 1 as `0.25`, `0` or `1` (not `1.0`, `.5`, `50` or `0,5`), separated by a comma")
                }
                State::ClassName => Diagnostic::error("AR881", span, "`:::` must be followed by a class name").with_hint("write `Name:::className: [x, y]`"),
                _ => Diagnostic::error("AR880", span, format!("`{c}` is not a character mermaid-js reads in a quadrant chart outside quotes"))
                    .with_hint("put the text in double quotes: `\"Cost (USD)\": [0.3, 0.6]`, `x-axis \"Low (cheap)\" --> High`"),
            }
        }
        Failure::Parse { token, expected } => {
            let span = if token.span.is_empty() { prep.orig_span(line_start..line_end.max(line_start)) } else { prep.orig_span(token.span.clone()) };
            let expects = |t: T| expected.contains(&(t as usize));
            let what = match token.kind {
                T::Newline | T::Eof | T::End => "the end of the line".to_string(),
                _ => format!("`{}`", work[token.span.clone()].trim()),
            };
            if expects(T::PointStart) {
                Diagnostic::error("AR881", span, format!("`{line}` is not a statement of a quadrant chart: mermaid-js expected `: [x, y]` before {what}"))
                    .with_hint("a point is `Name: [0.3, 0.6]`; other lines are `title`, `x-axis`, `y-axis`, `quadrant-1`..`quadrant-4`, `classDef`")
            } else if expects(T::Quadrant) {
                Diagnostic::error("AR881", span, "a quadrant chart starts with `quadrantChart` alone on its line").with_hint("start the diagram with `quadrantChart`")
            } else {
                Diagnostic::error("AR881", span, format!("mermaid-js cannot read `{line}`: it stops at {what}"))
                    .with_hint("lines are `title ...`, `x-axis Low --> High`, `y-axis Low --> High`, `quadrant-1 ...`, `Name: [x, y]`, `classDef name color: #ff3300`")
            }
        }
    }
}

/// Reads a line mermaid refuses for what it clearly means: a point
/// (`Name (x): [0.5, 1.0]`), an axis, a quadrant label or a title.
fn lenient_line(line: &str, span: Range<usize>, chart: &mut QuadrantChart) {
    let t = line.trim();
    let unquote = |s: &str| {
        let s = s.trim();
        display(if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') { &s[1..s.len() - 1] } else { s })
    };
    let lower = t.to_ascii_lowercase();
    for (k, kw) in ["quadrant-1", "quadrant-2", "quadrant-3", "quadrant-4"].iter().enumerate() {
        if let Some(rest) = lower.strip_prefix(kw) {
            chart.quadrants[k] = unquote(&t[t.len() - rest.len()..]);
            return;
        }
    }
    for (kw, x) in [("x-axis", true), ("y-axis", false)] {
        if lower.starts_with(kw) {
            let rest = &t[kw.len()..];
            let (a, b) = match rest.split_once("-->") {
                Some((a, b)) => (unquote(a), unquote(b)),
                None => (unquote(rest), String::new()),
            };
            if x {
                chart.x_left = a;
                chart.x_right = b;
            } else {
                chart.y_bottom = a;
                chart.y_top = b;
            }
            return;
        }
    }
    if let Some(rest) = t.strip_prefix("title ") {
        chart.title = Some(display(rest.trim()));
        return;
    }
    if let Some((name, coords)) = t.rsplit_once('[').and_then(|(n, c)| n.trim_end().strip_suffix(':').map(|n| (n, c))) {
        let coords = coords.split(']').next().unwrap_or("");
        let nums: Vec<f64> = coords.split(',').filter_map(|c| c.trim().parse::<f64>().ok()).collect();
        if let [x, y] = nums[..] {
            let (name, class) = match name.split_once(":::") {
                Some((n, c)) => (n, Some(c.trim().to_string())),
                None => (name, None),
            };
            let name = unquote(name);
            if !name.is_empty() {
                chart.points.push(Point { text: name, x, y, class, style: PointStyle::default(), span });
            }
        }
    }
}

/// The `quadrantChart` settings.
fn options(header: &Header, diags: &mut Vec<Diagnostic>) -> QuadrantOptions {
    let mut o = QuadrantOptions::default();
    let Some(Value::Object(map)) = header.setting(&["quadrantChart"]) else { return o };
    let at = header.body_start..header.body_start;
    for (key, v) in map {
        let number = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
        .filter(|x: &f64| x.is_finite() && *x >= 0.0);
        let slot = match key.as_str() {
            "chartWidth" => &mut o.chart_width,
            "chartHeight" => &mut o.chart_height,
            "titleFontSize" => &mut o.title_font_size,
            "titlePadding" => &mut o.title_padding,
            "quadrantPadding" => &mut o.quadrant_padding,
            "xAxisLabelPadding" => &mut o.x_axis_label_padding,
            "yAxisLabelPadding" => &mut o.y_axis_label_padding,
            "xAxisLabelFontSize" => &mut o.x_axis_label_font_size,
            "yAxisLabelFontSize" => &mut o.y_axis_label_font_size,
            "quadrantLabelFontSize" => &mut o.quadrant_label_font_size,
            "quadrantTextTopPadding" => &mut o.quadrant_text_top_padding,
            "pointTextPadding" => &mut o.point_text_padding,
            "pointLabelFontSize" => &mut o.point_label_font_size,
            "pointRadius" => &mut o.point_radius,
            "quadrantInternalBorderStrokeWidth" => &mut o.internal_border_width,
            "quadrantExternalBorderStrokeWidth" => &mut o.external_border_width,
            "xAxisPosition" => {
                match v.as_str() {
                    Some("top") => o.x_axis_position = XAxisPosition::Top,
                    Some("bottom") => o.x_axis_position = XAxisPosition::Bottom,
                    _ => diags.push(Diagnostic::warning("AR011", at.clone(), format!("`quadrantChart.xAxisPosition` should be top or bottom, not {v}: ignored"))),
                }
                continue;
            }
            "yAxisPosition" => {
                match v.as_str() {
                    Some("left") => o.y_axis_position = YAxisPosition::Left,
                    Some("right") => o.y_axis_position = YAxisPosition::Right,
                    _ => diags.push(Diagnostic::warning("AR011", at.clone(), format!("`quadrantChart.yAxisPosition` should be left or right, not {v}: ignored"))),
                }
                continue;
            }
            _ => continue,
        };
        match number {
            Some(x) => *slot = x,
            None => diags.push(Diagnostic::warning("AR011", at.clone(), format!("`quadrantChart.{key}` should be a number, not {v}: ignored"))),
        }
    }
    o
}

/// `themeVariables.quadrant*` colours.
fn theme_colors(header: &Header) -> Vec<(String, String)> {
    let Some(Value::Object(map)) = header.setting(&["themeVariables"]) else { return Vec::new() };
    map.iter().filter(|(k, _)| k.starts_with("quadrant")).filter_map(|(k, v)| v.as_str().and_then(css_colour).map(|c| (k.clone(), c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_tables_are_the_grammars() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        let spec = GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize };
        crate::parse::lalr::assert_frozen_current(&spec, &super::super::tables::FROZEN, "quadrant", "src/diagrams/quadrant/tables.rs");
    }
    use crate::diagrams::parse as parse_any;

    fn chart(text: &str) -> (QuadrantChart, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Quadrant(c)) => (c, o.diagnostics),
            other => panic!("not a quadrant chart: {other:?} {:?}", o.diagnostics),
        }
    }

    #[test]
    fn grammar_builds_without_reduce_reduce_conflicts() {
        let t = built_tables();
        assert!(t.conflicts.iter().all(|c| !c.contains("reduce/reduce")), "{:?}", t.conflicts);
    }

    #[test]
    fn reads_the_atlas_chart() {
        let (c, d) = chart("quadrantChart\n    title Pattern Performance vs Complexity\n    x-axis Low Complexity --> High Complexity\n    y-axis Low Latency --> High Latency\n\n    Hedged Request: [0.2, 0.1]\n    Request-Response: [0.3, 0.3]\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.title.as_deref(), Some("Pattern Performance vs Complexity"));
        assert_eq!((c.x_left.as_str(), c.x_right.as_str()), ("Low Complexity", "High Complexity"));
        assert_eq!((c.y_bottom.as_str(), c.y_top.as_str()), ("Low Latency", "High Latency"));
        let p: Vec<(&str, f64, f64)> = c.points.iter().map(|p| (p.text.as_str(), p.x, p.y)).collect();
        assert_eq!(p, [("Hedged Request", 0.2, 0.1), ("Request-Response", 0.3, 0.3)]);
    }

    #[test]
    fn quadrants_classes_and_styles() {
        let (c, d) = chart("quadrantChart\nquadrant-1 We should expand\nquadrant-2 \"Need (to) promote\"\nclassDef hot color: #ff3300, radius: 12\nA:::hot: [0.3, 0.6] stroke-color: #000, stroke-width: 2px\nB: [0.45, 0.23] color: ff0000\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.quadrants[0], "We should expand");
        assert_eq!(c.quadrants[1], "Need (to) promote");
        let a = c.point_style(&c.points[0]);
        assert_eq!((a.color.as_deref(), a.radius, a.stroke_color.as_deref(), a.stroke_width), (Some("#ff3300"), Some(12.0), Some("#000"), Some(2.0)));
        assert_eq!(c.points[1].style.color.as_deref(), Some("ff0000"));
    }

    #[test]
    fn verdicts_match_mermaids() {
        // Each was run through mermaid-js 11.17.2.
        for ok in [
            "quadrantChart\n",
            "quadrantChart\nx-axis Low\ny-axis Low -->\n",
            "quadrantChart\n  A: [1, 0]\n  B: [0.999, 0.5]\n",
            "quadrantChart\ntitle Costs (2024): $5M; est.\n",
            "quadrantChart\naccTitle: t\naccDescr {\n multi\n line\n}\nA: [0.1, 0.2]\n",
            "quadrantChart\nCafé: [0.1, 0.2]\n",
            "quadrantChart\nA: [0.1, 0.2]; B: [0.3, 0.4]\n",
        ] {
            assert!(parse_any(ok).is_valid(), "{ok:?}: {:?}", parse_any(ok).diagnostics);
        }
        for (bad, code) in [
            ("quadrantChart\nA: [1.0, 0.5]\n", "AR882"),
            ("quadrantChart\nA: [0.5, 50]\n", "AR882"),
            ("quadrantChart\nA: [.5, 0.5]\n", "AR882"),
            ("quadrantChart\nPoint (A): [0.5, 0.5]\n", "AR880"),
            ("quadrantChart\nx-axis Low (cheap) --> High\n", "AR880"),
            ("quadrantChart\nA [0.5, 0.5]\n", "AR880"),
            ("quadrantChart\nA\n", "AR881"),
            ("quadrantChart\nA: [0.5, 0.5] radius: big\n", "AR883"),
            ("quadrantChart\nA: [0.5, 0.5] size: 3\n", "AR884"),
            ("quadrantChart\nclassDef c color: red\n", "AR883"),
        ] {
            let d = parse_any(bad).diagnostics;
            assert_eq!(d.iter().find(|d| d.is_error()).map(|d| d.code), Some(code), "{bad:?}: {d:?}");
        }
    }

    #[test]
    fn bad_lines_are_all_reported_and_drawn_as_meant() {
        let (c, d) = chart("quadrantChart\nx-axis Low (cheap) --> High\nPoint (A): [0.5, 1.0]\nB: [0.2, 0.3]\n");
        assert_eq!(d.iter().filter(|d| d.is_error()).count(), 2, "{d:?}");
        assert_eq!((c.x_left.as_str(), c.x_right.as_str()), ("Low (cheap)", "High"));
        let p: Vec<(&str, f64, f64)> = c.points.iter().map(|p| (p.text.as_str(), p.x, p.y)).collect();
        assert_eq!(p, [("Point (A)", 0.5, 1.0), ("B", 0.2, 0.3)]);
    }
}
