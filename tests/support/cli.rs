//! Runs the real `kith` binary for the end-to-end CLI tests: a command that nothing from the
//! test's own environment leaks into, its result as text, and the checks every command's
//! tests share.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The day every CLI test runs on unless it says otherwise.
pub(crate) const TODAY: &str = "2026-11-25";

/// The root package's folder: where `examples/` and `tests/` are.
pub(crate) fn package_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// tests/fixtures, where `kith check`'s fixtures are.
pub(crate) fn fixtures() -> PathBuf {
    package_root().join("tests/fixtures")
}

/// The folder of fixtures for one `command`: tests/fixtures/COMMAND.
pub(crate) fn fixtures_of(command: &str) -> PathBuf {
    fixtures().join(command)
}

/// `kith` run in `folder` with no input, and with no colour or today from the test's own
/// environment leaking in; the test adds the arguments.
pub(crate) fn kith_in(folder: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kith"));
    command.current_dir(folder).stdin(Stdio::null());
    for variable in ["KITH_TODAY", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        command.env_remove(variable);
    }
    command
}

/// `kith SUBCOMMAND --today 2026-11-25 ARGUMENTS…` run in `folder` as [`kith_in`] runs it:
/// today is pinned, and a `--today` among `arguments` overrides it.
pub(crate) fn pinned_subcommand_in(folder: &Path, subcommand: &str, arguments: &[&str]) -> Command {
    let mut command = kith_in(folder);
    command.args([subcommand, "--today", TODAY]).args(arguments);
    command
}

/// How a run of `kith` ended: its exit code and what it printed.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(output: Output) -> Run {
        Run {
            code: output.status.code().expect("kith exits by itself, not by a signal"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// Runs `command` to its end.
pub(crate) fn run(command: &mut Command) -> Run {
    Run::from_output(command.output().expect("the kith binary runs"))
}

/// Runs `command` to its end with `input` on its standard input. kith may exit without
/// reading it (a refused `--fix -`): the pipe then breaks, which is not a failure.
pub(crate) fn run_with_stdin(command: &mut Command, input: &[u8]) -> Run {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kith binary starts");
    let written = child.stdin.take().expect("stdin is piped").write_all(input);
    if let Err(error) = written {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "writing kith's stdin: {error}");
    }
    Run::from_output(child.wait_with_output().expect("kith finishes"))
}

/// A path as the text kith prints for it.
pub(crate) fn path_text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A new temporary folder holding a copy of `network` as `network.kith`, and that file.
pub(crate) fn folder_with_network(network: &Path) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("network.kith");
    std::fs::copy(network, &target).expect("copy the network");
    (folder, target)
}

/// A run's stderr with the path of `target` written as `network.kith`, for comparisons
/// that do not depend on the temporary folder.
pub(crate) fn stderr_naming_network(run: &Run, target: &Path) -> String {
    run.stderr.replace(path_text(target), "network.kith")
}

/// The one JSON object a `--format json` run printed.
pub(crate) fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("--format json prints one JSON object")
}

/// Asserts stderr is exactly one `error: …` line containing each of `parts`.
#[track_caller]
pub(crate) fn assert_one_error_line(run: &Run, parts: &[&str]) {
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got:\n{}", run.stderr);
    assert!(lines[0].starts_with("error: "), "{}", lines[0]);
    for part in parts {
        assert!(lines[0].contains(part), "`{part}` missing from: {}", lines[0]);
    }
}

/// What `kith check --format short --level hint` prints for the file at `path`: one
/// finding a line.
pub(crate) fn short_findings(path: &Path) -> String {
    let folder = path.parent().expect("a file is inside a folder");
    run(kith_in(folder).args(["check", "--format", "short", "--level", "hint", "--today", TODAY]).arg(path)).stdout
}
