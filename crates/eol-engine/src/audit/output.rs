//! The audit's machine-readable outputs, written as the items stream by: the JSON
//! document (schema version 1), CSV, and SARIF 2.1.0.
//!
//! Everything that depends only on a finding (its product, line, phase, dates) is
//! rendered once per finding and reused for every item that shares it; only the item's
//! own fields (what it was called, where it is) are written per row.

use std::io::{self, Write};
use std::sync::mpsc;

use serde_json::{json, Value};

use super::input::{InputDiagnostic, Item, Problems};
use super::suppress::Suppressions;
use super::{Auditor, Finding, Packaged, State, Tally};
use crate::identifiers::DistroFrom;
use crate::library::DataSource;
use crate::query::Dated;

/// The JSON document's schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// The finding's own fields, as JSON (everything but the item and where it is).
pub fn finding_json(f: &Finding, suppressions: &Suppressions) -> Value {
    let s = f.status.as_deref();
    // what is said of the version itself, whichever lifecycle judged it
    let own = f.packaged.as_ref().and_then(|p| p.upstream.as_deref()).or(s);
    let suppressed = f.suppressed.and_then(|i| suppressions.get(i)).map(
        |s| json!({"target": s.target(), "reason": s.reason, "expires": s.expires.map(|d| d.to_string())}),
    );
    json!({
        "suppressed": suppressed,
        "product": f.product,
        "product_name": f.product_name,
        "found_by": f.found_by,
        "version": f.version,
        "judged_as": own.and_then(|s| s.judged_as.as_deref()),
        "line": f.line,
        "matched_by": own.map(|s| s.matched_by),
        "in_catalog": own.map(|s| s.in_catalog),
        "phase": s.and_then(|s| s.phase.as_ref()).map(|p| json!({"id": p.id, "label": p.label, "role": p.role})),
        "services": s.map(|s| json!(s.services)).unwrap_or_else(|| json!([])),
        "next": s.and_then(|s| s.next.as_ref()),
        "eol": s.and_then(|s| s.eol.as_ref()).or(f.whichever.as_ref()),
        "eol_why": s.and_then(|s| s.eol_why.as_deref()),
        "days_left": f.days_left,
        "basis": s.map(|s| s.basis),
        "standard_eol": s.and_then(|s| s.standard_eol.as_ref()),
        "extended_eol": s.and_then(|s| s.extended_eol.as_ref()),
        "newest_in_line": own.and_then(|s| s.newest_in_line.as_ref()),
        "newest_in_product": own.and_then(|s| s.newest_in_product.as_ref()),
        "superseded": s.and_then(|s| s.superseded.as_ref()),
        "prerelease": own.and_then(|s| s.prerelease.as_ref()),
        "stale": s.map(|s| s.freshness.may_be_stale),
        "reason": f.reason,
        "candidates": f.candidates,
        "unlisted": f.unlisted.map(|u| u.as_str()),
        "distribution": f.packaged.as_deref().map(packaged_json),
        "built_for": f.built_for,
    })
}

/// The distribution release a package comes from ([`Packaged`]), as JSON.
pub fn packaged_json(p: &Packaged) -> Value {
    let r = &p.release;
    let known = r.product_name.is_some();
    json!({
        "name": p.distro.name,
        "release": p.distro.release,
        "read_from": p.distro.from.as_str(),
        "mark": match &p.distro.from {
            DistroFrom::Version(mark) => Some(mark.as_str()),
            DistroFrom::PackageUrl | DistroFrom::Given | DistroFrom::Inventory(_) => None,
        },
        "product": known.then_some(&r.product),
        "line": r.line,
        "state": r.state,
        "eol": r.status.as_deref().and_then(|s| s.eol.as_ref()),
        "days_left": r.days_left,
        "stale": r.stale,
        "reason": r.reason,
        "judged": p.judged,
        "built_by": p.built_by,
        "upstream_eol": p.upstream.as_deref().and_then(|s| s.eol.as_ref()),
        "note": p.note,
    })
}

/// The item's own fields.
pub fn item_json(item: &Item<'_>) -> Value {
    let fields: serde_json::Map<String, Value> = item
        .extra
        .iter()
        .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
        .collect();
    json!({
        "product": item.product,
        "version": item.version,
        "purl": item.purl,
        "cpe": item.cpe,
        "fields": fields,
    })
}

pub fn origin_json(item: &Item<'_>) -> Value {
    // (a binary input, RPM's database, has no lines: its items' line is 0, written null)
    json!({"file": item.at.file, "line": (item.at.line > 0).then_some(item.at.line), "pointer": item.at.pointer})
}

/// One input diagnostic as JSON: where, code, severity, message, label, help.
pub fn diagnostic_json(d: &InputDiagnostic) -> Value {
    json!({
        "file": d.file,
        "line": (d.line > 0).then_some(d.line),
        "column": (d.line > 0).then_some(d.column),
        "pointer": d.pointer,
        "code": d.diagnostic.code,
        "severity": d.diagnostic.severity.as_str(),
        "message": d.diagnostic.message,
        "label": d.diagnostic.primary.text,
        "help": d.diagnostic.help,
    })
}

