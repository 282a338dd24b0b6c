//! What the language server's re-check keeps besides the front end ([`super::incremental`]):
//! the parsed catalogs, while their bytes stay the same, and the evaluated products,
//! while nothing they read changed.
//!
//! A catalog is kept by name with its text; a re-check hands it the bytes read from disk
//! again and gets the parsed catalog back when they are byte for byte the text it was
//! parsed from (a comparison of two buffers, no parse).
//!
//! A product's evaluation is a function of its policy's model (spans included), its
//! catalog rows, the products it reads as upstreams, the date and the options. So an
//! evaluation is kept per policy id with the model it was made from, and taken again
//! ([`EvalMemo`]) when the model is equal, the catalogs, their pairing and the date are
//! the same as when it was made (else every evaluation is forgotten), and every upstream
//! the policy reads was itself taken again in this re-check (`kb::evaluate_all_with`
//! asks only then). A policy that did not change but moved (an edit above it) has other
//! spans, so it is evaluated again: its traces carry absolute spans, shared as `Arc`
//! steps, and moving them would mean copying them.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::CatalogFormat;
use crate::kb::{CatalogFile, EvalMemo, Evaluated};
use crate::library::Library;
use crate::model::Policy;

/// What the evaluation of the products read besides their models.
#[derive(Debug, PartialEq, Eq)]
struct World {
    at: NaiveDate,
    trace: bool,
    /// every catalog: name, bundled, named
    catalogs: Vec<(String, bool, bool)>,
    pairing: Vec<Vec<usize>>,
}

#[derive(Debug)]
struct KeptEvaluation {
    policy: Policy,
    evaluated: Evaluated,
    used: u64,
}

/// The parsed catalogs and evaluated products of a document's last re-check.
#[derive(Debug, Default)]
pub(super) struct Reuse {
    catalogs: HashMap<String, (CatalogFile, u64)>,
    evaluations: HashMap<String, KeptEvaluation>,
    /// what the kept evaluations were made with
    world: Option<World>,
    generation: u64,
    /// catalogs parsed by this re-check (the others were kept)
    pub(super) catalogs_parsed: usize,
    /// products evaluated and taken again by this re-check
    pub(super) evaluated: usize,
    pub(super) reused: usize,
}

/// A copy of a parsed catalog (the text is shared).
fn copy(c: &CatalogFile) -> CatalogFile {
    CatalogFile {
        name: c.name.clone(),
        text: c.text.clone(),
        catalog: c.catalog.clone(),
        diagnostics: c.diagnostics.clone(),
        bundled: c.bundled,
        named: c.named,
        checked: c.checked,
    }
}

impl Reuse {
    pub(super) fn begin(&mut self, generation: u64) {
        self.generation = generation;
        self.catalogs_parsed = 0;
        self.evaluated = 0;
        self.reused = 0;
    }

    /// The catalog `name` of `bytes`: the kept one when the bytes are its text.
    pub(super) fn load_catalog(
        &mut self,
        name: &str,
        format: CatalogFormat,
        bytes: Cow<'_, [u8]>,
    ) -> CatalogFile {
        let generation = self.generation;
        if let Some((kept, used)) = self.catalogs.get_mut(name) {
            if kept.text.as_bytes() == bytes.as_ref() && kept.name == name {
                *used = generation;
                return copy(kept);
            }
        }
        self.catalogs_parsed += 1;
        let file = CatalogFile::load_owned(name, format, bytes);
        // The text of a file that is not UTF-8 is not its bytes: never taken again.
        if !file
            .diagnostics
            .iter()
            .any(|d| d.code == eol_syntax::Code::InvalidUtf8.as_str())
        {
            self.catalogs.insert(name.to_owned(), (copy(&file), generation));
        } else {
            self.catalogs.remove(name);
        }
        file
    }

    /// Before evaluating `lib` at `at`: forget the kept evaluations when anything but the
    /// models they were made from may have changed.
    pub(super) fn start_evaluation(&mut self, lib: &Library, at: NaiveDate, trace: bool) {
        let world = World {
            at,
            trace,
            catalogs: lib
                .catalogs
                .iter()
                .map(|c| (c.name.clone(), c.bundled, c.named))
                .collect(),
            pairing: lib.pairing.clone(),
        };
        if self.catalogs_parsed > 0 || self.world.as_ref() != Some(&world) {
            self.evaluations.clear();
        }
        self.world = Some(world);
    }

    /// End a re-check: forget the catalogs it did not read, and, when it evaluated
    /// anything, the evaluations it did not use (an evaluation made against an upstream
    /// that was evaluated again since must not outlive it).
    pub(super) fn end(&mut self) {
        let generation = self.generation;
        self.catalogs.retain(|_, (_, used)| *used == generation);
        if self.evaluated + self.reused > 0 {
            self.evaluations.retain(|_, e| e.used == generation);
        }
    }
}

impl EvalMemo for Reuse {
    fn get(&mut self, file: usize, policy: &Policy) -> Option<Evaluated> {
        if file != 0 {
            return None;
        }
        let generation = self.generation;
        let kept = self.evaluations.get_mut(policy.id.as_str())?;
        if kept.policy != *policy {
            return None;
        }
        kept.used = generation;
        self.reused += 1;
        Some(kept.evaluated.clone())
    }

    fn put(&mut self, file: usize, policy: &Policy, evaluated: &Evaluated) {
        self.evaluated += 1;
        if file != 0 {
            return;
        }
        self.evaluations.insert(
            policy.id.clone(),
            KeptEvaluation {
                policy: policy.clone(),
                evaluated: evaluated.clone(),
                used: self.generation,
            },
        );
    }
}
