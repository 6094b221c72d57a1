//! End-to-end tests of `kith import mbox`: the real binary on a Thunderbird folder and a
//! Gmail Takeout mailbox (tests/fixtures/import/mbox: CRLF, RFC 2047 encoded words,
//! `>From ` quoting, `Bcc:` in a sent copy, labels, lists, no-reply and automatic mail)
//! merged into a network whose people have the correspondents' addresses: what is logged,
//! what is left out and why, a second run, a dry run, the owner worked out, and files that
//! are not mailboxes or hold a bad message.

use crate::support::cli::{
    assert_one_error_line, fixtures_of, folder_with_network, path_text, pinned_subcommand_in, run,
    stderr_naming_network, Run,
};
use std::fs;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    fixtures_of("import").join("mbox")
}

/// `kith import mbox --today 2026-11-25 ARGUMENTS…` run in the fixture folder.
fn import(arguments: &[&str]) -> Run {
    let mut all = vec!["mbox"];
    all.extend_from_slice(arguments);
    run(&mut pinned_subcommand_in(&fixtures(), "import", &all))
}

#[test]
fn a_thunderbird_folder_logs_one_email_line_per_person_and_day_and_leaves_out_lists_and_robots() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read_to_string(&target).expect("readable");
    let run = import(&["thunderbird.mbox", "--into", path_text(&target)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "the interactions go into the file");
    assert_eq!(
        stderr_naming_network(&run, &target),
        "imported 0 people into network.kith, 0 already present, 0 malformed messages\n\
         logged 4 interactions with 2 people\n\
         left out: mailing-list mail (1), no-reply mail (1), automatic mail (1)\n\
         not in your network, most interactions first:\n\
         \x20 Alan Turing <alan@example.org> (1 interaction)\n"
    );
    let after = fs::read_to_string(&target).expect("readable");
    let kept: Vec<&str> = after.lines().filter(|line| !line.starts_with("  2026-") || before.contains(line)).collect();
    assert_eq!(kept, before.lines().collect::<Vec<_>>(), "only interaction lines are added");
    for logged in [
        "  2026-10-05 email \"2 emails, 1 from you: The board offer: my notes\"\n",
        "  2026-10-05 email \"you wrote: Re: The board offer: my notes\"\n",
    ] {
        assert!(after.contains(logged), "`{logged}` missing (the second is the `Bcc:` to Grace):\n{after}");
    }
    assert!(!after.contains("Out of office"), "an automatic reply is no interaction:\n{after}");
}

#[test]
fn a_gmail_takeout_mailbox_with_crlf_and_encoded_words_logs_decoded_subjects() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let run = import(&["gmail-takeout.mbox", "--into", path_text(&target)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        stderr_naming_network(&run, &target),
        "imported 0 people into network.kith, 0 already present, 0 malformed messages\n\
         logged 3 interactions with 2 people\n\
         left out: drafts (1), spam (1)\n"
    );
    let after = fs::read_to_string(&target).expect("readable");
    assert!(!after.contains('\r'), "the network keeps its own line breaks");
    assert!(!after.contains("Unsent"), "a draft was never sent:\n{after}");
    insta::assert_snapshot!("gmail_network", after);
}

#[test]
fn a_second_run_leaves_the_file_byte_identical_and_logs_nothing_new() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    for mailbox in ["thunderbird.mbox", "gmail-takeout.mbox"] {
        assert_eq!(import(&[mailbox, "--into", path_text(&target)]).code, 0);
    }
    let once = fs::read(&target).expect("written");
    for (mailbox, days) in [("thunderbird.mbox", 4), ("gmail-takeout.mbox", 3)] {
        let again = import(&[mailbox, "--into", path_text(&target)]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        let lines: Vec<String> = stderr_naming_network(&again, &target).lines().map(str::to_string).collect();
        assert_eq!(lines[1], format!("logged nothing new ({days} days already logged)"), "{mailbox}");
    }
    assert_eq!(fs::read(&target).expect("still there"), once, "byte for byte");
}

#[test]
fn a_dry_run_prints_a_diff_and_writes_nothing() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read(&target).expect("readable");
    let run = import(&["gmail-takeout.mbox", "--into", path_text(&target), "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read(&target).expect("still there"), before, "nothing is written");
    let label = path_text(&target);
    assert!(run.stdout.starts_with(&format!("--- {label}\n+++ {label}\n")), "{}", run.stdout);
    for added in [
        "+  2026-11-14 email \"2 emails, 1 from you: Café next week? ☕\"\n",
        "+  2026-11-15 email \"you wrote: Re: Cafe next week?\"\n",
        "+  2026-11-17 email \"they wrote: Presupuesto revisado\"\n",
    ] {
        assert!(run.stdout.contains(added), "`{added}` missing from:\n{}", run.stdout);
    }
    let first = stderr_naming_network(&run, &target);
    assert!(first.starts_with("imported 0 people into network.kith (dry run: nothing written), "), "{first}");
}

#[test]
fn a_bad_message_is_a_warning_with_its_line_the_rest_is_logged_and_the_exit_code_is_1() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let run = import(&["broken.mbox", "--into", path_text(&target)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        stderr_naming_network(&run, &target),
        "warning: broken.mbox:1: its `Date:` field `sometime next week` is not a date; skipped\n\
         imported 0 people into network.kith, 0 already present, 1 malformed message\n\
         logged 1 interaction with 1 person\n"
    );
    assert!(fs::read_to_string(&target).expect("written").contains("  2026-10-08 email \"they wrote: Fine\"\n"));
}

#[test]
fn a_file_that_is_no_mailbox_exits_2_says_what_it_found_and_writes_nothing() {
    let (folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read(&target).expect("readable");
    let run = import(&["network.kith", "--into", path_text(&target)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_one_error_line(
        &run,
        &[
            "cannot import `network.kith`: line 1 (`# network.kith — the people my mail…`) is not the `From ` line",
            "export the mail as mbox",
        ],
    );
    let gzipped = folder.path().join("Inbox.mbox.gz");
    fs::write(&gzipped, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03").expect("a gzip header");
    let compressed = import(&[path_text(&gzipped), "--into", path_text(&target)]);
    assert_eq!(compressed.code, 2, "{}", compressed.stderr);
    assert_one_error_line(&compressed, &["Inbox.mbox.gz", "it is compressed (gzip): unpack it first"]);
    let missing = import(&["Sent.mbox", "--into", path_text(&target)]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert_one_error_line(&missing, &["Sent.mbox"]);
    assert_eq!(fs::read(&target).expect("still there"), before, "nothing is written");
}

#[test]
fn without_set_me_the_owner_is_worked_out_and_named() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("network.kith");
    let network = fs::read_to_string(fixtures().join("network.kith")).expect("the fixture");
    fs::write(&target, network.replace("set me mara@example.net\n", "")).expect("a network without `set me`");
    let run = import(&["thunderbird.mbox", "--into", path_text(&target)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stderr = stderr_naming_network(&run, &target);
    assert!(
        stderr.contains(
            "took mara@example.net for you (in 3 of 3 interactions); say so with `set me mara@example.net` in the network\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("logged 4 interactions with 2 people\n"), "{stderr}");
    assert!(!fs::read_to_string(&target).expect("written").contains("person mara"), "the owner is never a person");
}
