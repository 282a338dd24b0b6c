//! `eol update [PRODUCT...]`: fetch the releases the rule files' `source`s list, add the
//! new ones to each product's catalog, and record when each source was read.
//!
//! A product's sources are all fetched and read before its catalog is touched: any
//! failure (not found, rate limited, timed out, a partial page, a malformed document)
//! leaves the catalog and its record as they were. `--dry-run` prints the diff instead.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_engine::catalog::{catalog_paths_for, CatalogFormat};
use eol_engine::eval::Options;
use eol_engine::model::Policy;
use eol_engine::sources::record::{self, SourceRecord};
use eol_engine::sources::{formats, merge, select, Candidate, Pattern, Selection, SourceDecl, SourceKind};

use crate::args::{SourceArgs, UpdateArgs};
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::http::Client;
use crate::load::{Evaluated, Strictness};
use crate::render::{self, Style};

/// The knowledge base `update` reads: the one place it loads rules and catalogs.
fn evaluate(sources: &SourceArgs, at: Option<NaiveDate>, only: Option<&str>) -> Result<Evaluated, i32> {
    crate::load::evaluate(
        sources,
        crate::load::Implicit::Author,
        at,
        Options::default(),
        only,
        Strictness::StopOnErrors,
    )
}

/// What one product's update reads and where it writes.
struct Target<'a> {
    fi: usize,
    policy: &'a Policy,
    /// the sources the rule file declares, or (`--into`) the one it implies
    sources: Vec<SourceDecl>,
    /// `--into`: the product's rule file is bundled, so it and its catalog are copied
    copy: bool,
}

pub fn run(args: &UpdateArgs) -> i32 {
    // `--into DIR`: the copies already there join the library, each replacing the bundled
    // rule file it was copied from
    let mut sources = args.kb.sources.clone();
    if let Some(dir) = &args.into {
        if dir.exists() && !dir.is_dir() {
            errln!("error: --into {}: not a directory", dir.display());
            return FAILURE;
        }
        // (a directory with no rule file yet is fine: the copies are made there)
        let holds_rules = crate::files::rule_paths(std::slice::from_ref(dir)).is_ok_and(|p| !p.is_empty());
        if dir.is_dir() && holds_rules {
            sources.rules.push(dir.clone());
        }
    }
    let done = match evaluate(&sources, args.kb.at, None) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let client = match Client::new(&args.base_urls, args.timeout) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: {e}");
            return FAILURE;
        }
    };
    let into = args.into.as_deref();
    let mut targets = Vec::new();
    for (fi, file) in done.kb.rules.iter().enumerate() {
        let bundled = done.kb.bundled.get(fi).copied().unwrap_or(false);
        let copyable = into.is_some_and(|dir| bundled || within(&file.name, dir));
        for policy in &file.policies {
            let asked = args.products.is_empty() || args.products.iter().any(|p| p == &policy.id);
            let sources = if !policy.sources.is_empty() {
                policy.sources.clone()
            } else if copyable {
                implied(&policy.id)
            } else {
                Vec::new()
            };
            if asked && (!sources.is_empty() || !args.products.is_empty()) {
                targets.push(Target {
                    fi,
                    policy,
                    sources,
                    copy: bundled && into.is_some(),
                });
            }
        }
    }
    for p in &args.products {
        if !targets.iter().any(|t| &t.policy.id == p) {
            errln!("error: no policy `{p}` in the rule files");
            return FAILURE;
        }
    }
    if targets.is_empty() {
        errln!("no policy declares a `source`; nothing to update (see docs/sources.md)");
        return OK;
    }
    // Refreshing several products from endoflife.date: one request for all of them.
    let implied_count = targets
        .iter()
        .filter(|t| t.policy.sources.is_empty() && !t.sources.is_empty())
        .count();
    let prefetched = if implied_count > 1 {
        prefetch_endoflife(&client)
    } else {
        std::collections::HashMap::new()
    };
    let mut code = OK;
    // rule files copied by this run (a file with several policies is copied once)
    let mut copied: std::collections::HashSet<usize> = std::collections::HashSet::new();
    // (product, catalog, the bundled catalog a copy was made from) of each catalog written
    let mut written: Vec<(&str, PathBuf, Option<String>)> = Vec::new();
    for t in targets {
        let policy = t.policy;
        if t.sources.is_empty() {
            let hint = match into {
                None => "",
                Some(_) if implied(&policy.id).is_empty() => {
                    " (and the bundled library has no endoflife.date data for it)"
                }
                // a local rule file outside DIR replaced the bundled one
                Some(_) => " (and its rule file is neither bundled nor in `--into`, so endoflife.date is not read for it)",
            };
            errln!("{}: declares no `source`{hint}; nothing to update", policy.id);
            let bundled = done.kb.bundled.get(t.fi).copied().unwrap_or(false);
            if into.is_none() && bundled && !implied(&policy.id).is_empty() {
                errln!(
                    "  help: the bundled library is part of the binary; `eol update {} --into DIR` copies it into DIR with what endoflife.date has since (docs/sources.md)",
                    policy.id
                );
            }
            continue;
        }
        let (path, copy) = match (t.copy, into) {
            (true, Some(dir)) => match copy_of(&done, t.fi, &policy.id, dir, copied.contains(&t.fi)) {
                Ok(c) => c,
                Err(e) => {
                    errln!("error: {}: {e}", policy.id);
                    code = code.max(FAILURE);
                    continue;
                }
            },
            _ => match catalog_path(&done, t.fi, &policy.id) {
                Some(path) => (path, None),
                None => {
                    errln!("error: {}: no catalog file on disk to update", policy.id);
                    if done.kb.bundled.get(t.fi).copied().unwrap_or(false) {
                        errln!("  help: the bundled library is part of the binary; `--into DIR` copies the product there and updates the copy");
                    }
                    code = code.max(FAILURE);
                    continue;
                }
            },
        };
        let (result, wrote) = update_one(
            &Fetcher {
                client: &client,
                prefetched: &prefetched,
            },
            policy,
            &t.sources,
            &path,
            copy.as_ref(),
            done.at,
            args.dry_run,
        );
        if wrote {
            if copy.is_some() {
                copied.insert(t.fi);
                if let Some(dir) = into {
                    if !sources.rules.iter().any(|r| r == dir) {
                        sources.rules.push(dir.to_path_buf());
                    }
                }
            }
            written.push((policy.id.as_str(), path, copy.map(|c| c.catalog_name)));
        }
        code = code.max(result);
    }
    // the library read and evaluated again once, for every product written (not once each:
    // refreshing the whole library would read it as many times as it has products)
    let only = match written.as_slice() {
        [(one, _, _)] => Some(*one),
        _ => None,
    };
    if !written.is_empty() {
        if let Ok(after) = evaluate(&sources, args.kb.at, only) {
            for (product, path, was) in &written {
                new_warnings(&done, &after, product, path, was.as_deref());
            }
        }
    }
    code
}

