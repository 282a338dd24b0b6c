//! `eol status PRODUCT [VERSION]`: where a version stands, and what it is entitled to;
//! without a version, the product's lines.

use eol_engine::audit::State;
use eol_engine::eval::Options;
use eol_engine::eval::ValueKind;
use eol_engine::query::{self, Basis, Dated, ProductView, Standing, StatusReport, Unlisted};
use eol_engine::resolve::{How, Resolution};

use crate::args::{PackagesArg, StatusArgs, StatusFormat};
use crate::exit::{Failure, CONDITION, OK, USAGE};
use crate::i18n::{msg, Messages};
use crate::load;
use crate::render::sanitize;

pub fn run(args: &StatusArgs) -> i32 {
    let json = args.format == StatusFormat::Json;
    // `eol status openssl-3.0.7-24.el9.x86_64`: the package's name and version apart
    let apart =
        load::package_apart(&args.product, args.version.as_deref()).map(|(product, version)| StatusArgs {
            product,
            version: Some(version),
            ..args.clone()
        });
    match status(apart.as_ref().unwrap_or(args), json) {
        Ok(code) => code,
        Err(f) => f.report(json),
    }
}

fn status(args: &StatusArgs, json: bool) -> Result<i32, Failure> {
    let at = load::at_or_today(args.kb.at);
    let (m, missing) = Messages::new(args.kb.lang.as_deref());
    if missing {
        errln!(
            "note: no messages in `{}`; the words around the rules' labels stay English",
            args.kb.lang.as_deref().unwrap_or("")
        );
    }
    let mut lib = load::library(&[], &args.kb.sources, crate::load::Implicit::Operator)?;
    let load::Named {
        id,
        carried,
        qualified,
        banner_words,
    } = load::find_product_named(&lib, &args.product, args.version.is_some())?;
    // a distribution's package (a package URL's `?distro=ubuntu-22.04`, a version that marks
    // the release, `~deb12u2`, or `--distro`): its release is asked about too, so every
    // product is evaluated (the release may be any of them)
    let system = super::audit::distro_given(args.distro.as_deref(), &lib)?;
    let distro = eol_engine::identifiers::Distro::of_item(
        &args.product,
        args.version.as_deref().or(carried.as_deref()),
    )
    .or_else(|| system.clone());
    let only = if distro.is_some() { None } else { Some(id.as_str()) };
    let products = lib.evaluate(at, Options { trace: true }, only);
    let product = products
        .iter()
        .find(|p| p.policy(&lib.rules).is_some_and(|pol| pol.id == id));
    if load::report_for(&lib, product) {
        return Err(Failure::broken(format!(
            "the rules or catalog of `{id}` have errors (above); no status can be given"
        )));
    }
    let Some(product) = product else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let Some(policy) = product.policy(&lib.rules) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let view = ProductView::new(policy, product, &lib.catalogs);
    let basis = if args.extended {
        Basis::Extended
    } else {
        Basis::Standard
    };
    let lang = args.kb.lang.as_deref();
    let version = args.version.clone().or(carried);
    let Some(version) = version else {
        return Ok(lines(&view, at, basis, lang, &m, args.format, &lib.data));
    };
    // `eol status python "$(python3 --version)"`: a banner given as the version
    let (version, banner_words) = match (&args.version, &qualified, &args.line) {
        (Some(text), None, None) if matches!(view.resolve(text), Resolution::Unknown { .. }) => {
            load::version_beside(&lib, &view, text)?.unwrap_or((version, banner_words))
        }
        _ => (version, banner_words),
    };
    // `eol status kubernetes v1.31.1-aliyun.1`: Alibaba Cloud ACK's build
    load::downstream_build(&lib, &view, &version)?;
    // `eol status "windows 10" 22H2`: the version finishes the name's words
    let version = match (&qualified, &args.line) {
        (Some((words, _)), None) => {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            view.finish_name(&version, &words).unwrap_or(version)
        }
        _ => version,
    };
    // what the distribution release says, as `eol audit` says it of that package URL
    let packaged = match distro {
        Some(_) => {
            let views: Vec<ProductView<'_>> = products
                .iter()
                .filter_map(|p| Some(ProductView::new(p.policy(&lib.rules)?, p, &lib.catalogs)))
                .collect();
            let index = views.iter().position(|v| v.policy.id == id);
            let options = eol_engine::audit::Options {
                at,
                basis,
                within: eol_engine::audit::Within::parse("90d").map_err(Failure::broken)?,
                lang: lang.map(str::to_owned),
                packages: match args.packages {
                    PackagesArg::Upstream => eol_engine::audit::Packages::Upstream,
                    PackagesArg::Distribution => eol_engine::audit::Packages::Distribution,
                },
                distro: None,
            };
            let mut auditor = eol_engine::audit::Auditor::new(views, options, Default::default());
            index.and_then(|i| auditor.packaged_status(i, &version, &args.product, system))
        }
        None => None,
    };
    // without a release to ask about, what the version says of the distribution that built it
    let built_for = match distro {
        None => eol_engine::identifiers::built_for(&version),
        Some(_) => None,
    };
    // `--packages distribution`: the release that packages it answers, when it is known
    let said = |distribution| Said {
        distribution,
        at,
        m: &m,
        json,
        data: &lib.data,
    };
    if let Some(p) = packaged.as_ref().filter(|p| p.judged) {
        // `postgresql-15` beside `16.1-1` is refused whoever judges it
        if args.line.is_none() && qualified.is_none() {
            load::check_package_number(&view, &args.product, &version)?;
        }
        return judged(
            p,
            (&id, &version),
            args.fail_on_stale,
            &said(Distribution::default()),
        );
    }
    let pick = match &qualified {
        Some((words, unknown)) if args.line.is_none() => line_of(
            &view,
            &version,
            load::resolve_named(&view, &args.product, &version, words, unknown)?,
            (at, basis, lang),
        )?,
        // `Microsoft Windows 10 Enterprise LTSC 10.0.17763`: the words before the version
        // may choose among its lines
        _ if args.line.is_none() && !banner_words.is_empty() => {
            match load::narrow_by_banner(&view, &version, &banner_words)? {
                Some(resolution) => line_of(&view, &version, resolution, (at, basis, lang))?,
                None => pick_line(&view, &version, None, (at, basis, lang))?,
            }
        }
        _ => {
            // `postgresql-15` beside `16.1-1`: the name's number and the version disagree
            if args.line.is_none() {
                load::check_package_number(&view, &args.product, &version)?;
            }
            pick_line(&view, &version, args.line.as_deref(), (at, basis, lang))?
        }
    };
    let distribution = Distribution {
        packaged: packaged.as_ref(),
        built_for: built_for.as_ref(),
    };
    let (line, how) = match pick {
        Pick::One(line, how) => (line, how),
        Pick::Ended(shared) => {
            return Ok(whichever(&view, &version, shared, &said(distribution)));
        }
        Pick::Unlisted(answer) => {
            return Ok(unlisted(&view, &version, &answer, &said(distribution)));
        }
    };
    let Some(report) = query::status(&view, line, &version, how, at, basis, lang) else {
        return Err(Failure::broken("the line could not be evaluated"));
    };
    if json {
        let (packaged, built_for) = distribution.json();
        let doc = serde_json::json!({
            "schema_version": 2,
            "at": at.to_string(),
            "status": report,
            "distribution": packaged,
            "built_for": built_for,
            "data": lib.data,
        });
        outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        out!("{}", text(&report, at, &m, &lib.data, &distribution));
    }
    let stale = args.fail_on_stale && report.freshness.may_be_stale;
    Ok(
        if matches!(report.state, Standing::EndOfLife | Standing::Superseded) || stale {
            CONDITION
        } else {
            OK
        },
    )
}

