//! Gantt charts, as mermaid-js 11's gantt grammar (`gantt.jison`) and
//! database (`ganttDb.ts`) read them. The lexer takes, at each point, the
//! first rule that matches (case-insensitive): comments (`%%...`, `#...`,
//! and any token starting `x%`), `accTitle:`/`accDescr:`/`accDescr {}`,
//! the keywords `gantt`, `dateFormat `, `inclusiveEndDates`, `topAxis`,
//! `axisFormat `, `tickInterval `, `includes `, `excludes `,
//! `todayMarker `, `weekday <day>`, a date `dddd-dd-dd`, `title `,
//! `accDescription `, `section ` (up to `#`, `;` or the line's end; mermaid 11.17 keeps a `:` in it),
//! `click`/`call`/`href "`, and then a task's name `[^#:\n;]+` which must be
//! followed by its data `:[^#\n;]+`.
//!
//! A task's data is split at commas; leading `active`, `done`, `crit`,
//! `milestone` are tags; what is left is `end`, `start, end` or
//! `id, start, end`. A start is `after id...` or a date read strictly in
//! `dateFormat` (dayjs), falling back to what JavaScript's `Date` reads; an
//! end is a date, a duration (`3d`, `2w`, `1.5h`, `30m`, `10s`, `2M`,
//! `1y`, `100ms`) after the start, or (anything else) the start itself.
//!
//! | code  | cause |
//! |-------|-------|
//! | AR600 | a task name with no `: data` after it (mermaid's parser fails) |
//! | AR601 | a `:` with no task name before it or no data after it, or a character the grammar has no token for (`;`) |
//! | AR602 | a task name that starts with a gantt keyword (`gantt`, `section`, `title`, `call`, a `YYYY-MM-DD` date...) |
//! | AR603 | a start that is neither `after id` nor a date (mermaid: "Invalid date") |
//! | AR604 | task data with more than three fields, or only tags (mermaid fails on it) |
//! | AR605 | a first task with no start (nothing before it to start after) |
//! | AR606 | an unclosed `accDescr {` |
//! | AR607 | warning: `after` names no task (mermaid-js starts it today; atlas-render after the task before it) |
//! | AR608 | warning: a task that ends before it starts (mermaid-js draws no bar) |

use crate::parse::directive::Header;
use crate::parse::prep::{decode_codes, prepare};
use crate::diagrams::ParseOutcome;
use crate::diagnostics::Diagnostic;
use crate::lex::is_js_space;
use super::model::{days_from_civil, days_in_month, Gantt, GanttTask, DAY_MS, REFERENCE_DAY};
use super::model::add_duration;
use crate::diagrams::Diagram;
use crate::model::DiagramKind;

fn starts_ci(s: &str, word: &str) -> bool {
    s.len() >= word.len() && s.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|r| r.chars().next())
}

fn line_end(t: &str, i: usize) -> usize {
    t[i..].find('\n').map_or(t.len(), |e| i + e)
}

/// `word\s[^#\n;]+` (or `[^\n;]+` for todayMarker) at the start of `rest`:
/// the value's range (relative to `rest`).
fn keyword_value(rest: &str, word: &str, stop_hash: bool) -> Option<(usize, usize)> {
    if !starts_ci(rest, word) || !char_at(rest, word.len()).is_some_and(|c| c == ' ' || c == '\t') {
        return None;
    }
    let from = word.len() + 1;
    let end = rest[from..].find(|c: char| c == '\n' || c == ';' || (stop_hash && c == '#')).map_or(rest.len(), |e| from + e);
    (end > from).then_some((from, end))
}

/// A task as read, before its times are computed.
struct RawTask {
    task: GanttTask,
    start: StartSpec,
    end_data: String,
    data_span: std::ops::Range<usize>,
}

enum StartSpec {
    PrevEnd(Option<usize>),
    Data(String),
    Broken,
}

