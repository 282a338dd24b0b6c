//! A knowledge base: rule files and catalogs evaluated together.
//!
//! Pairs every policy with the catalog rows of its product, evaluates, and files
//! each diagnostic under the file it points into.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use eol_syntax::{Code, Diagnostic, Span};

use crate::catalog::{parse_catalog_shared, Catalog, CatalogFormat, Release};
use crate::eval::{evaluate_with_upstreams, Lifecycle, Options, Origin, UpstreamView};
use crate::model::Policy;
use crate::project::RuleFile;
use crate::suggest::suggest;

/// One catalog file: its text, releases and diagnostics.
#[derive(Debug)]
pub struct CatalogFile {
    pub name: String,
    /// The file's text, held once: the releases' text fields are ranges of it.
    pub text: Arc<String>,
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
    /// part of the bundled library: its rows of a product give way to a local catalog's
    /// rows of that product, and rows nobody reads are not reported
    pub bundled: bool,
    /// named on its own (not found beside a rule file): its rows of a product win over
    /// the rows of that product in the catalogs beside rule files
    pub named: bool,
    /// the newest day its sources were read (`checked` in its sources record): it listed
    /// every release the sources had then
    pub checked: Option<chrono::NaiveDate>,
}

impl CatalogFile {
    /// Which catalog's rows of a product are read when several have some: the lowest
    /// rank (named on their own, then beside a local rule file, then bundled).
    pub fn rank(&self) -> u8 {
        match (self.named, self.bundled) {
            (true, _) => 0,
            (false, false) => 1,
            (false, true) => 2,
        }
    }
}

impl CatalogFile {
    pub fn load(name: impl Into<String>, format: CatalogFormat, bytes: &[u8]) -> CatalogFile {
        CatalogFile::load_owned(name, format, Cow::Borrowed(bytes))
    }

    /// [`CatalogFile::load`] of bytes the caller hands over: bytes that are UTF-8 become the
    /// file's text as they are, never copied (a large catalog is held once).
    pub fn load_owned(name: impl Into<String>, format: CatalogFormat, bytes: Cow<'_, [u8]>) -> CatalogFile {
        let name = name.into();
        let text = match bytes {
            Cow::Owned(bytes) => String::from_utf8(bytes).map_err(|e| e.into_bytes()),
            Cow::Borrowed(bytes) => std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|_| bytes.to_vec()),
        };
        match text {
            Ok(text) => {
                let text = Arc::new(text);
                let (catalog, diagnostics) = parse_catalog_shared(&text, format);
                CatalogFile {
                    name,
                    text,
                    catalog,
                    diagnostics,
                    bundled: false,
                    named: false,
                    checked: None,
                }
            }
            Err(bytes) => {
                let at = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
                // The text kept is the lossy one, where the bad byte is U+FFFD (three
                // bytes): the label covers that character, as for rule files.
                let d = Diagnostic::error(
                    Code::InvalidUtf8,
                    "file is not valid UTF-8",
                    Span::new(at, at + '\u{fffd}'.len_utf8()),
                    "invalid byte sequence here",
                )
                .with_help("catalogs are UTF-8 text; re-save the file as UTF-8");
                CatalogFile {
                    name,
                    text: Arc::new(String::from_utf8_lossy(&bytes).into_owned()),
                    catalog: Catalog::default(),
                    diagnostics: vec![d],
                    bundled: false,
                    named: false,
                    checked: None,
                }
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One evaluated product.
#[derive(Debug)]
pub struct Product {
    /// index of the rule file
    pub file: usize,
    /// index of the policy in that file
    pub policy: usize,
    pub lifecycle: Lifecycle,
    /// (catalog file, release index) of every release handed to the evaluator, in
    /// the order the lifecycle's release indices use
    pub releases: Vec<(usize, usize)>,
}

impl Product {
    pub fn policy<'a>(&self, rules: &'a [RuleFile]) -> Option<&'a Policy> {
        rules.get(self.file).and_then(|f| f.policies.get(self.policy))
    }
}

/// Which catalogs each rule file reads.
pub type Pairing = Vec<Vec<usize>>;

/// What one policy's evaluation gave: its lifecycle and diagnostics.
pub type Evaluated = (Lifecycle, Vec<(Origin, Diagnostic)>);

/// Evaluations kept from an earlier run (the language server's re-check, `ide::incremental`).
///
/// [`evaluate_all_with`] asks for a policy only when every upstream it reads was itself
/// taken from the memo in this run, so what a policy's evaluation reads besides its model
/// (its catalog rows, `at`, the options) is the memo's to vouch for: it answers only when
/// those are the same as when it kept the evaluation.
pub trait EvalMemo {
    /// The evaluation of `policy` (of rule file `file`) kept from before, if its model is
    /// the same (spans included).
    fn get(&mut self, file: usize, policy: &Policy) -> Option<Evaluated>;
    /// Keep what evaluating `policy` gave.
    fn put(&mut self, file: usize, policy: &Policy, evaluated: &Evaluated);
}

/// No memo: everything is evaluated.
pub struct NoMemo;

impl EvalMemo for NoMemo {
    fn get(&mut self, _file: usize, _policy: &Policy) -> Option<Evaluated> {
        None
    }

