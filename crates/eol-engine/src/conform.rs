//! Conformance: computed phase ends against published ones.
//!
//! Each phase's `role` names the published column it is compared with (active →
//! `eoas`, security → `eol`, extended → `eoes`; a phase with two roles, both); for a
//! line, the end of the *last* phase with that role is its value. Only published dates are compared: `true`,
//! `false` and empty cells say nothing checkable.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use crate::endoflife::{column, Cycle, Published};
use crate::eval::{DateValue, Lifecycle, ValueKind};
use crate::model::{Policy, Role};

#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    pub line: String,
    pub role: Role,
    pub published: NaiveDate,
    /// None when the rules give no date (pending, or no phase with that role)
    pub computed: Option<NaiveDate>,
    pub kind: Option<ValueKind>,
    /// The product's newest dated catalog row, when the rules' date is pending and the
    /// published date is later than that row: the rule waits for a release the catalog
    /// does not list yet (it is older than the published date), not for one that never came.
    pub catalog_behind: Option<NaiveDate>,
}

impl Mismatch {
    /// The reason a mismatch has whatever REASONS.csv says, and shown before a row of it:
    /// the catalog ends before the published date, so the release the rules wait for
    /// cannot be in it (a REASONS.csv row was written about the date the rules gave then).
    pub fn automatic_reason(&self) -> Option<String> {
        self.catalog_behind.map(|newest| {
            format!(
                "the catalog is behind: the rules wait for a release it does not list, and its newest row ({newest}) is older than the published date; update the catalog (`eol update`) to compare this date"
            )
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conformance {
    pub product: String,
    /// published dates compared
    pub compared: usize,
    /// exact matches, overrides included
    pub exact: usize,
    /// exact matches whose date is an override or a declared date
    pub by_override: usize,
    /// off by exactly one day
    pub one_day: usize,
    pub mismatches: Vec<Mismatch>,
    /// published cycles the catalog has no line for
    pub missing_lines: Vec<String>,
    /// (compared, exact by rule alone) per column, in the order active, security, extended
    pub by_column: [(usize, usize); 3],
    /// the policy says the vendor announces dates rather than stating a rule (`announced`)
    pub announced: bool,
}

impl Conformance {
    /// `stated` (the vendor states a rule) or `announced` (dates announced per release).
    pub fn basis(&self) -> &'static str {
        if self.announced {
            "announced"
        } else {
            "stated"
        }
    }

    pub fn by_rule(&self) -> usize {
        self.exact - self.by_override
    }

    pub fn rate(&self) -> f64 {
        ratio(self.exact, self.compared)
    }

    pub fn rule_rate(&self) -> f64 {
        ratio(self.by_rule(), self.compared)
    }

    /// The rate by rule alone on some columns only: (exact by rule, compared).
    pub fn by_rule_on(&self, roles: &[Role]) -> (usize, usize) {
        let mut out = (0, 0);
        for (i, (compared, by_rule)) in self.by_column.iter().enumerate() {
            if ROLES.get(i).is_some_and(|r| roles.contains(r)) {
                out.0 += by_rule;
                out.1 += compared;
            }
        }
        out
    }

    /// How the rules fare against endoflife.date's mechanical formula: the published dates
    /// each reproduces, counted on the columns the formula covers (a rule gains nothing from
    /// a column the formula does not speak about). Counts, not rates: both sides are measured
    /// against the same published dates, but the formula's check leaves out the dates it
    /// cannot compute (`releaseDate(x+1)` for a line whose next release has not shipped),
    /// and a date it gives no value for is a date it does not reproduce, as a line missing
    /// from the rules is one they do not.
    pub fn against(&self, formula: &Formula) -> Versus {
        let (ours, _) = self.by_rule_on(&formula.roles());
        let theirs = formula.exact();
        match ours.cmp(&theirs) {
            std::cmp::Ordering::Greater => Versus::Beats,
            std::cmp::Ordering::Equal => Versus::Ties,
            std::cmp::Ordering::Less => Versus::Behind,
        }
    }
}

const ROLES: [Role; 3] = [Role::Active, Role::Security, Role::Extended];

fn column_index(role: Role) -> usize {
    match role {
        Role::Active => 0,
        Role::Security => 1,
        Role::Extended => 2,
    }
}

/// The rules against a mechanical formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Versus {
    Beats,
    Ties,
    Behind,
}

impl Versus {
    pub fn as_str(self) -> &'static str {
        match self {
            Versus::Beats => "beats",
            Versus::Ties => "ties",
            Versus::Behind => "behind",
        }
    }
}

/// FORMULAS.csv's `simple_rule_check`: per column, the formula's exact matches
/// and the published dates it was checked against; and, where the formula's text says how
/// each of those columns is computed, its shape and the matches it makes on the catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    pub columns: Vec<(Role, usize, usize)>,
    /// how each column is computed, read from the formula's text (`note`)
    pub shapes: Vec<(Role, Shape)>,
    /// the exact matches the formula makes counted from the catalog's release dates
    /// ([`Formula::on_catalog`]), once set
    pub on_catalog: Option<usize>,
}

