//! Reading what is deployed: inventory CSV, JSON Lines, CycloneDX JSON and SPDX JSON.
//!
//! Every reader hands items to a callback one at a time, borrowed from buffers it reuses,
//! so a 10-million-row inventory is read in constant memory: CSV a block of rows at a time
//! (read, split and checked on a thread of its own, handed over through a bounded channel,
//! its diagnostics replayed in the rows' order), JSON Lines line by line, an SBOM (one
//! JSON document) whole. Each item knows where it came from (file,
//! line, JSON pointer) and the byte spans of its fields, so a problem with it is a
//! diagnostic that underlines the exact cell or value. A problem never stops a reader:
//! the row or component is reported and the rest is read.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::ops::Range;
use std::sync::{mpsc, Arc};

use eol_syntax::{Diagnostic, Span};

use super::code;
use super::json::{self, Kind, Value};
use super::lines::{BlockLines, Line};
use super::pairs::{Pair, Pairs};

mod berkeley;
mod cyclonedx_xml;
mod ndb;
mod rpmdb;
mod syft_json;
mod trivy_json;

pub use berkeley::BerkeleyDb;
pub use ndb::{ndb_head, NdbDb};
pub use rpmdb::{read_rpm_db, rpm_db_unreadable, RpmHeader, RpmRow};

/// What an input file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// an inventory: a header row, then one item per row
    Csv,
    /// one JSON object per line
    Jsonl,
    /// one document: CycloneDX (JSON or XML), SPDX (2.3 JSON, 3.0 JSON-LD), syft's JSON or
    /// Trivy's JSON report, told apart by its content
    Sbom,
    /// a distribution's database of installed packages: dpkg's `status` file or apk's
    /// `installed` database ([`read_package_db`])
    Packages,
    /// RPM's database of installed packages, an SQLite file (`rpmdb.sqlite`), SUSE's `ndb`
    /// (`Packages.db`) or before RHEL 9 a Berkeley DB one (`Packages`): read from its file by
    /// the caller, its rows handed over ([`read_rpm_db`], [`NdbDb`], [`BerkeleyDb`])
    RpmDb,
}

impl InputFormat {
    /// The format a file name says: a package database's path ([`PACKAGE_DATABASES`],
    /// [`RPM_DATABASES`], or any file named `rpmdb.sqlite`), `.csv`, `.jsonl`/`.ndjson`,
    /// `.json`/`.jsonld`/`.xml`; None otherwise.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        let lower = name.to_ascii_lowercase().replace('\\', "/");
        if lower == "rpmdb.sqlite"
            || lower.ends_with("/rpmdb.sqlite")
            || RPM_DATABASES
                .iter()
                .any(|db| package_db_root(&lower, &db.to_ascii_lowercase()).is_some())
        {
            Some(InputFormat::RpmDb)
        } else if PACKAGE_DATABASES
            .iter()
            .any(|db| package_db_root(&lower, db).is_some())
        {
            Some(InputFormat::Packages)
        } else if lower.ends_with(".csv") {
            Some(InputFormat::Csv)
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            Some(InputFormat::Jsonl)
        } else if lower.ends_with(".json") || lower.ends_with(".jsonld") || lower.ends_with(".xml") {
            Some(InputFormat::Sbom)
        } else {
            None
        }
    }

    /// The format of a text from its first bytes (standard input, an unknown extension):
    /// a JSON object that ends on its first line is JSON Lines, other JSON or XML is a
    /// document, a first line `Package: ...` (dpkg) or `P:...`/`C:Q...` (apk) a package
    /// database, anything else is CSV.
    pub fn sniff(head: &[u8]) -> InputFormat {
        if rpm_db_head(head) {
            return InputFormat::RpmDb;
        }
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        if text.starts_with('<') {
            return InputFormat::Sbom;
        }
        if package_db_head(text.lines().next().unwrap_or("")) {
            return InputFormat::Packages;
        }
        if !text.starts_with(['{', '[']) {
            return InputFormat::Csv;
        }
        let first = text.lines().next().unwrap_or("").trim();
        let one_line_object = first.starts_with('{')
            && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(first).is_ok_and(|m| {
                let sbom = ["bomFormat", "spdxVersion", "@graph"]
                    .iter()
                    .any(|k| m.contains_key(*k));
                // syft's JSON, which `syft -o json` writes on one line; Trivy's report
                let syft = m.contains_key("artifacts") && m.contains_key("schema");
                let trivy = m.contains_key("SchemaVersion")
                    && (m.contains_key("ArtifactName") || m.contains_key("Results"));
                !sbom && !syft && !trivy
            });
        if one_line_object {
            InputFormat::Jsonl
        } else {
            InputFormat::Sbom
        }
    }
}

/// Where the distributions keep their databases of installed packages, below the system's
/// root: dpkg's (Debian, Ubuntu) and apk's (Alpine). A file at such a path is read as one
/// ([`read_package_db`]).
pub const PACKAGE_DATABASES: [&str; 2] = ["var/lib/dpkg/status", "lib/apk/db/installed"];

/// Where RPM keeps its database below the system's root: `/var/lib/rpm` (RHEL and its
/// rebuilds, Amazon Linux), `/usr/lib/sysimage/rpm` (Fedora from 36 and SUSE from 15, where
/// `/var/lib/rpm` links to it): an SQLite file; rpm's own `ndb` format, `Packages.db`
/// (SUSE Linux Enterprise from 15 SP3, openSUSE Leap from 15.3: [`NdbDb`]); or a Berkeley DB
/// one, `Packages` (RHEL before 9, SUSE before 15 SP3: [`BerkeleyDb`]). In that order of
/// preference: when a directory holds more than one, rpm converted the older into the newer
/// ([`InputFormat::RpmDb`]).
pub const RPM_DATABASES: [&str; 6] = [
    "var/lib/rpm/rpmdb.sqlite",
    "usr/lib/sysimage/rpm/rpmdb.sqlite",
    "var/lib/rpm/Packages.db",
    "usr/lib/sysimage/rpm/Packages.db",
    "var/lib/rpm/Packages",
    "usr/lib/sysimage/rpm/Packages",
];

/// The first 16 bytes of every SQLite 3 database file.
pub const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether a file's first bytes are those of an RPM database: SQLite's; rpm's `ndb`
/// (`RpmP`, [`ndb_head`]); or (RPM's database before RHEL 9, `/var/lib/rpm/Packages`) a
/// Berkeley DB hash file's, whose magic number `0x00061561` is at byte 12 in the byte order
/// of the machine that wrote it.
pub fn rpm_db_head(head: &[u8]) -> bool {
    head.starts_with(SQLITE_MAGIC) || ndb_head(head) || berkeley_db_head(head)
}

/// Whether a file's first bytes are a Berkeley DB hash file's ([`rpm_db_head`]).
pub fn berkeley_db_head(head: &[u8]) -> bool {
    const HASH: u32 = 0x0006_1561;
    head.get(12..16)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .is_some_and(|b| u32::from_le_bytes(b) == HASH || u32::from_be_bytes(b) == HASH)
}

/// The root a package database at `path` is under, when `path` ends with `db` (one of
/// [`PACKAGE_DATABASES`]) as whole path components: `rootfs/` of
/// `rootfs/var/lib/dpkg/status`, `/` of `/var/lib/dpkg/status`, `` of `var/lib/dpkg/status`;
/// None for `myvar/lib/dpkg/status`.
pub fn package_db_root<'p>(path: &'p str, db: &str) -> Option<&'p str> {
    path.strip_suffix(db)
        .filter(|root| root.is_empty() || root.ends_with('/'))
}

/// The fields that say what an item is, in the order [`Fields`] keeps their names. The
/// last two are about a distribution's package and are also kept as extra columns, so
/// reports still show them: `distro`, the distribution release the item's system runs
/// (`debian-12`, `Ubuntu 22.04.4 LTS`), says which release the package comes from;
/// `source`, the source package it is built from (`postgresql-15`, `binutils (2.40-2)`,
/// `openssl-3.0.7-27.el9.src.rpm`, as dpkg's `${source:Package}`, osquery's
/// `deb_packages.source` and `rpm_packages.source` give it), finds its product when no rule
/// names the package itself.
pub const FIELD_ROLES: [&str; 6] = ["product", "version", "purl", "cpe", "distro", "source"];

/// The slot of `distro` in [`FIELD_ROLES`].
const DISTRO: usize = 4;
/// The slot of `source` in [`FIELD_ROLES`].
const SOURCE: usize = 5;

/// The CycloneDX property in which Trivy writes a distribution package's source package
/// (`libssl3`'s `openssl`), as syft writes it in the package URL's `upstream`.
pub(crate) const TRIVY_SOURCE: &str = "aquasecurity:trivy:SrcName";

/// The CycloneDX component type of an operating system, which syft's `distro` is read as too.
pub(crate) const OPERATING_SYSTEM: &str = "operating-system";

/// What an SPDX 2 package's `sourceInfo` starts with when it names the source package it
/// was built from, as Trivy writes it: `built package from: openssl 3.0.11-1~deb12u2`.
const SPDX_BUILT_FROM: &str = "built package from:";

/// What the columns of a CSV inventory, and the keys of a JSON item, that say what an item
/// is are called: `product`, `version`, `purl`, `cpe`, `distro` and `source` unless renamed
/// (`eol audit --column product=OS`), so that an export from another tool is read as it is.
/// Names are compared in any ASCII letter case. SBOMs have their own schemas and do not use
/// these names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// in the order of [`FIELD_ROLES`]
    names: [String; 6],
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            names: FIELD_ROLES.map(str::to_owned),
        }
    }
}

/// A `--column` that cannot be used: what is wrong, and how to write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldsError {
    pub message: String,
    pub help: String,
}

impl Fields {
    /// The names given as `FIELD=NAME` (`product=OS`, `version=OS version`); a field not
    /// given keeps its own name. Refused: no `=`, a field that is not one of
    /// [`FIELD_ROLES`], an empty name, a field given twice, and two fields that would be
    /// read from one column.
    pub fn parse<'a>(specs: impl IntoIterator<Item = &'a str>) -> Result<Fields, FieldsError> {
        let mut fields = Fields::default();
        let mut given = [false; 6];
        let roles = || FIELD_ROLES.map(|r| format!("`{r}`")).join(", ");
        for spec in specs {
            let Some((role, name)) = spec.split_once('=') else {
                return Err(FieldsError {
                    message: format!("`--column {spec}` names no field"),
                    help: format!(
                        "write the field, `=` and the column or key that holds it: `--column product={spec}`; the fields are {}",
                        roles()
                    ),
                });
            };
            let role = role.trim();
            let Some(slot) = FIELD_ROLES.iter().position(|r| r.eq_ignore_ascii_case(role)) else {
                return Err(FieldsError {
                    message: format!("`{role}` in `--column {spec}` is not a field"),
                    help: format!("the fields are {}", roles()),
                });
            };
            let name = name.trim();
            if name.is_empty() {
                return Err(FieldsError {
                    message: format!("`--column {spec}` gives no column name"),
                    help: format!("write the column or key that holds the {role}: `--column {role}=NAME`"),
                });
            }
            if given.get_mut(slot).is_some_and(|g| std::mem::replace(g, true)) {
                return Err(FieldsError {
                    message: format!("`--column` gives `{role}` twice"),
                    help: "give each field once".to_owned(),
                });
            }
            if let Some(n) = fields.names.get_mut(slot) {
                *n = name.to_owned();
            }
        }
        for (i, a) in fields.names.iter().enumerate() {
            if let Some(j) = fields
                .names
                .iter()
                .skip(i + 1)
                .position(|b| b.eq_ignore_ascii_case(a))
            {
                let role = |k: usize| FIELD_ROLES.get(k).copied().unwrap_or("");
                let (x, y) = (role(i), role(i + 1 + j));
                return Err(FieldsError {
                    message: format!("`{x}` and `{y}` would both be read from `{a}`"),
                    help: format!("name another column for one of them: `--column {y}=NAME`"),
                });
            }
        }
        Ok(fields)
    }

    /// Which field a column or key of this name holds (its index in [`FIELD_ROLES`]).
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n.eq_ignore_ascii_case(name))
    }

    /// The name the field at `slot` is read from.
    pub fn name(&self, slot: usize) -> &str {
        self.names.get(slot).map_or("", String::as_str)
    }

    /// Whether any field is read from another column than its own name.
    pub fn renamed(&self) -> bool {
        *self != Fields::default()
    }

    /// The header an inventory with these names would start with: `product,version`, or
    /// what they are renamed to (quoted as CSV when they need it).
    fn header_example(&self) -> String {
        let cell = |s: &str| {
            if s.contains([',', '"', ';']) || s != s.trim() {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_owned()
            }
        };
        format!("{},{}", cell(self.name(0)), cell(self.name(1)))
    }
}

/// Where an item is, and the spans of its fields in the file.
#[derive(Clone, Copy, Debug)]
pub struct Location<'a> {
    pub file: &'a str,
    /// 1-based line where the item starts
    pub line: u64,
    /// where the item is in an SBOM: a JSON pointer (`/components/3`), or for an XML SBOM an
    /// XPath (`/bom/components/component[4]`)
    pub pointer: Option<&'a str>,
    /// the text the spans point into: the row, the JSON line, or the whole SBOM
    pub snippet: &'a str,
    /// byte offset of `snippet` in the file, and the line it starts on
    pub snippet_offset: usize,
    pub snippet_line: u64,
    /// the whole item (a byte span in the file)
    pub span: Span,
    /// where its fields are ([`Location::product_span`] and the others)
    pub fields: FieldSpans<'a>,
}

/// Where an item's fields are in the file, looked up only when asked for (a diagnostic about
/// the item wants them; writing its finding does not).
#[derive(Clone, Copy, Debug)]
pub enum FieldSpans<'a> {
    /// package URL, CPE, product and version, as the reader found them
    Known(&'a [Option<Span>; 4]),
    /// the cells of a CSV row that starts at `row`'s cell `first`; `columns` are the
    /// header's package URL, CPE, product and version columns
    Cells {
        row: &'a Row,
        first: usize,
        columns: &'a [Option<usize>; 4],
    },
}

impl Location<'_> {
    /// The span of field `i` (package URL, CPE, product, version).
    fn field_span(&self, i: usize) -> Option<Span> {
        match self.fields {
            FieldSpans::Known(spans) => spans.get(i).copied().flatten(),
            FieldSpans::Cells { row, first, columns } => columns
                .get(i)
                .copied()
                .flatten()
                .and_then(|c| row.span(first + c)),
        }
    }

    pub fn purl_span(&self) -> Option<Span> {
        self.field_span(0)
    }

    pub fn cpe_span(&self) -> Option<Span> {
        self.field_span(1)
    }

    pub fn product_span(&self) -> Option<Span> {
        self.field_span(2)
    }

    pub fn version_span(&self) -> Option<Span> {
        self.field_span(3)
    }
}

/// Other fields of an item, kept for reports (`host`, `location`, an SBOM's `type`).
#[derive(Clone, Copy, Debug)]
pub enum Extra<'a> {
    None,
    /// the extra columns of a CSV row: (column name, value)
    Columns {
        /// which header this is: a number no other header of the process has, so that a
        /// writer may work out once per header where the columns it wants are
        header: u64,
        names: &'a [String],
        columns: &'a [usize],
        /// the row's cells are those of `row` from `first` on
        row: &'a Row,
        first: usize,
    },
    Pairs(&'a [(String, String)]),
}

impl<'a> Extra<'a> {
    /// The value of the first field named `name`.
    pub fn get(self, name: &str) -> Option<&'a str> {
        match self {
            Extra::None => None,
            Extra::Columns {
                names,
                columns,
                row,
                first,
                ..
            } => columns
                .iter()
                .find(|&&c| names.get(c).is_some_and(|n| n == name))
                .and_then(|&c| row.field(first + c)),
            Extra::Pairs(p) => p.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
        }
    }

    /// For a CSV row: its header's number, and the column of the first extra field named
    /// `name` (None when there is no such field). Rows of one header have their fields at the
    /// same columns, so a caller may keep the answer for the header and read fields with
    /// [`Extra::at`]. None for fields that are not columns of a CSV row.
    pub fn column(self, name: &str) -> Option<(u64, Option<usize>)> {
        match self {
            Extra::Columns {
                header,
                names,
                columns,
                ..
            } => Some((
                header,
                columns
                    .iter()
                    .copied()
                    .find(|&c| names.get(c).is_some_and(|n| n == name)),
            )),
            Extra::None | Extra::Pairs(_) => None,
        }
    }

    /// The number of the CSV header the fields are under ([`Extra::column`]).
    #[inline]
    pub fn header(self) -> Option<u64> {
        match self {
            Extra::Columns { header, .. } => Some(header),
            Extra::None | Extra::Pairs(_) => None,
        }
    }

    /// The value in column `column` of a CSV row ([`Extra::column`]).
    #[inline]
    pub fn at(self, column: usize) -> Option<&'a str> {
        match self {
            Extra::Columns { row, first, .. } => row.field(first + column),
            Extra::None | Extra::Pairs(_) => None,
        }
    }

    pub fn iter(self) -> impl Iterator<Item = (&'a str, &'a str)> {
        type Columns<'c> = Option<(&'c [String], &'c [usize], &'c Row, usize)>;
        let (cols, pairs): (Columns<'a>, &[(String, String)]) = match self {
            Extra::None => (None, &[]),
            Extra::Columns {
                names,
                columns,
                row,
                first,
                ..
            } => (Some((names, columns, row, first)), &[]),
            Extra::Pairs(p) => (None, p),
        };
        let from_cols = cols.into_iter().flat_map(|(names, columns, row, first)| {
            columns
                .iter()
                .filter_map(move |&c| Some((names.get(c)?.as_str(), row.field(first + c)?)))
        });
        from_cols.chain(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

/// One thing that runs somewhere: a product (name, package URL or CPE) and a version.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// a product id, alias or name as written (CSV `product`, an SBOM component's name)
    pub product: Option<&'a str>,
    pub version: Option<&'a str>,
    pub purl: Option<&'a str>,
    pub cpe: Option<&'a str>,
    /// the distribution release the item's system runs, as an inventory's `distro` column
    /// or key gives it (`debian-12`, `Ubuntu 22.04.4 LTS`)
    pub distro: Option<&'a str>,
    /// the source package a distribution's package is built from, as an inventory's
    /// `source` column or key gives it (`postgresql-15`, `openssl-3.0.7-27.el9.src.rpm`)
    pub source: Option<&'a str>,
    /// the number of what the item names (its package URL, CPE, product, version,
    /// distribution release and source package): items that name the same share it ([`Pairs`])
    pub pair: Pair,
    pub extra: Extra<'a>,
    pub at: Location<'a>,
    /// every value of the item (names, version, extra fields) can be written in a CSV cell
    /// as it is: it came from a CSV row without quotes or carriage returns, so none holds a
    /// comma, quote or line break or has a blank at either end (false when not known)
    pub csv_safe: bool,
    /// the item is a package a distribution's database lists as installed
    /// ([`read_package_db`]): a distribution's package, whatever its name and version say
    pub distribution_package: bool,
    /// the item is an operating system, as an SBOM says (a CycloneDX component of type
    /// `operating-system`, syft's `distro`): its name may be one an SBOM tool gives the
    /// system ([`crate::identifiers::distribution_product`]: Trivy's `amazon`)
    pub operating_system: bool,
}

