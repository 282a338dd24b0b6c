//! JSON catalogs: `{"releases": [ {...}, ... ]}` or a top-level array of release objects.
//!
//! `serde_json` checks the syntax (and reports errors with their position), but keeps no spans
//! of values. So once the text is known to be valid JSON, a small reader here walks it again and
//! records the byte span of every key and value; decoding of strings is left to `serde_json`.

use eol_syntax::{Diagnostic, Span};

use super::build::{RawField, RawRelease, RawValue};
use super::{code, LineIndex};

/// Deeper than `serde_json`'s own recursion limit (128), so valid input never reaches it.
const MAX_DEPTH: usize = 256;

pub(super) fn read(text: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawRelease<'static>> {
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        diags.push(syntax_error(text, &error));
        return Vec::new();
    }
    let mut parser = Parser { text, pos: 0 };
    let Some(root) = parser.document() else {
        // serde_json accepted the text, so this reader should too; say so rather than skip.
        diags.push(
            Diagnostic::error(
                code::SYNTAX,
                "this JSON could not be read as a catalog",
                Span::new(0, text.len()),
                "valid JSON, but not read",
            )
            .with_help("write the catalog as `{\"releases\": [...]}` or as an array of release objects"),
        );
        return Vec::new();
    };
    let lines = LineIndex::new(text);
    let list = match root.kind {
        Kind::Array(items) => items,
        Kind::Object(members) => releases_of(members, diags),
        _ => {
            diags.push(
                Diagnostic::error(
                    code::BAD_SHAPE,
                    "a JSON catalog must be an object or an array",
                    root.span,
                    "neither an object nor an array",
                )
                .with_help("write `{\"releases\": [...]}` or an array of release objects"),
            );
            Vec::new()
        }
    };
    let mut raws = Vec::new();
    for item in list {
        match item.kind {
            Kind::Object(members) => raws.push(RawRelease {
                span: item.span,
                row: lines.line(item.span.start),
                fields: fields_of(members, diags),
                cells: false,
                missing_reported: false,
            }),
            _ => diags.push(
                Diagnostic::error(
                    code::BAD_SHAPE,
                    "a release must be an object",
                    item.span,
                    "not an object",
                )
                .with_help(
                    "write each release as an object: `{\"product\": \"otrs\", \"version\": \"6.0.1\"}`",
                ),
            ),
        }
    }
    raws
}

/// The `releases` array of the top-level object.
fn releases_of(members: Vec<Member>, diags: &mut Vec<Diagnostic>) -> Vec<Value> {
    let mut releases: Option<(Span, Vec<Value>)> = None;
    for member in members {
        if member.key == "releases" {
            if let Some((first, _)) = &releases {
                diags.push(duplicate_key(&member, *first));
                continue;
            }
            match member.value.kind {
                Kind::Array(items) => releases = Some((member.key_span, items)),
                _ => {
                    releases = Some((member.key_span, Vec::new()));
                    diags.push(
                        Diagnostic::error(
                            code::BAD_SHAPE,
                            "`releases` must be an array",
                            member.value.span,
                            "not an array",
                        )
                        .with_help("write `\"releases\": [ ... ]`, one object per release"),
                    );
                }
            }
        } else {
            let help = if super::is_similar_name(&member.key, "releases") {
                "did you mean `releases`?".to_owned()
            } else {
                format!(
                    "a catalog object holds only `releases`; move `{}` into each release it describes",
                    member.key
                )
            };
            diags.push(
                Diagnostic::error(
                    code::UNKNOWN_KEY,
                    format!("unknown top-level key `{}`", member.key),
                    member.key_span,
                    "not part of a catalog",
                )
                .with_help(help),
            );
        }
    }
    releases.map(|(_, items)| items).unwrap_or_default()
}

fn fields_of(members: Vec<Member>, diags: &mut Vec<Diagnostic>) -> Vec<RawField<'static>> {
    let mut fields: Vec<RawField<'static>> = Vec::with_capacity(members.len());
    for member in members {
        if let Some(first) = fields.iter().find(|f| *f.key == *member.key) {
            diags.push(duplicate_key(&member, first.key_span));
            continue;
        }
        let (value, value_span) = match member.value.kind {
            Kind::Null => (RawValue::Null, member.value.span),
            Kind::Bool(b) => (RawValue::Bool(b), member.value.span),
            Kind::Number(n) => (n, member.value.span),
            Kind::String(s) => (RawValue::Text(s.into()), unquote(member.value.span)),
            Kind::Array(_) => (RawValue::Other("an array"), member.value.span),
            Kind::Object(_) => (RawValue::Other("an object"), member.value.span),
        };
        fields.push(RawField {
            key: member.key.into(),
            key_span: member.key_span,
            value,
            value_span,
        });
    }
    fields
}

