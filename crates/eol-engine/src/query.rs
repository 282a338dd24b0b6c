//! Questions about one evaluated line: where does a version stand on a day, what is it
//! entitled to, what comes next, what end of life counts, and how old the data is.
//!
//! `eol status` renders a [`StatusReport`] (and writes it as JSON as it is); `eol audit`
//! asks the same questions item by item.
//!
//! **Standard and extended support.** By default a line's end of life is the end of its
//! last phase that is not paid extended support: a phase whose roles are all `extended`
//! does not count, unless the rules say it is `free` (`role extended free`: Debian LTS,
//! which anyone gets from the distribution's own archive). With `extended`, every phase
//! counts. A policy whose phases are all paid extended support has no standard end: every
//! phase counts then.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::{Release, ReleaseDate};
use crate::eval::{DateValue, LineLifecycle, PhaseResult, ValueKind};
use crate::kb::{release, CatalogFile, Product};
use crate::model::{Policy, Role};
use crate::resolve::How;
use crate::version::Version;

/// A date as the JSON contracts write it: `{"date": "2026-03-01" | null, "kind": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dated {
    pub date: Option<NaiveDate>,
    pub kind: ValueKind,
}

impl Serialize for ValueKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<&DateValue> for Dated {
    fn from(v: &DateValue) -> Dated {
        Dated {
            date: v.date,
            kind: v.kind,
        }
    }
}

impl Dated {
    /// The last day of a phase ending on this date (the day before).
    pub fn last_day(&self) -> Dated {
        Dated {
            date: self.date.and_then(|d| d.pred_opt()),
            kind: self.kind,
        }
    }
}

/// Which phases count towards end of life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// every phase but paid extended support (roles all `extended`, not `free`)
    Standard,
    /// every phase, paid extended support included
    Extended,
}

/// Where a line stands on the day asked about, counting the phases of the basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Unreleased,
    InPhase,
    BetweenPhases,
    /// the line is supported, but not this release: a newer release of the policy's unit
    /// (`superseded by newer minor`) has replaced it
    Superseded,
    EndOfLife,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Unreleased => "unreleased",
            Standing::InPhase => "in-phase",
            Standing::BetweenPhases => "between-phases",
            Standing::Superseded => "superseded",
            Standing::EndOfLife => "end-of-life",
        }
    }
}

/// One phase of the line, as `status` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhaseView {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// every role, when the phase has more than one (`role active, security`)
    #[serde(skip_serializing_if = "fewer_than_two")]
    pub roles: Vec<Role>,
    pub start: Dated,
    pub end: Dated,
    pub last_day: Dated,
    /// the rules name the last day (`through`) rather than the end (`until`)
    pub through: bool,
    /// counts towards end of life under the basis asked for
    pub counted: bool,
    /// service ids
    pub services: Vec<String>,
}

fn fewer_than_two(roles: &[Role]) -> bool {
    roles.len() < 2
}

impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What happens next: the end of the current phase, or the start of the next one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Transition {
    #[serde(flatten)]
    pub when: Dated,
    /// days from the day asked about, when the date is known
    pub days: Option<i64>,
    /// the phase entered (id), or none: end of life, or a gap between phases
    pub enters: Option<String>,
    /// its label, in the language asked for
    pub enters_label: Option<String>,
    /// `phase`, `end-of-life` or `between-phases`
    pub into: &'static str,
    /// why the date is not one the policy derives for sure (estimated, pending, announced
    /// by the vendor, or set by an override), in the words `eol explain` uses
    pub why: Option<String>,
}

/// A service a customer is entitled to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceView {
    pub id: String,
    pub label: String,
}

/// A catalog release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReleaseView {
    pub version: String,
    pub date: Option<NaiveDate>,
    pub date_kind: ValueKind,
    /// the date as the catalog gives it (`2018-05` when only the month is known)
    #[serde(skip)]
    pub shown: String,
}

impl From<&Release> for ReleaseView {
    fn from(r: &Release) -> ReleaseView {
        ReleaseView {
            version: r.version.to_string(),
            date: r.date.earliest(),
            shown: r.date.to_string(),
            date_kind: match r.date {
                ReleaseDate::Exact(_) => ValueKind::Exact,
                ReleaseDate::Unknown => ValueKind::Pending,
                _ => ValueKind::Estimated,
            },
        }
    }
}

/// A release that a newer one of its line replaces (`superseded by newer minor`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SupersededView {
    /// the version component whose newer value supersedes (`minor`)
    pub unit: String,
    /// the catalog's earliest release of the line with a higher value of the unit
    pub by: ReleaseView,
    /// the first day the release is no longer supported: that release's day plus the grace
    /// period
    pub since: Dated,
    /// the catalog may lack an earlier such release (`by` is not the first release of the
    /// next value of the unit, or its date is not exact), so `since` is the latest day it
    /// can be
    pub at_the_latest: bool,
    /// the grace period, as the rule file writes it (`3 months`)
    pub grace: Option<String>,
    /// the version is a pre-release, and `by` is the catalog's earliest release of the line at
    /// or after the release it precedes (unit `release`); no `superseded` rule is needed
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prerelease: bool,
}

/// A version that is a pre-release ([`crate::version::prerelease_of`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrereleaseView {
    /// the mark that says so, lower-cased (`rc`, `beta`, `a`)
    pub mark: String,
    /// the release it precedes: the version's numbers before the mark (`5.2` of `5.2rc1`)
    pub release: String,
}

/// How old the catalog is, and whether it may be missing what the rules wait for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Freshness {
    /// the product's newest dated catalog row on or before the day asked about
    pub newest_row: Option<NaiveDate>,
    /// days between that row and the day asked about
    pub age_days: Option<i64>,
    /// the newest day the sources of the product's catalog were read (`checked` in the
    /// catalog's sources record, written by `eol update` and `eol import`): the catalog
    /// lists what they had then, so read on the day asked about (or later), nothing
    /// overdue makes it stale
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<NaiveDate>,
    /// what the status waits for is overdue, but the sources, read on the day asked about
    /// (`checked`), did not have it either: the vendor is late, not the catalog
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
    /// a transition the status depends on is overdue against the catalog: an estimated
    /// date already past, or a new line the cadence (or, without one, the catalog's own
    /// pace: [`Freshness::observed_pace`]) expected by now that the catalog does not list
    pub may_be_stale: bool,
    /// the date by which the cadence (or the catalog's own pace) expected a line the
    /// catalog does not list
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_by: Option<NaiveDate>,
    /// where `expected_by` comes from when the policy states no `cadence line every`: the
    /// pace at which the catalog's own recent lines came ([`ObservedPace`]). Absent when a
    /// stated cadence gives `expected_by`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_pace: Option<ObservedPace>,
    /// when the end of life waits for the catalog to mark a release `final`: the pace at
    /// which the product's releases came, once the catalog has gone longer without any
    /// than that pace allows ([`ReleasePace`]); the mark may have come since
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_pace: Option<ReleasePace>,
    /// under `superseded by newer UNIT`, for a release not (yet) superseded: the newer value
    /// of the unit its cadence (`cadence minor every 6 months`) expected by now, which the
    /// catalog does not list; the release may already be superseded
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_expected: Option<NewerExpected>,
}

/// How often new lines came, read from the catalog, for a policy that states no line
/// cadence ([`Freshness::observed_pace`]): the longest wait between two consecutive lines
/// among the newest ones. A new line is taken as expected once the newest line has waited
/// longer than that, which says only that the catalog has gone longer without a new line
/// than at any time in its recent history; it projects no date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObservedPace {
    /// how many days of first ship were read (at most [`OBSERVED_LINES`]; lines that shipped
    /// the same day count once)
    pub lines: usize,
    /// the longest wait between two consecutive of them, in days
    pub longest_gap_days: i64,
    /// the newest line by first ship, and that day
    pub newest_line: String,
    pub newest_first_ship: NaiveDate,
    /// days from that day to the day asked about: how long the catalog has gone without one
    pub waited_days: i64,
    /// that day plus the longest wait: a new line was expected by then
    pub by: NaiveDate,
}

/// How often the product's releases came, read from the catalog, for a status whose end
/// of life waits for a release marked `final` ([`Freshness::release_pace`]): the longest
/// wait between two consecutive release days among the newest ones, of any line. Once
/// the catalog's newest release is older than that, the catalog has gone longer without
/// a release than at any time in its recent history: it may have stopped being kept, and
/// the `final` mark may have come since. Like [`ObservedPace`], it projects no date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReleasePace {
    /// how many days of release were read (at most [`OBSERVED_LINES`]; releases of the
    /// same day count once)
    pub releases: usize,
    /// the longest wait between two consecutive of them, in days
    pub longest_gap_days: i64,
    /// the newest release, and its day
    pub newest_version: String,
    pub newest_day: NaiveDate,
    /// days from that day to the day asked about
    pub waited_days: i64,
    /// that day plus the longest wait: a release was expected by then
    pub by: NaiveDate,
}

/// The newest lines [`observed_pace`] reads: recent enough to follow a vendor that changes
/// pace, enough that one quick release does not set it.
pub const OBSERVED_LINES: usize = 9;
/// Fewer dated lines than this say nothing about a pace.
pub const OBSERVED_LINES_MIN: usize = 4;
/// The shortest wait [`observed_pace`] takes as a pace: lines that shipped days apart (a
/// vendor publishing several tracks at once) would otherwise doubt the catalog within days.
pub const OBSERVED_GAP_MIN_DAYS: i64 = 30;

/// The slowest pace of releases [`release_pace`] judges a catalog by: a product whose recent
/// releases came more than a year apart is winding down (.NET Framework's came years apart
/// before 4.8.1), and a long silence then says more about the product than its catalog.
pub const RELEASE_GAP_MAX_DAYS: i64 = 365;

/// A newer release of the unit a policy supersedes by, expected by the unit's cadence
/// ([`Freshness::newer_expected`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewerExpected {
    /// the version component (`minor`)
    pub unit: String,
    /// the asked release's value of the unit, as the catalog writes it (`9.8`)
    pub value: String,
    /// the first release of the asked release's value of the unit the catalog lists
    /// (`9.8`), the cadence counted from its day
    pub since: ReleaseView,
    /// that day plus the cadence: a newer value was expected by then
    pub by: NaiveDate,
}

