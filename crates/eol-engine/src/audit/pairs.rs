//! Numbering the distinct things items name, as they are read.
//!
//! An item is judged by what identifies it: its package URL, CPE, product name and version,
//! and the distribution release an inventory says its system runs and the source package it
//! says a package is built from (its `distro` and `source` columns).
//! Inventories repeat a few thousand such pairs over millions of rows, so each distinct pair
//! is judged once and every item carries its pair's number ([`Pair`]): the readers number
//! items as they read them ([`Pairs::number`]), the CSV reader a batch of rows at a time on
//! its reading thread ([`Pairs::stage`]), so that the lookup (the costliest step of a row
//! once its cells are split: two loads that often miss the cache) is not on the thread that
//! judges and renders, and the batch's lookups wait on their loads together. Numbers are given in the
//! order pairs first appear, across every input of an audit, and the same text always gets
//! the same number: the [`Auditor`](super::Auditor) computes a finding the first time it
//! sees a number and reuses it after.

/// The pair an item names: its number, and whether an item before it had it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pair {
    /// the first item with this pair (or one whose key could not be recorded)
    New(usize),
    /// an item before this one had the same pair
    Seen(usize),
}

impl Pair {
    pub fn number(self) -> usize {
        match self {
            Pair::New(n) | Pair::Seen(n) => n,
        }
    }
}

/// The parts of an item that identify it: package URL, CPE, product name, version, and the
/// distribution release and source package its row names.
type Parts<'a> = [Option<&'a [u8]>; 7];

/// The pairs seen so far in an audit, and the next number to give.
#[derive(Debug, Default)]
pub struct Pairs {
    table: PairTable,
    /// the last item numbered: its key's hash, where its entry is, and its number
    previous: Option<(u64, usize, usize)>,
    next: usize,
    /// keys staged to be numbered together ([`Pairs::stage`]), one after another
    staged_keys: Vec<u8>,
    /// per staged key: its hash and where it ends in `staged_keys`
    staged: Vec<(u64, usize)>,
}

impl Pairs {
    /// The number of the pair an item names (its fields as read; blank ones as None).
    pub fn number(
        &mut self,
        purl: Option<&str>,
        cpe: Option<&str>,
        product: Option<&str>,
        version: Option<&str>,
        distro: Option<&str>,
        source: Option<&str>,
    ) -> Pair {
        // One item staged alone and numbered at once.
        self.stage(purl, cpe, product, version, distro, source);
        let mut pair = Pair::New(usize::MAX);
        self.number_staged(|p| pair = p);
        pair
    }

