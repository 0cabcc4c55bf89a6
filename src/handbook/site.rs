//! A documentation site as the handbook reads it: a MkDocs `mkdocs.yml`
//! (name, description, author, `docs_dir`, `nav`), or a plain folder of
//! `.md` / `.mmd` files in MkDocs' own order.
//!
//! The YAML is read with saphyr, which keeps tags it does not know
//! (`!!python/name:...`, `!ENV`, `!relative`) as tagged nodes instead of
//! refusing the file, as MkDocs configurations need.

use saphyr::{LoadableYamlNode, Yaml};
use std::path::{Path, PathBuf};

/// One entry of a site's navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NavEntry {
    /// A titled group of entries (a part of the book).
    Section { title: String, children: Vec<NavEntry> },
    /// A page, by its path under `docs_dir` (`/`-separated), with the nav's title if it gives one.
    Page { title: Option<String>, path: String },
}

/// What the handbook needs to know of a site.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub name: String,
    pub description: Option<String>,
    pub author: Option<String>,
    /// The `mkdocs.yml` read, if any.
    pub config: Option<PathBuf>,
    /// Where the pages are.
    pub docs_dir: PathBuf,
    /// The navigation: the config's `nav` (external links dropped, pages that
    /// do not exist dropped and reported), else every page in MkDocs' order;
    /// pages the nav leaves out follow in a last section, "Other pages".
    pub nav: Vec<NavEntry>,
    /// Problems that did not stop the read (a nav entry naming no file).
    pub warnings: Vec<String>,
}

/// Why a site could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteError(pub String);

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The title of the last section of a book, for pages the nav leaves out.
pub const OTHER_PAGES: &str = "Other pages";

/// Reads a site: a `mkdocs.yml` (or any `.yml`/`.yaml` file), a folder
/// holding `mkdocs.yml`, or a plain folder of pages.
pub fn read_site(path: &Path) -> Result<Site, SiteError> {
    let meta = std::fs::metadata(path).map_err(|e| SiteError(format!("cannot read {}: {e}", path.display())))?;
    let config = if meta.is_dir() {
        ["mkdocs.yml", "mkdocs.yaml"].iter().map(|n| path.join(n)).find(|p| p.is_file())
    } else {
        Some(path.to_path_buf())
    };
    match config {
        Some(config) => read_mkdocs(&config),
        None => {
            let name = folder_title(path);
            let pages = site_pages(path).map_err(|e| SiteError(format!("cannot read {}: {e}", path.display())))?;
            Ok(Site { name, description: None, author: None, config: None, docs_dir: path.to_path_buf(), nav: mkdocs_order(&pages), warnings: Vec::new() })
        }
    }
}

fn read_mkdocs(config: &Path) -> Result<Site, SiteError> {
    let text = std::fs::read_to_string(config).map_err(|e| SiteError(format!("cannot read {}: {e}", config.display())))?;
    let docs = Yaml::load_from_str(&text).map_err(|e| {
        let m = e.marker();
        SiteError(format!("{}:{}:{}: not valid YAML: {}", config.display(), m.line(), m.col() + 1, e.info()))
    })?;
    let empty = Yaml::Mapping(Default::default());
    let root = docs.first().map(untagged).unwrap_or(&empty);
    if !root.is_mapping() && !root.is_null() {
        return Err(SiteError(format!("{}: the configuration is not a mapping of settings", config.display())));
    }
    let get = |key: &str| root.as_mapping_get(key).map(untagged);
    let string = |key: &str| get(key).and_then(scalar_text);
    let base = config.parent().unwrap_or(Path::new("."));
    let docs_dir = base.join(string("docs_dir").unwrap_or_else(|| "docs".to_string()));
    if !docs_dir.is_dir() {
        return Err(SiteError(format!("{}: docs_dir {} is not a folder", config.display(), docs_dir.display())));
    }
    let pages = site_pages(&docs_dir).map_err(|e| SiteError(format!("cannot read {}: {e}", docs_dir.display())))?;
    let mut warnings = Vec::new();
    let nav = match get("nav") {
        Some(nav) if nav.is_sequence() => {
            let mut entries = nav_entries(nav, &pages, &mut warnings);
            let listed = page_paths(&entries);
            let others: Vec<String> = pages.iter().filter(|p| !listed.contains(p)).cloned().collect();
            if !others.is_empty() {
                entries.push(NavEntry::Section { title: OTHER_PAGES.to_string(), children: mkdocs_order(&others) });
            }
            entries
        }
        Some(nav) if !nav.is_null() => return Err(SiteError(format!("{}: `nav` must be a list of pages and sections", config.display()))),
        _ => mkdocs_order(&pages),
    };
    Ok(Site {
        name: string("site_name").unwrap_or_else(|| folder_title(base)),
        description: string("site_description"),
        author: string("site_author"),
        config: Some(config.to_path_buf()),
        docs_dir,
        nav,
        warnings,
    })
}