/// A column of a mechanical formula: `releaseDate(x+N)`, the release of the Nth cycle after
/// x, or `releaseDate(x) + N months` (years are twelve months, weeks seven days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Next(usize),
    Months(u32),
    Weeks(u32),
}

impl Formula {
    /// The exact matches the formula is compared with: those it makes on the catalog's
    /// release dates when they are known ([`Formula::on_catalog`]), else the recorded check's.
    pub fn exact(&self) -> usize {
        self.on_catalog.unwrap_or_else(|| self.recorded_exact())
    }

    /// The exact matches of the recorded check (FORMULAS.csv), counted on endoflife.date's
    /// own release dates.
    pub fn recorded_exact(&self) -> usize {
        self.columns.iter().map(|c| c.1).sum()
    }

    /// The formula run on the catalog instead of endoflife.date's release dates: each
    /// published date of a checked column (cycles in the export's order, newest first, as
    /// endoflife.date lists them) against the first ship the catalog gives the cycle N after
    /// it (`releaseDate(x+N)`) or its own first ship shifted (`releaseDate(x) + N months`,
    /// the month's last day when it has no such day). A line whose first ship is not known
    /// to the day gives no value, which matches nothing. The formula and the rules then read
    /// the same release days: where a catalog corrects the export's
    /// (rules/endoflife/OWN-RECORDS.txt) the recorded check reads other ones. None unless
    /// the text gives the shape of every checked column.
    pub fn with_catalog(mut self, lifecycle: &Lifecycle, cycles: &[Cycle]) -> Formula {
        self.on_catalog = self.count_on(lifecycle, cycles);
        self
    }

    fn count_on(&self, lifecycle: &Lifecycle, cycles: &[Cycle]) -> Option<usize> {
        let lines = lines_by_name(lifecycle);
        // a cycle's first ship, when the catalog knows it to the day
        let first_ship = |cycle: &Cycle| {
            let v = lines
                .get(&cycle.cycle.to_ascii_lowercase())?
                .first_ship
                .as_ref()?;
            (v.kind == ValueKind::Exact).then_some(v.date).flatten()
        };
        let mut exact = 0;
        for (role, _, _) in &self.columns {
            let shape = self.shapes.iter().find(|(r, _)| r == role)?.1;
            for (i, cycle) in cycles.iter().enumerate() {
                let Published::Date(published) = cycle.published(*role) else {
                    continue;
                };
                let computed = match shape {
                    Shape::Next(n) => i.checked_sub(n).and_then(|j| cycles.get(j)).and_then(first_ship),
                    Shape::Months(n) => {
                        first_ship(cycle).and_then(|d| d.checked_add_months(chrono::Months::new(n)))
                    }
                    Shape::Weeks(n) => first_ship(cycle)
                        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(n) * 7))),
                };
                if computed == Some(published) {
                    exact += 1;
                }
            }
        }
        Some(exact)
    }

    pub fn total(&self) -> usize {
        self.columns.iter().map(|c| c.2).sum()
    }

    /// The recorded check's rate.
    pub fn rate(&self) -> f64 {
        ratio(self.recorded_exact(), self.total())
    }

    pub fn roles(&self) -> Vec<Role> {
        self.columns.iter().map(|c| c.0).collect()
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A lifecycle's lines by name, any case (the first of two that differ only in case), so
/// that each published cycle is one lookup rather than a scan of the lines.
fn lines_by_name(lifecycle: &Lifecycle) -> HashMap<String, &crate::eval::LineLifecycle> {
    let mut out = HashMap::with_capacity(lifecycle.lines.len());
    for l in &lifecycle.lines {
        out.entry(l.line.to_ascii_lowercase()).or_insert(l);
    }
    out
}

/// A date that is, or is computed from, an override or a declared date. The value's kind
/// says so unless something else in its derivation outranks it (an estimate: `end(oss) +
/// about(12 months)` of an overridden `oss` is `estimated`); its trace, when the lifecycle was
/// evaluated with traces, says so in every case. An upper bound (`no_later_than`) never
/// counts by rule either: it does not claim the day.
fn by_hand(v: &DateValue) -> bool {
    matches!(
        v.kind,
        ValueKind::Override | ValueKind::Declared | ValueKind::AtTheLatest
    ) || v.trace.as_deref().is_some_and(|t| {
        [ValueKind::Override, ValueKind::Declared, ValueKind::AtTheLatest]
            .into_iter()
            .any(|k| t.cause(k).is_some())
    })
}

/// Compare a product's lifecycle with its published cycles. Evaluate it with traces
/// (`Options { trace: true }`): without them, a date computed from an override and an
/// estimate counts as by rule.
pub fn compare(policy: &Policy, lifecycle: &Lifecycle, cycles: &[Cycle]) -> Conformance {
    let mut c = Conformance {
        product: policy.id.clone(),
        announced: policy.announced.is_some(),
        ..Conformance::default()
    };
    // The product's newest dated catalog row on or before the evaluation day.
    let newest_row = lifecycle
        .lines
        .iter()
        .filter_map(|l| match l.latest.as_ref()?.date {
            crate::catalog::ReleaseDate::Exact(d) => Some(d),
            _ => None,
        })
        .filter(|d| *d <= lifecycle.at)
        .max();
    let lines = lines_by_name(lifecycle);
    for cycle in cycles {
        let line = lines.get(&cycle.cycle.to_ascii_lowercase()).copied();
        for role in [Role::Active, Role::Security, Role::Extended] {
            let Published::Date(published) = cycle.published(role) else {
                continue;
            };
            if !policy.phases.iter().any(|p| p.has_role(role)) {
                continue;
            }
            let Some(line) = line else {
                if !c.missing_lines.contains(&cycle.cycle) {
                    c.missing_lines.push(cycle.cycle.clone());
                }
                continue;
            };
            c.compared += 1;
            let column = c.by_column.get_mut(column_index(role));
            let phase = line
                .phases
                .iter()
                .rev()
                .find(|p| policy.phases.get(p.phase).is_some_and(|d| d.has_role(role)));
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
                    // An override, or a date the vendor declared for the line, is not a date
                    // the rules reproduce, and neither is a date computed from one, though an
                    // estimate in its derivation makes it `estimated` (with traces: see
                    // [`by_hand`]).
                    let by_rule = value.is_none_or(|v| !by_hand(v));
                    if !by_rule {
                        c.by_override += 1;
                    }
                    if let Some(col) = column {
                        col.0 += 1;
                        col.1 += usize::from(by_rule);
                    }
                }
                _ => {
                    if let Some(col) = column {
                        col.0 += 1;
                    }
                    if computed.is_some_and(|d| (d - published).num_days().abs() == 1) {
                        c.one_day += 1;
                    }
                    c.mismatches.push(Mismatch {
                        line: line.line.clone(),
                        role,
                        published,
                        computed,
                        kind: value.map(|v| v.kind),
                        catalog_behind: newest_row.filter(|newest| {
                            computed.is_none()
                                && value.is_some_and(|v| v.kind == ValueKind::Pending)
                                && *newest < published
                        }),
                    });
                }
            }
        }
    }
    c
}

