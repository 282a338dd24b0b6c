//! The documentation is tested:
//!
//! - every ```` ```eol ```` block in `README.md` and `docs/*.md` checks without
//!   an error; ```` ```eol,fail=eol::CODE ```` blocks produce an error with that
//!   code, ```` ```eol,warn=eol::CODE ```` blocks a warning with that code and no
//!   error (the convention is described in docs/diagnostics.md);
//! - the codes the crates can emit, the codes docs/diagnostics.md documents and
//!   the codes of the failing corpus are the same set;
//! - the severity docs/diagnostics.md gives for a code is the one it has.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use eol_engine::project::RuleFile;
use eol_syntax::Severity;
use eol_tests::{code_of, corpus_dir, display_name, load, render_file, workspace_root};

/// Codes that cannot have a tested example in Markdown: a Markdown file is UTF-8.
const NO_EXAMPLE: &[&str] = &["eol::invalid-utf8"];

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Clean,
    Error(String),
    Warning(String),
}

#[derive(Debug)]
struct Block {
    /// `docs/x.md:12`, the line of the opening fence.
    at: String,
    expect: Expect,
    text: String,
}

/// The fenced blocks whose info string starts with `eol`.
fn eol_blocks(path: &Path) -> Vec<Block> {
    let doc = std::fs::read_to_string(path).unwrap();
    let name = display_name(path);
    let mut blocks = Vec::new();
    let mut lines = doc.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let trimmed = line.trim_start();
        let fence_len = trimmed.chars().take_while(|c| *c == '`').count();
        if fence_len < 3 {
            continue;
        }
        let info = trimmed[fence_len..].trim();
        if info.contains('`') {
            // CommonMark: a backtick fence's info string has no backtick, so this
            // is inline code at the start of a line (```` ```text ````), not a fence.
            continue;
        }
        let mut body = Vec::new();
        for (_, l) in lines.by_ref() {
            let t = l.trim();
            if t.len() >= fence_len && t.chars().all(|c| c == '`') {
                break;
            }
            body.push(l);
        }
        let mut parts = info.split(',').map(str::trim);
        if parts.next() != Some("eol") {
            continue;
        }
        let at = format!("{name}:{}", n + 1);
        let mut expect = Expect::Clean;
        for attr in parts {
            expect = match attr.split_once('=') {
                Some(("fail", code)) => Expect::Error(code.to_owned()),
                Some(("warn", code)) => Expect::Warning(code.to_owned()),
                _ => panic!(
                    "{at}: unknown attribute `{attr}` in ```{info} (use fail=eol::CODE or warn=eol::CODE)"
                ),
            };
        }
        if let Expect::Error(code) | Expect::Warning(code) = &expect {
            assert!(
                code.starts_with("eol::"),
                "{at}: `{code}` is not a code (write eol::CODE)"
            );
        }
        let mut text = body.join("\n");
        text.push('\n');
        blocks.push(Block { at, expect, text });
    }
    blocks
}

/// README.md and docs/*.md, whichever exist.
fn markdown_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files: Vec<PathBuf> = vec![root.join("README.md")];
    if let Ok(entries) = std::fs::read_dir(root.join("docs")) {
        files.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "md")),
        );
    }
    files.retain(|p| p.is_file());
    files.sort();
    files
}

