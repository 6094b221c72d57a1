//! End-to-end tests of `textDocument/completion` through a real LSP client over stdio: one
//! test per completion context, including half-typed and syntactically broken lines.

use crate::support::lsp_client::{codes, position, position_in, range, LspClient};
use serde_json::{json, Value};

const NETWORK: &str = "\
set stale-after 6m

pillar family \"the people at home\"

role investor \"backs my ventures\"
  pillar promoters
  every 2m

person ada \"Ada Lovelace\"
  role mentor, truth-teller
  tags computing, math
  2026-03-14 coffee \"Talked through the board offer\"

person grace \"Grace Hopper\"
  role sponsor
  tags math
";

/// Opens `text` (reading its diagnostics) and asks for completions at `line`:`character`.
fn complete_in(client: &mut LspClient, name: &str, text: &str, line: u32, character: u32) -> Value {
    let (doc, _) = client.open_document(name, text);
    completion_at(client, &doc, line, character)
}

fn completion_at(client: &mut LspClient, doc: &str, line: u32, character: u32) -> Value {
    client.request("textDocument/completion", position_in(doc, line, character)).expect("completion succeeds")
}

/// The text after `NETWORK` on a new last line, and that line's number.
fn with_line(line: &str) -> (String, u32) {
    (format!("{NETWORK}{line}"), NETWORK.lines().count() as u32)
}

fn labels(items: &Value) -> Vec<&str> {
    items.as_array().expect("a completion list").iter().filter_map(|item| item["label"].as_str()).collect()
}

fn item<'a>(items: &'a Value, label: &str) -> &'a Value {
    items
        .as_array()
        .expect("a completion list")
        .iter()
        .find(|item| item["label"] == label)
        .unwrap_or_else(|| panic!("no {label:?} in {:?}", labels(items)))
}

