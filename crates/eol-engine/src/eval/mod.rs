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
use eol_syntax::{Code, Diagnostic, Span};

use crate::catalog::Release;
use crate::model::*;

/// A description for traces: built only when tracing (evaluation without `explain`
/// allocates no text).
macro_rules! what {
    ($ctx:ident, $($t:tt)*) => {
        if $ctx.trace { format!($($t)*) } else { String::new() }
    };
}

mod assemble;
mod expr;
mod lines;
mod memo;
mod project;
mod select;
mod trace;
mod upstream;
mod value;
mod walk;

pub use expr::{in_calendar, shift};
pub use lines::line_prefix;
pub use memo::MAX_DEPTH;
pub use project::FUTURE_LINES;
pub(crate) use project::{NO_FINAL_MARK, NO_LINE_CADENCE, OVERDUE};
pub use trace::Trace;
pub use upstream::UpstreamView;
pub use value::{
    DateValue, Lifecycle, LineLifecycle, MilestoneResult, PhaseResult, ReleaseRef, State, Status, ValueKind,
};

use expr::{bad_amount, no_month, out_of_range};
use lines::{equivalent_lines, fill_numbering_gaps, group, mark_last_of, order, project_undated, Line};
use memo::{CycleAt, LineEval, Pinned};
use project::{Future, FutureKey, ToCome};
use select::Selections;

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
        group_tops: RefCell::new(HashMap::new()),
        evals: Vec::new(),
        depth: Cell::new(0),
        cycle: Cell::new(None),
        too_deep: Cell::new(None),
        stripped: RefCell::new(HashMap::new()),
        out_of_range: RefCell::new(Vec::new()),
        no_month: RefCell::new(Vec::new()),
        bad_amount: RefCell::new(Vec::new()),
    };
    let mut out = Vec::with_capacity(lines.len());
    unknown_lines(policy, &lines, &mut diags);
    line_alias_problems(policy, &lines, releases, &mut diags);
    line_builds_problems(policy, &lines, releases, &mut diags);
    let mut incomplete_reported = vec![false; policy.phases.len()];
    let pinned = Pinned::new(policy);
    let evals: Vec<LineEval<'_>> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| ctx.prepare(i, line, &pinned, &mut incomplete_reported, &mut diags))
        .collect();
    ctx.evals = evals;
    ctx.compute_all();
    let mut missing = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // A number the catalog lacks is counted, not reported: kept apart, for the
        // policies whose upstream this is (`newer 1 of UPSTREAM` counts it), its
        // warnings dropped.
        if !line.missing {
            out.push(ctx.assemble(i, &mut diags));
        } else {
            missing.push((out.len(), ctx.assemble(i, &mut Vec::new())));
        }
    }
    report_evaluation(&ctx, policy, &lines, &mut diags);
    // Each line's name and releases are moved into its lifecycle (assembled without them),
    // not copied: the evaluation is done with the lines.
    drop(ctx);
    // the other names of each line (`alias line`), grouped by line once
    let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
    for a in &policy.line_aliases {
        aliases
            .entry(a.line.to_ascii_lowercase())
            .or_default()
            .push(a.name.clone());
    }
    let (mut kept, mut apart) = (out.iter_mut(), missing.iter_mut());
    for line in &mut lines {
        let assembled = if line.missing {
            apart.next().map(|(_, l)| l)
        } else {
            kept.next()
        };
        if let Some(assembled) = assembled {
            if !aliases.is_empty() {
                if let Some(names) = aliases.remove(&line.name.to_ascii_lowercase()) {
                    assembled.aliases = names;
                }
            }
            assembled.line = std::mem::take(&mut line.name);
            assembled.releases = std::mem::take(&mut line.releases);
        }
    }
    (
        Lifecycle {
            at,
            lines: out,
            missing,
        },
        diags,
    )
}

/// `eol::override-unknown-line` for each override and declaration that names a line the
/// catalog does not have.
fn unknown_lines(policy: &Policy, lines: &[Line], diags: &mut Vec<(Origin, Diagnostic)>) {
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
                    Code::OverrideUnknownLine,
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
                    Code::OverrideUnknownLine,
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
}

