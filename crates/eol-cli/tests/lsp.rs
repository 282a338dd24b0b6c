//! `eol lsp` end to end: the real binary, spoken to over its standard input and output
//! with JSON-RPC in Content-Length frames, as an editor does.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// The file as it should be: `eol fmt` leaves it as it is.
const FIXED: &str = "policy acme \"Acme\" {
  vendor \"Acme\"
  line major
  attribute lts
  service support \"Support\"
  phase active \"Active\" role active {
    from first_ship
    until first_ship + 2 years
    provides support
  }
  phase security \"Sicherheits-Unterstützung 🚀\" role security {
    from end(active)
    until end_of_year(end(active) + 1 year)
    provides support
  }
  override line 2 active.end = 2023-03-01 because \"announced\"
}
";

const CATALOG: &str = "product,version,date,lts
acme,1.0,2020-01-15,false
acme,2.0,2021-01-15,true
";

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// notifications received while waiting for a response
    pending: Vec<Value>,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(dir: &Path) -> Client {
        Client::start_with(dir, &[])
    }

    /// The server with more arguments (`--rules PATH`).
    fn start_with(dir: &Path, more: &[&str]) -> Client {
        let mut args = vec!["lsp", "--no-bundled", "--at", "2022-06-01"];
        args.extend_from_slice(more);
        Client::spawn(dir, &args)
    }

    /// `eol` with exactly these arguments, in `dir`.
    fn spawn(dir: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages: rx,
            next_id: 1,
            pending: Vec::new(),
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    /// The whole response (`result` or `error`) to a request.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv();
            if msg.get("id") == Some(&json!(id)) {
                return msg;
            }
            self.pending.push(msg);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// Initialise the session and open `uri` with `text`: its first diagnostics.
    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "eol", "version": 1, "text": text}}),
        );
        self.diagnostics_for(uri)
    }

    /// Shut the server down as the protocol has it: it ends with 0.
    fn finish(mut self) {
        assert_eq!(self.request("shutdown", json!(null)), Value::Null);
        self.notify("exit", json!(null));
        drop(self.stdin.take());
        assert_eq!(self.child.wait().unwrap().code(), Some(0));
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let msg = match self.pending.iter().position(|m| is_diagnostics_for(m, uri)) {
                Some(i) => self.pending.remove(i),
                None => self.recv(),
            };
            if is_diagnostics_for(&msg, uri) {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push(msg);
        }
    }
}

