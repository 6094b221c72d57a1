//! Helpers for the handlers' unit tests: a snapshot of a text as of the pinned test day,
//! and LSP positions of pieces of its text.

use crate::document::{self, DocumentStore, Snapshot};
use crate::edit::PositionEncoding;
use kith_core::Date;
use std::sync::Mutex;
use tower_lsp_server::ls_types::{Position, Range, Uri};

/// The day every handler test runs on.
pub(crate) const TODAY: Date = jiff::civil::date(2026, 11, 25);

/// A UTF-16 snapshot of `text` as of [`TODAY`].
pub(crate) fn snapshot(text: &str) -> Snapshot {
    snapshot_in(text, PositionEncoding::Utf16)
}

pub(crate) fn snapshot_in(text: &str, encoding: PositionEncoding) -> Snapshot {
    let uri: Uri = "file:///test/network.kith".parse().expect("a valid test URI");
    let mut store = DocumentStore::default();
    store.open(uri.clone(), text, 1);
    document::snapshot(&Mutex::new(store), &uri, encoding, TODAY)
        .expect("the document was just opened")
        .expect("analysis does not panic")
}

/// The position `delta` bytes into the first occurrence of `needle`.
#[track_caller]
pub(crate) fn position_of(snapshot: &Snapshot, needle: &str, delta: usize) -> Position {
    let offset = snapshot.text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the test text"));
    snapshot.positions().position(offset + delta)
}

/// The text a range covers.
pub(crate) fn text_at(snapshot: &Snapshot, range: Range) -> &str {
    &snapshot.text[snapshot.positions().span(range).range()]
}
