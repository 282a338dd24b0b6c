//! Selecting other lines: conditions on lines, the lists of lines a `newer N where C`
//! selector counts in (one binary search per lookup), and the dates of the line a
//! selector picks.

use std::collections::HashMap;
use std::sync::Arc;

use eol_syntax::Span;

use crate::catalog::AttrValue;
use crate::model::*;

use super::lines::Line;
use super::memo::LineEval;
use super::trace::Step;
use super::walk::{rule_exprs, selectors};
use super::{Ctx, ValueKind};

/// For every selector with a condition, the ordered indices of the lines it matches.
pub(super) struct Selections {
    /// keyed by the selector's span (unique per selector in a policy) and, for
    /// filters with `same COMPONENT`, the current line's values of those components
    pub(super) lists: HashMap<(Span, String), Vec<usize>>,
}

/// The components a filter compares with `same`.
pub(super) fn same_components(c: &Cond, out: &mut Vec<usize>) {
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| same_components(c, out)),
        Cond::Not(c) => same_components(c, out),
        Cond::Same(i) => out.push(*i),
        _ => {}
    }
}

/// The components a filter requires to be the same for every match (`same C` as
/// the filter or one of its top-level `and` parts): candidates share their values.
pub(super) fn required_same(c: &Cond, out: &mut Vec<usize>) {
    match c {
        Cond::Same(i) => out.push(*i),
        Cond::All(cs) => cs.iter().for_each(|c| required_same(c, out)),
        _ => {}
    }
}

/// The key of a line for `same` components: their values as versions compare them
/// (`10.0` and `10.00` share a minor).
pub(super) fn same_key(line: &Line, components: &[usize]) -> String {
    let mut key = String::new();
    for c in components {
        if let Some(component) = line.version.as_ref().and_then(|v| v.core.get(*c)) {
            key.push_str(&format!("{component:?}"));
        }
        key.push('\u{1f}');
    }
    key
}

impl Selections {
    pub(super) fn new(policy: &Policy, lines: &[Line]) -> Self {
        let mut lists = HashMap::new();
        let mut visit = |sel: &Selector| {
            let Some(filter) = &sel.filter else { return };
            let mut comps = Vec::new();
            same_components(filter, &mut comps);
            if comps.is_empty() {
                let list: Vec<usize> = lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| holds(filter, l))
                    .map(|(i, _)| i)
                    .collect();
                lists.insert((sel.span, String::new()), list);
                return;
            }
            // Group lines by key; each group's list is computed once, from one member.
            // Candidates: lines sharing the components the filter requires to be the
            // same (all lines when it requires none), so the usual case stays linear.
            let mut required = Vec::new();
            required_same(filter, &mut required);
            let mut by_required: HashMap<String, Vec<usize>> = HashMap::new();
            let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, l) in lines.iter().enumerate() {
                groups.entry(same_key(l, &comps)).or_default().push(i);
                if !required.is_empty() {
                    by_required.entry(same_key(l, &required)).or_default().push(i);
                }
            }
            for (key, members) in &groups {
                let Some(cur) = members.first().and_then(|&i| lines.get(i)) else {
                    continue;
                };
                let candidates: Box<dyn Iterator<Item = usize>> = if required.is_empty() {
                    Box::new(0..lines.len())
                } else {
                    let pool = by_required
                        .get(&same_key(cur, &required))
                        .cloned()
                        .unwrap_or_default();
                    Box::new(pool.into_iter())
                };
                let list: Vec<usize> = candidates
                    .filter(|&j| lines.get(j).is_some_and(|l| holds_rel(filter, l, cur)))
                    .collect();
                lists.insert((sel.span, key.clone()), list);
            }
        };
        for e in rule_exprs(policy) {
            selectors(e, &mut visit);
        }
        Selections { lists }
    }
}

/// Does a condition hold for a line?
pub(super) fn holds(c: &Cond, line: &Line) -> bool {
    holds_rel(c, line, line)
}

