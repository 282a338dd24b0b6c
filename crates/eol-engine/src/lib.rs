//! eol-engine

pub mod catalog;
