//! Rendering diagnostics for a human costs the diagnostics, not the size of their file
//! (issue 16): 1,000 warnings spread over a rule file of 10 KB, 100 KB and 1 MB, drawn
//! the way `eol check` draws them (`render::Source::human`: one line index per file,
//! miette's graphical handler given only the lines around each label).
//!
//! ```sh
//! cargo bench -p eol-cli --bench render
//! ```
//!
//! The three medians should be about the same; a renderer handed the whole file would
//! take a hundred times as long for 1 MB as for 10 KB.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use eol_syntax::{Diagnostic, LineIndex, Report, Span};
use miette::{GraphicalReportHandler, GraphicalTheme};

#[path = "../../eol-engine/benches/gen.rs"]
mod gen;

fn main() {
    divan::main();
}

const WARNINGS: usize = 1_000;

/// 10, 100 and 1,000 generated policies: 10 KB, 100 KB and 1 MB of rules.
const POLICIES: [usize; 3] = [10, 100, 1_000];

/// `WARNINGS` warnings on words spread evenly over `text`, each with a related label
/// a few lines away, as a checker's warnings are.
fn warnings(text: &str) -> Vec<Diagnostic> {
    let step = (text.len() / WARNINGS).max(1);
    (0..WARNINGS)
        .map(|i| {
            let mut at = (i * step).min(text.len().saturating_sub(1));
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let end = text[at..]
                .find(|c: char| c.is_whitespace())
                .map_or(text.len(), |n| at + n.max(1));
            let related = text[..at].rfind("policy").unwrap_or(0);
            // A real code: the docs test lists every `eol::` literal in crates/.
            Diagnostic::warning(
                eol_engine::catalog::code::SIMILAR_KEY,
                "a warning",
                Span::new(at, end),
                "here",
            )
            .with_related(Span::new(related, related + 6), "in this policy")
            .with_help("nothing to do: a benchmark")
        })
        .collect()
}

/// Every warning drawn, as the CLI's `render::Source::human` draws one (plain style).
#[divan::bench(args = POLICIES, sample_count = 10, sample_size = 1)]
fn render_1000_warnings(bencher: Bencher, policies: usize) {
    let text = gen::rules(policies);
    let diags = warnings(&text);
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::none()).with_width(100);
    bencher.counter(ItemsCount::new(WARNINGS)).bench_local(|| {
        let index = LineIndex::new(black_box(&text));
        let mut bytes = 0;
        for d in &diags {
            let report = Report::with_index(d.clone(), "bench.eol", &text, &index);
            let mut out = String::new();
            handler.render_report(&mut out, &report).unwrap();
            bytes += out.len();
        }
        bytes
    });
}
