//! The documentation is tested:
//!
//! - every ```` ```eol ```` block in `README.md` and `docs/*.md` checks without
//!   an error; ```` ```eol,fail=eol::CODE ```` blocks produce an error with that
//!   code, ```` ```eol,warn=eol::CODE ```` blocks a warning with that code and no
//!   error; catalog blocks (```` ```toml ````, ```` ```csv ````, ```` ```json ````)
//!   marked the same way are read as catalogs, and with `eval` evaluated with the
//!   ```` ```eol ```` block before them (the convention is described in
//!   docs/diagnostics.md);
//! - ```` ```csv,audit ```` (or `jsonl`, `json`) blocks are read as inputs of `eol audit`,
//!   ```` ```toml,suppressions ```` blocks as its suppressions files;
//! - the codes the crates can emit ([`Code::ALL`], each used in crates/, and every
//!   `"eol::..."` literal still in crates/ one of them), the codes
//!   docs/diagnostics.md documents and the codes of the failing corpora
//!   (`tests/corpus/check`, `catalog`, `eval-diagnostics`, `import`, `audit`) are the same
//!   set, but for the one code that no input can produce (`UNTRIGGERABLE`);
//! - the severity docs/diagnostics.md gives for a code is the one it has, and the
//!   one [`Code::severity`] gives.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_engine::catalog::CatalogFormat;
use eol_engine::eval::Options;
use eol_engine::kb::{evaluate_all, CatalogFile};
use eol_engine::project::RuleFile;
use eol_syntax::{Code, Diagnostic, Severity};
use eol_tests::{code_of, corpus_dir, display_name, render_all, workspace_root, Corpus};

/// Codes that cannot have a tested example in Markdown (their failing cases are
/// in `tests/corpus/` all the same):
///
/// - `eol::invalid-utf8`: a Markdown file is UTF-8;
/// - `eol::evaluation-too-deep`: the catalog needs more than 150 lines;
/// - `eol::lone-carriage-return`: a code block's lines end in `\n`, and cannot hold
///   a carriage return alone.
const NO_EXAMPLE: &[&str] = &[
    "eol::invalid-utf8",
    "eol::evaluation-too-deep",
    "eol::lone-carriage-return",
];

/// Codes the crates emit that no input can produce, so they are documented but
/// have neither a failing case nor an example. Exactly one:
///
/// - `eol::fmt-changes-meaning`: `eol fmt` parses what it printed and compares
///   the tree with the original before it writes anything. The diagnostic is that
///   safety net firing, which only a bug in the formatter can make happen; an input
///   that triggered it would be a bug to fix, not a case to keep.
const UNTRIGGERABLE: &[&str] = &["eol::fmt-changes-meaning"];

/// Codes the `eol` binary reports around the engine, about whole files and what it
/// prints rather than about their contents. The corpora run the engine, so these have
/// no failing case there (nor a Markdown example: each needs a huge file, or thousands
/// of diagnostics, or a derivation of millions of steps); instead each is produced by
/// a test of `crates/eol-cli/tests/hardening.rs`, which must name it:
///
/// - `eol::file-too-large`: a file over 128 MiB;
/// - `eol::too-many-diagnostics`: more than 200 diagnostics in one file;
/// - `eol::trace-too-large`: a derivation `eol explain` cannot print whole.
const CLI_CODES: &[&str] = &[
    "eol::file-too-large",
    "eol::too-many-diagnostics",
    "eol::trace-too-large",
];

/// The evaluation date of ```` ```FORMAT,eval ```` blocks.
const DOC_EVAL_AT: (i32, u32, u32) = (2025, 1, 1);

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Clean,
    Error(String),
    Warning(String),
}

