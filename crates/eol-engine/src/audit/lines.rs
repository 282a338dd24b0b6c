//! Lines of a text input, read a block at a time.
//!
//! `BufRead::read_until` hands out one line per call, and each line then needs its own
//! UTF-8 check: at 10 million inventory rows that was a tenth of `eol audit`. This reader
//! reads about a mebibyte at a time, keeps the block's complete lines (a partial last line
//! waits for the next block), checks the whole block for UTF-8 once, and then finds each
//! line end with `memchr`. A block that is not all UTF-8 is checked line by line, so an
//! invalid line is handed out as bytes (for its diagnostic, with its exact offset) and
//! every other line of the block as text, as before.
//!
//! Memory stays constant: one block and a partial line, whatever the input's length (a
//! single line longer than a block makes the block that long).

use std::io::{self, Read};

/// How much is read at once.
const BLOCK: usize = 1 << 17;

/// One line, with its end (`\n`, `\r\n`, or none at the end of the input), as
/// `read_until(b'\n')` would give it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Line<'b> {
    Text(&'b str),
    /// not UTF-8
    Bytes(&'b [u8]),
}

impl<'b> Line<'b> {
    pub(crate) fn bytes(self) -> &'b [u8] {
        match self {
            Line::Text(t) => t.as_bytes(),
            Line::Bytes(b) => b,
        }
    }
}

/// Whether the block being read holds a byte anywhere: when not, none of its lines needs
/// looking at for it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BlockHas {
    /// a `"` (a line may hold a quoted value)
    pub(crate) quote: bool,
    /// a carriage return (a line may hold one, or end with `\r\n`)
    pub(crate) cr: bool,
}

/// The lines of the block being read.
enum Block {
    /// all UTF-8
    Text(String),
    /// some line is not UTF-8: each line is checked alone
    Bytes(Vec<u8>),
}

impl Block {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Block::Text(t) => t.as_bytes(),
            Block::Bytes(b) => b,
        }
    }
}

/// Reads lines a block at a time (see the module's text).
pub(crate) struct BlockLines<R> {
    reader: R,
    block: Block,
    /// where the next line starts in `block`
    pos: usize,
    /// read after the block's last line end: the start of the next block
    carry: Vec<u8>,
    eof: bool,
    /// what the block holds
    has: BlockHas,
    /// a read that failed after some complete lines: reported once those are handed out,
    /// as `read_until` would have reported it at the line it broke
    failed: Option<io::Error>,
    newline: LineFeeds,
}

/// Finds line feeds. `memchr::memchr` picks its implementation on every call, which costs
/// about as much as the search in a row of a few dozen bytes; where AVX2 is available its
/// searcher is made once and called directly.
struct LineFeeds {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::One>,
}

impl LineFeeds {
    fn new() -> Self {
        LineFeeds {
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::One::new(b'\n'),
        }
    }

    /// Where the first line feed of `bytes` is.
    #[inline]
    fn find(&self, bytes: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(one) = &self.avx2 {
            return one.find(bytes);
        }
        memchr::memchr(b'\n', bytes)
    }
}

impl<R: Read> BlockLines<R> {
    pub(crate) fn new(reader: R) -> Self {
        BlockLines {
            reader,
            block: Block::Text(String::new()),
            pos: 0,
            carry: Vec::new(),
            eof: false,
            has: BlockHas::default(),
            failed: None,
            newline: LineFeeds::new(),
        }
    }

    /// The next line, and what its block holds anywhere.
    pub(crate) fn next_line_in_block(&mut self) -> io::Result<Option<(Line<'_>, BlockHas)>> {
        if self.pos >= self.block.as_bytes().len() && !self.refill()? {
            return Ok(None);
        }
        let has = self.has;
        Ok(self.next_line()?.map(|l| (l, has)))
    }

