//! Runs the tree-sitter CLI from `cargo test`: the corpus and highlight tests in `test/`,
//! and a check that the committed generated files match `grammar.js`.
//!
//! These tests need the `tree-sitter` CLI on PATH. Without it they fail, telling how to
//! install it, unless `KITH_SKIP_TREE_SITTER_CLI=1` is set: then they print a note and skip.

use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SKIP_VARIABLE: &str = "KITH_SKIP_TREE_SITTER_CLI";
const CLI: &str = "tree-sitter";

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A command for the tree-sitter CLI, or `None` (after printing why) when the CLI is
/// missing and the skip variable is set. Panics when the CLI is missing otherwise.
fn tree_sitter(test: &str) -> Option<Command> {
    let problem = match Command::new(CLI).arg("--version").output() {
        Ok(output) if output.status.success() => return Some(command()),
        Ok(output) => format!("`{CLI} --version` failed: {}", String::from_utf8_lossy(&output.stderr).trim()),
        Err(error) => format!("cannot run `{CLI}`: {error}"),
    };
    if env::var(SKIP_VARIABLE).is_ok_and(|value| value == "1") {
        // Straight to the standard error stream, past the test harness's capture, so the
        // skip shows in a normal `cargo test` run. A failed write only loses the note.
        let _ = writeln!(io::stderr(), "note: skipping {test}: {problem} ({SKIP_VARIABLE}=1 is set)");
        return None;
    }
    panic!(
        "cannot run {test}: {problem}.\n\
         Install the tree-sitter CLI with `cargo install tree-sitter-cli --locked`, \
         or set {SKIP_VARIABLE}=1 to skip the tests that need it."
    );
}

fn command() -> Command {
    let mut command = Command::new(CLI);
    command.current_dir(crate_dir()).env("NO_COLOR", "1");
    command
}

fn run(mut command: Command) -> Output {
    let output = command.output().unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed with {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The file stems of the corpus files in `test/corpus`.
fn corpus_groups() -> Vec<String> {
    let dir = crate_dir().join("test").join("corpus");
    let mut stems: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|error| panic!("cannot read an entry of {}: {error}", dir.display())).path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .map(|path| path.file_stem().expect("a listed file has a name").to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

#[test]
fn the_corpus_and_highlight_tests_pass() {
    let Some(mut command) = tree_sitter("the corpus tests") else { return };
    command.arg("test");
    let groups = corpus_groups();
    assert!(!groups.is_empty(), "test/corpus holds no corpus files");
    let output = run(command);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for group in &groups {
        assert!(
            stdout.contains(&format!("{group}:")),
            "`tree-sitter test` did not run test/corpus/{group}.txt:\n{stdout}"
        );
    }
    assert!(stdout.contains("network.kith"), "`tree-sitter test` did not run test/highlight/network.kith:\n{stdout}");
}

#[test]
fn the_committed_grammar_files_match_grammar_js() {
    let Some(mut command) = tree_sitter("the generated-files check") else { return };
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tree-sitter-kith-generate");
    if out_dir.exists() {
        fs::remove_dir_all(&out_dir).unwrap_or_else(|error| panic!("cannot clear {}: {error}", out_dir.display()));
    }
    command.args(["generate", "--js-runtime", "native", "--output"]).arg(&out_dir).arg("grammar.js");
    run(command);
    // parser.c also depends on the CLI's version, so only the version-independent files
    // are compared; both change whenever grammar.js does.
    for file in ["grammar.json", "node-types.json"] {
        let read = |path: PathBuf| {
            fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
        };
        let generated = read(out_dir.join(file));
        let committed = read(crate_dir().join("src").join(file));
        assert!(
            generated == committed,
            "src/{file} is out of date with grammar.js: run `tree-sitter generate --js-runtime native` in {}",
            crate_dir().display()
        );
    }
}
