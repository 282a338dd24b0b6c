//! Finding and reading rule files.

use std::path::{Path, PathBuf};

/// Exit codes: 0 fine, 1 problems found, 2 usage or I/O error.
pub const OK: i32 = 0;
pub const PROBLEMS: i32 = 1;
pub const FAILURE: i32 = 2;

/// Expand directories to the `*.eol` files inside them (sorted, recursive);
/// default to `./rules`.
pub fn rule_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let roots: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("rules")]
    } else {
        paths.to_vec()
    };
    let mut out = Vec::new();
    for root in roots {
        if root.is_dir() {
            collect(&root, &mut out).map_err(|e| format!("cannot read directory {}: {e}", root.display()))?;
        } else if root.exists() {
            out.push(root);
        } else {
            return Err(format!("{}: no such file or directory", root.display()));
        }
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "eol") {
            out.push(p);
        }
    }
    Ok(())
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Write `text` to `path` through a temporary file in the same directory and a
/// rename, so readers never see a half-written file.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.eol-tmp-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Write to standard error, ignoring failure: a diagnostic that cannot be shown must
/// not turn into a panic (`failed printing to stderr`).
pub fn emit_err(text: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes()).and_then(|()| stderr.flush());
}

/// Write to standard output; a closed pipe (the reader went away) ends the process
/// with success instead of a panic.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(OK);
        }
        errln!("error: cannot write to standard output: {e}");
        std::process::exit(FAILURE);
    }
}
