//! The formatter on the corpus in `tests/corpus/fmt/`: a snapshot of each file's
//! canonical form, and for every file that formatting is idempotent, keeps the tree
//! and keeps every comment. Also: the shipped `rules/*.eol` are already canonical,
//! and re-spacing a canonical file formats back to it.

// Helpers outside `#[test]` functions are not covered by the clippy.toml test allowances.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use eol_syntax::{format, parse};
use proptest::prelude::*;

/// Format `input` and check the properties every output must have.
fn format_checked(name: &str, input: &str) -> String {
    let once = format(input).unwrap_or_else(|d| panic!("{name} does not format: {d:#?}"));
    let twice = format(&once).unwrap_or_else(|d| panic!("{name}: output does not format: {d:#?}"));
    similar_asserts(name, &once, &twice);

    let before = parse(input).file;
    let after = parse(&once).file;
    assert_eq!(
        after.policies, before.policies,
        "{name}: formatting changed the tree"
    );
    assert_eq!(
        comment_texts(&after),
        comment_texts(&before),
        "{name}: comments lost or changed"
    );

    assert!(
        once.is_empty() || once.ends_with('\n') && !once.ends_with("\n\n"),
        "{name}: one final newline"
    );
    assert!(
        !once.contains('\r') && !once.contains('\u{feff}'),
        "{name}: CR or BOM in output"
    );
    assert!(
        once.lines().all(|l| l == l.trim_end()),
        "{name}: trailing white space"
    );
    once
}

fn comment_texts(file: &eol_syntax::ast::File) -> Vec<String> {
    file.comments
        .iter()
        .map(|c| c.text.trim_end().to_owned())
        .collect()
}

fn similar_asserts(name: &str, once: &str, twice: &str) {
    if once != twice {
        let diff = similar::TextDiff::from_lines(once, twice);
        panic!(
            "{name}: formatting is not idempotent:\n{}",
            diff.unified_diff().header("once", "twice")
        );
    }
}

#[test]
fn formats_corpus() {
    insta::glob!("../corpus/fmt", "*.eol", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let formatted = format_checked(&name, &input);
        insta::assert_snapshot!(formatted);
    });
}

fn rule_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eol"))
        .collect();
    files.sort();
    files
}

#[test]
fn shipped_rules_are_formatted() {
    let files = rule_files();
    assert!(files.len() >= 2, "rules/*.eol not found: {files:?}");
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = format_checked(&name, &text);
        if formatted != text {
            let diff = similar::TextDiff::from_lines(&text, &formatted);
            panic!(
                "{name} is not formatted; run `eol fmt`:\n{}",
                diff.unified_diff().header("file", "formatted")
            );
        }
    }
}

/// Every canonical text we have: the shipped rules and the corpus, formatted.
fn canonical_texts() -> Vec<(String, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/fmt");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eol"))
        .collect();
    paths.extend(rule_files());
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), format(&text).unwrap())
        })
        .collect()
}

const GAPS: [&str; 5] = [" ", "  ", "\t", " \t", "     "];
const INDENTS: [&str; 5] = ["", " ", "\t", "        ", "\t \t"];

/// Lay `canonical` out differently without changing its tokens or which line
/// each token is on: every run of spaces outside strings and comments becomes
/// spaces and tabs, indentation changes or goes, trailing white space appears,
/// blank lines multiply and appear after `{` and before `}`, line ends may
/// become CRLF and a BOM may lead.
fn respace(canonical: &str, choices: &[u8], crlf: bool, bom: bool) -> String {
    let mut pick = choices.iter().map(|&c| usize::from(c)).cycle();
    let mut next = move || pick.next().unwrap_or(0);
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    for line in canonical.lines() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() {
            for _ in 0..=next() % 3 {
                out.push_str(INDENTS[next() % INDENTS.len()]);
                out.push_str(eol);
            }
            continue;
        }
        if body == "}" && next() % 3 == 0 {
            out.push_str(eol);
        }
        out.push_str(INDENTS[next() % INDENTS.len()]);
        let mut chars = body.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            if in_string {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            match c {
                '"' => {
                    in_string = true;
                    out.push(c);
                }
                '#' => {
                    out.push(c);
                    out.extend(chars.by_ref());
                }
                ' ' => {
                    while chars.peek() == Some(&' ') {
                        chars.next();
                    }
                    out.push_str(GAPS[next() % GAPS.len()]);
                }
                _ => out.push(c),
            }
        }
        if next() % 4 == 0 {
            out.push_str(" \t");
        }
        out.push_str(eol);
        if body.ends_with('{') && next() % 3 == 0 {
            out.push_str(eol);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn respaced_canonical_text_formats_back(choices in prop::collection::vec(any::<u8>(), 1..64), crlf: bool, bom: bool) {
        for (name, canonical) in canonical_texts() {
            let messy = respace(&canonical, &choices, crlf, bom);
            let formatted = format(&messy).map_err(|d| TestCaseError::fail(format!("{name}: {d:?}\n{messy}")))?;
            prop_assert_eq!(&formatted, &canonical, "{} re-spaced as:\n{}", name, messy);
        }
    }
}

#[test]
fn respace_really_changes_the_layout() {
    let canonical =
        "policy x \"a  b\" {\n  vendor \"V\" # a  comment\n\n  phase p {\n    from a + 1 day\n  }\n}\n";
    let messy = respace(canonical, &[2, 3, 4, 1], true, true);
    assert_ne!(messy, canonical);
    assert!(
        messy.contains("\"a  b\"") && messy.contains("# a  comment"),
        "{messy}"
    );
    assert_eq!(format(&messy).unwrap(), canonical);
}
