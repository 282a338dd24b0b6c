//! Parsing and checking a generated corpus of 1,000 policies, beside pest's own
//! recognition of the same text (the parser's floor). See docs/performance.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

#[path = "gen.rs"]
mod gen;

fn main() {
    divan::main();
}

const POLICIES: usize = 1_000;

/// pest alone: recognise the text, build nothing.
#[divan::bench]
fn pest_recognise(bencher: Bencher) {
    let text = gen::rules(POLICIES);
    assert!(eol_syntax::recognise(&text));
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| eol_syntax::recognise(black_box(&text)));
}

/// pest plus the syntax tree (splitting into policies, spans, comments).
#[divan::bench]
fn parse(bencher: Bencher) {
    let text = gen::rules(POLICIES);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| eol_syntax::parse(black_box(&text)));
}

/// The whole front end: syntax tree and checker, as `eol check` runs it.
#[divan::bench]
fn parse_and_check(bencher: Bencher) {
    let text = gen::rules(POLICIES);
    let file = eol_engine::project::RuleFile::load("bench.eol", text.as_bytes());
    assert!(!file.has_errors(), "{:?}", file.diagnostics.first());
    assert_eq!(file.policies.len(), POLICIES);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| eol_engine::project::RuleFile::load("bench.eol", black_box(text.as_bytes())));
}

/// One policy with N milestones, each the one before plus a day: resolving a name
/// was a scan of the names declared, so checking was quadratic in milestones (60,000
/// took 16 s). See docs/performance.md.
#[divan::bench(args = [1_000, 10_000, 60_000])]
fn check_many_milestones(bencher: Bencher, n: usize) {
    let mut text = String::from(
        "policy m \"M\" {\n  line major\n  service s\n  phase a {\n    from first_ship\n    until m0\n    provides s\n  }\n  milestone m0 = first_ship\n",
    );
    for i in 1..n {
        text.push_str(&format!("  milestone m{i} = m{} + 1 day\n", i - 1));
    }
    text.push_str("}\n");
    let parsed = eol_syntax::parse(&text);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| eol_engine::check::check_file(black_box(&parsed.file)));
}

/// A policy of N lines' overrides and declarations, half each, as a vendor that announces
/// every date has: finding one for the same line and date again was a scan of those before
/// it, so checking was quadratic (20,000 took 2 s in `eol check`). See docs/performance.md.
#[divan::bench(args = [1_000, 10_000, 40_000])]
fn check_many_overrides(bencher: Bencher, n: usize) {
    let text = gen::pinned_policy(n);
    let parsed = eol_syntax::parse(&text);
    assert!(parsed.diagnostics.is_empty());
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| eol_engine::check::check_file(black_box(&parsed.file)));
}
