//! Timelines, as mermaid-js 11's timeline grammar (`timeline.jison`) reads
//! them. Its lexer takes, at each point, the first of these rules that
//! matches (case-insensitive):
//!
//! ```text
//! %%(?!{)[^\n]*  and  [^}]%%[^\n]*     comments, skipped
//! [\n]+                                NEWLINE
//! \s+                                  skipped
//! #[^\n]*                              comment, skipped
//! timeline[ \t]+LR, timeline[ \t]+TD   the keyword with a direction
//! timeline                             the keyword (only the first is valid)
//! title\s[^\n]+                        title (after `title `)
//! accTitle\s*:\s* ... / accDescr\s*:\s* ...   rest of the line
//! accDescr\s*{\s* [^}]* }              multi-line description
//! section\s[^:\n]+                     section (after `section `)
//! :\s(?:[^:\n]|:(?!\s))+               event of the last period
//! [^#:\n]+                             period
//! .                                    INVALID
//! ```
//!
//! So a `:` is only read as the start of an event when a blank follows it;
//! elsewhere in a period or section name (`10:00 : Failover`) it is a token
//! mermaid-js cannot read, and the whole diagram is refused. Such a `:` is
//! an error here too, carrying a fix: written as the entity code `#58;`,
//! which mermaid-js encodes before parsing and decodes in the finished SVG,
//! the period reads and draws as `10:00`. The model is built with the
//! author's meaning (the colon kept in the period), so tolerant rendering
//! draws the same as the fixed text.
//!
//! | code  | cause |
//! |-------|-------|
//! | AR500 | a `:` with no blank after it inside a period or section name (fix: `#58;`) |
//! | AR501 | an event's `:` with no blank after it, after a blank (`2020 :Launch`; fix: a blank) |
//! | AR502 | a `:` with no event text after it |
//! | AR503 | an event before any period (mermaid-js fails on it) |
//! | AR504 | the word `timeline` again, where mermaid-js reads the keyword |
//! | AR505 | an `accDescr {` that is never closed |
//! | AR506 | a period before the first section of a timeline with sections (warning: mermaid-js leaves it out) |

use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare};
use crate::diagrams::ParseOutcome;
use crate::diagnostics::{Diagnostic, Fix};
use crate::lex::is_js_space;
use crate::text::markup::display_text;
use super::model::{Direction, Period, Timeline};
use crate::diagrams::Diagram;
use crate::model::DiagramKind;

/// Case-insensitive ASCII prefix.
fn starts_ci(s: &str, word: &str) -> bool {
    s.len() >= word.len() && s.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|r| r.chars().next())
}

/// Offset of the next `\n` at or after `i` (or the end).
fn line_end(t: &str, i: usize) -> usize {
    t[i..].find('\n').map_or(t.len(), |e| i + e)
}

/// `:\s(?:[^:\n]|:(?!\s))+` at `c`, if it matches: the start of the event
/// text (after the colon and its blank) and the end.
fn event_end(t: &str, c: usize) -> Option<(usize, usize)> {
    let ws = char_at(t, c + 1).filter(|&ch| is_js_space(ch))?;
    let mut q = c + 1 + ws.len_utf8();
    let start = q;
    while let Some(ch) = char_at(t, q) {
        if ch == '\n' {
            break;
        }
        if ch == ':' && char_at(t, q + 1).is_some_and(is_js_space) {
            break;
        }
        q += ch.len_utf8();
    }
    (q > start).then_some((start, q))
}