/// A suppressions-file diagnostic as JSON.
pub fn suppression_diagnostic_json(s: &Suppressions, d: &eol_syntax::Diagnostic) -> Value {
    let (line, column) = eol_syntax::line_col(&s.text, d.primary.span.start.min(s.text.len()));
    json!({
        "file": s.file,
        "line": line,
        "column": column,
        "pointer": null,
        "code": d.code,
        "severity": d.severity.as_str(),
        "message": d.message,
        "label": d.primary.text,
        "help": d.help,
    })
}

/// Counts per state, as JSON.
pub fn summary_json(t: &Tally) -> Value {
    let by = |f: &dyn Fn(State) -> u64| -> serde_json::Map<String, Value> {
        State::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), json!(f(*s))))
            .collect()
    };
    json!({
        "items": t.items,
        "by_state": by(&|s| t.count(s)),
        "suppressed": by(&|s| t.suppressed_count(s)),
        "stale": t.stale,
    })
}

/// The suppressions, with whether each expired and how many items it suppressed.
pub fn suppressions_json(s: &Suppressions, used: &[u64]) -> Value {
    Value::Array(
        s.entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                json!({
                    "target": e.target(),
                    "reason": e.reason,
                    "expires": e.expires.map(|d| d.to_string()),
                    "expired": e.expired,
                    "items": used.get(i).copied().unwrap_or(0),
                })
            })
            .collect(),
    )
}

/// How many items each suppression suppressed.
pub fn suppression_use(auditor: &Auditor<'_>, per_finding: &[u64]) -> Vec<u64> {
    let mut used = vec![0u64; auditor.suppressions().entries.len()];
    for (f, n) in auditor.findings().iter().zip(per_finding) {
        if let Some(slot) = f.suppressed.and_then(|i| used.get_mut(i)) {
            *slot += n;
        }
    }
    used
}

/// Streams the JSON document: `{"schema_version", "at", "basis", "within", "findings": [...],
/// "summary", "suppressions", "diagnostics", "data"}`.
pub struct JsonWriter<W: Write> {
    out: W,
    first: bool,
    /// per finding: `{"id":..,"state":..,` and the rest after the item
    cached: Vec<Option<(String, String)>>,
}

impl<W: Write> JsonWriter<W> {
    pub fn begin(mut out: W, auditor: &Auditor<'_>) -> io::Result<Self> {
        let o = auditor.options();
        write!(
            out,
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"at\": \"{}\",\n  \"basis\": {},\n  \"within\": {{\"text\": {}, \"until\": \"{}\"}},\n  \"packages\": \"{}\",\n  \"findings\": [",
            o.at,
            serde_json::to_string(&o.basis).unwrap_or_default(),
            serde_json::to_string(&o.within.text).unwrap_or_default(),
            o.within.until(o.at),
            o.packages.as_str(),
        )?;
        Ok(JsonWriter {
            out,
            first: true,
            cached: Vec::new(),
        })
    }

