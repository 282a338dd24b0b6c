//! Release sources: where `eol update` and `eol import` find a product's releases.
//!
//! A rule file declares them (`source github-releases "nodejs/node" matching
//! "v{version}"`); the CLI fetches (HTTP lives there, nowhere else) or reads a file;
//! everything here is pure: reading each format into [`Entry`]s ([`formats`]), picking
//! the releases a policy can use ([`select`]), merging them into a catalog's text
//! ([`merge`]) and recording when each source was read ([`record`]).

pub mod formats;
pub mod json;
pub mod merge;
pub mod record;

use std::collections::HashSet;

use chrono::NaiveDate;
use eol_syntax::Span;

use crate::catalog::ReleaseDate;
use crate::model::{CmpOp, Cond, Glob, Policy};
use crate::version::Version;

/// Codes of the diagnostics that reading a source's data gives.
pub mod code {
    /// not JSON (or not the text format) the source serves
    pub const SYNTAX: &str = eol_syntax::Code::SourceSyntax.as_str();
    /// valid JSON, not shaped as the source's documents are
    pub const SHAPE: &str = eol_syntax::Code::SourceShape.as_str();
    /// a `.sources.toml` record that cannot be read
    pub const RECORD: &str = eol_syntax::Code::SourceRecord.as_str();
}

/// The kinds of release source, as rule files and `eol import` name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// endoflife.date's API (v1 product document, or the older cycle array)
    Endoflife,
    /// a GitHub repository's releases (REST API)
    GithubReleases,
    /// a GitHub repository's tags (REST API)
    GithubTags,
    /// a package on PyPI (JSON API)
    Pypi,
    /// a package on the npm registry
    Npm,
    /// a git repository's tags (`git ls-remote --tags`, or smart HTTP)
    GitTags,
    /// endoflife.date's release-data repository: every version of a product, with its day
    ReleaseData,
}

impl SourceKind {
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Endoflife,
        SourceKind::GithubReleases,
        SourceKind::GithubTags,
        SourceKind::Pypi,
        SourceKind::Npm,
        SourceKind::GitTags,
        SourceKind::ReleaseData,
    ];

    pub const NAMES: [&'static str; 7] = [
        "endoflife",
        "github-releases",
        "github-tags",
        "pypi",
        "npm",
        "git-tags",
        "release-data",
    ];

    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Endoflife => "endoflife",
            SourceKind::GithubReleases => "github-releases",
            SourceKind::GithubTags => "github-tags",
            SourceKind::Pypi => "pypi",
            SourceKind::Npm => "npm",
            SourceKind::GitTags => "git-tags",
            SourceKind::ReleaseData => "release-data",
        }
    }

    pub fn from_name(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The service whose base URL serves it (`None`: the location is the whole URL).
    pub fn service(self) -> Option<Service> {
        match self {
            SourceKind::Endoflife => Some(Service::Endoflife),
            SourceKind::GithubReleases | SourceKind::GithubTags => Some(Service::Github),
            SourceKind::Pypi => Some(Service::Pypi),
            SourceKind::Npm => Some(Service::Npm),
            SourceKind::GitTags => None,
            SourceKind::ReleaseData => Some(Service::ReleaseData),
        }
    }

    /// What a location looks like, for help texts.
    pub fn location_example(self) -> &'static str {
        match self {
            SourceKind::Endoflife => "a product of endoflife.date, e.g. `nodejs`",
            SourceKind::GithubReleases | SourceKind::GithubTags => "`OWNER/REPOSITORY`, e.g. `nodejs/node`",
            SourceKind::Pypi => "a package name, e.g. `Django`",
            SourceKind::Npm => "a package name, e.g. `next` or `@angular/core`",
            SourceKind::GitTags => "the repository's URL, e.g. `https://github.com/nodejs/node.git`",
            SourceKind::ReleaseData => "a product of endoflife.date, e.g. `elasticsearch`",
        }
    }

    /// Whether `location` has the form this kind needs; the reason when not.
    pub fn check_location(self, location: &str) -> Result<(), String> {
        let plain = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && s != "."
                && s != ".."
        };
        let ok = match self {
            SourceKind::Endoflife | SourceKind::Pypi | SourceKind::ReleaseData => plain(location),
            SourceKind::GithubReleases | SourceKind::GithubTags => {
                matches!(location.split_once('/'), Some((owner, repo)) if plain(owner) && plain(repo))
            }
            SourceKind::Npm => match location.strip_prefix('@') {
                Some(scoped) => {
                    matches!(scoped.split_once('/'), Some((scope, name)) if plain(scope) && plain(name))
                }
                None => plain(location),
            },
            SourceKind::GitTags => {
                let rest = location
                    .strip_prefix("https://")
                    .or_else(|| location.strip_prefix("http://"));
                rest.is_some_and(|r| {
                    !r.is_empty()
                        && !r.starts_with('/')
                        && !r.chars().any(|c| c.is_whitespace() || c == '?' || c == '#')
                })
            }
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "a `{}` source names {}",
                self.name(),
                self.location_example()
            ))
        }
    }

    /// The first page's path (or, for `git-tags`, URL) below the service's base URL.
    pub fn first_request(self, location: &str) -> String {
        match self {
            SourceKind::Endoflife => format!("/api/v1/products/{location}/"),
            SourceKind::GithubReleases => format!("/repos/{location}/releases?per_page=100"),
            SourceKind::GithubTags => format!("/repos/{location}/tags?per_page=100"),
            SourceKind::Pypi => format!("/pypi/{location}/json"),
            SourceKind::Npm => format!("/{}", location.replacen('/', "%2F", 1)),
            SourceKind::GitTags => format!(
                "{}/info/refs?service=git-upload-pack",
                location.trim_end_matches('/')
            ),
            SourceKind::ReleaseData => format!("/releases/{location}.json"),
        }
    }

    /// Whether the service pages its answers (GitHub: `Link: <...>; rel="next"`).
    pub fn paged(self) -> bool {
        matches!(self, SourceKind::GithubReleases | SourceKind::GithubTags)
    }
}

