//! End-to-end tests of `kith fmt`: the real binary on copies of tests/fixtures/fmt in a
//! temporary folder — rewriting in place only what changes, `--check` and `--diff` for
//! hooks, standard input, syntax errors, line endings, and a run killed while it writes.

use crate::support::cli::{fixtures_of, kith_in, run, run_with_stdin};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn fixture(name: &str) -> String {
    let path = fixtures_of("fmt").join(name);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A temporary folder holding the named fixtures (and the files given as text).
fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        let path = folder.path().join(name);
        fs::create_dir_all(path.parent().expect("inside the folder")).expect("create the parent folder");
        fs::write(path, text).expect("write a test file");
    }
    folder
}

/// `kith fmt` followed by `arguments`, run in `folder`.
fn fmt(folder: &Path, arguments: &[&str]) -> Command {
    let mut command = kith_in(folder);
    command.arg("fmt").args(arguments);
    command
}

fn read(folder: &Path, name: &str) -> String {
    fs::read_to_string(folder.join(name)).expect("the file is still there")
}

/// The names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("listable")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_messy_file_is_rewritten_in_place_in_the_canonical_format() {
    let folder = folder_with(&[("messy.kith", &fixture("messy.kith"))]);
    let first = run(&mut fmt(folder.path(), &["messy.kith"]));
    assert_eq!((first.code, first.stdout.as_str(), first.stderr.as_str()), (0, "", "1 file reformatted\n"));
    let formatted = read(folder.path(), "messy.kith");
    insta::assert_snapshot!("messy_file_formatted", formatted);
    assert_eq!(names(folder.path()), ["messy.kith"], "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn a_formatted_file_is_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let folder = folder_with(&[("tidy.kith", &fixture("tidy.kith"))]);
    let before = fs::metadata(folder.path().join("tidy.kith")).expect("metadata");
    let again = run(&mut fmt(folder.path(), &["tidy.kith"]));
    assert_eq!((again.code, again.stdout.as_str(), again.stderr.as_str()), (0, "", "1 file unchanged\n"));
    let after = fs::metadata(folder.path().join("tidy.kith")).expect("metadata");
    // A rewrite renames a new file over the old one: a new inode.
    assert_eq!(after.ino(), before.ino());
    assert_eq!(read(folder.path(), "tidy.kith"), fixture("tidy.kith"));
}

#[test]
fn formatting_twice_changes_nothing_the_second_time() {
    let folder = folder_with(&[("messy.kith", &fixture("messy.kith"))]);
    assert_eq!(run(&mut fmt(folder.path(), &["messy.kith"])).code, 0);
    let once = read(folder.path(), "messy.kith");
    let second = run(&mut fmt(folder.path(), &["--check", "messy.kith"]));
    assert_eq!((second.code, second.stdout.as_str()), (0, ""));
    assert_eq!(read(folder.path(), "messy.kith"), once);
}

#[test]
fn check_lists_the_files_that_would_change_writes_nothing_and_exits_1() {
    let messy = fixture("messy.kith");
    let folder =
        folder_with(&[("messy.kith", &messy), ("tidy.kith", &fixture("tidy.kith")), ("sub/other.kith", &messy)]);
    // As the pre-commit hook runs it: a list of files.
    let check = run(&mut fmt(folder.path(), &["--check", "messy.kith", "tidy.kith", "sub/other.kith"]));
    assert_eq!(check.code, 1);
    insta::assert_snapshot!("check_lists_files", format!("stdout:\n{}stderr:\n{}", check.stdout, check.stderr));
    assert_eq!(read(folder.path(), "messy.kith"), messy);
    assert_eq!(read(&folder.path().join("sub"), "other.kith"), messy);

    let clean = run(&mut fmt(folder.path(), &["--check", "tidy.kith"]));
    assert_eq!((clean.code, clean.stdout.as_str(), clean.stderr.as_str()), (0, "", "1 file already formatted\n"));
}

#[test]
fn diff_shows_the_changes_writes_nothing_and_exits_1() {
    let messy = fixture("messy.kith");
    let folder = folder_with(&[("messy.kith", &messy), ("tidy.kith", &fixture("tidy.kith"))]);
    let diff = run(&mut fmt(folder.path(), &["--diff", "messy.kith", "tidy.kith"]));
    assert_eq!(diff.code, 1);
    assert_eq!(diff.stderr, "1 file would be reformatted, 1 already formatted\n");
    insta::assert_snapshot!("diff_of_the_messy_file", diff.stdout);
    assert_eq!(read(folder.path(), "messy.kith"), messy);
}