    pub fn item(&mut self, item: &Item<'_>, index: usize, auditor: &Auditor<'_>) -> io::Result<()> {
        let cached = once_per_finding(&mut self.cached, index, auditor, |f| {
            let head = format!(
                "{{\"id\": {}, \"state\": \"{}\", ",
                serde_json::to_string(&f.id).unwrap_or_default(),
                f.state.as_str()
            );
            let rest = finding_json(f, auditor.suppressions()).to_string();
            // `{"suppressed":...}` without its opening brace follows the item.
            let tail = rest.get(1..).unwrap_or("}").to_owned();
            (head, tail)
        });
        let Some((head, tail)) = cached else {
            return Ok(());
        };
        let sep = if self.first { "\n    " } else { ",\n    " };
        self.first = false;
        write!(
            self.out,
            "{sep}{head}\"item\": {}, \"origin\": {}, {tail}",
            item_json(item),
            origin_json(item)
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub fn finish(
        mut self,
        tally: &Tally,
        auditor: &Auditor<'_>,
        used: &[u64],
        problems: &Problems,
        data: &DataSource,
        complete: bool,
    ) -> io::Result<W> {
        let s = auditor.suppressions();
        let mut diagnostics: Vec<Value> = problems.list.iter().map(diagnostic_json).collect();
        diagnostics.extend(s.diagnostics.iter().map(|d| suppression_diagnostic_json(s, d)));
        let dropped: Vec<Value> = problems
            .dropped
            .iter()
            .map(|(f, n)| json!({"file": f, "count": n}))
            .collect();
        let close = if self.first { "]" } else { "\n  ]" };
        write!(
            self.out,
            "{close},\n  \"summary\": {},\n  \"suppressions\": {},\n  \"diagnostics\": {},\n  \"diagnostics_not_shown\": {},\n  \"complete\": {complete},\n  \"data\": {}\n}}\n",
            summary_json(tally),
            suppressions_json(s, used),
            Value::Array(diagnostics),
            Value::Array(dropped),
            serde_json::to_string(data).unwrap_or_else(|_| "null".to_owned()),
        )?;
        Ok(self.out)
    }
}

/// A CSV cell: quoted when it holds a comma, quote, line break or surrounding blanks.
pub fn csv_cell(out: &mut String, value: &str) {
    if needs_quotes(value.as_bytes()) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// [`csv_cell`] into bytes (the CSV writer's buffer).
#[inline]
fn csv_cell_bytes(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    if needs_quotes(bytes) {
        push_quoted(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
}

/// A value that needs quotes, quoted (rare: kept out of the row's path).
#[cold]
#[inline(never)]
fn push_quoted(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    for part in bytes.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Whether a CSV value must be quoted: it holds a comma, a quote or a line break, or starts
/// or ends with a blank.
#[inline]
fn needs_quotes(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| QUOTED.get(usize::from(b)).copied().unwrap_or(true))
        || matches!(bytes.first(), Some(b' ' | b'\t'))
        || matches!(bytes.last(), Some(b' ' | b'\t'))
}

/// The bytes a CSV value cannot hold unquoted, as a table: one load a byte (the test of four
/// values was four compares and branches; every row's own cells go through it). Indexed in a
/// constant: an index out of range would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
static QUOTED: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

/// A line number's decimal text, kept from one row to the next: the next row's line is
/// usually the last one's plus one, and adding one to the text costs less than writing the
/// number anew.
#[derive(Debug, Default)]
struct LineText {
    n: u64,
    /// empty before the first number
    text: Vec<u8>,
}

impl LineText {
    /// The text of `n`.
    #[inline]
    fn of(&mut self, n: u64) -> &[u8] {
        let next = !self.text.is_empty() && self.n.checked_add(1) == Some(n);
        if !(next && self.add_one()) {
            self.text.clear();
            self.text
                .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        }
        self.n = n;
        &self.text
    }

    /// Add one to the text in place; false when every digit was 9 (the text needs one more
    /// digit, and is left to be written anew).
    fn add_one(&mut self) -> bool {
        for d in self.text.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                return true;
            }
        }
        false
    }
}

/// What a streaming writer renders of a finding, rendered the first time an item has it
/// and kept by the finding's index; None for an index the auditor does not know.
fn once_per_finding<'c, T>(
    cached: &'c mut Vec<Option<T>>,
    index: usize,
    auditor: &Auditor<'_>,
    render: impl FnOnce(&Finding) -> T,
) -> Option<&'c T> {
    if cached.len() <= index {
        cached.resize_with(index + 1, || None);
    }
    let slot = cached.get_mut(index)?;
    if slot.is_none() {
        *slot = Some(render(auditor.finding(index)?));
    }
    slot.as_ref()
}

/// How much output is gathered before it is written: rows go into one buffer that is
/// written whole, rather than through a `write` call per row.
const OUT_BUFFER: usize = 1 << 17;

fn dated(d: Option<&Dated>) -> (String, &'static str) {
    match d {
        Some(d) => (d.date.map(|x| x.to_string()).unwrap_or_default(), d.kind.as_str()),
        None => (String::new(), ""),
    }
}

/// The columns every CSV row has, before the item's extra columns.
pub const CSV_COLUMNS: [&str; 23] = [
    "id",
    "state",
    "suppressed",
    "product",
    "line",
    "version",
    "phase",
    "services",
    "next",
    "next_date",
    "next_kind",
    "eol",
    "eol_kind",
    "eol_why",
    "days_left",
    "newest_in_line",
    "newest_in_product",
    "reason",
    "input",
    "purl",
    "cpe",
    "file",
    "location",
];

/// The headings of the extra columns: each name as the inventories write it, but one that
/// is already a heading (`location`, `id`, in any letter case) with `item_` before it, so
/// that no two columns share a heading.
pub fn extra_headings(extra: &[String]) -> Vec<String> {
    let mut taken: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_ascii_lowercase()).collect();
    let mut out = Vec::with_capacity(extra.len());
    for name in extra {
        let mut heading = name.clone();
        while taken.contains(&heading.to_ascii_lowercase()) {
            heading.insert_str(0, "item_");
        }
        taken.push(heading.to_ascii_lowercase());
        out.push(heading);
    }
    out
}