/// A service with a base URL that flags and environment variables can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    Endoflife,
    Github,
    Pypi,
    Npm,
    /// the files of endoflife.date's release-data repository
    ReleaseData,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::Endoflife,
        Service::Github,
        Service::Pypi,
        Service::Npm,
        Service::ReleaseData,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Service::Endoflife => "endoflife",
            Service::Github => "github",
            Service::Pypi => "pypi",
            Service::Npm => "npm",
            Service::ReleaseData => "release-data",
        }
    }

    pub fn default_base(self) -> &'static str {
        match self {
            Service::Endoflife => "https://endoflife.date",
            Service::Github => "https://api.github.com",
            Service::Pypi => "https://pypi.org",
            Service::Npm => "https://registry.npmjs.org",
            Service::ReleaseData => "https://raw.githubusercontent.com/endoflife-date/release-data/main",
        }
    }

    /// The environment variable that overrides the base URL.
    pub fn env_var(self) -> &'static str {
        match self {
            Service::Endoflife => "EOL_ENDOFLIFE_URL",
            Service::Github => "EOL_GITHUB_URL",
            Service::Pypi => "EOL_PYPI_URL",
            Service::Npm => "EOL_NPM_URL",
            Service::ReleaseData => "EOL_RELEASE_DATA_URL",
        }
    }
}

/// `matching "v{version}"`: which tags or version strings a source's entries must look
/// like, and where the version is in them. The text around `{version}` is a glob
/// (`*` any text, `?` one character), compared without regard to case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub before: String,
    pub after: String,
}

/// The placeholder for the version in a pattern.
pub const PLACEHOLDER: &str = "{version}";

/// Tags longer than this are not read as versions (it bounds the pattern search).
const MAX_TAG: usize = 200;

impl Default for Pattern {
    /// `{version}`: the whole text is the version.
    fn default() -> Pattern {
        Pattern {
            before: String::new(),
            after: String::new(),
        }
    }
}

