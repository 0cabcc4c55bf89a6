//! Hostile text in every label position: the SVG holds no script, no event
//! handler, no external reference, and stays well-formed XML whatever the
//! labels say.

use atlas_render::pipeline::{render_svg, RenderOptions};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\" onload=\"alert(1)",
    "javascript:alert(1)",
    "</text><script>alert(1)</script><text>",
    "<![CDATA[</text><script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;svg onload=alert(1)&#62;",
    "<a href=\"https://evil.example/x\">x</a>",
    "<foreignObject><iframe src=\"https://evil.example\"></iframe></foreignObject>",
    "<style>@import url(https://evil.example/x.css);</style>",
];

/// Every label position of every kind we draw, with `P` where the payload goes.
fn sources(p: &str) -> Vec<String> {
    let q = p.replace('"', "#quot;");
    vec![
        format!("graph TD\n  A[\"{q}\"] --> B"),
        format!("graph TD\n  A -->|\"{q}\"| B"),
        format!("graph TD\n  subgraph S[\"{q}\"]\n    A\n  end"),
        format!("graph TD\n  A[\"`**{q}**`\"] --> B"),
        format!("graph TD\n  accTitle: {p}\n  accDescr: {p}\n  A --> B"),
        format!("---\ntitle: \"{q}\"\n---\ngraph TD\n  A --> B"),
        format!("graph TD\n  A --> B\n  click A \"{q}\" \"{q}\""),
        format!("graph TD\n  A --> B\n  style A fill:#fff,stroke:url(https://evil.example/x)"),
        format!("sequenceDiagram\n  participant A as {p}\n  A->>B: {p}\n  Note over A,B: {p}"),
        format!("sequenceDiagram\n  title {p}\n  A->>B: hi\n  loop {p}\n    B-->>A: {p}\n  end"),
        format!("pie title {p}\n  \"{q}\" : 42\n  \"b\" : 8"),
        format!("gantt\n  title {p}\n  dateFormat YYYY-MM-DD\n  section {p}\n  {p} :a1, 2024-01-01, 3d"),
        format!("timeline\n  title {p}\n  {p} : {p}\n  2024 : {p}"),
        format!("xychart-beta\n  title \"{q}\"\n  x-axis [\"{q}\", b]\n  y-axis \"{q}\" 0 --> 10\n  bar [1, 2]"),
        format!("erDiagram\n  A ||--o{{ B : \"{q}\"\n  A {{\n    string name PK \"{q}\"\n  }}"),
        format!("erDiagram\n  \"{q}\" ||--|{{ B : has\n  C[\"{q}\"] {{\n    int id\n  }}"),
        format!("erDiagram\n  accTitle: {p}\n  accDescr: {p}\n  A ||--o{{ B : has"),
        format!("mindmap\n  root((\"{q}\"))\n    a[\"{q}\"]\n    b[\"`**{q}**`\"]"),
        format!("mindmap\n  root))\"{q}\"((\n    h{{{{\"{q}\"}}}}\n    c)\"{q}\"(\n      ::icon(fa fa-book)"),
        format!("sankey-beta\n\"{c}\",b,1\nb,\"{c}\",2", c = p.replace('"', "\"\"")),
        format!("%%{{init: {{'sankey': {{'linkColor': 'url(https://evil.example/x)', 'nodeColors': {{'a': 'url(https://evil.example/x)'}}}}}}}}%%\nsankey-beta\na,b,1"),
        format!("quadrantChart\n  title {p}\n  x-axis \"{q}\" --> \"{q}\"\n  y-axis \"{q}\"\n  quadrant-1 \"{q}\"\n  \"{q}\": [0.5, 0.5]"),
        format!("%%{{init: {{'themeVariables': {{'quadrant1Fill': 'url(https://evil.example/x)', 'quadrantPointFill': 'red;stroke:url(https://evil.example/x)'}}}}}}%%\nquadrantChart\n  quadrant-1 a\n  A: [0.1, 0.2]"),
        format!("gitGraph\n  title {p}\n  commit id: \"{q}\" tag: \"{q}\"\n  branch \"{q}\"\n  commit msg: \"{q}\""),
        format!("%%{{init: {{'themeVariables': {{'git0': 'url(https://evil.example/x)', 'commitLabelColor': 'url(https://evil.example/x)'}}}}}}%%\ngitGraph\n  commit"),
        format!("stateDiagram-v2\n  state \"{q}\" as S\n  S --> T : {p}\n  T : {p}"),
        format!("stateDiagram-v2\n  state \"{q}\" as C {{\n    x --> y\n  }}\n  note right of x : {p}\n  note left of y\n    {p}\n  end note"),
        format!("stateDiagram-v2\n  accTitle: {p}\n  accDescr: {p}\n  A --> B\n  classDef c fill:#fff,stroke:url(https://evil.example/x)\n  class A c\n  style B fill:url(https://evil.example/y),color:javascript:x"),
        format!("---\ntitle: \"{q}\"\n---\nstateDiagram-v2\n  A --> B\n  click A \"{q}\" \"{q}\""),
    ]
}

