//! Versions as people write them resolve to their line, for every line of every
//! bundled catalog (docs/language.md, "Which line a version belongs to").
//!
//! For each line `L` of each product in `rules/`, these must find `L`: the line's name,
//! `L.0`, `L.1`, `vL.1` and the version of its newest release. A probe may instead find
//! a line that is named exactly like the probe (Windows `8` and `8.1`: `8.1` is the line
//! `8.1`), or be reported as ambiguous among lines that include `L` (editions that share
//! a build number, such as Windows 10 21H2's). Anything else fails the test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use eol_engine::eval::Options;
use eol_engine::library::{pair_by_name, Library, Request, Scope, Source};
use eol_engine::query::ProductView;
use eol_engine::resolve::Resolution;
use eol_tests::workspace_root;

fn library() -> Library {
    let dir = workspace_root().join("rules");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let name = format!("rules/{}", path.file_name().unwrap().to_string_lossy());
            files.push(Source::new(name, std::fs::read(&path).unwrap()));
        }
    }
    Library::assemble(
        Request {
            bundled: pair_by_name(&files),
            ..Request::default()
        },
        Scope::All,
    )
}

#[derive(Default, Debug)]
struct Tally {
    probes: usize,
    exact: usize,
    named_like_probe: usize,
    ambiguous: usize,
}

