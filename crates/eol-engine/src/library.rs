//! Assembling a knowledge base from sources: the bundled library, local rule files,
//! their catalogs, and catalogs named on their own.
//!
//! The caller does the I/O (reading files, finding `NAME.releases.*` beside a rule
//! file, the library embedded in a binary) and hands over named byte buffers; this
//! module decides what is read with what, and says so:
//!
//! - each rule file reads the catalogs beside it and every catalog named on its own;
//!   a policy reads the rows of its product id in them;
//! - a local policy with the id of a bundled one replaces it (a note says so, unless
//!   the two files are byte for byte the same); when the local rule file has no catalog
//!   of its own, it reads the bundled catalog of the product it replaces;
//! - when a policy finds rows of its product in a local catalog, the bundled catalogs'
//!   rows of that product are not read;
//! - in [`Scope::Named`] (`eol eval FILE...`) only the named files are evaluated and
//!   reported; bundled policies are added only as upstreams the named ones read.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use eol_syntax::Diagnostic;

use crate::catalog::{catalog_paths_for, CatalogFormat, ReleaseDate};
use crate::identifiers::fold;
use crate::kb::{evaluate_all_with, CatalogFile, Pairing, Product};
use crate::project::{check_across, FrontEnd, RuleFile};

/// A file's name (as diagnostics show it) and its bytes.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub bytes: Cow<'static, [u8]>,
    /// why the file was not read (too large): it is then an empty file with this error
    pub unread: Option<Diagnostic>,
    /// a catalog's sources record (`NAME.sources.toml`), when it has one: the days its
    /// sources were last read
    pub record: Option<Box<Source>>,
}

impl Source {
    pub fn new(name: impl Into<String>, bytes: impl Into<Cow<'static, [u8]>>) -> Source {
        Source {
            name: name.into(),
            bytes: bytes.into(),
            unread: None,
            record: None,
        }
    }

    /// A file that was not read, with the diagnostic that says why.
    pub fn unread(name: impl Into<String>, why: Diagnostic) -> Source {
        Source {
            name: name.into(),
            bytes: Cow::Borrowed(&[]),
            unread: Some(why),
            record: None,
        }
    }

    fn rule_file(&self) -> RuleFile {
        self.rule_file_with(&mut crate::project::Fresh)
    }

    fn rule_file_with(&self, front: &mut dyn FrontEnd) -> RuleFile {
        match &self.unread {
            None => RuleFile::load_with(self.name.clone(), &self.bytes, front),
            Some(d) => RuleFile {
                name: self.name.clone(),
                text: String::new(),
                tree: eol_syntax::ast::File::default(),
                policies: Vec::new(),
                diagnostics: vec![d.clone()],
            },
        }
    }
}

/// The rule files `wanted` of `sources` parsed and checked, in that order (None for an index
/// out of range). Parsing is most of loading the library (the bundled one: about a hundred
/// and eighty files, two thirds of the instructions of `eol status`), and each file's is its
/// own: the files are shared among the machine's cores, up to four threads.
fn parse_all(sources: &[RuleSource], wanted: &[usize]) -> Vec<Option<RuleFile>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(wanted.len());
    let parse = |k: usize| {
        wanted
            .get(k)
            .and_then(|&bi| sources.get(bi))
            .map(|src| src.file.rule_file())
    };
    if threads <= 1 {
        return (0..wanted.len()).map(parse).collect();
    }
    // Thread t parses files t, t + threads, ...: the library's files are of every size, in
    // the order of their names.
    let mut out: Vec<Option<RuleFile>> = (0..wanted.len()).map(|_| None).collect();
    let parse = &parse;
    let done: Vec<Vec<(usize, Option<RuleFile>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..wanted.len())
                        .step_by(threads)
                        .map(|k| (k, parse(k)))
                        .collect()
                })
            })
            .collect();
        let mine: Vec<(usize, Option<RuleFile>)> = (0..wanted.len())
            .step_by(threads)
            .map(|k| (k, parse(k)))
            .collect();
        let mut all = vec![mine];
        for w in workers {
            // A worker that panicked leaves its files to be parsed on this thread.
            all.push(w.join().unwrap_or_default());
        }
        all
    });
    for (k, file) in done.into_iter().flatten() {
        if let Some(slot) = out.get_mut(k) {
            *slot = file;
        }
    }
    out
}