/// The answer to "where does this version stand on this day".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusReport {
    pub product: String,
    pub product_name: String,
    pub vendor: Option<String>,
    /// the version as asked
    pub version: String,
    /// the version it was judged as, when a `+really` says the package went back to an older
    /// release (`5.4.5-1` of `5.6.1+really5.4.5-1`, [`crate::version::really`])
    pub judged_as: Option<String>,
    pub line: String,
    /// the line's other names (`alias line`), as the rule file writes them
    pub line_aliases: Vec<String>,
    /// how the version was matched to its line
    pub matched_by: How,
    /// a catalog release has exactly this version
    pub in_catalog: bool,
    pub first_ship: Option<Dated>,
    pub basis: Basis,
    pub state: Standing,
    /// the phase the version is in (the first, when phases overlap)
    pub phase: Option<PhaseView>,
    /// every service of every counted phase the version is in
    pub services: Vec<ServiceView>,
    pub next: Option<Transition>,
    /// the end of life counted under the basis
    pub eol: Option<Dated>,
    /// why that end is estimated or pending, or where an announced (`declare`) or
    /// overridden end comes from, in the words `eol explain` uses (`between 2025-11-27 and
    /// 2026-11-27: the policy gives a range ...`, `declared for line 7.2: REASON`); none for a
    /// date the policy derives for sure
    pub eol_why: Option<String>,
    /// the end of standard support and, when the line has extended phases, of extended support
    pub standard_eol: Option<Dated>,
    pub extended_eol: Option<Dated>,
    /// when standard support has ended but an extended phase still runs (basis standard):
    /// that phase, which `--extended` would count
    pub extended_available: Option<PhaseView>,
    /// every phase of the line (shared: an audit keeps one copy per line, not one per
    /// version judged)
    pub phases: Arc<[PhaseView]>,
    /// a newer release of the line replaces this one, or will when its grace period ends
    /// (`superseded`); none when the policy says nothing of it or no newer release of the
    /// unit has shipped
    pub superseded: Option<SupersededView>,
    /// the version is a pre-release of its line's release `release` (`5.2rc1`): never
    /// supported; `superseded` names the release that replaced it, and until one has shipped
    /// the state is `unreleased`
    pub prerelease: Option<PrereleaseView>,
    /// releases of the line the catalog lists newer than this version, oldest first
    pub newer: Vec<ReleaseView>,
    /// the newest release the catalog lists of the line, and of the product's newest line
    /// ([`ProductView::newest_release`]), shipped by the day asked about
    pub newest_in_line: Option<ReleaseView>,
    pub newest_in_product: Option<ReleaseView>,
    pub freshness: Freshness,
}

/// One evaluated product with what it reads.
pub struct ProductView<'a> {
    pub policy: &'a Policy,
    pub product: &'a Product,
    pub catalogs: &'a [CatalogFile],
    /// the product's newest release shipped by a day, found once ([`ProductView::newest_release`]):
    /// every [`status`] of the product reports it, and an audit asks for the status of each
    /// version it meets
    newest: std::cell::OnceCell<(NaiveDate, Option<ReleaseView>)>,
    /// what every [`status`] of the product says of the whole product on a day, found once
    /// ([`ProductView::with_facts`]): `eol list` asks for the status of each line, and a scan
    /// of every release for each would grow with lines times releases
    facts: std::cell::OnceCell<(NaiveDate, ProductFacts)>,
}

/// Facts of the whole product on a day, for [`freshness`]: each is a pass over all its
/// lines or releases.
struct ProductFacts {
    /// the newest exact release day by the day
    newest_row: Option<NaiveDate>,
    /// the newest line's first ship (any day)
    newest_first_ship: Option<NaiveDate>,
    /// the newest day the product's catalogs' sources were read
    checked: Option<NaiveDate>,
    /// found only when a status needs them
    observed_pace: std::cell::OnceCell<Option<ObservedPace>>,
    release_pace: std::cell::OnceCell<Option<ReleasePace>>,
}

impl<'a> ProductView<'a> {
    pub fn new(policy: &'a Policy, product: &'a Product, catalogs: &'a [CatalogFile]) -> Self {
        ProductView {
            policy,
            product,
            catalogs,
            newest: std::cell::OnceCell::new(),
            facts: std::cell::OnceCell::new(),
        }
    }

    /// `f` of the product's facts on `at`: those found for the first day asked about are
    /// kept (every status of one run asks about the same day), another day's are found anew.
    fn with_facts<R>(&self, at: NaiveDate, f: impl FnOnce(&ProductFacts) -> R) -> R {
        let (day, facts) = self.facts.get_or_init(|| (at, self.find_facts(at)));
        if *day == at {
            f(facts)
        } else {
            f(&self.find_facts(at))
        }
    }

    fn find_facts(&self, at: NaiveDate) -> ProductFacts {
        let newest_row = self
            .all_releases()
            .filter_map(|r| match r.date {
                ReleaseDate::Exact(d) if d <= at => Some(d),
                _ => None,
            })
            .max();
        let newest_first_ship = self
            .product
            .lifecycle
            .lines
            .iter()
            .filter_map(|l| l.first_ship.as_ref().and_then(|f| f.date))
            .max();
        let checked = self
            .product
            .releases
            .iter()
            .map(|(ci, _)| *ci)
            .collect::<std::collections::BTreeSet<usize>>()
            .into_iter()
            .filter_map(|ci| self.catalogs.get(ci)?.checked)
            .max();
        ProductFacts {
            newest_row,
            newest_first_ship,
            checked,
            observed_pace: std::cell::OnceCell::new(),
            release_pace: std::cell::OnceCell::new(),
        }
    }

    /// The newest release of the product's newest line, shipped by `at`: of the lines with a
    /// release shipped by then, the one whose first such release came last (of two on one
    /// day, the higher line), and of its releases the latest (of two on one day, the higher
    /// version). A patch of an older line released after it is not the product's newest
    /// (Python's 3.11.16 of August 13 is not newer than 3.14.7 of August 5): the newest is
    /// where an upgrade goes, so lines whose standard support has ended by `at` are passed
    /// over while any other has a release (Log4j's branch 2.12 for Java 7, first shipped in
    /// 2019 and ended in 2021, is not where Log4j 2 users upgrade). A product none of whose
    /// lines has a dated release gives its latest release. Walks the product's releases once
    /// for the first day asked about; another day is worked out again.
    pub fn newest_release(&self, at: NaiveDate) -> Option<ReleaseView> {
        let (day, newest) = self.newest.get_or_init(|| (at, self.newest_of_newest_line(at)));
        if *day == at {
            newest.clone()
        } else {
            self.newest_of_newest_line(at)
        }
    }

    fn newest_of_newest_line(&self, at: NaiveDate) -> Option<ReleaseView> {
        let ended = |line: &LineLifecycle| {
            end_of(line, &counted(self.policy, line, Basis::Standard))
                .is_some_and(|e| e.date.is_some_and(|d| d <= at))
        };
        let newest = self
            .newest_line(at, |l| !ended(l))
            .or_else(|| self.newest_line(at, |_| true));
        match newest {
            Some(line) => newest_of(self.policy, &mut self.releases_of(line), at),
            None => newest_of(self.policy, &mut self.all_releases(), at),
        }
    }

