//! The evaluator: a policy and its catalog rows in, a lifecycle table out.
//!
//! Steps, all linear in the number of releases: read each release's line from its
//! version (or its explicit `line`), group, find each line's first ship, latest and
//! final release, order the lines, then evaluate every phase and milestone of every
//! line. "The N-th newer line" is an index lookup in the ordered list of lines (or,
//! with a condition, in the list of lines that satisfy it), so no step is quadratic.
//!
//! Every date carries a [`ValueKind`] (exact, estimated, override, pending) and, when
//! asked for, a [`Trace`]: how it was derived, step by step.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use eol_syntax::{Diagnostic, Span};

use crate::catalog::{AttrValue, Release, ReleaseDate};
use crate::dates;
use crate::model::*;
use crate::version::Version;

/// A description for traces: built only when tracing (evaluation without `explain`
/// allocates no text).
macro_rules! what {
    ($ctx:ident, $($t:tt)*) => {
        if $ctx.trace { format!($($t)*) } else { String::new() }
    };
}

/// How sure a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueKind {
    /// derived by rule from dated catalog rows that are facts at `--at`
    Exact,
    /// announced by the vendor for the line (`declare`, for a rule that says `unless
    /// declared`): not derived by rule
    Declared,
    /// pinned by an `override` in the rule file
    Override,
    /// depends on an approximate date, a planned release or a cadence projection
    Estimated,
    /// depends on something not known yet (a line not shipped and no cadence)
    Pending,
}

impl ValueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Exact => "exact",
            ValueKind::Override => "override",
            ValueKind::Declared => "declared",
            ValueKind::Estimated => "estimated",
            ValueKind::Pending => "pending",
        }
    }

    /// The kind of a value computed from inputs of these kinds.
    fn combine(self, other: ValueKind) -> ValueKind {
        use ValueKind::*;
        match (self, other) {
            (Pending, _) | (_, Pending) => Pending,
            (Estimated, _) | (_, Estimated) => Estimated,
            (Override, _) | (_, Override) => Override,
            (Declared, _) | (_, Declared) => Declared,
            _ => Exact,
        }
    }
}

/// How a date was derived: the rule text (by span), what it denotes, the value,
/// and the steps below it.
///
/// A derivation is a graph, not a tree: a date computed once (a phase's end, a
/// milestone, another line's date) is a step of every date that reads it, and its
/// trace is shared ([`Arc`]), not copied. A line whose dates read the previous
/// line's, twice each, would otherwise hold a copy of every earlier line's
/// derivation per path to it: 2^N steps for N lines. Walk a trace with that in mind
/// (see [`Trace::cause`], and [`Trace::size`] for how big it is written out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The rule text this step evaluates, when it comes from the rule file.
    pub span: Option<Span>,
    /// What the step is, in words: "first ship of line 6.0", "release 6.0.1 (catalog row 3)".
    pub what: String,
    pub date: Option<NaiveDate>,
    pub kind: ValueKind,
    pub children: Vec<Arc<Trace>>,
}

impl Trace {
    /// Where a date that is not exact comes from: the deepest step of the derivation
    /// that has `kind` (the projection behind an estimate, the missing line behind a
    /// pending date), searched depth first; None when no step has it or says what it is.
    ///
    /// Each shared step is searched once, without recursion: the time is linear in the
    /// distinct steps, however often they are shared, and the stack does not grow with
    /// the depth of the derivation.
    pub fn cause(&self, kind: ValueKind) -> Option<&Trace> {
        let mut seen: std::collections::HashSet<*const Trace> = std::collections::HashSet::new();
        // (step, index of the next child to visit)
        let mut stack: Vec<(&Trace, usize)> = vec![(self, 0)];
        while let Some((t, next)) = stack.pop() {
            match t.children.get(next) {
                Some(child) => {
                    stack.push((t, next + 1));
                    if seen.insert(Arc::as_ptr(child)) {
                        stack.push((child, 0));
                    }
                }
                // All children searched without a match: this step, if it has the kind.
                None if t.kind == kind && !t.what.is_empty() => return Some(t),
                None => {}
            }
        }
        None
    }

    /// How many steps the trace has written out as a tree, each shared step once per
    /// path to it (what printing it whole would print), saturating at `limit`; and
    /// how deep it goes, also up to `limit`. Linear in the distinct steps.
    pub fn size(&self, limit: usize) -> (usize, usize) {
        // post-order over distinct steps, memoizing (tree size, depth)
        let mut memo: std::collections::HashMap<*const Trace, (usize, usize)> =
            std::collections::HashMap::new();
        let mut stack: Vec<(&Trace, bool)> = vec![(self, false)];
        while let Some((t, expanded)) = stack.pop() {
            let key: *const Trace = t;
            if memo.contains_key(&key) {
                continue;
            }
            if !expanded {
                stack.push((t, true));
                for c in &t.children {
                    if !memo.contains_key(&Arc::as_ptr(c)) {
                        stack.push((c, false));
                    }
                }
                continue;
            }
            let (mut size, mut depth) = (1usize, 1usize);
            for c in &t.children {
                let (s, d) = memo.get(&Arc::as_ptr(c)).copied().unwrap_or((0, 0));
                size = size.saturating_add(s).min(limit);
                depth = depth.max(d.saturating_add(1)).min(limit);
            }
            memo.insert(key, (size, depth));
        }
        memo.get(&(self as *const Trace)).copied().unwrap_or((1, 1))
    }
}

/// Drop a deep derivation without recursion (a chain of cross-line references over
/// thousands of lines is thousands of steps deep).
impl Drop for Trace {
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(child) = stack.pop() {
            if let Ok(mut t) = Arc::try_unwrap(child) {
                stack.append(&mut t.children);
            }
        }
    }
}

/// A date and how sure it is. `date` is `None` exactly when `kind` is `Pending`.
#[derive(Clone, Debug, PartialEq)]
pub struct DateValue {
    pub date: Option<NaiveDate>,
    pub kind: ValueKind,
    pub trace: Option<Arc<Trace>>,
}

