//! From format-neutral key/value pairs to [`Release`]s: one set of rules and diagnostics for
//! TOML, CSV and JSON alike.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use eol_syntax::{Diagnostic, Span};

use super::{code, parse_date, AttrValue, Release, ReleaseDate, SmallMap, Text};
use crate::text::trim;

/// The keys with a meaning of their own; every other key is an attribute.
pub(super) const KNOWN_KEYS: &[&str] = &["product", "version", "date", "kind", "line", "final", "note"];

/// A value as the file states it, before it is given a meaning.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum RawValue<'a> {
    /// A string (TOML, JSON) or a cell (CSV, borrowed from the record read), untrimmed.
    Text(Cow<'a, str>),
    Bool(bool),
    Integer(i64),
    /// A native date value (a TOML local date), as written (`2017-11-21`).
    Date(Cow<'a, str>),
    /// JSON `null`: the key is treated as absent.
    Null,
    /// A value no release field can hold, described for the message: "a decimal number",
    /// "a date-time", "a table", "an array".
    Other(&'static str),
}

impl RawValue<'_> {
    fn describe(&self) -> &'static str {
        match self {
            RawValue::Text(_) => "text",
            RawValue::Bool(_) => "true/false",
            RawValue::Integer(_) => "a whole number",
            RawValue::Date(_) => "a date",
            RawValue::Null => "null",
            RawValue::Other(what) => what,
        }
    }
}

/// What a key means to a release: one of the known keys, or an attribute. Worked out once
/// per key (per column of a CSV header), not by comparing the key's text on every row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Meaning {
    Product,
    Version,
    Date,
    Kind,
    Line,
    Final,
    Note,
    Attribute,
}

impl Meaning {
    pub(super) fn of(key: &str) -> Meaning {
        match key {
            "product" => Meaning::Product,
            "version" => Meaning::Version,
            "date" => Meaning::Date,
            "kind" => Meaning::Kind,
            "line" => Meaning::Line,
            "final" => Meaning::Final,
            "note" => Meaning::Note,
            _ => Meaning::Attribute,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct RawField<'a> {
    /// Borrowed from the header by every row of a CSV file.
    pub key: Cow<'a, str>,
    /// What `key` means ([`Meaning::of`] it).
    pub meaning: Meaning,
    /// The key (TOML, JSON) or its header cell (CSV).
    pub key_span: Span,
    pub value: RawValue<'a>,
    /// The value without its quotes.
    pub value_span: Span,
}

#[derive(Clone, Debug)]
pub(super) struct RawRelease<'a> {
    /// The whole table / object / row.
    pub span: Span,
    /// 1-based line where the release starts.
    pub row: usize,
    pub fields: Vec<RawField<'a>>,
    /// CSV: every value is a cell of text, `true` / `false` are booleans.
    pub cells: bool,
    /// The reader already reported that `product` / `version` cannot be present (a CSV header
    /// without that column), so a release without them is not reported again.
    pub missing_reported: bool,
}

/// Turns raw releases into releases; remembers what it warned about so that a misspelt key
/// repeated in every release is reported once.
pub(super) struct Builder<'a> {
    /// The text the readers read (after a byte order mark): spans are offsets into it.
    text: &'a str,
    /// The whole text, which releases' [`Text`]s are ranges of, and where `text` starts in it.
    src: &'a Arc<String>,
    base: usize,
    warned_keys: HashSet<String>,
    /// Attribute keys seen so far: every release that has a key shares one copy of it, and
    /// whether a key looks like a misspelt known key is worked out once per key.
    keys: foldhash::HashMap<Arc<str>, Option<&'static str>>,
    /// The attributes of the release being built (reused from release to release).
    attributes: Vec<(Arc<str>, AttrValue, Span)>,
}

impl<'a> Builder<'a> {
    pub fn new(text: &'a str, src: &'a Arc<String>, base: usize) -> Self {
        Builder {
            text,
            src,
            base,
            warned_keys: HashSet::new(),
            keys: foldhash::HashMap::default(),
            attributes: Vec::new(),
        }
    }

