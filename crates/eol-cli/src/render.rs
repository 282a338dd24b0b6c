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
