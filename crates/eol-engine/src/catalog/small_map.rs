//! The attributes of a release: a few keys, kept as a vector sorted by key.
//!
//! A catalog row has a handful of attributes at most, and a catalog may have a million
//! rows: a `BTreeMap` per row costs a node of room for eleven entries (hundreds of bytes)
//! however few it holds, and a `String` per key. Here a row holds one small vector, and
//! every key is shared (`Arc<str>`) by all the rows that have it (a CSV header names
//! each column once). Iteration is in key order, as a `BTreeMap`'s. The entries are a boxed
//! slice of exactly their number (a row with no attribute allocates nothing); a map is built
//! whole ([`SmallMap::from_entries`], `collect`) rather than grown key by key.
//!
//! Each entry also holds the span of its value in the catalog file (for the diagnostics of
//! later stages): values and spans are one allocation per row, not a map each.

use std::fmt;
use std::sync::Arc;

use eol_syntax::Span;

/// A map from attribute names to values (each with the span it was read from), sorted by name.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SmallMap<V> {
    entries: Box<[(Arc<str>, V, Span)]>,
}

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap {
            entries: Box::default(),
        }
    }
}

impl<V> SmallMap<V> {
    pub fn new() -> Self {
        SmallMap::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _, _)| (**k).cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key).ok()?;
        self.entries.get(i).map(|(_, v, _)| v)
    }

    /// The span `key`'s value was read from.
    pub fn span(&self, key: &str) -> Option<Span> {
        let i = self.find(key).ok()?;
        self.entries.get(i).map(|(_, _, s)| *s)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// A map of `entries` in any order; of two with the same key, the later one is kept
    /// (as inserting them one by one would). Holds exactly as many entries as it has.
    pub fn from_entries(mut entries: Vec<(Arc<str>, V, Span)>) -> Self {
        if entries
            .windows(2)
            .all(|w| matches!(w, [(a, _, _), (b, _, _)] if a < b))
        {
            return SmallMap {
                entries: entries.into_boxed_slice(),
            };
        }
        // Stable: equal keys keep their order, and the last of each run is kept.
        entries.sort_by(|(a, _, _), (b, _, _)| a.cmp(b));
        let mut kept: Vec<(Arc<str>, V, Span)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match kept.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => kept.push(entry),
            }
        }
        SmallMap {
            entries: kept.into_boxed_slice(),
        }
    }

    /// Sets `key` to `value`; returns the value it replaces, as a map does (a replaced
    /// value keeps its span, a new one has an empty span). Copies the entries: for
    /// building a map, collect its entries ([`SmallMap::from_entries`]).
    pub fn insert(&mut self, key: impl Into<Arc<str>>, value: V) -> Option<V> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => self
                .entries
                .get_mut(i)
                .map(|(_, v, _)| std::mem::replace(v, value)),
            Err(i) => {
                let mut entries = std::mem::take(&mut self.entries).into_vec();
                entries.insert(i, (key, value, Span::default()));
                self.entries = entries.into_boxed_slice();
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every (key, value), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> + '_ {
        self.entries.iter().map(|(k, v, _)| (&**k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.iter().map(|(k, _, _)| &**k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.entries.iter().map(|(_, v, _)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> + '_ {
        self.entries.iter_mut().map(|(_, v, _)| v)
    }

    /// The span of every value, in key order.
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> + '_ {
        self.entries.iter_mut().map(|(_, _, s)| s)
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
        assert_eq!(
            (built.span("lts"), built.span("a"), built.span("x")),
            (Some(span(3)), Some(span(2)), None)
        );
    }
}
