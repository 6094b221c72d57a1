//! End-to-end tests of `kith import linkedin` on the whole data archive: the real binary on
//! a realistic export (tests/fixtures/import/linkedin/export: connections with namesakes
//! and a deleted member, one-to-one and group conversations, a sponsored message, an
//! InMail, a draft, invitations), as the unzipped folder and as the zip LinkedIn delivers,
//! built here from the folder.

use crate::support::cli::{assert_one_error_line, fixtures_of, path_text, pinned_subcommand_in, run, Run};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The unzipped export.
fn export_folder() -> PathBuf {
    fixtures_of("import").join("linkedin/export")
}

/// `kith import linkedin --today 2026-11-25 ARGUMENTS…` run in `folder`.
fn import(folder: &Path, arguments: &[&str]) -> Run {
    let mut all = vec!["linkedin"];
    all.extend_from_slice(arguments);
    run(&mut pinned_subcommand_in(folder, "import", &all))
}

/// The export's files zipped as LinkedIn does, into `folder/name`, each under `prefix`
/// (`""` for the top of the archive); the path of the zip.
fn zip_export(folder: &Path, name: &str, prefix: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = fs::read_dir(export_folder())
        .expect("the fixture folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    let path = folder.join(name);
    let mut writer = ZipWriter::new(fs::File::create(&path).expect("a new zip"));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    if !prefix.is_empty() {
        writer.add_directory(prefix, options).expect("a folder entry");
    }
    for file in files {
        let name = file.file_name().expect("a file name").to_string_lossy();
        writer.start_file(format!("{prefix}{name}"), options).expect("an entry");
        writer.write_all(&fs::read(&file).expect("a fixture")).expect("written");
    }
    writer.finish().expect("a finished zip");
    path
}

/// A temporary folder with the delivered zip in it.
fn folder_with_zip() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let zip = zip_export(folder.path(), "Basic_LinkedInDataExport_11-20-2026.zip", "");
    (folder, zip)
}

#[test]
fn the_zip_and_the_folder_give_the_same_file_and_a_real_export_exits_0() {
    let (folder, zip) = folder_with_zip();
    let nested = zip_export(
        folder.path(),
        "Complete_LinkedInDataExport_11-20-2026.zip",
        "Complete_LinkedInDataExport_11-20-2026/",
    );
    let mut files = Vec::new();
    for (index, export) in [export_folder(), zip, nested].iter().enumerate() {
        let target = folder.path().join(format!("network-{index}.kith"));
        let run = import(folder.path(), &[path_text(export), "--into", path_text(&target)]);
        assert_eq!(run.code, 0, "a real export reads without a malformed record:\n{}", run.stderr);
        assert_eq!(run.stdout, "");
        files.push(fs::read_to_string(&target).expect("the network was written"));
        if index == 1 {
            let stderr = run.stderr.replace(path_text(&target), "network.kith");
            insta::assert_snapshot!("linkedin_archive_stderr", stderr);
        }
    }
    assert_eq!(files[1], files[0], "the zip and the folder give the same file");
    assert_eq!(files[2], files[0], "and so does a zip with the files in a folder");
    insta::assert_snapshot!("linkedin_archive_network", files[0]);
}

#[test]
fn namesakes_are_both_kept_with_distinct_ids_and_their_own_messages() {
    let (folder, zip) = folder_with_zip();
    let target = folder.path().join("network.kith");
    import(folder.path(), &[path_text(&zip), "--into", path_text(&target)]);
    let network = fs::read_to_string(&target).expect("written");
    let blocks: Vec<&str> = network.split("\n\n").filter(|block| block.contains("\"Ana López\"")).collect();
    assert_eq!(blocks.len(), 2, "{network}");
    let id = |block: &str| block.split_whitespace().nth(1).map(str::to_string);
    assert_ne!(id(blocks[0]), id(blocks[1]));
    assert!(blocks[0].contains("ana-lopez-1a2b3c") && blocks[0].contains("they wrote: Hooli roadmap"), "{}", blocks[0]);
    assert!(
        blocks[1].contains("ana-lopez-madrid") && blocks[1].contains("you wrote: Congrats on the Pied Piper launch"),
        "{}",
        blocks[1]
    );
}

#[test]
fn a_second_run_is_byte_identical_and_reports_nothing_new() {
    let (folder, zip) = folder_with_zip();
    let target = folder.path().join("network.kith");
    import(folder.path(), &[path_text(&zip), "--into", path_text(&target)]);
    let once = fs::read(&target).expect("written");
    let again = import(folder.path(), &[path_text(&zip), "--into", path_text(&target)]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(fs::read(&target).expect("still there"), once);
    let lines: Vec<&str> = again.stderr.lines().collect();
    assert!(lines[0].starts_with("imported 0 people into "), "{}", again.stderr);
    assert!(lines[0].ends_with(", 33 already present, 0 malformed rows"), "{}", again.stderr);
    assert_eq!(lines[1], "logged nothing new (7 days already logged)");
}

#[test]
fn a_dry_run_prints_a_diff_and_writes_nothing() {
    let (folder, zip) = folder_with_zip();
    let target = folder.path().join("network.kith");
    let existing = "person ada \"Ada Lovelace\"\n  url https://www.linkedin.com/in/ada-lovelace\n";
    fs::write(&target, existing).expect("an existing network");
    let run = import(folder.path(), &[path_text(&zip), "--into", path_text(&target), "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&target).expect("still there"), existing, "nothing is written");
    assert!(run.stdout.starts_with(&format!("--- {0}\n+++ {0}\n", path_text(&target))), "{}", run.stdout);
    assert!(run.stdout.contains("+  2026-10-01 message \"2 messages, 2 from you: Board memo\"\n"), "{}", run.stdout);
    assert!(run.stdout.contains("+person grace-hopper \"Grace Hopper\"\n"), "{}", run.stdout);
    assert!(run.stderr.contains("(dry run: nothing written)"), "{}", run.stderr);
}

#[test]
fn a_truncated_zip_is_an_input_error_naming_it_and_nothing_is_written() {
    let (folder, zip) = folder_with_zip();
    let bytes = fs::read(&zip).expect("the zip");
    let truncated = folder.path().join("Basic_LinkedInDataExport_11-20-2026-part.zip");
    fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).expect("a truncated copy");
    let target = folder.path().join("network.kith");
    let run = import(folder.path(), &[path_text(&truncated), "--into", path_text(&target)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_one_error_line(&run, &[path_text(&truncated), "not a readable zip archive", "cut off"]);
    assert!(!target.exists(), "nothing is written");
}

#[test]
fn a_lone_connections_file_in_the_old_format_reads_its_dates() {
    let folder = fixtures_of("import").join("linkedin");
    let run = import(&folder, &["Connections-2018.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("  met 2024-03-12 \"Connected on LinkedIn\"\n"), "{}", run.stdout);
    assert!(run.stderr.contains("left out: deleted LinkedIn members (1)"), "{}", run.stderr);
}
