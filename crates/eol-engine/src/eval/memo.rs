//! The memo of every date of every line, and the order dates are computed in: the
//! definitions that apply to a line, merged; overrides and declarations; cycles
//! across lines found by a busy slot; nesting bounded by [`MAX_DEPTH`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use eol_syntax::{Code, Diagnostic, Span};

use crate::model::*;

use super::lines::Line;
use super::select::holds;
use super::walk::{other_selectors, rule_exprs};
use super::{Ctx, DateValue, Origin, Trace, ValueKind};

/// Where a cycle was found: the rule text, and the line and date when an override
/// sets the date found in the circle.
pub(super) type CycleAt = (Span, Option<(usize, Target)>);

/// How deep dates of other lines may nest (`end(p, older 1)` chains) before the
/// evaluator refuses, rather than exhaust the stack.
pub const MAX_DEPTH: usize = 150;

/// Per-line memo of phase and milestone values while evaluating one line.
pub(super) struct LineEval<'l> {
    pub(super) index: usize,
    pub(super) line: &'l Line,
    /// the merged definition of each phase for this line (None: does not apply)
    pub(super) phases: Vec<Option<Merged<'l>>>,
    pub(super) milestones: Vec<Option<&'l DateExpr>>,
    /// memo of every date of the line: see [`Ctx::slot`]
    pub(super) slots: RefCell<Vec<Slot>>,
    pub(super) overrides: HashMap<Target, &'l Override>,
    /// the line's `declare`d dates
    pub(super) declared: HashMap<Target, &'l Override>,
}

#[derive(Clone)]
pub(super) struct Merged<'l> {
    pub(super) from: Option<&'l DateExpr>,
    pub(super) until: Option<&'l DateExpr>,
    /// `until` was written `through` (the last day)
    pub(super) inclusive: bool,
    pub(super) provides: Option<&'l Vec<usize>>,
    /// an `allow gaps` / `allow overlaps` in a definition that applies
    pub(super) allow_gaps: bool,
    pub(super) allow_overlaps: bool,
}

#[derive(Clone)]
pub(super) enum Slot {
    Todo,
    Busy,
    Done(DateValue),
}

/// The overrides and declarations of a policy by the line they name (lowercased), each
/// list in the order written: built once, so that finding a line's is one lookup rather
/// than a pass over all of them per line.
pub(super) struct Pinned<'a> {
    by_line: HashMap<String, (Vec<&'a Override>, Vec<&'a Override>)>,
}

impl<'a> Pinned<'a> {
    pub(super) fn new(policy: &'a Policy) -> Self {
        let mut by_line: HashMap<String, (Vec<&'a Override>, Vec<&'a Override>)> = HashMap::new();
        for o in &policy.overrides {
            by_line.entry(o.line.to_ascii_lowercase()).or_default().0.push(o);
        }
        for d in &policy.declared {
            by_line.entry(d.line.to_ascii_lowercase()).or_default().1.push(d);
        }
        Pinned { by_line }
    }

    /// A line's overrides and declarations by the date they set; a later one for the same
    /// date wins, as written.
    fn of(&self, name: &str) -> (HashMap<Target, &'a Override>, HashMap<Target, &'a Override>) {
        if self.by_line.is_empty() {
            return (HashMap::new(), HashMap::new());
        }
        let found = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            self.by_line.get(&name.to_ascii_lowercase())
        } else {
            self.by_line.get(name)
        };
        found.map_or_else(
            || (HashMap::new(), HashMap::new()),
            |(o, d)| {
                (
                    o.iter().map(|o| (o.target, *o)).collect(),
                    d.iter().map(|d| (d.target, *d)).collect(),
                )
            },
        )
    }
}

