//! The one home of text and positions: byte spans, the byte-order mark, line endings and
//! lines, and conversions to line/column in characters, UTF-8 or UTF-16 (the CLI's, the
//! server's and the editors').

use std::ops::Range;

/// A half-open byte range into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// A zero-width span at `offset`.
    pub const fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// The unit a column is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8 (LSP `utf-8`).
    Utf8,
    /// UTF-16 code units (LSP's default `utf-16`).
    Utf16,
    /// Unicode scalar values (the CLI's columns, LSP `utf-32`).
    Chars,
}

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// The byte-order mark a file may start with: kith reads past it and writes it back.
pub const BOM: char = '\u{feff}';

/// The length in bytes of the byte-order mark `text` starts with: 3, or 0 without one.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    }
}

/// `text` after its byte-order mark, if it has one.
pub fn strip_bom(text: &str) -> &str {
    &text[bom_len(text)..]
}

/// The line break of a kith file: that of its first line (`\r\n` or `\n`), else `\n`.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(at) if text[..at].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// The start of the line holding `offset` in a kith file, whose lines end with `\n` or
/// `\r\n` (a file with a lone `\r` is refused before anything asks for its lines).
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |newline| newline + 1)
}

/// The end of the line holding `offset`, before its line break.
pub fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..].find('\n').map_or(text.len(), |at| offset + at);
    if text[..end].ends_with('\r') && end > offset {
        end - 1
    } else {
        end
    }
}

/// The offset right after the line break of the line holding `offset` (the start of the
/// next line), or `None` on the last line when it has no line break.
pub fn next_line_start(text: &str, offset: usize) -> Option<usize> {
    text[offset..].find('\n').map(|at| offset + at + 1)
}

