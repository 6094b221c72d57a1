//! `unsorted-log`: an interaction dated before the interaction above it in the same person.

use super::{Context, Rule, RuleInfo};
use crate::edits;
use crate::lint::{Fix, Lint, Severity};
use crate::text::Span;
use jiff::civil::Date;

pub(super) struct UnsortedLog;

static INFO: RuleInfo = RuleInfo {
    code: "unsorted-log",
    severity: Severity::Hint,
    summary: "an interaction dated before the one above it",
    docs: r#"## What
An interaction dated earlier than the nearest interaction above it (in the same person)
whose date kith can read. Interactions on the same day may be in any order.

## Why
A log in date order reads as a story and shows at a glance when you last spoke. An entry
out of order is easy to miss, and is sometimes a typo in the date.

## Example
```kith
person ada "Ada Lovelace"
  2026-05-02 email "Sent her my draft"
  2026-03-14 coffee "Talked through the board offer"
```

## Fix
Move the line to its place in the log, or correct its date. The formatter (`kith fmt`)
sorts interactions by date.
"#,
};

impl Rule for UnsortedLog {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            let mut above: Option<(Date, Span)> = None;
            for interaction in &person.interactions {
                let Some(date) = interaction.date.value else { continue };
                if let Some((above_date, above_span)) = above.filter(|(above_date, _)| date < *above_date) {
                    let message = format!(
                        "{date} is earlier than {above_date} above it in {}'s log: keep interactions in date order",
                        person.display_name()
                    );
                    let lint = INFO
                        .lint(interaction.date.span, message)
                        .about(person.id_name())
                        .with_related(above_span, format!("{above_date} is above it"))
                        .with_help(format!("move it above the {above_date} entry, or correct its date"));
                    let sort = edits::sort_interactions(cx.text, person).map(|edit| {
                        Fix::safe(format!("sort {}'s interactions by date", person.name_or_this_person()), vec![edit])
                    });
                    lints.push(match sort {
                        Some(fix) => lint.with_fix(fix),
                        None => lint,
                    });
                }
                above = Some((date, interaction.date.span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn the_fix_sorts_the_log_and_is_safe() {
        let source = "person ada \"Ada\"\n  2026-05-02 email # later\n  tags x\n  2026-03-14 coffee\n";
        let lint = lints_of(source, "unsorted-log").remove(0);
        assert_fix_result(
            source,
            &lint,
            "person ada \"Ada\"\n  2026-03-14 coffee\n  tags x\n  2026-05-02 email # later\n",
            true,
        );
    }

    #[test]
    fn an_earlier_date_below_a_later_one_is_reported_on_the_date() {
        let source = "person ada \"Ada Lovelace\"\n  2026-05-02 email\n  2026-03-14 coffee\n";
        let lint = assert_message(
            source,
            "unsorted-log",
            "2026-03-14 is earlier than 2026-05-02 above it in Ada Lovelace's log: keep interactions in date order",
        );
        assert_eq!(spanned(source, &lint), "2026-03-14");
        assert_eq!(lint.related[0].span.start, source.find("2026-05-02").unwrap());
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn sorted_logs_and_equal_dates_pass() {
        let source =
            "person ada \"Ada\"\n  2026-01-01 email\n  2026-03-14 coffee\n  2026-03-14 email\n  2026-05-02 call\n";
        assert_no_lint(source, "unsorted-log");
    }

    #[test]
    fn each_entry_is_compared_with_the_nearest_one_above() {
        // 2026-03-01 is out of place; 2026-04-01 follows it in order, so only one hint.
        let source = "person ada \"Ada\"\n  2026-01-01 call\n  2026-09-01 call\n  2026-03-01 call\n  2026-04-01 call\n";
        let lint = assert_message(
            source,
            "unsorted-log",
            "2026-03-01 is earlier than 2026-09-01 above it in Ada's log: keep interactions in date order",
        );
        assert_eq!(spanned(source, &lint), "2026-03-01");
    }

    #[test]
    fn a_descending_log_reports_every_step_down() {
        let source = "person ada \"Ada\"\n  2026-03-01 call\n  2026-02-01 call\n  2026-01-01 call\n";
        assert_lint_count(source, "unsorted-log", 2);
    }

    #[test]
    fn unreadable_dates_are_skipped_over() {
        let source = "person ada \"Ada\"\n  2026-05-02 call\n  2026-02-30 call\n  2026-03-14 call\n";
        let lint = assert_message(
            source,
            "unsorted-log",
            "2026-03-14 is earlier than 2026-05-02 above it in Ada's log: keep interactions in date order",
        );
        assert_eq!(spanned(source, &lint), "2026-03-14");
    }

    #[test]
    fn fields_between_interactions_do_not_matter_and_people_are_separate() {
        let source = "person ada \"Ada\"\n  2026-05-02 call\n  note \"x\"\n  2026-06-01 call\nperson bob \"Bob\"\n  2026-01-01 call\n";
        assert_no_lint(source, "unsorted-log");
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint(
            "person ada \"Ada\"\n  allow unsorted-log\n  2026-05-02 call\n  2026-03-14 call\n",
            "unsorted-log",
        );
        assert_no_lint(
            "set allow unsorted-log\nperson ada \"Ada\"\n  2026-05-02 call\n  2026-03-14 call\n",
            "unsorted-log",
        );
    }
}
