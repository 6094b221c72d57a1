//! The editor plugins' copies of the tree-sitter queries (editors/nvim/queries/kith and
//! editors/helix/queries/kith) are the grammar crate's queries/, byte for byte, and compile.
//! After changing crates/tree-sitter-kith/queries, copy them:
//! `cp crates/tree-sitter-kith/queries/*.scm editors/nvim/queries/kith/`, and the same
//! for editors/helix/queries/kith/.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const COPIES: [&str; 2] = ["editors/nvim/queries/kith", "editors/helix/queries/kith"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.scm` file in `dir`, by file name.
fn queries_in(dir: &Path) -> BTreeMap<String, String> {
    let entries = fs::read_dir(dir).unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    entries
        .map(|entry| entry.unwrap_or_else(|error| panic!("cannot read an entry of {}: {error}", dir.display())).path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "scm"))
        .map(|path: PathBuf| {
            let name = path.file_name().expect("a listed file has a name").to_string_lossy().into_owned();
            let text =
                fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            (name, text)
        })
        .collect()
}

#[test]
fn editor_copies_are_identical_to_the_grammar_queries() {
    let original = queries_in(&repo().join("crates/tree-sitter-kith/queries"));
    assert!(original.contains_key("highlights.scm"), "the grammar crate has queries: {:?}", original.keys());
    for copy in COPIES {
        let copied = queries_in(&repo().join(copy));
        assert_eq!(
            copied.keys().collect::<Vec<_>>(),
            original.keys().collect::<Vec<_>>(),
            "{copy} holds the same query files as crates/tree-sitter-kith/queries"
        );
        for (name, text) in &original {
            assert!(
                copied[name] == *text,
                "{copy}/{name} differs from crates/tree-sitter-kith/queries/{name}: copy it again \
                 (cp crates/tree-sitter-kith/queries/*.scm {copy}/)"
            );
        }
    }
}

#[test]
fn editor_copies_compile_against_the_grammar() {
    let language: tree_sitter::Language = tree_sitter_kith::LANGUAGE.into();
    for copy in COPIES {
        for (name, text) in queries_in(&repo().join(copy)) {
            let query = tree_sitter::Query::new(&language, &text)
                .unwrap_or_else(|error| panic!("{copy}/{name} does not compile: {error}"));
            assert!(query.pattern_count() > 0, "{copy}/{name} has patterns");
        }
    }
}
