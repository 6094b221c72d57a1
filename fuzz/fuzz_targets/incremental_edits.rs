//! Invariant: a text edited by a sequence of replacements, each told to the old tree
//! (`Tree::edit`) and re-parsed incrementally, analysed by one `BlockCache` after the edits
//! marked for it, gives exactly what a fresh `analyse` of the same text and tree gives
//! (network, catalog, lints); and where the text has no syntax error, the incremental tree
//! is the tree a fresh parse gives. Input: the text, then 0xFF and the edits (`arbitrary`).
#![no_main]

use arbitrary::Arbitrary;
use kith_core::{analyse, syntax, BlockCache};
use kith_fuzz::{
    arbitrary_tail, assert_same_analysis, assert_same_tree_when_error_free, floor_boundary, text_and_tail, Insert,
    MAX_INPUT, TODAY,
};
use libfuzzer_sys::fuzz_target;
use std::num::NonZeroUsize;
use tree_sitter::{InputEdit, Point};

/// Replaces `delete` bytes at `at` (both wrapped into the text and moved to character
/// boundaries) with `insert`; the cache analyses afterwards when `analyse` is set (and
/// always after the last edit), so several edits may reach the tree between two parses.
#[derive(Debug, Arbitrary)]
struct Edit {
    at: u16,
    delete: u8,
    insert: Insert,
    analyse: bool,
}

/// The tree-sitter point (row, byte column) of `offset` in `text`.
fn point(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&byte| byte == b'\n').count();
    let column = offset - before.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    Point { row, column }
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let (mut text, tail) = text_and_tail(data);
    let edits: Vec<Edit> = arbitrary_tail(tail);
    let mut parser = syntax::parser();
    let mut tree = syntax::parse_with(&mut parser, &text, None);
    let mut cache = BlockCache::default();
    let one = NonZeroUsize::MIN;
    assert_same_analysis(&cache.analyse(&text, &tree, TODAY, one), &analyse(&text, &tree, TODAY), "opening", &text);
    let last = edits.len().saturating_sub(1);
    for (index, edit) in edits.iter().enumerate() {
        let start = floor_boundary(&text, usize::from(edit.at) % (text.len() + 1));
        let end = floor_boundary(&text, start + usize::from(edit.delete));
        let new = edit.insert.text();
        if text.len() - (end - start) + new.len() > MAX_INPUT {
            break;
        }
        let (start_position, old_end_position) = (point(&text, start), point(&text, end));
        text.replace_range(start..end, new);
        let new_end = start + new.len();
        tree.edit(&InputEdit {
            start_byte: start,
            old_end_byte: end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position: point(&text, new_end),
        });
        if edit.analyse || index == last {
            tree = syntax::parse_with(&mut parser, &text, Some(&tree));
            let cached = cache.analyse(&text, &tree, TODAY, one);
            assert_same_analysis(&cached, &analyse(&text, &tree, TODAY), &format!("after edit {index}"), &text);
            assert_same_tree_when_error_free(&tree, &text);
        }
    }
});