/// `eoas:15/16 eol:13/15` (FORMULAS.csv's `simple_rule_check`), column by column.
pub fn parse_formula_check(s: &str) -> Option<Formula> {
    let mut columns = Vec::new();
    for part in s.split_whitespace() {
        let (name, frac) = part.split_once(':')?;
        let role = match name {
            "eoas" => Role::Active,
            "eol" => Role::Security,
            "eoes" => Role::Extended,
            _ => return None,
        };
        let (a, b) = frac.split_once('/')?;
        columns.push((role, a.parse::<usize>().ok()?, b.parse::<usize>().ok()?));
    }
    (!columns.is_empty()).then_some(Formula {
        columns,
        shapes: Vec::new(),
        on_catalog: None,
    })
}

/// The shape of each column a formula's text gives as `COLUMN(x) = releaseDate(x+N)` or
/// `COLUMN(x) = releaseDate(x) + N years|months|weeks` (any one-letter variable, any case and
/// spacing; `release(x+N)` too). A column written otherwise (`releaseDate(x+1) + 3 months`, a
/// condition, a link) has no shape.
pub fn parse_formula_shapes(note: &str) -> Vec<(Role, Shape)> {
    let text: String = note
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = Vec::new();
    for (name, role) in [
        ("eoas", Role::Active),
        ("eol", Role::Security),
        ("eoes", Role::Extended),
    ] {
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(name)).map(|p| p + from) {
            from = pos + name.len();
            let before = text.get(..pos).and_then(|t| t.chars().last());
            if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            if let Some(shape) = text.get(from..).and_then(shape_after_name) {
                out.push((role, shape));
                break;
            }
        }
    }
    out
}

/// `(x)=releasedate(x+2)` or `(x)=releasedate(x)+18months`, read after a column's name.
fn shape_after_name(t: &str) -> Option<Shape> {
    let var = |t: &str| -> Option<(char, usize)> {
        let mut cs = t.chars();
        (cs.next()? == '(').then_some(())?;
        let v = cs.next().filter(char::is_ascii_alphabetic)?;
        Some((v, 2))
    };
    let (v, n) = var(t)?;
    let t = t.get(n..)?.strip_prefix(")=")?;
    let t = t
        .strip_prefix("releasedate")
        .or_else(|| t.strip_prefix("release"))?;
    let t = t.strip_prefix('(')?.strip_prefix(v)?;
    let digits = |t: &str| -> Option<(u32, usize)> {
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        Some((t.get(..end)?.parse().ok()?, end))
    };
    if let Some(rest) = t.strip_prefix('+') {
        let (n, end) = digits(rest)?;
        let rest = rest.get(end..)?.strip_prefix(')')?;
        // `releaseDate(x+1) + 3 months` is another shape
        if rest.starts_with(['+', '-']) {
            return None;
        }
        return Some(Shape::Next(usize::try_from(n).ok()?));
    }
    let rest = t.strip_prefix(")+")?;
    let (n, end) = digits(rest)?;
    let unit = rest.get(end..)?;
    // the unit ends the expression: `+ 2 year + 1 day` is another shape
    let word = |w: &str| {
        unit.strip_prefix(w)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphabetic() || c == '+' || c == '-'))
    };
    if word("years") || word("year") || word("y") {
        Some(Shape::Months(n.checked_mul(12)?))
    } else if word("months") || word("month") || word("m") {
        Some(Shape::Months(n))
    } else if word("weeks") || word("week") || word("w") {
        Some(Shape::Weeks(n))
    } else {
        None
    }
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