    /// [`Pairs::number`] of a package a distribution's database lists as installed: its
    /// pair is not that of an item naming the same otherwise, which may not be a
    /// distribution's package (a row `nodejs,18.18.2-r0`).
    pub fn number_installed(
        &mut self,
        product: Option<&str>,
        version: Option<&str>,
        distro: Option<&str>,
        source: Option<&str>,
    ) -> Pair {
        let parts: Parts<'_> = [
            None,
            None,
            product.map(str::as_bytes),
            version.map(str::as_bytes),
            distro.map(str::as_bytes),
            source.map(str::as_bytes),
            Some(b""),
        ];
        self.stage_parts(&parts);
        let mut pair = Pair::New(usize::MAX);
        self.number_staged(|p| pair = p);
        pair
    }

    /// [`Pairs::number`] of an operating system an SBOM names (a CycloneDX component of type
    /// `operating-system`): its pair is not that of an item naming the same otherwise, whose
    /// name is looked up as any other's (`amazon`).
    pub fn number_system(
        &mut self,
        purl: Option<&str>,
        cpe: Option<&str>,
        product: Option<&str>,
        version: Option<&str>,
    ) -> Pair {
        let parts: Parts<'_> = [
            purl.map(str::as_bytes),
            cpe.map(str::as_bytes),
            product.map(str::as_bytes),
            version.map(str::as_bytes),
            None,
            None,
            Some(b"system"),
        ];
        self.stage_parts(&parts);
        let mut pair = Pair::New(usize::MAX);
        self.number_staged(|p| pair = p);
        pair
    }

    /// Note an item's parts to be numbered with the others staged ([`Pairs::number_staged`]),
    /// in the order staged. The CSV reader stages a batch's rows on its reading thread and
    /// hands the keys over ([`Pairs::hand_over`]); the auditing thread numbers them together
    /// ([`Pairs::number_given`]): the lookups of different rows do not depend on each other,
    /// so the table's slots and entries are first loaded for all of them at once (their
    /// cache misses overlap instead of following one another), and each key's hash is worked
    /// out on the reading thread, which splitting and checking rows keep no busier than the
    /// auditing thread is.
    pub fn stage(
        &mut self,
        purl: Option<&str>,
        cpe: Option<&str>,
        product: Option<&str>,
        version: Option<&str>,
        distro: Option<&str>,
        source: Option<&str>,
    ) {
        let parts: Parts<'_> =
            [purl, cpe, product, version, distro, source, None].map(|p| p.map(str::as_bytes));
        self.stage_parts(&parts);
    }

    fn stage_parts(&mut self, parts: &Parts<'_>) {
        // The key is written out once and then hashed and compared whole: cheaper than
        // walking the four parts for each (a row's key is a few dozen bytes).
        let start = self.staged_keys.len();
        encode(parts, &mut self.staged_keys);
        let hash = hash(self.staged_keys.get(start..).unwrap_or_default());
        self.staged.push((hash, self.staged_keys.len()));
    }

    /// Number the items staged, in the order staged: each gets what [`Pairs::number`] would
    /// have given it, called in that order. Calls `f` with each one's pair.
    #[inline]
    pub fn number_staged(&mut self, f: impl FnMut(Pair)) {
        let mut staged = std::mem::take(&mut self.staged);
        let mut keys = std::mem::take(&mut self.staged_keys);
        self.number_given(&staged, &keys, f);
        staged.clear();
        keys.clear();
        self.staged = staged;
        self.staged_keys = keys;
    }

    /// Hand the items staged here over (their hashes and keys), to be numbered by another
    /// `Pairs` ([`Pairs::number_given`]): the CSV reader stages on its own thread and the
    /// auditing thread, which owns the table, numbers. `staged` and `keys` are cleared
    /// first and take this one's place (so their buffers are reused).
    pub fn hand_over(&mut self, staged: &mut Vec<(u64, usize)>, keys: &mut Vec<u8>) {
        staged.clear();
        keys.clear();
        std::mem::swap(staged, &mut self.staged);
        std::mem::swap(keys, &mut self.staged_keys);
    }

    /// Number items staged by another `Pairs` and handed over ([`Pairs::hand_over`]), in
    /// the order staged.
    #[inline]
    pub fn number_given(&mut self, staged: &[(u64, usize)], keys: &[u8], mut f: impl FnMut(Pair)) {
        self.table.touch(staged);
        let mut start = 0;
        for &(hash, end) in staged {
            let key = keys.get(start..end).unwrap_or_default();
            start = end;
            f(self.number_key(hash, key));
        }
    }

    /// The number of the pair whose key ([`encode`]) is `key`, its hash `hash`.
    fn number_key(&mut self, hash: u64, key: &[u8]) -> Pair {
        // Inventories often list one product and version on many rows in a row.
        if let Some((h, entry, n)) = self.previous {
            if h == hash && self.table.entry(entry).is_some_and(|(k, _)| k == key) {
                return Pair::Seen(n);
            }
        }
        let (entry, pair) = match self.table.get(hash, key) {
            Some((entry, n)) => (Some(entry), Pair::Seen(n)),
            None => {
                let n = self.next;
                self.next += 1;
                (self.table.insert(hash, key, n), Pair::New(n))
            }
        };
        self.previous = entry.map(|e| (hash, e, pair.number()));
        pair
    }
}

