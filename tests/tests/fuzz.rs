//! Fuzzing on the stable toolchain: every entry point fed mutated inputs.
//!
//! No nightly, no libFuzzer: proptest draws a seed input (from `rules/`, `tests/corpus/`
//! and the reference model's generator) and a list of byte mutations, each target
//! checks its invariants, and a failure is shrunk with proptest's value tree to a
//! minimal list of mutations. Targets:
//!
//! | target | entry point | invariants |
//! | --- | --- | --- |
//! | `rules` | `RuleFile::load` (parse + check) | no panic; every diagnostic has an `eol::` code, a message and spans inside the file, on character boundaries; deterministic; renders; no error means the grammar accepts the file |
//! | `fmt` | `eol_syntax::format` | no panic; the output parses without errors to the same tree, keeps every comment, checks to the same codes, and formats to itself |
//! | `toml`, `csv`, `json` | `CatalogFile::load` | no panic; diagnostics well formed; deterministic |
//! | `eval` | `kb::evaluate_all` (eval), with traces (explain), version resolution and the status query (standard and extended) / `Trace::cause` (status), the JSON report | no panic; diagnostics well formed in the file they point into; deterministic; traced and untraced runs give the same dates |
//! | `version` | `Version::parse`, `version::compare_text`, `eval::line_prefix`, `version::prerelease_of` | no panic; a total order that agrees with `Version::cmp` and, on plain versions, with the reference model's reading of the docs; a pre-release's release is digits and dots the text holds |
//! | `sources` | `sources::formats::parse` of each source kind (a kind byte, then the document), then `select_with` and `merge::merge` into a CSV catalog that names lines, twice | no panic; diagnostics well formed; deterministic; a merge keeps every existing byte, and merging the same releases again adds nothing |
//! | `ide` | `ide::Analysis` (what `eol lsp` answers: diagnostics, outline, semantic tokens, formatting edits, and hover, definition, references, completion, fixes and renaming at positions spread over the file), mostly the rule file mutated (typing) and sometimes its catalog | no panic; every range it returns is a position the text has (it round-trips through byte offsets), a hover's range holds the position asked about; the formatting edits, applied, give `eol fmt`'s text; a rename's edits, applied, leave no more errors than before; a re-check through the language server's cache, after another text, answers as a fresh analysis |
//! | `audit` | `audit::input::read_csv` / `read_jsonl` / `read_sbom` / `read_package_db` with `read_os_release` (a format byte, then the input), each item judged by an `Auditor` over the bundled Python, Node.js, PostgreSQL, OpenSSL and Linux kernel rules (and Debian's, Ubuntu's, RHEL's, Rocky Linux's and SLES's), and written as JSON, CSV and SARIF | no panic; deterministic; diagnostics well formed, with a line in the input and spans inside their snippet and the file; every item on a line of the input; two items share a pair number exactly when they name the same package URL, CPE, product, version, distribution release and source package; the JSON and SARIF outputs parse |
//!
//! Every input runs on a worker thread with a 2 MiB stack and a time limit (a hang is
//! a failure). Before each run the input is written to `target/fuzz/<target>.current`,
//! so an abort (a stack overflow cannot be caught) leaves the culprit behind.
//! Failures are written, shrunk, to `target/fuzz/<target>-<hash>.bin`; copy one to
//! `tests/corpus/fuzz/<target>/` to keep it as a regression case: every file there is
//! replayed first, on every run.
//!
//! `cargo test -p eol-tests --test fuzz` runs each target for a few seconds (CI);
//! `EOL_FUZZ_SECONDS=3600 cargo test --release -p eol-tests --test fuzz -- --ignored
//! --nocapture` runs all of them for an hour (see tests/README.md).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{Seek, SeekFrom, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use eol_engine::catalog::CatalogFormat;
use eol_engine::eval::Options;
use eol_engine::kb::{evaluate_all, CatalogFile};
use eol_engine::project::RuleFile;
use eol_engine::sources::{formats, merge, select_with, Pattern, SourceDecl, SourceKind};
use eol_engine::version::{compare_text, Version};
use eol_syntax::Diagnostic;
use eol_tests::{corpus_dir, reference, workspace_root};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngSeed, TestRunner};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Rules,
    Fmt,
    Toml,
    Csv,
    Json,
    Eval,
    Version,
    Audit,
    Sources,
    Ide,
}

impl Target {
    const ALL: [Target; 10] = [
        Target::Rules,
        Target::Fmt,
        Target::Toml,
        Target::Csv,
        Target::Json,
        Target::Eval,
        Target::Version,
        Target::Audit,
        Target::Sources,
        Target::Ide,
    ];

    fn name(self) -> &'static str {
        match self {
            Target::Rules => "rules",
            Target::Fmt => "fmt",
            Target::Toml => "toml",
            Target::Csv => "csv",
            Target::Json => "json",
            Target::Eval => "eval",
            Target::Version => "version",
            Target::Audit => "audit",
            Target::Sources => "sources",
            Target::Ide => "ide",
        }
    }
}

// ───────────────────────────── seeds ─────────────────────────────

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn with_ext(ext: &str) -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files_under(&workspace_root().join("rules"), &mut paths);
    files_under(&workspace_root().join("tests").join("corpus"), &mut paths);
    paths
        .iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(ext) && !name.contains("corpus/fuzz/")
        })
        .filter_map(|p| std::fs::read(p).ok())
        // the endoflife exports are long; their first rows say the same
        .map(|mut b| {
            b.truncate(6000);
            b
        })
        .collect()
}

/// Random valid cases from the reference model's generator.
fn generated(n: u64) -> Vec<reference::gen::Case> {
    let mut rng = Rng(0x5eed_f022);
    (0..n)
        .map(|_| {
            let data: Vec<u32> = (0..600).map(|_| rng.next() as u32).collect();
            reference::gen::generate(&data)
        })
        .collect()
}

/// An `eval` input: a catalog format byte, the rule file, a 0 byte, the catalog.
fn eval_input(format: u8, rules: &[u8], catalog: &[u8]) -> Vec<u8> {
    let mut v = vec![format];
    v.extend_from_slice(rules);
    v.push(0);
    v.extend_from_slice(catalog);
    v
}

