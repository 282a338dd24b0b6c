//! `eol new`'s scaffolds (`eol_engine::scaffold`) from every endoflife.date export in
//! `rules/endoflife/`: each rule file checks without a diagnostic, with the catalog made
//! from the same export, and is already in the canonical layout. The CLI's runs, snapshots
//! and refusals to overwrite are in `crates/eol-cli/tests/new.rs`.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use eol_engine::catalog::CatalogFormat;
use eol_engine::endoflife;
use eol_engine::eval::Options;
use eol_engine::kb::{evaluate_all, CatalogFile};
use eol_engine::project::RuleFile;
use eol_engine::scaffold::{scaffold, Answers};
use eol_tests::{render_all, workspace_root};

#[test]
fn every_export_scaffolds_a_clean_formatted_rule_file() {
    let dir = workspace_root().join("rules/endoflife");
    let mut exports: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .filter(|p| {
            !p.file_stem()
                .unwrap()
                .to_string_lossy()
                .chars()
                .all(|c| c.is_ascii_uppercase())
        })
        .collect();
    exports.sort();
    assert!(exports.len() > 100, "only {} exports found", exports.len());
    let mut problems = Vec::new();
    for path in &exports {
        let product = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let (cycles, diags) = endoflife::parse(&text);
        assert!(
            diags.iter().all(|d| !d.is_error()),
            "{product}: the export has errors"
        );
        let answers = Answers {
            product: product.clone(),
            ..Answers::default()
        };
        let made = scaffold(&answers, Some(&cycles)).unwrap();
        let name = format!("{product}.eol");
        if !made.diagnostics.is_empty() {
            problems.push(render_all(&made.diagnostics, &name, &made.rules));
        }
        if eol_syntax::format(&made.rules).as_deref() != Ok(made.rules.as_str()) {
            problems.push(format!("{name}: not in the canonical layout"));
        }
        // With its catalog, evaluated as `eol check` does: no warning either.
        let mut rules = vec![RuleFile::load(&name, made.rules.as_bytes())];
        let mut catalogs = vec![CatalogFile::load(
            format!("{product}.releases.csv"),
            CatalogFormat::Csv,
            made.catalog.as_bytes(),
        )];
        let at = NaiveDate::from_ymd_opt(2026, 8, 22).unwrap();
        evaluate_all(
            &mut rules,
            &mut catalogs,
            &vec![vec![0]],
            at,
            Options::default(),
            None,
        );
        for f in &rules {
            if !f.diagnostics.is_empty() {
                problems.push(render_all(&f.diagnostics, &f.name, &f.text));
            }
        }
        for c in &catalogs {
            if !c.diagnostics.is_empty() {
                problems.push(render_all(&c.diagnostics, &c.name, &c.text));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
