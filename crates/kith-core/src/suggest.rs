//! "Did you mean" suggestions: the closest known name to a mistyped one.

/// The candidate closest to `input`, if it is close enough to be a plausible typo.
/// Comparison ignores case; an exact case-insensitive match always wins.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    let limit = (input.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(&input, &candidate.to_lowercase()), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_case_slips() {
        let roles = ["mentor", "truth-teller", "sponsor"];
        assert_eq!(closest("mentr", roles), Some("mentor"));
        assert_eq!(closest("truthteller", roles), Some("truth-teller"));
        assert_eq!(closest("Sponsor", roles), Some("sponsor"));
    }

    #[test]
    fn says_nothing_when_nothing_is_close() {
        assert_eq!(closest("banana", ["mentor", "sponsor"]), None);
        assert_eq!(closest("x", ["on", "off"]), None);
    }
}
