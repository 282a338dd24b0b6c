//! Hover text: what a name or a date expression evaluates to on the catalog's lines.
//!
//! A phase shows its start and end on every line, a milestone its date, a line name
//! that line's phases; any other place inside a date expression shows the value of the
//! smallest sub-expression around it on every line, read off the evaluator's traces
//! (every step of a derivation carries the span of the rule text it evaluates). Each
//! date says how sure it is (exact, estimated, declared, override, pending).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::Arc;

use eol_syntax::Span;

use crate::eval::{DateValue, LineLifecycle, Trace};
use crate::ide::symbols::{Hit, SymbolKind, UpstreamPhase};
use crate::ide::Analysis;
use crate::kb::Product;

/// At most this many lines in a table (the newest ones).
pub const MAX_LINES: usize = 12;

/// `2024-06-30 (exact)`, `pending`.
pub fn date_text(v: &DateValue) -> String {
    match v.date {
        Some(d) => format!("{} ({})", d.format("%Y-%m-%d"), v.kind.as_str()),
        None => v.kind.as_str().to_owned(),
    }
}

fn opt_date(v: Option<&DateValue>) -> String {
    v.map_or_else(|| "–".to_owned(), date_text)
}

/// Hover at byte `offset`: the span it is about and Markdown text.
pub fn hover(a: &Analysis, offset: usize) -> Option<(Span, String)> {
    let res = a.resolution();
    match res.at(offset) {
        Some(Hit::Declaration(d)) => {
            let decl = res.decls.get(d)?;
            Some((decl.span, declaration(a, d, decl.policy)))
        }
        Some(Hit::Reference(r)) => Some((r.span, declaration(a, r.decl, r.policy))),
        Some(Hit::Line(l)) => Some((l.span, line(a, l.policy, &l.line))),
        Some(Hit::UpstreamPhase(u)) => Some((u.span, upstream_phase(a, u))),
        Some(Hit::Builtin(b)) => {
            let mut text = String::new();
            if let Some(builtin) = crate::ide::complete::builtin(&b.name) {
                let _ = write!(
                    text,
                    "**{}**: {}\n\nUsage: {}\n",
                    builtin.name, builtin.doc, builtin.usage
                );
            }
            if let Some((span, values)) = expression(a, b.policy, offset) {
                let _ = write!(text, "\n{values}");
                return Some((span, text));
            }
            Some((b.span, text))
        }
        None => {
            let policy = res.policy_at(offset)?;
            if let Some(source) = a.policy(policy).and_then(|m| {
                m.sources
                    .iter()
                    .find(|s| s.span.start <= offset && offset < s.span.end)
            }) {
                return Some((source.span, source_text(source)));
            }
            if let Some((span, text)) = package_url(a, policy, offset) {
                return Some((span, text));
            }
            if let Some(rule) = a
                .policy(policy)
                .and_then(|m| m.superseded.as_ref())
                .filter(|s| s.span.start <= offset && offset < s.span.end)
            {
                return Some((rule.span, superseded(a, policy, rule)));
            }
            if let Some((span, phase)) = a.policy(policy).and_then(|m| {
                m.phases.iter().find_map(|p| {
                    let at = p.free?;
                    (at.start <= offset && offset < at.end).then_some((at, p))
                })
            }) {
                return Some((span, free(phase)));
            }
            expression(a, policy, offset)
        }
    }
}

/// `source github-releases "acme/widget" ...`: what `eol update` fetches for it (at the
/// default base URL, and how to change it), which entries it reads as releases, and the
/// `eol import` that reads the same saved.
fn source_text(source: &crate::sources::SourceDecl) -> String {
    use crate::sources::SourceKind;
    let kind = source.kind;
    let request = kind.first_request(&source.location);
    let mut text = format!("**source** `{}` `{}`\n\n", kind.name(), source.location);
    let pages = if kind.paged() { ", every page" } else { "" };
    match kind.service() {
        Some(service) => {
            let _ = writeln!(
                text,
                "`eol update` reads `{}{request}`{pages}: {} (another base URL: `--base-url {}=URL` or `{}`).",
                service.default_base(),
                crate::sources::formats::describe(kind),
                service.name(),
                service.env_var()
            );
        }
        None => {
            let _ = writeln!(
                text,
                "`eol update` reads `{request}`{pages}: {}.",
                crate::sources::formats::describe(kind)
            );
        }
    }
    let pattern = source.pattern.text();
    let reads = if pattern == crate::sources::PLACEHOLDER {
        "every entry that is a version".to_owned()
    } else {
        format!("the entries matching `{pattern}`, the version where `{{version}}` is")
    };
    let filter = if source.filter.is_some() {
        ", of the lines its `where` keeps"
    } else {
        ""
    };
    let import = match kind {
        SourceKind::Endoflife => "endoflife-json",
        other => other.name(),
    };
    let _ = write!(
        text,
        "\nReleases: {reads}{filter}; they are added to the catalog, never replacing a row. \
         `eol import {import} FILE` reads the same document saved."
    );
    text
}

