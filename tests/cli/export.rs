//! End-to-end tests of `kith export`: vCard, JSON and iCalendar output of
//! tests/fixtures/export/network.kith (today pinned), `-o`, the default file, and errors.

use crate::support::cli::{fixtures_of, pinned_subcommand_in, run, run_with_stdin, Run};
use kith_exchange::import::{self, Format};
use std::fs;
use std::path::Path;

/// `kith export --today 2026-11-25 …` run in `folder`.
fn export_in(folder: &Path, arguments: &[&str]) -> Run {
    run(&mut pinned_subcommand_in(folder, "export", arguments))
}

/// `kith export --today 2026-11-25 …` run in tests/fixtures/export.
fn export(arguments: &[&str]) -> Run {
    export_in(&fixtures_of("export"), arguments)
}

/// Shows CRLF line breaks in snapshots.
fn visible_crlf(text: &str) -> String {
    text.replace("\r\n", "⏎\n")
}

#[track_caller]
fn assert_content_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "every line break is CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

#[test]
fn vcard_of_everyone_in_the_file() {
    let run = export(&["vcard", "network.kith"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_content_lines(&run.stdout);
    insta::assert_snapshot!("vcard", visible_crlf(&run.stdout));
}

#[test]
fn the_vcards_import_back_to_the_same_people() {
    let run = export(&["vcard"]);
    let contacts: Vec<import::Contact> = import::read(Format::VCard, &run.stdout)
        .expect("a vCard file")
        .map(|record| match record.expect("every card reads back") {
            import::Item::Contact(contact) => contact,
            other => panic!("a vCard gives contacts, not {other:?}"),
        })
        .collect();
    let names: Vec<&str> = contacts.iter().map(|contact| contact.name.as_str()).collect();
    assert_eq!(
        names,
        ["Ada Lovelace", "Grace Hopper", "Tomás Ruiz García", "Rosa Delgado", "Jonas Berg", "Charles Babbage"]
    );
    let ada = &contacts[0];
    assert_eq!(ada.title.as_deref(), Some("Chief Analyst; Research"));
    assert_eq!(ada.notes, ["Prefers long walks to meetings, and mornings to evenings"]);
    assert_eq!(ada.tags, ["computing", "math"]);
    assert_eq!(contacts[2].org.as_deref(), Some("Ruiz & Hijos, S.L."));
}

#[test]
fn json_of_the_whole_model() {
    let run = export(&["json", "network.kith"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(json["version"], 1);
    insta::assert_snapshot!("json", run.stdout);
}

#[test]
fn ics_of_catch_ups_due_within_30_days_by_default() {
    let run = export(&["ics", "network.kith"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_content_lines(&run.stdout);
    insta::assert_snapshot!("ics", visible_crlf(&run.stdout));
}

#[test]
fn within_widens_or_narrows_the_calendar() {
    let events = |within: &str| export(&["ics", "--within", within]).stdout.matches("BEGIN:VEVENT").count();
    assert_eq!(events("1d"), 2, "overdue and never-met people are always in");
    assert_eq!(events("30d"), 4);
    assert_eq!(events("1y"), 5);
}

#[test]
fn output_goes_to_a_file_with_o() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("catch-ups.ics");
    fs::write(&path, "old").expect("write");
    let run = export(&["ics", "network.kith", "-o", path.to_str().expect("UTF-8 path")]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    assert_eq!(fs::read_to_string(&path).expect("written"), export(&["ics"]).stdout);
}

#[test]
fn standard_input_and_a_file_with_errors_export_what_can_be_read() {
    let text = b"person ada \"Ada\"\n  email not-an-email\n  email ada@example.org\n";
    let run = run_with_stdin(&mut pinned_subcommand_in(&fixtures_of("export"), "export", &["vcard", "-"]), text);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nN:;Ada;;;\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
    );
    assert_eq!(
        run.stderr,
        "note: `<stdin>` has 1 error; values that cannot be read are left out (see `kith check <stdin>`)\n"
    );
}

#[test]
fn the_default_file_is_the_folders_only_kith_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::write(folder.path().join("people.kith"), "person ada \"Ada\"\n").expect("write");
    let run = export_in(folder.path(), &["json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"name\": \"Ada\""));
    fs::write(folder.path().join("work.kith"), "").expect("write");
    let several = export_in(folder.path(), &["json"]);
    assert_eq!(several.code, 2);
    assert_eq!(
        several.stderr,
        "error: 2 .kith files in the current folder (people.kith, work.kith) and none is network.kith: name the file, like `kith export vcard network.kith`\n"
    );
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let wrong_format = export(&["vcard", "--within", "2w"]);
    assert_eq!(
        (wrong_format.code, wrong_format.stderr.as_str()),
        (2, "error: --within applies only to `kith export ics`\n")
    );
    let bad_within = export(&["ics", "--within", "3 months"]);
    assert_eq!(bad_within.code, 2);
    assert!(
        bad_within.stderr.starts_with("error: invalid --within: `3 months` is not a duration"),
        "{}",
        bad_within.stderr
    );
    let missing = export(&["json", "nowhere.kith"]);
    assert_eq!(
        (missing.code, missing.stderr.as_str()),
        (2, "error: cannot read `nowhere.kith`: no such file or folder\n")
    );
}