impl DateValue {
    fn pending() -> Self {
        DateValue {
            date: None,
            kind: ValueKind::Pending,
            trace: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// before the first ship date (or the line has no known date yet)
    Unreleased,
    /// inside a phase
    InPhase,
    /// shipped, but in no phase: between two phases (a gap), or before the first phase
    /// starts
    BetweenPhases,
    /// after the end of the last phase
    EndOfLife,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Unreleased => "unreleased",
            State::InPhase => "in-phase",
            State::BetweenPhases => "between-phases",
            State::EndOfLife => "end-of-life",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub state: State,
    /// index into [`LineLifecycle::phases`]
    pub phase: Option<usize>,
    /// when the current phase (or, before release, the wait) ends
    pub until: Option<DateValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseResult {
    /// index into [`Policy::phases`]
    pub phase: usize,
    pub start: DateValue,
    pub end: DateValue,
    /// indices into [`Policy::services`]
    pub services: Vec<usize>,
    /// the rules name the phase's last day (`through`), not its end
    pub through: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneResult {
    /// index into [`Policy::milestones`]
    pub milestone: usize,
    pub date: DateValue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReleaseRef {
    /// index into the releases given to [`evaluate`]
    pub index: usize,
    pub version: String,
    pub date: ReleaseDate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineLifecycle {
    pub line: String,
    pub first_ship: Option<DateValue>,
    pub latest: Option<ReleaseRef>,
    /// the release marked `final`, if any
    pub final_release: Option<ReleaseRef>,
    /// indices of this line's releases, in version order
    pub releases: Vec<usize>,
    pub phases: Vec<PhaseResult>,
    pub milestones: Vec<MilestoneResult>,
    pub status: Status,
    /// the end of the line's last phase
    pub eol: Option<DateValue>,
    /// (phase or milestone, reason) for every override applied
    pub overrides: Vec<(Target, String)>,
    /// (phase or milestone, reason) for every declared date applied, in rule-file order
    pub declared: Vec<(Target, String)>,
}

impl LineLifecycle {
    /// The phase result for a policy phase index, if the phase applies to this line.
    pub fn phase(&self, phase: usize) -> Option<&PhaseResult> {
        self.phases.iter().find(|p| p.phase == phase)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lifecycle {
    pub at: NaiveDate,
    pub lines: Vec<LineLifecycle>,
}

/// Which file a diagnostic of evaluation points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Rules,
    /// the catalog row of the release with index `row` (into the slice given to
    /// [`evaluate`]); the diagnostic's related labels point at the row `related`, which
    /// may sit in another catalog file
    Release {
        row: usize,
        related: Option<usize>,
    },
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Build a [`Trace`] for every date (for `explain`); off for speed otherwise.
    pub trace: bool,
}

/// Where a line's first ship date comes from.
#[derive(Clone, Copy, Debug)]
enum FirstShipSource {
    /// the date of this release (index into the releases)
    Release(usize),
    /// the line has no dated release: projected from line `base` plus `steps` line cadences
    Projected { base: usize, steps: usize },
}

struct Line {
    name: String,
    version: Option<Version>,
    releases: Vec<usize>,
    first_ship: Option<(NaiveDate, ValueKind, FirstShipSource)>,
    latest: Option<usize>,
    final_release: Option<usize>,
    attributes: HashMap<usize, AttrValue>,
    kind: Option<crate::catalog::Text>,
    /// per version component: no newer line shares this line's components up to
    /// it, and a newer line exists (`last of COMPONENT`)
    last_of: Vec<bool>,
    /// a number the catalog lacks between two of its lines (`order lines by number`):
    /// counted by `newer`/`older`, not reported
    missing: bool,
}

impl Line {
    /// A line with this name and nothing known about it yet.
    fn new(name: String, policy: &Policy) -> Line {
        Line {
            version: Version::parse(&name, &policy.prerelease),
            name,
            releases: Vec::new(),
            first_ship: None,
            latest: None,
            final_release: None,
            attributes: HashMap::new(),
            kind: None,
            last_of: Vec::new(),
            missing: false,
        }
    }
}

/// Evaluate `policy` over `releases` (the rows of its product) at `at`. A policy that
/// declares an `upstream` needs [`evaluate_with_upstreams`]; here its upstream dates are
/// pending.
pub fn evaluate(
    policy: &Policy,
    releases: &[&Release],
    at: NaiveDate,
    options: Options,
) -> (Lifecycle, Vec<(Origin, Diagnostic)>) {
    evaluate_with_upstreams(policy, releases, at, options, &[])
}

/// [`evaluate`], with the evaluated upstream policies, one per [`Policy::upstreams`]
/// (`None` for one that could not be evaluated: its dates are pending).
pub fn evaluate_with_upstreams(
    policy: &Policy,
    releases: &[&Release],
    at: NaiveDate,
    options: Options,
    upstreams: &[Option<UpstreamView<'_>>],
) -> (Lifecycle, Vec<(Origin, Diagnostic)>) {
    let mut diags = Vec::new();
    let mut lines = group(policy, releases, at, &mut diags);
    order(policy, &mut lines);
    equivalent_lines(policy, &lines, releases, &mut diags);
    if policy.order == LineOrder::Number {
        fill_numbering_gaps(policy, &mut lines);
    }
    project_undated(policy, &mut lines, &mut diags);
    mark_last_of(policy, &mut lines);
    let mut ctx = Ctx {
        policy,
        upstreams,
        releases,
        lines: &lines,
        at,
        trace: options.trace,
        selections: Selections::new(policy, &lines),
        futures: RefCell::new(HashMap::new()),
        to_come: OnceCell::new(),
        evals: Vec::new(),
        depth: Cell::new(0),
        cycle: Cell::new(None),
        too_deep: Cell::new(None),
        stripped: RefCell::new(HashMap::new()),
        out_of_range: RefCell::new(Vec::new()),
    };
    let mut out = Vec::with_capacity(lines.len());
    // Only the lines that overrides and declarations name are looked for: one pass over
    // the lines, no lowercased copy of every line's name.
    let mut named: HashMap<String, bool> = policy
        .overrides
        .iter()
        .map(|o| &o.line)
        .chain(policy.declared.iter().map(|d| &d.line))
        .map(|l| (l.to_ascii_lowercase(), false))
        .collect();
    if !named.is_empty() {
        for line in lines.iter().filter(|l| !l.missing) {
            let key: std::borrow::Cow<'_, str> = if line.name.bytes().any(|b| b.is_ascii_uppercase()) {
                line.name.to_ascii_lowercase().into()
            } else {
                line.name.as_str().into()
            };
            if let Some(found) = named.get_mut(key.as_ref()) {
                *found = true;
            }
        }
    }
    let line_index = |name: &str| named.get(&name.to_ascii_lowercase()).copied().unwrap_or(false);
    for o in &policy.overrides {
        if !line_index(&o.line) {
            diags.push((
                Origin::Rules,
                Diagnostic::warning(
                    "eol::override-unknown-line",
                    format!(
                        "override names line `{}`, which the catalog does not have",
                        o.line
                    ),
                    o.span,
                    "no such line",
                )
                .with_help("check the line name against the catalog; the override has no effect"),
            ));
        }
    }
    for d in &policy.declared {
        if !line_index(&d.line) {
            diags.push((
                Origin::Rules,
                Diagnostic::warning(
                    "eol::override-unknown-line",
                    format!(
                        "declaration names line `{}`, which the catalog does not have",
                        d.line
                    ),
                    d.span,
                    "no such line",
                )
                .with_help("check the line name against the catalog; the declaration has no effect"),
            ));
        }
    }
    let mut incomplete_reported = vec![false; policy.phases.len()];
    let evals: Vec<LineEval<'_>> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| ctx.prepare(i, line, &mut incomplete_reported, &mut diags))
        .collect();
    ctx.evals = evals;
    ctx.compute_all();
    for (i, line) in lines.iter().enumerate() {
        // A number the catalog lacks is counted, not reported.
        if !line.missing {
            out.push(ctx.assemble(i, &mut diags));
        }
    }
    match ctx.cycle.get() {
        Some((span, None)) => diags.push((
            Origin::Rules,
            Diagnostic::error("eol::cycle", "dates of different lines depend on each other in a circle", span, "needed while it was being computed")
                .with_help("a line's date may depend on other lines' dates, but not, through them, on itself; the dates involved are pending"),
        )),
        // The date in the circle is set by an override: the override is what to fix.
        Some((span, Some((line, target)))) => diags.push((
            Origin::Rules,
            Diagnostic::error(
                "eol::cycle",
                format!(
                    "the override of `{}` for line `{}` depends on the date it overrides",
                    crate::report::target_name(policy, target),
                    lines.get(line).map_or("", |l| l.name.as_str())
                ),
                span,
                "this override needs, through other dates, its own date",
            )
            .with_help("compute the override's date from something else, such as `first_ship` or a date literal; the dates involved are pending"),
        )),
        None => {}
    }
    let mut outside = ctx.out_of_range.take();
    outside.sort_unstable();
    for span in outside {
        diags.push((Origin::Rules, out_of_range(span)));
    }
    if let Some(span) = ctx.too_deep.get() {
        diags.push((
            Origin::Rules,
            Diagnostic::error("eol::evaluation-too-deep", format!("references to other lines nest deeper than {MAX_DEPTH} lines"), span, "here")
                .with_help("anchor the chain on each line's own dates (such as `first_ship`) instead of on other lines' phases; the dates involved are pending"),
        ));
    }
    (Lifecycle { at, lines: out }, diags)
}

/// Read each release's line and group.
fn group(
    policy: &Policy,
    releases: &[&Release],
    at: NaiveDate,
    diags: &mut Vec<(Origin, Diagnostic)>,
) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    // Keys borrow the catalog's text; only names with capitals are lowercased.
    let mut by_name: foldhash::HashMap<std::borrow::Cow<'_, str>, usize> = foldhash::HashMap::default();
    let mut seen_versions: foldhash::HashMap<(usize, &str), usize> =
        HashMap::with_capacity_and_hasher(releases.len(), Default::default());
    for (ri, r) in releases.iter().enumerate() {
        let name: &str = match &r.line {
            Some(l) => l.trim(),
            None => match line_prefix(&r.version, policy.line_len) {
                Some(p) => p,
                None => {
                    diags.push((
                        Origin::Release {
                            row: ri,
                            related: None,
                        },
                        Diagnostic::error(
                            "eol::version-mismatch",
                            format!(
                                "version `{}` has no line: `line {}` of policy `{}` needs {} dot-separated component{}",
                                r.version,
                                policy.components.iter().take(policy.line_len).cloned().collect::<Vec<_>>().join("."),
                                policy.id,
                                policy.line_len,
                                if policy.line_len == 1 { "" } else { "s" }
                            ),
                            r.version_span,
                            format!(
                                "needs at least {} dot-separated component{}",
                                policy.line_len,
                                if policy.line_len == 1 { "" } else { "s" }
                            ),
                        )
                        .with_help("fix the version, or give the row an explicit `line`"),
                    ));
                    continue;
                }
            },
        };
        let key: std::borrow::Cow<'_, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            name.to_ascii_lowercase().into()
        } else {
            name.into()
        };
        let li = match by_name.get(&key) {
            Some(i) => *i,
            None => {
                let i = lines.len();
                by_name.insert(key, i);
                lines.push(Line::new(name.to_owned(), policy));
                i
            }
        };
        let vkey = (li, r.version.trim());
        if let Some(first) = seen_versions.get(&vkey) {
            let first_span = releases.get(*first).map_or(r.span, |f| f.version_span);
            diags.push((
                Origin::Release {
                    row: ri,
                    related: Some(*first),
                },
                Diagnostic::error(
                    "eol::duplicate-release",
                    format!(
                        "version `{}` appears twice in line `{}`",
                        r.version,
                        lines.get(li).map_or("", |l| l.name.as_str())
                    ),
                    r.version_span,
                    "again here",
                )
                .with_related(first_span, "first here")
                .with_help("remove one of the two rows"),
            ));
            continue;
        }
        seen_versions.insert(vkey, ri);
        let Some(line) = lines.get_mut(li) else { continue };
        line.releases.push(ri);
        for (ai, decl) in policy.attributes.iter().enumerate() {
            if let Some(v) = r.attributes.get(&decl.name) {
                let fits = matches!(
                    (v, decl.ty),
                    (AttrValue::Bool(_), AttrType::Bool)
                        | (AttrValue::Text(_), AttrType::Text)
                        | (AttrValue::Date(_), AttrType::Date)
                        | (AttrValue::Number(_), AttrType::Number)
                );
                let span = r.attribute_spans.get(&decl.name).copied().unwrap_or(r.span);
                if !fits {
                    diags.push((
                        Origin::Release {
                            row: ri,
                            related: None,
                        },
                        Diagnostic::error(
                            "eol::attribute-type",
                            format!(
                                "attribute `{}` is {}, but the policy declares it {}",
                                decl.name,
                                v.type_name(),
                                attr_type_name(decl.ty)
                            ),
                            span,
                            "wrong type",
                        )
                        .with_help("fix the value, or the attribute's type in the rule file"),
                    ));
                    continue;
                }
                match line.attributes.get(&ai) {
                    Some(prev) if prev != v => diags.push((
                        Origin::Release { row: ri, related: None },
                        Diagnostic::warning("eol::conflicting-attribute", format!("line `{}` has two values of `{}`: `{prev}` and `{v}`", line.name, decl.name), span, "differs from an earlier row")
                            .with_help("a line-level attribute should be the same on every row of the line; the first value is used"),
                    )),
                    Some(_) => {}
                    None => {
                        line.attributes.insert(ai, v.clone());
                    }
                }
            }
        }
        if r.is_final {
            line.final_release = Some(ri);
        }
    }
    // First ship, latest, kind; releases in version order.
    for line in &mut lines {
        line.releases
            .sort_by(|&a, &b| match (releases.get(a), releases.get(b)) {
                (Some(x), Some(y)) => {
                    crate::version::compare_text(&x.version, &y.version, &policy.prerelease)
                }
                _ => std::cmp::Ordering::Equal,
            });
        let mut first: Option<(NaiveDate, ValueKind, FirstShipSource)> = None;
        let mut latest: Option<(NaiveDate, usize)> = None;
        for &ri in &line.releases {
            let Some(r) = releases.get(ri) else { continue };
            let Some(d) = r.date.earliest() else { continue };
            let kind = release_kind(&r.date, d, at);
            // The earliest day; on a tie, the surer reading of it (a row dated exactly
            // 1 March makes the day exact, whatever a row dated "March" says).
            if first.is_none_or(|(fd, fk, _)| d < fd || (d == fd && kind < fk)) {
                first = Some((d, kind, FirstShipSource::Release(ri)));
            }
            // The newest release shipped by `at`; planned ones only when none has shipped.
            let better = match latest {
                None => true,
                Some((ld, _)) => {
                    let (shipped, lshipped) = (d <= at, ld <= at);
                    (shipped && !lshipped) || (shipped == lshipped && if shipped { d >= ld } else { d < ld })
                }
            };
            if better {
                latest = Some((d, ri));
            }
        }
        line.first_ship = first;
        // With no dated release, the newest known one (by version), date unknown.
        line.latest = latest.map(|(_, ri)| ri).or_else(|| line.releases.last().copied());
        // The opening release: lowest version. Rows dated before it look wrong.
        if let Some(&open) = line.releases.first() {
            if let Some(r) = releases.get(open) {
                line.kind = r.kind.clone();
                if let Some(od) = r.date.earliest().filter(|_| r.date.is_exact()) {
                    for &ri in line.releases.iter().skip(1) {
                        if let Some(other) = releases.get(ri) {
                            if let Some(d) = other.date.latest().filter(|d| *d < od) {
                                diags.push((
                                    Origin::Release { row: ri, related: Some(open) },
                                    Diagnostic::warning(
                                        "eol::release-before-first-ship",
                                        format!("release `{}` ({d}) is dated before `{}` ({od}), the first release of line `{}`", other.version, r.version, line.name),
                                        other.date_span,
                                        "earlier than the line's first release",
                                    )
                                    .with_related(r.date_span, "first release of the line")
                                    .with_help("check both dates; the line's first ship date is taken as the earliest date"),
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    lines
}

fn attr_type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Bool => "true/false",
        AttrType::Text => "text",
        AttrType::Date => "a date",
        AttrType::Number => "a number",
    }
}

/// The first `n` dot-separated components of a version's core, as written.
pub fn line_prefix(version: &str, n: usize) -> Option<&str> {
    let v = version.trim();
    let core_end = v.find(['-', '+', '_', ' ']).unwrap_or(v.len());
    let core = v.get(..core_end)?;
    if core.is_empty() || n == 0 {
        return None;
    }
    let mut end = 0;
    let mut count = 0;
    for (i, part) in core.split('.').enumerate() {
        if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        if i > 0 {
            end += 1;
        }
        end += part.len();
        count += 1;
        if count == n {
            return core.get(..end);
        }
    }
    None
}

fn order(policy: &Policy, lines: &mut [Line]) {
    match policy.order {
        LineOrder::Version | LineOrder::Number => {
            lines.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.name.cmp(&b.name)))
        }
        LineOrder::FirstShip => lines.sort_by(|a, b| {
            let da = a.first_ship.map(|f| f.0);
            let db = b.first_ship.map(|f| f.0);
            // Undated lines last, then by version.
            da.is_none()
                .cmp(&db.is_none())
                .then(da.cmp(&db))
                .then_with(|| a.version.cmp(&b.version))
        }),
    }
}

/// Whether two names are the same text but for letter case and leading zeros of numbers.
fn written_two_ways(a: &str, b: &str) -> bool {
    fn pieces(s: &str) -> impl Iterator<Item = String> + '_ {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digits = first.is_ascii_digit();
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digits)
                .unwrap_or(rest.len());
            let (piece, tail) = rest.split_at(end);
            rest = tail;
            Some(if digits {
                let t = piece.trim_start_matches('0');
                if t.is_empty() {
                    "0".to_owned()
                } else {
                    t.to_owned()
                }
            } else {
                piece.to_ascii_lowercase()
            })
        })
    }
    pieces(a).eq(pieces(b))
}

/// Lines whose names differ but whose versions are equal (`1.0` and `1.00` under
/// `line major.minor`): two lines of one version, whose order is only their names'.
/// Only names that differ in letter case or leading zeros are the same version written
/// two ways: `galaxy-s9` and `galaxy-s9+` compare equal (punctuation in a suffix does not
/// count) but are two models. Lines ordered by first ship are not ordered by version.
fn equivalent_lines(
    policy: &Policy,
    lines: &[Line],
    releases: &[&Release],
    diags: &mut Vec<(Origin, Diagnostic)>,
) {
    if policy.order == LineOrder::FirstShip {
        return;
    }
    let mut by_version: Vec<(&Version, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.version.as_ref().map(|v| (v, i)))
        .collect();
    by_version.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    for pair in by_version.windows(2) {
        let [(va, a), (vb, b)] = pair else { continue };
        if va != vb {
            continue;
        }
        let (Some(first), Some(second)) = (lines.get(*a), lines.get(*b)) else {
            continue;
        };
        if !written_two_ways(&first.name, &second.name) {
            continue;
        }
        let (Some(&ra), Some(&rb)) = (first.releases.first(), second.releases.first()) else {
            continue;
        };
        let (Some(rel_a), Some(rel_b)) = (releases.get(ra), releases.get(rb)) else {
            continue;
        };
        let span_of = |r: &Release| if r.line.is_some() { r.span } else { r.version_span };
        diags.push((
            Origin::Release {
                row: rb,
                related: Some(ra),
            },
            Diagnostic::warning(
                "eol::equivalent-lines",
                format!(
                    "lines `{}` and `{}` are the same version written two ways",
                    first.name, second.name
                ),
                span_of(rel_b),
                format!("line `{}`", second.name),
            )
            .with_related(span_of(rel_a), format!("line `{}`", first.name))
            .with_help("write the version the same way on every row (or give the rows an explicit `line`); as it is, they are two lines, ordered by their names"),
        ));
    }
}

/// Gaps wider than this many numbers are not filled by `order lines by number`.
const MAX_FILLED_GAP: u64 = 100;

/// `order lines by number`: between two lines (in order) whose versions share every
/// component but the last, each number missing in the last component is a line the
/// catalog lacks (5.2 between 5.1 and 5.3). Such lines are added, undated and marked
/// `missing`: `newer`/`older` count them, and their first ship is projected like any
/// undated line's. Gaps of more than [`MAX_FILLED_GAP`] numbers are left alone.
fn fill_numbering_gaps(policy: &Policy, lines: &mut Vec<Line>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut prev: Option<(String, u64, usize)> = None;
    for line in lines.drain(..) {
        let this = line.version.as_ref().and_then(numbering);
        if let (Some((head, before, width)), Some((h, n, _))) = (&prev, &this) {
            let gap = n.saturating_sub(before.saturating_add(1));
            if head == h && gap > 0 && gap <= MAX_FILLED_GAP {
                for k in before + 1..*n {
                    let name = if head.is_empty() {
                        format!("{k:0width$}")
                    } else {
                        format!("{head}.{k:0width$}")
                    };
                    let mut missing = Line::new(name, policy);
                    missing.missing = true;
                    out.push(missing);
                }
            }
        }
        // a line not numbered plainly (`2-lts`) does not end a gap: 3 is missing
        // between 2 and 4 whatever stands between them
        if this.is_some() {
            prev = this;
        }
        out.push(line);
    }
    *lines = out;
}

/// A line known to exist without any dated release gets its first ship projected
/// from the nearest earlier dated line and the line cadence (estimated); without a
/// cadence it stays unknown.
fn project_undated(policy: &Policy, lines: &mut [Line], diags: &mut Vec<(Origin, Diagnostic)>) {
    let Some(cadence) = policy.line_cadence() else {
        return;
    };
    let mut reported = false;
    let mut base: Option<(usize, NaiveDate)> = None;
    for i in 0..lines.len() {
        let Some(line) = lines.get_mut(i) else { continue };
        match line.first_ship {
            Some((d, _, FirstShipSource::Release(_))) => base = Some((i, d)),
            Some(_) => {}
            None => {
                if let Some((b, bd)) = base {
                    let steps = i - b;
                    let date = (0..steps)
                        .try_fold(bd, |d, _| shift(d, cadence))
                        .filter(|d| in_calendar(*d));
                    if date.is_none() && !reported {
                        reported = true;
                        let span = policy
                            .cadences
                            .iter()
                            .find(|c| c.kind == "line")
                            .map_or(policy.span, |c| c.span);
                        diags.push((Origin::Rules, out_of_range(span)));
                    }
                    if let Some(date) = date {
                        line.first_ship = Some((
                            date,
                            ValueKind::Estimated,
                            FirstShipSource::Projected { base: b, steps },
                        ));
                    }
                }
            }
        }
    }
}

/// For `last of COMPONENT`: walk the ordered lines newest first, remembering the
/// component prefixes seen; a line is the last of its prefix when no newer line had
/// it and some newer line exists.
fn mark_last_of(policy: &Policy, lines: &mut [Line]) {
    let n = lines.len();
    let width = policy.components.len();
    let mut flags: Vec<Vec<bool>> = vec![vec![false; width]; n];
    {
        // Keys borrow the lines' parsed versions: no text is built per line.
        let mut seen: std::collections::HashSet<&[crate::version::Component]> =
            std::collections::HashSet::with_capacity(n);
        for c in 0..width {
            seen.clear();
            for (i, line) in lines.iter().enumerate().rev() {
                let Some(key) = line
                    .version
                    .as_ref()
                    .filter(|v| v.core.len() > c)
                    .and_then(|v| v.core.get(..=c))
                else {
                    continue;
                };
                let newer_exists = i + 1 < n;
                if let Some(flag) = flags.get_mut(i).and_then(|f| f.get_mut(c)) {
                    *flag = newer_exists && !seen.contains(key);
                }
                seen.insert(key);
            }
        }
    }
    for (line, f) in lines.iter_mut().zip(flags) {
        line.last_of = f;
    }
}

/// For every selector with a condition, the ordered indices of the lines it matches.
struct Selections {
    /// keyed by the selector's span (unique per selector in a policy) and, for
    /// filters with `same COMPONENT`, the current line's values of those components
    lists: HashMap<(Span, String), Vec<usize>>,
}

/// The components a filter compares with `same`.
fn same_components(c: &Cond, out: &mut Vec<usize>) {
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| same_components(c, out)),
        Cond::Not(c) => same_components(c, out),
        Cond::Same(i) => out.push(*i),
        _ => {}
    }
}

/// The components a filter requires to be the same for every match (`same C` as
/// the filter or one of its top-level `and` parts): candidates share their values.
fn required_same(c: &Cond, out: &mut Vec<usize>) {
    match c {
        Cond::Same(i) => out.push(*i),
        Cond::All(cs) => cs.iter().for_each(|c| required_same(c, out)),
        _ => {}
    }
}

/// The key of a line for `same` components: their values as versions compare them
/// (`10.0` and `10.00` share a minor).
fn same_key(line: &Line, components: &[usize]) -> String {
    let mut key = String::new();
    for c in components {
        if let Some(component) = line.version.as_ref().and_then(|v| v.core.get(*c)) {
            key.push_str(&format!("{component:?}"));
        }
        key.push('\u{1f}');
    }
    key
}

impl Selections {
    fn new(policy: &Policy, lines: &[Line]) -> Self {
        let mut lists = HashMap::new();
        let mut visit = |sel: &Selector| {
            let Some(filter) = &sel.filter else { return };
            let mut comps = Vec::new();
            same_components(filter, &mut comps);
            if comps.is_empty() {
                let list: Vec<usize> = lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| holds(filter, l))
                    .map(|(i, _)| i)
                    .collect();
                lists.insert((sel.span, String::new()), list);
                return;
            }
            // Group lines by key; each group's list is computed once, from one member.
            // Candidates: lines sharing the components the filter requires to be the
            // same (all lines when it requires none), so the usual case stays linear.
            let mut required = Vec::new();
            required_same(filter, &mut required);
            let mut by_required: HashMap<String, Vec<usize>> = HashMap::new();
            let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, l) in lines.iter().enumerate() {
                groups.entry(same_key(l, &comps)).or_default().push(i);
                if !required.is_empty() {
                    by_required.entry(same_key(l, &required)).or_default().push(i);
                }
            }
            for (key, members) in &groups {
                let Some(cur) = members.first().and_then(|&i| lines.get(i)) else {
                    continue;
                };
                let candidates: Box<dyn Iterator<Item = usize>> = if required.is_empty() {
                    Box::new(0..lines.len())
                } else {
                    let pool = by_required
                        .get(&same_key(cur, &required))
                        .cloned()
                        .unwrap_or_default();
                    Box::new(pool.into_iter())
                };
                let list: Vec<usize> = candidates
                    .filter(|&j| lines.get(j).is_some_and(|l| holds_rel(filter, l, cur)))
                    .collect();
                lists.insert((sel.span, key.clone()), list);
            }
        };
        for p in &policy.phases {
            for d in &p.defs {
                for e in d.from.iter().chain(d.until.iter()) {
                    selectors(e, &mut visit);
                }
            }
        }
        for m in &policy.milestones {
            for d in &m.defs {
                selectors(&d.value, &mut visit);
            }
        }
        for o in policy.overrides.iter().chain(&policy.declared) {
            selectors(&o.value, &mut visit);
        }
        Selections { lists }
    }
}

fn selectors(e: &DateExpr, f: &mut dyn FnMut(&Selector)) {
    match &e.kind {
        DateKind::FirstShip(Some(s))
        | DateKind::Latest(Some(s))
        | DateKind::Final(Some(s))
        | DateKind::Attr(_, Some(s))
        | DateKind::Other(_, s) => f(s),
        DateKind::Shift(inner, _)
        | DateKind::Snap(_, inner)
        | DateKind::Seek(_, _, inner)
        | DateKind::Approximate(inner)
        | DateKind::UnlessDeclared(inner) => selectors(inner, f),
        DateKind::Extreme(_, es) => es.iter().for_each(|x| selectors(x, f)),
        _ => {}
    }
}

/// Does a condition hold for a line?
fn holds(c: &Cond, line: &Line) -> bool {
    holds_rel(c, line, line)
}

/// Does a condition hold for `line`, seen from `current` (the line a selector starts
/// from, for `same COMPONENT`)?
fn holds_rel(c: &Cond, line: &Line, current: &Line) -> bool {
    match c {
        Cond::All(cs) => cs.iter().all(|c| holds_rel(c, line, current)),
        Cond::Any(cs) => cs.iter().any(|c| holds_rel(c, line, current)),
        Cond::Not(c) => !holds_rel(c, line, current),
        Cond::Same(component) => match (line.version.as_ref(), current.version.as_ref()) {
            (Some(a), Some(b)) => {
                a.core.get(*component).is_some() && a.core.get(*component) == b.core.get(*component)
            }
            _ => false,
        },
        Cond::LastOf(c) => line.last_of.get(*c).copied().unwrap_or(false),
        Cond::FirstShip { op, value } => line
            .first_ship
            .is_some_and(|(d, _, _)| compare(*op, d.cmp(value))),
        Cond::Parity { component, even } => line
            .version
            .as_ref()
            .and_then(|v| v.is_even(*component))
            .is_some_and(|e| e == *even),
        Cond::Component { component, op, value } => line
            .version
            .as_ref()
            .and_then(|v| v.prefix(component + 1))
            .is_some_and(|v| {
                let mine = v.core.last().cloned().unwrap_or_default();
                let theirs = value.core.first().cloned().unwrap_or_default();
                compare(*op, mine.cmp(&theirs))
            }),
        Cond::Line { op, value } => line.version.as_ref().is_some_and(|v| compare(*op, v.cmp(value))),
        Cond::Flag(a) => matches!(line.attributes.get(a), Some(AttrValue::Bool(true))),
        Cond::Attr { attr, op, value } => match (line.attributes.get(attr), value) {
            (Some(AttrValue::Bool(a)), AttrLit::Bool(b)) => compare(*op, a.cmp(b)),
            (Some(AttrValue::Text(a)), AttrLit::Text(b)) => compare(*op, a.as_str().cmp(b.as_str())),
            (Some(AttrValue::Date(a)), AttrLit::Date(b)) => compare(*op, a.cmp(b)),
            (Some(AttrValue::Number(a)), AttrLit::Number(b)) => compare(*op, a.cmp(b)),
            // An absent attribute equals nothing and differs from everything.
            (None, _) => *op == CmpOp::Ne,
            _ => false,
        },
        Cond::LineMatches(g) => g.matches(&line.name),
        Cond::AttrMatches { attr, glob } => {
            matches!(line.attributes.get(attr), Some(AttrValue::Text(t)) if glob.matches(t))
        }
        Cond::Calc { lhs, op, rhs } => {
            line.version
                .as_ref()
                .is_some_and(|v| match (lhs.value(v), rhs.value(v)) {
                    (Some(a), Some(b)) => compare(*op, a.cmp(&b)),
                    _ => false,
                })
        }
        Cond::Kind { op, value } => {
            let eq = line
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case(value));
            if *op == CmpOp::Eq {
                eq
            } else {
                !eq
            }
        }
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

/// An evaluated upstream policy, for `... of UPSTREAM` expressions.
#[derive(Clone, Copy, Debug)]
pub struct UpstreamView<'a> {
    pub policy: &'a Policy,
    pub lifecycle: &'a Lifecycle,
}

struct Ctx<'a> {
    policy: &'a Policy,
    /// per [`Policy::upstreams`]: the evaluated upstream, when it could be evaluated
    upstreams: &'a [Option<UpstreamView<'a>>],
    releases: &'a [&'a Release],
    lines: &'a [Line],
    at: NaiveDate,
    trace: bool,
    selections: Selections,
    /// [`Ctx::future_match`]'s answers, by selector, `same` key and count: lines that
    /// share them get the same line to come
    futures: RefCell<HashMap<FutureKey, Result<Future, String>>>,
    /// the lines to come, built once when a selector first needs them
    to_come: OnceCell<Result<ToCome, String>>,
    /// per line: merged definitions and the memo of its dates
    evals: Vec<LineEval<'a>>,
    /// how deep cross-line references currently nest
    depth: Cell<usize>,
    /// a date was needed while it was being computed (a cycle across lines, or
    /// through an override)
    cycle: Cell<Option<CycleAt>>,
    /// cross-line references nested deeper than [`MAX_DEPTH`]
    too_deep: Cell<Option<Span>>,
    /// upstream traces without their spans, each step copied once
    stripped: RefCell<HashMap<*const Trace, Arc<Trace>>>,
    /// rule text whose date left the years 0000 to 9999 (each reported once)
    out_of_range: RefCell<Vec<Span>>,
}

