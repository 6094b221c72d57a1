//! `unknown-field`: a field name, body line or setting key that does not exist where it is
//! written.

use super::{Context, Rule, RuleInfo};
use crate::lint::{Fix, Lint, Severity};
use crate::model::{Misplaced, Person, SettingLine, Word};
use crate::suggest::closest;
use crate::vocabulary::{self, FIELDS, ROLE_FIELDS, SETTINGS};

pub(super) struct UnknownField;

static INFO: RuleInfo = RuleInfo {
    code: "unknown-field",
    severity: Severity::Error,
    summary: "a field name that does not exist (offers the closest one)",
    docs: r#"## What
A line whose name kith does not know where it is written:
- a person field that does not exist (`rol` instead of `role`);
- a body line under a declaration that does not take it: a `role` takes only `pillar` and
  `every`, a `pillar` and a `set` take no body lines at all;
- a `set` key that is not a setting (`stale_after` instead of `stale-after`).

## Why
kith ignores what it cannot place, so a misspelt field silently loses its value: a
mistyped `role` leaves a key person looking like an acquaintance, a mistyped setting
leaves the default in force.

## Example
```kith
set stale_after 3m

person ada "Ada Lovelace"
  rol mentor
```

## Fix
Correct the spelling — the message offers the closest name — or move the line to the block
it belongs to:
```kith
set stale-after 3m

person ada "Ada Lovelace"
  role mentor
```
"#,
};

impl Rule for UnknownField {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        for person in &cx.network.people {
            for field in person.fields.iter().filter(|field| field.field.is_none()) {
                lints.push(unknown_person_field(cx, person, &field.name));
            }
        }
        for misplaced in &cx.network.misplaced_fields {
            lints.push(misplaced_line(misplaced));
        }
        for line in cx.network.setting_lines.iter().filter(|line| line.known.is_none()) {
            lints.push(unknown_setting(line));
        }
    }
}

fn unknown_person_field(cx: &Context<'_>, person: &Person, name: &Word) -> Lint {
    if vocabulary::DIRECTIVES.contains(&name.text.as_str()) {
        let message = format!("`{}` is a directive, not a field: start it at column 0", name.text);
        return INFO.lint(name.span, message).about(person.id_name()).with_help("remove the indentation");
    }
    let kind = name.text.to_ascii_lowercase();
    if vocabulary::kind(&kind).is_some() {
        let message = format!(
            "unknown field `{}`: `{kind}` is an interaction kind, and an interaction starts with its date",
            name.text
        );
        return INFO
            .lint(name.span, message)
            .about(person.id_name())
            .with_help(format!("an interaction starts with its date, like `{} {kind}`", cx.today));
    }
    did_you_mean(name, "field", FIELDS.iter().map(|spec| spec.keyword), "a person's fields are").about(person.id_name())
}

/// "unknown {what} `name`", with the closest of `known` as a fix, or else a help listing them.
fn did_you_mean<'a>(name: &Word, what: &str, known: impl Iterator<Item = &'a str> + Clone, listing: &str) -> Lint {
    match closest(&name.text, known.clone()) {
        Some(closest) => INFO
            .lint(name.span, format!("unknown {what} `{}`; did you mean `{closest}`?", name.text))
            .with_fix(Fix::replace(name.span, closest)),
        None => INFO
            .lint(name.span, format!("unknown {what} `{}`", name.text))
            .with_help(format!("{listing} {}", listed(known))),
    }
}

fn misplaced_line(misplaced: &Misplaced) -> Lint {
    let word = &misplaced.word;
    let takes = match misplaced.under {
        "role" => "a role takes only `pillar` and `every`",
        "pillar" => "a pillar takes no body lines",
        "include" => "an include takes no body lines",
        _ => "a setting takes no body lines",
    };
    let is_interaction = word.text.starts_with(|c: char| c.is_ascii_digit() || c == '-');
    if is_interaction {
        let message = format!("an interaction does not belong under `{}`: {takes}", misplaced.under);
        return INFO.lint(word.span, message).with_help("log interactions under the person they were with");
    }
    if misplaced.under == "role" {
        if let Some(known) = closest(&word.text, ROLE_FIELDS) {
            let message = format!("unknown field `{}`; did you mean `{known}`? {takes}", word.text);
            return INFO.lint(word.span, message).with_fix(Fix::replace(word.span, known));
        }
    }
    let message = format!("`{}` does not belong under `{}`: {takes}", word.text, misplaced.under);
    let lint = INFO.lint(word.span, message);
    match (misplaced.under, vocabulary::field(&word.text)) {
        (_, Some(_)) => lint.with_help(format!("`{}` is a person field: put it under a `person` line", word.text)),
        ("set", None) => lint.with_help("write the value on the `set` line itself: `set KEY VALUE`"),
        _ => lint,
    }
}

fn unknown_setting(line: &SettingLine) -> Lint {
    did_you_mean(&line.key, "setting", SETTINGS.iter().map(|setting| setting.key), "the settings are")
}

