//! `stale`: a key person (or anyone with `every`) is overdue a meaningful interaction.

use super::{Context, Rule, RuleInfo};
use crate::edits;
use crate::freshness::freshness;
use crate::lint::{Fix, Lint, Severity};
use crate::wording;

pub(super) struct Stale;

static INFO: RuleInfo = RuleInfo {
    code: "stale",
    severity: Severity::Warning,
    summary: "no meaningful interaction with a key person within their cadence",
    docs: r#"## What
A key person (anyone with a `role`), or anyone with `every`, whose last meaningful
interaction plus their cadence lies before today — or who has neither a meaningful
interaction nor a `met` date.

The cadence is the person's `every`; else the shortest `every` of their roles; else the
file's `stale-after` (6 months by default). Meaningful interactions are `meet`, `coffee`,
`meal`, `call`, `video`, `visit`, `helped`, `asked`, and any kind marked with `!`. Without
one, the `met` date stands in.

## Why
A relationship that is not tended fades. The people who matter most are the easiest to
take for granted.

## Example
```kith
person ada "Ada Lovelace"
  role mentor
  2026-03-14 coffee
  2026-05-02 email "Sent her my draft"
```
On 2026-11-25: "no meaningful interaction with Ada Lovelace in 8 months (last: coffee on
2026-03-14; cadence 6 months)". The email is light and does not reset the clock.

## Fix
Get in touch, then log it: `2026-11-25 call "Caught up on the new role"`. If this
relationship needs less tending, give the person a longer `every`.
"#,
};

impl Rule for Stale {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            let fresh = freshness(person, cx.catalog, &cx.network.settings, cx.today);
            if !fresh.status.is_stale() {
                continue;
            }
            let cadence = wording::cadence(&fresh.cadence);
            let name = person.display_name();
            let message = match &fresh.last {
                Some(last) => format!(
                    "no meaningful interaction with {name} in {} (last: {} on {}; {cadence})",
                    wording::elapsed(last.date, cx.today),
                    last.what,
                    last.date,
                ),
                None => format!("no meaningful interaction with {name} yet, and no `met` date ({cadence})"),
            };
            let help = match &fresh.last {
                Some(_) => format!("get in touch, then log it: {} call \"…\"", cx.today),
                None => "log your last meaningful interaction, or add when you met: met YYYY-MM-DD".to_string(),
            };
            let log_coffee = edits::log_interaction(cx.text, person, cx.today, "coffee");
            let fix = Fix::display_only(
                format!("log a coffee with {} today", person.name_or_this_person()),
                vec![log_coffee],
            );
            lints.push(INFO.lint(person.anchor(), message).about(person.id_name()).with_help(help).with_fix(fix));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    use jiff::civil::date;

    #[test]
    fn the_fix_logs_a_coffee_today_but_only_from_the_editor() {
        let source = "person ada \"Ada\"\n  role mentor\n  2026-03-14 coffee\n  # notes\n";
        let lint = lints_of(source, "stale").remove(0);
        assert_eq!(lint.fixes[0].title, "log a coffee with Ada today");
        assert_fix_result(
            source,
            &lint,
            "person ada \"Ada\"\n  role mentor\n  2026-03-14 coffee\n  2026-11-25 coffee\n  # notes\n",
            false,
        );
    }

    #[test]
    fn names_the_person_and_the_numbers() {
        let source =
            "person ada \"Ada Lovelace\"\n  role mentor\n  met 2019-04-02\n  2026-03-14 coffee\n  2026-05-02 email\n";
        let lint = assert_message(
            source,
            "stale",
            "no meaningful interaction with Ada Lovelace in 8 months (last: coffee on 2026-03-14; cadence 6 months)",
        );
        assert_eq!(spanned(source, &lint), "ada");
    }

    #[test]
    fn a_marked_light_interaction_resets_the_clock() {
        let source = "person ada \"Ada\"\n  role mentor\n  2026-03-14 coffee\n  2026-08-30 email!\n";
        assert_no_lint(source, "stale");
    }

    #[test]
    fn people_without_a_role_or_every_are_never_nagged() {
        assert_no_lint("person charles \"Charles\"\n  met 2001-01-10\n", "stale");
        assert_lint_count("person charles \"Charles\"\n  every 1y\n  met 2001-01-10\n", "stale", 1);
    }

    #[test]
    fn met_stands_in_and_nothing_at_all_is_stale() {
        assert_no_lint("person ada \"Ada\"\n  role mentor\n  met 2026-10-01\n", "stale");
        assert_message(
            "person ada \"Ada\"\n  role mentor\n",
            "stale",
            "no meaningful interaction with Ada yet, and no `met` date (cadence 6 months)",
        );
    }

    #[test]
    fn cadence_comes_from_every_then_the_shortest_role_then_the_file() {
        let source = "role investor \"x\"\n  pillar promoters\n  every 1m\nperson ada \"Ada\"\n  role mentor, investor\n  2026-10-01 call\n";
        assert_message(
            source,
            "stale",
            "no meaningful interaction with Ada in 1 month (last: call on 2026-10-01; cadence 1 month as a investor)",
        );
        assert_no_lint(&source.replace("  role mentor", "  every 3m\n  role mentor"), "stale");
        assert_lint_count("set stale-after 1m\nperson ada \"Ada\"\n  role mentor\n  2026-10-01 call\n", "stale", 1);
    }

    #[test]
    fn an_invalid_every_falls_back_to_the_next_source() {
        assert_lint_count("person ada \"Ada\"\n  role mentor\n  every 0m\n  2026-10-01 call\n", "stale", 0);
    }

    #[test]
    fn due_exactly_today_is_not_yet_stale_and_month_ends_clamp() {
        let source = "person ada \"Ada\"\n  role mentor\n  every 1m\n  2026-01-31 call\n";
        assert!(lints_on(source, date(2026, 2, 28)).iter().all(|lint| lint.code != "stale"));
        assert!(lints_on(source, date(2026, 3, 1)).iter().any(|lint| lint.code == "stale"));
    }

    #[test]
    fn future_interactions_do_not_count() {
        assert_lint_count("person ada \"Ada\"\n  role mentor\n  2027-01-01 coffee\n", "stale", 1);
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint("person ada \"Ada\"\n  role mentor\n  allow stale\n", "stale");
        assert_no_lint("set allow stale\nperson ada \"Ada\"\n  role mentor\n", "stale");
    }

    #[test]
    fn a_future_met_date_does_not_stand_in() {
        assert_lint_count("person ada \"Ada\"\n  role mentor\n  met 2027-01-01\n", "stale", 1);
    }
}