/// Streams CSV: [`CSV_COLUMNS`], then one column per extra column name given (headed as
/// [`extra_headings`] says).
///
/// The rows are put together on a second thread: the caller's thread (which reads and
/// judges) renders a finding's cells the first time a row has it, and each row's own cells
/// (what the item is called, where it is); the writing thread copies the finding's cells
/// and the row's into its buffer and writes it. The finding's cells are most of a row's
/// bytes (150 of about 180 in the benchmark), and with ten thousand findings they do not
/// fit in one core's cache next to the lookup table: the two threads keep one each.
/// Batches go through bounded channels and are reused, so memory stays constant; the
/// output is the rows in the order given.
pub struct CsvWriter<W: Write + Send + 'static> {
    extra: Vec<String>,
    /// per finding, whether its cells went to the writing thread
    sent: Vec<bool>,
    batch: Batch,
    to_writer: Option<mpsc::SyncSender<Batch>>,
    spare: mpsc::Receiver<Batch>,
    writer: Option<std::thread::JoinHandle<io::Result<W>>>,
    /// the last input file's name and its cell (every row of a file names it)
    file: (String, Vec<u8>),
    /// the CSV header the last row was under, and the column of each of `extra` in it
    extra_at: Option<(u64, Vec<Option<usize>>)>,
    /// the last row's line number, as text
    line: LineText,
}

/// Rows on their way to the writing thread.
#[derive(Default)]
struct Batch {
    /// findings whose cells the writing thread has not seen: (index, cells)
    findings: Vec<(usize, Vec<u8>)>,
    /// per row: its finding, and where its own cells end in `cells`
    rows: Vec<(usize, usize)>,
    cells: Vec<u8>,
}

/// A batch is handed over when its rows' own cells reach this size.
const BATCH: usize = 128 << 10;
/// Batches in flight to the writing thread, at most.
const IN_FLIGHT: usize = 4;

