//! `eol new PRODUCT`: write the scaffold the engine makes (`eol_engine::scaffold`):
//! `DIR/PRODUCT.eol` and `DIR/PRODUCT.releases.csv`, never over an existing file.
//!
//! Exit codes: 0 written; 2 a wrong answer, a file in the way, or a file that cannot be
//! read or written (nothing is written then); 3 the endoflife.date export is broken.

use std::path::{Path, PathBuf};

use eol_engine::endoflife;
use eol_engine::scaffold::{self, Answers};

use crate::args::NewArgs;
use crate::exit::{Failure, BROKEN, OK, USAGE};
use crate::render::{self, Style};

pub fn run(args: &NewArgs) -> i32 {
    match scaffold_and_write(args) {
        Ok(code) => code,
        Err(failure) => failure.report(false),
    }
}

fn scaffold_and_write(args: &NewArgs) -> Result<i32, Failure> {
    let cycles = match &args.from_endoflife {
        Some(path) => match import(path)? {
            Some(cycles) => Some(cycles),
            None => return Ok(BROKEN),
        },
        None => None,
    };
    let answers = Answers {
        product: args.product.clone(),
        name: args.name.clone(),
        vendor: args.vendor.clone(),
        versions: args.versions.clone(),
        line: args.line.clone(),
        cadence: args.cadence.clone(),
        phases: args.phase.clone(),
    };
    let made = scaffold::scaffold(&answers, cycles.as_deref())
        .map_err(|e| Failure::usage(e, "see `eol new --help`"))?;
    let rules_path = args.dir.join(format!("{}.eol", args.product));
    let catalog_path = args.dir.join(format!("{}.releases.csv", args.product));
    if !made.diagnostics.is_empty() {
        let name = format!("{} (not written)", rules_path.display());
        let source = render::Source::new(&name, &made.rules);
        for d in &made.diagnostics {
            errln!("{}", source.human(d, Style::detect_stderr()));
        }
    }
    if made.has_errors() {
        return Err(Failure::usage(
            "these answers make a rule file with errors; nothing was written",
            "fix the `--phase` or `--cadence` values the errors above point into",
        ));
    }
    // A rule file reads one catalog beside it, in any of three formats: none may exist.
    let in_the_way: Vec<PathBuf> = std::iter::once(rules_path.clone())
        .chain(
            ["csv", "toml", "json"]
                .iter()
                .map(|ext| args.dir.join(format!("{}.releases.{ext}", args.product))),
        )
        .filter(|p| p.symlink_metadata().is_ok())
        .collect();
    if let Some(first) = in_the_way.first() {
        return Err(Failure::usage(
            format!("{} exists; `eol new` never writes over a file", first.display()),
            "choose another product id or `--dir`, or move the file away",
        ));
    }
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| Failure::io(format!("cannot create {}: {e}", args.dir.display())))?;
    write_new(&catalog_path, &made.catalog)?;
    if let Err(failure) = write_new(&rules_path, &made.rules) {
        // Leave no half scaffold behind: the catalog was written by this run a moment ago.
        let _ = std::fs::remove_file(&catalog_path);
        return Err(failure);
    }
    let todo = if args.from_endoflife.is_some() {
        "the TODOs"
    } else {
        "the TODOs and the catalog's releases"
    };
    let rules = rules_path.display();
    errln!(
        "wrote {rules} and {}\nnext: fill in {todo}, then `eol check {rules}` and `eol eval {rules}`",
        catalog_path.display(),
    );
    Ok(OK)
}

/// The export's cycles, with its problems printed; `None` when it has errors.
fn import(path: &Path) -> Result<Option<Vec<endoflife::Cycle>>, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
    let (cycles, mut diags) = endoflife::parse(&text);
    diags.extend(endoflife::import_warnings(&text, &cycles));
    let name = path.display().to_string();
    let source = render::Source::new(&name, &text);
    for d in &diags {
        errln!("{}", source.human(d, Style::detect_stderr()));
    }
    Ok((!diags.iter().any(|d| d.is_error())).then_some(cycles))
}

/// Write a file that must not exist yet (see [`crate::files::create_new`]).
fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    crate::files::create_new(path, text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::usage(
                format!("{} exists; `eol new` never writes over a file", path.display()),
                "choose another product id or `--dir`, or move the file away",
            )
        } else {
            Failure::new(USAGE, "io", format!("cannot write {}: {e}", path.display()))
        }
    })
}
