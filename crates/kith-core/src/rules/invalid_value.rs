//! `invalid-value`: a malformed duration, email, URL, integer, id or setting value.

use super::{problems, Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::ProblemKind;

pub(super) struct InvalidValue;

static INFO: RuleInfo = RuleInfo {
    code: "invalid-value",
    severity: Severity::Error,
    summary: "a malformed duration, email, integer, id or setting value",
    docs: r#"## What
A value that does not have the shape its field or setting needs: a duration that is not a
positive number and a unit (`6m`), an email without a domain, an id with capitals or
spaces, a URL without a scheme, unquoted text where a string belongs, or a setting value
that is not one of those allowed.

## Why
kith cannot use a value it cannot read: an unreadable `every` falls back to the role or
file default, an id with capitals does not match the one you refer to elsewhere.

## Example
```kith
person Ada "Ada Lovelace"
  every 3 months
  email ada-at-example
```

## Fix
The message says the expected form and, where it is obvious, offers it: `ada`, `3m`.
"#,
};

impl Rule for InvalidValue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        problems::report(&INFO, ProblemKind::InvalidValue, cx.network, lints);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn an_id_with_capitals_and_spaces_offers_the_hyphenated_form() {
        let source = "person Ada Lovelace \"Ada\"\n  met 2020-01-01\n";
        let lint = lints_of(source, "invalid-value").remove(0);
        assert_eq!(spanned(source, &lint), "Ada Lovelace");
        assert_fix_result(source, &lint, &source.replace("Ada Lovelace \"", "ada-lovelace \""), true);
    }

    #[test]
    fn malformed_durations_emails_and_urls() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n  every 0m\n  email ada.example.org\n  url example.org\n";
        assert_lint_count(source, "invalid-value", 3);
    }

    #[test]
    fn settings_values_are_checked() {
        assert_lint_count(
            "set key-people twelve\nset builtin-roles yes\nset stale-after 6 months\n",
            "invalid-value",
            3,
        );
        let lint = lints_of("set builtin-roles yes\n", "invalid-value").remove(0);
        assert_fix_result("set builtin-roles yes\n", &lint, "set builtin-roles on\n", true);
    }

    #[test]
    fn the_owner_setting_takes_emails_and_urls() {
        let source = "set me ada@example.org, \"https://www.linkedin.com/in/ada/\", https://example.org/ada\n";
        assert_no_lint(source, "invalid-value");
        let me: Vec<String> = crate::check(source, TODAY)
            .network
            .settings
            .me
            .iter()
            .filter_map(|address| address.value.clone())
            .collect();
        assert_eq!(me, ["ada@example.org", "https://www.linkedin.com/in/ada/", "https://example.org/ada"]);
        let lint = assert_message(
            "set me ada@example.org, Ada Lovelace\n",
            "invalid-value",
            "`Ada Lovelace` is neither an email address nor a URL: `set me` takes yours, like `ada@example.org, https://www.linkedin.com/in/ada`",
        );
        assert_eq!(lint.span.start, "set me ada@example.org, ".len());
    }

    #[test]
    fn unquoted_text_offers_quotes() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n  org Analytical Engines\n";
        let lint = lints_of(source, "invalid-value").remove(0);
        assert_fix_result(source, &lint, &source.replace("org Analytical Engines", "org \"Analytical Engines\""), true);
    }

    #[test]
    fn valid_values_pass() {
        let source = "set stale-after 90d\nset key-people 8\nperson ada \"Ada\"\n  every 2w\n  email ada@example.org\n  url https://example.org\n  met 2020-01-01\n";
        assert_no_lint(source, "invalid-value");
    }

    #[test]
    fn a_malformed_interaction_date_does_not_end_the_persons_block() {
        let source = "person ada \"Ada\"\n  role mentor\n  2026-2-3 coffee\n  2026-11-01 call\n";
        let lint = lints_of(source, "invalid-value").remove(0);
        assert_eq!(spanned(source, &lint), "2026-2-3");
        assert!(lint.message.contains("write `YYYY-MM-DD`"), "{}", lint.message);
        assert_no_lint(source, "stale");
        assert_no_lint(source, "syntax");
    }

    #[test]
    fn an_invalid_person_id_is_called_an_id() {
        let lint = lints_of("person Ada \"Ada\"\n", "invalid-value").remove(0);
        assert!(lint.message.contains("is not a valid person id"), "{}", lint.message);
    }
}
