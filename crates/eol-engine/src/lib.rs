//! eol-engine

pub mod dates;
