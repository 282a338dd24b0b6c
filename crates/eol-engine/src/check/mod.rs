//! The checker: from a syntax tree to a resolved [`Policy`], with every problem.
//!
//! Parse loosely, check strictly: the grammar accepts any name where a phase,
//! unit or function goes, and this module resolves each one, suggesting the
//! closest known name when it fails. It never stops at the first problem.

use std::collections::{BTreeMap, HashMap};

use eol_syntax::ast;
use eol_syntax::{Code, Diagnostic, Span};

use crate::model::*;
use crate::suggest::did_you_mean;

mod cond;
mod declared;
mod expr;
mod extends;
mod header;
mod items;
mod passes;
mod patterns;
mod scope;
mod sources;

pub(crate) use scope::duplicate;
use scope::unknown;

/// The largest amount a duration may have, and the latest year a date may name.
pub const MAX_AMOUNT: i64 = 10_000;
pub const MAX_YEAR: i32 = 9999;

/// Built-in date names.
pub const NAMES: [&str; 4] = ["first_ship", "latest", "final", "version_month"];
/// Built-in functions (from [the table](crate::builtins)).
pub use crate::builtins::FUNCTIONS;
pub const UNITS: [&str; 8] = ["day", "days", "week", "weeks", "month", "months", "year", "years"];
pub const CLASSES: [&str; 2] = ["even", "odd"];
pub const ALLOWANCES: [&str; 2] = ["gaps", "overlaps"];
pub const ORDER_KEYS: [&str; 3] = ["version", "first_ship", "number"];
/// Cadence kinds `eol` knows: `line` (new release lines, which projections use) and
/// common release kinds. Any other name is a kind of its own (`tooling`, `errata`),
/// unless it is a near miss of one of these (`liqne`, `pach`), which is taken for a
/// misspelling.
pub const CADENCE_KINDS: [&str; 12] = [
    "line",
    "major",
    "minor",
    "patch",
    "security",
    "feature",
    "maintenance",
    "bugfix",
    "hotfix",
    "service_pack",
    "fix_pack",
    "lts",
];

/// Check one parsed file. Returns the policies that could be resolved (possibly
/// partially) and every diagnostic.
pub fn check_file(file: &ast::File) -> (Vec<Policy>, Vec<Diagnostic>) {
    check_file_with(file, &mut |_, p| check_policy(p))
}

/// A policy checked on its own: its model and its diagnostics.
pub type Checked = (Policy, Vec<Diagnostic>);

/// Check one policy on its own, as [`check_file`] checks a policy that extends none (or
/// whose base is missing): its model and its diagnostics depend on its tree alone, so
/// a policy whose text did not change keeps them (moved to where it now stands).
pub fn check_policy(p: &ast::Policy) -> Checked {
    let mut diags = Vec::new();
    let policy = Checker::new(&mut diags).policy(p);
    (policy, diags)
}

/// [`check_file`], with each policy checked on its own by `own(index, policy)`:
/// [`check_policy`], or what a cache kept of it (the language server's re-check). A
/// policy that inherits items (`extends`) is checked here, with them.
pub fn check_file_with(
    file: &ast::File,
    own: &mut dyn FnMut(usize, &ast::Policy) -> Checked,
) -> (Vec<Policy>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut policies = Vec::new();
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut bases = extends::Bases::new(file);
    // Diagnostics reported so far, for a policy that inherits the items they point at.
    let mut reported = extends::Seen::new();
    for (i, p) in file.policies.iter().enumerate() {
        let before = diags.len();
        if let Some(first) = seen.get(p.id.node.as_str()) {
            diags.push(duplicate("policy", &p.id, *first));
        } else {
            seen.insert(&p.id.node, p.id.span);
        }
        let (items, problem) = bases.items(file, i);
        match (&p.extends, items) {
            (None, _) | (_, None) => {
                let (policy, mut own_diags) = own(i, p);
                diags.append(&mut own_diags);
                policies.push(policy);
            }
            (Some(base), Some(items)) => {
                // Check the policy with what it inherits; report what only shows here.
                let whole = ast::Policy {
                    id: p.id.clone(),
                    label: p.label.clone(),
                    extends: p.extends.clone(),
                    items,
                    span: p.span,
                };
                let mut own = Vec::new();
                let mut checker = Checker::new(&mut own);
                policies.push(checker.policy(&whole));
                if problem.is_some() {
                    // Without its base the policy lacks what it meant to inherit; say why once.
                    own.retain(|d| {
                        !matches!(Code::from_name(d.code), Some(Code::MissingLine | Code::NoPhases))
                    });
                }
                diags.extend(problem);
                let own = extends::inherited_diagnostics(own, p.span, base.span, &p.id.node, &reported);
                diags.extend(own);
            }
        }
        if bases.wanted_any() {
            reported.extend(diags.iter().skip(before).map(extends::key));
        }
    }
    (policies, diags)
}

