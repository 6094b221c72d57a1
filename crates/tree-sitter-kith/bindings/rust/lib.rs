//! The kith tree-sitter grammar: its language function and its editor queries.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_kith::LANGUAGE.into()).expect("grammar loads");
//! let tree = parser.parse("person ada \"Ada Lovelace\"\n", None).expect("parses");
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_kith() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for kith.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_kith) };

/// The content of the `node-types.json` file for this grammar.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Syntax highlighting query (`queries/highlights.scm`).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// Folding query (`queries/folds.scm`): one fold per directive block.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

/// Indentation query (`queries/indents.scm`), with Neovim's and Helix's capture names.
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn the_grammar_loads() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("the kith grammar is compatible with this tree-sitter");
    }
}