/// Does a condition hold for `line`, seen from `current` (the line a selector starts
/// from, for `same COMPONENT`)?
pub(super) fn holds_rel(c: &Cond, line: &Line, current: &Line) -> bool {
    match c {
        Cond::All(cs) => cs.iter().all(|c| holds_rel(c, line, current)),
        Cond::Any(cs) => cs.iter().any(|c| holds_rel(c, line, current)),
        Cond::Not(c) => !holds_rel(c, line, current),
        Cond::Same(component) => match (line.version.as_ref(), current.version.as_ref()) {
            (Some(a), Some(b)) => {
                a.core.get(*component).is_some() && a.core.get(*component) == b.core.get(*component)
            }
            _ => false,
        },
        Cond::LastOf(c) => line.last_of.get(*c).copied().unwrap_or(false),
        Cond::FirstShip { op, value } => line
            .first_ship
            .is_some_and(|(d, _, _)| compare(*op, d.cmp(value))),
        Cond::Parity { component, even } => line
            .version
            .as_ref()
            .and_then(|v| v.is_even(*component))
            .is_some_and(|e| e == *even),
        Cond::Component { component, op, value } => line
            .version
            .as_ref()
            .and_then(|v| v.prefix(component + 1))
            .is_some_and(|v| {
                let mine = v.core.last().cloned().unwrap_or_default();
                let theirs = value.core.first().cloned().unwrap_or_default();
                compare(*op, mine.cmp(&theirs))
            }),
        Cond::Line { op, value } => line.version.as_ref().is_some_and(|v| compare(*op, v.cmp(value))),
        Cond::Flag(a) => matches!(line.attributes.get(a), Some(AttrValue::Bool(true))),
        Cond::Attr { attr, op, value } => match (line.attributes.get(attr), value) {
            (Some(AttrValue::Bool(a)), AttrLit::Bool(b)) => compare(*op, a.cmp(b)),
            (Some(AttrValue::Text(a)), AttrLit::Text(b)) => compare(*op, a.as_str().cmp(b.as_str())),
            (Some(AttrValue::Date(a)), AttrLit::Date(b)) => compare(*op, a.cmp(b)),
            (Some(AttrValue::Number(a)), AttrLit::Number(b)) => compare(*op, a.cmp(b)),
            // An absent attribute equals nothing and differs from everything.
            (None, _) => *op == CmpOp::Ne,
            _ => false,
        },
        Cond::LineMatches(g) => g.matches(&line.name),
        Cond::AttrMatches { attr, glob } => {
            matches!(line.attributes.get(attr), Some(AttrValue::Text(t)) if glob.matches(t))
        }
        Cond::Calc { lhs, op, rhs } => {
            line.version
                .as_ref()
                .is_some_and(|v| match (lhs.value(v), rhs.value(v)) {
                    (Some(a), Some(b)) => compare(*op, a.cmp(&b)),
                    _ => false,
                })
        }
        Cond::Kind { op, value } => {
            let eq = line
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case(value));
            if *op == CmpOp::Eq {
                eq
            } else {
                !eq
            }
        }
    }
}

pub(super) fn compare(op: CmpOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => ord == Equal,
        CmpOp::Ne => ord != Equal,
        CmpOp::Lt => ord == Less,
        CmpOp::Le => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::Ge => ord != Less,
    }
}

impl<'a> Ctx<'a> {
    /// "the 2nd newer line after 6.0", "the 1st older matching line before 9".
    pub(super) fn describe(&self, le: &LineEval<'a>, sel: &Selector) -> String {
        let dir = if sel.older { "older" } else { "newer" };
        let prep = if sel.older { "before" } else { "after" };
        let matching = if sel.filter.is_some() { " matching" } else { "" };
        what!(
            self,
            "the {} {dir}{matching} line {prep} {}",
            ordinal(sel.newer),
            le.line.name
        )
    }

    /// The position of the selected line in the candidate list (all lines, or those
    /// the filter selects), and that list. For `newer`, a position past the end means
    /// a line not in the catalog yet; for `older`, None means there is none.
    pub(super) fn position(&self, le: &LineEval<'a>, sel: &Selector) -> (Option<usize>, Option<&Vec<usize>>) {
        let list = match &sel.filter {
            None => None,
            Some(filter) => {
                let mut comps = Vec::new();
                same_components(filter, &mut comps);
                let key = if comps.is_empty() {
                    String::new()
                } else {
                    same_key(le.line, &comps)
                };
                match self.selections.lists.get(&(sel.span, key)) {
                    Some(l) => Some(l),
                    None => return (None, None),
                }
            }
        };
        let pos = match (list, sel.older) {
            (None, false) => Some(le.index + sel.newer),
            (None, true) => le.index.checked_sub(sel.newer),
            (Some(l), false) => Some(l.partition_point(|&x| x <= le.index) + sel.newer - 1),
            (Some(l), true) => l.partition_point(|&x| x < le.index).checked_sub(sel.newer),
        };
        (pos, list)
    }

