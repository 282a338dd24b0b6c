//! `eol audit`: which of the things we run are out of support.
//!
//! Items come from inventories and SBOMs ([`input`]); each is matched to a product and a
//! release line through the rules' identifiers, aliases and version resolution
//! ([`crate::resolve`]) and judged with the same query as `eol status`
//! ([`crate::query::status`]): one [`Finding`] per item, with a stable id
//! `<product>/<line>/<state>` that a suppressions file ([`suppress`]) can name. The
//! outputs (JSON, CSV, SARIF) are written by [`output`] as the items stream by.
//!
//! **Memory.** Findings depend only on what identifies an item (its package URL, CPE or
//! name, and its version), so the auditor computes one finding per distinct such pair
//! and every further item with the same pair reuses it: memory grows with the number of
//! distinct pairs, not with rows, and a row costs a hash lookup. Pairs that name one
//! product and version in different ways share that judgement (its status report too).

pub mod input;
pub mod json;
mod lines;
pub mod output;
pub mod pairs;
pub mod suppress;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::Unit;
use crate::identifiers::{fold, source_package_name, Cpe, Distro, DistroFrom, Purl};
use crate::model::Policy;
pub use crate::query::Unlisted;
use crate::query::{self, Basis, ProductView, Standing, StatusReport};
use crate::resolve::{
    another_program_banner_in, banner_beside_in, find_product_and_version_in, find_product_in,
    find_qualified_product_in, Beside, FoundBy, LineWords, Lines, NameIndex, ProductLookup, Resolution,
};

pub use input::{InputDiagnostic, InputFormat, Item, Problems};
pub use pairs::{Pair, Pairs};

/// The stable codes of the audit's diagnostics.
pub mod code {
    /// Not valid JSON, a quoted CSV value never closed, a line that is not UTF-8.
    pub const SYNTAX: &str = eol_syntax::Code::AuditSyntax.as_str();
    /// An inventory header without a `product` (or `purl`, `cpe`) or `version` column.
    pub const MISSING_COLUMN: &str = eol_syntax::Code::AuditMissingColumn.as_str();
    pub const DUPLICATE_COLUMN: &str = eol_syntax::Code::AuditDuplicateColumn.as_str();
    /// A CSV row with more or fewer fields than the header.
    pub const FIELD_COUNT: &str = eol_syntax::Code::AuditFieldCount.as_str();
    /// An item that cannot be audited: no product, package URL or CPE, a field that is
    /// not a string, a component that is not an object.
    pub const BAD_ITEM: &str = eol_syntax::Code::AuditBadItem.as_str();
    /// A JSON document that is not CycloneDX 1.4–1.7, SPDX 2.2/2.3, SPDX 3.0, syft's JSON
    /// of schema 1 to 16 or Trivy's JSON report.
    pub const UNKNOWN_SBOM: &str = eol_syntax::Code::AuditUnknownSbom.as_str();
    /// A package URL or CPE that does not parse (warning; the item is matched by its
    /// other names).
    pub const BAD_IDENTIFIER: &str = eol_syntax::Code::AuditBadIdentifier.as_str();
    /// A version with a space or a control character that names no line (warning).
    pub const BAD_VERSION: &str = eol_syntax::Code::AuditBadVersion.as_str();
    /// An input with no items (warning).
    pub const EMPTY: &str = eol_syntax::Code::AuditEmpty.as_str();
    /// A Trivy report whose packages were not listed (an older Trivy without
    /// `--list-all-pkgs`): they are not audited.
    pub const UNLISTED_PACKAGES: &str = eol_syntax::Code::AuditUnlistedPackages.as_str();
    /// A suppressions file or entry that cannot be read.
    pub const SUPPRESSION_INVALID: &str = eol_syntax::Code::SuppressionInvalid.as_str();
    /// A suppression whose `expires` date has come (warning); it no longer suppresses.
    pub const SUPPRESSION_EXPIRED: &str = eol_syntax::Code::SuppressionExpired.as_str();
}

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// past the end of life (of standard support, unless `--extended`)
    EndOfLife,
    /// the line is supported, but not this release: a newer release of its line replaced it
    /// (the policy's `superseded by newer minor`); updating within the line restores support
    Superseded,
    /// reaches end of life within the window (`--within`)
    EndsSoon,
    /// no product of the rules matches its name, package URL or CPE
    UnknownProduct,
    /// the product is known, the version names no line (or several)
    UnknownVersion,
    /// the line has not shipped yet on the day asked about
    Unreleased,
    Supported,
}

impl State {
    pub const ALL: [State; 7] = [
        State::EndOfLife,
        State::Superseded,
        State::EndsSoon,
        State::UnknownProduct,
        State::UnknownVersion,
        State::Unreleased,
        State::Supported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::EndOfLife => "end-of-life",
            State::Superseded => "superseded",
            State::EndsSoon => "ends-soon",
            State::UnknownProduct => "unknown-product",
            State::UnknownVersion => "unknown-version",
            State::Unreleased => "unreleased",
            State::Supported => "supported",
        }
    }

    pub fn index(self) -> usize {
        match self {
            State::EndOfLife => 0,
            State::Superseded => 1,
            State::EndsSoon => 2,
            State::UnknownProduct => 3,
            State::UnknownVersion => 4,
            State::Unreleased => 5,
            State::Supported => 6,
        }
    }

    pub fn is_unknown(self) -> bool {
        matches!(self, State::UnknownProduct | State::UnknownVersion)
    }
}

/// How far ahead "ends soon" looks: `90d`, `12w`, `6m`, `1y`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Within {
    /// as written
    pub text: String,
    #[serde(skip)]
    pub amount: i64,
    #[serde(skip)]
    pub unit: Unit,
}

impl Within {
    pub fn parse(text: &str) -> Result<Within, String> {
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (n, unit) = t.split_at(split);
        let amount: i64 = n
            .parse()
            .map_err(|_| format!("`{text}` is not a span of time such as `90d`, `12w` or `6m`"))?;
        let unit = match unit.trim() {
            "d" | "day" | "days" => Unit::Day,
            "w" | "week" | "weeks" => Unit::Week,
            "m" | "month" | "months" => Unit::Month,
            "y" | "year" | "years" => Unit::Year,
            _ => {
                return Err(format!(
                    "`{text}`: the unit is `d` (days), `w` (weeks), `m` (months) or `y` (years)"
                ))
            }
        };
        if amount > 100 * 366 {
            return Err(format!("`{text}` is too far ahead"));
        }
        Ok(Within {
            text: t.to_owned(),
            amount,
            unit,
        })
    }

    /// The last day counted as "soon" from `at`: an end of life on or before it ends soon.
    pub fn until(&self, at: NaiveDate) -> NaiveDate {
        crate::dates::add(at, self.amount, self.unit).unwrap_or(NaiveDate::MAX)
    }
}

/// What the audit asks.
#[derive(Clone, Debug)]
pub struct Options {
    pub at: NaiveDate,
    pub basis: Basis,
    pub within: Within,
    pub lang: Option<String>,
    /// whose lifecycle a distribution's package is judged by
    pub packages: Packages,
    /// the release a distribution's package comes from when the item does not say
    /// (`--distro debian-12`): an item named by a distribution package's name
    /// (`postgresql-15`, as `dpkg-query -W` lists it) or by a `deb`, `rpm`, `apk` or `alpm`
    /// package URL without a `distro` qualifier
    pub distro: Option<Distro>,
}

/// Which identifier of an item did not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Purl,
    Cpe,
}

/// The judgement of one distinct (product names, version) pair, shared by every item
/// that has them.
#[derive(Clone, Debug)]
pub struct Finding {
    /// `<product>/<line>/<state>`: `python/3.8/end-of-life`, `left-pad/-/unknown-product`,
    /// `postgresql/99.1/unknown-version`
    pub id: String,
    pub state: State,
    /// the product id matched, or (unknown product) the name as the item gives it
    pub product: String,
    pub product_name: Option<String>,
    pub found_by: Option<FoundBy>,
    /// the version judged (the item's, or the one its package URL or CPE carries)
    pub version: Option<String>,
    pub line: Option<String>,
    /// where the version stands (shared by the findings of every pair that names the same
    /// product and version by different package URLs or CPEs)
    pub status: Option<Arc<StatusReport>>,
    /// days from the day asked about to the end of life (negative once past)
    pub days_left: Option<i64>,
    /// why an item is unknown, in words
    pub reason: Option<String>,
    /// The version is in one of several lines (`candidates`: editions that share a build)
    /// and `line` is None, but every one of them is at end of life (`end-of-life`), or ends
    /// within the window (`ends-soon`), on the day asked about: the latest of their ends,
    /// from which `days_left` counts. Only ever a failing state: lines that are all
    /// supported leave the version `unknown-version`, since a wrong "supported" is the
    /// failure a gate guards against.
    pub whichever: Option<query::Dated>,
    /// what may have been meant: products, or lines
    pub candidates: Vec<String>,
    /// the suppression that applies, by index
    pub suppressed: Option<usize>,
    /// an identifier of the item that does not parse
    pub bad_identifier: Option<(Which, &'static str)>,
    /// the version has a space or control character and names no line
    pub bad_version: bool,
    /// The version is in no line of the catalog, but where it lies tells: it is older than
    /// every line, or between two, and the line or lines around it (`candidates`) have
    /// ended, so it is judged `end-of-life`, with no date of its own
    /// ([`Auditor::unlisted`]). None otherwise (while a line around it has not ended the
    /// version stays `unknown-version`).
    pub unlisted: Option<Unlisted>,
    /// The answer may be wrong because the catalog is behind: the item is not at end of
    /// life, and what its status waits for is overdue against the catalog (an estimated
    /// date already past, or a new line the release cadence expected by now that the
    /// catalog does not list). An end of life is never marked: the failure guarded against
    /// is a wrong "supported".
    pub stale: bool,
    /// The item is a distribution's package (its package URL's `distro` qualifier names the
    /// release it comes from): that release, how it stands, and whether it judged the item
    /// ([`Packages`]).
    pub packaged: Option<Box<Packaged>>,
    /// A known product's package whose version shows a distribution's build without naming
    /// the release (`8.1.2-1ubuntu2.14`, `.el9` without a package URL saying whose), and whose
    /// release nothing else gives: which distribution, so that the output can say what would
    /// name it ([`crate::identifiers::built_for`])
    pub built_for: Option<Box<crate::identifiers::BuiltFor>>,
}

/// Whose lifecycle a distribution's package is judged by (`--packages`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Packages {
    /// The product's own: a Debian package of OpenSSL 3.0 ends when OpenSSL 3.0 does. What
    /// the distribution release says is told beside it, where it differs.
    #[default]
    Upstream,
    /// The distribution release's that its package URL names (`?distro=ubuntu-22.04`), when
    /// the rules know that release: a distribution backports fixes to the packages of a
    /// release for as long as it supports the release, and to none after.
    Distribution,
}

