//! JSON catalogs: `{"releases": [ {...}, ... ]}` or a top-level array of release objects,
//! read through the spanned tree of [`crate::spanned_json`] (every key and value with its
//! byte span).

use eol_syntax::{Diagnostic, Span};

use super::build::{Meaning, RawField, RawRelease, RawValue};
use super::{code, LineIndex};
use crate::spanned_json::{Kind, Member, Value};

pub(super) fn read(text: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawRelease<'static>> {
    let root = match crate::spanned_json::parse(text) {
        Ok(root) => root,
        Err(e) => {
            diags.push(syntax_error(text, &e));
            return Vec::new();
        }
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
        let inner = member.value.inner_span();
        let (value, value_span) = match member.value.kind {
            Kind::Null => (RawValue::Null, member.value.span),
            Kind::Bool(b) => (RawValue::Bool(b), member.value.span),
            Kind::Number(n) => (number(&n), member.value.span),
            Kind::String(s) => (RawValue::Text(s.into()), inner),
            Kind::Array(_) => (RawValue::Other("an array"), member.value.span),
            Kind::Object(_) => (RawValue::Other("an object"), member.value.span),
            // a catalog is parsed whole ([`crate::spanned_json::parse`]): never met
            Kind::Unread => (RawValue::Other("a value not read"), member.value.span),
        };
        fields.push(RawField {
            meaning: Meaning::of(&member.key),
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

/// A JSON number as a release field holds it: a whole number fitting `i64`, or described.
fn number(written: &str) -> RawValue<'static> {
    match written.parse::<i64>() {
        Ok(n) => RawValue::Integer(n),
        Err(_) if written.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) => {
            RawValue::Other("a decimal number")
        }
        Err(_) => RawValue::Other("a number too large"),
    }
}

fn syntax_error(text: &str, e: &crate::spanned_json::SyntaxError) -> Diagnostic {
    if e.unread {
        // serde_json accepted the text, so the reader should too; say so rather than skip.
        return Diagnostic::error(
            code::SYNTAX,
            "this JSON could not be read as a catalog",
            e.span,
            "valid JSON, but not read",
        )
        .with_help("write the catalog as `{\"releases\": [...]}` or as an array of release objects");
    }
    if e.eof {
        return Diagnostic::error(
            code::SYNTAX,
            "invalid JSON: the file ends in the middle of a value",
            Span::point(text.len()),
            "ends here",
        )
        .with_help("close every `[`, `{` and `\"` that is still open");
    }
    Diagnostic::error(
        code::SYNTAX,
        format!("invalid JSON: {}", e.message),
        e.span,
        "here",
    )
    .with_help("fix the JSON syntax here; nothing in the catalog is read until it parses")
}