    /// `first_ship(newer N [where C])` and friends: find the line, or project it.
    pub(super) fn other_line(&self, li: usize, kind: &DateKind, sel: &Selector) -> Step {
        let Some(le) = self.evals.get(li) else {
            return (None, ValueKind::Pending, String::new(), Vec::new());
        };
        let attr_name;
        let what_fn = match kind {
            DateKind::Latest(_) => "latest release",
            DateKind::Final(_) => "final release",
            DateKind::Attr(a, _) => {
                attr_name = format!(
                    "attribute {}",
                    self.policy.attributes.get(*a).map_or("", |x| x.name.as_str())
                );
                attr_name.as_str()
            }
            _ => "first ship",
        };
        let desc = what!(self, "{what_fn} of {}", self.describe(le, sel));
        let (target_pos, list) = self.position(le, sel);
        if sel.older && target_pos.is_none() {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: there is no such older line"),
                Vec::new(),
            );
        }
        let line_at = |pos: usize| -> Option<usize> {
            match list {
                None => (pos < self.lines.len()).then_some(pos),
                Some(l) => l.get(pos).copied(),
            }
        };
        let Some(pos) = target_pos else {
            return (None, ValueKind::Pending, desc, Vec::new());
        };
        if let Some(li) = line_at(pos) {
            let Some(line) = self.lines.get(li) else {
                return (None, ValueKind::Pending, desc, Vec::new());
            };
            let desc = what!(self, "{desc}: line {}", line.name);
            match kind {
                DateKind::Latest(_) => {
                    let (d, k, _, ch) = self.release_value(line.latest, "latest release", &line.name);
                    return (d, k, desc, ch);
                }
                DateKind::Attr(a, _) => {
                    return match self.attr_date(line, *a) {
                        Some((d, k)) => (Some(d), k, what!(self, "{desc} (catalog)"), Vec::new()),
                        None => (
                            None,
                            ValueKind::Pending,
                            what!(self, "{desc}: the line has none"),
                            Vec::new(),
                        ),
                    };
                }
                DateKind::Final(_) => {
                    if line.final_release.is_none() {
                        return (
                            None,
                            ValueKind::Pending,
                            what!(self, "{desc}: no release marked `final` yet"),
                            Vec::new(),
                        );
                    }
                    let (d, k, _, ch) = self.release_value(line.final_release, "final release", &line.name);
                    return (d, k, desc, ch);
                }
                _ => {}
            }
            if let Some((d, k, src)) = line.first_ship {
                let ch = self.traced(|| vec![Arc::new(self.first_ship_trace(line, src, d, k))]);
                return (Some(d), k, desc, ch);
            }
            // The line exists without a date: project from the nearest dated line before it.
            let why = if line.missing {
                "the catalog lacks it, yet `order lines by number` counts it"
            } else {
                "it has no dated release"
            };
            return self.project(pos, list, le, sel, &desc, why);
        }
        if !matches!(kind, DateKind::FirstShip(_)) {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: not in the catalog yet"),
                Vec::new(),
            );
        }
        self.project(pos, list, le, sel, &desc, "not in the catalog yet")
    }

    /// `end(PHASE, older N)`: a date of another line, computed there.
    pub(super) fn other_target(&self, li: usize, t: Target, sel: &Selector) -> Step {
        let Some(le) = self.evals.get(li) else {
            return (None, ValueKind::Pending, String::new(), Vec::new());
        };
        let what = match t {
            Target::PhaseStart(i) => what!(
                self,
                "start of phase {}",
                self.policy.phases.get(i).map_or("", |p| p.id.as_str())
            ),
            Target::PhaseEnd(i) => what!(
                self,
                "end of phase {}",
                self.policy.phases.get(i).map_or("", |p| p.id.as_str())
            ),
            Target::Milestone(i) => what!(
                self,
                "milestone {}",
                self.policy.milestones.get(i).map_or("", |m| m.id.as_str())
            ),
        };
        let desc = what!(self, "{what} of {}", self.describe(le, sel));
        let (pos, list) = self.position(le, sel);
        let target_line = pos.and_then(|p| match list {
            None => (p < self.lines.len()).then_some(p),
            Some(l) => l.get(p).copied(),
        });
        let Some(tl) = target_line else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: not in the catalog"),
                Vec::new(),
            );
        };
        let name = self.lines.get(tl).map_or("", |l| l.name.as_str());
        if self
            .evals
            .get(tl)
            .is_some_and(|o| self.definition(o, t).is_none() && !o.overrides.contains_key(&t))
        {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: line {name} does not have it"),
                Vec::new(),
            );
        }
        let v = self.target(tl, t);
        (
            v.date,
            v.kind,
            what!(self, "{desc}: line {name}"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }
}

pub(super) fn ordinal(n: usize) -> String {
    match n {
        1 => "1st".into(),
        2 => "2nd".into(),
        3 => "3rd".into(),
        n => format!("{n}th"),
    }
}
