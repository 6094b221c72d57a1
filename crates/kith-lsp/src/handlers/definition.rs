//! `textDocument/definition`: from a person id (header, `@` reference or mention in a
//! string) to the person's header; from a role or pillar id to its declaration — in any
//! file of the document's network.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::navigation;
use tower_lsp_server::ls_types::request::GotoDefinition;
use tower_lsp_server::ls_types::*;

pub(crate) struct Definition;

impl DocumentRequest for Definition {
    type Request = GotoDefinition;

    fn uri(params: &GotoDefinitionParams) -> &Uri {
        &params.text_document_position_params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        params: GotoDefinitionParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<GotoDefinitionResponse>> {
        Ok(definition(snapshot, params.text_document_position_params.position).map(GotoDefinitionResponse::Scalar))
    }
}

/// Where the id at `position` is declared; `None` off an id, on a reference to nobody, or
/// on a built-in role or pillar the file does not declare.
pub(crate) fn definition(snapshot: &Snapshot, position: Position) -> Option<Location> {
    let positions = snapshot.positions();
    if let Some(network) = &snapshot.network {
        // Across the files of the network: the declaration may be in another one.
        let analysis = &network.analysis;
        let symbol = navigation::symbol_at(&analysis.network, network.joined_offset(positions.offset(position)))?;
        let declared = navigation::declaration(&analysis.network, &analysis.catalog, &symbol)?;
        return network.location(declared, snapshot.encoding);
    }
    let analysis = &snapshot.analysis;
    let symbol = navigation::symbol_at(&analysis.network, positions.offset(position))?;
    let declared = navigation::declaration(&analysis.network, &analysis.catalog, &symbol)?;
    Some(Location::new(snapshot.uri.clone(), positions.range(declared)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::testing::{position_of, snapshot, text_at};

    const TEXT: &str = "role elder \"has seen it all\"\n\nperson ada \"Ada 😀 Lovelace\"\n  role elder, mentor\n\nperson grace \"Grace\"\n  2026-01-02 coffee \"😀 with @ada\"\n";

    fn target(needle: &str, delta: usize) -> Option<String> {
        let snapshot = snapshot(TEXT);
        let location = definition(&snapshot, position_of(&snapshot, needle, delta))?;
        assert_eq!(location.uri, snapshot.uri);
        Some(text_at(&snapshot, location.range).to_string())
    }

    #[test]
    fn a_mention_after_an_emoji_leads_to_the_header() {
        let snapshot = snapshot(TEXT);
        let location = definition(&snapshot, position_of(&snapshot, "@ada", 2)).expect("ada is defined");
        assert_eq!(location.range, Range::new(Position::new(2, 7), Position::new(2, 10)));
    }

    #[test]
    fn a_declared_role_leads_to_its_declaration_and_a_builtin_to_nothing() {
        assert_eq!(target("elder,", 1).as_deref(), Some("elder"));
        assert_eq!(target("mentor", 1), None);
        assert_eq!(target("coffee", 1), None);
    }
}