impl<W: Write + Send + 'static> CsvWriter<W> {
    pub fn begin(mut out: W, extra: Vec<String>) -> io::Result<Self> {
        let mut header = String::new();
        for (i, c) in CSV_COLUMNS
            .iter()
            .map(|c| (*c).to_owned())
            .chain(extra_headings(&extra))
            .enumerate()
        {
            if i > 0 {
                header.push(',');
            }
            csv_cell(&mut header, &c);
        }
        header.push('\n');
        out.write_all(header.as_bytes())?;
        let (to_writer, batches) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
        let (give_back, spare) = mpsc::sync_channel::<Batch>(IN_FLIGHT + 2);
        let writer = std::thread::Builder::new()
            .name("eol-audit-csv".to_owned())
            .spawn(move || write_rows(out, &batches, &give_back))?;
        Ok(CsvWriter {
            extra,
            sent: Vec::new(),
            batch: Batch::default(),
            to_writer: Some(to_writer),
            spare,
            writer: Some(writer),
            file: (String::new(), Vec::new()),
            extra_at: None,
            line: LineText::default(),
        })
    }

    fn finding_cells(f: &Finding, suppressions: &Suppressions) -> String {
        let s = f.status.as_deref();
        let mut out = String::new();
        let (next_date, next_kind) = dated(s.and_then(|s| s.next.as_ref()).map(|n| &n.when));
        let next = s
            .and_then(|s| s.next.as_ref())
            .map(|n| n.enters.clone().unwrap_or_else(|| n.into.to_owned()))
            .unwrap_or_default();
        let (eol, eol_kind) = dated(s.and_then(|s| s.eol.as_ref()).or(f.whichever.as_ref()));
        let release =
            |r: Option<&crate::query::ReleaseView>| r.map(|r| r.version.clone()).unwrap_or_default();
        let cells: [String; 18] = [
            f.id.clone(),
            f.state.as_str().to_owned(),
            f.suppressed
                .and_then(|i| suppressions.get(i))
                .map(|s| s.reason.clone())
                .unwrap_or_default(),
            f.product.clone(),
            f.line.clone().unwrap_or_default(),
            f.version.clone().unwrap_or_default(),
            s.and_then(|s| s.phase.as_ref())
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            s.map(|s| {
                s.services
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
            next,
            next_date,
            next_kind.to_owned(),
            eol,
            eol_kind.to_owned(),
            s.and_then(|s| s.eol_why.clone()).unwrap_or_default(),
            f.days_left.map(|d| d.to_string()).unwrap_or_default(),
            release(s.and_then(|s| s.newest_in_line.as_ref())),
            release(s.and_then(|s| s.newest_in_product.as_ref())),
            f.reason.clone().unwrap_or_default(),
        ];
        for c in &cells {
            csv_cell(&mut out, c);
            out.push(',');
        }
        out
    }

    pub fn item(&mut self, item: &Item<'_>, index: usize, auditor: &Auditor<'_>) -> io::Result<()> {
        if self.sent.len() <= index {
            self.sent.resize(index + 1, false);
        }
        let Some(sent) = self.sent.get_mut(index) else {
            return Ok(());
        };
        if !*sent {
            let Some(f) = auditor.finding(index) else {
                return Ok(());
            };
            let cells = Self::finding_cells(f, auditor.suppressions()).into_bytes();
            self.batch.findings.push((index, cells));
            *sent = true;
        }
        let row = &mut self.batch.cells;
        let safe = item.csv_safe;
        let cell = |row: &mut Vec<u8>, value: &str| {
            if safe {
                row.extend_from_slice(value.as_bytes());
            } else {
                csv_cell_bytes(row, value);
            }
        };
        // (an absent cell is skipped, not copied empty: most rows lack two of the three)
        for (value, comma) in [(item.product, b","), (item.purl, b","), (item.cpe, b",")] {
            if let Some(v) = value {
                cell(row, v);
            }
            row.extend_from_slice(comma);
        }
        if self.file.0 != item.at.file {
            self.file.0.clear();
            self.file.0.push_str(item.at.file);
            self.file.1.clear();
            csv_cell_bytes(&mut self.file.1, item.at.file);
        }
        row.extend_from_slice(&self.file.1);
        row.push(b',');
        match item.at.pointer {
            Some(p) => csv_cell_bytes(row, p),
            None => row.extend_from_slice(self.line.of(item.at.line)),
        }
        // The extra columns of a CSV row are found by name once per header.
        let header = item.extra.header();
        if header.is_some() && self.extra_at.as_ref().map(|(h, _)| *h) != header {
            let columns = self
                .extra
                .iter()
                .map(|name| item.extra.column(name).and_then(|(_, c)| c))
                .collect();
            self.extra_at = header.map(|h| (h, columns));
        }
        for (i, name) in self.extra.iter().enumerate() {
            row.push(b',');
            let value = match (&self.extra_at, header) {
                (Some((_, columns)), Some(_)) => {
                    columns.get(i).copied().flatten().and_then(|c| item.extra.at(c))
                }
                _ => item.extra.get(name),
            };
            if let Some(v) = value {
                cell(row, v);
            }
        }
        row.push(b'\n');
        let end = row.len();
        self.batch.rows.push((index, end));
        if end >= BATCH {
            self.hand_over()?;
        }
        Ok(())
    }

    /// Send the batch to the writing thread; its error when it has stopped.
    fn hand_over(&mut self) -> io::Result<()> {
        let next = self.spare.try_recv().unwrap_or_default();
        let full = std::mem::replace(&mut self.batch, next);
        let sent = match &self.to_writer {
            Some(tx) => tx.send(full).is_ok(),
            None => false,
        };
        if sent {
            return Ok(());
        }
        // The writing thread stopped: it failed to write.
        self.to_writer = None;
        match self.join() {
            Ok(_) => Err(io::Error::other("the CSV writer stopped")),
            Err(e) => Err(e),
        }
    }

    fn join(&mut self) -> io::Result<W> {
        let Some(writer) = self.writer.take() else {
            return Err(io::Error::other("the CSV writer stopped"));
        };
        writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the CSV writer stopped")))
    }

    pub fn finish(mut self) -> io::Result<W> {
        if !self.batch.rows.is_empty() || !self.batch.findings.is_empty() {
            self.hand_over()?;
        }
        self.to_writer = None;
        let mut out = self.join()?;
        out.flush()?;
        Ok(out)
    }
}

impl<W: Write + Send + 'static> Drop for CsvWriter<W> {
    /// Without `finish` (the audit stopped early), the rows given so far are still written,
    /// as a `BufWriter` writes what it holds when dropped.
    fn drop(&mut self) {
        if self.to_writer.is_some() && (!self.batch.rows.is_empty() || !self.batch.findings.is_empty()) {
            let _ = self.hand_over();
        }
        self.to_writer = None;
        let _ = self.join();
    }
}

