//! Calendar-day patterns: `march 31`, `2nd tuesday`, `last day`, for `next`, `previous` and `in_year`.

use eol_syntax::ast::{self, PatternKind};
use eol_syntax::{Code, Diagnostic};

use super::Checker;
use crate::dates::{self, Ordinal, Pattern};

impl Checker<'_> {
    pub(super) fn pattern(&mut self, p: &ast::Pattern) -> Option<Pattern> {
        let pattern = match &p.kind {
            PatternKind::Day { name, day } => {
                let n = self.amount(day)?;
                let day_n = u32::try_from(n).unwrap_or(0);
                if name.node == "day" {
                    Pattern::DayOfMonth { day: day_n }
                } else {
                    let month = self.month(name)?;
                    Pattern::DayOfYear { month, day: day_n }
                }
            }
            PatternKind::Weekday {
                ordinal,
                weekday,
                months,
            } => {
                let ord = if ordinal.node == "last" {
                    Ordinal::Last
                } else {
                    let digits: String = ordinal.node.chars().take_while(char::is_ascii_digit).collect();
                    let n: u8 = digits.parse().unwrap_or(0);
                    let expected_suffix = match n {
                        1 => "st",
                        2 => "nd",
                        3 => "rd",
                        _ => "th",
                    };
                    if !(1..=5).contains(&n) || !ordinal.node.ends_with(expected_suffix) {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidPattern,
                                format!("`{}` is not an ordinal from 1st to 5th", ordinal.node),
                                ordinal.span,
                                "not 1st to 5th",
                            )
                            .with_help("write `1st`, `2nd`, `3rd`, `4th`, `5th` or `last`"),
                        );
                        return None;
                    }
                    Ordinal::Nth(n)
                };
                if weekday.node == "day" {
                    if ord == Ordinal::Last && months.is_empty() {
                        return Some(Pattern::LastDayOfMonth);
                    }
                    self.err(
                        Diagnostic::error(
                            Code::InvalidPattern,
                            "only `last day` names a day without a weekday",
                            p.span,
                            "not a calendar day",
                        )
                        .with_help(
                            "write `day 1` for the first of the month, or `last day` for its last day",
                        ),
                    );
                    return None;
                }
                let Some(wd) = dates::weekday_from_name(&weekday.node) else {
                    self.unknown(
                        Code::UnknownCalendarName,
                        "weekday",
                        weekday,
                        &dates::WEEKDAY_NAMES,
                    );
                    return None;
                };
                let mut ms = Vec::new();
                for m in months {
                    ms.push(self.month(m)?);
                }
                Pattern::NthWeekday {
                    ordinal: ord,
                    weekday: wd,
                    months: if ms.is_empty() { None } else { Some(ms) },
                }
            }
        };
        if let Err(why) = pattern.validate() {
            self.err(
                Diagnostic::error(
                    Code::InvalidPattern,
                    format!(
                        "`{}` is not a calendar day: {why}",
                        eol_syntax::format::pattern_text(p)
                    ),
                    p.span,
                    "never occurs",
                )
                .with_help("check the day against the month's length"),
            );
            return None;
        }
        Some(pattern)
    }

    pub(super) fn month(&mut self, name: &ast::Ident) -> Option<u32> {
        let m = dates::month_from_name(&name.node);
        if m.is_none() {
            self.unknown(Code::UnknownCalendarName, "month", name, &dates::MONTH_NAMES);
        }
        m
    }
}
