/*
 * External scanner for ADVPL/TLPP.
 *
 * It produces the tokens a context-free lexer cannot:
 *  - the statement terminator at the end of a line (NEWLINE), where a `;` at the
 *    end of a line (optionally followed by a `//` or `&&` comment) instead joins
 *    the next line (LINE_CONTINUATION), and a `;` in the middle of a line
 *    separates statements (SEMICOLON);
 *  - comments, because `*` opens a comment only as the first character of a line
 *    and `&&` must not be read as two macro operators;
 *  - the raw text of embedded SQL / content blocks, up to the next `%macro%`, the
 *    next `column` line or the closing `EndSql` / `EndContent` line;
 *  - the raw text of preprocessor lines, which follow `;` continuations.
 */
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  NEWLINE,
  SEMICOLON,
  LINE_CONTINUATION,
  COMMENT,
  SQL_TEXT,
  PREPROC_ARG,
  PREPROC_PATTERN,
  SQL_EXP_END,
  STRAY,
  ERROR_SENTINEL,
};

typedef struct {
  /* The previous external token was a line continuation: a `*` at the start of
   * the next line is multiplication, not a comment. */
  bool after_continuation;
  /* The zero-width NEWLINE that ends the last statement at end of file was
   * emitted; emitting it again would loop forever. */
  bool eof_newline_emitted;
} Scanner;

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }
/* The characters grammar.js lists as blank extras; the scanner must skip the
 * same ones or a line ending after them would not end the statement. */
