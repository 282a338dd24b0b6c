//! Finding what a person means: a product by the name they type, and the release line
//! of a version as they write it (`v18.19.0`, `12.4`, `20.04.6`, `17.0.2+8`).
//!
//! The rules are in docs/language.md ("Which line a version belongs to"); in short, for
//! a version text (trimmed; a leading `v` before a digit dropped), the first of these
//! that finds something decides:
//!
//! 1. a catalog release with exactly that version (case-insensitive) → its line; several
//!    lines list it → ambiguous;
//! 2. a line with exactly that name, or with that other name (`alias line 12 "bookworm"`,
//!    compared case-insensitively with blanks collapsed); a name several lines have →
//!    ambiguous;
//! 3. the line whose first build (`builds line 13.0-sp3 from "13.0.6300.2"`) is the
//!    greatest at or below the version among those with its line components
//!    (`13.0.6435.1` → `13.0-sp3`);
//! 4. the longest line name, or other name of a line, that starts the text at a component
//!    boundary (`.`, `-`, `+`, `_`, `~` or a space follows): `12.4` → `12`, `8.0.8` →
//!    `8.0`, `bookworm-slim` → `12`; an other name several lines have → ambiguous;
//! 5. the longest release version that starts the text at a boundary → its line(s);
//! 6. lines whose name equals the text's leading components compared as version
//!    numbers (`22.4` → `22.04`);
//! 7. lines whose name starts with the text at a boundary (`11` → `11-23h2-w`, ...):
//!    one → that line, several → ambiguous.
//!
//! Nothing found: the nearest lines in version order are named.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use crate::identifiers::{fold, source_package_name, Cpe, Purl};
use crate::model::Policy;
use crate::version::Version;

/// How a version was matched to its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// a catalog release has exactly this version
    Release,
    /// the text is the line's name
    LineName,
    /// the text is another name of the line (`alias line`)
    LineAlias,
    /// the line's builds start nearest below the version (`builds line`)
    Builds,
    /// another name of the line starts the text (`bookworm-slim`)
    AliasPrefix,
    /// the line's name starts the text
    LinePrefix,
    /// a release's version starts the text
    ReleasePrefix,
    /// the leading components equal the line's as numbers
    Components,
    /// the text starts the line's name
    LineStart,
    /// the words after the product's name chose the line (`Windows 11 Pro`: of the lines
    /// build `10.0.22631` is in, the one with `Pro` in its names): [`LineWords`]
    NameWords,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Release => "release",
            How::LineName => "line-name",
            How::LineAlias => "line-alias",
            How::Builds => "builds",
            How::AliasPrefix => "alias-prefix",
            How::LinePrefix => "line-prefix",
            How::ReleasePrefix => "release-prefix",
            How::Components => "components",
            How::LineStart => "line-start",
            How::NameWords => "name-words",
        }
    }
}

/// The outcome of resolving a version text among a product's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    Line {
        line: usize,
        how: How,
    },
    /// several lines match equally well (editions that share a build number)
    Ambiguous {
        lines: Vec<usize>,
        how: How,
    },
    Unknown {
        /// the nearest lines in version order (below and above), at most two
        nearest: Vec<usize>,
        /// the line the policy's `line` pattern gives the text, when it starts with a digit
        /// and has enough components (`19.0` → `19` for `line major`)
        pattern_line: Option<String>,
        /// the text is a higher version than every line: the catalog may not list it yet
        newer_than_all: bool,
        /// the text is a lower version than every line: its line is older than the catalog
        /// reaches (the nearest line is then the oldest the catalog lists)
        older_than_all: bool,
    },
    /// empty, or only white space
    Empty,
}

/// What the resolver needs to know of one line: its name and its releases' versions.
#[derive(Clone, Debug)]
pub struct LineView<'a> {
    pub name: &'a str,
    pub versions: Vec<&'a str>,
}

const BOUNDARY: [char; 6] = ['.', '-', '+', '_', '~', ' '];

/// `prefix` starts `text` (case-insensitively) and ends at a component boundary.
fn starts_at_boundary(text: &str, prefix: &str) -> bool {
    if prefix.is_empty() || text.len() <= prefix.len() {
        return false;
    }
    let Some(head) = text.get(..prefix.len()) else {
        return false;
    };
    head.eq_ignore_ascii_case(prefix)
        && text
            .get(prefix.len()..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| BOUNDARY.contains(&c))
}

/// `text` is a letter release of the line `name`: the name, of several components and ending
/// in a digit, then one or two lower-case letters, then nothing or a component boundary, as
/// OpenSSL named its releases before 3.0 (`1.1.1k`, `0.9.8zh` and Debian's `1.1.1n-0+deb11u5`
/// of the lines `1.1.1` and `0.9.8`). A name of one component takes none (`8ux` is not Java
/// 8's).
fn letter_release_of(text: &str, name: &str) -> bool {
    if !name.contains('.') || !name.ends_with(|c: char| c.is_ascii_digit()) || text.len() <= name.len() {
        return false;
    }
    let (Some(head), Some(rest)) = (text.get(..name.len()), text.get(name.len()..)) else {
        return false;
    };
    let letters = rest.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(rest.len());
    head.eq_ignore_ascii_case(name)
        && (1..=2).contains(&letters)
        && rest
            .get(letters..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| BOUNDARY.contains(&c))
}

/// The text as typed, without a Debian-style epoch (`1:2.3.19`), without a leading `v`
/// before a digit (`v18.19.0`), and without the product's own name written before it
/// (`go1.21.5`, [`off_own_name`]); a package that went back to an older release is that
/// release (`5.4.5-1` of `5.6.1+really5.4.5-1`, [`crate::version::really`]).
fn variants<'t>(policy: &Policy, text: &'t str) -> Vec<&'t str> {
    let t = crate::version::really(text.trim());
    let mut out = vec![t];
    let no_epoch = match t.split_once(':') {
        Some((epoch, rest)) if !epoch.is_empty() && epoch.chars().all(|c| c.is_ascii_digit()) => {
            out.push(rest);
            rest
        }
        _ => t,
    };
    if let Some(rest) = no_epoch.strip_prefix(['v', 'V']) {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(rest);
        }
    }
    if let Some(rest) = off_own_name(policy, no_epoch) {
        out.push(rest);
    }
    out
}

/// The version of a text that writes it onto the product's own id or alias, directly or
/// after a hyphen or an underscore, as a banner may ([`version_onto_name`]): `go1.21.5` is
/// Go's `1.21.5`, the form `runtime.Version()` prints and SBOM tools record for a Go
/// binary's standard library. The version starts with a digit and has a dot; the longest
/// name wins, and a split at a hyphen or an underscore before one without (`python3-3.9.18`
/// is `3.9.18`). None when no name of the product starts the text so.
pub(crate) fn off_own_name<'t>(policy: &Policy, text: &'t str) -> Option<&'t str> {
    let names = std::iter::once(policy.id.as_str()).chain(policy.names.iter().filter_map(|n| match n {
        crate::model::ProductName::Alias { name, .. } => Some(name.as_str()),
        _ => None,
    }));
    let version = |rest: &'t str| {
        (rest.starts_with(|c: char| c.is_ascii_digit()) && rest.contains('.') && is_version_word(rest))
            .then_some(rest)
    };
    names
        .filter_map(|name| {
            let head = text.get(..name.len())?;
            if name.is_empty() || !head.eq_ignore_ascii_case(name) {
                return None;
            }
            let rest = text.get(name.len()..)?;
            match rest.strip_prefix(['-', '_']) {
                Some(after) => version(after).map(|v| ((name.len(), 1u8), v)),
                // not within a number: `node18.1` is not `node1` and `8.1`
                None if name.ends_with(|c: char| c.is_ascii_digit()) => None,
                None => version(rest).map(|v| ((name.len(), 0u8), v)),
            }
        })
        .max_by_key(|&(rank, _)| rank)
        .map(|(_, v)| v)
}

/// A version given beside a product's name written with more words after it, read with
/// those words when only together they name a line or lines: `Windows 10` beside `22H2` is
/// `10 22H2`, another name of line `10-22h2`, where `22H2` alone names none
/// ([`crate::query::ProductView::finish_name`]). None when there are no words, the version
/// alone resolves, or the two together are no release's version and no line's name: a line
/// whose name only starts them is not enough, since the version apart would then say
/// nothing (`Python 3.12.1 (64-bit)` beside `8.0.0.23531`, a number no Python has, is not
/// `3.12.1 64-bit 8.0.0.23531` and so line 3.12).
pub fn finish_name(policy: &Policy, lines: &Lines<'_>, version: &str, words: &[&str]) -> Option<String> {
    if words.is_empty()
        || !matches!(
            resolve_version(policy, lines, version),
            Resolution::Unknown { .. }
        )
    {
        return None;
    }
    let whole = format!("{} {}", words.join(" "), version.trim());
    matches!(
        resolve_version(policy, lines, &whole),
        Resolution::Line { how, .. } | Resolution::Ambiguous { how, .. }
            if matches!(how, How::Release | How::LineName | How::LineAlias)
    )
    .then_some(whole)
}

pub fn resolve_version(policy: &Policy, lines: &Lines<'_>, text: &str) -> Resolution {
    if text.trim().is_empty() {
        return Resolution::Empty;
    }
    let index = &lines.index;
    let texts = variants(policy, text);
    let dedup = |mut v: Vec<usize>| {
        v.sort_unstable();
        v.dedup();
        v
    };
    let decide = |found: Vec<usize>, how: How| -> Option<Resolution> {
        match found.as_slice() {
            [] => None,
            [one] => Some(Resolution::Line { line: *one, how }),
            _ => Some(Resolution::Ambiguous { lines: found, how }),
        }
    };
    // the lines `map` gives any of the texts (in ASCII lower case), in order
    let looked_up = |map: &HashMap<String, Vec<usize>>| {
        dedup(
            texts
                .iter()
                .filter_map(|t| map.get(&t.to_ascii_lowercase()))
                .flatten()
                .copied()
                .collect(),
        )
    };
    // 1. a release with exactly this version
    let exact: Vec<usize> = looked_up(&index.releases);
    // 2. a line of that name, or with that other name (`alias line`); the text as typed
    // before its variants (a line `V1.1` before a line `1.1`)
    let named = texts.iter().find_map(|t| index.first_named(t));
    let by_name = dedup(
        named
            .into_iter()
            .chain(
                index
                    .aliases
                    .get(&fold_line_alias(text))
                    .into_iter()
                    .flatten()
                    .copied(),
            )
            .collect(),
    );
    // A release of one line that is another line's name says two things: ambiguous.
    let exact = if !exact.is_empty() && by_name.iter().any(|i| !exact.contains(i)) {
        dedup(exact.into_iter().chain(by_name.iter().copied()).collect())
    } else {
        exact
    };
    if let Some(r) = decide(exact, How::Release) {
        return r;
    }
    match by_name.as_slice() {
        [] => {}
        [one] if named == Some(*one) => {
            return Resolution::Line {
                line: *one,
                how: How::LineName,
            }
        }
        _ => {
            if let Some(r) = decide(by_name, How::LineAlias) {
                return r;
            }
        }
    }
    // 3. the line whose builds start nearest below the version (`builds line`)
    if let Some(line) = index.by_builds(policy, &texts) {
        return Resolution::Line {
            line,
            how: How::Builds,
        };
    }
    // 4. the longest line name, or other name of a line, that starts the text (or that the
    // text is a letter release of)
    let mut prefixes: Vec<(usize, usize, How)> = Vec::new();
    let short = |head: &&str| head.len() <= index.longest;
    for t in &texts {
        for head in boundary_heads(t).take_while(short) {
            if let Some(found) = index.names.get(&head.to_ascii_lowercase()) {
                prefixes.extend(found.iter().map(|&i| (i, head.len(), How::LinePrefix)));
            }
        }
        for head in letter_release_heads(t).take_while(short) {
            let found = index.names.get(&head.to_ascii_lowercase()).into_iter().flatten();
            prefixes.extend(
                found
                    .filter(|&&i| lines.get(i).is_some_and(|l| letter_release_of(t, l.name)))
                    .map(|&i| (i, head.len(), How::LinePrefix)),
            );
        }
    }
    prefixes.sort_unstable_by_key(|&(i, _, _)| i);
    prefixes.dedup_by_key(|&mut (i, _, _)| i);
    prefixes.extend(
        index
            .alias_prefixes(&texts)
            .into_iter()
            .map(|(i, len)| (i, len, How::AliasPrefix)),
    );
    if let Some(longest) = prefixes.iter().map(|&(_, len, _)| len).max() {
        prefixes.retain(|&(_, len, _)| len == longest);
        let how = if prefixes.iter().all(|&(_, _, how)| how == How::LinePrefix) {
            How::LinePrefix
        } else {
            How::AliasPrefix
        };
        if let Some(r) = decide(dedup(prefixes.iter().map(|&(i, _, _)| i).collect()), how) {
            return r;
        }
    }
    // 5. the longest release version that starts the text
    let mut best_len = 0usize;
    let mut best: Vec<usize> = Vec::new();
    for t in &texts {
        for head in boundary_heads(t).take_while(short) {
            let Some(found) = index.releases.get(&head.to_ascii_lowercase()) else {
                continue;
            };
            match head.len().cmp(&best_len) {
                Ordering::Greater => {
                    best_len = head.len();
                    best = found.clone();
                }
                Ordering::Equal => best.extend(found),
                Ordering::Less => {}
            }
        }
    }
    if let Some(r) = decide(dedup(best), How::ReleasePrefix) {
        return r;
    }
    // 6. leading components equal as numbers
    let parsed: Option<Version> = texts
        .iter()
        .rev()
        .find_map(|t| Version::parse(t, &policy.prerelease));
    if let Some(v) = &parsed {
        let found: Vec<usize> = dedup(
            (1..=v.core.len())
                .filter_map(|n| index.components.get(v.core.get(..n)?))
                .flatten()
                .copied()
                .collect(),
        );
        // The longest such line name wins (as in step 4).
        let dots = |i: usize| lines.get(i).map(|l| l.name.split('.').count());
        let longest = found.iter().filter_map(|&i| dots(i)).max();
        let found: Vec<usize> = found.into_iter().filter(|&i| dots(i) == longest).collect();
        if let Some(r) = decide(found, How::Components) {
            return r;
        }
    }
    // 7. the text starts line names
    let starts: Vec<usize> = looked_up(&index.name_heads);
    if let Some(r) = decide(starts, How::LineStart) {
        return r;
    }
    // 8. a pre-release written against its numbers (`5.2rc1`, `1.26rc2`, `3.13.0a1`): the line
    // of the release it precedes; the status then says what that release did to it
    // (also one written onto the product's own name: `go1.23rc1`)
    let really = crate::version::really(text);
    let pre = crate::version::prerelease_of(really, &policy.prerelease)
        .or_else(|| crate::version::prerelease_of(off_own_name(policy, really.trim())?, &policy.prerelease));
    if let Some(pre) = pre {
        let prefix = |how: How| match how {
            How::Release => How::ReleasePrefix,
            How::LineName => How::LinePrefix,
            How::LineAlias => How::AliasPrefix,
            how => how,
        };
        match resolve_version(policy, lines, pre.core) {
            Resolution::Line { line, how } => {
                return Resolution::Line {
                    line,
                    how: prefix(how),
                }
            }
            Resolution::Ambiguous { lines, how } => {
                return Resolution::Ambiguous {
                    lines,
                    how: prefix(how),
                }
            }
            Resolution::Unknown { .. } | Resolution::Empty => {}
        }
    }
    unknown(policy, lines, parsed.as_ref(), &texts)
}

/// The heads of `text` that end right before a component boundary (`.`, `-`, `+`, `_`,
/// `~`, a space), shortest first: `12`, `12.4` of `12.4.1-2`. Each is a prefix that
/// [`starts_at_boundary`] accepts.
fn boundary_heads(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .filter(|&(at, c)| at > 0 && BOUNDARY.contains(&c))
        .filter_map(|(at, _)| text.get(..at))
}

/// The heads of `text` that a letter release could be of ([`letter_release_of`]): those
/// ending in a digit and followed by a lower-case letter (`1.1.1` of `1.1.1k`).
fn letter_release_heads(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .filter(|&(_, c)| c.is_ascii_lowercase())
        .filter_map(|(at, _)| text.get(..at))
        .filter(|head| head.ends_with(|c: char| c.is_ascii_digit()))
}

/// A product's lines made ready for resolving many versions ([`resolve_version`]): each
/// step finds its lines by looking the text, or its heads, up in maps made once, so
/// resolving costs the text's length, not the product's lines and releases. An audit
/// resolves every distinct version of an inventory against one of these. Made for one
/// policy: resolve with the policy it was made with.
pub struct Lines<'a> {
    views: Vec<LineView<'a>>,
    index: LineIndex,
}

impl<'a> Lines<'a> {
    pub fn new(policy: &Policy, views: Vec<LineView<'a>>) -> Lines<'a> {
        let index = LineIndex::new(policy, &views);
        Lines { views, index }
    }
}

impl<'a> std::ops::Deref for Lines<'a> {
    type Target = [LineView<'a>];
    fn deref(&self) -> &[LineView<'a>] {
        &self.views
    }
}

/// The maps behind [`Lines`], each giving line indices in ascending order.
struct LineIndex {
    /// a release's version, trimmed, in ASCII lower case → the lines that list it
    releases: HashMap<String, Vec<usize>>,
    /// a line's name in ASCII lower case → the lines of that name
    names: HashMap<String, Vec<usize>>,
    /// an `alias line` name, folded ([`fold_line_alias`]) → the lines it names
    aliases: HashMap<String, Vec<usize>>,
    /// the same, one entry per `alias line` (the last line of its name), for step 4
    alias_heads: HashMap<String, Vec<usize>>,
    /// a head of a line's name ending before a component boundary, in ASCII lower case →
    /// the lines whose names it starts (step 7)
    name_heads: HashMap<String, Vec<usize>>,
    /// the components of a line name that parses as a version without a suffix → its lines
    components: HashMap<Vec<crate::version::Component>, Vec<usize>>,
    /// `builds line` first builds by their line components, in version order (stable)
    builds: HashMap<Vec<crate::version::Component>, Vec<(Version, String)>>,
    /// the lines in version order, for a version that finds none: made the first time one
    /// does not
    order: std::sync::OnceLock<Order>,
    /// the lines' names and other names, for the one close to a word that finds no line
    /// (with the line of each): made the first time one does not
    near: std::sync::OnceLock<(crate::suggest::Near, Vec<usize>)>,
    /// the words of the lines' names ([`LineWords`]): made the first time words are read
    words: std::sync::OnceLock<WordIndex>,
    /// the lines' names that are numbers ([`LineWords::of_package_number`]): made the first
    /// time a package's name is read for its number
    numbers: std::sync::OnceLock<NumberIndex>,
    /// the longest key of `releases`, `names` and `alias_heads`, in bytes: a longer head of
    /// a text finds nothing there and is not looked up, so that resolving a long text (a
    /// whole report given as a version) costs its length, not its length squared
    longest: usize,
}

impl LineIndex {
    fn new(policy: &Policy, lines: &[LineView<'_>]) -> LineIndex {
        let mut releases: HashMap<String, Vec<usize>> = HashMap::new();
        let mut names: HashMap<String, Vec<usize>> = HashMap::with_capacity(lines.len());
        let mut name_heads: HashMap<String, Vec<usize>> = HashMap::new();
        let mut components: HashMap<Vec<crate::version::Component>, Vec<usize>> = HashMap::new();
        for (i, l) in lines.iter().enumerate() {
            for v in &l.versions {
                let list = releases.entry(v.trim().to_ascii_lowercase()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            names.entry(l.name.to_ascii_lowercase()).or_default().push(i);
            for head in boundary_heads(l.name) {
                name_heads.entry(head.to_ascii_lowercase()).or_default().push(i);
            }
            if let Some(v) = Version::parse(l.name, &policy.prerelease).filter(|v| v.suffix.is_empty()) {
                components.entry(v.core).or_default().push(i);
            }
        }
        for list in name_heads.values_mut() {
            list.dedup();
        }
        let mut aliases: HashMap<String, Vec<usize>> = HashMap::new();
        let mut alias_heads: HashMap<String, Vec<usize>> = HashMap::new();
        for a in &policy.line_aliases {
            let Some(of_line) = names.get(&a.line.to_ascii_lowercase()) else {
                continue;
            };
            aliases.entry(a.folded.clone()).or_default().extend(of_line);
            if let Some(&last) = of_line.last() {
                alias_heads.entry(a.folded.clone()).or_default().push(last);
            }
        }
        for list in aliases.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let n = policy.line_len;
        let mut builds: HashMap<Vec<crate::version::Component>, Vec<(Version, String)>> = HashMap::new();
        for b in &policy.line_builds {
            if let Some(series) = b.from.core.get(..n) {
                builds
                    .entry(series.to_vec())
                    .or_default()
                    .push((b.from.clone(), b.line.clone()));
            }
        }
        for starts in builds.values_mut() {
            starts.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let longest = releases
            .keys()
            .chain(names.keys())
            .chain(alias_heads.keys())
            .map(String::len)
            .max()
            .unwrap_or(0);
        LineIndex {
            longest,
            releases,
            names,
            aliases,
            alias_heads,
            name_heads,
            components,
            builds,
            order: std::sync::OnceLock::new(),
            near: std::sync::OnceLock::new(),
            words: std::sync::OnceLock::new(),
            numbers: std::sync::OnceLock::new(),
        }
    }

    /// The first line named `text` (ASCII case ignored).
    fn first_named(&self, text: &str) -> Option<usize> {
        self.names
            .get(&text.to_ascii_lowercase())
            .and_then(|l| l.first())
            .copied()
    }

    /// Rule 3: among the first builds `builds line` gives, those with the version's line
    /// components (`13.0` of `13.0.6435.1` for `line major.minor`), the greatest one at or
    /// below the version names its line. None when the policy gives no builds, the version
    /// has no more components than a line, it is below every start of its series, or the
    /// start's line is not in the catalog.
    fn by_builds(&self, policy: &Policy, texts: &[&str]) -> Option<usize> {
        if self.builds.is_empty() {
            return None;
        }
        let n = policy.line_len;
        let v = texts
            .iter()
            .rev()
            .find_map(|t| Version::parse(t, &policy.prerelease))
            .filter(|v| v.core.len() > n)?;
        let starts = self.builds.get(v.core.get(..n)?)?;
        let below = starts.partition_point(|(from, _)| *from <= v);
        let (_, line) = starts.get(below.checked_sub(1)?)?;
        self.first_named(line)
    }

    /// Step 4 for other names: each line with an `alias line` name that starts one of
    /// `texts` at a component boundary ([`alias_starts`]), with that name's length.
    /// `bookworm` starts `bookworm-slim` (a container tag), `2016 SP2` starts `2016 SP2
    /// CU17`, `1.8` starts `1.8.0_392`.
    fn alias_prefixes(&self, texts: &[&str]) -> Vec<(usize, usize)> {
        if self.alias_heads.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for t in texts {
            let folded = fold_line_alias(t);
            let mut heads: Vec<&str> = boundary_heads(&folded)
                .take_while(|h| h.len() <= self.longest)
                .collect();
            // a name with a digit that ends in a letter, right before a digit (`8u392`)
            heads.extend(
                folded
                    .char_indices()
                    .filter(|&(at, c)| at > 0 && c.is_ascii_digit())
                    .filter_map(|(at, _)| folded.get(..at))
                    .take_while(|h| h.len() <= self.longest)
                    .filter(|h| {
                        h.ends_with(|c: char| c.is_ascii_alphabetic())
                            && h.contains(|c: char| c.is_ascii_digit())
                    }),
            );
            for head in heads {
                if let Some(found) = self.alias_heads.get(head) {
                    out.extend(found.iter().map(|&i| (i, head.len())));
                }
            }
        }
        out
    }
}

/// The lines in the version order a version that finds none is placed in (see
/// [`unknown`]), numbered and worded names apart.
struct Order {
    /// the lines are ordered by their releases' versions (named otherwise than by version)
    by_releases: bool,
    /// (line, version) starting with a number, in version order
    numeric: Vec<(usize, Version)>,
    /// (line, version) starting with a word, in version order
    worded: Vec<(usize, Version)>,
    /// positions in `numeric` and `worded` in the order of how far their versions reach
    /// ([`reach_cmp`]), stable
    numeric_reach: Vec<usize>,
    worded_reach: Vec<usize>,
}

/// The version starts with a number (`3.12`), not a word (`Python 3.12.1`).
fn numeric(x: &Version) -> bool {
    matches!(
        x.core.first().and_then(|c| c.first()),
        Some(crate::version::Run::Num(_) | crate::version::Run::Big(_))
    )
}

impl Order {
    fn new(policy: &Policy, lines: &[LineView<'_>]) -> Order {
        // Lines named by version (`3.12`, whose releases are `3.12.4`) are ordered by their
        // names; lines named otherwise (`2008-r2-sp1`, whose release is `6.1.7601`; Windows,
        // SQL Server) by their releases' versions, the scheme a version typed for them is in.
        // (a release named as its line, as an imported catalog writes a line's first, stands
        // for the line and says nothing of the scheme)
        fn releases<'l>(l: &'l LineView<'_>) -> impl Iterator<Item = &'l str> + 'l {
            l.versions
                .iter()
                .map(|r| r.trim())
                .filter(move |r| !r.eq_ignore_ascii_case(l.name))
        }
        let dated = lines.iter().filter(|l| releases(l).next().is_some()).count();
        let named_by_version = lines
            .iter()
            .filter(|l| releases(l).any(|r| starts_at_boundary(r, l.name)))
            .count();
        let by_releases = dated > 0 && 2 * named_by_version < dated;
        let mut ordered: Vec<(usize, Version)> = if by_releases {
            lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| releases(l).map(move |r| (i, r)))
                .filter_map(|(i, r)| Version::parse(r, &policy.prerelease).map(|rv| (i, rv)))
                .collect()
        } else {
            lines
                .iter()
                .enumerate()
                .filter_map(|(i, l)| Version::parse(l.name, &policy.prerelease).map(|lv| (i, lv)))
                .collect()
        };
        ordered.sort_by(|a, b| a.1.cmp(&b.1));
        let (numeric, worded): (Vec<_>, Vec<_>) = ordered.into_iter().partition(|(_, v)| numeric(v));
        let reach = |list: &[(usize, Version)]| {
            let mut at: Vec<usize> = (0..list.len()).collect();
            at.sort_by(|&a, &b| match (list.get(a), list.get(b)) {
                (Some(x), Some(y)) => reach_cmp(&x.1.core, &y.1.core),
                _ => Ordering::Equal,
            });
            at
        };
        Order {
            by_releases,
            numeric_reach: reach(&numeric),
            worded_reach: reach(&worded),
            numeric,
            worded,
        }
    }
}

/// The words of each line's names, its own and those `alias line` gives it, in lower case
/// ([`LineWords`]), and the lines each word is in: made for a product the first time words
/// after its name are read, not once per name read.
struct WordIndex {
    per_line: Vec<std::collections::HashSet<String>>,
    /// a word → the lines whose names have it, in order
    lines_with: HashMap<String, Vec<usize>>,
}

impl WordIndex {
    fn new(policy: &Policy, lines: &[LineView<'_>]) -> WordIndex {
        let mut first: HashMap<String, usize> = HashMap::with_capacity(lines.len());
        let mut per_line: Vec<std::collections::HashSet<String>> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                first.entry(l.name.to_lowercase()).or_insert(i);
                name_words(l.name).collect()
            })
            .collect();
        for a in &policy.line_aliases {
            if let Some(set) = first
                .get(&a.line.to_lowercase())
                .and_then(|&i| per_line.get_mut(i))
            {
                set.extend(name_words(&a.name));
            }
        }
        let mut lines_with: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, set) in per_line.iter().enumerate() {
            // a word that announces a version names no line, although a line's other name
            // has it (`ami release 2018.03`, Trivy's name of the Amazon Linux AMI):
            // `Amazon Linux release 2 (Karoo)` is line 2
            for w in set.iter().filter(|w| !ANNOUNCES_A_VERSION.contains(&w.as_str())) {
                lines_with.entry(w.clone()).or_default().push(i);
            }
        }
        WordIndex { per_line, lines_with }
    }
}

/// The lines whose names are numbers (components of digits: `3.11`, `15`), by the heads of
/// their names ([`LineWords::of_package_number`]): made for a product the first time a
/// package's name is read for its number, not once per name.
struct NumberIndex {
    /// a line's name → the lines of that name
    names: HashMap<String, Vec<usize>>,
    /// the first one or more components of a line's name (`3`, `3.11` of `3.11`) → its lines
    heads: HashMap<String, Vec<usize>>,
    /// the same written without their dots (`3`, `311` of `3.11`) → its lines
    run_together: HashMap<String, Vec<usize>>,
}

impl NumberIndex {
    fn new(lines: &[LineView<'_>]) -> NumberIndex {
        let mut index = NumberIndex {
            names: HashMap::new(),
            heads: HashMap::new(),
            run_together: HashMap::new(),
        };
        for (i, l) in lines.iter().enumerate() {
            let parts: Vec<&str> = l.name.split('.').collect();
            if parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
            {
                continue;
            }
            index.names.entry(l.name.to_owned()).or_default().push(i);
            for k in 1..=parts.len() {
                let Some(head) = parts.get(..k) else { continue };
                index.heads.entry(head.join(".")).or_default().push(i);
                index.run_together.entry(head.concat()).or_default().push(i);
            }
        }
        index
    }
}

/// A line alias as it is compared: trimmed, lower case, runs of blanks as one space
/// (`Jammy  Jellyfish` is `jammy jellyfish`).
pub fn fold_line_alias(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The lines (indices into `names`, the lines' names in order) that `alias line` gives the
/// other name `text`, in line order.
pub fn aliased_lines<'n>(policy: &Policy, names: impl Iterator<Item = &'n str>, text: &str) -> Vec<usize> {
    if policy.line_aliases.is_empty() {
        return Vec::new();
    }
    let wanted = fold_line_alias(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    let lines: std::collections::HashSet<String> = policy
        .line_aliases
        .iter()
        .filter(|a| a.folded == wanted)
        .map(|a| a.line.to_ascii_lowercase())
        .collect();
    if lines.is_empty() {
        return Vec::new();
    }
    names
        .enumerate()
        .filter(|(_, n)| lines.contains(&n.to_ascii_lowercase()))
        .map(|(i, _)| i)
        .collect()
}

/// `name` starts `text` at a component boundary, or, for a name with a digit that ends in a
/// letter, right before a digit: `8u` starts `8u392` (Java's update notation), as `8` does
/// not (`8u` is a name a rule file gives on purpose; a line name `galaxy-a06` must not take
/// `galaxy-a06s`), and a codename does not start `bookworm2`.
pub(crate) fn alias_starts(text: &str, name: &str) -> bool {
    starts_at_boundary(text, name)
        || (name.ends_with(|c: char| c.is_ascii_alphabetic())
            && name.contains(|c: char| c.is_ascii_digit())
            && text.len() > name.len()
            && text
                .get(..name.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(name))
            && text
                .get(name.len()..)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit())))
}

fn unknown(policy: &Policy, lines: &Lines<'_>, parsed: Option<&Version>, texts: &[&str]) -> Resolution {
    // A word without a digit (`bookworm`, `jammy`) is no version: it has no line by the
    // policy's pattern, no place in the version order, and is never "newer than every line".
    let is_version = texts.iter().any(|t| t.contains(|c: char| c.is_ascii_digit()));
    let pattern_line = texts
        .iter()
        .rev()
        .filter(|t| is_version && t.starts_with(|c: char| c.is_ascii_digit()))
        .find_map(|t| crate::eval::line_prefix(t, policy.line_len))
        .map(str::to_owned);
    let parsed = parsed.filter(|_| is_version);
    let Some(v) = parsed else {
        // the lines' names and other names (`bookwrm` is close to `bookworm`, line 12)
        let (near, of_line) = lines.index.near.get_or_init(|| {
            let index = &lines.index.names;
            let mut names: Vec<(&str, usize)> = lines.iter().enumerate().map(|(i, l)| (l.name, i)).collect();
            names.extend(
                policy.line_aliases.iter().filter_map(|a| {
                    Some((a.name.as_str(), *index.get(&a.line.to_ascii_lowercase())?.last()?))
                }),
            );
            let of_line = names.iter().map(|&(_, i)| i).collect();
            (
                crate::suggest::Near::new(names.into_iter().map(|(n, _)| n.to_owned())),
                of_line,
            )
        });
        let nearest = texts
            .iter()
            .find_map(|t| near.suggest(t))
            .and_then(|at| of_line.get(at).copied())
            .into_iter()
            .collect();
        return Resolution::Unknown {
            nearest,
            pattern_line,
            newer_than_all: false,
            older_than_all: false,
        };
    };
    let order = lines.index.order.get_or_init(|| Order::new(policy, lines));
    // `Python 3.12.1` sorts after every number, but is no version newer than lines named by
    // numbers, nor near any of them (given beside its product, it is a banner): only lines
    // that start as the version does, with a number or with a word, are in its order
    let (ordered, reach) = if numeric(v) {
        (&order.numeric, &order.numeric_reach)
    } else {
        (&order.worded, &order.worded_reach)
    };
    // A line named by a shorter version reaches past the longer ones it contains: Log4j's
    // line `2` holds 2.26 while 2.3 and 2.12 are lines of their own, so below 3.0.0 the
    // nearest line is `2`, not `2.12` (its name's components end with every later value).
    let below = if order.by_releases {
        let at = ordered.partition_point(|(_, lv)| lv < v);
        at.checked_sub(1).and_then(|at| ordered.get(at)).map(|(i, _)| *i)
    } else {
        let before = reach.partition_point(|&at| {
            ordered
                .get(at)
                .is_some_and(|(_, lv)| reach_cmp(&lv.core, &v.core) == Ordering::Less)
        });
        before
            .checked_sub(1)
            .and_then(|k| reach.get(k))
            .and_then(|&at| ordered.get(at))
            .map(|(i, _)| *i)
    };
    let above = ordered
        .get(ordered.partition_point(|(_, lv)| lv <= v))
        .map(|(i, _)| *i);
    let newer_than_all = !ordered.is_empty() && above.is_none();
    // Older than every line only in the lines' own numbering: a leading number with two or
    // more digits fewer than the oldest line's is another scheme (Unity 6 beside lines named
    // 2017.1 to 6000.0), not a version before them.
    let lead_digits = |x: &Version| match x.core.first().and_then(|c| c.first()) {
        Some(crate::version::Run::Num(n)) => Some(n.checked_ilog10().unwrap_or(0) as usize + 1),
        Some(crate::version::Run::Big(d)) => Some(d.len()),
        _ => None,
    };
    let same_scheme = ordered
        .first()
        .and_then(|(_, oldest)| Some(lead_digits(v)? + 1 >= lead_digits(oldest)?))
        .unwrap_or(false);
    let older_than_all = below.is_none() && same_scheme;
    // (by releases, the nearest below and above may be one line's)
    let above = above.filter(|a| below != Some(*a));
    Resolution::Unknown {
        nearest: below.into_iter().chain(above).collect(),
        pattern_line,
        newer_than_all,
        older_than_all,
    }
}

/// Versions compared by how far the versions they name reach: a shorter one whose components
/// begin the longer one's reaches past it (`2` holds `2.12.4` and `2.26.1`; `2` > `2.12`).
fn reach_cmp(a: &[crate::version::Component], b: &[crate::version::Component]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        match x.cmp(y) {
            Ordering::Equal => {}
            other => return other,
        }
    }
    b.len().cmp(&a.len())
}

/// How a product was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FoundBy {
    Id,
    Alias,
    Purl,
    Cpe,
    /// a distribution package's name alone (`postgresql-15`), as a `pkg:deb`, `pkg:rpm` or
    /// `pkg:apk` package URL of the policy names it
    Package,
    /// a distribution's package whose name no policy gives, by its source package: the one
    /// its package URL's `upstream` qualifier names (`libpq5` of `postgresql-15`;
    /// [`Purl::source_of`]), or an inventory's `source` column
    /// ([`NameIndex::policy_of_source`])
    Source,
    /// a `generic` package URL no policy gives, by the GitHub repository its `repository_url`
    /// qualifier names ([`Purl::repository_of`]): syft's JVM found by its source repository
    Repository,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProductLookup {
    Found {
        /// index into the policies given
        index: usize,
        by: FoundBy,
        /// the version a package URL or CPE carried (`pkg:pypi/django@4.2.1`)
        version: Option<String>,
    },
    /// the text is a package URL or CPE that does not parse
    Malformed(&'static str),
    /// nothing matched; the closest ids and aliases
    Unknown { suggestions: Vec<String> },
}

/// The policy a package URL names (`text` is the URL as written, for its qualifiers): one of
/// whose package URLs matches it, the closest first ([`Purl::match_rank`]: Oracle Linux's
/// `pkg:rpm/oracle/redhat-release` before Red Hat's `pkg:rpm/redhat/redhat-release`), else,
/// for a distribution's package, one of whose matches its source package
/// ([`Purl::source_of`]): syft's `?upstream=postgresql-15` on `libpq5`, else, for a `generic`
/// one, one of whose matches the GitHub repository its `repository_url` names
/// ([`Purl::repository_of`]).
pub fn find_by_purl(policies: &[&Policy], purl: &Purl, text: &str) -> Option<(usize, FoundBy)> {
    find_by_purl_among(policies, purl, text, &|_| (0..policies.len()).collect())
}

/// [`find_by_purl`] with the policies' package URLs indexed once ([`NameIndex`]): only the
/// policies that give a package URL of the type and first letter of the name are compared.
pub fn find_by_purl_in(
    policies: &[&Policy],
    index: &NameIndex,
    purl: &Purl,
    text: &str,
) -> Option<(usize, FoundBy)> {
    find_by_purl_among(policies, purl, text, &|wanted| index.purls.candidates(wanted))
}

/// [`find_by_purl`] among the policies `candidates` gives for a package URL (in order, and
/// every policy that could give it among them).
fn find_by_purl_among(
    policies: &[&Policy],
    purl: &Purl,
    text: &str,
    candidates: &dyn Fn(&Purl) -> Vec<usize>,
) -> Option<(usize, FoundBy)> {
    let of = |wanted: &Purl| {
        let mut best: Option<(crate::identifiers::Rank, usize)> = None;
        for i in candidates(wanted) {
            let Some(p) = policies.get(i) else { continue };
            let Some(rank) = p.purls().filter_map(|d| d.match_rank(wanted)).max() else {
                continue;
            };
            if best.is_none_or(|(b, _)| rank > b) {
                best = Some((rank, i));
                if rank == crate::identifiers::Rank::Own {
                    break;
                }
            }
        }
        best.map(|(_, i)| i)
    };
    of(purl)
        .map(|i| (i, FoundBy::Purl))
        .or_else(|| of(&purl.source_of(text)?).map(|i| (i, FoundBy::Source)))
        .or_else(|| of(&purl.repository_of(text)?).map(|i| (i, FoundBy::Repository)))
}

/// Why a language registry's package that no rule names (`key`, `pkg:gem/foreman`) is not
/// taken for product `id`, whose name it has ([`crate::identifiers::is_registry_type`]).
pub fn registry_reason(key: &str, id: &str) -> String {
    format!(
        "the package URL `{key}` is no rule's; its name is also `{id}`'s, but a language \
         registry's package is taken for a product only by a package URL the product's rules \
         give, since another project may publish under the name"
    )
}

/// Why an image that an account or registry of its own publishes (`pkg:docker/kindest/node`)
/// is not the product its name names (`nodejs`, Node.js): its publisher is not related to it
/// ([`owner_relates`]).
pub fn owned_image_reason(key: &str, publisher: &str, id: &str, label: &str) -> String {
    format!(
        "the image's name says `{id}` ({label}), but no rule names the image `{key}`, and \
         `{publisher}`, which publishes it, is not {label}'s: an image is a product by its name \
         only as one its publisher is related to"
    )
}

/// Why a name no product is found by is nonetheless not the product it looks like, for
/// `eol status`: a language registry's package URL whose name is a product's
/// ([`registry_reason`]: `pkg:pypi/redis`), or a distribution package under a product's
/// `{line}` prefix ([`under_prefix`]: `php8.2-redis`). None otherwise (the caller then
/// suggests close names).
pub fn not_the_product(policies: &[&Policy], name: &str) -> Option<String> {
    let registry = Purl::parse(name.trim())
        .ok()
        .filter(|p| crate::identifiers::is_registry_type(&p.ty));
    match registry {
        Some(p) => match find_product(policies, &p.name) {
            ProductLookup::Found { index, .. } => Some(registry_reason(&p.key(), &policies.get(index)?.id)),
            _ => None,
        },
        None => under_prefix(policies, name),
    }
}

/// [`NameIndex::under_prefix`] without an index: for one name, as `eol status` asks.
pub fn under_prefix(policies: &[&Policy], name: &str) -> Option<String> {
    under_prefix_with(policies, &PackageNames::new(policies), name)
}

fn under_prefix_with(policies: &[&Policy], packages: &PackageNames, name: &str) -> Option<String> {
    let text = name.trim();
    let folded = fold(text);
    if folded.contains(|c: char| c.is_whitespace() || c == ':' || c == '/')
        || packages.policy_of(&folded).is_some()
    {
        return None;
    }
    let (index, head) = packages.prefix_of(&folded)?;
    let id = &policies.get(index)?.id;
    Some(format!(
        "it begins as `{id}`'s package names do (`{head}`), but a package under a product's prefix \
         that the rules do not name, such as an extension, has a version of its own and is not \
         judged as `{id}`"
    ))
}

/// Find a product by id or alias (case-insensitive), package URL or CPE.
pub fn find_product(policies: &[&Policy], name: &str) -> ProductLookup {
    find_product_with(policies, name, &PackageNames::new(policies), None, &|n| {
        suggestions(policies, n)
    })
}

/// [`find_product`] with the ids, aliases and words of `policies` indexed once
/// ([`NameIndex`]): for a caller that looks up many names, such as an audit.
pub fn find_product_in(policies: &[&Policy], index: &NameIndex, name: &str) -> ProductLookup {
    find_product_with(policies, name, &index.packages, Some(index), &|n| {
        index.suggestions(policies, n)
    })
}

fn find_product_with(
    policies: &[&Policy],
    name: &str,
    packages: &PackageNames,
    index: Option<&NameIndex>,
    suggest: &dyn Fn(&str) -> Vec<String>,
) -> ProductLookup {
    let text = name.trim();
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("pkg:") {
        return match Purl::parse(text) {
            Ok(purl) => match index.map_or_else(
                || find_by_purl(policies, &purl, text),
                |index| find_by_purl_in(policies, index, &purl, text),
            ) {
                Some((index, by)) => ProductLookup::Found {
                    index,
                    by,
                    version: purl.version,
                },
                // a package URL no rule gives goes on to its name, as an SBOM's item does
                // (`pkg:rpm/amazon/openssl` is `openssl`), where the name alone says what it is
                None if named_by_its_name(&purl) => {
                    match find_product_with(policies, &purl.name, packages, index, suggest) {
                        ProductLookup::Found { index, by, .. } => ProductLookup::Found {
                            index,
                            by,
                            version: purl.version,
                        },
                        _ => ProductLookup::Unknown {
                            suggestions: suggest(&purl.name),
                        },
                    }
                }
                None => ProductLookup::Unknown {
                    suggestions: suggest(&purl.name),
                },
            },
            Err(why) => ProductLookup::Malformed(why),
        };
    }
    if lower.starts_with("cpe:") {
        return match Cpe::parse(text) {
            Ok(cpe) => match index.map_or_else(
                || {
                    policies
                        .iter()
                        .position(|p| p.cpes().any(|d| d.same_product(&cpe)))
                },
                |index| index.policy_of_cpe(policies, &cpe),
            ) {
                Some(index) => ProductLookup::Found {
                    index,
                    by: FoundBy::Cpe,
                    version: cpe.version_text(),
                },
                None => ProductLookup::Unknown {
                    suggestions: suggest(&cpe.product),
                },
            },
            Err(why) => ProductLookup::Malformed(why),
        };
    }
    let wanted = fold(text);
    // the first policy whose id (alias) is the name: by the index's maps when there is one
    let by_id = |wanted: &str| match index {
        Some(index) => index.ids.get(wanted).copied(),
        None => policies.iter().position(|p| is_id(&p.id, wanted)),
    };
    let by_alias = |wanted: &str| match index {
        Some(index) => index.aliases.get(wanted).copied(),
        None => policies.iter().position(|p| p.aliases().any(|a| a == wanted)),
    };
    if let Some(index) = by_id(&wanted) {
        return ProductLookup::Found {
            index,
            by: FoundBy::Id,
            version: None,
        };
    }
    if let Some(index) = by_alias(&wanted) {
        return ProductLookup::Found {
            index,
            by: FoundBy::Alias,
            version: None,
        };
    }
    // `Alpine Linux`, `Spring Boot`: an id's words written with blanks for its hyphens (after
    // the aliases: a name an alias has is that product's)
    if wanted.contains(char::is_whitespace) {
        let hyphened = wanted.split_whitespace().collect::<Vec<_>>().join("-");
        if let Some(index) = by_id(&hyphened) {
            return ProductLookup::Found {
                index,
                by: FoundBy::Id,
                version: None,
            };
        }
    }
    // `postgresql-15`, `python3.11`: a distribution's package by its name alone
    if let Some(index) = packages.policy_of(&wanted) {
        return ProductLookup::Found {
            index,
            by: FoundBy::Package,
            version: None,
        };
    }
    // `Mozilla Firefox ESR`: an id or alias after its own vendor's name (compared without
    // folding a copy of each vendor's name: an audit looks up every name it has not seen)
    let after_vendor = |p: &Policy| {
        let vendor = p.vendor.as_deref()?;
        let after = if vendor.is_ascii() {
            wanted
                .get(..vendor.len())
                .filter(|head| head.eq_ignore_ascii_case(vendor))
                .and_then(|_| wanted.get(vendor.len()..))?
        } else {
            wanted.strip_prefix(fold(vendor).as_str())?
        };
        let rest = after.strip_prefix(char::is_whitespace)?.trim_start();
        if is_id(&p.id, rest) {
            Some(FoundBy::Id)
        } else {
            p.aliases().any(|a| a == rest).then_some(FoundBy::Alias)
        }
    };
    let after_vendor = wanted
        .contains(char::is_whitespace)
        .then(|| {
            policies
                .iter()
                .enumerate()
                .find_map(|(i, p)| Some((i, after_vendor(p)?)))
        })
        .flatten();
    if let Some((index, by)) = after_vendor {
        return ProductLookup::Found {
            index,
            by,
            version: None,
        };
    }
    // `Mozilla Firefox (x64 en-US)`, as Windows lists installed programs: the name, then the
    // build it is in brackets
    let text = match without_build(text) {
        Some(name) => match find_product_with(policies, name, packages, index, &|_| Vec::new()) {
            found @ ProductLookup::Found { .. } => return found,
            _ => name,
        },
        None => text,
    };
    // `pythn 3.9`: nothing is close to the whole text, but its name may be.
    let mut close = suggest(text);
    if close.is_empty() {
        if let Some((name, _)) = name_and_version(text) {
            close = suggest(name);
        }
    }
    ProductLookup::Unknown { suggestions: close }
}

/// `id` folded is `wanted` (folded already); without folding a copy of an id that is plain
/// ASCII, as the grammar's ids are (letters, digits, `_-.`): an audit looks up every name it
/// has not seen against every id.
fn is_id(id: &str, wanted: &str) -> bool {
    if id.is_ascii() {
        id.eq_ignore_ascii_case(wanted)
    } else {
        folded(id) == wanted
    }
}

/// The names of distributions' packages the policies' `pkg:deb`, `pkg:rpm` and `pkg:apk`
/// package URLs give, of any distribution (the namespace is not compared), as `dpkg-query -W`,
/// `rpm -qa --qf '%{NAME}'` and osquery's `deb_packages`, `rpm_packages` and `apk_packages`
/// list packages: `postgresql-15` (`pkg:deb/debian/postgresql-{line}`), `python3.11`,
/// `tomcat10`. Indexed once, so that a name is looked up in a few hash probes whatever the
/// number of patterns: an audit asks for every name it has not seen, most of them no
/// product's.
#[derive(Debug, Default)]
pub struct PackageNames {
    /// a name written out: the policies that give it
    exact: HashMap<String, Vec<usize>>,
    /// `postgresql-*`: the prefix, and the policy
    prefixes: Vec<(String, usize)>,
    /// `php{line}-fpm`, by the text before `{line}` (`php`): what follows the line's number
    lines: HashMap<String, LineNames>,
    /// the lengths of the texts before `{line}`, each once
    before_lengths: Vec<usize>,
}

/// What a package name is up to the end of the number a `{line}` pattern's text before the
/// placeholder is followed by (`php8.2` of `php8.2-fpm`), and the number alone (`8.2`).
#[derive(Clone, Copy)]
struct Head<'n> {
    text: &'n str,
    number: &'n str,
}

/// The patterns of [`PackageNames`] that share the text before their `{line}`.
#[derive(Debug, Default)]
struct LineNames {
    /// what follows the number, written out (`-fpm`, or nothing): the policies
    after: HashMap<String, Vec<usize>>,
    /// what follows the number up to a final `*`: its start, and the policy
    after_prefixes: Vec<(String, usize)>,
}

impl PackageNames {
    pub fn new(policies: &[&Policy]) -> PackageNames {
        fn add(to: &mut Vec<usize>, policy: usize) {
            if !to.contains(&policy) {
                to.push(policy);
            }
        }
        let mut names = PackageNames::default();
        for (i, p) in policies.iter().enumerate() {
            for d in p
                .purls()
                .filter(|d| matches!(d.ty.as_str(), "deb" | "rpm" | "apk"))
            {
                let (fixed, open) = match d.name.strip_suffix('*') {
                    Some(f) => (f, true),
                    None => (d.name.as_str(), false),
                };
                match fixed.split_once(crate::identifiers::LINE) {
                    None if open => names.prefixes.push((fixed.to_owned(), i)),
                    None => add(names.exact.entry(fixed.to_owned()).or_default(), i),
                    Some((before, after)) => {
                        if !names.before_lengths.contains(&before.len()) {
                            names.before_lengths.push(before.len());
                        }
                        let bucket = names.lines.entry(before.to_owned()).or_default();
                        if open {
                            bucket.after_prefixes.push((after.to_owned(), i));
                        } else {
                            add(bucket.after.entry(after.to_owned()).or_default(), i);
                        }
                    }
                }
            }
        }
        names
    }

