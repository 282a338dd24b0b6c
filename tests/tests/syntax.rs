//! The valid corpus: every file in `tests/corpus/syntax/` and every shipped rule
//! file in `rules/` parses without a diagnostic and checks without an error; the
//! syntax tree of each is a snapshot (spans included, as `@start..end`).

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use eol_engine::project::RuleFile;
use eol_tests::{display_name, render_file};

/// Parse and check one valid file; fail with the rendered diagnostics if it is not.
fn parse_valid(path: &Path) -> eol_syntax::Parsed {
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = eol_syntax::parse(&text);
    let file = RuleFile::load(display_name(path), text.as_bytes());
    assert!(
        parsed.diagnostics.is_empty() && !file.has_errors(),
        "{} must parse and check cleanly:\n{}",
        file.name,
        render_file(&file)
    );
    assert!(
        !parsed.file.policies.is_empty(),
        "{} declares no policy",
        file.name
    );
    parsed
}

#[test]
fn syntax_corpus() {
    insta::glob!("../corpus/syntax", "*.eol", |path| {
        let parsed = parse_valid(path);
        insta::assert_snapshot!(format!("{:#?}", parsed.file));
    });
}

#[test]
fn shipped_rules() {
    insta::glob!("../../rules", "*.eol", |path| {
        let parsed = parse_valid(path);
        // The shipped rules carry no warnings either: `eol check --deny-warnings rules/` passes.
        let file = RuleFile::load(display_name(path), std::fs::read(path).unwrap().as_slice());
        assert!(file.diagnostics.is_empty(), "{}", render_file(&file));
        // The seeds' trees are snapshotted; the library's files change as rules improve,
        // and are held to parse and check cleanly above.
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "otrs.eol" || name == "liferay.eol" {
            insta::assert_snapshot!(format!("{:#?}", parsed.file));
        }
    });
}

/// Parsing twice gives equal trees, and a tree never depends on the comments'
/// text: stripping every comment leaves the policies unchanged (spans aside).
#[test]
fn comments_do_not_change_the_tree() {
    insta::glob!("../corpus/syntax", "*.eol", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let with = eol_syntax::parse(&text);
        let mut stripped = text.clone();
        for c in with.file.comments.iter().rev() {
            let blank = " ".repeat(c.span.end - c.span.start);
            stripped.replace_range(c.span.start..c.span.end, &blank);
        }
        let without = eol_syntax::parse(&stripped);
        assert!(without.diagnostics.is_empty(), "{:?}", without.diagnostics);
        assert_eq!(with.file.policies, without.file.policies, "{}", path.display());
        assert!(without.file.comments.is_empty());
    });
}
