//! Re-analysing a file after an edit without reading all of it again. The model of every
//! top-level block (a `person`, `role`, `pillar` or `set` with its body lines, or a
//! comment) is kept; after an edit, the blocks before and after the changed ones that kept
//! their text are reused, moved to their new offsets, and only the blocks in between are
//! read from the syntax tree. The rules then run over the whole network as usual, so the
//! result is exactly what [`crate::analyse`] gives; tests/incremental.rs proves it on
//! random edits.
//!
//! A block's model depends only on its own text (the grammar closes each block with a
//! zero-width token, so its syntax does not depend on what follows): equal text gives an
//! equal model. Blocks with a syntax error are always read again, since error recovery may
//! look beyond them.

use crate::model::{assemble, missing_part, parts_of_each, Part, Shift};
use crate::parallel::on_threads;
use crate::{Analysis, Date};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use tree_sitter::{Node, Tree};

/// Below this many blocks to read, another thread would cost more than it saves.
const MIN_PARALLEL_BLOCKS: usize = 256;

/// Runs of blocks per thread when reading many: enough to even out the threads.
const RUNS_PER_THREAD: usize = 4;

/// The models of the blocks of the last text analysed, ready to be reused.
#[derive(Default)]
pub struct BlockCache {
    /// The text the blocks were read from.
    text: String,
    /// Every child of that text's syntax tree root, in order.
    blocks: Vec<Block>,
}

struct Block {
    /// From the start of the block's first line (an indented directive is read with the
    /// indentation before it) to its end: the text that must be unchanged to reuse `part`.
    range: Range<usize>,
    /// False for a block with a syntax error, which is never reused.
    reusable: bool,
    part: Part,
}

impl BlockCache {
    /// Reads `tree` (parsed from `text`) and runs every rule as of `today`, reusing the
    /// blocks of the previous call that are unchanged and reading the rest on up to
    /// `threads` threads. The same analysis as [`crate::analyse`].
    pub fn analyse(&mut self, text: &str, tree: &Tree, today: Date, threads: NonZeroUsize) -> Analysis {
        let root = tree.root_node();
        let mut cursor = root.walk();
        let nodes: Vec<Node<'_>> = root.children(&mut cursor).collect();
        let ranges: Vec<Range<usize>> = nodes.iter().map(|node| line_start(node)..node.end_byte()).collect();
        let unchanged = |old: &Block, new: usize| {
            old.reusable
                && old.range.len() == ranges[new].len()
                && !nodes[new].has_error()
                && self.text.get(old.range.clone()) == text.get(ranges[new].clone())
        };

        let old_count = self.blocks.len();
        let most = old_count.min(nodes.len());
        let before = (0..most).take_while(|&index| unchanged(&self.blocks[index], index)).count();
        let after = (0..most - before)
            .take_while(|&back| unchanged(&self.blocks[old_count - 1 - back], nodes.len() - 1 - back))
            .count();

        let mut old_blocks = std::mem::take(&mut self.blocks);
        let moved_after = old_blocks.split_off(old_count - after);
        old_blocks.truncate(before);
        let changed = before..nodes.len() - after;
        let read = read_blocks(text, root, &nodes[changed.clone()], threads.get());
        let unchanged_at = (0..before).chain(nodes.len() - after..nodes.len());

        let mut blocks: Vec<Block> = Vec::with_capacity(nodes.len());
        blocks.extend(old_blocks);
        blocks.extend(moved_after);
        for (block, index) in blocks.iter_mut().zip(unchanged_at) {
            // Blank lines between blocks belong to none, so each block moves on its own.
            let delta = ranges[index].start as isize - block.range.start as isize;
            if delta != 0 {
                block.range = ranges[index].clone();
                block.part.shift(delta);
            }
        }
        let read_at = changed.clone().zip(read).map(|(index, part)| Block {
            range: ranges[index].clone(),
            reusable: !nodes[index].has_error(),
            part,
        });
        blocks.splice(before..before, read_at);

        let mut parts: Vec<Part> = blocks.iter().map(|block| block.part.clone()).collect();
        parts.push(missing_part(text, root));
        self.blocks = blocks;
        self.text.clear();
        self.text.push_str(text);
        crate::analysis_of(text, assemble(text, parts), today, threads.get())
    }
}

/// The offset of the start of `node`'s line.
fn line_start(node: &Node<'_>) -> usize {
    node.start_byte() - node.start_position().column
}

/// One part for each of `nodes` (children of `root`), in order; many are read in runs on
/// up to `threads` threads.
fn read_blocks<'tree>(text: &str, root: Node<'tree>, nodes: &[Node<'tree>], threads: usize) -> Vec<Part> {
    if threads == 1 || nodes.len() < MIN_PARALLEL_BLOCKS {
        return parts_of_each(text, root, nodes);
    }
    let runs: Vec<&[Node<'tree>]> = nodes.chunks(nodes.len().div_ceil(threads * RUNS_PER_THREAD)).collect();
    let next_run = AtomicUsize::new(0);
    let mut read = on_threads(threads.min(runs.len()), || {
        let mut read = Vec::new();
        loop {
            let index = next_run.fetch_add(1, Ordering::Relaxed);
            let Some(run) = runs.get(index) else { break };
            read.push((index, parts_of_each(text, root, run)));
        }
        read
    });
    read.sort_unstable_by_key(|(index, _)| *index);
    read.into_iter().flat_map(|(_, parts)| parts).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    const TODAY: Date = jiff::civil::date(2026, 11, 25);

    fn analyse(cache: &mut BlockCache, text: &str) -> Analysis {
        cache.analyse(text, &syntax::parse(text), TODAY, NonZeroUsize::MIN)
    }

    const TEXT: &str = "# a comment\nperson ada \"Ada\"\n  met 2020-01-01\n\nperson bob \"Bob\"\n  role mentr\n";

    #[test]
    fn after_an_edit_the_analysis_is_that_of_the_new_text_and_the_blocks_after_it_move() {
        let mut cache = BlockCache::default();
        analyse(&mut cache, TEXT);
        let edited = TEXT.replace("\"Ada\"", "\"Ada Lovelace\"");
        let analysis = analyse(&mut cache, &edited);
        let fresh = crate::check(&edited, TODAY);
        assert_eq!(analysis.lints, fresh.lints);
        assert_eq!(analysis.network, fresh.network);
        let bob = edited.find("person bob").unwrap_or(0);
        assert_eq!(cache.blocks[2].range, bob..edited.len());
    }

    #[test]
    fn the_blocks_an_edit_did_not_touch_are_reused_not_read_again() {
        let mut cache = BlockCache::default();
        analyse(&mut cache, TEXT);
        // Swap Bob's cached model for the comment's (empty) one: if Bob's block is reused
        // rather than read again, he disappears from the analysis.
        cache.blocks[2].part = cache.blocks[0].part.clone();
        let edited = TEXT.replace("\"Ada\"", "\"Ada Lovelace\"");
        let analysis = analyse(&mut cache, &edited);
        assert_eq!(analysis.network.people.len(), 1, "Bob's block was reused");
        assert_eq!(analysis.network.people[0].display_name(), "Ada Lovelace", "Ada's block was read again");
    }

    #[test]
    fn a_block_with_a_syntax_error_is_never_reused() {
        let text = "person ada \"Ada\n  met 2020-01-01\nperson bob \"Bob\"\n";
        let mut cache = BlockCache::default();
        analyse(&mut cache, text);
        assert!(cache.blocks.iter().any(|block| !block.reusable));
        let analysis = analyse(&mut cache, text);
        assert_eq!(analysis.lints, crate::check(text, TODAY).lints);
    }
}
