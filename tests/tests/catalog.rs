//! The failing catalogs and imports:
//!
//! - `tests/corpus/catalog/CODE[.VARIANT].{toml,csv,json}` is a catalog that must
//!   produce the diagnostic `eol::CODE` when read (`CatalogFile::load`, as every
//!   command that reads catalogs does); bytes that are not UTF-8 go in a `.bin`
//!   file named with the format before it (`invalid-utf8.csv.bin`);
//! - `tests/corpus/import/CODE[.VARIANT].csv` is an endoflife.date CSV export that
//!   must produce `eol::CODE` when `eol import endoflife-csv` reads it
//!   (`eol_engine::endoflife::parse`).
//!
//! The snapshots are the rendered diagnostics, as in `tests/check.rs`.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use eol_tests::{catalog_format, code_of, render_checked, Checked, Corpus};

fn assert_named_code(path: &Path, files: &[Checked]) {
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
}

#[test]
fn catalog_corpus() {
    insta::glob!("../corpus/catalog", "*.{toml,csv,json,bin}", |path| {
        let files = Corpus::Catalog.run(path).unwrap_or_else(|e| panic!("{e}"));
        assert_named_code(path, &files);
        insta::assert_snapshot!(render_checked(&files));
    });
}

#[test]
fn import_corpus() {
    insta::glob!("../corpus/import", "*.{csv,json,txt,toml}", |path| {
        let files = Corpus::Import.run(path).unwrap_or_else(|e| panic!("{e}"));
        assert_named_code(path, &files);
        insta::assert_snapshot!(render_checked(&files));
    });
}

/// The files the globs above run are exactly the ones there: a stray file
/// (`README.md`, `foo.txt`, `x.csv.txt`) would silently test nothing.
#[test]
fn every_catalog_and_import_case_is_named_after_a_code() {
    for path in Corpus::Catalog.cases() {
        assert!(
            catalog_format(&path).is_some(),
            "{}: the catalog corpus holds only .toml, .csv and .json files (and .FORMAT.bin)",
            path.display()
        );
        assert!(
            code_of(&path).is_some(),
            "{}: no code in the name",
            path.display()
        );
    }
    for path in Corpus::Import.cases() {
        assert!(
            path.extension()
                .is_some_and(|e| ["csv", "json", "txt", "toml"].iter().any(|x| e == *x)),
            "{}: the import corpus holds only .csv, .json, .txt and .toml files",
            path.display()
        );
        assert!(
            code_of(&path).is_some(),
            "{}: no code in the name",
            path.display()
        );
    }
}
