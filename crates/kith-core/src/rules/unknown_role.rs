//! `unknown-role`: a person plays a role that is neither built in nor declared.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Fix, Lint, Severity};
use crate::suggest::closest;

pub(super) struct UnknownRole;

static INFO: RuleInfo = RuleInfo {
    code: "unknown-role",
    severity: Severity::Error,
    summary: "a role that is neither built in nor declared (offers the closest)",
    docs: r#"## What
A person's `role` line names a role that does not exist: not one of the twelve built-in
roles (unless `set builtin-roles off`), and not declared with `role ID "description"`.

## Why
Roles are how kith sees which kinds of support your network gives you. A misspelt role
silently leaves its pillar looking empty.

## Example
```kith
person ada "Ada Lovelace"
  role mentr
```

## Fix
Correct the spelling (`mentor`) or declare the role:
```kith
role investor "backs my ventures"
  pillar promoters
```
"#,
};

impl Rule for UnknownRole {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            for role in person.roles() {
                if cx.catalog.role(&role.name).is_some() {
                    continue;
                }
                let mut lint = INFO
                    .lint(role.span(), format!("`{}` is not a role: neither built in nor declared", role.name))
                    .about(person.id_name());
                match closest(&role.name, cx.catalog.roles.iter().map(|known| known.id.as_str())) {
                    Some(known) => {
                        lint.message.push_str(&format!("; did you mean `{known}`?"));
                        lint = lint.with_fix(Fix::replace(role.span(), known));
                    }
                    None => {
                        lint = lint.with_help(format!("declare it: role {} \"what they do for you\"", role.name));
                    }
                }
                lints.push(lint);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_typo_offers_the_closest_role() {
        let source = "person ada \"Ada\"\n  role mentr, sponsor\n  met 2020-01-01\n";
        let lint = assert_message(
            source,
            "unknown-role",
            "`mentr` is not a role: neither built in nor declared; did you mean `mentor`?",
        );
        assert_eq!(spanned(source, &lint), "mentr");
        assert_fix_result(source, &lint, &source.replace("mentr", "mentor"), true);
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn declared_roles_exist() {
        let source = "role investor \"backs me\"\n  pillar promoters\nperson ada \"Ada\"\n  role investor\n";
        assert_no_lint(source, "unknown-role");
    }

    #[test]
    fn builtins_vanish_when_switched_off() {
        let source = "set builtin-roles off\nperson ada \"Ada\"\n  role mentor\n";
        assert_lint_count(source, "unknown-role", 1);
    }

    #[test]
    fn a_capitalised_role_is_an_invalid_value_not_an_unknown_role() {
        let source = "person ada \"Ada\"\n  role Mentor\n";
        assert_no_lint(source, "unknown-role");
        assert_lint_count(source, "invalid-value", 1);
    }

    #[test]
    fn allow_on_the_person_silences_it() {
        assert_no_lint("person ada \"Ada\"\n  role zzz\n  allow unknown-role\n", "unknown-role");
    }
}