/// A problem with an input, with the text it points into.
#[derive(Clone, Debug)]
pub struct InputDiagnostic {
    pub file: String,
    /// 1-based line and column (in characters) of the primary span
    pub line: u64,
    pub column: u64,
    pub pointer: Option<String>,
    /// the text around the problem (a row, a JSON line, the whole document) and where it
    /// starts in the file; the diagnostic's spans are offsets in the file
    pub snippet: Arc<str>,
    pub snippet_offset: usize,
    pub snippet_line: u64,
    pub diagnostic: Diagnostic,
}

impl InputDiagnostic {
    /// The diagnostic with spans relative to the snippet.
    pub fn local(&self) -> Diagnostic {
        let shift = |s: Span| {
            Span::new(
                s.start.saturating_sub(self.snippet_offset),
                s.end.saturating_sub(self.snippet_offset),
            )
        };
        let mut d = self.diagnostic.clone();
        d.primary.span = shift(d.primary.span);
        for l in &mut d.related {
            l.span = shift(l.span);
        }
        d
    }
}

/// How many diagnostics one file keeps; the rest are counted.
pub const KEPT_PER_FILE: usize = 100;

/// The diagnostics of every input, at most [`KEPT_PER_FILE`] per file.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<InputDiagnostic>,
    /// (file, how many more were found and not kept)
    pub dropped: Vec<(String, u64)>,
    in_file: usize,
    /// every error found, kept or not: each left items unaudited
    errors: u64,
}

impl Problems {
    fn start_file(&mut self) {
        self.in_file = 0;
    }

    /// Keep a diagnostic about `snippet` (which starts at `offset`, on `line`).
    pub fn push(&mut self, file: &str, snippet: Snip<'_>, pointer: Option<&str>, diagnostic: Diagnostic) {
        self.keep(file, snippet, pointer, diagnostic, false);
    }

    /// Keep the diagnostic after which the rest of a file is not read (a quote never
    /// closed), however many were kept before it: it says why the items after it are not
    /// audited.
    pub fn push_ending(&mut self, file: &str, snippet: Snip<'_>, diagnostic: Diagnostic) {
        self.keep(file, snippet, None, diagnostic, true);
    }

    fn keep(
        &mut self,
        file: &str,
        snippet: Snip<'_>,
        pointer: Option<&str>,
        diagnostic: Diagnostic,
        always: bool,
    ) {
        self.in_file += 1;
        if diagnostic.is_error() {
            self.errors += 1;
        }
        if self.in_file > KEPT_PER_FILE && !always {
            match self.dropped.last_mut() {
                Some((f, n)) if f == file => *n += 1,
                _ => self.dropped.push((file.to_owned(), 1)),
            }
            return;
        }
        let text = snippet.text();
        let local = diagnostic
            .primary
            .span
            .start
            .saturating_sub(snippet.offset())
            .min(text.len());
        let before = text.get(..local).unwrap_or("");
        let newlines = before.matches('\n').count() as u64;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
        self.list.push(InputDiagnostic {
            file: file.to_owned(),
            line: snippet.line() + newlines,
            column,
            pointer: pointer.map(str::to_owned),
            snippet: snippet.shared(),
            snippet_offset: snippet.offset(),
            snippet_line: snippet.line(),
            diagnostic,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// How many errors the inputs had, shown or not: each left one item or more (a row, a
    /// component, the rest of a file) unaudited.
    pub fn errors(&self) -> u64 {
        self.errors
    }
}

/// The text a diagnostic points into.
#[derive(Clone, Copy)]
pub enum Snip<'a> {
    /// a row or line: copied when a diagnostic keeps it
    Line { text: &'a str, offset: usize, line: u64 },
    /// a whole document, shared by every diagnostic about it
    Document(&'a Arc<str>),
}

impl Snip<'_> {
    fn text(&self) -> &str {
        match self {
            Snip::Line { text, .. } => text,
            Snip::Document(t) => t,
        }
    }

    fn offset(&self) -> usize {
        match self {
            Snip::Line { offset, .. } => *offset,
            Snip::Document(_) => 0,
        }
    }

    fn line(&self) -> u64 {
        match self {
            Snip::Line { line, .. } => *line,
            Snip::Document(_) => 1,
        }
    }

    fn shared(&self) -> Arc<str> {
        match self {
            Snip::Line { text, .. } => Arc::from(*text),
            Snip::Document(t) => Arc::clone(t),
        }
    }
}

/// What reading one input gave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadStats {
    pub items: u64,
    /// the input could not be read at all (no header, not JSON, an unknown SBOM)
    pub unreadable: bool,
}

/// Call `f` with the offset of each separator `sep` (a comma, unless the header chose
/// another: [`separator`]) in `bytes`, in order, and say whether `bytes` holds a carriage
/// return (when `CR`; without, the caller knows there is none). Rows are a few
/// dozen bytes: eight bytes are tested at a time (a byte at a time cost four instructions a
/// byte, and memchr's set-up more than the search), the last word overlapping the one before
/// it.
fn for_each_comma<const CR: bool, const SEP: u8>(bytes: &[u8], mut f: impl FnMut(usize)) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte of `w` that is `b` (exact: no carry crosses bytes).
    let bytes_of = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        !(((x & LOW7) + LOW7) | x | LOW7)
    };
    let commas = |w: u64| bytes_of(w, SEP);
    let mut returns = 0u64;
    let each = |mut m: u64, at: usize, f: &mut dyn FnMut(usize)| {
        while m != 0 {
            f(at + (m.trailing_zeros() / 8) as usize);
            m &= m - 1;
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0usize;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        if CR {
            returns |= bytes_of(w, b'\r');
        }
        each(commas(w), at, &mut f);
        at += 8;
    }
    let rest = chunks.remainder().len();
    if rest == 0 {
        return returns != 0;
    }
    if let Some(tail) = bytes.len().checked_sub(8).and_then(|s| bytes.get(s..)) {
        // the last eight bytes, of which the first `8 - rest` were tested already
        let mut w = [0u8; 8];
        w.copy_from_slice(tail);
        let w = u64::from_le_bytes(w);
        if CR {
            returns |= bytes_of(w, b'\r');
        }
        let seen = 8 * (8 - rest) as u32;
        each((commas(w) >> seen) << seen, at + rest - 8, &mut f);
        returns != 0
    } else {
        for (i, &b) in chunks.remainder().iter().enumerate() {
            if b == SEP {
                f(at + i);
            }
        }
        CR && chunks.remainder().contains(&b'\r')
    }
}

/// One CSV row, unescaped, with the spans of its cells.
#[derive(Debug, Default)]
pub struct Row {
    /// the cells' values, one after another
    values: String,
    cells: Vec<Cell>,
    /// what separates the cells
    sep: Separator,
}

/// What separates the cells of an inventory's rows: a comma, unless its header is written
/// with another ([`separator`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Separator(u8);

impl Default for Separator {
    fn default() -> Self {
        Separator(b',')
    }
}

impl Separator {
    /// Whether `b` is a blank before a value (a space, or a tab when tabs do not separate).
    fn blank(self, b: u8) -> bool {
        b == b' ' || (b == b'\t' && self.0 != b'\t')
    }
}

/// The separator of an inventory from its header row: a comma, or, in a header with no
/// comma, a semicolon (spreadsheets in languages whose decimal mark is the comma save
/// `product;version`), a tab or a vertical bar when the header's cells split at it name
/// `product`, `purl` or `cpe` (as `fields` calls them).
fn separator(header: &str, fields: &Fields) -> Separator {
    if header.contains(',') {
        return Separator::default();
    }
    [b';', b'\t', b'|']
        .into_iter()
        .find(|&sep| {
            let mut row = Row {
                sep: Separator(sep),
                ..Row::default()
            };
            row.split(header, 0).is_ok()
                && row.len() > 1
                && (0..row.len()).any(|i| {
                    let slot = fields.slot(row.field(i).unwrap_or("").trim());
                    matches!(slot, Some(0 | 2 | 3))
                })
        })
        .map_or_else(Separator::default, Separator)
}

/// A cell of a [`Row`]: where its value is in the row's `values`, and its span in the file
/// (the value without surrounding blanks and quotes). One vector of both: a cell is one push.
#[derive(Clone, Copy, Debug)]
struct Cell {
    value: (usize, usize),
    span: Span,
}

impl Row {
    #[inline]
    pub fn field(&self, i: usize) -> Option<&str> {
        let (s, e) = self.cells.get(i)?.value;
        self.values.get(s..e)
    }

    fn span(&self, i: usize) -> Option<Span> {
        self.cells.get(i).map(|c| c.span)
    }

    fn len(&self) -> usize {
        self.cells.len()
    }

    /// Split `text` (one record, without its line end; `base` its offset in the file).
    /// Err: the offset in `text` of a quote that is never closed.
    fn split(&mut self, text: &str, base: usize) -> Result<(), usize> {
        self.clear();
        self.append(text, base)
    }

    fn clear(&mut self) {
        self.values.clear();
        self.cells.clear();
    }

    /// Keep the first `cells` cells only, and `values` up to `values` bytes.
    fn truncate_to(&mut self, cells: usize, values: usize) {
        self.values.truncate(values);
        self.cells.truncate(cells);
    }

    /// Split `text` after the cells already held (a batch of rows keeps theirs together);
    /// on an error, the cells are those held before.
    fn append(&mut self, text: &str, base: usize) -> Result<(), usize> {
        let held = (self.values.len(), self.cells.len());
        let split = self.split_on(text, base);
        if split.is_err() {
            self.truncate_to(held.1, held.0);
        }
        split
    }

    /// Split a record that holds no quote: its text is kept once, whole, and each cell is
    /// the part of it between commas, without the blanks around it (as [`Row::split_on`]
    /// reads an unquoted cell). Returns where the text is in the row's values, and whether
    /// every cell can be written to CSV as it is (no carriage return in the row: a cell of
    /// it holds no comma, quote or line feed, and no blank at either end). `cr`: whether the
    /// text may hold a carriage return (when its block holds none, the row is not searched
    /// for one).
    fn append_plain(&mut self, text: &str, base: usize, cr: bool) -> ((usize, usize), bool) {
        let at = self.values.len();
        self.values.push_str(text);
        let bytes = text.as_bytes();
        let sep = self.sep.0;
        let mut from = 0usize;
        let mut cell = |comma| {
            self.push_plain_cell(text, at, base, from, comma);
            from = comma + 1;
        };
        // (each separator its own copy of the search, its byte a constant)
        let returns = match (cr, sep) {
            (true, b',') => for_each_comma::<true, b','>(bytes, &mut cell),
            (false, b',') => for_each_comma::<false, b','>(bytes, &mut cell),
            (true, b';') => for_each_comma::<true, b';'>(bytes, &mut cell),
            (false, b';') => for_each_comma::<false, b';'>(bytes, &mut cell),
            (true, b'\t') => for_each_comma::<true, b'\t'>(bytes, &mut cell),
            (false, b'\t') => for_each_comma::<false, b'\t'>(bytes, &mut cell),
            (true, _) => for_each_comma::<true, b'|'>(bytes, &mut cell),
            (false, _) => for_each_comma::<false, b'|'>(bytes, &mut cell),
        };
        self.push_plain_cell(text, at, base, from, bytes.len());
        // (in a file not separated by commas, a cell may hold one: it is quoted on the way out)
        let safe = !returns && (sep == b',' || memchr::memchr(b',', bytes).is_none());
        ((at, self.values.len()), safe)
    }

    /// The cell `text[from..end]` of a row without quotes, kept at `at` in the values and at
    /// `base` in the file, without the blanks around it.
    #[inline]
    fn push_plain_cell(&mut self, text: &str, at: usize, base: usize, from: usize, end: usize) {
        let bytes = text.as_bytes();
        // Nearly every cell starts and ends with a visible character: nothing to trim.
        let (start, stop) = match (bytes.get(from), bytes.get(end.wrapping_sub(1))) {
            (Some(a), Some(z)) if from < end && a.is_ascii_graphic() && z.is_ascii_graphic() => (from, end),
            _ => trimmed(text, from, end),
        };
        self.cells.push(Cell {
            value: (at + start, at + stop),
            span: Span::new(base + start, base + stop),
        });
    }

    fn split_on(&mut self, text: &str, base: usize) -> Result<(), usize> {
        let bytes = text.as_bytes();
        let sep = self.sep;
        let mut i = 0usize;
        loop {
            // Leading blanks are not part of a value.
            while bytes.get(i).is_some_and(|&b| sep.blank(b)) {
                i += 1;
            }
            let start = self.values.len();
            let span;
            if bytes.get(i) == Some(&b'"') {
                let open = i;
                i += 1;
                let content_start = i;
                loop {
                    match bytes.get(i) {
                        None => return Err(open),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            self.values.push('"');
                            i += 2;
                        }
                        Some(b'"') => break,
                        Some(_) => {
                            let run_end = bytes
                                .get(i..)
                                .and_then(|r| memchr::memchr(b'"', r))
                                .map_or(text.len(), |n| i + n);
                            self.values.push_str(text.get(i..run_end).unwrap_or(""));
                            i = run_end;
                        }
                    }
                }
                span = Span::new(base + content_start, base + i);
                i += 1;
                // Anything between the closing quote and the comma is kept, as spreadsheets do.
                let rest_end = bytes
                    .get(i..)
                    .and_then(|r| memchr::memchr(sep.0, r))
                    .map_or(text.len(), |n| i + n);
                self.values
                    .push_str(text.get(i..rest_end).unwrap_or("").trim_end());
                i = rest_end;
            } else {
                // Cells are short: a plain loop beats memchr's set-up.
                let end = bytes
                    .get(i..)
                    .and_then(|r| r.iter().position(|&b| b == sep.0))
                    .map_or(text.len(), |n| i + n);
                let raw = text.get(i..end).unwrap_or("");
                let value = crate::text::trim_end(raw);
                self.values.push_str(value);
                span = Span::new(base + i, base + i + value.len());
                i = end;
            }
            self.cells.push(Cell {
                value: (start, self.values.len()),
                span,
            });
            if bytes.get(i) == Some(&sep.0) {
                i += 1;
            } else {
                return Ok(());
            }
        }
    }
}

/// `text[from..end]` without the blanks around it, as [`Row::split_on`] reads an unquoted
/// cell: spaces and tabs before it, any white space after it. `from` and `end` are at ASCII
/// bytes (commas, or the text's ends).
#[cold]
fn trimmed(text: &str, from: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut start = from;
    while start < end && matches!(bytes.get(start), Some(b' ' | b'\t')) {
        start += 1;
    }
    let kept = text.get(start..end).map_or(0, |c| c.trim_end().len());
    (start, start + kept)
}

/// Does `text` end inside a quoted CSV value, as [`Row::split`] reads it with separator
/// `sep`? (The reference [`QuoteScan`]'s tests compare with.)
#[cfg(test)]
fn open_quote(text: &str, sep: Separator) -> bool {
    Row {
        sep,
        ..Row::default()
    }
    .split(text, 0)
    .is_err()
}

/// Where a CSV record's text leaves off: inside a quoted value or not, as [`Row::split_on`]
/// reads it. Fed a line at a time, a record whose quote stays open is read in time linear in
/// its length (scanning it whole after each line made an unclosed quote near the top of a
/// large file take hours).
#[derive(Clone, Copy, Debug)]
struct QuoteScan {
    state: Quoting,
    sep: Separator,
    /// how many quoted values have opened
    opened: u64,
}

/// Where [`QuoteScan`] is in a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoting {
    /// before a value's first character, blanks passed over
    ValueStart,
    /// in a value that did not start with a quote: a quote there is a character
    Plain,
    /// in a quoted value
    Quoted,
    /// just after a quote in a quoted value: it closes the value unless another follows
    /// (`""` is a quote in the value, also right before a line break)
    QuoteSeen,
    /// after a quoted value's closing quote, up to the separator (kept, as spreadsheets do)
    Closed,
}

impl Default for QuoteScan {
    fn default() -> Self {
        QuoteScan::new(Separator::default())
    }
}

impl QuoteScan {
    fn new(sep: Separator) -> Self {
        QuoteScan {
            state: Quoting::ValueStart,
            sep,
            opened: 0,
        }
    }

    /// Whether the text fed so far ends inside a quoted value.
    fn inside(&self) -> bool {
        self.state == Quoting::Quoted
    }

