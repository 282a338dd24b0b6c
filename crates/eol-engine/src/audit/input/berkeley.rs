//! RPM's database before SQLite: `/var/lib/rpm/Packages` of RHEL and its rebuilds up to 8,
//! CentOS 7 and Amazon Linux 2, a Berkeley DB hash database whose keys are the package
//! numbers and whose values are the package headers ([`super::RpmHeader`]).
//!
//! Only what RPM's database uses is read, the way Berkeley DB lays it out on disk
//! (`db_page.h`): a metadata page (page 0) that gives the byte order (by its magic number),
//! the page size and the last page; hash pages (`P_HASH`, or `P_HASH_UNSORTED`), each a
//! 26-byte header, then an index of 2-byte offsets to its items, key and value one after the
//! other, stored from the page's end backwards; and overflow pages (`P_OVERFLOW`), where a
//! value too long for a hash page (`H_OFFPAGE`: its first page and its length) is kept,
//! chained by their `next_pgno`. Nothing is written, no lock is taken, and no Berkeley DB
//! library is needed.
//!
//! The pages are read twice: once, bucket by bucket, to find each package's number and where
//! its header is; then the headers in the order of their numbers, as the SQLite database
//! gives them. The first pass keeps a few bytes per package. RPM's key 0 is no package: it
//! holds the largest package number in use.

use std::io::{Read, Seek, SeekFrom};

use super::RpmRow;

/// Berkeley DB's hash magic number, at byte 12 of the metadata page.
const HASH_MAGIC: u32 = 0x0006_1561;
/// Page types (`db_page.h`).
const P_HASH_UNSORTED: u8 = 2;
const P_OVERFLOW: u8 = 7;
const P_HASHMETA: u8 = 8;
const P_HASH: u8 = 13;
/// Item types of a hash page.
const H_KEYDATA: u8 = 1;
const H_DUPLICATE: u8 = 2;
const H_OFFPAGE: u8 = 3;
const H_OFFDUP: u8 = 4;
/// The size of a page's header.
const PAGE_HEADER: usize = 26;

/// Where a package's header is.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// on hash page `page`, item `index` (the value after its key)
    Inline { page: u32, index: u16 },
    /// on overflow pages from `page` on, `len` bytes in all
    Overflow { page: u32, len: u32 },
    /// a value RPM does not write (a set of duplicates): said, not read
    Unread(&'static str),
}

/// RPM's Berkeley DB database, opened: its rows, in the order of their package numbers.
pub struct BerkeleyDb<R> {
    reader: R,
    big_endian: bool,
    page_size: usize,
    last_page: u32,
    rows: std::vec::IntoIter<(u32, Place)>,
    /// a page that could not be read ends the reading
    failed: bool,
}

