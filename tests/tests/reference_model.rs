//! The evaluator against the reference model (`eol_tests::reference`): random policies
//! and catalogs, evaluated by both, every phase start and end, milestone and first ship
//! compared, date and kind.
//!
//! 10,000 cases by default; `EOL_REFERENCE_CASES=1000000` for the long run (see
//! tests/README.md). A failure prints the rule file, the catalog and every
//! difference, shrunk by proptest to a small case.

use eol_tests::reference::{gen, run_case};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};

fn cases() -> u32 {
    std::env::var("EOL_REFERENCE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// `EOL_REFERENCE_SEED=N` draws other cases (the default seed is fixed, so CI is repeatable).
fn seed() -> u64 {
    std::env::var("EOL_REFERENCE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x0e01_2026)
}

#[test]
fn engine_agrees_with_the_reference_model() {
    let config = Config {
        cases: cases(),
        // the shrunk case is what a person reads: keep shrinking
        max_shrink_iters: 20_000,
        failure_persistence: None,
        // the same cases on every run, unless a seed is given
        rng_seed: RngSeed::Fixed(seed()),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = proptest::collection::vec(any::<u32>(), 0..600);
    let started = std::time::Instant::now();
    let result = runner.run(&strategy, |data| {
        let case = gen::generate(&data);
        run_case(&case).map_err(TestCaseError::fail)
    });
    eprintln!(
        "reference model: {} cases (seed {}) in {:.1?}",
        cases(),
        seed(),
        started.elapsed()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, _)) => {
            panic!("the engine and the model disagree (shrunk case):\n{reason}")
        }
        Err(e) => panic!("{e}"),
    }
}
