//! Evaluating generated knowledge bases (1,000 policies) with 10,000, 100,000 and
//! 1,000,000 releases, beside reading the catalog file into rows, and writing the
//! result as the `eval` JSON document. See docs/performance.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use eol_engine::catalog::{parse_catalog, CatalogFormat};
use eol_engine::eval::Options;
use eol_engine::kb::{evaluate_all, CatalogFile, Pairing, Product};
use eol_engine::project::RuleFile;
use eol_engine::report;

#[path = "gen.rs"]
mod gen;

fn main() {
    divan::main();
}

const POLICIES: usize = 1_000;
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn at() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// Reading and parsing the catalog CSV into rows.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn read_catalog(bencher: Bencher, releases: usize) {
    let text = gen::catalog(POLICIES, releases);
    bencher
        .counter(ItemsCount::new(releases))
        .bench(|| parse_catalog(black_box(&text), CatalogFormat::Csv));
}

/// The generated rule file and catalog, loaded, and their evaluation.
fn knowledge_base(releases: usize) -> (Vec<RuleFile>, Vec<CatalogFile>, Vec<Product>) {
    let rules = gen::rules(POLICIES);
    let text = gen::catalog(POLICIES, releases);
    let mut files = vec![RuleFile::load("bench.eol", rules.as_bytes())];
    assert!(!files[0].has_errors());
    let mut catalogs = vec![CatalogFile::load(
        "bench.csv",
        CatalogFormat::Csv,
        text.as_bytes(),
    )];
    assert!(!catalogs[0].has_errors(), "{:?}", catalogs[0].diagnostics.first());
    let products = evaluate_once(&mut files, &mut catalogs, &pairing());
    assert_eq!(products.len(), POLICIES);
    (files, catalogs, products)
}

/// The one rule file reads the one catalog.
fn pairing() -> Pairing {
    vec![vec![0]]
}

/// Every rule file evaluated against the catalogs as [`pairing`] pairs them, on [`at`],
/// behind `black_box`.
fn evaluate_once(files: &mut [RuleFile], catalogs: &mut [CatalogFile], pairing: &Pairing) -> Vec<Product> {
    evaluate_all(
        black_box(files),
        black_box(catalogs),
        pairing,
        at(),
        Options::default(),
        None,
    )
}

/// From parsed rows to the lifecycle table: versions, lines, every phase of every line.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn evaluate(bencher: Bencher, releases: usize) {
    let (mut files, mut catalogs, _) = knowledge_base(releases);
    let pairing = pairing();
    bencher
        .counter(ItemsCount::new(releases))
        .bench_local(|| evaluate_once(&mut files, &mut catalogs, &pairing));
}

/// From the lifecycle table to the `eol eval --format json` document, as text.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn json_document(bencher: Bencher, releases: usize) {
    let (files, _, products) = knowledge_base(releases);
    bencher.counter(ItemsCount::new(releases)).bench_local(|| {
        let doc = report::Document::new(
            at(),
            products
                .iter()
                .filter_map(|p| {
                    p.policy(&files)
                        .map(|pol| report::product_json(pol, &p.lifecycle.lines, None))
                })
                .collect(),
        );
        serde_json::to_string_pretty(black_box(&doc)).unwrap()
    });
}

/// The rule file and catalog of [`gen::pinned_policy`]'s product of `n` lines, loaded.
fn pinned_files(n: usize) -> (Vec<RuleFile>, Vec<CatalogFile>) {
    let rules = gen::pinned_policy(n);
    let catalog = gen::pinned_catalog(n);
    let files = vec![RuleFile::load("acme.eol", rules.as_bytes())];
    assert!(!files[0].has_errors(), "{:?}", files[0].diagnostics.first());
    let catalogs = vec![CatalogFile::load(
        "acme.csv",
        CatalogFormat::Csv,
        catalog.as_bytes(),
    )];
    (files, catalogs)
}

