//! Release catalogs: the facts a policy is evaluated against.
//!
//! A catalog lists releases (product, version, date and optional attributes). It is read from
//! TOML (hand-written), CSV or JSON, chosen by file extension ([`CatalogFormat::from_path`]).
//! [`parse_catalog`] reads the whole text and returns every release it could read together with
//! one [`Diagnostic`] per problem; it never stops at the first problem and never panics.
//!
//! All three formats go through one path: a format reader turns its input into `build::RawRelease`s
//! (key, value and their byte spans), and `build` turns those into [`Release`]s with the same
//! rules and the same diagnostics whatever the format. `docs/catalogs.md` is the user's reference.
//!
//! Recovery, so that later stages run on as much as possible:
//! - a release without a usable `product` or `version` is not read (its line cannot be known);
//! - a release whose date cannot be read is kept with [`ReleaseDate::Unknown`], so its line still
//!   counts (and everything derived from it is pending), and the error makes `eol eval` exit 1;
//! - a second release with the same product and version is reported and not read;
//! - a CSV row with the wrong number of fields is reported and not read (its cells cannot be
//!   matched to columns with confidence).

mod build;
mod from_csv;
mod from_json;
mod from_toml;
mod small_map;
#[cfg(test)]
mod tests;
mod text;

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use eol_syntax::{Code, Diagnostic, Span};

pub use small_map::SmallMap;
pub use text::Text;

/// A byte span of a catalog file in 8 bytes (two `u32`s), as releases keep them: a catalog
/// is below 4 GiB ([`parse_catalog_shared`] refuses larger texts), and a million releases
/// save 24 MB against three [`Span`]s. Read as a [`Span`] with [`Pos::span`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    start: u32,
    end: u32,
}

impl Pos {
    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The text it covers in `source` (empty when out of range), as [`Span::text`].
    pub fn text(self, source: &str) -> &str {
        self.span().text(source)
    }
}

impl From<Span> for Pos {
    /// Offsets past 4 GiB (never those of a catalog) become `u32::MAX`.
    fn from(span: Span) -> Pos {
        Pos {
            start: u32::try_from(span.start).unwrap_or(u32::MAX),
            end: u32::try_from(span.end).unwrap_or(u32::MAX),
        }
    }
}

impl From<Pos> for Span {
    fn from(pos: Pos) -> Span {
        pos.span()
    }
}

/// The stable codes of every catalog diagnostic.
pub mod code {
    use eol_syntax::Code;

    /// The file is not valid TOML / JSON / CSV (unclosed quote).
    pub const SYNTAX: &str = Code::CatalogSyntax.as_str();
    /// The file lists no release (warning).
    pub const EMPTY: &str = Code::CatalogEmpty.as_str();
    /// The file parses but is not shaped like a catalog (`[release]` instead of `[[release]]`,
    /// JSON that is neither an array nor an object with `releases`, a release that is not a table).
    pub const BAD_SHAPE: &str = Code::CatalogBadShape.as_str();
    /// A top-level TOML key or JSON object key other than `release` / `releases`.
    pub const UNKNOWN_KEY: &str = Code::CatalogUnknownKey.as_str();
    /// A release without `product` or `version`.
    pub const MISSING_FIELD: &str = Code::CatalogMissingField.as_str();
    /// A CSV header without a `product` or `version` column.
    pub const MISSING_COLUMN: &str = Code::CatalogMissingColumn.as_str();
    /// `product` or `version` present but empty.
    pub const EMPTY_VALUE: &str = Code::CatalogEmptyValue.as_str();
    /// A date that is not `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `unknown`, or not a day of the calendar.
    pub const BAD_DATE: &str = Code::CatalogBadDate.as_str();
    /// A value of the wrong type (`version = 7.0`, `final = "yes"`, a nested table or array).
    pub const WRONG_TYPE: &str = Code::CatalogWrongType.as_str();
    /// A CSV row with more or fewer fields than the header.
    pub const FIELD_COUNT: &str = Code::CatalogFieldCount.as_str();
    /// A CSV header cell that is empty.
    pub const EMPTY_COLUMN_NAME: &str = Code::CatalogEmptyColumnName.as_str();
    /// The same key twice in one JSON release object, or the same CSV column twice.
    pub const DUPLICATE_KEY: &str = Code::CatalogDuplicateKey.as_str();
    /// Two releases with the same product and version.
    pub const DUPLICATE_RELEASE: &str = Code::CatalogDuplicateRelease.as_str();
    /// An attribute key that looks like a misspelt known key (`verison`, `notes`, `Date`) (warning).
    pub const SIMILAR_KEY: &str = Code::CatalogSimilarKey.as_str();
}

