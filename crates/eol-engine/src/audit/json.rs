//! JSON for audit inputs (SBOMs, JSON Lines): the spanned tree of [`crate::spanned_json`],
//! with syntax errors worded for a person fixing the file.

use eol_syntax::Span;

pub use crate::spanned_json::{Kind, Member, Value};

/// Why a text is not JSON: a message and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// Parse a whole JSON text into a spanned tree; a key twice in one object is an error (which
/// value an item means cannot be told).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    crate::spanned_json::parse_unique(text).map_err(|e| SyntaxError {
        message: if e.unread {
            e.message
        } else {
            format!("invalid JSON: {}", e.message)
        },
        span: e.span,
    })
}

/// What no SBOM reader reads, passed over rather than built ([`parse_sbom`]): syft's list of
/// files, its relationships and each artifact's cataloger metadata (a Debian package's files
/// and their digests); CycloneDX's dependency graph, vulnerabilities, compositions,
/// annotations and formulation; SPDX 2's files, snippets and annotations; what a Trivy
/// report found besides packages. A document's list of files or its graph is most of it.
const UNREAD: &[&[&str]] = &[
    &["files"],
    &["artifactRelationships"],
    &["artifacts", "*", "metadata"],
    &["dependencies"],
    &["vulnerabilities"],
    &["compositions"],
    &["annotations"],
    &["formulation"],
    &["snippets"],
    &["Results", "*", "Vulnerabilities"],
    &["Results", "*", "Misconfigurations"],
    &["Results", "*", "Secrets"],
    &["Results", "*", "Licenses"],
];

/// [`parse`] for an SBOM: the members no reader reads ([`UNREAD`]) are checked as JSON and
/// passed over, not built, so the tree grows with what is audited rather than with the
/// document.
pub fn parse_sbom(text: &str) -> Result<Value, SyntaxError> {
    crate::spanned_json::parse_unique_unread(text, UNREAD).map_err(|e| SyntaxError {
        message: if e.unread {
            e.message
        } else {
            format!("invalid JSON: {}", e.message)
        },
        span: e.span,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn syntax_errors_are_worded_for_the_file() {
        let text = "{\n  \"a\": 1,\n  \"b\" 2\n}";
        let e = parse(text).unwrap_err();
        assert_eq!(e.span.text(text), "2");
        assert!(
            e.message.starts_with("invalid JSON: expected `:`"),
            "{}",
            e.message
        );
        let e = parse("[1, 2").unwrap_err();
        assert_eq!(e.message, "invalid JSON: the text ends in the middle of a value");
        assert_eq!(e.span, Span::point(5));
    }
}
