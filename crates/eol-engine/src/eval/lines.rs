//! The lines of a product: releases grouped by line, each line's first ship, latest
//! and final release, the lines in order (with the numbers `order lines by number`
//! counts), undated lines projected, `last of COMPONENT` marked.

use std::collections::HashMap;

use chrono::NaiveDate;
use eol_syntax::{Code, Diagnostic};

use crate::catalog::{AttrValue, Release};
use crate::model::*;
use crate::version::Version;

use super::expr::{in_calendar, out_of_range, shift};
use super::project::{numbering, same_head};
use super::value::release_kind;
use super::{Origin, ValueKind};

/// Where a line's first ship date comes from.
#[derive(Clone, Copy, Debug)]
pub(super) enum FirstShipSource {
    /// the date of this release (index into the releases)
    Release(usize),
    /// the line has no dated release: projected from line `base` plus `steps` line cadences
    Projected { base: usize, steps: usize },
}

pub(super) struct Line {
    pub(super) name: String,
    pub(super) version: Option<Version>,
    pub(super) releases: Vec<usize>,
    pub(super) first_ship: Option<(NaiveDate, ValueKind, FirstShipSource)>,
    pub(super) latest: Option<usize>,
    pub(super) final_release: Option<usize>,
    pub(super) attributes: LineAttributes,
    pub(super) kind: Option<crate::catalog::Text>,
    /// per version component: no newer line shares this line's components up to
    /// it, and a newer line exists (`last of COMPONENT`)
    pub(super) last_of: Vec<bool>,
    /// a number the catalog lacks between two of its lines (`order lines by number`):
    /// counted by `newer`/`older`, not reported
    pub(super) missing: bool,
}

impl Line {
    /// A line with this name and nothing known about it yet.
    pub(super) fn new(name: String, policy: &Policy) -> Line {
        Line {
            version: Version::parse(&name, &policy.prerelease),
            name,
            releases: Vec::new(),
            first_ship: None,
            latest: None,
            final_release: None,
            attributes: LineAttributes::default(),
            kind: None,
            last_of: Vec::new(),
            missing: false,
        }
    }
}

/// The values of the policy's attributes on a line, by the attribute's index: a line has
/// one or two, set once each and read by every condition on the line; a few entries
/// searched in order, not a hash map (a lookup per row while grouping).
#[derive(Default)]
pub(super) struct LineAttributes(Vec<(usize, AttrValue)>);

impl LineAttributes {
    pub(super) fn get(&self, attr: &usize) -> Option<&AttrValue> {
        self.0.iter().find(|(a, _)| a == attr).map(|(_, v)| v)
    }

    /// Sets `attr` (not set yet: [`line_attributes`] keeps the first value).
    fn insert(&mut self, attr: usize, value: AttrValue) {
        match self.0.iter_mut().find(|(a, _)| *a == attr) {
            Some((_, v)) => *v = value,
            None => self.0.push((attr, value)),
        }
    }
}

