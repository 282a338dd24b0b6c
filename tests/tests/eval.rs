//! The evaluation corpus: every `tests/corpus/eval/CASE/` directory holds
//!
//! - `rules.eol`: one or more policies (must check without errors);
//! - `releases.toml`, `releases.csv` and/or `releases.json`: the catalog(s), all
//!   read by the rule file;
//! - `case.toml`: `at = YYYY-MM-DD` (the evaluation date) and optionally
//!   `lang = "de"`.
//!
//! The case is loaded through the engine API the way `eol eval` loads it, and the
//! snapshot is the `eol eval --format json` document (schema_version, at, products)
//! followed by every diagnostic of the rule file and the catalogs, one per line as
//! `severity code @file start..end "text"` with the message, any related labels
//! and the help below it.
//!
//! `tests/corpus/eval-known-bugs/CASE/` holds cases whose result is believed wrong,
//! each with a `NOTE.md` saying what is expected and why. They are not snapshotted
//! (a snapshot would pin the wrong date); they must still load and evaluate.
//!
//! `tests/corpus/eval-diagnostics/CODE[.VARIANT]/` holds cases in the same format
//! that must produce the diagnostic `eol::CODE` when evaluated (a code reported at
//! evaluation, on the rule file or on a catalog). Their snapshot is every
//! diagnostic of every file, rendered as `eol eval` shows them.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use eol_engine::catalog::CatalogFormat;
use eol_engine::report;
use eol_syntax::Diagnostic;
use eol_tests::{code_of, corpus_dir, evaluate_case, excerpt, render_checked, workspace_root, Corpus};

/// `severity code @file start..end "text"`, the message, each related label (its
/// span read in the same file) and the help on the lines below.
fn summary(out: &mut String, d: &Diagnostic, file: &str, text: &str) {
    out.push_str(&format!(
        "{} {} @{file} {:?} {}\n    {}\n",
        d.severity.as_str(),
        d.code,
        d.primary.span,
        excerpt(d.primary.span.text(text)),
        d.message
    ));
    for r in &d.related {
        out.push_str(&format!(
            "    related {:?} {}: {}\n",
            r.span,
            excerpt(r.span.text(text)),
            r.text
        ));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("    help: {help}\n"));
    }
}

/// Evaluate one case directory: the JSON document, then every diagnostic.
fn run_case(dir: &Path) -> String {
    let done = evaluate_case(dir).unwrap_or_else(|e| panic!("{e}"));
    let (rules, catalogs) = (&done.rules, &done.catalogs);
    let lang = done.case.lang.as_deref();
    let docs = done
        .products
        .iter()
        .filter_map(|p| {
            p.policy(rules)
                .map(|pol| report::product_json(pol, &p.lifecycle.lines, lang))
        })
        .collect();
    let doc = report::Document::new(done.case.at, docs);
    let mut out = serde_json::to_string_pretty(&doc).unwrap();
    out.push_str("\n\n");
    let mut diagnostics = String::new();
    for f in rules {
        for d in &f.diagnostics {
            summary(&mut diagnostics, d, &f.name, &f.text);
        }
    }
    for c in catalogs {
        for d in &c.diagnostics {
            summary(&mut diagnostics, d, &c.name, &c.text);
        }
    }
    if diagnostics.is_empty() {
        diagnostics.push_str("(no diagnostics)\n");
    }
    out.push_str(&diagnostics);
    out
}

#[test]
fn eval_corpus() {
    insta::glob!("../corpus/eval", "*/rules.eol", |path| {
        let dir = path.parent().unwrap();
        insta::assert_snapshot!(run_case(dir));
    });
}

#[test]
fn eval_diagnostics_corpus() {
    insta::glob!("../corpus/eval-diagnostics", "*/rules.eol", |path| {
        let dir = path.parent().unwrap();
        let code = code_of(dir).expect("case directory names a code");
        // Runs on an explicit 2 MiB thread: see `on_main_thread_stack`.
        let files = Corpus::EvalDiagnostics.run(dir).unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<&str> = files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(|d| d.code))
            .collect();
        assert!(
            got.contains(&code.as_str()),
            "{} must produce {code} when evaluated, got: {got:?}",
            dir.display()
        );
        insta::assert_snapshot!(render_checked(&files));
    });
}

/// Each case directory is complete, holds nothing the test would ignore, and the
/// corpus uses every catalog format.
#[test]
fn eval_cases_are_well_formed() {
    let mut formats = std::collections::BTreeSet::new();
    for dir in [
        corpus_dir("eval"),
        corpus_dir("eval-known-bugs"),
        corpus_dir("eval-diagnostics"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let case = entry.unwrap().path();
            assert!(case.is_dir(), "{}: only case directories here", case.display());
            for file in std::fs::read_dir(&case).unwrap() {
                let name = file.unwrap().file_name().into_string().unwrap();
                let known = name == "rules.eol"
                    || name == "case.toml"
                    || (name == "NOTE.md" && dir.ends_with("eval-known-bugs"))
                    || CatalogFormat::ALL
                        .iter()
                        .any(|f| name == format!("releases.{}", f.extension()));
                assert!(known, "{}: unexpected file {name}", case.display());
                if let Some(ext) = name.strip_prefix("releases.") {
                    formats.insert(ext.to_owned());
                }
            }
            assert!(
                case.join("rules.eol").is_file(),
                "{}: no rules.eol",
                case.display()
            );
            assert!(
                case.join("case.toml").is_file(),
                "{}: no case.toml",
                case.display()
            );
            if dir.ends_with("eval-known-bugs") {
                assert!(case.join("NOTE.md").is_file(), "{}: no NOTE.md", case.display());
            }
            if dir.ends_with("eval-diagnostics") {
                assert!(
                    code_of(&case).is_some(),
                    "{}: the directory must be named after a code",
                    case.display()
                );
            }
        }
    }
    assert_eq!(
        formats.into_iter().collect::<Vec<_>>(),
        ["csv", "json", "toml"],
        "the corpus should read every catalog format"
    );
}

/// Known-bug cases are not snapshotted, but they must load and evaluate.
#[test]
fn eval_known_bugs_still_evaluate() {
    let dir = corpus_dir("eval-known-bugs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let case = entry.unwrap().path();
        let out = run_case(&case);
        assert!(out.contains("\"products\""), "{}", case.display());
    }
}

/// Every eval snapshot belongs to a case that still exists.
#[test]
fn no_orphan_eval_snapshots() {
    let snapshots = workspace_root().join("tests/tests/snapshots");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&snapshots).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".snap") else {
            continue;
        };
        let Some((corpus, rest)) = stem
            .strip_prefix("eval__eval_corpus@")
            .map(|n| ("eval", n))
            .or_else(|| {
                stem.strip_prefix("eval__eval_diagnostics_corpus@")
                    .map(|n| ("eval-diagnostics", n))
            })
        else {
            continue;
        };
        let Some(input) = rest.strip_suffix("__rules.eol") else {
            orphans.push(name);
            continue;
        };
        if !corpus_dir(corpus).join(input).join("rules.eol").is_file() {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a case (delete them): {orphans:?}"
    );
}
