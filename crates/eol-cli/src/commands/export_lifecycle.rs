//! `eol export lifecycle --format csv|parquet`: the lines × phases table for engines that
//! join inventories larger than one machine (Spark, Trino, DuckDB, DataFusion).

use std::io::{IsTerminal, Write};
use std::path::Path;

use eol_engine::eval::Options;
use eol_engine::lifecycle_table;
use eol_engine::query::ProductView;

use crate::args::{ExportArgs, TableFormat};
use crate::exit::{Failure, BROKEN, OK};
use crate::load;

pub fn run(args: &ExportArgs) -> i32 {
    match export(args) {
        Ok(code) => code,
        Err(f) => f.report(false),
    }
}

fn export(args: &ExportArgs) -> Result<i32, Failure> {
    let at = load::at_or_today(args.kb.at);
    let mut lib = load::library(&[], &args.kb.sources, load::Implicit::Operator)?;
    let only = match &args.product {
        Some(name) => Some(load::find_product(&lib, name)?.0),
        None => None,
    };
    let products = lib.evaluate(at, Options::default(), only.as_deref());
    let broken = lib.has_errors();
    if broken {
        load::report(&lib);
    }
    let views: Vec<ProductView<'_>> = products
        .iter()
        .filter(|p| only.is_none() || p.policy(&lib.rules).map(|x| &x.id) == only.as_ref())
        .filter_map(|p| Some(ProductView::new(p.policy(&lib.rules)?, p, &lib.catalogs)))
        .collect();
    let rows = lifecycle_table::rows(&views, at, args.kb.lang.as_deref());
    let mut bytes: Vec<u8> = Vec::new();
    match args.table_format {
        TableFormat::Csv => lifecycle_table::write_csv(&rows, &mut bytes)
            .map_err(|e| Failure::io(format!("cannot write the table: {e}")))?,
        TableFormat::Parquet => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                return Err(Failure::usage(
                    "Parquet is binary and standard output is a terminal",
                    "write it to a file with `-o lifecycle.parquet`, or pipe it",
                ));
            }
            bytes = lifecycle_table::write_parquet(&rows, bytes)
                .map_err(|e| Failure::io(format!("cannot write the Parquet file: {e}")))?;
        }
    }
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&bytes).and_then(|()| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Failure::io(format!("cannot write to standard output: {e}")));
                }
            }
        }
        Some(path) => write_file(path, &bytes, &lib.data.paths)?,
    }
    errln!("{} rows ({} products) at {at}", rows.len(), views.len());
    Ok(if broken { BROKEN } else { OK })
}

/// Replace `path` whole: a temporary file beside it, then a rename. A path that is not a
/// regular file (a link, a directory, a device) or that is one of the files read is refused.
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[String]) -> Result<(), Failure> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            return Err(Failure::usage(
                format!("{} exists and is not a regular file", path.display()),
                "name a new file or a regular file to replace (links, directories and devices are not written to)",
            ));
        }
        let same = |other: &str| match (std::fs::canonicalize(path), std::fs::canonicalize(other)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if inputs.iter().any(|i| same(i)) {
            return Err(Failure::usage(
                format!("{} is one of the files read", path.display()),
                "write the export to another file",
            ));
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| Failure::io(format!("cannot create a file in {}: {e}", dir.display())))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Failure::io(format!("cannot write {}: {e}", path.display())))?;
    tmp.persist(path)
        .map_err(|e| Failure::io(format!("cannot write {}: {}", path.display(), e.error)))?;
    Ok(())
}
