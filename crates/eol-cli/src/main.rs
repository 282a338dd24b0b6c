//! `eol`: check, format and evaluate lifecycle rule files.

use std::process::ExitCode;

use clap::Parser;

/// `print!` that ends the process quietly when standard output is closed (`eol eval | head`).
macro_rules! out {
    ($($t:tt)*) => { $crate::files::emit(&format!($($t)*)) };
}

/// `println!` that ends the process quietly when standard output is closed.
macro_rules! outln {
    ($($t:tt)*) => { $crate::files::emit(&format!("{}\n", format_args!($($t)*))) };
}

/// `eprintln!` that never panics: when standard error is closed (`2>&-`, a reader
/// that went away) the message is lost, not the run.
macro_rules! errln {
    ($($t:tt)*) => { $crate::files::emit_err(&format!("{}\n", format_args!($($t)*))) };
}

/// mimalloc rather than the system's malloc: loading the library and judging an audit's
/// distinct pairs make many small, short-lived allocations (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod bundled;
mod commands;
mod diff;
mod exit;
mod files;
mod http;
mod i18n;
mod load;
mod render;
mod rpmdb;
mod table;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let code = match cli.command {
        _ if cli.version => commands::version::run(),
        None => commands::version::usage(),
        Some(args::Command::Check(a)) => commands::check::run(&a),
        Some(args::Command::Fmt(a)) => commands::fmt::run(&a),
        Some(args::Command::Eval(a)) => commands::eval::run(&a),
        Some(args::Command::Status(a)) => commands::status::run(&a),
        Some(args::Command::List(a)) => commands::list::run(&a),
        Some(args::Command::Explain(a)) => commands::explain::run(&a),
        Some(args::Command::Import(args::ImportCommand::EndoflifeCsv(a))) => commands::import::run(&a),
        Some(args::Command::Conform(a)) => commands::conform::run(&a),
        Some(args::Command::Import(other)) => commands::import_source::run(&other),
        Some(args::Command::Update(a)) => commands::update::run(&a),
        Some(args::Command::Export(a)) => commands::export::run(&a),
        Some(args::Command::Timeline(a)) => commands::timeline::run(&a),
        Some(args::Command::New(a)) => commands::new::run(&a),
        Some(args::Command::Audit(a)) => commands::audit::run(&a),
        Some(args::Command::Lsp(a)) => commands::lsp::run(&a),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