/// Where a cycle was found: the rule text, and the line and date when an override
/// sets the date found in the circle.
type CycleAt = (Span, Option<(usize, Target)>);

/// How deep dates of other lines may nest (`end(p, older 1)` chains) before the
/// evaluator refuses, rather than exhaust the stack.
pub const MAX_DEPTH: usize = 150;

/// Per-line memo of phase and milestone values while evaluating one line.
struct LineEval<'l> {
    index: usize,
    line: &'l Line,
    /// the merged definition of each phase for this line (None: does not apply)
    phases: Vec<Option<Merged<'l>>>,
    milestones: Vec<Option<&'l DateExpr>>,
    /// memo of every date of the line: see [`Ctx::slot`]
    slots: RefCell<Vec<Slot>>,
    overrides: HashMap<Target, &'l Override>,
    /// the line's `declare`d dates
    declared: HashMap<Target, &'l Override>,
}

#[derive(Clone)]
struct Merged<'l> {
    from: Option<&'l DateExpr>,
    until: Option<&'l DateExpr>,
    /// `until` was written `through` (the last day)
    inclusive: bool,
    provides: Option<&'l Vec<usize>>,
    /// an `allow gaps` / `allow overlaps` in a definition that applies
    allow_gaps: bool,
    allow_overlaps: bool,
}

