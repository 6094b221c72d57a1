//! Error recovery: a broken line stays an error on its own line and never swallows the
//! people after it, so kith-core can still analyse everyone else in the file.

use tree_sitter::{Node, Parser, Tree};

fn parse(source: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_kith::LANGUAGE.into())
        .expect("the kith grammar is compatible with this tree-sitter");
    parser.parse(source, None).expect("parsing without a timeout or cancellation flag always returns a tree")
}

fn text<'source>(node: Node<'_>, source: &'source str) -> &'source str {
    &source[node.byte_range()]
}

/// The top-level `person` nodes, each with its id.
fn persons<'tree>(tree: &'tree Tree, source: &str) -> Vec<(String, Node<'tree>)> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let children: Vec<Node<'tree>> = root.named_children(&mut cursor).collect();
    children
        .into_iter()
        .filter(|node| node.kind() == "person")
        .map(|node| {
            let id = node
                .named_child(0)
                .filter(|child| child.kind() == "identifier")
                .map_or("", |child| text(child, source));
            (id.to_string(), node)
        })
        .collect()
}

/// Every `ERROR` or missing node in the tree, as (kind, start row, end row).
fn errors(node: Node<'_>, found: &mut Vec<(String, usize, usize)>) {
    if node.is_error() || node.is_missing() {
        found.push((node.kind().to_string(), node.start_position().row, node.end_position().row));
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        errors(child, found);
    }
}

/// Parses `source`, whose broken line is `broken_row`, and checks that every error sits on
/// that line and that `grace` (the last person, with one `role sponsor` body line) is a
/// `person` node of her own that starts on `grace_row` and holds her body line.
fn assert_grace_survives(source: &str, broken_row: usize, grace_row: usize) {
    let tree = parse(source);
    let mut found = Vec::new();
    errors(tree.root_node(), &mut found);
    for (kind, start_row, end_row) in &found {
        assert!(
            *start_row == broken_row && *end_row == broken_row,
            "{kind} spans rows {start_row}..={end_row}, not only the broken row {broken_row}, in {source:?}:\n{}",
            tree.root_node().to_sexp()
        );
    }

    let persons = persons(&tree, source);
    let (id, grace) = persons.last().unwrap_or_else(|| panic!("no person parsed in {source:?}"));
    assert_eq!(id, "grace", "the last person is not grace in {source:?}:\n{}", tree.root_node().to_sexp());
    assert_eq!(grace.start_position().row, grace_row, "grace starts on the wrong row in {source:?}");
    assert!(!grace.has_error(), "grace's block holds an error in {source:?}:\n{}", grace.to_sexp());
    let mut cursor = grace.walk();
    let fields: Vec<&str> = grace
        .named_children(&mut cursor)
        .filter(|child| child.kind() == "field")
        .map(|field| text(field, source))
        .collect();
    assert_eq!(fields, ["role sponsor"], "grace lost her body line in {source:?}");
}

fn assert_has_error(source: &str) {
    let tree = parse(source);
    assert!(tree.root_node().has_error(), "expected a syntax error in {source:?}:\n{}", tree.root_node().to_sexp());
}

#[test]
fn an_unterminated_string_in_a_header_stays_on_its_line() {
    let source = "person ada \"Ada\n  role mentor\nperson grace \"Grace\"\n  role sponsor\n";
    assert_has_error(source);
    assert_grace_survives(source, 0, 2);
    let tree = parse(source);
    let ids: Vec<String> = persons(&tree, source).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["ada", "grace"]);
}

#[test]
fn an_unterminated_string_in_a_body_line_stays_on_its_line() {
    let source = "person ada \"Ada\"\n  org \"Analytical\n  role mentor\nperson grace \"Grace\"\n  role sponsor\n";
    assert_has_error(source);
    assert_grace_survives(source, 1, 3);
}

#[test]
fn an_unterminated_string_with_crlf_line_endings_stays_on_its_line() {
    let source =
        "person ada \"Ada\"\r\n  org \"Analytical\r\n  role mentor\r\nperson grace \"Grace\"\r\n  role sponsor\r\n";
    assert_has_error(source);
    assert_grace_survives(source, 1, 3);
}

#[test]
fn a_stray_bang_at_the_start_of_a_body_line_stays_on_its_line() {
    let source = "person ada \"Ada\"\n  ! coffee\nperson grace \"Grace\"\n  role sponsor\n";
    assert_has_error(source);
    assert_grace_survives(source, 1, 2);
}

#[test]
fn a_stray_bang_after_a_space_stays_on_its_line() {
    let source = "person ada \"Ada\"\n  2026-03-14 coffee ! \"x\"\nperson grace \"Grace\"\n  role sponsor\n";
    assert_has_error(source);
    assert_grace_survives(source, 1, 2);
}

#[test]
fn a_stray_bang_in_a_header_stays_on_its_line() {
    let source = "person ada \"Ada\" !\n  role mentor\nperson grace \"Grace\"\n  role sponsor\n";
    assert_has_error(source);
    assert_grace_survives(source, 0, 2);
}

#[test]
fn an_unindented_interaction_is_its_own_block_and_ends_the_person_above() {
    let source = "person ada \"Ada\"\n2026-03-14 coffee \"forgot to indent\"\nperson grace \"Grace\"\n  role sponsor\n";
    assert_grace_survives(source, 1, 2);
    let tree = parse(source);
    let root = tree.root_node();
    let stray = root.named_child(1).expect("the unindented line is the second top-level node");
    assert_eq!(stray.kind(), "unknown_directive");
    let keyword = stray.child_by_field_name("keyword").expect("an unknown directive names its keyword");
    assert_eq!(text(keyword, source), "2026-03-14");
}

#[test]
fn an_unknown_directive_keeps_its_body_and_the_next_person_is_separate() {
    let source = "persn ada \"Ada\"\n  role mentor\nperson grace \"Grace\"\n  role sponsor\n";
    assert_grace_survives(source, 0, 2);
    let tree = parse(source);
    let root = tree.root_node();
    let unknown = root.named_child(0).expect("the misspelt directive is the first top-level node");
    assert_eq!(unknown.kind(), "unknown_directive");
    assert_eq!(text(unknown.child_by_field_name("keyword").expect("it names its keyword"), source), "persn");
    let mut cursor = unknown.walk();
    let body: Vec<(&str, &str)> = unknown
        .named_children(&mut cursor)
        .filter(|child| child.kind() == "field")
        .map(|field| (field.kind(), text(field, source)))
        .collect();
    assert_eq!(body, [("field", "role mentor")], "the unknown directive keeps its body line");
}

#[test]
fn a_broken_last_line_without_a_final_newline_is_still_a_person() {
    for source in [
        "person grace \"Grace\"\n  role sponsor\nperson ada \"Ada",
        "person grace \"Grace\"\n  role sponsor\nperson ada \"Ada\" !",
        "person grace \"Grace\"\n  role sponsor\nperson ada \"Ada\"\n  note \"",
    ] {
        assert_has_error(source);
        let tree = parse(source);
        let persons = persons(&tree, source);
        let ids: Vec<&str> = persons.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["grace", "ada"], "in {source:?}:\n{}", tree.root_node().to_sexp());
        assert!(!persons[0].1.has_error(), "grace's block holds an error in {source:?}");
        assert_eq!(persons[1].1.start_position().row, 2, "ada starts on the wrong row in {source:?}");
    }
}
