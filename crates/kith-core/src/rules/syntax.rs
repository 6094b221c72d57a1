//! `syntax`: a line that cannot be read.

use super::{problems, Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::ProblemKind;

pub(super) struct Syntax;

static INFO: RuleInfo = RuleInfo {
    code: "syntax",
    severity: Severity::Error,
    summary: "a line cannot be read; the message says what was expected",
    docs: r#"## What
A line that is not a directive at column 0 (`person`, `role`, `pillar`, `set`), an indented
field or an indented interaction, or that is missing a part such as a person's quoted name.

## Why
kith cannot know what a line it cannot read means, so nothing on it is checked.

## Example
```kith
person ada
  2026-03-14 "Talked through the board offer"
```
The header lacks the display name and the interaction lacks its kind.

## Fix
Write what the message says was expected:
```kith
person ada "Ada Lovelace"
  2026-03-14 coffee "Talked through the board offer"
```
"#,
};

impl Rule for Syntax {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        problems::report(&INFO, ProblemKind::Syntax, cx.network, lints);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_missing_display_name_is_reported_after_the_id() {
        let source = "person ada\n  met 2020-01-01\n";
        let lint =
            assert_message(source, "syntax", "expected a quoted text after the id: `person ada \"Ada Lovelace\"`");
        assert_eq!(lint.span.start, "person ada".len());
    }

    #[test]
    fn an_interaction_without_a_kind_says_so() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n  2026-03-14\n";
        assert_message(
            source,
            "syntax",
            "expected an interaction kind after the date, like `2026-03-14 coffee \"what happened\"`",
        );
    }

    #[test]
    fn an_unterminated_string_does_not_swallow_the_next_person() {
        let source = "person ada \"Ada\n  met 2020-01-01\nperson bob \"Bob\"\n  met 2020-01-01\n";
        let lints = lints_of(source, "syntax");
        assert_eq!(lints.len(), 1, "{lints:#?}");
        assert!(lints[0].message.contains("no closing"), "{}", lints[0].message);
        let analysis = crate::check(source, TODAY);
        assert_eq!(analysis.network.people.len(), 2);
        assert_eq!(analysis.network.people[1].id_name(), "bob");
    }

    #[test]
    fn a_file_with_lone_carriage_returns_gets_one_error_at_the_first() {
        let source = "person ada \"Ada\"\r\n  role mentor\r  met 2020-01-01\rperson bob \"Bob\"\r";
        let all = lints(source);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].code, "syntax");
        assert!(all[0].message.contains("lone carriage return"), "{}", all[0].message);
        let first = source.find("mentor\r").map(|at| at + "mentor".len());
        assert_eq!(Some(all[0].span.start), first);
        let formatted = crate::format::format(source, &crate::syntax::parse(source));
        assert!(formatted.is_err_and(|error| error.message == all[0].message && error.line == 2));
        assert_eq!(crate::check(source, TODAY).network.people.len(), 0);
    }

    #[test]
    fn a_misspelled_directive_offers_the_keyword() {
        let lint = lints_of("persn ada \"Ada\"\n", "syntax").remove(0);
        assert!(lint.message.contains("did you mean `person`?"), "{}", lint.message);
        assert_fix_result("persn ada \"Ada\"\n", &lint, "person ada \"Ada\"\n", true);
    }

    #[test]
    fn an_unindented_interaction_is_explained() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n2026-03-14 coffee\n";
        assert_message(source, "syntax", "an interaction must be indented under the person it is with");
    }

    #[test]
    fn valid_files_have_no_syntax_lints() {
        assert_no_lint("# just a comment\n\nperson ada \"Ada\" # hi\n  met 2020-01-01\n", "syntax");
        assert_no_lint("\u{feff}person ada \"Ada\"\r\n\tmet 2020-01-01\r\n", "syntax");
        assert_no_lint("person ada \"Ada\"\n  met 2020-01-01", "syntax");
    }
}
