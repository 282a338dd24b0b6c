//! The words `eol` prints around the rules' own labels: one Fluent message catalog per
//! language (`i18n/en.ftl`, `i18n/de.ftl`), embedded in the binary.
//!
//! `--lang LANG` picks the rules' labels in that language and the frame in it when a
//! catalog exists; otherwise the frame stays English (with a note on standard error).
//! JSON output is language-neutral apart from the labels the rules give.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

const ENGLISH: &str = include_str!("../i18n/en.ftl");
const GERMAN: &str = include_str!("../i18n/de.ftl");

/// The languages the frame is translated into, with their catalogs.
pub const CATALOGS: [(&str, &str); 2] = [("en", ENGLISH), ("de", GERMAN)];

pub struct Messages {
    bundle: FluentBundle<FluentResource>,
    english: Option<FluentBundle<FluentResource>>,
}

/// An argument of a message.
pub enum Arg<'a> {
    Text(&'a str),
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg::Text(s)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let id = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Plain text: no Unicode isolation marks around arguments in a terminal.
    bundle.set_use_isolating(false);
    // The catalogs are ours and tested; a parse error keeps what parsed.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

impl Messages {
    /// The catalog for `lang` (a language code such as `de`, or `de-AT`), English when
    /// none is asked for. The second value is true when the language has no catalog.
    pub fn new(lang: Option<&str>) -> (Messages, bool) {
        let wanted = lang.map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase());
        let found = wanted
            .as_deref()
            .and_then(|w| CATALOGS.iter().find(|(code, _)| *code == w));
        let (code, source) = found.copied().unwrap_or(("en", ENGLISH));
        let english = (code != "en").then(|| bundle("en", ENGLISH));
        (
            Messages {
                bundle: bundle(code, source),
                english,
            },
            wanted.is_some() && found.is_none(),
        )
    }

    /// Whether the frame is English (texts the engine writes, such as derivation steps,
    /// are English and shown as they are only then).
    pub fn is_english(&self) -> bool {
        self.english.is_none()
    }

    /// A message without arguments.
    pub fn get(&self, id: &str) -> String {
        self.fmt(id, &[])
    }

    /// A message with arguments.
    pub fn fmt(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fargs.set(*name, FluentValue::from(*s)),
                Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        for b in std::iter::once(&self.bundle).chain(self.english.as_ref()) {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b.format_pattern(pattern, Some(&fargs), &mut errors).into_owned();
            }
        }
        id.to_owned()
    }
}

/// `msg!(m, "id", name = value, ...)`: a message with named arguments.
macro_rules! msg {
    ($m:expr, $id:expr) => { $m.get($id) };
    ($m:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $m.fmt($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}
pub(crate) use msg;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn ids(source: &str) -> Vec<String> {
        let mut out: Vec<String> = source
            .lines()
            .filter(|l| !l.starts_with(['#', ' ']) && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap_or("").trim().to_owned())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_catalog_has_every_message() {
        let english = ids(ENGLISH);
        assert!(english.len() > 50);
        for (code, source) in CATALOGS {
            assert_eq!(ids(source), english, "{code}.ftl has other messages than en.ftl");
            let res = FluentResource::try_new(source.to_owned());
            assert!(
                res.is_ok(),
                "{code}.ftl does not parse: {:?}",
                res.err().map(|e| e.1)
            );
        }
    }

    #[test]
    fn plurals_and_arguments() {
        let (en, _) = Messages::new(None);
        assert_eq!(msg!(en, "days-in", n = 1i64), "in 1 day");
        assert_eq!(msg!(en, "days-in", n = 3i64), "in 3 days");
        let (de, missing) = Messages::new(Some("de"));
        assert!(!missing);
        assert_eq!(msg!(de, "days-in", n = 3i64), "in 3 Tagen");
        let (fr, missing) = Messages::new(Some("fr"));
        assert!(missing);
        assert_eq!(msg!(fr, "days-tomorrow"), "tomorrow");
    }
}