/// `eol::builds-unknown-line` for a `builds line` whose line the catalog does not have, and
/// `eol::builds-mismatch` for a catalog release that the starts `builds line` gives put in
/// another line than the catalog's (a start mistyped, or a release filed under the wrong
/// line): typed, that release's later builds would find the other line. Reported once per
/// `builds line`, with how many releases it takes. The starts are grouped by their line
/// components and sorted once; each release is then one lookup and one binary search.
fn line_builds_problems(
    policy: &Policy,
    lines: &[Line],
    releases: &[&Release],
    diags: &mut Vec<(Origin, Diagnostic)>,
) {
    if policy.line_builds.is_empty() {
        return;
    }
    let n = policy.line_len;
    // line components → (first build, which `builds line`), by build
    let mut series: HashMap<&[crate::version::Component], Vec<(&crate::version::Version, usize)>> =
        HashMap::new();
    for (i, b) in policy.line_builds.iter().enumerate() {
        if let Some(key) = b.from.core.get(..n) {
            series.entry(key).or_default().push((&b.from, i));
        }
    }
    for starts in series.values_mut() {
        starts.sort_by(|a, b| a.0.cmp(b.0));
    }
    let mut known = vec![false; policy.line_builds.len()];
    // lines of a release with first builds that have none themselves: their builds would be
    // read as the level below
    // (the line, the `builds line` of its release's lowest first build)
    let mut left_out: Vec<(&str, usize)> = Vec::new();
    let by_line: HashMap<String, usize> = policy
        .line_builds
        .iter()
        .enumerate()
        .map(|(i, b)| (b.line.to_ascii_lowercase(), i))
        .collect();
    // per `builds line`: the first release of another line it takes, and how many
    let mut taken: Vec<Option<(String, String, usize)>> = vec![None; policy.line_builds.len()];
    for line in lines.iter().filter(|l| !l.missing) {
        match by_line.get(&line.name.to_ascii_lowercase()) {
            Some(&i) => {
                if let Some(k) = known.get_mut(i) {
                    *k = true;
                }
            }
            None => {
                let release_start = line
                    .version
                    .as_ref()
                    .and_then(|v| v.core.get(..n))
                    .and_then(|key| series.get(key))
                    .and_then(|starts| starts.first());
                if let Some(&(_, first)) = release_start {
                    left_out.push((&line.name, first));
                }
            }
        }
        for r in line.releases.iter().filter_map(|&ri| releases.get(ri)) {
            let Some(v) =
                crate::version::Version::parse(&r.version, &policy.prerelease).filter(|v| v.core.len() > n)
            else {
                continue;
            };
            let Some(starts) = v.core.get(..n).and_then(|key| series.get(key)) else {
                continue;
            };
            let below = starts.partition_point(|(from, _)| *from <= &v);
            let Some(&(_, i)) = below.checked_sub(1).and_then(|j| starts.get(j)) else {
                continue;
            };
            let Some(b) = policy.line_builds.get(i) else {
                continue;
            };
            if !b.line.eq_ignore_ascii_case(&line.name) {
                if let Some(slot) = taken.get_mut(i) {
                    match slot {
                        Some((_, _, count)) => *count += 1,
                        None => *slot = Some((r.version.to_string(), line.name.clone(), 1)),
                    }
                }
            }
        }
    }
    // at the first build of the release each belongs to, once per line
    for (name, first) in left_out {
        let Some(b) = policy.line_builds.get(first) else {
            continue;
        };
        diags.push((
            Origin::Rules,
            Diagnostic::warning(
                Code::BuildsIncomplete,
                format!(
                    "line `{name}` has no first build, though its release's other levels have (`builds line {} from \"{}\"`)",
                    b.line, b.from.text
                ),
                b.span,
                "the release's first build",
            )
            .with_help(format!(
                "add `builds line {name} from \"BUILD\"` with its first build: until then its builds are read as the level below them"
            )),
        ));
    }
    for (i, b) in policy.line_builds.iter().enumerate() {
        if !known.get(i).copied().unwrap_or(true) {
            diags.push((
                Origin::Rules,
                Diagnostic::warning(
                    Code::BuildsUnknownLine,
                    format!("`builds line` names line `{}`, which the catalog does not have", b.line),
                    b.line_span,
                    "no such line",
                )
                .with_help("check the line name against the catalog (`eol status PRODUCT` lists the lines); until then versions from this build find no line by it"),
            ));
        } else if let Some(Some((version, other, count))) = taken.get(i) {
            let more = match count {
                1 => String::new(),
                c => format!(" (and {} more)", c - 1),
            };
            diags.push((
                Origin::Rules,
                Diagnostic::warning(
                    Code::BuildsMismatch,
                    format!(
                        "release {version} of line `{other}`{more} is in the builds of line `{}`, which start at {}",
                        b.line, b.from.text
                    ),
                    b.span,
                    "starts too early",
                )
                .with_help(format!(
                    "check the first build against the vendor's list of builds: as it stands, a build of line `{other}` from {} on is read as line `{}`",
                    b.from.text, b.line
                )),
            ));
        }
    }
}

