//! The reference model: a deliberately naive evaluator written from
//! docs/language.md and docs/dates.md.
//!
//! It reads the syntax tree (`eol_syntax::ast`) and the generator's catalog rows
//! directly, and shares no code with `eol_engine` (neither its checker's model nor
//! its evaluator, dates or versions). Nothing is memoised: every date is recomputed,
//! recursively, every time it is needed, so the code can follow the documentation
//! sentence by sentence. It only has to handle valid rule files (the generator's):
//! anything it does not understand is an `Err`.

use std::cmp::Ordering;

use chrono::NaiveDate;
use eol_syntax::ast::{
    self, Arg, ArithKind, ArithOp, BinOp, CmpOp, CondKind, ExprKind, ItemKind, OperandKind, PatternKind,
    PhaseStmtKind,
};

use super::dates::{self, Pattern, Unit};
use super::gen::{RDate, Rel};
use super::version;

/// How sure a date is. The order is "least certain last": a value computed from
/// several inputs takes the greatest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Exact,
    /// "announced by the vendor for the line (`declare`, for a rule that says `unless
    /// declared`)"; "pending, then estimated, then override, then declared, then exact"
    Declared,
    Override,
    /// "an upper bound: the day was not published, only that it had come by then
    /// (`no_later_than`)"; "pending, then estimated, then at the latest, then override"
    AtTheLatest,
    Estimated,
    Pending,
}

/// A date and how sure it is; `date` is `None` exactly when the kind is pending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct V {
    pub date: Option<NaiveDate>,
    pub kind: Kind,
}

impl V {
    pub const PENDING: V = V {
        date: None,
        kind: Kind::Pending,
    };

    fn new(date: Option<NaiveDate>, kind: Kind) -> V {
        match date {
            Some(d) => V { date: Some(d), kind },
            None => V::PENDING,
        }
    }
}

impl std::fmt::Display for V {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.date, self.kind) {
            (None, _) => write!(f, "pending"),
            (Some(d), Kind::Exact) => write!(f, "{d}"),
            (Some(d), Kind::Estimated) => write!(f, "~{d}"),
            (Some(d), Kind::Override) => write!(f, "{d}*"),
            (Some(d), Kind::Declared) => write!(f, "{d}!"),
            (Some(d), Kind::AtTheLatest) => write!(f, "≤{d}"),
            (Some(d), Kind::Pending) => write!(f, "{d}(pending?)"),
        }
    }
}

/// One line's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineOut {
    pub name: String,
    pub first_ship: V,
    /// the phases that apply to the line, in declaration order: (id, start, end)
    pub phases: Vec<(String, V, V)>,
    /// the milestones that apply: (id, date)
    pub milestones: Vec<(String, V)>,
    /// kept for upstream `latest of`
    pub latest: V,
    /// a line `order lines by number` counts but does not show (kept for `of`, whose
    /// `newer N` counts in the upstream's line order)
    pub phantom: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductOut {
    pub id: String,
    pub lines: Vec<LineOut>,
}

type R<T> = Result<T, String>;

/// A phase definition with the `when` conditions around it.
struct Def<'a, T> {
    conds: Vec<&'a ast::Cond>,
    body: T,
}

struct Phase<'a> {
    id: String,
    defs: Vec<Def<'a, &'a ast::Phase>>,
}

/// A phase's merged definition for one line: from, until, and whether `until` was
/// written `through`.
type Merged<'a> = (Option<&'a ast::Expr>, Option<&'a ast::Expr>, bool);

struct Milestone<'a> {
    id: String,
    defs: Vec<Def<'a, &'a ast::Expr>>,
}

/// An `override` or a `declare` (they have the same form).
struct Override<'a> {
    line: String,
    target: String,
    field: Option<String>,
    value: &'a ast::Expr,
}

struct Upstream {
    alias: String,
    product: String,
    lines: Vec<(String, String)>,
}

struct Policy<'a> {
    id: String,
    components: Vec<String>,
    line_len: usize,
    by_first_ship: bool,
    /// `order lines by number`: missing numbers count as lines
    by_number: bool,
    cadence: Option<Vec<(i64, Unit)>>,
    attributes: Vec<String>,
    phases: Vec<Phase<'a>>,
    milestones: Vec<Milestone<'a>>,
    overrides: Vec<Override<'a>>,
    declares: Vec<Override<'a>>,
    upstreams: Vec<Upstream>,
}

/// A release line of the catalog.
struct Line<'r> {
    name: String,
    comps: Vec<String>,
    releases: Vec<&'r Rel>,
    /// a number `order lines by number` counts, not in the catalog: "such a line is
    /// counted, not shown"
    phantom: bool,
    first_ship: V,
    latest: V,
    /// the latest day the first ship can be, when that has passed: the earliest of the
    /// last days of its releases' periods ("A snap to the calendar can settle such a date")
    first_ship_late: Option<NaiveDate>,
    final_: V,
    lts: Option<bool>,
    lts_from: Option<NaiveDate>,
    edition: Option<String>,
    level: Option<i64>,
    kind: Option<String>,
}

/// A duration's parts, and whether the policy calls it approximate (`about(6 months)`).
fn duration(e: &ast::Expr) -> R<(Vec<(i64, Unit)>, bool)> {
    match &e.kind {
        ExprKind::Call { func, args } if func.node == "about" => match args.as_slice() {
            [Arg::Expr(inner)] => Ok((duration(inner)?.0, true)),
            _ => Err("about: one argument".into()),
        },
        ExprKind::Duration { amount, unit } => {
            let n: i64 = amount
                .node
                .parse()
                .map_err(|_| format!("amount {}", amount.node))?;
            let u = Unit::from_name(&unit.node).ok_or_else(|| format!("unit {}", unit.node))?;
            Ok((vec![(n, u)], false))
        }
        ExprKind::Paren(inner) => duration(inner),
        ExprKind::Binary { op, lhs, rhs } => {
            let (mut l, la) = duration(lhs)?;
            let (r, ra) = duration(rhs)?;
            let sign = if *op == BinOp::Sub { -1 } else { 1 };
            l.extend(r.into_iter().map(|(n, u)| (sign * n, u)));
            Ok((l, la || ra))
        }
        _ => Err("not a duration".into()),
    }
}

/// `term years` (or `about(term years)`): an attribute's name as the amount, its unit, and
/// whether the policy calls it approximate.
fn per_line(e: &ast::Expr) -> Option<(&str, Unit, bool)> {
    match &e.kind {
        ExprKind::Call { func, args } if func.node == "about" => match args.as_slice() {
            [Arg::Expr(inner)] => per_line(inner).map(|(n, u, _)| (n, u, true)),
            _ => None,
        },
        ExprKind::Duration { amount, unit } if !amount.node.starts_with(|c: char| c.is_ascii_digit()) => {
            Some((amount.node.as_str(), Unit::from_name(&unit.node)?, false))
        }
        ExprKind::Paren(inner) => per_line(inner),
        _ => None,
    }
}

fn shift(d: NaiveDate, parts: &[(i64, Unit)]) -> Option<NaiveDate> {
    let mut d = d;
    for (n, u) in parts {
        d = dates::add(d, *n, *u)?;
    }
    Some(d)
}

