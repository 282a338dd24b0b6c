//! Pure calendar arithmetic on [`NaiveDate`].
//!
//! Everything here is total: nothing panics, nothing prints, and every
//! operation that could leave chrono's representable range returns
//! `Option`. The rules are documented in `docs/dates.md`.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Full lowercase English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
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

/// Full lowercase English weekday names, Monday first (ISO order).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// How far [`next_on_or_after`] and [`previous_on_or_before`] search:
/// 400 years, one full Gregorian cycle, in months.
const SEARCH_MONTHS: i64 = 400 * 12;

/// A date written exactly `YYYY-MM-DD` (four-digit year, two-digit month and day)
/// that is a day of the calendar; `2023-1-1` and `+2023-01-01` are not.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// A unit of calendar duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// `date + n units` (`n` may be negative).
///
/// Months and years clamp to the end of the target month:
/// 2020-01-31 + 1 month = 2020-02-29; 2024-02-29 + 1 year = 2025-02-28;
/// 2021-03-31 - 1 month = 2021-02-28. A year is 12 months and a week is
/// 7 days. Returns `None` when the result is outside chrono's range.
pub fn add(date: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(date, n),
        Unit::Week => add_days(date, n.checked_mul(7)?),
        Unit::Month => add_months(date, n),
        Unit::Year => add_months(date, n.checked_mul(12)?),
    }
}

fn add_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_days(days)
    } else {
        date.checked_sub_days(days)
    }
}

fn add_months(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let (year, month) = shift_month(date.year(), date.month(), n)?;
    let day = date.day().min(days_in_month(year, month)?);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `(year, month)` moved by `n` months; `None` if the year leaves `i32`.
fn shift_month(year: i32, month: u32, n: i64) -> Option<(i32, u32)> {
    let index = i64::from(year)
        .checked_mul(12)?
        .checked_add(i64::from(month) - 1)?
        .checked_add(n)?;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
/// Appends `d` as `YYYY-MM-DD`, exactly as its `Display` writes it, without the
/// formatting machinery (written once per cell of a million-row table). Years outside
/// 0–9999 (signed, wider) go through `Display`.
pub fn push_iso(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    let Ok(y) = u32::try_from(y) else {
        out.push_str(&d.to_string());
        return;
    };
    if y > 9999 {
        out.push_str(&d.to_string());
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    for n in [y / 1000, y / 100, y / 10, y] {
        out.push(digit(n));
    }
    out.push('-');
    out.push(digit(m / 10));
    out.push(digit(m));
    out.push('-');
    out.push(digit(day / 10));
    out.push(digit(day));
}

pub fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Number of days in `month` (1..=12) of `year`; `None` for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The largest day `month` ever has (February: 29).
fn max_days_in_month(month: u32) -> Option<u32> {
    // 2000 is a leap year.
    days_in_month(2000, month)
}

/// First day of the month of `d`.
pub fn start_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Last day of the month of `d`.
pub fn end_of_month(d: NaiveDate) -> NaiveDate {
    days_in_month(d.year(), d.month())
        .and_then(|last| d.with_day(last))
        .unwrap_or(d)
}

fn quarter_first_month(d: NaiveDate) -> u32 {
    d.month0() / 3 * 3 + 1
}

/// First day of the calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec) of `d`.
pub fn start_of_quarter(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), quarter_first_month(d), 1).unwrap_or(d)
}

/// Last day of the calendar quarter of `d`.
pub fn end_of_quarter(d: NaiveDate) -> NaiveDate {
    let month = quarter_first_month(d) + 2;
    days_in_month(d.year(), month)
        .and_then(|last| NaiveDate::from_ymd_opt(d.year(), month, last))
        .unwrap_or(d)
}

/// 1 January of the year of `d`.
pub fn start_of_year(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d)
}

/// 31 December of the year of `d`.
pub fn end_of_year(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d)
}

/// Which occurrence of a weekday within a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ordinal {
    /// The n-th occurrence, `1..=5`.
    Nth(u8),
    /// The last occurrence.
    Last,
}

/// A recurring calendar day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// A fixed day of the year, e.g. 31 March. Feb 29 matches Feb 28 in
    /// non-leap years.
    DayOfYear { month: u32, day: u32 },
    /// A fixed day of every month, e.g. the 28th; a day past the month's end
    /// matches its last day (day 31 in April = April 30).
    DayOfMonth { day: u32 },
    /// The last day of every month.
    LastDayOfMonth,
    /// The N-th (or last) given weekday of a month, in every month or only in
    /// the listed months (1..=12), e.g. 2nd Tuesday (Patch Tuesday); 2nd
    /// Thursday of Feb, May, Aug, Nov (PostgreSQL). A 5th weekday that a
    /// month does not have does not occur in that month.
    NthWeekday {
        ordinal: Ordinal,
        weekday: Weekday,
        months: Option<Vec<u32>>,
    },
}

