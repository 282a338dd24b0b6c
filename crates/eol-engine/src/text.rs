//! Whitespace of short texts (catalog cells, inventory cells), fast when there is none.
//!
//! `str::trim` decodes characters from both ends and checks each against Unicode's
//! whitespace table. Nearly every cell starts and ends with a visible ASCII character, so
//! these first look at the end bytes and only then fall back to the `str` methods: the
//! results are always theirs.

/// `s.trim()`.
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `s.trim_end()`.
pub(crate) fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(b) if b.is_ascii_graphic() => s,
        _ => s.trim_end(),
    }
}

/// `s.trim().is_empty()`.
pub(crate) fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => s.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_as_the_str_methods(s in "[ \\t\\u{a0}\\u{2003}a-z\\u{e9},\"]{0,8}") {
            prop_assert_eq!(trim(&s), s.trim());
            prop_assert_eq!(trim_end(&s), s.trim_end());
            prop_assert_eq!(is_blank(&s), s.trim().is_empty());
        }
    }
}
