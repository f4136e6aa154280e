/**
 * @file ADVPL and TLPP (TOTVS Protheus) grammar for tree-sitter
 * @license Apache-2.0
 *
 * ADVPL is line oriented: a statement ends at the end of its line, a `;` at the
 * end of a line continues it, and a `;` in the middle of a line separates two
 * statements. The external scanner (src/scanner.c) turns those rules into
 * tokens, and also reads the raw text of embedded SQL and of preprocessor
 * lines. Keywords are case-insensitive and most of them are also valid names
 * (`oDlg:End()`), so they are case-insensitive regexes extracted from the
 * `identifier` word token.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PREC = {
  assign: 1,
  or: 2,
  and: 3,
  not: 4,
  compare: 5,
  additive: 6,
  multiplicative: 7,
  power: 8,
  unary: 9,
  update: 10,
  postfix: 11,
  member: 12,
  alias: 13,
};

/** A case-insensitive regex for one word. */
function ci(word) {
  return word
    .split('')
    .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === '.' ? '\\.' : c))
    .join('');
}

/**
 * A keyword that, as in Clipper, may be cut down to its first four letters
 * (`EndI`, `EndD`, `Retu`).
 */
function abbr(word) {
  return alias(new RegExp(abbrPattern(word)), word.toLowerCase());
}

function abbrPattern(word) {
  const tail = word
    .slice(4)
    .split('')
    .reduceRight((rest, c) => `(${ci(c)}${rest})?`, '');
  return ci(word.slice(0, 4)) + tail;
}

/** A case-insensitive keyword, shown in the tree under its lowercase name. */
function kw(word) {
  return alias(new RegExp(ci(word)), word.toLowerCase());
}

/**
 * A keyword made of several words separated by blanks on one line, such as
 * `End If` or `Static Function`. One token, so that LR(1) can tell
 * `Static Function` from a `Static` declaration.
 */
function kws(name, ...words) {
  const last = words.length - 1;
  const pattern = words.map((w, i) => (i === last && w.length > 4 ? abbrPattern(w) : ci(w))).join('[ \\t]+');
  return alias(token(prec(2, new RegExp(pattern))), name);
}

/** `.AND.`, also written `. And.` or `.And .`. */
function dotted(word) {
  return alias(token(prec(1, new RegExp(`\\.[ \\t]*${ci(word)}[ \\t]*\\.`))), `.${word}.`);
}

function commaSep(rule) {
  return optional(commaSep1(rule));
}

function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

/**
 * A closing keyword. As in Clipper, the compiler ignores whatever follows it on
 * its line (`EndDo()`, `EndIf // x`, `Next nI`), so that text is kept as a
 * comment.
 */
function closer($, ...keywords) {
  return seq(choice(...keywords), optional($._closer_trailer));
}

const END_IF = ($) => closer($, abbr('EndIf'), kws('endif', 'End', 'If'), kw('End'));

