//! What the fuzz targets share: input decoding (a text, then `0xFF` and `arbitrary` bytes
//! for edits), the invariants they assert, and the reference implementations they compare
//! against. docs/reliability.md#fuzzing lists the targets and their invariants.

use arbitrary::{Arbitrary, Unstructured};
use kith_core::{check, Analysis, Date, Encoding, LineIndex, Lint, Severity, Tree};
use kith_exchange::import::{append, read, Format, Importer, Outcome};
use tree_sitter::Node;

/// The day every target checks on (the property tests' day).
pub const TODAY: Date = jiff::civil::date(2026, 11, 25);

/// Longer inputs are skipped: they slow every execution and find nothing short ones miss.
pub const MAX_INPUT: usize = 64 * 1024;

/// The byte that separates a target's text from its edits: it never occurs in UTF-8, so a
/// text seed (a fixture) is a valid input as it is, and the mutator edits the text freely.
pub const SEPARATOR: u8 = 0xFF;

/// Splits an input into its text (invalid UTF-8 replaced) and the bytes after the first
/// [`SEPARATOR`], from which the edits are drawn.
pub fn text_and_tail(data: &[u8]) -> (String, &[u8]) {
    match data.iter().position(|&byte| byte == SEPARATOR) {
        Some(at) => (String::from_utf8_lossy(&data[..at]).into_owned(), &data[at + 1..]),
        None => (String::from_utf8_lossy(data).into_owned(), &[]),
    }
}

/// `T` drawn from all of `tail` (the default when it is empty or runs out).
pub fn arbitrary_tail<'a, T: Arbitrary<'a> + Default>(tail: &'a [u8]) -> T {
    T::arbitrary_take_rest(Unstructured::new(tail)).unwrap_or_default()
}

/// Pieces of kith that random bytes rarely spell: keywords, line breaks of every style,
/// indentation, quotes, references, marks, dates (impossible ones too), a byte-order mark,
/// non-ASCII and astral characters.
pub const PIECES: &[&str] = &[
    "person ",
    "role ",
    "pillar ",
    "set ",
    "\n  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\"",
    "\\",
    "@",
    "@ada",
    "!",
    ", ",
    ",",
    "# ",
    "2026-02-30 ",
    "2025-01-01 coffee",
    "--02-29",
    "6m",
    "\u{feff}",
    "é",
    "😀",
    "\n  met 2020-01-01 \"at @bob's\"",
    "\n  knows @ada, @bob",
    "\n  email ada@example.org",
    "\nperson ada \"Ada\"\n",
    "\nset stale-after 2w\n",
    "\nrole guide \"g\"\n  every 2w\n",
];

/// What an edit inserts.
#[derive(Debug, Clone, Arbitrary)]
pub enum Insert {
    Nothing,
    Piece(u8),
    Text(String),
}

impl Insert {
    pub fn text(&self) -> &str {
        match self {
            Insert::Nothing => "",
            Insert::Piece(index) => PIECES[usize::from(*index) % PIECES.len()],
            Insert::Text(text) => text,
        }
    }
}

/// The largest char boundary of `text` at or before `offset` (clamped to the text).
pub fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every lint's span, related spans and suggestion edit spans lie inside `text`, start at
/// or before their end and fall on character boundaries; converting an edge to a line and
/// column (UTF-8, UTF-16, chars) and back gives the same offset (except between the `\r`
/// and `\n` of a CRLF, which no column can name).
pub fn assert_spans_inside(text: &str, lints: &[Lint]) {
    let index = LineIndex::new(text);
    for lint in lints {
        let mut spans = vec![("span", lint.span)];
        spans.extend(lint.related.iter().map(|related| ("related span", related.span)));
        spans.extend(
            lint.suggestions.iter().flat_map(|suggestion| suggestion.edits.iter().map(|edit| ("edit span", edit.span))),
        );
        for (what, span) in spans {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "the {what} {span:?} of a `{}` lint lies outside the text of {} bytes: {:?}",
                lint.code,
                text.len(),
                lint.message
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "the {what} {span:?} of a `{}` lint cuts a character: {:?}",
                lint.code,
                lint.message
            );
            for offset in [span.start, span.end] {
                let inside_crlf =
                    offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text[offset..].starts_with('\n');
                if inside_crlf {
                    continue;
                }
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
                    let position = index.line_col(text, offset, encoding);
                    assert_eq!(
                        index.offset(text, position, encoding),
                        offset,
                        "offset {offset} → {position:?} ({encoding:?}) does not convert back (a `{}` {what})",
                        lint.code
                    );
                }
            }
        }
    }
}

