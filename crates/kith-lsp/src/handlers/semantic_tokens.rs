//! `textDocument/semanticTokens/full`: the grammar's highlight query run over the
//! snapshot's tree, its captures mapped to standard token types, and `@` mentions of
//! people inside strings marked as references. Tokens are encoded relative to each other
//! in the negotiated position encoding.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::model::ReferenceOrigin;
use kith_core::Span;
use std::sync::OnceLock;
use tower_lsp_server::ls_types::request::SemanticTokensFullRequest;
use tower_lsp_server::ls_types::*;
use tree_sitter::{Node, Query, QueryCursor, StreamingIterator};

pub(crate) struct SemanticTokensFull;

impl DocumentRequest for SemanticTokensFull {
    type Request = SemanticTokensFullRequest;

    fn uri(params: &SemanticTokensParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        _: SemanticTokensParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<SemanticTokensResult>> {
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data: semantic_tokens(snapshot) })))
    }
}

/// The token types the server uses; a token's type is its index here.
static TOKEN_TYPES: [SemanticTokenType; 9] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::COMMENT,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::OPERATOR,
];

/// The token modifiers the server uses; bit `i` of a token's modifiers is the `i`th.
static TOKEN_MODIFIERS: [SemanticTokenModifier; 1] = [SemanticTokenModifier::DECLARATION];

const DECLARATION: u32 = 1;

/// The legend announced at `initialize`.
pub(crate) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend { token_types: TOKEN_TYPES.to_vec(), token_modifiers: TOKEN_MODIFIERS.to_vec() }
}

/// A semantic token type, by its place in [`TOKEN_TYPES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenType {
    Keyword,
    Property,
    String,
    Number,
    Comment,
    /// Interaction kinds.
    Function,
    /// Person ids: in headers, `@` references and mentions.
    Variable,
    /// Other ids: roles, pillars, tags, rule codes, setting values.
    EnumMember,
    /// The `!` that marks an interaction meaningful.
    Operator,
}

impl TokenType {
    /// The token type of a highlight capture name; `None` for captures without a standard
    /// counterpart (punctuation), which are not sent.
    fn of_capture(name: &str) -> Option<Self> {
        let token_type = match name.split('.').next().unwrap_or(name) {
            "keyword" => TokenType::Keyword,
            "property" => TokenType::Property,
            "string" => TokenType::String,
            "number" => TokenType::Number,
            "comment" => TokenType::Comment,
            "function" => TokenType::Function,
            "label" | "variable" => TokenType::Variable,
            "constant" => TokenType::EnumMember,
            "operator" => TokenType::Operator,
            _ => return None,
        };
        Some(token_type)
    }

    fn index(self) -> u32 {
        self as u32
    }
}

/// The compiled highlight query and the token type of each of its captures.
struct Highlights {
    query: Query,
    capture_types: Vec<Option<TokenType>>,
}

fn highlights() -> &'static Highlights {
    static HIGHLIGHTS: OnceLock<Highlights> = OnceLock::new();
    HIGHLIGHTS.get_or_init(|| {
        let query = Query::new(&tree_sitter_kith::LANGUAGE.into(), tree_sitter_kith::HIGHLIGHTS_QUERY)
            .expect("the bundled highlight query compiles against the bundled grammar (tree-sitter-kith tests it)");
        let capture_types = query.capture_names().iter().map(|name| TokenType::of_capture(name)).collect();
        Highlights { query, capture_types }
    })
}

/// One token before encoding: a byte span on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    span: Span,
    token_type: TokenType,
    modifiers: u32,
}

/// The id a directive declares is a declaration; a person's is a [`TokenType::Variable`],
/// like the references to it.
fn refine(node: Node<'_>, token_type: TokenType) -> (TokenType, u32) {
    let parent = node.parent().map(|parent| parent.kind());
    match (token_type, parent) {
        (TokenType::EnumMember, Some("person")) => (TokenType::Variable, DECLARATION),
        (TokenType::EnumMember, Some("role" | "pillar")) => (TokenType::EnumMember, DECLARATION),
        _ => (token_type, 0),
    }
}

/// Every highlighted token of the snapshot, in order and without overlaps.
fn tokens(snapshot: &Snapshot) -> Vec<Token> {
    let highlights = highlights();
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(&highlights.query, snapshot.tree.root_node(), snapshot.text.as_bytes());
    let mut tokens: Vec<Token> = Vec::new();
    while let Some((found, capture_index)) = captures.next() {
        let capture = found.captures()[*capture_index];
        let Some(token_type) = highlights.capture_types[capture.index as usize] else { continue };
        let span = Span::new(capture.node.start_byte(), capture.node.end_byte());
        // A node captured by two patterns, or inside one already highlighted, keeps the first.
        if span.is_empty() || tokens.last().is_some_and(|last| span.start < last.span.end) {
            continue;
        }
        let (token_type, modifiers) = refine(capture.node, token_type);
        tokens.push(Token { span, token_type, modifiers });
    }
    split_mentions(snapshot, tokens)
}

/// Splits string tokens around the `@` mentions of people they hold, which become
/// [`TokenType::Variable`] tokens.
fn split_mentions(snapshot: &Snapshot, tokens: Vec<Token>) -> Vec<Token> {
    let network = &snapshot.analysis.network;
    let mut mentions = network
        .resolved_references()
        .filter(|reference| reference.origin == ReferenceOrigin::Mention)
        .map(|reference| reference.span)
        .peekable();
    let mut split = Vec::with_capacity(tokens.len());
    for token in tokens {
        let mut rest = token.span;
        while let Some(mention) = mentions.next_if(|mention| mention.start < token.span.end) {
            if token.token_type != TokenType::String || mention.start < rest.start || mention.end > rest.end {
                continue;
            }
            split.push(Token { span: Span::new(rest.start, mention.start), ..token });
            split.push(Token { span: mention, token_type: TokenType::Variable, modifiers: 0 });
            rest = Span::new(mention.end, rest.end);
        }
        split.push(Token { span: rest, ..token });
    }
    split.retain(|token| !token.span.is_empty());
    split
}