    /// Of the lines `keep` keeps with a release shipped by `at`, the one whose first such
    /// release came last (of two on one day, the higher line).
    fn newest_line(&self, at: NaiveDate, keep: impl Fn(&LineLifecycle) -> bool) -> Option<&'a LineLifecycle> {
        let mut newest: Option<(NaiveDate, &LineLifecycle)> = None;
        for line in self.product.lifecycle.lines.iter().filter(|l| keep(l)) {
            let Some(first) = self
                .releases_of(line)
                .filter_map(|r| r.date.earliest())
                .filter(|d| *d <= at)
                .min()
            else {
                continue;
            };
            let later = newest.is_none_or(|(day, other)| {
                first
                    .cmp(&day)
                    .then_with(|| {
                        crate::version::compare_text(&line.line, &other.line, &self.policy.prerelease)
                    })
                    .is_gt()
            });
            if later {
                newest = Some((first, line));
            }
        }
        newest.map(|(_, line)| line)
    }

    pub fn releases_of<'s>(&'s self, line: &'s LineLifecycle) -> impl Iterator<Item = &'a Release> + 's {
        line.releases
            .iter()
            .filter_map(move |&ri| release(self.product, self.catalogs, ri))
    }

    /// The resolver's view of the product's lines, indexed for resolving versions
    /// ([`crate::resolve::Lines`]): made once for an audit, whatever its number of versions.
    pub fn line_views(&self) -> crate::resolve::Lines<'a> {
        let views = self
            .product
            .lifecycle
            .lines
            .iter()
            .map(|l| crate::resolve::LineView {
                name: l.line.as_str(),
                versions: l
                    .releases
                    .iter()
                    .filter_map(|&ri| release(self.product, self.catalogs, ri).map(|r| r.version.as_str()))
                    .collect(),
            })
            .collect();
        crate::resolve::Lines::new(self.policy, views)
    }

    /// The lines that `alias line` gives the other name `text` (`bookworm`), in line order.
    pub fn lines_aliased(&self, text: &str) -> Vec<usize> {
        crate::resolve::aliased_lines(
            self.policy,
            self.product.lifecycle.lines.iter().map(|l| l.line.as_str()),
            text,
        )
    }

    /// Resolve a version text to a line of this product.
    pub fn resolve(&self, version: &str) -> crate::resolve::Resolution {
        crate::resolve::resolve_version(self.policy, &self.line_views(), version)
    }

    /// [`ProductView::resolve`] for a version given beside the product's name written with
    /// more words after it (`Microsoft Windows 11 Pro` and `10.0.22631`): the words that
    /// count and the resolution they narrow it to ([`crate::resolve::LineWords::narrow`];
    /// `Err` with the version's lines when they name none of them). None when the words say
    /// nothing of the product's lines: the name is then not this product's.
    pub fn resolve_named(
        &self,
        version: &str,
        words: &[&str],
    ) -> Option<(
        crate::resolve::LineWords,
        Result<crate::resolve::Resolution, Vec<usize>>,
    )> {
        let views = self.line_views();
        let named = crate::resolve::LineWords::new(self.policy, &views, words)?;
        let narrowed = named.narrow(crate::resolve::resolve_version(self.policy, &views, version));
        Some((named, narrowed))
    }

    /// A version given beside the product's name written with more words after it, read
    /// with those words when only together they name a line: `Windows 10` beside `22H2` is
    /// `10 22H2`, an other name of line `10-22h2`, where `22H2` alone names none. None when
    /// the version alone names a line (or several), or the words and it together name none.
    pub fn finish_name(&self, version: &str, words: &[&str]) -> Option<String> {
        crate::resolve::finish_name(self.policy, &self.line_views(), version, words)
    }

    /// [`ProductView::resolve`] for a version given beside a distribution package's name
    /// that a `{line}` of the product's package URLs takes (`postgresql-15`, or such a
    /// package URL): the lines the number fits and the resolution they narrow it to
    /// ([`crate::resolve::LineWords::of_package_number`]; `Err` with the version's lines when
    /// the number fits none of them). None when no `{line}` takes the name, or the number
    /// fits none of the product's lines.
    pub fn resolve_package_number(
        &self,
        name: &str,
        version: &str,
    ) -> Option<(
        crate::resolve::LineWords,
        Result<crate::resolve::Resolution, Vec<usize>>,
    )> {
        use crate::identifiers::{fold, Purl};
        let text = name.trim();
        let names = crate::resolve::PackageNames::new(&[self.policy]);
        let number_in = |package: &str| names.line_number(&fold(package), 0).map(str::to_owned);
        // the package's own name, else (a package URL's `upstream`) its source package's
        let (number, read_in) = match text.get(..4).filter(|p| p.eq_ignore_ascii_case("pkg:")) {
            Some(_) => {
                let purl = Purl::parse(text).ok().filter(Purl::is_distribution_package)?;
                match number_in(&purl.name) {
                    Some(n) => (n, format!("`{}`", purl.name)),
                    None => {
                        let source = purl.source_of(text)?.name;
                        (number_in(&source)?, format!("source package `{source}`"))
                    }
                }
            }
            None => (number_in(text)?, format!("`{text}`")),
        };
        let views = self.line_views();
        let named = crate::resolve::LineWords::of_package_number(&views, &number, &read_in)?;
        let narrowed = named.narrow(crate::resolve::resolve_version(self.policy, &views, version));
        Some((named, narrowed))
    }

    fn all_releases(&self) -> impl Iterator<Item = &'a Release> + '_ {
        self.product
            .releases
            .iter()
            .filter_map(move |(ci, ri)| self.catalogs.get(*ci)?.catalog.releases.get(*ri))
    }
}

/// Which phases count under a basis: indices into the line's phases.
pub fn counted(policy: &Policy, line: &LineLifecycle, basis: Basis) -> Vec<bool> {
    let is_paid = |p: &PhaseResult| policy.phases.get(p.phase).is_some_and(|d| d.paid_extended());
    let any_standard = line.phases.iter().any(|p| !is_paid(p));
    line.phases
        .iter()
        .map(|p| basis == Basis::Extended || !any_standard || !is_paid(p))
        .collect()
}

/// A phase is empty when it ends on or before it starts (a phase that only carries a role).
fn empty(p: &PhaseResult) -> bool {
    matches!((p.start.date, p.end.date), (Some(s), Some(e)) if e <= s)
}

fn active(p: &PhaseResult, day: NaiveDate) -> bool {
    p.start.date.is_some_and(|s| s <= day) && p.end.date.is_none_or(|e| e > day) && !empty(p)
}

/// The end of life under a set of counted phases: the latest end, pending if any is.
/// Why a date is estimated or pending, or which declaration or override gave it and the
/// rule file's reason, in the words of the step that made it so (from its trace); none for a
/// date the policy derives for sure, or one evaluated without traces.
fn why_unsure(value: &DateValue) -> Option<String> {
    value
        .trace
        .as_deref()
        .and_then(|t| t.cause(value.kind))
        .filter(|_| {
            matches!(
                value.kind,
                ValueKind::Estimated | ValueKind::Pending | ValueKind::Declared | ValueKind::Override
            )
        })
        .map(|c| c.what.clone())
}

fn end_of(line: &LineLifecycle, counted: &[bool]) -> Option<Dated> {
    end_value(line, counted).map(Dated::from)
}

/// [`end_of`]'s value, with its trace.
fn end_value<'l>(line: &'l LineLifecycle, counted: &[bool]) -> Option<&'l DateValue> {
    let ends: Vec<&DateValue> = line
        .phases
        .iter()
        .zip(counted)
        .filter(|(_, c)| **c)
        .map(|(p, _)| &p.end)
        .collect();
    match ends.iter().find(|e| e.date.is_none()) {
        Some(p) => Some(*p),
        None => ends.iter().max_by_key(|e| e.date).copied(),
    }
}

/// Why `version` is in `line` when a declaration of the rule file put it there, for
/// `eol explain`: the words, and the declaration's place (its name or first build). None
/// for the other ways ([`How`]), which the version's own text gives (a release of the line,
/// its name, a prefix).
pub fn line_reason(
    policy: &Policy,
    line: &str,
    version: &str,
    how: How,
) -> Option<(String, eol_syntax::Span)> {
    let of_line = |l: &str| l.eq_ignore_ascii_case(line);
    match how {
        How::Builds => policy.line_builds.iter().find(|b| of_line(&b.line)).map(|b| {
            (
                format!("its builds start at {} (`builds line`)", b.from.text),
                b.span,
            )
        }),
        How::LineAlias => {
            let wanted = crate::resolve::fold_line_alias(version);
            policy
                .line_aliases
                .iter()
                .find(|a| of_line(&a.line) && a.folded == wanted)
                .map(|a| {
                    (
                        format!("`{}` is another name of it (`alias line`)", a.name),
                        a.span,
                    )
                })
        }
        How::AliasPrefix => {
            let typed = crate::resolve::fold_line_alias(version);
            policy
                .line_aliases
                .iter()
                .filter(|a| of_line(&a.line) && crate::resolve::alias_starts(&typed, &a.folded))
                .max_by_key(|a| a.folded.len())
                .map(|a| {
                    (
                        format!("it starts with `{}`, another name of it (`alias line`)", a.name),
                        a.span,
                    )
                })
        }
        _ => None,
    }
}

/// What is known on day `at` of a version that several lines share (an ambiguous version:
/// editions with one build): each line's standing in words ([`shared_standing`]), and what
/// they say alike of its end of life ([`SharedEnd`]). Each line's status is worked out once
/// for both, and kept ([`Shared::reports`]) for a caller that shows each.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub text: String,
    pub end: Option<SharedEnd>,
    /// each line's status, in the order of the lines asked about
    pub reports: Vec<StatusReport>,
}

/// Where a version that several lines share stands whichever line it is, when they agree
/// enough for a gate: None when one of them is not released yet, or has no end of life
/// known while another has; otherwise whether all have ended, and the latest of their
/// ends. An audit that cannot tell Windows 11 23H2 Home/Pro from Enterprise still knows that
/// a build both share is at end of life once both are.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedEnd {
    /// every line is at end of life on the day asked about
    pub ended: bool,
    /// the latest of the lines' ends of life: the version's end is on or before it, whichever
    /// line it is (its date None when a line's end is not known)
    pub latest: Dated,
}

impl Shared {
    /// The answer for a version whose lines have all ended, as `eol status` gives it (JSON
    /// `whichever`): end of life whichever line it is, since the latest of their ends at the
    /// latest. None when a line has not ended.
    pub fn whichever<'s>(&'s self, product: &'s str, version: &'s str) -> Option<Whichever<'s>> {
        let end = self.end.as_ref().filter(|e| e.ended)?;
        Some(Whichever {
            product,
            version,
            state: Standing::EndOfLife,
            eol: &end.latest,
            reason: &self.text,
            lines: &self.reports,
        })
    }
}

/// A version that several lines share, every one of them at end of life ([`Shared::whichever`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Whichever<'s> {
    pub product: &'s str,
    pub version: &'s str,
    pub state: Standing,
    /// the latest of the lines' ends: the version's support ended on or before it
    pub eol: &'s Dated,
    /// each line's end in words ([`shared_standing`])
    pub reason: &'s str,
    /// each line's status, as `status` gives one
    pub lines: &'s [StatusReport],
}

/// [`Shared`] for the version text in `lines` (indices into the product's lines), the
/// reports' labels in `lang`; None when a line cannot be judged.
pub fn shared(
    view: &ProductView<'_>,
    lines: &[usize],
    version: &str,
    at: NaiveDate,
    basis: Basis,
    lang: Option<&str>,
) -> Option<Shared> {
    let reports = lines
        .iter()
        .map(|&i| status(view, i, version, How::Release, at, basis, lang))
        .collect::<Option<Vec<_>>>()?;
    Some(Shared {
        text: standing_words(&reports)?,
        end: shared_end(&reports),
        reports,
    })
}

/// Where a version lies that no line of the catalog holds, when the lines around it judge it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unlisted {
    /// older than every line the catalog lists (Elasticsearch 5.6 beside lines from 6 on)
    Older,
    /// between two lines in version order (Firefox 100 beside the ESR lines 91 and 102)
    Between,
}

impl Unlisted {
    /// `older`, `between`: the audit's JSON field `unlisted`
    pub fn as_str(self) -> &'static str {
        match self {
            Unlisted::Older => "older",
            Unlisted::Between => "between",
        }
    }

    /// Where an unresolved version lies, from what the resolver found (its nearest lines,
    /// and whether it is newer or older than all): None when it is newer than every line
    /// (the catalog may not list its line yet) or has no place in the version order.
    pub fn of(nearest: &[usize], newer_than_all: bool, older_than_all: bool) -> Option<Unlisted> {
        match (older_than_all, newer_than_all, nearest.len()) {
            (true, _, 1) => Some(Unlisted::Older),
            (false, false, 2) => Some(Unlisted::Between),
            _ => None,
        }
    }
}