/// What a block is read as.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// ```` ```eol ````: a rule file.
    Rules,
    /// ```` ```csv,fail=... ````: a catalog, read on its own.
    Catalog(CatalogFormat),
    /// ```` ```csv,eval,fail=... ````: a catalog, evaluated with `rules`, the
    /// ```` ```eol ```` block before it.
    Eval { format: CatalogFormat, rules: String },
    /// ```` ```csv,import,fail=... ````: an endoflife.date CSV export.
    Import,
    /// ```` ```json,import=github-releases,fail=... ````: a release source's document;
    /// ```` ```toml,import=record,fail=... ````: a catalog's sources record.
    SourceImport(String),
    /// ```` ```csv,audit,fail=... ```` (or `jsonl`, `json`): an input of `eol audit`; the
    /// extension it is read as.
    Audit(&'static str),
    /// ```` ```toml,suppressions,fail=... ````: a suppressions file of `eol audit`.
    Suppressions,
}

#[derive(Debug)]
struct Block {
    /// `docs/x.md:12`, the line of the opening fence.
    at: String,
    kind: Kind,
    expect: Expect,
    text: String,
}

/// The tested fenced blocks: every block whose info string starts with `eol`, and
/// the ```` ```toml ````, ```` ```csv ```` and ```` ```json ```` blocks with an
/// attribute (`fail=`, `warn=`, `eval`, `import`). Other blocks are not tested.
fn doc_blocks(path: &Path) -> Vec<Block> {
    let doc = std::fs::read_to_string(path).unwrap();
    let name = display_name(path);
    let mut blocks = Vec::new();
    let mut last_rules: Option<String> = None;
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
        let mut text = body.join("\n");
        text.push('\n');
        let mut parts = info.split(',').map(str::trim);
        let lang = parts.next().unwrap_or("");
        let attrs: Vec<&str> = parts.collect();
        let at = format!("{name}:{}", n + 1);
        let format = CatalogFormat::ALL.into_iter().find(|f| f.extension() == lang);
        let audit = attrs
            .contains(&"audit")
            .then(|| ["csv", "jsonl", "json"].into_iter().find(|e| *e == lang))
            .flatten();
        let suppressions = attrs.contains(&"suppressions") && lang == "toml";
        if lang != "eol" && audit.is_none() && !suppressions && (format.is_none() || attrs.is_empty()) {
            continue;
        }
        let mut expect = Expect::Clean;
        let (mut eval, mut import) = (false, false);
        let mut source: Option<String> = None;
        for attr in attrs {
            expect = match attr.split_once('=') {
                Some(("fail", code)) => Expect::Error(code.to_owned()),
                Some(("warn", code)) => Expect::Warning(code.to_owned()),
                None if attr == "eval" && format.is_some() => {
                    eval = true;
                    continue;
                }
                None if attr == "import" && format == Some(CatalogFormat::Csv) => {
                    import = true;
                    continue;
                }
                Some(("import", what)) if format.is_some() => {
                    source = Some(what.to_owned());
                    continue;
                }
                None if (attr == "audit" && audit.is_some()) || (attr == "suppressions" && suppressions) => {
                    continue;
                }
                _ => panic!(
                    "{at}: unknown attribute `{attr}` in ```{info} (use fail=eol::CODE or warn=eol::CODE; \
                     eval on a catalog, import on csv)"
                ),
            };
        }
        assert!(!(eval && import), "{at}: a block is `eval` or `import`, not both");
        if let Expect::Error(code) | Expect::Warning(code) = &expect {
            assert!(
                code.starts_with("eol::"),
                "{at}: `{code}` is not a code (write eol::CODE)"
            );
        }
        let kind = match format {
            _ if audit.is_some() => Kind::Audit(audit.unwrap_or("csv")),
            _ if suppressions => Kind::Suppressions,
            None => {
                last_rules = Some(text.clone());
                Kind::Rules
            }
            Some(format) if eval => Kind::Eval {
                format,
                rules: last_rules
                    .clone()
                    .unwrap_or_else(|| panic!("{at}: an `eval` block needs an ```eol block before it")),
            },
            Some(_) if import => Kind::Import,
            Some(_) if source.is_some() => Kind::SourceImport(source.clone().unwrap_or_default()),
            Some(format) => Kind::Catalog(format),
        };
        blocks.push(Block {
            at,
            kind,
            expect,
            text,
        });
    }
    blocks
}

