//! `eol check`: every diagnostic of every file: the rule files, the catalogs they read
//! (beside them or named), and what evaluating the one against the other reports, as
//! `eol eval` would.

use eol_engine::eval::Options;
use serde_json::json;

use crate::args::{CheckArgs, DiagFormat};
use crate::exit::{CONDITION as PROBLEMS, OK};
use crate::render::{Source, Style};

pub fn run(args: &CheckArgs) -> i32 {
    let mut lib = match crate::load::library(&args.paths, &args.sources, crate::load::Implicit::Author) {
        Ok(lib) => lib,
        Err(f) => return f.report(args.format == DiagFormat::Json),
    };
    // Evaluating is part of checking: it reads each rule file's catalog and reports what
    // `eol eval` would (catalog rows, overrides of unknown lines, gaps, ...).
    let at = crate::load::at_or_today(args.at);
    let _ = lib.evaluate(at, Options::default(), None);
    let checked = lib.files();
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
