//! End-to-end tests of `textDocument/codeAction` through a real LSP client over stdio: ask
//! for the quick fixes of published diagnostics, apply the returned edits as an editor
//! would, send the new text, and check the diagnostic is gone.

use crate::support::lsp_client::{codes, diagnostic, position, range, LspClient};
use crate::support::lsp_edits::{apply_text_edits, PositionEncoding};
use serde_json::{json, Value};

/// The code actions offered for `diagnostics` over their first one's range.
fn actions(client: &mut LspClient, doc: &str, diagnostics: &[&Value]) -> Vec<Value> {
    let over = diagnostics.first().map_or(range(0, 0, 0), |first| first["range"].clone());
    let result = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": doc }, "range": over, "context": { "diagnostics": diagnostics } }),
        )
        .expect("codeAction succeeds");
    result.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    let titles: Vec<&str> = actions.iter().filter_map(|action| action["title"].as_str()).collect();
    actions
        .iter()
        .find(|action| action["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} among {titles:?}"))
}

/// Applies `action`'s edits to `text`, sends the result as version `version`, and returns
/// the new text and its diagnostics.
fn apply(client: &mut LspClient, doc: &str, text: &str, action: &Value, version: i32) -> (String, Vec<Value>) {
    assert_eq!(action["kind"], "quickfix");
    let changes = action["edit"]["changes"].as_object().expect("a workspace edit with changes");
    assert_eq!(changes.keys().collect::<Vec<_>>(), [doc], "edits only this document");
    let edits = changes[doc].as_array().expect("a list of edits");
    let fixed = apply_text_edits(text, edits, PositionEncoding::Utf16);
    client.change(doc, version, json!([{ "text": fixed }]));
    let diagnostics = client.diagnostics(doc, version);
    (fixed, diagnostics)
}

const NETWORK: &str = "# my network\n\
    \n\
    person ada \"Ada Lovelace 😀\"\n  role mentor, truth-teller\n  met 2019-04-02 \"PyCon\"\n  2026-03-14 coffee \"board offer\"\n  2026-05-02 email\n\
    \n\
    person grace \"Grace Hopper\"\n  role sponsor, mentr\n  via @ada\n  2026-07-15 helped\n  2026-06-01 asked # reference\n\
    \n\
    person charles \"Charles Babbage\"\n  org \"Engines\"\n";

