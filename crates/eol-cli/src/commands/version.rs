//! `eol --version`: the version, and which data the bundled library holds.

use eol_engine::library::{Library, Request, Scope};

use crate::exit::{OK, USAGE};

pub fn run() -> i32 {
    let lib = Library::assemble(
        Request {
            bundled: crate::load::bundled(),
            ..Request::default()
        },
        Scope::All,
    );
    let data = match &lib.data.bundled {
        Some(b) => match b.newest_row {
            Some(d) => format!("bundled library: {} products, newest catalog row {d}", b.products),
            None => format!("bundled library: {} products", b.products),
        },
        None => "no bundled library".to_owned(),
    };
    outln!("eol {}\n{data}", env!("CARGO_PKG_VERSION"));
    OK
}

/// `eol` with no command: the usage, exit 2.
pub fn usage() -> i32 {
    use clap::CommandFactory;
    let mut cmd = crate::args::Cli::command();
    let _ = cmd.print_help();
    USAGE
}
