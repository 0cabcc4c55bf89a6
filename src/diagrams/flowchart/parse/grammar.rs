//! mermaid-js's flowchart grammar (`flow.jison`), as productions for
//! [`crate::parse::lalr`]. Rule order and alternative order are mermaid's:
//! they number the productions, which decides reduce/reduce conflicts.
//! `=> tag` names the semantic action (see `super::db`); no tag means
//! jison's default `$$ = $1`.

#[cfg(test)]
use crate::diagrams::flowchart::lex::T;
use crate::parse::lalr::Tables;
#[cfg(test)]
use crate::parse::lalr::{self, GrammarSpec};
use std::sync::OnceLock;

pub const GRAMMAR: &str = r#"
start : graphConfig document ;

document : => doc_empty
    | document line => doc_push ;

line : statement | SEMI | NEWLINE | SPACE | EOF ;

graphConfig : SPACE graphConfig
    | NEWLINE graphConfig
    | GRAPH NODIR => gc_nodir
    | GRAPH DIR FirstStmtSeparator => gc_dir ;

ending : endToken ending | endToken ;

endToken : NEWLINE | SPACE | EOF ;

FirstStmtSeparator : SEMI | NEWLINE | spaceList NEWLINE ;

spaceListNewline : SPACE spaceListNewline | NEWLINE spaceListNewline | NEWLINE | SPACE ;

spaceList : SPACE spaceList | SPACE ;

statement : vertexStatement separator => st_vertex
    | styleStatement separator => st_none
    | linkStyleStatement separator => st_none
    | classDefStatement separator => st_none
    | classStatement separator => st_none
    | clickStatement separator => st_none
    | subgraph SPACE textNoTags SQS text SQE separator document end => st_sub_title
    | subgraph SPACE textNoTags separator document end => st_sub_id
    | subgraph separator document end => st_sub_none
    | direction
    | acc_title acc_title_value => st_acc_title
    | acc_descr acc_descr_value => st_acc_descr
    | acc_descr_multiline_value => st_acc_multi ;

separator : NEWLINE | SEMI | EOF ;

shapeData : shapeData SHAPE_DATA => sd_cat
    | SHAPE_DATA ;

vertexStatement : vertexStatement link node shapeData => vs_link_sd
    | vertexStatement link node => vs_link
    | vertexStatement link node spaceList => vs_link
    | node spaceList => vs_node
    | node shapeData => vs_node_sd
    | node => vs_node ;

node : styledVertex => node_one
    | node shapeData spaceList AMP spaceList styledVertex => node_amp_sd
    | node spaceList AMP spaceList styledVertex => node_amp ;

styledVertex : vertex
    | vertex STYLE_SEPARATOR idString => sv_class ;

vertex : idString SQS text SQE => v_square
    | idString DOUBLECIRCLESTART text DOUBLECIRCLEEND => v_doublecircle
    | idString PS PS text PE PE => v_circle
    | idString (- text -) => v_ellipse
    | idString STADIUMSTART text STADIUMEND => v_stadium
    | idString SUBROUTINESTART text SUBROUTINEEND => v_subroutine
    | idString VERTEX_WITH_PROPS_START NODE_STRING COLON NODE_STRING PIPE text SQE => v_props
    | idString CYLINDERSTART text CYLINDEREND => v_cylinder
    | idString PS text PE => v_round
    | idString DIAMOND_START text DIAMOND_STOP => v_diamond
    | idString DIAMOND_START DIAMOND_START text DIAMOND_STOP DIAMOND_STOP => v_hexagon
    | idString TAGEND text SQE => v_odd
    | idString TRAPSTART text TRAPEND => v_trapezoid
    | idString INVTRAPSTART text INVTRAPEND => v_inv_trapezoid
    | idString TRAPSTART text INVTRAPEND => v_lean_right
    | idString INVTRAPSTART text TRAPEND => v_lean_left
    | idString => v_plain ;

link : linkStatement arrowText => link_text
    | linkStatement TESTSTR SPACE => link_teststr
    | linkStatement arrowText SPACE => link_text
    | linkStatement
    | START_LINK edgeText LINK => link_edge
    | LINK_ID START_LINK edgeText LINK => link_edge_id ;

edgeText : edgeTextToken => tx_one
    | edgeText edgeTextToken => tx_cat
    | STR => tx_str
    | MD_STR => tx_md ;

linkStatement : LINK => ls
    | LINK_ID LINK => ls_id ;

arrowText : PIPE text PIPE => arrow_text ;

text : textToken => tx_one
    | text textToken => tx_cat
    | STR => tx_str
    | MD_STR => tx_md ;

keywords : STYLE | LINKSTYLE | CLASSDEF | CLASS | CLICK | GRAPH | DIR | subgraph | end | DOWN | UP ;

textNoTags : textNoTagsToken => tx_one
    | textNoTags textNoTagsToken => tx_cat
    | STR => tx_str_plain
    | MD_STR => tx_md ;

classDefStatement : CLASSDEF SPACE idString SPACE stylesOpt => class_def ;

classStatement : CLASS SPACE idString SPACE idString => class_stmt ;

clickStatement : CLICK CALLBACKNAME => click
    | CLICK CALLBACKNAME SPACE STR => click
    | CLICK CALLBACKNAME CALLBACKARGS => click
    | CLICK CALLBACKNAME CALLBACKARGS SPACE STR => click
    | CLICK HREF STR => click
    | CLICK HREF STR SPACE STR => click
    | CLICK HREF STR SPACE LINK_TARGET => click
    | CLICK HREF STR SPACE STR SPACE LINK_TARGET => click
    | CLICK alphaNum => click
    | CLICK alphaNum SPACE STR => click
    | CLICK STR => click
    | CLICK STR SPACE STR => click
    | CLICK STR SPACE LINK_TARGET => click
    | CLICK STR SPACE STR SPACE LINK_TARGET => click ;