impl Packages {
    pub fn as_str(self) -> &'static str {
        match self {
            Packages::Upstream => "upstream",
            Packages::Distribution => "distribution",
        }
    }
}

/// The distribution release a package comes from, and how it stands.
#[derive(Clone, Debug)]
pub struct Packaged {
    /// what the package URL says: the distribution's name and release as written
    pub distro: Distro,
    /// The release's own finding (its product, line, state, status and days), shared by every
    /// package of the release; `unknown-product` or `unknown-version` when the rules do not
    /// know the distribution or the release.
    pub release: Arc<Finding>,
    /// The item is judged by the release (`--packages distribution`): the finding's state,
    /// status and days are the release's, and `upstream` holds the product's own status.
    pub judged: bool,
    /// when judged, the product's own status
    pub upstream: Option<Arc<StatusReport>>,
    /// How the release's judgement and the product's own differ, in words, when it matters
    /// to a gate: the release supports the package past its product's end, or has ended
    /// while its product is supported; and, when judged, what the product's own is. None
    /// when they agree.
    pub note: Option<String>,
    /// what follows for the package, the note's last words ("the distribution may backport
    /// fixes to its package ..."), for a row that names the release apart
    pub consequence: Option<String>,
    /// whose build the package's version marks, when it is another repository's than the
    /// distribution's ([`third_party_build`]): the release never judges it
    pub built_by: Option<&'static str>,
}

impl Finding {
    /// The state as gates and counts see it: suppressed findings are counted apart.
    pub fn counts(&self) -> bool {
        self.suppressed.is_none()
    }
}

/// What each row needs of its finding, kept apart from the findings (which are large) so
/// that a row reads three bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Brief {
    pub state: State,
    pub suppressed: bool,
    /// the finding calls for a diagnostic about the item ([`Auditor::item_problems`])
    pub problems: bool,
    /// [`Finding::stale`]
    pub stale: bool,
}

/// Counts per state, of findings that count and of suppressed ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub items: u64,
    pub by_state: [u64; 7],
    pub suppressed: [u64; 7],
    /// items counted in `by_state` whose answer may be wrong: [`Finding::stale`]
    pub stale: u64,
}

impl Tally {
    pub fn add(&mut self, f: &Finding) {
        self.add_brief(Brief {
            state: f.state,
            suppressed: !f.counts(),
            problems: false,
            stale: f.stale,
        });
    }

    #[inline]
    pub fn add_brief(&mut self, b: Brief) {
        self.items += 1;
        self.stale += u64::from(b.stale && !b.suppressed);
        let slot = if b.suppressed {
            self.suppressed.get_mut(b.state.index())
        } else {
            self.by_state.get_mut(b.state.index())
        };
        if let Some(n) = slot {
            *n += 1;
        }
    }

    pub fn count(&self, s: State) -> u64 {
        self.by_state.get(s.index()).copied().unwrap_or(0)
    }

    pub fn suppressed_count(&self, s: State) -> u64 {
        self.suppressed.get(s.index()).copied().unwrap_or(0)
    }

    pub fn suppressed_total(&self) -> u64 {
        self.suppressed.iter().sum()
    }
}

/// What makes the audit fail (exit 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    EndOfLife,
    /// releases their line's newer release replaced ([`State::Superseded`])
    Superseded,
    EndsSoon,
    /// unknown products and unknown versions
    Unknown,
    /// findings whose answer may be wrong because the catalog is behind ([`Finding::stale`])
    Stale,
}

/// Does the tally fail the gate? Without `--fail-on`, end of life and superseded releases
/// fail, as in `eol status`: the vendor supports neither.
pub fn fails(tally: &Tally, fail_on: &[FailOn]) -> bool {
    let default = [FailOn::EndOfLife, FailOn::Superseded];
    let gates = if fail_on.is_empty() { &default[..] } else { fail_on };
    gates.iter().any(|g| match g {
        FailOn::EndOfLife => tally.count(State::EndOfLife) > 0,
        FailOn::Superseded => tally.count(State::Superseded) > 0,
        FailOn::EndsSoon => tally.count(State::EndsSoon) > 0,
        FailOn::Unknown => tally.count(State::UnknownProduct) + tally.count(State::UnknownVersion) > 0,
        FailOn::Stale => tally.stale > 0,
    })
}

/// No finding yet for a pair number.
const NONE: usize = usize::MAX;

/// A product name looked up: (policy index, how it was found, the version it carried), or
/// the closest ids when none matched.
type NameLookup = Result<(usize, FoundBy, Option<String>), Vec<String>>;

/// Judges items against evaluated products, one finding per distinct pair.
pub struct Auditor<'a> {
    views: Vec<ProductView<'a>>,
    policies: Vec<&'a Policy>,
    lines: Vec<Option<Lines<'a>>>,
    options: Options,
    soon: NaiveDate,
    suppressions: suppress::Suppressions,
    /// per pair number, its finding (`NONE` until judged)
    by_pair: Vec<usize>,
    /// product lookups by name: (policy index, how, version carried) or unknown (suggestions)
    names: HashMap<String, NameLookup>,
    /// the products' ids, aliases and words, indexed on the first name looked up
    name_index: Option<NameIndex>,
    /// the finding of a known product and a version, by (product index, version): pairs
    /// that differ only in their package URL or CPE (qualifiers such as `?arch=`) share its
    /// status query and its report
    known: HashMap<(usize, Option<String>), Finding>,
    /// what the words after a product's name say of its lines, by (product index, the
    /// words): an inventory names its systems with a few names and many builds
    line_words: HashMap<(usize, Vec<String>), Option<LineWords>>,
    /// what the number in a package's name says of its product's lines, by (product index,
    /// the words before the name, the name): a fleet's packages have a few names and many
    /// versions ([`Auditor::package_number_named`])
    package_numbers: HashMap<(usize, &'static str, String), Option<Arc<LineWords>>>,
    /// the distribution releases packages come from, judged once each: by (name, namespace,
    /// release) as package URLs write them
    releases: HashMap<Distro, Arc<Finding>>,
    /// the phases of a line as reports give them, by (product index, line index): shared by
    /// the reports of every version of the line ([`query::StatusReport::phases`])
    phases: HashMap<(usize, usize), Arc<[query::PhaseView]>>,
    findings: Vec<Finding>,
    briefs: Vec<Brief>,
}

