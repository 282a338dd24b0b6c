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

/// Why a published date is not matched: a row of `REASONS.csv`
/// (`product,lines,column,reason`; `lines` is a glob over line names, `column` is
/// `eoas`, `eol`, `eoes` or `*`).
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub product: String,
    pub lines: crate::model::Glob,
    pub column: Option<Role>,
    pub reason: String,
}

/// Read `REASONS.csv`. Rows that cannot be read are returned as messages.
pub fn parse_reasons(text: &str) -> (Vec<Reason>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for (i, rec) in reader.records().enumerate() {
        let row = i + 2;
        let Ok(rec) = rec else {
            problems.push(format!("row {row}: not readable CSV"));
            continue;
        };
        let field = |n: usize| rec.get(n).map(str::trim).unwrap_or("");
        let column = match field(2) {
            "*" => None,
            "eoas" => Some(Role::Active),
            "eol" => Some(Role::Security),
            "eoes" => Some(Role::Extended),
            other => {
                problems.push(format!("row {row}: column `{other}` is not eoas, eol, eoes or *"));
                continue;
            }
        };
        if field(0).is_empty() || field(1).is_empty() || field(3).is_empty() {
            problems.push(format!("row {row}: product, lines and reason are required"));
            continue;
        }
        out.push(Reason {
            product: field(0).to_owned(),
            lines: crate::model::Glob(field(1).to_owned()),
            column,
            reason: field(3).to_owned(),
        });
    }
    (out, problems)
}

/// The first reason that covers a mismatch.
pub fn reason_for<'a>(reasons: &'a [Reason], product: &str, m: &Mismatch) -> Option<&'a str> {
    reasons
        .iter()
        .find(|r| r.product == product && r.lines.matches(&m.line) && r.column.is_none_or(|c| c == m.role))
        .map(|r| r.reason.as_str())
}