/// Two analyses are the same: network, catalog and lints.
pub fn assert_same_analysis(actual: &Analysis, expected: &Analysis, what: &str, text: &str) {
    assert_eq!(actual.lints, expected.lints, "{what}: the lints differ on {text:?}");
    assert_eq!(actual.catalog, expected.catalog, "{what}: the catalog differs on {text:?}");
    assert_eq!(actual.network, expected.network, "{what}: the network differs on {text:?}");
}

/// Every node of a tree, in order: kind, flags and position.
type NodeFacts = (u16, bool, bool, bool, usize, usize, (usize, usize), (usize, usize));

fn node_facts(tree: &Tree) -> Vec<NodeFacts> {
    fn collect(node: Node<'_>, facts: &mut Vec<NodeFacts>) {
        let (start, end) = (node.start_position(), node.end_position());
        facts.push((
            node.kind_id(),
            node.is_named(),
            node.is_missing(),
            node.is_error(),
            node.start_byte(),
            node.end_byte(),
            (start.row, start.column),
            (end.row, end.column),
        ));
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            collect(child, facts);
        }
    }
    let mut facts = Vec::new();
    collect(tree.root_node(), &mut facts);
    facts
}

/// Where a fresh parse of `text` finds no syntax error, the incrementally re-parsed `tree`
/// is the same tree, node for node (kinds, byte offsets and points). With an error,
/// tree-sitter's recovery after an incremental re-parse may legitimately differ
/// (docs/lsp.md), so only error-free texts are compared.
pub fn assert_same_tree_when_error_free(tree: &Tree, text: &str) {
    let fresh = kith_core::syntax::parse(text);
    if fresh.root_node().has_error() {
        return;
    }
    let (incremental, fresh) = (node_facts(tree), node_facts(&fresh));
    if incremental != fresh {
        let first =
            incremental.iter().zip(&fresh).position(|(a, b)| a != b).unwrap_or(incremental.len().min(fresh.len()));
        panic!(
            "the incremental re-parse differs from a fresh parse of an error-free text at node {first}: {:?} instead of {:?}\nincremental: {}\nfresh: {}\ntext: {text:?}",
            incremental.get(first),
            fresh.get(first),
            tree.root_node().to_sexp(),
            kith_core::syntax::parse(text).root_node().to_sexp(),
        );
    }
}

/// The formatter's properties on any text (the ones tests/format_properties.rs proves on
/// generated networks): a text without a syntax error is formatted idempotently, losslessly
/// (the same tokens and comments in each block) and with the same lints; with no trailing
/// whitespace and a final newline; a text with one is refused, naming a line of the text.
pub fn assert_format_properties(text: &str) {
    use kith_core::format::format;
    use kith_core::syntax::parse;
    let tree = parse(text);
    let formatted = match format(text, &tree) {
        Ok(formatted) => formatted,
        Err(error) => {
            let syntax_lint = check(text, TODAY).lints.iter().any(|lint| lint.code == "syntax");
            assert!(syntax_lint || tree.root_node().has_error(), "refused without a syntax error: {error}\n{text:?}");
            assert!(
                error.line >= 1 && error.line <= text.lines().count().max(1) + 1,
                "the error names line {} of a text of {} lines",
                error.line,
                text.lines().count()
            );
            assert!(
                error.span.start <= error.span.end && error.span.end <= text.len(),
                "the error span {:?}",
                error.span
            );
            return;
        }
    };
    let again = format(&formatted, &parse(&formatted));
    assert_eq!(again.as_deref(), Ok(formatted.as_str()), "not idempotent on\n{text:?}\nformatted once:\n{formatted:?}");
    assert_eq!(
        leaves_by_block(&formatted),
        leaves_by_block(text),
        "not lossless on\n{text:?}\nformatted:\n{formatted:?}"
    );
    assert_eq!(
        lints_modulo_positions(&formatted),
        lints_modulo_positions(text),
        "the lints changed on\n{text:?}\nformatted:\n{formatted:?}"
    );
    assert!(
        !formatted.lines().any(|line| line.ends_with([' ', '\t', '\r'])),
        "trailing whitespace in\n{formatted:?}\nformatted from\n{text:?}"
    );
    let content = formatted.trim_start_matches('\u{feff}');
    assert!(content.is_empty() || content.ends_with('\n'), "no final newline in\n{formatted:?}");
}

