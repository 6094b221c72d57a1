//! End-to-end tests of `kith choose` as a user meets it: the real binary in a real
//! terminal (a tmux pane of 80×24), keys sent, the screen and the file read back. And of
//! `kith suggest`, `kith promote` and `kith demote`, which `choose` is built on.

use crate::support::cli::{pinned_subcommand_in, run, TODAY};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long the screen may take to show what a test waits for.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(20);

/// A small network: two key people, and a wider network with and without evidence.
const NETWORK: &str = "set key-people 3

person ada \"Ada Lovelace\"
  role mentor
  met 2019-04-02 \"PyCon\"
  knows @maya
  2026-11-01 coffee

person grace \"Grace Hopper\"
  role sponsor
  met 2020-01-01
  2026-10-01 call

person maya \"Maya Chen\"
  met 2019-06-01 \"Hackathon\"
  2026-03-01 coffee \"Her startup idea\"
  2026-09-14 call \"Feedback on my talk\"
  2026-11-01 coffee \"Board prep\"
  2026-11-10 helped \"Intro to a lawyer\"

person raj \"Raj Patel\"
  met 2024-02-01
  2026-06-01 email \"they wrote: hello\"

person zoe \"Zoe Quiet\"
";

fn folder_with_network() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    fs::write(folder.path().join("network.kith"), NETWORK).expect("write the network");
    folder
}

/// A tmux server of its own (its socket in the test's folder) running one pane.
struct Pane {
    socket: std::path::PathBuf,
}

