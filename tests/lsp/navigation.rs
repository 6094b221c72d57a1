//! End-to-end tests of navigation in `kith-lsp` over stdio: go-to-definition, references,
//! rename of person ids, workspace symbols and semantic tokens.

use crate::support::lsp_client::{codes, position, position_in, range, LspClient};
use crate::support::lsp_edits::{apply_text_edits, PositionEncoding};
use serde_json::{json, Value};

/// A network with every kind of person reference; the emoji before `@ada` makes UTF-16
/// columns differ from character and byte columns.
const NETWORK: &str = "\
person ada \"Ada Lovelace\"
  role mentor
  knows @grace

person grace \"Grace Hopper\"
  via @ada
  knows @ada, @charles
  2026-07-15 helped \"😀 Introduced her to @ada's team\"

person charles \"Charles Babbage\"
  note \"@ada and @nobody\"
";

/// The (line, character) where each location starts.
fn starts(locations: &Value) -> Vec<(u64, u64)> {
    let locations = locations.as_array().expect("an array of locations");
    locations
        .iter()
        .map(|location| {
            (
                location["range"]["start"]["line"].as_u64().unwrap(),
                location["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Applies a `WorkspaceEdit`'s edits for `doc` to `text`, as an editor would.
fn apply(text: &str, edit: &Value, doc: &str) -> String {
    let edits = edit["changes"][doc].as_array().expect("edits for the document");
    apply_text_edits(text, edits, PositionEncoding::Utf16)
}

#[test]
fn announces_navigation_capabilities() {
    let client = LspClient::start();
    let capabilities = &client.initialize_result["capabilities"];
    assert_eq!(capabilities["definitionProvider"], true);
    assert_eq!(capabilities["referencesProvider"], true);
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(capabilities["workspaceSymbolProvider"], true);
    assert_eq!(capabilities["semanticTokensProvider"]["full"], true);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_from_a_mention_inside_a_string_after_an_emoji() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("definition.kith", NETWORK);
    // `  2026-07-15 helped "😀 Introduced her to @` : the `@` is at UTF-16 column 42.
    let location = client.request("textDocument/definition", position_in(&doc, 7, 43)).expect("definition");
    assert_eq!(location, json!({ "uri": doc, "range": range(0, 7, 10) }));
    let from_knows = client.request("textDocument/definition", position_in(&doc, 6, 16)).expect("definition");
    assert_eq!(from_knows["range"], range(9, 7, 14), "from `@charles` to Charles's header");
    let nowhere = client.request("textDocument/definition", position_in(&doc, 10, 19)).expect("definition");
    assert_eq!(nowhere, Value::Null, "a mention of nobody is plain text");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_of_a_declared_role() {
    let mut client = LspClient::start();
    let text = "role elder \"has seen it all\"\n\nperson ada \"Ada\"\n  role elder\n  met 2020-01-01\n";
    let (doc, _) = client.open_document("roles.kith", text);
    let location = client.request("textDocument/definition", position_in(&doc, 3, 9)).expect("definition");
    assert_eq!(location["range"], range(0, 5, 10));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn references_with_and_without_the_declaration() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("references.kith", NETWORK);
    let with = |include: bool| json!({ "textDocument": { "uri": doc }, "position": position(5, 8), "context": { "includeDeclaration": include } });
    let all = client.request("textDocument/references", with(true)).expect("references");
    assert_eq!(starts(&all), [(0, 7), (5, 7), (6, 9), (7, 43), (10, 9)]);
    assert!(all.as_array().unwrap().iter().all(|location| location["uri"] == doc.as_str()));
    let without = client.request("textDocument/references", with(false)).expect("references");
    assert_eq!(starts(&without), [(5, 7), (6, 9), (7, 43), (10, 9)]);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn rename_changes_header_via_knows_and_mentions_and_leaves_no_unknown_reference() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("rename.kith", NETWORK);
    let prepared = client.request("textDocument/prepareRename", position_in(&doc, 6, 10)).expect("prepareRename");
    assert_eq!(prepared, json!({ "range": range(6, 9, 12), "placeholder": "ada" }));
    let params = json!({ "textDocument": { "uri": doc }, "position": position(0, 8), "newName": "augusta" });
    let edit = client.request("textDocument/rename", params).expect("rename");
    let renamed = apply(NETWORK, &edit, &doc);
    assert_eq!(renamed, NETWORK.replace("ada ", "augusta ").replace("@ada", "@augusta"));
    assert!(renamed.contains("via @augusta") && renamed.contains("knows @augusta, @charles"));
    assert!(renamed.contains("to @augusta's team") && renamed.contains("\"@augusta and @nobody\""));

    client.change(&doc, 2, json!([{ "text": renamed }]));
    let diagnostics = client.diagnostics(&doc, 2);
    assert!(!codes(&diagnostics).contains(&"unknown-reference"), "{diagnostics:#?}");
    let references = client
        .request("textDocument/references", json!({ "textDocument": { "uri": doc }, "position": position(0, 8), "context": { "includeDeclaration": true } }))
        .expect("references");
    assert_eq!(starts(&references).len(), 5, "every occurrence still points at the renamed person");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn renames_to_bad_or_taken_ids_and_of_non_people_are_refused() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("refused.kith", NETWORK);
    let rename_to =
        |new_name: &str| json!({ "textDocument": { "uri": doc }, "position": position(5, 8), "newName": new_name });
    let invalid = client.request("textDocument/rename", rename_to("Ada")).expect_err("capitals are refused");
    assert_eq!(invalid["code"], -32602);
    assert_eq!(
        invalid["message"],
        "`Ada` is not a valid id: use lower-case letters, digits, - and _; did you mean `ada`?"
    );
    let taken = client.request("textDocument/rename", rename_to("grace")).expect_err("grace is taken");
    assert_eq!(taken["code"], -32602);
    assert_eq!(taken["message"], "`grace` is already Grace Hopper's id");

    let on_role =
        client.request("textDocument/prepareRename", position_in(&doc, 1, 8)).expect_err("a role cannot be renamed");
    assert_eq!(on_role["message"], "`mentor` is a role: only person ids can be renamed");
    let on_text = client.request("textDocument/prepareRename", position_in(&doc, 7, 25)).expect("prepareRename");
    assert_eq!(on_text, Value::Null, "plain text in a string");
    let on_nobody = client.request("textDocument/prepareRename", position_in(&doc, 10, 19)).expect("prepareRename");
    assert_eq!(on_nobody, Value::Null, "a mention of nobody");
    let off_id = json!({ "textDocument": { "uri": doc }, "position": position(1, 3), "newName": "x" });
    let error = client.request("textDocument/rename", off_id).expect_err("nothing to rename");
    assert_eq!(error["code"], -32602);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn workspace_symbols_search_people_in_every_open_document() {
    let mut client = LspClient::start();
    let (first, _) = client.open_document("first.kith", NETWORK);
    let (second, _) =
        client.open_document("second.kith", "person adele \"Adele Goldberg\"\n  role expert\n  met 2020-01-01\n");
    let symbols = client.request("workspace/symbol", json!({ "query": "GOLDB" })).expect("symbols");
    let found: Vec<(&str, &str)> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .map(|symbol| (symbol["name"].as_str().unwrap(), symbol["location"]["uri"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("Adele Goldberg (@adele)", second.as_str())]);
    let by_name = client.request("workspace/symbol", json!({ "query": "hopper" })).expect("symbols");
    assert_eq!(by_name[0]["name"], "Grace Hopper (@grace)");
    assert_eq!(by_name[0]["location"], json!({ "uri": first, "range": range(4, 7, 12) }));
    let everyone = client.request("workspace/symbol", json!({ "query": "" })).expect("symbols");
    assert_eq!(everyone.as_array().expect("symbols").len(), 4);

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": second } }));
    let cleared = client.notification("textDocument/publishDiagnostics");
    assert_eq!(cleared["uri"], second.as_str());
    let after_close = client.request("workspace/symbol", json!({ "query": "" })).expect("symbols");
    let after_close = after_close.as_array().expect("symbols");
    assert_eq!(after_close.len(), 3);
    assert!(after_close.iter().all(|symbol| symbol["location"]["uri"] == first.as_str()));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn semantic_tokens_decode_to_utf16_positions_and_legend_types() {
    let mut client = LspClient::start();
    let legend: Vec<String> = client.initialize_result["capabilities"]["semanticTokensProvider"]["legend"]
        ["tokenTypes"]
        .as_array()
        .expect("a legend")
        .iter()
        .map(|name| name.as_str().expect("a type name").to_string())
        .collect();
    let text = "person zoe \"Zoë 😀\" # 😀 note\n  via @zoe\n  2026-03-14 call! \"😀 with @zoe\"\n";
    let (doc, _) = client.open_document("tokens.kith", text);
    let tokens =
        client.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": doc } })).expect("tokens");
    let data: Vec<u64> =
        tokens["data"].as_array().expect("data").iter().map(|number| number.as_u64().expect("a number")).collect();
    assert_eq!(data.len() % 5, 0);
    let (mut line, mut column) = (0, 0);
    let mut decoded = Vec::new();
    for token in data.chunks(5) {
        line += token[0];
        column = if token[0] == 0 { column + token[1] } else { token[1] };
        decoded.push((line, column, token[2], legend[token[3] as usize].as_str()));
    }
    assert_eq!(
        decoded,
        [
            (0, 0, 6, "keyword"),
            (0, 7, 3, "variable"),
            (0, 11, 8, "string"),
            (0, 20, 9, "comment"),
            (1, 2, 3, "property"),
            (1, 6, 4, "variable"),
            (2, 2, 10, "string"),
            (2, 13, 4, "function"),
            (2, 17, 1, "operator"),
            (2, 19, 9, "string"),
            (2, 28, 4, "variable"),
            (2, 32, 1, "string"),
        ]
    );
    assert!(client.shutdown_and_exit().success());
}