fn seeds(t: Target) -> Vec<Vec<u8>> {
    let cases = generated(40);
    match t {
        Target::Rules | Target::Fmt => {
            let mut s = with_ext(".eol");
            s.extend(cases.iter().map(|c| c.rules.clone().into_bytes()));
            s
        }
        Target::Toml | Target::Csv | Target::Json => {
            let ext = match t {
                Target::Toml => ".toml",
                Target::Csv => ".csv",
                _ => ".json",
            };
            let mut s = with_ext(ext);
            let f = match t {
                Target::Toml => reference::gen::Format::Toml,
                Target::Csv => reference::gen::Format::Csv,
                _ => reference::gen::Format::Json,
            };
            s.extend(
                cases
                    .iter()
                    .map(|c| reference::gen::render_catalog(&c.releases, f).into_bytes()),
            );
            s
        }
        Target::Eval | Target::Ide => {
            let mut s: Vec<Vec<u8>> = cases
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let f = [
                        reference::gen::Format::Toml,
                        reference::gen::Format::Csv,
                        reference::gen::Format::Json,
                    ][i % 3];
                    eval_input(
                        (i % 3) as u8,
                        c.rules.as_bytes(),
                        reference::gen::render_catalog(&c.releases, f).as_bytes(),
                    )
                })
                .collect();
            // the shipped rules with their catalogs
            let mut paths = Vec::new();
            files_under(&workspace_root().join("rules"), &mut paths);
            for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "eol")) {
                let csv = p.with_extension("releases.csv");
                if let (Ok(r), Ok(mut c)) = (std::fs::read(p), std::fs::read(&csv)) {
                    c.truncate(4000);
                    s.push(eval_input(1, &r, &c));
                }
            }
            // the evaluation corpus
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus_dir("eval"))
                .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            dirs.sort();
            for d in dirs {
                let Ok(r) = std::fs::read(d.join("rules.eol")) else {
                    continue;
                };
                for (i, ext) in ["toml", "csv", "json"].iter().enumerate() {
                    if let Ok(c) = std::fs::read(d.join(format!("releases.{ext}"))) {
                        s.push(eval_input(i as u8, &r, &c));
                    }
                }
            }
            s
        }
        Target::Sources => {
            // the import corpus's source documents (`CODE.KIND.json`) and the CLI's recorded
            // answers, each behind its kind's byte
            let mut paths = Vec::new();
            files_under(&corpus_dir("import"), &mut paths);
            files_under(
                &workspace_root().join("crates/eol-cli/tests/fixtures/sources"),
                &mut paths,
            );
            let kind_of = |p: &Path| {
                let name = p.file_name()?.to_str()?;
                let named = name.split('.').nth(1).and_then(SourceKind::from_name);
                named.or_else(|| match name.split(['-', '.']).next()? {
                    "github" => Some(SourceKind::GithubReleases),
                    "pypi" => Some(SourceKind::Pypi),
                    _ => None,
                })
            };
            let mut s: Vec<Vec<u8>> = paths
                .iter()
                .filter_map(|p| {
                    let kind = kind_of(p)?;
                    let mut v = vec![SourceKind::ALL.iter().position(|k| *k == kind)? as u8];
                    v.extend(std::fs::read(p).ok()?);
                    v.truncate(8000);
                    Some(v)
                })
                .collect();
            // one of each kind the files above lack
            for (kind, doc) in [
                (
                    SourceKind::ReleaseData,
                    r#"{"releases": {}, "versions": {"2.0.1": {"name": "2.0.1", "date": "2024-02-01"}, "1.0.0": {"name": "1.0.0", "date": "2023-01-01"}}}"#,
                ),
                (
                    SourceKind::Npm,
                    r#"{"versions": {"1.0.0": {}, "2.0.0-rc.1": {}}, "time": {"1.0.0": "2023-01-01T00:00:00Z"}}"#,
                ),
                (
                    SourceKind::Endoflife,
                    r#"{"result": {"releases": [{"name": "2.0", "releaseDate": "2024-01-01", "latest": {"name": "2.0.3", "date": "2024-05-01"}}]}}"#,
                ),
                (
                    SourceKind::GitTags,
                    "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0\trefs/tags/v1.0.0\n",
                ),
            ] {
                let mut v = vec![SourceKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8];
                v.extend_from_slice(doc.as_bytes());
                s.push(v);
            }
            s
        }
        Target::Audit => {
            // the audit corpus and the CLI's fixtures, each behind its format byte
            let mut paths = Vec::new();
            files_under(&corpus_dir("audit"), &mut paths);
            files_under(
                &workspace_root().join("crates/eol-cli/tests/fixtures/audit"),
                &mut paths,
            );
            paths
                .iter()
                .filter_map(|p| {
                    let format = match eol_engine::audit::InputFormat::from_name(&p.to_string_lossy())? {
                        eol_engine::audit::InputFormat::Csv => 0u8,
                        eol_engine::audit::InputFormat::Jsonl => 1,
                        eol_engine::audit::InputFormat::Sbom => 2,
                        eol_engine::audit::InputFormat::Packages => 3,
                        // RPM's database is SQLite, which the CLI opens: its rows, read
                        // by the test itself, are the seed (format 8, [`rpm_rows`])
                        // (RPM's Berkeley DB database before: the file, format 16; SUSE's
                        // ndb: the file, format 32)
                        eol_engine::audit::InputFormat::RpmDb => 8,
                    };
                    let bytes = std::fs::read(p).ok()?;
                    let berkeley = format == 8 && eol_engine::audit::input::berkeley_db_head(&bytes);
                    let ndb = format == 8 && eol_engine::audit::input::ndb_head(&bytes);
                    let format = match (berkeley, ndb) {
                        (true, _) => 16,
                        (_, true) => 32,
                        _ => format,
                    };
                    let mut v = vec![format];
                    match format {
                        8 => v.extend(rpm_seed(p)?),
                        _ => v.extend(bytes),
                    }
                    // (a Berkeley DB or ndb file whole: its headers are on its last pages)
                    if !berkeley && !ndb {
                        v.truncate(8000);
                    }
                    // and the same judged with `--packages distribution` (format + 4)
                    let mut by_release = v.clone();
                    by_release[0] = format + 4;
                    Some([v, by_release])
                })
                .flatten()
                .collect()
        }
        Target::Version => {
            let mut s: Vec<Vec<u8>> = [
                "7.4.13-u92\n7.4.14\n7.4.13",
                "6.0.0-rc1\n6.0.0\n6.0.0-beta1",
                "2024.Q1.3\n2024.q1.10\n2024.Q2",
                "10.0.17763\n1809-sac\n2019",
                "6.2 GA1\n6.2 GA10\n6.2",
                "1.0\n1.00\n1.0.0",
                "22.04\n22.4\n22.10",
                "1.2.3+build.5\n1.2.3_1\n1.2.3 x",
            ]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
            for c in &cases {
                let vs: Vec<&str> = c.releases.iter().map(|r| r.version.as_str()).take(3).collect();
                s.push(vs.join("\n").into_bytes());
            }
            s
        }
    }
}

// ───────────────────────────── mutations ─────────────────────────────

/// Words worth splicing into rule files and catalogs.
const DICT: &[&str] = &[
    "policy",
    "phase",
    "when",
    "until",
    "through",
    "from",
    "provides",
    "milestone",
    "override",
    "because",
    "newer",
    "older",
    "where",
    "same",
    "last of",
    "not",
    "and",
    "or",
    "of",
    "upstream",
    "cadence",
    "every",
    "on demand",
    "allow gaps",
    "allow overlaps",
    "first_ship",
    "latest",
    "final",
    "end(",
    "start(",
    "min(",
    "max(",
    "next(",
    "previous(",
    "in_year(",
    "end_of_month(",
    "2nd tuesday",
    "last day",
    "feb 29",
    "march 31",
    "day 31",
    "+ 1 month",
    "- 10000 years",
    "9999-12-31",
    "0000-01-01",
    "2024-02-29",
    "2023-02-30",
    "18446744073709551616",
    "99999999999",
    "(",
    ")",
    "{",
    "}",
    "\"",
    "\\",
    "#",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{feff}",
    "\u{0}",
    "é",
    "\u{202e}",
    ",",
    ".",
    "=",
    "==",
    "!=",
    ">=",
    "[[release]]",
    "[release]",
    "product",
    "version",
    "date",
    "kind",
    "line",
    "final = true",
    "lts = true",
    "\"unknown\"",
    "2018-08",
    "2018",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "\"releases\"",
    ",,,,",
    "\"\"\"",
];

/// One mutation: what, where, and a number to choose with.
type Op = (u8, u32, u32);

fn apply(op: Op, buf: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    let (what, pos, arg) = op;
    let len = buf.len();
    let at = if len == 0 { 0 } else { pos as usize % (len + 1) };
    match what % 10 {
        0 => {
            let end = (at + 1 + arg as usize % 16).min(len);
            buf.drain(at.min(len)..end);
        }
        1 => {
            let n = 1 + arg as usize % 4;
            for k in 0..n {
                buf.insert(at.min(buf.len()), (arg >> (8 * (k % 4))) as u8);
            }
        }
        2 => {
            if at < len {
                buf[at] = arg as u8;
            }
        }
        3 | 4 => {
            let w = DICT[arg as usize % DICT.len()].as_bytes();
            let at = at.min(buf.len());
            buf.splice(at..at, w.iter().copied());
        }
        5 => {
            // duplicate a chunk
            let end = (at + 1 + arg as usize % 64).min(len);
            let chunk: Vec<u8> = buf[at.min(len)..end].to_vec();
            buf.splice(end..end, chunk);
        }
        6 => {
            // splice in part of another seed
            if let Some(other) = seeds.get(arg as usize % seeds.len().max(1)) {
                if !other.is_empty() {
                    let from = (arg as usize >> 8) % other.len();
                    let n = 1 + (arg as usize >> 16) % 128;
                    let chunk = &other[from..(from + n).min(other.len())];
                    let at = at.min(buf.len());
                    buf.splice(at..at, chunk.iter().copied());
                }
            }
        }
        7 => buf.truncate(at),
        8 => {
            // repeat a short chunk many times (long lines, deep nesting, many items)
            let end = (at + 1 + arg as usize % 8).min(len);
            let chunk: Vec<u8> = buf[at.min(len)..end].to_vec();
            let times = 1 + (arg as usize >> 8) % 200;
            for _ in 0..times {
                buf.splice(end..end, chunk.iter().copied());
            }
        }
        _ => {
            // change a digit
            if let Some(i) = (at..len).chain(0..at).find(|&i| buf[i].is_ascii_digit()) {
                buf[i] = b'0' + (arg % 10) as u8;
            }
        }
    }
    // keep inputs small enough to run fast
    buf.truncate(64 * 1024);
}

