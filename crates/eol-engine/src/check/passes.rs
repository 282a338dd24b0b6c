//! Whole-policy passes over the finished model: the phase sequence, date cycles, unused services.

use eol_syntax::{Code, Diagnostic, Span};

use crate::model::*;

/// Static sanity of the phase sequence: an end that can come before its start,
/// phases that do not follow each other.
pub(super) fn phase_checks(policy: &Policy) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (i, phase) in policy.phases.iter().enumerate() {
        for def in &phase.defs {
            if let (Some(from), Some(until)) = (&def.from, &def.until) {
                if let (Some((a, da)), Some((b, db))) = (anchor(from), anchor(until)) {
                    // `through X` ends the day after X.
                    let db = if def.inclusive { db + 1.0 } else { db };
                    if a == b && db < da {
                        warnings.push(
                            Diagnostic::warning(
                                Code::PhaseEndsBeforeStart,
                                format!("phase `{}` ends before it starts", phase.id),
                                until.span,
                                "this end",
                            )
                            .with_related(from.span, "comes before this start")
                            .with_help(
                                "check the durations: the end is earlier than the start for every line",
                            ),
                        );
                    }
                }
            }
            // An allowance on the phase (any definition) or the policy: this phase may
            // start apart from the previous one's end.
            if i == 0
                || policy.allow_gaps
                || policy.allow_overlaps
                || phase.defs.iter().any(|d| d.allow_gaps || d.allow_overlaps)
            {
                continue;
            }
            // A definition that can never apply to a line the previous phase applies to
            // (`when lts` after `when not lts`) need not start where that phase ends.
            let apart = policy
                .phases
                .get(i - 1)
                .is_some_and(|prev| prev.defs.iter().all(|p| any_contradiction(&p.conds, &def.conds)));
            if let (Some(from), false) = (&def.from, apart) {
                let from_rule = match &from.kind {
                    DateKind::UnlessDeclared(rule) => rule,
                    _ => from,
                };
                let follows = matches!(from_rule.kind, DateKind::PhaseEnd(j) if j + 1 == i);
                if !follows {
                    let prev = policy.phases.get(i - 1).map_or("", |p| p.id.as_str());
                    warnings.push(
                        Diagnostic::warning(
                            Code::PhaseGapOrOverlap,
                            format!("phase `{}` does not start where phase `{prev}` ends", phase.id),
                            from.span,
                            format!("not `end({prev})`"),
                        )
                        .with_help(format!("start it `from end({prev})`, or say `allow gaps` / `allow overlaps` in the phase if that is intended")),
                    );
                }
            }
        }
    }
    warnings
}

pub(super) fn unused_services(policy: &Policy) -> Vec<Diagnostic> {
    let mut used = vec![false; policy.services.len()];
    for p in &policy.phases {
        for d in &p.defs {
            for i in d.provides.iter().flatten() {
                if let Some(u) = used.get_mut(*i) {
                    *u = true;
                }
            }
        }
    }
    let mut out = Vec::new();
    for (s, u) in policy.services.iter().zip(used) {
        if !u {
            out.push(
                Diagnostic::warning(
                    Code::UnusedService,
                    format!("service `{}` is provided by no phase", s.id),
                    s.span,
                    "never provided",
                )
                .with_help("list it in a phase's `provides`, or remove it"),
            );
        }
    }
    out
}

