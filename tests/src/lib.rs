//! Workspace-level test corpora; see tests/README.md.
//!
//! Helpers shared by the integration tests in `tests/tests/`: where things are,
//! how a diagnostic is rendered in snapshots, and how a file name maps to the
//! diagnostic code it must produce.

use std::path::{Path, PathBuf};

use eol_engine::project::RuleFile;
use eol_syntax::{Diagnostic, Report};
use miette::{GraphicalReportHandler, GraphicalTheme};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .map_or_else(|| here.to_path_buf(), Path::to_path_buf)
}

/// `tests/corpus/<sub>` under the workspace root.
pub fn corpus_dir(sub: &str) -> PathBuf {
    workspace_root().join("tests").join("corpus").join(sub)
}

/// Render one diagnostic the way snapshots show it: miette's graphical report,
/// Unicode without colour, 80 columns wide.
///
/// If miette fails to render (it should not), the failure is part of the output
/// so that a snapshot shows it instead of hiding it.
pub fn render(diagnostic: &Diagnostic, name: &str, text: &str) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let report = Report::new(diagnostic.clone(), name, text);
    let mut out = String::new();
    if let Err(err) = handler.render_report(&mut out, &report) {
        out.push_str(&format!("<miette failed to render: {err}>\n"));
    }
    // miette pads some lines with spaces; snapshots should not depend on them.
    let trimmed: Vec<&str> = out.lines().map(str::trim_end).collect();
    trimmed.join("\n")
}

/// Render every diagnostic of a loaded file, separated by blank lines, each
/// preceded by a one-line summary (`error eol::code @start..end`) that makes the
/// code, severity and exact byte span part of the snapshot.
pub fn render_file(file: &RuleFile) -> String {
    render_all(&file.diagnostics, &file.name, &file.text)
}

/// As [`render_file`], for any diagnostics over any text.
pub fn render_all(diagnostics: &[Diagnostic], name: &str, text: &str) -> String {
    if diagnostics.is_empty() {
        return "(no diagnostics)\n".to_owned();
    }
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "── {} {} @{:?} {}\n",
            d.severity.as_str(),
            d.code,
            d.primary.span,
            excerpt(d.primary.span.text(text))
        ));
        out.push_str(&render(d, name, text));
        out.push_str("\n\n");
    }
    out
}

/// A span's text for a one-line summary: quoted, escaped, at most 40 characters.
pub fn excerpt(text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// The diagnostic code a corpus file is named after: `unknown-unit.far.eol`
/// names `eol::unknown-unit`. Everything up to the first `.` is the code.
pub fn code_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.split('.').next()?;
    if stem.is_empty() {
        return None;
    }
    Some(format!("eol::{stem}"))
}

/// A path relative to the workspace root, with `/` separators, for names shown
/// in snapshots (so they do not depend on where the checkout lives).
pub fn display_name(path: &Path) -> String {
    let root = workspace_root();
    let rel = path.strip_prefix(&root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Load a file from disk the way `eol check` does (a missing file loads as empty,
/// which the tests then notice as `eol::empty-file`).
pub fn load(path: &Path) -> RuleFile {
    let bytes = std::fs::read(path).unwrap_or_default();
    RuleFile::load(display_name(path), &bytes)
}
