// External scanner for kith: indentation of body lines and the end of a last line
// that has no newline. Everything else is lexed by the generated parser.
#include "tree_sitter/parser.h"

enum TokenType { INDENT, END_OF_FILE, ERROR_SENTINEL };

void *tree_sitter_kith_external_scanner_create(void) { return NULL; }
void tree_sitter_kith_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_kith_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_kith_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_blank(int32_t c) { return c == ' ' || c == '\t'; }

bool tree_sitter_kith_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  if (valid_symbols[ERROR_SENTINEL]) return false;

  if (valid_symbols[END_OF_FILE] && lexer->eof(lexer)) {
    lexer->result_symbol = END_OF_FILE;
    return true;
  }

  if (valid_symbols[INDENT] && is_blank(lexer->lookahead) && lexer->get_column(lexer) == 0) {
    while (is_blank(lexer->lookahead)) lexer->advance(lexer, false);
    int32_t next = lexer->lookahead;
    // A line of only whitespace, or only a comment, is blank: it is not a body line.
    if (lexer->eof(lexer) || next == '\n' || next == '\r' || next == '#') return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = INDENT;
    return true;
  }
  return false;
}
