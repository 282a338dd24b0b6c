//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "eol",
    about = "Lifecycle policies as rules: check, format, evaluate",
    disable_version_flag = true,
    after_help = "Exit codes: 0 fine; 1 the condition asked about holds (end of life, problems found, a file would change); 2 usage or I/O error; 3 rule files or catalogs are broken."
)]
pub struct Cli {
    /// Print the version and which data the bundled library holds
    #[arg(short = 'V', long)]
    pub version: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check rule files and report every problem
    Check(CheckArgs),
    /// Format rule files in the canonical layout
    Fmt(FmtArgs),
    /// Evaluate rule files against their release catalogs: the lifecycle table
    Eval(EvalArgs),
    /// Where one version stands on a date, and what it is entitled to
    Status(StatusArgs),
    /// The products the rules know: ids, names, aliases, supported lines
    List(ListArgs),
    /// How every date of one line was derived
    Explain(ExplainArgs),
    /// Build a catalog from another source's data
    #[command(subcommand)]
    Import(ImportCommand),
    /// Compare computed phase ends with published ones (endoflife.date)
    Conform(ConformArgs),
    /// Which of the things we run are out of support: inventories and SBOMs
    Audit(AuditArgs),
    /// Write the rules' results for other tools
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// An endoflife.date CSV export (cycle,release_date,latest,latest_date,lts,eoas,eol,eoes)
    EndoflifeCsv(ImportArgs),
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The endoflife.date CSV file
    pub file: PathBuf,
    /// Product id to write in the catalog (default: the file's stem)
    #[arg(long)]
    pub product: Option<String>,
    /// Write the catalog here instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ConformArgs {
    /// Rule files, directories and catalogs (default: the bundled library)
    pub paths: Vec<PathBuf>,
    /// Directory of published endoflife.date CSVs, one `<product>.csv` per policy,
    /// and optionally FORMULAS.csv and REASONS.csv (default: the bundled library's,
    /// or ./rules/endoflife when paths are given)
    #[arg(long)]
    pub published: Option<PathBuf>,
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE")]
    pub at: Option<chrono::NaiveDate>,
    /// Only this product
    #[arg(long)]
    pub product: Option<String>,
    /// Output format (markdown writes docs/conformance.md whole)
    #[arg(long, value_enum, default_value = "table")]
    pub format: ConformFormat,
    /// Exit 1 when the library's exact-match rate by rule alone is below this (0-100)
    #[arg(long, value_name = "PERCENT")]
    pub min_rule_rate: Option<f64>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum StatusFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ConformFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

/// Where to find the rules: the bundled library, plus local files.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct SourceArgs {
    /// Add rule files, directories and catalogs to the bundled library (repeatable; a
    /// local policy replaces the bundled one of the same id). `EOL_RULES` adds paths too,
    /// separated like PATH.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Leave the bundled library out: only the files given
    #[arg(long)]
    pub no_bundled: bool,
}

/// Where to find the knowledge base and which day it is.
#[derive(clap::Args, Debug)]
pub struct KbArgs {
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE")]
    pub at: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Display names and the words around them in this language (e.g. `de`)
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Rule files, directories and catalogs to evaluate (default: the bundled library and
    /// `--rules`); with paths, only their products are shown
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE")]
    pub at: Option<chrono::NaiveDate>,
    /// Only this product (id or alias)
    #[arg(long)]
    pub product: Option<String>,
    /// Display names and the words around them in this language (e.g. `de`)
    #[arg(long)]
    pub lang: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
}

#[derive(clap::Args, Debug)]
pub struct StatusArgs {
    /// Product: id (`nodejs`), alias (`node`), package URL (`pkg:npm/next@14.1.0`) or CPE
    pub product: String,
    /// A version as installed (`v18.19.0`, `12.4`) or a line (`6.0`); without it, the
    /// product's lines
    pub version: Option<String>,
    /// The line to judge the version by, when it belongs to several (editions that share a build)
    #[arg(long, value_name = "LINE")]
    pub line: Option<String>,
    /// Count paid extended support (phases with role `extended`) towards end of life
    #[arg(long)]
    pub extended: bool,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatusFormat,
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub kb: KbArgs,
    /// Count paid extended support when saying which lines are supported
    #[arg(long)]
    pub extended: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Product (id or alias), e.g. `liferay-dxp`
    pub product: String,
    /// A release line, e.g. `7.4` (or a version of it)
    pub line: String,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    /// graphical on a terminal, plain when piped or with NO_COLOR
    Human,
    /// one JSON document for tools
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Rule files, directories and catalogs (default: the bundled library and `--rules`);
    /// each rule file is checked with its catalog, as `eol eval` reads them
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE")]
    pub at: Option<chrono::NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagFormat,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(clap::Args, Debug)]
pub struct FmtArgs {
    /// Rule files or directories (default: ./rules); `-` reads standard input and writes standard output
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 and show a diff when a file would change
    #[arg(long)]
    pub check: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum AuditFormat {
    Table,
    Json,
    Csv,
    Markdown,
    Sarif,
}

/// What an audit input is, when its name does not say (`-`, or another extension).
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum AuditInput {
    /// an inventory with a header row: `product,version[,host,...]`
    Csv,
    /// one JSON object per line
    Jsonl,
    /// a CycloneDX or SPDX JSON document
    Sbom,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOnArg {
    /// an item is past its end of life
    EndOfLife,
    /// an item reaches its end of life within `--within`
    EndsSoon,
    /// an item names no product, or no line of its product
    Unknown,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Unmatched {
    /// list unknown products and versions in the table
    Show,
    /// leave them out of the table (they are still counted, and in every other format)
    Hide,
}

#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// Inventories (CSV with a header, JSON Lines) and SBOMs (CycloneDX JSON 1.4-1.6,
    /// SPDX 2.3 JSON); `-` reads standard input
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read every input as this, whatever its name
    #[arg(long, value_enum, value_name = "KIND")]
    pub input_format: Option<AuditInput>,
    /// How far ahead an end of life counts as soon: `90d`, `12w`, `6m`, `1y`
    #[arg(long, default_value = "90d", value_name = "SPAN")]
    pub within: String,
    /// Exit 1 when a finding (not suppressed) is in this state (repeatable; default: end-of-life)
    #[arg(long = "fail-on", value_enum, value_name = "STATE")]
    pub fail_on: Vec<FailOnArg>,
    /// Unknown products and versions in the table
    #[arg(long, value_enum, default_value = "show")]
    pub unmatched: Unmatched,
    /// Count paid extended support (phases with role `extended`) towards end of life
    #[arg(long)]
    pub extended: bool,
    /// A TOML file of accepted findings: `[[suppress]]` with `id` (or `product`, `line`),
    /// `reason`, optional `expires`
    #[arg(long, value_name = "FILE")]
    pub suppressions: Option<PathBuf>,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: AuditFormat,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// The lifecycle table: one row per release line and phase (CSV or Parquet)
    Lifecycle(ExportLifecycleArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Parquet,
}

#[derive(clap::Args, Debug)]
pub struct ExportLifecycleArgs {
    #[command(flatten)]
    pub kb: KbArgs,
    /// Only this product (id or alias)
    #[arg(long)]
    pub product: Option<String>,
    /// File format
    #[arg(long, value_enum, default_value = "csv")]
    pub format: TableFormat,
    /// Write to this file (replaced whole, never written through a link) instead of
    /// standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
