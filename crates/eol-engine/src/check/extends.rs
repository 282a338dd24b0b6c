//! `policy ID "Name" extends BASE { ... }`: one policy built on another.
//!
//! The policy is the base policy, plus its own items: it starts with every item of the
//! base (as the base itself inherited them, for a chain), and its own items follow. The
//! base must stand above it in the same file, so that a chain can never close a circle.
//!
//! What the policy says itself wins: its `vendor`, `versions`, `line` and `order`, and a
//! `cadence`, `service`, `attribute` or `upstream` it declares with the base's kind, id,
//! name or alias, replace the base's. A phase or milestone it defines again refines the
//! base's, as a `when` whose condition always holds would: the parts it gives replace
//! the base's for every line. What belongs to one product stays with it: `alias`,
//! `purl`, `cpe`, `override` and `declare` items are not inherited.

use std::collections::HashSet;

use eol_syntax::ast::{self, Item, ItemKind};
use eol_syntax::{Code, Diagnostic, Span};

use crate::suggest::suggest;

/// The items a policy passes on to one that extends it, `own` being what it says itself
/// and `inherited` what it has from its own base.
fn heritage(inherited: &[Item], own: &[Item]) -> Vec<Item> {
    merge(inherited, own)
        .into_iter()
        .filter(|i| {
            !matches!(
                i.kind,
                ItemKind::Names { .. }
                    | ItemKind::LineAlias { .. }
                    | ItemKind::LineBuilds { .. }
                    | ItemKind::Override(_)
                    | ItemKind::Declare(_)
            )
        })
        .collect()
}

/// A key for the items a policy's own item replaces in what it inherits.
fn replaces(kind: &ItemKind) -> Option<String> {
    Some(match kind {
        ItemKind::Vendor(_) => "vendor".into(),
        ItemKind::Versions(_) => "versions".into(),
        ItemKind::Line(_) => "line".into(),
        ItemKind::Order { .. } => "order".into(),
        ItemKind::Superseded { .. } => "superseded".into(),
        ItemKind::Cadence { kind, .. } => format!("cadence {}", kind.node),
        ItemKind::Service { id, .. } => format!("service {}", id.node),
        ItemKind::Attribute { name, .. } => format!("attribute {}", name.node),
        ItemKind::Upstream { alias, .. } => format!("upstream {}", alias.node),
        _ => return None,
    })
}

/// The phases and milestones an item list defines, at any depth.
fn defined(items: &[Item], phases: &mut HashSet<String>, milestones: &mut HashSet<String>) {
    for i in items {
        match &i.kind {
            ItemKind::Phase(p) => {
                phases.insert(p.id.node.clone());
            }
            ItemKind::Milestone { id, .. } => {
                milestones.insert(id.node.clone());
            }
            ItemKind::When { items, .. } => defined(items, phases, milestones),
            _ => {}
        }
    }
}

/// The inherited items, less those `own` replaces, then `own`; a top-level phase or
/// milestone of `own` that the inherited items define becomes a refinement.
pub(super) fn merge(inherited: &[Item], own: &[Item]) -> Vec<Item> {
    let replaced: HashSet<String> = own.iter().filter_map(|i| replaces(&i.kind)).collect();
    let (mut phases, mut milestones) = (HashSet::new(), HashSet::new());
    defined(inherited, &mut phases, &mut milestones);
    let mut out: Vec<Item> = inherited
        .iter()
        .filter(|i| replaces(&i.kind).is_none_or(|k| !replaced.contains(&k)))
        .cloned()
        .collect();
    for item in own {
        let refines = match &item.kind {
            ItemKind::Phase(p) => phases.contains(&p.id.node),
            ItemKind::Milestone { id, .. } => milestones.contains(&id.node),
            _ => false,
        };
        if refines {
            // `when <always> { ... }`: later definitions replace the parts they give.
            out.push(Item {
                kind: ItemKind::When {
                    cond: ast::Cond {
                        kind: ast::CondKind::And(Vec::new()),
                        span: item.span,
                    },
                    items: vec![item.clone()],
                },
                span: item.span,
            });
        } else {
            out.push(item.clone());
        }
    }
    out
}

/// How many policies a chain of `extends` may stack: each level copies what it inherits,
/// so a cap keeps a file of many policies linear to check.
pub const MAX_EXTENDS: usize = 16;

/// Per policy of the file, in file order: what it passes on to a policy that extends it
/// (kept only for policies some policy extends), and how many bases stand under it.
pub(super) struct Bases {
    /// the ids some policy of the file extends
    wanted: HashSet<String>,
    heritage: Vec<Vec<Item>>,
    depth: Vec<usize>,
}

