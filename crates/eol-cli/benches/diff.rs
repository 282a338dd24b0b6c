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

/// A file of `lines` override lines that differs from its formatted text in `shape`.
#[derive(Clone, Copy, Debug)]
struct Case {
    shape: Shape,
    lines: usize,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shape = match self.shape {
            Shape::Reindented => "re-indented",
            Shape::EveryOther => "every other line",
        };
        write!(f, "{shape}, {} lines", self.lines)
    }
}

/// The two shapes at each size.
const fn cases<const N: usize>(sizes: [usize; N]) -> [[Case; N]; 2] {
    let mut out = [
        [Case {
            shape: Shape::Reindented,
            lines: 0,
        }; N],
        [Case {
            shape: Shape::EveryOther,
            lines: 0,
        }; N],
    ];
    let mut i = 0;
    while i < N {
        out[0][i].lines = sizes[i];
        out[1][i].lines = sizes[i];
        i += 1;
    }
    out
}

/// A rule file's body of `case.lines` override lines as written (`old`) and as formatted (`new`).
fn texts(case: Case) -> (String, String) {
    let mut old = String::new();
    let mut new = String::new();
    for i in 0..case.lines {
        let line = format!(
            "  override {}.{} eol = 2030-{:02}-{:02} \"announced\"\n",
            i / 100,
            i % 100,
            i % 12 + 1,
            i % 28 + 1
        );
        new.push_str(&line);
        match case.shape {
            Shape::Reindented => old.push_str(&format!("  {line}")),
            Shape::EveryOther if i % 2 == 0 => old.push_str(&line.replace(" = ", "=")),
            Shape::EveryOther => old.push_str(&line),
        }
    }
    (old, new)
}

const OURS: [[Case; 3]; 2] = cases([2_500, 10_000, 40_000]);
const SIMILAR: [[Case; 2]; 2] = cases([2_500, 10_000]);

/// `diff::unified_diff`, as `eol fmt --check` calls it.
#[divan::bench(args = OURS.as_flattened(), sample_count = 10, sample_size = 1)]
fn ours(bencher: Bencher, case: Case) {
    let (old, new) = texts(case);
    bencher
        .counter(ItemsCount::new(case.lines))
        .bench_local(|| diff::unified_diff(black_box(&old), black_box(&new), 3).len());
}

/// similar's own unified diff, which the CLI used before: quadratic in these shapes.
#[divan::bench(args = SIMILAR.as_flattened(), sample_count = 3, sample_size = 1)]
fn similar(bencher: Bencher, case: Case) {
    let (old, new) = texts(case);
    bencher.counter(ItemsCount::new(case.lines)).bench_local(|| {
        similar::TextDiff::from_lines(black_box(old.as_str()), black_box(new.as_str()))
            .unified_diff()
            .context_radius(3)
            .to_string()
            .len()
    });
}