/// Parses a gantt chart.
pub fn parse(text: &str, header: &Header) -> ParseOutcome {
    let prep = prepare(text);
    let t = prep.text.as_str();
    let span = |s: usize, e: usize| prep.orig_span(s..e);
    let mut g = Gantt { config: header.config.clone(), ..Gantt::default() };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut raws: Vec<RawTask> = Vec::new();
    let mut section = String::new();
    let mut seen_keyword = false;
    let mut task_count = 0;
    let mut p = 0;
    while p < t.len() {
        let rest = &t[p..];
        let c = rest.chars().next().unwrap();
        if c == '%' {
            p = line_end(t, p);
            continue;
        }
        // `[^\}]\%\%*[^\n]*`: any character (a line break too) and a `%`
        if c != '}' && rest[c.len_utf8()..].starts_with('%') {
            p = line_end(t, p + c.len_utf8());
            continue;
        }
        if c == '\n' || is_js_space(c) {
            p += c.len_utf8();
            continue;
        }
        if c == '#' {
            p = line_end(t, p);
            continue;
        }
        if let Some(after) = acc_start(rest, "accTitle", ':') {
            let end = line_end(t, p + after);
            g.acc_title = Some(decode_codes(t[p + after..end].trim()));
            p = end;
            continue;
        }
        if let Some(after) = acc_start(rest, "accDescr", ':') {
            let end = line_end(t, p + after);
            g.acc_descr = Some(decode_codes(t[p + after..end].trim()));
            p = end;
            continue;
        }
        if let Some(after) = acc_start(rest, "accDescr", '{') {
            let from = p + after;
            match t[from..].find('}') {
                Some(e) => {
                    g.acc_descr = Some(decode_codes(t[from..from + e].trim()));
                    p = from + e + 1;
                }
                None => {
                    diags.push(Diagnostic::error("AR606", span(p, p + 8), "this `accDescr {` is never closed").with_hint("end the description with `}`"));
                    p = t.len();
                }
            }
            continue;
        }
        if starts_ci(rest, "gantt") {
            if seen_keyword {
                diags.push(keyword_error(span(p, p + 5), &rest[..5]));
            }
            seen_keyword = true;
            p += 5;
            continue;
        }
        let mut handled = false;
        for (word, hash) in [("dateFormat", true), ("axisFormat", true), ("tickInterval", true), ("includes", true), ("excludes", true), ("todayMarker", false), ("title", true), ("accDescription", true)] {
            if let Some((a, b)) = keyword_value(rest, word, hash) {
                let v = rest[a..b].to_string();
                match word {
                    "dateFormat" => g.date_format = v.trim().to_string(),
                    "axisFormat" => g.axis_format = v.trim().to_string(),
                    "tickInterval" => g.tick_interval = v.trim().to_string(),
                    "includes" => g.includes = v.to_lowercase().split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()).map(String::from).collect(),
                    "excludes" => g.excludes = v.to_lowercase().split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()).map(String::from).collect(),
                    "todayMarker" => g.today_marker = v.trim().to_string(),
                    "title" => g.title = Some(decode_codes(v.trim())),
                    _ => g.acc_descr = Some(decode_codes(v.trim())),
                }
                p += b;
                handled = true;
                break;
            }
        }
        if handled {
            continue;
        }
        if starts_ci(rest, "inclusiveEndDates") {
            g.inclusive_end_dates = true;
            p += 17;
            continue;
        }
        if starts_ci(rest, "topAxis") {
            g.top_axis = true;
            p += 7;
            continue;
        }
        if starts_ci(rest, "weekday") {
            let after = &rest[7..];
            let blanks = after.len() - after.trim_start_matches(|c: char| is_js_space(c) || c == '\n').len();
            if blanks > 0 {
                if let Some(day) = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].iter().find(|d| starts_ci(&after[blanks..], d)) {
                    p += 7 + blanks + day.len();
                    continue;
                }
            }
        }
        if is_date_token(rest) {
            diags.push(keyword_error(span(p, p + 10), &rest[..10]));
            p = line_end(t, p);
            continue;
        }
        // mermaid 11.17 reads a section's name to the line's end, `:` included
        if let Some((a, b)) = keyword_value(rest, "section", true) {
            let name = decode_codes(rest[a..b].trim_end());
            g.sections.push(name.clone());
            section = name;
            p += b;
            continue;
        }
        if starts_ci(rest, "click") && char_at(rest, 5).is_some_and(|c| c.is_whitespace()) {
            // click <id> [href "..."] [call f(...)]: interactivity, not drawn
            p = line_end(t, p);
            continue;
        }
        let call = starts_ci(rest, "call") && char_at(rest, 4).is_some_and(|c| c.is_whitespace());
        let href = starts_ci(rest, "href") && rest[4..].trim_start().starts_with('"') && char_at(rest, 4).is_some_and(|c| c.is_whitespace());
        if call || href {
            diags.push(keyword_error(span(p, p + 4), &rest[..4]));
            p = line_end(t, p);
            continue;
        }
        if c == ':' || c == ';' {
            let what = if c == ';' { "mermaid-js's gantt grammar has no `;`" } else { "this `:` has no task name before it" };
            diags.push(Diagnostic::error("AR601", span(p, p + 1), what).with_hint("write each task as `Name : start, end` on a line of its own"));
            p = line_end(t, p);
            continue;
        }
        // taskTxt [^#:\n;]+ then taskData :[^#\n;]+
        let name_end = rest.find(['#', ':', '\n', ';']).map_or(t.len(), |e| p + e);
        let name = t[p..name_end].trim_end().to_string();
        let data_ok = t[name_end..].starts_with(':') && char_at(t, name_end + 1).is_some_and(|c| !matches!(c, '#' | '\n' | ';'));
        if !data_ok {
            let (code, msg, at) = if t[name_end..].starts_with(':') {
                ("AR601", format!("the task `{}` has no data after its `:`", decode_codes(&name)), span(name_end, name_end + 1))
            } else {
                ("AR600", format!("mermaid-js reads `{}` as a task name, and a task needs `: start, end` after it", decode_codes(&name)), span(p, name_end))
            };
            diags.push(Diagnostic::error(code, at, msg).with_hint("write the task as `Name : 2024-01-01, 3d` (or `Name : after other, 2d`)"));
            p = line_end(t, name_end);
            continue;
        }
        let data_end = t[name_end + 1..].find(['#', '\n', ';']).map_or(t.len(), |e| name_end + 1 + e);
        let data = &t[name_end + 1..data_end];
        let mut task = GanttTask { name: decode_codes(&name), section: section.clone(), span: span(p, data_end), ..GanttTask::default() };
        let mut parts: Vec<String> = data.split(',').map(String::from).collect();
        let mut broken = false;
        'tags: loop {
            let mut found = false;
            for tag in ["active", "done", "crit", "milestone"] {
                let Some(first) = parts.first() else {
                    broken = true;
                    break 'tags;
                };
                if first.trim() == tag && !first.trim_start().is_empty() {
                    match tag {
                        "active" => task.active = true,
                        "done" => task.done = true,
                        "crit" => task.crit = true,
                        _ => task.milestone = true,
                    }
                    parts.remove(0);
                    found = true;
                }
            }
            if !found {
                break;
            }
        }
        let parts: Vec<String> = parts.iter().map(|s| s.trim().to_string()).collect();
        let auto_id = |n: &mut usize| {
            *n += 1;
            format!("task{n}")
        };
        let (start, end_data) = match (broken, parts.len()) {
            (false, 1) => {
                task.id = auto_id(&mut task_count);
                (StartSpec::PrevEnd(raws.len().checked_sub(1)), parts[0].clone())
            }
            (false, 2) => {
                task.id = auto_id(&mut task_count);
                (StartSpec::Data(parts[0].clone()), parts[1].clone())
            }
            (false, 3) => {
                task.id = parts[0].clone();
                (StartSpec::Data(parts[1].clone()), parts[2].clone())
            }
            _ => {
                let colon_hint = if data.contains(':') && !name.is_empty() { " A `:` in the task name ends the name: write it as `#58;`." } else { "" };
                diags.push(
                    Diagnostic::error(
                        "AR604",
                        span(name_end, data_end),
                        format!("mermaid-js cannot read the data of `{}`: after its tags it has {} fields (it reads `end`, `start, end` or `id, start, end`)", decode_codes(&name), parts.len()),
                    )
                    .with_hint(format!("separate tags, id, start and end with commas, and nothing else.{colon_hint}")),
                );
                task.id = auto_id(&mut task_count);
                (StartSpec::Broken, String::new())
            }
        };
        if let StartSpec::PrevEnd(None) = start {
            diags.push(
                Diagnostic::error("AR605", span(name_end, data_end), format!("`{}` has no start and there is no task before it to start after", decode_codes(&name)))
                    .with_hint("give the first task a start: `Name : 2024-01-01, 3d`"),
            );
        }
        raws.push(RawTask { task, start, end_data, data_span: span(name_end + 1, data_end) });
        p = data_end;
    }
    if g.date_format.is_empty() {
        g.date_format = "YYYY-MM-DD".to_string();
    }
    compute_times(&mut g, raws, &mut diags);
    if g.title.is_none() {
        g.title = header.config.title.clone().filter(|t| !t.trim().is_empty());
    }
    for d in &mut diags {
        d.span = d.span.start.min(text.len())..d.span.end.min(text.len());
    }
    ParseOutcome { kind: DiagramKind::Gantt, diagram: Some(Diagram::Gantt(g)), diagnostics: diags }
}

