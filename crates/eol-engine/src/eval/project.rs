//! Projection: the first ship of a line the catalog does not date yet, from an
//! earlier line and the line cadence; past the catalog, the lines to come, numbered on
//! from the highest line version, for selectors with a condition.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use eol_syntax::Span;

use crate::dates;
use crate::model::*;
use crate::version::Version;

use super::expr::shift;
use super::lines::{FirstShipSource, Line};
use super::memo::LineEval;
use super::select::{holds_rel, same_components, same_key};
use super::trace::Step;
use super::{Ctx, Trace, ValueKind};

/// How the step for a line the catalog does not list ends its words when the policy
/// declares no line cadence to project it by: [`crate::query`] reads it from the trace to
/// tell a status that waits for a new line of its own product from one that waits for
/// something else (a `final` mark, an upstream's line).
pub(crate) const NO_LINE_CADENCE: &str = "and the policy declares no `cadence line`";

/// How the step for a line's `final` release says the catalog marks none: [`crate::query`]
/// reads it from the trace to tell a status that waits for the catalog to mark a release
/// `final` (which only a catalog kept up to date can show) from one that waits for
/// something else.
pub(crate) const NO_FINAL_MARK: &str = "the catalog marks none `final` yet";

/// How the step for a projected line that the cadence expected before the evaluation date
/// ends its words: [`crate::query`] reads it, and the projected date its first child gives,
/// to say that a catalog which does not list the line may be behind (a line of an older
/// group, which the product's newest line does not date: FreeBSD's 14.5).
pub(crate) const OVERDUE: &str = "so it is overdue and its date is not known";

impl<'a> Ctx<'a> {
    /// The `k`-th line past the catalog that would satisfy `filter`, seen from
    /// `current` (`matching`: the catalog's lines that satisfy it, in line order). The
    /// lines to come are taken to be numbered on from the highest line version, one up
    /// in its last component per line (1.31, then 1.32, 1.33, ...), so only a condition
    /// on the version can be tested on them. The line found is projected from the
    /// newest matching line numbered the same way, one line cadence per number between
    /// them (nginx: the stable 1.32 from the stable 1.30, two cadences on), or else from
    /// the catalog's newest line, one cadence per line past it.
    pub(super) fn future_match(
        &self,
        filter: &Cond,
        current: &Line,
        matching: &[usize],
        k: usize,
    ) -> Result<Future, String> {
        if let Some(what) = catalog_only(filter, self.policy) {
            return Err(what!(
                self,
                "whether a line not in the catalog matches the condition depends on {what}, which only the catalog gives"
            ));
        }
        let to_come = self.to_come.get_or_init(|| self.lines_to_come());
        let to_come = to_come.as_ref().map_err(Clone::clone)?;
        let listed = to_come.lines.iter().map(|(n, l)| (*n, l));
        if let Some(found) = self.future_in(
            filter,
            current,
            matching,
            k,
            (&to_come.top, &to_come.after),
            listed,
            false,
        ) {
            return found;
        }
        // Lines of an older group (`same major` from 14.4 once 15.1 is out: FreeBSD's stable
        // branches run side by side) are not among those numbered on from the highest line.
        // They are numbered on from the highest line of the group (the lines that share the
        // `same` components: 14.5 after 14.4) and projected from its lines only.
        if let Some(top) = self.group_top(filter, current, &to_come.top) {
            // numbered one by one, as the first line to come usually matches
            if let Some((head, number, width)) = numbering(top) {
                let after = top.text.clone();
                let lines = (1..=FUTURE_LINES).map(|step| {
                    let next = number.saturating_add(step);
                    (next, Line::new(line_name(&head, next, width), self.policy))
                });
                if let Some(found) = self.future_in(filter, current, matching, k, (top, &after), lines, true)
                {
                    return found;
                }
            }
        }
        Err(what!(
            self,
            "none of the {FUTURE_LINES} lines numbered on from {} would match the condition",
            to_come.after
        ))
    }