/// The writing thread: each row is its finding's cells, then its own.
fn write_rows<W: Write>(
    mut out: W,
    batches: &mpsc::Receiver<Batch>,
    give_back: &mpsc::SyncSender<Batch>,
) -> io::Result<W> {
    // every finding's cells, one after another, and where each is
    let mut rendered: Vec<u8> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(OUT_BUFFER + 4096);
    for mut batch in batches {
        for (index, cells) in batch.findings.drain(..) {
            if spans.len() <= index {
                spans.resize(index + 1, (0, 0));
            }
            let start = rendered.len();
            rendered.extend_from_slice(&cells);
            if let Some(span) = spans.get_mut(index) {
                *span = (start, rendered.len());
            }
        }
        let mut from = 0;
        for &(index, end) in &batch.rows {
            let (start, stop) = spans.get(index).copied().unwrap_or((0, 0));
            buf.extend_from_slice(rendered.get(start..stop).unwrap_or(b""));
            buf.extend_from_slice(batch.cells.get(from..end).unwrap_or(b""));
            from = end;
            if buf.len() >= OUT_BUFFER {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        batch.rows.clear();
        batch.cells.clear();
        // A full channel means enough spares: this one is dropped.
        let _ = give_back.try_send(batch);
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(out)
}

/// The SARIF rule of each state: (id, level, kind, short description, what to do).
pub fn sarif_rule(
    s: State,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    match s {
        State::EndOfLife => (
            "error",
            "fail",
            "EndOfLife",
            "The software is past its end of life: the vendor no longer supports this release line.",
            "Upgrade to a supported release line; `eol status PRODUCT VERSION` shows the phases and the newest releases.",
        ),
        State::Superseded => (
            "error",
            "fail",
            "Superseded",
            "The release line is supported, but not this release: the vendor supports only the newest release of the line's minor versions (or other unit), and a newer one has shipped; or it is a pre-release, and the release it preceded has shipped.",
            "Update within the release line to its newest release; `eol status PRODUCT VERSION` names it.",
        ),
        State::EndsSoon => (
            "warning",
            "fail",
            "EndsSoon",
            "The release line reaches its end of life within the audit's window (--within).",
            "Plan the upgrade to a supported release line before the end of life.",
        ),
        State::UnknownProduct => (
            "warning",
            "fail",
            "UnknownProduct",
            "No product of the rules matches this item's package URL, CPE or name, so its support cannot be judged.",
            "Check the name (`eol list` shows every product and its aliases), or add a rule file for the product.",
        ),
        State::UnknownVersion => (
            "warning",
            "fail",
            "UnknownVersion",
            "The product is known, but the item's version names no release line of its catalog (or several).",
            "Check the version as installed; the catalog may not list a new line yet.",
        ),
        State::Unreleased => (
            "none",
            "informational",
            "Unreleased",
            "The release line has not shipped yet on the audit's date, or the item is a pre-release of a release that has not shipped.",
            "Nothing to do for a line still to ship; a pre-release is not supported, and production runs a release.",
        ),
        State::Supported => (
            "none",
            "pass",
            "Supported",
            "The release line is supported on the audit's date.",
            "Nothing to do.",
        ),
    }
}

/// The finding in one sentence (SARIF's message, English).
pub fn sentence(f: &Finding) -> String {
    let name = f.product_name.as_deref().unwrap_or(&f.product);
    let line = f.line.as_deref().unwrap_or("");
    let version = f.version.as_deref().unwrap_or("");
    let subject = if version.is_empty() || version.eq_ignore_ascii_case(line) {
        format!("{name} {line}")
    } else if line.is_empty() {
        // a package judged by its distribution release, whose own product is not known
        format!("{name} {version}")
    } else {
        format!("{name} {line} ({version})")
    };
    // judged by its distribution release, what is said next is the release's: named here
    let subject = match f.packaged.as_deref().filter(|p| p.judged) {
        Some(p) => format!(
            "{subject} from {} {}",
            p.release.product_name.as_deref().unwrap_or(&p.distro.name),
            p.distro.release
        ),
        None => subject,
    };
    let eol = f
        .status
        .as_deref()
        .and_then(|s| s.eol.as_ref())
        .and_then(|d| d.date.map(|x| (x, d.kind)));
    let why = f.status.as_deref().and_then(|s| s.eol_why.as_deref());
    // a date the rule file gives says which declaration or override, and its reason
    let mark = |k: crate::eval::ValueKind| match (k, why) {
        (crate::eval::ValueKind::Estimated, _) => " (estimated)".to_owned(),
        (crate::eval::ValueKind::Override | crate::eval::ValueKind::Declared, Some(why)) => {
            format!(" ({why})")
        }
        (crate::eval::ValueKind::Override, None) => " (set by an override)".to_owned(),
        (crate::eval::ValueKind::Declared, None) => " (announced by the vendor)".to_owned(),
        (crate::eval::ValueKind::AtTheLatest, _) => " at the latest (the day was not published)".to_owned(),
        _ => String::new(),
    };
    // a version in several lines that all end alike: the reason names them and their ends
    if f.whichever.is_some() || f.unlisted.is_some() {
        return f.reason.clone().unwrap_or_default();
    }
    let superseded = f.status.as_deref().and_then(|s| s.superseded.as_ref());
    // a grace period that ends before the line does
    let superseded_first = superseded.and_then(|s| {
        let since = s.since.date?;
        eol.is_none_or(|(d, _)| since < d).then_some((s, since))
    });
    let said = match f.state {
        State::Superseded => match superseded {
            Some(s) if s.prerelease => format!(
                "{subject} is a pre-release, replaced by release {} ({}){}: its line is supported in its releases, not \
                 its pre-releases; update within the line",
                s.by.version,
                s.by.shown,
                if s.at_the_latest { ", or earlier" } else { "" },
            ),
            Some(s) => format!(
                "{subject} is superseded by {} ({}){}: its line is supported, but only its newest {} is; update within the line",
                s.by.version,
                s.by.shown,
                if s.at_the_latest { ", or earlier" } else { "" },
                s.unit
            ),
            None => format!("{subject} is superseded by a newer release of its line"),
        },
        State::EndsSoon if superseded_first.is_some() => match superseded_first {
            Some((s, since)) => format!(
                "{subject} will be superseded by {} on {since}, when its grace period ends, in {} days",
                s.by.version,
                f.days_left.unwrap_or(0)
            ),
            None => format!("{subject} is superseded soon"),
        },
        State::EndOfLife => match eol {
            Some((d, k)) => format!(
                "{subject} reached end of life on {d}{}, {} days ago",
                mark(k),
                -f.days_left.unwrap_or(0)
            ),
            None => format!("{subject} is past its end of life"),
        },
        State::EndsSoon => match eol {
            Some((d, k)) => format!(
                "{subject} reaches end of life on {d}{}, in {} days",
                mark(k),
                f.days_left.unwrap_or(0)
            ),
            None => format!("{subject} reaches end of life soon"),
        },
        State::Supported => match eol {
            Some((d, k)) => format!("{subject} is supported; end of life on {d}{}", mark(k)),
            None => format!("{subject} is supported; its end of life is not known yet"),
        },
        State::Unreleased => match f.status.as_deref().and_then(|s| s.prerelease.as_ref()) {
            Some(pre) => format!(
                "{subject} is a pre-release of {}, which is not released yet: pre-releases are not supported",
                pre.release
            ),
            None => format!("{subject} is not released yet"),
        },
        State::UnknownProduct | State::UnknownVersion => return f.reason.clone().unwrap_or_default(),
    };
    // why the end of life is estimated or pending, in the words of the step that made it so
    // (an announced or overridden one said its source after the date)
    let said = match (why, eol) {
        (_, Some((_, crate::eval::ValueKind::Declared | crate::eval::ValueKind::Override))) => said,
        (Some(why), _) if !matches!(f.state, State::Superseded | State::Unreleased) => {
            let kind = match eol {
                Some(_) => "estimated",
                None => "pending",
            };
            format!("{said}; {kind}: {why}")
        }
        _ => said,
    };
    // a distribution's package: what its release says, where it differs or judged it
    let note = f.packaged.as_ref().and_then(|p| p.note.as_deref());
    let said = match (&f.reason, f.stale) {
        (Some(why), true) => {
            // the sentence has said what superseded the release; the reason says it first
            let why = why
                .find("the catalog may be stale")
                .map_or(why.as_str(), |i| &why[i..]);
            // (and the distribution's note comes last, once)
            let why = note
                .and_then(|n| why.strip_suffix(n))
                .map_or(why, |w| w.trim_end_matches("; "));
            format!("{said}; but {why}")
        }
        _ => said,
    };
    match note {
        Some(note) => format!("{said}; {note}"),
        None => said,
    }
}

/// A file name as a SARIF URI reference (relative, `/`-separated, spaces escaped).
pub fn uri(file: &str) -> String {
    if file == "-" || file == "<stdin>" {
        return "stdin".to_owned();
    }
    let mut out = String::new();
    for c in file.replace('\\', "/").chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

/// Streams a SARIF 2.1.0 log: one run, a rule per state, a result per item.
pub struct SarifWriter<W: Write> {
    out: W,
    first: bool,
    cached: Vec<Option<(String, String, String)>>,
}

impl<W: Write> SarifWriter<W> {
    pub fn begin(mut out: W, version: &str) -> io::Result<Self> {
        let rules: Vec<Value> = State::ALL
            .iter()
            .map(|s| {
                let (level, _, name, description, help) = sarif_rule(*s);
                json!({
                    "id": s.as_str(),
                    "name": name,
                    "shortDescription": {"text": description},
                    "help": {"text": help},
                    "defaultConfiguration": {"level": level},
                    "properties": {"tags": ["lifecycle", "end-of-life"]},
                })
            })
            .collect();
        let driver = json!({
            "name": "eol",
            "version": version,
            "semanticVersion": version,
            "informationUri": "https://example.invalid/eol",
            "rules": rules,
        });
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n    \"tool\": {{\"driver\": {driver}}},\n    \"results\": ["
        )?;
        Ok(SarifWriter {
            out,
            first: true,
            cached: Vec::new(),
        })
    }

    pub fn item(&mut self, item: &Item<'_>, index: usize, auditor: &Auditor<'_>) -> io::Result<()> {
        let cached = once_per_finding(&mut self.cached, index, auditor, |f| {
            let (level, kind, ..) = sarif_rule(f.state);
            // A pass the catalog's age puts in doubt is not a pass: SARIF's `open` ("could
            // not determine"), which must have level `none`. A failure (ends soon) stays one.
            let (level, kind) = if f.stale && kind != "fail" {
                ("none", "open")
            } else {
                (level, kind)
            };
            let head = json!({
                "ruleId": f.state.as_str(),
                "ruleIndex": f.state.index(),
                "kind": kind,
                "level": level,
                "message": {"text": sentence(f)},
            })
            .to_string();
            let suppressions = f
                .suppressed
                .and_then(|i| auditor.suppressions().get(i))
                .map(|s| json!([{"kind": "external", "status": "accepted", "justification": s.reason}]));
            let mut mid = serde_json::Map::new();
            mid.insert("partialFingerprints".into(), json!({"eolFindingId/v1": f.id}));
            if let Some(s) = suppressions {
                mid.insert("suppressions".into(), s);
            }
            let mid = Value::Object(mid).to_string();
            let finding = finding_json(f, auditor.suppressions()).to_string();
            (
                head.get(..head.len().saturating_sub(1)).unwrap_or("{").to_owned(),
                mid.get(1..mid.len().saturating_sub(1)).unwrap_or("").to_owned(),
                finding,
            )
        });
        let Some((head, mid, finding)) = cached else {
            return Ok(());
        };
        // (no region in a binary input, whose items' line is 0: the pointer says where)
        let mut location = match item.at.line {
            0 => json!({"physicalLocation": {"artifactLocation": {"uri": uri(item.at.file)}}}),
            line => json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(item.at.file)},
                    "region": {"startLine": line},
                }
            }),
        };
        if let (Some(p), Some(obj)) = (item.at.pointer, location.as_object_mut()) {
            obj.insert(
                "logicalLocations".into(),
                // a JSON pointer names an object; an XML SBOM's XPath (`.../component[2]`)
                // an element
                json!([{"fullyQualifiedName": p, "kind": if p.ends_with(']') { "element" } else { "object" }}]),
            );
        }
        let sep = if self.first { "\n      " } else { ",\n      " };
        self.first = false;
        write!(
            self.out,
            "{sep}{head},\"locations\":[{location}],{mid},\"properties\":{{\"item\":{},\"eol\":{finding}}}}}",
            item_json(item),
        )
    }

    pub fn finish(
        mut self,
        tally: &Tally,
        problems: &Problems,
        suppressions: &Suppressions,
        complete: bool,
    ) -> io::Result<W> {
        let mut notes: Vec<Value> = problems
            .list
            .iter()
            .map(|d| {
                json!({
                    "level": if d.diagnostic.is_error() { "error" } else { "warning" },
                    "message": {"text": d.diagnostic.message},
                    "descriptor": {"id": d.diagnostic.code},
                    "locations": [match d.line {
                        0 => json!({"physicalLocation": {"artifactLocation": {"uri": uri(&d.file)}}}),
                        line => json!({"physicalLocation": {
                            "artifactLocation": {"uri": uri(&d.file)},
                            "region": {"startLine": line, "startColumn": d.column},
                        }}),
                    }],
                })
            })
            .collect();
        for d in &suppressions.diagnostics {
            let (line, column) = eol_syntax::line_col(
                &suppressions.text,
                d.primary.span.start.min(suppressions.text.len()),
            );
            notes.push(json!({
                "level": if d.is_error() { "error" } else { "warning" },
                "message": {"text": d.message},
                "descriptor": {"id": d.code},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&suppressions.file)},
                    "region": {"startLine": line, "startColumn": column},
                }}],
            }));
        }
        let invocation = json!({
            "executionSuccessful": complete,
            "toolExecutionNotifications": notes,
        });
        let close = if self.first { "]" } else { "\n    ]" };
        write!(
            self.out,
            "{close},\n    \"invocations\": [{invocation}],\n    \"properties\": {{\"summary\": {}}}\n  }}]\n}}\n",
            summary_json(tally)
        )?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_columns_never_share_a_heading() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            extra_headings(&names(&["host", "location", "ID", "item_location", "Host2"])),
            names(&["host", "item_location", "item_ID", "item_item_location", "Host2"])
        );
        assert!(extra_headings(&[]).is_empty());
    }

    #[test]
    fn numbers_and_cells() {
        let mut line = LineText::default();
        for n in [
            0,
            7,
            10,
            4_294_967_296,
            u64::MAX,
            8,
            9,
            10,
            11,
            99,
            100,
            998,
            999,
            1000,
            1001,
        ] {
            assert_eq!(line.of(n), n.to_string().as_bytes());
        }
        let mut out = Vec::new();
        csv_cell_bytes(&mut out, "a \"b\", c");
        assert_eq!(out, b"\"a \"\"b\"\", c\"");
    }

    proptest::proptest! {
        /// Line numbers written one after another, mostly the last plus one, read as the
        /// numbers themselves.
        #[test]
        fn line_numbers_are_their_decimal_text(
            start in proptest::prelude::any::<u64>(),
            steps in proptest::collection::vec(0u64..4, 1..300),
        ) {
            let mut line = LineText::default();
            let mut n = start % 100_000;
            for step in steps {
                // a step of 0 jumps to a number near a power of ten, the rest add 1 to 3
                n = match step {
                    0 => 10u64.pow((n % 19) as u32).saturating_sub(n % 3),
                    s => n.saturating_add(if s == 3 { 1 } else { s }),
                };
                let text = n.to_string();
                proptest::prop_assert_eq!(line.of(n), text.as_bytes());
            }
        }
    }
}
