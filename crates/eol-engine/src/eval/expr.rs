//! Date expressions of one line: literals, its own dates and the catalog's, shifts,
//! `min`/`max`, snaps and calendar days; and the calendar every computed date must
//! stay in.

use std::sync::Arc;

use chrono::NaiveDate;
use eol_syntax::{Code, Diagnostic, Span};

use crate::catalog::AttrValue;
use crate::check::MAX_AMOUNT;
use crate::dates::{self, Pattern};
use crate::model::*;

use super::lines::{FirstShipSource, Line};
use super::memo::LineEval;
use super::project::NO_FINAL_MARK;
use super::trace::Step;
use super::value::release_kind;
use super::{Ctx, DateValue, Trace, ValueKind};

impl<'a> Ctx<'a> {
    /// `date` (computed by the rule text at `span` from a date that was known when
    /// `from_known`) if it lies in the years 0000 to 9999. One outside them, or none
    /// where the computation should have given one (`lost`), is reported once per span.
    pub(super) fn calendar(
        &self,
        span: Span,
        from_known: bool,
        date: Option<NaiveDate>,
        lost: bool,
    ) -> Option<NaiveDate> {
        let kept = date.filter(|d| in_calendar(*d));
        if from_known && (lost || date.is_some() && kept.is_none()) {
            let mut seen = self.out_of_range.borrow_mut();
            if !seen.contains(&span) {
                seen.push(span);
            }
        }
        kept
    }

