//! What the language server does on every keystroke: re-check a 2,000-line rule file
//! (parse, check, evaluate against its catalog with traces, resolve every name), and
//! the requests that follow. See docs/performance.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use divan::{black_box, Bencher};
use eol_engine::ide::{Analysis, Input, Position};
use eol_engine::library::Source;

#[path = "gen.rs"]
mod gen;

fn main() {
    divan::main();
}

const LINES: usize = 2_000;

/// Generated policies, as many as make at least [`LINES`] lines, and their catalog
/// (four release lines of ten releases per product).
fn inputs() -> (String, String) {
    let per_policy = gen::rules(1).lines().count();
    let policies = LINES.div_ceil(per_policy);
    let text = gen::rules(policies);
    assert!(text.lines().count() >= LINES);
    (text, gen::catalog(policies, policies * 40))
}

fn input(text: &str, catalog: Option<&str>) -> Input {
    Input {
        file: Source::new("bench.eol", text.as_bytes().to_vec()),
        catalogs: catalog
            .map(|c| vec![Source::new("bench.releases.csv", c.as_bytes().to_vec())])
            .unwrap_or_default(),
        library: Vec::new(),
        at: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    }
}

/// The checker alone, as `eol check` runs it on the file (no catalog): the floor.
#[divan::bench]
fn check_only(bencher: Bencher) {
    let (text, _) = inputs();
    bencher.bench(|| eol_engine::project::RuleFile::load("bench.eol", black_box(text.as_bytes())));
}

/// A re-check without a catalog: parse, check, resolve.
#[divan::bench]
fn recheck(bencher: Bencher) {
    let (text, _) = inputs();
    let a = Analysis::new(input(&text, None));
    assert!(a.diagnostics()[0].diagnostics.iter().all(|d| !d.code.is_empty()));
    bencher.bench(|| Analysis::new(black_box(input(&text, None))));
}

/// A re-check with the catalog beside the file: also evaluated, with traces for hover.
#[divan::bench]
fn recheck_with_catalog(bencher: Bencher) {
    let (text, catalog) = inputs();
    bencher.bench(|| Analysis::new(black_box(input(&text, Some(&catalog)))));
}

/// The diagnostics the server publishes after a re-check, in editor positions.
#[divan::bench]
fn diagnostics(bencher: Bencher) {
    let (text, catalog) = inputs();
    let a = Analysis::new(input(&text, Some(&catalog)));
    bencher.bench(|| black_box(&a).diagnostics());
}

/// Hover on a phase name in the last policy of the file (dates of every line).
#[divan::bench]
fn hover(bencher: Bencher) {
    let (text, catalog) = inputs();
    let a = Analysis::new(input(&text, Some(&catalog)));
    let offset = text.rfind("end(active)").unwrap() + 5;
    let line = text[..offset].matches('\n').count() as u32;
    let col = (offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)) as u32;
    let pos = Position::new(line, col);
    let (_, text) = a.hover(pos).unwrap();
    assert!(
        text.contains("**phase** `active`") && text.contains(" (exact) |"),
        "{text}"
    );
    bencher.bench(|| black_box(&a).hover(pos));
}

/// Semantic tokens of the whole file.
#[divan::bench]
fn semantic_tokens(bencher: Bencher) {
    let (text, _) = inputs();
    let a = Analysis::new(input(&text, None));
    bencher.bench(|| black_box(&a).semantic_tokens());
}