/// Read each release's line and group.
pub(super) fn group(
    policy: &Policy,
    releases: &[&Release],
    at: NaiveDate,
    diags: &mut Vec<(Origin, Diagnostic)>,
) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    // Keys borrow the catalog's text; only names with capitals are lowercased.
    let mut by_name: foldhash::HashMap<std::borrow::Cow<'_, str>, usize> = foldhash::HashMap::default();
    let mut seen_versions: foldhash::HashMap<(usize, &str), usize> =
        HashMap::with_capacity_and_hasher(releases.len(), Default::default());
    // The line of each release (`u32::MAX`: none, or a repeated version), and how many
    // releases each line has.
    let mut line_of: Vec<u32> = vec![u32::MAX; releases.len()];
    let mut counts: Vec<usize> = Vec::new();
    // The rows of a line usually follow each other: a row named as the row before is in
    // its line without a lookup.
    let mut last: Option<(&str, usize)> = None;
    for (ri, r) in releases.iter().enumerate() {
        let Some(name) = line_name(policy, ri, r, diags) else {
            continue;
        };
        let li = match last {
            Some((last_name, li)) if last_name == name => li,
            _ => {
                let key: std::borrow::Cow<'_, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                    name.to_ascii_lowercase().into()
                } else {
                    name.into()
                };
                match by_name.get(&key) {
                    Some(i) => *i,
                    None => {
                        let i = lines.len();
                        by_name.insert(key, i);
                        lines.push(Line::new(name.to_owned(), policy));
                        counts.push(0);
                        i
                    }
                }
            }
        };
        last = Some((name, li));
        // One hash of the key: the first row of a version is recorded as it is looked up.
        let first = match seen_versions.entry((li, r.version.trim())) {
            std::collections::hash_map::Entry::Occupied(seen) => Some(*seen.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(ri);
                None
            }
        };
        if let Some(first) = first {
            let first_span = releases.get(first).map_or(r.span, |f| f.version_span).span();
            diags.push((
                Origin::Release {
                    row: ri,
                    related: Some(first),
                },
                Diagnostic::error(
                    Code::DuplicateRelease,
                    format!(
                        "version `{}` appears twice in line `{}`",
                        r.version,
                        lines.get(li).map_or("", |l| l.name.as_str())
                    ),
                    r.version_span.span(),
                    "again here",
                )
                .with_related(first_span, "first here")
                .with_help("remove one of the two rows"),
            ));
            continue;
        }
        let Some(line) = lines.get_mut(li) else { continue };
        if let (Some(slot), Ok(li)) = (line_of.get_mut(ri), u32::try_from(li)) {
            *slot = li;
        }
        if let Some(count) = counts.get_mut(li) {
            *count += 1;
        }
        line_attributes(policy, ri, r, line, diags);
        if r.is_final {
            line.final_release = Some(ri);
        }
    }
    // Each line's releases, in file order, in a vector of exactly their number (not grown
    // one push at a time: a product of a thousand rows has a hundred lines).
    for (line, count) in lines.iter_mut().zip(&counts) {
        line.releases = Vec::with_capacity(*count);
    }
    for (ri, li) in line_of.iter().enumerate() {
        if let Some(line) = lines.get_mut(*li as usize) {
            line.releases.push(ri);
        }
    }
    // First ship, latest, kind; releases in version order. The other names that are numbers
    // (`alias line 8 "1.8"`), by line once, not a pass over every `alias line` per line.
    let mut numbered: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in &policy.line_aliases {
        if a.name.starts_with(|c: char| c.is_ascii_digit()) {
            numbered.entry(a.line.as_str()).or_default().push(a.name.as_str());
        }
    }
    for line in &mut lines {
        let other_names = numbered.get(line.name.as_str()).map_or(&[][..], Vec::as_slice);
        line_dates(policy, releases, at, line, other_names, diags);
    }
    lines
}

/// The line a release belongs to: its explicit `line`, else the first components of its
/// version; None (reported) when the version has too few.
fn line_name<'r>(
    policy: &Policy,
    ri: usize,
    r: &'r Release,
    diags: &mut Vec<(Origin, Diagnostic)>,
) -> Option<&'r str> {
    let name: &str = match &r.line {
        Some(l) => l.trim(),
        None => match line_prefix(&r.version, policy.line_len) {
            Some(p) => p,
            None => {
                diags.push((
                    Origin::Release {
                        row: ri,
                        related: None,
                    },
                    Diagnostic::error(
                        Code::VersionMismatch,
                        format!(
                            "version `{}` has no line: `line {}` of policy `{}` needs {} dot-separated component{}",
                            r.version,
                            policy.components.iter().take(policy.line_len).cloned().collect::<Vec<_>>().join("."),
                            policy.id,
                            policy.line_len,
                            if policy.line_len == 1 { "" } else { "s" }
                        ),
                        r.version_span.span(),
                        format!(
                            "needs at least {} dot-separated component{}",
                            policy.line_len,
                            if policy.line_len == 1 { "" } else { "s" }
                        ),
                    )
                    .with_help("fix the version, or give the row an explicit `line`"),
                ));
                return None;
            }
        },
    };
    Some(name)
}

