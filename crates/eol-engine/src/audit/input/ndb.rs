//! RPM's own database format, `ndb`: `Packages.db` of SUSE Linux Enterprise 15 from SP3 and
//! openSUSE Leap from 15.3 (in `/usr/lib/sysimage/rpm`, where `/var/lib/rpm` links to), whose
//! records are the package headers ([`super::RpmHeader`]) under their package numbers.
//!
//! The layout is rpm's (`lib/backend/ndb/rpmpkg.c`), every number little-endian, the file
//! counted in 16-byte blocks:
//!
//! - a 32-byte header: the magic `RpmP`, the format's version (0), a generation counter, the
//!   number of 4096-byte pages that hold the slots, and the next package number to give;
//! - the slots, 16 bytes each, after the header and on to the end of the slot pages: the
//!   magic `Slot`, a package number, the block its record starts at (0: the slot is free) and
//!   how many blocks the record takes;
//! - the records ("blobs"), after the slot pages: a 16-byte head (the magic `BlbS`, the
//!   package number, a generation, the header's length), the header, zeros to the block's
//!   end, and a 12-byte tail (the Adler-32 checksum of all before it, the length again, the
//!   magic `BlbE`).
//!
//! Nothing is written, no lock is taken, and no rpm library is needed. The slots are read
//! first (a few bytes kept per package), then the records in the order of their package
//! numbers, as the SQLite and Berkeley DB databases are given. A record whose checksum,
//! length or package number is not what its slot says is that row's problem, the others are
//! still read; a slot page that is not one, or a file cut inside them, makes the file
//! unreadable.

use std::io::{Read, Seek, SeekFrom};

use super::RpmRow;

/// `RpmP`, `Slot`, `BlbS` and `BlbE`, as rpm compares them: little-endian words.
const DB_MAGIC: u32 = u32::from_le_bytes(*b"RpmP");
const SLOT_MAGIC: u32 = u32::from_le_bytes(*b"Slot");
const HEAD_MAGIC: u32 = u32::from_le_bytes(*b"BlbS");
const TAIL_MAGIC: u32 = u32::from_le_bytes(*b"BlbE");
/// The sizes rpm lays the file out by.
const PAGE: u64 = 4096;
const BLOCK: u64 = 16;
const SLOT: usize = 16;
const DB_HEADER: usize = 32;
const HEAD: usize = 16;
const TAIL: usize = 12;

/// Whether a file's first bytes are those of an ndb `Packages.db`: the magic `RpmP` and
/// format version 0.
pub fn ndb_head(head: &[u8]) -> bool {
    head.get(..8) == Some(b"RpmP\0\0\0\0".as_slice())
}

/// One used slot: a package and where its record is.
#[derive(Clone, Copy, Debug)]
struct Slot {
    number: u32,
    /// the record's first block
    block: u32,
    /// how many blocks it takes
    blocks: u32,
    /// the slot's own number (from 2: the database's header takes the first two)
    index: u64,
}

/// RPM's ndb database, opened: its rows, in the order of their package numbers.
pub struct NdbDb<R> {
    reader: R,
    rows: std::vec::IntoIter<Result<Slot, (u32, String)>>,
    /// a record that could not be read at all ends the reading
    failed: bool,
}

