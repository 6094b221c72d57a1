//! `echo-chamber`: more than half of your key people work at one organisation.

use super::{Context, Rule, RuleInfo, FILE_START};
use crate::lint::{Lint, Severity};

pub(super) struct EchoChamber;

/// Below this many key people, one shared `org` says little.
const KEY_PEOPLE_AT_LEAST: usize = 4;

static INFO: RuleInfo = RuleInfo {
    code: "echo-chamber",
    severity: Severity::Info,
    summary: "at least 4 key people, and more than half of them share one `org`",
    docs: r#"## What
You have at least four key people and more than half of them have the same `org`
(compared ignoring case and surrounding spaces). Key people without an `org` count towards
the total but towards no organisation. One diagnostic, at the start of the file.

## Why
People who work together see the world alike. A network drawn from one organisation
echoes its views back at you, and it may vanish the day you leave.

## Example
```kith
person ada "Ada Lovelace"
  role mentor
  org "Acme Ltd"
person grace "Grace Hopper"
  role sponsor
  org "acme ltd"
person raj "Raj Patel"
  role confidant
  org "Acme Ltd"
person lin "Lin Wei"
  role expert
  org "Initech"
```
"3 of your 4 key people are at Acme Ltd: who outside it challenges your thinking?"

## Fix
Find key people outside the organisation — someone from another company, field or
generation who plays a `challenger`, `mentor` or `connector` role for you.
"#,
};

impl Rule for EchoChamber {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let key_people = cx.network.key_people().count();
        if key_people < KEY_PEOPLE_AT_LEAST {
            return;
        }
        // Each organisation as first written (trimmed), with how many key people are there.
        let mut orgs: Vec<(&str, usize)> = Vec::new();
        for person in cx.network.key_people() {
            let Some(org) = person.org() else { continue };
            let written = org.value.trim();
            if written.is_empty() {
                continue;
            }
            let folded = written.to_lowercase();
            match orgs.iter_mut().find(|(seen, _)| seen.to_lowercase() == folded) {
                Some((_, count)) => *count += 1,
                None => orgs.push((written, 1)),
            }
        }
        let Some((org, count)) = orgs.into_iter().find(|(_, count)| count * 2 > key_people) else {
            return;
        };
        let message =
            format!("{count} of your {key_people} key people are at {org}: who outside it challenges your thinking?");
        let help = format!("look for a key person outside {org}, such as a `challenger` from another field");
        lints.push(INFO.lint(FILE_START, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    use crate::rules::FILE_START;

    /// A key person with this id and, unless `None`, this `org`.
    fn key_person(id: &str, org: Option<&str>) -> String {
        let org = org.map(|org| format!("  org \"{org}\"\n")).unwrap_or_default();
        format!("person {id} \"{id}\"\n  role mentor\n{org}  met 2026-01-01\n")
    }

    fn network(orgs: &[Option<&str>]) -> String {
        orgs.iter().enumerate().map(|(n, org)| key_person(&format!("p{n}"), *org)).collect()
    }

    const ACME: Option<&str> = Some("Acme Ltd");

    #[test]
    fn more_than_half_at_one_org() {
        let source = network(&[ACME, Some(" acme LTD "), ACME, ACME, ACME, Some("Initech"), None, None]);
        let lint = assert_message(
            &source,
            "echo-chamber",
            "5 of your 8 key people are at Acme Ltd: who outside it challenges your thinking?",
        );
        assert_eq!(lint.span, FILE_START);
    }

    #[test]
    fn exactly_half_is_not_more_than_half() {
        assert_no_lint(&network(&[ACME, ACME, Some("Initech"), None]), "echo-chamber");
        assert_lint_count(&network(&[ACME, ACME, ACME, None]), "echo-chamber", 1);
    }

    #[test]
    fn fewer_than_four_key_people_is_too_few_to_tell() {
        assert_no_lint(&network(&[ACME, ACME, ACME]), "echo-chamber");
        assert_lint_count(&network(&[ACME, ACME, ACME, ACME]), "echo-chamber", 1);
    }

    #[test]
    fn the_wider_network_does_not_count() {
        let wider = "person w1 \"W1\"\n  org \"Acme Ltd\"\n  met 2026-01-01\nperson w2 \"W2\"\n  org \"Acme Ltd\"\n  met 2026-01-01\n";
        assert_no_lint(&format!("{wider}{}", network(&[ACME, ACME, None, None])), "echo-chamber");
    }

    #[test]
    fn the_org_is_named_as_first_written() {
        let source = network(&[Some("  ACME ltd "), ACME, ACME, None]);
        assert_message(
            &source,
            "echo-chamber",
            "3 of your 4 key people are at ACME ltd: who outside it challenges your thinking?",
        );
    }

    #[test]
    fn empty_orgs_are_no_organisation() {
        assert_no_lint(&network(&[Some(" "), Some(""), Some(" "), None]), "echo-chamber");
    }

    #[test]
    fn set_allow_silences_it() {
        let source = network(&[ACME, ACME, ACME, ACME]);
        assert_no_lint(&format!("set allow echo-chamber\n{source}"), "echo-chamber");
    }
}