    /// Read on through `bytes`, the next part of the record.
    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            self.state = match self.state {
                Quoting::Quoted => match bytes.get(i..).and_then(|r| memchr::memchr(b'"', r)) {
                    // a quoted value's text runs to its next quote
                    Some(n) => {
                        i += n;
                        Quoting::QuoteSeen
                    }
                    None => return,
                },
                Quoting::QuoteSeen if b == b'"' => Quoting::Quoted,
                _ if b == self.sep.0 => Quoting::ValueStart,
                Quoting::ValueStart if b == b'"' => {
                    self.opened += 1;
                    Quoting::Quoted
                }
                Quoting::ValueStart if self.sep.blank(b) => Quoting::ValueStart,
                Quoting::ValueStart | Quoting::Plain => Quoting::Plain,
                Quoting::QuoteSeen | Quoting::Closed => Quoting::Closed,
            };
            i += 1;
        }
    }
}

/// Read one line (with its end) into `buf`; the number of bytes read.
/// The next line into `buf`, as `read_until(b'\n')`, refused past
/// [`crate::limits::MAX_AUDIT_LINE_BYTES`]: a line that does not end (`/dev/zero`) never
/// takes more memory than that.
fn next_line<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let limit = crate::limits::MAX_AUDIT_LINE_BYTES;
    let n = <&mut R as std::io::Read>::take(reader, limit + 1).read_until(b'\n', buf)?;
    if n as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "a line is longer than {} MiB: no inventory has one (`eol audit` reads CSV and JSON Lines a line at a time)",
                limit >> 20
            ),
        ));
    }
    Ok(n)
}

fn strip_line_end(text: &str) -> &str {
    let t = text.strip_suffix('\n').unwrap_or(text);
    t.strip_suffix('\r').unwrap_or(t)
}

/// The known columns of an inventory.
struct Columns {
    /// what separates the cells of its rows
    sep: Separator,
    product: Option<usize>,
    version: Option<usize>,
    purl: Option<usize>,
    cpe: Option<usize>,
    /// the distribution release's column, which is also an extra column
    distro: Option<usize>,
    /// the source package's column, which is also an extra column
    source: Option<usize>,
    /// `purl`, `cpe`, `product` and `version`, in that order
    fields: [Option<usize>; 4],
    names: Vec<String>,
    extra: Vec<usize>,
    /// this header's number ([`Extra::Columns`])
    header: u64,
}

/// A number for a CSV header that no other header of this process has.
fn next_header() -> u64 {
    static HEADERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    HEADERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The text of a line, or a diagnostic when it is not UTF-8.
fn utf8<'b>(
    file: &str,
    bytes: &'b [u8],
    offset: usize,
    line: u64,
    problems: &mut Problems,
) -> Option<&'b str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(_) => {
            let (lossy, diagnostic) = not_utf8_line(bytes, offset);
            problems.push(
                file,
                Snip::Line {
                    text: strip_line_end(&lossy),
                    offset,
                    line,
                },
                None,
                diagnostic,
            );
            None
        }
    }
}

/// A line (at `offset`) that is not UTF-8: its text with replacement characters, and the
/// diagnostic.
fn not_utf8_line(bytes: &[u8], offset: usize) -> (std::borrow::Cow<'_, str>, Diagnostic) {
    let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    let diagnostic = Diagnostic::error(
        code::SYNTAX,
        "this line is not valid UTF-8",
        Span::new(offset + at, offset + at + '\u{fffd}'.len_utf8()),
        "invalid byte sequence here",
    )
    .with_help("inputs are UTF-8 text; re-save the file as UTF-8 (this line is not audited)");
    (String::from_utf8_lossy(bytes), diagnostic)
}

/// The text of a line from [`BlockLines`], or a diagnostic when it is not UTF-8.
fn line_text<'b>(
    file: &str,
    next: Line<'b>,
    offset: usize,
    line: u64,
    problems: &mut Problems,
) -> Option<&'b str> {
    match next {
        Line::Text(t) => Some(t),
        Line::Bytes(b) => utf8(file, b, offset, line, problems),
    }
}

/// Read an inventory CSV: a header row naming `product` (or `purl`, `cpe`) and `version`
/// (as `fields` calls them), other columns kept as they are.
pub fn read_csv<R: BufRead + Send>(
    file: &str,
    reader: R,
    fields: &Fields,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> std::io::Result<ReadStats> {
    problems.start_file();
    let mut stats = ReadStats::default();
    let mut lines = BlockLines::new(reader);
    let mut row = Row::default();
    let mut offset = 0usize;
    let mut line = 0u64;
    // whether the last line read ended with a line feed (the end of the file is then on
    // the line after it)
    let mut ended = true;
    let header_span;
    let header_text;
    let header_line;
    // The header: the first line that is not blank.
    let columns = loop {
        let Some(next) = lines.next_line()? else {
            nothing_at_the_end(
                problems,
                file,
                (offset, line, ended),
                [
                    "this inventory has no header and no items",
                    "empty",
                    "an inventory starts with a header row such as `product,version,host`",
                ],
            );
            stats.unreadable = true;
            return Ok(stats);
        };
        line += 1;
        let start = offset;
        offset += next.bytes().len();
        ended = next.bytes().last() == Some(&b'\n');
        let Some(text) = line_text(file, next, start, line, problems) else {
            stats.unreadable = true;
            return Ok(stats);
        };
        let text = strip_line_end(text);
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(t) => (t, '\u{feff}'.len_utf8()),
            None => (text, 0),
        };
        if text.trim().is_empty() {
            continue;
        }
        let header = Snip::Line {
            text,
            offset: start + bom,
            line,
        };
        // Lines that end with a carriage return alone (classic Mac OS, Excel's "CSV
        // (Macintosh)") make the whole file one line: say so, rather than that the header
        // has no `version` column.
        if let Some(cr) = text.find('\r') {
            let at = start + bom + cr;
            problems.push(
                file,
                header,
                None,
                Diagnostic::error(
                    code::SYNTAX,
                    "the lines of this file end with a carriage return alone (classic Mac OS line endings)",
                    Span::new(at, at + 1),
                    "a line ends here with a carriage return, no line feed",
                )
                .with_help(
                    "save the inventory with LF or CRLF line endings (\"CSV UTF-8\" rather than \"CSV (Macintosh)\"), or convert it: `tr '\\r' '\\n' < in.csv > out.csv`",
                ),
            );
            stats.unreadable = true;
            return Ok(stats);
        }
        row.sep = separator(text, fields);
        if let Err(open) = row.split(text, start + bom) {
            problems.push(file, header, None, unclosed_quote(start + bom + open));
            stats.unreadable = true;
            return Ok(stats);
        }
        let mut cols = Columns {
            sep: row.sep,
            product: None,
            version: None,
            purl: None,
            cpe: None,
            distro: None,
            source: None,
            fields: [None; 4],
            names: Vec::new(),
            extra: Vec::new(),
            header: next_header(),
        };
        // a field's column named twice: (the first, the second)
        let mut twice: Option<(usize, usize)> = None;
        for i in 0..row.len() {
            let name = row.field(i).unwrap_or("").trim().to_owned();
            let role = fields.slot(&name);
            // (the release and the source stay in reports as the extra columns they are too)
            if !matches!(role, Some(0..=3)) {
                cols.extra.push(i);
            }
            let slot = match role {
                Some(0) => Some(&mut cols.product),
                Some(1) => Some(&mut cols.version),
                Some(2) => Some(&mut cols.purl),
                Some(3) => Some(&mut cols.cpe),
                Some(DISTRO) => Some(&mut cols.distro),
                Some(SOURCE) => Some(&mut cols.source),
                _ => None,
            };
            match slot {
                Some(s) if s.is_none() => *s = Some(i),
                Some(Some(first)) => {
                    twice.get_or_insert((*first, i));
                }
                _ => {}
            }
            cols.names.push(name);
        }
        // `product,version,product`: which column holds the product cannot be told
        if let Some((first, second)) = twice {
            let name = cols.names.get(second).cloned().unwrap_or_default();
            let whole = Span::new(start + bom, start + bom + text.len());
            let mut diagnostic = Diagnostic::error(
                code::DUPLICATE_COLUMN,
                format!("the header names `{name}` twice; which column holds it cannot be told"),
                row.span(second).unwrap_or(whole),
                "named again here",
            )
            .with_help(format!(
                "rename or remove one of the two `{name}` columns; to read another column than `{name}`, name it with `--column`"
            ));
            if let Some(span) = row.span(first) {
                diagnostic = diagnostic.with_related(span, "first named here");
            }
            problems.push(file, header, None, diagnostic);
            stats.unreadable = true;
            return Ok(stats);
        }
        cols.fields = [cols.purl, cols.cpe, cols.product, cols.version];
        let has_name = cols.product.is_some() || cols.purl.is_some() || cols.cpe.is_some();
        if !has_name || (cols.version.is_none() && cols.purl.is_none() && cols.cpe.is_none()) {
            let slot = usize::from(has_name);
            problems.push(
                file,
                header,
                None,
                missing_column(
                    fields,
                    slot,
                    &cols.names,
                    Span::new(start + bom, start + bom + text.len()),
                ),
            );
            stats.unreadable = true;
            return Ok(stats);
        }
        header_span = Span::new(start + bom, start + bom + text.len());
        header_text = text.to_owned();
        header_line = line;
        break cols;
    };
    // The rows are read, split, checked and their keys staged on a thread of their own, a
    // batch at a time; this thread numbers a batch's keys, turns its rows into items for the
    // sink, and keeps their diagnostics in the order the rows come in.
    let mut reading = Reading {
        lines,
        offset,
        line,
        record: String::new(),
        done: false,
    };
    let columns = &columns;
    std::thread::scope(|scope| -> std::io::Result<()> {
        let (to_items, batches) = mpsc::sync_channel::<std::io::Result<Batch>>(2);
        let (give_back, spare) = mpsc::sync_channel::<Batch>(4);
        // (the reading thread stages each item's key; this one, which owns the table,
        // numbers them)
        let mut stager = Pairs::default();
        scope.spawn(move || loop {
            let mut batch = spare.try_recv().unwrap_or_default();
            batch.clear();
            let read = reading.fill(columns, &mut stager, &mut batch);
            // The rows read before an error are audited before it is reported.
            if to_items.send(Ok(batch)).is_err() {
                return;
            }
            if let Err(e) = read {
                let _ = to_items.send(Err(e));
                return;
            }
            if reading.done {
                return;
            }
        });
        for read in batches {
            let mut batch = read?;
            batch.number(pairs);
            batch.replay(file, columns, problems, &mut stats, sink);
            // A full channel means enough spares.
            let _ = give_back.try_send(batch);
        }
        Ok(())
    })?;
    if stats.items == 0 && !problems.has_errors_in(file) {
        nothing_to_audit(
            problems,
            file,
            Snip::Line {
                text: &header_text,
                offset: header_span.start,
                line: header_line,
            },
            header_span,
            [
                "this inventory has a header but no items",
                "a header, and no row after it",
                "add one row per installed product and version",
            ],
        );
    }
    Ok(stats)
}

/// Rows read ahead, with the diagnostics about them, in the input's order.
#[derive(Default)]
struct Batch {
    /// the rows' texts (and the texts diagnostics point into), one after another
    text: String,
    /// the rows' cells, one row after another
    row: Row,
    rows: usize,
    events: Vec<Event>,
    /// its items' keys, staged on the reading thread and numbered on the auditing one
    /// ([`Pairs::hand_over`])
    staged: Vec<(u64, usize)>,
    keys: Vec<u8>,
}

/// Where a row's text is kept in its batch.
#[derive(Clone, Copy)]
enum Text {
    /// `text[.0...1]`
    Batch((usize, usize)),
    /// `row.values[.0...1]`: a row without quotes, whose cells are parts of its text (and
    /// whether they can be written to CSV as they are)
    Row((usize, usize), bool),
}

enum Event {
    /// the row whose cells start at `row`'s cell `first` is an item, at `offset` on `line`
    Item {
        first: usize,
        text: Text,
        offset: usize,
        line: u64,
        pair: Pair,
    },
    /// a diagnostic about `text[at.0..at.1]`, which is at `offset` on `line` (`ending`: the
    /// input is not read after it)
    Problem {
        at: (usize, usize),
        offset: usize,
        line: u64,
        diagnostic: Box<Diagnostic>,
        ending: bool,
    },
}

/// A batch is handed over when its texts reach this size, or its rows this number.
const BATCH_TEXT: usize = 64 << 10;
const BATCH_ROWS: usize = 2048;

impl Batch {
    fn clear(&mut self) {
        self.text.clear();
        self.row.clear();
        self.rows = 0;
        self.events.clear();
    }

    fn keep(&mut self, text: &str) -> (usize, usize) {
        let start = self.text.len();
        self.text.push_str(text);
        (start, self.text.len())
    }

    fn problem(&mut self, text: &str, offset: usize, line: u64, diagnostic: Diagnostic) {
        let at = self.keep(text);
        self.events.push(Event::Problem {
            at,
            offset,
            line,
            diagnostic: Box::new(diagnostic),
            ending: false,
        });
    }

    /// The problem after which the input is not read further ([`Problems::push_ending`]).
    fn ending(&mut self, text: &str, offset: usize, line: u64, diagnostic: Diagnostic) {
        self.problem(text, offset, line, diagnostic);
        if let Some(Event::Problem { ending, .. }) = self.events.last_mut() {
            *ending = true;
        }
    }

    /// Hand the rows to the sink as items, and the diagnostics to `problems`, in order.
    /// Number the batch's items, staged on the reading thread, with the audit's pairs.
    #[inline]
    fn number(&mut self, pairs: &mut Pairs) {
        let Batch {
            events, staged, keys, ..
        } = self;
        let mut items = events.iter_mut().filter_map(|e| match e {
            Event::Item { pair, .. } => Some(pair),
            Event::Problem { .. } => None,
        });
        pairs.number_given(staged, keys, |p| {
            if let Some(pair) = items.next() {
                *pair = p;
            }
        });
    }

    fn replay(
        &mut self,
        file: &str,
        columns: &Columns,
        problems: &mut Problems,
        stats: &mut ReadStats,
        sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
    ) {
        for event in self.events.drain(..) {
            match event {
                Event::Problem {
                    at,
                    offset,
                    line,
                    diagnostic,
                    ending,
                } => {
                    let text = self.text.get(at.0..at.1).unwrap_or("");
                    let snip = Snip::Line { text, offset, line };
                    if ending {
                        problems.push_ending(file, snip, *diagnostic);
                    } else {
                        problems.push(file, snip, None, *diagnostic);
                    }
                }
                Event::Item {
                    first,
                    text,
                    offset,
                    line,
                    pair,
                } => {
                    let (text, csv_safe) = match text {
                        Text::Batch(at) => (self.text.get(at.0..at.1), false),
                        Text::Row(at, safe) => (self.row.values.get(at.0..at.1), safe),
                    };
                    let Some(text) = text else {
                        continue;
                    };
                    let mut item = columns.item(file, &self.row, first, text, (offset, line), pair);
                    item.csv_safe = csv_safe;
                    stats.items += 1;
                    sink(&item, problems);
                }
            }
        }
    }
}

impl Columns {
    /// The value of column `c` in the row whose cells start at `first`; None when the
    /// header has no such column or the cell is blank.
    fn cell(row: &Row, first: usize, c: Option<usize>) -> Option<&str> {
        c.and_then(|i| row.field(first + i))
            .filter(|v| !crate::text::is_blank(v))
    }

    /// What a row names: its package URL, CPE, product, version, distribution release and
    /// source package (blank ones as None). (Inlined: once per row on each of two threads,
    /// and a call cost a third of it.)
    #[inline(always)]
    fn names<'r>(&self, row: &'r Row, first: usize) -> [Option<&'r str>; 6] {
        let get = |c| Self::cell(row, first, c);
        [
            get(self.purl),
            get(self.cpe),
            get(self.product),
            get(self.version),
            get(self.distro),
            get(self.source),
        ]
    }

    /// The item of a row (split, with as many fields as the header) at `(offset, line)`.
    fn item<'a>(
        &'a self,
        file: &'a str,
        row: &'a Row,
        first: usize,
        text: &'a str,
        (start, line): (usize, u64),
        pair: Pair,
    ) -> Item<'a> {
        let [purl, cpe, product, version, distro, source] = self.names(row, first);
        Item {
            product,
            version,
            purl,
            cpe,
            distro,
            source,
            pair,
            extra: Extra::Columns {
                header: self.header,
                names: &self.names,
                columns: &self.extra,
                row,
                first,
            },
            csv_safe: false,
            distribution_package: false,
            operating_system: false,
            at: Location {
                file,
                line,
                pointer: None,
                snippet: text,
                snippet_offset: start,
                snippet_line: line,
                span: Span::new(start, start + text.len()),
                fields: FieldSpans::Cells {
                    row,
                    first,
                    columns: &self.fields,
                },
            },
        }
    }
}

/// Where the reading of an inventory's rows is.
struct Reading<R> {
    lines: BlockLines<R>,
    /// byte offset and line number of the next line
    offset: usize,
    line: u64,
    /// a record whose quoted value holds line breaks
    record: String,
    /// the input ended (or reading it cannot go on)
    done: bool,
}

impl<R: BufRead> Reading<R> {
    /// Read rows into `batch` until it is full or the input ends, and hand it the keys of
    /// what its items name, staged in `pairs` (numbered on the auditing thread, all of the
    /// batch's together: [`Batch::number`]).
    fn fill(&mut self, columns: &Columns, pairs: &mut Pairs, batch: &mut Batch) -> std::io::Result<()> {
        batch.row.sep = columns.sep;
        let read = self.fill_rows(columns, pairs, batch);
        pairs.hand_over(&mut batch.staged, &mut batch.keys);
        read
    }