styleStatement : STYLE SPACE idString SPACE stylesOpt => style_stmt ;

linkStyleStatement : LINKSTYLE SPACE DEFAULT SPACE stylesOpt => link_style
    | LINKSTYLE SPACE numList SPACE stylesOpt => link_style
    | LINKSTYLE SPACE DEFAULT SPACE INTERPOLATE SPACE alphaNum SPACE stylesOpt => link_style_interp
    | LINKSTYLE SPACE numList SPACE INTERPOLATE SPACE alphaNum SPACE stylesOpt => link_style_interp
    | LINKSTYLE SPACE DEFAULT SPACE INTERPOLATE SPACE alphaNum => link_interp
    | LINKSTYLE SPACE numList SPACE INTERPOLATE SPACE alphaNum => link_interp ;

numList : NUM => list_one
    | numList COMMA NUM => list_cat ;

stylesOpt : style => list_one
    | stylesOpt COMMA style => list_cat ;

style : styleComponent
    | style styleComponent => str_cat ;

styleComponent : NUM | NODE_STRING | COLON | UNIT | SPACE | BRKT | STYLE | PCT ;

idStringToken : NUM | NODE_STRING | DOWN | MINUS | DEFAULT | COMMA | COLON | AMP | BRKT | MULT | UNICODE_TEXT ;

textToken : TEXT | TAGSTART | TAGEND | UNICODE_TEXT ;

textNoTagsToken : NUM | NODE_STRING | SPACE | MINUS | AMP | UNICODE_TEXT | COLON | MULT | BRKT | keywords | START_LINK ;

edgeTextToken : EDGE_TEXT | UNICODE_TEXT ;

alphaNumToken : NUM | UNICODE_TEXT | NODE_STRING | DIR | DOWN | MINUS | COMMA | COLON | AMP | BRKT | MULT ;

idString : idStringToken
    | idString idStringToken => str_cat ;

alphaNum : alphaNumToken
    | alphaNum alphaNumToken => str_cat ;

direction : direction_tb => dir_tb
    | direction_bt => dir_bt
    | direction_rl => dir_rl
    | direction_lr => dir_lr ;
"#;

macro_rules! acts {
    ($($v:ident = $tag:literal),* $(,)?) => {
        /// The semantic action of a production (its `=> tag`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Act { Pass, Vertex, $($v),* }

        impl Act {
            fn from_tag(tag: &str) -> Act {
                match tag {
                    "" => Act::Pass,
                    t if t.starts_with("v_") && t != "v_plain" => Act::Vertex,
                    $($tag => Act::$v,)*
                    other => panic!("unknown action tag {other}"),
                }
            }
        }
    };
}

acts! {
    DocEmpty = "doc_empty", DocPush = "doc_push", GcNodir = "gc_nodir", GcDir = "gc_dir",
    StVertex = "st_vertex", StNone = "st_none", StSubTitle = "st_sub_title", StSubId = "st_sub_id", StSubNone = "st_sub_none",
    StAccTitle = "st_acc_title", StAccDescr = "st_acc_descr", StAccMulti = "st_acc_multi",
    SdCat = "sd_cat", StrCat = "str_cat", VsLinkSd = "vs_link_sd", VsLink = "vs_link", VsNode = "vs_node", VsNodeSd = "vs_node_sd",
    NodeOne = "node_one", NodeAmpSd = "node_amp_sd", NodeAmp = "node_amp", SvClass = "sv_class", VPlain = "v_plain",
    LinkText = "link_text", LinkTeststr = "link_teststr", LinkEdge = "link_edge", LinkEdgeId = "link_edge_id", Ls = "ls", LsId = "ls_id",
    ArrowText = "arrow_text", TxOne = "tx_one", TxCat = "tx_cat", TxStr = "tx_str", TxStrPlain = "tx_str_plain", TxMd = "tx_md",
    ClassDef = "class_def", ClassStmt = "class_stmt", Click = "click", StyleStmt = "style_stmt",
    LinkStyle = "link_style", LinkStyleInterp = "link_style_interp", LinkInterp = "link_interp",
    ListOne = "list_one", ListCat = "list_cat", DirTb = "dir_tb", DirBt = "dir_bt", DirRl = "dir_rl", DirLr = "dir_lr",
}

/// The action of each production, by production index.
pub fn acts() -> &'static [Act] {
    static ACTS: OnceLock<Vec<Act>> = OnceLock::new();
    ACTS.get_or_init(|| tables().prods.iter().map(|p| if p.tag == "accept" { Act::Pass } else { Act::from_tag(p.tag) }).collect())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_textbook_construction() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        crate::parse::lalr::assert_same_as_reference(&GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize });
    }

    #[test]
    fn frozen_tables_are_the_grammars() {
        let terminal = |name: &str| T::from_name(name).map(|t| t as usize);
        let spec = GrammarSpec { text: GRAMMAR, n_terms: T::ALL.len(), terminal: &terminal, end: T::End as usize };
        crate::parse::lalr::assert_frozen_current(&spec, &super::super::tables::FROZEN, "flowchart", "src/diagrams/flowchart/parse/tables.rs");
    }

    #[test]
    fn grammar_builds_and_lists_its_conflicts() {
        let t = built_tables();
        assert!(t.n_states() > 100);
        eprintln!("{} states, {} conflicts", t.n_states(), t.conflicts.len());
        for c in &t.conflicts {
            eprintln!("  {c}");
        }
    }
}
