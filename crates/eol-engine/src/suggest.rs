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

/// `did you mean `x`?` when there is a close candidate.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggest(name, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
