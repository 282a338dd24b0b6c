//! The documentation shows real output of the `eol` binary; these tests hold it to that.
//!
//! `docs/new-vendor.md` (the tutorial) is replayed in a scratch directory shaped the way the
//! tutorial sets one up: each draft of the rule file is written when the tutorial shows it,
//! every `eol` command it shows is run, and the text block that follows must be what the
//! command printed. `docs/seeds.md` runs its commands on the repository's own rules. A shown
//! output may be an excerpt: its lines must all be printed, in the same order.
//!
//! Conventions the tutorial replay follows, as a reader would:
//! - an ```` ```eol ```` block that defines `policy ruby` is the rule file from then on;
//! - a draft with a deliberate error (```` ```eol,fail=... ````) is fixed again after the
//!   commands that show the error;
//! - the `eol fmt --check` diff is applied backwards first, so the file is in the state the
//!   tutorial describes ("say the era block had been typed on one line").

// Helpers outside `#[test]` functions are not covered by `allow-unwrap-in-tests`.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TUTORIAL: &str = "docs/new-vendor.md";
const SEEDS: &str = "docs/seeds.md";
const RULES: &str = "rules/ruby.eol";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fenced block: the line of its opening fence, its info string and its text.
struct Block {
    line: usize,
    info: String,
    text: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                open = Some(Block {
                    line: i + 1,
                    info: info.trim().to_owned(),
                    text: String::new(),
                });
            }
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some(b), None) => {
                b.text.push_str(line);
                b.text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The scratch directory of section 1, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let dir = std::env::temp_dir().join(format!("eol-tutorial-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("rules/endoflife")).unwrap();
        fs::copy(
            root().join("rules/endoflife/ruby.csv"),
            dir.join("rules/endoflife/ruby.csv"),
        )
        .unwrap();
        Scratch(dir)
    }

    fn rules(&self) -> String {
        fs::read_to_string(self.0.join(RULES)).unwrap()
    }

    fn set_rules(&self, text: &str) {
        fs::write(self.0.join(RULES), text).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Every line of `expected` (trailing blanks and surrounding blank lines ignored) is a
/// line of `output`, in the same order: the whole output, or an excerpt of it.
fn shows(output: &str, expected: &str) -> bool {
    let mut out = output.lines().map(str::trim_end);
    expected
        .trim_matches('\n')
        .lines()
        .map(str::trim_end)
        .all(|want| out.any(|line| line == want))
}

/// Run the `eol` commands of `sh` blocks that are followed by a `text` block, in `dir`
/// (`before` prepares each run), and check each shown output; how many were checked.
fn replay(doc: &str, dir: &Path, mut before: impl FnMut(&[&str], &Block)) -> usize {
    let markdown = fs::read_to_string(root().join(doc)).unwrap();
    let blocks = blocks(&markdown);
    let mut checked = 0;
    for (i, block) in blocks.iter().enumerate() {
        let expected = blocks.get(i + 1).filter(|b| b.info == "text");
        let commands: Vec<&str> = block.text.lines().filter(|l| l.starts_with("eol ")).collect();
        let Some(expected) = expected.filter(|_| block.info == "sh" && !commands.is_empty()) else {
            before(&[], block);
            continue;
        };
        before(&commands, expected);
        let output: String = commands.iter().map(|c| eol(dir, c)).collect();
        assert!(
            shows(&output, &expected.text),
            "{doc}:{}: `{}` no longer prints what the documentation shows.\n--- shown\n{}--- printed\n{output}",
            block.line,
            commands.join("; "),
            expected.text
        );
        checked += 1;
    }
    checked
}

/// What the command line `eol ARGS` prints in `dir`, standard output then standard error.
fn eol(dir: &Path, command: &str) -> String {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(&args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Undo a unified diff (`--- a`, `+++ b`, `@@` hunks) on `text`: each hunk's new lines
/// become its old lines again.
fn unapply(text: &str, diff: &str) -> String {
    let mut result = text.to_owned();
    let mut old = Vec::new();
    let mut new = Vec::new();
    let mut flush = |old: &mut Vec<&str>, new: &mut Vec<&str>| {
        if !new.is_empty() || !old.is_empty() {
            let (from, to) = (new.join("\n") + "\n", old.join("\n") + "\n");
            assert!(
                result.contains(&from),
                "the fmt diff does not fit the file:\n{from}"
            );
            result = result.replacen(&from, &to, 1);
        }
        old.clear();
        new.clear();
    };
    for line in diff.lines() {
        if line.starts_with("--- ") || line.starts_with("+++ ") {
            continue;
        }
        if line.starts_with("@@") {
            flush(&mut old, &mut new);
            continue;
        }
        match line.split_at_checked(1) {
            Some(("-", rest)) => old.push(rest),
            Some(("+", rest)) => new.push(rest),
            Some((" ", rest)) => {
                old.push(rest);
                new.push(rest);
            }
            _ => {
                old.push("");
                new.push("");
            }
        }
    }
    flush(&mut old, &mut new);
    result
}

#[test]
fn the_tutorial_output_is_real() {
    let scratch = Scratch::new();
    let mut clean_draft: Option<String> = None;
    let mut fix_after_commands = false;
    let checked = replay(TUTORIAL, &scratch.0, |commands, block| {
        if commands.is_empty() {
            // Not a command: a draft of the rule file, or prose.
            if block.info.starts_with("eol") && block.text.contains("policy ruby ") {
                scratch.set_rules(&block.text);
                if block.info.contains("fail=") {
                    fix_after_commands = true;
                } else {
                    clean_draft = Some(block.text.clone());
                }
            } else if fix_after_commands && block.info == "text" {
                // The error has been shown: the reader fixes the draft.
                scratch.set_rules(clean_draft.as_deref().unwrap());
                fix_after_commands = false;
            }
            return;
        }
        if commands == ["eol fmt --check"] {
            scratch.set_rules(&unapply(&scratch.rules(), &block.text));
        }
    });
    assert!(
        checked >= 15,
        "only {checked} commands of {TUTORIAL} were replayed"
    );
    // `eol fmt` turned the file back into the finished file the tutorial shows.
    assert_eq!(
        scratch.rules(),
        clean_draft.unwrap(),
        "the formatted file differs"
    );
}

#[test]
fn the_seed_walkthrough_output_is_real() {
    let checked = replay(SEEDS, &root(), |_, _| {});
    assert!(checked >= 8, "only {checked} commands of {SEEDS} were replayed");
}

#[test]
fn excerpts_and_diffs() {
    assert!(shows("a\nb\nc\n", "b\nc"));
    assert!(shows("a\nb  \nc\n", "\nb\n\n"));
    // an excerpt may leave lines out, but not reorder or change them
    assert!(shows("a\nb\nc\n", "a\nc"));
    assert!(!shows("a\nb\nc\n", "c\na"));
    assert!(!shows("a\nbb\n", "b"));
    let diff = "--- f\t(original)\n+++ f\t(formatted)\n@@ -1,2 +1,3 @@\n x\n-y z\n+y\n+z\n";
    assert_eq!(unapply("x\ny\nz\nw\n", diff), "x\ny z\nw\n");
}
