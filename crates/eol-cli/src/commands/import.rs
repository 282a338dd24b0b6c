//! `eol import endoflife-csv FILE`: a catalog from an endoflife.date export.

use eol_engine::endoflife;

use crate::args::ImportArgs;
use crate::files::{self, FAILURE, OK};
use crate::render::{Source, Style};

pub fn run(args: &ImportArgs) -> i32 {
    let product = match &args.product {
        Some(p) => p.clone(),
        None => args
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if !is_product_id(&product) {
        errln!(
            "error: `{}` is not a product id: it starts with a letter, then letters, digits, `_`, `-` or `.`{}",
            eol_syntax::printable(&product),
            if args.product.is_none() {
                " (it was taken from the file's name; give one with --product)"
            } else {
                ""
            }
        );
        return FAILURE;
    }
    let bytes = match files::read(&args.file) {
        Ok(files::Contents::Bytes(b)) => b,
        Ok(files::Contents::TooLarge(size)) => {
            let name = files::display(&args.file);
            Source::new(&name, "").human_all(&[files::too_large(size)], Style::detect_stderr(), |d| {
                errln!("{d}")
            });
            return crate::exit::BROKEN;
        }
        Err(e) => {
            errln!("error: cannot read {e}");
            return FAILURE;
        }
    };
    let (text, cycles, mut diags) = endoflife::parse_bytes(&bytes);
    diags.extend(endoflife::import_warnings(&text, &cycles));
    let name = files::display(&args.file);
    Source::new(&name, &text).human_all(&diags, Style::detect_stderr(), |d| errln!("{d}"));
    if diags.iter().any(|d| d.is_error()) {
        return crate::exit::BROKEN;
    }
    let catalog = endoflife::to_catalog(&product, &cycles);
    match &args.output {
        Some(path) => {
            match files::replace(path, catalog.as_bytes(), files::Links::Refuse, Some(&args.file)) {
                Ok(()) => {
                    errln!("wrote {} ({} cycles)", files::shown(path), cycles.len());
                    record(path, &args.file, &cycles)
                }
                Err(e) => {
                    errln!("error: {e}");
                    FAILURE
                }
            }
        }
        None => {
            out!("{catalog}");
            OK
        }
    }
}

/// A product id as rule files write it after `policy`: a letter, then letters,
/// digits, `_`, `-` and `.`.
fn is_product_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The catalog's sources record: this export, and the newest date it holds.
fn record(catalog: &std::path::Path, export: &std::path::Path, cycles: &[endoflife::Cycle]) -> i32 {
    use eol_engine::sources::record::{self, SourceRecord};
    let Ok(mut records) = super::update::read_records(catalog) else {
        return crate::exit::BROKEN;
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
    let text = record::render(&name, &records);
    match files::replace(
        &record::record_path(catalog),
        text.as_bytes(),
        files::Links::Refuse,
        None,
    ) {
        Ok(()) => OK,
        Err(e) => {
            errln!("error: {e}");
            FAILURE
        }
    }
}
