//! Version strings: how they split, how they compare, and which line they belong to.
//!
//! A version is a *core* of dot-separated components, optionally followed by a
//! *suffix* after the first `-`, `+`, `_` or space (`7.4.13-u92`, `6.2 GA1`,
//! `2025.q1.0-lts`). Each component is a run of digits and letters, compared run by
//! run: numbers numerically (of any length: `18446744073709551616` is more than
//! `18446744073709551615`, and `007` is `7`), text case-insensitively, a number before text. A
//! missing component sorts first (`7.4` < `7.4.0`). A suffix sorts after the bare
//! version (`7.4.13` < `7.4.13-u92` < `7.4.14`) unless it starts with a declared
//! pre-release marker, in which case it sorts before (`6.0.0-rc1` < `6.0.0`).

use std::cmp::Ordering;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Run {
    Num(u64),
    /// a number too large for 64 bits: its digits, without leading zeros
    Big(String),
    Text(String),
}

impl Ord for Run {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Run::Num(a), Run::Num(b)) => a.cmp(b),
            // every `Big` is larger than every `Num`; among them, more digits is more
            (Run::Big(a), Run::Big(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
            (Run::Num(_), Run::Big(_)) => Ordering::Less,
            (Run::Big(_), Run::Num(_)) => Ordering::Greater,
            (Run::Text(a), Run::Text(b)) => a.cmp(b),
            (Run::Num(_) | Run::Big(_), Run::Text(_)) => Ordering::Less,
            (Run::Text(_), Run::Num(_) | Run::Big(_)) => Ordering::Greater,
        }
    }
}

impl PartialOrd for Run {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One dot-separated component, as runs of digits and letters.
pub type Component = Vec<Run>;

#[derive(Clone, Debug)]
pub struct Version {
    pub text: String,
    pub core: Vec<Component>,
    /// the source text of each core component
    pub core_text: Vec<String>,
    pub suffix: Vec<Run>,
    pub prerelease: bool,
}

impl Version {
    /// Parse any text; `None` when it has no core component at all.
    pub fn parse(text: &str, prerelease_markers: &[String]) -> Option<Version> {
        let trimmed = text.trim();
        let cut = trimmed.find(['-', '+', '_', ' ']).unwrap_or(trimmed.len());
        let (core_text, suffix_text) = trimmed.split_at(cut);
        let suffix_text = suffix_text.get(1..).unwrap_or("");
        if core_text.is_empty() {
            return None;
        }
        let mut core = Vec::new();
        let mut texts = Vec::new();
        for part in core_text.split('.') {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            core.push(runs(part)?);
            texts.push(part.to_owned());
        }
        let suffix: Vec<Run> = suffix_text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .map(runs)
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        let lower = suffix_text.to_ascii_lowercase();
        let prerelease = !suffix.is_empty()
            && prerelease_markers
                .iter()
                .any(|m| lower.starts_with(&m.to_ascii_lowercase()));
        Some(Version {
            text: text.to_owned(),
            core,
            core_text: texts,
            suffix,
            prerelease,
        })
    }

    /// The first `n` components, as a line version and its name (`7.4` of `7.4.13-u92`).
    pub fn prefix(&self, n: usize) -> Option<Version> {
        if self.core.len() < n || n == 0 {
            return None;
        }
        let core: Vec<Component> = self.core.iter().take(n).cloned().collect();
        let texts: Vec<String> = self.core_text.iter().take(n).cloned().collect();
        Some(Version {
            text: texts.join("."),
            core,
            core_text: texts,
            suffix: Vec::new(),
            prerelease: false,
        })
    }

    /// The numeric value of component `i` when it is a plain number that fits 64 bits.
    pub fn number(&self, i: usize) -> Option<u64> {
        match self.core.get(i)?.as_slice() {
            [Run::Num(n)] => Some(*n),
            _ => None,
        }
    }

