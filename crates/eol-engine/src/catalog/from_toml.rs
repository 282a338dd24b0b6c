//! TOML catalogs: `[[release]]` tables.
//!
//! Read through `toml`'s serde deserializer with [`toml::Spanned`] wrapped around every key,
//! release table and value, so each diagnostic points at the exact key or value. The visitors
//! accept any shape and report what does not fit as a diagnostic, so the deserializer itself only
//! ever fails on a TOML syntax error.

use std::fmt;

use eol_syntax::{Diagnostic, Span};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::build::{Meaning, RawField, RawRelease, RawValue};
use super::{code, LineIndex};

pub(super) fn read(text: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawRelease<'static>> {
    let document: Document = match toml::from_str(text) {
        Ok(document) => document,
        // The visitors accept every shape but one: a bare date or time where a release table
        // belongs (`release = [2020-01-01]`), which `toml` hands over in a form a spanned key
        // cannot read. Valid TOML that fails here is that case; the error points at the value.
        Err(error) if toml::from_str::<toml::Table>(text).is_ok() => {
            let span = error
                .span()
                .map_or(Span::new(0, text.len()), |r| Span::new(r.start, r.end));
            diags.push(
                Diagnostic::error(code::BAD_SHAPE, "a release must be a table", span, "not a table")
                    .with_help("write each release as a `[[release]]` table with `product` and `version`"),
            );
            return Vec::new();
        }
        Err(error) => {
            diags.push(syntax_error(text, &error));
            return Vec::new();
        }
    };
    let lines = LineIndex::new(text);
    let mut raws = Vec::new();
    for (key, value) in document.entries {
        let key_span = span_of(&key);
        match value {
            TopValue::Releases(list) => match list.into_inner() {
                List::Tables(entries) => {
                    for entry in entries {
                        let span = span_of(&entry);
                        match entry.into_inner() {
                            Entry::Table(fields) => raws.push(RawRelease {
                                span,
                                row: lines.line(span.start),
                                fields: fields.into_iter().map(|(k, v)| raw_field(text, k, v)).collect(),
                                cells: false,
                                missing_reported: false,
                            }),
                            Entry::NotTable => diags.push(
                                Diagnostic::error(
                                    code::BAD_SHAPE,
                                    "a release must be a table",
                                    span,
                                    "not a table",
                                )
                                .with_help("write each release as a `[[release]]` table with `product` and `version`"),
                            ),
                        }
                    }
                }
                List::NotList => diags.push(
                    Diagnostic::error(
                        code::BAD_SHAPE,
                        "`release` must be an array of tables",
                        key_span,
                        "not an array of tables",
                    )
                    .with_help("write `[[release]]` (two brackets) above each release, not `[release]`"),
                ),
            },
            TopValue::Other => {
                let name = key.get_ref();
                let help = if super::is_similar_name(name, "release") {
                    "did you mean `release`? each release is a `[[release]]` table".to_owned()
                } else {
                    format!(
                        "a catalog holds only `[[release]]` tables; move `{name}` into each release that it describes"
                    )
                };
                diags.push(
                    Diagnostic::error(
                        code::UNKNOWN_KEY,
                        format!("unknown top-level key `{name}`"),
                        key_span,
                        "not part of a catalog",
                    )
                    .with_help(help),
                );
            }
        }
    }
    raws
}

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let range = spanned.span();
    Span::new(range.start, range.end)
}

fn syntax_error(text: &str, error: &toml::de::Error) -> Diagnostic {
    let mut span = error
        .span()
        .map(|r| Span::new(r.start.min(text.len()), r.end.min(text.len())))
        .unwrap_or(Span::point(text.len()));
    let mut lines = error.message().lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid TOML").to_owned();
    if first.contains("date-time") {
        // `toml` points at one digit of `2023-02-30`; underline the whole value.
        span = widen(text, span, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'.' | b'+')
        });
    }
    let rest: Vec<&str> = lines.collect();
    let label = if rest.is_empty() {
        "here".to_owned()
    } else {
        rest.join("; ")
    };
    Diagnostic::error(code::SYNTAX, format!("invalid TOML: {first}"), span, label)
        .with_help("fix the TOML syntax here; nothing in the catalog is read until it parses")
}

