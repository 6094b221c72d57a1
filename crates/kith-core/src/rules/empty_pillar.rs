//! `empty-pillar`: a pillar in which no key person plays a role.

use super::{Context, Rule, RuleInfo, FILE_START};
use crate::catalog::PillarInfo;
use crate::lint::{Lint, Severity};

pub(super) struct EmptyPillar;

static INFO: RuleInfo = RuleInfo {
    code: "empty-pillar",
    severity: Severity::Info,
    summary: "no key person in a pillar",
    docs: r#"## What
A pillar — one of the four built-in kinds of support (`promoters`, `pit-crew`,
`pathfinders`, `accelerators`, unless `set builtin-roles off`) or one you declared — in
which no key person plays any of its roles. One diagnostic per empty pillar, at the start
of the file.

## Why
A network that works gives you every kind of support: people who open doors, people who
look after you, people who bring new thinking and people who push you to deliver. An empty
pillar is a blind spot you rarely notice from the inside.

## Example
```kith
person ada "Ada Lovelace"
  role champion, nurturer, butt-kicker
```
"no key person in pathfinders (bring new thinking): nobody is your mentor, expert or
challenger".

## Fix
Think of someone who already plays one of the pillar's roles for you and give them the
role (`role mentor`), or look for such a person. If a pillar does not fit your life, say so
with `set allow empty-pillar`.
"#,
};

impl Rule for EmptyPillar {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let filled_pillars: Vec<&str> = cx
            .network
            .key_people()
            .flat_map(|person| person.roles())
            .filter_map(|role| cx.catalog.role(&role.name))
            .filter_map(|role| role.pillar.as_deref())
            .collect();
        for pillar in &cx.catalog.pillars {
            if filled_pillars.contains(&pillar.id.as_str()) {
                continue;
            }
            let roles: Vec<&str> = cx.catalog.roles_in(&pillar.id).map(|role| role.id.as_str()).collect();
            let (message, help) = match roles.first() {
                Some(first) => (
                    format!("{}: nobody is your {}", no_key_person_in(pillar), either(&roles)),
                    format!(
                        "who plays one of these roles for you? Give them the role, like `role {first}` (`kith choose` suggests people from your log)"
                    ),
                ),
                None => (
                    format!("{}: no role belongs to it yet", no_key_person_in(pillar)),
                    format!("declare a role in it: `role ID \"what they do for you\"` with `pillar {}`", pillar.id),
                ),
            };
            lints.push(INFO.lint(FILE_START, message).with_help(help));
        }
    }
}

/// `no key person in pathfinders (bring new thinking)`, without the parentheses when the
/// pillar has no description.
fn no_key_person_in(pillar: &PillarInfo) -> String {
    match pillar.description.trim() {
        "" => format!("no key person in {}", pillar.id),
        description => format!("no key person in {} ({description})", pillar.id),
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::either;
    use crate::rules::testing::*;
    use crate::rules::FILE_START;

    #[test]
    fn names_the_pillar_and_its_roles_at_the_start_of_the_file() {
        let source = "person ada \"Ada\"\n  role champion, nurturer, butt-kicker\n  met 2026-01-01\n";
        let lint = assert_message(
            source,
            "empty-pillar",
            "no key person in pathfinders (bring new thinking): nobody is your mentor, expert or challenger",
        );
        assert_eq!(lint.span, FILE_START);
        assert_eq!(lint.person, None);
    }

    #[test]
    fn one_role_fills_a_pillar() {
        let source = "person ada \"Ada\"\n  role champion, nurturer, butt-kicker\n  met 2026-01-01\nperson grace \"Grace\"\n  role challenger\n  met 2026-01-01\n";
        assert_no_lint(source, "empty-pillar");
    }

    #[test]
    fn one_lint_per_empty_pillar() {
        assert_lint_count("person ada \"Ada\"\n  role mentor\n  met 2026-01-01\n", "empty-pillar", 3);
        assert_lint_count("person ada \"Ada\"\n  met 2026-01-01\n", "empty-pillar", 4);
    }

    #[test]
    fn unknown_roles_fill_nothing() {
        let source = "person ada \"Ada\"\n  role champion, nurturer, butt-kicker, mentr\n  met 2026-01-01\n";
        assert_lint_count(source, "empty-pillar", 1);
    }

    #[test]
    fn declared_pillars_and_roles_count() {
        let declared = "pillar family \"the people at home\"\nrole sibling \"grew up with me\"\n  pillar family\n";
        let builtins = "person ada \"Ada\"\n  role champion, nurturer, mentor, butt-kicker\n  met 2026-01-01\n";
        assert_message(
            &format!("{declared}{builtins}"),
            "empty-pillar",
            "no key person in family (the people at home): nobody is your sibling",
        );
        assert_no_lint(
            &format!("{declared}{builtins}person bea \"Bea\"\n  role sibling\n  met 2026-01-01\n"),
            "empty-pillar",
        );
    }

    #[test]
    fn a_pillar_without_roles_says_so() {
        let source = "set builtin-roles off\npillar family \"the people at home\"\n";
        assert_message(
            source,
            "empty-pillar",
            "no key person in family (the people at home): no role belongs to it yet",
        );
    }

    #[test]
    fn a_customised_builtin_role_counts_in_its_new_pillar() {
        let source = "role mentor \"guides me\"\n  pillar promoters\nperson ada \"Ada\"\n  role mentor, nurturer, butt-kicker\n  met 2026-01-01\n";
        assert_message(
            source,
            "empty-pillar",
            "no key person in pathfinders (bring new thinking): nobody is your expert or challenger",
        );
    }

    #[test]
    fn no_builtin_pillars_when_switched_off() {
        assert_no_lint("set builtin-roles off\nperson ada \"Ada\"\n  met 2026-01-01\n", "empty-pillar");
    }

    #[test]
    fn set_allow_silences_it_and_a_person_cannot() {
        assert_no_lint("set allow empty-pillar\nperson ada \"Ada\"\n  met 2026-01-01\n", "empty-pillar");
        assert_lint_count("person ada \"Ada\"\n  allow empty-pillar\n  met 2026-01-01\n", "empty-pillar", 4);
    }

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(either(&["mentor"]), "mentor");
        assert_eq!(either(&["mentor", "expert"]), "mentor or expert");
        assert_eq!(either(&["mentor", "expert", "challenger"]), "mentor, expert or challenger");
    }
}
