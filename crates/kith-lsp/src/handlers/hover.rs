//! `textDocument/hover`: markdown about the word under the cursor — a card for a person
//! (roles, org, cadence, last meaningful interaction, when the next is due), the meaning of
//! a role, pillar, kind, field, setting or rule code — followed by the explanation and fix
//! of every rule whose diagnostic covers the position.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::evidence::Evidence;
use kith_core::freshness::{self, Status};
use kith_core::model::{FieldValue, Person};
use kith_core::navigation::{self, SymbolKind};
use kith_core::rules::{self, RuleInfo};
use kith_core::vocabulary::{self, Depth, FieldName, FieldSpec, SettingSpec, ROLE_FIELD_SPECS};
use kith_core::wording::{self, sentence};
use kith_core::{Analysis, Span};
use tower_lsp_server::ls_types::request::HoverRequest;
use tower_lsp_server::ls_types::*;

pub(crate) struct Hovers;

impl DocumentRequest for Hovers {
    type Request = HoverRequest;

    fn uri(params: &HoverParams) -> &Uri {
        &params.text_document_position_params.text_document.uri
    }

    fn run(snapshot: &Snapshot, _: &Config, params: HoverParams) -> tower_lsp_server::jsonrpc::Result<Option<Hover>> {
        Ok({
            let offset = snapshot.positions().offset(params.text_document_position_params.position);
            hover(snapshot, offset)
        })
    }
}

