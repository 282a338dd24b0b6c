//! A re-check from the cache equals a full check: for every rule file of `rules/` (with
//! its catalog) and of the test corpus, a series of edits (typing in a policy,
//! deleting a line, a comment above everything, a new item, a duplicated policy, a cut
//! file, an unbalanced brace, back to the start) re-checked through one [`Cache`],
//! each compared with [`Analysis::new`] of the same text: the tree, the models and
//! the diagnostics of the rule file (every span), what the editor is sent (diagnostics,
//! outline, semantic tokens) and hover and definition at positions across the file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Cache;
use crate::ide::{Analysis, Input};
use crate::library::Source;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn input(name: &str, text: &[u8], catalogs: &[Source]) -> Input {
    Input {
        file: Source::new(name.to_owned(), text.to_vec()),
        catalogs: catalogs.to_vec(),
        library: Vec::new(),
        at: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    }
}

/// The nearest char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The texts an editor might send one after another, starting from `text`.
fn edits(text: &str) -> Vec<String> {
    let mut out = vec![text.to_owned()];
    let mid = boundary(text, text.len() / 2);
    let splice = |at: usize, remove: usize, insert: &str| {
        let at = boundary(text, at);
        let end = boundary(text, at + remove).max(at);
        format!("{}{insert}{}", &text[..at], &text[end..])
    };
    // typing in the middle of the file, a character at a time
    out.push(splice(mid, 0, "x"));
    out.push(splice(mid, 0, "xy"));
    out.push(splice(mid, 0, " "));
    // deleting the line around the middle
    let line_start = text[..mid].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[mid..].find('\n').map_or(text.len(), |i| mid + i + 1);
    out.push(splice(line_start, line_end - line_start, ""));
    // a comment above everything: every policy moves
    out.push(format!("# a note\n{text}"));
    // a new item in the last policy
    if let Some(close) = text.rfind('}') {
        out.push(splice(close, 0, "  milestone zz_new = first_ship + 1 day\n"));
    }
    // the first policy again at the end: a duplicate id
    if let Some(end) = text.find("\n}") {
        out.push(format!("{text}\n{}\n", &text[..end + 2]));
    }
    // a cut file, an unbalanced brace, typing at the very start
    out.push(text[..boundary(text, text.len() * 2 / 3)].to_owned());
    out.push(splice(mid, 0, "{"));
    out.push(splice(0, 0, "p"));
    // a few characters deleted here and there
    let mut seed = text.len() as u64 | 1;
    for _ in 0..3 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let at = (seed >> 33) as usize % text.len().max(1);
        out.push(splice(at, 1, ""));
    }
    out.push(text.to_owned());
    out
}

/// Everything the two analyses answer is the same.
fn same(inc: &Analysis, full: &Analysis, what: &str) {
    let (a, b) = (inc.rule_file().unwrap(), full.rule_file().unwrap());
    assert_eq!(a.text, b.text, "{what}");
    assert_eq!(format!("{:?}", a.tree), format!("{:?}", b.tree), "{what}: tree");
    assert_eq!(
        format!("{:?}", a.policies),
        format!("{:?}", b.policies),
        "{what}: models"
    );
    assert_eq!(a.diagnostics, b.diagnostics, "{what}: diagnostics");
    // the evaluated products (kept or evaluated again) and the catalogs (kept or parsed
    // again), with the diagnostics evaluation gave them
    let products = |x: &Analysis| -> Vec<_> {
        x.products
            .iter()
            .chain(&x.upstream_products)
            .map(|p| (p.file, p.policy, p.lifecycle.clone(), p.releases.clone()))
            .collect()
    };
    assert!(products(inc) == products(full), "{what}: products");
    let catalogs = |x: &Analysis| -> Vec<_> {
        x.lib
            .catalogs
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.text.clone(),
                    c.catalog.clone(),
                    c.diagnostics.clone(),
                    c.bundled,
                    c.named,
                )
            })
            .collect()
    };
    assert_eq!(catalogs(inc), catalogs(full), "{what}: catalogs");
    assert_eq!(
        inc.diagnostics(),
        full.diagnostics(),
        "{what}: editor diagnostics"
    );
    assert_eq!(inc.symbols(), full.symbols(), "{what}: outline");
    assert_eq!(inc.semantic_tokens(), full.semantic_tokens(), "{what}: tokens");
    let text = inc.text();
    let step = (text.len() / 60).max(1);
    for offset in (0..text.len()).step_by(step) {
        let pos = inc.index.position(text, offset);
        assert_eq!(inc.hover(pos), full.hover(pos), "{what}: hover at {offset}");
        assert_eq!(
            inc.definition(pos),
            full.definition(pos),
            "{what}: definition at {offset}"
        );
    }
}

