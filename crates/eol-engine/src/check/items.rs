//! The items that give dates: `cadence`, `phase`, `milestone`, `when`, `override` and `declare`.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use eol_syntax::ast::{self, ItemKind, LineDate, PhaseStmtKind};
use eol_syntax::{Code, Diagnostic, Span, Spanned};

use super::{duplicate, unknown, Checker, ALLOWANCES, CADENCE_KINDS};
use crate::model::*;
use crate::suggest::suggest;

impl Checker<'_> {
    pub(super) fn bodies(&mut self, items: &[ast::Item], conds: &mut Vec<Cond>, policy: &mut Policy) {
        for item in items {
            match &item.kind {
                ItemKind::Cadence { kind, every } => {
                    self.cadence_item(kind, every.as_ref(), item.span, conds, policy);
                }
                ItemKind::Phase(ph) => self.phase(ph, item.span, conds),
                ItemKind::Milestone { id, label, value } => {
                    self.milestone_item(id, label.as_ref(), value, item.span, conds);
                }
                ItemKind::When { cond, items } => {
                    if let Some(c) = self.cond(cond) {
                        conds.push(c);
                        self.bodies(items, conds, policy);
                        conds.pop();
                    } else {
                        // Still check the body, under a condition that never holds.
                        conds.push(Cond::Any(Vec::new()));
                        self.bodies(items, conds, policy);
                        conds.pop();
                    }
                }
                ItemKind::Override(given) | ItemKind::Declare(given) => {
                    let declared = matches!(item.kind, ItemKind::Declare(_));
                    if !conds.is_empty() {
                        self.not_here(item.span, if declared { "`declare`" } else { "`override`" });
                    }
                    self.override_item(given, item.span, policy, declared);
                }
                ItemKind::Source { .. } if !conds.is_empty() => {
                    self.not_here(item.span, "`source`");
                }
                ItemKind::Source {
                    kind,
                    location,
                    pattern,
                    filter,
                } => self.source_item(
                    kind,
                    location,
                    pattern.as_ref(),
                    filter.as_ref(),
                    item.span,
                    policy,
                ),
                ItemKind::Vendor(_)
                | ItemKind::Announced(_)
                | ItemKind::Versions(_)
                | ItemKind::Line(_)
                | ItemKind::Order { .. }
                | ItemKind::Prerelease(_)
                | ItemKind::Names { .. }
                | ItemKind::LineAlias { .. }
                | ItemKind::LineBuilds { .. }
                | ItemKind::Allow(_)
                | ItemKind::Upstream { .. }
                | ItemKind::Superseded { .. }
                    if !conds.is_empty() =>
                {
                    self.not_here(item.span, &format!("`{}`", item_keyword(&item.kind)));
                }
                ItemKind::Attribute { .. } | ItemKind::Service { .. } if !conds.is_empty() => {
                    self.not_here(item.span, &format!("`{}`", item_keyword(&item.kind)));
                }
                _ => {}
            }
        }
    }

    /// `cadence KIND every DURATION`: once per kind, at the top level.
    fn cadence_item(
        &mut self,
        kind: &Spanned<String>,
        every: Option<&ast::Expr>,
        item_span: Span,
        conds: &[Cond],
        policy: &mut Policy,
    ) {
        if !conds.is_empty() {
            self.not_here(item_span, "`cadence`");
        }
        if let Some(c) = policy.cadences.iter().find(|c| c.kind == kind.node) {
            let first = c.span;
            self.err(duplicate("cadence", kind, first));
            return;
        }
        if !CADENCE_KINDS.contains(&kind.node.as_str()) {
            if let Some(near) = suggest(&kind.node, CADENCE_KINDS) {
                self.err(misspelt_cadence_kind(kind, near));
                return;
            }
        }
        let every_span = every.as_ref().map(|e| e.span);
        let every = every.as_ref().and_then(|e| self.duration(e));
        if let Some(d) = &every {
            if d.approx_days() <= 0.0 {
                self.err(
                    Diagnostic::error(
                        Code::InvalidCadence,
                        "a cadence must be longer than zero",
                        every_span.unwrap_or(item_span),
                        "not a positive duration",
                    )
                    .with_help("write how often a release comes, such as `every 12 months`"),
                );
            }
        }
        policy.cadences.push(Cadence {
            kind: kind.node.clone(),
            every,
            span: item_span,
        });
    }

    /// `milestone ID = DATE`: one definition, or more under different `when`s.
    fn milestone_item(
        &mut self,
        id: &ast::Ident,
        label: Option<&ast::Label>,
        value: &ast::Expr,
        item_span: Span,
        conds: &[Cond],
    ) {
        let labels = label.as_ref().map(|l| self.labels(l));
        let value = self.date(value);
        if let Some(idx) = self.milestone_index(&id.node) {
            let unconditional_before = self
                .milestones
                .get(idx)
                .is_some_and(|m| m.defs.iter().any(|d| d.conds.is_empty()));
            if conds.is_empty() && unconditional_before {
                let first = self.milestones.get(idx).map_or(id.span, |m| m.span);
                self.err(duplicate("milestone", id, first));
                return;
            }
            if let (Some(m), Some(value)) = (self.milestones.get_mut(idx), value) {
                if let Some(l) = labels {
                    if m.defs.is_empty() {
                        m.labels = l;
                    }
                }
                m.defs.push(MilestoneDef {
                    conds: conds.to_vec(),
                    value,
                    span: item_span,
                });
            }
        }
    }

    pub(super) fn not_here(&mut self, span: Span, what: &str) {
        self.err(
            Diagnostic::error(
                Code::MisplacedItem,
                format!("{what} cannot stand inside `when`"),
                span,
                "inside a `when` block",
            )
            .with_help("move it to the policy's top level; only phases and milestones vary by condition"),
        );
    }

    pub(super) fn override_item(&mut self, given: &LineDate, span: Span, policy: &mut Policy, declare: bool) {
        let LineDate {
            line,
            target,
            field,
            value,
            reason,
        } = given;
        let field = field.as_ref();
        self.non_empty(line, "line name");
        self.missing_reason(reason, declare);
        let verb = if declare { "declare" } else { "override" };
        let resolved = self.override_target(target, field, verb);
        let value = self.date(value);
        if declare {
            if let (Some(resolved), Some(value)) = (resolved, value) {
                let entry = Override {
                    line: line.node.clone(),
                    target: resolved,
                    value,
                    reason: reason.node.clone(),
                    span,
                };
                let at = field.map_or(target.span, |f| target.span.to(f.span));
                self.push_declared(entry, at, policy);
            }
            return;
        }
        if let (Some(target), Some(value)) = (resolved, value) {
            match self.overridden.entry((line.node.to_ascii_lowercase(), target)) {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    self.err(
                        Diagnostic::error(
                            Code::DuplicateDefinition,
                            format!("line `{}` overrides the same date twice", line.node),
                            span,
                            "overridden again here",
                        )
                        .with_related(first, "first overridden here")
                        .with_help("keep one override per line and date"),
                    );
                    return;
                }
                Entry::Vacant(slot) => {
                    slot.insert(span);
                }
            }
            policy.overrides.push(Override {
                line: line.node.clone(),
                target,
                value,
                reason: reason.node.clone(),
                span,
            });
        }
    }

    /// An `override` or `declare` item without a reason.
    fn missing_reason(&mut self, reason: &Spanned<String>, declare: bool) {
        if reason.node.trim().is_empty() {
            let d = if declare {
                Diagnostic::error(
                    Code::MissingReason,
                    "a declaration needs a reason",
                    reason.span,
                    "empty reason",
                )
                .with_help("say where the vendor announced the date, e.g. `because \"announced in the 3.2 release notes\"`")
            } else {
                Diagnostic::error(
                    Code::MissingReason,
                    "an override needs a reason",
                    reason.span,
                    "empty reason",
                )
                .with_help("say why this line deviates, e.g. `because \"ended early with OpenSSL 1.1.1\"`")
            };
            self.err(d);
        }
    }

    /// What an `override` or `declare` item sets: `PHASE.start`, `PHASE.end` or a milestone.
    fn override_target(
        &mut self,
        target: &ast::Ident,
        field: Option<&ast::Ident>,
        verb: &str,
    ) -> Option<Target> {
        if let Some(idx) = self.phase_index(&target.node) {
            match field.map(|f| f.node.as_str()) {
                Some("start") => Some(Target::PhaseStart(idx)),
                Some("end") => Some(Target::PhaseEnd(idx)),
                Some(_) | None => {
                    let at = field.map_or(target.span, |f| f.span);
                    self.err(
                        Diagnostic::error(
                            Code::InvalidTarget,
                            format!("say which date of phase `{}` to {verb}", target.node),
                            at,
                            "expected `.start` or `.end`",
                        )
                        .with_help(format!("write `{}.end` or `{}.start`", target.node, target.node)),
                    );
                    None
                }
            }
        } else if let Some(idx) = self.milestone_index(&target.node) {
            if let Some(f) = field {
                self.err(
                    Diagnostic::error(
                        Code::InvalidTarget,
                        format!("milestone `{}` has a single date", target.node),
                        f.span,
                        "no field here",
                    )
                    .with_help(format!("write `{verb} line ... {} = DATE`", target.node)),
                );
            }
            Some(Target::Milestone(idx))
        } else {
            let known: Vec<&str> = self
                .phases
                .iter()
                .map(|p| p.id.as_str())
                .chain(self.milestones.iter().map(|m| m.id.as_str()))
                .collect();
            self.diags
                .push(unknown(Code::UnknownPhase, "phase or milestone", target, &known));
            None
        }
    }

    /// A phase item: its statements, then what its place among the phase's definitions
    /// says (the first gives `from` and `until`; a second without `when` is a duplicate),
    /// then its display name and roles, then the definition itself.
    pub(super) fn phase(&mut self, ph: &ast::Phase, span: Span, conds: &[Cond]) {
        let Some(idx) = self.phase_index(&ph.id.node) else {
            return;
        };
        let is_first = self.phases.get(idx).is_some_and(|p| p.defs.is_empty());
        let labels = ph.label.as_ref().map(|l| self.labels(l));
        let role = ph.role.as_ref().and_then(|r| match Role::from_name(&r.node) {
            Some(role) => Some((role, r.span)),
            None => {
                self.unknown(Code::UnknownRole, "role", r, &Role::NAMES);
                None
            }
        });
        let more_roles = self.more_roles(ph, role);
        let free = self.free(ph, role, &more_roles);
        let (def, seen) = self.phase_stmts(ph, span, conds);
        if !self.phase_definition(ph, idx, is_first, &def, &seen) {
            return;
        }
        let Some(decl) = self.phases.get_mut(idx) else {
            return;
        };
        if let Some(l) = labels {
            if is_first {
                decl.labels = l;
            }
        }
        if let Some((role, rspan)) = role {
            if let Some(d) = merge_roles(
                decl,
                Roles {
                    role,
                    rspan,
                    more: more_roles,
                    free,
                },
                ph,
            ) {
                self.diags.push(d);
            }
        }
        decl.defs.push(def);
    }

    /// `free` after the roles: only extended support can be free of charge; a phase with
    /// another role counts towards end of life already. Where it was given, if it may be.
    fn free(&mut self, ph: &ast::Phase, role: Option<(Role, Span)>, more_roles: &[Role]) -> Option<Span> {
        let free = ph.free.as_ref()?;
        let Some((first, _)) = role else {
            // the role is unknown (reported already): nothing more to say
            return None;
        };
        let other = std::iter::once(first)
            .chain(more_roles.iter().copied())
            .find(|r| *r != Role::Extended);
        let Some(other) = other else {
            return Some(free.span);
        };
        self.err(
            Diagnostic::error(
                Code::FreeNotExtended,
                format!("`free` is for extended support, but phase `{}` has role `{}`", ph.id.node, other.as_str()),
                free.span,
                "not extended support only",
            )
            .with_help(
                "a phase with role `active` or `security` counts towards end of life already: remove `free`; \
                 `role extended free` is extended support that needs no contract or subscription",
            ),
        );
        None
    }

    /// The statements of a phase item, each at most once: the definition they make,
    /// and where each keyword was given.
    fn phase_stmts(
        &mut self,
        ph: &ast::Phase,
        span: Span,
        conds: &[Cond],
    ) -> (PhaseDef, HashMap<&'static str, Span>) {
        let mut from = None;
        let mut until = None;
        let mut inclusive = false;
        let mut provides: Option<Vec<usize>> = None;
        let (mut allow_gaps, mut allow_overlaps) = (false, false);
        let mut seen: HashMap<&'static str, Span> = HashMap::new();
        for stmt in &ph.stmts {
            let kw = match &stmt.kind {
                PhaseStmtKind::From(_) => "from",
                PhaseStmtKind::Until(_) | PhaseStmtKind::Through(_) => "until",
                PhaseStmtKind::Provides(_) => "provides",
                PhaseStmtKind::Allow(what) => match what.node.as_str() {
                    "gaps" => "allow gaps",
                    "overlaps" => "allow overlaps",
                    _ => {
                        self.unknown(Code::UnknownAllowance, "allowance", what, &ALLOWANCES);
                        continue;
                    }
                },
            };
            if let Some(first) = seen.get(kw) {
                self.err(stmt_twice(kw, stmt.span, *first, ph));
                continue;
            }
            seen.insert(kw, stmt.span);
            match &stmt.kind {
                PhaseStmtKind::From(e) => from = self.date(e),
                PhaseStmtKind::Until(e) => until = self.date(e),
                PhaseStmtKind::Through(e) => {
                    until = self.date(e);
                    inclusive = true;
                }
                PhaseStmtKind::Allow(_) => {
                    if kw == "allow gaps" {
                        allow_gaps = true;
                    } else {
                        allow_overlaps = true;
                    }
                }
                PhaseStmtKind::Provides(ids) => provides = Some(self.provides(ids)),
            }
        }
        let def = PhaseDef {
            conds: conds.to_vec(),
            from,
            until,
            inclusive,
            provides,
            allow_gaps,
            allow_overlaps,
            span,
        };
        (def, seen)
    }

    /// `provides SERVICE, ...`: the services, each declared and listed once.
    fn provides(&mut self, ids: &[ast::Ident]) -> Vec<usize> {
        let mut out = Vec::new();
        for id in ids {
            match self.service_index(&id.node) {
                Some(i) if out.contains(&i) => {
                    self.err(
                        Diagnostic::warning(
                            Code::DuplicateService,
                            format!("service `{}` is listed twice", id.node),
                            id.span,
                            "listed again",
                        )
                        .with_help("remove the second mention"),
                    );
                }
                Some(i) => out.push(i),
                None => {
                    let known: Vec<&str> = self.services.iter().map(|s| s.id.as_str()).collect();
                    self.diags.push(unknown(
                        Code::UnknownService,
                        "service",
                        &Spanned::new(id.node.clone(), id.span),
                        &known,
                    ));
                }
            }
        }
        out
    }

    /// What a definition's place says: the first must be complete and should provide
    /// something, a second without `when` is a duplicate (then `false`: it is dropped),
    /// a later one's display name is ignored.
    fn phase_definition(
        &mut self,
        ph: &ast::Phase,
        idx: usize,
        is_first: bool,
        def: &PhaseDef,
        seen: &HashMap<&'static str, Span>,
    ) -> bool {
        let complete = seen.contains_key("from") && seen.contains_key("until");
        let unconditional_before = self
            .phases
            .get(idx)
            .is_some_and(|p| p.defs.iter().any(|d| d.conds.is_empty()));
        if is_first && !complete {
            let missing: Vec<&str> = ["from", "until"]
                .into_iter()
                .filter(|k| !seen.contains_key(k))
                .collect();
            self.err(
                Diagnostic::error(
                    Code::IncompletePhase,
                    format!("phase `{}` has no `{}`", ph.id.node, missing.join("` and no `")),
                    ph.id.span,
                    if unconditional_before || !is_first { "first defined here" } else { "defined here" },
                )
                .with_help("the first definition of a phase says when it starts and ends (`from EXPR` and `until EXPR`); later `when` blocks may refine it"),
            );
        } else if !is_first && def.conds.is_empty() && unconditional_before {
            let first = self.phases.get(idx).map_or(ph.id.span, |p| p.span);
            self.err(duplicate("phase", &ph.id, first));
            return false;
        }
        if is_first && def.provides.is_none() && complete {
            self.err(
                Diagnostic::warning(
                    Code::PhaseProvidesNothing,
                    format!("phase `{}` provides no service", ph.id.node),
                    ph.id.span,
                    "provides nothing",
                )
                .with_help(
                    "add `provides SERVICE, ...` so `eol status` can say what a customer is entitled to",
                ),
            );
        }
        if let (Some(l), false) = (&ph.label, is_first) {
            self.err(
                Diagnostic::warning(
                    Code::IgnoredLabel,
                    format!("phase `{}` already has a display name", ph.id.node),
                    l.span,
                    "ignored",
                )
                .with_help("a phase's display name comes from its first definition; remove this one"),
            );
        }
        true
    }

    /// The roles after the first in `role active, security`: each known, none twice.
    pub(super) fn more_roles(&mut self, ph: &ast::Phase, first: Option<(Role, Span)>) -> Vec<Role> {
        let mut seen: Vec<(Role, Span)> = first.into_iter().collect();
        let mut out = Vec::new();
        for r in &ph.more_roles {
            let Some(role) = Role::from_name(&r.node) else {
                self.unknown(Code::UnknownRole, "role", r, &Role::NAMES);
                continue;
            };
            if let Some((_, at)) = seen.iter().find(|(x, _)| *x == role) {
                self.err(
                    Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("role `{}` is given twice", r.node),
                        r.span,
                        "given again here",
                    )
                    .with_related(*at, "first given here")
                    .with_help("name each role once"),
                );
                continue;
            }
            seen.push((role, r.span));
            out.push(role);
        }
        out
    }
}