impl Pattern {
    /// `v{version}`; an error (in words) unless `{version}` is there exactly once.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        match text.split_once(PLACEHOLDER) {
            Some((before, after)) if !after.contains(PLACEHOLDER) => Ok(Pattern {
                before: before.to_owned(),
                after: after.to_owned(),
            }),
            Some(_) => Err(format!("`{PLACEHOLDER}` may appear only once")),
            None => Err(format!(
                "a pattern marks where the version is with `{PLACEHOLDER}`, e.g. `v{PLACEHOLDER}`"
            )),
        }
    }

    /// The version inside `text`, or None when `text` does not match. Where the glob
    /// before `{version}` could end at several places, the version starts at the first
    /// one followed by a digit (`*{version}` reads `release-2.1` as `2.1`), else at the
    /// first at all; then the shortest version wins.
    pub fn extract<'a>(&self, text: &'a str) -> Option<&'a str> {
        if self.before.is_empty() && self.after.is_empty() {
            return Some(text);
        }
        if text.len() > MAX_TAG {
            return None;
        }
        let before = Glob(self.before.clone());
        let after = Glob(self.after.clone());
        let cuts: Vec<usize> = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).collect();
        for digits_first in [true, false] {
            for &i in &cuts {
                let starts_with_digit = text
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(|c| c.is_ascii_digit());
                if digits_first && !starts_with_digit {
                    continue;
                }
                if !before.matches(text.get(..i)?) {
                    continue;
                }
                for &j in cuts.iter().filter(|j| **j > i) {
                    if after.matches(text.get(j..)?) {
                        return text.get(i..j);
                    }
                }
            }
        }
        None
    }

    pub fn text(&self) -> String {
        format!("{}{PLACEHOLDER}{}", self.before, self.after)
    }
}

/// A declared source, checked (`source KIND "LOCATION" [matching "..."] [where COND]`).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceDecl {
    pub kind: SourceKind,
    pub location: String,
    pub pattern: Pattern,
    /// only lines that satisfy it (conditions on the version only)
    pub filter: Option<Cond>,
    pub span: Span,
}

impl SourceDecl {
    /// `github-releases nodejs/node`: how reports and records name it.
    pub fn label(&self) -> String {
        format!("{} {}", self.kind.name(), self.location)
    }
}

/// One release (or tag, or cycle) as a source lists it, before any choice is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// the tag or version as the source writes it
    pub name: String,
    pub date: Option<NaiveDate>,
    /// the source marks it a pre-release (GitHub's flag, PEP 440, a semver pre-release)
    pub prerelease: bool,
    /// a draft (GitHub) or an entry whose every file was withdrawn (PyPI "yanked")
    pub withdrawn: bool,
    /// the release line the source names (endoflife.date's cycle)
    pub line: Option<String>,
    /// `first` / `latest` for endoflife.date cycles
    pub kind: Option<String>,
    /// endoflife.date: LTS flag, and the day a cycle became LTS
    pub lts: Option<bool>,
    pub lts_from: Option<NaiveDate>,
}

impl Entry {
    pub fn named(name: impl Into<String>, date: Option<NaiveDate>) -> Entry {
        Entry {
            name: name.into(),
            date,
            prerelease: false,
            withdrawn: false,
            line: None,
            kind: None,
            lts: None,
            lts_from: None,
        }
    }
}

/// A release a source gives that a policy can read: a future catalog row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub version: String,
    pub date: ReleaseDate,
    pub line: Option<String>,
    pub kind: Option<String>,
    pub lts: Option<bool>,
    pub lts_from: Option<NaiveDate>,
}

/// What [`select`] made of a source's entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// the releases to offer the catalog, oldest first (undated last)
    pub releases: Vec<Candidate>,
    /// entries that match the pattern but whose version is not one (`nightly`, `latest`)
    pub not_versions: Vec<String>,
    /// entries that do not match the pattern at all
    pub not_matching: Vec<String>,
    /// pre-releases, drafts and withdrawn entries left out
    pub prereleases: usize,
    pub withdrawn: usize,
    /// versions of lines the source's `where` leaves out
    pub other_lines: usize,
    /// the same version listed twice
    pub repeated: usize,
    /// of `not_versions`, with no pattern, those that are a version written after `v`
    /// (`v1.2.0`): a pattern `"v{version}"` reads them
    pub after_v: usize,
}

