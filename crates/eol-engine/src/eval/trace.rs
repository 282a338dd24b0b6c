//! How a date was derived: [`Trace`], built only when asked for, shared not copied.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use eol_syntax::Span;

use super::lines::{FirstShipSource, Line};
use super::{Ctx, ValueKind};

/// How a date was derived: the rule text (by span), what it denotes, the value,
/// and the steps below it.
///
/// A derivation is a graph, not a tree: a date computed once (a phase's end, a
/// milestone, another line's date) is a step of every date that reads it, and its
/// trace is shared ([`Arc`]), not copied. A line whose dates read the previous
/// line's, twice each, would otherwise hold a copy of every earlier line's
/// derivation per path to it: 2^N steps for N lines. Walk a trace with that in mind
/// (see [`Trace::cause`], and [`Trace::size`] for how big it is written out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The rule text this step evaluates, when it comes from the rule file.
    pub span: Option<Span>,
    /// What the step is, in words: "first ship of line 6.0", "release 6.0.1 (catalog row 3)".
    pub what: String,
    pub date: Option<NaiveDate>,
    pub kind: ValueKind,
    pub children: Vec<Arc<Trace>>,
}

impl Trace {
    /// Where a date that is not exact comes from: the deepest step of the derivation
    /// that has `kind` (the projection behind an estimate, the missing line behind a
    /// pending date), searched depth first; None when no step has it or says what it is.
    ///
    /// Each shared step is searched once, without recursion: the time is linear in the
    /// distinct steps, however often they are shared, and the stack does not grow with
    /// the depth of the derivation.
    pub fn cause(&self, kind: ValueKind) -> Option<&Trace> {
        let mut seen: std::collections::HashSet<*const Trace> = std::collections::HashSet::new();
        // (step, index of the next child to visit)
        let mut stack: Vec<(&Trace, usize)> = vec![(self, 0)];
        while let Some((t, next)) = stack.pop() {
            match t.children.get(next) {
                Some(child) => {
                    stack.push((t, next + 1));
                    if seen.insert(Arc::as_ptr(child)) {
                        stack.push((child, 0));
                    }
                }
                // All children searched without a match: this step, if it has the kind.
                None if t.kind == kind && !t.what.is_empty() => return Some(t),
                None => {}
            }
        }
        None
    }

    /// How many steps the trace has written out as a tree, each shared step once per
    /// path to it (what printing it whole would print), saturating at `limit`; and
    /// how deep it goes, also up to `limit`. Linear in the distinct steps.
    pub fn size(&self, limit: usize) -> (usize, usize) {
        // post-order over distinct steps, memoizing (tree size, depth)
        let mut memo: std::collections::HashMap<*const Trace, (usize, usize)> =
            std::collections::HashMap::new();
        let mut stack: Vec<(&Trace, bool)> = vec![(self, false)];
        while let Some((t, expanded)) = stack.pop() {
            let key: *const Trace = t;
            if memo.contains_key(&key) {
                continue;
            }
            if !expanded {
                stack.push((t, true));
                for c in &t.children {
                    if !memo.contains_key(&Arc::as_ptr(c)) {
                        stack.push((c, false));
                    }
                }
                continue;
            }
            let (mut size, mut depth) = (1usize, 1usize);
            for c in &t.children {
                let (s, d) = memo.get(&Arc::as_ptr(c)).copied().unwrap_or((0, 0));
                size = size.saturating_add(s).min(limit);
                depth = depth.max(d.saturating_add(1)).min(limit);
            }
            memo.insert(key, (size, depth));
        }
        memo.get(&(self as *const Trace)).copied().unwrap_or((1, 1))
    }
}

/// Drop a deep derivation without recursion (a chain of cross-line references over
/// thousands of lines is thousands of steps deep).
impl Drop for Trace {
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(child) = stack.pop() {
            if let Ok(mut t) = Arc::try_unwrap(child) {
                stack.append(&mut t.children);
            }
        }
    }
}

/// One step of a derivation before the rule text it evaluates is known: the date, how
/// sure it is, what it is in words (when tracing) and the steps below it.
pub(super) type Step = (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>);

impl<'a> Ctx<'a> {
    /// `f()` when building traces, else nothing.
    pub(super) fn traced<T: Default>(&self, f: impl FnOnce() -> T) -> T {
        if self.trace {
            f()
        } else {
            T::default()
        }
    }

    pub(super) fn first_ship_trace(
        &self,
        line: &Line,
        src: FirstShipSource,
        date: NaiveDate,
        kind: ValueKind,
    ) -> Trace {
        match src {
            FirstShipSource::Release(ri) => {
                self.release_trace(ri, &format!("first ship of line {}", line.name), kind)
            }
            FirstShipSource::Projected { base, steps } => {
                let children = match self.lines.get(base) {
                    Some(b) => match b.first_ship {
                        Some((bd, bk, bsrc @ FirstShipSource::Release(_))) => {
                            vec![Arc::new(self.first_ship_trace(b, bsrc, bd, bk))]
                        }
                        _ => Vec::new(),
                    },
                    None => Vec::new(),
                };
                let base_name = self.lines.get(base).map_or("", |b| b.name.as_str());
                Trace {
                    span: self
                        .policy
                        .cadences
                        .iter()
                        .find(|c| c.kind == "line")
                        .map(|c| c.span),
                    what: format!(
                        "projected first ship of line {}: {}; line {base_name} + {steps} × the line cadence",
                        line.name,
                        if line.missing {
                            "the catalog lacks it, yet `order lines by number` counts it"
                        } else {
                            "it has no dated release"
                        }
                    ),
                    date: Some(date),
                    kind,
                    children,
                }
            }
        }
    }

