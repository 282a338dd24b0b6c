//! The checker: from a syntax tree to a resolved [`Policy`], with every problem.
//!
//! Parse loosely, check strictly: the grammar accepts any name where a phase,
//! unit or function goes, and this module resolves each one, suggesting the
//! closest known name when it fails. It never stops at the first problem.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use eol_syntax::ast::{self, ExprKind, ItemKind, OperandKind, PatternKind, PhaseStmtKind};
use eol_syntax::{Code, Diagnostic, Span, Spanned};

use crate::builtins::{self, Function, LineDate, PhaseEdge};
use crate::dates::{self, Ordinal, Pattern, Unit};
use crate::model::*;
use crate::suggest::{did_you_mean, suggest};
use crate::version::Version;

mod declared;
mod extends;
mod sources;

/// The largest amount a duration may have, and the latest year a date may name.
pub const MAX_AMOUNT: i64 = 10_000;
pub const MAX_YEAR: i32 = 9999;

/// Built-in date names.
pub const NAMES: [&str; 3] = ["first_ship", "latest", "final"];
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
                let mut checker = Checker::new(&mut diags);
                policies.push(checker.policy(p));
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

pub(crate) fn duplicate(what: &str, id: &Spanned<String>, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateDefinition,
        format!("{what} `{}` is defined twice", id.node),
        id.span,
        "defined again here",
    )
    .with_related(first, "first defined here")
    .with_help(format!("rename one of them, or remove the second {what}"))
}

struct Checker<'d> {
    diags: &'d mut Vec<Diagnostic>,
    components: Vec<String>,
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
            attributes: Vec::new(),
            services: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            upstreams: Vec::new(),
            prerelease: Vec::new(),
            in_selector: false,
            index: Names::default(),
            declared_at: Vec::new(),
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn attribute_index(&self, name: &str) -> Option<usize> {
        self.index.attributes.get(name).copied()
    }

    fn service_index(&self, id: &str) -> Option<usize> {
        self.index.services.get(id).copied()
    }

    fn phase_index(&self, id: &str) -> Option<usize> {
        self.index.phases.get(id).copied()
    }

    fn milestone_index(&self, id: &str) -> Option<usize> {
        self.index.milestones.get(id).copied()
    }

    fn policy(&mut self, p: &ast::Policy) -> Policy {
        let mut policy = Policy {
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
            announced: None,
            sources: Vec::new(),
            allow_gaps: false,
            allow_overlaps: false,
            span: p.span,
        };
        // Pass 1: declarations every rule may refer to, wherever they stand.
        let mut singles: HashMap<&'static str, Span> = HashMap::new();
        let mut line_item: Option<(&Vec<ast::Ident>, Span)> = None;
        for item in &p.items {
            let single = match &item.kind {
                ItemKind::Vendor(_) => Some("vendor"),
                ItemKind::Announced(_) => Some("announced"),
                ItemKind::Versions(_) => Some("versions"),
                ItemKind::Line(_) => Some("line"),
                ItemKind::Order { .. } => Some("order"),
                _ => None,
            };
            if let Some(kw) = single {
                if let Some(first) = singles.get(kw) {
                    let d = Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("`{kw}` is given twice"),
                        item.span,
                        "given again here",
                    )
                    .with_related(*first, "first given here")
                    .with_help(format!("a policy has one `{kw}`; remove one of them"));
                    self.err(d);
                    continue;
                }
                singles.insert(kw, item.span);
            }
            match &item.kind {
                ItemKind::Vendor(v) => {
                    self.non_empty(v, "vendor name");
                    policy.vendor = Some(v.node.clone());
                }
                ItemKind::Announced(reason) if self.non_empty(reason, "reason") => {
                    policy.announced = Some(reason.node.clone());
                }
                ItemKind::Versions(v) => {
                    if let Some(c) = self.scheme(v) {
                        policy.components = c;
                    }
                }
                ItemKind::Line(parts) => line_item = Some((parts, item.span)),
                ItemKind::Order { what, key } => {
                    if what.node != "lines" {
                        self.err(
                            Diagnostic::error(
                                Code::Syntax,
                                format!("expected `lines`, found `{}`", what.node),
                                what.span,
                                "expected `lines`",
                            )
                            .with_help("write `order lines by version` or `order lines by first_ship`"),
                        );
                    }
                    match key.node.as_str() {
                        "version" => policy.order = LineOrder::Version,
                        "first_ship" => policy.order = LineOrder::FirstShip,
                        "number" => policy.order = LineOrder::Number,
                        _ => self.unknown(Code::UnknownOrder, "line order", key, &ORDER_KEYS),
                    }
                }
                ItemKind::Prerelease(markers) => {
                    for m in markers {
                        if self.non_empty(m, "pre-release marker") {
                            policy.prerelease.push(m.node.to_ascii_lowercase());
                        }
                    }
                }
                ItemKind::Names { kind, values } => self.names(*kind, values, &mut policy),
                ItemKind::Allow(what) => match what.node.as_str() {
                    "gaps" => policy.allow_gaps = true,
                    "overlaps" => policy.allow_overlaps = true,
                    _ => self.unknown(Code::UnknownAllowance, "allowance", what, &ALLOWANCES),
                },
                ItemKind::Upstream {
                    alias,
                    product,
                    lines,
                } => {
                    self.upstream_item(alias, product.as_ref(), lines, item.span, &mut policy);
                }
                _ => {}
            }
        }
        self.components = policy.components.clone();
        self.prerelease = policy.prerelease.clone();
        match line_item {
            Some((parts, span)) => policy.line_len = self.line_decl(parts, span),
            None => {
                let d = Diagnostic::error(
                    Code::MissingLine,
                    format!("policy `{}` does not say what a release line is", p.id.node),
                    p.id.span,
                    "this policy",
                )
                .with_help(format!(
                    "add `line {}` (or however many components make a line)",
                    self.components.first().map_or("major", String::as_str)
                ));
                self.err(d);
                policy.line_len = 1;
            }
        }
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
        self.phase_checks(&policy);
        self.check_declared(&policy);
        self.cycles();
        self.unused_services();
        policy.attributes = std::mem::take(&mut self.attributes);
        policy.services = std::mem::take(&mut self.services);
        policy.phases = std::mem::take(&mut self.phases);
        policy.milestones = std::mem::take(&mut self.milestones);
        policy
    }

    fn non_empty(&mut self, text: &Spanned<String>, what: &str) -> bool {
        if text.node.trim().is_empty() {
            self.err(
                Diagnostic::error(Code::EmptyText, format!("empty {what}"), text.span, "empty")
                    .with_help(format!("write the {what} between the quotes")),
            );
            return false;
        }
        true
    }

    /// `alias`, `purl` and `cpe`: each value well-formed and given once in the policy.
    fn names(&mut self, kind: ast::NameKind, values: &[Spanned<String>], policy: &mut Policy) {
        use crate::identifiers::{fold, Cpe, Purl};
        for v in values {
            let what = match kind {
                ast::NameKind::Alias => "alias",
                ast::NameKind::Purl => "package URL",
                ast::NameKind::Cpe => "CPE",
            };
            if !self.non_empty(v, what) {
                continue;
            }
            let name = match kind {
                ast::NameKind::Alias => {
                    let folded = fold(&v.node);
                    if folded == fold(&policy.id) {
                        self.err(
                            Diagnostic::warning(
                                Code::DuplicateDefinition,
                                format!("alias `{}` is the policy's own id", v.node),
                                v.span,
                                "same as the id",
                            )
                            .with_help("ids are matched without regard to case already; remove this alias"),
                        );
                        continue;
                    }
                    ProductName::Alias {
                        name: folded,
                        span: v.span,
                    }
                }
                ast::NameKind::Purl => match Purl::parse(&v.node) {
                    Ok(purl) if purl.version.is_some() => {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("package URL `{}` names a version", v.node),
                                v.span,
                                "has `@VERSION`",
                            )
                            .with_help("a policy names the package, not one release of it; drop the `@` and what follows"),
                        );
                        continue;
                    }
                    Ok(purl) => ProductName::Purl { purl, span: v.span },
                    Err(why) => {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("`{}` is not a package URL", v.node),
                                v.span,
                                "not a package URL",
                            )
                            .with_help(format!(
                                "{why}, e.g. `pkg:npm/next` or `pkg:deb/debian/postgresql-*`"
                            )),
                        );
                        continue;
                    }
                },
                ast::NameKind::Cpe => match Cpe::parse(&v.node) {
                    Ok(cpe) if cpe.version.is_some() => {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("CPE `{}` names a version", v.node),
                                v.span,
                                "has a version",
                            )
                            .with_help("a policy names the product; end the CPE after the product, or put `*` for the version"),
                        );
                        continue;
                    }
                    Ok(cpe) => ProductName::Cpe { cpe, span: v.span },
                    Err(why) => {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("`{}` is not a CPE", v.node),
                                v.span,
                                "not a CPE",
                            )
                            .with_help(format!("{why}, e.g. `cpe:2.3:a:nodejs:node.js`")),
                        );
                        continue;
                    }
                },
            };
            let same = policy.names.iter().find(|n| match (n, &name) {
                (ProductName::Alias { name: a, .. }, ProductName::Alias { name: b, .. }) => a == b,
                (ProductName::Purl { purl: a, .. }, ProductName::Purl { purl: b, .. }) => a == b,
                (ProductName::Cpe { cpe: a, .. }, ProductName::Cpe { cpe: b, .. }) => a == b,
                _ => false,
            });
            if let Some(first) = same {
                let d = Diagnostic::error(
                    Code::DuplicateDefinition,
                    format!("{what} `{}` is given twice", v.node),
                    v.span,
                    "given again here",
                )
                .with_related(first.span(), "first given here")
                .with_help("remove one of them");
                self.err(d);
                continue;
            }
            policy.names.push(name);
        }
    }

    fn unknown(&mut self, code: Code, what: &str, name: &Spanned<String>, known: &[&str]) {
        self.err(unknown(code, what, name, known));
    }
}