impl<R: Read + Seek> NdbDb<R> {
    /// Read the header and the slots. An error says, in words, why the file is not such a
    /// database, or where reading it failed.
    pub fn open(mut reader: R) -> Result<NdbDb<R>, String> {
        let len = reader
            .seek(SeekFrom::End(0))
            .map_err(|e| format!("its length cannot be read: {e}"))?;
        let mut header = [0u8; DB_HEADER];
        reader
            .seek(SeekFrom::Start(0))
            .and_then(|_| reader.read_exact(&mut header))
            .map_err(|_| "it is shorter than an ndb database's header".to_owned())?;
        if word(&header, 0) != DB_MAGIC {
            return Err("it is not an ndb database (no `RpmP` at its start)".to_owned());
        }
        let version = word(&header, 4);
        if version != 0 {
            return Err(format!(
                "its format's version is {version}; rpm writes only version 0"
            ));
        }
        let slot_pages = u64::from(word(&header, 12));
        if slot_pages == 0 || slot_pages * PAGE > len {
            return Err(format!(
                "its header says its slots take {slot_pages} pages of 4096 bytes, but the file is {len} bytes long"
            ));
        }
        let first_record = slot_pages * PAGE / BLOCK;
        let blocks_in_file = len / BLOCK;
        let mut slots: Vec<Result<Slot, (u32, String)>> = Vec::new();
        let mut page = vec![0u8; PAGE as usize];
        // the pages whole, the header's bytes with the first
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| format!("its slots cannot be read: {e}"))?;
        for number in 0..slot_pages {
            reader
                .read_exact(&mut page)
                .map_err(|e| format!("its slot page {number} cannot be read: {e}"))?;
            let start = if number == 0 { DB_HEADER } else { 0 };
            for at in (start..page.len()).step_by(SLOT) {
                // rpm numbers the slots by their place: the header takes 0 and 1
                let byte = number * PAGE + at as u64;
                let index = byte / SLOT as u64;
                if word(&page, at) != SLOT_MAGIC {
                    return Err(format!(
                        "its slot {index} (byte {byte}) is damaged: it does not start with `Slot`"
                    ));
                }
                let slot = Slot {
                    number: word(&page, at + 4),
                    block: word(&page, at + 8),
                    blocks: word(&page, at + 12),
                    index,
                };
                // a free slot
                if slot.block == 0 {
                    continue;
                }
                let end = u64::from(slot.block) + u64::from(slot.blocks);
                let problem = if slot.number == 0 {
                    Some("gives package number 0, which rpm never gives".to_owned())
                } else if slot.blocks == 0 {
                    Some("gives its record no blocks".to_owned())
                } else if u64::from(slot.block) < first_record {
                    Some(format!(
                        "puts its record at block {}, among the slots",
                        slot.block
                    ))
                } else if end > blocks_in_file {
                    Some(format!(
                        "puts its record at blocks {} to {end}, past the file's end (block {blocks_in_file})",
                        slot.block
                    ))
                } else {
                    None
                };
                slots.push(match problem {
                    Some(p) => Err((slot.number, format!("its slot {} {p}", slot.index))),
                    None => Ok(slot),
                });
            }
        }
        let number = |s: &Result<Slot, (u32, String)>| match s {
            Ok(slot) => slot.number,
            Err((n, _)) => *n,
        };
        slots.sort_by_key(number);
        // two slots for one package: the first is read, the second is said
        let mut previous: Option<u32> = None;
        for s in &mut slots {
            let n = number(s);
            if previous == Some(n) {
                *s = Err((n, format!("a second slot gives package number {n}")));
            }
            previous = Some(n);
        }
        Ok(NdbDb {
            reader,
            rows: slots.into_iter(),
            failed: false,
        })
    }

    /// A slot's record: its header, or why it is not one (Ok(Err)); Err when the file cannot
    /// be read.
    fn fetch(&mut self, slot: Slot) -> Result<Result<Vec<u8>, String>, String> {
        let at = u64::from(slot.block) * BLOCK;
        let mut head = [0u8; HEAD];
        self.reader
            .seek(SeekFrom::Start(at))
            .and_then(|_| self.reader.read_exact(&mut head))
            .map_err(|e| format!("its record at byte {at} cannot be read: {e}"))?;
        if word(&head, 0) != HEAD_MAGIC {
            return Ok(Err(format!("its record at byte {at} does not start with `BlbS`")));
        }
        if word(&head, 4) != slot.number {
            return Ok(Err(format!(
                "its record at byte {at} is package {}'s, not {}'s as its slot says",
                word(&head, 4),
                slot.number
            )));
        }
        let len = word(&head, 12) as usize;
        let blocks = (HEAD as u64 + len as u64 + TAIL as u64).div_ceil(BLOCK);
        if blocks != u64::from(slot.blocks) {
            return Ok(Err(format!(
                "its record says its header is {len} bytes long, which takes {blocks} blocks, not the {} its slot gives",
                slot.blocks
            )));
        }
        if len > crate::limits::MAX_RPM_HEADER_BYTES {
            return Ok(Err(format!(
                "its header is {len} bytes long, past the {} MiB read of one",
                crate::limits::MAX_RPM_HEADER_BYTES >> 20
            )));
        }
        // the header, the padding and the tail (the slot was checked to end inside the file)
        let rest = (blocks * BLOCK) as usize - HEAD;
        let mut body = vec![0u8; rest];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| format!("its record at byte {at} cannot be read: {e}"))?;
        let (covered, tail) = body.split_at(rest - TAIL);
        let mut sum = adler2::Adler32::new();
        sum.write_slice(&head);
        sum.write_slice(covered);
        if word(tail, 8) != TAIL_MAGIC || word(tail, 4) as usize != len {
            return Ok(Err(format!(
                "its record at byte {at} does not end as it began (its tail is damaged)"
            )));
        }
        if word(tail, 0) != sum.checksum() {
            return Ok(Err(format!(
                "its record at byte {at} is damaged: its checksum does not match"
            )));
        }
        body.truncate(len);
        Ok(Ok(body))
    }
}

impl<R: Read + Seek> Iterator for NdbDb<R> {
    type Item = Result<RpmRow, String>;

