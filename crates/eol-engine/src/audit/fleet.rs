//! An inventory CSV audited into CSV findings on every core: the fleet-scale path.
//!
//! [`super::input::read_csv`] reads rows on one thread and hands them to the caller's,
//! which judges each and renders it for the writing thread; at ten million rows the
//! caller's thread was the bottleneck and every row crossed between cores twice. Here the
//! input is cut into chunks of whole records (about [`super::lines`]'s block each), and each
//! worker thread takes the next chunk and does all of it: splits and checks its rows (the
//! same [`Reading::fill`] as the sequential reader), judges them, and renders the output
//! rows into a buffer of its own. The caller's thread puts the chunks back in order: their
//! rows go to the [`CsvWriter`]'s writing thread, their diagnostics to `problems` (so
//! output, diagnostics, their order, lines and spans are those of the sequential path).
//!
//! - **Cutting**: a chunk is a block of complete lines. A quoted value may hold line breaks,
//!   so a block with a `"` is scanned line by line as the reader would read it, and a
//!   record still open at its end takes the next blocks too, until it closes or the input
//!   ends. The chunk's first byte offset and line number are known when it is cut.
//! - **Judging**: each worker keeps its own table of the findings it has seen (by the same
//!   key as [`Auditor::judge`]) and their rendered cells, so a row is looked up in memory of
//!   its own core; a pair it has not seen is judged by the shared [`Auditor`] under a lock
//!   (once per pair and worker: ten thousand times in ten million rows).
//! - **Memory**: at most a few chunks per worker are in flight (a token is taken to cut one
//!   and given back when its rows are written), and output buffers are reused, so memory
//!   stays constant whatever the input's length.
//! - **Errors**: a read error is reported after the rows before it, as the sequential
//!   reader does; a write error stops the audit (nothing more could be written).

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::{mpsc, Mutex, PoisonError};

use super::input::{self, Batch, Columns, Problems, ReadStats, Reading};
use super::lines::BlockLines;
use super::output::{csv_cell_bytes, finding_cells, row_cells, CsvWriter};
use super::{Auditor, Brief, PairTable, Tally};

/// What auditing one inventory gave.
#[derive(Debug, Default)]
pub struct Audited {
    pub stats: ReadStats,
    /// the counts of the items read
    pub tally: Tally,
    /// items per finding (by index into [`Auditor::findings`])
    pub per_finding: Vec<u64>,
    /// writing the rows failed: the audit stopped there
    pub write_error: Option<io::Error>,
}

impl Audited {
    /// Add what another part of the audit gave to `tally` and `per_finding`.
    pub fn add_to(&self, tally: &mut Tally, per_finding: &mut Vec<u64>) {
        tally.merge(&self.tally);
        add_counts(per_finding, &self.per_finding);
    }
}

fn add_counts(to: &mut Vec<u64>, from: &[u64]) {
    if to.len() < from.len() {
        to.resize(from.len(), 0);
    }
    for (a, b) in to.iter_mut().zip(from) {
        *a += b;
    }
}

/// Audit the inventory CSV `reader` (named `file`) into `out`, a row per item, on as many
/// threads as the machine has cores. The diagnostics go to `problems` and the output to
/// `out` exactly as [`super::input::read_csv`] with [`CsvWriter::item`] would give them.
pub fn audit_csv<R: Read + Send, W: Write + Send + 'static>(
    file: &str,
    reader: R,
    auditor: &mut Auditor<'_>,
    out: &mut CsvWriter<W>,
    problems: &mut Problems,
) -> io::Result<Audited> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    audit_csv_with(file, BlockLines::new(reader), workers, auditor, out, problems)
}