/// A node with any tag it carries taken off.
fn untagged<'a, 'b>(node: &'b Yaml<'a>) -> &'b Yaml<'a> {
    let mut node = node;
    while let Some(inner) = node.get_tagged_node() {
        node = inner;
    }
    node
}

/// A scalar as text (`docs_dir: docs`, `site_name: 5.0`).
fn scalar_text(node: &Yaml) -> Option<String> {
    let node = untagged(node);
    if let Some(s) = node.as_str() {
        return Some(s.to_string());
    }
    if let Some(i) = node.as_integer() {
        return Some(i.to_string());
    }
    if let Some(f) = node.as_floating_point() {
        return Some(f.to_string());
    }
    node.as_bool().map(|b| b.to_string())
}

fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:") || target.starts_with("//")
}

/// A nav target as a page path under `docs_dir`.
fn normalise_page(target: &str) -> String {
    target.trim().trim_start_matches("./").trim_start_matches('/').replace('\\', "/")
}

fn nav_entries(nav: &Yaml, pages: &[String], warnings: &mut Vec<String>) -> Vec<NavEntry> {
    let mut out = Vec::new();
    for item in nav.as_vec().map(|v| v.as_slice()).unwrap_or(&[]) {
        let item = untagged(item);
        if let Some(target) = scalar_text(item) {
            if let Some(page) = nav_page(None, &target, pages, warnings) {
                out.push(page);
            }
        } else if let Some(map) = item.as_mapping() {
            for (key, value) in map {
                let title = scalar_text(key).unwrap_or_default();
                let value = untagged(value);
                if value.is_sequence() {
                    let children = nav_entries(value, pages, warnings);
                    if !children.is_empty() {
                        out.push(NavEntry::Section { title, children });
                    }
                } else if let Some(target) = scalar_text(value) {
                    if let Some(page) = nav_page(Some(title), &target, pages, warnings) {
                        out.push(page);
                    }
                }
            }
        }
    }
    out
}

fn nav_page(title: Option<String>, target: &str, pages: &[String], warnings: &mut Vec<String>) -> Option<NavEntry> {
    if is_external(target) {
        return None;
    }
    let path = normalise_page(target);
    let path = if path.ends_with('/') || path.is_empty() { format!("{path}index.md") } else { path };
    if pages.binary_search(&path).is_err() {
        warnings.push(format!("the nav names {target}, which is not a page of the site"));
        return None;
    }
    Some(NavEntry::Page { title, path })
}

/// Every page path listed in the entries.
pub fn page_paths(entries: &[NavEntry]) -> Vec<String> {
    let mut out = Vec::new();
    for e in entries {
        match e {
            NavEntry::Page { path, .. } => out.push(path.clone()),
            NavEntry::Section { children, .. } => out.extend(page_paths(children)),
        }
    }
    out.sort();
    out
}

/// Every `.md` and `.mmd` file under `docs_dir`, as sorted `/`-separated paths.
fn site_pages(docs_dir: &Path) -> std::io::Result<Vec<String>> {
    let files = crate::source::collect_files(&[docs_dir.to_path_buf()])?;
    let mut out: Vec<String> = files
        .iter()
        .filter(|f| matches!(f.extension().and_then(|e| e.to_str()), Some("md" | "markdown" | "mmd" | "mermaid")))
        .filter_map(|f| f.strip_prefix(docs_dir).ok())
        .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        .collect();
    out.sort();
    Ok(out)
}