fn is_diagnostics_for(msg: &Value, uri: &str) -> bool {
    msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn apply(text: &str, edits: &[Value]) -> String {
    let mut out = text.to_owned();
    let mut edits: Vec<&Value> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"])));
    for e in edits {
        let s = offset(text, &e["range"]["start"]);
        let end = offset(text, &e["range"]["end"]);
        out.replace_range(s..end, e["newText"].as_str().unwrap());
    }
    out
}

/// The position of the `n`-th `needle` in `text`, plus `plus` characters.
fn pos(text: &str, needle: &str, n: usize, plus: usize) -> Value {
    let at = text.match_indices(needle).nth(n).unwrap().0;
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum::<usize>() + plus;
    json!({"line": line, "character": character})
}

#[test]
fn a_session_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("acme.eol");
    let catalog = dir.path().join("acme.releases.csv");
    std::fs::write(&rules, FIXED).unwrap();
    std::fs::write(&catalog, CATALOG).unwrap();
    let uri = format!("file://{}", rules.display());
    let catalog_uri = format!("file://{}", catalog.display());
    let doc = json!({"uri": uri});
    let mut client = Client::start(dir.path());

    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["capabilities"];
    for cap in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "completionProvider",
        "documentFormattingProvider",
        "documentSymbolProvider",
        "codeActionProvider",
        "semanticTokensProvider",
        "renameProvider",
    ] {
        assert!(!caps[cap].is_null(), "{cap} in {caps}");
    }
    assert_eq!(caps["renameProvider"], json!({"prepareProvider": true}));
    client.notify("initialized", json!({}));

    // A broken file: a misspelt service, and a misspelt role after a label with `ü` and `🚀`.
    let broken = FIXED
        .replacen("provides support", "provides suport", 1)
        .replace("🚀\" role security", "🚀\" role secrity")
        .replace(
            "because \"announced\"\n",
            "because \"announced\"\n  service support \"Again\"\n",
        );
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "eol", "version": 1, "text": broken}}),
    );
    let diags = client.diagnostics_for(&uri);
    let summary: Vec<(Value, Value, Value)> = diags
        .iter()
        .map(|d| (d["code"].clone(), d["severity"].clone(), d["range"].clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (json!("eol::unknown-service"), json!(1), range(8, 13, 8, 19)),
            // `secrity` starts at byte 56 of its line: 3 UTF-16 units fewer, for `ü` (two
            // bytes, one unit) and `🚀` (four bytes, two units)
            (json!("eol::unknown-role"), json!(1), range(10, 53, 10, 60)),
            (
                json!("eol::duplicate-definition"),
                json!(1),
                range(16, 10, 16, 17)
            ),
        ]
    );
    // related labels become related locations
    assert_eq!(
        diags[2]["relatedInformation"],
        json!([{"location": {"uri": uri, "range": range(4, 10, 4, 17)}, "message": "first defined here"}])
    );
    assert!(diags[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `support`?"));
    assert_eq!(diags[0]["source"], "eol");
    // the catalog beside the file was read and has nothing to say
    assert_eq!(client.diagnostics_for(&catalog_uri), Vec::<Value>::new());

    // a quick fix for each did-you-mean
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": range(8, 15, 8, 15), "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "replace `suport` with `support`");
    assert_eq!(actions[0]["kind"], "quickfix");
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        edits,
        &vec![json!({"range": range(8, 13, 8, 19), "newText": "support"})]
    );
    let fixed_once = apply(&broken, edits);
    assert!(fixed_once.contains("provides support\n  }\n  phase security"));

    // fixing the file clears the diagnostics
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": FIXED}]}),
    );
    assert_eq!(client.diagnostics_for(&uri), Vec::<Value>::new());

    // hover: the phase's dates on each line of the catalog, at --at
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": pos(FIXED, "end(active)", 0, 5)}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(text.contains("**phase** `active` \"Active\""), "{text}");
    assert!(text.contains("at 2022-06-01"), "{text}");
    assert!(
        text.contains("| 1 | 2020-01-15 (exact) | 2022-01-15 (exact) |"),
        "{text}"
    );
    assert!(
        text.contains("| 2 | 2021-01-15 (exact) | 2023-03-01 (override) | now |"),
        "{text}"
    );
    assert_eq!(hover["range"], range(11, 13, 11, 19));
    // hover on a date expression after the non-ASCII label's line
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": pos(FIXED, "+ 1 year", 0, 0)}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`end(active) + 1 year`"), "{text}");
    assert!(text.contains("| 1 | 2023-01-15 (exact) |"), "{text}");
    assert!(text.contains("| 2 | 2024-03-01 (override) |"), "{text}");

    // definition and references
    let def = client.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": pos(FIXED, "end(active)", 0, 6)}),
    );
    assert_eq!(def, json!({"uri": uri, "range": range(5, 8, 5, 14)}));
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": doc, "position": pos(FIXED, "phase active", 0, 7), "context": {"includeDeclaration": true}}),
    );
    let ranges: Vec<Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"].clone())
        .collect();
    assert_eq!(
        ranges,
        vec![
            range(5, 8, 5, 14),
            range(11, 13, 11, 19),
            range(12, 26, 12, 32),
            range(15, 18, 15, 24),
        ]
    );
    // a line name goes to its first row in the catalog
    let def = client.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": pos(FIXED, "line 2 ", 0, 5)}),
    );
    assert_eq!(def, json!({"uri": catalog_uri, "range": range(2, 0, 2, 24)}));

    // completion: declared names, built-ins with their usage, keywords
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": pos(FIXED, "from end(active)", 0, 5)}),
    );
    let items = items.as_array().unwrap();
    let find = |label: &str| items.iter().find(|i| i["label"] == label).cloned();
    assert_eq!(find("active").unwrap()["detail"], "phase \"Active\"");
    let eom = find("end_of_month").unwrap();
    assert_eq!(eom["insertText"], "end_of_month(");
    assert_eq!(eom["detail"], "end_of_month(DATE)");
    assert!(find("provides").is_some());

    // completion of a line's name while it is typed (the file does not parse meanwhile):
    // the catalog's lines, each replacing what was typed of it
    let typing = FIXED.replacen("  override line 2", "  alias line \"\n  override line 2", 1);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": typing}]}),
    );
    assert!(!client.diagnostics_for(&uri).is_empty());
    let at = pos(&typing, "alias line \"", 0, 12);
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": at}),
    );
    let items = items.as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["1", "2"]);
    let start = json!({"line": at["line"], "character": at["character"].as_u64().unwrap() - 1});
    assert_eq!(
        items[1]["textEdit"],
        json!({"range": {"start": start, "end": at}, "newText": "\"2\""})
    );
    assert_eq!(items[1]["filterText"], "\"2");
    assert_eq!(items[1]["detail"], "line, first ship 2021-01-15");

    // formatting: the edits give the canonical text
    let messy = FIXED
        .replace("  vendor \"Acme\"", "vendor    \"Acme\"")
        .replace("first_ship + 2", "first_ship+2");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": messy}]}),
    );
    assert_eq!(client.diagnostics_for(&uri), Vec::<Value>::new());
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(apply(&messy, edits.as_array().unwrap()), FIXED);

    // outline
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": doc}));
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols.len(), 1);
    assert_eq!(symbols[0]["name"], "acme");
    let children: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["lts", "support", "active", "security"]);

    // semantic tokens: `policy` (keyword), then `acme` (a policy declared: namespace)
    let tokens = client.request("textDocument/semanticTokens/full", json!({"textDocument": doc}));
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    assert_eq!(&data[..10], &[0, 0, 6, 1, 0, 0, 7, 4, 5, 1]);

    // formatting a file that does not parse is refused
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": "policy acme {\n  phase\n}\n"}]}),
    );
    let diags = client.diagnostics_for(&uri);
    assert_eq!(diags[0]["code"], "eol::syntax");
    let refused = client.call(
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(refused["error"]["code"], -32803, "{refused}");

    // malformed requests get errors, not a crash
    let bad = client.call("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let bad = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.eol"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let bad = client.call("eol/unknown", json!(null));
    assert_eq!(bad["error"]["code"], -32601, "{bad}");
    // positions past the end are clamped
    let far = client.call(
        "textDocument/hover",
        json!({"textDocument": doc, "position": {"line": 999, "character": 999}}),
    );
    assert!(far.get("error").is_none(), "{far}");

    // shutdown, exit: exit code 0
    assert_eq!(client.request("shutdown", json!(null)), Value::Null);
    client.notify("exit", json!(null));
    drop(client.stdin.take());
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

const BASE: &str = "policy base \"Base\" {
  line major
  service fixes
  phase supported \"Supported\" role active {
    from first_ship
    until first_ship + 3 years
    provides fixes
  }
}
";

