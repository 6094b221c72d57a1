//! Parsing `.kith` text into a tree-sitter syntax tree with the kith grammar.

use tree_sitter::{Parser, Tree};

/// A parser set up with the kith grammar. Keep one around to re-parse incrementally.
pub fn parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_kith::LANGUAGE.into())
        .expect("the bundled kith grammar matches the tree-sitter runtime it is built with");
    parser
}

/// Parses `text` from scratch.
pub fn parse(text: &str) -> Tree {
    parse_with(&mut parser(), text, None)
}

/// Parses `text` with `parser`, reusing the unchanged parts of `old` (already edited with
/// `Tree::edit`) when given.
pub fn parse_with(parser: &mut Parser, text: &str, old: Option<&Tree>) -> Tree {
    parser
        .parse(text, old)
        .expect("parsing only fails without a language, after a timeout or on cancellation; none is set")
}