fn mutated(seed: usize, ops: &[Op], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut buf = seeds.get(seed % seeds.len().max(1)).cloned().unwrap_or_default();
    for op in ops {
        apply(*op, &mut buf, seeds);
    }
    buf
}

/// `eval` inputs: mutate mostly the catalog, sometimes the rules (an op with the high
/// bit of `what` set), so that most inputs still check and get evaluated.
fn mutated_eval(seed: usize, ops: &[Op], seeds: &[Vec<u8>]) -> Vec<u8> {
    mutated_rules_and_catalog(seed, ops, seeds, false)
}

/// `ide` inputs: mutate mostly the rule file (an editor's typing), sometimes the catalog
/// (an op with the high bit of `what` set).
fn mutated_ide(seed: usize, ops: &[Op], seeds: &[Vec<u8>]) -> Vec<u8> {
    mutated_rules_and_catalog(seed, ops, seeds, true)
}

/// A rule file and its catalog (an `eval` input) mutated: the ops with the high bit of
/// `what` set (a third of those) go to one, the others to the other, the rule file
/// taking the most when `rules_mostly`.
fn mutated_rules_and_catalog(seed: usize, ops: &[Op], seeds: &[Vec<u8>], rules_mostly: bool) -> Vec<u8> {
    let base = seeds.get(seed % seeds.len().max(1)).cloned().unwrap_or_default();
    let (format, rules, catalog) = split_eval(&base);
    let (mut rules, mut catalog) = (rules.to_vec(), catalog.to_vec());
    for op in ops {
        let rare = op.0 & 0x80 != 0 && op.0 % 3 == 0;
        if rare != rules_mostly {
            apply(*op, &mut rules, seeds);
        } else {
            apply(*op, &mut catalog, seeds);
        }
    }
    eval_input(format, &rules, &catalog)
}

/// `audit` inputs: the format byte stays, the input after it is mutated.
fn mutated_audit(seed: usize, ops: &[Op], seeds: &[Vec<u8>]) -> Vec<u8> {
    let base = seeds.get(seed % seeds.len().max(1)).cloned().unwrap_or_default();
    let (format, body) = base.split_first().map_or((0, &[][..]), |(f, b)| (*f, b));
    let mut body = body.to_vec();
    for op in ops {
        apply(*op, &mut body, seeds);
    }
    let mut v = vec![format];
    v.extend(body);
    v
}

fn split_eval(input: &[u8]) -> (u8, &[u8], &[u8]) {
    let (format, rest) = match input.split_first() {
        Some((f, rest)) => (*f % 3, rest),
        None => (0, input),
    };
    match rest.iter().position(|b| *b == 0) {
        Some(i) => (format, &rest[..i], &rest[i + 1..]),
        None => (format, rest, &[]),
    }
}

// ───────────────────────────── invariants ─────────────────────────────

fn check_diags(what: &str, diags: &[Diagnostic], text: &str) -> Result<(), String> {
    for d in diags {
        if !d.code.starts_with("eol::") || d.code.len() <= 5 {
            return Err(format!("{what}: diagnostic without a code: {d:?}"));
        }
        if d.message.is_empty() {
            return Err(format!("{what}: {} has no message", d.code));
        }
        for l in std::iter::once(&d.primary).chain(&d.related) {
            let s = l.span;
            if s.start > s.end || s.end > text.len() {
                return Err(format!("{what}: {} span {s:?} outside 0..{}", d.code, text.len()));
            }
            // the invalid-UTF-8 label covers the first byte of U+FFFD (known, reported)
            if d.code != "eol::invalid-utf8"
                && (!text.is_char_boundary(s.start) || !text.is_char_boundary(s.end))
            {
                return Err(format!("{what}: {} span {s:?} splits a character", d.code));
            }
        }
    }
    Ok(())
}

/// miette's graphical handler panics past column 65,535 (issue 11, item 1, being fixed
/// elsewhere): render only files whose lines are shorter.
fn renderable(text: &str) -> bool {
    text.lines().all(|l| l.len() < 60_000)
}

fn render_all(diags: &[Diagnostic], text: &str) -> Result<(), String> {
    if !renderable(text) {
        return Ok(());
    }
    for d in diags {
        let out = eol_tests::render(d, "input", text);
        if out.contains("miette failed") {
            return Err(format!("{} does not render: {out}", d.code));
        }
    }
    Ok(())
}

fn codes(diags: &[Diagnostic]) -> Vec<String> {
    let mut c: Vec<String> = diags.iter().map(|d| d.code.to_string()).collect();
    c.sort();
    c
}

fn exec_rules(input: &[u8]) -> Result<(), String> {
    let file = RuleFile::load("input.eol", input);
    check_diags("check", &file.diagnostics, &file.text)?;
    let again = RuleFile::load("input.eol", input);
    if again.diagnostics != file.diagnostics || again.policies != file.policies {
        return Err("check is not deterministic".into());
    }
    render_all(&file.diagnostics, &file.text)?;
    if let Some(at) = tokens_in_order(&file.text)?.filter(|_| !file.has_errors()) {
        return Err(format!(
            "no error, but the text at byte {at} is in no highlighting token"
        ));
    }
    if !file.has_errors() {
        if std::str::from_utf8(input).is_err() {
            return Err("invalid UTF-8 without an error".into());
        }
        if !eol_syntax::recognise(&file.text) {
            return Err("no error, but the whole-file grammar rejects the file".into());
        }
        if file.policies.len() != file.tree.policies.len() {
            return Err("no error, but a policy is missing from the model".into());
        }
    }
    Ok(())
}

/// The highlighter's tokens (`eol_syntax::tokens`) lie inside the text, on character
/// boundaries, in order and apart. Returns where the first text that is neither white space
/// nor in a token starts, if there is any.
fn tokens_in_order(text: &str) -> Result<Option<usize>, String> {
    let mut at = 0;
    let mut uncovered = None;
    for t in eol_syntax::tokens(text) {
        let s = t.span;
        if s.start < at || s.start >= s.end || s.end > text.len() {
            return Err(format!(
                "token {s:?} ({}) overlaps or leaves the text",
                t.kind.name()
            ));
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            return Err(format!("token {s:?} ({}) splits a character", t.kind.name()));
        }
        let gap = text.get(at..s.start).unwrap_or("");
        if let Some(i) = gap.find(|c| !matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{feff}')) {
            uncovered.get_or_insert(at + i);
        }
        at = s.end;
    }
    if text
        .get(at..)
        .is_some_and(|rest| rest.trim_matches([' ', '\t', '\r', '\n', '\u{feff}']).is_empty())
    {
        Ok(uncovered)
    } else {
        Ok(uncovered.or(Some(at)))
    }
}

