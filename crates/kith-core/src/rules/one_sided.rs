//! `one-sided`: you keep asking someone for help and never give back.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::values::{Duration, Unit};
use jiff::civil::Date;

pub(super) struct OneSided;

/// How many `asked` without a `helped`, within [`WINDOW`], make a relationship one-sided.
const ASKED_AT_LEAST: usize = 3;

/// How far back the rule looks: the last 365 days.
const WINDOW: Duration = Duration { amount: 365, unit: Unit::Days };

static INFO: RuleInfo = RuleInfo {
    code: "one-sided",
    severity: Severity::Warning,
    summary: "in the last 365 days: at least 3 `asked` and no `helped` with a person",
    docs: r#"## What
In the last 365 days (after the day 365 days before today, up to and including today) you
logged at least three `asked` interactions with a person and not one `helped`. A `!` mark
does not change an interaction's kind: `asked!` is still an `asked`.

## Why
Relationships run on give and take. Someone you only ever ask for favours will, sooner or
later, stop answering — and giving is also how you stay in someone's mind.

## Example
```kith
person raj "Raj Patel"
  2026-02-10 asked "Intro to his manager"
  2026-06-01 asked "Reference for the CTO role"
  2026-09-15 asked! "Feedback on my talk"
```
On 2026-11-25: "you asked Raj Patel for help 3 times in the last year and helped them 0
times".

## Fix
Give something back — an introduction, a reference, your time, a thank-you that costs you
an afternoon — and log it: `2026-11-25 helped "Introduced him to @ada"`.
"#,
};

impl Rule for OneSided {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let window_start = WINDOW.before(cx.today);
        let in_window = |date: Date| date <= cx.today && window_start.is_none_or(|start| date > start);
        for person in &cx.network.people {
            let kinds_in_window = person
                .interactions
                .iter()
                .filter(|interaction| interaction.date.value.is_some_and(in_window))
                .filter_map(|interaction| interaction.kind_name());
            let (mut asked, mut helped) = (0, 0);
            for kind in kinds_in_window {
                match kind {
                    "asked" => asked += 1,
                    "helped" => helped += 1,
                    _ => {}
                }
            }
            if asked < ASKED_AT_LEAST || helped > 0 {
                continue;
            }
            let message = format!(
                "you asked {} for help {asked} times in the last year and helped them {helped} times",
                person.display_name(),
            );
            let help = format!(
                "give something back (an introduction, a reference, your time), then log it: {} helped \"…\"",
                cx.today,
            );
            lints.push(INFO.lint(person.anchor(), message).about(person.id_name()).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    use jiff::civil::date;

    const RAJ: &str = "person raj \"Raj Patel\"\n  met 2020-01-01\n";

    #[test]
    fn three_asks_and_no_help_in_a_year() {
        let source =
            format!("{RAJ}  2026-02-10 asked\n  2026-06-01 asked \"Reference\"\n  2026-09-15 asked! \"Feedback\"\n");
        let lint = assert_message(
            &source,
            "one-sided",
            "you asked Raj Patel for help 3 times in the last year and helped them 0 times",
        );
        assert_eq!(spanned(&source, &lint), "raj");
        assert_eq!(lint.person.as_deref(), Some("raj"));
    }

    #[test]
    fn two_asks_are_not_yet_a_pattern() {
        assert_no_lint(&format!("{RAJ}  2026-02-10 asked\n  2026-06-01 asked\n"), "one-sided");
    }

    #[test]
    fn one_help_balances_any_number_of_asks() {
        let source = format!("{RAJ}  2026-02-10 asked\n  2026-03-01 asked\n  2026-06-01 asked\n  2026-07-01 asked\n  2026-08-01 helped!\n");
        assert_no_lint(&source, "one-sided");
    }

    #[test]
    fn other_kinds_count_for_neither_side() {
        let source = format!(
            "{RAJ}  2026-02-10 asked\n  2026-03-01 coffee\n  2026-06-01 asked\n  2026-07-01 gift\n  2026-08-01 asked\n"
        );
        assert_lint_count(&source, "one-sided", 1);
    }

    #[test]
    fn the_window_is_the_last_365_days() {
        // 2026-11-25 minus 365 days is 2025-11-25: that day is out, the next one is in.
        let out = format!("{RAJ}  2025-11-25 asked\n  2026-02-10 asked\n  2026-06-01 asked\n");
        assert_no_lint(&out, "one-sided");
        let within = format!("{RAJ}  2025-11-26 asked\n  2026-02-10 asked\n  2026-06-01 asked\n");
        assert_lint_count(&within, "one-sided", 1);
        // A help older than the window does not balance recent asks.
        assert_lint_count(&format!("{within}  2025-11-25 helped\n"), "one-sided", 1);
    }

    #[test]
    fn today_counts_and_the_future_does_not() {
        assert_lint_count(
            &format!("{RAJ}  2026-02-10 asked\n  2026-06-01 asked\n  2026-11-25 asked\n"),
            "one-sided",
            1,
        );
        assert_no_lint(&format!("{RAJ}  2026-02-10 asked\n  2026-06-01 asked\n  2026-11-26 asked\n"), "one-sided");
        // A promised help in the future does not balance asks yet.
        let promised =
            format!("{RAJ}  2026-02-10 asked\n  2026-06-01 asked\n  2026-11-25 asked\n  2026-12-01 helped\n");
        assert_lint_count(&promised, "one-sided", 1);
    }

    #[test]
    fn the_window_counts_days_across_a_leap_day() {
        // 2029-02-28 minus 365 days is 2028-02-29, because 2028 is a leap year.
        let today = date(2029, 2, 28);
        let asks = "  2028-06-01 asked\n  2028-09-01 asked\n";
        let fires = |source: String| lints_on(&source, today).iter().any(|lint| lint.code == "one-sided");
        assert!(!fires(format!("{RAJ}  2028-02-29 asked\n{asks}")));
        assert!(fires(format!("{RAJ}  2028-03-01 asked\n{asks}")));
    }

    #[test]
    fn invalid_dates_do_not_count() {
        assert_no_lint(&format!("{RAJ}  2026-02-30 asked\n  2026-06-01 asked\n  2026-07-01 asked\n"), "one-sided");
    }

    #[test]
    fn allow_silences_it() {
        let asks = "  2026-02-10 asked\n  2026-06-01 asked\n  2026-09-15 asked\n";
        assert_no_lint(&format!("{RAJ}  allow one-sided\n{asks}"), "one-sided");
        assert_no_lint(&format!("set allow one-sided\n{RAJ}{asks}"), "one-sided");
    }
}