/// Parses a timeline.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let t = prep.text.as_str();
    let span = |s: usize, e: usize| prep.orig_span(s..e);
    let mut tl = Timeline { config: header.config.clone(), ..Timeline::default() };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut section: Option<String> = None;
    let mut seen_keyword = false;
    let mut p = 0;

    // Reads a name token (period or section body) from `from` over the
    // characters `keep` accepts; a `:` with no blank after it, right after
    // a character of the name, is an error (AR500) and, read as the author
    // meant, part of the name. Returns the end.
    let read_name = |from: usize, keep: &dyn Fn(char) -> bool, what: &str, diags: &mut Vec<Diagnostic>| -> usize {
        let mut q = from;
        loop {
            while let Some(ch) = char_at(t, q) {
                if !keep(ch) {
                    break;
                }
                q += ch.len_utf8();
            }
            let at_colon = char_at(t, q) == Some(':');
            let next = char_at(t, q + 1);
            let prev = t[..q].chars().next_back();
            let inside = at_colon && q > from && prev.is_some_and(|c| !is_js_space(c)) && next.is_some_and(|c| !is_js_space(c) && c != ':');
            if !inside {
                return q;
            }
            let read = decode_codes(t[from..q].trim());
            let o = span(q, q + 1);
            diags.push(
                Diagnostic::error(
                    "AR500",
                    o.clone(),
                    format!("mermaid-js reads `{read}` as the {what} and cannot read this `:` (no blank after it), so it refuses the whole timeline"),
                )
                .with_hint("write the colon as `#58;` (`10#58;00 : event`): mermaid-js reads it as text and draws it as `:`; a `:` starts an event only with a blank after it")
                .with_fix(Fix::replace(o, "#58;")),
            );
            q += 1;
        }
    };

    while p < t.len() {
        let rest = &t[p..];
        let c = rest.chars().next().unwrap();
        // comments
        if rest.starts_with("%%") && !rest[2..].starts_with('{') {
            p = line_end(t, p);
            continue;
        }
        if c != '}' && rest[c.len_utf8()..].starts_with("%%") {
            p = line_end(t, p + c.len_utf8());
            continue;
        }
        if c == '\n' {
            p += rest.bytes().take_while(|&b| b == b'\n').count();
            continue;
        }
        if is_js_space(c) {
            p += rest.chars().take_while(|&ch| is_js_space(ch)).map(char::len_utf8).sum::<usize>();
            continue;
        }
        if c == '#' {
            p = line_end(t, p);
            continue;
        }
        if starts_ci(rest, "timeline") {
            if seen_keyword {
                diags.push(
                    Diagnostic::error("AR504", span(p, p + 8), format!("mermaid-js reads `{}` here as the `timeline` keyword, which may only start the diagram", &rest[..8]))
                        .with_hint("reword the period so it does not start with the word `timeline`, or put another word first"),
                );
            }
            seen_keyword = true;
            p += 8;
            // `"timeline"[ \t]+LR` and `[ \t]+TD`: mermaid 11's directions
            let blanks = t[p..].bytes().take_while(|&b| b == b' ' || b == b'\t').count();
            if blanks > 0 {
                let after = &t[p + blanks..];
                if starts_ci(after, "LR") || starts_ci(after, "TD") {
                    tl.direction = if starts_ci(after, "TD") { Direction::TopDown } else { Direction::LeftRight };
                    p += blanks + 2;
                }
            }
            continue;
        }
        if starts_ci(rest, "title") && char_at(rest, 5).is_some_and(is_js_space) {
            let ws = char_at(rest, 5).unwrap().len_utf8();
            let body_start = p + 5 + ws;
            let end = line_end(t, body_start);
            if end > body_start {
                tl.title = Some(decode_codes(t[body_start..end].trim()));
                p = end;
                continue;
            }
        }
        if let Some(after) = acc_start(rest, "accTitle", ':') {
            let from = p + after;
            let end = line_end(t, from);
            tl.acc_title = Some(decode_codes(t[from..end].trim()));
            p = end;
            continue;
        }
        if let Some(after) = acc_start(rest, "accDescr", ':') {
            let from = p + after;
            let end = line_end(t, from);
            tl.acc_descr = Some(decode_codes(t[from..end].trim()));
            p = end;
            continue;
        }
        if let Some(after) = acc_start(rest, "accDescr", '{') {
            let from = p + after;
            match t[from..].find('}') {
                Some(e) => {
                    let body = t[from..from + e].trim();
                    if !body.is_empty() {
                        tl.acc_descr = Some(decode_codes(body));
                    }
                    p = from + e + 1;
                }
                None => {
                    diags.push(Diagnostic::error("AR505", span(p, p + 8), "this `accDescr {` is never closed").with_hint("end the description with `}`"));
                    tl.acc_descr = Some(decode_codes(t[from..].trim()));
                    p = t.len();
                }
            }
            continue;
        }
        if starts_ci(rest, "section") && char_at(rest, 7).is_some_and(is_js_space) {
            let body_start = p + 7 + char_at(rest, 7).unwrap().len_utf8();
            let keep = |ch: char| ch != ':' && ch != '\n';
            // `[^:\n]+`: at least one character
            if char_at(t, body_start).is_some_and(keep) {
                let end = read_name(body_start, &keep, "section name", &mut diags);
                let name = decode_codes(&t[body_start..end]);
                tl.sections.push(name.clone());
                section = Some(name);
                p = end;
                continue;
            }
        }
        if c == ':' {
            if let Some((body_start, end)) = event_end(t, p) {
                let body = &t[body_start..end];
                add_event(&mut tl, body, span(p, end), &mut diags);
                p = end;
                continue;
            }
            // INVALID: a `:` mermaid-js cannot read.
            let next = char_at(t, p + 1);
            match next {
                Some(n) if !is_js_space(n) && n != ':' => {
                    // `2020 :Launch`: an event missing its blank.
                    let end = {
                        let mut q = p + 1;
                        while let Some(ch) = char_at(t, q) {
                            if ch == '\n' || (ch == ':' && char_at(t, q + 1).is_some_and(is_js_space)) {
                                break;
                            }
                            q += ch.len_utf8();
                        }
                        q
                    };
                    let o = span(p, p + 1);
                    diags.push(
                        Diagnostic::error("AR501", o.clone(), "mermaid-js cannot read this `:`: an event's colon needs a blank after it")
                            .with_hint("put a space after the colon (`2020 : Launch`)")
                            .with_fix(Fix { edits: vec![crate::diagnostics::Edit { span: o.end..o.end, replacement: " ".into() }] }),
                    );
                    let body = &t[p + 1..end];
                    add_event(&mut tl, body, span(p, end), &mut diags);
                    p = end;
                }
                _ => {
                    diags.push(
                        Diagnostic::error("AR502", span(p, p + 1), "mermaid-js cannot read this `:`: no event text follows it")
                            .with_hint("write the event after the colon (`2020 : Launch`), or remove the colon"),
                    );
                    p += 1;
                }
            }
            continue;
        }
        // period: [^#:\n]+
        let keep = |ch: char| ch != '#' && ch != ':' && ch != '\n';
        let end = read_name(p, &keep, "period", &mut diags);
        if end == p {
            // cannot happen: `c` is neither `#`, `:` nor `\n`
            p += c.len_utf8();
            continue;
        }
        tl.periods.push(Period { text: decode_codes(&t[p..end]).trim().to_string(), section: section.clone(), events: Vec::new(), span: span(p, end) });
        p = end;
    }
    if !tl.sections.is_empty() {
        for period in tl.periods.iter().filter(|p| p.section.is_none()) {
            diags.push(
                Diagnostic::warning(
                    "AR506",
                    period.span.clone(),
                    format!("`{}` comes before the first section; mermaid-js draws only the periods under a section, so it leaves this one out", display_text(&period.text)),
                )
                .with_hint("put the period under a section, or start the timeline with a section"),
            );
        }
    }
    if tl.title.is_none() {
        tl.title = header.config.title.clone().filter(|t| !t.trim().is_empty());
    }
    for d in &mut diags {
        d.span = d.span.start.min(text.len())..d.span.end.min(text.len());
    }
    ParseOutcome { kind: DiagramKind::Timeline, diagram: Some(Diagram::Timeline(tl)), diagnostics: diags }
}

