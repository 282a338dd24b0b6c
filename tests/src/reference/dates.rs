//! Calendar arithmetic for the reference model, written from docs/dates.md alone.
//!
//! Deliberately naive: months are counted by hand, recurring days are found by
//! listing every day of a month and walking month by month. It shares no code with
//! `eol_engine::dates`.

use chrono::{Datelike, NaiveDate, Weekday};

/// "divisible by 4, except century years, which must be divisible by 400"
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    pub fn from_name(s: &str) -> Option<Unit> {
        match s {
            "day" | "days" => Some(Unit::Day),
            "week" | "weeks" => Some(Unit::Week),
            "month" | "months" => Some(Unit::Month),
            "year" | "years" => Some(Unit::Year),
            _ => None,
        }
    }
}

/// "same day in the month n months later, clamped to that month's last day"
fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let mut year = i64::from(d.year());
    let mut month = i64::from(d.month());
    // Walk one month at a time: slow, and obviously right.
    let step = if n >= 0 { 1 } else { -1 };
    for _ in 0..n.abs() {
        month += step;
        if month == 13 {
            month = 1;
            year += 1;
        } else if month == 0 {
            month = 12;
            year -= 1;
        }
    }
    let year = i32::try_from(year).ok()?;
    let month = u32::try_from(month).ok()?;
    let day = d.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day)
}

pub fn add(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => d.checked_add_signed(chrono::Duration::try_days(n)?),
        Unit::Week => d.checked_add_signed(chrono::Duration::try_days(n * 7)?),
        Unit::Month => add_months(d, n),
        Unit::Year => add_months(d, n * 12),
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub fn start_of_month(d: NaiveDate) -> Option<NaiveDate> {
    ymd(d.year(), d.month(), 1)
}
pub fn end_of_month(d: NaiveDate) -> Option<NaiveDate> {
    ymd(d.year(), d.month(), days_in_month(d.year(), d.month()))
}
pub fn start_of_quarter(d: NaiveDate) -> Option<NaiveDate> {
    let first = match d.month() {
        1..=3 => 1,
        4..=6 => 4,
        7..=9 => 7,
        _ => 10,
    };
    ymd(d.year(), first, 1)
}
pub fn end_of_quarter(d: NaiveDate) -> Option<NaiveDate> {
    let last = match d.month() {
        1..=3 => 3,
        4..=6 => 6,
        7..=9 => 9,
        _ => 12,
    };
    ymd(d.year(), last, days_in_month(d.year(), last))
}
pub fn start_of_year(d: NaiveDate) -> Option<NaiveDate> {
    ymd(d.year(), 1, 1)
}
pub fn end_of_year(d: NaiveDate) -> Option<NaiveDate> {
    ymd(d.year(), 12, 31)
}

/// A recurring day, as the docs' table describes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `march 31`: once a year; 29 February is 28 February in other years
    DayOfYear(u32, u32),
    /// `day 28`: every month; past the month's end, its last day
    DayOfMonth(u32),
    /// `last day`
    LastDay,
    /// `2nd tuesday [of feb may]`, `last friday`: `None` is "last"
    Weekday(Option<u32>, Weekday, Option<Vec<u32>>),
}

/// The pattern's day in one month, if it has one.
pub fn in_month(p: &Pattern, year: i32, month: u32) -> Option<NaiveDate> {
    let dim = days_in_month(year, month);
    match p {
        Pattern::DayOfYear(m, d) => {
            if *m != month {
                return None;
            }
            ymd(year, month, (*d).min(dim))
        }
        Pattern::DayOfMonth(d) => ymd(year, month, (*d).min(dim)),
        Pattern::LastDay => ymd(year, month, dim),
        Pattern::Weekday(nth, wd, months) => {
            if let Some(ms) = months {
                if !ms.contains(&month) {
                    return None;
                }
            }
            let days: Vec<NaiveDate> = (1..=dim)
                .filter_map(|d| ymd(year, month, d))
                .filter(|d| d.weekday() == *wd)
                .collect();
            match nth {
                None => days.last().copied(),
                Some(n) => days.get(usize::try_from(*n).ok()?.checked_sub(1)?).copied(),
            }
        }
    }
}

