//! `eol fmt`: rewrite rule files in the canonical layout, or with `--check` show
//! the diff that formatting would make.
//!
//! Exit codes: 0 all formatted (or rewritten), 1 a file would change (`--check`),
//! 3 a file does not parse, 2 a file could not be read or written.

use std::io::Read;
use std::path::Path;

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
    let bytes = match files::read(path) {
        Ok(files::Contents::Bytes(b)) => b,
        Ok(files::Contents::TooLarge(size)) => {
            let d = files::too_large(size);
            Source::new(&name, "").human_all(&[d], Style::detect_stderr(), |d| errln!("{d}"));
            return crate::exit::BROKEN;
        }
        Err(e) => {
            errln!("error: cannot read {e}");
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
    match files::replace(path, formatted.as_bytes(), files::Links::Follow, None) {
        Ok(()) => {
            errln!("{name}");
            OK
        }
        Err(e) => {
            errln!("error: {e}");
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
        return Err(crate::exit::BROKEN);
    };
    match eol_syntax::format(text) {
        Ok(formatted) => Ok((text.to_owned(), formatted)),
        Err(diagnostics) => {
            Source::new(name, text).human_all(&diagnostics, style, |d| errln!("{d}"));
            Err(crate::exit::BROKEN)
        }
    }
}

fn print_diff(name: &str, old: &str, new: &str) {
    out!(
        "--- {name}\t(original)\n+++ {name}\t(formatted)\n{}",
        crate::diff::unified_diff(old, new, 3)
    );
}