struct Checker<'d> {
    diags: &'d mut Vec<Diagnostic>,
    components: Vec<String>,
    /// how many leading components make a release line
    line_len: usize,
    attributes: Vec<AttrDecl>,
    services: Vec<Service>,
    phases: Vec<PhaseDecl>,
    milestones: Vec<MilestoneDecl>,
    /// aliases of the declared `upstream`s, in order
    upstreams: Vec<String>,
    prerelease: Vec<String>,
    /// inside a selector's `where`, where `same COMPONENT` may stand
    in_selector: bool,
    /// the index of every declared name, so that resolving one is not a scan (a
    /// policy of 60,000 milestones took 16 s to check)
    index: Names,
    /// the target's span of each entry of [`Policy::declared`], for diagnostics
    declared_at: Vec<Span>,
    /// each override's and each declaration's line (lowercased) and date, to the item's
    /// span: a second one for the same is found by a lookup, not a scan
    overridden: HashMap<(String, Target), Span>,
    declared: HashMap<(String, Target), Span>,
    /// each `alias`, `purl` and `cpe` given, to where: a repeat is a lookup, not a scan
    names_given: HashMap<NameKey, Span>,
}

/// A product name as compared for repeats (an alias folded; a package URL or CPE as parsed).
#[derive(PartialEq, Eq, Hash)]
enum NameKey {
    Alias(String),
    Purl(crate::identifiers::Purl),
    Cpe(crate::identifiers::Cpe),
}

/// Declared names by kind, each to its index in the checker's list.
#[derive(Default)]
struct Names {
    attributes: HashMap<String, usize>,
    services: HashMap<String, usize>,
    phases: HashMap<String, usize>,
    milestones: HashMap<String, usize>,
}

/// What a syntactic expression denotes, before resolution.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Date,
    Duration,
}

impl<'d> Checker<'d> {
    fn new(diags: &'d mut Vec<Diagnostic>) -> Self {
        Checker {
            diags,
            components: Vec::new(),
            line_len: 0,
            attributes: Vec::new(),
            services: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            upstreams: Vec::new(),
            prerelease: Vec::new(),
            in_selector: false,
            index: Names::default(),
            declared_at: Vec::new(),
            overridden: HashMap::new(),
            declared: HashMap::new(),
            names_given: HashMap::new(),
        }
    }

    /// Check one policy: its header, then the names it declares, then the items that
    /// give dates, then the passes over the whole policy.
    fn policy(&mut self, p: &ast::Policy) -> Policy {
        let mut policy = self.empty_policy(p);
        // Pass 1: declarations every rule may refer to, wherever they stand.
        let line_item = self.header_items(&p.items, &mut policy);
        self.components = policy.components.clone();
        self.prerelease = policy.prerelease.clone();
        self.line(p, line_item, &mut policy);
        self.line_len = policy.line_len;
        self.line_builds(&p.items, &mut policy);
        self.superseded(&p.items, &mut policy);
        // Pass 2: attributes, services, then the ids of phases and milestones (in
        // any nesting), so rules may refer to names declared later.
        self.collect_decls(&p.items);
        // Pass 3: bodies.
        self.bodies(&p.items, &mut Vec::new(), &mut policy);
        if self.phases.is_empty() {
            let d = Diagnostic::error(
                Code::NoPhases,
                format!("policy `{}` declares no phase", p.id.node),
                p.id.span,
                "this policy",
            )
            .with_help("add at least one `phase ID \"Name\" { from ... until ... provides ... }`");
            self.err(d);
        }
        policy.attributes = std::mem::take(&mut self.attributes);
        policy.services = std::mem::take(&mut self.services);
        policy.phases = std::mem::take(&mut self.phases);
        policy.milestones = std::mem::take(&mut self.milestones);
        // Pass 4: the whole policy.
        self.diags.extend(passes::phase_checks(&policy));
        self.check_declared(&policy);
        self.diags.extend(passes::cycles(&policy));
        self.diags.extend(passes::unused_services(&policy));
        policy
    }

