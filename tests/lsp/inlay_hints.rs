//! End-to-end tests of `textDocument/inlayHint` through a real LSP client over stdio: the
//! freshness hint at the end of each tracked person's header, the optional "how long ago"
//! after interaction dates, the requested range, and hints that follow edits.

use crate::support::lsp_client::{position, LspClient, Start, TODAY};
use serde_json::{json, Value};

const NETWORK: &str = "set stale-after 6m\n\
    \n\
    person ada \"Ada 😀 Lovelace\"  # since 2019\n  role mentor\n  2026-03-14 coffee\n  2026-05-02 email\n\
    \n\
    person grace \"Grace Hopper\"\n  role sponsor\n  every 3m\n  2026-10-01 call\n\
    \n\
    person charles \"Charles Babbage\"\n  met 2024-01-10\n  2025-01-01 email\n\
    \n\
    person kim \"Kim\"\n  role expert\n";

/// The range from the start of line `start_line` to the start of line `end_line`.
fn lines(start_line: u32, end_line: u32) -> Value {
    json!({ "start": position(start_line, 0), "end": position(end_line, 0) })
}

fn hints(client: &mut LspClient, doc: &str, range: Value) -> Vec<Value> {
    let result = client
        .request("textDocument/inlayHint", json!({ "textDocument": { "uri": doc }, "range": range }))
        .expect("inlayHint succeeds");
    result.as_array().cloned().unwrap_or_default()
}

/// Each hint as (line, character, label).
fn placed(hints: &[Value]) -> Vec<(u64, u64, String)> {
    hints
        .iter()
        .map(|hint| {
            let position = &hint["position"];
            let label = hint["label"].as_str().expect("a string label").to_string();
            (position["line"].as_u64().unwrap_or(u64::MAX), position["character"].as_u64().unwrap_or(u64::MAX), label)
        })
        .collect()
}

#[test]
fn announces_inlay_hints() {
    let client = LspClient::start();
    assert_eq!(client.initialize_result["capabilities"]["inlayHintProvider"], true);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn each_tracked_person_gets_a_freshness_hint_at_the_end_of_their_header_line() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("hints.kith", NETWORK);
    let found = hints(&mut client, &doc, lines(0, 100));
    // `person ada "Ada 😀 Lovelace"  # since 2019` is 42 UTF-16 units (the emoji counts two).
    assert_eq!(
        placed(&found),
        [
            (2, 42, "· last coffee 8 months ago · 2 months overdue".to_string()),
            (7, 27, "· last call 1 month ago · due in 1 month".to_string()),
            (16, 16, "· no meaningful contact yet".to_string()),
        ]
    );
    assert_eq!(found[0]["paddingLeft"], true);
    let tooltip = found[1]["tooltip"]["value"].as_str().expect("a markdown tooltip");
    assert!(tooltip.contains("every 3 months, from their own `every 3m`"), "{tooltip}");
    assert_eq!(found[1]["tooltip"]["kind"], "markdown");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn only_hints_inside_the_requested_range_come_back() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("hints-range.kith", NETWORK);
    let grace = hints(&mut client, &doc, lines(7, 10));
    assert_eq!(placed(&grace), [(7, 27, "· last call 1 month ago · due in 1 month".to_string())]);
    assert_eq!(hints(&mut client, &doc, lines(12, 14)), Vec::<Value>::new(), "Charles has no role and no `every`");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn interaction_dates_are_hinted_when_the_client_asks_for_them() {
    let mut client = LspClient::start_with(Start {
        initialization_options: json!({ "today": TODAY, "inlayHints": { "interactionDates": true } }),
        ..Start::default()
    });
    let text = "person ada \"Ada\"\n  met 2020-01-01\n  2026-11-04 coffee\n  2026-11-25 call\n  2026-11-27 meal\n";
    let (doc, _) = client.open_document("hints-dates.kith", text);
    assert_eq!(
        placed(&hints(&mut client, &doc, lines(0, 10))),
        [(2, 12, "3 weeks ago".to_string()), (3, 12, "today".to_string()), (4, 12, "in 2 days".to_string()),]
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn hints_follow_the_edits() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("hints-edit.kith", NETWORK);
    // Log a coffee with Ada today, below her last interaction (line 5).
    let at = position(6, 0);
    client.change(&doc, 2, json!([{ "range": { "start": at, "end": at }, "text": "  2026-11-25 coffee\n" }]));
    client.diagnostics(&doc, 2);
    let ada = hints(&mut client, &doc, lines(2, 3));
    assert_eq!(placed(&ada), [(2, 42, "· last coffee today · due in 6 months".to_string())]);
    assert!(client.shutdown_and_exit().success());
}
