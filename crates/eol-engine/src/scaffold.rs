//! `eol new`: the rule file and the catalog a new vendor starts from.
//!
//! The answers come from flags ([`Answers`]) and, optionally, from an endoflife.date
//! export ([`crate::endoflife::parse`]): its cycles give the line length, the version
//! components, the line cadence, which phases there are and a first guess at how long each
//! lasts, and become the catalog, as `eol import endoflife-csv` makes it. Flags win over
//! what the export suggests.
//!
//! The rule file is written with comments that say what each item means and where the
//! vendor's own words belong, put in the canonical layout by the formatter, and checked:
//! [`Scaffold::diagnostics`] holds what `eol check` would say about it (nothing, unless an
//! answer was wrong). Writing the files is the caller's business.

use std::fmt::Write as _;

use chrono::NaiveDate;
use eol_syntax::Diagnostic;

use crate::endoflife::{self, Cycle, Published};
use crate::model::Role;
use crate::project::RuleFile;

/// The header of an empty catalog: the columns `docs/catalogs.md` names, in its order.
pub const CATALOG_HEADER: &str = "product,version,date,kind,line,final,note\n";

/// Names for version components, in order, as a scaffold writes them.
const COMPONENTS: [&str; 4] = ["major", "minor", "patch", "build"];

/// What the person starting a rule file said (`eol new`'s flags).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// The product id (`policy ID`), also the file's name.
    pub product: String,
    /// The display name (default: the product id).
    pub name: Option<String>,
    pub vendor: Option<String>,
    /// `"major.minor.patch"`: the components of the vendor's versions.
    pub versions: Option<String>,
    /// `major.minor`: the components that make a release line.
    pub line: Option<String>,
    /// `12 months`: how often a new release line appears.
    pub cadence: Option<String>,
    /// The phases, in order; none gives one placeholder phase (or the export's phases).
    pub phases: Vec<PhaseAnswer>,
}

/// One phase, as `--phase "ID:LABEL:until EXPR"` gives it (see [`PhaseAnswer::parse`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseAnswer {
    pub id: String,
    pub label: Option<String>,
    pub role: Option<String>,
    pub from: Option<String>,
    /// `until EXPR` or `through EXPR`, as written.
    pub end: String,
}

impl PhaseAnswer {
    /// Read `ID:LABEL:PART:PART...`, each part one of `until EXPR`, `through EXPR`,
    /// `from EXPR` or `role ROLE`, in any order; one of `until` and `through` is required.
    /// An empty label leaves the phase without one; `role` defaults to the id when the id
    /// is a role (`active`, `security`, `extended`); `from` defaults to `first_ship` for
    /// the first phase and the end of the phase before for the others.
    ///
    /// `active:Active support:until first_ship(newer 1)`,
    /// `maintenance:Maintenance:role security:through end_of_month(first_ship + 2 years)`.
    pub fn parse(text: &str) -> Result<PhaseAnswer, String> {
        let mut parts = text.split(':');
        let id = parts.next().unwrap_or("").trim();
        if !is_name(id) {
            return Err(format!(
                "`{id}` is not a phase name (letters, digits and `_`, starting with a letter or `_`); \
                 write ID:LABEL:until DATE, e.g. `active:Active support:until first_ship + 2 years`"
            ));
        }
        let label = parts.next().map(str::trim).filter(|l| !l.is_empty());
        let mut answer = PhaseAnswer {
            id: id.to_owned(),
            label: label.map(str::to_owned),
            role: Role::from_name(id).map(|r| r.as_str().to_owned()),
            from: None,
            end: String::new(),
        };
        for part in parts {
            let part = part.trim();
            let (word, rest) = part.split_once(char::is_whitespace).unwrap_or((part, ""));
            let rest = rest.trim();
            if rest.is_empty() {
                return Err(format!("`{part}` says nothing after `{word}`"));
            }
            match word {
                "until" | "through" if answer.end.is_empty() => answer.end = format!("{word} {rest}"),
                "until" | "through" => return Err("give one of `until DATE` and `through DATE`, once".into()),
                "from" => answer.from = Some(rest.to_owned()),
                "role" => answer.role = Some(rest.to_owned()),
                _ => {
                    return Err(format!(
                        "`{part}`: a part after the label starts with `until`, `through`, `from` or `role`"
                    ))
                }
            }
        }
        if answer.end.is_empty() {
            return Err(format!(
                "phase `{id}` needs an end: add `:until DATE` (the first day without it) or `:through DATE` (its last day)"
            ));
        }
        Ok(answer)
    }
}

