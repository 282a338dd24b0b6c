//! The bundled library: `rules/` as it was when this binary was built (see build.rs).

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