/// Where a source's documents come from: the network, or the list of every product's
/// endoflife.date document read once before.
struct Fetcher<'a> {
    client: &'a Client,
    prefetched: &'a std::collections::HashMap<String, crate::http::Page>,
}

impl Fetcher<'_> {
    fn fetch(&self, decl: &SourceDecl) -> Result<Vec<crate::http::Page>, String> {
        let known = match decl.kind {
            SourceKind::Endoflife => self.prefetched.get(&decl.location),
            _ => None,
        };
        match known {
            Some(page) => Ok(vec![page.clone()]),
            None => self.client.fetch_all(decl.kind, &decl.location),
        }
    }
}

/// Every product's document of endoflife.date's API at once (`/api/v1/products/full/`, the
/// product documents in one `result` array), by product: what `--into` reads when it
/// refreshes more than one product, instead of one request each. When it cannot be read,
/// a note says so and each product is fetched on its own.
fn prefetch_endoflife(client: &Client) -> std::collections::HashMap<String, crate::http::Page> {
    let mut out = std::collections::HashMap::new();
    let page = match client.fetch_all(SourceKind::Endoflife, "full") {
        Ok(pages) => pages.into_iter().next(),
        Err(e) => {
            // (the client's hint about a rule file's location does not apply to the list)
            let e = e.replace("; check the source's location in the rule file", "");
            errln!("note: {e}; each product is fetched on its own");
            return out;
        }
    };
    let Some(page) = page else { return out };
    let products = serde_json::from_str::<serde_json::Value>(&page.text)
        .ok()
        .and_then(|doc| doc.get("result")?.as_array().cloned());
    let Some(products) = products else {
        errln!(
            "note: {}: not endoflife.date's list of every product (no `result` array); each product is fetched on its own",
            page.url
        );
        return out;
    };
    for product in products {
        let Some(name) = product
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
        else {
            continue;
        };
        // the product's document as `/api/v1/products/NAME/` serves it
        let text = serde_json::json!({ "result": product }).to_string();
        let url = format!("{}#{name}", page.url);
        out.insert(name, crate::http::Page { url, text });
    }
    out
}

