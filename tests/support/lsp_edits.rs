//! Applies LSP text edits to a text as an editor does, for the end-to-end tests that check
//! what the server's edits make of a document.

use serde_json::Value;

/// What the `character` of an LSP position counts: the position encoding negotiated at
/// `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PositionEncoding {
    Utf16,
    Utf8,
}

/// The byte offset in `text` of the LSP `position`. A line past the end is the end of the
/// text; a character past the end of its line is that end, before its `\r\n` or `\n`.
pub(crate) fn offset(text: &str, position: &Value, encoding: PositionEncoding) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let character = position["character"].as_u64().expect("a character") as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' || ch == '\r' {
            return line_start + index;
        }
        units += match encoding {
            PositionEncoding::Utf16 => ch.len_utf16(),
            PositionEncoding::Utf8 => ch.len_utf8(),
        };
    }
    text.len()
}

/// `text` with the LSP `TextEdit`s applied. Every edit's range refers to `text` as it was,
/// so they are applied last first.
pub(crate) fn apply_text_edits(text: &str, edits: &[Value], encoding: PositionEncoding) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            let start = offset(text, &edit["range"]["start"], encoding);
            let end = offset(text, &edit["range"]["end"], encoding);
            (start, end, edit["newText"].as_str().expect("newText is a string"))
        })
        .collect();
    spans.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut result = text.to_string();
    for (start, end, new_text) in spans {
        result.replace_range(start..end, new_text);
    }
    result
}
