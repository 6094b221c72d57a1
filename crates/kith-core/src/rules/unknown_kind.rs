//! `unknown-kind`: an interaction kind that kith does not know, which counts as light.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Fix, Lint, Severity};
use crate::suggest::closest;
use crate::vocabulary::{self, KINDS};

pub(super) struct UnknownKind;

static INFO: RuleInfo = RuleInfo {
    code: "unknown-kind",
    severity: Severity::Warning,
    summary: "an interaction kind that is not known (offers the closest)",
    docs: r#"## What
An interaction whose kind is not one of kith's kinds. Meaningful kinds: `meet`, `coffee`,
`meal`, `call`, `video`, `visit`, `helped`, `asked`. Light kinds: `message`, `email`,
`text`, `like`, `comment`, `card`, `gift`. Kinds are lower-case, so `Coffee` is unknown too.

## Why
An unknown kind counts as light, so it does not reset the `stale` clock: a misspelt
`cofee` leaves the person looking neglected.

## Example
```kith
person ada "Ada Lovelace"
  2026-03-14 cofee "Talked through the board offer"
  2026-04-01 lunch
```

## Fix
Correct the spelling (`coffee`), or use the closest kind (`meal`). To make any interaction
meaningful whatever its kind, mark it with `!`: `2026-04-01 email! "Long, honest letter"`.
"#,
};

impl Rule for UnknownKind {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            for kind in person.interactions.iter().filter_map(|interaction| interaction.kind.as_ref()) {
                let name = &kind.name;
                if vocabulary::kind(&name.text).is_some() {
                    continue;
                }
                let counts = if kind.marked { "its `!` still makes it meaningful" } else { "it counts as light" };
                let message = format!("`{}` is not an interaction kind, so {counts}", name.text);
                let lint = match closest(&name.text, KINDS.iter().map(|known| known.id)) {
                    Some(known) => INFO
                        .lint(name.span, format!("{message}; did you mean `{known}`?"))
                        .with_fix(Fix::replace(name.span, known)),
                    None => {
                        let kinds: Vec<&str> = KINDS.iter().map(|known| known.id).collect();
                        INFO.lint(name.span, message).with_help(format!("the kinds are {}", kinds.join(", ")))
                    }
                };
                lints.push(lint.about(person.id_name()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const ADA: &str = "person ada \"Ada Lovelace\"\n  met 2019-04-02\n";

    #[test]
    fn a_misspelt_kind_counts_as_light_and_offers_the_closest() {
        let source = format!("{ADA}  2026-03-14 cofee \"Board offer\"\n");
        let lint = assert_message(
            &source,
            "unknown-kind",
            "`cofee` is not an interaction kind, so it counts as light; did you mean `coffee`?",
        );
        assert_eq!(spanned(&source, &lint), "cofee");
        assert_fix_result(&source, &lint, &source.replace("cofee", "coffee"), true);
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn a_capitalised_kind_offers_the_lower_case_one() {
        let source = format!("{ADA}  2026-03-14 Coffee\n");
        let lint = assert_message(
            &source,
            "unknown-kind",
            "`Coffee` is not an interaction kind, so it counts as light; did you mean `coffee`?",
        );
        assert_fix_result(&source, &lint, &source.replace("Coffee", "coffee"), true);
    }

    #[test]
    fn a_marked_unknown_kind_is_still_meaningful_and_the_fix_keeps_the_mark() {
        let source = format!("{ADA}  2026-03-14 cofee! \"Board offer\"\n");
        let lint = assert_message(
            &source,
            "unknown-kind",
            "`cofee` is not an interaction kind, so its `!` still makes it meaningful; did you mean `coffee`?",
        );
        assert_eq!(spanned(&source, &lint), "cofee");
        assert_fix_result(&source, &lint, &source.replace("cofee!", "coffee!"), true);
    }

    #[test]
    fn a_kind_like_nothing_lists_the_kinds() {
        let source = format!("{ADA}  2026-03-14 hackathon\n");
        let lint =
            assert_message(&source, "unknown-kind", "`hackathon` is not an interaction kind, so it counts as light");
        assert!(lint.fixes.is_empty());
        assert!(lint.help.unwrap_or_default().starts_with("the kinds are meet, coffee, meal"));
    }

    #[test]
    fn every_known_kind_passes() {
        let mut source = ADA.to_string();
        for kind in crate::vocabulary::KINDS {
            source.push_str(&format!("  2026-01-01 {}\n  2026-01-02 {}!\n", kind.id, kind.id));
        }
        assert_no_lint(&source, "unknown-kind");
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint(&format!("{ADA}  allow unknown-kind\n  2026-03-14 lunch\n"), "unknown-kind");
        assert_no_lint(&format!("set allow unknown-kind\n{ADA}  2026-03-14 lunch\n"), "unknown-kind");
    }

    #[test]
    fn a_kind_with_an_accent_is_judged_as_one_word() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n  2026-10-01 café \"x\"\n";
        let lint = lints_of(source, "unknown-kind").remove(0);
        assert_eq!(spanned(source, &lint), "café");
        assert_no_lint(source, "invalid-value");
    }
}
