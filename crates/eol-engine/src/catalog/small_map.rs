//! The attributes of a release: a few keys, kept sorted by key.
//!
//! A catalog row has a handful of attributes at most, and a catalog may have a million
//! rows: a `BTreeMap` per row costs a node of room for eleven entries (hundreds of bytes)
//! however few it holds, and a `String` per key. Here every key is shared (`Arc<str>`) by
//! all the rows that have it (a CSV header names each column once), and iteration is in key
//! order, as a `BTreeMap`'s. A map of one entry (the usual `lts`) holds it in place; other
//! maps hold a boxed slice of exactly their number (a row with no attribute allocates
//! nothing); a map is built whole ([`SmallMap::from_entries`], `collect`) rather than grown
//! key by key.
//!
//! Each entry also holds the span of its value in the catalog file (for the diagnostics of
//! later stages), in 8 bytes ([`Pos`]): values and spans are one map, not two.

use std::fmt;
use std::sync::Arc;

use eol_syntax::Span;

use super::Pos;

/// One entry: the key, the value, and where the value was read (8 bytes, as [`Pos`]).
type Entry<V> = (Arc<str>, V, Pos);

/// A map from attribute names to values (each with the span it was read from), sorted by name.
#[derive(Clone)]
pub struct SmallMap<V> {
    entries: Entries<V>,
}

/// A map of one entry (a catalog row's usual `lts`) holds it in place, without an
/// allocation; other maps hold a boxed slice (none when empty). Always `One` for one entry.
#[derive(Clone)]
enum Entries<V> {
    One(Entry<V>),
    Many(Box<[Entry<V>]>),
}

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap {
            entries: Entries::Many(Box::default()),
        }
    }
}

impl<V: PartialEq> PartialEq for SmallMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.slice() == other.slice()
    }
}

impl<V: Eq> Eq for SmallMap<V> {}

impl<V: std::hash::Hash> std::hash::Hash for SmallMap<V> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.slice().hash(state);
    }
}

impl<V> SmallMap<V> {
    pub fn new() -> Self {
        SmallMap::default()
    }

    fn slice(&self) -> &[Entry<V>] {
        match &self.entries {
            Entries::One(entry) => std::slice::from_ref(entry),
            Entries::Many(entries) => entries,
        }
    }

    fn slice_mut(&mut self) -> &mut [Entry<V>] {
        match &mut self.entries {
            Entries::One(entry) => std::slice::from_mut(entry),
            Entries::Many(entries) => entries,
        }
    }

    /// The map of entries already in key order, one entry per key.
    fn of_sorted(mut entries: Vec<Entry<V>>) -> Self {
        let entries = match entries.pop() {
            Some(only) if entries.is_empty() => Entries::One(only),
            Some(last) => {
                entries.push(last);
                Entries::Many(entries.into_boxed_slice())
            }
            None => Entries::Many(Box::default()),
        };
        SmallMap { entries }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.slice().binary_search_by(|(k, _, _)| (**k).cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key).ok()?;
        self.slice().get(i).map(|(_, v, _)| v)
    }

    /// The span `key`'s value was read from.
    pub fn span(&self, key: &str) -> Option<Span> {
        let i = self.find(key).ok()?;
        self.slice().get(i).map(|(_, _, s)| s.span())
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// A map of `entries` in any order; of two with the same key, the later one is kept
    /// (as inserting them one by one would). Holds exactly as many entries as it has.
    pub fn from_entries(entries: Vec<(Arc<str>, V, Span)>) -> Self {
        let mut entries: Vec<Entry<V>> = entries
            .into_iter()
            .map(|(k, v, s)| (k, v, Pos::from(s)))
            .collect();
        if entries
            .windows(2)
            .all(|w| matches!(w, [(a, _, _), (b, _, _)] if a < b))
        {
            return SmallMap::of_sorted(entries);
        }
        // Stable: equal keys keep their order, and the last of each run is kept.
        entries.sort_by(|(a, _, _), (b, _, _)| a.cmp(b));
        let mut kept: Vec<Entry<V>> = Vec::with_capacity(entries.len());
        for entry in entries {
            match kept.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => kept.push(entry),
            }
        }
        SmallMap::of_sorted(kept)
    }

