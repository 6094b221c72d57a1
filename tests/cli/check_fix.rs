//! End-to-end tests of `kith check --fix`, `--unsafe-fixes` and `--diff`: the real binary
//! on a file with misspelt roles, fields, kinds, rules and a reference, a log out of order,
//! a byte-order mark and CRLF line endings; what is written, what is said, the exit codes,
//! a read-only file and standard input.

use crate::support::cli::{pinned_subcommand_in, run, run_with_stdin};
use std::fs;
use std::path::PathBuf;

const NETWORK: &str = "person ada \"Ada Lovelace\"\n  role mentr\n  emial ada@example.org\n  met 2020-01-01 \"PyCon\"\n  allow stal\n  2026-11-03 coffee\n  2026-11-01 cofee\n\nperson bob \"Bob\"\n  met 2021-05-01 \"Through Ada\"\n  via @ad\n";

const FIXED: &str = "person ada \"Ada Lovelace\"\n  role mentor\n  email ada@example.org\n  met 2020-01-01 \"PyCon\"\n  allow stale\n  2026-11-01 coffee\n  2026-11-03 coffee\n\nperson bob \"Bob\"\n  met 2021-05-01 \"Through Ada\"\n  via @ad\n";

/// A temporary folder holding `network.kith` with `text`, and the file's path.
fn folder_with(text: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("network.kith");
    fs::write(&file, text).expect("write the network");
    (folder, file)
}

#[test]
fn fix_applies_the_safe_fixes_and_reports_what_is_left() {
    let (folder, file) = folder_with(NETWORK);
    let fixed = run(&mut pinned_subcommand_in(folder.path(), "check", &["--fix"]));
    assert_eq!(fs::read_to_string(&file).expect("readable"), FIXED);
    assert_eq!(
        fixed.stderr,
        "fixed 5 problems (1 unknown-role, 1 unknown-field, 1 unknown-rule, 1 unsorted-log, 1 unknown-kind) in network.kith\n\
         network.kith: 1 more fix needs a look: see it with `kith check --diff --unsafe-fixes`\n"
    );
    assert_eq!(fixed.code, 1, "the reference is still an error:\n{}", fixed.stdout);
    assert!(fixed.stdout.contains("error[unknown-reference]"), "{}", fixed.stdout);
    assert!(!fixed.stdout.contains("unknown-role"), "what was fixed is not reported again:\n{}", fixed.stdout);

    let again = run(&mut pinned_subcommand_in(folder.path(), "check", &["--fix"]));
    assert_eq!(fs::read_to_string(&file).expect("readable"), FIXED, "a second run changes nothing");
    assert!(!again.stderr.contains("fixed"), "{}", again.stderr);

    let with_unsafe = run(&mut pinned_subcommand_in(folder.path(), "check", &["--fix", "--unsafe-fixes"]));
    assert_eq!(with_unsafe.code, 0, "{}{}", with_unsafe.stdout, with_unsafe.stderr);
    assert_eq!(fs::read_to_string(&file).expect("readable"), FIXED.replace("@ad\n", "@ada\n"));
    assert_eq!(with_unsafe.stderr, "fixed 1 problem (1 unknown-reference) in network.kith\n");
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let (folder, file) = folder_with(NETWORK);
    let diff = run(&mut pinned_subcommand_in(folder.path(), "check", &["--diff", "network.kith"]));
    assert_eq!(diff.code, 1, "something to fix: exit 1");
    assert_eq!(fs::read_to_string(&file).expect("readable"), NETWORK, "nothing written");
    assert!(diff.stdout.starts_with("--- network.kith\n+++ network.kith\n"), "{}", diff.stdout);
    for line in ["-  role mentr\n", "+  role mentor\n", "+  allow stale\n", "-  2026-11-01 cofee\n"] {
        assert!(diff.stdout.contains(line), "`{line}` missing from:\n{}", diff.stdout);
    }
    assert!(diff.stderr.starts_with("network.kith: would fix 5 problems"), "{}", diff.stderr);

    let (clean, _) = folder_with(FIXED.replace("@ad\n", "@ada\n").as_str());
    let nothing = run(&mut pinned_subcommand_in(clean.path(), "check", &["--diff"]));
    assert_eq!((nothing.code, nothing.stdout.as_str(), nothing.stderr.as_str()), (0, "", ""));
}

#[test]
fn line_endings_and_the_byte_order_mark_are_kept() {
    let crlf = format!("\u{feff}{}", NETWORK.replace('\n', "\r\n"));
    let (folder, file) = folder_with(&crlf);
    run(&mut pinned_subcommand_in(folder.path(), "check", &["--fix"]));
    assert_eq!(fs::read_to_string(&file).expect("readable"), format!("\u{feff}{}", FIXED.replace('\n', "\r\n")));
}

#[test]
fn a_fix_that_would_break_a_line_is_not_applied() {
    let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01 \"PyCon\"\n  birthd\n";
    let (folder, file) = folder_with(text);
    let fixed = run(&mut pinned_subcommand_in(folder.path(), "check", &["--fix"]));
    assert_eq!(fs::read_to_string(&file).expect("readable"), text.replace("mentr", "mentor"));
    assert!(
        fixed.stderr.contains("network.kith: 1 fix not applied: it would leave a line kith cannot read\n"),
        "{}",
        fixed.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let (folder, file) = folder_with(NETWORK);
    // Refused by its mode, so for root too.
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).expect("make it read-only");
    let refused = run(&mut pinned_subcommand_in(folder.path(), "check", &["--fix"]));
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("it is read-only"), "{}", refused.stderr);
    assert_eq!(fs::read_to_string(&file).expect("readable"), NETWORK);
}

#[test]
fn standard_input_is_shown_as_a_diff_but_never_fixed_in_place() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let refused =
        run_with_stdin(&mut pinned_subcommand_in(folder.path(), "check", &["--fix", "-"]), NETWORK.as_bytes());
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("use `kith check --diff -`"), "{}", refused.stderr);
    let diff = run_with_stdin(&mut pinned_subcommand_in(folder.path(), "check", &["--diff", "-"]), NETWORK.as_bytes());
    assert_eq!(diff.code, 1);
    assert!(diff.stdout.contains("+  role mentor\n"), "{}", diff.stdout);
}
