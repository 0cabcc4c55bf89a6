use super::*;
use crate::diagnostics::LineIndex;
use crate::diagrams::flowchart::model::Flowchart;

fn outcome(src: &str) -> ParseOutcome {
    crate::diagrams::parse(src)
}

/// A flowchart mermaid accepts.
fn flow(src: &str) -> Flowchart {
    let o = outcome(src);
    assert!(o.is_valid(), "{src:?}: {:?}", o.diagnostics);
    match o.diagram {
        Some(Diagram::Flowchart(f)) => f,
        _ => unreachable!(),
    }
}

/// The first error: code, line, column, message, hint.
fn first_error(src: &str) -> (&'static str, usize, usize, String, Option<String>) {
    let o = outcome(src);
    let e = o.first_error().unwrap_or_else(|| panic!("{src:?} should be refused"));
    let (l, c) = LineIndex::new(src).position(e.span.start);
    (e.code, l, c, e.message.clone(), e.hint.clone())
}

fn node<'a>(f: &'a Flowchart, id: &str) -> &'a Node {
    f.node(id).unwrap_or_else(|| panic!("no node {id}: {:?}", f.nodes.iter().map(|n| &n.id).collect::<Vec<_>>()))
}

fn edge_list(f: &Flowchart) -> Vec<(String, String)> {
    f.edges.iter().map(|e| (e.from.clone(), e.to.clone())).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

// ---- header and structure

#[test]
fn directions() {
    for (src, d, name) in [
        ("graph TD\nA", Direction::TB, "TD"),
        ("graph TB\nA", Direction::TB, "TB"),
        ("flowchart BT\nA", Direction::BT, "BT"),
        ("flowchart LR\nA", Direction::LR, "LR"),
        ("graph RL\nA", Direction::RL, "RL"),
        ("graph\nA", Direction::TB, "TB"),
    ] {
        let f = flow(src);
        assert_eq!((f.direction, f.direction_name.as_str()), (d, name), "{src}");
    }
    assert_eq!(flow("graph TD\nA").to_mermaid_json()["direction"], "TB");
}

#[test]
fn semicolons_and_newlines_separate_statements() {
    let f = flow("graph TD;A-->B;B-->C;\n  C-->D");
    assert_eq!(edge_list(&f), pairs(&[("A", "B"), ("B", "C"), ("C", "D")]));
}

#[test]
fn comment_lines_are_ignored() {
    let f = flow("%% leading\ngraph TD\n  %% inside\n  A-->B\n\n  %% another\n  B-->C");
    assert_eq!(f.edges.len(), 2);
    assert_eq!(f.nodes.len(), 3);
}

#[test]
fn directives_and_front_matter_configure() {
    let o = outcome("---\ntitle: T\nconfig:\n  flowchart:\n    curve: linear\n---\n%%{init: {'theme':'dark'}}%%\ngraph LR\nA-->B");
    assert!(o.is_valid());
    let Some(Diagram::Flowchart(f)) = o.diagram else { panic!() };
    assert_eq!(f.config.title.as_deref(), Some("T"));
    assert_eq!(f.config.theme, crate::model::config::ThemeName::Dark);
    assert_eq!(f.config.curve, crate::model::config::Curve::Linear);
    assert_eq!(f.direction, Direction::LR);
}

// ---- nodes

#[test]
fn every_shape() {
    let src = "graph TD\na1[sq]\na2(round)\na3([stadium])\na4[[sub]]\na5[(cyl)]\na6((circle))\na7(((double)))\na8{diamond}\na9{{hex}}\na10>odd]\na11[/lean r/]\na12[\\lean l\\]\na13[/trap\\]\na14[\\inv trap/]";
    let f = flow(src);
    let shapes: Vec<(Shape, &str)> = f.nodes.iter().map(|n| (n.shape, n.label.text.as_str())).collect();
    assert_eq!(
        shapes,
        vec![
            (Shape::Square, "sq"),
            (Shape::Round, "round"),
            (Shape::Stadium, "stadium"),
            (Shape::Subroutine, "sub"),
            (Shape::Cylinder, "cyl"),
            (Shape::Circle, "circle"),
            (Shape::DoubleCircle, "double"),
            (Shape::Diamond, "diamond"),
            (Shape::Hexagon, "hex"),
            (Shape::Odd, "odd"),
            (Shape::LeanRight, "lean r"),
            (Shape::LeanLeft, "lean l"),
            (Shape::Trapezoid, "trap"),
            (Shape::InvTrapezoid, "inv trap"),
        ]
    );
}

#[test]
fn ids_with_dashes_dots_underscores_digits() {
    let f = flow("graph LR\nConsistencyTrade-offs --> a.b_c-9\nA-->Trade-offs\n1-->2");
    assert!(f.node("ConsistencyTrade-offs").is_some());
    assert!(f.node("a.b_c-9").is_some());
    assert_eq!(f.edges[1].to, "Trade-offs");
    assert_eq!(f.edges[1].end, ArrowHead::Point);
    assert_eq!(edge_list(&f)[2], ("1".to_string(), "2".to_string()));
}

#[test]
fn spans_point_at_the_source() {
    let src = "graph TD\n%% c\nA[x] --> B\nsubgraph S\n  B\nend\n";
    let f = flow(src);
    assert_eq!(&src[node(&f, "A").span.clone()], "A");
    assert_eq!(&src[f.edges[0].span.clone()], "-->");
    assert_eq!(&src[f.subgraphs[0].span.clone()], "subgraph S\n  B\nend");
}

#[test]
fn plain_node_has_its_id_as_label() {
    let f = flow("graph TD\nA-->B");
    assert_eq!(node(&f, "A").label.text, "A");
}

#[test]
fn repeated_node_takes_the_new_label_and_shape() {
    let f = flow("graph TD\nA-->B\nA[First]\nA(Second)\nB");
    let a = node(&f, "A");
    assert_eq!((a.shape, a.label.text.as_str()), (Shape::Round, "Second"));
    assert_eq!(f.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["A", "B"]);
}

#[test]
fn shape_data_syntax() {
    let f = flow("flowchart TD\nA@{ shape: cyl, label: \"Store\" }\nB@{ shape: diam }\nA-->B");
    assert_eq!((node(&f, "A").shape, node(&f, "A").label.text.as_str()), (Shape::Cylinder, "Store"));
    assert_eq!(node(&f, "B").shape, Shape::Diamond);
    let o = outcome("flowchart TD\nA@{ shape: blob }");
    assert_eq!(o.first_error().unwrap().code, "AR121");
    assert!(o.diagram.is_some());
}

#[test]
fn ellipse_and_props_shapes_parse() {
    let f = flow("graph TD\nA(-ell-)\nB[|borders:lt|props]");
    assert_eq!(node(&f, "A").shape, Shape::Round);
    assert_eq!(node(&f, "B").label.text, "props");
}

// ---- labels

#[test]
fn quoted_and_markdown_labels() {
    let f = flow("graph TD\nA[\"Zuul (Primary)\"]\nB[\"`**bold** text`\"]\nC[plain text]");
    assert_eq!(node(&f, "A").label, Label { text: "Zuul (Primary)".into(), format: LabelFormat::Text });
    assert_eq!(node(&f, "B").label, Label { text: "**bold** text".into(), format: LabelFormat::Markdown });
    assert_eq!(node(&f, "C").label.text, "plain text");
}

#[test]
fn markup_entities_and_symbols_stay_raw() {
    let f = flow("graph TD\nA[CDN<br/>10,000+ Edge<br>Peak &amp; more]\nB[#35;1 #quot;x#quot;]\nC[🚀 Launch ✅]\nD[━━━━━<br/>Step]");
    assert_eq!(node(&f, "A").label.text, "CDN<br/>10,000+ Edge<br>Peak &amp; more");
    assert_eq!(node(&f, "B").label.text, "#35;1 #quot;x#quot;");
    assert_eq!(node(&f, "C").label.text, "🚀 Launch ✅");
    assert_eq!(node(&f, "D").label.text, "━━━━━<br/>Step");
}

#[test]
fn unicode_letters_in_ids() {
    let f = flow("graph TD\nCafé-->Ünïcode");
    assert!(f.node("Café").is_some() && f.node("Ünïcode").is_some());
}

// ---- edges

#[test]
fn every_arrow() {
    let cases = [
        ("-->", "arrow_point", Stroke::Normal, 1),
        ("---", "arrow_open", Stroke::Normal, 1),
        ("-.->", "arrow_point", Stroke::Dotted, 1),
        ("-.-", "arrow_open", Stroke::Dotted, 1),
        ("==>", "arrow_point", Stroke::Thick, 1),
        ("===", "arrow_open", Stroke::Thick, 1),
        ("~~~", "arrow_open", Stroke::Invisible, 1),
        ("--o", "arrow_circle", Stroke::Normal, 1),
        ("--x", "arrow_cross", Stroke::Normal, 1),
        ("<-->", "double_arrow_point", Stroke::Normal, 1),
        ("o--o", "double_arrow_circle", Stroke::Normal, 1),
        ("x--x", "double_arrow_cross", Stroke::Normal, 1),
        ("<-.->", "double_arrow_point", Stroke::Dotted, 1),
        ("<==>", "double_arrow_point", Stroke::Thick, 1),
        ("--->", "arrow_point", Stroke::Normal, 2),
        ("-..->", "arrow_point", Stroke::Dotted, 2),
        ("===>", "arrow_point", Stroke::Thick, 2),
    ];
    for (arrow, name, stroke, length) in cases {
        let f = flow(&format!("graph LR\nA {arrow} B"));
        let e = &f.edges[0];
        assert_eq!((e.mermaid_arrow(), e.stroke, e.length), (name, stroke, length), "{arrow}");
        assert_eq!((e.from.as_str(), e.to.as_str()), ("A", "B"));
    }
}

#[test]
fn edge_labels() {
    let f = flow("graph LR\nA-->|pipe text|B\nA-- dash text -->C\nA-. dot text .->D\nA== thick text ==>E\nA-->|\"quoted (x)\"|F\nA---|open|G");
    let labels: Vec<&str> = f.edges.iter().map(|e| e.label.as_ref().unwrap().text.as_str()).collect();
    assert_eq!(labels, ["pipe text", "dash text", "dot text", "thick text", "quoted (x)", "open"]);
    assert_eq!(f.edges[2].stroke, Stroke::Dotted);
    assert_eq!(f.edges[3].stroke, Stroke::Thick);
    assert_eq!(f.edges[5].end, ArrowHead::None);
}

#[test]
fn chains() {
    let f = flow("graph LR\nA --> B --> C -.-> D");
    assert_eq!(edge_list(&f), pairs(&[("A", "B"), ("B", "C"), ("C", "D")]));
    assert_eq!(f.edges[2].stroke, Stroke::Dotted);
}

#[test]
fn ampersands_make_all_pairs_in_mermaid_order() {
    let f = flow("graph LR\nA & B --> C & D");
    assert_eq!(edge_list(&f), pairs(&[("A", "C"), ("A", "D"), ("B", "C"), ("B", "D")]));
}

#[test]
fn edges_to_and_from_subgraphs() {
    let f = flow("graph LR\nsubgraph S1\n  A\nend\nsubgraph S2\n  B\nend\nS1 --> S2\nC --> S1");
    assert_eq!(edge_list(&f), pairs(&[("S1", "S2"), ("C", "S1")]));
    assert!(f.subgraph("S1").is_some());
}

#[test]
fn edge_ids_are_tolerated() {
    let f = flow("flowchart LR\nA e1@--> B\nA e2@-- text --> C");
    assert_eq!(edge_list(&f), pairs(&[("A", "B"), ("A", "C")]));
    assert_eq!(f.edges[1].label.as_ref().unwrap().text, "text");
}

// ---- subgraphs

#[test]
fn subgraph_header_forms() {
    let f = flow("graph TD\nsubgraph one\n A\nend\nsubgraph two [Second title]\n B\nend\nsubgraph \"Third title\"\n C\nend\nsubgraph four[\"Fourth (4)\"]\n D\nend\nsubgraph Fifth title\n E\nend");
    let got: Vec<(&str, &str, Vec<&str>)> = f.subgraphs.iter().map(|s| (s.id.as_str(), s.title.text.as_str(), s.members.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        got,
        vec![
            ("one", "one", vec!["A"]),
            ("two", "Second title", vec!["B"]),
            ("subGraph2", "Third title", vec!["C"]),
            ("four", "Fourth (4)", vec!["D"]),
            ("subGraph4", "Fifth title", vec!["E"]),
        ]
    );
}

#[test]
fn nested_subgraphs_come_first_and_are_members() {
    let f = flow("graph TD\nsubgraph outer\n  A\n  subgraph inner\n    B --> C\n  end\n  A --> B\nend");
    assert_eq!(f.subgraphs[0].id, "inner");
    assert_eq!(f.subgraphs[0].members, ["C", "B"]);
    assert_eq!(f.subgraphs[1].id, "outer");
    // B is already in `inner`, so not a member of `outer`
    assert_eq!(f.subgraphs[1].members, ["A", "inner"]);
}

#[test]
fn a_node_in_a_closed_subgraph_is_not_a_member_of_a_later_one() {
    let f = flow("graph TD\nsubgraph one\n  A\nend\nsubgraph two\n  A --> B\nend");
    assert_eq!(f.subgraphs[1].members, ["B"]);
}

#[test]
fn direction_inside_a_subgraph() {
    let f = flow("flowchart TB\nsubgraph S\n  direction LR\n  A --> B\nend");
    assert_eq!(f.subgraphs[0].direction, Some(Direction::LR));
    assert_eq!(f.direction, Direction::TB);
}

// ---- styling

#[test]
fn class_defs_and_classes() {
    let f = flow("graph TD\nA-->B:::hot\nC:::cold\nclassDef hot,warm fill:#f00,color:#fff\nclassDef default stroke:#333\nclass A,C warm\nclass B cold");
    assert_eq!(node(&f, "B").classes, ["hot", "cold"]);
    assert_eq!(node(&f, "A").classes, ["warm"]);
    assert_eq!(node(&f, "C").classes, ["cold", "warm"]);
    assert_eq!(f.class_def("warm").unwrap().styles, ["fill:#f00", "color:#fff"]);
    assert_eq!(f.class_def("default").unwrap().styles, ["stroke:#333"]);
    assert_eq!(f.node_style(node(&f, "A")).fill.as_deref(), Some("#f00"));
}

#[test]
fn style_statements_on_nodes_and_subgraphs() {
    let f = flow("graph TD\nsubgraph S\n A\nend\nstyle A fill:#f9f,stroke:#333,stroke-width:4px\nstyle S fill:#eee");
    assert_eq!(node(&f, "A").styles, ["fill:#f9f", "stroke:#333", "stroke-width:4px"]);
    assert_eq!(f.subgraph("S").unwrap().styles, ["fill:#eee"]);
}

#[test]
fn link_styles_default_first_then_by_index() {
    let f = flow("graph TD\nA-->B\nB-->C\nC-->D\nlinkStyle default stroke:#999\nlinkStyle 0,2 stroke:#f00,stroke-width:2px");
    assert_eq!(f.edges[0].styles, ["stroke:#999", "stroke:#f00", "stroke-width:2px", "fill:none"]);
    assert_eq!(f.edges[1].styles, ["stroke:#999"]);
    assert_eq!(f.edges[2].styles, ["stroke:#999", "stroke:#f00", "stroke-width:2px", "fill:none"]);
    let o = outcome("graph TD\nA-->B\nlinkStyle 3 stroke:#f00");
    let e = o.first_error().unwrap();
    assert_eq!(e.code, "AR120");
    assert!(o.diagram.is_some());
}

#[test]
fn click_is_parsed_and_ignored() {
    let f = flow("graph TD\nA-->B\nclick A callback \"tooltip\"\nclick B href \"https://example.com\" _blank");
    assert_eq!(f.edges.len(), 1);
    // mermaid marks clickable nodes with a class
    assert_eq!(node(&f, "A").classes, ["clickable"]);
}

#[test]
fn accessibility_lines_are_tolerated() {
    let f = flow("graph TD\naccTitle: My title\naccDescr: My description\naccDescr {\n  several\n  lines\n}\nA-->B");
    assert_eq!(f.edges.len(), 1);
}

// ---- refusals: position, message, hint

#[test]
fn paren_in_square_label() {
    let src = "graph TD\n    A[Zuul Gateway (Primary)] --> B";
    let (code, l, c, msg, hint) = first_error(src);
    assert_eq!((code, l, c), ("AR101", 2, 20));
    assert_eq!(msg, "`(` inside a [ ] label: mermaid-js reads it as the start of a shape");
    assert_eq!(hint.as_deref(), Some("quote the label: A[\"Zuul Gateway (Primary)\"]"));
    // still drawn, as the author meant
    let o = outcome(src);
    let Some(Diagram::Flowchart(f)) = o.diagram else { panic!("no model") };
    assert_eq!(node(&f, "A").label.text, "Zuul Gateway (Primary)");
    assert_eq!(edge_list(&f), pairs(&[("A", "B")]));
}

#[test]
fn every_broken_label_gets_its_error() {
    let o = outcome("graph TD\nA[one (1)] --> B[two {2}]\nB --> C{three [3]}");
    let codes: Vec<&str> = o.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
    assert_eq!(codes, ["AR101", "AR103", "AR102"]);
    assert!(o.diagram.is_some());
}

#[test]
fn pipe_and_quote_inside_labels() {
    let (code, l, c, _, _) = first_error("graph TD\nA[a | b] --> B");
    assert_eq!((code, l, c), ("AR104", 2, 5));
    let (code, l, c, msg, hint) = first_error("graph TD\nC1[Producer: \"Pay $100\" now]");
    assert_eq!((code, l, c), ("AR105", 2, 14));
    assert!(msg.starts_with("`\"` inside a [ ] label"), "{msg}");
    assert_eq!(hint.as_deref(), Some("quote the label: C1[\"Producer: #quot;Pay $100#quot; now\"]"));
}

#[test]
fn paren_in_edge_label() {
    let (code, l, c, msg, hint) = first_error("graph TD\nA -->|retry (3x)| B");
    assert_eq!((code, l, c), ("AR101", 2, 13));
    assert!(msg.contains("edge label"), "{msg}");
    assert_eq!(hint.as_deref(), Some("quote the label: -->|\"retry (3x)\"|"));
}

#[test]
fn at_sign_read_as_edge_id() {
    let src = "graph TD\nCF[CloudFront<br/>Lambda@Edge] --> B";
    let (code, l, c, _, _) = first_error(src);
    assert_eq!((code, l, c), ("AR106", 2, 25));
    let Some(Diagram::Flowchart(f)) = outcome(src).diagram else { panic!() };
    assert_eq!(node(&f, "CF").label.text, "CloudFront<br/>Lambda@Edge");
}

#[test]
fn subgraph_header_mixing_quotes() {
    let (code, l, _, _, hint) = first_error("graph TD\nsubgraph API \"API Layer\"\n  A\nend");
    assert_eq!((code, l), ("AR107", 2));
    assert_eq!(hint.as_deref(), Some("write it as one quoted title: subgraph \"API API Layer\""));
}

#[test]
fn keyword_as_node_id() {
    let (code, l, c, msg, _) = first_error("graph TD\nA --> end");
    assert_eq!((code, l, c), ("AR108", 2, 7));
    assert!(msg.starts_with("`end` is a mermaid keyword: it cannot be a node id or start one here"), "{msg}");
}

#[test]
fn structural_errors() {
    let (code, l, c, msg, _) = first_error("graph TD\nA[never closed --> B\n");
    assert_eq!((code, l, c), ("AR110", 2, 2));
    assert!(msg.starts_with("this label is never closed"), "{msg}");
    let (code, l, _, msg, _) = first_error("graph TD\nsubgraph S\n  A --> B\n");
    assert_eq!((code, l), ("AR111", 2));
    assert!(msg.starts_with("`subgraph S` has no matching `end`"), "{msg}");
    let (code, l, _, _, _) = first_error("graph TD\nA --> B\nend\n");
    assert_eq!((code, l), ("AR112", 3));
    let (code, l, _, _, _) = first_error("graph TD A --> B");
    assert_eq!((code, l), ("AR118", 1));
    let (code, _, _, _, _) = first_error("graph XY\nA");
    assert_eq!(code, "AR119");
    let (code, l, c, _, _) = first_error("graph TD\nA[x] B[y]");
    assert_eq!((code, l, c), ("AR113", 2, 6));
}

#[test]
fn lexical_errors() {
    let (code, l, c, _, _) = first_error("graph TD\nA --> 🚀");
    assert_eq!((code, l, c), ("AR114", 2, 7));
    let (code, l, _, _, hint) = first_error("graph TD\nA -- a -- b --> B");
    assert_eq!((code, l), ("AR115", 2));
    assert!(hint.unwrap().contains("-->|text|"));
}

#[test]
fn inline_comments_and_one_dash_arrows() {
    let src = "graph TD\nA --> B %% why\n";
    let (code, l, c, _, _) = first_error(src);
    assert_eq!((code, l, c), ("AR117", 2, 9));
    assert!(outcome(src).diagram.is_some());
    let src = "graph TD\nA -x B";
    let (code, _, _, _, hint) = first_error(src);
    assert_eq!(code, "AR125");
    assert_eq!(hint.as_deref(), Some("write `--x`"));
    let Some(Diagram::Flowchart(f)) = outcome(src).diagram else { panic!() };
    assert_eq!(f.edges[0].end, ArrowHead::Cross);
}

#[test]
fn misspelt_keywords() {
    let src = "graph TD\nA\nclassDf hot fill:#f00\nclass A hot";
    let (code, l, c, message, hint) = first_error(src);
    assert_eq!((code, l, c), ("AR126", 3, 1));
    assert!(message.ends_with("`classDf` is not a mermaid keyword; did you mean `classDef`?"), "{message}");
    assert_eq!(hint.as_deref(), Some("mermaid-js reads `classDf` as a node id (its keywords are case-sensitive); write `classDef`"));
    let Some(Diagram::Flowchart(f)) = outcome(src).diagram else { panic!() };
    assert!(f.class_def("hot").is_some());
    // the fix touches the word only, and what it writes parses clean
    let fixed = crate::diagnostics::apply_fixes(src, outcome(src).diagnostics.iter().filter_map(|d| d.fix.as_ref()));
    assert_eq!(fixed, "graph TD\nA\nclassDef hot fill:#f00\nclass A hot");
    assert!(outcome(&fixed).is_valid());
    // mermaid's keywords are case-sensitive: `linkstyle` is a node id to it
    for (src, wrong, right) in [("graph TD\nA --> B\n  linkstyle 0 stroke:#f00", "linkstyle", "linkStyle"), ("graph TD\nA\nclassDev hot fill:#f00", "classDev", "classDef"), ("graph TD\nA\nstlye A fill:#f00", "stlye", "style")] {
        let o = outcome(src);
        let d = o.first_error().unwrap();
        assert_eq!(d.code, "AR126", "{src}");
        assert!(d.message.ends_with(&format!("`{wrong}` is not a mermaid keyword; did you mean `{right}`?")), "{}", d.message);
        let fixed = crate::diagnostics::apply_fixes(src, o.diagnostics.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, src.replacen(wrong, right, 1));
        assert!(outcome(&fixed).is_valid(), "{fixed}");
    }
    // a node whose id is a keyword's near miss is left alone where it reads
    assert!(outcome("graph TD\nclassDf --> stlye").is_valid());
}

#[test]
fn lines_count_like_mermaid() {
    // mermaid drops comment lines before counting
    let src = "graph TD\n%% one\n%% two\nA[x (y)]";
    let o = outcome(src);
    let e = o.first_error().unwrap();
    assert_eq!(LineIndex::new(src).position(e.span.start).0, 4);
    assert_eq!(mermaid_line(src, &e.span), 2);
    assert!(e.message.ends_with("(mermaid-js reports it on line 2)"), "{}", e.message);
}

#[test]
fn unclear_intent_gives_no_model() {
    let o = outcome("graph TD\nA --> B\nsubgraph S\n  C[x\n");
    assert!(o.first_error().is_some());
    assert!(o.diagram.is_none());
}

#[test]
fn warns_about_tags_mermaid_drops() {
    let o = outcome("graph TD\nA[List<String>]");
    assert!(o.is_valid());
    assert!(o.diagnostics.iter().any(|d| d.code == "AR133" && !d.is_error()));
}

// ---- robustness

fn check_spans(src: &str) {
    let o = outcome(src);
    for d in &o.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= src.len(), "{src:?}: {d:?}");
        assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end), "{src:?}: {d:?}");
    }
}

