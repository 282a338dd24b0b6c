//! What evaluation gives: dates with how sure they are, and each line's lifecycle.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::catalog::ReleaseDate;
use crate::model::*;

use super::Trace;

/// How sure a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueKind {
    /// derived by rule from dated catalog rows that are facts at `--at`
    Exact,
    /// announced by the vendor for the line (`declare`, for a rule that says `unless
    /// declared`): not derived by rule
    Declared,
    /// pinned by an `override` in the rule file
    Override,
    /// an upper bound: the day itself was not published, only that it had come by this
    /// date (`no_later_than(...)`)
    AtTheLatest,
    /// depends on an approximate date, a planned release or a cadence projection
    Estimated,
    /// depends on something not known yet (a line not shipped and no cadence)
    Pending,
}

impl ValueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Exact => "exact",
            ValueKind::Override => "override",
            ValueKind::Declared => "declared",
            ValueKind::AtTheLatest => "at-the-latest",
            ValueKind::Estimated => "estimated",
            ValueKind::Pending => "pending",
        }
    }

    /// The kind of a value computed from inputs of these kinds.
    pub(super) fn combine(self, other: ValueKind) -> ValueKind {
        use ValueKind::*;
        match (self, other) {
            (Pending, _) | (_, Pending) => Pending,
            (Estimated, _) | (_, Estimated) => Estimated,
            (AtTheLatest, _) | (_, AtTheLatest) => AtTheLatest,
            (Override, _) | (_, Override) => Override,
            (Declared, _) | (_, Declared) => Declared,
            _ => Exact,
        }
    }
}

/// A date and how sure it is. `date` is `None` exactly when `kind` is `Pending`.
#[derive(Clone, Debug, PartialEq)]
pub struct DateValue {
    pub date: Option<NaiveDate>,
    pub kind: ValueKind,
    pub trace: Option<Arc<Trace>>,
}

impl DateValue {
    pub(super) fn pending() -> Self {
        DateValue {
            date: None,
            kind: ValueKind::Pending,
            trace: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// before the first ship date (or the line has no known date yet)
    Unreleased,
    /// inside a phase
    InPhase,
    /// shipped, but in no phase: between two phases (a gap), or before the first phase
    /// starts
    BetweenPhases,
    /// after the end of the last phase
    EndOfLife,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Unreleased => "unreleased",
            State::InPhase => "in-phase",
            State::BetweenPhases => "between-phases",
            State::EndOfLife => "end-of-life",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub state: State,
    /// index into [`LineLifecycle::phases`]
    pub phase: Option<usize>,
    /// when the current phase (or, before release, the wait) ends
    pub until: Option<DateValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseResult {
    /// index into [`Policy::phases`]
    pub phase: usize,
    pub start: DateValue,
    pub end: DateValue,
    /// indices into [`Policy::services`]
    pub services: Vec<usize>,
    /// the rules name the phase's last day (`through`), not its end
    pub through: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneResult {
    /// index into [`Policy::milestones`]
    pub milestone: usize,
    pub date: DateValue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReleaseRef {
    /// index into the releases given to [`evaluate`]
    pub index: usize,
    pub version: String,
    pub date: ReleaseDate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineLifecycle {
    pub line: String,
    /// the line's other names (`alias line`), as the rule file writes them, in its order
    pub aliases: Vec<String>,
    pub first_ship: Option<DateValue>,
    pub latest: Option<ReleaseRef>,
    /// the release marked `final`, if any
    pub final_release: Option<ReleaseRef>,
    /// indices of this line's releases, in version order
    pub releases: Vec<usize>,
    pub phases: Vec<PhaseResult>,
    pub milestones: Vec<MilestoneResult>,
    pub status: Status,
    /// the end of the line's last phase
    pub eol: Option<DateValue>,
    /// (phase or milestone, reason) for every override applied
    pub overrides: Vec<(Target, String)>,
    /// (phase or milestone, reason) for every declared date applied, in rule-file order
    pub declared: Vec<(Target, String)>,
}

impl LineLifecycle {
    /// A line with nothing known: no release, no phase, unreleased.
    pub fn unknown(line: String) -> LineLifecycle {
        LineLifecycle {
            line,
            aliases: Vec::new(),
            first_ship: None,
            latest: None,
            final_release: None,
            releases: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            status: Status {
                state: State::Unreleased,
                phase: None,
                until: None,
            },
            eol: None,
            overrides: Vec::new(),
            declared: Vec::new(),
        }
    }

    /// The phase result for a policy phase index, if the phase applies to this line.
    pub fn phase(&self, phase: usize) -> Option<&PhaseResult> {
        self.phases.iter().find(|p| p.phase == phase)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lifecycle {
    pub at: NaiveDate,
    pub lines: Vec<LineLifecycle>,
    /// The lines `order lines by number` counts that the catalog lacks, left out of
    /// `lines` (they are not reported), each with the number of `lines` before it in the
    /// line order. `newer N`/`older N` of an upstream count them: see
    /// [`Lifecycle::counted`].
    pub missing: Vec<(usize, LineLifecycle)>,
}

/// How sure a release's date `d` (its earliest day) is at `at`: exact when the catalog
/// gives the day and it has passed, else estimated (month or year only, or planned).
pub(super) fn release_kind(date: &ReleaseDate, d: NaiveDate, at: NaiveDate) -> ValueKind {
    if date.is_exact() && d <= at {
        ValueKind::Exact
    } else {
        ValueKind::Estimated
    }
}
