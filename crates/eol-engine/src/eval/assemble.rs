//! Assembling a line's lifecycle from its computed dates: phases and milestones,
//! end of life, status at the evaluation date, warnings for gaps and overlaps.

use std::sync::Arc;

use eol_syntax::{Code, Diagnostic, Span};

use crate::model::*;

use super::memo::LineEval;
use super::{Ctx, DateValue, LineLifecycle, MilestoneResult, Origin, PhaseResult, ReleaseRef, State, Status};

impl<'a> Ctx<'a> {
    /// The finished lifecycle of one line (after [`Ctx::compute_all`]).
    pub(super) fn assemble(&self, i: usize, diags: &mut Vec<(Origin, Diagnostic)>) -> LineLifecycle {
        let policy = self.policy;
        let Some(le) = self.evals.get(i) else {
            return LineLifecycle::unknown(String::new());
        };
        let line = le.line;
        let results = self.phase_results(i, le, diags);
        let mut milestones = Vec::new();
        for mi in 0..policy.milestones.len() {
            if le.milestones.get(mi).is_some_and(Option::is_some) {
                let date = self.target(i, Target::Milestone(mi));
                milestones.push(MilestoneResult { milestone: mi, date });
            }
        }
        self.gaps_and_overlaps(le, &results, diags);
        let first_ship = line.first_ship.map(|(d, kind, src)| DateValue {
            date: Some(d),
            kind,
            trace: self
                .trace
                .then(|| Arc::new(self.first_ship_trace(line, src, d, kind))),
        });
        // End of life: the latest phase end (phases may overlap); pending if any is.
        let eol = match results.iter().find(|p| p.end.date.is_none()) {
            Some(p) => Some(p.end.clone()),
            None => results.iter().max_by_key(|p| p.end.date).map(|p| p.end.clone()),
        };
        let status = self.status(&first_ship, &results);
        let mut applied: Vec<&Override> = le.overrides.values().copied().collect();
        applied.sort_by_key(|o| o.span.start);
        let overrides = applied.iter().map(|o| (o.target, o.reason.clone())).collect();
        let mut declared: Vec<&Override> = le
            .declared
            .values()
            .copied()
            .filter(|d| !le.overrides.contains_key(&d.target))
            .collect();
        declared.sort_by_key(|d| d.span.start);
        let declared = declared.iter().map(|d| (d.target, d.reason.clone())).collect();
        let rref = |ri: usize| {
            self.releases.get(ri).map(|r| ReleaseRef {
                index: ri,
                version: r.version.to_string(),
                date: r.date,
            })
        };
        // The line's name and releases are moved in once every line is assembled
        // (`evaluate_with_upstreams`), not copied here.
        LineLifecycle {
            line: String::new(),
            aliases: Vec::new(),
            first_ship,
            latest: line.latest.and_then(rref),
            final_release: line.final_release.and_then(rref),
            releases: Vec::new(),
            phases: results,
            milestones,
            status,
            eol,
            overrides,
            declared,
        }
    }

    /// The phases that apply to line `i`, with their dates; a phase that ends before it
    /// starts is reported.
    fn phase_results(
        &self,
        i: usize,
        le: &LineEval<'a>,
        diags: &mut Vec<(Origin, Diagnostic)>,
    ) -> Vec<PhaseResult> {
        let policy = self.policy;
        let line = le.line;
        let mut results = Vec::new();
        for pi in 0..policy.phases.len() {
            let Some(Some(m)) = le.phases.get(pi).cloned() else {
                continue;
            };
            let start = self.target(i, Target::PhaseStart(pi));
            let end = self.target(i, Target::PhaseEnd(pi));
            if let (Some(s), Some(e)) = (start.date, end.date) {
                if e < s {
                    // Point at an override when one set either date: that is what to check.
                    let overridden = [Target::PhaseEnd(pi), Target::PhaseStart(pi)]
                        .into_iter()
                        .find_map(|t| le.overrides.get(&t));
                    let (span, label, help) = match overridden {
                        Some(o) => (
                            o.span,
                            "this override",
                            "check the override's date against the rule's other date",
                        ),
                        None => (
                            m.until.map_or(Span::default(), |u| u.span),
                            "this end",
                            "check the rule, or override this line's date with a reason",
                        ),
                    };
                    diags.push((
                        Origin::Rules,
                        Diagnostic::warning(
                            Code::PhaseEndsBeforeStart,
                            format!(
                                "phase `{}` of line `{}` ends ({e}) before it starts ({s})",
                                policy.phases.get(pi).map_or("", |p| p.id.as_str()),
                                line.name
                            ),
                            span,
                            label,
                        )
                        .with_help(help),
                    ));
                }
            }
            results.push(PhaseResult {
                phase: pi,
                start,
                end,
                services: m.provides.cloned().unwrap_or_default(),
                through: m.inclusive,
            });
        }
        results
    }

