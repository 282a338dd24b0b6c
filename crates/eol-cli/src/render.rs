//! Rendering diagnostics: graphical, plain, or JSON.
//!
//! Each file's lines are indexed once ([`Source`]), so rendering its diagnostics
//! takes time in proportion to the file plus the diagnostics; miette is handed only
//! the lines around each diagnostic (see `eol_syntax::report`).

use std::io::IsTerminal;

use eol_syntax::{Code, Diagnostic, LineIndex, Report};
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde_json::json;

/// How many diagnostics of one file are printed for a human; the rest are summed up
/// in one `eol::too-many-diagnostics` (JSON output lists them all).
pub use eol_engine::limits::MAX_PRINTED_DIAGNOSTICS as MAX_PRINTED;

/// How diagnostics look on a human's screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unicode and colour: a terminal without NO_COLOR.
    Colour,
    /// Plain ASCII: piped output or NO_COLOR.
    Plain,
}

impl Style {
    /// For output on standard output.
    pub fn detect() -> Style {
        Style::pick(std::io::stdout().is_terminal())
    }

    /// For output on standard error.
    pub fn detect_stderr() -> Style {
        Style::pick(std::io::stderr().is_terminal())
    }

    fn pick(terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if terminal && !no_color {
            Style::Colour
        } else {
            Style::Plain
        }
    }
}

/// One file's text, named, with its lines indexed for rendering (on the first
/// diagnostic: a file without any is never indexed).
pub struct Source<'a> {
    name: &'a str,
    text: &'a str,
    index: std::cell::OnceCell<LineIndex>,
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Source {
            name,
            text,
            index: std::cell::OnceCell::new(),
        }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    /// One diagnostic, as miette draws it.
    pub fn human(&self, diagnostic: &Diagnostic, style: Style) -> String {
        let theme = match style {
            Style::Colour => GraphicalTheme::unicode(),
            Style::Plain => GraphicalTheme::none(),
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        let report = Report::with_index(diagnostic.clone(), self.name, self.text, self.index());
        let mut out = String::new();
        if handler.render_report(&mut out, &report).is_err() {
            out = format!(
                "{}: {}: {}\n",
                eol_syntax::printable(self.name),
                diagnostic.code,
                report.diagnostic.message
            );
        }
        out
    }

    /// Every diagnostic of the file for a human, each passed to `print`: the first
    /// [`MAX_PRINTED`], then one `eol::too-many-diagnostics` counting the rest.
    pub fn human_all(&self, diagnostics: &[Diagnostic], style: Style, mut print: impl FnMut(&str)) {
        for d in diagnostics.iter().take(MAX_PRINTED) {
            print(&self.human(d, style));
        }
        if let Some(summary) = too_many(diagnostics) {
            print(&self.human(&summary, style));
        }
    }

    /// One diagnostic as the JSON contract gives it.
    pub fn json(&self, diagnostic: &Diagnostic) -> serde_json::Value {
        let text = self.text;
        let d = diagnostic.clone().clamped(text.len());
        let (line, column) = self.index().line_col(text, d.primary.span.start);
        let related: Vec<serde_json::Value> = d
            .related
            .iter()
            .map(|l| {
                let (line, column) = self.index().line_col(text, l.span.start);
                json!({"line": line, "column": column, "offset": l.span.start, "length": l.span.len(), "message": l.text})
            })
            .collect();
        json!({
            "file": self.name,
            "line": line,
            "column": column,
            "offset": d.primary.span.start,
            "length": d.primary.span.len(),
            "code": d.code,
            "severity": d.severity.as_str(),
            "message": d.message,
            "label": d.primary.text,
            "help": d.help,
            "related": related,
        })
    }
}

