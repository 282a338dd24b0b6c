//! The framing of `eol lsp`'s messages: `Content-Length` headers and JSON bodies on
//! standard input, read by a thread of their own; answers framed the same way on
//! standard output.
//!
//! lsp-server's own reader (`Connection::stdio()`) allocates a body as long as its header
//! says before one byte of it arrives, and ends the session without a word on any input it
//! cannot read. This one reads what the editor sends within limits, and tells the server
//! loop what it found: a message, a body that is not one (answered, then the next one is
//! read), or framing it cannot follow (answered, then the session ends), each once.
//! docs/editors.md describes the limits and the answers.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

/// The longest header block of one message (its header lines and the blank line after
/// them), in bytes.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;

/// The longest body of one message, in bytes (a `Content-Length` above it is refused
/// before any of the body is read): 64 MiB, room for a document of 50 MB sent whole.
pub const MAX_BODY_BYTES: u64 = 64 << 20;

/// The most JSON values one message may hold (counted before it is parsed): a parsed value
/// takes some fifty times the bytes of a small one written out (`0,`), so a body of 64 MiB
/// of zeros took 3.6 GB. No message an editor sends holds near so many: a document is one
/// string.
pub const MAX_VALUES: usize = 1_000_000;

/// How much of a body is read at a time; a body's buffer grows with the bytes that
/// arrive, not with what its header announces.
const CHUNK: usize = 64 * 1024;

/// What the reader found next on the input.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A whole body that is not a JSON-RPC message: answered with this error, for the
    /// request's id when it has a readable one (`null` otherwise); the next message is
    /// read as usual.
    Invalid {
        id: Value,
        code: i32,
        message: String,
    },
    /// Framing the reader cannot follow (a header it cannot read, a `Content-Length`
    /// missing or over the limit, the input ending inside a message): where the next
    /// message starts is unknown, so nothing after it is read.
    Broken(String),
}

/// Reads messages from `input` on a thread of its own. The channel ends when the input
/// does (between two messages) or after an [`Incoming::Broken`]; it holds one message
/// ahead of the server, so a fast editor cannot fill the memory with messages the server
/// has not got to.
pub fn spawn_reader<R: Read + Send + 'static>(input: R) -> io::Result<Receiver<Incoming>> {
    let (tx, rx) = sync_channel(1);
    std::thread::Builder::new()
        .name("eol-lsp-reader".to_owned())
        .spawn(move || {
            let mut r = BufReader::with_capacity(CHUNK, input);
            loop {
                let next = match read_body(&mut r) {
                    Ok(None) => break,
                    Ok(Some(body)) => parse(&body),
                    Err(reason) => Incoming::Broken(reason),
                };
                let stop = matches!(next, Incoming::Broken(_));
                if tx.send(next).is_err() || stop {
                    break;
                }
            }
        })?;
    Ok(rx)
}

/// The next message's body; `None` at the end of the input between two messages; why the
/// framing cannot be followed.
pub fn read_body(r: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut length: Option<u64> = None;
    let mut used = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        let room = MAX_HEADER_BYTES - used;
        let n = r
            .by_ref()
            .take(room as u64)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if n == 0 && used == 0 {
            return Ok(None);
        }
        used += n;
        if !line.ends_with(b"\n") {
            return Err(if n == room {
                format!("a message's header is longer than {MAX_HEADER_BYTES} bytes")
            } else {
                "the input ended inside a message's header".to_owned()
            });
        }
        let Some(text) = line.strip_suffix(b"\r\n") else {
            return Err(format!(
                "a header line does not end with CR LF (\\r\\n): {}",
                shown(&line)
            ));
        };
        if text.is_empty() {
            break;
        }
        let header = std::str::from_utf8(text)
            .ok()
            .and_then(|t| t.split_once(':'))
            .filter(|(name, _)| !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()));
        let Some((name, value)) = header else {
            return Err(format!("malformed header line: {}", shown(text)));
        };
        if !name.eq_ignore_ascii_case("Content-Length") {
            // `Content-Type`, or anything else: nothing the body depends on
            continue;
        }
        if length.is_some() {
            return Err("a message has two Content-Length headers".to_owned());
        }
        length = Some(content_length(value.trim_matches([' ', '\t']))?);
    }
    let Some(length) = length else {
        return Err("a message has no Content-Length header".to_owned());
    };
    // at most MAX_BODY_BYTES, which a usize holds
    let length = usize::try_from(length).map_err(|_| "Content-Length too large".to_owned())?;
    let mut body = Vec::with_capacity(length.min(CHUNK));
    while body.len() < length {
        let buf = match r.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("cannot read standard input: {e}")),
        };
        if buf.is_empty() {
            return Err(format!(
                "the input ended inside a message's body ({} of its {length} bytes)",
                body.len()
            ));
        }
        let n = buf.len().min(length - body.len());
        body.extend_from_slice(buf.get(..n).unwrap_or_default());
        r.consume(n);
    }
    Ok(Some(body))
}

