//! End-to-end tests of `textDocument/hover` through a real LSP client over stdio: the person
//! card from each place a person is named, the description of every other kind of word,
//! and the explanation of the diagnostics under the cursor.

use crate::support::lsp_client::{diagnostic, position_in, range, LspClient};
use serde_json::Value;

const NETWORK: &str = "\
set stale-after 6m

role investor \"backs my ventures\"
  pillar promoters
  every 2m

person ada \"Ada Lovelace\"
  role mentor, truth-teller
  org \"Analytical Engines Ltd\"
  title \"Countess\"
  met 2019-04-02 \"PyCon Berlin\"
  2026-03-14 coffee \"Talked through the board offer\"
  2026-05-02 email \"Sent her my draft\"

person grace \"Grace Hopper\"
  role investor
  via @ada
  2026-10-01 call \"Introduced her to @ada's team\"
";

/// A client with `NETWORK` open and its diagnostics read.
fn open_network() -> (LspClient, String) {
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("hover.kith", NETWORK);
    (client, doc)
}

/// The hover `delta` characters into the `nth` occurrence of `needle` in `text`.
fn hover_at(client: &mut LspClient, doc: &str, text: &str, needle: &str, nth: usize, delta: u32) -> Value {
    let offset = text.match_indices(needle).nth(nth).map(|(at, _)| at).expect("the needle is in the text");
    let line = text[..offset].matches('\n').count() as u32;
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let character = text[line_start..offset].encode_utf16().count() as u32 + delta;
    client.request("textDocument/hover", position_in(doc, line, character)).expect("hover succeeds")
}

fn markdown(hover: &Value) -> &str {
    assert_eq!(hover["contents"]["kind"], "markdown");
    hover["contents"]["value"].as_str().expect("hover text")
}