/// What a version is judged by: its line, or, for a version that several lines share and
/// all of them have ended, all of them (it is at end of life whichever it is).
enum Pick {
    One(usize, How),
    Ended(query::Shared),
    /// in no line, but the line or lines around it have ended (it is at end of life too)
    Unlisted(query::UnlistedAnswer),
}

/// The day asked about, the basis of the answer and the labels' language, for what an
/// ambiguous version's lines say on it.
pub(crate) type Day<'l> = (chrono::NaiveDate, Basis, Option<&'l str>);

/// The line a version means, or why there is none.
fn pick_line(
    view: &ProductView<'_>,
    version: &str,
    line: Option<&str>,
    day: Day<'_>,
) -> Result<Pick, Failure> {
    let lines = &view.product.lifecycle.lines;
    if let Some(wanted) = line {
        if let Some(i) = lines
            .iter()
            .position(|l| l.line.eq_ignore_ascii_case(wanted.trim()))
        {
            return Ok(Pick::One(i, How::LineName));
        }
        // `--line bookworm`: a line's other name, when only one line has it
        return match view.lines_aliased(wanted).as_slice() {
            [i] => Ok(Pick::One(*i, How::LineAlias)),
            _ => Err(unknown_line(view, wanted, view.resolve(wanted), day)),
        };
    }
    line_of(view, version, view.resolve(version), day)
}