/// Phases and milestones that depend on themselves through `start`, `end` and
/// milestone references.
pub(super) fn cycles(policy: &Policy) -> Vec<Diagnostic> {
    // Node ids: 2*i = start of phase i, 2*i+1 = end of phase i, 2*P + m = milestone m.
    let np = policy.phases.len();
    let n = 2 * np + policy.milestones.len();
    let mut edges: Vec<Vec<(usize, Span)>> = vec![Vec::new(); n];
    for (i, p) in policy.phases.iter().enumerate() {
        for d in &p.defs {
            if let Some(e) = &d.from {
                refs(e, np, &mut |t, s| push_edge(&mut edges, 2 * i, t, s));
            }
            if let Some(e) = &d.until {
                refs(e, np, &mut |t, s| push_edge(&mut edges, 2 * i + 1, t, s));
            }
        }
    }
    for (m, ms) in policy.milestones.iter().enumerate() {
        for d in &ms.defs {
            refs(&d.value, np, &mut |t, s| push_edge(&mut edges, 2 * np + m, t, s));
        }
    }
    let name = |node: usize| -> String {
        if node < 2 * np {
            let p = policy.phases.get(node / 2).map_or("", |p| p.id.as_str());
            format!("{}({p})", if node % 2 == 0 { "start" } else { "end" })
        } else {
            policy
                .milestones
                .get(node - 2 * np)
                .map_or(String::new(), |m| m.id.clone())
        }
    };
    // Iterative DFS with colours; report each cycle once.
    let mut colour = vec![0u8; n];
    let mut found = Vec::new();
    for root in 0..n {
        if colour.get(root) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        let mut path: Vec<(usize, Span)> = Vec::new();
        if let Some(c) = colour.get_mut(root) {
            *c = 1;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edge = edges.get(node).and_then(|es| es.get(*next)).copied();
            *next += 1;
            match edge {
                Some((t, span)) => match colour.get(t).copied() {
                    Some(0) => {
                        if let Some(c) = colour.get_mut(t) {
                            *c = 1;
                        }
                        path.push((node, span));
                        stack.push((t, 0));
                    }
                    Some(1) => {
                        // back edge: the cycle is t ... node -> t
                        let start = stack.iter().position(|(s, _)| *s == t).unwrap_or(0);
                        let mut members: Vec<(usize, Span)> = path.iter().skip(start).copied().collect();
                        members.push((node, span));
                        found.push(members);
                    }
                    _ => {}
                },
                None => {
                    if let Some(c) = colour.get_mut(node) {
                        *c = 2;
                    }
                    stack.pop();
                    path.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    for members in found {
        let names: Vec<String> = members.iter().map(|(n, _)| name(*n)).collect();
        let Some(&(_, first_span)) = members.first() else {
            continue;
        };
        let mut d = Diagnostic::error(
            Code::Cycle,
            format!(
                "dates depend on themselves: {} -> {}",
                names.join(" -> "),
                names.first().cloned().unwrap_or_default()
            ),
            first_span,
            "this reference closes a cycle",
        )
        .with_help("one of these dates must be computed from something else, such as `first_ship`");
        for (_, s) in members.iter().skip(1) {
            d = d.with_related(*s, "which depends on this");
        }
        out.push(d);
    }
    out
}

fn push_edge(edges: &mut [Vec<(usize, Span)>], from: usize, to: usize, span: Span) {
    if let Some(es) = edges.get_mut(from) {
        es.push((to, span));
    }
}

/// Call `f(node, span)` for every same-line date reference in `e`.
fn refs(e: &DateExpr, np: usize, f: &mut dyn FnMut(usize, Span)) {
    match &e.kind {
        DateKind::PhaseStart(i) => f(2 * i, e.span),
        DateKind::PhaseEnd(i) => f(2 * i + 1, e.span),
        DateKind::Milestone(m) => f(2 * np + m, e.span),
        DateKind::Shift(inner, _)
        | DateKind::ShiftByAttr(inner, _)
        | DateKind::Snap(_, inner)
        | DateKind::Seek(_, _, inner)
        | DateKind::Approximate(inner)
        | DateKind::AtTheLatest(inner)
        | DateKind::UnlessDeclared(inner) => refs(inner, np, f),
        DateKind::Extreme(_, es) => es.iter().for_each(|x| refs(x, np, f)),
        DateKind::Between(a, b) => {
            refs(a, np, f);
            refs(b, np, f);
        }
        DateKind::Literal(_)
        | DateKind::FirstShip(_)
        | DateKind::Latest(_)
        | DateKind::Final(_)
        | DateKind::VersionMonth { .. }
        | DateKind::Attr(..)
        | DateKind::Other(..)
        | DateKind::Upstream { .. } => {}
    }
}

/// Whether some condition of `a` and some condition of `b` can never hold for the same
/// line, so that both lists together never hold.
fn any_contradiction(a: &[Cond], b: &[Cond]) -> bool {
    a.iter().any(|x| b.iter().any(|y| contradict(x, y)))
}

/// Whether two conditions can never hold for the same line: one is the other's negation
/// (`lts` / `not lts`), they compare the same thing the opposite way (`line < 2.7` /
/// `line >= 2.7`), or they ask for opposite parities. A conjunction contradicts what any
/// of its parts contradicts. Anything else counts as compatible.
/// Whether `y` holding makes `x` hold, as far as the shapes show: the same
/// condition, a conjunction with a part that implies `x`, or `x` made of parts
/// that `y` implies (`even and major >= 4 and major < 12` implies
/// `even and major >= 4 or major >= 27`).
fn implies(y: &Cond, x: &Cond) -> bool {
    y == x
        || matches!(y, Cond::All(ys) if ys.iter().any(|p| implies(p, x)))
        || matches!(x, Cond::All(xs) if xs.iter().all(|p| implies(y, p)))
        || matches!(x, Cond::Any(xs) if xs.iter().any(|p| implies(y, p)))
}

fn contradict(a: &Cond, b: &Cond) -> bool {
    use eol_syntax::ast::CmpOp::{Eq, Ge, Gt, Le, Lt, Ne};
    let opposite = |x: CmpOp, y: CmpOp| {
        matches!(
            (x, y),
            (Lt, Ge) | (Ge, Lt) | (Le, Gt) | (Gt, Le) | (Eq, Ne) | (Ne, Eq)
        )
    };
    match (a, b) {
        (Cond::Not(x), y) | (y, Cond::Not(x)) if implies(y, x) => true,
        (Cond::All(xs), y) | (y, Cond::All(xs)) => xs.iter().any(|x| contradict(x, y)),
        (
            Cond::Parity {
                component: c1,
                even: e1,
            },
            Cond::Parity {
                component: c2,
                even: e2,
            },
        ) => c1 == c2 && e1 != e2,
        (Cond::Line { op: o1, value: v1 }, Cond::Line { op: o2, value: v2 }) => {
            v1 == v2 && opposite(*o1, *o2)
        }
        (
            Cond::Component {
                component: c1,
                op: o1,
                value: v1,
            },
            Cond::Component {
                component: c2,
                op: o2,
                value: v2,
            },
        ) => c1 == c2 && v1 == v2 && opposite(*o1, *o2),
        (
            Cond::Attr {
                attr: a1,
                op: o1,
                value: v1,
            },
            Cond::Attr {
                attr: a2,
                op: o2,
                value: v2,
            },
        ) => a1 == a2 && v1 == v2 && opposite(*o1, *o2),
        _ => false,
    }
}

/// `anchor + constant` as (anchor key, days), for static comparisons.
fn anchor(e: &DateExpr) -> Option<(String, f64)> {
    match &e.kind {
        DateKind::Approximate(inner) | DateKind::AtTheLatest(inner) | DateKind::UnlessDeclared(inner) => {
            anchor(inner)
        }
        DateKind::Shift(inner, d) => anchor(inner).map(|(k, days)| (k, days + d.approx_days())),
        DateKind::FirstShip(None) => Some(("first_ship".into(), 0.0)),
        DateKind::Latest(None) => Some(("latest".into(), 0.0)),
        DateKind::PhaseStart(i) => Some((format!("start{i}"), 0.0)),
        DateKind::PhaseEnd(i) => Some((format!("end{i}"), 0.0)),
        DateKind::Milestone(i) => Some((format!("m{i}"), 0.0)),
        _ => None,
    }
}
