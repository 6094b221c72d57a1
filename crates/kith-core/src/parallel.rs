//! Checking a large file on several threads. The text is cut into ranges just before
//! directive lines; each range is parsed on its own and read into a part of the model, on
//! as many threads as asked; the parts are joined in file order and the rules run over the
//! whole network, split among the threads too. The result is the one [`crate::check`] gives.
//! (A file already parsed in one piece, like the language server's, is read on several
//! threads by [`crate::incremental::BlockCache`].)
//!
//! A range is parsed with the whole text and a tree-sitter *included range*, so every node
//! and span is an offset into the whole file and nothing needs shifting afterwards. Cutting
//! at a line that starts a directive at column 0 cannot change how an error-free file
//! parses: each directive is a separate child of the file. Error recovery can reach across
//! lines, though, so a file with a syntax error anywhere is checked in one piece.

use crate::model::{assemble, build_part, Network, Part};
use crate::vocabulary::DIRECTIVES;
use crate::{syntax, Analysis, Date};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use tree_sitter::{Parser, Point};

/// Below this size a whole check takes a few tens of milliseconds at most, and threads
/// would save little of it.
pub const MIN_PARALLEL_BYTES: usize = 256 * 1024;

/// The size of a range. Many small ranges even out the threads' work, and a thread that
/// has read a range frees its syntax tree before parsing the next, so the next tree reuses
/// that memory instead of new pages from the system (which must be zeroed first): a
/// whole file's tree is about twenty times the size of its text.
const RANGE_BYTES: usize = 64 * 1024;

/// Parses and analyses `text` as of `today` on up to `threads` threads; the same result as
/// [`crate::check`], which it is for a file under [`MIN_PARALLEL_BYTES`].
pub fn check_parallel(text: &str, today: Date, threads: NonZeroUsize) -> Analysis {
    if text.len() < MIN_PARALLEL_BYTES {
        return crate::check(text, today);
    }
    check_in_ranges(text, today, threads, RANGE_BYTES)
}

/// [`check_parallel`] for a text of any size, cut into ranges of about `range_bytes`
/// (tests cut small files this way). A file with a syntax error is checked in one piece.
pub fn check_in_ranges(text: &str, today: Date, threads: NonZeroUsize, range_bytes: usize) -> Analysis {
    let threads = threads.get();
    let ranges = split(text, text.len() / range_bytes.max(1));
    if threads == 1 || ranges.len() == 1 {
        return crate::check(text, today);
    }
    match build_in_ranges(text, &ranges, threads) {
        Some(network) => crate::analysis_of(text, network, today, threads),
        None => crate::check(text, today),
    }
}

/// The model of `text`, read on up to `threads` threads when it is large enough (as
/// [`check_parallel`] reads it), else in one piece.
pub(crate) fn network_of(text: &str, threads: NonZeroUsize) -> Network {
    let ranges = if text.len() < MIN_PARALLEL_BYTES { Vec::new() } else { split(text, text.len() / RANGE_BYTES) };
    if threads.get() > 1 && ranges.len() > 1 {
        if let Some(network) = build_in_ranges(text, &ranges, threads.get()) {
            return network;
        }
    }
    crate::model::build(text, &syntax::parse(text))
}

/// Up to `pieces` ranges of similar size covering `text`, each but the first starting at
/// a line that begins with a directive keyword and a space.
fn split(text: &str, pieces: usize) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    for piece in 1..pieces {
        let target = text.len() * piece / pieces;
        let from = target.max(starts[starts.len() - 1] + 1);
        match next_directive_line(text, from) {
            Some(start) => starts.push(start),
            None => break,
        }
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().copied().zip(ends).map(|(start, end)| start..end).collect()
}

/// The start of the first line at or after byte `from` that begins with a directive
/// keyword followed by a space or a tab.
fn next_directive_line(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let newline = at + bytes.get(at..)?.iter().position(|&byte| byte == b'\n')?;
        let start = newline + 1;
        let line = &bytes[start..];
        let starts_directive = DIRECTIVES.iter().any(|keyword| {
            line.starts_with(keyword.as_bytes()) && matches!(line.get(keyword.len()), Some(b' ' | b'\t'))
        });
        if starts_directive {
            return Some(start);
        }
        at = start;
    }
}

/// Parses and reads each range on `threads` threads; `None` when a range has a syntax
/// error (the file must then be read in one piece).
fn build_in_ranges(text: &str, ranges: &[Range<usize>], threads: usize) -> Option<Network> {
    let points = points(text, ranges);
    let next_range = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let read = |parser: &mut Parser, index: usize| {
        let part = build_range(parser, text, ranges[index].clone(), points[index], points[index + 1]);
        if part.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        part.map(|part| (index, part))
    };
    let mut parts = on_threads(threads.min(ranges.len()), || {
        let mut parser = syntax::parser();
        let mut parts = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let index = next_range.fetch_add(1, Ordering::Relaxed);
            if index >= ranges.len() {
                break;
            }
            parts.extend(read(&mut parser, index));
        }
        parts
    });
    if failed.into_inner() {
        return None;
    }
    parts.sort_unstable_by_key(|(index, _)| *index);
    Some(assemble(text, parts.into_iter().map(|(_, part)| part).collect()))
}