/// `purl "pkg:deb/debian/php{line}-fpm"`: which packages it names. For a `{line}` pattern,
/// the names of the catalog's newest lines (those with a number for a name), for a `*` the
/// prefix; and, for a distribution's package, that its name alone finds the product in an
/// inventory.
fn package_url(a: &Analysis, policy: usize, offset: usize) -> Option<(Span, String)> {
    use crate::identifiers::{name_matches, LINE};
    use crate::model::ProductName;
    let (purl, span) = a.policy(policy)?.names.iter().find_map(|n| match n {
        ProductName::Purl { purl, span } if span.start <= offset && offset < span.end => Some((purl, *span)),
        _ => None,
    })?;
    let mut text = format!("**purl** `{}`\n\n", purl.key());
    let open = purl.name.strip_suffix('*');
    if purl.name.contains(LINE) {
        text.push_str(
            "One name per line: `{line}` takes a line's number (digits, with single dots between), nothing else",
        );
        text.push_str(if open.is_some() {
            "; the final `*` takes whatever follows.\n"
        } else {
            ".\n"
        });
        match no_values(a, policy) {
            Some(why) => {
                let _ = writeln!(text, "\n{why}");
            }
            None => {
                let names: Vec<String> = product(a, policy)
                    .map(|p| p.lifecycle.lines.iter().rev().collect::<Vec<_>>())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| purl.name.replacen(LINE, &l.line, 1))
                    .filter(|n| name_matches(&purl.name, n.trim_end_matches('*')))
                    .collect();
                let shown: Vec<String> = names.iter().take(MAX_LINES).map(|n| format!("`{n}`")).collect();
                let more = names.len().saturating_sub(MAX_LINES);
                let _ = write!(text, "\nFor the catalog's lines: {}", shown.join(", "));
                if more > 0 {
                    let _ = write!(text, " and {more} more");
                }
                text.push_str("; and the lines to come.\n");
            }
        }
    } else if let Some(prefix) = open {
        let _ = writeln!(
            text,
            "Every name that starts `{prefix}`: each must carry this product's version."
        );
    } else {
        let _ = writeln!(text, "The one package `{}`.", purl.name);
    }
    if matches!(purl.ty.as_str(), "deb" | "rpm" | "apk") {
        text.push_str(
            "\nA distribution's package: its name alone finds the product too, as `dpkg-query -W`, \
             `rpm -qa` and osquery list packages, unless another product's package URL gives it.\n",
        );
    }
    Some((span, text))
}

/// `role extended free`: what it changes.
fn free(phase: &crate::model::PhaseDecl) -> String {
    format!(
        "**free** extended support: phase `{}` needs no contract or subscription, so it counts \
         towards end of life by default, as standard support does (`eol status` and `eol audit` \
         without `--extended`); it stays extended support for endoflife.date's `eoes` column and \
         the exports\n",
        phase.id
    )
}

/// `superseded by newer minor`: what it means, and the release of each line that every older
/// one of the line is to update to.
fn superseded(a: &Analysis, policy: usize, rule: &crate::model::Superseded) -> String {
    let unit = a
        .policy(policy)
        .and_then(|m| m.components.get(rule.component))
        .map_or("unit", String::as_str);
    let grace = rule
        .grace
        .as_ref()
        .map(|g| format!(", {g} after it ships"))
        .unwrap_or_default();
    let mut text = format!(
        "**superseded** by newer `{unit}`: within a line only the newest {unit} is supported; an older \
         release is unsupported once a newer {unit} of its line ships{grace} (`eol status` and \
         `eol audit` say `superseded`; the line's dates do not change)\n"
    );
    values(
        a,
        policy,
        &mut text,
        |t, l| {
            let (version, date) = match &l.latest {
                Some(r) => (r.version.as_str(), r.date.to_string()),
                None => ("–", "–".to_owned()),
            };
            let _ = writeln!(t, "| {} | {version} | {date} |", l.line);
        },
        "| line | newest release | shipped |\n| --- | --- | --- |\n",
    );
    text
}

