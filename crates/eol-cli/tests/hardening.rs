//! Regression tests for the hardening issue (issue 11): bad input answered, no crash,
//! no blow-up, no file harmed. Each test is named after the item it pins, and runs
//! the real `eol` binary in a scratch directory.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::{Command, Stdio};

/// A rule file that checks cleanly: product `demo`, lines by major version.
const DEMO: &str = r#"policy demo "Demo" {
  line major
  service support "Support"
  phase main "Main" {
    from first_ship
    until first_ship + 2 years
    provides support
  }
}
"#;

/// What a run gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run `eol` in `dir` without colour.
fn eol(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .output()
        .expect("run eol");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("scratch directory")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

#[test]
fn diagnostic_past_column_65535_does_not_panic() {
    let dir = scratch();
    let d = dir.path();
    // The issue's case: a syntax error at column 70,021 of a rule file.
    write(
        d,
        "long.eol",
        &format!("policy demo \"Demo\" {{{}frob }}\n", " ".repeat(70_000)),
    );
    for args in [
        &["check", "long.eol"][..],
        &["fmt", "long.eol"],
        &["eval", "long.eol", "--at", "2021-01-01"],
        &["status", "demo", "1", "--rules", "long.eol", "--at", "2021-01-01"],
        &[
            "explain",
            "demo",
            "1",
            "--rules",
            "long.eol",
            "--at",
            "2021-01-01",
        ],
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.all());
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(text.contains("[long.eol:1:70021]"), "{args:?}: {}", run.all());
        assert!(
            text.contains("line 1 is 70026 characters long; only the part around the problem is shown"),
            "{args:?}: {}",
            run.all()
        );
        assert!(
            text.lines().all(|l| l.chars().count() < 400),
            "{args:?}: {}",
            run.all()
        );
    }
    // A valid one-line JSON catalog with a warning past column 65,535 (a key that
    // looks like `note`), and one with an error there (a date that is no date).
    write(d, "demo.eol", DEMO);
    let long = "x".repeat(70_000);
    write(
        d,
        "demo.releases.json",
        &format!(
            r#"[{{"product": "demo", "version": "1.0", "date": "2020-01-01", "remark": "{long}", "notes": "y"}}]"#
        ),
    );
    let run = eol(d, &["eval", "demo.eol", "--at", "2021-01-01"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("[demo.releases.json:1:70077]"),
        "{}",
        run.all()
    );
    write(
        d,
        "demo.releases.json",
        &format!(r#"[{{"product": "demo", "version": "1.0", "remark": "{long}", "date": "2020-13-01"}}]"#),
    );
    for args in [
        &["eval", "demo.eol", "--at", "2021-01-01"][..],
        &["status", "demo", "1", "--rules", "demo.eol", "--at", "2021-01-01"],
        &[
            "explain",
            "demo",
            "1",
            "--rules",
            "demo.eol",
            "--at",
            "2021-01-01",
        ],
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains("eol::catalog-bad-date"),
            "{args:?}: {}",
            run.all()
        );
        assert!(run.stderr.contains("characters long"), "{args:?}: {}", run.all());
    }
}

/// Item 3 and the limit on diagnostics printed: a catalog with thousands of duplicate
/// rows prints the first 200 diagnostics and sums up the rest in one
/// `eol::too-many-diagnostics`; JSON output lists them all.
#[test]
fn too_many_diagnostics_are_summed_up() {
    let dir = scratch();
    let d = dir.path();
    write(d, "demo.eol", DEMO);
    let mut csv = String::from("product,version,date\n");
    for _ in 0..5_000 {
        csv.push_str("demo,1.0,2020-01-01\n");
    }
    write(d, "demo.releases.csv", &csv);
    let run = eol(d, &["eval", "demo.eol", "--at", "2021-01-01"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(
        run.stderr.matches("eol::catalog-duplicate-release").count(),
        200,
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("eol::too-many-diagnostics"), "{}", run.all());
    assert!(
        run.stderr
            .contains("4799 more diagnostics of this file not shown (4799 errors, 0 warnings)"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("[demo.releases.csv:203:6]"), "{}", run.all());
    let run = eol(d, &["check", "demo.releases.csv", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(
        run.stdout.matches("\"eol::catalog-duplicate-release\"").count(),
        4_999
    );
    assert!(!run.stdout.contains("too-many-diagnostics"));
}

/// Item 6: a reader that goes away early is not an error. Standard error closed
/// before `eol` writes its diagnostics panicked (`failed printing to stderr`, exit
/// 101); `eol fmt - | head -1` reported an error.
#[test]
fn closing_stderr_or_stdout_early_is_not_a_crash() {
    use std::io::{Read, Write};
    let dir = scratch();
    let d = dir.path();
    write(d, "demo.eol", DEMO);
    // A warning to print: a key that looks like `note`.
    write(
        d,
        "demo.releases.csv",
        "product,version,date,notes\ndemo,1.0,2020-01-01,x\n",
    );
    for args in [
        &["eval", "demo.eol", "--at", "2021-01-01"][..],
        &["check", "nonexistent.eol"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args(args)
            .current_dir(d)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert!(matches!(status.code(), Some(0 | 2)), "{args:?}: {status:?}");
    }
    // `eol fmt -` on a large unformatted file, read one line only.
    let big: String = (0..2_000)
        .map(|i| format!("policy p{i} \"P\" {{ line major service s phase a {{ from first_ship until first_ship + 1 year provides s }} }}\n"))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(["fmt", "-"])
        .current_dir(d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(big.as_bytes()).unwrap();
    drop(stdin);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}