/// The line a resolution found, or why there is none.
fn line_of(
    view: &ProductView<'_>,
    version: &str,
    resolution: Resolution,
    (at, basis, lang): Day<'_>,
) -> Result<Pick, Failure> {
    let lines = &view.product.lifecycle.lines;
    let name = |i: usize| lines.get(i).map_or(String::new(), |l| l.line.clone());
    match resolution {
        Resolution::Line { line, how } => Ok(Pick::One(line, how)),
        Resolution::Ambiguous { lines: found, .. } => {
            let names: Vec<String> = found.iter().map(|&i| name(i)).collect();
            let shared = query::shared(view, &found, version, at, basis, lang);
            // Every line has ended: the answer is end of life whichever it is, as `eol audit`
            // finds. Only towards failing: lines that are all supported still need `--line`.
            match shared {
                Some(s) if s.end.as_ref().is_some_and(|e| e.ended) => return Ok(Pick::Ended(s)),
                _ => {}
            }
            let listed = shared.map_or_else(|| names.join(", "), |s| s.text);
            Err(Failure::new(
                USAGE,
                "ambiguous-version",
                format!(
                    "`{version}` belongs to {} lines of `{}`: {listed}",
                    names.len(),
                    view.policy.id,
                ),
            )
            .with_help(format!(
                "say which with `--line LINE` (e.g. `--line {}`)",
                names.first().map_or("", String::as_str)
            ))
            .with_candidates(names))
        }
        Resolution::Unknown {
            nearest,
            newer_than_all,
            older_than_all,
            ..
        } if !version.trim().contains(char::is_whitespace) => {
            // in no line, but placed at end of life by the lines around it, as `eol audit`
            // finds: only towards failing
            let placed = Unlisted::of(&nearest, newer_than_all, older_than_all);
            let answer = placed.and_then(|p| query::unlisted(view, &nearest, p, version, (at, basis, lang)));
            match answer {
                Some(a) if a.ended => Ok(Pick::Unlisted(a)),
                _ => Err(unknown_line(
                    view,
                    version,
                    Resolution::Unknown {
                        nearest,
                        pattern_line: None,
                        newer_than_all,
                        older_than_all,
                    },
                    (at, basis, lang),
                )),
            }
        }
        other => Err(unknown_line(view, version, other, (at, basis, lang))),
    }
}

/// A version that no single line answers for: why, with the lines around it or the lines
/// it names (`eol explain` says the same).
pub(crate) fn unknown_line(
    view: &ProductView<'_>,
    version: &str,
    r: Resolution,
    (at, basis, _): Day<'_>,
) -> Failure {
    let lines = &view.product.lifecycle.lines;
    let name = |i: usize| lines.get(i).map_or(String::new(), |l| l.line.clone());
    match r {
        Resolution::Empty => Failure::usage(
            format!("an empty version for `{}`", view.policy.id),
            format!(
                "give a version such as `{}`, or none to see the lines",
                lines.last().map_or("1.0", |l| l.line.as_str())
            ),
        ),
        Resolution::Unknown {
            nearest,
            pattern_line: _,
            newer_than_all,
            older_than_all,
        } => {
            let names: Vec<String> = nearest.iter().map(|&i| name(i)).collect();
            let near = if names.is_empty() {
                format!("`eol status {}` lists the lines", view.policy.id)
            } else {
                let listed = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" and ");
                if names.len() == 1 {
                    format!("the nearest line is {listed}")
                } else {
                    format!("the nearest lines are {listed}")
                }
            };
            let message = if newer_than_all {
                query::newer_than_every_line(view, version, &nearest)
            } else if older_than_all {
                format!(
                    "`{version}` is older than every line of `{}` the catalog lists",
                    view.policy.id
                )
            } else {
                format!(
                    "`{version}` belongs to no release line of `{}` in the catalog",
                    view.policy.id
                )
            };
            // what the lines around it say of a version older than every line, or between two
            // that have ended, as `eol audit` judges it
            let near = Unlisted::of(&nearest, newer_than_all, older_than_all)
                .and_then(|how| query::unlisted(view, &nearest, how, version, (at, basis, None)))
                .map_or(near, |answer| {
                    let judged = if answer.ended {
                        "`eol audit` counts it at end of life"
                    } else {
                        "`eol audit` leaves it unknown"
                    };
                    format!("{}; {judged}", answer.reason)
                });
            Failure::new(USAGE, "unknown-version", message)
                .with_help(near)
                .with_candidates(names)
        }
        Resolution::Line { line, .. } => Failure::usage(
            format!("`{version}` is line `{}`", name(line)),
            "use the line's name",
        ),
        Resolution::Ambiguous { lines: found, .. } => {
            let names: Vec<String> = found.iter().map(|&i| name(i)).collect();
            Failure::new(
                USAGE,
                "ambiguous-version",
                format!("`{version}` names several lines: {}", names.join(", ")),
            )
            .with_candidates(names)
        }
    }
}

/// A version that several lines share, every one of them at end of life: said so, then each
/// line's status; the condition holds whichever line it is (exit 1).
fn whichever(view: &ProductView<'_>, version: &str, shared: query::Shared, said: &Said<'_>) -> i32 {
    let Some(answer) = shared.whichever(&view.policy.id, version) else {
        return USAGE;
    };
    let m = said.m;
    if said.json {
        return answer_json("whichever", &answer, said);
    }
    let lines: Vec<&str> = answer.lines.iter().map(|r| r.line.as_str()).collect();
    let head = match answer.eol.date {
        Some(_) => msg!(
            m,
            "status-whichever",
            version = version,
            n = lines.len(),
            product = &view.policy.id,
            date = &cell(answer.eol, m)
        ),
        None => msg!(
            m,
            "status-whichever-undated",
            version = version,
            n = lines.len(),
            product = &view.policy.id
        ),
    };
    let help = msg!(m, "status-whichever-help", lines = &lines.join(", "));
    lines_answer(&head, &help, answer.lines, said)
}

