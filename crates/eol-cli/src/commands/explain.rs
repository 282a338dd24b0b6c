//! `eol explain PRODUCT [LINE]`: how every date of a line was derived (without a line, the
//! version the product argument carries names it).

use std::collections::HashSet;
use std::sync::Arc;

use eol_engine::eval::{DateValue, Options, Trace};
use eol_engine::kb::release_file;
use eol_engine::query::{ProductView, Unlisted};
use eol_engine::resolve::Resolution;
use eol_syntax::{Code, Diagnostic, LineIndex, Span};

use crate::args::ExplainArgs;
use crate::exit::{Failure, OK, USAGE};
use crate::render::{Source, Style};

pub fn run(args: &ExplainArgs) -> i32 {
    // `eol explain openssl-3.0.7-24.el9.x86_64`: the package's name and version apart
    let apart =
        crate::load::package_apart(&args.product, args.line.as_deref()).map(|(product, line)| ExplainArgs {
            product,
            line: Some(line),
            ..args.clone()
        });
    match explain(apart.as_ref().unwrap_or(args)) {
        Ok(code) => code,
        Err(f) => f.report(false),
    }
}

fn explain(args: &ExplainArgs) -> Result<i32, Failure> {
    let at = crate::load::at_or_today(args.kb.at);
    let mut lib = crate::load::library(&[], &args.kb.sources, crate::load::Implicit::Operator)?;
    // `Microsoft Windows 11 Pro` with a build after it, as `eol status` reads them
    let crate::load::Named {
        id,
        carried,
        qualified,
        banner_words,
    } = crate::load::find_product_named(&lib, &args.product, args.line.is_some())?;
    let Some(wanted) = args.line.clone().or(carried) else {
        return Err(Failure::usage(
            format!("which line of `{id}`?"),
            format!("give a line or a version after the product (`eol explain {id} LINE`); `eol status {id}` lists the lines"),
        ));
    };
    let products = lib.evaluate(at, Options { trace: true }, Some(&id));
    let product = products
        .iter()
        .find(|p| p.policy(&lib.rules).is_some_and(|pol| pol.id == id));
    if crate::load::report_for(&lib, product) {
        return Err(Failure::broken(format!(
            "the rules or catalog of `{id}` have errors (above); nothing can be explained"
        )));
    }
    let (Some(product), kb) = (product, &lib) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let Some(policy) = product.policy(&kb.rules) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let Some(rule_file) = kb.rules.get(product.file) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let view = ProductView::new(policy, product, &kb.catalogs);
    let resolution = match &qualified {
        Some((words, unknown)) => {
            // `eol explain "windows 10" 22H2`: the version finishes the name's words
            let said: Vec<&str> = words.iter().map(String::as_str).collect();
            let wanted = view.finish_name(&wanted, &said).unwrap_or_else(|| wanted.clone());
            crate::load::resolve_named(&view, &args.product, &wanted, words, unknown)?
        }
        None => crate::load::narrow_by_banner(&view, &wanted, &banner_words)?
            .unwrap_or_else(|| view.resolve(&wanted)),
    };
    // The lines explained: the version's, or, for a version several lines share that have
    // all ended (end of life whichever it is, as `eol status` says), each of them.
    let mut preface = String::new();
    let targets: Vec<(usize, eol_engine::resolve::How)> = match resolution {
        Resolution::Line { line, how } => vec![(line, how)],
        Resolution::Ambiguous { lines, .. } => {
            let names: Vec<String> = lines
                .iter()
                .filter_map(|&i| product.lifecycle.lines.get(i).map(|l| l.line.clone()))
                .collect();
            // what each of them says on the day, as `status` gives it
            let shared = eol_engine::query::shared(
                &view,
                &lines,
                &wanted,
                at,
                eol_engine::query::Basis::Standard,
                None,
            );
            if shared
                .as_ref()
                .and_then(|s| s.end.as_ref())
                .is_some_and(|e| e.ended)
            {
                preface = format!(
                    "`{wanted}` belongs to {} lines of `{id}`, and every one has ended: end of life whichever it is ({}); each line's derivation follows\n\n",
                    names.len(),
                    names.join(", ")
                );
                lines
                    .iter()
                    .map(|&i| (i, eol_engine::resolve::How::Release))
                    .collect()
            } else {
                let listed = shared.map_or_else(|| names.join(", "), |s| s.text);
                return Err(Failure::new(
                    USAGE,
                    "ambiguous-version",
                    format!("`{}` names {} lines of `{id}`: {listed}", wanted, names.len()),
                )
                .with_help("give one line's name")
                .with_candidates(names));
            }
        }
        Resolution::Unknown {
            nearest,
            newer_than_all,
            older_than_all,
            pattern_line,
        } => {
            // In no line, but placed at end of life by the lines around it, as `eol status`
            // and `eol audit` judge it: that judgement, then each of those lines' derivation.
            let day = (at, eol_engine::query::Basis::Standard, None);
            let answer = (!wanted.trim().contains(char::is_whitespace))
                .then(|| Unlisted::of(&nearest, newer_than_all, older_than_all))
                .flatten()
                .and_then(|how| eol_engine::query::unlisted(&view, &nearest, how, &wanted, day));
            match answer {
                Some(a) if a.ended => {
                    let which = if a.lines.len() == 1 {
                        format!("line {}'s derivation follows", a.lines.join(""))
                    } else {
                        format!("the derivations of lines {} follow", a.lines.join(", "))
                    };
                    preface = format!("{}; {which}\n\n", a.reason);
                    nearest
                        .iter()
                        .map(|&i| (i, eol_engine::resolve::How::LineName))
                        .collect()
                }
                _ => {
                    let unknown = Resolution::Unknown {
                        nearest,
                        newer_than_all,
                        older_than_all,
                        pattern_line,
                    };
                    return Err(super::status::unknown_line(&view, &wanted, unknown, day));
                }
            }
        }
        Resolution::Empty => {
            return Err(Failure::usage(
                format!("an empty line for `{id}`"),
                format!("give a line or a version; `eol status {id}` lists the lines"),
            ))
        }
    };
    let lang = args.kb.lang.as_deref();
    let ctx = Render {
        file: &rule_file.name,
        text: &rule_file.text,
        index: LineIndex::new(&rule_file.text),
        large: std::cell::RefCell::new(Vec::new()),
    };
    let mut out = preface;
    // the line of the first derivation too large to print whole
    let mut large_line: Option<String> = None;
    for (n, &(li, how)) in targets.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let Some(line) = product.lifecycle.lines.get(li) else {
            return Err(Failure::broken("line index out of range"));
        };
        let catalog = line
            .releases
            .first()
            .and_then(|&ri| release_file(product, &kb.catalogs, ri))
            .unwrap_or("-");
        out.push_str(&format!(
            "{} line {} at {at}\nrules: {}   catalog: {catalog}\n",
            policy.name.get(lang),
            line.line,
            rule_file.name
        ));
        // The line found by a declaration of the rule file (a build's level, another name of
        // the line): which one, and where the rule file gives it.
        if let Some((why, span)) = eol_engine::query::line_reason(policy, &line.line, &wanted, how) {
            let (l, _) = ctx.index.line_col(ctx.text, span.start);
            out.push_str(&format!(
                "\nversion {wanted} is in line {}: {why}   [{}:{l}]\n",
                line.line, rule_file.name
            ));
        }
        // A release that a newer one of its line has replaced (`superseded`): by which, since when,
        // and where the rule file says so.
        let superseded = eol_engine::query::superseded(&view, li, &wanted, how, at);
        // A pre-release: no rule says so, every vendor's release replaces its pre-releases.
        if let Some(s) = superseded.as_ref().filter(|s| s.prerelease) {
            let shipped =
                s.by.date
                    .map_or_else(|| "an unknown day".to_owned(), |d| d.to_string());
            let bound = if s.at_the_latest { " at the latest" } else { "" };
            let which = if s.at_the_latest {
                "a later release than the one it preceded"
            } else {
                "the release it preceded"
            };
            out.push_str(&format!(
                "\nversion {wanted} is a pre-release, replaced since {shipped}{bound}: line {} is supported in its releases, not its pre-releases\n└─ release {} of {shipped} is {which}\n",
                line.line, s.by.version
            ));
            if s.at_the_latest {
                out.push_str(
                    "   (the catalog's earliest such release; it may lack an earlier one, so the day may be earlier)\n",
                );
            }
        }
        if let (Some(s), Some(rule)) = (superseded.filter(|s| !s.prerelease), policy.superseded.as_ref()) {
            let (l, _) = ctx.index.line_col(ctx.text, rule.span.start);
            let when = match s.since.date {
                Some(d) if d <= at => format!("is superseded since {d}"),
                Some(d) => format!("will be superseded on {d}"),
                None => "is superseded on a day not known".to_owned(),
            };
            let bound = if s.at_the_latest { " at the latest" } else { "" };
            out.push_str(&format!(
                "\nversion {wanted} {when}{bound}: line {} is supported, but only its newest {}   [{}:{l}]\n",
                line.line, s.unit, rule_file.name
            ));
            let shipped =
                s.by.date
                    .map_or_else(|| "an unknown day".to_owned(), |d| d.to_string());
            match &s.grace {
                Some(g) => out.push_str(&format!(
                    "└─ release {} of {shipped} is a newer {} of line {}, + a grace period of {g}\n",
                    s.by.version, s.unit, line.line
                )),
                None => out.push_str(&format!(
                    "└─ release {} of {shipped} is a newer {} of line {}\n",
                    s.by.version, s.unit, line.line
                )),
            }
            if s.at_the_latest {
                out.push_str(
                    "   (the catalog's earliest such release; it may lack an earlier one, so the day may be earlier)\n",
                );
            }
        }
        if let Some(f) = &line.first_ship {
            ctx.entry("first ship", f, &mut out);
        }
        for p in &line.phases {
            let Some(d) = policy.phases.get(p.phase) else {
                continue;
            };
            ctx.entry(
                &format!("{}.start ({})", d.id, d.labels.get(lang)),
                &p.start,
                &mut out,
            );
            ctx.entry(
                &format!("{}.end ({})", d.id, d.labels.get(lang)),
                &p.end,
                &mut out,
            );
        }
        for m in &line.milestones {
            let Some(d) = policy.milestones.get(m.milestone) else {
                continue;
            };
            ctx.entry(&format!("{} ({})", d.id, d.labels.get(lang)), &m.date, &mut out);
        }
        if large_line.is_none() && !ctx.large.borrow().is_empty() {
            large_line = Some(line.line.clone());
        }
    }
    // The derivations too large to print whole: one warning, on the first of them.
    let large = ctx.large.into_inner();
    if let (Some((title, span, size, depth)), Some(line)) = (large.first(), large_line) {
        let d = trace_too_large(&line, title, *span, *size, *depth, large.len(), policy.span);
        Source::new(&rule_file.name, &rule_file.text)
            .human_all(&[d], Style::detect_stderr(), |d| errln!("{d}"));
    }
    // Labels, versions and notes from the files reach the terminal escaped.
    out!("{}", eol_syntax::printable(&out));
    Ok(OK)
}