    /// The policy whose package URLs name the package `name` (folded); None when none does,
    /// or when two policies' do (a name is then no one product's). The same answer as
    /// [`crate::identifiers::name_matches`] asked of every pattern.
    pub fn policy_of(&self, name: &str) -> Option<usize> {
        if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == ':' || c == '/') {
            return None;
        }
        let mut found: Option<usize> = None;
        let mut two = false;
        self.each_policy_of(name, &mut |i: usize| match found {
            None => found = Some(i),
            Some(f) if f != i => two = true,
            Some(_) => {}
        });
        found.filter(|_| !two)
    }

    /// The policies whose patterns (a `*` or `{line}` in the name) take the package `name`,
    /// each once, in no particular order: for the checker, which reports a name one product
    /// writes out and another's pattern takes.
    pub fn patterns_taking(&self, name: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut add = |i: usize| {
            if !out.contains(&i) {
                out.push(i);
            }
        };
        self.each_pattern_of(name, &mut add);
        out
    }

    /// The number `name` (folded) carries where a `{line}` pattern of policy `policy` takes it
    /// (`15` of `postgresql-15`); None when the policy writes the name out (`libpq5`), or
    /// none of its patterns with `{line}` takes it.
    pub fn line_number<'n>(&self, name: &'n str, policy: usize) -> Option<&'n str> {
        if self.exact.get(name).is_some_and(|p| p.contains(&policy)) {
            return None;
        }
        self.line_buckets(name).find_map(|(bucket, head, tail)| {
            let takes = bucket.after.get(tail).is_some_and(|p| p.contains(&policy))
                || bucket
                    .after_prefixes
                    .iter()
                    .any(|(after, i)| *i == policy && tail.starts_with(after.as_str()));
            takes.then_some(head.number)
        })
    }

    /// The `{line}` patterns' texts before the placeholder that begin `name` with a number
    /// after them: each such bucket, what the name is up to the number's end (and the number
    /// alone), and the rest of the name.
    fn line_buckets<'s, 'n>(
        &'s self,
        name: &'n str,
    ) -> impl Iterator<Item = (&'s LineNames, Head<'n>, &'n str)> + 's
    where
        'n: 's,
    {
        self.before_lengths.iter().filter_map(move |&len| {
            let (before, rest) = (name.get(..len)?, name.get(len..)?);
            let bucket = self.lines.get(before)?;
            let number = crate::identifiers::line_number_len(rest);
            let tail = rest.get(number..).filter(|_| number > 0)?;
            let head = Head {
                text: name.get(..len + number)?,
                number: rest.get(..number)?,
            };
            Some((bucket, head, tail))
        })
    }

    /// The policy a `{line}` pattern of which begins `name` (folded) with its fixed text and
    /// a number (`php8.2` of `php8.2-redis`, beside `php{line}-fpm`), and that beginning,
    /// for a name no pattern takes whole: a package under the product's prefix that no rule
    /// names. None when patterns of two policies begin it.
    pub fn prefix_of<'n>(&self, name: &'n str) -> Option<(usize, &'n str)> {
        let mut found: Option<(usize, &str)> = None;
        for (bucket, head, _) in self.line_buckets(name) {
            let owners = bucket
                .after
                .values()
                .flatten()
                .chain(bucket.after_prefixes.iter().map(|(_, i)| i));
            for &i in owners {
                match found {
                    Some((f, _)) if f != i => return None,
                    Some(_) => {}
                    None => found = Some((i, head.text)),
                }
            }
        }
        found
    }

    /// Calls `saw` with every policy that gives `name`, once per name or pattern that does.
    fn each_policy_of(&self, name: &str, saw: &mut dyn FnMut(usize)) {
        self.exact.get(name).into_iter().flatten().for_each(|&i| saw(i));
        self.each_pattern_of(name, saw);
    }

    fn each_pattern_of(&self, name: &str, saw: &mut dyn FnMut(usize)) {
        for (prefix, i) in &self.prefixes {
            if name.starts_with(prefix.as_str()) {
                saw(*i);
            }
        }
        for (bucket, _, tail) in self.line_buckets(name) {
            bucket.after.get(tail).into_iter().flatten().for_each(|&i| saw(i));
            for (after, i) in &bucket.after_prefixes {
                if tail.starts_with(after.as_str()) {
                    saw(*i);
                }
            }
        }
    }
}

/// Processor architectures as installers and package names write them: a word that
/// describes a build, not a program.
const ARCHITECTURES: [&str; 18] = [
    "x64", "x86", "x86_64", "x86-64", "amd64", "arm64", "aarch64", "arm", "armhf", "i386", "i686", "ia64",
    "win64", "win32", "64-bit", "32-bit", "64bit", "32bit",
];

/// The name before a bracketed build description that ends `text`: `Mozilla Firefox` of
/// `Mozilla Firefox (x64 en-US)`, `Notepad++` of `Notepad++ (64-bit x64)`, as Windows (and
/// osquery's `programs`, Intune, SCCM) lists installed programs. The brackets hold only
/// processor architectures (`x64`, `x86`, `amd64`, `arm64`, `64-bit`, `32 bit`, ...), at
/// least one, and language tags beside them (`en-US`, `de`); any other word (`(RC)`,
/// `(Preview)`, `(Launcher)`) may say which program or release is meant, and None is given.
fn without_build(text: &str) -> Option<&str> {
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let name = inner.get(..open)?.trim_end();
    let words: Vec<&str> = inner
        .get(open + 1..)?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let architecture = |w: &str| ARCHITECTURES.iter().any(|a| w.eq_ignore_ascii_case(a));
    // `64 bit` is one word
    let mut architectures = 0;
    let mut rest = words.as_slice();
    while let Some((&word, after)) = rest.split_first() {
        rest = match (word, after) {
            ("32" | "64", [bit, more @ ..]) if bit.eq_ignore_ascii_case("bit") => {
                architectures += 1;
                more
            }
            (w, _) if architecture(w) => {
                architectures += 1;
                after
            }
            (w, _) if is_language_tag(w) => after,
            _ => return None,
        };
    }
    (architectures > 0 && !name.is_empty()).then_some(name)
}

/// A language tag as installers write one after a program's name, in its letter case: two
/// lower-case letters (`de`), or two or three and a region or script (`en-US`, `pt-BR`,
/// `ast-ES`, `zh-Hant`, `es-419`). Not `RC`, nor `dev` or `rc` alone: a release's words.
fn is_language_tag(word: &str) -> bool {
    let lower = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase())
    };
    let region = |p: &str| {
        (p.len() == 2 && p.chars().all(|c| c.is_ascii_uppercase()))
            || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let script = |p: &str| {
        let mut cs = p.chars();
        p.len() == 4
            && cs.next().is_some_and(|c| c.is_ascii_uppercase())
            && cs.all(|c| c.is_ascii_lowercase())
    };
    match word.split('-').collect::<Vec<_>>().as_slice() {
        [language] => lower(language, 2..=2) && !["rc"].contains(language),
        [language, sub] => lower(language, 2..=3) && (region(sub) || script(sub)),
        [language, script_part, sub] => lower(language, 2..=3) && script(script_part) && region(sub),
        _ => false,
    }
}

/// A product named with its version in one text, as a tool's `--version` prints it
/// (`Python 3.9.18`, `node v22.11.0`, `go version go1.21.5 linux/amd64`,
/// `psql (PostgreSQL) 16.1`). First the text split at its last blank: the part before an id
/// or alias and the part after a version (a digit first, or `v` and a digit). Else each of its
/// lines in turn read as a version banner ([`banner`]). None when nothing reads so; a text
/// that names a product whole is not split ([`find_product`] first).
pub fn find_product_and_version<'t>(policies: &[&Policy], text: &'t str) -> Option<Typed<'t>> {
    find_product_and_version_with(policies, text, &PackageNames::new(policies), &|| {
        std::borrow::Cow::Owned(Names::new(policies))
    })
}

/// [`find_product_and_version`] with the names of `policies` indexed once ([`NameIndex`]),
/// for a caller that reads many texts, such as an audit.
pub fn find_product_and_version_in<'t>(
    policies: &[&Policy],
    index: &NameIndex,
    text: &'t str,
) -> Option<Typed<'t>> {
    find_product_and_version_with(policies, text, &index.packages, &|| {
        std::borrow::Cow::Borrowed(&index.names)
    })
}

/// A product and version read from one text ([`find_product_and_version`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed<'t> {
    /// index into the policies given
    pub index: usize,
    pub by: FoundBy,
    pub version: String,
    /// what was read: the text, or the line of it that named them
    pub read: &'t str,
    /// the words between the product's name and the version, as written (`10`,
    /// `Enterprise`, `LTSC` of `Microsoft Windows 10 Enterprise LTSC 10.0.17763`), less
    /// punctuation and words in brackets: they may say which of the lines the version is in
    /// is meant ([`LineWords`]); empty for most
    pub words: Vec<&'t str>,
    /// other releases of the product the text names beside this one, as a listing of what is
    /// installed writes them: after the version in its line (`gem list`'s `rails (7.1.2,
    /// 7.0.8)`), or on later lines that name it as this one does (`dotnet --list-runtimes`'s
    /// `Microsoft.NETCore.App 6.0.25 [...]` then `Microsoft.NETCore.App 8.0.0 [...]`); or the
    /// other side's of a tool that reports its own and its server's (`kubectl version`'s
    /// `Client Version` and `Server Version`: [`side_releases`]). A caller that answers for
    /// one release refuses the text when there are any: the one read may be supported where
    /// another has ended. Empty for most
    pub others: Vec<&'t str>,
}

impl Typed<'_> {
    /// Why the text is answered for none of the releases it names ([`Typed::others`]):
    /// "`TEXT` names several releases of `ID`: `7.1.2`, `7.0.8`"; None when it names one.
    pub fn several_releases(&self, text: &str, id: &str) -> Option<String> {
        if self.others.is_empty() {
            return None;
        }
        let releases: Vec<String> = std::iter::once(self.version.as_str())
            .chain(self.others.iter().copied())
            .map(|v| format!("`{v}`"))
            .collect();
        Some(format!(
            "`{}` names several releases of `{id}`: {}",
            text.trim(),
            releases.join(", ")
        ))
    }
}

fn find_product_and_version_with<'n, 't>(
    policies: &[&Policy],
    text: &'t str,
    packages: &PackageNames,
    names: &dyn Fn() -> std::borrow::Cow<'n, Names>,
) -> Option<Typed<'t>> {
    // a container image reference whose image a rule names: `registry.k8s.io/kube-apiserver:v1.30.2`
    if let Some(mut image) = crate::identifiers::image_reference(text) {
        // a registry's mirror of an official image is the official image
        if mirrors_official_images(&image.namespace) {
            image.namespace = "library".to_owned();
        }
        if let Some((index, FoundBy::Purl)) = find_by_purl(policies, &image, "") {
            return Some(Typed {
                index,
                by: FoundBy::Purl,
                version: image.version.unwrap_or_default(),
                read: text.trim(),
                words: Vec::new(),
                others: Vec::new(),
            });
        }
        // an image no rule names is read by its name's words below; one that an account or
        // registry of its own publishes only as a product that account is related to
        // ([`owner_relates`])
        if !named_by_its_name(&image) {
            let typed = read_product_and_version(policies, text, packages, names)?;
            let policy = policies.get(typed.index)?;
            return owner_relates(policy, &image.namespace).then_some(typed);
        }
        // an official image is its name, at its tag
        let named = format!("{} {}", image.name, image.version.as_deref().unwrap_or_default());
        let typed = read_product_and_version(policies, &named, packages, names)?;
        return Some(Typed {
            index: typed.index,
            by: typed.by,
            version: typed.version,
            read: text.trim(),
            words: Vec::new(),
            others: Vec::new(),
        });
    }
    // a search server's root document that names its distribution (OpenSearch's)
    if text.trim_start().starts_with('{') {
        if let Some((version, Some(index))) = version_number(&names(), text) {
            return Some(Typed {
                index,
                by: FoundBy::Id,
                version: version.to_owned(),
                read: text.trim(),
                words: Vec::new(),
                others: Vec::new(),
            });
        }
    }
    let mut typed = read_product_and_version(policies, text, packages, names)?;
    // a client's and a server's release (`docker version`'s two sections, or its document)
    let multiline = text.trim().contains('\n');
    if !multiline && !text.trim_start().starts_with('{') {
        return Some(typed);
    }
    let names = names();
    let mut sides = document_sides(&names, typed.index, text).unwrap_or_default();
    if multiline {
        sides.extend(side_releases(&names, text, typed.index, &typed.version));
    }
    for other in sides {
        if !same_release(other, &typed.version) && !typed.others.iter().any(|o| same_release(o, other)) {
            typed.others.push(other);
        }
    }
    Some(typed)
}

/// [`find_product_and_version_with`] for a text that is no image a rule names.
fn read_product_and_version<'n, 't>(
    policies: &[&Policy],
    text: &'t str,
    packages: &PackageNames,
    names: &dyn Fn() -> std::borrow::Cow<'n, Names>,
) -> Option<Typed<'t>> {
    // an identifier carries its own version (`pkg:generic/node 20` is not split)
    if let Some((name, version)) = name_and_version(text).filter(|_| !is_identifier(text)) {
        // what is close to a name that is no product is of no use here
        if let ProductLookup::Found {
            index,
            by: by @ (FoundBy::Id | FoundBy::Alias | FoundBy::Package),
            version: None,
        } = find_product_with(policies, name, packages, None, &|_| Vec::new())
        {
            return Some(Typed {
                index,
                by,
                version: version.to_owned(),
                read: text.trim(),
                words: Vec::new(),
                others: Vec::new(),
            });
        }
    }
    if is_identifier(text) {
        return None;
    }
    let names = names();
    // a report that gives the program's own version under a bare `Version:` key labels its
    // components' versions with their names (`Go version: go1.21.6` in `podman version`'s and
    // `docker version`'s, `"openSSLVersion": "OpenSSL 3.0.2 15 Mar 2022"` in `mongod
    // --version`'s build information): those lines are not the program's; nor are they in a
    // JSON object a tool prints (`kubectl version -o json`'s `"goVersion": "go1.20.11"`)
    let bare = has_bare_version(text);
    let report = text.trim_start().starts_with('{') || bare;
    // the record's versions by their keys' beginnings, gathered once, when a name key first
    // reads as a banner ([`versioned_by_its_record`])
    let mut versions: Option<HashMap<String, &'t str>> = None;
    // a record's name that has no version of its own beside it (`WindowsProductName : Windows
    // 10 Pro` of `Get-ComputerInfo`, which says 10 on Windows 11 too) is read only when no later
    // line reads: a later name with its version (`OsName` and `OsVersion`) is the record's
    let mut unpaired: Option<Typed<'t>> = None;
    // a line that labels a version with a name, after a line that has a version already and
    // names another product or none, is a component's: `node_exporter, version 1.7.0 (...)`
    // and then `go version: go1.21.4` (the Prometheus projects' `--version`), `WSL version:
    // 2.0.9.0` and then `Kernel version: 5.15.133.1-1` (`wsl --version`); the program is the
    // first, whether or not a rule knows it
    let mut first: Option<Option<usize>> = None;
    // ... and when the first line with a version reads as no product (it names none, or
    // another program after a product's name), a later line that names another product is
    // read only when it gives that version again: `java -version`'s `openjdk version
    // "21.0.2"`, then `OpenJDK Runtime Environment Temurin-21.0.2+13 (build 21.0.2+13)`; not
    // `k3s version v1.28.4+k3s2`, then the Go it was built with (`go version go1.20.11`), nor
    // `CoreDNS-1.11.1` then `linux/amd64, go1.20.7, ae2bbc2`, nor `openresty -V`'s `nginx
    // version: openresty/1.21.4.3` then `built with OpenSSL 1.1.1w`. Records pair names and
    // versions by their keys instead (`systeminfo`, os-release): a later `Key: value` line is
    // left to that pairing.
    let mut first_version: Option<&str> = None;
    for line in lines_of(text) {
        // a row of a package listing (`dpkg -l`, `rpm -qa`) is its package at its version,
        // never a banner: `ii  php8.2-redis  6.0.2-1  amd64 ...` is no PHP 8.2; a package no
        // rule names is passed over
        if let Some(row) = crate::identifiers::package_in_one(line) {
            match package_row(policies, packages, row) {
                Some((index, by)) => {
                    return Some(Typed {
                        index,
                        by,
                        version: row.version.to_owned(),
                        read: line.trim(),
                        words: Vec::new(),
                        others: other_package_rows(policies, packages, text, line, index, row.version),
                    });
                }
                None => continue,
            }
        }
        let labelled = labels_a_component(line);
        if report && labelled {
            continue;
        }
        let read = banner(&names, line);
        let named = match &read {
            Some(Banner::Product { index, .. } | Banner::Another { index, .. }) => Some(*index),
            None => None,
        };
        match first {
            Some(program) if labelled && named != program => continue,
            Some(program) if named.is_some() && named != program && key_and_value(line).is_none() => {
                let again = first_version.is_some_and(|v| banner_words(line).any(|w| same_release(w, v)));
                if !again {
                    continue;
                }
            }
            // (a version written onto a name no rule knows is one: `CoreDNS-1.11.1`)
            None if banner_words(line).any(|w| is_version_word(w) || onto_an_unknown_name(w).is_some()) => {
                first = Some(named);
                let words: Vec<&str> = banner_words(line).collect();
                first_version = match words.iter().find_map(|w| onto_an_unknown_name(w)) {
                    Some((_, onto)) => Some(onto),
                    None => version_at(&words).and_then(|at| words.get(at).copied()),
                };
            }
            _ => {}
        }
        let Some(Banner::Product {
            index,
            by,
            version,
            words,
        }) = read
        else {
            continue;
        };
        let versions = versions.get_or_insert_with(|| record_versions(text));
        if let Some(typed) = versioned_by_its_record(policies, &names, (bare, versions), line, index) {
            return Some(typed);
        }
        let others = match &unpaired {
            None if !names_a_record(line) => other_releases(&names, text, line, index, &version),
            _ => Vec::new(),
        };
        let typed = Typed {
            index,
            by,
            version,
            read: line.trim(),
            words,
            others,
        };
        if !names_a_record(line) {
            return Some(unpaired.unwrap_or(typed));
        }
        unpaired.get_or_insert(typed);
    }
    unpaired.or_else(|| record(policies, packages, text))
}

/// The product a package row ([`crate::identifiers::package_in_one`]) names by its package's
/// name, as a name given beside a version is found: by id, alias or a rule's package name.
fn package_row(
    policies: &[&Policy],
    packages: &PackageNames,
    row: crate::identifiers::PackageInOne<'_>,
) -> Option<(usize, FoundBy)> {
    match find_product_with(policies, row.name, packages, None, &|_| Vec::new()) {
        ProductLookup::Found {
            index,
            by: by @ (FoundBy::Id | FoundBy::Alias | FoundBy::Package),
            version: None,
        } => Some((index, by)),
        _ => None,
    }
}

/// The releases of product `index` that the package rows of `text` after `line` give beside
/// `version` (`dpkg -l | grep php` listing `php8.2-cli` and `php8.1-cli`): [`Typed::others`].
fn other_package_rows<'t>(
    policies: &[&Policy],
    packages: &PackageNames,
    text: &'t str,
    line: &'t str,
    index: usize,
    version: &str,
) -> Vec<&'t str> {
    let at = (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize) + line.len();
    let mut others: Vec<&'t str> = Vec::new();
    for next in text.get(at..).unwrap_or_default().lines() {
        let Some(row) = crate::identifiers::package_in_one(next) else {
            continue;
        };
        let other =
            !same_release(row.version, version) && !others.iter().any(|o| same_release(o, row.version));
        if other && package_row(policies, packages, row).is_some_and(|(i, _)| i == index) {
            others.push(row.version);
        }
    }
    others
}

