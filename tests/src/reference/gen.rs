//! Random rule files and catalogs for the reference-model property test.
//!
//! Everything is drawn from a sequence of numbers ([`Choices`]): proptest generates
//! and shrinks the sequence, and a number that is 0 (or a sequence that has run out)
//! always picks the simplest option, so a shrunk sequence is a small, plain case.

use chrono::{Datelike, NaiveDate};

use super::dates;

/// A catalog date as a catalog writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RDate {
    Exact(NaiveDate),
    Month(i32, u32),
    Year(i32),
    Unknown,
}

/// One catalog row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rel {
    pub product: String,
    pub version: String,
    pub date: RDate,
    pub kind: Option<String>,
    pub line: Option<String>,
    pub is_final: bool,
    pub lts: Option<bool>,
    pub lts_from: Option<NaiveDate>,
    pub edition: Option<String>,
    /// a `number` attribute (not in CSV catalogs, where numbers stay text)
    pub level: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Csv,
    Json,
}

/// A generated case: the evaluation date, the rule file, the catalog.
#[derive(Clone, Debug)]
pub struct Case {
    pub at: NaiveDate,
    pub rules: String,
    pub releases: Vec<Rel>,
    pub format: Format,
}

impl Case {
    /// The catalog in its format.
    pub fn catalog_text(&self) -> String {
        render_catalog(&self.releases, self.format)
    }
}

/// Numbers to draw from; past the end, every draw is 0.
pub struct Choices<'a> {
    data: &'a [u32],
    pos: usize,
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u32]) -> Self {
        Choices { data, pos: 0 }
    }

    fn next(&mut self) -> u32 {
        let v = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        v
    }

    /// `0..n`; 0 is the simplest.
    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }

    /// True with `pct` percent; a 0 draw is false.
    fn chance(&mut self, pct: u32) -> bool {
        let v = self.next() % 100;
        v >= 100 - pct.min(100)
    }

    fn pick<'s, T>(&mut self, items: &'s [T]) -> Option<&'s T> {
        items.get(self.below(items.len()))
    }
}

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default()
}

/// What expressions of a policy may refer to.
#[derive(Clone, Default)]
struct Scope {
    /// phases of this line declared before the expression (same-line references)
    before: Vec<String>,
    /// every phase of the policy (other-line references)
    all: Vec<String>,
    milestones: Vec<String>,
    /// the upstream's alias and its phases
    upstream: Option<(String, Vec<String>)>,
    /// whether the policy names a `minor` component
    has_minor: bool,
    /// the versions are named by year and month (`versions "year.month.patch"`, `line
    /// year.month`): the components are `year` and `month`, and `version_month` reads them
    calendar: bool,
    line_len: usize,
    /// line names of the catalog, for conditions and overrides
    lines: Vec<String>,
    /// an expression must not refer to other lines' phases (overrides)
    simple: bool,
    /// other lines' phases are read from newer lines only (else older only), so that
    /// no date depends on itself
    newer_phases: bool,
}

/// What a generated policy defines, for a policy that `extends` it.
#[derive(Clone, Default)]
struct Info {
    /// `versions "..."` as the policy has it (stated or the default)
    versions: &'static str,
    /// each phase (not the `when`-only `z`) with the scope its rules were drawn in
    phase_scopes: Vec<(String, Scope)>,
    milestone_scopes: Vec<(String, Scope)>,
    /// `PHASE.start`, `PHASE.end` and milestones whose rule says `unless declared`
    declarable: Vec<String>,
}

/// A policy id, its line cadence (amount, unit) if any, and whether other cadences
/// (patch, on demand) are declared too.
type CadenceChoice = (String, Option<(i64, dates::Unit)>, bool);

/// An upstream for a policy: its alias, its phases, line mappings.
type UpstreamChoice = (String, Vec<String>, Vec<(String, String)>);

struct Gen<'a> {
    c: Choices<'a>,
    at: NaiveDate,
    /// per policy id: the line cadence (amount, unit), chosen before the lines
    cadences: Vec<CadenceChoice>,
    /// whether the catalog format can give numbers (not CSV)
    numbers: bool,
    /// the first product's versions are named by year and month
    calendar: bool,
}

/// The lines of one product, with their releases.
struct Lines {
    line_len: usize,
    /// `versions "..."`
    versions: &'static str,
    names: Vec<String>,
    releases: Vec<Rel>,
}

pub fn generate(data: &[u32]) -> Case {
    let mut g = Gen {
        c: Choices::new(data),
        at: base_date(),
        cadences: Vec::new(),
        numbers: false,
        calendar: false,
    };
    g.at = add_days(base_date(), 700 + g.c.below(3000) as i64);
    let format = match g.c.below(3) {
        0 => Format::Toml,
        1 => Format::Csv,
        _ => Format::Json,
    };
    g.numbers = format != Format::Csv;
    // "Some vendors name each release by the year and month it ships in" (`version_month`)
    g.calendar = g.c.chance(12);
    let l0 = g.lines("p0", None);
    g.choose_cadence("p0");
    g.pick_at(&l0, "p0");
    let (mut rules, info) = g.policy("p0", &l0, None);
    let mut releases = l0.releases.clone();
    // (a calendar-named product stands alone: the other products' lines are numbered)
    if g.calendar {
    } else if g.c.chance(12) {
        // a policy built on this one ("One policy built on another: `extends`")
        let l1 = g.lines("p1", Some(l0.line_len));
        g.choose_cadence("p1");
        rules.push('\n');
        let (text, info1) = g.extending("p1", "p0", &l1, &info);
        rules.push_str(&text);
        releases.extend(l1.releases);
        if g.c.chance(30) {
            // "every item of its base (and of the base's base)"
            let l2 = g.lines("p2", Some(l0.line_len));
            rules.push('\n');
            rules.push_str(&g.extending("p2", "p1", &l2, &info1).0);
            releases.extend(l2.releases);
        }
    } else if g.c.chance(30) {
        // mostly numbered like the upstream, so that most lines correspond
        let same = g.c.chance(80).then_some(l0.line_len);
        let l1 = g.lines("p1", same);
        g.choose_cadence("p1");
        // the alias: the upstream's own id, or another name
        let alias = if g.c.chance(50) { "p0" } else { "up" };
        let mut map = Vec::new();
        for name in &l1.names {
            if g.c.chance(25) {
                if let Some(theirs) = g.c.pick(&l0.names) {
                    map.push((name.clone(), theirs.clone()));
                }
            }
        }
        let phases = g_phase_ids(&rules);
        rules.push('\n');
        rules.push_str(&g.policy("p1", &l1, Some((alias.to_owned(), phases, map))).0);
        releases.extend(l1.releases);
    }
    // Rows in a shuffled order: the catalog's order must not matter.
    for i in (1..releases.len()).rev() {
        let j = g.c.below(i + 1);
        releases.swap(i, j);
    }
    Case {
        at: g.at,
        rules,
        releases,
        format,
    }
}

