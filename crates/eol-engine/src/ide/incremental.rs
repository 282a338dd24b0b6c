//! The language server's re-check: what did not change is not parsed or checked again.
//!
//! An editor changes one policy at a time. The parser already cuts a file into
//! top-level chunks (one per policy) before pest sees them, and a policy that extends
//! none is checked on its own; so a [`Cache`] keeps, per chunk text, what parsing the
//! chunk alone gave and what checking its policy gave, with spans counted from the
//! chunk's start. A re-check cuts the new text into chunks, takes each unchanged one
//! from the cache (its spans moved to where it now stands) and parses and checks the
//! others; the passes over the whole file (comments, line ends, duplicate ids and
//! names, `extends`, upstreams, the library's assembly, evaluation, the resolution
//! table) run every time. The result is the same as a full check, which
//! `ide::incremental::tests` checks edit by edit.

use std::collections::HashMap;

use eol_syntax::shift::Shift;
use eol_syntax::{ast, ChunkParse, Span};

use crate::project::FrontEnd;

/// What was parsed and checked of one chunk, spans counted from its start.
#[derive(Debug)]
struct Entry {
    parse: ChunkParse,
    /// the policy checked on its own, once asked for
    checked: Option<crate::check::Checked>,
    /// the generation of the last re-check that used it
    used: u64,
}

/// What a document's re-checks keep: one entry per policy text of the last re-check.
#[derive(Debug, Default)]
pub struct Cache {
    chunks: HashMap<String, Entry>,
    /// per policy of the file being loaded: its chunk's text and where it stands
    order: Vec<(String, usize)>,
    generation: u64,
    /// chunks parsed and policies checked by the last re-check (the rest came from here)
    parsed: usize,
    checked: usize,
    /// the parsed catalogs and evaluated products kept
    pub(super) reuse: super::reuse::Reuse,
    /// per policy id, its lines as the last re-check that evaluated it found them: what
    /// completion offers after `override line` while the item being typed keeps the file
    /// from parsing
    pub(super) lines: HashMap<String, Vec<super::complete::LineEntry>>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Start a re-check (what [`super::Analysis::recheck`] does around loading the
    /// file with the cache as its [`FrontEnd`]).
    pub fn begin(&mut self) {
        self.generation += 1;
        self.order.clear();
        self.parsed = 0;
        self.checked = 0;
        self.reuse.begin(self.generation);
    }

    /// End a re-check: forget the chunks it did not use, so the cache holds one file.
    pub fn end(&mut self) {
        let generation = self.generation;
        self.chunks.retain(|_, e| e.used == generation);
        self.order.clear();
        self.reuse.end();
    }

    /// How many chunks the last re-check parsed and how many policies it checked
    /// (the others it took from the cache).
    pub fn last_work(&self) -> (usize, usize) {
        (self.parsed, self.checked)
    }

    /// How many catalogs the last re-check parsed, and how many products it evaluated
    /// and took from the cache.
    pub fn last_evaluation(&self) -> (usize, usize, usize) {
        (
            self.reuse.catalogs_parsed,
            self.reuse.evaluated,
            self.reuse.reused,
        )
    }

    /// How many chunks the cache holds.
    pub fn len(&self) -> usize {
        self.chunks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }
}

impl FrontEnd for Cache {
    fn parse_chunk(&mut self, span: Span, text: &str) -> ChunkParse {
        let generation = self.generation;
        let entry = match self.chunks.get_mut(text) {
            Some(e) => e,
            None => {
                self.parsed += 1;
                let parse = eol_syntax::parse_chunk(text, 0);
                self.chunks.entry(text.to_owned()).or_insert(Entry {
                    parse,
                    checked: None,
                    used: generation,
                })
            }
        };
        entry.used = generation;
        let mut out = entry.parse.clone();
        out.policy.shift_spans(span.start);
        out.diagnostics.shift_spans(span.start);
        if out.policy.is_some() {
            self.order.push((text.to_owned(), span.start));
        }
        out
    }

    fn check_policy(&mut self, index: usize, policy: &ast::Policy) -> crate::check::Checked {
        let entry = self
            .order
            .get(index)
            .and_then(|(text, offset)| Some((self.chunks.get_mut(text.as_str())?, *offset)));
        let Some((entry, offset)) = entry else {
            return crate::check::check_policy(policy);
        };
        if entry.checked.is_none() {
            // checked once, from the tree with spans from the chunk's start
            let Some(own) = &entry.parse.policy else {
                return crate::check::check_policy(policy);
            };
            self.checked += 1;
            entry.checked = Some(crate::check::check_policy(own));
        }
        let Some((model, diagnostics)) = &entry.checked else {
            return crate::check::check_policy(policy);
        };
        let mut out = (model.clone(), diagnostics.clone());
        out.0.shift_spans(offset);
        out.1.shift_spans(offset);
        out
    }

    fn load_catalog(
        &mut self,
        name: &str,
        format: crate::catalog::CatalogFormat,
        bytes: std::borrow::Cow<'_, [u8]>,
    ) -> crate::kb::CatalogFile {
        self.reuse.load_catalog(name, format, bytes)
    }
}

#[cfg(test)]
#[path = "incremental_tests.rs"]
mod tests;