fn is_index(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("readme")
}

/// Pages in MkDocs' order when there is no nav: in each folder its
/// `index.md` (or `README.md`) first, then its pages alphabetically, then
/// its folders alphabetically, each a section titled after the folder.
pub fn mkdocs_order(pages: &[String]) -> Vec<NavEntry> {
    fn build(prefix: &str, pages: &[&str]) -> Vec<NavEntry> {
        let mut files: Vec<&str> = Vec::new();
        let mut folders: Vec<&str> = Vec::new();
        for p in pages {
            match p.split_once('/') {
                None => files.push(p),
                Some((dir, _)) => {
                    if folders.last() != Some(&dir) && !folders.contains(&dir) {
                        folders.push(dir);
                    }
                }
            }
        }
        files.sort_by_key(|f| (!is_index(f), f.to_lowercase(), f.to_string()));
        folders.sort_by_key(|d| (d.to_lowercase(), d.to_string()));
        let mut out: Vec<NavEntry> = files.iter().map(|f| NavEntry::Page { title: None, path: format!("{prefix}{f}") }).collect();
        for dir in folders {
            let inner: Vec<&str> = pages.iter().filter_map(|p| p.strip_prefix(dir).and_then(|r| r.strip_prefix('/'))).collect();
            let children = build(&format!("{prefix}{dir}/"), &inner);
            if !children.is_empty() {
                out.push(NavEntry::Section { title: name_title(dir), children });
            }
        }
        out
    }
    let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
    build("", &refs)
}

/// A file or folder name as MkDocs titles it: `-` and `_` as blanks, the first letter capital.
pub fn name_title(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let spaced = stem.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

fn folder_title(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.file_name().map(|n| name_title(&n.to_string_lossy())).unwrap_or_else(|| "Handbook".to_string())
}

/// Keeps only the pages whose path starts with `prefix` (a path under
/// `docs_dir`, or one that reaches into it from the current folder),
/// dropping sections left empty.
pub fn only(entries: Vec<NavEntry>, prefix: &str) -> Vec<NavEntry> {
    let prefix = normalise_page(prefix);
    entries
        .into_iter()
        .filter_map(|e| match e {
            NavEntry::Page { ref path, .. } => path.starts_with(&prefix).then_some(e),
            NavEntry::Section { title, children } => {
                let children = only(children, &prefix);
                (!children.is_empty()).then_some(NavEntry::Section { title, children })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: Option<&str>, path: &str) -> NavEntry {
        NavEntry::Page { title: title.map(String::from), path: path.into() }
    }

    #[test]
    fn mkdocs_order_puts_index_first_and_folders_after_pages() {
        let pages: Vec<String> = ["b.md", "index.md", "a.md", "z-dir/x.md", "m_dir/README.md", "m_dir/c.md"].iter().map(|s| s.to_string()).collect();
        let mut sorted = pages.clone();
        sorted.sort();
        assert_eq!(
            mkdocs_order(&sorted),
            vec![
                page(None, "index.md"),
                page(None, "a.md"),
                page(None, "b.md"),
                NavEntry::Section { title: "M dir".into(), children: vec![page(None, "m_dir/README.md"), page(None, "m_dir/c.md")] },
                NavEntry::Section { title: "Z dir".into(), children: vec![page(None, "z-dir/x.md")] },
            ]
        );
    }

    #[test]
    fn only_keeps_a_prefix_and_drops_empty_sections() {
        let nav = vec![
            NavEntry::Section { title: "A".into(), children: vec![page(None, "a/x.md")] },
            NavEntry::Section { title: "S".into(), children: vec![page(None, "systems/netflix/a.md"), page(None, "systems/uber.md")] },
        ];
        assert_eq!(only(nav, "./systems/netflix"), vec![NavEntry::Section { title: "S".into(), children: vec![page(None, "systems/netflix/a.md")] }]);
    }

    #[test]
    fn names_become_titles() {
        assert_eq!(name_title("failure-domains.md"), "Failure domains");
        assert_eq!(name_title("raft_roles"), "Raft roles");
    }
}
