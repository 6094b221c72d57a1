//! `textDocument/completion`: what belongs at the cursor, read from the text of its line by
//! `kith_core::cursor` (so half-typed and syntactically broken lines complete too), filled
//! from the file's model and the vocabulary, each item with its meaning.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::cursor::{self, CursorContext, Slot};
use kith_core::evidence;
use kith_core::freshness;
use kith_core::model::Person;
use kith_core::rules::RULES;
use kith_core::vocabulary::{
    self, Depth, KeywordSpec, BUILTIN_ROLES_VALUES, DIRECTIVE_SPECS, FIELDS, KINDS, ROLE_FIELD_SPECS, SETTINGS,
};
use kith_core::wording;
use std::collections::BTreeMap;
use tower_lsp_server::ls_types::request::Completion as CompletionRequest;
use tower_lsp_server::ls_types::*;

/// The characters after which editors ask for completions unprompted.
pub(crate) const TRIGGER_CHARACTERS: [&str; 3] = ["@", " ", ","];

pub(crate) struct Completion;

impl DocumentRequest for Completion {
    type Request = CompletionRequest;

    fn uri(params: &CompletionParams) -> &Uri {
        &params.text_document_position.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        config: &Config,
        params: CompletionParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<CompletionResponse>> {
        Ok({
            let offset = snapshot.positions().offset(params.text_document_position.position);
            completions(snapshot, offset, config.snippet_support).map(CompletionResponse::Array)
        })
    }
}

/// The completions at byte `offset`, or `None` where nothing belongs (in a comment, in a
/// new id, …). `snippets`: whether the client accepts snippet syntax.
pub(crate) fn completions(snapshot: &Snapshot, offset: usize, snippets: bool) -> Option<Vec<CompletionItem>> {
    let context = cursor::context_at(&snapshot.text, offset)?;
    let mut items = match context.slot {
        Slot::Directive => directives(),
        Slot::PersonLine => person_line(snapshot, &context, snippets),
        Slot::RoleDeclarationField => role_declaration_fields(),
        Slot::Role => roles(snapshot, &context),
        Slot::Kind => kinds(),
        Slot::PersonReference { at_sign } => people(snapshot, &context, at_sign),
        Slot::Tag => tags(snapshot, &context),
        Slot::SettingKey => setting_keys(),
        Slot::OnOff => on_off(),
        Slot::RuleCode => rule_codes(&context),
        Slot::Pillar => pillars(snapshot),
    };
    // After a bare comma, a list item gets the space the canonical format puts there.
    let after_comma = snapshot.text[..context.word.start].ends_with(',');
    let range = snapshot.positions().range(context.word);
    for (index, item) in items.iter_mut().enumerate() {
        let mut new_text = item.insert_text.take().unwrap_or_else(|| item.label.clone());
        if after_comma {
            new_text.insert(0, ' ');
        }
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range, new_text }));
        item.filter_text = Some(item.label.clone());
        item.sort_text = Some(format!("{index:03}"));
    }
    Some(items)
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: impl Into<String>,
    documentation: impl Into<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.into()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: documentation.into(),
        })),
        ..CompletionItem::default()
    }
}

/// A keyword of the vocabulary: its shape as the detail, its meaning as a sentence.
fn keyword_item(spec: &KeywordSpec, kind: CompletionItemKind) -> CompletionItem {
    item(spec.keyword, kind, spec.value, wording::sentence(spec.description))
}

fn directives() -> Vec<CompletionItem> {
    DIRECTIVE_SPECS.iter().map(|spec| keyword_item(spec, CompletionItemKind::KEYWORD)).collect()
}

/// The person whose header is the directive of the cursor's block.
fn owner<'a>(snapshot: &'a Snapshot, context: &CursorContext) -> Option<&'a Person> {
    let keyword = context.directive?;
    snapshot.analysis.network.people.iter().find(|person| person.header.start == keyword.start)
}

