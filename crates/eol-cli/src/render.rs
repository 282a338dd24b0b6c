//! Rendering diagnostics: graphical, plain, or JSON.

use std::io::IsTerminal;

use eol_syntax::{line_col, Diagnostic, Report};
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde_json::json;

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

pub fn human(diagnostic: &Diagnostic, name: &str, text: &str, style: Style) -> String {
    let theme = match style {
        Style::Colour => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let report = Report::new(diagnostic.clone(), name, text);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{}: {}: {}\n", name, diagnostic.code, diagnostic.message);
    }
    out
}

/// One diagnostic as the JSON contract gives it.
pub fn json(diagnostic: &Diagnostic, name: &str, text: &str) -> serde_json::Value {
    let d = diagnostic.clone().clamped(text.len());
    let (line, column) = line_col(text, d.primary.span.start);
    let related: Vec<serde_json::Value> = d
        .related
        .iter()
        .map(|l| {
            let (line, column) = line_col(text, l.span.start);
            json!({"line": line, "column": column, "offset": l.span.start, "length": l.span.len(), "message": l.text})
        })
        .collect();
    json!({
        "file": name,
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

/// Text from input files (labels, versions, notes) made safe for a terminal: control
/// characters other than a line break are written as `\u{..}` escapes.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A note for the user on standard error (`note: ...`).
pub fn note(text: &str, _style: Style) -> String {
    format!("note: {}", sanitize(text))
}
