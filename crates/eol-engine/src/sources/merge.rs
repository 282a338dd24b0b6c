//! Merging a source's releases into a catalog's text.
//!
//! Rows are only ever added: a release the catalog lists already (same product and
//! version, whoever wrote the row; a line's first release, however each names it) is left
//! exactly as it is, and a date the source gives differently is reported, not written.
//! Every existing byte stays where it was (comments in TOML, quoting in CSV); new rows go
//! at the end, in the file's format.
//! The result is read back and must list the old releases plus the new ones, with no
//! new diagnostic, or nothing is returned. Merging the same releases twice adds nothing.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::{parse_catalog, CatalogFormat, ReleaseDate};

use super::json::{self, Kind};
use super::Candidate;

/// A release the catalog has with another date than the source gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub version: String,
    pub catalog: ReleaseDate,
    pub source: ReleaseDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// the catalog's new text (the old one when nothing was added)
    pub text: String,
    pub added: Vec<Candidate>,
    pub differing: Vec<Difference>,
    /// releases the catalog listed already
    pub known: usize,
}

impl Merged {
    pub fn changed(&self) -> bool {
        !self.added.is_empty()
    }
}

/// Merge `candidates` of `product` into `existing` (None: a new catalog) in `format`.
/// `source` is written in each new row's `source` attribute where the catalog has room
/// for it (always in TOML and JSON; in CSV when there is a `source` column or the file
/// is new). `Err` says why the catalog cannot be merged into; nothing was changed.
pub fn merge(
    existing: Option<&str>,
    format: CatalogFormat,
    product: &str,
    candidates: &[Candidate],
    source: &str,
) -> Result<Merged, String> {
    let old_text = existing.unwrap_or("");
    let (old, diags) = parse_catalog(old_text, format);
    if existing.is_some() && diags.iter().any(|d| d.is_error()) {
        return Err("the catalog has errors (see `eol eval`); fix them before adding releases".to_owned());
    }
    let mut have: HashMap<String, ReleaseDate> = HashMap::new();
    // the lines the catalog names in its rows (endoflife.date's cycles: `7`, `8.16`)
    let mut named: HashMap<String, String> = HashMap::new();
    // the releases the catalog marks as its lines' first (`kind = first`), by the lines they
    // begin: the row's `line`, or without one every leading part of its version (`8.0.11`
    // begins `8` and `8.0`); the earliest where several begin the same line
    let mut firsts: HashMap<String, (String, ReleaseDate)> = HashMap::new();
    for r in old.releases.iter().filter(|r| r.product == product) {
        have.entry(release_key(&r.version)).or_insert(r.date);
        if let Some(line) = &r.line {
            named.entry(key(line)).or_insert_with(|| line.to_string());
        }
        if is_first(r.kind.as_deref()) {
            let lines = match &r.line {
                Some(line) => vec![key(line)],
                // the lines the version begins, not the version itself
                None => {
                    let mut prefixes = dotted_prefixes(&key(&r.version));
                    prefixes.pop();
                    prefixes
                }
            };
            let start = |d: &ReleaseDate| d.earliest().unwrap_or(NaiveDate::MAX);
            for line in lines {
                let entry = firsts
                    .entry(line)
                    .or_insert_with(|| (r.version.to_string(), r.date));
                if start(&r.date) < start(&entry.1) {
                    *entry = (r.version.to_string(), r.date);
                }
            }
        }
    }
    let mut added = Vec::new();
    let mut differing = Vec::new();
    let mut known = 0;
    for c in candidates {
        let mut found = have
            .get(&release_key(&c.version))
            .map(|date| (c.version.clone(), *date));
        // A source's first release of a line named by the line (endoflife.date's cycle
        // `8.0`, kind `first`) is the release the catalog marks first in that line, whatever
        // its version (`8.0.11`, the first GA): the same release, not another one to add.
        if found.is_none() && is_first(c.kind.as_deref()) {
            found = firsts
                .get(&key(&c.version))
                .map(|(version, date)| (format!("{} ({version})", c.version), *date));
        }
        match found {
            Some((version, date)) => {
                known += 1;
                if date != c.date && !c.date.is_unknown() {
                    differing.push(Difference {
                        version,
                        catalog: date,
                        source: c.date,
                    });
                }
            }
            None => {
                have.insert(release_key(&c.version), c.date);
                let mut c = c.clone();
                if c.line.is_none() {
                    c.line = named_line(&named, &c.version);
                }
                added.push(c);
            }
        }
    }
    if added.is_empty() {
        return Ok(Merged {
            text: old_text.to_owned(),
            added,
            differing,
            known,
        });
    }
    let text = match format {
        CatalogFormat::Csv => csv(existing, product, &added, source)?,
        CatalogFormat::Toml => toml_text(old_text, product, &added, source),
        CatalogFormat::Json => json_text(existing, product, &added, source)?,
    };
    // Read it back: the old releases, the new ones, and nothing else to complain about.
    let (new, new_diags) = parse_catalog(&text, format);
    let old_errors = diags.iter().filter(|d| d.is_error()).count();
    if new_diags.iter().filter(|d| d.is_error()).count() > old_errors
        || new.releases.len() != old.releases.len() + added.len()
    {
        return Err(format!(
            "adding to this {} catalog would not read back as written ({}); add the releases by hand",
            format.extension(),
            new_diags
                .first()
                .map_or("a release is missing".to_owned(), |d| d.message.clone())
        ));
    }
    Ok(Merged {
        text,
        added,
        differing,
        known,
    })
}