/// A rule file and the catalogs found beside it.
#[derive(Clone, Debug)]
pub struct RuleSource {
    pub file: Source,
    pub catalogs: Vec<Source>,
}

/// Pair a flat list of files (a rules directory, the embedded library) by name:
/// `NAME.eol` with `NAME.releases.{toml,csv,json}`. Other files are left out.
pub fn pair_by_name(files: &[Source]) -> Vec<RuleSource> {
    let by_name: HashMap<&str, &Source> = files.iter().map(|f| (f.name.as_str(), f)).collect();
    let mut out: Vec<RuleSource> = files
        .iter()
        .filter(|f| f.name.ends_with(".eol"))
        .map(|f| RuleSource {
            file: f.clone(),
            catalogs: catalog_paths_for(std::path::Path::new(&f.name))
                .iter()
                .filter_map(|p| by_name.get(p.to_string_lossy().as_ref()).map(|s| (*s).clone()))
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| a.file.name.cmp(&b.file.name));
    out
}

/// Which products a command evaluates and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// every product: the bundled library and the local files (`status`, `list`, `eval`
    /// with no paths)
    All,
    /// only the local files; bundled policies serve as upstreams (`eval FILE...`)
    Named,
}

/// What to assemble.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub bundled: Vec<RuleSource>,
    pub local: Vec<RuleSource>,
    /// catalogs named on their own: every rule file reads them
    pub named_catalogs: Vec<Source>,
}

/// Which data answered: the bundled library (and how recent it is) and the local files.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DataSource {
    /// the bundled library, when any of it was read
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundled: Option<Bundled>,
    /// local files read, in order
    pub paths: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Bundled {
    /// products in the bundled library
    pub products: usize,
    /// the date of its newest dated catalog row: how current the library is
    pub newest_row: Option<NaiveDate>,
}

/// A note for the user about how sources were combined (printed on standard error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note(pub String);

/// The assembled knowledge base, before evaluation.
#[derive(Debug, Default)]
pub struct Library {
    pub rules: Vec<RuleFile>,
    pub catalogs: Vec<CatalogFile>,
    pub pairing: Pairing,
    /// which rule files came from the bundled library
    pub bundled: Vec<bool>,
    /// rule files whose products are reported
    pub reported: Vec<bool>,
    pub notes: Vec<Note>,
    pub data: DataSource,
    /// which products are reported
    pub scope: Option<Scope>,
}

impl Library {
    pub fn assemble(request: Request, scope: Scope) -> Library {
        Library::assemble_with(request, scope, &mut crate::project::Fresh)
    }

