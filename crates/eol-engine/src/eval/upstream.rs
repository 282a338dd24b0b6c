//! `... of UPSTREAM`: dates read from an upstream policy's finished lifecycle.

use crate::model::*;

use super::trace::{strip_spans, Step};
use super::value::release_kind;
use super::{Ctx, DateValue, Lifecycle, ValueKind};

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
        let index = match select {
            None => Some(base),
            Some((false, n)) => base.checked_add(n).filter(|i| *i < lines.len()),
            Some((true, n)) => base.checked_sub(n),
        };
        let sel_text = |(older, n): (bool, usize)| format!("{} {n}", if older { "older" } else { "newer" });
        let Some(l) = index.and_then(|i| lines.get(i)) else {
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
