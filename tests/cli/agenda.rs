//! End-to-end tests of `kith agenda`: the real binary on tests/fixtures/agenda with today
//! pinned — the order of its sections, windows, several files, colour, JSON and exit codes.

use crate::support::cli::{fixtures_of, json, kith_in, pinned_subcommand_in, run, run_with_stdin};
use std::process::Command;

/// `kith agenda --today 2026-11-25 …` in tests/fixtures/agenda.
fn agenda(arguments: &[&str]) -> Command {
    pinned_subcommand_in(&fixtures_of("agenda"), "agenda", arguments)
}

/// (section, person) of every item, in order.
fn order(value: &serde_json::Value) -> Vec<(String, String)> {
    value["items"]
        .as_array()
        .expect("items is a list")
        .iter()
        .map(|item| {
            (item["section"].as_str().unwrap_or("?").to_string(), item["person"].as_str().unwrap_or("?").to_string())
        })
        .collect()
}

// Snapshots of every format.

#[test]
fn human_format() {
    let run = run(&mut agenda(&["network.kith"]));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_format() {
    let run = run(&mut agenda(&["--format", "json", "network.kith"]));
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn several_files_merge_and_name_their_file() {
    // No PATH: every .kith file below the current folder.
    let run = run(&mut pinned_subcommand_in(&fixtures_of("agenda/several"), "agenda", &[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

// Behaviour.

#[test]
fn sections_come_in_order_and_overdue_by_lateness_relative_to_cadence() {
    let value = json(&run(&mut agenda(&["--format", "json", "network.kith"])));
    let expected = [
        ("overdue", "amara"), // 41 of 61 days late
        ("overdue", "rosa"),  // 66 of 184 days late
        ("overdue", "ines"),  // never met: lateness unknown, last
        ("due-soon", "kenji"),
        ("due-soon", "margaret"),
        ("birthday", "jonas"),
        ("birthday", "margaret"),
        ("birthday", "hana"),
        ("favour", "tomas"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(order(&value), expected);
    assert_eq!(value["items"][7]["turns"], 36);
    assert_eq!(value["items"][8]["asked"], 3);
}

#[test]
fn within_widens_the_window_and_a_leap_birthday_falls_on_february_28() {
    let value = json(&run(&mut agenda(&["--format", "json", "--within", "100d", "network.kith"])));
    assert_eq!(value["within"], "100d");
    assert_eq!(value["until"], "2027-03-05");
    let lena = value["items"]
        .as_array()
        .expect("items is a list")
        .iter()
        .find(|item| item["person"] == "lena")
        .expect("Lena's birthday is within 100 days");
    assert_eq!(lena["date"], "2027-02-28", "2027 is a common year");
    assert_eq!(lena["reason"], "birthday on Sunday, February 28 (in 95 days)");

    let human = run(&mut agenda(&["--within", "2w", "network.kith"]));
    assert!(
        human.stdout.starts_with("Agenda for Wednesday, November 25, 2026 — the next 2 weeks, until December 9\n"),
        "{}",
        human.stdout
    );
    let across_the_year = run(&mut agenda(&["--within", "100d", "network.kith"]));
    assert!(across_the_year.stdout.contains("until March 5, 2027\n"), "{}", across_the_year.stdout);
}

#[test]
fn an_empty_agenda_says_so_and_exits_0() {
    let run = run(&mut agenda(&["quiet.kith"]));
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "Nothing due in the next 14 days: nobody overdue, no birthdays, no favours owed. Enjoy the quiet.\n\n\
         Only 1 key person so far: choose them from the people you are in touch with — `kith choose` \
         (or `kith suggest` for the list).\n"
    );
    let value = json(&self::run(&mut agenda(&["--format", "json", "quiet.kith"])));
    assert_eq!(value["items"], serde_json::json!([]));
}

#[test]
fn a_file_with_errors_still_gets_an_agenda_and_a_note() {
    let run = run(&mut agenda(&["broken.kith"]));
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("  Grace Hopper · sponsor\n"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "note: `broken.kith` has 1 error; the agenda uses what could be read (see `kith check broken.kith`)\n"
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let source = b"person ada \"Ada\"\n  role mentor\n  met 2020-01-01\n";
    let value = json(&run_with_stdin(&mut agenda(&["--format", "json", "-"]), source));
    assert_eq!(value["items"][0]["file"], "<stdin>");
    assert_eq!(value["items"][0]["suggestion"], "ask about a decision ahead of you");
}

#[test]
fn colour_on_a_terminal_and_plain_when_piped() {
    let plain = run(&mut agenda(&["network.kith"]));
    assert!(!plain.stdout.contains('\u{1b}'), "piped output has no escape codes");
    let mut forced = agenda(&["network.kith"]);
    forced.env("CLICOLOR_FORCE", "1");
    let coloured = run(&mut forced);
    assert!(coloured.stdout.contains("\u{1b}[1m\u{1b}[31mOverdue"), "{}", coloured.stdout);
    assert!(coloured.stdout.contains("\u{1b}[1m\u{1b}[35mBirthdays"), "{}", coloured.stdout);
}

#[test]
fn today_comes_from_kith_today_without_the_flag() {
    let mut command = kith_in(&fixtures_of("agenda"));
    command.args(["agenda", "--format", "json", "quiet.kith"]).env("KITH_TODAY", "2027-03-10");
    let value = json(&run(&mut command));
    assert_eq!(value["today"], "2027-03-10");
    assert_eq!(order(&value), [("birthday".to_string(), "ada".to_string())]);
}

// Errors.

#[test]
fn bad_values_and_missing_files_exit_2_with_one_line() {
    for (arguments, expected) in [
        (&["--within", "2 weeks", "network.kith"][..], "error: invalid --within: `2 weeks` is not a duration"),
        (&["--within", "0d", "network.kith"], "error: invalid --within: `0d` is not a positive duration"),
        (&["--today", "2026-02-30", "network.kith"], "error: invalid --today: 2026-02-30 is not a real date"),
        (&["missing.kith"], "error: `missing.kith` does not exist"),
        (&["--format", "xml", "network.kith"], "error: invalid value 'xml' for '--format"),
    ] {
        let run = run(&mut agenda(arguments));
        assert_eq!(run.code, 2, "{arguments:?}");
        assert!(run.stderr.starts_with(expected), "{arguments:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{arguments:?}");
    }
}
