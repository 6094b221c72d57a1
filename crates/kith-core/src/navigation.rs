//! Navigation facts for editors: which person, role or pillar id sits at an offset, where
//! it is declared, every place a person id is written, and whether a person can be renamed
//! to a new id — the pure core of go-to-definition, find-references and rename.

use crate::catalog::Catalog;
use crate::model::{FieldValue, Id, Network, ReferenceOrigin};
use crate::text::Span;
use crate::values;
use std::fmt;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Person,
    Role,
    Pillar,
}

/// An id written at some place: what it names and the span of the id alone (without `@`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub kind: SymbolKind,
    /// The id the analysis uses (lower-case, hyphenated even when written otherwise).
    pub id: String,
    pub span: Span,
}

/// How a person id is written at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OccurrenceKind {
    /// The id in a `person` header.
    Header,
    Via,
    Knows,
    /// An `@id` inside a string.
    Mention,
}

/// One place a person id is written; `span` covers the id alone, without `@`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub kind: OccurrenceKind,
}

impl Occurrence {
    pub fn is_declaration(&self) -> bool {
        self.kind == OccurrenceKind::Header
    }
}

/// The id at `offset`: a person's header id, a `via`/`knows` reference or a string mention
/// naming a person of this file, a role in a person's `role` line or a role declaration,
/// or a pillar in a role's `pillar` line or a pillar declaration. A cursor right after an
/// id (where editors put it after a double-click or typing) counts as on it; `@` counts as
/// part of a reference. References to nobody are not symbols.
pub fn symbol_at(network: &Network, offset: usize) -> Option<Symbol> {
    let candidates = symbols(network);
    let inside = candidates.iter().find(|(_, written)| written.contains(offset));
    let touching = || candidates.iter().find(|(_, written)| written.end == offset);
    inside.or_else(touching).map(|(symbol, _)| symbol.clone())
}

/// Every symbol of the file with the span it is written over (a reference's includes `@`).
fn symbols(network: &Network) -> Vec<(Symbol, Span)> {
    let mut found = Vec::new();
    let mut push = |kind, id: &Id| {
        found.push((Symbol { kind, id: id.name.clone(), span: id.span() }, id.span()));
    };
    for person in &network.people {
        if let Some(id) = &person.id {
            push(SymbolKind::Person, id);
        }
        for field in &person.fields {
            if let FieldValue::Role(roles) = &field.value {
                roles.iter().for_each(|role| push(SymbolKind::Role, role));
            }
        }
    }
    for role in &network.roles {
        if let Some(id) = &role.id {
            push(SymbolKind::Role, id);
        }
        if let Some(pillar) = &role.pillar {
            push(SymbolKind::Pillar, pillar);
        }
    }
    for pillar in &network.pillars {
        if let Some(id) = &pillar.id {
            push(SymbolKind::Pillar, id);
        }
    }
    for reference in network.resolved_references() {
        let symbol = Symbol { kind: SymbolKind::Person, id: reference.target.clone(), span: reference.id_span() };
        found.push((symbol, reference.span));
    }
    found
}

/// Where `symbol` is declared: the first person with its id, or the first declaration of
/// the role or pillar. Built-in roles and pillars the file does not declare have none.
pub fn declaration(network: &Network, catalog: &Catalog, symbol: &Symbol) -> Option<Span> {
    match symbol.kind {
        SymbolKind::Person => network.person(&symbol.id).and_then(|person| person.id.as_ref()).map(Id::span),
        SymbolKind::Role => catalog.role(&symbol.id).and_then(|role| role.declared_at),
        SymbolKind::Pillar => catalog.pillar(&symbol.id).and_then(|pillar| pillar.declared_at),
    }
}

/// Every place the person id `id` is written, in source order: each header with that id
/// (a duplicate's too), `via` and `knows` references, and mentions inside strings (which
/// are references only when the person exists). Empty when no person has the id.
pub fn person_occurrences(network: &Network, id: &str) -> Vec<Occurrence> {
    if network.person(id).is_none() {
        return Vec::new();
    }
    let headers = network
        .people
        .iter()
        .filter_map(|person| person.id.as_ref())
        .filter(|header| header.name == id)
        .map(|header| Occurrence { span: header.span(), kind: OccurrenceKind::Header });
    let references = network.references.iter().filter(|reference| reference.target == id).map(|reference| {
        let kind = match reference.origin {
            ReferenceOrigin::Via => OccurrenceKind::Via,
            ReferenceOrigin::Knows => OccurrenceKind::Knows,
            ReferenceOrigin::Mention => OccurrenceKind::Mention,
        };
        Occurrence { span: reference.id_span(), kind }
    });
    let mut occurrences: Vec<Occurrence> = headers.chain(references).collect();
    occurrences.sort_by_key(|occurrence| occurrence.span);
    occurrences
}