/// A key: each part as its tag, then its bytes. The tag is the part's length plus one (0 for
/// a part that is absent, so that an absent version is not an empty one): one byte when
/// below 255, else the byte 255 and the tag in four bytes, little-endian. Lengths, not
/// separators, keep the parts apart: no byte a part may hold can make two items one. (Tags
/// of one byte keep an entry of a product name and version near 25 bytes, so that ten
/// thousand pairs fit a core's L2 cache with room to spare.) The last two parts, the release
/// and the source package an item's row names, are written only when present (the release
/// as absent when only the source is): a key of four parts has neither, so most items' keys
/// are no longer for them.
fn encode(parts: &Parts<'_>, out: &mut Vec<u8>) {
    let [purl, cpe, product, version, distro, source, installed] = *parts;
    let written = if installed.is_some() {
        7
    } else if source.is_some() {
        6
    } else if distro.is_some() {
        5
    } else {
        4
    };
    for p in [purl, cpe, product, version, distro, source, installed]
        .into_iter()
        .take(written)
    {
        match p {
            // (most items lack two of the four parts: nothing to copy)
            None => out.push(0),
            Some(b) => {
                push_tag(out, b.len() + 1);
                out.extend_from_slice(b);
            }
        }
    }
}

/// A part's tag as [`encode`] writes it (a tag never exceeds `u32::MAX`: longer keys are not
/// recorded).
fn push_tag(out: &mut Vec<u8>, tag: usize) {
    match u8::try_from(tag) {
        Ok(b) if b < LONG_TAG => out.push(b),
        _ => {
            out.push(LONG_TAG);
            out.extend_from_slice(&u32::try_from(tag).unwrap_or(u32::MAX).to_le_bytes());
        }
    }
}

/// The first byte of a tag written in five bytes.
const LONG_TAG: u8 = 255;

/// The bytes [`push_tag`] writes for `tag`.
#[cfg(test)]
fn tag_size(tag: usize) -> usize {
    if tag < usize::from(LONG_TAG) {
        1
    } else {
        5
    }
}

/// A tag read from the start of `key`, and the rest of it.
#[cfg(test)]
fn read_tag(key: &[u8]) -> Option<(usize, &[u8])> {
    let (&first, rest) = key.split_first()?;
    if first < LONG_TAG {
        return Some((usize::from(first), rest));
    }
    let (tag, rest) = rest.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*tag) as usize, rest))
}

/// Whether `key` (as [`encode`] writes it) is the key of `parts`, compared in place.
#[cfg(test)]
fn key_is(key: &[u8], parts: &Parts<'_>) -> bool {
    let mut rest = key;
    for (i, p) in parts.iter().enumerate() {
        // (the release is not written when it and the source are absent, the source when
        // it is)
        let later = parts.get(i + 1..).unwrap_or_default();
        if i >= 4 && p.is_none() && later.iter().all(Option::is_none) {
            break;
        }
        let Some((tag, tail)) = read_tag(rest) else {
            return false;
        };
        let bytes = p.unwrap_or_default();
        if tag != p.map_or(0, |b| b.len() + 1) {
            return false;
        }
        let Some((body, tail)) = tail.split_at_checked(bytes.len()) else {
            return false;
        };
        if body != bytes {
            return false;
        }
        rest = tail;
    }
    rest.is_empty()
}

/// The parts of a key [`encode`] wrote.
#[cfg(test)]
fn decode(key: &[u8]) -> Option<Parts<'_>> {
    let mut parts: Parts<'_> = [None; 7];
    let mut rest = key;
    for (i, p) in parts.iter_mut().enumerate() {
        if i >= 4 && rest.is_empty() {
            break;
        }
        let (tag, tail) = read_tag(rest)?;
        if tag == 0 {
            rest = tail;
            continue;
        }
        let (body, tail) = tail.split_at_checked(tag - 1)?;
        *p = Some(body);
        rest = tail;
    }
    Some(parts)
}

