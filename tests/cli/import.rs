//! End-to-end tests of `kith import`: the real binary on realistic LinkedIn, vCard and
//! Google Contacts exports (tests/fixtures/import), to stdout and `--into` a file, with
//! malformed rows, people already present and unreadable input.

use crate::support::cli::{
    assert_one_error_line, fixtures_of, folder_with_network, pinned_subcommand_in, run, short_findings, Run,
};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    fixtures_of("import")
}

/// `kith import --today 2026-11-25 …` run in `folder`.
fn import(folder: &Path, arguments: &[&str]) -> Run {
    run(&mut pinned_subcommand_in(folder, "import", arguments))
}

/// The codes of everything `kith check` finds in the file at `path`.
fn check_codes(path: &Path) -> Vec<String> {
    let findings = short_findings(path);
    findings.lines().filter_map(|line| line.split('[').nth(1)?.split(']').next()).map(str::to_string).collect()
}

#[test]
fn linkedin_connections_print_as_people_with_warnings_for_malformed_rows() {
    let run = import(&fixtures(), &["linkedin", "Connections.csv"]);
    assert_eq!(run.code, 1, "malformed rows make the exit code 1:\n{}", run.stderr);
    insta::assert_snapshot!("linkedin_stdout", run.stdout);
    insta::assert_snapshot!("linkedin_stderr", run.stderr);
}

#[test]
fn linkedin_into_a_network_adds_new_people_and_the_addresses_of_those_already_there() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read_to_string(&target).expect("readable");
    let run = import(&fixtures(), &["linkedin", "Connections.csv", "--into", target.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "", "the people go into the file, not to stdout");
    let summary: Vec<&str> = run.stderr.lines().rev().take(2).collect();
    assert_eq!(
        summary,
        [
            "left out: deleted LinkedIn members (1)".to_string(),
            format!(
                "imported 11 people into {}, 2 already present, 2 malformed rows; added emails or URLs to 2 people already there",
                target.display()
            )
        ]
    );
    let after = fs::read_to_string(&target).expect("readable");
    // Ada is there by name (nothing tells the two apart) and gets her profile; Grace is there
    // by email, whatever its case, and gets hers; nothing else of theirs changes.
    let enriched = before
        .replace(
            "  email ada@example.org\n",
            "  email ada@example.org\n  url https://www.linkedin.com/in/ada-lovelace\n",
        )
        .replace(
            "  email grace.hopper@example.com\n",
            "  email grace.hopper@example.com\n  url https://www.linkedin.com/in/gracehopper\n",
        );
    let appended = after.strip_prefix(&enriched).expect("the rest of the file is kept byte for byte");
    assert!(
        appended.starts_with("\nperson charles-babbage \"Charles Babbage\"\n"),
        "one blank line, then the people:\n{appended}"
    );
    assert!(!after.contains("GRACE.HOPPER"), "Grace's address is not added again in another case");
    // The other Ada Lovelace has another profile: a namesake, kept with an id of her own.
    assert!(
        appended.contains("person ada-lovelace-analytical \"Ada Lovelace\"\n  org \"Analytical Engines Ltd\"\n  title \"Analyst\"\n  url https://www.linkedin.com/in/ada-lovelace-2\n"),
        "{appended}"
    );
    let codes = check_codes(&target);
    assert!(
        codes.iter().all(|code| ["stale", "empty-pillar", "unfilled-role", "no-context"].contains(&code.as_str())),
        "{codes:?}"
    );
}

#[test]
fn importing_the_same_export_twice_adds_nobody_the_second_time() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let into = target.to_str().expect("UTF-8 path");
    import(&fixtures(), &["google", "google.csv", "--into", into]);
    let once = fs::read_to_string(&target).expect("readable");
    let again = import(&fixtures(), &["google", "google.csv", "--into", into]);
    assert_eq!(fs::read_to_string(&target).expect("readable"), once);
    assert!(
        again.stderr.ends_with(&format!("imported 0 people into {into}, 5 already present, 2 malformed rows\n")),
        "{}",
        again.stderr
    );
}

#[test]
fn ids_never_clash_with_the_ones_in_the_target() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("mine.kith");
    fs::write(&target, "person zoe-nunez \"Zoë N. (school)\"\r\n  met 2001-09-01\r\n").expect("write");
    let run = import(&fixtures(), &["linkedin", "Connections.csv", "--into", target.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 1);
    let after = fs::read_to_string(&target).expect("readable");
    assert!(after.contains("\r\n\r\nperson ada-lovelace \"Ada Lovelace\"\r\n"), "CRLF kept, one blank line:\n{after}");
    assert!(after.contains("person zoe-nunez-fernwood \"Zoë Núñez\"\r\n"), "{after}");
    assert!(!after.replace("\r\n", "").contains('\n'), "every appended line ends in CRLF");
}