/// `kind = first`: the release a line starts with.
fn is_first(kind: Option<&str>) -> bool {
    kind.is_some_and(|k| k.eq_ignore_ascii_case("first"))
}

/// A version's dotted prefixes, shortest first, the version itself last (`8.0.11`: `8`,
/// `8.0`, `8.0.11`).
fn dotted_prefixes(version: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for component in version.split('.') {
        let next = match out.last() {
            Some(prefix) => format!("{prefix}.{component}"),
            None => component.to_owned(),
        };
        out.push(next);
    }
    out
}

/// The line the catalog already names that `version` belongs to: the longest named line
/// whose dotted components begin the version (`7` for `7.2.0` beside rows on line `7`).
/// A new release joins it rather than open a line of its own from the policy's `line`
/// (endoflife.date lists Elasticsearch 7 as one line, which `line major.minor` would
/// otherwise split). None when no named line begins it.
fn named_line(named: &HashMap<String, String>, version: &str) -> Option<String> {
    dotted_prefixes(&key(version))
        .iter()
        .rev()
        .find_map(|prefix| named.get(prefix).cloned())
}

/// One release however many `.0` components its name ends with: endoflife.date names a
/// cycle's first release by the cycle (`8.16`), per-version sources by the release
/// (`8.16.0`), and both are the same release.
fn release_key(version: &str) -> String {
    let mut k = key(version);
    while let Some(rest) = k.strip_suffix(".0") {
        if rest.is_empty() {
            break;
        }
        k.truncate(rest.len());
    }
    k
}

fn key(version: &str) -> String {
    version.trim().to_ascii_lowercase()
}