fn product(a: &Analysis, policy: usize) -> Option<&Product> {
    a.products().iter().find(|p| p.policy == policy)
}

/// Why there are no values, when there are none.
fn no_values(a: &Analysis, policy: usize) -> Option<String> {
    if a.has_errors() {
        return Some("not evaluated: the file has errors".to_owned());
    }
    match product(a, policy) {
        None => Some("not evaluated".to_owned()),
        Some(p) if p.lifecycle.lines.is_empty() => {
            Some("no release lines: the catalog has no rows of this product".to_owned())
        }
        Some(_) => None,
    }
}

/// The lines shown: the newest [`MAX_LINES`], and how many are left out.
fn shown(lines: &[LineLifecycle]) -> (&[LineLifecycle], usize) {
    let skip = lines.len().saturating_sub(MAX_LINES);
    (lines.get(skip..).unwrap_or(&[]), skip)
}

fn more(text: &mut String, skipped: usize) {
    if skipped > 0 {
        let _ = writeln!(
            text,
            "\n… and {skipped} older line{}",
            if skipped == 1 { "" } else { "s" }
        );
    }
}

fn declaration(a: &Analysis, decl: usize, policy: usize) -> String {
    let Some(d) = a.resolution().decls.get(decl) else {
        return String::new();
    };
    let mut text = format!("**{}** `{}`", d.kind.as_str(), d.name);
    if let Some(label) = &d.label {
        let _ = write!(text, " \"{label}\"");
    }
    text.push('\n');
    let model = a.policy(policy);
    match d.kind {
        SymbolKind::Phase => {
            let Some(pi) = model.and_then(|m| m.phase_index(&d.name)) else {
                return text;
            };
            values(a, policy, &mut text, |t, l| phase_row(t, l, pi), PHASE_HEADER);
        }
        SymbolKind::Milestone => {
            let Some(mi) = model.and_then(|m| m.milestones.iter().position(|x| x.id == d.name)) else {
                return text;
            };
            values(
                a,
                policy,
                &mut text,
                |t, l| {
                    let v = l.milestones.iter().find(|m| m.milestone == mi).map(|m| &m.date);
                    let _ = writeln!(t, "| {} | {} |", l.line, opt_date(v));
                },
                "| line | date |\n| --- | --- |\n",
            );
        }
        SymbolKind::Service => {
            if let Some(m) = model {
                if let Some(si) = m.services.iter().position(|s| s.id == d.name) {
                    let phases: Vec<String> = m
                        .phases
                        .iter()
                        .filter(|p| {
                            p.defs
                                .iter()
                                .any(|def| def.provides.as_ref().is_some_and(|ps| ps.contains(&si)))
                        })
                        .map(|p| format!("`{}`", p.id))
                        .collect();
                    if !phases.is_empty() {
                        let _ = writeln!(text, "\nprovided by {}", phases.join(", "));
                    }
                }
            }
        }
        SymbolKind::Attribute => {
            if let Some(attr) = model.and_then(|m| m.attributes.iter().find(|x| x.name == d.name)) {
                let ty = crate::model::AttrType::NAMES
                    .iter()
                    .zip([
                        crate::model::AttrType::Bool,
                        crate::model::AttrType::Text,
                        crate::model::AttrType::Date,
                        crate::model::AttrType::Number,
                    ])
                    .find(|(_, t)| *t == attr.ty)
                    .map_or("", |(n, _)| *n);
                let _ = writeln!(text, "\ntype: {ty}; read from the catalog column `{}`", d.name);
            }
        }
        SymbolKind::Upstream => {
            if let Some(u) = model.and_then(|m| m.upstreams.iter().find(|u| u.alias == d.name)) {
                let _ = writeln!(text, "\nreads dates of product `{}`", u.product);
            }
        }
        SymbolKind::Policy => {
            let Some(p) = product(a, d.policy) else {
                if let Some(why) = no_values(a, d.policy) {
                    let _ = writeln!(text, "\n{why}");
                }
                return text;
            };
            let _ = writeln!(text, "\nat {}:\n", a.at().format("%Y-%m-%d"));
            text.push_str("| line | first ship | state | end of life |\n| --- | --- | --- | --- |\n");
            let (lines, skipped) = shown(&p.lifecycle.lines);
            for l in lines {
                let _ = writeln!(
                    text,
                    "| {} | {} | {} | {} |",
                    l.line,
                    opt_date(l.first_ship.as_ref()),
                    l.status.state.as_str(),
                    opt_date(l.eol.as_ref())
                );
            }
            more(&mut text, skipped);
        }
        SymbolKind::Component => {
            let _ = writeln!(text, "\na part of the version (`versions`, `line`)");
        }
    }
    text
}

