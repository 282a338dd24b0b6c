//! `eol fmt` end to end: exit codes, what is written where, and what is not.

// Helpers outside `#[test]` functions are not covered by `allow-unwrap-in-tests`.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const MESSY: &str = "policy x  \"X\" {vendor \"V\"   # the vendor\n  line major . minor}\n";
const TIDY: &str = "policy x \"X\" {\n  vendor \"V\" # the vendor\n  line major.minor\n}\n";

/// A fresh directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("eol-fmt-test-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("rules")).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, text: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        fs::write(&p, text).unwrap();
        p
    }

    fn names(&self, rel: &str) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(self.0.join(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn eol(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A child that exits without reading its input closes the pipe; that is not a failure here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn rewrites_only_files_that_change_and_names_them() {
    let t = TempDir::new("rewrite");
    let messy = t.write("rules/messy.eol", MESSY.as_bytes());
    let tidy = t.write("rules/tidy.eol", TIDY.as_bytes());
    let before = fs::metadata(&tidy).unwrap().modified().unwrap();

    let out = eol(&t.0, &["fmt"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "rules/messy.eol\n");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(fs::read_to_string(&messy).unwrap(), TIDY);
    assert_eq!(fs::metadata(&tidy).unwrap().modified().unwrap(), before);
    assert_eq!(
        t.names("rules"),
        ["messy.eol", "tidy.eol"],
        "no temporary file left"
    );

    let again = eol(&t.0, &["fmt", "rules"], "");
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stderr), "");
}

#[test]
fn check_prints_a_diff_writes_nothing_and_exits_1() {
    let t = TempDir::new("check");
    let messy = t.write("rules/messy.eol", MESSY.as_bytes());
    t.write("rules/tidy.eol", TIDY.as_bytes());

    let out = eol(&t.0, &["fmt", "--check"], "");
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(
        diff.starts_with("--- rules/messy.eol\t(original)\n+++ rules/messy.eol\t(formatted)\n@@"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-policy x  \"X\" {vendor \"V\"   # the vendor\n"),
        "{diff}"
    );
    assert!(diff.contains("\n+  line major.minor\n"), "{diff}");
    assert!(!diff.contains("tidy.eol"), "{diff}");
    assert_eq!(fs::read_to_string(&messy).unwrap(), MESSY);

    let tidy_only = eol(&t.0, &["fmt", "--check", "rules/tidy.eol"], "");
    assert_eq!(tidy_only.status.code(), Some(0));
    assert_eq!(text(&tidy_only.stdout), "");
}

#[test]
fn dash_filters_standard_input() {
    let t = TempDir::new("stdin");
    let out = eol(&t.0, &["fmt", "-"], MESSY);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), TIDY);

    let tidy = eol(&t.0, &["fmt", "-"], TIDY);
    assert_eq!(text(&tidy.stdout), TIDY);

    let check = eol(&t.0, &["fmt", "--check", "-"], MESSY);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stdout).starts_with("--- <stdin>\t(original)\n"));
    assert_eq!(eol(&t.0, &["fmt", "--check", "-"], TIDY).status.code(), Some(0));

    let mixed = eol(&t.0, &["fmt", "-", "rules"], MESSY);
    assert_eq!(mixed.status.code(), Some(2));
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_left_alone() {
    let t = TempDir::new("broken");
    let broken = "policy x {\n  vendor\n}\n";
    let path = t.write("rules/broken.eol", broken.as_bytes());
    let messy = t.write("rules/messy.eol", MESSY.as_bytes());

    let out = eol(&t.0, &["fmt"], "");
    // exit 3: a rule file is broken (the other file is still formatted)
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.contains("eol::syntax"), "{err}");
    assert!(err.contains("broken.eol"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    assert_eq!(
        fs::read_to_string(&messy).unwrap(),
        TIDY,
        "other files are still formatted"
    );

    let stdin = eol(&t.0, &["fmt", "-"], broken);
    assert_eq!(stdin.status.code(), Some(3));
    assert_eq!(text(&stdin.stdout), "");

    t.write("rules/latin1.eol", b"policy x \"\xe9\" {}\n");
    let bad = eol(&t.0, &["fmt", "rules/latin1.eol"], "");
    assert_eq!(bad.status.code(), Some(3));
    assert!(text(&bad.stderr).contains("eol::invalid-utf8"));
}

#[test]
fn a_path_that_does_not_exist_exits_2() {
    let t = TempDir::new("missing");
    let out = eol(&t.0, &["fmt", "rules/missing.eol"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("rules/missing.eol"));
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_exits_2_and_the_others_are_still_formatted() {
    let t = TempDir::new("unreadable");
    // A dangling link is listed as a rule file but cannot be read.
    std::os::unix::fs::symlink(t.0.join("gone.eol"), t.0.join("rules/a-dangling.eol")).unwrap();
    let messy = t.write("rules/b-messy.eol", MESSY.as_bytes());
    let out = eol(&t.0, &["fmt"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot read rules/a-dangling.eol"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&messy).unwrap(), TIDY);
}

#[cfg(unix)]
#[test]
fn rewriting_keeps_permissions_and_symbolic_links() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let t = TempDir::new("links");
    let real = t.write("real.eol", MESSY.as_bytes());
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    symlink(&real, t.0.join("rules/link.eol")).unwrap();

    let out = eol(&t.0, &["fmt"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(fs::symlink_metadata(t.0.join("rules/link.eol"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), TIDY);
    assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
}