#[test]
fn folders_are_searched_for_kith_files_honouring_gitignore() {
    let messy = fixture("messy.kith");
    let folder = folder_with(&[
        ("a.kith", &messy),
        ("deep/b.kith", &messy),
        ("ignored.kith", &messy),
        ("notes.txt", "not kith   \n"),
        (".gitignore", "ignored.kith\n"),
    ]);
    let all = run(&mut fmt(folder.path(), &[]));
    assert_eq!((all.code, all.stderr.as_str()), (0, "2 files reformatted\n"));
    let formatted = read(folder.path(), "a.kith");
    assert_ne!(formatted, messy);
    assert_eq!(read(&folder.path().join("deep"), "b.kith"), formatted);
    assert_eq!(read(folder.path(), "ignored.kith"), messy);
    assert_eq!(read(folder.path(), "notes.txt"), "not kith   \n");
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let folder = folder_with(&[("messy.kith", &fixture("messy.kith"))]);
    assert_eq!(run(&mut fmt(folder.path(), &["messy.kith"])).code, 0);
    let expected = read(folder.path(), "messy.kith");
    let piped = run_with_stdin(&mut fmt(folder.path(), &["-"]), fixture("messy.kith").as_bytes());
    assert_eq!((piped.code, piped.stdout.as_str(), piped.stderr.as_str()), (0, expected.as_str(), ""));

    let check = run_with_stdin(&mut fmt(folder.path(), &["--check", "-"]), fixture("messy.kith").as_bytes());
    assert_eq!((check.code, check.stdout.as_str()), (1, "<stdin>\n"));
    let tidy = run_with_stdin(&mut fmt(folder.path(), &["--check", "-"]), expected.as_bytes());
    assert_eq!((tidy.code, tidy.stdout.as_str()), (0, ""));
}

#[test]
fn a_file_with_a_syntax_error_is_left_untouched_with_its_line_and_exit_2() {
    let broken = fixture("broken.kith");
    let messy = fixture("messy.kith");
    let folder = folder_with(&[("broken.kith", &broken), ("messy.kith", &messy)]);
    let run = run(&mut fmt(folder.path(), &["broken.kith", "messy.kith"]));
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("syntax_error_message", run.stderr);
    assert_eq!(read(folder.path(), "broken.kith"), broken);
    assert_ne!(read(folder.path(), "messy.kith"), messy, "the other file is still formatted");
}

