//! Embed the bundled library (`rules/` at the workspace root) in the binary, so that an
//! installed `eol` answers in any directory. Writes `$OUT_DIR/bundled.rs`: one entry per
//! rule file, catalog and published-dates file, with the path it has in the repository.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules = manifest.join("../../rules");
    println!("cargo::rerun-if-changed={}", rules.display());
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    collect(&rules, "rules", &mut files);
    files.sort();
    let mut out = String::from("/// The bundled library: (path in the repository, bytes).\npub static FILES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo::warning=cannot write {}: {e}", dest.display());
    }
}

/// Rule files, their catalogs and the published dates under `rules/endoflife/`.
fn collect(dir: &Path, name: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    println!("cargo::rerun-if-changed={}", dir.display());
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()).map(str::to_owned) else {
            continue;
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let child = format!("{name}/{file}");
        if meta.is_dir() {
            collect(&path, &child, out);
        } else if meta.is_file()
            && (file.ends_with(".eol")
                || file.contains(".releases.")
                || (name.ends_with("/endoflife") && file.ends_with(".csv")))
        {
            out.push((child, path.canonicalize().unwrap_or(path)));
        }
    }
}
