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

/// A source text that is part of a larger file: spans and line numbers are the file's.
struct Excerpt {
    name: String,
    text: String,
    offset: usize,
    first_line: usize,
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let start = span.offset().saturating_sub(self.offset).min(self.text.len());
        let len = span.len().min(self.text.len() - start);
        let local = miette::SourceSpan::new(start.into(), len);
        let inner = self.text.read_span(&local, before, after)?;
        let shifted =
            miette::SourceSpan::new((inner.span().offset() + self.offset).into(), inner.span().len());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            shifted,
            inner.line() + self.first_line.saturating_sub(1),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A diagnostic with its excerpt, for miette.
#[derive(Debug)]
struct ExcerptReport {
    diagnostic: Diagnostic,
    source: Excerpt,
}

impl std::fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl std::fmt::Display for ExcerptReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for ExcerptReport {}

impl miette::Diagnostic for ExcerptReport {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.diagnostic.is_error() {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let p = &self.diagnostic.primary;
        let first = miette::LabeledSpan::new_primary_with_span(Some(p.text.clone()), p.span);
        let rest = self
            .diagnostic
            .related
            .iter()
            .map(|l| miette::LabeledSpan::new_with_span(Some(l.text.clone()), l.span));
        Some(Box::new(std::iter::once(first).chain(rest)))
    }
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
    let text = d.snippet.to_string();
    let end = d.snippet_offset + text.len();
    let mut diagnostic = d.diagnostic.clone();
    let clamp = |s: eol_syntax::Span| {
        let start = s.start.clamp(d.snippet_offset, end);
        eol_syntax::Span::new(start, s.end.clamp(start, end))
    };
    diagnostic.primary.span = clamp(diagnostic.primary.span);
    for l in &mut diagnostic.related {
        l.span = clamp(l.span);
    }
    let report = ExcerptReport {
        diagnostic,
        source: Excerpt {
            name,
            text,
            offset: d.snippet_offset,
            first_line: usize::try_from(d.snippet_line).unwrap_or(1),
        },
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!(
            "{}:{}: {}: {}\n",
            d.file, d.line, d.diagnostic.code, d.diagnostic.message
        );
    }
    out
}