/// Whether the file `name` is in `dir` (or below it).
fn within(name: &str, dir: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(Path::new(name)).starts_with(canon(dir))
}

/// The source a product of the bundled library implies under `--into` when its rule file
/// declares none: endoflife.date's API for the product, whose export the library's
/// catalog was imported from (`rules/endoflife/PRODUCT.csv`). None for a product the
/// library has no export of (OTRS, Liferay: their catalogs are the seeds' own facts).
fn implied(product: &str) -> Vec<SourceDecl> {
    if crate::load::bundled_published(&format!("{product}.csv")).is_none() {
        return Vec::new();
    }
    vec![SourceDecl {
        kind: SourceKind::Endoflife,
        location: product.to_owned(),
        pattern: Pattern::default(),
        filter: None,
        span: eol_syntax::Span::default(),
    }]
}

/// A bundled product's rule file and catalog, to be copied into `--into DIR` once its
/// sources were read: their texts and where they go.
struct Copy {
    /// the bundled rule file's text and its place in `DIR` (none: the copy is there)
    rule: Option<(String, PathBuf)>,
    /// the bundled catalog's name (`rules/x.releases.csv`) and text
    catalog_name: String,
    catalog_text: String,
}

/// Where a bundled product's catalog goes in `dir`, and what to copy; an error when a
/// file of that name is there already (it was not read as this product's: `eol update`
/// never writes over it).
fn copy_of(
    done: &Evaluated,
    fi: usize,
    product: &str,
    dir: &Path,
    rule_copied: bool,
) -> Result<(PathBuf, Option<Copy>), String> {
    let rule = done.kb.rules.get(fi).ok_or("no rule file")?;
    let file_name = |name: &str| {
        Path::new(name)
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(name))
    };
    let catalogs = &done.kb.catalogs;
    let mine = done.kb.pairing.get(fi).cloned().unwrap_or_default();
    let holding = mine
        .iter()
        .filter_map(|ci| catalogs.get(*ci))
        .find(|c| c.catalog.releases.iter().any(|r| r.product == product))
        .or_else(|| match mine.as_slice() {
            [one] => catalogs.get(*one),
            _ => None,
        })
        .ok_or_else(|| format!("the bundled library has no catalog of `{product}` to copy"))?;
    let catalog = dir.join(file_name(&holding.name));
    if rule_copied {
        // another policy of the file was copied by this run: its catalog is on disk now
        return Ok((catalog, None));
    }
    let rule_dest = dir.join(file_name(&rule.name));
    let taken = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    // A copy no update has changed yet is the bundled file byte for byte, and the library
    // reads the bundled one instead: it is updated in place (its catalog copied first, if
    // that is what is missing).
    let copy_there =
        taken(&rule_dest) && std::fs::read(&rule_dest).is_ok_and(|bytes| bytes == rule.text.as_bytes());
    if copy_there && taken(&catalog) {
        return Ok((catalog, None));
    }
    if taken(&rule_dest) && !copy_there {
        return Err(format!(
            "{} exists, but it is not the rule file of `{product}`; nothing written over it \
             (move it away, or choose another `--into`)",
            rule_dest.display()
        ));
    }
    for other in [
        catalog.clone(),
        eol_engine::sources::record::record_path(&catalog),
    ] {
        if taken(&other) {
            return Err(format!(
                "{} exists without its rule file; nothing written over it (move it away, or choose another `--into`)",
                other.display()
            ));
        }
    }
    Ok((
        catalog,
        Some(Copy {
            rule: (!copy_there).then(|| (rule.text.clone(), rule_dest)),
            catalog_name: holding.name.clone(),
            catalog_text: holding.text.to_string(),
        }),
    ))
}

/// Write a file that must not exist yet (the copies `--into` makes).
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    crate::files::create_new(path, text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{} exists; nothing written over it", path.display())
        } else {
            format!("cannot write {}: {e}", path.display())
        }
    })
}

