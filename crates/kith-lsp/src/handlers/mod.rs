//! Request handlers: one module per LSP method, each a plain function from a document
//! snapshot and the request's parameters to its result, behind [`DocumentRequest`].

use crate::document::Snapshot;
use crate::edit::PositionEncoding;
use crate::server::Config;
use tower_lsp_server::ls_types::request::Request;
use tower_lsp_server::ls_types::*;

pub mod code_actions;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod inlay_hints;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod symbols;
#[cfg(test)]
pub mod testing;
pub mod workspace_symbols;

/// A request about one document, answered from a snapshot of it; an error is one the
/// editor shows (a rename to an id that is taken).
pub trait DocumentRequest {
    type Request: Request;
    /// The document the request is about.
    fn uri(params: &<Self::Request as Request>::Params) -> &Uri;
    fn run(
        snapshot: &Snapshot,
        config: &Config,
        params: <Self::Request as Request>::Params,
    ) -> tower_lsp_server::jsonrpc::Result<<Self::Request as Request>::Result>;
}

/// What the server can do, announced at `initialize`.
pub fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            ..TextDocumentSyncOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(completion::TRIGGER_CHARACTERS.map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..SemanticTokensOptions::default()
            },
        )),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR_REWRITE]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