/// `eol::alias-unknown-line` for an `alias line` whose line the catalog does not have,
/// and `eol::alias-clash` for another name that is also another line's name or one of its
/// releases' versions (typed alone, it would name two lines). One pass over the lines and
/// their releases, looking each up among the aliases' folded names.
fn line_alias_problems(
    policy: &Policy,
    lines: &[Line],
    releases: &[&Release],
    diags: &mut Vec<(Origin, Diagnostic)>,
) {
    if policy.line_aliases.is_empty() {
        return;
    }
    let fold = crate::resolve::fold_line_alias;
    // folded alias → the aliases (indices) that have it
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in policy.line_aliases.iter().enumerate() {
        by_name.entry(a.folded.clone()).or_default().push(i);
    }
    let mut found = vec![false; policy.line_aliases.len()];
    // per alias, the first other line that has its name (as its name or a release)
    let mut clash: Vec<Option<(String, bool)>> = vec![None; policy.line_aliases.len()];
    let own_lines: HashMap<String, Vec<usize>> = {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in policy.line_aliases.iter().enumerate() {
            m.entry(a.line.to_ascii_lowercase()).or_default().push(i);
        }
        m
    };
    for line in lines.iter().filter(|l| !l.missing) {
        let key = line.name.to_ascii_lowercase();
        if let Some(own) = own_lines.get(&key) {
            for &i in own {
                if let Some(f) = found.get_mut(i) {
                    *f = true;
                }
            }
        }
        let mut mark = |text: &str, is_release: bool| {
            for &i in by_name.get(&fold(text)).map_or(&[][..], Vec::as_slice) {
                let Some(a) = policy.line_aliases.get(i) else {
                    continue;
                };
                if !a.line.eq_ignore_ascii_case(&line.name) {
                    if let Some(slot @ None) = clash.get_mut(i) {
                        *slot = Some((line.name.clone(), is_release));
                    }
                }
            }
        };
        mark(&line.name, false);
        for r in line.releases.iter().filter_map(|&ri| releases.get(ri)) {
            mark(&r.version, true);
        }
    }
    let mut reported: Option<Span> = None;
    for (i, a) in policy.line_aliases.iter().enumerate() {
        if !found.get(i).copied().unwrap_or(true) {
            // once per `alias line` item, however many names it gives
            if reported.replace(a.line_span) == Some(a.line_span) {
                continue;
            }
            diags.push((
                Origin::Rules,
                Diagnostic::warning(
                    Code::AliasUnknownLine,
                    format!("`alias line` names line `{}`, which the catalog does not have", a.line),
                    a.line_span,
                    "no such line",
                )
                .with_help("check the line name against the catalog (`eol status PRODUCT` lists the lines); until then nothing is found by this name"),
            ));
        } else if let Some(Some((other, is_release))) = clash.get(i) {
            let what = if *is_release {
                format!("a release of line `{other}`")
            } else {
                format!("the name of line `{other}`")
            };
            diags.push((
                Origin::Rules,
                Diagnostic::warning(
                    Code::AliasClash,
                    format!("`{}`, another name of line `{}`, is also {what}", a.name, a.line),
                    a.span,
                    "names two lines",
                )
                .with_help(
                    "typed alone, it is ambiguous and finds neither line; give a name no other line has",
                ),
            ));
        }
    }
}

/// What evaluating every date found on the way: a cycle across lines (or through an
/// override), dates outside the calendar, references nested too deep.
fn report_evaluation(ctx: &Ctx<'_>, policy: &Policy, lines: &[Line], diags: &mut Vec<(Origin, Diagnostic)>) {
    match ctx.cycle.get() {
        Some((span, None)) => diags.push((
            Origin::Rules,
            Diagnostic::error(Code::Cycle, "dates of different lines depend on each other in a circle", span, "needed while it was being computed")
                .with_help("a line's date may depend on other lines' dates, but not, through them, on itself; the dates involved are pending"),
        )),
        // The date in the circle is set by an override: the override is what to fix.
        Some((span, Some((line, target)))) => diags.push((
            Origin::Rules,
            Diagnostic::error(
                Code::Cycle,
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
    for (cell, report) in [
        (&ctx.no_month, no_month as fn(Span, &[Unnamed]) -> Diagnostic),
        (&ctx.bad_amount, bad_amount),
    ] {
        let mut unnamed = cell.take();
        unnamed.sort_unstable_by_key(|(span, _)| *span);
        for (span, mut lines) in unnamed {
            // a line whose date is read twice is named once
            let mut named = std::collections::HashSet::new();
            lines.retain(|(line, _)| named.insert(line.clone()));
            diags.push((Origin::Rules, report(span, &lines)));
        }
    }
    if let Some(span) = ctx.too_deep.get() {
        diags.push((
            Origin::Rules,
            Diagnostic::error(Code::EvaluationTooDeep, format!("references to other lines nest deeper than {MAX_DEPTH} lines"), span, "here")
                .with_help("anchor the chain on each line's own dates (such as `first_ship`) instead of on other lines' phases; the dates involved are pending"),
        ));
    }
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
    /// per set of `same` components: the highest line of each group of lines that share
    /// them, by `same` key, built in one pass when a selector first needs it
    group_tops: RefCell<HashMap<Vec<usize>, HashMap<String, usize>>>,
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
    /// `version_month` rule text that lines' versions could not answer: the span and
    /// each (line, why), one diagnostic per span
    no_month: RefCell<Vec<(Span, Vec<Unnamed>)>>,
    /// `DATE + ATTRIBUTE UNIT` rule text whose lines' attribute is no amount (below 0 or
    /// above [`crate::check::MAX_AMOUNT`]): the span and each (line, why)
    bad_amount: RefCell<Vec<(Span, Vec<Unnamed>)>>,
}

/// A line whose version names no month for `version_month`, and why.
pub(super) type Unnamed = (String, String);
