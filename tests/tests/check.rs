//! The failing corpus: `tests/corpus/check/CODE[.VARIANT].eol` must produce a
//! diagnostic with code `eol::CODE`; the rendered diagnostics are snapshots.
//! `eol::invalid-utf8` needs bytes that are not UTF-8, so its case is a `.bin` file.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use eol_engine::project::{check_across, RuleFile};
use eol_tests::{code_of, corpus_dir, load, render_all, render_file};

fn assert_named_code(path: &Path, file: &RuleFile) {
    let code = code_of(path).expect("corpus file name names a code");
    assert!(
        file.diagnostics.iter().any(|d| d.code == code),
        "{} must produce {code}, got: {:?}",
        file.name,
        file.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
}

#[test]
fn check_corpus() {
    insta::glob!("../corpus/check", "*.{eol,bin}", |path| {
        let file = load(path);
        assert_named_code(path, &file);
        insta::assert_snapshot!(render_file(&file));
    });
}

/// The corpus files the glob above runs are exactly the ones named after a code;
/// a stray file (`README.eol`, `foo.txt`) would silently test nothing.
#[test]
fn every_check_corpus_file_is_named_after_a_code() {
    for entry in std::fs::read_dir(corpus_dir("check")).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        assert!(
            ext == "eol" || ext == "bin",
            "{}: the check corpus holds only .eol (and .bin) files",
            path.display()
        );
        assert!(
            code_of(&path).is_some(),
            "{}: no code in the name",
            path.display()
        );
    }
}

/// A policy id defined in two files: `check_across` reports it on the later file.
#[test]
fn duplicate_policy_across_files() {
    let text = "policy p {\n  line major\n  service support\n  phase active {\n    from first_ship\n    until first_ship + 4 years\n    provides support\n  }\n}\n";
    let mut files = vec![
        RuleFile::load("rules/a.eol", text.as_bytes()),
        RuleFile::load(
            "rules/b.eol",
            format!("# the same product again\n{text}").as_bytes(),
        ),
    ];
    check_across(&mut files);
    assert!(files[0].diagnostics.is_empty(), "{:?}", files[0].diagnostics);
    assert_eq!(
        files[1].diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["eol::duplicate-definition"]
    );
    insta::assert_snapshot!(render_all(&files[1].diagnostics, &files[1].name, &files[1].text));
}

/// A package name one file writes out that another file's pattern takes: reported once, on
/// the written-out name, with the other file named (across files, only pairs in two files).
#[test]
fn package_name_taken_by_a_pattern_across_files() {
    assert_eq!(
        second_files_problems([
            ("php", "\"pkg:deb/debian/php{line}-fpm\""),
            ("fpm", "\"pkg:rpm/redhat/php8.2-fpm\""),
            ("other", "\"pkg:deb/debian/php-fpm\""),
        ]),
        [(
            "eol::ambiguous-name",
            "package `php8.2-fpm` is also taken by `php`'s pattern `pkg:deb/debian/php{line}-fpm` (in rules/php.eol)"
                .to_owned()
        )]
    );
}

/// Two files' patterns that take a name in common are reported on the later file, with the
/// shortest name both take; patterns whose fixed texts part ways are not.
#[test]
fn package_patterns_that_overlap_across_files() {
    assert_eq!(
        second_files_problems([
            ("php", "\"pkg:deb/debian/php{line}-fpm\", \"pkg:deb/debian/php{line}\""),
            ("php8", "\"pkg:apk/alpine/php8*\""),
            ("sabre", "\"pkg:deb/debian/php-sabre-*\""),
        ]),
        [
            (
                "eol::ambiguous-name",
                "`pkg:apk/alpine/php8*` and `php`'s pattern `pkg:deb/debian/php{line}-fpm` both take package `php8-fpm` (in rules/php.eol)"
                    .to_owned()
            ),
            (
                "eol::ambiguous-name",
                "`pkg:apk/alpine/php8*` and `php`'s pattern `pkg:deb/debian/php{line}` both take package `php8` (in rules/php.eol)"
                    .to_owned()
            ),
        ]
    );
}

/// Three rule files `rules/ID.eol`, each one policy with the `purl` list given, checked
/// together: the first and the third are clean, and the second's problems (code and
/// message) are returned.
fn second_files_problems(policies: [(&str, &str); 3]) -> Vec<(&'static str, String)> {
    let mut files: Vec<RuleFile> = policies
        .iter()
        .map(|(id, purls)| {
            let text = format!(
                "policy {id} {{\n  purl {purls}\n  line major\n  service support\n  phase active {{\n    \
                 from first_ship\n    until first_ship + 4 years\n    provides support\n  }}\n}}\n"
            );
            RuleFile::load(format!("rules/{id}.eol"), text.as_bytes())
        })
        .collect();
    assert!(files.iter().all(|f| f.diagnostics.is_empty()));
    check_across(&mut files);
    assert!(files[0].diagnostics.is_empty(), "{:?}", files[0].diagnostics);
    assert!(files[2].diagnostics.is_empty(), "{:?}", files[2].diagnostics);
    files[1]
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect()
}

/// Every glob snapshot belongs to an input that still exists: deleting or
/// renaming a corpus file must take its snapshot along.
#[test]
fn no_orphan_snapshots() {
    let root = eol_tests::workspace_root();
    let dir = root.join("tests/tests/snapshots");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some((test, input)) = name.strip_suffix(".snap").and_then(|n| n.split_once('@')) else {
            continue;
        };
        let input_dir = match test {
            "check__check_corpus" => corpus_dir("check"),
            "syntax__syntax_corpus" => corpus_dir("syntax"),
            "syntax__shipped_rules" => root.join("rules"),
            "catalog__catalog_corpus" => corpus_dir("catalog"),
            "catalog__import_corpus" => corpus_dir("import"),
            "audit__audit_corpus" => corpus_dir("audit"),
            _ => continue,
        };
        if !input_dir.join(input).is_file() {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without an input (delete them): {orphans:?}"
    );
}