fn keyword_error(at: std::ops::Range<usize>, word: &str) -> Diagnostic {
    Diagnostic::error("AR602", at, format!("mermaid-js reads `{word}` here as a gantt keyword, which cannot start a task name"))
        .with_hint("put another word first in the task name, or write its first letter as an entity code (`#99;all` for `call`)")
}

fn is_date_token(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5..7].iter().all(u8::is_ascii_digit) && b[7] == b'-' && b[8..10].iter().all(u8::is_ascii_digit)
}

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

/// mermaid's `getTasks`: up to 11 passes over the tasks, each computing
/// the tasks whose start is known.
fn compute_times(g: &mut Gantt, mut raws: Vec<RawTask>, diags: &mut Vec<Diagnostic>) {
    let fmt = g.date_format.clone();
    let mut reported = vec![false; raws.len()];
    for _ in 0..11 {
        let mut all = true;
        for i in 0..raws.len() {
            if raws[i].task.end.is_some() {
                continue;
            }
            let start = match &raws[i].start {
                StartSpec::Broken | StartSpec::PrevEnd(None) => None,
                StartSpec::PrevEnd(Some(k)) => raws[*k].task.end,
                StartSpec::Data(s) => {
                    let s = s.trim().to_string();
                    if let Some(ids) = after_ids(&s) {
                        let mut latest: Option<(usize, Option<i64>)> = None;
                        for id in ids.split(' ') {
                            if let Some(k) = raws.iter().rposition(|r| r.task.id == id) {
                                let e = raws[k].task.end;
                                if latest.is_none_or(|(_, le)| e > le) {
                                    latest = Some((k, e));
                                }
                            }
                        }
                        match latest {
                            Some((_, e)) => e,
                            None => {
                                if !reported[i] {
                                    reported[i] = true;
                                    diags.push(
                                        Diagnostic::warning("AR607", raws[i].data_span.clone(), format!("`{s}` names no task; mermaid-js starts this task today"))
                                            .with_hint("name a task's id (`Name : id, start, end`) after `after`"),
                                    );
                                }
                                i.checked_sub(1).and_then(|k| raws[k].task.end).or(Some(REFERENCE_DAY * DAY_MS))
                            }
                        }
                    } else {
                        match parse_date(&s, &fmt).or_else(|| js_date(&s)) {
                            Some(d) => Some(d),
                            None => {
                                if !reported[i] {
                                    reported[i] = true;
                                    diags.push(
                                        Diagnostic::error("AR603", raws[i].data_span.clone(), format!("mermaid-js cannot read the start `{s}`: it is not a date in the format `{fmt}` (mermaid: \"Invalid date:{s}\")"))
                                            .with_hint(format!("start with a date written as `{fmt}` or `after <id>`; durations (`30s`, `2h`) only give the end")),
                                    );
                                }
                                None
                            }
                        }
                    }
                }
            };
            let Some(start) = start else {
                all = false;
                continue;
            };
            raws[i].task.start = Some(start);
            let end = end_date(start, &fmt, &raws[i].end_data, g.inclusive_end_dates);
            raws[i].task.end = Some(end);
        }
        if all {
            break;
        }
    }
    for r in &raws {
        if let (Some(s), Some(e)) = (r.task.start, r.task.end) {
            if e < s {
                diags.push(
                    Diagnostic::warning("AR608", r.data_span.clone(), format!("`{}` ends before it starts; mermaid-js draws no bar for it", r.task.name))
                        .with_hint("check the end: a time past midnight needs a date (`dateFormat YYYY-MM-DD HH:mm`)"),
                );
            }
        }
    }
    g.tasks = raws.into_iter().map(|r| r.task).collect();
}

