//! A diagnostic and the part of its file it points into, ready for miette.
//!
//! miette reads source text through [`miette::SourceCode`]; given the whole file, it
//! scans from the start of the file to every label, so rendering the diagnostics of a
//! large file took time in proportion to their number times the file's size. A
//! [`Report`] instead hands miette a [`Snippet`]: only the lines around its labels
//! (found with a [`LineIndex`] built once per file), with their real line numbers.
//! On the way, each line is made safe to render:
//!
//! - a line longer than [`LONG_LINE`] bytes is cut to a window around the labels on
//!   it (`…` marks the cut, and the help says so): miette cannot draw a label past
//!   column 65,535, and nobody reads such a line whole;
//! - a label running over more than [`MAX_LABEL_LINES`] lines is shortened to its
//!   first line;
//! - control and invisible characters are written as their code points (`\u{1b}`),
//!   in the source lines and in the message, labels and help alike
//!   ([`crate::printable`]).

use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;
use crate::printable::{escaped, is_invisible, printable};
use crate::span::Span;

/// Lines of context around a label: miette's default, which every renderer here uses.
const CONTEXT: usize = 1;
/// A source line longer than this (in bytes) is shown cut to a window around its labels.
pub const LONG_LINE: usize = 400;
/// Bytes of a cut line kept on each side of a label.
const WINDOW: usize = 80;
/// A label over more lines than this is shortened to its first line.
pub const MAX_LABEL_LINES: usize = 100;

/// A diagnostic together with the snippet of the named source it points into.
#[derive(Debug)]
pub struct Report {
    /// The diagnostic as shown: texts made printable, spans moved into the snippet.
    pub diagnostic: Diagnostic,
    source: Snippet,
}

impl Report {
    /// A report over `text` (which builds a [`LineIndex`] of it: to render many
    /// diagnostics of one file, build the index once and use [`Report::with_index`]).
    pub fn new(diagnostic: Diagnostic, name: &str, text: &str) -> Self {
        Report::with_index(diagnostic, name, text, &LineIndex::new(text))
    }

    /// A report over `text`, whose lines `index` holds.
    pub fn with_index(diagnostic: Diagnostic, name: &str, text: &str, index: &LineIndex) -> Self {
        Report::build(diagnostic, name, text, index, 0)
    }

    /// A report over an excerpt of a file (a row of an inventory): `text` starts at byte
    /// `offset` of the file, on its line `first_line` (1-based), and the diagnostic's spans
    /// are the file's. Lines are numbered as in the file, and cut as [`Report::with_index`]
    /// cuts them.
    pub fn excerpt(diagnostic: Diagnostic, name: &str, text: &str, offset: usize, first_line: usize) -> Self {
        let mut d = diagnostic;
        let shift = |s: Span| Span::new(s.start.saturating_sub(offset), s.end.saturating_sub(offset));
        d.primary.span = shift(d.primary.span);
        for label in &mut d.related {
            label.span = shift(label.span);
        }
        Report::build(d, name, text, &LineIndex::new(text), first_line.saturating_sub(1))
    }

    /// `base`: how many lines of the file come before `text`.
    fn build(diagnostic: Diagnostic, name: &str, text: &str, index: &LineIndex, base: usize) -> Self {
        let mut d = diagnostic.clamped(text.len());
        let mut spans: Vec<Span> = std::iter::once(d.primary.span)
            .chain(d.related.iter().map(|l| l.span))
            .map(|s| on_char_boundaries(text, s))
            .collect();
        let mut notes = Vec::new();
        // A label over a great many lines keeps its first line only.
        for s in &mut spans {
            let (first, last) = (index.line_of(s.start), end_line(text, index, *s));
            if last > first + MAX_LABEL_LINES {
                s.end = content_end(text, index, first).max(s.start);
                notes.push(format!(
                    "a label covers lines {} to {}; only its first line is shown",
                    base + first + 1,
                    base + last + 1
                ));
            }
        }
        let (mut source, mapped, cut) = Snippet::build(name, text, index, &spans);
        for line in &mut source.lines {
            line.number += base;
        }
        if let Some((line, chars)) = cut {
            notes.push(format!(
                "line {} is {chars} characters long; only the part around the problem is shown",
                base + line
            ));
        }
        let mut mapped = mapped.into_iter();
        if let Some(s) = mapped.next() {
            d.primary.span = s;
        }
        for (label, s) in d.related.iter_mut().zip(mapped) {
            label.span = s;
        }
        d.message = printable(&d.message).into_owned();
        d.primary.text = printable(&d.primary.text).into_owned();
        for label in &mut d.related {
            label.text = printable(&label.text).into_owned();
        }
        let help = d.help.as_deref().map(|h| printable(h).into_owned());
        d.help = match (help, notes.is_empty()) {
            (help, true) => help,
            (None, false) => Some(notes.join("; ")),
            (Some(h), false) => Some(format!("{h}\n({})", notes.join("; "))),
        };
        Report {
            diagnostic: d,
            source,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.diagnostic, f)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.diagnostic.miette_severity())
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic.miette_help()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(self.diagnostic.miette_labels())
    }
}