fn exec_fmt(input: &[u8]) -> Result<(), String> {
    // `eol fmt` refuses bytes that are not UTF-8 before formatting; format the text
    let text = String::from_utf8_lossy(input).into_owned();
    let parsed = eol_syntax::parse(&text);
    match eol_syntax::format(&text) {
        Err(diags) => check_diags("fmt", &diags, &text),
        Ok(out) => {
            if parsed.diagnostics.iter().any(Diagnostic::is_error) {
                return Err("fmt formatted a file with syntax errors".into());
            }
            let re = eol_syntax::parse(&out);
            if let Some(d) = re.diagnostics.iter().find(|d| d.is_error()) {
                return Err(format!(
                    "the formatted file does not parse: {} {}",
                    d.code, d.message
                ));
            }
            if re.file.policies != parsed.file.policies {
                return Err("formatting changed the syntax tree".into());
            }
            let before: Vec<&str> = parsed.file.comments.iter().map(|c| c.text.trim_end()).collect();
            let after: Vec<&str> = re.file.comments.iter().map(|c| c.text.trim_end()).collect();
            if before != after {
                return Err(format!(
                    "formatting changed the comments: {before:?} -> {after:?}"
                ));
            }
            let a = RuleFile::load("a.eol", text.as_bytes());
            let b = RuleFile::load("b.eol", out.as_bytes());
            if codes(&a.diagnostics) != codes(&b.diagnostics) {
                return Err(format!(
                    "formatting changed what check says: {:?} -> {:?}",
                    codes(&a.diagnostics),
                    codes(&b.diagnostics)
                ));
            }
            match eol_syntax::format(&out) {
                Ok(twice) if twice == out => Ok(()),
                Ok(_) => Err("formatting is not idempotent".into()),
                Err(_) => Err("the formatted file does not format".into()),
            }
        }
    }
}

fn exec_catalog(input: &[u8], format: CatalogFormat) -> Result<(), String> {
    let file = CatalogFile::load("input", format, input);
    check_diags("catalog", &file.diagnostics, &file.text)?;
    let again = CatalogFile::load("input", format, input);
    if again.diagnostics != file.diagnostics || again.catalog != file.catalog {
        return Err("catalog reading is not deterministic".into());
    }
    render_all(&file.diagnostics, &file.text)?;
    for r in &file.catalog.releases {
        for s in [r.span.span(), r.version_span.span(), r.date_span.span()] {
            if s.start > s.end || s.end > file.text.len() {
                return Err(format!("release {} has a span {s:?} outside the file", r.version));
            }
        }
    }
    Ok(())
}

/// A release source's document (a kind byte, then the document): read, then its releases
/// merged into a small catalog that names lines, twice.
fn exec_sources(input: &[u8]) -> Result<(), String> {
    let (kind, body) = match input.split_first() {
        Some((k, body)) => (SourceKind::ALL[usize::from(*k) % SourceKind::ALL.len()], body),
        None => (SourceKind::ALL[0], input),
    };
    let text = String::from_utf8_lossy(body);
    let (entries, diags) = formats::parse(kind, &text);
    check_diags("source", &diags, &text)?;
    if formats::parse(kind, &text) != (entries.clone(), diags.clone()) {
        return Err("reading a source is not deterministic".into());
    }
    render_all(&diags, &text)?;
    let decl = SourceDecl {
        kind,
        location: "x".to_owned(),
        pattern: Pattern::default(),
        filter: None,
        span: eol_syntax::Span::default(),
    };
    let selection = select_with(&entries, &decl, 2, &[]);
    let catalog = "product,version,date,kind,line\nx,1,2020-01-01,first,1\nx,2.0,2021-01-01,first,2.0\n";
    // An error says why the catalog cannot take the releases (it reads back otherwise);
    // once merged, merging again adds nothing and changes no byte.
    if let Ok(m) = merge::merge(
        Some(catalog),
        CatalogFormat::Csv,
        "x",
        &selection.releases,
        "fuzz x",
    ) {
        if !m.text.starts_with(catalog) {
            return Err(format!("merging rewrote the catalog's rows:\n{}", m.text));
        }
        let again = merge::merge(
            Some(&m.text),
            CatalogFormat::Csv,
            "x",
            &selection.releases,
            "fuzz x",
        )
        .map_err(|e| format!("the merged catalog does not take its own releases again: {e}"))?;
        if again.changed() || again.text != m.text {
            return Err(format!("merging twice added {:?}", again.added));
        }
    }
    Ok(())
}

const FORMATS: [CatalogFormat; 3] = [CatalogFormat::Toml, CatalogFormat::Csv, CatalogFormat::Json];

fn evaluate(rules: &[u8], catalog: &[u8], format: CatalogFormat, at: NaiveDate, trace: bool) -> Evaluated {
    let mut files = vec![RuleFile::load("rules.eol", rules)];
    let mut catalogs = vec![CatalogFile::load("releases", format, catalog)];
    let products = evaluate_all(
        &mut files,
        &mut catalogs,
        &vec![vec![0]],
        at,
        Options { trace },
        None,
    );
    Evaluated {
        files,
        catalogs,
        products,
    }
}

struct Evaluated {
    files: Vec<RuleFile>,
    catalogs: Vec<CatalogFile>,
    products: Vec<eol_engine::kb::Product>,
}

/// The dates and kinds of every line, for comparing runs.
fn dates_of(e: &Evaluated) -> String {
    let mut out = String::new();
    for p in &e.products {
        for l in &p.lifecycle.lines {
            out.push_str(&format!(
                "{} {:?}",
                l.line,
                l.first_ship.as_ref().map(|v| (v.date, v.kind))
            ));
            for ph in &l.phases {
                out.push_str(&format!(
                    " {:?}",
                    (ph.start.date, ph.start.kind, ph.end.date, ph.end.kind)
                ));
            }
            for m in &l.milestones {
                out.push_str(&format!(" {:?}", (m.date.date, m.date.kind)));
            }
            out.push_str(&format!(" {:?}\n", l.status.state));
        }
    }
    out
}

fn exec_eval(input: &[u8]) -> Result<(), String> {
    let (format, rules, catalog) = split_eval(input);
    let format = FORMATS[format as usize % 3];
    // `at` from the input, so it is part of what shrinks
    let day = input
        .iter()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(*b)))
        % 6000;
    let at = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap() + chrono::Duration::days(i64::from(day));
    let plain = evaluate(rules, catalog, format, at, false);
    if plain.files.iter().any(RuleFile::has_errors) && plain.products.is_empty() {
        // only checked inputs are evaluated; the diagnostics must still be well formed
        for f in &plain.files {
            check_diags("rules", &f.diagnostics, &f.text)?;
        }
        return Ok(());
    }
    for f in &plain.files {
        check_diags("rules (eval)", &f.diagnostics, &f.text)?;
        render_all(&f.diagnostics, &f.text)?;
    }
    for c in &plain.catalogs {
        check_diags("catalog (eval)", &c.diagnostics, &c.text)?;
        render_all(&c.diagnostics, &c.text)?;
    }
    let traced = evaluate(rules, catalog, format, at, true);
    if dates_of(&plain) != dates_of(&traced) {
        return Err("dates with traces (explain) differ from dates without (eval)".into());
    }
    let again = evaluate(rules, catalog, format, at, false);
    if dates_of(&again) != dates_of(&plain)
        || codes(&again.files[0].diagnostics) != codes(&plain.files[0].diagnostics)
        || codes(&again.catalogs[0].diagnostics) != codes(&plain.catalogs[0].diagnostics)
    {
        return Err("evaluation is not deterministic".into());
    }
    // what `eol eval --format json`, `status` and `explain` do with the results
    let mut docs = Vec::new();
    for p in &traced.products {
        let Some(policy) = p.policy(&traced.files) else {
            return Err("a product without its policy".into());
        };
        docs.push(eol_engine::report::product_json(
            policy,
            &p.lifecycle.lines,
            Some("de"),
        ));
        for (li, l) in p.lifecycle.lines.iter().enumerate() {
            let mut names = vec![l.line.clone()];
            for &ri in &l.releases {
                if let Some(r) = eol_engine::kb::release(p, &traced.catalogs, ri) {
                    names.push(r.version.to_string());
                }
            }
            let view = eol_engine::query::ProductView::new(policy, p, &traced.catalogs);
            for name in &names {
                use eol_engine::resolve::Resolution;
                match view.resolve(name) {
                    Resolution::Line { line, .. } if line == li => {}
                    Resolution::Ambiguous { lines, .. } if lines.contains(&li) => {}
                    // a release's version may be another line's name (`8.1` of line `8`)
                    Resolution::Line { line, .. }
                        if p.lifecycle
                            .lines
                            .get(line)
                            .is_some_and(|o| o.line.eq_ignore_ascii_case(name)) => {}
                    other => return Err(format!("`{name}` of line {} resolves to {other:?}", l.line)),
                }
                for basis in [
                    eol_engine::query::Basis::Standard,
                    eol_engine::query::Basis::Extended,
                ] {
                    let how = eol_engine::resolve::How::Release;
                    if eol_engine::query::status(&view, li, name, how, at, basis, Some("de")).is_none() {
                        return Err(format!("no status for `{name}` of line {}", l.line));
                    }
                }
            }
            for v in l.phases.iter().flat_map(|ph| [&ph.start, &ph.end]) {
                if v.date.is_none() != (v.kind == eol_engine::eval::ValueKind::Pending) {
                    return Err(format!(
                        "line {}: a date {:?} of kind {:?}",
                        l.line, v.date, v.kind
                    ));
                }
                if let Some(t) = v.trace.as_deref() {
                    let _ = t.cause(v.kind);
                }
            }
        }
    }
    let doc = eol_engine::report::Document::new(at, docs);
    serde_json::to_string(&doc).map_err(|e| format!("the JSON report does not serialise: {e}"))?;
    Ok(())
}