/// Field names (once-only fields the person already has elsewhere left out) and today's
/// date, which starts an interaction line.
fn person_line(snapshot: &Snapshot, context: &CursorContext, snippets: bool) -> Vec<CompletionItem> {
    let person = owner(snapshot, context);
    let already_given = |spec: &vocabulary::FieldSpec| {
        !spec.repeats
            && person.is_some_and(|person| {
                person.fields.iter().any(|field| field.field == Some(spec.name) && field.name.span != context.word)
            })
    };
    let mut items: Vec<CompletionItem> = FIELDS
        .iter()
        .filter(|spec| !already_given(spec))
        .map(|spec| {
            let repeats = if spec.repeats { "May be given several times." } else { "Given once." };
            item(
                spec.keyword,
                CompletionItemKind::FIELD,
                spec.value,
                format!("{} {repeats}", wording::sentence(spec.description)),
            )
        })
        .collect();
    let today = snapshot.today.to_string();
    let mut date = item(
        &today,
        CompletionItemKind::EVENT,
        "today: log an interaction",
        format!("Starts an interaction line dated today: `{today} KIND \"what happened\"`."),
    );
    if snippets {
        let kinds: Vec<&str> = KINDS.iter().map(|kind| kind.id).collect();
        date.kind = Some(CompletionItemKind::SNIPPET);
        date.insert_text = Some(format!("{today} ${{1|{}|}} \"${{2:what happened}}\"$0", kinds.join(",")));
        date.insert_text_format = Some(InsertTextFormat::SNIPPET);
    } else {
        date.insert_text = Some(format!("{today} "));
    }
    items.push(date);
    items
}

fn role_declaration_fields() -> Vec<CompletionItem> {
    ROLE_FIELD_SPECS.iter().map(|spec| keyword_item(spec, CompletionItemKind::FIELD)).collect()
}

/// Every role of the file, built in and declared, except those already on the line; the
/// roles of pillars nobody holds up come first.
fn roles(snapshot: &Snapshot, context: &CursorContext) -> Vec<CompletionItem> {
    let analysis = &snapshot.analysis;
    let gaps = evidence::gaps(&analysis.network, &analysis.catalog);
    let empty = |pillar: &Option<String>| gaps.empty_pillars.iter().any(|(id, _)| Some(id) == pillar.as_ref());
    let mut roles: Vec<_> = analysis.catalog.roles.iter().filter(|role| !context.listed.contains(&role.id)).collect();
    roles.sort_by_key(|role| !empty(&role.pillar));
    roles
        .into_iter()
        .map(|role| {
            let pillar = match &role.pillar {
                Some(pillar) if empty(&role.pillar) => format!("{pillar} (empty)"),
                Some(pillar) => pillar.clone(),
                None => "no pillar".to_string(),
            };
            let mut documentation = wording::sentence(&role.description);
            if let Some(every) = role.every {
                documentation.push_str(&format!("\n\nCadence: every {every}."));
            }
            item(&role.id, CompletionItemKind::ENUM_MEMBER, pillar, documentation)
        })
        .collect()
}

/// Interaction kinds, meaningful ones first, with their depth.
fn kinds() -> Vec<CompletionItem> {
    let mut ordered: Vec<_> = KINDS.iter().collect();
    ordered.sort_by_key(|kind| kind.depth != Depth::Meaningful);
    ordered
        .into_iter()
        .map(|kind| {
            let effect = match kind.depth {
                Depth::Meaningful => "Meaningful: resets the staleness clock.".to_string(),
                Depth::Light => {
                    format!("Light: does not reset the staleness clock; `{}!` counts one as meaningful.", kind.id)
                }
            };
            item(
                kind.id,
                CompletionItemKind::EVENT,
                kind.depth.as_str(),
                format!("{} {effect}", wording::sentence(kind.description)),
            )
        })
        .collect()
}

/// Person ids (first of each id) with their display names; not the person whose block the
/// cursor is in, nor those already on the line.
fn people(snapshot: &Snapshot, context: &CursorContext, at_sign: bool) -> Vec<CompletionItem> {
    let network = &snapshot.analysis.network;
    let owner_id = owner(snapshot, context).map(Person::id_name);
    network
        .people
        .iter()
        .filter_map(|person| person.id.as_ref().map(|id| (id.name.as_str(), person)))
        // Only the first person with each id: a second one is a `duplicate-id`, not a choice.
        .filter(|(id, person)| network.person(id).is_some_and(|first| std::ptr::eq(first, *person)))
        .filter(|(id, _)| Some(*id) != owner_id && !context.listed.iter().any(|listed| listed == id))
        .map(|(id, person)| {
            let roles: Vec<&str> = person.roles().iter().map(|role| role.name.as_str()).collect();
            let mut about = vec![format!("**{}**", person.display_name())];
            if !roles.is_empty() {
                about.push(format!("Roles: {}", roles.join(", ")));
            }
            if let Some(org) = person.org() {
                about.push(format!("Org: {}", org.value));
            }
            let fresh = freshness::freshness(person, &snapshot.analysis.catalog, &network.settings, snapshot.today);
            if let Some(last) = fresh.last {
                about.push(format!("Last meaningful: {} on {}", last.what, last.date));
            }
            let mut completion = item(id, CompletionItemKind::REFERENCE, person.display_name(), about.join("  \n"));
            completion.label_details =
                Some(CompletionItemLabelDetails { detail: None, description: Some(person.display_name().to_string()) });
            if !at_sign {
                completion.insert_text = Some(format!("@{id}"));
            }
            completion
        })
        .collect()
}

