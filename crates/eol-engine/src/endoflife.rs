//! endoflife.date's CSV export: importing its release cycles as a catalog, and
//! reading its published support dates for conformance runs.
//!
//! Format: `cycle,release_date,latest,latest_date,lts,eoas,eol,eoes`. A phase column
//! holds a date, `true` (ended, date unknown), `false` (not ended, no date yet) or
//! nothing (the product has no such phase, or the cycle is not eligible).

use chrono::NaiveDate;
use eol_syntax::{Code, Diagnostic, Span};

use crate::model::Role;

/// One published phase end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Published {
    Date(NaiveDate),
    /// `true`: ended, the date is not published
    Ended,
    /// `false`: not ended, no date yet
    NotEnded,
    /// empty: no such phase for this cycle
    Absent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cycle {
    pub cycle: String,
    pub release_date: Option<NaiveDate>,
    pub latest: Option<String>,
    pub latest_date: Option<NaiveDate>,
    /// `true`, `false`, a date (the day the cycle becomes LTS), or empty
    pub lts: Option<String>,
    pub eoas: Published,
    pub eol: Published,
    pub eoes: Published,
    /// 1-based line of the row
    pub row: usize,
}

impl Cycle {
    /// The published end for a role: `eoas` (active), `eol` (security), `eoes` (extended).
    pub fn published(&self, role: Role) -> Published {
        match role {
            Role::Active => self.eoas,
            Role::Security => self.eol,
            Role::Extended => self.eoes,
        }
    }
}

/// The corpus column a role maps to.
pub fn column(role: Role) -> &'static str {
    match role {
        Role::Active => "eoas",
        Role::Security => "eol",
        Role::Extended => "eoes",
    }
}

const HEADER: [&str; 8] = [
    "cycle",
    "release_date",
    "latest",
    "latest_date",
    "lts",
    "eoas",
    "eol",
    "eoes",
];

/// Read an endoflife.date CSV export given as bytes: text that is not UTF-8 is one
/// `eol::invalid-utf8` (as for catalogs) and no cycle. Returns the text read (lossy
/// when not UTF-8), the cycles and the diagnostics.
pub fn parse_bytes(bytes: &[u8]) -> (String, Vec<Cycle>, Vec<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let (cycles, diags) = parse(text);
            (text.to_owned(), cycles, diags)
        }
        Err(err) => {
            let at = err.valid_up_to();
            let d = Diagnostic::error(
                Code::InvalidUtf8,
                "file is not valid UTF-8",
                Span::new(at, at + '\u{fffd}'.len_utf8()),
                "invalid byte sequence here",
            )
            .with_help("an endoflife.date export is UTF-8 text; re-save the file as UTF-8");
            (String::from_utf8_lossy(bytes).into_owned(), Vec::new(), vec![d])
        }
    }
}

/// A date as the export writes it: exactly `YYYY-MM-DD`.
fn strict_date(s: &str) -> Option<NaiveDate> {
    crate::dates::parse_iso(s)
}