/// [`audit_csv`] with the blocks and the number of workers given (tests cut small chunks).
pub(super) fn audit_csv_with<R: Read + Send, W: Write + Send + 'static>(
    file: &str,
    lines: BlockLines<R>,
    workers: usize,
    auditor: &mut Auditor<'_>,
    out: &mut CsvWriter<W>,
    problems: &mut Problems,
) -> io::Result<Audited> {
    let mut audited = Audited::default();
    let Some(start) = input::csv_start(file, lines, problems)? else {
        audited.stats.unreadable = true;
        return Ok(audited);
    };
    let header = &start.header;
    let mut file_cell = Vec::new();
    csv_cell_bytes(&mut file_cell, file);
    let extra = out.extra().to_vec();
    let job = Job {
        file,
        file_cell: &file_cell,
        columns: &header.columns,
        extra: &extra,
        auditor: Mutex::new(auditor),
        buffers: Mutex::new(Vec::new()),
    };
    let workers = workers.max(1);
    let in_flight = 2 * workers + 2;
    let (give_token, tokens) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = give_token.try_send(());
    }
    let cutting = Mutex::new(Cutting {
        carver: Carver {
            lines: start.lines,
            seq: 0,
            offset: start.offset,
            line: start.line,
            failed: None,
            done: false,
        },
        tokens,
    });
    let (done_tx, done_rx) = mpsc::channel::<(u64, Done)>();
    let mut read_error = None;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let done_tx = done_tx.clone();
                let (job, cutting) = (&job, &cutting);
                scope.spawn(move || {
                    let mut worker = Worker::default();
                    loop {
                        let next = {
                            let mut c = cutting.lock().unwrap_or_else(PoisonError::into_inner);
                            if c.tokens.recv().is_err() {
                                break;
                            }
                            c.carver.next()
                        };
                        let Some((seq, chunk)) = next else {
                            break;
                        };
                        let done = match chunk {
                            Ok(chunk) => worker.chunk(job, chunk),
                            Err(e) => Done::Failed(e),
                        };
                        if done_tx.send((seq, done)).is_err() {
                            break;
                        }
                    }
                    (worker.tally, worker.per_finding)
                })
            })
            .collect();
        drop(done_tx);
        // The chunks in order: rows to the writer, diagnostics to `problems`.
        let mut next = 0u64;
        let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
        'chunks: for (seq, done) in &done_rx {
            waiting.insert(seq, done);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                match done {
                    Done::Rows {
                        rows,
                        problems: local,
                        items,
                    } => {
                        problems.absorb(file, local);
                        audited.stats.items += items;
                        match out.raw(rows) {
                            Ok(Some(buffer)) => job
                                .buffers
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .push(buffer),
                            Ok(None) => {}
                            Err(e) => {
                                audited.write_error = Some(e);
                                break 'chunks;
                            }
                        }
                        let _ = give_token.send(());
                    }
                    Done::Failed(e) => {
                        read_error = Some(e);
                        break 'chunks;
                    }
                }
            }
        }
        // Stopped early or not, the workers finish: no more tokens, nobody to hear them.
        drop(give_token);
        drop(done_rx);
        for h in handles {
            if let Ok((tally, per_finding)) = h.join() {
                audited.tally.merge(&tally);
                add_counts(&mut audited.per_finding, &per_finding);
            }
        }
    });
    if let Some(e) = read_error {
        return Err(e);
    }
    input::csv_end(file, header, &audited.stats, problems);
    Ok(audited)
}

/// What every worker shares.
struct Job<'j, 'a> {
    file: &'j str,
    /// `file` as a CSV cell
    file_cell: &'j [u8],
    columns: &'j Columns,
    extra: &'j [String],
    auditor: Mutex<&'j mut Auditor<'a>>,
    /// output buffers the writer is done with
    buffers: Mutex<Vec<Vec<u8>>>,
}

/// The carver, and the tokens that bound how many chunks are in flight.
struct Cutting<R> {
    carver: Carver<R>,
    tokens: mpsc::Receiver<()>,
}

/// A run of whole records of the input, and where it starts.
struct Chunk {
    bytes: Vec<u8>,
    /// byte offset of its first byte, and the number of lines before it
    offset: usize,
    line: u64,
}

/// A chunk audited, or the read error that took its place.
enum Done {
    Rows {
        /// the output rows
        rows: Vec<u8>,
        problems: Problems,
        items: u64,
    },
    Failed(io::Error),
}