#[derive(Clone)]
enum Slot {
    Todo,
    Busy,
    Done(DateValue),
}

impl<'a> Ctx<'a> {
    /// Merge the definitions that apply to a line; nothing is computed yet.
    fn prepare(
        &self,
        i: usize,
        line: &'a Line,
        incomplete: &mut [bool],
        diags: &mut Vec<(Origin, Diagnostic)>,
    ) -> LineEval<'a> {
        let policy = self.policy;
        let mut phases = Vec::with_capacity(policy.phases.len());
        for (pi, decl) in policy.phases.iter().enumerate() {
            let mut merged: Option<Merged<'a>> = None;
            for def in &decl.defs {
                if def.conds.iter().all(|c| holds(c, line)) {
                    let m = merged.get_or_insert(Merged {
                        from: None,
                        until: None,
                        inclusive: false,
                        provides: None,
                        allow_gaps: false,
                        allow_overlaps: false,
                    });
                    m.allow_gaps |= def.allow_gaps;
                    m.allow_overlaps |= def.allow_overlaps;
                    if def.from.is_some() {
                        m.from = def.from.as_ref();
                    }
                    if def.until.is_some() {
                        m.until = def.until.as_ref();
                        m.inclusive = def.inclusive;
                    }
                    if def.provides.is_some() {
                        m.provides = def.provides.as_ref();
                    }
                }
            }
            if let Some(m) = &merged {
                if m.from.is_none() || m.until.is_none() {
                    if let Some(flag) = incomplete.get_mut(pi) {
                        if !*flag {
                            *flag = true;
                            diags.push((
                                Origin::Rules,
                                Diagnostic::error("eol::incomplete-phase", format!("phase `{}` has no {} for line `{}`", decl.id, if m.from.is_none() { "start" } else { "end" }, line.name), decl.span, "phase declared here")
                                    .with_help("only refinements apply to this line; give the phase an unconditional definition with `from` and `until`"),
                            ));
                        }
                    }
                    merged = None;
                }
            }
            phases.push(merged);
        }
        let milestones = policy
            .milestones
            .iter()
            .map(|m| {
                m.defs
                    .iter()
                    .rfind(|d| d.conds.iter().all(|c| holds(c, line)))
                    .map(|d| &d.value)
            })
            .collect();
        // The same as comparing lowercased copies, without making them for every line.
        let overrides = policy
            .overrides
            .iter()
            .filter(|o| o.line.eq_ignore_ascii_case(&line.name))
            .map(|o| (o.target, o))
            .collect();
        let declared = policy
            .declared
            .iter()
            .filter(|d| d.line.eq_ignore_ascii_case(&line.name))
            .map(|d| (d.target, d))
            .collect();
        LineEval {
            index: i,
            line,
            phases,
            milestones,
            slots: RefCell::new(vec![
                Slot::Todo;
                2 * policy.phases.len() + policy.milestones.len()
            ]),
            overrides,
            declared,
        }
    }

    /// Compute every date of every line, in an order that keeps cross-line
    /// references shallow: oldest first, unless rules only look at newer lines.
    fn compute_all(&self) {
        let n = self.evals.len();
        let order: Box<dyn Iterator<Item = usize>> = if looks_newer_only(self.policy) {
            Box::new((0..n).rev())
        } else {
            Box::new(0..n)
        };
        for li in order {
            for pi in 0..self.policy.phases.len() {
                self.target(li, Target::PhaseStart(pi));
                self.target(li, Target::PhaseEnd(pi));
            }
            for mi in 0..self.policy.milestones.len() {
                self.target(li, Target::Milestone(mi));
            }
        }
    }

    /// The finished lifecycle of one line (after [`Ctx::compute_all`]).
    fn assemble(&self, i: usize, diags: &mut Vec<(Origin, Diagnostic)>) -> LineLifecycle {
        let policy = self.policy;
        let Some(le) = self.evals.get(i) else {
            return LineLifecycle {
                line: String::new(),
                first_ship: None,
                latest: None,
                final_release: None,
                releases: Vec::new(),
                phases: Vec::new(),
                milestones: Vec::new(),
                status: Status {
                    state: State::Unreleased,
                    phase: None,
                    until: None,
                },
                eol: None,
                overrides: Vec::new(),
                declared: Vec::new(),
            };
        };
        let line = le.line;
        let mut results = Vec::new();
        for pi in 0..policy.phases.len() {
            let Some(Some(m)) = le.phases.get(pi).cloned() else {
                continue;
            };
            let start = self.target(i, Target::PhaseStart(pi));
            let end = self.target(i, Target::PhaseEnd(pi));
            if let (Some(s), Some(e)) = (start.date, end.date) {
                if e < s {
                    // Point at an override when one set either date: that is what to check.
                    let overridden = [Target::PhaseEnd(pi), Target::PhaseStart(pi)]
                        .into_iter()
                        .find_map(|t| le.overrides.get(&t));
                    let (span, label, help) = match overridden {
                        Some(o) => (
                            o.span,
                            "this override",
                            "check the override's date against the rule's other date",
                        ),
                        None => (
                            m.until.map_or(Span::default(), |u| u.span),
                            "this end",
                            "check the rule, or override this line's date with a reason",
                        ),
                    };
                    diags.push((
                        Origin::Rules,
                        Diagnostic::warning(
                            "eol::phase-ends-before-start",
                            format!(
                                "phase `{}` of line `{}` ends ({e}) before it starts ({s})",
                                policy.phases.get(pi).map_or("", |p| p.id.as_str()),
                                line.name
                            ),
                            span,
                            label,
                        )
                        .with_help(help),
                    ));
                }
            }
            results.push(PhaseResult {
                phase: pi,
                start,
                end,
                services: m.provides.cloned().unwrap_or_default(),
                through: m.inclusive,
            });
        }
        let mut milestones = Vec::new();
        for mi in 0..policy.milestones.len() {
            if le.milestones.get(mi).is_some_and(Option::is_some) {
                let date = self.target(i, Target::Milestone(mi));
                milestones.push(MilestoneResult { milestone: mi, date });
            }
        }
        if !policy.allow_gaps || !policy.allow_overlaps {
            for pair in results.windows(2) {
                if let [a, b] = pair {
                    if let (Some(ae), Some(bs)) = (a.end.date, b.start.date) {
                        let merged = le.phases.get(b.phase).and_then(Option::as_ref);
                        let (code, what, allowed) = if bs > ae {
                            (
                                "eol::phase-gap",
                                "a gap",
                                policy.allow_gaps || merged.is_some_and(|m| m.allow_gaps),
                            )
                        } else {
                            (
                                "eol::phase-overlap",
                                "an overlap",
                                policy.allow_overlaps || merged.is_some_and(|m| m.allow_overlaps),
                            )
                        };
                        if bs != ae && !allowed {
                            let (an, bn) = (
                                policy.phases.get(a.phase).map_or("", |p| p.id.as_str()),
                                policy.phases.get(b.phase).map_or("", |p| p.id.as_str()),
                            );
                            let allow = if bs > ae { "gaps" } else { "overlaps" };
                            // An override of either date is the likelier cause: point at it.
                            let overridden = [Target::PhaseEnd(a.phase), Target::PhaseStart(b.phase)]
                                .into_iter()
                                .find_map(|t| le.overrides.get(&t));
                            let (span, label, help) = match overridden {
                                Some(o) => (o.span, "this override", format!("check the override's date, or say `allow {allow}` in phase `{bn}` if the vendor intends it")),
                                None => (
                                    policy.phases.get(b.phase).map_or(Span::default(), |p| p.span),
                                    "this phase",
                                    format!("start `{bn}` at `end({an})`, or say `allow {allow}` in phase `{bn}` if the vendor intends it"),
                                ),
                            };
                            diags.push((
                                Origin::Rules,
                                Diagnostic::warning(code, format!("line `{}` has {what} between `{an}` (ends {ae}) and `{bn}` (starts {bs})", line.name), span, label)
                                    .with_help(help),
                            ));
                        }
                    }
                }
            }
        }
        let first_ship = line.first_ship.map(|(d, kind, src)| DateValue {
            date: Some(d),
            kind,
            trace: self
                .trace
                .then(|| Arc::new(self.first_ship_trace(line, src, d, kind))),
        });
        // End of life: the latest phase end (phases may overlap); pending if any is.
        let eol = match results.iter().find(|p| p.end.date.is_none()) {
            Some(p) => Some(p.end.clone()),
            None => results.iter().max_by_key(|p| p.end.date).map(|p| p.end.clone()),
        };
        let status = self.status(&first_ship, &results);
        let mut applied: Vec<&Override> = le.overrides.values().copied().collect();
        applied.sort_by_key(|o| o.span.start);
        let overrides = applied.iter().map(|o| (o.target, o.reason.clone())).collect();
        let mut declared: Vec<&Override> = le
            .declared
            .values()
            .copied()
            .filter(|d| !le.overrides.contains_key(&d.target))
            .collect();
        declared.sort_by_key(|d| d.span.start);
        let declared = declared.iter().map(|d| (d.target, d.reason.clone())).collect();
        let rref = |ri: usize| {
            self.releases.get(ri).map(|r| ReleaseRef {
                index: ri,
                version: r.version.to_string(),
                date: r.date,
            })
        };
        LineLifecycle {
            line: line.name.clone(),
            first_ship,
            latest: line.latest.and_then(rref),
            final_release: line.final_release.and_then(rref),
            releases: line.releases.clone(),
            phases: results,
            milestones,
            status,
            eol,
            overrides,
            declared,
        }
    }

    fn status(&self, first_ship: &Option<DateValue>, phases: &[PhaseResult]) -> Status {
        let at = self.at;
        let shipped = first_ship.as_ref().and_then(|f| f.date).is_some_and(|d| d <= at);
        if !shipped {
            return Status {
                state: State::Unreleased,
                phase: None,
                until: first_ship.clone(),
            };
        }
        for (i, p) in phases.iter().enumerate() {
            let started = p.start.date.is_some_and(|s| s <= at);
            let ended = p.end.date.is_some_and(|e| e <= at);
            if started && !ended {
                return Status {
                    state: State::InPhase,
                    phase: Some(i),
                    until: Some(p.end.clone()),
                };
            }
        }
        // Not inside any phase: before one that starts later, or after the last. A phase
        // whose start is not known but whose end is known and past can no longer be entered.
        let next = phases
            .iter()
            .find(|p| p.start.date.is_none_or(|s| s > at) && p.end.date.is_none_or(|e| e > at));
        match next {
            Some(p) if phases.iter().any(|q| q.end.date.is_some_and(|e| e <= at)) => Status {
                state: State::BetweenPhases,
                phase: None,
                until: Some(p.start.clone()),
            },
            // Shipped, but the first phase has not started yet: no phase applies.
            Some(p) => Status {
                state: State::BetweenPhases,
                phase: None,
                until: Some(p.start.clone()),
            },
            None => Status {
                state: State::EndOfLife,
                phase: None,
                until: None,
            },
        }
    }

    /// `date` (computed by the rule text at `span` from a date that was known when
    /// `from_known`) if it lies in the years 0000 to 9999. One outside them, or none
    /// where the computation should have given one (`lost`), is reported once per span.
    fn calendar(
        &self,
        span: Span,
        from_known: bool,
        date: Option<NaiveDate>,
        lost: bool,
    ) -> Option<NaiveDate> {
        let kept = date.filter(|d| in_calendar(*d));
        if from_known && (lost || date.is_some() && kept.is_none()) {
            let mut seen = self.out_of_range.borrow_mut();
            if !seen.contains(&span) {
                seen.push(span);
            }
        }
        kept
    }

    /// `f()` when building traces, else nothing.
    fn traced<T: Default>(&self, f: impl FnOnce() -> T) -> T {
        if self.trace {
            f()
        } else {
            T::default()
        }
    }

    fn first_ship_trace(&self, line: &Line, src: FirstShipSource, date: NaiveDate, kind: ValueKind) -> Trace {
        match src {
            FirstShipSource::Release(ri) => {
                self.release_trace(ri, &format!("first ship of line {}", line.name), kind)
            }
            FirstShipSource::Projected { base, steps } => {
                let children = match self.lines.get(base) {
                    Some(b) => match b.first_ship {
                        Some((bd, bk, bsrc @ FirstShipSource::Release(_))) => {
                            vec![Arc::new(self.first_ship_trace(b, bsrc, bd, bk))]
                        }
                        _ => Vec::new(),
                    },
                    None => Vec::new(),
                };
                let base_name = self.lines.get(base).map_or("", |b| b.name.as_str());
                Trace {
                    span: self
                        .policy
                        .cadences
                        .iter()
                        .find(|c| c.kind == "line")
                        .map(|c| c.span),
                    what: format!(
                        "projected first ship of line {}: {}; line {base_name} + {steps} × the line cadence",
                        line.name,
                        if line.missing {
                            "the catalog lacks it, yet `order lines by number` counts it"
                        } else {
                            "it has no dated release"
                        }
                    ),
                    date: Some(date),
                    kind,
                    children,
                }
            }
        }
    }

    fn release_trace(&self, ri: usize, role: &str, kind: ValueKind) -> Trace {
        let (what, date) = match self.releases.get(ri) {
            Some(r) => {
                let planned = if r.date.earliest().is_some_and(|d| d > self.at) {
                    ", planned"
                } else {
                    ""
                };
                let approx = if r.date.is_exact() {
                    ""
                } else {
                    ", date known only approximately"
                };
                (
                    format!(
                        "{role}: release {} of {} (catalog row {}{planned}{approx})",
                        r.version, r.date, r.row
                    ),
                    r.date.earliest(),
                )
            }
            None => (role.to_owned(), None),
        };
        Trace {
            span: None,
            what,
            date,
            kind,
            children: Vec::new(),
        }
    }

    /// Where a date of a line lives in its memo.
    fn slot(&self, t: Target) -> usize {
        let np = self.policy.phases.len();
        match t {
            Target::PhaseStart(i) => 2 * i,
            Target::PhaseEnd(i) => 2 * i + 1,
            Target::Milestone(i) => 2 * np + i,
        }
    }

    fn target(&self, li: usize, t: Target) -> DateValue {
        let Some(le) = self.evals.get(li) else {
            return DateValue::pending();
        };
        let idx = self.slot(t);
        let state = le.slots.borrow().get(idx).cloned();
        match state {
            Some(Slot::Done(v)) => return v,
            Some(Slot::Busy) => {
                if self.cycle.get().is_none() {
                    let by_override = le.overrides.contains_key(&t).then_some((li, t));
                    self.cycle.set(Some((self.target_span(le, t), by_override)));
                }
                return DateValue::pending();
            }
            None => return DateValue::pending(),
            Some(Slot::Todo) => {}
        }
        if self.depth.get() >= MAX_DEPTH {
            if self.too_deep.get().is_none() {
                self.too_deep.set(Some(self.target_span(le, t)));
            }
            return DateValue::pending();
        }
        self.depth.set(self.depth.get() + 1);
        set_slot(le, idx, Slot::Busy);
        let value = if let Some(o) = le.overrides.get(&t).copied() {
            let mut inner = self.expr(li, &o.value);
            // An override of a `through` phase's end names its last day, as the phase does.
            if self.is_inclusive(le, t) {
                let next = inner.date.and_then(|d| d.succ_opt());
                inner.date = self.calendar(o.span, inner.date.is_some(), next, next.is_none());
            }
            let kind = if inner.kind == ValueKind::Pending {
                ValueKind::Pending
            } else {
                ValueKind::Override
            };
            let trace = self.trace.then(|| {
                Arc::new(Trace {
                    span: Some(o.span),
                    what: format!("an override for line {}", le.line.name),
                    date: inner.date,
                    kind,
                    children: inner.trace.map(|t| vec![t]).unwrap_or_default(),
                })
            });
            DateValue {
                date: inner.date,
                kind,
                trace,
            }
        } else if let Some(d) = le.declared.get(&t).copied() {
            self.declared_value(li, le, t, d)
        } else {
            match self.definition(le, t) {
                Some(e) if self.is_inclusive(le, t) => {
                    // `through X`: the phase's last day is X, so it ends the day after.
                    let v = self.expr(li, e);
                    let next = v.date.and_then(|d| d.succ_opt());
                    let date = self.calendar(e.span, v.date.is_some(), next, next.is_none());
                    let kind = if date.is_none() {
                        ValueKind::Pending
                    } else {
                        v.kind
                    };
                    let trace = self.trace.then(|| {
                        Arc::new(Trace {
                            span: None,
                            what: "the day after the phase's last day (`through`)".to_owned(),
                            date,
                            kind,
                            children: v.trace.map(|t| vec![t]).unwrap_or_default(),
                        })
                    });
                    DateValue { date, kind, trace }
                }
                Some(e) => self.expr(li, e),
                None => DateValue::pending(),
            }
        };
        set_slot(le, idx, Slot::Done(value.clone()));
        self.depth.set(self.depth.get().saturating_sub(1));
        value
    }

    /// A date the vendor announced for the line (`declare`): its value, of kind
    /// `declared` (pending while the value is).
    fn declared_value(&self, li: usize, le: &LineEval<'a>, t: Target, d: &Override) -> DateValue {
        let mut inner = self.expr(li, &d.value);
        // A declaration of a `through` phase's end names its last day, as the phase does.
        if self.is_inclusive(le, t) {
            inner.date = inner.date.and_then(|x| x.succ_opt());
        }
        let kind = if inner.kind == ValueKind::Pending || inner.date.is_none() {
            ValueKind::Pending
        } else {
            ValueKind::Declared
        };
        let trace = self.trace.then(|| {
            Arc::new(Trace {
                span: Some(d.span),
                what: format!("declared for line {}: {}", le.line.name, d.reason),
                date: inner.date,
                kind,
                children: inner.trace.map(|t| vec![t]).unwrap_or_default(),
            })
        });
        DateValue {
            date: inner.date,
            kind,
            trace,
        }
    }

    /// Whether a line's phase end is given as its last day (`through`).
    fn is_inclusive(&self, le: &LineEval<'a>, t: Target) -> bool {
        match t {
            Target::PhaseEnd(i) => le
                .phases
                .get(i)
                .and_then(|m| m.as_ref())
                .is_some_and(|m| m.inclusive),
            _ => false,
        }
    }

    /// The expression that defines a date of a line, if the line has that date.
    fn definition(&self, le: &LineEval<'a>, t: Target) -> Option<&'a DateExpr> {
        match t {
            Target::PhaseStart(i) => le.phases.get(i).and_then(|m| m.as_ref()).and_then(|m| m.from),
            Target::PhaseEnd(i) => le.phases.get(i).and_then(|m| m.as_ref()).and_then(|m| m.until),
            Target::Milestone(i) => le.milestones.get(i).copied().flatten(),
        }
    }

    /// The rule text that sets a date of a line: its override, else its definition.
    fn target_span(&self, le: &LineEval<'a>, t: Target) -> Span {
        match le.overrides.get(&t) {
            Some(o) => o.span,
            None => self.definition(le, t).map_or(self.policy.span, |e| e.span),
        }
    }

    fn expr(&self, li: usize, e: &DateExpr) -> DateValue {
        let Some(le) = self.evals.get(li) else {
            return DateValue::pending();
        };
        let (date, kind, what, children): (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>) = match &e
            .kind
        {
            DateKind::Attr(a, None) => {
                let name = self.policy.attributes.get(*a).map_or("", |x| x.name.as_str());
                match self.attr_date(le.line, *a) {
                    Some((d, kind)) => (
                        Some(d),
                        kind,
                        what!(self, "attribute {name} of line {} (catalog)", le.line.name),
                        Vec::new(),
                    ),
                    None => (
                        None,
                        ValueKind::Pending,
                        what!(self, "attribute {name}: line {} has none", le.line.name),
                        Vec::new(),
                    ),
                }
            }
            DateKind::Other(t, sel) => self.other_target(li, *t, sel),
            DateKind::Upstream {
                upstream,
                what,
                select,
            } => self.upstream_value(&le.line.name, *upstream, what, *select),
            DateKind::Literal(d) => (Some(*d), ValueKind::Exact, what!(self, "a date"), Vec::new()),
            DateKind::FirstShip(None) => match le.line.first_ship {
                Some((d, k, src)) => (
                    Some(d),
                    k,
                    what!(self, "first ship of line {}", le.line.name),
                    self.traced(|| vec![Arc::new(self.first_ship_trace(le.line, src, d, k))]),
                ),
                None => (
                    None,
                    ValueKind::Pending,
                    what!(self, "first ship of line {}: no dated release yet", le.line.name),
                    Vec::new(),
                ),
            },
            DateKind::Latest(None) => self.release_value(le.line.latest, "latest release", &le.line.name),
            DateKind::Final(None) => match le.line.final_release {
                Some(ri) => self.release_value(Some(ri), "final release", &le.line.name),
                None => (
                    None,
                    ValueKind::Pending,
                    what!(
                        self,
                        "final release of line {}: the catalog marks none `final` yet",
                        le.line.name
                    ),
                    Vec::new(),
                ),
            },
            DateKind::FirstShip(Some(sel))
            | DateKind::Latest(Some(sel))
            | DateKind::Final(Some(sel))
            | DateKind::Attr(_, Some(sel)) => self.other_line(li, &e.kind, sel),
            DateKind::PhaseStart(i) | DateKind::PhaseEnd(i) => {
                let t = if matches!(e.kind, DateKind::PhaseStart(_)) {
                    Target::PhaseStart(*i)
                } else {
                    Target::PhaseEnd(*i)
                };
                let v = self.target(li, t);
                let name = self.policy.phases.get(*i).map_or("", |p| p.id.as_str());
                let what = what!(
                    self,
                    "{} of phase {name}",
                    if matches!(t, Target::PhaseStart(_)) {
                        "start"
                    } else {
                        "end"
                    }
                );
                if le.phases.get(*i).is_some_and(Option::is_none) {
                    (
                        None,
                        ValueKind::Pending,
                        what!(self, "{what}: the phase does not apply to line {}", le.line.name),
                        Vec::new(),
                    )
                } else {
                    (v.date, v.kind, what, v.trace.map(|t| vec![t]).unwrap_or_default())
                }
            }
            DateKind::Milestone(i) => {
                let v = self.target(li, Target::Milestone(*i));
                let name = self.policy.milestones.get(*i).map_or("", |m| m.id.as_str());
                (
                    v.date,
                    v.kind,
                    what!(self, "milestone {name}"),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
            DateKind::Shift(inner, d) => {
                let v = self.expr(li, inner);
                let raw = v.date.and_then(|base| shift(base, d));
                let date = self.calendar(e.span, v.date.is_some(), raw, raw.is_none());
                let kind = if v.date.is_some() && date.is_none() {
                    ValueKind::Pending
                } else {
                    v.kind
                };
                (
                    date,
                    kind,
                    what!(self, "add {d}"),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
            DateKind::Extreme(x, es) => {
                let vs: Vec<DateValue> = es.iter().map(|e| self.expr(li, e)).collect();
                let known = vs.iter().filter(|v| v.date.is_some());
                let pick = if *x == Extreme::Min {
                    known.min_by_key(|v| v.date)
                } else {
                    known.max_by_key(|v| v.date)
                };
                let any_pending = vs.iter().any(|v| v.date.is_none());
                let (date, kind) = match pick {
                    // Whichever comes first: a pending date has not happened by `at`, so a
                    // known date on or before `at` is the earlier one.
                    Some(v) if any_pending && *x == Extreme::Min && v.date.is_some_and(|d| d <= self.at) => {
                        (v.date, v.kind)
                    }
                    Some(_) if any_pending => (None, ValueKind::Pending),
                    Some(_) => {
                        let date = pick.and_then(|v| v.date);
                        (date, vs.iter().fold(ValueKind::Exact, |k, v| k.combine(v.kind)))
                    }
                    None => (None, ValueKind::Pending),
                };
                let what = if *x == Extreme::Min {
                    "the earliest of"
                } else {
                    "the latest of"
                };
                (
                    date,
                    kind,
                    what.into(),
                    vs.into_iter().filter_map(|v| v.trace).collect(),
                )
            }
            DateKind::UnlessDeclared(inner) => {
                let v = self.expr(li, inner);
                (
                    v.date,
                    v.kind,
                    what!(self, "by rule: no date declared for line {}", le.line.name),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
            DateKind::Approximate(inner) => {
                let v = self.expr(li, inner);
                (
                    v.date,
                    v.kind.combine(ValueKind::Estimated),
                    what!(
                        self,
                        "approximately: the policy calls this date approximate (`about`)"
                    ),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
            DateKind::Snap(s, inner) => {
                let v = self.expr(li, inner);
                let date = v.date.map(|d| match s {
                    Snap::StartOfMonth => dates::start_of_month(d),
                    Snap::EndOfMonth => dates::end_of_month(d),
                    Snap::StartOfQuarter => dates::start_of_quarter(d),
                    Snap::EndOfQuarter => dates::end_of_quarter(d),
                    Snap::StartOfYear => dates::start_of_year(d),
                    Snap::EndOfYear => dates::end_of_year(d),
                });
                (
                    date,
                    v.kind,
                    what!(self, "snap to the calendar"),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
            DateKind::Seek(seek, pattern, inner) => {
                let v = self.expr(li, inner);
                let raw = v.date.and_then(|d| match seek {
                    Seek::Next => dates::next_on_or_after(pattern, d),
                    Seek::Previous => dates::previous_on_or_before(pattern, d),
                    Seek::InYear => dates::in_year_of(pattern, d),
                });
                // `next` and `previous` always find a day of a valid pattern, unless the
                // calendar ends first; `in_year` may rightly find none.
                let lost = raw.is_none() && *seek != Seek::InYear;
                let date = self.calendar(e.span, v.date.is_some(), raw, lost);
                let kind = if v.date.is_some() && date.is_none() {
                    ValueKind::Pending
                } else {
                    v.kind
                };
                (
                    date,
                    kind,
                    what!(self, "find the calendar day"),
                    v.trace.map(|t| vec![t]).unwrap_or_default(),
                )
            }
        };
        let kind = if date.is_none() { ValueKind::Pending } else { kind };
        let trace = self.trace.then(|| {
            Arc::new(Trace {
                span: Some(e.span),
                what,
                date,
                kind,
                children,
            })
        });
        DateValue { date, kind, trace }
    }

    /// `end(lts) of debian`: the value the upstream's evaluation gave its line.
    fn upstream_value(
        &self,
        line: &str,
        upstream: usize,
        what: &UpstreamDate,
        select: Option<(bool, usize)>,
    ) -> (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>) {
        let pending = |text: String| (None, ValueKind::Pending, text, Vec::new());
        let Some(decl) = self.policy.upstreams.get(upstream) else {
            return pending(String::new());
        };
        let Some(Some(view)) = self.upstreams.get(upstream) else {
            return pending(what!(
                self,
                "{} of {}: the upstream is not evaluated",
                what.text(),
                decl.product
            ));
        };
        let theirs = decl.line_for(line);
        let lines = &view.lifecycle.lines;
        let Some(base) = lines.iter().position(|l| l.line.eq_ignore_ascii_case(theirs)) else {
            return pending(what!(
                self,
                "{} of {}: it has no line {theirs}",
                what.text(),
                decl.product
            ));
        };
        let index = match select {
            None => Some(base),
            Some((false, n)) => base.checked_add(n).filter(|i| *i < lines.len()),
            Some((true, n)) => base.checked_sub(n),
        };
        let sel_text = |(older, n): (bool, usize)| format!("{} {n}", if older { "older" } else { "newer" });
        let Some(l) = index.and_then(|i| lines.get(i)) else {
            return pending(what!(
                self,
                "{} of {}: no line {} than {theirs} yet",
                what.text(),
                decl.product,
                select.map(sel_text).unwrap_or_default()
            ));
        };
        let label = what!(self, "{} of {} line {}", what.text(), decl.product, l.line);
        let value = match what {
            UpstreamDate::FirstShip => l.first_ship.clone(),
            UpstreamDate::Latest => l.latest.as_ref().map(|r| {
                let d = r.date.earliest();
                let kind = d.map_or(ValueKind::Pending, |d| release_kind(&r.date, d, self.at));
                DateValue {
                    date: d,
                    kind,
                    trace: None,
                }
            }),
            UpstreamDate::Start(p) | UpstreamDate::End(p) => {
                view.policy.phase_index(p).and_then(|i| l.phase(i)).map(|r| {
                    if matches!(what, UpstreamDate::Start(_)) {
                        r.start.clone()
                    } else {
                        r.end.clone()
                    }
                })
            }
            // The day before the upstream phase's end, with its kind: the last day it
            // names when written `through`, and the day before the end when `until`.
            UpstreamDate::LastDay(p) => view.policy.phase_index(p).and_then(|i| l.phase(i)).map(|r| {
                let mut v = r.end.clone();
                v.date = v.date.and_then(|d| d.pred_opt());
                v
            }),
        };
        match value {
            Some(v) if v.date.is_some() => {
                // The upstream's steps point into its own rule file, which this policy's
                // spans cannot name: keep their words and values, drop their spans.
                let children = self.traced(|| {
                    v.trace
                        .map(|t| vec![strip_spans(&t, &mut self.stripped.borrow_mut())])
                        .unwrap_or_default()
                });
                (v.date, v.kind, label, children)
            }
            _ => pending(what!(self, "{label}: not known yet")),
        }
    }

    fn release_value(
        &self,
        ri: Option<usize>,
        role: &str,
        line: &str,
    ) -> (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>) {
        let Some(r) = ri.and_then(|ri| self.releases.get(ri).map(|r| (ri, r))) else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{role} of line {line}: no dated release"),
                Vec::new(),
            );
        };
        let (ri, rel) = r;
        let d = rel.date.earliest();
        let kind = d.map_or(ValueKind::Estimated, |d| release_kind(&rel.date, d, self.at));
        let children = self.traced(|| vec![Arc::new(self.release_trace(ri, role, kind))]);
        (d, kind, what!(self, "{role} of line {line}"), children)
    }

    /// A line's date attribute from the catalog: a fact once it is past, an estimate
    /// while it lies after the evaluation date.
    fn attr_date(&self, line: &Line, attr: usize) -> Option<(NaiveDate, ValueKind)> {
        match line.attributes.get(&attr) {
            Some(AttrValue::Date(d)) => Some((
                *d,
                if *d <= self.at {
                    ValueKind::Exact
                } else {
                    ValueKind::Estimated
                },
            )),
            _ => None,
        }
    }

    /// `first_ship(newer N [where C])` and friends: find the line, or project it.
    fn other_line(
        &self,
        li: usize,
        kind: &DateKind,
        sel: &Selector,
    ) -> (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>) {
        let Some(le) = self.evals.get(li) else {
            return (None, ValueKind::Pending, String::new(), Vec::new());
        };
        let attr_name;
        let what_fn = match kind {
            DateKind::Latest(_) => "latest release",
            DateKind::Final(_) => "final release",
            DateKind::Attr(a, _) => {
                attr_name = format!(
                    "attribute {}",
                    self.policy.attributes.get(*a).map_or("", |x| x.name.as_str())
                );
                attr_name.as_str()
            }
            _ => "first ship",
        };
        let desc = what!(self, "{what_fn} of {}", self.describe(le, sel));
        let (target_pos, list) = self.position(le, sel);
        if sel.older && target_pos.is_none() {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: there is no such older line"),
                Vec::new(),
            );
        }
        let line_at = |pos: usize| -> Option<usize> {
            match list {
                None => (pos < self.lines.len()).then_some(pos),
                Some(l) => l.get(pos).copied(),
            }
        };
        let Some(pos) = target_pos else {
            return (None, ValueKind::Pending, desc, Vec::new());
        };
        if let Some(li) = line_at(pos) {
            let Some(line) = self.lines.get(li) else {
                return (None, ValueKind::Pending, desc, Vec::new());
            };
            let desc = what!(self, "{desc}: line {}", line.name);
            match kind {
                DateKind::Latest(_) => {
                    let (d, k, _, ch) = self.release_value(line.latest, "latest release", &line.name);
                    return (d, k, desc, ch);
                }
                DateKind::Attr(a, _) => {
                    return match self.attr_date(line, *a) {
                        Some((d, k)) => (Some(d), k, what!(self, "{desc} (catalog)"), Vec::new()),
                        None => (
                            None,
                            ValueKind::Pending,
                            what!(self, "{desc}: the line has none"),
                            Vec::new(),
                        ),
                    };
                }
                DateKind::Final(_) => {
                    if line.final_release.is_none() {
                        return (
                            None,
                            ValueKind::Pending,
                            what!(self, "{desc}: no release marked `final` yet"),
                            Vec::new(),
                        );
                    }
                    let (d, k, _, ch) = self.release_value(line.final_release, "final release", &line.name);
                    return (d, k, desc, ch);
                }
                _ => {}
            }
            if let Some((d, k, src)) = line.first_ship {
                let ch = self.traced(|| vec![Arc::new(self.first_ship_trace(line, src, d, k))]);
                return (Some(d), k, desc, ch);
            }
            // The line exists without a date: project from the nearest dated line before it.
            let why = if line.missing {
                "the catalog lacks it, yet `order lines by number` counts it"
            } else {
                "it has no dated release"
            };
            return self.project(pos, list, le, sel, &desc, why);
        }
        if !matches!(kind, DateKind::FirstShip(_)) {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: not in the catalog yet"),
                Vec::new(),
            );
        }
        self.project(pos, list, le, sel, &desc, "not in the catalog yet")
    }

    /// The `k`-th line past the catalog that would satisfy `filter`, seen from
    /// `current` (`matching`: the catalog's lines that satisfy it, in line order). The
    /// lines to come are taken to be numbered on from the highest line version, one up
    /// in its last component per line (1.31, then 1.32, 1.33, ...), so only a condition
    /// on the version can be tested on them. The line found is projected from the
    /// newest matching line numbered the same way, one line cadence per number between
    /// them (nginx: the stable 1.32 from the stable 1.30, two cadences on), or else from
    /// the catalog's newest line, one cadence per line past it.
    fn future_match(
        &self,
        filter: &Cond,
        current: &Line,
        matching: &[usize],
        k: usize,
    ) -> Result<Future, String> {
        if let Some(what) = catalog_only(filter, self.policy) {
            return Err(what!(
                self,
                "whether a line not in the catalog matches the condition depends on {what}, which only the catalog gives"
            ));
        }
        let to_come = self.to_come.get_or_init(|| self.lines_to_come());
        let to_come = to_come.as_ref().map_err(Clone::clone)?;
        let head = &to_come.head;
        let mut found = 0;
        for (step, (next, line)) in (1u64..).zip(&to_come.lines) {
            let next = *next;
            if !holds_rel(filter, line, current) {
                continue;
            }
            found += 1;
            if found < k {
                continue;
            }
            // From the newest dated matching line numbered like the new one ...
            let from_match = matching.iter().rev().find_map(|&i| {
                let l = self.lines.get(i)?;
                l.first_ship?;
                let (h, n, _) = numbering(l.version.as_ref()?)?;
                (h == *head && n < next).then(|| (i, next - n))
            });
            // ... or else from the catalog's newest dated line.
            let base = from_match.or_else(|| {
                let newest = self.lines.iter().rposition(|l| l.first_ship.is_some())?;
                let past = self.lines.len().saturating_sub(1 + newest) as u64;
                Some((newest, past.saturating_add(step)))
            });
            let Some((base, steps)) = base else {
                return Err(what!(self, "no line has a date to project from"));
            };
            return Ok(Future {
                name: line.name.clone(),
                after: to_come.after.clone(),
                base,
                steps: usize::try_from(steps).unwrap_or(usize::MAX),
            });
        }
        Err(what!(
            self,
            "none of the {FUTURE_LINES} lines numbered on from {} would match the condition",
            to_come.after
        ))
    }

    /// The lines to come, as [`Ctx::future_match`] tests them: numbered on from the
    /// highest line version, one up in its last component per line.
    fn lines_to_come(&self) -> Result<ToCome, String> {
        let Some(top) = self.lines.iter().filter_map(|l| l.version.as_ref()).max() else {
            return Err(what!(self, "no line has a version to number the next lines from"));
        };
        let Some((head, number, width)) = numbering(top) else {
            return Err(what!(
                self,
                "the highest line version, {}, does not end in a plain number to count on from",
                top.text
            ));
        };
        let lines = (1..=FUTURE_LINES)
            .map(|step| {
                let next = number.saturating_add(step);
                let name = if head.is_empty() {
                    format!("{next:0width$}")
                } else {
                    format!("{head}.{next:0width$}")
                };
                (next, Line::new(name, self.policy))
            })
            .collect();
        Ok(ToCome {
            after: top.text.clone(),
            head,
            lines,
        })
    }

    /// "the 2nd newer line after 6.0", "the 1st older matching line before 9".
    fn describe(&self, le: &LineEval<'a>, sel: &Selector) -> String {
        let dir = if sel.older { "older" } else { "newer" };
        let prep = if sel.older { "before" } else { "after" };
        let matching = if sel.filter.is_some() { " matching" } else { "" };
        what!(
            self,
            "the {} {dir}{matching} line {prep} {}",
            ordinal(sel.newer),
            le.line.name
        )
    }

    /// The position of the selected line in the candidate list (all lines, or those
    /// the filter selects), and that list. For `newer`, a position past the end means
    /// a line not in the catalog yet; for `older`, None means there is none.
    fn position(&self, le: &LineEval<'a>, sel: &Selector) -> (Option<usize>, Option<&Vec<usize>>) {
        let list = match &sel.filter {
            None => None,
            Some(filter) => {
                let mut comps = Vec::new();
                same_components(filter, &mut comps);
                let key = if comps.is_empty() {
                    String::new()
                } else {
                    same_key(le.line, &comps)
                };
                match self.selections.lists.get(&(sel.span, key)) {
                    Some(l) => Some(l),
                    None => return (None, None),
                }
            }
        };
        let pos = match (list, sel.older) {
            (None, false) => Some(le.index + sel.newer),
            (None, true) => le.index.checked_sub(sel.newer),
            (Some(l), false) => Some(l.partition_point(|&x| x <= le.index) + sel.newer - 1),
            (Some(l), true) => l.partition_point(|&x| x < le.index).checked_sub(sel.newer),
        };
        (pos, list)
    }

    /// `end(PHASE, older N)`: a date of another line, computed there.
    fn other_target(
        &self,
        li: usize,
        t: Target,
        sel: &Selector,
    ) -> (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>) {
        let Some(le) = self.evals.get(li) else {
            return (None, ValueKind::Pending, String::new(), Vec::new());
        };
        let what = match t {
            Target::PhaseStart(i) => what!(
                self,
                "start of phase {}",
                self.policy.phases.get(i).map_or("", |p| p.id.as_str())
            ),
            Target::PhaseEnd(i) => what!(
                self,
                "end of phase {}",
                self.policy.phases.get(i).map_or("", |p| p.id.as_str())
            ),
            Target::Milestone(i) => what!(
                self,
                "milestone {}",
                self.policy.milestones.get(i).map_or("", |m| m.id.as_str())
            ),
        };
        let desc = what!(self, "{what} of {}", self.describe(le, sel));
        let (pos, list) = self.position(le, sel);
        let target_line = pos.and_then(|p| match list {
            None => (p < self.lines.len()).then_some(p),
            Some(l) => l.get(p).copied(),
        });
        let Some(tl) = target_line else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: not in the catalog"),
                Vec::new(),
            );
        };
        let name = self.lines.get(tl).map_or("", |l| l.name.as_str());
        if self
            .evals
            .get(tl)
            .is_some_and(|o| self.definition(o, t).is_none() && !o.overrides.contains_key(&t))
        {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: line {name} does not have it"),
                Vec::new(),
            );
        }
        let v = self.target(tl, t);
        (
            v.date,
            v.kind,
            what!(self, "{desc}: line {name}"),
            v.trace.map(|t| vec![t]).unwrap_or_default(),
        )
    }

    /// Project the first ship of the line at `pos` of `list` (all lines when None) from
    /// the nearest dated line before it and the policy's line cadence; pending without
    /// a cadence. A position past the end of a selector's matching lines is a future
    /// line that must satisfy the selector's condition: see [`Ctx::future_match`].
    fn project(
        &self,
        pos: usize,
        list: Option<&Vec<usize>>,
        le: &LineEval<'a>,
        sel: &Selector,
        desc: &str,
        why: &str,
    ) -> (Option<NaiveDate>, ValueKind, String, Vec<Arc<Trace>>) {
        let Some(cadence) = self.policy.line_cadence() else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: {why}, and the policy declares no `cadence line`"),
                Vec::new(),
            );
        };
        // A selector with a condition counts only the lines that satisfy it; past the
        // catalog, the lines to come are numbered and tested (`future_match`).
        let future = match (list, &sel.filter) {
            (Some(l), Some(filter)) if pos >= l.len() => {
                let k = pos.saturating_sub(l.len()) + 1;
                let mut comps = Vec::new();
                same_components(filter, &mut comps);
                let key = (sel.span, same_key(le.line, &comps), k);
                let cached = self.futures.borrow().get(&key).cloned();
                let found = cached.unwrap_or_else(|| {
                    let found = self.future_match(filter, le.line, l, k);
                    self.futures.borrow_mut().insert(key, found.clone());
                    found
                });
                match found {
                    Ok(f) => Some(f),
                    Err(reason) => {
                        return (
                            None,
                            ValueKind::Pending,
                            what!(self, "{desc}: {why}; {reason}"),
                            Vec::new(),
                        );
                    }
                }
            }
            _ => None,
        };
        let pos = match list {
            Some(l) => l.get(pos).copied().unwrap_or(self.lines.len()),
            None => pos,
        };
        // The line projected, when it has a name (in the catalog, or numbered on).
        let mut target = if self.trace {
            self.lines.get(pos).map(|l| l.name.clone())
        } else {
            None
        };
        let (desc, beyond, base, steps) = match future {
            Some(f) => {
                let desc = what!(self, "{desc}: line {}, numbered on from {}", f.name, f.after);
                let base = self
                    .lines
                    .get(f.base)
                    .and_then(|l| l.first_ship.map(|d| (f.base, l, d)));
                target = Some(f.name);
                (desc, true, base, f.steps)
            }
            None => {
                // Nearest dated line at or before pos (bounded by the catalog's end).
                let last = self.lines.len().min(pos + 1);
                let base = (0..last)
                    .rev()
                    .find_map(|i| self.lines.get(i).and_then(|l| l.first_ship.map(|f| (i, l, f))));
                let steps = base.map_or(0, |(bi, _, _)| pos.saturating_sub(bi));
                (desc.to_owned(), pos >= self.lines.len(), base, steps)
            }
        };
        let desc = desc.as_str();
        let Some((_, bline, (bdate, bkind, bsrc))) = base else {
            return (
                None,
                ValueKind::Pending,
                what!(self, "{desc}: {why}, and no earlier line has a date"),
                Vec::new(),
            );
        };
        let date = shift_times(bdate, cadence, steps);
        let cadence_span = self
            .policy
            .cadences
            .iter()
            .find(|c| c.kind == "line")
            .map_or(self.policy.span, |c| c.span);
        let date = self.calendar(cadence_span, true, date, date.is_none());
        let ch = if self.trace {
            let base_trace = self.first_ship_trace(bline, bsrc, bdate, bkind);
            vec![Arc::new(Trace {
                span: self
                    .policy
                    .cadences
                    .iter()
                    .find(|c| c.kind == "line")
                    .map(|c| c.span),
                what: match &target {
                    Some(t) => what!(
                        self,
                        "projected: first ship of line {t} = first ship of line {} ({bdate}) + {steps} × the line cadence",
                        bline.name
                    ),
                    None => what!(
                        self,
                        "projected: first ship of line {} ({bdate}) + {steps} × the line cadence",
                        bline.name
                    ),
                },
                date,
                kind: ValueKind::Estimated,
                children: vec![Arc::new(base_trace)],
            })]
        } else {
            Vec::new()
        };
        // A line beyond the catalog that the cadence expected before the evaluation date
        // is overdue: it has not shipped (the catalog would list it), and when it will is
        // not known. An estimate in the past would end phases that are still running.
        if let Some(d) = date.filter(|d| beyond && *d < self.at) {
            return (
                None,
                ValueKind::Pending,
                what!(
                    self,
                    "{desc}: {why}; the cadence expected it by ~{d}, so it is overdue and its date is not known"
                ),
                ch,
            );
        }
        let kind = if date.is_some() {
            ValueKind::Estimated
        } else {
            ValueKind::Pending
        };
        (
            date,
            kind,
            what!(self, "{desc}: {why}, estimated from the cadence"),
            ch,
        )
    }
}

/// How many lines past the catalog [`Ctx::future_match`] looks for a match.
pub const FUTURE_LINES: u64 = 100;

/// The lines to come after the catalog: the highest line version they are numbered on
/// from, its components before the last, and each line with its last component.
struct ToCome {
    after: String,
    head: String,
    lines: Vec<(u64, Line)>,
}

/// A selector (its span), the `same` key of the line it starts from, and which matching
/// line to come it asks for (1 = the first).
type FutureKey = (Span, String, usize);

/// A line past the catalog that a selector with a condition needs: its name, and the
/// line (index) and number of line cadences its first ship is projected from.
#[derive(Clone)]
struct Future {
    name: String,
    /// the highest line version, which the name counts on from
    after: String,
    base: usize,
    steps: usize,
}

/// How lines to come are numbered after `v`: the components before the last, joined,
/// the last as a number, and its width (leading zeros kept); None for a version with a
/// suffix or a last component that is not a plain number.
fn numbering(v: &Version) -> Option<(String, u64, usize)> {
    let (last, head) = v.core_text.split_last()?;
    let n = last.parse::<u64>().ok()?;
    v.suffix.is_empty().then(|| (head.join("."), n, last.len()))
}

/// The first part of a condition that only the catalog can answer, so that it cannot
/// be tested on a line that is not in the catalog yet (described for the user).
fn catalog_only(c: &Cond, policy: &Policy) -> Option<String> {
    let attr = |a: &usize| {
        let name = policy.attributes.get(*a).map_or("", |x| x.name.as_str());
        Some(format!("the attribute `{name}`"))
    };
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().find_map(|c| catalog_only(c, policy)),
        Cond::Not(c) => catalog_only(c, policy),
        Cond::Flag(a) | Cond::Attr { attr: a, .. } | Cond::AttrMatches { attr: a, .. } => attr(a),
        Cond::Kind { .. } => Some("the kind of its first release".into()),
        Cond::FirstShip { .. } => Some("its first ship date".into()),
        Cond::LastOf(_) => Some("which lines come after it (`last of`)".into()),
        Cond::Parity { .. }
        | Cond::Component { .. }
        | Cond::Line { .. }
        | Cond::LineMatches(_)
        | Cond::Calc { .. }
        | Cond::Same(_) => None,
    }
}

