//! The editor queries in `queries/`: each compiles against the grammar, uses only what
//! Neovim, Helix and the tree-sitter CLI all understand, and captures what it promises.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator, Tree};

/// The predicates every one of Neovim, Helix and the tree-sitter CLI supports.
const PORTABLE_PREDICATES: [&str; 3] = ["eq?", "any-of?", "match?"];

/// The highlight names the highlights query may use: standard names in all three editors
/// (or, for `string.special.url`, a name whose prefix is).
const HIGHLIGHT_NAMES: [&str; 12] = [
    "comment",
    "constant",
    "function",
    "keyword",
    "label",
    "number",
    "operator",
    "property",
    "punctuation.delimiter",
    "string",
    "string.special",
    "string.special.url",
];

fn language() -> Language {
    tree_sitter_kith::LANGUAGE.into()
}

fn parse(source: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("the kith grammar is compatible with this tree-sitter");
    parser.parse(source, None).expect("parsing without a timeout or cancellation flag always returns a tree")
}

fn compile(name: &str, source: &str) -> Query {
    Query::new(&language(), source).unwrap_or_else(|error| panic!("queries/{name} does not compile: {error}"))
}

/// Every `.scm` file in `queries/`, as (file name, text), sorted by name.
fn query_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|error| panic!("cannot read an entry of {}: {error}", dir.display())).path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "scm"))
        .map(|path| {
            let name = path.file_name().expect("a listed file has a name").to_string_lossy().into_owned();
            let text =
                fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// Runs `query` over `source` and returns, for each captured byte range, its capture names
/// in the order the query's patterns produce them.
fn captures_by_range(query: &Query, source: &str) -> BTreeMap<(usize, usize), Vec<String>> {
    let tree = parse(source);
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(query, tree.root_node(), source.as_bytes());
    let mut by_range: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    while let Some((found, index)) = captures.next() {
        let capture = found.captures()[*index];
        let name = query.capture_names()[capture.index as usize].to_string();
        let range = (capture.node.start_byte(), capture.node.end_byte());
        let names = by_range.entry(range).or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    by_range
}

#[test]
fn every_query_file_compiles() {
    let files = query_files();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    for expected in ["folds.scm", "highlights.scm", "indents.scm"] {
        assert!(names.contains(&expected), "queries/{expected} is missing; found {names:?}");
    }
    for (name, text) in &files {
        let query = compile(name, text);
        assert!(query.pattern_count() > 0, "queries/{name} has no patterns");
    }
}

#[test]
fn the_exported_queries_compile() {
    for (name, text) in [
        ("highlights.scm", tree_sitter_kith::HIGHLIGHTS_QUERY),
        ("folds.scm", tree_sitter_kith::FOLDS_QUERY),
        ("indents.scm", tree_sitter_kith::INDENTS_QUERY),
    ] {
        compile(name, text);
    }
}

#[test]
fn queries_use_only_portable_predicates() {
    for (name, text) in query_files() {
        let code: String = text.lines().map(|line| line.split(';').next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        for (offset, _) in code.match_indices("(#") {
            let predicate: String =
                code[offset + 2..].chars().take_while(|c| !c.is_whitespace() && *c != ')').collect();
            assert!(
                PORTABLE_PREDICATES.contains(&predicate.as_str()),
                "queries/{name} uses `#{predicate}`, which not every editor supports; use one of {PORTABLE_PREDICATES:?}"
            );
        }
        let query = compile(&name, &text);
        for pattern in 0..query.pattern_count() {
            assert!(
                query.general_predicates(pattern).is_empty() && query.property_settings(pattern).is_empty(),
                "queries/{name} pattern {pattern} uses a predicate or directive tree-sitter itself does not know"
            );
        }
    }
}

#[test]
fn highlights_use_only_portable_capture_names() {
    let query = compile("highlights.scm", tree_sitter_kith::HIGHLIGHTS_QUERY);
    for name in query.capture_names() {
        assert!(
            HIGHLIGHT_NAMES.contains(name),
            "highlights.scm captures `@{name}`, which is not one of {HIGHLIGHT_NAMES:?}"
        );
    }
}

const NETWORK: &str = "\
# my network
set stale-after 6m
set key-people 12
set builtin-roles off
pillar wellbeing \"Sane\"
role elder \"Elder\"
  pillar wellbeing
person ada \"Ada Lovelace\"   # the Countess
  role mentor, elder
  email ada@example.org
  url https://ada.example.org
  birthday --12-10
  via @grace
  2026-08-30 email! \"Long letter\"
frobnicate x
";

/// The capture names of the token `needle` on line `row` (0-based) of [`NETWORK`].
fn highlights_of(by_range: &BTreeMap<(usize, usize), Vec<String>>, row: usize, needle: &str) -> Vec<String> {
    let line_start: usize = NETWORK.split_inclusive('\n').take(row).map(str::len).sum();
    let line = NETWORK.split_inclusive('\n').nth(row).unwrap_or_else(|| panic!("the sample has no line {row}"));
    let column = line.find(needle).unwrap_or_else(|| panic!("line {row} ({line:?}) has no {needle:?}"));
    let start = line_start + column;
    by_range.get(&(start, start + needle.len())).cloned().unwrap_or_default()
}

#[test]
fn highlights_capture_each_token_once_with_its_name() {
    let query = compile("highlights.scm", tree_sitter_kith::HIGHLIGHTS_QUERY);
    let by_range = captures_by_range(&query, NETWORK);

    for (range, names) in &by_range {
        assert_eq!(
            names.len(),
            1,
            "{:?} is captured as {names:?}: editors disagree on which wins",
            &NETWORK[range.0..range.1]
        );
    }

    let expected: [(usize, &str, &str); 30] = [
        (0, "# my network", "comment"),
        (1, "set", "keyword"),
        (1, "stale-after", "property"),
        (1, "6m", "number"),
        (2, "12", "number"),
        (3, "off", "constant"),
        (4, "pillar", "keyword"),
        (4, "wellbeing", "constant"),
        (4, "\"Sane\"", "string"),
        (5, "role", "keyword"),
        (5, "elder", "constant"),
        (6, "pillar", "property"),
        (6, "wellbeing", "constant"),
        (7, "person", "keyword"),
        (7, "ada", "constant"),
        (7, "\"Ada Lovelace\"", "string"),
        (7, "# the Countess", "comment"),
        (8, "role", "property"),
        (8, "mentor", "constant"),
        (8, ",", "punctuation.delimiter"),
        (8, "elder", "constant"),
        (9, "ada@example.org", "string.special.url"),
        (10, "https://ada.example.org", "string.special.url"),
        (11, "--12-10", "string.special"),
        (12, "via", "property"),
        (12, "@grace", "label"),
        (13, "2026-08-30", "string.special"),
        (13, "email", "function"),
        (13, "!", "operator"),
        (13, "\"Long letter\"", "string"),
    ];
    let mut failures = Vec::new();
    for (row, needle, name) in expected {
        let actual = highlights_of(&by_range, row, needle);
        if actual != [name] {
            failures.push(format!("line {row} {needle:?}: expected [{name:?}], got {actual:?}"));
        }
    }
    assert!(failures.is_empty(), "wrong highlights:\n{}", failures.join("\n"));
}

#[test]
fn an_unknown_directive_keyword_is_not_highlighted_as_a_keyword() {
    let query = compile("highlights.scm", tree_sitter_kith::HIGHLIGHTS_QUERY);
    let by_range = captures_by_range(&query, NETWORK);
    assert_eq!(highlights_of(&by_range, 14, "frobnicate"), Vec::<String>::new());
}

#[test]
fn folds_cover_each_directive_block_from_header_to_last_body_line() {
    let source = "set stale-after 6m\npillar wellbeing \"Sane\"\nrole elder \"Elder\"\n  pillar wellbeing\n  every 3m\n\n# between\nperson ada \"Ada\"\n  role elder\n\n  2026-03-14 coffee\nfrobnicate x\n  note \"y\"\nperson grace \"Grace\"\n  role mentor";
    let query = compile("folds.scm", tree_sitter_kith::FOLDS_QUERY);
    let tree = parse(source);
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(&query, tree.root_node(), source.as_bytes());
    let mut folds = Vec::new();
    while let Some((found, index)) = captures.next() {
        let capture = found.captures()[*index];
        assert_eq!(query.capture_names()[capture.index as usize], "fold");
        let node = capture.node;
        // A block ends where the next directive starts: its last line is the one before
        // when it ends at column 0 (editors fold the same way).
        let end = node.end_position();
        let last_row = if end.column == 0 { end.row - 1 } else { end.row };
        folds.push((node.kind(), node.start_position().row, last_row));
    }
    assert_eq!(
        folds,
        [("setting", 0, 0), ("pillar", 1, 1), ("role", 2, 6), ("person", 7, 10), ("person", 13, 14)],
        "the unknown directive on line 11 gets no fold; every other block folds whole"
    );
}

#[test]
fn indents_mark_every_directive_block_for_neovim_and_helix() {
    let source = "set allow stale\npillar wellbeing \"Sane\"\nrole elder \"Elder\"\n  every 3m\nperson ada \"Ada\"\n  role elder\n";
    let query = compile("indents.scm", tree_sitter_kith::INDENTS_QUERY);
    let tree = parse(source);
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(&query, tree.root_node(), source.as_bytes());
    let mut names_by_kind: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    while let Some((found, index)) = captures.next() {
        let capture = found.captures()[*index];
        names_by_kind.entry(capture.node.kind()).or_default().push(query.capture_names()[capture.index as usize]);
    }
    for kind in ["setting", "pillar", "role", "person"] {
        let mut names = names_by_kind.get(kind).cloned().unwrap_or_default();
        names.sort_unstable();
        assert_eq!(names, ["indent", "indent.begin"], "the {kind} block's indent captures");
    }
}
