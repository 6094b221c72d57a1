//! The server: session state, the routing table from LSP methods to handlers, document
//! notifications applied in arrival order, and debounced, version-checked diagnostics.

use crate::capabilities::capabilities;
use crate::document::{self, ChangeError, DocumentStore, Snapshot};
use crate::handlers::{self, DocumentRequest};
use crate::session::Config;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::request::Request;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How long diagnostics wait for typing to pause before they are computed: long enough to
/// gather the edits an editor sends at machine speed (a paste in pieces, a multi-cursor
/// edit), short enough to add little after a person's last keystroke, which comes tens of
/// milliseconds or more after the one before. Edits that arrive while an analysis runs are
/// gathered anyway: a publication for a version that is no longer current is skipped.
/// docs/performance.md has the measurements.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// How often a server on the local date checks whether the day has changed.
const DATE_CHECK: Duration = Duration::from_secs(60);

struct State {
    client: Client,
    config: OnceLock<Config>,
    store: Mutex<DocumentStore>,
    /// Serialises publishing, so a claim and its send are never overtaken.
    publishing: tokio::sync::Mutex<()>,
    shut_down: Arc<AtomicBool>,
}

impl State {
    fn config(&self) -> Config {
        self.config.get().cloned().unwrap_or_default()
    }

    fn store(&self) -> MutexGuard<'_, DocumentStore> {
        document::lock(&self.store)
    }

    fn snapshot(&self, uri: &Uri) -> Result<Snapshot> {
        let config = self.config();
        match document::snapshot(&self.store, uri, config.encoding, config.today()) {
            None => Err(Error::invalid_params(format!("unknown document {}: open it first", uri.as_str()))),
            Some(Ok(snapshot)) => Ok(snapshot),
            Some(Err(panic)) => Err(internal_error(format!("kith crashed analysing {}: {}", uri.as_str(), panic.0))),
        }
    }

    /// Snapshots of every open document (for workspace-wide requests); a document whose
    /// analysis panicked is left out and the panic logged.
    async fn snapshots(&self) -> Vec<Snapshot> {
        let uris = self.store().uris();
        let mut snapshots = Vec::with_capacity(uris.len());
        for uri in uris {
            match self.snapshot(&uri) {
                Ok(snapshot) => snapshots.push(snapshot),
                // Closed meanwhile: nothing to answer from.
                Err(error) if error.code == ErrorCode::InvalidParams => {}
                Err(error) => self.client.log_message(MessageType::ERROR, error.message).await,
            }
        }
        snapshots
    }

    /// Computes and publishes diagnostics for `version` unless a newer version exists by then.
    async fn publish(self: Arc<Self>, uri: Uri, version: i32) {
        if self.store().version(&uri) != Some(version) {
            return;
        }
        let snapshot = match self.snapshot(&uri) {
            Ok(snapshot) => snapshot,
            Err(error) => {
                self.client.log_message(MessageType::ERROR, error.message).await;
                return;
            }
        };
        let diagnostics = handlers::diagnostics::diagnostics(&snapshot, self.config().rules_docs_url.as_deref());
        let _turn = self.publishing.lock().await;
        if self.store().claim_publication(&uri, snapshot.version) {
            self.client.publish_diagnostics(uri, diagnostics, Some(snapshot.version)).await;
        }
    }

    /// Re-publishes, after the debounce, the diagnostics of the other open documents whose
    /// lints came from a network of files: `uri` opened, changed or closed may be part of it.
    fn refresh_network_of(self: &Arc<Self>, uri: &Uri) {
        let others = self.store().networked_except(uri);
        for (other, version) in others {
            self.schedule_diagnostics(other, version, DEBOUNCE);
        }
    }

    fn schedule_diagnostics(self: &Arc<Self>, uri: Uri, version: i32, delay: Duration) {
        let state = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            state.publish(uri, version).await;
        });
    }

    /// Re-publishes every document's diagnostics whenever the local date changes.
    async fn watch_the_date(self: Arc<Self>) {
        let mut today = self.config().today();
        loop {
            tokio::time::sleep(crate::testing_hooks::date_check_interval(DATE_CHECK)).await;
            let now = self.config().today();
            if now == today {
                continue;
            }
            today = now;
            let documents: Vec<(Uri, i32)> = {
                let store = self.store();
                store.uris().into_iter().filter_map(|uri| store.version(&uri).map(|version| (uri, version))).collect()
            };
            for (uri, version) in documents {
                self.clone().publish(uri, version).await;
            }
            // Hints say "3 days ago"; clients that support it re-ask for them.
            if self.config().inlay_hint_refresh {
                let _ = self.client.inlay_hint_refresh().await;
            }
        }
    }
}

fn internal_error(message: String) -> Error {
    Error { code: ErrorCode::InternalError, message: message.into(), data: None }
}

/// The language server behind `tower-lsp-server`.
pub(crate) struct KithServer {
    state: Arc<State>,
}