/// Why `text`, a higher version than every line of the catalog (`nearest`: the resolver's
/// nearest line, the newest), names none of them, in words: `eol status`, `eol explain` and
/// `eol audit` say the same. Usually the catalog does not list the line yet. When the
/// version's first number is more than twice the newest line's and ten more
/// ([`far_beyond`]: Google Cloud's `kubectl` package at `1:528.0.0-0` beside Kubernetes
/// 1.35), that is unlikely, and the words say that the number may not be the product's own.
pub fn newer_than_every_line(view: &ProductView<'_>, text: &str, nearest: &[usize]) -> String {
    let id = &view.policy.id;
    let newest = nearest
        .last()
        .and_then(|&i| view.product.lifecycle.lines.get(i))
        .map(|l| l.line.as_str());
    match newest.and_then(|n| far_beyond(text, n).map(|first| (n, first))) {
        Some((newest, first)) => format!(
            "`{text}` is far newer than every line of `{id}` the catalog lists ({first} beside `{newest}`, its newest): \
             the number may be another's than `{id}`'s own, such as a packager's or a vendor's build number, \
             or the catalog may not list its line yet"
        ),
        None => format!(
            "`{text}` is newer than every line of `{id}` the catalog lists; the catalog may not list its line yet"
        ),
    }
}

/// The first number of `text` when it is more than twice the first number of the line
/// `newest` and ten more ([`newer_than_every_line`]); an epoch (`1:`) and a `v` before it are
/// left out. None when either has no first number.
pub fn far_beyond<'t>(text: &'t str, newest: &str) -> Option<&'t str> {
    /// The digits, and their value (u64::MAX past it)
    fn first_number(text: &str) -> Option<(&str, u64)> {
        let t = text.trim();
        let t = match t.split_once(':') {
            Some((epoch, rest)) if !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) => rest,
            _ => t,
        };
        let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
        let digits = t.get(..t.bytes().take_while(u8::is_ascii_digit).count())?;
        (!digits.is_empty()).then(|| (digits, digits.parse().unwrap_or(u64::MAX)))
    }
    let (digits, first) = first_number(text)?;
    let (_, newest) = first_number(newest)?;
    (first > newest.saturating_mul(2).saturating_add(10)).then_some(digits)
}

/// What the lines around a version in no line of the catalog say of it ([`unlisted`]).
#[derive(Clone, Debug, PartialEq)]
pub struct UnlistedAnswer {
    /// older than every line, or between two
    pub placed: Unlisted,
    /// the line or lines around it have all ended on the day asked about
    pub ended: bool,
    /// their names: the oldest line, or the lines either side
    pub lines: Vec<String>,
    /// what was concluded and why, in words
    pub reason: String,
    /// each of those lines' status, as `status` gives one
    pub reports: Vec<StatusReport>,
}

/// A version in no line of the catalog that the lines around it place at end of life, as
/// `eol status --format json` gives it (`"unlisted"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnlistedEnded<'a> {
    pub product: &'a str,
    pub version: &'a str,
    pub state: Standing,
    /// older than every line, or between two
    pub placed: Unlisted,
    /// what was concluded and why, in words ([`unlisted`])
    pub reason: &'a str,
    /// the status of the line or lines around it
    pub lines: &'a [StatusReport],
}

impl UnlistedAnswer {
    /// The answer for a version the lines around it place at end of life; None while one of
    /// them has not ended.
    pub fn ended<'a>(&'a self, product: &'a str, version: &'a str) -> Option<UnlistedEnded<'a>> {
        self.ended.then_some(UnlistedEnded {
            product,
            version,
            state: Standing::EndOfLife,
            placed: self.placed,
            reason: &self.reason,
            lines: &self.reports,
        })
    }
}

/// A version in no line of the catalog, judged by the lines around it (`around`: the
/// resolver's nearest lines). Older than every line (Elasticsearch 5.6 beside lines from 6
/// on), its line is older than the catalog reaches; between two lines (Firefox 100 beside
/// the ESR lines 91 and 102, Linux 4.10 between the long-term 4.9 and 4.14), its line is one
/// the catalog does not keep. Once the line or lines around it have ended, so has it
/// (`ended`): lines end in version order for nearly every vendor, and where one kept an
/// older line longer than a newer one (Node.js 0.10 outlived io.js 1, the oldest line its
/// catalog lists), that line too has long ended by the time the newer has. Its own end is
/// not known. The error this can make is on the side of upgrading; a wrong "supported" is
/// what a gate guards against. Older than a line still supported, or between lines one of
/// which is: not ended, and the reason says how each line stands and that nothing is known
/// of the version. None when a line cannot be judged.
pub fn unlisted(
    view: &ProductView<'_>,
    around: &[usize],
    how: Unlisted,
    version: &str,
    (at, basis, lang): (NaiveDate, Basis, Option<&str>),
) -> Option<UnlistedAnswer> {
    // each line asked about by its own name: the version is none of theirs
    let reports = around
        .iter()
        .map(|&i| {
            let name = view.product.lifecycle.lines.get(i)?.line.as_str();
            status(view, i, name, How::LineName, at, basis, lang)
        })
        .collect::<Option<Vec<_>>>()?;
    let product = &view.policy.id;
    let lines: Vec<String> = reports.iter().map(|r| r.line.clone()).collect();
    let ended = reports.iter().all(|r| r.state == Standing::EndOfLife);
    // `5.3 (end of life since 2025-11-27, estimated)`, `5.5 (supported until 2027-07-31)`
    let each = || {
        reports
            .iter()
            .map(|r| {
                let state = if r.state == Standing::EndOfLife {
                    "end of life since"
                } else {
                    "supported until"
                };
                match r.eol.as_ref() {
                    Some(Dated {
                        date: Some(d),
                        kind: ValueKind::Exact,
                    }) => format!("{} ({state} {d})", r.line),
                    Some(Dated { date: Some(d), kind }) => {
                        format!("{} ({state} {d}, {})", r.line, kind.as_str())
                    }
                    _ if r.state == Standing::EndOfLife => format!("{} (at end of life)", r.line),
                    _ => format!("{} (supported, its end not known yet)", r.line),
                }
            })
            .collect::<Vec<String>>()
            .join(" and ")
    };
    let reason = match (how, ended) {
        (Unlisted::Between, false) => format!(
            "`{version}` is in no line of `{product}` the catalog lists, between {}; a version between two lines is \
             taken to be at end of life only once both have ended",
            each()
        ),
        (Unlisted::Older, false) => format!(
            "`{version}` is older than every line of `{product}` the catalog lists; the oldest, {}, which says \
             nothing of an older one",
            reports.first().map(standing_of).unwrap_or_default()
        ),
        (Unlisted::Older, true) => format!(
            "`{version}` is older than every line of `{product}` the catalog lists; the oldest, {}; a line older \
             than the catalog reaches is taken to be at end of life too (its own end is not in the catalog)",
            reports.first().map(standing_of).unwrap_or_default()
        ),
        (Unlisted::Between, true) => format!(
            "`{version}` is in no line of `{product}` the catalog lists, and the lines either side of it have \
             ended: {}; a line between two that have ended is taken to be at end of life too (its own end is not \
             in the catalog)",
            each()
        ),
    };
    Some(UnlistedAnswer {
        placed: how,
        ended,
        lines,
        reason,
        reports,
    })
}

/// A line's standing in words for a reason: `2.7, reached end of life on 2020-01-01`,
/// `5.3, is supported until 2025-11-27 (estimated)`.
fn standing_of(r: &StatusReport) -> String {
    let line = &r.line;
    match (r.state, r.eol.as_ref()) {
        (Standing::EndOfLife, Some(Dated { date: Some(d), kind })) => {
            format!("{line}, reached end of life on {d}{}", kind_words(*kind))
        }
        (Standing::EndOfLife, _) => format!("{line}, is at end of life"),
        (_, Some(Dated { date: Some(d), kind })) => {
            format!("{line}, is supported until {d}{}", kind_words(*kind))
        }
        _ => format!("{line}, is supported, its end of life not known yet"),
    }
}

/// How sure a date is, in words after it (` (estimated)`); nothing for an exact one.
fn kind_words(kind: ValueKind) -> String {
    match kind {
        ValueKind::Exact => String::new(),
        ValueKind::AtTheLatest => " at the latest".to_owned(),
        k => format!(" ({})", k.as_str()),
    }
}

/// What is known on day `at` of a version that several lines share, in words for a reason or
/// a help text: each line's end of life, and, when they agree, that they do. `11-23h2-e (end
/// of life since 2026-11-11) and 11-23h2-w (end of life since 2025-11-12): at end of life
/// whichever it is`. A date that is not exact says its kind. None when a line cannot be
/// judged.
pub fn shared_standing(
    view: &ProductView<'_>,
    lines: &[usize],
    version: &str,
    at: NaiveDate,
    basis: Basis,
) -> Option<String> {
    shared(view, lines, version, at, basis, None).map(|s| s.text)
}

fn standing_words(reports: &[StatusReport]) -> Option<String> {
    let mut parts = Vec::with_capacity(reports.len());
    let (mut ended, mut in_phase) = (0usize, 0usize);
    for r in reports {
        let when = |d: &Dated, past: bool| match (d.date, d.kind) {
            (None, _) => "end of life not known yet".to_owned(),
            (Some(date), ValueKind::Exact) if past => format!("end of life since {date}"),
            (Some(date), ValueKind::Exact) => format!("end of life on {date}"),
            (Some(date), ValueKind::AtTheLatest) if past => format!("end of life by {date} at the latest"),
            (Some(date), ValueKind::AtTheLatest) => format!("end of life on {date} at the latest"),
            (Some(date), kind) if past => format!("end of life since {date} ({})", kind.as_str()),
            (Some(date), kind) => format!("end of life on {date} ({})", kind.as_str()),
        };
        let said = match (r.state, &r.eol) {
            (Standing::EndOfLife, Some(d)) => {
                ended += 1;
                when(d, true)
            }
            (Standing::EndOfLife, None) => {
                ended += 1;
                "end of life".to_owned()
            }
            (Standing::Unreleased, _) => "not released yet".to_owned(),
            (Standing::Superseded, _) => match &r.superseded {
                Some(s) => format!("superseded by {}", s.by.version),
                None => "superseded".to_owned(),
            },
            (Standing::BetweenPhases, Some(d)) => format!("between phases, {}", when(d, false)),
            (Standing::BetweenPhases, None) => "between phases".to_owned(),
            (Standing::InPhase, d) => {
                in_phase += 1;
                match d {
                    Some(d) => format!("supported, {}", when(d, false)),
                    None => "supported, end of life not known yet".to_owned(),
                }
            }
        };
        parts.push(format!("{} ({said})", r.line));
    }
    let list = match parts.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let summary = if ended == reports.len() {
        ": at end of life whichever it is"
    } else if in_phase == reports.len() {
        ": supported whichever it is"
    } else {
        ""
    };
    Some(format!("{list}{summary}"))
}

