//! The formatter: one canonical layout for every rule file.
//!
//! The tree is printed line by line. Every output line remembers the source range
//! of the code it came from, which is how comments (kept out of the tree by the
//! grammar) find their way back:
//!
//! - a comment with only spaces between it and the end of the code of the line
//!   printed just before it stays at the end of that line (a trailing comment);
//! - any other comment goes on its own line before the first line printed after
//!   it, at that line's indentation; before a closing `}` that is the indentation
//!   of the block's contents. A comment inside a construct that spans several
//!   source lines (`until first_ship # why\n + 4 years`) thus moves to before it.
//!
//! Blank lines between the lines of a block (items, statements, comments) are kept,
//! at most one in a row, but never right after `{` or right before `}`. Top-level
//! policies are always separated by one blank line.
//!
//! A file that does not parse is never reformatted, and the result is parsed again
//! and compared with the original tree before it is handed out: a formatter bug
//! shows up as an error, never as a changed rule.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

const INDENT: &str = "  ";

/// Format a rule file in the canonical layout.
///
/// Returns the error diagnostics of the parse when the file does not parse. The
/// output uses `\n` line ends, has no byte-order mark and ends with exactly one
/// newline (an empty file stays empty).
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = crate::parse(source);
    let errors: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut printer = Printer::new(source, &parsed.file.comments);
    printer.file(&parsed.file);
    let out = printer.finish();
    check_same(&parsed.file, &out)?;
    Ok(out)
}

/// The formatted text must parse to the same tree with the same comments.
fn check_same(before: &File, formatted: &str) -> Result<(), Vec<Diagnostic>> {
    let after = crate::parse(formatted);
    let texts =
        |f: &File| -> Vec<String> { f.comments.iter().map(|c| c.text.trim_end().to_owned()).collect() };
    let same = !after.diagnostics.iter().any(Diagnostic::is_error)
        && after.file.policies == before.policies
        && texts(&after.file) == texts(before);
    if same {
        Ok(())
    } else {
        Err(vec![Diagnostic::error(
            crate::Code::FmtChangesMeaning,
            "formatting this file would change its meaning",
            Span::point(0),
            "left as it is",
        )
        .with_help(
            "this is a bug in `eol fmt`; please report it with the file",
        )])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Code,
    Comment,
    Blank,
}

#[derive(Debug)]
struct Line {
    kind: Kind,
    depth: usize,
    text: String,
    trailing: Option<String>,
    /// Where the line's code (or comment) starts in the source.
    start: usize,
    /// Where its code ends, before any trailing comment.
    end: usize,
    /// Where it ends including its trailing comment.
    last: usize,
    /// Ends with a `{` whose block continues on the next lines.
    opens: bool,
    /// Ends a top-level policy.
    ends_policy: bool,
}

/// A code line to print.
struct Code {
    depth: usize,
    /// Indentation of own-line comments printed before this line.
    comment_depth: usize,
    text: String,
    start: usize,
    end: usize,
    opens: bool,
    closes: bool,
    ends_policy: bool,
}

struct Printer<'a> {
    src: &'a str,
    comments: &'a [Comment],
    /// The first comment not printed yet.
    next: usize,
    lines: Vec<Line>,
}

impl<'a> Printer<'a> {
    fn new(src: &'a str, comments: &'a [Comment]) -> Self {
        Printer {
            src,
            comments,
            next: 0,
            lines: Vec::new(),
        }
    }

