//! `eol import endoflife-csv FILE`: a catalog from an endoflife.date export.

use eol_engine::endoflife;

use crate::args::ImportArgs;
use crate::files::{FAILURE, OK};
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
    let (cycles, mut diags) = endoflife::parse(&text);
    diags.extend(endoflife::contradictions(&text, &cycles));
    let name = args.file.display().to_string();
    for d in &diags {
        eprintln!("{}", render::human(d, &name, &text, Style::detect_stderr()));
    }
    if diags.iter().any(|d| d.is_error()) {
        return crate::exit::BROKEN;
    }
    let catalog = endoflife::to_catalog(&product, &cycles);
    match &args.output {
        Some(path) => match crate::files::write_atomically(path, &catalog) {
            Ok(()) => {
                eprintln!("wrote {} ({} cycles)", path.display(), cycles.len());
                OK
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