/// Every leaf of the tree as `(block, text)`, sorted: the block is the index of the
/// top-level directive it sits in (`None` before the first); comments lose trailing spaces
/// and tabs, the one change the formatter makes to them. (As in tests/format_properties.rs.)
pub fn leaves_by_block(text: &str) -> Vec<(Option<usize>, String)> {
    fn collect(node: Node<'_>, text: &str, block: Option<usize>, leaves: &mut Vec<(Option<usize>, String)>) {
        if node.child_count() == 0 {
            let leaf = &text[node.start_byte()..node.end_byte()];
            if !leaf.is_empty() {
                let leaf = if node.kind() == "comment" { leaf.trim_end_matches([' ', '\t']) } else { leaf };
                leaves.push((block, leaf.to_string()));
            }
            return;
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            collect(child, text, block, leaves);
        }
    }
    let tree = kith_core::syntax::parse(text);
    let root = tree.root_node();
    let mut leaves = Vec::new();
    let mut directives: usize = 0;
    let mut cursor = root.walk();
    for node in root.children(&mut cursor) {
        let block = if node.kind() == "comment" {
            directives.checked_sub(1)
        } else {
            directives += 1;
            Some(directives - 1)
        };
        collect(node, text, block, &mut leaves);
    }
    leaves.sort();
    leaves
}

/// The lints of `text` without positions, sorted, `unsorted-log` (which formatting fixes)
/// left out, their messages without whitespace: a message quotes a value as written, and
/// the formatter respaces a value written as several tokens (`every 3  months`). Quoted
/// values are abbreviated counting characters without whitespace, so the cut is the same.
/// (tests/format_properties.rs drops only the whitespace between backquotes, which a
/// value holding a backquote confuses.) Strings keep their spaces: the lossless check
/// compares them byte for byte.
pub fn lints_modulo_positions(text: &str) -> Vec<(&'static str, Severity, String, Option<String>)> {
    let mut lints: Vec<_> = check(text, TODAY)
        .lints
        .into_iter()
        .filter(|lint| lint.code != "unsorted-log")
        .map(|lint| {
            let message = lint.message.chars().filter(|ch| !ch.is_whitespace()).collect();
            (lint.code, lint.severity, message, lint.person)
        })
        .collect();
    lints.sort();
    lints
}

/// Existing networks the import targets import into: none, the import fixture, and a
/// CRLF file without a final newline (which `append` must extend in its own style).
pub const EXISTING: &[&str] = &[
    "",
    include_str!("../../tests/fixtures/import/network.kith"),
    "# CRLF, no final newline\r\nperson ada \"Ada Lovelace\"\r\n  email ada@example.org\r\n  met 2020-01-01",
];

/// The import invariants for an export in `format`: whatever `read` accepts, every record
/// (a contact, or a malformed record) names a line of the export; feeding every contact to
/// an `Importer` over each of [`EXISTING`], the rendered text and the existing text with it
/// appended parse with no error-level lint, and hold exactly the people imported, with
/// the ids the importer gave them, in order (nobody lost, nobody invented).
pub fn assert_import_properties(format: Format, data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let Ok(records) = read(format, &text) else { return };
    let lines = text.lines().count().max(1);
    let mut contacts = Vec::new();
    for record in records {
        let line = match &record {
            Ok(contact) => contact.line,
            Err(malformed) => malformed.line,
        };
        assert!(line >= 1 && line <= lines, "a record on line {line} of an export of {lines} lines: {record:?}");
        contacts.extend(record.ok());
    }
    for existing_text in EXISTING {
        let existing = check(existing_text, TODAY);
        let existing_errors = errors(&existing);
        let mut importer = Importer::new(&existing.network, TODAY);
        let mut imported = Vec::new();
        for contact in &contacts {
            if let Outcome::Imported(id) = importer.add(contact.clone()) {
                imported.push(id);
            }
        }
        assert_eq!(importer.imported(), imported.len(), "Importer::imported disagrees with the outcomes");
        let rendered = importer.render();
        let alone = check(&rendered, TODAY);
        assert!(errors(&alone).is_empty(), "the rendered people have errors:\n{rendered}\n{:#?}", errors(&alone));
        let ids: Vec<&str> = alone.network.people.iter().map(|person| person.id_name()).collect();
        assert_eq!(ids, imported, "the rendered people are not the imported ones:\n{rendered}");

        let appended = append(existing_text, &rendered);
        assert!(appended.starts_with(existing_text), "append changed the existing text");
        let whole = check(&appended, TODAY);
        assert_eq!(errors(&whole), existing_errors, "appending added errors:\n{appended}");
        let whole_ids: Vec<&str> = whole.network.people.iter().map(|person| person.id_name()).collect();
        let expected: Vec<&str> = existing
            .network
            .people
            .iter()
            .map(|person| person.id_name())
            .chain(imported.iter().map(String::as_str))
            .collect();
        assert_eq!(
            whole_ids, expected,
            "after appending, the people are not the existing and imported ones:\n{appended}"
        );
    }
}

/// The error-level lints of an analysis, without positions.
fn errors(analysis: &Analysis) -> Vec<(&'static str, String)> {
    analysis
        .lints
        .iter()
        .filter(|lint| lint.severity == Severity::Error)
        .map(|lint| (lint.code, lint.message.clone()))
        .collect()
}