/// Why a mismatch is one: the catalog's age when it is behind ([`Mismatch::automatic_reason`]:
/// a reason recorded for the same date, written when the catalog was current, speaks of a
/// date the rules no longer compute), else the first REASONS.csv row that covers it.
pub fn reason_for<'a>(reasons: &'a [Reason], product: &str, m: &Mismatch) -> Option<Cow<'a, str>> {
    m.automatic_reason().map(Cow::Owned).or_else(|| {
        reasons
            .iter()
            .find(|r| {
                r.product == product && r.lines.matches(&m.line) && r.column.is_none_or(|c| c == m.role)
            })
            .map(|r| Cow::Borrowed(r.reason.as_str()))
    })
}

/// FORMULAS.csv: each product's `simple_rule_check` (the fifth column), where it parses.
pub fn parse_formulas(text: &str) -> HashMap<String, Formula> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = HashMap::new();
    for rec in reader.records().flatten() {
        if let (Some(product), Some(check)) = (rec.get(0), rec.get(4)) {
            if let Some(mut v) = parse_formula_check(check) {
                v.shapes = parse_formula_shapes(rec.get(2).unwrap_or_default());
                out.insert(product.to_owned(), v);
            }
        }
    }
    out
}

/// The median of sorted rates (0 for none).
pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let mid = n / 2;
    if n % 2 == 1 {
        sorted.get(mid).copied().unwrap_or(0.0)
    } else {
        (sorted.get(mid - 1).copied().unwrap_or(0.0) + sorted.get(mid).copied().unwrap_or(0.0)) / 2.0
    }
}

/// The whole run's figures: what `eol conform` prints under the table and gates on.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub products: usize,
    pub compared: usize,
    pub exact: usize,
    pub by_rule: usize,
    pub mismatches: usize,
    /// mismatches without a reason (in REASONS.csv, or of their own: the catalog is behind)
    pub unexplained: usize,
    /// the median rate by rule alone of the products with a stated policy (the target)
    pub median: f64,
    /// the same over every product
    pub median_all: f64,
    pub stated: usize,
    pub with_formula: usize,
    pub beats: usize,
    pub ties: usize,
    pub behind: usize,
}

impl Summary {
    pub fn of(results: &[(Conformance, Option<Formula>)], reasons: &[Reason]) -> Summary {
        let sum = |f: &dyn Fn(&Conformance) -> usize| results.iter().map(|(c, _)| f(c)).sum::<usize>();
        // The target is about rules: products whose vendor announces dates per release
        // (`announced`) are compared and listed, but not counted in the median. A product
        // with nothing to compare has no rate.
        let rates = |stated_only: bool| {
            let mut r: Vec<f64> = results
                .iter()
                .filter(|(c, _)| c.compared > 0 && (!stated_only || !c.announced))
                .map(|(c, _)| c.rule_rate())
                .collect();
            r.sort_by(f64::total_cmp);
            r
        };
        let versus = |v: Versus| {
            results
                .iter()
                .filter(|(c, f)| f.as_ref().is_some_and(|f| c.against(f) == v))
                .count()
        };
        Summary {
            products: results.len(),
            compared: sum(&|c| c.compared),
            exact: sum(&|c| c.exact),
            by_rule: sum(&|c| c.by_rule()),
            mismatches: sum(&|c| c.mismatches.len()),
            unexplained: sum(&|c| {
                c.mismatches
                    .iter()
                    .filter(|m| reason_for(reasons, &c.product, m).is_none())
                    .count()
            }),
            median: median(&rates(true)),
            median_all: median(&rates(false)),
            stated: results.iter().filter(|(c, _)| !c.announced).count(),
            with_formula: results.iter().filter(|(_, f)| f.is_some()).count(),
            beats: versus(Versus::Beats),
            ties: versus(Versus::Ties),
            behind: versus(Versus::Behind),
        }
    }

    /// The share of compared dates reproduced by rule alone.
    pub fn rule_rate(&self) -> f64 {
        ratio(self.by_rule, self.compared)
    }
}