/// Check one block: its diagnostics, rendered, and whether they meet the expectation.
fn check_block(block: &Block) -> (bool, String) {
    let mut files: Vec<(String, String, Vec<Diagnostic>)> = Vec::new();
    match &block.kind {
        Kind::Rules => {
            let file = RuleFile::load(&block.at, block.text.as_bytes());
            files.push((file.name, file.text, file.diagnostics));
        }
        Kind::Catalog(format) => {
            let file = CatalogFile::load(&block.at, *format, block.text.as_bytes());
            files.push((file.name, file.text.to_string(), file.diagnostics));
        }
        Kind::Eval { format, rules } => {
            let mut rules = vec![RuleFile::load(format!("{} (rules)", block.at), rules.as_bytes())];
            let mut catalogs = vec![CatalogFile::load(&block.at, *format, block.text.as_bytes())];
            let (y, m, d) = DOC_EVAL_AT;
            evaluate_all(
                &mut rules,
                &mut catalogs,
                &vec![vec![0]],
                NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                Options::default(),
                None,
            );
            for f in rules {
                files.push((f.name, f.text, f.diagnostics));
            }
            for c in catalogs {
                files.push((c.name, c.text.to_string(), c.diagnostics));
            }
        }
        Kind::Audit(ext) => {
            let name = format!("{}.{ext}", block.at);
            let diagnostics =
                eol_tests::audit_diagnostics(&name, &block.text).unwrap_or_else(|e| panic!("{e}"));
            files.push((name, block.text.clone(), diagnostics));
        }
        Kind::Suppressions => {
            let name = format!("{}.toml", block.at);
            let diagnostics =
                eol_tests::audit_diagnostics(&name, &block.text).unwrap_or_else(|e| panic!("{e}"));
            files.push((name, block.text.clone(), diagnostics));
        }
        Kind::Import => {
            let (cycles, mut diagnostics) = eol_engine::endoflife::parse(&block.text);
            diagnostics.extend(eol_engine::endoflife::import_warnings(&block.text, &cycles));
            files.push((block.at.clone(), block.text.clone(), diagnostics));
        }
        Kind::SourceImport(what) => {
            let diagnostics = if what == "record" {
                eol_engine::sources::record::parse(&block.text).1
            } else {
                let kind = eol_engine::sources::SourceKind::from_name(what)
                    .unwrap_or_else(|| panic!("{}: `import={what}` names no source kind", block.at));
                eol_engine::sources::formats::parse(kind, &block.text).1
            };
            files.push((block.at.clone(), block.text.clone(), diagnostics));
        }
    }
    let all: Vec<&Diagnostic> = files.iter().flat_map(|(_, _, ds)| ds).collect();
    let has = |code: &str, sev: Severity| all.iter().any(|d| d.code == code && d.severity == sev);
    let errors = all.iter().any(|d| d.is_error());
    let ok = match &block.expect {
        Expect::Clean => !errors,
        Expect::Error(code) => has(code, Severity::Error),
        Expect::Warning(code) => has(code, Severity::Warning) && !errors,
    };
    let rendered = files
        .iter()
        .map(|(name, text, ds)| render_all(ds, name, text))
        .collect();
    (ok, rendered)
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
        for block in doc_blocks(&md) {
            count += 1;
            let (ok, rendered) = check_block(&block);
            if !ok {
                failures.push(format!(
                    "{}: expected {:?}, got:\n{rendered}",
                    block.at, block.expect
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
    assert!(count >= 40, "only {count} tested blocks found");
}

/// The Rust sources of crates/ (but `code.rs`, which defines the codes), by path.
fn crate_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("eol-syntax/src/code.rs")
            {
                let src = std::fs::read_to_string(&path).unwrap();
                out.push((path, src));
            }
        }
    }
    let mut out = Vec::new();
    walk(&workspace_root().join("crates"), &mut out);
    out
}

/// Every `"eol::..."` string literal in the crates' Rust sources: the codes not
/// written as a [`Code`] (yet), in the CLI and in tests.
fn code_literals(sources: &[(PathBuf, String)]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, src) in sources {
        for (i, _) in src.match_indices("\"eol::") {
            let rest = &src[i + 1..];
            let len = rest
                .char_indices()
                .skip(5)
                .find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
                .map_or(rest.len(), |(j, _)| j);
            // A code is kebab-case words; `"eol::catalog-"` (a prefix that
            // a test matches codes against) is not one.
            let words = &rest[5..len];
            if rest[len..].starts_with('"') && !words.is_empty() && words.split('-').all(|w| !w.is_empty()) {
                out.insert(rest[..len].to_owned());
            }
        }
    }
    out
}