    /// The value of a date expression for line `li`, with its trace when tracing.
    pub(super) fn expr(&self, li: usize, e: &DateExpr) -> DateValue {
        let Some(le) = self.evals.get(li) else {
            return DateValue::pending();
        };
        let (date, kind, what, children): Step = match &e.kind {
            DateKind::Attr(a, None) => self.own_attr(le, a),
            DateKind::Other(t, sel) => self.other_target(li, *t, sel),
            DateKind::Upstream {
                upstream,
                what,
                select,
            } => self.upstream_value(&le.line.name, *upstream, what, *select),
            DateKind::Literal(d) => (Some(*d), ValueKind::Exact, what!(self, "a date"), Vec::new()),
            DateKind::FirstShip(None) => self.own_first_ship(le),
            DateKind::Latest(None) => self.release_value(le.line.latest, "latest release", &le.line.name),
            DateKind::Final(None) => self.own_final(le),
            DateKind::VersionMonth { year, month } => self.version_month(le, e.span, *year, *month),
            DateKind::FirstShip(Some(sel))
            | DateKind::Latest(Some(sel))
            | DateKind::Final(Some(sel))
            | DateKind::Attr(_, Some(sel)) => self.other_line(li, &e.kind, sel),
            DateKind::PhaseStart(i) | DateKind::PhaseEnd(i) => self.own_phase(li, le, e, i),
            DateKind::Milestone(i) => self.own_milestone(li, i),
            DateKind::Shift(inner, d) => self.shifted(li, e, inner, d),
            DateKind::ShiftByAttr(inner, a) => self.shifted_by_attr(li, le, e, inner, a),
            DateKind::Extreme(x, es) => self.extreme(li, x, es),
            DateKind::Between(a, b) => self.between(li, a, b),
            DateKind::UnlessDeclared(inner) => {
                let v = self.expr(li, inner);
                (
                    v.date,
                    v.kind,
                    what!(self, "by rule: no date declared for line {}", le.line.name),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
            DateKind::Approximate(inner) => self.qualified(
                li,
                inner,
                ValueKind::Estimated,
                "approximately: the policy calls this date approximate (`about`)",
            ),
            DateKind::AtTheLatest(inner) => self.qualified(
                li,
                inner,
                ValueKind::AtTheLatest,
                "at the latest: the day was not published, only that it had come by this date (`no_later_than`)",
            ),
            DateKind::Snap(s, inner) => self.snapped(li, s, inner),
            DateKind::Seek(seek, pattern, inner) => self.sought(li, e, seek, pattern, inner),
        };
        let kind = if date.is_none() { ValueKind::Pending } else { kind };
        let trace = self.trace.then(|| {
            Arc::new(Trace {
                span: Some(e.span),
                what,
                date,
                kind,
                children,
            })
        });
        DateValue { date, kind, trace }
    }

    /// The date of `inner`, marked at least as unsure as `kind` by the policy's own words
    /// (`about(...)`, `no_later_than(...)`), which `what` says.
    fn qualified(&self, li: usize, inner: &DateExpr, kind: ValueKind, what: &str) -> Step {
        let v = self.expr(li, inner);
        (
            v.date,
            v.kind.combine(kind),
            what!(self, "{what}"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }

    /// `version_month`: the first day of the month the line's version names, from its
    /// `year` and `month` components. A year of one or two digits is of this century
    /// (24 is 2024), one of four digits is itself; a line that names no month that way
    /// (`24.13`, `124.10`) is reported once per rule text, and the date is pending.
    fn version_month(&self, le: &LineEval<'a>, span: Span, year: usize, month: usize) -> Step {
        let name = &le.line.name;
        let parts = le
            .line
            .version
            .as_ref()
            .map(|v| (v.number(year), v.number(month)));
        let found = match parts {
            Some((Some(y), Some(m))) => named_month(y, m).ok_or_else(|| {
                if (1..=12).contains(&m) {
                    format!("its year {y} is neither two digits nor four")
                } else {
                    format!("its month {m} is not a month")
                }
            }),
            _ => Err("its year and month are not plain numbers".to_owned()),
        };
        match found {
            Ok(d) => (
                Some(d),
                ValueKind::Exact,
                what!(self, "the month line {name} names (`version_month`)"),
                Vec::new(),
            ),
            Err(why) => {
                note_line(&self.no_month, span, name, &why);
                (
                    None,
                    ValueKind::Pending,
                    what!(self, "line {name} names no month: {why}"),
                    Vec::new(),
                )
            }
        }
    }

    /// `ATTRIBUTE`: a date attribute of the line itself, from the catalog.
    fn own_attr(&self, le: &LineEval<'a>, a: &usize) -> Step {
        let name = self.policy.attributes.get(*a).map_or("", |x| x.name.as_str());
        match self.attr_date(le.line, *a) {
            Some((d, kind)) => (
                Some(d),
                kind,
                what!(self, "attribute {name} of line {} (catalog)", le.line.name),
                Vec::new(),
            ),
            None => (
                None,
                ValueKind::Pending,
                what!(self, "attribute {name}: line {} has none", le.line.name),
                Vec::new(),
            ),
        }
    }

    /// `first_ship`: the line's own first ship.
    fn own_first_ship(&self, le: &LineEval<'a>) -> Step {
        match le.line.first_ship {
            Some((d, k, src)) => (
                Some(d),
                k,
                what!(self, "first ship of line {}", le.line.name),
                self.traced(|| vec![Arc::new(self.first_ship_trace(le.line, src, d, k))]),
            ),
            None => (
                None,
                ValueKind::Pending,
                what!(self, "first ship of line {}: no dated release yet", le.line.name),
                Vec::new(),
            ),
        }
    }

    /// `final`: the line's release marked `final`, pending until there is one.
    fn own_final(&self, le: &LineEval<'a>) -> Step {
        match le.line.final_release {
            Some(ri) => self.release_value(Some(ri), "final release", &le.line.name),
            // How old the line's newest release is says how long the wait has lasted: a
            // line without a release for years may have been ended by a statement the
            // catalog does not carry.
            None => (
                None,
                ValueKind::Pending,
                what!(
                    self,
                    "final release of line {}: {NO_FINAL_MARK}{}",
                    le.line.name,
                    le.line
                        .latest
                        .and_then(|ri| self.releases.get(ri))
                        .and_then(|r| {
                            let d = r.date.earliest().filter(|d| *d <= self.at)?;
                            Some(format!("; its newest release, {}, is of {d}", r.version))
                        })
                        .unwrap_or_default()
                ),
                Vec::new(),
            ),
        }
    }

    /// `start(PHASE)`, `end(PHASE)`: a phase of the line itself.
    fn own_phase(&self, li: usize, le: &LineEval<'a>, e: &DateExpr, i: &usize) -> Step {
        let t = if matches!(e.kind, DateKind::PhaseStart(_)) {
            Target::PhaseStart(*i)
        } else {
            Target::PhaseEnd(*i)
        };
        let v = self.target(li, t);
        let name = self.policy.phases.get(*i).map_or("", |p| p.id.as_str());
        let what = what!(
            self,
            "{} of phase {name}",
            if matches!(t, Target::PhaseStart(_)) {
                "start"
            } else {
                "end"
            }
        );
        if le.phases.get(*i).is_some_and(Option::is_none) {
            (
                None,
                ValueKind::Pending,
                what!(self, "{what}: the phase does not apply to line {}", le.line.name),
                Vec::new(),
            )
        } else {
            (v.date, v.kind, what, v.trace.map(|t| vec![t]).unwrap_or_default())
        }
    }

    /// `MILESTONE`: a milestone of the line itself.
    fn own_milestone(&self, li: usize, i: &usize) -> Step {
        let v = self.target(li, Target::Milestone(*i));
        let name = self.policy.milestones.get(*i).map_or("", |m| m.id.as_str());
        (
            v.date,
            v.kind,
            what!(self, "milestone {name}"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }

    /// `DATE + DURATION`.
    fn shifted(&self, li: usize, e: &DateExpr, inner: &DateExpr, d: &Duration) -> Step {
        let v = self.expr(li, inner);
        let raw = v.date.and_then(|base| shift(base, d));
        let date = self.calendar(e.span, v.date.is_some(), raw, raw.is_none());
        let kind = if v.date.is_some() && date.is_none() {
            ValueKind::Pending
        } else {
            v.kind
        };
        (
            date,
            kind,
            what!(self, "add {d}"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }

    /// `DATE + ATTRIBUTE UNIT`: shifted by the line's `number` attribute, as many units.
    /// Pending when the line has no value; a value that is no amount (below 0, above
    /// [`MAX_AMOUNT`]) is reported once per rule text, and the date is pending too.
    fn shifted_by_attr(
        &self,
        li: usize,
        le: &LineEval<'a>,
        e: &DateExpr,
        inner: &DateExpr,
        a: &AttrAmount,
    ) -> Step {
        let name = self.policy.attributes.get(a.attr).map_or("", |x| x.name.as_str());
        let line = &le.line.name;
        let unit = match a.unit {
            dates::Unit::Day => "days",
            dates::Unit::Week => "weeks",
            dates::Unit::Month => "months",
            dates::Unit::Year => "years",
        };
        let v = self.expr(li, inner);
        let amount = match le.line.attributes.get(&a.attr) {
            Some(AttrValue::Number(n)) if (0..=MAX_AMOUNT).contains(n) => Ok(*n),
            Some(AttrValue::Number(n)) => Err(Some(format!(
                "its {name} is {n}, not an amount from 0 to {MAX_AMOUNT}"
            ))),
            _ => Err(None),
        };
        let n = match amount {
            Ok(n) => n,
            Err(why) => {
                let what = match why {
                    Some(why) => {
                        note_line(&self.bad_amount, a.span, line, &why);
                        what!(self, "{name} {unit}: line {line}'s value is no amount: {why}")
                    }
                    None => what!(self, "{name} {unit}: line {line} has no {name}"),
                };
                return (
                    None,
                    ValueKind::Pending,
                    what,
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                );
            }
        };
        let signed = if a.negative { -n } else { n };
        let raw = v.date.and_then(|base| dates::add(base, signed, a.unit));
        let date = self.calendar(e.span, v.date.is_some(), raw, raw.is_none());
        let kind = if v.date.is_some() && date.is_none() {
            ValueKind::Pending
        } else {
            v.kind
        };
        let sign = if a.negative { "subtract" } else { "add" };
        (
            date,
            kind,
            what!(self, "{sign} {n} {unit}: {name} of line {line} (catalog)"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }

    /// `between(EARLIEST, LATEST)`: the policy gives a range, so the date is the earlier
    /// of the two, estimated: from then on the line may be past it. Known once the earlier
    /// bound is (a later bound still pending does not hold it back); pending while it is not.
    fn between(&self, li: usize, lo: &DateExpr, hi: &DateExpr) -> Step {
        let a = self.expr(li, lo);
        let b = self.expr(li, hi);
        let (date, kind, what) = match (a.date, b.date) {
            (Some(x), Some(y)) => (
                Some(x.min(y)),
                a.kind.combine(b.kind).combine(ValueKind::Estimated),
                what!(self, "between {x} and {y}: the policy gives a range; the earlier day counts, estimated (`between`)"),
            ),
            (Some(x), None) => (
                Some(x),
                a.kind.combine(ValueKind::Estimated),
                what!(self, "between {x} and a day not known yet: the policy gives a range; the earlier day counts, estimated (`between`)"),
            ),
            (None, _) => (
                None,
                ValueKind::Pending,
                what!(self, "a range whose earliest day is not known yet (`between`)"),
            ),
        };
        (
            date,
            kind,
            what,
            [a.trace, b.trace].into_iter().flatten().collect(),
        )
    }

    /// `min(...)`, `max(...)`: a pending date counts as not happened by `--at`.
    fn extreme(&self, li: usize, x: &Extreme, es: &[DateExpr]) -> Step {
        let vs: Vec<DateValue> = es.iter().map(|e| self.expr(li, e)).collect();
        let known = vs.iter().filter(|v| v.date.is_some());
        let pick = if *x == Extreme::Min {
            known.min_by_key(|v| v.date)
        } else {
            known.max_by_key(|v| v.date)
        };
        let any_pending = vs.iter().any(|v| v.date.is_none());
        let (date, kind) = match pick {
            // Whichever comes first: a pending date has not happened by `at`, so a
            // known date on or before `at` is the earlier one.
            Some(v) if any_pending && *x == Extreme::Min && v.date.is_some_and(|d| d <= self.at) => {
                (v.date, v.kind)
            }
            Some(_) if any_pending => (None, ValueKind::Pending),
            Some(_) => {
                let date = pick.and_then(|v| v.date);
                (date, vs.iter().fold(ValueKind::Exact, |k, v| k.combine(v.kind)))
            }
            None => (None, ValueKind::Pending),
        };
        let what = if *x == Extreme::Min {
            "the earliest of"
        } else {
            "the latest of"
        };
        (
            date,
            kind,
            what.into(),
            vs.into_iter().filter_map(|v| v.trace).collect(),
        )
    }

    /// `start_of_month(DATE)` and the other snaps to the calendar.
    ///
    /// A snap can make an approximate date exact: `end_of_month(first_ship + 5 months)` of
    /// a release the catalog knows only by its month (`2024-06`) is the same day whichever
    /// day of June it shipped. When `DATE` is the line's own first ship, shifted by
    /// durations, and the period it is known by has passed, the snap is worked out from
    /// the period's last day too; the same day from both ends of the period is exact (a
    /// shift and a snap never move a later day before an earlier one, so every day between
    /// gives it too).
    fn snapped(&self, li: usize, s: &Snap, inner: &DateExpr) -> Step {
        let v = self.expr(li, inner);
        let date = v.date.map(|d| snap(s, d));
        let settled = if v.kind == ValueKind::Estimated {
            self.evals
                .get(li)
                .and_then(|le| self.at_period_end(le, inner))
                .filter(|(late, _)| Some(snap(s, *late)) == date)
        } else {
            None
        };
        let (kind, what) = match settled {
            Some((_, period)) => (
                ValueKind::Exact,
                what!(self, "snap to the calendar: the same day for any {period}"),
            ),
            None => (v.kind, what!(self, "snap to the calendar")),
        };
        (date, kind, what, v.trace.map(|t| vec![t]).unwrap_or_default())
    }

    /// `inner` worked out with the line's first ship at the latest day it can be, with the
    /// days it can be in words: when `inner` is the line's own `first_ship`, shifted by
    /// durations, and the first ship is known only by a period (a release dated `2026-06`)
    /// that has passed by `--at`. The line shipped on or before the last day of each of its
    /// releases' periods, so on or before the earliest of them. None for any other
    /// expression, or a first ship projected from the cadence.
    fn at_period_end(&self, le: &LineEval<'a>, inner: &DateExpr) -> Option<(NaiveDate, String)> {
        match &inner.kind {
            DateKind::Shift(base, d) => {
                let (late, period) = self.at_period_end(le, base)?;
                Some((shift(late, d)?, period))
            }
            DateKind::FirstShip(None) => {
                let Some((early, _, FirstShipSource::Release(_))) = le.line.first_ship else {
                    return None;
                };
                let late = le
                    .line
                    .releases
                    .iter()
                    .filter_map(|ri| self.releases.get(*ri)?.date.latest())
                    .min()
                    .filter(|d| *d <= self.at)?;
                Some((
                    late,
                    format!("first ship of line {} from {early} to {late}", le.line.name),
                ))
            }
            _ => None,
        }
    }

    /// `next(DAY, DATE)`, `previous(...)`, `in_year(...)`: a calendar day near a date.
    fn sought(&self, li: usize, e: &DateExpr, seek: &Seek, pattern: &Pattern, inner: &DateExpr) -> Step {
        let v = self.expr(li, inner);
        let raw = v.date.and_then(|d| match seek {
            Seek::Next => dates::next_on_or_after(pattern, d),
            Seek::Previous => dates::previous_on_or_before(pattern, d),
            Seek::InYear => dates::in_year_of(pattern, d),
        });
        // `next` and `previous` always find a day of a valid pattern, unless the
        // calendar ends first; `in_year` may rightly find none.
        let lost = raw.is_none() && *seek != Seek::InYear;
        let date = self.calendar(e.span, v.date.is_some(), raw, lost);
        let kind = if v.date.is_some() && date.is_none() {
            ValueKind::Pending
        } else {
            v.kind
        };
        (
            date,
            kind,
            what!(self, "find the calendar day"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }

    pub(super) fn release_value(&self, ri: Option<usize>, role: &str, line: &str) -> Step {
        let Some(r) = ri.and_then(|ri| self.releases.get(ri).map(|r| (ri, r))) else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{role} of line {line}: no dated release"),
                Vec::new(),
            );
        };
        let (ri, rel) = r;
        let d = rel.date.earliest();
        let kind = d.map_or(ValueKind::Estimated, |d| release_kind(&rel.date, d, self.at));
        let children = self.traced(|| vec![Arc::new(self.release_trace(ri, role, kind))]);
        (d, kind, what!(self, "{role} of line {line}"), children)
    }

    /// A line's date attribute from the catalog: a fact once it is past, an estimate
    /// while it lies after the evaluation date.
    pub(super) fn attr_date(&self, line: &Line, attr: usize) -> Option<(NaiveDate, ValueKind)> {
        match line.attributes.get(&attr) {
            Some(AttrValue::Date(d)) => Some((
                *d,
                if *d <= self.at {
                    ValueKind::Exact
                } else {
                    ValueKind::Estimated
                },
            )),
            _ => None,
        }
    }
}

/// The first day of the month a version names by `year` and `month`: a year of one or
/// two digits is of this century (`24.10`: October 2024), one of four digits is that
/// year (`2025.4`); None for any other year, or a month outside 1 to 12.
pub fn named_month(year: u64, month: u64) -> Option<NaiveDate> {
    let year = match year {
        0..=99 => 2000 + year,
        1000..=9999 => year,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, u32::try_from(month).ok()?, 1)
}

/// `eol::line-names-no-month` on a `version_month` that the versions of `lines` (each
/// with why) cannot answer: one diagnostic for the rule text, naming the first few lines.
pub(super) fn no_month(span: Span, lines: &[super::Unnamed]) -> Diagnostic {
    let message = match lines {
        [(line, why)] => format!("line `{line}` names no month for `version_month`: {why}"),
        _ => format!(
            "{} lines name no month for `version_month`: {}",
            lines.len(),
            listed(lines)
        ),
    };
    Diagnostic::error(Code::LineNamesNoMonth, message, span, "needs a year and a month")
    .with_help("a line named by year and month is `24.10` or `2024.10`; correct the catalog's version, or count this policy's dates from `first_ship`. The date is pending, as is every date computed from it")
}

/// `eol::number-out-of-range` on `DATE + ATTRIBUTE UNIT` rule text whose `lines` (each
/// with why) have a value that is no amount: one diagnostic for the rule text.
pub(super) fn bad_amount(span: Span, lines: &[super::Unnamed]) -> Diagnostic {
    let message = match lines {
        [(line, why)] => format!("line `{line}` gives no amount to add: {why}"),
        _ => format!("{} lines give no amount to add: {}", lines.len(), listed(lines)),
    };
    Diagnostic::error(Code::NumberOutOfRange, message, span, "no amount for these lines")
        .with_help(format!("an amount read from the catalog is a whole number from 0 to {MAX_AMOUNT}; correct the catalog's value. The date is pending, as is every date computed from it"))
}

/// Record that `line` fails the rule text at `span`, and why: one diagnostic per span
/// names every such line ([`no_month`], [`bad_amount`]).
fn note_line(cell: &std::cell::RefCell<Vec<(Span, Vec<super::Unnamed>)>>, span: Span, line: &str, why: &str) {
    let mut seen = cell.borrow_mut();
    let entry = (line.to_owned(), why.to_owned());
    match seen.iter_mut().find(|(s, _)| *s == span) {
        Some((_, lines)) => lines.push(entry),
        None => seen.push((span, vec![entry])),
    }
}

/// The first few of `lines`, each with why, and how many more.
fn listed(lines: &[super::Unnamed]) -> String {
    const SHOWN: usize = 5;
    let mut named: Vec<String> = lines
        .iter()
        .take(SHOWN)
        .map(|(line, why)| format!("`{line}` ({why})"))
        .collect();
    if lines.len() > SHOWN {
        named.push(format!("and {} more", lines.len() - SHOWN));
    }
    named.join(", ")
}

/// Whether a date lies in the years 0000 to 9999, which every output writes as
/// `YYYY-MM-DD`. A date computed outside them is pending, and reported.
pub fn in_calendar(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (crate::limits::MIN_YEAR..=crate::limits::MAX_COMPUTED_YEAR).contains(&d.year())
}

/// `eol::date-out-of-range` on the rule text that computed such a date.
pub(super) fn out_of_range(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::DateOutOfRange,
        "a date computed here falls outside the years 0000 to 9999",
        span,
        "leaves the calendar",
    )
    .with_help("check the durations and the dates they are added to; this date, and every date computed from it, is pending")
}

/// `DATE` snapped to the calendar.
fn snap(s: &Snap, d: NaiveDate) -> NaiveDate {
    match s {
        Snap::StartOfMonth => dates::start_of_month(d),
        Snap::EndOfMonth => dates::end_of_month(d),
        Snap::StartOfQuarter => dates::start_of_quarter(d),
        Snap::EndOfQuarter => dates::end_of_quarter(d),
        Snap::StartOfYear => dates::start_of_year(d),
        Snap::EndOfYear => dates::end_of_year(d),
    }
}

/// Apply a duration's parts in order.
pub fn shift(date: NaiveDate, d: &Duration) -> Option<NaiveDate> {
    d.parts
        .iter()
        .try_fold(date, |acc, (n, unit)| dates::add(acc, *n, *unit))
}

#[cfg(test)]
mod tests {
    use super::named_month;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, 1)
    }

    #[test]
    fn a_version_names_the_first_day_of_its_month() {
        // two digits: this century; one digit too (Ubuntu 4.10, October 2004)
        assert_eq!(named_month(24, 10), day(2024, 10));
        assert_eq!(named_month(4, 10), day(2004, 10));
        assert_eq!(named_month(0, 1), day(2000, 1));
        assert_eq!(named_month(99, 12), day(2099, 12));
        // four digits: the year itself
        assert_eq!(named_month(2025, 4), day(2025, 4));
        assert_eq!(named_month(1999, 12), day(1999, 12));
        // neither two digits nor four
        assert_eq!(named_month(100, 1), None);
        assert_eq!(named_month(124, 10), None);
        assert_eq!(named_month(10_000, 1), None);
        assert_eq!(named_month(u64::MAX, 1), None);
        // no such month
        assert_eq!(named_month(24, 0), None);
        assert_eq!(named_month(24, 13), None);
        assert_eq!(named_month(24, u64::MAX), None);
    }
}
