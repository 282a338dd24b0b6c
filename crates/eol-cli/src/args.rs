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
    /// Fetch new releases from the sources the rule files declare into their catalogs
    Update(UpdateArgs),
    /// Write lifecycle data for other tools (endoflife.date API v1, CycloneDX, iCalendar, OpenEoX)
    Export(ExportArgs),
    /// Draw the lifecycle of every line as SVG or a self-contained HTML page
    Timeline(TimelineArgs),
    /// Start rules for a new product: a commented rule file and a catalog
    New(NewArgs),
    /// Which of the things we run are out of support: inventories and SBOMs
    Audit(AuditArgs),
    /// Serve rule files to an editor: the Language Server Protocol over standard input and output
    Lsp(LspArgs),
}

#[derive(clap::Args, Debug)]
pub struct LspArgs {
    /// Evaluate hover values on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub at: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Speak over standard input and output (the only transport; accepted because
    /// language clients pass it)
    #[arg(long)]
    pub stdio: bool,
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
    /// endoflife.date release-data JSON (releases/PRODUCT.json: every version with its day)
    ReleaseData(SourceImportArgs),
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
#[command(
    after_help = "Over HTTPS, Mozilla's certificate authorities are trusted; SSL_CERT_FILE names a PEM bundle to trust instead (a TLS-inspecting proxy's own authority). GITHUB_TOKEN, when set, is sent to GitHub. See docs/sources.md."
)]
pub struct UpdateArgs {
    /// Products to update (default: every product that declares a source; with `--into`,
    /// every bundled product endoflife.date has too)
    pub products: Vec<String>,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Show the diff of every catalog that would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Another base URL for a service: endoflife=URL, github=URL, pypi=URL, npm=URL, release-data=URL
    /// (also EOL_ENDOFLIFE_URL, EOL_GITHUB_URL, EOL_PYPI_URL, EOL_NPM_URL)
    #[arg(long = "base-url", value_name = "SERVICE=URL")]
    pub base_urls: Vec<String>,
    /// Give up on a request after this many seconds
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Refresh the bundled library into this directory: a bundled product is copied there
    /// (rule file and catalog) with the releases endoflife.date's API has since; the copies
    /// there are updated in place (read them with `--rules DIR` or `EOL_RULES`)
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
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
    /// the lifecycle table: one row per release line and phase, CSV or Parquet (`--format`)
    Lifecycle,
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
    /// The file format of `lifecycle`
    #[arg(long = "format", id = "table_format", value_enum, default_value = "csv")]
    pub table_format: TableFormat,
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
#[command(
    after_help = "Writes DIR/PRODUCT.eol and DIR/PRODUCT.releases.csv, never over an existing file. \
The rule file passes `eol check` and `eol fmt --check`; its TODO comments say what to fill in.

Example: eol new acme-db --name \"Acme DB\" --vendor \"Acme\" --line major.minor --cadence \"12 months\" \\
  --phase \"active:Active support:until first_ship(newer 1)\" \\
  --phase \"security:Security support:until first_ship + 3 years\""
)]
pub struct NewArgs {
    /// The product id: the policy's id, and the files' names (`acme-db` gives `acme-db.eol`)
    pub product: String,
    /// Where to write the files
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub dir: PathBuf,
    /// Display name (default: the product id)
    #[arg(long)]
    pub name: Option<String>,
    /// Who makes the product
    #[arg(long)]
    pub vendor: Option<String>,
    /// The components of the vendor's version strings, e.g. `major.minor.patch`
    #[arg(long, value_name = "COMPONENTS")]
    pub versions: Option<String>,
    /// The leading components that make a release line, e.g. `major.minor` (default: `major`)
    #[arg(long, value_name = "COMPONENTS")]
    pub line: Option<String>,
    /// How often a new release line appears, e.g. `12 months`
    #[arg(long, value_name = "DURATION")]
    pub cadence: Option<String>,
    /// A phase, in order (repeatable): `ID:LABEL:until DATE`; after the label also
    /// `:through DATE`, `:from DATE`, `:role ROLE` (the role defaults to an id that is one)
    #[arg(long, value_name = "PHASE", value_parser = eol_engine::scaffold::PhaseAnswer::parse)]
    pub phase: Vec<eol_engine::scaffold::PhaseAnswer>,
    /// Start from an endoflife.date CSV export: it becomes the catalog (as `eol import
    /// endoflife-csv` makes it), and its cycles suggest the line, the versions, the cadence
    /// and the phases; the other flags win
    #[arg(long, value_name = "FILE")]
    pub from_endoflife: Option<PathBuf>,
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
#[derive(clap::Args, Debug, Clone)]
pub struct KbArgs {
    /// Evaluate on this date (YYYY-MM-DD) instead of today (UTC)
    #[arg(long, value_name = "DATE", value_parser = date)]
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
    #[arg(long, value_name = "DATE", value_parser = date)]
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

#[derive(clap::Args, Debug, Clone)]
pub struct StatusArgs {
    /// Product: id (`nodejs`), alias (`node`), package URL (`pkg:npm/next@14.1.0`) or CPE
    pub product: String,
    /// A version as installed (`v18.19.0`, `12.4`) or a line (`6.0`); without it, the
    /// product's lines
    pub version: Option<String>,
    /// The line to judge the version by, when it belongs to several (editions that share a build)
    #[arg(long, value_name = "LINE")]
    pub line: Option<String>,
    /// Count paid extended support (phases with role `extended`, unless the rules say `free`) towards end of life
    #[arg(long)]
    pub extended: bool,
    /// The distribution release of the system that runs it (`debian-12`, `ubuntu-22.04`, or
    /// as the system names itself: `$PRETTY_NAME` of /etc/os-release): the `packaged by:` row
    /// says what the release's support says of its package
    #[arg(long, value_name = "RELEASE")]
    pub distro: Option<String>,
    /// Whose lifecycle judges a distribution's package (a package URL with a `distro`
    /// qualifier, a version that marks its release, or `--distro`): the product's, with the
    /// release told beside it, or the release's, with the product's told beside it
    #[arg(long, value_enum, default_value = "upstream", value_name = "WHOSE")]
    pub packages: PackagesArg,
    /// Exit 1 also when the answer may be wrong because the catalog is behind (the `stale:`
    /// row: what the status waits for is overdue and the catalog does not list it)
    #[arg(long)]
    pub fail_on_stale: bool,
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

#[derive(clap::Args, Debug, Clone)]
pub struct ExplainArgs {
    /// Product (id, alias, package URL or CPE), e.g. `liferay-dxp`; or a product and a version
    /// in one argument, e.g. `"Python 3.12.1"`
    pub product: String,
    /// A release line, e.g. `7.4` (or a version of it); without it, the version the product
    /// argument carries
    pub line: Option<String>,
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
    /// a CycloneDX (JSON or XML), SPDX, syft or Trivy JSON document, or a JSON array of items
    Sbom,
    /// a distribution's database of installed packages: dpkg's `/var/lib/dpkg/status`, apk's
    /// `/lib/apk/db/installed`, RPM's `/var/lib/rpm/rpmdb.sqlite` (or, before RHEL 9,
    /// `/var/lib/rpm/Packages`)
    Packages,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOnArg {
    /// an item is past its end of life
    EndOfLife,
    /// an item's line is supported, but a newer release of it replaced the item's release
    /// (the policy's `superseded`)
    Superseded,
    /// an item reaches its end of life within `--within`
    EndsSoon,
    /// an item names no product, or no line of its product
    Unknown,
    /// an item's answer may be wrong because its catalog is behind: what its status waits
    /// for (a release, an estimated date) is overdue and the catalog does not list it
    Stale,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Unmatched {
    /// list unknown products and versions in the table
    Show,
    /// leave them out of the table (they are still counted, and in every other format)
    Hide,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum PackagesArg {
    /// by the product's own lifecycle (a Debian package of OpenSSL 3.0 ends with OpenSSL 3.0);
    /// the distribution release is told beside it where it differs
    Upstream,
    /// by the lifecycle of the distribution release its package URL names
    /// (`?distro=ubuntu-22.04`), which backports fixes to its packages while it is supported
    Distribution,
}

#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// Inventories (CSV with a header, JSON Lines, a JSON array of items) and SBOMs
    /// (CycloneDX JSON and XML 1.4-1.7, SPDX 2.2/2.3 JSON, SPDX 3.0 JSON-LD, syft's own
    /// JSON, Trivy's JSON report); `-` reads
    /// standard input
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read every input as this, whatever its name
    #[arg(long, value_enum, value_name = "KIND")]
    pub input_format: Option<AuditInput>,
    /// Read a field from another column (CSV) or key (JSON) of the inventories:
    /// `product=OS`, `version="OS version"`; fields `product`, `version`, `purl`, `cpe`,
    /// `distro`, `source` (repeatable; SBOMs keep their own names)
    #[arg(long = "column", value_name = "FIELD=NAME")]
    pub columns: Vec<String>,
    /// How far ahead an end of life counts as soon: `90d`, `12w`, `6m`, `1y`
    #[arg(long, default_value = "90d", value_name = "SPAN")]
    pub within: String,
    /// Exit 1 when a finding (not suppressed) is in this state, or (`stale`) may be wrong
    /// because its catalog is behind (repeatable; default: end-of-life and superseded)
    #[arg(long = "fail-on", value_enum, value_name = "STATE")]
    pub fail_on: Vec<FailOnArg>,
    /// Unknown products and versions in the table
    #[arg(long, value_enum, default_value = "show")]
    pub unmatched: Unmatched,
    /// Whose lifecycle judges a distribution's package (a `deb`, `rpm`, `apk` or `alpm`
    /// package URL with a `distro` qualifier)
    #[arg(long, value_enum, default_value = "upstream", value_name = "WHOSE")]
    pub packages: PackagesArg,
    /// The distribution release the inputs' distribution packages come from when an item does
    /// not say (`debian-12`, `ubuntu-22.04`, or as the system names itself: `Ubuntu 22.04.4
    /// LTS`): items named by a package's name, or with a package's version, as `dpkg-query -W`
    /// lists them, or by a package URL without a `distro` qualifier; an inventory's `distro`
    /// column says it per row
    #[arg(long, value_name = "RELEASE")]
    pub distro: Option<String>,
    /// Count paid extended support (phases with role `extended`, unless the rules say `free`) towards end of life
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

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Parquet,
}
