//! eol-engine