/// Tags already used in the file, most used first, except those already on the line.
fn tags(snapshot: &Snapshot, context: &CursorContext) -> Vec<CompletionItem> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for person in &snapshot.analysis.network.people {
        for tag in person.tags() {
            *counts.entry(tag.name.as_str()).or_default() += 1;
        }
    }
    let mut used: Vec<(&str, usize)> =
        counts.into_iter().filter(|(tag, _)| !context.listed.iter().any(|listed| listed == tag)).collect();
    used.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    used.into_iter()
        .map(|(tag, count)| {
            let people = if count == 1 { "1 person".to_string() } else { format!("{count} people") };
            item(
                tag,
                CompletionItemKind::VALUE,
                format!("tag of {people}"),
                format!("A tag already used in this file, by {people}."),
            )
        })
        .collect()
}

fn setting_keys() -> Vec<CompletionItem> {
    SETTINGS
        .iter()
        .map(|setting| {
            let detail = match setting.default {
                "" => setting.value.to_string(),
                default => format!("{} (default {default})", setting.value),
            };
            item(setting.key, CompletionItemKind::PROPERTY, detail, wording::sentence(setting.description))
        })
        .collect()
}

fn on_off() -> Vec<CompletionItem> {
    BUILTIN_ROLES_VALUES.iter().map(|spec| keyword_item(spec, CompletionItemKind::VALUE)).collect()
}

/// Every rule code with its summary, except those already on the line.
fn rule_codes(context: &CursorContext) -> Vec<CompletionItem> {
    RULES
        .iter()
        .map(|rule| rule.info())
        .filter(|info| !context.listed.iter().any(|listed| listed == info.code))
        .map(|info| {
            let severity = info.severity.to_string();
            item(
                info.code,
                CompletionItemKind::CONSTANT,
                info.summary,
                format!("{} Default severity: {severity}.", wording::sentence(info.summary)),
            )
        })
        .collect()
}