/// 400 years of months: one Gregorian cycle.
const SEARCH_MONTHS: i64 = 400 * 12 + 1;

fn month_walk(d: NaiveDate, forward: bool) -> impl Iterator<Item = (i32, u32)> {
    let start = i64::from(d.year()) * 12 + i64::from(d.month()) - 1;
    (0..SEARCH_MONTHS).filter_map(move |k| {
        let idx = if forward { start + k } else { start - k };
        let y = i32::try_from(idx.div_euclid(12)).ok()?;
        let m = u32::try_from(idx.rem_euclid(12) + 1).ok()?;
        Some((y, m))
    })
}

/// "the earliest matching day >= d"
pub fn next(p: &Pattern, d: NaiveDate) -> Option<NaiveDate> {
    month_walk(d, true).find_map(|(y, m)| in_month(p, y, m).filter(|x| *x >= d))
}

/// "the latest matching day <= d"
pub fn previous(p: &Pattern, d: NaiveDate) -> Option<NaiveDate> {
    month_walk(d, false).find_map(|(y, m)| in_month(p, y, m).filter(|x| *x <= d))
}

/// "the pattern's day in the calendar year of d; for a monthly pattern, its first
/// occurrence in that year"
pub fn in_year(p: &Pattern, d: NaiveDate) -> Option<NaiveDate> {
    (1..=12).find_map(|m| in_month(p, d.year(), m))
}

pub fn month_from_name(s: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let s = s.to_ascii_lowercase();
    NAMES
        .iter()
        .zip(1..)
        .find(|(n, _)| **n == s || n.get(..3) == Some(s.as_str()))
        .map(|(_, i)| i)
}

pub fn weekday_from_name(s: &str) -> Option<Weekday> {
    use Weekday::*;
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Mon),
        ("tuesday", Tue),
        ("wednesday", Wed),
        ("thursday", Thu),
        ("friday", Fri),
        ("saturday", Sat),
        ("sunday", Sun),
    ];
    let s = s.to_ascii_lowercase();
    NAMES
        .iter()
        .find(|(n, _)| *n == s || n.get(..3) == Some(s.as_str()))
        .map(|(_, w)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn the_documented_examples() {
        let cases = [
            ("2020-01-31", 1, Unit::Month, "2020-02-29"),
            ("2021-01-31", 1, Unit::Month, "2021-02-28"),
            ("2021-03-31", -1, Unit::Month, "2021-02-28"),
            ("2024-05-31", -3, Unit::Month, "2024-02-29"),
            ("2024-11-30", 3, Unit::Month, "2025-02-28"),
            ("2024-02-29", 1, Unit::Year, "2025-02-28"),
            ("2024-02-29", 4, Unit::Year, "2028-02-29"),
            ("2000-02-29", 100, Unit::Year, "2100-02-28"),
            ("2024-12-25", 1, Unit::Week, "2025-01-01"),
        ];
        for (from, n, unit, to) in cases {
            assert_eq!(add(d(from), n, unit), Some(d(to)), "{from} + {n} {unit:?}");
        }
        let tue = Pattern::Weekday(Some(2), Weekday::Tue, None);
        assert_eq!(next(&tue, d("2024-12-11")), Some(d("2025-01-14")));
        let pg = Pattern::Weekday(Some(2), Weekday::Thu, Some(vec![2, 5, 8, 11]));
        assert_eq!(next(&pg, d("2024-08-09")), Some(d("2024-11-14")));
        let fifth = Pattern::Weekday(Some(5), Weekday::Thu, Some(vec![2]));
        assert_eq!(next(&fifth, d("1997-01-01")), Some(d("2024-02-29")));
        assert_eq!(in_year(&fifth, d("2023-06-01")), None);
        let last_fri = Pattern::Weekday(None, Weekday::Fri, None);
        assert_eq!(next(&last_fri, d("2024-02-01")), Some(d("2024-02-23")));
        assert_eq!(
            previous(&Pattern::DayOfMonth(15), d("2025-01-14")),
            Some(d("2024-12-15"))
        );
        assert_eq!(end_of_quarter(d("2024-02-10")), Some(d("2024-03-31")));
    }
}
