//! The failing inputs of `eol audit`: `tests/corpus/audit/CODE[.VARIANT].{csv,jsonl,json,xml}`
//! is an inventory or SBOM that must produce the diagnostic `eol::CODE` when audited (read
//! and judged against the bundled rule files of Python, Node.js and PostgreSQL on
//! 2026-12-01), `.status` and `.installed` a package database (dpkg's, apk's); `.toml` is a
//! suppressions file. The snapshots are the rendered
//! diagnostics, as in `tests/check.rs`.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use eol_tests::{code_of, render_checked, Corpus};

#[test]
fn audit_corpus() {
    insta::glob!(
        "../corpus/audit",
        "*.{csv,jsonl,json,xml,status,installed,toml}",
        |path| {
            let files = Corpus::Audit.run(path).unwrap_or_else(|e| panic!("{e}"));
            let code = code_of(path).expect("corpus file name names a code");
            let got: Vec<&str> = files
                .iter()
                .flat_map(|f| f.diagnostics.iter().map(|d| d.code))
                .collect();
            assert!(
                got.contains(&code.as_str()),
                "{} must produce {code}, got: {got:?}",
                path.display()
            );
            insta::assert_snapshot!(render_checked(&files));
        }
    );
}

/// Every file there is one the glob above runs.
#[test]
fn every_audit_case_is_named_after_a_code() {
    for path in Corpus::Audit.cases() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            [
                ".csv",
                ".jsonl",
                ".json",
                ".xml",
                ".status",
                ".installed",
                ".toml"
            ]
            .iter()
            .any(|e| name.ends_with(e)),
            "{name}: the audit corpus holds .csv, .jsonl, .json, .xml, .status, .installed and .toml files"
        );
        assert!(code_of(&path).is_some(), "{name}: no code in the name");
    }
}
