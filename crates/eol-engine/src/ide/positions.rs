//! Byte offsets ↔ the editor's positions: a zero-based line and a column counted in
//! UTF-16 code units, which is what the Language Server Protocol speaks by default.
//!
//! `eol` keeps byte offsets everywhere (spans are byte ranges); an editor counts UTF-16
//! units, so `ü` is one unit (two bytes) and `🚀` two units (four bytes). The index is
//! built once per text; each conversion is a binary search over line starts plus a walk
//! of one line.

/// A position as an editor gives it: zero-based line, column in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub const fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

/// A range of positions, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Byte offsets ↔ [`Position`]s of one text, over the line index diagnostics use
/// ([`eol_syntax::LineIndex`]).
#[derive(Clone, Debug)]
pub struct Utf16Index {
    lines: eol_syntax::LineIndex,
    len: usize,
}

impl Utf16Index {
    pub fn new(text: &str) -> Utf16Index {
        Utf16Index {
            lines: eol_syntax::LineIndex::new(text),
            len: text.len(),
        }
    }

    /// The position of byte `offset` in `text` (the text the index was built from).
    /// An offset past the end is the end; one inside a character is that character's
    /// start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.start(line).min(offset);
        let character = if self.lines.is_ascii(line) {
            offset - start
        } else {
            text.get(start..offset)
                .map_or(0, |s| s.chars().map(char::len_utf16).sum())
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of byte span `start..end` in `text`.
    pub fn range(&self, text: &str, span: eol_syntax::Span) -> Range {
        Range {
            start: self.position(text, span.start),
            end: self.position(text, span.end.max(span.start)),
        }
    }

    /// The byte offset of `pos` in `text`. A line past the end is the end of the text; a
    /// column past the end of its line is the line's end (before its `\n`); a column in
    /// the middle of a character (between the two halves of a surrogate pair) is that
    /// character's start.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.lines.lines() {
            return text.len();
        }
        let start = self.lines.start(line);
        let end = if line + 1 < self.lines.lines() {
            self.lines.end(line).saturating_sub(1)
        } else {
            text.len()
        };
        let line_text = text.get(start..end).unwrap_or("");
        let wanted = pos.character as usize;
        if self.lines.is_ascii(line) {
            return start + wanted.min(line_text.len());
        }
        let mut units = 0usize;
        for (i, c) in line_text.char_indices() {
            let next = units + c.len_utf16();
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        start + line_text.len()
    }

    /// How many lines the text has (a final `\n` starts an empty last line).
    pub fn lines(&self) -> usize {
        self.lines.lines()
    }

    /// The byte offset where line `line` (zero-based) starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        (line < self.lines.lines()).then(|| self.lines.start(line))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_positions_are_byte_columns() {
        let text = "ab\ncd\n";
        let ix = Utf16Index::new(text);
        assert_eq!(ix.position(text, 0), Position::new(0, 0));
        assert_eq!(ix.position(text, 4), Position::new(1, 1));
        assert_eq!(ix.position(text, 6), Position::new(2, 0));
        assert_eq!(ix.position(text, 99), Position::new(2, 0));
        assert_eq!(ix.offset(text, Position::new(1, 1)), 4);
        assert_eq!(ix.offset(text, Position::new(1, 50)), 5);
        assert_eq!(ix.offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn non_ascii_columns_count_utf16_units() {
        let text = "phase p \"Premium-Unterstützung 🚀\" x\nnext";
        let ix = Utf16Index::new(text);
        let x = text.find(" x").unwrap() + 1;
        // `ü` is one unit (two bytes), `🚀` two units (four bytes)
        let chars_before: u32 = text[..x].chars().map(|c| c.len_utf16() as u32).sum();
        assert_eq!(ix.position(text, x), Position::new(0, chars_before));
        assert_eq!(chars_before as usize, x - 1 - 2);
        assert_eq!(ix.offset(text, Position::new(0, chars_before)), x);
        // every character boundary round-trips
        for (i, _) in text.char_indices() {
            assert_eq!(ix.offset(text, ix.position(text, i)), i, "offset {i}");
        }
        // inside the rocket's surrogate pair: the rocket's start
        let rocket = text.find('🚀').unwrap();
        let p = ix.position(text, rocket);
        assert_eq!(ix.offset(text, Position::new(0, p.character + 1)), rocket);
        // inside a character's bytes: that character
        assert_eq!(ix.position(text, rocket + 2), p);
        assert_eq!(ix.position(text, text.len()), Position::new(1, 4));
    }

    #[test]
    fn crlf_lines() {
        let text = "a\r\nbü\r\n";
        let ix = Utf16Index::new(text);
        assert_eq!(ix.position(text, 3), Position::new(1, 0));
        assert_eq!(ix.offset(text, Position::new(1, 2)), 6);
        assert_eq!(ix.lines(), 3);
    }
}