fn set_slot(le: &LineEval<'_>, idx: usize, slot: Slot) {
    if let Some(c) = le.slots.borrow_mut().get_mut(idx) {
        *c = slot;
    }
}

/// How sure a release's date `d` (its earliest day) is at `at`: exact when the catalog
/// gives the day and it has passed, else estimated (month or year only, or planned).
fn release_kind(date: &ReleaseDate, d: NaiveDate, at: NaiveDate) -> ValueKind {
    if date.is_exact() && d <= at {
        ValueKind::Exact
    } else {
        ValueKind::Estimated
    }
}

/// A copy of a trace without its spans (for a trace taken from another rule file).
/// Each step is copied once (`memo`, for the whole evaluation), so what the upstream
/// shares stays shared; the walk needs no recursion.
fn strip_spans(t: &Arc<Trace>, memo: &mut HashMap<*const Trace, Arc<Trace>>) -> Arc<Trace> {
    let mut stack: Vec<(&Arc<Trace>, bool)> = vec![(t, false)];
    while let Some((t, expanded)) = stack.pop() {
        let key = Arc::as_ptr(t);
        if memo.contains_key(&key) {
            continue;
        }
        if !expanded {
            stack.push((t, true));
            stack.extend(t.children.iter().map(|c| (c, false)));
            continue;
        }
        let children = t
            .children
            .iter()
            .map(|c| {
                memo.get(&Arc::as_ptr(c))
                    .cloned()
                    .unwrap_or_else(|| Arc::clone(c))
            })
            .collect();
        let copy = Arc::new(Trace {
            span: None,
            what: t.what.clone(),
            date: t.date,
            kind: t.kind,
            children,
        });
        memo.insert(key, copy);
    }
    memo.get(&Arc::as_ptr(t))
        .cloned()
        .unwrap_or_else(|| Arc::clone(t))
}