#[test]
fn a_syntax_error_on_standard_input_prints_nothing_on_standard_output() {
    let folder = folder_with(&[]);
    let run = run_with_stdin(&mut fmt(folder.path(), &["-"]), fixture("broken.kith").as_bytes());
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert!(run.stderr.starts_with("error: <stdin>:3: expected a quoted text after the id"), "{}", run.stderr);
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_kept_on_disk() {
    let text = "\u{feff}person ada   \"Ada\"\r\n\r\n\r\n    role mentor\r\n";
    let folder = folder_with(&[("crlf.kith", text)]);
    assert_eq!(run(&mut fmt(folder.path(), &["crlf.kith"])).code, 0);
    let bytes = fs::read(folder.path().join("crlf.kith")).expect("readable");
    assert_eq!(bytes, "\u{feff}person ada \"Ada\"\r\n  role mentor\r\n".as_bytes());
}

#[test]
fn missing_and_non_utf8_files_are_input_errors() {
    let folder = folder_with(&[]);
    fs::write(folder.path().join("latin1.kith"), b"person ada \"Ad\xe9\"\n").expect("write");
    let run = run(&mut fmt(folder.path(), &["latin1.kith", "missing.kith"]));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error: `missing.kith` does not exist"), "{}", run.stderr);
    assert!(
        run.stderr.contains("error: cannot format `latin1.kith`: it is not UTF-8 text (first invalid byte on line 1)"),
        "{}",
        run.stderr
    );
}

/// A xorshift generator: random enough to pick moments, seeded from the clock and printed
/// in every failure so a failing run can be replayed by hard-coding its seed.
struct Random(u64);

impl Random {
    fn from_clock() -> Self {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |elapsed| elapsed.as_nanos() as u64);
        Random(nanos | 1)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// About `size` bytes of people, spaced and ordered so that formatting changes every block;
/// long notes keep the token count (and so the parse) modest while the file is large.
fn big_messy_network(size: usize) -> String {
    let note = "talked about the roadmap, the team and what comes next; ".repeat(36);
    let mut text = String::with_capacity(size + 4096);
    let mut index = 0;
    while text.len() < size {
        text.push_str(&format!(
            "person p{index}   \"Person {index}\"\n    2026-05-02 email   \"{note}\"\n  role mentor ,sponsor\n   2026-01-03 coffee!\n\n\n"
        ));
        index += 1;
    }
    text
}

/// Whether a `kith fmt` write is under way in `folder`: its temporary file exists.
fn writing(folder: &Path) -> bool {
    names(folder).iter().any(|name| name.starts_with(".kith-") && name.ends_with(".tmp"))
}

/// Kills `kith fmt` (SIGKILL) at random moments while it formats a 20 MB file: the file
/// must always be whole, either the original or the formatted text. Every other kill lands
/// anywhere in a run; the others wait until the write has begun (its temporary file exists)
/// and land anywhere in it or just after. A kill can leave the temporary file of the write behind
/// (`.kith-*.tmp`, documented); nothing else may appear.
#[test]
fn a_run_killed_at_any_moment_leaves_the_original_or_the_formatted_file() {
    let folder = folder_with(&[]);
    let path = folder.path().join("network.kith");
    let original = big_messy_network(20_000_000);

    // A whole run first: how long it takes, how long its write takes, and what it writes.
    fs::write(&path, &original).expect("write the network");
    let mut child =
        fmt(folder.path(), &["network.kith"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("kith starts");
    let started = Instant::now();
    let mut write_began = None;
    let complete = loop {
        if let Some(status) = child.try_wait().expect("kith can be waited on") {
            break status;
        }
        if write_began.is_none() && writing(folder.path()) {
            write_began = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_micros(100));
    };
    let full_run = started.elapsed();
    let write = full_run - write_began.unwrap_or(full_run);
    assert!(complete.success());
    let formatted = fs::read_to_string(&path).expect("readable");
    assert_ne!(formatted, original);

    let mut random = Random::from_clock();
    let seed = random.0;
    let mut outcomes = Vec::new();
    let mut kills_while_writing = 0;
    for round in 0..6 {
        fs::write(&path, &original).expect("restore the original");
        let mut child = fmt(folder.path(), &["network.kith"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("kith starts");
        let started = Instant::now();
        if round % 2 == 0 {
            std::thread::sleep(full_run.mul_f64(random.unit()));
        } else {
            while !writing(folder.path()) && started.elapsed() < full_run * 4 {
                std::thread::sleep(Duration::from_micros(100));
            }
            kills_while_writing += usize::from(writing(folder.path()));
            std::thread::sleep(write.mul_f64(1.2 * random.unit()));
        }
        let killed_after = started.elapsed();
        // An error means it had already finished, which is a moment too.
        let _ = child.kill();
        child.wait().expect("kith is reaped");

        let now = fs::read_to_string(&path).expect("the file is never missing");
        let context = format!("seed {seed}, round {round}, killed after {killed_after:?} of {full_run:?}");
        assert!(
            now == original || now == formatted,
            "{context}: the file is neither whole version ({} bytes)",
            now.len()
        );
        let leftover = writing(folder.path());
        outcomes.push(format!(
            "{} after {killed_after:.0?}{}",
            if now == original { "original" } else { "formatted" },
            if leftover { " + .tmp" } else { "" }
        ));
        for name in names(folder.path()) {
            if name == "network.kith" {
                continue;
            }
            assert!(name.starts_with(".kith-") && name.ends_with(".tmp"), "{context}: stray file {name}");
            fs::remove_file(folder.path().join(&name)).expect("remove the leftover temporary file");
        }
    }
    eprintln!("kills (seed {seed}, full run {full_run:?}, write {write:?}): {outcomes:#?}");
    assert!(kills_while_writing > 0, "no kill landed while the file was being written: {outcomes:#?}");
}

#[test]
fn help_describes_the_command() {
    let folder = folder_with(&[]);
    let help = run(&mut fmt(folder.path(), &["--help"]));
    assert_eq!(help.code, 0);
    for part in ["--check", "--diff", "canonical format", "PATH"] {
        assert!(help.stdout.contains(part), "`{part}` missing from:\n{}", help.stdout);
    }
}
