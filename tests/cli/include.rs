//! End-to-end tests of a network across files (`include`): the real binary on a network of
//! three files in a temporary folder — diagnostics in the file where they sit, a root found
//! among the files of a folder, the reading commands over the whole network, and the
//! writing ones editing the file where the person lives.

use crate::support::cli::{json, pinned_subcommand_in, run, run_with_stdin, Run};
use std::fs;
use std::path::Path;

const ROOT: &str = "\
include \"contacts/linkedin.kith\"
include \"contacts/work.kith\"

person ada \"Ada Lovelace\"
  role mentor
  via @bob
  2026-11-01 coffee
";

const LINKEDIN: &str = "\
person bob \"Bob Babbage\"
  met 2020-01-01 \"PyCon\"

person grace \"Grace Hopper\"
  role sponsor
  met 2021-06-01
  2026-10-01 call
";

const WORK: &str = "\
person ada \"Ada Again\"
  met 2020-01-01
";

/// A temporary folder holding the three files.
fn network() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(folder.path().join("contacts")).expect("create contacts/");
    fs::write(folder.path().join("network.kith"), ROOT).expect("write network.kith");
    fs::write(folder.path().join("contacts/linkedin.kith"), LINKEDIN).expect("write linkedin.kith");
    fs::write(folder.path().join("contacts/work.kith"), WORK).expect("write work.kith");
    folder
}

fn kith(folder: &Path, subcommand: &str, arguments: &[&str]) -> Run {
    run(&mut pinned_subcommand_in(folder, subcommand, arguments))
}

#[test]
fn the_network_is_checked_once_from_its_root_with_each_diagnostic_in_its_file() {
    let folder = network();
    let whole = kith(folder.path(), "check", &["--format", "short"]);
    assert_eq!(whole.code, 1, "{}", whole.stderr);
    assert_eq!(
        whole.stdout,
        "contacts/work.kith:1:8: error[duplicate-id] the id `ada` of Ada Again is already the id of Ada Lovelace (first defined here: network.kith:4)\n",
        "`via @bob` resolves in the other file; the included files are not checked on their own"
    );
    let named = kith(folder.path(), "check", &["--format", "short", "network.kith"]);
    assert_eq!(named.stdout, whole.stdout, "naming the root checks the same network");
    let report = json(&kith(folder.path(), "check", &["--format", "json"]));
    let paths: Vec<&str> =
        report["files"].as_array().expect("files").iter().filter_map(|file| file["path"].as_str()).collect();
    assert_eq!(paths, ["network.kith", "contacts/linkedin.kith", "contacts/work.kith"]);
}