module.exports = grammar({
  name: 'advpl',

  word: ($) => $.identifier,

  externals: ($) => [
    $._newline,
    $._semicolon,
    $._line_continuation,
    $.comment,
    $.sql_text,
    $.preproc_arg,
    $._preproc_pattern,
    $._sql_exp_end,
    $._stray,
    $._error_sentinel,
  ],

  // Ctrl-Z ends old DOS files; the compiler also skips stray backquotes.
  extras: ($) => [/[ \t\f\v\u00a0\ufeff\u001a`]/, /\r?\n|\r/, $._line_continuation, $.comment, $.protheus_doc, $._stray],

  supertypes: ($) => [$._expression, $._statement_body],

  inline: ($) => [$._terminator, $._command_word, $._command_keyword, $._lvalue],

  conflicts: ($) => [
    [$._primary_expression, $.assignment_statement],
  ],

  rules: {
    source_file: ($) => repeat($._top_level_item),

    _top_level_item: ($) =>
      choice(
        $._statement,
        $.function_definition,
        $.method_definition,
        $.wsmethod_definition,
      ),

    _terminator: ($) => choice($._newline, $._semicolon),

    _statement: ($) => choice(seq($._statement_body, optional($._dangling_quote), $._terminator), $._terminator),

    _statement_body: ($) =>
      choice(
        $.preproc_include,
        $.preproc_define,
        $.preproc_undef,
        $.preproc_ifdef,
        $.preproc_if,
        $.preproc_else,
        $.preproc_endif,
        $.preproc_command,
        $.preproc_call,
        $.variable_declaration,
        $.default_statement,
        $.parameters_statement,
        $.return_statement,
        $.if_statement,
        $.case_statement,
        $.while_statement,
        $.for_statement,
        $.sequence_statement,
        $.transaction_statement,
        $.try_statement,
        $.exit_statement,
        $.loop_statement,
        $.break_statement,
        $.embedded_sql,
        $.embedded_content,
        $.class_definition,
        $.webservice_definition,
        $.namespace_declaration,
        $.using_namespace,
        $.annotation_definition,
        $.command_statement,
        $.assignment_statement,
        $.expression_statement,
      ),

    block: ($) => prec.right(repeat1($._statement)),

    // ------------------------------------------------------------------
    // Preprocessor. Directives are statements, so conditionals sit flat in
    // the statement list and both branches stay in the tree.

    preproc_include: ($) =>
      seq(
        alias(token(prec(2, /#[ \t]*[iI][nN][cC][lL][uU][dD][eE]/)), '#include'),
        field('path', choice($.string, $.system_lib_string, $.identifier)),
      ),

    system_lib_string: (_) => token(seq('<', /[^>\r\n]*/, '>')),

    preproc_define: ($) =>
      seq(
        alias(token(prec(2, /#[ \t]*[dD][eE][fF][iI][nN][eE]/)), '#define'),
        field('name', $.identifier),
        optional(field('parameters', $.preproc_params)),
        optional(field('value', $.preproc_arg)),
      ),

    preproc_params: ($) => seq(token.immediate('('), commaSep($.identifier), ')'),

    preproc_undef: ($) =>
      seq(alias(token(prec(2, /#[ \t]*[uU][nN][dD][eE][fF]/)), '#undef'), field('name', $.identifier)),

    preproc_ifdef: ($) =>
      seq(
        choice(
          alias(token(prec(2, /#[ \t]*[iI][fF][dD][eE][fF]/)), '#ifdef'),
          alias(token(prec(2, /#[ \t]*[iI][fF][nN][dD][eE][fF]/)), '#ifndef'),
        ),
        field('name', $.identifier),
      ),

    preproc_if: ($) =>
      seq(
        choice(
          alias(token(prec(1, /#[ \t]*[iI][fF]/)), '#if'),
          alias(token(prec(2, /#[ \t]*[eE][lL][iI][fF]/)), '#elif'),
        ),
        field('condition', $.preproc_arg),
      ),

    preproc_else: (_) => alias(token(prec(2, /#[ \t]*[eE][lL][sS][eE]/)), '#else'),

    preproc_endif: (_) => alias(token(prec(2, /#[ \t]*[eE][nN][dD][iI][fF]/)), '#endif'),

    preproc_command: ($) =>
      seq(
        field(
          'directive',
          alias(
            token(prec(2, /#[ \t]*[xXyY]?([cC][oO][mM][mM][aA][nN][dD]|[tT][rR][aA][nN][sS][lL][aA][tT][eE])/)),
            $.preproc_directive,
          ),
        ),
        field('pattern', alias($._preproc_pattern, $.preproc_pattern)),
        '=>',
        optional(field('result', $.preproc_arg)),
      ),

    preproc_call: ($) =>
      seq(
        field('directive', alias(token(prec(1, /#[ \t]*[a-zA-Z_]\w*/)), $.preproc_directive)),
        optional(field('argument', $.preproc_arg)),
      ),

    // ------------------------------------------------------------------
    // Functions, classes and methods. A function has no closing keyword: its
    // body runs until the next definition, so the body repeat is greedy.

    function_definition: ($) =>
      prec.right(
        seq(
          optional($._annotations),
          choice(
            abbr('Function'),
            abbr('Procedure'),
            field(
              'modifier',
              choice(
                kws('user', 'User', 'Function'),
                kws('static', 'Static', 'Function'),
                kws('main', 'Main', 'Function'),
                kws('template', 'Template', 'Function'),
                kws('project', 'Project', 'Function'),
                kws('web', 'Web', 'Function'),
                kws('html', 'Html', 'Function'),
                kws('pyme', 'Pyme', 'Function'),
                kws('webuser', 'WebUser', 'Function'),
                kws('public', 'Public', 'Function'),
                kws('private', 'Private', 'Function'),
                kws('static', 'Static', 'Procedure'),
                kws('user', 'User', 'Procedure'),
                kws('main', 'Main', 'Procedure'),
              ),
            ),
          ),
          field('name', $._function_name),
          optional(field('parameters', $.parameter_list)),
          optional($._type_annotation),
          $._terminator,
          optional(field('body', $.block)),
        ),
      ),

    _function_name: ($) => choice($.identifier, $.qualified_name, alias(/\d+[A-Za-z_]\w*/, $.identifier)),

    qualified_name: ($) => seq($.identifier, repeat1(seq(token.immediate('.'), alias(token.immediate(/[A-Za-z_]\w*/), $.identifier)))),

    _annotations: ($) => repeat1(seq($.annotation, $._terminator)),

    parameter_list: ($) => seq('(', commaSep(choice($.parameter, alias('...', $.variadic_parameter))), ')'),

    parameter: ($) =>
      seq(
        optional('@'),
        field('name', $.identifier),
        optional(seq(choice(':=', '='), field('default', $._expression))),
        optional($._type_annotation),
      ),

    _type_annotation: ($) => prec(1, seq(kw('As'), field('type', $.type))),

    type: ($) => prec.right(seq(choice($.identifier, $.qualified_name), optional(seq(kw('Of'), choice($.identifier, $.qualified_name))))),

    method_definition: ($) =>
      prec.right(
        seq(
          optional($._annotations),
          choice(
            kw('Method'),
            field(
              'modifier',
              choice(kws('static', 'Static', 'Method'), kws('public', 'Public', 'Method'), kws('private', 'Private', 'Method'), kws('protected', 'Protected', 'Method')),
            ),
          ),
          field('name', $.identifier),
          optional(field('parameters', $.parameter_list)),
          optional($._type_annotation),
          optional(seq(kw('Class'), field('class', $._function_name))),
          optional($._type_annotation),
          $._terminator,
          optional(field('body', $.block)),
        ),
      ),

    class_definition: ($) =>
      seq(
        kw('Class'),
        field('name', $._function_name),
        optional(seq(choice(kw('From'), kw('Of'), kws('from', 'Inherit', 'From')), field('parent', $._function_name))),
        repeat($.identifier),
        $._terminator,
        repeat(choice(seq($._class_member, $._terminator), $._terminator)),
        choice(kw('EndClass'), kws('endclass', 'End', 'Class')),
      ),

    _class_member: ($) =>
      choice(
        $.data_declaration,
        $.method_declaration,
        $.preproc_ifdef,
        $.preproc_else,
        $.preproc_endif,
        $.preproc_include,
        $.preproc_define,
        $.annotation,
        $.visibility_section,
      ),

    visibility: (_) =>
      choice(kw('Public'), kw('Private'), kw('Protected'), kw('Static'), kw('Hidden'), kw('Export'), kw('Published')),

    visibility_section: ($) => seq($.visibility, ':'),

    data_declaration: ($) =>
      seq(
        repeat($.visibility),
        kw('Data'),
        field('name', $.identifier),
        optional($._type_annotation),
        repeat($._command_argument),
      ),

    method_declaration: ($) =>
      seq(
        repeat($.visibility),
        kw('Method'),
        field('name', $.identifier),
        optional(field('parameters', $.parameter_list)),
        repeat(choice($.identifier, $._type_annotation)),
      ),

    // ------------------------------------------------------------------
    // Web services

    webservice_definition: ($) =>
      seq(
        field(
          'kind',
          choice(kw('WSRESTFUL'), kw('WSSERVICE'), kw('WSSTRUCT'), kw('WSCLIENT')),
        ),
        field('name', $.identifier),
        repeat($._command_argument),
        $._terminator,
        repeat(choice(seq($._webservice_member, $._terminator), $._terminator)),
        field(
          'end',
          choice(
            kws('endwsrestful', 'End', 'WSRESTFUL'),
            kws('endwsservice', 'End', 'WSSERVICE'),
            kws('endwsstruct', 'End', 'WSSTRUCT'),
            kws('endwsclient', 'End', 'WSCLIENT'),
            kw('EndWSRESTFUL'),
            kw('EndWSSERVICE'),
            kw('EndWSSTRUCT'),
            kw('EndWSCLIENT'),
          ),
        ),
      ),

    _webservice_member: ($) =>
      choice($.wsdata_declaration, $.wsmethod_declaration, $.preproc_ifdef, $.preproc_else, $.preproc_endif, $.annotation),

    wsdata_declaration: ($) =>
      seq(kw('WSDATA'), field('name', $.identifier), repeat($._command_argument)),

    wsmethod_declaration: ($) =>
      seq(kw('WSMETHOD'), field('name', $._command_word), repeat($._command_argument)),

    wsmethod_definition: ($) =>
      prec.right(
        seq(
          optional($._annotations),
          kw('WSMETHOD'),
          field('name', $._command_word),
          repeat($._command_argument),
          $._terminator,
          optional(field('body', $.block)),
        ),
      ),

    // ------------------------------------------------------------------
    // TLPP

    namespace_declaration: ($) => seq(kw('Namespace'), field('name', $._function_name)),

    using_namespace: ($) => seq(kws('using_namespace', 'Using', 'Namespace'), field('name', $._function_name)),

    annotation: ($) =>
      seq(
        field('name', alias(token(seq('@', /[A-Za-z_][\w.]*/, /[ \t]*\(/)), $.annotation_name)),
        commaSep(choice($._expression, $.named_argument)),
        ')',
      ),

    named_argument: ($) => prec(PREC.compare + 1, seq(field('name', $.identifier), choice('=', ':='), field('value', $._expression))),

    annotation_definition: ($) =>
      seq(
        kws('annotation', '@Annotation'),
        field('name', $.identifier),
        repeat($._terminator),
        repeat(seq($.annotation_property, repeat1($._terminator))),
        kws('end', '@End'),
      ),

    annotation_property: ($) =>
      seq(field('name', $.identifier), $._type_annotation, optional(seq(kw('Default'), field('default', $._expression)))),

    // ------------------------------------------------------------------
    // Declarations

    variable_declaration: ($) =>
      seq(
        field('scope', choice(kw('Local'), kw('Static'), kw('Private'), kw('Public'))),
        commaSep1($.variable_declarator),
      ),

    variable_declarator: ($) =>
      seq(
        field('name', choice($.identifier, $.macro_expression, alias($._memvar_name, $.alias_expression))),
        optional(field('dimensions', $.dimensions)),
        optional($._type_annotation),
        optional(seq(choice(':=', '=', '+=', '-='), field('value', $._expression))),
        optional($._type_annotation),
      ),

    // `Private M->A1_COD`: a memory variable named with its alias.
    _memvar_name: ($) => seq(field('alias', $.identifier), '->', field('field', $.identifier)),

    dimensions: ($) => prec.left(repeat1(seq('[', commaSep1($._expression), ']'))),

    default_statement: ($) => seq(kw('Default'), commaSep1($.default_assignment)),

    default_assignment: ($) => seq(field('name', $._lvalue), choice(':=', '='), field('value', $._expression)),

    parameters_statement: ($) => seq(kw('Parameters'), commaSep1($.identifier)),

    return_statement: ($) =>
      prec.right(
        seq(abbr('Return'), optional(field('value', $._expression))),
      ),

    // ------------------------------------------------------------------
    // Control flow

    if_statement: ($) =>
      seq(
        kw('If'),
        field('condition', $._expression),
        $._terminator,
        optional(field('consequence', $.block)),
        repeat(field('alternative', $.elseif_clause)),
        optional(field('alternative', $.else_clause)),
        END_IF($),
      ),

    elseif_clause: ($) =>
      seq(kw('ElseIf'), field('condition', $._expression), $._terminator, optional(field('consequence', $.block))),

    else_clause: ($) => seq(closer($, kw('Else')), $._terminator, optional(field('body', $.block))),

    case_statement: ($) =>
      seq(
        kws('do_case', 'Do', 'Case'),
        $._terminator,
        repeat(choice($._terminator, seq(choice($.preproc_ifdef, $.preproc_else, $.preproc_endif), $._terminator))),
        repeat($.case_clause),
        optional($.otherwise_clause),
        closer($, abbr('EndCase'), kws('endcase', 'End', 'Case'), kw('End')),
      ),

    case_clause: ($) =>
      seq(kw('Case'), field('condition', $._expression), $._terminator, optional(field('body', $.block))),

    otherwise_clause: ($) => seq(abbr('Otherwise'), $._terminator, optional(field('body', $.block))),

    while_statement: ($) =>
      seq(
        choice(kws('do_while', 'Do', 'While'), kw('While')),
        field('condition', $._expression),
        $._terminator,
        optional(field('body', $.block)),
        closer($, abbr('EndDo'), kws('enddo', 'End', 'Do'), kw('End'), kw('EndWhile'), kws('enddo', 'End', 'While')),
      ),

    for_statement: ($) =>
      seq(
        kw('For'),
        field('variable', $._lvalue),
        choice(':=', '='),
        field('start', $._expression),
        kw('To'),
        field('end', $._expression),
        optional(seq(kw('Step'), field('step', $._expression))),
        $._terminator,
        optional(field('body', $.block)),
        choice(
          seq(kw('Next'), optional(choice($.identifier, $._closer_trailer))),
          closer($, kw('EndFor'), kws('endfor', 'End', 'For'), kw('End')),
        ),
      ),

    sequence_statement: ($) =>
      seq(
        kws('begin_sequence', 'Begin', 'Sequence'),
        $._terminator,
        optional(field('body', $.block)),
        optional($.recover_clause),
        closer($, kws('end_sequence', 'End', 'Sequence'), kw('End'), kw('EndSequence')),
      ),

    recover_clause: ($) =>
      seq(
        kw('Recover'),
        optional(seq(kw('Using'), field('variable', $.identifier))),
        $._terminator,
        optional(field('body', $.block)),
      ),

    transaction_statement: ($) =>
      seq(
        kws('begin_transaction', 'Begin', 'Transaction'),
        repeat($._command_word),
        $._terminator,
        optional(field('body', $.block)),
        choice(kws('end_transaction', 'End', 'Transaction'), kw('EndTransaction')),
        repeat($._command_word),
      ),

    try_statement: ($) =>
      seq(
        kw('Try'),
        $._terminator,
        optional(field('body', $.block)),
        optional($.catch_clause),
        optional($.finally_clause),
        closer($, kw('EndTry'), kws('endtry', 'End', 'Try'), kw('End')),
      ),

    catch_clause: ($) =>
      seq(kw('Catch'), optional(field('variable', $.identifier)), $._terminator, optional(field('body', $.block))),

    finally_clause: ($) => seq(kw('Finally'), $._terminator, optional(field('body', $.block))),

    exit_statement: (_) => kw('Exit'),

    loop_statement: (_) => kw('Loop'),

    break_statement: ($) => prec.right(seq(kw('Break'), optional(field('value', $._expression)))),

    // ------------------------------------------------------------------
    // Embedded SQL and content blocks: the scanner reads the raw text between
    // the macros, and the macros are parsed here.

    embedded_sql: ($) =>
      seq(
        kw('BeginSql'),
        optional(seq(kw('Alias'), field('alias', $._expression))),
        repeat($._sql_part),
        kw('EndSql'),
      ),

    embedded_content: ($) =>
      seq(
        kw('BeginContent'),
        optional(seq(kw('Var'), field('variable', $._expression))),
        repeat($._sql_part),
        kw('EndContent'),
      ),

    _sql_part: ($) =>
      choice(
        $.sql_text,
        $.sql_table,
        $.sql_xfilial,
        $.sql_notdel,
        $.sql_exp,
        $.sql_order,
        $.sql_noparser,
        $.sql_macro,
        $.sql_column,
      ),

    sql_table: ($) => seq(token(prec(3, /%[tT][aA][bB][lL][eE]:/)), field('table', $.sql_name), '%'),
    sql_xfilial: ($) => seq(token(prec(3, /%[xX][fF][iI][lL][iI][aA][lL]:/)), field('table', $.sql_name), '%'),
    sql_order: ($) => seq(token(prec(3, /%[oO][rR][dD][eE][rR]:/)), field('table', $.sql_name), '%'),
    // The scanner closes `%exp:` at the next `%`, so `%` is never modulo here.
    sql_exp: ($) => seq(token(prec(3, /%[eE][xX][pP]:/)), field('expression', $._expression), alias($._sql_exp_end, '%')),
    sql_notdel: (_) => token(prec(3, /%[nN][oO][tT][dD][eE][lL]%/)),
    sql_noparser: (_) => token(prec(3, /%[nN][oO][pP][aA][rR][sS][eE][rR]%/)),
    sql_macro: (_) => token(prec(2, /%[A-Za-z_][\w-]*(:[^%\r\n]*)?%/)),
    sql_name: (_) => /[^%\s][^%\r\n]*/,

    sql_column: ($) =>
      prec.right(seq(kw('Column'), field('name', $.identifier), kw('As'), field('type', $.identifier), optional(field('size', $.arguments)))),

    // ------------------------------------------------------------------
    // xBase commands from include files: `DEFINE MSDIALOG ...`,
    // `@ 10,10 SAY ...`. Two words in a row never start an expression, so a
    // line that starts that way (or with `@`) is a command; the expressions
    // inside it are still parsed.

    command_statement: ($) =>
      prec.dynamic(
        -1,
        choice(
          seq(
            field('name', $.identifier),
            choice($._command_word, $.number, $.string, $.macro_expression, $.logical),
            repeat($._command_argument),
          ),
          seq(field('name', choice($.call_expression, $.alias_expression)), $._command_word, repeat($._command_argument)),
          seq(field('name', alias('@', $.identifier)), repeat1($._command_argument)),
        ),
      ),

    _command_argument: ($) => choice($._command_keyword, $._expression, ',', ':=', '=', '->', ':'),

    _command_word: ($) => choice($.identifier, $._command_keyword),

    // Keywords inside a command are plain words of the command.
    _command_keyword: ($) =>
      alias(
        choice(
          ...[
            'To', 'From', 'Of', 'As', 'Data', 'Alias', 'Class', 'Step', 'Default', 'Using', 'Var',
            'Next', 'Column', 'In', 'Method', 'Loop', 'Exit', 'While', 'Case', 'Otherwise',
            'Recover', 'WSDATA', 'Catch', 'Try',
          ].map((w) => new RegExp(ci(w))),
        ),
        $.identifier,
      ),

    // ------------------------------------------------------------------
    // Statements built from expressions

    assignment_statement: ($) =>
      prec.dynamic(
        1,
        seq(field('left', $._lvalue), field('operator', '='), field('right', $._expression)),
      ),

    _lvalue: ($) =>
      choice(
        $.identifier,
        $.call_expression,
        $.member_expression,
        $.self_member_expression,
        $.index_expression,
        $.alias_expression,
        $.macro_expression,
      ),

    // `x := "a" "` compiles: the compiler drops a quote that opens nothing but
    // blanks up to the end of the line.
    expression_statement: ($) => $._expression,

    _dangling_quote: ($) => alias(token(prec(-1, /["'][ \t]*/)), $.string),

    // ------------------------------------------------------------------
    // Expressions

    _expression: ($) =>
      choice(
        $._primary_expression,
        $.binary_expression,
        $.unary_expression,
        $.update_expression,
        $.assignment_expression,
      ),

    _primary_expression: ($) =>
      choice(
        $.identifier,
        $.dot_identifier,
        $.number,
        $.string,
        alias($._bracket_string, $.string),
        $.logical,
        $.nil,
        $.self,
        $.call_expression,
        $.member_expression,
        $.self_member_expression,
        $.index_expression,
        $.alias_expression,
        $.macro_expression,
        $.parenthesized_expression,
        alias($._parenthesized_list, $.parenthesized_expression),
        alias($._empty_parentheses, $.parenthesized_expression),
        $.qualified_name,
        $.sql_exp,
        $.code_block,
        $.array,
        $.json_object,
      ),

    // `#xtranslate .ItemQtd => 6` makes names that start with a dot.
    dot_identifier: (_) => token(prec(-1, /\.[A-Za-z_][A-Za-z0-9_]*/)),

    identifier: (_) => /[A-Za-z_\u00c0-\u00ff][A-Za-z0-9_\u00c0-\u00ff]*/,

    number: (_) => token(choice(/\d+(\.\d+)?([eE][+-]?\d+)?/, /\.\d+([eE][+-]?\d+)?/, /0[xX][0-9a-fA-F]+/)),

    // The compiler ends an unterminated string at the end of its line.
    // A doubled closing quote (`"abc""`) is accepted the same way.
    string: (_) =>
      token(
        choice(
          seq('"', /[^"\r\n]*/, optional(seq('"', optional(/"[ \t]*/)))),
          seq("'", /[^'\r\n]*/, optional(seq("'", optional(/'[ \t]*/)))),
        ),
      ),

    // Clipper's `[text]` strings; an index after an expression wins over them.
    _bracket_string: (_) => token(seq('[', /[^\]\r\n]*/, ']')),

    logical: (_) => token(prec(1, /\.[tTfFyYnN]\./)),

    nil: (_) => kw('Nil'),

    self: (_) => kw('Self'),

    call_expression: ($) =>
      prec(
        PREC.member,
        seq(
          field('function', choice($._primary_expression, alias(kw('If'), $.identifier))),
          field('arguments', $.arguments),
        ),
      ),

    arguments: ($) =>
      seq(
        '(',
        optional(choice($._argument, seq(optional($._argument), repeat1(seq(',', optional($._argument)))))),
        ')',
      ),

    _argument: ($) => choice($._expression, $.reference_expression),

    reference_expression: ($) => prec(PREC.unary, seq('@', field('argument', $._primary_expression))),

    member_expression: ($) =>
      prec(
        PREC.member,
        seq(
          field('object', $._primary_expression),
          choice(':', '::'),
          field('member', choice($.identifier, $.macro_expression)),
        ),
      ),

    self_member_expression: ($) => prec(PREC.member, seq('::', field('member', choice($.identifier, $.macro_expression)))),

    index_expression: ($) =>
      prec(
        PREC.member,
        seq(field('object', $._primary_expression), token(prec(2, '[')), field('index', commaSep1($._expression)), ']'),
      ),

    alias_expression: ($) =>
      prec.right(
        PREC.alias,
        seq(
          field('alias', choice($.identifier, $.parenthesized_expression, $.macro_expression, $.call_expression)),
          '->',
          field('field', choice($.identifier, $.parenthesized_expression, alias($._parenthesized_list, $.parenthesized_expression), $.macro_expression)),
        ),
      ),

    macro_expression: ($) =>
      choice(
        seq(token(prec(1, seq('&', /[A-Za-z_][A-Za-z0-9_]*/))), optional(token.immediate('.'))),
        seq('&', $.parenthesized_expression),
      ),

    // `If (x)` at the start of a line is an If statement, but `If (a, b, c)` is
    // the inline If function: one expression in parentheses is preferred over a
    // call's arguments, and a list is not.
    parenthesized_expression: ($) => prec(1, seq('(', $._expression, ')')),

    _empty_parentheses: (_) => prec(-1, seq('(', ')')),

    _parenthesized_list: ($) => prec(-1, seq('(', $._expression, repeat1(seq(',', $._expression)), ')')),

    code_block: ($) =>
      seq('{', '|', optional(field('parameters', $.block_parameters)), '|', optional(field('body', $.block_body)), '}'),

    block_parameters: ($) => seq(commaSep1($.identifier), optional(',')),

    block_body: ($) => seq(optional(','), $._expression, repeat(seq(',', optional($._expression)))),

    array: ($) =>
      seq(
        '{',
        optional(choice($._element, seq(optional($._element), repeat1(seq(',', optional($._element)))))),
        '}',
      ),

    _element: ($) => choice($._expression, $.reference_expression),

    json_object: ($) => seq('{', commaSep1($.pair), '}'),

    pair: ($) => prec(20, seq(field('key', $.string), ':', field('value', $._expression))),

    unary_expression: ($) =>
      choice(
        prec(PREC.not, seq(field('operator', choice('!', dotted('not'))), field('argument', $._expression))),
        prec(PREC.unary, seq(field('operator', choice('-', '+', '#')), field('argument', $._expression))),
      ),

    update_expression: ($) =>
      choice(
        prec(PREC.update, seq(field('operator', choice('++', '--')), field('argument', $._lvalue))),
        prec(PREC.postfix, seq(field('argument', $._lvalue), field('operator', choice('++', '--')))),
      ),

    binary_expression: ($) => {
      const table = [
        [PREC.or, dotted('or')],
        [PREC.and, dotted('and')],
        [PREC.compare, choice('=', '==', '!=', '<>', '#', '<', '>', '<=', '>=', '$')],
        [PREC.additive, choice('+', '-')],
        [PREC.multiplicative, choice('*', '/', '%')],
      ];
      return choice(
        ...table.map(([p, op]) =>
          prec.left(p, seq(field('left', $._expression), field('operator', op), field('right', $._expression))),
        ),
        prec.right(PREC.power, seq(field('left', $._expression), field('operator', choice('**', '^')), field('right', $._expression))),
      );
    },

    assignment_expression: ($) =>
      prec.right(
        PREC.assign,
        seq(
          field('left', $._lvalue),
          field('operator', choice(':=', '+=', '-=', '*=', '/=', '%=', '^=', '**=')),
          field('right', choice($._expression, $.reference_expression)),
        ),
      ),

    _closer_trailer: ($) => alias(token(prec(-1, /[^ \t\r\n;][^\r\n]*/)), $.comment),

    protheus_doc: (_) => token(prec(2, seq(/\/\*\/\{[^}\r\n]*\}/, /([^*]|\*+[^*/])*/, /\*+\//))),
  },
});