/// `work` applied to every item, in the items' order, on up to `threads` threads: each
/// thread takes the next item not yet taken, so uneven items even out.
pub(crate) fn map_in_order<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().map(work).collect();
    }
    let next_item = AtomicUsize::new(0);
    let mut done = on_threads(threads.min(items.len()), || {
        let mut done = Vec::new();
        loop {
            let index = next_item.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { break };
            done.push((index, work(item)));
        }
        done
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Runs `work` on `threads` threads (this one and scoped others) and gathers what each
/// returns.
pub(crate) fn on_threads<T: Send>(threads: usize, work: impl Fn() -> Vec<T> + Sync) -> Vec<T> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(&work)).collect();
        let mut gathered = work();
        for handle in handles {
            match handle.join() {
                Ok(items) => gathered.extend(items),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        gathered
    })
}

/// Parses `range` of `text` and reads it; `None` when it has a syntax error.
fn build_range(
    parser: &mut Parser,
    text: &str,
    range: Range<usize>,
    start_point: Point,
    end_point: Point,
) -> Option<Part> {
    let included = tree_sitter::Range { start_byte: range.start, end_byte: range.end, start_point, end_point };
    parser.set_included_ranges(&[included]).expect("one range inside the text is a valid set of included ranges");
    let tree = syntax::parse_with(parser, text, None);
    if tree.root_node().has_error() {
        return None;
    }
    Some(build_part(text, &tree))
}

/// Where each range starts (at column 0: each starts a line), then where the text ends.
fn points(text: &str, ranges: &[Range<usize>]) -> Vec<Point> {
    let newlines = |bytes: &[u8]| bytes.iter().filter(|&&byte| byte == b'\n').count();
    let mut row = 0;
    let mut counted_to = 0;
    let mut points: Vec<Point> = ranges
        .iter()
        .map(|range| {
            row += newlines(&text.as_bytes()[counted_to..range.start]);
            counted_to = range.start;
            Point { row, column: 0 }
        })
        .collect();
    row += newlines(&text.as_bytes()[counted_to..]);
    let column = text.len() - crate::text::line_start(text, text.len());
    points.push(Point { row, column });
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = concat!(
        "set stale-after 3m\n\nperson ada \"Ada\"\n  met 2020-01-01\n# a note\n",
        "role guide \"shows the way\"\n  every 2w\nperson bob \"Bob\"\r\n  2026-01-02 coffee\nperson\tcy \"Cy\"\n",
    );

    #[test]
    fn ranges_cover_the_text_and_start_at_directive_lines() {
        for pieces in 1..12 {
            let ranges = split(TEXT, pieces);
            assert!(ranges.len() <= pieces.max(1), "{pieces}: {ranges:?}");
            assert_eq!(ranges[0].start, 0);
            assert_eq!(ranges[ranges.len() - 1].end, TEXT.len());
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            for range in &ranges[1..] {
                assert_eq!(&TEXT[range.start - 1..range.start], "\n");
                let line = &TEXT[range.start..];
                assert!(
                    ["person ", "person\t", "role ", "set "].iter().any(|start| line.starts_with(start)),
                    "{line:?}"
                );
            }
        }
        let starts: Vec<usize> = split(TEXT, 11).iter().map(|range| range.start).collect();
        let directive_lines =
            [0, TEXT.find("role").unwrap(), TEXT.find("person bob").unwrap(), TEXT.find("person\t").unwrap()];
        assert_eq!(
            starts,
            [0, TEXT.find("person ada").unwrap(), directive_lines[1], directive_lines[2], directive_lines[3]]
        );
    }

    #[test]
    fn a_text_without_directive_lines_after_the_first_is_one_range() {
        assert_eq!(split("person ada \"Ada\"\n  met 2020-01-01\n", 5), vec![0..34]);
        assert_eq!(split("", 5), vec![0..0]);
    }

    #[test]
    fn a_clean_file_is_read_in_ranges_and_one_with_a_syntax_error_is_not() {
        let ranges = split(TEXT, 4);
        assert!(ranges.len() > 2);
        let network = build_in_ranges(TEXT, &ranges, 2).expect("no range has a syntax error");
        assert_eq!(network, crate::model::build(TEXT, &syntax::parse(TEXT)));
        let broken = TEXT.replace("met 2020-01-01", "met \"2020");
        assert_eq!(build_in_ranges(&broken, &split(&broken, 4), 2), None);
    }
}
