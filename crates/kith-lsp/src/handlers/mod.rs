//! Request handlers: one module per LSP method, each a plain function from a document
//! snapshot and the request's parameters to its result, behind [`DocumentRequest`].

use crate::document::Snapshot;
use crate::edit::PositionEncoding;
use crate::server::Config;
use tower_lsp_server::ls_types::request::Request;
use tower_lsp_server::ls_types::*;

pub mod diagnostics;
pub mod folding;
pub mod symbols;

/// A request about one document, answered from a snapshot of it.
pub trait DocumentRequest {
    type Request: Request;
    /// The document the request is about.
    fn uri(params: &<Self::Request as Request>::Params) -> &Uri;
    fn run(
        snapshot: &Snapshot,
        config: &Config,
        params: <Self::Request as Request>::Params,
    ) -> <Self::Request as Request>::Result;
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
        ..ServerCapabilities::default()
    }
}
