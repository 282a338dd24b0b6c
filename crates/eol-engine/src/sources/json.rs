//! A JSON tree with the byte span of every value, for diagnostics that point into a
//! downloaded or imported document. `serde_json` checks the syntax first (and says
//! where it fails); this reader then walks the text it accepted.

use eol_syntax::{Diagnostic, Span};

/// Deeper than `serde_json`'s recursion limit (128), so valid input never reaches it.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone)]
pub struct Value {
    pub kind: Kind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Null,
    Bool(bool),
    /// the number as written
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// members in order: key, key span (without quotes), value
    Object(Vec<(String, Span, Value)>),
}

impl Value {
    /// A member of an object, by key (the first one).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            Kind::Object(members) => members.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// What the value is, in words, for "expected an array, found a string".
    pub fn what(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "true/false",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// The span of a string value without its quotes.
    pub fn inner_span(&self) -> Span {
        match self.kind {
            Kind::String(_) if self.span.len() >= 2 => Span::new(self.span.start + 1, self.span.end - 1),
            _ => self.span,
        }
    }
}

/// Parse `text`; a syntax error is one `code` diagnostic at the place it was found.
pub fn parse(text: &str, code: &'static str, what: &str) -> Result<Value, Box<Diagnostic>> {
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(Box::new(syntax_error(text, &error, code, what)));
    }
    let mut parser = Parser { text, pos: 0 };
    parser.document().ok_or_else(|| {
        Box::new(
            Diagnostic::error(
                code,
                format!("this JSON could not be read as {what}"),
                Span::new(0, text.len()),
                "valid JSON, but not read",
            )
            .with_help("report this as a bug in eol, with the file"),
        )
    })
}

fn syntax_error(text: &str, error: &serde_json::Error, code: &'static str, what: &str) -> Diagnostic {
    if error.is_eof() {
        return Diagnostic::error(
            code,
            format!("invalid JSON: {what} ends in the middle of a value"),
            Span::point(text.len()),
            "ends here",
        )
        .with_help("the document was cut short (a partial download?); fetch or save it again");
    }
    // serde_json counts lines from 1 and columns (in bytes) from 1.
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n + 1 == error.line() {
            offset += error.column().saturating_sub(1).min(line.len());
            break;
        }
        offset += line.len();
    }
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let width = text
        .get(offset..)
        .and_then(|r| r.chars().next())
        .map_or(0, char::len_utf8);
    let full = error.to_string();
    let message = full
        .rfind(" at line ")
        .and_then(|i| full.get(..i))
        .unwrap_or(&full);
    Diagnostic::error(
        code,
        format!("invalid JSON in {what}: {message}"),
        Span::new(offset, offset + width),
        "here",
    )
    .with_help("this is not the JSON the source serves; check the file, or the URL it came from")
}

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
            _ => {
                while matches!(self.peek(), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
                    self.pos += 1;
                }
                Kind::Number(
                    self.text
                        .get(start..self.pos)
                        .filter(|w| !w.is_empty())?
                        .to_owned(),
                )
            }
        };
        Some(Value {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Option<Kind> {
        self.text.get(self.pos..)?.starts_with(word).then(|| {
            self.pos += word.len();
            kind
        })
    }

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
            let key_span = Span::new(key_span.start + 1, key_span.end.saturating_sub(1));
            members.push((key, key_span, value));
            if self.eat(b',').is_none() {
                self.eat(b'}')?;
                return Some(Kind::Object(members));
            }
        }
    }
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
        let Kind::Array(items) = &a.kind else { panic!() };
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