/// `cadence liqne every 6 months`: a near miss of a known kind.
pub(super) fn misspelt_cadence_kind(kind: &Spanned<String>, near: &str) -> Diagnostic {
    let help = if near == "line" {
        "did you mean `line`, the cadence of new release lines (which projects the dates of lines not in the catalog yet)?".to_owned()
    } else {
        format!("did you mean `{near}`? (a release kind of your own needs a name unlike the known kinds)")
    };
    Diagnostic::error(
        Code::UnknownCadenceKind,
        format!("unknown cadence kind `{}`", kind.node),
        kind.span,
        "not a known kind",
    )
    .with_help(help)
}

/// The keyword that starts an item, for messages.
pub(super) fn item_keyword(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Vendor(_) => "vendor",
        ItemKind::Announced(_) => "announced",
        ItemKind::Versions(_) => "versions",
        ItemKind::Line(_) => "line",
        ItemKind::Order { .. } => "order",
        ItemKind::Attribute { .. } => "attribute",
        ItemKind::Prerelease(_) => "prerelease",
        ItemKind::Names { kind, .. } => kind.keyword(),
        ItemKind::LineAlias { .. } => "alias line",
        ItemKind::LineBuilds { .. } => "builds line",
        ItemKind::Cadence { .. } => "cadence",
        ItemKind::Service { .. } => "service",
        ItemKind::Phase(_) => "phase",
        ItemKind::Milestone { .. } => "milestone",
        ItemKind::When { .. } => "when",
        ItemKind::Override(_) => "override",
        ItemKind::Allow(_) => "allow",
        ItemKind::Upstream { .. } => "upstream",
        ItemKind::Declare(_) => "declare",
        ItemKind::Source { .. } => "source",
        ItemKind::Superseded { .. } => "superseded",
    }
}

