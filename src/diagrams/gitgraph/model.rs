//! Git graphs: commits in order, on branches, with merges and
//! cherry-picks as extra parents, as mermaid's gitGraph database keeps them.

use crate::model::config::DiagramConfig;
use serde_json::json;
use std::ops::Range;

/// mermaid's commit types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitKind {
    Normal,
    Reverse,
    Highlight,
    Merge,
    CherryPick,
}

impl CommitKind {
    pub fn name(self) -> &'static str {
        match self {
            CommitKind::Normal => "NORMAL",
            CommitKind::Reverse => "REVERSE",
            CommitKind::Highlight => "HIGHLIGHT",
            CommitKind::Merge => "MERGE",
            CommitKind::CherryPick => "CHERRY_PICK",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// The id written (`id: "..."`), or `<seq>-<7 hex digits>` made up as
    /// mermaid does (here from the sequence number, so drawings repeat).
    pub id: String,
    pub message: String,
    /// Order of creation.
    pub seq: usize,
    pub kind: CommitKind,
    /// `merge x type: REVERSE`: how a merge commit is drawn.
    pub custom_kind: Option<CommitKind>,
    /// Whether a merge commit was given an id (only then is it labelled).
    pub custom_id: bool,
    pub tags: Vec<String>,
    /// The commit before on its branch, then the merged or picked one.
    pub parents: Vec<String>,
    pub branch: String,
    /// Where the statement is written, in the diagram text.
    pub span: Range<usize>,
}

impl Commit {
    /// The type it is drawn as.
    pub fn symbol(&self) -> CommitKind {
        self.custom_kind.unwrap_or(self.kind)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub name: String,
    /// `order: n` (mermaid's parser makes an unwritten order 0).
    pub order: f64,
}

/// The graph's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// Left to right: branches are rows.
    #[default]
    LR,
    /// Top to bottom: branches are columns.
    TB,
    /// Bottom to top.
    BT,
}

/// The `gitGraph` settings, with mermaid's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct GitOptions {
    pub main_branch_name: String,
    pub main_branch_order: f64,
    pub show_commit_label: bool,
    pub show_branches: bool,
    pub rotate_commit_label: bool,
    pub parallel_commits: bool,
    pub title_top_margin: f64,
    pub diagram_padding: f64,
}

impl Default for GitOptions {
    fn default() -> Self {
        GitOptions {
            main_branch_name: "main".into(),
            main_branch_order: 0.0,
            show_commit_label: true,
            show_branches: true,
            rotate_commit_label: true,
            parallel_commits: false,
            title_top_margin: 25.0,
            diagram_padding: 8.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct GitGraph {
    pub orientation: Orientation,
    /// In mermaid's map order: by creation, a commit whose id is written
    /// again taking the place of the first.
    pub commits: Vec<Commit>,
    /// By creation, the main branch first.
    pub branches: Vec<Branch>,
    pub title: Option<String>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub options: GitOptions,
    /// `themeVariables` git colours set in the diagram (`git0`,
    /// `gitBranchLabel0`, `gitInv0`, `commitLabelColor`, ...), by name.
    pub theme_colors: Vec<(String, String)>,
    pub config: DiagramConfig,
}

impl GitGraph {
    pub fn commit(&self, id: &str) -> Option<&Commit> {
        self.commits.iter().find(|c| c.id == id)
    }

    /// mermaid's parse, in the corpus shape: `{"kind":"gitGraph",
    /// "direction", "branches":[names], "commits":[{"id","message","type",
    /// "branch","parents","tags"}]}` (by sequence).
    pub fn to_mermaid_json(&self) -> serde_json::Value {
        let mut commits: Vec<&Commit> = self.commits.iter().collect();
        commits.sort_by_key(|c| c.seq);
        json!({
            "kind": "gitGraph",
            "direction": format!("{:?}", self.orientation),
            "branches": self.branches.iter().map(|b| b.name.clone()).collect::<Vec<_>>(),
            "commits": commits.iter().map(|c| json!({
                "id": c.id, "message": c.message, "type": c.symbol().name(), "branch": c.branch, "parents": c.parents, "tags": c.tags,
            })).collect::<Vec<_>>(),
        })
    }
}