/// The parts of a diagnostic as miette draws them, for every `miette::Diagnostic` that
/// wraps one (a [`Report`], the CLI's excerpts of audit inputs).
impl Diagnostic {
    pub fn miette_severity(&self) -> miette::Severity {
        match self.severity {
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        }
    }

    pub fn miette_help(&self) -> Option<Box<dyn fmt::Display + '_>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    /// The primary label first, then the related ones.
    pub fn miette_labels(&self) -> Box<dyn Iterator<Item = miette::LabeledSpan> + '_> {
        let primary = &self.primary;
        let first = miette::LabeledSpan::new_primary_with_span(Some(primary.text.clone()), primary.span);
        let rest = self
            .related
            .iter()
            .map(|l| miette::LabeledSpan::new_with_span(Some(l.text.clone()), l.span));
        Box::new(std::iter::once(first).chain(rest))
    }
}

/// The span moved onto character boundaries (start back, end forward).
fn on_char_boundaries(text: &str, s: Span) -> Span {
    let mut start = s.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = s.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// The line a span ends on, as miette counts it: the line of its last byte, or the
/// line after when that byte is a line feed; an empty span ends where it starts.
fn end_line(text: &str, index: &LineIndex, s: Span) -> usize {
    if s.is_empty() {
        return index.line_of(s.start);
    }
    let last = s.end - 1;
    let line = index.line_of(last);
    if text.as_bytes().get(last) == Some(&b'\n') {
        (line + 1).min(index.lines() - 1)
    } else {
        line
    }
}

/// Where the text of 0-based `line` ends: before its `\n` (and a `\r` before that).
fn content_end(text: &str, index: &LineIndex, line: usize) -> usize {
    let (start, end) = (index.start(line), index.end(line));
    let bytes = text.as_bytes();
    let mut e = end;
    if e > start && bytes.get(e - 1) == Some(&b'\n') {
        e -= 1;
        if e > start && bytes.get(e - 1) == Some(&b'\r') {
            e -= 1;
        }
    }
    e
}

/// The lines of a file around the labels of one diagnostic, as miette reads them.
///
/// The snippet's text is its excerpts (runs of whole lines) one after another; label
/// spans are offsets into it. Each excerpt answers `read_span` with the real line
/// numbers; a span across two excerpts is refused, and miette then draws the two
/// places apart, as it does for labels far from each other.
#[derive(Debug)]
struct Snippet {
    name: String,
    text: String,
    lines: Vec<SnippetLine>,
    /// (offset in the snippet, column in bytes in the file) of every label's start
    starts: Vec<(usize, usize)>,
}

#[derive(Debug)]
struct SnippetLine {
    /// offsets in the snippet's text: `end` is after the line's `\n`, if it has one
    start: usize,
    end: usize,
    /// the 0-based line number in the file
    number: usize,
    /// which excerpt the line belongs to
    excerpt: usize,
}

/// The first line that had to be cut, as (1-based line, length in characters).
type Cut = Option<(usize, usize)>;

/// One line of the file as the snippet shows it.
struct Shown {
    /// the 0-based line number in the file
    number: usize,
    /// where its text ends in the file (before the line end)
    content_end: usize,
    /// (offset in the file, offset in the snippet) of every character boundary of the
    /// part shown, in order
    map: Vec<(usize, usize)>,
    /// where the part shown ends in the snippet, and where the line's text ends
    /// there (after a `…`)
    shown_end: usize,
    text_end: usize,
}

impl Shown {
    /// Where a point of this line (in the file) is in the snippet: a point in the part
    /// cut off lands at the edge of the part shown.
    fn place(&self, p: usize) -> usize {
        if p > self.content_end {
            return self.text_end + (p - self.content_end);
        }
        let i = self.map.partition_point(|(q, _)| *q <= p);
        match (i.checked_sub(1).and_then(|i| self.map.get(i)), self.map.first()) {
            (Some((q, at)), _) if *q == p => *at,
            (Some(_), _) if i == self.map.len() => self.shown_end,
            (Some((_, at)), _) => *at,
            (None, Some((_, at))) => *at,
            (None, None) => self.shown_end,
        }
    }
}

impl Snippet {
    /// The snippet for labels at `spans` (in the file), the spans moved into it, and
    /// the first line that had to be cut.
    fn build(name: &str, text: &str, index: &LineIndex, spans: &[Span]) -> (Snippet, Vec<Span>, Cut) {
        let last_line = index.lines().saturating_sub(1);
        // Line ranges to show, with context, merged where they touch.
        let mut ranges: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| {
                let (a, b) = (index.line_of(s.start), end_line(text, index, *s));
                (a.saturating_sub(CONTEXT), (b + CONTEXT).min(last_line))
            })
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let points: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        let primary = spans.first().map(|s| s.start);
        let mut snippet = Snippet {
            name: printable(name).into_owned(),
            text: String::new(),
            lines: Vec::new(),
            starts: Vec::new(),
        };
        let mut shown: Vec<Shown> = Vec::new();
        let mut cut: Cut = None;
        for (excerpt, (a, b)) in merged.into_iter().enumerate() {
            for line in a..=b {
                let start = snippet.text.len();
                let (ls, ce) = (index.start(line), content_end(text, index, line));
                let here: Vec<usize> = points.iter().copied().filter(|p| (ls..=ce).contains(p)).collect();
                let (ws, we) = window(text, ls, ce, &here, primary);
                if (ws, we) != (ls, ce) && cut.is_none() && !here.is_empty() {
                    let chars = text.get(ls..ce).map_or(0, |t| t.chars().count());
                    cut = Some((line + 1, chars));
                }
                if ws > ls {
                    snippet.text.push('…');
                }
                let mut map = Vec::new();
                for (i, c) in text.get(ws..we).unwrap_or("").char_indices() {
                    map.push((ws + i, snippet.text.len()));
                    if is_invisible(c) {
                        snippet.text.push_str(&escaped(c));
                    } else {
                        snippet.text.push(c);
                    }
                }
                map.push((we, snippet.text.len()));
                let shown_end = snippet.text.len();
                if we < ce {
                    snippet.text.push('…');
                }
                let text_end = snippet.text.len();
                // The line end as the file has it (`\r\n` stays whole for miette).
                snippet.text.push_str(text.get(ce..index.end(line)).unwrap_or(""));
                snippet.lines.push(SnippetLine {
                    start,
                    end: snippet.text.len(),
                    number: line,
                    excerpt,
                });
                shown.push(Shown {
                    number: line,
                    content_end: ce,
                    map,
                    shown_end,
                    text_end,
                });
            }
        }
        let place = |p: usize| -> usize {
            let line = index.line_of(p);
            shown.iter().find(|s| s.number == line).map_or(0, |s| s.place(p))
        };
        let mapped: Vec<Span> = spans
            .iter()
            .map(|s| {
                let start = place(s.start);
                let end = if s.is_empty() {
                    start
                } else {
                    place(s.end).max(start)
                };
                Span::new(start, end)
            })
            .collect();
        snippet.starts = spans
            .iter()
            .zip(&mapped)
            .map(|(s, m)| (m.start, s.start - index.start(index.line_of(s.start))))
            .collect();
        (snippet, mapped, cut)
    }

    fn line(&self, i: usize) -> Option<&SnippetLine> {
        self.lines.get(i)
    }

    /// The index of the line an offset of the snippet is on.
    fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.end <= offset)
            .min(self.lines.len().saturating_sub(1))
    }
}