/// The other releases of product `index` that `text` names beside `version`, read from its
/// line `line` ([`Typed::others`]): versions listed after it in that line, a comma before
/// each (`rails (7.1.2, 7.0.8)`), and the versions of later lines that read as the same
/// product and name it with the same words before their version (`Microsoft.NETCore.App
/// 6.0.25 [...]`, then `Microsoft.NETCore.App 8.0.0 [...]`). A release given again is none
/// (`21.0.2+13` of `21.0.2`), nor is a later line that names the product otherwise: `java
/// -version`'s `OpenJDK 64-Bit Server VM (build 25.392-b08, mixed mode)` gives its virtual
/// machine's build, not another Java.
fn other_releases<'t>(
    names: &Names,
    text: &'t str,
    line: &'t str,
    index: usize,
    version: &str,
) -> Vec<&'t str> {
    let mut others: Vec<&'t str> = Vec::new();
    let offset = |inner: &str, outer: &str| (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize);
    // the words before the version, less versions (`Microsoft.NETCore.App`; `python` of brew's
    // `python@3.12 3.12.1`), the version as written, and the rest of the line after it
    let name_of = |line: &'t str, version: &str| -> Option<(String, &'t str, &'t str)> {
        let word = banner_words(line).find(|w| {
            w.trim_start_matches(['v', 'V']) == version.trim_start_matches(['v', 'V']) || *w == version
        })?;
        let at = offset(word, line)?;
        let before: Vec<String> = banner_words(line.get(..at)?)
            .filter(|w| !is_version_word(w))
            .map(fold)
            .collect();
        Some((before.join(" "), word, line.get(at + word.len()..)?))
    };
    let Some((name, _, mut rest)) = name_of(line, version) else {
        return others;
    };
    // `(7.1.2, 7.0.8)`: a list after the version
    while let Some(after) = rest.trim_start().strip_prefix(',') {
        let after = after.trim_start();
        let end = after
            .find(|c: char| c.is_whitespace() || ",;)]}".contains(c))
            .unwrap_or(after.len());
        let Some(word) = after.get(..end).filter(|w| is_version_word(w)) else {
            break;
        };
        if !same_release(word, version) && !others.iter().any(|o| same_release(o, word)) {
            others.push(word);
        }
        rest = after.get(end..).unwrap_or_default();
    }
    // later in the line, the product named again with another version: nginx -V's `built
    // with OpenSSL 3.0.11 ... (running with OpenSSL 1.1.1w ...)`
    let words: Vec<&'t str> = banner_words(rest).collect();
    for pair in words.windows(2) {
        let [word, next] = pair else { continue };
        let named = names.get(&fold(word)).is_some_and(|(i, _)| i == index);
        if named
            && is_version_word(next)
            && !same_release(next, version)
            && !others.iter().any(|o| same_release(o, next))
        {
            others.push(next);
        }
    }
    // later lines that name the product as this one does
    let Some(later) = offset(line, text).and_then(|at| text.get(at + line.len()..)) else {
        return others;
    };
    for next in later.lines() {
        let Some(Banner::Product {
            index: i, version: v, ..
        }) = banner(names, next)
        else {
            continue;
        };
        if i != index || same_release(&v, version) || others.iter().any(|o| same_release(o, &v)) {
            continue;
        }
        if let Some((next_name, word, _)) = name_of(next, &v) {
            // named as the first line names it, or, both lines, by a whole name of the
            // product (`Microsoft.AspNetCore.App 8.0.0` and `Microsoft.NETCore.App 6.0.25`)
            let by_name = |n: &str| names.get(n).is_some_and(|(i, _)| i == index);
            if next_name == name || (by_name(&name) && by_name(&next_name)) {
                others.push(word);
            }
        }
    }
    others
}

/// The side of a client-and-server report that a `Key: value` line speaks for, by its key
/// ([`side_releases`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Client,
    Server,
}

/// The side a key names when its words are only a side's and `version`: `Client Version`,
/// `client`, `Server version`, `control plane version` and `data plane version` (the
/// server's), `clientVersion` and `serverVersion` as JSON and YAML write them; None for any
/// other (`Kustomize Version`, `Server built`, `Client API library version`).
fn side_of_key(key: &str) -> Option<Side> {
    // words apart at what is no letter or digit, and where a capital follows a small letter
    // (`clientVersion`, `ServerVersion`)
    let mut words: Vec<String> = Vec::new();
    let mut previous = ' ';
    for c in key.chars() {
        if !c.is_ascii_alphanumeric() {
            previous = ' ';
            continue;
        }
        match words.last_mut() {
            Some(word) if previous != ' ' && !(previous.is_ascii_lowercase() && c.is_ascii_uppercase()) => {
                word.push(c.to_ascii_lowercase());
            }
            _ => words.push(c.to_ascii_lowercase().to_string()),
        }
        previous = c;
    }
    let mut side = None;
    let mut at = 0;
    while let Some(word) = words.get(at) {
        let this = match word.as_str() {
            "version" => None,
            "client" => Some(Side::Client),
            "server" => Some(Side::Server),
            "control" | "data" if words.get(at + 1).is_some_and(|w| w == "plane") => {
                at += 1;
                Some(Side::Server)
            }
            _ => return None,
        };
        if this.is_some() {
            if side.is_some() && side != this {
                return None;
            }
            side = this;
        }
        at += 1;
    }
    side
}

/// The version a side's value gives: Go's printing of a version struct (`kubectl version`'s
/// `version.Info{Major:"1", Minor:"27", GitVersion:"v1.27.3", ...}`, Helm 2's `SemVer:"v2.16.1"`),
/// else its version word (the first with a dot): `v1.27.7-eks-4f4795d`, `5.7.44 MySQL
/// Community Server (GPL)`, `1.19.3 (10 proxies)`.
fn side_version(value: &str) -> Option<&str> {
    for key in ["GitVersion:\"", "SemVer:\""] {
        if let Some(at) = value.find(key) {
            let rest = value.get(at + key.len()..)?;
            return rest.get(..rest.find('"')?).filter(|v| is_version_word(v));
        }
    }
    if value.contains('{') {
        return None;
    }
    let words: Vec<&str> = banner_words(value).collect();
    words.get(version_at(&words)?).copied()
}

/// The releases of product `index` that a client-and-server report gives beside `version`
/// ([`Typed::others`]). `kubectl version` prints `Client Version: v1.33.1` and `Server
/// Version: v1.27.7-eks-4f4795d`; `oc version`, `istioctl version` (`control plane
/// version`) alike; `docker version` and `velero version` print a
/// `Client:` and a `Server:` section, each with its `Version:`; the `mysql` client's
/// `status` gives the `Server version` it is connected to. The client is the tool, the
/// server what it talks to: when their releases differ, judging one would speak for the
/// other too. A side whose value or section names another product is not this one's (an
/// HTTP response's `Server: Apache/2.4.58` beside PHP's `X-Powered-By`); without both
/// sides, a server's counts only when its value names the product (`Server version: 5.7.44
/// MySQL Community Server (GPL)`).
fn side_releases<'t>(names: &Names, text: &'t str, index: usize, version: &str) -> Vec<&'t str> {
    if !text.trim().contains('\n') {
        return Vec::new();
    }
    let mut sides: Vec<(Side, &'t str, bool)> = Vec::new();
    // a section's side, until its first bare `Version:`, and whether its header names the
    // product (`Client: Docker Engine - Community`)
    let mut section: Option<(Side, Option<bool>)> = None;
    // whether a value names the product (Some(true)), another (Some(false)) or none
    let names_it = |value: &str| value_names(names, value, index);
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if let Some(side) = side_of_key(key) {
            match side_version(value) {
                Some(v) => {
                    section = None;
                    match names_it(value) {
                        Some(false) => {}
                        named => sides.push((side, v, named == Some(true))),
                    }
                }
                None if !value.contains('{') => section = Some((side, names_it(value))),
                None => section = None,
            }
            continue;
        }
        if folded_key(key.trim().trim_matches('"')) != "version" {
            continue;
        }
        if let Some((side, named)) = section.take() {
            if named != Some(false) {
                if let Some(v) = side_version(value) {
                    sides.push((side, v, named == Some(true)));
                }
            }
        }
    }
    let both = sides.iter().any(|s| s.0 == Side::Client) && sides.iter().any(|s| s.0 == Side::Server);
    let mut others: Vec<&'t str> = Vec::new();
    for (side, v, named) in sides {
        let counts = both || (side == Side::Server && named);
        if counts && !same_release(v, version) && !others.iter().any(|o| same_release(o, v)) {
            others.push(v);
        }
    }
    others
}

/// The releases a document of a client's and a server's versions gives, in its order:
/// `kubectl version -o json` and `-o yaml` (`clientVersion` and `serverVersion`, each an
/// object with its `gitVersion`), `docker version --format json` and `podman version
/// --format json` (`Client` and `Server`, each with its `Version`). A side whose object
/// names another product than policy `index` is not this one's (`"Platform": {"Name":
/// "Docker Engine - Community"}` beside `kubernetes`). None when the text is no such
/// document, or none of its sides is this product's. As [`side_releases`] does for the
/// same reports printed as text, a caller judges the first and refuses the text when there
/// are more.
fn document_sides<'t>(names: &Names, index: usize, text: &'t str) -> Option<Vec<&'t str>> {
    let mut found: Vec<(&'t str, bool)> = Vec::new();
    let names_another = |value: &str| value_names(names, value, index) == Some(false);
    // the version under a side's key: its `gitVersion`, else its `version`
    let version_key = |key: &str| match folded_key(key.trim().trim_matches('"')).as_str() {
        "gitversion" => Some(0),
        "version" => Some(1),
        _ => None,
    };
    if text.trim_start().starts_with('{') {
        let serde_json::Value::Object(document) = serde_json::from_str(text.trim()).ok()? else {
            return None;
        };
        let mut strings: Option<std::collections::HashSet<&'t str>> = None;
        for (key, value) in &document {
            if side_of_key(key).is_none() {
                continue;
            }
            let (version, another) = match value {
                serde_json::Value::String(v) => (Some(v.as_str()), names_another(v)),
                serde_json::Value::Object(side) => {
                    let version = side
                        .iter()
                        .filter_map(|(k, v)| Some((version_key(k)?, v.as_str()?)))
                        .min_by_key(|(rank, _)| *rank)
                        .map(|(_, v)| v);
                    // its names, and those of the objects in it (`Platform.Name`); not
                    // its other fields (`"goVersion": "go1.22.4"`, `"platform":
                    // "linux/amd64"`)
                    let named = |k: &str, v: &serde_json::Value| {
                        folded_key(k).ends_with("name") && v.as_str().is_some_and(names_another)
                    };
                    let another = side.iter().any(|(k, v)| match v {
                        serde_json::Value::Object(o) => o.iter().any(|(k, v)| named(k, v)),
                        _ => named(k, v),
                    });
                    (version, another)
                }
                _ => continue,
            };
            let Some(version) = version.filter(|v| is_version_word(v)) else {
                continue;
            };
            // the version as the text writes it (one pass over the text, however many
            // sides it has)
            let written = strings.get_or_insert_with(|| json_strings(text));
            if let Some(v) = written.get(version) {
                found.push((v, another));
            }
        }
    } else {
        // YAML: a side's key alone on a line at the left margin, its fields indented below
        let mut side: Option<usize> = None;
        let mut versions: Vec<(Option<(usize, &'t str)>, bool)> = Vec::new();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if !line.starts_with(char::is_whitespace) {
                side = None;
                if side_of_key(key).is_some() && value.is_empty() {
                    versions.push((None, false));
                    side = Some(versions.len() - 1);
                }
                continue;
            }
            let Some(at) = side else {
                continue;
            };
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
                .unwrap_or(value);
            let Some(entry) = versions.get_mut(at) else {
                continue;
            };
            entry.1 |= folded_key(key).ends_with("name") && names_another(unquoted);
            if let Some(rank) = version_key(key).filter(|_| is_version_word(unquoted)) {
                if entry.0.is_none_or(|(r, _)| rank < r) {
                    entry.0 = Some((rank, unquoted));
                }
            }
        }
        found.extend(
            versions
                .into_iter()
                .filter_map(|(v, another)| Some((v?.1, another))),
        );
    }
    let mut releases: Vec<&'t str> = Vec::new();
    for (v, another) in found {
        if !another && !releases.iter().any(|r| same_release(r, v)) {
            releases.push(v);
        }
    }
    (!releases.is_empty()).then_some(releases)
}

/// The strings of a JSON text as it writes them, between their quotes, those without an
/// escape in them (a version has none): one pass.
fn json_strings(text: &str) -> std::collections::HashSet<&str> {
    let mut strings = std::collections::HashSet::new();
    let mut open: Option<usize> = None;
    let mut escaped = false;
    let mut plain = true;
    for (at, c) in text.char_indices() {
        match open {
            None if c == '"' => {
                open = Some(at + 1);
                plain = true;
            }
            None => {}
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => {
                escaped = true;
                plain = false;
            }
            Some(start) if c == '"' => {
                if let Some(s) = text.get(start..at).filter(|_| plain) {
                    strings.insert(s);
                }
                open = None;
            }
            Some(_) => {}
        }
    }
    strings
}

/// The release a search server's root document gives (`curl -s localhost:9200`, as
/// Elasticsearch and OpenSearch answer it): the `number` of its `version` object, and the
/// product its `distribution` names, if it names one (`opensearch`); its `name` is the
/// node's, not the product's. None for any other text.
fn version_number<'t>(names: &Names, text: &'t str) -> Option<(&'t str, Option<usize>)> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let serde_json::Value::Object(document) = serde_json::from_str(text.trim()).ok()? else {
        return None;
    };
    let version = document.get("version")?.as_object()?;
    let number = version.get("number")?.as_str().filter(|v| is_version_word(v))?;
    let named = version
        .get("distribution")
        .and_then(|d| d.as_str())
        .and_then(|d| names.get(&d.to_lowercase()))
        .map(|(i, _)| i);
    let at = text.find(&format!("\"{number}\""))? + 1;
    Some((text.get(at..at + number.len())?, named))
}

/// The version Go prints in a program's version struct: a value of a type of a package
/// called `version`, as `helm version` prints `version.BuildInfo{Version:"v3.14.0",
/// GitCommit:"...", GoVersion:"go1.21.5"}` (Helm 2 `&version.Version{SemVer:"v2.16.1", ...}`
/// after its side's `Client:`, kubectl before 1.28 `version.Info{..., GitVersion:"v1.27.3",
/// ...}`): its `GitVersion`, `Version` or `SemVer` field, the first there is (not
/// `GoVersion`, the compiler's). None for any other line.
fn go_version_struct(line: &str) -> Option<&str> {
    let mut rest = line.trim();
    // a side's key before it (`Client: &version.Version{...}`)
    if let Some((key, value)) = rest.split_once(':') {
        if !key.contains(['{', '"']) && side_of_key(key).is_some() {
            rest = value.trim();
        }
    }
    let rest = rest.strip_prefix('&').unwrap_or(rest).strip_prefix("version.")?;
    let open = rest.find('{')?;
    if !rest.get(..open)?.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let fields = rest.get(open + 1..)?.strip_suffix('}')?;
    fields.split(", ").find_map(|field| {
        let (name, value) = field.split_once(':')?;
        let value = value.strip_prefix('"')?.strip_suffix('"')?;
        (matches!(name.trim(), "GitVersion" | "Version" | "SemVer") && is_version_word(value))
            .then_some(value)
    })
}

/// Whether a value names product `index` (Some(true)), another (Some(false)) or none: as a
/// banner, or, without a version or with one before the name (`5.7.44 MySQL Community
/// Server`, `Docker Engine - Community`), by the first name among its words, the most words
/// that make one.
fn value_names(names: &Names, value: &str, index: usize) -> Option<bool> {
    match banner(names, value) {
        Some(Banner::Product { index: i, .. }) => Some(i == index),
        Some(Banner::Another { .. }) => Some(false),
        None => {
            let words: Vec<&str> = banner_words(value).collect();
            let named = (0..words.len()).find_map(|start| {
                (1..=names.most_words.min(words.len() - start))
                    .rev()
                    .find_map(|n| names.get(&words.get(start..start + n)?.join(" ")))
            });
            named.map(|(i, _)| i == index)
        }
    }
}

/// Whether two version words name one release, one perhaps with a build after it: `21.0.2`
/// and `21.0.2+13`, `v3.19` and `3.19.0`; not `3.1` and `3.19`.
fn same_release(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_start_matches(['v', 'V']), b.trim_start_matches(['v', 'V']));
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    !short.is_empty()
        && short.starts_with(|c: char| c.is_ascii_digit())
        && long
            .strip_prefix(short)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether `line` is a record's name: a `Key: value` line whose key ends in `Name` (`OS Name`,
/// `WindowsProductName`).
fn names_a_record(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(key, _)| folded_key(key).ends_with("name"))
}

/// A banner that is the value of a record's name key, when the record gives the version
/// under the key of the same prefix: `systeminfo`'s `OS Name: Microsoft Windows 11 Pro`
/// beside `OS Version: 10.0.22631 N/A Build 22631`. The name's number is no release but the
/// product's marketing name (`11` is fourteen lines of Windows); the version is the
/// record's, and the words after the product's name (`11 Pro`) say which of its lines is
/// meant, as in `eol status "Microsoft Windows 11 Pro" 10.0.22631`. None when the line is
/// no name key, the record has no such version, or the name is not the product's alone.
fn versioned_by_its_record<'t>(
    policies: &[&Policy],
    names: &Names,
    (bare, versions): (bool, &HashMap<String, &'t str>),
    line: &'t str,
    index: usize,
) -> Option<Typed<'t>> {
    let (key, value) = line.split_once(':')?;
    let key = folded_key(key);
    let prefix = key.strip_suffix("name")?;
    // not a part a report names beside its program's bare `Version` ([`record_fields`])
    if bare && !prefix.is_empty() {
        return None;
    }
    let version = *versions.get(prefix)?;
    if !is_version_word(version) {
        return None;
    }
    let q = qualified_with(policies, names, value)?;
    (q.index == index).then(|| Typed {
        index,
        by: q.by,
        version: version.to_owned(),
        read: line.trim(),
        words: q.words,
        others: Vec::new(),
    })
}

/// The lines of `text` as its readers take them: its lines, or, for a JSON document written
/// on one line (`kubectl version -o json | jq -c`, `curl -s localhost:9200`), its members,
/// each as a pretty printer would put it on a line of its own (`"name":"node-1"`,
/// `"version":`, `"number":"7.10.2"`): a name in one member and a version in another are
/// not a banner (`{"name":"node-1", ... "number":"7.10.2"}` is no Node.js 7.10.2).
pub(crate) fn lines_of(text: &str) -> Vec<&str> {
    json_members(text).unwrap_or_else(|| text.lines().collect())
}

/// The members of a JSON document written on one line ([`lines_of`]), split where a pretty
/// printer breaks its lines (after `{`, `[` and `,`, before `}` and `]`, outside strings);
/// None for any other text.
fn json_members(text: &str) -> Option<Vec<&str>> {
    let trimmed = text.trim();
    if !trimmed.starts_with(['{', '[']) || trimmed.contains('\n') {
        return None;
    }
    serde_json::from_str::<serde::de::IgnoredAny>(trimmed).ok()?;
    let mut members = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (at, c) in trimmed.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '{' | '}' | '[' | ']' | ',' => {
                if let Some(member) = trimmed.get(start..at).map(str::trim).filter(|m| !m.is_empty()) {
                    members.push(member);
                }
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    Some(members)
}

/// The first word of the value of each `Key: value` line of `text` whose key ends in
/// `version`, by the key's beginning (`os` for `OS Version: 10.0.22631 N/A Build 22631`), the
/// first such line's for each: one pass over the text, however many of its lines are names.
fn record_versions(text: &str) -> HashMap<String, &str> {
    let mut versions = HashMap::new();
    for line in lines_of(text) {
        let Some((key, value)) = key_and_value(line) else {
            continue;
        };
        if let Some(prefix) = folded_key(key).strip_suffix("version") {
            if let Some(first) = value.split_whitespace().next() {
                versions.entry(prefix.to_owned()).or_insert(first);
            }
        }
    }
    versions
}

/// Whether a line of `text` gives a version under a bare `Version:` key (or `"version":`, as
/// JSON writes it): a report of a program's own version, whose other versions are its parts'.
fn has_bare_version(text: &str) -> bool {
    lines_of(text).into_iter().any(|l| {
        l.split_once(':')
            .is_some_and(|(key, _)| folded_key(key.trim().trim_matches('"')) == "version")
    })
}

/// A line that labels a version with a name: its key before a `:`, without the quotes a
/// JSON key has, is some words and then `version` (`Go version:`, `API Version:`,
/// `"openSSLVersion":`, `"goVersion":`); in a report with a bare `Version:` (the program's
/// own), a component's, as `docker version` and `podman version` print them.
fn labels_a_component(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        let key = folded_key(key.trim().trim_matches('"'));
        key.strip_suffix("version")
            .is_some_and(|before| !before.is_empty() && before.chars().all(char::is_alphanumeric))
    })
}

/// A record's name and version ([`record_fields`]): the value of `Package` or the first
/// `…Name` key that has a `…Version` key beginning alike, the line it stands on, the first
/// word of that version key's value (not a build's), and whether the record is `pip show`'s (it has `Required-by`), whose name
/// is a PyPI package's.
pub struct RecordFields<'t> {
    pub name: &'t str,
    pub line: &'t str,
    pub version: &'t str,
    pub of_pip: bool,
}

/// A record's line split into its key and its value: at its first `:` (`Name : openssl`), or
/// at its first `=` when that comes before any `:` and what is before it is a variable's name,
/// as `/etc/os-release` writes its keys (`NAME="VMware Photon OS"`), the value then without
/// the quotes around it.
fn key_and_value(line: &str) -> Option<(&str, &str)> {
    let at = line.find([':', '='])?;
    let (key, value) = (line.get(..at)?, line.get(at + 1..)?.trim());
    if line.get(at..=at) == Some(":") {
        // a JSON member's key and string value, without their quotes (`"name": "nginx",`)
        fn json(t: &str) -> Option<&str> {
            let t = t.trim();
            t.strip_prefix('"').and_then(|t| t.strip_suffix('"'))
        }
        if let (Some(k), Some(v)) = (json(key), json(value.strip_suffix(',').unwrap_or(value))) {
            return Some((k, v));
        }
        return Some((key, value));
    }
    // a shell variable's name, as os-release's are, not words around an `=`
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(value);
    Some((key, unquoted.trim()))
}

/// A record's key as it is compared: lower case, without blanks, `_` and `-` (`OS Name`,
/// `os_name` and `OSName` are `osname`).
fn folded_key(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The [`RecordFields`] of a text of `Key: value` lines; None without both keys. A name and a
/// version go together when their keys begin alike: `ProductName` and `ProductVersion`, `OS
/// Name` and `OS Version`, `Name` (or `Package`) and `Version`, or, in `/etc/os-release`,
/// `NAME` and `VERSION_ID` when there is no `VERSION` (Alpine's). `Host Name: web1` beside
/// `Node Version: 20.10.0` is no record of a product called `web1`.
pub fn record_fields(text: &str) -> Option<RecordFields<'_>> {
    let mut names: Vec<(String, &str, &str)> = Vec::new();
    let mut versions: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut version_id: Option<&str> = None;
    let mut of_pip = false;
    for line in lines_of(text) {
        let Some((key, value)) = key_and_value(line) else {
            continue;
        };
        let key = folded_key(key);
        of_pip |= key == "requiredby";
        if key == "package" && !value.is_empty() {
            names.push((String::new(), value, line.trim()));
        } else if let Some(prefix) = key.strip_suffix("name").filter(|_| !value.is_empty()) {
            names.push((prefix.to_owned(), value, line.trim()));
        }
        if let Some(prefix) = key.strip_suffix("version").filter(|_| !key.contains("build")) {
            if let Some(first) = value.split_whitespace().next() {
                versions.entry(prefix.to_owned()).or_insert(first);
            }
        }
        // /etc/os-release gives some systems' version only as `VERSION_ID` (Alpine's)
        if version_id.is_none() && key == "versionid" {
            version_id = value.split_whitespace().next();
        }
    }
    // a report that gives its program's version under a bare `Version` key names its parts
    // with the others (`dotnet --info`'s `OS Name: ubuntu` and `OS Version: 22.04` are the
    // system it runs on, not .NET)
    let bare = versions.contains_key("");
    let (name, line, version) = names.into_iter().find_map(|(prefix, name, line)| {
        if bare && !prefix.is_empty() {
            return None;
        }
        let version = versions
            .get(&prefix)
            .copied()
            .or(version_id.filter(|_| prefix.is_empty()))?;
        Some((name, line, version))
    })?;
    Some(RecordFields {
        name,
        line,
        version,
        of_pip,
    })
}

/// A product and its version as a tool prints them on lines of their own, `Key: value`
/// each: `sw_vers` (`ProductName: macOS` / `ProductVersion: 14.2.1`), `pip show`
/// (`Name: Django` / `Version: 4.2.7`), `rpm -qi` (`Name : openssl` / `Version : 3.0.7`),
/// `dpkg -s` (`Package: libssl3` / `Version: 3.0.17-1~deb12u2`), `/etc/os-release`
/// (`NAME="VMware Photon OS"` / `VERSION="5.0"`). The name and the version are a pair of
/// keys that begin alike ([`record_fields`]); the name must be a product's id, alias or
/// package name, whole, and the version (not a build's: `BuildVersion: 23C71`) must start as
/// a version does. None unless both are there; read only when no line reads as a banner.
/// `pip show`'s record (it has a `Required-by` key) names a package of the Python Package
/// Index, which is a product only when its rules give its package URL (`pkg:pypi/django`):
/// `Name: redis` there is the Redis client library, not Redis.
fn record<'t>(policies: &[&Policy], packages: &PackageNames, text: &'t str) -> Option<Typed<'t>> {
    let RecordFields {
        name,
        line,
        version,
        of_pip,
    } = record_fields(text)?;
    let digits = version.strip_prefix(['v', 'V']).unwrap_or(version);
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if of_pip {
        let purl = Purl::parse(&format!("pkg:pypi/{}", name.to_ascii_lowercase())).ok()?;
        let (index, by) = find_by_purl(policies, &purl, "")?;
        return Some(Typed {
            index,
            by,
            version: version.to_owned(),
            read: line,
            words: Vec::new(),
            others: Vec::new(),
        });
    }
    match find_product_with(policies, name, packages, None, &|_| Vec::new()) {
        ProductLookup::Found {
            index,
            by: by @ (FoundBy::Id | FoundBy::Alias | FoundBy::Package),
            version: None,
        } => Some(Typed {
            index,
            by,
            version: version.to_owned(),
            read: line,
            words: Vec::new(),
            others: Vec::new(),
        }),
        _ => None,
    }
}

/// A version banner that starts with a product's name but goes on with words that name
/// another program before its version (`jQuery Mobile 1.4.5`, `nginx Unit 1.31.1`,
/// `Windows PowerShell 5.1`): that product, the words, and the version. Such a banner is not
/// read as the product's ([`find_product_and_version`] gives None): its version is most
/// likely the other program's, and judging it by the product's lines could call a release
/// supported that is not. For a help that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnotherProgram<'t> {
    /// index into the policies given
    pub index: usize,
    /// the words after the product's name that are none of its own, as written (`UI`); or
    /// the word before it that makes another program's name (`Darwin`)
    pub words: Vec<&'t str>,
    pub version: &'t str,
    /// when the words come before the product's name: the name as the banner writes it
    /// (`Kernel` of `Darwin Kernel Version 23.2.0`)
    pub before: Option<&'t str>,
}

impl AnotherProgram<'_> {
    /// Why the banner is not read as the product's, given its id and display name: "`Unit`
    /// follows the name of `nginx` (nginx), so `1.31.1` may be another program's version".
    pub fn reason(&self, id: &str, label: &str) -> String {
        let words = self.words.join(" ");
        let version = self.version;
        match self.before {
            None => format!(
                "`{words}` follows the name of `{id}` ({label}), so `{version}` may be another program's version"
            ),
            Some(name) => format!(
                "`{words} {name}` names another program than `{id}` ({label}), so `{version}` may be \
                 another program's version"
            ),
        }
    }
}

/// [`AnotherProgram`] of the first line of `text` that reads so; None when a line reads as
/// a product's banner before it, or none reads so.
pub fn another_program_banner<'t>(policies: &[&Policy], text: &'t str) -> Option<AnotherProgram<'t>> {
    another_program_in(&Names::new(policies), text)
}

/// [`another_program_banner`] with the names of the policies indexed once ([`NameIndex`]).
pub fn another_program_banner_in<'t>(index: &NameIndex, text: &'t str) -> Option<AnotherProgram<'t>> {
    another_program_in(&index.names, text)
}

fn another_program_in<'t>(names: &Names, text: &'t str) -> Option<AnotherProgram<'t>> {
    if is_identifier(text) {
        return None;
    }
    lines_of(text)
        .into_iter()
        .find_map(|line| match banner(names, line) {
            Some(Banner::Another {
                index,
                words,
                version,
                before,
            }) => Some(Some(AnotherProgram {
                index,
                words,
                version,
                before,
            })),
            Some(Banner::Product { .. }) => Some(None),
            None => None,
        })?
}

/// What a text given as the version of a product named apart says when it is a tool's
/// banner rather than a version (`eol status python "$(python3 --version)"`, that is
/// `Python 3.12.1` beside `python`) ([`banner_beside`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Beside<'t> {
    /// the banner is this product's: its version, and the words before the version that may
    /// say which line ([`Typed::words`]); also a banner that names no product when every word
    /// before its version is one this product's banner may write (`Client Version: v1.28.4`
    /// beside `kubernetes`)
    This(Typed<'t>),
    /// the banner names another product (`Python 3.12.1` beside `ruby`)
    Other(Typed<'t>),
    /// after a product's name a word names another program (`nginx Unit 1.31.1`)
    Another(AnotherProgram<'t>),
    /// the banner names no product the rules know, and words before its version are none of
    /// this product's own (`openjdk` of `openjdk version "17.0.9"` beside `eclipse-temurin`):
    /// those words and the version
    Foreign { words: Vec<&'t str>, version: &'t str },
}

/// How `text`, given as the version of policy `index` of `policies`, reads as a banner
/// ([`Beside`]); None when it is no banner: a package URL or CPE, or a text with no word
/// before a version (`v20.10.0`, `2016 SP3`). For the caller to ask only of a text that does
/// not resolve as a version itself.
pub fn banner_beside<'t>(policies: &[&Policy], index: usize, text: &'t str) -> Option<Beside<'t>> {
    if is_identifier(text) {
        return None;
    }
    beside_with(
        policies,
        &PackageNames::new(policies),
        &Names::new(policies),
        index,
        text,
    )
}

/// [`banner_beside`] with the names of `policies` indexed once ([`NameIndex`]), for an audit.
pub fn banner_beside_in<'t>(
    policies: &[&Policy],
    names: &NameIndex,
    index: usize,
    text: &'t str,
) -> Option<Beside<'t>> {
    if is_identifier(text) {
        return None;
    }
    beside_with(policies, &names.packages, &names.names, index, text)
}

impl Beside<'_> {
    /// Why the banner is no version of policy `index` of `policies`, in a sentence after
    /// "`TEXT` is no version of `ID`: "; None when it is ([`Beside::This`]).
    pub fn refusal(&self, policies: &[&Policy]) -> Option<String> {
        let named = |i: usize| {
            policies.get(i).map_or((String::new(), String::new()), |p| {
                (p.id.clone(), p.name.default.clone())
            })
        };
        match self {
            Beside::This(_) => None,
            Beside::Other(t) => {
                let (id, label) = named(t.index);
                Some(format!("it names `{id}` ({label}) with its version"))
            }
            Beside::Another(a) => {
                let (id, label) = named(a.index);
                Some(a.reason(&id, &label))
            }
            Beside::Foreign { words, version } => Some(format!(
                "`{}` before its version `{version}` is none of the product's names, so it may be another program's",
                words.join(" ")
            )),
        }
    }

    /// The version the banner holds.
    pub fn version(&self) -> &str {
        match self {
            Beside::This(t) | Beside::Other(t) => &t.version,
            Beside::Another(a) => a.version,
            Beside::Foreign { version, .. } => version,
        }
    }
}

fn beside_with<'t>(
    policies: &[&Policy],
    packages: &PackageNames,
    names: &Names,
    index: usize,
    text: &'t str,
) -> Option<Beside<'t>> {
    // `kubectl version -o json`: the client's and the server's release
    if let Some((version, others)) = document_sides(names, index, text)
        .as_deref()
        .and_then(<[&str]>::split_first)
    {
        return Some(Beside::This(Typed {
            index,
            by: FoundBy::Id,
            version: (*version).to_owned(),
            read: text.trim(),
            words: Vec::new(),
            others: others.to_vec(),
        }));
    }
    // a search server's root document: this product's release unless it names another
    if let Some((version, named)) = version_number(names, text) {
        let typed = Typed {
            index: named.unwrap_or(index),
            by: FoundBy::Id,
            version: version.to_owned(),
            read: text.trim(),
            words: Vec::new(),
            others: Vec::new(),
        };
        return Some(if typed.index == index {
            Beside::This(typed)
        } else {
            Beside::Other(typed)
        });
    }
    if let Some(typed) =
        find_product_and_version_with(policies, text, packages, &|| std::borrow::Cow::Borrowed(names))
    {
        if typed.index == index {
            return Some(Beside::This(typed));
        }
        // a program that prints another's banner first, and its own on a later line:
        // `elixir --version` gives `Erlang/OTP 26 [erts-14.1.1] ...`, then `Elixir 1.15.7
        // (compiled with Erlang/OTP 26)`; beside `elixir`, its own line is its release
        let own = lines_of(text)
            .into_iter()
            .find_map(|line| match banner(names, line) {
                Some(Banner::Product {
                    index: i,
                    by,
                    version,
                    words,
                }) if i == index => {
                    let others = other_releases(names, text, line, index, &version);
                    Some(Typed {
                        index,
                        by,
                        version,
                        read: line.trim(),
                        words,
                        others,
                    })
                }
                _ => None,
            });
        return Some(match own {
            Some(own) => Beside::This(own),
            None => Beside::Other(typed),
        });
    }
    if let Some(another) = another_program_in(names, text) {
        return Some(Beside::Another(another));
    }
    // Go's printing of a program's version struct names no program: beside one, it is its
    // version (`helm version`), when it is the first line with a version
    let first = lines_of(text)
        .into_iter()
        .find_map(|l| match go_version_struct(l) {
            Some(version) => Some(Some((l, version))),
            None => version_at(&banner_words(l).collect::<Vec<_>>()).map(|_| None),
        });
    if let Some(Some((line, version))) = first {
        return Some(Beside::This(Typed {
            index,
            by: FoundBy::Id,
            version: version.to_owned(),
            read: line.trim(),
            words: Vec::new(),
            others: side_releases(names, text, index, version),
        }));
    }
    lines_of(text).into_iter().find_map(|line| {
        let words: Vec<&str> = banner_words(line).collect();
        let at = version_at(&words)?;
        // a banner has a word before its version (`1:` of Debian's `1:2.3-4` is an epoch)
        let before = words
            .get(..at)
            .filter(|b| b.iter().any(|w| w.chars().any(char::is_alphabetic)))?;
        let version = *words.get(at)?;
        let mut foreign = another_program(names, index, line, before);
        // a report whose section names another product (`docker version`'s `Client: Docker
        // Engine - Community` above its bare `Version: 27.3.1`, beside `go`)
        if foreign.is_empty() {
            foreign.extend(lines_of(text).into_iter().find_map(|l| {
                let (key, value) = l.split_once(':')?;
                side_of_key(key)?;
                let value = value.trim();
                (side_version(value).is_none() && value_names(names, value, index) == Some(false))
                    .then_some(value)
            }));
        }
        Some(if foreign.is_empty() {
            Beside::This(Typed {
                index,
                by: FoundBy::Id,
                version: version.to_owned(),
                read: line.trim(),
                words: choosing_words(line, before),
                // `kubectl version`'s `Client Version` and `Server Version`
                others: side_releases(names, text, index, version),
            })
        } else {
            Beside::Foreign {
                words: foreign,
                version,
            }
        })
    })
}

