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

/// The rule file, and the same file after an edit of one policy in its middle (a longer
/// duration: every policy after it moves by a byte).
fn edited(text: &str) -> String {
    let at = text.len() / 2 + text[text.len() / 2..].find("18 months").unwrap();
    format!("{}118 months{}", &text[..at], &text[at + "18 months".len()..])
}

/// What the server does on a change: the re-check of a file of which one policy
/// changed, the others taken from the document's cache (`ide::incremental`). Each
/// iteration re-checks the other of two texts that differ in one policy.
#[divan::bench]
fn recheck_edit(bencher: Bencher) {
    let (text, _) = inputs();
    let texts = [edited(&text), text];
    let mut cache = eol_engine::ide::Cache::new();
    for t in &texts {
        Analysis::recheck(input(t, None), &mut cache);
    }
    Analysis::recheck(input(&texts[0], None), &mut cache);
    assert_eq!(cache.last_work(), (1, 1), "one policy parsed and checked");
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        Analysis::recheck(black_box(input(&texts[i % 2], None)), &mut cache)
    });
}

/// The same with the catalog beside the file: the catalog kept while its bytes are the
/// same; the edited product, those after it (moved) and their readers evaluated again,
/// with traces for hover.
#[divan::bench]
fn recheck_edit_with_catalog(bencher: Bencher) {
    let (text, catalog) = inputs();
    let texts = [edited(&text), text];
    let mut cache = eol_engine::ide::Cache::new();
    for t in &texts {
        Analysis::recheck(input(t, Some(&catalog)), &mut cache);
    }
    // the catalog kept; of the 56 products, the 28 before the edit kept, the edited one
    // and the 27 after it (moved) evaluated again
    assert_eq!(cache.last_evaluation(), (0, 28, 28));
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        Analysis::recheck(black_box(input(&texts[i % 2], Some(&catalog))), &mut cache)
    });
}

/// The front end of that re-check alone: the file cut into policies, one parsed and
/// checked, the others moved from the cache, the passes over the whole file.
#[divan::bench]
fn recheck_edit_front_end(bencher: Bencher) {
    use eol_engine::project::RuleFile;
    let (text, _) = inputs();
    let texts = [edited(&text), text];
    let mut cache = eol_engine::ide::Cache::new();
    for t in &texts {
        Analysis::recheck(input(t, None), &mut cache);
    }
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        cache.begin();
        let f = RuleFile::load_with("bench.eol", black_box(texts[i % 2].as_bytes()), &mut cache);
        cache.end();
        f
    });
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
