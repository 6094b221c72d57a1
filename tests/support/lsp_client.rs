//! A real LSP client for the end-to-end tests: starts the `kith-lsp` binary, speaks JSON-RPC
//! over its stdio, and fails the test if the server sent anything the test did not read.

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long any single wait for the server may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The day every LSP test runs on unless it says otherwise.
pub(crate) const TODAY: &str = "2026-11-25";

/// How to start the server.
pub(crate) struct Start {
    pub initialization_options: Value,
    /// Position encodings the client offers (`general.positionEncodings`).
    pub position_encodings: Vec<&'static str>,
    pub env: Vec<(&'static str, String)>,
    /// Client capabilities added to the defaults (top-level keys replace).
    pub capabilities: Value,
}

impl Default for Start {
    fn default() -> Self {
        Self {
            initialization_options: json!({ "today": TODAY }),
            position_encodings: vec!["utf-16"],
            env: Vec::new(),
            capabilities: json!({}),
        }
    }
}

pub(crate) struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Messages with the moment their last byte was read.
    incoming: Receiver<(Value, Instant)>,
    /// Messages received but not yet read by the test (notifications, server requests).
    unread: VecDeque<(Value, Instant)>,
    /// When the message most recently returned to the test arrived.
    last_arrival: Instant,
    next_id: i64,
    pub initialize_result: Value,
}

impl LspClient {
    /// Starts `kith-lsp` and completes the `initialize` handshake.
    pub(crate) fn start() -> Self {
        Self::start_with(Start::default())
    }