/// `a`, `b` and `c`.
fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = names.map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_misspelt_person_field_offers_the_closest() {
        let source = "person ada \"Ada Lovelace\"\n  rol mentor\n  met 2020-01-01\n";
        let lint = assert_message(source, "unknown-field", "unknown field `rol`; did you mean `role`?");
        assert_eq!(spanned(source, &lint), "rol");
        assert_fix_result(source, &lint, &source.replace("rol mentor", "role mentor"), true);
        assert_eq!(lint.person.as_deref(), Some("ada"));
    }

    #[test]
    fn a_capitalised_field_offers_the_lower_case_name() {
        let source = "person ada \"Ada\"\n  Org \"Analytical Engines\"\n";
        assert_message(source, "unknown-field", "unknown field `Org`; did you mean `org`?");
    }

    #[test]
    fn a_name_like_nothing_lists_the_fields() {
        let source = "person ada \"Ada\"\n  favourite \"tea\"\n";
        let lint = assert_message(source, "unknown-field", "unknown field `favourite`");
        assert!(lint.fixes.is_empty());
        let help = lint.help.unwrap_or_default();
        assert!(help.starts_with("a person's fields are `role`, `every`"), "{help}");
        assert!(help.ends_with(", `note` and `allow`"), "{help}");
    }

    #[test]
    fn an_interaction_without_its_date_is_explained() {
        let source = "person ada \"Ada\"\n  coffee \"Talked about the offer\"\n";
        let lint = assert_message(
            source,
            "unknown-field",
            "unknown field `coffee`: `coffee` is an interaction kind, and an interaction starts with its date",
        );
        assert_eq!(lint.help.as_deref(), Some("an interaction starts with its date, like `2026-11-25 coffee`"));
    }

    #[test]
    fn known_fields_and_interactions_are_not_reported() {
        let source = "person ada \"Ada\"\n  role mentor\n  every 3m\n  org \"A\"\n  email a@b.org\n  tags x\n  2026-01-01 coffee\n";
        assert_no_lint(source, "unknown-field");
    }

    #[test]
    fn allow_on_the_person_or_the_file_silences_it() {
        assert_no_lint("person ada \"Ada\"\n  rol mentor\n  allow unknown-field\n", "unknown-field");
        assert_no_lint("set allow unknown-field\nperson ada \"Ada\"\n  rol mentor\n", "unknown-field");
        assert_no_lint("set allow unknown-field\nset stale_after 3m\n", "unknown-field");
    }

    #[test]
    fn a_role_takes_only_pillar_and_every() {
        let source = "role investor \"backs my ventures\"\n  pillar promoters\n  org \"VC\"\n";
        let lint = assert_message(
            source,
            "unknown-field",
            "`org` does not belong under `role`: a role takes only `pillar` and `every`",
        );
        assert_eq!(spanned(source, &lint), "org");
        assert_eq!(lint.help.as_deref(), Some("`org` is a person field: put it under a `person` line"));
        assert_no_lint("role investor \"x\"\n  pillar promoters\n  every 3m\n", "unknown-field");
    }

    #[test]
    fn a_misspelt_role_field_offers_the_closest() {
        let source = "role investor \"backs my ventures\"\n  pilar promoters\n";
        let lint = assert_message(
            source,
            "unknown-field",
            "unknown field `pilar`; did you mean `pillar`? a role takes only `pillar` and `every`",
        );
        assert_fix_result(source, &lint, &source.replace("pilar", "pillar"), true);
    }

    #[test]
    fn pillars_and_settings_take_no_body_lines() {
        let pillar = "pillar family \"the people at home\"\n  every 1m\n";
        let lint = assert_message(
            pillar,
            "unknown-field",
            "`every` does not belong under `pillar`: a pillar takes no body lines",
        );
        assert_eq!(spanned(pillar, &lint), "every");
        let setting = "set stale-after 3m\n  extra 1\n";
        let lint = assert_message(
            setting,
            "unknown-field",
            "`extra` does not belong under `set`: a setting takes no body lines",
        );
        assert_eq!(lint.help.as_deref(), Some("write the value on the `set` line itself: `set KEY VALUE`"));
    }

    #[test]
    fn an_interaction_under_a_declaration_is_reported_on_its_date() {
        let source = "role investor \"x\"\n  2026-01-01 coffee\n";
        let lint = assert_message(
            source,
            "unknown-field",
            "an interaction does not belong under `role`: a role takes only `pillar` and `every`",
        );
        assert_eq!(spanned(source, &lint), "2026-01-01");
    }

    #[test]
    fn a_misspelt_setting_offers_the_closest() {
        let source = "set stale_after 3m\n";
        let lint =
            assert_message(source, "unknown-field", "unknown setting `stale_after`; did you mean `stale-after`?");
        assert_eq!(spanned(source, &lint), "stale_after");
        assert_fix_result(source, &lint, "set stale-after 3m\n", true);
        let lint = assert_message("set colour blue\n", "unknown-field", "unknown setting `colour`");
        assert_eq!(
            lint.help.as_deref(),
            Some("the settings are `stale-after`, `key-people`, `builtin-roles`, `allow` and `me`")
        );
    }

    #[test]
    fn known_settings_are_not_reported() {
        assert_no_lint(
            "set stale-after 3m\nset key-people 8\nset builtin-roles on\nset allow stale\n",
            "unknown-field",
        );
    }

    #[test]
    fn an_indented_directive_says_to_start_it_at_column_0() {
        let source = "person ada \"Ada\"\n  met 2020-01-01\n  person bob \"Bob\"\n";
        assert_message(source, "unknown-field", "`person` is a directive, not a field: start it at column 0");
    }
}
