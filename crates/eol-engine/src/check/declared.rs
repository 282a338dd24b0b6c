//! Announced dates: a rule that says `unless declared`, and the `declare` items that give
//! a line's announced date for it.
//!
//! A declaration replaces the rule's date for its line, as an override does, but says
//! something else: the policy itself defers to the dates the vendor announces, and the
//! rule is what applies until one is announced. Its date is of kind `declared`, which
//! `eol conform` never counts as reproduced by rule.

use eol_syntax::{Code, Diagnostic, Span};

use super::Checker;
use crate::model::{DateKind, Override, Policy, Target};

impl Checker<'_> {
    /// Keep a resolved `declare` item, unless the line declares that date already.
    pub(super) fn push_declared(&mut self, entry: Override, target_span: Span, policy: &mut Policy) {
        let key = (entry.line.to_ascii_lowercase(), entry.target);
        if let Some(first) = self.declared.get(&key).copied() {
            self.err(
                Diagnostic::error(
                    Code::DuplicateDefinition,
                    format!("line `{}` declares the same date twice", entry.line),
                    entry.span,
                    "declared again here",
                )
                .with_related(first, "first declared here")
                .with_help("keep one declaration per line and date: the one the vendor announced last"),
            );
            return;
        }
        self.declared.insert(key, entry.span);
        policy.declared.push(entry);
        self.declared_at.push(target_span);
    }

    /// After the bodies: a declared date's rule says `unless declared` in one of its
    /// definitions, and no line both overrides and declares the same date.
    pub(super) fn check_declared(&mut self, policy: &Policy) {
        let mut out = Vec::new();
        for (d, at) in policy.declared.iter().zip(self.declared_at.iter().copied()) {
            let (what, rules): (String, Vec<&crate::model::DateExpr>) = match d.target {
                Target::PhaseStart(i) | Target::PhaseEnd(i) => {
                    let Some(p) = policy.phases.get(i) else { continue };
                    let start = matches!(d.target, Target::PhaseStart(_));
                    let rules = p
                        .defs
                        .iter()
                        .filter_map(|def| {
                            if start {
                                def.from.as_ref()
                            } else {
                                def.until.as_ref()
                            }
                        })
                        .collect();
                    (format!("{}.{}", p.id, if start { "start" } else { "end" }), rules)
                }
                Target::Milestone(i) => {
                    let Some(m) = policy.milestones.get(i) else {
                        continue;
                    };
                    (m.id.clone(), m.defs.iter().map(|def| &def.value).collect())
                }
            };
            if let Some(overridden) = self
                .overridden
                .get(&(d.line.to_ascii_lowercase(), d.target))
                .copied()
            {
                out.push(
                    Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("line `{}` both overrides and declares `{what}`", d.line),
                        d.span,
                        "declared here",
                    )
                    .with_related(overridden, "overridden here")
                    .with_help("keep one: a declaration for a date the vendor announced, an override for an exception to the policy"),
                );
                continue;
            }
            if rules
                .iter()
                .any(|e| matches!(e.kind, DateKind::UnlessDeclared(_)))
            {
                continue;
            }
            let mut diag = Diagnostic::error(
                Code::NotDeclarable,
                format!(
                    "`{what}` is declared for line `{}`, but its rule does not say `unless declared`",
                    d.line
                ),
                at,
                "declared here",
            );
            if let Some(rule) = rules.first() {
                diag = diag.with_related(rule.span, "the rule");
            }
            out.push(diag.with_help(
                "add `unless declared` after the rule when the policy defers to dates the vendor announces \
                 (`until first_ship(newer 2) unless declared`); for an exception to the policy, write an `override` with its reason",
            ));
        }
        self.diags.extend(out);
    }
}
