//! The command line as users run it: formats, exit codes, stdin/stdout,
//! no half-written files, and `check` reports in every format.

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod common;
use common::{bin, fixture, temp_dir};

fn run_with_stdin(mut cmd: Command, input: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn renders_svg_png_and_pdf_by_extension() {
    let dir = temp_dir("formats");
    for (ext, magic) in [("svg", &b"<svg"[..]), ("png", &b"\x89PNG"[..]), ("pdf", &b"%PDF"[..])] {
        let out = dir.join(format!("basic.{ext}"));
        let o = bin().arg(fixture("basic_td.mmd")).arg("-o").arg(&out).output().unwrap();
        assert!(o.status.success(), "{ext}: {}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{ext} output starts with {:?}", &bytes[..8.min(bytes.len())]);
    }
    // --format wins over the extension.
    let out = dir.join("forced.out");
    let o = bin().arg(fixture("basic_td.mmd")).args(["--format", "png", "-o"]).arg(&out).output().unwrap();
    assert!(o.status.success());
    assert!(std::fs::read(&out).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn reads_stdin_and_writes_stdout() {
    let mut cmd = bin();
    cmd.args(["-", "-o", "-"]);
    let o = run_with_stdin(cmd, "graph LR\n  A --> B\n");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = String::from_utf8(o.stdout).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains(r#"class="node default" data-id="A""#));
    assert!(svg.contains(r#"data-from="A" data-to="B""#));
}

#[test]
fn a_diagram_that_cannot_be_drawn_exits_1_and_writes_nothing() {
    let dir = temp_dir("bad");
    let input = dir.join("bad.mmd");
    std::fs::write(&input, "graph TD\n  A[unterminated --> B\n").unwrap();
    let out = dir.join("bad.svg");
    let o = bin().arg(&input).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!out.exists(), "no output file on failure");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "only the input remains: {leftovers:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.mmd:2:"), "error names file and line: {err}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let o = bin().arg("/nonexistent/diagram.mmd").arg("-o").arg("/tmp/x.svg").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin().arg(fixture("basic_td.mmd")).arg("-o").arg("/tmp/out.unknown").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin().args(["check", "/nonexistent/folder"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin().arg("--no-such-flag").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn tolerant_rendering_draws_what_mermaid_refuses_with_a_warning() {
    let dir = temp_dir("tolerant");
    let out = dir.join("t.svg");
    let o = bin().arg(fixture("tolerant_parens.mmd")).arg("-o").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("mermaid-js refuses"), "warns: {err}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Zuul Gateway (Primary)"), "draws the label the author meant");
    // ... and check fails it, pointing at the `(`.
    let o = bin().arg("check").arg(fixture("tolerant_parens.mmd")).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(report.contains("tolerant_parens.mmd:2:"), "{report}");
}

#[test]
fn check_is_clean_on_valid_fixtures_and_reports_json() {
    let dir = temp_dir("check");
    for name in ["basic_td.mmd", "subgraph_nested.mmd", "edge_labels.mmd"] {
        std::fs::copy(fixture(name), dir.join(name)).unwrap();
    }
    let o = bin().arg("check").arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let o = bin().args(["check", "--json"]).arg(&dir).output().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    for v in &lines {
        for key in ["file", "block", "kind", "ok", "error", "layout", "micros"] {
            assert!(v.get(key).is_some(), "{key} in {v}");
        }
        assert_eq!(v["kind"], "flowchart");
        assert_eq!(v["ok"], true);
        for key in ["width", "height", "nodes", "edges", "crossings", "overlaps", "edge_node_hits", "text_overflow"] {
            assert!(v["layout"].get(key).is_some(), "layout.{key} in {v}");
        }
    }
}

#[test]
fn check_reads_markdown_blocks_and_points_into_the_markdown_file() {
    let dir = temp_dir("markdown");
    let md = "# Page\n\nText.\n\n```mermaid\ngraph TD\n    A --> B\n```\n\n!!! note\n    ```mermaid\n    graph LR\n        X[Zuul (Primary)] --> Y\n    ```\n";
    std::fs::write(dir.join("page.md"), md).unwrap();
    let o = bin().args(["check", "--json"]).arg(dir.join("page.md")).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["block"], 1);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["block"], 2);
    assert_eq!(lines[1]["ok"], false);
    // Line 13 of the file; the `(` is at column 16 (after 8 spaces: the block's 4 and the diagram's own 4).
    assert_eq!(lines[1]["error"]["line"], 13, "{}", lines[1]);
    assert_eq!(lines[1]["error"]["column"], 16, "{}", lines[1]);
    let o = bin().args(["check", "--format", "github"]).arg(dir.join("page.md")).output().unwrap();
    let gh = String::from_utf8(o.stdout).unwrap();
    assert!(gh.starts_with("::error file="), "{gh}");
    assert!(gh.contains(",line=13,col=16,"), "{gh}");
}

