//! docs/new-vendor.md says "every output below is real output of the `eol` binary". This
//! test holds it to that: it replays the tutorial in a scratch directory shaped the way the
//! tutorial sets one up, writes each draft of the rule file when the tutorial shows it, runs
//! every `eol` command the tutorial shows, and requires the text block that follows to be
//! what the command printed (all of it, or a run of whole lines when the tutorial shows an
//! excerpt).
//!
//! Conventions the replay follows, as a reader would:
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

    /// What `eol ARGS` prints, standard output then standard error.
    fn eol(&self, command: &str) -> String {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args(&args)
            .current_dir(&self.0)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// `expected` (whole lines, trailing blanks ignored) is the output or a run of its lines.
fn shows(output: &str, expected: &str) -> bool {
    let norm = |s: &str| -> Vec<String> {
        let lines: Vec<String> = s.lines().map(|l| l.trim_end().to_owned()).collect();
        let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
        let end = lines.iter().rposition(|l| !l.is_empty()).map_or(start, |e| e + 1);
        lines.get(start..end).unwrap_or_default().to_vec()
    };
    let (out, want) = (norm(output), norm(expected));
    want.is_empty() || out.windows(want.len()).any(|w| w == want.as_slice())
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
    let markdown = fs::read_to_string(root().join(TUTORIAL)).unwrap();
    let blocks = blocks(&markdown);
    let scratch = Scratch::new();
    let mut clean_draft: Option<String> = None;
    let mut fix_after_commands = false;
    let mut checked = 0;
    for (i, block) in blocks.iter().enumerate() {
        if block.info.starts_with("eol") && block.text.contains("policy ruby ") {
            scratch.set_rules(&block.text);
            if block.info.contains("fail=") {
                fix_after_commands = true;
            } else {
                clean_draft = Some(block.text.clone());
            }
            continue;
        }
        if block.info != "sh" {
            continue;
        }
        let commands: Vec<&str> = block.text.lines().filter(|l| l.starts_with("eol ")).collect();
        let Some(expected) = blocks.get(i + 1).filter(|b| b.info == "text") else {
            continue;
        };
        if commands.is_empty() {
            continue;
        }
        if commands == ["eol fmt --check"] {
            scratch.set_rules(&unapply(&scratch.rules(), &expected.text));
        }
        let output: String = commands.iter().map(|c| scratch.eol(c)).collect();
        assert!(
            shows(&output, &expected.text),
            "{TUTORIAL}:{}: `{}` no longer prints what the tutorial shows.\n--- tutorial\n{}--- actual\n{output}",
            block.line,
            commands.join("; "),
            expected.text
        );
        checked += 1;
        if fix_after_commands {
            scratch.set_rules(clean_draft.as_deref().unwrap());
            fix_after_commands = false;
        }
    }
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
fn excerpts_and_diffs() {
    assert!(shows("a\nb\nc\n", "b\nc"));
    assert!(shows("a\nb  \nc\n", "\nb\n\n"));
    assert!(!shows("a\nb\nc\n", "a\nc"));
    assert!(!shows("a\nbb\n", "b"));
    let diff = "--- f\t(original)\n+++ f\t(formatted)\n@@ -1,2 +1,3 @@\n x\n-y z\n+y\n+z\n";
    assert_eq!(unapply("x\ny\nz\nw\n", diff), "x\ny z\nw\n");
}