fn shared_end(reports: &[StatusReport]) -> Option<SharedEnd> {
    let mut ended = true;
    let mut latest: Option<&Dated> = None;
    let mut undated = false;
    for r in reports {
        match r.state {
            Standing::Unreleased => return None,
            Standing::EndOfLife => {}
            // its line goes on: not at end of life, though this release is unsupported
            Standing::InPhase | Standing::BetweenPhases | Standing::Superseded => ended = false,
        }
        match &r.eol {
            Some(d) if d.date.is_some() => {
                if latest.is_none_or(|l| d.date > l.date) {
                    latest = Some(d);
                }
            }
            _ => undated = true,
        }
    }
    match (latest, undated) {
        (Some(latest), false) => Some(SharedEnd {
            ended,
            latest: latest.clone(),
        }),
        (_, true) if ended && !reports.is_empty() => Some(SharedEnd {
            ended,
            latest: Dated {
                date: None,
                kind: ValueKind::Pending,
            },
        }),
        _ => None,
    }
}

/// The status of `line` (an index into the product's lines) for the version text asked.
pub fn status(
    view: &ProductView<'_>,
    line_index: usize,
    version: &str,
    matched_by: How,
    at: NaiveDate,
    basis: Basis,
    lang: Option<&str>,
) -> Option<StatusReport> {
    let policy = view.policy;
    let line = view.product.lifecycle.lines.get(line_index)?;
    // the version as asked; judged as the release it really is (`5.6.1+really5.4.5-1`)
    let asked_version = version;
    let version = crate::version::really(version);
    let phase_view = |p: &PhaseResult, counted: bool| -> Option<PhaseView> {
        let decl = policy.phases.get(p.phase)?;
        let end = Dated::from(&p.end);
        Some(PhaseView {
            id: decl.id.clone(),
            label: decl.labels.get(lang).to_owned(),
            role: decl.role,
            roles: decl.roles().collect(),
            start: Dated::from(&p.start),
            last_day: end.last_day(),
            end,
            through: p.through,
            counted,
            services: p
                .services
                .iter()
                .filter_map(|s| policy.services.get(*s).map(|s| s.id.clone()))
                .collect(),
        })
    };
    let counts = counted(policy, line, basis);
    let phases: Arc<[PhaseView]> = line
        .phases
        .iter()
        .zip(&counts)
        .filter_map(|(p, c)| phase_view(p, *c))
        .collect();
    let shipped = line
        .first_ship
        .as_ref()
        .and_then(|f| f.date)
        .is_some_and(|d| d <= at);
    let counted_phases = || {
        line.phases
            .iter()
            .zip(&counts)
            .filter(|(_, c)| **c)
            .map(|(p, _)| p)
    };
    let current = counted_phases().find(|p| active(p, at));
    // A phase still to come: not empty, and not already over (a phase whose start is
    // pending but whose end is known and past can no longer be entered).
    let upcoming = || {
        counted_phases()
            .filter(|p| !empty(p) && p.end.date.is_none_or(|e| e > at) && p.start.date.is_none_or(|s| s > at))
    };
    let state = if !shipped {
        Standing::Unreleased
    } else if current.is_some() {
        Standing::InPhase
    } else if upcoming().next().is_some() {
        Standing::BetweenPhases
    } else {
        Standing::EndOfLife
    };
    // A release a newer one of its line has replaced is not supported, though its line is.
    // A line's other name (`bookworm`) stands for the line: no release of it is asked about.
    // A pre-release (`5.2rc1`) is no release of its line: the release it precedes replaces
    // it, and until that ships it is a release still to come.
    let in_line: Vec<&Release> = view.releases_of(line).collect();
    let (prerelease, superseded) = replaced(policy, &in_line, &line.line, version, matched_by, at);
    let state = match (&superseded, state) {
        (Some(s), Standing::InPhase | Standing::BetweenPhases) if s.since.date.is_some_and(|d| d <= at) => {
            Standing::Superseded
        }
        (None, Standing::InPhase | Standing::BetweenPhases) if prerelease.is_some() => Standing::Unreleased,
        _ => state,
    };
    let mut services: Vec<ServiceView> = Vec::new();
    if state == Standing::InPhase {
        for p in counted_phases().filter(|p| active(p, at)) {
            for s in &p.services {
                if let Some(decl) = policy.services.get(*s) {
                    if !services.iter().any(|v| v.id == decl.id) {
                        services.push(ServiceView {
                            id: decl.id.clone(),
                            label: decl.labels.get(lang).to_owned(),
                        });
                    }
                }
            }
        }
    }
    let label_of = |p: &PhaseResult| {
        policy
            .phases
            .get(p.phase)
            .map(|d| (d.id.clone(), d.labels.get(lang).to_owned()))
    };
    let transition = |value: &DateValue, into: Option<&PhaseResult>, what: &'static str| {
        let why = why_unsure(value);
        let (enters, enters_label) = match into.and_then(label_of) {
            Some((id, label)) => (Some(id), Some(label)),
            None => (None, None),
        };
        Transition {
            when: Dated::from(value),
            days: value.date.map(|d| (d - at).num_days()),
            enters,
            enters_label,
            into: if into.is_some() { "phase" } else { what },
            why,
        }
    };
    let next = match state {
        Standing::InPhase => current.map(|cur| {
            // What applies on the day the current phase ends.
            let after = cur
                .end
                .date
                .and_then(|d| counted_phases().find(|p| !std::ptr::eq(*p, cur) && active(p, d)));
            let later = cur
                .end
                .date
                .is_some_and(|d| counted_phases().any(|p| !empty(p) && p.start.date.is_some_and(|s| s > d)));
            let what = if later { "between-phases" } else { "end-of-life" };
            transition(&cur.end, after, what)
        }),
        // a pre-release is never supported: nothing is next for it
        Standing::Unreleased if prerelease.is_some() => None,
        Standing::Unreleased => line
            .first_ship
            .as_ref()
            .map(|f| transition(f, counted_phases().find(|p| !empty(p)), "phase")),
        Standing::BetweenPhases => upcoming().next().map(|p| transition(&p.start, Some(p), "phase")),
        Standing::Superseded | Standing::EndOfLife => None,
    };
    // A grace period that ends before the line's next transition comes first.
    let next = match (&superseded, state) {
        (Some(s), Standing::InPhase | Standing::BetweenPhases) => match s.since.date {
            Some(d) if d > at && next.as_ref().is_none_or(|n| n.when.date.is_none_or(|nd| d < nd)) => {
                Some(Transition {
                    when: s.since.clone(),
                    days: Some((d - at).num_days()),
                    enters: None,
                    enters_label: None,
                    into: "superseded",
                    why: None,
                })
            }
            _ => next,
        },
        _ => next,
    };
    let standard_counts = counted(policy, line, Basis::Standard);
    let extended_counts = counted(policy, line, Basis::Extended);
    let has_extended = standard_counts != extended_counts;
    let standard_eol = end_of(line, &standard_counts);
    let extended_eol = if has_extended {
        end_of(line, &extended_counts)
    } else {
        None
    };
    let eol_value = match basis {
        Basis::Standard => end_value(line, &standard_counts),
        Basis::Extended => end_value(line, &extended_counts),
    };
    let eol = eol_value.map(Dated::from);
    let eol_why = eol_value.and_then(why_unsure);
    let extended_available = if basis == Basis::Standard && state == Standing::EndOfLife {
        line.phases
            .iter()
            .zip(&extended_counts)
            .zip(&standard_counts)
            .find(|((p, e), s)| **e && !**s && active(p, at))
            .and_then(|((p, _), _)| phase_view(p, false))
    } else {
        None
    };
    // Releases: which are newer, the line's and the product's newest. A line's other name
    // (`bookworm`) stands for the line, as its own name would.
    let asked = if matched_by == How::LineAlias {
        line.line.as_str()
    } else {
        version
    };
    let in_catalog = in_line
        .iter()
        .any(|r| r.version.trim().eq_ignore_ascii_case(version.trim()));
    let newer = newer_releases(policy, &in_line, &line.line, asked, at);
    let newest_in_line = newest_of(policy, &mut in_line.iter().copied(), at);
    let newest_in_product = view.newest_release(at);
    // Only for a release nothing supersedes yet: one in its grace period knows its successor.
    let newer_expected = match state {
        Standing::InPhase | Standing::BetweenPhases
            if matched_by != How::LineAlias && superseded.is_none() =>
        {
            newer_expected(policy, &in_line, &line.line, version, at)
        }
        _ => None,
    };
    // What the end of life waits for, read from the trace (without traces, nothing): a line
    // of this product that the catalog does not list, with no stated cadence to project it,
    // or the catalog's `final` mark on a release. Only for these can the catalog's own pace
    // say that it is overdue.
    let pending_cause = eol_value
        .filter(|v| v.kind == ValueKind::Pending)
        .and_then(|v| v.trace.as_deref())
        .and_then(|t| t.cause(ValueKind::Pending));
    let awaits = Awaits {
        line: pending_cause.is_some_and(|c| c.what.ends_with(crate::eval::NO_LINE_CADENCE)),
        final_mark: pending_cause.is_some_and(|c| c.what.contains(crate::eval::NO_FINAL_MARK)),
        overdue_line: pending_cause
            .filter(|c| c.what.ends_with(crate::eval::OVERDUE))
            .and_then(|c| c.children.first()?.date),
    };
    let freshness = freshness(view, at, next.as_ref(), newer_expected, awaits);
    Some(StatusReport {
        product: policy.id.clone(),
        product_name: policy.name.get(lang).to_owned(),
        vendor: policy.vendor.clone(),
        version: asked_version.to_owned(),
        judged_as: (version != asked_version).then(|| version.to_owned()),
        line: line.line.clone(),
        line_aliases: line.aliases.clone(),
        matched_by,
        in_catalog,
        first_ship: line.first_ship.as_ref().map(Dated::from),
        basis,
        state,
        phase: current.and_then(|p| phase_view(p, true)),
        services,
        next,
        eol,
        eol_why,
        standard_eol,
        extended_eol,
        extended_available,
        phases,
        superseded,
        prerelease,
        newer,
        newest_in_line,
        newest_in_product,
        freshness,
    })
}