#[test]
fn a_missing_target_is_created() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("new.kith");
    let run = import(&fixtures(), &["google", "google-old.csv", "--into", target.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(&target).expect("created");
    assert!(text.starts_with("person grace-hopper \"Grace Hopper\"\n"), "{text}");
}

#[test]
fn vcards_of_every_version_print_as_people() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let run = import(&fixtures(), &["vcard", "contacts.vcf", "--into", target.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 1);
    let before = fs::read_to_string(fixtures().join("network.kith")).expect("readable");
    let after = fs::read_to_string(&target).expect("readable");
    insta::assert_snapshot!("vcard_appended", after.strip_prefix(&before).expect("kept"));
    insta::assert_snapshot!("vcard_stderr", run.stderr.replace(&target.display().to_string(), "network.kith"));
}

#[test]
fn google_contacts_old_and_new_headers_print_as_people() {
    let new = import(&fixtures(), &["google", "google.csv"]);
    assert_eq!(new.code, 1);
    insta::assert_snapshot!("google_stdout", new.stdout);
    insta::assert_snapshot!("google_stderr", new.stderr);
    let old = import(&fixtures(), &["google", "google-old.csv"]);
    assert_eq!(old.code, 0, "{}", old.stderr);
    insta::assert_snapshot!("google_old_stdout", old.stdout);
    assert_eq!(old.stderr, "imported 3 people, 0 already present, 0 malformed rows\n");
}

#[test]
fn progress_is_not_shown_when_stderr_is_not_a_terminal() {
    let run = import(&fixtures(), &["linkedin", "Connections.csv"]);
    assert!(!run.stderr.contains('\r') && !run.stderr.contains("records"), "{:?}", run.stderr);
}

/// Asserts stderr is exactly one `error: …` line containing each of `parts`, and nothing
/// was printed or imported.
#[track_caller]
fn assert_input_error(run: &Run, parts: &[&str]) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_one_error_line(run, parts);
}

#[test]
fn text_that_is_not_utf8_is_an_input_error_naming_the_line() {
    let run = import(&fixtures(), &["linkedin", "Connections-latin1.csv"]);
    assert_input_error(&run, &["Connections-latin1.csv", "not UTF-8 text (first invalid byte on line 2)", "iconv"]);
    let utf16 = import(&fixtures(), &["google", "contacts-utf16.csv"]);
    assert_input_error(&utf16, &["contacts-utf16.csv", "UTF-16"]);
}

#[test]
fn the_wrong_kind_of_export_is_an_input_error_and_the_target_is_untouched() {
    let (_folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read(&target).expect("readable");
    let run = import(&fixtures(), &["linkedin", "contacts.vcf", "--into", target.to_str().expect("UTF-8 path")]);
    assert_input_error(
        &run,
        &[
            "cannot import `contacts.vcf`: no LinkedIn header row found",
            "is it a LinkedIn export (Connections.csv, or the archive as a .zip or a folder)?",
        ],
    );
    assert_eq!(fs::read(&target).expect("readable"), before);
    assert_input_error(&import(&fixtures(), &["vcard", "google.csv"]), &["no vCard found"]);
    assert_input_error(&import(&fixtures(), &["google", "Connections.csv"]), &["no Google Contacts header row found"]);
}

#[test]
fn a_missing_export_is_an_input_error() {
    assert_input_error(
        &import(&fixtures(), &["vcard", "nowhere.vcf"]),
        &["cannot read `nowhere.vcf`: no such file or folder"],
    );
}

#[test]
fn what_an_export_holds_is_written_so_that_the_file_still_reads_and_formats() {
    let (folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read_to_string(&target).expect("readable");
    let quirks = fixtures().join("quirks.vcf");
    let run = import(folder.path(), &["vcard", quirks.to_str().expect("UTF-8 path"), "--into", "network.kith"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&target).expect("readable");
    let added = after.strip_prefix(before.as_str()).expect("the file is kept byte for byte");
    insta::assert_snapshot!("quirks_added", added);
    let errors: Vec<String> = check_codes(&target).into_iter().filter(|code| code != "stale").collect();
    assert!(!errors.iter().any(|code| ["syntax", "invalid-value"].contains(&code.as_str())), "{errors:?}\n{after}");
    let formatted =
        crate::support::cli::run(crate::support::cli::kith_in(folder.path()).args(["fmt", "--check", "network.kith"]));
    assert_ne!(formatted.code, 2, "kith fmt must accept the file: {}", formatted.stderr);
}

#[test]
fn a_dry_run_prints_the_diff_and_writes_nothing() {
    let (folder, target) = folder_with_network(&fixtures().join("network.kith"));
    let before = fs::read_to_string(&target).expect("readable");
    let run = import(
        folder.path(),
        &["linkedin", &fixtures().join("Connections.csv").display().to_string(), "--into", "network.kith", "--dry-run"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&target).expect("readable"), before, "nothing is written");
    assert!(run.stdout.starts_with("--- network.kith\n+++ network.kith\n@@ "), "{}", run.stdout);
    assert!(run.stdout.contains("+  url https://www.linkedin.com/in/gracehopper\n"), "{}", run.stdout);
    assert!(run.stdout.contains("+person charles-babbage \"Charles Babbage\"\n"), "{}", run.stdout);
    assert!(run.stderr.contains("imported 11 people into network.kith (dry run: nothing written)"), "{}", run.stderr);

    let applied = import(
        folder.path(),
        &["linkedin", &fixtures().join("Connections.csv").display().to_string(), "--into", "network.kith"],
    );
    assert_eq!(applied.code, 1);
    let again = import(
        folder.path(),
        &["linkedin", &fixtures().join("Connections.csv").display().to_string(), "--into", "network.kith", "--dry-run"],
    );
    assert_eq!(again.stdout, "", "nothing left to change");
}

#[test]
fn a_dry_run_needs_a_file_to_merge_into() {
    let run = import(&fixtures(), &["vcard", "contacts.vcf", "--dry-run"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--into"), "{}", run.stderr);
}
