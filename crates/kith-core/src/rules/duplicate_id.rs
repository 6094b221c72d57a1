//! `duplicate-id`: two persons, two role declarations or two pillar declarations share an id.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::Id;
use crate::text::Span;
use std::collections::HashMap;

pub(super) struct DuplicateId;

static INFO: RuleInfo = RuleInfo {
    code: "duplicate-id",
    severity: Severity::Error,
    summary: "two persons (or roles, pillars) with the same id; points at the first",
    docs: r#"## What
Two `person` blocks with the same id, or two `role` declarations, or two `pillar`
declarations. Ids are compared in the form kith reads them, so `Ada` and `ada` are the
same id. The later one is reported, with a pointer to the first.

Declaring a role or pillar with the id of a built-in one (`role mentor "…"`) is not a
duplicate: it customises the built-in. Declaring it twice is.

## Why
A `@ada` reference can only point at one person, and a role can only have one pillar and
one cadence. kith uses the first and still checks the later person on their own, but
references, renames and roles follow the first.

## Example
```kith
person ada "Ada Lovelace"
  role mentor

person ada "Ada Byron"
  met 2024-05-01
```

## Fix
Give one of them a different id (`ada-byron`) and update the references to it, or merge
the two blocks if they are the same person.
"#,
};

impl Rule for DuplicateId {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let network = cx.network;
        for (first, later) in duplicates(network.people.iter().map(|person| person.id.as_ref())) {
            let (first, later) = (&network.people[first], &network.people[later]);
            let Some(id) = &later.id else { continue };
            let message = format!(
                "the id `{}` of {} is already the id of {}",
                id.name,
                later.display_name(),
                first.display_name()
            );
            lints.push(duplicate(id, first.anchor(), message).about(later.id_name()));
        }
        let role_ids: Vec<Option<&Id>> = network.roles.iter().map(|role| role.id.as_ref()).collect();
        let pillar_ids: Vec<Option<&Id>> = network.pillars.iter().map(|pillar| pillar.id.as_ref()).collect();
        for (what, ids) in [("role", role_ids), ("pillar", pillar_ids)] {
            for (first, later) in duplicates(ids.iter().copied()) {
                let (Some(first), Some(id)) = (ids[first], ids[later]) else { continue };
                let message = format!("{what} `{}` is already declared: the first declaration counts", id.name);
                lints.push(duplicate(id, first.span(), message));
            }
        }
    }
}

/// For each id an earlier one already had: the index of the first and of the later one.
fn duplicates<'a>(ids: impl Iterator<Item = Option<&'a Id>>) -> Vec<(usize, usize)> {
    let mut first_by_name: HashMap<&str, usize> = HashMap::new();
    let mut repeated = Vec::new();
    for (index, id) in ids.enumerate() {
        let Some(id) = id else { continue };
        match first_by_name.get(id.name.as_str()) {
            Some(&first) => repeated.push((first, index)),
            None => {
                first_by_name.insert(id.name.as_str(), index);
            }
        }
    }
    repeated
}

fn duplicate(id: &Id, first: Span, message: String) -> Lint {
    INFO.lint(id.span(), message)
        .with_related(first, "first defined here")
        .with_help("give one of them a different id, or merge them")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_second_person_with_the_same_id_points_at_the_first() {
        let source = "person ada \"Ada Lovelace\"\n  met 2020-01-01\nperson ada \"Ada Byron\"\n  met 2024-05-01\n";
        let lint =
            assert_message(source, "duplicate-id", "the id `ada` of Ada Byron is already the id of Ada Lovelace");
        assert_eq!(lint.span.start, source.rfind("ada").unwrap());
        assert_eq!(spanned(source, &lint), "ada");
        assert_eq!(lint.related[0].span.start, "person ".len());
        assert_eq!(lint.related[0].message, "first defined here");
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn ids_are_compared_as_read() {
        let source = "person ada \"Ada Lovelace\"\nperson Ada \"Ada Byron\"\n";
        let lint =
            assert_message(source, "duplicate-id", "the id `ada` of Ada Byron is already the id of Ada Lovelace");
        assert_eq!(spanned(source, &lint), "Ada");
    }

    #[test]
    fn a_third_person_also_points_at_the_first() {
        let source = "person ada \"A\"\nperson ada \"B\"\nperson ada \"C\"\n";
        let found = lints_of(source, "duplicate-id");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|lint| lint.related[0].span.start == "person ".len()));
        assert_eq!(found[1].message, "the id `ada` of C is already the id of A");
    }

    #[test]
    fn different_ids_and_different_kinds_of_thing_are_fine() {
        let source =
            "person ada \"Ada\"\nperson grace \"Grace\"\nrole ada \"x\"\n  pillar promoters\npillar ada \"y\"\n";
        assert_no_lint(source, "duplicate-id");
    }

    #[test]
    fn a_role_or_pillar_declared_twice() {
        let source = "role investor \"a\"\n  pillar promoters\nrole investor \"b\"\n  pillar promoters\n";
        let lint =
            assert_message(source, "duplicate-id", "role `investor` is already declared: the first declaration counts");
        assert_eq!(lint.span.start, source.rfind("investor").unwrap());
        assert_eq!(lint.related[0].span.start, source.find("investor").unwrap());
        let source = "pillar family \"a\"\npillar family \"b\"\n";
        let lint =
            assert_message(source, "duplicate-id", "pillar `family` is already declared: the first declaration counts");
        assert_eq!(spanned(source, &lint), "family");
    }

    #[test]
    fn customising_a_builtin_is_not_a_duplicate_but_doing_it_twice_is() {
        let once = "role mentor \"my own mentor\"\n  every 1m\npillar promoters \"doors\"\n";
        assert_no_lint(once, "duplicate-id");
        let twice = "role mentor \"a\"\nrole mentor \"b\"\n";
        assert_lint_count(twice, "duplicate-id", 1);
    }

    #[test]
    fn allow_silences_it() {
        let source = "person ada \"Ada Lovelace\"\nperson ada \"Ada Byron\"\n  allow duplicate-id\n";
        assert_no_lint(source, "duplicate-id");
        assert_no_lint("set allow duplicate-id\npillar family \"a\"\npillar family \"b\"\n", "duplicate-id");
    }
}