/// The items of a policy, in order; `own` is false for the items of a base policy
/// (`extends`), whose overrides and declarations "are not inherited".
fn collect<'a>(
    items: &'a [ast::Item],
    conds: &mut Vec<&'a ast::Cond>,
    p: &mut Policy<'a>,
    own: bool,
) -> R<()> {
    for item in items {
        match &item.kind {
            ItemKind::Versions(t) => p.components = t.node.split('.').map(str::to_owned).collect(),
            ItemKind::Line(ids) => p.line_len = ids.len(),
            ItemKind::Order { key, .. } => {
                p.by_first_ship = key.node == "first_ship";
                p.by_number = key.node == "number";
            }
            ItemKind::Attribute { name, .. } => p.attributes.push(name.node.clone()),
            ItemKind::Cadence { kind, every } => {
                if kind.node == "line" {
                    // "In a cadence, `about` changes nothing"; a policy that extends another
                    // replaces the base's line cadence with its own (`on demand` too)
                    p.cadence = match every {
                        Some(e) => Some(duration(e)?.0),
                        None => None,
                    };
                }
            }
            ItemKind::Phase(ph) => {
                let def = Def {
                    conds: conds.clone(),
                    body: ph,
                };
                match p.phases.iter_mut().find(|x| x.id == ph.id.node) {
                    Some(x) => x.defs.push(def),
                    None => p.phases.push(Phase {
                        id: ph.id.node.clone(),
                        defs: vec![def],
                    }),
                }
            }
            ItemKind::Milestone { id, value, .. } => {
                let def = Def {
                    conds: conds.clone(),
                    body: value,
                };
                match p.milestones.iter_mut().find(|x| x.id == id.node) {
                    Some(x) => x.defs.push(def),
                    None => p.milestones.push(Milestone {
                        id: id.node.clone(),
                        defs: vec![def],
                    }),
                }
            }
            ItemKind::When { cond, items } => {
                conds.push(cond);
                collect(items, conds, p, own)?;
                conds.pop();
            }
            ItemKind::Override(_) | ItemKind::Declare(_) if !own => {}
            ItemKind::Override(given) | ItemKind::Declare(given) => {
                let given = Override {
                    line: given.line.node.clone(),
                    target: given.target.node.clone(),
                    field: given.field.as_ref().map(|f| f.node.clone()),
                    value: &given.value,
                };
                match &item.kind {
                    ItemKind::Declare(_) => p.declares.push(given),
                    _ => p.overrides.push(given),
                }
            }
            ItemKind::Upstream {
                alias,
                product,
                lines,
            } => {
                // an `upstream` with the alias of one of the base's replaces it
                p.upstreams.retain(|u| u.alias != alias.node);
                p.upstreams.push(Upstream {
                    alias: alias.node.clone(),
                    product: product
                        .as_ref()
                        .map_or_else(|| alias.node.clone(), |x| x.node.clone()),
                    lines: lines
                        .iter()
                        .map(|(a, b)| (a.node.clone(), b.node.clone()))
                        .collect(),
                })
            }
            // which releases of a line are supported changes no line's dates
            ItemKind::Vendor(_)
            | ItemKind::Superseded { .. }
            | ItemKind::Announced(_)
            | ItemKind::Names { .. }
            | ItemKind::LineAlias { .. }
            | ItemKind::LineBuilds { .. }
            | ItemKind::Prerelease(_)
            | ItemKind::Service { .. }
            | ItemKind::Source { .. }
            | ItemKind::Allow(_) => {}
        }
    }
    Ok(())
}

/// Evaluate every policy of a rule file over the catalog rows at `at`.
pub fn evaluate(rules: &str, releases: &[Rel], at: NaiveDate) -> R<Vec<ProductOut>> {
    let parsed = eol_syntax::parse(rules);
    if let Some(d) = parsed.diagnostics.iter().find(|d| d.is_error()) {
        return Err(format!("the rule file does not parse: {}", d.message));
    }
    let mut done: Vec<ProductOut> = Vec::new();
    for ap in &parsed.file.policies {
        let mut p = Policy {
            id: ap.id.node.clone(),
            components: vec!["major".into(), "minor".into(), "patch".into()],
            line_len: 0,
            by_first_ship: false,
            by_number: false,
            cadence: None,
            attributes: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            overrides: Vec::new(),
            declares: Vec::new(),
            upstreams: Vec::new(),
        };
        // "The policy starts with every item of its base (and of the base's base), in
        // order, and its own items follow"
        let mut chain = vec![ap];
        while let Some(base) = chain.last().and_then(|x| x.extends.as_ref()) {
            let b = parsed
                .file
                .policies
                .iter()
                .take_while(|x| !std::ptr::eq(*x, ap))
                .find(|x| x.id.node == base.node)
                .ok_or("extends: no such policy above")?;
            if chain.len() > 16 {
                return Err("extends: too deep".into());
            }
            chain.push(b);
        }
        for (k, x) in chain.iter().enumerate().rev() {
            collect(&x.items, &mut Vec::new(), &mut p, k == 0)?;
        }
        let rows: Vec<&Rel> = releases.iter().filter(|r| r.product == p.id).collect();
        let lines = lines_of(&p, &rows, at);
        let ups: Vec<Option<&ProductOut>> = p
            .upstreams
            .iter()
            .map(|u| done.iter().find(|d| d.id == u.product))
            .collect();
        let m = Model {
            p: &p,
            lines: &lines,
            at,
            ups,
        };
        let mut out = Vec::new();
        for i in 0..lines.len() {
            out.push(m.line_out(i)?);
        }
        done.push(ProductOut {
            id: p.id.clone(),
            lines: out,
        });
    }
    // "such a line is counted, not shown"
    for p in &mut done {
        p.lines.retain(|l| !l.phantom);
    }
    Ok(done)
}

fn release_value(r: &Rel, at: NaiveDate) -> V {
    match r.date {
        RDate::Exact(d) if d <= at => V::new(Some(d), Kind::Exact),
        RDate::Exact(d) => V::new(Some(d), Kind::Estimated),
        RDate::Month(y, m) => V::new(dates::ymd(y, m, 1), Kind::Estimated),
        RDate::Year(y) => V::new(dates::ymd(y, 1, 1), Kind::Estimated),
        RDate::Unknown => V::PENDING,
    }
}

/// The last day a release can have shipped on: its day, or the last of its month or year.
fn period_end(r: &Rel) -> Option<NaiveDate> {
    match r.date {
        RDate::Exact(d) => Some(d),
        RDate::Month(y, m) => dates::end_of_month(dates::ymd(y, m, 1)?),
        RDate::Year(y) => dates::ymd(y, 12, 31),
        RDate::Unknown => None,
    }
}

