//! A `BlockCache` kept across edits gives exactly what a fresh `analyse` of the new text and
//! tree gives — the same network, catalog and lints — whatever the edits: random ones that
//! break and mend the syntax, and typing in a large synthetic network read on several
//! threads. The trees are re-parsed incrementally, as the language server does.

mod common;

#[allow(dead_code)] // the benchmarks' generator; only `network` is used here
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use common::{apply, edit, kithish, Edit, SEED, TODAY};
use kith_core::{analyse, syntax, BlockCache, Tree};
use proptest::prelude::*;
use std::num::NonZeroUsize;
use tree_sitter::{InputEdit, Parser, Point};

/// A document edited over time: its text, its incrementally re-parsed tree and its cache.
struct Document {
    text: String,
    parser: Parser,
    tree: Tree,
    cache: BlockCache,
    threads: NonZeroUsize,
}

impl Document {
    fn open(text: &str, threads: usize) -> Self {
        let mut parser = syntax::parser();
        let tree = syntax::parse_with(&mut parser, text, None);
        let threads = NonZeroUsize::new(threads).expect("a positive thread count");
        let mut document = Self { text: text.to_string(), parser, tree, cache: BlockCache::default(), threads };
        document.assert_analysed_as_fresh();
        document
    }

    /// Replaces `range` with `new`, telling the old tree, and re-parses incrementally.
    fn replace(&mut self, range: std::ops::Range<usize>, new: &str) {
        let start_position = point(&self.text, range.start);
        let old_end_position = point(&self.text, range.end);
        self.text.replace_range(range.clone(), new);
        let new_end = range.start + new.len();
        self.tree.edit(&InputEdit {
            start_byte: range.start,
            old_end_byte: range.end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position: point(&self.text, new_end),
        });
        self.tree = syntax::parse_with(&mut self.parser, &self.text, Some(&self.tree));
    }

    fn apply(&mut self, edit: &Edit) {
        let mut edited = self.text.clone();
        apply(&mut edited, edit);
        let prefix = common_prefix(&self.text, &edited);
        let suffix = common_suffix(&self.text[prefix..], &edited[prefix..]);
        let new = edited[prefix..edited.len() - suffix].to_string();
        self.replace(prefix..self.text.len() - suffix, &new);
        assert_eq!(self.text, edited);
    }

    fn assert_analysed_as_fresh(&mut self) {
        let incremental = self.cache.analyse(&self.text, &self.tree, TODAY, self.threads);
        // Against the same tree: where the text has a syntax error, tree-sitter's recovery
        // after an incremental re-parse may differ from a fresh parse's (docs/lsp.md).
        let fresh = analyse(&self.text, &self.tree, TODAY);
        assert_eq!(incremental.lints, fresh.lints, "lints of {:?}", self.text);
        assert_eq!(incremental.catalog, fresh.catalog);
        assert_eq!(incremental.network, fresh.network, "network of {:?}", self.text);
    }
}

/// The tree-sitter point (row, byte column) of `offset` in `text`.
fn point(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&byte| byte == b'\n').count();
    let column = offset - before.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    Point { row, column }
}

fn common_prefix(a: &str, b: &str) -> usize {
    let mut length = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(length) || !b.is_char_boundary(length) {
        length -= 1;
    }
    length
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut length = a.bytes().rev().zip(b.bytes().rev()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(a.len() - length) || !b.is_char_boundary(b.len() - length) {
        length -= 1;
    }
    length
}

#[test]
fn typing_in_a_large_network_read_on_two_threads_analyses_as_fresh() {
    let text = synthetic::network(800);
    assert!(text.len() >= kith_core::parallel::MIN_PARALLEL_BYTES, "large enough to be read on several threads");
    let mut document = Document::open(&text, 2);
    let middle = document.text.len() / 2;
    let line_start = document.text[..middle].rfind('\n').map_or(0, |newline| newline + 1);
    for (offset, typed) in [(2, "x"), (3, "y"), (0, "person late \"Late\"\n"), (0, "  role mentr\n")] {
        document.replace(line_start + offset..line_start + offset, typed);
        document.assert_analysed_as_fresh();
    }
    // A setting at the top changes how every block is judged, not how it reads.
    document.replace(0..0, "set stale-after 2w\n");
    document.assert_analysed_as_fresh();
    // A blank line before the first block moves every block without touching one.
    document.replace(0..0, "\n\n");
    document.assert_analysed_as_fresh();
    let end = document.text.len();
    document.replace(end - 10..end, "");
    document.assert_analysed_as_fresh();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_edits_analyse_as_fresh(
        edits in prop::collection::vec(edit(kithish(), 40), 1..12),
        threads in 1..3usize,
    ) {
        let mut document = Document::open(SEED, threads);
        for edit in &edits {
            document.apply(edit);
            document.assert_analysed_as_fresh();
        }
    }
}
