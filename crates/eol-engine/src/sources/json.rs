//! JSON for release sources (downloaded or imported documents): the spanned tree of
//! [`crate::spanned_json`], with syntax errors as diagnostics of the source's own code.

use eol_syntax::{Diagnostic, Span};

pub use crate::spanned_json::{Kind, Member, Value};

/// Parse `text`; a syntax error is one `code` diagnostic at the place it was found.
pub fn parse(text: &str, code: &'static str, what: &str) -> Result<Value, Box<Diagnostic>> {
    crate::spanned_json::parse(text).map_err(|e| {
        let d = if e.unread {
            Diagnostic::error(
                code,
                format!("this JSON could not be read as {what}"),
                e.span,
                "valid JSON, but not read",
            )
            .with_help("report this as a bug in eol, with the file")
        } else if e.eof {
            Diagnostic::error(
                code,
                format!("invalid JSON: {what} ends in the middle of a value"),
                Span::point(text.len()),
                "ends here",
            )
            .with_help("the document was cut short (a partial download?); fetch or save it again")
        } else {
            Diagnostic::error(
                code,
                format!("invalid JSON in {what}: {}", e.message),
                e.span,
                "here",
            )
            .with_help("this is not the JSON the source serves; check the file, or the URL it came from")
        };
        Box::new(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eol_syntax::Code;

    #[test]
    fn spans_point_at_values() {
        let text = r#"{"a": [1, "x"], "b": null}"#;
        let v = parse(text, Code::SourceSyntax.as_str(), "a test").unwrap();
        let a = v.get("a").unwrap();
        assert_eq!(a.span.text(text), r#"[1, "x"]"#);
        let Some(items) = a.as_array() else { panic!() };
        assert_eq!(items[1].inner_span().text(text), "x");
        assert!(v.get("b").unwrap().is_null());
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("[1, 2,, 3]", Code::SourceSyntax.as_str(), "a test").unwrap_err();
        assert_eq!(e.primary.span, Span::new(6, 7));
        let e = parse("[1, 2", Code::SourceSyntax.as_str(), "a test").unwrap_err();
        assert!(e.message.contains("ends in the middle"), "{}", e.message);
    }
}
