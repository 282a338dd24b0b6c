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
        assert_eq!(run.code, broken_code(args), "{args:?}: {}", run.all());
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
        assert_eq!(run.code, 3, "{args:?}: {}", run.all());
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
    assert_eq!(run.code, 3, "{}", run.all());
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

/// Run `eol` in `dir`, killed after 60 seconds (a run that blocks fails the test
/// instead of hanging it).
fn eol_with_timeout(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes while waiting, or a full pipe would block the child.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("eol {args:?} did not finish in 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Item 7: a FIFO named `*.eol` in a rules directory hung check, eval and fmt;
/// `eol check /dev/zero` read until memory ran out. Only regular files are read.
#[test]
fn fifo_or_device_is_refused_not_read() {
    let dir = scratch();
    let d = dir.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    write(d, "rules/demo.eol", DEMO);
    write(
        d,
        "rules/demo.releases.csv",
        "product,version,date\ndemo,1.0,2020-01-01\n",
    );
    let made = Command::new("mkfifo")
        .arg(d.join("rules/pipe.eol"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        for args in [
            &["check"][..],
            &["eval", "--at", "2021-01-01"],
            &["fmt", "--check"],
        ] {
            let run = eol_with_timeout(d, args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.all());
            assert!(
                run.stderr.contains(
                    "warning: rules/pipe.eol: not a regular file (a FIFO, socket or device is not read); skipped"
                ),
                "{args:?}: {}",
                run.all()
            );
        }
        let run = eol_with_timeout(d, &["check", "rules/pipe.eol"]);
        assert_eq!(run.code, 2, "{}", run.all());
        assert!(
            run.stderr.contains("rules/pipe.eol: not a regular file"),
            "{}",
            run.all()
        );
    }
    if Path::new("/dev/zero").exists() {
        for args in [
            &["check", "/dev/zero"][..],
            &["fmt", "/dev/zero"],
            &["eval", "/dev/zero"],
        ] {
            let run = eol_with_timeout(d, args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        }
        let run = eol_with_timeout(d, &["check", "/dev/zero"]);
        assert_eq!(
            run.stderr,
            "error: /dev/zero: not a regular file (a FIFO, socket or device is not read)\n"
        );
    }
}

/// The file-size limit: a rule file or catalog larger than 128 MiB is not read; it
/// gets one `eol::file-too-large` (exit 1, like any error in a file).
#[test]
fn file_larger_than_the_limit_is_not_read() {
    let dir = scratch();
    let d = dir.path();
    write(d, "demo.eol", DEMO);
    // Sparse files: their size is all that is looked at.
    for name in ["huge.eol", "demo.releases.csv"] {
        let f = std::fs::File::create(d.join(name)).unwrap();
        f.set_len((128 << 20) + 1).unwrap();
    }
    for args in [
        &["check", "huge.eol"][..],
        &["fmt", "huge.eol"],
        &["eval", "demo.eol", "--at", "2021-01-01"],
        &["check", "demo.releases.csv"],
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, broken_code(args), "{args:?}: {}", run.all());
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(text.contains("eol::file-too-large"), "{args:?}: {}", run.all());
        assert!(
            text.contains("file is 129 MiB, more than the 128 MiB `eol` reads"),
            "{args:?}: {}",
            run.all()
        );
    }
}

/// Messages: permission denied and a name too long were reported as "no such file".
#[test]
fn unreadable_path_says_why() {
    let dir = scratch();
    let d = dir.path();
    let run = eol(d, &["check", "missing.eol"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: missing.eol: no such file or directory\n")
    );
    let long = format!("{}.eol", "a".repeat(300));
    let run = eol(d, &["check", &long]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.ends_with(": file name too long\n"), "{}", run.all());
    std::fs::create_dir(d.join("locked")).unwrap();
    write(d, "locked/demo.eol", DEMO);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: then there is nothing to see.
    if std::fs::read_dir(d.join("locked")).is_err() {
        let run = eol(d, &["check", "locked/demo.eol"]);
        assert_eq!(
            (run.code, run.stderr.as_str()),
            (2, "error: locked/demo.eol: permission denied\n")
        );
        let run = eol(d, &["eval", "locked"]);
        assert_eq!(run.code, 2, "{}", run.all());
        assert!(run.stderr.contains("permission denied"), "{}", run.all());
    }
    std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Messages: `eol eval emptydir` printed nothing and exited 0.
#[test]
fn directory_without_rule_files_is_an_error() {
    let dir = scratch();
    let d = dir.path();
    std::fs::create_dir(d.join("emptydir")).unwrap();
    for args in [
        &["eval", "emptydir"][..],
        &["check", "emptydir"],
        &["fmt", "emptydir"],
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert_eq!(
            run.stderr, "error: emptydir: no rule file (`*.eol`) in this directory\n",
            "{args:?}"
        );
    }
}

/// Messages: the same path given twice was read twice (a duplicate-definition, and
/// a duplicate-release error for every row of its catalog).
#[test]
fn same_path_given_twice_is_read_once() {
    let dir = scratch();
    let d = dir.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    write(d, "rules/demo.eol", DEMO);
    write(
        d,
        "rules/demo.releases.csv",
        "product,version,date\ndemo,1.0,2020-01-01\ndemo,2.0,2021-01-01\n",
    );
    for args in [
        &["eval", "rules/demo.eol", "rules/demo.eol", "--at", "2021-06-01"][..],
        &[
            "eval",
            "rules",
            "./rules/demo.eol",
            "rules/../rules",
            "--at",
            "2021-06-01",
        ],
        &[
            "eval",
            "rules/demo.eol",
            "rules/demo.releases.csv",
            "rules/demo.releases.csv",
            "--at",
            "2021-06-01",
        ],
        &["check", "rules/demo.eol", "rules/demo.eol"],
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
        assert!(!run.stderr.contains("eol::"), "{args:?}: {}", run.all());
    }
    let run = eol(d, &["check", "rules/demo.eol", "rules/demo.eol"]);
    // the rule file once, and the catalog beside it
    assert_eq!(run.stderr, "checked 2 files: 0 errors, 0 warnings\n");
}

/// Messages: a symbolic link loop in rules/ was followed 40 levels deep.
#[test]
fn symlink_loop_is_not_followed() {
    let dir = scratch();
    let d = dir.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    write(d, "rules/demo.eol", DEMO);
    std::os::unix::fs::symlink(".", d.join("rules/again")).unwrap();
    let run = eol(d, &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.stderr,
        "warning: rules/again: a directory already read (a symbolic link back into the tree); not read again\n\
         checked 1 file: 0 errors, 1 warning\n"
    );
}

/// An unformatted rule file and its canonical form.
const MESSY: &str = "policy x  \"X\" {vendor \"V\"\n  line major . minor}\n";
const TIDY: &str = "policy x \"X\" {\n  vendor \"V\"\n  line major.minor\n}\n";

/// Item 15: `fmt` run as root changed a file's owner; it rewrote read-only files;
/// it broke hard links. It keeps mode and owner, and refuses read-only files and
/// files with more than one hard link (exit 2, the file untouched).
#[test]
fn fmt_keeps_owner_and_mode_and_refuses_read_only_files_and_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = scratch();
    let d = dir.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    let file = d.join("rules/x.eol");
    write(d, "rules/x.eol", MESSY);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root, give the file to someone else: formatting must not take it over.
    let root = std::os::unix::fs::chown(&file, Some(4242), Some(4243)).is_ok();
    let run = eol(d, &["fmt"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TIDY);
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4242, 4243));
    }
    // Read-only: refused, even for root.
    write(d, "rules/x.eol", MESSY);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = eol(d, &["fmt"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(run.stderr, "error: rules/x.eol: read-only; not rewritten\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MESSY);
    // Hard links: replacing one name would leave the other with the old text.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::hard_link(&file, d.join("other-name.eol")).unwrap();
    let run = eol(d, &["fmt", "rules/x.eol"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(
        run.stderr,
        "error: rules/x.eol has 2 hard links; not rewritten, since replacing it would leave the other names with the old text\n"
    );
    assert_eq!(std::fs::read_to_string(d.join("other-name.eol")).unwrap(), MESSY);
    // `--check` still reads them.
    let run = eol(d, &["fmt", "--check", "rules/x.eol"]);
    assert_eq!(run.code, 1, "{}", run.all());
}

/// An endoflife.date export that imports cleanly.
const EXPORT: &str = "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n\
                      7,2019-04-30,7.0.50,2024-01-15,false,2020-12-31,2023-12-31,\n";

/// Item 16: `import -o` destroyed whatever was at the path: its own input, a FIFO, a
/// device, a symbolic link; a 0600 file became 0644. It refuses the input itself,
/// anything but a regular file and symbolic links, and keeps the mode.
#[test]
fn import_refuses_to_destroy_its_input_or_anything_but_a_regular_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let d = dir.path();
    write(d, "go.csv", EXPORT);
    let run = eol(d, &["import", "endoflife-csv", "go.csv", "-o", "go.csv"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(
        run.stderr,
        "error: go.csv is the file being read; write the output to another file\n"
    );
    assert_eq!(std::fs::read_to_string(d.join("go.csv")).unwrap(), EXPORT);
    let run = eol(d, &["import", "endoflife-csv", "go.csv", "-o", "./sub/../go.csv"]);
    assert_eq!(run.code, 2, "{}", run.all());
    std::fs::create_dir(d.join("sub")).unwrap();
    let run = eol(d, &["import", "endoflife-csv", "go.csv", "-o", "./sub/../go.csv"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(std::fs::read_to_string(d.join("go.csv")).unwrap(), EXPORT);
    // A symbolic link, to a file that must stay as it is.
    write(d, "victim", "keep me\n");
    std::os::unix::fs::symlink("victim", d.join("link.csv")).unwrap();
    let run = eol(d, &["import", "endoflife-csv", "go.csv", "-o", "link.csv"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("link.csv is a symbolic link; not written through it"),
        "{}",
        run.all()
    );
    assert_eq!(std::fs::read_to_string(d.join("victim")).unwrap(), "keep me\n");
    assert!(std::fs::symlink_metadata(d.join("link.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    // A FIFO and a directory: not regular files.
    if Command::new("mkfifo")
        .arg(d.join("pipe.csv"))
        .status()
        .is_ok_and(|s| s.success())
    {
        let run = eol_with_timeout(d, &["import", "endoflife-csv", "go.csv", "-o", "pipe.csv"]);
        assert_eq!(run.code, 2, "{}", run.all());
        assert!(
            run.stderr.contains("pipe.csv: not a regular file"),
            "{}",
            run.all()
        );
    }
    let run = eol(d, &["import", "endoflife-csv", "go.csv", "-o", "sub"]);
    assert_eq!(run.code, 2, "{}", run.all());
    // A 0600 file stays 0600.
    write(d, "go.releases.csv", "old\n");
    std::fs::set_permissions(d.join("go.releases.csv"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = eol(d, &["import", "endoflife-csv", "go.csv", "-o", "go.releases.csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let meta = std::fs::metadata(d.join("go.releases.csv")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(d.join("go.releases.csv"))
        .unwrap()
        .starts_with("product,version"));
}

/// Item 18: `import` accepted malformed exports silently.
#[test]
fn import_rejects_malformed_exports() {
    let dir = scratch();
    let d = dir.path();
    let header = "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n";
    for (export, message) in [
        (
            "7,\"2019-04-30,7.0.50,2024-01-15,false,2020-12-31,2023-12-31,\n",
            "a quote is never closed",
        ),
        (
            "\"7.0\"x,2019-04-30,7.0.50,2024-01-15,false,2020-12-31,2023-12-31,\n",
            "text after the closing quote of a value",
        ),
        (
            "7,2019-04-30,7.0.50,2024-01-15,false,2020-12-31\n",
            "this row has 6 fields, the header has 8",
        ),
        (
            "7,2019-04-30,7.0.50,2024-01-15,false,2020-12-31,2023-12-31,,x\n",
            "this row has 9 fields, the header has 8",
        ),
        (
            "7,2019-04-30,7.0.50,2024-01-15,false,2020-12-31,2023-12-31,\n7,2019-05-01,,,false,,,\n",
            "cycle `7` is listed twice",
        ),
        (
            "7,2019-04-30,7.0.50,2024-01-15,maybe,2020-12-31,2023-12-31,\n",
            "`maybe` in column `lts` is not a valid `lts` value",
        ),
        (
            "7,2019-4-30,7.0.50,2024-01-15,false,2020-12-31,2023-12-31,\n",
            "`2019-4-30` in column `release_date` is not a valid date",
        ),
    ] {
        write(d, "x.csv", &format!("{header}{export}"));
        let run = eol(d, &["import", "endoflife-csv", "x.csv"]);
        assert_eq!(run.code, 3, "{export}: {}", run.all());
        assert!(
            run.stderr.contains("eol::endoflife-csv"),
            "{export}: {}",
            run.all()
        );
        assert!(run.stderr.contains(message), "{export}: {}", run.all());
        assert_eq!(run.stdout, "", "{export}");
    }
    write(d, "x.csv", EXPORT);
    for (args, message) in [
        (
            &["import", "endoflife-csv", "x.csv", "--product", ""][..],
            "error: `` is not a product id",
        ),
        (
            &["import", "endoflife-csv", "x.csv", "--product=-x"],
            "error: `-x` is not a product id",
        ),
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(run.stderr.starts_with(message), "{args:?}: {}", run.all());
    }
    write(d, "1password.csv", EXPORT);
    let run = eol(d, &["import", "endoflife-csv", "1password.csv"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("give one with --product"), "{}", run.all());
    let run = eol(d, &["import", "endoflife-csv", "x.csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.stdout,
        "product,version,date,kind,line,lts,lts_from\nx,7,2019-04-30,first,7,false,\nx,7.0.50,2024-01-15,latest,7,false,\n"
    );
}

/// Messages: `import` on input that is not UTF-8 did not use `eol::invalid-utf8`.
#[test]
fn import_reports_invalid_utf8() {
    let dir = scratch();
    let d = dir.path();
    std::fs::write(
        d.join("x.csv"),
        b"cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n7,2019-04-30,7.0.5\xe9,,false,,,\n",
    )
    .unwrap();
    let run = eol(d, &["import", "endoflife-csv", "x.csv"]);
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(run.stderr.contains("eol::invalid-utf8"), "{}", run.all());
    assert!(run.stderr.contains("[x.csv:2:19]"), "{}", run.all());
}

/// Item 19: `eol conform` exited 0 when a published CSV was garbage or had bad
/// dates; `--min-rule-rate NaN` and `200` were accepted.
#[test]
fn conform_fails_on_bad_published_files_and_rejects_bad_rates() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        "demo.eol",
        &DEMO.replace("phase main \"Main\" {", "phase main \"Main\" role security {"),
    );
    write(
        d,
        "demo.releases.csv",
        "product,version,date\ndemo,1.0,2020-01-01\n",
    );
    std::fs::create_dir(d.join("published")).unwrap();
    let good = "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n1,2020-01-01,1.0,2020-01-01,false,,2022-01-01,\n";
    write(d, "published/demo.csv", good);
    let args = [
        "conform",
        "demo.eol",
        "--published",
        "published",
        "--at",
        "2021-01-01",
    ];
    let run = eol(d, &args);
    assert_eq!(run.code, 0, "{}", run.all());
    for published in [
        "this is not a CSV export at all\n",
        "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n1,2020-01-01,1.0,2020-01-01,false,,2022-13-01,\n",
    ] {
        write(d, "published/demo.csv", published);
        let run = eol(d, &args);
        assert_eq!(run.code, 1, "{published}: {}", run.all());
        assert!(run.stderr.contains("eol::endoflife-csv"), "{}", run.all());
        assert!(
            run.stderr.contains("error: 1 error in the published files; their comparisons count only the rows read"),
            "{}",
            run.all()
        );
    }
    write(d, "published/demo.csv", good);
    for rate in ["NaN", "200", "-1", "inf", "x"] {
        let mut a = args.to_vec();
        let flag = format!("--min-rule-rate={rate}");
        a.push(&flag);
        let run = eol(d, &a);
        assert_eq!(run.code, 2, "{rate}: {}", run.all());
        assert!(run.stderr.contains("--min-rule-rate"), "{rate}: {}", run.all());
    }
    let mut a = args.to_vec();
    a.extend(["--min-rule-rate", "100"]);
    assert_eq!(eol(d, &a).code, 0);
}

/// The rules of item 2: each line's dates read the previous line's twice.
const BLOW: &str = r#"policy blow "Blow" {
  line major
  service s "S"
  phase a "A" {
    from first_ship
    until max(first_ship + 1 year, end(b, older 1))
    provides s
  }
  phase b "B" {
    from end(a)
    until max(end(a) + 6 months, end(b, older 1) + 1 day)
    provides s
  }
}
"#;

fn blow_catalog(lines: usize) -> String {
    let mut csv = String::from("product,version,date\n");
    for i in 1..=lines {
        csv.push_str(&format!(
            "blow,{i}.0.0,{:04}-{:02}-01\n",
            2000 + (i - 1) / 12,
            (i - 1) % 12 + 1
        ));
    }
    csv
}

/// Item 2: `status` and `explain` grew exponentially with cross-line references
/// (20 lines: past 4 GB) while `eval` was instant, because every date copied the
/// derivations it read. They are shared now; `explain` prints a derivation too large
/// to print whole with repeated steps marked `(shown above)`, cut at 100 levels, and
/// one `eol::trace-too-large`.
#[test]
fn status_and_explain_share_derivations_instead_of_copying_them() {
    let dir = scratch();
    let d = dir.path();
    write(d, "blow.eol", BLOW);
    for lines in [20, 2_000] {
        write(d, "blow.releases.csv", &blow_catalog(lines));
        let n = lines.to_string();
        let run = eol_with_timeout(
            d,
            &["status", "blow", &n, "--rules", "blow.eol", "--at", "2020-01-01"],
        );
        assert_eq!(run.code, 0, "{lines}: {}", run.all());
        assert!(
            run.stdout.starts_with(&format!("Blow {lines} at 2020-01-01\n")),
            "{}",
            run.all()
        );
        let run = eol_with_timeout(
            d,
            &["explain", "blow", &n, "--rules", "blow.eol", "--at", "2020-01-01"],
        );
        assert_eq!(run.code, 0, "{lines}: {}", run.all());
        assert!(
            run.stdout.lines().count() < 2_000,
            "{lines}: {} lines",
            run.stdout.lines().count()
        );
        assert!(run.stdout.contains("(shown above)"), "{lines}");
        assert!(run.stderr.contains("eol::trace-too-large"), "{}", run.all());
        assert!(
            run.stderr.contains(&format!(
                "the derivation of a.end (A) of line {lines} is too large to print whole: more than 1000 steps"
            )),
            "{}",
            run.all()
        );
    }
    // Twenty milestones, each the latest of the one before and the day after it.
    let mut rules = String::from("policy chain \"Chain\" {\n  line major\n  service s\n  phase a {\n    from first_ship\n    until m20\n    provides s\n  }\n  milestone m0 = first_ship\n");
    for i in 1..=20 {
        rules.push_str(&format!(
            "  milestone m{i} = max(m{}, m{} + 1 day)\n",
            i - 1,
            i - 1
        ));
    }
    rules.push_str("}\n");
    write(d, "chain.eol", &rules);
    write(
        d,
        "chain.releases.csv",
        "product,version,date\nchain,1.0,2020-01-01\n",
    );
    let run = eol_with_timeout(
        d,
        &[
            "explain",
            "chain",
            "1",
            "--rules",
            "chain.eol",
            "--at",
            "2021-01-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("m20 (m20) = 2020-01-21 (exact)"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.lines().count() < 5_000,
        "{} lines",
        run.stdout.lines().count()
    );
    assert!(run.stderr.contains("eol::trace-too-large"), "{}", run.all());
}

/// Item 5: `eval --format json` built the whole document in memory (a million lines:
/// 5.2 GB). It is written as it is serialized, byte for byte what the engine's
/// document serializes to, and stops quietly when its reader goes away.
#[test]
fn eval_json_is_streamed_byte_for_byte() {
    use std::io::Read;
    let dir = scratch();
    let d = dir.path();
    write(d, "demo.eol", DEMO);
    let mut csv = String::from("product,version,date\n");
    for i in 1..=5_000 {
        csv.push_str(&format!(
            "demo,{i}.0,{:04}-{:02}-01\n",
            1990 + i / 12 % 30,
            i % 12 + 1
        ));
    }
    write(d, "demo.releases.csv", &csv);
    let run = eol(d, &["eval", "demo.eol", "--format", "json", "--at", "2021-01-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The same document, built whole by the engine.
    let mut rules = vec![eol_engine::project::RuleFile::load("demo.eol", DEMO.as_bytes())];
    let mut catalogs = vec![eol_engine::kb::CatalogFile::load(
        "demo.releases.csv",
        eol_engine::catalog::CatalogFormat::Csv,
        csv.as_bytes(),
    )];
    let at = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let products = eol_engine::kb::evaluate_all(
        &mut rules,
        &mut catalogs,
        &vec![vec![0]],
        at,
        eol_engine::eval::Options::default(),
        None,
    );
    let doc = eol_engine::report::Document::new(
        at,
        products
            .iter()
            .filter_map(|p| {
                p.policy(&rules)
                    .map(|pol| eol_engine::report::product_json(pol, &p.lifecycle.lines, None))
            })
            .collect(),
    );
    let data = eol_engine::library::DataSource {
        bundled: None,
        paths: vec!["demo.eol".to_owned(), "demo.releases.csv".to_owned()],
    };
    let whole = format!(
        "{}\n",
        serde_json::to_string_pretty(&doc.with_data(&data)).unwrap()
    );
    assert_eq!(run.stdout.len(), whole.len());
    assert!(run.stdout == whole);
    // A reader that takes the first bytes and goes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(["eval", "demo.eol", "--format", "json", "--at", "2021-01-01"])
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

/// Item 11 and the messages: a date pushed out of range (`- 10000 years`, twice)
/// became `pending` silently, and years outside 0000-9999 broke the documented
/// `YYYY-MM-DD` of the JSON output. Such a date is pending and reported.
#[test]
fn date_out_of_range_is_reported_not_silently_pending() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        "demo.eol",
        &DEMO.replace("until first_ship + 2 years", "until first_ship + 10000 years"),
    );
    write(
        d,
        "demo.releases.csv",
        "product,version,date\ndemo,1,2020-01-01\n",
    );
    let run = eol(d, &["eval", "demo.eol", "--format", "json", "--at", "2021-01-01"]);
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(run.stderr.contains("eol::date-out-of-range"), "{}", run.all());
    assert!(
        run.stdout.contains("\"end\": {\n                \"date\": null,\n                \"kind\": \"pending\"\n              }"),
        "{}",
        run.all()
    );
    assert!(!run.stdout.contains("12020"), "{}", run.all());
    write(
        d,
        "demo.eol",
        &DEMO.replace(
            "until first_ship + 2 years",
            "until first_ship - 10000 years - 10000 years",
        ),
    );
    let run = eol(d, &["eval", "demo.eol", "--at", "2021-01-01"]);
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(
        run.stderr
            .contains("a date computed here falls outside the years 0000 to 9999"),
        "{}",
        run.all()
    );
}

/// Messages: `--at 2023-02-30` said "input is out of range", `--at 99999-01-01`
/// "invalid characters", and `2023-1-1` was accepted though catalogs reject it.
#[test]
fn at_takes_exactly_yyyy_mm_dd_and_says_what_is_wrong() {
    let dir = scratch();
    let d = dir.path();
    write(d, "demo.eol", DEMO);
    write(
        d,
        "demo.releases.csv",
        "product,version,date\ndemo,1,2020-01-01\n",
    );
    for (at, message) in [
        (
            "2023-02-30",
            "`2023-02-30` is not a day of the calendar: 2023-02 has 28 days",
        ),
        (
            "2023-13-01",
            "`2023-13-01` is not a day of the calendar: there is no month 13",
        ),
        ("99999-01-01", "`99999-01-01` is not a date: write YYYY-MM-DD"),
        ("2023-1-1", "`2023-1-1` is not a date: write YYYY-MM-DD"),
    ] {
        for command in [
            &["eval", "demo.eol", "--at", at][..],
            &["status", "demo", "1", "--rules", "demo.eol", "--at", at],
            &["conform", "demo.eol", "--at", at],
        ] {
            let run = eol(d, command);
            assert_eq!(run.code, 2, "{command:?}: {}", run.all());
            assert!(run.stderr.contains(message), "{command:?}: {}", run.all());
        }
    }
    assert_eq!(eol(d, &["eval", "demo.eol", "--at", "2024-02-29"]).code, 0);
}

/// Item 12: a rule file with CR-only line ends read as one comment: `check` said
/// only `empty-file`, `eval` printed nothing, both exited 0.
#[test]
fn cr_only_line_ends_are_an_error_not_an_empty_file() {
    let dir = scratch();
    let d = dir.path();
    write(d, "demo.eol", &format!("# Demo\n{}", DEMO).replace('\n', "\r"));
    write(
        d,
        "demo.releases.csv",
        "product,version,date\ndemo,1,2020-01-01\n",
    );
    for args in [
        &["check", "demo.eol"][..],
        &["eval", "demo.eol", "--at", "2021-01-01"],
        &["fmt", "demo.eol"],
    ] {
        let run = eol(d, args);
        assert_eq!(run.code, broken_code(args), "{args:?}: {}", run.all());
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(
            text.contains("eol::lone-carriage-return"),
            "{args:?}: {}",
            run.all()
        );
        assert!(
            text.contains("10 carriage returns without a line feed"),
            "{args:?}: {}",
            run.all()
        );
        assert!(!text.contains("eol::empty-file"), "{args:?}: {}", run.all());
    }
    // CRLF line ends are line ends.
    write(d, "demo.eol", &DEMO.replace('\n', "\r\n"));
    assert_eq!(eol(d, &["check", "demo.eol"]).code, 0);
}

/// Item 17: escape sequences from input files (a label, a line name, a version)
/// reached the terminal raw, in tables and diagnostics. They are shown as code
/// points; JSON keeps the text as it is (escaped the JSON way).
#[test]
fn escape_sequences_from_files_are_shown_escaped() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        "demo.eol",
        &DEMO
            .replace("\"Support\"", "\"Sup\x1b[31mport\"")
            .replace("phase main \"Main\"", "phase main \"M\x1b]0;pwned\x07ain\""),
    );
    write(
        d,
        "demo.releases.csv",
        "product,version,date,line,note\ndemo,1.0,2020-01-01,\"one\x1b[2J\",\"\x1b[31m\"\ndemo,1.0,2020-02-01,\"one\x1b[2J\",x\n",
    );
    for args in [
        &["eval", "demo.eol", "--at", "2021-01-01"][..],
        &["eval", "demo.eol", "--at", "2021-01-01", "--format", "markdown"],
        &[
            "status",
            "demo",
            "1.0",
            "--rules",
            "demo.eol",
            "--rules",
            "demo.releases.csv",
            "--at",
            "2021-01-01",
        ],
        &[
            "explain",
            "demo",
            "one\x1b[2J",
            "--rules",
            "demo.eol",
            "--rules",
            "demo.releases.csv",
            "--at",
            "2021-01-01",
        ],
        &["check", "demo.releases.csv"],
    ] {
        let run = eol(d, args);
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !text.contains('\x1b') && !text.contains('\x07'),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("\\u{1b}"), "{args:?}: {}", run.all());
    }
    let run = eol(d, &["eval", "demo.eol", "--at", "2021-01-01"]);
    assert!(
        run.stdout.contains("M\\u{1b}]0;pwned\\u{7}ain ends"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("one\\u{1b}[2J"), "{}", run.all());
    // the duplicate row, in the source line a diagnostic shows
    assert!(run.stderr.contains("\"one\\u{1b}[2J\""), "{}", run.all());
    let run = eol(d, &["eval", "demo.eol", "--at", "2021-01-01", "--format", "json"]);
    assert!(
        run.stdout.contains("\"line\": \"one\\u001b[2J\""),
        "{}",
        run.all()
    );
}

/// The exit code of a broken input: `check` finds problems (1); every other command
/// cannot give its answer (3).
fn broken_code(args: &[&str]) -> i32 {
    if args.first() == Some(&"check") {
        1
    } else {
        3
    }
}