/// Re-check every edit of `text` through one cache, comparing each with a full check.
fn recheck_series(name: &str, bytes: &[u8], catalogs: &[Source]) {
    let mut cache = Cache::new();
    let texts = match std::str::from_utf8(bytes) {
        Ok(text) => edits(text),
        Err(_) => {
            let inc = Analysis::recheck(input(name, bytes, catalogs), &mut cache);
            same(&inc, &Analysis::new(input(name, bytes, catalogs)), name);
            return;
        }
    };
    for (i, text) in texts.iter().enumerate() {
        let inc = Analysis::recheck(input(name, text.as_bytes(), catalogs), &mut cache);
        let full = Analysis::new(input(name, text.as_bytes(), catalogs));
        same(&inc, &full, &format!("{name}, edit {i}"));
    }
    // the catalog changes under the same text, and under an edited one, then comes back
    let edited = texts.get(1).map_or("", String::as_str);
    for (j, changed) in catalog_changes(catalogs).iter().enumerate() {
        for (k, text) in [texts[0].as_str(), edited, texts[0].as_str()].iter().enumerate() {
            let inc = Analysis::recheck(input(name, text.as_bytes(), changed), &mut cache);
            let full = Analysis::new(input(name, text.as_bytes(), changed));
            same(&inc, &full, &format!("{name}, catalog change {j}, text {k}"));
        }
    }
}

/// The catalogs as they may change on disk while the rule file is open: the last row
/// gone, a row of a product no policy has, a byte that is not UTF-8, an emptied file,
/// then as they were.
fn catalog_changes(catalogs: &[Source]) -> Vec<Vec<Source>> {
    if catalogs.is_empty() {
        return Vec::new();
    }
    let change = |f: &dyn Fn(&Source) -> Vec<u8>| -> Vec<Source> {
        catalogs
            .iter()
            .map(|c| Source::new(c.name.clone(), f(c)))
            .collect()
    };
    let without_last_row = |c: &Source| {
        let b: &[u8] = &c.bytes;
        let trimmed = b.strip_suffix(b"\n").unwrap_or(b);
        let cut = trimmed.iter().rposition(|&x| x == b'\n').map_or(0, |i| i + 1);
        b[..cut].to_vec()
    };
    let unknown_row = |c: &Source| {
        let mut b = c.bytes.to_vec();
        if c.name.ends_with(".csv") {
            if !b.ends_with(b"\n") {
                b.push(b'\n');
            }
            b.extend_from_slice(b"zz-nobody,1.0,2020-01-01\n");
        }
        b
    };
    let not_utf8 = |c: &Source| {
        let mut b = c.bytes.to_vec();
        b.push(0xff);
        b
    };
    vec![
        change(&without_last_row),
        change(&unknown_row),
        change(&not_utf8),
        change(&|_: &Source| Vec::new()),
        catalogs.to_vec(),
    ]
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    files.sort();
    files
}