fn exec_version(input: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    let vs: Vec<&str> = text.split('\n').take(3).collect();
    let markers = ["rc".to_owned(), "beta".to_owned()];
    for m in [&[][..], &markers[..]] {
        let parsed: Vec<Option<Version>> = vs.iter().map(|v| Version::parse(v, m)).collect();
        for (i, a) in vs.iter().enumerate() {
            // `+really`: the release after it, a suffix of the text
            if !a.ends_with(eol_engine::version::really(a)) {
                return Err(format!("really({a:?}) = {:?}", eol_engine::version::really(a)));
            }
            // a pre-release's release: digits and dots the text holds, and a version of its own
            if let Some(pre) = eol_engine::version::prerelease_of(a, m) {
                let digits = pre.core.bytes().all(|b| b.is_ascii_digit() || b == b'.');
                if pre.core.is_empty()
                    || !digits
                    || !a.contains(pre.core)
                    || Version::parse(pre.core, m).is_none()
                {
                    return Err(format!("prerelease_of({a:?}) = {pre:?}"));
                }
            }
            for n in 1..4 {
                if let Some(p) = eol_engine::eval::line_prefix(a, n) {
                    if !a.trim().starts_with(p) {
                        return Err(format!("line_prefix({a:?}, {n}) = {p:?}"));
                    }
                }
            }
            for (j, b) in vs.iter().enumerate() {
                let ab = compare_text(a, b, m);
                let ba = compare_text(b, a, m);
                if ab != ba.reverse() {
                    return Err(format!("compare_text is not antisymmetric on {a:?}, {b:?}"));
                }
                let by_parse = match (&parsed[i], &parsed[j]) {
                    (Some(x), Some(y)) => x.cmp(y),
                    (None, None) => std::cmp::Ordering::Equal,
                    (None, Some(_)) => std::cmp::Ordering::Less,
                    (Some(_), None) => std::cmp::Ordering::Greater,
                };
                if ab != by_parse {
                    return Err(format!(
                        "compare_text({a:?}, {b:?}) = {ab:?}, Version::cmp = {by_parse:?}"
                    ));
                }
                // the docs' order, as the reference model reads it, on plain versions
                // (digit runs of at most 18 digits: longer ones are issue 11, item 10)
                if m.is_empty() && plain(a) && plain(b) {
                    let r = reference::version::compare(a, b);
                    if r != ab {
                        return Err(format!(
                            "{a:?} vs {b:?}: engine {ab:?}, the docs (reference model) {r:?}"
                        ));
                    }
                }
                for (k, c) in vs.iter().enumerate() {
                    let _ = k;
                    let bc = compare_text(b, c, m);
                    let ac = compare_text(a, c, m);
                    if ab != std::cmp::Ordering::Greater
                        && bc != std::cmp::Ordering::Greater
                        && ac == std::cmp::Ordering::Greater
                    {
                        return Err(format!(
                            "compare_text is not transitive on {a:?} <= {b:?} <= {c:?}"
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// A version the reference model can judge: a dotted core of ASCII letters and digits,
/// optionally a suffix of ASCII letters and digits, digit runs of at most 18 digits.
fn plain(v: &str) -> bool {
    let v = v.trim();
    let (core, suffix) = match v.find(['-', '+', '_', ' ']) {
        Some(i) => (&v[..i], Some(&v[i + 1..])),
        None => (v, None),
    };
    let short_runs = v.split(|c: char| !c.is_ascii_digit()).all(|r| r.len() <= 18);
    !core.is_empty()
        && core
            .split('.')
            .all(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        && suffix.is_none_or(|s| !s.is_empty() && s.chars().all(|ch| ch.is_ascii_alphanumeric()))
        && short_runs
}

fn exec(t: Target, input: &[u8]) -> Result<(), String> {
    match t {
        Target::Rules => exec_rules(input),
        Target::Fmt => exec_fmt(input),
        Target::Toml => exec_catalog(input, CatalogFormat::Toml),
        Target::Csv => exec_catalog(input, CatalogFormat::Csv),
        Target::Json => exec_catalog(input, CatalogFormat::Json),
        Target::Eval => exec_eval(input),
        Target::Version => exec_version(input),
        Target::Audit => exec_audit(input),
        Target::Sources => exec_sources(input),
        Target::Ide => exec_ide(input),
    }
}

/// What an editor sees of an analysis: every file's diagnostics, the outline and the
/// semantic tokens, to compare a re-check with a fresh analysis.
fn seen(a: &eol_engine::ide::Analysis) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        a.diagnostics(),
        a.symbols(),
        a.semantic_tokens()
    )
}

fn exec_ide(input: &[u8]) -> Result<(), String> {
    use eol_engine::ide::{Analysis, Cache, Input, Position, Range, Utf16Index};
    use eol_engine::library::Source;
    let (format, rules, catalog) = split_eval(input);
    let ext = ["toml", "csv", "json"][format as usize % 3];
    let hash = input
        .iter()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
    let at = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap() + chrono::Duration::days((hash % 6000) as i64);
    let make = |rules: &[u8]| Input {
        file: Source::new("input.eol", rules.to_vec()),
        catalogs: vec![Source::new(format!("input.releases.{ext}"), catalog.to_vec())],
        library: Vec::new(),
        at,
    };
    let a = Analysis::new(make(rules));
    let text = a.text().to_owned();
    let index = Utf16Index::new(&text);
    let real = |p: Position| index.position(&text, index.offset(&text, p)) == p;
    let range_ok = |what: &str, r: Range| {
        if real(r.start) && real(r.end) && r.start <= r.end {
            Ok(())
        } else {
            Err(format!("{what}: {r:?} is no range of the text"))
        }
    };
    for f in a.diagnostics().iter().filter(|f| f.file == "input.eol") {
        for d in &f.diagnostics {
            range_ok(d.code, d.range)?;
            for r in &d.related {
                range_ok(d.code, r.range)?;
            }
        }
    }
    fn symbols_ok(
        s: &[eol_engine::ide::DocumentSymbol],
        ok: &dyn Fn(&str, Range) -> Result<(), String>,
    ) -> Result<(), String> {
        for x in s {
            ok("symbol", x.range)?;
            ok("symbol name", x.selection)?;
            symbols_ok(&x.children, ok)?;
        }
        Ok(())
    }
    symbols_ok(&a.symbols(), &range_ok)?;
    // five numbers per token (`is_multiple_of` is newer than the supported toolchain)
    let numbers = a.semantic_tokens().len();
    if numbers / 5 * 5 != numbers {
        return Err("semantic tokens are not in fives".into());
    }
    // the formatting edits, applied, give the formatter's text
    if let (Ok(edits), Ok(formatted)) = (a.format(), eol_syntax::format(&text)) {
        let mut out = text.clone();
        let mut spans: Vec<(usize, usize, String)> = edits
            .into_iter()
            .map(|e| {
                (
                    index.offset(&text, e.range.start),
                    index.offset(&text, e.range.end),
                    e.new_text,
                )
            })
            .collect();
        spans.sort_by_key(|x| std::cmp::Reverse(x.0));
        for (start, end, new) in spans {
            if start > end || end > out.len() {
                return Err(format!("a formatting edit {start}..{end} is outside the text"));
            }
            out.replace_range(start..end, &new);
        }
        if out != formatted {
            return Err("the formatting edits do not give the formatted text".into());
        }
    }
    // questions at positions spread over the text
    for k in 0..8u64 {
        let offset = ((hash >> (k * 7)) as usize ^ (k as usize * 977)) % (text.len() + 1);
        let p = index.position(&text, offset);
        if let Some((r, _)) = a.hover(p) {
            range_ok("hover", r)?;
            if !(r.start <= p && p <= r.end) {
                return Err(format!("hover at {p:?} answers for {r:?}"));
            }
        }
        if let Some(l) = a.definition(p).filter(|l| l.file == "input.eol") {
            range_ok("definition", l.range)?;
        }
        for r in a.references(p, true) {
            range_ok("reference", r)?;
        }
        let _ = a.complete(p);
        if let Ok(r) = a.prepare_rename(p) {
            range_ok("rename", r)?;
        }
        // a rename's edits are ranges of the text, and the renamed file checks as this one
        if let Ok(renamed) = a.rename(p, "zz_renamed", &[]) {
            let edits = renamed.edits;
            let mut out = text.clone();
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for e in &edits {
                range_ok("rename edit", e.range)?;
                spans.push((
                    index.offset(&text, e.range.start),
                    index.offset(&text, e.range.end),
                ));
            }
            spans.sort_by_key(|s| std::cmp::Reverse(s.0));
            for (start, end) in spans {
                out.replace_range(start..end, "zz_renamed");
            }
            let errors = |t: &str| {
                RuleFile::load("input.eol", t.as_bytes())
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == eol_syntax::Severity::Error)
                    .count()
            };
            if errors(&out) > errors(&text) {
                return Err("a rename made the file check worse".into());
            }
        }
        for (_, fix) in a.fixes(Range { start: p, end: p }) {
            for e in &fix.edits {
                range_ok("fix", e.range)?;
            }
        }
    }
    // a re-check through the cache, after another text, answers as a fresh analysis
    let mut cache = Cache::default();
    let half = &text.as_bytes()[..text.len() / 2];
    let _ = Analysis::recheck(make(half), &mut cache);
    let again = Analysis::recheck(make(rules), &mut cache);
    if seen(&again) != seen(&a) {
        return Err("a re-check through the cache differs from a fresh analysis".into());
    }
    Ok(())
}

/// What `exec_audit` judges items with: the bundled rules of Python, Node.js, PostgreSQL,
/// OpenSSL and the Linux kernel, and four distributions,
/// evaluated once per worker thread (and kept for the thread's life).
struct AuditRules {
    lib: eol_engine::library::Library,
    products: Vec<eol_engine::kb::Product>,
}

thread_local! {
    static AUDIT_RULES: &'static AuditRules = Box::leak(Box::new(audit_rules()));
}

fn audit_at() -> NaiveDate {
    let (y, m, d) = eol_tests::AUDIT_AT;
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn audit_rules() -> AuditRules {
    use eol_engine::library::{Library, Request, Scope, Source};
    let rules = workspace_root().join("rules");
    let mut files = Vec::new();
    // (and distributions and what they package, so that a package's release is known and
    // may judge it: a library, and the kernel, whose versions are often in no line)
    for stem in [
        "python",
        "nodejs",
        "postgresql",
        "debian",
        "ubuntu",
        "rhel",
        "rocky-linux",
        "sles",
        "openssl",
        "linux-kernel",
    ] {
        for file in [format!("{stem}.eol"), format!("{stem}.releases.csv")] {
            files.push(Source::new(
                file.clone(),
                std::fs::read(rules.join(&file)).unwrap(),
            ));
        }
    }
    let request = Request {
        bundled: eol_engine::library::pair_by_name(&files),
        ..Request::default()
    };
    let mut lib = Library::assemble(request, Scope::All);
    let products = lib.evaluate(audit_at(), Options { trace: true }, None);
    AuditRules { lib, products }
}

/// An item as read: its names (package URL, CPE, product, version, distribution release,
/// source package), pair number, line, pointer and extra fields.
type ReadItem = (
    Vec<Option<String>>,
    usize,
    u64,
    Option<String>,
    Vec<(String, String)>,
);

/// One reading of an audit input: the items, the diagnostics, and the three outputs.
#[derive(PartialEq, Debug)]
struct AuditRun {
    items: Vec<ReadItem>,
    diagnostics: Vec<(String, u64, u64, Option<String>, String)>,
    outputs: [Vec<u8>; 3],
}

fn read_audit(format: u8, body: &[u8], rules: &'static AuditRules) -> Result<AuditRun, String> {
    use eol_engine::audit::input::{self, Item, Problems};
    use eol_engine::audit::output::{CsvWriter, JsonWriter, SarifWriter};
    use eol_engine::audit::{suppress::Suppressions, Auditor, Pairs, Tally, Within};
    let views = rules
        .products
        .iter()
        .filter_map(|p| {
            Some(eol_engine::query::ProductView::new(
                p.policy(&rules.lib.rules)?,
                p,
                &rules.lib.catalogs,
            ))
        })
        .collect();
    let mut auditor = Auditor::new(
        views,
        eol_engine::audit::Options {
            at: audit_at(),
            basis: eol_engine::query::Basis::Standard,
            within: Within::parse("90d")?,
            lang: None,
            // the format byte also says whose lifecycle judges a distribution's package
            packages: if (format / 4) % 2 == 1 {
                eol_engine::audit::Packages::Distribution
            } else {
                eol_engine::audit::Packages::Upstream
            },
            distro: None,
        },
        Suppressions::default(),
    );
    // a format byte with 8 set: the rows of RPM's database ([`rpm_rows`]); with 16 set, RPM's
    // Berkeley DB database; with 32 set, SUSE's ndb
    let berkeley = format & 16 != 0;
    let ndb = format & 32 != 0 && !berkeley;
    let rpm = format & 8 != 0 || berkeley || ndb;
    let name = match rpm {
        true if berkeley => "var/lib/rpm/Packages",
        true if ndb => "usr/lib/sysimage/rpm/Packages.db",
        true => "var/lib/rpm/rpmdb.sqlite",
        false => ["input.csv", "input.jsonl", "input.json", "var/lib/dpkg/status"][usize::from(format % 4)],
    };
    let mut problems = Problems::default();
    let mut pairs = Pairs::default();
    let mut tally = Tally::default();
    let mut items = Vec::new();
    let mut json = JsonWriter::begin(Vec::new(), &auditor).map_err(|e| e.to_string())?;
    let mut csv = CsvWriter::begin(Vec::new(), vec!["host".to_owned()]).map_err(|e| e.to_string())?;
    let mut sarif = SarifWriter::begin(Vec::new(), "0").map_err(|e| e.to_string())?;
    let mut failed = None;
    let mut on_item = |item: &Item<'_>, problems: &mut Problems| {
        let i = auditor.judge(item);
        auditor.item_problems(i, item, problems);
        if let Some(b) = auditor.brief(i) {
            tally.add_brief(b);
        }
        let own = |s: Option<&str>| s.map(str::to_owned);
        items.push((
            vec![
                own(item.purl),
                own(item.cpe),
                own(item.product),
                own(item.version),
                own(item.distro),
                own(item.source),
            ],
            item.pair.number(),
            item.at.line,
            own(item.at.pointer),
            item.extra
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        ));
        for r in [
            json.item(item, i, &auditor),
            csv.item(item, i, &auditor),
            sarif.item(item, i, &auditor),
        ] {
            if let Err(e) = r {
                failed = Some(e.to_string());
            }
        }
    };
    let fields = input::Fields::default();
    match format % 4 {
        _ if berkeley => match input::BerkeleyDb::open(std::io::Cursor::new(body)) {
            Ok(mut rows) => {
                input::read_rpm_db(
                    name,
                    &mut rows,
                    Some("Rocky Linux 8.10 (Green Obsidian)"),
                    &mut problems,
                    &mut pairs,
                    &mut on_item,
                );
            }
            Err(why) => {
                input::rpm_db_unreadable(name, &why, &mut problems);
            }
        },
        _ if ndb => match input::NdbDb::open(std::io::Cursor::new(body)) {
            Ok(mut rows) => {
                input::read_rpm_db(
                    name,
                    &mut rows,
                    Some("SUSE Linux Enterprise Server 15 SP6"),
                    &mut problems,
                    &mut pairs,
                    &mut on_item,
                );
            }
            Err(why) => {
                input::rpm_db_unreadable(name, &why, &mut problems);
            }
        },
        _ if rpm => {
            let mut rows = rpm_rows(body).into_iter();
            input::read_rpm_db(
                name,
                &mut rows,
                Some("Rocky Linux 9.4 (Blue Onyx)"),
                &mut problems,
                &mut pairs,
                &mut on_item,
            );
        }
        0 => {
            input::read_csv(name, body, &fields, &mut problems, &mut pairs, &mut on_item)
                .map_err(|e| e.to_string())?;
        }
        1 => {
            input::read_jsonl(name, body, &fields, &mut problems, &mut pairs, &mut on_item)
                .map_err(|e| e.to_string())?;
        }
        3 => {
            // the system's release as its os-release would give it
            input::read_package_db(
                name,
                body,
                Some("Debian GNU/Linux 12 (bookworm)"),
                &mut problems,
                &mut pairs,
                &mut on_item,
            )
            .map_err(|e| e.to_string())?;
            // and the same text as the os-release beside it (a system's name, or a warning)
            let text = String::from_utf8_lossy(body);
            input::read_os_release("etc/os-release", &text, &mut problems, &mut pairs, &mut on_item);
        }
        _ => {
            let text: std::sync::Arc<str> = String::from_utf8_lossy(body).into();
            input::read_sbom(name, &text, &fields, &mut problems, &mut pairs, &mut on_item);
        }
    }
    if let Some(e) = failed {
        return Err(format!("writing an item: {e}"));
    }
    let json = json
        .finish(&tally, &auditor, &[], &problems, &rules.lib.data, true)
        .map_err(|e| e.to_string())?;
    let csv = csv.finish().map_err(|e| e.to_string())?;
    let sarif = sarif
        .finish(&tally, &problems, auditor.suppressions(), true)
        .map_err(|e| e.to_string())?;
    let diagnostics = problems
        .list
        .iter()
        .map(|d| {
            (
                d.diagnostic.code.to_string(),
                d.line,
                d.column,
                d.pointer.clone(),
                d.diagnostic.message.clone(),
            )
        })
        .collect();
    // Every diagnostic well formed, on a line of the input, its spans in its snippet.
    let lines = body.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    for d in &problems.list {
        let code = &d.diagnostic.code;
        if !code.starts_with("eol::") || d.diagnostic.message.is_empty() {
            return Err(format!(
                "a diagnostic without a code or message: {:?}",
                d.diagnostic
            ));
        }
        // (RPM's database is binary: no lines, a pointer to the row)
        if rpm {
            if d.line != 0 || !d.pointer.as_deref().is_none_or(|p| p.starts_with("/Packages")) {
                return Err(format!(
                    "{code} at line {} of a binary input, at {:?}",
                    d.line, d.pointer
                ));
            }
        } else if d.line == 0 || d.line > lines || d.column == 0 {
            return Err(format!(
                "{code} at line {} column {} of {lines} lines",
                d.line, d.column
            ));
        }
        let end = d.snippet_offset + d.snippet.len();
        for l in std::iter::once(&d.diagnostic.primary).chain(&d.diagnostic.related) {
            let sp = l.span;
            if sp.start > sp.end || sp.start < d.snippet_offset || sp.end > end {
                return Err(format!(
                    "{code}: span {sp:?} outside its snippet {}..{end}",
                    d.snippet_offset
                ));
            }
        }
    }
    Ok(AuditRun {
        items,
        diagnostics,
        outputs: [json, csv, sarif],
    })
}

/// The rows of RPM's database as the `audit` target's input gives them (format byte 8): each
/// a 2-byte big-endian length and that many bytes of header (the rest, when fewer are left),
/// numbered from 1; a length of 0xffff is a row whose value is text, not a blob, and of
/// 0xfffe the database failing there.
fn rpm_rows(mut body: &[u8]) -> Vec<Result<eol_engine::audit::input::RpmRow, String>> {
    let mut rows = Vec::new();
    let mut number = 0;
    while let [a, b, rest @ ..] = body {
        number += 1;
        let len = u16::from_be_bytes([*a, *b]);
        match len {
            0xffff => rows.push(Ok((number, Err("its value is text, not a blob".to_owned())))),
            0xfffe => rows.push(Err("database disk image is malformed".to_owned())),
            _ => {
                let (blob, after) = rest.split_at(usize::from(len).min(rest.len()));
                rows.push(Ok((number, Ok(blob.to_vec()))));
                body = after;
                continue;
            }
        }
        body = rest;
    }
    rows
}

/// The `audit` target's seed of an RPM database: its rows in [`rpm_rows`]'s form, read
/// with SQLite.
fn rpm_seed(path: &Path) -> Option<Vec<u8>> {
    let db = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let mut statement = db.prepare("SELECT blob FROM Packages ORDER BY hnum").ok()?;
    let blobs: Vec<Vec<u8>> = statement
        .query_map([], |r| r.get(0))
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    let mut v = Vec::new();
    for blob in blobs {
        v.extend_from_slice(&u16::try_from(blob.len()).ok()?.to_be_bytes());
        v.extend(blob);
    }
    Some(v)
}

fn exec_audit(input: &[u8]) -> Result<(), String> {
    let (format, body) = match input.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, input),
    };
    let rules = AUDIT_RULES.with(|r| *r);
    let run = read_audit(format, body, rules)?;
    if read_audit(format, body, rules)? != run {
        return Err("reading the audit input is not deterministic".into());
    }
    let lines = body.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let mut numbers: std::collections::HashMap<&Vec<Option<String>>, usize> =
        std::collections::HashMap::new();
    let mut names: std::collections::HashMap<usize, &Vec<Option<String>>> = std::collections::HashMap::new();
    for (key, n, line, pointer, _) in &run.items {
        if format & (8 | 16 | 32) != 0 {
            if *line != 0 || !pointer.as_deref().is_some_and(|p| p.starts_with("/Packages/")) {
                return Err(format!(
                    "an item of RPM's database on line {line}, at {pointer:?}"
                ));
            }
        } else if *line == 0 || *line > lines {
            return Err(format!("an item on line {line} of {lines}"));
        }
        if *numbers.entry(key).or_insert(*n) != *n || **names.entry(*n).or_insert(key) != *key {
            return Err(format!(
                "pair number {n} does not stand for one item name: {key:?}"
            ));
        }
    }
    for (what, out) in [("json", &run.outputs[0]), ("sarif", &run.outputs[2])] {
        serde_json::from_slice::<serde_json::Value>(out)
            .map_err(|e| format!("the {what} output does not parse: {e}"))?;
    }
    Ok(())
}

// ───────────────────────────── the harness ─────────────────────────────

/// xorshift64*, for seeds and generated cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// How long one input may take before it counts as a hang (debug builds are slow).
fn hang_limit() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 5 })
}

/// Runs inputs of one target on a worker thread with a 2 MiB stack.
struct Worker {
    send: mpsc::Sender<Vec<u8>>,
    recv: mpsc::Receiver<Result<(), String>>,
    current: std::fs::File,
}

fn out_dir() -> PathBuf {
    workspace_root().join("target").join("fuzz")
}

impl Worker {
    fn new(target: Target) -> Worker {
        let (send, inputs) = mpsc::channel::<Vec<u8>>();
        let (results, recv) = mpsc::channel();
        std::thread::Builder::new()
            .name(format!("fuzz-{}", target.name()))
            .stack_size(2 << 20)
            .spawn(move || {
                for input in inputs {
                    let r = match catch_unwind(AssertUnwindSafe(|| exec(target, &input))) {
                        Ok(r) => r,
                        Err(payload) => Err(format!(
                            "panic: {}",
                            payload
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                                .unwrap_or_default()
                        )),
                    };
                    if results.send(r).is_err() {
                        break;
                    }
                }
            })
            .unwrap();
        std::fs::create_dir_all(out_dir()).unwrap();
        let current = std::fs::File::create(out_dir().join(format!("{}.current", target.name()))).unwrap();
        Worker { send, recv, current }
    }

    /// Run one input; `Err` on a failed invariant, a panic or a hang.
    fn run(&mut self, input: &[u8]) -> Result<(), String> {
        self.current.seek(SeekFrom::Start(0)).unwrap();
        self.current.set_len(0).unwrap();
        self.current.write_all(input).unwrap();
        self.send
            .send(input.to_vec())
            .map_err(|_| "the worker is gone".to_owned())?;
        match self.recv.recv_timeout(hang_limit()) {
            Ok(r) => r,
            Err(_) => Err(format!("hang: more than {:?} on one input", hang_limit())),
        }
    }
}

fn save_failure(t: Target, input: &[u8]) -> PathBuf {
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = out_dir().join(format!("{}-{hash:016x}.bin", t.name()));
    let _ = std::fs::create_dir_all(out_dir());
    let _ = std::fs::write(&path, input);
    path
}

/// Regression inputs: `tests/corpus/fuzz/<target>/*`, replayed before fuzzing.
fn regressions(t: Target) -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths = Vec::new();
    files_under(&corpus_dir("fuzz").join(t.name()), &mut paths);
    paths
        .into_iter()
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

struct Report {
    target: Target,
    execs: u64,
    elapsed: Duration,
    failures: Vec<String>,
}

/// A panicking input is an expected event on a worker thread: keep the panic hook quiet
/// there, and only there.
fn quiet_workers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("fuzz-"))
            {
                default(info);
            }
        }));
    });
}