/// The product whose build `version` is, when it is not product `index`'s own: a product
/// that declares `index` its `upstream`, one of whose names (id or aliases) has a word that
/// the version's suffix has (after its first `-` or `+`, split at `-`, `+`, `.` and `_`; a
/// word of three letters or more, letters only), and that none of product `index`'s names
/// has, nor any other product's names (id, aliases, display name) has. `aliyun` of
/// `v1.31.1-aliyun.1` is Alibaba Cloud ACK's (an alias `aliyun ack`), `eks`
/// of `v1.27.7-eks-4f4795d` Amazon EKS's, `gke` of `v1.27.3-gke.100` GKE's: each supports its
/// builds on its own terms, and ACK ends some lines weeks before upstream does. The
/// product's index and the word. None for most versions (`3.0.11-1~deb12u2`, `1.25.3-alpine`
/// beside a product no other declares its upstream).
pub fn downstream_build<'v>(
    policies: &[&Policy],
    index: usize,
    version: &'v str,
) -> Option<(usize, &'v str)> {
    let policy = policies.get(index)?;
    let suffix = version.get(version.find(['-', '+'])? + 1..)?;
    let words: Vec<&str> = suffix
        .split(['-', '+', '.', '_'])
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let names_of = |p: &Policy| -> std::collections::HashSet<String> {
        std::iter::once(p.id.as_str())
            .chain(p.aliases())
            .flat_map(name_words)
            .collect()
    };
    let mut own = names_of(policy);
    own.extend(name_words(&policy.name.default));
    policies.iter().enumerate().find_map(|(q, p)| {
        if q == index || !p.upstreams.iter().any(|u| u.product == policy.id) {
            return None;
        }
        let theirs = names_of(p);
        // a word that names others too is no mark of this one's builds (`server` of `azure
        // database for postgresql flexible server` is a word of many products' names, and
        // FreeBSD's package `postgresql15-server-15.5` is PostgreSQL's)
        let elsewhere = |w: &str| {
            policies.iter().enumerate().any(|(r, o)| {
                r != q && r != index && {
                    let mut words = names_of(o);
                    words.extend(name_words(&o.name.default));
                    words.contains(w)
                }
            })
        };
        words
            .iter()
            .find(|w| {
                let w = w.to_ascii_lowercase();
                theirs.contains(&w) && !own.contains(&w) && !elsewhere(&w)
            })
            .map(|w| (q, *w))
    })
}

/// Why a version is a downstream product's build ([`downstream_build`]), in a sentence after
/// "`VERSION` is no version of `ID`: ".
pub fn downstream_build_reason(word: &str, downstream: &Policy, upstream: &Policy) -> String {
    format!(
        "`{word}` marks it a build of `{}` ({}), which supports its builds of {} on its own terms",
        downstream.id, downstream.name.default, upstream.name.default
    )
}

/// Whether the account or registry that publishes an image (`namespace`, as the image's
/// package URL has it: `quay.io/prometheus`, `kindest`) is related to the product its name
/// is read as: a word of it (split at `/ . - _`, less the registries' own words: `io`,
/// `com`, `quay`, `ghcr`, ...) is a word of the product's id, aliases, display name or vendor,
/// or of the account of an image its rule names (`argoproj` of `pkg:docker/argoproj/argocd`).
/// `quay.io/prometheus/prometheus` is Prometheus's and `mcr.microsoft.com/powershell`
/// Microsoft's, but `kindest/node` (kind's Kubernetes node) is no Node.js, and
/// `quay.io/strimzi/kafka:0.38.0-kafka-3.6.0` (Strimzi's release 0.38.0) no Kafka.
pub(crate) fn owner_relates(policy: &Policy, namespace: &str) -> bool {
    const REGISTRY_WORDS: &[&str] = &[
        "io",
        "com",
        "org",
        "net",
        "co",
        "dev",
        "cloud",
        "registry",
        "public",
        "library",
        "docker",
        "quay",
        "gcr",
        "ghcr",
        "mcr",
        "ecr",
        "hub",
        "images",
        "image",
        "containers",
        "container",
    ];
    fn words(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
    }
    let owner: std::collections::HashSet<String> = words(namespace)
        .filter(|w| !REGISTRY_WORDS.contains(&w.as_str()))
        .collect();
    if owner.is_empty() {
        return false;
    }
    let image_accounts = policy
        .purls()
        .filter(|p| matches!(p.ty.as_str(), "docker" | "oci"))
        .map(|p| p.namespace.as_str());
    let names = std::iter::once(policy.id.as_str())
        .chain(policy.aliases())
        .chain(std::iter::once(policy.name.default.as_str()))
        .chain(policy.vendor.as_deref())
        .chain(image_accounts);
    names.flat_map(words).any(|w| owner.contains(&w))
}

/// A container image reference that an account or registry of its own publishes
/// ([`named_by_its_name`] is false), read as its package URL without the tag
/// (`pkg:docker/kindest/node`), its publisher (`kindest`), its name (`node`) and its tag
/// (`v1.28.0`); `read_as` is the product its name's words name when the publisher is not
/// related to it ([`owner_relates`]: `nodejs` for `kindest/node`). Such an image is a product
/// by its name only as one its publisher is related to. None for any other text.
pub struct OwnedImage {
    pub purl: String,
    pub publisher: String,
    pub name: String,
    pub tag: String,
    pub read_as: Option<usize>,
}

pub fn owned_image(policies: &[&Policy], text: &str) -> Option<OwnedImage> {
    let image = crate::identifiers::image_reference(text)?;
    if find_by_purl(policies, &image, "").is_some() {
        return None;
    }
    let names = || std::borrow::Cow::Owned(Names::new(policies));
    owned_image_with(policies, text, image, &PackageNames::new(policies), &names)
}

/// [`owned_image`] with the names and package URLs of `policies` indexed once
/// ([`NameIndex`]), for an audit.
pub fn owned_image_in(policies: &[&Policy], index: &NameIndex, text: &str) -> Option<OwnedImage> {
    let image = crate::identifiers::image_reference(text)?;
    if find_by_purl_in(policies, index, &image, "").is_some() {
        return None;
    }
    owned_image_with(policies, text, image, &index.packages, &|| {
        std::borrow::Cow::Borrowed(&index.names)
    })
}

fn owned_image_with<'n>(
    policies: &[&Policy],
    text: &str,
    image: Purl,
    packages: &PackageNames,
    names: &dyn Fn() -> std::borrow::Cow<'n, Names>,
) -> Option<OwnedImage> {
    if named_by_its_name(&image) {
        return None;
    }
    let read_as = read_product_and_version(policies, text, packages, names)
        .map(|typed| typed.index)
        .filter(|&i| {
            policies
                .get(i)
                .is_some_and(|p| !owner_relates(p, &image.namespace))
        });
    Some(OwnedImage {
        purl: format!("pkg:docker/{}/{}", image.namespace, image.name),
        publisher: image.namespace,
        name: image.name,
        tag: image.version.unwrap_or_default(),
        read_as,
    })
}

/// Whether images under `namespace` (as an image's package URL has it) are a registry's
/// mirror of Docker Hub's official images: Google's `mirror.gcr.io` (whose `library/` the
/// package URL leaves out), the ECR Public Gallery's `public.ecr.aws/docker/library`, and any
/// other path that keeps `library/` below a registry's own (a pull-through cache,
/// `harbor.example.com/dockerhub/library`).
fn mirrors_official_images(namespace: &str) -> bool {
    namespace == "mirror.gcr.io" || namespace.ends_with("/library")
}

/// Whether a package URL that no rule gives is the product its name alone is
/// ([`find_product`]): a distribution's package (its name is the distribution's package name,
/// `pkg:rpm/amazon/openssl`), a `generic`, `conan` or `conda` package (named for the project),
/// or an official Docker image (`pkg:docker/library/...`, or no namespace, or a registry's
/// mirror of one: `pkg:docker/public.ecr.aws/docker/library/...`). Not a language
/// registry's package, which anyone may publish under a product's name ([`registry_reason`]),
/// a GitHub repository or another account's image, whose owner is part of what it is
/// (`pkg:github/someone/node` is not Node.js), nor a name that is itself an identifier.
pub(crate) fn named_by_its_name(purl: &Purl) -> bool {
    let named = match purl.ty.as_str() {
        "generic" | "conan" | "conda" => true,
        // an official image, or a registry's mirror of one
        "docker" | "oci" => {
            matches!(purl.namespace.as_str(), "" | "library") || mirrors_official_images(&purl.namespace)
        }
        ty => crate::identifiers::is_distribution_type(ty),
    };
    named && !is_identifier(&purl.name)
}

/// A package URL or CPE: it carries its own version, and is never read as a banner.
fn is_identifier(text: &str) -> bool {
    let lower = text.trim_start().get(..4).map(str::to_ascii_lowercase);
    matches!(lower.as_deref(), Some("pkg:" | "cpe:"))
}

/// What a line of a tool's version output says ([`banner`]).
enum Banner<'t> {
    /// the product, how its name was found, the version, and the words between the
    /// product's name and the version ([`Typed::words`])
    Product {
        index: usize,
        by: FoundBy,
        version: String,
        words: Vec<&'t str>,
    },
    /// the product whose name starts the line, the words after it that name another
    /// program, and the version ([`AnotherProgram`]); or the word right before the name that
    /// makes it another program's, with the name as written
    Another {
        index: usize,
        words: Vec<&'t str>,
        version: &'t str,
        before: Option<&'t str>,
    },
}

/// The ids and aliases of a set of policies, folded, for looking many words up.
#[derive(Clone, Debug, Default)]
struct Names {
    by_name: HashMap<String, (usize, FoundBy)>,
    /// the most words an id or alias has, and the most bytes
    most_words: usize,
    longest: usize,
    /// (policy, folded other name of one of its lines): `alias line` names, for banners
    /// that name a line so (`Windows Server 2012 R2`)
    line_aliases: std::collections::HashSet<(usize, String)>,
    /// the most words such a name has
    line_alias_words: usize,
    /// (policy, folded word) of the words a banner may write between a product's name and
    /// its version and still be that product's: its display name's, its vendor's, and those
    /// of its lines' other names (`Windows Server 2012 R2`) ([`banner`])
    own_words: std::collections::HashSet<(usize, String)>,
    /// display name (as written, case and all) → policy: a server that writes its name after
    /// its version (`10.11.6-MariaDB`) ([`banner`]); no operating system's
    /// (`17.0.9+9-Ubuntu-122.04` is a build for Ubuntu)
    by_display: HashMap<String, usize>,
    /// (policy, folded alias) of the aliases that are the last words of the policy's display
    /// name without its first (`kernel` of `Linux Kernel`, `kafka` of `Apache Kafka`): another
    /// word in the place of those the alias leaves out may name another program (`Darwin
    /// Kernel`) ([`banner`])
    display_ends: std::collections::HashSet<(usize, String)>,
}

impl Names {
    fn new(policies: &[&Policy]) -> Names {
        let mut by_name = HashMap::new();
        let mut most_words = 1;
        let mut longest = 0;
        // the first policy with a name has it, ids before aliases (as [`find_product`])
        for (i, p) in policies.iter().enumerate() {
            longest = longest.max(p.id.len());
            by_name.entry(fold(&p.id)).or_insert((i, FoundBy::Id));
        }
        for (i, p) in policies.iter().enumerate() {
            for a in p.aliases() {
                longest = longest.max(a.len());
                by_name.entry(a.to_owned()).or_insert((i, FoundBy::Alias));
                // as a banner's words are looked up: `erlang/otp` is `Erlang/OTP`'s two words
                let words: Vec<&str> = banner_words(a).collect();
                most_words = most_words.max(words.len());
                by_name.entry(words.join(" ")).or_insert((i, FoundBy::Alias));
            }
        }
        // `Alpine Linux 3.18`: an id's words, as a banner's words are looked up (after
        // the aliases, as [`find_product`] tries them)
        for (i, p) in policies.iter().enumerate() {
            if p.id.contains('-') {
                let words = fold(&p.id).replace('-', " ");
                most_words = most_words.max(words.split(' ').count());
                by_name.entry(words).or_insert((i, FoundBy::Id));
            }
        }
        let mut line_aliases = std::collections::HashSet::new();
        let mut line_alias_words = 0;
        let mut own_words = std::collections::HashSet::new();
        for (i, p) in policies.iter().enumerate() {
            for a in &p.line_aliases {
                line_alias_words = line_alias_words.max(banner_words(&a.name).count());
                line_aliases.insert((i, a.folded.clone()));
                own_words.extend(name_words(&a.name).map(|w| (i, w)));
            }
            let names = std::iter::once(p.name.default.as_str()).chain(p.vendor.as_deref());
            own_words.extend(names.flat_map(name_words).map(|w| (i, w)));
        }
        // an operating system (a CPE of part `o`) written after a version is the system a
        // build is for, not the program: `17.0.9+9-Ubuntu-122.04` is Ubuntu's Java build
        let mut by_display = HashMap::new();
        for (i, p) in policies.iter().enumerate() {
            if !p.cpes().any(|c| c.part == 'o') {
                by_display.entry(p.name.default.clone()).or_insert(i);
            }
        }
        let mut display_ends = std::collections::HashSet::new();
        for (i, p) in policies.iter().enumerate() {
            let display: Vec<String> = banner_words(&p.name.default).map(fold).collect();
            for a in p.aliases() {
                let alias: Vec<String> = banner_words(a).map(fold).collect();
                if !alias.is_empty() && alias.len() < display.len() && display.ends_with(&alias) {
                    display_ends.insert((i, alias.join(" ")));
                }
            }
        }
        Names {
            by_name,
            most_words,
            longest,
            line_aliases,
            line_alias_words,
            own_words,
            by_display,
            display_ends,
        }
    }

    /// `text` is another name of one of the lines of policy `index`.
    fn names_a_line(&self, index: usize, text: &str) -> bool {
        !self.line_aliases.is_empty() && self.line_aliases.contains(&(index, fold_line_alias(text)))
    }

    fn get(&self, name: &str) -> Option<(usize, FoundBy)> {
        self.by_name.get(&fold(name)).copied()
    }
}

/// The first product named in a banner line's words, and right after it the longest run of
/// words that is another name of one of its lines (`alias line`), as the line writes it
/// (`lts/iron`, `2012 R2`).
fn line_named(names: &Names, line: &str, words: &[&str]) -> Option<(usize, FoundBy, String)> {
    if names.line_aliases.is_empty() {
        return None;
    }
    let (start, n, (index, by)) = (0..words.len()).find_map(|start| {
        (1..=names.most_words.min(words.len() - start))
            .rev()
            .find_map(|n| Some((start, n, names.get(&words.get(start..start + n)?.join(" "))?)))
    })?;
    let after = words.get(start + n..)?;
    // where a word is in the line (the words are slices of it)
    let offset = |w: &str| (w.as_ptr() as usize).checked_sub(line.as_ptr() as usize);
    (1..=names.line_alias_words.min(after.len())).rev().find_map(|k| {
        let first = after.first()?;
        let last = after.get(k - 1)?;
        let (from, to) = (offset(first)?, offset(last)? + last.len());
        let text = line.get(from..to)?;
        // `trixie/sid`, Debian testing's name for itself: a name joined by a slash to a word
        // that is not part of it is another thing (testing, not the release it will become)
        let joined = |at: Option<usize>, next: Option<usize>| {
            at.and_then(|i| line.as_bytes().get(i)) == Some(&b'/')
                && next
                    .and_then(|i| line.as_bytes().get(i))
                    .is_some_and(u8::is_ascii_alphanumeric)
        };
        let slashed = joined(Some(to), Some(to + 1)) || joined(from.checked_sub(1), from.checked_sub(2));
        if !names.names_a_line(index, text) {
            return None;
        }
        if !slashed {
            return Some((index, by, text.to_owned()));
        }
        // the whole of what is joined is the version asked about, which names no line
        let apart = |c: char| c.is_whitespace() || "()[]{}\"',;:=".contains(c);
        let from = line
            .get(..from)?
            .char_indices()
            .rev()
            .find(|(_, c)| apart(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let to = line.get(to..)?.find(apart).map_or(line.len(), |i| to + i);
        Some((index, by, line.get(from..to)?.to_owned()))
    })
}

/// A product named with more words after its name, as inventories name an operating system
/// beside its build number (`Microsoft Windows 11 Pro` and `10.0.22631`, `Windows Server
/// 2012 R2 Datacenter` and `6.3.9600`): [`find_qualified_product`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qualified<'t> {
    /// index into the policies given
    pub index: usize,
    pub by: FoundBy,
    /// the words after the product's name, as written (`11`, `Pro`)
    pub words: Vec<&'t str>,
}

/// The product whose id or alias (the most words that make one) starts `text`, or follows
/// the policy's vendor there (`Microsoft Windows Server` and `Microsoft` `Windows Server`
/// alike), with the words after it; None when the text does not start so or when no word
/// follows. The words are the caller's to judge ([`LineWords`]): a name is never read so
/// on its own, since `Windows Driver Package` starts with a product's name too.
pub fn find_qualified_product<'t>(policies: &[&Policy], text: &'t str) -> Option<Qualified<'t>> {
    qualified_with(policies, &Names::new(policies), text)
}

/// [`find_qualified_product`] with the names of `policies` indexed once ([`NameIndex`]).
pub fn find_qualified_product_in<'t>(
    policies: &[&Policy],
    index: &NameIndex,
    text: &'t str,
) -> Option<Qualified<'t>> {
    qualified_with(policies, &index.names, text)
}

/// The most words a vendor's name is given before a product's (`Red Hat`).
const VENDOR_WORDS: usize = 3;

fn qualified_with<'t>(policies: &[&Policy], names: &Names, text: &'t str) -> Option<Qualified<'t>> {
    let words: Vec<&str> = banner_words(text).collect();
    // the most words that make a name, wherever among the first words it starts (the earlier
    // of two as long): `Microsoft Windows Desktop Runtime` is .NET's `windows desktop
    // runtime`, not `microsoft windows` and more words
    let (start, n, index, by) = (0..=VENDOR_WORDS.min(words.len()))
        .filter_map(|start| {
            let (n, (index, by)) = (1..=names.most_words.min(words.len() - start))
                .rev()
                .find_map(|n| Some((n, names.get(&words.get(start..start + n)?.join(" "))?)))?;
            if start > 0 {
                // only the product's own vendor may come before its name
                let vendor = policies.get(index)?.vendor.as_deref()?;
                let before = words.get(..start)?.join(" ");
                if fold(&before) != fold(&banner_words(vendor).collect::<Vec<_>>().join(" ")) {
                    return None;
                }
            }
            (start + n < words.len()).then_some((start, n, index, by))
        })
        .max_by_key(|&(start, n, ..)| (n, std::cmp::Reverse(start)))?;
    // `Go Programming Language amd64 go1.21.5`: a version written onto the product's own
    // name is that version
    let rest: Vec<&str> = words
        .get(start + n..)?
        .iter()
        .map(|w| match version_onto_name(names, w) {
            Some(((i, _), version)) if i == index => version,
            _ => w,
        })
        .collect();
    let rest = rest.as_slice();
    // a version in the name counts as naming lines ([`LineWords`]) only when no word beside
    // it names another program: `nginx Unit 1.31.1` is not nginx 1.31, nor `Apache Tomcat 9.0
    // Native` Tomcat 9.0. With one, the version is left out and the other words decide, as
    // they did before versions counted (`Unit` names no line of nginx: not read as nginx at
    // all). Words after the version and a lone `-` say which part of the release is
    // installed, as Windows names the parts of one (`Microsoft ASP.NET Core 8.0.0 - Shared
    // Framework (x64)`), and name no program.
    let versioned = |w: &&str| is_version_word(w) && w.contains('.');
    let described = rest.iter().position(versioned).and_then(|at| {
        let dash = rest.iter().skip(at + 1).position(|w| *w == "-")?;
        Some(at + 1 + dash)
    });
    let beside = described.map_or(rest, |end| rest.get(..end).unwrap_or(rest));
    let rest: Vec<&str> =
        if rest.iter().any(versioned) && !another_program(names, index, text, beside).is_empty() {
            rest.iter().copied().filter(|w| !versioned(w)).collect()
        } else {
            rest.to_vec()
        };
    (!rest.is_empty()).then_some(Qualified {
        index,
        by,
        words: rest,
    })
}

/// The words of a line's name, or of the words after a product's name, as they are
/// compared: split at blanks, hyphens, underscores and `()[]{}"',;:/=`, in lower case
/// (`11-23h2-w` is `11`, `23h2`, `w`; `2012 R2` is `2012`, `r2`).
fn name_words(text: &str) -> impl Iterator<Item = String> + '_ {
    name_parts(text).map(str::to_lowercase)
}

/// [`name_words`] as written.
fn name_parts(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || "-_()[]{}\"',;:/=".contains(c))
        .filter(|w| !w.is_empty())
}

/// What the words after a product's name ([`Qualified`]) say of its lines. A word counts
/// when some line's name (its own, or one `alias line` gives it) has it; the others
/// (`Datacenter`, `Standard`, `64-bit`) say nothing and are passed over. The lines named are
/// those whose names together have every word that counts: `11 Pro` names Windows's
/// `11-*-w` lines (`alias line "11-23h2-w" "11 Pro 23H2"`), `2012 R2` names `2012-r2` and
/// not `2012`, `12 bookworm` names Debian's `12`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineWords {
    /// the words that count, as first written (`2012`, `R2`)
    pub words: Vec<String>,
    /// the lines named (indices into the lines given), in order
    pub named: Vec<usize>,
    /// the one word is the number a package's name carries where its rule's `{line}` is
    /// (`15` of `postgresql-15`; [`LineWords::of_package_number`]), and this is where it
    /// was read, in words (`` `postgresql-15` ``, `` source package `postgresql-15` ``): it
    /// only checks the version's lines, and gives no line to a version that finds none
    pub in_package: Option<String>,
}

impl LineWords {
    /// Where the words were read, for a message: "the product's name", or the package's.
    pub fn read_in(&self) -> String {
        self.in_package
            .clone()
            .unwrap_or_else(|| "the product's name".to_owned())
    }

    /// None when no word counts: the words say nothing of the product's lines, and the text
    /// is not read as naming the product.
    pub fn new(policy: &Policy, lines: &Lines<'_>, words: &[&str]) -> Option<LineWords> {
        let index = lines.index.words.get_or_init(|| WordIndex::new(policy, lines));
        let mut counted: Vec<String> = Vec::new();
        let mut written: Vec<String> = Vec::new();
        // `Python 3.11.4 (64-bit)`, as Windows lists installed programs: a version in the name
        // (with a dot) names the lines it is in; the words that count are kept as written, in
        // their order
        let mut by_version: Option<Vec<usize>> = None;
        for &word in words {
            let resolved =
                (is_version_word(word) && word.contains('.')).then(|| resolve_version(policy, lines, word));
            let lines_of = match resolved {
                Some(Resolution::Line { line, .. }) => Some(vec![line]),
                Some(Resolution::Ambiguous { lines, .. }) => Some(lines),
                _ => None,
            };
            if let Some(lines_of) = lines_of {
                by_version = Some(match by_version {
                    None => lines_of,
                    Some(before) => {
                        let of_this: std::collections::HashSet<usize> = lines_of.into_iter().collect();
                        before.into_iter().filter(|l| of_this.contains(l)).collect()
                    }
                });
                written.push(word.to_owned());
                continue;
            }
            for w in name_parts(word) {
                let lower = w.to_lowercase();
                if !counted.contains(&lower) && index.lines_with.contains_key(&lower) {
                    counted.push(lower);
                    written.push(w.to_owned());
                }
            }
        }
        if counted.is_empty() && by_version.is_none() {
            return None;
        }
        // the lines with every word that counts, of those the version in the name is in
        let by_version: Option<std::collections::HashSet<usize>> =
            by_version.map(|v| v.into_iter().collect());
        let mut named: Vec<usize> = match counted.first() {
            Some(first) => index.lines_with.get(first).cloned().unwrap_or_default(),
            None => by_version.iter().flatten().copied().collect(),
        };
        named.retain(|i| {
            index
                .per_line
                .get(*i)
                .is_some_and(|set| counted.iter().all(|w| set.contains(w)))
                && by_version.as_ref().is_none_or(|v| v.contains(i))
        });
        named.sort_unstable();
        Some(LineWords {
            words: written,
            named,
            in_package: None,
        })
    }

    /// The lines the number a package's name carries (`15` of `postgresql-15`, `8.2` of
    /// `php8.2-fpm`, `83` of Alpine's `php83-fpm`, `10` of `tomcat10`) may be: a line whose
    /// numbered name begins with the number's components (`3` and `3.11`, `10` and `10.1`), or
    /// whose components begin with it (line `8` of `8.2`), or whose first components written
    /// without their dots are the number (`8.3` of `83`). None when no line is: a catalog
    /// that lacks the line says nothing against the version. `read_in` says where the number
    /// was read ([`LineWords::in_package`]).
    pub fn of_package_number(lines: &Lines<'_>, number: &str, read_in: &str) -> Option<LineWords> {
        let index = lines.index.numbers.get_or_init(|| NumberIndex::new(lines));
        let wanted: Vec<&str> = number.split('.').collect();
        // a line whose components begin with the number's, or that are all of its first ones
        let mut named: Vec<usize> = index.heads.get(number).cloned().unwrap_or_default();
        for m in 1..wanted.len() {
            if let Some(found) = wanted.get(..m).and_then(|head| index.names.get(&head.join("."))) {
                named.extend(found);
            }
        }
        if wanted.len() == 1 {
            named.extend(index.run_together.get(number).into_iter().flatten());
        }
        named.sort_unstable();
        named.dedup();
        (!named.is_empty()).then(|| LineWords {
            words: vec![number.to_owned()],
            named,
            in_package: Some(read_in.to_owned()),
        })
    }

    /// The resolution of the version given beside the name, narrowed to the lines the words
    /// name: of several lines a build has (`10.0.22631`: `11-23h2-e` and `11-23h2-w`), the
    /// ones named (`11 Pro`: `11-23h2-w`); for a version that finds no line, the one line
    /// named, if only one is (not by a package's number). `Err` with the version's lines
    /// when the words name none of them (`Windows Server 2012 R2` beside 2019's build,
    /// `postgresql-15` beside `16.1-1`): the two disagree, and neither is taken.
    pub fn narrow(&self, resolution: Resolution) -> Result<Resolution, Vec<usize>> {
        match resolution {
            Resolution::Line { line, .. } if !self.named.contains(&line) => Err(vec![line]),
            Resolution::Ambiguous { lines, how } => {
                let kept: Vec<usize> = lines.iter().copied().filter(|l| self.named.contains(l)).collect();
                match kept.as_slice() {
                    [] => Err(lines),
                    [one] => Ok(Resolution::Line {
                        line: *one,
                        how: How::NameWords,
                    }),
                    _ => Ok(Resolution::Ambiguous { lines: kept, how }),
                }
            }
            unfound @ (Resolution::Unknown { .. } | Resolution::Empty) if self.in_package.is_some() => {
                Ok(unfound)
            }
            Resolution::Unknown { .. } | Resolution::Empty => match self.named.as_slice() {
                [one] => Ok(Resolution::Line {
                    line: *one,
                    how: How::NameWords,
                }),
                _ => Ok(resolution),
            },
            agreed @ Resolution::Line { .. } => Ok(agreed),
        }
    }
}

/// One line of a tool's version output, read as its name and version: the version is the
/// line's first word that is one (a digit first, or `v` and a digit, then only letters,
/// digits and `.-_+~`) and has a dot, else its first word that is one; the product is the
/// first word or run of words before it that is an id or alias (`nginx version:
/// nginx/1.25.3`, `Debian GNU/Linux 12 (bookworm)`). A version
/// may be written onto the product's name when it has a dot (`go1.21.5`, `Temurin-17.0.9+9`;
/// but `python3` is a name, not Python 3). Words are split at blanks and at
/// `()[]{}"',;:/=`, so a version is found in `v=7.2.3` and `"17.0.2"`. None when no product
/// comes before that version, so a name after it never takes its version (`Version:
/// 8.11.1, ... JVM: 21.0.1` is not JVM 21), or when the product before it and the one the
/// version is written onto differ. [`Banner::Another`] when a word between the product's
/// name and the version names another program ([`another_program`]).
fn banner<'t>(names: &Names, line: &'t str) -> Option<Banner<'t>> {
    let words: Vec<&str> = banner_words(line).collect();
    // each version, and the product it is written onto, if any
    let versions = words.iter().enumerate().filter_map(|(i, w)| {
        if is_version_word(w) {
            // the last word of a product's name is not its version: `Citrix Virtual Apps and
            // Desktops 7 2203 LTSR` is release 2203 of the product named `... Desktops 7`
            let ends_a_name = (2..=names.most_words.min(i + 1)).any(|n| {
                words
                    .get(i + 1 - n..=i)
                    .is_some_and(|run| names.get(&run.join(" ")).is_some())
            });
            return (!ends_a_name).then_some((i, None, *w));
        }
        if names.get(w).is_some() {
            return None;
        }
        version_onto_name(names, w).map(|(found, rest)| (i, Some(found), rest))
    });
    let versions: Vec<_> = versions.collect();
    // Without a version with a dot, a product followed by another name of one of its lines
    // (`Windows Server 2012 R2`, `Windows XP Professional`): that name, the most words that
    // make one, not the year alone (2012 R2 is not 2012).
    if !versions.iter().any(|v| v.2.contains('.')) {
        if let Some((index, by, version)) = line_named(names, line, &words) {
            return Some(Banner::Product {
                index,
                by,
                version,
                words: Vec::new(),
            });
        }
    }
    // MySQL's and MariaDB's clients print their protocol version first (`mysql  Ver 14.14
    // Distrib 5.7.44`): the server's is the one after `Distrib`
    let distrib = versions.iter().copied().find(|v| {
        v.0.checked_sub(1)
            .and_then(|k| words.get(k))
            .is_some_and(|w| w.eq_ignore_ascii_case("distrib"))
    });
    // the first with a dot, else the first: `SQL Server 2019 (RTM) - 15.0.2000.5` is 15.0.2000.5
    let mut versions = versions.into_iter();
    let first = versions.next()?;
    let (at, onto, version) = if let Some(d) = distrib {
        d
    } else if first.2.contains('.') {
        first
    } else {
        versions.find(|v| v.2.contains('.')).unwrap_or(first)
    };
    // `MySQL Server 8.0 8.0.35` (a Windows program's name and its version, together): the line
    // the name gives, then the release of it; the release is the version
    let version = match words.get(at + 1) {
        Some(next) if onto.is_none() && next.strip_prefix(version).is_some_and(|r| r.starts_with('.')) => {
            next
        }
        _ => version,
    };
    // `10.11.6-MariaDB-0+deb12u1`: a server that writes its display name, exactly, after its
    // version names itself (not `1.25.3-alpine` nor `17.0.9+9-Ubuntu-122.04`, a build's base
    // system)
    let suffixed = version
        .split('-')
        .nth(1)
        .and_then(|w| names.by_display.get(w))
        .copied();
    let before = words.get(..at).unwrap_or_default();
    // `OpenSSH_for_Windows_8.6p1, LibreSSL 3.4.3` (Windows' `ssh -V`): a version written
    // onto a name no rule knows, before the one chosen, is the line's program's; the later
    // version is a part's (it was read as LibreSSL 3.4.3)
    if before.iter().any(|w| onto_an_unknown_name(w).is_some()) {
        return None;
    }
    // names are looked for without a build number written onto a word: Microsoft's OpenJDK
    // prints `OpenJDK Runtime Environment Microsoft-11933201 (build 21.0.8+9-LTS)`
    let unbuilt: Vec<&str> = before.iter().map(|w| without_build_number(w)).collect();
    // the first word that starts a product's name, with the most words it can
    let longest_at = |start: usize| {
        (1..=names.most_words.min(unbuilt.len() - start))
            .rev()
            .find_map(|n| Some((start + n, names.get(&unbuilt.get(start..start + n)?.join(" "))?)))
    };
    let named = (0..unbuilt.len()).find_map(|start| Some((start, longest_at(start)?)));
    // ... unless a name that begins inside it reaches further towards the version: the
    // banner's words are that name's (`Server version: Apache Tomcat/9.0.83` is Tomcat's,
    // although `server version apache` begins it, httpd's own banner)
    let named = named.map(|(mut start, mut found)| {
        while let Some(further) =
            (start + 1..found.0).find_map(|s| longest_at(s).filter(|f| f.0 > found.0).map(|f| (s, f)))
        {
            (start, found) = further;
        }
        (start, found)
    });
    // `Percona Server for MongoDB 6.0.12-10`, `Amazon RDS for PostgreSQL 15.4`, `Microsoft ODBC
    // Driver 18 for SQL Server`: a program made for the product, whose version it is, not the
    // product
    let made_for = named.is_some_and(|(start, _)| {
        start
            .checked_sub(1)
            .and_then(|k| before.get(k))
            .is_some_and(|w| w.eq_ignore_ascii_case("for"))
    });
    if made_for {
        return None;
    }
    // `Darwin Kernel Version 23.2.0` (macOS's `uname -v`): a name that is the end of a
    // product's display name (`kernel` of `Linux Kernel`), right after a capitalised word that
    // is none of the product's own, is another program's name (as `Linux Kernel` is this one's)
    let qualified = named.and_then(|(start, (end, (index, _)))| {
        let word = *before.get(start.checked_sub(1)?)?;
        let run = before.get(start..end)?;
        let offset = |w: &str| (w.as_ptr() as usize).checked_sub(line.as_ptr() as usize);
        let (first, last) = (*run.first()?, *run.last()?);
        let (name_at, name_end) = (offset(first)?, offset(last)? + last.len());
        let between = line.get(offset(word)? + word.len()..name_at)?;
        let another = !between.is_empty()
            && between.chars().all(char::is_whitespace)
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().all(char::is_alphabetic)
            && !BANNER_FILLER.iter().any(|f| word.eq_ignore_ascii_case(f))
            && !names.own_words.contains(&(index, word.to_lowercase()))
            && names.display_ends.contains(&(index, fold(&run.join(" "))));
        another.then_some((index, word, line.get(name_at..name_end)?))
    });
    let named = named.map(|(_, found)| found);
    // ... and is that product whatever the program printing it is called (`mysql  Ver 15.1
    // Distrib 10.6.16-MariaDB` is MariaDB's client)
    let named = match suffixed {
        Some(i) if onto.is_none() => named
            .filter(|(_, (n, _))| *n == i)
            .or(Some((at, (i, FoundBy::Id)))),
        _ => named,
    };
    // a banner written as a sentence ends its version with the sentence's full stop (`Running
    // Node.js v18.19.0.`); no version ends in one
    let version = version.trim_end_matches('.');
    let (index, by) = match (named, onto) {
        (Some((_, a)), Some(b)) if a.0 != b.0 => return None,
        (Some((_, found)), _) | (None, Some(found)) => found,
        (None, None) => return None,
    };
    if let Some((_, word, name)) = qualified.filter(|q| q.0 == index && onto.is_none()) {
        return Some(Banner::Another {
            index,
            words: vec![word],
            version,
            before: Some(name),
        });
    }
    // `jQuery Mobile 1.4.5`, `nginx Unit 1.31.1`: a word after the product's name that is
    // none of its own says the version is another program's; not when the version names the
    // product itself (`mariadb from 11.4.2-MariaDB`)
    let gap = named.and_then(|(end, _)| before.get(end..)).unwrap_or_default();
    let gap = if suffixed == Some(index) { &[][..] } else { gap };
    let others = another_program(names, index, line, gap);
    if !others.is_empty() {
        return Some(Banner::Another {
            index,
            words: others,
            version,
            before: None,
        });
    }
    Some(Banner::Product {
        index,
        by,
        version: version.to_owned(),
        words: choosing_words(line, gap),
    })
}