/// Cuts the input into chunks of whole records, numbered in order.
struct Carver<R> {
    lines: BlockLines<R>,
    seq: u64,
    offset: usize,
    line: u64,
    /// a read error after the last chunk's records: the next thing handed out
    failed: Option<io::Error>,
    done: bool,
}

impl<R: Read> Carver<R> {
    fn next(&mut self) -> Option<(u64, io::Result<Chunk>)> {
        if self.done {
            return None;
        }
        let seq = self.seq;
        if let Some(e) = self.failed.take() {
            self.done = true;
            self.seq += 1;
            return Some((seq, Err(e)));
        }
        let mut bytes = match self.lines.next_block() {
            Ok(Some(b)) => b,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                self.seq += 1;
                return Some((seq, Err(e)));
            }
        };
        if memchr::memchr(b'"', &bytes).is_some() {
            let mut scan = QuoteScan::default();
            scan.scan(&bytes);
            while let Some(start) = scan.open_at() {
                match self.lines.next_block() {
                    Ok(Some(more)) => {
                        bytes.extend_from_slice(&more);
                        scan.scan(&bytes);
                    }
                    // The reader reports the quote that is never closed.
                    Ok(None) => break,
                    // The records before the open one first, then the error.
                    Err(e) => {
                        bytes.truncate(start);
                        self.failed = Some(e);
                        break;
                    }
                }
            }
        }
        let chunk = Chunk {
            offset: self.offset,
            line: self.line,
            bytes,
        };
        self.offset += chunk.bytes.len();
        self.line += memchr::memchr_iter(b'\n', &chunk.bytes).count() as u64;
        self.seq += 1;
        Some((seq, Ok(chunk)))
    }
}

/// Where records start, line by line, as [`Reading::fill`] reads them: a line that opens a
/// quoted value and does not close it goes on with the next lines until the value closes.
#[derive(Default)]
struct QuoteScan {
    /// where the next line starts
    pos: usize,
    /// the record still open: where it starts, and its text so far
    open: Option<(usize, String)>,
}

impl QuoteScan {
    /// Read the lines of `bytes` from where the last scan stopped (`bytes` only grows).
    fn scan(&mut self, bytes: &[u8]) {
        while let Some(rest) = bytes.get(self.pos..).filter(|r| !r.is_empty()) {
            let len = memchr::memchr(b'\n', rest).map_or(rest.len(), |n| n + 1);
            let line = rest.get(..len).unwrap_or(rest);
            let start = self.pos;
            self.pos += len;
            match &mut self.open {
                Some((_, record)) => {
                    record.push('\n');
                    record.push_str(input::strip_line_end(&String::from_utf8_lossy(line)));
                    if !input::open_quote(record) {
                        self.open = None;
                    }
                }
                None => {
                    // A line that is not UTF-8 is a diagnostic of its own.
                    let Ok(text) = std::str::from_utf8(line) else {
                        continue;
                    };
                    let text = input::strip_line_end(text);
                    if !crate::text::is_blank(text)
                        && memchr::memchr(b'"', text.as_bytes()).is_some()
                        && input::open_quote(text)
                    {
                        self.open = Some((start, text.to_owned()));
                    }
                }
            }
        }
    }

    /// Where the record still open starts.
    fn open_at(&self) -> Option<usize> {
        self.open.as_ref().map(|(start, _)| *start)
    }
}

/// A worker's own memory: the findings it has seen, and its counts.
#[derive(Default)]
struct Worker {
    seen: Seen,
    tally: Tally,
    per_finding: Vec<u64>,
    batch: Batch,
}

