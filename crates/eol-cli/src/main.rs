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

mod args;
mod commands;
mod files;
mod http;
mod load;
mod render;
mod table;
mod write;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let code = match cli.command {
        args::Command::Check(a) => commands::check::run(&a),
        args::Command::Fmt(a) => commands::fmt::run(&a),
        args::Command::Eval(a) => commands::eval::run(&a),
        args::Command::Status(a) => commands::status::run(&a),
        args::Command::Explain(a) => commands::explain::run(&a),
        args::Command::Import(args::ImportCommand::EndoflifeCsv(a)) => commands::import::run(&a),
        args::Command::Import(other) => commands::import_source::run(&other),
        args::Command::Conform(a) => commands::conform::run(&a),
        args::Command::Update(a) => commands::update::run(&a),
        args::Command::Export(a) => commands::export::run(&a),
        args::Command::Timeline(a) => commands::timeline::run(&a),
    };
    ExitCode::from(code as u8)
}