    /// The next line, or None at the end of the input.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        if self.pos >= self.block.as_bytes().len() && !self.refill()? {
            return Ok(None);
        }
        let start = self.pos;
        let rest = self.block.as_bytes().get(start..).unwrap_or(&[]);
        let len = self.newline.find(rest).map_or(rest.len(), |n| n + 1);
        self.pos = start + len;
        Ok(Some(match &self.block {
            Block::Text(t) => Line::Text(t.get(start..start + len).unwrap_or("")),
            Block::Bytes(b) => {
                let line = b.get(start..start + len).unwrap_or(&[]);
                match std::str::from_utf8(line) {
                    Ok(t) => Line::Text(t),
                    Err(_) => Line::Bytes(line),
                }
            }
        }))
    }

    /// The rest of the block being read, when it is all UTF-8 and holds no quote and no
    /// carriage return: its lines can then be taken straight from it ([`BlockLines::line_end`],
    /// [`BlockLines::skip`]) rather than one `next_line` call each. Its complete lines end
    /// with a line feed; only the input's last line may not. None when the block is spent or
    /// is not all plain text.
    pub(crate) fn plain_rest(&self) -> Option<&str> {
        match &self.block {
            Block::Text(t) if !self.has.quote && !self.has.cr => t.get(self.pos..).filter(|r| !r.is_empty()),
            _ => None,
        }
    }

    /// Where the first line feed of `bytes` is.
    #[inline]
    pub(crate) fn line_end(&self, bytes: &[u8]) -> Option<usize> {
        self.newline.find(bytes)
    }

    /// Go past `n` bytes of [`BlockLines::plain_rest`] (whole lines, taken from it).
    pub(crate) fn skip(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.block.as_bytes().len());
    }

    /// Read the next block of complete lines; false when the input has no more.
    fn refill(&mut self) -> io::Result<bool> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let mut bytes = match std::mem::replace(&mut self.block, Block::Text(String::new())) {
            Block::Text(t) => t.into_bytes(),
            Block::Bytes(b) => b,
        };
        bytes.clear();
        bytes.append(&mut self.carry);
        self.pos = 0;
        // Read until the block holds a line end past BLOCK bytes, or the input ends.
        let mut searched = 0;
        let cut = loop {
            // a line that does not end: refused before it takes the memory (the block then
            // holds no line end, or it would have been cut at one)
            if bytes.len() as u64 > crate::limits::MAX_AUDIT_LINE_BYTES
                && memchr::memchr(b'\n', &bytes).is_none()
            {
                self.eof = true;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "a line is longer than {} MiB: no inventory has one (`eol audit` reads CSV and JSON Lines a line at a time)",
                        crate::limits::MAX_AUDIT_LINE_BYTES >> 20
                    ),
                ));
            }
            if self.eof {
                break bytes.len();
            }
            if bytes.len() >= BLOCK {
                if let Some(n) = memchr::memrchr(b'\n', bytes.get(searched..).unwrap_or(&[])) {
                    break searched + n + 1;
                }
                searched = bytes.len();
            }
            bytes.reserve(BLOCK);
            let n = self.reader.by_ref().take(BLOCK as u64).read_to_end(&mut bytes);
            match n {
                // `take` stops short only at the end of the input.
                Ok(n) => self.eof = n < BLOCK,
                Err(e) => match memchr::memrchr(b'\n', &bytes) {
                    // The lines read before the error first.
                    Some(n) => {
                        self.failed = Some(e);
                        break n + 1;
                    }
                    None => {
                        self.block = Block::Bytes(bytes);
                        return Err(e);
                    }
                },
            }
        };
        if let Some(rest) = bytes.get(cut..) {
            self.carry.extend_from_slice(rest);
        }
        bytes.truncate(cut);
        let any = !bytes.is_empty();
        self.has = BlockHas {
            quote: memchr::memchr(b'"', &bytes).is_some(),
            cr: memchr::memchr(b'\r', &bytes).is_some(),
        };
        self.block = match String::from_utf8(bytes) {
            Ok(t) => Block::Text(t),
            Err(e) => Block::Bytes(e.into_bytes()),
        };
        Ok(any)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::BufRead;

    /// The lines `read_until` gives, and whether each is UTF-8.
    fn reference(input: &[u8]) -> Vec<(Vec<u8>, bool)> {
        let mut r = input;
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            if r.read_until(b'\n', &mut buf).unwrap() == 0 {
                return out;
            }
            let ok = std::str::from_utf8(&buf).is_ok();
            out.push((buf, ok));
        }
    }

    fn blocks(input: &[u8]) -> Vec<(Vec<u8>, bool)> {
        let mut lines = BlockLines::new(input);
        let mut out = Vec::new();
        while let Some(l) = lines.next_line().unwrap() {
            out.push((l.bytes().to_vec(), matches!(l, Line::Text(_))));
        }
        out
    }

    /// Gives its text a few bytes at a time, then fails.
    struct Failing(&'static [u8]);

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.0.len().min(buf.len()).min(5);
            let (now, rest) = self.0.split_at(n);
            buf.get_mut(..n).unwrap().copy_from_slice(now);
            self.0 = rest;
            Ok(n)
        }
    }

    #[test]
    fn lines_read_before_an_error_come_first() {
        let mut lines = BlockLines::new(Failing(b"a,1\nb,2\npartial"));
        assert_eq!(lines.next_line().unwrap().unwrap().bytes(), b"a,1\n");
        assert_eq!(lines.next_line().unwrap().unwrap().bytes(), b"b,2\n");
        assert_eq!(lines.next_line().unwrap_err().to_string(), "disk on fire");
    }

    #[test]
    fn lines_are_those_read_until_gives() {
        let mut big = Vec::new();
        for i in 0..200_000u32 {
            big.extend_from_slice(format!("row-{i},{}\r\n", "x".repeat((i % 13) as usize)).as_bytes());
            if i % 50_001 == 7 {
                big.extend_from_slice(b"bad \xff\xfe line\n");
            }
        }
        big.extend_from_slice(&vec![b'y'; 3 * BLOCK]);
        big.extend_from_slice(b"\nno end \xc3");
        for input in [
            &b""[..],
            b"\n",
            b"a",
            b"a\nb",
            b"a\n\nb\n",
            b"\xef\xbb\xbfp,v\n\xe2\x82\n",
            &big,
        ] {
            assert_eq!(blocks(input), reference(input));
        }
    }
}
