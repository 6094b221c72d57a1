//! End-to-end tests of `kith import outlook`: the real binary on Outlook Contacts CSV
//! exports with the current header (tests/fixtures/import/outlook.csv) and the older
//! desktop one with Exchange addresses and day-first dates (outlook-old.csv).

use crate::support::cli::{fixtures_of, pinned_subcommand_in, run, Run};
use std::fs;

fn import(arguments: &[&str]) -> Run {
    let mut all = vec!["outlook"];
    all.extend_from_slice(arguments);
    run(&mut pinned_subcommand_in(&fixtures_of("import"), "import", &all))
}

#[test]
fn outlook_contacts_print_as_people_with_a_warning_for_the_nameless_row() {
    let run = import(&["outlook.csv"]);
    assert_eq!(run.code, 1, "the row with only a phone is malformed:\n{}", run.stderr);
    insta::assert_snapshot!("outlook_stdout", run.stdout);
    insta::assert_snapshot!("outlook_stderr", run.stderr);
}

#[test]
fn the_old_header_reads_exchange_addresses_and_day_first_dates() {
    let run = import(&["outlook-old.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("  email grace@navy.example\n  email grace@example.org\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("/o=ExchangeLabs"), "an X.500 path is no address:\n{}", run.stdout);
    assert!(run.stdout.contains("  birthday 1906-12-09\n"), "{}", run.stdout);
    assert!(run.stdout.contains("  tags navy, computing-pioneers\n"), "{}", run.stdout);
}

#[test]
fn outlook_into_a_network_skips_who_is_there_and_twice_adds_nobody() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("network.kith");
    fs::write(&target, "person ada \"Ada Lovelace\"\n  email ada@example.org\n").expect("a network");
    let into = target.to_str().expect("a UTF-8 path");
    let first = import(&["outlook.csv", "--into", into]);
    assert!(first.stderr.contains("imported 5 people into"), "{}", first.stderr);
    assert!(first.stderr.contains(", 1 already present,"), "Ada by her email, whatever its case:\n{}", first.stderr);
    let once = fs::read(&target).expect("written");
    let again = import(&["outlook.csv", "--into", into]);
    assert_eq!(fs::read(&target).expect("still there"), once);
    assert!(again.stderr.contains("imported 0 people into"), "{}", again.stderr);
}
