//! `eol lsp`: the Language Server Protocol over standard input and output.
//!
//! Transport only: this module reads the open documents' text from the editor and
//! the catalogs beside them from disk, hands both to [`eol_engine::ide::Analysis`], and
//! turns its answers into protocol messages. One thread, one request at a time; a
//! request with parameters it cannot read gets a JSON-RPC error, never a crash. The
//! messages are read and framed by [`transport`], within its limits; a message that
//! cannot be read is answered with an error too.

mod transport;

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::Receiver;

use eol_engine::catalog::catalog_paths_for;
use eol_engine::ide::{self, Analysis, CompletionKind, Input, SymbolKind};
use eol_engine::library::{RuleSource, Source};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use serde_json::{json, Value};

use crate::args::LspArgs;
use crate::exit::{CONDITION, OK, USAGE};
use transport::Incoming;

pub fn run(args: &LspArgs) -> i32 {
    let mut library: Vec<RuleSource> = if args.sources.no_bundled {
        Vec::new()
    } else {
        crate::load::bundled()
    };
    match crate::load::rule_sources(&args.sources.rules) {
        Ok(mut local) => library.append(&mut local),
        Err(f) => return f.report(false),
    }
    let caps = match serde_json::to_value(capabilities()) {
        Ok(c) => c,
        Err(e) => {
            errln!("eol lsp: {e}");
            return USAGE;
        }
    };
    let incoming = match transport::spawn_reader(std::io::stdin()) {
        Ok(rx) => rx,
        Err(e) => {
            errln!("eol lsp: {e}");
            return USAGE;
        }
    };
    let mut server = Server {
        out: std::io::stdout(),
        caps,
        state: State::Uninitialized,
        library,
        at: crate::load::at_or_today(args.at),
        docs: HashMap::new(),
        caches: HashMap::new(),
    };
    // The reader thread may still wait on standard input: the process ends without it.
    server.serve(&incoming)
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["(".into(), " ".into()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
            lsp::SemanticTokensOptions {
                legend: lsp::SemanticTokensLegend {
                    token_types: ide::semantic::TOKEN_TYPES
                        .iter()
                        .map(|t| lsp::SemanticTokenType::new(t))
                        .collect(),
                    token_modifiers: ide::semantic::TOKEN_MODIFIERS
                        .iter()
                        .map(|m| lsp::SemanticTokenModifier::new(m))
                        .collect(),
                },
                full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// A failed request: the JSON-RPC error code and message.
type Failed = (i32, String);

fn invalid_params(e: impl std::fmt::Display) -> Failed {
    (
        ErrorCode::InvalidParams as i32,
        format!("invalid parameters: {e}"),
    )
}

/// Where the session is in the protocol's lifecycle.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// before `initialize`: other requests are refused, notifications dropped
    Uninitialized,
    Running,
    /// after `shutdown`: requests are refused, `exit` ends the session with 0
    ShutDown,
}

struct Server {
    out: std::io::Stdout,
    /// the answer's capabilities to `initialize`
    caps: Value,
    state: State,
    /// rule files upstreams may come from: the bundled library and `--rules`
    library: Vec<RuleSource>,
    at: chrono::NaiveDate,
    docs: HashMap<lsp::Url, Analysis>,
    /// per open document, what its re-checks keep of the policies that did not change
    caches: HashMap<lsp::Url, ide::Cache>,
}

impl Server {
    /// The main loop; the exit code: 0 after `shutdown` and `exit`, 1 for an `exit` or the
    /// end of the input without `shutdown` before it, or framing that cannot be followed.
    fn serve(&mut self, incoming: &Receiver<Incoming>) -> i32 {
        loop {
            let Ok(next) = incoming.recv() else {
                return match self.state {
                    State::ShutDown => OK,
                    State::Uninitialized => {
                        errln!("eol lsp: the input ended before `initialize`");
                        CONDITION
                    }
                    State::Running => {
                        errln!("eol lsp: the input ended without `shutdown` and `exit`");
                        CONDITION
                    }
                };
            };
            match next {
                Incoming::Broken(reason) => {
                    self.send_error(&Value::Null, ErrorCode::ParseError as i32, &reason);
                    errln!("eol lsp: {reason}; the messages after it cannot be found: stopping");
                    return CONDITION;
                }
                Incoming::Invalid { id, code, message } => self.send_error(&id, code, &message),
                Incoming::Message(Message::Request(req)) => self.on_request(req),
                Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                    // 0 only after `shutdown`
                    return if self.state == State::ShutDown {
                        OK
                    } else {
                        CONDITION
                    };
                }
                Incoming::Message(Message::Notification(n)) => {
                    if self.state == State::Running {
                        let _ =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n)));
                    }
                }
                Incoming::Message(Message::Response(_)) => {}
            }
        }
    }

    /// Answers a request, as the lifecycle allows.
    fn on_request(&mut self, req: Request) {
        let id = req.id.clone();
        let answer = match (self.state, req.method.as_str()) {
            (State::Uninitialized, "initialize") => {
                self.state = State::Running;
                Ok(json!({ "capabilities": self.caps }))
            }
            (State::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized: `initialize` comes first".to_owned(),
            )),
            (State::Running, "initialize") => {
                Err((ErrorCode::InvalidRequest as i32, "already initialized".to_owned()))
            }
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, _) => {
                // A bug must cost one answer, not the session.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(req)))
                    .unwrap_or_else(|_| Err((ErrorCode::InternalError as i32, "internal error".to_owned())))
            }
            (State::ShutDown, _) => Err((
                ErrorCode::InvalidRequest as i32,
                "the server is shut down: only `exit` is expected after `shutdown`".to_owned(),
            )),
        };
        let response = match answer {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code, message),
        };
        self.send(Message::Response(response));
    }

    /// Writes a message; an editor that no longer reads is not an error here (the session
    /// ends when its input does).
    fn send(&self, msg: Message) {
        let mut out = self.out.lock();
        let _ = transport::write_message(&mut out, &msg);
    }

    /// Writes an error answer to a message that could not be read (`id` may be `null`).
    fn send_error(&self, id: &Value, code: i32, message: &str) {
        let mut out = self.out.lock();
        let _ = transport::write_error(&mut out, id, code, message);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    self.update(p.text_document.uri, p.text_document.text);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params) {
                    // full synchronisation: the last change is the whole text
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.update(p.text_document.uri, change.text);
                    }
                }
            }
            "textDocument/didSave" => {
                // the catalog beside the file may have changed too: read it again
                if let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params) {
                    if let Some(text) = self.docs.get(&p.text_document.uri).map(|a| a.text().to_owned()) {
                        self.update(p.text_document.uri, text);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.caches.remove(&p.text_document.uri);
                    if let Some(a) = self.docs.remove(&p.text_document.uri) {
                        for f in a.diagnostics() {
                            let uri = self.uri_of(&p.text_document.uri, &f.file);
                            self.publish(uri, Vec::new());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Analyse a document's new text and publish its diagnostics.
    fn update(&mut self, uri: lsp::Url, text: String) {
        let path = uri.to_file_path().ok();
        let name = path
            .as_deref()
            .map_or_else(|| uri.to_string(), |p| p.display().to_string());
        let catalogs = path.as_deref().map(catalogs_beside).unwrap_or_default();
        let input = Input {
            file: Source::new(name, text.into_bytes()),
            catalogs,
            library: self.library.clone(),
            at: self.at,
        };
        let analysis = Analysis::recheck(input, self.caches.entry(uri.clone()).or_default());
        for f in analysis.diagnostics() {
            let file_uri = self.uri_of(&uri, &f.file);
            let diagnostics = f.diagnostics.iter().map(|d| diagnostic(&file_uri, d)).collect();
            self.publish(file_uri, diagnostics);
        }
        self.docs.insert(uri, analysis);
    }

    /// The URI of a file an analysis names: the document's, or a catalog's path.
    fn uri_of(&self, doc: &lsp::Url, file: &str) -> lsp::Url {
        let same = doc
            .to_file_path()
            .ok()
            .is_some_and(|p| p.display().to_string() == file);
        if same || doc.as_str() == file {
            return doc.clone();
        }
        lsp::Url::from_file_path(file).unwrap_or_else(|()| doc.clone())
    }

    fn publish(&self, uri: lsp::Url, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_owned(),
            params,
        )));
    }

    fn doc(&self, uri: &lsp::Url) -> Result<&Analysis, Failed> {
        self.docs.get(uri).ok_or_else(|| {
            (
                ErrorCode::InvalidParams as i32,
                format!("document not open: {uri}"),
            )
        })
    }

    fn request(&mut self, req: Request) -> Result<Value, Failed> {
        let params = req.params;
        let to_value = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError as i32, e.to_string()))
        };
        match req.method.as_str() {
            "textDocument/hover" => {
                let p: lsp::HoverParams = serde_json::from_value(params).map_err(invalid_params)?;
                let doc = &p.text_document_position_params;
                let a = self.doc(&doc.text_document.uri)?;
                let Some((range, text)) = a.hover(position(doc.position)) else {
                    return Ok(Value::Null);
                };
                to_value(serde_json::to_value(lsp::Hover {
                    contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                        kind: lsp::MarkupKind::Markdown,
                        value: text,
                    }),
                    range: Some(lsp_range(range)),
                }))
            }
            "textDocument/definition" => {
                let p: lsp::GotoDefinitionParams = serde_json::from_value(params).map_err(invalid_params)?;
                let doc = &p.text_document_position_params;
                let uri = &doc.text_document.uri;
                let a = self.doc(uri)?;
                let Some(loc) = a.definition(position(doc.position)) else {
                    return Ok(Value::Null);
                };
                let Some(uri) = location_uri(uri, &loc.file) else {
                    return Ok(Value::Null);
                };
                to_value(serde_json::to_value(lsp::Location {
                    uri,
                    range: lsp_range(loc.range),
                }))
            }
            "textDocument/references" => {
                let p: lsp::ReferenceParams = serde_json::from_value(params).map_err(invalid_params)?;
                let doc = &p.text_document_position;
                let uri = &doc.text_document.uri;
                let a = self.doc(uri)?;
                let locations: Vec<lsp::Location> = a
                    .references(position(doc.position), p.context.include_declaration)
                    .into_iter()
                    .map(|r| lsp::Location {
                        uri: uri.clone(),
                        range: lsp_range(r),
                    })
                    .collect();
                to_value(serde_json::to_value(locations))
            }
            "textDocument/completion" => {
                let p: lsp::CompletionParams = serde_json::from_value(params).map_err(invalid_params)?;
                let doc = &p.text_document_position;
                let a = self.doc(&doc.text_document.uri)?;
                let items: Vec<lsp::CompletionItem> = a
                    .complete(position(doc.position))
                    .into_iter()
                    .map(completion)
                    .collect();
                to_value(serde_json::to_value(lsp::CompletionResponse::Array(items)))
            }
            "textDocument/formatting" => {
                let p: lsp::DocumentFormattingParams =
                    serde_json::from_value(params).map_err(invalid_params)?;
                let a = self.doc(&p.text_document.uri)?;
                match a.format() {
                    Ok(edits) => to_value(serde_json::to_value(
                        edits.into_iter().map(text_edit).collect::<Vec<_>>(),
                    )),
                    Err(errors) => Err((
                        ErrorCode::RequestFailed as i32,
                        format!(
                            "the file does not parse ({} error{}): fix it before formatting",
                            errors.len(),
                            if errors.len() == 1 { "" } else { "s" }
                        ),
                    )),
                }
            }
            "textDocument/prepareRename" => {
                let p: lsp::TextDocumentPositionParams =
                    serde_json::from_value(params).map_err(invalid_params)?;
                let a = self.doc(&p.text_document.uri)?;
                match a.prepare_rename(position(p.position)) {
                    Ok(range) => to_value(serde_json::to_value(lsp::PrepareRenameResponse::Range(
                        lsp_range(range),
                    ))),
                    Err(why) => Err((ErrorCode::RequestFailed as i32, why)),
                }
            }
            "textDocument/rename" => {
                let p: lsp::RenameParams = serde_json::from_value(params).map_err(invalid_params)?;
                let doc = &p.text_document_position;
                let uri = &doc.text_document.uri;
                let a = self.doc(uri)?;
                let renamed = a
                    .rename(position(doc.position), &p.new_name, &self.library)
                    .map_err(|why| (ErrorCode::RequestFailed as i32, why))?;
                let mut changes = HashMap::from([(
                    uri.clone(),
                    renamed.edits.into_iter().map(text_edit).collect::<Vec<_>>(),
                )]);
                // the other rule files that read the phase: edited where they are on disk;
                // one that is not (the bundled library's) would break, so nothing is renamed
                for other in renamed.elsewhere {
                    let line = other.edits.first().map_or(0, |e| e.range.start.line + 1);
                    let Some(other_uri) = location_uri(uri, &other.file) else {
                        return Err((
                            ErrorCode::RequestFailed as i32,
                            format!(
                                "{}:{line} reads this phase as its upstream's and is no file on disk to edit \
                                 (the bundled library): renamed here, it would break there",
                                other.file
                            ),
                        ));
                    };
                    // the edits are positions in the text the server read at its start:
                    // only good while the file (and the editor's copy, when open) is that
                    let read = self
                        .library
                        .iter()
                        .find(|r| r.file.name == other.file)
                        .map(|r| r.file.bytes.as_ref());
                    let on_disk = other_uri.to_file_path().ok().and_then(|p| std::fs::read(p).ok());
                    let open = self.docs.get(&other_uri).map(|d| d.text().as_bytes());
                    if read.is_none() || on_disk.as_deref() != read || open.is_some_and(|t| Some(t) != read) {
                        return Err((
                            ErrorCode::RequestFailed as i32,
                            format!(
                                "{}:{line} reads this phase as its upstream's, and has changed since the language \
                                 server read it at its start: save it, restart the server, then rename",
                                other.file
                            ),
                        ));
                    }
                    changes
                        .entry(other_uri)
                        .or_default()
                        .extend(other.edits.into_iter().map(text_edit));
                }
                to_value(serde_json::to_value(lsp::WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }))
            }
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = serde_json::from_value(params).map_err(invalid_params)?;
                let a = self.doc(&p.text_document.uri)?;
                let symbols: Vec<lsp::DocumentSymbol> =
                    a.symbols().into_iter().map(document_symbol).collect();
                to_value(serde_json::to_value(lsp::DocumentSymbolResponse::Nested(symbols)))
            }
            "textDocument/semanticTokens/full" => {
                let p: lsp::SemanticTokensParams = serde_json::from_value(params).map_err(invalid_params)?;
                let a = self.doc(&p.text_document.uri)?;
                Ok(json!({ "data": a.semantic_tokens() }))
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = serde_json::from_value(params).map_err(invalid_params)?;
                let uri = &p.text_document.uri;
                let a = self.doc(uri)?;
                let actions: Vec<lsp::CodeActionOrCommand> = a
                    .fixes(ide_range(p.range))
                    .into_iter()
                    .map(|(d, fix)| {
                        let edits: Vec<lsp::TextEdit> = fix.edits.into_iter().map(text_edit).collect();
                        lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                            title: fix.title,
                            kind: Some(lsp::CodeActionKind::QUICKFIX),
                            diagnostics: Some(vec![diagnostic(uri, &d)]),
                            edit: Some(lsp::WorkspaceEdit {
                                changes: Some(HashMap::from([(uri.clone(), edits)])),
                                ..Default::default()
                            }),
                            is_preferred: Some(true),
                            ..Default::default()
                        })
                    })
                    .collect();
                to_value(serde_json::to_value(actions))
            }
            other => Err((
                ErrorCode::MethodNotFound as i32,
                format!("unknown method `{other}`"),
            )),
        }
    }
}