/// Record the release's values of the policy's attributes on its line: a value of the
/// wrong type, or different from an earlier row's, is reported.
fn line_attributes(
    policy: &Policy,
    ri: usize,
    r: &Release,
    line: &mut Line,
    diags: &mut Vec<(Origin, Diagnostic)>,
) {
    for (ai, decl) in policy.attributes.iter().enumerate() {
        if let Some(v) = r.attributes.get(&decl.name) {
            // A CSV cell has no type: digits are a number where the policy declares one.
            let number = match (v, decl.ty) {
                (AttrValue::Text(t), AttrType::Number) => whole_number(t).map(AttrValue::Number),
                _ => None,
            };
            let v = number.as_ref().unwrap_or(v);
            let fits = matches!(
                (v, decl.ty),
                (AttrValue::Bool(_), AttrType::Bool)
                    | (AttrValue::Text(_), AttrType::Text)
                    | (AttrValue::Date(_), AttrType::Date)
                    | (AttrValue::Number(_), AttrType::Number)
            );
            let span = r.attributes.span(&decl.name).unwrap_or(r.span.span());
            if !fits {
                diags.push((
                    Origin::Release {
                        row: ri,
                        related: None,
                    },
                    Diagnostic::error(
                        Code::AttributeType,
                        format!(
                            "attribute `{}` is {}, but the policy declares it {}",
                            decl.name,
                            v.type_name(),
                            attr_type_name(decl.ty)
                        ),
                        span,
                        "wrong type",
                    )
                    .with_help(if decl.ty == AttrType::Number {
                        "a number attribute's value is a whole number (`4`, `-1`) up to 19 digits; fix the value, or the attribute's type in the rule file"
                    } else {
                        "fix the value, or the attribute's type in the rule file"
                    }),
                ));
                continue;
            }
            match line.attributes.get(&ai) {
                Some(prev) if prev != v => diags.push((
                    Origin::Release { row: ri, related: None },
                    Diagnostic::warning(Code::ConflictingAttribute, format!("line `{}` has two values of `{}`: `{prev}` and `{v}`", line.name, decl.name), span, "differs from an earlier row")
                        .with_help("a line-level attribute should be the same on every row of the line; the first value is used"),
                )),
                Some(_) => {}
                None => {
                    line.attributes.insert(ai, v.clone());
                }
            }
        }
    }
}

