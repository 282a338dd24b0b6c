//! Real runs of `eol` on the language's later constructs: a phase with two roles goes
//! straight to end of life in `eol status`; a declared date is marked in every output.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

/// Run `eol` from the workspace root; exit code, stdout and stderr as one text.
fn eol(args: &[&str]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run eol");
    format!(
        "$ eol {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const RULES: &str = "crates/eol-cli/tests/fixtures/language/both.eol";
const CATALOG: &str = "crates/eol-cli/tests/fixtures/language/releases.csv";

fn status(version: &str, at: &str, json: bool) -> String {
    let mut args = vec![
        "status", "both", version, "--rules", RULES, "--rules", CATALOG, "--at", at,
    ];
    if json {
        args.extend(["--format", "json"]);
    }
    eol(&args)
}

/// The day before the two-role phase ends, the next thing is end of life (no empty
/// helper phase to announce), and the day it ends the line is at end of life.
#[test]
fn two_roles_end_in_end_of_life() {
    let before = status("1.0", "2021-12-31", false);
    // (2.0 is still planned on 2021-12-31, so the end is an estimate)
    assert!(
        before.contains("next:        end of life on ~2022-01-01 (tomorrow)"),
        "{before}"
    );
    insta::assert_snapshot!(before);
    insta::assert_snapshot!(status("1.0", "2022-01-01", false));
}

/// A phase that is empty for a line (there only to carry a role for the lines where it is not)
/// is never announced as the next phase: on the last day of maintenance of a standard line the
/// next thing is end of life; an LTS line goes on into security support.
#[test]
fn empty_phases_are_not_next() {
    const HELPER: [&str; 4] = [
        "--rules",
        "crates/eol-cli/tests/fixtures/language/helper.eol",
        "--rules",
        "crates/eol-cli/tests/fixtures/language/helper.releases.csv",
    ];
    let standard = eol(&[&["status", "helper", "1.0", "--at", "2022-01-01"], &HELPER[..]].concat());
    assert!(
        standard.contains("next:        end of life on 2022-01-02 (tomorrow)"),
        "{standard}"
    );
    let lts = eol(&[&["status", "helper", "2.0", "--at", "2023-01-01"], &HELPER[..]].concat());
    assert!(
        lts.contains("next:        Security support on 2023-01-02 (tomorrow)"),
        "{lts}"
    );
}

/// A declared end: `!` in the table (with its legend) and in `status`, `declared` in JSON.
#[test]
fn declared_dates_are_marked() {
    insta::assert_snapshot!(eol(&["eval", RULES, CATALOG, "--at", "2024-01-01"]));
    insta::assert_snapshot!(eol(&[
        "eval",
        RULES,
        CATALOG,
        "--at",
        "2024-01-01",
        "--format",
        "json"
    ]));
    insta::assert_snapshot!(status("2.0", "2024-01-01", false));
    insta::assert_snapshot!(eol(&[
        "explain",
        "both",
        "2",
        "--rules",
        RULES,
        "--rules",
        CATALOG,
        "--at",
        "2024-01-01"
    ]));
}