static inline bool is_blank(int32_t c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '`' || c == 0x1A || c == 0xA0 || c == 0xFEFF;
}
static inline bool is_eol(int32_t c) { return c == '\n' || c == '\r'; }
static inline bool is_word_char(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
/* Bytes that are not UTF-8 (most sources are CP1252), control characters,
 * backslashes and non-letter characters outside ASCII, such as the CP850
 * box-drawing left over from old banners. None of them is an ADVPL token;
 * outside strings and comments they are skipped as a hidden extra. */
static inline bool is_stray(int32_t c) {
  return c < 0 || (c > 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
         c == '\\' || (c >= 0x80 && c < 0xC0 && c != 0xA0) || c > 0xFF;
}
static inline int32_t lower(int32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Consumes one end of line: CRLF, LF or a lone CR. */
static void consume_eol(TSLexer *lexer) {
  if (lexer->lookahead == '\r') {
    advance(lexer);
    if (lexer->lookahead == '\n') advance(lexer);
  } else if (lexer->lookahead == '\n') {
    advance(lexer);
  }
}

static void consume_to_eol(TSLexer *lexer) {
  while (!lexer->eof(lexer) && !is_eol(lexer->lookahead)) advance(lexer);
}

/* Reads a word (letters, digits, `_`) in lowercase into buf; returns its length.
 * The characters are consumed. */
static unsigned read_word(TSLexer *lexer, char *buf, unsigned size) {
  unsigned n = 0;
  while (!lexer->eof(lexer) && (is_word_char(lexer->lookahead) || lexer->lookahead == '-')) {
    if (n + 1 < size) buf[n] = (char)lower(lexer->lookahead);
    n++;
    advance(lexer);
  }
  buf[n < size ? n : size - 1] = '\0';
  return n;
}

/* Words that, at the start of a block text token, belong to the grammar: the
 * closing keywords, a `column` line, and the `Alias`/`Var` clause that follows
 * `BeginSql`/`BeginContent` on their own line. */
static bool is_block_end_word(const char *w) {
  return strcmp(w, "endsql") == 0 || strcmp(w, "endcontent") == 0 || strcmp(w, "column") == 0;
}

static bool is_sql_macro_word(const char *w) {
  static const char *const names[] = {"exp", "table", "temp-table", "xfilial", "notdel", "order",
                                      "noparser", "nolock", "nounion", "exptable", NULL};
  for (int i = 0; names[i]; i++) {
    if (strcmp(w, names[i]) == 0) return true;
  }
  return false;
}

/*
 * Raw text of an embedded SQL or content block. The token ends before a
 * `%macro`, before a line that starts with `EndSql`, `EndContent` or
 * `column`, or at end of file. Returns false when there is no text before such
 * a stop, so the grammar reads the macro or the keyword.
 */
static bool scan_block_text(TSLexer *lexer) {
  char word[16];
  bool has_text = false;
  /* The previous token may have stopped right before a closing keyword. */
  while (is_blank(lexer->lookahead)) advance(lexer);
  if (is_word_char(lexer->lookahead)) {
    read_word(lexer, word, sizeof word);
    if (is_block_end_word(word) || strcmp(word, "alias") == 0 || strcmp(word, "var") == 0) return false;
    has_text = true;
    lexer->mark_end(lexer);
  }
  while (!lexer->eof(lexer)) {
    int32_t c = lexer->lookahead;
    if (c == '%') {
      advance(lexer);
      read_word(lexer, word, sizeof word);
      if (is_sql_macro_word(word) && (lexer->lookahead == ':' || lexer->lookahead == '%')) break;
      has_text = true;
      lexer->mark_end(lexer);
    } else if (is_eol(c)) {
      consume_eol(lexer);
      while (is_blank(lexer->lookahead)) advance(lexer);
      has_text = true;
      lexer->mark_end(lexer);
      read_word(lexer, word, sizeof word);
      if (is_block_end_word(word) && !is_word_char(lexer->lookahead)) break;
      lexer->mark_end(lexer);
    } else {
      advance(lexer);
      has_text = true;
      lexer->mark_end(lexer);
    }
  }
  if (!has_text) return false;
  lexer->result_symbol = SQL_TEXT;
  return true;
}

/*
 * Raw text of a preprocessor line, following `;` continuations. For the
 * pattern of a #command/#translate, stop before `=>`.
 */
static bool scan_preproc_text(TSLexer *lexer, bool pattern) {
  bool skipped = false;
  while (is_blank(lexer->lookahead)) {
    skip(lexer);
    skipped = true;
  }
  /* `#define F(a, b)`: the parameter list belongs to the grammar. */
  if (!pattern && !skipped && lexer->lookahead == '(') return false;
  bool has_text = false;
  while (!lexer->eof(lexer) && !is_eol(lexer->lookahead)) {
    int32_t c = lexer->lookahead;
    if (pattern && c == '=') {
      lexer->mark_end(lexer);
      advance(lexer);
      if (lexer->lookahead == '>') break;
      has_text = true;
      continue;
    }
    advance(lexer);
    if (c == ';') {
      /* A `;` followed only by blanks continues the directive on the next line. */
      lexer->mark_end(lexer);
      while (is_blank(lexer->lookahead)) advance(lexer);
      if (is_eol(lexer->lookahead)) {
        consume_eol(lexer);
        has_text = true;
        lexer->mark_end(lexer);
        continue;
      }
    }
    if (!is_blank(c)) {
      has_text = true;
      lexer->mark_end(lexer);
    }
  }
  if (!has_text) return false;
  lexer->result_symbol = pattern ? PREPROC_PATTERN : PREPROC_ARG;
  return true;
}

static bool finish(Scanner *s, TSLexer *lexer, enum TokenType type) {
  lexer->result_symbol = type;
  s->after_continuation = type == LINE_CONTINUATION;
  return true;
}

static bool scan(Scanner *s, TSLexer *lexer, const bool *valid) {
  bool recovering = valid[ERROR_SENTINEL];

  if (valid[SQL_TEXT] && !recovering) return scan_block_text(lexer);

  if (!recovering && (valid[PREPROC_ARG] || valid[PREPROC_PATTERN])) {
    if (scan_preproc_text(lexer, valid[PREPROC_PATTERN])) return true;
    if (lexer->lookahead == '(') return false;
  }

  bool line_start = lexer->get_column(lexer) == 0 && !s->after_continuation;
  while (is_blank(lexer->lookahead)) skip(lexer);
  int32_t c = lexer->lookahead;

  if (is_stray(c) && !lexer->eof(lexer)) {
    while (is_stray(lexer->lookahead) && !lexer->eof(lexer)) advance(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = STRAY;
    return true;
  }

  if (c == '%' && valid[SQL_EXP_END] && !recovering) {
    advance(lexer);
    lexer->mark_end(lexer);
    return finish(s, lexer, SQL_EXP_END);
  }

  if (lexer->eof(lexer)) {
    if (valid[NEWLINE] && !s->eof_newline_emitted) {
      s->eof_newline_emitted = true;
      lexer->mark_end(lexer);
      return finish(s, lexer, NEWLINE);
    }
    return false;
  }

  if (is_eol(c)) {
    /* A statement never spans lines without a continuation, so the end of a
     * line ends it even where the grammar does not expect it: an unbalanced
     * parenthesis becomes an error on its own line, as with the compiler's
     * C2002, instead of swallowing the next line. One token covers the end of
     * line and any blank lines after it. */
    consume_eol(lexer);
    lexer->mark_end(lexer);
    for (;;) {
      while (is_blank(lexer->lookahead)) advance(lexer);
      if (!is_eol(lexer->lookahead)) break;
      consume_eol(lexer);
      lexer->mark_end(lexer);
    }
    return finish(s, lexer, NEWLINE);
  }

  if (c == ';') {
    advance(lexer);
    lexer->mark_end(lexer);
    while (is_blank(lexer->lookahead)) advance(lexer);
    bool comment = false;
    if (lexer->lookahead == '/') {
      advance(lexer);
      comment = lexer->lookahead == '/';
    } else if (lexer->lookahead == '&') {
      advance(lexer);
      comment = lexer->lookahead == '&';
    }
    if (comment) consume_to_eol(lexer);
    if (comment || is_eol(lexer->lookahead) || lexer->eof(lexer)) {
      consume_eol(lexer);
      lexer->mark_end(lexer);
      return finish(s, lexer, LINE_CONTINUATION);
    }
    if (valid[SEMICOLON]) return finish(s, lexer, SEMICOLON);
    return false;
  }

  if (c == '*' && line_start) {
    consume_to_eol(lexer);
    lexer->mark_end(lexer);
    return finish(s, lexer, COMMENT);
  }

  if (c == '/') {
    advance(lexer);
    if (lexer->lookahead == '/') {
      consume_to_eol(lexer);
      lexer->mark_end(lexer);
      return finish(s, lexer, COMMENT);
    }
    if (lexer->lookahead != '*') return false;
    advance(lexer);
    // A ProtheusDOC block (slash-star-slash then {Protheus.doc}) is read by the grammar.
    if (lexer->lookahead == '/') {
      advance(lexer);
      if (lexer->lookahead == '{') return false;
    }
    for (;;) {
      if (lexer->eof(lexer)) break;
      if (lexer->lookahead == '*') {
        advance(lexer);
        if (lexer->lookahead == '/') {
          advance(lexer);
          break;
        }
      } else {
        advance(lexer);
      }
    }
    lexer->mark_end(lexer);
    return finish(s, lexer, COMMENT);
  }

  if (c == '&') {
    advance(lexer);
    if (lexer->lookahead != '&') return false;
    consume_to_eol(lexer);
    lexer->mark_end(lexer);
    return finish(s, lexer, COMMENT);
  }

  return false;
}

void *tree_sitter_advpl_external_scanner_create(void) {
  Scanner *s = calloc(1, sizeof(Scanner));
  return s;
}

void tree_sitter_advpl_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_advpl_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *s = payload;
  buffer[0] = (char)((s->after_continuation ? 1 : 0) | (s->eof_newline_emitted ? 2 : 0));
  return 1;
}

void tree_sitter_advpl_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *s = payload;
  s->after_continuation = length > 0 && (buffer[0] & 1);
  s->eof_newline_emitted = length > 0 && (buffer[0] & 2);
}

bool tree_sitter_advpl_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  return scan(payload, lexer, valid_symbols);
}