/// Fuzz one target for `budget`; `verbose` prints progress and failures as they come
/// (the long run).
fn fuzz(t: Target, budget: Duration, max_execs: u64, seed: u64, verbose: bool) -> Report {
    quiet_workers();
    let started = Instant::now();
    let mut worker = Worker::new(t);
    let mut failures = Vec::new();
    let mut execs = 0u64;
    for (path, input) in regressions(t) {
        execs += 1;
        if let Err(e) = worker.run(&input) {
            failures.push(format!("regression {}: {e}", path.display()));
            if e.starts_with("hang") {
                return Report {
                    target: t,
                    execs,
                    elapsed: started.elapsed(),
                    failures,
                };
            }
        }
    }
    let seeds = seeds(t);
    // the seeds themselves first
    for s in &seeds {
        execs += 1;
        if let Err(e) = worker.run(s) {
            let path = save_failure(t, s);
            failures.push(format!("seed input {}: {e}", path.display()));
            if e.starts_with("hang") {
                return Report {
                    target: t,
                    execs,
                    elapsed: started.elapsed(),
                    failures,
                };
            }
        }
    }
    let config = Config {
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (
        0..seeds.len().max(1),
        proptest::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 1..10),
    );
    let build = |v: &(usize, Vec<Op>)| match t {
        Target::Eval => mutated_eval(v.0, &v.1, &seeds),
        Target::Audit | Target::Sources => mutated_audit(v.0, &v.1, &seeds),
        Target::Ide => mutated_ide(v.0, &v.1, &seeds),
        _ => mutated(v.0, &v.1, &seeds),
    };
    let mut last_note = Instant::now();
    while started.elapsed() < budget && execs < max_execs && failures.len() < 5 {
        if verbose && last_note.elapsed() > Duration::from_secs(300) {
            last_note = Instant::now();
            eprintln!(
                "fuzz {}: {execs} executions in {:.0?}, {} failure(s)",
                t.name(),
                started.elapsed(),
                failures.len()
            );
        }
        let Ok(mut tree) = strategy.new_tree(&mut runner) else {
            break;
        };
        let input = build(&tree.current());
        execs += 1;
        let Err(first) = worker.run(&input) else { continue };
        if first.starts_with("hang") {
            let path = save_failure(t, &input);
            failures.push(format!(
                "{} ({} bytes, not shrunk): {first}",
                path.display(),
                input.len()
            ));
            break;
        }
        // shrink: fewer, simpler mutations, while the input still fails
        let mut best = (input, first);
        let shrink_until = Instant::now() + Duration::from_secs(60);
        if tree.simplify() {
            loop {
                if Instant::now() > shrink_until {
                    break;
                }
                let candidate = build(&tree.current());
                execs += 1;
                match worker.run(&candidate) {
                    Err(e) if e.starts_with("hang") => break,
                    Err(e) => {
                        best = (candidate, e);
                        if !tree.simplify() {
                            break;
                        }
                    }
                    Ok(()) => {
                        if !tree.complicate() {
                            break;
                        }
                    }
                }
            }
        }
        let path = save_failure(t, &best.0);
        let shown: String = String::from_utf8_lossy(&best.0).chars().take(400).collect();
        let f = format!(
            "{} ({} bytes): {}\n  input: {shown:?}",
            path.display(),
            best.0.len(),
            best.1
        );
        if verbose {
            eprintln!("fuzz {}: FAILURE {f}", t.name());
        }
        failures.push(f);
    }
    Report {
        target: t,
        execs,
        elapsed: started.elapsed(),
        failures,
    }
}

