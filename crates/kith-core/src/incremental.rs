//! Re-analysing a file after an edit without reading all of it again. The model of every
//! top-level block (a `person`, `role`, `pillar` or `set` with its body lines, or a
//! comment) is kept; after an edit, the blocks before and after the changed ones that kept
//! their text are reused, moved to their new offsets, and only the blocks in between are
//! read from the syntax tree. The rules then run over the whole network as usual, so the
//! result is exactly what [`crate::analyse`] gives for the same tree; tests/incremental.rs
//! proves it on random edits.
//!
//! A block's model depends only on its own text (the grammar closes each block with a
//! zero-width token, so its syntax does not depend on what follows): equal text gives an
//! equal model. Blocks with a syntax error, in the new tree or the one they were read from,
//! are always read again: error recovery may look beyond a block, and after an incremental
//! re-parse it can even read the same text differently.

use crate::model::{assemble, missing_part, parts_of_each, Part, Shift};
use crate::parallel::{map_in_order, MIN_PARALLEL_BYTES};
use crate::{Analysis, Date};
use std::num::NonZeroUsize;
use std::ops::Range;
use tree_sitter::{Node, Tree};

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
    /// blocks of the previous call that are unchanged and reading the rest; a text of
    /// [`MIN_PARALLEL_BYTES`] or more is read and judged on up to `threads` threads. The
    /// same analysis as [`crate::analyse`].
    pub fn analyse(&mut self, text: &str, tree: &Tree, today: Date, threads: NonZeroUsize) -> Analysis {
        let threads = if text.len() < MIN_PARALLEL_BYTES { 1 } else { threads.get() };
        let root = tree.root_node();
        let mut cursor = root.walk();
        let nodes: Vec<Node<'_>> = root.children(&mut cursor).collect();
        let ranges: Vec<Range<usize>> = nodes.iter().map(|node| line_start(node)..node.end_byte()).collect();
        let same_text = |old: &Block, new: usize| {
            old.range.len() == ranges[new].len() && self.text.get(old.range.clone()) == text.get(ranges[new].clone())
        };

        // The blocks before the first changed one and after the last, matched by their text.
        let old_count = self.blocks.len();
        let most = old_count.min(nodes.len());
        let before = (0..most).take_while(|&index| same_text(&self.blocks[index], index)).count();
        let after = (0..most - before)
            .take_while(|&back| same_text(&self.blocks[old_count - 1 - back], nodes.len() - 1 - back))
            .count();

        // Their models, moved to their new offsets (blank lines between blocks belong to
        // none, so each moves on its own); a block with a syntax error is read again.
        let mut reused: Vec<Option<Part>> = std::iter::repeat_with(|| None).take(nodes.len()).collect();
        let mut kept = std::mem::take(&mut self.blocks);
        kept.drain(before..old_count - after);
        let kept_at = (0..before).chain(nodes.len() - after..nodes.len());
        for (block, index) in kept.into_iter().zip(kept_at) {
            if block.reusable && !nodes[index].has_error() {
                let mut part = block.part;
                let delta = ranges[index].start as isize - block.range.start as isize;
                if delta != 0 {
                    part.shift(delta);
                }
                reused[index] = Some(part);
            }
        }

        let unread: Vec<Node<'_>> =
            nodes.iter().zip(&reused).filter(|(_, part)| part.is_none()).map(|(node, _)| *node).collect();
        let mut read = read_blocks(text, root, &unread, threads).into_iter();
        self.blocks = nodes
            .iter()
            .zip(ranges)
            .zip(reused)
            .map(|((node, range), part)| Block {
                range,
                reusable: !node.has_error(),
                part: part.or_else(|| read.next()).unwrap_or_default(),
            })
            .collect();

        let mut parts: Vec<Part> = self.blocks.iter().map(|block| block.part.clone()).collect();
        parts.push(missing_part(text, root));
        self.text.clear();
        self.text.push_str(text);
        crate::analysis_of(text, assemble(text, parts), today, threads)
    }
}

/// The offset of the start of `node`'s line.
fn line_start(node: &Node<'_>) -> usize {
    node.start_byte() - node.start_position().column
}

/// One part for each of `nodes` (children of `root`), in order, read in runs on up to
/// `threads` threads.
fn read_blocks<'tree>(text: &str, root: Node<'tree>, nodes: &[Node<'tree>], threads: usize) -> Vec<Part> {
    let runs: Vec<&[Node<'tree>]> = nodes.chunks(nodes.len().div_ceil(threads * RUNS_PER_THREAD).max(1)).collect();
    map_in_order(&runs, threads, |run| parts_of_each(text, root, run)).into_iter().flatten().collect()
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
    fn a_syntax_error_between_two_edits_does_not_stop_the_blocks_after_it_being_reused() {
        let text = format!("{TEXT}person cy \"Cy\n  met 2020-01-01\nperson dee \"Dee\"\n");
        let mut cache = BlockCache::default();
        analyse(&mut cache, &text);
        assert!(!cache.blocks[3].reusable, "Cy's block has an unclosed string");
        // Swap Bob's cached model (between the edit and Cy) for the comment's empty one.
        cache.blocks[2].part = cache.blocks[0].part.clone();
        let edited = text.replace("# a comment", "# a longer comment");
        let analysis = analyse(&mut cache, &edited);
        let ids: Vec<&str> = analysis.network.people.iter().map(|person| person.id_name()).collect();
        assert_eq!(ids.len(), 3, "Cy's block was read again: {ids:?}");
        assert!(ids.contains(&"dee"));
        assert!(!ids.contains(&"bob"), "Bob's block was reused, matched past Cy's: {ids:?}");
    }

    #[test]
    fn a_block_read_with_a_syntax_error_is_read_again_even_if_its_text_now_parses_cleanly() {
        // Error recovery after an incremental re-parse can differ from a fresh parse's, so
        // the same text may have had an error in the previous tree only. Mark Bob's block as
        // read with one (and swap its model for an empty one): it must be read again.
        let mut cache = BlockCache::default();
        analyse(&mut cache, TEXT);
        cache.blocks[2].part = cache.blocks[0].part.clone();
        cache.blocks[2].reusable = false;
        let analysis = analyse(&mut cache, &TEXT.replace("# a comment", "# a longer comment"));
        assert_eq!(analysis.network.people.len(), 2, "Bob's block was read again");
        assert!(cache.blocks[2].reusable, "and can be reused next time");
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