    /// Read rows into `batch` until it is full or the input ends, each item's parts staged
    /// to be numbered.
    fn fill_rows(&mut self, columns: &Columns, pairs: &mut Pairs, batch: &mut Batch) -> std::io::Result<()> {
        while batch.text.len() + batch.row.values.len() < BATCH_TEXT && batch.rows < BATCH_ROWS {
            // Most blocks are plain text, without a quote or a carriage return: their
            // lines are taken straight from the block.
            if let Some(rest) = self.lines.plain_rest() {
                let used = plain_rows(
                    rest,
                    &self.lines,
                    (&mut self.offset, &mut self.line),
                    columns,
                    pairs,
                    batch,
                );
                if used > 0 {
                    self.lines.skip(used);
                    continue;
                }
            }
            let Some((next, block)) = self.lines.next_line_in_block()? else {
                self.done = true;
                return Ok(());
            };
            self.line += 1;
            let start = self.offset;
            self.offset += next.bytes().len();
            let first_line = self.line;
            let text = match next {
                Line::Text(t) => t,
                Line::Bytes(b) => {
                    let (lossy, diagnostic) = not_utf8_line(b, start);
                    batch.problem(strip_line_end(&lossy), start, first_line, diagnostic);
                    continue;
                }
            };
            let mut text: &str = strip_line_end(text);
            if crate::text::is_blank(text) {
                continue;
            }
            // A quoted cell may hold line breaks: read on until the quote closes. (A line
            // of a block without a quote is not looked at again.)
            let quoted = block.quote && memchr::memchr(b'"', text.as_bytes()).is_some();
            let mut scan = QuoteScan::new(batch.row.sep);
            if quoted {
                scan.feed(text.as_bytes());
            }
            if scan.inside() {
                let record = &mut self.record;
                record.clear();
                record.push_str(text);
                // Where the record's line that opened the last quoted value starts: in the
                // record, in the file, and its line number (the record joins its lines with
                // `\n`, whatever their ends). One line, not every line: a value of a hundred
                // million empty lines would otherwise keep a hundred million starts.
                let mut opening: (usize, usize, u64) = (0, start, first_line);
                let mut closed = false;
                // a value that runs on past the longest line read: the file is not read on
                // (its memory would grow with the input: `"` then `yes`)
                let mut overlong = false;
                while let Some(more) = self.lines.next_line()? {
                    if record.len() as u64 > crate::limits::MAX_AUDIT_LINE_BYTES {
                        overlong = true;
                        break;
                    }
                    self.line += 1;
                    record.push('\n');
                    let at = record.len();
                    let line_start = (at, self.offset, self.line);
                    self.offset += more.bytes().len();
                    record.push_str(strip_line_end(&String::from_utf8_lossy(more.bytes())));
                    scan.feed(b"\n");
                    let opened = scan.opened;
                    scan.feed(record.as_bytes().get(at..).unwrap_or_default());
                    if scan.opened > opened {
                        opening = line_start;
                    }
                    if !scan.inside() {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    // The quote never closed may open on a later line than the first (a
                    // value closed there, another opened): show the line it is on.
                    let mut row = Row {
                        sep: batch.row.sep,
                        ..Row::default()
                    };
                    let open = row.split(record, start).err().unwrap_or(0);
                    let (in_record, in_file, line) = opening;
                    let line_text = record
                        .get(in_record..)
                        .and_then(|rest| rest.split('\n').next())
                        .unwrap_or("");
                    let column = open
                        .saturating_sub(in_record)
                        .min(line_text.len().saturating_sub(1));
                    let mut diagnostic = unclosed_quote(in_file + column);
                    // Every line after the quote was read as part of its value.
                    let after = self.line.saturating_sub(line);
                    if overlong {
                        diagnostic.help = diagnostic.help.map(|h| {
                            format!(
                                "{h}. The value runs on for more than {} MiB, over {after} lines: the rest of the file is not read",
                                crate::limits::MAX_AUDIT_LINE_BYTES >> 20
                            )
                        });
                    } else if after > 0 {
                        let lost = if after == 1 {
                            "The line after it was read as part of the value: it is not audited".to_owned()
                        } else {
                            format!("The {after} lines after it were read as part of the value: none of them is audited")
                        };
                        diagnostic.help = diagnostic.help.map(|h| format!("{h}. {lost}"));
                    }
                    batch.ending(line_text, in_file, line, diagnostic);
                    self.done = true;
                    return Ok(());
                }
                text = &self.record;
            }
            let row = &mut batch.row;
            let first = row.len();
            let values = row.values.len();
            // A row without a quote is kept once, its cells ranges of its text; a row with
            // one keeps its unescaped cells, and its text beside them.
            let in_row = if quoted {
                if let Err(open) = row.append(text, start) {
                    batch.problem(text, start, first_line, unclosed_quote(start + open));
                    continue;
                }
                None
            } else {
                Some(row.append_plain(text, start, block.cr))
            };
            add_row(
                batch,
                columns,
                pairs,
                (text, start, first_line),
                (first, values),
                in_row,
            );
        }
        Ok(())
    }
}

/// Read the complete lines at the start of `rest` (the rest of a block of `lines` that is all
/// text, with no quote and no carriage return: [`BlockLines::plain_rest`]) into `batch` until
/// it is full, as the general path of [`Reading::fill_rows`] reads such lines; `(offset,
/// line)` are moved past them. Returns how many bytes of `rest` were read (0 when its first
/// line has no line feed: the input's last line, left to the general path).
fn plain_rows<R: std::io::Read>(
    rest: &str,
    lines: &BlockLines<R>,
    (offset, line): (&mut usize, &mut u64),
    columns: &Columns,
    pairs: &mut Pairs,
    batch: &mut Batch,
) -> usize {
    let mut used = 0;
    while batch.text.len() + batch.row.values.len() < BATCH_TEXT && batch.rows < BATCH_ROWS {
        let tail = rest.as_bytes().get(used..).unwrap_or_default();
        let Some(text) = lines.line_end(tail).and_then(|n| rest.get(used..used + n)) else {
            break;
        };
        let start = *offset;
        used += text.len() + 1;
        *offset += text.len() + 1;
        *line += 1;
        if crate::text::is_blank(text) {
            continue;
        }
        let row = &mut batch.row;
        let (first, values) = (row.len(), row.values.len());
        let in_row = row.append_plain(text, start, false);
        add_row(
            batch,
            columns,
            pairs,
            (text, start, *line),
            (first, values),
            Some(in_row),
        );
    }
    used
}

/// A row split into `batch.row` (its cells from `first`, its values from `values`): checked
/// against the header, its parts staged to be numbered, and kept as an item, or a problem
/// (its cells dropped again). `text` is the row's text, at `start` on line `first_line`;
/// `in_row`, where a row without quotes is kept in the row's values.
fn add_row(
    batch: &mut Batch,
    columns: &Columns,
    pairs: &mut Pairs,
    (text, start, first_line): (&str, usize, u64),
    (first, values): (usize, usize),
    in_row: Option<((usize, usize), bool)>,
) {
    let row = &mut batch.row;
    let cells = row.len() - first;
    if cells != columns.names.len() {
        let (span, label) = if cells > columns.names.len() {
            let first_extra = row.span(first + columns.names.len()).map_or(start, |s| s.start);
            (
                Span::new(first_extra, start + text.len()),
                format!("{} more than the header", cells - columns.names.len()),
            )
        } else {
            (
                Span::new(start, start + text.len()),
                format!("{} missing", columns.names.len() - cells),
            )
        };
        row.truncate_to(first, values);
        let diagnostic = Diagnostic::error(
            code::FIELD_COUNT,
            format!("this row has {} fields, the header {}", cells, columns.names.len()),
            span,
            label,
        )
        .with_help(
            "give every row one value per header column; quote a value that holds a comma (\"a,b\"). This row is not audited",
        );
        batch.problem(text, start, first_line, diagnostic);
        return;
    }
    let [purl, cpe, product, version, distro, source] = columns.names(row, first);
    if product.is_none() && purl.is_none() && cpe.is_none() {
        row.truncate_to(first, values);
        let span = Span::new(start, start + text.len());
        batch.problem(text, start, first_line, no_name(span, "row"));
        return;
    }
    pairs.stage(purl, cpe, product, version, distro, source);
    let text = match in_row {
        Some((at, safe)) => Text::Row(at, safe),
        None => Text::Batch(batch.keep(text)),
    };
    batch.events.push(Event::Item {
        first,
        text,
        offset: start,
        line: first_line,
        // numbered with the batch's other items ([`Batch::number`])
        pair: Pair::New(usize::MAX),
    });
    batch.rows += 1;
}

/// The extra columns a CSV header names (all but `product`, `version`, `purl`, `cpe`, as
/// `fields` calls them).
pub fn extra_columns(header: &str, fields: &Fields) -> Vec<String> {
    let mut row = Row {
        sep: separator(header, fields),
        ..Row::default()
    };
    if row.split(header, 0).is_err() {
        return Vec::new();
    }
    let mut seen = [false; 4];
    let mut out = Vec::new();
    for i in 0..row.len() {
        let name = row.field(i).unwrap_or("").trim().to_owned();
        match fields.slot(&name).and_then(|k| seen.get_mut(k)) {
            Some(seen) if !*seen => *seen = true,
            _ => out.push(name),
        }
    }
    out
}

/// A file that is not UTF-8 at byte `at`.
pub fn not_utf8(at: usize) -> Diagnostic {
    Diagnostic::error(
        code::SYNTAX,
        "this file is not valid UTF-8",
        Span::new(at, at + '\u{fffd}'.len_utf8()),
        "invalid byte sequence here",
    )
    .with_help("an SBOM is UTF-8 JSON; re-save the file as UTF-8 (nothing in it is audited)")
}

impl Problems {
    /// Keep a diagnostic about a whole document.
    pub fn push_document(&mut self, file: &str, text: &Arc<str>, diagnostic: Diagnostic) {
        self.start_file();
        self.push(file, Snip::Document(text), None, diagnostic);
    }

    fn has_errors_in(&self, file: &str) -> bool {
        self.list
            .iter()
            .any(|d| d.file == file && d.diagnostic.is_error())
            || self.dropped.iter().any(|(f, _)| f == file)
    }
}

/// [`nothing_to_audit`] at the end of an input read a line at a time: `end` is the offset
/// past its last byte, the number of lines read, and whether the last one ended with a line
/// feed (the end is then on the line after it).
fn nothing_at_the_end(problems: &mut Problems, file: &str, end: (usize, u64, bool), words: [&str; 3]) {
    let (offset, line, ended) = end;
    let snip = Snip::Line {
        text: "",
        offset,
        line: line + u64::from(ended),
    };
    nothing_to_audit(problems, file, snip, Span::point(offset), words);
}

/// The warning that an input held nothing to audit, at `span` (in `snip`):
/// [message, label, help].
fn nothing_to_audit(problems: &mut Problems, file: &str, snip: Snip<'_>, span: Span, words: [&str; 3]) {
    let [message, label, help] = words;
    problems.push(
        file,
        snip,
        None,
        Diagnostic::warning(code::EMPTY, message, span, label).with_help(help),
    );
}

fn unclosed_quote(at: usize) -> Diagnostic {
    Diagnostic::error(
        code::SYNTAX,
        "a quoted value is never closed",
        Span::new(at, at + 1),
        "this quote opens a value",
    )
    .with_help("close the value with `\"`; a quote inside a quoted value is written twice (`\"\"`)")
}

/// The header of an inventory (its cells `header`) has no column for the field at `slot` (0
/// the product, 1 the version).
fn missing_column(fields: &Fields, slot: usize, header: &[String], span: Span) -> Diagnostic {
    let role = FIELD_ROLES.get(slot).copied().unwrap_or("");
    let name = fields.name(slot);
    let (message, help) = if name == role {
        let columns = match (guess_columns(header, slot), slot) {
            (Some(given), 0) => format!("which columns hold them, perhaps `{given}`"),
            (None, 0) => "which columns hold them, as in an export from another tool: `--column product=OS --column \"version=OS version\"`"
                .to_owned(),
            (Some(given), _) => format!("which column holds the version, perhaps `{given}`"),
            (None, _) => "which column holds the version: `--column version=NAME`".to_owned(),
        };
        (
            format!("the header has no `{role}` column"),
            format!(
                "name the columns in the first row: `product,version` (or `purl`, `cpe`), then any others such as `host`; or say {columns}"
            ),
        )
    } else {
        (
            format!("the header has no `{name}` column, which `--column {role}={name}` names"),
            format!(
                "name the column that holds the {role} in `--column {role}=NAME`, or give the header such a column: `{}`",
                fields.header_example()
            ),
        )
    };
    Diagnostic::error(code::MISSING_COLUMN, message, span, "the header row").with_help(help)
}

/// `--column` options that would read a header whose columns are named otherwise, when its
/// cells' words make it plain: a column with the word `version`, `release` or `ver` for the
/// version, and for the product the first column with `product`, else `os`, `software`,
/// `package`, `application`, `app`, `program` or `component`, else `name` (a column that
/// names a machine or person, `Device name`, `host`, `user`, is not one). `slot` is the
/// field found missing (0 the product, 1 the version); the product is suggested only when
/// it is missing.
fn guess_columns(header: &[String], slot: usize) -> Option<String> {
    // words split at what is not a letter or digit, and where a capital follows a small
    // letter (`DisplayName`, `DisplayVersion` of Windows' uninstall registry keys)
    let has_word = |cell: &str, words: &[&str]| {
        cell.split(|c: char| !c.is_ascii_alphanumeric())
            .flat_map(camel_words)
            .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    };
    let option = |role: &str, cell: &str| {
        if cell.contains([' ', '"', '\'', '$', '\\']) {
            format!("--column \"{role}={}\"", cell.replace(['"', '\\', '$'], ""))
        } else {
            format!("--column {role}={cell}")
        }
    };
    let version = header
        .iter()
        .find(|c| has_word(c, &["version", "release", "ver"]))?;
    let machine = [
        "device", "host", "hostname", "computer", "machine", "server", "user", "owner",
    ];
    let product_with = |words: &[&str]| {
        header
            .iter()
            .find(|c| *c != version && !has_word(c, &machine) && has_word(c, words))
    };
    let product = product_with(&["product"])
        .or_else(|| {
            product_with(&[
                "os",
                "software",
                "package",
                "application",
                "app",
                "program",
                "component",
            ])
        })
        .or_else(|| product_with(&["name"]));
    match (slot, product) {
        // a `version` column is read as it is
        (0, Some(p)) if version.eq_ignore_ascii_case("version") => Some(option("product", p)),
        (0, Some(p)) => Some(format!("{} {}", option("product", p), option("version", version))),
        (0, None) => None,
        _ => Some(option("version", version)),
    }
}

/// The words of an ASCII word written in camel case: `DisplayName` is `Display` and `Name`,
/// `osVersion` `os` and `Version`, `PSComputerName` `PS`, `Computer` and `Name`; `OS` and
/// `name` are one each.
fn camel_words(word: &str) -> impl Iterator<Item = &str> {
    let bytes = word.as_bytes();
    let upper = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_uppercase);
    let lower = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_lowercase);
    let mut starts: Vec<usize> = (1..bytes.len())
        .filter(|&k| upper(k) && (lower(k - 1) || (upper(k - 1) && lower(k + 1))))
        .collect();
    starts.insert(0, 0);
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([bytes.len()]).collect();
    starts
        .into_iter()
        .zip(ends)
        .filter_map(move |(a, b)| word.get(a..b))
}

fn no_name(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(
        code::BAD_ITEM,
        format!("this {what} names no product"),
        span,
        "no product, package URL or CPE",
    )
    .with_help("give a product id or alias, a package URL (`pkg:npm/next@14.1.0`) or a CPE; this item is not audited")
}

/// Read JSON Lines: one object per line with `product` (or `purl`, `cpe`) and `version`
/// (as `names` calls them); other keys are kept.
pub fn read_jsonl<R: BufRead>(
    file: &str,
    mut reader: R,
    names: &Fields,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> std::io::Result<ReadStats> {
    problems.start_file();
    let mut stats = ReadStats::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut offset = 0usize;
    let mut line = 0u64;
    // whether the last line ended with a line feed (the end is then on the next line)
    let mut ended = true;
    let mut extra: Vec<(String, String)> = Vec::new();
    loop {
        buf.clear();
        let n = next_line(&mut reader, &mut buf)?;
        if n == 0 {
            break;
        }
        line += 1;
        ended = buf.last() == Some(&b'\n');
        let start = offset;
        offset += n;
        let Some(text) = utf8(file, &buf, start, line, problems) else {
            continue;
        };
        let text = strip_line_end(text);
        let text = if line == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        let snip = Snip::Line {
            text,
            offset: start,
            line,
        };
        let value = match json::parse(text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(
                    file,
                    snip,
                    None,
                    Diagnostic::error(code::SYNTAX, e.message, e.span.shift(start), "here")
                        .with_help("each line is one JSON object; fix this line (it is not audited)"),
                );
                continue;
            }
        };
        let shift = |s: Span| s.shift(start);
        let Kind::Object(members) = &value.kind else {
            problems.push(
                file,
                snip,
                None,
                wrong_kind("this line", &value, "an object", shift(value.span)).with_help(
                    "write one object per line: {\"product\": \"nodejs\", \"version\": \"18.19.0\"}",
                ),
            );
            continue;
        };
        let Some(fields) = object_fields(members, names, text, &shift, &mut extra, &mut |d| {
            problems.push(file, snip, None, d);
        }) else {
            continue;
        };
        let [product, version, purl, cpe, _, _] = fields;
        if product.is_none() && purl.is_none() && cpe.is_none() {
            problems.push(file, snip, None, no_name(shift(value.span), "object"));
            continue;
        }
        let [product_text, version_text, purl_text, cpe_text, distro, source] =
            fields.map(|f| f.map(|f| f.0));
        let spans = [purl, cpe, product, version].map(|f| f.map(|f| f.1));
        let item = Item {
            product: product_text,
            version: version_text,
            purl: purl_text,
            cpe: cpe_text,
            distro,
            source,
            pair: pairs.number(purl_text, cpe_text, product_text, version_text, distro, source),
            extra: Extra::Pairs(&extra),
            csv_safe: false,
            distribution_package: false,
            operating_system: false,
            at: Location {
                file,
                line,
                pointer: None,
                snippet: text,
                snippet_offset: start,
                snippet_line: line,
                span: Span::new(start, start + text.len()),
                fields: FieldSpans::Known(&spans),
            },
        };
        stats.items += 1;
        sink(&item, problems);
    }
    if stats.items == 0 && !problems.has_errors_in(file) {
        nothing_at_the_end(
            problems,
            file,
            (offset, line, ended),
            [
                "this input has no items",
                "nothing here",
                "write one JSON object per line: {\"product\": \"nodejs\", \"version\": \"18.19.0\"}",
            ],
        );
    }
    Ok(stats)
}