/// The part of the line `ls..ce` to show: all of it when it is short; else a window
/// around the label points on it (`here`), or around the primary label's start when
/// they lie too far apart, or its start when it has none.
fn window(text: &str, ls: usize, ce: usize, here: &[usize], primary: Option<usize>) -> (usize, usize) {
    if ce - ls <= LONG_LINE {
        return (ls, ce);
    }
    let (lo, hi) = match (here.iter().min(), here.iter().max()) {
        (Some(&lo), Some(&hi)) if hi - lo <= LONG_LINE - 2 * WINDOW => (lo, hi),
        (Some(&lo), Some(_)) => {
            let p = primary.filter(|p| here.contains(p)).unwrap_or(lo);
            (p, p)
        }
        _ => (ls, ls + WINDOW),
    };
    let mut ws = lo.saturating_sub(WINDOW).max(ls);
    let mut we = (hi + WINDOW).min(ce);
    while !text.is_char_boundary(ws) {
        ws -= 1;
    }
    while !text.is_char_boundary(we) {
        we += 1;
    }
    (ws, we)
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let (start, len) = (span.offset(), span.len());
        let end = start + len;
        if self.lines.is_empty() || end > self.text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let si = self.line_at(start);
        let ei = if len == 0 {
            si
        } else {
            let bi = self.line_at(end - 1);
            if self.text.as_bytes().get(end - 1) == Some(&b'\n') && bi + 1 < self.lines.len() {
                bi + 1
            } else {
                bi
            }
        };
        let (Some(sl), Some(el)) = (self.line(si), self.line(ei)) else {
            return Err(miette::MietteError::OutOfBounds);
        };
        if sl.excerpt != el.excerpt {
            return Err(miette::MietteError::OutOfBounds);
        }
        let excerpt = sl.excerpt;
        let mut first = si;
        for _ in 0..context_lines_before {
            match first.checked_sub(1).and_then(|i| self.line(i)) {
                Some(l) if l.excerpt == excerpt => first -= 1,
                _ => break,
            }
        }
        let mut last = ei;
        for _ in 0..context_lines_after {
            match self.line(last + 1) {
                Some(l) if l.excerpt == excerpt => last += 1,
                _ => break,
            }
        }
        let (Some(fl), Some(ll)) = (self.line(first), self.line(last)) else {
            return Err(miette::MietteError::OutOfBounds);
        };
        let (data_start, data_end, line, column) = if context_lines_before == 0 {
            let column = self
                .starts
                .iter()
                .find(|(at, _)| *at == start)
                .map_or(start - sl.start, |(_, col)| *col);
            let data_end = if context_lines_after == 0 { end } else { ll.end };
            (start, data_end, sl.number, column)
        } else {
            (fl.start, ll.end, fl.number, 0)
        };
        let data = self
            .text
            .as_bytes()
            .get(data_start..data_end)
            .ok_or(miette::MietteError::OutOfBounds)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (data_start, data_end - data_start).into(),
            line,
            column,
            last - first + 1,
        )))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use miette::{GraphicalReportHandler, GraphicalTheme};

    use super::Report;
    use crate::{Diagnostic, LineIndex, Span};

    fn render(d: &Diagnostic, text: &str) -> String {
        let report = Report::new(d.clone(), "f.eol", text);
        let mut out = String::new();
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(80)
            .render_report(&mut out, &report)
            .unwrap();
        out
    }

    /// Item 3 of the hardening issue: rendering cost did not depend on the lines a
    /// diagnostic needs but on the whole file, for every diagnostic.
    #[test]
    fn a_report_holds_only_the_lines_around_its_labels() {
        let text: String = (0..100_000).map(|i| format!("line {i}\n")).collect();
        let index = LineIndex::new(&text);
        let at = |line: usize| index.start(line);
        let d = Diagnostic::error(
            "eol::syntax",
            "far apart",
            Span::new(at(90_000), at(90_000) + 4),
            "here",
        )
        .with_related(Span::new(at(10), at(10) + 4), "and there");
        let report = Report::with_index(d.clone(), "f.eol", &text, &index);
        assert!(report.source.text.len() < 100, "{:?}", report.source.text);
        let out = render(&d, &text);
        assert!(
            out.contains("[f.eol:90001:1]") && out.contains("90001 │ line 90000"),
            "{out}"
        );
        assert!(
            out.contains("[f.eol:11:1]") && out.contains("11 │ line 10"),
            "{out}"
        );
        assert!(!out.contains("line 500"), "{out}");
    }

    #[test]
    fn diagnostic_past_column_65535_does_not_panic() {
        let text = format!("policy demo \"Demo\" {{{}frob }}\n", " ".repeat(70_000));
        let at = text.find("frob").unwrap();
        let d = Diagnostic::error("eol::syntax", "unexpected `frob`", Span::new(at, at + 4), "here");
        let out = render(&d, &text);
        assert!(out.contains("[f.eol:1:70021]"), "{out}");
        assert!(out.contains("…") && out.contains("frob }"), "{out}");
        assert!(out.contains("line 1 is 70026 characters long"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
    }

    #[test]
    fn control_characters_from_the_file_are_shown_escaped() {
        let text = "note = \"\x1b[31mred\"\nnext\n";
        let at = text.find("red").unwrap();
        let d = Diagnostic::error(
            "eol::syntax",
            "bad note `\x1b[31mred`",
            Span::new(at, at + 3),
            "this \x1b[0m",
        )
        .with_help("help \x07");
        let out = render(&d, text);
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(out.contains("note = \"\\u{1b}[31mred\""), "{out}");
        assert!(
            out.contains("bad note `\\u{1b}[31mred`") && out.contains("help \\u{7}"),
            "{out}"
        );
        // the label still underlines `red`, after the escape
        let line = out.lines().find(|l| l.contains("note =")).unwrap();
        let marks = out.lines().skip_while(|l| !l.contains("note =")).nth(1).unwrap();
        assert_eq!(
            line.find("red").map(|i| line[..i].chars().count()),
            marks.find('─').map(|i| marks[..i].chars().count()),
            "{out}"
        );
    }

    #[test]
    fn a_label_over_many_lines_shows_its_first_line() {
        let text: String = (0..1000).map(|i| format!("l{i}\n")).collect();
        let d = Diagnostic::warning("eol::syntax", "all of it", Span::new(0, text.len()), "everything");
        let out = render(&d, &text);
        assert!(out.contains("l0") && !out.contains("l500"), "{out}");
        assert!(
            out.contains("a label covers lines 1 to 1001; only its first line is shown"),
            "{out}"
        );
    }
}
