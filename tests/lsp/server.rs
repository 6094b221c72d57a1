//! End-to-end tests of `kith-lsp` through a real LSP client over stdio: lifecycle,
//! encodings, document sync under fast typing, diagnostics, robustness.

use crate::support::lsp_client::{codes, diagnostic, position, range, uri, LspClient, Start, TODAY};
use serde_json::{json, Value};
use std::time::Duration;

const NETWORK: &str = "person ada \"Ada Lovelace\"\n  role mentr\n  met 2019-04-02\n  2026-03-14 coffee\n";

#[test]
fn announces_incremental_sync_and_utf16_by_default() {
    let client = LspClient::start();
    let capabilities = &client.initialize_result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(client.initialize_result["serverInfo"]["name"], "kith-lsp");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn picks_utf8_when_the_client_offers_it() {
    let client = LspClient::start_with(Start { position_encodings: vec!["utf-8", "utf-16"], ..Start::default() });
    assert_eq!(client.initialize_result["capabilities"]["positionEncoding"], "utf-8");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn publishes_versioned_diagnostics_with_code_source_and_docs_link() {
    let docs = "file:///usr/share/doc/kith/rules.md";
    let mut client = LspClient::start_with(Start {
        initialization_options: json!({ "today": TODAY, "rulesDocsUrl": docs }),
        ..Start::default()
    });
    let (_, diagnostics) = client.open_document("diagnostics.kith", NETWORK);
    let unknown_role = diagnostic(&diagnostics, "unknown-role");
    assert_eq!(unknown_role["source"], "kith");
    assert_eq!(unknown_role["severity"], 1);
    assert_eq!(unknown_role["range"], range(1, 7, 12));
    assert_eq!(unknown_role["codeDescription"]["href"], format!("{docs}#unknown-role"));
    assert!(codes(&diagnostics).contains(&"stale"), "{diagnostics:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn diagnostics_link_no_rule_docs_unless_told_where_they_are() {
    let mut client = LspClient::start();
    let (_, diagnostics) = client.open_document("diagnostics.kith", NETWORK);
    let unknown_role = diagnostic(&diagnostics, "unknown-role");
    assert_eq!(unknown_role.get("codeDescription"), None, "{unknown_role:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn utf16_ranges_count_emoji_as_two_units() {
    let mut client = LspClient::start();
    let (_, diagnostics) = client.open_document("emoji.kith", "person zoe \"Zoë 😀\" oops\n  met 2020-01-01\n");
    let syntax = diagnostic(&diagnostics, "syntax");
    // `person zoe "Zoë 😀" ` is 20 UTF-16 units (the emoji counts two), 19 characters.
    assert_eq!(syntax["range"]["start"], position(0, 20));
    assert!(client.shutdown_and_exit().success());
}

/// Hundreds of back-to-back incremental edits, as fast typing sends them: the final
/// diagnostics must be exactly those of the final text.
#[test]
fn fast_typing_never_desynchronises() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("typing.kith", "");
    let typed = concat!(
        "person ada \"Ada Lovelace\"\n  role mentr, sponsor\n  met 2019-04-02\n  2026-02-30 coffee \"réunion 😀\"\n\n",
        "person grace \"Grace Hopper\"\n  via @adaa\n  role challenger\n\n",
        "person charles \"Charles Babbage\"\n  role expert, collaborator\n  org \"Analytical Engines\"\n  knows @ada, @grace\n",
        "  met 2024-01-10 \"Conference dinner — 李 and friends\"\n  2026-10-01 call \"Difference engine, part two\"\n",
        "  2026-09-01 asked \"Intro to @grace\"\n  2026-09-15 asked!\n  2026-10-20 asked \"Review\"\n",
    );
    assert!(typed.chars().count() > 400, "hundreds of keystrokes");
    let mut version = 1;
    let (mut line, mut character) = (0u32, 0u32);
    for ch in typed.chars() {
        version += 1;
        let at = position(line, character);
        client.change(&doc, version, json!([{ "range": { "start": at, "end": at }, "text": ch.to_string() }]));
        if ch == '\n' {
            line += 1;
            character = 0;
        } else {
            character += ch.len_utf16() as u32;
        }
    }
    // Then delete the typo's extra `a` in `@adaa` and type a fix for `mentr`.
    version += 1;
    client.change(&doc, version, json!([{ "range": range(6, 9, 10), "text": "" }]));
    version += 1;
    client.change(&doc, version, json!([{ "range": range(1, 7, 12), "text": "mentor" }]));
    let final_text = typed.replacen("@adaa", "@ada", 1).replacen("mentr", "mentor", 1);
    let diagnostics = client.diagnostics(&doc, version);

    let mut fresh = LspClient::start();
    // A second server, so the same name is free.
    let (_, expected) = fresh.open_document("typing.kith", &final_text);
    assert_eq!(diagnostics, expected);
    assert!(codes(&diagnostics).contains(&"invalid-date"));
    assert!(!codes(&diagnostics).contains(&"unknown-role"));
    assert!(!codes(&diagnostics).contains(&"unknown-reference"));
    assert!(client.shutdown_and_exit().success());
    assert!(fresh.shutdown_and_exit().success());
}

#[test]
fn a_stale_version_is_ignored_and_logged() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("stale.kith", NETWORK);
    client.change(&doc, 1, json!([{ "text": "garbage" }]));
    client.log_containing("is not newer than 1");
    let symbols =
        client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": doc } })).expect("symbols");
    assert_eq!(symbols[0]["name"], "ada", "the stale change was not applied");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn requests_for_unknown_documents_get_a_clean_error() {
    let mut client = LspClient::start();
    let error = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri("never-opened.kith") } }))
        .expect_err("an unknown document is an error");
    assert_eq!(error["code"], -32602);
    assert!(error["message"].as_str().is_some_and(|message| message.contains("open it first")));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn unknown_methods_answer_method_not_found() {
    let mut client = LspClient::start();
    let error = client.request("kith/doesNotExist", json!({})).expect_err("unknown method");
    assert_eq!(error["code"], -32601);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_panic_in_a_handler_is_contained_and_the_server_keeps_serving() {
    let mut client = LspClient::start_with(Start {
        env: vec![("KITH_LSP_TEST_PANIC", "textDocument/foldingRange".to_string())],
        ..Start::default()
    });
    let (doc, _) = client.open_document("panic.kith", NETWORK);
    let error = client
        .request("textDocument/foldingRange", json!({ "textDocument": { "uri": doc } }))
        .expect_err("the panic becomes an error");
    assert_eq!(error["code"], -32603);
    client.log_containing("deliberate panic");
    let symbols = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": doc } }))
        .expect("still serving");
    assert_eq!(symbols[0]["name"], "ada");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_panic_in_analysis_is_contained() {
    let mut client =
        LspClient::start_with(Start { env: vec![("KITH_LSP_TEST_PANIC", "analysis".to_string())], ..Start::default() });
    let doc = uri("panic-analysis.kith");
    client.open(&doc, NETWORK);
    client.log_containing("kith crashed analysing");
    let error = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": doc } }))
        .expect_err("analysis panics");
    assert_eq!(error["code"], -32603);
    client.log_containing("kith crashed analysing");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn huge_and_binary_documents_do_not_stall_the_server() {
    let mut client = LspClient::start();
    let binary: String = (0u8..=255).cycle().take(200_000).map(char::from).collect();
    client.open_document("binary.kith", &binary);
    let huge: String = (0..20_000).map(|i| format!("person p{i} \"P {i}\"\n  met 2020-01-01\n")).collect();
    let (big, _) = client.open_document("huge.kith", &huge);
    let symbols =
        client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": big } })).expect("symbols");
    assert_eq!(symbols.as_array().map(Vec::len), Some(20_000));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut client = LspClient::start();
    let doc = uri("close.kith");
    client.open(&doc, NETWORK);
    assert!(!client.diagnostics(&doc, 1).is_empty());
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": doc } }));
    let cleared = client.notification("textDocument/publishDiagnostics");
    assert_eq!(cleared["diagnostics"], json!([]));
    client.assert_all_read(Duration::from_millis(100));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn diagnostics_and_hints_refresh_when_the_day_changes() {
    let clock = std::env::temp_dir().join(format!("kith-lsp-clock-{}", std::process::id()));
    std::fs::write(&clock, "2026-11-25").expect("the clock file is writable");
    let mut client = LspClient::start_with(Start {
        initialization_options: json!({}),
        env: vec![
            ("KITH_LSP_TEST_CLOCK", clock.display().to_string()),
            ("KITH_LSP_TEST_DATE_CHECK_MS", "50".to_string()),
        ],
        capabilities: json!({ "workspace": { "inlayHint": { "refreshSupport": true } } }),
        ..Start::default()
    });
    let doc = uri("midnight.kith");
    // Due on 2026-11-26: fresh on the 25th, stale from the 27th.
    client.open(&doc, "person ada \"Ada\"\n  role mentor\n  every 3m\n  met 2019-04-02\n  2026-08-26 call\n");
    assert!(!codes(&client.diagnostics(&doc, 1)).contains(&"stale"));
    std::fs::write(&clock, "2026-11-27").expect("the clock file is writable");
    assert!(codes(&client.diagnostics(&doc, 1)).contains(&"stale"), "re-published as of the new day");
    let refresh = client.server_request("workspace/inlayHint/refresh");
    client.respond(refresh["id"].clone(), Value::Null);
    let _ = std::fs::remove_file(&clock);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let client = LspClient::start();
    assert_eq!(client.exit_without_shutdown().code(), Some(1));
}

#[test]
fn an_invalid_pinned_today_fails_initialize_clearly() {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kith-lsp"));
    let output = command.arg("--version").output().expect("runs");
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("kith-lsp "));
}