impl Pattern {
    /// Whether `d` is an occurrence of this pattern.
    pub fn matches(&self, d: NaiveDate) -> bool {
        self.in_month(d.year(), d.month()) == Some(d)
    }

    /// Checks the pattern's numbers: a day must exist in its month (1..=31
    /// for `DayOfMonth`, 1..=29 for February in `DayOfYear`), an ordinal must
    /// be 1..=5, and a month list must be non-empty with months 1..=12.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Pattern::DayOfYear { month, day } => {
                let max = max_days_in_month(*month)
                    .ok_or_else(|| format!("month {month} is not between 1 and 12"))?;
                if (1..=max).contains(day) {
                    Ok(())
                } else {
                    let name = month_name(*month).unwrap_or("?");
                    Err(format!("day {day} is not between 1 and {max} ({name})"))
                }
            }
            Pattern::DayOfMonth { day } => {
                if (1..=31).contains(day) {
                    Ok(())
                } else {
                    Err(format!("day {day} is not between 1 and 31"))
                }
            }
            Pattern::LastDayOfMonth => Ok(()),
            Pattern::NthWeekday { ordinal, months, .. } => {
                if let Ordinal::Nth(n) = ordinal {
                    if !(1..=5).contains(n) {
                        return Err(format!("ordinal {n} is not between 1 and 5"));
                    }
                }
                if let Some(months) = months {
                    if months.is_empty() {
                        return Err("the month list is empty".to_string());
                    }
                    if let Some(bad) = months.iter().find(|m| !(1..=12).contains(*m)) {
                        return Err(format!("month {bad} is not between 1 and 12"));
                    }
                }
                Ok(())
            }
        }
    }

    /// The occurrence of this pattern in `month` of `year`, if there is one.
    /// Computed directly, without iterating over days.
    pub fn in_month(&self, year: i32, month: u32) -> Option<NaiveDate> {
        let last = days_in_month(year, month)?;
        let day = match self {
            Pattern::DayOfYear { month: m, day } => {
                if *m != month || *day == 0 {
                    return None;
                }
                (*day).min(last)
            }
            Pattern::DayOfMonth { day } => {
                if *day == 0 {
                    return None;
                }
                (*day).min(last)
            }
            Pattern::LastDayOfMonth => last,
            Pattern::NthWeekday {
                ordinal,
                weekday,
                months,
            } => {
                if let Some(months) = months {
                    if !months.contains(&month) {
                        return None;
                    }
                }
                let target = weekday.num_days_from_monday();
                match ordinal {
                    Ordinal::Nth(n) => {
                        if !(1..=5).contains(n) {
                            return None;
                        }
                        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                        let offset = (target + 7 - first.weekday().num_days_from_monday()) % 7;
                        let day = 1 + offset + 7 * (u32::from(*n) - 1);
                        if day > last {
                            return None;
                        }
                        day
                    }
                    Ordinal::Last => {
                        let end = NaiveDate::from_ymd_opt(year, month, last)?;
                        let back = (end.weekday().num_days_from_monday() + 7 - target) % 7;
                        last - back
                    }
                }
            }
        };
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

/// The first day on or after `d` that matches `p`.
///
/// Searches the month of `d` and the following 400 years month by month;
/// `None` if nothing matches there (an invalid pattern never matches) or the
/// search leaves chrono's range first.
pub fn next_on_or_after(p: &Pattern, d: NaiveDate) -> Option<NaiveDate> {
    search(p, d, 1)
}

/// The last day on or before `d` that matches `p`.
///
/// Searches the month of `d` and the preceding 400 years month by month;
/// `None` if nothing matches there or the search leaves chrono's range first.
pub fn previous_on_or_before(p: &Pattern, d: NaiveDate) -> Option<NaiveDate> {
    search(p, d, -1)
}

/// Month-by-month search from the month of `d` in direction `step` (±1).
fn search(p: &Pattern, d: NaiveDate, step: i64) -> Option<NaiveDate> {
    for i in 0..=SEARCH_MONTHS {
        let (year, month) = shift_month(d.year(), d.month(), i * step)?;
        // Whole month outside chrono's range: nothing further can exist.
        NaiveDate::from_ymd_opt(year, month, 1)?;
        if let Some(candidate) = p.in_month(year, month) {
            let in_direction = if step > 0 { candidate >= d } else { candidate <= d };
            if in_direction {
                return Some(candidate);
            }
        }
    }
    None
}

/// The occurrence of `p` within the calendar year of `d`: for `DayOfYear`
/// its day in that year, for monthly patterns the first occurrence in that
/// year. `None` if the pattern does not occur in that year.
pub fn in_year_of(p: &Pattern, d: NaiveDate) -> Option<NaiveDate> {
    (1..=12).find_map(|month| p.in_month(d.year(), month))
}

/// The full lowercase name of `month` (1..=12).
pub fn month_name(month: u32) -> Option<&'static str> {
    let index = usize::try_from(month.checked_sub(1)?).ok()?;
    MONTH_NAMES.get(index).copied()
}