/// The phase ids of the (first) policy in a rule text.
fn g_phase_ids(rules: &str) -> Vec<String> {
    let mut out = Vec::new();
    for l in rules.lines() {
        let l = l.trim();
        if let Some(rest) = l.strip_prefix("phase ") {
            if let Some(id) = rest.split_whitespace().next() {
                if !out.iter().any(|x| x == id) {
                    out.push(id.to_owned());
                }
            }
        }
    }
    out
}

/// The names of the first two version components in a scope.
fn components(s: &Scope) -> (&'static str, &'static str) {
    if s.calendar {
        ("year", "month")
    } else {
        ("major", "minor")
    }
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    dates::add(d, n, dates::Unit::Day).unwrap_or(d)
}

impl Gen<'_> {
    fn choose_cadence(&mut self, id: &str) {
        use dates::Unit;
        let (cad, extra) = match self.c.below(7) {
            0 | 1 => (None, false),
            2 | 5 | 6 => (Some((1 + self.c.below(24) as i64, Unit::Month)), false),
            3 => match self.c.below(3) {
                0 => (Some((1 + self.c.below(60) as i64, Unit::Week)), false),
                1 => (Some((20 + self.c.below(400) as i64, Unit::Day)), false),
                _ => (Some((1 + self.c.below(3) as i64, Unit::Year)), false),
            },
            _ => (Some((1, Unit::Year)), true),
        };
        self.cadences.push((id.to_owned(), cad, extra));
    }

    fn cadence_line(&mut self, id: &str) -> Option<String> {
        let (_, cad, extra) = self.cadences.iter().find(|c| c.0 == id)?.clone();
        let (n, unit) = cad?;
        // "In a `cadence`, `about` changes nothing"
        let approx = self.c.chance(15);
        let unit = match unit {
            dates::Unit::Day => "days",
            dates::Unit::Week => "weeks",
            dates::Unit::Month => "months",
            dates::Unit::Year => "years",
        };
        let mut out = if approx {
            format!("  cadence line every about({n} {unit})\n")
        } else {
            format!("  cadence line every {n} {unit}\n")
        };
        if extra {
            out.push_str("  cadence patch every 6 weeks\n  cadence security on demand\n");
        }
        Some(out)
    }

    /// The evaluation date: any day, or one on a boundary (a release's day, the day a
    /// projected line falls due).
    fn pick_at(&mut self, lines: &Lines, id: &str) {
        let days: Vec<NaiveDate> = lines
            .releases
            .iter()
            .filter_map(|r| match r.date {
                RDate::Exact(d) => Some(d),
                _ => None,
            })
            .collect();
        match self.c.below(10) {
            7 | 8 => {
                if let Some(d) = self.c.pick(&days) {
                    self.at = *d;
                }
            }
            9 => {
                let cad = self.cadences.iter().find(|c| c.0 == id).and_then(|c| c.1);
                if let (Some(newest), Some((n, unit))) = (days.iter().max(), cad) {
                    let k = 1 + self.c.below(3) as i64;
                    if let Some(d) = dates::add(*newest, n * k, unit) {
                        self.at = d;
                    }
                }
            }
            _ => {}
        }
    }

    /// A date near `d`, sometimes on a month's end or a leap day.
    fn date_near(&mut self, d: NaiveDate, spread: usize) -> NaiveDate {
        let d = add_days(d, self.c.below(spread) as i64);
        match self.c.below(10) {
            7 => dates::end_of_month(d).unwrap_or(d),
            8 => {
                let y = d.year() - d.year().rem_euclid(4);
                NaiveDate::from_ymd_opt(y, 2, 29).unwrap_or(d)
            }
            9 => NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d),
            _ => d,
        }
    }

    /// The date of a line's `k`-th release: the first on `d`, each later one near the one
    /// before (moving `d` on); none for a line whose releases are undated.
    fn release_date(&mut self, d: &mut NaiveDate, k: usize, undated: bool) -> RDate {
        if undated {
            RDate::Unknown
        } else if k == 0 {
            self.rdate(*d)
        } else {
            *d = self.date_near(*d, 200);
            self.rdate(*d)
        }
    }

    fn rdate(&mut self, d: NaiveDate) -> RDate {
        match self.c.below(20) {
            15 | 16 => RDate::Month(d.year(), d.month()),
            17 => RDate::Year(d.year()),
            18 | 19 => RDate::Unknown,
            _ => RDate::Exact(d),
        }
    }

    fn lines(&mut self, product: &str, line_len: Option<usize>) -> Lines {
        if self.calendar && product == "p0" {
            return self.calendar_lines(product);
        }
        let line_len = line_len.unwrap_or_else(|| 1 + self.c.below(2));
        let versions = match (line_len, self.c.below(3)) {
            (1, 2) => "major.minor",
            (2, 2) => "major.minor",
            _ => "major.minor.patch",
        };
        let pad = line_len == 2 && self.c.chance(20);
        // (name, components, named explicitly by its rows)
        let mut names: Vec<(String, Vec<String>, bool)> = Vec::new();
        let count = 1 + self.c.below(7);
        let mut major = 1 + self.c.below(3);
        let mut minor = 0;
        for _ in 0..count {
            if line_len == 1 {
                names.push((major.to_string(), vec![major.to_string()], false));
                // a line whose name has a suffix (`5-lts`), named by its rows
                if self.c.chance(10) {
                    names.push((format!("{major}-lts"), vec![major.to_string()], true));
                }
                major += 1 + usize::from(self.c.chance(25)) * (1 + self.c.below(2));
            } else {
                let m = if pad {
                    format!("{minor:02}")
                } else {
                    minor.to_string()
                };
                names.push((format!("{major}.{m}"), vec![major.to_string(), m], false));
                if self.c.chance(30) {
                    major += 1;
                    minor = self.c.below(2);
                } else {
                    minor += 1 + usize::from(self.c.chance(20));
                }
            }
        }
        // Lines ship roughly in version order, sometimes not.
        let mut first = add_days(base_date(), self.c.below(400) as i64);
        let mut releases = Vec::new();
        let mut out_names = Vec::new();
        for (name, comps, suffixed) in &names {
            first = add_days(first, 30 + self.c.below(400) as i64);
            let ship = if self.c.chance(10) {
                add_days(first, -(self.c.below(600) as i64))
            } else {
                first
            };
            let kind = match self.c.below(4) {
                1 => Some("major".to_owned()),
                2 => Some("minor".to_owned()),
                _ => None,
            };
            let lts = match self.c.below(3) {
                1 => Some(true),
                2 => Some(false),
                _ => None,
            };
            let lts_from =
                (lts == Some(true) && self.c.chance(70)).then(|| add_days(ship, self.c.below(300) as i64));
            let edition = match self.c.below(3) {
                1 => Some("enterprise".to_owned()),
                2 => Some("community".to_owned()),
                _ => None,
            };
            let level = (self.numbers && self.c.chance(60)).then(|| self.c.below(4) as i64);
            let undated = self.c.chance(8);
            let n = 1 + self.c.below(3);
            let mut d = ship;
            let mut explicit = None;
            // OTRS 8: version `8`, line `8.0` (an explicit line).
            if line_len == 2
                && versions == "major.minor.patch"
                && comps.get(1).is_some_and(|m| m == "0")
                && self.c.chance(10)
            {
                explicit = comps.first().cloned();
            }
            for k in 0..n {
                let version = match (&explicit, versions, line_len) {
                    _ if *suffixed => format!("{}.9.{k}-lts", comps.first().cloned().unwrap_or_default()),
                    (Some(m), _, _) if k == 0 => m.clone(),
                    (_, "major.minor", 2) => {
                        if k == 0 {
                            name.clone()
                        } else {
                            format!("{name}-p{k}")
                        }
                    }
                    (_, "major.minor", _) => format!("{name}.{k}"),
                    _ if line_len == 1 => format!("{name}.{}.{}", k / 2, k % 2),
                    _ => format!("{name}.{k}"),
                };
                let date = self.release_date(&mut d, k, undated);
                releases.push(Rel {
                    product: product.to_owned(),
                    line: ((explicit.is_some() && k == 0) || *suffixed).then(|| name.clone()),
                    version,
                    date,
                    kind: kind.clone(),
                    is_final: k + 1 == n && self.c.chance(20),
                    lts,
                    lts_from,
                    edition: edition.clone(),
                    level,
                });
            }
            out_names.push(name.clone());
        }
        Lines {
            line_len,
            versions,
            names: out_names,
            releases,
        }
    }

    /// Lines named by the year and month they ship in (`24.04`, `2025.10`): "A year of one or
    /// two digits is of this century (`24.10`, `4.10`: 2024, 2004); a year of four digits is
    /// itself". Each ships in or after the month it names, as Centreon 25.10 shipped in
    /// November; some ship before it.
    fn calendar_lines(&mut self, product: &str) -> Lines {
        let four = self.c.chance(25);
        let mut year = 2003 + self.c.below(20) as i32;
        let mut month = 1 + self.c.below(12) as u32;
        let count = 1 + self.c.below(6);
        let mut releases = Vec::new();
        let mut names = Vec::new();
        for _ in 0..count {
            let y = if four {
                year.to_string()
            } else if self.c.chance(10) {
                (year % 100).to_string()
            } else {
                format!("{:02}", year % 100)
            };
            let m = if self.c.chance(50) {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            let name = format!("{y}.{m}");
            let named = dates::ymd(year, month, 1).unwrap_or_else(base_date);
            let ship = add_days(named, self.c.below(60) as i64 - 10);
            let n = 1 + self.c.below(3);
            let mut d = ship;
            let undated = self.c.chance(8);
            for k in 0..n {
                let date = self.release_date(&mut d, k, undated);
                releases.push(Rel {
                    product: product.to_owned(),
                    line: None,
                    version: format!("{name}.{k}"),
                    date,
                    kind: None,
                    is_final: k + 1 == n && self.c.chance(20),
                    lts: None,
                    lts_from: None,
                    edition: None,
                    level: (self.numbers && self.c.chance(60)).then(|| self.c.below(4) as i64),
                });
            }
            names.push(name);
            let step = 1 + self.c.below(9) as u32;
            month += step;
            while month > 12 {
                month -= 12;
                year += 1;
            }
        }
        Lines {
            line_len: 2,
            versions: "year.month.patch",
            names,
            releases,
        }
    }

    fn duration(&mut self) -> String {
        match self.c.below(6) {
            0 => format!("{} years", 1 + self.c.below(5)),
            1 => format!("{} months", self.c.below(40)),
            2 => format!("{} days", self.c.below(400)),
            3 => format!("{} weeks", 1 + self.c.below(60)),
            4 => "1 year".to_owned(),
            _ => "1 month".to_owned(),
        }
    }

    fn literal(&mut self) -> String {
        let d = self.date_near(add_days(base_date(), 300), 3500);
        d.format("%Y-%m-%d").to_string()
    }

    fn line_version(&mut self, s: &Scope) -> String {
        match s.lines.get(self.c.below(s.lines.len() + 2)) {
            Some(l) => l.clone(),
            None if s.line_len == 2 => format!("{}.{}", 1 + self.c.below(4), self.c.below(4)),
            None => (1 + self.c.below(9)).to_string(),
        }
    }

    fn cond_atom(&mut self, s: &Scope, selector: bool) -> String {
        let (first, second) = components(s);
        let comp = if s.has_minor && self.c.chance(40) {
            second
        } else {
            first
        };
        let ops = ["==", "!=", "<", "<=", ">", ">="];
        match self.c.below(if selector { 15 } else { 14 }) {
            0 => format!("{comp} is {}", if self.c.chance(50) { "odd" } else { "even" }),
            1 => format!(
                "{comp} {} {}",
                self.c.pick(&ops).unwrap_or(&"=="),
                self.c.below(5)
            ),
            2 => format!(
                "line {} {}",
                self.c.pick(&ops).unwrap_or(&"=="),
                self.line_version(s)
            ),
            3 => {
                let globs = ["1*", "*0", "?", "2.*", "*.1", "*"];
                format!("line matches \"{}\"", self.c.pick(&globs).unwrap_or(&"*"))
            }
            4 => "lts".to_owned(),
            5 => match self.c.below(6) {
                0 => "edition == \"enterprise\"".to_owned(),
                1 => "edition != \"enterprise\"".to_owned(),
                2 => "edition matches \"ent*\"".to_owned(),
                3 => format!("level {} {}", self.c.pick(&ops).unwrap_or(&">="), self.c.below(4)),
                4 => format!(
                    "lts_from {} {}",
                    self.c.pick(&ops).unwrap_or(&">="),
                    self.literal()
                ),
                _ => "line matches \"*-lts\"".to_owned(),
            },
            6 => format!("kind {} \"major\"", if self.c.chance(30) { "!=" } else { "==" }),
            7 => format!(
                "first_ship {} {}",
                self.c.pick(&ops).unwrap_or(&">="),
                self.literal()
            ),
            8 => format!("last of {comp}"),
            9 => format!("not {}", self.cond_atom(s, selector)),
            10 => format!(
                "({} or {})",
                self.cond_atom(s, selector),
                self.cond_atom(s, selector)
            ),
            11 => format!(
                "{} and {}",
                self.cond_atom(s, selector),
                self.cond_atom(s, selector)
            ),
            12 | 13 => self.arith_cond(s, comp),
            _ => format!("same {comp}"),
        }
    }

    /// A comparison computed from version components ("Arithmetic on version components").
    fn arith_cond(&mut self, s: &Scope, comp: &str) -> String {
        let (major, minor) = components(s);
        let ops = ["==", "!=", "<", "<=", ">", ">="];
        let op = self.c.pick(&ops).copied().unwrap_or("==");
        let k = 2 + self.c.below(4);
        match self.c.below(8) {
            0 => format!("{comp} % {k} == {}", self.c.below(k)),
            1 => format!("({comp} - 1) % {k} == 0"),
            2 => format!("{major} * 100 + {minor} {op} {}", 100 + self.c.below(400)),
            3 => format!("{comp} / {k} {op} {}", self.c.below(3)),
            // the remainder is never negative
            4 => format!("(0 - {comp}) % {k} {op} {}", self.c.below(k)),
            5 => format!("{minor} % {k} == 0 and {minor} != 0"),
            // a component on the other side; a division by a component that may be 0
            6 => format!("{minor} + {} {op} {major}", self.c.below(3)),
            _ => format!("{major} / {minor} {op} {}", self.c.below(3)),
        }
    }

    fn selector(&mut self, s: &Scope, older: bool) -> String {
        let n = 1 + self.c.below(3);
        let dir = if older { "older" } else { "newer" };
        if self.c.chance(40) {
            let cond = self.cond_atom(s, true);
            format!("{dir} {n} where {cond}")
        } else {
            format!("{dir} {n}")
        }
    }

    fn pattern(&mut self) -> String {
        match self.c.below(8) {
            0 => "march 31".to_owned(),
            1 => "feb 29".to_owned(),
            2 => format!("day {}", 28 + self.c.below(4)),
            3 => "last day".to_owned(),
            4 => "2nd tuesday".to_owned(),
            5 => "last friday".to_owned(),
            6 => "5th wednesday".to_owned(),
            _ => "2nd thursday of feb may aug nov".to_owned(),
        }
    }

    fn atom(&mut self, s: &Scope) -> String {
        loop {
            let choice = self.c.below(20);
            let out = match choice {
                // "`version_month` is that month's first day, read from the line's version"
                0 if s.calendar && self.c.chance(50) => Some("version_month".to_owned()),
                0 => Some("first_ship".to_owned()),
                1 => self.c.pick(&s.before).map(|p| format!("end({p})")),
                2 => Some(self.literal()),
                3 => Some("latest".to_owned()),
                4 => Some("final".to_owned()),
                5 => self.c.pick(&s.milestones).cloned(),
                6 => Some("lts_from".to_owned()),
                7 => Some(format!("first_ship({})", self.selector(s, false))),
                8 => Some(format!("first_ship({})", self.selector(s, true))),
                9 => Some(format!("latest({})", self.selector(s, false))),
                10 => {
                    let older = self.c.chance(30);
                    Some(format!("final({})", self.selector(s, older)))
                }
                11 => {
                    let older = self.c.chance(30);
                    Some(format!("lts_from({})", self.selector(s, older)))
                }
                12 if !s.simple => {
                    let p = self.c.pick(&s.all).cloned();
                    p.map(|p| {
                        let f = if self.c.chance(30) { "start" } else { "end" };
                        format!("{f}({p}, {})", self.selector(s, !s.newer_phases))
                    })
                }
                13 => self.c.pick(&s.before).map(|p| format!("start({p})")),
                // "`last_day(PHASE)` is `end(PHASE) - 1 day`"
                16 => self.c.pick(&s.before).map(|p| format!("last_day({p})")),
                17 if !s.simple => {
                    let p = self.c.pick(&s.all).cloned();
                    p.map(|p| format!("last_day({p}, {})", self.selector(s, !s.newer_phases)))
                }
                19 if self.c.chance(25) => {
                    // "`between(EARLIEST, LATEST)`: a date the policy gives as a range"
                    let lo = self.atom(s);
                    let hi = if self.c.chance(70) {
                        format!("{lo} + {}", self.duration())
                    } else {
                        self.atom(s)
                    };
                    Some(format!("between({lo}, {hi})"))
                }
                18 if self.c.chance(30) => {
                    // "`about(DATE)`", or "`no_later_than(DATE)`: an upper bound"
                    let f = if self.c.chance(70) {
                        "about"
                    } else {
                        "no_later_than"
                    };
                    Some(format!("{f}({})", self.atom(s)))
                }
                14 | 15 => s.upstream.clone().map(|(alias, phases)| {
                    let sel = match self.c.below(4) {
                        1 => "(newer 1)".to_owned(),
                        2 => format!("(older {})", 1 + self.c.below(2)),
                        _ => String::new(),
                    };
                    let ph = self.c.pick(&phases).cloned().unwrap_or_else(|| "a".into());
                    match self.c.below(5) {
                        0 => format!("end({ph}{}) of {alias}", sel.replace('(', ", ").replace(')', "")),
                        4 => format!(
                            "last_day({ph}{}) of {alias}",
                            sel.replace('(', ", ").replace(')', "")
                        ),
                        1 => format!("start({ph}) of {alias}"),
                        2 => format!("first_ship{sel} of {alias}"),
                        _ => format!("latest{sel} of {alias}"),
                    }
                }),
                _ => Some("first_ship".to_owned()),
            };
            if let Some(o) = out {
                return o;
            }
        }
    }

    fn expr(&mut self, s: &Scope, depth: usize) -> String {
        if depth >= 2 {
            return self.shifted(s, depth);
        }
        match self.c.below(10) {
            0..=3 => self.shifted(s, depth),
            // "`about(DATE)` marks a whole date"
            8 => format!("about({})", self.expr(s, depth + 1)),
            4 => {
                let f = if self.c.chance(50) { "min" } else { "max" };
                let n = 2 + usize::from(self.c.chance(30));
                let args: Vec<String> = (0..n).map(|_| self.expr(s, depth + 1)).collect();
                format!("{f}({})", args.join(", "))
            }
            5 => {
                let fs = [
                    "end_of_month",
                    "start_of_month",
                    "end_of_quarter",
                    "start_of_quarter",
                    "end_of_year",
                    "start_of_year",
                ];
                let f = self.c.pick(&fs).copied().unwrap_or("end_of_month");
                format!("{f}({})", self.expr(s, depth + 1))
            }
            6 | 7 => {
                let fs = ["next", "previous", "in_year"];
                let f = self.c.pick(&fs).copied().unwrap_or("next");
                let p = self.pattern();
                format!("{f}({p}, {})", self.expr(s, depth + 1))
            }
            _ => format!("({}) + {}", self.expr(s, depth + 1), self.duration()),
        }
    }

    fn shifted(&mut self, s: &Scope, _depth: usize) -> String {
        let mut out = self.atom(s);
        let n = self.c.below(4);
        for _ in 0..n.saturating_sub(1) {
            let op = if self.c.chance(25) { "-" } else { "+" };
            let d = self.duration();
            if self.c.chance(8) {
                // "`first_ship + term years` adds as many years as the line's `term` says"
                let unit = self
                    .c
                    .pick(&["years", "months", "weeks", "day"])
                    .copied()
                    .unwrap_or("years");
                if self.c.chance(20) {
                    out.push_str(&format!(" {op} about(level {unit})"));
                } else {
                    out.push_str(&format!(" {op} level {unit}"));
                }
            } else if self.c.chance(6) {
                // "`DATE + about(DURATION)`"
                out.push_str(&format!(" {op} about({d})"));
            } else {
                out.push_str(&format!(" {op} {d}"));
            }
        }
        out
    }

    /// `X unless declared` sometimes, recording `target` as declarable.
    fn declarable(&mut self, e: String, target: String, info: &mut Info) -> String {
        if self.c.chance(15) {
            if !info.declarable.contains(&target) {
                info.declarable.push(target);
            }
            format!("{e} unless declared")
        } else {
            e
        }
    }

    fn policy(&mut self, id: &str, lines: &Lines, upstream: Option<UpstreamChoice>) -> (String, Info) {
        let mut info = Info {
            versions: lines.versions,
            ..Info::default()
        };
        let mut out = format!("policy {id} \"{}\" {{\n", id.to_uppercase());
        if lines.versions != "major.minor.patch" || self.c.chance(50) {
            out.push_str(&format!("  versions \"{}\"\n", lines.versions));
        }
        out.push_str(match (lines.versions, lines.line_len) {
            ("year.month.patch", _) => "  line year.month\n",
            (_, 1) => "  line major\n",
            _ => "  line major.minor\n",
        });
        if self.c.chance(10) {
            // no effect on the dates: the product is evaluated like any other
            out.push_str("  announced \"the vendor announces each end of support\"\n");
        }
        // lines without a dated release go last (language.md, "Versions and release lines")
        match self.c.below(20) {
            17 | 18 => out.push_str("  order lines by first_ship\n"),
            // missing numbers count as lines
            19 | 16 | 15 => out.push_str("  order lines by number\n"),
            _ => {}
        }
        out.push_str("  attribute lts\n  attribute lts_from: date\n  attribute edition: text\n  attribute level: number\n");
        if let Some(line) = self.cadence_line(id) {
            out.push_str(&line);
        }
        if self.c.chance(50) {
            out.push_str("  allow gaps\n  allow overlaps\n");
        }
        out.push_str("  service s \"S\"\n");
        let newer_phases = self.c.chance(25);
        let mut scope = Scope {
            newer_phases,
            has_minor: true,
            calendar: lines.versions == "year.month.patch",
            line_len: lines.line_len,
            lines: lines.names.clone(),
            ..Scope::default()
        };
        if let Some((alias, phases, map)) = &upstream {
            let target = if alias == "p0" {
                String::new()
            } else {
                " = p0".to_owned()
            };
            let mapping = if map.is_empty() {
                String::new()
            } else {
                let parts: Vec<String> = map.iter().map(|(a, b)| format!("\"{a}\" = \"{b}\"")).collect();
                format!(" line {}", parts.join(", "))
            };
            out.push_str(&format!("  upstream {alias}{target}{mapping}\n"));
            scope.upstream = Some((alias.clone(), phases.clone()));
        }
        let nphases = 1 + self.c.below(3);
        let ids: Vec<String> = ["a", "b", "c"]
            .iter()
            .take(nphases)
            .map(|s| (*s).to_owned())
            .collect();
        let with_z = self.c.chance(25);
        scope.all = ids.clone();
        if with_z {
            scope.all.push("z".to_owned());
        }
        let roles = [
            "",
            " role active",
            " role security",
            " role extended",
            " role active, security",
            " role security, extended",
            " role active, security, extended",
        ];
        let mut milestone_scopes: Vec<(String, Scope)> = Vec::new();
        let mut phase_scopes: Vec<(String, Scope)> = Vec::new();
        let mut body = String::new();
        for (i, p) in ids.iter().enumerate() {
            if self.c.chance(20) {
                let m = format!("m{}", scope.milestones.len());
                let e = self.expr(&scope, 0);
                let e = self.declarable(e, m.clone(), &mut info);
                body.push_str(&format!("  milestone {m} \"M\" = {e}\n"));
                milestone_scopes.push((m.clone(), scope.clone()));
                scope.milestones.push(m);
            }
            let from = match (i, self.c.below(4)) {
                (0, 0 | 1) => "first_ship".to_owned(),
                (_, 0 | 1) => format!("end({})", ids.get(i - 1).cloned().unwrap_or_default()),
                _ => self.expr(&scope, 0),
            };
            let from = self.declarable(from, format!("{p}.start"), &mut info);
            let mut until_scope = scope.clone();
            until_scope.before.push(p.clone());
            // `until` may read this phase's start, but not its end
            let until = self.until_expr(&until_scope, p);
            let until = self.declarable(until, format!("{p}.end"), &mut info);
            let kw = if self.c.chance(25) { "through" } else { "until" };
            let role = self.c.pick(&roles).copied().unwrap_or("");
            let allow = if self.c.chance(10) { "    allow gaps\n" } else { "" };
            body.push_str(&format!(
                "  phase {p} \"{}\"{role} {{\n    from {from}\n    {kw} {until}\n    provides s\n{allow}  }}\n",
                p.to_uppercase()
            ));
            phase_scopes.push((p.clone(), scope.clone()));
            scope.before.push(p.clone());
        }
        out.push_str(&body);
        // `when` blocks: refinements, milestone redefinitions, a phase only some lines have
        let nwhen = self.c.below(3);
        if with_z {
            // a phase only the lines of one condition have
            let cond = self.cond_atom(&scope, false);
            let mut zs = scope.clone();
            let f = self.expr(&zs, 0);
            zs.before.push("z".to_owned());
            let e = self.until_expr(&zs, "z");
            out.push_str(&format!(
                "  when {cond} {{\n    phase z \"Z\" {{\n      from {f}\n      until {e}\n      provides s\n    }}\n  }}\n"
            ));
        }
        for w in 0..nwhen {
            let cond = self.cond_atom(&scope, false);
            let mut inner = String::new();
            let items = 1 + self.c.below(2);
            for _ in 0..items {
                match self.c.below(4) {
                    0 | 1 => {
                        if let Some((p, ps)) = phase_scopes.get(self.c.below(phase_scopes.len())).cloned() {
                            let mut us = ps.clone();
                            us.before.push(p.clone());
                            match self.c.below(3) {
                                0 => {
                                    let kw = if self.c.chance(25) { "through" } else { "until" };
                                    let e = self.until_expr(&us, &p);
                                    let e = self.declarable(e, format!("{p}.end"), &mut info);
                                    inner.push_str(&format!("    phase {p} {{\n      {kw} {e}\n    }}\n"));
                                }
                                1 => {
                                    let e = self.expr(&ps, 0);
                                    let e = self.declarable(e, format!("{p}.start"), &mut info);
                                    inner.push_str(&format!("    phase {p} {{\n      from {e}\n    }}\n"));
                                }
                                _ => {
                                    let f = self.expr(&ps, 0);
                                    let e = self.until_expr(&us, &p);
                                    inner.push_str(&format!(
                                        "    phase {p} {{\n      from {f}\n      until {e}\n    }}\n"
                                    ));
                                }
                            }
                        }
                    }
                    2 => {
                        if let Some((m, ms)) = milestone_scopes
                            .get(self.c.below(milestone_scopes.len()))
                            .cloned()
                        {
                            let e = self.expr(&ms, 0);
                            let e = self.declarable(e, m.clone(), &mut info);
                            inner.push_str(&format!("    milestone {m} = {e}\n"));
                        }
                    }
                    _ => {}
                }
            }
            if inner.is_empty() {
                continue;
            }
            if w == 1 && self.c.chance(30) {
                // nested: the conditions combine with `and`
                let outer = self.cond_atom(&scope, false);
                out.push_str(&format!(
                    "  when {outer} {{\n  when {cond} {{\n{inner}  }}\n  }}\n"
                ));
            } else {
                out.push_str(&format!("  when {cond} {{\n{inner}  }}\n"));
            }
        }
        if self.c.chance(20) {
            // a milestone only the lines of one condition have
            let cond = self.cond_atom(&scope, false);
            let e = self.expr(&scope, 0);
            out.push_str(&format!("  when {cond} {{\n    milestone w \"W\" = {e}\n  }}\n"));
        }
        if with_z && self.c.chance(50) {
            let m = format!("m{}", scope.milestones.len());
            out.push_str(&format!("  milestone {m} = end(z)\n"));
        }
        let targets: Vec<String> = ids
            .iter()
            .flat_map(|p| [format!("{p}.end"), format!("{p}.start")])
            .chain(scope.milestones.iter().cloned())
            .collect();
        let declarable = info.declarable.clone();
        out.push_str(&self.pins(&lines.names, &targets, &declarable, &scope));
        out.push_str("}\n");
        info.phase_scopes = phase_scopes;
        info.milestone_scopes = milestone_scopes;
        (out, info)
    }

    /// `policy ID extends p0`: its own versions, order and cadence sometimes, phase and
    /// milestone refinements (plain and in `when`), a phase of its own, its own
    /// overrides and declarations (the base's are not inherited).
    fn extending(&mut self, id: &str, base_id: &str, lines: &Lines, base: &Info) -> (String, Info) {
        let mut out = format!("policy {id} \"{}\" extends {base_id} {{\n", id.to_uppercase());
        let mut versions = base.versions;
        if lines.versions != base.versions || self.c.chance(30) {
            out.push_str(&format!("  versions \"{}\"\n", lines.versions));
            versions = lines.versions;
        }
        if self.c.chance(30) {
            out.push_str(if lines.line_len == 1 {
                "  line major\n"
            } else {
                "  line major.minor\n"
            });
        }
        match self.c.below(10) {
            8 => out.push_str("  order lines by number\n"),
            9 => out.push_str("  order lines by first_ship\n"),
            _ => {}
        }
        if self.c.chance(40) {
            // replaces the base's line cadence
            match self.cadence_line(id) {
                Some(line) => out.push_str(&line),
                None => out.push_str("  cadence line on demand\n"),
            }
        }
        let with_lines = |s: &Scope| {
            let mut s = s.clone();
            s.lines = lines.names.clone();
            s.line_len = lines.line_len;
            s
        };
        let mut declarable = base.declarable.clone();
        let mut info = Info::default();
        // a phase or milestone defined again refines the base's for every line
        let nref = self.c.below(3);
        for _ in 0..nref {
            if self.c.chance(75) {
                let Some((p, ps)) = self.c.pick(&base.phase_scopes).cloned() else {
                    continue;
                };
                let ps = with_lines(&ps);
                let mut us = ps.clone();
                us.before.push(p.clone());
                if self.c.chance(70) {
                    let kw = if self.c.chance(25) { "through" } else { "until" };
                    let e = self.until_expr(&us, &p);
                    let e = self.declarable(e, format!("{p}.end"), &mut info);
                    out.push_str(&format!("  phase {p} {{\n    {kw} {e}\n  }}\n"));
                } else {
                    let e = self.expr(&ps, 0);
                    let e = self.declarable(e, format!("{p}.start"), &mut info);
                    out.push_str(&format!("  phase {p} {{\n    from {e}\n  }}\n"));
                }
            } else if let Some((m, ms)) = self.c.pick(&base.milestone_scopes).cloned() {
                let e = self.expr(&with_lines(&ms), 0);
                let e = self.declarable(e, m.clone(), &mut info);
                out.push_str(&format!("  milestone {m} = {e}\n"));
            }
        }
        // a `when` refinement of a base phase
        if self.c.chance(40) {
            if let Some((p, ps)) = self.c.pick(&base.phase_scopes).cloned() {
                let ps = with_lines(&ps);
                let cond = self.cond_atom(&ps, false);
                let mut us = ps.clone();
                us.before.push(p.clone());
                let e = self.until_expr(&us, &p);
                out.push_str(&format!(
                    "  when {cond} {{\n    phase {p} {{\n      until {e}\n    }}\n  }}\n"
                ));
            }
        }
        // a phase of its own, after the base's
        let mut ids: Vec<String> = base.phase_scopes.iter().map(|(p, _)| p.clone()).collect();
        let mut scope = base
            .phase_scopes
            .last()
            .map(|(_, s)| with_lines(s))
            .unwrap_or_default();
        scope.before = ids.clone();
        scope.milestones = base.milestone_scopes.iter().map(|(m, _)| m.clone()).collect();
        let mut phase_scopes = base.phase_scopes.clone();
        if self.c.chance(30) {
            let last = ids.last().cloned().unwrap_or_else(|| "a".into());
            let d = if ids.iter().any(|x| x == "d") { "e" } else { "d" };
            let mut us = scope.clone();
            us.before.push(d.to_owned());
            let e = self.until_expr(&us, d);
            let e = self.declarable(e, format!("{d}.end"), &mut info);
            out.push_str(&format!(
                "  phase {d} \"D\" role extended {{\n    from end({last})\n    until {e}\n    provides s\n  }}\n"
            ));
            phase_scopes.push((d.to_owned(), scope.clone()));
            ids.push(d.to_owned());
        }
        for t in info.declarable {
            if !declarable.contains(&t) {
                declarable.push(t);
            }
        }
        let targets: Vec<String> = ids
            .iter()
            .flat_map(|p| [format!("{p}.end"), format!("{p}.start")])
            .chain(scope.milestones.iter().cloned())
            .collect();
        out.push_str(&self.pins(&lines.names, &targets, &declarable, &scope));
        out.push_str("}\n");
        let info = Info {
            versions,
            phase_scopes,
            milestone_scopes: base.milestone_scopes.clone(),
            declarable,
        };
        (out, info)
    }

    /// Overrides of `targets` and declarations of `declarable` for some lines (or a
    /// line the catalog lacks); never both for one date of a line.
    fn pins(&mut self, names: &[String], targets: &[String], declarable: &[String], scope: &Scope) -> String {
        let mut out = String::new();
        let os = Scope {
            simple: true,
            has_minor: scope.has_minor,
            calendar: scope.calendar,
            line_len: scope.line_len,
            lines: scope.lines.clone(),
            ..Scope::default()
        };
        let noverride = if self.c.chance(30) { 1 + self.c.below(2) } else { 0 };
        let mut pinned: Vec<(String, String)> = Vec::new();
        for _ in 0..noverride {
            let line = match names.get(self.c.below(names.len() + 1)) {
                Some(l) => l.clone(),
                None => "99".to_owned(),
            };
            let t = self.c.pick(targets).cloned().unwrap_or_else(|| "a.end".into());
            // one override per date of a line
            if pinned.contains(&(line.clone(), t.clone())) {
                continue;
            }
            pinned.push((line.clone(), t.clone()));
            let e = self.shifted(&os, 0);
            out.push_str(&format!("  override line \"{line}\" {t} = {e} because \"r\"\n"));
        }
        if declarable.is_empty() {
            return out;
        }
        // "a `declare` item gives each date the vendor announced"
        let ndeclare = if self.c.chance(70) { 1 + self.c.below(3) } else { 0 };
        for _ in 0..ndeclare {
            let line = match names.get(self.c.below(names.len() + 1)) {
                Some(l) => l.clone(),
                None => "99".to_owned(),
            };
            let t = self.c.pick(declarable).cloned().unwrap_or_else(|| "a.end".into());
            if pinned.contains(&(line.clone(), t.clone())) {
                continue;
            }
            pinned.push((line.clone(), t.clone()));
            // mostly a literal date, as vendors announce them
            let e = if self.c.chance(70) {
                self.literal()
            } else {
                self.shifted(&os, 0)
            };
            out.push_str(&format!(
                "  declare line \"{line}\" {t} = {e} because \"announced\"\n"
            ));
        }
        out
    }

    /// An end for phase `p`: anything, or its own start plus a duration.
    fn until_expr(&mut self, s: &Scope, p: &str) -> String {
        if self.c.chance(20) {
            format!("start({p}) + {}", self.duration())
        } else {
            let mut s2 = s.clone();
            s2.before.retain(|x| x != p);
            self.expr(&s2, 0)
        }
    }
}

