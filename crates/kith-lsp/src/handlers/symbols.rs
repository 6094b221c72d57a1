//! `textDocument/documentSymbol`: people (with their roles), declared roles and pillars,
//! and settings, as an outline.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use tower_lsp_server::ls_types::request::DocumentSymbolRequest;
use tower_lsp_server::ls_types::*;

pub(crate) struct DocumentSymbols;

impl DocumentRequest for DocumentSymbols {
    type Request = DocumentSymbolRequest;

    fn uri(params: &DocumentSymbolParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        _: DocumentSymbolParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<DocumentSymbolResponse>> {
        Ok(Some(DocumentSymbolResponse::Nested(document_symbols(snapshot))))
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written out.
fn symbol(name: String, detail: Option<String>, kind: SymbolKind, range: Range, selection: Range) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: None,
    }
}

pub(crate) fn document_symbols(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let network = &snapshot.analysis.network;
    let positions = snapshot.positions();
    let mut symbols = Vec::new();
    for person in &network.people {
        let Some(id) = &person.id else { continue };
        let roles: Vec<&str> = person.roles().iter().map(|role| role.name.as_str()).collect();
        let detail = match roles.is_empty() {
            true => person.name.as_ref().map(|name| name.value.clone()),
            false => Some(format!("{} — {}", person.display_name(), roles.join(", "))),
        };
        let kind = if person.is_key() { SymbolKind::CLASS } else { SymbolKind::OBJECT };
        symbols.push(symbol(id.name.clone(), detail, kind, positions.range(person.block), positions.range(id.span())));
    }
    for role in &network.roles {
        let Some(id) = &role.id else { continue };
        let detail = role.description.as_ref().map(|text| text.value.clone());
        symbols.push(symbol(
            id.name.clone(),
            detail,
            SymbolKind::INTERFACE,
            positions.range(role.block),
            positions.range(id.span()),
        ));
    }
    for pillar in &network.pillars {
        let Some(id) = &pillar.id else { continue };
        let detail = pillar.description.as_ref().map(|text| text.value.clone());
        symbols.push(symbol(
            id.name.clone(),
            detail,
            SymbolKind::NAMESPACE,
            positions.range(pillar.block),
            positions.range(id.span()),
        ));
    }
    for setting in &network.setting_lines {
        let range = positions.range(setting.span);
        symbols.push(symbol(
            format!("set {}", setting.key.text),
            None,
            SymbolKind::PROPERTY,
            range,
            positions.range(setting.key.span),
        ));
    }
    symbols.sort_by_key(|symbol| (symbol.range.start.line, symbol.range.start.character));
    symbols
}
