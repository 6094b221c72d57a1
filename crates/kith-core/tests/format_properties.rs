//! Property tests of the formatter: over generated networks (every construct, with random
//! comments, blank lines, indentation, spacing, CRLF and byte-order marks), over random
//! edits of a valid file and over the repository's real files, formatting is idempotent,
//! lossless (the tree's tokens and comments, block by block, are unchanged) and keeps the
//! lints (same codes and messages, except `unsorted-log`, which formatting fixes).

mod common;

use common::{apply, Edit, SEED, TODAY};
use kith_core::format::format;
use kith_core::syntax::parse;
use kith_core::Severity;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use tree_sitter::Node;

/// Every leaf of the tree as `(block, text)`: the block is the index of the top-level
/// directive it sits in (`None` before the first one); comments lose trailing spaces and
/// tabs, the one change the formatter makes to them.
fn leaves_by_block(text: &str) -> Vec<(Option<usize>, String)> {
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
    let tree = parse(text);
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

/// How lint messages are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Messages {
    /// Byte for byte.
    Exact,
    /// Ignoring whitespace inside `` ` ``-quoted values: a value written as several tokens
    /// (`every 3  months`, `pillar ,promoters`) is respaced like any other tokens (and a
    /// quote abbreviated with `…` then ends elsewhere).
    QuotedValuesRespaced,
}

fn without_quoted_whitespace(message: &str) -> String {
    let parts: Vec<String> = message
        .split('`')
        .enumerate()
        .map(|(index, part)| match index % 2 {
            0 => part.to_string(),
            _ if part.ends_with('…') => "…".to_string(),
            _ => part.chars().filter(|ch| !ch.is_whitespace()).collect(),
        })
        .collect();
    parts.join("`")
}

/// The lints of `text` without positions, `unsorted-log` left out.
fn lints_modulo_positions(text: &str, messages: Messages) -> Vec<(&'static str, Severity, String, Option<String>)> {
    let mut lints: Vec<_> = kith_core::check(text, TODAY)
        .lints
        .into_iter()
        .filter(|lint| lint.code != "unsorted-log")
        .map(|lint| {
            let message = match messages {
                Messages::Exact => lint.message,
                Messages::QuotedValuesRespaced => without_quoted_whitespace(&lint.message),
            };
            (lint.code, lint.severity, message, lint.person)
        })
        .collect();
    lints.sort();
    lints
}

/// Formats `text`, which must have no syntax error, and checks every property.
fn assert_properties(text: &str, messages: Messages) -> Result<String, TestCaseError> {
    let formatted = match format(text, &parse(text)) {
        Ok(formatted) => formatted,
        Err(error) => return Err(TestCaseError::fail(format!("{error} in\n{text:?}"))),
    };
    let again = format(&formatted, &parse(&formatted));
    prop_assert_eq!(again.as_deref(), Ok(formatted.as_str()), "not idempotent on\n{:?}", text);
    prop_assert_eq!(leaves_by_block(&formatted), leaves_by_block(text), "not lossless on\n{:?}", text);
    prop_assert_eq!(
        lints_modulo_positions(&formatted, messages),
        lints_modulo_positions(text, messages),
        "lints changed on\n{:?}",
        text
    );
    prop_assert!(
        !formatted.lines().any(|line| line.ends_with([' ', '\t', '\r'])),
        "trailing whitespace in\n{:?}",
        formatted
    );
    let content = formatted.trim_start_matches('\u{feff}');
    prop_assert!(content.is_empty() || content.ends_with('\n'), "no final newline in\n{:?}", formatted);
    Ok(formatted)
}

/// One line of a generated network: its tokens and an optional end-of-line comment.
#[derive(Debug, Clone)]
struct Line {
    tokens: Vec<String>,
    comment: Option<String>,
}

#[derive(Debug, Clone)]
struct Block {
    header: Line,
    body: Vec<Line>,
}

/// A valid network in the abstract, before spacing is chosen.
#[derive(Debug, Clone)]
struct Network {
    blocks: Vec<Block>,
    /// Comment lines sprinkled between lines, as (position, text).
    comments: Vec<(usize, String)>,
}

