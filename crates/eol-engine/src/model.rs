//! The resolved policy model: what the checker produces and the evaluator reads.
//!
//! Names are resolved to indices, numbers to values, units to [`Unit`]s; every
//! node keeps the span of the rule text it came from, for diagnostics and `explain`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use eol_syntax::Span;

use crate::dates::{Pattern, Unit};
use crate::version::Version;

/// A display name with translations (`de` → "Premium-Support").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    pub default: String,
    pub by_lang: BTreeMap<String, String>,
}

impl Labels {
    /// The label in `lang`, falling back to the default.
    pub fn get(&self, lang: Option<&str>) -> &str {
        lang.and_then(|l| self.by_lang.get(l))
            .map_or(self.default.as_str(), String::as_str)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineOrder {
    /// Lines compare by version (the default).
    Version,
    /// Lines compare by first ship date (Temurin, Windows editions).
    FirstShip,
    /// Lines compare by version, and every number between two lines with the same
    /// leading components counts as a line (`order lines by number`): 5.2 between 5.1
    /// and 5.3 is a line the catalog lacks, not a number the vendor skipped.
    Number,
}

/// A phase's standard meaning, shared with endoflife.date, OpenEoX and CycloneDX.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// active support: bug fixes (endoflife.date `eoas`)
    Active,
    /// security support (endoflife.date `eol`)
    Security,
    /// extended, usually paid support (endoflife.date `eoes`)
    Extended,
}

impl Role {
    pub const NAMES: [&'static str; 3] = ["active", "security", "extended"];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Active => "active",
            Role::Security => "security",
            Role::Extended => "extended",
        }
    }