impl<'a> Auditor<'a> {
    pub fn new(views: Vec<ProductView<'a>>, options: Options, suppressions: suppress::Suppressions) -> Self {
        let policies = views.iter().map(|v| v.policy).collect();
        let lines = views.iter().map(|_| None).collect();
        let soon = options.within.until(options.at);
        Auditor {
            views,
            policies,
            lines,
            options,
            soon,
            suppressions,
            by_pair: Vec::new(),
            names: HashMap::new(),
            name_index: None,
            known: HashMap::new(),
            line_words: HashMap::new(),
            package_numbers: HashMap::new(),
            releases: HashMap::new(),
            phases: HashMap::new(),
            findings: Vec::new(),
            briefs: Vec::new(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn suppressions(&self) -> &suppress::Suppressions {
        &self.suppressions
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn finding(&self, index: usize) -> Option<&Finding> {
        self.findings.get(index)
    }

    /// What a row needs of its finding.
    #[inline]
    pub fn brief(&self, index: usize) -> Option<Brief> {
        self.briefs.get(index).copied()
    }

    /// The finding of an item (an index into [`Auditor::findings`]): computed the first
    /// time its pair number comes, the same one after. (The finding depends only on what
    /// the pair is made of, so it is right for any numbering in which equal texts share a
    /// number and a number stands for one text: every item of an audit must be numbered by
    /// one [`Pairs`]. The readers' numbering makes pair numbers and finding indices the
    /// same.)
    #[inline]
    pub fn judge(&mut self, item: &Item<'_>) -> usize {
        let n = item.pair.number();
        if let Some(&i) = self.by_pair.get(n) {
            if i != NONE {
                return i;
            }
        }
        self.judge_new(item)
    }

    /// [`Auditor::judge`] for a pair not judged yet: once per distinct pair, not per item.
    #[inline(never)]
    fn judge_new(&mut self, item: &Item<'_>) -> usize {
        let n = item.pair.number();
        let finding = self.compute(item);
        let i = self.findings.len();
        self.briefs.push(Brief {
            state: finding.state,
            suppressed: finding.suppressed.is_some(),
            problems: finding.bad_identifier.is_some() || finding.bad_version,
            stale: finding.stale,
        });
        self.findings.push(finding);
        if self.by_pair.len() <= n {
            self.by_pair.resize(n + 1, NONE);
        }
        if let Some(slot) = self.by_pair.get_mut(n) {
            *slot = i;
        }
        i
    }

    fn compute(&mut self, item: &Item<'_>) -> Finding {
        let item = &package_in_product(identifier_in_product(*item));
        let mut bad_identifier = None;
        let mut found: Option<(usize, FoundBy, Option<String>)> = None;
        // a language registry's package that no rule names (`pkg:gem/foreman`, `pkg:pypi/redis`):
        // its type and name without version, for it is not taken for a product by its name
        let mut registry: Option<String> = None;
        // an image that an account or registry of its own publishes, which no rule names
        // (`pkg:docker/kindest/node`): its key and publisher, for its name is the product's
        // only if the publisher is related to that product
        let mut owned_image: Option<(String, String)> = None;
        if let Some(text) = item.purl {
            match Purl::parse(text) {
                Ok(p) => {
                    let index = self
                        .name_index
                        .get_or_insert_with(|| NameIndex::new(&self.policies));
                    if let Some((i, by)) = crate::resolve::find_by_purl_in(&self.policies, index, &p, text) {
                        found = Some((i, by, p.version));
                    } else if crate::identifiers::is_registry_type(&p.ty) {
                        registry = Some(p.key());
                    } else if matches!(p.ty.as_str(), "docker" | "oci")
                        && !crate::resolve::named_by_its_name(&p)
                    {
                        owned_image = Some((p.key(), p.namespace.clone()));
                    }
                }
                Err(why) => bad_identifier = Some((Which::Purl, why)),
            }
        }
        // a product the CPE names comes before one the package URL's `repository_url` does
        if matches!(found, None | Some((_, FoundBy::Repository, _))) {
            if let Some(text) = item.cpe {
                match Cpe::parse(text) {
                    Ok(c) => {
                        let index = self
                            .name_index
                            .get_or_insert_with(|| NameIndex::new(&self.policies));
                        if let Some(i) = index.policy_of_cpe(&self.policies, &c) {
                            found = Some((i, FoundBy::Cpe, c.version_text()));
                        }
                    }
                    // as it is not read when the package URL found the product
                    Err(why) if found.is_none() => {
                        bad_identifier.get_or_insert((Which::Cpe, why));
                    }
                    Err(_) => {}
                }
            }
        }
        let mut suggestions = Vec::new();
        // why an image that another account publishes is not the product its name names
        let mut image_reason: Option<String> = None;
        // why a version banner that starts with a product's name is not read as its
        let mut another: Option<String> = None;
        // the words between a banner's product name and its version, which may say which line
        let mut banner_words: Vec<&str> = Vec::new();
        // the words after a product's name that an item names it with, when they are read
        let mut qualified: Vec<&str> = Vec::new();
        // why an item that names several releases of a product in one text is judged by none
        let mut several: Option<String> = None;
        // `pkg:gem/foreman` named `foreman`: a registry's package is another project than the
        // product its name is (the Foreman lifecycle manager), unless a rule names its URL
        let mut registry_reason: Option<String> = None;
        if let (None, Some(key), None, Some(name)) = (&found, &registry, &bad_identifier, item.product) {
            let index = self
                .name_index
                .get_or_insert_with(|| NameIndex::new(&self.policies));
            if let ProductLookup::Found { index: i, .. } = find_product_in(&self.policies, index, name) {
                let id = self.policies.get(i).map_or("", |p| p.id.as_str());
                registry_reason = Some(crate::resolve::registry_reason(key, id));
            }
        }
        if found.is_none() && registry.is_none() {
            if let Some(name) = item.product {
                let lookup = match self.names.get(name) {
                    Some(known) => known.clone(),
                    None => {
                        let index = self
                            .name_index
                            .get_or_insert_with(|| NameIndex::new(&self.policies));
                        let result = match find_product_in(&self.policies, index, name) {
                            ProductLookup::Found { index, by, version } => Ok((index, by, version)),
                            ProductLookup::Unknown { suggestions: s } => Err(s),
                            ProductLookup::Malformed(why) => {
                                let which = if fold(name).starts_with("cpe:") {
                                    Which::Cpe
                                } else {
                                    Which::Purl
                                };
                                bad_identifier.get_or_insert((which, why));
                                Err(Vec::new())
                            }
                        };
                        // A malformed name is not cached: its diagnostic comes with the lookup.
                        if bad_identifier.is_none() {
                            self.names.insert(name.to_owned(), result.clone());
                        }
                        result
                    }
                };
                // an operating system as an SBOM tool names it, where the name alone is no
                // product's (Trivy's `amazon` for Amazon Linux)
                let system = || {
                    let id = crate::identifiers::distribution_product(name)?;
                    let index = self.policies.iter().position(|p| p.id == id)?;
                    Some((index, FoundBy::Alias, None))
                };
                let lookup = match lookup {
                    Err(_) if item.operating_system => system().ok_or(()).or(lookup),
                    known => known,
                };
                match lookup {
                    Ok(f) => found = Some(f),
                    // `Python 3.9.18` with no version beside it: a product and its version in
                    // one cell, as a tool's `--version` prints them.
                    Err(_) if item.version.is_none() && bad_identifier.is_none() => {
                        let index = self
                            .name_index
                            .get_or_insert_with(|| NameIndex::new(&self.policies));
                        match find_product_and_version_in(&self.policies, index, name) {
                            // `rails (7.1.2, 7.0.8)`: several releases in one item, which one
                            // finding cannot judge; the text is its version, which no line has
                            Some(t) if !t.others.is_empty() => {
                                let id = self.policies.get(t.index).map_or("", |p| p.id.as_str());
                                several = t
                                    .several_releases(name, id)
                                    .map(|why| format!("{why}; give each in a row of its own"));
                                found = Some((t.index, t.by, Some(name.trim().to_owned())));
                            }
                            Some(t) => {
                                banner_words = t.words;
                                found = Some((t.index, t.by, Some(t.version)));
                            }
                            None => {
                                suggestions = lookup.err().unwrap_or_default();
                                // an image reference in the cell (`kindest/node:v1.28.0`)
                                // whose publisher is not the product's its name names
                                if let Some(image) =
                                    crate::resolve::owned_image_in(&self.policies, index, name)
                                {
                                    if let Some(p) = image.read_as.and_then(|i| self.policies.get(i)) {
                                        image_reason = Some(crate::resolve::owned_image_reason(
                                            &image.purl,
                                            &image.publisher,
                                            &p.id,
                                            &p.name.default,
                                        ));
                                    }
                                }
                                another = another_program_banner_in(index, name).and_then(|a| {
                                    let p = self.policies.get(a.index)?;
                                    suggestions = vec![p.id.clone()];
                                    Some(format!(
                                        "{}; if it is {}'s, give the product and its version apart",
                                        a.reason(&p.id, &p.name.default),
                                        p.name.default
                                    ))
                                });
                            }
                        }
                    }
                    // `Microsoft Windows 11 Pro` beside `10.0.22631`: a product's name and
                    // words that say which of its lines, as inventories name systems.
                    Err(s) if bad_identifier.is_none() => {
                        let index = self
                            .name_index
                            .get_or_insert_with(|| NameIndex::new(&self.policies));
                        if let Some(q) = find_qualified_product_in(&self.policies, index, name) {
                            found = Some((q.index, q.by, None));
                            qualified = q.words;
                        }
                        suggestions = s;
                    }
                    Err(s) => suggestions = s,
                }
            }
        }
        // kind's node image named `node` is no Node.js
        if let (Some((key, publisher)), Some((i, by, _))) = (&owned_image, &found) {
            let named = !matches!(by, FoundBy::Purl | FoundBy::Cpe | FoundBy::Repository);
            if let Some(p) = self
                .policies
                .get(*i)
                .filter(|p| named && !crate::resolve::owner_relates(p, publisher))
            {
                image_reason = Some(crate::resolve::owned_image_reason(
                    key,
                    publisher,
                    &p.id,
                    &p.name.default,
                ));
                found = None;
                banner_words.clear();
                qualified.clear();
            }
        }
        // `libpq5` beside its source package `postgresql-15` (an inventory's `source`
        // column, Trivy's `SrcName`): the product whose distribution package names take the
        // source, when no rule names the package, judged at the package's own version; not
        // for a package URL of another type (Trivy gives a Maven package's `group:artifact`)
        let of_distribution = || {
            item.purl
                .and_then(|t| Purl::parse(t).ok())
                .is_none_or(|p| p.is_distribution_package())
        };
        if let (None, None, Some(source)) =
            (&found, &bad_identifier, item.source.filter(|_| of_distribution()))
        {
            let index = self
                .name_index
                .get_or_insert_with(|| NameIndex::new(&self.policies));
            if let Some(i) = index.policy_of_source(source) {
                found = Some((i, FoundBy::Source, None));
                suggestions.clear();
                another = None;
            }
        }
        // `php8.2-redis`: a package under a product's prefix that no rule names is not that
        // product, whatever a suggestion would say
        if let (None, None, None, None, Some(name)) =
            (&found, &registry, &bad_identifier, &another, item.product)
        {
            let index = self
                .name_index
                .get_or_insert_with(|| NameIndex::new(&self.policies));
            if let Some(why) = index.under_prefix(&self.policies, name) {
                another = Some(why);
                suggestions.clear();
            }
        }
        let mut version = item
            .version
            .map(|v| v.trim().to_owned())
            .or_else(|| found.as_ref().and_then(|f| f.2.clone()));
        // `libldb2` built from Samba's source at a version of its own: Debian writes the
        // source's version after a `+` and the source's name (`2:2.6.2+samba4.17.12+dfsg-0
        // +deb12u1`), and the package is judged at that version, as one found by its source
        // package is, not at its own, which no line of the product has
        if let (Some((_, FoundBy::Source, _)), Some(v)) = (&found, &version) {
            let source = item
                .purl
                .and_then(|text| Purl::parse(text).ok()?.source_of(text))
                .map(|p| p.name)
                .or_else(|| item.source.and_then(source_package_name).map(str::to_owned));
            if let Some(at) = source.and_then(|s| at_source_version(v, &s)) {
                version = Some(at.to_owned());
            }
        }
        // `python` beside `Python 3.12.1`: a tool's banner in the version column, read as
        // `eol status` reads one given as the version ([`banner_beside_in`]); refused when it
        // is another product's or another program's
        let mut refused: Option<String> = several;
        if let (Some((index, _, _)), Some(text)) = (&found, item.version) {
            if banner_words.is_empty() && qualified.is_empty() && self.may_be_banner(*index, text) {
                let names = self
                    .name_index
                    .get_or_insert_with(|| NameIndex::new(&self.policies));
                match banner_beside_in(&self.policies, names, *index, text) {
                    // `rails (7.1.2, 7.0.8)` beside `rails`, `kubectl version` beside
                    // `kubernetes`: several releases, which one finding cannot judge
                    Some(Beside::This(t)) if !t.others.is_empty() => {
                        let id = self.policies.get(*index).map_or("", |p| p.id.as_str());
                        refused = t
                            .several_releases(text, id)
                            .map(|why| format!("{why}; give each in a row of its own"));
                    }
                    Some(Beside::This(t)) => {
                        banner_words = t.words;
                        version = Some(t.version);
                    }
                    Some(other) => {
                        let id = self.policies.get(*index).map_or("", |p| p.id.as_str());
                        refused = other
                            .refusal(&self.policies)
                            .map(|why| format!("`{}` is no version of `{id}`: {why}", text.trim()));
                    }
                    None => {}
                }
            }
        }
        // `kubernetes` beside `v1.31.1-aliyun.1`: another product's build of it, supported on
        // that product's terms ([`crate::resolve::downstream_build`])
        let mut build_of: Option<(String, String)> = None;
        if let (None, Some((index, _, _)), Some(v)) = (&refused, &found, version.as_deref()) {
            if let Some((q, word)) = crate::resolve::downstream_build(&self.policies, *index, v) {
                if let (Some(down), Some(up)) = (self.policies.get(q), self.policies.get(*index)) {
                    let why = format!(
                        "`{v}` is no version of `{}`: {}; give that product (`{}`)",
                        up.id,
                        crate::resolve::downstream_build_reason(word, down, up),
                        down.id
                    );
                    build_of = Some((why, down.id.clone()));
                }
            }
        }
        // `Microsoft Windows 10 Enterprise LTSC 10.0.17763`: words that name some of the
        // product's lines narrow the version's; words that name none say nothing
        let banner_named = match &found {
            Some((index, _, _)) if !banner_words.is_empty() => {
                self.line_words_of(*index, &banner_words).map(Arc::new)
            }
            // `postgresql-15` beside `16.1-1`: the number a distribution package's name
            // carries where its rule's `{line}` is checks the version's line (the two
            // disagree: neither is taken)
            Some((index, FoundBy::Package, _)) if qualified.is_empty() => item
                .product
                .and_then(|name| self.package_number_named(*index, name.trim(), "")),
            Some((index, FoundBy::Purl, _)) => item
                .purl
                .and_then(|text| Purl::parse(text).ok())
                .filter(Purl::is_distribution_package)
                .and_then(|p| self.package_number_named(*index, &p.name, "")),
            // and the source package's, as its package URL's `upstream` or the `source` column
            // names it (`libpq5` of `postgresql-15` at `16.1-1`)
            Some((index, FoundBy::Source, _)) => {
                let of_purl = item
                    .purl
                    .and_then(|text| Purl::parse(text).ok()?.source_of(text))
                    .map(|p| p.name);
                of_purl
                    .or_else(|| item.source.and_then(source_package_name).map(str::to_owned))
                    .and_then(|name| self.package_number_named(*index, &name, "source package "))
            }
            _ => None,
        };
        let mut finding = match found {
            None => self.unknown_product(item, version, suggestions, another),
            Some((index, by, _)) if build_of.is_some() => {
                let (why, down) = build_of.unwrap_or_default();
                self.not_its_version(index, by, version, why, vec![down])
            }
            Some((index, by, _)) if refused.is_some() => Finding {
                reason: refused,
                bad_version: false,
                unlisted: None,
                candidates: Vec::new(),
                ..self.known(index, by, version, None)
            },
            // a package name's number: the version's own finding (shared, as below) when its
            // line is one the number fits, else the version judged with the number
            Some((index, by, _)) if banner_named.as_ref().is_some_and(|lw| lw.in_package.is_some()) => {
                let shared = self.known_shared(index, by, version.clone());
                let fits = match (&shared.line, banner_named.as_deref(), self.lines.get(index)) {
                    (Some(line), Some(lw), Some(Some(views))) => lw
                        .named
                        .iter()
                        .any(|&i| views.get(i).is_some_and(|v| v.name == line.as_str())),
                    _ => false,
                };
                if fits {
                    shared
                } else {
                    self.known(index, by, version, banner_named.as_deref())
                }
            }
            Some((index, by, _)) if banner_named.is_some() => {
                self.known(index, by, version, banner_named.as_deref())
            }
            // the words name none of the product's lines: not read as that product
            Some((index, by, _)) if !qualified.is_empty() => match self.line_words_of(index, &qualified) {
                Some(named) => {
                    // `Windows 10 Pro` beside `22H2`: the version may finish the name's words
                    let finished = match (&version, self.policies.get(index), self.lines.get(index)) {
                        (Some(v), Some(policy), Some(Some(views))) => {
                            crate::resolve::finish_name(policy, views, v, &qualified)
                        }
                        _ => None,
                    };
                    self.known(index, by, finished.or(version), Some(&named))
                }
                None => self.unknown_product(item, version, suggestions, another),
            },
            Some((index, by, _)) => self.known_shared(index, by, version),
        };
        // a distribution's package: the release it comes from, as its package URL says,
        // the inventory says its system runs, `--distro` gives it, or a mark in its version
        // says
        if bad_identifier.is_none() {
            let purl = item.purl.and_then(|p| Purl::parse(p).ok());
            let version = item
                .version
                .map(|v| v.trim().to_owned())
                .or_else(|| purl.as_ref().and_then(|p| p.version.clone()));
            // named by a package's name or package URL, or by a product's id or alias with a
            // package's version (`libssl3 3.0.2-0ubuntu1.18`, not `python 3.11.2`): the release
            // of its system, as its row or `--distro` gives it
            let package = item.distribution_package
                || matches!(finding.found_by, Some(FoundBy::Package | FoundBy::Source))
                || purl.as_ref().is_some_and(Purl::is_distribution_package)
                || (item.purl.is_none()
                    && item.cpe.is_none()
                    && version
                        .as_deref()
                        .is_some_and(crate::identifiers::is_package_version));
            let system = match item.distro {
                Some(text) if package => Some(self.system_release(text)),
                None if package => self.options.distro.clone(),
                _ => None,
            };
            match self.release_for(item.purl, system, version.as_deref()) {
                Some(distro) => finding = self.of_distribution(finding, distro, version),
                None if package && finding.product_name.is_some() => {
                    finding.built_for = version
                        .as_deref()
                        .and_then(crate::identifiers::built_for)
                        .map(Box::new);
                }
                None => {}
            }
        }
        if let (Some(why), State::UnknownProduct) = (registry_reason.or(image_reason), finding.state) {
            finding.reason = Some(why);
            finding.candidates.clear();
        }
        finding.bad_identifier = bad_identifier;
        finding.suppressed = self.suppressions.find(&finding);
        finding
    }

    /// `eol status` of a distribution's package (`pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-22.04`,
    /// or a version that marks its release, `openssl 3.0.17-1~deb12u2`): the release version
    /// `version` of product `index` comes from, and what it says beside the product's own
    /// judgement, as the audit says it of such an item. `named` is the item as given (a
    /// package URL or a product's name). None when it names no distribution release, or the
    /// product is not known.
    ///
    /// `system` is the release of the system that runs it (`eol status --distro debian-12`):
    /// the caller's word, so it is read whatever names the package (`eol status python
    /// 3.11.2 --distro debian-12`, as `python3 --version` prints it on Debian 12).
    pub fn packaged_status(
        &mut self,
        index: usize,
        version: &str,
        named: &str,
        system: Option<Distro>,
    ) -> Option<Packaged> {
        let distro = self.release_for(Some(named), system, Some(version))?;
        let finding = self.known(index, FoundBy::Purl, Some(version.to_owned()), None);
        finding.product_name.as_ref()?;
        self.of_distribution(finding, distro, Some(version.to_owned()))
            .packaged
            .map(|p| *p)
    }

    /// The finding of an item that is a package of distribution release `distro`, with
    /// `version` as the item gives it: told what the release says ([`Auditor::packaged`]),
    /// judged by it under `--packages distribution`, even when no rule file knows the
    /// package ([`Auditor::packaged_unknown`]), unless its version marks another
    /// repository's build ([`third_party_build`]).
    fn of_distribution(&mut self, finding: Finding, distro: Distro, version: Option<String>) -> Finding {
        let known = finding.product_name.is_some();
        match version.as_deref().and_then(third_party_build) {
            Some(vendor) if known => self.not_the_distributions(finding, distro, vendor, version.as_deref()),
            Some(_) => finding,
            None if known => self.packaged(finding, distro),
            None if finding.state == State::UnknownProduct
                && self.options.packages == Packages::Distribution =>
            {
                self.packaged_unknown(finding, distro, version)
            }
            None => finding,
        }
    }

    /// The finding of a distribution's package, with the release it comes from
    /// ([`Packaged`]): judged by that release under `--packages distribution` when both the
    /// product's line and the release are known, else as it was.
    fn packaged(&mut self, finding: Finding, distro: Distro) -> Finding {
        let release = self.release_of(&distro);
        let own = match (finding.status.as_deref(), release.status.as_deref()) {
            (Some(own), Some(_)) => Some(own),
            _ => None,
        };
        // a version in no line the catalog lists, at end of life by the lines around it
        // (`4.18.0-477.27.1.el8_8` of a kernel whose catalog skips 4.18): its release still
        // says how its package stands
        let unlisted = finding.status.is_none()
            && finding.state == State::EndOfLife
            && finding.line.is_none()
            && release.status.is_some();
        let of_release = release_named(&release, &distro);
        let name = finding.product_name.as_deref().unwrap_or(&finding.product);
        let itself = match own {
            Some(own) => Some(format!(
                "{name} {} itself {}",
                finding.line.as_deref().unwrap_or_default(),
                standing_words(finding.state, own)
            )),
            None if unlisted => Some(format!(
                "{name} {} itself is in no line the catalog lists, taken to be at end of life",
                finding.version.as_deref().unwrap_or_default()
            )),
            None => None,
        };
        if let (Packages::Distribution, Some(itself)) = (self.options.packages, itself.clone()) {
            let note =
                format!("judged by {of_release}, which packages it (--packages distribution); {itself}");
            let reason = match &release.reason {
                Some(r) => format!("{note}; {r}"),
                None => note.clone(),
            };
            // the id names the line, or the version that is in none (as the finding's own did)
            let line = finding
                .line
                .clone()
                .or_else(|| finding.version.clone())
                .unwrap_or_default();
            return Finding {
                id: format!("{}/{line}/{}", finding.product, release.state.as_str()),
                state: release.state,
                status: release.status.clone(),
                days_left: release.days_left,
                stale: release.stale,
                reason: Some(reason),
                packaged: Some(Box::new(Packaged {
                    distro,
                    release: Arc::clone(&release),
                    judged: true,
                    upstream: finding.status.clone(),
                    note: Some(note),
                    consequence: Some(itself),
                    built_by: None,
                })),
                ..finding
            };
        }
        let failing = |s: State| matches!(s, State::EndOfLife | State::Superseded | State::EndsSoon);
        let release_end = release
            .status
            .as_deref()
            .and_then(|s| s.eol.as_ref())
            .and_then(|d| d.date);
        let note = match (itself.as_ref(), finding.state, release.state) {
            // the product's end has come, or comes soon, and the release supports the
            // package longer
            (Some(_), mine, State::Supported | State::EndsSoon)
                if failing(mine) && release.days_left.is_none_or(|r| finding.days_left.is_none_or(|d| r > d)) =>
            {
                Some((
                    format!(
                        "packaged by {of_release}, which is supported {}",
                        release_end.map_or_else(|| "with no end known yet".to_owned(), |d| format!("(end of life on {d})"))
                    ),
                    "the distribution may backport fixes to its package (eol audit --packages distribution judges it by \
                     the release)"
                        .to_owned(),
                ))
            }
            // the product is supported, but the release its package comes from has ended:
            // nobody fixes that package any more, unless under the release's extended
            // support (Debian LTS), which the basis does not count
            (Some(_), State::Supported | State::EndsSoon, State::EndOfLife | State::Superseded) => Some((
                format!(
                    "but it is packaged by {of_release}, which {}",
                    match (release.state, release_end) {
                        (State::Superseded, _) => "is superseded by a newer release".to_owned(),
                        (_, Some(d)) => format!("reached end of life on {d}"),
                        _ => "is past its end of life".to_owned(),
                    }
                ),
                match release.status.as_deref().and_then(|s| s.extended_available.as_ref()) {
                    Some(extended) => format!(
                        "its packages get fixes only from the release's extended support, {}{}, which --extended \
                         counts (eol audit --packages distribution judges it by the release)",
                        extended.label,
                        extended
                            .last_day
                            .date
                            .map_or_else(String::new, |d| format!(" through {d}"))
                    ),
                    None => "its packages get no fixes from the distribution (eol audit --packages distribution \
                             judges it by the release)"
                        .to_owned(),
                },
            )),
            // asked to judge by the release, which the rules do not know: said, as the
            // item stays judged by its product
            (_, _, State::UnknownProduct | State::UnknownVersion)
                if self.options.packages == Packages::Distribution =>
            {
                release
                    .reason
                    .as_ref()
                    .map(|r| ("not judged by its distribution release".to_owned(), r.clone()))
            }
            _ => None,
        };
        let (note, consequence) = match note {
            Some((said, then)) => (Some(format!("{said}: {then}")), Some(then)),
            None => (None, None),
        };
        told(
            finding,
            Packaged {
                distro,
                release,
                judged: false,
                upstream: None,
                note,
                consequence,
                built_by: None,
            },
        )
    }

    /// A package whose version marks another repository's build (`18.20.4-1nodesource1`):
    /// the release it was installed on is told, but never judges it, and under `--packages
    /// distribution` the reason says why.
    fn not_the_distributions(
        &mut self,
        finding: Finding,
        distro: Distro,
        vendor: &'static str,
        version: Option<&str>,
    ) -> Finding {
        let release = self.release_of(&distro);
        let then = format!(
            "its version `{}` marks a build of {vendor}, not of the distribution, which does not fix it",
            version.unwrap_or_default()
        );
        // said where the release would have judged it
        let note = (self.options.packages == Packages::Distribution)
            .then(|| format!("not judged by {}: {then}", release_named(&release, &distro)));
        told(
            finding,
            Packaged {
                distro,
                release,
                judged: false,
                upstream: None,
                note,
                consequence: Some(then),
                built_by: Some(vendor),
            },
        )
    }

    /// Under `--packages distribution`, a package of a distribution release whose product no
    /// rule file knows (`pkg:deb/debian/libc6?distro=debian-12`): judged by the release, when
    /// the rules know it, as every package of the release is; left unknown otherwise.
    fn packaged_unknown(&mut self, finding: Finding, distro: Distro, version: Option<String>) -> Finding {
        let release = self.release_of(&distro);
        if release.status.is_none() {
            return finding;
        }
        let of_release = release_named(&release, &distro);
        let note = format!("judged by {of_release}, which packages it (--packages distribution)");
        let itself = "no rule file knows the package's own lifecycle".to_owned();
        let reason = match &release.reason {
            Some(r) => format!("{note}; {itself}; {r}"),
            None => format!("{note}; {itself}"),
        };
        Finding {
            id: format!("{}/-/{}", finding.product, release.state.as_str()),
            state: release.state,
            version,
            status: release.status.clone(),
            days_left: release.days_left,
            stale: release.stale,
            reason: Some(reason),
            candidates: Vec::new(),
            packaged: Some(Box::new(Packaged {
                distro,
                release: Arc::clone(&release),
                judged: true,
                upstream: None,
                note: Some(format!("{note}; {itself}")),
                consequence: Some(itself),
                built_by: None,
            })),
            ..finding
        }
    }

    /// The release a package comes from: the one its package URL's qualifier names
    /// (`named`: a package URL, or any other name, which names none), else the one its
    /// system runs (`system`), else the one a mark in its version names. A system's release
    /// read from an inventory that the rules do not know (`Linux Mint 21.3`, `debian`) gives
    /// way to a mark that names one; `--distro` is the caller's word and does not.
    fn release_for(
        &mut self,
        named: Option<&str>,
        system: Option<Distro>,
        version: Option<&str>,
    ) -> Option<Distro> {
        let distro = named.and_then(Distro::of).or(system);
        let marked = || {
            let purl = named.and_then(|p| Purl::parse(p).ok());
            Distro::marked(purl.as_ref(), version?)
        };
        match distro {
            Some(d) if matches!(d.from, DistroFrom::Inventory(_)) && self.release_of(&d).line.is_none() => {
                marked().or(Some(d))
            }
            d => d.or_else(marked),
        }
    }

    /// The release an item's `distro` field names ([`read_system`]); text that names none is
    /// kept as written, so that the finding says so ([`Auditor::release_of`]).
    fn system_release(&mut self, text: &str) -> Distro {
        let index = self
            .name_index
            .get_or_insert_with(|| NameIndex::new(&self.policies));
        let text = text.trim();
        let from = DistroFrom::Inventory(text.to_owned());
        match read_system(&self.policies, index, text) {
            Some(d) => Distro { from, ..d },
            None => Distro {
                name: text.to_owned(),
                namespace: None,
                release: String::new(),
                from,
            },
        }
    }

    /// The finding of a distribution release, looked up by the name its package URL gives
    /// (then its namespace) among the rules' ids and aliases, once per release.
    fn release_of(&mut self, distro: &Distro) -> Arc<Finding> {
        if let Some(known) = self.releases.get(distro) {
            return Arc::clone(known);
        }
        let index = self
            .name_index
            .get_or_insert_with(|| NameIndex::new(&self.policies));
        let found = std::iter::once(&distro.name)
            .chain(distro.namespace.as_ref())
            .find_map(|name| match find_product_in(&self.policies, index, name) {
                ProductLookup::Found { index, by, .. } => Some((index, by)),
                // a distribution as an SBOM tool names it (Trivy's `amazon-2023.3.20240304`)
                _ => {
                    let id = crate::identifiers::distribution_product(name)?;
                    let index = self.policies.iter().position(|p| p.id == id)?;
                    Some((index, FoundBy::Alias))
                }
            });
        let release = match found {
            Some((index, by)) => self.known(index, by, Some(distro.release.clone()), None),
            None => Finding {
                reason: Some(format!(
                    "`{}` names no distribution the rules know; the package is judged by its product's lifecycle",
                    distro.name
                )),
                ..self.unknown_product_by_id(&distro.name, Some(distro.release.clone()))
            },
        };
        let release = Arc::new(release);
        self.releases.insert(distro.clone(), Arc::clone(&release));
        release
    }

    /// `another`: why the item's text, a version banner, was not read as the product its
    /// name starts with ([`another_program_banner_in`])
    fn unknown_product(
        &self,
        item: &Item<'_>,
        version: Option<String>,
        suggestions: Vec<String>,
        another: Option<String>,
    ) -> Finding {
        // The name the product goes by in the id: its package URL without version, its
        // CPE vendor and product, or its name.
        let name = item
            .purl
            .and_then(|p| Purl::parse(p).ok())
            .map(|p| p.key())
            .or_else(|| {
                item.cpe
                    .and_then(|c| Cpe::parse(c).ok())
                    .map(|c| format!("cpe:2.3:{}:{}:{}", c.part, c.vendor, c.product))
            })
            .or_else(|| item.product.map(fold))
            .or_else(|| item.purl.map(fold))
            .or_else(|| item.cpe.map(fold))
            .unwrap_or_default();
        let shown = item.product.or(item.purl).or(item.cpe).unwrap_or("").trim();
        let reason = match (another, suggestions.as_slice()) {
            (Some(why), _) => format!("no product `{shown}` in the rules: {why}"),
            (None, []) => format!("no product `{shown}` in the rules"),
            (None, [one]) => format!("no product `{shown}` in the rules; did you mean `{one}`?"),
            (None, many) => format!(
                "no product `{shown}` in the rules; did you mean one of {}?",
                many.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Finding {
            id: format!("{}/-/{}", id_text(&name), State::UnknownProduct.as_str()),
            state: State::UnknownProduct,
            product: name,
            product_name: None,
            found_by: None,
            version,
            line: None,
            status: None,
            days_left: None,
            reason: Some(reason),
            whichever: None,
            candidates: suggestions,
            suppressed: None,
            bad_identifier: None,
            bad_version: false,
            unlisted: None,
            stale: false,
            packaged: None,
            built_for: None,
        }
    }

    /// A version text of product `index` that may be a tool's banner: words in it (a blank
    /// or banner punctuation) or a hyphen (`10.6.16-MariaDB` names its product), and it names
    /// none of the product's lines as it is (`7.15 CU9`, `2016 SP3` do).
    fn may_be_banner(&mut self, index: usize, text: &str) -> bool {
        if !text
            .trim()
            .contains(|c: char| c.is_whitespace() || "()[]{}\"',;:/=-".contains(c))
        {
            return false;
        }
        self.fill_lines(index);
        let (Some(policy), Some(Some(views))) = (self.policies.get(index), self.lines.get(index)) else {
            return false;
        };
        matches!(
            crate::resolve::resolve_version(policy, views, text),
            Resolution::Unknown { .. }
        )
    }

    /// The finding of an item whose version product `index` does not judge although its
    /// lines would take it (another product's build, [`crate::resolve::downstream_build`]):
    /// `unknown-version`, with the reason and the products to give instead.
    fn not_its_version(
        &mut self,
        index: usize,
        by: FoundBy,
        version: Option<String>,
        why: String,
        candidates: Vec<String>,
    ) -> Finding {
        let base = self.known(index, by, None, None);
        Finding {
            id: format!(
                "{}/{}/{}",
                base.product,
                id_text(version.as_deref().filter(|v| !v.is_empty()).unwrap_or("-")),
                State::UnknownVersion.as_str()
            ),
            state: State::UnknownVersion,
            version,
            line: None,
            status: None,
            days_left: None,
            reason: Some(why),
            whichever: None,
            candidates,
            bad_version: false,
            unlisted: None,
            stale: false,
            ..base
        }
    }

    /// The resolver's view of product `index`'s lines, made the first time it is asked for.
    fn fill_lines(&mut self, index: usize) {
        if let (Some(slot @ None), Some(view)) = (self.lines.get_mut(index), self.views.get(index)) {
            *slot = Some(view.line_views());
        }
    }

    /// What the words after product `index`'s name say of its lines ([`LineWords`]), kept
    /// per (product, words): an inventory names its systems with a few names and many
    /// builds. None when they say nothing of any line (the item is then not read as naming
    /// this product).
    fn line_words_of(&mut self, index: usize, words: &[&str]) -> Option<LineWords> {
        let key = (index, words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>());
        if let Some(known) = self.line_words.get(&key) {
            return known.clone();
        }
        let policy: &Policy = self.policies.get(index)?;
        self.fill_lines(index);
        let views = self.lines.get(index).and_then(Option::as_ref)?;
        let named = LineWords::new(policy, views, words);
        self.line_words.insert(key, named.clone());
        named
    }

    /// The finding of version `version` of product `index`, found `by`: computed once per
    /// product and version and shared by every pair that names them (by different package
    /// URLs, a name beside one).
    fn known_shared(&mut self, index: usize, by: FoundBy, version: Option<String>) -> Finding {
        let key = (index, version);
        match self.known.get(&key) {
            Some(f) => Finding {
                found_by: Some(by),
                ..f.clone()
            },
            None => {
                let f = self.known(index, by, key.1.clone(), None);
                self.known.insert(key, f.clone());
                f
            }
        }
    }

    /// The lines the number in a distribution package's name says (`15` of `postgresql-15`,
    /// where product `index`'s rule names `postgresql-{line}`), to check the version's line
    /// by ([`LineWords::of_package_number`]); None when no `{line}` of the product takes the
    /// name, or the number fits none of its lines. `what` comes before the name in messages
    /// (`source package `).
    fn package_number_named(
        &mut self,
        index: usize,
        name: &str,
        what: &'static str,
    ) -> Option<Arc<LineWords>> {
        let key = (index, what, name.to_owned());
        if let Some(known) = self.package_numbers.get(&key) {
            return known.clone();
        }
        let named = self.package_number_uncached(index, name, what).map(Arc::new);
        self.package_numbers.insert(key, named.clone());
        named
    }

    fn package_number_uncached(&mut self, index: usize, name: &str, what: &str) -> Option<LineWords> {
        let number = self
            .name_index
            .get_or_insert_with(|| NameIndex::new(&self.policies))
            .package_line_number(name, index)?;
        self.fill_lines(index);
        let views = self.lines.get(index).and_then(Option::as_ref)?;
        LineWords::of_package_number(views, &number, &format!("{what}`{name}`"))
    }

    /// The finding of a version of product `index`; `named`, when the item named the product
    /// with more words after its name ([`find_qualified_product_in`]), what those words say
    /// of its lines ([`Auditor::line_words_of`]), narrowing the version's.
    fn known(
        &mut self,
        index: usize,
        by: FoundBy,
        version: Option<String>,
        named: Option<&LineWords>,
    ) -> Finding {
        self.fill_lines(index);
        let (Some(view), Some(policy)) = (self.views.get(index), self.policies.get(index)) else {
            return self.unknown_product_by_id("", version);
        };
        let policy: &Policy = policy;
        let lang = self.options.lang.as_deref();
        let base = Finding {
            id: String::new(),
            state: State::UnknownVersion,
            product: policy.id.clone(),
            product_name: Some(policy.name.get(lang).to_owned()),
            found_by: Some(by),
            version: version.clone(),
            line: None,
            status: None,
            days_left: None,
            reason: None,
            whichever: None,
            candidates: Vec::new(),
            suppressed: None,
            bad_identifier: None,
            bad_version: false,
            unlisted: None,
            stale: false,
            packaged: None,
            built_for: None,
        };
        let lines = &view.product.lifecycle.lines;
        let name = |i: usize| lines.get(i).map_or(String::new(), |l| l.line.clone());
        let unknown_version = |reason: String, candidates: Vec<String>, bad: bool| Finding {
            id: format!(
                "{}/{}/{}",
                policy.id,
                id_text(version.as_deref().filter(|v| !v.is_empty()).unwrap_or("-")),
                State::UnknownVersion.as_str()
            ),
            reason: Some(reason),
            candidates,
            bad_version: bad,
            ..base.clone()
        };
        let empty = Lines::new(policy, Vec::new());
        let views = self.lines.get(index).and_then(Option::as_ref).unwrap_or(&empty);
        let given = version.as_deref().filter(|v| !v.trim().is_empty());
        let resolution = match given {
            Some(text) => crate::resolve::resolve_version(policy, views, text),
            None => Resolution::Empty,
        };
        let resolution = match named {
            None => resolution,
            Some(lw) => match lw.narrow(resolution) {
                Ok(narrowed) => narrowed,
                // `Windows Server 2012 R2` beside 2019's build: neither is taken
                Err(found) => {
                    let of_version: Vec<String> = found.iter().map(|&i| name(i)).collect();
                    let named: Vec<String> = lw.named.iter().map(|&i| name(i)).collect();
                    let said = lw.words.join(" ");
                    let reason = format!(
                        "`{}` is {} of `{}`, but `{said}` in {} says {}",
                        given.unwrap_or_default(),
                        match of_version.as_slice() {
                            [one] => format!("line {one}"),
                            many => format!("in lines {}", many.join(", ")),
                        },
                        policy.id,
                        lw.read_in(),
                        match named.as_slice() {
                            [] => "none of its lines".to_owned(),
                            [one] => format!("line {one}"),
                            many => format!("one of lines {}", many.join(", ")),
                        }
                    );
                    let mut candidates = of_version;
                    candidates.extend(
                        named
                            .into_iter()
                            .filter(|n| !candidates.contains(n))
                            .collect::<Vec<_>>(),
                    );
                    return unknown_version(reason, candidates, false);
                }
            },
        };
        let (line, how) = match resolution {
            Resolution::Line { line, how } => (line, how),
            Resolution::Ambiguous { lines: found, .. } => {
                let names: Vec<String> = found.iter().map(|&i| name(i)).collect();
                // what is known whichever line it is: each one's end of life
                let (standing, shared, doubt) = match query::shared(
                    view,
                    &found,
                    given.unwrap_or_default(),
                    self.options.at,
                    self.options.basis,
                    None,
                ) {
                    Some(s) => {
                        // a line's answer that the catalog's age puts in doubt puts the
                        // shared one in doubt too, as for a single line
                        let doubt = s.reports.iter().any(|r| r.freshness.may_be_stale);
                        (Some(s.text), s.end, doubt)
                    }
                    None => (None, None, false),
                };
                let reason = match standing {
                    Some(standing) => format!(
                        "`{}` belongs to {} lines of `{}`: {standing}",
                        given.unwrap_or_default(),
                        names.len(),
                        policy.id,
                    ),
                    None => format!(
                        "`{}` belongs to {} lines of `{}`: {}",
                        given.unwrap_or_default(),
                        names.len(),
                        policy.id,
                        names.join(", ")
                    ),
                };
                // Lines that all fail the same gate fail it whichever the version is in.
                let state = shared.as_ref().and_then(|e| {
                    if e.ended {
                        Some(State::EndOfLife)
                    } else {
                        e.latest.date.filter(|d| *d <= self.soon).map(|_| State::EndsSoon)
                    }
                });
                if let (Some(state), Some(end)) = (state, shared) {
                    return Finding {
                        id: format!(
                            "{}/{}/{}",
                            policy.id,
                            id_text(version.as_deref().filter(|v| !v.is_empty()).unwrap_or("-")),
                            state.as_str()
                        ),
                        state,
                        reason: Some(reason),
                        candidates: names,
                        days_left: end.latest.date.map(|d| (d - self.options.at).num_days()),
                        whichever: Some(end.latest),
                        stale: state != State::EndOfLife && doubt,
                        ..base.clone()
                    };
                }
                return unknown_version(reason, names, false);
            }
            Resolution::Empty => {
                return unknown_version(format!("no version given for `{}`", policy.id), Vec::new(), false)
            }
            Resolution::Unknown {
                nearest,
                newer_than_all,
                older_than_all,
                ..
            } => {
                let names: Vec<String> = nearest.iter().map(|&i| name(i)).collect();
                let text = given.unwrap_or_default();
                let bad = text.trim().contains(char::is_whitespace) || text.contains(char::is_control);
                let around = Unlisted::of(&nearest, newer_than_all, older_than_all).filter(|_| !bad);
                if let Some(judged) = around.and_then(|a| self.unlisted(index, &nearest, a, text, &base)) {
                    return judged;
                }
                let reason = if newer_than_all {
                    query::newer_than_every_line(view, text, &nearest)
                } else if names.is_empty() {
                    format!("`{text}` belongs to no release line of `{}`", policy.id)
                } else {
                    format!(
                        "`{text}` belongs to no release line of `{}`; the nearest: {}",
                        policy.id,
                        names.join(", ")
                    )
                };
                return unknown_version(reason, names, bad);
            }
        };
        // a line the name's words alone gave, with no version beside them, is asked about
        // by its name
        let text = given.unwrap_or_else(|| lines.get(line).map_or("", |l| l.line.as_str()));
        let Some(report) = query::status(view, line, text, how, self.options.at, self.options.basis, lang)
        else {
            return unknown_version(
                format!("line `{}` could not be evaluated", name(line)),
                Vec::new(),
                false,
            );
        };
        // The day support ends for this release: its line's end of life, or, while the line
        // has not ended and a newer release of it supersedes this one (after a grace period),
        // that day if earlier. A line at end of life counts from its end, as it says.
        let line_end = report.eol.as_ref().and_then(|d| d.date);
        let superseded_on = report
            .superseded
            .as_ref()
            .and_then(|s| s.since.date)
            .filter(|_| report.state != Standing::EndOfLife);
        let eol_date = match (line_end, superseded_on) {
            (Some(e), Some(s)) => Some(e.min(s)),
            (e, s) => e.or(s),
        };
        let state = match report.state {
            Standing::EndOfLife => State::EndOfLife,
            Standing::Superseded => State::Superseded,
            Standing::Unreleased => State::Unreleased,
            Standing::InPhase | Standing::BetweenPhases => match eol_date {
                Some(d) if d <= self.soon => State::EndsSoon,
                _ => State::Supported,
            },
        };
        let stale = state != State::EndOfLife && report.freshness.may_be_stale;
        let stale_reason = stale.then(|| {
            let why = match (&report.freshness.newer_expected, report.freshness.expected_by) {
                (Some(n), _) => format!(
                    "the {unit} cadence expected a {unit} after {} by {} (counted from {}, {}), and the catalog \
                     lists none; this release may already be superseded",
                    n.value,
                    n.by,
                    n.since.version,
                    n.since.shown,
                    unit = n.unit
                ),
                (None, Some(d)) => match &report.freshness.observed_pace {
                    Some(p) => format!(
                        "the policy states no line cadence, and its {} newest lines came at most {} days apart, yet \
                         none is listed in the {} days since {} ({}); a new line was expected by {d}",
                        p.lines,
                        p.longest_gap_days,
                        p.waited_days,
                        p.newest_line,
                        p.newest_first_ship
                    ),
                    None => format!("the release cadence expected a new line by {d}, and the catalog lists none"),
                },
                (None, None) => match &report.freshness.release_pace {
                    Some(p) => format!(
                        "the end of life waits for a release marked final, and the product's {} newest release days were \
                         at most {} days apart, yet none is listed in the {} days since {} ({}); one was expected by {}",
                        p.releases, p.longest_gap_days, p.waited_days, p.newest_version, p.newest_day, p.by
                    ),
                    None => "what this status waits for is overdue against the catalog".to_owned(),
                },
            };
            format!("the catalog may be stale: {why}; the answer may be wrong until the catalog is updated (eol update)")
        });
        // what replaced a superseded release, or will once its grace period ends
        let superseded_reason = report
            .superseded
            .as_ref()
            .filter(|_| matches!(state, State::Superseded | State::EndsSoon))
            .filter(|s| s.since.date.is_some_and(|d| d <= self.soon))
            .map(|s| match &report.prerelease {
                Some(pre) if s.prerelease => format!(
                    "a pre-release (`{}`) of {}, replaced by release {} ({}{}): line {} is supported in its releases, \
                     not its pre-releases; update within the line",
                    pre.mark,
                    pre.release,
                    s.by.version,
                    s.by.shown,
                    if s.at_the_latest { ", or earlier" } else { "" },
                    report.line
                ),
                _ => format!(
                    "superseded by {} ({}{}{}): line {} is supported, but only its newest {}; update within the line",
                    s.by.version,
                    s.by.shown,
                    if s.at_the_latest { ", or earlier" } else { "" },
                    s.grace.as_ref().map(|g| format!(", plus a grace period of {g}")).unwrap_or_default(),
                    report.line,
                    s.unit
                ),
            });
        // a pre-release of a release still to come
        let unreleased_reason = report
            .prerelease
            .as_ref()
            .filter(|_| state == State::Unreleased)
            .map(|pre| {
                format!(
                    "a pre-release (`{}`) of {}, which the catalog does not list as released: pre-releases are not \
                     supported",
                    pre.mark, pre.release
                )
            });
        let superseded_reason = superseded_reason.or(unreleased_reason);
        let reason = match (superseded_reason, stale_reason) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        };
        // every version of a line has the line's phases: one copy of them per line
        let mut report = report;
        match self.phases.get(&(index, line)) {
            Some(shared) if *shared == report.phases => report.phases = Arc::clone(shared),
            _ => {
                self.phases.insert((index, line), Arc::clone(&report.phases));
            }
        }
        Finding {
            id: format!("{}/{}/{}", policy.id, report.line, state.as_str()),
            state,
            line: Some(report.line.clone()),
            stale,
            reason,
            days_left: eol_date.map(|d| (d - self.options.at).num_days()),
            status: Some(Arc::new(report)),
            ..base
        }
    }

    /// A version in no line of the catalog, judged by the lines around it
    /// ([`query::unlisted`]): `end-of-life` with no date of its own once they have ended;
    /// `unknown-version`, saying how they stand, while one of them is supported; None (the
    /// caller's `unknown-version`) when a line cannot be judged.
    fn unlisted(
        &self,
        index: usize,
        around: &[usize],
        how: Unlisted,
        text: &str,
        base: &Finding,
    ) -> Option<Finding> {
        let view = self.views.get(index)?;
        let day = (self.options.at, self.options.basis, None);
        let answer = query::unlisted(view, around, how, text, day)?;
        let state = if answer.ended {
            State::EndOfLife
        } else {
            State::UnknownVersion
        };
        Some(Finding {
            id: format!("{}/{}/{}", base.product, id_text(text), state.as_str()),
            state,
            reason: Some(answer.reason),
            candidates: answer.lines,
            unlisted: answer.ended.then_some(how),
            ..base.clone()
        })
    }

    fn unknown_product_by_id(&self, id: &str, version: Option<String>) -> Finding {
        Finding {
            id: format!("{}/-/{}", id_text(id), State::UnknownProduct.as_str()),
            state: State::UnknownProduct,
            product: id.to_owned(),
            product_name: None,
            found_by: None,
            version,
            line: None,
            status: None,
            days_left: None,
            reason: Some(format!("`{id}` could not be evaluated")),
            whichever: None,
            candidates: Vec::new(),
            suppressed: None,
            bad_identifier: None,
            bad_version: false,
            unlisted: None,
            stale: false,
            packaged: None,
            built_for: None,
        }
    }

    /// The diagnostics an item's finding calls for (a package URL that does not parse, a
    /// version with a space that names no line), about this item's text.
    #[inline]
    pub fn item_problems(&self, index: usize, item: &Item<'_>, problems: &mut Problems) {
        // (most findings call for none: checked here, where the caller inlines it)
        if self.briefs.get(index).is_some_and(|b| b.problems) {
            self.push_item_problems(index, item, problems);
        }
    }

    #[inline(never)]
    fn push_item_problems(&self, index: usize, item: &Item<'_>, problems: &mut Problems) {
        let Some(f) = self.findings.get(index) else {
            return;
        };
        // The item's own text (a row, a component), not the whole document.
        let span = item.at.span;
        let local_start = span.start.saturating_sub(item.at.snippet_offset);
        let local_end = span.end.saturating_sub(item.at.snippet_offset);
        let snip = match item.at.snippet.get(local_start..local_end) {
            Some(text) => input::Snip::Line {
                text,
                offset: span.start,
                line: item.at.line,
            },
            None => input::Snip::Line {
                text: item.at.snippet,
                offset: item.at.snippet_offset,
                line: item.at.snippet_line,
            },
        };
        if let Some((which, why)) = f.bad_identifier {
            let (span, what, text) = match which {
                Which::Purl => (
                    item.at.purl_span().or(item.at.product_span()),
                    "package URL",
                    item.purl.or(item.product),
                ),
                Which::Cpe => (
                    item.at.cpe_span().or(item.at.product_span()),
                    "CPE",
                    item.cpe.or(item.product),
                ),
            };
            let rest = if f.state == State::UnknownProduct {
                "this item is an unknown product"
            } else {
                "the item was matched by its other names"
            };
            problems.push(
                item.at.file,
                snip,
                item.at.pointer,
                eol_syntax::Diagnostic::warning(
                    code::BAD_IDENTIFIER,
                    format!("`{}` is not a valid {what}: {why}", text.unwrap_or("").trim()),
                    span.unwrap_or(item.at.span),
                    format!("not a valid {what}"),
                )
                .with_help(format!(
                    "write it as `pkg:TYPE/NAMESPACE/NAME@VERSION` (package URL) or `cpe:2.3:a:VENDOR:PRODUCT:VERSION` (CPE); {rest}"
                )),
            );
        }
        if f.bad_version {
            problems.push(
                item.at.file,
                snip,
                item.at.pointer,
                eol_syntax::Diagnostic::warning(
                    code::BAD_VERSION,
                    format!(
                        "version `{}` has a space or a control character and names no line of `{}`",
                        item.version.unwrap_or("").escape_debug(),
                        f.product
                    ),
                    item.at.version_span().unwrap_or(item.at.span),
                    "this version",
                )
                .with_help(
                    "write the version as the software reports it (`3.12.4`, not `3.12 .4`); a version with spaces matches only when the catalog lists it so (`7.15 CU9`)",
                ),
            );
        }
    }
}

/// The release of a system as a text names it: as `--distro` takes it (`debian-12`,
/// `ubuntu-22.04`), or as the system names itself (`Debian GNU/Linux 12 (bookworm)`, `Ubuntu
/// 22.04.4 LTS`, `Rocky Linux 9.4`, `SUSE Linux Enterprise Server 15 SP5`), read as `eol
/// status` reads a product and its version in one text: the product's id and the release,
/// as given (`--distro`). A name and a release joined by `-` are taken whether or not the
/// rules know the name (`debian-99`, `plan9-4`: the finding then says so); None when the
/// text is neither that nor a product of `policies` with a release (`Linux Mint 21.3`,
/// `bookworm`). A distribution the rules know joined by `-` to a word is that word's release
/// (`debian-bookworm`, `ubuntu-jammy`: a line's other name), whatever the word: one that
/// names no line is a release the finding says is unknown, and nothing is judged by it.
/// `index` is the names of `policies` ([`NameIndex::new`]).
pub fn read_system(policies: &[&Policy], index: &NameIndex, text: &str) -> Option<Distro> {
    let text = text.trim();
    if !text.contains(char::is_whitespace) {
        if let Some(d) = Distro::named(text) {
            return Some(d);
        }
        let known = |name: &str| {
            matches!(
                find_product_in(policies, index, name),
                ProductLookup::Found { .. }
            )
        };
        if let Some((name, release)) = text.rsplit_once('-').filter(|(n, r)| !r.is_empty() && known(n)) {
            return Some(Distro {
                name: name.to_ascii_lowercase(),
                namespace: None,
                release: release.to_owned(),
                from: DistroFrom::Given,
            });
        }
    }
    let typed = find_product_and_version_in(policies, index, text)?;
    Some(Distro {
        name: policies.get(typed.index)?.id.clone(),
        namespace: None,
        release: typed.version,
        from: DistroFrom::Given,
    })
}

/// The source package's version a distribution writes into a package's own after a `+` and
/// the source's name: `4.17.12+dfsg-0+deb12u1` of `2:2.6.2+samba4.17.12+dfsg-0+deb12u1`
/// (source `samba`); None when the version holds none (letter case aside).
fn at_source_version<'v>(version: &'v str, source: &str) -> Option<&'v str> {
    let mark = format!("+{}", source.to_ascii_lowercase());
    let lower = version.to_ascii_lowercase();
    lower.match_indices(&mark).find_map(|(k, _)| {
        let rest = version.get(k + mark.len()..)?;
        rest.starts_with(|c: char| c.is_ascii_digit()).then_some(rest)
    })
}

/// Whose build a package's version marks, when it is a well-known repository's other than a
/// distribution's own: such a package is installed on a distribution release but not fixed by
/// it. Marks in the versions those repositories give their packages (the comparison ignores
/// letter case): NodeSource's `18.20.4-1nodesource1`, the PostgreSQL project's
/// `15.8-1.pgdg120+1`, Docker's `5:27.3.1-1~debian.12~bookworm` and `~ubuntu.22.04~jammy`,
/// MariaDB's `1:10.11.6+maria~deb12`, Ondřej Surý's `8.3.4-1+0~20240411.17+debian12~1.gbp1`
/// (`deb.sury.org`, `.gbp`), Launchpad PPAs' `~ppa1`, Remi's `8.2.18-1.el9.remi`.
pub fn third_party_build(version: &str) -> Option<&'static str> {
    const MARKS: [(&str, &str); 9] = [
        ("nodesource", "NodeSource"),
        ("pgdg", "the PostgreSQL project's repository (PGDG)"),
        (
            "~debian.",
            "a vendor's repository (Docker's style, `~debian.N~codename`)",
        ),
        (
            "~ubuntu.",
            "a vendor's repository (Docker's style, `~ubuntu.N~codename`)",
        ),
        ("+maria~", "MariaDB's repository"),
        ("deb.sury.org", "Ondřej Surý's repository (deb.sury.org)"),
        (".gbp", "Ondřej Surý's repository (deb.sury.org)"),
        ("ppa", "a Launchpad PPA"),
        (".remi", "Remi's repository"),
    ];
    let v = version.to_ascii_lowercase();
    MARKS
        .iter()
        .find(|(mark, _)| v.contains(mark))
        .map(|(_, who)| *who)
}

/// A finding told what the release its package comes from says (`packaged`, not judged by
/// it): the note, when there is one, follows the finding's own reason.
fn told(finding: Finding, packaged: Packaged) -> Finding {
    let reason = match (&finding.reason, &packaged.note) {
        (Some(r), Some(n)) => Some(format!("{r}; {n}")),
        (r, n) => r.clone().or_else(|| n.clone()),
    };
    Finding {
        reason,
        packaged: Some(Box::new(packaged)),
        ..finding
    }
}

/// A distribution release as a sentence names it: `Ubuntu 22.04`.
fn release_subject(release: &Finding) -> String {
    let name = release.product_name.as_deref().unwrap_or(&release.product);
    match (&release.line, &release.version) {
        (Some(line), _) => format!("{name} {line}"),
        (None, Some(v)) => format!("{name} {v}"),
        (None, None) => name.to_owned(),
    }
}

/// The release a package comes from as a sentence names it, saying so when the package's
/// version was read for it: "Debian 12 (as its version's `+deb12u1` says)".
fn release_named(release: &Finding, distro: &Distro) -> String {
    let subject = release_subject(release);
    match &distro.from {
        DistroFrom::Version(mark) => format!("{subject} (as its version's `{mark}` says)"),
        DistroFrom::PackageUrl | DistroFrom::Given | DistroFrom::Inventory(_) => subject,
    }
}

/// How a line stands on its own, after its name: "reached end of life on 2026-09-08".
fn standing_words(state: State, status: &StatusReport) -> String {
    let end = status.eol.as_ref().and_then(|d| d.date);
    match (state, end) {
        (State::EndOfLife, Some(d)) => format!("reached end of life on {d}"),
        (State::EndOfLife, None) => "is past its end of life".to_owned(),
        (State::Superseded, _) => "is superseded by a newer release of its line".to_owned(),
        (State::Unreleased, _) => "is not released yet".to_owned(),
        (_, Some(d)) => format!("is supported (end of life on {d})"),
        (_, None) => "is supported, with no end known yet".to_owned(),
    }
}

/// An item whose product is written as a package URL or CPE (an inventory's `product`
/// column holding `pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.18?distro=ubuntu-22.04`): read as
/// that identifier, as if written in the `purl` or `cpe` column, so that all it says counts
/// (the `distro` qualifier, a registry's package not being the product its name is). Not
/// when the item has an identifier of that kind already: the product is then a name.
fn identifier_in_product(item: Item<'_>) -> Item<'_> {
    let Some(text) = item.product.map(str::trim) else {
        return item;
    };
    let scheme = text.get(..4).map(str::to_ascii_lowercase);
    match scheme.as_deref() {
        Some("pkg:") if item.purl.is_none() => Item {
            purl: Some(text),
            product: None,
            ..item
        },
        Some("cpe:") if item.cpe.is_none() => Item {
            cpe: Some(text),
            product: None,
            ..item
        },
        _ => item,
    }
}

/// A distribution's package with its version in the product field and no version beside it,
/// as `rpm -qa` prints it (`python3.11-requests-2.28.1-1.el9.noarch`): its name and
/// version, read as an item that gives them apart ([`crate::identifiers::package_in_one`]).
/// Read as a tool's banner instead, the name's own number would be taken for Python's version.
fn package_in_product(item: Item<'_>) -> Item<'_> {
    let (Some(text), None, None, None) = (
        item.product,
        item.version.filter(|v| !v.trim().is_empty()),
        item.purl,
        item.cpe,
    ) else {
        return item;
    };
    match crate::identifiers::package_in_one(text) {
        Some(p) => Item {
            product: Some(p.name),
            version: Some(p.version),
            ..item
        },
        None => item,
    }
}

/// A text as a finding's id writes it: on one line, each run of blanks that has a line break
/// or tab in it one space (`kubectl version`'s report of two lines, given as a version, is
/// `kubernetes/Client Version: v1.33.1 Server Version: v1.27.7/unknown-version`), so that
/// an id is one line in every output and in a suppressions file; other texts as they are.
fn id_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(|c: char| c.is_control()) {
        std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_source_version_written_into_a_package_version() {
        assert_eq!(
            at_source_version("2:2.6.2+samba4.17.12+dfsg-0+deb12u1", "samba"),
            Some("4.17.12+dfsg-0+deb12u1")
        );
        assert_eq!(at_source_version("2.6.2+Samba4.17.12", "SAMBA"), Some("4.17.12"));
        // the name alone, or another word after it, is no version
        assert_eq!(at_source_version("1.2+samba-dfsg", "samba"), None);
        assert_eq!(at_source_version("15.8-0+deb12u1", "postgresql-15"), None);
        assert_eq!(at_source_version("1.0+sambaX2", "samba"), None);
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn windows_of_time() {
        let at = day("2024-01-31");
        assert_eq!(Within::parse("90d").unwrap().until(at), day("2024-04-30"));
        assert_eq!(Within::parse("12w").unwrap().until(at), day("2024-04-24"));
        assert_eq!(Within::parse("1m").unwrap().until(at), day("2024-02-29"));
        assert_eq!(Within::parse(" 1y ").unwrap().until(at), day("2025-01-31"));
        for bad in ["", "d", "90", "3 fortnights", "-5d", "99999999d"] {
            assert!(Within::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn third_party_builds_are_known_by_their_versions() {
        assert_eq!(third_party_build("18.20.4-1nodesource1"), Some("NodeSource"));
        assert!(third_party_build("15.8-1.pgdg120+1").is_some());
        assert!(third_party_build("5:27.3.1-1~debian.12~bookworm").is_some());
        assert!(third_party_build("5:27.3.1-1~ubuntu.22.04~jammy").is_some());
        assert!(third_party_build("1:10.11.6+maria~deb12").is_some());
        assert!(third_party_build("8.3.4-1+0~20240411.17+debian12~1.gbp1").is_some());
        assert!(third_party_build("1.2.3-0ubuntu1~ppa1").is_some());
        assert!(third_party_build("8.2.18-1.el9.remi").is_some());
        // the distributions' own
        for own in [
            "3.0.15-1~deb12u1",
            "3.11.2-6+deb12u4",
            "18.19.0+dfsg-6~deb12u2",
            "3.0.2-0ubuntu1.15",
            "3.0.7-27.el9",
            "3.1.4-r5",
            "1:10.11.6-0+deb12u1",
            "15.8-0+deb12u1",
        ] {
            assert_eq!(third_party_build(own), None, "{own}");
        }
    }

    #[test]
    fn the_gate() {
        let mut t = Tally::default();
        assert!(!fails(&t, &[]));
        t.by_state[State::EndsSoon.index()] = 1;
        assert!(!fails(&t, &[]));
        assert!(fails(&t, &[FailOn::EndsSoon]));
        t.by_state[State::UnknownVersion.index()] = 1;
        assert!(fails(&t, &[FailOn::Unknown]));
        t.suppressed[State::EndOfLife.index()] = 3;
        assert!(!fails(&t, &[FailOn::EndOfLife]));
        t.by_state[State::EndOfLife.index()] = 1;
        assert!(fails(&t, &[]));
        // Stale answers fail only the gate that asks, and a suppressed one does not count.
        let mut t = Tally::default();
        let stale = Brief {
            state: State::Supported,
            suppressed: true,
            problems: false,
            stale: true,
        };
        t.add_brief(stale);
        assert!(!fails(&t, &[FailOn::Stale]));
        t.add_brief(Brief {
            suppressed: false,
            ..stale
        });
        assert_eq!(t.stale, 1);
        assert!(fails(&t, &[FailOn::Stale]));
        assert!(!fails(&t, &[]));
    }
}