/// Splits a line written with single spaces into its tokens (strings kept whole).
fn tokens(text: &str) -> Vec<String> {
    let mut tokens = vec![String::new()];
    let mut quoted = false;
    let mut escaped = false;
    for ch in text.chars() {
        match ch {
            ' ' if !quoted => tokens.push(String::new()),
            '"' if !escaped => quoted = !quoted,
            _ => {}
        }
        escaped = quoted && ch == '\\' && !escaped;
        if ch != ' ' || quoted {
            tokens.last_mut().expect("starts with one token").push(ch);
        }
    }
    tokens
}

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["ada", "grace", "bob", "zoe", "linus"]).prop_map(str::to_string)
}

fn string() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"Ada\"",
        "\"Ada  Lovelace\"",
        "\"Talked it through, thanks to @grace  \"",
        "\"\"",
        "\"Zoë_Ωmega_李\"",
        "\"says_\\\"hi\\\"\"",
        "\"met_@ada_there\"",
        "\"a#b!c,d\"",
        "\"back\\\\slash\"",
    ])
    .prop_map(str::to_string)
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (2025u32..=2026, 1u32..=12, 1u32..=3).prop_map(|(year, month, day)| format!("{year}-{month:02}-{day:02}")),
        1 => prop::sample::select(vec!["2026-02-30", "2026-13-01", "2027-01-01"]).prop_map(str::to_string),
    ]
}

fn comment() -> impl Strategy<Value = String> {
    "[ a-zA-Z0-9#!\"',@é😀\t-]{0,12}".prop_map(|text| format!("#{text}"))
}

fn list(items: Vec<&'static str>, prefix: &'static str) -> impl Strategy<Value = String> {
    prop::sample::subsequence(items, 1..=3)
        .prop_map(move |chosen| chosen.iter().map(|item| format!("{prefix}{item}")).collect::<Vec<_>>().join(" , "))
}

fn person_line() -> impl Strategy<Value = String> {
    prop_oneof![
        list(vec!["mentor", "sponsor", "truth-teller", "investor", "mentr"], "")
            .prop_map(|roles| format!("role {roles}")),
        prop::sample::select(vec!["2m", "3w", "90d", "1y"]).prop_map(|every| format!("every {every}")),
        (prop::sample::select(vec!["org", "title", "location", "phone", "note"]), string())
            .prop_map(|(field, value)| format!("{field} {value}")),
        prop::sample::select(vec!["ada@example.org", "\"grace@example.org\"", "ADA@example.org"])
            .prop_map(|email| format!("email {email}")),
        Just("url https://example.org/ada".to_string()),
        prop::sample::select(vec!["--04-17", "1988-07-23"]).prop_map(|birthday| format!("birthday {birthday}")),
        (date(), prop::option::of(string())).prop_map(|(date, story)| match story {
            Some(story) => format!("met {date} {story}"),
            None => format!("met {date}"),
        }),
        id().prop_map(|id| format!("via @{id}")),
        list(vec!["ada", "grace", "bob", "nobody"], "@").prop_map(|known| format!("knows {known}")),
        list(vec!["math", "computing", "Kernel"], "").prop_map(|tags| format!("tags {tags}")),
        list(vec!["no-context", "stale", "stail"], "").prop_map(|allowed| format!("allow {allowed}")),
        (prop::sample::select(vec!["nickname", "pronouns", "emial"]), string())
            .prop_map(|(field, value)| format!("{field} {value}")),
        interaction(),
        interaction(),
        interaction(),
    ]
}

fn interaction() -> impl Strategy<Value = String> {
    let kind = prop::sample::select(vec!["coffee", "call", "email", "asked", "helped", "lunch", "meet"]);
    (date(), kind, any::<bool>(), prop::option::of(string())).prop_map(|(date, kind, marked, note)| {
        let mark = if marked { "!" } else { "" };
        match note {
            Some(note) => format!("{date} {kind}{mark} {note}"),
            None => format!("{date} {kind}{mark}"),
        }
    })
}