impl Bases {
    pub(super) fn new(file: &ast::File) -> Self {
        Bases {
            wanted: file
                .policies
                .iter()
                .filter_map(|p| p.extends.as_ref().map(|b| b.node.clone()))
                .collect(),
            heritage: Vec::new(),
            depth: Vec::new(),
        }
    }

    /// Whether any policy of the file extends another (so diagnostics are worth keeping).
    pub(super) fn wanted_any(&self) -> bool {
        !self.wanted.is_empty()
    }

    /// For a policy with `extends`, the items to check it with (what it inherits, then its
    /// own) and the diagnostic that says why its base cannot be used; for one without,
    /// nothing (it is checked as written). Call in file order, for every policy.
    pub(super) fn items(&mut self, file: &ast::File, i: usize) -> (Option<Vec<Item>>, Option<Diagnostic>) {
        let Some(p) = file.policies.get(i) else {
            return (None, None);
        };
        let base = p.extends.as_ref().map(|base| {
            let found = file.policies.iter().take(i).rposition(|q| q.id.node == base.node);
            (base, found)
        });
        let (inherited, depth, problem) = match base {
            None => (Vec::new(), 0, None),
            Some((base, None)) => (Vec::new(), 0, Some(unknown_base(file, i, base))),
            Some((base, Some(b))) => {
                let depth = self.depth.get(b).copied().unwrap_or(0) + 1;
                if depth > MAX_EXTENDS {
                    (Vec::new(), 0, Some(too_deep(base)))
                } else {
                    (self.heritage.get(b).cloned().unwrap_or_default(), depth, None)
                }
            }
        };
        let items = match (&p.extends, &problem) {
            (None, _) => None,
            (Some(_), None) => Some(merge(&inherited, &p.items)),
            (Some(_), Some(_)) => Some(p.items.clone()),
        };
        // Only a policy that another extends passes anything on.
        let passes = if self.wanted.contains(&p.id.node) {
            heritage(&inherited, &p.items)
        } else {
            Vec::new()
        };
        self.heritage.push(passes);
        self.depth.push(depth);
        (items, problem)
    }
}

fn too_deep(base: &ast::Ident) -> Diagnostic {
    Diagnostic::error(
        Code::NestingTooDeep,
        format!("policies extend each other more than {MAX_EXTENDS} deep"),
        base.span,
        "one level too many",
    )
    .with_help("extend a policy further up the chain, or write this policy's items out")
}

fn unknown_base(file: &ast::File, i: usize, base: &ast::Ident) -> Diagnostic {
    let later = file.policies.iter().skip(i).any(|q| q.id.node == base.node);
    let above: Vec<&str> = file.policies.iter().take(i).map(|q| q.id.node.as_str()).collect();
    let (message, help) = if later {
        (
            format!("policy `{}` is not above this one", base.node),
            "a policy extends one declared above it in the same file; move the base policy up".to_owned(),
        )
    } else {
        let help = match suggest(&base.node, above.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if above.is_empty() => "declare the base policy above this one, in the same file".to_owned(),
            None => format!(
                "a policy extends one declared above it in the same file: {}",
                above
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        (format!("unknown policy `{}`", base.node), help)
    };
    Diagnostic::error(
        Code::UnknownPolicy,
        message,
        base.span,
        "not a policy above this one",
    )
    .with_help(help)
}

/// What identifies a diagnostic already reported: code, primary span and message.
pub(super) type Seen = HashSet<(&'static str, usize, usize, String)>;

pub(super) fn key(d: &Diagnostic) -> (&'static str, usize, usize, String) {
    (
        d.code,
        d.primary.span.start,
        d.primary.span.end,
        d.message.clone(),
    )
}

/// Diagnostics of a policy that extends another, given those already reported: a problem
/// in an inherited item that its own policy already reported is dropped, and one that only
/// shows here says which policy inherited the item.
pub(super) fn inherited_diagnostics(
    diags: Vec<Diagnostic>,
    own: Span,
    extends: Span,
    id: &str,
    seen: &Seen,
) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter_map(|d| {
            let span = d.primary.span;
            if span.start >= own.start && span.end <= own.end {
                return Some(d);
            }
            if seen.contains(&key(&d)) {
                return None;
            }
            Some(d.with_related(extends, format!("inherited by policy `{id}` here")))
        })
        .collect()
}
