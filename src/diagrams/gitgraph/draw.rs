//! Drawing a laid-out git graph as mermaid-js does: dotted lanes with the
//! branch names in boxes of the branch colour, 8 px arrows in the colours
//! `git0`..`git7`, commit bullets (a hollow one for merges, a cross for
//! REVERSE, a square for HIGHLIGHT, cherries for a cherry-pick), labels on
//! half-opaque backgrounds and tags. Paint is written as attributes from
//! each theme's values as mermaid 11.17 computes them (`themeVariables`
//! set in the diagram win).

use super::layout::{GitLayout, TextLine, BRANCH_FONT, LABEL_FONT, THEME_COLOR_LIMIT, TITLE_FONT};
use super::model::{CommitKind, GitGraph};
use crate::layout::geometry::num;
use crate::model::config::ThemeName;
use crate::svg::document::{open_document, Document};
use crate::svg::writer::{escape_text, Attrs, SvgWriter};
use crate::svg::Theme;

/// A theme's git graph colours.
#[derive(Debug, Clone, PartialEq)]
pub struct GitColors {
    pub git: [String; 8],
    pub branch_label: [String; 8],
    pub inv: [String; 8],
    pub commit_label: String,
    pub commit_label_background: String,
    pub tag_label: String,
    pub tag_background: String,
    pub tag_border: String,
    /// Text colour: tag holes, title, cherry-pick bullets.
    pub text: String,
    /// The lanes' colour.
    pub line: String,
    /// Inside merges, reverse crosses and highlights.
    pub primary: String,
}

impl GitColors {
    pub fn of(theme: ThemeName, g: &GitGraph) -> GitColors {
        let v = |a: [&str; 8]| a.map(str::to_string);
        let mut c = match theme {
            ThemeName::Default => GitColors {
                git: v(["#0000ec", "#dede00", "#9dec00", "#0076ec", "#00ecec", "#00ec76", "#ec00ec", "#ec0000"]),
                branch_label: v(["#ffffff", "#000000", "#000000", "#ffffff", "#000000", "#000000", "#000000", "#000000"]),
                inv: v(["#131300", "#0000a0", "#310093", "#934900", "#930000", "#930049", "#009300", "#009393"]),
                commit_label: "#000021".into(),
                commit_label_background: "#ffffde".into(),
                tag_label: "#131300".into(),
                tag_background: "#ececff".into(),
                tag_border: "#c7c7f1".into(),
                text: "#333333".into(),
                line: "#333333".into(),
                primary: "#ececff".into(),
            },
            ThemeName::Base => GitColors {
                git: v(["#ffcb5d", "#cb5dff", "#77a3ff", "#ff7a5d", "#ff5d92", "#ff5de3", "#92ff5d", "#5dffcb"]),
                branch_label: v(["#333333"; 8]),
                inv: v(["#0034a2", "#34a200", "#885c00", "#0085a2", "#00a26d", "#00a21c", "#6d00a2", "#a20034"]),
                commit_label: "#0b2200".into(),
                commit_label_background: "#f4ddff".into(),
                tag_label: "#333333".into(),
                tag_background: "#fff4dd".into(),
                tag_border: "#eeddbb".into(),
                text: "#333333".into(),
                line: "#0b0b0b".into(),
                primary: "#fff4dd".into(),
            },
            ThemeName::Dark => GitColors {
                git: v(["#797d7d", "#a12273", "#6a8993", "#9b5c35", "#cb1313", "#65007b", "#cc7801", "#31a50e"]),
                branch_label: v(["#2c2c2c", "#d3d3d3", "#d3d3d3", "#2c2c2c", "#d3d3d3", "#d3d3d3", "#d3d3d3", "#d3d3d3"]),
                inv: v(["#868282", "#5edd8c", "#95766c", "#64a3ca", "#34ecec", "#9aff84", "#3387fe", "#ce5af1"]),
                commit_label: "#b8b6b6".into(),
                commit_label_background: "#474949".into(),
                tag_label: "#e0dfdf".into(),
                tag_background: "#1f2020".into(),
                tag_border: "#cccccc".into(),
                text: "#cccccc".into(),
                line: "#d3d3d3".into(),
                primary: "#1f2020".into(),
            },
            ThemeName::Forest => GitColors {
                git: v(["#9bc834", "#7aff32", "#b0d45b", "#c8ab34", "#c86134", "#c83452", "#34c861", "#349bc8"]),
                branch_label: v(["#ffffff", "#000000", "#000000", "#ffffff", "#000000", "#000000", "#000000", "#000000"]),
                inv: v(["#6437cb", "#8500cd", "#4f2ba4", "#3754cb", "#379ecb", "#37cbad", "#cb379e", "#cb6437"]),
                commit_label: "#32004d".into(),
                commit_label_background: "#cdffb2".into(),
                tag_label: "#321b67".into(),
                tag_background: "#cde498".into(),
                tag_border: "#abb594".into(),
                text: "#000000".into(),
                line: "#000000".into(),
                primary: "#cde498".into(),
            },
            ThemeName::Neutral => GitColors {
                git: v(["#b4b4b4", "#555555", "#bbbbbb", "#777777", "#999999", "#dddddd", "#ffffff", "#dddddd"]),
                branch_label: v(["#333333", "#ffffff", "#333333", "#ffffff", "#333333", "#333333", "#333333", "#333333"]),
                inv: v(["#4b4b4b", "#aaaaaa", "#444444", "#888888", "#666666", "#222222", "#000000", "#222222"]),
                commit_label: "#030303".into(),
                commit_label_background: "#fcfcfc".into(),
                tag_label: "#111111".into(),
                tag_background: "#eeeeee".into(),
                tag_border: "#d4d4d4".into(),
                text: "#000000".into(),
                line: "#666666".into(),
                primary: "#eeeeee".into(),
            },
        };
        for (key, value) in &g.theme_colors {
            let indexed = |prefix: &str| key.strip_prefix(prefix).and_then(|n| n.parse::<usize>().ok()).filter(|&n| n < 8);
            if let Some(n) = indexed("gitBranchLabel") {
                c.branch_label[n] = value.clone();
            } else if let Some(n) = indexed("gitInv") {
                c.inv[n] = value.clone();
            } else if let Some(n) = indexed("git") {
                c.git[n] = value.clone();
            } else {
                match key.as_str() {
                    "commitLabelColor" => c.commit_label = value.clone(),
                    "commitLabelBackground" => c.commit_label_background = value.clone(),
                    "tagLabelColor" => c.tag_label = value.clone(),
                    "tagLabelBackground" => c.tag_background = value.clone(),
                    "tagLabelBorder" => c.tag_border = value.clone(),
                    _ => {}
                }
            }
        }
        c
    }
}