    /// The policy before its items: its id, display name and the defaults.
    fn empty_policy(&mut self, p: &ast::Policy) -> Policy {
        Policy {
            id: p.id.node.clone(),
            id_span: p.id.span,
            name: p
                .label
                .as_ref()
                .map(|l| self.labels(l))
                .unwrap_or_else(|| Labels {
                    default: p.id.node.clone(),
                    by_lang: BTreeMap::new(),
                }),
            vendor: None,
            components: vec!["major".into(), "minor".into(), "patch".into()],
            line_len: 0,
            order: LineOrder::Version,
            attributes: Vec::new(),
            prerelease: Vec::new(),
            cadences: Vec::new(),
            services: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            overrides: Vec::new(),
            declared: Vec::new(),
            upstreams: Vec::new(),
            names: Vec::new(),
            line_aliases: Vec::new(),
            line_builds: Vec::new(),
            announced: None,
            sources: Vec::new(),
            superseded: None,
            allow_gaps: false,
            allow_overlaps: false,
            span: p.span,
        }
    }
}

#[allow(dead_code)]
fn _assert_did_you_mean() -> Option<String> {
    did_you_mean("x", ["y"].iter().copied())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::model::DateKind;

    /// Item 4 of the hardening issue: resolving a name scanned every name declared,
    /// so checking was quadratic in milestones (60,000: 16 s; the benchmark
    /// `check_many_milestones` measures it). Names now resolve through an index.
    #[test]
    fn checker_resolves_sixty_thousand_milestones() {
        let mut text = String::from(
            "policy m \"M\" {\n  line major\n  service s\n  phase a {\n    from first_ship\n    until m59999\n    provides s\n  }\n  milestone m0 = first_ship\n",
        );
        for i in 1..60_000 {
            text.push_str(&format!("  milestone m{i} = m{} + 1 day\n", i - 1));
        }
        text.push_str("  milestone m1 = first_ship\n}\n");
        let parsed = eol_syntax::parse(&text);
        let (policies, diags) = super::check_file(&parsed.file);
        // the one problem: m1 defined twice, pointing back at the first
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, eol_syntax::Code::DuplicateDefinition.as_str());
        let p = &policies[0];
        assert_eq!(p.milestones.len(), 60_000);
        let last = &p.milestones[59_999].defs[0].value;
        assert!(
            matches!(&last.kind, DateKind::Shift(inner, _) if matches!(inner.kind, DateKind::Milestone(59_998))),
            "{last:?}"
        );
        assert!(matches!(
            p.phases[0].defs[0].until.as_ref().map(|e| &e.kind),
            Some(DateKind::Milestone(59_999))
        ));
    }

    /// A repeated `alias line` name is found by one lookup per name (it was a scan of every
    /// name before it): 40,000 names, the last repeating the first of its line.
    #[test]
    fn checker_finds_a_repeated_line_name_among_forty_thousand() {
        let mut text = String::from("policy d \"D\" {\n  line major\n");
        for i in 0..40_000 {
            text.push_str(&format!("  alias line {} \"name{i}\"\n", i % 100));
        }
        text.push_str("  alias line 0 \"NAME0\"\n  service s\n  phase a {\n    from first_ship\n    until first_ship + 1 year\n    provides s\n  }\n}\n");
        let parsed = eol_syntax::parse(&text);
        let (policies, diags) = super::check_file(&parsed.file);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message, "line `0` is given the name `NAME0` twice");
        assert_eq!(diags[0].related[0].span.text(&text), "\"name0\"");
        assert_eq!(policies[0].line_aliases.len(), 40_000);
    }

    /// `alias line`: the names kept in source order with the line they name; a name
    /// that is the line's own is a warning and not kept.
    #[test]
    fn line_aliases_are_kept_and_a_lines_own_name_is_a_warning() {
        let text = "policy u \"U\" {\n  line major.minor\n  alias line 22.04 \"jammy\", \"Jammy Jellyfish\"\n  alias line \"22.10\" \" 22.10 \", \"kinetic\"\n  service s\n  phase a {\n    from first_ship\n    until first_ship + 9 months\n    provides s\n  }\n}\n";
        let parsed = eol_syntax::parse(text);
        let (policies, diags) = super::check_file(&parsed.file);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, eol_syntax::Code::DuplicateDefinition.as_str());
        assert_eq!(diags[0].severity, eol_syntax::Severity::Warning);
        assert_eq!(diags[0].message, "` 22.10 ` is the line's own name");
        let kept: Vec<(&str, &str)> = policies[0]
            .line_aliases
            .iter()
            .map(|a| (a.line.as_str(), a.name.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("22.04", "jammy"),
                ("22.04", "Jammy Jellyfish"),
                ("22.10", "kinetic")
            ]
        );
        assert_eq!(policies[0].line_aliases[0].span.text(text), "\"jammy\"");
        assert_eq!(policies[0].line_aliases[0].line_span.text(text), "22.04");
    }
}
