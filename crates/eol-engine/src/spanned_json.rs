//! A JSON tree with the byte span of every key and value, for diagnostics that point into a
//! document: SBOMs and JSON Lines for `eol audit`, downloaded or imported release lists for
//! `eol update`/`eol import`.
//!
//! `serde_json` checks the syntax first (and says where it fails); this reader then walks the
//! text it accepted and records where everything is. String decoding is left to `serde_json`.

use eol_syntax::Span;

/// Deeper than `serde_json`'s own recursion limit (128), so valid input never reaches it.
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
    Object(Vec<Member>),
    /// a value its reader does not read, passed over without building it
    /// ([`parse_unique_unread`]): its span is kept, its contents are not
    Unread,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
}

impl Value {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            Kind::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
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

    /// What the value is, in words, for diagnostics ("expected an array, found a string").
    pub fn what(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
            Kind::Unread => "a value not read",
        }
    }

    /// The span of a string without its quotes (the span itself for other values).
    pub fn inner_span(&self) -> Span {
        match self.kind {
            Kind::String(_) if self.span.len() >= 2 => Span::new(self.span.start + 1, self.span.end - 1),
            _ => self.span,
        }
    }
}

/// Why a text is not JSON: `serde_json`'s message (without its "at line ..."), and where.
/// Each reader words its own diagnostic from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// the character where reading failed; at the end of the text (past trailing blanks)
    /// when it ended in the middle of a value
    pub span: Span,
    /// the text ended in the middle of a value (a cut-short file)
    pub eof: bool,
    /// `serde_json` accepted the text but this reader could not walk it (a bug)
    pub unread: bool,
}

/// Parse a whole JSON text into a spanned tree. A key twice in one object is kept twice, for
/// the caller to report as its files' rules have it (a catalog's `eol::catalog-duplicate-key`).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    parse_with(text, false)
}

/// [`parse`], refusing a key twice in one object as a syntax error at its second key: for
/// input whose meaning would depend on which of the two a reader takes (an audit's items).
pub fn parse_unique(text: &str) -> Result<Value, SyntaxError> {
    parse_with(text, true)
}

/// [`parse_unique`], passing over the values at `unread` (keys from the document's root, `*`
/// for any element of an array: `["artifacts", "*", "metadata"]`) without building them: they
/// are [`Kind::Unread`], their syntax checked and span kept. For a reader that knows it will
/// not read them: an SBOM's list of files or its dependency graph can be most of it, and a
/// tree of it several times its size.
pub fn parse_unique_unread(text: &str, unread: &[&[&str]]) -> Result<Value, SyntaxError> {
    parse_in(text, true, unread)
}

fn parse_with(text: &str, unique: bool) -> Result<Value, SyntaxError> {
    parse_in(text, unique, &[])
}

fn parse_in(text: &str, unique: bool, unread: &[&[&str]]) -> Result<Value, SyntaxError> {
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(syntax_error(text, &error));
    }
    let mut parser = Parser {
        text,
        pos: 0,
        unique,
        duplicate: None,
        unread,
        deepest: unread.iter().map(|path| path.len()).max().unwrap_or(0),
        path: Vec::new(),
    };
    let document = parser.document();
    if let Some((key, span)) = parser.duplicate {
        // RFC 8259: "the behavior of software that receives such an object is unpredictable"
        // (jq keeps the last, others the first): which one is meant cannot be told
        return Err(SyntaxError {
            message: format!("the key `{key}` is in this object twice; which value is meant cannot be told"),
            span,
            eof: false,
            unread: false,
        });
    }
    document.ok_or_else(|| SyntaxError {
        message: "this JSON could not be read".to_owned(),
        span: Span::new(0, text.len()),
        eof: false,
        unread: true,
    })
}