impl Pane {
    /// Starts `command` in an 80×24 pane in `folder`, or `None` when tmux is missing (which
    /// fails the test under CI).
    fn start(folder: &Path, command: &str) -> Option<Pane> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is missing: CI must install it");
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let pane = Pane { socket: folder.join("tmux.socket") };
        let status = pane
            .tmux()
            .args(["new-session", "-d", "-x", "80", "-y", "24", "-c"])
            .arg(folder)
            .arg(command)
            .status()
            .expect("tmux starts");
        assert!(status.success(), "tmux new-session failed");
        pane.tmux().args(["set-option", "-g", "remain-on-exit", "on"]).status().expect("tmux runs");
        Some(pane)
    }

    fn tmux(&self) -> Command {
        let mut command = Command::new("tmux");
        command.arg("-S").arg(&self.socket);
        command
    }

    /// The screen as text; with `escapes`, with the terminal's colour codes.
    fn screen(&self, escapes: bool) -> String {
        let mut command = self.tmux();
        command.args(["capture-pane", "-p"]);
        if escapes {
            command.arg("-e");
        }
        String::from_utf8(command.output().expect("tmux captures").stdout).expect("UTF-8")
    }

    /// The screen and the lines scrolled off it.
    fn history(&self) -> String {
        let output = self.tmux().args(["capture-pane", "-p", "-S", "-"]).output().expect("tmux captures");
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// Waits until the screen holds `text`, and returns it.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen(false);
            if screen.contains(text) {
                return screen;
            }
            assert!(started.elapsed() < SCREEN_TIMEOUT, "the screen never showed {text:?}:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = self.tmux().args(["send-keys"]).args(keys).status().expect("tmux sends keys");
        assert!(status.success());
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

fn choose_command(extra_env: &str) -> String {
    format!("env {extra_env} KITH_TODAY={TODAY} {} choose --file network.kith", env!("CARGO_BIN_EXE_kith"))
}

#[test]
fn choosing_in_the_terminal_writes_each_choice_at_once() {
    let folder = folder_with_network();
    let Some(pane) = Pane::start(folder.path(), &choose_command("")) else { return };
    let screen = pane.wait_for("Candidate 1 of 2: Maya Chen (maya)");
    assert!(screen.contains("key people 2 of 3"), "{screen}");
    assert!(screen.contains("Still empty: pit-crew, accelerators"), "{screen}");
    assert!(screen.contains("knows 1 of your key people (Ada Lovelace)"), "{screen}");
    assert!(screen.contains("f truth-teller"), "{screen}");
    assert!(screen.lines().count() <= 24 && screen.lines().all(|line| line.chars().count() <= 80), "fits 80×24");

    // Mark truth-teller and challenger, unmark challenger, give the rest.
    pane.keys(&["f", "i", "i"]);
    pane.wait_for("f truth-teller*");
    pane.keys(&["Enter"]);
    let screen = pane.wait_for("Maya Chen is now your truth-teller");
    assert!(screen.contains("Candidate 2 of 2: Raj Patel (raj)"), "{screen}");
    assert!(screen.contains("key people 3 of 3"), "{screen}");
    let text = fs::read_to_string(folder.path().join("network.kith")).expect("readable");
    assert_eq!(
        text,
        NETWORK.replace("person maya \"Maya Chen\"\n", "person maya \"Maya Chen\"\n  role truth-teller\n")
    );

    // Back to Maya, then skip past everyone to the end and quit.
    pane.keys(&["p"]);
    let screen = pane.wait_for("Candidate 1 of 2: Maya Chen");
    assert!(screen.contains("now your truth-teller"), "{screen}");
    pane.keys(&["n", "n"]);
    pane.wait_for("No more candidates.");
    pane.keys(&["q"]);
    pane.wait_for("3 key people of 3 in network.kith");
    // What the session printed after its screen, scrollback included.
    let printed = pane.history();
    assert!(printed.contains("Maya Chen is now your truth-teller\n3 key people of 3 in network.kith\n"), "{printed}");
}

#[test]
fn the_screen_has_no_colour_under_no_color() {
    let folder = folder_with_network();
    let Some(pane) = Pane::start(folder.path(), &choose_command("NO_COLOR=1")) else { return };
    pane.wait_for("Candidate 1 of 2");
    let screen = pane.screen(true);
    assert!(!screen.contains("\u{1b}[3"), "a colour code under NO_COLOR:\n{screen:?}");
    pane.keys(&["q"]);

    let coloured = folder_with_network();
    let Some(pane) = Pane::start(coloured.path(), &choose_command("")) else { return };
    pane.wait_for("Candidate 1 of 2");
    assert!(pane.screen(true).contains("\u{1b}["), "colour on a terminal otherwise");
}

#[test]
fn an_interrupted_session_keeps_what_was_chosen_and_nothing_else() {
    let folder = folder_with_network();
    let Some(pane) = Pane::start(folder.path(), &choose_command("")) else { return };
    pane.wait_for("Candidate 1 of 2");
    pane.keys(&["k", "Enter"]);
    pane.wait_for("Maya Chen is now your collaborator");
    pane.keys(&["d"]);
    pane.wait_for("d nurturer*");
    pane.keys(&["C-c"]);
    pane.wait_for("key people of 3");
    let text = fs::read_to_string(folder.path().join("network.kith")).expect("readable");
    assert_eq!(
        text,
        NETWORK.replace("person maya \"Maya Chen\"\n", "person maya \"Maya Chen\"\n  role collaborator\n")
    );
}

#[test]
fn without_a_terminal_choose_points_at_suggest_and_promote() {
    let folder = folder_with_network();
    let result = run(&mut pinned_subcommand_in(folder.path(), "choose", &["--file", "network.kith"]));
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("needs a terminal") && result.stderr.contains("`kith suggest`"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("`kith promote ID ROLE`"), "{}", result.stderr);
    assert_eq!(fs::read_to_string(folder.path().join("network.kith")).expect("readable"), NETWORK);
}

#[test]
fn suggest_starts_with_what_the_network_needs_and_ranks_by_evidence() {
    let folder = folder_with_network();
    let result = run(&mut pinned_subcommand_in(folder.path(), "suggest", &[]));
    assert_eq!(result.code, 0, "{}", result.stderr);
    insta::assert_snapshot!("suggest_human", result.stdout);
    let json = run(&mut pinned_subcommand_in(folder.path(), "suggest", &["--format", "json", "--limit", "1"]));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["today"], TODAY);
    assert_eq!(value["candidates"].as_array().map(Vec::len), Some(1));
    assert_eq!(value["candidates"][0]["id"], "maya");
    assert_eq!(value["gaps"]["key_people"], 2);
    assert_eq!(value["gaps"]["empty_pillars"][0]["pillar"], "pit-crew");
    assert_eq!(value["without_evidence"], 1);
    let for_role = run(&mut pinned_subcommand_in(folder.path(), "suggest", &["--role", "challenger", "--limit", "1"]));
    assert!(for_role.stdout.contains("→ kith promote maya challenger"), "{}", for_role.stdout);
    let typo = run(&mut pinned_subcommand_in(folder.path(), "suggest", &["--pillar", "pitcrew"]));
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean `pit-crew`?"), "{}", typo.stderr);
}

#[test]
fn promote_and_demote_change_one_line_and_refuse_what_they_cannot_do() {
    let folder = folder_with_network();
    let file = folder.path().join("network.kith");
    let promoted = run(&mut pinned_subcommand_in(folder.path(), "promote", &["@maya", "nurturer,butt-kicker"]));
    assert_eq!(promoted.code, 0, "{}", promoted.stderr);
    assert_eq!(promoted.stdout, "Maya Chen is now your nurturer and butt-kicker (network.kith)\n");
    assert_eq!(
        fs::read_to_string(&file).expect("readable"),
        NETWORK.replace("person maya \"Maya Chen\"\n", "person maya \"Maya Chen\"\n  role nurturer, butt-kicker\n")
    );
    let over = run(&mut pinned_subcommand_in(folder.path(), "promote", &["raj", "expert"]));
    assert_eq!(over.code, 0);
    assert!(over.stderr.contains("you now have 4 key people, more than `key-people` (3)"), "{}", over.stderr);
    let demoted = run(&mut pinned_subcommand_in(folder.path(), "demote", &["raj"]));
    assert_eq!(demoted.stdout, "Raj Patel is back in your wider network (was your expert; network.kith)\n");
    let back = run(&mut pinned_subcommand_in(folder.path(), "demote", &["maya"]));
    assert_eq!(back.code, 0);
    assert_eq!(fs::read_to_string(&file).expect("readable"), NETWORK, "promote then demote gives the file back");

    for (arguments, message) in [
        (&["mya", "mentor"][..], "no person `mya` in `network.kith`: did you mean `maya`?"),
        (&["maya", "mentr"][..], "`mentr` is not a role in `network.kith`: did you mean `mentor`?"),
        (&["maya", "Mentor"][..], "did you mean `mentor`?"),
    ] {
        let refused = run(&mut pinned_subcommand_in(folder.path(), "promote", arguments));
        assert_eq!(refused.code, 2, "{arguments:?}");
        assert!(refused.stderr.contains(message), "{}", refused.stderr);
        assert_eq!(fs::read_to_string(&file).expect("readable"), NETWORK, "nothing written");
    }
}

#[cfg(unix)]
#[test]
fn promote_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let folder = folder_with_network();
    let file = folder.path().join("network.kith");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).expect("chmod");
    let refused = run(&mut pinned_subcommand_in(folder.path(), "promote", &["maya", "mentor"]));
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("it is read-only"), "{}", refused.stderr);
    assert_eq!(refused.stdout, "");
    assert_eq!(fs::read_to_string(&file).expect("readable"), NETWORK);
}