/// True when the rules read other lines' phases only through `newer` selectors, so
/// evaluating newest first keeps every reference one level deep.
fn looks_newer_only(policy: &Policy) -> bool {
    let mut newer = false;
    let mut older = false;
    let mut visit = |e: &DateExpr| {
        let mut f = |s: &Selector| {
            if s.older {
                older = true;
            } else {
                newer = true;
            }
        };
        other_selectors(e, &mut f);
    };
    for p in &policy.phases {
        for d in &p.defs {
            d.from.iter().chain(d.until.iter()).for_each(&mut visit);
        }
    }
    for m in &policy.milestones {
        m.defs.iter().for_each(|d| visit(&d.value));
    }
    policy
        .overrides
        .iter()
        .chain(&policy.declared)
        .for_each(|o| visit(&o.value));
    newer && !older
}

/// Selectors of `start`/`end` of other lines in an expression.
fn other_selectors(e: &DateExpr, f: &mut dyn FnMut(&Selector)) {
    match &e.kind {
        DateKind::Other(_, s) => f(s),
        DateKind::Shift(inner, _)
        | DateKind::Snap(_, inner)
        | DateKind::Seek(_, _, inner)
        | DateKind::Approximate(inner)
        | DateKind::UnlessDeclared(inner) => other_selectors(inner, f),
        DateKind::Extreme(_, es) => es.iter().for_each(|x| other_selectors(x, f)),
        _ => {}
    }
}