/// Is this the first line of a distribution's database of installed packages: dpkg's
/// `status` file (`Package: bash`) or apk's `installed` database (`C:Q1...` or `P:musl`)?
fn package_db_head(first: &str) -> bool {
    first.starts_with("Package:") || first.starts_with("C:Q") || first.starts_with("P:")
}

/// The system an os-release file names ([`os_release`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OsRelease {
    /// `PRETTY_NAME` (`Debian GNU/Linux 12 (bookworm)`), else `NAME` and `VERSION_ID`
    pub name: String,
    /// the line that gives it (`PRETTY_NAME`'s, else `NAME`'s), 1-based, and its text and
    /// offset in the file
    pub line: u64,
    pub line_text: String,
    pub offset: usize,
}

/// The system's name as its os-release file gives it (`/etc/os-release`,
/// `/usr/lib/os-release`): `PRETTY_NAME` (`Debian GNU/Linux 12 (bookworm)`), else `NAME` and
/// `VERSION_ID`, unquoted as the file's shell syntax quotes them. None when it says neither.
pub fn os_release_name(text: &str) -> Option<String> {
    os_release(text).map(|o| o.name)
}

/// [`os_release_name`], with the line that gives the name.
pub fn os_release(text: &str) -> Option<OsRelease> {
    // the value of each key, with the line it is on
    let mut fields: HashMap<&str, (String, u64, &str, usize)> = HashMap::new();
    let mut offset = 0usize;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let at = offset;
        offset += raw.len();
        let whole = strip_line_end(raw);
        let line = whole.trim();
        if line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let unquoted = match value.as_bytes() {
            [q @ (b'"' | b'\''), .., last] if last == q && value.len() >= 2 => {
                let inner = value.get(1..value.len() - 1).unwrap_or_default();
                let mut out = String::with_capacity(inner.len());
                let mut chars = inner.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' if *q == b'"' => out.extend(chars.next()),
                        c => out.push(c),
                    }
                }
                out
            }
            _ => value.to_owned(),
        };
        fields.insert(key.trim(), (unquoted, i as u64 + 1, whole, at));
    }
    let named = |f: &&(String, u64, &str, usize)| !f.0.trim().is_empty();
    let (name, (_, line, line_text, offset)) = match fields.get("PRETTY_NAME").filter(named) {
        Some(pretty) => (pretty.0.trim().to_owned(), pretty),
        None => {
            let (name, version) = (
                fields.get("NAME").filter(named)?,
                fields.get("VERSION_ID").filter(named)?,
            );
            (format!("{} {}", name.0.trim(), version.0.trim()), name)
        }
    };
    Some(OsRelease {
        name,
        line: *line,
        line_text: (*line_text).to_owned(),
        offset: *offset,
    })
}

/// The system an os-release file names, as one item: its name read as a product and its
/// version in one text (`Debian GNU/Linux 12 (bookworm)` is Debian 12), at the line that
/// gives it. `eol audit` reads it beside a system's package database ([`read_package_db`]),
/// whose release it names: the system is an item of the audit too. A file that names no
/// system is [`code::EMPTY`]'s warning.
pub fn read_os_release(
    file: &str,
    text: &str,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> ReadStats {
    problems.start_file();
    let Some(system) = os_release(text) else {
        nothing_to_audit(
            problems,
            file,
            Snip::Line {
                text: "",
                offset: text.len(),
                // the end: on the line after the last one when that ends with a line feed
                line: text.lines().count() as u64 + u64::from(text.is_empty() || text.ends_with('\n')),
            },
            Span::point(text.len()),
            [
                "this os-release names no system",
                "no PRETTY_NAME, nor NAME and VERSION_ID",
                "an os-release gives the system's name in PRETTY_NAME (`PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"`)",
            ],
        );
        return ReadStats::default();
    };
    let span = Span::new(system.offset, system.offset + system.line_text.len());
    let spans = [None, None, Some(span), None];
    let item = Item {
        product: Some(&system.name),
        version: None,
        purl: None,
        cpe: None,
        distro: None,
        source: None,
        pair: pairs.number(None, None, Some(&system.name), None, None, None),
        extra: Extra::None,
        csv_safe: false,
        distribution_package: false,
        operating_system: false,
        at: Location {
            file,
            line: system.line,
            pointer: None,
            snippet: &system.line_text,
            snippet_offset: system.offset,
            snippet_line: system.line,
            span,
            fields: FieldSpans::Known(&spans),
        },
    };
    sink(&item, problems);
    ReadStats {
        items: 1,
        unreadable: false,
    }
}

/// The fields of a package database's entry that name what is installed: dpkg's `Package`,
/// `Version`, `Source` and `Status`, apk's `P`, `V` and `o`.
#[derive(Default)]
struct Entry {
    package: Option<Range<usize>>,
    version: Option<Range<usize>>,
    source: Option<Range<usize>>,
    status: Option<Range<usize>>,
}

/// Read a distribution's database of installed packages, streamed entry by entry: dpkg's
/// `status` file (`/var/lib/dpkg/status`: entries of `Package:`, `Status:`, `Version:` and
/// `Source:` fields, separated by blank lines) or apk's `installed` database
/// (`/lib/apk/db/installed`: `P:` the package, `V:` its version, `o:` its origin, the source
/// package). Each package whose files are installed is an item named by its package name,
/// with its version and source package, and `distro`, the release of the system the
/// database is of, when the caller knows it (its os-release: [`os_release_name`]). dpkg's
/// packages whose status is `not-installed` or `config-files` (removed, their configuration
/// kept) are not items: nothing of them runs. A line that is no field, and an entry without
/// a package's name, are errors; the entry is not audited.
pub fn read_package_db<R: BufRead>(
    file: &str,
    mut reader: R,
    distro: Option<&str>,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> std::io::Result<ReadStats> {
    problems.start_file();
    let mut stats = ReadStats::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut offset = 0usize;
    let mut line = 0u64;
    // the entry being read: its text, where it starts, its fields, and whether it is broken
    let mut entry = String::new();
    let mut entry_offset = 0usize;
    let mut entry_line = 0u64;
    let mut fields = Entry::default();
    let mut broken = false;
    let mut ended = true;
    loop {
        buf.clear();
        let n = next_line(&mut reader, &mut buf)?;
        // the line as it is in the file (its line end included): None at the end, Some(None)
        // when it is not UTF-8 (reported)
        let read: Option<Option<&str>> = if n == 0 {
            None
        } else {
            line += 1;
            ended = buf.last() == Some(&b'\n');
            Some(utf8(file, &buf, offset, line, problems))
        };
        let start = offset;
        offset += n;
        match read {
            // blank lines between entries, or before the first
            Some(Some(raw)) if raw.trim().is_empty() && entry.is_empty() && !broken => continue,
            // a blank line ends the entry
            Some(Some(raw)) if raw.trim().is_empty() => {}
            Some(raw) => {
                if entry.is_empty() && !broken {
                    entry_offset = start;
                    entry_line = line;
                }
                // a broken entry is not audited: nothing of it is kept
                let Some(raw) = raw.filter(|_| !broken) else {
                    broken = true;
                    continue;
                };
                let whole = strip_line_end(raw);
                // (a byte order mark is not part of the first line's field)
                let t = match line {
                    1 => whole.strip_prefix('\u{feff}').unwrap_or(whole),
                    _ => whole,
                };
                let bom = whole.len() - t.len();
                let at = entry.len() + bom;
                if entry.len() + raw.len() > crate::limits::MAX_PACKAGE_ENTRY_BYTES {
                    broken = true;
                    entry.clear();
                    problems.push(
                        file,
                        Snip::Line {
                            text: t,
                            offset: start,
                            line,
                        },
                        None,
                        Diagnostic::error(
                            code::SYNTAX,
                            format!(
                                "this entry is longer than {} MiB",
                                crate::limits::MAX_PACKAGE_ENTRY_BYTES >> 20
                            ),
                            Span::new(start, start + whole.len()),
                            "the entry goes on past here",
                        )
                        .with_help(
                            "an entry of a package database is a few kilobytes; a blank line may be missing \
                             between two (this entry is not audited, up to the next blank line)",
                        ),
                    );
                    continue;
                }
                entry.push_str(raw);
                if !entry_field(t, at, &mut fields) {
                    broken = true;
                    let start = start + bom;
                    problems.push(
                        file,
                        Snip::Line { text: t, offset: start, line },
                        None,
                        Diagnostic::error(
                            code::SYNTAX,
                            "this line is no field of a package database",
                            Span::new(start, start + t.len()),
                            "no `Field: value`",
                        )
                        .with_help(
                            "a package database (dpkg's status, apk's installed) is entries of `Field: value` lines, \
                             separated by blank lines; this entry is not audited",
                        ),
                    );
                }
                continue;
            }
            None if entry.is_empty() && !broken => break,
            None => {}
        }
        // the entry is complete
        // (its last line's end is not part of it)
        let body = entry.trim_end_matches(['\r', '\n']);
        let snip_span = Span::new(entry_offset, entry_offset + body.len());
        let value = |f: &Option<Range<usize>>| {
            f.as_ref()
                .and_then(|r| entry.get(r.clone()))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let removed = value(&fields.status)
            .and_then(|s| s.split_whitespace().nth(2))
            .is_some_and(|s| matches!(s, "not-installed" | "config-files"));
        if !broken && !removed {
            match value(&fields.package) {
                None => problems.push(
                    file,
                    Snip::Line {
                        text: body,
                        offset: entry_offset,
                        line: entry_line,
                    },
                    None,
                    Diagnostic::error(
                        code::BAD_ITEM,
                        "this entry names no package",
                        snip_span,
                        "no `Package:` (dpkg) or `P:` (apk)",
                    )
                    .with_help(
                        "each entry of a package database names its package; this entry is not audited",
                    ),
                ),
                Some(package) => {
                    let version = value(&fields.version);
                    let source = value(&fields.source);
                    let span_of = |f: &Option<Range<usize>>| {
                        f.as_ref()
                            .map(|r| Span::new(entry_offset + r.start, entry_offset + r.end))
                    };
                    let spans = [None, None, span_of(&fields.package), span_of(&fields.version)];
                    let item = Item {
                        product: Some(package),
                        version,
                        purl: None,
                        cpe: None,
                        distro,
                        source,
                        pair: pairs.number_installed(Some(package), version, distro, source),
                        extra: Extra::None,
                        csv_safe: false,
                        distribution_package: true,
                        operating_system: false,
                        at: Location {
                            file,
                            line: entry_line,
                            pointer: None,
                            snippet: &entry,
                            snippet_offset: entry_offset,
                            snippet_line: entry_line,
                            span: snip_span,
                            fields: FieldSpans::Known(&spans),
                        },
                    };
                    stats.items += 1;
                    sink(&item, problems);
                }
            }
        }
        entry.clear();
        fields = Entry::default();
        broken = false;
        if read.is_none() {
            break;
        }
    }
    if stats.items == 0 && !problems.has_errors_in(file) {
        nothing_at_the_end(
            problems,
            file,
            (offset, line, ended),
            [
                "this package database has no installed package",
                "nothing here",
                "a package database lists each installed package as an entry (`Package: bash` and `Version: 5.2.15-2+b7` in dpkg's status)",
            ],
        );
    }
    Ok(stats)
}

/// Take one line of a package database's entry (at byte `at` of the entry's text) into
/// `fields`: a continuation line (a blank first) belongs to the field before it, a field is
/// `Name: value` (dpkg) or `N:value` (apk). False for a line that is neither.
fn entry_field(line: &str, at: usize, fields: &mut Entry) -> bool {
    if line.starts_with([' ', '\t']) {
        return true;
    }
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    if key.is_empty() || key.contains(char::is_whitespace) {
        return false;
    }
    let start = at + key.len() + 1 + (value.len() - value.trim_start().len());
    let range = start..at + line.len();
    let slot = match key {
        "Package" | "P" => &mut fields.package,
        "Version" | "V" => &mut fields.version,
        "Source" | "o" => &mut fields.source,
        "Status" => &mut fields.status,
        _ => return true,
    };
    if slot.is_none() {
        *slot = Some(range);
    }
    true
}

/// The fields of an item written as a JSON object (a line of JSON Lines, an element of a
/// JSON array): `product`, `version`, `purl`, `cpe`, `distro` and `source` as `names` calls
/// them (any letter case; strings, null or blank as absent), and every other member as an
/// extra column (into `extra`; `distro` and `source` too). `text` is the text the members'
/// spans are in, `shift` moves a span into the file. None, with each problem given to
/// `report`, when one of the six is not a string.
fn object_fields<'m>(
    members: &'m [json::Member],
    names: &Fields,
    text: &str,
    shift: &dyn Fn(Span) -> Span,
    extra: &mut Vec<(String, String)>,
    report: &mut dyn FnMut(Diagnostic),
) -> Option<[Option<(&'m str, Span)>; 6]> {
    extra.clear();
    let mut fields: [Option<(&str, Span)>; 6] = [None; 6];
    let mut bad = false;
    for m in members {
        let slot = names.slot(&m.key);
        match (slot, &m.value.kind) {
            (Some(i), Kind::String(s)) => {
                if let Some(f) = fields.get_mut(i) {
                    if f.is_none() && !s.trim().is_empty() {
                        *f = Some((s.as_str(), shift(m.value.inner_span())));
                    }
                }
                if i == DISTRO || i == SOURCE {
                    extra.push((m.key.clone(), s.clone()));
                }
            }
            (Some(_), Kind::Null) => {}
            (Some(_), _) => {
                let help = if let Kind::Number(n) = &m.value.kind {
                    format!(
                        "write it as a string: \"{}\": \"{n}\" (as a number, `3.10` would read as `3.1`); this item is not audited",
                        m.key
                    )
                } else {
                    format!("write `{}` as a string; this item is not audited", m.key)
                };
                report(
                    wrong_kind(&format!("`{}`", m.key), &m.value, "a string", shift(m.value.span))
                        .with_help(help),
                );
                bad = true;
            }
            (None, kind) => {
                let v = match kind {
                    Kind::String(s) => s.clone(),
                    Kind::Number(n) => n.clone(),
                    Kind::Bool(b) => b.to_string(),
                    Kind::Null => continue,
                    _ => text
                        .get(m.value.span.start..m.value.span.end)
                        .unwrap_or("")
                        .to_owned(),
                };
                extra.push((m.key.clone(), v));
            }
        }
    }
    (!bad).then_some(fields)
}

/// The SBOM formats and versions read. (CycloneDX 1.7 changed nothing a component is read
/// by; its `versionRange`, which an external component may give instead of a version, is
/// not a version: such a component is an item without one.)
pub const CYCLONEDX_VERSIONS: [&str; 4] = ["1.4", "1.5", "1.6", "1.7"];
/// (SPDX 2.2 JSON names packages, versions and their purl and CPE references as 2.3 does.)
pub const SPDX_VERSIONS: [&str; 2] = ["SPDX-2.2", "SPDX-2.3"];
/// SPDX 3 JSON-LD: the `specVersion` of its creation information.
pub const SPDX3_VERSIONS: [&str; 3] = ["3.0", "3.0.0", "3.0.1"];

/// The help of a document that is not an SBOM eol reads.
const SBOM_HELP: &str = "eol reads CycloneDX JSON and XML 1.4 to 1.7, SPDX 2.2 and 2.3 JSON, SPDX 3.0 JSON-LD (syft, cdxgen, trivy, Yocto and the CycloneDX build plugins write them), syft's own JSON (schema 1 to 16) and Trivy's JSON report (schema 2); convert it (`syft convert SBOM -o cyclonedx-json`, `trivy convert --format cyclonedx REPORT`), or list the items as CSV";

/// The message for a CycloneDX spec version not read (`written`: as written, quoted).
fn cyclonedx_version_refused(written: &str) -> String {
    format!(
        "CycloneDX spec version {written} is not one eol reads ({})",
        CYCLONEDX_VERSIONS.join(", ")
    )
}

/// Read an SBOM: CycloneDX JSON 1.4–1.7 (components, nested components), SPDX 2.2/2.3 JSON
/// (packages, their `purl` and CPE external references) or SPDX 3.0 JSON-LD (the
/// `software_Package` elements of its `@graph`).
pub fn read_sbom(
    file: &str,
    text: &Arc<str>,
    fields: &Fields,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> ReadStats {
    problems.start_file();
    let mut stats = ReadStats::default();
    let snip = Snip::Document(text);
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    if body.trim_start().starts_with('<') {
        let mut out = Emitter::new(body, problems, pairs, sink, &mut stats);
        if !cyclonedx_xml::read(file, bom, snip, body, &mut out) {
            stats.unreadable = true;
        }
        return stats;
    }
    let root = match json::parse_sbom(body) {
        Ok(v) => v,
        Err(e) => {
            problems.push(
                file,
                snip,
                None,
                Diagnostic::error(code::SYNTAX, e.message, e.span.shift(bom), "here")
                    .with_help("fix the JSON here; nothing in this file is audited until it parses"),
            );
            stats.unreadable = true;
            return stats;
        }
    };
    let shift = |s: Span| s.shift(bom);
    let unknown = |problems: &mut Problems, span: Span, message: String, help: &str| {
        problems.push(
            file,
            snip,
            None,
            Diagnostic::error(code::UNKNOWN_SBOM, message, shift(span), "here").with_help(help.to_owned()),
        );
    };
    let help = SBOM_HELP;
    if let Some(format) = root.get("bomFormat") {
        if format.as_str() != Some("CycloneDX") {
            unknown(
                problems,
                format.span,
                format!("`bomFormat` is `{}`, not `CycloneDX`", format.span.text(body)),
                help,
            );
            stats.unreadable = true;
            return stats;
        }
        let version = root.get("specVersion");
        match version.and_then(Value::as_str) {
            Some(v) if CYCLONEDX_VERSIONS.contains(&v) => {}
            _ => {
                let (span, written) = version.map_or((format.span, "none".to_owned()), |v| {
                    (v.span, format!("`{}`", v.as_str().unwrap_or(v.span.text(body))))
                });
                unknown(problems, span, cyclonedx_version_refused(&written), help);
                stats.unreadable = true;
                return stats;
            }
        }
        let mut pointer = String::from("/components");
        if let Some(list) = root.get("components") {
            let mut out = Emitter::new(body, problems, pairs, sink, &mut stats);
            cyclonedx_components(file, bom, snip, list, &mut pointer, &mut out);
        }
    } else if let Some(version) = root.get("spdxVersion") {
        match version.as_str() {
            Some(v) if SPDX_VERSIONS.contains(&v) => {}
            _ => {
                unknown(
                    problems,
                    version.span,
                    format!(
                        "SPDX version `{}` is not one eol reads ({})",
                        version.as_str().unwrap_or(version.span.text(body)),
                        SPDX_VERSIONS.join(", ")
                    ),
                    help,
                );
                stats.unreadable = true;
                return stats;
            }
        }
        let mut out = Emitter::new(body, problems, pairs, sink, &mut stats);
        spdx_packages(file, bom, snip, &root, &mut out);
    } else if let Some(graph) = root.get("@graph") {
        let Some(elements) = graph.as_array() else {
            unknown(
                problems,
                graph.span,
                "`@graph` is not an array: this is not an SPDX 3 document".to_owned(),
                help,
            );
            stats.unreadable = true;
            return stats;
        };
        let version = spdx3_version(elements);
        match version.and_then(Value::as_str) {
            Some(v) if SPDX3_VERSIONS.contains(&v) => {}
            _ => {
                let (span, written) = version.map_or(
                    (
                        Span::new(graph.span.start, graph.span.start + 1),
                        "none".to_owned(),
                    ),
                    |v| (v.span, format!("`{}`", v.as_str().unwrap_or(v.span.text(body)))),
                );
                unknown(
                    problems,
                    span,
                    format!(
                        "SPDX 3 spec version {written} is not one eol reads ({})",
                        SPDX3_VERSIONS.join(", ")
                    ),
                    help,
                );
                stats.unreadable = true;
                return stats;
            }
        }
        let mut out = Emitter::new(body, problems, pairs, sink, &mut stats);
        spdx3_packages(file, bom, snip, elements, &mut out);
    } else if let Some((refused, read)) = own_format(&root) {
        // a tool's own JSON: Trivy's report, syft's document
        if let Some((span, message)) = refused(&root, body) {
            unknown(problems, span, message, help);
            stats.unreadable = true;
            return stats;
        }
        let mut out = Emitter::new(body, problems, pairs, sink, &mut stats);
        read(file, bom, snip, &root, &mut out);
    } else if let Kind::Array(elements) = &root.kind {
        // a list of items, each an object as a line of JSON Lines is
        let mut out = Emitter::new(body, problems, pairs, sink, &mut stats);
        json_items(file, bom, snip, body, elements, fields, &mut out);
    } else {
        unknown(
            problems,
            Span::new(root.span.start, root.span.start + 1),
            "this JSON document is neither a CycloneDX, an SPDX, a syft SBOM nor a Trivy report".to_owned(),
            "an SBOM has `\"bomFormat\": \"CycloneDX\"`, `\"spdxVersion\": \"SPDX-2.3\"`, (SPDX 3) an `@graph`, (syft) `artifacts` and `schema` or (Trivy) `SchemaVersion` and `Results`; a list of items is a JSON array of objects, or one object per line in a `.jsonl` file",
        );
        stats.unreadable = true;
        return stats;
    }
    if stats.items == 0 && !problems.has_errors_in(file) {
        let words = if trivy_json::is_trivy(&root) {
            [
                "this Trivy report lists no packages",
                "this report",
                "Trivy lists an image's packages by default from version 0.67; run an older Trivy with `--list-all-pkgs`",
            ]
        } else if matches!(root.kind, Kind::Array(_)) {
            [
                "this list has no items",
                "an empty list",
                "list one object per item: [{\"product\": \"nodejs\", \"version\": \"18.19.0\"}]",
            ]
        } else {
            [
                "this SBOM lists no components",
                "this document",
                "an SBOM lists what it describes under `components` (CycloneDX), `packages` (SPDX 2), as `software_Package` elements (SPDX 3) or under `artifacts` and `distro` (syft)",
            ]
        };
        nothing_to_audit(
            problems,
            file,
            snip,
            shift(Span::new(root.span.start, root.span.start + 1)),
            words,
        );
    }
    stats
}

/// Why a tool's own document is not read (its schema version), where; None when it is read.
type Refused = fn(&Value, &str) -> Option<(Span, String)>;
/// Hand a tool's own document's items to the emitter.
type ReadOwn = fn(&str, usize, Snip<'_>, &Value, &mut Emitter<'_>);

/// The reader of a tool's own JSON format the document is in: Trivy's report or syft's.
fn own_format(root: &Value) -> Option<(Refused, ReadOwn)> {
    if trivy_json::is_trivy(root) {
        Some((trivy_json::schema_refused, trivy_json::read))
    } else if syft_json::is_syft(root) {
        Some((syft_json::schema_refused, syft_json::read))
    } else {
        None
    }
}

/// The version of a component as text: a string; a number is refused (`3.10` is not `3.1`).
/// `SUBJECT is a string, not an array`, at `span` (the value's span, shifted into the file).
fn wrong_kind(subject: &str, value: &Value, expected: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        code::BAD_ITEM,
        format!("{subject} is {}, not {expected}", value.what()),
        span,
        format!("not {expected}"),
    )
}

fn string_field<'v>(
    value: Option<&'v Value>,
    key: &str,
    file: &str,
    snip: Snip<'_>,
    pointer: &str,
    bom: usize,
    problems: &mut Problems,
) -> Result<Option<(&'v str, Span)>, ()> {
    match value.map(|v| (v, &v.kind)) {
        None | Some((_, Kind::Null)) => Ok(None),
        Some((v, Kind::String(s))) => {
            Ok((!s.trim().is_empty()).then(|| (s.as_str(), v.inner_span().shift(bom))))
        }
        Some((v, _)) => {
            problems.push(
                file,
                snip,
                Some(pointer),
                wrong_kind(&format!("`{key}`"), v, "a string", v.span.shift(bom)).with_help(format!(
                    "write `{key}` as a string; this component is not audited"
                )),
            );
            Err(())
        }
    }
}

