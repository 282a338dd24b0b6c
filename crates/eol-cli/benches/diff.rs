//! The diffs of `eol fmt --check` and `eol update --dry-run` take near-linear time where
//! every line changed (a whole file re-indented) or changes are scattered over a long
//! file, the two shapes where similar's Myers diff, which the CLI used before, is
//! quadratic (docs/performance.md, "Versions resolved by lookup").
//!
//! ```sh
//! cargo bench -p eol-cli --bench diff
//! ```
//!
//! `ours` should grow about fourfold from 10,000 to 40,000 lines; `similar` is there to
//! show the shape it replaced (sixteenfold per fourfold input), on the smaller sizes only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

#[path = "../src/diff.rs"]
mod diff;

fn main() {
    divan::main();
}

/// How the formatted text differs from the file.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// Every line indented two spaces too far.
    Reindented,
    /// Every other line misformatted (spaces around `=`).
    EveryOther,
}

/// A rule file's body of `n` override lines as written (`old`) and as formatted (`new`).
fn texts(n: usize, shape: Shape) -> (String, String) {
    let mut old = String::new();
    let mut new = String::new();
    for i in 0..n {
        let line = format!(
            "  override {}.{} eol = 2030-{:02}-{:02} \"announced\"\n",
            i / 100,
            i % 100,
            i % 12 + 1,
            i % 28 + 1
        );
        new.push_str(&line);
        match shape {
            Shape::Reindented => old.push_str(&format!("  {line}")),
            Shape::EveryOther if i % 2 == 0 => old.push_str(&line.replace(" = ", "=")),
            Shape::EveryOther => old.push_str(&line),
        }
    }
    (old, new)
}

fn ours(bencher: Bencher, lines: usize, shape: Shape) {
    let (old, new) = texts(lines, shape);
    bencher
        .counter(ItemsCount::new(lines))
        .bench_local(|| diff::unified_diff(black_box(&old), black_box(&new), 3).len());
}

fn similar(bencher: Bencher, lines: usize, shape: Shape) {
    let (old, new) = texts(lines, shape);
    bencher.counter(ItemsCount::new(lines)).bench_local(|| {
        similar::TextDiff::from_lines(black_box(old.as_str()), black_box(new.as_str()))
            .unified_diff()
            .context_radius(3)
            .to_string()
            .len()
    });
}

/// Every line indented two spaces too far.
mod reindented {
    use super::{Bencher, Shape};

    #[divan::bench(args = [2_500, 10_000, 40_000], sample_count = 10, sample_size = 1)]
    fn ours(bencher: Bencher, lines: usize) {
        super::ours(bencher, lines, Shape::Reindented);
    }

    #[divan::bench(args = [2_500, 10_000], sample_count = 3, sample_size = 1)]
    fn similar(bencher: Bencher, lines: usize) {
        super::similar(bencher, lines, Shape::Reindented);
    }
}

/// Every other line misformatted.
mod every_other {
    use super::{Bencher, Shape};

    #[divan::bench(args = [2_500, 10_000, 40_000], sample_count = 10, sample_size = 1)]
    fn ours(bencher: Bencher, lines: usize) {
        super::ours(bencher, lines, Shape::EveryOther);
    }

    #[divan::bench(args = [2_500, 10_000], sample_count = 3, sample_size = 1)]
    fn similar(bencher: Bencher, lines: usize) {
        super::similar(bencher, lines, Shape::EveryOther);
    }
}
