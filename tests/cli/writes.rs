//! End-to-end tests of what kith promises about the files it writes (docs/reliability.md):
//! concurrent commands lose nothing, links stay links, read-only files are refused, a full
//! disk leaves the file whole and is not counted as a write. (An interrupted write is
//! tested in cli_fmt.rs: `kith fmt` killed at random moments.)

use crate::support::cli::{fixtures_of, kith_in, pinned_subcommand_in, run, Run};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// How many times the concurrent tests start their writers at once.
const TRIALS: usize = 12;
/// How many writers each trial starts.
const WRITERS: usize = 10;

const NETWORK: &str = "person ada \"Ada Lovelace\"\n  role mentor\n  met 2019-04-02 \"PyCon\"\n\nperson grace \"Grace Hopper\"\n  met 2020-01-01\n";

fn folder_with(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join(name);
    fs::write(&path, text).expect("write the network");
    (folder, path)
}

fn spawn(command: &mut Command) -> Child {
    command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("kith starts")
}

fn finish(child: Child) -> Run {
    let output = child.wait_with_output().expect("kith finishes");
    Run {
        code: output.status.code().expect("kith exits by itself"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

fn log_command(folder: &Path, file: &str, note: &str) -> Command {
    pinned_subcommand_in(folder, "log", &["ada", "coffee", note, "--file", file])
}

fn fmt_command(folder: &Path, file: &str) -> Command {
    let mut command = kith_in(folder);
    command.args(["fmt", file]);
    command
}

/// The notes of the `coffee` lines in `text`.
fn logged_notes(text: &str) -> Vec<String> {
    let mut notes: Vec<String> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("2026-11-25 coffee \""))
        .map(|rest| rest.trim_end_matches('"').to_string())
        .collect();
    notes.sort();
    notes
}

fn expected_notes(count: usize) -> Vec<String> {
    let mut notes: Vec<String> = (0..count).map(|writer| format!("w{writer}")).collect();
    notes.sort();
    notes
}

#[test]
fn ten_concurrent_logs_lose_no_line() {
    for trial in 0..TRIALS {
        let (folder, path) = folder_with("net.kith", NETWORK);
        let writers: Vec<Child> = (0..WRITERS)
            .map(|writer| spawn(&mut log_command(folder.path(), "net.kith", &format!("w{writer}"))))
            .collect();
        for run in writers.into_iter().map(finish) {
            assert_eq!(run.code, 0, "trial {trial}: {}", run.stderr);
            assert!(run.stdout.starts_with("logged coffee with Ada Lovelace"), "{}", run.stdout);
        }
        let text = fs::read_to_string(&path).expect("readable");
        assert_eq!(logged_notes(&text), expected_notes(WRITERS), "trial {trial}:\n{text}");
        assert_eq!(fs::read_dir(folder.path()).expect("listable").count(), 1, "no temporary file is left");
    }
}

#[test]
fn logs_running_beside_fmt_lose_no_line_and_fmt_loses_no_format() {
    let unformatted = "person ada   \"Ada Lovelace\"\n    role mentor\n    met 2019-04-02 \"PyCon\"\nperson grace \"Grace Hopper\"\n   met 2020-01-01\n";
    for trial in 0..TRIALS {
        let (folder, path) = folder_with("net.kith", unformatted);
        let mut children = Vec::new();
        for writer in 0..WRITERS {
            children.push(spawn(&mut log_command(folder.path(), "net.kith", &format!("w{writer}"))));
            if writer % 3 == 0 {
                children.push(spawn(&mut fmt_command(folder.path(), "net.kith")));
            }
        }
        for run in children.into_iter().map(finish) {
            assert_eq!(run.code, 0, "trial {trial}: {}", run.stderr);
        }
        let text = fs::read_to_string(&path).expect("readable");
        assert_eq!(logged_notes(&text), expected_notes(WRITERS), "trial {trial}:\n{text}");
        assert!(
            text.starts_with("person ada \"Ada Lovelace\"\n  role mentor\n"),
            "trial {trial}: a format was lost:\n{text}"
        );
    }
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    fn is_link(path: &Path) -> bool {
        fs::symlink_metadata(path).expect("exists").file_type().is_symlink()
    }

    /// A folder with `real/real.kith` holding `text` and `link.kith` linking to it.
    fn linked(text: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let folder = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(folder.path().join("real")).expect("a folder");
        let real = folder.path().join("real/real.kith");
        fs::write(&real, text).expect("write");
        let link = folder.path().join("link.kith");
        symlink("real/real.kith", &link).expect("a link");
        (folder, real, link)
    }

    #[test]
    fn fmt_log_and_import_write_through_a_link_and_keep_it() {
        let (folder, real, link) = linked("person ada   \"Ada Lovelace\"\n   met 2019-04-02\n");
        let formatted = run(&mut fmt_command(folder.path(), "link.kith"));
        assert_eq!(formatted.code, 0, "{}", formatted.stderr);
        assert!(is_link(&link));
        assert_eq!(fs::read_to_string(&real).expect("readable"), "person ada \"Ada Lovelace\"\n  met 2019-04-02\n");

        let logged = run(&mut log_command(folder.path(), "link.kith", "through the link"));
        assert_eq!(logged.code, 0, "{}", logged.stderr);
        assert!(is_link(&link));
        assert!(fs::read_to_string(&real).expect("readable").contains("coffee \"through the link\""));

        let export = fixtures_of("import").join("Connections.csv");
        let imported = run(&mut pinned_subcommand_in(
            folder.path(),
            "import",
            &["linkedin", export.to_str().expect("UTF-8 path"), "--into", "link.kith"],
        ));
        assert_eq!(imported.code, 1, "the fixture has malformed rows: {}", imported.stderr);
        assert!(is_link(&link));
        assert!(fs::read_to_string(&real).expect("readable").contains("Connected on LinkedIn"));
        assert_eq!(fs::read_dir(folder.path().join("real")).expect("listable").count(), 1, "no temporary file");
    }

    #[test]
    fn report_and_export_write_through_a_link_and_keep_it() {
        let (folder, _real, _link) = linked(NETWORK);
        symlink("real/report.html", folder.path().join("report.html")).expect("a link to no file yet");
        let report = run(&mut pinned_subcommand_in(folder.path(), "report", &["link.kith", "-o", "report.html"]));
        assert_eq!(report.code, 0, "{}", report.stderr);
        assert!(is_link(&folder.path().join("report.html")));
        assert!(fs::read_to_string(folder.path().join("real/report.html")).expect("written").contains("<html"));

        symlink("real/people.vcf", folder.path().join("people.vcf")).expect("a link");
        let export =
            run(&mut pinned_subcommand_in(folder.path(), "export", &["vcard", "link.kith", "-o", "people.vcf"]));
        assert_eq!(export.code, 0, "{}", export.stderr);
        assert!(is_link(&folder.path().join("people.vcf")));
        assert!(fs::read_to_string(folder.path().join("real/people.vcf")).expect("written").contains("BEGIN:VCARD"));
    }

    #[test]
    fn check_finds_linked_files_in_a_folder() {
        let (folder, _real, _link) = linked("person ada \"Ada\"\n  role mentr\n");
        let checked = run(&mut pinned_subcommand_in(folder.path(), "check", &["--format", "short", "."]));
        assert!(checked.stdout.contains("link.kith:2:8: error[unknown-role]"), "{}", checked.stdout);
    }
}

#[cfg(unix)]
mod read_only {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn read_only_folder_with(text: &str) -> (tempfile::TempDir, PathBuf) {
        let (folder, path) = folder_with("net.kith", text);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
        (folder, path)
    }

    fn assert_refused(run: &Run, path: &Path, before: &str) {
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("error: cannot write `net.kith`: it is read-only"), "{}", run.stderr);
        assert!(run.stderr.contains("chmod u+w"), "{}", run.stderr);
        assert_eq!(fs::read_to_string(path).expect("readable"), before);
        assert_eq!(fs::metadata(path).expect("exists").permissions().mode() & 0o777, 0o444);
    }

    #[test]
    fn fmt_log_and_import_refuse_a_read_only_file() {
        let unformatted = "person ada   \"Ada Lovelace\"\n   met 2019-04-02\n";
        let (folder, path) = read_only_folder_with(unformatted);
        let formatted = run(&mut fmt_command(folder.path(), "net.kith"));
        assert_refused(&formatted, &path, unformatted);
        assert!(formatted.stderr.ends_with("1 file not written\n"), "{}", formatted.stderr);

        let logged = run(&mut log_command(folder.path(), "net.kith", "x"));
        assert_refused(&logged, &path, unformatted);
        assert_eq!(logged.stdout, "", "nothing is said to be logged");

        let export = fixtures_of("import").join("contacts.vcf");
        let imported = run(&mut pinned_subcommand_in(
            folder.path(),
            "import",
            &["vcard", export.to_str().expect("UTF-8 path"), "--into", "net.kith"],
        ));
        assert_refused(&imported, &path, unformatted);
    }

    #[test]
    fn a_read_only_file_that_needs_no_change_is_fine() {
        let (folder, path) = read_only_folder_with(NETWORK);
        let formatted = run(&mut fmt_command(folder.path(), "net.kith"));
        assert_eq!(formatted.code, 0, "{}", formatted.stderr);
        assert_eq!(fs::read_to_string(path).expect("readable"), NETWORK);
    }

    #[test]
    fn a_read_only_folder_is_an_error_and_not_counted_as_a_write() {
        let unformatted = "person ada   \"Ada Lovelace\"\n";
        let (folder, path) = folder_with("net.kith", unformatted);
        fs::set_permissions(folder.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
        // Root may write anywhere: the folder's mode then stops nobody.
        let writable_anyway = fs::write(folder.path().join("probe"), "").is_ok();
        let formatted = run(&mut fmt_command(folder.path(), "net.kith"));
        fs::set_permissions(folder.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
        if writable_anyway {
            eprintln!("skipped: this user may write into a read-only folder (root)");
            return;
        }
        assert_eq!(formatted.code, 2, "{}", formatted.stderr);
        assert!(formatted.stderr.contains("cannot write `net.kith`: permission denied"), "{}", formatted.stderr);
        assert!(!formatted.stderr.contains("reformatted"), "{}", formatted.stderr);
        assert_eq!(fs::read_to_string(path).expect("readable"), unformatted);
    }
}

/// A disk that is full: a tmpfs of a few kilobytes, where the test may mount one (root on
/// Linux); elsewhere the test says it is skipped.
#[cfg(target_os = "linux")]
mod full_disk {
    use super::*;

    struct Tmpfs {
        folder: tempfile::TempDir,
    }

    impl Tmpfs {
        fn mount(kilobytes: usize) -> Option<Tmpfs> {
            let folder = tempfile::tempdir().ok()?;
            let mounted = Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={kilobytes}k"), "tmpfs"])
                .arg(folder.path())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success());
            mounted.then_some(Tmpfs { folder })
        }

        fn path(&self) -> &Path {
            self.folder.path()
        }
    }

    impl Drop for Tmpfs {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.folder.path()).status();
        }
    }

    #[test]
    fn a_full_disk_leaves_the_file_whole_and_says_so() {
        let Some(disk) = Tmpfs::mount(64) else {
            eprintln!("skipped: cannot mount a tmpfs here (needs root on Linux)");
            return;
        };
        // An unformatted network of about 40 KB: its formatted copy does not fit beside it.
        let mut unformatted = String::new();
        for person in 0..600 {
            unformatted.push_str(&format!("person p{person}   \"Person {person}\"\n   met 2020-01-01\n"));
        }
        let path = disk.path().join("net.kith");
        fs::write(&path, &unformatted).expect("the network fits");
        let filler = disk.path().join("filler");
        let free = 64 * 1024 - unformatted.len() - 8 * 1024;
        let _ = fs::write(&filler, vec![b'x'; free]);

        let formatted = run(&mut fmt_command(disk.path(), "net.kith"));
        assert_eq!(formatted.code, 2, "{}", formatted.stderr);
        assert!(formatted.stderr.contains("cannot write `net.kith`: "), "{}", formatted.stderr);
        assert!(formatted.stderr.contains("it is unchanged"), "{}", formatted.stderr);
        assert!(formatted.stderr.ends_with("1 file not written\n"), "{}", formatted.stderr);
        assert_eq!(fs::read_to_string(&path).expect("readable"), unformatted);

        let note = "x".repeat(12_000);
        let logged = run(&mut pinned_subcommand_in(disk.path(), "log", &["p1", "coffee", &note, "--file", "net.kith"]));
        assert_eq!(logged.code, 2, "{}", logged.stderr);
        assert_eq!(logged.stdout, "");
        assert_eq!(fs::read_to_string(&path).expect("readable"), unformatted);
        let names: Vec<_> =
            fs::read_dir(disk.path()).expect("listable").map(|entry| entry.expect("entry").file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }
}