/// What a hover is about.
enum Subject<'a> {
    Person(&'a Person),
    Role(&'a str),
    Pillar(&'a str),
    Kind { name: &'a str, marked: bool },
    Field(&'static FieldSpec),
    RoleDeclarationField(&'a str),
    Setting(&'static SettingSpec),
    Rule(&'static RuleInfo),
}

/// The hover at byte `offset`, or `None` when there is nothing to say about it.
pub(crate) fn hover(snapshot: &Snapshot, offset: usize) -> Option<Hover> {
    let analysis = &snapshot.analysis;
    let subject = subject_at(analysis, offset);
    let mut sections = Vec::new();
    let mut range = None;
    if let Some((subject, span)) = subject {
        if let Some(text) = describe(snapshot, &subject) {
            sections.push(text);
            range = Some(span);
        }
    }
    let mut explained: Vec<&str> = Vec::new();
    for lint in &analysis.lints {
        let squiggle = squiggle(&snapshot.text, lint.span);
        if !squiggle.contains(offset) || explained.contains(&lint.code) {
            continue;
        }
        if let Some(rule) = rules::rule(lint.code) {
            explained.push(lint.code);
            sections.push(explanation(rule.info()));
            range.get_or_insert(squiggle);
        }
    }
    let range = range?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(snapshot.positions().range(range)),
    })
}

/// The subject under `offset` and the span of its word: an id (person, role, pillar) via
/// `navigation`, else a kind, a field name, a setting key or an allowed rule code. A
/// cursor right after a word counts as on it when no word is under it.
fn subject_at(analysis: &Analysis, offset: usize) -> Option<(Subject<'_>, Span)> {
    let network = &analysis.network;
    let words = words(analysis);
    let inside = words.iter().position(|(_, span)| span.contains(offset));
    if inside.is_none() {
        if let Some(symbol) = navigation::symbol_at(network, offset) {
            return symbol_subject(analysis, symbol.kind, &symbol.id).map(|subject| (subject, symbol.span));
        }
    }
    let at = inside.or_else(|| words.iter().position(|(_, span)| span.end == offset))?;
    words.into_iter().nth(at)
}

/// Every word a hover can describe that `navigation` does not know about.
fn words(analysis: &Analysis) -> Vec<(Subject<'_>, Span)> {
    let network = &analysis.network;
    let mut words = Vec::new();
    for person in &network.people {
        for field in &person.fields {
            if let Some(name) = field.field {
                words.push((Subject::Field(name.spec()), field.name.span));
            }
            if let (Some(FieldName::Allow), FieldValue::Allow(codes)) = (field.field, &field.value) {
                words.extend(
                    codes.iter().filter_map(|code| Some((Subject::Rule(rules::rule(&code.name)?.info()), code.span()))),
                );
            }
        }
        for interaction in &person.interactions {
            if let Some(kind) = &interaction.kind {
                words.push((Subject::Kind { name: &kind.name.text, marked: kind.marked }, kind.name.span));
            }
        }
    }
    for role in &network.roles {
        words.extend(role.field_names.iter().map(|name| (Subject::RoleDeclarationField(&name.text), name.span)));
    }
    for setting in &network.setting_lines {
        if let Some(known) = setting.known {
            words.push((Subject::Setting(known), setting.key.span));
        }
    }
    for code in &network.settings.allow {
        if let Some(rule) = rules::rule(&code.name) {
            words.push((Subject::Rule(rule.info()), code.span()));
        }
    }
    words
}

/// An id under the cursor, when it names something that exists (a person always does).
fn symbol_subject<'a>(analysis: &'a Analysis, kind: SymbolKind, id: &str) -> Option<Subject<'a>> {
    match kind {
        SymbolKind::Person => analysis.network.person(id).map(Subject::Person),
        SymbolKind::Role => analysis.catalog.role(id).map(|role| Subject::Role(&role.id)),
        SymbolKind::Pillar => analysis.catalog.pillar(id).map(|pillar| Subject::Pillar(&pillar.id)),
    }
}

fn describe(snapshot: &Snapshot, subject: &Subject<'_>) -> Option<String> {
    let catalog = &snapshot.analysis.catalog;
    Some(match subject {
        Subject::Person(person) => person_card(snapshot, person),
        Subject::Role(id) => {
            let role = catalog.role(id)?;
            let pillar = role.pillar.as_deref().map_or("no pillar".to_string(), |pillar| format!("pillar `{pillar}`"));
            let origin = if role.declared_at.is_some() { "Declared in this file" } else { "Built in" };
            let mut lines = vec![format!("**{}** — role in {pillar}", role.id), sentence(&role.description)];
            if let Some(every) = role.every {
                lines.push(format!("Cadence for the people who play it: every {every}."));
            }
            let players: Vec<&str> = snapshot
                .analysis
                .network
                .people
                .iter()
                .filter(|person| person.roles().iter().any(|played| played.name == role.id))
                .map(Person::display_name)
                .collect();
            lines.push(match players.is_empty() {
                true => format!("{origin}; nobody plays it yet."),
                false => format!("{origin}; played by {}.", players.join(", ")),
            });
            lines.retain(|line| !line.is_empty());
            lines.join("\n\n")
        }
        Subject::Pillar(id) => {
            let pillar = catalog.pillar(id)?;
            let roles: Vec<String> = catalog.roles_in(id).map(|role| format!("`{}`", role.id)).collect();
            let roles = match roles.is_empty() {
                true => "No role belongs to it yet.".to_string(),
                false => format!("Roles: {}.", roles.join(", ")),
            };
            let lines = [format!("**{}** — pillar", pillar.id), sentence(&pillar.description), roles];
            lines.into_iter().filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n\n")
        }
        Subject::Kind { name, marked } => {
            let kind = vocabulary::kind(name)?;
            let effect = match (kind.depth, marked) {
                (Depth::Meaningful, _) => "It resets the staleness clock.".to_string(),
                (Depth::Light, true) => {
                    "Light by default, but marked meaningful with `!`: it resets the staleness clock.".to_string()
                }
                (Depth::Light, false) => {
                    format!("It does not reset the staleness clock; `{}!` marks one as meaningful.", kind.id)
                }
            };
            format!("**{}** — {} interaction\n\n{} {effect}", kind.id, kind.depth.as_str(), sentence(kind.description))
        }
        Subject::Field(spec) => {
            let repeats = if spec.repeats { "May be given several times." } else { "Given once per person." };
            format!("**{}** `{}` — person field\n\n{} {repeats}", spec.keyword, spec.value, sentence(spec.description))
        }
        Subject::RoleDeclarationField(name) => {
            let spec = ROLE_FIELD_SPECS.iter().find(|spec| spec.keyword == *name)?;
            format!("**{}** `{}` — role declaration field\n\n{}", spec.keyword, spec.value, sentence(spec.description))
        }
        Subject::Setting(spec) => {
            let default = match spec.default {
                "" => String::new(),
                default => format!(" (default `{default}`)"),
            };
            format!("**{}** `{}` — setting{default}\n\n{}", spec.key, spec.value, sentence(spec.description))
        }
        Subject::Rule(info) => {
            format!("**{}** — rule ({} by default)\n\n{}", info.code, info.severity, sentence(info.summary))
        }
    })
}

/// Who the person is, which roles they play, and how fresh the relationship is.
fn person_card(snapshot: &Snapshot, person: &Person) -> String {
    let analysis = &snapshot.analysis;
    let today = snapshot.today;
    let mut lines = vec![format!("**{}** · `@{}`", person.display_name(), person.id_name())];
    let roles: Vec<String> = person
        .roles()
        .iter()
        .map(|role| match analysis.catalog.role(&role.name) {
            Some(known) => match &known.pillar {
                Some(pillar) => format!("{} ({pillar})", known.id),
                None => format!("{} (no pillar)", known.id),
            },
            None => format!("{} (unknown role)", role.name),
        })
        .collect();
    let mut facts = Vec::new();
    match roles.is_empty() {
        true => facts.push("Wider network: no role".to_string()),
        false => facts.push(format!("Roles: {}", roles.join(", "))),
    }
    if let Some(org) = person.org() {
        facts.push(format!("Org: {}", org.value));
    }
    if let Some(FieldValue::Title(Some(title))) = person.field(FieldName::Title) {
        facts.push(format!("Title: {}", title.value));
    }
    let fresh = freshness::freshness(person, &analysis.catalog, &analysis.network.settings, today);
    match fresh.tracked() {
        true => facts.push(format!(
            "Cadence: every {}, from {}",
            fresh.cadence.every,
            wording::cadence_source(&fresh.cadence)
        )),
        false => facts.push("Cadence: not tracked (no role and no `every`)".to_string()),
    }
    match &fresh.last {
        Some(last) if last.what == "met" => {
            facts.push(format!(
                "Last meaningful: none logged; met on {} ({})",
                last.date,
                wording::relative(last.date, today)
            ));
        }
        Some(last) => {
            facts.push(format!(
                "Last meaningful: {} on {} ({})",
                last.what,
                last.date,
                wording::relative(last.date, today)
            ));
        }
        None => facts.push("Last meaningful: none logged, and no `met` date".to_string()),
    }
    let status = wording::capitalised(&wording::status(fresh.status, today));
    match fresh.status {
        Status::Untracked => {}
        Status::Never => facts.push(format!("**{status}**: log a meaningful interaction or when you met")),
        Status::Overdue { since } => facts.push(format!("**{status}** (was due {since})")),
        Status::Due { on } => facts.push(format!("{status} ({on})")),
    }
    lines.push(facts.iter().map(|fact| format!("- {fact}")).collect::<Vec<_>>().join("\n"));
    if !person.is_key() {
        let evidence = Evidence::of(&analysis.network, person, today);
        lines.push(match evidence.score(today) {
            0 => {
                "**As a key person**: no evidence yet — no interaction, `met` date or key person they know".to_string()
            }
            score => {
                let reasons: Vec<String> = evidence.reasons().iter().map(|reason| format!("- {reason}")).collect();
                format!("**As a key person** (evidence score {score}, as in `kith suggest`):\n{}", reasons.join("\n"))
            }
        });
    }
    lines.join("\n\n")
}

/// A rule's summary and its `## Fix` section.
fn explanation(info: &RuleInfo) -> String {
    let mut text = format!("**{}** ({}): {}", info.code, info.severity, sentence(info.summary));
    if let Some(fix) = section(info.docs, "Fix") {
        text.push_str(&format!("\n\n**Fix.** {fix}"));
    }
    text
}

/// The body of the markdown section `## {title}` of `docs`, trimmed.
fn section<'a>(docs: &'a str, title: &str) -> Option<&'a str> {
    let heading = format!("## {title}\n");
    let start = docs.find(&heading)? + heading.len();
    let body = &docs[start..];
    let end = body.find("\n## ").unwrap_or(body.len());
    Some(body[..end].trim())
}

/// Where an editor draws a diagnostic: its span, or for an empty one the word at (or
/// else just before) its position.
fn squiggle(text: &str, span: Span) -> Span {
    if !span.is_empty() {
        return span;
    }
    let bytes = text.as_bytes();
    let is_word = |at: usize| bytes.get(at).is_some_and(|byte| !byte.is_ascii_whitespace() && *byte != b',');
    let (mut start, mut end) = (span.start, span.start);
    while is_word(end) {
        end += 1;
    }
    if end == start {
        while start > 0 && is_word(start - 1) {
            start -= 1;
        }
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::testing::snapshot;

    /// The hover `delta` bytes into the `nth` occurrence of `needle`: its markdown and the
    /// text its range covers.
    fn hover_on(snapshot: &Snapshot, needle: &str, nth: usize, delta: usize) -> Option<(String, String)> {
        let offset = snapshot.text.match_indices(needle).nth(nth).map(|(at, _)| at).expect("the needle is in the text");
        let hover = hover(snapshot, offset + delta)?;
        let HoverContents::Markup(content) = hover.contents else { panic!("hovers are markdown") };
        let range = hover.range.expect("hovers have a range");
        Some((content.value, snapshot.text[snapshot.positions().span(range).range()].to_string()))
    }

    const NETWORK: &str = "\
set stale-after 6m
set allow unfilled-role

role investor \"backs my ventures\"
  pillar promoters
  every 2m

person ada \"Ada Lovelace\"
  role mentor, truth-teller
  org \"Analytical Engines Ltd\"
  title \"Countess\"
  met 2019-04-02
  2026-03-14 coffee \"Talked it through\"
  2026-05-02 email \"Sent her my draft\"

person grace \"Grace Hopper\"
  role investor
  via @ada
  allow no-context
  2026-10-01 email! \"Long letter to @ada\"

person charles \"Charles Babbage\"
  met 2024-01-10
";

    #[test]
    fn a_person_card_from_the_header_id() {
        let snapshot = snapshot(NETWORK);
        let (markdown, word) = hover_on(&snapshot, "ada \"Ada", 0, 1).expect("a card");
        assert_eq!(word, "ada");
        assert!(markdown.starts_with("**Ada Lovelace** · `@ada`"), "{markdown}");
        assert!(markdown.contains("- Roles: mentor (pathfinders), truth-teller (pit-crew)"), "{markdown}");
        assert!(markdown.contains("- Org: Analytical Engines Ltd\n- Title: Countess"), "{markdown}");
        assert!(markdown.contains("- Cadence: every 6 months, from the file's `set stale-after 6m`"), "{markdown}");
        assert!(markdown.contains("- Last meaningful: coffee on 2026-03-14 (8 months ago)"), "{markdown}");
        assert!(markdown.contains("- **2 months overdue** (was due 2026-09-14)"), "{markdown}");
        assert!(markdown.contains("**stale** (warning)"), "the stale diagnostic on the id is explained: {markdown}");
    }

    #[test]
    fn a_card_from_a_via_reference_and_a_mention_with_role_cadence() {
        let snapshot = snapshot(NETWORK);
        let (markdown, word) = hover_on(&snapshot, "@ada", 0, 0).expect("a card from via");
        assert_eq!(word, "ada");
        assert!(markdown.starts_with("**Ada Lovelace**"));
        let (from_mention, _) = hover_on(&snapshot, "@ada", 1, 2).expect("a card from a mention");
        assert!(from_mention.starts_with("**Ada Lovelace**"));
        let (grace, _) = hover_on(&snapshot, "grace \"", 0, 0).expect("grace's card");
        assert!(grace.contains("- Cadence: every 2 months, from the `every 2m` of their role `investor`"), "{grace}");
        assert!(grace.contains("- Last meaningful: email on 2026-10-01 (1 month ago)"), "{grace}");
        assert!(grace.contains("- Due in 6 days (2026-12-01)"), "{grace}");
    }

    #[test]
    fn the_wider_network_is_not_tracked_and_met_stands_in() {
        let snapshot = snapshot(NETWORK);
        let (markdown, _) = hover_on(&snapshot, "charles", 0, 0).expect("a card");
        assert!(markdown.contains("- Wider network: no role"), "{markdown}");
        assert!(markdown.contains("- Cadence: not tracked"), "{markdown}");
        assert!(markdown.contains("- Last meaningful: none logged; met on 2024-01-10 (2 years ago)"), "{markdown}");
        assert!(!markdown.contains("overdue") && !markdown.contains("Due"), "{markdown}");
        assert!(
            markdown.contains("**As a key person** (evidence score 4, as in `kith suggest`):\n- known since 2024"),
            "{markdown}"
        );
    }

    #[test]
    fn roles_and_pillars_describe_themselves() {
        let snapshot = snapshot(NETWORK);
        let (mentor, word) = hover_on(&snapshot, "mentor", 0, 2).expect("mentor");
        assert_eq!(word, "mentor");
        assert!(
            mentor.starts_with("**mentor** — role in pillar `pathfinders`\n\nHas walked the road ahead of you"),
            "{mentor}"
        );
        assert!(mentor.contains("Built in; played by Ada Lovelace."), "{mentor}");
        let (investor, _) = hover_on(&snapshot, "investor \"", 0, 0).expect("the declaration");
        assert!(investor.contains("Backs my ventures") && investor.contains("every 2 months"), "{investor}");
        assert!(investor.contains("Declared in this file; played by Grace Hopper."), "{investor}");
        let (pillar, word) = hover_on(&snapshot, "promoters", 0, 0).expect("pillar");
        assert_eq!(word, "promoters");
        assert!(pillar.starts_with("**promoters** — pillar\n\nCheer you on and open doors"), "{pillar}");
        assert!(pillar.contains("`investor`"), "{pillar}");
    }

    #[test]
    fn kinds_fields_settings_and_rule_codes() {
        let snapshot = snapshot(NETWORK);
        let (coffee, word) = hover_on(&snapshot, "coffee", 0, 3).expect("kind");
        assert_eq!(word, "coffee");
        assert!(coffee.starts_with("**coffee** — meaningful interaction"), "{coffee}");
        let (email, _) = hover_on(&snapshot, "email \"Sent", 0, 0).expect("light kind");
        assert!(email.contains("light interaction") && email.contains("`email!` marks one"), "{email}");
        let (marked, word) = hover_on(&snapshot, "email!", 0, 0).expect("marked kind");
        assert_eq!(word, "email");
        assert!(marked.contains("marked meaningful with `!`"), "{marked}");
        let (org, word) = hover_on(&snapshot, "org", 0, 1).expect("field");
        assert_eq!(word, "org");
        assert!(org.starts_with("**org** `STRING` — person field\n\nWhere they work. Given once"), "{org}");
        let (every, _) = hover_on(&snapshot, "every 2m", 0, 0).expect("role field");
        assert!(every.contains("role declaration field"), "{every}");
        let (setting, word) = hover_on(&snapshot, "stale-after", 0, 0).expect("setting");
        assert_eq!(word, "stale-after");
        assert!(setting.starts_with("**stale-after** `DURATION` — setting (default `6m`)"), "{setting}");
        let (rule, _) = hover_on(&snapshot, "no-context", 0, 0).expect("an allowed rule");
        assert!(rule.starts_with("**no-context** — rule (hint by default)"), "{rule}");
        let (rule, _) = hover_on(&snapshot, "unfilled-role", 0, 0).expect("a file-wide allowed rule");
        assert!(rule.starts_with("**unfilled-role** — rule"), "{rule}");
    }

    #[test]
    fn a_diagnostic_alone_is_explained_with_its_fix() {
        let snapshot = snapshot("person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n");
        let (markdown, word) = hover_on(&snapshot, "mentr", 0, 1).expect("the diagnostic is explained");
        assert_eq!(word, "mentr");
        assert!(
            markdown.starts_with("**unknown-role** (error): A role that is neither built in nor declared"),
            "{markdown}"
        );
        assert!(markdown.contains("**Fix.** Correct the spelling (`mentor`) or declare the role"), "{markdown}");
        assert!(!markdown.contains("## Why"), "only the fix section: {markdown}");
    }

    #[test]
    fn an_empty_diagnostic_span_covers_the_word_there() {
        let text = "person ada \"Ada\"\n  role mentor\n  met 2020-01-01\n";
        let snapshot = snapshot(text);
        // The file-wide `empty-pillar` sits at offset 0, on `person`.
        let (markdown, word) = hover_on(&snapshot, "person", 0, 3).expect("file-wide lints");
        assert_eq!(word, "person");
        assert!(markdown.contains("**empty-pillar** (info)"), "{markdown}");
        assert_eq!(squiggle("ab  cd", Span::empty(4)), Span::new(4, 6));
        assert_eq!(squiggle("ab  cd", Span::empty(2)), Span::new(0, 2));
        assert_eq!(squiggle("ab\n", Span::empty(2)), Span::new(0, 2));
    }

    #[test]
    fn nothing_on_blank_space() {
        let snapshot = snapshot("person ada \"Ada\"\n  met 2020-01-01\n\n\n");
        assert_eq!(hover(&snapshot, snapshot.text.len() - 1), None);
        let inside_the_name = snapshot.text.find("\"Ada").expect("the name") + 1;
        assert_eq!(hover(&snapshot, inside_the_name), None, "a display name is no subject");
    }

    #[test]
    fn sections_are_cut_at_the_next_heading() {
        assert_eq!(section("## What\nx\n## Fix\nDo y.\n\n## After\nz", "Fix"), Some("Do y."));
        assert_eq!(section("## What\nx", "Fix"), None);
    }
}