/// The newest of `releases` shipped by `at`: the latest earliest date, and of two on one day
/// the higher version.
pub(crate) fn newest_of(
    policy: &Policy,
    releases: &mut dyn Iterator<Item = &Release>,
    at: NaiveDate,
) -> Option<ReleaseView> {
    releases
        .filter(|r| r.date.earliest().is_some_and(|d| d <= at))
        .max_by(|a, b| {
            a.date
                .earliest()
                .cmp(&b.date.earliest())
                .then_with(|| crate::version::compare_text(&a.version, &b.version, &policy.prerelease))
        })
        .map(ReleaseView::from)
}

/// Releases of the line newer than `version` and shipped by `at`, oldest first. When
/// the version is in the catalog with an exact date, "newer" means released after it
/// (vendors such as Liferay mix numbering schemes within a line); otherwise it means
/// a higher version, and a line's first release that stands for the line (version = the
/// line's name, kind `first`, as `eol import endoflife-csv` writes one) is never newer: it
/// is the line's first, and its "version" is a name (`11-23h2-w` is no higher version
/// than the line's build `10.0.22631`).
fn newer_releases(
    policy: &Policy,
    in_line: &[&Release],
    line: &str,
    version: &str,
    at: NaiveDate,
) -> Vec<ReleaseView> {
    let shipped = |r: &&&Release| r.date.earliest().is_some_and(|d| d <= at);
    let own_date = in_line
        .iter()
        .find(|r| r.version.trim().eq_ignore_ascii_case(version.trim()))
        .and_then(|r| match r.date {
            ReleaseDate::Exact(d) => Some(d),
            _ => None,
        });
    let mut out: Vec<&Release> = match own_date {
        Some(own) => in_line
            .iter()
            .filter(shipped)
            .filter(|r| r.date.earliest().is_some_and(|d| d > own))
            .copied()
            .collect(),
        None => {
            if let Some(pre) = crate::version::prerelease_of(without_v(policy, version), &policy.prerelease) {
                let Some(wanted) = Version::parse(pre.core, &[]) else {
                    return Vec::new();
                };
                let mut out: Vec<&Release> = in_line
                    .iter()
                    .filter(shipped)
                    .filter(|r| !stands_for_line(r, line) && is_release(policy, r))
                    .filter(|r| {
                        Version::parse(&r.version, &policy.prerelease)
                            .is_some_and(|v| !v.prerelease && crate::version::releases_it(&v, &wanted))
                    })
                    .copied()
                    .collect();
                out.sort_by_key(|r| r.date.earliest());
                return out.into_iter().map(ReleaseView::from).collect();
            }
            let Some(mine) = Version::parse(without_v(policy, version), &policy.prerelease) else {
                return Vec::new();
            };
            in_line
                .iter()
                .filter(shipped)
                .filter(|r| !stands_for_line(r, line))
                .filter(|r| Version::parse(&r.version, &policy.prerelease).is_some_and(|v| v > mine))
                .copied()
                .collect()
        }
    };
    out.sort_by_key(|r| r.date.earliest());
    out.into_iter().map(ReleaseView::from).collect()
}

/// What supersedes `version` of line `line_index` on day `at` under the policy's `superseded`
/// (as [`status`] reports it): none for a version typed as the line's other name, and see
/// [`superseded_by`].
pub fn superseded(
    view: &ProductView<'_>,
    line_index: usize,
    version: &str,
    matched_by: How,
    at: NaiveDate,
) -> Option<SupersededView> {
    let line = view.product.lifecycle.lines.get(line_index)?;
    let in_line: Vec<&Release> = view.releases_of(line).collect();
    let version = crate::version::really(version);
    replaced(view.policy, &in_line, &line.line, version, matched_by, at).1
}

/// Whether `version` is a pre-release, and what replaces it on day `at`: for a pre-release,
/// the release it precedes ([`replaced_by_release`]); otherwise what the policy's
/// `superseded` says ([`superseded_by`]). A version typed as the line's name or other name
/// stands for the line: no pre-release. A catalog's row can be one (`1.4.0-rc1`, dated for
/// the record), and is judged as one.
fn replaced(
    policy: &Policy,
    in_line: &[&Release],
    line: &str,
    version: &str,
    matched_by: How,
    at: NaiveDate,
) -> (Option<PrereleaseView>, Option<SupersededView>) {
    if matches!(matched_by, How::LineAlias | How::LineName) {
        let superseded = (matched_by != How::LineAlias)
            .then(|| superseded_by(policy, in_line, line, version, at))
            .flatten();
        return (None, superseded);
    }
    match crate::version::prerelease_of(without_v(policy, version), &policy.prerelease) {
        Some(pre) => {
            let by = replaced_by_release(policy, in_line, line, pre.core, at);
            let view = PrereleaseView {
                mark: pre.word,
                release: pre.core.to_owned(),
            };
            (Some(view), by)
        }
        None => (None, superseded_by(policy, in_line, line, version, at)),
    }
}

/// A catalog release is a release, not a pre-release: neither a declared marker nor a mark of
/// [`crate::version::prerelease_of`] says otherwise.
fn is_release(policy: &Policy, r: &Release) -> bool {
    crate::version::prerelease_of(&r.version, &policy.prerelease).is_none()
}

/// The catalog's earliest release of the line shipped by `at` that is the release `core`
/// (`5.2` of `5.2rc1`) or a later one ([`crate::version::releases_it`]): what replaced a
/// pre-release of `core`. A row that stands for the line (`22`, kind `first`) is the line's
/// first release, `22.0.0`. The day is exact when that release is `core`'s own with an exact
/// date; otherwise the catalog may lack an earlier one, and it is the latest it can be.
fn replaced_by_release(
    policy: &Policy,
    in_line: &[&Release],
    line: &str,
    core: &str,
    at: NaiveDate,
) -> Option<SupersededView> {
    let wanted = Version::parse(core, &[])?;
    let (day, found, release) = in_line
        .iter()
        .filter(|r| is_release(policy, r))
        .filter_map(|r| {
            let day = r.date.earliest().filter(|d| *d <= at)?;
            let v = Version::parse(&r.version, &policy.prerelease)?;
            // a line named otherwise than by numbers (`11-23h2-w`) says no release's numbers
            let named = stands_for_line(r, line) && !v.suffix.is_empty();
            (!v.prerelease && !named && crate::version::releases_it(&v, &wanted)).then_some((day, v, *r))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))?;
    let own = crate::version::releases_it(&wanted, &found);
    let exact = matches!(release.date, ReleaseDate::Exact(_));
    Some(SupersededView {
        unit: "release".to_owned(),
        by: ReleaseView::from(release),
        since: Dated {
            date: Some(day),
            kind: if exact {
                ValueKind::Exact
            } else {
                ValueKind::Estimated
            },
        },
        at_the_latest: !(own && exact),
        grace: None,
        prerelease: true,
    })
}

/// The catalog release that supersedes `version` under the policy's `superseded by newer
/// UNIT`: of the line's releases shipped by `at` whose components up to the unit are higher
/// than the version's (9.4 and 9.8 for 9.3 by minor; 2.15.0 for 2.14.1), the earliest. None
/// when the policy says nothing of it, when the version does not reach the unit (`9` asks
/// about the line), or when no such release has shipped. Pre-releases supersede nothing,
/// nor does a row that stands for the line (`9`, kind `first`). The catalogs of
/// endoflife.date list a line's first and latest releases only, so the day is exact only
/// when the release found is the first of the next value (9.4, 2.15.0) with an exact date;
/// otherwise it is the latest the day can be.
fn superseded_by(
    policy: &Policy,
    in_line: &[&Release],
    line: &str,
    version: &str,
    at: NaiveDate,
) -> Option<SupersededView> {
    use crate::version::Run;
    let rule = policy.superseded.as_ref()?;
    let n = rule.component + 1;
    let mine = Version::parse(without_v(policy, version), &policy.prerelease)?;
    let key = mine.core.get(..n)?;
    let (day, newer, release) = shipped_releases(policy, in_line, line, at)
        .filter(|(_, v, _)| v.core.get(..n).is_some_and(|k| k > key))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))?;
    let next_value = match key.last().map(Vec::as_slice) {
        Some([Run::Num(k)]) => k.checked_add(1),
        _ => None,
    };
    let first_of_next = next_value.is_some_and(|k| {
        newer.core.get(..n - 1) == key.get(..n - 1)
            && newer.core.get(n - 1).map(Vec::as_slice) == Some(&[Run::Num(k)][..])
            && newer
                .core
                .iter()
                .skip(n)
                .all(|c| matches!(c.as_slice(), [Run::Num(0)]))
    });
    let exact = matches!(release.date, ReleaseDate::Exact(_));
    let since = match &rule.grace {
        Some(g) => crate::eval::shift(day, g),
        None => Some(day),
    };
    Some(SupersededView {
        unit: policy.components.get(rule.component).cloned().unwrap_or_default(),
        by: ReleaseView::from(release),
        since: Dated {
            date: since,
            kind: match (since, exact) {
                (None, _) => ValueKind::Pending,
                (Some(_), true) => ValueKind::Exact,
                (Some(_), false) => ValueKind::Estimated,
            },
        },
        at_the_latest: !(first_of_next && exact),
        grace: rule.grace.as_ref().map(ToString::to_string),
        prerelease: false,
    })
}