    pub fn build(&mut self, raw: &RawRelease<'_>, diags: &mut Vec<Diagnostic>) -> Option<Release> {
        let mut product = None;
        let mut version = None;
        // A `product` / `version` that is present but unusable was reported already.
        let mut reported: Vec<&str> = Vec::new();
        let (mut date, mut date_span) = (ReleaseDate::Unknown, raw.span);
        let (mut kind, mut line, mut note, mut is_final) = (None, None, None, false);
        self.attributes.clear();
        for field in &raw.fields {
            match field.meaning {
                Meaning::Product | Meaning::Version => match self.required(field, diags) {
                    Ok(Some(value)) if field.meaning == Meaning::Product => product = Some(value),
                    Ok(Some(value)) => version = Some(value),
                    Ok(None) => {}
                    Err(()) => reported.push(&field.key),
                },
                Meaning::Date => {
                    if let Some((d, span)) = self.date(field, diags) {
                        date = d;
                        date_span = span;
                    }
                }
                Meaning::Kind => kind = self.optional_text(field, diags),
                Meaning::Line => line = self.optional_text(field, diags),
                Meaning::Note => note = self.optional_text(field, diags),
                Meaning::Final => is_final = self.flag(field, raw.cells, diags),
                Meaning::Attribute => {
                    let key = self.key(field, diags);
                    if let Some(value) = self.attribute(field, raw.cells, diags) {
                        let span = self.trimmed(field.value_span);
                        self.attributes.push((key, value, span));
                    }
                }
            }
        }
        for (name, value, example) in [("product", &product, "otrs"), ("version", &version, "6.0.1")] {
            if value.is_none() && !reported.contains(&name) && !raw.missing_reported {
                diags.push(
                    Diagnostic::error(
                        code::MISSING_FIELD,
                        format!("release has no `{name}`"),
                        raw.span,
                        format!("this release needs a `{name}`"),
                    )
                    .with_help(format!(
                        "add `{name}` (for example `{name} = \"{example}\"`); it is required"
                    )),
                );
            }
        }
        let ((product, _), (version, version_span)) = (product?, version?);
        let attributes = if self.attributes.is_empty() {
            SmallMap::new()
        } else {
            SmallMap::from_entries(self.attributes.drain(..).collect())
        };
        Some(Release {
            product,
            version,
            date,
            kind,
            line,
            is_final,
            attributes,
            note,
            // Offsets fit in u32 (`parse_catalog_shared` refuses larger texts), and so do lines.
            row: u32::try_from(raw.row).unwrap_or(u32::MAX),
            span: raw.span.into(),
            version_span: version_span.into(),
            date_span: date_span.into(),
        })
    }

    /// `value`, read from `span` of the text (both trimmed): a range of the file's text when
    /// it is written there as it reads, a copy of its own otherwise (unescaped quotes).
    fn text_of(&self, value: &str, span: Span) -> Text {
        // A cell read without quotes is the file's own text: known without comparing bytes.
        let written = self.text.get(span.start..span.end);
        let same =
            written.is_some_and(|w| std::ptr::eq(w.as_ptr(), value.as_ptr()) && w.len() == value.len());
        if same || written == Some(value) {
            if let Some(text) = Text::range(self.src, self.base + span.start, span.len()) {
                return text;
            }
        }
        Text::owned(value)
    }