/// The first `n` components of a version's core.
pub fn line_of(version: &str, n: usize) -> String {
    let core = version.split(['-', '+', '_', ' ']).next().unwrap_or("");
    core.split('.').take(n).collect::<Vec<_>>().join(".")
}

fn rdate_text(d: RDate) -> String {
    match d {
        RDate::Exact(d) => d.format("%Y-%m-%d").to_string(),
        RDate::Month(y, m) => format!("{y:04}-{m:02}"),
        RDate::Year(y) => format!("{y:04}"),
        RDate::Unknown => "unknown".to_owned(),
    }
}

pub fn render_catalog(releases: &[Rel], format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Toml => {
            for r in releases {
                out.push_str("[[release]]\n");
                out.push_str(&format!(
                    "product = \"{}\"\nversion = \"{}\"\n",
                    r.product, r.version
                ));
                match r.date {
                    RDate::Exact(d) => out.push_str(&format!("date = {}\n", d.format("%Y-%m-%d"))),
                    RDate::Unknown => {}
                    other => out.push_str(&format!("date = \"{}\"\n", rdate_text(other))),
                }
                if let Some(k) = &r.kind {
                    out.push_str(&format!("kind = \"{k}\"\n"));
                }
                if let Some(l) = &r.line {
                    out.push_str(&format!("line = \"{l}\"\n"));
                }
                if r.is_final {
                    out.push_str("final = true\n");
                }
                if let Some(b) = r.lts {
                    out.push_str(&format!("lts = {b}\n"));
                }
                if let Some(d) = r.lts_from {
                    out.push_str(&format!("lts_from = {}\n", d.format("%Y-%m-%d")));
                }
                if let Some(e) = &r.edition {
                    out.push_str(&format!("edition = \"{e}\"\n"));
                }
                if let Some(n) = r.level {
                    out.push_str(&format!("level = {n}\n"));
                }
                out.push('\n');
            }
        }
        Format::Csv => {
            out.push_str("product,version,date,kind,line,final,lts,lts_from,edition\n");
            for r in releases {
                let date = match r.date {
                    RDate::Unknown => String::new(),
                    d => rdate_text(d),
                };
                out.push_str(&format!(
                    "{},{},{},{},{},{},{},{},{}\n",
                    r.product,
                    r.version,
                    date,
                    r.kind.clone().unwrap_or_default(),
                    r.line.clone().unwrap_or_default(),
                    if r.is_final { "true" } else { "" },
                    r.lts.map(|b| b.to_string()).unwrap_or_default(),
                    r.lts_from
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    r.edition.clone().unwrap_or_default(),
                ));
            }
        }
        Format::Json => {
            let rows: Vec<String> = releases
                .iter()
                .map(|r| {
                    let mut f = vec![
                        format!("\"product\": \"{}\"", r.product),
                        format!("\"version\": \"{}\"", r.version),
                    ];
                    f.push(format!("\"date\": \"{}\"", rdate_text(r.date)));
                    if let Some(k) = &r.kind {
                        f.push(format!("\"kind\": \"{k}\""));
                    }
                    if let Some(l) = &r.line {
                        f.push(format!("\"line\": \"{l}\""));
                    }
                    if r.is_final {
                        f.push("\"final\": true".to_owned());
                    }
                    if let Some(b) = r.lts {
                        f.push(format!("\"lts\": {b}"));
                    }
                    if let Some(d) = r.lts_from {
                        f.push(format!("\"lts_from\": \"{}\"", d.format("%Y-%m-%d")));
                    }
                    if let Some(e) = &r.edition {
                        f.push(format!("\"edition\": \"{e}\""));
                    }
                    if let Some(n) = r.level {
                        f.push(format!("\"level\": {n}"));
                    }
                    format!("  {{{}}}", f.join(", "))
                })
                .collect();
            out.push_str(&format!("{{\"releases\": [\n{}\n]}}\n", rows.join(",\n")));
        }
    }
    out
}