/// `date` plus `steps` times the duration, one step after the other (each step clamps to
/// the month's end on its own). Linear in the steps until the date leaves the calendar,
/// where there is no date and counting stops; a duration of days and weeks only is one
/// multiplication. A line numbered a trillion past the catalog (`1.1999999999999`) costs
/// no more than the calendar is long.
fn shift_times(date: NaiveDate, d: &Duration, steps: usize) -> Option<NaiveDate> {
    if d.parts
        .iter()
        .all(|(_, u)| matches!(u, dates::Unit::Day | dates::Unit::Week))
    {
        let days = d.parts.iter().try_fold(0i64, |acc, (n, u)| {
            let per = if *u == dates::Unit::Week { 7 } else { 1 };
            acc.checked_add(n.checked_mul(per)?)
        })?;
        let total = days.checked_mul(i64::try_from(steps).ok()?)?;
        return dates::add(date, total, dates::Unit::Day);
    }
    let mut out = date;
    for _ in 0..steps {
        out = shift(out, d)?;
    }
    Some(out)
}

/// Whether a date lies in the years 0000 to 9999, which every output writes as
/// `YYYY-MM-DD`. A date computed outside them is pending, and reported.
pub fn in_calendar(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (crate::limits::MIN_YEAR..=crate::limits::MAX_COMPUTED_YEAR).contains(&d.year())
}