    fn put(&mut self, _file: usize, _policy: &Policy, _evaluated: &Evaluated) {}
}

/// Evaluate every policy of every error-free rule file against its catalogs.
/// Policies of files with errors are not evaluated (their dates could be wrong);
/// the caller reports the errors. `only` limits evaluation to one product id.
pub fn evaluate_all(
    rules: &mut [RuleFile],
    catalogs: &mut [CatalogFile],
    pairing: &Pairing,
    at: NaiveDate,
    options: Options,
    only: Option<&str>,
) -> Vec<Product> {
    evaluate_all_with(rules, catalogs, pairing, at, options, only, &mut NoMemo)
}

/// [`evaluate_all`], taking from `memo` the evaluations of policies that did not change
/// and read only upstreams that did not either.
pub fn evaluate_all_with(
    rules: &mut [RuleFile],
    catalogs: &mut [CatalogFile],
    pairing: &Pairing,
    at: NaiveDate,
    options: Options,
    only: Option<&str>,
    memo: &mut dyn EvalMemo,
) -> Vec<Product> {
    let mut products = Vec::new();
    let mut rule_diags: Vec<(usize, Diagnostic)> = Vec::new();
    let mut cat_diags: Vec<(usize, Diagnostic)> = Vec::new();
    // Products each catalog is read for, to warn about rows nobody reads.
    let mut read: BTreeMap<usize, HashSet<String>> = BTreeMap::new();
    let mut known_ids: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    // Rows of each product in each catalog, found in one pass.
    let by_product: Vec<ProductIndex<'_>> = catalogs.iter().map(|c| ProductIndex::new(&c.catalog)).collect();
    for (fi, file) in rules.iter().enumerate() {
        for &ci in pairing.get(fi).map_or(&[][..], Vec::as_slice) {
            known_ids
                .entry(ci)
                .or_default()
                .extend(file.policies.iter().map(|p| p.id.clone()));
            read.entry(ci)
                .or_default()
                .extend(file.policies.iter().map(|p| p.id.clone()));
        }
    }
    // Every policy by product id (the first of a duplicated id), and whether its file is
    // free of errors, so that it can be evaluated.
    let mut by_id: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
    for (fi, file) in rules.iter().enumerate() {
        for (pi, policy) in file.policies.iter().enumerate() {
            by_id.entry(policy.id.as_str()).or_insert((fi, pi));
        }
    }
    let ok = |fi: usize| rules.get(fi).is_some_and(|f| !f.has_errors());
    // Upstreams are evaluated before the policies that read them: a depth-first order,
    // with the products `only` asks for and what they read.
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut state: std::collections::HashMap<(usize, usize), bool> = std::collections::HashMap::new();
    let mut roots: Vec<(usize, usize)> = Vec::new();
    for (fi, file) in rules.iter().enumerate() {
        for (pi, policy) in file.policies.iter().enumerate() {
            if ok(fi) && only.is_none_or(|o| o == policy.id) {
                roots.push((fi, pi));
            }
        }
    }
    for root in roots {
        visit_upstreams(rules, &by_id, root, 0, &mut state, &mut order, &mut rule_diags);
    }
    let mut done: std::collections::HashMap<(usize, usize), Product> = std::collections::HashMap::new();
    // Products taken from the memo: a policy whose upstreams all are may be too.
    let mut kept: HashSet<(usize, usize)> = HashSet::new();
    for &(fi, pi) in &order {
        let (Some(file), true) = (rules.get(fi), ok(fi)) else {
            continue;
        };
        let Some(policy) = file.policies.get(pi) else {
            continue;
        };
        let cats = pairing.get(fi).cloned().unwrap_or_default();
        let mut refs: Vec<&Release> = Vec::new();
        let mut owners: Vec<(usize, usize)> = Vec::new();
        // Rows of this product in a catalog named on its own win over those beside a rule
        // file, which win over the bundled library's.
        let has_rows = |ci: &usize| {
            by_product
                .get(*ci)
                .is_some_and(|index| index.contains_key(policy.id.as_str()))
        };
        let best = cats
            .iter()
            .filter(|ci| has_rows(ci))
            .filter_map(|ci| catalogs.get(*ci).map(CatalogFile::rank))
            .min();
        for &ci in &cats {
            let (Some(c), Some(index)) = (catalogs.get(ci), by_product.get(ci)) else {
                continue;
            };
            if Some(c.rank()) != best {
                continue;
            }
            for &ri in index.get(policy.id.as_str()) {
                let ri = ri as usize;
                if let Some(r) = c.catalog.releases.get(ri) {
                    refs.push(r);
                    owners.push((ci, ri));
                }
            }
        }
        if refs.is_empty() {
            rule_diags.push((fi, no_rows(policy, &file.name, &cats, catalogs)));
        }
        let views: Vec<Option<UpstreamView<'_>>> = policy
            .upstreams
            .iter()
            .map(|u| {
                let key = by_id.get(u.product.as_str())?;
                let up = done.get(key)?;
                Some(UpstreamView {
                    policy: up.policy(rules)?,
                    lifecycle: &up.lifecycle,
                })
            })
            .collect();
        let upstreams_kept = policy
            .upstreams
            .iter()
            .all(|u| by_id.get(u.product.as_str()).is_some_and(|k| kept.contains(k)));
        let (lifecycle, diags) = match upstreams_kept.then(|| memo.get(fi, policy)).flatten() {
            Some(evaluated) => {
                kept.insert((fi, pi));
                evaluated
            }
            None => {
                let evaluated = evaluate_with_upstreams(policy, &refs, at, options, &views);
                memo.put(fi, policy, &evaluated);
                evaluated
            }
        };
        for (origin, d) in diags {
            match origin {
                Origin::Rules => rule_diags.push((fi, d)),
                Origin::Release { row, related } => {
                    let Some((ci, _)) = owners.get(row) else { continue };
                    let mut d = d;
                    // A related row in another catalog cannot be labelled in this one.
                    if let Some((other, _)) = related.and_then(|r| owners.get(r)) {
                        if other != ci {
                            d.related.clear();
                            let name = catalogs.get(*other).map_or("", |c| c.name.as_str());
                            let row = related.and_then(|r| refs.get(r)).map_or(0, |r| r.row);
                            d.message = format!("{} (the other row is {name}:{row})", d.message);
                        }
                    }
                    cat_diags.push((*ci, d));
                }
            }
        }
        done.insert(
            (fi, pi),
            Product {
                file: fi,
                policy: pi,
                lifecycle,
                releases: owners,
            },
        );
    }
    // Report in file order; upstreams evaluated only for another product stay out.
    let mut keys: Vec<(usize, usize)> = done.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let wanted = only.is_none_or(|o| {
            rules
                .get(key.0)
                .and_then(|f| f.policies.get(key.1))
                .is_some_and(|p| p.id == o)
        });
        if let (true, Some(p)) = (wanted, done.remove(&key)) {
            products.push(p);
        }
    }
    for (ci, c) in catalogs.iter().enumerate() {
        if c.bundled {
            continue;
        }
        let readers = read.get(&ci);
        let ids: Vec<&str> = known_ids
            .get(&ci)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        // The first row of each product nobody reads, in file order.
        let mut unread: Vec<u32> = by_product.get(ci).map_or_else(Vec::new, |index| {
            index
                .products()
                .filter(|(product, _)| !readers.is_some_and(|s| s.contains(*product)))
                .map(|(_, first)| first)
                .collect()
        });
        unread.sort_unstable();
        for r in unread
            .iter()
            .filter_map(|&ri| c.catalog.releases.get(ri as usize))
        {
            let mut d = Diagnostic::warning(
                Code::UnknownProduct,
                format!("no policy for product `{}`", r.product),
                r.span.span(),
                "rows of this product are not evaluated",
            );
            d.help = Some(match suggest(&r.product, ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "write a policy with this id, or remove the rows".to_owned(),
            });
            cat_diags.push((ci, d));
        }
    }
    // A diagnostic reported twice (a policy evaluated for itself and for a product that
    // follows it) is kept once: a set per file, not a scan of its list per diagnostic.
    let mut present: HashMap<usize, HashSet<Diagnostic>> = HashMap::new();
    for (fi, d) in rule_diags {
        if let Some(f) = rules.get_mut(fi) {
            let seen = present
                .entry(fi)
                .or_insert_with(|| f.diagnostics.iter().cloned().collect());
            if seen.insert(d.clone()) {
                f.diagnostics.push(d);
            }
        }
    }
    for (ci, d) in cat_diags {
        if let Some(c) = catalogs.get_mut(ci) {
            c.diagnostics.push(d);
        }
    }
    products
}

