//! Conformance: computed phase ends against published ones.
//!
//! Each phase's `role` names the published column it is compared with (active →
//! `eoas`, security → `eol`, extended → `eoes`); for a line, the end of the *last*
//! phase with that role is its value. Only published dates are compared: `true`,
//! `false` and empty cells say nothing checkable.

use chrono::NaiveDate;

use crate::endoflife::{Cycle, Published};
use crate::eval::{Lifecycle, ValueKind};
use crate::model::{Policy, Role};

#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    pub line: String,
    pub role: Role,
    pub published: NaiveDate,
    /// None when the rules give no date (pending, or no phase with that role)
    pub computed: Option<NaiveDate>,
    pub kind: Option<ValueKind>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conformance {
    pub product: String,
    /// published dates compared
    pub compared: usize,
    /// exact matches, overrides included
    pub exact: usize,
    /// exact matches whose date is an override
    pub by_override: usize,
    /// off by exactly one day
    pub one_day: usize,
    pub mismatches: Vec<Mismatch>,
    /// published cycles the catalog has no line for
    pub missing_lines: Vec<String>,
}

impl Conformance {
    pub fn by_rule(&self) -> usize {
        self.exact - self.by_override
    }

    pub fn rate(&self) -> f64 {
        ratio(self.exact, self.compared)
    }

    pub fn rule_rate(&self) -> f64 {
        ratio(self.by_rule(), self.compared)
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Compare a product's lifecycle with its published cycles.
pub fn compare(policy: &Policy, lifecycle: &Lifecycle, cycles: &[Cycle]) -> Conformance {
    let mut c = Conformance {
        product: policy.id.clone(),
        ..Conformance::default()
    };
    for cycle in cycles {
        let line = lifecycle
            .lines
            .iter()
            .find(|l| l.line.eq_ignore_ascii_case(&cycle.cycle));
        for role in [Role::Active, Role::Security, Role::Extended] {
            let Published::Date(published) = cycle.published(role) else {
                continue;
            };
            if !policy.phases.iter().any(|p| p.role == Some(role)) {
                continue;
            }
            let Some(line) = line else {
                if !c.missing_lines.contains(&cycle.cycle) {
                    c.missing_lines.push(cycle.cycle.clone());
                }
                continue;
            };
            c.compared += 1;
            let phase = line
                .phases
                .iter()
                .rev()
                .find(|p| policy.phases.get(p.phase).and_then(|d| d.role) == Some(role));
            let value = phase.map(|p| &p.end);
            // A phase stated with `through` is compared by its last day, as published.
            let computed = phase.and_then(|p| {
                if p.through {
                    p.end.date.and_then(|d| d.pred_opt())
                } else {
                    p.end.date
                }
            });
            match computed {
                Some(d) if d == published => {
                    c.exact += 1;
                    if value.is_some_and(|v| v.kind == ValueKind::Override) {
                        c.by_override += 1;
                    }
                }
                _ => {
                    if computed.is_some_and(|d| (d - published).num_days().abs() == 1) {
                        c.one_day += 1;
                    }
                    c.mismatches.push(Mismatch {
                        line: line.line.clone(),
                        role,
                        published,
                        computed,
                        kind: value.map(|v| v.kind),
                    });
                }
            }
        }
    }
    c
}

/// `eoas:15/16 eol:13/15` (FORMULAS.csv's `simple_rule_check`) as (exact, total).
pub fn parse_formula_check(s: &str) -> Option<(usize, usize)> {
    let mut exact = 0;
    let mut total = 0;
    let mut any = false;
    for part in s.split_whitespace() {
        let (_, frac) = part.split_once(':')?;
        let (a, b) = frac.split_once('/')?;
        exact += a.parse::<usize>().ok()?;
        total += b.parse::<usize>().ok()?;
        any = true;
    }
    any.then_some((exact, total))
}