/// `^after\s+([\d\w- ]+)`: the ids.
fn after_ids(s: &str) -> Option<String> {
    let rest = s.strip_prefix("after")?;
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return None;
    }
    let ids: String = trimmed.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == ' ').collect();
    (!ids.is_empty()).then_some(ids)
}

/// mermaid's `getEndDate`: a date, a duration after `start`, or `start`.
fn end_date(start: i64, fmt: &str, s: &str, inclusive: bool) -> i64 {
    let s = s.trim();
    if let Some(d) = parse_date(s, fmt) {
        return if inclusive { d + DAY_MS } else { d };
    }
    match parse_duration(s) {
        Some((v, unit)) => add_duration(start, v, unit),
        None => start,
    }
}

/// `^(\d+(?:\.\d+)?)([Mdhmswy]|ms)$`.
pub fn parse_duration(s: &str) -> Option<(f64, &str)> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (num, unit) = s.split_at(digits);
    let ok_num = !num.is_empty() && num.split('.').count() <= 2 && !num.starts_with('.') && !num.ends_with('.');
    let ok_unit = matches!(unit, "M" | "d" | "h" | "m" | "s" | "w" | "y" | "ms");
    (ok_num && ok_unit).then(|| (num.parse().unwrap_or(0.0), unit))
}