/// A line without its line break: `\n`, `\r\n` or a lone `\r`.
pub fn without_line_break(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The byte offset in `line` (its content, without the line break) of a column counted
/// in `encoding`: clamped to the line's end, and to the start of a character it falls in.
pub fn offset_in_line(line: &str, column: u32, encoding: Encoding) -> usize {
    let mut remaining = column as usize;
    for (index, ch) in line.char_indices() {
        let width = match encoding {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Chars => 1,
        };
        if remaining < width {
            return index;
        }
        remaining -= width;
    }
    line.len()
}

/// The offset of the first carriage return that is not followed by a line feed. kith's
/// lines end with LF or CRLF; a file that breaks lines with a lone CR (the old Mac line
/// ending) is refused as a whole, with one error there, since the parser and the
/// positions (which count a lone CR as a line break, as LSP does) would disagree on every
/// line after it.
pub fn lone_carriage_return(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find('\r') {
        let at = from + found;
        if bytes.get(at + 1) != Some(&b'\n') {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Start offsets of every line of a text, for offset ⇄ line/column conversions.
///
/// Lines end with `\n`, `\r\n` or a lone `\r`, as in the Language Server Protocol; the line
/// break is not part of any column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (index, &byte) in bytes.iter().enumerate() {
            let lone_cr = byte == b'\r' && bytes.get(index + 1) != Some(&b'\n');
            if byte == b'\n' || lone_cr {
                line_starts.push(index + 1);
            }
        }
        Self { line_starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where zero-based `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line as usize).copied()
    }

    /// The zero-based line holding `offset` (offsets past the end clamp to the last line).
    pub fn line_of(&self, offset: usize) -> u32 {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        line as u32
    }

    /// Converts a byte offset to a line and a column counted in `encoding`.
    /// Offsets inside a character or past the end are clamped.
    pub fn line_col(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize];
        let column = measure(&text[start..offset], encoding);
        LineCol { line, column: column as u32 }
    }

    /// Converts a line and a column counted in `encoding` back to a byte offset.
    /// A column past the end of its line clamps to the line's end (before `\r\n`);
    /// a line past the end of the text clamps to the end of the text.
    pub fn offset(&self, text: &str, position: LineCol, encoding: Encoding) -> usize {
        let Some(start) = self.line_start(position.line) else {
            return text.len();
        };
        let end = self.line_start(position.line + 1).unwrap_or(text.len());
        start + offset_in_line(without_line_break(&text[start..end]), position.column, encoding)
    }
}

fn measure(text: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => text.len(),
        Encoding::Utf16 => text.encode_utf16().count(),
        Encoding::Chars => text.chars().count(),
    }
}

/// The largest char boundary at or before `offset` (which must be at most `text.len()`).
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "person é \"Zoë 😀 李\"\r\n  role mentor\n";

    #[test]
    fn the_byte_order_mark_is_measured_and_stripped() {
        assert_eq!((bom_len("\u{feff}person"), strip_bom("\u{feff}person")), (3, "person"));
        assert_eq!((bom_len("person"), strip_bom("person")), (0, "person"));
    }

    #[test]
    fn lines_and_their_endings() {
        assert_eq!(line_ending(TEXT), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n", "the first line decides");
        assert_eq!(line_ending("one line"), "\n");
        let role = TEXT.find("role").unwrap();
        assert_eq!(line_start(TEXT, role), TEXT.find("  role").unwrap());
        assert_eq!(&TEXT[line_start(TEXT, 3)..line_end(TEXT, 3)], "person é \"Zoë 😀 李\"", "before the \\r\\n");
        assert_eq!(&TEXT[line_start(TEXT, role)..line_end(TEXT, role)], "  role mentor");
        assert_eq!(next_line_start(TEXT, 0), Some(TEXT.find("  role").unwrap()));
        assert_eq!(next_line_start("last", 1), None);
        assert_eq!([without_line_break("a\r\n"), without_line_break("a\r"), without_line_break("a")], ["a"; 3]);
    }

    #[test]
    fn a_column_in_a_line_clamps_and_floors() {
        let line = "Zoë 😀 x";
        assert_eq!(offset_in_line(line, 4, Encoding::Utf16), line.find('😀').unwrap());
        assert_eq!(offset_in_line(line, 5, Encoding::Utf16), line.find('😀').unwrap(), "inside the surrogate pair");
        assert_eq!(offset_in_line(line, 3, Encoding::Utf8), line.find('ë').unwrap(), "inside the ë");
        assert_eq!(offset_in_line(line, 99, Encoding::Chars), line.len());
    }

    #[test]
    fn columns_count_in_each_encoding() {
        let index = LineIndex::new(TEXT);
        let offset = TEXT.find('李').unwrap();
        assert_eq!(index.line_col(TEXT, offset, Encoding::Utf8).column, offset as u32);
        // "person é \"Zoë 😀 " is 16 chars; the emoji is two UTF-16 units.
        assert_eq!(index.line_col(TEXT, offset, Encoding::Chars).column, 16);
        assert_eq!(index.line_col(TEXT, offset, Encoding::Utf16).column, 17);
    }

    #[test]
    fn conversions_round_trip_at_every_char_boundary() {
        let index = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            for (offset, ch) in TEXT.char_indices() {
                if ch == '\n' || ch == '\r' {
                    continue;
                }
                let position = index.line_col(TEXT, offset, encoding);
                assert_eq!(index.offset(TEXT, position, encoding), offset, "{encoding:?} at {offset}");
            }
        }
    }

    #[test]
    fn crlf_lines_start_after_the_newline() {
        let index = LineIndex::new(TEXT);
        let role = TEXT.find("role").unwrap();
        assert_eq!(index.line_col(TEXT, role, Encoding::Chars), LineCol { line: 1, column: 2 });
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a\rb\r\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 2, Encoding::Chars), LineCol { line: 1, column: 0 });
        assert_eq!(index.line_col(text, 5, Encoding::Chars), LineCol { line: 2, column: 0 });
        assert_eq!(index.offset(text, LineCol { line: 1, column: 9 }, Encoding::Chars), 3);
    }

    #[test]
    fn lone_carriage_returns_are_found_and_crlf_is_not_one() {
        assert_eq!(lone_carriage_return("a\r\nb\r\n"), None);
        assert_eq!(lone_carriage_return("a\r\nb\rc\r"), Some(4));
        assert_eq!(lone_carriage_return("ab\r"), Some(2));
        assert_eq!(lone_carriage_return(""), None);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let index = LineIndex::new(TEXT);
        let end_of_first = TEXT.find('\r').unwrap();
        assert_eq!(index.offset(TEXT, LineCol { line: 0, column: 999 }, Encoding::Utf16), end_of_first);
        assert_eq!(index.offset(TEXT, LineCol { line: 99, column: 0 }, Encoding::Utf16), TEXT.len());
        let inside_emoji = TEXT.find('😀').unwrap() + 1;
        assert_eq!(index.line_col(TEXT, inside_emoji, Encoding::Chars).column, 14);
    }
}
