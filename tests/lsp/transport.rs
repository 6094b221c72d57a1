//! End-to-end tests of `kith-lsp`'s transport over stdio: whatever bytes the editor sends —
//! malformed frames, messages that are not JSON-RPC, garbage, absurd lengths, a malformed
//! `shutdown`, input that stops mid-frame — the server answers or skips them and goes on.

use crate::support::lsp_client::LspClient;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NETWORK: &str = "person ada \"Ada Lovelace\"\n  role mentr\n  met 2019-04-02\n  2026-03-14 coffee\n";

/// `body` in a frame, as a client sends it.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// A `documentSymbol` request with this id, as a JSON body.
fn document_symbols(id: &str, name: &str) -> String {
    let params = json!({ "textDocument": { "uri": crate::support::lsp_client::uri(name) } });
    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol", "params": params }).to_string()
}

/// The error code of `response`, which must be an error.
#[track_caller]
fn error_code(response: Result<Value, Value>) -> i64 {
    let error = response.expect_err("an error response");
    error["code"].as_i64().unwrap_or_else(|| panic!("an error with a code: {error}"))
}

/// A document opens, gets its diagnostics and answers a request: the session goes on.
#[track_caller]
fn assert_still_serving(client: &mut LspClient, name: &str) {
    let (doc, diagnostics) = client.open_document(name, NETWORK);
    assert!(!diagnostics.is_empty(), "diagnostics for {doc}");
    let symbols =
        client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": doc } })).expect("symbols");
    assert_eq!(symbols[0]["name"], "ada");
}

