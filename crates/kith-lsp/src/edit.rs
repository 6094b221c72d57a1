//! All position and encoding code of the server: LSP positions ⇄ byte offsets in the
//! negotiated encoding, applying incremental changes to the rope, and the matching
//! tree-sitter `InputEdit`.

use kith_core::{text, Encoding, LineCol, LineIndex, Span};
use ropey::Rope;
use std::borrow::Cow;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent};
use tree_sitter::{InputEdit, Point};

/// The position encoding agreed with the client: UTF-8 when it offers it, else UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionEncoding {
    Utf8,
    Utf16,
}

impl PositionEncoding {
    /// Picks UTF-8 if the client lists it, else the protocol's default, UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn core(self) -> Encoding {
        match self {
            PositionEncoding::Utf8 => Encoding::Utf8,
            PositionEncoding::Utf16 => Encoding::Utf16,
        }
    }
}

/// Converts between byte offsets of one text and LSP positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Positions<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl Positions<'_> {
    pub(crate) fn position(&self, offset: usize) -> Position {
        let LineCol { line, column } = self.index.line_col(self.text, offset, self.encoding.core());
        Position::new(line, column)
    }

    pub(crate) fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position (clamped to its line and to the text).
    pub(crate) fn offset(&self, position: Position) -> usize {
        let line_col = LineCol { line: position.line, column: position.character };
        self.index.offset(self.text, line_col, self.encoding.core())
    }

    pub(crate) fn span(&self, range: Range) -> Span {
        let (start, end) = (self.offset(range.start), self.offset(range.end));
        Span::new(start.min(end), start.max(end))
    }
}

/// The byte offset in `rope` of an LSP position, clamped to the line's end and the text:
/// the column is read by the core's `text` module, as every other position is.
fn rope_offset(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let content = Cow::<str>::from(rope.line(line));
    let column = text::offset_in_line(text::without_line_break(&content), position.character, encoding.core());
    rope.line_to_byte(line) + column
}

/// The tree-sitter point (row, byte column) of a byte offset in `rope`.
fn rope_point(rope: &Rope, offset: usize) -> Point {
    let row = rope.byte_to_line(offset);
    Point::new(row, offset - rope.line_to_byte(row))
}

/// Applies one `didChange` content change to `rope`, returning the tree-sitter edit that
/// describes it (a full replacement is an edit of the whole text).
pub(crate) fn apply_change(
    rope: &mut Rope,
    change: &TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) -> InputEdit {
    let (start_byte, old_end_byte) = match change.range {
        Some(range) => {
            let start = rope_offset(rope, range.start, encoding);
            let end = rope_offset(rope, range.end, encoding);
            (start.min(end), start.max(end))
        }
        None => (0, rope.len_bytes()),
    };
    let start_position = rope_point(rope, start_byte);
    let old_end_position = rope_point(rope, old_end_byte);
    let start_char = rope.byte_to_char(start_byte);
    let old_end_char = rope.byte_to_char(old_end_byte);
    rope.remove(start_char..old_end_char);
    rope.insert(start_char, &change.text);
    let new_end_byte = start_byte + change.text.len();
    InputEdit {
        start_byte,
        old_end_byte,
        new_end_byte,
        start_position,
        old_end_position,
        new_end_position: rope_point(rope, new_end_byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "person é \"Zoë 😀 李\"\r\n  role mentor\n";

    fn change(range: Range, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: text.to_string() }
    }

    #[test]
    fn utf16_and_utf8_columns_after_accents_cjk_and_emoji() {
        let index = LineIndex::new(TEXT);
        let li = TEXT.find('李').unwrap();
        let utf16 = Positions { text: TEXT, index: &index, encoding: PositionEncoding::Utf16 };
        let utf8 = Positions { text: TEXT, index: &index, encoding: PositionEncoding::Utf8 };
        assert_eq!(utf16.position(li), Position::new(0, 17));
        assert_eq!(utf8.position(li), Position::new(0, li as u32));
        assert_eq!(utf16.offset(Position::new(0, 17)), li);
        assert_eq!(utf8.offset(Position::new(0, li as u32)), li);
    }

    #[test]
    fn the_rope_and_the_line_index_agree_on_every_position() {
        let rope = Rope::from_str(TEXT);
        let index = LineIndex::new(TEXT);
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let positions = Positions { text: TEXT, index: &index, encoding };
            for (offset, ch) in TEXT.char_indices().filter(|(_, ch)| *ch != '\n' && *ch != '\r') {
                let position = positions.position(offset);
                assert_eq!(rope_offset(&rope, position, encoding), offset, "{ch:?} in {encoding:?}");
            }
        }
    }

    #[test]
    fn an_incremental_change_after_an_emoji_edits_the_right_bytes() {
        let mut rope = Rope::from_str(TEXT);
        // Replace 李 (UTF-16 column 17) with "Li".
        let edit = apply_change(
            &mut rope,
            &change(Range::new(Position::new(0, 17), Position::new(0, 18)), "Li"),
            PositionEncoding::Utf16,
        );
        assert_eq!(rope.to_string(), TEXT.replace('李', "Li"));
        let li = TEXT.find('李').unwrap();
        assert_eq!((edit.start_byte, edit.old_end_byte, edit.new_end_byte), (li, li + '李'.len_utf8(), li + 2));
        assert_eq!(edit.start_position, Point::new(0, li));
    }

    #[test]
    fn a_multi_line_insertion_reports_the_new_end_point() {
        let mut rope = Rope::from_str("person a \"A\"\n");
        let edit = apply_change(
            &mut rope,
            &change(Range::new(Position::new(1, 0), Position::new(1, 0)), "  role x\n  met 2020-01-01"),
            PositionEncoding::Utf16,
        );
        assert_eq!(edit.new_end_position, Point::new(2, "  met 2020-01-01".len()));
        assert_eq!(rope.to_string(), "person a \"A\"\n  role x\n  met 2020-01-01");
    }

    #[test]
    fn positions_past_the_line_end_clamp_before_crlf() {
        let rope = Rope::from_str(TEXT);
        let line_end = TEXT.find('\r').unwrap();
        assert_eq!(rope_offset(&rope, Position::new(0, 999), PositionEncoding::Utf16), line_end);
        assert_eq!(rope_offset(&rope, Position::new(99, 0), PositionEncoding::Utf16), TEXT.len());
    }

    #[test]
    fn a_full_replacement_replaces_everything() {
        let mut rope = Rope::from_str(TEXT);
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "new".to_string() };
        let edit = apply_change(&mut rope, &full, PositionEncoding::Utf8);
        assert_eq!(rope.to_string(), "new");
        assert_eq!((edit.start_byte, edit.old_end_byte, edit.new_end_byte), (0, TEXT.len(), 3));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(PositionEncoding::negotiate(Some(&offered)), PositionEncoding::Utf8);
    }
}