    /// `product` / `version`: non-empty text. `Ok(None)` when absent (null), `Err` when reported.
    fn required(
        &self,
        field: &RawField<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Option<(Text, Span)>, ()> {
        match &field.value {
            RawValue::Text(text) => {
                let value = trim(text);
                if value.is_empty() {
                    let help = match &*field.key {
                        "product" => "write the product's name, for example `otrs`",
                        _ => "write the version as the vendor numbers it, for example `6.0.1`",
                    };
                    diags.push(
                        Diagnostic::error(
                            code::EMPTY_VALUE,
                            format!("`{}` is empty", field.key),
                            field.value_span,
                            format!("empty {}", field.key),
                        )
                        .with_help(help),
                    );
                    Err(())
                } else {
                    let span = self.trimmed(field.value_span);
                    Ok(Some((self.text_of(value, span), span)))
                }
            }
            RawValue::Null => Ok(None),
            other => {
                diags.push(self.wrong_type(field, "text", other));
                Err(())
            }
        }
    }

    fn date(&self, field: &RawField<'_>, diags: &mut Vec<Diagnostic>) -> Option<(ReleaseDate, Span)> {
        let span = self.trimmed(field.value_span);
        match &field.value {
            // Nothing written: the span stays on the whole release.
            RawValue::Text(text) if trim(text).is_empty() => None,
            RawValue::Text(text) | RawValue::Date(text) => match parse_date(text) {
                Ok(date) => Some((date, span)),
                Err(e) => {
                    diags.push(
                        Diagnostic::error(code::BAD_DATE, e.message, span, "not a date")
                            .with_help(format!("{}; the release is read with an unknown date", e.help)),
                    );
                    None
                }
            },
            RawValue::Null => None,
            other => {
                diags.push(self.wrong_type(field, "a date", other));
                None
            }
        }
    }

    /// `kind`, `line`, `note`: text; empty is absent.
    fn optional_text(&self, field: &RawField<'_>, diags: &mut Vec<Diagnostic>) -> Option<Text> {
        match &field.value {
            RawValue::Text(text) => {
                let text = trim(text);
                (!text.is_empty()).then(|| self.text_of(text, self.trimmed(field.value_span)))
            }
            RawValue::Null => None,
            other => {
                diags.push(self.wrong_type(field, "text", other));
                None
            }
        }
    }

    /// `final`: true or false (in CSV the cell `true` / `false`, any case); absent is false.
    fn flag(&self, field: &RawField<'_>, cells: bool, diags: &mut Vec<Diagnostic>) -> bool {
        match &field.value {
            RawValue::Bool(b) => *b,
            RawValue::Null => false,
            RawValue::Text(text) if cells => match cell_bool(text) {
                Some(b) => b,
                None if trim(text).is_empty() => false,
                None => {
                    diags.push(
                        Diagnostic::error(
                            code::WRONG_TYPE,
                            format!("`final` must be `true` or `false`, found `{}`", trim(text)),
                            self.trimmed(field.value_span),
                            "expected `true` or `false`",
                        )
                        .with_help("write `true` when the vendor says the line gets no more releases, `false` or nothing otherwise"),
                    );
                    false
                }
            },
            other => {
                diags.push(self.wrong_type(field, "`true` or `false`", other));
                false
            }
        }
    }

    fn attribute(&self, field: &RawField<'_>, cells: bool, diags: &mut Vec<Diagnostic>) -> Option<AttrValue> {
        match &field.value {
            RawValue::Text(text) => {
                let text = trim(text);
                if text.is_empty() {
                    return None;
                }
                if cells {
                    if let Some(b) = cell_bool(text) {
                        return Some(AttrValue::Bool(b));
                    }
                }
                if looks_like_day(text) {
                    self.attribute_date(field, text, diags)
                } else {
                    Some(AttrValue::Text(
                        self.text_of(text, self.trimmed(field.value_span)),
                    ))
                }
            }
            RawValue::Date(text) => self.attribute_date(field, text, diags),
            RawValue::Bool(b) => Some(AttrValue::Bool(*b)),
            RawValue::Integer(n) => Some(AttrValue::Number(*n)),
            RawValue::Null => None,
            other => {
                diags.push(self.wrong_type(field, "text, true/false, a whole number or a date", other));
                None
            }
        }
    }

    fn attribute_date(
        &self,
        field: &RawField<'_>,
        text: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<AttrValue> {
        match parse_date(text) {
            Ok(ReleaseDate::Exact(date)) => Some(AttrValue::Date(date)),
            Ok(_) => Some(AttrValue::Text(
                self.text_of(text, self.trimmed(field.value_span)),
            )),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        code::BAD_DATE,
                        e.message,
                        self.trimmed(field.value_span),
                        "not a date",
                    )
                    .with_help(format!("{}; attribute `{}` is not read", e.help, field.key)),
                );
                None
            }
        }
    }

    fn wrong_type(&self, field: &RawField<'_>, expected: &str, found: &RawValue<'_>) -> Diagnostic {
        let span = self.trimmed(field.value_span);
        let written = span.text(self.text);
        let help = match found {
            RawValue::Integer(_) | RawValue::Other("a decimal number") if expected == "text" => {
                format!("quote it: `\"{written}\"`; as a number, `7.10` would read as `7.1`")
            }
            RawValue::Integer(_) if expected == "a date" => {
                format!("quote it: `\"{written}\"`; a year or month alone is written as text")
            }
            RawValue::Other("a decimal number" | "a number too large") => {
                format!("quote it to keep it as text: `\"{written}\"`")
            }
            RawValue::Other("a table" | "an array" | "an object") => {
                "release values are single values; give each part its own key, e.g. `lts = true`".to_owned()
            }
            RawValue::Text(text) if expected == "`true` or `false`" => match cell_bool(text) {
                Some(b) => format!("write `{b}` without quotes"),
                None => "write `true` or `false`, without quotes".to_owned(),
            },
            RawValue::Other("a date-time" | "a time") => {
                "write the day only, e.g. `2017-11-21`; release dates have no time".to_owned()
            }
            _ => format!("write `{}` as {expected}", field.key),
        };
        let label = format!("expected {expected}");
        Diagnostic::error(
            code::WRONG_TYPE,
            format!("`{}` must be {expected}, not {}", field.key, found.describe()),
            span,
            label,
        )
        .with_help(help)
    }

    /// The shared copy of an attribute's key; warns (once per key) when the key looks like a
    /// misspelt known key.
    fn key(&mut self, field: &RawField<'_>, diags: &mut Vec<Diagnostic>) -> Arc<str> {
        let (key, similar) = match self.keys.get_key_value(&*field.key) {
            Some((key, similar)) => (key.clone(), *similar),
            None => {
                let similar = similar_known_key(&field.key);
                let key: Arc<str> = Arc::from(&*field.key);
                self.keys.insert(key.clone(), similar);
                (key, similar)
            }
        };
        if let Some(known) = similar {
            if self.warned_keys.insert(field.key.to_string()) {
                diags.push(
                    Diagnostic::warning(
                        code::SIMILAR_KEY,
                        format!("`{}` is read as an attribute, not as `{known}`", field.key),
                        field.key_span,
                        format!("did you mean `{known}`?"),
                    )
                    .with_help(format!(
                        "rename it to `{known}` if that is what it means; any other name is kept as an attribute"
                    )),
                );
            }
        }
        key
    }

    /// `span` without the whitespace around its text.
    fn trimmed(&self, span: Span) -> Span {
        trim_span(self.text, span)
    }
}