    /// The highest line version of `current`'s group: the catalog lines that share with it
    /// the components the condition's `same` names (a function of the `same` key that
    /// [`Ctx::future_match`]'s answers are kept by). None without a `same`, or when that is
    /// the catalog's `highest` line version anyway.
    fn group_top(&self, filter: &Cond, current: &Line, highest: &Version) -> Option<&'a Version> {
        let mut comps = Vec::new();
        same_components(filter, &mut comps);
        if comps.is_empty() {
            return None;
        }
        let key = same_key(current, &comps);
        let top = {
            let mut tops = self.group_tops.borrow_mut();
            let by_key = tops.entry(comps).or_insert_with_key(|comps| {
                let mut by_key: HashMap<String, usize> = HashMap::new();
                for (i, l) in self.lines.iter().enumerate() {
                    let Some(v) = l.version.as_ref() else { continue };
                    let top = by_key.entry(same_key(l, comps)).or_insert(i);
                    if self
                        .lines
                        .get(*top)
                        .and_then(|t| t.version.as_ref())
                        .is_none_or(|t| v > t)
                    {
                        *top = i;
                    }
                }
                by_key
            });
            let at = *by_key.get(&key)?;
            self.lines.get(at)?.version.as_ref()?
        };
        (top < highest).then_some(top)
    }

    /// The `k`-th of the lines to come (numbered on from `top`, named `after`) that satisfies
    /// `filter` seen from `current`, with the line and the number of cadences its first ship
    /// is projected from (Err: there is no dated line to project it from); None when none of
    /// them satisfies it. Projected from the newest dated matching line numbered like it, or
    /// else (unless `group`, whose lines are not the catalog's newest) from the catalog's
    /// newest dated line.
    #[allow(clippy::too_many_arguments)]
    fn future_in<L: std::borrow::Borrow<Line>>(
        &self,
        filter: &Cond,
        current: &Line,
        matching: &[usize],
        k: usize,
        (top, after): (&Version, &str),
        lines: impl Iterator<Item = (u64, L)>,
        group: bool,
    ) -> Option<Result<Future, String>> {
        let mut found = 0;
        for (step, (next, line)) in (1u64..).zip(lines) {
            let line: &Line = line.borrow();
            if !holds_rel(filter, line, current) {
                continue;
            }
            found += 1;
            if found < k {
                continue;
            }
            // From the newest dated matching line numbered like the new one ...
            let from_match = matching.iter().rev().find_map(|&i| {
                let l = self.lines.get(i)?;
                l.first_ship?;
                let version = l.version.as_ref()?;
                let (_, n, _) = numbering(version)?;
                (same_head(version, top) && n < next).then(|| (i, next - n))
            });
            // ... or else from the catalog's newest dated line.
            let base = from_match.or_else(|| {
                if group {
                    return None;
                }
                let newest = self.lines.iter().rposition(|l| l.first_ship.is_some())?;
                let past = self.lines.len().saturating_sub(1 + newest) as u64;
                Some((newest, past.saturating_add(step)))
            });
            let Some((base, steps)) = base else {
                return Some(Err(what!(self, "no line has a date to project from")));
            };
            return Some(Ok(Future {
                name: line.name.clone(),
                after: after.to_owned(),
                base,
                steps: usize::try_from(steps).unwrap_or(usize::MAX),
            }));
        }
        None
    }

    /// The lines to come, as [`Ctx::future_match`] tests them: numbered on from the
    /// highest line version, one up in its last component per line.
    pub(super) fn lines_to_come(&self) -> Result<ToCome, String> {
        let Some(top) = self.lines.iter().filter_map(|l| l.version.as_ref()).max() else {
            return Err(what!(self, "no line has a version to number the next lines from"));
        };
        let Some((head, number, width)) = numbering(top) else {
            return Err(what!(
                self,
                "the highest line version, {}, does not end in a plain number to count on from",
                top.text
            ));
        };
        let lines = (1..=FUTURE_LINES)
            .map(|step| {
                let next = number.saturating_add(step);
                (next, Line::new(line_name(&head, next, width), self.policy))
            })
            .collect();
        Ok(ToCome {
            after: top.text.clone(),
            top: top.clone(),
            lines,
        })
    }

    /// Project the first ship of the line at `pos` of `list` (all lines when None) from
    /// the nearest dated line before it and the policy's line cadence; pending without
    /// a cadence. A position past the end of a selector's matching lines is a future
    /// line that must satisfy the selector's condition: see [`Ctx::future_match`].
    pub(super) fn project(
        &self,
        pos: usize,
        list: Option<&Vec<usize>>,
        le: &LineEval<'a>,
        sel: &Selector,
        desc: &str,
        why: &str,
    ) -> Step {
        let Some(cadence) = self.policy.line_cadence() else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: {why}, {NO_LINE_CADENCE}"),
                Vec::new(),
            );
        };
        // A selector with a condition counts only the lines that satisfy it; past the
        // catalog, the lines to come are numbered and tested (`future_match`).
        let future = match self.future_line(pos, list, le, sel, desc, why) {
            Ok(future) => future,
            Err(pending) => return pending,
        };
        let pos = match list {
            Some(l) => l.get(pos).copied().unwrap_or(self.lines.len()),
            None => pos,
        };
        // The line projected, when it has a name (in the catalog, or numbered on).
        let mut target = if self.trace {
            self.lines.get(pos).map(|l| l.name.clone())
        } else {
            None
        };
        let (desc, beyond, base, steps) = match future {
            Some(f) => {
                let desc = what!(self, "{desc}: line {}, numbered on from {}", f.name, f.after);
                let base = self
                    .lines
                    .get(f.base)
                    .and_then(|l| l.first_ship.map(|d| (f.base, l, d)));
                target = Some(f.name);
                (desc, true, base, f.steps)
            }
            None => {
                // Nearest dated line at or before pos (bounded by the catalog's end).
                let last = self.lines.len().min(pos + 1);
                let base = (0..last)
                    .rev()
                    .find_map(|i| self.lines.get(i).and_then(|l| l.first_ship.map(|f| (i, l, f))));
                let steps = base.map_or(0, |(bi, _, _)| pos.saturating_sub(bi));
                (desc.to_owned(), pos >= self.lines.len(), base, steps)
            }
        };
        let desc = desc.as_str();
        let Some((_, bline, (bdate, bkind, bsrc))) = base else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: {why}, and no earlier line has a date"),
                Vec::new(),
            );
        };
        let date = shift_times(bdate, cadence, steps);
        let cadence_span = self
            .policy
            .cadences
            .iter()
            .find(|c| c.kind == "line")
            .map_or(self.policy.span, |c| c.span);
        let date = self.calendar(cadence_span, true, date, date.is_none());
        let ch = self.projection_trace(&target, (bline, bsrc, bdate, bkind), steps, date);
        // A line beyond the catalog that the cadence expected before the evaluation date
        // is overdue: it has not shipped (the catalog would list it), and when it will is
        // not known. An estimate in the past would end phases that are still running.
        if let Some(d) = date.filter(|d| beyond && *d < self.at) {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: {why}; the cadence expected it by ~{d}, {OVERDUE}"),
                ch,
            );
        }
        let kind = if date.is_some() {
            ValueKind::Estimated
        } else {
            ValueKind::Pending
        };
        (
            date,
            kind,
            what!(self, "{desc}: {why}, estimated from the cadence"),
            ch,
        )
    }

    /// For a selector with a condition whose count runs past the catalog's matching lines
    /// (position `pos` of `list`), the line to come it selects ([`Ctx::future_match`],
    /// asked once per selector, `same` key and count); Err: why there is none.
    fn future_line(
        &self,
        pos: usize,
        list: Option<&Vec<usize>>,
        le: &LineEval<'a>,
        sel: &Selector,
        desc: &str,
        why: &str,
    ) -> Result<Option<Future>, Step> {
        let future = match (list, &sel.filter) {
            (Some(l), Some(filter)) if pos >= l.len() => {
                let k = pos.saturating_sub(l.len()) + 1;
                let mut comps = Vec::new();
                same_components(filter, &mut comps);
                let key = (sel.span, same_key(le.line, &comps), k);
                let cached = self.futures.borrow().get(&key).cloned();
                let found = cached.unwrap_or_else(|| {
                    let found = self.future_match(filter, le.line, l, k);
                    self.futures.borrow_mut().insert(key, found.clone());
                    found
                });
                match found {
                    Ok(f) => Some(f),
                    Err(reason) => {
                        return Err((
                            None,
                            ValueKind::Pending,
                            what!(self, "{desc}: {why}; {reason}"),
                            Vec::new(),
                        ));
                    }
                }
            }
            _ => None,
        };
        Ok(future)
    }

    /// The step a projection adds to a trace: line `target` (when it has a name) from
    /// the first ship of `base` plus `steps` line cadences.
    fn projection_trace(
        &self,
        target: &Option<String>,
        base: (&Line, FirstShipSource, NaiveDate, ValueKind),
        steps: usize,
        date: Option<NaiveDate>,
    ) -> Vec<Arc<Trace>> {
        let (bline, bsrc, bdate, bkind) = base;
        if self.trace {
            let base_trace = self.first_ship_trace(bline, bsrc, bdate, bkind);
            vec![Arc::new(Trace {
                span: self
                    .policy
                    .cadences
                    .iter()
                    .find(|c| c.kind == "line")
                    .map(|c| c.span),
                what: match &target {
                    Some(t) => what!(
                        self,
                        "projected: first ship of line {t} = first ship of line {} ({bdate}) + {steps} × the line cadence",
                        bline.name
                    ),
                    None => what!(
                        self,
                        "projected: first ship of line {} ({bdate}) + {steps} × the line cadence",
                        bline.name
                    ),
                },
                date,
                kind: ValueKind::Estimated,
                children: vec![Arc::new(base_trace)],
            })]
        } else {
            Vec::new()
        }
    }
}