/// How many lines one date's derivation may take written out whole, and how deep it
/// may go. Past either, steps already shown are not repeated, and steps deeper than
/// [`MAX_TRACE_DEPTH`] are not shown (`eol::trace-too-large`).
pub use eol_engine::limits::{MAX_TRACE_DEPTH, MAX_TRACE_LINES};

fn trace_too_large(
    line: &str,
    title: &str,
    span: Option<Span>,
    size: usize,
    depth: usize,
    count: usize,
    fallback: Span,
) -> Diagnostic {
    let what = if size > MAX_TRACE_LINES && depth > MAX_TRACE_DEPTH {
        format!("more than {MAX_TRACE_LINES} steps, more than {MAX_TRACE_DEPTH} deep")
    } else if size > MAX_TRACE_LINES {
        format!("more than {MAX_TRACE_LINES} steps")
    } else {
        format!("more than {MAX_TRACE_DEPTH} steps deep")
    };
    let others = match count {
        1 => String::new(),
        2 => " (and one more date of the line)".to_owned(),
        n => format!(" (and {} more dates of the line)", n - 1),
    };
    Diagnostic::warning(
        Code::TraceTooLarge,
        format!("the derivation of {title} of line {line} is too large to print whole: {what}{others}"),
        span.unwrap_or(fallback),
        "derived from this",
    )
    .with_help(format!(
        "a step shown once is marked `(shown above)` where it comes again, and steps deeper than {MAX_TRACE_DEPTH} levels are left out; \
         `eol explain` on the line a step names shows that step's own derivation"
    ))
}

