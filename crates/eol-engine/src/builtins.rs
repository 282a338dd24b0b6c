//! The built-in date functions: one table that says, for each, its name, how many
//! arguments of which kinds it takes, how to write it, what it means, and what the
//! checker turns a call into (and so what the evaluator dispatches on).
//!
//! The checker's arity and usage errors, the docs test (every built-in is in
//! docs/language.md with each form it is written in), the highlighting test and
//! completion all read [`builtins()`]. A call resolves to a [`Function`], never to
//! a name, so a name the table lacks cannot reach the evaluator.

use crate::model::{Extreme, Seek, Snap};

/// One built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// As written in rules: `end_of_month`.
    pub name: &'static str,
    /// What a call means, which the checker turns into a date expression.
    pub function: Function,
    /// The fewest arguments it takes.
    pub min_args: usize,
    /// The most arguments it takes; `None`: any number.
    pub max_args: Option<usize>,
    /// The kind of each argument, in order; the last one repeats for a function that
    /// takes any number.
    pub args: &'static [ArgKind],
    /// What it takes, for "`NAME` takes ..." when a call has too many or too few.
    pub takes: &'static str,
    /// How to call it, in backticks: the help of an argument error.
    pub usage: &'static str,
    /// The forms docs/language.md gives it in, with placeholders: `end(PHASE, older N)`.
    pub forms: &'static [&'static str],
    /// One line of documentation, for completion and hover.
    pub doc: &'static str,
}

/// What a built-in computes, as the checker resolves it: a variant each of
/// `model::DateKind`'s built-in cases, carrying the evaluator's own enums.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// `first_ship(newer N)`, `latest(...)`, `final(...)`: a release date of another line.
    LineDate(LineDate),
    /// `start(PHASE)`, `end(PHASE)`, `last_day(PHASE)`, optionally of another line.
    Phase(PhaseEdge),
    /// `about(DATE)`: the same date, estimated.
    About,
    /// `no_later_than(DATE)`: an upper bound; the day itself was not published.
    NoLaterThan,
    /// `between(EARLIEST, LATEST)`: a date the policy gives as a range; the earlier, estimated.
    Between,
    /// `min(...)`, `max(...)`.
    Extreme(Extreme),
    /// `end_of_month(DATE)` and the other calendar snaps.
    Snap(Snap),
    /// `next(DAY, DATE)`, `previous(DAY, DATE)`, `in_year(DAY, DATE)`.
    Seek(Seek),
}

/// A release date of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineDate {
    FirstShip,
    Latest,
    Final,
}

/// A boundary of a phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseEdge {
    Start,
    End,
    /// the day before the end
    LastDay,
}

/// The kind of an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// `newer N`, `older N`, `newer N where CONDITION`
    Selector,
    /// a phase's name
    Phase,
    /// a date expression
    Date,
    /// a date, or a duration (`about`)
    DateOrDuration,
    /// a calendar day: `march 31`, `2nd tuesday`, `last day`
    CalendarDay,
}

impl Builtin {
    /// Whether a call with `n` arguments has the right number.
    pub fn takes_args(&self, n: usize) -> bool {
        n >= self.min_args && self.max_args.is_none_or(|max| n <= max)
    }
}

const LINE_DATE_TAKES: &str = "one line selector";
const LINE_DATE_USAGE: &str =
    "`first_ship(newer N)`, `first_ship(older N)` or `first_ship(newer N where CONDITION)`";
const PHASE_TAKES: &str = "a phase and, optionally, a line selector";
const SNAP_USAGE: &str = "`end_of_month(DATE)`";
const SEEK_TAKES: &str = "a calendar day and a date";
const SEEK_USAGE: &str = "`next(march 31, DATE)` or `next(2nd tuesday, DATE)`";

const fn line_date(
    name: &'static str,
    d: LineDate,
    forms: &'static [&'static str],
    doc: &'static str,
) -> Builtin {
    Builtin {
        name,
        function: Function::LineDate(d),
        min_args: 1,
        max_args: Some(1),
        args: &[ArgKind::Selector],
        takes: LINE_DATE_TAKES,
        usage: LINE_DATE_USAGE,
        forms,
        doc,
    }
}