/// `from`, `until`/`through`, `provides` or an `allow` given twice in one phase item.
fn stmt_twice(kw: &str, span: Span, first: Span, ph: &ast::Phase) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateDefinition,
        format!(
            "`{}` is given twice in phase `{}`",
            if kw == "until" { "until`/`through" } else { kw },
            ph.id.node
        ),
        span,
        "given again here",
    )
    .with_related(first, "first given here")
    .with_help(if kw == "until" {
        "a phase ends once: give either `until` (the first day without) or `through` (the last day with)"
            .to_owned()
    } else if kw.starts_with("allow") {
        format!("remove the second `{kw}`")
    } else {
        format!("a phase has one `{kw}`")
    })
}

/// A phase keeps the roles of the definition that first gives any; a later one may
/// give the same ones again (in any order) or none. Other roles: the diagnostic.
fn merge_roles(decl: &mut PhaseDecl, roles: Roles, ph: &ast::Phase) -> Option<Diagnostic> {
    let Roles {
        role,
        rspan,
        more: more_roles,
        free,
    } = roles;
    let given: Vec<Role> = std::iter::once(role).chain(more_roles.iter().copied()).collect();
    let had: Vec<Role> = decl.role.iter().chain(decl.more_roles.iter()).copied().collect();
    let same = |a: &[Role], b: &[Role]| {
        let (mut a, mut b) = (a.to_vec(), b.to_vec());
        a.sort();
        b.sort();
        a == b
    };
    if had.is_empty() {
        decl.role = Some(role);
        decl.role_span = Some(rspan);
        decl.more_roles = more_roles;
        decl.free = free;
        return None;
    }
    let had_free = decl.free.is_some();
    if same(&had, &given) && had_free == free.is_some() {
        return None;
    }
    let names = |rs: &[Role], free: bool| {
        let list = rs.iter().map(|r| format!("`{}`", r.as_str())).collect::<Vec<_>>();
        format!(
            "role{} {}{}",
            if rs.len() == 1 { "" } else { "s" },
            list.join(", "),
            if free { " with `free`" } else { "" }
        )
    };
    let message = if same(&had, &given) {
        format!(
            "phase `{}` is given its roles with and without `free`",
            ph.id.node
        )
    } else if had.len() == 1 && given.len() == 1 {
        format!("phase `{}` is given two roles", ph.id.node)
    } else {
        format!("phase `{}` is given other roles", ph.id.node)
    };
    let mut d = Diagnostic::error(
        Code::ConflictingRole,
        message,
        rspan,
        format!("{} here", names(&given, free.is_some())),
    );
    if let Some(first) = decl.role_span {
        d = d.with_related(first, format!("{} given here", names(&had, had_free)));
    }
    Some(d.with_help(format!(
        "the phase already has {}; a refinement gives the roles of the first definition again, or none",
        names(&had, had_free)
    )))
}

/// The roles one definition of a phase gives: the first and where, the others, and where
/// `free` was given (if it may be).
struct Roles {
    role: Role,
    rspan: Span,
    more: Vec<Role>,
    free: Option<Span>,
}