/// The elements of `value`, the array a document's `key` holds at `pointer`; None, with
/// the problem reported, when it is not an array (`what`: what its elements are).
#[allow(clippy::too_many_arguments)]
fn array_of<'v>(
    value: &'v Value,
    key: &str,
    what: &str,
    file: &str,
    snip: Snip<'_>,
    pointer: &str,
    bom: usize,
    problems: &mut Problems,
) -> Option<&'v [Value]> {
    let list = value.as_array();
    if list.is_none() {
        problems.push(
            file,
            snip,
            Some(pointer),
            wrong_kind(&format!("`{key}`"), value, "an array", value.span.shift(bom))
                .with_help(format!("`{key}` is an array of {what}")),
        );
    }
    list
}

/// Whether `value`, an element of a document's list at `pointer`, is an object; when it is
/// not, the problem is reported (`what`: what it should be, `help`: what an element holds).
#[allow(clippy::too_many_arguments)]
fn is_object(
    value: &Value,
    what: &str,
    help: &str,
    file: &str,
    snip: Snip<'_>,
    pointer: &str,
    bom: usize,
    problems: &mut Problems,
) -> bool {
    let object = matches!(value.kind, Kind::Object(_));
    if !object {
        problems.push(
            file,
            snip,
            Some(pointer),
            wrong_kind(what, value, "an object", value.span.shift(bom))
                .with_help(format!("{help}; this element is not audited")),
        );
    }
    object
}

/// Where an SBOM's items go, and what numbering them needs.
struct Emitter<'e> {
    problems: &'e mut Problems,
    pairs: &'e mut Pairs,
    sink: &'e mut dyn FnMut(&Item<'_>, &mut Problems),
    stats: &'e mut ReadStats,
    /// the byte offsets of the document's line breaks, to give each item its line
    breaks: Vec<usize>,
}

impl<'e> Emitter<'e> {
    fn new(
        body: &str,
        problems: &'e mut Problems,
        pairs: &'e mut Pairs,
        sink: &'e mut dyn FnMut(&Item<'_>, &mut Problems),
        stats: &'e mut ReadStats,
    ) -> Self {
        Emitter {
            problems,
            pairs,
            sink,
            stats,
            breaks: memchr::memchr_iter(b'\n', body.as_bytes()).collect(),
        }
    }

    /// The 1-based line of a byte offset in the document's body (a binary search, not a
    /// count from the start: an SBOM of a hundred thousand components stays linear).
    fn line_of(&self, offset: usize) -> u64 {
        1 + self.breaks.partition_point(|&b| b < offset) as u64
    }
}

fn cyclonedx_components(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    list: &Value,
    pointer: &mut String,
    out: &mut Emitter<'_>,
) {
    let Some(items) = list.as_array() else {
        out.problems.push(
            file,
            snip,
            Some(pointer),
            wrong_kind("`components`", list, "an array", list.span.shift(bom))
                .with_help("`components` is an array of component objects"),
        );
        return;
    };
    let mut extra: Vec<(String, String)> = Vec::new();
    for (i, c) in items.iter().enumerate() {
        let base = pointer.len();
        pointer.push('/');
        pointer.push_str(&i.to_string());
        if !matches!(c.kind, Kind::Object(_)) {
            out.problems.push(
                file,
                snip,
                Some(pointer),
                wrong_kind("a component", c, "an object", c.span.shift(bom))
                    .with_help("each component is an object with `name`, `version` and, best, `purl`"),
            );
            pointer.truncate(base);
            continue;
        }
        let fields = (
            string_field(c.get("name"), "name", file, snip, pointer, bom, out.problems),
            string_field(
                c.get("version"),
                "version",
                file,
                snip,
                pointer,
                bom,
                out.problems,
            ),
            string_field(c.get("purl"), "purl", file, snip, pointer, bom, out.problems),
            string_field(c.get("cpe"), "cpe", file, snip, pointer, bom, out.problems),
        );
        if let (Ok(name), Ok(version), Ok(purl), Ok(cpe)) = fields {
            extra.clear();
            for key in ["type", "group", "bom-ref"] {
                if let Some(v) = c.get(key).and_then(Value::as_str) {
                    extra.push((key.to_owned(), v.to_owned()));
                }
            }
            // Trivy's source package, kept as the `source` an inventory's column gives
            let source = c
                .get("properties")
                .and_then(Value::as_array)
                .unwrap_or_default()
                .iter()
                .find(|p| p.get("name").and_then(Value::as_str) == Some(TRIVY_SOURCE))
                .and_then(|p| p.get("value").and_then(Value::as_str))
                .filter(|v| !crate::text::is_blank(v));
            if let Some(s) = source {
                extra.push(("source".to_owned(), s.to_owned()));
            }
            emit(
                file,
                bom,
                snip,
                c.span,
                pointer,
                [name, version, purl, cpe],
                [None, source],
                &extra,
                out,
            );
        }
        if let Some(nested) = c.get("components") {
            pointer.push_str("/components");
            cyclonedx_components(file, bom, snip, nested, pointer, out);
        }
        pointer.truncate(base);
    }
}

/// Hand one SBOM component to the sink: `range` is where it is in the document's body
/// (after a byte order mark of `bom` bytes), its fields' spans are in the file.
#[allow(clippy::too_many_arguments)]
fn emit(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    range: Span,
    pointer: &str,
    [name, version, purl, cpe]: [Option<(&str, Span)>; 4],
    [distro, source]: [Option<&str>; 2],
    extra: &[(String, String)],
    out: &mut Emitter<'_>,
) {
    let span = range.shift(bom);
    if name.is_none() && purl.is_none() && cpe.is_none() {
        out.problems
            .push(file, snip, Some(pointer), no_name(span, "component"));
        return;
    }
    let line = out.line_of(range.start);
    let spans = [purl, cpe, name, version].map(|f| f.map(|f| f.1));
    let [product, version, purl, cpe] = [name, version, purl, cpe].map(|f| f.map(|f| f.0));
    let operating_system = extra.iter().any(|(k, v)| k == "type" && v == OPERATING_SYSTEM);
    let pair = if operating_system {
        out.pairs.number_system(purl, cpe, product, version)
    } else {
        out.pairs.number(purl, cpe, product, version, distro, source)
    };
    let item = Item {
        product,
        version,
        purl,
        cpe,
        distro,
        source,
        pair,
        extra: Extra::Pairs(extra),
        csv_safe: false,
        distribution_package: false,
        operating_system,
        at: Location {
            file,
            line,
            pointer: Some(pointer),
            snippet: snip.text(),
            snippet_offset: 0,
            snippet_line: 1,
            span,
            fields: FieldSpans::Known(&spans),
        },
    };
    out.stats.items += 1;
    (out.sink)(&item, out.problems);
}

/// The items of a JSON array: each element an object with the fields of a line of JSON
/// Lines ([`object_fields`]), found by its pointer (`/3`) and line.
fn json_items(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    body: &str,
    elements: &[Value],
    names: &Fields,
    out: &mut Emitter<'_>,
) {
    let shift = |s: Span| s.shift(bom);
    let mut extra = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        let pointer = format!("/{i}");
        let Kind::Object(members) = &e.kind else {
            out.problems.push(
                file,
                snip,
                Some(&pointer),
                wrong_kind("this element", e, "an object", shift(e.span)).with_help(
                    "list one object per item: [{\"product\": \"nodejs\", \"version\": \"18.19.0\"}]; this element is not audited",
                ),
            );
            continue;
        };
        let problems = &mut *out.problems;
        let Some(fields) = object_fields(members, names, body, &shift, &mut extra, &mut |d| {
            problems.push(file, snip, Some(&pointer), d);
        }) else {
            continue;
        };
        let [product, version, purl, cpe, distro, source] = fields;
        if product.is_none() && purl.is_none() && cpe.is_none() {
            out.problems
                .push(file, snip, Some(&pointer), no_name(shift(e.span), "object"));
            continue;
        }
        emit(
            file,
            bom,
            snip,
            e.span,
            &pointer,
            [product, version, purl, cpe],
            [distro, source].map(|f| f.map(|f| f.0)),
            &extra,
            out,
        );
    }
}

fn spdx_packages(file: &str, bom: usize, snip: Snip<'_>, root: &Value, out: &mut Emitter<'_>) {
    // The package(s) the document describes are what was scanned, not what runs in it.
    // (a set: a document may describe many packages, and each package is looked up in it)
    let mut subjects: HashSet<&str> = root
        .get("documentDescribes")
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for r in root
        .get("relationships")
        .and_then(Value::as_array)
        .unwrap_or_default()
    {
        if r.get("relationshipType").and_then(Value::as_str) == Some("DESCRIBES")
            && r.get("spdxElementId").and_then(Value::as_str) == Some("SPDXRef-DOCUMENT")
        {
            if let Some(t) = r.get("relatedSpdxElement").and_then(Value::as_str) {
                subjects.insert(t);
            }
        }
    }
    let Some(packages) = root.get("packages") else {
        return;
    };
    let Some(list) = array_of(
        packages,
        "packages",
        "package objects",
        file,
        snip,
        "/packages",
        bom,
        out.problems,
    ) else {
        return;
    };
    let mut extra: Vec<(String, String)> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let pointer = format!("/packages/{i}");
        if !matches!(p.kind, Kind::Object(_)) {
            out.problems.push(
                file,
                snip,
                Some(&pointer),
                wrong_kind("a package", p, "an object", p.span.shift(bom))
                    .with_help("each package is an object with `name`, `versionInfo` and `externalRefs`"),
            );
            continue;
        }
        if p.get("SPDXID")
            .and_then(Value::as_str)
            .is_some_and(|id| subjects.contains(id))
        {
            continue;
        }
        let name = string_field(p.get("name"), "name", file, snip, &pointer, bom, out.problems);
        let version = string_field(
            p.get("versionInfo"),
            "versionInfo",
            file,
            snip,
            &pointer,
            bom,
            out.problems,
        );
        let (Ok(name), Ok(version)) = (name, version) else {
            continue;
        };
        let mut purl: Option<(&str, Span)> = None;
        let mut cpe: Option<(&str, Span)> = None;
        for r in p
            .get("externalRefs")
            .and_then(Value::as_array)
            .unwrap_or_default()
        {
            let ty = r.get("referenceType").and_then(Value::as_str).unwrap_or("");
            let Some(loc) = r.get("referenceLocator") else {
                continue;
            };
            let Some(text) = loc.as_str() else { continue };
            let found = Some((text, loc.inner_span().shift(bom)));
            match ty {
                "purl" if purl.is_none() => purl = found,
                "cpe23Type" | "cpe22Type" if cpe.is_none() => cpe = found,
                _ => {}
            }
        }
        extra.clear();
        if let Some(id) = p.get("SPDXID").and_then(Value::as_str) {
            extra.push(("SPDXID".to_owned(), id.to_owned()));
        }
        if let Some(purpose) = p.get("primaryPackagePurpose").and_then(Value::as_str) {
            extra.push(("primaryPackagePurpose".to_owned(), purpose.to_owned()));
        }
        // `built package from: openssl 3.0.11-1~deb12u2`: the source package, as Trivy says it
        let source = p
            .get("sourceInfo")
            .and_then(Value::as_str)
            .and_then(|info| info.trim().strip_prefix(SPDX_BUILT_FROM))
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if let Some(s) = source {
            extra.push(("source".to_owned(), s.to_owned()));
        }
        emit(
            file,
            bom,
            snip,
            p.span,
            &pointer,
            [name, version, purl, cpe],
            [None, source],
            &extra,
            out,
        );
    }
}

