//! Invariant: LSP content changes (full replacements and ranges in UTF-8 or UTF-16, out of
//! range ones too), applied in batches by kith-lsp's document store, never panic and give
//! the text a plain reference implementation (a String, positions clamped to their line,
//! mid-character columns floored) gives, whose offsets `LineIndex::offset` agrees with;
//! the store's analysis equals a fresh `analyse` of its text and tree, and where the text
//! has no syntax error its incrementally re-parsed tree is a fresh parse's.
//! Input: the opening text, then 0xFF and the batches of changes (`arbitrary`).
#![no_main]

use arbitrary::Arbitrary;
use kith_core::{analyse, Encoding, LineCol, LineIndex};
use kith_fuzz::{
    arbitrary_tail, assert_same_analysis, assert_same_tree_when_error_free, text_and_tail, Insert, MAX_INPUT, TODAY,
};
use kith_lsp::fuzzing::{Document, Position, PositionEncoding, Range, TextDocumentContentChangeEvent};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Default, Arbitrary)]
struct Session {
    utf8: bool,
    /// Each batch is one `didChange` notification.
    batches: Vec<Vec<Change>>,
}

#[derive(Debug, Arbitrary)]
struct Change {
    /// 255 replaces the whole document (a change without a range).
    whole: u8,
    start: Pos,
    /// None: an insertion at `start`.
    end: Option<Pos>,
    /// Deprecated and ignored by the server; sent anyway, sometimes wrong.
    range_length: Option<u32>,
    insert: Insert,
}

#[derive(Debug, Arbitrary)]
struct Pos {
    line: Coord,
    character: Coord,
}

/// Mostly inside the text (up to `near`), sometimes anywhere.
#[derive(Debug, Arbitrary)]
enum Coord {
    Near(u8),
    Far(u32),
}

impl Coord {
    fn get(&self, near: u8) -> u32 {
        match self {
            Coord::Near(value) => u32::from(*value % near),
            Coord::Far(value) => *value,
        }
    }
}

impl Pos {
    /// Lines up to 255 reach through the seeds; columns up to 63, most of a line.
    fn position(&self) -> Position {
        Position::new(self.line.get(u8::MAX), self.character.get(64))
    }
}

impl Change {
    fn event(&self) -> TextDocumentContentChangeEvent {
        let start = self.start.position();
        let range = (self.whole != 255).then(|| Range::new(start, self.end.as_ref().map_or(start, Pos::position)));
        TextDocumentContentChangeEvent { range, range_length: self.range_length, text: self.insert.text().to_string() }
    }
}

/// The reference: the byte offset of `position` in `text`. Lines end at `\n`, `\r\n` or a
/// lone `\r`; a line past the last is the end of the text; a column past its line's end
/// is the line's end (before its break); a column inside a character is that character.
fn reference_offset(text: &str, position: Position, utf8: bool) -> usize {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => starts.push(at + 1),
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => {
                starts.push(at + 2);
                at += 1;
            }
            b'\r' => starts.push(at + 1),
            _ => {}
        }
        at += 1;
    }
    let line = position.line as usize;
    let Some(&start) = starts.get(line) else { return text.len() };
    let next = starts.get(line + 1).copied().unwrap_or(text.len());
    let content = text[start..next].trim_end_matches(['\n', '\r']);
    let wanted = position.character as usize;
    let mut units = 0;
    for (index, ch) in content.char_indices() {
        let width = if utf8 { ch.len_utf8() } else { ch.len_utf16() };
        if units + width > wanted {
            return start + index;
        }
        units += width;
    }
    start + content.len()
}

fn reference_apply(text: &mut String, change: &TextDocumentContentChangeEvent, utf8: bool) {
    let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let (start, end) = match change.range {
        None => (0, text.len()),
        Some(range) => {
            let index = LineIndex::new(text);
            let [start, end] = [range.start, range.end].map(|position| {
                let offset = reference_offset(text, position, utf8);
                let line_col = LineCol { line: position.line, column: position.character };
                assert_eq!(
                    index.offset(text, line_col, encoding),
                    offset,
                    "LineIndex::offset of {position:?} ({encoding:?}) disagrees with the reference in {text:?}"
                );
                offset
            });
            (start.min(end), start.max(end))
        }
    };
    text.replace_range(start..end, &change.text);
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let (text, tail) = text_and_tail(data);
    let session: Session = arbitrary_tail(tail);
    let encoding = if session.utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
    let mut document = Document::open(&text);
    let mut expected = text;
    for (number, batch) in session.batches.iter().enumerate() {
        let events: Vec<TextDocumentContentChangeEvent> = batch.iter().map(Change::event).collect();
        let growth: usize = events.iter().map(|event| event.text.len()).sum();
        if expected.len() + growth > MAX_INPUT {
            break;
        }
        for event in &events {
            reference_apply(&mut expected, event, session.utf8);
        }
        if let Err(error) = document.change(&events, encoding) {
            panic!("batch {number} was refused: {error}");
        }
        let analysed = match document.analysed(encoding, TODAY) {
            Ok(analysed) => analysed,
            Err(panic) => panic!("the store caught a panic analysing after batch {number}: {panic}"),
        };
        assert_eq!(&*analysed.text, expected.as_str(), "the store's text after batch {number}: {events:?}");
        let fresh = analyse(&analysed.text, &analysed.tree, TODAY);
        assert_same_analysis(&analysed.analysis, &fresh, &format!("after batch {number}"), &expected);
        assert_same_tree_when_error_free(&analysed.tree, &expected);
    }
});