    /// The next row: its package number and header (or why the header cannot be read); an
    /// error when the file cannot be read at all, after which there is none.
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.rows.next()? {
            Err((number, why)) => Some(Ok((i64::from(number), Err(why)))),
            Ok(slot) => match self.fetch(slot) {
                Ok(blob) => Some(Ok((i64::from(slot.number), blob))),
                Err(e) => {
                    self.failed = true;
                    Some(Err(e))
                }
            },
        }
    }
}

/// The little-endian word at `at` (0 past the end: callers check lengths first).
fn word(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_le_bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::audit::input::RpmHeader;
    use std::io::Cursor;

    // Made by crates/eol-cli/tests/fixtures/audit/rpmdb-gen/gen-ndb.sh: the SUSE Linux
    // Enterprise 15 SP6 fixture (package 2 erased, package 9 put in its slot after), and 300
    // made-up headers with their slots on two pages, package 100 erased.
    const SLES: &[u8] = include_bytes!(
        "../../../../eol-cli/tests/fixtures/audit/rootfs/sles15/usr/lib/sysimage/rpm/Packages.db"
    );
    const TWO_PAGES: &[u8] = include_bytes!("testdata/two-slot-pages.ndb");

    /// A row's number and its package's name, or the row's error.
    type Named = (i64, Result<String, String>);

    /// Every row, named.
    fn names(bytes: &[u8]) -> Result<Vec<Named>, String> {
        NdbDb::open(Cursor::new(bytes))?
            .map(|row| {
                let (n, blob) = row?;
                Ok((
                    n,
                    blob.and_then(|b| RpmHeader::parse(&b).map(|h| h.name.to_owned())),
                ))
            })
            .collect()
    }

    fn ok(rows: &[(i64, &str)]) -> Vec<Named> {
        rows.iter().map(|(n, s)| (*n, Ok((*s).to_owned()))).collect()
    }

    const FIXTURE: [(i64, &str); 8] = [
        (1, "gpg-pubkey"),
        (3, "sles-release"),
        (4, "python311-base"),
        (5, "postgresql16-server"),
        (6, "nodejs20"),
        (7, "libopenssl3"),
        (8, "kernel-default"),
        (9, "bash"),
    ];

    /// The byte of the slot that gives package `n`.
    fn slot_of(bytes: &[u8], n: u32) -> usize {
        (DB_HEADER..PAGE as usize)
            .step_by(SLOT)
            .find(|&at| word(bytes, at) == SLOT_MAGIC && word(bytes, at + 4) == n && word(bytes, at + 8) != 0)
            .unwrap()
    }

    #[test]
    fn the_rows_are_read_in_the_order_of_their_numbers() {
        assert!(ndb_head(SLES));
        // bash's slot is the second, before those of 3 to 8; vim's record is zeros now
        assert_eq!(slot_of(SLES, 9), DB_HEADER + SLOT);
        assert_eq!(names(SLES).unwrap(), ok(&FIXTURE));
        let header = NdbDb::open(Cursor::new(SLES))
            .unwrap()
            .find_map(|r| {
                let (n, blob) = r.unwrap();
                (n == 6).then(|| blob.unwrap())
            })
            .unwrap();
        let nodejs = RpmHeader::parse(&header).unwrap();
        assert_eq!(nodejs.evr().as_deref(), Some("20.18.0-150600.3.6.2"));
        assert_eq!(nodejs.source_rpm, Some("nodejs20-20.18.0-150600.3.6.2.src.rpm"));
    }

    #[test]
    fn slots_on_more_than_one_page_are_read() {
        let rows = names(TWO_PAGES).unwrap();
        let expected: Vec<Named> = (1..=300)
            .filter(|&i| i != 100)
            .map(|i| (i, Ok(format!("pkg{i}"))))
            .collect();
        assert_eq!(rows, expected);
    }

    #[test]
    fn a_file_that_is_no_ndb_database_is_said_to_be_none() {
        let why = |bytes: &[u8]| NdbDb::open(Cursor::new(bytes)).err().unwrap();
        assert!(why(b"").contains("shorter than"), "{}", why(b""));
        assert!(why(b"SQLite format 3\0 and more bytes..").contains("no `RpmP`"));
        let mut v = SLES.to_vec();
        v[4] = 1;
        assert!(!ndb_head(&v));
        assert!(why(&v).contains("version is 1"), "{}", why(&v));
        let mut v = SLES.to_vec();
        v[12] = 0;
        assert!(why(&v).contains("take 0 pages"), "{}", why(&v));
        v[12] = 200;
        assert!(why(&v).contains("take 200 pages"), "{}", why(&v));
        // a slot page that is not one
        let mut v = SLES.to_vec();
        v[DB_HEADER + 5 * SLOT] = b'X';
        assert_eq!(
            why(&v),
            "its slot 7 (byte 112) is damaged: it does not start with `Slot`"
        );
    }

    #[test]
    fn a_damaged_record_or_slot_is_its_rows_problem() {
        let row_error = |bytes: &[u8], n: i64| -> String {
            let rows = names(bytes).unwrap();
            assert_eq!(rows.len(), FIXTURE.len(), "{rows:?}");
            for (row, (m, name)) in rows.iter().zip(FIXTURE) {
                assert_eq!(row.0, m);
                if m != n {
                    assert_eq!(row.1.as_deref(), Ok(name));
                }
            }
            rows.into_iter().find(|r| r.0 == n).unwrap().1.unwrap_err()
        };
        let record = |bytes: &[u8], n: u32| word(bytes, slot_of(bytes, n) + 8) as usize * BLOCK as usize;
        // a byte of the header: the checksum
        let mut v = SLES.to_vec();
        let at = record(&v, 6) + HEAD + 40;
        v[at] ^= 1;
        assert!(row_error(&v, 6).contains("its checksum does not match"));
        // the record is another package's
        let mut v = SLES.to_vec();
        let at = record(&v, 7) + 4;
        v[at] = 8;
        assert!(
            row_error(&v, 7).contains("is package 8's, not 7's"),
            "{}",
            row_error(&v, 7)
        );
        // the record's length is not what its blocks hold
        let mut v = SLES.to_vec();
        let at = record(&v, 4) + 12;
        v[at] = v[at].wrapping_add(64);
        assert!(
            row_error(&v, 4).contains("blocks, not the"),
            "{}",
            row_error(&v, 4)
        );
        // its tail
        let mut v = SLES.to_vec();
        let next = record(&v, 5) + word(&v, slot_of(&v, 5) + 12) as usize * BLOCK as usize;
        v[next - 1] = b'X';
        assert!(row_error(&v, 5).contains("does not end as it began"));
        // a slot past the file's end, or among the slots
        let mut v = SLES.to_vec();
        let slot = slot_of(&v, 8);
        v[slot + 10] = 0x7f;
        assert!(
            row_error(&v, 8).contains("past the file's end"),
            "{}",
            row_error(&v, 8)
        );
        v[slot + 8..slot + 12].copy_from_slice(&3u32.to_le_bytes());
        assert!(
            row_error(&v, 8).contains("among the slots"),
            "{}",
            row_error(&v, 8)
        );
        // two slots for one package: the first is read, the second said
        let mut v = SLES.to_vec();
        let (a, b) = (slot_of(&v, 3), slot_of(&v, 4));
        let copy = v[a..a + SLOT].to_vec();
        v[b..b + SLOT].copy_from_slice(&copy);
        let rows = names(&v).unwrap();
        assert_eq!(rows[1], (3, Ok("sles-release".to_owned())));
        assert_eq!(
            rows[2],
            (3, Err("a second slot gives package number 3".to_owned()))
        );
    }

    #[test]
    fn a_header_past_the_limit_is_not_read() {
        // one record of 65 MiB: refused by its length alone
        let len = crate::limits::MAX_RPM_HEADER_BYTES + (1 << 20);
        let blocks = (HEAD + len + TAIL).div_ceil(BLOCK as usize);
        let mut v = vec![0u8; PAGE as usize + blocks * BLOCK as usize];
        v[..20].copy_from_slice(
            &[
                b"RpmP".as_slice(),
                &[0; 4],
                &[1, 0, 0, 0],
                &[1, 0, 0, 0],
                &[2, 0, 0, 0],
            ]
            .concat(),
        );
        for at in (DB_HEADER..PAGE as usize).step_by(SLOT) {
            v[at..at + 4].copy_from_slice(b"Slot");
        }
        let slot: Vec<u8> = [1u32, (PAGE / BLOCK) as u32, blocks as u32]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        v[DB_HEADER + 4..DB_HEADER + 16].copy_from_slice(&slot);
        let head: Vec<u8> = [HEAD_MAGIC, 1, 0, len as u32]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        v[PAGE as usize..PAGE as usize + HEAD].copy_from_slice(&head);
        let rows = names(&v).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(
            rows[0]
                .1
                .as_ref()
                .unwrap_err()
                .contains("past the 64 MiB read of one"),
            "{rows:?}"
        );
    }

    #[test]
    fn no_byte_of_a_database_makes_it_panic() {
        for value in [0u8, 0xff] {
            for at in 0..SLES.len() {
                let mut v = SLES.to_vec();
                v[at] = value;
                let _ = names(&v);
            }
        }
        for len in 0..SLES.len() {
            let _ = names(&SLES[..len]);
        }
    }
}
