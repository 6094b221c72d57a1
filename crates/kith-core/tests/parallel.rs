//! `check_parallel` and `check_in_ranges` give exactly what `check` gives, and a fresh
//! `BlockCache` reading blocks on several threads what `analyse` gives — the same network,
//! catalog and lints — on every
//! kith file in the repository, on synthetic networks, on generated files full of settings,
//! declarations and comments, and on random edits of a valid file (which may not parse:
//! `check_in_ranges` checks those in one piece, `BlockCache` still reads them in runs).

mod common;

#[allow(dead_code)] // the benchmarks' generator; only `network` is used here
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use common::{apply, edit, kithish, SEED, TODAY};
use kith_core::{check, check_in_ranges, check_parallel, parallel::MIN_PARALLEL_BYTES, syntax, BlockCache};
use proptest::prelude::*;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

fn threads(count: usize) -> NonZeroUsize {
    NonZeroUsize::new(count).expect("a positive thread count")
}

/// Checks `text` in one piece, cut into ranges of `range_bytes` on `thread_count` threads,
/// and parsed whole but read in runs on `thread_count` threads; fails on any difference.
fn assert_same(text: &str, thread_count: usize, range_bytes: usize) {
    let whole = check(text, TODAY);
    let cut = check_in_ranges(text, TODAY, threads(thread_count), range_bytes);
    assert_eq!(cut.lints, whole.lints, "lints of {thread_count} threads, {range_bytes}-byte ranges");
    assert_eq!(cut.catalog, whole.catalog);
    assert_eq!(cut.network, whole.network, "network of {thread_count} threads, {range_bytes}-byte ranges");
    let in_runs = BlockCache::default().analyse(text, &syntax::parse(text), TODAY, threads(thread_count));
    assert_eq!(in_runs.lints, whole.lints, "lints read in runs on {thread_count} threads");
    assert_eq!(in_runs.catalog, whole.catalog);
    assert_eq!(in_runs.network, whole.network, "network read in runs on {thread_count} threads");
}

fn kith_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("a readable folder").flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name().is_some_and(|name| name != "target") {
            kith_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "kith") {
            found.push(path);
        }
    }
}

#[test]
fn every_kith_file_of_the_repository_checks_the_same_in_ranges() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for folder in ["examples", "tests", "crates/tree-sitter-kith/test"] {
        kith_files(&root.join(folder), &mut files);
    }
    assert!(files.len() > 10, "found only {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable fixture");
        for (thread_count, range_bytes) in [(2, 1), (2, 64), (3, 200), (4, 1)] {
            assert_same(&text, thread_count, range_bytes);
        }
    }
}

#[test]
fn synthetic_networks_check_the_same_in_ranges() {
    let text = synthetic::network(1_500);
    for (thread_count, range_bytes) in [(2, 4_096), (3, 50_000), (8, 1)] {
        assert_same(&text, thread_count, range_bytes);
    }
}

#[test]
fn a_large_file_is_checked_in_ranges_by_check_parallel_with_the_same_result() {
    let text = synthetic::network(3_000);
    assert!(text.len() > MIN_PARALLEL_BYTES, "large enough to be cut");
    let whole = check(&text, TODAY);
    let parallel = check_parallel(&text, TODAY, threads(2));
    assert_eq!(parallel.lints, whole.lints);
    assert_eq!(parallel.network, whole.network);
}

/// One directive block of a generated file: settings (repeated, unknown, unreadable),
/// roles, pillars, people with every kind of line, comments and blank lines.
fn block() -> impl Strategy<Value = String> {
    let setting = prop_oneof![
        Just("set stale-after 3m"),
        Just("set stale-after 2x"),
        Just("set stale-after 1w"),
        Just("set key-people 2"),
        Just("set key-people many"),
        Just("set builtin-roles off"),
        Just("set builtin-roles yes"),
        Just("set allow stale"),
        Just("set allow future-date, one-sided"),
        Just("set colour blue"),
    ]
    .prop_map(|line| format!("{line}\n"));
    let role = prop_oneof![
        Just("role guide \"shows the way\"\n  pillar pathfinders\n  every 2w\n"),
        Just("role mentor \"my own mentor\"\n  every 1m\n"),
        Just("role guide \"again\"\n"),
        Just("pillar circle \"friends\"\n"),
    ]
    .prop_map(str::to_string);
    let line = prop_oneof![
        Just("  role mentor, guide".to_string()),
        Just("  role champion".to_string()),
        Just("  every 3w".to_string()),
        Just("  org \"Analytical Engines\"".to_string()),
        Just("  email ada@example.org".to_string()),
        Just("  met 2019-04-02 \"at a meetup with @p1\"".to_string()),
        Just("  met 2027-01-01".to_string()),
        Just("  birthday --12-10".to_string()),
        Just("  allow stale".to_string()),
        Just("  tags friend, Work".to_string()),
        (0..6u8).prop_map(|target| format!("  knows @p{target}")),
        (0..6u8).prop_map(|target| format!("  via @p{target}")),
        (1..13u8, 1..29u8, 0..4usize, any::<bool>()).prop_map(|(month, day, kind, marked)| {
            let kind = ["coffee", "email", "asked", "gossip"][kind];
            let mark = if marked { "!" } else { "" };
            format!("  2026-{month:02}-{day:02} {kind}{mark} \"with @p2\"")
        }),
        Just("  # an indented comment".to_string()),
    ];
    let person = (0..6u8, prop::collection::vec(line, 0..8)).prop_map(|(id, lines)| {
        let mut block = format!("person p{id} \"Person {id}\"\n");
        for line in lines {
            block.push_str(&line);
            block.push('\n');
        }
        block
    });
    prop_oneof![
        3 => person,
        1 => setting,
        1 => role,
        1 => Just("# a comment at column 0\n".to_string()),
        1 => Just("\n".to_string()),
    ]
}

fn generated_file() -> impl Strategy<Value = String> {
    (prop::collection::vec(block(), 1..30), any::<bool>()).prop_map(|(blocks, crlf)| {
        let text = blocks.concat();
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_files_check_the_same_in_ranges(
        text in generated_file(),
        thread_count in 2..5usize,
        range_bytes in 1..400usize,
    ) {
        // Without a syntax error, so that the file is really cut.
        prop_assert!(!syntax::parse(&text).root_node().has_error(), "{text}");
        assert_same(&text, thread_count, range_bytes);
    }

    #[test]
    fn edited_files_check_the_same_in_ranges(
        edits in prop::collection::vec(edit(kithish(), 40), 1..8),
        range_bytes in 1..300usize,
    ) {
        let mut text = SEED.to_string();
        for edit in &edits {
            apply(&mut text, edit);
        }
        assert_same(&text, 2, range_bytes);
    }
}