fn line(text: impl Strategy<Value = String>) -> impl Strategy<Value = Line> {
    (text, prop::option::weighted(0.2, comment())).prop_map(|(text, comment)| Line { tokens: tokens(&text), comment })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => (line((id(), string()).prop_map(|(id, name)| format!("person {id} {name}"))), prop::collection::vec(line(person_line()), 0..8))
            .prop_map(|(header, body)| Block { header, body }),
        1 => (
            line(prop::sample::select(vec!["role investor \"backs\"", "role mentor \"walked the road\""]).prop_map(str::to_string)),
            prop::collection::vec(
                line(prop::sample::select(vec!["pillar promoters", "pillar family", "every 3m", "every 2w"]).prop_map(str::to_string)),
                0..3,
            ),
        )
            .prop_map(|(header, body)| Block { header, body }),
        1 => line(Just("pillar family \"the people at home\"".to_string())).prop_map(|header| Block { header, body: Vec::new() }),
        2 => line(prop::sample::select(vec![
            "set stale-after 6m",
            "set key-people 2",
            "set builtin-roles on",
            "set allow echo-chamber , stale",
        ]).prop_map(str::to_string))
            .prop_map(|header| Block { header, body: Vec::new() }),
    ]
}

fn network() -> impl Strategy<Value = Network> {
    (prop::collection::vec(block(), 0..7), prop::collection::vec((0usize..40, comment()), 0..12))
        .prop_map(|(blocks, comments)| Network { blocks, comments })
}

/// How the network is spelled: a stream of choices for every gap, indentation and blank
/// line, plus the file-wide line ending, byte-order mark and final newline.
#[derive(Debug, Clone)]
struct Spelling {
    choices: Vec<u8>,
    crlf: bool,
    bom: bool,
    final_newline: bool,
}

fn spelling() -> impl Strategy<Value = Spelling> {
    (
        prop::collection::vec(any::<u8>(), 1..64),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(choices, crlf, bom, final_newline)| Spelling { choices, crlf, bom, final_newline })
}

struct Writer<'a> {
    spelling: &'a Spelling,
    next: usize,
    lines: Vec<String>,
}

impl Writer<'_> {
    fn pick<'s>(&mut self, options: &[&'s str]) -> &'s str {
        let choice = self.spelling.choices[self.next % self.spelling.choices.len()];
        self.next += 1;
        options[usize::from(choice) % options.len()]
    }

    fn code(&mut self, indent: &str, line: &Line) {
        let mut written = indent.to_string();
        for (index, token) in line.tokens.iter().enumerate() {
            if index > 0 {
                let gap = if token == "," {
                    self.pick(&["", "", " ", "\t"])
                } else if line.tokens[index - 1] == "," {
                    self.pick(&["", " ", " ", "  ", "\t"])
                } else {
                    self.pick(&[" ", " ", "  ", "\t", " \t "])
                };
                written.push_str(gap);
            }
            written.push_str(token);
        }
        if let Some(comment) = &line.comment {
            written.push_str(self.pick(&[" ", "   ", "\t"]));
            written.push_str(comment);
        }
        written.push_str(self.pick(&["", "", "", " ", "\t "]));
        self.lines.push(written);
    }

    /// Maybe some blank lines (possibly holding whitespace) and the comments due here.
    fn between(&mut self, network: &Network, position: usize) {
        for _ in 0..self.pick(&["", "", "", "x", "xx"]).len() {
            let blank = self.pick(&["", "", "  ", "\t"]).to_string();
            self.lines.push(blank);
        }
        for (at, comment) in &network.comments {
            if *at == position {
                let indent = self.pick(&["", "  ", "    ", "\t"]).to_string();
                self.lines.push(format!("{indent}{comment}"));
            }
        }
    }

    fn write(spelling: &Spelling, network: &Network) -> String {
        let mut writer = Writer { spelling, next: 0, lines: Vec::new() };
        let mut position = 0;
        for block in &network.blocks {
            writer.between(network, position);
            position += 1;
            writer.code("", &block.header);
            for line in &block.body {
                writer.between(network, position);
                position += 1;
                let indent = writer.pick(&["  ", "  ", " ", "    ", "\t", " \t"]);
                writer.code(indent, line);
            }
        }
        writer.between(network, position);
        let newline = if spelling.crlf { "\r\n" } else { "\n" };
        let mut text = if spelling.bom { "\u{feff}".to_string() } else { String::new() };
        text.push_str(&writer.lines.join(newline));
        if spelling.final_newline && !writer.lines.is_empty() {
            text.push_str(newline);
        }
        text
    }
}