/// A `Content-Length` value: decimal digits, more than 0, at most [`MAX_BODY_BYTES`].
fn content_length(value: &str) -> Result<u64, String> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "Content-Length is not a decimal number of bytes: {}",
            shown(value.as_bytes())
        ));
    }
    // past u64 is past the limit as well
    let n = value.parse::<u64>().unwrap_or(u64::MAX);
    if n > MAX_BODY_BYTES {
        return Err(format!(
            "Content-Length {} is over the limit of {MAX_BODY_BYTES} bytes (64 MiB) for one message",
            shown(value.as_bytes())
        ));
    }
    if n == 0 {
        return Err("Content-Length is 0: a message has a JSON body".to_owned());
    }
    Ok(n)
}

/// Header bytes in a message: quoted, escaped, cut at 60 characters.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

/// A body read whole: a message, or the error it is answered with. serde_json stops at 128
/// levels of nesting with an error, so a deep body is a parse error, not a stack overflow.
pub fn parse(body: &[u8]) -> Incoming {
    if values_over_limit(body) {
        return Incoming::Invalid {
            id: Value::Null,
            code: ErrorCode::InvalidRequest as i32,
            message: format!("invalid request: the message holds more than {MAX_VALUES} JSON values"),
        };
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError as i32,
                message: format!("parse error: the message is not JSON: {e}"),
            };
        }
    };
    match message(value) {
        Ok(m) => Incoming::Message(m),
        Err((id, message)) => Incoming::Invalid {
            id,
            code: ErrorCode::InvalidRequest as i32,
            message: format!("invalid request: {message}"),
        },
    }
}

/// Whether `body` holds more than [`MAX_VALUES`] JSON values: every value but the first
/// follows a `[`, `{` or `,` outside a string (one pass; a body that is not JSON is
/// counted all the same, and refused by the parser if it is under the limit).
fn values_over_limit(body: &[u8]) -> bool {
    let (mut values, mut in_string, mut escaped) = (1usize, false, false);
    for &b in body {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' | b',' => {
                    values += 1;
                    if values > MAX_VALUES {
                        return true;
                    }
                }
                _ => {}
            }
        }
    }
    false
}

/// A JSON value as a JSON-RPC message; else the id to answer (the request's, when it
/// has a number or a string for one) and what is wrong.
fn message(value: Value) -> Result<Message, (Value, String)> {
    let mut obj = match value {
        Value::Object(obj) => obj,
        Value::Array(_) => return Err((Value::Null, "a batch (a JSON array) is not supported".to_owned())),
        _ => return Err((Value::Null, "a message is a JSON object".to_owned())),
    };
    let id = obj.remove("id");
    let answer_to = match &id {
        Some(v @ (Value::Number(_) | Value::String(_))) => v.clone(),
        _ => Value::Null,
    };
    if let Some(v) = obj.get("jsonrpc").filter(|v| *v != "2.0") {
        return Err((answer_to, format!("`jsonrpc` is {v}, not \"2.0\"")));
    }
    let method = obj.remove("method");
    let params = obj.remove("params").unwrap_or(Value::Null);
    match (method, id) {
        (Some(Value::String(method)), None | Some(Value::Null)) => {
            Ok(Message::Notification(Notification { method, params }))
        }
        (Some(Value::String(method)), Some(id)) => match request_id(id) {
            Some(id) => Ok(Message::Request(Request { id, method, params })),
            None => Err((answer_to, "`id` is an integer (32 bits) or a string".to_owned())),
        },
        (Some(_), _) => Err((answer_to, "`method` is a string".to_owned())),
        (None, Some(id)) if obj.contains_key("result") || obj.contains_key("error") => {
            obj.insert("id".to_owned(), id);
            serde_json::from_value::<Response>(Value::Object(obj))
                .map(Message::Response)
                .map_err(|e| (answer_to, format!("a response that cannot be read: {e}")))
        }
        (None, _) => Err((
            answer_to,
            "a message has a `method` (a request or a notification), or an `id` and a `result` or an `error` (a response)"
                .to_owned(),
        )),
    }
}

fn request_id(id: Value) -> Option<RequestId> {
    match id {
        Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        Value::String(s) => Some(RequestId::from(s)),
        _ => None,
    }
}

/// Writes `msg` framed with its `Content-Length`.
pub fn write_message(out: &mut impl Write, msg: &Message) -> io::Result<()> {
    msg.write(out)
}