/// Where a definition is: the document, or another file on disk (a catalog, an upstream's
/// rule file from `--rules`, named as given, relative to the working directory). A file of
/// the bundled library is not on disk: there is nowhere to go.
fn location_uri(doc: &lsp::Url, file: &str) -> Option<lsp::Url> {
    let same = doc
        .to_file_path()
        .ok()
        .is_some_and(|p| p.display().to_string() == file);
    if same || doc.as_str() == file {
        return Some(doc.clone());
    }
    let path = std::path::absolute(file).ok().filter(|p| p.is_file())?;
    lsp::Url::from_file_path(path).ok()
}

/// The catalogs beside a rule file, read from disk (the first of
/// `NAME.releases.{toml,csv,json}` that exists, as `eol check` reads them).
fn catalogs_beside(path: &Path) -> Vec<Source> {
    catalog_paths_for(path)
        .into_iter()
        .filter(|c| c.is_file())
        .filter_map(|c| crate::load::read(&c).ok())
        .collect()
}

fn position(p: lsp::Position) -> ide::Position {
    ide::Position::new(p.line, p.character)
}

fn lsp_position(p: ide::Position) -> lsp::Position {
    lsp::Position::new(p.line, p.character)
}

fn lsp_range(r: ide::Range) -> lsp::Range {
    lsp::Range::new(lsp_position(r.start), lsp_position(r.end))
}

