//! `duplicate-contact`: two persons share an email address, or a display name without
//! emails or URLs that tell them apart.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::Person;
use crate::text::Span;
use crate::values::url_identity;
use std::collections::{HashMap, HashSet};

pub(super) struct DuplicateContact;

static INFO: RuleInfo = RuleInfo {
    code: "duplicate-contact",
    severity: Severity::Warning,
    summary: "two persons share an email (case-insensitive), or a display name and nothing tells them apart",
    docs: r#"## What
Two `person` blocks with the same email address (compared ignoring case), or with the same
display name (compared ignoring case and surrounding spaces). The later one is reported —
on the repeated email, or on the id of the later person for a name — with a pointer to the
first. Namesakes are not reported: two people of the same name who both have email
addresses and share none, or both have URLs and share none (`https://www.linkedin.com/in/ana/`
and `linkedin.com/in/ana` are one URL), are two people.

## Why
The same person entered twice splits their history in two: neither block shows how long it
really has been, and the roles they play are counted twice.

## Example
```kith
person ada "Ada Lovelace"
  email ada@example.org

person lovelace "Ada Lovelace"
  email Ada@Example.org
```
Both the email and the display name of `lovelace` repeat those of `ada`.

## Fix
If they are one person, merge the two blocks into one. If they are two people, correct the
address, or tell them apart in the display name (`"Ada Lovelace (Analytical Engines)"`).
"#,
};

impl Rule for DuplicateContact {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let people = &cx.network.people;
        shared_emails(people, lints);
        shared_names(people, lints);
    }
}

/// One lint on each later email value that repeats an earlier person's address.
fn shared_emails(people: &[Person], lints: &mut Vec<Lint>) {
    let mut first_seen: HashMap<String, (usize, Span)> = HashMap::new();
    let mut reported: HashSet<(usize, String)> = HashSet::new();
    for (index, person) in people.iter().enumerate() {
        for (address, span) in person.emails() {
            let folded = address.to_lowercase();
            let (first_index, first_span) = *first_seen.entry(folded.clone()).or_insert((index, span));
            if first_index == index || !reported.insert((index, folded)) {
                continue;
            }
            let first = &people[first_index];
            let message = format!("both {} and {} have the email {address}", introduce(first), introduce(person));
            lints.push(
                INFO.lint(span, message)
                    .about(person.id_name())
                    .with_help("if they are one person, merge the two blocks; if not, correct the address")
                    .with_related(first_span, format!("{} has it here", handle(first))),
            );
        }
    }
}

/// One lint on the id of each later person whose display name repeats an earlier one's,
/// unless their emails or URLs tell the two apart (namesakes).
fn shared_names(people: &[Person], lints: &mut Vec<Lint>) {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, person) in people.iter().enumerate() {
        let Some(name) = &person.name else { continue };
        let trimmed = name.value.trim();
        if trimmed.is_empty() {
            continue;
        }
        let earlier = seen.entry(trimmed.to_lowercase()).or_default();
        let first_index = earlier.iter().copied().find(|&first| !told_apart(&people[first], person));
        earlier.push(index);
        let Some(first_index) = first_index else { continue };
        let first = &people[first_index];
        if first.id.is_some() && first.id_name() == person.id_name() {
            // The same id twice is one `duplicate-id`; the name adds nothing.
            continue;
        }
        let first_name = first.name.as_ref().map_or(first.header, |name| name.span);
        let message = format!("both {} and {} are called {trimmed}", handle(first), handle(person));
        lints.push(
            INFO.lint(person.anchor(), message)
                .about(person.id_name())
                .with_help("if they are one person, merge the two blocks; if not, tell them apart in the display name")
                .with_related(first_name, format!("{} is called that here", handle(first))),
        );
    }
}

/// Whether two people of the same name are known to be two: both have email addresses and
/// share none, or both have URLs and share none (compared as [`url_identity`]).
fn told_apart(one: &Person, other: &Person) -> bool {
    fn disjoint(one: &HashSet<String>, other: &HashSet<String>) -> bool {
        !one.is_empty() && !other.is_empty() && one.is_disjoint(other)
    }
    let emails = |person: &Person| person.emails().map(|(address, _)| address.to_lowercase()).collect();
    let urls = |person: &Person| person.urls().map(|(url, _)| url_identity(url)).collect();
    disjoint(&emails(one), &emails(other)) || disjoint(&urls(one), &urls(other))
}

/// A person as `@id`, or by display name when the header has no id.
fn handle(person: &Person) -> String {
    match &person.id {
        Some(id) => format!("@{}", id.name),
        None => person.display_name().to_string(),
    }
}