    fn finish(self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            if line.kind != Kind::Blank {
                for _ in 0..line.depth {
                    out.push_str(INDENT);
                }
                out.push_str(&line.text);
                if let Some(c) = &line.trailing {
                    out.push(' ');
                    out.push_str(c);
                }
            }
            out.push('\n');
        }
        out
    }

    fn file(&mut self, file: &File) {
        for policy in &file.policies {
            self.policy(policy);
        }
        self.comments_before(usize::MAX, 0);
    }

    fn policy(&mut self, p: &Policy) {
        let mut head = format!("policy {}", p.id.node);
        push_label(&mut head, p.label.as_ref());
        if let Some(base) = &p.extends {
            head.push_str(" extends ");
            head.push_str(base);
        }
        self.block(0, head, p.span, p.items.is_empty(), true, |this| {
            for item in &p.items {
                this.item(item, 1);
            }
        });
    }

    /// `HEAD {`, the contents one level deeper, `}`; or `HEAD {}` when there is
    /// nothing inside, not even a comment.
    fn block(
        &mut self,
        depth: usize,
        head: String,
        span: Span,
        empty: bool,
        is_policy: bool,
        contents: impl FnOnce(&mut Self),
    ) {
        let open = open_brace(self.src, span.start, span.end);
        let close = span.end.saturating_sub(1).max(open);
        if empty && !self.has_comment_in(open, close) {
            self.code(Code {
                depth,
                comment_depth: depth,
                text: head + " {}",
                start: span.start,
                end: span.end,
                opens: false,
                closes: false,
                ends_policy: is_policy,
            });
            return;
        }
        self.code(Code {
            depth,
            comment_depth: depth,
            text: head + " {",
            start: span.start,
            end: open + 1,
            opens: true,
            closes: false,
            ends_policy: false,
        });
        contents(self);
        self.code(Code {
            depth,
            comment_depth: depth + 1,
            text: "}".to_owned(),
            start: close,
            end: span.end,
            opens: false,
            closes: true,
            ends_policy: is_policy,
        });
    }

    fn item(&mut self, item: &Item, depth: usize) {
        match &item.kind {
            ItemKind::Phase(phase) => {
                let mut head = format!("phase {}", phase.id.node);
                push_label(&mut head, phase.label.as_ref());
                if let Some(role) = &phase.role {
                    head.push_str(" role ");
                    head.push_str(role);
                    for more in &phase.more_roles {
                        head.push_str(", ");
                        head.push_str(more);
                    }
                    if phase.free.is_some() {
                        head.push_str(" free");
                    }
                }
                self.block(depth, head, item.span, phase.stmts.is_empty(), false, |this| {
                    for stmt in &phase.stmts {
                        let text = stmt_text(&stmt.kind);
                        this.simple(depth + 1, text, stmt.span);
                    }
                });
            }
            ItemKind::When { cond: c, items } => {
                let head = format!("when {}", cond(c));
                self.block(depth, head, item.span, items.is_empty(), false, |this| {
                    for inner in items {
                        this.item(inner, depth + 1);
                    }
                });
            }
            kind => {
                let text = self.item_text(kind);
                self.simple(depth, text, item.span);
            }
        }
    }

    /// A one-line item or statement.
    fn simple(&mut self, depth: usize, text: String, span: Span) {
        let end = self.code_end(span);
        self.code(Code {
            depth,
            comment_depth: depth,
            text,
            start: span.start,
            end,
            opens: false,
            closes: false,
            ends_policy: false,
        });
    }

    /// A line name as `override line`, `declare line` and `alias line` write it: a version
    /// or a string, in the form it was written in.
    fn line_name(&self, line: &Text) -> String {
        let quoted = self.src.as_bytes().get(line.span.start) == Some(&b'"') || !is_version(line);
        if quoted {
            quote(line)
        } else {
            line.node.clone()
        }
    }

    fn item_text(&self, kind: &ItemKind) -> String {
        match kind {
            ItemKind::Vendor(t) => format!("vendor {}", quote(t)),
            ItemKind::Announced(t) => format!("announced {}", quote(t)),
            ItemKind::Versions(t) => format!("versions {}", quote(t)),
            ItemKind::Line(parts) => format!("line {}", join(parts.iter().map(|p| p.node.clone()), ".")),
            ItemKind::Order { what, key } => format!("order {} by {}", what.node, key.node),
            ItemKind::Attribute { name, ty } => match ty {
                Some(ty) => format!("attribute {}: {}", name.node, ty.node),
                None => format!("attribute {}", name.node),
            },
            ItemKind::Prerelease(names) => {
                format!("prerelease {}", join(names.iter().map(|n| quote(n)), ", "))
            }
            ItemKind::Names { kind, values } => {
                format!(
                    "{} {}",
                    kind.keyword(),
                    join(values.iter().map(|n| quote(n)), ", ")
                )
            }
            ItemKind::LineAlias { line, names } => format!(
                "alias line {} {}",
                self.line_name(line),
                join(names.iter().map(|n| quote(n)), ", ")
            ),
            ItemKind::LineBuilds { line, from } => {
                format!("builds line {} from {}", self.line_name(line), quote(from))
            }
            ItemKind::Cadence { kind, every } => match every {
                Some(e) => format!("cadence {} every {}", kind.node, expr(e)),
                None => format!("cadence {} on demand", kind.node),
            },
            ItemKind::Superseded { grace, unit } => match grace {
                Some(g) => format!("superseded {} after newer {}", expr(g), unit.node),
                None => format!("superseded by newer {}", unit.node),
            },
            ItemKind::Service { id, label } => {
                let mut s = format!("service {}", id.node);
                push_label(&mut s, label.as_ref());
                s
            }
            ItemKind::Milestone { id, label, value } => {
                let mut s = format!("milestone {}", id.node);
                push_label(&mut s, label.as_ref());
                s.push_str(" = ");
                s.push_str(&expr(value));
                s
            }
            ItemKind::Override(given) | ItemKind::Declare(given) => {
                let line = &given.line;
                let keyword = if matches!(kind, ItemKind::Declare(_)) {
                    "declare"
                } else {
                    "override"
                };
                let mut s = format!("{keyword} line {} {}", self.line_name(line), given.target.node);
                if let Some(field) = &given.field {
                    s.push('.');
                    s.push_str(field);
                }
                s.push_str(&format!(
                    " = {} because {}",
                    expr(&given.value),
                    quote(&given.reason)
                ));
                s
            }
            ItemKind::Allow(what) => format!("allow {}", what.node),
            ItemKind::Upstream {
                alias,
                product,
                lines,
            } => {
                let mut s = format!("upstream {}", alias.node);
                if let Some(p) = product {
                    s.push_str(&format!(" = {}", p.node));
                }
                if !lines.is_empty() {
                    let maps = lines.iter().map(|(a, b)| format!("{} = {}", quote(a), quote(b)));
                    s.push_str(&format!(" line {}", join(maps, ", ")));
                }
                s
            }
            ItemKind::Source {
                kind,
                location,
                pattern,
                filter,
            } => {
                let mut s = format!("source {} {}", kind.node, quote(location));
                if let Some(p) = pattern {
                    s.push_str(&format!(" matching {}", quote(p)));
                }
                if let Some(c) = filter {
                    s.push_str(&format!(" where {}", cond(c)));
                }
                s
            }
            // Printed as blocks by `item`.
            ItemKind::Phase(_) | ItemKind::When { .. } => String::new(),
        }
    }

    /// Print a code line, with the comments before it.
    fn code(&mut self, code: Code) {
        self.comments_before(code.end, code.comment_depth);
        self.push(
            Line {
                kind: Kind::Code,
                depth: code.depth,
                text: code.text,
                trailing: None,
                start: code.start,
                end: code.end,
                last: code.end,
                opens: code.opens,
                ends_policy: code.ends_policy,
            },
            code.closes,
        );
    }

    /// Print every comment that starts before `offset`: at the end of the line
    /// printed last when it trails that line's code, else on a line of its own.
    fn comments_before(&mut self, offset: usize, depth: usize) {
        while let Some(c) = self.comments.get(self.next) {
            if c.span.start >= offset {
                break;
            }
            self.next += 1;
            let text = c.text.trim_end().to_owned();
            if let Some(prev) = self.lines.last_mut() {
                let trails = prev.kind == Kind::Code
                    && prev.trailing.is_none()
                    && prev.end <= c.span.start
                    && self
                        .src
                        .get(prev.end..c.span.start)
                        .is_some_and(|gap| gap.chars().all(|ch| ch == ' ' || ch == '\t'));
                if trails {
                    prev.trailing = Some(text);
                    prev.last = c.span.end;
                    continue;
                }
            }
            self.push(
                Line {
                    kind: Kind::Comment,
                    depth,
                    text,
                    trailing: None,
                    start: c.span.start,
                    end: c.span.end,
                    last: c.span.end,
                    opens: false,
                    ends_policy: false,
                },
                false,
            );
        }
    }

    /// Append a line, after a blank line where one belongs.
    fn push(&mut self, line: Line, closes: bool) {
        if let Some(prev) = self.lines.last() {
            let blank = if prev.opens || closes {
                false
            } else if prev.ends_policy {
                true
            } else {
                prev.last <= line.start && has_blank_line(self.src.get(prev.last..line.start).unwrap_or(""))
            };
            if blank {
                self.lines.push(Line {
                    kind: Kind::Blank,
                    depth: 0,
                    text: String::new(),
                    trailing: None,
                    start: line.start,
                    end: line.start,
                    last: line.start,
                    opens: false,
                    ends_policy: false,
                });
            }
        }
        self.lines.push(line);
    }

    fn has_comment_in(&self, start: usize, end: usize) -> bool {
        self.comments
            .iter()
            .any(|c| c.span.start > start && c.span.start < end)
    }

    /// The end of the last token of `span`. The parser's spans of rules that end
    /// in an optional or repeated part also cover the white space and comments
    /// after the last token (pest keeps the skip before an absent `?` or `*`).
    fn code_end(&self, span: Span) -> usize {
        let mut end = span.end;
        loop {
            let text = self.src.get(span.start..end).unwrap_or("");
            end = span.start + text.trim_end_matches(is_space).len();
            let i = self.comments.partition_point(|c| c.span.start < end);
            match i.checked_sub(1).and_then(|i| self.comments.get(i)) {
                Some(c) if c.span.start >= span.start && end <= c.span.end => end = c.span.start,
                _ => return end,
            }
        }
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether `gap` holds a line with nothing but white space on it.
fn has_blank_line(gap: &str) -> bool {
    let parts: Vec<&str> = gap.split('\n').collect();
    parts.len() > 2
        && parts
            .iter()
            .skip(1)
            .take(parts.len() - 2)
            .any(|p| p.chars().all(is_space))
}

/// The offset of the `{` that opens the block of the construct starting at
/// `from`: the first one outside strings and comments.
fn open_brace(src: &str, from: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = from;
    while i < end {
        match bytes.get(i) {
            Some(b'{') => return i,
            Some(b'"') => {
                i = crate::parser::skip_string(bytes, i);
                continue;
            }
            Some(b'#') => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                continue;
            }
            Some(_) => {}
            None => break,
        }
        i += 1;
    }
    from
}

