//! End-to-end tests of `kith report`: the real binary on tests/fixtures/report with today
//! pinned — every format as a snapshot, `-o` and its format guess, and the errors.

use crate::support::cli::{fixtures_of, pinned_subcommand_in, run};
use std::fs;
use std::process::Command;

/// `kith report --today 2026-11-25 …` in tests/fixtures/report.
fn report(arguments: &[&str]) -> Command {
    pinned_subcommand_in(&fixtures_of("report"), "report", arguments)
}

/// Runs and asserts success with nothing on stderr; returns stdout.
#[track_caller]
fn stdout_of(arguments: &[&str]) -> String {
    let run = run(&mut report(arguments));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{arguments:?}");
    run.stdout
}

// Snapshots of every format.

#[test]
fn text_format() {
    insta::assert_snapshot!(stdout_of(&["network.kith"]));
}

#[test]
fn json_format() {
    insta::assert_snapshot!(stdout_of(&["--format", "json", "network.kith"]));
}

#[test]
fn svg_format() {
    insta::assert_snapshot!(stdout_of(&["--format", "svg", "network.kith"]));
}

#[test]
fn html_format() {
    insta::assert_snapshot!(stdout_of(&["--format", "html", "network.kith"]));
}

#[test]
fn text_format_of_a_closed_network() {
    insta::assert_snapshot!(stdout_of(&["closed.kith"]));
}

// Behaviour.

#[test]
fn the_json_holds_the_numbers() {
    let value: serde_json::Value =
        serde_json::from_str(&stdout_of(&["--format", "json", "network.kith"])).expect("one JSON object");
    assert_eq!(value["key_people"], serde_json::json!({"count": 9, "limit": 12}));
    assert_eq!(value["freshness"], serde_json::json!({"fresh": 5, "due_soon": 1, "overdue": 2, "never": 1}));
    // Margaret knows Rosa and Tomás, David came via Rosa; Priya is not a key person.
    assert_eq!(value["openness"]["connected"], 3);
    assert_eq!(value["openness"]["pairs"], 36);
    assert_eq!(value["openness"]["verdict"], "open");
    let tomas = &value["people"][1];
    assert_eq!((tomas["asked"].as_u64(), tomas["one_sided"].as_bool()), (Some(3), Some(true)));
    let closed: serde_json::Value =
        serde_json::from_str(&stdout_of(&["--format", "json", "closed.kith"])).expect("one JSON object");
    assert_eq!(closed["openness"]["verdict"], "closed");
    assert_eq!(closed["openness"]["percent"], 100);
}

#[test]
fn the_svg_is_deterministic_and_self_contained() {
    let first = stdout_of(&["--format", "svg", "network.kith"]);
    assert_eq!(first, stdout_of(&["--format", "svg", "network.kith"]));
    assert!(first.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(first.contains("role=\"img\"") && first.contains("<title id=\"kith-wheel-title\">"));
    for external in ["<script", "<image", "url(", "href=\"http", "@import"] {
        assert!(!first.contains(external), "{external}");
    }
    let html = stdout_of(&["--format", "html", "network.kith"]);
    assert!(html.contains(&first), "the page embeds the same SVG");
}

#[test]
fn output_goes_to_a_file_in_the_format_its_name_asks_for() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let source = fixtures_of("report").join("network.kith");
    let source = source.to_str().expect("a UTF-8 path");
    for (name, starts) in [
        ("wheel.svg", "<svg "),
        ("report.html", "<!doctype html>"),
        ("report.json", "{\n  \"version\": 1,"),
        ("report.txt", "Your network on 2026-11-25\n"),
    ] {
        let target = folder.path().join(name);
        let target = target.to_str().expect("a UTF-8 path");
        let run = run(&mut report(&[source, "-o", target]));
        assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""), "{name}");
        let written = fs::read_to_string(target).expect("the report was written");
        assert!(written.starts_with(starts), "{name}: {written}");
    }
    // --format wins over the name; an existing file is replaced.
    let target = folder.path().join("report.html");
    let run = run(&mut report(&[source, "--format", "svg", "-o", target.to_str().expect("a UTF-8 path")]));
    assert_eq!(run.code, 0);
    assert!(fs::read_to_string(&target).expect("replaced").starts_with("<svg "));
}

#[test]
fn a_folder_with_one_file_is_that_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::copy(fixtures_of("report").join("closed.kith"), folder.path().join("only.kith")).expect("copy the fixture");
    let run = run(&mut pinned_subcommand_in(folder.path(), "report", &[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("6 of 6 pairs of key people know each other (100%): a closed network"),
        "{}",
        run.stdout
    );
}

// Errors.

#[test]
fn several_files_are_an_error_naming_them() {
    let run = run(&mut pinned_subcommand_in(&fixtures_of("report").join("several"), "report", &[]));
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: a report draws one network, and 2 .kith files were found (a.kith, b.kith): name one, like `kith report a.kith`\n"
    );
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let missing_folder = fixtures_of("report").join("no-such-folder/report.svg");
    let missing_folder = missing_folder.to_str().expect("a UTF-8 path");
    for (arguments, expected) in [
        (&["missing.kith"][..], "error: `missing.kith` does not exist"),
        (&["--today", "tomorrow", "network.kith"], "error: invalid --today: `tomorrow` is not a date"),
        (&["network.kith", "-o", missing_folder], "error: cannot write `"),
    ] {
        let run = run(&mut report(arguments));
        assert_eq!(run.code, 2, "{arguments:?}");
        assert!(run.stderr.starts_with(expected), "{arguments:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert_eq!(run.stdout, "");
    }
    // Usage errors are clap's, with its hint below the error line.
    let run = run(&mut report(&["--format", "pdf", "network.kith"]));
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: invalid value 'pdf' for '--format"), "{}", run.stderr);
}