/// The full lowercase name of `weekday`.
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// Whether `input` is `name` or its 3-letter abbreviation, ignoring ASCII case.
fn name_matches(name: &str, input: &str) -> bool {
    name.eq_ignore_ascii_case(input)
        || (input.len() == 3 && name.get(..3).is_some_and(|abbr| abbr.eq_ignore_ascii_case(input)))
}

/// Month number (1..=12) from a full English name or 3-letter abbreviation,
/// case-insensitive: `"march"`, `"Mar"`.
pub fn month_from_name(s: &str) -> Option<u32> {
    MONTH_NAMES
        .iter()
        .zip(1u32..)
        .find(|(name, _)| name_matches(name, s))
        .map(|(_, number)| number)
}

/// Weekday from a full English name or 3-letter abbreviation,
/// case-insensitive: `"tuesday"`, `"Tue"`.
pub fn weekday_from_name(s: &str) -> Option<Weekday> {
    WEEKDAY_NAMES
        .iter()
        .zip(WEEKDAYS)
        .find(|(name, _)| name_matches(name, s))
        .map(|(_, weekday)| weekday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn patch_tuesday() -> Pattern {
        Pattern::NthWeekday {
            ordinal: Ordinal::Nth(2),
            weekday: Weekday::Tue,
            months: None,
        }
    }

    fn postgres() -> Pattern {
        Pattern::NthWeekday {
            ordinal: Ordinal::Nth(2),
            weekday: Weekday::Thu,
            months: Some(vec![2, 5, 8, 11]),
        }
    }

    fn nth(n: u8, weekday: Weekday, months: Option<Vec<u32>>) -> Pattern {
        Pattern::NthWeekday {
            ordinal: Ordinal::Nth(n),
            weekday,
            months,
        }
    }

    // ---- add -------------------------------------------------------------

    #[test]
    fn add_documented_examples() {
        assert_eq!(add(ymd(2020, 1, 31), 1, Unit::Month), Some(ymd(2020, 2, 29)));
        assert_eq!(add(ymd(2024, 2, 29), 1, Unit::Year), Some(ymd(2025, 2, 28)));
        assert_eq!(add(ymd(2021, 3, 31), -1, Unit::Month), Some(ymd(2021, 2, 28)));
    }

    #[test]
    fn iso_dates_are_strict() {
        assert_eq!(parse_iso("2023-02-28"), Some(ymd(2023, 2, 28)));
        assert_eq!(parse_iso("0000-01-01"), Some(ymd(0, 1, 1)));
        for bad in [
            "2023-1-1",
            "2023-02-30",
            "99999-01-01",
            "+2023-01-01",
            "2023-01-01 ",
            "2023/01/01",
            "",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn add_days_and_weeks() {
        assert_eq!(add(ymd(2024, 2, 28), 1, Unit::Day), Some(ymd(2024, 2, 29)));
        assert_eq!(add(ymd(2023, 2, 28), 1, Unit::Day), Some(ymd(2023, 3, 1)));
        assert_eq!(add(ymd(2024, 1, 1), -1, Unit::Day), Some(ymd(2023, 12, 31)));
        assert_eq!(add(ymd(2024, 12, 25), 1, Unit::Week), Some(ymd(2025, 1, 1)));
        assert_eq!(add(ymd(2024, 3, 7), -2, Unit::Week), Some(ymd(2024, 2, 22)));
        assert_eq!(add(ymd(2024, 3, 7), 0, Unit::Week), Some(ymd(2024, 3, 7)));
    }

    #[test]
    fn add_months_and_years() {
        assert_eq!(add(ymd(2024, 11, 30), 3, Unit::Month), Some(ymd(2025, 2, 28)));
        assert_eq!(add(ymd(2024, 1, 15), -13, Unit::Month), Some(ymd(2022, 12, 15)));
        assert_eq!(add(ymd(2024, 5, 31), -3, Unit::Month), Some(ymd(2024, 2, 29)));
        assert_eq!(add(ymd(2024, 2, 29), 4, Unit::Year), Some(ymd(2028, 2, 29)));
        assert_eq!(add(ymd(2024, 2, 29), -1, Unit::Year), Some(ymd(2023, 2, 28)));
        assert_eq!(add(ymd(2000, 2, 29), 100, Unit::Year), Some(ymd(2100, 2, 28)));
        assert_eq!(add(ymd(2000, 2, 29), 400, Unit::Year), Some(ymd(2400, 2, 29)));
        assert_eq!(add(ymd(2021, 1, 31), 1, Unit::Month), Some(ymd(2021, 2, 28)));
        // Clamping applies once, to the final month only.
        assert_eq!(add(ymd(2020, 1, 31), 2, Unit::Month), Some(ymd(2020, 3, 31)));
        assert_eq!(add(ymd(2020, 3, 31), 1, Unit::Month), Some(ymd(2020, 4, 30)));
        assert_eq!(add(ymd(2020, 4, 30), -1, Unit::Month), Some(ymd(2020, 3, 30)));
        // Clamping is not undone: the day is lost for good.
        assert_eq!(add(ymd(2020, 2, 29), 1, Unit::Month), Some(ymd(2020, 3, 29)));
    }

    #[test]
    fn add_overflow_is_none() {
        let max = NaiveDate::MAX;
        let min = NaiveDate::MIN;
        assert_eq!(add(max, 1, Unit::Day), None);
        assert_eq!(add(max, 1, Unit::Week), None);
        assert_eq!(add(max, 1, Unit::Month), None);
        assert_eq!(add(max, 1, Unit::Year), None);
        assert_eq!(add(min, -1, Unit::Day), None);
        assert_eq!(add(min, -1, Unit::Month), None);
        assert_eq!(add(max, -1, Unit::Month), Some(ymd(max.year(), 11, 30)));
        assert_eq!(add(max, 0, Unit::Year), Some(max));
        let d = ymd(2024, 6, 15);
        assert_eq!(add(d, i64::MAX, Unit::Day), None);
        assert_eq!(add(d, i64::MIN, Unit::Day), None);
        assert_eq!(add(d, i64::MAX, Unit::Week), None);
        assert_eq!(add(d, i64::MAX, Unit::Month), None);
        assert_eq!(add(d, i64::MIN, Unit::Month), None);
        assert_eq!(add(d, i64::MAX / 12 + 1, Unit::Year), None);
        assert_eq!(add(d, i64::from(i32::MAX), Unit::Year), None);
    }

    // ---- period boundaries -------------------------------------------------

    #[test]
    fn month_quarter_year_boundaries() {
        let d = ymd(2024, 2, 10);
        assert_eq!(start_of_month(d), ymd(2024, 2, 1));
        assert_eq!(end_of_month(d), ymd(2024, 2, 29));
        assert_eq!(end_of_month(ymd(2023, 2, 10)), ymd(2023, 2, 28));
        assert_eq!(end_of_month(ymd(2023, 4, 30)), ymd(2023, 4, 30));
        assert_eq!(start_of_quarter(d), ymd(2024, 1, 1));
        assert_eq!(end_of_quarter(d), ymd(2024, 3, 31));
        assert_eq!(start_of_quarter(ymd(2024, 6, 30)), ymd(2024, 4, 1));
        assert_eq!(end_of_quarter(ymd(2024, 4, 1)), ymd(2024, 6, 30));
        assert_eq!(start_of_quarter(ymd(2024, 9, 5)), ymd(2024, 7, 1));
        assert_eq!(end_of_quarter(ymd(2024, 7, 1)), ymd(2024, 9, 30));
        assert_eq!(start_of_quarter(ymd(2024, 12, 31)), ymd(2024, 10, 1));
        assert_eq!(end_of_quarter(ymd(2024, 10, 1)), ymd(2024, 12, 31));
        assert_eq!(start_of_year(d), ymd(2024, 1, 1));
        assert_eq!(end_of_year(d), ymd(2024, 12, 31));
        assert_eq!(end_of_year(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(start_of_year(NaiveDate::MIN), NaiveDate::MIN);
        assert_eq!(end_of_month(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2023));
        assert!(is_leap_year(0));
        assert!(is_leap_year(-4));
        assert!(!is_leap_year(-100));
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2024, 13), None);
        assert_eq!(days_in_month(2024, 0), None);
    }

    // ---- patterns --------------------------------------------------------

    #[test]
    fn day_of_year_feb_29_in_non_leap_years() {
        let p = Pattern::DayOfYear { month: 2, day: 29 };
        assert!(p.matches(ymd(2023, 2, 28)));
        assert!(p.matches(ymd(2024, 2, 29)));
        assert!(!p.matches(ymd(2024, 2, 28)));
        assert!(!p.matches(ymd(2023, 3, 1)));
        assert_eq!(next_on_or_after(&p, ymd(2023, 3, 1)), Some(ymd(2024, 2, 29)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 3, 1)), Some(ymd(2025, 2, 28)));
        assert_eq!(
            previous_on_or_before(&p, ymd(2024, 2, 28)),
            Some(ymd(2023, 2, 28))
        );
        assert_eq!(in_year_of(&p, ymd(2100, 7, 4)), Some(ymd(2100, 2, 28)));
    }

    #[test]
    fn day_of_year_fixed_date() {
        let p = Pattern::DayOfYear { month: 3, day: 31 };
        assert!(p.matches(ymd(2024, 3, 31)));
        assert!(!p.matches(ymd(2024, 4, 30)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 3, 31)), Some(ymd(2024, 3, 31)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 4, 1)), Some(ymd(2025, 3, 31)));
        assert_eq!(
            previous_on_or_before(&p, ymd(2024, 3, 30)),
            Some(ymd(2023, 3, 31))
        );
        assert_eq!(in_year_of(&p, ymd(2024, 12, 31)), Some(ymd(2024, 3, 31)));
    }

    #[test]
    fn day_of_month_clamps_in_short_months() {
        let p = Pattern::DayOfMonth { day: 31 };
        assert!(p.matches(ymd(2024, 4, 30)));
        assert!(p.matches(ymd(2023, 2, 28)));
        assert!(p.matches(ymd(2024, 2, 29)));
        assert!(!p.matches(ymd(2024, 2, 28)));
        assert!(p.matches(ymd(2024, 5, 31)));
        assert!(!p.matches(ymd(2024, 5, 30)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 4, 1)), Some(ymd(2024, 4, 30)));
        let p28 = Pattern::DayOfMonth { day: 28 };
        assert!(p28.matches(ymd(2024, 2, 28)));
        assert!(!p28.matches(ymd(2024, 2, 29)));
    }

    #[test]
    fn last_day_of_month() {
        let p = Pattern::LastDayOfMonth;
        assert!(p.matches(ymd(2024, 2, 29)));
        assert!(!p.matches(ymd(2024, 2, 28)));
        assert!(p.matches(ymd(2023, 2, 28)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 12, 31)), Some(ymd(2024, 12, 31)));
        assert_eq!(
            previous_on_or_before(&p, ymd(2024, 12, 30)),
            Some(ymd(2024, 11, 30))
        );
    }

    #[test]
    fn dec_jan_rollover() {
        let p = Pattern::DayOfMonth { day: 15 };
        assert_eq!(next_on_or_after(&p, ymd(2024, 12, 16)), Some(ymd(2025, 1, 15)));
        assert_eq!(
            previous_on_or_before(&p, ymd(2025, 1, 14)),
            Some(ymd(2024, 12, 15))
        );
        assert_eq!(
            next_on_or_after(&patch_tuesday(), ymd(2024, 12, 11)),
            Some(ymd(2025, 1, 14))
        );
        assert_eq!(
            previous_on_or_before(&patch_tuesday(), ymd(2025, 1, 13)),
            Some(ymd(2024, 12, 10))
        );
    }

    #[test]
    fn patch_tuesday_2024() {
        let p = patch_tuesday();
        let expected = [
            ymd(2024, 1, 9),
            ymd(2024, 2, 13),
            ymd(2024, 3, 12),
            ymd(2024, 4, 9),
            ymd(2024, 5, 14),
            ymd(2024, 6, 11),
            ymd(2024, 7, 9),
            ymd(2024, 8, 13),
            ymd(2024, 9, 10),
            ymd(2024, 10, 8),
            ymd(2024, 11, 12),
            ymd(2024, 12, 10),
        ];
        let mut d = ymd(2024, 1, 1);
        for want in expected {
            let got = next_on_or_after(&p, d).unwrap();
            assert_eq!(got, want);
            assert!(p.matches(got));
            d = got.succ_opt().unwrap();
        }
        assert_eq!(in_year_of(&p, ymd(2024, 7, 1)), Some(ymd(2024, 1, 9)));
    }

    #[test]
    fn postgres_minor_releases() {
        let p = postgres();
        assert!(p.matches(ymd(2024, 2, 8)));
        assert!(p.matches(ymd(2024, 5, 9)));
        assert!(p.matches(ymd(2024, 8, 8)));
        assert!(p.matches(ymd(2024, 11, 14)));
        // The 2nd Thursday of a month not in the list does not match.
        assert!(!p.matches(ymd(2024, 3, 14)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 11, 15)), Some(ymd(2025, 2, 13)));
        assert_eq!(
            previous_on_or_before(&p, ymd(2025, 2, 12)),
            Some(ymd(2024, 11, 14))
        );
        assert_eq!(next_on_or_after(&p, ymd(2024, 5, 9)), Some(ymd(2024, 5, 9)));
        assert_eq!(in_year_of(&p, ymd(2025, 12, 1)), Some(ymd(2025, 2, 13)));
    }

    #[test]
    fn fifth_weekday_only_where_it_exists() {
        let p = nth(5, Weekday::Wed, None);
        // January 2024 has five Wednesdays (3, 10, 17, 24, 31).
        assert!(p.matches(ymd(2024, 1, 31)));
        // February 2024 has four (7, 14, 21, 28): no occurrence there.
        assert_eq!(p.in_month(2024, 2), None);
        assert!(!p.matches(ymd(2024, 2, 28)));
        // Nor in March (6..27) or April (3..24); May has 1..29.
        assert_eq!(next_on_or_after(&p, ymd(2024, 2, 1)), Some(ymd(2024, 5, 29)));
        assert_eq!(
            previous_on_or_before(&p, ymd(2024, 5, 28)),
            Some(ymd(2024, 1, 31))
        );
        // February only has a 5th weekday in a leap year, on the 29th.
        let feb = nth(5, Weekday::Thu, Some(vec![2]));
        assert!(feb.matches(ymd(2024, 2, 29)));
        assert_eq!(in_year_of(&feb, ymd(2023, 6, 1)), None);
        assert_eq!(in_year_of(&feb, ymd(2024, 6, 1)), Some(ymd(2024, 2, 29)));
        assert_eq!(
            previous_on_or_before(&feb, ymd(2024, 2, 28)),
            Some(ymd(1996, 2, 29))
        );
        assert_eq!(next_on_or_after(&feb, ymd(2024, 3, 1)), Some(ymd(2052, 2, 29)));
    }

    #[test]
    fn last_weekday() {
        let p = Pattern::NthWeekday {
            ordinal: Ordinal::Last,
            weekday: Weekday::Fri,
            months: None,
        };
        assert!(p.matches(ymd(2024, 2, 23)));
        assert!(p.matches(ymd(2024, 5, 31)));
        assert!(!p.matches(ymd(2024, 5, 24)));
        assert_eq!(next_on_or_after(&p, ymd(2024, 2, 24)), Some(ymd(2024, 3, 29)));
        let sunday = Pattern::NthWeekday {
            ordinal: Ordinal::Last,
            weekday: Weekday::Sun,
            months: Some(vec![3, 10]),
        };
        // European summer time changes.
        assert_eq!(next_on_or_after(&sunday, ymd(2024, 1, 1)), Some(ymd(2024, 3, 31)));
        assert_eq!(
            next_on_or_after(&sunday, ymd(2024, 4, 1)),
            Some(ymd(2024, 10, 27))
        );
    }

    #[test]
    fn search_near_the_ends_of_chrono_range() {
        let max = NaiveDate::MAX;
        let min = NaiveDate::MIN;
        assert_eq!(next_on_or_after(&Pattern::DayOfMonth { day: 1 }, max), None);
        assert_eq!(next_on_or_after(&Pattern::LastDayOfMonth, max), Some(max));
        assert_eq!(previous_on_or_before(&Pattern::LastDayOfMonth, min), None);
        assert_eq!(
            previous_on_or_before(&Pattern::DayOfMonth { day: 1 }, min),
            Some(min)
        );
        assert_eq!(
            previous_on_or_before(&Pattern::DayOfMonth { day: 1 }, max),
            Some(ymd(max.year(), 12, 1))
        );
    }

    #[test]
    fn invalid_patterns() {
        let bad = [
            Pattern::DayOfYear { month: 4, day: 31 },
            Pattern::DayOfYear { month: 2, day: 30 },
            Pattern::DayOfYear { month: 13, day: 1 },
            Pattern::DayOfYear { month: 0, day: 1 },
            Pattern::DayOfYear { month: 1, day: 0 },
            Pattern::DayOfMonth { day: 0 },
            Pattern::DayOfMonth { day: 32 },
            nth(0, Weekday::Mon, None),
            nth(6, Weekday::Mon, None),
            nth(1, Weekday::Mon, Some(vec![])),
            nth(1, Weekday::Mon, Some(vec![1, 13])),
            nth(1, Weekday::Mon, Some(vec![0])),
        ];
        for p in &bad {
            assert!(p.validate().is_err(), "{p:?} should be invalid");
        }
        // Invalid patterns that can never match are found nowhere.
        for p in [
            Pattern::DayOfYear { month: 13, day: 1 },
            Pattern::DayOfMonth { day: 0 },
            nth(6, Weekday::Mon, None),
            nth(1, Weekday::Mon, Some(vec![])),
        ] {
            assert_eq!(next_on_or_after(&p, ymd(2024, 1, 1)), None);
            assert_eq!(previous_on_or_before(&p, ymd(2024, 1, 1)), None);
            assert_eq!(in_year_of(&p, ymd(2024, 1, 1)), None);
        }
        let good = [
            Pattern::DayOfYear { month: 2, day: 29 },
            Pattern::DayOfYear { month: 12, day: 31 },
            Pattern::DayOfMonth { day: 31 },
            Pattern::LastDayOfMonth,
            nth(5, Weekday::Sun, Some(vec![1, 12])),
            postgres(),
        ];
        for p in &good {
            assert_eq!(p.validate(), Ok(()), "{p:?} should be valid");
        }
        assert_eq!(
            Pattern::DayOfYear { month: 4, day: 31 }.validate(),
            Err("day 31 is not between 1 and 30 (april)".to_string())
        );
    }

    #[test]
    fn names() {
        assert_eq!(month_from_name("march"), Some(3));
        assert_eq!(month_from_name("Mar"), Some(3));
        assert_eq!(month_from_name("MAR"), Some(3));
        assert_eq!(month_from_name("September"), Some(9));
        assert_eq!(month_from_name("sep"), Some(9));
        assert_eq!(month_from_name("may"), Some(5));
        assert_eq!(month_from_name("sept"), None);
        assert_eq!(month_from_name("marc"), None);
        assert_eq!(month_from_name("ma"), None);
        assert_eq!(month_from_name(""), None);
        assert_eq!(month_from_name("é1"), None);
        assert_eq!(weekday_from_name("tuesday"), Some(Weekday::Tue));
        assert_eq!(weekday_from_name("Tue"), Some(Weekday::Tue));
        assert_eq!(weekday_from_name("SUNDAY"), Some(Weekday::Sun));
        assert_eq!(weekday_from_name("thu"), Some(Weekday::Thu));
        assert_eq!(weekday_from_name("thurs"), None);
        assert_eq!(weekday_from_name("x"), None);
        for (i, name) in MONTH_NAMES.iter().enumerate() {
            let number = u32::try_from(i + 1).unwrap();
            assert_eq!(month_from_name(name), Some(number));
            assert_eq!(month_name(number), Some(*name));
        }
        assert_eq!(month_name(0), None);
        assert_eq!(month_name(13), None);
        for (name, weekday) in WEEKDAY_NAMES.iter().zip(WEEKDAYS) {
            assert_eq!(weekday_from_name(name), Some(weekday));
            assert_eq!(weekday_name(weekday), *name);
        }
    }

    // ---- properties ----------------------------------------------------------

    /// Independent (and deliberately naive) definition of `Pattern::matches`.
    fn naive_matches(p: &Pattern, d: NaiveDate) -> bool {
        let is_last_day = !matches!(d.succ_opt(), Some(next) if next.month() == d.month());
        match p {
            Pattern::DayOfYear { month, day } => {
                d.month() == *month && (d.day() == *day || (is_last_day && *day > d.day()))
            }
            Pattern::DayOfMonth { day } => d.day() == *day || (is_last_day && *day > d.day()),
            Pattern::LastDayOfMonth => is_last_day,
            Pattern::NthWeekday {
                ordinal,
                weekday,
                months,
            } => {
                if months.as_ref().is_some_and(|ms| !ms.contains(&d.month())) {
                    return false;
                }
                if d.weekday() != *weekday {
                    return false;
                }
                // Count this weekday's occurrences in the month up to d.
                let mut count = 0u8;
                let mut day = d.with_day(1).unwrap();
                while day <= d {
                    if day.weekday() == *weekday {
                        count += 1;
                    }
                    day = day.succ_opt().unwrap();
                }
                match ordinal {
                    Ordinal::Nth(n) => count == *n,
                    Ordinal::Last => (d + Days::new(7)).month() != d.month(),
                }
            }
        }
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let lo = NaiveDate::MIN.num_days_from_ce();
        let hi = NaiveDate::MAX.num_days_from_ce();
        (lo..=hi).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    fn modern_date() -> impl Strategy<Value = NaiveDate> {
        let lo = ymd(1600, 1, 1).num_days_from_ce();
        let hi = ymd(2400, 12, 31).num_days_from_ce();
        (lo..=hi).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    fn weekday() -> impl Strategy<Value = Weekday> {
        (0usize..7).prop_map(|i| WEEKDAYS[i])
    }

    fn pattern() -> impl Strategy<Value = Pattern> {
        prop_oneof![
            (1u32..=12)
                .prop_flat_map(|month| (Just(month), 1..=max_days_in_month(month).unwrap()))
                .prop_map(|(month, day)| Pattern::DayOfYear { month, day }),
            (1u32..=31).prop_map(|day| Pattern::DayOfMonth { day }),
            Just(Pattern::LastDayOfMonth),
            (
                prop_oneof![(1u8..=5).prop_map(Ordinal::Nth), Just(Ordinal::Last)],
                weekday(),
                proptest::option::of(proptest::collection::vec(1u32..=12, 1..4)),
            )
                .prop_map(|(ordinal, weekday, months)| Pattern::NthWeekday {
                    ordinal,
                    weekday,
                    months,
                }),
        ]
    }

    const BRUTE_FORCE_DAYS: i64 = 1000;

    proptest! {
        #[test]
        fn add_months_clamps_day(d in any_date(), n in -100_000i64..100_000) {
            if let Some(r) = add(d, n, Unit::Month) {
                let (y, m) = shift_month(d.year(), d.month(), n).unwrap();
                prop_assert_eq!((r.year(), r.month()), (y, m));
                prop_assert_eq!(r.day(), d.day().min(days_in_month(y, m).unwrap()));
            }
        }

        #[test]
        fn add_never_fails_for_modern_dates(d in modern_date(), n in -10_000i64..10_000) {
            for unit in [Unit::Day, Unit::Week, Unit::Month, Unit::Year] {
                prop_assert!(add(d, n, unit).is_some());
            }
        }

        #[test]
        fn twelve_months_is_a_year(d in any_date(), n in -10_000i64..10_000) {
            prop_assert_eq!(add(d, 12 * n, Unit::Month), add(d, n, Unit::Year));
        }

        #[test]
        fn week_is_seven_days(d in any_date(), n in -1_000_000i64..1_000_000) {
            prop_assert_eq!(add(d, n, Unit::Week), add(d, 7 * n, Unit::Day));
        }

        #[test]
        fn days_round_trip(d in any_date(), n in -1_000_000i64..1_000_000) {
            if let Some(r) = add(d, n, Unit::Day) {
                prop_assert_eq!(r.signed_duration_since(d).num_days(), n);
                prop_assert_eq!(add(r, -n, Unit::Day), Some(d));
            }
        }

        #[test]
        fn months_there_and_back_lands_on_or_before(d in modern_date(), n in -10_000i64..10_000) {
            let there = add(d, n, Unit::Month).unwrap();
            let back = add(there, -n, Unit::Month).unwrap();
            prop_assert_eq!((back.year(), back.month()), (d.year(), d.month()));
            prop_assert!(back <= d);
        }

        #[test]
        fn period_boundaries(d in any_date()) {
            let som = start_of_month(d);
            let eom = end_of_month(d);
            prop_assert!(som <= d && d <= eom);
            prop_assert_eq!(som.day(), 1);
            prop_assert_eq!((som.year(), som.month()), (d.year(), d.month()));
            prop_assert_eq!((eom.year(), eom.month()), (d.year(), d.month()));
            if let Some(next) = add(eom, 1, Unit::Day) {
                prop_assert_eq!(next.day(), 1);
            }
            let soq = start_of_quarter(d);
            let eoq = end_of_quarter(d);
            prop_assert!(soq <= d && d <= eoq);
            prop_assert!([1, 4, 7, 10].contains(&soq.month()) && soq.day() == 1);
            if let Some(next) = add(eoq, 1, Unit::Day) {
                prop_assert_eq!(start_of_quarter(next), next);
                prop_assert_eq!(add(soq, 3, Unit::Month), Some(next));
            }
            prop_assert_eq!(start_of_year(d), ymd(d.year(), 1, 1));
            prop_assert_eq!(end_of_year(d), ymd(d.year(), 12, 31));
        }

        #[test]
        fn matches_agrees_with_naive_definition(p in pattern(), d in modern_date()) {
            prop_assert_eq!(p.matches(d), naive_matches(&p, d));
        }

        #[test]
        fn generated_patterns_are_valid(p in pattern()) {
            prop_assert_eq!(p.validate(), Ok(()));
        }

        #[test]
        fn next_is_the_first_match(p in pattern(), d in modern_date()) {
            let next = next_on_or_after(&p, d);
            prop_assert!(next.is_some(), "valid pattern {:?} never occurs after {}", p, d);
            let next = next.unwrap();
            prop_assert!(next >= d);
            prop_assert!(p.matches(next));
            prop_assert!(naive_matches(&p, next));
            if next.signed_duration_since(d).num_days() <= BRUTE_FORCE_DAYS {
                for day in d.iter_days().take_while(|x| *x < next) {
                    prop_assert!(!naive_matches(&p, day), "{} matches before {}", day, next);
                }
            }
        }

        #[test]
        fn previous_is_the_last_match(p in pattern(), d in modern_date()) {
            let prev = previous_on_or_before(&p, d);
            prop_assert!(prev.is_some(), "valid pattern {:?} never occurs before {}", p, d);
            let prev = prev.unwrap();
            prop_assert!(prev <= d);
            prop_assert!(p.matches(prev));
            prop_assert!(naive_matches(&p, prev));
            if d.signed_duration_since(prev).num_days() <= BRUTE_FORCE_DAYS {
                for day in prev.iter_days().skip(1).take_while(|x| *x <= d) {
                    prop_assert!(!naive_matches(&p, day), "{} matches after {}", day, prev);
                }
            }
        }

        #[test]
        fn in_year_of_is_first_in_year(p in pattern(), d in modern_date()) {
            let first = next_on_or_after(&p, start_of_year(d)).filter(|x| x.year() == d.year());
            prop_assert_eq!(in_year_of(&p, d), first);
        }
    }
}
