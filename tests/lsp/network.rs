//! End-to-end tests of a network across files in the server, through the real client: an
//! open document is checked with the rest of its network (the root that includes it found
//! above it, the other files read from disk or from the editor), and a change in one open
//! document re-publishes the others'.

use crate::support::lsp_client::{codes, LspClient};
use serde_json::json;
use std::fs;
use std::path::Path;

const ROOT: &str = "include \"contacts/linkedin.kith\"\nperson ada \"Ada Lovelace\"\n  via @bob\n";
const LINKEDIN: &str = "person bob \"Bob Babbage\"\n  knows @ada\n  met 2020-01-01\n";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn an_open_document_is_checked_with_its_network_and_a_change_elsewhere_republishes_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(folder.path().join("contacts")).expect("create contacts/");
    let root = folder.path().join("network.kith");
    let linkedin = folder.path().join("contacts/linkedin.kith");
    fs::write(&root, ROOT).expect("write network.kith");
    fs::write(&linkedin, LINKEDIN).expect("write linkedin.kith");
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
