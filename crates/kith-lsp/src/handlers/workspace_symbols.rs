//! `workspace/symbol`: the people of every open document whose id or display name matches
//! the query (fuzzily, ignoring case), best matches first.

use crate::document::Snapshot;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::cmp::Reverse;
use tower_lsp_server::ls_types::*;

/// The people of `snapshots` matching `query`, best first; an empty query matches everyone.
/// A symbol's name holds both the display name and the id (`Ada Lovelace (@ada)`), since
/// editors filter the answer again by name.
pub(crate) fn workspace_symbols(snapshots: &[Snapshot], query: &str) -> Vec<WorkspaceSymbol> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let query = query.trim();
    let mut scored = Vec::new();
    for snapshot in snapshots {
        let positions = snapshot.positions();
        for person in &snapshot.analysis.network.people {
            let Some(id) = &person.id else { continue };
            let display_name = person.name.as_ref().map(|name| name.value.as_str());
            let candidates = std::iter::once(id.name.as_str()).chain(display_name);
            let Some(score) = candidates.filter_map(|candidate| matcher.fuzzy_match(candidate, query)).max() else {
                continue;
            };
            let name = match display_name {
                Some(display_name) => format!("{display_name} (@{})", id.name),
                None => format!("@{}", id.name),
            };
            let roles: Vec<&str> = person.roles().iter().map(|role| role.name.as_str()).collect();
            let symbol = WorkspaceSymbol {
                name,
                kind: if person.is_key() { SymbolKind::CLASS } else { SymbolKind::OBJECT },
                tags: None,
                container_name: (!roles.is_empty()).then(|| roles.join(", ")),
                location: OneOf::Left(Location::new(snapshot.uri.clone(), positions.range(id.span()))),
                data: None,
            };
            let order = (Reverse(score), symbol.name.clone(), snapshot.uri.as_str().to_string(), id.span().start);
            scored.push((order, symbol));
        }
    }
    scored.sort_by(|(order, _), (other, _)| order.cmp(other));
    scored.into_iter().map(|(_, symbol)| symbol).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::testing::snapshot;

    fn names(symbols: &[WorkspaceSymbol]) -> Vec<&str> {
        symbols.iter().map(|symbol| symbol.name.as_str()).collect()
    }

    #[test]
    fn ids_and_display_names_match_ignoring_case_and_fuzzily() {
        let network = snapshot("person ada \"Ada Lovelace\"\n  role mentor\n\nperson grace \"Grace Hopper\"\n\nperson charles \"Charles Babbage\"\n");
        let snapshots = [network];
        assert_eq!(names(&workspace_symbols(&snapshots, "LOVE")), ["Ada Lovelace (@ada)"]);
        assert_eq!(names(&workspace_symbols(&snapshots, "grace")), ["Grace Hopper (@grace)"]);
        assert_eq!(names(&workspace_symbols(&snapshots, "gh")), ["Grace Hopper (@grace)"], "initials match fuzzily");
        assert_eq!(workspace_symbols(&snapshots, "").len(), 3);
        assert!(workspace_symbols(&snapshots, "zzz").is_empty());
        let ada = &workspace_symbols(&snapshots, "ada")[0];
        assert_eq!((ada.kind, ada.container_name.as_deref()), (SymbolKind::CLASS, Some("mentor")));
    }

    #[test]
    fn a_closer_match_comes_first() {
        let network = snapshot("person bob \"Robert Oberon\"\n\nperson rob \"Rob\"\n");
        let snapshots = [network];
        assert_eq!(names(&workspace_symbols(&snapshots, "rob")), ["Rob (@rob)", "Robert Oberon (@bob)"]);
    }
}
