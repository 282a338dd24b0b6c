//! `eol conform`: computed phase ends against endoflife.date's published ones.

use std::collections::HashMap;

use eol_engine::conform::{
    compare, document, parse_formulas, parse_reasons, ratio, reason_for, Conformance, Formula, Summary,
    Versus,
};
use eol_engine::endoflife::{self, column};
use eol_engine::eval::Options;

use crate::args::{ConformArgs, ConformFormat};
use crate::exit::{Failure, CONDITION, OK};
use crate::files;
use crate::render::{Source, Style};
use crate::table::{Table, Tone};

pub fn run(args: &ConformArgs) -> i32 {
    match conform(args) {
        Ok(code) => code,
        Err(f) => f.report(args.format == ConformFormat::Json),
    }
}

/// A published-dates file: from `--published DIR`, `./rules/endoflife` when rule paths
/// are given or the current directory has `rules/`, else the bundled library's. `None`
/// when there is none; a file too large to read is reported and counted as an error.
fn published(
    args: &ConformArgs,
    name: &str,
    errors: &mut usize,
) -> Result<Option<(String, Vec<u8>)>, Failure> {
    let local = !args.paths.is_empty() || std::path::Path::new("rules").is_dir();
    let dir = match (&args.published, local) {
        (Some(dir), _) => dir.clone(),
        (None, true) => std::path::PathBuf::from("rules/endoflife"),
        (None, false) => {
            return Ok(crate::load::bundled_published(name)
                .map(|t| (format!("rules/endoflife/{name}"), t.as_bytes().to_vec())))
        }
    };
    let path = dir.join(name);
    let shown = files::display(&path);
    match files::read(&path) {
        Ok(files::Contents::Bytes(b)) => Ok(Some((shown, b))),
        Ok(files::Contents::TooLarge(size)) => {
            Source::new(&shown, "").human_all(&[files::too_large(size)], Style::detect_stderr(), |d| {
                errln!("{d}")
            });
            *errors += 1;
            Ok(None)
        }
        Err(_) if !path.exists() => Ok(None),
        Err(e) => Err(Failure::io(format!("cannot read {e}"))),
    }
}

