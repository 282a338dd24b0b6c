//! The lifecycle table for other engines: one row per release line and phase, with
//! dates and how sure each is, so that Spark, Trino, DuckDB or DataFusion can join fleet
//! inventories far larger than one machine (`eol export lifecycle --format csv|parquet`).
//!
//! A line without phases still has a row (with no phase), so that a join finds it.
//! `standard` says whether the phase counts towards the end of standard support (it is
//! not paid extended support, or every phase of the policy is): the end of life a query
//! should use is the latest `end_date` among a line's `standard` rows (pending when one
//! of them is null), as `eol audit` computes it.
//!
//! A policy that supports only the newest release of a unit within a line
//! (`superseded by newer minor`) has `superseded_components` on its rows: an item whose
//! first that many components are lower than those of `newest_release` is superseded once
//! `newest_release_date` plus `superseded_grace` has come (`eol audit` looks for the earliest
//! such release in the catalog; the table carries the line's newest).

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::eval::ValueKind;
use crate::query::{counted, Basis, ProductView};

/// The columns, in order, with their Parquet types.
pub const COLUMNS: [(&str, ColumnType); 17] = [
    ("product", ColumnType::Text),
    ("line", ColumnType::Text),
    ("first_ship", ColumnType::Date),
    ("first_ship_kind", ColumnType::Text),
    ("phase", ColumnType::Text),
    ("phase_name", ColumnType::Text),
    ("role", ColumnType::Text),
    ("standard", ColumnType::Bool),
    ("start_date", ColumnType::Date),
    ("start_kind", ColumnType::Text),
    ("end_date", ColumnType::Date),
    ("end_kind", ColumnType::Text),
    ("last_day", ColumnType::Date),
    ("newest_release", ColumnType::Text),
    ("newest_release_date", ColumnType::Date),
    ("superseded_components", ColumnType::Int),
    ("superseded_grace", ColumnType::Text),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Date,
    Bool,
    Int,
}

/// One row: a line and one of its phases (or none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub product: String,
    pub line: String,
    pub first_ship: Option<NaiveDate>,
    pub first_ship_kind: ValueKind,
    pub phase: Option<String>,
    pub phase_name: Option<String>,
    pub role: Option<&'static str>,
    pub standard: Option<bool>,
    pub start: Option<NaiveDate>,
    pub start_kind: Option<ValueKind>,
    pub end: Option<NaiveDate>,
    pub end_kind: Option<ValueKind>,
    pub last_day: Option<NaiveDate>,
    /// the line's newest release shipped by the day of the export
    pub newest_release: Option<String>,
    pub newest_release_date: Option<NaiveDate>,
    /// `superseded by newer UNIT`: how many leading components a newer release must exceed
    pub superseded_components: Option<i32>,
    /// and its grace period, as the rule file writes it
    pub superseded_grace: Option<String>,
}

/// The rows of every product, lines in the catalog's order, phases in the policy's; the
/// lines' newest releases are those shipped by `at`.
pub fn rows(products: &[ProductView<'_>], at: NaiveDate, lang: Option<&str>) -> Vec<Row> {
    let mut out = Vec::new();
    for view in products {
        let policy = view.policy;
        let superseded_components = policy
            .superseded
            .as_ref()
            .and_then(|s| i32::try_from(s.component + 1).ok());
        let superseded_grace = policy
            .superseded
            .as_ref()
            .and_then(|s| s.grace.as_ref())
            .map(ToString::to_string);
        for line in &view.product.lifecycle.lines {
            let newest = crate::query::newest_of(policy, &mut view.releases_of(line), at);
            let (first_ship, first_ship_kind) = match &line.first_ship {
                Some(f) => (f.date, f.kind),
                None => (None, ValueKind::Pending),
            };
            let base = Row {
                product: policy.id.clone(),
                line: line.line.clone(),
                first_ship,
                first_ship_kind,
                phase: None,
                phase_name: None,
                role: None,
                standard: None,
                start: None,
                start_kind: None,
                end: None,
                end_kind: None,
                last_day: None,
                newest_release: newest.as_ref().map(|r| r.version.clone()),
                newest_release_date: newest.as_ref().and_then(|r| r.date),
                superseded_components,
                superseded_grace: superseded_grace.clone(),
            };
            if line.phases.is_empty() {
                out.push(base);
                continue;
            }
            let standard = counted(policy, line, Basis::Standard);
            for (p, std) in line.phases.iter().zip(standard) {
                let decl = policy.phases.get(p.phase);
                out.push(Row {
                    phase: decl.map(|d| d.id.clone()),
                    phase_name: decl.map(|d| d.labels.get(lang).to_owned()),
                    role: decl.and_then(|d| d.role).map(|r| r.as_str()),
                    standard: Some(std),
                    start: p.start.date,
                    start_kind: Some(p.start.kind),
                    end: p.end.date,
                    end_kind: Some(p.end.kind),
                    last_day: p.end.date.and_then(|d| d.pred_opt()),
                    ..base.clone()
                });
            }
        }
    }
    out
}

fn cell(out: &mut String, v: &str) {
    crate::audit::output::csv_cell(out, v);
}

/// The rows as CSV with a header; empty cells for nulls.
pub fn write_csv<W: Write>(rows: &[Row], mut out: W) -> io::Result<()> {
    let header: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).collect();
    writeln!(out, "{}", header.join(","))?;
    let mut line = String::new();
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for r in rows {
        line.clear();
        let cells: [String; 17] = [
            r.product.clone(),
            r.line.clone(),
            date(r.first_ship),
            r.first_ship_kind.as_str().to_owned(),
            r.phase.clone().unwrap_or_default(),
            r.phase_name.clone().unwrap_or_default(),
            r.role.unwrap_or("").to_owned(),
            r.standard.map(|b| b.to_string()).unwrap_or_default(),
            date(r.start),
            r.start_kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            date(r.end),
            r.end_kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            date(r.last_day),
            r.newest_release.clone().unwrap_or_default(),
            date(r.newest_release_date),
            r.superseded_components.map(|n| n.to_string()).unwrap_or_default(),
            r.superseded_grace.clone().unwrap_or_default(),
        ];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            cell(&mut line, c);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}

/// The Parquet schema of [`COLUMNS`]: text as UTF-8 byte arrays, dates as `DATE`
/// (days since 1970-01-01); `product`, `line` and `first_ship_kind` are never null.
#[cfg(feature = "parquet")]
pub const PARQUET_SCHEMA: &str = "message lifecycle {
  REQUIRED BYTE_ARRAY product (UTF8);
  REQUIRED BYTE_ARRAY line (UTF8);
  OPTIONAL INT32 first_ship (DATE);
  REQUIRED BYTE_ARRAY first_ship_kind (UTF8);
  OPTIONAL BYTE_ARRAY phase (UTF8);
  OPTIONAL BYTE_ARRAY phase_name (UTF8);
  OPTIONAL BYTE_ARRAY role (UTF8);
  OPTIONAL BOOLEAN standard;
  OPTIONAL INT32 start_date (DATE);
  OPTIONAL BYTE_ARRAY start_kind (UTF8);
  OPTIONAL INT32 end_date (DATE);
  OPTIONAL BYTE_ARRAY end_kind (UTF8);
  OPTIONAL INT32 last_day (DATE);
  OPTIONAL BYTE_ARRAY newest_release (UTF8);
  OPTIONAL INT32 newest_release_date (DATE);
  OPTIONAL INT32 superseded_components;
  OPTIONAL BYTE_ARRAY superseded_grace (UTF8);
}";

