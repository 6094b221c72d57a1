//! What the fuzz targets share: input decoding (a text, then `0xFF` and `arbitrary` bytes
//! for edits), the invariants they assert, and the reference implementations they compare
//! against. docs/reliability.md#fuzzing lists the targets and their invariants.

use arbitrary::{Arbitrary, Unstructured};
use kith_core::{check, Analysis, Date, Encoding, LineIndex, Lint, Severity, Tree};
use kith_exchange::import::{read, Format, Item, Merge, Merged, Options, Record};
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
            lint.fixes.iter().flat_map(|suggestion| suggestion.edits.iter().map(|edit| ("edit span", edit.span))),
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
/// CRLF file without a final newline (which the merge must extend in its own style).
pub const EXISTING: &[&str] = &[
    "",
    include_str!("../../tests/fixtures/import/network.kith"),
    "# CRLF, no final newline\r\nperson ada \"Ada Lovelace\"\r\n  email ada@example.org\r\n  met 2020-01-01",
];

/// The import invariants for an export in `format`: whatever `read` accepts, every record
/// names a line of the export; merging every record into each of [`EXISTING`] gives text
/// that keeps the existing people and adds exactly the new ones after them, with no new
/// error-level lint; every contact is accounted for (added, matched, or you); and merging
/// the same records into the result changes nothing.
pub fn assert_import_properties(format: Format, data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let Ok(records) = read(format, &text) else { return };
    let lines = text.lines().count().max(1);
    let records: Vec<Record> = records.collect();
    assert_records_properties(&records, Some(lines));
}