/// Writes an error answer whose id may be `null` (lsp-server's `Response` cannot say so).
pub fn write_error(out: &mut impl Write, id: &Value, code: i32, message: &str) -> io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message},
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;

    fn read(input: &[u8]) -> Result<Option<Vec<u8>>, String> {
        read_body(&mut BufReader::new(input))
    }

    #[test]
    fn framing() {
        assert_eq!(read(b"").unwrap(), None);
        assert_eq!(read(b"Content-Length: 2\r\n\r\n{}").unwrap().unwrap(), b"{}");
        assert_eq!(
            read(b"content-length:2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")
                .unwrap()
                .unwrap(),
            b"{}"
        );
        for (input, why) in [
            (&b"Content-Lenght: 2\r\n\r\n{}"[..], "no Content-Length"),
            (b"Content-Length: 2\n\n{}", "CR LF"),
            (b"Content-Length: -2\r\n\r\n{}", "not a decimal"),
            (b"Content-Length: 0x2\r\n\r\n{}", "not a decimal"),
            (b"Content-Length: \r\n\r\n{}", "not a decimal"),
            (b"Content-Length: 0\r\n\r\n", "is 0"),
            (
                b"Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
                "two Content-Length",
            ),
            (
                b"Content-Length: 18446744073709551616\r\n\r\n{}",
                "over the limit",
            ),
            (b"Content-Length: 67108865\r\n\r\n{}", "over the limit"),
            (b"Content-Length: 5\r\n\r\n{}", "ended inside a message's body"),
            (b"Content-Length: 5\r\n", "ended inside a message's header"),
            (b"no colon\r\n\r\n", "malformed header"),
        ] {
            let e = read(input).unwrap_err();
            assert!(e.contains(why), "{:?}: {e}", String::from_utf8_lossy(input));
        }
        let long = format!("X-Padding: {}\r\n\r\n", "x".repeat(MAX_HEADER_BYTES));
        assert!(read(long.as_bytes())
            .unwrap_err()
            .contains("longer than 8192 bytes"));
        // exactly at the limit is read
        let pad = "x".repeat(MAX_HEADER_BYTES - "X: \r\nContent-Length: 2\r\n\r\n".len());
        let exact = format!("X: {pad}\r\nContent-Length: 2\r\n\r\n{{}}");
        assert_eq!(read(exact.as_bytes()).unwrap().unwrap(), b"{}");
    }

    /// docs/limits.md and docs/editors.md give the limits these constants set.
    #[test]
    fn limits_are_documented() {
        let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/");
        let limits = std::fs::read_to_string(format!("{docs}limits.md")).unwrap();
        let editors = std::fs::read_to_string(format!("{docs}editors.md")).unwrap();
        for row in [
            format!("| the header block of a language server message | {MAX_HEADER_BYTES} bytes |"),
            format!(
                "| the body of a language server message (`Content-Length`) | {} MiB |",
                MAX_BODY_BYTES >> 20
            ),
            format!("| JSON values in one language server message | {MAX_VALUES} |"),
        ] {
            assert!(limits.contains(&row), "docs/limits.md has no row `{row}`");
        }
        for text in [
            format!("at most {MAX_HEADER_BYTES} bytes"),
            format!("at most {MAX_BODY_BYTES} ({} MiB", MAX_BODY_BYTES >> 20),
        ] {
            assert!(editors.contains(&text), "docs/editors.md does not say `{text}`");
        }
    }

    #[test]
    fn bodies() {
        let invalid = |body: &[u8]| match parse(body) {
            Incoming::Invalid { id, code, .. } => (id, code),
            other => panic!("{other:?}"),
        };
        assert_eq!(invalid(b"{not json"), (Value::Null, -32700));
        assert_eq!(invalid(b"\"\\ud800\""), (Value::Null, -32700));
        assert_eq!(invalid(b"{\"a\": \"\xff\"}"), (Value::Null, -32700));
        assert_eq!(invalid(b"[]"), (Value::Null, -32600));
        assert_eq!(invalid(b"42"), (Value::Null, -32600));
        assert_eq!(invalid(b"{}"), (Value::Null, -32600));
        assert_eq!(invalid(b"{\"id\": 7, \"method\": 3}"), (json!(7), -32600));
        assert_eq!(invalid(b"{\"id\": 1.5, \"method\": \"x\"}"), (json!(1.5), -32600));
        assert_eq!(
            invalid(b"{\"jsonrpc\": \"1.0\", \"id\": \"a\", \"method\": \"x\"}"),
            (json!("a"), -32600)
        );
        let deep = format!(
            "{{\"method\": \"x\", \"params\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(invalid(deep.as_bytes()), (Value::Null, -32700));
        // past the values one message may hold: refused before it is parsed
        let many = format!(
            "{{\"method\": \"x\", \"params\": [{}0]}}",
            "0,".repeat(MAX_VALUES)
        );
        assert_eq!(invalid(many.as_bytes()), (Value::Null, -32600));
        // commas and brackets in a string are no values
        let text = format!(
            "{{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": {{\"text\": \"{}\\\"\"}}}}",
            ",[{".repeat(MAX_VALUES)
        );
        assert!(matches!(
            parse(text.as_bytes()),
            Incoming::Message(Message::Notification(_))
        ));
        assert!(matches!(
            parse(br#"{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}"#),
            Incoming::Message(Message::Request(_))
        ));
        assert!(matches!(
            parse(br#"{"jsonrpc": "2.0", "method": "exit"}"#),
            Incoming::Message(Message::Notification(_))
        ));
        assert!(matches!(
            parse(br#"{"jsonrpc": "2.0", "id": 1, "result": null}"#),
            Incoming::Message(Message::Response(_))
        ));
    }
}