/// A string, or the strings of an array (an SPDX 3 reference to one element or several).
fn spdx3_ids(v: Option<&Value>) -> Vec<&str> {
    match v.map(|v| (v.as_str(), v.as_array())) {
        Some((Some(one), _)) => vec![one],
        Some((None, Some(list))) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// An SPDX 3 element's class (`type`, or JSON-LD's `@type`).
fn element_type(e: &Value) -> Option<&str> {
    e.get("type").or_else(|| e.get("@type")).and_then(Value::as_str)
}

/// The spec version an SPDX 3 graph names: the `specVersion` of its first creation
/// information, an element of its own (`CreationInfo`) or given inline in an element.
fn spdx3_version(elements: &[Value]) -> Option<&Value> {
    elements.iter().find_map(|e| {
        if element_type(e) == Some("CreationInfo") {
            e.get("specVersion")
        } else {
            e.get("creationInfo")
                .filter(|c| matches!(c.kind, Kind::Object(_)))
                .and_then(|c| c.get("specVersion"))
        }
    })
}

/// The items of an SPDX 3 JSON-LD document: its `software_Package` elements, each at its
/// pointer in the `@graph`. What the document describes (the `rootElement`s of its
/// `SpdxDocument` and `software_Sbom` elements, and what a `describes` relationship from
/// one of them names) is what was scanned, not what runs in it, as in SPDX 2.3.
fn spdx3_packages(file: &str, bom: usize, snip: Snip<'_>, elements: &[Value], out: &mut Emitter<'_>) {
    // (sets: each package and relationship is looked up in them)
    let documents: HashSet<&str> = elements
        .iter()
        .filter(|e| matches!(element_type(e), Some("SpdxDocument" | "software_Sbom" | "Bom")))
        .filter_map(|e| e.get("spdxId").and_then(Value::as_str))
        .collect();
    let mut subjects: HashSet<&str> = HashSet::new();
    for e in elements {
        match element_type(e) {
            Some("SpdxDocument" | "software_Sbom" | "Bom") => {
                subjects.extend(spdx3_ids(e.get("rootElement")))
            }
            Some("Relationship")
                if e.get("relationshipType").and_then(Value::as_str) == Some("describes")
                    && e.get("from")
                        .and_then(Value::as_str)
                        .is_some_and(|f| documents.contains(f)) =>
            {
                subjects.extend(spdx3_ids(e.get("to")));
            }
            _ => {}
        }
    }
    let mut extra: Vec<(String, String)> = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        let pointer = format!("/@graph/{i}");
        if !matches!(e.kind, Kind::Object(_)) {
            out.problems.push(
                file,
                snip,
                Some(&pointer),
                wrong_kind("an element", e, "an object", e.span.shift(bom))
                    .with_help("each element of `@graph` is an object with a `type`"),
            );
            continue;
        }
        if element_type(e) != Some("software_Package") {
            continue;
        }
        let id = e.get("spdxId").and_then(Value::as_str);
        if id.is_some_and(|id| subjects.contains(id)) {
            continue;
        }
        let field = |key: &str, problems: &mut Problems| {
            string_field(e.get(key), key, file, snip, &pointer, bom, problems)
        };
        let name = field("name", out.problems);
        let version = field("software_packageVersion", out.problems);
        let purl = field("software_packageUrl", out.problems);
        let (Ok(name), Ok(version), Ok(mut purl)) = (name, version, purl) else {
            continue;
        };
        let mut cpe: Option<(&str, Span)> = None;
        for x in e
            .get("externalIdentifier")
            .and_then(Value::as_array)
            .unwrap_or_default()
        {
            let ty = x
                .get("externalIdentifierType")
                .and_then(Value::as_str)
                .unwrap_or("");
            let Some(identifier) = x.get("identifier") else {
                continue;
            };
            let Some(text) = identifier.as_str() else { continue };
            let found = Some((text, identifier.inner_span().shift(bom)));
            match ty {
                "packageUrl" if purl.is_none() => purl = found,
                "cpe23" | "cpe22" if cpe.is_none() => cpe = found,
                _ => {}
            }
        }
        extra.clear();
        if let Some(id) = id {
            extra.push(("spdxId".to_owned(), id.to_owned()));
        }
        if let Some(purpose) = e.get("software_primaryPurpose").and_then(Value::as_str) {
            extra.push(("software_primaryPurpose".to_owned(), purpose.to_owned()));
        }
        emit(
            file,
            bom,
            snip,
            e.span,
            &pointer,
            [name, version, purl, cpe],
            [None, None],
            &extra,
            out,
        );
    }
}

/// What [`read_sbom`] reads from `text` (a file named `name`): each item as `show` writes it,
/// and the diagnostics, for the readers' tests.
#[cfg(test)]
fn read_document(
    name: &str,
    text: &str,
    show: &mut dyn FnMut(&Item<'_>) -> String,
) -> (Vec<String>, Vec<Diagnostic>) {
    let shared: Arc<str> = Arc::from(text);
    let mut problems = Problems::default();
    let mut items = Vec::new();
    read_sbom(
        name,
        &shared,
        &Fields::default(),
        &mut problems,
        &mut Pairs::default(),
        &mut |item, _| items.push(show(item)),
    );
    (
        items,
        problems.list.iter().map(|d| d.diagnostic.clone()).collect(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn csv(text: &str) -> (Vec<String>, Vec<String>) {
        csv_with(text, &Fields::default())
    }

    fn csv_with(text: &str, fields: &Fields) -> (Vec<String>, Vec<String>) {
        let mut problems = Problems::default();
        let mut got = Vec::new();
        read_csv(
            "x.csv",
            text.as_bytes(),
            fields,
            &mut problems,
            &mut Pairs::default(),
            &mut |i, _| {
                let extra: Vec<String> = i.extra.iter().map(|(k, v)| format!("{k}={v}")).collect();
                got.push(format!(
                    "{}|{}|{}|{}",
                    i.product.unwrap_or("-"),
                    i.version.unwrap_or("-"),
                    i.at.line,
                    extra.join(";")
                ));
            },
        )
        .unwrap();
        let codes = problems
            .list
            .iter()
            .map(|d| format!("{}@{}", d.diagnostic.code, d.line))
            .collect();
        (got, codes)
    }

    /// Each item of a package database (`package|version|source|line`, the package's span
    /// in the file as `[start..end]`) and each problem (`code@line`).
    fn package_db(text: &[u8]) -> (Vec<String>, Vec<String>) {
        let mut problems = Problems::default();
        let mut got = Vec::new();
        read_package_db(
            "status",
            text,
            Some("debian-12"),
            &mut problems,
            &mut Pairs::default(),
            &mut |i, _| {
                assert!(i.distribution_package);
                assert_eq!(i.distro, Some("debian-12"));
                let span = i.at.field_span(2).unwrap();
                let in_file = text.get(span.start..span.end).unwrap();
                assert_eq!(
                    Some(in_file),
                    i.product.map(str::as_bytes),
                    "the span is the name's"
                );
                got.push(format!(
                    "{}|{}|{}|{}",
                    i.product.unwrap_or("-"),
                    i.version.unwrap_or("-"),
                    i.source.unwrap_or("-"),
                    i.at.line
                ));
            },
        )
        .unwrap();
        let codes = problems
            .list
            .iter()
            .map(|d| format!("{}@{}", d.diagnostic.code, d.line))
            .collect();
        (got, codes)
    }

    #[test]
    fn package_databases_list_what_is_installed() {
        // dpkg's: continuation lines, removed packages, CRLF line ends and a byte order mark
        let dpkg = "\u{feff}Package: bash\r\nStatus: install ok installed\r\nVersion: 5.2.15-2+b7\r\n\
            Description: GNU Bourne Again SHell\r\n Bash is an sh-compatible shell.\r\n .\r\n\r\n\
            \r\nPackage: nginx-core\r\nStatus: deinstall ok config-files\r\nVersion: 1.22.1-9\r\n\r\n\
            Package:   libssl3\r\nSource: openssl\r\nVersion: 3.0.15-1~deb12u1\r\nStatus: install ok installed";
        let (items, codes) = package_db(dpkg.as_bytes());
        assert_eq!(
            items,
            ["bash|5.2.15-2+b7|-|1", "libssl3|3.0.15-1~deb12u1|openssl|13"]
        );
        assert!(codes.is_empty(), "{codes:?}");
        // apk's
        let apk = "C:Q1abc=\nP:musl\nV:1.2.4-r2\no:musl\n\nC:Q1def=\nP:libcrypto3\nV:3.1.4-r0\no:openssl\n";
        let (items, _) = package_db(apk.as_bytes());
        assert_eq!(items, ["musl|1.2.4-r2|musl|1", "libcrypto3|3.1.4-r0|openssl|6"]);
        // a line that is no field, an entry without a package, a line not UTF-8: each entry
        // reported and left out, the others read
        let bad = b"Package: a\nVersion: 1\n\nPackage: b\nnot a field\nVersion: 2\n\n\
            Version: 3\n\nPackage: \xff\nVersion: 4\n\nPackage: e\nVersion: 5\n";
        let (items, codes) = package_db(bad);
        assert_eq!(items, ["a|1|-|1", "e|5|-|13"]);
        assert_eq!(
            codes,
            [
                format!("{}@5", eol_syntax::Code::AuditSyntax),
                format!("{}@8", eol_syntax::Code::AuditBadItem),
                format!("{}@10", eol_syntax::Code::AuditSyntax),
            ]
        );
        // an entry past the longest one read is reported once, kept out of memory, and the
        // next read
        let mut long = b"Package: big\nConffiles:\n".to_vec();
        let line = [b" /etc/x ".as_slice(), &[b'a'; 100], b"\n"].concat();
        while long.len() <= crate::limits::MAX_PACKAGE_ENTRY_BYTES {
            long.extend_from_slice(&line);
        }
        long.extend_from_slice(b"Version: 1\n\nPackage: small\nVersion: 2\n");
        let (items, codes) = package_db(&long);
        assert_eq!(items.len(), 1, "{items:?}");
        assert!(items[0].starts_with("small|2|-|"), "{items:?}");
        assert_eq!(codes.len(), 1, "{codes:?}");
        assert!(codes[0].starts_with(&format!("{}@", eol_syntax::Code::AuditSyntax)));
    }

    #[test]
    fn package_databases_are_known_by_path_and_first_line() {
        assert_eq!(
            InputFormat::from_name("/var/lib/dpkg/status"),
            Some(InputFormat::Packages)
        );
        assert_eq!(
            InputFormat::from_name("rootfs/lib/apk/db/installed"),
            Some(InputFormat::Packages)
        );
        assert_eq!(InputFormat::from_name("status"), None);
        assert_eq!(InputFormat::from_name("myvar/lib/dpkg/status"), None);
        for rpm in [
            "/var/lib/rpm/rpmdb.sqlite",
            "rootfs/usr/lib/sysimage/rpm/rpmdb.sqlite",
            "host-a/rpmdb.sqlite",
            "/var/lib/rpm/Packages",
        ] {
            assert_eq!(InputFormat::from_name(rpm), Some(InputFormat::RpmDb), "{rpm}");
        }
        assert_eq!(InputFormat::from_name("my-rpmdb.sqlite"), None);
        assert_eq!(InputFormat::sniff(b"SQLite format 3\0\x10\0"), InputFormat::RpmDb);
        // Berkeley DB's hash magic at byte 12, either byte order
        let mut bdb = [0u8; 32];
        bdb[12..16].copy_from_slice(&0x0006_1561u32.to_le_bytes());
        assert_eq!(InputFormat::sniff(&bdb), InputFormat::RpmDb);
        bdb[12..16].copy_from_slice(&0x0006_1561u32.to_be_bytes());
        assert!(berkeley_db_head(&bdb));
        assert_eq!(
            package_db_root("/var/lib/dpkg/status", "var/lib/dpkg/status"),
            Some("/")
        );
        assert_eq!(
            package_db_root("var/lib/dpkg/status", "var/lib/dpkg/status"),
            Some("")
        );
        assert_eq!(
            package_db_root("r/lib/apk/db/installed", "lib/apk/db/installed"),
            Some("r/")
        );
        assert_eq!(InputFormat::sniff(b"Package: bash\n"), InputFormat::Packages);
        assert_eq!(InputFormat::sniff(b"C:Q1abc=\nP:musl\n"), InputFormat::Packages);
        assert_eq!(InputFormat::sniff(b"Package,Version\n"), InputFormat::Csv);
        assert_eq!(
            os_release_name("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
            Some("Debian GNU/Linux 12 (bookworm)".to_owned())
        );
        assert_eq!(
            os_release_name("# comment\nNAME='Alpine Linux'\nVERSION_ID=3.19.1\n"),
            Some("Alpine Linux 3.19.1".to_owned())
        );
        assert_eq!(
            os_release_name("PRETTY_NAME=\"A \\\"quoted\\\" name\"\n"),
            Some("A \"quoted\" name".to_owned())
        );
        let lines = "NAME=\"Debian GNU/Linux\"\r\nVERSION_ID=\"12\"\r\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\r\n";
        let o = os_release(lines).unwrap();
        assert_eq!((o.line, o.offset), (3, 42));
        assert_eq!(o.line_text, "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"");
        assert_eq!(
            lines.get(o.offset..o.offset + o.line_text.len()),
            Some(o.line_text.as_str())
        );
        let o = os_release("NAME=Alpine\nVERSION_ID=3.19.1\n").unwrap();
        assert_eq!((o.name.as_str(), o.line, o.offset), ("Alpine 3.19.1", 1, 0));
        assert_eq!(os_release_name("ID=debian\n"), None);
        // as an item: the system's name at its line; a file naming none is a warning
        let mut problems = Problems::default();
        let mut got = Vec::new();
        let stats = read_os_release(
            "os-release",
            lines,
            &mut problems,
            &mut Pairs::default(),
            &mut |i, _| {
                got.push((
                    i.product.unwrap_or("-").to_owned(),
                    i.at.line,
                    i.distribution_package,
                ))
            },
        );
        assert_eq!(stats.items, 1);
        assert_eq!(got, [("Debian GNU/Linux 12 (bookworm)".to_owned(), 3, false)]);
        assert!(problems.list.is_empty());
        let stats = read_os_release(
            "os-release",
            "ID=debian\n",
            &mut problems,
            &mut Pairs::default(),
            &mut |_, _| panic!("no item"),
        );
        assert_eq!(stats.items, 0);
        let codes: Vec<String> = problems
            .list
            .iter()
            .map(|d| format!("{}@{}", d.diagnostic.code, d.line))
            .collect();
        assert_eq!(codes, [format!("{}@2", eol_syntax::Code::AuditEmpty)]);
        assert_eq!(os_release_name(""), None);
    }

    #[test]
    fn inventories_keep_their_columns_and_lines() {
        let (items, codes) = csv(
            "\u{feff}Product,version,host\npython,3.12.1,web-1\n\n\"node\", \"18.19.0\" ,\"a,b\"\r\nx,1\n\"multi\nline\",2,h\n",
        );
        assert_eq!(
            items,
            [
                "python|3.12.1|2|host=web-1",
                "node|18.19.0|4|host=a,b",
                "multi\nline|2|6|host=h"
            ]
        );
        assert_eq!(codes, [format!("{}@5", eol_syntax::Code::AuditFieldCount)]);
    }

    /// A quote written twice right before a line break is a quote in the value, which goes
    /// on: the record was cut there, and its row and the next reported as malformed.
    #[test]
    fn a_doubled_quote_before_a_line_break_is_part_of_the_value() {
        let (items, codes) =
            csv("product,version,host\nnode,18.1.0,\"say \"\"hi\"\"\nthere\"\npython,3.8.1,x\n");
        assert_eq!(
            items,
            ["node|18.1.0|2|host=say \"hi\"\nthere", "python|3.8.1|4|host=x"]
        );
        assert!(codes.is_empty(), "{codes:?}");
    }

    /// Several 128 KiB blocks and 2048-row batches: every row an item or a diagnostic, in
    /// the input's order, with its line and offset, whichever block or batch it falls in.
    /// Read `input` as a CSV inventory and check what it gives, in order: each item as
    /// `product|version|host|line:offset of the product`, each diagnostic as
    /// `code@line:offset` (an item's diagnostics come after those of the rows before it).
    fn assert_reads_as(input: &[u8], want: &[String]) {
        let mut problems = Problems::default();
        let mut got = Vec::new();
        let diagnostics = |problems: &mut Problems, got: &mut Vec<String>| {
            for d in problems.list.drain(..) {
                got.push(format!(
                    "{}@{}:{}",
                    d.diagnostic.code, d.line, d.diagnostic.primary.span.start
                ));
            }
        };
        read_csv(
            "x.csv",
            input,
            &Fields::default(),
            &mut problems,
            &mut Pairs::default(),
            &mut |item, problems| {
                diagnostics(problems, &mut got);
                let host = item.extra.iter().map(|(_, v)| v).collect::<String>();
                got.push(format!(
                    "{}|{}|{host}|{}:{}",
                    item.product.unwrap_or("-"),
                    item.version.unwrap_or("-"),
                    item.at.line,
                    item.at.product_span().map_or(0, |s| s.start)
                ));
            },
        )
        .unwrap();
        diagnostics(&mut problems, &mut got);
        assert!(problems.dropped.is_empty());
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g, w);
        }
        assert_eq!(got.len(), want.len());
    }

    #[test]
    fn rows_across_blocks_and_batches_keep_their_order_lines_and_offsets() {
        use eol_syntax::Code;
        let mut input = b"product,version,host\n".to_vec();
        let mut want = Vec::new();
        let mut line = 1u64;
        for i in 0..60_000u32 {
            line += 1;
            let start = input.len();
            let bad = |code: Code, at: usize| format!("{code}@{line}:{at}");
            match (i % 1999, i % 1009) {
                (5, _) => {
                    input.extend_from_slice(b"p,1,\xffh\n");
                    want.push(bad(Code::AuditSyntax, start + 4));
                }
                (6, _) => {
                    input.extend_from_slice(b"p,1\r\n");
                    want.push(bad(Code::AuditFieldCount, start));
                }
                (7, _) => {
                    input.extend_from_slice(b" ,1,h\n");
                    want.push(bad(Code::AuditBadItem, start));
                }
                (8, _) => input.extend_from_slice(b"  \r\n"),
                (_, 3) => {
                    input.extend_from_slice(format!("\"multi\nline {i}\",1,h{i}\r\n").as_bytes());
                    want.push(format!("multi\nline {i}|1|h{i}|{line}:{}", start + 1));
                    line += 1;
                }
                _ => {
                    input.extend_from_slice(format!("prod-{i},{i}.0 ,h{i}\n").as_bytes());
                    want.push(format!("prod-{i}|{i}.0|h{i}|{line}:{start}"));
                }
            }
        }
        assert_reads_as(&input, &want);
    }

    /// Blocks without a quote or a carriage return are read by their own path
    /// ([`plain_rows`]): the same items, lines, offsets and diagnostics as the general one,
    /// also for blank rows, rows of the wrong length or naming nothing, and a last row
    /// without a line feed; blocks of each kind follow one another.
    #[test]
    fn plain_blocks_are_read_as_any_other() {
        use eol_syntax::Code;
        let mut input = b"product,version,host\n".to_vec();
        let mut want = Vec::new();
        let mut line = 1u64;
        let rows = 50_000u32;
        for i in 0..rows {
            line += 1;
            let start = input.len();
            let bad = |code: Code, at: usize| format!("{code}@{line}:{at}");
            // rows 20,000 to 30,000 hold quotes (their blocks take the general path)
            let quoted = (20_000..30_000).contains(&i) && i % 97 == 0;
            // (fewer problems than are kept: [`Problems`] keeps the first hundred)
            match i % 2503 {
                1 => input.extend_from_slice(b"\n"),
                2 => input.extend_from_slice(b" \t \n"),
                3 => {
                    input.extend_from_slice(b"p,1\n");
                    want.push(bad(Code::AuditFieldCount, start));
                }
                4 => {
                    input.extend_from_slice(b"p,1,h,x\n");
                    want.push(bad(Code::AuditFieldCount, start + 6));
                }
                5 => {
                    input.extend_from_slice(b" ,1,h\n");
                    want.push(bad(Code::AuditBadItem, start));
                }
                _ if quoted => {
                    input.extend_from_slice(format!("\"q,{i}\",1,h{i}\n").as_bytes());
                    want.push(format!("q,{i}|1|h{i}|{line}:{}", start + 1));
                }
                _ => {
                    input.extend_from_slice(format!(" prod-{i},{i}.0 ,h{i}\n").as_bytes());
                    want.push(format!("prod-{i}|{i}.0|h{i}|{line}:{}", start + 1));
                }
            }
        }
        line += 1;
        let start = input.len();
        input.extend_from_slice(b"last,2,h");
        want.push(format!("last|2|h|{line}:{start}"));
        assert_reads_as(&input, &want);
    }

    #[test]
    fn rows_read_before_a_read_error_are_audited() {
        struct Failing(Vec<u8>);
        impl std::io::Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("disk on fire"));
                }
                let n = self.0.len().min(buf.len()).min(7);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0.drain(..n);
                Ok(n)
            }
        }
        let reader = std::io::BufReader::new(Failing(b"product,version\na,1\nb,2\n".to_vec()));
        let mut got = Vec::new();
        let result = read_csv(
            "x.csv",
            reader,
            &Fields::default(),
            &mut Problems::default(),
            &mut Pairs::default(),
            &mut |i, _| {
                got.push(i.product.unwrap().to_owned());
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "disk on fire");
        assert_eq!(got, ["a", "b"]);
    }

    proptest::proptest! {
        /// A record scanned a line at a time ends inside a quote exactly when it does
        /// scanned whole, after every line.
        #[test]
        fn a_record_scanned_line_by_line_is_scanned_as_a_whole(
            lines in proptest::collection::vec("[ \t\"a,;|]{0,12}", 1..12),
            sep in proptest::sample::select(vec![b',', b';', b'\t', b'|']),
        ) {
            let sep = Separator(sep);
            let mut scan = QuoteScan::new(sep);
            let mut record = String::new();
            // the line the last quoted value opened on, as the reader remembers it
            let mut opening = 0;
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    record.push('\n');
                    scan.feed(b"\n");
                }
                record.push_str(line);
                let opened = scan.opened;
                scan.feed(line.as_bytes());
                if scan.opened > opened {
                    opening = i;
                }
                proptest::prop_assert_eq!(scan.inside(), open_quote(&record, sep));
                if let Err(open) = (Row { sep, ..Row::default() }).split(&record, 0) {
                    let line_of_open = record.get(..open).map_or(0, |r| r.matches('\n').count());
                    proptest::prop_assert_eq!(opening, line_of_open);
                }
            }
        }

        /// A row without quotes split the fast way has the cells, spans and values the
        /// general splitter gives it, whatever separates its cells.
        #[test]
        fn rows_without_quotes_split_as_the_general_splitter_does(
            text in "[ \t\r\u{a0}\u{2003}a-c0-9.,;|]{0,40}",
            held in "[a-c,;]{0,6}",
            base in 0usize..1000,
            sep in proptest::sample::select(vec![b',', b';', b'\t', b'|']),
        ) {
            let row = || Row { sep: Separator(sep), ..Row::default() };
            let mut general = row();
            general.split(&held, 0).unwrap();
            let cells_before = general.len();
            general.append(&text, base).unwrap();
            let mut plain = row();
            plain.split(&held, 0).unwrap();
            let ((at, end), safe) = plain.append_plain(&text, base, true);
            proptest::prop_assert_eq!(plain.values.get(at..end), Some(text.as_str()));
            // a cell holding a comma is quoted on the way out
            let commas = sep != b',' && text.contains(',');
            proptest::prop_assert_eq!(safe, !text.contains('\r') && !commas);
            // told there is no carriage return (its block has none), the same cells
            if !text.contains('\r') {
                let mut told = row();
                told.split(&held, 0).unwrap();
                proptest::prop_assert_eq!(told.append_plain(&text, base, false), ((at, end), !commas));
                for i in cells_before..general.len() {
                    proptest::prop_assert_eq!(told.field(i), general.field(i));
                    proptest::prop_assert_eq!(told.span(i), general.span(i));
                }
            }
            proptest::prop_assert_eq!(plain.len(), general.len());
            for i in cells_before..general.len() {
                proptest::prop_assert_eq!(plain.field(i), general.field(i));
                proptest::prop_assert_eq!(plain.span(i), general.span(i));
            }
        }
    }

    #[test]
    fn headers_choose_their_separator() {
        let sep = |h: &str| separator(h, &Fields::default()).0;
        assert_eq!(sep("product,version"), b',');
        assert_eq!(sep("product;version;host"), b';');
        assert_eq!(sep("\"Product\";\"Version\""), b';');
        assert_eq!(sep("product\tversion"), b'\t');
        assert_eq!(sep("purl|host"), b'|');
        // a comma anywhere keeps commas; a header that names nothing split either way too
        assert_eq!(sep("product;version,host"), b',');
        assert_eq!(sep("name;release"), b',');
        assert_eq!(sep("product"), b',');
    }

    #[test]
    fn fields_are_renamed_once_each_and_never_onto_one_column() {
        let fields = Fields::parse(["product=OS", " Version = OS version "]).unwrap();
        assert_eq!(fields.slot("os"), Some(0));
        assert_eq!(fields.slot("OS VERSION"), Some(1));
        assert_eq!(fields.slot("product"), None);
        assert_eq!(fields.slot("purl"), Some(2));
        assert!(fields.renamed());
        assert!(!Fields::parse([]).unwrap().renamed());
        assert_eq!(Fields::parse(["CPE=cpe"]).unwrap(), Fields::default());
        let refused = |specs: &[&str]| Fields::parse(specs.iter().copied()).unwrap_err().message;
        assert_eq!(refused(&["OS"]), "`--column OS` names no field");
        assert_eq!(refused(&["os=OS"]), "`os` in `--column os=OS` is not a field");
        assert_eq!(
            refused(&["product= "]),
            "`--column product= ` gives no column name"
        );
        assert_eq!(
            refused(&["product=a", "PRODUCT=b"]),
            "`--column` gives `PRODUCT` twice"
        );
        assert_eq!(
            refused(&["product=Version"]),
            "`product` and `version` would both be read from `Version`"
        );
        assert_eq!(
            refused(&["purl=x", "cpe=X"]),
            "`purl` and `cpe` would both be read from `x`"
        );
    }

    /// An export read with its own column names gives the items the same rows under
    /// `product,version` give; a column named for a field replaces the field's own name,
    /// which is then an extra column.
    #[test]
    fn renamed_columns_read_as_product_and_version() {
        let fields = Fields::parse(["product=OS", "version=OS version"]).unwrap();
        let (items, codes) = csv_with(
            "Device,OS,OS version,product\nPC-1,Windows,10.0.19045,x\nPC-2, python ,3.12.1,\n",
            &fields,
        );
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(
            items,
            [
                "Windows|10.0.19045|2|Device=PC-1;product=x",
                "python|3.12.1|3|Device=PC-2;product="
            ]
        );
        assert_eq!(
            extra_columns("Device,OS,OS version,product", &fields),
            ["Device", "product"]
        );
        // the separator is found by the names given
        let names = Fields::parse(["product=name"]).unwrap();
        assert_eq!(separator("name;version", &names).0, b';');
        assert_eq!(separator("name;version", &Fields::default()).0, b',');
        let (items, codes) = csv_with("name;version\npython;3.12.1\n", &names);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(items, ["python|3.12.1|2|"]);
        // the header lacks the column named: one diagnostic on the header, nothing read
        let mut problems = Problems::default();
        let mut read = 0;
        let stats = read_csv(
            "x.csv",
            "product,version\npython,3.12.1\n".as_bytes(),
            &fields,
            &mut problems,
            &mut Pairs::default(),
            &mut |_, _| read += 1,
        )
        .unwrap();
        assert!(stats.unreadable);
        assert_eq!((read, stats.items), (0, 0));
        let d = &problems.list[0].diagnostic;
        assert_eq!(
            (d.code, d.message.as_str(), d.primary.span),
            (
                code::MISSING_COLUMN,
                "the header has no `OS` column, which `--column product=OS` names",
                Span::new(0, 15)
            )
        );
        assert_eq!(
            d.help.as_deref(),
            Some("name the column that holds the product in `--column product=NAME`, or give the header such a column: `OS,OS version`")
        );
    }

    /// A header named otherwise gets the `--column` options that would read it, when its
    /// words make them plain; a machine's or person's name is never taken for the product.
    #[test]
    fn a_header_named_otherwise_is_given_its_columns() {
        let guess = |header: &str, slot| {
            let cells: Vec<String> = header.split(',').map(str::to_owned).collect();
            guess_columns(&cells, slot)
        };
        assert_eq!(
            guess("name,release,host", 0).as_deref(),
            Some("--column product=name --column version=release")
        );
        assert_eq!(
            guess("Device name,OS,OS version,Primary user UPN", 0).as_deref(),
            Some("--column product=OS --column \"version=OS version\"")
        );
        assert_eq!(
            guess("Computer Name,Software Name,Ver", 0).as_deref(),
            Some("--column \"product=Software Name\" --column version=Ver")
        );
        // a `version` column needs no option
        assert_eq!(
            guess("hostname,package,version", 0).as_deref(),
            Some("--column product=package")
        );
        assert_eq!(
            guess("product,Release", 1).as_deref(),
            Some("--column version=Release")
        );
        // Windows' uninstall registry keys, in camel case; `PSComputerName` is a machine's
        assert_eq!(
            guess("PSComputerName,DisplayName,DisplayVersion,Publisher", 0).as_deref(),
            Some("--column product=DisplayName --column version=DisplayVersion")
        );
        assert_eq!(
            guess("osName,osVersion", 0).as_deref(),
            Some("--column product=osName --column version=osVersion")
        );
        assert_eq!(guess("host,Device name,version", 0), None);
        assert_eq!(guess("a,b", 0), None);
        assert_eq!(guess("product,host", 1), None);
    }

    /// JSON Lines keys are renamed as CSV columns are.
    #[test]
    fn renamed_keys_of_json_lines() {
        let names = Fields::parse(["product=name"]).unwrap();
        let mut problems = Problems::default();
        let mut got = Vec::new();
        read_jsonl(
            "x.jsonl",
            "{\"Name\": \"python\", \"version\": \"3.9.18\", \"product\": \"x\"}\n{\"product\": \"go\"}\n"
                .as_bytes(),
            &names,
            &mut problems,
            &mut Pairs::default(),
            &mut |i, _| {
                let extra: Vec<String> = i.extra.iter().map(|(k, v)| format!("{k}={v}")).collect();
                got.push(format!(
                    "{}|{}|{}",
                    i.product.unwrap_or("-"),
                    i.version.unwrap_or("-"),
                    extra.join(";")
                ));
            },
        )
        .unwrap();
        assert_eq!(got, ["python|3.9.18|product=x"]);
        let codes: Vec<_> = problems
            .list
            .iter()
            .map(|d| (d.diagnostic.code, d.line))
            .collect();
        assert_eq!(codes, [(code::BAD_ITEM, 2)]);
    }

    /// Rows separated by semicolons or tabs are the items the same rows separated by commas
    /// are: values with commas, quoted values holding the separator, empty cells between
    /// tabs, blanks around values.
    #[test]
    fn other_separators_read_as_commas_do() {
        let commas = "product,version,host\nnodejs,18.1.0,a\n python , 3.12.1 ,\"b,c\"\ngo,,\"x\"\"y\"\n";
        let (want, codes) = csv(commas);
        assert!(codes.is_empty(), "{codes:?}");
        for text in [
            "product;version;host\nnodejs;18.1.0;a\n python ; 3.12.1 ;b,c\ngo;;\"x\"\"y\"\n",
            "product;version;host\nnodejs;18.1.0;a\n python ; 3.12.1 ;\"b,c\"\n\"go\";;\"x\"\"y\"\n",
            "product\tversion\thost\nnodejs\t18.1.0\ta\n python \t 3.12.1 \tb,c\ngo\t\t\"x\"\"y\"\n",
        ] {
            let (items, codes) = csv(text);
            assert!(codes.is_empty(), "{text:?}: {codes:?}");
            assert_eq!(items, want, "{text:?}");
        }
    }

    #[test]
    fn a_header_without_product_reads_nothing() {
        let (items, codes) = csv("name,version\nx,1\n");
        assert!(items.is_empty());
        assert_eq!(codes, [format!("{}@1", eol_syntax::Code::AuditMissingColumn)]);
    }

    #[test]
    fn sbom_items_know_their_lines_and_share_pair_numbers() {
        let mut text = String::from(
            "\u{feff}{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n\"components\": [\n",
        );
        for i in 0..300 {
            let nested = if i == 7 {
                ",\n \"components\": [{\"name\": \"inner\", \"version\": \"1\"}]"
            } else {
                ""
            };
            let comma = if i == 299 { "" } else { "," };
            text.push_str(&format!(
                "{{\"name\": \"lib{}\",\n \"version\": \"1.0\"{nested}}}{comma}\n",
                i % 10
            ));
        }
        text.push_str("]}\n");
        let shared: Arc<str> = Arc::from(text.as_str());
        let mut seen = Vec::new();
        let mut pairs = Pairs::default();
        let stats = read_sbom(
            "bom.json",
            &shared,
            &Fields::default(),
            &mut Problems::default(),
            &mut pairs,
            &mut |item, _| {
                seen.push((item.product.unwrap().to_owned(), item.at.line, item.pair));
            },
        );
        assert_eq!(stats.items, 301);
        let body = text.strip_prefix('\u{feff}').unwrap();
        let mut from = 0;
        for (name, line, _) in &seen {
            // the line counted the slow way: where the component's name is
            let at = from + body[from..].find(&format!("\"name\": \"{name}\"")).unwrap();
            from = at + 1;
            let counted = 1 + body[..at].bytes().filter(|&b| b == b'\n').count() as u64;
            assert_eq!(*line, counted, "{name}");
        }
        assert_eq!(seen[8].0, "inner");
        assert_eq!(seen[0].2, Pair::New(0));
        assert_eq!(seen[11].2, Pair::Seen(0), "lib0 again");
    }

    #[test]
    fn formats_are_sniffed() {
        assert_eq!(InputFormat::sniff(b"product,version\n"), InputFormat::Csv);
        assert_eq!(
            InputFormat::sniff(b"{\"product\":\"x\",\"version\":\"1\"}\n{}"),
            InputFormat::Jsonl
        );
        assert_eq!(
            InputFormat::sniff(b"{\n  \"bomFormat\": \"CycloneDX\"\n}"),
            InputFormat::Sbom
        );
        assert_eq!(
            InputFormat::sniff(b"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"}"),
            InputFormat::Sbom
        );
        assert_eq!(
            InputFormat::sniff(
                b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">"
            ),
            InputFormat::Sbom
        );
        assert_eq!(InputFormat::from_name("bom.XML"), Some(InputFormat::Sbom));
        // SPDX 3 JSON-LD on one line is a document, not JSON Lines
        assert_eq!(
            InputFormat::sniff(
                b"{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}\n"
            ),
            InputFormat::Sbom
        );
        assert_eq!(
            InputFormat::from_name("sbom.spdx.jsonld"),
            Some(InputFormat::Sbom)
        );
    }
}