    pub(crate) fn start_with(start: Start) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kith-lsp"));
        command.env_remove("KITH_TODAY").env_remove("KITH_LSP_TEST_PANIC");
        for (key, value) in &start.env {
            command.env(key, value);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("kith-lsp starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Self {
            child,
            stdin,
            incoming,
            unread: VecDeque::new(),
            last_arrival: Instant::now(),
            next_id: 1,
            initialize_result: Value::Null,
        };
        let mut capabilities = json!({
            "general": { "positionEncodings": start.position_encodings },
            "textDocument": { "publishDiagnostics": { "versionSupport": true } }
        });
        if let (Some(defaults), Some(extra)) = (capabilities.as_object_mut(), start.capabilities.as_object()) {
            defaults.extend(extra.clone());
        }
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": start.initialization_options,
            }),
        );
        client.initialize_result = result.expect("initialize succeeds");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads its stdin");
        stdin.flush().expect("the server reads its stdin");
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(&format!("the response to {method}"), json!(id))
    }

    /// Waits for the response with this id (`null` for an error about an unreadable message):
    /// `Ok(result)` or `Err(error)`.
    pub(crate) fn response(&mut self, what: &str, id: Value) -> Result<Value, Value> {
        let response = self.wait_for(what, |message| message.get("id") == Some(&id) && message.get("method").is_none());
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Writes `bytes` to the server's stdin as they are, framed or not.
    pub(crate) fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the server reads its stdin");
        stdin.flush().expect("the server reads its stdin");
    }

    /// Waits for the first message matching `wanted`, keeping the others unread.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.unread.iter().position(|(message, _)| wanted(message)) {
            let (message, arrived) = self.unread.remove(at).expect("the position is in range");
            self.last_arrival = arrived;
            return message;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((message, arrived)) if wanted(&message) => {
                    self.last_arrival = arrived;
                    return message;
                }
                Ok(message) => self.unread.push_back(message),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}; unread: {:#?}", self.unread),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output while waiting for {what}"),
            }
        }
    }

    /// When the message most recently returned to the test (a response, a notification, the
    /// diagnostics) was fully received, before the client parsed it.
    pub(crate) fn last_arrival(&self) -> Instant {
        self.last_arrival
    }

    /// Waits for a notification with this method and returns its params.
    pub(crate) fn notification(&mut self, method: &str) -> Value {
        let message = self.wait_for(method, |message| message["method"] == method && message.get("id").is_none());
        message["params"].clone()
    }

    /// Waits for a request from the server with this method; returns the whole message
    /// (its `id`, to answer it, and its `params`).
    pub(crate) fn server_request(&mut self, method: &str) -> Value {
        self.wait_for(method, |message| message["method"] == method && message.get("id").is_some())
    }

    /// Answers a request from the server.
    pub(crate) fn respond(&mut self, id: Value, result: Value) {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "result": result }));
    }

    /// Waits for a `window/logMessage` containing `needle`.
    pub(crate) fn log_containing(&mut self, needle: &str) -> String {
        let message = self.wait_for(&format!("a log message containing {needle:?}"), |message| {
            message["method"] == "window/logMessage"
                && message["params"]["message"].as_str().is_some_and(|text| text.contains(needle))
        });
        message["params"]["message"].as_str().unwrap_or_default().to_string()
    }

    pub(crate) fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "kith", "version": 1, "text": text } }),
        );
    }

    /// Opens `text` as the document `name` (version 1) and waits for its first diagnostics;
    /// returns the document's URI and them.
    pub(crate) fn open_document(&mut self, name: &str, text: &str) -> (String, Vec<Value>) {
        let doc = uri(name);
        self.open(&doc, text);
        let diagnostics = self.diagnostics(&doc, 1);
        (doc, diagnostics)
    }

    pub(crate) fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    /// Waits for the diagnostics published for `uri` at `version`; earlier publications
    /// for the same document are read and dropped (debouncing may skip or send them).
    pub(crate) fn diagnostics(&mut self, uri: &str, version: i32) -> Vec<Value> {
        loop {
            let params = self.wait_for(&format!("diagnostics for {uri} v{version}"), |message| {
                message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
            })["params"]
                .clone();
            let published = params["version"].as_i64().map(|published| published as i32);
            if published == Some(version) {
                return params["diagnostics"].as_array().cloned().unwrap_or_default();
            }
            assert!(
                published.is_some_and(|published| published < version),
                "diagnostics for v{published:?} arrived while waiting for v{version}: newer or unversioned diagnostics must not precede"
            );
        }
    }

    /// `shutdown`, then `exit`; returns how the process ended.
    pub(crate) fn shutdown_and_exit(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null).expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        self.wait_for_exit()
    }

    /// Sends `exit` without `shutdown`.
    pub(crate) fn exit_without_shutdown(mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        self.wait_for_exit()
    }

    /// Closes the server's stdin without `exit`; returns how the process ended.
    pub(crate) fn close_input(mut self) -> ExitStatus {
        self.wait_for_exit()
    }

    fn wait_for_exit(&mut self) -> ExitStatus {
        self.stdin.take();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("the process can be waited on") {
                return status;
            }
            assert!(Instant::now() < deadline, "kith-lsp did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Reads everything that arrives within `quiet`, then asserts nothing was left unread.
    pub(crate) fn assert_all_read(&mut self, quiet: Duration) {
        while let Ok(message) = self.incoming.recv_timeout(quiet) {
            self.unread.push_back(message);
        }
        assert!(self.unread.is_empty(), "the server sent messages the test did not read: {:#?}", self.unread);
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while let Ok(message) = self.incoming.try_recv() {
            self.unread.push_back(message);
        }
        if !std::thread::panicking() {
            assert!(self.unread.is_empty(), "the server sent messages the test did not read: {:#?}", self.unread);
        }
    }
}

/// Reads one framed message, with the moment its last byte arrived (before parsing it).
fn read_message(reader: &mut impl BufRead) -> Option<(Value, Instant)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    serde_json::from_slice(&body).ok().map(|message| (message, arrived))
}

/// A `file://` URI for a test document.
pub(crate) fn uri(name: &str) -> String {
    format!("file:///tmp/kith-tests/{name}")
}

/// An LSP position.
pub(crate) fn position(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

/// A range within one line, from character `start` to `end`.
pub(crate) fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": position(line, start), "end": position(line, end) })
}

/// The params of a request about one position in `doc` (`TextDocumentPositionParams`).
pub(crate) fn position_in(doc: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": doc }, "position": position(line, character) })
}

/// The codes of `diagnostics`, in order.
pub(crate) fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter_map(|diagnostic| diagnostic["code"].as_str()).collect()
}

/// The first of `diagnostics` with this code; fails the test when there is none.
#[track_caller]
pub(crate) fn diagnostic<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` diagnostic in {diagnostics:#?}"))
}
