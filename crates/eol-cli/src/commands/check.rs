//! `eol check`: every diagnostic of every file: rule files, and the catalogs named on
//! the command line (read on their own, as `eol eval` reads them before evaluating).

use eol_engine::catalog::CatalogFormat;
use eol_engine::project::check_across;
use eol_syntax::Diagnostic;
use serde_json::json;

use crate::args::{CheckArgs, DiagFormat};
use crate::files::{self, FAILURE, OK, PROBLEMS};
use crate::render::{Source, Style};

pub fn run(args: &CheckArgs) -> i32 {
    let paths = match files::rule_paths(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            errln!("error: {e}");
            return FAILURE;
        }
    };
    let mut rule_files = Vec::new();
    // Catalogs named on the command line are read as catalogs, not as rules (directories
    // contribute their `.eol` files only).
    let mut catalogs = Vec::new();
    for path in &paths {
        let read = match CatalogFormat::from_path(path) {
            Some(format) => files::load_catalog(path, format).map(|c| catalogs.push(c)),
            None => files::load_rules(path).map(|f| rule_files.push(f)),
        };
        if let Err(e) = read {
            errln!("error: cannot read {e}");
            return FAILURE;
        }
    }
    check_across(&mut rule_files);
    // Every file as (name, text, diagnostics), rules first.
    let checked: Vec<(&str, &str, &[Diagnostic])> = rule_files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str(), f.diagnostics.as_slice()))
        .chain(
            catalogs
                .iter()
                .map(|c| (c.name.as_str(), c.text.as_str(), c.diagnostics.as_slice())),
        )
        .collect();
    let errors: usize = checked
        .iter()
        .map(|(_, _, ds)| ds.iter().filter(|d| d.is_error()).count())
        .sum();
    let warnings: usize = checked
        .iter()
        .map(|(_, _, ds)| ds.iter().filter(|d| !d.is_error()).count())
        .sum();
    match args.format {
        DiagFormat::Json => {
            let diags: Vec<serde_json::Value> = checked
                .iter()
                .flat_map(|(name, text, ds)| {
                    let source = Source::new(name, text);
                    ds.iter().map(|d| source.json(d)).collect::<Vec<_>>()
                })
                .collect();
            let doc = json!({"schema_version": 1, "diagnostics": diags});
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        DiagFormat::Human => {
            let style = Style::detect();
            for (name, text, ds) in &checked {
                Source::new(name, text).human_all(ds, style, |d| outln!("{d}"));
            }
            errln!(
                "checked {} file{}: {errors} error{}, {warnings} warning{}",
                checked.len(),
                plural(checked.len()),
                plural(errors),
                plural(warnings)
            );
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        PROBLEMS
    } else {
        OK
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
