//! Version comparison for the reference model, from docs/language.md ("Versions and
//! release lines") alone: "digit runs numerically, letters case-insensitively, a
//! number before text, a missing component first; anything after the first `-`, `+`,
//! `_` or space is a suffix, which sorts after the bare version". Numbers compare as
//! digit strings (no integer type), so any length compares right.

use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Run {
    Num(String),
    Text(String),
}

fn cmp_run(a: &Run, b: &Run) -> Ordering {
    match (a, b) {
        (Run::Num(x), Run::Num(y)) => {
            let x = x.trim_start_matches('0');
            let y = y.trim_start_matches('0');
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        }
        (Run::Text(x), Run::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Run::Num(_), Run::Text(_)) => Ordering::Less,
        (Run::Text(_), Run::Num(_)) => Ordering::Greater,
    }
}

fn runs(s: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for c in s.chars() {
        let digit = c.is_ascii_digit();
        match out.last_mut() {
            Some(Run::Num(n)) if digit => n.push(c),
            Some(Run::Text(t)) if !digit => t.push(c),
            _ => out.push(if digit {
                Run::Num(c.to_string())
            } else {
                Run::Text(c.to_string())
            }),
        }
    }
    out
}

fn cmp_runs(a: &[Run], b: &[Run]) -> Ordering {
    for i in 0..a.len().max(b.len()) {
        let o = match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => cmp_run(x, y),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// The core components and the suffix.
pub fn split(v: &str) -> (Vec<String>, Option<String>) {
    let v = v.trim();
    match v.find(['-', '+', '_', ' ']) {
        Some(i) => (
            v.get(..i).unwrap_or("").split('.').map(str::to_owned).collect(),
            Some(v.get(i + 1..).unwrap_or("").to_owned()),
        ),
        None => (v.split('.').map(str::to_owned).collect(), None),
    }
}

/// Compare two versions (no pre-release markers: the generator declares none).
pub fn compare(a: &str, b: &str) -> Ordering {
    let (ac, asuf) = split(a);
    let (bc, bsuf) = split(b);
    for i in 0..ac.len().max(bc.len()) {
        let o = match (ac.get(i), bc.get(i)) {
            (Some(x), Some(y)) => cmp_runs(&runs(x), &runs(y)),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    match (asuf, bsuf) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => cmp_runs(&runs(&x), &runs(&y)),
    }
}

/// Compare one component (as text) with a value: numerically when both are numbers.
pub fn compare_component(a: &str, b: &str) -> Ordering {
    cmp_runs(&runs(a), &runs(b))
}

/// A component's value as a number, when it is a plain number (for `is even`).
pub fn is_even(component: &str) -> Option<bool> {
    if component.is_empty() || !component.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let last = component.chars().last()?;
    Some(matches!(last, '0' | '2' | '4' | '6' | '8'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_orders() {
        assert_eq!(compare("7.4", "7.4.0"), Ordering::Less);
        assert_eq!(compare("7.4.13", "7.4.13-u92"), Ordering::Less);
        assert_eq!(compare("7.4.13-u92", "7.4.14"), Ordering::Less);
        assert_eq!(compare("7.10", "7.9"), Ordering::Greater);
        assert_eq!(
            compare("1.18446744073709551616", "1.99999999999999999999"),
            Ordering::Less
        );
        assert_eq!(compare("2024.Q1", "2024.q1"), Ordering::Equal);
        assert_eq!(compare("2.0", "2.a"), Ordering::Less);
    }
}
