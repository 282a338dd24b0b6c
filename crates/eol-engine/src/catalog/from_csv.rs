//! CSV catalogs: a header row, then one row per release.
//!
//! The `csv` crate reads the values and the position (byte offset, line) of each record. It does
//! not give the source offsets of single fields (its field ranges index the unescaped data), so
//! [`split_record`] walks the record's raw text once more with the same quoting rules to find
//! the span of every field, unless the row has no quote (most rows): then a field is written
//! in the file exactly as the record holds it, and the spans follow from the fields' lengths
//! ([`unquoted_spans`]), without a second walk. Cells are trimmed; an empty cell is an absent value; a row whose cells
//! are all empty (a spreadsheet's `,,,,`) is not a release and is passed over.

use std::sync::Arc;

use eol_syntax::{Diagnostic, Span};

use super::build::{trim_span, RawField, RawRelease, RawValue};
use super::code;

/// A header column a release can be read from; `None` for a column whose values are not read
/// (no name, or a repeated name, both reported).
type Column = Option<(Arc<str>, Span)>;

/// Reads every row, handing each release to `sink` as soon as it is read (with the
/// diagnostics so far), so that the rows of a large file are never all held at once.
pub(super) fn read(
    text: &str,
    diags: &mut Vec<Diagnostic>,
    sink: &mut dyn FnMut(&RawRelease<'_>, &mut Vec<Diagnostic>),
) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<(Vec<Column>, bool)> = None;
    let mut unclosed_reported = false;
    // Records come in file order: their lines are counted as the reader goes.
    let (mut counted_to, mut line) = (0usize, 1usize);
    // One record, and the cells and fields of one row, reused from row to row.
    let mut record = csv::StringRecord::new();
    let mut spare: Vec<RawField<'static>> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let at = error
                    .position()
                    .and_then(|p| usize::try_from(p.byte()).ok())
                    .unwrap_or(0)
                    .min(text.len());
                diags.push(
                    Diagnostic::error(
                        code::SYNTAX,
                        format!("invalid CSV: {error}"),
                        Span::point(at),
                        "here",
                    )
                    .with_help("fix the CSV here; the rows after it are not read"),
                );
                break;
            }
        };
        // After a `\r\n`, `csv` puts the next record at the `\n` (and on the line before):
        // step over line terminators to the record's first byte, and count its line ourselves.
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0)
            .min(text.len());
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text
            .as_bytes()
            .get(counted_to..start)
            .map_or(0, |seen| seen.iter().filter(|b| **b == b'\n').count());
        counted_to = counted_to.max(start);
        let row = line;
        let split = match unquoted_spans(text, start, &record, &mut spans) {
            Some(split) => split,
            None => split_record(text, start, &mut spans),
        };
        if let (Some(quote), false) = (split.unclosed, unclosed_reported) {
            unclosed_reported = true;
            diags.push(
                Diagnostic::error(
                    code::SYNTAX,
                    "invalid CSV: a quote is never closed",
                    Span::new(quote, quote + 1),
                    "this quote opens a value that runs to the end of the file",
                )
                .with_help(
                    "close the value with `\"`; a quote inside a quoted value is written twice: `\"\"`",
                ),
            );
        }
        let row_span = Span::new(start, split.end);
        if let Some((extra, quoted)) = split.after_quote {
            diags.push(
                Diagnostic::error(
                    code::SYNTAX,
                    "invalid CSV: text after the closing quote of a value",
                    extra,
                    "after the closing quote; this row is not read",
                )
                .with_related(quoted, "the quoted value")
                .with_help(
                    "put the whole value inside the quotes (`\"2.1.0x\"`), or remove what follows them",
                ),
            );
            if header.is_some() {
                continue;
            }
        }
        // Field spans, or the whole row for every field should the two readings ever disagree.
        if spans.len() != record.len() {
            spans.clear();
            spans.resize(record.len(), row_span);
        }
        // Cells are trimmed here (as the `csv` crate's `Trim::All` would, with `str::trim`,
        // but without building a second record per row).
        let cells = record.iter().map(str::trim).zip(spans.iter().copied());
        let Some((columns, missing_reported)) = &header else {
            let cells: Vec<(&str, Span)> = cells.collect();
            header = Some(read_header(&cells, row_span, diags));
            continue;
        };
        if cells.clone().all(|(value, _)| value.is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            diags.push(
                Diagnostic::error(
                    code::FIELD_COUNT,
                    format!(
                        "this row has {}, the header has {}",
                        fields(record.len()),
                        fields(columns.len())
                    ),
                    row_span,
                    format!("{}; this row is not read", fields(record.len())),
                )
                .with_help("give every row one field per header column (empty for an unknown value); quote a value that contains a comma: `\"a, b\"`"),
            );
            continue;
        }
        let mut row_fields = reuse(std::mem::take(&mut spare));
        row_fields.extend(columns.iter().zip(cells).filter_map(|(column, (value, span))| {
            let (key, key_span) = column.as_ref()?;
            Some(RawField {
                key: key.clone(),
                key_span: *key_span,
                value: RawValue::Text(value.into()),
                value_span: span,
            })
        }));
        let raw = RawRelease {
            span: row_span,
            row,
            fields: row_fields,
            cells: true,
            missing_reported: *missing_reported,
        };
        sink(&raw, diags);
        spare = reuse(raw.fields);
    }
}