/// A person as `@id (Display Name)`.
fn introduce(person: &Person) -> String {
    match &person.name {
        Some(name) if person.id.is_some() => format!("{} ({})", handle(person), name.value),
        _ => handle(person),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const ADA: &str = "person ada \"Ada Lovelace\"\n  email ada@example.org\n  met 2019-04-02\n";

    #[test]
    fn a_shared_email_is_reported_on_the_later_value() {
        let source = format!("{ADA}person grace \"Grace Hopper\"\n  email Ada@Example.ORG\n  met 2020-01-01\n");
        let lint = assert_message(
            &source,
            "duplicate-contact",
            "both @ada (Ada Lovelace) and @grace (Grace Hopper) have the email Ada@Example.ORG",
        );
        assert_eq!(spanned(&source, &lint), "Ada@Example.ORG");
        assert_eq!(lint.person.as_deref(), Some("grace"));
        assert_eq!(&source[lint.related[0].span.range()], "ada@example.org");
        assert_eq!(lint.related[0].message, "@ada has it here");
    }

    #[test]
    fn a_shared_display_name_is_reported_on_the_later_id() {
        let source = format!("{ADA}person lovelace \"  ada lovelace \"\n  met 2020-01-01\n");
        let lint = assert_message(&source, "duplicate-contact", "both @ada and @lovelace are called ada lovelace");
        assert_eq!(spanned(&source, &lint), "lovelace");
        assert_eq!(lint.person.as_deref(), Some("lovelace"));
        assert_eq!(&source[lint.related[0].span.range()], "\"Ada Lovelace\"");
    }

    #[test]
    fn different_addresses_and_names_are_fine() {
        let source = format!("{ADA}person grace \"Grace Hopper\"\n  email grace@example.org\n  met 2020-01-01\n");
        assert_no_lint(&source, "duplicate-contact");
        // Names must match as a whole, not as a prefix.
        assert_no_lint(&format!("{ADA}person ada2 \"Ada Lovelace Jr\"\n  met 2020-01-01\n"), "duplicate-contact");
    }

    #[test]
    fn namesakes_told_apart_by_their_emails_or_urls_are_two_people() {
        let ana = "person ana \"Ana López\"\n  url https://www.linkedin.com/in/ana-lopez/\n  met 2020-01-01\n";
        let other = "person ana-2 \"Ana López\"\n  url https://www.linkedin.com/in/ana-lopez-b0b\n  met 2020-01-01\n";
        assert_no_lint(&format!("{ana}{other}"), "duplicate-contact");
        let emails = "person a \"Ana\"\n  email ana@hooli.com\n  met 2020-01-01\nperson b \"Ana\"\n  email ana@initech.com\n  met 2020-01-01\n";
        assert_no_lint(emails, "duplicate-contact");
        // The same profile, spelt differently, is one person…
        let same = "person ana-3 \"Ana López\"\n  url http://linkedin.com/in/Ana-Lopez\n  met 2020-01-01\n";
        let lint =
            assert_message(&format!("{ana}{same}"), "duplicate-contact", "both @ana and @ana-3 are called Ana López");
        assert_eq!(lint.person.as_deref(), Some("ana-3"));
        // …and so is one without anything to tell them apart, pointing at the first it may be.
        let bare = "person ana-4 \"Ana López\"\n  met 2020-01-01\n";
        let lints = lints_of(&format!("{ana}{other}{bare}"), "duplicate-contact");
        assert_eq!(lints.len(), 1, "{lints:#?}");
        assert_eq!(lints[0].message, "both @ana and @ana-4 are called Ana López");
    }

    #[test]
    fn one_person_repeating_an_address_is_not_two_persons() {
        assert_no_lint(&format!("{ADA}  email ADA@example.org\n"), "duplicate-contact");
    }

    #[test]
    fn every_later_person_points_at_the_first() {
        let source = format!(
            "{ADA}person b \"B\"\n  email ada@example.org\n  email ADA@example.org\n  met 2020-01-01\nperson c \"C\"\n  email ada@example.org\n  met 2020-01-01\n"
        );
        let found = lints_of(&source, "duplicate-contact");
        assert_eq!(found.len(), 2, "one per later person, not per repeated line: {found:#?}");
        let first_email = source.find("ada@example.org").expect("the fixture has the address");
        assert!(found.iter().all(|lint| lint.related[0].span.start == first_email));
        assert_eq!(found[0].message, "both @ada (Ada Lovelace) and @b (B) have the email ada@example.org");
        assert_eq!(found[1].message, "both @ada (Ada Lovelace) and @c (C) have the email ada@example.org");
    }

    #[test]
    fn email_and_name_are_reported_separately() {
        let source = format!("{ADA}person lovelace \"Ada Lovelace\"\n  email ada@example.org\n  met 2020-01-01\n");
        assert_lint_count(&source, "duplicate-contact", 2);
    }

    #[test]
    fn invalid_addresses_and_empty_names_are_not_compared() {
        let source = "person a \"\"\n  email not-an-address\n  met 2020-01-01\nperson b \"\"\n  email not-an-address\n  met 2020-01-01\n";
        assert_no_lint(source, "duplicate-contact");
    }

    #[test]
    fn allow_on_the_later_person_or_the_file_silences_it() {
        let source = format!("{ADA}person lovelace \"Ada Lovelace\"\n  email ada@example.org\n  met 2020-01-01\n");
        assert_no_lint(&format!("{source}  allow duplicate-contact\n"), "duplicate-contact");
        assert_no_lint(&format!("set allow duplicate-contact\n{source}"), "duplicate-contact");
    }

    #[test]
    fn the_same_id_and_name_twice_is_only_a_duplicate_id() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\nperson ada \"Ada\"\n  met 2020-01-01\n";
        assert_no_lint(source, "duplicate-contact");
        assert_lint_count(source, "duplicate-id", 1);
    }
}
