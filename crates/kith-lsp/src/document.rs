//! The document store: owns every open document's text (a rope), version and syntax tree,
//! applies changes in order with version checks, and hands out immutable snapshots. The
//! store's lock is held only to copy a document (ropes and trees are copy-on-write); the
//! analysis runs outside it, so a change never waits for one. A document that is part of a
//! network across files (`include`) gets the lints of that network (`crate::network`),
//! the other open documents' texts over the files on disk.

use crate::edit::{apply_change, PositionEncoding, Positions};
use crate::network::{self, NetworkView};
use kith_core::{Analysis, BlockCache, Date, LineIndex, Tree};
use ropey::Rope;
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};
use tree_sitter::Parser;

/// An immutable view of one document at one version, with its analysis. Request handlers
/// run on snapshots, so a slow one never sees a half-applied change.
#[derive(Clone)]
pub(crate) struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    pub index: Arc<LineIndex>,
    pub tree: Tree,
    pub analysis: Arc<Analysis>,
    pub encoding: PositionEncoding,
    pub today: Date,
    /// For a document that is part of a network of files: the store's generation the
    /// lints were computed at (they change when another open document does).
    pub network_generation: Option<u64>,
    /// That network, for navigation across its files.
    pub network: Option<Arc<NetworkView>>,
}

impl Snapshot {
    pub(crate) fn positions(&self) -> Positions<'_> {
        Positions { text: &self.text, index: &self.index, encoding: self.encoding }
    }
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ChangeError {
    UnknownDocument,
    /// The change's version is not newer than the document's.
    StaleVersion {
        current: i32,
        received: i32,
    },
}

/// Analysis failed with a panic inside kith-core; the message is logged.
#[derive(Debug)]
pub(crate) struct AnalysisPanic(pub String);

struct Document {
    rope: Rope,
    version: i32,
    /// The tree of the last parse, edited (`Tree::edit`) with every change since.
    tree: Tree,
    /// The snapshot of the current version, once computed.
    current: Option<Snapshot>,
    /// The newest version whose diagnostics were published.
    published: Option<i32>,
    /// What analyses this document, one analysis at a time; its identity is the document's.
    analyser: Arc<Mutex<Analyser>>,
    /// Its path, for a document that is a file.
    path: Option<PathBuf>,
}

/// The state one document's analyses carry from one to the next.
struct Analyser {
    parser: Parser,
    /// The model of each block of the last analysed text, reused for unchanged blocks.
    blocks: BlockCache,
    /// The last snapshot made, handed to a request that waited for the same analysis.
    last: Option<Snapshot>,
    /// The root file of the document's network, once looked for (`None` inside: none).
    root: Option<Option<PathBuf>>,
}

/// A document as a snapshot of it needs it: ready, or copied out to be analysed outside
/// the store's lock ([`Pending::analyse`]) and then kept ([`DocumentStore::keep`]).
pub(crate) enum Prepared {
    Ready(Snapshot),
    Pending(Pending),
}

/// A copy of one version of a document, to be analysed.
pub(crate) struct Pending {
    uri: Uri,
    version: i32,
    rope: Rope,
    tree: Tree,
    encoding: PositionEncoding,
    today: Date,
    analyser: Arc<Mutex<Analyser>>,
    path: Option<PathBuf>,
    /// The workspace folders, where a network's root is looked for.
    workspace: Vec<PathBuf>,
    /// The other open documents that are files, by path, as of [`Pending::generation`].
    others: Vec<(PathBuf, Rope)>,
    generation: u64,
}

/// Every open document.
#[derive(Default)]
pub(crate) struct DocumentStore {
    documents: HashMap<Uri, Document>,
    /// Counts every open, change and close: what a network's lints were computed at.
    generation: u64,
    workspace: Vec<PathBuf>,
}

impl DocumentStore {
    pub(crate) fn open(&mut self, uri: Uri, text: &str, version: i32) {
        let mut parser = kith_core::syntax::parser();
        let tree = kith_core::syntax::parse_with(&mut parser, text, None);
        let rope = Rope::from_str(text);
        let analyser = Analyser { parser, blocks: BlockCache::default(), last: None, root: None };
        let analyser = Arc::new(Mutex::new(analyser));
        let path = uri.to_file_path().map(|path| path.into_owned());
        let document = Document { rope, version, tree, current: None, published: None, analyser, path };
        self.documents.insert(uri, document);
        self.generation += 1;
    }