fn seconds(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn short(t: Target) {
    // A fixed number of executions per target in CI, so that every machine tries the same
    // inputs (a time budget made CI depend on the machine's speed); EOL_FUZZ_SHORT_EXECS to
    // change, and a time limit against a machine far slower than expected.
    let budget = Duration::from_secs(seconds("EOL_FUZZ_SHORT_SECONDS", 120));
    let execs = seconds("EOL_FUZZ_SHORT_EXECS", 300);
    let r = fuzz(t, budget, execs, seconds("EOL_FUZZ_SEED", 0xf022), false);
    eprintln!(
        "fuzz {}: {} executions in {:.1?}",
        r.target.name(),
        r.execs,
        r.elapsed
    );
    assert!(
        r.failures.is_empty(),
        "fuzz {}:\n{}",
        t.name(),
        r.failures.join("\n")
    );
}

#[test]
fn fuzz_rules() {
    short(Target::Rules);
}

#[test]
fn fuzz_fmt() {
    short(Target::Fmt);
}

#[test]
fn fuzz_toml() {
    short(Target::Toml);
}

#[test]
fn fuzz_csv() {
    short(Target::Csv);
}

#[test]
fn fuzz_json() {
    short(Target::Json);
}

#[test]
fn fuzz_eval() {
    short(Target::Eval);
}

#[test]
fn fuzz_version() {
    short(Target::Version);
}

#[test]
fn fuzz_audit() {
    short(Target::Audit);
}

#[test]
fn fuzz_sources() {
    short(Target::Sources);
}

#[test]
fn fuzz_ide() {
    short(Target::Ide);
}

/// The long run: every target at once for `EOL_FUZZ_SECONDS` (wall clock), seeded by
/// `EOL_FUZZ_SEED` (default: the time). Prints executions, time and failures per target.
#[test]
#[ignore = "long: run with EOL_FUZZ_SECONDS=N -- --ignored --nocapture"]
fn fuzz_long() {
    let budget = Duration::from_secs(seconds("EOL_FUZZ_SECONDS", 600));
    let seed = seconds(
        "EOL_FUZZ_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs()),
    );
    eprintln!("fuzz: every target for {budget:?}, seed {seed}");
    let handles: Vec<_> = Target::ALL
        .into_iter()
        .map(|t| std::thread::spawn(move || fuzz(t, budget, u64::MAX, seed ^ t as u64, true)))
        .collect();
    let mut failed = Vec::new();
    let mut total = 0;
    for h in handles {
        let r = h.join().unwrap();
        total += r.execs;
        eprintln!(
            "fuzz {}: {} executions in {:.1?}, {} failure(s)",
            r.target.name(),
            r.execs,
            r.elapsed,
            r.failures.len()
        );
        for f in &r.failures {
            eprintln!("  {f}");
        }
        failed.extend(r.failures);
    }
    eprintln!("fuzz: {total} executions in total");
    assert!(failed.is_empty(), "{} failure(s), see above", failed.len());
}