const PHASE_HEADER: &str = "| line | from | until | |\n| --- | --- | --- | --- |\n";

/// A line's row of a phase's table: its start, end, and whether the line is in it now.
fn phase_row(t: &mut String, l: &LineLifecycle, pi: usize) {
    let Some(p) = l.phase(pi) else {
        let _ = writeln!(t, "| {} | – | – | |", l.line);
        return;
    };
    let now = l
        .status
        .phase
        .and_then(|i| l.phases.get(i))
        .is_some_and(|cur| cur.phase == pi);
    let _ = writeln!(
        t,
        "| {} | {} | {} | {} |",
        l.line,
        date_text(&p.start),
        date_text(&p.end),
        if now { "now" } else { "" }
    );
}

/// A phase of an upstream policy, named in `... of UPSTREAM`: what it is, in which
/// policy, and its start and end on the upstream's lines.
fn upstream_phase(a: &Analysis, u: &UpstreamPhase) -> String {
    let Some((fi, pi)) = a.upstream_policy(&u.product) else {
        return format!(
            "**phase** `{}` of upstream `{}`\n\nproduct `{}` is not among the loaded rule files\n",
            u.name, u.alias, u.product
        );
    };
    let model = a.policy_in(fi, pi);
    let Some((phase_index, phase)) =
        model.and_then(|m| m.phases.iter().enumerate().find(|(_, p)| p.id == u.name))
    else {
        return format!(
            "**phase** `{}` of upstream `{}`\n\nproduct `{}` declares no phase `{}`\n",
            u.name, u.alias, u.product, u.name
        );
    };
    let mut text = format!("**phase** `{}`", phase.id);
    if phase.labels.default != phase.id {
        let _ = write!(text, " \"{}\"", phase.labels.default);
    }
    let _ = writeln!(text, " of upstream `{}` (product `{}`)", u.alias, u.product);
    let roles: Vec<&str> = phase.roles().map(|r| r.as_str()).collect();
    if !roles.is_empty() {
        let _ = writeln!(text, "\nrole {}", roles.join(", "));
    }
    if a.has_errors() {
        let _ = writeln!(text, "\nnot evaluated: the file has errors");
        return text;
    }
    let Some(p) = a.product_in(fi, pi) else {
        let _ = writeln!(text, "\nnot evaluated");
        return text;
    };
    if p.lifecycle.lines.is_empty() {
        let _ = writeln!(
            text,
            "\nno release lines: the catalog has no rows of product `{}`",
            u.product
        );
        return text;
    }
    let _ = writeln!(text, "\nat {}:\n", a.at().format("%Y-%m-%d"));
    text.push_str(PHASE_HEADER);
    let (lines, skipped) = shown(&p.lifecycle.lines);
    for l in lines {
        phase_row(&mut text, l, phase_index);
    }
    more(&mut text, skipped);
    text
}

/// A table of one row per line, headed by the date of the evaluation.
fn values(
    a: &Analysis,
    policy: usize,
    text: &mut String,
    mut row: impl FnMut(&mut String, &LineLifecycle),
    header: &str,
) {
    if let Some(why) = no_values(a, policy) {
        let _ = writeln!(text, "\n{why}");
        return;
    }
    let Some(p) = product(a, policy) else { return };
    let _ = writeln!(text, "\nat {}:\n", a.at().format("%Y-%m-%d"));
    text.push_str(header);
    let (lines, skipped) = shown(&p.lifecycle.lines);
    for l in lines {
        row(text, l);
    }
    more(text, skipped);
}

