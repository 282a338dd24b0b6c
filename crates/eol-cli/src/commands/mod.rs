pub mod check;
pub mod fmt;