#[test]
fn doc_code_blocks() {
    let mut failures = Vec::new();
    let mut count = 0;
    for md in markdown_files() {
        for block in eol_blocks(&md) {
            count += 1;
            let file = RuleFile::load(&block.at, block.text.as_bytes());
            let has = |code: &str, sev: Severity| {
                file.diagnostics
                    .iter()
                    .any(|d| d.code == code && d.severity == sev)
            };
            let ok = match &block.expect {
                Expect::Clean => !file.has_errors(),
                Expect::Error(code) => has(code, Severity::Error),
                Expect::Warning(code) => has(code, Severity::Warning) && !file.has_errors(),
            };
            if !ok {
                failures.push(format!(
                    "{}: expected {:?}, got:\n{}",
                    block.at,
                    block.expect,
                    render_file(&file)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} doc blocks fail:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    // docs/diagnostics.md alone has one block per code but invalid-utf8.
    assert!(count >= 40, "only {count} eol blocks found");
}

/// Every `"eol::..."` string literal in the crates' Rust sources.
fn codes_in_crates() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let src = std::fs::read_to_string(&path).unwrap();
                for (i, _) in src.match_indices("\"eol::") {
                    let rest = &src[i + 1..];
                    let len = rest
                        .char_indices()
                        .skip(5)
                        .find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
                        .map_or(rest.len(), |(j, _)| j);
                    if rest[len..].starts_with('"') && len > 5 {
                        out.insert(rest[..len].to_owned());
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&workspace_root().join("crates"), &mut out);
    out
}

/// `## `eol::CODE`` sections of docs/diagnostics.md: code -> section text.
fn documented() -> BTreeMap<String, String> {
    let doc = std::fs::read_to_string(workspace_root().join("docs/diagnostics.md")).unwrap();
    let mut out = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            if let Some((code, text)) = current.take() {
                out.insert(code, text);
            }
            let h = h.trim().trim_matches('`');
            if h.starts_with("eol::") {
                current = Some((h.to_owned(), String::new()));
            }
            continue;
        }
        if let Some((_, text)) = &mut current {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some((code, text)) = current {
        out.insert(code, text);
    }
    out
}

/// The codes of the failing corpus files, each with the files named after it.
fn corpus_codes() -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(corpus_dir("check")).unwrap() {
        let path = entry.unwrap().path();
        out.entry(code_of(&path).unwrap()).or_default().push(path);
    }
    out
}

#[test]
fn codes_are_documented_and_tested() {
    let emitted = codes_in_crates();
    let docs: BTreeSet<String> = documented().into_keys().collect();
    let corpus: BTreeSet<String> = corpus_codes().into_keys().collect();
    assert!(
        emitted.len() >= 40,
        "found only {} codes in crates/: {emitted:?}",
        emitted.len()
    );
    let missing_docs: Vec<_> = emitted.difference(&docs).collect();
    let stale_docs: Vec<_> = docs.difference(&emitted).collect();
    let missing_corpus: Vec<_> = emitted.difference(&corpus).collect();
    let stale_corpus: Vec<_> = corpus.difference(&emitted).collect();
    assert!(
        missing_docs.is_empty()
            && stale_docs.is_empty()
            && missing_corpus.is_empty()
            && stale_corpus.is_empty(),
        "codes emitted in crates/ but not in docs/diagnostics.md: {missing_docs:?}\n\
         codes in docs/diagnostics.md that crates/ never emits: {stale_docs:?}\n\
         codes emitted in crates/ without a tests/corpus/check/ case: {missing_corpus:?}\n\
         tests/corpus/check/ cases for codes crates/ never emits: {stale_corpus:?}"
    );
}

/// Each documented code has a severity line that matches what the corpus cases
/// produce, a row in the overview table with the same severity, and a tested
/// example block for that code.
#[test]
fn documented_severity_and_examples() {
    let doc = std::fs::read_to_string(workspace_root().join("docs/diagnostics.md")).unwrap();
    let blocks = eol_blocks(&workspace_root().join("docs/diagnostics.md"));
    let corpus = corpus_codes();
    for (code, section) in documented() {
        let severity = section
            .lines()
            .find_map(|l| l.strip_prefix("**Severity:** "))
            .unwrap_or_else(|| panic!("{code}: no `**Severity:** error|warning` line"))
            .trim();
        let expected = match severity {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => panic!("{code}: severity `{other}` is neither error nor warning"),
        };
        for path in corpus.get(&code).into_iter().flatten() {
            let file = load(path);
            for d in file.diagnostics.iter().filter(|d| d.code == code) {
                assert_eq!(
                    d.severity, expected,
                    "{code} is documented as {severity} but {} gives {:?}",
                    file.name, d.severity
                );
            }
        }
        let row = format!("| [`{code}`]");
        let table = doc
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{code}: no row in the overview table"));
        assert!(
            table.contains(&format!("| {severity} |")),
            "{code}: the table row says otherwise: {table}"
        );
        let tested = blocks
            .iter()
            .any(|b| matches!(&b.expect, Expect::Error(c) | Expect::Warning(c) if *c == code));
        assert!(
            tested || NO_EXAMPLE.contains(&code.as_str()),
            "{code}: no ```eol,fail={code} (or warn=) example in docs/diagnostics.md"
        );
        let marker = if expected == Severity::Error {
            "fail"
        } else {
            "warn"
        };
        assert!(
            blocks.iter().all(|b| match &b.expect {
                Expect::Error(c) | Expect::Warning(c) if *c == code =>
                    (marker == "fail") == matches!(b.expect, Expect::Error(_)),
                _ => true,
            }),
            "{code} is a {severity}: mark its examples ```eol,{marker}={code}"
        );
    }
}

/// The convention itself: the fence parser sees what it should.
#[test]
fn fence_parser() {
    let dir = std::env::temp_dir().join(format!("eol-docs-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let md = dir.join("x.md");
    std::fs::write(
        &md,
        "text\n```eol\npolicy a {}\n```\n```` ```eol ```` is inline\n\n````eol,fail=eol::syntax\n```\n````\n```text\nnot eol\n```\n```eol, warn=eol::empty-file\n# hi\n```\n```\nplain\n```\n",
    )
    .unwrap();
    let blocks = eol_blocks(&md);
    std::fs::remove_dir_all(&dir).unwrap();
    let got: Vec<(Expect, &str)> = blocks
        .iter()
        .map(|b| (b.expect.clone(), b.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Expect::Clean, "policy a {}\n"),
            (Expect::Error("eol::syntax".into()), "```\n"),
            (Expect::Warning("eol::empty-file".into()), "# hi\n"),
        ]
    );
    assert!(blocks[0].at.ends_with("x.md:2"), "{}", blocks[0].at);
}