    /// [`Library::assemble`], with the local rule files parsed and checked by `front`
    /// (the language server's cache of what did not change).
    pub fn assemble_with(mut request: Request, scope: Scope, front: &mut dyn FrontEnd) -> Library {
        let mut lib = Library {
            scope: Some(scope),
            ..Library::default()
        };
        // Local rule files, with their own catalogs and the named ones.
        let mut named = Vec::new();
        for c in &mut request.named_catalogs {
            let ci = lib.add_catalog(c, false, front);
            if let Some(cf) = lib.catalogs.get_mut(ci) {
                cf.named = true;
            }
            named.push(ci);
        }
        // A local copy identical to a bundled rule file (and its catalogs) adds nothing:
        // the bundled one answers (`eol status` run inside a checkout of the library). A
        // copy whose catalog's sources were read on a known day (`eol update --into`) adds
        // that day, and is read.
        let checked = |c: &Source| {
            c.record.as_ref().is_some_and(|r| {
                std::str::from_utf8(&r.bytes).is_ok_and(|t| {
                    crate::sources::record::parse(t)
                        .0
                        .iter()
                        .any(|x| x.checked.is_some())
                })
            })
        };
        let same_as_bundled = |src: &RuleSource| {
            !src.catalogs.iter().any(checked)
                && request.bundled.iter().any(|b| {
                    b.file.bytes == src.file.bytes
                        && src.catalogs.len() <= b.catalogs.len()
                        && src
                            .catalogs
                            .iter()
                            .all(|c| b.catalogs.iter().any(|bc| bc.bytes == c.bytes))
                })
        };
        let keep: Vec<bool> = match scope {
            Scope::All => request.local.iter().map(|s| !same_as_bundled(s)).collect(),
            Scope::Named => vec![true; request.local.len()],
        };
        let mut kept = keep.into_iter();
        let local: Vec<&mut RuleSource> = request
            .local
            .iter_mut()
            .filter(|_| kept.next().unwrap_or(false))
            .collect();
        let mut local_ids: HashMap<String, usize> = HashMap::new();
        let mut local_text: Vec<(usize, Vec<u8>)> = Vec::new();
        for src in local {
            let fi = lib.rules.len();
            let file = src.file.rule_file_with(front);
            for p in &file.policies {
                local_ids.entry(fold(&p.id)).or_insert(fi);
            }
            lib.data.paths.push(src.file.name.clone());
            lib.rules.push(file);
            lib.bundled.push(false);
            lib.reported.push(true);
            let mut mine: Vec<usize> = Vec::new();
            for c in &mut src.catalogs {
                lib.data.paths.push(c.name.clone());
                mine.push(lib.add_catalog(c, false, front));
            }
            local_text.push((fi, src.file.bytes.to_vec()));
            mine.extend(named.iter().copied());
            lib.pairing.push(mine);
        }
        lib.data
            .paths
            .extend(request.named_catalogs.iter().map(|c| c.name.clone()));
        // Bundled rule files: every one for `All`; for `Named`, those that define an
        // upstream the loaded policies read and nobody local defines (transitively).
        let wanted: Vec<usize> = match scope {
            Scope::All => (0..request.bundled.len()).collect(),
            Scope::Named => lib.upstream_files(&request.bundled, &local_ids),
        };
        let mut bundled_products = 0usize;
        let mut newest_row: Option<NaiveDate> = None;
        let mut parsed = parse_all(&request.bundled, &wanted).into_iter();
        for bi in wanted {
            let parsed = parsed.next().flatten();
            let Some(src) = request.bundled.get_mut(bi) else {
                continue;
            };
            let mut file = parsed.unwrap_or_else(|| src.file.rule_file());
            let mut cats: Vec<usize> = Vec::new();
            for c in &mut src.catalogs {
                let ci = lib.add_catalog(c, true, front);
                if let Some(cf) = lib.catalogs.get(ci) {
                    let newest = cf
                        .catalog
                        .releases
                        .iter()
                        .filter_map(|r| match r.date {
                            ReleaseDate::Exact(d) => Some(d),
                            _ => None,
                        })
                        .max();
                    newest_row = newest_row.max(newest);
                }
                cats.push(ci);
            }
            // Local policies replace bundled ones of the same id.
            let mut kept = Vec::new();
            for p in std::mem::take(&mut file.policies) {
                match local_ids.get(&fold(&p.id)) {
                    Some(&fi) => {
                        let same = local_text
                            .iter()
                            .any(|(i, t)| *i == fi && t.as_slice() == src.file.bytes.as_ref());
                        let local_name = lib.rules.get(fi).map_or("", |f| f.name.as_str()).to_owned();
                        let has_own = lib.pairing.get(fi).is_some_and(|c| !c.is_empty());
                        if !has_own {
                            if let Some(mine) = lib.pairing.get_mut(fi) {
                                mine.extend(cats.iter().copied());
                            }
                        }
                        if !same {
                            lib.notes.push(Note(if has_own {
                                format!("{local_name} replaces the bundled `{}`", p.id)
                            } else {
                                format!(
                                    "{local_name} replaces the bundled `{}` and reads its bundled catalog",
                                    p.id
                                )
                            }));
                        }
                    }
                    None => kept.push(p),
                }
            }
            if kept.is_empty() {
                continue;
            }
            bundled_products += kept.len();
            file.policies = kept;
            let mut paired = cats;
            paired.extend(named.iter().copied());
            lib.rules.push(file);
            lib.bundled.push(true);
            lib.reported.push(scope == Scope::All);
            lib.pairing.push(paired);
        }
        if bundled_products > 0 {
            lib.data.bundled = Some(Bundled {
                products: bundled_products,
                newest_row,
            });
        }
        check_across(&mut lib.rules);
        lib
    }