/// A line named in the rule text: its phases and milestones.
fn line(a: &Analysis, policy: usize, name: &str) -> String {
    let mut text = format!("**line** `{name}`\n");
    if let Some(why) = no_values(a, policy) {
        let _ = writeln!(text, "\n{why}");
        return text;
    }
    let (Some(p), Some(model)) = (product(a, policy), a.policy(policy)) else {
        return text;
    };
    let Some(l) = p
        .lifecycle
        .lines
        .iter()
        .find(|l| l.line.eq_ignore_ascii_case(name))
    else {
        let _ = writeln!(text, "\nthe catalog has no line `{name}`");
        return text;
    };
    let aliases: Vec<String> = l.aliases.iter().map(|n| format!("`{n}`")).collect();
    if !aliases.is_empty() {
        let _ = writeln!(text, "\nalso called {}", aliases.join(", "));
    }
    let _ = writeln!(
        text,
        "\nat {}: {}\n\nfirst ship {}\n",
        a.at().format("%Y-%m-%d"),
        l.status.state.as_str(),
        opt_date(l.first_ship.as_ref())
    );
    text.push_str("| phase | from | until |\n| --- | --- | --- |\n");
    for r in &l.phases {
        let id = model.phases.get(r.phase).map_or("?", |p| p.id.as_str());
        let _ = writeln!(text, "| {id} | {} | {} |", date_text(&r.start), date_text(&r.end));
    }
    for m in &l.milestones {
        let id = model.milestones.get(m.milestone).map_or("?", |x| x.id.as_str());
        let _ = writeln!(text, "| {id} | {} | |", date_text(&m.date));
    }
    text
}

/// The smallest evaluated sub-expression around `offset`, with its value on each line.
fn expression(a: &Analysis, policy: usize, offset: usize) -> Option<(Span, String)> {
    let p = product(a, policy)?;
    let mut best: Option<Span> = None;
    let mut per_line: Vec<(&str, Option<(Span, &Trace)>)> = Vec::with_capacity(p.lifecycle.lines.len());
    for l in &p.lifecycle.lines {
        let found = tightest(l, offset);
        if let Some((span, _)) = found {
            best = Some(match best {
                Some(b) if b.len() <= span.len() => b,
                _ => span,
            });
        }
        per_line.push((l.line.as_str(), found));
    }
    let span = best?;
    let mut text = format!(
        "`{}`\n\nat {}:\n\n| line | value |\n| --- | --- |\n",
        span.text(a.text()),
        a.at().format("%Y-%m-%d")
    );
    let rows: Vec<String> = per_line
        .iter()
        .filter_map(|(line, found)| {
            let (s, t) = (*found)?;
            (s == span).then(|| {
                let v = match t.date {
                    Some(d) => format!("{} ({})", d.format("%Y-%m-%d"), t.kind.as_str()),
                    None => t.kind.as_str().to_owned(),
                };
                format!("| {line} | {v} |")
            })
        })
        .collect();
    let skip = rows.len().saturating_sub(MAX_LINES);
    for r in rows.iter().skip(skip) {
        let _ = writeln!(text, "{r}");
    }
    more(&mut text, skip);
    Some((span, text))
}

/// The step with the smallest span around `offset` among a line's derivations.
fn tightest(l: &LineLifecycle, offset: usize) -> Option<(Span, &Trace)> {
    let roots = l
        .phases
        .iter()
        .flat_map(|p| [&p.start, &p.end])
        .chain(l.milestones.iter().map(|m| &m.date))
        .filter_map(|v| v.trace.as_ref());
    let mut seen: HashSet<*const Trace> = HashSet::new();
    // (step, the span of the nearest step above it that has one)
    let mut stack: Vec<(&Arc<Trace>, Option<Span>)> = roots.map(|t| (t, None)).collect();
    let mut best: Option<(Span, &Trace)> = None;
    while let Some((t, bound)) = stack.pop() {
        // A step outside the text of the step above it is another date this one reads
        // (a phase's end, another line's date): its own root is visited for this line,
        // and another line's values are not this line's.
        if let (Some(span), Some(b)) = (t.span, bound) {
            if span.start < b.start || span.end > b.end {
                continue;
            }
        }
        if !seen.insert(Arc::as_ptr(t)) {
            continue;
        }
        if let Some(span) = t.span {
            if span.start <= offset && offset < span.end && best.is_none_or(|(b, _)| span.len() < b.len()) {
                best = Some((span, t));
            }
        }
        let bound = t.span.or(bound);
        stack.extend(t.children.iter().map(|c| (c, bound)));
    }
    best
}
