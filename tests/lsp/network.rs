//! End-to-end tests of a network across files in the server, through the real client: an
//! open document is checked with the rest of its network (the root that includes it found
//! above it, the other files read from disk or from the editor), and a change in one open
//! document re-publishes the others'.

use crate::support::lsp_client::{codes, position, range, LspClient, Start};
use serde_json::json;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = "include \"contacts/linkedin.kith\"\nperson ada \"Ada Lovelace\"\n  via @bob\n";
const LINKEDIN: &str = "person bob \"Bob Babbage\"\n  knows @ada\n  met 2020-01-01\n";

/// A temporary folder holding the network's two files, and their paths.
fn network_on_disk() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(folder.path().join("contacts")).expect("create contacts/");
    let root = folder.path().join("network.kith");
    let linkedin = folder.path().join("contacts/linkedin.kith");
    fs::write(&root, ROOT).expect("write network.kith");
    fs::write(&linkedin, LINKEDIN).expect("write linkedin.kith");
    (folder, root, linkedin)
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn an_open_document_is_checked_with_its_network_and_a_change_elsewhere_republishes_it() {
    let (_folder, root, linkedin) = network_on_disk();
    let (root_uri, linkedin_uri) = (file_uri(&root), file_uri(&linkedin));

    let mut client = LspClient::start();
    client.open(&linkedin_uri, LINKEDIN);
    let included = client.diagnostics(&linkedin_uri, 1);
    assert!(!codes(&included).contains(&"unknown-reference"), "`@ada` is in the root file: {included:#?}");

    client.open(&root_uri, ROOT);
    let whole = client.diagnostics(&root_uri, 1);
    assert!(!codes(&whole).contains(&"unknown-reference"), "`@bob` is in the included file: {whole:#?}");
    // Opening the root may change the included file's network: it is published again.
    client.diagnostics(&linkedin_uri, 1);

    let renamed = LINKEDIN.replace("person bob", "person bobby");
    client.change(&linkedin_uri, 2, json!([{ "text": renamed }]));
    client.diagnostics(&linkedin_uri, 2);
    let after = client.diagnostics(&root_uri, 1);
    assert_eq!(codes(&after).iter().filter(|code| **code == "unknown-reference").count(), 1, "{after:#?}");
    assert_eq!(
        fs::read_to_string(&linkedin).expect("read"),
        LINKEDIN,
        "the editor's text counts; the disk is untouched"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_references_and_rename_reach_across_the_files_of_the_network() {
    let (_folder, root, linkedin) = network_on_disk();
    let (root_uri, linkedin_uri) = (file_uri(&root), file_uri(&linkedin));

    let mut client = LspClient::start();
    client.open(&linkedin_uri, LINKEDIN);
    client.diagnostics(&linkedin_uri, 1);
    // `knows @ada`, line 1: the `a` of `ada` is at character 9.
    let at_ada = json!({ "textDocument": { "uri": linkedin_uri }, "position": position(1, 9) });
    let definition = client.request("textDocument/definition", at_ada.clone()).expect("a definition");
    assert_eq!(definition, json!({ "uri": root_uri, "range": range(1, 7, 10) }), "Ada's header, in the root file");

    let mut asked = at_ada.clone();
    asked["context"] = json!({ "includeDeclaration": true });
    let references = client.request("textDocument/references", asked).expect("references");
    let places: Vec<(&str, &serde_json::Value)> = references
        .as_array()
        .expect("a list")
        .iter()
        .map(|location| (location["uri"].as_str().expect("a uri"), &location["range"]))
        .collect();
    assert_eq!(places, [(root_uri.as_str(), &range(1, 7, 10)), (linkedin_uri.as_str(), &range(1, 9, 12))]);

    let mut rename = at_ada;
    rename["newName"] = json!("ada-l");
    let edit = client.request("textDocument/rename", rename).expect("a rename");
    let changes = edit["changes"].as_object().expect("changes by file");
    assert_eq!(changes.len(), 2, "both files: {edit:#}");
    assert_eq!(changes[&root_uri][0]["newText"], "ada-l");
    assert_eq!(changes[&linkedin_uri][0]["range"], range(1, 9, 12));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_change_on_disk_to_a_file_that_is_not_open_is_read_again() {
    let (_folder, root, linkedin) = network_on_disk();
    let linkedin_uri = file_uri(&linkedin);

    let watching = json!({ "didChangeWatchedFiles": { "dynamicRegistration": true } });
    let mut client =
        LspClient::start_with(Start { capabilities: json!({ "workspace": watching }), ..Start::default() });
    let registration = client.server_request("client/registerCapability");
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(registered["registerOptions"]["watchers"][0]["globPattern"], "**/*.kith");
    client.respond(registration["id"].clone(), serde_json::Value::Null);

    client.open(&linkedin_uri, LINKEDIN);
    assert!(!codes(&client.diagnostics(&linkedin_uri, 1)).contains(&"unknown-reference"));
    fs::write(&root, ROOT.replace("person ada", "person ann")).expect("rename ada on disk");
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": file_uri(&root), "type": 2 }] }));
    let after = client.diagnostics(&linkedin_uri, 1);
    assert!(codes(&after).contains(&"unknown-reference"), "`@ada` is gone from the root on disk: {after:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_duplicate_in_another_file_is_related_information_there() {
    let (_folder, root, linkedin) = network_on_disk();
    let text = format!("{LINKEDIN}person ada \"Ada Again\"\n  met 2020-01-01\n");
    fs::write(&linkedin, &text).expect("write linkedin.kith");
    let linkedin_uri = file_uri(&linkedin);
    let mut client = LspClient::start();
    client.open(&linkedin_uri, &text);
    let diagnostics = client.diagnostics(&linkedin_uri, 1);
    let duplicate = diagnostics.iter().find(|diagnostic| diagnostic["code"] == "duplicate-id").expect("ada twice");
    let related = &duplicate["relatedInformation"][0]["location"];
    assert_eq!((related["uri"].as_str(), &related["range"]), (Some(file_uri(&root).as_str()), &range(1, 7, 10)));
    assert!(client.shutdown_and_exit().success());
}
