//! The `atlas-render` command line.
//!
//! atlas-render diagram.mmd -o out.svg        one diagram (svg, png or pdf by extension)
//! atlas-render check PATH...                  lint every diagram under PATHs
//! atlas-render parse --json FILE              the model, in mermaid's shape
//! atlas-render export PATH... -o DIR          every diagram under PATHs to DIR

use atlas_render::check::fix::fix_paths;
use atlas_render::check::{check_paths_with, to_github, to_human, to_json_lines, CheckOptions};
use atlas_render::diagnostics::{render_human, Diagnostic, Severity};
use atlas_render::model::config::ThemeName;
use atlas_render::config::{config_for, read_config_file, Config};
use atlas_render::diagrams::parse_within;
use atlas_render::pipeline::{render_bytes, Format, RenderOptions};
use atlas_render::planes::{Palette, PlaneMode};
use atlas_render::source::{collect_files, diagram_key, diagrams_in_file, is_markdown, write_atomically, write_output, DiagramSource};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: usvg, krilla and the layout allocate in small pieces, and the
/// system allocator spent a fifth of a handbook build on them. Built
/// without transparent huge pages (feature `no_thp`): the kernel zeroed a
/// 2 MiB page at each first touch of the arena, two thirds of the system
/// time of drawing one small diagram.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "atlas-render",
    version,
    about = "Mermaid diagrams to SVG, PNG and PDF, without a browser",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    render: RenderArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Draw one diagram (the default command).
    Render(RenderArgs),
    /// Check every diagram under the paths: what mermaid-js would refuse, and why.
    Check(CheckArgs),
    /// Print a diagram's model.
    Parse(ParseArgs),
    /// Draw every diagram under the paths into a folder.
    Export(ExportArgs),
    /// Make a PDF book of a documentation site's diagrams (a mkdocs.yml, a folder holding one, or a folder of pages).
    Handbook(HandbookArgs),
    /// Compare every diagram under the paths with its blessed image in a store; bless on purpose.
    Snapshot(SnapshotArgs),
    /// Draw diagrams sent as JSON lines on stdin, answering each as a JSON line on stdout (for tools that keep one process open).
    Batch(BatchArgs),
    /// Copies of Markdown pages with each mermaid block replaced by an image link to its drawing, written beside the copy.
    Markdown(MarkdownArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Svg,
    Png,
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ThemeArg {
    Default,
    Base,
    Dark,
    Forest,
    Neutral,
}

impl From<ThemeArg> for ThemeName {
    fn from(t: ThemeArg) -> ThemeName {
        match t {
            ThemeArg::Default => ThemeName::Default,
            ThemeArg::Base => ThemeName::Base,
            ThemeArg::Dark => ThemeName::Dark,
            ThemeArg::Forest => ThemeName::Forest,
            ThemeArg::Neutral => ThemeName::Neutral,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum PlaneModeArg {
    /// Every plane element in its plane colour, whatever the source says.
    Enforce,
    /// The author's colours, untouched.
    Keep,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaletteArg {
    /// Edge #0066CC, Service #00AA00, State #FF8800, Control #CC0000.
    Classic,
    /// The live Atlas's: #3B82F6, #10B981, #F59E0B, #8B5CF6.
    Tailwind,
}

/// How the Atlas's four planes are coloured. Defaults come from the nearest
/// atlas-render.toml (current folder or a parent), else enforce + classic;
/// so do the limits on a diagram's size (its `[limits]` table).
#[derive(Args, Clone, Default)]
struct PlaneArgs {
    /// enforce: plane elements in their plane colour; keep: the author's colours.
    #[arg(long, value_enum)]
    planes: Option<PlaneModeArg>,
    /// The plane colours.
    #[arg(long, value_enum)]
    palette: Option<PaletteArg>,
    /// Add a legend of the planes present.
    #[arg(long)]
    legend: bool,
    /// A config file to use instead of the nearest atlas-render.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl PlaneArgs {
    /// Settings from the config file, then the command line over them.
    fn config(&self) -> Result<Config, String> {
        self.config_from(&std::env::current_dir().unwrap_or_default())
    }

    /// The same, with the config file nearest `dir` (or --config).
    fn config_from(&self, dir: &Path) -> Result<Config, String> {
        let mut config = match &self.config {
            Some(file) => read_config_file(file),
            None => config_for(dir),
        }
        .map_err(|e| format!("bad config file {e}"))?;
        let s = &mut config.planes;
        if let Some(mode) = self.planes {
            s.mode = match mode {
                PlaneModeArg::Enforce => PlaneMode::Enforce,
                PlaneModeArg::Keep => PlaneMode::Keep,
            };
        }
        if let Some(p) = self.palette {
            s.palette = match p {
                PaletteArg::Classic => Palette::classic(),
                PaletteArg::Tailwind => Palette::tailwind(),
            };
        }
        s.legend |= self.legend;
        Ok(config)
    }
}

#[derive(Args, Clone)]
struct RenderArgs {
    /// The diagram: a .mmd file, a Markdown file (its first mermaid block, or --block N), or - for stdin.
    #[arg(required = true)]
    input: Option<PathBuf>,
    /// Where to write: .svg, .png or .pdf, or - for stdout. Default: the input's name with the format's extension.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format (default: from the output's extension, else svg).
    #[arg(short, long, value_enum)]
    format: Option<FormatArg>,
    /// Pixels per SVG unit in PNG output.
    #[arg(long, default_value_t = 2.0)]
    scale: f64,
    /// Which mermaid block of a Markdown file to draw (from 1).
    #[arg(long, default_value_t = 1)]
    block: usize,
    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
    /// For SVG inlined in HTML: prefix every id and reference to one (so two
    /// diagrams on a page never collide) and mark the root `role="img"`.
    #[arg(long, value_name = "PREFIX", value_parser = parse_id_prefix)]
    id_prefix: Option<String>,
    /// For SVG inlined in a page with a dark scheme: the page's selector for it
    /// (MkDocs Material: '[data-md-color-scheme="slate"]'); the dark theme's
    /// colours apply under it, the plane colours stay.
    #[arg(long, value_name = "SELECTOR", value_parser = parse_dark_scheme)]
    dark_scheme: Option<String>,
    #[command(flatten)]
    look: LookArgs,
}

fn parse_dark_scheme(s: &str) -> Result<String, String> {
    if atlas_render::svg::scheme::valid_selector(s) {
        Ok(s.to_string())
    } else {
        Err("a selector, without `{`, `}`, `;`, `<`, `@`, `/` or `\\`".into())
    }
}

fn parse_id_prefix(s: &str) -> Result<String, String> {
    if atlas_render::svg::inline::valid_prefix(s) {
        Ok(s.to_string())
    } else {
        Err("an id prefix begins with a letter or `_`, then letters, digits, `-`, `_` or `.`".into())
    }
}

/// How diagrams look: theme and planes, shared by every command that draws.
#[derive(Args, Clone, Default)]
struct LookArgs {
    /// Theme, overriding the diagram's own.
    #[arg(long, value_enum)]
    theme: Option<ThemeArg>,
    #[command(flatten)]
    planes: PlaneArgs,
}

impl LookArgs {
    /// Render options at `scale`, with the config file nearest `dir` (or --config).
    fn options(&self, scale: f64, dir: &Path) -> Result<RenderOptions, String> {
        let Config { planes, limits } = self.planes.config_from(dir)?;
        Ok(RenderOptions { theme: self.theme.map(Into::into), scale, planes, id_prefix: None, dark_scheme: None, limits })
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Human,
    Json,
    Github,
}

#[derive(Args)]
struct CheckArgs {
    /// Files (.mmd, .md) and folders to check.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// One JSON object per diagram (same as --format json).
    #[arg(long)]
    json: bool,
    /// Report format.
    #[arg(long, value_enum, default_value = "human")]
    format: ReportFormat,
    /// Treat warnings as errors: `--deny warnings`.
    #[arg(long, value_name = "warnings")]
    deny: Option<String>,
    /// Also lay out and measure every diagram in the human and GitHub formats
    /// (JSON always does: its `layout` figures need it).
    #[arg(long)]
    layout: bool,
    /// Rewrite the sources: quote labels mermaid-js refuses, move off-palette
    /// plane colours to the palette; nothing else changes.
    #[arg(long)]
    fix: bool,
    #[command(flatten)]
    planes: PlaneArgs,
}

#[derive(Args)]
struct ParseArgs {
    /// The diagram file, or - for stdin.
    file: PathBuf,
    /// Print the model as JSON in the shape of mermaid-js's own parse.
    #[arg(long)]
    json: bool,
    /// Which mermaid block of a Markdown file (from 1).
    #[arg(long, default_value_t = 1)]
    block: usize,
}

#[derive(Args)]
struct ExportArgs {
    /// Files (.mmd, .md) and folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The folder to write into (mirrors the input tree).
    #[arg(short, long)]
    output: PathBuf,
    #[arg(short, long, value_enum, default_value = "svg")]
    format: FormatArg,
    #[arg(long, default_value_t = 2.0)]
    scale: f64,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    look: LookArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

#[derive(Args)]
struct HandbookArgs {
    /// The site: a mkdocs.yml, a folder holding one, or a folder of .md/.mmd pages.
    site: PathBuf,
    /// The PDF to write.
    #[arg(short, long)]
    output: PathBuf,
    /// The book's paper; figures that need it get landscape pages and larger sheets.
    #[arg(long, value_enum, default_value = "a4")]
    paper: PaperArg,
    /// The date on the title page, YYYY-MM-DD (default: from SOURCE_DATE_EPOCH; none without it).
    #[arg(long)]
    date: Option<String>,
    /// Write PDF/A-2b, for archiving.
    #[arg(long)]
    pdfa: bool,
    /// Only the pages under this path (e.g. systems/netflix): one section as its own booklet.
    #[arg(long, value_name = "PATH_PREFIX")]
    only: Option<String>,
    /// Exit 1 if any diagram has an error (mermaid-js refuses it, or it cannot be drawn).
    #[arg(long)]
    strict: bool,
    /// No progress bars and no list of undrawable diagrams; the summary still prints.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    look: LookArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum UpdateArg {
    /// The changed and the new goldens.
    All,
    /// Only the missing ones.
    New,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImageFormatArg {
    Svg,
    Png,
}

#[derive(Args)]
struct MarkdownArgs {
    /// Markdown files and folders (their .md files; the tree is mirrored under the output folder).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The folder for the copies and their drawings.
    #[arg(short, long)]
    output: PathBuf,
    /// The drawings' format.
    #[arg(short, long, value_enum, default_value = "svg")]
    format: ImageFormatArg,
    /// Pixels per SVG unit in PNG drawings.
    #[arg(long, default_value_t = 2.0)]
    scale: f64,
    /// Do not list the problems, only the summary.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    look: LookArgs,
}

#[derive(Args)]
struct BatchArgs {
    #[command(flatten)]
    look: LookArgs,
}

#[derive(Args)]
struct SnapshotArgs {
    /// Files (.mmd, .md) and folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The store of blessed images.
    #[arg(long, value_name = "DIR")]
    store: PathBuf,
    /// Bless: write the changed and new goldens (`--update=new`: only the new ones).
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "all")]
    update: Option<UpdateArg>,
    /// Delete goldens whose diagram is gone.
    #[arg(long)]
    prune: bool,
    /// Report format.
    #[arg(long, value_enum, default_value = "human")]
    format: SnapshotFormat,
    /// Pixels per SVG unit of the images.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// At most this many differing pixels count as unchanged.
    #[arg(long, default_value_t = 0)]
    max_diff_pixels: usize,
    /// At most this share of differing pixels counts as unchanged (0.001 = 0.1%).
    #[arg(long, default_value_t = 0.0)]
    max_diff_ratio: f64,
    /// Compare by perceptual (YIQ) colour distance with this threshold, 0 to 1
    /// (0.1 is pixelmatch's default), anti-aliasing forgiven.
    #[arg(long)]
    threshold: Option<f64>,
    /// Where the HTML report goes (default: DIR/report/ under the store).
    #[arg(long, value_name = "DIR")]
    report: Option<PathBuf>,
    /// Also write a JUnit XML report.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    #[command(flatten)]
    look: LookArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SnapshotFormat {
    Human,
    Json,
    /// Workflow annotations, and a Markdown summary appended to $GITHUB_STEP_SUMMARY.
    Github,
}

/// Exit codes: 0 clean, 1 a diagram has an error, 2 usage or I/O error.
const EXIT_DIAGRAM: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Some(Command::Render(args)) => run_render(args),
        Some(Command::Check(args)) => run_check(args),
        Some(Command::Parse(args)) => run_parse(args),
        Some(Command::Export(args)) => run_export(args),
        Some(Command::Handbook(args)) => run_handbook(args),
        Some(Command::Snapshot(args)) => run_snapshot(args),
        Some(Command::Batch(args)) => run_batch(args),
        Some(Command::Markdown(args)) => run_markdown(args),
        None => run_render(cli.render),
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// Reads the diagram named on the command line: a file, a Markdown block, or stdin.
fn read_diagram(input: &Path, block: usize) -> Result<DiagramSource, String> {
    let (name, text) = if input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("cannot read stdin: {e}"))?;
        (PathBuf::from("<stdin>"), s)
    } else {
        let bytes = std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
        (input.to_path_buf(), String::from_utf8_lossy(&bytes).into_owned())
    };
    if is_markdown(&name) {
        let blocks = diagrams_in_file(&name, &text);
        let count = blocks.len();
        return blocks
            .into_iter()
            .nth(block.saturating_sub(1))
            .ok_or_else(|| format!("{} has {count} mermaid block{}; there is no block {block}", name.display(), if count == 1 { "" } else { "s" }));
    }
    Ok(DiagramSource::whole_file(name, text))
}

fn print_diagnostics(source: &DiagramSource, file_text: Option<&str>, diagnostics: &[Diagnostic], as_warnings: bool) {
    let color = std::io::stderr().is_terminal();
    let name = source.file.display().to_string();
    for d in diagnostics {
        let mut shown = d.clone();
        shown.span = source.file_offset(d.span.start)..source.file_offset(d.span.end.max(d.span.start));
        if as_warnings && d.severity == Severity::Error {
            shown.severity = Severity::Warning;
            shown.message = format!("{} (mermaid-js refuses this; drawn as written)", d.message);
        }
        eprint!("{}", render_human(&shown, &name, file_text.unwrap_or(&source.text), color));
    }
}

fn run_render(args: RenderArgs) -> ExitCode {
    let Some(input) = args.input.clone() else { return fail("no input diagram given") };
    let source = match read_diagram(&input, args.block) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let format: Format = match (args.format, &args.output) {
        (Some(f), _) => f.into(),
        (None, Some(out)) if out.as_os_str() != "-" => match out.extension().and_then(|e| e.to_str()).and_then(Format::from_extension) {
            Some(f) => f,
            None => return fail(format!("cannot tell the format of {}: use .svg, .png or .pdf, or --format", out.display())),
        },
        _ => Format::Svg,
    };
    let output = match &args.output {
        Some(o) => o.clone(),
        None if input.as_os_str() == "-" => PathBuf::from("-"),
        None => input.with_extension(format.extension()),
    };
    let options = match args.look.options(args.scale, &std::env::current_dir().unwrap_or_default()) {
        Ok(o) => RenderOptions { id_prefix: args.id_prefix.clone(), dark_scheme: args.dark_scheme.clone(), ..o },
        Err(e) => return fail(e),
    };
    let file_text = if is_markdown(&source.file) { std::fs::read_to_string(&source.file).ok() } else { None };
    match render_bytes(&source.text, format, &options) {
        Ok((bytes, rendered)) => {
            if !args.quiet {
                print_diagnostics(&source, file_text.as_deref(), &rendered.diagnostics, true);
            }
            let written = if output.as_os_str() == "-" {
                std::io::stdout().write_all(&bytes).and_then(|_| std::io::stdout().flush())
            } else {
                write_output(&output, &bytes)
            };
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(format!("cannot write {}: {e}", output.display())),
            }
        }
        Err(failure) => {
            print_diagnostics(&source, file_text.as_deref(), &failure.diagnostics, false);
            ExitCode::from(EXIT_DIAGRAM)
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let deny_warnings = match args.deny.as_deref() {
        None => false,
        Some("warnings") => true,
        Some(other) => return fail(format!("--deny takes `warnings`, not `{other}`")),
    };
    let config = match args.planes.config() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let format = if args.json { ReportFormat::Json } else { args.format };
    let options = CheckOptions { palette: config.planes.palette, layout: args.layout || format == ReportFormat::Json, limits: config.limits };
    if args.fix {
        match fix_paths(&args.paths, &options) {
            Ok(fixed) => {
                let total: usize = fixed.iter().map(|f| f.fixes).sum();
                for f in &fixed {
                    eprintln!("fixed {}: {} finding{}", f.file.display(), f.fixes, if f.fixes == 1 { "" } else { "s" });
                }
                eprintln!("--fix: {total} finding{} fixed in {} file{}", if total == 1 { "" } else { "s" }, fixed.len(), if fixed.len() == 1 { "" } else { "s" });
            }
            Err(e) => return fail(format!("--fix: {e}")),
        }
    }
    let report = match check_paths_with(&args.paths, &options) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let text = match format {
        ReportFormat::Json => to_json_lines(&report),
        ReportFormat::Github => to_github(&report),
        ReportFormat::Human => to_human(&report, std::io::stdout().is_terminal()),
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    if !report.unreadable.is_empty() {
        return ExitCode::from(EXIT_USAGE);
    }
    let failed = report.diagrams.iter().any(|d| !d.ok() || (deny_warnings && !d.diagnostics.is_empty()));
    if failed { ExitCode::from(EXIT_DIAGRAM) } else { ExitCode::SUCCESS }
}

fn run_parse(args: ParseArgs) -> ExitCode {
    let source = match read_diagram(&args.file, args.block) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let limits = match config_for(&std::env::current_dir().unwrap_or_default()) {
        Ok(c) => c.limits,
        Err(e) => return fail(format!("bad config file {e}")),
    };
    let outcome = parse_within(&source.text, &limits);
    let file_text = if is_markdown(&source.file) { std::fs::read_to_string(&source.file).ok() } else { None };
    print_diagnostics(&source, file_text.as_deref(), &outcome.diagnostics, false);
    let Some(diagram) = outcome.diagram else { return ExitCode::from(EXIT_DIAGRAM) };
    let model = diagram.to_mermaid_json();
    let text = if args.json { serde_json::to_string(&model) } else { serde_json::to_string_pretty(&model) };
    println!("{}", text.unwrap_or_default());
    if outcome.diagnostics.iter().any(Diagnostic::is_error) { ExitCode::from(EXIT_DIAGRAM) } else { ExitCode::SUCCESS }
}

/// Where an exported diagram goes: its key under the output folder, with
/// the format's extension.
fn export_path(root: &Path, inputs: &[PathBuf], source: &DiagramSource, format: Format) -> PathBuf {
    root.join(format!("{}.{}", diagram_key(inputs, source), format.extension()))
}

fn run_export(args: ExportArgs) -> ExitCode {
    let files = match collect_files(&args.paths) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    // read on every core too, then in file order
    let read: Vec<std::io::Result<Vec<DiagramSource>>> =
        files.par_iter().map(|f| std::fs::read(f).map(|b| diagrams_in_file(f, &String::from_utf8_lossy(&b)))).collect();
    let mut sources = Vec::new();
    let mut io_errors = 0;
    for (f, r) in files.iter().zip(read) {
        match r {
            Ok(diagrams) => sources.extend(diagrams),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", f.display());
                io_errors += 1;
            }
        }
    }
    let format: Format = args.format.into();
    let options = match args.look.options(args.scale, &std::env::current_dir().unwrap_or_default()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let bar = if args.quiet { indicatif::ProgressBar::hidden() } else { indicatif::ProgressBar::new(sources.len() as u64) };
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} diagrams {elapsed}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
    let results: Vec<(String, Result<(), String>)> = sources
        .par_iter()
        .map(|s| {
            let out = export_path(&args.output, &args.paths, s, format);
            let result = std::panic::catch_unwind(|| render_bytes(&s.text, format, &options))
                .map_err(|_| "internal error (please report this diagram)".to_string())
                .and_then(|r| r.map_err(|f| f.reason().map(|d| format!("{}: {}", d.code, d.message)).unwrap_or_else(|| "cannot be drawn".into())))
                .and_then(|(bytes, _)| write_output(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display())));
            bar.inc(1);
            (s.display_name(), result)
        })
        .collect();
    bar.finish_and_clear();
    let failed: Vec<_> = results.iter().filter_map(|(n, r)| r.as_ref().err().map(|e| (n, e))).collect();
    for (name, e) in &failed {
        eprintln!("{name}: {e}");
    }
    eprintln!("exported {} of {} diagrams to {}", results.len() - failed.len(), results.len(), args.output.display());
    if io_errors > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if !failed.is_empty() {
        ExitCode::from(EXIT_DIAGRAM)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_handbook(args: HandbookArgs) -> ExitCode {
    use atlas_render::handbook::{build_handbook, date_of_epoch, parse_date, paginate::Paper, HandbookOptions};
    let date = match (&args.date, std::env::var("SOURCE_DATE_EPOCH").ok()) {
        (Some(d), _) if parse_date(d).is_none() => return fail(format!("--date takes YYYY-MM-DD, not `{d}`")),
        (Some(d), _) => Some(d.clone()),
        (None, Some(epoch)) => match epoch.trim().parse::<i64>() {
            Ok(s) => Some(date_of_epoch(s)),
            Err(_) => return fail(format!("SOURCE_DATE_EPOCH must be seconds since 1970, not `{epoch}`")),
        },
        (None, None) => None,
    };
    let site_dir = if args.site.is_dir() { args.site.clone() } else { args.site.parent().map(Path::to_path_buf).unwrap_or_default() };
    let render = match args.look.options(1.0, &std::path::absolute(&site_dir).unwrap_or(site_dir)) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let options = HandbookOptions {
        render,
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        date,
        pdfa: args.pdfa,
        only: args.only.clone(),
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let started = std::time::Instant::now();
    let (bytes, summary) = match build_handbook(&args.site, &options) {
        Ok(built) => built,
        Err(e) => return fail(e),
    };
    if let Err(e) = write_atomically(&args.output, &bytes) {
        return fail(format!("cannot write {}: {e}", args.output.display()));
    }
    // a nav that names many missing pages says so in a few lines
    for w in summary.warnings.iter().take(5) {
        eprintln!("warning: {w}");
    }
    if summary.warnings.len() > 5 {
        eprintln!("warning: ... and {} more like these", summary.warnings.len() - 5);
    }
    if !args.quiet {
        for f in &summary.failed {
            eprintln!("not drawn: {f}");
        }
    }
    let sheets: Vec<String> = summary.pages_by_sheet.iter().map(|(s, n)| format!("{n} {s}")).collect();
    let drawn = summary.figures - summary.failed.len();
    eprintln!(
        "handbook: {}: {} chapters, {} figures ({drawn} drawn, {} of them refused by mermaid-js and drawn as meant; {} not drawn, in the appendix), {} pages ({}), {:.1} MB, {:.1} s",
        args.output.display(),
        summary.chapters,
        summary.figures,
        summary.refused,
        summary.failed.len(),
        summary.pages,
        sheets.join(", "),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let mut sizes = summary.text_pt.clone();
    sizes.sort_by(f32::total_cmp);
    if let (Some(min), Some(median)) = (sizes.first(), sizes.get(sizes.len() / 2)) {
        eprintln!("figure text: smallest {min:.1} pt, median {median:.1} pt; {} figure(s) under 7 pt", summary.under_min_text());
    }
    if args.strict && (summary.refused > 0 || !summary.failed.is_empty()) {
        return ExitCode::from(EXIT_DIAGRAM);
    }
    ExitCode::SUCCESS
}

fn run_snapshot(args: SnapshotArgs) -> ExitCode {
    use atlas_render::snapshot::{run, summary, to_human, to_json_lines, unsettled, SnapshotOptions, Update};
    let render = match args.look.options(args.scale, &std::env::current_dir().unwrap_or_default()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    if !(args.max_diff_ratio >= 0.0 && args.max_diff_ratio <= 1.0) {
        return fail("--max-diff-ratio takes a share from 0 to 1");
    }
    if args.threshold.is_some_and(|t| !(0.0..=1.0).contains(&t)) {
        return fail("--threshold takes a value from 0 to 1");
    }
    let options = SnapshotOptions {
        store: args.store.clone(),
        update: match args.update {
            None => Update::No,
            Some(UpdateArg::All) => Update::All,
            Some(UpdateArg::New) => Update::New,
        },
        prune: args.prune,
        render,
        ci: std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0"),
        max_diff_pixels: args.max_diff_pixels,
        max_diff_ratio: args.max_diff_ratio,
        report: args.report.clone(),
        threshold: args.threshold,
    };
    let outcomes = match run(&args.paths, &options) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    if let Some(file) = &args.junit {
        if let Err(e) = write_atomically(file, atlas_render::snapshot::report::junit(&outcomes).as_bytes()) {
            return fail(format!("cannot write {}: {e}", file.display()));
        }
    }
    let text = match args.format {
        SnapshotFormat::Human => to_human(&outcomes),
        SnapshotFormat::Json => to_json_lines(&outcomes),
        SnapshotFormat::Github => {
            if let Some(summary_file) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|f| !f.is_empty()) {
                use std::io::Write as _;
                let appended = std::fs::OpenOptions::new().create(true).append(true).open(&summary_file).and_then(|mut f| f.write_all(atlas_render::snapshot::report::markdown_summary(&outcomes).as_bytes()));
                if let Err(e) = appended {
                    return fail(format!("cannot write $GITHUB_STEP_SUMMARY: {e}"));
                }
            }
            atlas_render::snapshot::report::github(&outcomes)
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    if args.format != SnapshotFormat::Human {
        eprintln!("{}", summary(&outcomes));
    }
    if outcomes.iter().any(|o| o.status != atlas_render::snapshot::Status::Unchanged) {
        eprintln!("report: {}", options.report_dir().join("index.html").display());
    }
    if unsettled(&outcomes) { ExitCode::from(EXIT_DIAGRAM) } else { ExitCode::SUCCESS }
}

fn run_batch(args: BatchArgs) -> ExitCode {
    let options = match args.look.options(1.0, &std::env::current_dir().unwrap_or_default()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    match atlas_render::batch::serve(std::io::stdin().lock(), std::io::stdout(), &options) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(format!("batch: {e}")),
    }
}

fn run_markdown(args: MarkdownArgs) -> ExitCode {
    use atlas_render::transform::{copy_path, transform_page};
    let files: Vec<PathBuf> = match collect_files(&args.paths) {
        Ok(f) => f.into_iter().filter(|f| is_markdown(f)).collect(),
        Err(e) => return fail(e),
    };
    if files.is_empty() {
        return fail("no Markdown files (.md) under the paths given");
    }
    let format = match args.format {
        ImageFormatArg::Svg => Format::Svg,
        ImageFormatArg::Png => Format::Png,
    };
    let options = match args.look.options(args.scale, &std::env::current_dir().unwrap_or_default()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    for file in &files {
        let out = copy_path(&args.output, &args.paths, file);
        if std::fs::canonicalize(&out).ok().is_some_and(|o| std::fs::canonicalize(file).ok() == Some(o)) {
            return fail(format!("{} would be written over itself: choose another output folder", file.display()));
        }
    }
    let results: Vec<Result<_, String>> = files
        .par_iter()
        .map(|file| {
            let out = copy_path(&args.output, &args.paths, file);
            let content = std::fs::read_to_string(file).map_err(|e| format!("error: cannot read {}: {e}", file.display()))?;
            transform_page(file, &content, &out, format, &options).map_err(|e| format!("error: cannot write {}: {e}", out.display()))
        })
        .collect();
    let (mut drawn, mut left, mut problems, mut io_errors) = (0, 0, 0, 0);
    for result in results {
        match result {
            Ok(r) => {
                drawn += r.drawn;
                left += r.left;
                problems += r.problems.len();
                if !args.quiet {
                    for p in &r.problems {
                        eprintln!("{p}");
                    }
                }
            }
            Err(e) => {
                eprintln!("{e}");
                io_errors += 1;
            }
        }
    }
    eprintln!("{} pages to {}: {drawn} diagrams drawn, {left} left as they were, {problems} problems", files.len(), args.output.display());
    if io_errors > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if problems > 0 {
        ExitCode::from(EXIT_DIAGRAM)
    } else {
        ExitCode::SUCCESS
    }
}