/// `v` or `V`, then a version with a line of at least one component (`v1.2.0`, `V2`).
fn after_v(text: &str) -> bool {
    text.strip_prefix(['v', 'V'])
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The help for [`Selection::after_v`] tags: how to read them. None when there are none.
pub fn after_v_help(s: &Selection) -> Option<String> {
    let example = s.not_versions.iter().find(|n| after_v(n.trim()))?;
    let count = if s.after_v == 1 {
        "1 of them is a version".to_owned()
    } else {
        format!("{} of them are versions", s.after_v)
    };
    Some(format!(
        "{count} written after `v` (`{example}`): add `matching \"v{{version}}\"` to the product's `source` to read them (docs/sources.md)"
    ))
}

/// The releases of `entries` that `policy` can read through `decl`: the pattern gives
/// the version; a version must start with a digit and have the components a line needs
/// (unless the source names its line); pre-releases, drafts and withdrawn entries are
/// left out, and so are lines the `where` excludes. Linear in the entries.
pub fn select(entries: &[Entry], decl: &SourceDecl, policy: &Policy) -> Selection {
    select_with(entries, decl, policy.line_len, &policy.prerelease)
}

/// [`select`] without a policy: `line_len` components make a line, and `prerelease`
/// lists the pre-release markers (`eol import` of a product no rule file describes).
pub fn select_with(
    entries: &[Entry],
    decl: &SourceDecl,
    line_len: usize,
    prerelease: &[String],
) -> Selection {
    let mut out = Selection::default();
    let mut seen: HashSet<String> = HashSet::new();
    for e in entries {
        let Some(version) = decl.pattern.extract(e.name.trim()) else {
            out.not_matching.push(e.name.clone());
            continue;
        };
        let version = version.trim();
        let line = match &e.line {
            Some(l) => Some(l.as_str()),
            None => crate::eval::line_prefix(version, line_len),
        };
        let starts_with_digit = version.chars().next().is_some_and(|c| c.is_ascii_digit());
        // A source that names the line (endoflife.date's cycles) may name it otherwise
        // (`galaxy-tab-j`): its first release is the cycle itself; a later one needs a
        // digit (`N/A` is no release), as `eol import endoflife-csv` has it.
        let named = e
            .line
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case(version) || version.chars().any(|c| c.is_ascii_digit()));
        let (Some(line), true) = (line, starts_with_digit || named) else {
            let no_pattern = decl.pattern.before.is_empty() && decl.pattern.after.is_empty();
            if no_pattern && after_v(version) {
                out.after_v += 1;
            }
            out.not_versions.push(e.name.clone());
            continue;
        };
        if e.withdrawn {
            out.withdrawn += 1;
            continue;
        }
        let marked = Version::parse(version, prerelease).is_some_and(|v| v.prerelease);
        if e.prerelease || marked {
            out.prereleases += 1;
            continue;
        }
        if let Some(filter) = &decl.filter {
            let holds = Version::parse(line, prerelease).is_some_and(|v| version_holds(filter, &v, line));
            if !holds {
                out.other_lines += 1;
                continue;
            }
        }
        if !seen.insert(version.to_ascii_lowercase()) {
            out.repeated += 1;
            continue;
        }
        out.releases.push(Candidate {
            version: version.to_owned(),
            date: e.date.map_or(ReleaseDate::Unknown, ReleaseDate::Exact),
            line: e.line.clone(),
            kind: e.kind.clone(),
            lts: e.lts,
            lts_from: e.lts_from,
        });
    }
    out.releases.sort_by(|a, b| {
        let (da, db) = (a.date.earliest(), b.date.earliest());
        da.is_none()
            .cmp(&db.is_none())
            .then(da.cmp(&db))
            .then_with(|| crate::version::compare_text(&a.version, &b.version, prerelease))
    });
    out
}

/// Whether a condition on the version holds for a line (`major >= 18`, `line matches
/// "2.*"`, `minor is even`). The checker lets only such conditions stand in a source's
/// `where`; anything else does not hold.
pub fn version_holds(c: &Cond, line: &Version, name: &str) -> bool {
    match c {
        Cond::All(cs) => cs.iter().all(|c| version_holds(c, line, name)),
        Cond::Any(cs) => cs.iter().any(|c| version_holds(c, line, name)),
        Cond::Not(c) => !version_holds(c, line, name),
        Cond::Parity { component, even } => line.number(*component).is_some_and(|n| (n % 2 == 0) == *even),
        Cond::Component { component, op, value } => line.prefix(component + 1).is_some_and(|v| {
            let mine = v.core.last().cloned().unwrap_or_default();
            let theirs = value.core.first().cloned().unwrap_or_default();
            compare(*op, mine.cmp(&theirs))
        }),
        Cond::Line { op, value } => compare(*op, line.cmp(value)),
        Cond::LineMatches(g) => g.matches(name),
        _ => false,
    }
}

