//! Request handlers: one module per LSP method, each a plain function from a document
//! snapshot and the request's parameters to its result, behind [`DocumentRequest`].

use crate::document::Snapshot;
use crate::session::Config;
use tower_lsp_server::ls_types::request::Request;
use tower_lsp_server::ls_types::Uri;

pub(crate) mod code_actions;
pub(crate) mod completion;
pub(crate) mod definition;
pub(crate) mod diagnostics;
pub(crate) mod folding;
pub(crate) mod formatting;
pub(crate) mod hover;
pub(crate) mod inlay_hints;
pub(crate) mod references;
pub(crate) mod rename;
pub(crate) mod semantic_tokens;
pub(crate) mod symbols;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod workspace_symbols;

/// A request about one document, answered from a snapshot of it; an error is one the
/// editor shows (a rename to an id that is taken).
pub(crate) trait DocumentRequest {
    type Request: Request;
    /// The document the request is about.
    fn uri(params: &<Self::Request as Request>::Params) -> &Uri;
    fn run(
        snapshot: &Snapshot,
        config: &Config,
        params: <Self::Request as Request>::Params,
    ) -> tower_lsp_server::jsonrpc::Result<<Self::Request as Request>::Result>;
}