/// The releases of a line shipped by `at` that can supersede or be superseded
/// ([`superseded_by`], [`newer_expected`]): not pre-releases, nor a row that stands for the
/// line (`9`, kind `first`); each with its day and parsed version.
fn shipped_releases<'r>(
    policy: &'r Policy,
    in_line: &'r [&'r Release],
    line: &'r str,
    at: NaiveDate,
) -> impl Iterator<Item = (NaiveDate, Version, &'r Release)> + 'r {
    in_line
        .iter()
        .filter(move |r| !stands_for_line(r, line))
        .filter_map(move |r| {
            let day = r.date.earliest().filter(|d| *d <= at)?;
            let v = Version::parse(&r.version, &policy.prerelease)?;
            (!v.prerelease).then_some((day, v, *r))
        })
}

/// A version as typed, without a `v` before its first digit (`v22.11.0`) or the product's
/// own name written before it (`go1.21.5`, [`crate::resolve::off_own_name`]).
fn without_v<'t>(policy: &Policy, version: &'t str) -> &'t str {
    let asked = version.trim();
    asked
        .strip_prefix(['v', 'V'])
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .or_else(|| crate::resolve::off_own_name(policy, asked))
        .unwrap_or(asked)
}

/// A line's first release that stands for the line: its version is the line's name and its
/// kind `first`, as `eol import endoflife-csv` writes one.
fn stands_for_line(r: &Release, line: &str) -> bool {
    r.kind
        .as_deref()
        .is_some_and(|k| k.trim().eq_ignore_ascii_case("first"))
        && r.version.trim().eq_ignore_ascii_case(line.trim())
}

/// Under `superseded by newer UNIT` with a cadence for the unit (`cadence minor every 6
/// months`), for `version` of `line` not superseded on `at`: the newer value of the unit the
/// cadence expected before `at`, counted from the first release of the version's own value
/// the catalog lists (Rocky Linux 9.8 of 2026-05-28: a 9.9 by 2026-11-28). None when the
/// policy or unit has no such cadence (`on demand`), the version does not reach the unit,
/// the catalog lists no release of its value (a version newer than the catalog's), or the
/// day has not come. [`freshness`] keeps it only when the catalog has no row from after
/// that day (else the line has stopped shipping newer values: Rocky Linux 8.10).
fn newer_expected(
    policy: &Policy,
    in_line: &[&Release],
    line: &str,
    version: &str,
    at: NaiveDate,
) -> Option<NewerExpected> {
    let rule = policy.superseded.as_ref()?;
    let unit = policy.components.get(rule.component)?;
    let cadence = policy.cadences.iter().find(|c| c.kind == *unit)?.every.as_ref()?;
    let n = rule.component + 1;
    let mine = Version::parse(without_v(policy, version), &policy.prerelease)?;
    let key = mine.core.get(..n)?;
    let (day, _, release) = shipped_releases(policy, in_line, line, at)
        .filter(|(_, v, _)| v.core.get(..n) == Some(key))
        .min_by_key(|(day, _, _)| *day)?;
    let by = crate::eval::shift(day, cadence).filter(|d| *d < at)?;
    // `9.7` of `9.7.1`: the release's version up to the unit
    let value = release
        .version
        .trim()
        .split('.')
        .take(n)
        .collect::<Vec<_>>()
        .join(".");
    Some(NewerExpected {
        unit: unit.clone(),
        value,
        since: ReleaseView::from(release),
        by,
    })
}

/// What a status's pending end of life waits for, as far as the catalog's own pace can
/// judge it.
#[derive(Clone, Copy, Debug, Default)]
struct Awaits {
    /// a line of its product the catalog does not list, under no stated line cadence
    line: bool,
    /// the catalog's `final` mark on a release
    final_mark: bool,
    /// a line the cadence projected by this day that the catalog does not list
    overdue_line: Option<NaiveDate>,
}

/// How old the product's catalog is on `at`, and whether what the status waits for is
/// overdue against it.
fn freshness(
    view: &ProductView<'_>,
    at: NaiveDate,
    next: Option<&Transition>,
    newer_expected: Option<NewerExpected>,
    awaits: Awaits,
) -> Freshness {
    view.with_facts(at, |facts| {
        freshness_of(view, facts, at, next, newer_expected, awaits)
    })
}

fn freshness_of(
    view: &ProductView<'_>,
    facts: &ProductFacts,
    at: NaiveDate,
    next: Option<&Transition>,
    newer_expected: Option<NewerExpected>,
    awaits: Awaits,
) -> Freshness {
    let newest_row = facts.newest_row;
    // A new line the cadence expected by now that the catalog does not list; without a
    // stated line cadence, one the catalog's own pace expected.
    let (expected_by, observed_pace) = match view.policy.line_cadence() {
        Some(cadence) => {
            let by = facts
                .newest_first_ship
                .and_then(|d| crate::eval::shift(d, cadence));
            (by.filter(|d| *d < at), None)
        }
        // Only while the catalog has no row at all from after the day a new line was
        // expected: rows from after it (patches of the newest line) say the catalog was kept,
        // and the vendor, not the catalog, is late (Apache HTTP Server 2.4, newest since 2012).
        None if awaits.line => match facts
            .observed_pace
            .get_or_init(|| observed_pace(&view.product.lifecycle.lines, at))
            .clone()
            .filter(|p| p.by < at && newest_row.is_none_or(|row| row < p.by))
        {
            Some(p) => (Some(p.by), Some(p)),
            None => (None, None),
        },
        None => (None, None),
    };
    // Or the line the end of life waits for, projected before `at`, when the product's newest
    // line does not date it (a line of an older group: FreeBSD's 14.5 after 14.4, while the
    // newest line, 15.1, expects 15.2 only later).
    let expected_by = expected_by.or_else(|| awaits.overdue_line.filter(|d| *d < at));
    // The day the catalog's sources were last read. Read on the day asked about (or
    // later), they had nothing the catalog lacks: what is overdue has not happened (the
    // vendor is late), and the catalog is not behind. Read before, what was overdue may
    // have come since, even if it had not by then.
    let checked = facts.checked;
    let current = checked.is_some_and(|c| c >= at);
    // A `final` mark awaited: once the catalog has gone longer without any release of the
    // product than its recent pace allows, it may have stopped being kept.
    let release_pace = if awaits.final_mark {
        facts
            .release_pace
            .get_or_init(|| release_pace(view.all_releases(), at))
            .clone()
            .filter(|p| p.by < at)
    } else {
        None
    };
    let waiting = next.is_some_and(|n| matches!(n.when.kind, ValueKind::Estimated | ValueKind::Pending));
    let overdue_estimate =
        next.is_some_and(|n| n.when.kind == ValueKind::Estimated && n.when.date.is_some_and(|d| d < at));
    // A newer value of the unit expected after the catalog's newest row: once the catalog
    // has rows from after that day and none of them is one, the line has stopped shipping
    // them (Rocky Linux 8.10, the last minor of 8), and the catalog is not behind.
    let newer_expected = newer_expected.filter(|n| newest_row.is_none_or(|row| n.by > row));
    let overdue = overdue_estimate
        || (waiting && (expected_by.is_some() || release_pace.is_some()))
        || newer_expected.is_some();
    Freshness {
        newest_row,
        age_days: newest_row.map(|d| (at - d).num_days()),
        checked,
        may_be_stale: overdue && !current,
        late: overdue && current,
        expected_by: expected_by.filter(|_| waiting && !current),
        observed_pace: observed_pace.filter(|_| waiting && !current),
        release_pace: release_pace.filter(|_| waiting && !current),
        newer_expected: newer_expected.filter(|_| !current),
    }
}

/// The pace of a product's recent lines ([`ObservedPace`]): of the lines shipped by `at`
/// (a first ship known only to the month counts from its first day), the newest
/// [`OBSERVED_LINES`] by that day, and the longest wait between two consecutive ones (at
/// least [`OBSERVED_GAP_MIN_DAYS`]). None with fewer than [`OBSERVED_LINES_MIN`] such
/// lines. Lines that share a first ship count once.
fn observed_pace(lines: &[crate::eval::LineLifecycle], at: NaiveDate) -> Option<ObservedPace> {
    let shipped = lines.iter().filter_map(|l| {
        let f = l.first_ship.as_ref()?;
        let d = f.date.filter(|d| *d <= at)?;
        Some((d, l.line.as_str()))
    });
    let pace = recent_pace(shipped, at)?;
    Some(ObservedPace {
        lines: pace.days,
        longest_gap_days: pace.longest_gap_days,
        newest_line: pace.newest.to_owned(),
        newest_first_ship: pace.newest_day,
        waited_days: pace.waited_days,
        by: pace.by,
    })
}

/// The pace of a product's recent releases ([`ReleasePace`]): of its releases dated to
/// the day by `at`, any line, the newest [`OBSERVED_LINES`] days of release, read as
/// [`observed_pace`] reads lines. None when they came more than [`RELEASE_GAP_MAX_DAYS`]
/// apart.
fn release_pace<'a>(releases: impl Iterator<Item = &'a Release>, at: NaiveDate) -> Option<ReleasePace> {
    let dated = releases.filter_map(|r| match r.date {
        ReleaseDate::Exact(d) if d <= at => Some((d, r.version.trim())),
        _ => None,
    });
    let pace = recent_pace(dated, at).filter(|p| p.longest_gap_days <= RELEASE_GAP_MAX_DAYS)?;
    Some(ReleasePace {
        releases: pace.days,
        longest_gap_days: pace.longest_gap_days,
        newest_version: pace.newest.to_owned(),
        newest_day: pace.newest_day,
        waited_days: pace.waited_days,
        by: pace.by,
    })
}