/// Most new warnings shown in full after an update; the rest are counted.
const SHOWN_WARNINGS: usize = 5;

/// The warnings the updated catalog gives with the product's rules that it did not give
/// before (a release dated before its line's first, a phase that now ends before it starts:
/// the new rows and the old ones disagree), said after the catalog was written: the rows
/// stay, and `eol check` shows every warning. `after` is the knowledge base read and
/// evaluated again (when the product cannot be, its errors are printed and nothing is said).
/// `eol import -o` says the same.
pub fn new_warnings(before: &Evaluated, after: &Evaluated, product: &str, catalog: &Path, was: Option<&str>) {
    // the catalog as the library names it (`rules/x.csv` and `./rules/x.csv` are one file;
    // a copy `--into` made was the bundled catalog `was` before)
    let same_file = |name: &str| {
        was == Some(name)
            || name == catalog.to_string_lossy()
            || std::fs::canonicalize(name)
                .ok()
                .is_some_and(|p| std::fs::canonicalize(catalog).is_ok_and(|c| c == p))
    };
    // (file name, text, diagnostics) of the rule file the product was evaluated from (a
    // local one replaces the bundled one) and of the catalog, in an evaluated library
    let files = |done: &Evaluated| {
        let rules = done
            .products
            .iter()
            .filter(|p| p.policy(&done.kb.rules).is_some_and(|pol| pol.id == product))
            .filter_map(|p| done.kb.rules.get(p.file))
            .map(|f| (f.name.clone(), f.text.clone(), f.diagnostics.clone()));
        let catalogs = done
            .kb
            .catalogs
            .iter()
            .filter(|c| same_file(&c.name))
            .map(|c| (c.name.clone(), c.text.to_string(), c.diagnostics.clone()));
        rules.chain(catalogs).collect::<Vec<_>>()
    };
    // what was said before, by message (the file may be named otherwise now)
    let known: std::collections::HashSet<String> = files(before)
        .into_iter()
        .flat_map(|(_, _, diags)| diags.into_iter().map(|d| d.message))
        .collect();
    let style = Style::detect_stderr();
    let mut shown = Vec::new();
    let mut count = 0;
    for (name, text, diags) in files(after) {
        for d in diags.iter().filter(|d| !d.is_error()) {
            if known.contains(&d.message) {
                continue;
            }
            count += 1;
            if shown.len() < SHOWN_WARNINGS {
                shown.push(render::Source::new(&name, &text).human(d, style));
            }
        }
    }
    if count == 0 {
        return;
    }
    for d in &shown {
        errln!("{d}");
    }
    let more = count - shown.len();
    let rest = if more > 0 {
        format!(" ({more} more not shown)")
    } else {
        String::new()
    };
    errln!(
        "warning: {product}: the updated catalog gives {} it did not give before{rest}; the new rows are kept, \
         `eol check` shows every warning",
        plural(count, "warning", "warnings")
    );
}

/// The catalog file a policy's new releases go to: the one of its rule file that holds
/// its rows, else its only catalog, else a new `NAME.releases.csv` beside the rule file.
fn catalog_path(done: &Evaluated, fi: usize, product: &str) -> Option<PathBuf> {
    let mine = done.kb.pairing.get(fi)?;
    let catalogs = &done.kb.catalogs;
    // The bundled library is part of the binary: only catalogs on disk are updated.
    if done.kb.bundled.get(fi).copied().unwrap_or(false) {
        return None;
    }
    let holding = mine
        .iter()
        .filter_map(|ci| catalogs.get(*ci))
        .filter(|c| !c.bundled)
        .find(|c| c.catalog.releases.iter().any(|r| r.product == product));
    let chosen = holding.or_else(|| match mine.as_slice() {
        [one] => catalogs.get(*one),
        _ => None,
    });
    match chosen {
        Some(c) => Some(PathBuf::from(&c.name)).filter(|p| p.is_file()),
        None => {
            let rule = PathBuf::from(&done.kb.rules.get(fi)?.name);
            rule.is_file()
                .then(|| catalog_paths_for(&rule).into_iter().nth(1))
                .flatten()
        }
    }
}

/// What one source gave.
struct Fetched<'a> {
    decl: &'a SourceDecl,
    selection: Selection,
}