#[test]
fn parse_json_prints_the_model_in_mermaids_shape() {
    let o = bin().args(["parse", "--json"]).arg(fixture("subgraph_basic.mmd")).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "flowchart");
    assert_eq!(v["direction"], "TB");
    let ids: Vec<&str> = v["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["User", "LB", "App1", "App2", "DB"]);
    assert_eq!(v["subgraphs"][0]["id"], "Cluster");
    assert_eq!(v["edges"][0]["arrow"], "arrow_point");
}

#[test]
fn export_writes_every_diagram_and_survives_bad_ones() {
    let src = temp_dir("export-src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::copy(fixture("basic_td.mmd"), src.join("a.mmd")).unwrap();
    std::fs::write(src.join("sub/page.md"), "```mermaid\ngraph TD\n A-->B\n```\n\n```mermaid\ngraph TD\n A[oops\n```\n\n```mermaid\ngraph LR\n C-->D\n```\n").unwrap();
    let out = temp_dir("export-out");
    let o = bin().arg("export").arg(&src).arg("-o").arg(&out).args(["--format", "svg", "--quiet"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "one diagram is bad: {}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("a.svg").exists());
    assert!(out.join("sub/page--01.svg").exists());
    assert!(!out.join("sub/page--02.svg").exists());
    assert!(out.join("sub/page--03.svg").exists());
}

#[test]
fn check_reports_a_misspelt_keyword_and_fix_writes_the_keyword() {
    // as in the Atlas's caching pages: `classDev` and `classDf` for `classDef`
    let dir = temp_dir("fix-keyword");
    let file = dir.join("cache.mmd");
    let text = "graph TB\n    A[Client] --> B[Cache]\n    classDev hot fill:#F59E0B,color:#000\n    classDf cold fill:#10B981,color:#000\n    linkstyle 0 stroke:#333\n    class A hot\n    class B cold\n";
    std::fs::write(&file, text).unwrap();
    let o = bin().arg("check").arg(&file).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("`classDev` is not a mermaid keyword; did you mean `classDef`?") && out.contains("[AR126]"), "{out}");
    let o = bin().args(["check", "--fix"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "fixed diagrams pass: {}", String::from_utf8_lossy(&o.stdout));
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert_eq!(fixed, text.replace("classDev", "classDef").replace("classDf", "classDef").replace("linkstyle", "linkStyle"));
    let o = bin().args(["check", "--fix"]).arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 findings fixed in 0 files"));
}

#[test]
fn check_fix_rewrites_only_mermaid_blocks_and_is_idempotent() {
    let dir = temp_dir("fix");
    let page = dir.join("page.md");
    let text = "# Gateway (Zuul)\n\n```mermaid\ngraph LR\n    A[Zuul Gateway (Primary)] --> B[(DB)]:::stateStyle\n    classDef stateStyle fill:#F59E0B,color:#fff\n```\n\nText [with (parens)].\n";
    std::fs::write(&page, text).unwrap();
    let o = bin().args(["check", "--fix"]).arg(&page).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "fixed diagrams pass: {}", String::from_utf8_lossy(&o.stdout));
    let fixed = std::fs::read_to_string(&page).unwrap();
    let expected = text.replace("A[Zuul Gateway (Primary)]", "A[\"Zuul Gateway (Primary)\"]").replace("fill:#F59E0B,color:#fff", "fill:#FF8800,color:#000000");
    assert_eq!(fixed, expected);
    let o = bin().args(["check", "--fix"]).arg(&page).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 findings fixed in 0 files"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), expected);
    // no temporary files left beside it
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn plane_options_and_config_files() {
    let dir = temp_dir("planes");
    std::fs::write(dir.join("d.mmd"), "graph LR\n  subgraph StatePlane[State Plane]\n    DB[(Orders)]\n  end\n").unwrap();
    // enforce (the default): the State colour, with dark text
    let o = bin().current_dir(&dir).args(["d.mmd", "-o", "-"]).output().unwrap();
    let svg = String::from_utf8_lossy(&o.stdout);
    assert!(svg.contains("fill=\"#FF8800\"") && svg.contains("fill=\"#000000\""), "{svg}");
    // the Tailwind palette from a config file, and a legend
    std::fs::write(dir.join("atlas-render.toml"), "[planes]\npalette = \"tailwind\"\nlegend = true\n").unwrap();
    let o = bin().current_dir(&dir).args(["d.mmd", "-o", "-"]).output().unwrap();
    let svg = String::from_utf8_lossy(&o.stdout);
    assert!(svg.contains("fill=\"#F59E0B\"") && svg.contains("class=\"legend\""), "{svg}");
    // keep: the author's (here mermaid's default) colours
    let o = bin().current_dir(&dir).args(["d.mmd", "-o", "-", "--planes", "keep"]).output().unwrap();
    let svg = String::from_utf8_lossy(&o.stdout);
    let node = &svg[svg.find("data-id=\"DB\"").unwrap()..];
    assert!(node[..node.find("</g>").unwrap()].contains("fill=\"#ECECFF\""), "{svg}");
    // a bad file names the key and exits 2, writing nothing
    std::fs::write(dir.join("atlas-render.toml"), "[planes]\npalette = \"neon\"\n").unwrap();
    let o = bin().current_dir(&dir).args(["d.mmd", "-o", "out.svg"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("planes.palette") && err.contains(":2:"), "{err}");
    assert!(!dir.join("out.svg").exists());
}

#[test]
fn check_github_annotations_carry_rule_codes() {
    let o = bin().args(["check", "--format", "github"]).arg(fixture("tolerant_parens.mmd")).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.lines().any(|l| l.starts_with("::error file=") && l.contains(",line=2,col=") && l.contains("title=AR101::")), "{out}");
}

/// Every `id="…"` of an SVG, and every id it refers to (`url(#…)`, `href="#…"`, `aria-*by`).
fn ids_and_references(svg: &str) -> (Vec<String>, Vec<String>) {
    let after = |marker: &str, end: char| -> Vec<String> { svg.split(marker).skip(1).map(|r| r.split(end).next().unwrap().to_string()).collect() };
    let ids = after(" id=\"", '"');
    let mut refs = after("url(#", ')');
    refs.extend(after("href=\"#", '"'));
    for a in ["aria-labelledby=\"", "aria-describedby=\""] {
        refs.extend(after(a, '"').iter().flat_map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>()));
    }
    (ids, refs)
}

#[test]
fn id_prefix_makes_inline_svgs_that_never_collide() {
    let draw = |fixture_name: &str, prefix: Option<&str>| -> String {
        let mut cmd = bin();
        cmd.arg(fixture(fixture_name)).args(["-o", "-", "-q"]);
        if let Some(p) = prefix {
            cmd.args(["--id-prefix", p]);
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let mut seen: Vec<String> = Vec::new();
    for (name, prefix) in [("timeline_many_periods.mmd", "d1-"), ("timeline_incident_colons.mmd", "d2-"), ("gantt_incident.mmd", "d3-"), ("pie_title_line.mmd", "d4-")] {
        let plain = draw(name, None);
        let svg = draw(name, Some(prefix));
        let (ids, refs) = ids_and_references(&svg);
        assert!(!ids.is_empty(), "{name} has ids to prefix");
        assert_eq!(ids.len(), ids_and_references(&plain).0.len(), "{name}: as many ids as without a prefix");
        for id in &ids {
            assert!(id.starts_with(prefix), "{name}: id {id}");
            assert!(!seen.contains(id), "{name}: {id} also in another diagram");
        }
        for r in &refs {
            assert!(ids.contains(r), "{name}: reference #{r} has no element");
        }
        assert!(svg.contains("role=\"img\"") && !plain.contains("role=\"img\""));
        // nothing but ids changed: the same text with the prefixes taken out
        assert_eq!(svg.replace(prefix, "").replace("role=\"img\"", "role=\"graphics-document document\""), plain.replace(prefix, ""), "{name}");
        seen.extend(ids);
    }
    // a flowchart's accTitle and accDescr name the inline drawing
    let mut cmd = bin();
    cmd.args(["-", "-o", "-", "--id-prefix", "orders-"]);
    let o = run_with_stdin(cmd, "graph TD\n  accTitle: Orders\n  accDescr: How an order is stored\n  A --> B\n");
    let svg = String::from_utf8(o.stdout).unwrap();
    assert!(svg.contains("aria-labelledby=\"orders-chart-title\"") && svg.contains("<title id=\"orders-chart-title\">Orders</title>"), "{svg}");
    assert!(svg.contains("<desc id=\"orders-chart-desc\">How an order is stored</desc>"));
    // a prefix that cannot begin an id is refused
    let o = bin().arg(fixture("basic_td.mmd")).args(["-o", "-", "--id-prefix", "9 x"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}