impl Worker {
    fn chunk(&mut self, job: &Job<'_, '_>, chunk: Chunk) -> Done {
        let mut problems = Problems::default();
        let mut stats = ReadStats::default();
        let mut rows = job
            .buffers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        let mut reading = Reading::new(BlockLines::new(chunk.bytes.as_slice()), chunk.offset, chunk.line);
        let Worker {
            seen,
            tally,
            per_finding,
            batch,
        } = self;
        loop {
            batch.clear();
            // Read from memory: no I/O error can happen.
            if let Err(e) = reading.fill(job.columns, batch) {
                return Done::Failed(e);
            }
            batch.replay(
                job.file,
                job.columns,
                &mut problems,
                &mut stats,
                &mut |item, problems| {
                    let hit = match seen.find(item) {
                        Some(hit) => hit,
                        None => {
                            let auditor = &mut **job.auditor.lock().unwrap_or_else(PoisonError::into_inner);
                            let i = auditor.judge(item);
                            let (Some(brief), Some(f)) = (auditor.brief(i), auditor.finding(i)) else {
                                return;
                            };
                            let cells = finding_cells(f, auditor.suppressions());
                            seen.remember(i, brief, cells.as_bytes())
                        }
                    };
                    if hit.brief.problems {
                        let auditor = job.auditor.lock().unwrap_or_else(PoisonError::into_inner);
                        auditor.item_problems(hit.index, item, problems);
                    }
                    if per_finding.len() <= hit.index {
                        per_finding.resize(hit.index + 1, 0);
                    }
                    if let Some(n) = per_finding.get_mut(hit.index) {
                        *n += 1;
                    }
                    tally.add_brief(hit.brief);
                    rows.extend_from_slice(hit.cells);
                    row_cells(&mut rows, item, job.file_cell, job.extra);
                },
            );
            if reading.done() {
                break;
            }
        }
        Done::Rows {
            rows,
            problems,
            items: stats.items,
        }
    }
}

/// A finding as a row needs it.
struct Hit<'s> {
    index: usize,
    brief: Brief,
    /// its cells of a CSV row
    cells: &'s [u8],
}

/// The findings a worker has seen, by the key of [`super::pair_key`], laid out so that a
/// row costs one access to memory that is likely not in the core's cache: a table of
/// 4-byte slots (an 8-bit tag of the key's hash and where the entry is, in 8-byte units),
/// small enough to stay in cache, and the entries, each holding the key, the finding's
/// index and brief, and its rendered cells together (about 200 bytes, read in a row).
/// With [`super::PairTable`]'s layout and the cells apart, a row read three places that
/// missed the cache.
#[derive(Default)]
struct Seen {
    /// 0: empty; else (tag << 24) | (entry's offset / 8 + 1)
    slots: Vec<u32>,
    /// per entry: [`ENTRY_HEAD`] bytes (key length, finding index, cells' length, brief),
    /// then the key, then the cells, padded to a multiple of 8 bytes
    entries: Vec<u8>,
    len: usize,
    key: String,
    /// the offset of the last row's entry, and its key
    previous: Option<(String, usize)>,
    /// the cells of a finding too large to remember
    unkept: Vec<u8>,
}

/// An entry's header: key length, finding index, cells' length (u32 LE each), state,
/// suppressed, problems (a byte each) and a byte of padding.
const ENTRY_HEAD: usize = 16;
/// Entries are found by their offset in 8-byte units, in 24 bits: a worker whose entries
/// pass 128 MiB (half a million distinct pairs) forgets them and starts over (their rows
/// are judged by the auditor again, which is only slower).
const MAX_ENTRIES: usize = 8 * ((1 << 24) - 1);