/// `42`, `-3`: a whole number written as text (no sign `+`, no spaces, no decimals).
fn whole_number(t: &str) -> Option<i64> {
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// A line's releases in version order, its first ship, latest release and kind; rows
/// dated before the line's first release are reported.
fn line_dates(
    policy: &Policy,
    releases: &[&Release],
    at: NaiveDate,
    line: &mut Line,
    other_names: &[&str],
    diags: &mut Vec<(Origin, Diagnostic)>,
) {
    // a version written under another name of the line that is a number (`alias line 8
    // "1.8"`: Java's `1.8.0_472` is 8 update 472) is ordered as written under the line's own
    let name = line.name.clone();
    let under = |v: &'_ str, prefix: &str| {
        v.strip_prefix(prefix)
            .filter(|rest| rest.is_empty() || rest.starts_with('.'))
            .map(str::to_owned)
    };
    let in_line = |v: &str| -> String {
        // a version written under the line's own name stays as it is
        if under(v, &name).is_some() {
            return v.to_owned();
        }
        match other_names.iter().find_map(|a| under(v, a)) {
            Some(rest) => format!("{name}{rest}"),
            None => v.to_owned(),
        }
    };
    line.releases
        .sort_by(|&a, &b| match (releases.get(a), releases.get(b)) {
            (Some(x), Some(y)) if other_names.is_empty() => {
                crate::version::compare_text(&x.version, &y.version, &policy.prerelease)
            }
            (Some(x), Some(y)) => {
                crate::version::compare_text(&in_line(&x.version), &in_line(&y.version), &policy.prerelease)
            }
            _ => std::cmp::Ordering::Equal,
        });
    let mut first: Option<(NaiveDate, ValueKind, FirstShipSource)> = None;
    let mut latest: Option<(NaiveDate, usize)> = None;
    for &ri in &line.releases {
        let Some(r) = releases.get(ri) else { continue };
        let Some(d) = r.date.earliest() else { continue };
        let kind = release_kind(&r.date, d, at);
        // The earliest day; on a tie, the surer reading of it (a row dated exactly
        // 1 March makes the day exact, whatever a row dated "March" says).
        if first.is_none_or(|(fd, fk, _)| d < fd || (d == fd && kind < fk)) {
            first = Some((d, kind, FirstShipSource::Release(ri)));
        }
        // The newest release shipped by `at`; planned ones only when none has shipped.
        let better = match latest {
            None => true,
            Some((ld, _)) => {
                let (shipped, lshipped) = (d <= at, ld <= at);
                (shipped && !lshipped) || (shipped == lshipped && if shipped { d >= ld } else { d < ld })
            }
        };
        if better {
            latest = Some((d, ri));
        }
    }
    line.first_ship = first;
    // With no dated release, the newest known one (by version), date unknown.
    line.latest = latest.map(|(_, ri)| ri).or_else(|| line.releases.last().copied());
    // The opening release: the one the catalog marks `kind = first` (as `eol import` writes
    // it), else the lowest version. Rows dated before it look wrong.
    let marked_first = line.releases.iter().copied().find(|&ri| {
        releases
            .get(ri)
            .and_then(|r| r.kind.as_deref())
            .is_some_and(|k| k.trim().eq_ignore_ascii_case("first"))
    });
    if let Some(open) = marked_first.or_else(|| line.releases.first().copied()) {
        if let Some(r) = releases.get(open) {
            line.kind = r.kind.clone();
            if let Some(od) = r.date.earliest().filter(|_| r.date.is_exact()) {
                for &ri in line.releases.iter().filter(|&&ri| ri != open) {
                    if let Some(other) = releases.get(ri) {
                        if let Some(d) = other.date.latest().filter(|d| *d < od) {
                            diags.push((
                                Origin::Release { row: ri, related: Some(open) },
                                Diagnostic::warning(
                                    Code::ReleaseBeforeFirstShip,
                                    format!("release `{}` ({d}) is dated before `{}` ({od}), the first release of line `{}`", other.version, r.version, line.name),
                                    other.date_span.span(),
                                    "earlier than the line's first release",
                                )
                                .with_related(r.date_span.span(), "first release of the line")
                                .with_help("check both dates; the line's first ship date is taken as the earliest date"),
                            ));
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn attr_type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Bool => "true/false",
        AttrType::Text => "text",
        AttrType::Date => "a date",
        AttrType::Number => "a number",
    }
}

/// The first `n` dot-separated components of a version's core, as written.
pub fn line_prefix(version: &str, n: usize) -> Option<&str> {
    let v = version.trim();
    if n == 0 {
        return None;
    }
    // One pass over the bytes: the core ends at the first `-`, `+`, `_` or space; every
    // component up to the n-th must be a non-empty run of ASCII letters and digits.
    let mut part_start = 0;
    let mut count = 0;
    for (i, &c) in v.as_bytes().iter().enumerate() {
        match c {
            b'.' | b'-' | b'+' | b'_' | b' ' => {
                if i == part_start {
                    return None;
                }
                count += 1;
                if count == n {
                    return v.get(..i);
                }
                if c != b'.' {
                    return None;
                }
                part_start = i + 1;
            }
            c if c.is_ascii_alphanumeric() => {}
            _ => return None,
        }
    }
    if v.len() == part_start {
        return None;
    }
    if count + 1 == n {
        Some(v)
    } else {
        None
    }
}

pub(super) fn order(policy: &Policy, lines: &mut [Line]) {
    match policy.order {
        LineOrder::Version | LineOrder::Number => {
            lines.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.name.cmp(&b.name)))
        }
        LineOrder::FirstShip => lines.sort_by(|a, b| {
            let da = a.first_ship.map(|f| f.0);
            let db = b.first_ship.map(|f| f.0);
            // Undated lines last, then by version.
            da.is_none()
                .cmp(&db.is_none())
                .then(da.cmp(&db))
                .then_with(|| a.version.cmp(&b.version))
        }),
    }
}

/// Whether two names are the same text but for letter case and leading zeros of numbers.
pub(super) fn written_two_ways(a: &str, b: &str) -> bool {
    fn pieces(s: &str) -> impl Iterator<Item = String> + '_ {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digits = first.is_ascii_digit();
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digits)
                .unwrap_or(rest.len());
            let (piece, tail) = rest.split_at(end);
            rest = tail;
            Some(if digits {
                let t = piece.trim_start_matches('0');
                if t.is_empty() {
                    "0".to_owned()
                } else {
                    t.to_owned()
                }
            } else {
                piece.to_ascii_lowercase()
            })
        })
    }
    pieces(a).eq(pieces(b))
}