    /// Whether component `i` is an even number (of any length); None when it is not
    /// a plain number.
    pub fn is_even(&self, i: usize) -> Option<bool> {
        match self.core.get(i)?.as_slice() {
            [Run::Num(n)] => Some(n % 2 == 0),
            [Run::Big(digits)] => digits.bytes().last().map(|d| (d - b'0') % 2 == 0),
            _ => None,
        }
    }
}

/// The version a package really is when its version says `+really` (or `~really`), as Debian
/// and Ubuntu write a package that went back to an older upstream release: `5.4.5-1` of
/// `5.6.1+really5.4.5-1` (xz-utils' revert of 5.6.1). The text itself otherwise, or when no
/// digit follows `really`.
pub fn really(text: &str) -> &str {
    let bytes = text.as_bytes();
    let at = (1..bytes.len()).find(|&i| {
        matches!(bytes.get(i - 1), Some(b'+' | b'~'))
            && bytes
                .get(i..i + 6)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"really"))
            && bytes.get(i + 6).is_some_and(u8::is_ascii_digit)
    });
    match at {
        Some(i) => text.get(i + 6..).unwrap_or(text),
        None => text,
    }
}

/// Words that mark a pre-release wherever a version writes them after its numbers, whatever
/// the policy declares: `22.0.0-rc.1`, `5.2rc1`, `16~beta1`, `2.0.0-SNAPSHOT`,
/// `v22.0.0-nightly20240101`, `15.0-BETA2`. Each is a whole run of letters; `ea` (Java's
/// early-access builds, `22-ea+27`) only as a whole segment between separators, since hex
/// digits spell it (`-ea12bc`). Not JBoss's `CR` (candidate release, `6.5.0.CR1`): Oracle
/// Database's releases are `12cR1` and `12cR2`; a policy declares it where it is one.
pub const PRERELEASE_WORDS: [&str; 10] = [
    "alpha", "beta", "rc", "pre", "preview", "dev", "snapshot", "nightly", "canary", "ea",
];

/// A version that is a pre-release ([`prerelease_of`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prerelease<'t> {
    /// the release it precedes, the version's numbers before the mark (`5.2` of `5.2rc1`,
    /// `22.0.0` of `v22.0.0-rc.1`)
    pub core: &'t str,
    /// the mark, lower-cased as written (`rc`, `beta`, `a` of Python's `3.13.0a1`)
    pub word: String,
}

/// The pre-release a version text is, when a mark after its numbers says so: one of
/// [`PRERELEASE_WORDS`] or of the policy's declared `prerelease` markers as a whole run of
/// letters anywhere after them, or PEP 440's `a` and `b` (`3.13.0a1`, `5.2b1`) right after
/// numbers of two components or more and followed by a digit. None for text that does not
/// start with a number (after an epoch `1:` and a `v`), or that has no such mark: `1.1.1w`
/// (a letter release), `3.0.6p216` (a patch level), `8u392-b08` (a build), `3.0.11-1~deb12u2`
/// (a distribution's revision), `12cR1` (Oracle Database 12c Release 1). Segments that look
/// like a commit hash (seven or more hex digits, one of them a digit) are skipped.
pub fn prerelease_of<'t>(text: &'t str, markers: &[String]) -> Option<Prerelease<'t>> {
    let mut t = text.trim();
    if let Some((epoch, rest)) = t.split_once(':') {
        if !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) {
            t = rest;
        }
    }
    if let Some(rest) = t.strip_prefix(['v', 'V']) {
        t = rest;
    }
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // the numbers: digits, and dots followed by a digit
    let bytes = t.as_bytes();
    let mut end = 0;
    while let Some(&b) = bytes.get(end) {
        let dot_then_digit = b == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || dot_then_digit {
            end += 1;
        } else {
            break;
        }
    }
    let (core, rest) = t.split_at(end);
    let declared = |w: &str| markers.iter().any(|m| m.eq_ignore_ascii_case(w));
    let found = |word: &str| {
        Some(Prerelease {
            core,
            word: word.to_ascii_lowercase(),
        })
    };
    // PEP 440: `a1`, `b2` right after numbers of two components or more (Apple's builds are
    // `22A380` and `23B74`; Firefox's betas `121.0b3`)
    let lead = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    if let (Some(word @ ("a" | "b" | "A" | "B")), Some(next)) = (rest.get(..lead), rest.get(lead..)) {
        if core.contains('.') && next.starts_with(|c: char| c.is_ascii_digit()) {
            return found(word);
        }
    }
    for segment in rest.split(|c: char| !c.is_ascii_alphanumeric()) {
        let hash = segment.len() >= 7
            && segment.bytes().all(|b| b.is_ascii_hexdigit())
            && segment.bytes().any(|b| b.is_ascii_digit());
        if segment.is_empty() || hash {
            continue;
        }
        if segment.eq_ignore_ascii_case("ea") {
            return found(segment);
        }
        let letters = segment
            .split(|c: char| c.is_ascii_digit())
            .filter(|w| !w.is_empty());
        for w in letters {
            let universal = PRERELEASE_WORDS
                .iter()
                .any(|p| *p != "ea" && p.eq_ignore_ascii_case(w));
            if universal || declared(w) {
                return found(w);
            }
        }
    }
    None
}

