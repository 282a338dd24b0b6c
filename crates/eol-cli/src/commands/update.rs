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
use eol_engine::sources::{formats, merge, select, Candidate, Selection, SourceDecl};

use crate::args::{KbArgs, UpdateArgs};
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::http::Client;
use crate::load::{Evaluated, Strictness};
use crate::render::{self, Style};

/// The knowledge base `update` reads: the one place it loads rules and catalogs.
fn evaluate(kb: &KbArgs) -> Result<Evaluated, i32> {
    crate::load::evaluate(
        &kb.sources,
        crate::load::Implicit::Author,
        kb.at,
        Options::default(),
        None,
        Strictness::StopOnErrors,
    )
}

pub fn run(args: &UpdateArgs) -> i32 {
    let done = match evaluate(&args.kb) {
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
    let mut targets = Vec::new();
    for (fi, file) in done.kb.rules.iter().enumerate() {
        for policy in &file.policies {
            let asked = args.products.is_empty() || args.products.iter().any(|p| p == &policy.id);
            if asked && (!policy.sources.is_empty() || !args.products.is_empty()) {
                targets.push((fi, policy));
            }
        }
    }
    for p in &args.products {
        if !targets.iter().any(|(_, pol)| &pol.id == p) {
            errln!("error: no policy `{p}` in the rule files");
            return FAILURE;
        }
    }
    if targets.is_empty() {
        errln!("no policy declares a `source`; nothing to update (see docs/sources.md)");
        return OK;
    }
    let mut code = OK;
    for (fi, policy) in targets {
        if policy.sources.is_empty() {
            errln!("{}: declares no `source`; nothing to update", policy.id);
            continue;
        }
        let Some(path) = catalog_path(&done, fi, &policy.id) else {
            errln!("error: {}: no catalog file on disk to update", policy.id);
            code = code.max(FAILURE);
            continue;
        };
        let (result, wrote) = update_one(&client, policy, &path, done.at, args.dry_run);
        if wrote {
            new_warnings(&done, &policy.id, &path, || {
                evaluate_product(&args.kb, &policy.id)
            });
        }
        code = code.max(result);
    }
    code
}

/// Most new warnings shown in full after an update; the rest are counted.
const SHOWN_WARNINGS: usize = 5;

/// The warnings the updated catalog gives with the product's rules that it did not give
/// before (a release dated before its line's first, a phase that now ends before it starts:
/// the new rows and the old ones disagree), said after the catalog was written: the rows
/// stay, and `eol check` shows every warning. `again` reads and evaluates the knowledge base
/// again; nothing is said when the product cannot be evaluated (its errors are printed).
/// `eol import -o` says the same.
pub fn new_warnings(
    before: &Evaluated,
    product: &str,
    catalog: &Path,
    again: impl FnOnce() -> Result<Evaluated, i32>,
) {
    let Ok(after) = again() else {
        return;
    };
    // the catalog as the library names it (`rules/x.csv` and `./rules/x.csv` are one file)
    let same_file = |name: &str| {
        name == catalog.to_string_lossy()
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
    for (name, text, diags) in files(&after) {
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

/// The knowledge base read again for one product, after its catalog was written.
fn evaluate_product(kb: &KbArgs, product: &str) -> Result<Evaluated, i32> {
    crate::load::evaluate(
        &kb.sources,
        crate::load::Implicit::Author,
        kb.at,
        Options::default(),
        Some(product),
        Strictness::StopOnErrors,
    )
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
fn update_one(client: &Client, policy: &Policy, path: &Path, at: NaiveDate, dry_run: bool) -> (i32, bool) {
    let style = Style::detect_stderr();
    let mut fetched = Vec::new();
    for decl in &policy.sources {
        let pages = match client.fetch_all(decl.kind, &decl.location) {
            Ok(p) => p,
            Err(e) => {
                errln!("error: {} ({}): {e}", policy.id, decl.label());
                errln!("{}: catalog left as it was", path.display());
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
                "error: {} ({}): the source's answer cannot be read; {} left as it was",
                policy.id,
                decl.label(),
                path.display()
            );
            return (PROBLEMS, false);
        }
        let selection = select(&entries, decl, policy);
        fetched.push(Fetched { decl, selection });
    }
    let format = CatalogFormat::from_path(path).unwrap_or(CatalogFormat::Csv);
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            errln!("error: cannot read {}: {e}", path.display());
            return (FAILURE, false);
        }
    };
    let mut text = existing.clone();
    let mut records = read_records(path);
    let Ok(records_ref) = records.as_mut() else {
        return (PROBLEMS, false);
    };
    let mut out = String::new();
    for f in &fetched {
        let candidates: &[Candidate] = &f.selection.releases;
        let merged = match merge::merge(text.as_deref(), format, &policy.id, candidates, &f.decl.label()) {
            Ok(m) => m,
            Err(e) => {
                errln!("error: {}: {e}; left as it was", path.display());
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
    if new_text != old_text {
        if let Err(e) = crate::files::replace(path, new_text.as_bytes(), crate::files::Links::Refuse, None) {
            errln!("error: {e}");
            return (FAILURE, false);
        }
        out!("wrote {}\n", path.display());
    }
    let wrote = new_text != old_text;
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
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&name, &name)
        .to_string()
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
    if !s.not_matching.is_empty() {
        out.push_str(&format!("  not matching: {}\n", list(&s.not_matching)));
    }
    out
}

/// `1 pre-release`, `2 pre-releases`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