fn syntax_error(text: &str, error: &serde_json::Error) -> SyntaxError {
    if error.is_eof() {
        return SyntaxError {
            message: "the text ends in the middle of a value".to_owned(),
            span: Span::point(text.trim_end().len()),
            eof: true,
            unread: false,
        };
    }
    // serde_json counts lines from 1 and columns in bytes from 1.
    let line_start = text
        .match_indices('\n')
        .nth(error.line().saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let line_start = if error.line() <= 1 { 0 } else { line_start };
    let mut offset = (line_start + error.column().saturating_sub(1)).min(text.len());
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
    SyntaxError {
        message: message.to_owned(),
        span: Span::new(offset, offset + width),
        eof: false,
        unread: false,
    }
}

/// A reader for text `serde_json` has accepted; None rather than a guess on anything else.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
    /// whether a key twice in one object is an error ([`parse_unique`])
    unique: bool,
    /// a key met twice in one object: the key and where its second one is
    duplicate: Option<(String, Span)>,
    /// the paths whose values are passed over ([`parse_unique_unread`])
    unread: &'a [&'a [&'a str]],
    /// the longest of them: below it, no path is kept
    deepest: usize,
    /// the keys (`*` for an array's element) from the root to the value being read, as deep
    /// as `deepest`
    path: Vec<String>,
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
            b'"' => Kind::String(self.string()?),
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
        Some(Kind::Number(written.to_owned()))
    }

    /// The end of the string at the cursor (past its closing quote), and whether it has an
    /// escape.
    fn string_end(&self) -> Option<(usize, bool)> {
        let bytes = self.text.as_bytes();
        if bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let mut i = self.pos + 1;
        let mut escaped = false;
        loop {
            match bytes.get(i)? {
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                b'"' => return Some((i + 1, escaped)),
                _ => i += 1,
            }
        }
    }

    /// An element of an array or a member's value at `depth + 1`, whose key (`*` for an
    /// element) `step` gives: built, or passed over when its path is one of `unread`.
    fn member_value(&mut self, depth: usize, step: impl FnOnce() -> String) -> Option<Value> {
        if depth >= self.deepest || self.path.len() != depth {
            return self.value(depth + 1);
        }
        self.path.push(step());
        let path = &self.path;
        let unread = self
            .unread
            .iter()
            .any(|p| p.len() == path.len() && p.iter().zip(path).all(|(want, have)| want == have));
        let value = if unread {
            self.pass_over()
        } else {
            self.value(depth + 1)
        };
        self.path.pop();
        value
    }

    /// The value at the cursor, passed over ([`Kind::Unread`]): `serde_json` has checked it.
    fn pass_over(&mut self) -> Option<Value> {
        self.skip_ws();
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut open = 0usize;
        loop {
            match bytes.get(self.pos)? {
                b'"' => {
                    self.pos = self.string_end()?.0;
                    if open == 0 {
                        break;
                    }
                    continue;
                }
                b'{' | b'[' => open += 1,
                // a number or a literal ends at the bracket that closes what holds it
                b'}' | b']' if open == 0 => break,
                b'}' | b']' => {
                    open -= 1;
                    if open == 0 {
                        self.pos += 1;
                        break;
                    }
                }
                // a number or a literal ends at what follows it
                b',' | b' ' | b'\t' | b'\n' | b'\r' if open == 0 => break,
                _ => {}
            }
            self.pos += 1;
            if open == 0 && self.pos >= bytes.len() {
                break;
            }
        }
        (self.pos > start).then_some(Value {
            kind: Kind::Unread,
            span: Span::new(start, self.pos),
        })
    }

    /// A string at the cursor, decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        let (end, escaped) = self.string_end()?;
        self.pos = end;
        let written = self.text.get(start..self.pos)?;
        if escaped {
            serde_json::from_str::<String>(written).ok()
        } else {
            written.get(1..written.len() - 1).map(str::to_owned)
        }
    }

    fn array(&mut self, depth: usize) -> Option<Kind> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(Kind::Array(items));
        }
        loop {
            items.push(self.member_value(depth, || "*".to_owned())?);
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
        // the keys met, looked up in a set once the object is past a few (an object of many
        // keys is then not checked in quadratic time)
        const SCANNED: usize = 16;
        let mut keys: std::collections::HashSet<String> = std::collections::HashSet::new();
        loop {
            self.skip_ws();
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start + 1, self.pos.saturating_sub(1));
            let twice = if !self.unique {
                false
            } else if members.len() < SCANNED {
                members.iter().any(|m: &Member| m.key == key)
            } else {
                if keys.is_empty() {
                    keys.extend(members.iter().map(|m: &Member| m.key.clone()));
                }
                !keys.insert(key.clone())
            };
            if twice {
                self.duplicate = Some((key, key_span));
                return None;
            }
            self.eat(b':')?;
            let value = self.member_value(depth, || key.clone())?;
            members.push(Member { key, key_span, value });
            if self.eat(b',').is_none() {
                self.eat(b'}')?;
                return Some(Kind::Object(members));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn spans_of_keys_and_values() {
        let text = "{\"a\": [1, \"x\\\"y\"], \"b\": null, \"c\": true}";
        let v = parse(text).unwrap();
        let a = v.get("a").unwrap();
        assert_eq!(a.span.text(text), "[1, \"x\\\"y\"]");
        let items = a.as_array().unwrap();
        assert_eq!(items[0].span.text(text), "1");
        assert_eq!(items[1].as_str(), Some("x\"y"));
        assert_eq!(items[1].inner_span().text(text), "x\\\"y");
        assert!(v.get("b").unwrap().is_null());
        assert_eq!(v.get("c").unwrap().as_bool(), Some(true));
        let Kind::Object(members) = &v.kind else { panic!() };
        assert_eq!(members[1].key_span.text(text), "b");
    }

    #[test]
    fn a_key_twice_in_one_object_is_an_error() {
        let text = "[{\"product\": \"python\", \"version\": \"3.8\", \"product\": \"nodejs\"}]";
        let e = parse_unique(text).unwrap_err();
        assert_eq!(e.span.text(text), "product");
        assert_eq!(e.span.start, 42);
        assert!(
            e.message.starts_with("the key `product` is in this object twice"),
            "{}",
            e.message
        );
        // past the keys scanned one by one, a set finds it
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k3\": 0}}", many.join(", "));
        let e = parse_unique(&text).unwrap_err();
        assert_eq!(e.span.text(&text), "k3");
        assert!(e.span.start > 300);
        // unless asked, a key twice is kept twice
        assert!(parse("{\"a\": 1, \"a\": 2}").is_ok());
        // the same key in two objects is no duplicate
        assert!(parse_unique("[{\"a\": 1}, {\"a\": 2}, {\"b\": {\"a\": 3}, \"a\": 4}]").is_ok());
    }

    /// Whether `part`, read with `unread` passed over, is `whole` but for the values at those
    /// paths, which are [`Kind::Unread`] with the spans `whole` gives them: how many were.
    fn read_alike(whole: &Value, part: &Value, path: &mut Vec<String>, unread: &[&[&str]]) -> usize {
        assert_eq!(whole.span, part.span, "{path:?}");
        if unread
            .iter()
            .any(|p| p.len() == path.len() && p.iter().zip(path.iter()).all(|(a, b)| a == b))
        {
            assert!(matches!(part.kind, Kind::Unread), "{path:?}");
            return 1;
        }
        match (&whole.kind, &part.kind) {
            (Kind::Array(a), Kind::Array(b)) => {
                assert_eq!(a.len(), b.len());
                a.iter()
                    .zip(b)
                    .map(|(x, y)| {
                        path.push("*".into());
                        let n = read_alike(x, y, path, unread);
                        path.pop();
                        n
                    })
                    .sum()
            }
            (Kind::Object(a), Kind::Object(b)) => {
                assert_eq!(a.len(), b.len());
                a.iter()
                    .zip(b)
                    .map(|(x, y)| {
                        assert_eq!((&x.key, x.key_span), (&y.key, y.key_span));
                        path.push(x.key.clone());
                        let n = read_alike(&x.value, &y.value, path, unread);
                        path.pop();
                        n
                    })
                    .sum()
            }
            (a, b) => {
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{path:?}");
                0
            }
        }
    }

    /// Values at the paths asked are passed over with the spans a whole parse gives them; all
    /// else is as a whole parse reads it.
    #[test]
    fn values_not_read_are_passed_over_in_place() {
        let text = r#"{"files": [{"p": "a\"]}", "n": [1, {"x": null}]}, 2.5e3],
            "keep": {"files": [1, 2]},
            "items": [{"meta": {"a": [true, false]}, "name": "x"}, {"name": "y", "meta": -7},
                      {"meta": "tail\\", "name": "z"}, {"name": "w", "meta": null}],
            "last": true, "n": 12}"#;
        let unread: &[&[&str]] = &[&["files"], &["items", "*", "meta"], &["n"]];
        let whole = parse_unique(text).unwrap();
        let part = parse_unique_unread(text, unread).unwrap();
        assert_eq!(read_alike(&whole, &part, &mut Vec::new(), unread), 6);
        // what was passed over, as written
        assert_eq!(
            part.get("files").unwrap().span.text(text).len(),
            whole.get("files").unwrap().span.text(text).len()
        );
        assert!(matches!(
            part.get("keep").unwrap().get("files").unwrap().kind,
            Kind::Array(_)
        ));
        assert!(matches!(part.get("n").unwrap().kind, Kind::Unread));
        let items = part.get("items").unwrap().as_array().unwrap();
        let metas: Vec<&str> = items
            .iter()
            .map(|i| i.get("meta").unwrap().span.text(text))
            .collect();
        assert_eq!(metas, [r#"{"a": [true, false]}"#, "-7", r#""tail\\""#, "null"]);
        assert_eq!(items[2].get("name").unwrap().as_str(), Some("z"));
        // nothing asked: the whole tree
        let all = parse_unique_unread(text, &[]).unwrap();
        assert_eq!(read_alike(&whole, &all, &mut Vec::new(), &[]), 0);
        // a syntax error in what is passed over is still one
        assert!(parse_unique_unread(r#"{"files": [1,, 2], "a": 1}"#, unread).is_err());
    }

    /// Generated documents: what is passed over is exactly what a whole parse builds at
    /// those paths, and everything else is read alike.
    #[test]
    fn generated_documents_read_alike_but_for_what_is_not_read() {
        struct Gen(u64);
        impl Gen {
            fn next(&mut self, n: u64) -> u64 {
                self.0 = self
                    .0
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (self.0 >> 33) % n
            }
            fn value(&mut self, depth: usize, out: &mut String) {
                let keys = ["files", "items", "meta", "n", "a\\\"]}", ""];
                let ws = |g: &mut Gen| [" ", "", "\n  ", "\t"][g.next(4) as usize];
                match if depth > 4 { self.next(4) } else { self.next(6) } {
                    0 => out.push_str(["null", "true", "false"][self.next(3) as usize]),
                    1 => out.push_str(["0", "-12.5e3", "7", "1E+2"][self.next(4) as usize]),
                    2 => {
                        out.push_str(["\"\"", "\"x\\\"y]\"", "\"tail\\\\\"", "\"{[\""][self.next(4) as usize])
                    }
                    3 => out.push_str("[]"),
                    4 => {
                        out.push('[');
                        for i in 0..self.next(4) {
                            if i > 0 {
                                out.push(',');
                            }
                            out.push_str(ws(self));
                            self.value(depth + 1, out);
                        }
                        out.push(']');
                    }
                    _ => {
                        out.push('{');
                        let mut used = Vec::new();
                        for _ in 0..self.next(5) {
                            let key = keys[self.next(keys.len() as u64) as usize];
                            if used.contains(&key) {
                                continue;
                            }
                            if !used.is_empty() {
                                out.push(',');
                            }
                            used.push(key);
                            out.push_str(ws(self));
                            out.push('"');
                            out.push_str(key);
                            out.push_str("\":");
                            out.push_str(ws(self));
                            self.value(depth + 1, out);
                        }
                        out.push('}');
                    }
                }
            }
        }
        let unread: &[&[&str]] = &[&["files"], &["items", "*", "meta"], &["*", "n"], &["items", "*"]];
        let mut g = Gen(20261207);
        let mut passed_over = 0;
        for _ in 0..2000 {
            let mut text = String::new();
            g.value(0, &mut text);
            let whole = parse_unique(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let part = parse_unique_unread(&text, unread).unwrap();
            passed_over += read_alike(&whole, &part, &mut Vec::new(), unread);
        }
        assert!(passed_over > 100, "{passed_over}");
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        let text = "{\n  \"a\": 1,\n  \"b\" 2\n}";
        let e = parse(text).unwrap_err();
        assert_eq!(e.span.text(text), "2");
        assert!(e.message.starts_with("expected `:`"), "{}", e.message);
        assert!(!e.eof);
        let e = parse("[1, 2,, 3]").unwrap_err();
        assert_eq!(e.span, Span::new(6, 7));
        let e = parse("[1, 2  ").unwrap_err();
        assert!(e.eof);
        assert_eq!(e.span, Span::point(5));
    }
}