impl KithServer {
    pub(crate) fn new(client: Client, shut_down: Arc<AtomicBool>) -> Self {
        let state = State {
            client,
            config: OnceLock::new(),
            store: Mutex::new(DocumentStore::default()),
            publishing: tokio::sync::Mutex::new(()),
            shut_down,
        };
        Self { state: Arc::new(state) }
    }

    /// Runs a document request on a snapshot, containing any panic as an error response.
    async fn run<H: DocumentRequest>(
        &self,
        params: <H::Request as Request>::Params,
    ) -> Result<<H::Request as Request>::Result> {
        let snapshot = match self.state.snapshot(H::uri(&params)) {
            Ok(snapshot) => snapshot,
            Err(error) => {
                if error.code == ErrorCode::InternalError {
                    self.state.client.log_message(MessageType::ERROR, &error.message).await;
                }
                return Err(error);
            }
        };
        let config = self.state.config();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            crate::testing_hooks::maybe_panic(<H::Request as Request>::METHOD);
            H::run(&snapshot, &config, params)
        }));
        match outcome {
            Ok(result) => result,
            Err(panic) => {
                let message = format!(
                    "kith crashed answering {} for {}: {}",
                    <H::Request as Request>::METHOD,
                    snapshot.uri.as_str(),
                    crate::panic_message(panic.as_ref())
                );
                self.state.client.log_message(MessageType::ERROR, &message).await;
                Err(internal_error(message))
            }
        }
    }
}

impl LanguageServer for KithServer {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let config = Config::from_initialize(&params).map_err(Error::invalid_params)?;
        let encoding = config.encoding;
        self.state.store().set_workspace(config.workspace.clone());
        let _ = self.state.config.set(config);
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "kith-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.state.config().pinned_today.is_none() {
            tokio::spawn(self.state.clone().watch_the_date());
        }
        if self.state.config().watch_files {
            // The files of a network that are not open change on disk too.
            let watchers = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/*.kith".to_string()),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "kith-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(watchers).ok(),
            };
            if let Err(error) = self.state.client.register_capability(vec![registration]).await {
                let message = format!("cannot watch .kith files on disk: {}", error.message);
                self.state.client.log_message(MessageType::WARNING, message).await;
            }
        }
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        let documents = self.state.store().files_changed();
        for (uri, version) in documents {
            self.state.schedule_diagnostics(uri, version, DEBOUNCE);
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.state.store().open(document.uri.clone(), &document.text, document.version);
        self.state.refresh_network_of(&document.uri);
        self.state.schedule_diagnostics(document.uri, document.version, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before the first `.await`: handlers run concurrently, and this keeps
        // changes in the order the client sent them.
        let encoding = self.state.config().encoding;
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let applied = self.state.store().change(&uri, version, &params.content_changes, encoding);
        match applied {
            Ok(()) => {
                self.state.refresh_network_of(&uri);
                self.state.schedule_diagnostics(uri, version, DEBOUNCE);
            }
            Err(ChangeError::UnknownDocument) => {
                let message = format!("didChange for {} which is not open; ignored", uri.as_str());
                self.state.client.log_message(MessageType::WARNING, message).await;
            }
            Err(ChangeError::StaleVersion { current, received }) => {
                let message =
                    format!("didChange version {received} for {} is not newer than {current}; ignored", uri.as_str());
                self.state.client.log_message(MessageType::WARNING, message).await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.store().close(&uri);
        self.state.refresh_network_of(&uri);
        let _turn = self.state.publishing.lock().await;
        self.state.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.run::<handlers::symbols::DocumentSymbols>(params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.run::<handlers::folding::FoldingRanges>(params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.run::<handlers::formatting::Formatting>(params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.run::<handlers::completion::Completion>(params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.run::<handlers::hover::Hovers>(params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.run::<handlers::inlay_hints::InlayHints>(params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.run::<handlers::code_actions::CodeActions>(params).await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        self.run::<handlers::definition::Definition>(params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.run::<handlers::references::References>(params).await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.run::<handlers::rename::PrepareRename>(params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.run::<handlers::rename::Rename>(params).await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        self.run::<handlers::semantic_tokens::SemanticTokensFull>(params).await
    }

    /// Not about one document: answered over snapshots of every open one.
    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let snapshots = self.state.snapshots().await;
        let query = params.query;
        match catch_unwind(AssertUnwindSafe(|| handlers::workspace_symbols::workspace_symbols(&snapshots, &query))) {
            Ok(symbols) => Ok(Some(WorkspaceSymbolResponse::Nested(symbols))),
            Err(panic) => {
                let message =
                    format!("kith crashed answering workspace/symbol: {}", crate::panic_message(panic.as_ref()));
                self.state.client.log_message(MessageType::ERROR, &message).await;
                Err(internal_error(message))
            }
        }
    }
}