const ALLOWED: &[&str] = &["svg", "g", "rect", "path", "polygon", "polyline", "line", "circle", "ellipse", "text", "tspan", "title", "desc", "style", "defs", "marker", "linearGradient", "stop"];

fn check(svg: &str, source: &str) {
    // our own <style> (the dark scheme's rules) imports and fetches nothing
    for style in svg.split("<style>").skip(1) {
        let rules = style.split("</style>").next().unwrap_or("").to_ascii_lowercase();
        assert!(!rules.contains("@import") && !rules.contains("url(") && !rules.contains("evil"), "a rule that reaches out in\n{source}\n{rules}");
    }
    // every tag is one of ours, no attribute is an event handler, no
    // attribute value is a script or an external reference
    let mut rest = svg;
    while let Some(at) = rest.find('<') {
        let tag = &rest[at + 1..];
        let end = tag.find('>').unwrap_or(tag.len());
        let inside = &tag[..end];
        let name: String = inside.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-').collect();
        assert!(ALLOWED.contains(&name.as_str()), "element `{name}` in the SVG of\n{source}");
        for (attr_name, value) in attributes(&inside[name.len() + usize::from(inside.starts_with('/'))..]) {
            assert!(!attr_name.to_ascii_lowercase().starts_with("on"), "event handler `{attr_name}` in the SVG of\n{source}");
            let value = value.to_ascii_lowercase();
            // ids, classes, data- and aria- attributes are inert text
            let inert = attr_name.starts_with("aria-") || attr_name.starts_with("data-") || attr_name == "id" || attr_name == "class";
            let is_reference = attr_name.ends_with("href") || attr_name == "src";
            let reaches_out = (is_reference && !value.starts_with('#'))
                || (!inert && (value.replace("url(#", "").contains("url(") || value.contains("javascript:") || value.contains("evil.example")));
            assert!(!reaches_out, "`{attr_name}=\"{value}\"` in the SVG of\n{source}");
        }
        rest = &tag[end..];
    }
    usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap_or_else(|e| panic!("not well-formed ({e}):\n{source}\n{svg}"));
}

/// A tag's attributes (`name="value"`, values in double quotes).
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        let name: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '=' && *c != '/' && *c != '>').collect();
        if name.is_empty() {
            return out;
        }
        rest = &rest[name.len()..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix("=\"") {
            let Some(close) = after.find('"') else { return out };
            value = after[..close].to_string();
            rest = &after[close + 1..];
        }
        out.push((name, value));
    }
}

#[test]
fn hostile_labels_stay_text() {
    let mut drawn = 0;
    let mut cases = 0;
    for p in PAYLOADS {
        for source in sources(p) {
            cases += 1;
            if let Ok(r) = render_svg(&source, &RenderOptions::default()) {
                drawn += 1;
                check(&r.svg, &source);
            }
            let inline = RenderOptions { id_prefix: Some("d1-".into()), dark_scheme: Some("[data-md-color-scheme=\"slate\"]".into()), ..RenderOptions::default() };
            if let Ok(r) = render_svg(&source, &inline) {
                check(&r.svg, &source);
            }
        }
    }
    // the payloads were drawn as text, not refused wholesale
    assert!(drawn * 10 >= cases * 9, "only {drawn} of {cases} hostile diagrams were drawn");
}
