//! `textDocument/formatting`: the document in the canonical format (`kith_core::format`, the
//! engine of `kith fmt`), as one edit replacing only the lines that change. The format is
//! fixed, so the request's tab size and spacing options are not used. A document with a
//! syntax error is not formatted: the request fails with the problem's line and message,
//! and the editor keeps the text as it is.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::Span;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::request::Formatting as FormattingRequest;
use tower_lsp_server::ls_types::*;

/// LSP's `RequestFailed`: the request was valid, but the server could not answer it.
const REQUEST_FAILED: i64 = -32803;

pub(crate) struct Formatting;

impl DocumentRequest for Formatting {
    type Request = FormattingRequest;

    fn uri(params: &DocumentFormattingParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(snapshot: &Snapshot, _: &Config, _: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        format_document(snapshot).map(Some)
    }
}

/// The edits that format the document: none when it is already formatted, else one.
pub(crate) fn format_document(snapshot: &Snapshot) -> Result<Vec<TextEdit>> {
    let formatted = kith_core::format::format(&snapshot.text, &snapshot.tree).map_err(|error| Error {
        code: ErrorCode::ServerError(REQUEST_FAILED),
        message: format!("not formatted: {error}").into(),
        data: None,
    })?;
    let edits = changed_lines(&snapshot.text, &formatted)
        .map(|(span, replacement)| TextEdit::new(snapshot.positions().range(span), replacement.to_string()));
    Ok(edits.into_iter().collect())
}

/// The shortest run of whole lines of `old` to replace, and the text to put there, so that
/// `old` becomes `new`; `None` when they are equal. Whole lines keep every position on a line
/// start, never inside a character or between `\r` and `\n`.
fn changed_lines<'new>(old: &str, new: &'new str) -> Option<(Span, &'new str)> {
    if old == new {
        return None;
    }
    let same_start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let prefix = old.as_bytes()[..same_start].iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    let most = old.len().min(new.len()) - prefix;
    let same_end = old.bytes().rev().zip(new.bytes().rev()).take(most).take_while(|(a, b)| a == b).count();
    let starts_line = |text: &str, at: usize| at == 0 || text.as_bytes()[at - 1] == b'\n';
    let suffix = (0..=same_end)
        .rev()
        .find(|&suffix| starts_line(old, old.len() - suffix) && starts_line(new, new.len() - suffix))
        .unwrap_or(0);
    Some((Span::new(prefix, old.len() - suffix), &new[prefix..new.len() - suffix]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::PositionEncoding;
    use crate::handlers::testing::{snapshot, snapshot_in};

    /// The document's text with the edits applied (last first, so offsets stay valid).
    fn apply(snapshot: &Snapshot, edits: &[TextEdit]) -> String {
        let mut text = snapshot.text.to_string();
        let mut spans: Vec<(Span, &str)> =
            edits.iter().map(|edit| (snapshot.positions().span(edit.range), edit.new_text.as_str())).collect();
        spans.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        for (span, new_text) in spans {
            text.replace_range(span.range(), new_text);
        }
        text
    }

    fn formatted(text: &str) -> String {
        kith_core::format::format(text, &kith_core::syntax::parse(text)).expect("the test text has no syntax error")
    }

    #[test]
    fn the_edit_makes_the_document_its_canonical_form() {
        let text = "# top\nperson ada  \"Ada\"\n  2026-05-02 email\n   role mentor\n\n\nperson bob \"Bob\"\n";
        let snapshot = snapshot(text);
        let edits = format_document(&snapshot).expect("no syntax error");
        assert_eq!(edits.len(), 1);
        assert_eq!(apply(&snapshot, &edits), formatted(text));
    }

    #[test]
    fn only_the_lines_that_change_are_replaced() {
        let text = "person ada \"Ada\"\n  role mentor\n  met   2019-04-02\n  tags math\n";
        let snapshot = snapshot(text);
        let edits = format_document(&snapshot).expect("no syntax error");
        assert_eq!(edits[0].range, Range::new(Position::new(2, 0), Position::new(3, 0)));
        assert_eq!(edits[0].new_text, "  met 2019-04-02\n");
    }

    #[test]
    fn a_formatted_document_needs_no_edit() {
        let text = "person ada \"Ada\"\n  role mentor\n";
        assert_eq!(format_document(&snapshot(text)).expect("no syntax error"), Vec::new());
    }

    #[test]
    fn positions_after_wide_characters_and_in_crlf_files_are_whole_lines() {
        let text = "person zoe \"Zoë 😀\"\r\n  2026-05-02 call\r\n  role mentor\r\n";
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            let snapshot = snapshot_in(text, encoding);
            let edits = format_document(&snapshot).expect("no syntax error");
            assert_eq!(edits[0].range.start, Position::new(1, 0));
            assert_eq!(apply(&snapshot, &edits), formatted(text));
        }
    }

    #[test]
    fn a_missing_final_newline_is_added_at_the_end() {
        let text = "person ada \"Ada\"\n  role mentor";
        let snapshot = snapshot(text);
        let edits = format_document(&snapshot).expect("no syntax error");
        assert_eq!(edits[0].range, Range::new(Position::new(1, 0), Position::new(1, 13)));
        assert_eq!(apply(&snapshot, &edits), "person ada \"Ada\"\n  role mentor\n");
    }

    #[test]
    fn a_document_with_a_syntax_error_is_refused_with_its_line() {
        let error = format_document(&snapshot("person ada \"Ada\"\n  role mentor\nperson bob\n")).expect_err("refused");
        assert_eq!(error.code, ErrorCode::ServerError(REQUEST_FAILED));
        assert_eq!(
            error.message,
            "not formatted: line 3: expected a quoted text after the id: `person ada \"Ada Lovelace\"`"
        );
    }

    #[test]
    fn changed_lines_cover_insertions_and_removals_at_either_end() {
        assert_eq!(changed_lines("a\nb\n", "a\nb\n"), None);
        assert_eq!(changed_lines("a\nb\n", "a\nx\nb\n"), Some((Span::new(2, 2), "x\n")));
        assert_eq!(changed_lines("a\n\n\nb\n", "a\n\nb\n"), Some((Span::new(3, 4), "")));
        assert_eq!(changed_lines("\n\na\n", "a\n"), Some((Span::new(0, 2), "")));
        assert_eq!(changed_lines("a\nb", "a\nb\n"), Some((Span::new(2, 3), "b\n")));
        assert_eq!(changed_lines("é\n", "è\n"), Some((Span::new(0, 3), "è\n")));
    }
}
