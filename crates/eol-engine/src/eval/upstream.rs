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