    pub fn from_name(s: &str) -> Option<Role> {
        match s {
            "active" => Some(Role::Active),
            "security" => Some(Role::Security),
            "extended" => Some(Role::Extended),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    Bool,
    Text,
    Date,
    Number,
}

impl AttrType {
    pub const NAMES: [&'static str; 4] = ["bool", "text", "date", "number"];

    pub fn from_name(s: &str) -> Option<AttrType> {
        match s {
            "bool" => Some(AttrType::Bool),
            "text" => Some(AttrType::Text),
            "date" => Some(AttrType::Date),
            "number" => Some(AttrType::Number),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttrDecl {
    pub name: String,
    pub ty: AttrType,
    pub span: Span,
}

/// A signed sum of calendar amounts, applied left to right (`1 year + 6 months`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Duration {
    pub parts: Vec<(i64, Unit)>,
}

impl std::fmt::Display for Duration {
    /// `4 years`, `1 year - 1 day`, as a rule file writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (n, unit)) in self.parts.iter().enumerate() {
            let name = match unit {
                Unit::Day => "day",
                Unit::Week => "week",
                Unit::Month => "month",
                Unit::Year => "year",
            };
            let plural = if n.abs() == 1 { "" } else { "s" };
            match (i, *n < 0) {
                (0, false) => write!(f, "{n} {name}{plural}")?,
                (0, true) => write!(f, "-{} {name}{plural}", n.abs())?,
                (_, false) => write!(f, " + {n} {name}{plural}")?,
                (_, true) => write!(f, " - {} {name}{plural}", n.abs())?,
            }
        }
        Ok(())
    }
}

impl Duration {
    pub fn negated(&self) -> Duration {
        Duration {
            parts: self.parts.iter().map(|(n, u)| (-n, *u)).collect(),
        }
    }

    /// A rough length in days, for static comparisons only (a month counts 30.44 days).
    pub fn approx_days(&self) -> f64 {
        self.parts
            .iter()
            .map(|(n, u)| {
                let n = *n as f64;
                match u {
                    Unit::Day => n,
                    Unit::Week => 7.0 * n,
                    Unit::Month => 30.436_875 * n,
                    Unit::Year => 365.2425 * n,
                }
            })
            .sum()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cadence {
    pub kind: String,
    /// `None` for `on demand`.
    pub every: Option<Duration>,
    pub span: Span,
}

/// `superseded by newer minor`, `superseded 3 months after newer minor`: within a line,
/// only the newest release of a finer unit (a minor version of a major line) is supported;
/// a release is superseded once a release of its line with a higher value of the unit ships
/// (and the grace period after it has passed).
#[derive(Clone, Debug, PartialEq)]
pub struct Superseded {
    /// the unit, an index into the version components; greater than or equal to the line's
    /// length (a component the line does not fix)
    pub component: usize,
    pub grace: Option<Duration>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub id: String,
    pub labels: Labels,
    pub span: Span,
}

/// Which other line an expression reads: the `newer`-th later line, counting only
/// lines that satisfy `filter`.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector {
    /// how many lines on
    pub newer: usize,
    /// count towards older lines instead (`older N`)
    pub older: bool,
    pub filter: Option<Cond>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Snap {
    StartOfMonth,
    EndOfMonth,
    StartOfQuarter,
    EndOfQuarter,
    StartOfYear,
    EndOfYear,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seek {
    /// the first matching day on or after
    Next,
    /// the last matching day on or before
    Previous,
    /// the matching day in the same calendar year
    InYear,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extreme {
    Min,
    Max,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DateExpr {
    pub kind: DateKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DateKind {
    Literal(NaiveDate),
    /// the first ship date of this line, or of the selected line
    FirstShip(Option<Selector>),
    /// the date of the newest release of this (or the selected) line
    Latest(Option<Selector>),
    /// the date of the line's final release; pending until the catalog marks one `final`
    Final(Option<Selector>),
    /// the first day of the month the line's version names (`version_month`: 24.10 is
    /// 2024-10-01), from its `year` and `month` components (indices into
    /// [`Policy::components`])
    VersionMonth {
        year: usize,
        month: usize,
    },
    PhaseStart(usize),
    PhaseEnd(usize),
    Milestone(usize),
    /// a phase's start or end, or a milestone, of another line: `end(maintenance, older 1)`
    Other(Target, Selector),
    /// a declared date attribute of this line (`lts_from`), or of the selected line
    /// (`lts_from(newer 1 where lts)`); pending when that line has none
    Attr(usize, Option<Selector>),
    /// `date + duration` (a `-` is stored as a negated duration)
    Shift(Box<DateExpr>, Duration),
    /// `date + term years`: shifted by as many units as the line's `number` attribute says
    /// (pending when the line has none)
    ShiftByAttr(Box<DateExpr>, AttrAmount),
    Extreme(Extreme, Vec<DateExpr>),
    Snap(Snap, Box<DateExpr>),
    Seek(Seek, Pattern, Box<DateExpr>),
    /// a date the policy itself calls approximate (`about(...)`): estimated once known
    Approximate(Box<DateExpr>),
    /// a date the policy gives as a range (`between(EARLIEST, LATEST)`): the earlier of
    /// the two, estimated
    Between(Box<DateExpr>, Box<DateExpr>),
    /// a date something had happened by, at the latest (`no_later_than(...)`): the day
    /// itself was not published
    AtTheLatest(Box<DateExpr>),
    /// `RULE unless declared`: the rule, for a line without a `declare` of this date (a
    /// declared date replaces the whole expression, as an override does)
    UnlessDeclared(Box<DateExpr>),
    /// a date of the corresponding line of a declared upstream product
    /// (`end(lts) of debian`), or of a line `newer`/`older` than it there
    Upstream {
        /// index into [`Policy::upstreams`]
        upstream: usize,
        what: UpstreamDate,
        /// `(older, n)`: `newer n` or `older n` in the upstream's line order
        select: Option<(bool, usize)>,
    },
}

/// `term years` after `+` or `-`: a line's `number` attribute as the amount of a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrAmount {
    /// index into [`Policy::attributes`]
    pub attr: usize,
    pub unit: Unit,
    /// subtracted (`- term days`) rather than added
    pub negative: bool,
    /// `term years` in the rule text
    pub span: Span,
}

/// What an `of UPSTREAM` expression reads from the upstream line.
#[derive(Clone, Debug, PartialEq)]
pub enum UpstreamDate {
    FirstShip,
    Latest,
    /// a phase of the upstream policy, by name (resolved when the upstream is evaluated)
    Start(String),
    End(String),
    /// the phase's last day: the day before its end
    LastDay(String),
}

impl UpstreamDate {
    /// As the rule writes it: `first_ship`, `end(lts)`.
    pub fn text(&self) -> String {
        match self {
            UpstreamDate::FirstShip => "first_ship".to_owned(),
            UpstreamDate::Latest => "latest".to_owned(),
            UpstreamDate::Start(p) => format!("start({p})"),
            UpstreamDate::End(p) => format!("end({p})"),
            UpstreamDate::LastDay(p) => format!("last_day({p})"),
        }
    }
}

/// `upstream debian line "5" = "12"`: another policy whose dates this one reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Upstream {
    /// the name rules use after `of`
    pub alias: String,
    /// the upstream policy's product id
    pub product: String,
    /// (this policy's line, the upstream's line) where the names differ; other lines map
    /// to the upstream line of the same name
    pub lines: Vec<(String, String)>,
    pub span: Span,
}

impl Upstream {
    /// The upstream line that corresponds to `line` (case-insensitive).
    pub fn line_for<'a>(&'a self, line: &'a str) -> &'a str {
        self.lines
            .iter()
            .find(|(ours, _)| ours.eq_ignore_ascii_case(line))
            .map_or(line, |(_, theirs)| theirs.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// a numeric version component is even (`true`) or odd
    Parity {
        component: usize,
        even: bool,
    },
    /// compare a version component with a value
    Component {
        component: usize,
        op: CmpOp,
        value: Version,
    },
    /// compare the line's version with a version
    Line {
        op: CmpOp,
        value: Version,
    },
    /// a boolean attribute is true
    Flag(usize),
    /// compare an attribute with a value
    Attr {
        attr: usize,
        op: CmpOp,
        value: AttrLit,
    },
    /// the release kind of the line's first release
    Kind {
        op: CmpOp,
        value: String,
    },
    /// the line name matches a glob
    LineMatches(Glob),
    /// (selectors only) the other line has the same value of this component as this line
    Same(usize),
    /// the line is the last with its value of this component (and the ones before it),
    /// and a newer line exists: "the last minor of a major"
    LastOf(usize),
    /// compare the line's first ship date with a date
    FirstShip {
        op: CmpOp,
        value: NaiveDate,
    },
    /// a text attribute matches a glob
    AttrMatches {
        attr: usize,
        glob: Glob,
    },
    /// compare two whole numbers computed from the line's version components
    /// (`minor % 4 == 0`); false when a component is not a plain number
    Calc {
        lhs: Calc,
        op: CmpOp,
        rhs: Calc,
    },
}

/// Whole-number arithmetic over a line's version components: `(minor - 1) % 4`.
#[derive(Clone, Debug, PartialEq)]
pub enum Calc {
    Number(i64),
    /// a version component, by index
    Component(usize),
    Binary(ArithOp, Box<Calc>, Box<Calc>),
}

pub use eol_syntax::ast::ArithOp;

impl Calc {
    /// The value for a line's version: None when a component it reads is not a plain
    /// number, or on division by zero or overflow. `/` rounds down and `%` is never
    /// negative for a positive divisor (`(0 - 1) % 4` is 3).
    pub fn value(&self, version: &Version) -> Option<i64> {
        match self {
            Calc::Number(n) => Some(*n),
            Calc::Component(i) => version.number(*i).and_then(|n| i64::try_from(n).ok()),
            Calc::Binary(op, a, b) => {
                let (a, b) = (a.value(version)?, b.value(version)?);
                match op {
                    ArithOp::Add => a.checked_add(b),
                    ArithOp::Sub => a.checked_sub(b),
                    ArithOp::Mul => a.checked_mul(b),
                    ArithOp::Div => a.checked_div_euclid(b),
                    ArithOp::Rem => a.checked_rem_euclid(b),
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AttrLit {
    Bool(bool),
    Text(String),
    Date(NaiveDate),
    Number(i64),
}

pub use eol_syntax::ast::CmpOp;

/// One definition of a phase; a phase may have several, in `when` blocks. For a
/// line, the definitions whose conditions hold are merged in source order, later
/// ones replacing the fields they give.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseDef {
    /// All of these must hold (the enclosing `when` conditions).
    pub conds: Vec<Cond>,
    pub from: Option<DateExpr>,
    pub until: Option<DateExpr>,
    /// `through`: `until` names the phase's last day, so it ends the day after
    pub inclusive: bool,
    pub provides: Option<Vec<usize>>,
    /// `allow gaps` / `allow overlaps` in the phase: it may start after, or before,
    /// the end of the phase declared before it
    pub allow_gaps: bool,
    pub allow_overlaps: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseDecl {
    pub id: String,
    pub labels: Labels,
    pub role: Option<Role>,
    /// where the role was given
    pub role_span: Option<Span>,
    /// further roles (`role active, security`): the phase's end is the end of each
    pub more_roles: Vec<Role>,
    /// `role extended free`: extended support that needs no contract or subscription, so
    /// it counts towards end of life by default (Debian LTS); where `free` was given
    pub free: Option<Span>,
    pub defs: Vec<PhaseDef>,
    /// the id's span in the first definition
    pub span: Span,
}

impl PhaseDecl {
    /// Every role of the phase: `role`, then `more_roles`.
    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.role.iter().chain(self.more_roles.iter()).copied()
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles().any(|r| r == role)
    }

    /// Extended support only: every role it has is `extended`.
    pub fn extended_only(&self) -> bool {
        self.role.is_some() && self.roles().all(|r| r == Role::Extended)
    }

    /// Paid extended support: extended only, and not `free`. Such a phase does not count
    /// towards end of life unless asked (`--extended`).
    pub fn paid_extended(&self) -> bool {
        self.extended_only() && self.free.is_none()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneDef {
    pub conds: Vec<Cond>,
    pub value: DateExpr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneDecl {
    pub id: String,
    pub labels: Labels,
    pub defs: Vec<MilestoneDef>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    PhaseStart(usize),
    PhaseEnd(usize),
    Milestone(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub line: String,
    pub target: Target,
    pub value: DateExpr,
    pub reason: String,
    pub span: Span,
}

/// `alias line 12 "bookworm"`: another name of one release line, as people and tools
/// write it (a codename, a marketing year), which a version typed as that name finds.
#[derive(Clone, Debug, PartialEq)]
pub struct LineAlias {
    /// the line, as the rule file names it
    pub line: String,
    /// the other name, as written
    pub name: String,
    /// the name as it is compared (`resolve::fold_line_alias`: lower case, blanks collapsed)
    pub folded: String,
    /// the name in the rule file
    pub span: Span,
    /// the line in the rule file
    pub line_span: Span,
}

/// `builds line 13.0-sp3 from "13.0.6300.2"`: where one release line's builds start, for
/// lines that share their leading components (a release and its service packs) and are told
/// apart by build number. A version is in the line whose start is the greatest one at or
/// below it among the starts that share its line components (`resolve`, rule 3).
#[derive(Clone, Debug, PartialEq)]
pub struct LineBuilds {
    /// the line, as the rule file names it
    pub line: String,
    /// its first build, parsed; it has more components than a line has
    pub from: crate::version::Version,
    /// the first build in the rule file
    pub span: Span,
    /// the line in the rule file
    pub line_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: String,
    pub id_span: Span,
    pub name: Labels,
    pub vendor: Option<String>,
    /// names of the version components, from `versions "major.minor.patch"`
    pub components: Vec<String>,
    /// how many leading components make a release line
    pub line_len: usize,
    pub order: LineOrder,
    pub attributes: Vec<AttrDecl>,
    pub prerelease: Vec<String>,
    pub cadences: Vec<Cadence>,
    pub services: Vec<Service>,
    pub phases: Vec<PhaseDecl>,
    pub milestones: Vec<MilestoneDecl>,
    pub overrides: Vec<Override>,
    /// dates the vendor announced for one line (`declare`), for rules that say
    /// `unless declared`
    pub declared: Vec<Override>,
    /// policies this one reads dates from (`upstream`)
    pub upstreams: Vec<Upstream>,
    /// other names (`alias`) and package identifiers (`purl`, `cpe`), in source order
    pub names: Vec<ProductName>,
    /// other names of release lines (`alias line`), in source order
    pub line_aliases: Vec<LineAlias>,
    /// where lines' builds start (`builds line`), in source order
    pub line_builds: Vec<LineBuilds>,
    /// `announced "REASON"`: the vendor announces dates per release instead of stating a
    /// rule; the rule file carries them as overrides (conformance counts such products apart)
    pub announced: Option<String>,
    /// where `eol update` finds new releases (`source`), in source order
    pub sources: Vec<crate::sources::SourceDecl>,
    /// only the newest release of a unit finer than the line is supported (`superseded`)
    pub superseded: Option<Superseded>,
    pub allow_gaps: bool,
    pub allow_overlaps: bool,
    pub span: Span,
}

impl Policy {
    /// The cadence at which new release lines appear (`cadence line every ...`).
    pub fn line_cadence(&self) -> Option<&Duration> {
        self.cadences
            .iter()
            .find(|c| c.kind == "line")
            .and_then(|c| c.every.as_ref())
    }

    pub fn phase_index(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }
}

/// A name the product goes by outside `eol`: `alias "node"`, `purl "pkg:npm/next"`,
/// `cpe "cpe:2.3:a:nodejs:node.js"`.
#[derive(Clone, Debug, PartialEq)]
pub enum ProductName {
    /// compared case-insensitively (kept folded)
    Alias { name: String, span: Span },
    Purl {
        purl: crate::identifiers::Purl,
        span: Span,
    },
    Cpe {
        cpe: crate::identifiers::Cpe,
        span: Span,
    },
}

impl ProductName {
    pub fn span(&self) -> Span {
        match self {
            ProductName::Alias { span, .. }
            | ProductName::Purl { span, .. }
            | ProductName::Cpe { span, .. } => *span,
        }
    }
}

impl Policy {
    /// The aliases, folded to lower case.
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.names.iter().filter_map(|n| match n {
            ProductName::Alias { name, .. } => Some(name.as_str()),
            _ => None,
        })
    }

    pub fn purls(&self) -> impl Iterator<Item = &crate::identifiers::Purl> {
        self.names.iter().filter_map(|n| match n {
            ProductName::Purl { purl, .. } => Some(purl),
            _ => None,
        })
    }

    pub fn cpes(&self) -> impl Iterator<Item = &crate::identifiers::Cpe> {
        self.names.iter().filter_map(|n| match n {
            ProductName::Cpe { cpe, .. } => Some(cpe),
            _ => None,
        })
    }
}

/// A case-insensitive glob: `*` matches any text, `?` one character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob(pub String);

impl Glob {
    pub fn matches(&self, text: &str) -> bool {
        let p: Vec<char> = self.0.to_lowercase().chars().collect();
        let t: Vec<char> = text.to_lowercase().chars().collect();
        // Iterative matcher with backtracking to the last `*`.
        let (mut pi, mut ti) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while ti < t.len() {
            match (p.get(pi), t.get(ti)) {
                (Some('*'), _) => {
                    star = Some((pi, ti));
                    pi += 1;
                }
                (Some(pc), Some(tc)) if *pc == '?' || pc == tc => {
                    pi += 1;
                    ti += 1;
                }
                _ => match star {
                    Some((sp, st)) => {
                        pi = sp + 1;
                        ti = st + 1;
                        star = Some((sp, st + 1));
                    }
                    None => return false,
                },
            }
        }
        p.iter().skip(pi).all(|c| *c == '*')
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    #[test]
    fn globs_match_case_insensitively() {
        assert!(Glob("*-e".into()).matches("11-24H2-E"));
        assert!(!Glob("*-e".into()).matches("11-24h2-e-lts"));
        assert!(Glob("1?.*".into()).matches("10.4"));
        assert!(Glob("*".into()).matches(""));
        assert!(!Glob("a*b".into()).matches("acbd"));
    }
}