fn join(parts: impl Iterator<Item = String>, sep: &str) -> String {
    parts.collect::<Vec<_>>().join(sep)
}

/// A string literal: `\` and `"` escaped, everything else as it is.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Whether `s` reads as a bare `version` token (a line name written without quotes).
pub fn is_version(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn push_label(out: &mut String, label: Option<&Label>) {
    if let Some(label) = label {
        out.push(' ');
        out.push_str(&quote(&label.text));
        for (lang, text) in &label.translations {
            out.push(' ');
            out.push_str(lang);
            out.push(' ');
            out.push_str(&quote(text));
        }
    }
}

fn stmt_text(kind: &PhaseStmtKind) -> String {
    match kind {
        PhaseStmtKind::From(e) => format!("from {}", expr(e)),
        PhaseStmtKind::Until(e) => format!("until {}", expr(e)),
        PhaseStmtKind::Through(e) => format!("through {}", expr(e)),
        PhaseStmtKind::Provides(ids) => {
            format!("provides {}", join(ids.iter().map(|i| i.node.clone()), ", "))
        }
        PhaseStmtKind::Allow(what) => format!("allow {}", what.node),
    }
}

fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Date(d) => d.clone(),
        ExprKind::Duration { amount, unit } => format!("{} {}", amount.node, unit.node),
        ExprKind::Name(n) => n.node.clone(),
        ExprKind::Call { func, args } => format!("{}({})", func.node, join(args.iter().map(arg), ", ")),
        ExprKind::Binary { op, lhs, rhs } => format!("{} {} {}", expr(lhs), op.as_str(), expr(rhs)),
        ExprKind::Paren(inner) => format!("({})", expr(inner)),
        ExprKind::Of { inner, upstream } => format!("{} of {}", expr(inner), upstream.node),
        ExprKind::UnlessDeclared(inner) => format!("{} unless declared", expr(inner)),
    }
}