fn pillars(snapshot: &Snapshot) -> Vec<CompletionItem> {
    let catalog = &snapshot.analysis.catalog;
    catalog
        .pillars
        .iter()
        .map(|pillar| {
            let roles: Vec<&str> = catalog.roles_in(&pillar.id).map(|role| role.id.as_str()).collect();
            let documentation = match roles.is_empty() {
                true => wording::sentence(&pillar.description),
                false => format!("{}\n\nRoles: {}.", wording::sentence(&pillar.description), roles.join(", ")),
            };
            item(&pillar.id, CompletionItemKind::ENUM, pillar.description.clone(), documentation)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::testing::snapshot;

    /// The completions at the `|` in `marked` (which is removed), with the snapshot.
    fn complete(marked: &str) -> (Snapshot, Option<Vec<CompletionItem>>) {
        complete_with(marked, true)
    }

    fn complete_with(marked: &str, snippets: bool) -> (Snapshot, Option<Vec<CompletionItem>>) {
        let offset = marked.find('|').expect("the test text marks the cursor with |");
        let snapshot = snapshot(&marked.replacen('|', "", 1));
        let items = completions(&snapshot, offset, snippets);
        (snapshot, items)
    }

    fn labels(items: &[CompletionItem]) -> Vec<&str> {
        items.iter().map(|item| item.label.as_str()).collect()
    }

    fn find<'a>(items: &'a [CompletionItem], label: &str) -> &'a CompletionItem {
        items.iter().find(|item| item.label == label).unwrap_or_else(|| panic!("no {label:?} in {:?}", labels(items)))
    }

    fn edit(item: &CompletionItem) -> &TextEdit {
        match &item.text_edit {
            Some(CompletionTextEdit::Edit(edit)) => edit,
            other => panic!("expected a plain text edit, got {other:?}"),
        }
    }

    fn documentation(item: &CompletionItem) -> &str {
        match &item.documentation {
            Some(Documentation::MarkupContent(content)) => &content.value,
            other => panic!("expected markdown documentation, got {other:?}"),
        }
    }

    const NETWORK: &str = "\
role investor \"backs my ventures\"
  pillar promoters
  every 2m

person ada \"Ada Lovelace\"
  role mentor
  tags math, computing
  2026-03-14 coffee

person grace \"Grace Hopper\"
  tags math
";

    #[test]
    fn directives_at_column_zero() {
        let (_, items) = complete(&format!("{NETWORK}\npe|"));
        let items = items.expect("directives");
        assert_eq!(labels(&items), ["person", "role", "pillar", "set", "include"]);
        assert_eq!(find(&items, "person").detail.as_deref(), Some("person ID \"display name\""));
        assert_eq!(edit(find(&items, "set")).range.start, Position::new(12, 0));
        assert_eq!(edit(find(&items, "set")).range.end, Position::new(12, 2));
    }

    #[test]
    fn fields_with_their_shape_and_today_as_an_interaction_snippet() {
        let (_, items) = complete(&format!("{NETWORK}  |"));
        let items = items.expect("fields");
        let every = find(&items, "every");
        assert_eq!(every.detail.as_deref(), Some("DURATION"));
        assert!(documentation(every).contains("How often you want a meaningful interaction"));
        let today = find(&items, "2026-11-25");
        assert_eq!(today.insert_text_format, Some(InsertTextFormat::SNIPPET));
        assert!(edit(today).new_text.starts_with("2026-11-25 ${1|meet,coffee,"), "{}", edit(today).new_text);
        let (_, plain) = complete_with(&format!("{NETWORK}  |"), false);
        assert_eq!(edit(find(&plain.expect("fields"), "2026-11-25")).new_text, "2026-11-25 ");
    }

    #[test]
    fn once_only_fields_the_person_has_are_not_offered_again() {
        let (_, items) = complete("person ada \"Ada\"\n  role mentor\n  |\n  met 2020-01-01\n");
        let items = items.expect("fields");
        assert!(!labels(&items).contains(&"role"));
        assert!(!labels(&items).contains(&"met"));
        assert!(labels(&items).contains(&"tags"), "tags repeat");
        let (_, retyping) = complete("person ada \"Ada\"\n  ro|le mentor\n");
        assert!(labels(&retyping.expect("fields")).contains(&"role"), "the field being retyped is offered");
    }

    #[test]
    fn a_role_declaration_body_offers_only_pillar_and_every() {
        let (_, items) = complete("role investor \"backs my ventures\"\n  |");
        assert_eq!(labels(&items.expect("role fields")), ["pillar", "every"]);
    }

    #[test]
    fn roles_with_pillar_and_description_built_in_and_declared() {
        let (snapshot, items) = complete(&format!("{NETWORK}  role mentor, in|"));
        let items = items.expect("roles");
        let investor = find(&items, "investor");
        assert_eq!(investor.detail.as_deref(), Some("promoters (empty)"));
        assert_eq!(documentation(investor), "Backs my ventures.\n\nCadence: every 2 months.");
        assert_eq!(find(&items, "sponsor").detail.as_deref(), Some("promoters (empty)"));
        let first_full =
            items.iter().position(|item| !item.detail.as_deref().is_some_and(|detail| detail.ends_with("(empty)")));
        let last_empty =
            items.iter().rposition(|item| item.detail.as_deref().is_some_and(|detail| detail.ends_with("(empty)")));
        assert!(first_full > last_empty, "the roles of empty pillars come first: {:?}", labels(&items));
        assert!(!labels(&items).contains(&"mentor"), "already on the line");
        let range = edit(investor).range;
        assert_eq!(&snapshot.text[snapshot.positions().span(range).range()], "in");
    }

    #[test]
    fn roles_complete_on_a_broken_line_under_an_unterminated_string() {
        let (snapshot, items) = complete("person ada \"Ada\"\n  note \"never closed\n  role ment|\n");
        let items = items.expect("roles");
        let mentor = find(&items, "mentor");
        assert_eq!(mentor.detail.as_deref(), Some("pathfinders (empty)"), "nobody plays a role yet");
        assert_eq!(&snapshot.text[snapshot.positions().span(edit(mentor).range).range()], "ment");
    }

    #[test]
    fn a_comma_without_a_space_gets_one() {
        let (_, items) = complete(&format!("{NETWORK}  role mentor,|"));
        assert_eq!(edit(find(&items.expect("roles"), "sponsor")).new_text, " sponsor");
    }

    #[test]
    fn kinds_with_depth_meaningful_first() {
        let (_, items) = complete(&format!("{NETWORK}  2026-11-25 |"));
        let items = items.expect("kinds");
        assert_eq!(labels(&items)[0], "meet");
        assert_eq!(find(&items, "coffee").detail.as_deref(), Some("meaningful"));
        let email = find(&items, "email");
        assert_eq!(email.detail.as_deref(), Some("light"));
        assert!(documentation(email).contains("`email!` counts one as meaningful"));
    }

    #[test]
    fn person_ids_with_display_names_replacing_the_partial_id() {
        let (snapshot, items) = complete(&format!("{NETWORK}  via @a|"));
        let items = items.expect("people");
        assert_eq!(labels(&items), ["ada"], "not grace herself");
        let ada = &items[0];
        assert_eq!(ada.detail.as_deref(), Some("Ada Lovelace"));
        assert_eq!(edit(ada).new_text, "ada");
        assert_eq!(&snapshot.text[snapshot.positions().span(edit(ada).range).range()], "a");
        assert!(documentation(ada).contains("Last meaningful: coffee on 2026-03-14"));
    }

    #[test]
    fn via_without_an_at_sign_inserts_one_and_mentions_complete_in_strings() {
        let (_, items) = complete(&format!("{NETWORK}  via |"));
        assert_eq!(edit(find(&items.expect("people"), "ada")).new_text, "@ada");
        let (_, items) = complete(&format!("{NETWORK}  note \"thanks to @|\""));
        assert_eq!(edit(find(&items.expect("people"), "ada")).new_text, "ada");
    }

    #[test]
    fn tags_used_in_the_file_most_used_first() {
        let (_, items) = complete(&format!("{NETWORK}  tags |"));
        let items = items.expect("tags");
        assert_eq!(labels(&items), ["math", "computing"]);
        assert_eq!(items[0].detail.as_deref(), Some("tag of 2 people"));
        let (_, items) = complete(&format!("{NETWORK}  tags math, |"));
        assert_eq!(labels(&items.expect("tags")), ["computing"]);
    }

    #[test]
    fn settings_values_and_rule_codes() {
        let (_, items) = complete("set |");
        let items = items.expect("keys");
        assert_eq!(find(&items, "stale-after").detail.as_deref(), Some("DURATION (default 6m)"));
        assert_eq!(find(&items, "allow").detail.as_deref(), Some("ID, ID…"));
        let (_, items) = complete("set builtin-roles |");
        assert_eq!(labels(&items.expect("switch")), ["on", "off"]);
        let (_, items) = complete("set allow no-context, |");
        let items = items.expect("rules");
        assert!(!labels(&items).contains(&"no-context"));
        let stale = find(&items, "stale");
        assert_eq!(
            stale.detail.as_deref(),
            Some(kith_core::rules::rule("stale").expect("stale exists").info().summary)
        );
        let (_, items) = complete(&format!("{NETWORK}  allow |"));
        assert!(labels(&items.expect("rules")).contains(&"one-sided"));
    }

    #[test]
    fn pillars_in_a_role_declaration() {
        let (_, items) = complete("pillar family \"the people at home\"\nrole elder \"wise\"\n  pillar |");
        let items = items.expect("pillars");
        assert_eq!(find(&items, "family").detail.as_deref(), Some("the people at home"));
        assert!(documentation(find(&items, "pit-crew")).contains("Roles: nurturer, confidant, truth-teller."));
    }

    #[test]
    fn nothing_in_comments_or_new_ids() {
        assert_eq!(complete(&format!("{NETWORK}  role mentor # |")).1, None);
        assert_eq!(complete("person |").1, None);
    }

    #[test]
    fn descriptions_read_as_sentences() {
        assert_eq!(wording::sentence("a coffee together"), "A coffee together.");
        assert_eq!(wording::sentence("tells you what others won't."), "Tells you what others won't.");
        assert_eq!(wording::sentence(" "), "");
    }

    #[test]
    fn ranges_count_utf16_units() {
        let (_, items) = complete("person zoe \"Zoë 😀\"\n  note \"😀 @|\"\nperson ada \"Ada\"\n");
        let ada = find(items.as_deref().expect("people"), "ada");
        // `  note "😀 @` is 12 UTF-16 units: the emoji counts two.
        assert_eq!(edit(ada).range, Range::new(Position::new(1, 12), Position::new(1, 12)));
    }
}
