//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "eol",
    version,
    about = "Lifecycle policies as rules: check, format, evaluate"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    /// How every date of one line was derived
    Explain(ExplainArgs),
    /// Build a catalog from another source's data
    #[command(subcommand)]
    Import(ImportCommand),
    /// Compare computed phase ends with published ones (endoflife.date)
    Conform(ConformArgs),
    /// Fetch new releases from the sources the rule files declare into their catalogs
    Update(UpdateArgs),
    /// Write lifecycle data for other tools (endoflife.date API v1, CycloneDX, iCalendar, OpenEoX)
    Export(ExportArgs),
    /// Draw the lifecycle of every line as SVG or a self-contained HTML page
    Timeline(TimelineArgs),
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// An endoflife.date CSV export (cycle,release_date,latest,latest_date,lts,eoas,eol,eoes)
    EndoflifeCsv(ImportArgs),
    /// endoflife.date API JSON (/api/v1/products/PRODUCT/ or /api/PRODUCT.json)
    EndoflifeJson(SourceImportArgs),
    /// GitHub releases JSON (/repos/OWNER/REPO/releases), one file per page
    GithubReleases(SourceImportArgs),
    /// GitHub tags JSON (/repos/OWNER/REPO/tags), one file per page
    GithubTags(SourceImportArgs),
    /// PyPI project JSON (/pypi/NAME/json)
    Pypi(SourceImportArgs),
    /// npm registry package JSON (/NAME)
    Npm(SourceImportArgs),
    /// `git ls-remote --tags` output
    GitTags(SourceImportArgs),
}

#[derive(clap::Args, Debug)]
pub struct SourceImportArgs {
    /// The saved documents (several pages of one listing may be given)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Product id to write in the catalog (default: the first file's stem)
    #[arg(long)]
    pub product: Option<String>,
    /// Merge into this catalog (created when missing) instead of printing a new one
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Rule files and directories to find the product's policy in (default: ./rules)
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// The day the files were taken from their source, for the catalog's sources record
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    /// Show what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(clap::Args, Debug)]
pub struct UpdateArgs {
    /// Products to update (default: every product that declares a source)
    pub products: Vec<String>,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Show the diff of every catalog that would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Another base URL for a service: endoflife=URL, github=URL, pypi=URL, npm=URL
    /// (also EOL_ENDOFLIFE_URL, EOL_GITHUB_URL, EOL_PYPI_URL, EOL_NPM_URL)
    #[arg(long = "base-url", value_name = "SERVICE=URL")]
    pub base_urls: Vec<String>,
    /// Give up on a request after this many seconds
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// a directory laid out like endoflife.date's API v1
    #[value(name = "endoflife-v1")]
    EndoflifeV1,
    /// a CycloneDX 1.6 BOM with cdx:lifecycle:milestone:* properties
    Cyclonedx,
    /// an iCalendar file: one event per phase end, with alarms
    Ical,
    /// OpenEoX core records
    Openeox,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// What to write
    #[arg(value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Only this product (policy id)
    #[arg(long)]
    pub product: Option<String>,
    /// Where to write: a directory for endoflife-v1 (required), a file for the others
    /// (default: standard output)
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Write into an export directory that exists already (its files are replaced)
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TimelineFormat {
    Svg,
    Html,
}

#[derive(clap::Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub kb: KbArgs,
    /// Only this product (policy id)
    #[arg(long)]
    pub product: Option<String>,
    /// Start the picture here, leaving out lines that ended before
    #[arg(long, value_name = "DATE")]
    pub since: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value = "svg")]
    pub format: TimelineFormat,
    /// Write here instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
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
    /// Rule files, directories and catalogs (default: ./rules)
    pub paths: Vec<PathBuf>,
    /// Directory of published endoflife.date CSVs, one `<product>.csv` per policy,
    /// and optionally FORMULAS.csv
    #[arg(long, default_value = "rules/endoflife")]
    pub published: PathBuf,
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

/// Where to find the knowledge base and which day it is.
#[derive(clap::Args, Debug)]
pub struct KbArgs {
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE")]
    pub at: Option<chrono::NaiveDate>,
    /// Rule files, directories and catalogs (default: ./rules, each rule file with its
    /// NAME.releases.{toml,csv,json} beside it)
    #[arg(long = "rules", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Display names in this language where the rules give them (e.g. `de`)
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Rule files, directories and catalogs (default: ./rules)
    pub paths: Vec<PathBuf>,
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE")]
    pub at: Option<chrono::NaiveDate>,
    /// Only this product (policy id)
    #[arg(long)]
    pub product: Option<String>,
    /// Display names in this language where the rules give them (e.g. `de`)
    #[arg(long)]
    pub lang: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
}

#[derive(clap::Args, Debug)]
pub struct StatusArgs {
    /// Product (policy id), e.g. `otrs`
    pub product: String,
    /// A version (`6.0.17`) or a line (`6.0`)
    pub version: String,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatusFormat,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Product (policy id), e.g. `liferay-dxp`
    pub product: String,
    /// A release line, e.g. `7.4`
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
    /// Rule files or directories (default: ./rules)
    pub paths: Vec<PathBuf>,
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
