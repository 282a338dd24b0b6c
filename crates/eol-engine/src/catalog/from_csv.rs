//! CSV catalogs: a header row, then one row per release.
//!
//! The text is read by our own reader, in one pass over its bytes, with the quoting rules of
//! the `csv` crate's defaults (RFC 4180 quoting, `\n`, `\r` or `\r\n` between records, empty
//! lines skipped): each field's value and its span in the file come out of the same walk
//! ([`split_record`]), and a field written without quotes is borrowed from the file's text.
//! A test reads random texts with both readers and compares every record. Cells are trimmed;
//! an empty cell is an absent value; a row whose cells are all empty (a spreadsheet's
//! `,,,,`) is not a release and is passed over.

use std::borrow::Cow;

use eol_syntax::{Diagnostic, Span};

use super::build::{trim_span, Meaning, RawField, RawRelease, RawValue};
use super::code;

/// A header column a release can be read from; `None` for a column whose values are not read
/// (no name, or a repeated name, both reported).
type Column = Option<(String, Span)>;

/// The records of a text, one at a time, with the line each starts on; the fields of the
/// last record read are in `fields` (reused from record to record).
struct Records<'t> {
    text: &'t str,
    pos: usize,
    /// Lines are counted as the reader goes: newlines up to `counted_to` are in `line`.
    counted_to: usize,
    line: usize,
    unclosed_reported: bool,
    fields: Vec<Field>,
}

/// Where a record is, and whether it can be read (no text after a closing quote).
struct Record {
    row: usize,
    span: Span,
    readable: bool,
}

impl<'t> Records<'t> {
    fn new(text: &'t str) -> Self {
        Records {
            text,
            pos: 0,
            counted_to: 0,
            line: 1,
            unclosed_reported: false,
            fields: Vec::new(),
        }
    }

    /// The next record; its problems (an unclosed quote, text after a closing quote) are
    /// reported into `diags`.
    fn next(&mut self, diags: &mut Vec<Diagnostic>) -> Option<Record> {
        let bytes = self.text.as_bytes();
        // Line terminators between records, and empty lines, are not records.
        while matches!(bytes.get(self.pos), Some(b'\r' | b'\n')) {
            self.pos += 1;
        }
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        self.line += bytes
            .get(self.counted_to..start)
            .map_or(0, |seen| seen.iter().filter(|b| **b == b'\n').count());
        self.counted_to = start;
        let split = split_record(self.text, start, &mut self.fields);
        self.pos = split.end;
        if let (Some(quote), false) = (split.unclosed, self.unclosed_reported) {
            self.unclosed_reported = true;
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
        }
        Some(Record {
            row: self.line,
            span: Span::new(start, split.end),
            readable: split.after_quote.is_none(),
        })
    }
}