    /// `eol::phase-gap` and `eol::phase-overlap` between consecutive phases of a line,
    /// unless the policy or the later phase allows them.
    fn gaps_and_overlaps(
        &self,
        le: &LineEval<'a>,
        results: &[PhaseResult],
        diags: &mut Vec<(Origin, Diagnostic)>,
    ) {
        let policy = self.policy;
        let line = le.line;
        if !policy.allow_gaps || !policy.allow_overlaps {
            for pair in results.windows(2) {
                if let [a, b] = pair {
                    if let (Some(ae), Some(bs)) = (a.end.date, b.start.date) {
                        let merged = le.phases.get(b.phase).and_then(Option::as_ref);
                        let (code, what, allowed) = if bs > ae {
                            (
                                Code::PhaseGap,
                                "a gap",
                                policy.allow_gaps || merged.is_some_and(|m| m.allow_gaps),
                            )
                        } else {
                            (
                                Code::PhaseOverlap,
                                "an overlap",
                                policy.allow_overlaps || merged.is_some_and(|m| m.allow_overlaps),
                            )
                        };
                        if bs != ae && !allowed {
                            let (an, bn) = (
                                policy.phases.get(a.phase).map_or("", |p| p.id.as_str()),
                                policy.phases.get(b.phase).map_or("", |p| p.id.as_str()),
                            );
                            let allow = if bs > ae { "gaps" } else { "overlaps" };
                            // An override of either date is the likelier cause: point at it.
                            let overridden = [Target::PhaseEnd(a.phase), Target::PhaseStart(b.phase)]
                                .into_iter()
                                .find_map(|t| le.overrides.get(&t));
                            let (span, label, help) = match overridden {
                                Some(o) => (o.span, "this override", format!("check the override's date, or say `allow {allow}` in phase `{bn}` if the vendor intends it")),
                                None => (
                                    policy.phases.get(b.phase).map_or(Span::default(), |p| p.span),
                                    "this phase",
                                    format!("start `{bn}` at `end({an})`, or say `allow {allow}` in phase `{bn}` if the vendor intends it"),
                                ),
                            };
                            diags.push((
                                Origin::Rules,
                                Diagnostic::warning(code, format!("line `{}` has {what} between `{an}` (ends {ae}) and `{bn}` (starts {bs})", line.name), span, label)
                                    .with_help(help),
                            ));
                        }
                    }
                }
            }
        }
    }

    pub(super) fn status(&self, first_ship: &Option<DateValue>, phases: &[PhaseResult]) -> Status {
        let at = self.at;
        let shipped = first_ship.as_ref().and_then(|f| f.date).is_some_and(|d| d <= at);
        if !shipped {
            return Status {
                state: State::Unreleased,
                phase: None,
                until: first_ship.clone(),
            };
        }
        for (i, p) in phases.iter().enumerate() {
            let started = p.start.date.is_some_and(|s| s <= at);
            let ended = p.end.date.is_some_and(|e| e <= at);
            if started && !ended {
                return Status {
                    state: State::InPhase,
                    phase: Some(i),
                    until: Some(p.end.clone()),
                };
            }
        }
        // Not inside any phase: before one that starts later, or after the last. A phase
        // whose start is not known but whose end is known and past can no longer be entered.
        let next = phases
            .iter()
            .find(|p| p.start.date.is_none_or(|s| s > at) && p.end.date.is_none_or(|e| e > at));
        match next {
            Some(p) if phases.iter().any(|q| q.end.date.is_some_and(|e| e <= at)) => Status {
                state: State::BetweenPhases,
                phase: None,
                until: Some(p.start.clone()),
            },
            // Shipped, but the first phase has not started yet: no phase applies.
            Some(p) => Status {
                state: State::BetweenPhases,
                phase: None,
                until: Some(p.start.clone()),
            },
            None => Status {
                state: State::EndOfLife,
                phase: None,
                until: None,
            },
        }
    }
}