/// `cadence liqne every 6 months`: a near miss of a known kind.
fn misspelt_cadence_kind(kind: &Spanned<String>, near: &str) -> Diagnostic {
    let help = if near == "line" {
        "did you mean `line`, the cadence of new release lines (which projects the dates of lines not in the catalog yet)?".to_owned()
    } else {
        format!("did you mean `{near}`? (a release kind of your own needs a name unlike the known kinds)")
    };
    Diagnostic::error(
        Code::UnknownCadenceKind,
        format!("unknown cadence kind `{}`", kind.node),
        kind.span,
        "not a known kind",
    )
    .with_help(help)
}

fn unknown(code: Code, what: &str, name: &Spanned<String>, known: &[&str]) -> Diagnostic {
    {
        let mut d = Diagnostic::error(
            code,
            format!("unknown {what} `{}`", name.node),
            name.span,
            format!("not a known {what}"),
        );
        d.help = Some(match suggest(&name.node, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if known.is_empty() => format!("no {what} is declared"),
            None => format!("known: {}", list(known)),
        });
        d
    }
}

impl Checker<'_> {
    fn labels(&mut self, l: &ast::Label) -> Labels {
        self.non_empty(&l.text, "display name");
        let mut by_lang = BTreeMap::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (lang, text) in &l.translations {
            if !(2..=3).contains(&lang.node.len()) || !lang.node.chars().all(|c| c.is_ascii_lowercase()) {
                self.err(
                    Diagnostic::error(
                        Code::InvalidLanguage,
                        format!("`{}` is not a language code", lang.node),
                        lang.span,
                        "expected a language code",
                    )
                    .with_help("use a two- or three-letter lowercase ISO 639 code, such as `de` or `fr`"),
                );
                continue;
            }
            if let Some(first) = seen.get(lang.node.as_str()) {
                self.err(duplicate("translation", lang, *first).with_help(format!(
                    "give one `{}` translation per display name; remove one of them",
                    lang.node
                )));
                continue;
            }
            seen.insert(&lang.node, lang.span);
            self.non_empty(text, "translation");
            by_lang.insert(lang.node.clone(), text.node.clone());
        }
        Labels {
            default: l.text.node.clone(),
            by_lang,
        }
    }

    fn scheme(&mut self, v: &Spanned<String>) -> Option<Vec<String>> {
        let parts: Vec<&str> = v.node.split('.').collect();
        let mut out: Vec<String> = Vec::new();
        for part in &parts {
            let ok = !part.is_empty()
                && part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok || out.iter().any(|o| o == part) {
                let d = Diagnostic::error(
                    Code::InvalidScheme,
                    format!("`{}` is not a version scheme", v.node),
                    v.span,
                    if ok {
                        format!("`{part}` appears twice")
                    } else if part.is_empty() {
                        "an empty component (two dots in a row, or a dot at an end)".to_owned()
                    } else {
                        format!("`{part}` is not a component name")
                    },
                )
                .with_help("name each dot-separated component once, e.g. `versions \"major.minor.patch\"` or `\"year.quarter.patch\"`");
                self.err(d);
                return None;
            }
            out.push((*part).to_owned());
        }
        Some(out)
    }

    fn line_decl(&mut self, parts: &[ast::Ident], span: Span) -> usize {
        for (i, part) in parts.iter().enumerate() {
            match self.components.iter().position(|c| *c == part.node) {
                Some(pos) if pos == i => {}
                Some(_) => {
                    let d = Diagnostic::error(
                        Code::InvalidLine,
                        "a release line is a prefix of the version components",
                        part.span,
                        format!("`{}` is out of order", part.node),
                    )
                    .with_help(format!(
                        "list the leading components in order: `line {}`",
                        self.components
                            .iter()
                            .take(parts.len())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(".")
                    ));
                    self.err(d);
                    return parts.len();
                }
                None => {
                    let known: Vec<&str> = self.components.iter().map(String::as_str).collect();
                    self.diags
                        .push(unknown(Code::UnknownComponent, "version component", part, &known));
                    return parts.len();
                }
            }
        }
        if parts.is_empty() {
            self.err(Diagnostic::error(
                Code::InvalidLine,
                "empty line declaration",
                span,
                "here",
            ));
            return 1;
        }
        parts.len()
    }

    fn collect_decls(&mut self, items: &[ast::Item]) {
        for item in items {
            match &item.kind {
                ItemKind::Attribute { name, ty } => {
                    if let Some(first) = self
                        .attribute_index(&name.node)
                        .and_then(|i| self.attributes.get(i))
                        .map(|a| a.span)
                    {
                        self.err(duplicate("attribute", name, first));
                        continue;
                    }
                    if ["final", "kind", "line", "version", "date", "product", "note"]
                        .contains(&name.node.as_str())
                    {
                        self.err(
                            Diagnostic::error(
                                Code::ReservedName,
                                format!("`{}` is a catalog column, not an attribute", name.node),
                                name.span,
                                "reserved",
                            )
                            .with_help("catalog columns are always available; only declare extra attributes such as `lts` or `edition`"),
                        );
                        continue;
                    }
                    let ty = match ty {
                        None => AttrType::Bool,
                        Some(t) => match AttrType::from_name(&t.node) {
                            Some(ty) => ty,
                            None => {
                                self.unknown(Code::UnknownType, "attribute type", t, &AttrType::NAMES);
                                AttrType::Text
                            }
                        },
                    };
                    self.index
                        .attributes
                        .insert(name.node.clone(), self.attributes.len());
                    self.attributes.push(AttrDecl {
                        name: name.node.clone(),
                        ty,
                        span: name.span,
                    });
                }
                ItemKind::Service { id, label } => {
                    if let Some(first) = self
                        .service_index(&id.node)
                        .and_then(|i| self.services.get(i))
                        .map(|s| s.span)
                    {
                        self.err(duplicate("service", id, first));
                        continue;
                    }
                    let labels = match label {
                        Some(l) => self.labels(l),
                        None => Labels {
                            default: id.node.clone(),
                            by_lang: BTreeMap::new(),
                        },
                    };
                    self.index.services.insert(id.node.clone(), self.services.len());
                    self.services.push(Service {
                        id: id.node.clone(),
                        labels,
                        span: id.span,
                    });
                }
                ItemKind::Phase(ph) if self.phase_index(&ph.id.node).is_none() => {
                    self.index.phases.insert(ph.id.node.clone(), self.phases.len());
                    self.phases.push(PhaseDecl {
                        id: ph.id.node.clone(),
                        labels: Labels {
                            default: ph.id.node.clone(),
                            by_lang: BTreeMap::new(),
                        },
                        role: None,
                        role_span: None,
                        more_roles: Vec::new(),
                        defs: Vec::new(),
                        span: ph.id.span,
                    });
                }
                ItemKind::Milestone { id, .. } if self.milestone_index(&id.node).is_none() => {
                    self.index
                        .milestones
                        .insert(id.node.clone(), self.milestones.len());
                    self.milestones.push(MilestoneDecl {
                        id: id.node.clone(),
                        labels: Labels {
                            default: id.node.clone(),
                            by_lang: BTreeMap::new(),
                        },
                        defs: Vec::new(),
                        span: id.span,
                    });
                }
                ItemKind::When { items, .. } => self.collect_decls(items),
                _ => {}
            }
        }
    }

    fn bodies(&mut self, items: &[ast::Item], conds: &mut Vec<Cond>, policy: &mut Policy) {
        for item in items {
            match &item.kind {
                ItemKind::Cadence { kind, every } => {
                    if !conds.is_empty() {
                        self.not_here(item.span, "`cadence`");
                    }
                    if let Some(c) = policy.cadences.iter().find(|c| c.kind == kind.node) {
                        let first = c.span;
                        self.err(duplicate("cadence", kind, first));
                        continue;
                    }
                    if !CADENCE_KINDS.contains(&kind.node.as_str()) {
                        if let Some(near) = suggest(&kind.node, CADENCE_KINDS) {
                            self.err(misspelt_cadence_kind(kind, near));
                            continue;
                        }
                    }
                    let every_span = every.as_ref().map(|e| e.span);
                    let every = every.as_ref().and_then(|e| self.duration(e));
                    if let Some(d) = &every {
                        if d.approx_days() <= 0.0 {
                            self.err(
                                Diagnostic::error(
                                    Code::InvalidCadence,
                                    "a cadence must be longer than zero",
                                    every_span.unwrap_or(item.span),
                                    "not a positive duration",
                                )
                                .with_help("write how often a release comes, such as `every 12 months`"),
                            );
                        }
                    }
                    policy.cadences.push(Cadence {
                        kind: kind.node.clone(),
                        every,
                        span: item.span,
                    });
                }
                ItemKind::Phase(ph) => self.phase(ph, item.span, conds),
                ItemKind::Milestone { id, label, value } => {
                    let labels = label.as_ref().map(|l| self.labels(l));
                    let value = self.date(value);
                    if let Some(idx) = self.milestone_index(&id.node) {
                        let unconditional_before = self
                            .milestones
                            .get(idx)
                            .is_some_and(|m| m.defs.iter().any(|d| d.conds.is_empty()));
                        if conds.is_empty() && unconditional_before {
                            let first = self.milestones.get(idx).map_or(id.span, |m| m.span);
                            self.err(duplicate("milestone", id, first));
                            continue;
                        }
                        if let (Some(m), Some(value)) = (self.milestones.get_mut(idx), value) {
                            if let Some(l) = labels {
                                if m.defs.is_empty() {
                                    m.labels = l;
                                }
                            }
                            m.defs.push(MilestoneDef {
                                conds: conds.clone(),
                                value,
                                span: item.span,
                            });
                        }
                    }
                }
                ItemKind::When { cond, items } => {
                    if let Some(c) = self.cond(cond) {
                        conds.push(c);
                        self.bodies(items, conds, policy);
                        conds.pop();
                    } else {
                        // Still check the body, under a condition that never holds.
                        conds.push(Cond::Any(Vec::new()));
                        self.bodies(items, conds, policy);
                        conds.pop();
                    }
                }
                ItemKind::Override {
                    line,
                    target,
                    field,
                    value,
                    reason,
                } => {
                    if !conds.is_empty() {
                        self.not_here(item.span, "`override`");
                    }
                    self.override_item(
                        line,
                        target,
                        field.as_ref(),
                        value,
                        reason,
                        item.span,
                        policy,
                        false,
                    );
                }
                ItemKind::Declare {
                    line,
                    target,
                    field,
                    value,
                    reason,
                } => {
                    if !conds.is_empty() {
                        self.not_here(item.span, "`declare`");
                    }
                    self.override_item(
                        line,
                        target,
                        field.as_ref(),
                        value,
                        reason,
                        item.span,
                        policy,
                        true,
                    );
                }
                ItemKind::Source { .. } if !conds.is_empty() => {
                    self.not_here(item.span, "`source`");
                }
                ItemKind::Source {
                    kind,
                    location,
                    pattern,
                    filter,
                } => self.source_item(
                    kind,
                    location,
                    pattern.as_ref(),
                    filter.as_ref(),
                    item.span,
                    policy,
                ),
                ItemKind::Vendor(_)
                | ItemKind::Announced(_)
                | ItemKind::Versions(_)
                | ItemKind::Line(_)
                | ItemKind::Order { .. }
                | ItemKind::Prerelease(_)
                | ItemKind::Names { .. }
                | ItemKind::Allow(_)
                | ItemKind::Upstream { .. }
                    if !conds.is_empty() =>
                {
                    self.not_here(item.span, &format!("`{}`", item_keyword(&item.kind)));
                }
                ItemKind::Attribute { .. } | ItemKind::Service { .. } if !conds.is_empty() => {
                    self.not_here(item.span, &format!("`{}`", item_keyword(&item.kind)));
                }
                _ => {}
            }
        }
    }

    fn not_here(&mut self, span: Span, what: &str) {
        self.err(
            Diagnostic::error(
                Code::MisplacedItem,
                format!("{what} cannot stand inside `when`"),
                span,
                "inside a `when` block",
            )
            .with_help("move it to the policy's top level; only phases and milestones vary by condition"),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn override_item(
        &mut self,
        line: &Spanned<String>,
        target: &ast::Ident,
        field: Option<&ast::Ident>,
        value: &ast::Expr,
        reason: &Spanned<String>,
        span: Span,
        policy: &mut Policy,
        declare: bool,
    ) {
        self.non_empty(line, "line name");
        if reason.node.trim().is_empty() {
            let d = if declare {
                Diagnostic::error(
                    Code::MissingReason,
                    "a declaration needs a reason",
                    reason.span,
                    "empty reason",
                )
                .with_help("say where the vendor announced the date, e.g. `because \"announced in the 3.2 release notes\"`")
            } else {
                Diagnostic::error(
                    Code::MissingReason,
                    "an override needs a reason",
                    reason.span,
                    "empty reason",
                )
                .with_help("say why this line deviates, e.g. `because \"ended early with OpenSSL 1.1.1\"`")
            };
            self.err(d);
        }
        let verb = if declare { "declare" } else { "override" };
        let resolved = if let Some(idx) = self.phase_index(&target.node) {
            match field.map(|f| f.node.as_str()) {
                Some("start") => Some(Target::PhaseStart(idx)),
                Some("end") => Some(Target::PhaseEnd(idx)),
                Some(_) | None => {
                    let at = field.map_or(target.span, |f| f.span);
                    self.err(
                        Diagnostic::error(
                            Code::InvalidTarget,
                            format!("say which date of phase `{}` to {verb}", target.node),
                            at,
                            "expected `.start` or `.end`",
                        )
                        .with_help(format!("write `{}.end` or `{}.start`", target.node, target.node)),
                    );
                    None
                }
            }
        } else if let Some(idx) = self.milestone_index(&target.node) {
            if let Some(f) = field {
                self.err(
                    Diagnostic::error(
                        Code::InvalidTarget,
                        format!("milestone `{}` has a single date", target.node),
                        f.span,
                        "no field here",
                    )
                    .with_help(format!("write `{verb} line ... {} = DATE`", target.node)),
                );
            }
            Some(Target::Milestone(idx))
        } else {
            let known: Vec<&str> = self
                .phases
                .iter()
                .map(|p| p.id.as_str())
                .chain(self.milestones.iter().map(|m| m.id.as_str()))
                .collect();
            self.diags
                .push(unknown(Code::UnknownPhase, "phase or milestone", target, &known));
            None
        };
        let value = self.date(value);
        if declare {
            if let (Some(resolved), Some(value)) = (resolved, value) {
                let entry = Override {
                    line: line.node.clone(),
                    target: resolved,
                    value,
                    reason: reason.node.clone(),
                    span,
                };
                let at = field.map_or(target.span, |f| target.span.to(f.span));
                self.push_declared(entry, at, policy);
            }
            return;
        }
        if let (Some(target), Some(value)) = (resolved, value) {
            if let Some(prev) = policy
                .overrides
                .iter()
                .find(|o| o.line == line.node && o.target == target)
            {
                let first = prev.span;
                self.err(
                    Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("line `{}` overrides the same date twice", line.node),
                        span,
                        "overridden again here",
                    )
                    .with_related(first, "first overridden here")
                    .with_help("keep one override per line and date"),
                );
                return;
            }
            policy.overrides.push(Override {
                line: line.node.clone(),
                target,
                value,
                reason: reason.node.clone(),
                span,
            });
        }
    }

    fn phase(&mut self, ph: &ast::Phase, span: Span, conds: &[Cond]) {
        let Some(idx) = self.phase_index(&ph.id.node) else {
            return;
        };
        let is_first = self.phases.get(idx).is_some_and(|p| p.defs.is_empty());
        let labels = ph.label.as_ref().map(|l| self.labels(l));
        let role = ph.role.as_ref().and_then(|r| match Role::from_name(&r.node) {
            Some(role) => Some((role, r.span)),
            None => {
                self.unknown(Code::UnknownRole, "role", r, &Role::NAMES);
                None
            }
        });
        let more_roles = self.more_roles(ph, role);
        let mut from = None;
        let mut until = None;
        let mut inclusive = false;
        let mut provides: Option<Vec<usize>> = None;
        let (mut allow_gaps, mut allow_overlaps) = (false, false);
        let mut seen: HashMap<&'static str, Span> = HashMap::new();
        for stmt in &ph.stmts {
            let kw = match &stmt.kind {
                PhaseStmtKind::From(_) => "from",
                PhaseStmtKind::Until(_) | PhaseStmtKind::Through(_) => "until",
                PhaseStmtKind::Provides(_) => "provides",
                PhaseStmtKind::Allow(what) => match what.node.as_str() {
                    "gaps" => "allow gaps",
                    "overlaps" => "allow overlaps",
                    _ => {
                        self.unknown(Code::UnknownAllowance, "allowance", what, &ALLOWANCES);
                        continue;
                    }
                },
            };
            if let Some(first) = seen.get(kw) {
                self.err(
                    Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("`{}` is given twice in phase `{}`", if kw == "until" { "until`/`through" } else { kw }, ph.id.node),
                        stmt.span,
                        "given again here",
                    )
                    .with_related(*first, "first given here")
                    .with_help(if kw == "until" {
                        "a phase ends once: give either `until` (the first day without) or `through` (the last day with)".to_owned()
                    } else if kw.starts_with("allow") {
                        format!("remove the second `{kw}`")
                    } else {
                        format!("a phase has one `{kw}`")
                    }),
                );
                continue;
            }
            seen.insert(kw, stmt.span);
            match &stmt.kind {
                PhaseStmtKind::From(e) => from = self.date(e),
                PhaseStmtKind::Until(e) => until = self.date(e),
                PhaseStmtKind::Through(e) => {
                    until = self.date(e);
                    inclusive = true;
                }
                PhaseStmtKind::Allow(_) => {
                    if kw == "allow gaps" {
                        allow_gaps = true;
                    } else {
                        allow_overlaps = true;
                    }
                }
                PhaseStmtKind::Provides(ids) => {
                    let mut out = Vec::new();
                    for id in ids {
                        match self.service_index(&id.node) {
                            Some(i) if out.contains(&i) => {
                                self.err(
                                    Diagnostic::warning(
                                        Code::DuplicateService,
                                        format!("service `{}` is listed twice", id.node),
                                        id.span,
                                        "listed again",
                                    )
                                    .with_help("remove the second mention"),
                                );
                            }
                            Some(i) => out.push(i),
                            None => {
                                let known: Vec<&str> = self.services.iter().map(|s| s.id.as_str()).collect();
                                self.diags.push(unknown(
                                    Code::UnknownService,
                                    "service",
                                    &Spanned::new(id.node.clone(), id.span),
                                    &known,
                                ));
                            }
                        }
                    }
                    provides = Some(out);
                }
            }
        }
        let complete = seen.contains_key("from") && seen.contains_key("until");
        let unconditional_before = self
            .phases
            .get(idx)
            .is_some_and(|p| p.defs.iter().any(|d| d.conds.is_empty()));
        if is_first && !complete {
            let missing: Vec<&str> = ["from", "until"]
                .into_iter()
                .filter(|k| !seen.contains_key(k))
                .collect();
            self.err(
                Diagnostic::error(
                    Code::IncompletePhase,
                    format!("phase `{}` has no `{}`", ph.id.node, missing.join("` and no `")),
                    ph.id.span,
                    if unconditional_before || !is_first { "first defined here" } else { "defined here" },
                )
                .with_help("the first definition of a phase says when it starts and ends (`from EXPR` and `until EXPR`); later `when` blocks may refine it"),
            );
        } else if !is_first && conds.is_empty() && unconditional_before {
            let first = self.phases.get(idx).map_or(ph.id.span, |p| p.span);
            self.err(duplicate("phase", &ph.id, first));
            return;
        }
        if is_first && provides.is_none() && complete {
            self.err(
                Diagnostic::warning(
                    Code::PhaseProvidesNothing,
                    format!("phase `{}` provides no service", ph.id.node),
                    ph.id.span,
                    "provides nothing",
                )
                .with_help(
                    "add `provides SERVICE, ...` so `eol status` can say what a customer is entitled to",
                ),
            );
        }
        if let (Some(l), false) = (&ph.label, is_first) {
            self.err(
                Diagnostic::warning(
                    Code::IgnoredLabel,
                    format!("phase `{}` already has a display name", ph.id.node),
                    l.span,
                    "ignored",
                )
                .with_help("a phase's display name comes from its first definition; remove this one"),
            );
        }
        let Some(decl) = self.phases.get_mut(idx) else {
            return;
        };
        if let Some(l) = labels {
            if is_first {
                decl.labels = l;
            }
        }
        if let Some((role, rspan)) = role {
            // A phase keeps the roles of the definition that first gives any; a later one
            // may give the same ones again (in any order) or none.
            let given: Vec<Role> = std::iter::once(role).chain(more_roles.iter().copied()).collect();
            let had: Vec<Role> = decl.role.iter().chain(decl.more_roles.iter()).copied().collect();
            let same = |a: &[Role], b: &[Role]| {
                let (mut a, mut b) = (a.to_vec(), b.to_vec());
                a.sort();
                b.sort();
                a == b
            };
            if had.is_empty() {
                decl.role = Some(role);
                decl.role_span = Some(rspan);
                decl.more_roles = more_roles;
            } else if !same(&had, &given) {
                let names = |rs: &[Role]| {
                    let list = rs.iter().map(|r| format!("`{}`", r.as_str())).collect::<Vec<_>>();
                    format!("role{} {}", if rs.len() == 1 { "" } else { "s" }, list.join(", "))
                };
                let message = if had.len() == 1 && given.len() == 1 {
                    format!("phase `{}` is given two roles", ph.id.node)
                } else {
                    format!("phase `{}` is given other roles", ph.id.node)
                };
                let mut d = Diagnostic::error(
                    Code::ConflictingRole,
                    message,
                    rspan,
                    format!("{} here", names(&given)),
                );
                if let Some(first) = decl.role_span {
                    d = d.with_related(first, format!("{} given here", names(&had)));
                }
                let d = d.with_help(format!(
                    "the phase already has {}; a refinement gives the roles of the first definition again, or none",
                    names(&had)
                ));
                self.diags.push(d);
            }
        }
        decl.defs.push(PhaseDef {
            conds: conds.to_vec(),
            from,
            until,
            inclusive,
            provides,
            allow_gaps,
            allow_overlaps,
            span,
        });
    }

    /// The roles after the first in `role active, security`: each known, none twice.
    fn more_roles(&mut self, ph: &ast::Phase, first: Option<(Role, Span)>) -> Vec<Role> {
        let mut seen: Vec<(Role, Span)> = first.into_iter().collect();
        let mut out = Vec::new();
        for r in &ph.more_roles {
            let Some(role) = Role::from_name(&r.node) else {
                self.unknown(Code::UnknownRole, "role", r, &Role::NAMES);
                continue;
            };
            if let Some((_, at)) = seen.iter().find(|(x, _)| *x == role) {
                self.err(
                    Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("role `{}` is given twice", r.node),
                        r.span,
                        "given again here",
                    )
                    .with_related(*at, "first given here")
                    .with_help("name each role once"),
                );
                continue;
            }
            seen.push((role, r.span));
            out.push(role);
        }
        out
    }

    // ───────────────────────── expressions ─────────────────────────

    fn ty(&self, e: &ast::Expr) -> Ty {
        match &e.kind {
            ExprKind::Duration { .. } => Ty::Duration,
            ExprKind::Paren(inner) | ExprKind::UnlessDeclared(inner) => self.ty(inner),
            ExprKind::Binary { lhs, .. } => self.ty(lhs),
            // `about(6 months)` is a duration, `about(DATE)` a date
            ExprKind::Call { func, args } if func.node == "about" => match args.first() {
                Some(ast::Arg::Expr(inner)) => self.ty(inner),
                _ => Ty::Date,
            },
            _ => Ty::Date,
        }
    }

    fn date(&mut self, e: &ast::Expr) -> Option<DateExpr> {
        if self.ty(e) == Ty::Duration {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    "expected a date, found a duration",
                    e.span,
                    "this is a duration",
                )
                .with_help("add the duration to a date, e.g. `first_ship + 4 years`"),
            );
            return None;
        }
        let kind = match &e.kind {
            ExprKind::Date(text) => DateKind::Literal(self.literal(text, e.span)?),
            ExprKind::Name(name) => match name.node.as_str() {
                "first_ship" => DateKind::FirstShip(None),
                "latest" => DateKind::Latest(None),
                "final" => DateKind::Final(None),
                other => match self.milestone_index(other) {
                    Some(i) => DateKind::Milestone(i),
                    None if self.attribute_index(other).is_some() => {
                        let i = self.attribute_index(other).unwrap_or(0);
                        if self.attributes.get(i).is_some_and(|a| a.ty != AttrType::Date) {
                            self.err(
                                Diagnostic::error(
                                    Code::TypeMismatch,
                                    format!("attribute `{other}` is not a date"),
                                    name.span,
                                    "not a date attribute",
                                )
                                .with_help(format!(
                                    "declare it `attribute {other}: date` if the catalog gives dates"
                                )),
                            );
                            return None;
                        }
                        DateKind::Attr(i, None)
                    }
                    None => {
                        if self.phase_index(other).is_some() {
                            self.err(
                                Diagnostic::error(
                                    Code::TypeMismatch,
                                    format!("`{other}` is a phase, not a date"),
                                    name.span,
                                    "a phase",
                                )
                                .with_help(format!("write `start({other})` or `end({other})`")),
                            );
                        } else if FUNCTIONS.contains(&other) {
                            self.err(
                                Diagnostic::error(
                                    Code::WrongArguments,
                                    format!("`{other}` is a function"),
                                    name.span,
                                    "needs arguments",
                                )
                                .with_help(format!("call it: `{other}(...)`")),
                            );
                        } else {
                            let known: Vec<&str> = NAMES
                                .iter()
                                .copied()
                                .chain(self.milestones.iter().map(|m| m.id.as_str()))
                                .collect();
                            self.diags
                                .push(unknown(Code::UnknownName, "date name", name, &known));
                        }
                        return None;
                    }
                },
            },
            ExprKind::Paren(inner) => return self.date(inner),
            ExprKind::Binary { op, lhs, rhs } => {
                if self.ty(rhs) == Ty::Date {
                    self.err(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            "expected a duration, found a date",
                            rhs.span,
                            "this is a date",
                        )
                        .with_help(format!(
                            "dates cannot be {}; use `min(...)`/`max(...)` to pick between dates",
                            if *op == ast::BinOp::Add {
                                "added"
                            } else {
                                "subtracted"
                            }
                        )),
                    );
                    self.date(lhs);
                    return None;
                }
                let base = self.date(lhs);
                let d = self.duration(rhs)?;
                let d = if *op == ast::BinOp::Sub { d.negated() } else { d };
                let base = base?;
                // Fold `a + 1 year + 6 months` into one shift.
                let shifted = match base.kind {
                    DateKind::Shift(inner, mut prev) => {
                        prev.parts.extend(d.parts);
                        DateKind::Shift(inner, prev)
                    }
                    other => DateKind::Shift(
                        Box::new(DateExpr {
                            kind: other,
                            span: base.span,
                        }),
                        d,
                    ),
                };
                // `+ about(6 months)`: the policy calls the result approximate.
                if about_in(rhs) {
                    DateKind::Approximate(Box::new(DateExpr {
                        kind: shifted,
                        span: e.span,
                    }))
                } else {
                    shifted
                }
            }
            ExprKind::Duration { .. } => return None,
            ExprKind::Call { func, args } => self.call(func, args, e.span)?,
            ExprKind::Of { inner, upstream } => self.upstream_date(inner, upstream)?,
            ExprKind::UnlessDeclared(inner) => DateKind::UnlessDeclared(Box::new(self.date(inner)?)),
        };
        Some(DateExpr { kind, span: e.span })
    }

    /// `upstream ALIAS [= PRODUCT] [line "a" = "b", ...]`
    fn upstream_item(
        &mut self,
        alias: &ast::Ident,
        product: Option<&ast::Ident>,
        lines: &[(ast::Text, ast::Text)],
        span: Span,
        policy: &mut Policy,
    ) {
        if let Some(first) = policy.upstreams.iter().find(|u| u.alias == alias.node) {
            self.err(
                duplicate("upstream", alias, first.span)
                    .with_help("declare each upstream once; give a second product another alias"),
            );
            return;
        }
        let product = product.unwrap_or(alias);
        if product.node == policy.id {
            self.err(
                Diagnostic::error(
                    Code::UpstreamCycle,
                    format!("policy `{}` names itself as its upstream", policy.id),
                    product.span,
                    "this policy",
                )
                .with_help("an upstream is another policy; read this policy's own dates without `of`"),
            );
            // Still declared, so that its uses are not reported as unknown too.
        }
        let mut map: Vec<(String, String)> = Vec::new();
        let mut first_at: Vec<Span> = Vec::new();
        for (ours, theirs) in lines {
            let ok = self.non_empty(ours, "line name") & self.non_empty(theirs, "line name");
            if !ok {
                continue;
            }
            if let Some(i) = map.iter().position(|(o, _)| o.eq_ignore_ascii_case(&ours.node)) {
                let first = first_at.get(i).copied().unwrap_or(ours.span);
                self.err(
                    duplicate("line mapping", ours, first)
                        .with_help("map each of this policy's lines to one upstream line"),
                );
                continue;
            }
            map.push((ours.node.clone(), theirs.node.clone()));
            first_at.push(ours.span);
        }
        self.upstreams.push(alias.node.clone());
        policy.upstreams.push(Upstream {
            alias: alias.node.clone(),
            product: product.node.clone(),
            lines: map,
            span,
        });
    }

    /// `first_ship of UPSTREAM`, `end(PHASE, newer 1) of UPSTREAM`, ...
    fn upstream_date(&mut self, inner: &ast::Expr, upstream: &ast::Ident) -> Option<DateKind> {
        const USAGE: &str = "`first_ship of UPSTREAM`, `latest of UPSTREAM`, `start(PHASE) of UPSTREAM` or \
                             `end(PHASE) of UPSTREAM`, optionally with `newer N` or `older N`";
        let Some(index) = self.upstreams.iter().position(|a| *a == upstream.node) else {
            let known: Vec<&str> = self.upstreams.iter().map(String::as_str).collect();
            let mut d = unknown(Code::UnknownUpstream, "upstream", upstream, &known);
            if known.is_empty() {
                d.help = Some(format!(
                    "declare it first: `upstream {}` (or `upstream ALIAS = PRODUCT-ID`)",
                    upstream.node
                ));
            }
            self.err(d);
            return None;
        };
        let form = |this: &mut Self, span: Span| {
            this.err(
                Diagnostic::error(
                    Code::UpstreamExpression,
                    "`of` reads a release date or a phase boundary of an upstream line",
                    span,
                    "cannot be read from an upstream",
                )
                .with_help(format!(
                    "write {USAGE}; do arithmetic outside: `end(lts) of debian + 1 day`"
                )),
            );
        };
        let select = |this: &mut Self, arg: &ast::Arg, name: &str| -> Option<(bool, usize)> {
            if let ast::Arg::Selector { filter: Some(c), .. } = arg {
                this.err(
                    Diagnostic::error(
                        Code::UpstreamExpression,
                        "a selector on an upstream line cannot have `where`",
                        c.span,
                        "a condition on the upstream's lines",
                    )
                    .with_help("count upstream lines without a condition: `newer N` or `older N`"),
                );
                return None;
            }
            let s = this.selector(arg, name, USAGE)?;
            Some((s.older, s.newer))
        };
        let (what, sel) = match &inner.kind {
            ExprKind::Paren(e) => return self.upstream_date(e, upstream),
            ExprKind::Name(n) if n.node == "first_ship" => (UpstreamDate::FirstShip, None),
            ExprKind::Name(n) if n.node == "latest" => (UpstreamDate::Latest, None),
            ExprKind::Call { func, args } if matches!(func.node.as_str(), "first_ship" | "latest") => {
                let [arg] = args.as_slice() else {
                    form(self, inner.span);
                    return None;
                };
                let sel = select(self, arg, &func.node)?;
                let what = if func.node == "latest" {
                    UpstreamDate::Latest
                } else {
                    UpstreamDate::FirstShip
                };
                (what, Some(sel))
            }
            ExprKind::Call { func, args } if matches!(func.node.as_str(), "start" | "end" | "last_day") => {
                let phase = match args.first() {
                    Some(ast::Arg::Expr(ast::Expr {
                        kind: ExprKind::Name(id),
                        ..
                    })) if args.len() <= 2 => id.node.clone(),
                    _ => {
                        form(self, inner.span);
                        return None;
                    }
                };
                let sel = match args.get(1) {
                    Some(a) => Some(select(self, a, &func.node)?),
                    None => None,
                };
                let what = match func.node.as_str() {
                    "start" => UpstreamDate::Start(phase),
                    "last_day" => UpstreamDate::LastDay(phase),
                    _ => UpstreamDate::End(phase),
                };
                (what, sel)
            }
            _ => {
                form(self, inner.span);
                return None;
            }
        };
        Some(DateKind::Upstream {
            upstream: index,
            what,
            select: sel,
        })
    }

    fn literal(&mut self, text: &str, span: Span) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|d| {
            use chrono::Datelike;
            (1..=MAX_YEAR).contains(&d.year()) && text.len() == 10
        });
        if parsed.is_none() {
            self.err(
                Diagnostic::error(
                    Code::InvalidDate,
                    format!("`{text}` is not a calendar date"),
                    span,
                    "not a date",
                )
                .with_help(format!(
                    "write a date as YYYY-MM-DD with a year up to {MAX_YEAR}, e.g. `2023-09-11`"
                )),
            );
        }
        parsed
    }

    fn duration(&mut self, e: &ast::Expr) -> Option<Duration> {
        match &e.kind {
            ExprKind::Duration { amount, unit } => {
                let n = self.amount(amount)?;
                let unit = match unit.node.as_str() {
                    "day" | "days" => Unit::Day,
                    "week" | "weeks" => Unit::Week,
                    "month" | "months" => Unit::Month,
                    "year" | "years" => Unit::Year,
                    _ => {
                        self.unknown(Code::UnknownUnit, "unit", unit, &UNITS);
                        return None;
                    }
                };
                Some(Duration {
                    parts: vec![(n, unit)],
                })
            }
            ExprKind::Paren(inner) => self.duration(inner),
            // `about(6 months)`: the duration; the date it shifts is marked estimated
            ExprKind::Call { func, args } if func.node == "about" => match args.as_slice() {
                [ast::Arg::Expr(inner)] => self.duration(inner),
                _ => {
                    self.err(
                        Diagnostic::error(
                            Code::WrongArguments,
                            "`about` takes one date or one duration",
                            e.span,
                            format!("{} arguments given", args.len()),
                        )
                        .with_help("write `about(DATE)`, or `DATE + about(DURATION)`"),
                    );
                    None
                }
            },
            ExprKind::Binary { op, lhs, rhs } => {
                let a = self.duration(lhs);
                let b = self.duration(rhs)?;
                let mut a = a?;
                let b = if *op == ast::BinOp::Sub { b.negated() } else { b };
                a.parts.extend(b.parts);
                Some(a)
            }
            _ => {
                self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        "expected a duration, found a date",
                        e.span,
                        "this is a date",
                    )
                    .with_help("write a duration such as `4 years`, `18 months`, `6 weeks` or `1 day`"),
                );
                None
            }
        }
    }

    fn amount(&mut self, amount: &Spanned<String>) -> Option<i64> {
        match amount.node.parse::<i64>() {
            Ok(n) if n <= MAX_AMOUNT => Some(n),
            _ => {
                self.err(
                    Diagnostic::error(
                        Code::NumberOutOfRange,
                        format!("`{}` is too large", amount.node),
                        amount.span,
                        format!("more than {MAX_AMOUNT}"),
                    )
                    .with_help(format!(
                        "amounts go up to {MAX_AMOUNT}; no support policy runs longer"
                    )),
                );
                None
            }
        }
    }

    /// `lts_from(newer 1 where lts)`: a date attribute of another line.
    fn attr_of_other_line(
        &mut self,
        i: usize,
        func: &ast::Ident,
        args: &[ast::Arg],
        span: Span,
    ) -> Option<DateKind> {
        let name = func.node.as_str();
        if self.attributes.get(i).is_some_and(|a| a.ty != AttrType::Date) {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!("attribute `{name}` is not a date"),
                    func.span,
                    "not a date attribute",
                )
                .with_help(format!(
                    "declare it `attribute {name}: date` if the catalog gives dates"
                )),
            );
            return None;
        }
        let usage = format!("`{name}(newer N)`, `{name}(older N)` or `{name}(newer N where CONDITION)`");
        let [first] = args else {
            self.err(
                Diagnostic::error(
                    Code::WrongArguments,
                    format!("`{name}` takes one line selector"),
                    span,
                    format!(
                        "{} argument{} given",
                        args.len(),
                        if args.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_help(format!(
                    "write {usage}, or `{name}` alone for this line's own value"
                )),
            );
            return None;
        };
        let sel = self.selector(first, name, &usage)?;
        Some(DateKind::Attr(i, Some(sel)))
    }

    fn call(&mut self, func: &ast::Ident, args: &[ast::Arg], span: Span) -> Option<DateKind> {
        let name = func.node.as_str();
        let Some(builtin) = builtins::builtin(name) else {
            if let Some(i) = self.attribute_index(name) {
                return self.attr_of_other_line(i, func, args, span);
            }
            self.unknown(Code::UnknownFunction, "function", func, &FUNCTIONS);
            return None;
        };
        let usage = builtin.usage;
        if !builtin.takes_args(args.len()) {
            self.err(
                Diagnostic::error(
                    Code::WrongArguments,
                    format!("`{name}` takes {}", builtin.takes),
                    span,
                    format!(
                        "{} argument{} given",
                        args.len(),
                        if args.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_help(format!("write {usage}")),
            );
            return None;
        }
        let first = args.first()?;
        match builtin.function {
            Function::LineDate(date) => {
                let sel = Some(self.selector(first, name, usage)?);
                Some(match date {
                    LineDate::FirstShip => DateKind::FirstShip(sel),
                    LineDate::Latest => DateKind::Latest(sel),
                    LineDate::Final => DateKind::Final(sel),
                })
            }
            Function::About => {
                let ast::Arg::Expr(e) = first else {
                    self.wrong_arg(first.span(), "a date or a duration", usage);
                    return None;
                };
                Some(DateKind::Approximate(Box::new(self.date(e)?)))
            }
            Function::Phase(edge) => self.phase_call(edge, name, args, usage, span),
            Function::Extreme(extreme) => self.extreme_call(extreme, args, usage),
            Function::Seek(seek) => self.seek_call(seek, args, usage),
            Function::Snap(snap) => {
                let ast::Arg::Expr(e) = first else {
                    self.wrong_arg(first.span(), "a date", usage);
                    return None;
                };
                Some(DateKind::Snap(snap, Box::new(self.date(e)?)))
            }
        }
    }

    /// `start(PHASE)`, `end(PHASE, older N)`, `last_day(PHASE)`.
    fn phase_call(
        &mut self,
        edge: PhaseEdge,
        name: &str,
        args: &[ast::Arg],
        usage: &str,
        span: Span,
    ) -> Option<DateKind> {
        let id = match args.first()? {
            ast::Arg::Expr(ast::Expr {
                kind: ExprKind::Name(id),
                ..
            }) => id,
            other => {
                self.wrong_arg(other.span(), "a phase name", usage);
                return None;
            }
        };
        let i = self.phase_index(&id.node);
        let other = match args.get(1) {
            Some(a) => Some(self.selector(a, name, usage)?),
            None => None,
        };
        match i {
            Some(i) => {
                let kind = match (other, edge == PhaseEdge::Start) {
                    (None, true) => DateKind::PhaseStart(i),
                    (None, false) => DateKind::PhaseEnd(i),
                    (Some(sel), true) => DateKind::Other(Target::PhaseStart(i), sel),
                    (Some(sel), false) => DateKind::Other(Target::PhaseEnd(i), sel),
                };
                if edge != PhaseEdge::LastDay {
                    return Some(kind);
                }
                // The day before the phase's end: its last day, however it is written.
                Some(DateKind::Shift(
                    Box::new(DateExpr { kind, span }),
                    Duration {
                        parts: vec![(-1, Unit::Day)],
                    },
                ))
            }
            None => {
                let known: Vec<&str> = self.phases.iter().map(|p| p.id.as_str()).collect();
                self.diags.push(unknown(Code::UnknownPhase, "phase", id, &known));
                None
            }
        }
    }

    /// `min(DATE, DATE, ...)`, `max(...)`.
    fn extreme_call(&mut self, extreme: Extreme, args: &[ast::Arg], usage: &str) -> Option<DateKind> {
        let mut out = Vec::new();
        let mut bad = false;
        for a in args {
            match a {
                ast::Arg::Expr(e) => match self.date(e) {
                    Some(d) => out.push(d),
                    None => bad = true,
                },
                other => {
                    self.wrong_arg(other.span(), "a date", usage);
                    bad = true;
                }
            }
        }
        if bad {
            return None;
        }
        Some(DateKind::Extreme(extreme, out))
    }

    /// `next(DAY, DATE)`, `previous(DAY, DATE)`, `in_year(DAY, DATE)`.
    fn seek_call(&mut self, seek: Seek, args: &[ast::Arg], usage: &str) -> Option<DateKind> {
        let first = args.first()?;
        let ast::Arg::Pattern(p) = first else {
            self.wrong_arg(
                first.span(),
                "a calendar day such as `march 31` or `2nd tuesday`",
                usage,
            );
            return None;
        };
        let pattern = self.pattern(p);
        let date = match args.get(1) {
            Some(ast::Arg::Expr(e)) => self.date(e),
            Some(other) => {
                self.wrong_arg(other.span(), "a date", usage);
                None
            }
            None => None,
        };
        Some(DateKind::Seek(seek, pattern?, Box::new(date?)))
    }

    /// `newer N [where C]` / `older N [where C]`.
    fn selector(&mut self, arg: &ast::Arg, name: &str, usage: &str) -> Option<Selector> {
        let ast::Arg::Selector {
            older,
            newer,
            filter,
            span,
        } = arg
        else {
            self.wrong_arg(
                arg.span(),
                "a line selector such as `newer 2` or `older 1`",
                usage,
            );
            return None;
        };
        let n = self.amount(newer)?;
        if n < 1 {
            let dir = if *older { "older" } else { "newer" };
            self.err(
                Diagnostic::error(
                    Code::NumberOutOfRange,
                    format!("`{dir} 0` is this line"),
                    newer.span,
                    "zero",
                )
                .with_help(format!(
                    "write `{name}` for this line, or `{dir} 1` for the adjacent one"
                )),
            );
            return None;
        }
        let filter = match filter {
            Some(c) => {
                let was = std::mem::replace(&mut self.in_selector, true);
                let c = self.cond(c);
                self.in_selector = was;
                Some(c?)
            }
            None => None,
        };
        Some(Selector {
            newer: usize::try_from(n).unwrap_or(1),
            older: *older,
            filter,
            span: *span,
        })
    }

    fn wrong_arg(&mut self, span: Span, expected: &str, usage: &str) {
        self.err(
            Diagnostic::error(
                Code::WrongArguments,
                format!("expected {expected}"),
                span,
                format!("expected {expected}"),
            )
            .with_help(format!("write {usage}")),
        );
    }

    fn pattern(&mut self, p: &ast::Pattern) -> Option<Pattern> {
        let pattern = match &p.kind {
            PatternKind::Day { name, day } => {
                let n = self.amount(day)?;
                let day_n = u32::try_from(n).unwrap_or(0);
                if name.node == "day" {
                    Pattern::DayOfMonth { day: day_n }
                } else {
                    let month = self.month(name)?;
                    Pattern::DayOfYear { month, day: day_n }
                }
            }
            PatternKind::Weekday {
                ordinal,
                weekday,
                months,
            } => {
                let ord = if ordinal.node == "last" {
                    Ordinal::Last
                } else {
                    let digits: String = ordinal.node.chars().take_while(char::is_ascii_digit).collect();
                    let n: u8 = digits.parse().unwrap_or(0);
                    let expected_suffix = match n {
                        1 => "st",
                        2 => "nd",
                        3 => "rd",
                        _ => "th",
                    };
                    if !(1..=5).contains(&n) || !ordinal.node.ends_with(expected_suffix) {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidPattern,
                                format!("`{}` is not an ordinal from 1st to 5th", ordinal.node),
                                ordinal.span,
                                "not 1st to 5th",
                            )
                            .with_help("write `1st`, `2nd`, `3rd`, `4th`, `5th` or `last`"),
                        );
                        return None;
                    }
                    Ordinal::Nth(n)
                };
                if weekday.node == "day" {
                    if ord == Ordinal::Last && months.is_empty() {
                        return Some(Pattern::LastDayOfMonth);
                    }
                    self.err(
                        Diagnostic::error(
                            Code::InvalidPattern,
                            "only `last day` names a day without a weekday",
                            p.span,
                            "not a calendar day",
                        )
                        .with_help(
                            "write `day 1` for the first of the month, or `last day` for its last day",
                        ),
                    );
                    return None;
                }
                let Some(wd) = dates::weekday_from_name(&weekday.node) else {
                    self.unknown(
                        Code::UnknownCalendarName,
                        "weekday",
                        weekday,
                        &dates::WEEKDAY_NAMES,
                    );
                    return None;
                };
                let mut ms = Vec::new();
                for m in months {
                    ms.push(self.month(m)?);
                }
                Pattern::NthWeekday {
                    ordinal: ord,
                    weekday: wd,
                    months: if ms.is_empty() { None } else { Some(ms) },
                }
            }
        };
        if let Err(why) = pattern.validate() {
            self.err(
                Diagnostic::error(
                    Code::InvalidPattern,
                    format!(
                        "`{}` is not a calendar day: {why}",
                        eol_syntax::format::pattern_text(p)
                    ),
                    p.span,
                    "never occurs",
                )
                .with_help("check the day against the month's length"),
            );
            return None;
        }
        Some(pattern)
    }

    fn month(&mut self, name: &ast::Ident) -> Option<u32> {
        let m = dates::month_from_name(&name.node);
        if m.is_none() {
            self.unknown(Code::UnknownCalendarName, "month", name, &dates::MONTH_NAMES);
        }
        m
    }

    // ───────────────────────── conditions ─────────────────────────

    fn cond(&mut self, c: &ast::Cond) -> Option<Cond> {
        use ast::CondKind as K;
        match &c.kind {
            K::Or(parts) | K::And(parts) => {
                let mut out = Vec::new();
                let mut bad = false;
                for p in parts {
                    match self.cond(p) {
                        Some(x) => out.push(x),
                        None => bad = true,
                    }
                }
                if bad {
                    return None;
                }
                Some(if matches!(c.kind, K::Or(_)) {
                    Cond::Any(out)
                } else {
                    Cond::All(out)
                })
            }
            K::Not(inner) => Some(Cond::Not(Box::new(self.cond(inner)?))),
            K::Paren(inner) => self.cond(inner),
            K::Is { subject, class } => {
                let component = self.component(subject)?;
                let even = match class.node.as_str() {
                    "even" => true,
                    "odd" => false,
                    _ => {
                        self.unknown(Code::UnknownClass, "class", class, &CLASSES);
                        return None;
                    }
                };
                Some(Cond::Parity { component, even })
            }
            K::Flag(name) => {
                let Some(i) = self.attribute_index(&name.node) else {
                    self.unknown_attribute(name);
                    return None;
                };
                if self.attributes.get(i).is_some_and(|a| a.ty != AttrType::Bool) {
                    self.err(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            format!("attribute `{}` is not a yes/no attribute", name.node),
                            name.span,
                            "not bool",
                        )
                        .with_help(format!("compare it with a value: `{} == \"...\"`", name.node)),
                    );
                    return None;
                }
                Some(Cond::Flag(i))
            }
            K::Compare { lhs, op, rhs } => self.compare(lhs, op.node, rhs, c.span),
            K::LastOf(name) => Some(Cond::LastOf(self.component(name)?)),
            K::Same(name) => {
                let component = self.component(name)?;
                if !self.in_selector {
                    self.err(
                        Diagnostic::error(
                            Code::MisplacedCondition,
                            format!(
                                "`same {}` compares two lines, and only one is in view here",
                                name.node
                            ),
                            c.span,
                            "outside a line selector",
                        )
                        .with_help(format!(
                            "use it where another line is selected: `first_ship(newer 1 where same {})`",
                            name.node
                        )),
                    );
                    return None;
                }
                Some(Cond::Same(component))
            }
            K::Matches { subject, pattern } => {
                if pattern.node.is_empty() {
                    self.non_empty(pattern, "pattern");
                    return None;
                }
                let glob = Glob(pattern.node.clone());
                match &subject.kind {
                    OperandKind::Line => Some(Cond::LineMatches(glob)),
                    OperandKind::Name(name) => {
                        let Some(attr) = self.attribute_index(name) else {
                            self.unknown_attribute(&Spanned::new(name.clone(), subject.span));
                            return None;
                        };
                        if self.attributes.get(attr).is_some_and(|a| a.ty != AttrType::Text) {
                            return self
                                .bad_operand(subject.span, "`line` or a text attribute before `matches`");
                        }
                        Some(Cond::AttrMatches { attr, glob })
                    }
                    _ => self.bad_operand(subject.span, "`line` or a text attribute before `matches`"),
                }
            }
        }
    }

    fn unknown_attribute(&mut self, name: &Spanned<String>) {
        let known: Vec<&str> = self
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .chain(self.components.iter().map(String::as_str))
            .collect();
        let mut d = Diagnostic::error(
            Code::UnknownAttribute,
            format!("unknown attribute `{}`", name.node),
            name.span,
            "not declared",
        );
        d.help = Some(match suggest(&name.node, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("declare it first: `attribute {}`", name.node),
        });
        self.err(d);
    }

    fn component(&mut self, name: &Spanned<String>) -> Option<usize> {
        let i = self.components.iter().position(|c| *c == name.node);
        if i.is_none() {
            let known: Vec<&str> = self.components.iter().map(String::as_str).collect();
            self.diags
                .push(unknown(Code::UnknownComponent, "version component", name, &known));
        }
        i
    }

    /// `minor % 4 == 0`, `major * 100 + minor >= 2403`: a comparison of whole numbers
    /// computed from version components.
    fn calc_compare(&mut self, lhs: &ast::Operand, op: CmpOp, rhs: &ast::Operand) -> Option<Cond> {
        let lhs = self.calc_operand(lhs);
        let rhs = self.calc_operand(rhs);
        Some(Cond::Calc {
            lhs: lhs?,
            op,
            rhs: rhs?,
        })
    }

    fn calc_operand(&mut self, o: &ast::Operand) -> Option<Calc> {
        match &o.kind {
            OperandKind::Arith(a) => self.calc(a),
            OperandKind::Name(name) => self
                .calc_name(&Spanned::new(name.clone(), o.span))
                .map(Calc::Component),
            OperandKind::Version(text) => self.calc_number(&Spanned::new(text.clone(), o.span)),
            _ => {
                self.not_a_number(o.span);
                None
            }
        }
    }

    fn not_a_number(&mut self, span: Span) {
        self.err(
            Diagnostic::error(
                Code::TypeMismatch,
                "expected a whole number or a version component",
                span,
                "not a whole number",
            )
            .with_help("arithmetic compares whole numbers computed from version components: `minor % 4 == 0`, `major * 100 + minor >= 2403`"),
        );
    }

    fn calc(&mut self, a: &ast::Arith) -> Option<Calc> {
        match &a.kind {
            ast::ArithKind::Number(n) => self.calc_number(&Spanned::new(n.clone(), a.span)),
            ast::ArithKind::Name(n) => self.calc_name(n).map(Calc::Component),
            ast::ArithKind::Paren(inner) => self.calc(inner),
            ast::ArithKind::Binary { op, lhs, rhs } => {
                let l = self.calc(lhs);
                let r = self.calc(rhs)?;
                if matches!(op, ArithOp::Div | ArithOp::Rem) && r == Calc::Number(0) {
                    self.err(
                        Diagnostic::error(
                            Code::NumberOutOfRange,
                            format!("`{} 0` divides by zero", op.as_str()),
                            rhs.span,
                            "zero",
                        )
                        .with_help("divide by a whole number other than zero, such as `minor % 4`"),
                    );
                    return None;
                }
                Some(Calc::Binary(*op, Box::new(l?), Box::new(r)))
            }
        }
    }

    /// A name in arithmetic: a version component; attributes and the rest are not numbers
    /// of the version.
    fn calc_name(&mut self, name: &Spanned<String>) -> Option<usize> {
        if self.attributes.iter().any(|a| a.name == name.node) {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!("`{}` is an attribute, not a version component", name.node),
                    name.span,
                    "an attribute",
                )
                .with_help("arithmetic reads the components of the line's version, such as `minor % 4`"),
            );
            return None;
        }
        self.component(name)
    }

    fn calc_number(&mut self, text: &Spanned<String>) -> Option<Calc> {
        if !text.node.chars().all(|c| c.is_ascii_digit()) || text.node.is_empty() {
            self.not_a_number(text.span);
            return None;
        }
        match text.node.parse::<i64>() {
            Ok(n) if n <= 1_000_000_000 => Some(Calc::Number(n)),
            _ => {
                self.err(
                    Diagnostic::error(
                        Code::NumberOutOfRange,
                        format!("`{}` is too large", text.node),
                        text.span,
                        "more than 1000000000",
                    )
                    .with_help("numbers in arithmetic go up to 1000000000"),
                );
                None
            }
        }
    }

    fn compare(&mut self, lhs: &ast::Operand, op: CmpOp, rhs: &ast::Operand, span: Span) -> Option<Cond> {
        if matches!(lhs.kind, OperandKind::Arith(_)) || matches!(rhs.kind, OperandKind::Arith(_)) {
            return self.calc_compare(lhs, op, rhs);
        }
        let value_text = |o: &ast::Operand| -> Option<String> {
            match &o.kind {
                OperandKind::Version(v) | OperandKind::Text(v) | OperandKind::Date(v) => Some(v.clone()),
                _ => None,
            }
        };
        match &lhs.kind {
            OperandKind::Line => {
                let Some(text) = value_text(rhs) else {
                    return self.bad_operand(rhs.span, "a version such as `8.2`");
                };
                match Version::parse(&text, &self.prerelease) {
                    Some(v) => Some(Cond::Line { op, value: v }),
                    None => self.bad_operand(rhs.span, "a version such as `8.2`"),
                }
            }
            OperandKind::Name(name) if name == "first_ship" => match &rhs.kind {
                OperandKind::Date(text) => Some(Cond::FirstShip {
                    op,
                    value: self.literal(text, rhs.span)?,
                }),
                _ => self.bad_operand(rhs.span, "a date (YYYY-MM-DD) to compare `first_ship` with"),
            },
            OperandKind::Name(name) if name == "kind" => {
                let Some(text) = value_text(rhs) else {
                    return self.bad_operand(rhs.span, "a release kind in quotes, such as `\"major\"`");
                };
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return self.bad_operand(span, "`==` or `!=` for a release kind");
                }
                Some(Cond::Kind { op, value: text })
            }
            OperandKind::Name(name) => {
                let sname = Spanned::new(name.clone(), lhs.span);
                if let Some(component) = self.components.iter().position(|c| c == name) {
                    let Some(text) = value_text(rhs) else {
                        return self.bad_operand(rhs.span, "a number or version component");
                    };
                    return match Version::parse(&text, &self.prerelease) {
                        Some(v) => Some(Cond::Component {
                            component,
                            op,
                            value: v,
                        }),
                        None => self.bad_operand(rhs.span, "a number or version component"),
                    };
                }
                let Some(attr) = self.attribute_index(name) else {
                    self.unknown_attribute(&sname);
                    return None;
                };
                let ty = self.attributes.get(attr).map_or(AttrType::Text, |a| a.ty);
                let value = match (&rhs.kind, ty) {
                    (OperandKind::Name(b), AttrType::Bool) if b == "true" || b == "false" => {
                        AttrLit::Bool(b == "true")
                    }
                    (OperandKind::Text(t), AttrType::Text) => AttrLit::Text(t.clone()),
                    (OperandKind::Date(t), AttrType::Date) => AttrLit::Date(self.literal(t, rhs.span)?),
                    (OperandKind::Version(t), AttrType::Number) => match t.parse() {
                        Ok(n) => AttrLit::Number(n),
                        Err(_) => return self.bad_operand(rhs.span, "a whole number"),
                    },
                    (_, ty) => {
                        let what = match ty {
                            AttrType::Bool => "`true` or `false`",
                            AttrType::Text => "a string in quotes",
                            AttrType::Date => "a date (YYYY-MM-DD)",
                            AttrType::Number => "a whole number",
                        };
                        return self.bad_operand(rhs.span, what);
                    }
                };
                Some(Cond::Attr { attr, op, value })
            }
            _ => self.bad_operand(
                lhs.span,
                "`line`, a version component or an attribute on the left",
            ),
        }
    }

    fn bad_operand(&mut self, span: Span, expected: &str) -> Option<Cond> {
        self.err(
            Diagnostic::error(Code::TypeMismatch, format!("expected {expected}"), span, format!("expected {expected}"))
                .with_help("conditions read `line >= 8.2`, `major is even`, `lts`, `minor == 4` or `edition == \"enterprise\"`"),
        );
        None
    }

    // ───────────────────────── whole-policy checks ─────────────────────────

    /// Static sanity of the phase sequence: an end that can come before its start,
    /// phases that do not follow each other.
    fn phase_checks(&mut self, policy: &Policy) {
        let mut warnings = Vec::new();
        for (i, phase) in self.phases.iter().enumerate() {
            for def in &phase.defs {
                if let (Some(from), Some(until)) = (&def.from, &def.until) {
                    if let (Some((a, da)), Some((b, db))) = (anchor(from), anchor(until)) {
                        // `through X` ends the day after X.
                        let db = if def.inclusive { db + 1.0 } else { db };
                        if a == b && db < da {
                            warnings.push(
                                Diagnostic::warning(
                                    Code::PhaseEndsBeforeStart,
                                    format!("phase `{}` ends before it starts", phase.id),
                                    until.span,
                                    "this end",
                                )
                                .with_related(from.span, "comes before this start")
                                .with_help(
                                    "check the durations: the end is earlier than the start for every line",
                                ),
                            );
                        }
                    }
                }
                // An allowance on the phase (any definition) or the policy: this phase may
                // start apart from the previous one's end.
                if i == 0
                    || policy.allow_gaps
                    || policy.allow_overlaps
                    || phase.defs.iter().any(|d| d.allow_gaps || d.allow_overlaps)
                {
                    continue;
                }
                // A definition that can never apply to a line the previous phase applies to
                // (`when lts` after `when not lts`) need not start where that phase ends.
                let apart = self
                    .phases
                    .get(i - 1)
                    .is_some_and(|prev| prev.defs.iter().all(|p| any_contradiction(&p.conds, &def.conds)));
                if let (Some(from), false) = (&def.from, apart) {
                    let from_rule = match &from.kind {
                        DateKind::UnlessDeclared(rule) => rule,
                        _ => from,
                    };
                    let follows = matches!(from_rule.kind, DateKind::PhaseEnd(j) if j + 1 == i);
                    if !follows {
                        let prev = self.phases.get(i - 1).map_or("", |p| p.id.as_str());
                        warnings.push(
                            Diagnostic::warning(
                                Code::PhaseGapOrOverlap,
                                format!("phase `{}` does not start where phase `{prev}` ends", phase.id),
                                from.span,
                                format!("not `end({prev})`"),
                            )
                            .with_help(format!("start it `from end({prev})`, or say `allow gaps` / `allow overlaps` in the phase if that is intended")),
                        );
                    }
                }
            }
        }
        self.diags.extend(warnings);
    }

    fn unused_services(&mut self) {
        let mut used = vec![false; self.services.len()];
        for p in &self.phases {
            for d in &p.defs {
                for i in d.provides.iter().flatten() {
                    if let Some(u) = used.get_mut(*i) {
                        *u = true;
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (s, u) in self.services.iter().zip(used) {
            if !u {
                out.push(
                    Diagnostic::warning(
                        Code::UnusedService,
                        format!("service `{}` is provided by no phase", s.id),
                        s.span,
                        "never provided",
                    )
                    .with_help("list it in a phase's `provides`, or remove it"),
                );
            }
        }
        self.diags.extend(out);
    }

    /// Phases and milestones that depend on themselves through `start`, `end` and
    /// milestone references.
    fn cycles(&mut self) {
        // Node ids: 2*i = start of phase i, 2*i+1 = end of phase i, 2*P + m = milestone m.
        let np = self.phases.len();
        let n = 2 * np + self.milestones.len();
        let mut edges: Vec<Vec<(usize, Span)>> = vec![Vec::new(); n];
        for (i, p) in self.phases.iter().enumerate() {
            for d in &p.defs {
                if let Some(e) = &d.from {
                    refs(e, np, &mut |t, s| push_edge(&mut edges, 2 * i, t, s));
                }
                if let Some(e) = &d.until {
                    refs(e, np, &mut |t, s| push_edge(&mut edges, 2 * i + 1, t, s));
                }
            }
        }
        for (m, ms) in self.milestones.iter().enumerate() {
            for d in &ms.defs {
                refs(&d.value, np, &mut |t, s| push_edge(&mut edges, 2 * np + m, t, s));
            }
        }
        let name = |node: usize| -> String {
            if node < 2 * np {
                let p = self.phases.get(node / 2).map_or("", |p| p.id.as_str());
                format!("{}({p})", if node % 2 == 0 { "start" } else { "end" })
            } else {
                self.milestones
                    .get(node - 2 * np)
                    .map_or(String::new(), |m| m.id.clone())
            }
        };
        // Iterative DFS with colours; report each cycle once.
        let mut colour = vec![0u8; n];
        let mut found = Vec::new();
        for root in 0..n {
            if colour.get(root) != Some(&0) {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            let mut path: Vec<(usize, Span)> = Vec::new();
            if let Some(c) = colour.get_mut(root) {
                *c = 1;
            }
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let edge = edges.get(node).and_then(|es| es.get(*next)).copied();
                *next += 1;
                match edge {
                    Some((t, span)) => match colour.get(t).copied() {
                        Some(0) => {
                            if let Some(c) = colour.get_mut(t) {
                                *c = 1;
                            }
                            path.push((node, span));
                            stack.push((t, 0));
                        }
                        Some(1) => {
                            // back edge: the cycle is t ... node -> t
                            let start = stack.iter().position(|(s, _)| *s == t).unwrap_or(0);
                            let mut members: Vec<(usize, Span)> = path.iter().skip(start).copied().collect();
                            members.push((node, span));
                            found.push(members);
                        }
                        _ => {}
                    },
                    None => {
                        if let Some(c) = colour.get_mut(node) {
                            *c = 2;
                        }
                        stack.pop();
                        path.pop();
                    }
                }
            }
        }
        for members in found {
            let names: Vec<String> = members.iter().map(|(n, _)| name(*n)).collect();
            let Some(&(_, first_span)) = members.first() else {
                continue;
            };
            let mut d = Diagnostic::error(
                Code::Cycle,
                format!(
                    "dates depend on themselves: {} -> {}",
                    names.join(" -> "),
                    names.first().cloned().unwrap_or_default()
                ),
                first_span,
                "this reference closes a cycle",
            )
            .with_help("one of these dates must be computed from something else, such as `first_ship`");
            for (_, s) in members.iter().skip(1) {
                d = d.with_related(*s, "which depends on this");
            }
            self.diags.push(d);
        }
    }
}

fn push_edge(edges: &mut [Vec<(usize, Span)>], from: usize, to: usize, span: Span) {
    if let Some(es) = edges.get_mut(from) {
        es.push((to, span));
    }
}

/// Call `f(node, span)` for every same-line date reference in `e`.
fn refs(e: &DateExpr, np: usize, f: &mut dyn FnMut(usize, Span)) {
    match &e.kind {
        DateKind::PhaseStart(i) => f(2 * i, e.span),
        DateKind::PhaseEnd(i) => f(2 * i + 1, e.span),
        DateKind::Milestone(m) => f(2 * np + m, e.span),
        DateKind::Shift(inner, _)
        | DateKind::Snap(_, inner)
        | DateKind::Seek(_, _, inner)
        | DateKind::Approximate(inner)
        | DateKind::UnlessDeclared(inner) => refs(inner, np, f),
        DateKind::Extreme(_, es) => es.iter().for_each(|x| refs(x, np, f)),
        DateKind::Literal(_)
        | DateKind::FirstShip(_)
        | DateKind::Latest(_)
        | DateKind::Final(_)
        | DateKind::Attr(..)
        | DateKind::Other(..)
        | DateKind::Upstream { .. } => {}
    }
}

/// Whether some condition of `a` and some condition of `b` can never hold for the same
/// line, so that both lists together never hold.
fn any_contradiction(a: &[Cond], b: &[Cond]) -> bool {
    a.iter().any(|x| b.iter().any(|y| contradict(x, y)))
}

/// Whether two conditions can never hold for the same line: one is the other's negation
/// (`lts` / `not lts`), they compare the same thing the opposite way (`line < 2.7` /
/// `line >= 2.7`), or they ask for opposite parities. A conjunction contradicts what any
/// of its parts contradicts. Anything else counts as compatible.
/// Whether `y` holding makes `x` hold, as far as the shapes show: the same
/// condition, a conjunction with a part that implies `x`, or `x` made of parts
/// that `y` implies (`even and major >= 4 and major < 12` implies
/// `even and major >= 4 or major >= 27`).
fn implies(y: &Cond, x: &Cond) -> bool {
    y == x
        || matches!(y, Cond::All(ys) if ys.iter().any(|p| implies(p, x)))
        || matches!(x, Cond::All(xs) if xs.iter().all(|p| implies(y, p)))
        || matches!(x, Cond::Any(xs) if xs.iter().any(|p| implies(y, p)))
}

fn contradict(a: &Cond, b: &Cond) -> bool {
    use eol_syntax::ast::CmpOp::{Eq, Ge, Gt, Le, Lt, Ne};
    let opposite = |x: CmpOp, y: CmpOp| {
        matches!(
            (x, y),
            (Lt, Ge) | (Ge, Lt) | (Le, Gt) | (Gt, Le) | (Eq, Ne) | (Ne, Eq)
        )
    };
    match (a, b) {
        (Cond::Not(x), y) | (y, Cond::Not(x)) if implies(y, x) => true,
        (Cond::All(xs), y) | (y, Cond::All(xs)) => xs.iter().any(|x| contradict(x, y)),
        (
            Cond::Parity {
                component: c1,
                even: e1,
            },
            Cond::Parity {
                component: c2,
                even: e2,
            },
        ) => c1 == c2 && e1 != e2,
        (Cond::Line { op: o1, value: v1 }, Cond::Line { op: o2, value: v2 }) => {
            v1 == v2 && opposite(*o1, *o2)
        }
        (
            Cond::Component {
                component: c1,
                op: o1,
                value: v1,
            },
            Cond::Component {
                component: c2,
                op: o2,
                value: v2,
            },
        ) => c1 == c2 && v1 == v2 && opposite(*o1, *o2),
        (
            Cond::Attr {
                attr: a1,
                op: o1,
                value: v1,
            },
            Cond::Attr {
                attr: a2,
                op: o2,
                value: v2,
            },
        ) => a1 == a2 && v1 == v2 && opposite(*o1, *o2),
        _ => false,
    }
}

/// `anchor + constant` as (anchor key, days), for static comparisons.
fn anchor(e: &DateExpr) -> Option<(String, f64)> {
    match &e.kind {
        DateKind::Approximate(inner) | DateKind::UnlessDeclared(inner) => anchor(inner),
        DateKind::Shift(inner, d) => anchor(inner).map(|(k, days)| (k, days + d.approx_days())),
        DateKind::FirstShip(None) => Some(("first_ship".into(), 0.0)),
        DateKind::Latest(None) => Some(("latest".into(), 0.0)),
        DateKind::PhaseStart(i) => Some((format!("start{i}"), 0.0)),
        DateKind::PhaseEnd(i) => Some((format!("end{i}"), 0.0)),
        DateKind::Milestone(i) => Some((format!("m{i}"), 0.0)),
        _ => None,
    }
}

/// Whether a duration expression says `about(...)` anywhere.
fn about_in(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Call { func, .. } => func.node == "about",
        ExprKind::Paren(inner) => about_in(inner),
        ExprKind::Binary { lhs, rhs, .. } => about_in(lhs) || about_in(rhs),
        _ => false,
    }
}

/// The keyword that starts an item, for messages.
fn item_keyword(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Vendor(_) => "vendor",
        ItemKind::Announced(_) => "announced",
        ItemKind::Versions(_) => "versions",
        ItemKind::Line(_) => "line",
        ItemKind::Order { .. } => "order",
        ItemKind::Attribute { .. } => "attribute",
        ItemKind::Prerelease(_) => "prerelease",
        ItemKind::Names { kind, .. } => kind.keyword(),
        ItemKind::Cadence { .. } => "cadence",
        ItemKind::Service { .. } => "service",
        ItemKind::Phase(_) => "phase",
        ItemKind::Milestone { .. } => "milestone",
        ItemKind::When { .. } => "when",
        ItemKind::Override { .. } => "override",
        ItemKind::Allow(_) => "allow",
        ItemKind::Upstream { .. } => "upstream",
        ItemKind::Declare { .. } => "declare",
        ItemKind::Source { .. } => "source",
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
        assert_eq!(diags[0].code, "eol::duplicate-definition");
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
}