/// The longest wait among the newest [`OBSERVED_LINES`] distinct days of `dated` (each a
/// day and what came that day), as [`observed_pace`] and [`release_pace`] read it.
struct RecentPace<'a> {
    days: usize,
    longest_gap_days: i64,
    /// what came on the newest day (the first in text order, when several did)
    newest: &'a str,
    newest_day: NaiveDate,
    waited_days: i64,
    by: NaiveDate,
}

fn recent_pace<'a>(
    dated: impl Iterator<Item = (NaiveDate, &'a str)>,
    at: NaiveDate,
) -> Option<RecentPace<'a>> {
    let mut days: Vec<(NaiveDate, &str)> = dated.collect();
    // by day, then text: `dedup` keeps one entry per day, the first in text order, so the
    // answer does not depend on the catalog's row order
    days.sort_unstable();
    days.dedup_by_key(|(d, _)| *d);
    let recent = days.get(days.len().saturating_sub(OBSERVED_LINES)..)?;
    if recent.len() < OBSERVED_LINES_MIN {
        return None;
    }
    let longest = recent
        .iter()
        .zip(recent.iter().skip(1))
        .map(|((earlier, _), (later, _))| (*later - *earlier).num_days())
        .max()?
        .max(OBSERVED_GAP_MIN_DAYS);
    let &(newest_day, newest) = recent.last()?;
    Some(RecentPace {
        days: recent.len(),
        longest_gap_days: longest,
        newest,
        newest_day,
        waited_days: (at - newest_day).num_days(),
        by: newest_day.checked_add_signed(chrono::Duration::days(longest))?,
    })
}

/// One product as `eol list` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProductSummary {
    pub id: String,
    pub name: String,
    pub vendor: Option<String>,
    /// lower case, as matched
    pub aliases: Vec<String>,
    pub purls: Vec<String>,
    pub cpes: Vec<String>,
    /// how many lines the catalog has
    pub lines: usize,
    /// the lines in a counted phase on the day asked about, newest first
    pub supported: Vec<String>,
    /// those of `supported` whose answer a catalog that is behind puts in doubt (what the
    /// line waits for is overdue: [`Freshness::may_be_stale`])
    pub stale: Vec<String>,
    /// the product's newest dated catalog row on or before that day
    pub newest_row: Option<NaiveDate>,
}

/// The summary of one evaluated product on `at`.
pub fn summary(view: &ProductView<'_>, at: NaiveDate, basis: Basis, lang: Option<&str>) -> ProductSummary {
    let policy = view.policy;
    let lines = &view.product.lifecycle.lines;
    let mut supported: Vec<String> = Vec::new();
    let mut stale: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate().rev() {
        let Some(r) = status(view, i, &l.line, How::LineName, at, basis, lang) else {
            continue;
        };
        if r.state == Standing::InPhase {
            supported.push(l.line.clone());
            if r.freshness.may_be_stale {
                stale.push(l.line.clone());
            }
        }
    }
    let newest_row = view.with_facts(at, |facts| facts.newest_row);
    ProductSummary {
        id: policy.id.clone(),
        name: policy.name.get(lang).to_owned(),
        vendor: policy.vendor.clone(),
        aliases: policy.aliases().map(str::to_owned).collect(),
        purls: policy.purls().map(|p| p.key()).collect(),
        cpes: policy
            .cpes()
            .map(|c| format!("cpe:2.3:{}:{}:{}", c.part, c.vendor, c.product))
            .collect(),
        lines: lines.len(),
        supported,
        stale,
        newest_row,
    }
}

#[cfg(test)]
mod tests {
    use super::far_beyond;

    /// The pace read from a catalog's lines: the newest nine by first ship, lines of one day
    /// counted once, the longest wait between consecutive ones (30 days at least), nothing
    /// from fewer than four; a first ship after the day asked about is not read.
    #[test]
    fn the_pace_of_a_catalogs_recent_lines() {
        use crate::eval::{DateValue, LineLifecycle, ValueKind};
        use chrono::NaiveDate;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let line = |name: &str, first: &str, kind: ValueKind| LineLifecycle {
            first_ship: Some(DateValue {
                date: Some(day(first)),
                kind,
                trace: None,
            }),
            ..LineLifecycle::unknown(name.to_owned())
        };
        let exact = |name: &str, first: &str| line(name, first, ValueKind::Exact);
        let at = day("2030-01-01");
        // twelve days of first ship: the three oldest (and the 400-day wait after the first)
        // fall outside the newest nine; 2.5 shares 2.4's day; 2.8's first ship, known to the
        // month, counts; 3.0 is planned, not shipped
        let mut lines = vec![
            exact("1.0", "2019-01-01"),
            exact("1.1", "2020-02-05"),
            exact("1.2", "2020-02-15"),
            exact("1.3", "2020-02-25"),
        ];
        for (i, d) in [
            "2020-03-01",
            "2020-05-01",
            "2020-06-01",
            "2020-09-01",
            "2020-10-01",
        ]
        .iter()
        .enumerate()
        {
            lines.push(exact(&format!("2.{i}"), d));
        }
        lines.push(exact("2.5", "2020-10-01"));
        lines.push(exact("2.6", "2020-11-01"));
        lines.push(exact("2.7", "2020-12-01"));
        lines.push(line("2.8", "2021-01-01", ValueKind::Estimated));
        lines.push(exact("3.0", "2031-01-01"));
        let pace = super::observed_pace(&lines, at).unwrap();
        assert_eq!(pace.lines, 9);
        // 2020-06-01 to 2020-09-01
        assert_eq!(pace.longest_gap_days, 92);
        assert_eq!(pace.newest_line, "2.8");
        assert_eq!(pace.newest_first_ship, day("2021-01-01"));
        assert_eq!(pace.by, day("2021-04-03"));
        assert_eq!(pace.waited_days, (at - day("2021-01-01")).num_days());
        // lines a week apart: the wait taken is 30 days
        let weekly: Vec<_> = ["2020-01-01", "2020-01-08", "2020-01-15", "2020-01-22"]
            .iter()
            .enumerate()
            .map(|(i, d)| exact(&i.to_string(), d))
            .collect();
        let pace = super::observed_pace(&weekly, at).unwrap();
        assert_eq!((pace.longest_gap_days, pace.by), (30, day("2020-02-21")));
        // three lines say nothing
        assert_eq!(super::observed_pace(&weekly[..3], at), None);
    }

    /// The pace read from a catalog's releases, for a `final` mark awaited: any line, one
    /// entry per day (the first version in text order), the newest nine days, only releases
    /// dated to the day by the day asked about; none from releases over a year apart.
    #[test]
    fn the_pace_of_a_catalogs_recent_releases() {
        use crate::catalog::{parse_catalog, CatalogFormat};
        use chrono::NaiveDate;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (catalog, diagnostics) = parse_catalog(
            "product,version,date\n\
             p,1.0.0,2019-01-01\n\
             p,1.0.1,2019-06-01\n\
             p,2.0.0,2020-01-01\n\
             p,1.0.2,2020-01-01\n\
             p,2.0.1,2020-02-01\n\
             p,2.0.2,2020-03-15\n\
             p,2.0.3,2020-04-01\n\
             p,2.1.0,2020-05-01\n\
             p,1.0.3,2020-05-20\n\
             p,2.1.1,2020-06-01\n\
             p,2.1.2,2020-06\n\
             p,2.1.3,2020-07-01\n\
             p,2.2.0,2020-07-10\n\
             p,2.3.0,2031-01-01\n",
            CatalogFormat::Csv,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let at = day("2030-01-01");
        let pace = super::release_pace(catalog.releases.iter(), at).unwrap();
        // nine days from 2020-01-01 (1.0.2 and 2.0.0 share it; 2.1.2 is dated to the month,
        // the 2031 release is after the day asked about); the longest wait is 2020-02-01 to
        // 2020-03-15
        assert_eq!(pace.releases, 9);
        assert_eq!(pace.longest_gap_days, 43);
        assert_eq!(
            (pace.newest_version.as_str(), pace.newest_day),
            ("2.2.0", day("2020-07-10"))
        );
        assert_eq!(pace.by, day("2020-08-22"));
        assert_eq!(pace.waited_days, (at - day("2020-07-10")).num_days());
        // releases two years apart: a product winding down, not judged
        let (slow, _) = parse_catalog(
            "product,version,date\np,1,2010-01-01\np,2,2012-01-01\np,3,2014-01-01\np,4,2016-01-01\n",
            CatalogFormat::Csv,
        );
        assert_eq!(super::release_pace(slow.releases.iter(), at), None);
        // a year apart exactly is still a pace
        let (yearly, _) = parse_catalog(
            "product,version,date\np,1,2021-01-01\np,2,2022-01-01\np,3,2023-01-01\np,4,2024-01-01\n",
            CatalogFormat::Csv,
        );
        assert_eq!(
            super::release_pace(yearly.releases.iter(), at).map(|p| p.longest_gap_days),
            Some(365)
        );
    }

    #[test]
    fn a_version_far_beyond_the_newest_line_is_told() {
        // Google Cloud's kubectl package beside Kubernetes' lines; a year-numbered version
        // beside a major; a build number
        assert_eq!(far_beyond("1:528.0.0-0", "1.36"), Some("528"));
        assert_eq!(far_beyond("v2024.1", "22"), Some("2024"));
        assert_eq!(far_beyond("99.1", "18"), Some("99"));
        // the next lines, or a few the catalog may lack: not far (2 × 18 + 10 = 46)
        for (text, newest) in [
            ("19.0", "18"),
            ("46.2", "18"),
            ("2.0.0", "1.36"),
            ("12", "1"),
            ("1.40", "1.36"),
        ] {
            assert_eq!(far_beyond(text, newest), None, "{text} beside {newest}");
        }
        assert_eq!(far_beyond("1:1.37.0-1", "1.36"), None);
        assert_eq!(far_beyond("11", "0.9"), Some("11"));
        // past what a number holds, still told, by its digits
        assert_eq!(
            far_beyond("99999999999999999999999", "1"),
            Some("99999999999999999999999")
        );
        // no first number: nothing to tell
        assert_eq!(far_beyond("latest", "1.36"), None);
        assert_eq!(far_beyond("528", "lts"), None);
        assert_eq!(far_beyond("v", "1"), None);
    }
}
