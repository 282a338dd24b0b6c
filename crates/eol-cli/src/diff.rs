//! Unified diffs of two texts, for `eol fmt --check` and `eol update --dry-run`.
//!
//! Self-contained (similar and imara-diff only) so that `benches/diff.rs` can include it:
//! the binary crate has no library for a benchmark to link.

/// A unified diff of two texts by lines, with `context` lines around each change, in the
/// layout `diff -u` and similar's `unified_diff` write (no file header: the caller writes
/// it). The edit script is imara-diff's Myers with git's and GNU diff's heuristics, which stays
/// near-linear when every line changed (a whole file re-indented); the hunks are grouped and
/// headed by similar's functions, as its own unified diff does.
pub fn unified_diff(old: &str, new: &str, context: usize) -> String {
    use similar::{DiffOp, DiffableStr};
    // lines as similar splits them (after `\n`, `\r\n` or a lone `\r`), for both
    let old_lines: Vec<&str> = old.tokenize_lines();
    let new_lines: Vec<&str> = new.tokenize_lines();
    let mut input = imara_diff::InternedInput {
        before: Vec::new(),
        after: Vec::new(),
        interner: imara_diff::Interner::new(old_lines.len() + new_lines.len()),
    };
    input.update_before(old_lines.iter().copied());
    input.update_after(new_lines.iter().copied());
    let diff = imara_diff::Diff::compute(imara_diff::Algorithm::Myers, &input);
    let mut ops = Vec::new();
    let (mut old_at, mut new_at) = (0usize, 0usize);
    for hunk in diff.hunks() {
        let (before, after) = (hunk.before, hunk.after);
        let (old_index, new_index) = (before.start as usize, after.start as usize);
        let (old_len, new_len) = (before.len(), after.len());
        if old_index > old_at {
            ops.push(DiffOp::Equal {
                old_index: old_at,
                new_index: new_at,
                len: old_index - old_at,
            });
        }
        ops.push(match (old_len, new_len) {
            (_, 0) => DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            },
            (0, _) => DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            },
            _ => DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            },
        });
        (old_at, new_at) = (old_index + old_len, new_index + new_len);
    }
    if old_at < old_lines.len() {
        ops.push(DiffOp::Equal {
            old_index: old_at,
            new_index: new_at,
            len: old_lines.len() - old_at,
        });
    }
    let mut out = String::new();
    for group in similar::group_diff_ops(ops, context) {
        out.push_str(&similar::udiff::UnifiedHunkHeader::new(&group).to_string());
        out.push('\n');
        for op in &group {
            for change in op.iter_changes(old_lines.as_slice(), new_lines.as_slice()) {
                out.push(match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                });
                let line = change.value();
                out.push_str(line);
                if !line.ends_with(['\r', '\n']) {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Where the change is plain, the diff is similar's own unified diff byte for byte: line
    /// endings (`\n`, `\r\n`, a lone `\r`), a last line without one on either side, empty
    /// texts, changes at both ends, hunks merged or apart by the context.
    #[test]
    fn unified_diff_reads_as_similars() {
        let numbered = |n: usize, changed: &[usize]| -> String {
            (1..=n)
                .map(|i| {
                    if changed.contains(&i) {
                        format!("line {i} changed\n")
                    } else {
                        format!("line {i}\n")
                    }
                })
                .collect()
        };
        let cases: Vec<(String, String)> = vec![
            ("a\nb\nc\n".into(), "a\nB\nc\n".into()),
            ("a\nb\nc".into(), "a\nb\nC".into()),
            ("a\nb\nc\n".into(), "a\nb\nc".into()),
            ("a\nb\nc".into(), "a\nb\nc\n".into()),
            ("".into(), "a\nb\n".into()),
            ("a\nb\n".into(), "".into()),
            ("a\r\nb\r\nc\r\n".into(), "a\r\nX\r\nc\r\n".into()),
            ("a\rb\rc\r".into(), "a\rb\rd\r".into()),
            ("x\na\nb\n".into(), "a\nb\n".into()),
            ("a\nb\n".into(), "a\nb\ny\n".into()),
            (numbered(30, &[]), numbered(30, &[1, 9, 16, 30])),
            (numbered(30, &[]), numbered(30, &[5, 11])),
            (numbered(30, &[]), numbered(30, &[5, 12])),
        ];
        for context in [0, 2, 3] {
            for (old, new) in &cases {
                let theirs = similar::TextDiff::from_lines(old.as_str(), new.as_str())
                    .unified_diff()
                    .context_radius(context)
                    .to_string();
                assert_eq!(
                    super::unified_diff(old, new, context),
                    theirs,
                    "{old:?} → {new:?}"
                );
            }
        }
    }
}
