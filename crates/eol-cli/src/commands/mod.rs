pub mod check;
pub mod conform;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod import;
pub mod status;