/// An emptied vector of fields, of any lifetime, with the room of `fields`: the fields of
/// the next row go where those of the last row were, without an allocation per row.
fn reuse<'b>(mut fields: Vec<RawField<'_>>) -> Vec<RawField<'b>> {
    fields.clear();
    // Collecting an empty iterator of a vector into a vector of the same layout reuses its
    // allocation (the `filter_map` changes the lifetime, which a `filter` cannot).
    #[allow(clippy::unnecessary_filter_map)]
    let fields = fields.into_iter().filter_map(|_| None).collect();
    fields
}

/// The columns of the header row, and whether a missing `product` / `version` column was reported.
fn read_header(cells: &[(&str, Span)], span: Span, diags: &mut Vec<Diagnostic>) -> (Vec<Column>, bool) {
    let mut columns: Vec<Column> = Vec::with_capacity(cells.len());
    for (name, cell) in cells {
        if name.is_empty() {
            diags.push(
                Diagnostic::error(code::EMPTY_COLUMN_NAME, "a header column has no name", *cell, "no name")
                    .with_help("name the column, or remove it from the header and from every row; its values are not read"),
            );
            columns.push(None);
        } else if let Some((_, first)) = columns.iter().flatten().find(|(n, _)| &**n == *name) {
            diags.push(
                Diagnostic::error(
                    code::DUPLICATE_KEY,
                    format!("column `{name}` appears twice"),
                    *cell,
                    "repeated here; its values are not read",
                )
                .with_related(*first, "first here")
                .with_help("rename or remove one of the two columns"),
            );
            columns.push(None);
        } else {
            columns.push(Some((Arc::from(*name), *cell)));
        }
    }
    let mut missing = false;
    for required in ["product", "version"] {
        if columns.iter().flatten().any(|(n, _)| &**n == required) {
            continue;
        }
        missing = true;
        let similar = columns
            .iter()
            .flatten()
            .find(|(n, _)| super::is_similar_name(n, required));
        let help = match similar {
            Some((n, _)) => format!("did you mean `{required}` for column `{n}`? column names are lowercase"),
            None => format!(
                "the first row is the header; name a column `{required}`, e.g. `product,version,date`"
            ),
        };
        diags.push(
            Diagnostic::error(
                code::MISSING_COLUMN,
                format!("the header has no `{required}` column"),
                span,
                format!("no `{required}` here"),
            )
            .with_help(format!("{help}; no release can be read without it")),
        );
    }
    (columns, missing)
}

fn fields(n: usize) -> String {
    if n == 1 {
        "1 field".to_owned()
    } else {
        format!("{n} fields")
    }
}

struct Split {
    /// Where the record ends, before its line terminator.
    end: usize,
    /// The offset of a quote that is never closed.
    unclosed: Option<usize>,
    /// Text after a closing quote (`"2.1.0"x`), with the quoted value it follows.
    after_quote: Option<(Span, Span)>,
}