const APP: &str = "policy app \"App\" {
  line major
  upstream up = base
  service fixes
  phase active role active {
    from first_ship
    until end(supported) of up
    provides fixes
  }
  milestone base_start = start(supported) of up
}

policy tool \"Tool\" {
  line major
  service fixes
  phase active role active {
    from first_ship
    until first_ship + 2 years
    provides fixes
  }
}
";

/// The range of the `n`-th `needle` in `text`.
fn range_of(text: &str, needle: &str, n: usize) -> Value {
    let start = pos(text, needle, n, 0);
    let len: usize = needle.chars().map(char::len_utf16).sum();
    let end = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + len as u64});
    json!({"start": start, "end": end})
}

/// A phase read from an upstream (`end(supported) of up`, the upstream from `--rules`):
/// hover, definition in the upstream's file, references; then edits of one policy at a
/// time (what the server re-checks from its cache), each with its diagnostics where the
/// text now puts them.
#[test]
fn upstream_phases_and_edits_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("lib/base.eol"), BASE).unwrap();
    std::fs::write(
        dir.path().join("lib/base.releases.csv"),
        "product,version,date\nbase,1.0,2020-01-15\nbase,2.0,2021-01-15\n",
    )
    .unwrap();
    let rules = dir.path().join("app.eol");
    std::fs::write(&rules, APP).unwrap();
    std::fs::write(
        dir.path().join("app.releases.csv"),
        "product,version,date\napp,1.0,2020-03-01\napp,2.0,2021-03-01\ntool,1.0,2020-05-01\n",
    )
    .unwrap();
    let uri = format!("file://{}", rules.display());
    let base_uri = format!("file://{}", dir.path().join("lib/base.eol").display());
    let doc = json!({"uri": uri});
    let mut client = Client::start_with(dir.path(), &["--rules", "lib"]);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "eol", "version": 1, "text": APP}}),
    );
    assert_eq!(client.diagnostics_for(&uri), Vec::<Value>::new());

    // hover: the upstream's phase and its dates on the upstream's lines
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": pos(APP, "end(supported) of up", 0, 6)}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**phase** `supported` \"Supported\" of upstream `up` (product `base`)"),
        "{text}"
    );
    assert!(
        text.contains("| 1 | 2020-01-15 (exact) | 2023-01-15 (exact) | now |"),
        "{text}"
    );
    assert!(
        text.contains("| 2 | 2021-01-15 (exact) | 2024-01-15 (exact) | now |"),
        "{text}"
    );
    assert_eq!(hover["range"], range_of(APP, "supported", 0));
    // definition: the phase in the upstream's rule file
    let def = client.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": pos(APP, "end(supported) of up", 0, 6)}),
    );
    assert_eq!(def, json!({"uri": base_uri, "range": range(3, 8, 3, 17)}));
    // references: every use in the file
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": doc, "position": pos(APP, "start(supported)", 0, 7), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        refs,
        json!([
            {"uri": uri, "range": range_of(APP, "supported", 0)},
            {"uri": uri, "range": range_of(APP, "supported", 1)},
        ])
    );

    // an error in the second policy, while the first grows a line: the diagnostic is
    // where the new text puts it
    let mut version = 1;
    let mut change = |client: &mut Client, text: &str| {
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        client
            .diagnostics_for(&uri)
            .iter()
            .map(|d| (d["code"].as_str().unwrap().to_owned(), d["range"].clone()))
            .collect::<Vec<_>>()
    };
    // the second policy's service, which no phase provides any more
    let unused = |text: &str| {
        let start = pos(text, "service fixes", 1, 8);
        let end = pos(text, "service fixes", 1, 13);
        json!({"start": start, "end": end})
    };
    let edited = APP
        .replacen("  line major\n", "  vendor \"Acme\"\n  line major\n", 1)
        .replacen(
            "first_ship + 2 years\n    provides fixes",
            "first_ship + 2 years\n    provides fixs",
            1,
        );
    assert_eq!(
        change(&mut client, &edited),
        vec![
            ("eol::unused-service".to_owned(), unused(&edited)),
            ("eol::unknown-service".to_owned(), range_of(&edited, "fixs", 0))
        ]
    );
    // the first policy only: the second one's diagnostic moves with it
    let edited = edited.replacen(
        "upstream up = base\n",
        "upstream up = base\n  # where dates come from\n",
        1,
    );
    assert_eq!(
        change(&mut client, &edited),
        vec![
            ("eol::unused-service".to_owned(), unused(&edited)),
            ("eol::unknown-service".to_owned(), range_of(&edited, "fixs", 0))
        ]
    );
    // an unknown phase of the upstream in the first policy: hover says so
    let edited = edited.replacen("end(supported) of up", "end(suported) of up", 1);
    change(&mut client, &edited);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": pos(&edited, "end(suported)", 0, 5)}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("product `base` declares no phase `suported`"),
        "{text}"
    );
    // back to the start: nothing to report
    assert_eq!(change(&mut client, APP), vec![]);

    assert_eq!(client.request("shutdown", json!(null)), Value::Null);
    client.notify("exit", json!(null));
    drop(client.stdin.take());
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