/// One product of N lines, N/2 of them with an override and N/2 with a declaration,
/// evaluated and then listed (`eol list`: the status of every line). Finding a line's
/// overrides was a pass over all of them per line, and every status scanned every release
/// of the product for the catalog's newest row: both quadratic (20,000 lines took 2 s to
/// evaluate and 4 s to list). See docs/performance.md.
#[divan::bench(args = [1_000, 10_000, 40_000], sample_count = 10, sample_size = 1)]
fn one_product_many_lines(bencher: Bencher, n: usize) {
    let (mut files, mut catalogs) = pinned_files(n);
    let pairing = pairing();
    bencher.counter(ItemsCount::new(n)).bench_local(|| {
        let products = evaluate_once(&mut files, &mut catalogs, &pairing);
        let product = &products[0];
        let policy = product.policy(&files).unwrap();
        let view = eol_engine::query::ProductView::new(policy, product, &catalogs);
        let listed = eol_engine::query::summary(&view, at(), eol_engine::query::Basis::Standard, None);
        assert_eq!(listed.lines, n);
        listed
    });
}

/// One product of N lines (`1` to `N`, releases `1.0` to `N.0`), and 5N distinct version
/// texts resolved to their lines as an audit does: a release (`7.0`), a patch of one
/// (`7.0.7`, by the line's name), a pre-release written after `v` (`v7.3-beta`), a version
/// newer than every line (placed in the lines' order) and a word close to no name. Each
/// step used to scan every line and release, and a version that found none sorted them
/// all and compared the word with every name: N·N (20,000 lines and 20,000 versions took
/// 78 s to audit, 20,000 words 99 s). See docs/performance.md.
#[divan::bench(args = [1_000, 10_000, 40_000], sample_count = 10, sample_size = 1)]
fn resolve_many_versions(bencher: Bencher, n: usize) {
    use eol_engine::resolve::{resolve_version, Resolution};
    let (mut files, mut catalogs) = pinned_files(n);
    let products = evaluate_once(&mut files, &mut catalogs, &pairing());
    let product = &products[0];
    let policy = product.policy(&files).unwrap();
    let view = eol_engine::query::ProductView::new(policy, product, &catalogs);
    let word = |i: usize| -> String {
        let mut w = String::from("w");
        let mut k = i;
        while k > 0 {
            w.push(char::from(b'a' + (k % 26) as u8));
            k /= 26;
        }
        w
    };
    let texts: Vec<String> = (1..=n)
        .flat_map(|i| {
            [
                format!("{i}.0"),
                format!("{i}.0.7"),
                format!("v{i}.3-beta"),
                format!("{}.1", n + i),
                word(i),
            ]
        })
        .collect();
    bencher.counter(ItemsCount::new(texts.len())).bench_local(|| {
        let lines = view.line_views();
        let found = texts
            .iter()
            .filter(|t| {
                matches!(
                    resolve_version(policy, &lines, black_box(t)),
                    Resolution::Line { .. }
                )
            })
            .count();
        assert_eq!(found, 3 * n);
        found
    });
}

/// One product of N lines, each the only line of its major (`1.0` to `N.0`), whose support
/// lasts `until first_ship(newer 1 where same major)`: for every line but the newest no
/// line numbered on from the highest has its major, so each is numbered on from the highest
/// of its own major (`7.1` after `7.0`) and projected from it. Finding the highest line
/// version again for every such line was a pass over all of them: N·N (20,000 lines took
/// 6.7 s). See docs/performance.md.
#[divan::bench(args = [1_000, 10_000, 40_000], sample_count = 10, sample_size = 1)]
fn older_groups_many_lines(bencher: Bencher, n: usize) {
    let rules = "policy groups \"Groups\" {\n  line major.minor\n  cadence line every 1 months\n  service s \"S\"\n  phase a \"A\" {\n    from first_ship\n    until first_ship(newer 1 where same major)\n    provides s\n  }\n}\n";
    let mut catalog = String::from("product,version,date\n");
    let start = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    for i in 1..=n {
        let day = start + chrono::Duration::days(i64::try_from(i).unwrap());
        catalog.push_str(&format!("groups,{i}.0.0,{day}\n"));
    }
    let mut files = vec![RuleFile::load("groups.eol", rules.as_bytes())];
    assert!(!files[0].has_errors(), "{:?}", files[0].diagnostics.first());
    let mut catalogs = vec![CatalogFile::load(
        "groups.csv",
        CatalogFormat::Csv,
        catalog.as_bytes(),
    )];
    let pairing = pairing();
    bencher.counter(ItemsCount::new(n)).bench_local(|| {
        let products = evaluate_once(&mut files, &mut catalogs, &pairing);
        assert_eq!(products[0].lifecycle.lines.len(), n);
        products
    });
}