/// `release` is `core`'s release or a later one: their numbers compared with trailing zero
/// components dropped (the line's first release `22` is `22.0.0`; `5.2` is `5.2.0`).
pub fn releases_it(release: &Version, core: &Version) -> bool {
    fn trimmed(v: &Version) -> &[Component] {
        let mut n = v.core.len();
        while n > 0 && v.core.get(n - 1).is_some_and(|c| c.as_slice() == [Run::Num(0)]) {
            n -= 1;
        }
        v.core.get(..n).unwrap_or_default()
    }
    trimmed(release) >= trimmed(core)
}

/// Compare two version strings exactly as [`Version::parse`] and [`Version::cmp`]
/// would (text that does not parse sorts first), without allocating: the evaluator
/// sorts every line's releases with it.
pub fn compare_text(a: &str, b: &str, prerelease_markers: &[String]) -> Ordering {
    // Most versions are digits and dots (`8.0.12`): compared without splitting runs.
    if let Some(o) = compare_numeric(a.as_bytes(), b.as_bytes()) {
        return o;
    }
    let (a, b) = (a.trim(), b.trim());
    let (ac, asuf) = split_core(a);
    let (bc, bsuf) = split_core(b);
    match (valid(ac, asuf), valid(bc, bsuf)) {
        (false, false) => return Ordering::Equal,
        (false, true) => return Ordering::Less,
        (true, false) => return Ordering::Greater,
        (true, true) => {}
    }
    let mut ai = ac.split('.');
    let mut bi = bc.split('.');
    loop {
        match (ai.next(), bi.next()) {
            (None, None) => break,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let o = cmp_runs(text_runs(x), text_runs(y));
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
    let pre = |s: &str| {
        !s.is_empty()
            && s.chars().any(|c| c.is_ascii_alphanumeric())
            && prerelease_markers
                .iter()
                .any(|m| s.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m)))
    };
    let (sa, sb) = (
        asuf.chars().any(|c| c.is_ascii_alphanumeric()),
        bsuf.chars().any(|c| c.is_ascii_alphanumeric()),
    );
    match (sa, sb) {
        (false, false) => Ordering::Equal,
        (false, true) => {
            if pre(bsuf) {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (true, false) => {
            if pre(asuf) {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        (true, true) => pre(bsuf)
            .cmp(&pre(asuf))
            .then_with(|| cmp_runs(suffix_runs(asuf), suffix_runs(bsuf))),
    }
}

/// Two versions that are only digits and dots, with no empty component (`8.0.12`), as
/// [`compare_text`] orders them: component by component by value, a missing component
/// first. None when either is not of that shape (the general path decides).
fn compare_numeric(a: &[u8], b: &[u8]) -> Option<Ordering> {
    if !numeric_only(a) || !numeric_only(b) {
        return None;
    }
    let (mut ai, mut bi) = (a.split(|&c| c == b'.'), b.split(|&c| c == b'.'));
    loop {
        match (ai.next(), bi.next()) {
            (None, None) => return Some(Ordering::Equal),
            (None, Some(_)) => return Some(Ordering::Less),
            (Some(_), None) => return Some(Ordering::Greater),
            (Some(x), Some(y)) => {
                let o = cmp_digit_bytes(x, y);
                if o != Ordering::Equal {
                    return Some(o);
                }
            }
        }
    }
}

/// Digits and dots, not empty, no component empty: no trimming or suffix to consider.
fn numeric_only(s: &[u8]) -> bool {
    let mut prev_dot = true;
    for &c in s {
        match c {
            b'0'..=b'9' => prev_dot = false,
            b'.' if !prev_dot => prev_dot = true,
            _ => return false,
        }
    }
    !prev_dot
}

fn cmp_digit_bytes(x: &[u8], y: &[u8]) -> Ordering {
    let skip = |s: &[u8]| s.iter().position(|&c| c != b'0').unwrap_or(s.len());
    let (x, y) = (x.get(skip(x)..).unwrap_or(&[]), y.get(skip(y)..).unwrap_or(&[]));
    x.len().cmp(&y.len()).then_with(|| x.cmp(y))
}

/// The runs of a suffix, across its alphanumeric pieces (`de-97` → `de`, `97`).
fn suffix_runs(s: &str) -> impl Iterator<Item = (bool, &str)> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .flat_map(text_runs)
}

fn split_core(s: &str) -> (&str, &str) {
    let cut = s.find(['-', '+', '_', ' ']).unwrap_or(s.len());
    let (core, rest) = s.split_at(cut);
    (core, rest.get(1..).unwrap_or(""))
}

fn valid(core: &str, _suffix: &str) -> bool {
    !core.is_empty()
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The digit and letter runs of a component: (is_number, text).
fn text_runs(part: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = part;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let digit = first.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((digit, run))
    })
}

fn cmp_runs<'a>(
    mut a: impl Iterator<Item = (bool, &'a str)>,
    mut b: impl Iterator<Item = (bool, &'a str)>,
) -> Ordering {
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some((xd, x)), Some((yd, y))) => {
                let o = match (xd, yd) {
                    (true, true) => cmp_digits(x, y),
                    (false, false) => cmp_ignore_case(x, y),
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// Two digit runs by value, whatever their length: leading zeros aside, the longer
/// is larger, and runs of one length compare digit by digit (as [`Run`] orders them).
fn cmp_digits(x: &str, y: &str) -> Ordering {
    let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
    x.len().cmp(&y.len()).then_with(|| x.cmp(y))
}

fn cmp_ignore_case(x: &str, y: &str) -> Ordering {
    x.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(y.bytes().map(|b| b.to_ascii_lowercase()))
}

fn runs(part: &str) -> Option<Vec<Run>> {
    let mut out = Vec::new();
    let mut rest = part;
    while let Some(first) = rest.chars().next() {
        let digit = first.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        if digit {
            out.push(match run.parse() {
                Ok(n) => Run::Num(n),
                // Too long for 64 bits: compared by its digits.
                Err(_) => Run::Big(run.trim_start_matches('0').to_owned()),
            });
        } else {
            out.push(Run::Text(run.to_ascii_lowercase()));
        }
        rest = tail;
    }
    Some(out)
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.core
            .cmp(&other.core)
            .then_with(|| match (self.suffix.is_empty(), other.suffix.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => {
                    if other.prerelease {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    }
                }
                (false, true) => {
                    if self.prerelease {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    }
                }
                (false, false) => other
                    .prerelease
                    .cmp(&self.prerelease)
                    .then_with(|| self.suffix.cmp(&other.suffix)),
            })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s, &["rc".to_owned(), "beta".to_owned()]).unwrap()
    }

    #[test]
    fn orders_as_documented() {
        let ordered = [
            "6.0.0-beta1",
            "6.0.0-rc1",
            "6.0.0",
            "7.4",
            "7.4.0",
            "7.4.13",
            "7.4.13-u92",
            "7.4.14",
            "2024.q1.3",
            "2024.Q2.0",
            "2024.q10.0",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("2024.Q1"), v("2024.q1"));
    }

    #[test]
    fn line_prefix_keeps_source_text() {
        assert_eq!(v("22.04.3").prefix(2).unwrap().text, "22.04");
        assert_eq!(v("7.4.13-u92").prefix(2).unwrap().text, "7.4");
        assert!(v("8").prefix(2).is_none());
        assert_eq!(v("16").number(0), Some(16));
    }

    proptest::proptest! {
        /// The digits-and-dots fast path decides exactly as parsing would.
        #[test]
        fn numeric_fast_path_agrees_with_parse(a in "[0-9.]{0,10}", b in "[0-9.]{0,10}") {
            let expected = match (Version::parse(&a, &[]), Version::parse(&b, &[])) {
                (Some(x), Some(y)) => x.cmp(&y),
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
            };
            proptest::prop_assert_eq!(compare_text(&a, &b, &[]), expected, "{:?} vs {:?}", a, b);
        }

        #[test]
        fn compare_text_agrees_with_parse(a in "[0-9a-zA-Z.\\- ]{0,12}", b in "[0-9a-zA-Z.\\- ]{0,12}") {
            let markers = ["rc".to_owned(), "beta".to_owned()];
            let expected = match (Version::parse(&a, &markers), Version::parse(&b, &markers)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            proptest::prop_assert_eq!(compare_text(&a, &b, &markers), expected, "{:?} vs {:?}", a, b);
        }
    }

    #[test]
    fn compare_text_on_known_pairs() {
        let markers = ["rc".to_owned()];
        for (a, b) in [
            ("7.4.13", "7.4.13-u92"),
            ("6.0.0-rc1", "6.0.0"),
            ("2024.q1.3", "2024.Q10.0"),
            ("1.10", "1.9"),
        ] {
            assert_eq!(
                compare_text(a, b, &markers),
                Version::parse(a, &markers).cmp(&Version::parse(b, &markers)),
                "{a} {b}"
            );
        }
    }

    /// Item 10 of the hardening issue: components beyond 64 bits saturated and all
    /// compared equal, against the documented numeric order.
    #[test]
    fn version_components_beyond_64_bits_compare_by_value() {
        let ordered = [
            "1.18446744073709551615.0",
            "1.18446744073709551616.0",
            "1.99999999999999999999.0",
            "1.100000000000000000000.0",
            "1.100000000000000000000.0-u1",
            "1.100000000000000000001.0",
            "1.x.0",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
            assert_eq!(compare_text(pair[0], pair[1], &[]), Ordering::Less, "{pair:?}");
        }
        assert_eq!(v("1.00018446744073709551616"), v("1.18446744073709551616"));
        assert_ne!(v("1.99999999999999999999"), v("1.99999999999999999998"));
        assert_eq!(v("1.18446744073709551617").is_even(1), Some(false));
        assert_eq!(v("1.18446744073709551618").is_even(1), Some(true));
        assert_eq!(v("1.18446744073709551618").number(1), None);
    }

    proptest::proptest! {
        #[test]
        fn compare_text_agrees_with_parse_on_long_numbers(a in "[0-9]{1,30}(\\.[0-9]{1,30}){0,2}", b in "[0-9]{1,30}(\\.[0-9]{1,30}){0,2}") {
            let (x, y) = (Version::parse(&a, &[]).unwrap(), Version::parse(&b, &[]).unwrap());
            proptest::prop_assert_eq!(compare_text(&a, &b, &[]), x.cmp(&y), "{:?} vs {:?}", a, b);
            let numeric = |s: &str| s.split('.').map(|p| p.trim_start_matches('0').to_owned()).collect::<Vec<_>>();
            let by_value = numeric(&a).iter().zip(numeric(&b).iter())
                .map(|(p, q)| p.len().cmp(&q.len()).then_with(|| p.cmp(q)))
                .find(|o| *o != Ordering::Equal)
                .unwrap_or_else(|| a.split('.').count().cmp(&b.split('.').count()));
            proptest::prop_assert_eq!(x.cmp(&y), by_value, "{:?} vs {:?}", a, b);
        }
    }

    proptest::proptest! {
        /// Any text: no panic; a pre-release's release is the digits and dots it starts with,
        /// and a release with a build (`+N`) or a distribution's revision is none.
        #[test]
        fn pre_release_marks_are_read_from_any_text(text in "\\PC{0,24}", numbers in "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}", build in "[0-9]{1,4}") {
            if let Some(p) = prerelease_of(&text, &["M".to_owned()]) {
                proptest::prop_assert!(!p.core.is_empty() && p.core.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
                proptest::prop_assert!(text.contains(p.core));
            }
            let releases = [numbers.clone(), format!("{numbers}+{build}"), format!("{numbers}-{build}+deb12u{build}")];
            for release in &releases {
                proptest::prop_assert_eq!(prerelease_of(release, &[]), None);
            }
            let text = format!("{numbers}-rc.{build}");
            let rc = prerelease_of(&text, &[]).map(|p| (p.core.to_owned(), p.word));
            proptest::prop_assert_eq!(rc, Some((numbers.clone(), "rc".to_owned())));
        }
    }

    #[test]
    fn rejects_empty_and_odd_text() {
        assert!(Version::parse("", &[]).is_none());
        assert!(Version::parse("-u1", &[]).is_none());
        assert!(Version::parse("1..2", &[]).is_none());
        assert!(Version::parse("1.2/3", &[]).is_none());
    }

    #[test]
    fn pre_releases_are_told_by_their_marks() {
        let pre = |t: &str| prerelease_of(t, &[]).map(|p| (p.core.to_owned(), p.word));
        let is = |core: &str, word: &str| Some((core.to_owned(), word.to_owned()));
        assert_eq!(pre("22.0.0-rc.1"), is("22.0.0", "rc"));
        assert_eq!(pre("v22.0.0-rc.1"), is("22.0.0", "rc"));
        assert_eq!(pre("5.2rc1"), is("5.2", "rc"));
        assert_eq!(pre("1.26rc2"), is("1.26", "rc"));
        assert_eq!(pre("3.13.0a1"), is("3.13.0", "a"));
        assert_eq!(pre("5.2b1"), is("5.2", "b"));
        assert_eq!(pre("121.0b3"), is("121.0", "b"));
        assert_eq!(pre("2:16~beta1-1"), is("16", "beta"));
        assert_eq!(pre("6.5.0.CR1"), None);
        assert_eq!(
            prerelease_of("6.5.0.CR1", &["CR".to_owned()]).map(|p| p.word),
            Some("cr".to_owned())
        );
        assert_eq!(pre("2.0.0-SNAPSHOT"), is("2.0.0", "snapshot"));
        assert_eq!(pre("v22.0.0-nightly2024010155a3c7e9fb"), is("22.0.0", "nightly"));
        assert_eq!(pre("15.0-BETA2"), is("15.0", "beta"));
        assert_eq!(pre("22-ea+27"), is("22", "ea"));
        assert_eq!(pre("1.0.0-beta.1+exp.sha.5114f85"), is("1.0.0", "beta"));
        // releases: a letter release, a patch level, builds, distributions' revisions
        for release in [
            "1.1.1w",
            "0.9.8zh",
            "3.0.6p216",
            "8u392-b08",
            "8u392b08",
            "1.8.0_392-b08",
            "3.0.11-1~deb12u2",
            "8.1.2-1ubuntu2.14",
            "2.9.6-1.el9_4",
            "5.15.0-91-generic",
            "14.0-RELEASE-p3",
            "6.4.1.Final",
            "0.0.0-20240101123456-ea12bc34dd56",
            "1.2.3-0.ea12bc3",
            "18.19.0+dfsg-6~deb12u2",
            "10.11.6-MariaDB-0+deb12u1",
            "galaxy-alpha",
            "12cR1",
            "22A380",
            "23B74",
            "12cR2-SE2",
            "dev",
            "",
        ] {
            assert_eq!(pre(release), None, "{release}");
        }
        // a policy's own markers, as whole runs of letters
        let markers = ["milestone".to_owned(), "M".to_owned()];
        assert_eq!(
            prerelease_of("6.2.0-M1", &markers).map(|p| p.word),
            Some("m".to_owned())
        );
        assert_eq!(prerelease_of("6.2.0-M1", &[]), None);
    }

    #[test]
    fn a_package_that_went_back_is_the_version_it_really_is() {
        assert_eq!(really("5.6.1+really5.4.5-1"), "5.4.5-1");
        assert_eq!(really("1:2.0~REALLY1.9.3"), "1.9.3");
        assert_eq!(really("20.1.0+really18.20.4-1ubuntu1"), "18.20.4-1ubuntu1");
        for plain in ["5.6.1", "1.0+reallyx", "really5", "1.0-really2", "", "1.0+really"] {
            assert_eq!(really(plain), plain);
        }
    }

    #[test]
    fn a_release_releases_its_pre_releases_and_earlier_ones() {
        let v = |t: &str| Version::parse(t, &[]).unwrap();
        assert!(releases_it(&v("22"), &v("22.0.0")));
        assert!(releases_it(&v("5.2.0"), &v("5.2")));
        assert!(releases_it(&v("5.2.9"), &v("5.2.3")));
        assert!(!releases_it(&v("5.2"), &v("5.2.3")));
        assert!(!releases_it(&v("5.1.9"), &v("5.2")));
        assert!(releases_it(&v("10"), &v("9.9")));
    }
}