/// A date read strictly in a dayjs format (`YYYY-MM-DD`, `HH:mm`, `X`...),
/// as `dayjs(s, fmt, true)` reads it; parts the format leaves out come
/// from [`REFERENCE_DAY`].
pub fn parse_date(s: &str, fmt: &str) -> Option<i64> {
    let fmt = fmt.trim();
    if fmt == "X" || fmt == "x" {
        let ok = !s.is_empty() && s.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) && (s == "0" || !s.trim_start_matches('-').starts_with('0')) && s != "-";
        let v: i64 = if ok { s.parse().ok()? } else { return None };
        return Some(if fmt == "X" { v * 1000 } else { v });
    }
    const TOKENS: [&str; 18] = ["YYYY", "YY", "MM", "M", "DD", "D", "HH", "H", "hh", "h", "mm", "m", "ss", "s", "SSS", "SS", "S", "A"];
    let (mut y, mut mo, mut d, mut h, mut mi, mut sec, mut ms, mut pm) = (None, None, None, 0, 0, 0, 0, None);
    let mut f = fmt;
    let mut i = s;
    while !f.is_empty() {
        if let Some(tok) = TOKENS.iter().find(|tk| f.starts_with(**tk)) {
            f = &f[tok.len()..];
            if *tok == "A" {
                let w = if starts_ci(i, "AM") { false } else if starts_ci(i, "PM") { true } else { return None };
                pm = Some(w);
                i = &i[2..];
                continue;
            }
            let n = i.bytes().take_while(u8::is_ascii_digit).count();
            let want = tok.len();
            let single = want == 1;
            let take = if single { n.min(2) } else { want };
            if n < take || take == 0 || (single && take == 2 && i.starts_with('0')) {
                return None;
            }
            let v: i64 = i[..take].parse().ok()?;
            i = &i[take..];
            match tok.chars().next().unwrap() {
                'Y' => y = Some(if want == 2 { v + if v > 68 { 1900 } else { 2000 } } else { v }),
                'M' => mo = Some(v),
                'D' => d = Some(v),
                'H' | 'h' => h = v,
                'm' => mi = v,
                's' => sec = v,
                _ => ms = v * 10_i64.pow(3 - want as u32),
            }
        } else {
            let c = f.chars().next().unwrap();
            if !i.starts_with(c) {
                return None;
            }
            f = &f[c.len_utf8()..];
            i = &i[c.len_utf8()..];
        }
    }
    if !i.is_empty() {
        return None;
    }
    if let Some(is_pm) = pm {
        if !(1..=12).contains(&h) {
            return None;
        }
        h = h % 12 + if is_pm { 12 } else { 0 };
    }
    let (ry, rm, rd) = super::model::civil_from_days(REFERENCE_DAY);
    let year = y.unwrap_or(ry);
    let month = mo.unwrap_or(if y.is_none() { rm } else { 1 });
    let day = d.unwrap_or(if y.is_none() && mo.is_none() { rd } else { 1 });
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    Some(days_from_civil(year, month, day) * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms)
}

