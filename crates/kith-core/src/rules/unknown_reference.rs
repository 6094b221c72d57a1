//! `unknown-reference`: a `@id` in `via` or `knows` names no person in the file.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Fix, Lint, Severity};
use crate::model::ReferenceOrigin;
use crate::suggest::closest;

pub(super) struct UnknownReference;

static INFO: RuleInfo = RuleInfo {
    code: "unknown-reference",
    severity: Severity::Error,
    summary: "`@id` in `via`/`knows` names no person",
    docs: r#"## What
A `via @id` or `knows @id, …` that names no person in the file. `@id` mentions inside
strings are never reported: they only become references when the person exists.

## Why
`via` and `knows` are how kith sees who introduced you and how open your network is. A
reference to nobody is usually a typo, or a person you have not added yet.

## Example
```kith
person ada "Ada Lovelace"
  met 2019-04-02

person grace "Grace Hopper"
  via @adda
```

## Fix
Correct the id (the message offers the closest person), or add the person:
```kith
person adda "Adda Smith"
```
"#,
};

impl Rule for UnknownReference {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        let network = cx.network;
        for reference in &network.references {
            let field = match reference.origin {
                ReferenceOrigin::Via => "via",
                ReferenceOrigin::Knows => "knows",
                ReferenceOrigin::Mention => continue,
            };
            if network.person(&reference.target).is_some() {
                continue;
            }
            let Some(person) = network.person_at(reference.span.start) else { continue };
            let others = network
                .people
                .iter()
                .map(|other| other.id_name())
                .filter(|id| !id.is_empty() && *id != person.id_name());
            let (target, name) = (&reference.target, person.display_name());
            let message = format!("`@{target}` in {name}'s `{field}` names no person in this file");
            let lint = match closest(target, others) {
                Some(known) => INFO
                    .lint(reference.span, format!("{message}; did you mean `@{known}`?"))
                    // Another person's id may be the wrong person: a look first.
                    .with_fix(Fix::replace(reference.span, format!("@{known}")).needing_a_look()),
                None => {
                    INFO.lint(reference.span, message).with_help(format!("add them: person {target} \"Their Name\""))
                }
            };
            lints.push(lint.about(person.id_name()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const ADA: &str = "person ada \"Ada Lovelace\"\n  met 2019-04-02\n";

    #[test]
    fn a_misspelt_via_offers_the_closest_person() {
        let source = format!("{ADA}person grace \"Grace Hopper\"\n  via @adda\n");
        let lint = assert_message(
            &source,
            "unknown-reference",
            "`@adda` in Grace Hopper's `via` names no person in this file; did you mean `@ada`?",
        );
        assert_eq!(spanned(&source, &lint), "@adda");
        assert_fix_result(&source, &lint, &source.replace("@adda", "@ada"), false);
        assert_eq!(lint.person.as_deref(), Some("grace"));
    }

    #[test]
    fn every_unknown_id_in_knows_is_reported() {
        let source = format!("{ADA}person grace \"Grace\"\n  knows @ada, @zed, @quinn\n");
        let found = lints_of(&source, "unknown-reference");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(spanned(&source, &found[0]), "@zed");
        assert_eq!(found[0].message, "`@zed` in Grace's `knows` names no person in this file");
        assert_eq!(found[0].help.as_deref(), Some("add them: person zed \"Their Name\""));
        assert_eq!(spanned(&source, &found[1]), "@quinn");
    }

    #[test]
    fn references_to_people_anywhere_in_the_file_resolve() {
        let source = format!("person grace \"Grace\"\n  via @ada\n  knows @ada, @grace\n{ADA}");
        assert_no_lint(&source, "unknown-reference");
    }

    #[test]
    fn mentions_inside_strings_are_never_reported() {
        let source = format!("{ADA}  2026-01-01 coffee \"with @nobody and @adda\"\n  note \"ask @zed\"\n");
        assert_no_lint(&source, "unknown-reference");
    }

    #[test]
    fn the_person_is_not_offered_as_their_own_introducer() {
        let source = "person ada \"Ada\"\n  via @adda\n";
        let lint = assert_message(source, "unknown-reference", "`@adda` in Ada's `via` names no person in this file");
        assert!(lint.fixes.is_empty());
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint("person grace \"Grace\"\n  via @zed\n  allow unknown-reference\n", "unknown-reference");
        assert_no_lint("set allow unknown-reference\nperson grace \"Grace\"\n  knows @zed\n", "unknown-reference");
    }
}