pub(super) fn trim_span(text: &str, span: Span) -> Span {
    let inner = span.text(text);
    if inner.is_empty() || trim(inner).len() == inner.len() {
        return span;
    }
    let start = span.start + (inner.len() - inner.trim_start().len());
    let end = span.end - (inner.len() - inner.trim_end().len());
    Span::new(start, end.max(start))
}

fn cell_bool(text: &str) -> Option<bool> {
    let text = trim(text);
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// `NNNN-NN-NN`: meant as a day, so an impossible one (`2023-02-30`) is an error, not text.
fn looks_like_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// A known key this attribute key is probably a misspelling of: same letters in another case or
/// with `_`/`-`, a common synonym, or one edit away (two for long keys).
pub(super) fn similar_known_key(key: &str) -> Option<&'static str> {
    const SYNONYMS: &[(&str, &str)] = &[
        ("releasedate", "date"),
        ("released", "date"),
        ("releasedon", "date"),
        ("shipdate", "date"),
        ("firstship", "date"),
        ("cycle", "line"),
        ("releasecycle", "line"),
        ("releaseline", "line"),
        ("comment", "note"),
        ("comments", "note"),
        ("isfinal", "final"),
        ("releasetype", "kind"),
        ("productname", "product"),
    ];
    let squashed: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if let Some(known) = KNOWN_KEYS.iter().find(|k| **k == squashed && **k != key) {
        return Some(known);
    }
    if let Some((_, known)) = SYNONYMS.iter().find(|(s, _)| *s == squashed) {
        return Some(known);
    }
    let limit = match squashed.len() {
        0..=4 => return None,
        5..=6 => 1,
        _ => 2,
    };
    KNOWN_KEYS
        .iter()
        .copied()
        .find(|k| strsim::osa_distance(&squashed, k) <= limit && *k != key)
}
