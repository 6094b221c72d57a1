//! End-to-end tests of `kith log`: the real binary writing into copies of
//! tests/fixtures/log/network.kith — where the line goes, that nothing else changes, the
//! default file, and the refusals (unknown person, unknown kind, bad date).

use crate::support::cli::{fixtures_of, pinned_subcommand_in, run, short_findings, Run};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    fixtures_of("log").join("network.kith")
}

/// `kith log --today 2026-11-25 …` run in `folder`.
fn log(folder: &Path, arguments: &[&str]) -> Run {
    run(&mut pinned_subcommand_in(folder, "log", arguments))
}

/// A temporary folder holding `text` as network.kith.
fn folder_with(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("network.kith");
    fs::write(&path, text).expect("write network.kith");
    (folder, path)
}

fn folder_with_fixture() -> (tempfile::TempDir, PathBuf) {
    folder_with(&fs::read(fixture()).expect("the fixture"))
}

/// `before` with `line` inserted as line number `at` (1-based).
fn with_line_inserted(before: &str, at: usize, line: &str) -> String {
    let mut lines: Vec<&str> = before.split_inclusive('\n').collect();
    let inserted = format!("{line}\n");
    lines.insert(at - 1, &inserted);
    lines.concat()
}

#[test]
fn an_interaction_goes_in_date_order_and_nothing_else_changes() {
    let (folder, path) = folder_with_fixture();
    let before = fs::read_to_string(&path).expect("readable");
    let run = log(folder.path(), &["ada", "coffee", "Board follow-up, with \"quotes\""]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "logged coffee with Ada Lovelace on 2026-11-25 (network.kith:11)\n");
    assert_eq!(run.stderr, "");
    let after = fs::read_to_string(&path).expect("readable");
    assert_eq!(after, with_line_inserted(&before, 11, "  2026-11-25 coffee \"Board follow-up, with \\\"quotes\\\"\""));
    let marked = log(folder.path(), &["@grace", "call!", "--date", "2026-10-01"]);
    assert_eq!(marked.stdout, "logged call! with Grace Hopper on 2026-10-01 (network.kith:17)\n");
    let logged_twice = fs::read_to_string(&path).expect("readable");
    insta::assert_snapshot!("logged_twice", logged_twice);
}

#[test]
fn the_logged_file_checks_without_new_findings() {
    let (folder, path) = folder_with_fixture();
    for arguments in [
        &["ada", "email!", "--date", "2026-09-01"][..],
        &["ada", "meet", "--date", "2025-01-01"],
        &["charles", "helped"],
    ] {
        assert_eq!(log(folder.path(), arguments).code, 0);
    }
    let findings = short_findings(&path);
    assert!(!findings.contains("unsorted-log") && !findings.contains("syntax"), "{findings}");
}

#[test]
fn crlf_tabs_comments_and_a_byte_order_mark_are_kept() {
    let text = "\u{feff}person ada \"Ada\"\r\n\trole mentor\r\n\t2026-03-14 coffee # the board offer\r\n\r\n# Bob next\r\nperson bob \"Bob\"\r\n";
    let (folder, path) = folder_with(text.as_bytes());
    let run = log(folder.path(), &["ada", "call", "--date", "2026-04-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&path).expect("readable"),
        "\u{feff}person ada \"Ada\"\r\n\trole mentor\r\n\t2026-03-14 coffee # the board offer\r\n\t2026-04-01 call\r\n\r\n# Bob next\r\nperson bob \"Bob\"\r\n"
    );
}

#[test]
fn a_future_date_is_logged_with_a_note() {
    let (folder, path) = folder_with_fixture();
    let run = log(folder.path(), &["charles", "meal", "Planned", "--date", "2027-01-01"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "note: 2027-01-01 is after today (2026-11-25); it counts once that day has come\n");
    assert!(fs::read_to_string(&path)
        .expect("readable")
        .ends_with("  met 2024-01-10 \"Conference dinner\"\n  2027-01-01 meal \"Planned\"\n"));
}

/// Asserts the run was refused with one `error: …` line holding `message`, and the file is
/// byte for byte what it was.
#[track_caller]
fn assert_refused(run: &Run, message: &str, path: &Path) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("error: {message}\n"));
    assert_eq!(fs::read(path).expect("readable"), fs::read(fixture()).expect("the fixture"));
}

#[test]
fn an_unknown_person_is_refused_with_a_suggestion() {
    let (folder, path) = folder_with_fixture();
    assert_refused(
        &log(folder.path(), &["adaa", "coffee"]),
        "no person `adaa` in `network.kith`: did you mean `ada`?",
        &path,
    );
    assert_refused(
        &log(folder.path(), &["hopper", "coffee"]),
        "no person `hopper` in `network.kith`: did you mean `grace`?",
        &path,
    );
    assert_refused(
        &log(folder.path(), &["zed", "coffee"]),
        "no person `zed` in `network.kith`: add a `person zed \"…\"` block first, or check the id",
        &path,
    );
}

#[test]
fn an_unknown_kind_is_refused_unless_forced() {
    let (folder, path) = folder_with_fixture();
    assert_refused(
        &log(folder.path(), &["ada", "cofee"]),
        "unknown kind `cofee`: did you mean `coffee`? (`--force` logs it anyway)",
        &path,
    );
    assert_refused(
        &log(folder.path(), &["ada", "Coffee", "--force"]),
        "`Coffee` is not a valid kind: use lower-case letters, digits, `-` and `_`, starting with a letter; did you mean `coffee`?",
        &path,
    );
    let forced = log(folder.path(), &["ada", "skiing!", "--force"]);
    assert_eq!(forced.code, 0);
    assert!(fs::read_to_string(&path).expect("readable").contains("\n  2026-11-25 skiing!\n"));
}

#[test]
fn a_bad_date_is_refused() {
    let (folder, path) = folder_with_fixture();
    assert_refused(
        &log(folder.path(), &["ada", "coffee", "--date", "2026-02-30"]),
        "invalid --date: 2026-02-30 is not a real date: February 2026 has 28 days, not 30",
        &path,
    );
}

#[test]
fn the_file_is_the_folders_only_kith_file_else_network_kith_else_an_error() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mine = folder.path().join("mine.kith");
    fs::write(&mine, "person ada \"Ada\"\n").expect("write");
    assert_eq!(log(folder.path(), &["ada", "call"]).stdout, "logged call with Ada on 2026-11-25 (mine.kith:2)\n");
    fs::write(folder.path().join("work.kith"), "person ada \"Ada at work\"\n").expect("write");
    let several = log(folder.path(), &["ada", "call"]);
    assert_eq!(several.code, 2);
    assert_eq!(
        several.stderr,
        "error: 2 .kith files in the current folder (mine.kith, work.kith) and none is network.kith: choose one with `--file`\n"
    );
    let chosen = log(folder.path(), &["ada", "call", "--file", "work.kith"]);
    assert_eq!(chosen.stdout, "logged call with Ada at work on 2026-11-25 (work.kith:2)\n");
    let empty = tempfile::tempdir().expect("a temporary folder");
    assert_eq!(
        log(empty.path(), &["ada", "call"]).stderr,
        "error: no .kith file in the current folder: choose one with `--file`\n"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let (folder, path) = folder_with(b"person ada \"Ada\"\n  note \"caf\xe9\"\n");
    let run = log(folder.path(), &["ada", "call"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: cannot log into `network.kith`: it is not UTF-8 text (first invalid byte on line 2); save it as UTF-8\n")
    );
    assert_eq!(fs::read(&path).expect("readable"), b"person ada \"Ada\"\n  note \"caf\xe9\"\n");
}