    /// Reads a catalog, taking its bytes from `src` (a file read from disk becomes the
    /// catalog's text without a copy).
    fn add_catalog(&mut self, src: &mut Source, bundled: bool, front: &mut dyn FrontEnd) -> usize {
        let format = CatalogFormat::from_path(std::path::Path::new(&src.name)).unwrap_or(CatalogFormat::Csv);
        let bytes = std::mem::replace(&mut src.bytes, Cow::Borrowed(&[]));
        let mut file = front.load_catalog(&src.name, format, bytes);
        if let Some(d) = &src.unread {
            file.diagnostics = vec![d.clone()];
        }
        if let Some(record) = src.record.take() {
            file.checked = self.checked(&record);
        }
        file.bundled = bundled;
        self.catalogs.push(file);
        self.catalogs.len() - 1
    }

    /// The day a catalog's sources were last read, from its sources record; a record that
    /// cannot be read gives none, and a note that says why (the catalog is read all the
    /// same: the record only tells how fresh it is).
    fn checked(&mut self, record: &Source) -> Option<chrono::NaiveDate> {
        let problem = match (&record.unread, std::str::from_utf8(&record.bytes)) {
            (Some(d), _) => d.message.clone(),
            (None, Err(_)) => "it is not valid UTF-8".to_owned(),
            (None, Ok(text)) => {
                let (records, diagnostics) = crate::sources::record::parse(text);
                match diagnostics.first() {
                    None => return records.iter().filter_map(|r| r.checked).max(),
                    Some(d) => format!("{} (`{}`)", d.message, d.code),
                }
            }
        };
        self.notes.push(Note(format!(
            "{}: {problem}; when its sources were last read is not known (`eol update` reports it in full)",
            record.name
        )));
        None
    }

