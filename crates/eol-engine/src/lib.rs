//! `eol-engine`: checking rule files, reading release catalogs, evaluating lifecycles.
//!
//! A library with no printing: every function returns values and diagnostics.

pub mod audit;
pub mod builtins;
pub mod catalog;
pub mod check;
pub mod conform;
pub mod dates;
pub mod endoflife;
pub mod eval;
pub mod export;
pub mod ide;
pub mod identifiers;
pub mod kb;
pub mod library;
pub mod lifecycle_table;
pub mod limits;
pub mod model;
pub mod project;
pub mod query;
pub mod report;
pub mod resolve;
pub mod scaffold;
pub mod sources;
pub mod spanned_json;
pub mod suggest;
mod text;
pub mod timeline;
pub mod version;