/// What an answer for a version that is not one line's is said with: what the version says
/// of its distribution, the day, the messages, the format and the data's source.
struct Said<'s> {
    distribution: Distribution<'s>,
    at: chrono::NaiveDate,
    m: &'s Messages,
    json: bool,
    data: &'s eol_engine::library::DataSource,
}

/// An answer for a version that is not one line's, as JSON: `key` in place of `status`;
/// the condition holds (exit 1).
fn answer_json(key: &str, answer: &impl serde::Serialize, said: &Said<'_>) -> i32 {
    let (packaged, built_for) = said.distribution.json();
    let doc = serde_json::json!({
        "schema_version": 2,
        "at": said.at.to_string(),
        key: answer,
        "distribution": packaged,
        "built_for": built_for,
        "data": said.data,
    });
    outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    CONDITION
}

/// An answer for a version that is not one line's, as text: what is known, how to say more,
/// then the status of each line it rests on; the condition holds (exit 1).
fn lines_answer(head: &str, help: &str, reports: &[StatusReport], said: &Said<'_>) -> i32 {
    let m = said.m;
    let mut out = format!("{}\n  {}\n", sanitize(head), sanitize(help));
    // the version's distribution, once: the lines' reports are upstream's
    let width = label_width(m);
    for (label, value) in said.distribution.rows(m) {
        push_row(&mut out, width, m, label, &value);
    }
    for r in reports {
        out.push('\n');
        out.push_str(&text(r, said.at, m, said.data, &Distribution::default()));
    }
    out!("{out}");
    CONDITION
}

/// A version in no line that the lines around it place at end of life: said so, then the
/// status of each of those lines; the condition holds (exit 1).
fn unlisted(view: &ProductView<'_>, version: &str, answer: &query::UnlistedAnswer, said: &Said<'_>) -> i32 {
    let Some(ended) = answer.ended(&view.policy.id, version) else {
        return USAGE;
    };
    let m = said.m;
    if said.json {
        return answer_json("unlisted", &ended, said);
    }
    let lines = answer.lines.join(", ");
    let key = match answer.placed {
        Unlisted::Older => "status-unlisted-older",
        Unlisted::Between => "status-unlisted-between",
    };
    let head = msg!(
        m,
        key,
        version = version,
        product = &view.policy.id,
        lines = &lines
    );
    let help = msg!(m, "status-unlisted-help", lines = &lines);
    lines_answer(&head, &help, &answer.reports, said)
}

/// Whether extended support (`ext`) is known to end no later than standard support: then
/// it adds nothing past it (Adobe Commerce's three years end before Magento Open Source's
/// maintenance does), and the status has no `extended:` row to show.
fn ends_by(ext: &Dated, standard: Option<&Dated>) -> bool {
    match (ext.date, standard.and_then(|s| s.date)) {
        (Some(e), Some(s)) => ext.kind != ValueKind::Pending && e <= s,
        _ => false,
    }
}

/// `2026-03-01`, `~2027-11-21` (estimated), `2023-09-11*` (override), `2024-06-30!`
/// (declared), `≤2025-05-09` (at the latest), `pending`.
pub fn cell(d: &Dated, m: &Messages) -> String {
    match (d.date, d.kind) {
        (None, _) | (_, ValueKind::Pending) => m.get("pending"),
        (Some(x), ValueKind::Estimated) => format!("~{x}"),
        (Some(x), ValueKind::Override) => format!("{x}*"),
        (Some(x), ValueKind::Declared) => format!("{x}!"),
        (Some(x), ValueKind::AtTheLatest) => format!("≤{x}"),
        (Some(x), ValueKind::Exact) => x.to_string(),
    }
}

fn days(n: i64, m: &Messages) -> String {
    match n {
        0 => m.get("days-today"),
        1 => m.get("days-tomorrow"),
        n if n < 0 => msg!(m, "days-ago", n = -n),
        n => msg!(m, "days-in", n = n),
    }
}