/// The fields' spans of a `record` starting at `start` that has no quote in the file: its
/// fields are then the file's bytes between commas, so each span follows from the lengths
/// of the fields before it. `None` (read the row with [`split_record`]) when the row as
/// the record puts it in the file has a quote or does not end at a line terminator (the end
/// of the file); `fields` as [`split_record`] sets it.
fn unquoted_spans(
    text: &str,
    start: usize,
    record: &csv::StringRecord,
    fields: &mut Vec<Span>,
) -> Option<Split> {
    let bytes = text.as_bytes();
    let commas = record.len().checked_sub(1)?;
    let end = start
        .checked_add(record.as_byte_record().as_slice().len())?
        .checked_add(commas)?;
    if bytes.get(start..end)?.contains(&b'"') || !matches!(bytes.get(end), None | Some(b'\r' | b'\n')) {
        return None;
    }
    fields.clear();
    let mut pos = start;
    for field in record.iter() {
        fields.push(trim_span(text, Span::new(pos, pos + field.len())));
        pos += field.len() + 1;
    }
    Some(Split {
        end,
        unclosed: None,
        after_quote: None,
    })
}

/// The fields of the record starting at `start`, with the quoting rules of the `csv` crate's
/// defaults: `"` opens a quoted field only as its first byte, `""` inside is one quote, and
/// `,`, `\n`, `\r` outside quotes end a field. `fields` is set to the trimmed content of each
/// field (inside the quotes when quoted).
fn split_record(text: &str, start: usize, fields: &mut Vec<Span>) -> Split {
    let bytes = text.as_bytes();
    let is_end = |b: &u8| matches!(b, b',' | b'\n' | b'\r');
    let mut pos = start;
    fields.clear();
    let mut unclosed = None;
    let mut after_quote = None;
    loop {
        let content = if bytes.get(pos) == Some(&b'"') {
            let open = pos;
            let mut i = pos + 1;
            let close = loop {
                match bytes.get(i) {
                    None => break None,
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => break Some(i),
                    Some(_) => i += 1,
                }
            };
            let content = match close {
                Some(close) => {
                    pos = close + 1;
                    Span::new(open + 1, close)
                }
                None => {
                    unclosed = Some(open);
                    pos = bytes.len();
                    Span::new(open + 1, bytes.len())
                }
            };
            // Text after the closing quote still belongs to the field for the `csv`
            // crate (`"a"b` reads `ab`): noted, so that the row is not read silently.
            let after = pos;
            while bytes.get(pos).is_some_and(|b| !is_end(b)) {
                pos += 1;
            }
            let extra = trim_span(text, Span::new(after, pos));
            if after_quote.is_none() && !extra.is_empty() {
                after_quote = Some((extra, Span::new(open, after)));
            }
            content
        } else {
            let field_start = pos;
            while bytes.get(pos).is_some_and(|b| !is_end(b)) {
                pos += 1;
            }
            Span::new(field_start, pos)
        };
        fields.push(trim_span(text, content));
        if bytes.get(pos) == Some(&b',') {
            pos += 1;
        } else {
            break;
        }
    }
    Split {
        end: pos,
        unclosed,
        after_quote,
    }
}

#[cfg(test)]
mod tests {
    use super::{split_record, unquoted_spans};
    use proptest::prelude::*;

    /// Every record of `text`: the spans read from the fields' lengths, when that reading
    /// applies, are those of the walk with the quoting rules.
    fn same_spans(text: &str) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let (mut fast, mut walked) = (Vec::new(), Vec::new());
        while let Ok(true) = reader.read_record(&mut record) {
            let mut start = record.position().map_or(0, |p| p.byte() as usize).min(text.len());
            while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            let walk = split_record(text, start, &mut walked);
            if let Some(split) = unquoted_spans(text, start, &record, &mut fast) {
                assert_eq!(fast, walked, "{text:?}");
                assert_eq!(split.end, walk.end, "{text:?}");
                assert!(walk.unclosed.is_none() && walk.after_quote.is_none(), "{text:?}");
            }
        }
    }

    #[test]
    fn unquoted_rows_read_as_the_walk_reads_them() {
        same_spans(
            "product,version,date\n otrs , 6.0.1 ,2020-01-01\r\nx,,\n\n,\ny,1,\"2\"\nz,\"a\"\"b\",3 \n",
        );
        same_spans("a,b\nc");
        same_spans("a,b\r\rc,d\r\n");
    }

    proptest! {
        #[test]
        fn unquoted_spans_agree_with_the_walk(text in "[a-c ,\"\r\n]{0,40}") {
            same_spans(&text);
        }
    }
}
