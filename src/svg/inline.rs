//! Our SVG made fit to sit inline in an HTML page beside other diagrams:
//! every `id` and every reference to one (`url(#…)`, `href="#…"`,
//! `aria-labelledby`, `aria-describedby`) prefixed, so no two diagrams on a
//! page collide, and `role="img"` on the root (its `<title>` and `<desc>`
//! name it). It reads the writer's own output: attributes in double quotes,
//! `<` and `>` escaped in text, so a tag is everything between them.

/// Whether `prefix` can begin an XML id (a letter or `_`, then letters,
/// digits, `-`, `_` or `.`).
pub fn valid_prefix(prefix: &str) -> bool {
    let mut chars = prefix.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Prefixes the ids of a drawing of ours and the references to them.
pub fn prefix_ids(svg: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 64);
    let mut rest = svg;
    let mut root_done = false;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let tag = &rest[start..start + len + 1];
        let is_root = !root_done && tag.starts_with("<svg");
        root_done |= is_root;
        out.push_str(&prefix_tag(tag, prefix, is_root));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

fn prefix_tag(tag: &str, prefix: &str, is_root: bool) -> String {
    let mut out = String::with_capacity(tag.len() + 16);
    let mut rest = tag;
    // attribute by attribute: ` name="value"`
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq].rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
        let name = &rest[name_start..eq];
        let value_start = eq + 2;
        let Some(value_len) = rest[value_start..].find('"') else { break };
        let value = &rest[value_start..value_start + value_len];
        out.push_str(&rest[..value_start]);
        let value = match name {
            "id" => format!("{prefix}{value}"),
            "href" | "xlink:href" if value.starts_with('#') => format!("#{prefix}{}", &value[1..]),
            "aria-labelledby" | "aria-describedby" => value.split_whitespace().map(|v| format!("{prefix}{v}")).collect::<Vec<_>>().join(" "),
            "role" if is_root => "img".to_string(),
            _ if value.contains("url(#") => value.replace("url(#", &format!("url(#{prefix}")),
            _ => value.to_string(),
        };
        out.push_str(&value);
        out.push('"');
        rest = &rest[value_start + value_len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_ids_and_every_reference_and_nothing_else() {
        let svg = "<svg role=\"graphics-document document\" aria-labelledby=\"chart-title\" aria-describedby=\"chart-desc\">\n<title id=\"chart-title\">url(#a) id=\"x\"</title>\n<defs><marker id=\"arrow\"/></defs>\n<path marker-end=\"url(#arrow)\" fill=\"#fff\"/><use href=\"#arrow\"/><g data-id=\"DB\"/>\n</svg>";
        let p = prefix_ids(svg, "d3-");
        assert_eq!(p, "<svg role=\"img\" aria-labelledby=\"d3-chart-title\" aria-describedby=\"d3-chart-desc\">\n<title id=\"d3-chart-title\">url(#a) id=\"x\"</title>\n<defs><marker id=\"d3-arrow\"/></defs>\n<path marker-end=\"url(#d3-arrow)\" fill=\"#fff\"/><use href=\"#d3-arrow\"/><g data-id=\"DB\"/>\n</svg>");
    }

    #[test]
    fn a_prefix_must_begin_an_id() {
        assert!(valid_prefix("atlas-3_"));
        assert!(!valid_prefix("3a") && !valid_prefix("") && !valid_prefix("a b") && !valid_prefix("a\""));
    }
}