/// The status as text: one labelled line per fact.
fn text(
    r: &StatusReport,
    at: chrono::NaiveDate,
    m: &Messages,
    source: &eol_engine::library::DataSource,
    distribution: &Distribution<'_>,
) -> String {
    let width = label_width(m);
    let mut out = format!(
        "{}\n",
        sanitize(&msg!(
            m,
            "status-title",
            name = &r.product_name,
            version = &r.version,
            at = &at.to_string()
        ))
    );
    let mut row = |label: &str, value: String| push_row(&mut out, width, m, label, &value);
    if r.matched_by == How::LineAlias {
        row(
            "label-note",
            msg!(
                m,
                "status-note-line-alias",
                version = r.version.trim(),
                line = &r.line
            ),
        );
    } else if let Some(pre) = &r.prerelease {
        row(
            "label-note",
            msg!(
                m,
                "status-note-prerelease",
                version = &r.version,
                mark = &pre.mark,
                release = &pre.release
            ),
        );
    } else if let Some(judged) = &r.judged_as {
        row(
            "label-note",
            msg!(m, "status-note-really", version = &r.version, judged = judged),
        );
    } else if !r.in_catalog && !r.line.eq_ignore_ascii_case(r.version.trim()) {
        row(
            "label-note",
            msg!(m, "status-note-not-in-catalog", version = &r.version),
        );
    }
    let first = r
        .first_ship
        .as_ref()
        .map_or_else(|| m.get("pending"), |d| cell(d, m));
    let line = if r.line_aliases.is_empty() {
        msg!(m, "status-line", line = &r.line, date = &first)
    } else {
        msg!(
            m,
            "status-line-aliases",
            line = &r.line,
            aliases = &other_names(&r.line_aliases, |a| format!("\"{a}\""), m),
            date = &first
        )
    };
    row("label-line", line);
    // "or earlier": the catalog may lack an earlier release that replaced it
    let bound = |s: &eol_engine::query::SupersededView| {
        if s.at_the_latest {
            m.get("status-superseded-bound")
        } else {
            String::new()
        }
    };
    let phase = match (r.state, &r.phase) {
        (Standing::InPhase, Some(p)) => match (p.through, p.end.date) {
            (true, Some(_)) => msg!(
                m,
                "status-phase-through",
                phase = &p.label,
                date = &cell(&p.last_day, m)
            ),
            (false, Some(_)) => msg!(m, "status-phase-until", phase = &p.label, date = &cell(&p.end, m)),
            _ => msg!(m, "status-phase-open", phase = &p.label),
        },
        (Standing::EndOfLife, _) => {
            let date = r.eol.as_ref().map_or_else(|| m.get("none-cell"), |d| cell(d, m));
            if r.extended_eol.is_some() && r.basis == Basis::Standard {
                msg!(m, "status-phase-eol-standard", date = &date)
            } else {
                msg!(m, "status-phase-eol", date = &date)
            }
        }
        (Standing::Unreleased, _) => match &r.prerelease {
            Some(pre) => msg!(m, "status-phase-prerelease-unreleased", release = &pre.release),
            None => m.get("status-phase-unreleased"),
        },
        (Standing::Superseded, _) => match &r.superseded {
            Some(s) if s.prerelease => msg!(
                m,
                "status-phase-prerelease",
                version = &s.by.version,
                date = &s.by.shown,
                bound = &bound(s),
                line = &r.line
            ),
            Some(s) => msg!(
                m,
                "status-phase-superseded",
                version = &s.by.version,
                date = &s.by.shown,
                bound = &bound(s),
                grace = &match &s.grace {
                    Some(g) => msg!(m, "status-superseded-grace", grace = g, date = &cell(&s.since, m)),
                    None => String::new(),
                },
                unit = &s.unit,
                line = &r.line
            ),
            None => m.get("status-phase-between"),
        },
        _ => m.get("status-phase-between"),
    };
    row("label-phase", phase);
    let entitled = if r.state == Standing::Superseded {
        msg!(m, "status-entitled-superseded", line = &r.line)
    } else if r.services.is_empty() {
        m.get("status-entitled-nothing")
    } else {
        r.services
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    row("label-entitled", entitled);
    if let Some(n) = &r.next {
        let what = match (&n.enters_label, n.into) {
            (Some(l), _) => l.clone(),
            (None, "between-phases") => m.get("status-enters-gap"),
            (None, "superseded") => msg!(
                m,
                "status-enters-superseded",
                version = r.superseded.as_ref().map_or("", |s| s.by.version.as_str())
            ),
            _ => m.get("status-enters-eol"),
        };
        let value = match (n.when.date, n.days) {
            (Some(_), Some(d)) => msg!(
                m,
                "status-next-on",
                what = &what,
                date = &cell(&n.when, m),
                days = &days(d, m)
            ),
            _ => msg!(m, "status-next-unknown", what = &what),
        };
        row("label-next", value);
        if let Some(why) = &n.why {
            let (label, text) = why_row(n.when.kind, why, m);
            row(label, text);
        }
    }
    let eol = match (&r.eol, r.basis, &r.extended_eol) {
        (Some(d), Basis::Standard, Some(_)) => msg!(m, "status-eol-standard", date = &eol_day(r, d, m)),
        (Some(d), Basis::Extended, Some(_)) => msg!(m, "status-eol-extended", date = &eol_day(r, d, m)),
        (Some(d), _, _) => msg!(m, "status-eol-only", date = &eol_day(r, d, m)),
        (None, _, _) => m.get("status-eol-unknown"),
    };
    row("label-eol", eol);
    // why the end is unsure, unless the `next:` row said it already
    if let (Some(d), Some(why)) = (&r.eol, &r.eol_why) {
        if r.next.as_ref().and_then(|n| n.why.as_ref()) != Some(why) {
            let (label, text) = why_row(d.kind, why, m);
            row(label, text);
        }
    }
    if r.eol.as_ref().is_some_and(|d| d.kind == ValueKind::AtTheLatest) {
        row("label-note", m.get("status-note-at-the-latest"));
    }
    if let Some(p) = &r.extended_available {
        // the phase's last day for `through`, its end (the first day without) for `until`
        let text = match (p.through, p.end.date) {
            (true, Some(_)) => msg!(
                m,
                "status-extended-available",
                phase = &p.label,
                date = &cell(&p.last_day, m)
            ),
            (false, Some(_)) => msg!(
                m,
                "status-extended-available-until",
                phase = &p.label,
                date = &cell(&p.end, m)
            ),
            _ => msg!(m, "status-extended-available-open", phase = &p.label),
        };
        row("label-extended", text);
    } else if let (Basis::Standard, Some(ext), false, false) = (
        r.basis,
        &r.extended_eol,
        r.state == Standing::EndOfLife,
        r.extended_eol
            .as_ref()
            .is_some_and(|ext| ends_by(ext, r.standard_eol.as_ref())),
    ) {
        let phase = r
            .phases
            .iter()
            .filter(|p| !p.counted)
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let text = if ext.date.is_some() && ext.kind != ValueKind::Pending {
            msg!(m, "status-extended-runs", date = &cell(ext, m), phase = &phase)
        } else {
            msg!(m, "status-extended-runs-open", phase = &phase)
        };
        row("label-extended", text);
    }
    for (label, value) in distribution.rows(m) {
        row(label, value);
    }
    // asked about by the line's name, every release of the line is newer than the name:
    // only the newest says anything
    let by_line = matches!(r.matched_by, How::LineName | How::LineAlias);
    match r.newer.last() {
        Some(newest) => row(
            "label-newer",
            msg!(
                m,
                "status-newer",
                n = if by_line { 1 } else { r.newer.len() },
                version = &newest.version,
                date = &match newest.date {
                    Some(_) => newest.shown.clone(),
                    None => m.get("date-unknown"),
                }
            ),
        ),
        None if r.in_catalog => row("label-newer", m.get("status-newest")),
        None => {}
    }
    let library = load::data_source(m, source);
    let mut data = match (r.freshness.newest_row, r.freshness.age_days) {
        (Some(d), Some(days)) => msg!(
            m,
            "status-data",
            library = &library,
            date = &d.to_string(),
            days = days,
            at = &at.to_string()
        ),
        _ => msg!(m, "status-data-none", library = &library, at = &at.to_string()),
    };
    if let Some(checked) = r.freshness.checked {
        data.push_str(&msg!(m, "status-data-checked", date = &checked.to_string()));
        if r.freshness.late {
            data.push_str(&m.get("status-data-late"));
        }
    }
    row("label-data", data);
    if r.freshness.may_be_stale {
        let value = match (&r.freshness.newer_expected, r.freshness.expected_by) {
            (Some(n), _) => msg!(
                m,
                "status-stale-newer",
                unit = &n.unit,
                value = crate::render::sanitize(&n.value).as_ref(),
                listed = crate::render::sanitize(&n.since.version).as_ref(),
                listed_date = &n.since.shown,
                date = &n.by.to_string()
            ),
            (None, Some(d)) => match &r.freshness.observed_pace {
                Some(p) => msg!(
                    m,
                    "status-stale-observed",
                    lines = p.lines,
                    gap = p.longest_gap_days,
                    line = crate::render::sanitize(&p.newest_line).as_ref(),
                    line_date = &p.newest_first_ship.to_string(),
                    days = p.waited_days,
                    date = &d.to_string()
                ),
                None => msg!(m, "status-stale-expected", date = &d.to_string()),
            },
            (None, None) => match &r.freshness.release_pace {
                Some(p) => msg!(
                    m,
                    "status-stale-final",
                    releases = p.releases,
                    gap = p.longest_gap_days,
                    version = crate::render::sanitize(&p.newest_version).as_ref(),
                    version_date = &p.newest_day.to_string(),
                    days = p.waited_days,
                    date = &p.by.to_string()
                ),
                None => m.get("status-stale"),
            },
        };
        row("label-stale", value);
    }
    out
}

/// The end of life: the first day without support, and for a phase written with
/// `through`, its last day too.
fn eol_day(r: &StatusReport, d: &Dated, m: &Messages) -> String {
    let through = r
        .phases
        .iter()
        .filter(|p| p.counted)
        .find(|p| p.end == *d)
        .is_some_and(|p| p.through);
    if through && d.date.is_some() {
        msg!(
            m,
            "status-last-day",
            what = &cell(d, m),
            date = &cell(&d.last_day(), m)
        )
    } else {
        cell(d, m)
    }
}

/// A line's other names, joined: all of them up to six; beyond, the first two, an ellipsis,
/// the last one and how many there are (CKEditor 5 takes its 39 major versions as names,
/// `"10", "11", … "48" (39 names)`), so a long list does not bury the answer. The whole list
/// is in the JSON.
fn other_names(names: &[String], show: impl Fn(&str) -> String, m: &Messages) -> String {
    const ALL_UP_TO: usize = 6;
    match names {
        [first, second, .., last] if names.len() > ALL_UP_TO => msg!(
            m,
            "line-aliases-many",
            first = &show(first),
            second = &show(second),
            last = &show(last),
            n = names.len()
        ),
        _ => names.iter().map(|n| show(n)).collect::<Vec<_>>().join(", "),
    }
}

/// `eol status PRODUCT`: every line with its first ship, end of life and state.
fn lines(
    view: &ProductView<'_>,
    at: chrono::NaiveDate,
    basis: Basis,
    lang: Option<&str>,
    m: &Messages,
    format: StatusFormat,
    data: &eol_engine::library::DataSource,
) -> i32 {
    let reports: Vec<StatusReport> = (0..view.product.lifecycle.lines.len())
        .filter_map(|i| {
            let name = view.product.lifecycle.lines.get(i)?.line.clone();
            query::status(view, i, &name, How::LineName, at, basis, lang)
        })
        .collect();
    if format == StatusFormat::Json {
        let doc = serde_json::json!({
            "schema_version": 2,
            "at": at.to_string(),
            "product": view.policy.id,
            "lines": reports,
            "data": data,
        });
        outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return OK;
    }
    // A column of the lines' other names (`alias line`), for products that give them.
    let named = reports.iter().any(|r| !r.line_aliases.is_empty());
    let mut t = crate::table::Table::new(
        [m.get("col-line")]
            .into_iter()
            .chain(named.then(|| m.get("col-also")))
            .chain([m.get("col-first-ship"), m.get("col-eol"), m.get("col-state")])
            .collect(),
    );
    // Lines whose answer a catalog that is behind puts in doubt (as `eol audit` marks them).
    let mut stale = 0usize;
    for r in reports.iter().rev() {
        let mut state = match r.state {
            Standing::InPhase => m.get("state-word-in-phase"),
            Standing::EndOfLife => m.get("state-word-eol"),
            Standing::Unreleased => m.get("state-word-unreleased"),
            Standing::BetweenPhases => m.get("state-word-between"),
            Standing::Superseded => m.get("state-word-superseded"),
        };
        let doubt = r.state != Standing::EndOfLife && r.freshness.may_be_stale;
        if doubt {
            stale += 1;
            state = msg!(m, "audit-stale-state", state = &state);
        }
        let tone = match r.state {
            _ if doubt => crate::table::Tone::Warn,
            Standing::InPhase => crate::table::Tone::Good,
            Standing::EndOfLife | Standing::Superseded => crate::table::Tone::Bad,
            _ => crate::table::Tone::Plain,
        };
        let mut row = vec![(r.line.clone(), crate::table::Tone::Plain)];
        if named {
            row.push((
                other_names(&r.line_aliases, str::to_owned, m),
                crate::table::Tone::Plain,
            ));
        }
        row.extend([
            (
                r.first_ship
                    .as_ref()
                    .map_or_else(|| m.get("pending"), |d| cell(d, m)),
                crate::table::Tone::Plain,
            ),
            (
                r.eol
                    .as_ref()
                    .map_or_else(|| m.get("pending"), |d| eol_day(r, d, m)),
                crate::table::Tone::Plain,
            ),
            (state, tone),
        ]);
        t.rows.push(row);
    }
    let note = if stale > 0 {
        format!("{}\n", sanitize(&msg!(m, "lines-stale", n = stale)))
    } else {
        String::new()
    };
    out!(
        "{}\n{}{note}{}\n",
        sanitize(&msg!(
            m,
            "lines-title",
            name = view.policy.name.get(lang),
            id = &view.policy.id,
            at = &at.to_string(),
            n = reports.len()
        )),
        t.text(crate::render::Style::detect()),
        load::data_text(m, data)
    );
    OK
}

/// The status of a distribution's package judged by the release that packages it
/// (`--packages distribution`): what the judgement rests on, then the release's status; the
/// condition holds when the release has ended or been superseded (or, with `--fail-on-stale`,
/// its catalog is behind).
fn judged(
    p: &eol_engine::audit::Packaged,
    (product, version): (&str, &str),
    fail_on_stale: bool,
    said: &Said<'_>,
) -> Result<i32, Failure> {
    let Some(report) = p.release.status.as_deref() else {
        return Err(Failure::broken("the release could not be evaluated"));
    };
    let (at, m, data) = (said.at, said.m, said.data);
    if said.json {
        let doc = serde_json::json!({
            "schema_version": 2,
            "at": at.to_string(),
            "status": report,
            "distribution": eol_engine::audit::output::packaged_json(p),
            "built_for": null,
            "data": data,
        });
        outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        let note = p.note.as_deref().unwrap_or_default();
        let head = msg!(
            m,
            "status-judged",
            version = version,
            product = product,
            note = note
        );
        out!(
            "{}\n\n{}",
            sanitize(&head),
            text(report, at, m, data, &said.distribution)
        );
    }
    let stale = fail_on_stale && report.freshness.may_be_stale;
    Ok(
        if matches!(report.state, Standing::EndOfLife | Standing::Superseded) || stale {
            CONDITION
        } else {
            OK
        },
    )
}

/// What a version says of the distribution that packaged it: the release's support
/// (`packaged by:`), or, for a build whose release the version does not name, how to ask.
#[derive(Default)]
struct Distribution<'d> {
    packaged: Option<&'d eol_engine::audit::Packaged>,
    built_for: Option<&'d eol_engine::identifiers::BuiltFor>,
}