/// How many lines past the catalog [`Ctx::future_match`] looks for a match.
pub const FUTURE_LINES: u64 = 100;

/// The lines to come after the catalog: the highest line version they are numbered on
/// from, its components before the last, and each line with its last component.
pub(super) struct ToCome {
    pub(super) after: String,
    /// the highest line version, whose leading components the lines to come share
    pub(super) top: Version,
    pub(super) lines: Vec<(u64, Line)>,
}

/// A selector (its span), the `same` key of the line it starts from, and which matching
/// line to come it asks for (1 = the first).
pub(super) type FutureKey = (Span, String, usize);

/// A line past the catalog that a selector with a condition needs: its name, and the
/// line (index) and number of line cadences its first ship is projected from.
#[derive(Clone)]
pub(super) struct Future {
    pub(super) name: String,
    /// the highest line version, which the name counts on from
    pub(super) after: String,
    pub(super) base: usize,
    pub(super) steps: usize,
}

/// How lines to come are numbered after `v`: the components before the last, joined,
/// the last as a number, and its width (leading zeros kept); None for a version with a
/// suffix or a last component that is not a plain number.
pub(super) fn numbering(v: &Version) -> Option<(String, u64, usize)> {
    let (last, head) = v.core_text.split_last()?;
    let n = last.parse::<u64>().ok()?;
    v.suffix.is_empty().then(|| (head.join("."), n, last.len()))
}