/// Edits of a valid file: deletions, and insertions of kith-like pieces.
fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop::sample::select(vec![
        "\n",
        "\r\n",
        "\n  ",
        "\n# c\n",
        "  # c",
        "\t",
        " ",
        ",",
        "!",
        "@ada",
        "\"x\"",
        "2026-01-01 call",
        "role ",
        "\n  role mentor",
        "\n  2025-01-01 coffee",
        "\nperson x \"X\"\n",
        "\nset key-people 3\n",
    ]);
    common::edit(piece.prop_map(str::to_string), 20)
}

fn has_syntax_lint(text: &str) -> bool {
    kith_core::check(text, TODAY).lints.iter().any(|lint| lint.code == "syntax")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_networks_format_idempotently_losslessly_and_keep_their_lints(
        network in network(),
        spelling in spelling(),
    ) {
        let text = Writer::write(&spelling, &network);
        let formatted = assert_properties(&text, Messages::Exact)?;
        prop_assert_eq!(formatted.starts_with('\u{feff}'), spelling.bom);
        let crlf_breaks = formatted.matches("\r\n").count();
        // A file without any line break gets LF.
        if spelling.crlf && text.contains('\n') {
            prop_assert_eq!(crlf_breaks, formatted.matches('\n').count(), "a line break is not CRLF in\n{:?}", formatted);
        } else {
            prop_assert!(!formatted.contains('\r'), "a CR in an LF file:\n{:?}", formatted);
        }
        prop_assert!(!kith_core::check(&formatted, TODAY).lints.iter().any(|lint| lint.code == "unsorted-log"), "the log is sorted:\n{}", formatted);
    }

    #[test]
    fn any_edit_of_a_valid_file_is_either_refused_or_formatted_soundly(edits in prop::collection::vec(edit(), 1..8)) {
        let mut text = SEED.to_string();
        for edit in &edits {
            apply(&mut text, edit);
        }
        match format(&text, &parse(&text)) {
            Ok(_) => {
                assert_properties(&text, Messages::QuotedValuesRespaced)?;
            }
            Err(error) => {
                let tree = parse(&text);
                prop_assert!(has_syntax_lint(&text) || tree.root_node().has_error(), "refused without a syntax error: {}", error);
                prop_assert!(error.line >= 1 && error.line <= text.lines().count().max(1) + 1);
            }
        }
    }
}

fn kith_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            kith_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "kith") {
            found.push(path);
        }
    }
}

#[test]
fn real_files_are_formatted_soundly_or_refused_for_their_syntax_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![root.join("examples/network.kith")];
    kith_files(&root.join("tests/fixtures"), &mut files);
    assert!(files.len() >= 5, "{files:?}");
    let mut formatted_any = false;
    for path in &files {
        // Fixtures that are not UTF-8 on purpose are not kith text at all.
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        if has_syntax_lint(&text) {
            let error = format(&text, &parse(&text)).expect_err("a file with a syntax error is refused");
            let first_syntax = kith_core::check(&text, TODAY)
                .lints
                .into_iter()
                .find(|lint| lint.code == "syntax")
                .expect("it has one");
            assert_eq!(error.message, first_syntax.message, "{}", path.display());
        } else {
            assert_properties(&text, Messages::Exact).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            formatted_any = true;
        }
    }
    assert!(formatted_any);
}
