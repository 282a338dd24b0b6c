//! The record of where a catalog's releases come from and how fresh they are: a
//! sidecar file beside the catalog (`rules/NAME.sources.toml` for
//! `rules/NAME.releases.csv`), written by `eol update` and `eol import`. Catalogs
//! themselves stay facts about releases; this file holds facts about fetching.
//!
//! ```toml
//! [[source]]
//! kind = "github-releases"
//! location = "nodejs/node"
//! checked = 2026-12-01   # the day the source was read (eol update's --at)
//! newest = 2026-11-25    # the newest release date it listed
//! releases = 412         # releases it listed that the policy can read
//! ```

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_syntax::{Diagnostic, Span};

use super::code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRecord {
    /// a source kind (`github-releases`), or `endoflife-csv` for the CSV import
    pub kind: String,
    pub location: String,
    /// the day the source was read (absent for files whose day is not known)
    pub checked: Option<NaiveDate>,
    /// the newest release date the source listed
    pub newest: Option<NaiveDate>,
    pub releases: usize,
}

/// `rules/NAME.sources.toml` for `rules/NAME.releases.EXT`; `DIR/STEM.sources.toml` for
/// any other catalog.
pub fn record_path(catalog: &Path) -> PathBuf {
    let name = catalog
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) => stem.strip_suffix(".releases").unwrap_or(stem).to_owned(),
        None => name,
    };
    catalog.with_file_name(format!("{stem}.sources.toml"))
}

/// Read a record file; every problem is a `eol::source-record` diagnostic.
pub fn parse(text: &str) -> (Vec<SourceRecord>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let bad = |span: Span, message: String, label: &str| {
        Diagnostic::error(code::RECORD, message, span, label.to_owned()).with_help(
            "this file is written by `eol update` and `eol import`; fix the entry or delete the file (the next update writes it again)",
        )
    };
    let doc: toml::Table = match text.parse() {
        Ok(d) => d,
        Err(e) => {
            let span = e.span().map_or(Span::point(0), |r| Span::new(r.start, r.end));
            diags.push(bad(
                span,
                format!("not a sources record: {}", e.message()),
                "here",
            ));
            return (out, diags);
        }
    };
    let whole = Span::new(0, text.len());
    for (key, value) in &doc {
        let Some(list) = value.as_array().filter(|_| key == "source") else {
            diags.push(bad(
                find(text, key).unwrap_or(whole),
                format!("unknown key `{key}`"),
                "not `[[source]]`",
            ));
            continue;
        };
        for entry in list {
            let Some(t) = entry.as_table() else {
                diags.push(bad(whole, "a `source` entry must be a table".to_owned(), "here"));
                continue;
            };
            let text_of = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_owned);
            let date_of = |k: &str| -> Result<Option<NaiveDate>, ()> {
                match t.get(k) {
                    None => Ok(None),
                    Some(toml::Value::Datetime(d)) => NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d")
                        .map(Some)
                        .map_err(|_| ()),
                    Some(_) => Err(()),
                }
            };
            let (Some(kind), Some(location)) = (text_of("kind"), text_of("location")) else {
                diags.push(bad(
                    find(text, "[[source]]").unwrap_or(whole),
                    "a source without `kind` or `location`".to_owned(),
                    "this entry",
                ));
                continue;
            };
            let (Ok(checked), Ok(newest)) = (date_of("checked"), date_of("newest")) else {
                let at = find(text, "checked =")
                    .or_else(|| find(text, "newest ="))
                    .unwrap_or(whole);
                diags.push(bad(
                    at,
                    format!("`checked` and `newest` of `{kind} {location}` must be dates (YYYY-MM-DD)"),
                    "not a date",
                ));
                continue;
            };
            let releases = t.get("releases").and_then(toml::Value::as_integer).unwrap_or(0);
            out.push(SourceRecord {
                kind,
                location,
                checked,
                newest,
                releases: usize::try_from(releases).unwrap_or(0),
            });
        }
    }
    (out, diags)
}

fn find(text: &str, what: &str) -> Option<Span> {
    text.find(what).map(|i| Span::new(i, i + what.len()))
}

/// Replace the record of the same kind and location, or add it; the others stay.
pub fn upsert(records: &mut Vec<SourceRecord>, new: SourceRecord) {
    match records
        .iter_mut()
        .find(|r| r.kind == new.kind && r.location == new.location)
    {
        Some(r) => *r = new,
        None => records.push(new),
    }
}

/// The file's text. `catalog` names the catalog in the opening comment.
pub fn render(catalog: &str, records: &[SourceRecord]) -> String {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = format!(
        "# Where the releases in {catalog} come from, and how fresh they are.\n\
         # Written by `eol update` and `eol import` (docs/sources.md); `checked`: the day the\n\
         # source was read, `newest`: the newest release date it listed.\n"
    );
    for r in records {
        out.push_str(&format!(
            "\n[[source]]\nkind = {}\nlocation = {}\n",
            quote(&r.kind),
            quote(&r.location)
        ));
        if let Some(d) = r.checked {
            out.push_str(&format!("checked = {d}\n"));
        }
        if let Some(d) = r.newest {
            out.push_str(&format!("newest = {d}\n"));
        }
        out.push_str(&format!("releases = {}\n", r.releases));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let r = SourceRecord {
            kind: "pypi".into(),
            location: "Django".into(),
            checked: NaiveDate::from_ymd_opt(2026, 12, 1),
            newest: NaiveDate::from_ymd_opt(2026, 11, 5),
            releases: 3,
        };
        let text = render("x.releases.csv", std::slice::from_ref(&r));
        let (back, d) = parse(&text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(back, vec![r]);
        assert_eq!(
            record_path(Path::new("rules/go.releases.csv")),
            Path::new("rules/go.sources.toml")
        );
        assert_eq!(record_path(Path::new("my.csv")), Path::new("my.sources.toml"));
        let (_, d) = parse("[[source]]\nkind = 1\n");
        assert_eq!(d[0].code, code::RECORD);
    }
}