/// Every code [`parse_catalog`] can emit (docs and tests enumerate them).
pub const CATALOG_CODES: &[&str] = &[
    code::SYNTAX,
    code::EMPTY,
    code::BAD_SHAPE,
    code::UNKNOWN_KEY,
    code::MISSING_FIELD,
    code::MISSING_COLUMN,
    code::EMPTY_VALUE,
    code::BAD_DATE,
    code::WRONG_TYPE,
    code::FIELD_COUNT,
    code::EMPTY_COLUMN_NAME,
    code::DUPLICATE_KEY,
    code::DUPLICATE_RELEASE,
    code::SIMILAR_KEY,
];

/// When a release shipped, as precisely as it is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReleaseDate {
    Exact(NaiveDate),
    /// Only the month is known (`2018-08`).
    Month {
        year: i32,
        month: u32,
    },
    /// Only the year is known (`2018`).
    Year(i32),
    /// The release exists but its date is not known (`unknown`, an empty cell, or no `date`).
    Unknown,
}

impl ReleaseDate {
    /// The first day of the known period (the date itself when exact); None when unknown.
    pub fn earliest(&self) -> Option<NaiveDate> {
        match *self {
            ReleaseDate::Exact(date) => Some(date),
            ReleaseDate::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            ReleaseDate::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
            ReleaseDate::Unknown => None,
        }
    }

    /// The last day of the known period (the date itself when exact); None when unknown.
    pub fn latest(&self) -> Option<NaiveDate> {
        match *self {
            ReleaseDate::Exact(date) => Some(date),
            ReleaseDate::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next = first.checked_add_months(chrono::Months::new(1))?;
                next.pred_opt()
            }
            ReleaseDate::Year(year) => NaiveDate::from_ymd_opt(year, 12, 31),
            ReleaseDate::Unknown => None,
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, ReleaseDate::Exact(_))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, ReleaseDate::Unknown)
    }
}

/// As written in a catalog: `2017-11-21`, `2018-08`, `2018`, `unknown`.
impl fmt::Display for ReleaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            // `%Y-%m-%d` without parsing a format string (once per line of a table)
            ReleaseDate::Exact(date) if (0..=9999).contains(&date.year()) => {
                write!(f, "{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            }
            ReleaseDate::Exact(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            ReleaseDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            ReleaseDate::Year(year) => write!(f, "{year:04}"),
            ReleaseDate::Unknown => f.write_str("unknown"),
        }
    }
}

/// The value of a catalog attribute (any key or column that is not a known field).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AttrValue {
    Bool(bool),
    Text(Text),
    Date(NaiveDate),
    Number(i64),
}

impl AttrValue {
    /// The type's name in the language's words, for "expected a date, found text" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            AttrValue::Bool(_) => "true/false",
            AttrValue::Text(_) => "text",
            AttrValue::Date(_) => "a date",
            AttrValue::Number(_) => "a number",
        }
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Text(t) => f.write_str(t),
            AttrValue::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            AttrValue::Number(n) => write!(f, "{n}"),
        }
    }
}

/// One release as the catalog states it.
///
/// Compact, because a catalog may have a million of them: its text fields are ranges of the
/// catalog file's text ([`Text`], 16 bytes, no allocation of their own), the attribute maps
/// hold exactly what they need (nothing when a row has no attribute).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    pub product: Text,
    pub version: Text,
    pub date: ReleaseDate,
    /// major, minor, patch, security, service-pack, fix-pack, quarterly, ... (free text).
    pub kind: Option<Text>,
    /// Explicit release line, when the line is not a prefix of the version.
    pub line: Option<Text>,
    /// `final = true`: the vendor says this line gets no more releases.
    pub is_final: bool,
    /// Every other column/key (lts, edition, channel, source, ...), each with the byte span
    /// of its value, for diagnostics of later stages ([`SmallMap::span`]).
    pub attributes: SmallMap<AttrValue>,
    pub note: Option<Text>,
    /// 1-based line number in the file where the release starts.
    pub row: u32,
    /// Byte span of the whole row / table / object.
    pub span: Pos,
    /// Byte span of the version value (falls back to `span`).
    pub version_span: Pos,
    /// Byte span of the date value (falls back to `span` when there is no date).
    pub date_span: Pos,
}

/// The releases of one catalog file, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    pub releases: Vec<Release>,
}

impl Catalog {
    pub fn is_empty(&self) -> bool {
        self.releases.is_empty()
    }

