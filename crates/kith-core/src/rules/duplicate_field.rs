//! `duplicate-field`: a once-only field given twice in one block, or a setting set twice.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::Word;
use crate::text::Span;

pub(super) struct DuplicateField;

static INFO: RuleInfo = RuleInfo {
    code: "duplicate-field",
    severity: Severity::Error,
    summary: "a once-only field given twice",
    docs: r#"## What
A field that a block may have only once, given again:
- a person's `role`, `every`, `org`, `title`, `location`, `birthday`, `met` or `via`
  (`email`, `phone`, `url`, `knows`, `tags`, `note` and `allow` may repeat);
- a role declaration's `pillar` or `every`;
- a `set` key other than `allow`.

The later line is reported, with a pointer to the first.

## Why
Only the first one counts, so the later one is silently ignored: a second `role` line
does not add roles, a second `set stale-after` does not change the cadence.

## Example
```kith
person ada "Ada Lovelace"
  role mentor
  org "Analytical Engines Ltd"
  role sponsor
```

## Fix
Merge the lines (`role mentor, sponsor`) or delete the one that is out of date.
"#,
};

impl Rule for DuplicateField {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            let once_only = person
                .fields
                .iter()
                .filter(|field| field.field.is_some_and(|name| !name.spec().repeats))
                .map(|field| &field.name);
            for repeat in repeats(once_only) {
                let (field, times, name) = (&repeat.word.text, repeat.times(), person.display_name());
                let message = format!("`{field}` is given {times} for {name}: a person has one `{field}`");
                lints.push(duplicate(&repeat, message).about(person.id_name()));
            }
        }
        for role in &cx.network.roles {
            let role_name = role.id.as_ref().map_or("this role", |id| id.name.as_str());
            for repeat in repeats(role.field_names.iter()) {
                let (field, times) = (&repeat.word.text, repeat.times());
                let message = format!("`{field}` is given {times} for role `{role_name}`: a role has one `{field}`");
                lints.push(duplicate(&repeat, message));
            }
        }
        let keys = cx
            .network
            .setting_lines
            .iter()
            .filter(|line| line.known.is_some_and(|setting| setting.key != "allow"))
            .map(|line| &line.key);
        for repeat in repeats(keys) {
            let message = format!("`{}` is set {}: a setting has one value", repeat.word.text, repeat.times());
            lints.push(duplicate(&repeat, message));
        }
    }
}

/// A word whose text an earlier word already had.
struct Repeat<'a> {
    /// The span of the first word with this text.
    first: Span,
    word: &'a Word,
    /// How many times the text has been given up to and including this word.
    times: usize,
}

impl Repeat<'_> {
    /// `twice`, `3 times`…
    fn times(&self) -> String {
        crate::wording::times(self.times)
    }
}

/// Every word whose text an earlier word already had.
fn repeats<'a>(words: impl Iterator<Item = &'a Word>) -> Vec<Repeat<'a>> {
    let mut seen: Vec<(&Word, usize)> = Vec::new();
    let mut repeated = Vec::new();
    for word in words {
        match seen.iter_mut().find(|(first, _)| first.text == word.text) {
            Some((first, times)) => {
                *times += 1;
                repeated.push(Repeat { first: first.span, word, times: *times });
            }
            None => seen.push((word, 1)),
        }
    }
    repeated
}

fn duplicate(repeat: &Repeat<'_>, message: String) -> Lint {
    INFO.lint(repeat.word.span, message)
        .with_related(repeat.first, format!("first `{}` here", repeat.word.text))
        .with_help("only the first one counts: merge the two lines or delete one")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_second_once_only_field_is_reported_pointing_at_the_first() {
        let source = "person ada \"Ada Lovelace\"\n  role mentor\n  org \"A\"\n  role sponsor\n";
        let lint = assert_message(
            source,
            "duplicate-field",
            "`role` is given twice for Ada Lovelace: a person has one `role`",
        );
        assert_eq!(lint.span.start, source.rfind("role").unwrap());
        assert_eq!(spanned(source, &lint), "role");
        assert_eq!(lint.related.len(), 1);
        assert_eq!(lint.related[0].span.start, source.find("role").unwrap());
        assert_eq!(lint.related[0].message, "first `role` here");
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn every_later_repeat_points_at_the_first() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n  met 2021-01-01\n  met 2022-01-01\n";
        let found = lints_of(source, "duplicate-field");
        assert_eq!(found.len(), 2, "{found:#?}");
        let first = source.find("met").unwrap();
        assert!(found.iter().all(|lint| lint.related[0].span.start == first));
        assert_eq!(found[0].message, "`met` is given twice for Ada: a person has one `met`");
        assert_eq!(found[1].message, "`met` is given 3 times for Ada: a person has one `met`");
    }

    #[test]
    fn repeatable_fields_may_repeat() {
        let source = "person ada \"Ada\"\n  email a@b.org\n  email c@d.org\n  note \"x\"\n  note \"y\"\n  tags a\n  tags b\n  knows @ada\n  knows @ada\n  allow stale\n  allow stale\n";
        assert_no_lint(source, "duplicate-field");
    }

    #[test]
    fn the_same_field_in_two_people_is_no_duplicate() {
        let source = "person ada \"Ada\"\n  org \"A\"\nperson bob \"Bob\"\n  org \"A\"\n";
        assert_no_lint(source, "duplicate-field");
    }

    #[test]
    fn unknown_fields_are_left_to_unknown_field() {
        assert_no_lint("person ada \"Ada\"\n  rol mentor\n  rol sponsor\n", "duplicate-field");
    }

    #[test]
    fn a_role_declaration_has_one_pillar_and_one_every() {
        let source = "role investor \"x\"\n  pillar promoters\n  every 1m\n  pillar pathfinders\n  every 2m\n";
        let found = lints_of(source, "duplicate-field");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].message, "`pillar` is given twice for role `investor`: a role has one `pillar`");
        assert_eq!(spanned(source, &found[0]), "pillar");
        assert_eq!(found[0].related[0].span.start, source.find("pillar").unwrap());
        assert_eq!(found[1].message, "`every` is given twice for role `investor`: a role has one `every`");
    }

    #[test]
    fn a_setting_is_set_once_but_allow_may_repeat() {
        let source = "set stale-after 3m\nset allow stale\nset stale-after 6m\nset allow unknown-field\n";
        let lint = assert_message(source, "duplicate-field", "`stale-after` is set twice: a setting has one value");
        assert_eq!(lint.span.start, source.rfind("stale-after").unwrap());
        assert_eq!(lint.related[0].span.start, source.find("stale-after").unwrap());
        assert_no_lint("set bogus 1\nset bogus 2\n", "duplicate-field");
    }

    #[test]
    fn allow_silences_it() {
        assert_no_lint("person ada \"Ada\"\n  org \"A\"\n  org \"B\"\n  allow duplicate-field\n", "duplicate-field");
        assert_no_lint("set allow duplicate-field\nset key-people 3\nset key-people 4\n", "duplicate-field");
    }
}
