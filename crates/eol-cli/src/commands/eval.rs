//! `eol eval`: the lifecycle table of every release line.

use chrono::NaiveDate;
use eol_engine::eval::{DateValue, LineLifecycle, Options, State, ValueKind};
use eol_engine::model::Policy;
use eol_engine::report;

use crate::args::{EvalArgs, OutputFormat};
use crate::exit::{Failure, BROKEN, OK};
use crate::files;
use crate::i18n::{msg, Messages};
use crate::load;
use crate::render::Style;
use crate::table::{Table, Tone};

pub fn run(args: &EvalArgs) -> i32 {
    match eval(args) {
        Ok(code) => code,
        Err(f) => f.report(args.format == OutputFormat::Json),
    }
}

fn eval(args: &EvalArgs) -> Result<i32, Failure> {
    let at = load::at_or_today(args.at);
    let lang = args.lang.as_deref();
    let (m, missing) = Messages::new(lang);
    if missing {
        errln!(
            "note: no messages in `{}`; the words around the rules' labels stay English",
            lang.unwrap_or("")
        );
    }
    let mut lib = load::library(&args.paths, &args.sources, crate::load::Implicit::Author)?;
    let only = match &args.product {
        Some(p) => Some(load::find_product(&lib, p)?.0),
        None => None,
    };
    let evaluated = lib.evaluate(at, Options::default(), only.as_deref());
    load::report(&lib);
    let broken_files = lib.rules.iter().filter(|f| f.has_errors()).count()
        + lib.catalogs.iter().filter(|c| c.has_errors()).count();
    let (kb, products) = (&lib, &evaluated);
    let style = Style::detect();
    let mut out = String::new();
    match args.format {
        OutputFormat::Json => {
            let doc = report::Document::new(
                at,
                products
                    .iter()
                    .filter_map(|p| {
                        p.policy(&kb.rules)
                            .map(|pol| report::product_json(pol, &p.lifecycle.lines, lang))
                    })
                    .collect(),
            )
            .with_data(&kb.data)
            .with_diagnostics(
                kb.files()
                    .into_iter()
                    .flat_map(|(name, text, ds)| {
                        let source = crate::render::Source::new(name, text);
                        ds.iter().map(|d| source.json(d)).collect::<Vec<_>>()
                    })
                    .collect(),
            );
            // Written as it is serialized: the document is never whole in memory.
            files::emit_with(|w| {
                serde_json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::from)?;
                w.write_all(b"\n")
            });
        }
        OutputFormat::Csv => {
            errln!("{}", load::data_text(&m, &kb.data));
            // Written a line's rows at a time: the table is never whole in memory.
            files::emit_with(|w| {
                w.write_all(report::CSV_HEADER.as_bytes())?;
                let mut rows = String::new();
                for p in products {
                    let Some(pol) = p.policy(&kb.rules) else { continue };
                    for l in &p.lifecycle.lines {
                        rows.clear();
                        report::csv_rows(pol, l, &mut rows);
                        w.write_all(rows.as_bytes())?;
                    }
                }
                Ok(())
            });
        }
        OutputFormat::Table | OutputFormat::Markdown => {
            for (i, p) in products.iter().enumerate() {
                let Some(pol) = p.policy(&kb.rules) else { continue };
                if i > 0 {
                    out.push('\n');
                }
                let t = table(pol, &p.lifecycle.lines, at, lang, &m);
                let title = match &pol.vendor {
                    Some(v) => msg!(
                        m,
                        "eval-title",
                        name = pol.name.get(lang),
                        id = &pol.id,
                        vendor = v,
                        at = &at.to_string()
                    ),
                    None => msg!(
                        m,
                        "eval-title-no-vendor",
                        name = pol.name.get(lang),
                        id = &pol.id,
                        at = &at.to_string()
                    ),
                };
                let title = crate::render::sanitize(&title).into_owned();
                if args.format == OutputFormat::Markdown {
                    out.push_str(&format!("### {title}\n\n{}", t.markdown()));
                } else {
                    out.push_str(&format!("{title}\n{}", t.text(style)));
                }
            }
            if !products.is_empty() {
                // `!` only where a table shows a declared date.
                let declared = products
                    .iter()
                    .any(|p| p.lifecycle.lines.iter().any(|l| !l.declared.is_empty()));
                let legend = if declared {
                    m.get("legend-declared")
                } else {
                    m.get("legend")
                };
                out.push_str(&format!("\n{legend}\n"));
                // `≤` only where a table shows a date that is an upper bound.
                let bound = |v: &DateValue| v.kind == ValueKind::AtTheLatest;
                if products.iter().any(|p| {
                    p.lifecycle.lines.iter().any(|l| {
                        l.phases.iter().any(|ph| bound(&ph.end) || bound(&ph.start))
                            || l.milestones.iter().any(|ms| bound(&ms.date))
                    })
                }) {
                    out.push_str(&format!("{}\n", m.get("legend-at-the-latest")));
                }
            }
            out.push_str(&format!("{}\n", load::data_text(&m, &kb.data)));
        }
    }
    if !out.is_empty() {
        files::emit(&out);
    }
    let none = products.is_empty();
    // The process ends here: its memory goes back to the system at exit at no cost, while
    // freeing the knowledge base piece by piece took a tenth of the run on a large catalog
    // (issue 16). Output is written above; nothing here has work to do when dropped.
    std::mem::forget(evaluated);
    std::mem::forget(lib);
    std::mem::forget(out);
    if broken_files > 0 {
        errln!("{}", msg!(m, "incomplete", files = broken_files));
        return Ok(BROKEN);
    }
    if let (Some(p), true) = (&args.product, none) {
        return Err(Failure::new(
            crate::exit::USAGE,
            "unknown-product",
            format!("no lines of `{p}` could be evaluated"),
        ));
    }
    Ok(OK)
}

