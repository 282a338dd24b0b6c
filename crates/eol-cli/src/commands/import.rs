//! `eol import endoflife-csv FILE`: a catalog from an endoflife.date export.

use eol_engine::endoflife;

use crate::args::ImportArgs;
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::render::{self, Style};

pub fn run(args: &ImportArgs) -> i32 {
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.file.display());
            return FAILURE;
        }
    };
    let product = args.product.clone().unwrap_or_else(|| {
        args.file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let (cycles, diags) = endoflife::parse(&text);
    let name = args.file.display().to_string();
    for d in &diags {
        eprintln!("{}", render::human(d, &name, &text, Style::detect_stderr()));
    }
    if diags.iter().any(|d| d.is_error()) {
        return PROBLEMS;
    }
    let catalog = endoflife::to_catalog(&product, &cycles);
    match &args.output {
        Some(path) => match crate::files::write_atomically(path, &catalog) {
            Ok(()) => {
                eprintln!("wrote {} ({} cycles)", path.display(), cycles.len());
                record(path, &args.file, &cycles)
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                FAILURE
            }
        },
        None => {
            out!("{catalog}");
            OK
        }
    }
}

/// The catalog's sources record: this export, and the newest date it holds.
fn record(catalog: &std::path::Path, export: &std::path::Path, cycles: &[endoflife::Cycle]) -> i32 {
    use eol_engine::sources::record::{self, SourceRecord};
    let Ok(mut records) = super::update::read_records(catalog) else {
        return PROBLEMS;
    };
    let newest = cycles
        .iter()
        .flat_map(|c| [c.release_date, c.latest_date])
        .flatten()
        .max();
    let releases = cycles
        .iter()
        .map(|c| {
            1 + usize::from(
                c.latest
                    .as_ref()
                    .is_some_and(|l| !l.eq_ignore_ascii_case(&c.cycle)),
            )
        })
        .sum();
    record::upsert(
        &mut records,
        SourceRecord {
            kind: "endoflife-csv".to_owned(),
            location: export.display().to_string(),
            checked: None,
            newest,
            releases,
        },
    );
    let name = catalog
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match crate::write::replace(&record::record_path(catalog), &record::render(&name, &records)) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: {e}");
            FAILURE
        }
    }
}