/// `eol::date-out-of-range` on the rule text that computed such a date.
fn out_of_range(span: Span) -> Diagnostic {
    Diagnostic::error(
        "eol::date-out-of-range",
        "a date computed here falls outside the years 0000 to 9999",
        span,
        "leaves the calendar",
    )
    .with_help("check the durations and the dates they are added to; this date, and every date computed from it, is pending")
}

/// Apply a duration's parts in order.
pub fn shift(date: NaiveDate, d: &Duration) -> Option<NaiveDate> {
    d.parts
        .iter()
        .try_fold(date, |acc, (n, unit)| dates::add(acc, *n, *unit))
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "1st".into(),
        2 => "2nd".into(),
        3 => "3rd".into(),
        n => format!("{n}th"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use super::{numbering, Trace, ValueKind};
    use crate::version::Version;

    fn of(text: &str) -> Option<(String, u64, usize)> {
        numbering(&Version::parse(text, &[]).unwrap())
    }

    fn step(what: &str, kind: ValueKind, children: Vec<Trace>) -> Trace {
        Trace {
            span: None,
            what: what.into(),
            date: None,
            kind,
            children: children.into_iter().map(Arc::new).collect(),
        }
    }

    /// Item 2 of the hardening issue: a derivation that reads a shared step twice at
    /// every level (`max(x, x + 1 day)` over and over) is 2^N steps as a tree, N as a
    /// graph. Searching and measuring it must not walk the tree.
    #[test]
    fn shared_steps_are_walked_once() {
        use ValueKind::*;
        let mut t = Arc::new(step("m0", Estimated, vec![]));
        for i in 1..=200 {
            let both = vec![Arc::clone(&t), Arc::clone(&t)];
            let mut next = step(&format!("m{i}"), Exact, vec![]);
            next.children = both;
            t = Arc::new(next);
        }
        assert_eq!(t.cause(Estimated).map(|c| c.what.as_str()), Some("m0"));
        assert!(t.cause(Pending).is_none());
        assert_eq!(t.size(1_000_000), (1_000_000, 201));
        assert_eq!(step("x", Exact, vec![step("y", Exact, vec![])]).size(10), (2, 2));
        // a chain far deeper than any stack: measured, searched and dropped in a loop
        let mut chain = Arc::new(step("bottom", Pending, vec![]));
        for _ in 0..200_000 {
            let mut next = step("", Exact, vec![]);
            next.children = vec![chain];
            chain = Arc::new(next);
        }
        assert_eq!(chain.cause(Pending).map(|c| c.what.as_str()), Some("bottom"));
        assert_eq!(chain.size(usize::MAX), (200_001, 200_001));
        drop(chain);
    }

    #[test]
    fn the_cause_of_a_date_is_its_deepest_step_of_that_kind() {
        use ValueKind::*;
        let t = step(
            "max",
            Estimated,
            vec![
                step("own first ship", Exact, vec![]),
                step(
                    "next line",
                    Estimated,
                    vec![step("projected", Estimated, vec![step("base", Exact, vec![])])],
                ),
            ],
        );
        assert_eq!(t.cause(Estimated).map(|c| c.what.as_str()), Some("projected"));
        assert!(t.cause(Pending).is_none());
        // a step that does not say what it is is skipped for the one above it
        let t = step("outer", Pending, vec![step("", Pending, vec![])]);
        assert_eq!(t.cause(Pending).map(|c| c.what.as_str()), Some("outer"));
    }

    #[test]
    fn lines_to_come_are_numbered_on_in_the_last_component() {
        assert_eq!(of("1.31"), Some(("1".into(), 31, 2)));
        assert_eq!(of("22"), Some((String::new(), 22, 2)));
        // leading zeros are kept: 24.04 is followed by 24.05
        assert_eq!(of("24.04"), Some(("24".into(), 4, 2)));
        // a suffix or a last component that is not a plain number: no numbering
        assert_eq!(of("10.50-sp3"), None);
        assert_eq!(of("2.0rc"), None);
    }
}