/// `2026-03-01`, `~2027-11-21` (estimated), `2023-09-11*` (override), `2024-06-30!`
/// (declared), `≤2025-05-09` (at the latest), `pending`.
pub fn cell(v: &DateValue, m: &Messages) -> String {
    match (v.date, v.kind) {
        (None, _) | (_, ValueKind::Pending) => m.get("pending"),
        (Some(d), ValueKind::Estimated) => format!("~{d}"),
        (Some(d), ValueKind::Override) => format!("{d}*"),
        (Some(d), ValueKind::Declared) => format!("{d}!"),
        (Some(d), ValueKind::AtTheLatest) => format!("≤{d}"),
        (Some(d), ValueKind::Exact) => d.to_string(),
    }
}

fn opt_cell(v: Option<&DateValue>, m: &Messages) -> String {
    v.map_or_else(|| m.get("none-cell"), |v| cell(v, m))
}

/// The status of a line at `at`, in words, with a tone for colour.
pub fn status_cell(
    pol: &Policy,
    l: &LineLifecycle,
    at: NaiveDate,
    lang: Option<&str>,
    m: &Messages,
) -> (String, Tone) {
    match l.status.state {
        State::Unreleased => (m.get("state-unreleased"), Tone::Plain),
        State::EndOfLife => (
            msg!(m, "state-eol-since", date = &opt_cell(l.eol.as_ref(), m)),
            Tone::Bad,
        ),
        State::BetweenPhases => (
            msg!(
                m,
                "state-no-phase-until",
                date = &opt_cell(l.status.until.as_ref(), m)
            ),
            Tone::Warn,
        ),
        State::InPhase => {
            let name = l
                .status
                .phase
                .and_then(|i| l.phases.get(i))
                .and_then(|p| pol.phases.get(p.phase))
                .map_or("", |d| d.labels.get(lang));
            let until = l.status.until.as_ref();
            let soon = l
                .eol
                .as_ref()
                .and_then(|e| e.date)
                .is_some_and(|e| (e - at).num_days() <= 183);
            (
                match until {
                    Some(v) if v.date.is_some() => {
                        msg!(m, "state-in-phase-until", phase = name, date = &cell(v, m))
                    }
                    _ => msg!(m, "state-in-phase-open", phase = name),
                },
                if soon { Tone::Warn } else { Tone::Good },
            )
        }
    }
}

fn table(pol: &Policy, lines: &[LineLifecycle], at: NaiveDate, lang: Option<&str>, m: &Messages) -> Table {
    let mut header = vec![m.get("col-line"), m.get("col-first-ship"), m.get("col-latest")];
    header.extend(
        pol.phases
            .iter()
            .map(|p| msg!(m, "col-phase-ends", phase = p.labels.get(lang))),
    );
    header.extend(pol.milestones.iter().map(|ms| ms.labels.get(lang).to_owned()));
    header.push(m.get("col-status"));
    let mut t = Table::new(
        header
            .iter()
            .map(|h| crate::render::sanitize(h).into_owned())
            .collect(),
    );
    for l in lines {
        let mut row = vec![
            (l.line.clone(), Tone::Plain),
            (opt_cell(l.first_ship.as_ref(), m), Tone::Plain),
        ];
        let latest = l.latest.as_ref().map_or_else(
            || m.get("none-cell"),
            |r| {
                let date = match r.date {
                    eol_engine::catalog::ReleaseDate::Unknown => m.get("date-unknown"),
                    d => d.to_string(),
                };
                msg!(m, "latest-cell", version = &r.version, date = &date)
            },
        );
        row.push((latest, Tone::Plain));
        for pi in 0..pol.phases.len() {
            row.push((
                l.phase(pi)
                    .map_or_else(|| m.get("none-cell"), |p| cell(&p.end, m)),
                Tone::Plain,
            ));
        }
        for mi in 0..pol.milestones.len() {
            let ms = l.milestones.iter().find(|x| x.milestone == mi);
            row.push((
                ms.map_or_else(|| m.get("none-cell"), |x| cell(&x.date, m)),
                Tone::Plain,
            ));
        }
        let (s, tone) = status_cell(pol, l, at, lang, m);
        row.push((crate::render::sanitize(&s).into_owned(), tone));
        row = row
            .into_iter()
            .map(|(c, t)| (crate::render::sanitize(&c).into_owned(), t))
            .collect();
        t.rows.push(row);
    }
    t
}
