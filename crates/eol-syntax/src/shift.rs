//! Moving every span of a tree or a diagnostic by a number of bytes.
//!
//! The language server keeps what it parsed and checked of each policy, with spans
//! counted from the start of the policy's text, and moves them to where the policy
//! stands in the file when it re-checks it (`eol_engine::ide::incremental`). The
//! matches here name every field, so a span added to a node later cannot be missed:
//! it does not compile until it is listed.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Label as DiagLabel};
use crate::span::{Span, Spanned};

/// Something that holds spans: each moves `by` bytes to the right.
pub trait Shift {
    fn shift_spans(&mut self, by: usize);
}

impl Shift for Span {
    fn shift_spans(&mut self, by: usize) {
        *self = self.shift(by);
    }
}

/// The nodes of [`Spanned`] in the tree are strings and operators: only the span moves.
impl<T> Shift for Spanned<T> {
    fn shift_spans(&mut self, by: usize) {
        self.span.shift_spans(by);
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift_spans(&mut self, by: usize) {
        for x in self {
            x.shift_spans(by);
        }
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift_spans(&mut self, by: usize) {
        if let Some(x) = self {
            x.shift_spans(by);
        }
    }
}

impl<T: Shift> Shift for Box<T> {
    fn shift_spans(&mut self, by: usize) {
        (**self).shift_spans(by);
    }
}

impl<A: Shift, B: Shift> Shift for (A, B) {
    fn shift_spans(&mut self, by: usize) {
        self.0.shift_spans(by);
        self.1.shift_spans(by);
    }
}

impl Shift for DiagLabel {
    fn shift_spans(&mut self, by: usize) {
        let DiagLabel { span, text: _ } = self;
        span.shift_spans(by);
    }
}

impl Shift for Diagnostic {
    fn shift_spans(&mut self, by: usize) {
        let Diagnostic {
            code: _,
            severity: _,
            message: _,
            primary,
            related,
            help: _,
        } = self;
        primary.shift_spans(by);
        related.shift_spans(by);
    }
}

impl Shift for Comment {
    fn shift_spans(&mut self, by: usize) {
        let Comment { text: _, span } = self;
        span.shift_spans(by);
    }
}

impl Shift for Label {
    fn shift_spans(&mut self, by: usize) {
        let Label {
            text,
            translations,
            span,
        } = self;
        text.shift_spans(by);
        translations.shift_spans(by);
        span.shift_spans(by);
    }
}

impl Shift for Policy {
    fn shift_spans(&mut self, by: usize) {
        let Policy {
            id,
            label,
            extends,
            items,
            span,
        } = self;
        id.shift_spans(by);
        label.shift_spans(by);
        extends.shift_spans(by);
        items.shift_spans(by);
        span.shift_spans(by);
    }
}

impl Shift for Item {
    fn shift_spans(&mut self, by: usize) {
        let Item { kind, span } = self;
        kind.shift_spans(by);
        span.shift_spans(by);
    }
}

impl Shift for ItemKind {
    fn shift_spans(&mut self, by: usize) {
        match self {
            ItemKind::Vendor(t) | ItemKind::Announced(t) | ItemKind::Versions(t) => t.shift_spans(by),
            ItemKind::Line(ids) => ids.shift_spans(by),
            ItemKind::Order { what, key } => {
                what.shift_spans(by);
                key.shift_spans(by);
            }
            ItemKind::Attribute { name, ty } => {
                name.shift_spans(by);
                ty.shift_spans(by);
            }
            ItemKind::Prerelease(ts) => ts.shift_spans(by),
            ItemKind::Names { kind: _, values } => values.shift_spans(by),
            ItemKind::LineAlias { line, names } => {
                line.shift_spans(by);
                names.shift_spans(by);
            }
            ItemKind::LineBuilds { line, from } => {
                line.shift_spans(by);
                from.shift_spans(by);
            }
            ItemKind::Cadence { kind, every } => {
                kind.shift_spans(by);
                every.shift_spans(by);
            }
            ItemKind::Service { id, label } => {
                id.shift_spans(by);
                label.shift_spans(by);
            }
            ItemKind::Superseded { grace, unit } => {
                grace.shift_spans(by);
                unit.shift_spans(by);
            }
            ItemKind::Phase(p) => p.shift_spans(by),
            ItemKind::Milestone { id, label, value } => {
                id.shift_spans(by);
                label.shift_spans(by);
                value.shift_spans(by);
            }
            ItemKind::When { cond, items } => {
                cond.shift_spans(by);
                items.shift_spans(by);
            }
            ItemKind::Override(given) | ItemKind::Declare(given) => given.shift_spans(by),
            ItemKind::Allow(id) => id.shift_spans(by),
            ItemKind::Upstream {
                alias,
                product,
                lines,
            } => {
                alias.shift_spans(by);
                product.shift_spans(by);
                lines.shift_spans(by);
            }
            ItemKind::Source {
                kind,
                location,
                pattern,
                filter,
            } => {
                kind.shift_spans(by);
                location.shift_spans(by);
                pattern.shift_spans(by);
                filter.shift_spans(by);
            }
        }
    }
}

impl Shift for LineDate {
    fn shift_spans(&mut self, by: usize) {
        self.line.shift_spans(by);
        self.target.shift_spans(by);
        self.field.shift_spans(by);
        self.value.shift_spans(by);
        self.reason.shift_spans(by);
    }
}

impl Shift for Phase {
    fn shift_spans(&mut self, by: usize) {
        let Phase {
            id,
            label,
            role,
            more_roles,
            free,
            stmts,
            body,
        } = self;
        id.shift_spans(by);
        label.shift_spans(by);
        role.shift_spans(by);
        more_roles.shift_spans(by);
        free.shift_spans(by);
        stmts.shift_spans(by);
        body.shift_spans(by);
    }
}

impl Shift for PhaseStmt {
    fn shift_spans(&mut self, by: usize) {
        let PhaseStmt { kind, span } = self;
        match kind {
            PhaseStmtKind::From(e) | PhaseStmtKind::Until(e) | PhaseStmtKind::Through(e) => e.shift_spans(by),
            PhaseStmtKind::Provides(ids) => ids.shift_spans(by),
            PhaseStmtKind::Allow(id) => id.shift_spans(by),
        }
        span.shift_spans(by);
    }
}

impl Shift for Expr {
    fn shift_spans(&mut self, by: usize) {
        let Expr { kind, span } = self;
        match kind {
            ExprKind::Date(_) => {}
            ExprKind::Duration { amount, unit } => {
                amount.shift_spans(by);
                unit.shift_spans(by);
            }
            ExprKind::Name(id) => id.shift_spans(by),
            ExprKind::Call { func, args } => {
                func.shift_spans(by);
                args.shift_spans(by);
            }
            ExprKind::Binary { op: _, lhs, rhs } => {
                lhs.shift_spans(by);
                rhs.shift_spans(by);
            }
            ExprKind::Paren(e) | ExprKind::UnlessDeclared(e) => e.shift_spans(by),
            ExprKind::Of { inner, upstream } => {
                inner.shift_spans(by);
                upstream.shift_spans(by);
            }
        }
        span.shift_spans(by);
    }
}

impl Shift for Arg {
    fn shift_spans(&mut self, by: usize) {
        match self {
            Arg::Expr(e) => e.shift_spans(by),
            Arg::Pattern(p) => p.shift_spans(by),
            Arg::Selector {
                older: _,
                newer,
                filter,
                span,
            } => {
                newer.shift_spans(by);
                filter.shift_spans(by);
                span.shift_spans(by);
            }
        }
    }
}

impl Shift for Pattern {
    fn shift_spans(&mut self, by: usize) {
        let Pattern { kind, span } = self;
        match kind {
            PatternKind::Day { name, day } => {
                name.shift_spans(by);
                day.shift_spans(by);
            }
            PatternKind::Weekday {
                ordinal,
                weekday,
                months,
            } => {
                ordinal.shift_spans(by);
                weekday.shift_spans(by);
                months.shift_spans(by);
            }
        }
        span.shift_spans(by);
    }
}

impl Shift for Cond {
    fn shift_spans(&mut self, by: usize) {
        let Cond { kind, span } = self;
        match kind {
            CondKind::Or(cs) | CondKind::And(cs) => cs.shift_spans(by),
            CondKind::Not(c) | CondKind::Paren(c) => c.shift_spans(by),
            CondKind::Is { subject, class } => {
                subject.shift_spans(by);
                class.shift_spans(by);
            }
            CondKind::Compare { lhs, op, rhs } => {
                lhs.shift_spans(by);
                op.shift_spans(by);
                rhs.shift_spans(by);
            }
            CondKind::Flag(id) | CondKind::Same(id) | CondKind::LastOf(id) => id.shift_spans(by),
            CondKind::Matches { subject, pattern } => {
                subject.shift_spans(by);
                pattern.shift_spans(by);
            }
        }
        span.shift_spans(by);
    }
}

impl Shift for Operand {
    fn shift_spans(&mut self, by: usize) {
        let Operand { kind, span } = self;
        match kind {
            OperandKind::Arith(a) => a.shift_spans(by),
            OperandKind::Line
            | OperandKind::Name(_)
            | OperandKind::Version(_)
            | OperandKind::Text(_)
            | OperandKind::Date(_) => {}
        }
        span.shift_spans(by);
    }
}

impl Shift for Arith {
    fn shift_spans(&mut self, by: usize) {
        let Arith { kind, span } = self;
        match kind {
            ArithKind::Number(_) => {}
            ArithKind::Name(id) => id.shift_spans(by),
            ArithKind::Binary { op: _, lhs, rhs } => {
                lhs.shift_spans(by);
                rhs.shift_spans(by);
            }
            ArithKind::Paren(a) => a.shift_spans(by),
        }
        span.shift_spans(by);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::Shift;

    /// A policy parsed alone and moved to where it stands equals the policy parsed in
    /// its file, spans included (the tree's `Debug` prints every span).
    #[test]
    fn a_policy_parsed_alone_and_moved_equals_it_parsed_in_place() {
        let policy = "policy x \"X\" de \"Y\" {\n  versions \"major.minor\"\n  line major\n  attribute lts\n  service s\n  phase p \"P\" {\n    role active\n    from first_ship(newer 1 where lts and major % 2 == 0)\n    until next(march 31, end_of_month(first_ship + 1 year)) of up\n    provides s\n  }\n  milestone m = max(end(p), 2nd tuesday of feb) unless declared\n  when not lts { phase p { until end(p) - 1 day } }\n  override line \"1.2\" p.end = 2024-01-01 because \"r\"\n  upstream up = other line \"1\" = \"2\"\n  source github-releases \"a/b\" matching \"v{version}\" where line >= 1.0\n}";
        let prefix = "# a comment\n\n";
        let whole = crate::parse(&format!("{prefix}{policy}"));
        let mut alone = crate::parse(policy);
        alone.file.policies.shift_spans(prefix.len());
        assert_eq!(
            format!("{:?}", alone.file.policies),
            format!("{:?}", whole.file.policies)
        );
    }
}