impl Seen {
    fn find(&mut self, item: &super::Item<'_>) -> Option<Hit<'_>> {
        super::pair_key(item, &mut self.key);
        if let Some((key, at)) = &self.previous {
            if *key == self.key {
                let at = *at;
                return self.entry(at);
            }
        }
        let hash = PairTable::hash(&self.key);
        let mask = self.slots.len().checked_sub(1)?;
        let tag = (hash >> 56) as u32;
        let mut i = hash as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> 24 == tag {
                let at = ((slot & 0x00ff_ffff) as usize - 1) * 8;
                if self.key_of(at) == Some(self.key.as_bytes()) {
                    let mut key = std::mem::take(&mut self.key);
                    match &mut self.previous {
                        Some((k, e)) => {
                            std::mem::swap(k, &mut key);
                            *e = at;
                        }
                        None => self.previous = Some((key.clone(), at)),
                    }
                    self.key = key;
                    return self.entry(at);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The entry at `at`: its header, where its key starts, the key's and the cells' lengths.
    fn head(&self, at: usize) -> Option<(&[u8], usize, usize, usize)> {
        let head = self.entries.get(at..at + ENTRY_HEAD)?;
        let word = |i: usize| -> Option<usize> {
            Some(u32::from_le_bytes(head.get(i..i + 4)?.try_into().ok()?) as usize)
        };
        Some((head, at + ENTRY_HEAD, word(0)?, word(8)?))
    }

    fn key_of(&self, at: usize) -> Option<&[u8]> {
        let (_, key, key_len, _) = self.head(at)?;
        self.entries.get(key..key + key_len)
    }

    fn entry(&self, at: usize) -> Option<Hit<'_>> {
        let (head, key, key_len, cells_len) = self.head(at)?;
        let index = u32::from_le_bytes(head.get(4..8)?.try_into().ok()?) as usize;
        let state = *super::State::ALL.get(usize::from(*head.get(12)?))?;
        let brief = Brief {
            state,
            suppressed: *head.get(13)? != 0,
            problems: *head.get(14)? != 0,
        };
        let cells = self.entries.get(key + key_len..key + key_len + cells_len)?;
        Some(Hit { index, brief, cells })
    }

    /// Remember the finding of the item [`Seen::find`] did not know; what a row needs of it.
    fn remember(&mut self, index: usize, brief: Brief, cells: &[u8]) -> Hit<'_> {
        let (Ok(key_len), Ok(index32), Ok(cells_len)) = (
            u32::try_from(self.key.len()),
            u32::try_from(index),
            u32::try_from(cells.len()),
        ) else {
            // Too large to remember (4 GiB): kept for this row only.
            self.previous = None;
            self.unkept.clear();
            self.unkept.extend_from_slice(cells);
            return Hit {
                index,
                brief,
                cells: &self.unkept,
            };
        };
        let size = (ENTRY_HEAD + self.key.len() + cells.len()).next_multiple_of(8);
        if self.entries.len() + size > MAX_ENTRIES {
            // Forget, and start over.
            self.slots.clear();
            self.entries.clear();
            self.len = 0;
            if size > MAX_ENTRIES {
                self.previous = None;
                self.unkept.clear();
                self.unkept.extend_from_slice(cells);
                return Hit {
                    index,
                    brief,
                    cells: &self.unkept,
                };
            }
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.entries.len();
        self.entries.extend_from_slice(&key_len.to_le_bytes());
        self.entries.extend_from_slice(&index32.to_le_bytes());
        self.entries.extend_from_slice(&cells_len.to_le_bytes());
        self.entries.extend_from_slice(&[
            brief.state.index() as u8,
            u8::from(brief.suppressed),
            u8::from(brief.problems),
            0,
        ]);
        self.entries.extend_from_slice(self.key.as_bytes());
        self.entries.extend_from_slice(cells);
        self.entries.resize(at + size, 0);
        self.len += 1;
        Self::place(&mut self.slots, PairTable::hash(&self.key), at);
        self.previous = Some((self.key.clone(), at));
        self.entry(at).unwrap_or(Hit {
            index,
            brief,
            cells: &[],
        })
    }

    fn place(slots: &mut [u32], hash: u64, at: usize) {
        let Some(mask) = slots.len().checked_sub(1) else {
            return;
        };
        let slot = ((hash >> 56) as u32) << 24 | (at / 8 + 1) as u32;
        let mut i = hash as usize & mask;
        while let Some(s) = slots.get_mut(i) {
            if *s == 0 {
                *s = slot;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let mut slots = vec![0; size];
        let mut at = 0;
        while let Some((_, key, key_len, cells_len)) = self.head(at) {
            let text = self
                .entries
                .get(key..key + key_len)
                .and_then(|k| std::str::from_utf8(k).ok())
                .unwrap_or("");
            Self::place(&mut slots, PairTable::hash(text), at);
            at = (at + ENTRY_HEAD + key_len + cells_len).next_multiple_of(8);
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::audit::input::{extra_columns, read_csv};
    use crate::audit::suppress::Suppressions;
    use crate::audit::{Options, Within};
    use crate::library::{pair_by_name, Library, Request, Scope, Source};
    use crate::query::{Basis, ProductView};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn library() -> Library {
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let mut files = Vec::new();
        for stem in ["python", "nodejs", "postgresql"] {
            for file in [format!("{stem}.eol"), format!("{stem}.releases.csv")] {
                files.push(Source::new(
                    file.clone(),
                    std::fs::read(rules.join(&file)).unwrap(),
                ));
            }
        }
        let request = Request {
            bundled: pair_by_name(&files),
            ..Request::default()
        };
        Library::assemble(request, Scope::All)
    }

    /// Everything an audit gives that a person or a gate sees.
    #[derive(Debug, PartialEq)]
    struct Seen {
        out: String,
        problems: Vec<String>,
        dropped: Vec<(String, u64)>,
        tally: Tally,
        /// items per finding, by the finding's id and version (indices differ with threads)
        per_finding: BTreeMap<(String, Option<String>), u64>,
        read: Result<ReadStats, String>,
    }

    fn audit(text: &[u8], parallel: Option<(usize, usize)>) -> Seen {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut lib = library();
        let products = lib.evaluate(at, crate::eval::Options::default(), None);
        let views = products
            .iter()
            .filter_map(|p| {
                Some(ProductView {
                    policy: p.policy(&lib.rules)?,
                    product: p,
                    catalogs: &lib.catalogs,
                })
            })
            .collect();
        let options = Options {
            at,
            basis: Basis::Standard,
            within: Within::parse("90d").unwrap(),
            lang: None,
        };
        let mut auditor = Auditor::new(views, options, Suppressions::default());
        let header = String::from_utf8_lossy(text)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned();
        let mut out = CsvWriter::begin(Vec::new(), extra_columns(&header)).unwrap();
        let mut problems = Problems::default();
        let mut tally = Tally::default();
        let mut per_finding = Vec::new();
        let read = match parallel {
            Some((block, workers)) => {
                let lines = BlockLines::new(text).with_block_size(block);
                audit_csv_with("inv.csv", lines, workers, &mut auditor, &mut out, &mut problems).map(|a| {
                    a.add_to(&mut tally, &mut per_finding);
                    a.stats
                })
            }
            None => read_csv("inv.csv", text, &mut problems, &mut |item, problems| {
                let i = auditor.judge(item);
                auditor.item_problems(i, item, problems);
                add_counts(
                    &mut per_finding,
                    &vec![0; i].into_iter().chain([1]).collect::<Vec<_>>(),
                );
                tally.add_brief(auditor.brief(i).unwrap());
                out.item(item, i, &auditor).unwrap();
            }),
        };
        let out = String::from_utf8(out.finish().unwrap()).unwrap();
        let mut by_id = BTreeMap::new();
        for (i, n) in per_finding.iter().enumerate() {
            let f = auditor.finding(i).unwrap();
            *by_id.entry((f.id.clone(), f.version.clone())).or_insert(0) += n;
        }
        Seen {
            out,
            problems: problems.list.iter().map(|d| format!("{d:?}")).collect(),
            dropped: problems.dropped,
            tally,
            per_finding: by_id,
            read: read.map_err(|e| e.to_string()),
        }
    }

    /// Rows of every kind the reader handles.
    const ROWS: &[&str] = &[
        "python,3.12.1,h1",
        "nodejs,v18.19.0,h2",
        "postgresql,12.4,h3",
        "left-pad,1.0,h4",
        "python,9.9,h5",
        " python , 3.11 ,h6",
        "python,3.12",
        "python,3.12,h,extra",
        ",3.12,h7",
        "",
        "   ",
        "\"python\",\"3.12\",\"h,8\"",
        "\"pyt\"\"hon\",3.10,h9",
        "\"multi\nline\",3.1,h10",
        "python,\"3.\n\n13\",\"h\r\n11\"",
        "pyt\u{e9}hon,3,h12",
        "python,3.12 .4,h13",
        "Python,3.8.20,h14",
        "node,20.1.0,\"h 15\"",
        "postgresql,  16.4  ,h16",
    ];

    fn inventory(rows: &[usize], crlf: bool, bom: bool, end: u8) -> Vec<u8> {
        let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut text = Vec::new();
        if bom {
            text.extend_from_slice("\u{feff}".as_bytes());
        }
        text.extend_from_slice(b"product,version,host");
        for &r in rows {
            text.extend_from_slice(eol);
            match ROWS.get(r) {
                Some(row) => text.extend_from_slice(row.as_bytes()),
                // a line that is not UTF-8
                None => text.extend_from_slice(b"pyt\xffhon,3.12,h"),
            }
        }
        match end {
            0 => text.extend_from_slice(eol),
            1 => {}
            // a quote never closed
            _ => text.extend_from_slice(b"\n\"python,3.12,h\nmore"),
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn every_core_gives_what_one_gives(
            rows in prop::collection::vec(0..ROWS.len() + 1, 0..60),
            crlf: bool,
            bom: bool,
            end in 0u8..3,
            block in 1usize..80,
            workers in 1usize..4,
        ) {
            let text = inventory(&rows, crlf, bom, end);
            prop_assert_eq!(audit(&text, Some((block, workers))), audit(&text, None));
        }
    }

    #[test]
    fn many_rows_many_problems_every_block_size() {
        // More problems than a file keeps (some kept, the rest counted), across many chunks.
        let rows: Vec<usize> = (0..700).map(|i| (i * 7 + i / 13) % (ROWS.len() + 1)).collect();
        let text = inventory(&rows, false, false, 0);
        let one = audit(&text, None);
        assert!(one.dropped.iter().any(|(_, n)| *n > 0), "{:?}", one.dropped);
        for (block, workers) in [(1, 2), (7, 3), (64, 2), (1000, 1), (1 << 17, 2)] {
            assert_eq!(
                audit(&text, Some((block, workers))),
                one,
                "block {block}, {workers} workers"
            );
        }
    }

    #[test]
    fn headers_that_cannot_be_read_are_the_same() {
        for text in [
            &b""[..],
            b"\n\n",
            b"host\na\n",
            b"\"product,version\n",
            b"product,version\n",
        ] {
            assert_eq!(audit(text, Some((4, 2))), audit(text, None));
        }
    }

    /// Gives its text a few bytes at a time, then fails.
    struct Failing(Vec<u8>, usize);

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let rest = self.0.get(self.1..).unwrap_or(&[]);
            if rest.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = rest.len().min(buf.len()).min(5);
            buf.get_mut(..n).unwrap().copy_from_slice(rest.get(..n).unwrap());
            self.1 += n;
            Ok(n)
        }
    }

    #[test]
    fn rows_before_a_read_error_are_audited_then_it_is_reported() {
        let text = b"product,version,host\npython,3.12,a\nnodejs,20.1,b\n\"open\nquote,1,c\npartial".to_vec();
        let mut lib = library();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let products = lib.evaluate(at, crate::eval::Options::default(), None);
        let views = products
            .iter()
            .filter_map(|p| {
                Some(ProductView {
                    policy: p.policy(&lib.rules)?,
                    product: p,
                    catalogs: &lib.catalogs,
                })
            })
            .collect();
        let options = Options {
            at,
            basis: Basis::Standard,
            within: Within::parse("90d").unwrap(),
            lang: None,
        };
        let mut auditor = Auditor::new(views, options, Suppressions::default());
        let mut out = CsvWriter::begin(Vec::new(), vec!["host".to_owned()]).unwrap();
        let mut problems = Problems::default();
        let lines = BlockLines::new(Failing(text, 0)).with_block_size(3);
        let err = audit_csv_with("inv.csv", lines, 2, &mut auditor, &mut out, &mut problems).unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
        let out = String::from_utf8(out.finish().unwrap()).unwrap();
        let rows: Vec<&str> = out.lines().skip(1).collect();
        assert_eq!(rows.len(), 2, "{out}");
        assert!(
            rows[0].starts_with("python/3.12/") && rows[1].starts_with("nodejs/20/"),
            "{out}"
        );
    }
}