/// A calendar-day pattern as the canonical layout writes it: `2nd thursday of feb may`.
pub fn pattern_text(p: &Pattern) -> String {
    match &p.kind {
        PatternKind::Day { name, day } => format!("{} {}", name.node, day.node),
        PatternKind::Weekday {
            ordinal,
            weekday,
            months,
        } => {
            let mut s = format!("{} {}", ordinal.node, weekday.node);
            if !months.is_empty() {
                s.push_str(" of ");
                s.push_str(&join(months.iter().map(|m| m.node.clone()), " "));
            }
            s
        }
    }
}

fn arg(a: &Arg) -> String {
    match a {
        Arg::Expr(e) => expr(e),
        Arg::Pattern(p) => pattern_text(p),
        Arg::Selector {
            older, newer, filter, ..
        } => {
            let dir = if *older { "older" } else { "newer" };
            match filter {
                Some(c) => format!("{dir} {} where {}", newer.node, cond(c)),
                None => format!("{dir} {}", newer.node),
            }
        }
    }
}

fn cond(c: &Cond) -> String {
    match &c.kind {
        CondKind::Or(parts) => join(parts.iter().map(cond), " or "),
        CondKind::And(parts) => join(parts.iter().map(cond), " and "),
        CondKind::Not(inner) => format!("not {}", cond(inner)),
        CondKind::Is { subject, class } => format!("{} is {}", subject.node, class.node),
        CondKind::Compare { lhs, op, rhs } => {
            format!("{} {} {}", operand(lhs), op.node.as_str(), operand(rhs))
        }
        CondKind::Flag(name) => name.node.clone(),
        CondKind::Same(name) => format!("same {}", name.node),
        CondKind::LastOf(name) => format!("last of {}", name.node),
        CondKind::Matches { subject, pattern } => {
            format!("{} matches {}", operand(subject), quote(&pattern.node))
        }
        CondKind::Paren(inner) => format!("({})", cond(inner)),
    }
}

