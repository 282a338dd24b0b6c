//! `eol import endoflife-csv FILE`: a catalog from an endoflife.date export.

use eol_engine::endoflife;

use crate::args::ImportArgs;
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::render::{Source, Style};

pub fn run(args: &ImportArgs) -> i32 {
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: cannot read {}: {e}", args.file.display());
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
    Source::new(&name, &text).human_all(&diags, Style::detect_stderr(), |d| errln!("{d}"));
    if diags.iter().any(|d| d.is_error()) {
        return PROBLEMS;
    }
    let catalog = endoflife::to_catalog(&product, &cycles);
    match &args.output {
        Some(path) => match crate::files::write_atomically(path, &catalog) {
            Ok(()) => {
                errln!("wrote {} ({} cycles)", path.display(), cycles.len());
                OK
            }
            Err(e) => {
                errln!("error: cannot write {}: {e}", path.display());
                FAILURE
            }
        },
        None => {
            out!("{catalog}");
            OK
        }
    }
}