/// The columns a new row fills, in the order a new CSV catalog gets them.
fn fields(
    c: &Candidate,
    product: &str,
    source: &str,
    date_text: &dyn Fn(ReleaseDate) -> String,
) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("product", product.to_owned()),
        ("version", c.version.clone()),
        ("date", date_text(c.date)),
    ];
    if let Some(k) = &c.kind {
        out.push(("kind", k.clone()));
    }
    if let Some(l) = &c.line {
        out.push(("line", l.clone()));
    }
    if let Some(l) = c.lts {
        out.push(("lts", l.to_string()));
    }
    if let Some(d) = c.lts_from {
        out.push(("lts_from", d.to_string()));
    }
    out.push(("source", source.to_owned()));
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv(existing: Option<&str>, product: &str, added: &[Candidate], source: &str) -> Result<String, String> {
    let date_text = |d: ReleaseDate| {
        if d.is_unknown() {
            String::new()
        } else {
            d.to_string()
        }
    };
    let rows: Vec<Vec<(&'static str, String)>> = added
        .iter()
        .map(|c| fields(c, product, source, &date_text))
        .collect();
    let text = existing.unwrap_or("");
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    if body.trim().is_empty() {
        // A new catalog: the columns the rows use, in a fixed order.
        let order = [
            "product", "version", "date", "kind", "line", "lts", "lts_from", "source",
        ];
        let used: Vec<&str> = order
            .into_iter()
            .filter(|col| rows.iter().any(|r| r.iter().any(|(k, _)| k == col)))
            .collect();
        let mut out = format!("{}\n", used.join(","));
        push_rows(&mut out, &rows, &used);
        return Ok(out);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut starts: Vec<usize> = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| format!("cannot read a CSV row: {e}"))?;
        if let Some(p) = rec.position() {
            starts.push(p.byte() as usize);
        }
    }
    // Columns a new row needs that the header lacks (`source` is written only where
    // there is a column for it).
    let mut missing: Vec<&'static str> = Vec::new();
    for r in &rows {
        for (k, v) in r {
            if *k != "source" && !v.is_empty() && !header.iter().any(|h| h == k) && !missing.contains(k) {
                missing.push(k);
            }
        }
    }
    let mut columns = header.clone();
    columns.extend(missing.iter().map(|m| (*m).to_owned()));
    let mut out = String::with_capacity(text.len() + rows.len() * 64);
    out.push_str(text.get(..bom).unwrap_or(""));
    if missing.is_empty() {
        out.push_str(body);
    } else {
        // Widen every record by the new, empty columns: insert the commas before each
        // record's line end, so no cell of an existing row changes.
        let pad = ",".repeat(missing.len());
        let header_end = starts.first().copied().unwrap_or(body.len());
        let mut bounds = vec![0];
        bounds.extend(starts.iter().copied());
        bounds.push(body.len());
        for w in bounds.windows(2) {
            let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
                continue;
            };
            let chunk = body.get(a..b).unwrap_or("");
            let content = chunk.trim_end_matches(['\n', '\r']);
            out.push_str(content);
            let extra = if a == 0 {
                format!(",{}", missing.join(","))
            } else {
                pad.clone()
            };
            out.push_str(&extra);
            out.push_str(chunk.get(content.len()..).unwrap_or(""));
            let _ = header_end;
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    push_rows(&mut out, &rows, &columns);
    Ok(out)
}

/// CSV lines of `rows` (column, value pairs) in the order of `columns`; a column a row
/// does not have is an empty cell.
fn push_rows<C: AsRef<str>>(out: &mut String, rows: &[Vec<(&str, String)>], columns: &[C]) {
    for r in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|col| {
                r.iter()
                    .find(|(k, _)| *k == col.as_ref())
                    .map_or(String::new(), |(_, v)| csv_field(v))
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
}

fn toml_text(old: &str, product: &str, added: &[Candidate], source: &str) -> String {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = old.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for c in added {
        let date_text = |d: ReleaseDate| match d {
            ReleaseDate::Exact(d) => d.to_string(),
            other => quote(&other.to_string()),
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("[[release]]\n");
        for (k, v) in fields(c, product, source, &date_text) {
            let value = match k {
                "date" => v,
                "lts" => v,
                "lts_from" => v,
                _ => quote(&v),
            };
            out.push_str(&format!("{k} = {value}\n"));
        }
    }
    out
}

fn json_text(
    existing: Option<&str>,
    product: &str,
    added: &[Candidate],
    source: &str,
) -> Result<String, String> {
    let date_text = |d: ReleaseDate| d.to_string();
    let objects: Vec<String> = added
        .iter()
        .map(|c| {
            let members: Vec<String> = fields(c, product, source, &date_text)
                .into_iter()
                .map(|(k, v)| {
                    let value = match k {
                        "lts" => v,
                        _ => serde_json::Value::String(v).to_string(),
                    };
                    format!("\"{k}\": {value}")
                })
                .collect();
            format!("{{{}}}", members.join(", "))
        })
        .collect();
    let Some(text) = existing.filter(|t| !t.trim().is_empty()) else {
        return Ok(format!("{{\"releases\": [\n  {}\n]}}\n", objects.join(",\n  ")));
    };
    let root = json::parse(text, super::code::SYNTAX, "a catalog").map_err(|d| d.message)?;
    let array = match &root.kind {
        Kind::Array(_) => &root,
        Kind::Object(_) => root
            .get("releases")
            .ok_or_else(|| "the catalog has no `releases` array".to_owned())?,
        _ => return Err("the catalog is neither an object nor an array".to_owned()),
    };
    let Kind::Array(items) = &array.kind else {
        return Err("`releases` is not an array".to_owned());
    };
    let (at, insert) = match items.last() {
        Some(last) => (last.span.end, format!(",\n  {}", objects.join(",\n  "))),
        None => (array.span.start + 1, format!("\n  {}\n", objects.join(",\n  "))),
    };
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(text.get(..at).ok_or("the catalog changed while it was read")?);
    out.push_str(&insert);
    out.push_str(text.get(at..).unwrap_or(""));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn cand(v: &str, d: Option<(i32, u32, u32)>) -> Candidate {
        Candidate {
            version: v.to_owned(),
            date: d
                .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .map_or(ReleaseDate::Unknown, ReleaseDate::Exact),
            line: None,
            kind: None,
            lts: None,
            lts_from: None,
        }
    }

    #[test]
    fn csv_keeps_rows_and_adds_new_ones_once() {
        let old = "product,version,date,note\nx,1.0,2020-01-01,\"by hand, kept\"\nx,1.1,,\n";
        let c = [
            cand("1.0", Some((2020, 1, 2))),
            cand("1.1", Some((2020, 6, 1))),
            cand("1.2", Some((2021, 1, 1))),
        ];
        let m = merge(Some(old), CatalogFormat::Csv, "x", &c, "pypi x").unwrap();
        assert_eq!(m.text, format!("{old}x,1.2,2021-01-01,\n"));
        assert_eq!(m.added.len(), 1);
        assert_eq!(m.known, 2);
        assert_eq!(m.differing.len(), 2);
        let again = merge(Some(&m.text), CatalogFormat::Csv, "x", &c, "pypi x").unwrap();
        assert!(!again.changed());
        assert_eq!(again.text, m.text);
    }

    #[test]
    fn a_new_release_joins_the_line_the_catalog_names() {
        let old = "product,version,date,kind,line\nes,7,2019-04-10,first,7\nes,8.16,2024-11-12,first,8.16\n";
        let c = [
            cand("7.2.0", Some((2019, 6, 25))),
            cand("8.11.4", Some((2024, 1, 15))),
            cand("8.16.1", Some((2024, 11, 26))),
            cand("70.1", Some((2030, 1, 1))),
        ];
        let m = merge(Some(old), CatalogFormat::Csv, "es", &c, "release-data es").unwrap();
        assert_eq!(
            m.text,
            format!("{old}es,7.2.0,2019-06-25,,7\nes,8.11.4,2024-01-15,,\nes,8.16.1,2024-11-26,,8.16\nes,70.1,2030-01-01,,\n")
        );
    }

    #[test]
    fn a_release_named_with_more_zeros_is_the_same_release() {
        let old =
            "product,version,date,kind,line\nes,8.16,2024-11-12,first,8.16\nes,10,2026-01-01,first,10\n";
        let c = [
            cand("8.16.0", Some((2024, 11, 11))),
            cand("8.16.0.0", Some((2024, 11, 12))),
            cand("10.0.0", Some((2026, 1, 1))),
            cand("1", Some((2019, 1, 1))),
            cand("8.16.10", Some((2025, 1, 1))),
        ];
        let m = merge(Some(old), CatalogFormat::Csv, "es", &c, "release-data es").unwrap();
        assert_eq!(m.known, 3);
        assert_eq!(
            m.differing,
            [Difference {
                version: "8.16.0".to_owned(),
                catalog: ReleaseDate::Exact(NaiveDate::from_ymd_opt(2024, 11, 12).unwrap()),
                source: ReleaseDate::Exact(NaiveDate::from_ymd_opt(2024, 11, 11).unwrap()),
            }]
        );
        assert_eq!(
            m.text,
            format!("{old}es,1,2019-01-01,,\nes,8.16.10,2025-01-01,,8.16\n")
        );
        assert_eq!(release_key("0.0"), "0");
        assert_eq!(release_key("2026.01"), "2026.01");
        assert_eq!(release_key("1.10"), "1.10");
    }

    #[test]
    fn a_cycle_is_the_release_the_catalog_marks_first_in_its_line() {
        // endoflife.date names a line's first release by the line; a catalog written from
        // the vendor's records names it by the release, and its date wins
        let old = "product,version,date,kind,line\nm,8.0.11,2018-04-19,first,\nm,8.0.46,2026-04-21,latest,\n\
                   m,5.7.9,2015-10-21,first,\nm,40.0.0,2025-04-30,first,40\nm,2.1.4,2019-05-01,first,2\n\
                   m,20.1.0,2030-01-01,first,\n";
        let first = |v: &str, d| {
            let mut c = cand(v, Some(d));
            c.kind = Some("first".to_owned());
            c
        };
        let c = [
            first("8.0", (2018, 4, 8)),
            first("5.7", (2015, 10, 21)),
            first("40", (2025, 2, 22)),
            // a line the catalog has no first release of: added
            first("9.1", (2024, 10, 15)),
            // the row that names line 2 (its first release was 2.1.4), not 20.1.0
            first("2", (2019, 5, 1)),
            // nothing begins line 21 (20.1.0 does not): added
            first("21", (2031, 1, 1)),
            // not a first release: another release of the line
            cand("8.0.12", Some((2018, 7, 27))),
        ];
        let m = merge(Some(old), CatalogFormat::Csv, "m", &c, "endoflife m").unwrap();
        assert_eq!(m.known, 4);
        let day = |y, mo, d| ReleaseDate::Exact(NaiveDate::from_ymd_opt(y, mo, d).unwrap());
        assert_eq!(
            m.differing,
            [
                Difference {
                    version: "8.0 (8.0.11)".to_owned(),
                    catalog: day(2018, 4, 19),
                    source: day(2018, 4, 8),
                },
                Difference {
                    version: "40".to_owned(),
                    catalog: day(2025, 4, 30),
                    source: day(2025, 2, 22),
                },
            ]
        );
        assert_eq!(
            m.text,
            format!("{old}m,9.1,2024-10-15,first,\nm,21,2031-01-01,first,\nm,8.0.12,2018-07-27,,\n")
        );
    }

    #[test]
    fn csv_widens_for_a_line_column() {
        let old = "product,version,date\r\nx,1.0,2020-01-01\r\n";
        let mut c = cand("2.0", Some((2021, 1, 1)));
        c.line = Some("2".to_owned());
        let m = merge(Some(old), CatalogFormat::Csv, "x", &[c], "s").unwrap();
        assert_eq!(
            m.text,
            "product,version,date,line\r\nx,1.0,2020-01-01,\r\nx,2.0,2021-01-01,2\n"
        );
    }

    #[test]
    fn new_catalogs_in_every_format() {
        let c = [cand("1.0", Some((2020, 1, 1))), cand("1.1", None)];
        for format in CatalogFormat::ALL {
            let m = merge(None, format, "x", &c, "npm x").unwrap();
            let (cat, d) = parse_catalog(&m.text, format);
            assert!(d.iter().all(|d| !d.is_error()), "{format:?}: {d:?}\n{}", m.text);
            assert_eq!(cat.releases.len(), 2);
            let again = merge(Some(&m.text), format, "x", &c, "npm x").unwrap();
            assert!(!again.changed());
        }
    }

    #[test]
    fn toml_and_json_append_keeping_everything() {
        let toml_old = "# by hand\n[[release]]\nproduct = \"x\"\nversion = \"1.0\"\ndate = 2020-01-01\n";
        let m = merge(
            Some(toml_old),
            CatalogFormat::Toml,
            "x",
            &[cand("1.1", Some((2020, 2, 1)))],
            "s",
        )
        .unwrap();
        assert!(m.text.starts_with(toml_old));
        let json_old = "{\"releases\": [\n  {\"product\": \"x\", \"version\": \"1.0\"}\n]}\n";
        let m = merge(
            Some(json_old),
            CatalogFormat::Json,
            "x",
            &[cand("1.1", None)],
            "s",
        )
        .unwrap();
        assert!(m
            .text
            .starts_with("{\"releases\": [\n  {\"product\": \"x\", \"version\": \"1.0\"},\n  {"));
        assert!(merge(Some("[\n]"), CatalogFormat::Json, "x", &[cand("1.1", None)], "s").is_ok());
    }

    #[test]
    fn broken_catalogs_are_not_merged_into() {
        assert!(merge(
            Some("product,version\nx,1.0\nx,1.0\n"),
            CatalogFormat::Csv,
            "x",
            &[cand("2", None)],
            "s"
        )
        .is_err());
        assert!(merge(
            Some("release = [{product = \"x\", version = \"1\"}]\n"),
            CatalogFormat::Toml,
            "x",
            &[cand("2", None)],
            "s"
        )
        .is_err());
    }
}