#[test]
fn announces_hover() {
    let client = LspClient::start();
    assert_eq!(client.initialize_result["capabilities"]["hoverProvider"], true);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_person_header_shows_the_card_and_the_stale_explanation() {
    let (mut client, doc) = open_network();
    let hover = hover_at(&mut client, &doc, NETWORK, "ada \"Ada", 0, 1);
    assert_eq!(hover["range"], range(6, 7, 10));
    let text = markdown(&hover);
    let expected_card = "\
**Ada Lovelace** · `@ada`

- Roles: mentor (pathfinders), truth-teller (pit-crew)
- Org: Analytical Engines Ltd
- Title: Countess
- Cadence: every 6 months, from the file's `set stale-after 6m`
- Last meaningful: coffee on 2026-03-14 (8 months ago)
- **2 months overdue** (was due 2026-09-14)";
    assert!(text.starts_with(expected_card), "{text}");
    assert!(text.contains("\n\n---\n\n**stale** (warning): No meaningful interaction with a key person"), "{text}");
    assert!(text.contains("**Fix.** Get in touch, then log it"), "{text}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_via_reference_and_a_mention_in_a_string_show_the_same_card() {
    let (mut client, doc) = open_network();
    let via = hover_at(&mut client, &doc, NETWORK, "@ada", 0, 0);
    assert_eq!(via["range"], range(16, 7, 10), "the id, after the `@`");
    assert!(markdown(&via).starts_with("**Ada Lovelace** · `@ada`"));
    let mention = hover_at(&mut client, &doc, NETWORK, "@ada's", 0, 2);
    assert_eq!(mention["range"], range(17, 38, 41));
    assert!(markdown(&mention).starts_with("**Ada Lovelace** · `@ada`"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_card_says_where_the_cadence_comes_from_and_when_the_next_is_due() {
    let (mut client, doc) = open_network();
    let hover = hover_at(&mut client, &doc, NETWORK, "grace", 0, 0);
    let text = markdown(&hover);
    assert!(text.contains("- Roles: investor (promoters)"), "{text}");
    assert!(text.contains("- Cadence: every 2 months, from the `every 2m` of their role `investor`"), "{text}");
    assert!(text.contains("- Last meaningful: call on 2026-10-01 (1 month ago)"), "{text}");
    assert!(text.contains("- Due in 6 days (2026-12-01)"), "{text}");
    assert!(!text.contains("---"), "no diagnostic on grace: {text}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn roles_in_a_role_line_and_a_declaration_and_pillars_describe_themselves() {
    let (mut client, doc) = open_network();
    let mentor = hover_at(&mut client, &doc, NETWORK, "mentor", 0, 3);
    assert_eq!(mentor["range"], range(7, 7, 13));
    assert_eq!(
        markdown(&mentor),
        "**mentor** — role in pillar `pathfinders`\n\nHas walked the road ahead of you.\n\nBuilt in; played by Ada Lovelace."
    );
    let declared = hover_at(&mut client, &doc, NETWORK, "investor \"", 0, 0);
    assert_eq!(
        markdown(&declared),
        "**investor** — role in pillar `promoters`\n\nBacks my ventures.\n\nCadence for the people who play it: every 2 months.\n\nDeclared in this file; played by Grace Hopper."
    );
    let pillar = hover_at(&mut client, &doc, NETWORK, "promoters", 0, 0);
    assert_eq!(pillar["range"], range(3, 9, 18));
    assert_eq!(
        markdown(&pillar),
        "**promoters** — pillar\n\nCheer you on and open doors.\n\nRoles: `champion`, `connector`, `sponsor`, `investor`."
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn interaction_kinds_show_their_depth() {
    let (mut client, doc) = open_network();
    let coffee = hover_at(&mut client, &doc, NETWORK, "coffee", 0, 0);
    assert_eq!(coffee["range"], range(11, 13, 19));
    assert_eq!(
        markdown(&coffee),
        "**coffee** — meaningful interaction\n\nA coffee together. It resets the staleness clock."
    );
    let email = hover_at(&mut client, &doc, NETWORK, "email \"Sent", 0, 2);
    assert_eq!(
        markdown(&email),
        "**email** — light interaction\n\nAn email. It does not reset the staleness clock; `email!` marks one as meaningful."
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn field_names_and_setting_keys_show_their_shape_and_meaning() {
    let (mut client, doc) = open_network();
    let met = hover_at(&mut client, &doc, NETWORK, "met", 0, 1);
    assert_eq!(met["range"], range(10, 2, 5));
    assert_eq!(
        markdown(&met),
        "**met** `DATE [STRING]` — person field\n\nWhen and how you met. Given once per person."
    );
    let every = hover_at(&mut client, &doc, NETWORK, "every", 0, 0);
    assert!(markdown(&every).starts_with("**every** `DURATION` — role declaration field"), "{}", markdown(&every));
    let setting = hover_at(&mut client, &doc, NETWORK, "stale-after", 0, 4);
    assert_eq!(setting["range"], range(0, 4, 15));
    assert_eq!(
        markdown(&setting),
        "**stale-after** `DURATION` — setting (default `6m`)\n\nDefault cadence for key people."
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_diagnostic_range_shows_the_rules_explanation_and_fix() {
    let mut client = LspClient::start();
    let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n";
    let (doc, diagnostics) = client.open_document("diagnostic.kith", text);
    let unknown_role = diagnostic(&diagnostics, "unknown-role");
    let hover = hover_at(&mut client, &doc, text, "mentr", 0, 2);
    assert_eq!(hover["range"], unknown_role["range"]);
    let explanation = markdown(&hover);
    let info = kith_core::rules::rule("unknown-role").expect("a registered rule").info();
    assert!(
        explanation.starts_with("**unknown-role** (error): A role that is neither built in nor declared"),
        "{explanation}"
    );
    assert!(explanation.contains("**Fix.** Correct the spelling (`mentor`) or declare the role"), "{explanation}");
    let why = info.docs.split("## Why\n").nth(1).and_then(|rest| rest.split("\n## ").next()).expect("a Why section");
    assert!(!explanation.contains(why.trim()), "only the fix: {explanation}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn blank_space_has_no_hover() {
    let (mut client, doc) = open_network();
    let hover = client.request("textDocument/hover", position_in(&doc, 1, 0)).expect("hover succeeds");
    assert_eq!(hover, Value::Null);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_wider_network_person_shows_the_evidence_for_making_them_a_key_person() {
    let text = format!("{NETWORK}\nperson maya \"Maya Chen\"\n  met 2019-06-01\n  knows @ada\n  2026-11-01 coffee \"Board prep\"\n  2026-11-10 helped\n");
    let mut client = LspClient::start();
    let (doc, _) = client.open_document("evidence.kith", &text);
    let hover = hover_at(&mut client, &doc, &text, "maya \"Maya", 0, 1);
    let card = markdown(&hover);
    assert!(card.contains("- Wider network: no role"), "{card}");
    assert!(
        card.contains("**As a key person** (evidence score ")
            && card.contains("- 2 meaningful interactions in the last year (1 coffee, 1 favour you did), the last on 2026-11-10 (helped)\n- you helped them once in the last year\n- known since 2019\n- knows 1 of your key people (Ada Lovelace)"),
        "{card}"
    );
    assert!(client.shutdown_and_exit().success());
}