    pub(super) fn release_trace(&self, ri: usize, role: &str, kind: ValueKind) -> Trace {
        let (what, date) = match self.releases.get(ri) {
            Some(r) => {
                let planned = if r.date.earliest().is_some_and(|d| d > self.at) {
                    ", planned"
                } else {
                    ""
                };
                let approx = if r.date.is_exact() {
                    ""
                } else {
                    ", date known only approximately"
                };
                (
                    format!(
                        "{role}: release {} of {} (catalog row {}{planned}{approx})",
                        r.version, r.date, r.row
                    ),
                    r.date.earliest(),
                )
            }
            None => (role.to_owned(), None),
        };
        Trace {
            span: None,
            what,
            date,
            kind,
            children: Vec::new(),
        }
    }
}

/// A copy of a trace without its spans (for a trace taken from another rule file).
/// Each step is copied once (`memo`, for the whole evaluation), so what the upstream
/// shares stays shared; the walk needs no recursion.
pub(super) fn strip_spans(t: &Arc<Trace>, memo: &mut HashMap<*const Trace, Arc<Trace>>) -> Arc<Trace> {
    let mut stack: Vec<(&Arc<Trace>, bool)> = vec![(t, false)];
    while let Some((t, expanded)) = stack.pop() {
        let key = Arc::as_ptr(t);
        if memo.contains_key(&key) {
            continue;
        }
        if !expanded {
            stack.push((t, true));
            stack.extend(t.children.iter().map(|c| (c, false)));
            continue;
        }
        let children = t
            .children
            .iter()
            .map(|c| {
                memo.get(&Arc::as_ptr(c))
                    .cloned()
                    .unwrap_or_else(|| Arc::clone(c))
            })
            .collect();
        let copy = Arc::new(Trace {
            span: None,
            what: t.what.clone(),
            date: t.date,
            kind: t.kind,
            children,
        });
        memo.insert(key, copy);
    }
    memo.get(&Arc::as_ptr(t))
        .cloned()
        .unwrap_or_else(|| Arc::clone(t))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use super::{Trace, ValueKind};

    fn step(what: &str, kind: ValueKind, children: Vec<Trace>) -> Trace {
        Trace {
            span: None,
            what: what.into(),
            date: None,
            kind,
            children: children.into_iter().map(Arc::new).collect(),
        }
    }

    /// Item 2 of the hardening issue: a derivation that reads a shared step twice at
    /// every level (`max(x, x + 1 day)` over and over) is 2^N steps as a tree, N as a
    /// graph. Searching and measuring it must not walk the tree.
    #[test]
    fn shared_steps_are_walked_once() {
        use ValueKind::*;
        let mut t = Arc::new(step("m0", Estimated, vec![]));
        for i in 1..=200 {
            let both = vec![Arc::clone(&t), Arc::clone(&t)];
            let mut next = step(&format!("m{i}"), Exact, vec![]);
            next.children = both;
            t = Arc::new(next);
        }
        assert_eq!(t.cause(Estimated).map(|c| c.what.as_str()), Some("m0"));
        assert!(t.cause(Pending).is_none());
        assert_eq!(t.size(1_000_000), (1_000_000, 201));
        assert_eq!(step("x", Exact, vec![step("y", Exact, vec![])]).size(10), (2, 2));
        // a chain far deeper than any stack: measured, searched and dropped in a loop
        let mut chain = Arc::new(step("bottom", Pending, vec![]));
        for _ in 0..200_000 {
            let mut next = step("", Exact, vec![]);
            next.children = vec![chain];
            chain = Arc::new(next);
        }
        assert_eq!(chain.cause(Pending).map(|c| c.what.as_str()), Some("bottom"));
        assert_eq!(chain.size(usize::MAX), (200_001, 200_001));
        drop(chain);
    }

    #[test]
    fn the_cause_of_a_date_is_its_deepest_step_of_that_kind() {
        use ValueKind::*;
        let t = step(
            "max",
            Estimated,
            vec![
                step("own first ship", Exact, vec![]),
                step(
                    "next line",
                    Estimated,
                    vec![step("projected", Estimated, vec![step("base", Exact, vec![])])],
                ),
            ],
        );
        assert_eq!(t.cause(Estimated).map(|c| c.what.as_str()), Some("projected"));
        assert!(t.cause(Pending).is_none());
        // a step that does not say what it is is skipped for the one above it
        let t = step("outer", Pending, vec![step("", Pending, vec![])]);
        assert_eq!(t.cause(Pending).map(|c| c.what.as_str()), Some("outer"));
    }
}