/// The dates JavaScript's `new Date(s)` reads that matter here: ISO
/// dates (`2024`, `2024-03`, `2024-03-05`, with `THH:mm[:ss]`), and
/// `YYYY/MM/DD`; anything else is invalid.
pub fn js_date(s: &str) -> Option<i64> {
    let s = s.trim();
    // V8's legacy reading of bare numbers (`0.2`, `330`, `1.5.2020`): valid
    // dates; their value only approximated (month, day, year).
    let nums: Vec<&str> = s.split(['.', '/']).collect();
    if s.contains('.') || (nums.len() == 1 && !s.is_empty() && s.len() <= 6) {
        if nums.len() <= 3 && nums.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
            let v: Vec<i64> = nums.iter().map(|p| p.parse().unwrap_or(0)).collect();
            let (m, d, y) = match v.len() {
                1 => (1, 1, if v[0] < 50 { 2000 + v[0] } else if v[0] < 100 { 1900 + v[0] } else { v[0] }),
                2 => (v[0].clamp(1, 12), v[1].clamp(1, 28), 2001),
                _ => (v[0].clamp(1, 12), v[1].clamp(1, 28), v[2]),
            };
            return Some(days_from_civil(y, m, d) * DAY_MS);
        }
        if s.contains('.') {
            return None;
        }
    }
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim_end_matches('Z'))),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split(['-', '/']).collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) || parts[0].len() != 4 {
        return None;
    }
    let y: i64 = parts[0].parse().ok()?;
    let m: i64 = parts.get(1).map_or(Some(1), |p| p.parse().ok())?;
    let d: i64 = parts.get(2).map_or(Some(1), |p| p.parse().ok())?;
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    let mut ms = days_from_civil(y, m, d) * DAY_MS;
    if let Some(t) = time {
        ms += parse_date(t, "HH:mm:ss").or_else(|| parse_date(t, "HH:mm")).map(|v| v.rem_euclid(DAY_MS))?;
    }
    Some(ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagrams::gantt::model::format_iso;
    use crate::diagrams::parse as parse_any;

    fn gantt(text: &str) -> (Gantt, Vec<Diagnostic>) {
        let o = parse_any(text);
        match o.diagram {
            Some(Diagram::Gantt(g)) => (g, o.diagnostics),
            other => panic!("not a gantt: {other:?}"),
        }
    }

    #[test]
    fn reads_tasks_tags_ids_and_after() {
        let (g, d) = gantt("gantt\n  title Plan\n  dateFormat YYYY-MM-DD\n  axisFormat %m/%d\n  %% comment\n  section A\n  Design :done, des, 2024-01-01, 3d\n  Build :active, build, after des, 1w\n  section B\n  Ship : crit, milestone, ship, after build, 0d\n  Tail : 2d\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(g.title.as_deref(), Some("Plan"));
        assert_eq!(g.sections, ["A", "B"]);
        let iso: Vec<(String, String)> = g.tasks.iter().map(|t| (format_iso(t.start.unwrap()), format_iso(t.end.unwrap()))).collect();
        assert_eq!(iso[0].0, "2024-01-01T00:00:00.000Z");
        assert_eq!(iso[0].1, "2024-01-04T00:00:00.000Z");
        assert_eq!(iso[1].1, "2024-01-11T00:00:00.000Z");
        assert_eq!(iso[2].0, iso[2].1);
        assert_eq!(iso[3].1, "2024-01-13T00:00:00.000Z");
        assert!(g.tasks[0].done && g.tasks[1].active && g.tasks[2].crit && g.tasks[2].milestone);
        assert_eq!(g.tasks[2].id, "ship");
        assert_eq!(g.tasks[3].id, "task1");
        assert_eq!(g.tasks[3].section, "B");
    }

    #[test]
    fn dates_in_formats() {
        assert_eq!(parse_date("09:30", "HH:mm"), Some(REFERENCE_DAY * DAY_MS + 9 * 3_600_000 + 30 * 60_000));
        assert_eq!(parse_date("9:30", "HH:mm"), None);
        assert_eq!(parse_date("330", "X"), Some(330_000));
        assert_eq!(parse_date("30s", "X"), None);
        assert_eq!(parse_date("2024-02-30", "YYYY-MM-DD"), None);
        assert_eq!(parse_date("2021", "YYYY").map(format_iso).as_deref(), Some("2021-01-01T00:00:00.000Z"));
        assert_eq!(js_date("2024-03-05").map(format_iso).as_deref(), Some("2024-03-05T00:00:00.000Z"));
        assert_eq!(js_date("30 AM) :330"), None);
        assert!(js_date("0.2").is_some() && js_date("30s").is_none());
        assert_eq!(parse_duration("1.5h"), Some((1.5, "h")));
        assert_eq!(parse_duration("30x"), None);
        assert_eq!(format_iso(add_duration(parse_date("2024-01-31", "YYYY-MM-DD").unwrap(), 1.0, "M")), "2024-02-29T00:00:00.000Z");
    }

    #[test]
    fn mermaids_refusals() {
        // a duration as a start
        let (_, d) = gantt("gantt\n dateFormat X\n a :done, a, 0, 30s\n b :done, b, 30s, 60s\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "AR603");
        // a colon inside a task name
        let (_, d) = gantt("gantt\n dateFormat HH:mm\n India (UTC+5:30) :crit, india, 17:30, 2h\n");
        assert_eq!(d[0].code, "AR604");
        assert!(d[0].hint.as_deref().unwrap().contains("#58;"));
        let (_, d) = gantt("gantt\n dateFormat X\n Regular Hours (9:30 AM) :330, 960\n");
        assert_eq!(d[0].code, "AR603");
        let (_, d) = gantt("gantt\n just a name\n");
        assert_eq!(d[0].code, "AR600");
        let (_, d) = gantt("gantt\n a : 2d\n");
        assert_eq!(d[0].code, "AR605");
        let (_, d) = gantt("gantt\n Call center : 2024-01-01, 2d\n");
        assert_eq!(d[0].code, "AR602");
        let (_, d) = gantt("gantt\n a : 2024-01-01, 2d ; b : 1d\n");
        assert_eq!(d[0].code, "AR601");
        let (g, d) = gantt("gantt\n dateFormat HH:mm\n a : 22:00, 02:00\n b : after nothing, 1h\n");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["AR607", "AR608"]);
        assert!(d.iter().all(|d| !d.is_error()));
        assert_eq!(g.tasks[1].start, g.tasks[0].end);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let pieces = [":", " ", "\n", "#", "é", "%%", ",", "after", "a", "2024-01-01", "3d", "done", "section", "title", "x", ";", "\t", "crit", "00:00"];
        let mut seed: u64 = 7;
        for _ in 0..3000 {
            let mut text = String::from("gantt\n");
            for _ in 0..14 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let o = parse_any(&text);
            for d in &o.diagnostics {
                assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "{text:?} {d:?}");
            }
            if let Some(Diagram::Gantt(g)) = &o.diagram {
                let _ = crate::diagrams::gantt::layout::layout_gantt(g);
            }
        }
    }
}
