//! `eol`: check, format and evaluate lifecycle rule files.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod commands;
mod files;
mod render;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let code = match cli.command {
        args::Command::Check(a) => commands::check::run(&a),
        args::Command::Fmt(a) => commands::fmt::run(&a),
    };
    ExitCode::from(code as u8)
}
