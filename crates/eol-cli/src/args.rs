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
    /// Rule files, directories and catalogs (default: ./rules)
    pub paths: Vec<PathBuf>,
    /// Directory of published endoflife.date CSVs, one `<product>.csv` per policy,
    /// and optionally FORMULAS.csv
    #[arg(long, default_value = "rules/endoflife")]
    pub published: PathBuf,
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub at: Option<chrono::NaiveDate>,
    /// Only this product
    #[arg(long)]
    pub product: Option<String>,
    /// Output format (markdown writes docs/conformance.md whole)
    #[arg(long, value_enum, default_value = "table")]
    pub format: ConformFormat,
    /// Exit 1 when the library's exact-match rate by rule alone is below this (0-100)
    #[arg(long, value_name = "PERCENT", value_parser = percent)]
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
    #[arg(long, value_name = "DATE", value_parser = date)]
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
    #[arg(long, value_name = "DATE", value_parser = date)]
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

/// A percentage from 0 to 100 (`--min-rule-rate`); `NaN`, `inf` and `200` are not.
fn percent(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number"))?;
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("`{s}` is not a percentage from 0 to 100"))
    }
}

/// `--at`: a date written exactly `YYYY-MM-DD`, as catalogs write them, and a day of
/// the calendar; the message says which of the two it is not.
fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    if let Some(d) = eol_engine::dates::parse_iso(s) {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            let month: u32 = m.parse().unwrap_or(0);
            let year: i32 = y.parse().unwrap_or(0);
            let days = (1..=12)
                .contains(&month)
                .then(|| eol_engine::dates::days_in_month(year, month))
                .flatten();
            Err(match days {
                Some(days) => format!("`{s}` is not a day of the calendar: {y}-{m} has {days} days"),
                None => format!("`{s}` is not a day of the calendar: there is no month {m}"),
            })
        }
        _ => Err(format!(
            "`{s}` is not a date: write YYYY-MM-DD, a four-digit year (0000 to 9999) and a two-digit month and day, e.g. 2023-01-01"
        )),
    }
}