    /// The releases of one product, in file order.
    pub fn product<'a>(&'a self, product: &'a str) -> impl Iterator<Item = &'a Release> + 'a {
        self.releases.iter().filter(move |r| r.product == *product)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CatalogFormat {
    Toml,
    Csv,
    Json,
}

impl CatalogFormat {
    pub const ALL: [CatalogFormat; 3] = [CatalogFormat::Toml, CatalogFormat::Csv, CatalogFormat::Json];

    /// `.toml`, `.csv` or `.json` (any case); None for anything else.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        CatalogFormat::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            CatalogFormat::Toml => "toml",
            CatalogFormat::Csv => "csv",
            CatalogFormat::Json => "json",
        }
    }
}

/// Where the catalog of a rule file may be: `rules/NAME.eol` looks beside itself for
/// `rules/NAME.releases.toml`, `.csv` and `.json`, in that order. The caller checks which exist
/// (this crate does no I/O).
pub fn catalog_paths_for(rule_file: &Path) -> Vec<PathBuf> {
    let stem = rule_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    CatalogFormat::ALL
        .into_iter()
        .map(|format| rule_file.with_file_name(format!("{stem}.releases.{}", format.extension())))
        .collect()
}

/// Parse a whole catalog. Returns every release that could be read and one diagnostic per problem.
///
/// A leading UTF-8 byte order mark is skipped (spans still count it). A file that lists no
/// release — empty, whitespace or comments only, a CSV header alone, `[]` — is a valid empty
/// catalog with one `eol::catalog-empty` warning (not emitted when an error already explains why
/// nothing was read).
pub fn parse_catalog(text: &str, format: CatalogFormat) -> (Catalog, Vec<Diagnostic>) {
    parse_catalog_shared(&Arc::new(text.to_owned()), format)
}

/// [`parse_catalog`] of a text the releases share: their text fields are ranges of it, so
/// that a large catalog's text is held once (by the caller and every release) rather than
/// copied value by value.
///
/// Offsets are kept as `u32`: a text of 4 GiB or more is not read (`eol::file-too-large`).
pub fn parse_catalog_shared(text: &Arc<String>, format: CatalogFormat) -> (Catalog, Vec<Diagnostic>) {
    if u32::try_from(text.len()).is_err() {
        let d = Diagnostic::error(
            Code::FileTooLarge,
            format!("the catalog is {} bytes, too large to read", text.len()),
            Span::point(0),
            "not read",
        )
        .with_help("a catalog is read whole; split it into files below 4 GiB");
        return (Catalog::default(), vec![d]);
    }
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = text.get(bom..).unwrap_or("");
    let mut diags = Vec::new();
    let mut builder = build::Builder::new(body, text, bom);
    let mut releases = Vec::new();
    if format == CatalogFormat::Csv {
        // A row per line, at most: the rows are never moved to grow the vector.
        releases.reserve(body.bytes().filter(|b| *b == b'\n').count() + 1);
    }
    if !body.trim().is_empty() {
        let mut build = |raw: &build::RawRelease<'_>, diags: &mut Vec<Diagnostic>| {
            if let Some(release) = builder.build(raw, diags) {
                releases.push(release);
            }
        };
        match format {
            CatalogFormat::Toml => {
                for raw in from_toml::read(body, &mut diags) {
                    build(&raw, &mut diags);
                }
            }
            // Rows are built as they are read: a large file's raw rows are never all held.
            CatalogFormat::Csv => from_csv::read(body, &mut diags, &mut build),
            CatalogFormat::Json => {
                for raw in from_json::read(body, &mut diags) {
                    build(&raw, &mut diags);
                }
            }
        }
    }
    let mut releases = drop_duplicates(releases, &mut diags);
    if releases.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        diags.push(
            Diagnostic::warning(
                code::EMPTY,
                "the catalog lists no release",
                Span::new(0, body.len()),
                "no release here",
            )
            .with_help(empty_help(format)),
        );
    }
    // Readers and the builder report in passes; users read top to bottom.
    diags.sort_by_key(|d| d.primary.span.start);
    if bom > 0 {
        for r in &mut releases {
            r.shift(bom);
        }
        diags = diags.into_iter().map(|d| shift_diagnostic(d, bom)).collect();
    }
    (Catalog { releases }, diags)
}

fn empty_help(format: CatalogFormat) -> &'static str {
    match format {
        CatalogFormat::Toml => "add a `[[release]]` table per release, with at least `product` and `version`",
        CatalogFormat::Csv => {
            "a CSV catalog is a header row such as `product,version,date` and one row per release below it"
        }
        CatalogFormat::Json => {
            "write `{\"releases\": [{\"product\": \"...\", \"version\": \"...\"}]}`, one object per release"
        }
    }
}