/// Whether a condition only reads the version, so that a source can test it.
pub fn reads_version_only(c: &Cond) -> bool {
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().all(reads_version_only),
        Cond::Not(c) => reads_version_only(c),
        Cond::Parity { .. } | Cond::Component { .. } | Cond::Line { .. } | Cond::LineMatches(_) => true,
        _ => false,
    }
}

fn compare(op: CmpOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => ord == Equal,
        CmpOp::Ne => ord != Equal,
        CmpOp::Lt => ord == Less,
        CmpOp::Le => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::Ge => ord != Less,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_extract_the_version() {
        let p = Pattern::parse("v{version}").unwrap();
        assert_eq!(p.extract("v1.2.3"), Some("1.2.3"));
        assert_eq!(p.extract("V1.2.3"), Some("1.2.3"));
        assert_eq!(p.extract("1.2.3"), None);
        let p = Pattern::parse("jdk-{version}+*").unwrap();
        assert_eq!(p.extract("jdk-17.0.9+9"), Some("17.0.9"));
        let p = Pattern::parse("*-{version}").unwrap();
        assert_eq!(p.extract("release-7.4"), Some("7.4"));
        let p = Pattern::parse("*{version}").unwrap();
        assert_eq!(p.extract("go1.21.0"), Some("1.21.0"));
        assert_eq!(p.extract("nightly"), Some("nightly"));
        assert!(Pattern::parse("v").is_err());
        assert!(Pattern::parse("{version}-{version}").is_err());
        assert_eq!(Pattern::default().extract("anything"), Some("anything"));
    }

    #[test]
    fn selection_lists_skips_and_counts() {
        let decl = SourceDecl {
            kind: SourceKind::GitTags,
            location: "https://example.org/x.git".into(),
            pattern: Pattern::parse("*{version}").unwrap(),
            filter: Some(Cond::Line {
                op: CmpOp::Ge,
                value: Version::parse("2.0", &[]).unwrap(),
            }),
            span: Span::default(),
        };
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let mut rc = Entry::named("v2.1.0-rc1", d(2024, 1, 1));
        rc.name = "v2.1.0-rc1".into();
        let entries = [
            Entry::named("v2.1.0", d(2024, 2, 1)),
            Entry::named("nightly", None),
            Entry::named("v1.9.0", d(2023, 1, 1)),
            rc,
            Entry::named("v2.0.0", d(2023, 6, 1)),
            Entry::named("2.0.0", d(2023, 6, 1)),
            Entry::named("v2.2", None),
        ];
        let s = select_with(&entries, &decl, 2, &["rc".to_owned()]);
        let versions: Vec<&str> = s.releases.iter().map(|c| c.version.as_str()).collect();
        // oldest first, undated last
        assert_eq!(versions, ["2.0.0", "2.1.0", "2.2"]);
        assert_eq!(s.not_versions, ["nightly"]);
        assert_eq!((s.prereleases, s.other_lines, s.repeated), (1, 1, 1));
    }

    #[test]
    fn locations_are_checked_per_kind() {
        assert!(SourceKind::GithubReleases.check_location("nodejs/node").is_ok());
        assert!(SourceKind::GithubReleases.check_location("nodejs").is_err());
        assert!(SourceKind::Npm.check_location("@angular/core").is_ok());
        assert!(SourceKind::Pypi.check_location("Django").is_ok());
        assert!(SourceKind::Pypi.check_location("a b").is_err());
        assert!(SourceKind::GitTags
            .check_location("https://example.org/x.git")
            .is_ok());
        assert!(SourceKind::GitTags.check_location("example.org/x.git").is_err());
        assert_eq!(SourceKind::Npm.first_request("@angular/core"), "/@angular%2Fcore");
    }
}
