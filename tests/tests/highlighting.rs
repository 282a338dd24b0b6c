//! The highlighting grammar test: every token of every file in `rules/`,
//! `tests/corpus/syntax/` and `tests/corpus/fmt/` (and of a file that uses every
//! built-in name the checker knows) gets the TextMate scope its token kind says.
//!
//! The parser gives each token's kind (`eol_syntax::tokens`, read off the pest parse
//! tree); `expected_scope` below says which scope each kind must get. The grammar,
//! `editors/vscode/syntaxes/eol.tmLanguage.json`, is run by the engine VS Code uses
//! (vscode-textmate and vscode-oniguruma, under Node.js: `editors/test/tokenize.js`).
//! A token passes when the grammar's tokens start and end where it does and each of
//! them carries the expected scope as its innermost one (`meta.` scopes aside; a
//! string's quotes and escapes and a comment's `#` may be more specific).
//!
//! Node.js and the packages of `editors/test` (`npm ci` there) are required: without
//! them the test fails, unless `EOL_SKIP_NODE=1` says to skip it.

// Test code: helpers outside `#[test]` functions may unwrap and panic too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use eol_engine::check::{ALLOWANCES, CLASSES, FUNCTIONS, NAMES, ORDER_KEYS, UNITS};
use eol_engine::dates::{MONTH_NAMES, WEEKDAY_NAMES};
use eol_engine::model::{AttrType, Role};
use eol_syntax::{Declared, TokenKind};
use eol_tests::workspace_root;
use serde_json::{json, Value};

/// How many disagreements to print.
const SHOWN: usize = 40;

/// The scope a token of this kind and text must get.
fn expected_scope(kind: TokenKind, text: &str) -> &'static str {
    match kind {
        TokenKind::Comment => "comment.line.number-sign.eol",
        TokenKind::String => "string.quoted.double.eol",
        TokenKind::Date => "constant.numeric.date.eol",
        TokenKind::Number => "constant.numeric.integer.eol",
        TokenKind::Version => "constant.numeric.version.eol",
        TokenKind::Ordinal => "constant.other.ordinal.eol",
        TokenKind::Keyword => match text {
            "policy" | "phase" | "service" | "milestone" | "attribute" | "upstream" => "storage.type.eol",
            "when" => "keyword.control.conditional.eol",
            "and" | "or" | "not" => "keyword.operator.logical.eol",
            "is" | "matches" => "keyword.operator.word.eol",
            _ => "keyword.other.eol",
        },
        TokenKind::Operator => match text {
            "+" | "-" | "*" | "/" | "%" => "keyword.operator.arithmetic.eol",
            "=" => "keyword.operator.assignment.eol",
            _ => "keyword.operator.comparison.eol",
        },
        TokenKind::Punctuation => match text {
            "{" => "punctuation.section.block.begin.eol",
            "}" => "punctuation.section.block.end.eol",
            "(" => "punctuation.section.parens.begin.eol",
            ")" => "punctuation.section.parens.end.eol",
            "," => "punctuation.separator.comma.eol",
            ":" => "punctuation.separator.colon.eol",
            "." => "punctuation.accessor.eol",
            _ => "invalid.illegal.eol",
        },
        TokenKind::Declaration(Declared::Policy) => "entity.name.section.policy.eol",
        TokenKind::Declaration(Declared::Phase) => "entity.name.function.phase.eol",
        TokenKind::Declaration(Declared::Service) => "entity.name.type.service.eol",
        TokenKind::Declaration(Declared::Milestone) => "entity.name.constant.milestone.eol",
        TokenKind::Declaration(Declared::Attribute) => "entity.name.variable.attribute.eol",
        TokenKind::Declaration(Declared::Upstream) => "entity.name.namespace.upstream.eol",
        TokenKind::Name if NAMES.contains(&text) => "variable.language.eol",
        TokenKind::Function if FUNCTIONS.contains(&text) => "support.function.builtin.eol",
        // A name, or a call of something that is not built in (a date attribute of
        // another line, `lts_from(newer 1)`, or a misspelt function the checker reports).
        TokenKind::Name | TokenKind::Function => "variable.other.eol",
        TokenKind::Unit => "keyword.other.unit.eol",
        TokenKind::Month => "support.constant.month.eol",
        TokenKind::Weekday => "support.constant.weekday.eol",
        TokenKind::Role => "constant.language.role.eol",
        TokenKind::Type => "support.type.eol",
        TokenKind::Language => "constant.other.language.eol",
        TokenKind::Allowance => "constant.language.allowance.eol",
        TokenKind::Class => "constant.language.class.eol",
    }
}

