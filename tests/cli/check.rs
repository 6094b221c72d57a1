//! End-to-end tests of `kith check`: the real binary as a process, its exit codes, inputs,
//! options and every output format (snapshots over tests/fixtures, today pinned).

use crate::support::cli::{
    assert_one_error_line, fixtures, json, kith_in, pinned_subcommand_in, run, run_with_stdin, TODAY,
};
use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

/// `kith` run in tests/fixtures.
fn kith() -> Command {
    kith_in(&fixtures())
}

/// `kith check --today 2026-11-25` followed by `arguments`, run in tests/fixtures.
fn check(arguments: &[&str]) -> Command {
    pinned_subcommand_in(&fixtures(), "check", arguments)
}

// Snapshots of every format.

#[test]
fn human_format_of_many_problems() {
    let run = run(&mut check(&["--level", "hint", "problems.kith"]));
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn human_format_at_the_default_level() {
    let run = run(&mut check(&["network.kith"]));
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn short_format_of_many_problems() {
    let run = run(&mut check(&["--format", "short", "--level", "hint", "problems.kith"]));
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_format_of_many_problems() {
    let run = run(&mut check(&["--format", "json", "--level", "hint", "problems.kith", "network.kith"]));
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_format_of_many_problems() {
    let run = run(&mut check(&["--format", "github", "--level", "hint", "problems.kith"]));
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn human_format_of_zero_width_spans() {
    // File-wide lints name the file without underlining its first character; a missing
    // part gets a caret where it belongs.
    let source = b"person ada\n  met 2020-01-01\n  2026-03-14\n";
    let run = run_with_stdin(&mut check(&["--level", "hint", "-"]), source);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

// Exit codes.

#[test]
fn a_file_without_errors_exits_0() {
    let run = run(&mut check(&["clean.kith"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "no problems in 1 file (3 more diagnostics hidden: show them with --level hint)\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn errors_exit_1() {
    let run = run(&mut check(&["--format", "short", "network.kith"]));
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("network.kith:14:8: error[unknown-role]"), "{}", run.stdout);
}

#[test]
fn warnings_exit_1_only_under_strict() {
    // By 2027-12-01 everyone in clean.kith is overdue: warnings, no errors.
    let lenient = run(&mut check(&["--today", "2027-12-01", "--format", "json", "clean.kith"]));
    assert_eq!(lenient.code, 0);
    assert_eq!(json(&lenient)["summary"]["warnings"], 2);
    assert_eq!(json(&lenient)["summary"]["errors"], 0);
    let strict = run(&mut check(&["--today", "2027-12-01", "--strict", "clean.kith"]));
    assert_eq!(strict.code, 1);
    // What --level hides cannot fail the run: the output explains the exit code.
    let hidden = run(&mut check(&["--today", "2027-12-01", "--strict", "--level", "error", "clean.kith"]));
    assert_eq!(hidden.code, 0);
}

#[test]
fn usage_errors_exit_2() {
    for arguments in [&["check", "--format", "xml"][..], &["check", "--bogus"], &["frobnicate"], &["check", "--level"]]
    {
        let run = run(kith().args(arguments));
        assert_eq!(run.code, 2, "{arguments:?}");
        assert!(run.stderr.starts_with("error: "), "{arguments:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
    }
}

// Options.

#[test]
fn level_chooses_the_least_severe_shown() {
    let counts = |level: Option<&str>| {
        let mut arguments = vec!["--format", "json", "problems.kith"];
        if let Some(level) = level {
            arguments.extend(["--level", level]);
        }
        let summary = json(&run(&mut check(&arguments)))["summary"].clone();
        ["errors", "warnings", "infos", "hints"].map(|key| summary[key].as_u64().expect("a count"))
    };
    let all = counts(Some("hint"));
    assert!(all.iter().all(|&count| count > 0), "problems.kith has every severity: {all:?}");
    assert_eq!(counts(None), [all[0], all[1], 0, 0]);
    assert_eq!(counts(Some("warning")), [all[0], all[1], 0, 0]);
    assert_eq!(counts(Some("info")), [all[0], all[1], all[2], 0]);
    assert_eq!(counts(Some("error")), [all[0], 0, 0, 0]);
}

#[test]
fn today_comes_from_the_flag_then_kith_today() {
    let from_flag = run(&mut check(&["--format", "json", "clean.kith"]));
    assert_eq!(json(&from_flag)["today"], TODAY);

    let mut command = kith();
    command.args(["check", "--format", "json", "clean.kith"]).env("KITH_TODAY", "2027-12-01");
    let from_variable = run(&mut command);
    assert_eq!(json(&from_variable)["today"], "2027-12-01");
    assert_eq!(json(&from_variable)["summary"]["warnings"], 2, "the later today makes both stale");

    let mut command = kith();
    command.args(["check", "--today", TODAY, "--format", "json", "clean.kith"]).env("KITH_TODAY", "2027-12-01");
    let flag_wins = run(&mut command);
    assert_eq!(json(&flag_wins)["today"], TODAY);
    assert_eq!(json(&flag_wins)["summary"]["warnings"], 0);
}

#[test]
fn without_a_pinned_today_the_local_date_is_used() {
    let run = run(kith().args(["check", "--format", "json", "clean.kith"]));
    let today = json(&run)["today"].as_str().expect("today is a string").to_string();
    let shaped = today.len() == 10
        && today.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    assert!(shaped, "{today}");
}

#[test]
fn an_invalid_today_is_an_input_error_naming_the_value() {
    let flag = run(&mut check(&["--today", "2026-02-30", "clean.kith"]));
    assert_eq!(flag.code, 2);
    assert_eq!(flag.stdout, "");
    assert_one_error_line(&flag, &["--today", "2026-02-30", "February 2026 has 28 days"]);

    let mut command = kith();
    command.args(["check", "clean.kith"]).env("KITH_TODAY", "yesterday");
    let variable = run(&mut command);
    assert_eq!(variable.code, 2);
    assert_eq!(variable.stdout, "");
    assert_one_error_line(&variable, &["KITH_TODAY", "`yesterday`", "YYYY-MM-DD", "unset KITH_TODAY"]);
}

#[test]
fn colour_only_when_wanted() {
    let escape = "\u{1b}[";
    let piped = run(&mut check(&["network.kith"]));
    assert!(!piped.stdout.contains(escape), "piped output is plain");
    let forced = run(check(&["network.kith"]).env("CLICOLOR_FORCE", "1"));
    assert!(forced.stdout.contains(escape), "CLICOLOR_FORCE colours:\n{}", forced.stdout);
    let refused = run(check(&["network.kith"]).env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1"));
    assert!(!refused.stdout.contains(escape), "NO_COLOR wins:\n{}", refused.stdout);
    assert_eq!(refused.stdout, piped.stdout);
}

// Inputs.

#[test]
fn a_dash_reads_standard_input() {
    let input = fs::read(fixtures().join("network.kith")).expect("read the fixture");
    let from_stdin = run_with_stdin(&mut check(&["--format", "short", "-"]), &input);
    let from_file = run(&mut check(&["--format", "short", "network.kith"]));
    assert_eq!(from_stdin.code, 1);
    assert_eq!(from_stdin.stdout, from_file.stdout.replace("network.kith:", "<stdin>:"));
    assert!(from_stdin.stdout.starts_with("<stdin>:4:8: warning[stale]"), "{}", from_stdin.stdout);
}

#[test]
fn a_file_with_old_mac_line_endings_gets_one_clear_error() {
    let input = "person ada \"Ada\"\r  role mentr\r  met 2020-01-01\rperson bob \"Bob\"\r";
    let run = run_with_stdin(&mut check(&["--format", "short", "--level", "hint", "-"]), input.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "<stdin>:1:17: error[syntax] this line ends with a lone carriage return (`\\r`, the old Mac line ending), and kith reads only LF or CRLF line endings: convert the file, e.g. with `mac2unix` (nothing else in it is checked until then)\n"
    );
}

#[test]
fn standard_input_that_is_not_utf8_is_an_input_error() {
    let run = run_with_stdin(&mut check(&["-"]), b"person ada \"Ada \xff\"\n");
    assert_eq!(run.code, 2);
    assert_one_error_line(&run, &["<stdin>", "not UTF-8", "line 1"]);
}

#[test]
fn folders_yield_every_kith_file_below_in_order_honouring_gitignore() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root = folder.path();
    fs::create_dir_all(root.join("team/old")).expect("create folders");
    let bad = "person ada \"Ada\"\n  role mentr\n  met 2026-11-01\n";
    for file in ["zed.kith", "alpha.kith", "team/beta.kith", "team/old/gamma.kith", "notes.txt"] {
        fs::write(root.join(file), bad).expect("write a file");
    }
    // No git repository here: a plain .gitignore is still honoured.
    fs::write(root.join(".gitignore"), "old/\n").expect("write .gitignore");
    assert!(!root.join(".git").exists());

    let run_in_folder = run(kith().current_dir(root).args(["check", "--today", TODAY, "--format", "short"]));
    assert_eq!(run_in_folder.code, 1, "{}", run_in_folder.stderr);
    let files: Vec<&str> = run_in_folder.stdout.lines().map(|line| line.split(':').next().expect("a path")).collect();
    assert_eq!(files, ["alpha.kith", "team/beta.kith", "zed.kith"]);

    let run_on_folder = run(kith().current_dir(root).args(["check", "--today", TODAY, "--format", "short", "team"]));
    assert_eq!(run_on_folder.stdout.lines().count(), 1);
    assert!(run_on_folder.stdout.starts_with("team/beta.kith:2:8: error[unknown-role]"), "{}", run_on_folder.stdout);

    // A file named explicitly is checked even when ignored.
    let explicit =
        run(kith().current_dir(root).args(["check", "--today", TODAY, "--format", "short", "team/old/gamma.kith"]));
    assert!(explicit.stdout.starts_with("team/old/gamma.kith:2:8:"), "{}", explicit.stdout);
}

#[test]
fn a_missing_path_is_reported_and_the_rest_still_checked() {
    let run = run(&mut check(&["--format", "short", "missing.kith", "network.kith"]));
    assert_eq!(run.code, 2);
    assert_one_error_line(&run, &["`missing.kith`", "does not exist"]);
    assert!(run.stdout.contains("network.kith:14:8: error[unknown-role]"), "{}", run.stdout);
}

#[test]
fn a_folder_without_kith_files_is_an_input_error() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::write(folder.path().join("readme.txt"), "no network here").expect("write a file");
    let named = run(check(&["empty"]).current_dir(folder.path()).args(["."]));
    assert_eq!(named.code, 2);
    assert!(named.stderr.contains("`empty` does not exist"), "{}", named.stderr);
    assert!(named.stderr.contains("no .kith files in the current folder"), "{}", named.stderr);

    fs::create_dir(folder.path().join("empty")).expect("create a folder");
    let empty = run(check(&["empty"]).current_dir(folder.path()));
    assert_eq!(empty.code, 2);
    assert_one_error_line(&empty, &["no .kith files in `empty`", "pass a file or a folder"]);
    assert_eq!(empty.stdout, "", "nothing was checked, so there is no summary");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_the_rest_still_checked() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::write(folder.path().join("latin1.kith"), b"person ada \"Ada\"\n  note \"caf\xe9\"\n").expect("write a file");
    fs::copy(fixtures().join("network.kith"), folder.path().join("network.kith")).expect("copy a fixture");
    let run = run(check(&["--format", "json"]).current_dir(folder.path()));
    assert_eq!(run.code, 2);
    assert_one_error_line(&run, &["`latin1.kith`", "not UTF-8", "line 2", "save it as UTF-8"]);
    let paths: Vec<String> =
        json(&run)["files"].as_array().expect("files").iter().map(|file| file["path"].to_string()).collect();
    assert_eq!(paths, ["\"network.kith\""]);
}

#[test]
fn crlf_files_and_a_byte_order_mark_give_the_same_positions() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let lf = fs::read_to_string(fixtures().join("problems.kith")).expect("read the fixture");
    fs::write(folder.path().join("problems.kith"), format!("\u{feff}{}", lf.replace('\n', "\r\n")))
        .expect("write a file");
    let arguments = ["--format", "json", "--level", "hint", "problems.kith"];
    let crlf = run(check(&arguments).current_dir(folder.path()));
    let original = run(&mut check(&arguments));
    assert_eq!(crlf.stdout, original.stdout);
}

#[test]
fn columns_count_characters_not_bytes() {
    // `person linus "Linus 李纳斯" "extra"`: `"extra"` is the 26th character, byte 32.
    let run = run(&mut check(&["--format", "short", "problems.kith"]));
    assert!(run.stdout.contains("problems.kith:43:26: error[syntax] unexpected `\"extra\"`"), "{}", run.stdout);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let problems = fs::read_to_string(fixtures().join("problems.kith")).expect("read the fixture");
    fs::write(folder.path().join("big.kith"), problems.repeat(100)).expect("write a file");
    let mut child = check(&["--level", "hint", "big.kith"])
        .current_dir(folder.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kith binary starts");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("kith starts writing");
    drop(stdout); // like `kith check | head -c 16`
    let mut stderr = String::new();
    child.stderr.take().expect("stderr is piped").read_to_string(&mut stderr).expect("read stderr");
    let status = child.wait().expect("kith finishes");
    assert_eq!(stderr, "", "no panic, no complaint");
    assert_eq!(status.code(), Some(1), "the exit code still reports the errors");
}

// Help and version.

#[test]
fn help_and_version() {
    let help = run(kith().arg("--help"));
    assert_eq!(help.code, 0);
    let listed = |command: &str, summary: &str| {
        help.stdout.lines().any(|line| {
            let mut words = line.split_whitespace();
            words.next() == Some(command) && words.collect::<Vec<_>>().join(" ") == summary
        })
    };
    assert!(listed("check", "Check .kith files and report what needs attention"), "{}", help.stdout);
    assert!(listed("rules", "List every rule, or show one rule's documentation"), "{}", help.stdout);

    let check_help = run(kith().args(["check", "--help"]));
    assert_eq!(check_help.code, 0);
    for option in ["--today <YYYY-MM-DD>", "--format <FORMAT>", "--level <LEVEL>", "--strict", "KITH_TODAY"] {
        assert!(check_help.stdout.contains(option), "{option} missing from:\n{}", check_help.stdout);
    }

    let version = run(kith().arg("--version"));
    assert_eq!(version.code, 0);
    assert_eq!(version.stdout, format!("kith {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_subcommand_prints_help() {
    let run = run(&mut kith());
    assert_eq!(run.code, 2, "a bare `kith` is a usage error");
    assert!(run.stderr.contains("Usage: kith <COMMAND>"), "{}", run.stderr);
    assert!(run.stderr.contains("check"), "{}", run.stderr);
}