/// The graph as an SVG document.
pub fn draw_gitgraph(g: &GitGraph, l: &GitLayout, theme: &Theme, theme_name: ThemeName) -> String {
    let colors = GitColors::of(theme_name, g);
    let mut w = SvgWriter::new();
    open_document(&mut w, &Document { view_box: l.view_box, kind: "gitgraph", role: "gitGraph", acc_title: g.acc_title.as_deref(), acc_descr: g.acc_descr.as_deref(), background: theme.background });

    // Lanes and branch names.
    w.open("g", Attrs::new().set("class", "branches"));
    for b in &l.branches {
        let ci = b.index % THEME_COLOR_LIMIT;
        w.leaf(
            "line",
            Attrs::new()
                .set("class", format!("branch branch{ci}"))
                .num("x1", b.line.0.x)
                .num("y1", b.line.0.y)
                .num("x2", b.line.1.x)
                .num("y2", b.line.1.y)
                .set("stroke", &colors.line)
                .num("stroke-width", 1.0)
                .num("stroke-dasharray", 2.0),
        );
        if let Some(label) = &b.label {
            let r = label.rect;
            w.leaf("rect", Attrs::new().set("class", format!("branchLabelBkg label{ci}")).num("rx", 4.0).num("ry", 4.0).num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).set("fill", &colors.git[ci]));
            w.open("g", Attrs::new().set("class", format!("label branch-label{ci}")));
            for row in &label.rows {
                text(&mut w, row, &colors.branch_label[ci], None, None);
            }
            w.close("g");
        }
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "commit-arrows"));
    for a in &l.arrows {
        w.leaf("path", Attrs::new().set("d", &a.d).set("class", format!("arrow arrow{}", a.color)).set("fill", "none").set("stroke", &colors.git[a.color]).num("stroke-width", 8.0).set("stroke-linecap", "round"));
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "commit-bullets"));
    for pc in &l.commits {
        let c = &g.commits[pc.commit];
        let ci = pc.color;
        let (x, y) = (pc.x, pc.y);
        match c.symbol() {
            CommitKind::Highlight => {
                w.leaf("rect", Attrs::new().set("class", format!("commit commit-highlight{ci} commit-highlight-outer")).num("x", x - 10.0).num("y", y - 10.0).num("width", 20.0).num("height", 20.0).set("fill", &colors.inv[ci]).set("stroke", &colors.inv[ci]));
                w.leaf("rect", Attrs::new().set("class", format!("commit commit{ci} commit-highlight-inner")).num("x", x - 6.0).num("y", y - 6.0).num("width", 12.0).num("height", 12.0).set("fill", &colors.primary).set("stroke", &colors.primary));
            }
            CommitKind::CherryPick => {
                let white = if theme_name == ThemeName::Dark { "#000000" } else { "#ffffff" };
                w.leaf("circle", Attrs::new().set("class", "commit commit-cherry-pick").num("cx", x).num("cy", y).num("r", 10.0).set("fill", &colors.text));
                for dx in [-3.0, 3.0] {
                    w.leaf("circle", Attrs::new().set("class", "commit commit-cherry-pick").num("cx", x + dx).num("cy", y + 2.0).num("r", 2.75).set("fill", white));
                }
                for dx in [3.0, -3.0] {
                    w.leaf("line", Attrs::new().set("class", "commit commit-cherry-pick").num("x1", x + dx).num("y1", y + 1.0).num("x2", x).num("y2", y - 5.0).set("stroke", white));
                }
            }
            kind => {
                w.leaf("circle", Attrs::new().set("class", format!("commit commit{ci}")).num("cx", x).num("cy", y).num("r", 10.0).set("fill", &colors.git[ci]).set("stroke", &colors.git[ci]));
                match kind {
                    CommitKind::Merge => {
                        w.leaf("circle", Attrs::new().set("class", format!("commit commit-merge commit{ci}")).num("cx", x).num("cy", y).num("r", 6.0).set("fill", &colors.primary).set("stroke", &colors.primary));
                    }
                    CommitKind::Reverse => {
                        let d = format!("M {},{}L{},{}M{},{}L{},{}", num(x - 5.0), num(y - 5.0), num(x + 5.0), num(y + 5.0), num(x - 5.0), num(y + 5.0), num(x + 5.0), num(y - 5.0));
                        w.leaf("path", Attrs::new().set("class", format!("commit commit-reverse commit{ci}")).set("d", d).set("fill", &colors.primary).set("stroke", &colors.primary).num("stroke-width", 3.0));
                    }
                    _ => {}
                }
            }
        }
    }
    w.close("g");

    w.open("g", Attrs::new().set("class", "commit-labels"));
    for pc in &l.commits {
        if let Some(label) = &pc.label {
            let wrap = label.transform.as_ref().filter(|_| l.orientation == super::model::Orientation::LR);
            w.open("g", Attrs::new().opt("transform", wrap.map(|t| t.svg.clone())));
            let own = label.transform.as_ref().filter(|_| l.orientation != super::model::Orientation::LR).map(|t| t.svg.clone());
            let r = label.rect;
            w.leaf("rect", Attrs::new().set("class", "commit-label-bkg").num("x", r.x).num("y", r.y).num("width", r.width).num("height", r.height).set("fill", &colors.commit_label_background).num("opacity", 0.5).opt("transform", own.clone()));
            text(&mut w, &label.text, &colors.commit_label, Some("commit-label"), own.as_deref());
            w.close("g");
        }
        for t in &pc.tags {
            let shape = t.shape_transform.as_ref().map(|x| x.svg.clone());
            let points: Vec<String> = t.polygon.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect();
            w.leaf("polygon", Attrs::new().set("class", "tag-label-bkg").set("points", points.join(" ")).set("fill", &colors.tag_background).set("stroke", &colors.tag_border).opt("transform", shape.clone()));
            w.leaf("circle", Attrs::new().set("class", "tag-hole").num("cx", t.hole.x).num("cy", t.hole.y).num("r", 1.5).set("fill", &colors.text).opt("transform", shape));
            text(&mut w, &t.text, &colors.tag_label, Some("tag-label"), t.text_transform.as_ref().map(|x| x.svg.as_str()));
        }
    }
    w.close("g");

    if let Some(t) = &l.title {
        text(&mut w, t, &colors.text, Some("gitTitleText"), None);
    }
    w.close("svg");
    w.finish()
}