/// `span` grown both ways over bytes that satisfy `part`.
fn widen(text: &str, span: Span, part: impl Fn(u8) -> bool) -> Span {
    let bytes = text.as_bytes();
    let mut start = span.start;
    while start > 0 && bytes.get(start - 1).is_some_and(|b| part(*b)) {
        start -= 1;
    }
    let mut end = span.end.max(start);
    while bytes.get(end).is_some_and(|b| part(*b)) {
        end += 1;
    }
    Span::new(start, end)
}

fn raw_field(text: &str, key: Spanned<String>, value: Spanned<toml::Value>) -> RawField<'static> {
    let key_span = span_of(&key);
    let mut value_span = span_of(&value);
    let raw = match value.into_inner() {
        toml::Value::String(s) => {
            value_span = unquote(text, value_span);
            RawValue::Text(s.into())
        }
        toml::Value::Integer(n) => RawValue::Integer(n),
        toml::Value::Float(_) => RawValue::Other("a decimal number"),
        toml::Value::Boolean(b) => RawValue::Bool(b),
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(_), None) => RawValue::Date(dt.to_string().into()),
            (None, _) => RawValue::Other("a time"),
            (Some(_), Some(_)) => RawValue::Other("a date-time"),
        },
        toml::Value::Array(_) => RawValue::Other("an array"),
        toml::Value::Table(_) => RawValue::Other("a table"),
    };
    let key = key.into_inner();
    RawField {
        meaning: Meaning::of(&key),
        key: key.into(),
        key_span,
        value: raw,
        value_span,
    }
}

/// The span of a TOML string without its quotes (`"…"`, `'…'`, `"""…"""`, `'''…'''`).
fn unquote(text: &str, span: Span) -> Span {
    let written = span.text(text);
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        let n = quote.len();
        if written.len() >= 2 * n && written.starts_with(quote) && written.ends_with(quote) {
            return Span::new(span.start + n, span.end - n);
        }
    }
    span
}

/// The root table: `release` read as a list of spanned tables, anything else only located.
struct Document {
    entries: Vec<(Spanned<String>, TopValue)>,
}

enum TopValue {
    Releases(Spanned<List>),
    Other,
}

enum List {
    Tables(Vec<Spanned<Entry>>),
    NotList,
}

enum Entry {
    Table(Vec<(Spanned<String>, Spanned<toml::Value>)>),
    NotTable,
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DocumentVisitor;
        impl<'de> Visitor<'de> for DocumentVisitor {
            type Value = Document;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TOML document")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = if key.get_ref() == "release" {
                        TopValue::Releases(map.next_value()?)
                    } else {
                        map.next_value::<IgnoredAny>()?;
                        TopValue::Other
                    };
                    entries.push((key, value));
                }
                Ok(Document { entries })
            }
        }
        deserializer.deserialize_map(DocumentVisitor)
    }
}

/// Visitor methods that take any scalar as the wrong shape (`$reject`) instead of failing, so the
/// deserializer only ever fails on TOML syntax. Used by both [`List`] and [`Entry`].
macro_rules! reject_scalars {
    ($value:ty, $reject:expr) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<$value, E> {
            Ok($reject)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<$value, E> {
            Ok($reject)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<$value, E> {
            Ok($reject)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<$value, E> {
            Ok($reject)
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<$value, E> {
            Ok($reject)
        }
    };
}

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = List;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of tables")
            }
            reject_scalars!(List, List::NotList);
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<List, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(List::NotList)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element()? {
                    entries.push(entry);
                }
                Ok(List::Tables(entries))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }
            reject_scalars!(Entry, Entry::NotTable);
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Entry::NotTable)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
                let mut fields = Vec::new();
                let mut table = true;
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    // toml hands a bare date or time to serde as a one-key map with a private key.
                    if key.get_ref().starts_with("$__toml_private") {
                        table = false;
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    let value = map.next_value::<Spanned<toml::Value>>()?;
                    fields.push((key, value));
                }
                Ok(if table {
                    Entry::Table(fields)
                } else {
                    Entry::NotTable
                })
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}
