//! End-to-end tests of `textDocument/formatting` through a real LSP client over stdio: the
//! edits turn the document into exactly what `kith fmt` writes, in either position encoding;
//! a formatted document needs none; a document with a syntax error is refused with its line.

use crate::support::lsp_client::{position, LspClient, Start};
use crate::support::lsp_edits::{apply_text_edits, PositionEncoding};
use serde_json::{json, Value};

const MESSY: &str = "# network\r\nperson zoe   \"Zoë 😀\"   # friend\r\n    2026-05-02 email\r\n\trole mentor ,sponsor\r\n\r\n\r\n\r\nperson ada \"Ada\"\r\n  2026-03-14 coffee!  \"😀 again\"\r\n  met 2019-04-02";

fn canonical(text: &str) -> String {
    kith_core::format::format(text, &kith_core::syntax::parse(text)).expect("the test text has no syntax error")
}

fn formatting(client: &mut LspClient, doc: &str) -> Result<Value, Value> {
    client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 8, "insertSpaces": false } }),
    )
}

#[test]
fn announces_document_formatting() {
    let client = LspClient::start();
    assert_eq!(client.initialize_result["capabilities"]["documentFormattingProvider"], true);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_edits_make_the_document_what_kith_fmt_writes_and_a_second_request_has_none() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("format.kith", MESSY);
    let edits = formatting(&mut client, &doc).expect("formatting succeeds");
    let edits = edits.as_array().expect("a list of edits").clone();
    assert_eq!(edits.len(), 1);
    // The first line is already canonical, so the edit starts after it.
    assert_eq!(edits[0]["range"]["start"], position(1, 0));
    let formatted = apply_text_edits(MESSY, &edits, PositionEncoding::Utf16);
    assert_eq!(formatted, canonical(MESSY));
    assert!(formatted
        .contains("person zoe \"Zoë 😀\" # friend\r\n  role mentor, sponsor\r\n  2026-05-02 email\r\n\r\nperson ada"));

    // The editor applies the edits; the document is now formatted.
    let changes: Vec<Value> =
        edits.iter().map(|edit| json!({ "range": edit["range"], "text": edit["newText"] })).collect();
    client.change(&doc, 2, Value::Array(changes));
    client.diagnostics(&doc, 2);
    assert_eq!(formatting(&mut client, &doc).expect("formatting succeeds"), json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
/// Formatting edits cover whole lines (every position is at a line start), so a UTF-8 client
/// gets the same edits; this checks they apply as UTF-8 positions all the same.
fn a_utf8_client_gets_whole_line_edits_that_apply() {
    let mut client = LspClient::start_with(Start { position_encodings: vec!["utf-8"], ..Start::default() });
    let (doc, _) = client.open_document("format-utf8.kith", MESSY);
    let edits = formatting(&mut client, &doc).expect("formatting succeeds");
    let edits = edits.as_array().expect("a list of edits").clone();
    assert_eq!(apply_text_edits(MESSY, &edits, PositionEncoding::Utf8), canonical(MESSY));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_document_with_a_syntax_error_is_refused_with_its_line() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("broken.kith", "person ada \"Ada\"\n    role mentor\nperson bob\n");
    let error = formatting(&mut client, &doc).expect_err("a document with a syntax error is not formatted");
    assert_eq!(error["code"], -32803);
    assert_eq!(
        error["message"],
        "not formatted: line 3: expected a quoted text after the id: `person ada \"Ada Lovelace\"`"
    );
    assert!(client.shutdown_and_exit().success());
}
