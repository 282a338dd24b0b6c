//! One "did you mean" for every unknown name.

/// The closest candidate within edit distance 2 (or a case-insensitive match). A candidate
/// that shares nothing with the name is no suggestion, however short both are (`-` is not
/// close to `1`).
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let length = lower.chars().count();
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.min(c.len().saturating_sub(1)).max(1))
        .filter(|(d, c)| *d < length.max(c.chars().count()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Candidates of at most this many characters are found by their deletions ([`Near`]);
/// longer ones by their length.
const SHORT: usize = 32;

/// Many candidates made ready for [`suggest`]ing among them for many names: each
/// candidate's deletions of up to two characters are kept in a map, and a name finds the
/// candidates that share one of its own (two strings within edit distance 2, transpositions
/// counted as one, lose at most two characters each to reach a common subsequence), so a
/// name is compared with those only, not with every candidate. Candidates longer than
/// [`SHORT`] characters are kept by length instead (a name more than two characters longer or
/// shorter is never within 2). The choice is [`suggest`]'s over all candidates.
pub struct Near {
    names: Vec<String>,
    deletions: std::collections::HashMap<String, Vec<usize>>,
    long: std::collections::HashMap<usize, Vec<usize>>,
}

impl Near {
    pub fn new(names: impl IntoIterator<Item = String>) -> Near {
        let names: Vec<String> = names.into_iter().collect();
        let mut deletions: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        let mut long: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
        for (at, name) in names.iter().enumerate() {
            let lower = name.to_lowercase();
            let chars = lower.chars().count();
            if chars > SHORT {
                long.entry(chars).or_default().push(at);
                continue;
            }
            for d in within_two_deletions(&lower) {
                deletions.entry(d).or_default().push(at);
            }
        }
        Near {
            names,
            deletions,
            long,
        }
    }

    /// The position of the candidate [`suggest`] chooses for `name` (the first of that
    /// text), if any.
    pub fn suggest(&self, name: &str) -> Option<usize> {
        let lower = name.to_lowercase();
        let chars = lower.chars().count();
        let mut found: Vec<usize> = Vec::new();
        if chars <= SHORT + 2 {
            for d in within_two_deletions(&lower) {
                found.extend(self.deletions.get(&d).into_iter().flatten());
            }
        }
        for len in chars.saturating_sub(2)..=chars + 2 {
            found.extend(self.long.get(&len).into_iter().flatten());
        }
        found.sort_unstable();
        found.dedup();
        let candidates = found
            .iter()
            .filter_map(|&at| self.names.get(at).map(String::as_str));
        let chosen = suggest(name, candidates)?;
        found
            .into_iter()
            .find(|&at| self.names.get(at).is_some_and(|n| n == chosen))
    }
}

/// `text` and every string made from it by deleting one or two of its characters.
fn within_two_deletions(text: &str) -> std::collections::HashSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = std::collections::HashSet::new();
    out.insert(text.to_owned());
    for i in 0..chars.len() {
        let one: String = chars
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .map(|(_, c)| c)
            .collect();
        for j in i + 1..chars.len() {
            out.insert(
                chars
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != i && k != j)
                    .map(|(_, c)| c)
                    .collect(),
            );
        }
        out.insert(one);
    }
    out
}

/// `did you mean `x`?` when there is a close candidate.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggest(name, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// [`Near`] chooses as [`suggest`] does over every candidate: names and candidates drawn
    /// from a few letters, digits and dots (so that many are close), some longer than
    /// [`SHORT`].
    #[test]
    fn near_chooses_as_a_scan_does() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let word = "[abAB1.é]{0,6}|a{29,36}|a{28,33}ba{0,2}";
        let mut runner = TestRunner::new(Config {
            cases: 400,
            ..Config::default()
        });
        runner
            .run(
                &(
                    proptest::collection::vec(word, 0..40),
                    proptest::collection::vec(word, 1..20),
                ),
                |(candidates, names)| {
                    let near = Near::new(candidates.iter().cloned());
                    for name in &names {
                        let scanned = suggest(name, candidates.iter().map(String::as_str))
                            .and_then(|s| candidates.iter().position(|c| c == s));
                        prop_assert_eq!(near.suggest(name), scanned, "{:?} among {:?}", name, candidates);
                    }
                    Ok(())
                },
            )
            .unwrap();
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(suggest("premim", ["premium", "limited"]), Some("premium"));
        assert_eq!(suggest("yeers", ["years", "months"]), Some("years"));
        assert_eq!(suggest("zzz", ["years", "months"]), None);
        assert_eq!(suggest("Years", ["years"]), Some("years"));
        // one character for another is a replacement, not a typo
        assert_eq!(suggest("-", ["1", "2"]), None);
        assert_eq!(suggest("x", ["y"]), None);
        assert_eq!(suggest("1", ["12"]), Some("12"));
    }
}
