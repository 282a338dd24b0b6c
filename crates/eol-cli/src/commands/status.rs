//! `eol status PRODUCT VERSION`: where a version stands, and what it is entitled to.

use eol_engine::eval::{State, ValueKind};
use eol_engine::kb::{find_line, newer_in_line, release};
use serde_json::json;

use crate::args::{StatusArgs, StatusFormat};
use crate::commands::eval::cell;
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::load::evaluate_traced;

pub fn run(args: &StatusArgs) -> i32 {
    let done = match evaluate_traced(&args.kb, &args.product) {
        Ok(done) => done,
        Err(code) => return code,
    };
    let (product, policy) = match done.single(&args.product) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let (kb, at) = (&done.kb, done.at);
    let Some(li) = find_line(policy, product, &kb.catalogs, &args.version) else {
        eprintln!(
            "error: `{}` belongs to no release line of `{}` in the catalog",
            args.version, policy.id
        );
        return FAILURE;
    };
    let Some(line) = product.lifecycle.lines.get(li) else {
        return FAILURE;
    };
    let lang = args.kb.lang.as_deref();
    let in_catalog = line.releases.iter().any(|&ri| {
        release(product, &kb.catalogs, ri)
            .is_some_and(|r| r.version.eq_ignore_ascii_case(args.version.trim()))
    });
    let current = line.status.phase.and_then(|i| line.phases.get(i));
    let services: Vec<(String, String)> = current
        .map(|p| {
            p.services
                .iter()
                .filter_map(|s| policy.services.get(*s))
                .map(|s| (s.id.clone(), s.labels.get(lang).to_owned()))
                .collect()
        })
        .unwrap_or_default();
    // The next transition: the end of the current phase, or the next start.
    let next = match line.status.state {
        State::InPhase => {
            let idx = line.status.phase.unwrap_or(0);
            // The next phase a day belongs to: an empty phase (one that ends where it
            // starts, there only to carry a role for some lines) is never entered.
            let after = line
                .phases
                .iter()
                .skip(idx + 1)
                .find(|p| !matches!((p.start.date, p.end.date), (Some(s), Some(e)) if e <= s))
                .and_then(|p| policy.phases.get(p.phase))
                .map(|d| d.labels.get(lang).to_owned());
            current.map(|p| (p.end.clone(), after.unwrap_or_else(|| "end of life".to_owned())))
        }
        State::Unreleased | State::BetweenPhases => line
            .phases
            .iter()
            .find(|p| p.start.date.is_none_or(|s| s > at))
            .and_then(|p| {
                policy
                    .phases
                    .get(p.phase)
                    .map(|d| (p.start.clone(), d.labels.get(lang).to_owned()))
            }),
        State::EndOfLife => None,
    };
    // Why the next date is estimated or pending, in the words `eol explain` uses.
    let why = next.as_ref().and_then(|(v, _)| {
        let cause = v.trace.as_deref()?.cause(v.kind)?;
        matches!(v.kind, ValueKind::Estimated | ValueKind::Pending).then(|| cause.what.clone())
    });
    let newer = newer_in_line(policy, product, &kb.catalogs, li, &args.version, at);
    let newest = newer.last();
    let phase_name = current
        .and_then(|p| policy.phases.get(p.phase))
        .map(|d| d.labels.get(lang).to_owned());
    if args.format == StatusFormat::Json {
        let doc = json!({
            "schema_version": 1,
            "at": at.to_string(),
            "product": policy.id,
            "version": args.version,
            "in_catalog": in_catalog,
            "line": line.line,
            "state": line.status.state.as_str(),
            "phase": current.and_then(|p| policy.phases.get(p.phase)).map(|d| d.id.clone()),
            "until": line.status.until.as_ref().map(eol_engine::report::date_json),
            "services": services.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            "next": next.as_ref().map(|(v, what)| json!({"date": v.date.map(|d| d.to_string()), "kind": v.kind.as_str(), "enters": what, "days": v.date.map(|d| (d - at).num_days()), "why": why})),
            "newer_release": newest.map(|r| json!({"version": r.version, "date": r.date.to_string()})),
            "eol": line.eol.as_ref().map(eol_engine::report::date_json),
        });
        outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        let mut out = format!("{} {} at {at}\n", policy.name.get(lang), args.version);
        if !in_catalog && !line.line.eq_ignore_ascii_case(args.version.trim()) {
            out.push_str(&format!(
                "  note:        version {} is not in the catalog; judged by its line\n",
                args.version
            ));
        }
        out.push_str(&format!(
            "  line:        {} (first ship {})\n",
            line.line,
            line.first_ship.as_ref().map_or("pending".to_owned(), cell)
        ));
        match line.status.state {
            State::InPhase => out.push_str(&format!(
                "  phase:       {}{}\n",
                phase_name.unwrap_or_default(),
                match (line.status.until.as_ref(), current.is_some_and(|p| p.through)) {
                    (Some(v), true) if v.date.is_some() => {
                        let last = eol_engine::eval::DateValue {
                            date: v.date.and_then(|d| d.pred_opt()),
                            kind: v.kind,
                            trace: None,
                        };
                        format!(" through {} (its last day)", cell(&last))
                    }
                    (Some(v), false) if v.date.is_some() => format!(" until {}", cell(v)),
                    _ => ", end date not known yet".to_owned(),
                }
            )),
            State::EndOfLife => out.push_str(&format!(
                "  phase:       none: end of life since {}\n",
                line.eol.as_ref().map_or("-".to_owned(), cell)
            )),
            State::Unreleased => out.push_str("  phase:       none: not released yet\n"),
            State::BetweenPhases => out.push_str("  phase:       none: between phases\n"),
        }
        if services.is_empty() {
            out.push_str("  entitled to: nothing\n");
        } else {
            out.push_str(&format!(
                "  entitled to: {}\n",
                services
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some((v, what)) = &next {
            match v.date {
                Some(d) => {
                    let days = match (d - at).num_days() {
                        1 => "tomorrow".to_owned(),
                        n => format!("in {n} days"),
                    };
                    out.push_str(&format!("  next:        {what} on {} ({days})\n", cell(v)));
                }
                None => out.push_str(&format!("  next:        {what}, on a date not known yet\n")),
            }
            if let Some(why) = &why {
                out.push_str(&format!("  {:<13}{why}\n", format!("{}:", v.kind.as_str())));
            }
        }
        match newest {
            Some(r) => out.push_str(&format!(
                "  newer:       {} ({}), the line's newest; {} release{} in this line newer than {}\n",
                r.version,
                r.date,
                newer.len(),
                if newer.len() == 1 { "" } else { "s" },
                args.version
            )),
            None if in_catalog => out.push_str("  newer:       none; this is the line's newest release\n"),
            None => {}
        }
        out!("{out}");
    }
    if line.status.state == State::EndOfLife {
        PROBLEMS
    } else {
        OK
    }
}