/// A hash of a key ([`encode`]): its length, then FxHash's multiply-rotate per 8 bytes (the
/// last word overlapping the one before it, or for a key under 8 bytes its first and last
/// four, two or one bytes), then murmur3's finaliser so that every bit of the result depends
/// on every byte. Two keys that hash alike are told apart by comparing them.
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let half = |b: &[u8]| {
        let mut w = [0u8; 4];
        w.copy_from_slice(b);
        u64::from(u32::from_le_bytes(w))
    };
    let n = key.len();
    let mut h = mix(0, n as u64);
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, word(c));
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        let tail = match (key.get(n.saturating_sub(8)..), n) {
            (Some(last), 8..) => word(last),
            (_, 4..) => {
                half(key.get(..4).unwrap_or_default()) | half(key.get(n - 4..).unwrap_or_default()) << 32
            }
            (_, 2..) => {
                let two = |b: &[u8]| b.iter().fold(0u64, |w, &x| w << 8 | u64::from(x));
                two(key.get(..2).unwrap_or_default()) | two(key.get(n - 2..).unwrap_or_default()) << 16
            }
            _ => key.first().map_or(0, |&b| u64::from(b)),
        };
        h = mix(h, tail);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The pair numbers by what identifies an item: one lookup per row, so it is laid out for
/// the cache. A table of 8-byte slots (the hash's top half as a tag, where the entry is),
/// probed linearly, and the entries one after another: the key's length, the pair number
/// and the key together, so a hit reads one slot and one entry (usually one cache line).
/// With ten thousand pairs the slots are 128 KiB and the entries about 280 KiB, together
/// under half of a core's 1 MiB L2.
#[derive(Debug, Default)]
struct PairTable {
    /// 0 is an empty slot; else (tag << 32) | (entry offset + 1)
    slots: Vec<Slot>,
    /// per entry: key length (u32 LE), pair number (u32 LE), key ([`encode`])
    entries: Vec<u8>,
    len: usize,
}

type Slot = u64;

/// An entry's header: key length and pair number.
const ENTRY_HEAD: usize = 8;

impl PairTable {
    /// The slot's tag: the hash's top half (its bottom half picks the slot).
    fn tag(hash: u64) -> u64 {
        hash >> 32
    }

    /// The entry at `offset`: (key, pair number).
    fn entry(&self, offset: usize) -> Option<(&[u8], usize)> {
        let head = self.entries.get(offset..offset + ENTRY_HEAD)?;
        let (len, index) = head.split_at(4);
        let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
        let index = u32::from_le_bytes(index.try_into().ok()?) as usize;
        let key = self.entries.get(offset + ENTRY_HEAD..offset + ENTRY_HEAD + len)?;
        Some((key, index))
    }

