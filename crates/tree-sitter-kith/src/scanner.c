// External scanner for kith: indentation of body lines, the end of a block, and the end
// of a last line that has no newline. Everything else is lexed by the generated parser.
#include "tree_sitter/alloc.h"
#include "tree_sitter/parser.h"

enum TokenType { INDENT, END_OF_FILE, ERROR_SENTINEL, BLOCK_END };

// The scanner's only state: whether it has already ended the file's last line. The
// runtime ignores an empty token after a syntax error unless the scanner's state changed,
// so flipping this flag is what lets a broken last line without a final newline still end.
typedef struct {
  bool ended_last_line;
} Scanner;

void *tree_sitter_kith_external_scanner_create(void) { return ts_calloc(1, sizeof(Scanner)); }

void tree_sitter_kith_external_scanner_destroy(void *payload) { ts_free(payload); }

unsigned tree_sitter_kith_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *scanner = (Scanner *)payload;
  buffer[0] = (char)scanner->ended_last_line;
  return 1;
}

void tree_sitter_kith_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *scanner = (Scanner *)payload;
  scanner->ended_last_line = length > 0 && buffer[0] != 0;
}

static bool is_blank(int32_t c) { return c == ' ' || c == '\t'; }

bool tree_sitter_kith_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  Scanner *scanner = (Scanner *)payload;
  bool in_error_recovery = valid_symbols[ERROR_SENTINEL];

  // The end of a last line without a newline, once. During error recovery too: it is
  // the only way to finish a broken last line, and it is always a correct token there.
  if (valid_symbols[END_OF_FILE] && !scanner->ended_last_line) {
    // Blanks after the last token of a last line belong to no token: look past them.
    // (Skipping is undone if no token is returned.)
    if (!valid_symbols[INDENT]) {
      while (is_blank(lexer->lookahead)) lexer->advance(lexer, true);
    }
    if (lexer->eof(lexer)) {
      scanner->ended_last_line = true;
      lexer->result_symbol = END_OF_FILE;
      return true;
    }
  }
  if (in_error_recovery) return false;

  // A line that starts with something else than a blank, a newline or a comment ends the
  // block before it. Zero-width, so the next directive's keyword is always lexed after the
  // block is complete, wherever the block came from: that is what lets an incremental
  // re-parse reuse whole blocks.
  if (valid_symbols[BLOCK_END] && !is_blank(lexer->lookahead) && !lexer->eof(lexer) && lexer->lookahead != '\n' &&
      lexer->lookahead != '\r' && lexer->lookahead != '#' && lexer->get_column(lexer) == 0) {
    lexer->result_symbol = BLOCK_END;
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