impl<'a> Ctx<'a> {
    /// Merge the definitions that apply to a line; nothing is computed yet.
    pub(super) fn prepare(
        &self,
        i: usize,
        line: &'a Line,
        pinned: &Pinned<'a>,
        incomplete: &mut [bool],
        diags: &mut Vec<(Origin, Diagnostic)>,
    ) -> LineEval<'a> {
        let policy = self.policy;
        let mut phases = Vec::with_capacity(policy.phases.len());
        for (pi, decl) in policy.phases.iter().enumerate() {
            let mut merged: Option<Merged<'a>> = None;
            for def in &decl.defs {
                if def.conds.iter().all(|c| holds(c, line)) {
                    let m = merged.get_or_insert(Merged {
                        from: None,
                        until: None,
                        inclusive: false,
                        provides: None,
                        allow_gaps: false,
                        allow_overlaps: false,
                    });
                    m.allow_gaps |= def.allow_gaps;
                    m.allow_overlaps |= def.allow_overlaps;
                    if def.from.is_some() {
                        m.from = def.from.as_ref();
                    }
                    if def.until.is_some() {
                        m.until = def.until.as_ref();
                        m.inclusive = def.inclusive;
                    }
                    if def.provides.is_some() {
                        m.provides = def.provides.as_ref();
                    }
                }
            }
            if let Some(m) = &merged {
                if m.from.is_none() || m.until.is_none() {
                    if let Some(flag) = incomplete.get_mut(pi) {
                        if !*flag {
                            *flag = true;
                            diags.push((
                                Origin::Rules,
                                Diagnostic::error(Code::IncompletePhase, format!("phase `{}` has no {} for line `{}`", decl.id, if m.from.is_none() { "start" } else { "end" }, line.name), decl.span, "phase declared here")
                                    .with_help("only refinements apply to this line; give the phase an unconditional definition with `from` and `until`"),
                            ));
                        }
                    }
                    merged = None;
                }
            }
            phases.push(merged);
        }
        let milestones = policy
            .milestones
            .iter()
            .map(|m| {
                m.defs
                    .iter()
                    .rfind(|d| d.conds.iter().all(|c| holds(c, line)))
                    .map(|d| &d.value)
            })
            .collect();
        let (overrides, declared) = pinned.of(&line.name);
        LineEval {
            index: i,
            line,
            phases,
            milestones,
            slots: RefCell::new(vec![
                Slot::Todo;
                2 * policy.phases.len() + policy.milestones.len()
            ]),
            overrides,
            declared,
        }
    }

    /// Compute every date of every line, in an order that keeps cross-line
    /// references shallow: oldest first, unless rules only look at newer lines.
    pub(super) fn compute_all(&self) {
        let n = self.evals.len();
        let order: Box<dyn Iterator<Item = usize>> = if looks_newer_only(self.policy) {
            Box::new((0..n).rev())
        } else {
            Box::new(0..n)
        };
        for li in order {
            for pi in 0..self.policy.phases.len() {
                self.target(li, Target::PhaseStart(pi));
                self.target(li, Target::PhaseEnd(pi));
            }
            for mi in 0..self.policy.milestones.len() {
                self.target(li, Target::Milestone(mi));
            }
        }
    }

    /// Where a date of a line lives in its memo.
    pub(super) fn slot(&self, t: Target) -> usize {
        let np = self.policy.phases.len();
        match t {
            Target::PhaseStart(i) => 2 * i,
            Target::PhaseEnd(i) => 2 * i + 1,
            Target::Milestone(i) => 2 * np + i,
        }
    }

    pub(super) fn target(&self, li: usize, t: Target) -> DateValue {
        let Some(le) = self.evals.get(li) else {
            return DateValue::pending();
        };
        let idx = self.slot(t);
        let state = le.slots.borrow().get(idx).cloned();
        match state {
            Some(Slot::Done(v)) => return v,
            Some(Slot::Busy) => {
                if self.cycle.get().is_none() {
                    let by_override = le.overrides.contains_key(&t).then_some((li, t));
                    self.cycle.set(Some((self.target_span(le, t), by_override)));
                }
                return DateValue::pending();
            }
            None => return DateValue::pending(),
            Some(Slot::Todo) => {}
        }
        if self.depth.get() >= MAX_DEPTH {
            if self.too_deep.get().is_none() {
                self.too_deep.set(Some(self.target_span(le, t)));
            }
            return DateValue::pending();
        }
        self.depth.set(self.depth.get() + 1);
        set_slot(le, idx, Slot::Busy);
        let value = match le.overrides.get(&t).copied() {
            Some(o) => match self.still_shipping(le, o) {
                None => self.overridden(li, le, t, o),
                Some(ri) => self.before_override(li, le, t, o, ri),
            },
            None => self.by_rule(li, le, t),
        };
        set_slot(le, idx, Slot::Done(value.clone()));
        self.depth.set(self.depth.get().saturating_sub(1));
        value
    }

    /// A date of a line that an override pins: its value, of kind `override` (pending while
    /// the value is, an upper bound or estimated when the value is one).
    fn overridden(&self, li: usize, le: &LineEval<'a>, t: Target, o: &Override) -> DateValue {
        let mut inner = self.expr(li, &o.value);
        // An override of a `through` phase's end names its last day, as the phase does.
        if self.is_inclusive(le, t) {
            let next = inner.date.and_then(|d| d.succ_opt());
            inner.date = self.calendar(o.span, inner.date.is_some(), next, next.is_none());
        }
        // An override's value is the rule file's, whatever it is computed from; an upper
        // bound (`no_later_than`) stays one, and an approximate date (`about(...)`) stays
        // estimated: the step itself says it is an override (`eol conform`'s by-hand test
        // reads it there).
        let kind = match inner.kind {
            ValueKind::Pending | ValueKind::AtTheLatest | ValueKind::Estimated => inner.kind,
            _ => ValueKind::Override,
        };
        self.pinned(inner, kind, ValueKind::Override, o.span, || {
            format!("an override for line {}: {}", le.line.name, o.reason)
        })
    }

    /// The value of a pinned date (an override's or a declaration's, `pin`): `inner`'s date
    /// of kind `kind`, its step at `span` saying what pinned it; an estimate's step shows the
    /// pin (the step is where `eol conform`'s by-hand test reads it).
    fn pinned(
        &self,
        inner: DateValue,
        kind: ValueKind,
        pin: ValueKind,
        span: Span,
        what: impl FnOnce() -> String,
    ) -> DateValue {
        let trace = self.trace.then(|| {
            Arc::new(Trace {
                span: Some(span),
                what: what(),
                date: inner.date,
                kind: match kind {
                    ValueKind::Estimated => pin,
                    other => other,
                },
                children: inner.trace.map(|t| vec![t]).unwrap_or_default(),
            })
        });
        DateValue {
            date: inner.date,
            kind,
            trace,
        }
    }

    /// A date of a line by its rules: a declaration, else the definition.
    fn by_rule(&self, li: usize, le: &LineEval<'a>, t: Target) -> DateValue {
        match le.declared.get(&t).copied() {
            Some(d) => match self.still_shipping(le, d) {
                None => self.declared_value(li, le, t, d),
                Some(ri) => self.before_override(li, le, t, d, ri),
            },
            None => self.by_definition(li, le, t),
        }
    }

    /// A date of a line by its definition (`from`, `until`, `through`, a milestone's `=`).
    fn by_definition(&self, li: usize, le: &LineEval<'a>, t: Target) -> DateValue {
        match self.definition(le, t) {
            Some(e) if self.is_inclusive(le, t) => {
                // `through X`: the phase's last day is X, so it ends the day after.
                let v = self.expr(li, e);
                let next = v.date.and_then(|d| d.succ_opt());
                let date = self.calendar(e.span, v.date.is_some(), next, next.is_none());
                let kind = if date.is_none() {
                    ValueKind::Pending
                } else {
                    v.kind
                };
                let trace = self.trace.then(|| {
                    Arc::new(Trace {
                        span: None,
                        what: "the day after the phase's last day (`through`)".to_owned(),
                        date,
                        kind,
                        children: v.trace.map(|t| vec![t]).unwrap_or_default(),
                    })
                });
                DateValue { date, kind, trace }
            }
            Some(e) => self.expr(li, e),
            None => DateValue::pending(),
        }
    }

    /// The line's first release after the evaluation date when override or declaration `o`
    /// reads the line's own `latest` release ("ended with its last patch release"): the line
    /// was still shipping then, its last release had not come, and `o` is not yet in force.
    /// None when it is: `o` reads no `latest`, or no release of the line is dated after the
    /// evaluation date.
    fn still_shipping(&self, le: &LineEval<'a>, o: &Override) -> Option<usize> {
        let mut reads_latest = false;
        super::walk::each_expr(&o.value, &mut |e| {
            reads_latest |= matches!(e.kind, DateKind::Latest(None));
        });
        if !reads_latest {
            return None;
        }
        let after = |ri: usize| {
            self.releases
                .get(ri)
                .and_then(|r| r.date.earliest())
                .filter(|d| *d > self.at)
        };
        le.line
            .releases
            .iter()
            .filter_map(|&ri| Some((after(ri)?, ri)))
            .min()
            .map(|(_, ri)| ri)
    }

    /// A date whose override or declaration (`pinned`) reads the line's last release while
    /// the line still ships (release `ri` comes after the evaluation date): what was known
    /// then. The date the line's rules give stands while it is ahead (for an override, a
    /// declaration's or the definition's; for a declaration, the definition's); one that has
    /// passed, the line shipping still, had not held, and the date is pending. The step says
    /// which pin waits, and for which release.
    fn before_override(
        &self,
        li: usize,
        le: &LineEval<'a>,
        t: Target,
        pinned: &Override,
        ri: usize,
    ) -> DateValue {
        let is_override = le.overrides.get(&t).is_some_and(|o| std::ptr::eq(*o, pinned));
        let v = if is_override {
            self.by_rule(li, le, t)
        } else {
            self.by_definition(li, le, t)
        };
        let passed = v.date.is_some_and(|d| d <= self.at);
        let (date, kind) = if passed {
            (None, ValueKind::Pending)
        } else {
            (v.date, v.kind)
        };
        let trace = self.trace.then(|| {
            let next = self
                .releases
                .get(ri)
                .map(|r| format!("{} of {}", r.version, r.date))
                .unwrap_or_default();
            let pin = if is_override { "override" } else { "declaration" };
            let then = if passed {
                "so the line had not ended, and when it would was not known yet"
            } else {
                "so the rules' date stands"
            };
            Arc::new(Trace {
                span: Some(pinned.span),
                what: format!(
                    "the {pin} for line {} ({}) reads its latest release, but the line still ships on {} (release {next} comes after it): {then}",
                    le.line.name, pinned.reason, self.at
                ),
                date,
                kind,
                children: v.trace.clone().map(|t| vec![t]).unwrap_or_default(),
            })
        });
        DateValue { date, kind, trace }
    }

    /// A date the vendor announced for the line (`declare`): its value, of kind
    /// `declared` (pending while the value is, an upper bound or estimated when the value is
    /// one: a planned date announced as approximate, `about(2026-09-02)`, stays marked as an
    /// estimate; the step itself says it was declared).
    pub(super) fn declared_value(&self, li: usize, le: &LineEval<'a>, t: Target, d: &Override) -> DateValue {
        let mut inner = self.expr(li, &d.value);
        // A declaration of a `through` phase's end names its last day, as the phase does.
        if self.is_inclusive(le, t) {
            inner.date = inner.date.and_then(|x| x.succ_opt());
        }
        let kind = if inner.kind == ValueKind::Pending || inner.date.is_none() {
            ValueKind::Pending
        } else if matches!(inner.kind, ValueKind::AtTheLatest | ValueKind::Estimated) {
            // an upper bound the vendor announced stays one, an approximate date an estimate
            inner.kind
        } else {
            ValueKind::Declared
        };
        self.pinned(inner, kind, ValueKind::Declared, d.span, || {
            format!("declared for line {}: {}", le.line.name, d.reason)
        })
    }

    /// Whether a line's phase end is given as its last day (`through`).
    pub(super) fn is_inclusive(&self, le: &LineEval<'a>, t: Target) -> bool {
        match t {
            Target::PhaseEnd(i) => le
                .phases
                .get(i)
                .and_then(|m| m.as_ref())
                .is_some_and(|m| m.inclusive),
            _ => false,
        }
    }

    /// The expression that defines a date of a line, if the line has that date.
    pub(super) fn definition(&self, le: &LineEval<'a>, t: Target) -> Option<&'a DateExpr> {
        match t {
            Target::PhaseStart(i) => le.phases.get(i).and_then(|m| m.as_ref()).and_then(|m| m.from),
            Target::PhaseEnd(i) => le.phases.get(i).and_then(|m| m.as_ref()).and_then(|m| m.until),
            Target::Milestone(i) => le.milestones.get(i).copied().flatten(),
        }
    }

    /// The rule text that sets a date of a line: its override, else its definition.
    pub(super) fn target_span(&self, le: &LineEval<'a>, t: Target) -> Span {
        match le.overrides.get(&t) {
            Some(o) => o.span,
            None => self.definition(le, t).map_or(self.policy.span, |e| e.span),
        }
    }
}