/// What `eol lsp` did with one input, fed whole on its standard input.
struct Outcome {
    code: Option<i32>,
    /// every message it wrote, in order
    messages: Vec<Value>,
    stderr: String,
}

/// `body` in its `Content-Length` frame.
/// Renaming a phase over the protocol: `prepareRename` selects the name, `rename` answers a
/// workspace edit of the document, and what cannot be renamed is an error with the reason.
#[test]
fn rename_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("acme.eol");
    std::fs::write(&rules, FIXED).unwrap();
    std::fs::write(dir.path().join("acme.releases.csv"), CATALOG).unwrap();
    let uri = format!("file://{}", rules.display());
    let doc = json!({"uri": uri});
    let mut client = Client::start(dir.path());
    assert_eq!(client.open(&uri, FIXED), Vec::<Value>::new());

    let at = pos(FIXED, "end(active)", 1, 5);
    let prepared = client.request(
        "textDocument/prepareRename",
        json!({"textDocument": doc, "position": at}),
    );
    assert_eq!(prepared, range_of(FIXED, "active", 3));
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": at, "newName": "mainstream"}),
    );
    let edits = edit["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 4, "{edit}");
    assert_eq!(
        apply(FIXED, edits),
        FIXED
            .replace("phase active", "phase mainstream")
            .replace("end(active)", "end(mainstream)")
            .replace("line 2 active.end", "line 2 mainstream.end")
    );

    // refused: a policy's id, and a keyword as the new name; the reason is the message
    let refused = client.call(
        "textDocument/prepareRename",
        json!({"textDocument": doc, "position": pos(FIXED, "policy acme", 0, 8)}),
    );
    assert_eq!(refused["error"]["code"], json!(-32803), "{refused}");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("a policy's id is how everyone asks about the product"),
        "{message}"
    );
    let refused = client.call(
        "textDocument/rename",
        json!({"textDocument": doc, "position": at, "newName": "until"}),
    );
    assert_eq!(
        refused["error"]["message"],
        json!("`until` is a keyword of the language")
    );
    client.finish();
}

