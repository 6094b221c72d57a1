//! `textDocument/references`: every place the person id under the cursor is written —
//! headers (when the declaration is asked for), `via`, `knows` and mentions in strings —
//! in every file of the document's network.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::navigation::{self, SymbolKind};
use tower_lsp_server::ls_types::request::References as ReferencesRequest;
use tower_lsp_server::ls_types::*;

pub(crate) struct References;

impl DocumentRequest for References {
    type Request = ReferencesRequest;

    fn uri(params: &ReferenceParams) -> &Uri {
        &params.text_document_position.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        params: ReferenceParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<Vec<Location>>> {
        Ok({
            let position = params.text_document_position.position;
            references(snapshot, position, params.context.include_declaration)
        })
    }
}

/// The occurrences of the person id at `position`, in source order; `None` off a person id.
pub(crate) fn references(snapshot: &Snapshot, position: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let positions = snapshot.positions();
    if let Some(network) = &snapshot.network {
        // Across the files of the network.
        let joined = &network.analysis.network;
        let symbol = navigation::symbol_at(joined, network.joined_offset(positions.offset(position)))
            .filter(|symbol| symbol.kind == SymbolKind::Person)?;
        let locations = navigation::person_occurrences(joined, &symbol.id)
            .into_iter()
            .filter(|occurrence| include_declaration || !occurrence.is_declaration())
            .filter_map(|occurrence| network.location(occurrence.span, snapshot.encoding))
            .collect();
        return Some(locations);
    }
    let network = &snapshot.analysis.network;
    let symbol = navigation::symbol_at(network, positions.offset(position))
        .filter(|symbol| symbol.kind == SymbolKind::Person)?;
    let locations = navigation::person_occurrences(network, &symbol.id)
        .into_iter()
        .filter(|occurrence| include_declaration || !occurrence.is_declaration())
        .map(|occurrence| Location::new(snapshot.uri.clone(), positions.range(occurrence.span)))
        .collect();
    Some(locations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::testing::{position_of, snapshot};

    const TEXT: &str =
        "person ada \"Ada\"\n\nperson grace \"Grace\"\n  via @ada\n  knows @ada\n  note \"met @ada, @bob\"\n";

    fn lines(locations: &[Location]) -> Vec<(u32, u32)> {
        locations.iter().map(|location| (location.range.start.line, location.range.start.character)).collect()
    }

    #[test]
    fn the_declaration_is_included_only_when_asked_for() {
        let snapshot = snapshot(TEXT);
        let at = position_of(&snapshot, "@ada", 1);
        let all = references(&snapshot, at, true).expect("ada is a person");
        assert_eq!(lines(&all), [(0, 7), (3, 7), (4, 9), (5, 13)]);
        let without = references(&snapshot, at, false).expect("ada is a person");
        assert_eq!(lines(&without), [(3, 7), (4, 9), (5, 13)]);
    }

    #[test]
    fn nothing_is_found_off_a_person_id() {
        let snapshot = snapshot(TEXT);
        assert_eq!(references(&snapshot, position_of(&snapshot, "@bob", 1), true), None, "bob is nobody");
        assert_eq!(references(&snapshot, position_of(&snapshot, "note", 1), true), None);
    }
}
