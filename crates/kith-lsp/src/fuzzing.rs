//! The document store as the fuzz targets (fuzz/) drive it: not an API of the server.
//!
//! One document, opened with a text, changed by batches of LSP content changes exactly as
//! `didChange` applies them (rope edits, `Tree::edit`, a version per batch), and analysed
//! as the server analyses it (copied under the store's lock, incremental re-parse outside
//! it, the document's `BlockCache`).

use crate::document::{self, DocumentStore};
use kith_core::{Analysis, Date, Tree};
use std::sync::{Arc, Mutex};
use tower_lsp_server::ls_types::Uri;

pub use crate::edit::PositionEncoding;
pub use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// One open document of a fresh store.
pub struct Document {
    store: Mutex<DocumentStore>,
    uri: Uri,
    version: i32,
}

/// What the server holds for the document's current version.
pub struct Analysed {
    pub text: Arc<str>,
    /// The tree of the incremental re-parse.
    pub tree: Tree,
    pub analysis: Arc<Analysis>,
}

impl Document {
    pub fn open(text: &str) -> Self {
        let mut store = DocumentStore::default();
        let uri: Uri = "file:///fuzz.kith".parse().expect("a constant, valid URI");
        store.open(uri.clone(), text, 1);
        Self { store: Mutex::new(store), uri, version: 1 }
    }

    /// Applies one `didChange` notification's changes, in order, as the next version;
    /// `Err` when the store refuses them.
    pub fn change(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<(), String> {
        self.version += 1;
        document::lock(&self.store)
            .change(&self.uri, self.version, changes, encoding)
            .map_err(|error| format!("{error:?}"))
    }

    /// The current version's text, tree and analysis; `Err` with the message of a panic
    /// that the store caught while analysing.
    pub fn analysed(&self, encoding: PositionEncoding, today: Date) -> Result<Analysed, String> {
        match document::snapshot(&self.store, &self.uri, encoding, today) {
            Some(Ok(snapshot)) => {
                Ok(Analysed { text: snapshot.text, tree: snapshot.tree, analysis: snapshot.analysis })
            }
            Some(Err(panic)) => Err(panic.0),
            None => Err("the open document is missing from the store".to_string()),
        }
    }
}
