//! `eol new`: real runs in a scratch directory. The scaffold is snapshotted, checked and
//! format-checked by the binary itself, and never written over an existing file.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::Command;

/// Run `eol` in `dir`; return exit code, stdout and stderr as one text.
fn eol(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("EOL_RULES")
        .output()
        .expect("run eol");
    let code = out.status.code().unwrap_or(-1);
    let text = format!(
        "$ eol {}\nexit: {code}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (code, text)
}

const ACME: [&str; 14] = [
    "new",
    "acme-db",
    "--name",
    "Acme DB",
    "--vendor",
    "Acme \"Data\" Corp",
    "--line",
    "major.minor",
    "--cadence",
    "12 months",
    "--phase",
    "active:Active support:until first_ship(newer 1)",
    "--phase",
    "security:Security fixes:through end_of_month(first_ship + 3 years)",
];

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn a_scaffold_from_answers_checks_and_is_formatted() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (code, run) = eol(dir, &ACME);
    assert_eq!(code, 0, "{run}");
    insta::assert_snapshot!(format!(
        "{run}--- rules/acme-db.eol\n{}--- rules/acme-db.releases.csv\n{}",
        read(dir, "rules/acme-db.eol"),
        read(dir, "rules/acme-db.releases.csv")
    ));
    // The empty catalog is the one thing left to do, and all `eol check` says.
    let (code, check) = eol(dir, &["check", "--no-bundled", "rules"]);
    assert_eq!(code, 0, "{check}");
    insta::assert_snapshot!(check);
    let (code, fmt) = eol(dir, &["fmt", "--check", "rules/acme-db.eol"]);
    assert_eq!(code, 0, "{fmt}");
}

#[test]
fn a_scaffold_from_an_endoflife_export() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/endoflife/ruby.csv");
    std::fs::copy(export, dir.join("ruby.csv")).unwrap();
    let (code, run) = eol(
        dir,
        &[
            "new",
            "ruby",
            "--name",
            "Ruby",
            "--from-endoflife",
            "ruby.csv",
            "--dir",
            "mine",
        ],
    );
    assert_eq!(code, 0, "{run}");
    insta::assert_snapshot!(format!("{run}--- mine/ruby.eol\n{}", read(dir, "mine/ruby.eol")));
    // The catalog is the import's.
    let (code, import) = eol(dir, &["import", "endoflife-csv", "ruby.csv"]);
    assert_eq!(code, 0, "{import}");
    assert!(import.contains(&read(dir, "mine/ruby.releases.csv")));
    let (code, check) = eol(dir, &["check", "--no-bundled", "--deny-warnings", "mine"]);
    assert_eq!(code, 0, "{check}");
    let (code, fmt) = eol(dir, &["fmt", "--check", "mine"]);
    assert_eq!(code, 0, "{fmt}");
}

/// The files are made as any new file is (0666 less the umask), not with the 0600 of a
/// temporary file: a rule file is for the team to read.
#[cfg(unix)]
#[test]
fn new_files_get_the_usual_mode() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (code, run) = eol(dir, &ACME);
    assert_eq!(code, 0, "{run}");
    // a file made the ordinary way, with this process's umask (the child's too)
    std::fs::write(dir.join("plain"), "x").unwrap();
    let mode = |name: &str| std::fs::metadata(dir.join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("rules/acme-db.eol"), mode("plain"), "{run}");
    assert_eq!(mode("rules/acme-db.releases.csv"), mode("plain"), "{run}");
}

#[test]
fn never_writes_over_a_file() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    assert_eq!(eol(dir, &ACME).0, 0);
    std::fs::write(
        dir.join("rules/acme-db.releases.csv"),
        "product,version\nacme-db,1.0\n",
    )
    .unwrap();
    let rules = read(dir, "rules/acme-db.eol");
    let (code, again) = eol(dir, &ACME);
    assert_eq!(code, 2, "{again}");
    insta::assert_snapshot!(again);
    assert_eq!(read(dir, "rules/acme-db.eol"), rules);
    assert_eq!(
        read(dir, "rules/acme-db.releases.csv"),
        "product,version\nacme-db,1.0\n"
    );

    // A catalog in another format beside it would be read too: it is in the way as well.
    std::fs::write(dir.join("rules/other.releases.toml"), "").unwrap();
    let (code, out) = eol(dir, &["new", "other"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("rules/other.releases.toml exists"), "{out}");
    assert!(!dir.join("rules/other.eol").exists());
    assert!(!dir.join("rules/other.releases.csv").exists());
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symbolic_link() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::create_dir(dir.join("rules")).unwrap();
    // A dangling link: following it would create a file elsewhere.
    std::os::unix::fs::symlink(dir.join("elsewhere.eol"), dir.join("rules/linked.eol")).unwrap();
    let (code, out) = eol(dir, &["new", "linked"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("rules/linked.eol exists"), "{out}");
    assert!(!dir.join("elsewhere.eol").exists());
    assert!(!dir.join("rules/linked.releases.csv").exists());
}

#[test]
fn wrong_answers_write_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    // A misspelt name in a phase's end: the checker's diagnostic, in the file not written.
    let (code, out) = eol(
        dir,
        &["new", "acme", "--phase", "active:Active:until first_shp + 1 year"],
    );
    assert_eq!(code, 2, "{out}");
    insta::assert_snapshot!(out);
    // A phase without an end, a product id that is no id: refused before anything is made.
    let (code, out) = eol(dir, &["new", "acme", "--phase", "active:Active"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("needs an end"), "{out}");
    let (code, out) = eol(dir, &["new", "acme db"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not a product id"), "{out}");
    assert!(!dir.join("rules").exists());
}
