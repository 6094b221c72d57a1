//! `too-many-key-people`: more key people than the `key-people` setting allows.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};

pub(super) struct TooManyKeyPeople;

static INFO: RuleInfo = RuleInfo {
    code: "too-many-key-people",
    severity: Severity::Warning,
    summary: "more key people than `key-people` (12 by default); on the first one over the limit",
    docs: r#"## What
More people with a `role` (key people) than the file's `key-people` setting allows — 12
unless `set key-people` says otherwise. The warning sits on the id of the first key person
over the limit, in file order.

## Why
A network that works is small: about twelve people you keep close. Beyond that, key people
stop getting the attention that makes them key, and the staleness warnings turn into noise.

## Example
With twelve key people above it:
```kith
person grace "Grace Hopper"
  role sponsor
```
"13 key people, more than the 12 a network can keep close (set key-people 12): Grace Hopper
is number 13".

## Fix
Decide who matters most right now and remove the `role` line of the others: they stay in
your file as your wider network. If you really keep more people close, raise the limit:
`set key-people 15`.
"#,
};

impl Rule for TooManyKeyPeople {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let limit = cx.network.settings.key_people;
        let Some(first_over) = cx.network.key_people().nth(limit) else {
            return;
        };
        let count = cx.network.key_people().count();
        let noun = if count == 1 { "key person" } else { "key people" };
        let message = format!(
            "{count} {noun}, more than the {limit} a network can keep close (set key-people {limit}): {} is number {}",
            first_over.display_name(),
            limit + 1,
        );
        let help = format!(
            "focus on the {limit} who matter most and remove the `role` of the others, or raise `set key-people`"
        );
        lints.push(INFO.lint(first_over.anchor(), message).about(first_over.id_name()).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    /// `count` key people named `Person 1`, `Person 2`, … with ids `p1`, `p2`, ….
    fn key_people(count: usize) -> String {
        (1..=count).map(|n| format!("person p{n} \"Person {n}\"\n  role mentor\n  met 2026-01-01\n")).collect()
    }

    const GRACE: &str = "person grace \"Grace Hopper\"\n  role sponsor\n  met 2026-01-01\n";

    #[test]
    fn names_the_first_key_person_over_the_limit() {
        let source = format!("{}{GRACE}", key_people(12));
        let lint = assert_message(
            &source,
            "too-many-key-people",
            "13 key people, more than the 12 a network can keep close (set key-people 12): Grace Hopper is number 13",
        );
        assert_eq!(spanned(&source, &lint), "grace");
        assert_eq!(lint.person.as_deref(), Some("grace"));
    }

    #[test]
    fn exactly_the_limit_is_fine() {
        assert_no_lint(&key_people(12), "too-many-key-people");
        assert_lint_count(&key_people(13), "too-many-key-people", 1);
    }

    #[test]
    fn one_lint_however_far_over_on_the_first_over_the_limit() {
        let source = format!("{}{GRACE}{}", key_people(12), "person ada \"Ada\"\n  role mentor\n  met 2026-01-01\n");
        let lint = assert_message(
            &source,
            "too-many-key-people",
            "14 key people, more than the 12 a network can keep close (set key-people 12): Grace Hopper is number 13",
        );
        assert_eq!(spanned(&source, &lint), "grace");
    }

    #[test]
    fn the_wider_network_does_not_count() {
        let wider: String = (1..=5).map(|n| format!("person w{n} \"Wider {n}\"\n  met 2026-01-01\n")).collect();
        assert_no_lint(&format!("{wider}{}", key_people(12)), "too-many-key-people");
        // The lint sits on the 13th key person, not on the 13th person.
        let source = format!("{}{wider}{GRACE}", key_people(12));
        let lint = assert_message(
            &source,
            "too-many-key-people",
            "13 key people, more than the 12 a network can keep close (set key-people 12): Grace Hopper is number 13",
        );
        assert_eq!(spanned(&source, &lint), "grace");
    }

    #[test]
    fn the_limit_comes_from_the_setting() {
        assert_no_lint(&format!("set key-people 3\n{}", key_people(3)), "too-many-key-people");
        let source = format!("set key-people 3\n{}", key_people(4));
        let lint = assert_message(
            &source,
            "too-many-key-people",
            "4 key people, more than the 3 a network can keep close (set key-people 3): Person 4 is number 4",
        );
        assert_eq!(spanned(&source, &lint), "p4");
        assert_no_lint(&format!("set key-people 20\n{}", key_people(20)), "too-many-key-people");
    }

    #[test]
    fn a_limit_of_zero_counts_a_single_key_person() {
        assert_message(
            &format!("set key-people 0\n{GRACE}"),
            "too-many-key-people",
            "1 key person, more than the 0 a network can keep close (set key-people 0): Grace Hopper is number 1",
        );
    }

    #[test]
    fn an_invalid_limit_keeps_the_default() {
        assert_no_lint(&format!("set key-people many\n{}", key_people(12)), "too-many-key-people");
        assert_lint_count(&format!("set key-people many\n{}", key_people(13)), "too-many-key-people", 1);
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint(&format!("set allow too-many-key-people\n{}", key_people(13)), "too-many-key-people");
        let allowed_on_the_one_over = format!("{}{GRACE}  allow too-many-key-people\n", key_people(12));
        assert_no_lint(&allowed_on_the_one_over, "too-many-key-people");
    }
}