/// A banner's word without a build number written onto it after a hyphen (`Microsoft` of
/// `Microsoft-11933201`): letters, then a hyphen and only digits. Any other word as it is;
/// a number with a dot after a name is a version written onto it ([`version_onto_name`]).
fn without_build_number(word: &str) -> &str {
    match word.rsplit_once('-') {
        Some((name, build))
            if name.starts_with(|c: char| c.is_ascii_alphabetic())
                && !build.is_empty()
                && build.bytes().all(|b| b.is_ascii_digit()) =>
        {
            name
        }
        _ => word,
    }
}

/// The words of [`BANNER_FILLER`] that announce a version: programs print them before it
/// (`Fedora release 39`, `nginx version:`), and they say nothing of which line a version is.
const ANNOUNCES_A_VERSION: &[&str] = &["version", "ver", "v", "release", "distrib", "build"];

/// Words a banner writes between a product's name and its version that say nothing of which
/// program it is: that a version follows (`version`, `release`), what part of the product
/// printed it (`server`, `client`, `shell`), what it is (`JavaScript Library`), an edition
/// (`Community`, `Datacenter`), or the system it runs on (`GNU/Linux`). Not `cli`, `sdk` or
/// `framework`: those are often programs of their own with their own numbers (Vue CLI 3.5 is
/// no Vue 3.5, Android SDK 14 is API level 14, .NET Framework 2.0 is no .NET 2.0), so a
/// product whose tool shares its versions says so with an alias (`angular cli`, `.net sdk`,
/// `laravel framework`). Nor `enterprise`: Redis Enterprise is not Redis Open Source; an
/// enterprise edition of the same releases is an alias (`mongodb enterprise`).
const BANNER_FILLER: &[&str] = &[
    "version",
    // a build option: MongoDB's Windows installer is `MongoDB 7.0.4 2008R2Plus SSL (64 bit)`
    "ssl",
    // Perl's patch level: `This is perl 5, version 36, subversion 0 (v5.36.0)`
    "subversion",
    "ver",
    "v",
    "release",
    "distrib",
    "build",
    "edition",
    "current",
    "client",
    "server",
    "shell",
    "runtime",
    "engine",
    "daemon",
    "library",
    "javascript",
    "community",
    "standard",
    "datacenter",
    "essentials",
    "professional",
    "pro",
    "home",
    "education",
    "lts",
    "stable",
    "gnu",
    "linux",
];

/// The words of `gap` (the words between the name of product `index` and its version in a
/// banner `line`) that name another program: `Mobile` of `jQuery Mobile 1.4.5`, `Unit` of
/// `nginx Unit 1.31.1`, `PowerShell` of `Windows PowerShell 5.1`. A word is the product's
/// own when it is a number (`2019`), written in brackets (`(RTM)`, `[core`), only
/// punctuation (`-`), a word of [`BANNER_FILLER`], a processor architecture
/// ([`ARCHITECTURES`]: `amd64`), the product's name again (`nginx version: nginx/1.25.3`;
/// `containerd.io`), perhaps with a number after it (`Tomcat9`, the service of `Apache Tomcat
/// 9.0 Tomcat9`), or a word of its display name, its vendor's name or one of its lines'
/// other names (`R2` of `Windows Server 2012 R2`).
fn another_program<'w>(names: &Names, index: usize, line: &str, gap: &[&'w str]) -> Vec<&'w str> {
    let mut brackets = Brackets::new(line);
    // `Enterprise Edition`: an edition of the product's own releases (`Oracle Database 19c
    // Enterprise Edition Release 19.0.0.0.0`, `GitLab Enterprise Edition 16.7.0-ee`), where
    // `Enterprise` alone may be a product of its own (Redis Enterprise)
    let edition_follows = |i: usize| {
        gap.get(i + 1)
            .is_some_and(|next| next.eq_ignore_ascii_case("edition"))
    };
    gap.iter()
        .copied()
        .enumerate()
        .filter(|&(i, w)| !(w.eq_ignore_ascii_case("enterprise") && edition_follows(i)))
        .map(|(_, w)| w)
        .filter(|w| {
            let lower = w.to_lowercase();
            let stem = lower.split(['.', '-', '_']).next().unwrap_or_default();
            // `nginx-prometheus-exporter` (an image's name, NGINX's exporter) begins with the
            // product's name but goes on with another's: each part after a `-` or `_` must be
            // the product's own too (`mariadb-server`, `postgresql-16`, `node-x64`)
            let own_part = |part: &str| {
                part.is_empty()
                    || part.starts_with(|c: char| c.is_ascii_digit())
                    || BANNER_FILLER.contains(&part)
                    || ARCHITECTURES.contains(&part)
                    || names.get(part).is_some_and(|(i, _)| i == index)
                    || names.own_words.contains(&(index, part.to_owned()))
            };
            // `Tomcat9`, the service `Apache Tomcat 9.0 Tomcat9` installs
            let stem_named = |stem: &str| names.get(stem).is_some_and(|(i, _)| i == index);
            let named_stem = (stem_named(stem)
                || stem_named(stem.trim_end_matches(|c: char| c.is_ascii_digit())))
                && lower
                    .split('.')
                    .next()
                    .unwrap_or_default()
                    .split(['-', '_'])
                    .skip(1)
                    .all(own_part);
            // `)-17.0.17.0.18+9-GA`: a number written onto a bracket (Dragonwell's
            // `(Alibaba Dragonwell Standard Edition)-17.0.17.0.18+9-GA`)
            !(w.trim_start_matches('-')
                .starts_with(|c: char| c.is_ascii_digit())
                || w.chars().all(|c| c.is_ascii_punctuation())
                || BANNER_FILLER.contains(&lower.as_str())
                || ARCHITECTURES.contains(&lower.as_str())
                || named_stem
                || names.own_words.contains(&(index, lower))
                || module_path_part(line, w)
                || brackets.around(w))
        })
        .collect()
}

/// Whether word `w` of `line` (a slice of it) is the host or the major-version suffix of a Go
/// module path (`github.com` and `v2` of `containerd github.com/containerd/containerd/v2
/// v2.0.0`, as `containerd --version` prints it): a host has a dot and a `/` right after it,
/// a suffix is `v` and digits right after a `/`. The path's other parts are names read as any
/// other word, so a path of another project still names another program.
fn module_path_part(line: &str, w: &str) -> bool {
    let Some(start) = (w.as_ptr() as usize).checked_sub(line.as_ptr() as usize) else {
        return false;
    };
    let bytes = line.as_bytes();
    let before = start.checked_sub(1).and_then(|i| bytes.get(i));
    let after = bytes.get(start + w.len());
    let host = w.contains('.') && w.starts_with(|c: char| c.is_ascii_alphabetic()) && after == Some(&b'/');
    let major = before == Some(&b'/')
        && w.strip_prefix('v')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    host || major
}

/// Which words of a line are written in brackets: `RTM` of `Microsoft SQL Server 2019 (RTM) -
/// 15.0.2000.5`. The brackets are counted along the line once, as its words are asked about
/// in the order they are in it (counting again from the line's start for each word took time
/// that grew with the square of the line's length).
struct Brackets<'l> {
    line: &'l str,
    /// how far the brackets are counted, and how deep they are there
    at: usize,
    depth: i32,
}

impl<'l> Brackets<'l> {
    fn new(line: &'l str) -> Self {
        Brackets {
            line,
            at: 0,
            depth: 0,
        }
    }

    /// Whether word `w` of the line (a slice of it) is in brackets.
    fn around(&mut self, w: &str) -> bool {
        let Some(to) = (w.as_ptr() as usize).checked_sub(self.line.as_ptr() as usize) else {
            return false;
        };
        if to > self.line.len() {
            return false;
        }
        // a word before the last one asked about: counted again from the start
        if to < self.at {
            (self.at, self.depth) = (0, 0);
        }
        // (the brackets are ASCII, so no byte of another character is one)
        for b in self.line.as_bytes().get(self.at..to).unwrap_or_default() {
            match b {
                b'(' | b'[' | b'{' => self.depth += 1,
                b')' | b']' | b'}' => self.depth -= 1,
                _ => {}
            }
        }
        self.at = to;
        self.depth > 0
    }
}

/// What a version banner that names no product the rules know says: the words before its
/// version (`openjdk` of `openjdk version "21.0.2" 2024-01-16`, empty for `Client Version:
/// v1.29.0`) and the version, for a help that shows how to ask instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unnamed {
    /// the words before the version, less the words that only say a version follows
    /// (`version`, `release`, `client`, `server`), joined by blanks; empty when none is left
    pub name: String,
    pub version: String,
    /// the text is a record ([`record_fields`]) and `name` its name: a PyPI package's when
    /// `pip show` printed it
    pub record: Option<RecordKind>,
}

/// Whose name a record gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// a product's or package's (`Package: libfoo9`, `ProductName: Frobnicator`)
    Named,
    /// a package of the Python Package Index (`pip show`'s `Name: redis`)
    PyPI,
}

/// [`Unnamed`] of a text of more than one word with a version in it (the first line that has
/// one, its first version with a dot, else its first); None for one word, or a text without a
/// version word.
pub fn unnamed_banner(text: &str) -> Option<Unnamed> {
    const FILLER: [&str; 6] = ["version", "release", "client", "server", "build", "ver"];
    if !text.trim().contains(char::is_whitespace) {
        return None;
    }
    // a record names its product on a line of its own (`Package: libfoo9`), not before the
    // version
    if let Some(r) = record_fields(text).filter(|r| r.version.starts_with(|c: char| c.is_ascii_digit())) {
        return Some(Unnamed {
            name: r.name.to_owned(),
            version: r.version.to_owned(),
            record: Some(if r.of_pip {
                RecordKind::PyPI
            } else {
                RecordKind::Named
            }),
        });
    }
    lines_of(text).into_iter().find_map(|line| {
        let words: Vec<&str> = banner_words(line).collect();
        let at = version_at(&words);
        // a version written onto a name before it (or on a line without one) is the
        // program's, and that name its name (`OpenSSH_for_Windows_8.6p1, LibreSSL 3.4.3`,
        // `CoreDNS-1.11.1`)
        let onto = words
            .get(..at.unwrap_or(words.len()))?
            .iter()
            .find_map(|w| onto_an_unknown_name(w));
        if let Some((name, version)) = onto {
            return Some(Unnamed {
                name: name.to_owned(),
                version: version.to_owned(),
                record: None,
            });
        }
        let at = at?;
        let before = words.get(..at)?;
        let name: Vec<&str> = before
            .iter()
            .copied()
            .filter(|w| !FILLER.iter().any(|f| w.eq_ignore_ascii_case(f)))
            .collect();
        Some(Unnamed {
            name: name.join(" "),
            version: (*words.get(at)?).to_owned(),
            record: None,
        })
    })
}

/// A word that is a product's name with a version with a dot written onto it: `go1.21.5`,
/// `Temurin-17.0.9+9` (a hyphen between them), `OpenSSH_9.6p1` (an underscore, as `ssh -V`
/// prints it); the product and the version. Names are short: only so many bytes are tried.
/// Not `python3`: a name, not Python 3. A split at a hyphen or an underscore comes first, as
/// a package's file name has it: `python3-3.9.18-1.el9_3.x86_64` is `python3` and
/// `3.9.18-1.el9_3.x86_64`, not `python` and `3-3.9.18...`. A file's name ends its version
/// before an archive's ending ([`without_archive_ending`]), and a Scala cross-built
/// program's name the Scala version before its own (`kafka_2.13-3.6.1` is `3.6.1`).
fn version_onto_name<'w>(names: &Names, w: &'w str) -> Option<((usize, FoundBy), &'w str)> {
    let splits = || {
        w.char_indices()
            .take_while(|&(k, _)| k <= names.longest + 1)
            .filter(|&(k, c)| k > 0 && (c.is_ascii_digit() || c == 'v' || c == 'V'))
            .map(|(k, _)| k)
    };
    let at_hyphen = |k: &usize| w.get(..*k).is_some_and(|name| name.ends_with(['-', '_']));
    splits()
        .filter(at_hyphen)
        .chain(splits().filter(|k| !at_hyphen(k)))
        .find_map(|k| {
            let (name, rest) = w.split_at_checked(k)?;
            // not within a number (`node18.1` is not `node1` and `8.1`)
            let scala = name.ends_with('_');
            let onto = !name.ends_with(['-', '_']);
            let name = match name.strip_suffix(['-', '_']) {
                Some(name) => name,
                None if name.ends_with(|c: char| c.is_ascii_digit()) => return None,
                None => name,
            };
            let found = names.get(name)?;
            // a package named for its line (FreeBSD's `php81-8.1.27`, `postgresql15-server-15.5`,
            // `python311-3.11.6_1`; `postgresql15-15.5-1PGDG.rhel9`): the version after the
            // name's parts, when the line's number written onto the name agrees with it
            // (`php82-pecl-redis-5.3.7` is an extension's 5.3.7, no PHP's)
            let rest = match line_package_version(rest).filter(|_| onto) {
                Some(version) => version,
                None if onto && line_number(rest).is_some() => return None,
                None => rest,
            };
            let rest = without_archive_ending(rest);
            // Scala's cross-built programs write the Scala version they are built for onto
            // their name (`kafka_2.13-3.6.1`, the directory and archive Apache Kafka ships):
            // the program's version is the one after it, and `kafka_2.13` alone has none
            let rest = match rest.split_once('-') {
                Some((for_scala, own))
                    if scala && is_scala_binary_version(for_scala) && is_version_word(own) =>
                {
                    own
                }
                None if scala && is_scala_binary_version(rest) => return None,
                _ => rest,
            };
            (is_version_word(rest) && rest.contains('.')).then_some((found, rest))
        })
}

/// The version of a package named for its line, given what follows the product's name
/// ([`version_onto_name`]): the line's number, `-`, perhaps more of the package's name, and
/// the version, which starts at the first `-` a digit follows; the number must be the
/// version's first component, or its first two written together or with their dot (`81`
/// of `8.1.27`, `311` of `3.11.6_1`, `15` of `15.5`, `3.11` of `3.11.5-1.el9`). None when it
/// is not (`82-pecl-redis-5.3.7`) or there is no such version.
fn line_package_version(rest: &str) -> Option<&str> {
    let (number, after) = line_number(rest)?;
    let at = if after.starts_with(|c: char| c.is_ascii_digit()) {
        0
    } else {
        after.match_indices('-').map(|(i, _)| i + 1).find(|&i| {
            after
                .get(i..)
                .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        })?
    };
    let version = after.get(at..)?;
    let mut parts = version.split('.').map(|p| {
        let end = p.find(|c: char| !c.is_ascii_digit()).unwrap_or(p.len());
        p.get(..end).unwrap_or_default()
    });
    let first = parts.next().filter(|p| !p.is_empty())?;
    let second = parts.next().unwrap_or_default();
    let agrees = number == first
        || (!second.is_empty()
            && (number == format!("{first}{second}") || number == format!("{first}.{second}")));
    (agrees && is_version_word(version)).then_some(version)
}

/// The line's number a package named for its line writes onto the product's name, and what
/// follows its `-` ([`line_package_version`]): digits, or digits with one dot
/// (`python3.11-3.11.5-1.el9`, as EPEL and RHEL's application streams name theirs).
fn line_number(rest: &str) -> Option<(&str, &str)> {
    let (number, after) = rest.split_once('-')?;
    let digits = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.');
    let dotted = number.starts_with('.') || number.ends_with('.') || number.matches('.').count() > 1;
    (digits && !dotted).then_some((number, after))
}

/// A word that is a name with a version with a dot written onto it after `_` or `-`, as
/// a program writes its own (`OpenSSH_for_Windows_8.6p1`), where the name is none a banner
/// finds ([`version_onto_name`] did not read it): a letter first, then the version after the
/// first `_` or `-` that a digit (or `v` and a digit) follows. The name and the version.
fn onto_an_unknown_name(word: &str) -> Option<(&str, &str)> {
    let cut = word
        .char_indices()
        .filter(|&(k, c)| {
            matches!(c, '_' | '-')
                && word.get(k + 1..).is_some_and(|rest| {
                    rest.strip_prefix(['v', 'V'])
                        .unwrap_or(rest)
                        .starts_with(|d: char| d.is_ascii_digit())
                })
        })
        .map(|(k, _)| k)
        .next();
    cut.and_then(|k| Some((word.get(..k)?, word.get(k + 1..)?)))
        .filter(|(name, version)| {
            name.starts_with(|c: char| c.is_ascii_alphabetic())
                && is_version_word(version)
                && version.contains('.')
        })
}

/// A Scala binary version as cross-built programs write it after their name: `2.10` to
/// `2.13`, or `3`.
fn is_scala_binary_version(text: &str) -> bool {
    matches!(text, "2.10" | "2.11" | "2.12" | "2.13" | "3")
}

/// The endings of archives' and packages' file names, longest first where one ends another.
const ARCHIVE_ENDINGS: &[&str] = &[
    ".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".tgz", ".txz", ".tbz2", ".tar", ".zip", ".7z", ".gz",
    ".xz", ".bz2", ".zst", ".jar", ".war", ".ear", ".gem", ".nupkg", ".whl", ".deb", ".rpm", ".apk", ".msi",
    ".exe", ".dmg", ".pkg",
];

/// A version from a file's name without the file's ending: `log4j-core-2.17.1.jar` is
/// `2.17.1`, `Python-3.12.1.tgz` `3.12.1`. No version ends so.
fn without_archive_ending(version: &str) -> &str {
    ARCHIVE_ENDINGS
        .iter()
        .find_map(|ending| {
            let cut = version.len().checked_sub(ending.len())?;
            let tail = version.get(cut..)?;
            tail.eq_ignore_ascii_case(ending)
                .then(|| version.get(..cut))
                .flatten()
        })
        .unwrap_or(version)
}

/// Where a banner line's version is among its words: the one after `Distrib` (MySQL's and
/// MariaDB's clients: `mysql  Ver 14.14 Distrib 5.7.44`), else the first version with a dot,
/// else the first version (`SQL Server 2019 (RTM) - 15.0.2000.5` is 15.0.2000.5).
fn version_at(words: &[&str]) -> Option<usize> {
    let distrib = words
        .windows(2)
        .position(|w| matches!(w, [d, v] if d.eq_ignore_ascii_case("distrib") && is_version_word(v)));
    distrib.map(|k| k + 1).or_else(|| {
        words
            .iter()
            .position(|w| is_version_word(w) && w.contains('.'))
            .or_else(|| words.iter().position(|w| is_version_word(w)))
    })
}

/// The words of `gap` (of banner `line`) that may say which line: not those in brackets
/// (`(RTM)`), which describe the build, nor punctuation, nor the number that ends an
/// edition's name (`2` of Oracle Database's `Standard Edition 2`, not its `12c Release 2`;
/// `One` of `Standard Edition One`).
fn choosing_words<'t>(line: &str, gap: &[&'t str]) -> Vec<&'t str> {
    let mut brackets = Brackets::new(line);
    let ends_an_edition = |i: usize| {
        let w = gap.get(i).copied().unwrap_or_default();
        let a_number =
            w.bytes().all(|b| b.is_ascii_digit()) || ["one", "two"].iter().any(|n| w.eq_ignore_ascii_case(n));
        a_number
            && i.checked_sub(1)
                .and_then(|k| gap.get(k))
                .is_some_and(|before| before.eq_ignore_ascii_case("edition"))
    };
    gap.iter()
        .copied()
        .enumerate()
        .filter(|&(i, w)| {
            !brackets.around(w) && !w.chars().all(|c| c.is_ascii_punctuation()) && !ends_an_edition(i)
        })
        .map(|(_, w)| w)
        .collect()
}

/// The words of a banner: split at blanks and at `()[]{}"',;:/=@` (`@` of npm's
/// `react@18.2.0`).
fn banner_words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || "()[]{}\"',;:/=@".contains(c))
        .filter(|w| !w.is_empty())
}

/// A word that is a version: a digit first (or `v` and a digit), then only letters, digits
/// and `.-_+~` (`v20.10.0`, `16.1`, `17.0.9+9`).
pub fn is_version_word(word: &str) -> bool {
    let digits = word.strip_prefix(['v', 'V']).unwrap_or(word);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_+~".contains(c))
}

/// `text` split at its last blank into a name and a version (a digit first, or `v` and a
/// digit): `Python 3.9.18`.
fn name_and_version(text: &str) -> Option<(&str, &str)> {
    let (name, version) = text.trim().rsplit_once(char::is_whitespace)?;
    // without a sentence's full stop (`Node.js v18.19.0.`): no version ends in one
    let (name, version) = (name.trim(), version.trim().trim_end_matches('.'));
    let digits = version.strip_prefix(['v', 'V']).unwrap_or(version);
    (!name.is_empty() && digits.starts_with(|c: char| c.is_ascii_digit())).then_some((name, version))
}

/// Up to three ids or aliases close to `name`: within two edits, or one of them a
/// prefix of the other as [`prefix_close`] allows (`postgres` → `postgresql`), closest first.
pub fn suggestions(policies: &[&Policy], name: &str) -> Vec<String> {
    NameIndex::new(policies).suggestions(policies, name)
}

/// What [`suggestions`] compares an unknown name with, worked out once for a set of
/// policies: every id and alias folded, with its length in characters, and every word of
/// every id, alias and display name with the policies that have it.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// per policy, in order: its folded id and aliases, each with its length in characters
    candidates: Vec<Vec<(String, usize)>>,
    /// the distributions' package names the policies give
    packages: PackageNames,
    /// a folded word of an id, alias or display name: the policies that have it, in order
    words: HashMap<String, Vec<usize>>,
    /// the ids and aliases, to read version banners with ([`find_product_and_version_in`])
    names: Names,
    /// the policies' package URLs, by type and the first letter of the name
    purls: PurlIndex,
    /// the policies' CPEs, by product: the policies that give one, in order
    cpes: HashMap<String, Vec<usize>>,
    /// a folded id: the first policy that has it ([`is_id`])
    ids: HashMap<String, usize>,
    /// an alias (kept folded): the first policy that has it
    aliases: HashMap<String, usize>,
}

/// Which policies give a package URL of a type whose name begins with a byte: an audit
/// looks up each distinct package URL among those, not among every policy. A pattern whose
/// name begins with `{line}` may match any name of its type.
#[derive(Debug, Default)]
struct PurlIndex {
    /// (type, first byte of the name; None for a name that begins with a placeholder):
    /// the policies, in order
    buckets: HashMap<(String, Option<u8>), Vec<usize>>,
}

impl PurlIndex {
    fn new(policies: &[&Policy]) -> PurlIndex {
        let mut buckets: HashMap<(String, Option<u8>), Vec<usize>> = HashMap::new();
        for (i, p) in policies.iter().enumerate() {
            for purl in p.purls() {
                let first = purl.name.bytes().next().filter(|b| !matches!(b, b'{' | b'*'));
                let have = buckets
                    .entry((purl_type_class(&purl.ty).to_owned(), first))
                    .or_default();
                if have.last() != Some(&i) {
                    have.push(i);
                }
            }
        }
        PurlIndex { buckets }
    }

    /// The policies that may give `wanted` ([`Purl::match_rank`] is None for every other),
    /// in order.
    fn candidates(&self, wanted: &Purl) -> Vec<usize> {
        let ty = purl_type_class(&wanted.ty).to_owned();
        let first = wanted.name.bytes().next();
        let by_first = first.and_then(|b| self.buckets.get(&(ty.clone(), Some(b))));
        let open = self.buckets.get(&(ty, None));
        let mut out: Vec<usize> = by_first.into_iter().chain(open).flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A package URL type as [`Purl::match_rank`] compares it: an OCI image is a Docker one.
fn purl_type_class(ty: &str) -> &str {
    if ty == "oci" {
        "docker"
    } else {
        ty
    }
}

impl NameIndex {
    pub fn new(policies: &[&Policy]) -> NameIndex {
        let mut words: HashMap<String, Vec<usize>> = HashMap::new();
        let candidates = policies
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let texts = std::iter::once(p.id.as_str())
                    .chain(p.aliases())
                    .chain(std::iter::once(p.name.default.as_str()));
                for text in texts {
                    for w in fold(text).split(|c: char| !c.is_alphanumeric()) {
                        let have = words.entry(w.to_owned()).or_default();
                        if have.last() != Some(&i) {
                            have.push(i);
                        }
                    }
                }
                std::iter::once(fold(&p.id))
                    .chain(p.aliases().map(str::to_owned))
                    .map(|c| {
                        let n = c.chars().count();
                        (c, n)
                    })
                    .collect()
            })
            .collect();
        let mut cpes: HashMap<String, Vec<usize>> = HashMap::new();
        let (mut ids, mut aliases) = (HashMap::new(), HashMap::new());
        for (i, p) in policies.iter().enumerate() {
            let id = if p.id.is_ascii() {
                p.id.to_ascii_lowercase()
            } else {
                folded(&p.id).into_owned()
            };
            ids.entry(id).or_insert(i);
            for a in p.aliases() {
                aliases.entry(a.to_owned()).or_insert(i);
            }
            for cpe in p.cpes() {
                let have = cpes.entry(cpe.product.clone()).or_default();
                if have.last() != Some(&i) {
                    have.push(i);
                }
            }
        }
        NameIndex {
            candidates,
            packages: PackageNames::new(policies),
            words,
            names: Names::new(policies),
            purls: PurlIndex::new(policies),
            cpes,
            ids,
            aliases,
        }
    }

    /// The first of `policies` (those the index was made of) that gives a CPE of `cpe`'s
    /// product ([`Cpe::same_product`]), as a scan of them in order finds it.
    pub fn policy_of_cpe(&self, policies: &[&Policy], cpe: &Cpe) -> Option<usize> {
        self.cpes.get(&cpe.product)?.iter().copied().find(|&i| {
            policies
                .get(i)
                .is_some_and(|p| p.cpes().any(|d| d.same_product(cpe)))
        })
    }

    /// The policy whose distribution package names take the source package `text` names
    /// (an inventory's `source` column: `postgresql-15`, `binutils (2.40-2)`,
    /// `openssl-3.0.7-27.el9.src.rpm`; [`source_package_name`]), as [`find_by_purl`] finds a
    /// package URL's `upstream`; None when no policy's or two policies' names take it.
    pub fn policy_of_source(&self, text: &str) -> Option<usize> {
        self.packages.policy_of(&fold(source_package_name(text)?))
    }

    /// Why the package `name`, which no rule gives, is not the product whose `{line}`
    /// package names it begins as ([`PackageNames::prefix_of`]): `php8.2-redis`, a PECL
    /// extension packaged under PHP's prefix at its own version. For an unknown product's
    /// reason, in place of suggesting that product.
    pub fn under_prefix(&self, policies: &[&Policy], name: &str) -> Option<String> {
        under_prefix_with(policies, &self.packages, name)
    }

    /// The number the package `name` carries where a `{line}` of policy `policy` takes it
    /// ([`PackageNames::line_number`]): `15` of `postgresql-15`.
    pub fn package_line_number(&self, name: &str, policy: usize) -> Option<String> {
        let name = fold(name);
        self.packages.line_number(&name, policy).map(str::to_owned)
    }

    /// Up to three ids of `policies` (the policies the index was made of) close to `name`,
    /// closest first: see [`suggestions`].
    pub fn suggestions(&self, policies: &[&Policy], name: &str) -> Vec<String> {
        let wanted = fold(name);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, String)> = Vec::new();
        let wanted_chars = wanted.chars().count();
        let bag = Bag::of(&wanted);
        let has_word = self.words.get(&wanted);
        for (i, (p, candidates)) in policies.iter().zip(&self.candidates).enumerate() {
            let mut best: Option<usize> = None;
            for (candidate, chars) in candidates {
                // one edit (a transposition counts as one); two between names of eight letters
                // or more (`jdk` is not `idl`, `openssl` is not `openbsd`)
                let most = if wanted.len().min(candidate.len()) < 8 {
                    1
                } else {
                    2
                };
                let prefix = prefix_close(&wanted, candidate);
                // The distance is at least the difference in length, and is exactly that for
                // a prefix: the edit distance (quadratic in the lengths, with a map of the
                // letters; an audit asks it of every id and alias for every unknown name) is
                // computed only when it can be close: when the lengths, and the letters either
                // name has that the other lacks ([`Bag`]), are close enough.
                let apart = wanted_chars.abs_diff(*chars);
                let d = if prefix {
                    apart
                } else if apart > most || bag.apart(candidate).is_some_and(|b| b > most) {
                    continue;
                } else {
                    strsim::damerau_levenshtein(&wanted, candidate)
                };
                let close = d <= most;
                if close || prefix {
                    best = Some(best.map_or(d, |b| b.min(d)));
                }
            }
            // "java" for the product whose alias is "oracle java": a whole word of its id, an
            // alias or its name, ranked after every close or prefix match.
            if best.is_none()
                && wanted.len() >= 3
                && has_word.is_some_and(|have| have.binary_search(&i).is_ok())
            {
                best = Some(usize::MAX);
            }
            if let Some(d) = best {
                scored.push((d, p.id.clone()));
            }
        }
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }
}

/// Whether one folded name is a prefix of the other in a way worth suggesting: the name
/// given begins a longer id or alias (`postgres` → `postgresql`), or an id or alias begins
/// the name given and what follows it is digits, punctuation and words that say nothing of
/// which program it is ([`BANNER_FILLER`]: `python3`, `postgresql-15`, `postgresql client`).
/// Other letters after it make another name: `bundler` is not `bun`, `node_exporter` not
/// `node`, `windows driver package` not `windows`.
fn prefix_close(wanted: &str, candidate: &str) -> bool {
    wanted.len() >= 3
        && (candidate.starts_with(wanted)
            || wanted.strip_prefix(candidate).is_some_and(|rest| {
                !rest.starts_with(char::is_alphabetic)
                    && rest
                        .split(|c: char| !c.is_alphabetic())
                        .all(|w| w.is_empty() || BANNER_FILLER.contains(&w))
            }))
}

/// [`fold`] without a copy when the text is folded already (lowercase ASCII, no blank at
/// either end, as ids are written).
fn folded(text: &str) -> std::borrow::Cow<'_, str> {
    let plain =
        text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) && text.trim().len() == text.len();
    if plain {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fold(text))
    }
}

/// The letters of an ASCII name, counted: how many letters of one name the other lacks
/// bounds the edit distance between them from below (an insertion, deletion or substitution
/// changes each side's count of missing letters by at most one, a transposition by none).
struct Bag {
    counts: Option<[u8; 128]>,
    len: usize,
}

impl Bag {
    fn of(name: &str) -> Bag {
        let mut counts = [0u8; 128];
        let ascii = name.bytes().all(|b| {
            counts
                .get_mut(usize::from(b))
                .map(|c| *c = c.saturating_add(1))
                .is_some()
        });
        Bag {
            counts: (ascii && name.len() < 256).then_some(counts),
            len: name.len(),
        }
    }