/// Lines whose names differ but whose versions are equal (`1.0` and `1.00` under
/// `line major.minor`): two lines of one version, whose order is only their names'.
/// Only names that differ in letter case or leading zeros are the same version written
/// two ways: `galaxy-s9` and `galaxy-s9+` compare equal (punctuation in a suffix does not
/// count) but are two models. Lines ordered by first ship are not ordered by version.
pub(super) fn equivalent_lines(
    policy: &Policy,
    lines: &[Line],
    releases: &[&Release],
    diags: &mut Vec<(Origin, Diagnostic)>,
) {
    if policy.order == LineOrder::FirstShip {
        return;
    }
    let mut by_version: Vec<(&Version, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.version.as_ref().map(|v| (v, i)))
        .collect();
    by_version.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    for pair in by_version.windows(2) {
        let [(va, a), (vb, b)] = pair else { continue };
        if va != vb {
            continue;
        }
        let (Some(first), Some(second)) = (lines.get(*a), lines.get(*b)) else {
            continue;
        };
        if !written_two_ways(&first.name, &second.name) {
            continue;
        }
        let (Some(&ra), Some(&rb)) = (first.releases.first(), second.releases.first()) else {
            continue;
        };
        let (Some(rel_a), Some(rel_b)) = (releases.get(ra), releases.get(rb)) else {
            continue;
        };
        let span_of = |r: &Release| {
            if r.line.is_some() {
                r.span.span()
            } else {
                r.version_span.span()
            }
        };
        diags.push((
            Origin::Release {
                row: rb,
                related: Some(ra),
            },
            Diagnostic::warning(
                Code::EquivalentLines,
                format!(
                    "lines `{}` and `{}` are the same version written two ways",
                    first.name, second.name
                ),
                span_of(rel_b),
                format!("line `{}`", second.name),
            )
            .with_related(span_of(rel_a), format!("line `{}`", first.name))
            .with_help("write the version the same way on every row (or give the rows an explicit `line`); as it is, they are two lines, ordered by their names"),
        ));
    }
}

/// Gaps wider than this many numbers are not filled by `order lines by number`.
pub(super) const MAX_FILLED_GAP: u64 = 100;

/// `order lines by number`: between two lines (in order) whose versions share every
/// component but the last, each number missing in the last component is a line the
/// catalog lacks (5.2 between 5.1 and 5.3). Such lines are added, undated and marked
/// `missing`: `newer`/`older` count them, and their first ship is projected like any
/// undated line's. Gaps of more than [`MAX_FILLED_GAP`] numbers are left alone.
pub(super) fn fill_numbering_gaps(policy: &Policy, lines: &mut Vec<Line>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut prev: Option<((String, u64, usize), Version)> = None;
    for line in lines.drain(..) {
        let this = line
            .version
            .as_ref()
            .and_then(|v| Some((numbering(v)?, v.clone())));
        if let (Some(((head, before, width), pv)), Some(((_, n, _), v))) = (&prev, &this) {
            let gap = n.saturating_sub(before.saturating_add(1));
            if same_head(pv, v) && gap > 0 && gap <= MAX_FILLED_GAP {
                for k in before + 1..*n {
                    let name = if head.is_empty() {
                        format!("{k:0width$}")
                    } else {
                        format!("{head}.{k:0width$}")
                    };
                    let mut missing = Line::new(name, policy);
                    missing.missing = true;
                    out.push(missing);
                }
            }
        }
        // a line not numbered plainly (`2-lts`) does not end a gap: 3 is missing
        // between 2 and 4 whatever stands between them
        if this.is_some() {
            prev = this;
        }
        out.push(line);
    }
    *lines = out;
}