#[test]
fn odd_inputs_never_panic() {
    let long = format!("graph TD\nA[{}] --> B\n", "x(".repeat(5000));
    let long2 = format!("graph LR\n{}", "A-->".repeat(3000));
    let cases = [
        "",
        "graph",
        "graph TD",
        "flowchart",
        "graph TD\n[[[[(((({{{{",
        "graph TD\n]]]])))}}}}",
        "graph TD\nA[\"unterminated",
        "graph TD\nA-->|x",
        "graph TD\nsubgraph\nend",
        "graph TD\nA@{ shape: ",
        "graph TD\nclick",
        "graph TD\naccDescr {",
        "graph TD\nA-- -- -- -->B",
        "graph TD\n\u{0}\u{1}\u{7f}é😀\u{feff}",
        "graph TD\nA[é(ü)]-->B{ñ[x]}",
        "---\n---\ngraph TD",
        "%%{init: {\ngraph TD",
        &long,
        &long2,
    ];
    for src in cases {
        check_spans(src);
    }
}

#[test]
fn pseudo_random_bytes_never_panic() {
    let alphabet: Vec<char> = "graphflowchartTDLR \n;-->=.~ox<|[](){}\"`@:&,#%/\\^v*ABé😀subgraphendclassDefstyle".chars().collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..400 {
        let mut s = String::from("graph TD\n");
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        check_spans(&s);
    }
}

#[test]
fn long_inputs_are_fast() {
    let body: String = (0..3000).map(|i| format!("  N{i}[Node {i}<br/>detail (x)] --> N{}\n", i + 1)).collect();
    let src = format!("graph TD\n{body}");
    let t = std::time::Instant::now();
    let o = outcome(&src);
    assert!(o.first_error().is_some());
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn over_max_edges_is_refused_at_the_first_extra_edge_but_drawn_whole() {
    let mut src = String::from("graph TD\n");
    for i in 0..501 {
        src.push_str(&format!("  A{i} --> B{i}\n"));
    }
    let (code, line, _, _, _) = first_error(&src);
    assert_eq!((code, line), ("AR122", 502));
    let Some(Diagram::Flowchart(f)) = outcome(&src).diagram else { panic!("no model") };
    assert_eq!(f.edges.len(), 501, "every edge the author wrote is drawn");
}