/// Group the rows into lines, order them, and find each line's first ship, latest
/// and final release.
fn lines_of<'r>(p: &Policy<'_>, rows: &[&'r Rel], at: NaiveDate) -> Vec<Line<'r>> {
    let mut lines: Vec<Line<'r>> = Vec::new();
    for r in rows {
        let name = match &r.line {
            Some(l) => l.trim().to_owned(),
            None => super::gen::line_of(&r.version, p.line_len),
        };
        match lines.iter_mut().find(|l| l.name.eq_ignore_ascii_case(&name)) {
            Some(l) => l.releases.push(r),
            None => lines.push(Line {
                comps: version::split(&name).0,
                name,
                releases: vec![r],
                phantom: false,
                first_ship: V::PENDING,
                latest: V::PENDING,
                first_ship_late: None,
                final_: V::PENDING,
                lts: None,
                lts_from: None,
                edition: None,
                level: None,
                kind: None,
            }),
        }
    }
    for l in &mut lines {
        // "A line's first ship date is the earliest date among its releases"; the
        // surest reading of that day wins (an exact 1 March beats "March").
        let mut best: Option<V> = None;
        for r in &l.releases {
            let v = release_value(r, at);
            if v.date.is_none() {
                continue;
            }
            best = match best {
                None => Some(v),
                Some(b) if (v.date, v.kind) < (b.date, b.kind) => Some(v),
                Some(b) => Some(b),
            };
        }
        l.first_ship = best.unwrap_or(V::PENDING);
        l.first_ship_late = l
            .releases
            .iter()
            .filter_map(|r| period_end(r))
            .min()
            .filter(|d| *d <= at);
        // "its latest release is the newest shipped by the evaluation date"; when
        // none has shipped, the next planned one. Ties: the higher version.
        let mut sorted = l.releases.clone();
        sorted.sort_by(|a, b| version::compare(&a.version, &b.version));
        let shipped: Vec<(V, &Rel)> = sorted
            .iter()
            .map(|r| (release_value(r, at), *r))
            .filter(|(v, _)| v.date.is_some_and(|d| d <= at))
            .collect();
        let planned: Vec<(V, &Rel)> = sorted
            .iter()
            .map(|r| (release_value(r, at), *r))
            .filter(|(v, _)| v.date.is_some_and(|d| d > at))
            .collect();
        l.latest = if let Some(max) = shipped.iter().map(|(v, _)| v.date).max() {
            shipped
                .iter()
                .rev()
                .find(|(v, _)| v.date == max)
                .map_or(V::PENDING, |x| x.0)
        } else if let Some(min) = planned.iter().map(|(v, _)| v.date).min() {
            planned
                .iter()
                .find(|(v, _)| v.date == min)
                .map_or(V::PENDING, |x| x.0)
        } else {
            V::PENDING
        };
        l.final_ = l
            .releases
            .iter()
            .rev()
            .find(|r| r.is_final)
            .map_or(V::PENDING, |r| release_value(r, at));
        l.lts = l.releases.iter().find_map(|r| r.lts);
        l.lts_from = l.releases.iter().find_map(|r| r.lts_from);
        l.edition = l.releases.iter().find_map(|r| r.edition.clone());
        l.level = l.releases.iter().find_map(|r| r.level);
        l.kind = sorted.first().and_then(|r| r.kind.clone());
    }
    if p.by_first_ship {
        lines.sort_by(|a, b| {
            let (x, y) = (a.first_ship.date, b.first_ship.date);
            x.is_none()
                .cmp(&y.is_none())
                .then(x.cmp(&y))
                .then_with(|| version::compare(&a.name, &b.name))
        });
    } else {
        lines.sort_by(|a, b| version::compare(&a.name, &b.name).then_with(|| a.name.cmp(&b.name)));
    }
    if p.by_number {
        fill_numbers(&mut lines);
    }
    // "A line listed in the catalog without any dated release is projected the same way
    // from the nearest earlier dated line."
    if let Some(cad) = &p.cadence {
        for i in 0..lines.len() {
            if lines.get(i).is_some_and(|l| l.first_ship.date.is_none()) {
                let base = (0..i).rev().find_map(|b| {
                    let l = lines.get(b)?;
                    let dated = l.releases.iter().any(|r| r.date != RDate::Unknown);
                    (dated && l.first_ship.date.is_some()).then_some((b, l.first_ship))
                });
                if let Some((b, v)) = base {
                    let mut d = v.date;
                    for _ in 0..(i - b) {
                        d = d.and_then(|d| shift(d, cad));
                    }
                    if let Some(l) = lines.get_mut(i) {
                        l.first_ship = V::new(d, Kind::Estimated);
                    }
                }
            }
        }
    }
    lines
}

/// `order lines by number`: "every number missing between two lines that share all
/// components but the last counts as a line the catalog lacks"; "Gaps of more than 100
/// numbers are left as they are, and nothing is filled between majors". Only lines
/// numbered plainly (no suffix, a number last) are counted from; the lines to come are
/// named the same way ("one up in its last component").
fn fill_numbers(lines: &mut Vec<Line<'_>>) {
    let plain: Vec<(Vec<String>, u64, usize)> = lines
        .iter()
        .filter_map(|l| {
            let (comps, suffix) = version::split(&l.name);
            let (last, head) = comps.split_last()?;
            if suffix.is_some() || last.is_empty() || !last.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            Some((head.to_vec(), last.parse().ok()?, last.len()))
        })
        .collect();
    let mut extra = Vec::new();
    for pair in plain.windows(2) {
        let [(ha, na, width), (hb, nb, _)] = pair else {
            continue;
        };
        let same_head = ha.len() == hb.len()
            && ha
                .iter()
                .zip(hb)
                .all(|(a, b)| version::compare_component(a, b) == Ordering::Equal);
        if !same_head || *nb <= na + 1 || nb - na - 1 > 100 {
            continue;
        }
        for n in na + 1..*nb {
            let mut comps = ha.clone();
            comps.push(format!("{n:0width$}"));
            extra.push(Line {
                name: comps.join("."),
                comps,
                releases: Vec::new(),
                phantom: true,
                first_ship: V::PENDING,
                latest: V::PENDING,
                first_ship_late: None,
                final_: V::PENDING,
                lts: None,
                lts_from: None,
                edition: None,
                level: None,
                kind: None,
            });
        }
    }
    lines.extend(extra);
    lines.sort_by(|a, b| version::compare(&a.name, &b.name).then_with(|| a.name.cmp(&b.name)));
}

/// Glob: `*` any text, `?` one character, any case.
fn glob(p: &[char], t: &[char]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some(('*', rest)) => (0..=t.len()).any(|i| glob(rest, t.get(i..).unwrap_or(&[]))),
        Some((c, rest)) => match t.split_first() {
            Some((tc, trest)) => (*c == '?' || c.to_lowercase().eq(tc.to_lowercase())) && glob(rest, trest),
            None => false,
        },
    }
}

fn glob_matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    glob(&p, &t)
}

fn cmp_holds(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
    }
}

fn parse_date(s: &str) -> R<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("date {s}: {e}"))
}

/// A line that is only a name (and its components), for lines to come.
struct Named {
    name: String,
    comps: Vec<String>,
}

/// What a condition may look at: a line of the catalog, or a line to come.
enum Subject<'l, 'r> {
    Line(usize, &'l Line<'r>),
    Future(&'l Named),
}

impl Subject<'_, '_> {
    fn name(&self) -> &str {
        match self {
            Subject::Line(_, l) => &l.name,
            Subject::Future(n) => &n.name,
        }
    }
    fn comps(&self) -> &[String] {
        match self {
            Subject::Line(_, l) => &l.comps,
            Subject::Future(n) => &n.comps,
        }
    }
}

struct Model<'m, 'a, 'r> {
    p: &'m Policy<'a>,
    lines: &'m [Line<'r>],
    at: NaiveDate,
    ups: Vec<Option<&'m ProductOut>>,
}

/// Which other line a selector reaches.
enum Reach {
    Line(usize),
    /// past the catalog: (date, kind) of the projection, or pending
    Beyond(V),
    None,
}

impl<'m, 'a, 'r> Model<'m, 'a, 'r> {
    fn comp_index(&self, name: &str) -> Option<usize> {
        self.p.components.iter().position(|c| c == name)
    }