/// Reads every row, handing each release to `sink` as soon as it is read (with the
/// diagnostics so far), so that the rows of a large file are never all held at once.
pub(super) fn read(
    text: &str,
    diags: &mut Vec<Diagnostic>,
    sink: &mut dyn FnMut(&RawRelease<'_>, &mut Vec<Diagnostic>),
) {
    let mut records = Records::new(text);
    // The header is the first record (read even with text after a quote, which is reported).
    let Some(first) = records.next(diags) else {
        return;
    };
    let cells: Vec<(Cow<'_, str>, Span)> = records.fields.iter().map(|f| (f.value(text), f.span)).collect();
    let (columns, missing_reported) = read_header(&cells, first.span, diags);
    // The release's fields, one per named column, made once: each row sets their values
    // (keys borrow the header's names).
    let named: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_ref().map(|_| i))
        .collect();
    let mut row_fields: Vec<RawField<'_>> = columns
        .iter()
        .flatten()
        .map(|(key, key_span)| RawField {
            meaning: Meaning::of(key),
            key: Cow::Borrowed(key),
            key_span: *key_span,
            value: RawValue::Null,
            value_span: Span::default(),
        })
        .collect();
    while let Some(record) = records.next(diags) {
        let fields = &records.fields;
        if !record.readable || fields.iter().all(|f| f.is_empty(text)) {
            continue;
        }
        if fields.len() != columns.len() {
            diags.push(
                Diagnostic::error(
                    code::FIELD_COUNT,
                    format!(
                        "this row has {}, the header has {}",
                        plural_fields(fields.len()),
                        plural_fields(columns.len())
                    ),
                    record.span,
                    format!("{}; this row is not read", plural_fields(fields.len())),
                )
                .with_help("give every row one field per header column (empty for an unknown value); quote a value that contains a comma: `\"a, b\"`"),
            );
            continue;
        }
        for (raw, field) in row_fields
            .iter_mut()
            .zip(named.iter().filter_map(|&i| fields.get(i)))
        {
            raw.value = RawValue::Text(field.value(text));
            raw.value_span = field.span;
        }
        let raw = RawRelease {
            span: record.span,
            row: record.row,
            fields: std::mem::take(&mut row_fields),
            cells: true,
            missing_reported,
        };
        sink(&raw, diags);
        row_fields = raw.fields;
    }
}

/// The columns of the header row, and whether a missing `product` / `version` column was reported.
fn read_header(
    cells: &[(Cow<'_, str>, Span)],
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Column>, bool) {
    let mut columns: Vec<Column> = Vec::with_capacity(cells.len());
    for (name, cell) in cells {
        let name: &str = name;
        if name.is_empty() {
            diags.push(
                Diagnostic::error(code::EMPTY_COLUMN_NAME, "a header column has no name", *cell, "no name")
                    .with_help("name the column, or remove it from the header and from every row; its values are not read"),
            );
            columns.push(None);
        } else if let Some((_, first)) = columns.iter().flatten().find(|(n, _)| &**n == name) {
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
            columns.push(Some((name.to_owned(), *cell)));
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

fn plural_fields(n: usize) -> String {
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

/// One field of a record, as [`split_record`] found it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Field {
    /// The trimmed content (inside the quotes when quoted).
    span: Span,
    /// A quoted field: its content between the quotes (untrimmed, `""` not yet one quote) and
    /// any text after the closing quote, which the `csv` crate's rules append to the value.
    quoted: Option<(Span, Span)>,
}

impl Field {
    /// Whether the trimmed value is empty.
    fn is_empty(&self, text: &str) -> bool {
        match self.quoted {
            None => self.span.is_empty(),
            Some(_) => self.value(text).is_empty(),
        }
    }

    /// The trimmed value, as the `csv` crate reads it: the file's text when written without
    /// quotes, else the content with `""` read as `"`, followed by what came after the quote.
    #[inline]
    fn value<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.quoted {
            None => Cow::Borrowed(self.span.text(text)),
            Some((content, after)) => {
                let mut value = content.text(text).replace("\"\"", "\"");
                value.push_str(after.text(text));
                match value.trim() {
                    trimmed if trimmed.len() == value.len() => Cow::Owned(value),
                    trimmed => Cow::Owned(trimmed.to_owned()),
                }
            }
        }
    }
}

/// The fields of the record starting at `start`, with the quoting rules of the `csv` crate's
/// defaults: `"` opens a quoted field only as its first byte, `""` inside is one quote, and
/// `,`, `\n`, `\r` outside quotes end a field. `fields` is set to each field's trimmed
/// content (inside the quotes when quoted) and how it was quoted.
fn split_record(text: &str, start: usize, fields: &mut Vec<Field>) -> Split {
    let bytes = text.as_bytes();
    let is_end = |b: &u8| matches!(b, b',' | b'\n' | b'\r');
    let mut pos = start;
    fields.clear();
    let mut unclosed = None;
    let mut after_quote = None;
    loop {
        let (content, quoted) = if bytes.get(pos) == Some(&b'"') {
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
            (content, Some((content, Span::new(after, pos))))
        } else {
            let field_start = pos;
            // Most fields: the bytes up to the next `,`, `\n` or `\r`.
            pos = bytes
                .get(pos..)
                .and_then(|rest| rest.iter().position(is_end))
                .map_or(bytes.len(), |n| pos + n);
            (Span::new(field_start, pos), None)
        };
        fields.push(Field {
            span: trim_span(text, content),
            quoted,
        });
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
    use super::{split_record, Field};
    use proptest::prelude::*;

    /// Every record of `text` as our reader reads it: where it starts and its trimmed values.
    fn ours(text: &str) -> Vec<(usize, Vec<String>)> {
        let bytes = text.as_bytes();
        let (mut pos, mut out, mut fields) = (0, Vec::new(), Vec::<Field>::new());
        loop {
            while matches!(bytes.get(pos), Some(b'\r' | b'\n')) {
                pos += 1;
            }
            if pos >= bytes.len() {
                return out;
            }
            let split = split_record(text, pos, &mut fields);
            out.push((pos, fields.iter().map(|f| f.value(text).into_owned()).collect()));
            pos = split.end;
        }
    }

    /// The same, read by the `csv` crate (its defaults, flexible, every value trimmed).
    fn csv_crate(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while let Ok(true) = reader.read_record(&mut record) {
            // After a `\r\n`, `csv` puts the next record at the `\n`.
            let mut start = record.position().map_or(0, |p| p.byte() as usize).min(text.len());
            while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            out.push((start, record.iter().map(|v| v.trim().to_owned()).collect()));
        }
        out
    }

    #[test]
    fn reads_records_as_the_csv_crate_does() {
        for text in [
            "product,version,date\n otrs , 6.0.1 ,2020-01-01\r\nx,,\n\n,\ny,1,\"2\"\nz,\"a\"\"b\",3 \n",
            "a,b\nc",
            "a,b\r\rc,d\r\n",
            "a,\"b\nc\",d\ne,f",
            "\"a\"x,\" b \" ,\"\"\"\"\n",
            "a,\"never closed\nb,c\n",
            "\n\r\n  \n,\n",
            "a,b\"c\"\n \"d\",\"\"",
        ] {
            assert_eq!(ours(text), csv_crate(text), "{text:?}");
        }
    }

    #[test]
    fn spans_point_at_the_trimmed_content() {
        let text = "p, v ,\" q \"\n";
        let mut fields = Vec::new();
        let split = split_record(text, 0, &mut fields);
        let spans: Vec<&str> = fields.iter().map(|f| f.span.text(text)).collect();
        assert_eq!(spans, ["p", "v", "q"]);
        assert_eq!(split.end, text.len() - 1);
    }

    proptest! {
        #[test]
        fn our_reader_agrees_with_the_csv_crate(text in "[a-c ,\"\r\n]{0,40}") {
            prop_assert_eq!(ours(&text), csv_crate(&text), "{:?}", text);
        }
    }
}
