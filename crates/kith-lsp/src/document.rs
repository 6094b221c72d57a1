//! The document store: owns every open document's text (a rope), version and syntax tree,
//! applies changes in order with version checks, and hands out immutable snapshots.

use crate::edit::{apply_change, PositionEncoding, Positions};
use kith_core::{Analysis, BlockCache, Date, LineIndex, Tree};
use ropey::Rope;
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};
use tree_sitter::Parser;

/// An immutable view of one document at one version, with its analysis. Request handlers
/// run on snapshots, so a slow one never sees a half-applied change.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    pub index: Arc<LineIndex>,
    pub tree: Tree,
    pub analysis: Arc<Analysis>,
    pub encoding: PositionEncoding,
    pub today: Date,
}

impl Snapshot {
    pub fn positions(&self) -> Positions<'_> {
        Positions { text: &self.text, index: &self.index, encoding: self.encoding }
    }
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    UnknownDocument,
    /// The change's version is not newer than the document's.
    StaleVersion {
        current: i32,
        received: i32,
    },
}

/// Analysis failed with a panic inside kith-core; the message is logged.
#[derive(Debug)]
pub struct AnalysisPanic(pub String);

struct Document {
    rope: Rope,
    version: i32,
    parser: Parser,
    /// The tree of the last parse, edited (`Tree::edit`) with every change since.
    tree: Tree,
    /// The model of each block of the last analysed text, reused for unchanged blocks.
    blocks: BlockCache,
    /// The snapshot of the current version, once computed.
    current: Option<Snapshot>,
    /// The newest version whose diagnostics were published.
    published: Option<i32>,
}

/// Every open document.
#[derive(Default)]
pub struct DocumentStore {
    documents: HashMap<Uri, Document>,
}

impl DocumentStore {
    pub fn open(&mut self, uri: Uri, text: &str, version: i32) {
        let mut parser = kith_core::syntax::parser();
        let tree = kith_core::syntax::parse_with(&mut parser, text, None);
        let rope = Rope::from_str(text);
        let document =
            Document { rope, version, parser, tree, blocks: BlockCache::default(), current: None, published: None };
        self.documents.insert(uri, document);
    }

    pub fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri);
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.documents.keys().cloned().collect()
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.documents.get(uri).map(|document| document.version)
    }

    /// Applies `changes` in order and moves to `version`; cheap (no re-parse): the rope is
    /// edited and the old tree told about each edit, so the next parse is incremental.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<(), ChangeError> {
        let document = self.documents.get_mut(uri).ok_or(ChangeError::UnknownDocument)?;
        if version <= document.version {
            return Err(ChangeError::StaleVersion { current: document.version, received: version });
        }
        for change in changes {
            let edit = apply_change(&mut document.rope, change, encoding);
            document.tree.edit(&edit);
        }
        document.version = version;
        document.current = None;
        Ok(())
    }

    /// The snapshot of the document's current version as of `today`, parsing and
    /// analysing if that has not been done yet.
    pub fn snapshot(
        &mut self,
        uri: &Uri,
        encoding: PositionEncoding,
        today: Date,
    ) -> Option<Result<Snapshot, AnalysisPanic>> {
        let document = self.documents.get_mut(uri)?;
        if let Some(current) = &document.current {
            if current.today == today && current.encoding == encoding {
                return Some(Ok(current.clone()));
            }
        }
        Some(document.analyse(uri, encoding, today))
    }

    /// Records that diagnostics for `version` are about to be published; false when that
    /// would replace newer ones (or the document moved on, or was closed).
    pub fn claim_publication(&mut self, uri: &Uri, version: i32) -> bool {
        let Some(document) = self.documents.get_mut(uri) else { return false };
        let newer_published = document.published.is_some_and(|published| published > version);
        if document.version != version || newer_published {
            return false;
        }
        document.published = Some(version);
        true
    }
}

impl Document {
    fn analyse(&mut self, uri: &Uri, encoding: PositionEncoding, today: Date) -> Result<Snapshot, AnalysisPanic> {
        let text: Arc<str> = Arc::from(self.rope.to_string());
        let tree = kith_core::syntax::parse_with(&mut self.parser, &text, Some(&self.tree));
        self.tree = tree.clone();
        let analysis = catch_unwind(AssertUnwindSafe(|| {
            crate::testing_hooks::maybe_panic("analysis");
            self.blocks.analyse(&text, &tree, today, threads())
        }))
        .map_err(|panic| AnalysisPanic(crate::panic_message(panic.as_ref())))?;
        let snapshot = Snapshot {
            uri: uri.clone(),
            version: self.version,
            index: Arc::new(LineIndex::new(&text)),
            text,
            tree,
            analysis: Arc::new(analysis),
            encoding,
            today,
        };
        self.current = Some(snapshot.clone());
        Ok(snapshot)
    }
}

