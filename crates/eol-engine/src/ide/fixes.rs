//! Fixes for the diagnostics that carry one: a did-you-mean suggestion replaces the
//! misspelt name; an attribute used but not declared gets its `attribute` item; a
//! `superseded` unit that is part of the line gives way to the finer component the help
//! names.
//!
//! Diagnostics carry their fix as help text (`did you mean `premium`?`, `declare it
//! first: `attribute lts``); this module reads the suggestion back from it.

use eol_syntax::{Diagnostic, Span};

use crate::ide::positions::Utf16Index;
use crate::ide::symbols::Resolution;
use crate::ide::TextEdit;

/// A code action: a title and the edits of the rule file that make it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// A fix before its spans become editor ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SpanFix {
    pub title: String,
    pub edits: Vec<(Span, String)>,
}

impl SpanFix {
    pub(crate) fn at(self, index: &Utf16Index, text: &str) -> Fix {
        Fix {
            title: self.title,
            edits: self
                .edits
                .into_iter()
                .map(|(span, new_text)| TextEdit {
                    range: index.range(text, span),
                    new_text,
                })
                .collect(),
        }
    }
}

/// The first text in backticks after `prefix` at the start of `help`.
fn quoted_after<'h>(help: &'h str, prefix: &str) -> Option<&'h str> {
    let rest = help.strip_prefix(prefix)?;
    let end = rest.find('`')?;
    rest.get(..end).filter(|s| !s.is_empty())
}

/// What can be done about `d` in `text` (a diagnostic of the rule file).
pub(crate) fn fixes(d: &Diagnostic, text: &str, resolution: &Resolution) -> Vec<SpanFix> {
    let Some(help) = d.help.as_deref() else {
        return Vec::new();
    };
    let span = d.primary.span;
    let written = span.text(text);
    let mut out = Vec::new();
    if let Some(name) = quoted_after(help, "did you mean `") {
        if !span.is_empty() && written != name {
            out.push(SpanFix {
                title: format!("replace `{written}` with `{name}`"),
                edits: vec![(span, name.to_owned())],
            });
        }
    }
    // `eol::invalid-superseded`: "... name a finer component: `superseded by newer minor`"
    if d.code == eol_syntax::Code::InvalidSuperseded.as_str() {
        let unit = help
            .split_once("name a finer component: `superseded by newer ")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(unit, _)| unit)
            .filter(|u| !u.is_empty() && *u != written);
        if let Some(unit) = unit.filter(|_| !span.is_empty()) {
            out.push(SpanFix {
                title: format!("replace `{written}` with `{unit}`"),
                edits: vec![(span, unit.to_owned())],
            });
        }
    }
    if let Some(item) = quoted_after(help, "declare it first: `") {
        if let Some(at) = item_insertion(text, resolution, span.start) {
            out.push(SpanFix {
                title: format!("declare it: `{item}`"),
                edits: vec![(Span::point(at.0), format!("{}{item}\n", at.1))],
            });
        }
    }
    out
}

/// Where a new item goes in the policy around `offset`: the start of the line of its
/// first item, with that line's indentation.
fn item_insertion(text: &str, resolution: &Resolution, offset: usize) -> Option<(usize, String)> {
    let policy = resolution.policy_at(offset)?;
    let decl = resolution
        .decls
        .iter()
        .find(|d| d.kind == crate::ide::SymbolKind::Policy && d.policy == policy)?;
    // the first line after the one with the policy's opening brace
    let body = text.get(decl.full.start..decl.full.end)?;
    let brace = body.find('{')? + decl.full.start;
    let line_end = text.get(brace..)?.find('\n')? + brace + 1;
    let next = text.get(line_end..)?;
    let indent: String = next.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let indent = if indent.is_empty() {
        "  ".to_owned()
    } else {
        indent
    };
    Some((line_end, indent))
}
