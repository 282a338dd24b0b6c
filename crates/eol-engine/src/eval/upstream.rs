//! `... of UPSTREAM`: dates read from an upstream policy's finished lifecycle.

use crate::model::*;

use super::trace::{strip_spans, Step};
use super::value::release_kind;
use super::{Ctx, DateValue, Lifecycle, LineLifecycle, ValueKind};

/// An evaluated upstream policy, for `... of UPSTREAM` expressions.
#[derive(Clone, Copy, Debug)]
pub struct UpstreamView<'a> {
    pub policy: &'a Policy,
    pub lifecycle: &'a Lifecycle,
}

impl<'a> Ctx<'a> {
    /// `end(lts) of debian`: the value the upstream's evaluation gave its line.
    pub(super) fn upstream_value(
        &self,
        line: &str,
        upstream: usize,
        what: &UpstreamDate,
        select: Option<(bool, usize)>,
    ) -> Step {
        let pending = |text: String| (None, ValueKind::Pending, text, Vec::new());
        let Some(decl) = self.policy.upstreams.get(upstream) else {
            return pending(String::new());
        };
        let Some(Some(view)) = self.upstreams.get(upstream) else {
            return pending(what!(
                self,
                "{} of {}: the upstream is not evaluated",
                what.text(),
                decl.product
            ));
        };
        let theirs = decl.line_for(line);
        let lines = &view.lifecycle.lines;
        let Some(base) = lines.iter().position(|l| l.line.eq_ignore_ascii_case(theirs)) else {
            return pending(what!(
                self,
                "{} of {}: it has no line {theirs}",
                what.text(),
                decl.product
            ));
        };
        // `newer N`/`older N` count in the upstream's line order, with the numbers
        // `order lines by number` fills in.
        let found = match select {
            None => lines.get(base),
            Some((older, n)) => view.lifecycle.counted(base, older, n),
        };
        let sel_text = |(older, n): (bool, usize)| format!("{} {n}", if older { "older" } else { "newer" });
        let Some(l) = found else {
            return pending(what!(
                self,
                "{} of {}: no line {} than {theirs} yet",
                what.text(),
                decl.product,
                select.map(sel_text).unwrap_or_default()
            ));
        };
        let label = what!(self, "{} of {} line {}", what.text(), decl.product, l.line);
        let value = match what {
            UpstreamDate::FirstShip => l.first_ship.clone(),
            UpstreamDate::Latest => l.latest.as_ref().map(|r| {
                let d = r.date.earliest();
                let kind = d.map_or(ValueKind::Pending, |d| release_kind(&r.date, d, self.at));
                DateValue {
                    date: d,
                    kind,
                    trace: None,
                }
            }),
            UpstreamDate::Start(p) | UpstreamDate::End(p) => {
                view.policy.phase_index(p).and_then(|i| l.phase(i)).map(|r| {
                    if matches!(what, UpstreamDate::Start(_)) {
                        r.start.clone()
                    } else {
                        r.end.clone()
                    }
                })
            }
            // The day before the upstream phase's end, with its kind: the last day it
            // names when written `through`, and the day before the end when `until`.
            UpstreamDate::LastDay(p) => view.policy.phase_index(p).and_then(|i| l.phase(i)).map(|r| {
                let mut v = r.end.clone();
                v.date = v.date.and_then(|d| d.pred_opt());
                v
            }),
        };
        match value {
            Some(v) if v.date.is_some() => {
                // The upstream's steps point into its own rule file, which this policy's
                // spans cannot name: keep their words and values, drop their spans.
                let children = self.traced(|| {
                    v.trace
                        .map(|t| vec![strip_spans(&t, &mut self.stripped.borrow_mut())])
                        .unwrap_or_default()
                });
                (v.date, v.kind, label, children)
            }
            _ => pending(what!(self, "{label}: not known yet")),
        }
    }
}

impl Lifecycle {
    /// The line `n` places newer than `lines[base]` in the line order (older when
    /// `older`), counting the lines the catalog lacks that `order lines by number`
    /// counts ([`Lifecycle::missing`]); None past either end. Two binary searches.
    pub fn counted(&self, base: usize, older: bool, n: usize) -> Option<&LineLifecycle> {
        self.lines.get(base)?;
        // `lines[base]` stands after every missing line counted before it.
        let at = base + self.missing.partition_point(|(before, _)| *before <= base);
        let target = if older {
            at.checked_sub(n)?
        } else {
            at.checked_add(n)?
        };
        // How many missing lines come before `target`: the j-th stands at `before + j`.
        let (mut lo, mut hi) = (0, self.missing.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let place = self
                .missing
                .get(mid)
                .map_or(usize::MAX, |(before, _)| before + mid);
            if place < target {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        match self.missing.get(lo) {
            Some((before, line)) if before + lo == target => Some(line),
            _ => self.lines.get(target.checked_sub(lo)?),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{Lifecycle, LineLifecycle};

    fn line(name: &str) -> LineLifecycle {
        LineLifecycle::unknown(name.into())
    }

    #[test]
    fn newer_and_older_count_the_missing_numbers() {
        // 4, (5), 6, (7), (8), 9: the numbers in brackets the catalog lacks
        let lc = Lifecycle {
            at: NaiveDate::MIN,
            lines: vec![line("4"), line("6"), line("9")],
            missing: vec![(1, line("5")), (2, line("7")), (2, line("8"))],
        };
        let name = |base, older, n| lc.counted(base, older, n).map(|l| l.line.as_str());
        assert_eq!(name(0, false, 1), Some("5"));
        assert_eq!(name(0, false, 2), Some("6"));
        assert_eq!(name(0, false, 5), Some("9"));
        assert_eq!(name(0, false, 6), None);
        assert_eq!(name(1, false, 1), Some("7"));
        assert_eq!(name(1, true, 1), Some("5"));
        assert_eq!(name(2, true, 1), Some("8"));
        assert_eq!(name(2, true, 3), Some("6"));
        assert_eq!(name(2, true, 5), Some("4"));
        assert_eq!(name(2, true, 6), None);
        assert_eq!(name(2, false, 1), None);
        assert_eq!(name(3, false, 0), None);
        // without missing lines, plain positions
        let plain = Lifecycle {
            at: NaiveDate::MIN,
            lines: vec![line("1"), line("2")],
            missing: Vec::new(),
        };
        assert_eq!(plain.counted(0, false, 1).map(|l| l.line.as_str()), Some("2"));
        assert_eq!(plain.counted(1, true, 1).map(|l| l.line.as_str()), Some("1"));
        assert_eq!(plain.counted(1, false, 1).map(|l| l.line.as_str()), None);
    }
}