    pub(crate) fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri);
        self.generation += 1;
    }

    /// The workspace folders, where the root of a document's network is looked for.
    pub(crate) fn set_workspace(&mut self, folders: Vec<PathBuf>) {
        self.workspace = folders;
    }

    /// `.kith` files changed on disk: every open document's network is read again, and a
    /// document that found no root looks for one again (a new file may include it).
    pub(crate) fn files_changed(&mut self) -> Vec<(Uri, i32)> {
        self.generation += 1;
        for document in self.documents.values_mut() {
            document.current = None;
            // An analysis under way keeps its cache; it is looked for again next time.
            if let Ok(mut analyser) = document.analyser.try_lock() {
                analyser.root = None;
                analyser.last = None;
            }
        }
        self.documents.iter().map(|(uri, document)| (uri.clone(), document.version)).collect()
    }

    /// The open documents other than `uri` whose lints came from a network of files, with
    /// their versions: another document's change may change them.
    pub(crate) fn networked_except(&self, uri: &Uri) -> Vec<(Uri, i32)> {
        self.documents
            .iter()
            .filter(|(other, document)| {
                *other != uri && document.current.as_ref().is_none_or(|current| current.network_generation.is_some())
            })
            .map(|(other, document)| (other.clone(), document.version))
            .collect()
    }

    pub(crate) fn uris(&self) -> Vec<Uri> {
        self.documents.keys().cloned().collect()
    }

    pub(crate) fn version(&self, uri: &Uri) -> Option<i32> {
        self.documents.get(uri).map(|document| document.version)
    }

    /// Applies `changes` in order and moves to `version`; cheap (no re-parse): the rope is
    /// edited and the old tree told about each edit, so the next parse is incremental.
    pub(crate) fn change(
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
        self.generation += 1;
        Ok(())
    }

    /// The snapshot of the document's current version as of `today` if it was made, else a
    /// copy of the document to analyse; cheap: ropes and trees are copied on write.
    pub(crate) fn prepare(&self, uri: &Uri, encoding: PositionEncoding, today: Date) -> Option<Prepared> {
        let document = self.documents.get(uri)?;
        if let Some(current) = &document.current {
            let network_current = current.network_generation.is_none_or(|generation| generation == self.generation);
            if current.today == today && current.encoding == encoding && network_current {
                return Some(Prepared::Ready(current.clone()));
            }
        }
        let others = self
            .documents
            .iter()
            .filter(|(other, _)| *other != uri)
            .filter_map(|(_, other)| Some((other.path.clone()?, other.rope.clone())))
            .collect();
        Some(Prepared::Pending(Pending {
            uri: uri.clone(),
            version: document.version,
            rope: document.rope.clone(),
            tree: document.tree.clone(),
            encoding,
            today,
            analyser: document.analyser.clone(),
            path: document.path.clone(),
            workspace: self.workspace.clone(),
            others,
            generation: self.generation,
        }))
    }

    /// Keeps an analysed snapshot as its document's current one, and its tree as the base
    /// of the next parse, unless the document changed (or was closed) meanwhile.
    pub(crate) fn keep(&mut self, pending: &Pending, snapshot: &Snapshot) {
        let Some(document) = self.documents.get_mut(&pending.uri) else { return };
        if Arc::ptr_eq(&document.analyser, &pending.analyser) && document.version == snapshot.version {
            document.tree = snapshot.tree.clone();
            document.current = Some(snapshot.clone());
        }
    }

    /// Records that diagnostics for `version` are about to be published; false when that
    /// would replace newer ones (or the document moved on, or was closed).
    pub(crate) fn claim_publication(&mut self, uri: &Uri, version: i32) -> bool {
        let Some(document) = self.documents.get_mut(uri) else { return false };
        let newer_published = document.published.is_some_and(|published| published > version);
        if document.version != version || newer_published {
            return false;
        }
        document.published = Some(version);
        true
    }
}

/// The store behind its lock; a panic while it was held cannot leave it half-changed
/// (changes are applied before anything that may panic), so a poisoned lock is taken over.
pub(crate) fn lock(store: &Mutex<DocumentStore>) -> MutexGuard<'_, DocumentStore> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The snapshot of a document's current version as of `today`: the lock is held only to
/// copy the document and to keep the result, and the analysis runs outside it, so changes
/// that arrive meanwhile are not held up. `None` when the document is not open.
pub(crate) fn snapshot(
    store: &Mutex<DocumentStore>,
    uri: &Uri,
    encoding: PositionEncoding,
    today: Date,
) -> Option<Result<Snapshot, AnalysisPanic>> {
    let prepared = lock(store).prepare(uri, encoding, today)?;
    let pending = match prepared {
        Prepared::Ready(snapshot) => return Some(Ok(snapshot)),
        Prepared::Pending(pending) => pending,
    };
    let analysed = pending.analyse();
    if let Ok(snapshot) = &analysed {
        lock(store).keep(&pending, snapshot);
    }
    Some(analysed)
}

