//! `textDocument/prepareRename` and `textDocument/rename` of person ids: the header and
//! every `via`, `knows` and mention in strings are renamed together (the id alone; the `@`
//! stays), in every file of the document's network. A new id that is not valid or belongs
//! to another person is refused.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::navigation::{self, Symbol, SymbolKind};
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::request::{PrepareRenameRequest, Rename as RenameRequest};
use tower_lsp_server::ls_types::*;

pub(crate) struct PrepareRename;

impl DocumentRequest for PrepareRename {
    type Request = PrepareRenameRequest;

    fn uri(params: &TextDocumentPositionParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        prepare_rename(snapshot, params.position)
    }
}

pub(crate) struct Rename;

impl DocumentRequest for Rename {
    type Request = RenameRequest;

    fn uri(params: &RenameParams) -> &Uri {
        &params.text_document_position.text_document.uri
    }

    fn run(snapshot: &Snapshot, _: &Config, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        rename(snapshot, params.text_document_position.position, &params.new_name).map(Some)
    }
}

/// The person id at `position`: `Ok(None)` off any id, an error on a role or pillar id
/// (which cannot be renamed) so the editor can say why.
/// (In a network of files, the symbol's span is in the network's joined text.)
fn person_at(snapshot: &Snapshot, position: Position) -> Result<Option<Symbol>> {
    let offset = snapshot.positions().offset(position);
    let found = match &snapshot.network {
        Some(network) => navigation::symbol_at(&network.analysis.network, network.joined_offset(offset)),
        None => navigation::symbol_at(&snapshot.analysis.network, offset),
    };
    match found {
        Some(symbol) if symbol.kind == SymbolKind::Person => Ok(Some(symbol)),
        Some(symbol) => {
            let what = if symbol.kind == SymbolKind::Role { "role" } else { "pillar" };
            Err(Error::invalid_params(format!("`{}` is a {what}: only person ids can be renamed", symbol.id)))
        }
        None => Ok(None),
    }
}

/// The range of the person id at `position` (without `@`) and its id as the placeholder.
pub(crate) fn prepare_rename(snapshot: &Snapshot, position: Position) -> Result<Option<PrepareRenameResponse>> {
    let Some(symbol) = person_at(snapshot, position)? else { return Ok(None) };
    let range = match &snapshot.network {
        Some(network) => match network.location(symbol.span, snapshot.encoding) {
            Some(location) => location.range,
            None => return Ok(None),
        },
        None => snapshot.positions().range(symbol.span),
    };
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder { range, placeholder: symbol.id }))
}

/// The edit that renames the person at `position` to `new_name` everywhere in the file.
pub(crate) fn rename(snapshot: &Snapshot, position: Position, new_name: &str) -> Result<WorkspaceEdit> {
    let symbol = person_at(snapshot, position)?.ok_or_else(|| {
        Error::invalid_params("nothing to rename here: put the cursor on a person's id, an `@` reference or a mention")
    })?;
    if let Some(network) = &snapshot.network {
        // One edit over every file of the network that names the person.
        let spans = navigation::rename_person(&network.analysis.network, &symbol.id, new_name)
            .map_err(|error| Error::invalid_params(error.to_string()))?;
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for location in spans.into_iter().filter_map(|span| network.location(span, snapshot.encoding)) {
            changes.entry(location.uri).or_default().push(TextEdit::new(location.range, new_name.to_string()));
        }
        return Ok(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() });
    }
    let spans = navigation::rename_person(&snapshot.analysis.network, &symbol.id, new_name)
        .map_err(|error| Error::invalid_params(error.to_string()))?;
    let positions = snapshot.positions();
    let edits = spans.into_iter().map(|span| TextEdit::new(positions.range(span), new_name.to_string())).collect();
    Ok(WorkspaceEdit { changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])), ..WorkspaceEdit::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::testing::{position_of, snapshot};

    const TEXT: &str =
        "person ada \"Ada\"\n\nperson grace \"Grace Hopper\"\n  role mentor\n  via @ada\n  note \"😀 @ada\"\n";

    #[test]
    fn prepare_gives_the_id_without_the_at_sign() {
        let snapshot = snapshot(TEXT);
        let response = prepare_rename(&snapshot, position_of(&snapshot, "@ada\"", 0)).expect("no error");
        let expected = Range::new(Position::new(5, 12), Position::new(5, 15));
        assert_eq!(
            response,
            Some(PrepareRenameResponse::RangeWithPlaceholder { range: expected, placeholder: "ada".to_string() })
        );
    }

    #[test]
    fn prepare_refuses_roles_and_ignores_plain_text() {
        let snapshot = snapshot(TEXT);
        let error = prepare_rename(&snapshot, position_of(&snapshot, "mentor", 2)).expect_err("a role");
        assert_eq!(error.message, "`mentor` is a role: only person ids can be renamed");
        assert_eq!(prepare_rename(&snapshot, position_of(&snapshot, "note", 1)), Ok(None));
    }

    #[test]
    fn rename_edits_every_occurrence_in_utf16() {
        let snapshot = snapshot(TEXT);
        let edit = rename(&snapshot, position_of(&snapshot, "ada \"Ada", 0), "ava").expect("ava is free");
        let changes = edit.changes.expect("plain changes");
        let edits = &changes[&snapshot.uri];
        let starts: Vec<(u32, u32)> =
            edits.iter().map(|edit| (edit.range.start.line, edit.range.start.character)).collect();
        assert_eq!(starts, [(0, 7), (4, 7), (5, 12)]);
        assert!(edits
            .iter()
            .all(|edit| edit.new_text == "ava" && edit.range.end.character == edit.range.start.character + 3));
    }

    #[test]
    fn rename_refuses_bad_ids_and_positions() {
        let snapshot = snapshot(TEXT);
        let at = position_of(&snapshot, "@ada", 2);
        let taken = rename(&snapshot, at, "grace").expect_err("taken");
        assert_eq!(taken.code, tower_lsp_server::jsonrpc::ErrorCode::InvalidParams);
        assert_eq!(taken.message, "`grace` is already Grace Hopper's id");
        let invalid = rename(&snapshot, at, "Ava").expect_err("capitals");
        assert_eq!(
            invalid.message,
            "`Ava` is not a valid id: use lower-case letters, digits, - and _; did you mean `ava`?"
        );
        assert!(rename(&snapshot, position_of(&snapshot, "note", 0), "x").is_err());
    }
}