    /// The larger of the number of letters `other` has that this name lacks and the number
    /// this name has that `other` lacks; None when either is not ASCII (nothing is skipped).
    fn apart(&self, other: &str) -> Option<usize> {
        let mut counts = self.counts?;
        let mut extra = 0usize;
        for b in other.bytes() {
            let c = counts.get_mut(usize::from(b))?;
            match c.checked_sub(1) {
                Some(n) => *c = n,
                None => extra += 1,
            }
        }
        let shared = other.len() - extra;
        Some(extra.max(self.len - shared))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::project::RuleFile;

    fn policy(line: &str) -> Policy {
        with_line_aliases(line, "  alias \"dem\", \"the demo\"\n")
    }

    fn lines<'a>(spec: &'a [(&'a str, &'a [&'a str])]) -> Vec<LineView<'a>> {
        spec.iter()
            .map(|(name, versions)| LineView {
                name,
                versions: versions.to_vec(),
            })
            .collect()
    }

    /// [`super::resolve_version`] with the lines indexed for this one text (as every test
    /// here resolves: the index must find what a scan of the lines would).
    fn resolve_version(p: &Policy, ls: &[LineView<'_>], text: &str) -> Resolution {
        super::resolve_version(p, &Lines::new(p, ls.to_vec()), text)
    }

    fn line_words(p: &Policy, ls: &[LineView<'_>], words: &[&str]) -> Option<LineWords> {
        LineWords::new(p, &Lines::new(p, ls.to_vec()), words)
    }

    fn line_of(p: &Policy, ls: &[LineView<'_>], text: &str) -> Option<String> {
        match resolve_version(p, ls, text) {
            Resolution::Line { line, .. } => Some(ls[line].name.to_owned()),
            _ => None,
        }
    }

    #[test]
    fn versions_as_people_write_them() {
        let p = policy("major");
        let ls = lines(&[
            ("8.0", &["8.0.0", "8.0.8"]),
            ("12", &["12.0", "12.22"]),
            ("18", &["18.0.0", "18.20.4"]),
        ]);
        assert_eq!(line_of(&p, &ls, "12.4").as_deref(), Some("12"));
        assert_eq!(line_of(&p, &ls, "v18.19.0").as_deref(), Some("18"));
        assert_eq!(line_of(&p, &ls, "8.0.8").as_deref(), Some("8.0"));
        assert_eq!(line_of(&p, &ls, "8.0.9-preview+build.5").as_deref(), Some("8.0"));
        assert_eq!(line_of(&p, &ls, " 18 ").as_deref(), Some("18"));
        assert_eq!(line_of(&p, &ls, "1:18.19.0-1nodesource1").as_deref(), Some("18"));
        assert_eq!(resolve_version(&p, &ls, "  "), Resolution::Empty);
    }

    /// `go1.21.5`: a version written onto the product's own id or alias, directly or after a
    /// hyphen or an underscore, with a dot; never another name, never split within a number.
    #[test]
    fn a_version_written_onto_the_products_own_name() {
        let p = with_line_aliases("major", "  alias \"dem\", \"dem2\"\n");
        let ls = lines(&[("8.0", &["8.0.0"]), ("12", &["12.0"]), ("18", &["18.0.0"])]);
        assert_eq!(line_of(&p, &ls, "demo18.19.0").as_deref(), Some("18"));
        assert_eq!(line_of(&p, &ls, "Dem-12.4").as_deref(), Some("12"));
        assert_eq!(line_of(&p, &ls, "DEMO_8.0.8").as_deref(), Some("8.0"));
        // the longest name: `dem2-12.4` is `12.4` by `dem2`, not `2-12.4` by `dem`
        assert_eq!(off_own_name(&p, "dem2-12.4"), Some("12.4"));
        // without a dot, another name, or letters after the name: as typed
        assert_eq!(off_own_name(&p, "demo18"), None);
        assert_eq!(off_own_name(&p, "go18.1"), None);
        assert_eq!(off_own_name(&p, "demox18.1"), None);
        assert_eq!(off_own_name(&p, "déмо18.1"), None);
        assert!(matches!(
            resolve_version(&p, &ls, "node18.19.0"),
            Resolution::Unknown { .. }
        ));
    }

    #[test]
    fn numeric_components_and_line_starts() {
        let p = policy("major.minor");
        let ls = lines(&[("22.04", &["22.04"]), ("11-23h2-w", &[]), ("11-23h2-e", &[])]);
        assert_eq!(line_of(&p, &ls, "22.4.1").as_deref(), Some("22.04"));
        match resolve_version(&p, &ls, "11") {
            Resolution::Ambiguous { lines, how } => {
                assert_eq!(lines, vec![1, 2]);
                assert_eq!(how, How::LineStart);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn letter_releases_find_their_line() {
        let p = policy("major.minor");
        let ls = lines(&[
            ("0.9.8", &["0.9.8"]),
            ("1.1.1", &["1.1.1", "1.1.1w"]),
            ("3.0", &[]),
        ]);
        assert_eq!(line_of(&p, &ls, "1.1.1k").as_deref(), Some("1.1.1"));
        assert_eq!(line_of(&p, &ls, "1.1.1K").as_deref(), None);
        assert_eq!(line_of(&p, &ls, "0.9.8zh").as_deref(), Some("0.9.8"));
        assert_eq!(line_of(&p, &ls, "1.1.1n-0+deb11u5").as_deref(), Some("1.1.1"));
        assert!(matches!(
            resolve_version(&p, &ls, "1.1.1k"),
            Resolution::Line {
                how: How::LinePrefix,
                ..
            }
        ));
        // one or two letters, then nothing: not a word, not letters and digits, not a line
        // name that ends in a letter
        assert_eq!(line_of(&p, &ls, "1.1.1abc").as_deref(), None);
        assert_eq!(line_of(&p, &ls, "1.1.1k1").as_deref(), None);
        assert_eq!(line_of(&p, &ls, "3.0x").as_deref(), Some("3.0"));
        let ls = lines(&[("12c", &[]), ("8", &[])]);
        assert_eq!(line_of(&p, &ls, "12cd").as_deref(), None);
        assert_eq!(line_of(&p, &ls, "8ux").as_deref(), None);
    }

    #[test]
    fn a_build_in_several_lines_is_ambiguous() {
        let p = policy("major");
        let ls = lines(&[("10-21h2-w", &["10.0.19044"]), ("10-21h2-e-lts", &["10.0.19044"])]);
        assert!(matches!(
            resolve_version(&p, &ls, "10.0.19044"),
            Resolution::Ambiguous {
                how: How::Release,
                ..
            }
        ));
        assert!(matches!(
            resolve_version(&p, &ls, "10.0.19044.3086"),
            Resolution::Ambiguous {
                how: How::ReleasePrefix,
                ..
            }
        ));
    }

    #[test]
    fn a_release_of_one_line_named_like_another_is_ambiguous() {
        // found by the fuzzer: a mutated Windows Server file put the release `2022` in a line
        // other than the line `2022`
        let p = policy("major");
        let ls = lines(&[("2022", &["20348"]), ("2022-edge", &["2022"])]);
        assert_eq!(
            resolve_version(&p, &ls, "2022"),
            Resolution::Ambiguous {
                lines: vec![0, 1],
                how: How::Release
            }
        );
        // a line that lists its own name as a release is that line
        let ls = lines(&[("2022", &["2022"]), ("2019", &["2019"])]);
        assert_eq!(line_of(&p, &ls, "2022").as_deref(), Some("2022"));
    }

    #[test]
    fn a_line_named_as_typed_comes_before_the_text_without_its_v() {
        // found by the fuzzer: a mutated catalog named a line `V1.1` beside the line `1.1`;
        // `V1.1` is that line's name, and also `1.1` (a release of the other line) without
        // its `v`: two readings, so ambiguous, and never the other line alone
        let p = policy("major.minor");
        let ls = lines(&[("1.1", &["1.1"]), ("V1.1", &["21.1"])]);
        assert_eq!(
            resolve_version(&p, &ls, "V1.1"),
            Resolution::Ambiguous {
                lines: vec![0, 1],
                how: How::Release
            }
        );
        let ls = lines(&[("1.1", &["1.1.0"]), ("V1.1", &["21.1"])]);
        assert_eq!(
            resolve_version(&p, &ls, "V1.1"),
            Resolution::Line {
                line: 1,
                how: How::LineName
            }
        );
    }

    /// A policy `demo` with lines `line` and the items `aliases` after the `line` item.
    fn with_line_aliases(line: &str, aliases: &str) -> Policy {
        let src = format!(
            "policy demo \"Demo\" {{\n  line {line}\n{aliases}  service s \"S\"\n  phase p \"P\" {{\n    from first_ship\n    until first_ship + 1 year\n    provides s\n  }}\n}}\n"
        );
        let f = RuleFile::load("demo.eol", src.as_bytes());
        assert!(!f.has_errors(), "{:?}", f.diagnostics);
        f.policies.into_iter().next().unwrap()
    }

    #[test]
    fn builds_find_the_level_they_belong_to() {
        let p = with_line_aliases(
            "major.minor",
            "  builds line 13.0 from \"13.0.1601.5\"\n  builds line 13.0-sp2 from \"13.0.5026.0\"\n  builds line 13.0-sp3 from \"13.0.6300.2\"\n  builds line 12.0-sp3 from \"12.0.6024.0\"\n  builds line 99.0 from \"99.0.1.0\"\n",
        );
        let ls = lines(&[
            ("12.0", &["12.0.2569.0"]),
            ("12.0-sp3", &["12.0.6449.1"]),
            ("13.0", &["13.0.2218.0"]),
            ("13.0-sp2", &["13.0.5893.48"]),
            ("13.0-sp3", &["13.0.6500.1"]),
            ("14.0", &["14.0.3540.1"]),
        ]);
        let by_builds = |typed: &str| match resolve_version(&p, &ls, typed) {
            Resolution::Line {
                line,
                how: How::Builds,
            } => ls.get(line).map(|l| l.name),
            _ => None,
        };
        // the greatest start at or below the build, among those of its release
        assert_eq!(by_builds("13.0.6300.2"), Some("13.0-sp3"));
        assert_eq!(by_builds("13.0.6435.1"), Some("13.0-sp3"));
        assert_eq!(by_builds("13.0.6300.1"), Some("13.0-sp2"));
        assert_eq!(by_builds("13.00.5026.00"), Some("13.0-sp2"));
        assert_eq!(by_builds("v13.0.1742.0"), Some("13.0"));
        assert_eq!(by_builds("12.0.6433.1"), Some("12.0-sp3"));
        // a release the catalog lists, and a line's own name, come first
        assert_eq!(
            resolve_version(&p, &ls, "13.0.5893.48"),
            Resolution::Line {
                line: 3,
                how: How::Release
            }
        );
        assert_eq!(
            resolve_version(&p, &ls, "13.0"),
            Resolution::Line {
                line: 2,
                how: How::LineName
            }
        );
        // below every start of its release, another release, a start whose line the
        // catalog lacks: the other rules decide
        assert_eq!(
            resolve_version(&p, &ls, "13.0.1000.281"),
            Resolution::Line {
                line: 2,
                how: How::LinePrefix
            }
        );
        assert_eq!(
            resolve_version(&p, &ls, "12.0.2000.8"),
            Resolution::Line {
                line: 0,
                how: How::LinePrefix
            }
        );
        assert_eq!(
            resolve_version(&p, &ls, "14.0.3456.2"),
            Resolution::Line {
                line: 5,
                how: How::LinePrefix
            }
        );
        assert_eq!(by_builds("99.0.2.0"), None);
    }

    #[test]
    fn builds_must_be_longer_than_a_line_and_given_once() {
        let src = "policy demo \"Demo\" {\n  line major.minor\n  builds line 13.0 from \"13.0\"\n  builds line 13.0-sp1 from \"SP1\"\n  builds line 13.0-sp2 from \"13.0.5026.0\"\n  builds line 13.0-sp2 from \"13.0.5027.0\"\n  builds line 13.0-sp3 from \"13.00.5026.0\"\n  service s \"S\"\n  phase p \"P\" {\n    from first_ship\n    until first_ship + 1 year\n    provides s\n  }\n}\n";
        let f = RuleFile::load("demo.eol", src.as_bytes());
        let got: Vec<(&str, &str)> = f
            .diagnostics
            .iter()
            .map(|d| (d.code, d.primary.span.text(src)))
            .collect();
        assert_eq!(
            got,
            [
                ("eol::invalid-build", "\"13.0\""),
                ("eol::invalid-build", "\"SP1\""),
                ("eol::duplicate-definition", "\"13.0.5027.0\""),
                ("eol::duplicate-definition", "\"13.00.5026.0\""),
            ]
        );
        assert_eq!(f.policies.first().map(|p| p.line_builds.len()), Some(1));
    }

    #[test]
    fn other_names_of_lines_find_them() {
        let p = with_line_aliases(
            "major.minor",
            "  alias line 15.0 \"2019\"\n  alias line 13.0 \"2016\", \"2016 RTM\"\n  alias line \"13.0-sp3\" \"2016\", \"2016 SP3\"\n  alias line 22.04 \"jammy\", \"Jammy Jellyfish\"\n",
        );
        let ls = lines(&[
            ("13.0", &["13.0.1601.5"]),
            ("13.0-sp3", &["13.0.6300.2"]),
            ("15.0", &["15.0.2000.5"]),
            ("22.04", &["22.04", "22.04.5"]),
            ("2019", &[]),
        ]);
        // a name of one line: that line, found by its other name
        assert_eq!(
            resolve_version(&p, &ls, "2016 SP3"),
            Resolution::Line {
                line: 1,
                how: How::LineAlias
            }
        );
        // any letter case, blanks collapsed and trimmed
        for typed in ["JAMMY", " jammy jellyfish ", "Jammy\tJellyfish"] {
            assert_eq!(
                resolve_version(&p, &ls, typed),
                Resolution::Line {
                    line: 3,
                    how: How::LineAlias
                },
                "{typed:?}"
            );
        }
        // a name several lines have is ambiguous, never a guess
        assert_eq!(
            resolve_version(&p, &ls, "2016"),
            Resolution::Ambiguous {
                lines: vec![0, 1],
                how: How::LineAlias
            }
        );
        // a name that is also another line's name names both
        assert_eq!(
            resolve_version(&p, &ls, "2019"),
            Resolution::Ambiguous {
                lines: vec![2, 4],
                how: How::LineAlias
            }
        );
        // versions still find their lines as before, and `--line` takes the names
        assert_eq!(line_of(&p, &ls, "15.0.4480.2").as_deref(), Some("15.0"));
        assert_eq!(line_of(&p, &ls, "22.04.3").as_deref(), Some("22.04"));
        let names = || ls.iter().map(|l| l.name);
        assert_eq!(aliased_lines(&p, names(), "Jammy Jellyfish"), vec![3]);
        assert_eq!(aliased_lines(&p, names(), "2016"), vec![0, 1]);
        assert!(aliased_lines(&p, names(), "noble").is_empty());
        // the names of a line, kept in source order (the evaluator lists them per line)
        let of_sp3: Vec<&str> = p
            .line_aliases
            .iter()
            .filter(|a| a.line == "13.0-sp3")
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(of_sp3, vec!["2016", "2016 SP3"]);
    }

    #[test]
    fn other_names_of_lines_start_versions() {
        let p = with_line_aliases(
            "major.minor",
            "  alias line 12 \"bookworm\"\n  alias line 13.0 \"2016\"\n  alias line \"13.0-sp2\" \"2016\", \"2016 SP2\"\n  alias line 8 \"1.8\"\n",
        );
        let ls = lines(&[
            ("1.4", &["1.4.2"]),
            ("8", &["8u501"]),
            ("12", &["12.15"]),
            ("13.0", &[]),
            ("13.0-sp2", &[]),
        ]);
        let found = |t: &str| resolve_version(&p, &ls, t);
        // a container tag, Java 8's legacy version string
        assert_eq!(
            found("bookworm-slim"),
            Resolution::Line {
                line: 2,
                how: How::AliasPrefix
            }
        );
        assert_eq!(
            found("1.8.0_392"),
            Resolution::Line {
                line: 1,
                how: How::AliasPrefix
            }
        );
        // the longest name wins; a longest name several lines have is ambiguous
        assert_eq!(
            found("2016 SP2 CU17"),
            Resolution::Line {
                line: 4,
                how: How::AliasPrefix
            }
        );
        assert_eq!(
            found("2016 CU5"),
            Resolution::Ambiguous {
                lines: vec![3, 4],
                how: How::AliasPrefix
            }
        );
        // a misspelt name: the line of the closest name is the nearest
        assert_eq!(
            found("bookwrm"),
            Resolution::Unknown {
                nearest: vec![2],
                pattern_line: None,
                newer_than_all: false,
                older_than_all: false
            }
        );
        // only at a boundary, and line names still win where they are longer
        assert!(matches!(found("bookwormish"), Resolution::Unknown { .. }));
        assert!(matches!(found("bookworm2"), Resolution::Unknown { .. }));
        assert_eq!(
            found("1.4.2_19"),
            Resolution::Line {
                line: 0,
                how: How::LinePrefix
            }
        );
    }

    #[test]
    fn a_name_ending_in_a_letter_starts_a_version_before_a_digit() {
        let p = with_line_aliases("major", "  alias line 8 \"8u\", \"jdk8u\"\n");
        let ls = lines(&[("8", &["8u501"]), ("17", &["17.0.2"])]);
        for typed in ["8u392", "8U392-b08", "jdk8u392-b08", "8u"] {
            assert_eq!(line_of(&p, &ls, typed).as_deref(), Some("8"), "{typed}");
        }
        // a letter after a name ending in a letter is no boundary
        assert!(matches!(
            resolve_version(&p, &ls, "8ux"),
            Resolution::Unknown { .. }
        ));
    }

    #[test]
    fn a_line_alias_that_is_a_release_of_another_line_is_ambiguous() {
        let p = with_line_aliases("major", "  alias line 3 \"2.1.4\"\n");
        let ls = lines(&[("2", &["2.0.0", "2.1.4"]), ("3", &["3.0.0"])]);
        assert_eq!(
            resolve_version(&p, &ls, "2.1.4"),
            Resolution::Ambiguous {
                lines: vec![0, 1],
                how: How::Release
            }
        );
    }

    #[test]
    fn unknown_versions_name_the_nearest_lines() {
        let p = policy("major");
        let ls = lines(&[("10", &[]), ("12", &[]), ("14", &[])]);
        assert_eq!(
            resolve_version(&p, &ls, "13.1"),
            Resolution::Unknown {
                nearest: vec![1, 2],
                pattern_line: Some("13".into()),
                newer_than_all: false,
                older_than_all: false
            }
        );
        // older than every line: the nearest is the oldest line
        assert_eq!(
            resolve_version(&p, &ls, "8.4"),
            Resolution::Unknown {
                nearest: vec![0],
                pattern_line: Some("8".into()),
                newer_than_all: false,
                older_than_all: true
            }
        );
        // ... in the lines' own numbering: Unity 6 is no version before 2017.1
        let years = lines(&[("2017.1", &[]), ("2022.3", &[]), ("6000.0", &[])]);
        assert_eq!(
            resolve_version(&p, &years, "6.0.23f1"),
            Resolution::Unknown {
                nearest: vec![0],
                pattern_line: Some("6".into()),
                newer_than_all: false,
                older_than_all: false
            }
        );
        let years = lines(&[("10.0", &[]), ("11", &[])]);
        assert!(matches!(
            resolve_version(&p, &years, "9.2"),
            Resolution::Unknown {
                older_than_all: true,
                ..
            }
        ));
        assert_eq!(
            resolve_version(&p, &ls, "19.0"),
            Resolution::Unknown {
                nearest: vec![2],
                pattern_line: Some("19".into()),
                newer_than_all: true,
                older_than_all: false
            }
        );
        // lines named otherwise than their releases are ordered by their releases
        let ls = lines(&[
            ("2008-sp2", &["6.0.6003"]),
            ("2008-r2-sp1", &["6.1.7601"]),
            ("2012", &["6.2.9200"]),
            ("2019", &["10.0.17763"]),
            ("20h2-sac", &["10.0.19042"]),
        ]);
        assert_eq!(
            resolve_version(&p, &ls, "6.1.7600"),
            Resolution::Unknown {
                nearest: vec![0, 1],
                pattern_line: Some("6".into()),
                newer_than_all: false,
                older_than_all: false
            }
        );
        assert_eq!(
            resolve_version(&p, &ls, "10.0.30000"),
            Resolution::Unknown {
                nearest: vec![4],
                pattern_line: Some("10".into()),
                newer_than_all: true,
                older_than_all: false
            }
        );
        // a line named by a shorter version reaches past the longer lines it contains
        // (Log4j: `2` holds 2.26 beside the lines 2.3 and 2.12)
        let ls = lines(&[("1", &[]), ("2.3", &[]), ("2.12", &[]), ("2", &[])]);
        assert_eq!(
            resolve_version(&p, &ls, "3.0.0-beta2"),
            Resolution::Unknown {
                nearest: vec![3],
                pattern_line: Some("3".into()),
                newer_than_all: true,
                older_than_all: false
            }
        );
        let ls = lines(&[("10", &[]), ("12", &[]), ("14", &[])]);
        // a word before the version: not "newer than every line", no nearest in version order
        assert_eq!(
            resolve_version(&p, &ls, "Python 14.1"),
            Resolution::Unknown {
                nearest: vec![],
                pattern_line: None,
                newer_than_all: false,
                older_than_all: false
            }
        );
        // a codename is no version: not "newer than every line", no nearest in version order
        assert_eq!(
            resolve_version(&p, &ls, "bookworm"),
            Resolution::Unknown {
                nearest: vec![],
                pattern_line: None,
                newer_than_all: false,
                older_than_all: false
            }
        );
    }

    /// The package-name index gives the answer every pattern asked in turn would
    /// ([`crate::identifiers::name_matches`]): written-out names, `*` prefixes, `{line}` with
    /// and without a final `*`, and names two products give (no one's).
    #[test]
    fn package_names_index_agrees_with_each_pattern_asked() {
        let src = "policy php \"PHP\" {\n  purl \"pkg:deb/debian/php{line}-fpm\", \"pkg:deb/ubuntu/php{line}-fpm\", \"pkg:apk/alpine/php{line}\"\n  purl \"pkg:deb/debian/libapache2-mod-php{line}\", \"pkg:npm/php-fpm\"\n  line major.minor\n}\n\
            policy pg \"PG\" {\n  purl \"pkg:deb/debian/postgresql-{line}\", \"pkg:rpm/redhat/postgresql{line}-*\", \"pkg:deb/debian/libpq5\"\n  line major\n}\n\
            policy go \"Go\" {\n  purl \"pkg:deb/debian/golang-1.*\", \"pkg:deb/debian/libpq5\"\n  line major.minor\n}\n\
            policy other \"Other\" {\n  purl \"pkg:deb/debian/php{line}-fpm-extra\", \"pkg:deb/debian/golang-1.2*\"\n  line major\n}\n";
        // (the checker reports `libpq5` given twice, and the policies without phases; the
        // lookup is asked of them all the same)
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 4);
        let index = PackageNames::new(&ps);
        let each = |name: &str| {
            let mut owners = ps.iter().enumerate().filter(|(_, p)| {
                p.purls().any(|d| {
                    matches!(d.ty.as_str(), "deb" | "rpm" | "apk")
                        && crate::identifiers::name_matches(&d.name, name)
                })
            });
            let (i, _) = owners.next()?;
            owners.next().is_none().then_some(i)
        };
        for name in [
            "php8.2-fpm",
            "php82",
            "php8.2-fpm-extra",
            "php-fpm",
            "php8.-fpm",
            "php8.2",
            "libapache2-mod-php8.3",
            "postgresql-15",
            "postgresql-common",
            "postgresql16-server",
            "postgresql16",
            "postgresql-15-postgis-3",
            "libpq5",
            "golang-1.19-go",
            "golang-1.21-go",
            "golang-2",
            "",
            "php 8.2",
        ] {
            assert_eq!(index.policy_of(name), each(name), "{name}");
        }
        let id = |name: &str| index.policy_of(name).map(|i| ps[i].id.as_str());
        assert_eq!(id("php8.2-fpm"), Some("php"));
        assert_eq!(id("php8.2-fpm-extra"), Some("other"));
        assert_eq!(id("postgresql16-server"), Some("pg"));
        // two products give these: no one's
        assert_eq!(id("libpq5"), None);
        assert_eq!(id("golang-1.21-go"), None);
        assert_eq!(id("golang-1.19-go"), Some("go"));
        // the number a policy's `{line}` takes, for that policy only; none for a name written out
        let number = |name: &'static str, policy: usize| index.line_number(name, policy);
        assert_eq!(number("php8.2-fpm", 0), Some("8.2"));
        assert_eq!(number("php82", 0), Some("82"));
        assert_eq!(number("php8.2-fpm", 1), None);
        assert_eq!(number("php8.2-fpm-extra", 3), Some("8.2"));
        assert_eq!(number("postgresql16-server", 1), Some("16"));
        assert_eq!(number("postgresql-common", 1), None);
        assert_eq!(number("libpq5", 1), None);
        assert_eq!(number("golang-1.19-go", 2), None);
        // a name a `{line}` pattern begins but does not take whole: under that product's prefix
        assert_eq!(
            index.prefix_of("libapache2-mod-php8.3-x"),
            Some((0, "libapache2-mod-php8.3"))
        );
        assert_eq!(
            index.prefix_of("postgresql-16-postgis-3"),
            Some((1, "postgresql-16"))
        );
        assert_eq!(index.prefix_of("php-sabre"), None);
        assert_eq!(index.prefix_of("golang-1.19-go"), None);
        // `php{line}-fpm-extra` is another policy's: `php8.2-redis` begins as both do, so
        // neither's
        assert_eq!(index.prefix_of("php8.2-redis"), None);
        let why = under_prefix(&ps, "postgresql-16-postgis-3").unwrap();
        assert!(
            why.starts_with("it begins as `pg`'s package names do (`postgresql-16`)"),
            "{why}"
        );
        assert_eq!(under_prefix(&ps, "postgresql-16"), None, "a name a rule gives");
        assert_eq!(under_prefix(&ps, "php8.2-redis"), None);
        assert_eq!(under_prefix(&ps, "Python 3.11"), None);
    }

    /// The number index finds what a scan of every line's name by the documented rule finds.
    #[test]
    fn a_package_names_number_is_found_as_a_scan_finds_it() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let fits = |name: &str, number: &str| {
            let wanted: Vec<&str> = number.split('.').collect();
            let parts: Vec<&str> = name.split('.').collect();
            if parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
            {
                return false;
            }
            let shorter = parts.len().min(wanted.len());
            parts[..shorter] == wanted[..shorter]
                || (wanted.len() == 1 && (1..=parts.len()).any(|k| parts[..k].concat() == number))
        };
        let name = "[1-3]{1,2}(\\.[1-3]{1,2}){0,2}|lts|1-2|1\\.|\\.1";
        let mut runner = TestRunner::new(Config {
            cases: 500,
            ..Config::default()
        });
        runner
            .run(
                &(
                    proptest::collection::vec(name, 0..12),
                    proptest::collection::vec(name, 1..8),
                ),
                |(names, numbers)| {
                    let views = Lines::new(
                        &policy("major"),
                        names
                            .iter()
                            .map(|n| LineView {
                                name: n,
                                versions: Vec::new(),
                            })
                            .collect(),
                    );
                    for number in &numbers {
                        let scanned: Vec<usize> =
                            (0..names.len()).filter(|&i| fits(&names[i], number)).collect();
                        let found = LineWords::of_package_number(&views, number, "`demo`")
                            .map(|lw| lw.named)
                            .unwrap_or_default();
                        prop_assert_eq!(found, scanned, "{:?} among {:?}", number, names);
                    }
                    Ok(())
                },
            )
            .unwrap();
    }

    #[test]
    fn a_package_names_number_fits_the_lines_it_may_be() {
        let lines = |names: &[&'static str]| -> Vec<LineView<'static>> {
            names
                .iter()
                .map(|n| LineView {
                    name: n,
                    versions: Vec::new(),
                })
                .collect()
        };
        let fit = |names: &[&'static str], number: &str| -> Vec<&'static str> {
            let views = Lines::new(&policy("major"), lines(names));
            LineWords::of_package_number(&views, number, "`demo`")
                .map(|lw| {
                    assert_eq!(lw.in_package.as_deref(), Some("`demo`"));
                    assert_eq!(lw.words, [number]);
                    lw.named.iter().map(|&i| names[i]).collect()
                })
                .unwrap_or_default()
        };
        let python = ["2.7", "3.1", "3.11", "3.12"];
        assert_eq!(fit(&python, "3"), ["3.1", "3.11", "3.12"]);
        assert_eq!(fit(&python, "3.11"), ["3.11"]);
        assert_eq!(fit(&python, "3.1"), ["3.1"]);
        assert_eq!(fit(&python, "311"), ["3.11"]);
        assert_eq!(fit(&python, "27"), ["2.7"]);
        assert!(fit(&python, "3.13").is_empty());
        assert_eq!(fit(&["9.0", "10.0", "10.1", "11.0"], "10"), ["10.0", "10.1"]);
        assert_eq!(fit(&["8", "9"], "8.2"), ["8"]);
        assert_eq!(fit(&["14", "15", "16"], "15"), ["15"]);
        assert!(fit(&["14", "15", "16"], "1").is_empty());
        // a line not numbered is no number's
        assert!(fit(&["10-22h2", "lts"], "10").is_empty());
        // a number that fits no line checks nothing: the version alone says
        let views = Lines::new(&policy("major"), lines(&["14", "15"]));
        let none = LineWords::of_package_number(&views, "19", "`demo`");
        assert!(none.is_none());
        // it narrows a version's lines, refuses one of another line, and gives no line to a
        // version that finds none
        let lw = LineWords::of_package_number(&views, "15", "`demo`").unwrap();
        let line = |line| Resolution::Line {
            line,
            how: How::LinePrefix,
        };
        assert!(lw.narrow(line(1)).is_ok());
        assert_eq!(lw.narrow(line(0)).err(), Some(vec![0]));
        assert!(matches!(lw.narrow(Resolution::Empty), Ok(Resolution::Empty)));
    }

    #[test]
    fn products_by_id_alias_purl_and_cpe() {
        let src = "policy nodejs \"Node.js\" {\n  alias \"node\", \"node.js\"\n  purl \"pkg:generic/node\"\n  cpe \"cpe:2.3:a:nodejs:node.js\"\n  line major\n}\npolicy python \"Python\" {\n  purl \"pkg:generic/python\"\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let found = |t: &str| match find_product(&ps, t) {
            ProductLookup::Found { index, by, version } => Some((ps[index].id.clone(), by, version)),
            _ => None,
        };
        assert_eq!(found("Node").map(|f| f.1), Some(FoundBy::Alias));
        assert_eq!(found("NODEJS").map(|f| f.1), Some(FoundBy::Id));
        assert_eq!(
            found("pkg:generic/node@18.19.0"),
            Some(("nodejs".into(), FoundBy::Purl, Some("18.19.0".into())))
        );
        assert_eq!(
            found("cpe:2.3:a:nodejs:node.js:18.1.0:*:*:*:*:*:*:*").map(|f| f.2),
            Some(Some("18.1.0".into()))
        );
        assert_eq!(
            find_product(&ps, "pyhton"),
            ProductLookup::Unknown {
                suggestions: vec!["python".into()]
            }
        );
        assert!(matches!(find_product(&ps, "pkg:"), ProductLookup::Malformed(_)));
    }

    /// An OS inventory names a distribution's packages (`dpkg-query -W`, osquery's
    /// `deb_packages`): the names the policies' `pkg:deb`, `pkg:rpm` and `pkg:apk` URLs give.
    #[test]
    fn products_by_a_distribution_packages_name() {
        let src = "policy postgresql \"PostgreSQL\" {\n  purl \"pkg:deb/debian/postgresql-*\", \"pkg:rpm/redhat/postgresql-server\"\n  purl \"pkg:npm/pg\"\n  line major\n}\n\
            policy python \"Python\" {\n  purl \"pkg:deb/ubuntu/python3.*\", \"pkg:apk/alpine/python3\"\n  line major.minor\n}\n\
            policy a \"A\" {\n  purl \"pkg:deb/debian/shared\"\n  line major\n}\n\
            policy b \"B\" {\n  purl \"pkg:rpm/redhat/shared\"\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 4);
        let found = |t: &str| match find_product(&ps, t) {
            ProductLookup::Found { index, by, version } => Some((ps[index].id.as_str(), by, version)),
            _ => None,
        };
        for (name, id) in [
            ("postgresql-15", "postgresql"),
            ("PostgreSQL-16", "postgresql"),
            ("postgresql-server", "postgresql"),
            ("python3.11", "python"),
            ("python3.11-venv", "python"),
            ("python3", "python"),
        ] {
            assert_eq!(found(name), Some((id, FoundBy::Package, None)), "{name}");
        }
        // another ecosystem's name, a name two products' packages have, or not a name
        for name in [
            "pg",
            "shared",
            "postgresql",
            "python3.11 3.11.2",
            "pkg:deb/debian/postgresql-15",
        ] {
            assert!(
                !matches!(
                    find_product(&ps, name),
                    ProductLookup::Found {
                        by: FoundBy::Package,
                        ..
                    }
                ),
                "{name}"
            );
        }
        // a package URL no rule gives goes on to its name, with the URL's version, unless
        // it is a language registry's
        assert_eq!(
            found("pkg:rpm/amazon/postgresql-15@15.8-1.amzn2023?distro=amazon-2023"),
            Some(("postgresql", FoundBy::Package, Some("15.8-1.amzn2023".into())))
        );
        assert_eq!(
            found("pkg:docker/library/python3@3.12"),
            Some(("python", FoundBy::Package, Some("3.12".into())))
        );
        assert_eq!(found("pkg:rpm/amazon/shared@1.0-1"), None);
        assert_eq!(found("pkg:rpm/amazon/pkg%3Arpm%2Fx%2Fpython3@1"), None);
        assert_eq!(found("pkg:npm/python3@1.0.0"), None);
        // the owner of a repository or an image is part of what it is
        assert_eq!(found("pkg:github/someone/python3@1.0.0"), None);
        assert_eq!(found("pkg:docker/someone/python3@3.12"), None);
        assert_eq!(
            found("pkg:generic/python3@3.12.1"),
            Some(("python", FoundBy::Package, Some("3.12.1".into())))
        );
        // with its version after it, as one text
        assert_eq!(
            find_product_and_version(&ps, "postgresql-15 15.5").map(|t| (t.index, t.by, t.version)),
            Some((0, FoundBy::Package, "15.5".to_owned()))
        );
    }

    /// Windows lists installed programs with the build after the name: `(x64 en-US)`
    /// describes the build, not the program; any other bracketed word may name another.
    #[test]
    fn a_name_followed_by_its_build_in_brackets() {
        let src = "policy firefox \"Firefox\" {\n  vendor \"Mozilla\"\n  alias \"mozilla firefox\", \"firefox esr\"\n  line major\n}\npolicy notepad-plus-plus \"Notepad++\" {\n  alias \"notepad++\"\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let found = |t: &str| match find_product(&ps, t) {
            ProductLookup::Found { index, by, version } => Some((ps[index].id.as_str(), by, version)),
            _ => None,
        };
        for (text, id) in [
            ("Mozilla Firefox (x64 en-US)", "firefox"),
            ("Mozilla Firefox (x86 de)", "firefox"),
            ("Firefox (ARM64, zh-Hant)", "firefox"),
            ("Firefox (x64 ast-ES)", "firefox"),
            ("FIREFOX (AMD64)", "firefox"),
            ("Notepad++ (64-bit x64)", "notepad-plus-plus"),
            ("Notepad++ (32 bit)", "notepad-plus-plus"),
            ("notepad++(x86)", "notepad-plus-plus"),
            // an alias after the product's own vendor
            ("Mozilla Firefox ESR (x64 en-US)", "firefox"),
            ("mozilla  FIREFOX", "firefox"),
        ] {
            assert_eq!(found(text).map(|f| (f.0, f.2)), Some((id, None)), "{text}");
        }
        for text in [
            // no architecture: a language alone, or a word that may name a release
            "Mozilla Firefox (en-US)",
            "Mozilla Firefox (RC)",
            "Mozilla Firefox (x64 Nightly)",
            "Mozilla Firefox (x64 dev)",
            "Mozilla Firefox (x64 RC)",
            "Mozilla Firefox (x64 rc)",
            "Mozilla Firefox (x64 en-us-x)",
            "Notepad++ (64)",
            "Mozilla Firefox ()",
            "(x64)",
            "Mozilla Firefox (x64",
            // the brackets must end the name
            "Mozilla Firefox (x64) ESR",
            // another vendor, or the vendor alone
            "Contoso Firefox ESR",
            "Mozilla",
            "Mozilla Notepad++",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
        // a name no product has is still suggested by what is before the brackets
        assert_eq!(
            find_product(&ps, "Mozila Firefox (x64 en-US)"),
            ProductLookup::Unknown {
                suggestions: vec!["firefox".into()]
            }
        );
    }

    #[test]
    fn a_product_and_its_version_in_one_text() {
        let src = "policy nodejs \"Node.js\" {\n  alias \"node\", \"node js\"\n  line major\n}\npolicy python \"Python\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let found =
            |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.as_str(), t.by, t.version));
        // as `python --version` and `node --version` print them
        assert_eq!(
            found("Python 3.9.18"),
            Some(("python", FoundBy::Id, "3.9.18".into()))
        );
        assert_eq!(
            found(" node  v22.11.0 "),
            Some(("nodejs", FoundBy::Alias, "v22.11.0".into()))
        );
        // an alias with a blank in it, then the version
        assert_eq!(found("node js 20"), Some(("nodejs", FoundBy::Alias, "20".into())));
        // not a version after the name, no name, or no product by that name
        assert_eq!(found("python three"), None);
        assert_eq!(found("python"), None);
        assert_eq!(found(" 3.9"), None);
        assert_eq!(found("ruby 3.3.0"), None);
        // an identifier carries its own version: not split
        assert_eq!(found("pkg:generic/node 20"), None);
        // a misspelt name with its version: the name's suggestions
        assert_eq!(
            find_product(&ps, "pythn 3.9"),
            ProductLookup::Unknown {
                suggestions: vec!["python".into()]
            }
        );
    }

    #[test]
    fn words_in_brackets_are_counted_along_the_line() {
        let line = "SQL Server 2019 (RTM [a] b) c {d (e)} f";
        let words: Vec<&str> = banner_words(line).collect();
        let inside = |w: &str| ["RTM", "a", "b", "d", "e"].contains(&w);
        // asked in order, as the readers ask
        let mut brackets = Brackets::new(line);
        for w in &words {
            assert_eq!(brackets.around(w), inside(w), "{w}");
        }
        // and out of order
        let mut brackets = Brackets::new(line);
        for w in words.iter().rev().chain(&words) {
            assert_eq!(brackets.around(w), inside(w), "{w}");
        }
        // a text that is not the line's is in no brackets of it
        let other = String::from("RTM");
        assert!(!brackets.around(&other));
    }

    /// A container image reference is the product whose rule names the image; an image no
    /// rule names is read by its name's words, but one that an account or registry of its
    /// own publishes only as a product that publisher is related to.
    #[test]
    fn images_no_rule_names_are_read_as_their_publishers_products() {
        let src = "policy nodejs \"Node.js\" {\n  vendor \"OpenJS Foundation\"\n  alias \"node\"\n  line major\n}\n\
            policy kafka \"Apache Kafka\" {\n  alias \"kafka\"\n  purl \"pkg:docker/apache/kafka\"\n  line major.minor\n}\n\
            policy argo-cd \"Argo CD\" {\n  alias \"argocd\"\n  purl \"pkg:docker/argoproj/argocd\"\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let found = |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.as_str(), t.version));
        let read = |id: &'static str, v: &str| Some((id, v.to_owned()));
        // named by a rule
        assert_eq!(found("apache/kafka:3.6.1"), read("kafka", "3.6.1"));
        // official images, with or without Docker Hub's host and `library/`, and registries'
        // mirrors of them
        for official in [
            "node:20.10.0",
            "docker.io/library/node:20.10.0",
            "library/node:20.10.0",
            "public.ecr.aws/docker/library/node:20.10.0",
            "mirror.gcr.io/library/node:20.10.0",
        ] {
            assert_eq!(found(official), read("nodejs", "20.10.0"), "{official}");
        }
        // a publisher related to the product: a word of its id, names or vendor, or the
        // account of an image its rule names, in another registry
        assert_eq!(found("quay.io/apache/kafka:3.6.1"), read("kafka", "3.6.1"));
        assert_eq!(found("ghcr.io/nodejs/node:20"), read("nodejs", "20"));
        assert_eq!(found("ghcr.io/openjs/node:20"), read("nodejs", "20"));
        assert_eq!(found("quay.io/argoproj/argocd:v2.9.3"), read("argo-cd", "v2.9.3"));
        // another account's image of the name is not the product
        for other in [
            "kindest/node:v1.28.0",
            "ghcr.io/someone/node:20",
            "quay.io/strimzi/kafka:0.38.0-kafka-3.6.0",
            "bitnami/kafka:3.6",
            // a registry's own words say nothing of whose it is
            "quay.io/library-images/node:20",
        ] {
            assert_eq!(found(other), None, "{other}");
            let image = owned_image(&ps, other).unwrap();
            assert!(image.read_as.is_some(), "{other}");
        }
        let kind = owned_image(&ps, "kindest/node:v1.28.0").unwrap();
        assert_eq!(
            (
                kind.purl.as_str(),
                kind.publisher.as_str(),
                kind.name.as_str(),
                kind.tag.as_str(),
                kind.read_as
            ),
            ("pkg:docker/kindest/node", "kindest", "node", "v1.28.0", Some(0))
        );
        // an image a rule names, an official one, or no image: none
        for not_owned in [
            "apache/kafka:3.6.1",
            "node:20",
            "node 20",
            "ghcr.io/acme/thing:1.0",
        ] {
            let image = owned_image(&ps, not_owned);
            assert!(image.as_ref().is_none_or(|i| i.read_as.is_none()), "{not_owned}");
        }
        // the same through an index
        let index = NameIndex::new(&ps);
        assert_eq!(
            find_product_and_version_in(&ps, &index, "kindest/node:v1.28.0"),
            None
        );
        assert_eq!(
            find_product_and_version_in(&ps, &index, "quay.io/argoproj/argocd:v2.9.3").map(|t| t.index),
            Some(2)
        );
    }

    /// `Enterprise Edition` and `Standard Edition 2` are editions of the product's own
    /// releases; `Express Edition` and `Redis Enterprise` may be programs of their own.
    #[test]
    fn editions_of_the_products_own_releases() {
        let src = "policy oracle-database \"Oracle Database\" {\n  alias \"oracle database\"\n  line major.minor\n  alias line 19 \"19c\"\n  alias line 12.2 \"12c\", \"12c Release 2\"\n  alias line 12.1 \"12c\", \"12c Release 1\"\n}\n\
            policy redis \"Redis\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let banner = |t: &str| {
            find_product_and_version(&ps, t).map(|t| {
                let words: Vec<String> = t.words.iter().map(|w| w.to_string()).collect();
                (ps[t.index].id.as_str(), t.version, words)
            })
        };
        let oracle = |version: &str, words: &[&str]| {
            Some((
                "oracle-database",
                version.to_owned(),
                words.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            ))
        };
        assert_eq!(
            banner("Oracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production"),
            oracle("19.0.0.0.0", &["19c", "Enterprise", "Edition", "Release"])
        );
        // the number that ends an edition's name is not read as a line's
        assert_eq!(
            banner("Oracle Database 19c Standard Edition 2 Release 19.0.0.0.0 - Production"),
            oracle("19.0.0.0.0", &["19c", "Standard", "Edition", "Release"])
        );
        assert_eq!(
            banner("Oracle Database 12c Release 2 12.2.0.1.0"),
            oracle("12.2.0.1.0", &["12c", "Release", "2"])
        );
        for another in [
            "Oracle Database 21c Express Edition Release 21.0.0.0.0 - Production",
            "Oracle Database 19c Enterprise Release 19.0.0.0.0",
            "Redis Enterprise 7.2",
        ] {
            assert_eq!(banner(another), None, "{another}");
        }
    }

    /// Of two names that overlap in a banner's words, the one that reaches further towards
    /// the version names it.
    #[test]
    fn a_name_that_reaches_further_is_the_banners() {
        let src = "policy httpd \"Apache HTTP Server\" {\n  alias \"server version apache\"\n  line major.minor\n}\n\
            policy tomcat \"Apache Tomcat\" {\n  alias \"apache tomcat\"\n  line major.minor\n}\n\
            policy a \"A\" {\n  alias \"one two\"\n  line major\n}\n\
            policy b \"B\" {\n  alias \"two three\"\n  line major\n}\n\
            policy c \"C\" {\n  alias \"three four five\"\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 5);
        let found = |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.as_str(), t.version));
        for (text, id, version) in [
            // httpd's own banner, `httpd -v`
            ("Server version: Apache/2.4.58 (Unix)", "httpd", "2.4.58"),
            // Tomcat's `version.sh`: `apache tomcat` begins inside httpd's name and ends later
            ("Server version: Apache Tomcat/9.0.83", "tomcat", "9.0.83"),
            ("Apache Tomcat/9.0.83", "tomcat", "9.0.83"),
            // from name to name, as long as each reaches further
            ("one two 1.2", "a", "1.2"),
            ("one two three 1.2", "b", "1.2"),
            ("one two three four five 1.2", "c", "1.2"),
        ] {
            assert_eq!(found(text), Some((id, version.to_owned())), "{text}");
        }
        // a name that begins after the first one ends is another program's word, as before
        assert_eq!(found("one two two three 1.2"), None);
    }

    #[test]
    fn a_banner_of_another_program_is_not_the_products() {
        let src = "policy nginx \"nginx\" {\n  line major.minor\n}\n\
            policy jquery \"jQuery\" {\n  line major\n}\n\
            policy windows \"Windows\" {\n  vendor \"Microsoft\"\n  alias \"microsoft windows\"\n  \
            alias line \"11-23h2-w\" \"11 Pro 23H2\"\n  line major\n}\n\
            policy redis \"Redis\" {\n  line major.minor\n}\n\
            policy vue \"Vue\" {\n  line major.minor\n}\n\
            policy dotnet \"Microsoft .NET\" {\n  alias \".net\", \".net sdk\"\n  line major\n}\n\
            policy angular \"Angular\" {\n  alias \"angular cli\"\n  line major\n}\n\
            policy cvad \"Citrix\" {\n  alias \"citrix apps 7\"\n  line major\n}\n\
            policy mysql \"MySQL\" {\n  line major.minor\n}\n\
            policy mariadb \"MariaDB\" {\n  line major.minor\n}\n\
            policy ubuntu \"Ubuntu\" {\n  cpe \"cpe:2.3:o:canonical:ubuntu_linux\"\n  line major.minor\n}\n\
            policy perl \"Perl\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 12);
        let found = |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.as_str(), t.version));
        let another = |t: &'static str| {
            another_program_banner(&ps, t).map(|a| (ps[a.index].id.as_str(), a.words, a.version))
        };
        for (text, id, words, version) in [
            ("nginx Unit 1.31.1", "nginx", vec!["Unit"], "1.31.1"),
            ("jQuery UI - v1.13.2", "jquery", vec!["UI"], "v1.13.2"),
            ("Windows PowerShell 5.1", "windows", vec!["PowerShell"], "5.1"),
            ("Redis Insight 2.40 (build 1)", "redis", vec!["Insight"], "2.40"),
            // a project's command-line tool numbers its own releases: Vue CLI 3.5 is no Vue 3.5
            ("Vue CLI v3.5.5", "vue", vec!["CLI"], "v3.5.5"),
            (".NET Framework 2.0", "dotnet", vec!["Framework"], "2.0"),
            (
                "nginx Unit (amd64) Proxy 1.31",
                "nginx",
                vec!["Unit", "Proxy"],
                "1.31",
            ),
        ] {
            assert_eq!(found(text), None, "{text}");
            assert_eq!(another(text), Some((id, words, version)), "{text}");
        }
        // the product's own words: filler, numbers, brackets, punctuation, its name again,
        // its display and vendor names, its lines' other names
        for (text, id, version) in [
            ("nginx version: nginx/1.25.3", "nginx", "1.25.3"),
            ("Redis server v=7.2.3 sha=0", "redis", "7.2.3"),
            ("jQuery JavaScript Library - v3.7.1", "jquery", "v3.7.1"),
            ("jQuery (compressed) v3.7.1", "jquery", "v3.7.1"),
            (
                "Microsoft Windows [Version 10.0.22631.2861]",
                "windows",
                "10.0.22631.2861",
            ),
            ("Microsoft Windows 11 Pro 10.0.22631", "windows", "10.0.22631"),
            ("Windows Microsoft 11 10.0.22631", "windows", "10.0.22631"),
            ("nginx nginx.org 1.25.3", "nginx", "1.25.3"),
            // a tool that shares the product's versions is named by an alias
            ("Angular CLI: 17.3.0", "angular", "17.3.0"),
            (".NET SDK 8.0.100", "dotnet", "8.0.100"),
            // a number that ends a product's name is not its version
            ("Citrix Apps 7 2203 LTSR", "cvad", "2203"),
            // MySQL's and MariaDB's clients: the server's version follows `Distrib`, and a
            // server that writes its display name after its version is that product
            ("mysql  Ver 14.14 Distrib 5.7.44, for Linux", "mysql", "5.7.44"),
            (
                "mysql  Ver 15.1 Distrib 10.6.16-MariaDB, for debian-linux-gnu",
                "mariadb",
                "10.6.16-MariaDB",
            ),
            (
                "mysql from 11.4.2-MariaDB, client 15.2",
                "mariadb",
                "11.4.2-MariaDB",
            ),
            (
                "Server version: 10.11.6-MariaDB-0+deb12u1",
                "mariadb",
                "10.11.6-MariaDB-0+deb12u1",
            ),
            // ... its display name exactly: a build's base system is not a product
            ("nginx 1.25.3-alpine", "nginx", "1.25.3-alpine"),
            ("nginx 1.25.3-mariadb", "nginx", "1.25.3-mariadb"),
            // ... nor is an operating system's name, even written exactly
            ("nginx 1.25.3-Ubuntu", "nginx", "1.25.3-Ubuntu"),
            // `perl -v`: its patch level is a `subversion`, no other program
            (
                "This is perl 5, version 36, subversion 0 (v5.36.0) built for x86_64-linux",
                "perl",
                "v5.36.0",
            ),
        ] {
            assert_eq!(found(text), Some((id, version.to_owned())), "{text}");
            assert_eq!(another(text), None, "{text}");
        }
        // `java -version` on Ubuntu: a build for Ubuntu names no product
        assert_eq!(
            found("OpenJDK Runtime Environment (build 17.0.9+9-Ubuntu-122.04)"),
            None
        );
        // the words between the name and the version, for choosing among lines: not those in
        // brackets, nor punctuation
        let words = |t: &'static str| find_product_and_version(&ps, t).map(|t| t.words);
        assert_eq!(
            words("Microsoft Windows 11 Pro 10.0.22631"),
            Some(vec!["11", "Pro"])
        );
        assert_eq!(words("Windows (x64) - Home 10.0.22631"), Some(vec!["Home"]));
        assert_eq!(
            words("nginx version: nginx/1.25.3"),
            Some(vec!["version", "nginx"])
        );
        assert_eq!(words("Windows 10.0.22631"), Some(vec![]));
        // a later line that reads as the product's: that one is the answer
        assert_eq!(
            found("nginx Unit 1.31.1\nnginx version: nginx/1.25.3"),
            Some(("nginx", "1.25.3".to_owned()))
        );
        // ... and a line before it that does keeps the other program's from being reported
        assert_eq!(another("nginx version: nginx/1.25.3\nnginx Unit 1.31.1"), None);
        // an identifier is never a banner, whatever its words
        assert_eq!(another("pkg:deb/debian/nginx-unit@1.31.1"), None);
        assert_eq!(another("cpe:2.3:a:f5:nginx_unit:1.31.1:*:*:*:*:*:*:*"), None);
    }

    #[test]
    fn a_banner_given_as_a_products_version() {
        let src = "policy nginx \"nginx\" {\n  line major.minor\n}\n\
            policy python \"Python\" {\n  line major.minor\n}\n\
            policy kubernetes \"Kubernetes\" {\n  alias \"kubectl\"\n  line major.minor\n}\n\
            policy temurin \"Eclipse Temurin\" {\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let id = |name: &str| ps.iter().position(|p| p.id == name).unwrap_or(usize::MAX);
        let beside = |product: &str, text: &'static str| banner_beside(&ps, id(product), text);
        // the product's own banner: its version and the words before it
        let Some(Beside::This(t)) = beside("python", "Python 3.12.1") else {
            panic!("Python 3.12.1 beside python");
        };
        assert_eq!((t.index, t.version.as_str()), (id("python"), "3.12.1"));
        // a banner that names no product, with only words any banner writes before the version
        let Some(Beside::This(t)) = beside("kubernetes", "Client Version: v1.28.4") else {
            panic!("Client Version beside kubernetes");
        };
        assert_eq!(t.version, "v1.28.4");
        assert_eq!(t.words, vec!["Client", "Version"]);
        // another product's banner, another program's, and words that are none of the product's
        assert!(
            matches!(beside("nginx", "Python 3.12.1"), Some(Beside::Other(t)) if t.index == id("python"))
        );
        assert!(matches!(
            beside("nginx", "nginx Unit 1.31.1"),
            Some(Beside::Another(a)) if a.words == vec!["Unit"] && a.version == "1.31.1"
        ));
        assert_eq!(
            beside("temurin", "openjdk version \"17.0.9\" 2023-10-17"),
            Some(Beside::Foreign {
                words: vec!["openjdk"],
                version: "17.0.9"
            })
        );
        // no word before a version: no banner
        assert_eq!(beside("python", "v3.12.1"), None);
        assert_eq!(beside("python", "1:3.12.1-2"), None);
        assert_eq!(beside("python", "pkg:pypi/python@3.12.1"), None);
        assert_eq!(beside("python", "latest"), None);
    }

    #[test]
    fn a_product_and_its_version_as_tools_print_them() {
        let src = "policy go \"Go\" {\n  line major.minor\n}\n\
            policy postgresql \"PostgreSQL\" {\n  alias \"postgres\"\n  line major\n}\n\
            policy debian \"Debian\" {\n  line major\n}\n\
            policy rhel \"RHEL\" {\n  alias \"red hat enterprise linux\"\n  line major.minor\n}\n\
            policy docker \"Docker\" {\n  line major.minor\n}\n\
            policy nginx \"nginx\" {\n  line major.minor\n}\n\
            policy redis \"Redis\" {\n  line major.minor\n}\n\
            policy terraform \"Terraform\" {\n  line major.minor\n}\n\
            policy mssqlserver \"SQL Server\" {\n  alias \"microsoft sql server\"\n  line major.minor\n}\n\
            policy erlang \"Erlang/OTP\" {\n  alias \"erlang/otp\"\n  line major\n}\n\
            policy python \"Python\" {\n  alias \"python3\"\n  line major.minor\n}\n\
            policy node \"Node.js\" {\n  line major\n}\n\
            policy openssh \"OpenSSH\" {\n  line major.minor\n}\n\
            policy openssl \"OpenSSL\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 14);
        let found =
            |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.as_str(), t.by, t.version));
        let id = |p: &'static str, v: &str| Some((p, FoundBy::Id, v.to_owned()));
        let alias = |p: &'static str, v: &str| Some((p, FoundBy::Alias, v.to_owned()));
        // as `go version`, `psql --version`, `nginx -v`, `redis-server --version`,
        // `docker --version`, /etc/os-release's PRETTY_NAME and /etc/redhat-release print them
        assert_eq!(found("go version go1.21.5 linux/amd64"), id("go", "1.21.5"));
        // `ssh -V`: OpenSSH's version written onto its name after an underscore, the OpenSSL
        // it was built with after it
        assert_eq!(
            found("OpenSSH_9.6p1 Ubuntu-3ubuntu13, OpenSSL 3.0.13 30 Jan 2024"),
            id("openssh", "9.6p1")
        );
        // a package as `rpm -qa` prints it: its name and version from the right, so a name
        // that ends in a digit keeps it, and the architecture is no part of the version
        assert_eq!(
            found("python3-3.9.18-1.el9_3.x86_64"),
            alias("python", "3.9.18-1.el9_3")
        );
        assert_eq!(found("python3.11.4"), id("python", "3.11.4"));
        assert_eq!(found("node-18.19.0-1.x86_64"), id("node", "18.19.0-1"));
        // never within a number: `node18.1` is `node` and `18.1`, not `node1` and `8.1`
        assert_eq!(found("node18.1"), id("node", "18.1"));
        // a package named for its line, as FreeBSD's `pkg info` lists them: the version after
        // the name, when the line's number agrees with it (they were read as Node.js
        // `18-18.19.0`, PostgreSQL `15-server-15.5`)
        assert_eq!(
            found("node18-18.19.0                 V8 JavaScript for client and server"),
            id("node", "18.19.0")
        );
        assert_eq!(found("postgresql15-server-15.5"), id("postgresql", "15.5"));
        assert_eq!(
            found("postgresql15-15.5-1PGDG.rhel9"),
            id("postgresql", "15.5-1PGDG.rhel9")
        );
        assert_eq!(found("python311-3.11.6_1"), id("python", "3.11.6_1"));
        assert_eq!(found("python3.11-3.11.5-1.el9"), id("python", "3.11.5-1.el9"));
        // the product named again in the line with another version: nginx -V's build and
        // run-time OpenSSL are two releases
        let nginx_v = "built with OpenSSL 3.0.11 19 Sep 2023 (running with OpenSSL 1.1.1w  11 Sep 2023)";
        let two = find_product_and_version(&ps, nginx_v).map(|t| (t.version, t.others.join(" ")));
        assert_eq!(two, Some(("3.0.11".to_owned(), "1.1.1w".to_owned())));
        // ... and none when it does not: an extension's version under the product's prefix
        assert_eq!(found("node18-npm-10.2.3"), None);
        assert_eq!(found("python3.12-3.11.5"), None);
        assert_eq!(line_package_version("82-pecl-redis-5.3.7"), None);
        assert_eq!(line_package_version("81-8.1.27"), Some("8.1.27"));
        assert_eq!(found("psql (PostgreSQL) 16.1"), id("postgresql", "16.1"));
        assert_eq!(found("postgres (PostgreSQL) 16.1"), alias("postgresql", "16.1"));
        assert_eq!(found("nginx version: nginx/1.25.3"), id("nginx", "1.25.3"));
        assert_eq!(
            found("Redis server v=7.2.3 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64"),
            id("redis", "7.2.3")
        );
        assert_eq!(
            found("Docker version 24.0.7, build afdd53b"),
            id("docker", "24.0.7")
        );
        assert_eq!(found("Debian GNU/Linux 12 (bookworm)"), id("debian", "12"));
        // an alias written with a slash is found in a banner's words (`erl -version`)
        assert_eq!(
            found("Erlang/OTP 26 [erts-14.1] [source] [64-bit]"),
            alias("erlang", "26")
        );
        // a version with a dot before a number without one (`SELECT @@VERSION`)
        assert_eq!(
            found("Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64)"),
            alias("mssqlserver", "15.0.2000.5")
        );
        assert_eq!(
            found("Red Hat Enterprise Linux release 9.3 (Plow)"),
            alias("rhel", "9.3")
        );
        // `java -version`: the first line names no product, the second its build
        let java = "openjdk version \"17.0.9\" 2023-10-17\n\
            OpenJDK Runtime Environment Temurin-17.0.9+9 (build 17.0.9+9)\n\
            OpenJDK 64-Bit Server VM Temurin-17.0.9+9 (build 17.0.9+9, mixed mode, sharing)";
        let mut with_temurin = ps.clone();
        let t = RuleFile::load(
            "t.eol",
            b"policy eclipse-temurin \"Temurin\" {\n  alias \"temurin\"\n  line major\n}\n",
        );
        with_temurin.extend(t.policies.iter());
        let read = find_product_and_version(&with_temurin, java).unwrap();
        assert_eq!(
            (
                with_temurin[read.index].id.as_str(),
                read.by,
                read.version.as_str()
            ),
            ("eclipse-temurin", FoundBy::Alias, "17.0.9+9")
        );
        // what was read: the line that named them
        assert_eq!(
            read.read,
            "OpenJDK Runtime Environment Temurin-17.0.9+9 (build 17.0.9+9)"
        );
        assert_eq!(found(java), None);
        // several lines (`terraform version`): the first that reads
        assert_eq!(
            found("Terraform v1.6.5\non linux_amd64"),
            id("terraform", "v1.6.5")
        );
        assert_eq!(
            found("built by x\nnginx version: nginx/1.25.3"),
            id("nginx", "1.25.3")
        );
        // a product named after the first version does not take it, nor a later one
        assert_eq!(found("Version: 8.11.1, Build: docker/abc, JVM: 21.0.1"), None);
        // no product before the version (`kubectl version`, `mongod --version`)
        assert_eq!(found("Client Version: v1.28.4"), None);
        assert_eq!(found("db version v7.0.4"), None);
        // a version written onto another product's name than the one before it
        assert_eq!(found("nginx version: go1.21.5"), None);
        // words without a version, and a name written on a number (`python3` is no `python 3`)
        assert_eq!(found("go version unknown"), None);
        assert_eq!(found("redis3 server"), None);
        // what a banner naming no known product says: the name before the version, if any
        let unnamed = |text: &str| unnamed_banner(text).map(|u| (u.name, u.version));
        assert_eq!(
            unnamed("openjdk version \"21.0.2\" 2024-01-16"),
            Some(("openjdk".to_owned(), "21.0.2".to_owned()))
        );
        assert_eq!(
            unnamed("Client Version: v1.29.0\nKustomize Version: v5.0.4"),
            Some((String::new(), "v1.29.0".to_owned()))
        );
        assert_eq!(
            unnamed("db version v7.0.4"),
            Some(("db".to_owned(), "v7.0.4".to_owned()))
        );
        assert_eq!(unnamed("openjdk"), None);
        assert_eq!(unnamed("no version here"), None);
        // a long word is only tried as far as the longest name
        let long = format!("go {}1.2", "x".repeat(100_000));
        assert_eq!(found(&long), None);
    }

    /// [`suggestions`] as it was before it skipped candidates by length: every distance
    /// computed.
    fn suggestions_by_every_distance(policies: &[&Policy], name: &str) -> Vec<String> {
        let wanted = fold(name);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, String)> = Vec::new();
        for p in policies {
            let mut best: Option<usize> = None;
            for candidate in std::iter::once(fold(&p.id)).chain(p.aliases().map(str::to_owned)) {
                let d = strsim::damerau_levenshtein(&wanted, &candidate);
                let most = if wanted.len().min(candidate.len()) < 8 {
                    1
                } else {
                    2
                };
                let prefix = prefix_close(&wanted, &candidate);
                if d <= most || prefix {
                    best = Some(best.map_or(d, |b| b.min(d)));
                }
            }
            if best.is_none() && wanted.len() >= 3 && names_word_by_folding(p, &wanted) {
                best = Some(usize::MAX);
            }
            if let Some(d) = best {
                scored.push((d, p.id.clone()));
            }
        }
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }

    /// Whether `word` is a word of the policy's id, an alias or its name, as it was found
    /// before [`NameIndex`]: every text folded, then split.
    fn names_word_by_folding(p: &Policy, word: &str) -> bool {
        let has = |text: &str| {
            fold(text)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word)
        };
        has(&p.id) || p.aliases().any(has) || has(&p.name.default)
    }

    /// An id or alias that begins the name given is suggested only when digits,
    /// punctuation or words that name no program follow it: other letters after it make
    /// another program's name.
    #[test]
    fn a_prefix_suggests_only_before_a_version() {
        let src = "policy bun \"Bun\" {\n  line major\n}\npolicy nodejs \"Node.js\" {\n  alias \"node\"\n  line major\n}\n\
            policy python \"Python\" {\n  line major\n}\npolicy postgresql \"PostgreSQL\" {\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 4);
        for (name, wanted) in [
            ("bundler", None),
            ("node_exporter", None),
            ("node-red", None),
            ("node.js-runtime", None),
            ("postgresql client", Some("postgresql")),
            ("python 3.12", Some("python")),
            ("python3", Some("python")),
            ("postgresql-15", Some("postgresql")),
            ("postgres", Some("postgresql")),
            ("nod", Some("nodejs")),
        ] {
            let got = suggestions(&ps, name);
            assert_eq!(got.first().map(String::as_str), wanted, "{name}: {got:?}");
            assert_eq!(got, suggestions_by_every_distance(&ps, name), "{name}");
        }
    }

    #[test]
    fn bags_bound_the_edit_distance_from_below() {
        let cases = [
            ("nodejs", "nodjs"),
            ("python", "pyhton"),
            ("ca", "abc"),
            ("abc", "xyz"),
            ("", "abc"),
            ("postgresql", "postgres"),
        ];
        for (a, b) in cases {
            let bound = Bag::of(a).apart(b).unwrap();
            assert!(bound <= strsim::damerau_levenshtein(a, b), "{a} {b}");
        }
        assert_eq!(Bag::of("abc").apart("xyz"), Some(3));
        assert_eq!(Bag::of("pyhton").apart("python"), Some(0));
        assert_eq!(Bag::of("é").apart("e"), None);
        assert_eq!(Bag::of("e").apart("é"), None);
    }

    /// A banner whose line is named, not numbered (`alias line`): the most words after the
    /// product that name a line, never the year alone; only without a version with a dot.
    #[test]
    fn banners_that_name_a_line() {
        let src = "policy windows-server \"Windows Server\" {\n  alias \"windows server\", \"microsoft windows server\"\n  line major\n  alias line \"2012-r2\" \"2012 R2\"\n  alias line \"2008-r2-sp1\" \"2008 R2\", \"2008 R2 SP1\"\n}\n\
            policy windows \"Windows\" {\n  line major\n  alias line \"5-sp3\" \"XP\"\n  alias line \"11-23h2-w\" \"11 Pro 23H2\"\n}\n\
            policy nodejs \"Node.js\" {\n  alias \"node\"\n  line major\n  alias line 20 \"iron\", \"lts/iron\"\n}\n\
            policy mssqlserver \"SQL Server\" {\n  alias \"microsoft sql server\"\n  line major.minor\n  alias line 15.0 \"2019\"\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let found = |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.as_str(), t.version));
        let read = |p: &'static str, v: &str| Some((p, v.to_owned()));
        assert_eq!(found("Windows Server 2012 R2"), read("windows-server", "2012 R2"));
        assert_eq!(
            found("Windows Server 2012 R2 Datacenter"),
            read("windows-server", "2012 R2")
        );
        assert_eq!(
            found("Microsoft Windows Server 2008 R2 SP1"),
            read("windows-server", "2008 R2 SP1")
        );
        assert_eq!(found("Windows XP Professional"), read("windows", "XP"));
        assert_eq!(found("Windows 11 Pro 23H2"), read("windows", "11 Pro 23H2"));
        assert_eq!(found("node lts/iron"), read("nodejs", "lts/iron"));
        // a version with a dot still wins: the build says more than the name
        assert_eq!(
            found("Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64)"),
            read("mssqlserver", "15.0.2000.5")
        );
        // a name that is no line's: the banner's version as before
        assert_eq!(
            found("Windows Server 2016 Standard"),
            read("windows-server", "2016")
        );
        // the same index gives the same readings
        let index = NameIndex::new(&ps);
        for t in [
            "Windows Server 2012 R2",
            "Windows XP Professional",
            "node lts/iron",
        ] {
            assert_eq!(
                find_product_and_version(&ps, t),
                find_product_and_version_in(&ps, &index, t)
            );
        }
    }
    /// A listing of what is installed may name several releases of one product: the reading
    /// says so ([`Typed::others`]), and its callers refuse to answer for one of them.
    #[test]
    fn several_releases_in_one_text() {
        let src = "policy rails \"Rails\" {\n  line major.minor\n}\n\
            policy dotnet \".NET\" {\n  alias \".net\", \"microsoft.netcore.app\", \"microsoft.aspnetcore.app\"\n  line major\n}\n\
            policy go \"Go\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let read = |t: &str| find_product_and_version(&ps, t).map(|t| (t.version, t.others.join(" ")));
        let some = |v: &str, others: &str| Some((v.to_owned(), others.to_owned()));
        // `gem list`: the versions in brackets after the name
        assert_eq!(
            read("rails (7.1.2, 7.0.8, 6.1.7.6)"),
            some("7.1.2", "7.0.8 6.1.7.6")
        );
        assert_eq!(read("rails (7.1.2)"), some("7.1.2", ""));
        // a release given again, or a word that is no version after the comma, is none
        assert_eq!(read("rails (7.1.2, 7.1.2)"), some("7.1.2", ""));
        assert_eq!(read("rails 7.1.2, build 42"), some("7.1.2", ""));
        // `dotnet --list-runtimes`: later lines that name the product as the first does
        let runtimes =
            "Microsoft.AspNetCore.App 6.0.25 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]\n\
            Microsoft.AspNetCore.App 8.0.0 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]\n\
            Microsoft.NETCore.App 6.0.25 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n\
            Microsoft.NETCore.App 8.0.0 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n";
        assert_eq!(read(runtimes), some("6.0.25", "8.0.0"));
        // one runtime's frameworks at one release are one release
        let one = "Microsoft.AspNetCore.App 8.0.0 [/a]\nMicrosoft.NETCore.App 8.0.0 [/b]\n";
        assert_eq!(read(one), some("8.0.0", ""));
        // sorted by name, the runtimes of one release apart: a later line that names the
        // product by another of its whole names is another release
        let apart = "Microsoft.AspNetCore.App 8.0.0 [/a]\nMicrosoft.NETCore.App 6.0.25 [/b]\n\
            Microsoft.NETCore.App 8.0.0 [/b]\n";
        assert_eq!(read(apart), some("8.0.0", "6.0.25"));
        assert_eq!(
            read("Microsoft.NETCore.App 8.0.0 [/a]\n.NET 7.0.1\n"),
            some("8.0.0", "7.0.1")
        );
        // a later line that names the product with other words too is not listed: it may
        // give a part's number (`java -version`'s virtual machine's build)
        assert_eq!(
            read("Microsoft.NETCore.App 8.0.0 [/a]\n.NET Host (build 7.0.1)\n"),
            some("8.0.0", "")
        );
        assert_eq!(read(".NET 7.0.1\n"), some("7.0.1", ""));
        // another product's release on a later line is none of this one's
        assert_eq!(read("rails 7.1.2\ngo1.21.5\n"), some("7.1.2", ""));
        // `brew list --versions`: a line's number in the name is not the name
        assert_eq!(
            read("go@1.21 1.21.5\ngo@1.20 1.20.12\n"),
            some("1.21.5", "1.20.12")
        );
    }

    /// A tool that reports its own release and its server's (`kubectl version`, `docker
    /// version`, the `mysql` client's `status`) names two releases when they differ: one
    /// answer would speak for both ([`side_releases`]).
    #[test]
    fn a_client_and_its_server_are_two_releases() {
        let src = "policy kubernetes \"Kubernetes\" {\n  alias \"kubectl\"\n  line major.minor\n}\n\
            policy docker-engine \"Docker Engine\" {\n  line major\n}\n\
            policy mysql \"MySQL\" {\n  line major.minor\n}\n\
            policy php \"PHP\" {\n  line major.minor\n}\n\
            policy apache \"Apache HTTP Server\" {\n  alias \"apache\"\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let beside = |id: &str, t: &'static str| {
            let index = ps.iter().position(|p| p.id == id).unwrap();
            match banner_beside(&ps, index, t) {
                Some(Beside::This(t)) => Some((t.version, t.others.join(" "))),
                _ => None,
            }
        };
        let read = |t: &str| find_product_and_version(&ps, t).map(|t| (t.version, t.others.join(" ")));
        let some = |v: &str, others: &str| Some((v.to_owned(), others.to_owned()));
        // `kubectl version`: the client, then the cluster
        let kubectl =
            "Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.27.7-eks-4f4795d\n";
        assert_eq!(
            beside("kubernetes", kubectl),
            some("v1.33.1", "v1.27.7-eks-4f4795d")
        );
        // one release on both sides is one; a client that reached no server is its own
        let same = "Client Version: v1.33.1\nServer Version: v1.33.1\n";
        assert_eq!(beside("kubernetes", same), some("v1.33.1", ""));
        let alone = "Client Version: v1.33.1\nKustomize Version: v5.6.0\n\
            The connection to the server localhost:8080 was refused\n";
        assert_eq!(beside("kubernetes", alone), some("v1.33.1", ""));
        // Go's printing of the version struct, as kubectl wrote it before 1.28
        let old = "Client Version: v1.27.3\n\
            Server Version: version.Info{Major:\"1\", Minor:\"24+\", GitVersion:\"v1.24.17-eks-8cb36c9\", GoVersion:\"go1.20.8\"}\n";
        assert_eq!(beside("kubernetes", old), some("v1.27.3", "v1.24.17-eks-8cb36c9"));
        // `docker version`: a section each, its `Version:` the first after the header; the
        // server's components (`containerd`) are not the engine
        let docker = "Client: Docker Engine - Community\n Version:           27.3.1\n API version:       1.47\n\n\
            Server: Docker Engine - Community\n Engine:\n  Version:          20.10.24\n containerd:\n  Version:          1.6.20\n";
        assert_eq!(beside("docker-engine", docker), some("27.3.1", "20.10.24"));
        // the `mysql` client's `status`: a server's release that names the product counts
        // without a client's line
        let mysql = "mysql  Ver 8.0.35 for Linux on x86_64 (MySQL Community Server - GPL)\n\
            Connection id:\t\t12\nServer version:\t\t5.7.44 MySQL Community Server (GPL)\n";
        assert_eq!(read(mysql), some("8.0.35", "5.7.44"));
        // an HTTP response's `Server` is another product's, not PHP's
        let http = "HTTP/1.1 200 OK\nServer: Apache/2.4.58 (Ubuntu)\nX-Powered-By: PHP/8.1.2\n";
        assert_eq!(read(http), some("2.4.58", ""));
        // and one that names no product is no side of PHP's: no client says whose it is
        let http = "HTTP/1.1 200 OK\nServer: nginx/1.24.0\nX-Powered-By: PHP/8.1.2\n";
        assert_eq!(read(http), some("8.1.2", ""));
        assert_eq!(beside("php", http), some("8.1.2", ""));
        // keys that are no side's: `Server built`, `Client API library version`
        let php = "PHP 8.2.13 (cli)\nClient API library version: 8.0.35\nServer built: 2023-10-19\n";
        assert_eq!(read(php), some("8.2.13", ""));
        assert_eq!(side_of_key("Client API library version"), None);
        assert_eq!(side_of_key("control plane version"), Some(Side::Server));
        assert_eq!(side_of_key("Server Version"), Some(Side::Server));
        assert_eq!(side_of_key("client server"), None);
    }

    /// The same reports printed as documents: `kubectl version -o json` and `-o yaml`,
    /// `docker version --format json`. Each side is an object whose `gitVersion` (else
    /// `Version`) is its release; the other fields (`goVersion`, `platform`) are no side's
    /// even when they hold a product's name, but a side's `Name` that names another product
    /// makes the side that product's.
    #[test]
    fn a_client_and_its_server_in_a_document() {
        let src = "policy kubernetes \"Kubernetes\" {\n  alias \"kubectl\"\n  line major.minor\n}\n\
            policy docker-engine \"Docker Engine\" {\n  line major\n}\n\
            policy linux \"Linux\" {\n  line major.minor\n}\n\
            policy go \"Go\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let beside = |id: &str, t: &str| {
            let index = ps.iter().position(|p| p.id == id).unwrap();
            match banner_beside(&ps, index, t) {
                Some(Beside::This(t)) => Some((t.version, t.others.join(" "))),
                _ => None,
            }
        };
        let some = |v: &str, others: &str| Some((v.to_owned(), others.to_owned()));
        let json = "{\n  \"clientVersion\": {\n    \"major\": \"1\",\n    \"minor\": \"33\",\n    \"gitVersion\": \"v1.33.1\",\n    \"goVersion\": \"go1.24.2\",\n    \"platform\": \"linux/amd64\"\n  },\n  \"kustomizeVersion\": \"v5.6.0\",\n  \"serverVersion\": {\n    \"major\": \"1\",\n    \"minor\": \"27+\",\n    \"gitVersion\": \"v1.27.7-eks-4f4795d\",\n    \"goVersion\": \"go1.20.10\",\n    \"platform\": \"linux/amd64\"\n  }\n}\n";
        assert_eq!(beside("kubernetes", json), some("v1.33.1", "v1.27.7-eks-4f4795d"));
        // as one line, as `kubectl version -o json | jq -c` gives it
        let compact: String = json.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(
            beside("kubernetes", &compact),
            some("v1.33.1", "v1.27.7-eks-4f4795d")
        );
        let yaml = "clientVersion:\n  compiler: gc\n  gitVersion: v1.33.1\n  goVersion: go1.24.2\n  major: \"1\"\n  platform: linux/amd64\n\
            kustomizeVersion: v5.6.0\nserverVersion:\n  gitVersion: \"v1.27.7-eks-4f4795d\"\n  major: \"1\"\n";
        assert_eq!(beside("kubernetes", yaml), some("v1.33.1", "v1.27.7-eks-4f4795d"));
        // a client that reached no server is its own release
        let client = "{\"clientVersion\":{\"major\":\"1\",\"gitVersion\":\"v1.33.1\"},\"kustomizeVersion\":\"v5.6.0\"}";
        assert_eq!(beside("kubernetes", client), some("v1.33.1", ""));
        // `docker version --format json`: the server's `Version`, not its components'
        let docker = "{\"Client\":{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Version\":\"27.3.1\",\"ApiVersion\":\"1.47\"},\
            \"Server\":{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Components\":[{\"Name\":\"containerd\",\"Version\":\"1.6.20\"}],\"Version\":\"20.10.24\"}}";
        assert_eq!(beside("docker-engine", docker), some("27.3.1", "20.10.24"));
        // without the product given, its members are read apart, as a pretty printer would
        // put them on lines: a `Name` and a `Version` of different objects are no banner
        assert_eq!(find_product_and_version(&ps, docker), None);
        // ... whose sides name Docker Engine, not Kubernetes
        assert_eq!(document_sides(&Names::new(&ps), 0, docker), None);
        // a document of other keys is none of these
        assert_eq!(
            document_sides(&Names::new(&ps), 0, "{\"version\": \"1.2.3\"}"),
            None
        );
        assert_eq!(document_sides(&Names::new(&ps), 0, "{not json"), None);
        assert_eq!(side_of_key("clientVersion"), Some(Side::Client));
        assert_eq!(side_of_key("kustomizeVersion"), None);
    }

    /// Beside a product, a text is read for that product's own line: `elixir --version`
    /// prints Erlang's banner first and its own after it. A report whose section names
    /// another product does not lend its bare `Version:` to the product given.
    #[test]
    fn beside_a_product_its_own_line_is_read() {
        let src = "policy erlang \"Erlang/OTP\" {\n  alias \"erlang/otp\"\n  line major\n}\n\
            policy elixir \"Elixir\" {\n  line major.minor\n}\n\
            policy docker-engine \"Docker Engine\" {\n  line major\n}\n\
            policy helm \"Helm\" {\n  line major\n}\n\
            policy go \"Go\" {\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let beside = |id: &str, t: &str| {
            let index = ps.iter().position(|p| p.id == id).unwrap();
            match banner_beside(&ps, index, t) {
                Some(Beside::This(t)) => Some(("this".to_owned(), t.version)),
                Some(Beside::Other(t)) => Some((ps[t.index].id.clone(), t.version)),
                Some(Beside::Foreign { words, version }) => Some((words.join(" "), version.to_owned())),
                _ => None,
            }
        };
        let some = |id: &str, v: &str| Some((id.to_owned(), v.to_owned()));
        let elixir = "Erlang/OTP 26 [erts-14.1.1] [source] [64-bit] [smp:8:8] [jit:ns]\n\n\
            Elixir 1.15.7 (compiled with Erlang/OTP 26)\n";
        assert_eq!(beside("elixir", elixir), some("this", "1.15.7"));
        assert_eq!(beside("erlang", elixir), some("this", "26"));
        // given alone, the first line is the program's, as before
        let read = find_product_and_version(&ps, elixir).map(|t| (ps[t.index].id.clone(), t.version));
        assert_eq!(read, some("erlang", "26"));
        // `docker version`'s client section beside `go`: Docker Engine's, not Go's (it was
        // read as Go 27.3.1)
        let docker =
            "Client: Docker Engine - Community\n Version:           27.3.1\n API version:       1.47\n";
        assert_eq!(beside("go", docker), some("Docker Engine - Community", "27.3.1"));
        assert_eq!(beside("docker-engine", docker), some("this", "27.3.1"));
        // Go's printing of a program's version struct: its `Version`, not its `GoVersion`
        // (`helm version`; it was refused, `version.BuildInfo` being no name of Helm's)
        let helm = "version.BuildInfo{Version:\"v3.14.0\", GitCommit:\"3fc9f4b\", GitTreeState:\"clean\", GoVersion:\"go1.21.5\"}";
        assert_eq!(beside("helm", helm), some("this", "v3.14.0"));
        // Helm 2's client and server (Tiller): two releases
        let helm2 =
            "Client: &version.Version{SemVer:\"v2.16.1\", GitCommit:\"bbdfe5e\", GitTreeState:\"clean\"}\n\
            Server: &version.Version{SemVer:\"v2.14.3\", GitCommit:\"0e7f3b6\", GitTreeState:\"clean\"}\n";
        let index = ps.iter().position(|p| p.id == "helm").unwrap();
        match banner_beside(&ps, index, helm2) {
            Some(Beside::This(t)) => assert_eq!((t.version.as_str(), t.others), ("v2.16.1", vec!["v2.14.3"])),
            other => panic!("{other:?}"),
        }
        assert_eq!(go_version_struct("Info{GitVersion:\"v1.2.3\"}"), None);
        assert_eq!(go_version_struct("version.Info{GoVersion:\"go1.21.5\"}"), None);
    }

    /// A JSON document on one line is read as its members, each as on a line of its own:
    /// a name in one member and a version in another are no banner. Pretty or not, a
    /// document reads alike; a search server's root document gives its `version.number`.
    #[test]
    fn a_json_document_is_read_by_its_members() {
        let src = "policy nodejs \"Node.js\" {\n  alias \"node\"\n  line major\n}\n\
            policy nginx \"nginx\" {\n  line major.minor\n}\n\
            policy elasticsearch \"Elasticsearch\" {\n  line major\n}\n\
            policy opensearch \"OpenSearch\" {\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let read = |t: &str| find_product_and_version(&ps, t).map(|t| (ps[t.index].id.clone(), t.version));
        let beside = |id: &str, t: &str| {
            let index = ps.iter().position(|p| p.id == id).unwrap();
            match banner_beside(&ps, index, t) {
                Some(Beside::This(t)) => Some(("this".to_owned(), t.version)),
                Some(Beside::Other(t)) => Some((ps[t.index].id.clone(), t.version)),
                _ => None,
            }
        };
        let pretty = |t: &str| {
            serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(t).unwrap()).unwrap()
        };
        let some = |id: &str, v: &str| Some((id.to_owned(), v.to_owned()));
        assert_eq!(
            lines_of("{\"a\":\"x,{y}\",\"b\":{\"c\":[1,\"2\"]}}"),
            ["\"a\":\"x,{y}\"", "\"b\":", "\"c\":", "1", "\"2\""]
        );
        assert_eq!(lines_of("{not json, at all}"), ["{not json, at all}"]);
        // a node called `node-1` is no Node.js (it was read as Node.js 1.25.3)
        let node = "{\"name\":\"node-1\",\"version\":\"1.25.3\"}";
        assert_eq!(read(node), None);
        assert_eq!(read(&pretty(node)), None);
        // a record: a name that is a product's, whole, and its version
        let nginx = "{\"name\":\"nginx\",\"version\":\"1.25.3\"}";
        assert_eq!(read(nginx), some("nginx", "1.25.3"));
        assert_eq!(read(&pretty(nginx)), some("nginx", "1.25.3"));
        // `curl -s localhost:9200`: Elasticsearch's root document names no product (its
        // `name` is the node's), OpenSearch's names its distribution
        let es = "{\"name\":\"node-1\",\"cluster_name\":\"es\",\"version\":{\"number\":\"7.10.2\",\
            \"lucene_version\":\"8.7.0\",\"minimum_wire_compatibility_version\":\"6.8.0\"},\"tagline\":\"You Know, for Search\"}";
        assert_eq!(read(es), None);
        assert_eq!(beside("elasticsearch", es), some("this", "7.10.2"));
        assert_eq!(beside("elasticsearch", &pretty(es)), some("this", "7.10.2"));
        let os = "{\"name\":\"web\",\"version\":{\"distribution\":\"opensearch\",\"number\":\"1.3.14\"}}";
        assert_eq!(read(os), some("opensearch", "1.3.14"));
        assert_eq!(beside("elasticsearch", os), some("opensearch", "1.3.14"));
    }

    /// A managed service's build of its upstream marks itself in its version
    /// (`v1.31.1-aliyun.1`, `v1.27.7-eks-4f4795d`): the word is a name of a product that
    /// declares the upstream, and the build is that product's, never the upstream's.
    #[test]
    fn a_downstream_products_build_is_its_own() {
        let src = "policy kubernetes \"Kubernetes\" {\n  alias \"k8s\"\n  line major.minor\n}\n\
            policy alibaba-ack \"Alibaba Cloud ACK\" {\n  alias \"aliyun ack\"\n  upstream kubernetes\n  line major.minor\n}\n\
            policy amazon-eks \"Amazon EKS\" {\n  alias \"eks\"\n  upstream kubernetes\n  line major.minor\n}\n\
            policy nginx \"nginx\" {\n  line major.minor\n}\n\
            policy alpine \"Alpine Linux\" {\n  upstream nginx\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let of = |id: &str, v: &'static str| {
            let index = ps.iter().position(|p| p.id == id).unwrap();
            downstream_build(&ps, index, v).map(|(q, w)| (ps[q].id.as_str(), w))
        };
        assert_eq!(
            of("kubernetes", "v1.31.1-aliyun.1"),
            Some(("alibaba-ack", "aliyun"))
        );
        assert_eq!(
            of("kubernetes", "v1.27.7-eks-4f4795d"),
            Some(("amazon-eks", "eks"))
        );
        // a word of the upstream's own names, a pre-release, a build number say nothing
        assert_eq!(of("kubernetes", "v1.28.4-k8s.1"), None);
        assert_eq!(of("kubernetes", "v1.28.4-rc.1"), None);
        assert_eq!(of("kubernetes", "1.30.2"), None);
        assert_eq!(of("kubernetes", "v1.27.6+f67aeb3"), None);
        // a build's base system names no product that declares this one its upstream...
        assert_eq!(of("nginx", "1.25.3-debian"), None);
        // ... unless one does (here, a made-up Alpine that declares nginx)
        assert_eq!(of("nginx", "1.25.3-alpine"), Some(("alpine", "alpine")));
        // the downstream product's own builds are its own
        assert_eq!(of("alibaba-ack", "v1.31.1-aliyun.1"), None);
        // a word that names other products too marks no one's build: FreeBSD's package
        // `postgresql15-server-15.5` is PostgreSQL's
        let src = "policy postgresql \"PostgreSQL\" {\n  line major\n}\n\
            policy azure-postgresql \"Azure Database for PostgreSQL\" {\n  alias \"azure database for postgresql flexible server\"\n  upstream postgresql\n  line major\n}\n\
            policy mssql \"Microsoft SQL Server\" {\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(downstream_build(&ps, 0, "15-server-15.5"), None);
        assert_eq!(downstream_build(&ps, 0, "15.5-flexible"), Some((1, "flexible")));
    }

    /// Windows lists installed programs by their installers' names: a vendor and a longer
    /// name, a version written onto the name, an architecture, a service's name.
    #[test]
    fn names_of_installed_programs() {
        let src = "policy windows \"Windows\" {\n  vendor \"Microsoft\"\n  alias \"microsoft windows\"\n  line major\n}\n\
            policy dotnet \".NET\" {\n  vendor \"Microsoft\"\n  alias \"windows desktop runtime\"\n  line major\n}\n\
            policy go \"Go\" {\n  alias \"go programming language\"\n  line major.minor\n}\n\
            policy tomcat \"Tomcat\" {\n  alias \"apache tomcat\"\n  line major.minor\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 4);
        let q = |t: &'static str| find_qualified_product(&ps, t).map(|q| (ps[q.index].id.as_str(), q.words));
        // the name of most words, although a shorter one starts earlier
        assert_eq!(
            q("Microsoft Windows Desktop Runtime - 8.0.0 (x64)"),
            Some(("dotnet", vec!["-", "8.0.0", "x64"]))
        );
        assert_eq!(
            q("Microsoft Windows 11 Pro"),
            Some(("windows", vec!["11", "Pro"]))
        );
        // a version written onto the product's own name is the version, and an
        // architecture names no other program
        assert_eq!(
            q("Go Programming Language amd64 go1.21.5"),
            Some(("go", vec!["amd64", "1.21.5"]))
        );
        // onto another product's name it is no version of this one's
        assert_eq!(
            q("Go Programming Language tomcat9.0.1"),
            Some(("go", vec!["tomcat9.0.1"]))
        );
        // the product's name with a number after it (a Windows service) is its own word
        assert_eq!(
            q("Apache Tomcat 9.0 Tomcat9"),
            Some(("tomcat", vec!["9.0", "Tomcat9"]))
        );
        // beside a word that names another program, the version is left out
        assert_eq!(q("Apache Tomcat 9.0 Native"), Some(("tomcat", vec!["Native"])));
        // after the version and a lone `-`, words say which part of the release it is
        assert_eq!(
            q("Microsoft Windows Desktop Runtime 8.0.0 - Shared Framework (x64)"),
            Some(("dotnet", vec!["8.0.0", "-", "Shared", "Framework", "x64"]))
        );
        // but not before the version, nor without the `-`
        assert_eq!(
            q("Apache Tomcat Native - 9.0.1"),
            Some(("tomcat", vec!["Native", "-"]))
        );
        assert_eq!(
            q("Apache Tomcat 9.0 Native - Connector"),
            Some(("tomcat", vec!["Native", "-", "Connector"]))
        );
    }

    /// Inventories name a system with words after the product's name (`Microsoft Windows 11
    /// Pro`, `Windows Server 2012 R2 Datacenter`) beside a build the editions share.
    #[test]
    fn names_with_words_after_the_product() {
        let src = "policy windows-server \"Windows Server\" {\n  vendor \"Microsoft\"\n  alias \"windows server\"\n  line major\n  alias line \"2012-r2\" \"2012 R2\"\n}\n\
            policy windows \"Windows\" {\n  vendor \"Microsoft\"\n  line major\n  alias line \"11-23h2-w\" \"11 Pro 23H2\", \"11 Home 23H2\"\n  alias line \"11-23h2-e\" \"11 Enterprise 23H2\"\n  alias line \"11-24h2-w\" \"11 Pro 24H2\"\n}\n\
            policy alpine-linux \"Alpine Linux\" {\n  line major.minor\n}\n\
            policy rhel \"RHEL\" {\n  vendor \"Red Hat\"\n  alias \"red hat enterprise linux\"\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 4);
        let q = |t: &'static str| find_qualified_product(&ps, t).map(|q| (ps[q.index].id.as_str(), q.words));
        // the product's name first, or after its own vendor; the most words that make one
        assert_eq!(
            q("Microsoft Windows Server 2012 R2 Datacenter"),
            Some(("windows-server", vec!["2012", "R2", "Datacenter"]))
        );
        assert_eq!(
            q("Microsoft Windows 11 Pro"),
            Some(("windows", vec!["11", "Pro"]))
        );
        assert_eq!(q("Red Hat rhel 9"), Some(("rhel", vec!["9"])));
        // an id written with blanks (`Alpine Linux`) is a name too
        assert_eq!(
            find_product(&ps, " Alpine  linux "),
            ProductLookup::Found {
                index: 2,
                by: FoundBy::Id,
                version: None
            }
        );
        assert_eq!(
            find_product_and_version(&ps, "Alpine Linux 3.18.4").map(|t| (t.index, t.version)),
            Some((2, "3.18.4".to_owned()))
        );
        assert_eq!(q("Alpine Linux 3.18"), Some(("alpine-linux", vec!["3.18"])));
        // another vendor's word before it, a name in the middle, or no word after it: none
        assert_eq!(q("Contoso Windows 11 Pro"), None);
        assert_eq!(q("Python Launcher for Windows 11"), None);
        // a version in the name, and a word beside it that names another program: the
        // version is left out (`Windows PowerShell 10.0.22631` is no Windows build), and
        // `PowerShell` names no line, so the name is then not read as Windows at all
        assert_eq!(
            q("Microsoft Windows 11 Pro 10.0.22631"),
            Some(("windows", vec!["11", "Pro", "10.0.22631"]))
        );
        assert_eq!(
            q("Windows PowerShell 10.0.22631"),
            Some(("windows", vec!["PowerShell"]))
        );
        assert_eq!(
            q("Windows PowerShell 5"),
            Some(("windows", vec!["PowerShell", "5"]))
        );
        assert_eq!(q("Microsoft Windows"), None);
        let index = NameIndex::new(&ps);
        assert_eq!(
            find_qualified_product_in(&ps, &index, "Microsoft Windows 11 Pro"),
            find_qualified_product(&ps, "Microsoft Windows 11 Pro")
        );

        let (win, server) = (ps[1], ps[0]);
        let wl = lines(&[
            ("11-23h2-w", &["10.0.22631"]),
            ("11-23h2-e", &["10.0.22631"]),
            ("11-24h2-w", &["10.0.26100"]),
        ]);
        let sl = lines(&[
            ("2012", &["6.2.9200"]),
            ("2012-r2", &["6.3.9600"]),
            ("2019", &["10.0.17763"]),
        ]);
        let words = |p: &Policy, ls: &[LineView<'_>], w: &[&str]| line_words(p, ls, w);
        // words no line's name has say nothing: the reading is refused
        assert_eq!(words(server, &sl, &["Datacenter", "64-bit"]), None);
        // words that count (as written) and the lines whose names have all of them
        let pro = words(win, &wl, &["11", "Pro"]).unwrap();
        assert_eq!(
            (pro.words.clone(), pro.named.clone()),
            (vec!["11".to_owned(), "Pro".to_owned()], vec![0, 2])
        );
        let r2 = words(server, &sl, &["2012", "R2", "Datacenter"]).unwrap();
        assert_eq!(
            (r2.words.clone(), r2.named.clone()),
            (vec!["2012".to_owned(), "R2".to_owned()], vec![1])
        );
        // `2012` alone names both lines with it
        assert_eq!(
            words(server, &sl, &["2012", "Standard"]).unwrap().named,
            vec![0, 1]
        );

        // a build two editions share: the one the words name
        let narrowed =
            |lw: &LineWords, p: &Policy, ls: &[LineView<'_>], v: &str| lw.narrow(resolve_version(p, ls, v));
        assert_eq!(
            narrowed(&pro, win, &wl, "10.0.22631"),
            Ok(Resolution::Line {
                line: 0,
                how: How::NameWords
            })
        );
        // a version of one line the words name: as the version says
        assert_eq!(
            narrowed(&pro, win, &wl, "10.0.26100"),
            Ok(Resolution::Line {
                line: 2,
                how: How::Release
            })
        );
        // a version the catalog does not list: the one line the words name, else as it was
        assert_eq!(
            narrowed(&r2, server, &sl, "6.3.9999"),
            Ok(Resolution::Line {
                line: 1,
                how: How::NameWords
            })
        );
        assert!(matches!(
            narrowed(&pro, win, &wl, "10.0.99999"),
            Ok(Resolution::Unknown { .. })
        ));
        // the version's line is not one the words name: neither is taken
        assert_eq!(narrowed(&r2, server, &sl, "10.0.17763"), Err(vec![2]));
        let enterprise = words(win, &wl, &["11", "Enterprise"]).unwrap();
        assert_eq!(
            enterprise.narrow(resolve_version(win, &wl, "10.0.26100")),
            Err(vec![2])
        );
        // a version in the name (Windows's list of installed programs) names its lines
        let build = words(win, &wl, &["10.0.22631", "(64-bit)"]).unwrap();
        assert_eq!(
            (build.words.clone(), build.named.clone()),
            (vec!["10.0.22631".to_owned()], vec![0, 1])
        );
        let pro_build = words(win, &wl, &["11", "Pro", "10.0.22631"]).unwrap();
        assert_eq!(pro_build.named, vec![0]);
        assert_eq!(pro_build.words, ["11", "Pro", "10.0.22631"]);
        // ... and one in no line says nothing
        assert_eq!(words(win, &wl, &["10.0.99999"]), None);
        // several lines both ways: the ones in both stay ambiguous
        let eleven = words(win, &wl, &["11"]).unwrap();
        assert_eq!(
            eleven.narrow(resolve_version(win, &wl, "10.0.22631")),
            Ok(Resolution::Ambiguous {
                lines: vec![0, 1],
                how: How::Release
            })
        );

        // a word that announces a version names no line, although a line's other name has
        // it: `/etc/system-release`'s `Amazon Linux release 2 (Karoo)` is line 2, while
        // Trivy's `AMI release 2018.03` names the AMI's line
        let src = "policy amazon-linux \"Amazon Linux\" {\n  line major\n  alias line 2018.03 \"ami release 2018.03\"\n  alias line 2017.09 \"ami release 2017.09\"\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let amazon = &f.policies[0];
        let al = lines(&[
            ("2023", &["2023.3.20240108"]),
            ("2", &["2.0.20240109.0"]),
            ("2018.03", &["2018.03"]),
            ("2017.09", &["2017.09"]),
        ]);
        for filler in ["release", "Release", "version", "build"] {
            assert_eq!(words(amazon, &al, &[filler]), None, "{filler}");
        }
        let release = words(amazon, &al, &["release", "(Karoo)"]);
        assert_eq!(release, None);
        let ami = words(amazon, &al, &["AMI", "release"]).unwrap();
        assert_eq!(
            (ami.words.clone(), ami.named.clone()),
            (vec!["AMI".to_owned()], vec![2, 3])
        );
        assert_eq!(
            ami.narrow(resolve_version(amazon, &al, "2018.03")),
            Ok(Resolution::Line {
                line: 2,
                how: How::Release
            })
        );
        assert_eq!(
            line_of(amazon, &al, "AMI release 2018.03").as_deref(),
            Some("2018.03")
        );
    }

    proptest::proptest! {
        /// The words after a product's name never overrule its version: the line they
        /// choose is always one of the version's lines when the version has some, and
        /// always one the words name.
        #[test]
        fn name_words_never_overrule_the_version(
            words in proptest::collection::vec("(11|10|Pro|Home|Enterprise|LTSC|23H2|24H2|e|w|x|64-bit)", 1..5),
            version in "(10\\.0\\.(22631|26100|19045|99999)(\\.[0-9])?|11|23H2|)",
        ) {
            let src = "policy windows \"Windows\" {\n  line major\n  alias line \"11-23h2-w\" \"11 Pro 23H2\", \"11 Home 23H2\"\n  alias line \"11-23h2-e\" \"11 Enterprise 23H2\"\n  alias line \"11-24h2-w\" \"11 Pro 24H2\"\n  alias line \"11-24h2-e-lts\" \"11 Enterprise LTSC 2024\"\n  alias line \"10-22h2\" \"10 Pro 22H2\", \"10 Enterprise 22H2\"\n}\n";
            let f = RuleFile::load("x.eol", src.as_bytes());
            let p = &f.policies[0];
            let ls = lines(&[
                ("11-23h2-w", &["10.0.22631"]),
                ("11-23h2-e", &["10.0.22631"]),
                ("11-24h2-w", &["10.0.26100"]),
                ("11-24h2-e-lts", &["10.0.26100"]),
                ("10-22h2", &["10.0.19045"]),
            ]);
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let Some(lw) = line_words(p, &ls, &refs) else {
                return Ok(());
            };
            let resolution = resolve_version(p, &ls, &version);
            let of_version: Option<Vec<usize>> = match &resolution {
                Resolution::Line { line, .. } => Some(vec![*line]),
                Resolution::Ambiguous { lines, .. } => Some(lines.clone()),
                _ => None,
            };
            match lw.narrow(resolution) {
                Ok(Resolution::Line { line, .. }) => {
                    proptest::prop_assert!(lw.named.contains(&line));
                    if let Some(v) = &of_version {
                        proptest::prop_assert!(v.contains(&line));
                    }
                }
                Ok(Resolution::Ambiguous { lines, .. }) => {
                    proptest::prop_assert!(lines.len() > 1);
                    proptest::prop_assert!(lines.iter().all(|l| lw.named.contains(l)));
                }
                Ok(_) => proptest::prop_assert!(of_version.is_none() && lw.named.len() != 1),
                Err(found) => {
                    proptest::prop_assert_eq!(Some(found.clone()), of_version);
                    proptest::prop_assert!(found.iter().all(|l| !lw.named.contains(l)));
                }
            }
        }

        /// Skipping the distances that cannot be close changes no suggestion.
        #[test]
        fn suggestions_skip_only_distances_that_cannot_count(name in "[a-eAE é.-]{0,12}") {
            let src = "policy abcde \"A\" {\n  alias \"abc\", \"ab-cd-eé\"\n  line major\n}\n\
                policy abd \"B\" {\n  line major\n}\npolicy eedcba \"E\" {\n  alias \"dd.e\"\n  line major\n}\n\
                policy aaaaaaaaaa \"Long\" {\n  line major\n}\npolicy bad-cafe \"Cafe Dé Bac\" {\n  alias \"Abc Dd\"\n  line major\n}\n";
            let f = RuleFile::load("x.eol", src.as_bytes());
            proptest::prop_assert_eq!(f.policies.len(), 5);
            let ps: Vec<&Policy> = f.policies.iter().collect();
            proptest::prop_assert_eq!(suggestions(&ps, &name), suggestions_by_every_distance(&ps, &name));
        }

        /// Whatever the text, a reading is of a line of it (or all of it), its version a
        /// word of that line with a digit first (or `v` and a digit), or a run of its words
        /// that is another name of one of the product's lines; the index gives what the
        /// lookup without one gives.
        #[test]
        fn banners_read_only_what_they_hold(text in "[a-c gov1-3.\\-\n/=\"(é]{0,40}") {
            let src = "policy go \"Go\" {\n  alias \"a b\"\n  line major\n  alias line 1 \"c 2\", \"o/a\"\n}\npolicy c \"C\" {\n  alias \"v\"\n  line major\n}\n";
            let f = RuleFile::load("x.eol", src.as_bytes());
            let ps: Vec<&Policy> = f.policies.iter().collect();
            let read = find_product_and_version(&ps, &text);
            let index = NameIndex::new(&ps);
            proptest::prop_assert_eq!(&read, &find_product_and_version_in(&ps, &index, &text));
            if let Some(t) = read {
                proptest::prop_assert!(t.index < ps.len());
                proptest::prop_assert!(text.trim() == t.read || lines_of(&text).iter().any(|l| l.trim() == t.read));
                proptest::prop_assert!(t.read.contains(&t.version), "{:?}", t);
                let named = ps[t.index]
                    .line_aliases
                    .iter()
                    .any(|a| a.folded == fold_line_alias(&t.version));
                if !named {
                    let digits = t.version.strip_prefix(['v', 'V']).unwrap_or(&t.version);
                    proptest::prop_assert!(digits.starts_with(|c: char| c.is_ascii_digit()), "{:?}", t);
                    proptest::prop_assert!(!t.version.contains(char::is_whitespace), "{:?}", t);
                }
            }
        }
    }

    #[test]
    fn a_word_of_a_name_is_suggested_after_close_names() {
        let src = "policy oracle-jdk \"Oracle JDK\" {\n  alias \"oracle java\"\n  line major\n}\npolicy javalin \"Javalin\" {\n  line major\n}\npolicy nodejs \"Node.js\" {\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        let unknown = |t: &str| match find_product(&ps, t) {
            ProductLookup::Unknown { suggestions } => suggestions,
            other => panic!("{t}: {other:?}"),
        };
        // a word of an alias, of an id, of a display name; never a part of a word
        assert_eq!(unknown("Java"), vec!["javalin", "oracle-jdk"]);
        assert_eq!(unknown("jdk"), vec!["oracle-jdk"]);
        assert_eq!(unknown("nodjs"), vec!["nodejs"]);
        assert_eq!(unknown("nod"), vec!["nodejs"]);
        assert_eq!(unknown("jvalin"), vec!["javalin"]);
        assert_eq!(unknown("oracle-jdx"), vec!["oracle-jdk"]);
        assert_eq!(unknown("oracle-jxx"), vec!["oracle-jdk"]);
        assert_eq!(unknown("jvlin"), Vec::<String>::new());
        assert_eq!(unknown("node"), vec!["nodejs"]);
        assert_eq!(unknown("racle"), Vec::<String>::new());
        // too short to mean anything
        assert_eq!(unknown("js"), Vec::<String>::new());
    }
}