/// A line known to exist without any dated release gets its first ship projected
/// from the nearest earlier dated line and the line cadence (estimated); without a
/// cadence it stays unknown.
pub(super) fn project_undated(policy: &Policy, lines: &mut [Line], diags: &mut Vec<(Origin, Diagnostic)>) {
    let Some(cadence) = policy.line_cadence() else {
        return;
    };
    let mut reported = false;
    let mut base: Option<(usize, NaiveDate)> = None;
    for i in 0..lines.len() {
        let Some(line) = lines.get_mut(i) else { continue };
        match line.first_ship {
            Some((d, _, FirstShipSource::Release(_))) => base = Some((i, d)),
            Some(_) => {}
            None => {
                if let Some((b, bd)) = base {
                    let steps = i - b;
                    let date = (0..steps)
                        .try_fold(bd, |d, _| shift(d, cadence))
                        .filter(|d| in_calendar(*d));
                    if date.is_none() && !reported {
                        reported = true;
                        let span = policy
                            .cadences
                            .iter()
                            .find(|c| c.kind == "line")
                            .map_or(policy.span, |c| c.span);
                        diags.push((Origin::Rules, out_of_range(span)));
                    }
                    if let Some(date) = date {
                        line.first_ship = Some((
                            date,
                            ValueKind::Estimated,
                            FirstShipSource::Projected { base: b, steps },
                        ));
                    }
                }
            }
        }
    }
}

/// For `last of COMPONENT`: walk the ordered lines newest first, remembering the
/// component prefixes seen; a line is the last of its prefix when no newer line had
/// it and some newer line exists.
pub(super) fn mark_last_of(policy: &Policy, lines: &mut [Line]) {
    let n = lines.len();
    let width = policy.components.len();
    let mut flags: Vec<Vec<bool>> = vec![vec![false; width]; n];
    {
        // Keys borrow the lines' parsed versions: no text is built per line.
        let mut seen: std::collections::HashSet<&[crate::version::Component]> =
            std::collections::HashSet::with_capacity(n);
        for c in 0..width {
            seen.clear();
            for (i, line) in lines.iter().enumerate().rev() {
                let Some(key) = line
                    .version
                    .as_ref()
                    .filter(|v| v.core.len() > c)
                    .and_then(|v| v.core.get(..=c))
                else {
                    continue;
                };
                let newer_exists = i + 1 < n;
                if let Some(flag) = flags.get_mut(i).and_then(|f| f.get_mut(c)) {
                    *flag = newer_exists && !seen.contains(key);
                }
                seen.insert(key);
            }
        }
    }
    for (line, f) in lines.iter_mut().zip(flags) {
        line.last_of = f;
    }
}

#[cfg(test)]
mod tests {
    use super::line_prefix;

    /// The reading `line_prefix` replaced (split the core, check every part up to the
    /// n-th): the one-pass version must agree with it on any text.
    fn reference(version: &str, n: usize) -> Option<&str> {
        let v = version.trim();
        let core = v.get(..v.find(['-', '+', '_', ' ']).unwrap_or(v.len()))?;
        if core.is_empty() || n == 0 {
            return None;
        }
        let (mut end, mut count) = (0, 0);
        for (i, part) in core.split('.').enumerate() {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            end += part.len() + usize::from(i > 0);
            count += 1;
            if count == n {
                return core.get(..end);
            }
        }
        None
    }

    #[test]
    fn line_prefix_on_known_versions() {
        assert_eq!(line_prefix("22.04.3", 2), Some("22.04"));
        assert_eq!(line_prefix(" 7.4.13-u92 ", 2), Some("7.4"));
        assert_eq!(line_prefix("8", 2), None);
        assert_eq!(line_prefix("8.", 1), Some("8"));
        assert_eq!(line_prefix("8..1", 2), None);
        assert_eq!(line_prefix("6.2 GA1", 2), Some("6.2"));
        assert_eq!(line_prefix("2025.q1.0-lts", 2), Some("2025.q1"));
        assert_eq!(line_prefix("1.é.2", 2), None);
        assert_eq!(line_prefix("", 1), None);
        assert_eq!(line_prefix("8", 0), None);
    }

    proptest::proptest! {
        #[test]
        fn line_prefix_agrees_with_the_reference(v in "[0-9a-zé. +_\\-]{0,10}", n in 0usize..4) {
            proptest::prop_assert_eq!(line_prefix(&v, n), reference(&v, n), "{:?} {}", v, n);
        }
    }
}
