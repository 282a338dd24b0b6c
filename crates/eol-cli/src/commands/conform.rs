//! `eol conform`: computed phase ends against endoflife.date's published ones.

use std::collections::HashMap;

use eol_engine::conform::{
    compare, parse_formula_check, parse_reasons, ratio, reason_for, Conformance, Formula, Versus,
};
use eol_engine::endoflife::{self, column};
use eol_engine::eval::Options;
use serde_json::json;

use crate::args::{ConformArgs, ConformFormat};
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::load::{evaluate, Strictness};
use crate::render::{self, Style};
use crate::table::{Table, Tone};

pub fn run(args: &ConformArgs) -> i32 {
    let done = match evaluate(
        &args.paths,
        args.at,
        Options::default(),
        args.product.as_deref(),
        Strictness::StopOnErrors,
    ) {
        Ok(done) => done,
        Err(code) => return code,
    };
    let (kb, products, at) = (&done.kb, &done.products, done.at);
    let formulas = read_formulas(&args.published);
    let mut results: Vec<(Conformance, Option<Formula>)> = Vec::new();
    for p in products {
        let Some(policy) = p.policy(&kb.rules) else {
            continue;
        };
        let path = args.published.join(format!("{}.csv", policy.id));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (cycles, diags) = endoflife::parse(&text);
        for d in &diags {
            eprintln!(
                "{}",
                render::human(d, &path.display().to_string(), &text, Style::detect_stderr())
            );
        }
        results.push((
            compare(policy, &p.lifecycle, &cycles),
            formulas.get(&policy.id).cloned(),
        ));
    }
    if results.is_empty() {
        eprintln!(
            "error: no policy has a published file in {}",
            args.published.display()
        );
        return FAILURE;
    }
    let (reasons, problems) = match std::fs::read_to_string(args.published.join("REASONS.csv")) {
        Ok(text) => parse_reasons(&text),
        Err(_) => (Vec::new(), Vec::new()),
    };
    for p in &problems {
        eprintln!("warning: {}: {p}", args.published.join("REASONS.csv").display());
    }
    let compared: usize = results.iter().map(|(c, _)| c.compared).sum();
    let exact: usize = results.iter().map(|(c, _)| c.exact).sum();
    let by_rule: usize = results.iter().map(|(c, _)| c.by_rule()).sum();
    let mismatches: usize = results.iter().map(|(c, _)| c.mismatches.len()).sum();
    let unexplained: usize = results
        .iter()
        .map(|(c, _)| {
            c.mismatches
                .iter()
                .filter(|m| reason_for(&reasons, &c.product, m).is_none())
                .count()
        })
        .sum();
    let mut rule_rates: Vec<f64> = results.iter().map(|(c, _)| c.rule_rate()).collect();
    rule_rates.sort_by(f64::total_cmp);
    let median = median(&rule_rates);
    let beats = results
        .iter()
        .filter(|(c, f)| f.as_ref().is_some_and(|f| c.against(f) == Versus::Beats))
        .count();
    let with_formula = results.iter().filter(|(_, f)| f.is_some()).count();
    match args.format {
        ConformFormat::Json => {
            let products: Vec<serde_json::Value> = results
                .iter()
                .map(|(c, f)| {
                    json!({
                        "product": c.product, "compared": c.compared, "exact": c.exact, "by_rule": c.by_rule(),
                        "by_override": c.by_override, "one_day": c.one_day,
                        "formula": f.as_ref().map(|f| json!({"exact": f.exact(), "total": f.total(), "versus": c.against(f).as_str()})),
                        "missing_lines": c.missing_lines,
                        "mismatches": c.mismatches.iter().map(|m| json!({
                            "line": m.line, "column": column(m.role), "published": m.published.to_string(),
                            "computed": m.computed.map(|d| d.to_string()), "kind": m.kind.map(|k| k.as_str()),
                            "reason": reason_for(&reasons, &c.product, m),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let doc = json!({
                "schema_version": 1, "at": at.to_string(), "compared": compared, "exact": exact, "by_rule": by_rule,
                "median_rule_rate": median, "mismatches": mismatches, "unexplained": unexplained, "products": products,
            });
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        format => {
            let md = format == ConformFormat::Markdown;
            let mut t = Table::new(
                [
                    "product",
                    "compared",
                    "exact",
                    "by rule",
                    "rate by rule",
                    "rate with overrides",
                    "within 1 day",
                    "mismatches",
                    "overrides",
                    "formula",
                    "vs formula",
                ]
                .map(String::from)
                .to_vec(),
            );
            for (c, f) in &results {
                let formula = f.as_ref().map_or("-".to_owned(), |f| {
                    format!("{}/{} ({})", f.exact(), f.total(), pct(f.rate()))
                });
                let versus = f.as_ref().map(|f| c.against(f));
                let tone = match versus {
                    Some(Versus::Ties | Versus::Behind) => Tone::Bad,
                    _ => Tone::Plain,
                };
                t.rows.push(vec![
                    (c.product.clone(), Tone::Plain),
                    (c.compared.to_string(), Tone::Plain),
                    (c.exact.to_string(), Tone::Plain),
                    (c.by_rule().to_string(), Tone::Plain),
                    (pct(c.rule_rate()), tone),
                    (pct(c.rate()), Tone::Plain),
                    ((c.exact + c.one_day).to_string(), Tone::Plain),
                    (c.mismatches.len().to_string(), Tone::Plain),
                    (c.by_override.to_string(), Tone::Plain),
                    (formula, Tone::Plain),
                    (versus.map_or("-", Versus::as_str).to_owned(), tone),
                ]);
            }
            if md {
                out!("{}", MARKDOWN_HEADER.replace("{at}", &at.to_string()));
                out!("{}", t.markdown());
            } else {
                out!("{}", t.text(Style::detect()));
            }
            let mut total = format!(
                "total: {compared} dates compared, {exact} exact ({}), {by_rule} by rule alone ({}); median product by rule alone: {}",
                pct(ratio(exact, compared)),
                pct(ratio(by_rule, compared)),
                pct(median)
            );
            if with_formula > 0 {
                total.push_str(&format!(
                    "; {beats} of {with_formula} products with a mechanical formula beat it by rule alone"
                ));
            }
            if md {
                outln!("\n**{total}**");
            } else {
                outln!("\n{total}");
            }
            if md {
                outln!("\n## Mismatches\n\nEvery published date the rules do not reproduce, with the reason recorded in `rules/endoflife/REASONS.csv`.\n");
            } else if mismatches > 0 {
                outln!("\nmismatches\n");
            }
            for (c, _) in &results {
                for m in &c.mismatches {
                    let computed = m.computed.map_or("no date".to_owned(), |d| d.to_string());
                    let kind = m.kind.map_or(String::new(), |k| format!(" ({})", k.as_str()));
                    let reason = reason_for(&reasons, &c.product, m).unwrap_or("NO REASON RECORDED");
                    outln!(
                        "{}{} {} {}: published {}, computed {computed}{kind}: {reason}",
                        if md { "- " } else { "  " },
                        c.product,
                        m.line,
                        column(m.role),
                        m.published
                    );
                }
                if !c.missing_lines.is_empty() {
                    outln!(
                        "{}{}: published cycles missing from the catalog: {}",
                        if md { "- " } else { "  " },
                        c.product,
                        c.missing_lines.join(", ")
                    );
                }
            }
        }
    }
    if unexplained > 0 {
        eprintln!("warning: {unexplained} of {mismatches} mismatches have no reason in REASONS.csv");
    }
    match args.min_rule_rate {
        Some(min) if 100.0 * ratio(by_rule, compared) < min => {
            eprintln!(
                "error: exact-match rate by rule alone {} is below {min:.1}%",
                pct(ratio(by_rule, compared))
            );
            PROBLEMS
        }
        _ => OK,
    }
}

/// The top of docs/conformance.md, which `--format markdown` writes whole.
const MARKDOWN_HEADER: &str = "# Conformance of the rule library

Generated by `eol conform --at {at} --format markdown > docs/conformance.md`; do not edit by hand.
A test fails when this file is out of date or when the figures drop.

Each rule file's phases declare a `role` (active, security, extended), which maps to the published
endoflife.date columns `eoas`, `eol` and `eoes` (copied into `rules/endoflife/`). For every line and
role, the end of the line's last phase with that role is compared with the published date (a phase
written with `through` is compared by its last day; a phase with two roles counts for both
columns). Only published dates are compared; `true`, `false` and empty cells are not.

- **compared**: published dates compared; **exact**: reproduced to the day; **by rule**: exact
  without any override or declared date (an override, a date the vendor announced and the rule
  file `declare`s, or a date computed from one, does not count);
- **within 1 day**: exact or off by one day; **overrides**: exact matches that needed an override
  or a declared date;
- **formula**: the mechanical check of endoflife.date's own formula for the product
  (`simple_rule_check` in `FORMULAS.csv`), where there is one;
- **vs formula**: whether the rules' rate by rule alone `beats`, `ties` or is `behind` the
  formula's rate, counted only on the columns the formula covers (a phase whose column the
  formula says nothing about cannot win the comparison).

";

fn pct(r: f64) -> String {
    format!("{:.1}%", 100.0 * r)
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let mid = n / 2;
    if n % 2 == 1 {
        sorted.get(mid).copied().unwrap_or(0.0)
    } else {
        (sorted.get(mid - 1).copied().unwrap_or(0.0) + sorted.get(mid).copied().unwrap_or(0.0)) / 2.0
    }
}

/// FORMULAS.csv's `simple_rule_check` per product, when the file is there.
fn read_formulas(dir: &std::path::Path) -> HashMap<String, Formula> {
    let mut out = HashMap::new();
    let Ok(text) = std::fs::read_to_string(dir.join("FORMULAS.csv")) else {
        return out;
    };
    let mut reader = csv_reader(&text);
    for rec in reader.records().flatten() {
        if let (Some(product), Some(check)) = (rec.get(0), rec.get(4)) {
            if let Some(v) = parse_formula_check(check) {
                out.insert(product.to_owned(), v);
            }
        }
    }
    out
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes())
}