fn ide_range(r: lsp::Range) -> ide::Range {
    ide::Range {
        start: position(r.start),
        end: position(r.end),
    }
}

fn text_edit(e: ide::TextEdit) -> lsp::TextEdit {
    lsp::TextEdit::new(lsp_range(e.range), e.new_text)
}

fn diagnostic(uri: &lsp::Url, d: &ide::EditorDiagnostic) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uri.clone(),
                range: lsp_range(r.range),
            },
            message: r.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: lsp_range(d.range),
        severity: Some(match d.severity {
            eol_syntax::Severity::Error => lsp::DiagnosticSeverity::ERROR,
            eol_syntax::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        source: Some("eol".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

fn completion(item: ide::CompletionItem) -> lsp::CompletionItem {
    let kind = match item.kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Builtin => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Unit => lsp::CompletionItemKind::UNIT,
        CompletionKind::CatalogAttribute => lsp::CompletionItemKind::FIELD,
        CompletionKind::Declared(k) => symbol_completion_kind(k),
        CompletionKind::Line => lsp::CompletionItemKind::VALUE,
        CompletionKind::Choice => lsp::CompletionItemKind::ENUM_MEMBER,
    };
    // an item that replaces more than the word at the cursor (a line name typed with its
    // quote) says which text
    let text_edit = item.range.map(|range| {
        lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range: lsp_range(range),
            new_text: item.insert.clone().unwrap_or_else(|| item.label.clone()),
        })
    });
    lsp::CompletionItem {
        filter_text: item.filter,
        text_edit,
        label: item.label,
        kind: Some(kind),
        detail: item.detail,
        documentation: item.documentation.map(|value| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value,
            })
        }),
        insert_text: item.insert,
        sort_text: Some(item.sort),
        ..Default::default()
    }
}

