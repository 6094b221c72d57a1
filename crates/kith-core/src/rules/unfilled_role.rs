//! `unfilled-role`: roles that no key person plays, listed in one diagnostic for the file.

use super::{Context, Rule, RuleInfo, FILE_START};
use crate::lint::{Lint, Severity};

pub(super) struct UnfilledRole;

static INFO: RuleInfo = RuleInfo {
    code: "unfilled-role",
    severity: Severity::Hint,
    summary: "roles nobody plays — one diagnostic for the file, listing them",
    docs: r#"## What
Roles that exist in the file — the twelve built-in ones (unless `set builtin-roles off`)
and those you declared — that no person plays. One diagnostic for the whole file, at its
start, listing them in catalog order: built-in roles first, then yours in the order you
declared them.

## Why
Each role is a kind of support. Not every one needs a person at every stage of your life,
but seeing the gaps in one list helps you decide which ones you want filled.

## Example
```kith
person ada "Ada Lovelace"
  role mentor, truth-teller, sponsor, connector, confidant, expert
person grace "Grace Hopper"
  role champion, challenger, collaborator, visionary
```
"nobody plays these roles: nurturer, butt-kicker".

## Fix
Give the role to someone who plays it for you (`role nurturer`), or look for such a
person. If the gaps are deliberate, `set allow unfilled-role`.
"#,
};

impl Rule for UnfilledRole {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let played: Vec<&str> =
            cx.network.key_people().flat_map(|person| person.roles()).map(|role| role.name.as_str()).collect();
        let unfilled: Vec<&str> =
            cx.catalog.roles.iter().map(|role| role.id.as_str()).filter(|role| !played.contains(role)).collect();
        let Some(first) = unfilled.first() else {
            return;
        };
        let message = match unfilled.as_slice() {
            [only] => format!("nobody plays this role: {only}"),
            all => format!("nobody plays these roles: {}", all.join(", ")),
        };
        let help = format!("who could be your {first}? Give them the role: `role {first}`");
        lints.push(INFO.lint(FILE_START, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    use crate::rules::FILE_START;

    const TEN_ROLES: &str = "person ada \"Ada\"\n  role mentor, truth-teller, sponsor, connector, confidant, expert\n  met 2026-01-01\nperson grace \"Grace\"\n  role champion, challenger, collaborator, visionary\n  met 2026-01-01\n";

    #[test]
    fn lists_the_unplayed_roles_in_catalog_order() {
        let lint = assert_message(TEN_ROLES, "unfilled-role", "nobody plays these roles: nurturer, butt-kicker");
        assert_eq!(lint.span, FILE_START);
        assert_eq!(lint.person, None);
    }

    #[test]
    fn one_lint_for_the_whole_file() {
        let lint = assert_message(
            "person ada \"Ada\"\n  met 2026-01-01\n",
            "unfilled-role",
            "nobody plays these roles: champion, connector, sponsor, nurturer, confidant, truth-teller, mentor, expert, challenger, butt-kicker, collaborator, visionary",
        );
        assert_eq!(lint.help.as_deref(), Some("who could be your champion? Give them the role: `role champion`"));
    }

    #[test]
    fn a_single_unplayed_role_reads_in_the_singular() {
        let source = format!("{TEN_ROLES}person bea \"Bea\"\n  role nurturer\n  met 2026-01-01\n");
        assert_message(&source, "unfilled-role", "nobody plays this role: butt-kicker");
    }

    #[test]
    fn no_lint_when_every_role_is_played() {
        let source = format!("{TEN_ROLES}person bea \"Bea\"\n  role nurturer, butt-kicker\n  met 2026-01-01\n");
        assert_no_lint(&source, "unfilled-role");
    }

    #[test]
    fn declared_roles_come_after_the_builtins() {
        let source = format!("role investor \"backs my ventures\"\n  pillar promoters\n{TEN_ROLES}");
        assert_message(&source, "unfilled-role", "nobody plays these roles: nurturer, butt-kicker, investor");
    }

    #[test]
    fn only_declared_roles_when_builtins_are_off() {
        let source = "set builtin-roles off\nrole investor \"backs me\"\nrole coach \"trains me\"\nperson ada \"Ada\"\n  role coach\n  met 2026-01-01\n";
        assert_message(source, "unfilled-role", "nobody plays this role: investor");
        assert_no_lint("set builtin-roles off\nperson ada \"Ada\"\n  met 2026-01-01\n", "unfilled-role");
    }

    #[test]
    fn set_allow_silences_it() {
        assert_no_lint("set allow unfilled-role\nperson ada \"Ada\"\n  met 2026-01-01\n", "unfilled-role");
    }
}