/// The tokens encoded as LSP wants them: each relative to the one before, lengths and
/// columns in the negotiated encoding.
pub(crate) fn semantic_tokens(snapshot: &Snapshot) -> Vec<SemanticToken> {
    let positions = snapshot.positions();
    let mut encoded = Vec::new();
    let mut previous = Position::new(0, 0);
    for token in tokens(snapshot) {
        let (start, end) = (positions.position(token.span.start), positions.position(token.span.end));
        // kith has no multi-line tokens; anything else is broken input and is not highlighted.
        if start.line != end.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - previous.line;
        let delta_start = if delta_line == 0 { start.character - previous.character } else { start.character };
        encoded.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token.token_type.index(),
            token_modifiers_bitset: token.modifiers,
        });
        previous = start;
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::PositionEncoding;
    use crate::handlers::testing::{snapshot, snapshot_in};

    /// Decodes tokens back to absolute (line, column, length, type name, modifiers).
    fn decoded(tokens: &[SemanticToken]) -> Vec<(u32, u32, u32, &'static str, u32)> {
        let (mut line, mut column) = (0, 0);
        tokens
            .iter()
            .map(|token| {
                line += token.delta_line;
                column = if token.delta_line == 0 { column + token.delta_start } else { token.delta_start };
                let name = TOKEN_TYPES[token.token_type as usize].as_str();
                (line, column, token.length, name, token.token_modifiers_bitset)
            })
            .collect()
    }

    #[test]
    fn every_capture_of_the_highlight_query_is_mapped_or_deliberately_dropped() {
        for name in highlights().query.capture_names() {
            let known = TokenType::of_capture(name).is_some() || name.starts_with("punctuation");
            assert!(
                known,
                "the highlight query's `@{name}` has no semantic token type: map it in TokenType::of_capture"
            );
        }
    }

    #[test]
    fn each_token_type_indexes_its_legend_entry() {
        let pairs = [
            (TokenType::Keyword, SemanticTokenType::KEYWORD),
            (TokenType::Property, SemanticTokenType::PROPERTY),
            (TokenType::String, SemanticTokenType::STRING),
            (TokenType::Number, SemanticTokenType::NUMBER),
            (TokenType::Comment, SemanticTokenType::COMMENT),
            (TokenType::Function, SemanticTokenType::FUNCTION),
            (TokenType::Variable, SemanticTokenType::VARIABLE),
            (TokenType::EnumMember, SemanticTokenType::ENUM_MEMBER),
            (TokenType::Operator, SemanticTokenType::OPERATOR),
        ];
        assert_eq!(pairs.len(), TOKEN_TYPES.len());
        for (token_type, legend_entry) in pairs {
            assert_eq!(TOKEN_TYPES[token_type.index() as usize], legend_entry);
        }
    }

    #[test]
    fn a_person_block_is_highlighted_token_by_token() {
        let text = "person ada \"Ada\" # hi\n  role mentor\n  every 3m\n  via @grace\n  2026-03-14 email! \"for @ada\"\n\nperson grace \"G\"\n";
        let tokens = decoded(&semantic_tokens(&snapshot(text)));
        assert_eq!(
            tokens,
            [
                (0, 0, 6, "keyword", 0),
                (0, 7, 3, "variable", DECLARATION),
                (0, 11, 5, "string", 0),
                (0, 17, 4, "comment", 0),
                (1, 2, 4, "property", 0),
                (1, 7, 6, "enumMember", 0),
                (2, 2, 5, "property", 0),
                (2, 8, 2, "number", 0),
                (3, 2, 3, "property", 0),
                (3, 6, 6, "variable", 0),
                (4, 2, 10, "string", 0),
                (4, 13, 5, "function", 0),
                (4, 18, 1, "operator", 0),
                (4, 20, 5, "string", 0),
                (4, 25, 4, "variable", 0),
                (4, 29, 1, "string", 0),
                (6, 0, 6, "keyword", 0),
                (6, 7, 5, "variable", DECLARATION),
                (6, 13, 3, "string", 0),
            ]
        );
    }

    #[test]
    fn declared_roles_and_pillars_are_declarations() {
        let text = "pillar home \"family\"\nrole elder \"wise\"\n  pillar home\n";
        let tokens = decoded(&semantic_tokens(&snapshot(text)));
        let ids: Vec<_> = tokens.into_iter().filter(|token| token.3 == "enumMember").collect();
        assert_eq!(
            ids,
            [(0, 7, 4, "enumMember", DECLARATION), (1, 5, 5, "enumMember", DECLARATION), (2, 9, 4, "enumMember", 0)]
        );
    }

    #[test]
    fn columns_and_lengths_follow_the_encoding() {
        let text = "person zoe \"Zoë 😀\" # 😀\n";
        let utf16 = decoded(&semantic_tokens(&snapshot_in(text, PositionEncoding::Utf16)));
        assert_eq!(utf16[2..], [(0, 11, 8, "string", 0), (0, 20, 4, "comment", 0)]);
        let utf8 = decoded(&semantic_tokens(&snapshot_in(text, PositionEncoding::Utf8)));
        assert_eq!(utf8[2..], [(0, 11, 11, "string", 0), (0, 23, 6, "comment", 0)]);
    }
}
