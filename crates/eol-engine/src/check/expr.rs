//! Date and duration expressions: names, arithmetic, calls of the built-in functions (see [`crate::builtins`]), line selectors and `of UPSTREAM`.

use chrono::NaiveDate;
use eol_syntax::ast::{self, ExprKind};
use eol_syntax::{Code, Diagnostic, Span, Spanned};

use super::{unknown, Checker, Ty, FUNCTIONS, MAX_AMOUNT, MAX_YEAR, NAMES, UNITS};
use crate::builtins::{self, Function, LineDate, PhaseEdge};
use crate::dates::Unit;
use crate::model::*;

impl Checker<'_> {
    pub(super) fn ty(&self, e: &ast::Expr) -> Ty {
        match &e.kind {
            ExprKind::Duration { .. } => Ty::Duration,
            ExprKind::Paren(inner) | ExprKind::UnlessDeclared(inner) => self.ty(inner),
            ExprKind::Binary { lhs, .. } => self.ty(lhs),
            // `about(6 months)` is a duration, `about(DATE)` a date
            ExprKind::Call { func, args } if func.node == "about" => match args.first() {
                Some(ast::Arg::Expr(inner)) => self.ty(inner),
                _ => Ty::Date,
            },
            _ => Ty::Date,
        }
    }

    pub(super) fn date(&mut self, e: &ast::Expr) -> Option<DateExpr> {
        if self.ty(e) == Ty::Duration {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    "expected a date, found a duration",
                    e.span,
                    "this is a duration",
                )
                .with_help("add the duration to a date, e.g. `first_ship + 4 years`"),
            );
            return None;
        }
        let kind = match &e.kind {
            ExprKind::Date(text) => DateKind::Literal(self.literal(text, e.span)?),
            ExprKind::Name(name) => self.date_name(name)?,
            ExprKind::Paren(inner) => return self.date(inner),
            ExprKind::Binary { op, lhs, rhs } => self.shifted(e, op, lhs, rhs)?,
            ExprKind::Duration { .. } => return None,
            ExprKind::Call { func, args } => self.call(func, args, e.span)?,
            ExprKind::Of { inner, upstream } => self.upstream_date(inner, upstream)?,
            ExprKind::UnlessDeclared(inner) => DateKind::UnlessDeclared(Box::new(self.date(inner)?)),
        };
        Some(DateExpr { kind, span: e.span })
    }

    /// `version_month`: the month the line's version names, read from its `year` and
    /// `month` components, which must both be part of the line.
    fn version_month(&mut self, name: &ast::Ident) -> Option<DateKind> {
        let line = self.components.get(..self.line_len).unwrap_or(&self.components);
        let find = |c: &str| line.iter().position(|x| x == c);
        if let (Some(year), Some(month)) = (find("year"), find("month")) {
            return Some(DateKind::VersionMonth { year, month });
        }
        let written = line.join(".");
        self.err(
            Diagnostic::error(
                Code::NoVersionMonth,
                format!("`version_month` reads the line's `year` and `month`, but a line here is `{written}`"),
                name.span,
                "the line names no month",
            )
            .with_help(
                "for versions named by year and month, name their components so: `versions \"year.month.patch\"` \
                 and `line year.month`; otherwise count from `first_ship`",
            ),
        );
        None
    }

    /// A name as a date: `first_ship`, `latest`, `final`, a milestone or a date attribute.
    fn date_name(&mut self, name: &ast::Ident) -> Option<DateKind> {
        Some(match name.node.as_str() {
            "first_ship" => DateKind::FirstShip(None),
            "latest" => DateKind::Latest(None),
            "final" => DateKind::Final(None),
            "version_month" => return self.version_month(name),
            other => match self.milestone_index(other) {
                Some(i) => DateKind::Milestone(i),
                None if self.attribute_index(other).is_some() => {
                    let i = self.attribute_index(other).unwrap_or(0);
                    if self.attributes.get(i).is_some_and(|a| a.ty != AttrType::Date) {
                        self.err(
                            Diagnostic::error(
                                Code::TypeMismatch,
                                format!("attribute `{other}` is not a date"),
                                name.span,
                                "not a date attribute",
                            )
                            .with_help(format!(
                                "declare it `attribute {other}: date` if the catalog gives dates"
                            )),
                        );
                        return None;
                    }
                    DateKind::Attr(i, None)
                }
                None => {
                    if self.phase_index(other).is_some() {
                        self.err(
                            Diagnostic::error(
                                Code::TypeMismatch,
                                format!("`{other}` is a phase, not a date"),
                                name.span,
                                "a phase",
                            )
                            .with_help(format!("write `start({other})` or `end({other})`")),
                        );
                    } else if FUNCTIONS.contains(&other) {
                        self.err(
                            Diagnostic::error(
                                Code::WrongArguments,
                                format!("`{other}` is a function"),
                                name.span,
                                "needs arguments",
                            )
                            .with_help(format!("call it: `{other}(...)`")),
                        );
                    } else {
                        let known: Vec<&str> = NAMES
                            .iter()
                            .copied()
                            .chain(self.milestones.iter().map(|m| m.id.as_str()))
                            .collect();
                        self.diags
                            .push(unknown(Code::UnknownName, "date name", name, &known));
                    }
                    return None;
                }
            },
        })
    }

    /// `DATE + DURATION`, `DATE - DURATION`: one shift, approximate with `about`.
    fn shifted(
        &mut self,
        e: &ast::Expr,
        op: &ast::BinOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
    ) -> Option<DateKind> {
        if self.ty(rhs) == Ty::Date {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    "expected a duration, found a date",
                    rhs.span,
                    "this is a date",
                )
                .with_help(format!(
                    "dates cannot be {}; use `min(...)`/`max(...)` to pick between dates",
                    if *op == ast::BinOp::Add {
                        "added"
                    } else {
                        "subtracted"
                    }
                )),
            );
            self.date(lhs);
            return None;
        }
        let negative = *op == ast::BinOp::Sub;
        if let Some((name, unit)) = per_line_amount(rhs) {
            // `first_ship + term years`: the amount is the line's attribute.
            let base = self.date(lhs);
            let amount = self.attr_amount(name, unit, negative, name.span.to(unit.span));
            let shifted = DateKind::ShiftByAttr(Box::new(base?), amount?);
            return Some(if about_in(rhs) {
                DateKind::Approximate(Box::new(DateExpr {
                    kind: shifted,
                    span: e.span,
                }))
            } else {
                shifted
            });
        }
        let base = self.date(lhs);
        let d = self.duration(rhs)?;
        let d = if negative { d.negated() } else { d };
        let base = base?;
        // Fold `a + 1 year + 6 months` into one shift.
        let shifted = match base.kind {
            DateKind::Shift(inner, mut prev) => {
                prev.parts.extend(d.parts);
                DateKind::Shift(inner, prev)
            }
            other => DateKind::Shift(
                Box::new(DateExpr {
                    kind: other,
                    span: base.span,
                }),
                d,
            ),
        };
        // `+ about(6 months)`: the policy calls the result approximate.
        Some(if about_in(rhs) {
            DateKind::Approximate(Box::new(DateExpr {
                kind: shifted,
                span: e.span,
            }))
        } else {
            shifted
        })
    }

    /// `first_ship of UPSTREAM`, `end(PHASE, newer 1) of UPSTREAM`, ...
    pub(super) fn upstream_date(&mut self, inner: &ast::Expr, upstream: &ast::Ident) -> Option<DateKind> {
        const USAGE: &str = "`first_ship of UPSTREAM`, `latest of UPSTREAM`, `start(PHASE) of UPSTREAM` or \
                             `end(PHASE) of UPSTREAM`, optionally with `newer N` or `older N`";
        let Some(index) = self.upstreams.iter().position(|a| *a == upstream.node) else {
            let known: Vec<&str> = self.upstreams.iter().map(String::as_str).collect();
            let mut d = unknown(Code::UnknownUpstream, "upstream", upstream, &known);
            if known.is_empty() {
                d.help = Some(format!(
                    "declare it first: `upstream {}` (or `upstream ALIAS = PRODUCT-ID`)",
                    upstream.node
                ));
            }
            self.err(d);
            return None;
        };
        let form = |this: &mut Self, span: Span| {
            this.err(
                Diagnostic::error(
                    Code::UpstreamExpression,
                    "`of` reads a release date or a phase boundary of an upstream line",
                    span,
                    "cannot be read from an upstream",
                )
                .with_help(format!(
                    "write {USAGE}; do arithmetic outside: `end(lts) of debian + 1 day`"
                )),
            );
        };
        let select = |this: &mut Self, arg: &ast::Arg, name: &str| -> Option<(bool, usize)> {
            if let ast::Arg::Selector { filter: Some(c), .. } = arg {
                this.err(
                    Diagnostic::error(
                        Code::UpstreamExpression,
                        "a selector on an upstream line cannot have `where`",
                        c.span,
                        "a condition on the upstream's lines",
                    )
                    .with_help("count upstream lines without a condition: `newer N` or `older N`"),
                );
                return None;
            }
            let s = this.selector(arg, name, USAGE)?;
            Some((s.older, s.newer))
        };
        let (what, sel) = match &inner.kind {
            ExprKind::Paren(e) => return self.upstream_date(e, upstream),
            ExprKind::Name(n) if n.node == "first_ship" => (UpstreamDate::FirstShip, None),
            ExprKind::Name(n) if n.node == "latest" => (UpstreamDate::Latest, None),
            ExprKind::Call { func, args } if matches!(func.node.as_str(), "first_ship" | "latest") => {
                let [arg] = args.as_slice() else {
                    form(self, inner.span);
                    return None;
                };
                let sel = select(self, arg, &func.node)?;
                let what = if func.node == "latest" {
                    UpstreamDate::Latest
                } else {
                    UpstreamDate::FirstShip
                };
                (what, Some(sel))
            }
            ExprKind::Call { func, args } if matches!(func.node.as_str(), "start" | "end" | "last_day") => {
                let phase = match args.first() {
                    Some(ast::Arg::Expr(ast::Expr {
                        kind: ExprKind::Name(id),
                        ..
                    })) if args.len() <= 2 => id.node.clone(),
                    _ => {
                        form(self, inner.span);
                        return None;
                    }
                };
                let sel = match args.get(1) {
                    Some(a) => Some(select(self, a, &func.node)?),
                    None => None,
                };
                let what = match func.node.as_str() {
                    "start" => UpstreamDate::Start(phase),
                    "last_day" => UpstreamDate::LastDay(phase),
                    _ => UpstreamDate::End(phase),
                };
                (what, sel)
            }
            _ => {
                form(self, inner.span);
                return None;
            }
        };
        Some(DateKind::Upstream {
            upstream: index,
            what,
            select: sel,
        })
    }

    pub(super) fn literal(&mut self, text: &str, span: Span) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|d| {
            use chrono::Datelike;
            (1..=MAX_YEAR).contains(&d.year()) && text.len() == 10
        });
        if parsed.is_none() {
            self.err(
                Diagnostic::error(
                    Code::InvalidDate,
                    format!("`{text}` is not a calendar date"),
                    span,
                    "not a date",
                )
                .with_help(format!(
                    "write a date as YYYY-MM-DD with a year up to {MAX_YEAR}, e.g. `2023-09-11`"
                )),
            );
        }
        parsed
    }

    /// `term years` after `DATE +`: the `number` attribute `name` as an amount of `unit`.
    fn attr_amount(
        &mut self,
        name: &ast::Text,
        unit: &ast::Ident,
        negative: bool,
        span: Span,
    ) -> Option<AttrAmount> {
        let unit = self.unit(unit)?;
        let Some(attr) = self.attribute_index(&name.node) else {
            self.unknown_attribute_of(name, ": number");
            return None;
        };
        if self
            .attributes
            .get(attr)
            .is_some_and(|a| a.ty != AttrType::Number)
        {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!("attribute `{}` is not a number", name.node),
                    name.span,
                    "not a number attribute",
                )
                .with_help(format!(
                    "an amount read from the catalog needs `attribute {}: number`",
                    name.node
                )),
            );
            return None;
        }
        Some(AttrAmount {
            attr,
            unit,
            negative,
            span,
        })
    }

    /// A duration's unit, singular or plural.
    fn unit(&mut self, unit: &ast::Ident) -> Option<Unit> {
        match unit.node.as_str() {
            "day" | "days" => Some(Unit::Day),
            "week" | "weeks" => Some(Unit::Week),
            "month" | "months" => Some(Unit::Month),
            "year" | "years" => Some(Unit::Year),
            _ => {
                self.unknown(Code::UnknownUnit, "unit", unit, &UNITS);
                None
            }
        }
    }

    pub(super) fn duration(&mut self, e: &ast::Expr) -> Option<Duration> {
        match &e.kind {
            ExprKind::Duration { amount, unit } if !is_digits(&amount.node) => {
                self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        format!(
                            "`{} {}` differs from line to line; a fixed duration belongs here",
                            amount.node, unit.node
                        ),
                        e.span,
                        "read from each line's attribute",
                    )
                    .with_help(format!(
                        "write a fixed amount here (`6 months`); a line's attribute is an amount only where it \
                         is added to or subtracted from a date by itself, as in `DATE + {} {}`",
                        amount.node, unit.node
                    )),
                );
                None
            }
            ExprKind::Duration { amount, unit } => {
                let n = self.amount(amount)?;
                let unit = self.unit(unit)?;
                Some(Duration {
                    parts: vec![(n, unit)],
                })
            }
            ExprKind::Paren(inner) => self.duration(inner),
            // `about(6 months)`: the duration; the date it shifts is marked estimated
            ExprKind::Call { func, args } if func.node == "about" => match args.as_slice() {
                [ast::Arg::Expr(inner)] => self.duration(inner),
                _ => {
                    self.err(
                        Diagnostic::error(
                            Code::WrongArguments,
                            "`about` takes one date or one duration",
                            e.span,
                            format!("{} arguments given", args.len()),
                        )
                        .with_help("write `about(DATE)`, or `DATE + about(DURATION)`"),
                    );
                    None
                }
            },
            ExprKind::Binary { op, lhs, rhs } => {
                let a = self.duration(lhs);
                let b = self.duration(rhs)?;
                let mut a = a?;
                let b = if *op == ast::BinOp::Sub { b.negated() } else { b };
                a.parts.extend(b.parts);
                Some(a)
            }
            _ => {
                self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        "expected a duration, found a date",
                        e.span,
                        "this is a date",
                    )
                    .with_help("write a duration such as `4 years`, `18 months`, `6 weeks` or `1 day`"),
                );
                None
            }
        }
    }

    pub(super) fn amount(&mut self, amount: &Spanned<String>) -> Option<i64> {
        match amount.node.parse::<i64>() {
            Ok(n) if n <= MAX_AMOUNT => Some(n),
            _ => {
                self.err(
                    Diagnostic::error(
                        Code::NumberOutOfRange,
                        format!("`{}` is too large", amount.node),
                        amount.span,
                        format!("more than {MAX_AMOUNT}"),
                    )
                    .with_help(format!(
                        "amounts go up to {MAX_AMOUNT}; no support policy runs longer"
                    )),
                );
                None
            }
        }
    }

    /// `lts_from(newer 1 where lts)`: a date attribute of another line.
    pub(super) fn attr_of_other_line(
        &mut self,
        i: usize,
        func: &ast::Ident,
        args: &[ast::Arg],
        span: Span,
    ) -> Option<DateKind> {
        let name = func.node.as_str();
        if self.attributes.get(i).is_some_and(|a| a.ty != AttrType::Date) {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!("attribute `{name}` is not a date"),
                    func.span,
                    "not a date attribute",
                )
                .with_help(format!(
                    "declare it `attribute {name}: date` if the catalog gives dates"
                )),
            );
            return None;
        }
        let usage = format!("`{name}(newer N)`, `{name}(older N)` or `{name}(newer N where CONDITION)`");
        let [first] = args else {
            self.err(
                Diagnostic::error(
                    Code::WrongArguments,
                    format!("`{name}` takes one line selector"),
                    span,
                    format!(
                        "{} argument{} given",
                        args.len(),
                        if args.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_help(format!(
                    "write {usage}, or `{name}` alone for this line's own value"
                )),
            );
            return None;
        };
        let sel = self.selector(first, name, &usage)?;
        Some(DateKind::Attr(i, Some(sel)))
    }

    pub(super) fn call(&mut self, func: &ast::Ident, args: &[ast::Arg], span: Span) -> Option<DateKind> {
        let name = func.node.as_str();
        let Some(builtin) = builtins::builtin(name) else {
            if let Some(i) = self.attribute_index(name) {
                return self.attr_of_other_line(i, func, args, span);
            }
            if NAMES.contains(&name) {
                self.err(
                    Diagnostic::error(
                        Code::WrongArguments,
                        format!("`{name}` takes no arguments"),
                        span,
                        "called with arguments",
                    )
                    .with_help(format!("write `{name}` alone: it is this line's own date")),
                );
                return None;
            }
            self.unknown(Code::UnknownFunction, "function", func, &FUNCTIONS);
            return None;
        };
        let usage = builtin.usage;
        if !builtin.takes_args(args.len()) {
            self.err(
                Diagnostic::error(
                    Code::WrongArguments,
                    format!("`{name}` takes {}", builtin.takes),
                    span,
                    format!(
                        "{} argument{} given",
                        args.len(),
                        if args.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_help(format!("write {usage}")),
            );
            return None;
        }
        let first = args.first()?;
        match builtin.function {
            Function::LineDate(date) => {
                let sel = Some(self.selector(first, name, usage)?);
                Some(match date {
                    LineDate::FirstShip => DateKind::FirstShip(sel),
                    LineDate::Latest => DateKind::Latest(sel),
                    LineDate::Final => DateKind::Final(sel),
                })
            }
            Function::About => {
                let ast::Arg::Expr(e) = first else {
                    self.wrong_arg(first.span(), "a date or a duration", usage);
                    return None;
                };
                Some(DateKind::Approximate(Box::new(self.date(e)?)))
            }
            Function::NoLaterThan => {
                let ast::Arg::Expr(e) = first else {
                    self.wrong_arg(first.span(), "a date", usage);
                    return None;
                };
                Some(DateKind::AtTheLatest(Box::new(self.date(e)?)))
            }
            Function::Between => match self.extreme_call(Extreme::Min, args, usage)? {
                DateKind::Extreme(_, dates) => {
                    let mut dates = dates.into_iter();
                    let (earliest, latest) = (dates.next()?, dates.next()?);
                    Some(DateKind::Between(Box::new(earliest), Box::new(latest)))
                }
                _ => None,
            },
            Function::Phase(edge) => self.phase_call(edge, name, args, usage, span),
            Function::Extreme(extreme) => self.extreme_call(extreme, args, usage),
            Function::Seek(seek) => self.seek_call(seek, args, usage),
            Function::Snap(snap) => {
                let ast::Arg::Expr(e) = first else {
                    self.wrong_arg(first.span(), "a date", usage);
                    return None;
                };
                Some(DateKind::Snap(snap, Box::new(self.date(e)?)))
            }
        }
    }

    /// `start(PHASE)`, `end(PHASE, older N)`, `last_day(PHASE)`.
    pub(super) fn phase_call(
        &mut self,
        edge: PhaseEdge,
        name: &str,
        args: &[ast::Arg],
        usage: &str,
        span: Span,
    ) -> Option<DateKind> {
        let id = match args.first()? {
            ast::Arg::Expr(ast::Expr {
                kind: ExprKind::Name(id),
                ..
            }) => id,
            other => {
                self.wrong_arg(other.span(), "a phase name", usage);
                return None;
            }
        };
        let i = self.phase_index(&id.node);
        let other = match args.get(1) {
            Some(a) => Some(self.selector(a, name, usage)?),
            None => None,
        };
        match i {
            Some(i) => {
                let kind = match (other, edge == PhaseEdge::Start) {
                    (None, true) => DateKind::PhaseStart(i),
                    (None, false) => DateKind::PhaseEnd(i),
                    (Some(sel), true) => DateKind::Other(Target::PhaseStart(i), sel),
                    (Some(sel), false) => DateKind::Other(Target::PhaseEnd(i), sel),
                };
                if edge != PhaseEdge::LastDay {
                    return Some(kind);
                }
                // The day before the phase's end: its last day, however it is written.
                Some(DateKind::Shift(
                    Box::new(DateExpr { kind, span }),
                    Duration {
                        parts: vec![(-1, Unit::Day)],
                    },
                ))
            }
            None => {
                let known: Vec<&str> = self.phases.iter().map(|p| p.id.as_str()).collect();
                self.diags.push(unknown(Code::UnknownPhase, "phase", id, &known));
                None
            }
        }
    }

    /// `min(DATE, DATE, ...)`, `max(...)`.
    pub(super) fn extreme_call(
        &mut self,
        extreme: Extreme,
        args: &[ast::Arg],
        usage: &str,
    ) -> Option<DateKind> {
        let mut out = Vec::new();
        let mut bad = false;
        for a in args {
            match a {
                ast::Arg::Expr(e) => match self.date(e) {
                    Some(d) => out.push(d),
                    None => bad = true,
                },
                other => {
                    self.wrong_arg(other.span(), "a date", usage);
                    bad = true;
                }
            }
        }
        if bad {
            return None;
        }
        Some(DateKind::Extreme(extreme, out))
    }

    /// `next(DAY, DATE)`, `previous(DAY, DATE)`, `in_year(DAY, DATE)`.
    pub(super) fn seek_call(&mut self, seek: Seek, args: &[ast::Arg], usage: &str) -> Option<DateKind> {
        let first = args.first()?;
        let ast::Arg::Pattern(p) = first else {
            self.wrong_arg(
                first.span(),
                "a calendar day such as `march 31` or `2nd tuesday`",
                usage,
            );
            return None;
        };
        let pattern = self.pattern(p);
        let date = match args.get(1) {
            Some(ast::Arg::Expr(e)) => self.date(e),
            Some(other) => {
                self.wrong_arg(other.span(), "a date", usage);
                None
            }
            None => None,
        };
        Some(DateKind::Seek(seek, pattern?, Box::new(date?)))
    }

    /// `newer N [where C]` / `older N [where C]`.
    pub(super) fn selector(&mut self, arg: &ast::Arg, name: &str, usage: &str) -> Option<Selector> {
        let ast::Arg::Selector {
            older,
            newer,
            filter,
            span,
        } = arg
        else {
            self.wrong_arg(
                arg.span(),
                "a line selector such as `newer 2` or `older 1`",
                usage,
            );
            return None;
        };
        let n = self.amount(newer)?;
        if n < 1 {
            let dir = if *older { "older" } else { "newer" };
            self.err(
                Diagnostic::error(
                    Code::NumberOutOfRange,
                    format!("`{dir} 0` is this line"),
                    newer.span,
                    "zero",
                )
                .with_help(format!(
                    "write `{name}` for this line, or `{dir} 1` for the adjacent one"
                )),
            );
            return None;
        }
        let filter = match filter {
            Some(c) => {
                let was = std::mem::replace(&mut self.in_selector, true);
                let c = self.cond(c);
                self.in_selector = was;
                Some(c?)
            }
            None => None,
        };
        Some(Selector {
            newer: usize::try_from(n).unwrap_or(1),
            older: *older,
            filter,
            span: *span,
        })
    }

    pub(super) fn wrong_arg(&mut self, span: Span, expected: &str, usage: &str) {
        self.err(
            Diagnostic::error(
                Code::WrongArguments,
                format!("expected {expected}"),
                span,
                format!("expected {expected}"),
            )
            .with_help(format!("write {usage}")),
        );
    }
}

/// Whether a duration expression says `about(...)` anywhere.
/// Whether an amount is written as a number (`4 years`) rather than read from an attribute.
fn is_digits(amount: &str) -> bool {
    amount.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// `term years`, `about(term years)` or either in parentheses: a duration whose amount is
/// an attribute's name, and its unit.
fn per_line_amount(e: &ast::Expr) -> Option<(&ast::Text, &ast::Ident)> {
    match &e.kind {
        ExprKind::Duration { amount, unit } if !is_digits(&amount.node) => Some((amount, unit)),
        ExprKind::Paren(inner) => per_line_amount(inner),
        ExprKind::Call { func, args } if func.node == "about" => match args.as_slice() {
            [ast::Arg::Expr(inner)] => per_line_amount(inner),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn about_in(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Call { func, .. } => func.node == "about",
        ExprKind::Paren(inner) => about_in(inner),
        ExprKind::Binary { lhs, rhs, .. } => about_in(lhs) || about_in(rhs),
        _ => false,
    }
}