/// The threads a large document is analysed on: as many as the machine offers.
fn threads() -> NonZeroUsize {
    static THREADS: OnceLock<NonZeroUsize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn uri() -> Uri {
        "file:///network.kith".parse().expect("a valid test URI")
    }

    fn insert(line: u32, character: u32, text: &str) -> TextDocumentContentChangeEvent {
        let at = Position::new(line, character);
        TextDocumentContentChangeEvent { range: Some(Range::new(at, at)), range_length: None, text: text.to_string() }
    }

    const TODAY: Date = jiff::civil::date(2026, 11, 25);

    #[test]
    fn changes_apply_in_order_and_old_versions_are_refused() {
        let mut store = DocumentStore::default();
        store.open(uri(), "person ada \"Ada\"\n", 1);
        let encoding = PositionEncoding::Utf16;
        assert_eq!(store.change(&uri(), 2, &[insert(1, 0, "  role mentr\n")], encoding), Ok(()));
        assert_eq!(
            store.change(&uri(), 2, &[insert(0, 0, "x")], encoding),
            Err(ChangeError::StaleVersion { current: 2, received: 2 })
        );
        let snapshot = store.snapshot(&uri(), encoding, TODAY).expect("open").expect("no panic");
        assert_eq!(&*snapshot.text, "person ada \"Ada\"\n  role mentr\n");
        assert!(snapshot.analysis.lints.iter().any(|lint| lint.code == "unknown-role"));
    }

    #[test]
    fn incremental_reparse_matches_a_fresh_parse() {
        let mut store = DocumentStore::default();
        store.open(uri(), "person ada \"Ada\"\n  met 2020-01-01\n", 1);
        let edits = [insert(0, 7, "x"), insert(1, 0, "  role mentor\n"), insert(0, 0, "# top\n")];
        for (version, edit) in (2..).zip(edits.iter()) {
            store.change(&uri(), version, std::slice::from_ref(edit), PositionEncoding::Utf8).expect("applies");
            let snapshot = store.snapshot(&uri(), PositionEncoding::Utf8, TODAY).expect("open").expect("no panic");
            let fresh = kith_core::syntax::parse(&snapshot.text);
            assert_eq!(snapshot.tree.root_node().to_sexp(), fresh.root_node().to_sexp());
        }
    }

    #[test]
    fn a_large_document_is_analysed_as_the_core_checks_it() {
        let person = |index: usize| {
            let lines = format!("  role mentr\n  knows @p{}\n  2026-02-30 coffee\n  2027-01-01 call\n", index + 7);
            format!("person p{index} \"Person {index}\"\n{lines}\n")
        };
        let text: String = (0..3_000).map(person).collect();
        assert!(text.len() > kith_core::parallel::MIN_PARALLEL_BYTES, "large enough to be analysed on several threads");
        let mut store = DocumentStore::default();
        store.open(uri(), &text, 1);
        store.change(&uri(), 2, &[insert(0, 0, "set stale-after 2w\n")], PositionEncoding::Utf8).expect("applies");
        let snapshot = store.snapshot(&uri(), PositionEncoding::Utf8, TODAY).expect("open").expect("no panic");
        let expected = kith_core::check(&snapshot.text, TODAY);
        assert_eq!(snapshot.analysis.lints, expected.lints);
        assert_eq!(snapshot.analysis.network, expected.network);
    }

    #[test]
    fn publication_is_claimed_only_for_the_current_newest_version() {
        let mut store = DocumentStore::default();
        store.open(uri(), "", 1);
        store.change(&uri(), 2, &[insert(0, 0, "x")], PositionEncoding::Utf16).expect("applies");
        assert!(!store.claim_publication(&uri(), 1), "version 1 is no longer current");
        assert!(store.claim_publication(&uri(), 2));
        assert!(!store.claim_publication(&"file:///other.kith".parse().expect("uri"), 1));
    }
}