/// Renaming a phase that other rule files read as an upstream's: the files on disk
/// (`--rules`) are edited too; one of the bundled library, which is on no disk, refuses it.
#[test]
fn rename_reaches_the_rule_files_that_read_the_phase() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("lib/app.eol"), APP).unwrap();
    let rules = dir.path().join("base.eol");
    std::fs::write(&rules, BASE).unwrap();
    let uri = format!("file://{}", rules.display());
    let app_uri = format!("file://{}", dir.path().join("lib/app.eol").display());
    let mut client = Client::start_with(dir.path(), &["--rules", "lib"]);
    client.open(&uri, BASE);
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(BASE, "phase supported", 0, 7), "newName": "maintained"}),
    );
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 2, "{edit}");
    assert_eq!(
        apply(BASE, changes[&uri].as_array().unwrap()),
        BASE.replace("phase supported", "phase maintained")
    );
    assert_eq!(
        apply(APP, changes[&app_uri].as_array().unwrap()),
        APP.replace("(supported)", "(maintained)")
    );
    // the reader changed on disk since the server read it: its positions are not sure
    std::fs::write(dir.path().join("lib/app.eol"), format!("# moved\n{APP}")).unwrap();
    let refused = client.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(BASE, "phase supported", 0, 7), "newName": "maintained"}),
    );
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("lib/app.eol:7 reads this phase"), "{refused}");
    assert!(
        message.contains("has changed since the language server read it"),
        "{refused}"
    );
    client.finish();

    // a copy of the bundled `rhel`, whose Full Support the bundled AlmaLinux reads
    let rhel_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/rhel.eol")).unwrap();
    let rhel = dir.path().join("rhel.eol");
    std::fs::write(&rhel, &rhel_text).unwrap();
    let rhel_uri = format!("file://{}", rhel.display());
    let mut client = Client::spawn(dir.path(), &["lsp", "--at", "2026-12-01"]);
    client.open(&rhel_uri, &rhel_text);
    let refused = client.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": rhel_uri}, "position": pos(&rhel_text, "phase full", 0, 7), "newName": "production"}),
    );
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("rules/almalinux.eol:")
            && message.contains("is no file on disk to edit (the bundled library)"),
        "{refused}"
    );
    client.finish();
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn framed(msg: &Value) -> Vec<u8> {
    frame(msg.to_string().as_bytes())
}