impl<R: Read + Seek> BerkeleyDb<R> {
    /// Read the metadata page and find every package's header. An error says, in words, why
    /// the file is not such a database, or where reading it failed.
    pub fn open(mut reader: R) -> Result<BerkeleyDb<R>, String> {
        let mut meta = [0u8; 512];
        reader
            .seek(SeekFrom::Start(0))
            .and_then(|_| reader.read_exact(&mut meta))
            .map_err(|e| format!("its first page cannot be read: {e}"))?;
        let big_endian = match meta.get(12..16).and_then(|b| <[u8; 4]>::try_from(b).ok()) {
            Some(b) if u32::from_le_bytes(b) == HASH_MAGIC => false,
            Some(b) if u32::from_be_bytes(b) == HASH_MAGIC => true,
            _ => return Err("it is not a Berkeley DB hash database".to_owned()),
        };
        let word = |at: usize| read_u32(&meta, at, big_endian).unwrap_or(0);
        let page_size = word(20) as usize;
        if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
            return Err(format!("its page size, {page_size}, is none Berkeley DB writes"));
        }
        if meta.get(24).copied().unwrap_or(0) != 0 {
            return Err("it is encrypted".to_owned());
        }
        if meta.get(25).copied() != Some(P_HASHMETA) {
            return Err("its first page is not a hash database's metadata".to_owned());
        }
        let last_page = word(32);
        let max_bucket = word(72);
        let spares: Vec<u32> = (0..32).map(|i| word(96 + 4 * i)).collect();
        let mut db = BerkeleyDb {
            reader,
            big_endian,
            page_size,
            last_page,
            rows: Vec::new().into_iter(),
            failed: false,
        };
        let mut rows = Vec::new();
        let mut page = vec![0u8; page_size];
        // Each bucket's pages, from its first (`spares` says where each doubling of the table
        // starts) along their `next_pgno`: pages past the last bucket, or freed, may hold
        // what is no longer a record, so pages are not walked by number.
        let mut visited = 0u32;
        for bucket in 0..=max_bucket {
            let doubling = (u32::BITS - bucket.leading_zeros()) as usize;
            let mut next = spares
                .get(doubling)
                .and_then(|s| bucket.checked_add(*s))
                .ok_or_else(|| format!("its bucket {bucket} has no page"))?;
            while next != 0 {
                let number = next;
                visited += 1;
                if number > last_page || visited > last_page {
                    return Err(format!(
                        "its bucket {bucket}'s pages go past its last page, or loop"
                    ));
                }
                db.read_page(number, &mut page)?;
                if !matches!(page.get(25).copied(), Some(P_HASH | P_HASH_UNSORTED)) {
                    return Err(format!("its bucket {bucket}'s page {number} is not a hash page"));
                }
                next = read_u32(&page, 16, big_endian).unwrap_or(0);
                db.bucket_page(number, &page, &mut rows)?;
            }
        }
        rows.sort_by_key(|&(hnum, _)| hnum);
        db.rows = rows.into_iter();
        Ok(db)
    }

    /// The package numbers on a hash page, and where their headers are.
    fn bucket_page(&self, number: u32, page: &[u8], rows: &mut Vec<(u32, Place)>) -> Result<(), String> {
        let big_endian = self.big_endian;
        // items come in pairs: the key (a package number), then its value
        for index in (0..self.u16_at(page, 20)).step_by(2) {
            let (Some(key), Some(value)) = (self.item(page, index), self.item(page, index + 1)) else {
                return Err(format!("page {number} has an item past its end"));
            };
            let hnum = match key {
                [H_KEYDATA, k @ ..] if k.len() == 4 => read_u32(k, 0, big_endian).unwrap_or(0),
                _ => return Err(format!("page {number} has a key that is no package number")),
            };
            // key 0 is RPM's own record of the largest package number, not a package
            if hnum == 0 {
                continue;
            }
            let place = match value {
                [H_KEYDATA, ..] => Place::Inline {
                    page: number,
                    index: index + 1,
                },
                [H_OFFPAGE, _, _, _, rest @ ..] => Place::Overflow {
                    page: read_u32(rest, 0, big_endian).unwrap_or(0),
                    len: read_u32(rest, 4, big_endian).unwrap_or(0),
                },
                [H_DUPLICATE | H_OFFDUP, ..] => {
                    Place::Unread("a set of duplicate values, which RPM does not write")
                }
                _ => Place::Unread("an item of no type Berkeley DB writes"),
            };
            rows.push((hnum, place));
        }
        Ok(())
    }

    fn read_page(&mut self, number: u32, page: &mut [u8]) -> Result<(), String> {
        let at = u64::from(number) * self.page_size as u64;
        self.reader
            .seek(SeekFrom::Start(at))
            .and_then(|_| self.reader.read_exact(page))
            .map_err(|e| format!("page {number} cannot be read: {e}"))
    }

    fn u16_at(&self, page: &[u8], at: usize) -> u16 {
        let b = [
            page.get(at).copied().unwrap_or(0),
            page.get(at + 1).copied().unwrap_or(0),
        ];
        match self.big_endian {
            true => u16::from_be_bytes(b),
            false => u16::from_le_bytes(b),
        }
    }

    /// Item `index` of a hash page: from its offset to the one before it (items are stored
    /// from the page's end backwards); None when the index or the offsets are out of the page.
    fn item<'p>(&self, page: &'p [u8], index: u16) -> Option<&'p [u8]> {
        let entries = self.u16_at(page, 20);
        if index >= entries || PAGE_HEADER + 2 * usize::from(entries) > page.len() {
            return None;
        }
        let start = usize::from(self.u16_at(page, PAGE_HEADER + 2 * usize::from(index)));
        let end = match index {
            0 => page.len(),
            i => usize::from(self.u16_at(page, PAGE_HEADER + 2 * usize::from(i - 1))),
        };
        page.get(start..end).filter(|item| !item.is_empty())
    }

    /// The header at `place`, or why it cannot be read (the row is not audited).
    fn fetch(&mut self, place: Place) -> Result<Result<Vec<u8>, String>, String> {
        let mut page = vec![0u8; self.page_size];
        match place {
            Place::Unread(why) => Ok(Err(format!("its value is {why}"))),
            Place::Inline { page: number, index } => {
                self.read_page(number, &mut page)?;
                Ok(match self.item(&page, index) {
                    Some([_, data @ ..]) => Ok(data.to_vec()),
                    _ => Err("its value is no longer where the first reading found it".to_owned()),
                })
            }
            Place::Overflow { page: first, len } => {
                let len = len as usize;
                if len > crate::limits::MAX_RPM_HEADER_BYTES {
                    return Ok(Err(format!(
                        "its header is {len} bytes long, past the {} MiB read of one",
                        crate::limits::MAX_RPM_HEADER_BYTES >> 20
                    )));
                }
                let mut data = Vec::with_capacity(len);
                let mut number = first;
                // each page of the chain at most once: a chain that loops is a damaged file
                let mut pages = 0u32;
                while data.len() < len {
                    if number == 0 || number > self.last_page || pages > self.last_page {
                        return Ok(Err(format!(
                            "its header's pages end after {} of its {len} bytes",
                            data.len()
                        )));
                    }
                    self.read_page(number, &mut page)?;
                    if page.get(25).copied() != Some(P_OVERFLOW) {
                        return Ok(Err(format!("its header's page {number} is not an overflow page")));
                    }
                    // an overflow page's `hf_offset` is how many of its bytes are data
                    let used = usize::from(self.u16_at(&page, 22));
                    let Some(part) = page.get(PAGE_HEADER..PAGE_HEADER + used) else {
                        return Ok(Err(format!(
                            "its header's page {number} says it holds more than it can"
                        )));
                    };
                    data.extend_from_slice(part);
                    number = read_u32(&page, 16, self.big_endian).unwrap_or(0);
                    pages += 1;
                }
                if data.len() != len {
                    return Ok(Err(format!(
                        "its header's pages hold {} bytes, not the {len} its entry says",
                        data.len()
                    )));
                }
                Ok(Ok(data))
            }
        }
    }
}

