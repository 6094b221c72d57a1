//! `no-context`: a person with neither `met` nor `via` — how do you know them?

use super::{Context, Rule, RuleInfo};
use crate::edits;
use crate::lint::{Fix, Lint, Severity};

pub(super) struct NoContext;

static INFO: RuleInfo = RuleInfo {
    code: "no-context",
    severity: Severity::Hint,
    summary: "a person with neither `met` nor `via`: how do you know them?",
    docs: r#"## What
A person without a `met` line (when and how you met) and without a `via` line (who
introduced you). A `met` or `via` line counts even when its value is invalid; that error is
reported on its own.

## Why
Years later, "where did we meet?" is the question that makes reconnecting awkward. The
story of how you know someone is also what you tell when you introduce them.

## Example
```kith
person charles "Charles Babbage"
  org "Difference Engines"
```
"how do you know Charles Babbage? Add `met DATE \"how\"` or `via @someone`".

## Fix
```kith
person charles "Charles Babbage"
  met 2024-01-10 "Conference dinner"
```
or, if someone introduced you, `via @ada`.
"#,
};

impl Rule for NoContext {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in cx.network.people.iter().filter(|person| !person.has_context()) {
            let message =
                format!("how do you know {}? Add `met DATE \"how\"` or `via @someone`", person.display_name());
            let add_met = edits::add_how_you_met(cx.text, person, cx.today);
            let fix = Fix::display_only(format!("add how you met {}", person.name_or_this_person()), vec![add_met]);
            lints.push(
                INFO.lint(person.anchor(), message)
                    .about(person.id_name())
                    .with_help("write down when and how you met, like `met 2024-01-10 \"Conference dinner\"`")
                    .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn the_fix_adds_a_met_line_from_the_earliest_interaction_only_from_the_editor() {
        let source = "person ada \"Ada\"\n  org \"Engines\"\n  2024-05-02 email\n";
        let lint = lints_of(source, "no-context").remove(0);
        assert_fix_result(
            source,
            &lint,
            "person ada \"Ada\"\n  org \"Engines\"\n  met 2024-05-02 \"…\"\n  2024-05-02 email\n",
            false,
        );
    }

    #[test]
    fn asks_how_you_know_them_on_the_header_id() {
        let source = "person charles \"Charles Babbage\"\n  org \"Difference Engines\"\n";
        let lint = assert_message(
            source,
            "no-context",
            "how do you know Charles Babbage? Add `met DATE \"how\"` or `via @someone`",
        );
        assert_eq!(spanned(source, &lint), "charles");
        assert_eq!(lint.person.as_deref(), Some("charles"));
    }

    #[test]
    fn met_or_via_is_context() {
        assert_no_lint("person charles \"Charles\"\n  met 2024-01-10\n", "no-context");
        assert_no_lint("person ada \"Ada\"\n  met 2019-04-02\nperson charles \"Charles\"\n  via @ada\n", "no-context");
    }

    #[test]
    fn an_invalid_value_still_counts_as_context() {
        assert_no_lint("person charles \"Charles\"\n  met 2024-02-30\n", "no-context");
        assert_no_lint("person charles \"Charles\"\n  via @nobody\n", "no-context");
        assert_no_lint("person charles \"Charles\"\n  via Ada\n", "no-context");
    }

    #[test]
    fn interactions_are_not_context() {
        assert_lint_count("person charles \"Charles\"\n  role mentor\n  2026-03-14 coffee\n", "no-context", 1);
    }

    #[test]
    fn one_lint_per_person_without_context() {
        let source = "person a \"A\"\nperson b \"B\"\n  met 2020-01-01\nperson c \"C\"\n";
        let found = lints_of(source, "no-context");
        let anchored: Vec<&str> = found.iter().map(|lint| spanned(source, lint)).collect();
        assert_eq!(anchored, ["a", "c"]);
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint("person charles \"Charles\"\n  allow no-context\n", "no-context");
        assert_no_lint("set allow no-context\nperson charles \"Charles\"\n", "no-context");
    }
}