    /// Sets `key` to `value`; returns the value it replaces, as a map does (a replaced
    /// value keeps its span, a new one has an empty span). Copies the entries: for
    /// building a map, collect its entries ([`SmallMap::from_entries`]).
    pub fn insert(&mut self, key: impl Into<Arc<str>>, value: V) -> Option<V> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => self
                .slice_mut()
                .get_mut(i)
                .map(|(_, v, _)| std::mem::replace(v, value)),
            Err(i) => {
                let old = std::mem::take(self);
                let mut entries: Vec<Entry<V>> = match old.entries {
                    Entries::One(entry) => vec![entry],
                    Entries::Many(entries) => entries.into_vec(),
                };
                entries.insert(i, (key, value, Pos::default()));
                *self = SmallMap::of_sorted(entries);
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        self.slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.slice().is_empty()
    }

    /// Every (key, value), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> + '_ {
        self.slice().iter().map(|(k, v, _)| (&**k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.slice().iter().map(|(k, _, _)| &**k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.slice().iter().map(|(_, v, _)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> + '_ {
        self.slice_mut().iter_mut().map(|(_, v, _)| v)
    }

    /// Every value's span moved `by` bytes to the right.
    pub fn shift_spans(&mut self, by: usize) {
        for (_, _, pos) in self.slice_mut() {
            *pos = pos.span().shift(by).into();
        }
    }

    /// Every value's span forgotten (a map compared for what it says, not where).
    pub fn clear_spans(&mut self) {
        for (_, _, pos) in self.slice_mut() {
            *pos = Pos::default();
        }
    }
}

/// Shown as a map (`{"lts": Bool(true)}`), as the `BTreeMap` it replaces was (without spans).
impl<V: fmt::Debug> fmt::Debug for SmallMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<Arc<str>>, V> FromIterator<(K, V)> for SmallMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        SmallMap::from_entries(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v, Span::default()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::SmallMap;
    use eol_syntax::Span;

    #[test]
    fn behaves_as_a_sorted_map() {
        let mut m = SmallMap::new();
        assert_eq!(m.insert("lts", 1), None);
        assert_eq!(m.insert("edition", 2), None);
        assert_eq!(m.insert("lts", 3), Some(1));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["edition", "lts"]);
        assert_eq!((m.get("lts"), m.get("x"), m.len()), (Some(&3), None, 2));
        assert_eq!(format!("{m:?}"), r#"{"edition": 2, "lts": 3}"#);
        for v in m.values_mut() {
            *v += 1;
        }
        assert_eq!(m.get("edition"), Some(&3));
        let span = |n| Span::new(n, n + 1);
        let built = SmallMap::from_entries(vec![
            ("lts".into(), 1, span(1)),
            ("a".into(), 2, span(2)),
            ("lts".into(), 3, span(3)),
        ]);
        assert_eq!(format!("{built:?}"), r#"{"a": 2, "lts": 3}"#);
        // One entry is held in place, however the map was made; equal maps are equal.
        let mut one = SmallMap::new();
        one.insert("lts", 1);
        assert_eq!(
            one,
            SmallMap::from_entries(vec![("lts".into(), 1, Span::default())])
        );
        assert_eq!(one, [("lts", 1)].into_iter().collect());
        one.insert("a", 0);
        assert_eq!((one.len(), one.keys().collect::<Vec<_>>()), (2, vec!["a", "lts"]));
        assert!(SmallMap::<u8>::new().is_empty());
        assert_eq!(
            (built.span("lts"), built.span("a"), built.span("x")),
            (Some(span(3)), Some(span(2)), None)
        );
    }
}