impl Pending {
    /// Parses (incrementally, from the document's last tree) and analyses this version,
    /// after any analysis of the same document that is under way; a panic in kith-core is
    /// caught and returned.
    pub(crate) fn analyse(&self) -> Result<Snapshot, AnalysisPanic> {
        // An analysis that panicked is caught below, so a poisoned lock holds whole state.
        let mut analyser = self.analyser.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(last) = &analyser.last {
            let network_current = last.network_generation.is_none_or(|generation| generation == self.generation);
            if last.version == self.version
                && last.today == self.today
                && last.encoding == self.encoding
                && network_current
            {
                return Ok(last.clone());
            }
        }
        let Analyser { parser, blocks, root, .. } = &mut *analyser;
        let text: Arc<str> = Arc::from(self.rope.to_string());
        let tree = kith_core::syntax::parse_with(parser, &text, Some(&self.tree));
        let mut network_generation = None;
        let mut network_view = None;
        let analysis = catch_unwind(AssertUnwindSafe(|| {
            crate::testing_hooks::maybe_panic("analysis");
            let mut analysis = blocks.analyse(&text, &tree, self.today, threads());
            if let Some(path) = &self.path {
                let read = |file: &Path| self.read(file);
                // Looked for once; again while none is found and the document includes others.
                if root.as_ref().is_none_or(|found| found.is_none() && network::has_include(&text)) {
                    *root = Some(network::root_of(path, &text, &self.workspace, &read));
                }
                let root = root.get_or_insert(None);
                if let Some(view) =
                    root.as_ref().and_then(|root| NetworkView::load(root, path, &text, self.today, &read))
                {
                    analysis.lints = view.lints();
                    network_generation = Some(self.generation);
                    network_view = Some(Arc::new(view));
                }
            }
            analysis
        }))
        .map_err(|panic| AnalysisPanic(crate::panic_message(panic.as_ref())))?;
        let snapshot = Snapshot {
            uri: self.uri.clone(),
            version: self.version,
            index: Arc::new(LineIndex::new(&text)),
            text,
            tree,
            analysis: Arc::new(analysis),
            encoding: self.encoding,
            today: self.today,
            network_generation,
            network: network_view,
        };
        analyser.last = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// A file's text as the network sees it: the editor's, when it is open, else the disk's.
    fn read(&self, file: &Path) -> Option<String> {
        match self.others.iter().find(|(path, _)| path == file) {
            Some((_, rope)) => Some(rope.to_string()),
            None => std::fs::read_to_string(file).ok(),
        }
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

    fn snapshot_of(store: &mut DocumentStore, encoding: PositionEncoding) -> Snapshot {
        let shared = Mutex::new(std::mem::take(store));
        let snapshot = snapshot(&shared, &uri(), encoding, TODAY).expect("open").expect("no panic");
        *store = shared.into_inner().expect("not poisoned");
        snapshot
    }

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
        let snapshot = snapshot_of(&mut store, encoding);
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
            let snapshot = snapshot_of(&mut store, PositionEncoding::Utf8);
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
        let snapshot = snapshot_of(&mut store, PositionEncoding::Utf8);
        let expected = kith_core::check(&snapshot.text, TODAY);
        assert_eq!(snapshot.analysis.lints, expected.lints);
        assert_eq!(snapshot.analysis.network, expected.network);
    }

    #[test]
    fn changes_land_while_an_analysis_is_out_and_a_stale_analysis_is_not_kept() {
        let mut store = DocumentStore::default();
        store.open(uri(), "person ada \"Ada\"\n", 1);
        let Some(Prepared::Pending(pending)) = store.prepare(&uri(), PositionEncoding::Utf8, TODAY) else {
            panic!("a new document needs an analysis")
        };
        // The pending copy borrows nothing of the store: a change applies meanwhile.
        store.change(&uri(), 2, &[insert(1, 0, "  role mentr\n")], PositionEncoding::Utf8).expect("applies");
        let stale = pending.analyse().expect("no panic");
        assert_eq!((stale.version, &*stale.text), (1, "person ada \"Ada\"\n"));
        store.keep(&pending, &stale);
        let current = snapshot_of(&mut store, PositionEncoding::Utf8);
        assert_eq!(current.version, 2, "version 1's analysis was not kept as current");
        assert!(current.analysis.lints.iter().any(|lint| lint.code == "unknown-role"));
        assert!(
            matches!(store.prepare(&uri(), PositionEncoding::Utf8, TODAY), Some(Prepared::Ready(ready)) if ready.version == 2)
        );
    }

    #[test]
    fn an_analysis_of_a_closed_document_is_not_kept_for_its_reopened_namesake() {
        let mut store = DocumentStore::default();
        store.open(uri(), "person ada \"Ada\"\n", 1);
        let Some(Prepared::Pending(pending)) = store.prepare(&uri(), PositionEncoding::Utf8, TODAY) else {
            panic!("a new document needs an analysis")
        };
        store.close(&uri());
        store.open(uri(), "person bob \"Bob\"\n", 1);
        let old = pending.analyse().expect("no panic");
        store.keep(&pending, &old);
        assert_eq!(&*snapshot_of(&mut store, PositionEncoding::Utf8).text, "person bob \"Bob\"\n");
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
