//! `eol fmt`: rewrite rule files in the canonical layout, or with `--check` show
//! the diff that formatting would make.
//!
//! Exit codes: 0 all formatted (or rewritten), 1 a file would change (`--check`)
//! or does not parse, 2 a file could not be read or written.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::args::FmtArgs;
use crate::files::{self, FAILURE, OK, PROBLEMS};
use crate::render::{Source, Style};

const STDIN_NAME: &str = "<stdin>";

pub fn run(args: &FmtArgs) -> i32 {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() > 1 {
            errln!("error: `-` (standard input) cannot be combined with other paths");
            return FAILURE;
        }
        return run_stdin(args.check);
    }
    let paths = match files::rule_paths(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            errln!("error: {e}");
            return FAILURE;
        }
    };
    paths.iter().map(|p| run_file(p, args.check)).max().unwrap_or(OK)
}

fn run_stdin(check: bool) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        errln!("error: cannot read standard input: {e}");
        return FAILURE;
    }
    let (text, formatted) = match format_bytes(STDIN_NAME, &bytes) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    if check {
        if formatted == text {
            OK
        } else {
            print_diff(STDIN_NAME, &text, &formatted);
            PROBLEMS
        }
    } else {
        // A reader that stops early (`eol fmt - | head -1`) ends the run quietly.
        files::emit(&formatted);
        OK
    }
}

fn run_file(path: &Path, check: bool) -> i32 {
    let name = files::display(path);
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            errln!("error: cannot read {name}: {e}");
            return FAILURE;
        }
    };
    let (text, formatted) = match format_bytes(&name, &bytes) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    if formatted == text {
        return OK;
    }
    if check {
        print_diff(&name, &text, &formatted);
        return PROBLEMS;
    }
    match write_atomically(path, &formatted) {
        Ok(()) => {
            errln!("{name}");
            OK
        }
        Err(e) => {
            errln!("error: cannot write {name}: {e}");
            FAILURE
        }
    }
}

/// The text and its formatted form; on a file that does not parse, its
/// diagnostics are printed to standard error and the exit code is returned.
fn format_bytes(name: &str, bytes: &[u8]) -> Result<(String, String), i32> {
    let style = Style::detect_stderr();
    let Ok(text) = std::str::from_utf8(bytes) else {
        let (text, parsed) = eol_syntax::parse_bytes(bytes);
        Source::new(name, &text).human_all(&parsed.diagnostics, style, |d| errln!("{d}"));
        return Err(PROBLEMS);
    };
    match eol_syntax::format(text) {
        Ok(formatted) => Ok((text.to_owned(), formatted)),
        Err(diagnostics) => {
            Source::new(name, text).human_all(&diagnostics, style, |d| errln!("{d}"));
            Err(PROBLEMS)
        }
    }
}

fn print_diff(name: &str, old: &str, new: &str) {
    let diff = TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    let (a, b) = (format!("{name}\t(original)"), format!("{name}\t(formatted)"));
    out!("{}", unified.context_radius(3).header(&a, &b));
}

/// Replace the file's contents without ever leaving it half written: write a
/// temporary file beside it, flush it to disk, then rename it over the original.
/// A symbolic link is followed, so the link stays a link.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let file_name = target
        .file_name()
        .map_or_else(|| "rules".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{file_name}.eol-fmt-{}.tmp", std::process::id()));
    let written = (|| {
        let permissions = fs::metadata(&target)?.permissions();
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.set_permissions(permissions)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}