#[cfg(test)]
mod index_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::project::RuleFile;

    /// The index an audit looks names up in ([`NameIndex`]: ids, aliases, package URLs by
    /// type and first letter, CPEs by product) finds what a scan of the policies in order
    /// finds: the first of two policies that share an alias or CPE, the closest RPM
    /// distribution whatever the order, an OCI image by a Docker rule, a pattern that begins
    /// with `{line}`, and nothing for what no rule gives.
    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let src = "policy alpha \"Alpha\" {\n  alias \"shared\", \"a\"\n  purl \"pkg:rpm/redhat/libx\", \"pkg:docker/acme/alpha\"\n  cpe \"cpe:2.3:a:acme:thing:*\"\n  line major\n}\n\
            policy beta \"Beta\" {\n  alias \"shared\"\n  purl \"pkg:rpm/rocky/libx\", \"pkg:deb/debian/{line}beta-*\", \"pkg:npm/beta*\"\n  cpe \"cpe:2.3:a:acme:thing:*\", \"cpe:2.3:a:other:thing:*\"\n  line major\n}\n\
            policy Gamma \"Gamma\" {\n  purl \"pkg:rpm/oracle/libx\", \"pkg:oci/gamma\"\n  line major\n}\n";
        let f = RuleFile::load("x.eol", src.as_bytes());
        let ps: Vec<&Policy> = f.policies.iter().collect();
        assert_eq!(ps.len(), 3);
        let index = NameIndex::new(&ps);
        let id = |l: ProductLookup| match l {
            ProductLookup::Found { index, by, .. } => Some((ps[index].id.as_str(), by)),
            _ => None,
        };
        for (name, expected) in [
            ("shared", Some(("alpha", FoundBy::Alias))),
            ("GAMMA", Some(("Gamma", FoundBy::Id))),
            (" Beta ", Some(("beta", FoundBy::Id))),
            ("pkg:rpm/rocky/libx@1.0", Some(("beta", FoundBy::Purl))),
            ("pkg:rpm/oracle/libx@1.0", Some(("Gamma", FoundBy::Purl))),
            ("pkg:rpm/almalinux/libx@1.0", Some(("alpha", FoundBy::Purl))),
            ("pkg:oci/acme/alpha@1.0", Some(("alpha", FoundBy::Purl))),
            ("pkg:oci/gamma@1.0", Some(("Gamma", FoundBy::Purl))),
            ("pkg:deb/debian/12beta-tools@1.0", Some(("beta", FoundBy::Purl))),
            ("pkg:npm/beta-core@1.0", Some(("beta", FoundBy::Purl))),
            ("pkg:npm/alpha@1.0", None),
            (
                "cpe:2.3:a:acme:thing:1.0:*:*:*:*:*:*:*",
                Some(("alpha", FoundBy::Cpe)),
            ),
            (
                "cpe:2.3:a:other:thing:1.0:*:*:*:*:*:*:*",
                Some(("beta", FoundBy::Cpe)),
            ),
            ("cpe:2.3:a:nobody:thing:1.0:*:*:*:*:*:*:*", None),
            ("delta", None),
        ] {
            let scanned = id(find_product(&ps, name));
            assert_eq!(scanned, expected, "{name}");
            assert_eq!(id(find_product_in(&ps, &index, name)), scanned, "{name}");
        }
    }
}
