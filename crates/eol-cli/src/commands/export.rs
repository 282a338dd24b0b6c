//! `eol export endoflife-v1|cyclonedx|ical|openeox`: lifecycle data for other tools.
//! The engine builds each document; this writes it (a directory for endoflife-v1,
//! refused when it exists unless `--force`).

use std::path::Path;

use eol_engine::eval::Options;
use eol_engine::export::{self, Exported};

use crate::args::{ExportArgs, ExportFormat, KbArgs};
use crate::files::{FAILURE, OK};
use crate::load::{Evaluated, Strictness};

/// The knowledge base `export` reads: the one place it loads rules and catalogs.
fn evaluate(kb: &KbArgs, product: Option<&str>) -> Result<Evaluated, i32> {
    crate::load::evaluate(
        &kb.sources,
        crate::load::Implicit::Operator,
        kb.at,
        Options::default(),
        product,
        Strictness::StopOnErrors,
    )
}

pub fn run(args: &ExportArgs) -> i32 {
    if args.format == ExportFormat::Lifecycle {
        return super::export_lifecycle::run(args);
    }
    if args.table_format != crate::args::TableFormat::Csv {
        errln!("error: `--format` is the file format of `eol export lifecycle`; the other exports have one format each");
        return FAILURE;
    }
    if args.format == ExportFormat::EndoflifeV1 {
        let Some(dir) = &args.output else {
            errln!("error: endoflife-v1 writes a directory: give it with -o DIR");
            return FAILURE;
        };
        if let Err(e) = check_dir(dir, args.force) {
            errln!("error: {e}");
            return FAILURE;
        }
    }
    with_products(&args.kb, args.product.as_deref(), |at, products| {
        write(args, at, products)
    })
}

fn write(args: &ExportArgs, at: chrono::NaiveDate, products: &[Exported<'_>]) -> i32 {
    let lang = args.kb.lang.as_deref();
    let text = match args.format {
        ExportFormat::EndoflifeV1 => {
            let Some(dir) = &args.output else { return FAILURE };
            let files = export::endoflife_v1::files(products, at, lang);
            for (rel, text) in &files {
                let path = dir.join(rel);
                let made = path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .map_err(|e| format!("cannot create {}: {e}", path.display()))
                    .and_then(|()| {
                        crate::files::replace(&path, text.as_bytes(), crate::files::Links::Refuse, None)
                    });
                if let Err(e) = made {
                    errln!("error: {e}");
                    return FAILURE;
                }
            }
            errln!("wrote {} files under {}", files.len(), dir.display());
            return OK;
        }
        ExportFormat::Cyclonedx => export::cyclonedx::bom(products, at, lang),
        ExportFormat::Ical => export::ical::calendar(products, at, lang),
        ExportFormat::Openeox => export::openeox::records(products, at, lang),
        // handled at the start
        ExportFormat::Lifecycle => return FAILURE,
    };
    emit(args.output.as_deref(), &text)
}

/// The products of the knowledge base (or the one named) as the exports and the timeline
/// read them, handed to `f` with the day they were evaluated for.
pub(crate) fn with_products(
    kb: &KbArgs,
    product: Option<&str>,
    f: impl FnOnce(chrono::NaiveDate, &[Exported<'_>]) -> i32,
) -> i32 {
    let done = match evaluate(kb, product) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if let Some(p) = product {
        if done.products.is_empty() {
            errln!("error: no policy `{p}` in the rule files");
            return FAILURE;
        }
    }
    let lts: Vec<Vec<Option<bool>>> = done
        .products
        .iter()
        .map(|p| export::line_lts(p, &done.kb.catalogs))
        .collect();
    let products: Vec<Exported<'_>> = done
        .products
        .iter()
        .zip(&lts)
        .filter_map(|(p, lts)| {
            Some(Exported {
                policy: p.policy(&done.kb.rules)?,
                lines: &p.lifecycle.lines,
                lts,
            })
        })
        .collect();
    f(done.at, &products)
}

/// A document to a file (replaced whole, never through a link) or standard output.
pub(crate) fn emit(output: Option<&Path>, text: &str) -> i32 {
    match output {
        Some(path) => match crate::files::replace(path, text.as_bytes(), crate::files::Links::Refuse, None) {
            Ok(()) => {
                errln!("wrote {}", path.display());
                OK
            }
            Err(e) => {
                errln!("error: {e}");
                FAILURE
            }
        },
        None => {
            out!("{text}");
            OK
        }
    }
}

/// An export directory: new, or (with `--force`) a real directory, never a link.
fn check_dir(dir: &Path, force: bool) -> Result<(), String> {
    match std::fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(format!(
            "{} is a symbolic link; not written through it",
            dir.display()
        )),
        Ok(m) if !m.is_dir() => Err(format!("{} exists and is not a directory", dir.display())),
        Ok(_) if !force => Err(format!(
            "{} exists; pass --force to write into it (its export files are replaced)",
            dir.display()
        )),
        Ok(_) => Ok(()),
    }
}