impl Distribution<'_> {
    /// Its rows of a status, label and value.
    fn rows(&self, m: &Messages) -> Vec<(&'static str, String)> {
        let mut rows = Vec::new();
        if let Some(p) = self.packaged {
            // another repository's build is only installed on the release
            let label = match p.built_by {
                Some(_) => "label-installed-on",
                None => "label-packaged",
            };
            rows.push((label, packaged_value(p, m)));
        }
        // a distribution's build whose release the version does not name: how to ask about it
        if let Some(b) = self.built_for {
            let value = match (b.distribution, &b.release) {
                ("sles", Some(release)) => {
                    msg!(m, "status-built-for-suse", mark = &b.mark, release = release)
                }
                ("sles", None) => msg!(m, "status-built-for-suse-unnamed", mark = &b.mark),
                (_, Some(release)) => msg!(m, "status-built-for-el", mark = &b.mark, release = release),
                ("debian", None) => msg!(m, "status-built-for-debian", mark = &b.mark),
                (_, None) => msg!(m, "status-built-for-ubuntu", mark = &b.mark),
            };
            rows.push(("label-packaged", value));
        }
        rows
    }

    /// Its keys of a status's JSON: `distribution` and `built_for`.
    fn json(&self) -> (serde_json::Value, serde_json::Value) {
        (
            serde_json::to_value(self.packaged.map(eol_engine::audit::output::packaged_json))
                .unwrap_or_default(),
            serde_json::to_value(self.built_for).unwrap_or_default(),
        )
    }
}