pub(super) fn set_slot(le: &LineEval<'_>, idx: usize, slot: Slot) {
    if let Some(c) = le.slots.borrow_mut().get_mut(idx) {
        *c = slot;
    }
}

/// True when the rules read other lines' phases only through `newer` selectors, so
/// evaluating newest first keeps every reference one level deep.
pub(super) fn looks_newer_only(policy: &Policy) -> bool {
    let mut newer = false;
    let mut older = false;
    let mut visit = |e: &DateExpr| {
        let mut f = |s: &Selector| {
            if s.older {
                older = true;
            } else {
                newer = true;
            }
        };
        other_selectors(e, &mut f);
    };
    rule_exprs(policy).for_each(&mut visit);
    newer && !older
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDate;

    use crate::eval::{evaluate, Options, ValueKind};

    /// Line 1 of a policy whose support ends a year after its first ship, unless pinned by
    /// `pin` (an override or a declaration), evaluated on `at` against releases 1 (1 January
    /// 2020) and 1.5 (1 June 2021): its support's end and that end's kind.
    fn support_end(pin: &str, at: (i32, u32, u32)) -> (Option<NaiveDate>, ValueKind) {
        let text = format!(
            "policy p {{\n  line major\n  service s\n  phase support {{\n    from first_ship\n    until first_ship + 1 year unless declared\n    provides s\n  }}\n  {pin}\n}}\n"
        );
        let rules = crate::project::RuleFile::load("p.eol", text.as_bytes());
        assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
        let (catalog, diags) = crate::catalog::parse_catalog(
            "product,version,date\np,1,2020-01-01\np,1.5,2021-06-01\n",
            crate::catalog::CatalogFormat::Csv,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let releases: Vec<&crate::catalog::Release> = catalog.product("p").collect();
        let at = NaiveDate::from_ymd_opt(at.0, at.1, at.2).unwrap();
        let (lifecycle, diags) = evaluate(&rules.policies[0], &releases, at, Options { trace: true });
        assert!(diags.is_empty(), "{diags:?}");
        let end = &lifecycle.lines[0].phases[0].end;
        (end.date, end.kind)
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// "Ended with its last patch release" (`= latest`) is a fact once that release has come.
    /// Before it the line still ships: the rules' date stands while it is ahead, and once it
    /// has passed, when the line would end was not known yet. Not the newest release shipped
    /// by then, which would end a line that was still being fixed.
    #[test]
    fn ended_with_its_last_release_only_once_it_has_come() {
        for pin in [
            "override line 1 support.end = latest because \"ended with 1.5\"",
            "declare line 1 support.end = latest because \"ended with 1.5\"",
        ] {
            // on and after 1.5: the pin
            let kind = if pin.starts_with("override") {
                ValueKind::Override
            } else {
                ValueKind::Declared
            };
            assert_eq!(support_end(pin, (2021, 6, 1)), (day(2021, 6, 1), kind), "{pin}");
            assert_eq!(support_end(pin, (2026, 1, 1)), (day(2021, 6, 1), kind), "{pin}");
            // before it, the rules' date while it is ahead, exact as the rule makes it
            assert_eq!(
                support_end(pin, (2020, 6, 1)),
                (day(2021, 1, 1), ValueKind::Exact),
                "{pin}"
            );
            // and not known once it has passed with the line still shipping
            assert_eq!(
                support_end(pin, (2021, 3, 1)),
                (None, ValueKind::Pending),
                "{pin}"
            );
        }
        // a pin that reads no `latest` is in force whenever it is evaluated
        let literal = "override line 1 support.end = 2021-06-01 because \"announced\"";
        assert_eq!(
            support_end(literal, (2020, 6, 1)),
            (day(2021, 6, 1), ValueKind::Override)
        );
    }
}