#[test]
fn announces_completion_with_its_trigger_characters() {
    let client = LspClient::start();
    let completion = &client.initialize_result["capabilities"]["completionProvider"];
    assert_eq!(completion, &json!({ "triggerCharacters": ["@", " ", ","] }));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_person_body_line_offers_fields_with_their_shape_and_todays_date() {
    let mut client = LspClient::start();
    let (text, line) = with_line("  ");
    let items = complete_in(&mut client, "fields.kith", &text, line, 2);
    let tags = item(&items, "tags");
    assert_eq!(tags["detail"], "ID, ID…");
    assert_eq!(tags["documentation"]["value"], "Your own labels. May be given several times.");
    assert!(!labels(&items).contains(&"role"), "grace already has her one `role`");
    let today = item(&items, "2026-11-25");
    assert_eq!(
        today["textEdit"],
        json!({ "range": range(line, 2, 2), "newText": "2026-11-25 " }),
        "no snippets for this client"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_role_declaration_body_offers_only_pillar_and_every() {
    let mut client = LspClient::start();
    let items = complete_in(
        &mut client,
        "role-fields.kith",
        "role investor \"backs my ventures\"\n  pillar promoters\n  e",
        2,
        3,
    );
    assert_eq!(labels(&items), ["pillar", "every"]);
    assert_eq!(item(&items, "every")["textEdit"]["range"], range(2, 2, 3));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn column_zero_offers_the_directives() {
    let mut client = LspClient::start();
    let (text, line) = with_line("ro");
    let items = complete_in(&mut client, "directives.kith", &text, line, 2);
    assert_eq!(labels(&items), ["person", "role", "pillar", "set", "include"]);
    assert_eq!(item(&items, "role")["textEdit"], json!({ "range": range(line, 0, 2), "newText": "role" }));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_role_line_offers_built_in_and_declared_roles_with_pillar_and_description() {
    let mut client = LspClient::start();
    let (text, line) = with_line("  role sponsor, ");
    let items = complete_in(&mut client, "roles.kith", &text, line, 16);
    let mentor = item(&items, "mentor");
    assert_eq!(mentor["detail"], "pathfinders");
    assert_eq!(mentor["documentation"]["value"], "Has walked the road ahead of you.");
    let investor = item(&items, "investor");
    assert_eq!(investor["detail"], "promoters");
    assert_eq!(investor["documentation"]["value"], "Backs my ventures.\n\nCadence: every 2 months.");
    assert!(!labels(&items).contains(&"sponsor"), "already on the line");
    assert_eq!(labels(&items).len(), 12, "eleven built-ins left and the declared one");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn roles_complete_inside_a_broken_line_under_an_unterminated_string() {
    let mut client = LspClient::start();
    let text = "person ada \"Ada Lovelace\"\n  note \"never closed\n  role ment\n  met 2019-04-02\n";
    let (doc, diagnostics) = client.open_document("broken.kith", text);
    assert!(codes(&diagnostics).contains(&"syntax"), "the line above is broken: {diagnostics:#?}");
    let items = completion_at(&mut client, &doc, 2, 11);
    let mentor = item(&items, "mentor");
    assert_eq!(mentor["textEdit"], json!({ "range": range(2, 7, 11), "newText": "mentor" }));
    assert_eq!(mentor["detail"], "pathfinders (empty)");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn typing_a_role_after_a_comma_completes_as_the_keys_are_pressed() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("typing.kith", "person ada \"Ada Lovelace\"\n  role mentor\n");
    client.change(&doc, 2, json!([{ "range": range(1, 13, 13), "text": "," }]));
    client.diagnostics(&doc, 2);
    let items = client
        .request(
            "textDocument/completion",
            json!({
                "textDocument": { "uri": doc },
                "position": position(1, 14),
                "context": { "triggerKind": 2, "triggerCharacter": "," }
            }),
        )
        .expect("completion succeeds");
    assert_eq!(item(&items, "sponsor")["textEdit"], json!({ "range": range(1, 14, 14), "newText": " sponsor" }));
    assert!(!labels(&items).contains(&"mentor"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn after_a_date_the_interaction_kinds_with_their_depth() {
    let mut client = LspClient::start();
    let (text, line) = with_line("  2026-11-25 em");
    let items = complete_in(&mut client, "kinds.kith", &text, line, 15);
    assert_eq!(labels(&items)[..8], ["meet", "coffee", "meal", "call", "video", "visit", "helped", "asked"]);
    let email = item(&items, "email");
    assert_eq!(email["detail"], "light");
    assert_eq!(
        email["documentation"]["value"],
        "An email. Light: does not reset the staleness clock; `email!` counts one as meaningful."
    );
    assert_eq!(item(&items, "call")["detail"], "meaningful");
    assert_eq!(email["textEdit"]["range"], range(line, 13, 15));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn after_an_at_sign_person_ids_with_display_names_replace_the_partial_id() {
    let mut client = LspClient::start();
    let (text, line) = with_line("  via @ad");
    let items = complete_in(&mut client, "via.kith", &text, line, 9);
    assert_eq!(labels(&items), ["ada"], "grace does not introduce herself");
    let ada = item(&items, "ada");
    assert_eq!(ada["detail"], "Ada Lovelace");
    assert_eq!(ada["labelDetails"]["description"], "Ada Lovelace");
    assert_eq!(ada["textEdit"], json!({ "range": range(line, 7, 9), "newText": "ada" }));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn person_ids_on_knows_lines_and_inside_strings() {
    let mut client = LspClient::start();
    let text = "person ada \"Ada\"\nperson grace \"Grace\"\nperson lin \"Lin\"\n  knows @ada, \n  2026-11-20 call \"with @g\"\n";
    let (doc, _) = client.open_document("knows.kith", text);
    let after_comma = completion_at(&mut client, &doc, 3, 14);
    assert_eq!(labels(&after_comma), ["grace"], "ada is already known, lin is the person herself");
    assert_eq!(item(&after_comma, "grace")["textEdit"], json!({ "range": range(3, 14, 14), "newText": "@grace" }));
    let in_string = completion_at(&mut client, &doc, 4, 26);
    assert_eq!(item(&in_string, "grace")["textEdit"], json!({ "range": range(4, 25, 26), "newText": "grace" }));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_tags_line_offers_the_tags_already_used() {
    let mut client = LspClient::start();
    let (text, line) = with_line("  tags math, ");
    let items = complete_in(&mut client, "tags.kith", &text, line, 13);
    assert_eq!(labels(&items), ["computing"]);
    assert_eq!(item(&items, "computing")["detail"], "tag of 1 person");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn set_offers_keys_with_defaults_and_builtin_roles_offers_on_and_off() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("settings.kith", "set \nset builtin-roles \n");
    let keys = completion_at(&mut client, &doc, 0, 4);
    assert_eq!(labels(&keys), ["stale-after", "key-people", "builtin-roles", "allow", "me"]);
    assert_eq!(item(&keys, "key-people")["detail"], "integer (default 12)");
    assert_eq!(item(&keys, "key-people")["documentation"]["value"], "More key people than this is a warning.");
    let switch = completion_at(&mut client, &doc, 1, 18);
    assert_eq!(labels(&switch), ["on", "off"]);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn allow_offers_rule_codes_with_summaries_file_wide_and_per_person() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("allow.kith", "set allow stale, \nperson ada \"Ada\"\n  allow \n");
    let file_wide = completion_at(&mut client, &doc, 0, 17);
    assert!(!labels(&file_wide).contains(&"stale"));
    let one_sided = kith_core::rules::rule("one-sided").expect("a registered rule").info();
    assert_eq!(item(&file_wide, "one-sided")["detail"], one_sided.summary);
    let per_person = completion_at(&mut client, &doc, 2, 8);
    assert_eq!(labels(&per_person), kith_core::rules::codes().collect::<Vec<_>>(), "every rule, in registry order");
    assert!(item(&per_person, "no-context")["documentation"]["value"]
        .as_str()
        .is_some_and(|text| text.ends_with("Default severity: hint.")));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn pillar_in_a_role_declaration_offers_pillars_with_descriptions() {
    let mut client = LspClient::start();
    let (text, line) = with_line("role elder \"has seen it all\"\n  pillar ");
    let items = complete_in(&mut client, "pillars.kith", &text, line + 1, 9);
    assert_eq!(labels(&items), ["promoters", "pit-crew", "pathfinders", "accelerators", "family"]);
    assert_eq!(item(&items, "family")["detail"], "the people at home");
    assert_eq!(
        item(&items, "promoters")["documentation"]["value"],
        "Cheer you on and open doors.\n\nRoles: champion, connector, sponsor, investor."
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn nothing_is_offered_in_comments_or_after_a_new_id() {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("nothing.kith", "person ada \"Ada\" # see @\nperson \n");
    assert_eq!(completion_at(&mut client, &doc, 0, 24), Value::Null);
    assert_eq!(completion_at(&mut client, &doc, 1, 7), Value::Null);
    assert!(client.shutdown_and_exit().success());
}