fn duplicate_key(member: &Member, first: Span) -> Diagnostic {
    Diagnostic::error(
        code::DUPLICATE_KEY,
        format!("key `{}` appears twice", member.key),
        member.key_span,
        "repeated here; this one is not read",
    )
    .with_related(first, "first here")
    .with_help("remove one of the two; JSON readers disagree on which one wins")
}

fn syntax_error(text: &str, error: &serde_json::Error) -> Diagnostic {
    if error.is_eof() {
        return Diagnostic::error(
            code::SYNTAX,
            "invalid JSON: the file ends in the middle of a value",
            Span::point(text.len()),
            "ends here",
        )
        .with_help("close every `[`, `{` and `\"` that is still open");
    }
    let lines = LineIndex::new(text);
    let mut offset = lines.offset(error.line(), error.column(), text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let width = text
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    let full = error.to_string();
    let message = full
        .rfind(" at line ")
        .and_then(|i| full.get(..i))
        .unwrap_or(&full);
    Diagnostic::error(
        code::SYNTAX,
        format!("invalid JSON: {message}"),
        Span::new(offset, offset + width),
        "here",
    )
    .with_help("fix the JSON syntax here; nothing in the catalog is read until it parses")
}

/// The span of a JSON string without its quotes.
fn unquote(span: Span) -> Span {
    if span.len() >= 2 {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

struct Value {
    kind: Kind,
    span: Span,
}

enum Kind {
    Null,
    Bool(bool),
    /// Already classified: a whole number fitting `i64`, or something no release field holds.
    Number(RawValue<'static>),
    String(String),
    Array(Vec<Value>),
    Object(Vec<Member>),
}

struct Member {
    key: String,
    key_span: Span,
    value: Value,
}

/// A reader for text `serde_json` has accepted; returns None rather than guess on anything else.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn document(&mut self) -> Option<Value> {
        self.skip_ws();
        let value = self.value(0)?;
        self.skip_ws();
        (self.pos == self.text.len()).then_some(value)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        let start = self.pos;
        let kind = match self.peek()? {
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => Kind::String(self.string()?.0),
            b't' => self.literal("true", Kind::Bool(true))?,
            b'f' => self.literal("false", Kind::Bool(false))?,
            b'n' => self.literal("null", Kind::Null)?,
            _ => self.number()?,
        };
        Some(Value {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Option<Kind> {
        let rest = self.text.get(self.pos..)?;
        rest.starts_with(word).then(|| {
            self.pos += word.len();
            kind
        })
    }

    fn number(&mut self) -> Option<Kind> {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
            self.pos += 1;
        }
        let written = self.text.get(start..self.pos).filter(|w| !w.is_empty())?;
        Some(Kind::Number(match written.parse::<i64>() {
            Ok(n) => RawValue::Integer(n),
            Err(_) if written.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) => {
                RawValue::Other("a decimal number")
            }
            Err(_) => RawValue::Other("a number too large"),
        }))
    }

    /// A string at the cursor: its decoded text and its span with quotes.
    fn string(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        if bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut i = start + 1;
        loop {
            match bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        let written = self.text.get(start..self.pos)?;
        let decoded = serde_json::from_str::<String>(written).ok()?;
        Some((decoded, Span::new(start, self.pos)))
    }

    fn array(&mut self, depth: usize) -> Option<Kind> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(Kind::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                return Some(Kind::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Kind> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        if self.eat(b'}').is_some() {
            return Some(Kind::Object(members));
        }
        loop {
            self.skip_ws();
            let (key, key_span) = self.string()?;
            self.eat(b':')?;
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_span: unquote(key_span),
                value,
            });
            if self.eat(b',').is_none() {
                self.eat(b'}')?;
                return Some(Kind::Object(members));
            }
        }
    }
}