/// Read an endoflife.date CSV. Rows that cannot be read are diagnostics: a quote
/// never closed or followed by more text, a row with more or fewer fields than the
/// header, a cycle without a name or listed twice, a date that is not `YYYY-MM-DD`,
/// an `lts` that is not `true`, `false` or a date. A row with an error is not read.
pub fn parse(text: &str) -> (Vec<Cycle>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut cycles: Vec<Cycle> = Vec::new();
    if let Some(d) = quoting_problem(text) {
        diags.push(d);
        return (cycles, diags);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::EndoflifeCsv,
                format!("cannot read the header: {e}"),
                Span::point(0),
                "here",
            ));
            return (cycles, diags);
        }
    };
    if header != HEADER {
        let end = text.find('\n').unwrap_or(text.len());
        diags.push(
            Diagnostic::error(
                Code::EndoflifeCsv,
                "not an endoflife.date CSV export",
                Span::new(0, end),
                "unexpected header",
            )
            .with_help(format!("the header must be `{}`", HEADER.join(","))),
        );
        return (cycles, diags);
    }
    // The row each cycle was first read from, by name (case-insensitive).
    let mut seen: std::collections::HashMap<String, Span> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e
                    .position()
                    .and_then(|p| usize::try_from(p.byte()).ok())
                    .unwrap_or(0)
                    .min(text.len());
                diags.push(Diagnostic::error(
                    Code::EndoflifeCsv,
                    format!("cannot read a row: {e}"),
                    Span::point(at),
                    "here",
                ));
                continue;
            }
        };
        let (row, start) = record.position().map_or((0, 0), |p| {
            (
                usize::try_from(p.line()).unwrap_or(0),
                usize::try_from(p.byte()).unwrap_or(0).min(text.len()),
            )
        });
        let end = text
            .get(start..)
            .and_then(|r| r.find(['\n', '\r']))
            .map_or(text.len(), |n| start + n);
        let span = Span::new(start, end);
        if record.len() != HEADER.len() {
            diags.push(
                Diagnostic::error(
                    Code::EndoflifeCsv,
                    format!(
                        "this row has {} field{}, the header has {}",
                        record.len(),
                        if record.len() == 1 { "" } else { "s" },
                        HEADER.len()
                    ),
                    span,
                    "this row is not read",
                )
                .with_help("give every row one field per column of the header (empty for no value); quote a value that contains a comma"),
            );
            continue;
        }
        let field = |i: usize| record.get(i).map(str::trim).filter(|s| !s.is_empty());
        let Some(cycle) = field(0) else {
            diags.push(
                Diagnostic::error(Code::EndoflifeCsv, "this row has no cycle", span, "no cycle").with_help(
                    "the first column, `cycle`, names the release cycle; a row without it is not read",
                ),
            );
            continue;
        };
        let errors_before = diags.len();
        let mut bad = |column: usize, what: &str, value: &str| {
            let name = HEADER.get(column).copied().unwrap_or("?");
            diags.push(
                Diagnostic::error(
                    Code::EndoflifeCsv,
                    format!("`{value}` in column `{name}` is not a valid {what}"),
                    span,
                    "in this row",
                )
                .with_help(if name == "lts" {
                    "`lts` is `true`, `false`, a date (YYYY-MM-DD: the day the cycle became LTS) or nothing"
                } else {
                    "dates are YYYY-MM-DD; phase columns also take `true`, `false` or nothing"
                }),
            );
        };
        let date = |column: usize, bad: &mut dyn FnMut(usize, &str, &str)| -> Option<NaiveDate> {
            let s = field(column)?;
            let d = strict_date(s);
            if d.is_none() {
                bad(column, "date", s);
            }
            d
        };
        let phase = |column: usize, bad: &mut dyn FnMut(usize, &str, &str)| -> Published {
            match field(column) {
                None => Published::Absent,
                Some("true") => Published::Ended,
                Some("false") => Published::NotEnded,
                Some(d) => match strict_date(d) {
                    Some(d) => Published::Date(d),
                    None => {
                        bad(column, "phase end", d);
                        Published::Absent
                    }
                },
            }
        };
        let release_date = date(1, &mut bad);
        let latest_date = date(3, &mut bad);
        let lts = field(4);
        if let Some(v) = lts.filter(|v| !matches!(*v, "true" | "false") && strict_date(v).is_none()) {
            bad(4, "`lts` value", v);
        }
        let eoas = phase(5, &mut bad);
        let eol = phase(6, &mut bad);
        let eoes = phase(7, &mut bad);
        if diags.len() > errors_before {
            continue;
        }
        let key = cycle.to_ascii_lowercase();
        if let Some(first) = seen.get(&key) {
            diags.push(
                Diagnostic::error(
                    Code::EndoflifeCsv,
                    format!("cycle `{cycle}` is listed twice"),
                    span,
                    "listed again here; this row is not read",
                )
                .with_related(*first, "first listed here")
                .with_help("keep one row per cycle"),
            );
            continue;
        }
        seen.insert(key, span);
        cycles.push(Cycle {
            cycle: cycle.to_owned(),
            release_date,
            latest: field(2).map(str::to_owned),
            latest_date,
            lts: lts.map(str::to_owned),
            eoas,
            eol,
            eoes,
            row,
        });
    }
    (cycles, diags)
}