fn operand(o: &Operand) -> String {
    match &o.kind {
        OperandKind::Line => "line".to_owned(),
        OperandKind::Name(s) | OperandKind::Version(s) | OperandKind::Date(s) => s.clone(),
        OperandKind::Text(s) => quote(s),
        OperandKind::Arith(a) => arith(a),
    }
}

/// `(minor - 1) % 4`: the tree keeps the parentheses that were written, and only those
/// are needed to read it back the same.
pub fn arith(a: &Arith) -> String {
    match &a.kind {
        ArithKind::Number(n) => n.clone(),
        ArithKind::Name(n) => n.node.clone(),
        ArithKind::Binary { op, lhs, rhs } => format!("{} {} {}", arith(lhs), op.as_str(), arith(rhs)),
        ArithKind::Paren(inner) => format!("({})", arith(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    /// Format, and check that formatting again changes nothing.
    fn fmt(src: &str) -> String {
        let once = format(src).unwrap();
        assert_eq!(format(&once).unwrap(), once, "not idempotent");
        once
    }

    #[test]
    fn trailing_comments_stay_on_their_line() {
        let src = "policy x \"X\" {   # header\n  vendor \"V\"# vendor\n  phase p { # open\n from a   # stmt\n } # close\n} # policy\n";
        assert_eq!(
            fmt(src),
            "policy x \"X\" { # header\n  vendor \"V\" # vendor\n  phase p { # open\n    from a # stmt\n  } # close\n} # policy\n"
        );
    }

    #[test]
    fn comment_before_closing_brace_is_indented_as_the_contents() {
        let src = "policy x {\nvendor \"V\"\n# end of x\n  phase p {\n  from a\n# end of p\n}\n}\n";
        assert_eq!(
            fmt(src),
            "policy x {\n  vendor \"V\"\n  # end of x\n  phase p {\n    from a\n    # end of p\n  }\n}\n"
        );
    }

    #[test]
    fn comments_before_the_first_policy_keep_their_blank_lines() {
        let src = "\n\n# one\n\n\n\n# two\n# three\n\npolicy x {}\n";
        assert_eq!(fmt(src), "# one\n\n# two\n# three\n\npolicy x {}\n");
        assert_eq!(fmt("# one\npolicy x {}"), "# one\npolicy x {}\n");
    }

    #[test]
    fn comment_inside_a_multi_line_expression_moves_before_the_statement() {
        let src = "policy x {\n  phase p {\n    until first_ship # why\n      + 4 years # total\n  }\n}\n";
        assert_eq!(
            fmt(src),
            "policy x {\n  phase p {\n    # why\n    until first_ship + 4 years # total\n  }\n}\n"
        );
    }

    #[test]
    fn comments_inside_block_headers_move_before_the_header() {
        let src = "policy # a\n x \"X\" # b\n{\n  when lts # c\n    and beta { allow gaps }\n}\n";
        assert_eq!(
            fmt(src),
            "# a\n# b\npolicy x \"X\" {\n  # c\n  when lts and beta {\n    allow gaps\n  }\n}\n"
        );
    }

    #[test]
    fn policies_are_separated_by_one_blank_line() {
        let src = "policy a {} policy b {}\n# about c\npolicy c {}\n\n\n\npolicy d {}\n# end";
        assert_eq!(
            fmt(src),
            "policy a {}\n\npolicy b {}\n\n# about c\npolicy c {}\n\npolicy d {}\n\n# end\n"
        );
    }

    #[test]
    fn a_comment_keeps_an_empty_block_open() {
        assert_eq!(fmt("policy x { phase p { } }"), "policy x {\n  phase p {}\n}\n");
        assert_eq!(
            fmt("policy x { phase p {\n # later\n } }"),
            "policy x {\n  phase p {\n    # later\n  }\n}\n"
        );
        assert_eq!(fmt("policy x { # soon\n}"), "policy x { # soon\n}\n");
    }

    #[test]
    fn blank_lines_are_kept_once_but_not_after_open_or_before_close() {
        let src = "policy x {\n\n\n  vendor \"V\"\n\n\n\n  # about line\n\n  line major\n\n}\n";
        assert_eq!(
            fmt(src),
            "policy x {\n  vendor \"V\"\n\n  # about line\n\n  line major\n}\n"
        );
        let src = "policy x {\n\n  # first\n  vendor \"V\"\n\n  # last\n\n}\n";
        assert_eq!(fmt(src), "policy x {\n  # first\n  vendor \"V\"\n\n  # last\n}\n");
    }

    #[test]
    fn two_items_on_one_line_give_the_comment_to_the_second() {
        let src = "policy x { vendor \"V\" versions \"major\" # both\n}\n";
        assert_eq!(
            fmt(src),
            "policy x {\n  vendor \"V\"\n  versions \"major\" # both\n}\n"
        );
    }

    #[test]
    fn comment_text_is_verbatim_but_trimmed() {
        let src = "policy x {\n  #tight  \t\n  vendor \"# not a comment\" #  spaced  \n}\n";
        assert_eq!(
            fmt(src),
            "policy x {\n  #tight\n  vendor \"# not a comment\" #  spaced\n}\n"
        );
    }

    #[test]
    fn crlf_and_bom_are_dropped() {
        let src = "\u{feff}# c\r\n\r\npolicy x {\r\n  vendor \"V\" # t\r\n}\r\n";
        assert_eq!(fmt(src), "# c\n\npolicy x {\n  vendor \"V\" # t\n}\n");
    }

    #[test]
    fn comment_only_and_empty_files() {
        assert_eq!(fmt("  # a\n\n\n#b"), "# a\n\n#b\n");
        assert_eq!(fmt(""), "");
        assert_eq!(fmt(" \r\n\n"), "");
    }

    #[test]
    fn a_file_that_does_not_parse_is_not_formatted() {
        let errors = format("policy x { vendor }\n").unwrap_err();
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|d| d.is_error()));
        assert_eq!(errors[0].code, "eol::syntax");
    }

    #[test]
    fn strings_are_re_escaped() {
        let src = "policy x \"a\\\"b\\\\c\" { override line \"7.x y\" p = 2020-01-01 because \"\\\"\" }";
        assert_eq!(
            fmt(src),
            "policy x \"a\\\"b\\\\c\" {\n  override line \"7.x y\" p = 2020-01-01 because \"\\\"\"\n}\n"
        );
    }

    #[test]
    fn override_line_names_keep_their_form() {
        let src = "policy x { override line 16 p.end = 2020-01-01 because \"a\"\noverride line \"16\" p = 2020-01-01 because \"b\" }";
        assert_eq!(
            fmt(src),
            "policy x {\n  override line 16 p.end = 2020-01-01 because \"a\"\n  override line \"16\" p = 2020-01-01 because \"b\"\n}\n"
        );
    }

    #[test]
    fn deep_not_chains_are_refused_however_they_are_spaced() {
        // Once, 33 `not`s on separate lines parsed but could not be printed back on one
        // line; the nesting guard now counts `not` as a word, so both layouts are refused.
        for sep in [" ", "\n", "\t", " # c\n"] {
            let src = format!("policy x {{ when {}lts {{}} }}", format!("not{sep}").repeat(33));
            let errors = format(&src).unwrap_err();
            assert_eq!(errors[0].code, "eol::nesting-too-deep", "{sep:?}");
        }
    }
}