/// The exit code, and whether the catalog was written.
/// With `copy`, the catalog starts as the bundled one, and the rule file and the catalog
/// are written as new files once every source was read.
fn update_one(
    fetcher: &Fetcher<'_>,
    policy: &Policy,
    sources: &[SourceDecl],
    path: &Path,
    copy: Option<&Copy>,
    at: NaiveDate,
    dry_run: bool,
) -> (i32, bool) {
    let style = Style::detect_stderr();
    // what stays as it was when a source fails: the catalog, or (`--into`) the directory
    let untouched = match copy {
        Some(_) => format!(
            "nothing copied into {}",
            path.parent().unwrap_or(Path::new(".")).display()
        ),
        None => format!("{}: catalog left as it was", path.display()),
    };
    let mut fetched = Vec::new();
    for decl in sources {
        let pages = match fetcher.fetch(decl) {
            Ok(p) => p,
            Err(e) => {
                // a source `--into` reads on its own is in no rule file
                let e = if policy.sources.is_empty() {
                    e.replace(
                        "; check the source's location in the rule file",
                        "; endoflife.date does not know the product by the library's id",
                    )
                } else {
                    e
                };
                errln!("error: {} ({}): {e}", policy.id, decl.label());
                errln!("{untouched}");
                return (FAILURE, false);
            }
        };
        let mut entries = Vec::new();
        let mut bad = false;
        for page in &pages {
            let (es, diags) = formats::parse(decl.kind, &page.text);
            for d in &diags {
                errln!("{}", render::Source::new(&page.url, &page.text).human(d, style));
            }
            bad |= diags.iter().any(|d| d.is_error());
            entries.extend(es);
        }
        if bad {
            errln!(
                "error: {} ({}): the source's answer cannot be read; {untouched}",
                policy.id,
                decl.label(),
            );
            return (PROBLEMS, false);
        }
        let selection = select(&entries, decl, policy);
        fetched.push(Fetched { decl, selection });
    }
    let format = CatalogFormat::from_path(path).unwrap_or(CatalogFormat::Csv);
    let existing = match copy {
        Some(c) => Some(c.catalog_text.clone()),
        None => match std::fs::read_to_string(path) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                errln!("error: cannot read {}: {e}", path.display());
                return (FAILURE, false);
            }
        },
    };
    let mut text = existing.clone();
    let mut records = if copy.is_some() {
        Ok(Vec::new())
    } else {
        read_records(path)
    };
    let Ok(records_ref) = records.as_mut() else {
        return (PROBLEMS, false);
    };
    let mut out = String::new();
    for f in &fetched {
        let candidates: &[Candidate] = &f.selection.releases;
        let merged = match merge::merge(text.as_deref(), format, &policy.id, candidates, &f.decl.label()) {
            Ok(m) => m,
            Err(e) => {
                errln!("error: {}: {e}; {untouched}", path.display());
                return (FAILURE, false);
            }
        };
        out.push_str(&report(&policy.id, f, &merged));
        if merged.changed() || text.is_none() {
            text = Some(merged.text);
        }
        record::upsert(
            records_ref,
            SourceRecord {
                kind: f.decl.kind.name().to_owned(),
                location: f.decl.location.clone(),
                checked: Some(at),
                newest: candidates.iter().filter_map(|c| c.date.latest()).max(),
                releases: candidates.len(),
            },
        );
    }
    out!("{out}");
    let new_text = text.unwrap_or_default();
    let old_text = existing.unwrap_or_default();
    let record_path = record::record_path(path);
    let record_text = record::render(&file_name(path), records_ref);
    if dry_run {
        if new_text != old_text {
            out!("{}", diff(&old_text, &new_text, path));
        }
        out!("(dry run: nothing written)\n");
        return (OK, false);
    }
    if let Some(c) = copy {
        // the copy in `--into DIR`: every file new, the catalog, then the rule file (the
        // sources record says when it was read, below)
        let written = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
            .map_err(|e| {
                format!(
                    "cannot create {}: {e}",
                    path.parent().unwrap_or(Path::new(".")).display()
                )
            })
            .and_then(|()| write_new(path, &new_text))
            .and_then(|()| {
                // the rule file last: a catalog without it stays in nobody's way (the next
                // run refuses it, and says so); this run's own catalog is taken back
                match &c.rule {
                    Some((text, dest)) => write_new(dest, text).inspect_err(|_| {
                        let _ = std::fs::remove_file(path);
                    }),
                    None => Ok(()),
                }
            });
        if let Err(e) = written {
            errln!("error: {e}");
            return (FAILURE, false);
        }
        if let Some((_, dest)) = &c.rule {
            out!("wrote {} (the bundled rule file)\n", dest.display());
        }
        out!("wrote {}\n", path.display());
    } else if new_text != old_text {
        if let Err(e) = crate::files::replace(path, new_text.as_bytes(), crate::files::Links::Refuse, None) {
            errln!("error: {e}");
            return (FAILURE, false);
        }
        out!("wrote {}\n", path.display());
    }
    let wrote = copy.is_some() || new_text != old_text;
    if let Err(e) = crate::files::replace(
        &record_path,
        record_text.as_bytes(),
        crate::files::Links::Refuse,
        None,
    ) {
        errln!("error: {e}");
        return (FAILURE, wrote);
    }
    (OK, wrote)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The catalog's sources record, or `Err` (reported) when it exists and cannot be read.
