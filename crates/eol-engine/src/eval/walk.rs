//! One walk over date expressions, for the passes that look for selectors of other
//! lines before anything is computed.

use crate::model::*;

/// Every date expression the policy's rules evaluate: phase bounds, milestones,
/// overrides and declarations.
pub(super) fn rule_exprs(policy: &Policy) -> impl Iterator<Item = &DateExpr> {
    let bounds = policy
        .phases
        .iter()
        .flat_map(|p| &p.defs)
        .flat_map(|d| d.from.iter().chain(d.until.iter()));
    let milestones = policy.milestones.iter().flat_map(|m| &m.defs).map(|d| &d.value);
    let pinned = policy.overrides.iter().chain(&policy.declared).map(|o| &o.value);
    bounds.chain(milestones).chain(pinned)
}

/// `e` and every expression inside it, outermost first (an explicit stack: no
/// recursion, whatever the nesting).
pub(super) fn each_expr<'e>(e: &'e DateExpr, f: &mut dyn FnMut(&'e DateExpr)) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        f(e);
        match &e.kind {
            DateKind::Shift(inner, _)
            | DateKind::ShiftByAttr(inner, _)
            | DateKind::Snap(_, inner)
            | DateKind::Seek(_, _, inner)
            | DateKind::Approximate(inner)
            | DateKind::AtTheLatest(inner)
            | DateKind::UnlessDeclared(inner) => stack.push(inner),
            DateKind::Extreme(_, es) => stack.extend(es.iter().rev()),
            DateKind::Between(a, b) => stack.extend([b.as_ref(), a.as_ref()]),
            _ => {}
        }
    }
}

/// The selectors of other lines in an expression: `first_ship(newer 1)`, `latest(...)`,
/// `final(...)`, `ATTRIBUTE(...)`, `end(PHASE, older 1)`.
pub(super) fn selectors(e: &DateExpr, f: &mut dyn FnMut(&Selector)) {
    each_expr(e, &mut |e| match &e.kind {
        DateKind::FirstShip(Some(s))
        | DateKind::Latest(Some(s))
        | DateKind::Final(Some(s))
        | DateKind::Attr(_, Some(s))
        | DateKind::Other(_, s) => f(s),
        _ => {}
    });
}

/// Selectors of `start`/`end` of other lines (and their milestones) in an expression.
pub(super) fn other_selectors(e: &DateExpr, f: &mut dyn FnMut(&Selector)) {
    each_expr(e, &mut |e| {
        if let DateKind::Other(_, s) = &e.kind {
            f(s)
        }
    });
}