/// A derivation printed in part: its title, rule span, size and depth.
type Large = (String, Option<Span>, usize, usize);

struct Render<'a> {
    file: &'a str,
    text: &'a str,
    index: LineIndex,
    /// every derivation printed in part
    large: std::cell::RefCell<Vec<Large>>,
}

impl Render<'_> {
    fn entry(&self, title: &str, v: &DateValue, out: &mut String) {
        match v.date {
            Some(d) => out.push_str(&format!("\n{title} = {d} ({})\n", v.kind.as_str())),
            None => out.push_str(&format!("\n{title} = pending\n")),
        }
        let Some(t) = &v.trace else {
            return;
        };
        let (size, depth) = t.size(MAX_TRACE_LINES + 1);
        if size <= MAX_TRACE_LINES && depth <= MAX_TRACE_DEPTH {
            self.node(t, "", true, None, out);
        } else {
            self.large
                .borrow_mut()
                .push((title.to_owned(), t.span, size, depth));
            self.node(t, "", true, Some(&mut (HashSet::new(), 0)), out);
        }
    }

    /// One step and, below it, its steps. `compact` (for a derivation too large to
    /// print whole): the steps already printed, which are marked instead of repeated,
    /// and the depth.
    fn node(
        &self,
        t: &Arc<Trace>,
        prefix: &str,
        last: bool,
        mut compact: Option<&mut (HashSet<*const Trace>, usize)>,
        out: &mut String,
    ) {
        let branch = if last { "└─ " } else { "├─ " };
        let value = match t.date {
            Some(d) => format!("{d} ({})", t.kind.as_str()),
            None => "pending".to_owned(),
        };
        let line = match t.span {
            Some(span) => {
                let code: String = span
                    .text(self.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let (l, _) = self.index.line_col(self.text, span.start);
                format!("`{code}` = {value}: {}   [{}:{l}]", t.what, self.file)
            }
            None => format!("{} = {value}", t.what),
        };
        // A step with steps below it, in a derivation printed in part: too deep to
        // expand, or expanded once already (only steps actually expanded count).
        let (repeated, too_deep) = match compact.as_deref_mut() {
            Some((seen, depth)) if !t.children.is_empty() => {
                if *depth >= MAX_TRACE_DEPTH {
                    (false, true)
                } else {
                    (!seen.insert(Arc::as_ptr(t)), false)
                }
            }
            _ => (false, false),
        };
        let note = if repeated {
            " (shown above)"
        } else if too_deep {
            " (its steps are not shown: too deep)"
        } else {
            ""
        };
        out.push_str(&format!("{prefix}{branch}{line}{note}\n"));
        if repeated || too_deep {
            return;
        }
        let child_prefix = format!("{prefix}{}", if last { "   " } else { "│  " });
        let n = t.children.len();
        if let Some((_, depth)) = compact.as_deref_mut() {
            *depth += 1;
        }
        for (i, c) in t.children.iter().enumerate() {
            self.node(c, &child_prefix, i + 1 == n, compact.as_deref_mut(), out);
        }
        if let Some((_, depth)) = compact {
            *depth -= 1;
        }
    }
}