fn initialize(id: i64) -> Vec<u8> {
    framed(
        &json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {"processId": null, "capabilities": {}}}),
    )
}

fn notification(method: &str) -> Vec<u8> {
    framed(&json!({"jsonrpc": "2.0", "method": method, "params": {}}))
}

fn shutdown(id: i64) -> Vec<u8> {
    framed(&json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}))
}

fn exit() -> Vec<u8> {
    framed(&json!({"jsonrpc": "2.0", "method": "exit"}))
}

/// The server run on `input` (standard input closed after it). `limit_kb` runs it under
/// `ulimit -v`, for an input that must not make it allocate.
fn session_with(input: Vec<u8>, limit_kb: Option<u64>) -> Outcome {
    let bin = env!("CARGO_BIN_EXE_eol");
    let mut command = match limit_kb {
        Some(kb) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("ulimit -v {kb} && exec \"$0\" \"$@\""), bin]);
            c
        }
        None => Command::new(bin),
    };
    let mut child = command
        .args(["lsp", "--no-bundled", "--at", "2022-06-01"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // the server may stop reading before the end (broken framing): a closed pipe is fine
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let mut r = &output.stdout[..];
    let mut messages = Vec::new();
    while let Some(msg) = read_message(&mut r) {
        messages.push(msg);
    }
    assert!(r.is_empty(), "output that is not a framed message: {r:?}");
    Outcome {
        code: output.status.code(),
        messages,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn session(input: Vec<u8>) -> Outcome {
    session_with(input, None)
}

impl Outcome {
    fn assert_no_panic(&self) {
        assert_ne!(self.code, Some(101), "{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }

    /// The answer to request `id`.
    fn answer(&self, id: &Value) -> &Value {
        self.messages
            .iter()
            .find(|m| &m["id"] == id && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no answer to {id} in {:?}", self.messages))
    }

    /// The error answers whose id is `null`, as (code, message).
    fn null_id_errors(&self) -> Vec<(i64, String)> {
        self.messages
            .iter()
            .filter(|m| m["id"].is_null() && m.get("error").is_some())
            .map(|m| {
                assert_eq!(m["jsonrpc"], "2.0", "{m}");
                (
                    m["error"]["code"].as_i64().unwrap(),
                    m["error"]["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

/// A body that is framed well but is not a JSON-RPC message gets an error answer
/// (`-32700` for one that is not JSON, `-32600` for JSON that is not a request), and the
/// session goes on: the requests after it are answered, and `shutdown` and `exit` end it
/// with 0.
#[test]
fn a_body_that_is_not_a_message_is_answered_and_the_session_goes_on() {
    let deep = format!(
        r#"{{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let bodies: Vec<(Vec<u8>, i64, Value)> = vec![
        (b"{not json".to_vec(), -32700, Value::Null),
        (
            b"{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": \"\xff\xfe\"}".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            br#"{"jsonrpc": "2.0", "method": "x", "params": "\ud800"}"#.to_vec(),
            -32700,
            Value::Null,
        ),
        (deep.into_bytes(), -32700, Value::Null),
        (
            br#"[{"jsonrpc": "2.0", "id": 70, "method": "shutdown"}]"#.to_vec(),
            -32600,
            Value::Null,
        ),
        (b"42".to_vec(), -32600, Value::Null),
        (b"{}".to_vec(), -32600, Value::Null),
        // a request whose id can be read is answered with it
        (
            br#"{"jsonrpc": "2.0", "id": 71, "method": 7}"#.to_vec(),
            -32600,
            json!(71),
        ),
    ];
    let mut input = initialize(1);
    input.extend(notification("initialized"));
    for (body, _, _) in &bodies {
        input.extend(frame(body));
    }
    input.extend(framed(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "eol/unknown"}),
    ));
    input.extend(framed(
        &json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": "file:///nowhere.eol"}, "position": {"line": 0, "character": 0}}}),
    ));
    input.extend(shutdown(4));
    input.extend(exit());
    let out = session(input);
    out.assert_no_panic();
    let errors: Vec<(Value, i64)> = out
        .messages
        .iter()
        .filter(|m| m["id"] != json!(2) && m["id"] != json!(3) && m.get("error").is_some())
        .map(|m| (m["id"].clone(), m["error"]["code"].as_i64().unwrap()))
        .collect();
    let expected: Vec<(Value, i64)> = bodies.iter().map(|(_, code, id)| (id.clone(), *code)).collect();
    assert_eq!(errors, expected, "{:?}", out.messages);
    assert_eq!(out.answer(&json!(2))["error"]["code"], -32601);
    assert_eq!(out.answer(&json!(3))["error"]["code"], -32602);
    assert_eq!(out.answer(&json!(4))["result"], Value::Null);
    assert!(out.answer(&json!(4)).get("error").is_none());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
}

/// Framing the server cannot follow (a header it cannot read, a `Content-Length`
/// missing, not a number, 0, twice or over the limit, the input ending inside a message)
/// gets one `-32700` answer with a `null` id and a line on standard error, and ends the
/// session with 1: where the next message starts is unknown, so the `shutdown` after it
/// is not answered.
#[test]
fn framing_that_cannot_be_followed_is_answered_and_ends_the_session() {
    let body = br#"{"jsonrpc": "2.0", "method": "eol/nothing"}"#;
    let with_header = |header: &str| {
        let mut m = header.as_bytes().to_vec();
        m.extend_from_slice(body);
        m
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "misspelt",
            with_header(&format!("Content-Lenght: {}\r\n\r\n", body.len())),
            "no Content-Length",
        ),
        (
            "missing",
            with_header("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"),
            "no Content-Length",
        ),
        (
            "not a number",
            with_header("Content-Length: forty\r\n\r\n"),
            "not a decimal number",
        ),
        (
            "negative",
            with_header("Content-Length: -44\r\n\r\n"),
            "not a decimal number",
        ),
        ("zero", with_header("Content-Length: 0\r\n\r\n"), "is 0"),
        (
            "twice",
            with_header(&format!(
                "Content-Length: {0}\r\nContent-Length: {0}\r\n\r\n",
                body.len()
            )),
            "two Content-Length",
        ),
        (
            "LF only",
            with_header(&format!("Content-Length: {}\n\n", body.len())),
            "CR LF",
        ),
        (
            "a 5 MB header",
            with_header(&format!("X-Padding: {}\r\n\r\n", "x".repeat(5_000_000))),
            "longer than 8192 bytes",
        ),
        (
            "over the limit",
            with_header("Content-Length: 67108865\r\n\r\n"),
            "over the limit of 67108864 bytes",
        ),
        (
            "past u64",
            with_header("Content-Length: 18446744073709551616\r\n\r\n"),
            "over the limit",
        ),
        ("no line", b"garbage\r\n\r\n".to_vec(), "malformed header"),
    ];
    for (what, bad, why) in cases {
        let mut input = initialize(1);
        input.extend(notification("initialized"));
        input.extend(bad);
        input.extend(shutdown(2));
        input.extend(exit());
        let out = session(input);
        out.assert_no_panic();
        assert_eq!(out.code, Some(1), "{what}: {}", out.stderr);
        assert!(out.answer(&json!(1)).get("result").is_some(), "{what}");
        assert_eq!(out.messages.len(), 2, "{what}: {:?}", out.messages);
        let errors = out.null_id_errors();
        assert_eq!(errors.len(), 1, "{what}: {errors:?}");
        assert_eq!(errors[0].0, -32700, "{what}");
        assert!(errors[0].1.contains(why), "{what}: {}", errors[0].1);
        assert_eq!(out.stderr.lines().count(), 1, "{what}: {}", out.stderr);
        assert!(
            out.stderr.starts_with("eol lsp: ") && out.stderr.contains(why),
            "{what}: {}",
            out.stderr
        );
    }
    // the input ending inside a body
    let mut input = initialize(1);
    input.extend(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    let out = session(input);
    out.assert_no_panic();
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.null_id_errors()[0].0, -32700);
    assert!(
        out.stderr.contains("ended inside a message's body"),
        "{}",
        out.stderr
    );
}

/// A `Content-Length` of 1 TiB before a 2-byte body is refused from its header, at once:
/// nothing is allocated for it (the server runs under a 4 GB address-space limit here,
/// so a regression aborts rather than exhausting the machine).
#[test]
fn a_huge_content_length_is_refused_from_the_header() {
    for length in ["1099511627776", "18446744073709551615"] {
        let mut input = initialize(1);
        input.extend(notification("initialized"));
        input.extend(format!("Content-Length: {length}\r\n\r\n{{}}").into_bytes());
        input.extend(shutdown(2));
        input.extend(exit());
        let out = session_with(input, Some(4_000_000));
        out.assert_no_panic();
        assert_eq!(out.code, Some(1), "{length}: {}", out.stderr);
        let errors = out.null_id_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, -32700);
        assert!(errors[0].1.contains("over the limit"), "{}", errors[0].1);
        assert!(out.stderr.contains(length), "{}", out.stderr);
    }
}

/// A message of 50 MB (a whole document sent on a change) is read, and the session goes on.
#[test]
fn a_50_mb_message_is_read() {
    let mut input = initialize(1);
    input.extend(notification("initialized"));
    input.extend(framed(
        &json!({"jsonrpc": "2.0", "method": "eol/unknown", "params": {"text": "x".repeat(50_000_000)}}),
    ));
    input.extend(shutdown(2));
    input.extend(exit());
    let out = session(input);
    out.assert_no_panic();
    assert_eq!(out.answer(&json!(2))["result"], Value::Null);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// The lifecycle as the protocol has it: requests before `initialize` are refused with
/// -32002, a second `initialize` and requests after `shutdown` with -32600 (InvalidRequest);
/// `exit` ends the session with 0 after `shutdown` and 1 without it, and so does the end of
/// the input.
#[test]
fn the_lifecycle_as_the_protocol_has_it() {
    let hover = |id: i64| {
        framed(
            &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": "file:///x.eol"}, "position": {"line": 0, "character": 0}}}),
        )
    };
    let mut input = hover(1);
    input.extend(initialize(2));
    input.extend(notification("initialized"));
    input.extend(initialize(3));
    input.extend(shutdown(4));
    input.extend(hover(5));
    input.extend(shutdown(6));
    input.extend(exit());
    let out = session(input);
    out.assert_no_panic();
    assert_eq!(out.answer(&json!(1))["error"]["code"], -32002);
    assert!(out.answer(&json!(2))["result"]["capabilities"].is_object());
    let again = &out.answer(&json!(3))["error"];
    assert_eq!(again["code"], -32600);
    assert!(
        again["message"].as_str().unwrap().contains("already initialized"),
        "{again}"
    );
    assert_eq!(out.answer(&json!(4))["result"], Value::Null);
    assert_eq!(out.answer(&json!(5))["error"]["code"], -32600);
    assert_eq!(out.answer(&json!(6))["error"]["code"], -32600);
    assert_eq!(out.messages.len(), 6, "{:?}", out.messages);
    assert_eq!(out.code, Some(0), "{}", out.stderr);

    // exit before initialize, or without shutdown: 1
    let out = session(exit());
    out.assert_no_panic();
    assert_eq!((out.code, out.messages.len()), (Some(1), 0), "{}", out.stderr);
    let mut input = initialize(1);
    input.extend(exit());
    let out = session(input);
    out.assert_no_panic();
    assert_eq!((out.code, out.messages.len()), (Some(1), 1), "{}", out.stderr);

    // the end of the input: 1 with a line saying so, before initialize or without shutdown;
    // 0 after shutdown
    for (input, says) in [
        (Vec::new(), "before `initialize`"),
        (initialize(1), "without `shutdown`"),
    ] {
        let out = session(input);
        out.assert_no_panic();
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(out.stderr.contains(says), "{}", out.stderr);
    }
    let mut input = initialize(1);
    input.extend(shutdown(2));
    let out = session(input);
    out.assert_no_panic();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
}