#[test]
fn announces_quick_fixes() {
    let client = LspClient::start();
    assert_eq!(
        client.initialize_result["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "refactor.rewrite"])
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn logging_a_coffee_today_clears_stale() {
    let mut client = LspClient::start();
    let (doc, diagnostics) = client.open_document("actions-stale.kith", NETWORK);
    let stale = diagnostic(&diagnostics, "stale");
    let offered = actions(&mut client, &doc, &[stale]);
    let log = titled(&offered, "Log a coffee with Ada Lovelace 😀 today");
    assert_eq!(log["diagnostics"], json!([stale]));
    assert_eq!(log["edit"]["changes"][&doc][0]["range"]["start"], position(7, 0));
    let (fixed, after) = apply(&mut client, &doc, NETWORK, log, 2);
    assert!(fixed.contains("  2026-05-02 email\n  2026-11-25 coffee\n\nperson grace"), "{fixed}");
    assert!(!codes(&after).contains(&"stale"), "{after:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn sorting_the_log_clears_unsorted_log_and_keeps_comments() {
    let mut client = LspClient::start();
    let (doc, diagnostics) = client.open_document("actions-sort.kith", NETWORK);
    let unsorted = diagnostic(&diagnostics, "unsorted-log");
    let offered = actions(&mut client, &doc, &[unsorted]);
    let sort = titled(&offered, "Sort Grace Hopper's interactions by date");
    assert_eq!(sort["isPreferred"], true);
    assert_eq!(offered.len(), 2, "sort, and allow for Grace: {offered:#?}");
    let (fixed, after) = apply(&mut client, &doc, NETWORK, sort, 2);
    assert!(fixed.contains("  via @ada\n  2026-06-01 asked # reference\n  2026-07-15 helped\n"), "{fixed}");
    assert!(!codes(&after).contains(&"unsorted-log"), "{after:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn adding_how_you_met_clears_no_context() {
    let mut client = LspClient::start();
    let (doc, diagnostics) = client.open_document("actions-context.kith", NETWORK);
    let no_context = diagnostic(&diagnostics, "no-context");
    let offered = actions(&mut client, &doc, &[no_context]);
    let add = titled(&offered, "Add how you met Charles Babbage");
    let (fixed, after) = apply(&mut client, &doc, NETWORK, add, 2);
    assert!(
        fixed.ends_with("person charles \"Charles Babbage\"\n  org \"Engines\"\n  met 2026-11-25 \"…\"\n"),
        "{fixed}"
    );
    assert!(!codes(&after).contains(&"no-context"), "{after:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn did_you_mean_replacements_are_preferred_quick_fixes() {
    let mut client = LspClient::start();
    let text = "persn ada \"Ada\"\n  met 2019-04-02\nperson bob \"Bob\"\n  role Mentor\n  met 2020-01-01\n  emial bob@example.org\n  2026-01-01 cofee\n";
    let (doc, diagnostics) = client.open_document("actions-typos.kith", text);
    let mut all_edits = Vec::new();
    for (code, title) in [
        ("syntax", "Replace with `person`"),
        ("invalid-value", "Replace with `mentor`"),
        ("unknown-field", "Replace with `email`"),
        ("unknown-kind", "Replace with `coffee`"),
    ] {
        let offered = actions(&mut client, &doc, &[diagnostic(&diagnostics, code)]);
        assert_eq!(offered[0]["title"], title, "the suggestion comes first: {offered:#?}");
        assert_eq!(offered[0]["isPreferred"], true);
        all_edits.extend(offered[0]["edit"]["changes"][&doc].as_array().cloned().expect("edits"));
    }
    // All four together, as an editor's "fix all" applies them to version 1.
    let current = apply_text_edits(text, &all_edits, PositionEncoding::Utf16);
    client.change(&doc, 2, json!([{ "text": current }]));
    let after = client.diagnostics(&doc, 2);
    assert_eq!(current, "person ada \"Ada\"\n  met 2019-04-02\nperson bob \"Bob\"\n  role mentor\n  met 2020-01-01\n  email bob@example.org\n  2026-01-01 coffee\n");
    for code in ["syntax", "invalid-value", "unknown-field", "unknown-kind"] {
        assert!(!codes(&after).contains(&code), "{code} remains: {after:#?}");
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn allowing_for_a_person_or_the_file_silences_the_lint() {
    let mut client = LspClient::start();
    let (doc, diagnostics) = client.open_document("actions-allow.kith", NETWORK);

    let unknown_role = diagnostic(&diagnostics, "unknown-role");
    let offered = actions(&mut client, &doc, &[unknown_role]);
    let allow = titled(&offered, "Allow `unknown-role` for Grace Hopper");
    assert_eq!(allow.get("isPreferred"), None);
    let (text, after) = apply(&mut client, &doc, NETWORK, allow, 2);
    assert!(text.contains("  via @ada\n  allow unknown-role\n  2026-07-15 helped"), "{text}");
    assert!(!codes(&after).contains(&"unknown-role"));

    let stale = diagnostic(&after, "stale");
    let offered = actions(&mut client, &doc, &[stale]);
    let (text, after) = apply(&mut client, &doc, &text, titled(&offered, "Allow `stale` for Ada Lovelace 😀"), 3);
    assert!(!codes(&after).contains(&"stale"), "{after:#?}");

    // Nobody is an accelerator: a file-wide lint gets the file-wide allow only.
    let offered = actions(&mut client, &doc, &[diagnostic(&after, "empty-pillar")]);
    assert_eq!(offered.len(), 1, "{offered:#?}");
    let (text, after) = apply(&mut client, &doc, &text, titled(&offered, "Allow `empty-pillar` in this file"), 4);
    assert!(text.starts_with("# my network\nset allow empty-pillar\n\nperson ada"), "{text}");
    assert!(!codes(&after).contains(&"empty-pillar"), "{after:#?}");

    let unfilled = diagnostic(&after, "unfilled-role");
    let offered = actions(&mut client, &doc, &[unfilled]);
    let (text, after) = apply(&mut client, &doc, &text, titled(&offered, "Allow `unfilled-role` in this file"), 5);
    assert!(text.starts_with("# my network\nset allow empty-pillar, unfilled-role\n"), "{text}");
    assert!(!codes(&after).contains(&"unfilled-role"), "{after:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn crlf_files_get_crlf_edits() {
    let mut client = LspClient::start();
    let text = NETWORK.replace('\n', "\r\n");
    let (doc, diagnostics) = client.open_document("actions-crlf.kith", &text);
    let offered = actions(&mut client, &doc, &[diagnostic(&diagnostics, "stale")]);
    let (fixed, after) =
        apply(&mut client, &doc, &text, titled(&offered, "Log a coffee with Ada Lovelace 😀 today"), 2);
    assert!(fixed.contains("  2026-05-02 email\r\n  2026-11-25 coffee\r\n\r\nperson grace"), "{fixed:?}");
    assert!(!fixed.replace("\r\n", "").contains('\n'), "no bare LF was introduced");
    assert!(!codes(&after).contains(&"stale"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn diagnostics_of_an_older_version_and_other_kinds_get_no_actions() {
    let mut client = LspClient::start();
    let (doc, diagnostics) = client.open_document("actions-old.kith", NETWORK);
    let stale = diagnostic(&diagnostics, "stale").clone();
    client.change(&doc, 2, json!([{ "range": range(0, 0, 0), "text": "\n" }]));
    client.diagnostics(&doc, 2);
    assert_eq!(actions(&mut client, &doc, &[&stale]), Vec::<Value>::new(), "the lint moved a line down");
    let refactors = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": doc }, "range": stale["range"], "context": { "diagnostics": [], "only": ["refactor"] } }),
        )
        .expect("codeAction succeeds");
    assert_eq!(refactors, json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_wider_network_person_becomes_a_key_person_from_the_editor() {
    let mut client = LspClient::start();
    let (doc, diagnostics) = client.open_document("choose.kith", NETWORK);
    assert!(codes(&diagnostics).contains(&"empty-pillar"), "{diagnostics:#?}");
    let charles = NETWORK.lines().position(|line| line.starts_with("person charles")).expect("charles") as u32;
    let offered = actions_at(&mut client, &doc, charles + 1);
    let titles: Vec<&str> = offered.iter().filter_map(|action| action["title"].as_str()).collect();
    assert_eq!(titles[0], "Make Charles Babbage a key person: butt-kicker (accelerators is empty)", "{titles:?}");
    assert!(titles.contains(&"Make Charles Babbage a key person: mentor (pathfinders)"), "{titles:?}");
    let action = titled(&offered, "Make Charles Babbage a key person: butt-kicker (accelerators is empty)");
    assert_eq!(action["kind"], "refactor.rewrite");
    let edits = action["edit"]["changes"][&doc].as_array().expect("edits");
    let promoted = apply_text_edits(NETWORK, edits, PositionEncoding::Utf16);
    assert!(
        promoted.ends_with("person charles \"Charles Babbage\"\n  role butt-kicker\n  org \"Engines\"\n"),
        "{promoted}"
    );
    client.change(&doc, 2, json!([{ "text": promoted }]));
    let after = client.diagnostics(&doc, 2);
    let empty: Vec<&Value> = after.iter().filter(|diagnostic| diagnostic["code"] == "empty-pillar").collect();
    assert!(
        empty.iter().all(|diagnostic| !diagnostic["message"].as_str().unwrap_or_default().contains("accelerators")),
        "{empty:#?}"
    );
    assert!(
        actions_at(&mut client, &doc, charles + 1).iter().all(|action| action["kind"] != "refactor.rewrite"),
        "a key person now"
    );
    assert!(client.shutdown_and_exit().success());
}

/// The code actions offered at the start of `line` with no diagnostics in the context.
fn actions_at(client: &mut LspClient, doc: &str, line: u32) -> Vec<Value> {
    let result = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": doc }, "range": range(line, 0, 0), "context": { "diagnostics": [] } }),
        )
        .expect("codeAction succeeds");
    result.as_array().cloned().unwrap_or_default()
}