#[test]
fn a_malformed_json_frame_gets_a_parse_error_and_the_server_keeps_serving() {
    let mut client = LspClient::start();
    client.send_raw(b"Content-Length: 5\r\n\r\n{bad}");
    let error = client.response("the parse error", Value::Null).expect_err("a parse error");
    assert_eq!(error["code"], -32700);
    assert!(error["message"].as_str().is_some_and(|message| message.contains("not JSON")), "{error}");
    assert_still_serving(&mut client, "after-bad-json.kith");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn json_that_is_not_a_json_rpc_message_gets_an_invalid_request() {
    let mut client = LspClient::start();
    for body in ["{}", "[1]"] {
        client.send_raw(&frame(body));
        assert_eq!(error_code(client.response(&format!("the refusal of {body}"), Value::Null)), -32600);
    }
    // A request whose id can be read is answered with it.
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":"method-not-a-string","method":7}"#));
    assert_eq!(error_code(client.response("the refusal", json!("method-not-a-string"))), -32600);
    assert_still_serving(&mut client, "after-invalid-requests.kith");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn garbage_before_a_frame_is_skipped_without_an_answer() {
    let mut client = LspClient::start();
    client.open_document("garbage.kith", NETWORK);
    let mut input = b"\x00\xff\xfe not a header\r\n\r\n{\"jsonrpc\":\"2.0\"}\n".to_vec();
    input.extend(frame(&document_symbols("after-garbage", "garbage.kith")));
    client.send_raw(&input);
    let symbols = client.response("the symbols", json!("after-garbage")).expect("symbols");
    assert_eq!(symbols[0]["name"], "ada");
    // Anything else, such as an error about the garbage, would be left unread: a failure.
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn header_names_are_case_insensitive_and_content_type_is_optional() {
    let mut client = LspClient::start();
    client.open_document("headers.kith", NETWORK);
    let body = document_symbols("lower-case", "headers.kith");
    let header = format!("content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: {}", body.len());
    client.send_raw(format!("{header}\r\n\r\n{body}").as_bytes());
    assert_eq!(client.response("the symbols", json!("lower-case")).expect("symbols")[0]["name"], "ada");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_header_without_content_length_is_refused_and_its_body_skipped() {
    let mut client = LspClient::start();
    let unframed = r#"{"jsonrpc":"2.0","id":"unframed","method":"shutdown"}"#;
    client.send_raw(format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{unframed}").as_bytes());
    let error = client.response("the refusal", Value::Null).expect_err("a refusal");
    assert_eq!(error["code"], -32700);
    assert!(error["message"].as_str().is_some_and(|message| message.contains("Content-Length")), "{error}");
    assert_still_serving(&mut client, "after-missing-length.kith");
    // The skipped body was a `shutdown`: it did not shut the server down.
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_absurd_content_length_is_refused_at_once_and_the_next_frame_served() {
    let mut client = LspClient::start();
    client.send_raw(b"Content-Length: 1000000000000\r\n\r\n");
    // Answered without waiting for the terabyte, or for anything else.
    let error = client.response("the refusal", Value::Null).expect_err("a refusal");
    assert_eq!(error["code"], -32700);
    assert!(error["message"].as_str().is_some_and(|message| message.contains("limit")), "{error}");
    assert_still_serving(&mut client, "after-absurd-length.kith");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_over_long_header_is_refused_and_the_next_frame_served() {
    let mut client = LspClient::start();
    client.send_raw(format!("Content-Length: 1{}", "x".repeat(100_000)).as_bytes());
    assert_eq!(error_code(client.response("the refusal", Value::Null)), -32700);
    assert_still_serving(&mut client, "after-long-header.kith");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_shutdown_with_params_is_refused_and_does_not_shut_down() {
    let mut client = LspClient::start();
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":"bad-shutdown","method":"shutdown","params":{"x":1}}"#));
    assert_eq!(error_code(client.response("the refusal", json!("bad-shutdown"))), -32602);
    assert_still_serving(&mut client, "after-bad-shutdown.kith");
    assert!(client.shutdown_and_exit().success(), "a proper shutdown still works, and exit is 0");
}

#[test]
fn the_end_of_input_in_the_middle_of_a_frame_ends_the_session() {
    for cut in ["Content-Length: 100\r\n\r\n{\"jsonrpc\"", "Content-Len", "Content-Length: 100\r\n"] {
        let mut client = LspClient::start();
        client.send_raw(cut.as_bytes());
        assert_eq!(client.close_input().code(), Some(1), "{cut:?}: no shutdown came, so 1");
    }
}

/// Straight through the process's pipes, without the client: each refused frame is answered
/// on stdout and logged on one line of stderr.
#[test]
fn each_refused_frame_is_answered_and_logged_on_one_line() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_kith-lsp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kith-lsp starts");
    let mut input = Vec::new();
    for body in ["{bad}", "{}", "[1]"] {
        input.extend(frame(body));
    }
    input.extend(b"Content-Length: 1000000000000\r\n\r\n");
    let mut stdin = server.stdin.take().expect("stdin is piped");
    stdin.write_all(&input).expect("the server reads its stdin");
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.try_wait().expect("the process can be waited on") {
            break status;
        }
        assert!(Instant::now() < deadline, "kith-lsp did not exit at the end of its input");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(1));
    let (mut stdout, mut stderr) = (String::new(), String::new());
    server.stdout.take().expect("stdout is piped").read_to_string(&mut stdout).expect("stdout is UTF-8");
    server.stderr.take().expect("stderr is piped").read_to_string(&mut stderr).expect("stderr is UTF-8");
    let codes: Vec<i64> = stdout
        .split("Content-Length: ")
        .filter_map(|frame| frame.split_once("\r\n\r\n"))
        .map(|(_, body)| serde_json::from_str::<Value>(body).expect("a JSON response"))
        .map(|response| {
            assert_eq!(response["id"], Value::Null, "{response}");
            response["error"]["code"].as_i64().expect("an error code")
        })
        .collect();
    assert_eq!(codes, [-32700, -32600, -32600, -32700], "{stdout}");
    let refused: Vec<&str> = stderr.lines().filter(|line| line.starts_with("kith-lsp: refused a ")).collect();
    assert_eq!(refused.len(), 4, "{stderr}");
    assert!(refused[3].contains("Content-Length 1000000000000"), "{stderr}");
}