/// Scopes that may stand inside a token's expected scope: a string's quotes and
/// escapes, a comment's `#`.
fn may_refine(expected: &str, innermost: &str) -> bool {
    match expected {
        "string.quoted.double.eol" => matches!(
            innermost,
            "punctuation.definition.string.begin.eol"
                | "punctuation.definition.string.end.eol"
                | "constant.character.escape.eol"
        ),
        "comment.line.number-sign.eol" => innermost == "punctuation.definition.comment.eol",
        _ => false,
    }
}

/// A rule file that uses every built-in name of the checker's tables, so that the
/// grammar's lists are tested even where no shipped file uses a name yet.
fn builtins_file() -> String {
    let mut s =
        String::from("# Every built-in name the checker knows (generated by tests/highlighting.rs).\n");
    s.push_str("policy builtins \"Built-ins\" {\n  line major.minor\n");
    for key in ORDER_KEYS {
        writeln!(s, "  order lines by {key}").unwrap();
    }
    for (i, ty) in AttrType::NAMES.iter().enumerate() {
        writeln!(s, "  attribute a{i}: {ty}").unwrap();
    }
    for allowance in ALLOWANCES {
        writeln!(s, "  allow {allowance}").unwrap();
    }
    for (i, role) in Role::NAMES.iter().enumerate() {
        writeln!(
            s,
            "  phase p{i} \"P\" role {role} {{\n    from first_ship\n    until latest\n  }}"
        )
        .unwrap();
    }
    for class in CLASSES {
        writeln!(s, "  when minor is {class} {{\n    milestone c = final\n  }}").unwrap();
    }
    for name in NAMES {
        writeln!(s, "  milestone n_{name} = {name}").unwrap();
    }
    for (i, func) in FUNCTIONS.iter().enumerate() {
        writeln!(s, "  milestone f{i} = {func}(first_ship, newer 1)").unwrap();
    }
    for (i, unit) in UNITS.iter().enumerate() {
        writeln!(s, "  milestone u{i} = first_ship + 2 {unit} - 1 {unit}").unwrap();
    }
    let abbreviations = |name: &str| {
        let short = name.get(..3).unwrap_or(name).to_owned();
        let mut upper = name.to_owned();
        if let Some(first) = upper.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        [name.to_owned(), short, upper, name.to_ascii_uppercase()]
    };
    for (i, month) in MONTH_NAMES.iter().enumerate() {
        let [full, short, upper, caps] = abbreviations(month);
        writeln!(
            s,
            "  milestone m{i} = min(next({full} 1, first_ship), previous({short} 28, first_ship), \
             in_year({upper} 2, first_ship), next(last day of {caps} {short}, first_ship))"
        )
        .unwrap();
    }
    let ordinals = ["1st", "2nd", "3rd", "4th", "5th", "last"];
    for (i, weekday) in WEEKDAY_NAMES.iter().enumerate() {
        let [full, short, upper, caps] = abbreviations(weekday);
        let ordinal = ordinals[i % ordinals.len()];
        writeln!(
            s,
            "  milestone w{i} = max(next({ordinal} {full}, first_ship), next(last {short} of jan, first_ship), \
             next(2nd {upper}, first_ship), next({ordinal} {caps}, first_ship))"
        )
        .unwrap();
    }
    writeln!(s, "  milestone d = next(day 28, next(last day, first_ship))\n}}").unwrap();
    s
}

fn eol_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eol"))
        .collect();
    files.sort();
    files
}