#[test]
fn recheck_of_every_rule_file_equals_a_full_check() {
    let dir = root().join("rules");
    let files = files_in(&dir, ".eol");
    assert!(files.len() > 100, "{}", dir.display());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".eol");
        let catalogs: Vec<Source> = ["csv", "toml", "json"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.releases.{ext}")))
            .filter(|p| p.exists())
            .map(|p| {
                Source::new(
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        recheck_series(&name, &std::fs::read(&path).unwrap(), &catalogs);
    }
}

#[test]
fn recheck_of_every_corpus_file_equals_a_full_check() {
    let mut n = 0;
    for sub in ["check", "syntax", "fmt", "eval", "eval-diagnostics"] {
        let dir = root().join("tests/corpus").join(sub);
        if !dir.exists() {
            continue;
        }
        for path in files_in(&dir, ".eol") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            recheck_series(&name, &std::fs::read(&path).unwrap(), &[]);
            n += 1;
        }
    }
    assert!(n > 50, "{n} corpus files");
}

#[test]
fn an_edit_in_one_policy_parses_and_checks_that_policy_only() {
    let one = |id: &str| {
        format!("policy {id} \"{id}\" {{\n  line major\n  service s\n  phase p role active {{\n    from first_ship\n    until first_ship + 2 years\n    provides s\n  }}\n}}\n")
    };
    let text: String = (0..5).map(|i| one(&format!("p{i}"))).collect();
    let mut cache = Cache::new();
    let a = Analysis::recheck(input("a.eol", text.as_bytes(), &[]), &mut cache);
    assert_eq!(cache.last_work(), (5, 5));
    assert!(!a.has_errors(), "{:?}", a.diagnostics());
    let edited = text.replacen("2 years", "3 years", 1);
    let b = Analysis::recheck(input("a.eol", edited.as_bytes(), &[]), &mut cache);
    assert_eq!(cache.last_work(), (1, 1));
    assert_eq!(cache.len(), 5, "the old text of the edited policy is forgotten");
    same(
        &b,
        &Analysis::new(input("a.eol", edited.as_bytes(), &[])),
        "edited",
    );
}

/// A file of policies reading each other, with its catalog: an edit evaluates the changed
/// product and the products that read it (and those whose spans moved), the rest is
/// taken from the cache, and the catalog is not parsed again while its bytes are the same.
#[test]
fn an_edit_evaluates_the_changed_product_and_its_readers_only() {
    let policy = |id: &str, upstream: Option<&str>, years: u32| {
        let (up, until) = match upstream {
            Some(u) => (format!("  upstream {u}\n"), format!("end(p) of {u}")),
            None => (String::new(), format!("first_ship + {years} years")),
        };
        format!("policy {id} \"{id}\" {{\n{up}  line major\n  service s\n  phase p role active {{\n    from first_ship\n    until {until}\n    provides s\n  }}\n}}\n")
    };
    // a3 reads a0 (before it), b1 reads a3 (after it): a chain across the file
    let text = |years: u32| {
        [
            policy("b1", Some("a3"), 2),
            policy("c2", None, 2),
            policy("d5", None, 2),
            policy("a0", None, years),
            policy("a3", Some("a0"), 2),
            policy("e4", None, 2),
        ]
        .concat()
    };
    let rows: String = ["b1", "c2", "d5", "a0", "a3", "e4"]
        .iter()
        .flat_map(|id| (1..=3).map(move |major| format!("{id},{major}.0.0,20{:02}-01-01\n", 10 + major)))
        .collect();
    let catalog = vec![Source::new(
        "a.releases.csv".to_owned(),
        format!("product,version,date\n{rows}").into_bytes(),
    )];
    let mut cache = Cache::new();
    let first = Analysis::recheck(input("a.eol", text(2).as_bytes(), &catalog), &mut cache);
    assert!(!first.has_errors(), "{:?}", first.diagnostics());
    assert_eq!(first.products.len(), 6);
    assert_eq!(cache.last_evaluation(), (1, 6, 0));
    // the same bytes again: nothing parsed, nothing evaluated
    let again = Analysis::recheck(input("a.eol", text(2).as_bytes(), &catalog), &mut cache);
    assert_eq!(cache.last_evaluation(), (0, 0, 6));
    same(
        &again,
        &Analysis::new(input("a.eol", text(2).as_bytes(), &catalog)),
        "again",
    );
    // a0 changes (same length: nothing moves): a0, a3 that reads it and b1 that reads
    // a3 are evaluated again, c2, d5 and e4 are kept
    let edited = Analysis::recheck(input("a.eol", text(3).as_bytes(), &catalog), &mut cache);
    assert_eq!(cache.last_evaluation(), (0, 3, 3));
    same(
        &edited,
        &Analysis::new(input("a.eol", text(3).as_bytes(), &catalog)),
        "edited",
    );
    assert_ne!(
        format!("{:?}", first.products[0].lifecycle),
        format!("{:?}", edited.products[0].lifecycle),
        "b1 reads the change through a3"
    );
    // the catalog changes: parsed and everything evaluated again
    let mut changed = catalog.clone();
    changed[0] = Source::new(
        "a.releases.csv".to_owned(),
        format!("product,version,date\n{rows}a0,4.0.0,2014-01-01\n").into_bytes(),
    );
    let recat = Analysis::recheck(input("a.eol", text(3).as_bytes(), &changed), &mut cache);
    assert_eq!(cache.last_evaluation(), (1, 6, 0));
    same(
        &recat,
        &Analysis::new(input("a.eol", text(3).as_bytes(), &changed)),
        "catalog changed",
    );
    // an error: nothing evaluated; fixed again: the kept evaluations still answer
    let broken = text(3).replacen("line major", "line", 1);
    let b = Analysis::recheck(input("a.eol", broken.as_bytes(), &changed), &mut cache);
    same(
        &b,
        &Analysis::new(input("a.eol", broken.as_bytes(), &changed)),
        "broken",
    );
    let fixed = Analysis::recheck(input("a.eol", text(3).as_bytes(), &changed), &mut cache);
    assert_eq!(cache.last_evaluation(), (0, 0, 6));
    same(
        &fixed,
        &Analysis::new(input("a.eol", text(3).as_bytes(), &changed)),
        "fixed",
    );
}