pub fn read_records(catalog: &Path) -> Result<Vec<SourceRecord>, ()> {
    let path = record::record_path(catalog);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    let (records, diags) = record::parse(&text);
    if diags.is_empty() {
        return Ok(records);
    }
    let style = Style::detect_stderr();
    for d in &diags {
        errln!(
            "{}",
            render::Source::new(&path.display().to_string(), &text).human(d, style)
        );
    }
    errln!("error: {} cannot be read; nothing written", path.display());
    Err(())
}

/// A unified diff of a catalog, for `--dry-run`.
pub fn diff(old: &str, new: &str, path: &Path) -> String {
    let name = path.display().to_string();
    let hunks = crate::diff::unified_diff(old, new, 2);
    if hunks.is_empty() {
        return String::new();
    }
    format!("--- {name}\n+++ {name}\n{hunks}")
}

/// What a source brought: new releases, known ones, disagreements, what was skipped.
fn report(product: &str, f: &Fetched<'_>, merged: &merge::Merged) -> String {
    let s = &f.selection;
    let mut out = format!(
        "{product} ({}): {} new, {} already in the catalog",
        f.decl.label(),
        merged.added.len(),
        merged.known
    );
    let mut skipped = Vec::new();
    if s.prereleases > 0 {
        skipped.push(plural(s.prereleases, "pre-release", "pre-releases"));
    }
    if s.withdrawn > 0 {
        skipped.push(plural(
            s.withdrawn,
            "draft or withdrawn release",
            "drafts or withdrawn releases",
        ));
    }
    if s.other_lines > 0 {
        skipped.push(format!("{} of lines the `where` leaves out", s.other_lines));
    }
    if s.repeated > 0 {
        skipped.push(format!("{} listed twice", s.repeated));
    }
    if !s.not_matching.is_empty() {
        skipped.push(format!(
            "{} not matching `{}`",
            s.not_matching.len(),
            f.decl.pattern.text()
        ));
    }
    if !s.not_versions.is_empty() {
        skipped.push(format!(
            "{} not {}",
            s.not_versions.len(),
            if s.not_versions.len() == 1 {
                "a version"
            } else {
                "versions"
            }
        ));
    }
    if !skipped.is_empty() {
        out.push_str(&format!("; skipped {}", skipped.join(", ")));
    }
    out.push('\n');
    for c in &merged.added {
        out.push_str(&format!("  + {} {}\n", c.version, c.date));
    }
    for d in &merged.differing {
        out.push_str(&format!(
            "  ! {}: the catalog says {}, the source {} (kept)\n",
            d.version, d.catalog, d.source
        ));
    }
    let list = |names: &[String]| {
        let shown: Vec<&str> = names.iter().take(10).map(String::as_str).collect();
        let more = names.len().saturating_sub(10);
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    if !s.not_versions.is_empty() {
        out.push_str(&format!("  not versions: {}\n", list(&s.not_versions)));
    }
    if let Some(help) = eol_engine::sources::after_v_help(s) {
        out.push_str(&format!("  help: {help}\n"));
    }
    if !s.not_matching.is_empty() {
        out.push_str(&format!("  not matching: {}\n", list(&s.not_matching)));
    }
    out
}

/// `1 pre-release`, `2 pre-releases`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
