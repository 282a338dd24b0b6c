//! Line and column numbers, computed only when a diagnostic is rendered.

/// 1-based line and column (in characters) of a byte offset. Offsets past the end
/// or inside a character are clamped to the nearest boundary before it.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or("");
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text.get(line_start..offset).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn counts_characters_not_bytes() {
        let t = "ab\nä€x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 8), (2, 3));
        assert_eq!(line_col(t, 999), (2, 4));
        assert_eq!(line_col(t, 5), (2, 2)); // inside `ä`: clamped back
    }
}