/// The first release of each (product, explicit line, version) is kept; later ones are
/// reported and dropped. Rows that name different lines may share a version (Windows
/// Server 2019 and 1809-sac are both build 10.0.17763).
///
/// A catalog of a million rows is neither copied nor given a map of its keys: the map holds
/// a 64-bit hash of each key and the index of the first release with it (16 bytes a row,
/// sized up front), and a hit is confirmed by comparing the two releases' text. Keys that
/// differ yet share a hash (hardly ever) go to a second map of borrowed keys. Duplicates
/// are removed in place. The rows are first split by their hash into parts of about
/// [`ROWS_PER_PART`] rows, each searched with a map that fits in the caches.
fn drop_duplicates(releases: Vec<Release>, diags: &mut Vec<Diagnostic>) -> Vec<Release> {
    drop_duplicates_hashed(releases, diags, &foldhash::fast::RandomState::default())
}

/// The rows of one part of [`drop_duplicates`]' search: a map of 2,048 rows is 64 KB.
const ROWS_PER_PART: usize = 2048;

/// [`drop_duplicates`] with the hasher given (a test gives one under which every key collides).
fn drop_duplicates_hashed(
    mut releases: Vec<Release>,
    diags: &mut Vec<Diagnostic>,
    hasher: &impl std::hash::BuildHasher,
) -> Vec<Release> {
    fn key(release: &Release) -> (&str, Cow<'_, str>, &str) {
        let line = release.line.as_deref().unwrap_or("");
        let line: Cow<'_, str> = if line.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(line.to_ascii_lowercase())
        } else {
            Cow::Borrowed(line)
        };
        (release.product.as_str(), line, release.version.as_str())
    }
    // Every key's hash, then the rows partitioned by the hash's top bits (a counting sort,
    // rows in file order within a part): each part is searched with a map of its own rows
    // that stays in the caches. One map of a million rows (32 MB) missed the caches on
    // nearly every row, which made a row cost more the larger the catalog.
    let hashes: Vec<u64> = releases.iter().map(|r| hasher.hash_one(key(r))).collect();
    let bits = {
        let mut bits = 0u32;
        while bits < 16 && (releases.len() >> bits) > ROWS_PER_PART {
            bits += 1;
        }
        bits
    };
    let part_of = |h: u64| if bits == 0 { 0 } else { (h >> (64 - bits)) as usize };
    let mut starts = vec![0usize; (1 << bits) + 1];
    for &h in &hashes {
        if let Some(count) = starts.get_mut(part_of(h) + 1) {
            *count += 1;
        }
    }
    let mut total = 0;
    for start in &mut starts {
        total += *start;
        *start = total;
    }
    // (hash, row) by part: a part is read in order, without going back to the rows.
    let mut order = vec![(0u64, 0usize); releases.len()];
    let mut next = starts.clone();
    for (i, &h) in hashes.iter().enumerate() {
        if let Some(at) = next.get_mut(part_of(h)) {
            if let Some(slot) = order.get_mut(*at) {
                *slot = (h, i);
            }
            *at += 1;
        }
    }
    drop(hashes);
    let largest = starts
        .windows(2)
        .map(|w| match w {
            [from, to] => to.saturating_sub(*from),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    // (row, the first row with its key), found part by part.
    let mut found: Vec<(usize, usize)> = Vec::new();
    {
        let mut by_hash: foldhash::HashMap<u64, usize> =
            HashMap::with_capacity_and_hasher(largest, Default::default());
        for part in starts.windows(2) {
            let [from, to] = part else { continue };
            by_hash.clear();
            let mut collided: foldhash::HashMap<(&str, Cow<'_, str>, &str), usize> = Default::default();
            for &(h, i) in order.get(*from..*to).unwrap_or(&[]) {
                // The row itself is read only when its hash was seen before.
                let first = match by_hash.entry(h) {
                    Entry::Vacant(slot) => {
                        slot.insert(i);
                        None
                    }
                    Entry::Occupied(slot) => {
                        let Some(release) = releases.get(i) else { continue };
                        let k = key(release);
                        let j = *slot.get();
                        if releases.get(j).is_some_and(|r| key(r) == k) {
                            Some(j)
                        } else {
                            match collided.entry(k) {
                                Entry::Vacant(slot) => {
                                    slot.insert(i);
                                    None
                                }
                                Entry::Occupied(slot) => Some(*slot.get()),
                            }
                        }
                    }
                };
                if let Some(j) = first {
                    found.push((i, j));
                }
            }
        }
    }
    // Reported in file order, as one pass over the rows would.
    found.sort_unstable();
    let mut duplicate = vec![false; releases.len()];
    let any = !found.is_empty();
    for (i, j) in found {
        let (Some(release), Some(first)) = (releases.get(i), releases.get(j)) else {
            continue;
        };
        if let Some(flag) = duplicate.get_mut(i) {
            *flag = true;
        }
        diags.push(
            Diagnostic::error(
                code::DUPLICATE_RELEASE,
                format!(
                    "release `{}` of `{}` is listed twice",
                    release.version, release.product
                ),
                release.version_span.span(),
                "listed again here; this entry is not read",
            )
            .with_related(first.version_span.span(), "first listed here")
            .with_help("remove one of the two entries, or merge what they say into one"),
        );
    }
    if any {
        let mut flags = duplicate.into_iter();
        releases.retain(|_| !flags.next().unwrap_or(false));
    }
    releases
}

impl Release {
    /// Spans moved `by` bytes to the right (past a byte order mark); the text ranges are
    /// already of the whole text.
    fn shift(&mut self, by: usize) {
        self.span = self.span.span().shift(by).into();
        self.version_span = self.version_span.span().shift(by).into();
        self.date_span = self.date_span.span().shift(by).into();
        self.attributes.shift_spans(by);
    }
}

fn shift_diagnostic(mut d: Diagnostic, by: usize) -> Diagnostic {
    d.primary.span = d.primary.span.shift(by);
    for label in &mut d.related {
        label.span = label.span.shift(by);
    }
    d
}

/// What went wrong reading a date, as message and help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateError {
    pub message: String,
    pub help: String,
}

const DATE_FORMS: &str = "write the date as `YYYY-MM-DD`, `YYYY-MM` (only the month is known), `YYYY` (only the year is known) or `unknown`";

/// Read a catalog date: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `unknown` (any case) or empty (unknown).
/// Strict: exactly four-digit years and two-digit months and days, and a day of the calendar.
pub(crate) fn parse_date(text: &str) -> Result<ReleaseDate, DateError> {
    let s = crate::text::trim(text);
    if s.is_empty() || s.eq_ignore_ascii_case("unknown") {
        return Ok(ReleaseDate::Unknown);
    }
    // The usual case, a valid `YYYY-MM-DD`, read without splitting the text.
    if let Some(date) = exact_day(s) {
        return Ok(ReleaseDate::Exact(date));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let shaped = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    let not_a_date = || DateError {
        message: format!("`{s}` is not a date"),
        help: DATE_FORMS.to_owned(),
    };
    if !shaped {
        return Err(not_a_date());
    }
    let num = |p: &&str| p.parse::<u32>().ok();
    let nums: Vec<u32> = parts.iter().filter_map(num).collect();
    let (year, month, day) = match nums.as_slice() {
        [y] => (*y, None, None),
        [y, m] => (*y, Some(*m), None),
        [y, m, d] => (*y, Some(*m), Some(*d)),
        _ => return Err(not_a_date()),
    };
    let year = i32::try_from(year).map_err(|_| not_a_date())?;
    let Some(month) = month else {
        return Ok(ReleaseDate::Year(year));
    };
    if !(1..=12).contains(&month) {
        return Err(DateError {
            message: format!("`{s}` has no month {month}"),
            help: format!("months run from 01 to 12; {DATE_FORMS}"),
        });
    }
    let Some(day) = day else {
        return Ok(ReleaseDate::Month { year, month });
    };
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => Ok(ReleaseDate::Exact(date)),
        None => {
            let days = days_in_month(year, month);
            Err(DateError {
                message: format!("`{s}` is not a day of the calendar"),
                help: match days {
                    Some(days) => format!("{year:04}-{month:02} has {days} days"),
                    None => DATE_FORMS.to_owned(),
                },
            })
        }
    }
}

/// `YYYY-MM-DD` that is a day of the calendar; `None` for anything else (which
/// [`parse_date`] then reads the long way, with its messages).
fn exact_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some(next.pred_opt()?.day())
}

/// 1-based line numbers from byte offsets, without rescanning the text for each lookup.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line containing `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

/// `name` is probably a misspelling of `target`: same letters ignoring case, `_` and `-`, or at
/// most two edits away.
pub(crate) fn is_similar_name(name: &str, target: &str) -> bool {
    let squashed: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squashed == target || (squashed.len() >= 4 && strsim::osa_distance(&squashed, target) <= 2)
}
