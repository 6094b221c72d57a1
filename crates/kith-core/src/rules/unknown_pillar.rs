//! `unknown-pillar`: a role declaration puts its role in a pillar that does not exist.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Fix, Lint, Severity};
use crate::suggest::closest;

pub(super) struct UnknownPillar;

static INFO: RuleInfo = RuleInfo {
    code: "unknown-pillar",
    severity: Severity::Error,
    summary: "a role declared in a pillar that does not exist (offers the closest)",
    docs: r#"## What
A `role` declaration whose `pillar` line names a pillar that is neither one of the four
built-in pillars (`promoters`, `pit-crew`, `pathfinders`, `accelerators`, unless
`set builtin-roles off`) nor declared with `pillar ID "description"`.

## Why
Pillars are how kith checks that your network covers every kind of support. A role in a
pillar that does not exist counts towards none, so `empty-pillar` cannot see it.

## Example
```kith
role investor "backs my ventures"
  pillar promotors
```

## Fix
Correct the spelling (`promoters`) or declare the pillar:
```kith
pillar family "the people at home"
```
"#,
};

impl Rule for UnknownPillar {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for role in &cx.network.roles {
            let Some(pillar) = &role.pillar else { continue };
            if cx.catalog.pillar(&pillar.name).is_some() {
                continue;
            }
            let message = format!("`{}` is not a pillar: neither built in nor declared", pillar.name);
            let known = cx.catalog.pillars.iter().map(|known| known.id.as_str());
            let lint = match closest(&pillar.name, known) {
                Some(known) => INFO
                    .lint(pillar.span(), format!("{message}; did you mean `{known}`?"))
                    .with_fix(Fix::replace(pillar.span(), known)),
                None => INFO
                    .lint(pillar.span(), message)
                    .with_help(format!("declare it: pillar {} \"what they do for you\"", pillar.name)),
            };
            lints.push(lint);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_misspelt_pillar_offers_the_closest() {
        let source = "role investor \"backs my ventures\"\n  pillar promotors\n";
        let lint = assert_message(
            source,
            "unknown-pillar",
            "`promotors` is not a pillar: neither built in nor declared; did you mean `promoters`?",
        );
        assert_eq!(spanned(source, &lint), "promotors");
        assert_fix_result(source, &lint, &source.replace("promotors", "promoters"), true);
    }

    #[test]
    fn a_pillar_like_nothing_suggests_declaring_it() {
        let source = "role sibling \"family\"\n  pillar family\n";
        let lint = assert_message(source, "unknown-pillar", "`family` is not a pillar: neither built in nor declared");
        assert_eq!(lint.help.as_deref(), Some("declare it: pillar family \"what they do for you\""));
    }

    #[test]
    fn built_in_and_declared_pillars_exist_wherever_they_are_declared() {
        assert_no_lint("role investor \"x\"\n  pillar promoters\n", "unknown-pillar");
        assert_no_lint("role sibling \"x\"\n  pillar family\npillar family \"home\"\n", "unknown-pillar");
        assert_no_lint("role investor \"x\"\n", "unknown-pillar");
    }

    #[test]
    fn built_in_pillars_vanish_when_switched_off() {
        let source = "set builtin-roles off\nrole investor \"x\"\n  pillar promoters\n";
        assert_lint_count(source, "unknown-pillar", 1);
    }

    #[test]
    fn customising_a_built_in_role_checks_its_new_pillar() {
        assert_lint_count("role mentor \"x\"\n  pillar pathfindrs\n", "unknown-pillar", 1);
    }

    #[test]
    fn a_capitalised_pillar_is_an_invalid_value_not_an_unknown_pillar() {
        let source = "role investor \"x\"\n  pillar Promoters\n";
        assert_no_lint(source, "unknown-pillar");
        assert_lint_count(source, "invalid-value", 1);
    }

    #[test]
    fn set_allow_silences_it() {
        assert_no_lint("set allow unknown-pillar\nrole investor \"x\"\n  pillar promotors\n", "unknown-pillar");
    }
}