#[test]
fn a_missing_file_a_cycle_and_a_setting_outside_the_root_are_errors_where_they_are() {
    let folder = network();
    let root = folder.path().join("network.kith");
    fs::write(&root, format!("include \"contacts/gone.kith\"\n{ROOT}")).expect("write");
    fs::write(folder.path().join("contacts/work.kith"), "include \"../network.kith\"\nset stale-after 2m\n")
        .expect("write");
    let run = kith(folder.path(), "check", &["--format", "short"]);
    assert_eq!(
        run.stdout,
        "network.kith:1:1: error[unresolved-include] cannot read `contacts/gone.kith`: no such file or folder\n\
         contacts/work.kith:1:1: error[unresolved-include] an include cycle: network.kith → contacts/work.kith → network.kith\n\
         contacts/work.kith:2:1: error[misplaced-setting] `set` lines belong in the network's root file, `network.kith`\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn the_reading_commands_see_the_whole_network() {
    let folder = network();
    fs::write(folder.path().join("contacts/work.kith"), "").expect("empty the third file");
    let report = kith(folder.path(), "report", &["--format", "json"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let report = json(&report);
    assert_eq!(report["key_people"]["count"], 2, "ada and grace, of both files");
    let sponsor = &report["pillars"][0]["roles"][2];
    assert_eq!((&sponsor["id"], &sponsor["people"][0]), (&"sponsor".into(), &"grace".into()));
    let export = json(&kith(folder.path(), "export", &["json"]));
    let people: Vec<&str> =
        export["people"].as_array().expect("people").iter().filter_map(|person| person["id"].as_str()).collect();
    assert_eq!(people, ["ada", "bob", "grace"]);
    let suggest = json(&kith(folder.path(), "suggest", &["--format", "json"]));
    assert_eq!(suggest["candidates"][0]["id"], "bob", "bob, in the included file, is a candidate");
}

#[test]
fn log_and_promote_write_the_file_where_the_person_lives() {
    let folder = network();
    fs::write(folder.path().join("contacts/work.kith"), "").expect("empty the third file");
    let logged = kith(folder.path(), "log", &["bob", "coffee", "Talked shop"]);
    assert_eq!(
        logged.stdout, "logged coffee with Bob Babbage on 2026-11-25 (contacts/linkedin.kith:3)\n",
        "{}",
        logged.stderr
    );
    let promoted = kith(folder.path(), "promote", &["bob", "challenger"]);
    assert_eq!(promoted.code, 0, "{}", promoted.stderr);
    assert!(
        promoted.stdout.starts_with("Bob Babbage is now your challenger (contacts/linkedin.kith)"),
        "{}",
        promoted.stdout
    );
    assert_eq!(fs::read_to_string(folder.path().join("network.kith")).expect("read"), ROOT, "the root is untouched");
    assert_eq!(
        fs::read_to_string(folder.path().join("contacts/linkedin.kith")).expect("read"),
        LINKEDIN.replacen(
            "  met 2020-01-01 \"PyCon\"\n",
            "  role challenger\n  met 2020-01-01 \"PyCon\"\n  2026-11-25 coffee \"Talked shop\"\n",
            1
        )
    );
    let unknown = kith(folder.path(), "log", &["bobb", "call"]);
    assert_eq!(
        (unknown.code, unknown.stderr.as_str()),
        (2, "error: no person `bobb` in `network.kith`: did you mean `bob`?\n")
    );
}

#[test]
fn fix_and_diff_judge_each_file_with_the_rest_of_its_network() {
    let folder = network();
    fs::write(
        folder.path().join("network.kith"),
        format!("{ROOT}\nrole sponsors \"the board that backs me\"\n  pillar promoters\n"),
    )
    .expect("write");
    fs::write(
        folder.path().join("contacts/work.kith"),
        "person cy \"Cy\"\n  role sponsors\n  met 2020-01-01\n  2026-11-20 cofee\n",
    )
    .expect("write");
    let diff = kith(folder.path(), "check", &["--diff"]);
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(
        diff.stdout.contains("+  2026-11-20 coffee\n") && !diff.stdout.contains("+  role sponsor\n"),
        "{}",
        diff.stdout
    );
    let fixed = kith(folder.path(), "check", &["--fix", "--format", "short"]);
    assert_eq!(fixed.stderr, "fixed 1 problem (1 unknown-kind) in contacts/work.kith\n");
    assert_eq!(
        fs::read_to_string(folder.path().join("contacts/work.kith")).expect("read"),
        "person cy \"Cy\"\n  role sponsors\n  met 2020-01-01\n  2026-11-20 coffee\n",
        "`sponsors`, declared in the root file, is not taken for a misspelt `sponsor`"
    );
}

#[test]
fn a_file_named_alone_is_checked_with_the_network_that_includes_it() {
    let folder = network();
    fs::write(folder.path().join("contacts/work.kith"), "person cy \"Cy\"\n  via @ada\n").expect("write");
    let run = kith(folder.path(), "check", &["--format", "short", "contacts/work.kith"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "`@ada` lives in network.kith: {}", run.stderr);
}

#[test]
fn standard_input_is_a_network_of_its_own_and_read_once() {
    let folder = network();
    let command = &mut pinned_subcommand_in(folder.path(), "report", &["--format", "json", "-"]);
    let report = run_with_stdin(command, b"include \"contacts/linkedin.kith\"\nperson zed \"Zed\"\n  role mentor\n");
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert_eq!(json(&report)["key_people"]["count"], 1, "zed alone: the include of standard input is not read");
}

#[test]
fn an_import_into_an_included_file_matches_the_people_of_the_whole_network() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root =
        "include \"contacts/vcards.kith\"\n\nperson ada \"Ada Lovelace\"\n  email ada@example.org\n  met 2019-04-02\n";
    fs::write(folder.path().join("network.kith"), root).expect("write network.kith");
    fs::create_dir(folder.path().join("contacts")).expect("create contacts/");
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Zeta\r\nEMAIL:zed@example.org\r\nEND:VCARD\r\n";
    fs::write(folder.path().join("contacts.vcf"), cards).expect("write contacts.vcf");
    let into = ["vcard", "contacts.vcf", "--into", "contacts/vcards.kith"];
    let first = kith(folder.path(), "import", &into);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let created = fs::read_to_string(folder.path().join("contacts/vcards.kith")).expect("the file is created");
    assert!(created.contains("person zed-zeta \"Zed Zeta\""), "{created}");
    assert!(!created.contains("Ada"), "Ada lives in network.kith: not added again\n{created}");
    let again = kith(folder.path(), "import", &into);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(folder.path().join("contacts/vcards.kith")).expect("read"),
        created,
        "a re-run changes nothing"
    );
    assert_eq!(fs::read_to_string(folder.path().join("network.kith")).expect("read"), root, "the root is untouched");
}
