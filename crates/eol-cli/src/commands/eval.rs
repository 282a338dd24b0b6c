//! `eol eval`: the lifecycle table of every release line.

use chrono::NaiveDate;
use eol_engine::eval::{DateValue, LineLifecycle, Options, State, ValueKind};
use eol_engine::model::Policy;
use eol_engine::report;

use crate::args::{EvalArgs, OutputFormat};
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::load::{evaluate, Strictness};
use crate::render::Style;
use crate::table::{Table, Tone};

pub fn run(args: &EvalArgs) -> i32 {
    let done = match evaluate(
        &args.paths,
        args.at,
        Options::default(),
        args.product.as_deref(),
        Strictness::Report,
    ) {
        Ok(done) => done,
        Err(code) => return code,
    };
    let (kb, products, at) = (&done.kb, &done.products, done.at);
    if let Some(p) = &args.product {
        if products.is_empty() && !kb.has_errors() {
            eprintln!("error: no policy `{p}` in the rule files");
            return FAILURE;
        }
    }
    let lang = args.lang.as_deref();
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
            );
            out = serde_json::to_string_pretty(&doc).unwrap_or_default();
            out.push('\n');
        }
        OutputFormat::Csv => {
            out.push_str("product,line,first_ship,first_ship_kind,latest,latest_date,state,phase,item,type,role,start,start_kind,end,end_kind\n");
            for p in products {
                let Some(pol) = p.policy(&kb.rules) else { continue };
                for l in &p.lifecycle.lines {
                    csv_rows(pol, l, &mut out);
                }
            }
        }
        OutputFormat::Table | OutputFormat::Markdown => {
            for (i, p) in products.iter().enumerate() {
                let Some(pol) = p.policy(&kb.rules) else { continue };
                if i > 0 {
                    out.push('\n');
                }
                let t = table(pol, &p.lifecycle.lines, at, lang);
                let title = match &pol.vendor {
                    Some(v) => format!("{} ({}), {v}, at {at}", pol.name.get(lang), pol.id),
                    None => format!("{} ({}), at {at}", pol.name.get(lang), pol.id),
                };
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
                out.push_str(if declared {
                    "\n~ estimated   * override   ! declared   pending: not known yet\n"
                } else {
                    "\n~ estimated   * override   pending: not known yet\n"
                });
            }
        }
    }
    out!("{out}");
    if kb.has_errors() {
        PROBLEMS
    } else {
        OK
    }
}

/// `2026-03-01`, `~2027-11-21` (estimated), `2023-09-11*` (override), `2024-06-30!`
/// (declared), `pending`.
pub fn cell(v: &DateValue) -> String {
    match (v.date, v.kind) {
        (None, _) | (_, ValueKind::Pending) => "pending".to_owned(),
        (Some(d), ValueKind::Estimated) => format!("~{d}"),
        (Some(d), ValueKind::Override) => format!("{d}*"),
        (Some(d), ValueKind::Declared) => format!("{d}!"),
        (Some(d), ValueKind::Exact) => d.to_string(),
    }
}

fn opt_cell(v: Option<&DateValue>) -> String {
    v.map_or_else(|| "-".to_owned(), cell)
}

/// The status of a line at `at`, in words, with a tone for colour.
pub fn status_cell(pol: &Policy, l: &LineLifecycle, at: NaiveDate, lang: Option<&str>) -> (String, Tone) {
    match l.status.state {
        State::Unreleased => ("unreleased".to_owned(), Tone::Plain),
        State::EndOfLife => (
            format!("end of life since {}", opt_cell(l.eol.as_ref())),
            Tone::Bad,
        ),
        State::BetweenPhases => (
            format!("no phase until {}", opt_cell(l.status.until.as_ref())),
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
                    Some(v) if v.date.is_some() => format!("{name} until {}", cell(v)),
                    _ => format!("{name}, end not known yet"),
                },
                if soon { Tone::Warn } else { Tone::Good },
            )
        }
    }
}

fn table(pol: &Policy, lines: &[LineLifecycle], at: NaiveDate, lang: Option<&str>) -> Table {
    let mut header = vec!["line".to_owned(), "first ship".to_owned(), "latest".to_owned()];
    header.extend(pol.phases.iter().map(|p| format!("{} ends", p.labels.get(lang))));
    header.extend(pol.milestones.iter().map(|m| m.labels.get(lang).to_owned()));
    header.push("status".to_owned());
    let mut t = Table::new(header);
    for l in lines {
        let mut row = vec![
            (l.line.clone(), Tone::Plain),
            (opt_cell(l.first_ship.as_ref()), Tone::Plain),
        ];
        let latest = l
            .latest
            .as_ref()
            .map_or("-".to_owned(), |r| format!("{} ({})", r.version, r.date));
        row.push((latest, Tone::Plain));
        for pi in 0..pol.phases.len() {
            row.push((l.phase(pi).map_or("-".to_owned(), |p| cell(&p.end)), Tone::Plain));
        }
        for mi in 0..pol.milestones.len() {
            let m = l.milestones.iter().find(|m| m.milestone == mi);
            row.push((m.map_or("-".to_owned(), |m| cell(&m.date)), Tone::Plain));
        }
        row.push(status_cell(pol, l, at, lang));
        t.rows.push(row);
    }
    t
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv_rows(pol: &Policy, l: &LineLifecycle, out: &mut String) {
    let date = |v: &DateValue| (v.date.map(|d| d.to_string()).unwrap_or_default(), v.kind.as_str());
    let (fs, fk) = l.first_ship.as_ref().map_or((String::new(), "pending"), date);
    let (lv, ld) = l.latest.as_ref().map_or((String::new(), String::new()), |r| {
        (r.version.clone(), r.date.to_string())
    });
    let phase = l
        .status
        .phase
        .and_then(|i| l.phases.get(i))
        .and_then(|p| pol.phases.get(p.phase))
        .map_or("", |d| d.id.as_str());
    let prefix = [
        pol.id.as_str(),
        &l.line,
        &fs,
        fk,
        &lv,
        &ld,
        l.status.state.as_str(),
        phase,
    ]
    .map(csv_field)
    .join(",");
    for p in &l.phases {
        let Some(decl) = pol.phases.get(p.phase) else {
            continue;
        };
        let (s, sk) = date(&p.start);
        let (e, ek) = date(&p.end);
        // `active+security` for a phase with two roles
        let role = decl.roles().map(|r| r.as_str()).collect::<Vec<_>>().join("+");
        out.push_str(&format!(
            "{prefix},{},phase,{role},{s},{sk},{e},{ek}\n",
            csv_field(&decl.id)
        ));
    }
    for m in &l.milestones {
        let Some(decl) = pol.milestones.get(m.milestone) else {
            continue;
        };
        let (d, k) = date(&m.date);
        out.push_str(&format!(
            "{prefix},{},milestone,,{d},{k},,\n",
            csv_field(&decl.id)
        ));
    }
}