/// The codes the crates can emit: [`Code::ALL`], each of them used in crates/ (as
/// `Code::Name` or, where not moved to the enum yet, as its string), and no string
/// literal that is not one of them.
fn codes_in_crates() -> BTreeSet<String> {
    let sources = crate_sources();
    let all: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let literals = code_literals(&sources);
    let strays: Vec<_> = literals.difference(&all).collect();
    assert!(
        strays.is_empty(),
        "codes written as strings in crates/ that `eol_syntax::Code` does not list: {strays:?}"
    );
    for code in Code::ALL {
        let variant = format!("Code::{code:?}");
        assert!(
            literals.contains(code.as_str()) || sources.iter().any(|(_, src)| src.contains(&variant)),
            "{code} is in `eol_syntax::Code` but crates/ never uses it: remove it (and its docs)"
        );
    }
    all
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

/// The codes of the failing corpora, each with the cases named after it.
fn corpus_codes() -> BTreeMap<String, Vec<(Corpus, PathBuf)>> {
    let mut out: BTreeMap<String, Vec<(Corpus, PathBuf)>> = BTreeMap::new();
    for corpus in Corpus::ALL {
        for path in corpus.cases() {
            let code = code_of(&path).unwrap_or_else(|| panic!("{}: no code in the name", path.display()));
            out.entry(code).or_default().push((corpus, path));
        }
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
    for code in UNTRIGGERABLE {
        assert!(
            emitted.contains(*code),
            "{code} is in UNTRIGGERABLE but crates/ no longer emits it: remove it from the list"
        );
        assert!(
            !corpus.contains(*code),
            "{code} has a failing case after all: remove it from UNTRIGGERABLE"
        );
    }
    let cli_tests =
        std::fs::read_to_string(workspace_root().join("crates/eol-cli/tests/hardening.rs")).unwrap();
    for code in CLI_CODES {
        assert!(
            emitted.contains(*code),
            "{code} is in CLI_CODES but crates/ no longer emits it: remove it from the list"
        );
        assert!(
            cli_tests.contains(code),
            "{code} is in CLI_CODES but no test of crates/eol-cli/tests/hardening.rs produces it"
        );
    }
    let untriggerable: BTreeSet<String> = UNTRIGGERABLE
        .iter()
        .chain(CLI_CODES)
        .map(|c| (*c).to_owned())
        .collect();
    let missing_docs: Vec<_> = emitted.difference(&docs).collect();
    let stale_docs: Vec<_> = docs.difference(&emitted).collect();
    let missing_corpus: Vec<_> = emitted
        .difference(&corpus)
        .filter(|c| !untriggerable.contains(*c))
        .collect();
    let stale_corpus: Vec<_> = corpus.difference(&emitted).collect();
    assert!(
        missing_docs.is_empty()
            && stale_docs.is_empty()
            && missing_corpus.is_empty()
            && stale_corpus.is_empty(),
        "codes emitted in crates/ but not in docs/diagnostics.md: {missing_docs:?}\n\
         codes in docs/diagnostics.md that crates/ never emits: {stale_docs:?}\n\
         codes emitted in crates/ without a case in tests/corpus/{{check,catalog,eval-diagnostics,import,audit}}/: {missing_corpus:?}\n\
         cases in tests/corpus/{{check,catalog,eval-diagnostics,import,audit}}/ for codes crates/ never emits: {stale_corpus:?}"
    );
}

/// Each documented code has a severity line that matches what the corpus cases
/// produce, a line saying which stage reports it, a row in the overview table
/// with the same severity, and a tested example block for that code.
#[test]
fn documented_severity_and_examples() {
    let doc = std::fs::read_to_string(workspace_root().join("docs/diagnostics.md")).unwrap();
    let blocks = doc_blocks(&workspace_root().join("docs/diagnostics.md"));
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
        let typed = Code::from_name(&code).unwrap_or_else(|| panic!("{code}: not in `eol_syntax::Code`"));
        assert_eq!(
            typed.severity(),
            expected,
            "{code} is documented as {severity} but `Code::severity` says otherwise"
        );
        assert!(
            section.lines().any(|l| l.starts_with("**Reported by:** ")),
            "{code}: no `**Reported by:** ...` line"
        );
        for (corpus, path) in corpus.get(&code).into_iter().flatten() {
            for file in corpus.run(path).unwrap_or_else(|e| panic!("{e}")) {
                for d in file.diagnostics.iter().filter(|d| d.code == code) {
                    assert_eq!(
                        d.severity,
                        expected,
                        "{code} is documented as {severity} but {} gives {:?}",
                        path.display(),
                        d.severity
                    );
                }
            }
        }
        let row = format!("| [`{code}`]");
        let table = doc
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{code}: no row in an overview table"));
        assert!(
            table.contains(&format!("| {severity} |")),
            "{code}: the table row says otherwise: {table}"
        );
        assert!(
            table.starts_with(&format!("| [`{code}`](#{}) |", typed.anchor())),
            "{code}: the table row links elsewhere than `Code::anchor`: {table}"
        );
        let tested = blocks
            .iter()
            .any(|b| matches!(&b.expect, Expect::Error(c) | Expect::Warning(c) if *c == code));
        assert!(
            tested
                || NO_EXAMPLE.contains(&code.as_str())
                || UNTRIGGERABLE.contains(&code.as_str())
                || CLI_CODES.contains(&code.as_str()),
            "{code}: no tested example in docs/diagnostics.md (```eol,fail={code}, ```csv,fail={code}, \
             ```csv,eval,fail={code}, or warn=)"
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
            "{code} is a {severity}: mark its examples {marker}={code}"
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
        "text\n```eol\npolicy a {}\n```\n```` ```eol ```` is inline\n\n````eol,fail=eol::syntax\n```\n````\n\
         ```text\nnot eol\n```\n```eol, warn=eol::empty-file\n# hi\n```\n```\nplain\n```\n\
         ```toml\n[[release]]\n```\n```csv,warn=eol::catalog-empty\nproduct,version\n```\n\
         ```json,eval,fail=eol::version-mismatch\n[]\n```\n```csv,import,fail=eol::endoflife-csv\nx\n```\n",
    )
    .unwrap();
    let blocks = doc_blocks(&md);
    std::fs::remove_dir_all(&dir).unwrap();
    let got: Vec<(&Kind, Expect, &str)> = blocks
        .iter()
        .map(|b| (&b.kind, b.expect.clone(), b.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (&Kind::Rules, Expect::Clean, "policy a {}\n"),
            (&Kind::Rules, Expect::Error("eol::syntax".into()), "```\n"),
            (&Kind::Rules, Expect::Warning("eol::empty-file".into()), "# hi\n"),
            (
                &Kind::Catalog(CatalogFormat::Csv),
                Expect::Warning("eol::catalog-empty".into()),
                "product,version\n"
            ),
            (
                &Kind::Eval {
                    format: CatalogFormat::Json,
                    rules: "# hi\n".into()
                },
                Expect::Error("eol::version-mismatch".into()),
                "[]\n"
            ),
            (&Kind::Import, Expect::Error("eol::endoflife-csv".into()), "x\n"),
        ]
    );
    assert!(blocks[0].at.ends_with("x.md:2"), "{}", blocks[0].at);
}

/// docs/limits.md gives each limit as the code enforces it, and the corpus cases
/// that go past one say the same figure (`evaluation-too-deep` once said 400 while
/// the limit was 150).
#[test]
fn limits_are_documented_as_enforced() {
    use eol_engine::limits::*;
    let doc = std::fs::read_to_string(workspace_root().join("docs/limits.md")).unwrap();
    let rows = [
        format!("| brackets and `not` nested | {MAX_NESTING} levels |"),
        format!("| terms of one `+`/`-` chain | {MAX_TERMS} terms |"),
        format!("| an amount, a `newer`/`older` count, a day number | {MAX_AMOUNT} |"),
        format!("| the year of a date literal | 1 to {MAX_YEAR} |"),
        format!("| the year of a computed date | {MIN_YEAR:04} to {MAX_COMPUTED_YEAR} |"),
        format!("| dates of other lines nested (`end(p, newer 1)` chains) | {MAX_LINE_DEPTH} lines |"),
        format!("| upstreams chained (`a` reads `b`, which reads `c`, ...) | {MAX_UPSTREAM_DEPTH} policies |"),
        format!("| attributes of one element of an XML SBOM | {MAX_XML_ATTRIBUTES} (namespace declarations included) |"),
        format!("| namespace declarations in scope in an XML SBOM | {MAX_XML_NAMESPACES} (on an element and those it is inside) |"),
        format!("| the size of a file | {} MiB |", MAX_FILE_BYTES >> 20),
        format!(
            "| a line of an inventory (CSV, JSON Lines), or a quoted CSV value over several | {} MiB |",
            MAX_AUDIT_LINE_BYTES >> 20
        ),
        format!("| the size of an SBOM (read whole) | {} MiB |", MAX_SBOM_BYTES >> 20),
        format!(
            "| a header of RPM's database (a row of `rpmdb.sqlite`'s `Packages`, a record of `Packages` or `Packages.db`) | {} MiB |",
            MAX_RPM_HEADER_BYTES >> 20
        ),
        format!("| diagnostics printed per file | {MAX_PRINTED_DIAGNOSTICS} |"),
        format!("| a derivation printed whole by `eol explain` | {MAX_TRACE_LINES} lines, {MAX_TRACE_DEPTH} levels |"),
    ];
    for row in &rows {
        assert!(
            doc.contains(row.as_str()),
            "docs/limits.md has no row starting `{row}`"
        );
    }
    for text in [
        format!("(more than {LONG_LINE} bytes)"),
        format!("A label over more than\n  {MAX_LABEL_LINES} lines"),
        format!("up to {FUTURE_LINES}\n  lines"),
    ] {
        assert!(
            doc.contains(text.as_str()),
            "docs/limits.md does not say `{text}`"
        );
    }
    let deep = std::fs::read_to_string(corpus_dir("eval-diagnostics").join("evaluation-too-deep/rules.eol"))
        .unwrap();
    assert!(
        deep.contains(&format!("the evaluator's limit of {MAX_LINE_DEPTH}.")),
        "tests/corpus/eval-diagnostics/evaluation-too-deep/rules.eol states another depth limit"
    );
}

/// Every built-in function of the table (`eol_engine::builtins`) is in the table of
/// date expressions of docs/language.md, in every form the table gives it, and the
/// docs name no function the table lacks.
#[test]
fn builtins_are_documented() {
    let doc = std::fs::read_to_string(workspace_root().join("docs/language.md")).unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("Date expressions"))
        .expect("docs/language.md has a `## Date expressions` section");
    // The code spans of the table's first column.
    let spans: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split(" | ").next())
        .flat_map(|cell| cell.split('`').step_by(2))
        .collect();
    for b in eol_engine::builtins::builtins() {
        for form in b.forms {
            assert!(
                spans.iter().any(|s| s.contains(form)),
                "`{form}` ({}) is not in the table of docs/language.md's `Date expressions`",
                b.name
            );
        }
    }
    for span in &spans {
        let Some((name, _)) = span.split_once('(') else {
            continue;
        };
        let name = name
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap();
        assert!(
            name == "ATTRIBUTE" || eol_engine::builtins::builtin(name).is_some(),
            "docs/language.md documents `{span}`, but `{name}` is not a built-in function"
        );
    }
}
