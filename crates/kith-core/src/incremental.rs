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
        let mut blocks = std::mem::take(&mut self.blocks);
        blocks.drain(before..old_count - after);
        let kept_at: Vec<usize> = (0..before).chain(nodes.len() - after..nodes.len()).collect();

        // Kept blocks move to their new offsets (blank lines between blocks belong to none,
        // so each moves on its own); those with a syntax error are read again all the same.
        let mut read_again: Vec<(usize, Node<'_>)> = Vec::new();
        for (slot, (block, &index)) in blocks.iter_mut().zip(&kept_at).enumerate() {
            let delta = ranges[index].start as isize - block.range.start as isize;
            block.range = ranges[index].clone();
            let has_error = nodes[index].has_error();
            if !block.reusable || has_error {
                read_again.push((slot, nodes[index]));
                block.reusable = !has_error;
            } else if delta != 0 {
                block.part.shift(delta);
            }
        }
        let read_again_nodes: Vec<Node<'_>> = read_again.iter().map(|&(_, node)| node).collect();
        for ((slot, _), part) in read_again.iter().zip(read_blocks(text, root, &read_again_nodes, threads.get())) {
            blocks[*slot].part = part;
        }

        let changed = before..nodes.len() - after;
        let read = read_blocks(text, root, &nodes[changed.clone()], threads.get());
        let read_at = changed.zip(read).map(|(index, part)| Block {
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

/// One part for each of `nodes` (children of `root`), in order; many are read on up to
/// `threads` threads.
fn read_blocks<'tree>(text: &str, root: Node<'tree>, nodes: &[Node<'tree>], threads: usize) -> Vec<Part> {
    in_runs(nodes, threads, |run| parts_of_each(text, root, run))
}

/// `work` over consecutive runs of `items`, their results joined in order; on up to
/// `threads` threads when there are enough items to be worth it.
fn in_runs<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    if threads == 1 || items.len() < MIN_PARALLEL_BLOCKS {
        return work(items);
    }
    let runs: Vec<&[T]> = items.chunks(items.len().div_ceil(threads * RUNS_PER_THREAD)).collect();
    let next_run = AtomicUsize::new(0);
    let mut done = on_threads(threads.min(runs.len()), || {
        let mut done = Vec::new();
        loop {
            let index = next_run.fetch_add(1, Ordering::Relaxed);
            let Some(run) = runs.get(index) else { break };
            done.push((index, work(run)));
        }
        done
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().flat_map(|(_, results)| results).collect()
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
    fn a_block_with_a_syntax_error_is_never_reused() {
        let text = "person ada \"Ada\n  met 2020-01-01\nperson bob \"Bob\"\n";
        let mut cache = BlockCache::default();
        analyse(&mut cache, text);
        assert!(cache.blocks.iter().any(|block| !block.reusable));
        let analysis = analyse(&mut cache, text);
        assert_eq!(analysis.lints, crate::check(text, TODAY).lints);
    }
}