impl<R: Read + Seek> Iterator for BerkeleyDb<R> {
    type Item = Result<RpmRow, String>;

    /// The next row: its package number and header (or why the header cannot be read); an
    /// error when a page cannot be read at all, after which there is none.
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let (hnum, place) = self.rows.next()?;
        match self.fetch(place) {
            Ok(blob) => Some(Ok((i64::from(hnum), blob))),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

fn read_u32(bytes: &[u8], at: usize, big_endian: bool) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(match big_endian {
        true => u32::from_be_bytes(b),
        false => u32::from_le_bytes(b),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::audit::input::RpmHeader;
    use std::io::Cursor;

    // Made by crates/eol-cli/tests/fixtures/audit/rpmdb-gen/gen-bdb.sh with Berkeley DB 5.3's
    // db_load: the Rocky Linux 8 fixture's headers big-endian (4096-byte pages, every header on
    // an overflow page), in 512-byte pages (every header on a chain of overflow pages), and
    // 200 made-up headers over 29 buckets, some of them two pages long, every other header on
    // its hash page.
    const BIG_ENDIAN: &[u8] = include_bytes!("testdata/be.db");
    const SMALL_PAGES: &[u8] = include_bytes!("testdata/small-pages.db");
    const CHAINED: &[u8] = include_bytes!("testdata/chained.db");

    /// A row's number and its package's name, or the row's error.
    type Named = (i64, Result<String, String>);

    /// Every row, named.
    fn names(bytes: &[u8]) -> Result<Vec<Named>, String> {
        let db = BerkeleyDb::open(Cursor::new(bytes))?;
        db.map(|row| {
            let (n, blob) = row?;
            Ok((
                n,
                blob.and_then(|b| RpmHeader::parse(&b).map(|h| h.name.to_owned())),
            ))
        })
        .collect()
    }

    #[test]
    fn the_rows_are_read_in_the_order_of_their_numbers() {
        let expected: Vec<Named> = [
            "gpg-pubkey",
            "rocky-release",
            "python3-libs",
            "postgresql",
            "openssl-libs",
            "nodejs",
            "kernel-core",
            "bash",
        ]
        .iter()
        .zip(1..)
        .map(|(name, n)| (n, Ok((*name).to_owned())))
        .collect();
        // (key 0, RPM's record of the largest package number, is no row)
        assert_eq!(names(BIG_ENDIAN).unwrap(), expected);
        assert_eq!(names(SMALL_PAGES).unwrap(), expected);
        let chained = names(CHAINED).unwrap();
        assert_eq!(chained.len(), 200);
        for (i, (n, name)) in chained.iter().enumerate() {
            assert_eq!(*n, i as i64 + 1);
            assert_eq!(name.as_deref(), Ok(format!("pkg{n}").as_str()));
        }
        // the versions too, inline and off the page
        let mut db = BerkeleyDb::open(Cursor::new(CHAINED)).unwrap();
        let (_, first) = db.next().unwrap().unwrap();
        let (_, second) = db.next().unwrap().unwrap();
        let (first, second) = (first.unwrap(), second.unwrap());
        assert_eq!(
            RpmHeader::parse(&first).unwrap().evr().as_deref(),
            Some("1.1-1.el8")
        );
        let second = RpmHeader::parse(&second).unwrap();
        assert_eq!(second.source_rpm, Some("pkg2-1.2-1.el8.src.rpm"));
    }

    #[test]
    fn what_is_not_such_a_database_is_said() {
        let refused = |bytes: &[u8]| BerkeleyDb::open(Cursor::new(bytes.to_vec())).err().unwrap();
        assert!(refused(b"").contains("first page cannot be read"));
        assert!(refused(&[0u8; 4096]).contains("not a Berkeley DB hash database"));
        // a page size Berkeley DB does not write
        let mut odd = SMALL_PAGES.to_vec();
        odd[20..24].copy_from_slice(&1000u32.to_le_bytes());
        assert!(refused(&odd).contains("page size, 1000"));
        // encrypted
        let mut secret = SMALL_PAGES.to_vec();
        secret[24] = 1;
        assert!(refused(&secret).contains("encrypted"));
        // cut short: a bucket's page is not there
        assert!(refused(&SMALL_PAGES[..1024]).contains("cannot be read"));
    }

    #[test]
    fn a_broken_overflow_chain_is_the_rows_error() {
        // find the first overflow page of the first header and point its chain at page 0
        let mut db = SMALL_PAGES.to_vec();
        let page = 512;
        let overflow = (1..db.len() / page)
            .find(|p| db[p * page + 25] == P_OVERFLOW)
            .unwrap();
        db[overflow * page + 16..overflow * page + 20].copy_from_slice(&0u32.to_le_bytes());
        let rows = names(&db).unwrap();
        let broken: Vec<&String> = rows.iter().filter_map(|(_, r)| r.as_ref().err()).collect();
        assert_eq!(broken.len(), 1, "{rows:?}");
        assert!(broken[0].contains("pages end after"), "{}", broken[0]);
        // a chain that loops back on itself ends too
        let mut looped = SMALL_PAGES.to_vec();
        let number = overflow as u32;
        looped[overflow * page + 16..overflow * page + 20].copy_from_slice(&number.to_le_bytes());
        let rows = names(&looped).unwrap();
        assert!(rows.iter().any(|(_, r)| r.is_err()), "{rows:?}");
    }

    #[test]
    fn no_change_of_a_byte_panics() {
        // every byte of the small file set to 0 and 0xff, and every cut of it
        for at in 0..SMALL_PAGES.len() {
            for v in [0, 0xff] {
                let mut bytes = SMALL_PAGES.to_vec();
                bytes[at] = v;
                if let Ok(db) = BerkeleyDb::open(Cursor::new(bytes)) {
                    db.for_each(drop);
                }
            }
        }
        for n in (0..SMALL_PAGES.len()).step_by(37) {
            if let Ok(db) = BerkeleyDb::open(Cursor::new(&SMALL_PAGES[..n])) {
                db.for_each(drop);
            }
        }
    }
}