/// The width of a status's labels, the longest of them and a blank.
fn label_width(m: &Messages) -> usize {
    let labels = [
        "label-packaged",
        "label-installed-on",
        "label-note",
        "label-line",
        "label-phase",
        "label-entitled",
        "label-next",
        "label-eol",
        "label-extended",
        "label-newer",
        "label-data",
        "label-stale",
        "status-why-estimated",
        "status-why-pending",
        "status-why-declared",
        "status-why-override",
    ];
    labels
        .iter()
        .map(|l| m.get(l).chars().count())
        .max()
        .unwrap_or(12)
        + 1
}

/// A status's row: its label, padded to `width`, and its value.
fn push_row(out: &mut String, width: usize, m: &Messages, label: &str, value: &str) {
    let l = m.get(label);
    let pad = width.saturating_sub(l.chars().count());
    out.push_str(&format!("  {l}{}{}\n", " ".repeat(pad), sanitize(value)));
}

/// The `packaged by:` row of a distribution's package URL: the release, how it stands, and
/// (in English) how that differs from the product's own judgement.
fn packaged_value(p: &eol_engine::audit::Packaged, m: &Messages) -> String {
    let r = &p.release;
    let release = match (&r.product_name, &r.line) {
        (Some(name), Some(line)) => format!("{name} {line}"),
        _ => format!("{} {}", p.distro.name, p.distro.release),
    };
    let release = match &p.distro.from {
        eol_engine::identifiers::DistroFrom::Version(mark) => {
            msg!(m, "status-packaged-mark", release = &release, mark = mark)
        }
        _ => release,
    };
    let state = super::audit::state_word(r.state, m);
    let eol = r.status.as_deref().and_then(|s| s.eol.as_ref());
    let mut value = match (r.state, eol) {
        (State::EndOfLife, Some(d)) => {
            msg!(m, "status-packaged-ended", release = &release, date = &cell(d, m))
        }
        (_, Some(d)) => msg!(
            m,
            "status-packaged-eol",
            release = &release,
            state = &state,
            date = &cell(d, m)
        ),
        (_, None) => msg!(m, "status-packaged", release = &release, state = &state),
    };
    let then = match r.state.is_unknown() {
        true => r.reason.as_deref(),
        false => p.consequence.as_deref(),
    };
    if let Some(then) = then.filter(|_| m.is_english()) {
        value.push_str(&format!("; {then}"));
    }
    value
}

/// The row that says why a date is not one the policy derives for sure: `estimated:` or
/// `pending:`, and for a date the rule file gives, `announced:` (a `declare`) or `override:`,
/// with its reason. The derivation's words are the engine's (English); other languages get a
/// general sentence and `eol explain` for the steps.
fn why_row(kind: ValueKind, why: &str, m: &Messages) -> (&'static str, String) {
    let (label, general) = match kind {
        ValueKind::Estimated => ("status-why-estimated", "why-estimated-general"),
        ValueKind::Declared => ("status-why-declared", "why-declared-general"),
        ValueKind::Override => ("status-why-override", "why-override-general"),
        _ => ("status-why-pending", "why-pending-general"),
    };
    let text = if m.is_english() {
        why.to_owned()
    } else {
        m.get(general)
    };
    (label, text)
}