/// Why a person cannot be renamed to the id asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// Not `[a-z][a-z0-9_-]*`; `suggestion` is its lower-case, hyphenated form when that
    /// form is free.
    InvalidId { given: String, suggestion: Option<String> },
    /// Another person already has the id.
    Taken { given: String, owner: String },
}

impl fmt::Display for RenameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenameError::InvalidId { given, suggestion } => {
                write!(f, "`{given}` is not a valid id: use lower-case letters, digits, - and _")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => write!(f, ", starting with a letter"),
                }
            }
            RenameError::Taken { given, owner } => write!(f, "`{given}` is already {owner}'s id"),
        }
    }
}

impl std::error::Error for RenameError {}

/// The spans to replace with `new_id` to rename the person `id` (every occurrence, see
/// [`person_occurrences`]), or why `new_id` cannot be used. Renaming to the id itself is
/// allowed and changes nothing.
pub fn rename_person(network: &Network, id: &str, new_id: &str) -> Result<Vec<Span>, RenameError> {
    let is_free = |candidate: &str| candidate == id || network.person(candidate).is_none();
    if !values::is_valid_id(new_id) {
        let suggestion = values::normalize_id(new_id).filter(|normalized| is_free(normalized));
        return Err(RenameError::InvalidId { given: new_id.to_string(), suggestion });
    }
    if let Some(owner) = network.person(new_id).filter(|_| new_id != id) {
        return Err(RenameError::Taken { given: new_id.to_string(), owner: owner.display_name().to_string() });
    }
    Ok(person_occurrences(network, id).into_iter().map(|occurrence| occurrence.span).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::TODAY;

    const NETWORK: &str = "\
pillar family \"the people at home\"

role elder \"has seen it all\"
  pillar family

person ada \"Ada Lovelace\"
  role mentor, elder
  knows @grace, @nobody
  2026-03-14 coffee \"Talked about @grace and @charles\"

person grace \"Grace Hopper\"
  via @ada
  note \"Thanks to @ada; email@ada.org is no mention\"
";

    fn symbol_at_text(source: &str, needle: &str, delta: usize) -> Option<Symbol> {
        let analysis = crate::check(source, TODAY);
        let offset = source.find(needle).expect("the needle is in the source") + delta;
        symbol_at(&analysis.network, offset)
    }

    fn written(source: &str, spans: impl IntoIterator<Item = Span>) -> Vec<&str> {
        spans.into_iter().map(|span| &source[span.range()]).collect()
    }

    #[test]
    fn a_person_id_is_found_on_headers_references_and_mentions() {
        for (needle, delta) in [("ada \"Ada", 0), ("ada \"Ada", 3), ("@ada\n", 0), ("@ada\n", 2), ("@ada;", 4)] {
            let symbol = symbol_at_text(NETWORK, needle, delta).expect("a symbol");
            assert_eq!((symbol.kind, symbol.id.as_str()), (SymbolKind::Person, "ada"), "{needle:?} + {delta}");
            assert_eq!(&NETWORK[symbol.span.range()], "ada", "the span has no `@`");
        }
        let grace = symbol_at_text(NETWORK, "@grace and", 1).expect("a mention");
        assert_eq!(grace.id, "grace");
    }

    #[test]
    fn references_to_nobody_and_plain_text_are_not_symbols() {
        assert_eq!(symbol_at_text(NETWORK, "@nobody", 2), None);
        assert_eq!(symbol_at_text(NETWORK, "@charles", 2), None, "a mention of nobody is plain text");
        assert_eq!(symbol_at_text(NETWORK, "email@ada.org", 7), None, "an email is not a mention");
        assert_eq!(symbol_at_text(NETWORK, "Talked", 1), None);
    }

    #[test]
    fn inside_an_id_wins_over_touching_the_end_of_the_one_before() {
        let source = "person ada \"Ada\"\nperson bob \"Bob\"\n  knows @ada,@bob\n";
        assert_eq!(symbol_at_text(source, ",@bob", 0).map(|symbol| symbol.id), Some("ada".to_string()));
        assert_eq!(symbol_at_text(source, ",@bob", 1).map(|symbol| symbol.id), Some("bob".to_string()));
    }

    #[test]
    fn roles_and_pillars_lead_to_their_declarations() {
        let analysis = crate::check(NETWORK, TODAY);
        let declaration_of = |needle: &str| {
            let offset = NETWORK.find(needle).expect("in the source") + 1;
            let symbol = symbol_at(&analysis.network, offset).expect("a symbol");
            declaration(&analysis.network, &analysis.catalog, &symbol)
        };
        let elder = declaration_of("elder\n").expect("elder is declared");
        assert_eq!(
            elder,
            Span::new(NETWORK.find("elder \"").expect("header"), NETWORK.find("elder \"").expect("header") + 5)
        );
        let family = declaration_of("family\n").expect("family is declared");
        assert_eq!(family.start, NETWORK.find("family \"").expect("header"));
        assert_eq!(declaration_of("mentor"), None, "a built-in role the file does not declare");
        let symbol = symbol_at_text(NETWORK, "mentor", 0).expect("a role");
        assert_eq!(symbol.kind, SymbolKind::Role);
    }

    #[test]
    fn a_person_is_declared_at_the_first_header_with_the_id() {
        let source = "person ada \"Ada\"\nperson ada \"Ada again\"\nperson bob \"Bob\"\n  via @ada\n";
        let analysis = crate::check(source, TODAY);
        let symbol = symbol_at(&analysis.network, source.find("@ada").expect("via") + 1).expect("a reference");
        assert_eq!(declaration(&analysis.network, &analysis.catalog, &symbol), Some(Span::new(7, 10)));
    }

    #[test]
    fn occurrences_cover_headers_via_knows_and_resolved_mentions_in_order() {
        let analysis = crate::check(NETWORK, TODAY);
        let grace = person_occurrences(&analysis.network, "grace");
        let kinds: Vec<OccurrenceKind> = grace.iter().map(|occurrence| occurrence.kind).collect();
        assert_eq!(kinds, [OccurrenceKind::Knows, OccurrenceKind::Mention, OccurrenceKind::Header]);
        assert_eq!(written(NETWORK, grace.iter().map(|occurrence| occurrence.span)), ["grace"; 3]);
        let ada = person_occurrences(&analysis.network, "ada");
        let kinds: Vec<OccurrenceKind> = ada.iter().map(|occurrence| occurrence.kind).collect();
        assert_eq!(kinds, [OccurrenceKind::Header, OccurrenceKind::Via, OccurrenceKind::Mention]);
        assert!(person_occurrences(&analysis.network, "nobody").is_empty());
        assert!(person_occurrences(&analysis.network, "charles").is_empty());
    }

    #[test]
    fn renaming_replaces_every_occurrence_and_leaves_no_unknown_reference() {
        let analysis = crate::check(NETWORK, TODAY);
        let mut spans = rename_person(&analysis.network, "ada", "ava").expect("ava is free");
        spans.sort_by_key(|span| std::cmp::Reverse(span.start));
        let mut renamed = NETWORK.to_string();
        for span in spans {
            renamed.replace_range(span.range(), "ava");
        }
        assert!(renamed.contains("person ava \"Ada Lovelace\"") && renamed.contains("via @ava"));
        assert!(renamed.contains("Thanks to @ava;") && renamed.contains("email@ada.org"));
        let after = crate::check(&renamed, TODAY);
        let unknown: Vec<_> = after.lints.iter().filter(|lint| lint.code == "unknown-reference").collect();
        assert_eq!(unknown.len(), 1, "only the old `@nobody` stays unknown: {unknown:#?}");
    }

    #[test]
    fn an_id_written_with_capitals_is_renamed_whole() {
        let source = "person Ada \"Ada\"\nperson bob \"Bob\"\n  via @ada\n";
        let analysis = crate::check(source, TODAY);
        let spans = rename_person(&analysis.network, "ada", "ava").expect("free");
        assert_eq!(written(source, spans), ["Ada", "ada"]);
    }

    #[test]
    fn invalid_and_taken_new_ids_are_refused_with_a_reason() {
        let analysis = crate::check(NETWORK, TODAY);
        let network = &analysis.network;
        let invalid = rename_person(network, "ada", "Ava").expect_err("capitals");
        assert_eq!(
            invalid.to_string(),
            "`Ava` is not a valid id: use lower-case letters, digits, - and _; did you mean `ava`?"
        );
        let taken = rename_person(network, "ada", "grace").expect_err("grace exists");
        assert_eq!(taken.to_string(), "`grace` is already Grace Hopper's id");
        let taken_suggestion = rename_person(network, "ada", "Grace").expect_err("capitals");
        assert_eq!(taken_suggestion, RenameError::InvalidId { given: "Grace".to_string(), suggestion: None });
        let hopeless = rename_person(network, "ada", "42").expect_err("digits only");
        assert_eq!(
            hopeless.to_string(),
            "`42` is not a valid id: use lower-case letters, digits, - and _, starting with a letter"
        );
        assert_eq!(
            rename_person(network, "ada", "ada").map(|spans| spans.len()),
            Ok(3),
            "renaming to itself is harmless"
        );
    }
}
