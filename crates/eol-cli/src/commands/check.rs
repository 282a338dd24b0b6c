//! `eol check`: every diagnostic of every file.

use eol_engine::project::{check_across, RuleFile};
use serde_json::json;

use crate::args::{CheckArgs, DiagFormat};
use crate::files::{self, FAILURE, OK, PROBLEMS};
use crate::render::{self, Style};

pub fn run(args: &CheckArgs) -> i32 {
    let paths = match files::rule_paths(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return FAILURE;
        }
    };
    let mut rule_files = Vec::new();
    for path in &paths {
        match std::fs::read(path) {
            Ok(bytes) => rule_files.push(RuleFile::load(files::display(path), &bytes)),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return FAILURE;
            }
        }
    }
    check_across(&mut rule_files);
    let errors: usize = rule_files
        .iter()
        .map(|f| f.diagnostics.iter().filter(|d| d.is_error()).count())
        .sum();
    let warnings: usize = rule_files
        .iter()
        .map(|f| f.diagnostics.iter().filter(|d| !d.is_error()).count())
        .sum();
    match args.format {
        DiagFormat::Json => {
            let diags: Vec<serde_json::Value> = rule_files
                .iter()
                .flat_map(|f| {
                    f.diagnostics
                        .iter()
                        .map(move |d| render::json(d, &f.name, &f.text))
                })
                .collect();
            let doc = json!({"schema_version": 1, "diagnostics": diags});
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        DiagFormat::Human => {
            let style = Style::detect();
            for f in &rule_files {
                for d in &f.diagnostics {
                    outln!("{}", render::human(d, &f.name, &f.text, style));
                }
            }
            eprintln!(
                "checked {} file{}: {errors} error{}, {warnings} warning{}",
                rule_files.len(),
                plural(rule_files.len()),
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
