//! End-to-end tests of `textDocument/formatting` through a real LSP client over stdio: the
//! edits turn the document into exactly what `kith fmt` writes, in either position encoding;
//! a formatted document needs none; a document with a syntax error is refused with its line.

mod support;

use serde_json::{json, Value};
use support::lsp_client::{uri, LspClient, Start};

const MESSY: &str = "# network\r\nperson zoe   \"Zoë 😀\"   # friend\r\n    2026-05-02 email\r\n\trole mentor ,sponsor\r\n\r\n\r\n\r\nperson ada \"Ada\"\r\n  2026-03-14 coffee!  \"😀 again\"\r\n  met 2019-04-02";

fn canonical(text: &str) -> String {
    kith_core::format::format(text, &kith_core::syntax::parse(text)).expect("the test text has no syntax error")
}

/// The byte offset of an LSP position, its character counted in UTF-16 units or bytes.
fn offset(text: &str, position: &Value, utf16: bool) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let character = position["character"].as_u64().expect("a character") as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' || ch == '\r' {
            return line_start + index;
        }
        units += if utf16 { ch.len_utf16() } else { ch.len_utf8() };
    }
    text.len()
}

/// `text` with the edits applied, last first.
fn apply(text: &str, edits: &[Value], utf16: bool) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            let start = offset(text, &edit["range"]["start"], utf16);
            let end = offset(text, &edit["range"]["end"], utf16);
            (start, end, edit["newText"].as_str().expect("new text"))
        })
        .collect();
    spans.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut result = text.to_string();
    for (start, end, new_text) in spans {
        result.replace_range(start..end, new_text);
    }
    result
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
    let doc = uri("format.kith");
    client.open(&doc, MESSY);
    client.diagnostics(&doc, 1);
    let edits = formatting(&mut client, &doc).expect("formatting succeeds");
    let edits = edits.as_array().expect("a list of edits").clone();
    assert_eq!(edits.len(), 1);
    // The first line is already canonical, so the edit starts after it.
    assert_eq!(edits[0]["range"]["start"], json!({ "line": 1, "character": 0 }));
    let formatted = apply(MESSY, &edits, true);
    assert_eq!(formatted, canonical(MESSY));
    assert!(formatted.contains("person zoe \"Zoë 😀\" # friend\r\n  role mentor, sponsor\r\n  2026-05-02 email\r\n\r\nperson ada"));

    // The editor applies the edits; the document is now formatted.
    let changes: Vec<Value> = edits.iter().map(|edit| json!({ "range": edit["range"], "text": edit["newText"] })).collect();
    client.change(&doc, 2, Value::Array(changes));
    client.diagnostics(&doc, 2);
    assert_eq!(formatting(&mut client, &doc).expect("formatting succeeds"), json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn utf8_positions_are_bytes() {
    let mut client = LspClient::start_with(Start { position_encodings: vec!["utf-8"], ..Start::default() });
    let doc = uri("format-utf8.kith");
    client.open(&doc, MESSY);
    client.diagnostics(&doc, 1);
    let edits = formatting(&mut client, &doc).expect("formatting succeeds");
    let edits = edits.as_array().expect("a list of edits").clone();
    assert_eq!(apply(MESSY, &edits, false), canonical(MESSY));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_document_with_a_syntax_error_is_refused_with_its_line() {
    let mut client = LspClient::start();
    let doc = uri("broken.kith");
    client.open(&doc, "person ada \"Ada\"\n    role mentor\nperson bob\n");
    client.diagnostics(&doc, 1);
    let error = formatting(&mut client, &doc).expect_err("a document with a syntax error is not formatted");
    assert_eq!(error["code"], -32803);
    assert_eq!(
        error["message"],
        "not formatted: line 3: expected a quoted text after the id: `person ada \"Ada Lovelace\"`"
    );
    assert!(client.shutdown_and_exit().success());
}