#[test]
fn every_line_of_every_catalog_is_found_as_people_write_it() {
    let mut lib = library();
    assert!(!lib.has_errors(), "the bundled library has errors");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let products = lib.evaluate(at, Options::default(), None);
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let mut lines_seen = 0usize;
    for p in &products {
        let policy = p.policy(&lib.rules).unwrap();
        let view = ProductView::new(policy, p, &lib.catalogs);
        let lines = &p.lifecycle.lines;
        for (li, line) in lines.iter().enumerate() {
            lines_seen += 1;
            let mut probes = vec![
                line.line.clone(),
                format!("{}.0", line.line),
                format!("{}.1", line.line),
            ];
            // `v18.1` as `node --version` prints it; nobody writes `vc1.1` for a line `c1`.
            if line.line.starts_with(|c: char| c.is_ascii_digit()) {
                probes.push(format!("v{}.1", line.line));
            }
            if let Some(latest) = &line.latest {
                probes.push(latest.version.clone());
            }
            for probe in probes {
                tally.probes += 1;
                match view.resolve(&probe) {
                    Resolution::Line { line: found, .. } if found == li => tally.exact += 1,
                    Resolution::Line { line: found, .. }
                        if lines[found]
                            .line
                            .eq_ignore_ascii_case(probe.trim_start_matches('v')) =>
                    {
                        tally.named_like_probe += 1
                    }
                    Resolution::Ambiguous { lines: found, .. } if found.contains(&li) => tally.ambiguous += 1,
                    other => failures.push(format!(
                        "{} line {}: `{probe}` -> {}",
                        policy.id,
                        line.line,
                        match other {
                            Resolution::Line { line, how } => format!("line {} ({how:?})", lines[line].line),
                            Resolution::Ambiguous { lines: l, .. } => format!(
                                "ambiguous among {}",
                                l.iter()
                                    .map(|&i| lines[i].line.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            Resolution::Unknown { .. } => "no line".to_owned(),
                            Resolution::Empty => "empty".to_owned(),
                        }
                    )),
                }
            }
        }
    }
    eprintln!("{} products, {lines_seen} lines: {tally:?}", products.len());
    assert!(lines_seen > 1400, "only {lines_seen} lines");
    assert!(
        failures.is_empty(),
        "{} probes found the wrong line:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The newest release of a product is found once per view and day (an audit asks for the
/// status of every version it meets); asked on another day, the view answers for that day,
/// not from what it kept. Checked against a fresh view for every product of the library.
#[test]
fn the_newest_release_a_view_keeps_is_the_one_for_its_day() {
    let mut lib = library();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let earlier = chrono::NaiveDate::from_ymd_opt(2019, 6, 1).unwrap();
    let products = lib.evaluate(at, Options::default(), None);
    let mut differ = 0;
    for p in &products {
        let policy = p.policy(&lib.rules).unwrap();
        let kept = ProductView::new(policy, p, &lib.catalogs);
        let first = kept.newest_release(at);
        assert_eq!(kept.newest_release(at), first);
        let then = kept.newest_release(earlier);
        assert_eq!(
            then,
            ProductView::new(policy, p, &lib.catalogs).newest_release(earlier),
            "{}",
            policy.id
        );
        differ += usize::from(then != first);
        if let Some(r) = &then {
            assert!(
                r.date.is_none_or(|d| d <= earlier),
                "{}: {:?}",
                policy.id,
                r.version
            );
        }
    }
    assert!(
        differ > 100,
        "only {differ} products changed their newest release since 2019"
    );
}

/// The product's newest release is that of its newest line, where an upgrade goes, not the
/// latest patch of any line: Python's security releases of 3.10 and 3.11 of 2026-08-13 come
/// after 3.14.7 of 2026-08-05, and the newest is still 3.14.7. A line whose standard support
/// has ended is not where an upgrade goes: Log4j's newest is 2.26.1 of line 2, not 2.12.4 of
/// the Java 7 branch 2.12 (first shipped after line 2, ended in 2021). Of every product of the
/// library, the newest release belongs to a line none of whose first releases came later among
/// the lines still supported (among all of them when none is); where several lines share the
/// version, one of them.
#[test]
fn the_newest_release_is_that_of_the_newest_line() {
    let mut lib = library();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let products = lib.evaluate(at, Options::default(), None);
    let view = |id: &str| {
        let p = products
            .iter()
            .find(|p| p.policy(&lib.rules).is_some_and(|x| x.id == id))
            .unwrap();
        ProductView::new(p.policy(&lib.rules).unwrap(), p, &lib.catalogs)
    };
    let python = view("python");
    let newest = python.newest_release(at).unwrap();
    assert_eq!(
        (newest.version.as_str(), newest.date.map(|d| d.to_string())),
        ("3.14.7", Some("2026-08-05".to_owned()))
    );
    let later = python
        .product
        .releases
        .iter()
        .filter_map(|(c, r)| lib.catalogs.get(*c)?.catalog.releases.get(*r))
        .filter(|r| {
            r.date
                .earliest()
                .is_some_and(|d| d > chrono::NaiveDate::from_ymd_opt(2026, 8, 5).unwrap() && d <= at)
        })
        .count();
    assert!(later >= 2, "the catalog has {later} later patches of older lines");
    let log4j = view("log4j").newest_release(at).unwrap();
    assert_eq!(log4j.version, "2.26.1");
    for p in &products {
        let v = ProductView::new(p.policy(&lib.rules).unwrap(), p, &lib.catalogs);
        let Some(newest) = v.newest_release(at) else {
            continue;
        };
        let first_of = |l: &eol_engine::eval::LineLifecycle| {
            v.releases_of(l)
                .filter_map(|r| r.date.earliest())
                .filter(|d| *d <= at)
                .min()
        };
        // a version several lines share (a device firmware, Kindle's 5.19.2 on many
        // models) is at home in the newest of them
        let Some(home) = p
            .lifecycle
            .lines
            .iter()
            .filter(|l| v.releases_of(l).any(|r| r.version == newest.version))
            .max_by_key(|l| first_of(l))
        else {
            continue;
        };
        let home_first = first_of(home);
        let ended = |i: usize, l: &eol_engine::eval::LineLifecycle| {
            eol_engine::query::status(
                &v,
                i,
                &l.line,
                eol_engine::resolve::How::LineName,
                at,
                eol_engine::query::Basis::Standard,
                None,
            )
            .and_then(|s| s.standard_eol)
            .and_then(|d| d.date)
            .is_some_and(|d| d <= at)
        };
        let supported: Vec<&eol_engine::eval::LineLifecycle> = p
            .lifecycle
            .lines
            .iter()
            .enumerate()
            .filter(|(i, l)| !ended(*i, l) && first_of(l).is_some())
            .map(|(_, l)| l)
            .collect();
        let candidates: Vec<&eol_engine::eval::LineLifecycle> = if supported.is_empty() {
            p.lifecycle.lines.iter().collect()
        } else {
            supported
        };
        for l in candidates {
            assert!(
                first_of(l) <= home_first,
                "{}: line {} came after {}'s {}",
                v.policy.id,
                l.line,
                home.line,
                newest.version
            );
        }
    }
}

/// No release a bundled catalog lists reads as a pre-release (docs/language.md,
/// "Pre-releases"): its marks are words releases do not carry, so asking about a release
/// never finds it replaced by itself. The line's names are probed too.
#[test]
fn no_release_of_a_bundled_catalog_reads_as_a_pre_release() {
    let mut lib = library();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let products = lib.evaluate(at, Options::default(), None);
    let mut read = 0usize;
    let mut failures = Vec::new();
    for p in &products {
        let policy = p.policy(&lib.rules).unwrap();
        let view = ProductView::new(policy, p, &lib.catalogs);
        for line in &p.lifecycle.lines {
            let names = std::iter::once(line.line.as_str()).chain(line.aliases.iter().map(String::as_str));
            let versions = view.releases_of(line).map(|r| r.version.as_str());
            for text in names.chain(versions) {
                read += 1;
                if let Some(pre) = eol_engine::version::prerelease_of(text, &policy.prerelease) {
                    failures.push(format!(
                        "{} line {}: `{text}` reads as {pre:?}",
                        policy.id, line.line
                    ));
                }
            }
        }
    }
    assert!(read > 5000, "only {read} versions read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