/// The name of a line to come: `head` and `next`, written `width` digits wide at least.
fn line_name(head: &str, next: u64, width: usize) -> String {
    if head.is_empty() {
        format!("{next:0width$}")
    } else {
        format!("{head}.{next:0width$}")
    }
}

/// Whether two versions share every component but the last, as the version order compares
/// them: the same numbers however they are written (`04.7` shares `4.5`'s `4`).
pub(super) fn same_head(a: &Version, b: &Version) -> bool {
    match (a.core.split_last(), b.core.split_last()) {
        (Some((_, x)), Some((_, y))) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.cmp(q) == std::cmp::Ordering::Equal)
        }
        _ => false,
    }
}

/// The first part of a condition that only the catalog can answer, so that it cannot
/// be tested on a line that is not in the catalog yet (described for the user).
pub(super) fn catalog_only(c: &Cond, policy: &Policy) -> Option<String> {
    let attr = |a: &usize| {
        let name = policy.attributes.get(*a).map_or("", |x| x.name.as_str());
        Some(format!("the attribute `{name}`"))
    };
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().find_map(|c| catalog_only(c, policy)),
        Cond::Not(c) => catalog_only(c, policy),
        Cond::Flag(a) | Cond::Attr { attr: a, .. } | Cond::AttrMatches { attr: a, .. } => attr(a),
        Cond::Kind { .. } => Some("the kind of its first release".into()),
        Cond::FirstShip { .. } => Some("its first ship date".into()),
        Cond::LastOf(_) => Some("which lines come after it (`last of`)".into()),
        Cond::Parity { .. }
        | Cond::Component { .. }
        | Cond::Line { .. }
        | Cond::LineMatches(_)
        | Cond::Calc { .. }
        | Cond::Same(_) => None,
    }
}

/// `date` plus `steps` times the duration, one step after the other (each step clamps to
/// the month's end on its own). Linear in the steps until the date leaves the calendar,
/// where there is no date and counting stops; a duration of days and weeks only is one
/// multiplication. A line numbered a trillion past the catalog (`1.1999999999999`) costs
/// no more than the calendar is long.
pub(super) fn shift_times(date: NaiveDate, d: &Duration, steps: usize) -> Option<NaiveDate> {
    if d.parts
        .iter()
        .all(|(_, u)| matches!(u, dates::Unit::Day | dates::Unit::Week))
    {
        let days = d.parts.iter().try_fold(0i64, |acc, (n, u)| {
            let per = if *u == dates::Unit::Week { 7 } else { 1 };
            acc.checked_add(n.checked_mul(per)?)
        })?;
        let total = days.checked_mul(i64::try_from(steps).ok()?)?;
        return dates::add(date, total, dates::Unit::Day);
    }
    let mut out = date;
    for _ in 0..steps {
        out = shift(out, d)?;
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::numbering;
    use crate::version::Version;

    fn of(text: &str) -> Option<(String, u64, usize)> {
        numbering(&Version::parse(text, &[]).unwrap())
    }

    #[test]
    fn lines_to_come_are_numbered_on_in_the_last_component() {
        assert_eq!(of("1.31"), Some(("1".into(), 31, 2)));
        assert_eq!(of("22"), Some((String::new(), 22, 2)));
        // leading zeros are kept: 24.04 is followed by 24.05
        assert_eq!(of("24.04"), Some(("24".into(), 4, 2)));
        // a suffix or a last component that is not a plain number: no numbering
        assert_eq!(of("10.50-sp3"), None);
        assert_eq!(of("2.0rc"), None);
    }
}