    /// Does `c` hold for `s`, seen from line `current` (for `same`)?
    fn holds(&self, c: &ast::Cond, s: &Subject<'_, '_>, current: usize) -> R<bool> {
        let cur = self.lines.get(current).ok_or("no current line")?;
        let line = match s {
            Subject::Line(_, l) => Some(*l),
            Subject::Future(_) => None,
        };
        Ok(match &c.kind {
            CondKind::Or(cs) => {
                let mut any = false;
                for c in cs {
                    any |= self.holds(c, s, current)?;
                }
                any
            }
            CondKind::And(cs) => {
                let mut all = true;
                for c in cs {
                    all &= self.holds(c, s, current)?;
                }
                all
            }
            CondKind::Not(c) => !self.holds(c, s, current)?,
            CondKind::Paren(c) => self.holds(c, s, current)?,
            CondKind::Is { subject, class } => {
                let i = self.comp_index(&subject.node).ok_or("is: unknown component")?;
                match s.comps().get(i).and_then(|x| version::is_even(x)) {
                    Some(even) => even == (class.node == "even"),
                    None => false,
                }
            }
            CondKind::Compare { lhs, op, rhs }
                if matches!(lhs.kind, OperandKind::Arith(_)) || matches!(rhs.kind, OperandKind::Arith(_)) =>
            {
                // "It holds only for lines whose components it reads are plain numbers
                // ..., and never on division by zero"
                match (self.number(lhs, s)?, self.number(rhs, s)?) {
                    (Some(a), Some(b)) => cmp_holds(op.node, a.cmp(&b)),
                    _ => false,
                }
            }
            CondKind::Compare { lhs, op, rhs } => {
                let rtext = match &rhs.kind {
                    OperandKind::Version(v)
                    | OperandKind::Text(v)
                    | OperandKind::Date(v)
                    | OperandKind::Name(v) => v.clone(),
                    OperandKind::Line => return Err("line on the right".into()),
                    OperandKind::Arith(_) => return Err("arithmetic".into()),
                };
                match &lhs.kind {
                    OperandKind::Line => cmp_holds(op.node, version::compare(s.name(), &rtext)),
                    OperandKind::Name(n) if n == "first_ship" => {
                        let d = parse_date(&rtext)?;
                        match line {
                            Some(l) => l.first_ship.date.is_some_and(|f| cmp_holds(op.node, f.cmp(&d))),
                            None => return Err("first_ship of a line to come".into()),
                        }
                    }
                    OperandKind::Name(n) if n == "kind" => {
                        let l = line.ok_or("kind of a line to come")?;
                        let eq = l.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(&rtext));
                        if op.node == CmpOp::Eq {
                            eq
                        } else {
                            !eq
                        }
                    }
                    OperandKind::Name(n) if self.p.attributes.contains(n) => {
                        let l = line.ok_or("attribute of a line to come")?;
                        // an absent attribute equals nothing and differs from everything
                        let ord = match n.as_str() {
                            "edition" => l.edition.as_deref().map(|v| v.cmp(rtext.as_str())),
                            "level" => {
                                let want: i64 = rtext.parse().map_err(|_| "a number")?;
                                l.level.map(|v| v.cmp(&want))
                            }
                            "lts_from" => {
                                let want = parse_date(&rtext)?;
                                l.lts_from.map(|v| v.cmp(&want))
                            }
                            other => return Err(format!("attribute {other} compared")),
                        };
                        match ord {
                            Some(o) => cmp_holds(op.node, o),
                            None => op.node == CmpOp::Ne,
                        }
                    }
                    OperandKind::Name(n) => {
                        let i = self
                            .comp_index(n)
                            .ok_or_else(|| format!("unknown component {n}"))?;
                        match s.comps().get(i) {
                            Some(mine) => cmp_holds(op.node, version::compare_component(mine, &rtext)),
                            None => false,
                        }
                    }
                    _ => return Err("comparison".into()),
                }
            }
            CondKind::Flag(n) => {
                let l = line.ok_or("flag of a line to come")?;
                n.node == "lts" && l.lts == Some(true)
            }
            CondKind::Same(comp) => {
                let i = self.comp_index(&comp.node).ok_or("same: unknown component")?;
                match (s.comps().get(i), cur.comps.get(i)) {
                    (Some(a), Some(b)) => version::compare_component(a, b) == Ordering::Equal,
                    _ => false,
                }
            }
            CondKind::LastOf(comp) => {
                let i = self.comp_index(&comp.node).ok_or("last of: unknown component")?;
                let Subject::Line(idx, l) = s else {
                    return Err("last of a line to come".into());
                };
                let newer: Vec<&Line<'_>> = self.lines.iter().skip(idx + 1).collect();
                if newer.is_empty() || l.comps.len() <= i {
                    false
                } else {
                    let prefix_eq = |o: &Line<'_>| {
                        (0..=i).all(|k| match (l.comps.get(k), o.comps.get(k)) {
                            (Some(a), Some(b)) => version::compare_component(a, b) == Ordering::Equal,
                            _ => false,
                        })
                    };
                    !newer.iter().any(|o| prefix_eq(o))
                }
            }
            CondKind::Matches { subject, pattern } => match &subject.kind {
                OperandKind::Line => glob_matches(&pattern.node, s.name()),
                OperandKind::Name(n) if n == "edition" => {
                    let l = line.ok_or("attribute of a line to come")?;
                    l.edition
                        .as_deref()
                        .is_some_and(|e| glob_matches(&pattern.node, e))
                }
                _ => return Err("matches".into()),
            },
        })
    }

    /// A side of a comparison with a computation: a whole number, a component or a
    /// computation; None when a component is not a plain number or a division is by zero.
    fn number(&self, o: &ast::Operand, s: &Subject<'_, '_>) -> R<Option<i128>> {
        match &o.kind {
            OperandKind::Arith(a) => self.arith(a, s),
            OperandKind::Version(n) => Ok(Some(n.parse().map_err(|_| format!("number {n}"))?)),
            OperandKind::Name(n) => self.component_number(n, s),
            _ => Err("a computation compared with something else".into()),
        }
    }

    fn component_number(&self, name: &str, s: &Subject<'_, '_>) -> R<Option<i128>> {
        let i = self
            .comp_index(name)
            .ok_or_else(|| format!("unknown component {name}"))?;
        Ok(s.comps()
            .get(i)
            .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
            .and_then(|c| c.parse().ok()))
    }

    /// "`+`, `-`, `*`, `/` (whole numbers, rounding down) and `%` (the remainder, never
    /// negative: `(0 - 1) % 4` is 3)"
    fn arith(&self, a: &ast::Arith, s: &Subject<'_, '_>) -> R<Option<i128>> {
        Ok(match &a.kind {
            ArithKind::Number(n) => Some(n.parse().map_err(|_| format!("number {n}"))?),
            ArithKind::Name(n) => self.component_number(&n.node, s)?,
            ArithKind::Paren(inner) => self.arith(inner, s)?,
            ArithKind::Binary { op, lhs, rhs } => {
                let (Some(x), Some(y)) = (self.arith(lhs, s)?, self.arith(rhs, s)?) else {
                    return Ok(None);
                };
                match op {
                    ArithOp::Add => x.checked_add(y),
                    ArithOp::Sub => x.checked_sub(y),
                    ArithOp::Mul => x.checked_mul(y),
                    ArithOp::Div if y == 0 => None,
                    // rounding down, also below zero
                    ArithOp::Div => {
                        let q = x / y;
                        Some(if (x % y != 0) && ((x < 0) != (y < 0)) {
                            q - 1
                        } else {
                            q
                        })
                    }
                    ArithOp::Rem if y == 0 => None,
                    ArithOp::Rem => Some(x.rem_euclid(y)),
                }
            }
        })
    }

    /// Whether a condition can be tested on a line not in the catalog.
    fn version_only(&self, c: &ast::Cond) -> bool {
        match &c.kind {
            CondKind::Or(cs) | CondKind::And(cs) => cs.iter().all(|c| self.version_only(c)),
            CondKind::Not(c) | CondKind::Paren(c) => self.version_only(c),
            CondKind::Is { .. } | CondKind::Same(_) => true,
            CondKind::Compare { lhs, .. } => match &lhs.kind {
                OperandKind::Line | OperandKind::Arith(_) => true,
                // a component; not an attribute, the release kind or the first ship
                OperandKind::Name(n) => !(self.p.attributes.contains(n) || n == "first_ship" || n == "kind"),
                _ => false,
            },
            CondKind::Matches { subject, .. } => matches!(subject.kind, OperandKind::Line),
            CondKind::Flag(_) | CondKind::LastOf(_) => false,
        }
    }

    fn cadence_steps(&self, from: V, steps: usize) -> V {
        let Some(cad) = &self.p.cadence else {
            return V::PENDING;
        };
        let mut d = from.date;
        for _ in 0..steps {
            d = d.and_then(|x| shift(x, cad));
            if d.is_none() {
                // past the end of the calendar: no date
                break;
            }
        }
        V::new(d, Kind::Estimated)
    }

    /// "A projected line beyond the catalog that is overdue (the cadence expected it
    /// before the evaluation date ...) is pending too."
    fn not_overdue(&self, v: V) -> V {
        match v.date {
            Some(d) if d < self.at => V::PENDING,
            _ => v,
        }
    }

    /// Which line `newer N [where C]` / `older N [where C]` reaches from line `i`,
    /// and, past the catalog, the projected first ship of the line it needs.
    fn reach(&self, i: usize, older: bool, n: usize, filter: Option<&ast::Cond>) -> R<Reach> {
        let n_lines = self.lines.len();
        let Some(c) = filter else {
            if older {
                return Ok(i.checked_sub(n).map_or(Reach::None, Reach::Line));
            }
            let j = i + n;
            if j < n_lines {
                return Ok(Reach::Line(j));
            }
            // "the first ship of the newest line in the catalog plus one cadence per
            // missing line"
            let newest = self.lines.last().map_or(V::PENDING, |l| l.first_ship);
            if newest.date.is_none() {
                return Ok(Reach::Beyond(V::PENDING));
            }
            let v = self.cadence_steps(newest, j - (n_lines - 1));
            return Ok(Reach::Beyond(self.not_overdue(v)));
        };
        let mut matches = Vec::new();
        if older {
            for j in (0..i).rev() {
                let l = self.lines.get(j).ok_or("line")?;
                if self.holds(c, &Subject::Line(j, l), i)? {
                    matches.push(j);
                }
            }
            return Ok(matches.get(n - 1).map_or(Reach::None, |j| Reach::Line(*j)));
        }
        for j in i + 1..n_lines {
            let l = self.lines.get(j).ok_or("line")?;
            if self.holds(c, &Subject::Line(j, l), i)? {
                matches.push(j);
            }
        }
        if let Some(j) = matches.get(n - 1) {
            return Ok(Reach::Line(*j));
        }
        let k = n - matches.len();
        Ok(Reach::Beyond(self.future(i, c, k)?))
    }

    /// The k-th line to come that satisfies `c`, projected (see "A selector with
    /// `where` needs the N-th line to come that satisfies the condition", and "Lines of an
    /// older group").
    fn future(&self, i: usize, c: &ast::Cond, k: usize) -> R<V> {
        if self.p.cadence.is_none() || !self.version_only(c) {
            return Ok(V::PENDING);
        }
        // numbered on from the highest line version, one up in its last component
        let Some(top) = self
            .lines
            .iter()
            .max_by(|a, b| version::compare(&a.name, &b.name).then_with(|| a.name.cmp(&b.name)))
        else {
            return Ok(V::PENDING);
        };
        if let Some(v) = self.future_from(i, c, k, &top.name, false)? {
            return Ok(v);
        }
        // "when that numbering finds no line satisfying the condition, the lines to come
        // are numbered on from the highest line of the current line's group instead: the
        // catalog lines that share with it the components the condition's `same` names"
        let mut same = Vec::new();
        self.same_components(c, &mut same)?;
        if same.is_empty() {
            return Ok(V::PENDING);
        }
        let cur = self.lines.get(i).ok_or("line")?;
        let in_group = |l: &Line<'_>| {
            same.iter().all(|&x| match (l.comps.get(x), cur.comps.get(x)) {
                (Some(a), Some(b)) => version::compare_component(a, b) == Ordering::Equal,
                (None, None) => true,
                _ => false,
            })
        };
        let mut group_top = cur.name.clone();
        for l in self.lines.iter().filter(|l| in_group(l)) {
            if version::compare(&l.name, &group_top) == Ordering::Greater {
                group_top = l.name.clone();
            }
        }
        if version::compare(&group_top, &top.name) != Ordering::Less {
            return Ok(V::PENDING);
        }
        Ok(self.future_from(i, c, k, &group_top, true)?.unwrap_or(V::PENDING))
    }

    /// The component indexes every `same` in `c` names.
    fn same_components(&self, c: &ast::Cond, out: &mut Vec<usize>) -> R<()> {
        match &c.kind {
            CondKind::Or(cs) | CondKind::And(cs) => {
                for c in cs {
                    self.same_components(c, out)?;
                }
            }
            CondKind::Not(c) | CondKind::Paren(c) => self.same_components(c, out)?,
            CondKind::Same(comp) => out.push(self.comp_index(&comp.node).ok_or("same: unknown component")?),
            _ => {}
        }
        Ok(())
    }

    /// The k-th of the lines numbered on from `top` that satisfies `c`, projected; None
    /// when none of 100 does. In a `group`, never from the catalog's newest line.
    fn future_from(&self, i: usize, c: &ast::Cond, k: usize, top: &str, group: bool) -> R<Option<V>> {
        let (comps, suffix) = version::split(top);
        let Some((last, head)) = comps.split_last() else {
            return Ok(Some(V::PENDING));
        };
        if suffix.is_some() || last.is_empty() || !last.chars().all(|ch| ch.is_ascii_digit()) {
            return Ok(Some(V::PENDING));
        }
        let Ok(number) = last.parse::<u64>() else {
            return Ok(Some(V::PENDING));
        };
        let width = last.len();
        let mut found = 0;
        for step in 1..=100u64 {
            let next = number + step;
            let text = format!("{next:0width$}");
            let mut comps2 = head.to_vec();
            comps2.push(text);
            let named = Named {
                name: comps2.join("."),
                comps: comps2,
            };
            if !self.holds(c, &Subject::Future(&named), i)? {
                continue;
            }
            found += 1;
            if found < k {
                continue;
            }
            // "projected from the newest catalog line that satisfies the condition too
            // and is numbered like the lines to come, one line cadence per number
            // between them"
            let mut base = None;
            for j in (0..self.lines.len()).rev() {
                let l = self.lines.get(j).ok_or("line")?;
                if !self.holds(c, &Subject::Line(j, l), i)? || l.first_ship.date.is_none() {
                    continue;
                }
                let (lc, ls) = version::split(&l.name);
                if let Some((ll, lh)) = lc.split_last() {
                    // the same leading components as numbers: `04` is `4`
                    let same_head = lh.len() == head.len()
                        && lh
                            .iter()
                            .zip(head)
                            .all(|(a, b)| version::compare_component(a, b) == Ordering::Equal);
                    if ls.is_none() && same_head && ll.chars().all(|ch| ch.is_ascii_digit()) && !ll.is_empty()
                    {
                        if let Ok(n) = ll.parse::<u64>() {
                            if n < next {
                                base = Some((l.first_ship, (next - n) as usize));
                                break;
                            }
                        }
                    }
                }
                // a line that is not numbered like the lines to come has no number to
                // count from: look further back
            }
            // otherwise: from the newest dated line, one cadence per line past it (not for
            // a group: "never from the catalog's newest line")
            let base = match base {
                Some(b) => Some(b),
                None if group => None,
                None => self
                    .lines
                    .iter()
                    .rposition(|l| l.first_ship.date.is_some())
                    .and_then(|b| {
                        self.lines
                            .get(b)
                            .map(|l| (l.first_ship, self.lines.len() - 1 - b + step as usize))
                    }),
            };
            let Some((from, steps)) = base else {
                return Ok(Some(V::PENDING));
            };
            return Ok(Some(self.not_overdue(self.cadence_steps(from, steps))));
        }
        Ok(None)
    }

    fn selector(args: &[Arg]) -> R<Option<(bool, usize, Option<&ast::Cond>)>> {
        for a in args {
            if let Arg::Selector {
                older, newer, filter, ..
            } = a
            {
                let n: usize = newer.node.parse().map_err(|_| "selector count")?;
                return Ok(Some((*older, n, filter.as_ref())));
            }
        }
        Ok(None)
    }

    /// The merged definition of a phase for a line: (from, until, through), or None
    /// when no definition applies.
    fn merged(&self, i: usize, phase: &Phase<'a>) -> R<Option<Merged<'a>>> {
        let line = self.lines.get(i).ok_or("line")?;
        let mut out: Option<Merged<'a>> = None;
        for def in &phase.defs {
            let mut ok = true;
            for c in &def.conds {
                ok &= self.holds(c, &Subject::Line(i, line), i)?;
            }
            if !ok {
                continue;
            }
            let m = out.get_or_insert((None, None, false));
            for st in &def.body.stmts {
                match &st.kind {
                    PhaseStmtKind::From(e) => m.0 = Some(e),
                    PhaseStmtKind::Until(e) => {
                        m.1 = Some(e);
                        m.2 = false;
                    }
                    PhaseStmtKind::Through(e) => {
                        m.1 = Some(e);
                        m.2 = true;
                    }
                    PhaseStmtKind::Provides(_) | PhaseStmtKind::Allow(_) => {}
                }
            }
        }
        Ok(out)
    }

    fn milestone_def(&self, i: usize, m: &Milestone<'a>) -> R<Option<&'a ast::Expr>> {
        let line = self.lines.get(i).ok_or("line")?;
        let mut out = None;
        for def in &m.defs {
            let mut ok = true;
            for c in &def.conds {
                ok &= self.holds(c, &Subject::Line(i, line), i)?;
            }
            if ok {
                out = Some(def.body);
            }
        }
        Ok(out)
    }

    fn find_override(&self, i: usize, target: &str, field: Option<&str>) -> Option<&Override<'a>> {
        let line = self.lines.get(i)?;
        self.p.overrides.iter().rev().find(|o| {
            o.line.eq_ignore_ascii_case(&line.name) && o.target == target && o.field.as_deref() == field
        })
    }

    /// Whether a date is declarable: "`unless declared` may end a `from`, `until` or
    /// `through` and a milestone's date, in any of its definitions".
    fn declarable(&self, target: &str, field: Option<&str>) -> bool {
        let unless = |e: &ast::Expr| matches!(e.kind, ExprKind::UnlessDeclared(_));
        if let Some(ph) = self.p.phases.iter().find(|p| p.id == target) {
            return ph.defs.iter().any(|d| {
                d.body.stmts.iter().any(|st| match (&st.kind, field) {
                    (PhaseStmtKind::From(e), Some("start")) => unless(e),
                    (PhaseStmtKind::Until(e) | PhaseStmtKind::Through(e), Some("end")) => unless(e),
                    _ => false,
                })
            });
        }
        self.p
            .milestones
            .iter()
            .find(|m| m.id == target)
            .is_some_and(|m| m.defs.iter().any(|d| unless(d.body)))
    }

    /// The line's declaration of a declarable date: "A line with a declaration takes
    /// the declared date; every other line follows the rule." (whichever of the date's
    /// definitions applies to the line: docs/language.md says so since the model and
    /// the engine read it differently)
    fn find_declare(&self, i: usize, target: &str, field: Option<&str>) -> Option<&Override<'a>> {
        if !self.declarable(target, field) {
            return None;
        }
        let line = self.lines.get(i)?;
        self.p.declares.iter().rev().find(|o| {
            o.line.eq_ignore_ascii_case(&line.name) && o.target == target && o.field.as_deref() == field
        })
    }

    /// A declared date: "of kind `declared`" (pending only when its expression is).
    fn declared(&self, i: usize, d: &Override<'a>) -> R<V> {
        let v = self.expr(i, d.value)?;
        // "An override or a `declare` whose value is an upper bound keeps the kind
        // `at-the-latest`"; one the vendor "announced as approximate ... stays *estimated*"
        Ok(match v.date {
            Some(_) if matches!(v.kind, Kind::AtTheLatest | Kind::Estimated) => v,
            Some(_) => V::new(v.date, Kind::Declared),
            None => V::PENDING,
        })
    }

    /// A phase's start (`end == false`) or end on line `i`; None when the phase does
    /// not apply to the line.
    fn phase_date(&self, i: usize, phase: &str, end: bool) -> R<Option<V>> {
        let ph = self
            .p
            .phases
            .iter()
            .find(|p| p.id == phase)
            .ok_or("unknown phase")?;
        let Some((from, until, through)) = self.merged(i, ph)? else {
            return Ok(None);
        };
        let field = if end { "end" } else { "start" };
        let pinned = self.find_override(i, phase, Some(field));
        // an override that reads the line's last release before it has come is not yet in
        // force: the rules' date, unless it has passed
        let waiting = pinned.is_some_and(|o| self.still_ships(i, o));
        if let Some(o) = pinned.filter(|_| !waiting) {
            let v = self.expr(i, o.value)?;
            // "An override of a through phase's .end also names its last day"
            let d = if end && through {
                v.date.and_then(|d| d.succ_opt())
            } else {
                v.date
            };
            // "*estimated* when it is approximate"
            let kind = match v.kind {
                Kind::Pending | Kind::AtTheLatest | Kind::Estimated => v.kind,
                _ => Kind::Override,
            };
            return Ok(Some(V::new(d, kind)));
        }
        let e = if end { until } else { from };
        let Some(e) = e else {
            return Err(format!("phase {phase} incomplete"));
        };
        let declared = self.find_declare(i, phase, Some(field));
        let waiting = waiting || declared.is_some_and(|d| self.still_ships(i, d));
        let v = match declared.filter(|d| !self.still_ships(i, d)) {
            // "For a `through` phase the declared date is its last day, as the rule's is."
            Some(d) => self.declared(i, d)?,
            None => self.expr(i, e)?,
        };
        let v = if end && through {
            V::new(v.date.and_then(|d| d.succ_opt()), v.kind)
        } else {
            v
        };
        Ok(Some(self.unless_passed(waiting, v)))
    }

    /// "An override (or a declaration) that reads the line's own `latest` ... Evaluated on an
    /// earlier day while the catalog lists a release of the line after it, the line still
    /// ships, so the override is not yet in force"
    fn still_ships(&self, i: usize, o: &Override<'a>) -> bool {
        fn reads_own_latest(e: &ast::Expr) -> bool {
            match &e.kind {
                ExprKind::Name(n) => n.node == "latest",
                ExprKind::Paren(inner) | ExprKind::UnlessDeclared(inner) => reads_own_latest(inner),
                ExprKind::Binary { lhs, rhs, .. } => reads_own_latest(lhs) || reads_own_latest(rhs),
                ExprKind::Call { args, .. } => args
                    .iter()
                    .any(|a| matches!(a, Arg::Expr(e) if reads_own_latest(e))),
                ExprKind::Of { .. } | ExprKind::Date(_) | ExprKind::Duration { .. } => false,
            }
        }
        let Some(line) = self.lines.get(i) else {
            return false;
        };
        reads_own_latest(o.value)
            && line
                .releases
                .iter()
                .any(|r| release_value(r, self.at).date.is_some_and(|d| d > self.at))
    }

    /// "the date the line's rules give stands while it is ahead ..., and once that date has
    /// passed, the line shipping still, the end is *pending*"
    fn unless_passed(&self, waiting: bool, v: V) -> V {
        if waiting && v.date.is_some_and(|d| d <= self.at) {
            V::PENDING
        } else {
            v
        }
    }

    fn milestone_date(&self, i: usize, id: &str) -> R<Option<V>> {
        let m = self
            .p
            .milestones
            .iter()
            .find(|m| m.id == id)
            .ok_or("unknown milestone")?;
        let Some(e) = self.milestone_def(i, m)? else {
            return Ok(None);
        };
        let pinned = self.find_override(i, id, None);
        let waiting = pinned.is_some_and(|o| self.still_ships(i, o));
        if let Some(o) = pinned.filter(|_| !waiting) {
            let v = self.expr(i, o.value)?;
            // "*estimated* when it is approximate"
            let kind = match v.kind {
                Kind::Pending | Kind::AtTheLatest | Kind::Estimated => v.kind,
                _ => Kind::Override,
            };
            return Ok(Some(V::new(v.date, kind)));
        }
        let declared = self.find_declare(i, id, None);
        let waiting = waiting || declared.is_some_and(|d| self.still_ships(i, d));
        let v = match declared.filter(|d| !self.still_ships(i, d)) {
            Some(d) => self.declared(i, d)?,
            None => self.expr(i, e)?,
        };
        Ok(Some(self.unless_passed(waiting, v)))
    }

    fn attr_value(&self, l: &Line<'_>) -> V {
        match l.lts_from {
            Some(d) if d <= self.at => V::new(Some(d), Kind::Exact),
            Some(d) => V::new(Some(d), Kind::Estimated),
            None => V::PENDING,
        }
    }

    /// "`version_month` is that month's first day, read from the line's version": "A year of
    /// one or two digits is of this century (`24.10`, `4.10`: 2024, 2004); a year of four
    /// digits is itself"; a line whose version names no month that way is pending; "The date
    /// is exact, and by rule".
    fn version_month(&self, l: &Line<'_>) -> V {
        let named = |name: &str| {
            let i = self.p.components.iter().position(|c| c == name)?;
            l.comps
                .get(i)
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        };
        let (Some(y), Some(m)) = (named("year"), named("month")) else {
            return V::PENDING;
        };
        let year = match (y.len(), y.parse::<i32>()) {
            (1 | 2, Ok(n)) => 2000 + n,
            (4, Ok(n)) => n,
            _ => return V::PENDING,
        };
        match m.parse::<u32>() {
            Ok(month) if (1..=12).contains(&month) => V::new(dates::ymd(year, month, 1), Kind::Exact),
            _ => V::PENDING,
        }
    }

    fn line_date(&self, j: usize, what: &str) -> V {
        let Some(l) = self.lines.get(j) else {
            return V::PENDING;
        };
        match what {
            "first_ship" => l.first_ship,
            "latest" => l.latest,
            "final" => l.final_,
            _ => self.attr_value(l),
        }
    }

    fn expr(&self, i: usize, e: &ast::Expr) -> R<V> {
        let line = self.lines.get(i).ok_or("line")?;
        match &e.kind {
            ExprKind::Date(s) => Ok(V::new(Some(parse_date(s)?), Kind::Exact)),
            ExprKind::Duration { .. } => Err("a duration as a date".into()),
            ExprKind::Paren(inner) => self.expr(i, inner),
            // reached when the line has no declaration: the rule
            ExprKind::UnlessDeclared(inner) => self.expr(i, inner),
            ExprKind::Binary { op, lhs, rhs } => {
                let v = self.expr(i, lhs)?;
                // "`DATE + ATTRIBUTE years`: shifted by as many units as the line's `number`
                // attribute says; pending when the line has none"
                if let Some((name, unit, approx)) = per_line(rhs) {
                    if name != "level" {
                        return Err(format!("amount {name}"));
                    }
                    let Some(n) = line.level.filter(|n| (0..=10_000).contains(n)) else {
                        return Ok(V::PENDING);
                    };
                    let n = if *op == BinOp::Sub { -n } else { n };
                    let kind = if approx {
                        v.kind.max(Kind::Estimated)
                    } else {
                        v.kind
                    };
                    return Ok(V::new(v.date.and_then(|d| dates::add(d, n, unit)), kind));
                }
                let (mut parts, approx) = duration(rhs)?;
                if *op == BinOp::Sub {
                    parts = parts.into_iter().map(|(n, u)| (-n, u)).collect();
                }
                // "the result is marked estimated however sure its inputs are"
                let kind = if approx {
                    v.kind.max(Kind::Estimated)
                } else {
                    v.kind
                };
                Ok(V::new(v.date.and_then(|d| shift(d, &parts)), kind))
            }
            ExprKind::Name(n) => match n.node.as_str() {
                "first_ship" => Ok(line.first_ship),
                "latest" => Ok(line.latest),
                "final" => Ok(line.final_),
                other if self.p.milestones.iter().any(|m| m.id == other) => {
                    Ok(self.milestone_date(i, other)?.unwrap_or(V::PENDING))
                }
                "lts_from" => Ok(self.attr_value(line)),
                "version_month" => Ok(self.version_month(line)),
                other => Err(format!("name {other}")),
            },
            ExprKind::Of { inner, upstream } => self.upstream(i, inner, &upstream.node),
            ExprKind::Call { func, args } => self.call(i, &func.node, args),
        }
    }

    fn call(&self, i: usize, f: &str, args: &[Arg]) -> R<V> {
        let expr_args: Vec<&ast::Expr> = args
            .iter()
            .filter_map(|a| match a {
                Arg::Expr(e) => Some(e),
                _ => None,
            })
            .collect();
        let one = |k: usize| {
            expr_args
                .get(k)
                .copied()
                .ok_or_else(|| format!("{f}: argument {k}"))
        };
        match f {
            "first_ship" | "latest" | "final" | "lts_from" => {
                let (older, n, filter) = Self::selector(args)?.ok_or("selector")?;
                match self.reach(i, older, n, filter)? {
                    Reach::Line(j) => Ok(self.line_date(j, f)),
                    Reach::Beyond(v) if f == "first_ship" => Ok(v),
                    Reach::Beyond(_) | Reach::None => Ok(V::PENDING),
                }
            }
            "start" | "end" | "last_day" => {
                let phase = match one(0)?.kind {
                    ExprKind::Name(ref n) => n.node.clone(),
                    _ => return Err("phase name".into()),
                };
                let is_end = f != "start";
                let v = match Self::selector(args)? {
                    None => self.phase_date(i, &phase, is_end)?.unwrap_or(V::PENDING),
                    Some((older, n, filter)) => match self.reach(i, older, n, filter)? {
                        Reach::Line(j) => self.phase_date(j, &phase, is_end)?.unwrap_or(V::PENDING),
                        _ => V::PENDING,
                    },
                };
                // "`last_day(PHASE)` is `end(PHASE) - 1 day` whichever way the phase is
                // written"
                if f == "last_day" {
                    return Ok(V::new(v.date.and_then(|d| d.pred_opt()), v.kind));
                }
                Ok(v)
            }
            "no_later_than" => {
                // "`no_later_than(DATE)`: the same date as an upper bound"
                let v = self.expr(i, one(0)?)?;
                Ok(V::new(v.date, v.kind.max(Kind::AtTheLatest)))
            }
            "between" => {
                // "the date is the earlier of the two, marked estimated"; "known once the
                // earlier one is (a later one still pending does not hold it back), and
                // pending while the earlier one is"
                let a = self.expr(i, one(0)?)?;
                let b = self.expr(i, one(1)?)?;
                Ok(match (a.date, b.date) {
                    (Some(x), Some(y)) => V::new(Some(x.min(y)), a.kind.max(b.kind).max(Kind::Estimated)),
                    (Some(x), None) => V::new(Some(x), a.kind.max(Kind::Estimated)),
                    (None, _) => V::PENDING,
                })
            }
            "about" => {
                // "`about(DATE)` marks a whole date": the same date, estimated
                let v = self.expr(i, one(0)?)?;
                Ok(V::new(v.date, v.kind.max(Kind::Estimated)))
            }
            "min" | "max" => {
                let mut vs = Vec::new();
                for e in &expr_args {
                    vs.push(self.expr(i, e)?);
                }
                let known: Vec<&V> = vs.iter().filter(|v| v.date.is_some()).collect();
                let any_pending = known.len() < vs.len();
                let pick = if f == "min" {
                    known.iter().min_by_key(|v| v.date).copied()
                } else {
                    known.iter().max_by_key(|v| v.date).copied()
                };
                let Some(pick) = pick else {
                    return Ok(V::PENDING);
                };
                if any_pending {
                    // "min of a pending date is the earliest known date when that date is
                    // on or before the evaluation date, and pending otherwise"
                    if f == "min" && pick.date.is_some_and(|d| d <= self.at) {
                        return Ok(*pick);
                    }
                    return Ok(V::PENDING);
                }
                let kind = vs.iter().map(|v| v.kind).max().unwrap_or(Kind::Exact);
                Ok(V::new(pick.date, kind))
            }
            "start_of_month" | "end_of_month" | "start_of_quarter" | "end_of_quarter" | "start_of_year"
            | "end_of_year" => {
                let arg = one(0)?;
                let v = self.expr(i, arg)?;
                let snap = |d: NaiveDate| match f {
                    "start_of_month" => dates::start_of_month(d),
                    "end_of_month" => dates::end_of_month(d),
                    "start_of_quarter" => dates::start_of_quarter(d),
                    "end_of_quarter" => dates::end_of_quarter(d),
                    "start_of_year" => dates::start_of_year(d),
                    _ => dates::end_of_year(d),
                };
                let d = v.date.and_then(snap);
                // "A snap to the calendar can settle such a date": the same day from the
                // last day of the release's month (or year) as from its first is exact
                let settled =
                    v.kind == Kind::Estimated && d.is_some() && self.late(i, arg).and_then(snap) == d;
                Ok(V::new(d, if settled { Kind::Exact } else { v.kind }))
            }
            "next" | "previous" | "in_year" => {
                let pat = args
                    .iter()
                    .find_map(|a| match a {
                        Arg::Pattern(p) => Some(p),
                        _ => None,
                    })
                    .ok_or("pattern")?;
                let pat = pattern(pat)?;
                let v = self.expr(i, one(0)?)?;
                let d = v.date.and_then(|d| match f {
                    "next" => dates::next(&pat, d),
                    "previous" => dates::previous(&pat, d),
                    _ => dates::in_year(&pat, d),
                });
                Ok(V::new(d, v.kind))
            }
            other => Err(format!("function {other}")),
        }
    }

    /// `e` worked out with the line's first ship at the latest day it can be: for "the
    /// line's own `first_ship`, shifted by durations".
    fn late(&self, i: usize, e: &ast::Expr) -> Option<NaiveDate> {
        let line = self.lines.get(i)?;
        match &e.kind {
            ExprKind::Paren(inner) => self.late(i, inner),
            ExprKind::Name(n) if n.node == "first_ship" => line.first_ship_late,
            ExprKind::Binary { op, lhs, rhs } if per_line(rhs).is_none() => {
                let (mut parts, approx) = duration(rhs).ok()?;
                if approx {
                    return None;
                }
                if *op == BinOp::Sub {
                    parts = parts.into_iter().map(|(n, u)| (-n, u)).collect();
                }
                shift(self.late(i, lhs)?, &parts)
            }
            _ => None,
        }
    }

    /// `... of UPSTREAM`: the value the upstream's evaluation gave its line.
    fn upstream(&self, i: usize, inner: &ast::Expr, alias: &str) -> R<V> {
        let line = self.lines.get(i).ok_or("line")?;
        let ui = self
            .p
            .upstreams
            .iter()
            .position(|u| u.alias == alias)
            .ok_or("upstream alias")?;
        let decl = self.p.upstreams.get(ui).ok_or("upstream")?;
        let Some(Some(up)) = self.ups.get(ui) else {
            return Ok(V::PENDING);
        };
        let theirs = decl
            .lines
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(&line.name))
            .map_or(line.name.as_str(), |(_, b)| b.as_str());
        // a line `order lines by number` only counts is not shown: the upstream's own
        // evaluation gives no such line
        let Some(base) = up
            .lines
            .iter()
            .position(|l| !l.phantom && l.name.eq_ignore_ascii_case(theirs))
        else {
            return Ok(V::PENDING);
        };
        let (what, args): (&str, &[Arg]) = match &inner.kind {
            ExprKind::Name(n) => (n.node.as_str(), &[]),
            ExprKind::Call { func, args } => (func.node.as_str(), args.as_slice()),
            ExprKind::Paren(e) => return self.upstream(i, e, alias),
            _ => return Err("upstream form".into()),
        };
        let idx = match Self::selector(args)? {
            None => Some(base),
            Some((false, n, _)) => Some(base + n).filter(|j| *j < up.lines.len()),
            Some((true, n, _)) => base.checked_sub(n),
        };
        let Some(l) = idx.and_then(|j| up.lines.get(j)) else {
            return Ok(V::PENDING);
        };
        Ok(match what {
            "first_ship" => l.first_ship,
            "latest" => l.latest,
            "start" | "end" | "last_day" => {
                let phase = match args.first() {
                    Some(Arg::Expr(ast::Expr {
                        kind: ExprKind::Name(n),
                        ..
                    })) => n.node.clone(),
                    _ => return Err("upstream phase".into()),
                };
                match l.phases.iter().find(|(id, _, _)| *id == phase) {
                    Some((_, s, e)) => match what {
                        "start" => *s,
                        "end" => *e,
                        _ => V::new(e.date.and_then(|d| d.pred_opt()), e.kind),
                    },
                    None => V::PENDING,
                }
            }
            other => return Err(format!("upstream {other}")),
        })
    }

    fn line_out(&self, i: usize) -> R<LineOut> {
        let line = self.lines.get(i).ok_or("line")?;
        let mut phases = Vec::new();
        for ph in &self.p.phases {
            if let (Some(s), Some(e)) = (
                self.phase_date(i, &ph.id, false)?,
                self.phase_date(i, &ph.id, true)?,
            ) {
                phases.push((ph.id.clone(), s, e));
            }
        }
        let mut milestones = Vec::new();
        for m in &self.p.milestones {
            if let Some(v) = self.milestone_date(i, &m.id)? {
                milestones.push((m.id.clone(), v));
            }
        }
        Ok(LineOut {
            name: line.name.clone(),
            first_ship: line.first_ship,
            phases,
            milestones,
            latest: line.latest,
            phantom: line.phantom,
        })
    }
}

fn pattern(p: &ast::Pattern) -> R<Pattern> {
    match &p.kind {
        PatternKind::Day { name, day } => {
            let d: u32 = day.node.parse().map_err(|_| "day")?;
            if name.node == "day" {
                Ok(Pattern::DayOfMonth(d))
            } else {
                let m = dates::month_from_name(&name.node).ok_or("month")?;
                Ok(Pattern::DayOfYear(m, d))
            }
        }
        PatternKind::Weekday {
            ordinal,
            weekday,
            months,
        } => {
            let nth = if ordinal.node == "last" {
                None
            } else {
                let digits: String = ordinal.node.chars().take_while(char::is_ascii_digit).collect();
                Some(digits.parse::<u32>().map_err(|_| "ordinal")?)
            };
            if weekday.node == "day" && nth.is_none() {
                return Ok(Pattern::LastDay);
            }
            let wd = dates::weekday_from_name(&weekday.node).ok_or("weekday")?;
            let months = if months.is_empty() {
                None
            } else {
                let mut ms = Vec::new();
                for m in months {
                    ms.push(dates::month_from_name(&m.node).ok_or("month")?);
                }
                Some(ms)
            };
            Ok(Pattern::Weekday(nth, wd, months))
        }
    }
}
