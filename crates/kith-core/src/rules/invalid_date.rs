//! `invalid-date`: a date that does not exist.

use super::{problems, Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::ProblemKind;

pub(super) struct InvalidDate;

static INFO: RuleInfo = RuleInfo {
    code: "invalid-date",
    severity: Severity::Error,
    summary: "a date that does not exist (`2026-02-30`)",
    docs: r#"## What
A date written as `YYYY-MM-DD` (or `--MM-DD` for a birthday) that names no real day.

## Why
An impossible date is almost always a typo, and kith cannot tell which day was meant,
so the interaction or `met` line it is on cannot count.

## Example
```kith
person ada "Ada Lovelace"
  2026-02-30 coffee
```

## Fix
Correct the day: `2026-02-28`. February 29 exists only in leap years.
"#,
};

impl Rule for InvalidDate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        problems::report(&INFO, ProblemKind::InvalidDate, cx.network, lints);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const PERSON: &str = "person ada \"Ada\"\n  met 2020-01-01\n";

    #[test]
    fn a_day_past_the_month_end_is_reported_on_the_date() {
        let source = format!("{PERSON}  2026-02-30 coffee\n");
        let lint =
            assert_message(&source, "invalid-date", "2026-02-30 is not a real date: February 2026 has 28 days, not 30");
        assert_eq!(spanned(&source, &lint), "2026-02-30");
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert_no_lint(&format!("{PERSON}  2028-02-29 coffee\n"), "invalid-date");
        assert_lint_count(&format!("{PERSON}  2027-02-29 coffee\n"), "invalid-date", 1);
    }

    #[test]
    fn met_and_birthday_dates_are_checked_too() {
        assert_lint_count("person ada \"Ada\"\n  met 2019-04-31\n", "invalid-date", 1);
        assert_lint_count(&format!("{PERSON}  birthday --02-30\n"), "invalid-date", 1);
        assert_no_lint(&format!("{PERSON}  birthday --02-29\n"), "invalid-date");
    }

    #[test]
    fn malformed_dates_are_invalid_values_not_invalid_dates() {
        assert_no_lint(&format!("{PERSON}  birthday 1990-1-1\n"), "invalid-date");
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint(&format!("{PERSON}  allow invalid-date\n  2026-02-30 coffee\n"), "invalid-date");
    }
}