/// One line of text from the left end of its baseline, at its measured
/// width.
fn text(w: &mut SvgWriter, t: &TextLine, fill: &str, class: Option<&str>, transform: Option<&str>) {
    let mut attrs = Attrs::new().opt("class", class).num("x", t.x).num("y", t.y).set("fill", fill).num("font-size", t.font_size);
    if t.width > 0.0 {
        attrs = attrs.num("textLength", t.width).set("lengthAdjust", "spacingAndGlyphs");
    }
    attrs = attrs.opt("transform", transform);
    w.inline("text", attrs, &escape_text(&t.text));
}

// The font sizes the layout measured with.
const _: () = assert!(BRANCH_FONT == 16.0 && LABEL_FONT == 10.0 && TITLE_FONT == 18.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_commit_type() {
        let g = match crate::diagrams::parse("gitGraph\ncommit id: \"a\" type: HIGHLIGHT\ncommit type: REVERSE\nbranch b\ncommit id: \"c\"\ncheckout main\nmerge b tag: \"v1\"\ncherry-pick id: \"c\"\n").diagram {
            Some(crate::diagrams::Diagram::GitGraph(g)) => g,
            other => panic!("{other:?}"),
        };
        // cherry-pick of `c` onto main after merging b: c is on b, main has commits.
        let l = super::super::layout::layout_gitgraph(&g);
        let svg = draw_gitgraph(&g, &l, &Theme::named(ThemeName::Default), ThemeName::Default);
        for class in ["commit-highlight-outer", "commit-reverse", "commit-merge", "commit-cherry-pick", "tag-label-bkg", "branchLabelBkg label1", "arrow arrow1"] {
            assert!(svg.contains(class), "{class}");
        }
        assert!(svg.contains("stroke=\"#0000ec\""), "main's arrows in git0");
    }
}
