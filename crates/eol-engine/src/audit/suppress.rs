//! Suppressions: findings a team has accepted for now, with a reason and, best, an end.
//!
//! ```toml
//! [[suppress]]
//! id = "python/3.8/end-of-life"        # a finding id (`*` matches any text)
//! reason = "batch host, replaced in Q3 (OPS-123)"
//! expires = 2026-09-30                 # from this day on it no longer suppresses
//!
//! [[suppress]]
//! product = "debian"                   # or a product and, optionally, a line (globs)
//! line = "11"
//! reason = "LTS contract with Freexian"
//! ```
//!
//! A suppressed finding is counted and listed with its reason, and does not fail the
//! gate. An expired suppression is reported and no longer suppresses.

use chrono::NaiveDate;
use eol_syntax::{Diagnostic, Span};
use serde::Deserialize;
use toml::Spanned;

use super::{code, Finding, State};
use crate::model::Glob;

/// One entry of the file.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub id: Option<Glob>,
    pub product: Option<Glob>,
    pub line: Option<Glob>,
    pub reason: String,
    pub expires: Option<NaiveDate>,
    /// the whole entry (its first key to its last value)
    pub span: Span,
    pub expired: bool,
}

impl Suppression {
    /// What it matches, as written: the id, or `product/line`.
    pub fn target(&self) -> String {
        match (&self.id, &self.product) {
            (Some(id), _) => id.0.clone(),
            (None, Some(p)) => format!("{}/{}", p.0, self.line.as_ref().map_or("*", |l| l.0.as_str())),
            (None, None) => String::new(),
        }
    }

    fn matches(&self, f: &Finding) -> bool {
        if let Some(id) = &self.id {
            return id.matches(&f.id);
        }
        let Some(product) = &self.product else {
            return false;
        };
        // The line slot of an unknown version is the version as given.
        let line = match f.state {
            State::UnknownVersion => f.version.as_deref().unwrap_or("-"),
            State::UnknownProduct => "-",
            _ => f.line.as_deref().unwrap_or("-"),
        };
        product.matches(&f.product) && self.line.as_ref().is_none_or(|l| l.matches(line))
    }
}

/// A suppressions file, read.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    pub file: String,
    pub text: String,
    pub entries: Vec<Suppression>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    suppress: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Option<Spanned<String>>,
    product: Option<Spanned<String>>,
    line: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    expires: Option<Spanned<toml::Value>>,
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

fn invalid(message: impl Into<String>, span: Span, label: &str, help: &str) -> Diagnostic {
    Diagnostic::error(code::SUPPRESSION_INVALID, message, span, label).with_help(help.to_owned())
}

impl Suppressions {
    /// Read a suppressions file; `at` decides which have expired.
    pub fn parse(file: &str, text: &str, at: NaiveDate) -> Suppressions {
        let mut out = Suppressions {
            file: file.to_owned(),
            text: text.to_owned(),
            ..Suppressions::default()
        };
        let raw: Raw = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let span = e.span().map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
                let message = e.message().lines().next().unwrap_or("").to_owned();
                out.diagnostics.push(invalid(
                    format!("this suppressions file cannot be read: {message}"),
                    span,
                    "here",
                    "write one `[[suppress]]` table per suppression with `id` (or `product` and `line`), `reason` and optionally `expires = YYYY-MM-DD`; nothing in this file suppresses until it reads",
                ));
                return out;
            }
        };
        for entry in raw.suppress {
            let span = span_of(&entry);
            let e = entry.into_inner();
            let Some(reason) = e.reason.filter(|r| !r.get_ref().trim().is_empty()) else {
                out.diagnostics.push(invalid(
                    "a suppression without a reason",
                    span,
                    "this suppression",
                    "say why the finding is accepted: `reason = \"replaced in Q3 (OPS-123)\"`; it does not suppress until it has one",
                ));
                continue;
            };
            if e.id.is_some() == e.product.is_some() || (e.id.is_some() && e.line.is_some()) {
                let (message, label) = if e.id.is_some() {
                    (
                        "a suppression names both a finding id and a product or line",
                        "this suppression",
                    )
                } else {
                    (
                        "a suppression names neither a finding id nor a product",
                        "this suppression",
                    )
                };
                out.diagnostics.push(invalid(
                    message,
                    span,
                    label,
                    "give `id = \"PRODUCT/LINE/STATE\"`, or `product` (and optionally `line`); it does not suppress until it does",
                ));
                continue;
            }
            let expires = match &e.expires {
                None => None,
                Some(v) => {
                    let date = match v.get_ref() {
                        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => {
                            d.date.and_then(|d| {
                                NaiveDate::from_ymd_opt(
                                    i32::from(d.year),
                                    u32::from(d.month),
                                    u32::from(d.day),
                                )
                            })
                        }
                        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
                        _ => None,
                    };
                    match date {
                        Some(d) => Some(d),
                        None => {
                            out.diagnostics.push(invalid(
                                "`expires` is not a date",
                                span_of(v),
                                "not YYYY-MM-DD",
                                "write the first day the suppression no longer applies: `expires = 2026-09-30`; it does not suppress until it is a date",
                            ));
                            continue;
                        }
                    }
                }
            };
            let expired = expires.is_some_and(|d| d <= at);
            if let (true, Some(v), Some(d)) = (expired, &e.expires, expires) {
                out.diagnostics.push(
                    Diagnostic::warning(
                        code::SUPPRESSION_EXPIRED,
                        format!(
                            "the suppression of `{}` expired on {d}; it no longer suppresses",
                            e.id.as_ref()
                                .map(|i| i.get_ref().clone())
                                .or_else(|| e.product.as_ref().map(|p| p.get_ref().clone()))
                                .unwrap_or_default()
                        ),
                        span_of(v),
                        "expired",
                    )
                    .with_help(
                        "fix what it suppresses, or give a later `expires` with a reason that still holds",
                    ),
                );
            }
            out.entries.push(Suppression {
                id: e.id.map(|s| Glob(s.into_inner().trim().to_owned())),
                product: e.product.map(|s| Glob(s.into_inner().trim().to_owned())),
                line: e.line.map(|s| Glob(s.into_inner().trim().to_owned())),
                reason: reason.into_inner().trim().to_owned(),
                expires,
                span,
                expired,
            });
        }
        out
    }

    /// The first suppression in force that matches the finding.
    pub fn find(&self, f: &Finding) -> Option<usize> {
        self.entries.iter().position(|s| !s.expired && s.matches(f))
    }

    pub fn get(&self, index: usize) -> Option<&Suppression> {
        self.entries.get(index)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn entries_expiry_and_errors() {
        let text = "[[suppress]]\nid = \"python/3.8/*\"\nreason = \"r\"\nexpires = 2026-01-01\n\n[[suppress]]\nproduct = \"debian\"\nline = \"1?\"\nreason = \"lts\"\n\n[[suppress]]\nproduct = \"x\"\n";
        let s = Suppressions::parse("s.toml", text, day("2026-01-01"));
        assert_eq!(s.entries.len(), 2);
        assert!(s.entries[0].expired);
        let codes: Vec<&str> = s.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                eol_syntax::Code::SuppressionExpired.as_str(),
                eol_syntax::Code::SuppressionInvalid.as_str()
            ]
        );
        assert_eq!(s.diagnostics[0].primary.span.text(text), "2026-01-01");
        let s = Suppressions::parse("s.toml", text, day("2025-12-31"));
        assert!(!s.entries[0].expired);
        assert_eq!(s.entries[1].target(), "debian/1?");
    }
}