/// A scaffold: the rule file, its catalog, and what checking the rule file found.
#[derive(Clone, Debug, PartialEq)]
pub struct Scaffold {
    /// The rule file, in the canonical layout when it parses.
    pub rules: String,
    /// The catalog (CSV): the header alone, or the export's cycles.
    pub catalog: String,
    /// What `eol check` says about `rules` on its own (spans into `rules`).
    pub diagnostics: Vec<Diagnostic>,
}

impl Scaffold {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The scaffold for these answers and, when given, an endoflife.date export's cycles.
/// Answers that cannot stand in a rule file at all (a product id with spaces, a string
/// with a line break) are an error; answers that make a rule file with problems (a
/// misspelt function in a phase's end) give the file and its diagnostics.
pub fn scaffold(answers: &Answers, cycles: Option<&[Cycle]>) -> Result<Scaffold, String> {
    validate(answers)?;
    let derived = cycles.map(derive).unwrap_or_default();
    let rules = rule_file(answers, &derived);
    let rules = eol_syntax::format(&rules).unwrap_or(rules);
    let checked = RuleFile::load(format!("{}.eol", answers.product), rules.as_bytes());
    let catalog = match cycles {
        Some(cycles) => endoflife::to_catalog(&answers.product, cycles),
        None => CATALOG_HEADER.to_owned(),
    };
    Ok(Scaffold {
        rules,
        catalog,
        diagnostics: checked.diagnostics,
    })
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_product_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Refuse answers that would not stay in their place in the rule file.
fn validate(answers: &Answers) -> Result<(), String> {
    if !is_product_id(&answers.product) {
        return Err(format!(
            "`{}` is not a product id: letters, digits, `-`, `_` and `.`, starting with a letter",
            answers.product
        ));
    }
    if let Some(line) = &answers.line {
        if !line.split('.').all(is_name) {
            return Err(format!(
                "`{line}` is not a line: version components joined by `.`, such as `major.minor`"
            ));
        }
    }
    let texts = [&answers.name, &answers.vendor, &answers.versions];
    for text in texts.into_iter().flatten() {
        if text.contains(['\n', '\r']) {
            return Err(format!("{text:?}: a name cannot span lines"));
        }
    }
    let mut expressions: Vec<(&str, &str)> = Vec::new();
    if let Some(cadence) = &answers.cadence {
        expressions.push(("--cadence", cadence));
    }
    for phase in &answers.phases {
        if phase.label.as_deref().is_some_and(|l| l.contains(['\n', '\r'])) {
            return Err(format!("phase `{}`: a label cannot span lines", phase.id));
        }
        expressions.push((&phase.id, &phase.end));
        if let Some(from) = &phase.from {
            expressions.push((&phase.id, from));
        }
        if let Some(role) = &phase.role {
            if !is_name(role) {
                return Err(format!(
                    "phase `{}`: `{role}` is not a role (active, security, extended)",
                    phase.id
                ));
            }
        }
    }
    for (what, expr) in expressions {
        if let Some(c) = expr
            .chars()
            .find(|c| matches!(c, '{' | '}' | '#' | '"' | '\n' | '\r'))
        {
            return Err(format!(
                "{what}: `{expr}` is not a date expression (it contains {c:?})"
            ));
        }
    }
    Ok(())
}

/// A string literal of the rules language.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// What an endoflife.date export suggests.
#[derive(Clone, Debug, Default)]
struct Derived {
    source: Option<String>,
    versions: Option<String>,
    line: Option<String>,
    cadence: Option<(String, String)>,
    lts: bool,
    lts_from: bool,
    phases: Vec<(PhaseAnswer, String)>,
}

/// `n` version components: `major.minor` for 2.
fn components(n: usize) -> String {
    COMPONENTS
        .iter()
        .take(n.clamp(1, COMPONENTS.len()))
        .copied()
        .collect::<Vec<_>>()
        .join(".")
}

fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// Whole months from `a` to `b`, rounded (a month is 30.44 days on average).
fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let days = (b - a).num_days();
    (days * 100 + 1522) / 3044
}

/// `18 months`, or `3 years` when it is whole years.
fn duration(months: i64) -> String {
    let months = months.max(1);
    match (months % 12, months / 12) {
        (0, 1) => "1 year".to_owned(),
        (0, years) => format!("{years} years"),
        (_, _) if months == 1 => "1 month".to_owned(),
        _ => format!("{months} months"),
    }
}

fn derive(cycles: &[Cycle]) -> Derived {
    let mut derived = Derived {
        source: Some(format!("{} release lines", cycles.len())),
        ..Derived::default()
    };
    // The line: as many components as most cycle names have.
    let mut counts = [0usize; 4];
    for c in cycles {
        let n = c.cycle.split('.').count().clamp(1, 4);
        if let Some(slot) = counts.get_mut(n - 1) {
            *slot += 1;
        }
    }
    let line_len = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or(1, |(i, _)| i + 1);
    // The versions: as many components as the longest version listed (at least the line's).
    let version_len = cycles
        .iter()
        .flat_map(|c| std::iter::once(c.cycle.as_str()).chain(c.latest.as_deref()))
        .map(|v| v.split('.').count())
        .max()
        .unwrap_or(line_len)
        .max(line_len);
    // Cycles named rather than numbered (phone models: `galaxy-s24`, `c1-plus`) are lines of
    // their own, one component named `model`, as in the bundled rules for such vendors.
    let named = cycles
        .iter()
        .filter(|c| !c.cycle.starts_with(|ch: char| ch.is_ascii_digit()))
        .count();
    if !cycles.is_empty() && named * 2 > cycles.len() {
        derived.line = Some("model".to_owned());
        derived.versions = Some("model".to_owned());
    } else if !cycles.is_empty() {
        derived.line = Some(components(line_len));
        derived.versions = Some(components(version_len));
    }
    // The cadence: the median time between one line's first release and the next one's.
    let mut firsts: Vec<NaiveDate> = cycles.iter().filter_map(|c| c.release_date).collect();
    firsts.sort_unstable();
    let gaps: Vec<i64> = firsts
        .iter()
        .zip(firsts.iter().skip(1))
        .map(|(a, b)| months_between(*a, *b))
        .collect();
    if let Some(m) = median(gaps) {
        derived.cadence = Some((
            format!("every {}", duration(m)),
            format!(
                "endoflife.date: new lines come a median {} apart ({} lines)",
                duration(m),
                firsts.len()
            ),
        ));
    }
    derived.lts = cycles.iter().any(|c| c.lts.is_some());
    derived.lts_from = cycles.iter().any(|c| {
        c.lts
            .as_deref()
            .is_some_and(|l| NaiveDate::parse_from_str(l, "%Y-%m-%d").is_ok())
    });
    // The phases: one per column that has values, each lasting the median time the export
    // gives from a line's first release to that column's date.
    let has = |role: Role| cycles.iter().any(|c| c.published(role) != Published::Absent);
    let mut plan: Vec<(Role, &str, &str)> = Vec::new();
    if has(Role::Active) {
        plan.push((Role::Active, "active", "Active support"));
        plan.push((Role::Security, "security", "Security support"));
    } else {
        plan.push((Role::Security, "supported", "Supported"));
    }
    if has(Role::Extended) {
        plan.push((Role::Extended, "extended", "Extended support"));
    }
    // Each guess ends after the one before, so that no line's phase ends before it starts.
    let mut previous: Option<(&str, i64)> = None;
    for (role, id, label) in plan {
        let spans: Vec<i64> = cycles
            .iter()
            .filter_map(|c| match (c.release_date, c.published(role)) {
                (Some(first), Published::Date(end)) => Some(months_between(first, end)),
                _ => None,
            })
            .collect();
        let column = endoflife::column(role);
        let dated = spans.len();
        let todo = "TODO: the vendor's sentence, and the rule it states";
        let (end, months, note) = match (median(spans), previous) {
            (Some(m), after) if after.is_none_or(|(_, p)| m > p) => (
                format!("until first_ship + {}", duration(m)),
                m,
                format!(
                    "endoflife.date's `{column}` comes a median {} after a line's first release\n\
                     ({dated} lines). {todo}",
                    duration(m)
                ),
            ),
            (found, Some((before, p))) => (
                format!("until end({before}) + 1 year"),
                p + 12,
                match found {
                    Some(m) => format!(
                        "endoflife.date's `{column}` comes a median {} after a line's first release\n\
                         ({dated} lines), not after `{before}` ends. {todo}",
                        duration(m)
                    ),
                    None => format!("endoflife.date gives no `{column}` dates. {todo}"),
                },
            ),
            (_, None) => (
                "until first_ship + 1 year".to_owned(),
                12,
                format!("endoflife.date gives no `{column}` dates. {todo}"),
            ),
        };
        derived.phases.push((
            PhaseAnswer {
                id: id.to_owned(),
                label: Some(label.to_owned()),
                role: Some(role.as_str().to_owned()),
                from: None,
                end,
            },
            note,
        ));
        previous = Some((id, months));
    }
    derived
}

/// `# text` lines at the given indentation, one per line of `text`.
fn comment(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

fn rule_file(answers: &Answers, derived: &Derived) -> String {
    let id = &answers.product;
    let name = answers.name.as_deref().unwrap_or(id);
    let mut out = String::new();
    let w = |out: &mut String, line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    comment(
        &mut out,
        "",
        &format!(
            "{name}: lifecycle rules, started with `eol new`.\n\n\
             Above each rule, quote the vendor's sentence it implements and say where it is\n\
             written (page, address, the day you read it). docs/new-vendor.md walks through\n\
             writing rules for a vendor; docs/language.md describes every construct."
        ),
    );
    if let Some(source) = &derived.source {
        comment(
            &mut out,
            "",
            &format!(
                "\nThe catalog and the first guesses below come from an endoflife.date export\n\
                 ({source}); `eol conform` compares the rules with its published dates."
            ),
        );
    }
    w(&mut out, format!("policy {id} {} {{", quoted(name)));
    match &answers.vendor {
        Some(vendor) => w(&mut out, format!("  vendor {}", quoted(vendor))),
        None => comment(&mut out, "  ", "TODO: who makes it: vendor \"Vendor name\""),
    }
    let versions = answers.versions.as_deref().or(derived.versions.as_deref());
    comment(
        &mut out,
        "  ",
        "The dot-separated components of the vendor's version strings, named.",
    );
    w(
        &mut out,
        format!("  versions {}", quoted(versions.unwrap_or("major.minor.patch"))),
    );
    let line = answers
        .line
        .as_deref()
        .or(derived.line.as_deref())
        .unwrap_or("major");
    comment(
        &mut out,
        "  ",
        &format!(
            "A release line, the unit that gets a lifecycle: the releases whose versions\n\
             start with the same {line}."
        ),
    );
    w(&mut out, format!("  line {line}"));
    if line == "model" {
        comment(
            &mut out,
            "  ",
            "Model names are not version numbers: lines are ordered by when they shipped.",
        );
        w(&mut out, "  order lines by first_ship".to_owned());
    }
    if derived.lts {
        comment(
            &mut out,
            "  ",
            "endoflife.date marks LTS lines: `when lts { ... }` gives them their own phases.",
        );
        w(&mut out, "  attribute lts".to_owned());
        if derived.lts_from {
            w(&mut out, "  attribute lts_from: date".to_owned());
        }
    }
    match (&answers.cadence, &derived.cadence) {
        (Some(cadence), _) => {
            comment(
                &mut out,
                "  ",
                "How often a new line appears: dates that depend on lines the catalog does\nnot list yet are projected from it.",
            );
            let cadence = cadence.trim();
            let cadence = if cadence.starts_with("every ") || cadence == "on demand" {
                cadence.to_owned()
            } else {
                format!("every {cadence}")
            };
            w(&mut out, format!("  cadence line {cadence}"));
        }
        (None, Some((cadence, note))) => {
            comment(
                &mut out,
                "  ",
                &format!("{note}.\nTODO: the vendor's words, if it says"),
            );
            w(&mut out, format!("  cadence line {cadence}"));
        }
        (None, None) => comment(
            &mut out,
            "  ",
            "TODO: how often a new line appears, if the vendor says: cadence line every 12 months",
        ),
    }
    out.push('\n');
    comment(
        &mut out,
        "  ",
        "What a customer is entitled to; each phase lists what it provides.\n\
         TODO: the vendor's words for it (bug fixes, security fixes, technical support).",
    );
    w(&mut out, "  service support \"Support\"".to_owned());
    let phases: Vec<(PhaseAnswer, String)> = if !answers.phases.is_empty() {
        answers
            .phases
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    "TODO: the vendor's sentence that defines this phase".to_owned(),
                )
            })
            .collect()
    } else if !derived.phases.is_empty() {
        derived.phases.clone()
    } else {
        vec![(
            PhaseAnswer {
                id: "supported".to_owned(),
                label: Some("Supported".to_owned()),
                role: Some("security".to_owned()),
                from: None,
                end: "until first_ship + 1 year".to_owned(),
            },
            "TODO: the vendor's sentence that says how long a line is supported, as a rule\n\
             (docs/language.md#phases); until then, every line is supported for a year."
                .to_owned(),
        )]
    };
    let mut previous: Option<&str> = None;
    for (phase, note) in &phases {
        out.push('\n');
        comment(&mut out, "  ", note);
        let mut header = format!("  phase {}", phase.id);
        if let Some(label) = &phase.label {
            header.push(' ');
            header.push_str(&quoted(label));
        }
        if let Some(role) = &phase.role {
            header.push_str(" role ");
            header.push_str(role);
        }
        w(&mut out, header + " {");
        let from = match (&phase.from, previous) {
            (Some(from), _) => from.clone(),
            (None, Some(previous)) => format!("end({previous})"),
            (None, None) => "first_ship".to_owned(),
        };
        w(&mut out, format!("    from {from}"));
        w(&mut out, format!("    {}", phase.end));
        w(&mut out, "    provides support".to_owned());
        w(&mut out, "  }".to_owned());
        previous = Some(&phase.id);
    }
    w(&mut out, "}".to_owned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_answers() {
        let p = PhaseAnswer::parse("active:Active support:until first_ship(newer 1)").unwrap();
        assert_eq!(p.id, "active");
        assert_eq!(p.label.as_deref(), Some("Active support"));
        assert_eq!(p.role.as_deref(), Some("active"));
        assert_eq!(p.end, "until first_ship(newer 1)");
        let p =
            PhaseAnswer::parse("maint::role security:through end_of_month(latest):from first_ship").unwrap();
        assert_eq!(p.label, None);
        assert_eq!(p.role.as_deref(), Some("security"));
        assert_eq!(p.from.as_deref(), Some("first_ship"));
        assert_eq!(p.end, "through end_of_month(latest)");
        for bad in [
            "",
            "2x:Label:until first_ship",
            "p:Label",
            "p:Label:until",
            "p:Label:until a:through b",
            "p:Label:forever",
        ] {
            assert!(PhaseAnswer::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(months_between(d("2020-01-01"), d("2023-01-01")), 36);
        assert_eq!(months_between(d("2020-12-25"), d("2024-03-31")), 39);
        assert_eq!(duration(36), "3 years");
        assert_eq!(duration(12), "1 year");
        assert_eq!(duration(0), "1 month");
        assert_eq!(duration(18), "18 months");
    }

    #[test]
    fn answers_that_cannot_stand_in_a_rule_file() {
        let base = Answers {
            product: "acme".into(),
            ..Answers::default()
        };
        let refused = |a: Answers| scaffold(&a, None).is_err();
        assert!(refused(Answers {
            product: "acme db".into(),
            ..base.clone()
        }));
        assert!(refused(Answers {
            line: Some("major minor".into()),
            ..base.clone()
        }));
        assert!(refused(Answers {
            vendor: Some("a\nb".into()),
            ..base.clone()
        }));
        assert!(refused(Answers {
            phases: vec![PhaseAnswer::parse("p:P:until first_ship } policy x {").unwrap()],
            ..base.clone()
        }));
        let quoted = scaffold(
            &Answers {
                vendor: Some("\"Quotes\" \\ Co".into()),
                ..base
            },
            None,
        )
        .unwrap();
        assert!(
            quoted.rules.contains(r#"vendor "\"Quotes\" \\ Co""#),
            "{}",
            quoted.rules
        );
        assert!(!quoted.has_errors());
    }
}