/// The rows of each product of a catalog: a product's rows are a run of one array of row
/// numbers (4 bytes a row, sized exactly), in file order.
struct ProductIndex<'a> {
    /// product -> (start, end) of its run in `rows`
    runs: foldhash::HashMap<&'a str, (u32, u32)>,
    rows: Vec<u32>,
}

impl<'a> ProductIndex<'a> {
    fn new(catalog: &'a Catalog) -> ProductIndex<'a> {
        // Count each product's rows, give each product its run, then fill the runs.
        // A product's rows usually follow each other: a row of the product of the row before
        // is counted without a lookup (runs of rows: `(product, rows in the run)`).
        let mut file_runs: Vec<(&'a str, u32)> = Vec::new();
        for r in &catalog.releases {
            match file_runs.last_mut() {
                Some((product, n)) if *product == r.product.as_str() => *n += 1,
                _ => file_runs.push((r.product.as_str(), 1)),
            }
        }
        let mut runs: foldhash::HashMap<&'a str, (u32, u32)> = foldhash::HashMap::default();
        for &(product, n) in &file_runs {
            runs.entry(product).or_default().1 += n;
        }
        let mut next = 0u32;
        for run in runs.values_mut() {
            let count = run.1;
            *run = (next, next);
            next += count;
        }
        let mut rows = vec![0u32; next as usize];
        // The first row of each file run, in file order.
        let mut first = 0u32;
        for &(product, n) in &file_runs {
            let end = first.saturating_add(n);
            if let Some(run) = runs.get_mut(product) {
                for (slot, row) in rows.iter_mut().skip(run.1 as usize).zip(first..end) {
                    *slot = row;
                }
                run.1 += n;
            }
            first = end;
        }
        ProductIndex { runs, rows }
    }

    fn contains_key(&self, product: &str) -> bool {
        self.runs.contains_key(product)
    }

    /// The rows of `product`, in file order (none when the catalog has none).
    fn get(&self, product: &str) -> &[u32] {
        self.runs
            .get(product)
            .and_then(|&(start, end)| self.rows.get(start as usize..end as usize))
            .unwrap_or(&[])
    }

    /// Every product with its first row.
    fn products(&self) -> impl Iterator<Item = (&'a str, u32)> + '_ {
        self.runs
            .iter()
            .filter_map(|(product, &(start, _))| Some((*product, *self.rows.get(start as usize)?)))
    }
}

/// A policy that reads no catalog, or finds no rows of its product in the catalogs it
/// reads, evaluates to nothing: `eol::missing-catalog`.
fn no_rows(policy: &Policy, file: &str, cats: &[usize], catalogs: &[CatalogFile]) -> Diagnostic {
    if cats.is_empty() {
        let stem = std::path::Path::new(file)
            .file_stem()
            .map_or_else(|| "NAME".to_owned(), |s| s.to_string_lossy().into_owned());
        return Diagnostic::warning(
            Code::MissingCatalog,
            format!("no catalog for `{}`: it has no release lines to evaluate", policy.id),
            policy.id_span,
            "no catalog read",
        )
        .with_help(format!(
            "put its releases in `{stem}.releases.csv` (or .toml, .json) beside the rule file, or name a catalog on the command line"
        ));
    }
    let names: Vec<&str> = cats
        .iter()
        .filter_map(|&ci| catalogs.get(ci).map(|c| c.name.as_str()))
        .collect();
    Diagnostic::warning(
        Code::MissingCatalog,
        format!("no catalog rows for product `{}`", policy.id),
        policy.id_span,
        "no releases of this product",
    )
    .with_help(format!(
        "the catalogs read ({}) have no row whose product is `{}`; add its releases there",
        names.join(", "),
        policy.id
    ))
}

/// How many policies a chain of upstreams may pass through (`a` reads `b`, which reads
/// `c`, ...). Each step nests the derivation `explain` shows; real chains are one or two
/// long.
pub const MAX_UPSTREAM_DEPTH: usize = 16;

/// Put `node`'s upstreams, then `node`, into `order` (once each). An upstream that is
/// not loaded, whose file has errors, or that leads back to `node` is reported on the
/// `upstream` item; the dates read from it stay pending.
fn visit_upstreams(
    rules: &[RuleFile],
    by_id: &std::collections::HashMap<&str, (usize, usize)>,
    node: (usize, usize),
    depth: usize,
    state: &mut std::collections::HashMap<(usize, usize), bool>,
    order: &mut Vec<(usize, usize)>,
    diags: &mut Vec<(usize, Diagnostic)>,
) {
    // false: being visited; true: done
    if state.contains_key(&node) {
        return;
    }
    state.insert(node, false);
    let Some(policy) = rules.get(node.0).and_then(|f| f.policies.get(node.1)) else {
        return;
    };
    for u in &policy.upstreams {
        match by_id.get(u.product.as_str()) {
            None => {
                let known: Vec<&str> = by_id.keys().copied().filter(|k| *k != policy.id).collect();
                let mut d = Diagnostic::error(
                    Code::UpstreamNotLoaded,
                    format!(
                        "upstream product `{}` is not among the loaded rule files",
                        u.product
                    ),
                    u.span,
                    "no policy with this id",
                );
                d.help = Some(match suggest(&u.product, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "pass its rule file and catalog too (e.g. `rules/{0}.eol rules/{0}.releases.csv`); the dates read from it are pending",
                        u.product
                    ),
                });
                diags.push((node.0, d));
            }
            Some(&up) => {
                match state.get(&up) {
                    Some(false) => {
                        let d = Diagnostic::error(
                        Code::UpstreamCycle,
                        format!("`{}` and `{}` read each other's dates", policy.id, u.product),
                        u.span,
                        "this upstream leads back here",
                    )
                    .with_help("upstreams must form a chain, not a circle; the dates read from this upstream are pending");
                        diags.push((node.0, d));
                    }
                    Some(true) => {}
                    None => {
                        let has_errors = rules.get(up.0).is_none_or(RuleFile::has_errors);
                        if has_errors {
                            let d = Diagnostic::error(
                            Code::UpstreamNotLoaded,
                            format!("upstream product `{}` has errors and is not evaluated", u.product),
                            u.span,
                            "its rule file has errors",
                        )
                        .with_help("fix the errors reported for its rule file; the dates read from it are pending");
                            diags.push((node.0, d));
                            state.insert(up, true);
                        } else if depth >= MAX_UPSTREAM_DEPTH {
                            let d = Diagnostic::error(
                                Code::EvaluationTooDeep,
                                format!("upstreams nest deeper than {MAX_UPSTREAM_DEPTH} policies"),
                                u.span,
                                "one upstream too many",
                            )
                            .with_help(
                                "read dates from a nearer upstream; the dates read from this one are pending",
                            );
                            diags.push((node.0, d));
                        } else {
                            visit_upstreams(rules, by_id, up, depth + 1, state, order, diags);
                        }
                    }
                }
            }
        }
    }
    state.insert(node, true);
    order.push(node);
}

/// The catalog release behind a lifecycle release index.
pub fn release<'a>(product: &Product, catalogs: &'a [CatalogFile], index: usize) -> Option<&'a Release> {
    let (ci, ri) = product.releases.get(index)?;
    catalogs.get(*ci)?.catalog.releases.get(*ri)
}

/// The catalog file name behind a lifecycle release index.
pub fn release_file<'a>(product: &Product, catalogs: &'a [CatalogFile], index: usize) -> Option<&'a str> {
    let (ci, _) = product.releases.get(index)?;
    catalogs.get(*ci).map(|c| c.name.as_str())
}