fn conform(args: &ConformArgs) -> Result<i32, Failure> {
    let at = crate::load::at_or_today(args.at);
    let mut lib = crate::load::library(
        &args.paths,
        &crate::args::SourceArgs::default(),
        crate::load::Implicit::Author,
    )?;
    let only = match &args.product {
        Some(p) => Some(crate::load::find_product(&lib, p)?.0),
        None => None,
    };
    let products = lib.evaluate(at, Options { trace: true }, only.as_deref());
    if lib.has_errors() {
        crate::load::report(&lib);
        return Err(Failure::broken(
            "the rule files or catalogs have errors (above); nothing was compared",
        ));
    }
    let (kb, products) = (&lib, &products);
    let mut published_errors = 0;
    let formulas = read_formulas(args, &mut published_errors)?;
    let mut results: Vec<(Conformance, Option<Formula>)> = Vec::new();
    // A published file that cannot be read whole makes the run fail (exit 1): its
    // comparison would count only the rows read.
    let mut published_errors = 0;
    for p in products {
        let Some(policy) = p.policy(&kb.rules) else {
            continue;
        };
        let Some((path, bytes)) = published(args, &format!("{}.csv", policy.id), &mut published_errors)?
        else {
            continue;
        };
        let (text, cycles, diags) = endoflife::parse_bytes(&bytes);
        published_errors += diags.iter().filter(|d| d.is_error()).count();
        Source::new(&path, &text).human_all(&diags, Style::detect_stderr(), |d| errln!("{d}"));
        results.push((
            compare(policy, &p.lifecycle, &cycles),
            formulas
                .get(&policy.id)
                .cloned()
                .map(|f| f.with_catalog(&p.lifecycle, &cycles)),
        ));
    }
    if results.is_empty() {
        return Err(Failure::usage(
            "no policy has a published file to compare with",
            "published dates are `<product>.csv` files in `--published DIR` (endoflife.date's CSV export)",
        ));
    }
    let reasons_file = published(args, "REASONS.csv", &mut published_errors)?;
    let (reasons, problems) = match &reasons_file {
        Some((_, bytes)) => parse_reasons(&String::from_utf8_lossy(bytes)),
        None => (Vec::new(), Vec::new()),
    };
    for p in &problems {
        errln!(
            "warning: {}: {p}",
            reasons_file.as_ref().map_or("REASONS.csv", |(n, _)| n.as_str())
        );
    }
    let summary = Summary::of(&results, &reasons);
    let Summary {
        compared,
        exact,
        by_rule,
        mismatches,
        unexplained,
        median,
        median_all,
        stated,
        with_formula,
        beats,
        ties,
        behind,
        ..
    } = summary;
    match args.format {
        ConformFormat::Json => {
            let doc = document(at, &results, &reasons, &summary);
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        format => {
            let md = format == ConformFormat::Markdown;
            let mut t = Table::new(
                [
                    "product",
                    "basis",
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
                    let recorded = format!("{}/{} ({})", f.recorded_exact(), f.total(), pct(f.rate()));
                    match f.on_catalog {
                        Some(n) if n != f.recorded_exact() => format!("{recorded}; {n} on the catalog"),
                        _ => recorded,
                    }
                });
                let versus = f.as_ref().map(|f| c.against(f));
                let tone = match versus {
                    Some(Versus::Ties | Versus::Behind) => Tone::Bad,
                    _ => Tone::Plain,
                };
                t.rows.push(vec![
                    (c.product.clone(), Tone::Plain),
                    (c.basis().to_owned(), Tone::Plain),
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
                "total: {}, {compared} dates compared, {exact} exact ({}), {by_rule} by rule alone ({}); median product with a stated policy by rule alone: {} ({}; all products: {})",
                count(results.len(), "product"),
                pct(ratio(exact, compared)),
                pct(ratio(by_rule, compared)),
                pct(median),
                count(stated, "stated"),
                pct(median_all)
            );
            if with_formula > 0 {
                total.push_str(&format!(
                    "; of {with_formula} products with a mechanical formula, {beats} beat it and {ties} tie it by rule alone"
                ));
                if behind > 0 {
                    let verb = if behind == 1 { "falls" } else { "fall" };
                    total.push_str(&format!(", {behind} {verb} behind it"));
                }
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
                    let reason = reason_for(&reasons, &c.product, m)
                        .unwrap_or(std::borrow::Cow::Borrowed("NO REASON RECORDED"));
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
        errln!("warning: {unexplained} of {mismatches} mismatches have no reason in REASONS.csv");
    }
    if published_errors > 0 {
        errln!(
            "error: {published_errors} error{} in the published files; their comparisons count only the rows read",
            if published_errors == 1 { "" } else { "s" }
        );
    }
    match args.min_rule_rate {
        Some(min) if 100.0 * ratio(by_rule, compared) < min => {
            errln!(
                "error: exact-match rate by rule alone {} is below {min:.1}%",
                pct(ratio(by_rule, compared))
            );
            Ok(CONDITION)
        }
        // a published file that could not be read as a whole is a problem found
        _ if published_errors > 0 => Ok(CONDITION),
        _ => Ok(OK),
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

- **basis**: `stated` when the vendor states a rule the rule file follows, `announced` when the
  vendor announces dates per release and the rule file carries them (an `announced` item says why);
  the median target counts products with a stated policy only;
- **compared**: published dates compared; **exact**: reproduced to the day; **by rule**: exact
  without any override or declared date (an override, a date the vendor announced and the rule
  file `declare`s, or a date computed from one, does not count);
- **within 1 day**: exact or off by one day; **overrides**: exact matches that needed an override
  or a declared date;
- **formula**: the mechanical check of endoflife.date's own formula for the product
  (`simple_rule_check` in `FORMULAS.csv`), where there is one;
- **vs formula**: whether the rules reproduce more published dates by rule alone than the
  formula (`beats`), as many (`ties`) or fewer (`behind`), counted only on the columns the
  formula covers (a phase whose column the formula says nothing about cannot win the
  comparison). Counts, not rates: the formula's check leaves out the dates it has no value
  for (`releaseDate(x+1)` while release x+1 has not shipped), and a date it gives no value
  for is one it does not reproduce, as a line missing from the rules is one they do not.
  The recorded check counts from endoflife.date's own release dates, so where the formula's
  text gives its shape (`releaseDate(x+N)`, `releaseDate(x) + N months`) it is run again on
  the catalog's release days, the ones the rules read, and that count is compared
  (`8/9 (88.9%); 7 on the catalog` where they differ: a catalog written from the project's
  records because endoflife.date's dates or flags are wrong or its releases too few,
  `rules/endoflife/OWN-RECORDS.txt`).

";

/// `1 product`, `3 products`; `stated` stays as it is.
fn count(n: usize, what: &str) -> String {
    match (n, what) {
        (_, "stated") => format!("{n} stated"),
        (1, _) => format!("1 {what}"),
        _ => format!("{n} {what}s"),
    }
}

fn pct(r: f64) -> String {
    format!("{:.1}%", 100.0 * r)
}

/// FORMULAS.csv's `simple_rule_check` per product, when the file is there.
fn read_formulas(args: &ConformArgs, errors: &mut usize) -> Result<HashMap<String, Formula>, Failure> {
    Ok(match published(args, "FORMULAS.csv", errors)? {
        Some((_, bytes)) => parse_formulas(&String::from_utf8_lossy(&bytes)),
        None => HashMap::new(),
    })
}
