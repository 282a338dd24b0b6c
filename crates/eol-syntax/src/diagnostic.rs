//! One diagnostic type for every stage (syntax, check, catalog, evaluation).
//!
//! A diagnostic is data: a stable code, a severity, a message, a primary label on
//! an exact span, related labels and help. Rendering (graphical, plain, JSON) is
//! the caller's business; [`crate::Report`] adapts a diagnostic plus its source text to
//! [`miette::Diagnostic`].

use std::fmt;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with a short text, drawn under the source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

impl Label {
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `eol::unknown-phase`.
    pub code: &'static str,
    pub severity: Severity,
    /// Lowercase, no final period, user input in backticks.
    pub message: String,
    /// The exact span the problem is at.
    pub primary: Label,
    /// Other places that explain the problem ("phase `premium` declared here").
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// `code` is a [`Code`](crate::Code) (or, in code not moved to it yet, its string).
    pub fn error(
        code: impl Into<&'static str>,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.into(),
            severity: Severity::Error,
            message: message.into(),
            primary: Label::new(span, label),
            related: Vec::new(),
            help: None,
        }
    }

    pub fn warning(
        code: impl Into<&'static str>,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span, label)
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label::new(span, text));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Clamp every span to `len` bytes so renderers never lose the snippet.
    #[must_use]
    pub fn clamped(mut self, len: usize) -> Self {
        let clamp = |s: Span| Span::new(s.start.min(len), s.end.min(len).max(s.start.min(len)));
        self.primary.span = clamp(self.primary.span);
        for label in &mut self.related {
            label.span = clamp(label.span);
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