    /// Indices of the bundled rule files that define upstreams the local policies read
    /// (and their upstreams), when no local file defines them.
    fn upstream_files(&self, bundled: &[RuleSource], local_ids: &HashMap<String, usize>) -> Vec<usize> {
        // Which bundled file defines which id: read the ids cheaply by loading the files
        // that are asked for only.
        let mut wanted: Vec<String> = self
            .rules
            .iter()
            .flat_map(|f| {
                f.policies
                    .iter()
                    .flat_map(|p| p.upstreams.iter().map(|u| fold(&u.product)))
            })
            .filter(|id| !local_ids.contains_key(id))
            .collect();
        let mut seen: HashSet<String> = HashSet::new();
        let mut files: BTreeSet<usize> = BTreeSet::new();
        let mut loaded: HashMap<usize, RuleFile> = HashMap::new();
        while let Some(id) = wanted.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            // A bundled rule file is named after its first product: try that first.
            let by_stem = bundled.iter().position(|b| {
                std::path::Path::new(&b.file.name)
                    .file_stem()
                    .is_some_and(|s| fold(&s.to_string_lossy()) == id)
            });
            let order = by_stem.into_iter().chain(0..bundled.len());
            for bi in order {
                let Some(src) = bundled.get(bi) else { continue };
                let file = loaded.entry(bi).or_insert_with(|| src.file.rule_file());
                if let Some(p) = file.policies.iter().find(|p| fold(&p.id) == id) {
                    wanted.extend(
                        p.upstreams
                            .iter()
                            .map(|u| fold(&u.product))
                            .filter(|u| !local_ids.contains_key(u)),
                    );
                    files.insert(bi);
                    break;
                }
            }
        }
        files.into_iter().collect()
    }

    pub fn has_errors(&self) -> bool {
        self.rules.iter().any(RuleFile::has_errors) || self.catalogs.iter().any(CatalogFile::has_errors)
    }

    /// Evaluate every product (of error-free files) at `at`; the products reported by
    /// the scope, in file order.
    pub fn evaluate(
        &mut self,
        at: NaiveDate,
        options: crate::eval::Options,
        only: Option<&str>,
    ) -> Vec<Product> {
        self.evaluate_with(at, options, only, &mut crate::kb::NoMemo)
    }

    /// [`Library::evaluate`], taking unchanged evaluations from `memo` (the language
    /// server's re-check).
    pub fn evaluate_with(
        &mut self,
        at: NaiveDate,
        options: crate::eval::Options,
        only: Option<&str>,
        memo: &mut dyn crate::kb::EvalMemo,
    ) -> Vec<Product> {
        let only_id = only.and_then(|o| self.find_id(o));
        let products = evaluate_all_with(
            &mut self.rules,
            &mut self.catalogs,
            &self.pairing,
            at,
            options,
            only_id.as_deref(),
            memo,
        );
        products
            .into_iter()
            .filter(|p| self.reported.get(p.file).copied().unwrap_or(false))
            .collect()
    }

    /// The exact policy id a case-insensitive id or alias names, if any.
    pub fn find_id(&self, name: &str) -> Option<String> {
        let wanted = fold(name);
        let policies = || self.rules.iter().flat_map(|f| f.policies.iter());
        policies()
            .find(|p| fold(&p.id) == wanted)
            .or_else(|| policies().find(|p| p.aliases().any(|a| a == wanted)))
            .map(|p| p.id.clone())
    }

    /// The files the scope reports on, rules first: (name, text, diagnostics). In
    /// [`Scope::Named`], bundled files read only as upstreams are left out.
    pub fn files(&self) -> Vec<(&str, &str, &[Diagnostic])> {
        let named = self.scope == Some(Scope::Named);
        let rules = self
            .rules
            .iter()
            .zip(&self.reported)
            .filter(|(_, r)| !named || **r)
            .map(|(f, _)| (f.name.as_str(), f.text.as_str(), f.diagnostics.as_slice()));
        let cats = self
            .catalogs
            .iter()
            .filter(|c| !named || !c.bundled)
            .map(|c| (c.name.as_str(), c.text.as_str(), c.diagnostics.as_slice()));
        rules.chain(cats).collect()
    }

    /// Every diagnostic of the files the scope reports on: (file name, text, diagnostic).
    pub fn diagnostics(&self) -> impl Iterator<Item = (&str, &str, &Diagnostic)> {
        self.files()
            .into_iter()
            .flat_map(|(name, text, ds)| ds.iter().map(move |d| (name, text, d)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// The rule files parsed on several threads are the ones parsed one by one, in the order
    /// asked for (the project's own library, and an index that names no file).
    #[test]
    fn rule_files_parsed_together_are_parsed_as_one_by_one() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let mut sources: Vec<RuleSource> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "eol"))
            .map(|p| RuleSource {
                file: Source::new(p.display().to_string(), std::fs::read(&p).unwrap()),
                catalogs: Vec::new(),
            })
            .collect();
        sources.sort_by(|a, b| a.file.name.cmp(&b.file.name));
        assert!(sources.len() > 100, "{}", sources.len());
        let mut wanted: Vec<usize> = (0..sources.len()).rev().collect();
        wanted.insert(3, sources.len() + 7);
        let together = parse_all(&sources, &wanted);
        assert_eq!(together.len(), wanted.len());
        for (k, &i) in wanted.iter().enumerate() {
            let one = sources.get(i).map(|s| s.file.rule_file());
            assert_eq!(format!("{:?}", together[k]), format!("{one:?}"), "file {i}");
        }
    }
}