fn symbol_completion_kind(k: SymbolKind) -> lsp::CompletionItemKind {
    match k {
        SymbolKind::Policy | SymbolKind::Upstream => lsp::CompletionItemKind::MODULE,
        SymbolKind::Phase => lsp::CompletionItemKind::CLASS,
        SymbolKind::Service => lsp::CompletionItemKind::INTERFACE,
        SymbolKind::Milestone => lsp::CompletionItemKind::EVENT,
        SymbolKind::Attribute => lsp::CompletionItemKind::PROPERTY,
        SymbolKind::Component => lsp::CompletionItemKind::VARIABLE,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the protocol's type
fn document_symbol(s: ide::DocumentSymbol) -> lsp::DocumentSymbol {
    let kind = match s.kind {
        SymbolKind::Policy => lsp::SymbolKind::MODULE,
        SymbolKind::Phase => lsp::SymbolKind::CLASS,
        SymbolKind::Service => lsp::SymbolKind::INTERFACE,
        SymbolKind::Milestone => lsp::SymbolKind::EVENT,
        SymbolKind::Attribute => lsp::SymbolKind::PROPERTY,
        SymbolKind::Upstream => lsp::SymbolKind::NAMESPACE,
        SymbolKind::Component => lsp::SymbolKind::VARIABLE,
    };
    lsp::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind,
        tags: None,
        deprecated: None,
        range: lsp_range(s.range),
        selection_range: lsp_range(s.selection),
        children: Some(s.children.into_iter().map(document_symbol).collect()),
    }
}
