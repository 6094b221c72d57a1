//! `unknown-rule`: an `allow` names a rule code that does not exist, so it silences nothing.

use super::{codes, rule, Context, Rule, RuleInfo};
use crate::lint::{Fix, Lint, Severity};
use crate::model::Id;
use crate::suggest::closest;

pub(super) struct UnknownRule;

static INFO: RuleInfo = RuleInfo {
    code: "unknown-rule",
    severity: Severity::Warning,
    summary: "`allow` names a rule that does not exist",
    docs: r#"## What
A person's `allow` line, or the file's `set allow`, names a rule code that kith does not
have.

## Why
An `allow` with a misspelt code silences nothing, so the diagnostic you meant to silence
keeps coming back — or, worse, you believe a rule is silenced when it is not.

## Example
```kith
set allow unfilled-roles

person charles "Charles Babbage"
  allow no-contex
```

## Fix
Use the exact code shown in the diagnostic (the message offers the closest one):
`set allow unfilled-role`, `allow no-context`.
"#,
};

impl Rule for UnknownRule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for code in &cx.network.settings.allow {
            if let Some(lint) = unknown(code) {
                lints.push(lint);
            }
        }
        for person in &cx.network.people {
            for code in person.allows() {
                if let Some(lint) = unknown(code) {
                    lints.push(lint.about(person.id_name()));
                }
            }
        }
    }
}

/// The lint for `code` when no rule has it.
fn unknown(code: &Id) -> Option<Lint> {
    if rule(&code.name).is_some() {
        return None;
    }
    let message = format!("`{}` is not a rule code, so this `allow` silences nothing", code.name);
    let lint = match closest(&code.name, codes()) {
        Some(known) => INFO
            .lint(code.span(), format!("{message}; did you mean `{known}`?"))
            .with_fix(Fix::replace(code.span(), known)),
        None => INFO.lint(code.span(), message).with_help("use a code exactly as a diagnostic shows it, like `stale`"),
    };
    Some(lint.unnecessary())
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_misspelt_code_on_a_person_offers_the_closest() {
        let source = "person ada \"Ada\"\n  allow stal\n";
        let lint = assert_message(
            source,
            "unknown-rule",
            "`stal` is not a rule code, so this `allow` silences nothing; did you mean `stale`?",
        );
        assert_eq!(spanned(source, &lint), "stal");
        assert_fix_result(source, &lint, "person ada \"Ada\"\n  allow stale\n", true);
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn a_misspelt_code_in_set_allow_is_reported_too() {
        let source = "set allow stale, unknown-rol\n";
        let lint = assert_message(
            source,
            "unknown-rule",
            "`unknown-rol` is not a rule code, so this `allow` silences nothing; did you mean `unknown-role`?",
        );
        assert_eq!(spanned(source, &lint), "unknown-rol");
        assert_eq!(lint.person, None);
    }

    #[test]
    fn a_code_like_nothing_says_how_to_find_one() {
        let lint = assert_message(
            "set allow everything\n",
            "unknown-rule",
            "`everything` is not a rule code, so this `allow` silences nothing",
        );
        assert!(lint.fixes.is_empty());
        assert_eq!(lint.help.as_deref(), Some("use a code exactly as a diagnostic shows it, like `stale`"));
    }

    #[test]
    fn registered_codes_pass() {
        let codes: Vec<&str> = crate::rules::codes().collect();
        let source = format!("set allow {}\nperson ada \"Ada\"\n  allow {}\n", codes.join(", "), codes.join(", "));
        assert_no_lint(&source, "unknown-rule");
    }

    #[test]
    fn a_capitalised_code_is_an_invalid_value_not_an_unknown_rule() {
        let source = "person ada \"Ada\"\n  allow Stale\n";
        assert_no_lint(source, "unknown-rule");
        assert_lint_count(source, "invalid-value", 1);
    }

    #[test]
    fn allow_can_silence_it_too() {
        assert_no_lint("person ada \"Ada\"\n  allow unknown-rule, zzz\n", "unknown-rule");
        assert_no_lint("set allow unknown-rule, zzz\nperson ada \"Ada\"\n  allow yyy\n", "unknown-rule");
    }
}
