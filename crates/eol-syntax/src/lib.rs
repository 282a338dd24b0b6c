//! `eol-syntax`: the rules language's grammar, syntax tree and parser.
//!
//! Knows nothing of what dates mean; see `eol-engine` for checking and evaluation.

pub mod code;
pub mod diagnostic;
pub mod span;

pub use code::Code;
pub use diagnostic::{Diagnostic, Label, Severity};
pub use report::Report;
pub use span::{Span, Spanned};

pub mod ast;
pub mod format;
pub mod lines;
pub mod parser;
pub mod printable;
pub mod report;
pub mod shift;
pub mod tokens;

pub use format::format;
pub use lines::{line_col, LineIndex};
pub use parser::{parse, parse_bytes, parse_chunk, parse_with, recognise, ChunkParse, Parsed};
pub use printable::printable;
pub use tokens::{tokens, Declared, Token, TokenKind};