const fn phase(
    name: &'static str,
    edge: PhaseEdge,
    usage: &'static str,
    forms: &'static [&'static str],
    doc: &'static str,
) -> Builtin {
    Builtin {
        name,
        function: Function::Phase(edge),
        min_args: 1,
        max_args: Some(2),
        args: &[ArgKind::Phase, ArgKind::Selector],
        takes: PHASE_TAKES,
        usage,
        forms,
        doc,
    }
}

const fn extreme(
    name: &'static str,
    x: Extreme,
    forms: &'static [&'static str],
    doc: &'static str,
) -> Builtin {
    Builtin {
        name,
        function: Function::Extreme(x),
        min_args: 2,
        max_args: None,
        args: &[ArgKind::Date],
        takes: "two or more dates",
        usage: "`max(DATE, DATE, ...)`",
        forms,
        doc,
    }
}

const fn snap(name: &'static str, s: Snap, forms: &'static [&'static str], doc: &'static str) -> Builtin {
    Builtin {
        name,
        function: Function::Snap(s),
        min_args: 1,
        max_args: Some(1),
        args: &[ArgKind::Date],
        takes: "one date",
        usage: SNAP_USAGE,
        forms,
        doc,
    }
}

const fn seek(name: &'static str, s: Seek, forms: &'static [&'static str], doc: &'static str) -> Builtin {
    Builtin {
        name,
        function: Function::Seek(s),
        min_args: 2,
        max_args: Some(2),
        args: &[ArgKind::CalendarDay, ArgKind::Date],
        takes: SEEK_TAKES,
        usage: SEEK_USAGE,
        forms,
        doc,
    }
}

/// Every built-in function, in the order completion offers them.
const BUILTINS: [Builtin; 20] = [
    line_date(
        "first_ship",
        LineDate::FirstShip,
        &["first_ship(newer N)", "first_ship(older N)"],
        "the first ship date of another line: `first_ship(newer 1)`",
    ),
    line_date(
        "latest",
        LineDate::Latest,
        &["latest(newer N)"],
        "the date of another line's newest release shipped by the evaluation date",
    ),
    line_date(
        "final",
        LineDate::Final,
        &["final(newer N)"],
        "the date of another line's release marked `final`",
    ),
    phase(
        "start",
        PhaseEdge::Start,
        "`end(PHASE)` or `end(PHASE, older N)`",
        &["start(PHASE)", "start(PHASE, newer N)"],
        "a phase's start, of this line or of another (`start(PHASE, newer 1)`)",
    ),
    phase(
        "end",
        PhaseEdge::End,
        "`end(PHASE)` or `end(PHASE, older N)`",
        &["end(PHASE)", "end(PHASE, older N)"],
        "a phase's end (its first day without), of this line or of another (`end(PHASE, older 1)`)",
    ),
    phase(
        "last_day",
        PhaseEdge::LastDay,
        "`last_day(PHASE)` or `last_day(PHASE, older N)`",
        &["last_day(PHASE)", "last_day(PHASE, older N)"],
        "a phase's last day: the day before its end",
    ),
    Builtin {
        name: "about",
        function: Function::About,
        min_args: 1,
        max_args: Some(1),
        args: &[ArgKind::DateOrDuration],
        takes: "one date or one duration",
        usage: "`about(DATE)`, or `DATE + about(DURATION)`",
        forms: &["about(DATE)", "about(DURATION)"],
        doc: "the same date or duration, marked estimated: the policy calls it approximate",
    },
    Builtin {
        name: "no_later_than",
        function: Function::NoLaterThan,
        min_args: 1,
        max_args: Some(1),
        args: &[ArgKind::Date],
        takes: "one date",
        usage: "`no_later_than(DATE)`",
        forms: &["no_later_than(DATE)"],
        doc: "a date something had happened by, at the latest: the vendor published no day, only that it had come by then",
    },
    Builtin {
        name: "between",
        function: Function::Between,
        min_args: 2,
        max_args: Some(2),
        args: &[ArgKind::Date, ArgKind::Date],
        takes: "two dates, the earliest and the latest",
        usage: "`between(EARLIEST, LATEST)`",
        forms: &["between(EARLIEST, LATEST)"],
        doc: "a date the policy gives as a range (\"2 to 3 years\"): the earlier of the two, estimated",
    },
    extreme(
        "min",
        Extreme::Min,
        &["min(DATE, DATE, ...)"],
        "the earliest of two or more dates",
    ),
    extreme(
        "max",
        Extreme::Max,
        &["max(DATE, DATE, ...)"],
        "the latest of two or more dates (\"whichever is later\")",
    ),
    snap(
        "start_of_month",
        Snap::StartOfMonth,
        &["start_of_month(DATE)"],
        "the first day of the date's month",
    ),
    snap(
        "end_of_month",
        Snap::EndOfMonth,
        &["end_of_month(DATE)"],
        "the last day of the date's month",
    ),
    snap(
        "start_of_quarter",
        Snap::StartOfQuarter,
        &["start_of_quarter(DATE)"],
        "the first day of the date's calendar quarter",
    ),
    snap(
        "end_of_quarter",
        Snap::EndOfQuarter,
        &["end_of_quarter(DATE)"],
        "the last day of the date's calendar quarter",
    ),
    snap(
        "start_of_year",
        Snap::StartOfYear,
        &["start_of_year(DATE)"],
        "1 January of the date's year",
    ),
    snap(
        "end_of_year",
        Snap::EndOfYear,
        &["end_of_year(DATE)"],
        "31 December of the date's year",
    ),
    seek(
        "next",
        Seek::Next,
        &["next(DAY, DATE)"],
        "the first day matching a calendar day on or after the date: `next(march 31, DATE)`",
    ),
    seek(
        "previous",
        Seek::Previous,
        &["previous(DAY, DATE)"],
        "the last day matching a calendar day on or before the date",
    ),
    seek(
        "in_year",
        Seek::InYear,
        &["in_year(DAY, DATE)"],
        "the day matching a calendar day in the date's calendar year",
    ),
];

/// A built-in date written as a name only, never called: `version_month`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BareName {
    pub name: &'static str,
    /// One line of documentation, for completion and hover.
    pub doc: &'static str,
}

/// The built-in dates that are names only (`first_ship`, `latest` and `final` are
/// functions too, and in [`builtins()`]).
pub const BARE_NAMES: [BareName; 1] = [BareName {
    name: "version_month",
    doc: "the first day of the month the line's version names, for versions named by year and month: 24.10 is 2024-10-01",
}];

/// Every built-in function.
pub fn builtins() -> &'static [Builtin] {
    &BUILTINS
}

/// The built-in function of that name.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The names of the built-in functions, in the table's order.
pub const FUNCTIONS: [&str; BUILTINS.len()] = names();

// Evaluated at compile time: an index out of range would not compile.
#[allow(clippy::indexing_slicing)]
const fn names() -> [&'static str; BUILTINS.len()] {
    let mut out = [""; BUILTINS.len()];
    let mut i = 0;
    while i < BUILTINS.len() {
        out[i] = BUILTINS[i].name;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_arities_match_argument_kinds() {
        for (i, b) in builtins().iter().enumerate() {
            assert_eq!(builtin(b.name), Some(b), "{} twice", b.name);
            assert_eq!(FUNCTIONS.get(i), Some(&b.name));
            assert!(b.min_args >= 1);
            match b.max_args {
                Some(max) => assert_eq!(b.args.len(), max, "{}", b.name),
                None => assert!(!b.args.is_empty(), "{}", b.name),
            }
            assert!(b.usage.starts_with('`') && b.usage.ends_with('`'), "{}", b.name);
            assert!(b.forms.iter().all(|f| f.starts_with(b.name)), "{}", b.name);
        }
    }
}
