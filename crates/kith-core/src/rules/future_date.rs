//! `future-date`: an interaction or `met` date after today.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::{FieldValue, Person, Value};
use crate::wording::elapsed;
use jiff::civil::Date;

pub(super) struct FutureDate;

static INFO: RuleInfo = RuleInfo {
    code: "future-date",
    severity: Severity::Warning,
    summary: "an interaction or `met` date after today",
    docs: r#"## What
An interaction, or a `met` line, dated after today. Birthdays are not checked: they may be
any day.

## Why
The log records what happened. A date in the future is usually a typo in the year or
month, or a plan written down as if it had happened; either way it does not count as your
last meaningful interaction, so `stale` keeps judging by the one before it.

## Example
On 2026-11-25:
```kith
person ada "Ada Lovelace"
  met 2019-04-02
  2027-01-02 coffee "New year catch-up"
```
"2027-01-02 is in the future (today is 2026-11-25): this `coffee` with Ada Lovelace is 1
month away".

## Fix
Correct the date if it is a typo. Log a planned meeting once it has happened.
"#,
};

impl Rule for FutureDate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            for field in &person.fields {
                if let FieldValue::Met { date, .. } = &field.value {
                    let what = || format!("meeting {}", person.display_name());
                    check_date(cx.today, person, date, what, "correct the date you met", lints);
                }
            }
            for interaction in &person.interactions {
                let what = || {
                    let kind = interaction.kind_name().map_or("interaction".to_string(), |kind| format!("`{kind}`"));
                    format!("this {kind} with {}", person.display_name())
                };
                let help = "correct the date, or log the interaction once it has happened";
                check_date(cx.today, person, &interaction.date, what, help, lints);
            }
        }
    }
}

/// Reports `date` when it is after today; `what` says what happens on it (worded only
/// then: most dates are not in the future).
fn check_date(
    today: Date,
    person: &Person,
    date: &Value<Date>,
    what: impl FnOnce() -> String,
    help: &str,
    lints: &mut Vec<Lint>,
) {
    let Some(day) = date.value.filter(|day| *day > today) else { return };
    let (what, ahead) = (what(), elapsed(today, day));
    let message = format!("{day} is in the future (today is {today}): {what} is {ahead} away");
    lints.push(INFO.lint(date.span, message).about(person.id_name()).with_help(help));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    use jiff::civil::date;

    #[test]
    fn a_future_interaction_is_reported_on_its_date() {
        let source = "person ada \"Ada Lovelace\"\n  met 2019-04-02\n  2027-01-02 coffee \"New year\"\n";
        let lint = assert_message(
            source,
            "future-date",
            "2027-01-02 is in the future (today is 2026-11-25): this `coffee` with Ada Lovelace is 1 month away",
        );
        assert_eq!(spanned(source, &lint), "2027-01-02");
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn a_future_met_date_is_reported() {
        let source = "person ada \"Ada Lovelace\"\n  met 2026-12-09 \"at the meetup\"\n";
        let lint = assert_message(
            source,
            "future-date",
            "2026-12-09 is in the future (today is 2026-11-25): meeting Ada Lovelace is 2 weeks away",
        );
        assert_eq!(spanned(source, &lint), "2026-12-09");
    }

    #[test]
    fn tomorrow_is_one_day_away_and_today_is_not_the_future() {
        let source = "person ada \"Ada\"\n  2026-11-26 call\n";
        assert_message(
            source,
            "future-date",
            "2026-11-26 is in the future (today is 2026-11-25): this `call` with Ada is 1 day away",
        );
        assert_no_lint("person ada \"Ada\"\n  met 2026-11-25\n  2026-11-25 call\n", "future-date");
    }

    #[test]
    fn the_judgement_moves_with_today() {
        let source = "person ada \"Ada\"\n  2027-01-02 call\n";
        assert!(lints_on(source, date(2027, 1, 2)).iter().all(|lint| lint.code != "future-date"));
        assert!(lints_on(source, date(2027, 1, 1)).iter().any(|lint| lint.code == "future-date"));
    }

    #[test]
    fn far_ahead_reads_in_years() {
        let source = "person ada \"Ada\"\n  2062-11-25 email\n";
        let lint = lints_of(source, "future-date").remove(0);
        assert!(lint.message.ends_with("this `email` with Ada is 36 years away"), "{}", lint.message);
    }

    #[test]
    fn birthdays_and_invalid_dates_are_not_checked() {
        let source = "person ada \"Ada\"\n  birthday 2030-01-01\n  2027-02-30 coffee\n";
        assert_no_lint(source, "future-date");
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint("person ada \"Ada\"\n  allow future-date\n  2027-01-02 call\n", "future-date");
        assert_no_lint("set allow future-date\nperson ada \"Ada\"\n  met 2027-01-02\n", "future-date");
    }
}
