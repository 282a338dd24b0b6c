//! The text of a catalog value, without an allocation per value.
//!
//! A catalog of a million rows has a million products, versions and kinds: as `String`s that
//! is three allocations a row (and their headers) for text the file already holds. A [`Text`]
//! is a range of the catalog file's text, which every release of the file shares (one
//! reference-counted copy, also the text diagnostics are drawn from); a value whose text is
//! not a range of the file (a CSV cell with `""` inside, a JSON string with escapes) holds a
//! copy of its own. Either way a `Text` is 16 bytes and reads as a `&str`.
//!
//! Offsets are `u32`: [`super::parse_catalog_shared`] refuses a text of 4 GiB or more with a
//! diagnostic (the CLI refuses files over 128 MiB before that; see `docs/limits.md`).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// Text read from a catalog: a range of the file's text, or a copy of its own.
#[derive(Clone)]
pub struct Text {
    src: Arc<String>,
    start: u32,
    len: u32,
}

impl Text {
    /// `start..start + len` of `src`; `None` when that is not a range of `src` at character
    /// boundaries or does not fit in `u32`.
    pub fn range(src: &Arc<String>, start: usize, len: usize) -> Option<Text> {
        src.get(start..start.checked_add(len)?)?;
        Some(Text {
            src: Arc::clone(src),
            start: u32::try_from(start).ok()?,
            len: u32::try_from(len).ok()?,
        })
    }

    /// A copy of `text` of its own.
    pub fn owned(text: impl Into<String>) -> Text {
        let text: String = text.into();
        // A text of 4 GiB or more is cut at the largest character boundary that fits; a
        // catalog never holds one (see the module's documentation).
        let mut len = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(len) {
            len -= 1;
        }
        Text {
            src: Arc::new(text),
            start: 0,
            len: u32::try_from(len).unwrap_or(0),
        }
    }

    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        self.src.get(start..start + self.len as usize).unwrap_or("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::owned(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::owned(text)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.as_str().to_owned()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// Hashes as the `str` it reads as (so that maps keyed by `Text` are looked up by `&str`).
impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// As a `String` would show: `"6.0.1"`.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_copies_read_as_their_text() {
        let src = Arc::new("product,version\notrs,6.0.1\n".to_owned());
        let v = Text::range(&src, 21, 5).unwrap();
        assert_eq!((v.as_str(), &*v), ("6.0.1", "6.0.1"));
        assert_eq!(v, Text::owned("6.0.1"));
        assert_eq!(format!("{v} {v:?}"), "6.0.1 \"6.0.1\"");
        assert!(Text::range(&src, 26, 5).is_none(), "past the end");
        assert_eq!(std::mem::size_of::<Text>(), 16);
        assert_eq!(std::mem::size_of::<Option<Text>>(), 16);
    }
}
