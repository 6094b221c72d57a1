//! End-to-end tests of `kith import ics`: the real binary on realistic Google, Outlook and
//! Apple Calendar exports (tests/fixtures/import/ics) merged into a network whose people
//! have the attendees' addresses: what is logged, what is left out and why, a second run,
//! a dry run, `--max-attendees`, and files that are not calendars or are cut off.

use crate::support::cli::{
    assert_one_error_line, fixtures_of, folder_with_network, path_text, pinned_subcommand_in, run,
    stderr_naming_network, Run,
};
use std::fs;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    fixtures_of("import").join("ics")
}

/// `kith import ics --today 2026-11-25 ARGUMENTS…` run in the fixture folder.
fn import(arguments: &[&str]) -> Run {
    let mut all = vec!["ics"];
    all.extend_from_slice(arguments);
    run(&mut pinned_subcommand_in(&fixtures(), "import", &all))
}

#[test]
fn a_google_export_logs_each_meeting_once_in_the_blocks_of_the_people_met() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read_to_string(&target).expect("readable");
    let run = import(&["google.ics", "--into", path_text(&target)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "the interactions go into the file");
    assert_eq!(
        stderr_naming_network(&run, &target),
        "imported 0 people into network.kith, 0 already present, 0 malformed events\n\
         logged 7 interactions with 4 people (1 day already logged)\n\
         left out: events without guests (1), cancelled events (2), large meetings (1), events you declined (1)\n\
         not in your network, most interactions first:\n\
         \x20 Bob Example <bob@example.com> (1 interaction)\n"
    );
    let after = fs::read_to_string(&target).expect("readable");
    let kept: Vec<&str> = after.lines().filter(|line| !line.starts_with("  2026-") || before.contains(line)).collect();
    assert_eq!(kept, before.lines().collect::<Vec<_>>(), "only interaction lines are added");
    insta::assert_snapshot!("google_network", after);
}

#[test]
fn a_second_run_leaves_the_file_byte_identical_and_logs_nothing_new() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    import(&["google.ics", "--into", path_text(&target)]);
    let once = fs::read(&target).expect("written");
    let again = import(&["google.ics", "--into", path_text(&target)]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(fs::read(&target).expect("still there"), once, "byte for byte");
    let lines: Vec<String> = stderr_naming_network(&again, &target).lines().map(str::to_string).collect();
    assert_eq!(lines[0], "imported 0 people into network.kith, 0 already present, 0 malformed events");
    assert_eq!(lines[1], "logged nothing new (8 days already logged)");
}

#[test]
fn a_dry_run_prints_a_diff_and_writes_nothing() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read(&target).expect("readable");
    let run = import(&["google.ics", "--into", path_text(&target), "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read(&target).expect("still there"), before, "nothing is written");
    let label = path_text(&target);
    assert!(run.stdout.starts_with(&format!("--- {label}\n+++ {label}\n")), "{}", run.stdout);
    for added in [
        "+  2026-04-20 video \"Board offer, round two\"\n",
        "+  2026-10-14 video \"Grace / me (moved to Wednesday)\"\n",
        "+  2026-10-20 call \"Katherine: launch numbers\"\n",
        "+  2026-06-13 meet \"Drinks after the meetup\"\n",
    ] {
        assert!(run.stdout.contains(added), "`{added}` missing from:\n{}", run.stdout);
    }
    assert_eq!(run.stdout.lines().filter(|line| line.starts_with('+') && !line.starts_with("+++")).count(), 7);
    assert!(!run.stdout.lines().any(|line| line.starts_with('-') && !line.starts_with("---")), "{}", run.stdout);
    let first = stderr_naming_network(&run, &target);
    assert!(first.starts_with("imported 0 people into network.kith (dry run: nothing written), "), "{first}");
}

#[test]
fn max_attendees_leaves_out_a_bigger_meeting() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let run = import(&["google.ics", "--into", path_text(&target), "--max-attendees", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let network = fs::read_to_string(&target).expect("written");
    assert!(!network.contains("Lunch at the Mensa"), "a lunch for three is left out:\n{network}");
    assert!(network.contains("  2026-10-20 call \"Katherine: launch numbers\"\n"), "{network}");
    let stderr = stderr_naming_network(&run, &target);
    assert!(stderr.contains("logged 6 interactions with 4 people\n"), "{stderr}");
    assert!(stderr.contains(", large meetings (2),"), "{stderr}");
}

#[test]
fn a_cut_off_calendar_exits_2_naming_the_file_and_the_line_and_writes_nothing() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read(&target).expect("readable");
    let run = import(&["broken.ics", "--into", path_text(&target)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_one_error_line(
        &run,
        &[
            "cannot import `broken.ics`",
            "the file ends inside the `BEGIN:VEVENT` of line 167",
            "it is cut off",
            "is it an iCalendar (.ics) export?",
        ],
    );
    assert_eq!(fs::read(&target).expect("still there"), before, "nothing is written");
}

#[test]
fn a_file_that_is_no_calendar_exits_2_and_says_what_it_found() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let run = import(&["network.kith", "--into", path_text(&target)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_one_error_line(
        &run,
        &[
            "cannot import `network.kith`: line 1 is `# network.kith — the people my calendars meet`, where an iCalendar file starts with `BEGIN:VCALENDAR`",
        ],
    );
}

#[test]
fn outlook_and_apple_exports_log_their_series_and_report_a_bad_event() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let outlook = import(&["outlook.ics", "--into", path_text(&target)]);
    assert_eq!(outlook.code, 0, "{}", outlook.stderr);
    assert_eq!(
        stderr_naming_network(&outlook, &target),
        "imported 0 people into network.kith, 0 already present, 0 malformed events\nlogged 6 interactions with 3 people\n"
    );
    let apple = import(&["apple.ics", "--into", path_text(&target)]);
    assert_eq!(apple.code, 1, "a malformed event makes the exit code 1:\n{}", apple.stderr);
    assert_eq!(
        stderr_naming_network(&apple, &target),
        "warning: apple.ics:77: an event whose start `DTSTART;TZID=America/New_York:20260931T090000` is not a real date; skipped\n\
         imported 0 people into network.kith, 0 already present, 1 malformed event\n\
         logged 6 interactions with 2 people\n\
         left out: cancelled events (1)\n"
    );
    insta::assert_snapshot!("outlook_and_apple_network", fs::read_to_string(&target).expect("written"));
}

#[test]
fn without_set_me_the_owner_is_worked_out_and_named() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("network.kith");
    let network = fs::read_to_string(fixtures().join("network.kith")).expect("the fixture");
    fs::write(&target, network.replace("set me me@example.org\n", "")).expect("a network without `set me`");
    let run = import(&["google.ics", "--into", path_text(&target)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stderr = stderr_naming_network(&run, &target);
    assert!(
        stderr.contains(
            "took me@example.org for you (in 10 of 10 interactions); say so with `set me me@example.org` in the network\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("logged 7 interactions with 4 people (1 day already logged)\n"), "{stderr}");
}

#[test]
fn without_into_the_people_met_are_listed_and_the_way_to_log_them_is_named() {
    let run = import(&["google.ics"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "not in your network, most interactions first:\n  Grace Hopper <grace@example.com> (3 interactions)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "a calendar or a mailbox logs interactions with the people of a network: add `--into NETWORK.kith`\n"
        ),
        "{}",
        run.stderr
    );
}