/// The rows as one Parquet file (one row group, uncompressed: the table is small).
#[cfg(feature = "parquet")]
pub fn write_parquet<W: Write + Send>(rows: &[Row], out: W) -> Result<W, parquet::errors::ParquetError> {
    use std::sync::Arc;

    use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
        Some(d) => d,
        None => NaiveDate::MIN,
    };
    let days = |d: NaiveDate| i32::try_from((d - EPOCH).num_days()).unwrap_or(i32::MAX);
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_created_by("eol".to_owned())
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props)?;
    let mut group = writer.next_row_group()?;
    let mut index = 0usize;
    // Optional columns: the values present and one definition level per row.
    fn optional<T: Clone>(values: impl Iterator<Item = Option<T>>) -> (Vec<T>, Vec<i16>) {
        let mut present = Vec::new();
        let mut levels = Vec::new();
        for v in values {
            levels.push(i16::from(v.is_some()));
            present.extend(v);
        }
        (present, levels)
    }
    let text = |s: &str| ByteArray::from(s.as_bytes().to_vec());
    while let Some(mut column) = group.next_column()? {
        match COLUMNS.get(index).map(|c| c.0) {
            Some(name @ ("product" | "line" | "first_ship_kind")) => {
                let values: Vec<ByteArray> = rows
                    .iter()
                    .map(|r| match name {
                        "product" => text(&r.product),
                        "line" => text(&r.line),
                        _ => text(r.first_ship_kind.as_str()),
                    })
                    .collect();
                column.typed::<ByteArrayType>().write_batch(&values, None, None)?;
            }
            Some(
                name @ ("phase" | "phase_name" | "role" | "start_kind" | "end_kind" | "newest_release"
                | "superseded_grace"),
            ) => {
                let (values, levels) = optional(rows.iter().map(|r| {
                    match name {
                        "phase" => r.phase.as_deref(),
                        "phase_name" => r.phase_name.as_deref(),
                        "role" => r.role,
                        "start_kind" => r.start_kind.map(ValueKind::as_str),
                        "newest_release" => r.newest_release.as_deref(),
                        "superseded_grace" => r.superseded_grace.as_deref(),
                        _ => r.end_kind.map(ValueKind::as_str),
                    }
                    .map(text)
                }));
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            Some("superseded_components") => {
                let (values, levels) = optional(rows.iter().map(|r| r.superseded_components));
                column
                    .typed::<Int32Type>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            Some("standard") => {
                let (values, levels) = optional(rows.iter().map(|r| r.standard));
                column
                    .typed::<BoolType>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            Some(name) => {
                let (values, levels) = optional(rows.iter().map(|r| {
                    match name {
                        "first_ship" => r.first_ship,
                        "start_date" => r.start,
                        "end_date" => r.end,
                        "newest_release_date" => r.newest_release_date,
                        _ => r.last_day,
                    }
                    .map(days)
                }));
                column
                    .typed::<Int32Type>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            None => {}
        }
        column.close()?;
        index += 1;
    }
    group.close()?;
    writer.into_inner()
}