/// The `eol conform --format json` document (schema version 1).
pub fn document(
    at: NaiveDate,
    results: &[(Conformance, Option<Formula>)],
    reasons: &[Reason],
    summary: &Summary,
) -> serde_json::Value {
    let products: Vec<serde_json::Value> = results
        .iter()
        .map(|(c, f)| {
            json!({
                "product": c.product, "basis": c.basis(), "compared": c.compared, "exact": c.exact, "by_rule": c.by_rule(),
                "by_override": c.by_override, "one_day": c.one_day,
                "formula": f.as_ref().map(|f| json!({"exact": f.recorded_exact(), "total": f.total(), "on_catalog": f.on_catalog, "versus": c.against(f).as_str()})),
                "missing_lines": c.missing_lines,
                "mismatches": c.mismatches.iter().map(|m| json!({
                    "line": m.line, "column": column(m.role), "published": m.published.to_string(),
                    "computed": m.computed.map(|d| d.to_string()), "kind": m.kind.map(|k| k.as_str()),
                    "reason": reason_for(reasons, &c.product, m),
                    "catalog_behind": m.catalog_behind.map(|d| d.to_string()),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "schema_version": 1, "at": at.to_string(), "compared": summary.compared, "exact": summary.exact,
        "by_rule": summary.by_rule, "median_rule_rate": summary.median, "median_rule_rate_all": summary.median_all,
        "stated_products": summary.stated, "mismatches": summary.mismatches, "unexplained": summary.unexplained,
        "products": products,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_columns(by_column: [(usize, usize); 3]) -> Conformance {
        let compared = by_column.iter().map(|c| c.0).sum();
        let exact = by_column.iter().map(|c| c.1).sum();
        Conformance {
            compared,
            exact,
            by_column,
            ..Conformance::default()
        }
    }

    #[test]
    fn the_median_counts_stated_products_that_have_dates() {
        let product = |name: &str, compared: usize, exact: usize, announced: bool| Conformance {
            product: name.into(),
            compared,
            exact,
            announced,
            ..Conformance::default()
        };
        let results = vec![
            (product("a", 10, 9, false), None),
            (product("b", 10, 5, false), None),
            (product("c", 4, 4, false), None),
            // nothing to compare: no rate, not a 0% in the median
            (product("d", 0, 0, false), None),
            // announced dates: listed, not in the target's median
            (product("e", 10, 0, true), None),
        ];
        let s = Summary::of(&results, &[]);
        assert_eq!((s.compared, s.exact, s.by_rule, s.stated), (34, 18, 18, 4));
        assert!((s.median - 0.9).abs() < 1e-9, "{}", s.median);
        assert!((s.median_all - 0.7).abs() < 1e-9, "{}", s.median_all);
        let f = parse_formulas("product,a,b,c,simple_rule_check\nc,x,x,x,eol:3/4\nb,x,x,x,\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f.get("c").map(Formula::total), Some(4));
    }

    #[test]
    fn formula_checks_are_read_column_by_column() {
        let f = parse_formula_check("eoas:27/28 eol:26/27").unwrap();
        assert_eq!(f.columns, vec![(Role::Active, 27, 28), (Role::Security, 26, 27)]);
        assert_eq!((f.exact(), f.total()), (53, 55));
        assert_eq!(parse_formula_check(""), None);
        assert_eq!(parse_formula_check("eol:1/x"), None);
        assert_eq!(parse_formula_check("lts:1/2"), None);
    }

    #[test]
    fn a_column_the_formula_does_not_cover_cannot_win_the_comparison() {
        let f = parse_formula_check("eoas:27/28 eol:26/27").unwrap();
        // 53/55 on the formula's columns, plus 3/3 on `eoes`: 56/58 overall is a
        // higher rate than 53/55, but on the same columns it is a tie.
        let c = with_columns([(28, 27), (27, 26), (3, 3)]);
        assert!(c.rule_rate() > f.rate());
        assert_eq!(c.by_rule_on(&f.roles()), (53, 55));
        assert_eq!(c.against(&f), Versus::Ties);
        assert_eq!(
            with_columns([(28, 28), (27, 26), (0, 0)]).against(&f),
            Versus::Beats
        );
        assert_eq!(
            with_columns([(28, 20), (27, 26), (0, 0)]).against(&f),
            Versus::Behind
        );
        // the summary counts each outcome, a product behind its formula too
        let results = vec![
            (with_columns([(28, 27), (27, 26), (3, 3)]), Some(f.clone())),
            (with_columns([(28, 28), (27, 26), (0, 0)]), Some(f.clone())),
            (with_columns([(28, 20), (27, 26), (0, 0)]), Some(f.clone())),
            (with_columns([(28, 20), (27, 26), (0, 0)]), None),
        ];
        let s = Summary::of(&results, &[]);
        assert_eq!((s.with_formula, s.beats, s.ties, s.behind), (3, 1, 1, 1));
    }

    #[test]
    fn formula_shapes_are_read_from_the_formula_text() {
        use Shape::{Months, Next, Weeks};
        let (eoas, eol) = (Role::Active, Role::Security);
        let read: &[(&str, &[(Role, Shape)])] = &[
            ("eol(x) = releaseDate(x+1)", &[(eol, Next(1))]),
            (
                "eoas(x) = releaseDate(x+1) / eol(x) = releaseDate(x+3)",
                &[(eoas, Next(1)), (eol, Next(3))],
            ),
            ("eol(X) = release(X + 2)", &[(eol, Next(2))]),
            ("eol(r) = releaseDate(r) + 2 years", &[(eol, Months(24))]),
            ("eol(x) = releaseDate(x) + 7 month", &[(eol, Months(7))]),
            ("eol(x) = releaseDate(x) + 12 weeks", &[(eol, Weeks(12))]),
            (
                "eoas(x) = releaseDate(x+1) / eol(x) documented on <link>",
                &[(eoas, Next(1))],
            ),
            // other shapes are not read: an offset after the next release, a maximum, two
            // terms, a condition; and `eol` inside another word is not the column
            ("eol(x) = releaseDate(x+1) + 3 months", &[]),
            ("eol(x) = max(latestReleaseDate(x), releaseDate(x+2))", &[]),
            ("eol(x) = releaseDate(x) + 2 year + 1 day", &[]),
            ("Eol(x) = in_last_3_cycle ? false : latestReleaseDate(x)", &[]),
            ("ceol(x) = releaseDate(x+1)", &[]),
        ];
        for (text, shapes) in read {
            assert_eq!(parse_formula_shapes(text), *shapes, "{text}");
        }
    }

    /// The formula run on the catalog reads the catalog's first ships, not the export's
    /// release dates: where the two differ (2's first ship), so do the counts.
    #[test]
    fn a_formula_runs_on_the_release_days_of_the_catalog() {
        // the catalog ships 1, 2 and 3 on 1 January 2020, 2021 and 2022; the export dates 2
        // ten days earlier and ends each line on its own date of the next
        let (cycles, diags) = crate::endoflife::parse(
            "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n3,2022-01-01,,,false,,false,\n2,2020-12-22,,,false,,2022-01-01,\n1,2020-01-01,,,false,,2020-12-22,\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let text = b"policy p {\n  line major\n  service s\n  phase oss role security {\n    from first_ship\n    until first_ship(newer 1)\n    provides s\n  }\n}\n";
        let (rules, lifecycle) = evaluated(text);
        let mut next = parse_formula_check("eol:2/2").unwrap();
        next.shapes = parse_formula_shapes("eol(x) = releaseDate(x+1)");
        let next = next.with_catalog(&lifecycle, &cycles);
        // 1's end is 2's first ship in the catalog (2021-01-01), not the published 2020-12-22
        assert_eq!(
            (next.recorded_exact(), next.on_catalog, next.exact()),
            (2, Some(1), 1)
        );
        // the rules read the same days: a tie, where the recorded check would beat them
        let c = compare(&rules.policies[0], &lifecycle, &cycles);
        assert_eq!(c.by_rule(), 1);
        assert_eq!(c.against(&next), Versus::Ties);
        // `releaseDate(x) + 1 year`: 1 gives 2021-01-01 (no), 2 gives 2022-01-01 (yes)
        let mut year = parse_formula_check("eol:0/2").unwrap();
        year.shapes = parse_formula_shapes("eol(x) = releaseDate(x) + 1 year");
        assert_eq!(year.with_catalog(&lifecycle, &cycles).on_catalog, Some(1));
        // a checked column whose shape was not read leaves the recorded check alone
        let unread = parse_formula_check("eol:2/2")
            .unwrap()
            .with_catalog(&lifecycle, &cycles);
        assert_eq!((unread.on_catalog, unread.exact()), (None, 2));
    }

    /// A rule file of one policy `p`, evaluated on 2025-01-01 against lines 1, 2 and 3
    /// (shipped on 1 January 2020, 2021 and 2022), with traces, as `eol conform` does.
    fn evaluated(rules: &[u8]) -> (crate::project::RuleFile, Lifecycle) {
        evaluated_with(rules, crate::eval::Options { trace: true })
    }

    fn evaluated_with(rules: &[u8], options: crate::eval::Options) -> (crate::project::RuleFile, Lifecycle) {
        let rules = crate::project::RuleFile::load("p.eol", rules);
        assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
        let policy = &rules.policies[0];
        let (catalog, diags) = crate::catalog::parse_catalog(
            "product,version,date\np,1,2020-01-01\np,2,2021-01-01\np,3,2022-01-01\n",
            crate::catalog::CatalogFormat::Csv,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let releases: Vec<&crate::catalog::Release> = catalog.product("p").collect();
        let at = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let (lifecycle, _) = crate::eval::evaluate(policy, &releases, at, options);
        (rules, lifecycle)
    }

    /// A date computed from an override is not by rule, also when an estimate in its
    /// derivation makes it `estimated` rather than `override`: the trace says where it
    /// comes from.
    #[test]
    fn an_estimate_from_an_override_is_not_by_rule() {
        let text = b"policy p {\n  line major\n  service s\n  phase oss role active {\n    from first_ship\n    until first_ship(newer 1)\n    provides s\n  }\n  phase paid role security {\n    from end(oss)\n    until end(oss) + about(12 months)\n    provides s\n  }\n  override line 1 oss.end = 2021-06-01 because \"announced\"\n}\n";
        let (cycles, diags) = crate::endoflife::parse(
            "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n2,2021-01-01,,,false,2022-01-01,2023-01-01,\n1,2020-01-01,,,false,2021-06-01,2022-06-01,\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let (rules, lifecycle) = evaluated(text);
        let c = compare(&rules.policies[0], &lifecycle, &cycles);
        // line 1: both ends exact, neither by rule; line 2: both by rule (the estimate of
        // 2023-01-01 comes from 2's own dates)
        assert_eq!((c.compared, c.exact, c.by_rule(), c.by_override), (4, 4, 2, 2));
        assert_eq!(c.by_column, [(2, 1), (2, 1), (0, 0)]);
        let line1 = &lifecycle.lines[0];
        assert_eq!(line1.line, "1");
        assert_eq!(line1.phases[1].end.kind, ValueKind::Estimated);
        // without traces the kind alone cannot tell
        let (rules, lifecycle) = evaluated_with(text, crate::eval::Options::default());
        let c = compare(&rules.policies[0], &lifecycle, &cycles);
        assert_eq!(c.by_rule(), 3);
    }

    /// An approximate date the vendor announced (`declare ... = about(DATE)`) or an
    /// override writes is estimated, and marked so, but never by rule.
    #[test]
    fn an_announced_approximate_date_is_estimated_and_not_by_rule() {
        let text = b"policy p {\n  line major\n  service s\n  phase oss role active, security {\n    from first_ship\n    until first_ship(newer 1) unless declared\n    provides s\n  }\n  declare line 1 oss.end = about(2021-01-01) because \"planned\"\n  override line 2 oss.end = about(2022-01-01) because \"planned too\"\n}\n";
        let (cycles, diags) = crate::endoflife::parse(
            "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n2,2021-01-01,,,false,2022-01-01,2022-01-01,\n1,2020-01-01,,,false,2021-01-01,2021-01-01,\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let (rules, lifecycle) = evaluated(text);
        for (line, what) in [
            (0, "declared for line 1: planned"),
            (1, "an override for line 2: planned too"),
        ] {
            let end = &lifecycle.lines[line].phases[0].end;
            assert_eq!(end.kind, ValueKind::Estimated, "{what}");
            let trace = end.trace.as_deref().unwrap();
            assert_eq!(trace.what, what);
            assert!(trace.cause(ValueKind::Estimated).is_some(), "{what}");
        }
        let c = compare(&rules.policies[0], &lifecycle, &cycles);
        assert_eq!((c.compared, c.exact, c.by_rule()), (4, 4, 0));
    }

    /// An upper bound (`no_later_than`) does not claim the day: one that happens to equal
    /// the published date is not by rule, in an override, in a phase's own rule, or in a
    /// date computed from one, with traces or without; the rest of the line still is.
    #[test]
    fn an_upper_bound_is_never_by_rule() {
        let text = b"policy p {\n  line major\n  service s\n  phase oss role active {\n    from first_ship\n    until no_later_than(first_ship(newer 1))\n    provides s\n  }\n  phase paid role security {\n    from end(oss)\n    until end(oss) + 1 year\n    provides s\n  }\n  override line 1 oss.end = no_later_than(2021-06-01) because \"left the list\"\n}\n";
        let (cycles, diags) = crate::endoflife::parse(
            "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n2,2021-01-01,,,false,2022-01-01,2023-01-01,\n1,2020-01-01,,,false,2021-06-01,2022-06-01,\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        for options in [
            crate::eval::Options { trace: true },
            crate::eval::Options::default(),
        ] {
            let (rules, lifecycle) = evaluated_with(text, options);
            let line1 = &lifecycle.lines[0];
            assert_eq!(line1.phases[0].end.kind, ValueKind::AtTheLatest);
            assert_eq!(line1.phases[1].end.kind, ValueKind::AtTheLatest);
            assert_eq!(line1.phases[1].end.date, NaiveDate::from_ymd_opt(2022, 6, 1));
            let c = compare(&rules.policies[0], &lifecycle, &cycles);
            assert_eq!((c.compared, c.exact, c.by_rule()), (4, 4, 0));
        }
    }

    /// A phase with two roles is compared in both columns; a declared date that matches
    /// is exact, but not by rule.
    #[test]
    fn declared_dates_and_two_roles() {
        let (rules, lifecycle) = evaluated(
            b"policy p {\n  line major\n  service s\n  phase supported role active, security {\n    from first_ship\n    until first_ship(newer 1) unless declared\n    provides s\n  }\n  declare line 2 supported.end = 2024-01-01 because \"announced\"\n}\n",
        );
        let policy = &rules.policies[0];
        let (cycles, diags) = crate::endoflife::parse(
            "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n2,2021-01-01,,,false,2024-01-01,2024-01-01,\n1,2020-01-01,,,false,2021-01-01,2021-01-01,\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let c = compare(policy, &lifecycle, &cycles);
        assert_eq!((c.compared, c.exact, c.by_rule(), c.by_override), (4, 4, 2, 2));
        assert_eq!(c.by_column, [(2, 1), (2, 1), (0, 0)]);
    }

    /// A pending date whose published value is later than the catalog's newest row is the
    /// catalog's age, said as the mismatch's own reason; one before that row, or a date the
    /// rules give, is not.
    #[test]
    fn a_catalog_older_than_the_published_date_is_a_reason_of_its_own() {
        let (rules, lifecycle) = evaluated(
            b"policy p {\n  line major\n  service s\n  phase supported role security {\n    from first_ship\n    until first_ship(newer 1)\n    provides s\n  }\n}\n",
        );
        let policy = &rules.policies[0];
        let published = |line3: &str| {
            let (cycles, diags) = crate::endoflife::parse(&format!(
                "cycle,release_date,latest,latest_date,lts,eoas,eol,eoes\n3,2022-01-01,,,false,,{line3},\n2,2021-01-01,,,false,,2022-02-01,\n"
            ));
            assert!(diags.is_empty(), "{diags:?}");
            compare(policy, &lifecycle, &cycles)
        };
        let c = published("2023-06-01");
        assert_eq!(c.mismatches.len(), 2);
        let newest = NaiveDate::from_ymd_opt(2022, 1, 1);
        assert_eq!(c.mismatches[0].line, "3");
        assert_eq!(c.mismatches[0].kind, Some(ValueKind::Pending));
        assert_eq!(c.mismatches[0].catalog_behind, newest);
        let reason = reason_for(&[], "p", &c.mismatches[0]).expect("a reason of its own");
        assert!(
            reason.contains("(2022-01-01) is older than the published date"),
            "{reason}"
        );
        // Line 2's end is computed (2022-01-01): a mismatch, but not the catalog's age.
        assert_eq!(
            (c.mismatches[1].line.as_str(), c.mismatches[1].catalog_behind),
            ("2", None)
        );
        assert_eq!(reason_for(&[], "p", &c.mismatches[1]), None);
        // The catalog's age comes before a recorded reason, which was written for the date
        // the rules computed when the catalog was current; other mismatches keep theirs.
        let (reasons, _) = parse_reasons("product,lines,column,reason\np,*,eol,recorded\n");
        assert_eq!(reason_for(&reasons, "p", &c.mismatches[0]), Some(reason));
        assert_eq!(
            reason_for(&reasons, "p", &c.mismatches[1]).as_deref(),
            Some("recorded")
        );
        // Published before the newest row: the release was due while the catalog was kept.
        let c = published("2021-12-01");
        assert_eq!(c.mismatches[0].catalog_behind, None);
    }

    #[test]
    fn reasons_match_line_names_by_pattern() {
        let (reasons, problems) = parse_reasons(
            "product,lines,column,reason\nrust,1.8?,eol,two digits\nx,9.6,*,one line\nx,5.*,eoas,major 5\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let m = |line: &str, role| Mismatch {
            line: line.into(),
            role,
            published: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            computed: None,
            kind: None,
            catalog_behind: None,
        };
        assert_eq!(
            reason_for(&reasons, "rust", &m("1.85", Role::Security)).as_deref(),
            Some("two digits")
        );
        assert_eq!(
            reason_for(&reasons, "rust", &m("1.8", Role::Security)).as_deref(),
            None
        );
        assert_eq!(
            reason_for(&reasons, "rust", &m("1.85", Role::Active)).as_deref(),
            None
        );
        assert_eq!(
            reason_for(&reasons, "x", &m("9.6", Role::Extended)).as_deref(),
            Some("one line")
        );
        assert_eq!(
            reason_for(&reasons, "x", &m("9.60", Role::Extended)).as_deref(),
            None
        );
        assert_eq!(
            reason_for(&reasons, "x", &m("5.10", Role::Active)).as_deref(),
            Some("major 5")
        );
        assert_eq!(reason_for(&reasons, "x", &m("5", Role::Active)).as_deref(), None);
    }

    #[test]
    fn no_compared_date_on_the_formula_columns_wins_nothing() {
        let f = parse_formula_check("eol:2/6").unwrap();
        assert_eq!(with_columns([(5, 5), (0, 0), (0, 0)]).against(&f), Versus::Behind);
        // The formula reproduced none of its six: nor did the rules, a tie.
        let f = parse_formula_check("eol:0/6").unwrap();
        assert_eq!(with_columns([(5, 5), (0, 0), (0, 0)]).against(&f), Versus::Ties);
    }

    #[test]
    fn a_date_the_formula_cannot_compute_is_one_it_does_not_reproduce() {
        // openjdk-builds-from-oracle: `releaseDate(x+1)` has no value for the newest line
        // (its next release has not shipped), so the check scores 16 of 17 dates; the rules
        // are compared on all 18 and reproduce the same 16: a tie, not a lower rate.
        let f = parse_formula_check("eol:16/17").unwrap();
        assert!(ratio(16, 18) < f.rate());
        assert_eq!(with_columns([(0, 0), (18, 16), (0, 0)]).against(&f), Versus::Ties);
        // chrome: the rules reproduce the date the formula has no value for as well.
        let f = parse_formula_check("eol:143/143").unwrap();
        assert_eq!(
            with_columns([(0, 0), (144, 144), (0, 0)]).against(&f),
            Versus::Beats
        );
        // A line missing from the rules is a date they do not reproduce either.
        let f = parse_formula_check("eol:10/11").unwrap();
        assert_eq!(with_columns([(0, 0), (10, 10), (0, 0)]).against(&f), Versus::Ties);
    }

    #[test]
    fn nothing_compared_on_either_side_is_a_tie() {
        // goaccess: its only line is supported, so neither side has a date to compare.
        let f = parse_formula_check("eol:0/0").unwrap();
        assert_eq!(with_columns([(0, 0), (0, 0), (0, 0)]).against(&f), Versus::Ties);
    }
}