/// Node.js and the test's packages, or why not.
fn node_ready(test_dir: &Path) -> Result<(), String> {
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            return Err(format!(
                "`node --version` failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ))
        }
        Err(e) => return Err(format!("Node.js is not installed (`node`: {e})")),
    }
    for package in ["vscode-textmate", "vscode-oniguruma"] {
        if !test_dir.join("node_modules").join(package).is_dir() {
            return Err(format!(
                "the npm package {package} is missing: run `npm ci` in {}",
                test_dir.display()
            ));
        }
    }
    Ok(())
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[test]
fn every_token_gets_the_scope_of_its_kind() {
    let root = workspace_root();
    let test_dir = root.join("editors").join("test");
    let grammar = root
        .join("editors")
        .join("vscode")
        .join("syntaxes")
        .join("eol.tmLanguage.json");
    if let Err(why) = node_ready(&test_dir) {
        if std::env::var("EOL_SKIP_NODE").is_ok_and(|v| v == "1") {
            eprintln!("skipped: {why} (EOL_SKIP_NODE=1)");
            return;
        }
        panic!(
            "the highlighting grammar test needs Node.js and the packages of editors/test: {why}\n\
             (set EOL_SKIP_NODE=1 to skip this test where Node.js cannot be installed; CI never does)"
        );
    }

    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("highlighting");
    std::fs::create_dir_all(&work).unwrap();
    let generated = work.join("builtins.eol");
    std::fs::write(&generated, builtins_file()).unwrap();

    let mut files = eol_files(&root.join("rules"));
    files.extend(eol_files(&root.join("tests/corpus/syntax")));
    files.extend(eol_files(&root.join("tests/corpus/fmt")));
    files.push(generated);

    // What the parser says, per file.
    let mut expected = Vec::new();
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let tokens = eol_syntax::tokens(&text);
        // Every character that is not white space belongs to a token: the file parsed.
        let mut covered = vec![false; text.len()];
        for t in &tokens {
            covered[t.span.start..t.span.end]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        if let Some((i, c)) = text
            .char_indices()
            .find(|(i, c)| !covered[*i] && !matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{feff}'))
        {
            let (line, col) = line_col(&text, i);
            problems.push(format!(
                "{}:{line}:{col}: `{c}` is in no token: the file does not parse",
                path.display()
            ));
        }
        let tokens: Vec<Value> = tokens
            .iter()
            .map(|t| {
                let text = t.span.text(&text);
                json!({
                    "start": t.span.start,
                    "end": t.span.end,
                    "kind": t.kind.name(),
                    "text": text,
                    "scope": expected_scope(t.kind, text),
                })
            })
            .collect();
        let shown = path.strip_prefix(&root).unwrap_or(path);
        expected.push(
            json!({ "path": path.to_string_lossy(), "shown": shown.to_string_lossy(), "tokens": tokens }),
        );
        texts.push(text);
    }
    let expected_path = work.join("expected.json");
    let actual_path = work.join("actual.json");
    std::fs::write(
        &expected_path,
        serde_json::to_string_pretty(&json!({ "files": expected })).unwrap(),
    )
    .unwrap();

    // What the grammar says.
    let out = Command::new("node")
        .arg(test_dir.join("tokenize.js"))
        .arg(&grammar)
        .arg(&expected_path)
        .arg(&actual_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "editors/test/tokenize.js failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let actual: Value = serde_json::from_str(&std::fs::read_to_string(&actual_path).unwrap()).unwrap();

    let mut checked = 0usize;
    for ((file, text), got) in expected
        .iter()
        .zip(&texts)
        .zip(actual["files"].as_array().unwrap())
    {
        assert_eq!(got["path"], file["path"]);
        let path = file["shown"].as_str().unwrap();
        let grammar_tokens: Vec<(usize, usize, Vec<&str>)> = got["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let scopes = t["scopes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                (
                    t["start"].as_u64().unwrap() as usize,
                    t["end"].as_u64().unwrap() as usize,
                    scopes,
                )
            })
            .collect();
        for token in file["tokens"].as_array().unwrap() {
            checked += 1;
            let (start, end) = (
                token["start"].as_u64().unwrap() as usize,
                token["end"].as_u64().unwrap() as usize,
            );
            let scope = token["scope"].as_str().unwrap();
            let overlapping: Vec<&(usize, usize, Vec<&str>)> = grammar_tokens
                .iter()
                .filter(|(s, e, _)| *s < end && *e > start)
                .collect();
            let aligned = overlapping.first().is_some_and(|(s, _, _)| *s == start)
                && overlapping.last().is_some_and(|(_, e, _)| *e == end);
            let scoped = !overlapping.is_empty()
                && overlapping.iter().all(|(_, _, scopes)| {
                    let innermost = scopes
                        .iter()
                        .rev()
                        .find(|s| !s.starts_with("meta."))
                        .copied()
                        .unwrap_or("");
                    scopes.contains(&scope) && (innermost == scope || may_refine(scope, innermost))
                });
            if !(aligned && scoped) {
                let (line, col) = line_col(text, start);
                let got: Vec<String> = overlapping
                    .iter()
                    .map(|(s, e, scopes)| {
                        format!(
                            "`{}` {}",
                            text.get(*s..*e).unwrap_or("?"),
                            scopes.last().unwrap_or(&"(none)")
                        )
                    })
                    .collect();
                problems.push(format!(
                    "{path}:{line}:{col}: `{}` is a {} token: expected {scope}, the grammar gives {}",
                    token["text"].as_str().unwrap(),
                    token["kind"].as_str().unwrap(),
                    if got.is_empty() {
                        "nothing".to_owned()
                    } else {
                        got.join(", ")
                    }
                ));
            }
        }
    }
    assert!(
        checked > 10_000,
        "only {checked} tokens checked: were the files found?"
    );
    let shown: Vec<&String> = problems.iter().take(SHOWN).collect();
    assert!(
        problems.is_empty(),
        "{} of {checked} tokens in {} files disagree with the grammar (expected tokens: {}); the first {}:\n{}",
        problems.len(),
        files.len(),
        expected_path.display(),
        shown.len(),
        shown.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n")
    );
    eprintln!("{checked} tokens in {} files agree with the grammar", files.len());
}
