/**
 * Tree-sitter grammar for kith, the plain-text format for the people who matter.
 *
 * The grammar is deliberately permissive about values: every line is read as a
 * directive or body line holding a flat list of typed tokens, and kith-core decides
 * what each value means. That keeps error recovery line-local (a broken line never
 * swallows the people after it) and lets the core explain problems in words.
 */
module.exports = grammar({
  name: 'kith',

  externals: $ => [
    $._indent,        // leading spaces or tabs of a body line (never of a blank/comment line)
    $._eof,           // zero-width end of the last line when the file lacks a final newline
    $._error_sentinel, // only valid during error recovery; the scanner then stays silent
    $._block_end,     // zero-width end of a block before the next line at column 0: the next
                      // keyword is then lexed at the top level, so re-parsing reuses blocks
  ],

  extras: $ => [/[ \t\uFEFF]/, $.comment],

  word: $ => $.identifier,

  rules: {
    source_file: $ => repeat(choice($._directive, $._newline)),

    _directive: $ => choice($.person, $.role, $.pillar, $.setting, $.include, $.unknown_directive),

    person: $ => prec.right(seq('person', repeat($._argument), $._line_end, repeat($._body), optional($._block_end))),
    role: $ => prec.right(seq('role', repeat($._argument), $._line_end, repeat($._body), optional($._block_end))),
    pillar: $ => prec.right(seq('pillar', repeat($._argument), $._line_end, repeat($._body), optional($._block_end))),
    setting: $ => prec.right(seq('set', repeat($._argument), $._line_end, repeat($._body), optional($._block_end))),
    // `include "contacts/linkedin.kith"`: another file of the same network.
    include: $ => prec.right(seq('include', repeat($._argument), $._line_end, repeat($._body), optional($._block_end))),
    unknown_directive: $ => prec.right(seq(
      field('keyword', choice($.identifier, $.bare)),
      repeat($._argument),
      $._line_end,
      repeat($._body),
      optional($._block_end),
    )),

    _body: $ => choice(seq($._indent, choice($.field, $.interaction), $._line_end), $._newline),

    field: $ => seq(field('name', $.identifier), repeat($._argument)),

    interaction: $ => seq(
      // A body line that does not start with a name is read as an interaction, even when its
      // date is malformed (`2026-2-3`), so kith-core can say what is wrong with the date.
      field('date', choice($.date, $.month_day, $.integer, $.bare)),
      optional(seq(field('kind', $.kind), repeat($._argument))),
    ),

    kind: $ => seq($.identifier, optional($.meaningful_mark)),
    meaningful_mark: _ => token.immediate('!'),

    _argument: $ => choice($._value, ','),

    _value: $ => choice(
      $.string,
      $.date,
      $.month_day,
      $.duration,
      $.integer,
      $.reference,
      $.email,
      $.url,
      $.identifier,
      $.bare,
    ),

    string: _ => token(seq('"', repeat(choice(/[^"\\\r\n]/, /\\[^\r\n]/)), '"')),
    date: _ => /\d{4}-\d{2}-\d{2}/,
    month_day: _ => /--\d{2}-\d{2}/,
    duration: _ => /\d+[a-zA-Z]/,
    integer: _ => /\d+/,
    reference: _ => /@[A-Za-z0-9_][A-Za-z0-9_-]*/,
    email: _ => /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*/,
    url: _ => /[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s,#"]+/,
    // Letters of any script, so `café` is one word that kith-core can judge as a whole.
    identifier: _ => /[\p{L}_][\p{L}\p{N}_-]*/,
    // Anything else that is not whitespace, a comma, a quote or a comment: kept so the
    // core can say what is wrong with it instead of a bare syntax error. It has the same
    // lexical precedence as the typed values, so the longest match wins and `a/b`, `c++`
    // or `@ada.b` stay one value; on a tie (`mentor`) the typed value declared above wins.
    bare: _ => /[^\s,#"!]+/,

    comment: _ => token(seq('#', /[^\r\n]*/)),

    _newline: _ => /\r?\n/,
    _line_end: $ => choice($._newline, $._eof),
  },
});