fn add_event(tl: &mut Timeline, body: &str, at: std::ops::Range<usize>, diags: &mut Vec<Diagnostic>) {
    match tl.periods.last_mut() {
        Some(period) => period.events.push(decode_codes(body.trim())),
        None => diags.push(
            Diagnostic::error("AR503", at, "this event comes before any period; mermaid-js fails on it")
                .with_hint("write a period first (`2020 : event`), or join the event to one"),
        ),
    }
}

/// `accTitle\s*:\s*` (or `{`): the length up to the value.
fn acc_start(rest: &str, word: &str, open: char) -> Option<usize> {
    if !starts_ci(rest, word) {
        return None;
    }
    let mut q = word.len();
    q += rest[q..].chars().take_while(|&c| is_js_space(c)).map(char::len_utf8).sum::<usize>();
    if !rest[q..].starts_with(open) {
        return None;
    }
    q += 1;
    q += rest[q..].chars().take_while(|&c| is_js_space(c)).map(char::len_utf8).sum::<usize>();
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::apply_fixes;
    use crate::diagrams::parse as parse_any;

    fn timeline(text: &str) -> (Timeline, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Timeline(t)) => (t, o.diagnostics),
            other => panic!("not a timeline: {other:?}"),
        }
    }

    fn shape(t: &Timeline) -> Vec<(String, Vec<String>)> {
        t.periods.iter().map(|p| (display_text(&p.text), p.events.iter().map(|e| display_text(e)).collect())).collect()
    }

    #[test]
    fn reads_periods_events_sections_and_title() {
        let (t, d) = timeline("timeline\n  title History of Social Media\n  %% a comment\n  section Early\n  2002 : LinkedIn\n  2004 : Facebook : Google\n       : MySpace\n  section Later\n  2006 : Twitter see https://x.com\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.title.as_deref(), Some("History of Social Media"));
        assert_eq!(t.sections, ["Early", "Later"]);
        assert_eq!(shape(&t), [
            ("2002".to_string(), vec!["LinkedIn".to_string()]),
            ("2004".into(), vec!["Facebook".into(), "Google".into(), "MySpace".into()]),
            ("2006".into(), vec!["Twitter see https://x.com".into()]),
        ]);
        assert_eq!(t.periods[1].section.as_deref(), Some("Early"));
        assert_eq!(t.periods[2].section.as_deref(), Some("Later"));
    }

    #[test]
    fn accessibility_and_hash_comments() {
        let (t, d) = timeline("timeline\naccTitle: Acc title\naccDescr {\n multi\n line }\n2020 : a # not a comment in an event\nStep #3 : lost\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.acc_title.as_deref(), Some("Acc title"));
        assert_eq!(t.acc_descr.as_deref(), Some("multi\n line"));
        // `#` ends a period and comments out the rest of the line, as in mermaid
        assert_eq!(shape(&t), [("2020".to_string(), vec!["a # not a comment in an event".to_string()]), ("Step".into(), vec![])]);
    }

    #[test]
    fn a_colon_inside_a_period_is_refused_and_fixed_with_an_entity_code() {
        let text = "timeline\n    title Incident\n    section Detection\n        10:00 : Failover\n              : Paged\n        10:15 : Recovered\n";
        let (t, d) = timeline(text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].code, "AR500");
        assert!(d[0].message.contains("`10` as the period"), "{}", d[0].message);
        assert_eq!(&text[d[0].span.clone()], ":");
        assert_eq!(d[0].span.start, text.find("10:00").unwrap() + 2);
        // the tolerant reading is what the author meant
        assert_eq!(shape(&t), [("10:00".to_string(), vec!["Failover".to_string(), "Paged".to_string()]), ("10:15".into(), vec!["Recovered".into()])]);
        let fixed = apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert!(fixed.contains("10#58;00 : Failover"));
        let (t2, d2) = timeline(&fixed);
        assert!(d2.is_empty(), "{d2:?}");
        assert_eq!(shape(&t2), shape(&t));
    }

    #[test]
    fn never_panics_on_odd_text() {
        let pieces = [":", " ", "\u{a0}", "\n", "#", "é", "%%", "}", "{", "timeline", "section", "title", "accDescr", "a", "#58;", "10", ";", "\t"];
        let mut seed: u64 = 42;
        for _ in 0..3000 {
            let mut text = String::from("timeline\n");
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let o = parse_any(&text);
            for d in &o.diagnostics {
                assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "{text:?} {d:?}");
                if let Some(f) = &d.fix {
                    let _ = apply_fixes(&text, [f]);
                }
            }
            if let Some(Diagram::Timeline(t)) = &o.diagram {
                let _ = crate::diagrams::timeline::layout::layout_timeline(t);
            }
        }
    }

    #[test]
    fn init_theme_reaches_the_model() {
        let (t, _) = timeline("%%{init: {'theme':'base', 'themeVariables': { 'fontSize': '16px'}}}%%\ntimeline\n  2020 : a\n");
        assert_eq!(t.config.theme, crate::model::config::ThemeName::Base);
    }

    #[test]
    fn directions() {
        let (t, d) = timeline("timeline TD\n  2020 : a\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.direction, Direction::TopDown);
        assert_eq!(t.periods.len(), 1);
        let (t, _) = timeline("timeline lr\n  2020 : a\n");
        assert_eq!(t.direction, Direction::LeftRight);
        assert_eq!(t.periods.len(), 1);
    }

    #[test]
    fn a_colon_in_a_section_name() {
        let text = "timeline\n    section 18:45 PST - Detection\n    a : b\n";
        let (t, d) = timeline(text);
        assert_eq!(d[0].code, "AR500");
        assert!(d[0].message.contains("`18` as the section name"));
        assert_eq!(display_text(&t.sections[0]), "18:45 PST - Detection");
        let fixed = apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        let (t2, d2) = timeline(&fixed);
        assert!(d2.is_empty());
        assert_eq!(display_text(&t2.sections[0]), "18:45 PST - Detection");
    }

    #[test]
    fn event_colons_without_blanks() {
        let text = "timeline\n  2020 :Launch\n";
        let (t, d) = timeline(text);
        assert_eq!(d[0].code, "AR501");
        assert_eq!(shape(&t), [("2020".to_string(), vec!["Launch".to_string()])]);
        let fixed = apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, "timeline\n  2020 : Launch\n");
        let (_, d) = timeline("timeline\n  2020 : \n");
        assert_eq!(d[0].code, "AR502");
        let (_, d) = timeline("timeline\n  : orphan\n  2020 : x\n");
        assert_eq!(d[0].code, "AR503");
        let (_, d) = timeline("timeline\n  Timeline review : x\n");
        assert_eq!(d[0].code, "AR504");
        let (_, d) = timeline("timeline\n  2019 : early\n  section A\n  2020 : x\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "AR506");
        assert!(!d[0].is_error());
    }
}
