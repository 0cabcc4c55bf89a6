//! One SVG for both of a page's colour schemes, without JavaScript.
//!
//! A diagram drawn twice, with the light theme and with the dark one, is the
//! same drawing in different colours: the same elements, the same
//! attributes, only the paint differs (the themes change no size). This
//! module keeps the light drawing and adds, in a `<style>` scoped to the
//! drawing's root id, the dark drawing's paint for every element whose paint
//! differs, under the page's selector for its dark scheme (MkDocs Material:
//! `[data-md-color-scheme="slate"]`). CSS rules beat presentation
//! attributes, so the light colours stay the attributes (what resvg, print
//! and a page without the selector show) and the dark ones apply when the
//! page switches. Colours the author gave are the same in both drawings, so
//! the planes keep their colours in both schemes.
//!
//! It reads the writer's own output, as `inline` does: attributes in double
//! quotes, `<` and `>` escaped in text.

use std::collections::BTreeMap;

/// Paint attributes that may differ between the two drawings.
const PAINT: &[&str] = &["fill", "stroke", "stop-color", "fill-opacity", "stroke-opacity", "color"];

/// Whether `selector` can stand before a rule: no character that could end
/// the rule or the `<style>` element (`{`, `}`, `;`, `<`, `>`, `@`, `\`).
pub fn valid_selector(selector: &str) -> bool {
    !selector.trim().is_empty() && !selector.chars().any(|c| matches!(c, '{' | '}' | ';' | '<' | '@' | '\\' | '/' | '\n' | '\r'))
}

/// A piece of a drawing: a tag (`<…>`) or the text between two.
fn pieces(svg: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        if start > 0 {
            out.push(&rest[..start]);
        }
        let len = rest[start..].find('>').map_or(rest.len() - start, |l| l + 1);
        out.push(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A tag's attributes, in order, as (name, value).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else { break };
        out.push((&rest[name_start..eq], &rest[value_start..value_start + len]));
        rest = &rest[value_start + len + 1..];
    }
    out
}

/// The part of a tag before its first attribute (`<rect`).
fn tag_name(tag: &str) -> &str {
    tag.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or(tag)
}

/// The light drawing, with the dark drawing's paint as rules under
/// `selector` for the root id `root_id` (given to the root when it has
/// none). `None` when the two are not the same drawing in other colours.
pub fn merge_schemes(light: &str, dark: &str, selector: &str, root_id: &str) -> Option<String> {
    let (lp, dp) = (pieces(light), pieces(dark));
    if lp.len() != dp.len() {
        return None;
    }
    // Per element that changes: its dark paint, and the class naming it.
    let mut classes: BTreeMap<Vec<(&str, &str)>, usize> = BTreeMap::new();
    let mut marked: Vec<Option<usize>> = vec![None; lp.len()];
    for (i, (l, d)) in lp.iter().zip(&dp).enumerate() {
        if l == d {
            continue;
        }
        if !l.starts_with('<') || tag_name(l) != tag_name(d) {
            return None;
        }
        let (la, da) = (attributes(l), attributes(d));
        if la.len() != da.len() {
            return None;
        }
        let mut paint = Vec::new();
        for ((ln, lv), (dn, dv)) in la.iter().zip(&da) {
            if ln != dn {
                return None;
            }
            if lv != dv {
                if !PAINT.contains(ln) {
                    return None;
                }
                paint.push((*dn, *dv));
            }
        }
        let next = classes.len();
        marked[i] = Some(*classes.entry(paint).or_insert(next));
    }
    let mut rules: Vec<(usize, String)> = classes
        .iter()
        .map(|(paint, n)| {
            let body: Vec<String> = paint.iter().map(|(name, value)| format!("{name}:{value}")).collect();
            (*n, format!("{selector} #{root_id} .dk{n}{{{}}}", body.join(";")))
        })
        .collect();
    rules.sort();
    let mut out = String::with_capacity(light.len() + 32 * lp.len() / 8 + 64 * rules.len());
    let mut root_done = false;
    for (piece, mark) in lp.iter().zip(&marked) {
        let is_root = !root_done && piece.starts_with("<svg");
        let mut tag = match mark {
            Some(n) => with_class(piece, &format!("dk{n}")),
            None => piece.to_string(),
        };
        if is_root {
            root_done = true;
            if !attributes(&tag).iter().any(|(n, _)| *n == "id") {
                tag.insert_str(4, &format!(" id=\"{root_id}\""));
            }
            out.push_str(&tag);
            out.push_str("\n<style>");
            for (_, rule) in &rules {
                out.push_str(rule);
            }
            out.push_str("</style>");
            continue;
        }
        out.push_str(&tag);
    }
    Some(out)
}

/// A tag with `class` added to its classes.
fn with_class(tag: &str, class: &str) -> String {
    if let Some(at) = tag.find(" class=\"") {
        let value_start = at + 8;
        let end = tag[value_start..].find('"').map_or(tag.len(), |e| value_start + e);
        format!("{} {class}{}", &tag[..end], &tag[end..])
    } else {
        let name = tag_name(tag).len();
        format!("{} class=\"{class}\"{}", &tag[..name], &tag[name..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_paint_becomes_scoped_rules_and_the_author_colours_none() {
        let light = "<svg xmlns=\"x\" width=\"10\">\n<rect class=\"background\" fill=\"#FFFFFF\"/>\n<rect class=\"box\" fill=\"#ECECFF\" stroke=\"#9370DB\"/>\n<rect fill=\"#0066CC\"/>\n<text fill=\"#333333\">A</text>\n</svg>";
        let dark = "<svg xmlns=\"x\" width=\"10\">\n<rect class=\"background\" fill=\"#1e2129\"/>\n<rect class=\"box\" fill=\"#1f2020\" stroke=\"#cccccc\"/>\n<rect fill=\"#0066CC\"/>\n<text fill=\"#e0dfdf\">A</text>\n</svg>";
        let merged = merge_schemes(light, dark, "[data-md-color-scheme=\"slate\"]", "d1-diagram").unwrap();
        assert!(merged.starts_with("<svg id=\"d1-diagram\" xmlns=\"x\" width=\"10\">\n<style>"), "{merged}");
        assert!(merged.contains("<rect class=\"box dk"), "{merged}");
        assert!(merged.contains("<rect fill=\"#0066CC\"/>"), "the author's colour has no rule: {merged}");
        assert!(merged.contains("<text class=\"dk"), "{merged}");
        assert!(merged.contains("[data-md-color-scheme=\"slate\"] #d1-diagram .dk1{fill:#1f2020;stroke:#cccccc}"), "{merged}");
        assert_eq!(merged.matches(".dk").count(), 3, "{merged}");
    }

    #[test]
    fn different_drawings_do_not_merge() {
        assert!(merge_schemes("<svg><rect x=\"1\"/></svg>", "<svg><rect x=\"2\"/></svg>", "html", "r").is_none());
        assert!(merge_schemes("<svg><rect/></svg>", "<svg><rect/><rect/></svg>", "html", "r").is_none());
        assert!(merge_schemes("<svg><text>a</text></svg>", "<svg><text>b</text></svg>", "html", "r").is_none());
    }

    #[test]
    fn a_selector_cannot_break_out_of_its_rule() {
        assert!(valid_selector("[data-md-color-scheme=\"slate\"]") && valid_selector("html.dark body"));
        assert!(!valid_selector("x{}") && !valid_selector("</style><script>") && !valid_selector("") && !valid_selector("@import"));
    }
}
