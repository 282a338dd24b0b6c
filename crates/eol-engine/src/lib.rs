//! `eol-engine`: checking rule files, reading release catalogs, evaluating lifecycles.
//!
//! A library with no printing: every function returns values and diagnostics.

pub mod check;
pub mod dates;
pub mod model;
pub mod project;
pub mod suggest;
pub mod version;
pub mod catalog;
pub mod eval;
pub mod kb;
pub mod report;
