//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "eol",
    version,
    about = "Lifecycle policies as rules: check, format, evaluate"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check rule files and report every problem
    Check(CheckArgs),
    /// Format rule files in the canonical layout
    Fmt(FmtArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    /// graphical on a terminal, plain when piped or with NO_COLOR
    Human,
    /// one JSON document for tools
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Rule files or directories (default: ./rules)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagFormat,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(clap::Args, Debug)]
pub struct FmtArgs {
    /// Rule files or directories (default: ./rules); `-` reads standard input and writes standard output
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 and show a diff when a file would change
    #[arg(long)]
    pub check: bool,
}