fn merge(existing: &str, records: &[Record]) -> Merged {
    let mut merge = Merge::new(existing, TODAY, Options::default());
    for record in records {
        merge.add(record.clone());
    }
    merge.finish()
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

/// The import invariants for records read some other way than [`read`] (LinkedIn's
/// archive): every record names a line from 1 to `lines` (when the files' lengths are
/// known); merging them into each of [`EXISTING`] keeps the existing people and adds
/// exactly the new ones after them, with no new error-level lint, accounting for every
/// contact; and merging the same records into the result changes nothing, adding no person
/// and logging no interaction.
pub fn assert_records_properties(records: &[Record], lines: Option<usize>) {
    let mut contacts = 0;
    for record in records {
        let line = match record {
            Ok(Item::Contact(contact)) => contact.line,
            Ok(Item::Exchange(exchange)) => exchange.line,
            Ok(Item::Skipped(skip)) => skip.line,
            Err(malformed) => malformed.line,
        };
        let most = lines.unwrap_or(usize::MAX);
        assert!(line >= 1 && line <= most, "a record on line {line} of files of at most {most} lines: {record:?}");
        contacts += usize::from(matches!(record, Ok(Item::Contact(_))));
    }
    for existing_text in EXISTING {
        let existing = check(existing_text, TODAY);
        let merged = merge(existing_text, records);
        let summary = &merged.summary;
        let owner: usize = summary.skipped.iter().filter(|(reason, _)| reason.contains("you")).map(|(_, count)| count).sum();
        assert_eq!(
            summary.people_added + summary.already_present + owner,
            contacts,
            "contacts lost or counted twice: {summary:#?}"
        );
        let whole = check(&merged.text, TODAY);
        assert_eq!(errors(&whole), errors(&existing), "the merge added errors:\n{}", merged.text);
        let ids: Vec<&str> = whole.network.people.iter().map(|person| person.id_name()).collect();
        let existing_ids: Vec<&str> = existing.network.people.iter().map(|person| person.id_name()).collect();
        assert!(ids.starts_with(&existing_ids), "the existing people changed:\n{}", merged.text);
        assert_eq!(ids.len(), existing_ids.len() + summary.people_added, "people lost or invented:\n{}", merged.text);
        let again = merge(&merged.text, records);
        assert_eq!(again.text, merged.text, "a second merge of the same records changed the file");
        assert_eq!(again.summary.people_added, 0, "a second merge added people");
        assert_eq!(again.summary.interactions_added, 0, "a second merge logged interactions");
    }
}

/// Networks the calendar target imports into: none, the calendar fixture (whose people have
/// the attendees' addresses, and `set me`, so that meetings are logged), and a CRLF file
/// without a final newline.
pub const CALENDAR_NETWORKS: &[&str] = &[
    "",
    include_str!("../../tests/fixtures/import/ics/network.kith"),
    "# CRLF, no final newline\r\nset me me@example.org\r\nperson ada \"Ada Lovelace\"\r\n  email ada@example.org\r\n  met 2020-01-01",
];

/// The calendar import invariants: whatever `read_calendar` accepts, every record names a
/// line of the file, every meeting is on or before today with a meeting kind and a summary
/// of at most 80 characters on one line; merging the records into each of
/// [`CALENDAR_NETWORKS`] adds no error-level lint and no person, and merging them again
/// changes nothing and logs nothing.
pub fn assert_calendar_import_properties(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let Ok(records) = kith_exchange::import::read_calendar(&text, TODAY) else { return };
    let records: Vec<Record> = records.collect();
    let lines = text.lines().count().max(1);
    for record in &records {
        let line = match record {
            Ok(Item::Exchange(exchange)) => {
                assert!(exchange.date <= TODAY, "a meeting after today: {exchange:?}");
                assert!(matches!(exchange.kind, "meet" | "video" | "call"), "not a meeting kind: {exchange:?}");
                assert!(exchange.summary.chars().count() <= 80, "a summary longer than 80 characters: {exchange:?}");
                assert!(!exchange.summary.chars().any(char::is_control), "a control character: {exchange:?}");
                exchange.line
            }
            Ok(Item::Contact(contact)) => panic!("a calendar gave a contact: {contact:?}"),
            Ok(Item::Skipped(skip)) => skip.line,
            Err(malformed) => malformed.line,
        };
        assert!(line >= 1 && line <= lines, "a record on line {line} of a calendar of {lines} lines: {record:?}");
    }
    assert_merges_add_no_people(&records, CALENDAR_NETWORKS, "a calendar");
}

/// Merging `records` (from `source`) into each of `networks` adds no error-level lint and
/// no person, and merging them again changes nothing and logs nothing.
fn assert_merges_add_no_people(records: &[Record], networks: &[&str], source: &str) {
    for existing_text in networks {
        let existing = check(existing_text, TODAY);
        let merged = merge(existing_text, records);
        let whole = check(&merged.text, TODAY);
        assert_eq!(errors(&whole), errors(&existing), "the merge added errors:\n{}", merged.text);
        assert_eq!(merged.summary.people_added, 0, "{source} added people:\n{}", merged.text);
        assert_eq!(whole.network.people.len(), existing.network.people.len(), "people lost:\n{}", merged.text);
        let again = merge(&merged.text, records);
        assert_eq!(again.text, merged.text, "a second merge of the same records changed the file");
        assert_eq!(again.summary.interactions_added, 0, "a second merge logged interactions");
    }
}

/// Networks the mailbox target imports into: none, the mailbox fixture (whose people have
/// the correspondents' addresses, and `set me`), and a CRLF file without a final newline.
pub const MAILBOX_NETWORKS: &[&str] = &[
    "",
    include_str!("../../tests/fixtures/import/mbox/network.kith"),
    "# CRLF, no final newline\r\nset me mara@example.net\r\nperson ada \"Ada Lovelace\"\r\n  email ada@example.org\r\n  met 2020-01-01",
];

/// The mailbox import invariants: whatever `read_mailbox` accepts (streamed from the
/// bytes), every record names a line of the file; every message is an `email` with a
/// summary of at most 80 characters on one line, addresses kith accepts and recipients
/// without the sender; merging the records into each of [`MAILBOX_NETWORKS`] adds no
/// error-level lint and no person, and merging them again changes nothing.
pub fn assert_mailbox_import_properties(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(records) = kith_exchange::import::read_mailbox(data) else { return };
    let records: Vec<Record> = records.collect();
    let breaks = data.iter().filter(|&&byte| byte == b'\n').count();
    let lines = (breaks + usize::from(!data.ends_with(b"\n"))).max(1);
    let accepted = |party: &kith_exchange::import::Party| {
        party.email.as_deref().is_some_and(|email| kith_core::values::check_email(email).is_ok())
    };
    for record in &records {
        let line = match record {
            Ok(Item::Exchange(exchange)) => {
                assert_eq!(exchange.kind, "email", "not an email: {exchange:?}");
                assert!(exchange.summary.chars().count() <= 80, "a summary longer than 80 characters: {exchange:?}");
                assert!(!exchange.summary.chars().any(char::is_control), "a control character: {exchange:?}");
                assert!(exchange.from.iter().chain(&exchange.to).all(accepted), "an address kith refuses: {exchange:?}");
                let sender = exchange.from.as_ref().and_then(|from| from.email.as_deref()).map(str::to_lowercase);
                assert!(
                    exchange.to.iter().all(|to| to.email.as_deref().map(str::to_lowercase) != sender),
                    "the sender among the recipients: {exchange:?}"
                );
                exchange.line
            }
            Ok(Item::Contact(contact)) => panic!("a mailbox gave a contact: {contact:?}"),
            Ok(Item::Skipped(skip)) => skip.line,
            Err(malformed) => malformed.line,
        };
        assert!(line >= 1 && line <= lines, "a record on line {line} of a mailbox of {lines} lines: {record:?}");
    }
    assert_merges_add_no_people(&records, MAILBOX_NETWORKS, "a mailbox");
}
