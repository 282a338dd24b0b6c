//! Line and column numbers, computed only when a diagnostic is rendered.

/// 1-based line and column (in characters) of a byte offset. Offsets past the end
/// or inside a character are clamped to the nearest boundary before it.
///
/// This scans the text up to `offset`; to look up many offsets of one text, build a
/// [`LineIndex`] once.
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

/// Where every line of one text starts, so that a line or column is a binary search
/// rather than a scan of the text: rendering many diagnostics of a large file costs
/// time in proportion to the file plus the diagnostics, not their product.
///
/// Lines end at `\n` (a `\r` before it belongs to the line end, as `line_col` counts).
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// byte offset of the start of every line; the first is 0
    starts: Vec<usize>,
    /// per line: whether it is all ASCII (its columns are byte offsets)
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut plain = true;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(plain);
                plain = true;
            } else if !b.is_ascii() {
                plain = false;
            }
        }
        ascii.push(plain);
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// How many lines the text has (a final `\n` starts an empty last line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line an offset is on (an offset at a `\n` is on the line it ends).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts (the text's length past the end).
    pub fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Whether 0-based `line` is all ASCII (its columns, in any unit, are byte counts).
    pub fn is_ascii(&self, line: usize) -> bool {
        self.ascii.get(line).copied().unwrap_or(false)
    }

    /// The byte offset just after 0-based `line`, its `\n` included.
    pub fn end(&self, line: usize) -> usize {
        self.starts.get(line + 1).copied().unwrap_or(self.len)
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_col`]
    /// gives them, for a text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.start(line).min(offset);
        let col = if self.ascii.get(line).copied().unwrap_or(false) {
            offset - start
        } else {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        };
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::{line_col, LineIndex};

    #[test]
    fn counts_characters_not_bytes() {
        let t = "ab\nä€x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 8), (2, 3));
        assert_eq!(line_col(t, 999), (2, 4));
        assert_eq!(line_col(t, 5), (2, 2)); // inside `ä`: clamped back
    }

    #[test]
    fn the_index_agrees_with_line_col() {
        for t in ["", "\n", "ab\nä€x", "a\r\nb\n\nc", "x\ny\n", "€\n€€\n"] {
            let index = LineIndex::new(t);
            for offset in 0..=t.len() + 2 {
                assert_eq!(
                    index.line_col(t, offset),
                    line_col(t, offset),
                    "{t:?} at {offset}"
                );
            }
        }
        let index = LineIndex::new("ab\ncd\n");
        assert_eq!(index.lines(), 3);
        assert_eq!((index.line_of(2), index.line_of(3), index.line_of(6)), (0, 1, 2));
        assert_eq!((index.start(1), index.end(1), index.end(2)), (3, 6, 6));
    }
}
