//! The session's configuration: what `initialize` settled (the client's options and
//! capabilities, the position encoding, a pinned today), read by the server and handlers.

use crate::edit::PositionEncoding;
use kith_core::Date;
use serde::Deserialize;
use std::path::PathBuf;
use tower_lsp_server::ls_types::{ClientCapabilities, InitializeParams, Uri};

/// `initializationOptions` the server understands.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitializationOptions {
    /// Pins today (`YYYY-MM-DD`); tests always do.
    today: Option<String>,
    /// Base URL of the rule docs; a diagnostic links to `{base}#{code}`.
    rules_docs_url: Option<String>,
    #[serde(default)]
    inlay_hints: InlayHintOptions,
}

/// Which inlay hints to show.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InlayHintOptions {
    /// "how long ago" after each interaction date (off by default).
    #[serde(default)]
    pub(crate) interaction_dates: bool,
}

/// Settings fixed at `initialize`.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) encoding: PositionEncoding,
    /// A pinned today, from `initializationOptions.today` or `KITH_TODAY`.
    pub(crate) pinned_today: Option<Date>,
    /// Where diagnostics link their rule's docs (`{url}#{code}`); no link without it.
    pub(crate) rules_docs_url: Option<String>,
    pub(crate) inlay_hints: InlayHintOptions,
    /// The client accepts snippet syntax in completion items.
    pub(crate) snippet_support: bool,
    /// The client accepts `workspace/inlayHint/refresh`.
    pub(crate) inlay_hint_refresh: bool,
    /// The workspace folders (or the root), where the root of a network is looked for.
    pub(crate) workspace: Vec<PathBuf>,
    /// The client lets the server register `workspace/didChangeWatchedFiles`.
    pub(crate) watch_files: bool,
}

impl Default for Config {
    /// The configuration before `initialize` (LSP's defaults).
    fn default() -> Self {
        Config {
            encoding: PositionEncoding::Utf16,
            pinned_today: None,
            rules_docs_url: None,
            inlay_hints: InlayHintOptions::default(),
            snippet_support: false,
            inlay_hint_refresh: false,
            workspace: Vec::new(),
            watch_files: false,
        }
    }
}

impl Config {
    /// The configuration `initialize` asks for; an error names the option at fault.
    pub(crate) fn from_initialize(params: &InitializeParams) -> Result<Config, String> {
        let options: InitializationOptions = match &params.initialization_options {
            Some(value) => {
                serde_json::from_value(value.clone()).map_err(|error| format!("initializationOptions: {error}"))?
            }
            None => InitializationOptions::default(),
        };
        let offered = params.capabilities.general.as_ref().and_then(|general| general.position_encodings.as_deref());
        Ok(Config {
            encoding: PositionEncoding::negotiate(offered),
            pinned_today: pinned_today(&options)?,
            rules_docs_url: options.rules_docs_url.filter(|url| !url.trim().is_empty()),
            inlay_hints: options.inlay_hints,
            snippet_support: snippet_support(&params.capabilities),
            inlay_hint_refresh: inlay_hint_refresh(&params.capabilities),
            workspace: workspace_folders(params),
            watch_files: watch_files(&params.capabilities),
        })
    }

    pub(crate) fn today(&self) -> Date {
        self.pinned_today.unwrap_or_else(crate::testing_hooks::local_today)
    }
}

/// Reads today from `initializationOptions.today`, else `KITH_TODAY`.
fn pinned_today(options: &InitializationOptions) -> Result<Option<Date>, String> {
    let (source, value) = match (&options.today, std::env::var("KITH_TODAY").ok().filter(|value| !value.is_empty())) {
        (Some(today), _) => ("initializationOptions.today", today.clone()),
        (None, Some(env)) => ("KITH_TODAY", env),
        (None, None) => return Ok(None),
    };
    kith_core::values::parse_date(value.trim())
        .map(Some)
        .map_err(|error| format!("{source}: {} (write YYYY-MM-DD)", error.message))
}

/// The folders of the workspace, as paths: its folders, else its root.
#[allow(deprecated)] // `root_uri`: still what clients without workspace folders send.
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let uris: Vec<&Uri> = match &params.workspace_folders {
        Some(folders) => folders.iter().map(|folder| &folder.uri).collect(),
        None => params.root_uri.iter().collect(),
    };
    uris.into_iter().filter_map(|uri| uri.to_file_path().map(|path| path.into_owned())).collect()
}

/// Whether the client's completion items may be snippets.
fn snippet_support(capabilities: &ClientCapabilities) -> bool {
    let completion_item =
        capabilities.text_document.as_ref().and_then(|document| document.completion.as_ref()?.completion_item.as_ref());
    completion_item.and_then(|item| item.snippet_support).unwrap_or(false)
}

/// Whether the client lets the server register for changes to files on disk.
fn watch_files(capabilities: &ClientCapabilities) -> bool {
    let workspace = capabilities.workspace.as_ref();
    workspace.and_then(|workspace| workspace.did_change_watched_files?.dynamic_registration).unwrap_or(false)
}

/// Whether the client lets the server ask it to re-request inlay hints.
fn inlay_hint_refresh(capabilities: &ClientCapabilities) -> bool {
    let workspace = capabilities.workspace.as_ref();
    workspace.and_then(|workspace| workspace.inlay_hint.as_ref()?.refresh_support).unwrap_or(false)
}