    /// Load the first slot of each staged key's hash, then the entry it points to, without
    /// waiting on one before asking for the next: the loads' misses overlap, and the lookups
    /// that follow find the lines in the cache. (Only a hint: what is loaded is not used.)
    fn touch(&self, staged: &[(u64, usize)]) {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return;
        };
        let mut sum = 0u64;
        for &(hash, _) in staged {
            sum = sum.wrapping_add(self.slots.get(hash as usize & mask).copied().unwrap_or(0));
        }
        std::hint::black_box(sum);
        let mut sum = 0u8;
        for &(hash, _) in staged {
            let slot = self.slots.get(hash as usize & mask).copied().unwrap_or(0);
            if slot >> 32 == Self::tag(hash) {
                let offset = ((slot & 0xffff_ffff) as usize).saturating_sub(1);
                sum = sum.wrapping_add(self.entries.get(offset).copied().unwrap_or(0));
            }
        }
        std::hint::black_box(sum);
    }

    /// Where the entry of `key` ([`encode`]) is, and its pair number.
    fn get(&self, hash: u64, key: &[u8]) -> Option<(usize, usize)> {
        let mask = self.slots.len().checked_sub(1)?;
        let tag = Self::tag(hash);
        let mut i = hash as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> 32 == tag {
                let entry = (slot & 0xffff_ffff) as usize - 1;
                let (k, index) = self.entry(entry)?;
                if k == key {
                    return Some((entry, index));
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Record `key` ([`encode`]; its hash is `hash`) as pair `index`. A key longer than
    /// 4 GiB, keys past 4 GiB in all, or pairs past 4 billion are not recorded: their items
    /// are numbered (and judged) again, which is only slower. Returns where the entry is.
    fn insert(&mut self, hash: u64, key: &[u8], index: usize) -> Option<usize> {
        let offset = self.entries.len();
        let (Ok(len), Ok(index), Ok(_)) = (
            u32::try_from(key.len()),
            u32::try_from(index),
            u32::try_from(offset + ENTRY_HEAD + key.len() + 1),
        ) else {
            return None;
        };
        // at most three slots in four taken: linear probing still finds most keys in their
        // first slot's cache line, and the slots take half the cache they took at one in two
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        self.entries.extend_from_slice(&len.to_le_bytes());
        self.entries.extend_from_slice(&index.to_le_bytes());
        self.entries.extend_from_slice(key);
        self.len += 1;
        Self::place(
            &mut self.slots,
            hash,
            (Self::tag(hash) << 32) | (offset as u64 + 1),
        );
        Some(offset)
    }

    fn place(slots: &mut [Slot], hash: u64, slot: Slot) {
        let Some(mask) = slots.len().checked_sub(1) else {
            return;
        };
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
        for &s in self.slots.iter().filter(|s| **s != 0) {
            let key = self
                .entry((s & 0xffff_ffff) as usize - 1)
                .map_or(&[][..], |(k, _)| k);
            Self::place(&mut slots, hash(key), s);
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn view(k: &[Option<Vec<u8>>; 6]) -> Parts<'_> {
        [0, 1, 2, 3, 4, 5, 6].map(|i| k.get(i).and_then(|p| p.as_deref()))
    }

    fn encoded(parts: &Parts<'_>) -> Vec<u8> {
        let mut key = Vec::new();
        encode(parts, &mut key);
        key
    }

    #[test]
    fn the_pair_table_finds_what_it_holds() {
        let mut t = PairTable::default();
        let parts =
            |i: usize| -> (String, String) { (format!("product-{}", i % 97), format!("{i}.{}", i % 7)) };
        let key = |p: &(String, String)| -> [Option<Vec<u8>>; 6] {
            [
                None,
                None,
                Some(p.0.clone().into_bytes()),
                Some(p.1.clone().into_bytes()),
                None,
                None,
            ]
        };
        let none = encoded(&[None, None, Some(b"a"), None, None, None, None]);
        assert_eq!(t.get(hash(&none), &none), None);
        let keys: Vec<_> = (0..5000).map(|i| key(&parts(i))).collect();
        for (i, k) in keys.iter().enumerate() {
            let p = encoded(&view(k));
            assert_eq!(t.get(hash(&p), &p), None);
            t.insert(hash(&p), &p, i);
        }
        for (i, k) in keys.iter().enumerate() {
            let p = encoded(&view(k));
            assert_eq!(t.get(hash(&p), &p).map(|(_, n)| n), Some(i));
        }
        assert_eq!(t.get(hash(&none), &none), None);
    }

    #[test]
    fn keys_round_trip() {
        let parts: Parts<'_> = [
            Some(b"pkg:npm/a@1"),
            None,
            Some(b""),
            Some(b"1\x1f2"),
            None,
            None,
            None,
        ];
        let mut key = Vec::new();
        encode(&parts, &mut key);
        assert!(key_is(&key, &parts));
        assert_eq!(decode(&key), Some(parts));
        assert!(!key_is(
            &key,
            &[
                Some(b"pkg:npm/a@1"),
                None,
                None,
                Some(b"1\x1f2"),
                None,
                None,
                None
            ]
        ));
        assert!(!key_is(&key[..key.len() - 1], &parts));
        // a release after the four parts, present or not, and empty or not, is told apart
        let with_both = |d: Option<&'static [u8]>, s: Option<&'static [u8]>| {
            let parts: Parts<'_> = [Some(b"pkg:npm/a@1"), None, Some(b""), Some(b"1\x1f2"), d, s, None];
            let mut key = Vec::new();
            encode(&parts, &mut key);
            assert!(key_is(&key, &parts));
            assert_eq!(decode(&key), Some(parts));
            key
        };
        let with = |d| with_both(d, None);
        assert_eq!(with(None), key);
        assert_ne!(with(Some(b"")), key);
        assert_ne!(with(Some(b"debian-12")), with(Some(b"")));
        // and a source package after it: a release alone, a source alone and both are three
        // keys, whatever their bytes
        let (d, s): (&'static [u8], &'static [u8]) = (b"debian-12", b"openssl");
        let keys = [
            with(Some(d)),
            with_both(None, Some(s)),
            with_both(Some(d), Some(s)),
            with_both(Some(s), None),
            with_both(None, Some(d)),
            with_both(Some(b""), Some(b"")),
            with_both(None, Some(b"")),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in keys.get(i + 1..).unwrap_or_default() {
                assert_ne!(a, b);
            }
        }
        assert!(!key_is(&[], &parts));
        // a part of 254 bytes or more takes a five-byte tag; 253 is the longest with one
        for n in [253, 254, 255, 300] {
            let long = vec![b'x'; n];
            let parts: Parts<'_> = [Some(&long), None, Some(b"node"), Some(b""), None, None, None];
            let mut key = Vec::new();
            encode(&parts, &mut key);
            assert_eq!(key.len(), tag_size(n + 1) + n + 1 + 1 + 4 + 1, "{n}");
            assert!(key_is(&key, &parts), "{n}");
            assert_eq!(decode(&key), Some(parts), "{n}");
            let shorter = vec![b'x'; n - 1];
            assert!(
                !key_is(
                    &key,
                    &[Some(&shorter), None, Some(b"node"), Some(b""), None, None, None]
                ),
                "{n}"
            );
        }
    }

    #[test]
    fn pairs_are_numbered_in_the_order_they_first_appear() {
        let mut pairs = Pairs::default();
        let n = |p: &mut Pairs, product: &str, version: &str| {
            p.number(None, None, Some(product), Some(version), None, None)
        };
        assert_eq!(n(&mut pairs, "node", "18.1"), Pair::New(0));
        assert_eq!(n(&mut pairs, "node", "18.1"), Pair::Seen(0));
        assert_eq!(n(&mut pairs, "python", "3.12"), Pair::New(1));
        assert_eq!(n(&mut pairs, "node", "18.1"), Pair::Seen(0));
        // the parts are kept apart: `node 18.1` is not `node1 8.1`, whatever bytes they hold
        assert_eq!(n(&mut pairs, "node1", "8.1"), Pair::New(2));
        assert_eq!(n(&mut pairs, "a\u{1f}", "b"), Pair::New(3));
        assert_eq!(n(&mut pairs, "a", "\u{1f}b"), Pair::New(4));
        assert_eq!(
            pairs.number(Some("pkg:npm/x@1"), None, None, None, None, None),
            Pair::New(5)
        );
        assert_eq!(
            pairs.number(None, Some("pkg:npm/x@1"), None, None, None, None),
            Pair::New(6)
        );
        assert_eq!(
            pairs.number(Some("pkg:npm/x@1"), None, None, None, None, None),
            Pair::Seen(5)
        );
        // an absent version is not an empty one
        assert_eq!(
            pairs.number(None, None, Some("node"), None, None, None),
            Pair::New(7)
        );
        assert_eq!(
            pairs.number(None, None, Some("node"), Some(""), None, None),
            Pair::New(8)
        );
        assert_eq!(
            pairs.number(None, None, Some("node"), None, None, None),
            Pair::Seen(7)
        );
        // the same package on a system of another release is another pair
        let pkg = |p: &mut Pairs, distro| {
            p.number(None, None, Some("openssl"), Some("3.0.2-0ubuntu1"), distro, None)
        };
        assert_eq!(pkg(&mut pairs, Some("ubuntu-22.04")), Pair::New(9));
        assert_eq!(pkg(&mut pairs, None), Pair::New(10));
        assert_eq!(pkg(&mut pairs, Some("ubuntu-24.04")), Pair::New(11));
        assert_eq!(pkg(&mut pairs, Some("ubuntu-22.04")), Pair::Seen(9));
        // and a package its row says is built from another source is another pair
        let built = |p: &mut Pairs, source| {
            p.number(None, None, Some("libssl3"), Some("3.0.2-0ubuntu1"), None, source)
        };
        assert_eq!(built(&mut pairs, Some("openssl")), Pair::New(12));
        assert_eq!(built(&mut pairs, None), Pair::New(13));
        assert_eq!(built(&mut pairs, Some("openssl")), Pair::Seen(12));
        // a package a database lists as installed is not a row that names it alike
        let installed = |p: &mut Pairs| {
            p.number_installed(
                Some("openssl"),
                Some("3.0.2-0ubuntu1"),
                Some("ubuntu-22.04"),
                None,
            )
        };
        let first = installed(&mut pairs);
        assert!(matches!(first, Pair::New(n) if n != 9), "{first:?}");
        assert_eq!(installed(&mut pairs), Pair::Seen(first.number()));
        assert_eq!(pkg(&mut pairs, Some("ubuntu-22.04")), Pair::Seen(9));
    }

    #[test]
    fn many_pairs_keep_their_numbers_as_the_table_grows() {
        let mut pairs = Pairs::default();
        let names: Vec<String> = (0..20_000).map(|i| format!("p{}", i * 7919 % 20_011)).collect();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(
                pairs.number(None, None, Some(n), Some("1"), None, None),
                Pair::New(i)
            );
        }
        for (i, n) in names.iter().enumerate().rev() {
            assert_eq!(
                pairs.number(None, None, Some(n), Some("1"), None, None),
                Pair::Seen(i)
            );
        }
    }

    proptest::proptest! {
        /// Items staged in batches and numbered together get the numbers they get one by
        /// one, in the same order, whatever the batches' sizes (the table grows within a
        /// batch, a batch may repeat a pair, and a batch may be empty).
        #[test]
        fn staged_items_are_numbered_as_one_by_one(
            items in proptest::collection::vec((0u8..4, 0u16..3000, 0u8..3), 0..3000),
            cuts in proptest::collection::vec(0usize..400, 1..20),
        ) {
            let part = |kind: u8, n: u16| match kind {
                0 => (Some(format!("pkg:npm/p{n}")), None, None),
                1 => (None, Some(format!("cpe:2.3:a:v:p{n}")), None),
                _ => (None, None, Some(format!("p{}", n % 700))),
            };
            let mut one = Pairs::default();
            let mut staged = Pairs::default();
            let mut expected = Vec::new();
            let mut got = Vec::new();
            // staged by one (the reading thread), numbered by another (the auditing thread)
            let (mut stager, mut numberer) = (Pairs::default(), Pairs::default());
            let (mut hashes, mut keys) = (Vec::new(), Vec::new());
            let mut handed = Vec::new();
            let mut cut = cuts.iter().cycle();
            let mut left = *cut.next().unwrap();
            for &(kind, n, v) in &items {
                let (purl, cpe, product) = part(kind, n);
                let version = (v > 0).then(|| format!("{}.{}", n % 5, v));
                // a distribution release for some items: the same name on another system is another pair
                let distro = (n % 3 == 0).then(|| format!("debian-{}", v + 10));
                // and a source package for some: with or without a release
                let source = (n % 5 == 0).then(|| format!("src{}", n % 7));
                let args = (purl.as_deref(), cpe.as_deref(), product.as_deref(), version.as_deref(), distro.as_deref(), source.as_deref());
                expected.push(one.number(args.0, args.1, args.2, args.3, args.4, args.5));
                staged.stage(args.0, args.1, args.2, args.3, args.4, args.5);
                stager.stage(args.0, args.1, args.2, args.3, args.4, args.5);
                if left == 0 {
                    staged.number_staged(|p| got.push(p));
                    stager.hand_over(&mut hashes, &mut keys);
                    numberer.number_given(&hashes, &keys, |p| handed.push(p));
                    left = *cut.next().unwrap();
                } else {
                    left -= 1;
                }
            }
            staged.number_staged(|p| got.push(p));
            stager.hand_over(&mut hashes, &mut keys);
            numberer.number_given(&hashes, &keys, |p| handed.push(p));
            proptest::prop_assert_eq!(&got, &expected);
            proptest::prop_assert_eq!(handed, expected);
        }
    }
}