/// A quote that is never closed, or a closing quote followed by more text in its
/// field (`"7.0"x`), which the `csv` crate would read silently (to the end of the
/// file, or as `7.0x`).
fn quoting_problem(text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut field_start = true;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' if field_start => {
                let open = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Some(
                                Diagnostic::error(
                                    Code::EndoflifeCsv,
                                    "a quote is never closed",
                                    Span::new(open, open + 1),
                                    "this quote opens a value that runs to the end of the file",
                                )
                                .with_help("close the value with `\"`; a quote inside a quoted value is written twice: `\"\"`"),
                            )
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                // `i` is at the closing quote: the field must end right after it.
                i += 1;
                if let Some(&next) = bytes.get(i) {
                    if !matches!(next, b',' | b'\n' | b'\r') {
                        let end = text
                            .get(i..)
                            .and_then(|r| r.find([',', '\n', '\r']))
                            .map_or(text.len(), |n| i + n);
                        return Some(
                            Diagnostic::error(
                                Code::EndoflifeCsv,
                                "text after the closing quote of a value",
                                Span::new(i, end),
                                "after the closing quote",
                            )
                            .with_related(Span::new(open, i), "the quoted value")
                            .with_help("put the whole value inside the quotes"),
                        );
                    }
                }
                field_start = false;
            }
            b',' | b'\n' | b'\r' => {
                field_start = true;
                i += 1;
            }
            _ => {
                field_start = false;
                i += 1;
            }
        }
    }
    None
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A catalog (CSV, see docs/catalogs.md) for `product` from endoflife.date cycles:
/// per cycle, its first release (version = the cycle name, kind `first`) and, when
/// given and different, its latest release (kind `latest`); every row names its
/// line explicitly (the cycle). `lts` becomes the `lts` attribute (`true`/`false`);
/// an LTS start date also gives `lts_from`. Rows come oldest first.
pub fn to_catalog(product: &str, cycles: &[Cycle]) -> String {
    // A `note` column only when a row needs one, so catalogs without contradictions keep
    // their shape.
    let noted = cycles.iter().any(contradicts);
    let mut out = String::from("product,version,date,kind,line,lts,lts_from");
    out.push_str(if noted { ",note\n" } else { "\n" });
    let mut ordered: Vec<&Cycle> = cycles.iter().collect();
    ordered.reverse();
    for c in ordered {
        let (lts, lts_from) = match c.lts.as_deref() {
            None => (String::new(), String::new()),
            Some("true") => ("true".to_owned(), String::new()),
            Some("false") => ("false".to_owned(), String::new()),
            Some(d) => ("true".to_owned(), d.to_owned()),
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let line = csv_field(&c.cycle);
        let empty_note = if noted { "," } else { "" };
        out.push_str(&format!(
            "{},{line},{},first,{line},{lts},{lts_from}{empty_note}\n",
            csv_field(product),
            date(c.release_date)
        ));
        if let Some(latest) = &c.latest {
            if !latest.eq_ignore_ascii_case(&c.cycle) && !not_a_version(c) {
                // A latest release dated before the cycle's first release contradicts it:
                // the first release date stays (it is what the phases count from), the
                // latest release is kept undated, and the note says what was given.
                let (latest_date, note) = if contradicts(c) {
                    (
                        String::new(),
                        format!(
                            ",{}",
                            csv_field(&format!(
                                "endoflife.date dates {latest} {}, before the cycle's first release ({}); imported without a date",
                                date(c.latest_date),
                                date(c.release_date)
                            ))
                        ),
                    )
                } else {
                    (date(c.latest_date), empty_note.to_owned())
                };
                out.push_str(&format!(
                    "{},{},{latest_date},latest,{line},{lts},{lts_from}{note}\n",
                    csv_field(product),
                    csv_field(latest),
                ));
            }
        }
    }
    out
}

/// The cycle's latest release is dated before its first release.
fn contradicts(c: &Cycle) -> bool {
    matches!((c.release_date, c.latest_date), (Some(first), Some(latest)) if latest < first)
        && c.latest
            .as_deref()
            .is_some_and(|l| !l.eq_ignore_ascii_case(&c.cycle))
        && !not_a_version(c)
}

/// The cycle's latest release is not a version: no digit in it (`N/A`, `-`).
fn not_a_version(c: &Cycle) -> bool {
    c.latest
        .as_deref()
        .is_some_and(|l| !l.eq_ignore_ascii_case(&c.cycle) && !l.contains(|ch: char| ch.is_ascii_digit()))
}

/// What the importer decides about rows it still imports, as warnings in row order: a
/// `latest_date` before the `release_date` (`eol::endoflife-contradiction`: the release date
/// stays, the latest release is imported without a date, with a note; see [`to_catalog`]),
/// and a `latest` that is not a version (`eol::endoflife-not-a-version`: the cycle's first
/// release only).
pub fn import_warnings(text: &str, cycles: &[Cycle]) -> Vec<Diagnostic> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let row = |c: &Cycle| {
        let start = starts.get(c.row.saturating_sub(1)).copied().unwrap_or(0);
        let end = text
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |n| start + n);
        let end = if text.get(..end).is_some_and(|t| t.ends_with('\r')) {
            end - 1
        } else {
            end
        };
        Span::new(start, end)
    };
    let placeholder = |c: &Cycle| {
        Diagnostic::warning(
            Code::EndoflifeNotAVersion,
            format!(
                "cycle `{}`: latest release `{}` is not a version",
                c.cycle,
                c.latest.as_deref().unwrap_or("")
            ),
            row(c),
            "no digit in `latest`",
        )
        .with_help(
            "the catalog lists the cycle's first release only; the latest release, which the export does not name, is left out with its date",
        )
    };
    cycles
        .iter()
        .filter_map(|c| {
            if not_a_version(c) {
                return Some(placeholder(c));
            }
            if !contradicts(c) {
                return None;
            }
            let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            Some(Diagnostic::warning(
                Code::EndoflifeContradiction,
                format!(
                    "cycle `{}`: latest release `{}` is dated {}, before the cycle's first release ({})",
                    c.cycle,
                    c.latest.as_deref().unwrap_or(""),
                    day(c.latest_date),
                    day(c.release_date)
                ),
                row(c),
                "latest_date precedes release_date",
            )
            .with_help(
                "one of the two dates is wrong; the catalog keeps the release date (the line's first ship) and lists the latest release without a date, with a note",
            ))
        })
        .collect()
}