/// The summary of the diagnostics past the first [`MAX_PRINTED`] of a file, if any.
fn too_many(diagnostics: &[Diagnostic]) -> Option<Diagnostic> {
    let hidden = diagnostics.get(MAX_PRINTED..).filter(|h| !h.is_empty())?;
    let first = hidden.first()?;
    let errors = hidden.iter().filter(|d| d.is_error()).count();
    let warnings = hidden.len() - errors;
    Some(
        Diagnostic::warning(
            Code::TooManyDiagnostics,
            format!(
                "{} more diagnostic{} of this file not shown ({errors} error{}, {warnings} warning{})",
                hidden.len(),
                plural(hidden.len()),
                plural(errors),
                plural(warnings)
            ),
            first.primary.span,
            "the first one not shown",
        )
        .with_help(format!(
            "only the first {MAX_PRINTED} diagnostics of a file are printed; fix those and run again, \
             or list them all with `eol check --format json`"
        )),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Text from input files (labels, versions, notes) made safe for a terminal: control
/// and invisible characters are written as `\u{..}` escapes (see `eol_syntax::printable`).
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    eol_syntax::printable(text)
}

/// A note for the user on standard error (`note: ...`).
pub fn note(text: &str, _style: Style) -> String {
    format!("note: {}", sanitize(text))
}

/// A problem with an audit input, drawn under its row or component with the file's line
/// numbers (a JSON pointer, when it has one, in the name).
pub fn input_diagnostic(d: &eol_engine::audit::InputDiagnostic, style: Style) -> String {
    let theme = match style {
        Style::Colour => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let name = match &d.pointer {
        Some(p) => format!("{}#{p}", d.file),
        None => d.file.clone(),
    };
    // (the excerpt cuts a long line to a window around the labels: miette cannot draw a
    // label past column 65,535, and a row of 70,000 characters is not read whole anyway)
    let report = eol_syntax::Report::excerpt(
        d.diagnostic.clone(),
        &name,
        &d.snippet,
        d.snippet_offset,
        usize::try_from(d.snippet_line).unwrap_or(1),
    );
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!(
            "{}:{}: {}: {}\n",
            d.file, d.line, d.diagnostic.code, d.diagnostic.message
        );
    }
    out
}

/// A unified diff of two texts by lines, with `context` lines around each change, in the
/// layout `diff -u` and similar's `unified_diff` write (no file header: the caller writes
/// it). The edit script is imara-diff's Myers with git's and GNU diff's heuristics, which stays
/// near-linear when every line changed (a whole file re-indented); the hunks are grouped and
/// headed by similar's functions, as its own unified diff does.
pub fn unified_diff(old: &str, new: &str, context: usize) -> String {
    use similar::{DiffOp, DiffableStr};
    // lines as similar splits them (after `\n`, `\r\n` or a lone `\r`), for both
    let old_lines: Vec<&str> = old.tokenize_lines();
    let new_lines: Vec<&str> = new.tokenize_lines();
    let mut input = imara_diff::InternedInput {
        before: Vec::new(),
        after: Vec::new(),
        interner: imara_diff::Interner::new(old_lines.len() + new_lines.len()),
    };
    input.update_before(old_lines.iter().copied());
    input.update_after(new_lines.iter().copied());
    let diff = imara_diff::Diff::compute(imara_diff::Algorithm::Myers, &input);
    let mut ops = Vec::new();
    let (mut old_at, mut new_at) = (0usize, 0usize);
    for hunk in diff.hunks() {
        let (before, after) = (hunk.before, hunk.after);
        let (old_index, new_index) = (before.start as usize, after.start as usize);
        let (old_len, new_len) = (before.len(), after.len());
        if old_index > old_at {
            ops.push(DiffOp::Equal {
                old_index: old_at,
                new_index: new_at,
                len: old_index - old_at,
            });
        }
        ops.push(match (old_len, new_len) {
            (_, 0) => DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            },
            (0, _) => DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            },
            _ => DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            },
        });
        (old_at, new_at) = (old_index + old_len, new_index + new_len);
    }
    if old_at < old_lines.len() {
        ops.push(DiffOp::Equal {
            old_index: old_at,
            new_index: new_at,
            len: old_lines.len() - old_at,
        });
    }
    let mut out = String::new();
    for group in similar::group_diff_ops(ops, context) {
        out.push_str(&similar::udiff::UnifiedHunkHeader::new(&group).to_string());
        out.push('\n');
        for op in &group {
            for change in op.iter_changes(old_lines.as_slice(), new_lines.as_slice()) {
                out.push(match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                });
                let line = change.value();
                out.push_str(line);
                if !line.ends_with(['\r', '\n']) {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Where the change is plain, the diff is similar's own unified diff byte for byte: line
    /// endings (`\n`, `\r\n`, a lone `\r`), a last line without one on either side, empty
    /// texts, changes at both ends, hunks merged or apart by the context.
    #[test]
    fn unified_diff_reads_as_similars() {
        let numbered = |n: usize, changed: &[usize]| -> String {
            (1..=n)
                .map(|i| {
                    if changed.contains(&i) {
                        format!("line {i} changed\n")
                    } else {
                        format!("line {i}\n")
                    }
                })
                .collect()
        };
        let cases: Vec<(String, String)> = vec![
            ("a\nb\nc\n".into(), "a\nB\nc\n".into()),
            ("a\nb\nc".into(), "a\nb\nC".into()),
            ("a\nb\nc\n".into(), "a\nb\nc".into()),
            ("a\nb\nc".into(), "a\nb\nc\n".into()),
            ("".into(), "a\nb\n".into()),
            ("a\nb\n".into(), "".into()),
            ("a\r\nb\r\nc\r\n".into(), "a\r\nX\r\nc\r\n".into()),
            ("a\rb\rc\r".into(), "a\rb\rd\r".into()),
            ("x\na\nb\n".into(), "a\nb\n".into()),
            ("a\nb\n".into(), "a\nb\ny\n".into()),
            (numbered(30, &[]), numbered(30, &[1, 9, 16, 30])),
            (numbered(30, &[]), numbered(30, &[5, 11])),
            (numbered(30, &[]), numbered(30, &[5, 12])),
        ];
        for context in [0, 2, 3] {
            for (old, new) in &cases {
                let theirs = similar::TextDiff::from_lines(old.as_str(), new.as_str())
                    .unified_diff()
                    .context_radius(context)
                    .to_string();
                assert_eq!(
                    super::unified_diff(old, new, context),
                    theirs,
                    "{old:?} → {new:?}"
                );
            }
        }
    }
}
