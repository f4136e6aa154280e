"""The built-in preprocessor on our own headers, written in the shape of the TOTVS ones."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from protheus_ci.compiler_bridge.preprocessor import Preprocessor, PreprocessResult

Run = Callable[..., PreprocessResult]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("cp1252"))
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    return root


@pytest.fixture
def includes(tmp_path: Path) -> Path:
    folder = tmp_path / "includes"
    folder.mkdir()
    return folder


@pytest.fixture
def run(repo: Path, includes: Path) -> Run:
    """Preprocess ``source`` (text) as ``main.prw`` with ``headers`` in the include folder."""

    def run(
        source: str | bytes, headers: dict[str, str | bytes] | None = None, name: str = "main.prw"
    ) -> PreprocessResult:
        for header, text in (headers or {}).items():
            write(includes / header, text)
        write(repo / name, source)
        return Preprocessor(repo, [includes]).preprocess(Path(name))

    return run


# A header in the style of the standard dialog/window headers: multi-line rules with
# optional clauses in any order, restricted words and every result marker.
WINDOW_CH = """\
#ifndef _WINDOW_CH
#define _WINDOW_CH

#xtranslate bVAR(<uVar>) => { | u | If( PCount() == 0, <uVar>, <uVar> := u ) }

#xcommand DEFINE WINDOW <oWnd> ;
             [ TITLE <cTitle> ] ;
             [ FROM <nTop>, <nLeft> TO <nBottom>, <nRight> ] ;
             [ <color: COLOR, COLORS> <nFore> [,<nBack> ] ] ;
             [ <of: OF, WINDOW, DIALOG> <oOwner> ] ;
             [ <pixel: PIXEL> ] ;
       => ;
          <oWnd> := TWindow():New( <nTop>, <nLeft>, <nBottom>, <nRight>, ;
                 <cTitle>, <nFore>, <nBack>, <oOwner>, <.pixel.> )

#xcommand @ <nRow>, <nCol> LABEL [ <oLbl> <kind: PROMPT, VAR> ] <cText> ;
             [ <of: OF, WINDOW> <oWnd> ] ;
             [ ON CLICK <uClick> ] ;
       => ;
          [ <oLbl> := ] TLabel():New( <nRow>, <nCol>, <{cText}>, <oWnd>, [{|| <uClick>}] )

#xcommand DEFAULT <uVar1> := <uVal1> [, <uVarN> := <uValN> ] => ;
    <uVar1> := If( <uVar1> == nil, <uVal1>, <uVar1> ) ;;
   [ <uVarN> := If( <uVarN> == nil, <uValN>, <uVarN> ); ]

#endif
"""


def code(result: PreprocessResult) -> list[str]:
    return [line.text for line in result.lines if line.text and line.file == result.source]


def codes_of(result: PreprocessResult) -> list[str]:
    return [d.code for d in result.diagnostics]


# -- #define / #undef / conditionals ---------------------------------------------------


def test_object_and_function_defines_are_case_sensitive(run: Run) -> None:
    result = run("#define LIMIT 10\n#define TWICE(x) ((x) * 2)\nn := LIMIT + limit + TWICE(LIMIT + 1)\n")
    assert code(result) == ["n := 10 + limit + ((10 + 1) * 2)"]


def test_undef_forgets_a_define(run: Run) -> None:
    result = run("#define A 1\nx := A\n#undef A\ny := A\n")
    assert code(result) == ["x := 1", "y := A"]


def test_nested_conditionals(run: Run) -> None:
    source = """\
#define PROD
#ifdef PROD
  #ifndef DEBUG
a := 1
  #else
a := 2
  #endif
#else
a := 3
#endif
"""
    assert code(run(source)) == ["a := 1"]


def test_unbalanced_conditional_is_reported(run: Run) -> None:
    assert codes_of(run("#ifdef X\na := 1\n")) == ["PCI008"]
    assert codes_of(run("#endif\n")) == ["PCI008"]


# -- #include --------------------------------------------------------------------------


def test_include_is_searched_next_to_the_source_then_in_the_include_folders(run: Run, repo: Path) -> None:
    write(repo / "local.ch", "#define WHERE 'local'\n")
    result = run(
        '#include "local.ch"\n#include "shared.ch"\nx := WHERE + OTHER\n', {"shared.ch": "#define OTHER 2\n"}
    )
    assert code(result) == ["x := 'local' + 2"]
    assert result.diagnostics == []
    assert set(result.includes) == {str(repo.resolve() / "local.ch"), str(result_dir(result, "shared.ch"))}


def result_dir(result: PreprocessResult, name: str) -> Path:
    return next(Path(p) for p in result.includes if p.endswith(name))


def test_include_case_difference_resolves_with_a_warning(run: Run) -> None:
    result = run('#include "WINDOW.CH"\nDEFAULT a := 1\n', {"window.ch": WINDOW_CH})
    assert code(result) == ["a := If( a == nil, 1, a )"]
    [warning] = result.diagnostics
    assert (warning.code, warning.severity.value, warning.line) == ("PCI001", "warning", 1)
    assert "window.ch" in warning.message


def test_missing_include_is_c2090_on_the_include_line(run: Run) -> None:
    result = run('x := 1\n#include "prtopdef.ch"\n')
    [error] = result.diagnostics
    assert error.render() == "MAIN.PRW(2) C2090 File not found PRTOPDEF.CH"


def test_include_cycle_is_an_error_not_a_hang(run: Run) -> None:
    result = run('#include "a.ch"\nx := 1\n', {"a.ch": '#include "b.ch"\n', "b.ch": '#include "a.ch"\n'})
    [error] = result.diagnostics
    assert error.code == "PCI002"
    assert "a.ch -> b.ch -> a.ch" in error.message
    assert code(result) == ["x := 1"]


def test_include_escaping_the_repository_is_refused(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "secret.ch", "#define KEY 'x'\n")
    for name in ("../secret.ch", str(tmp_path / "secret.ch")):
        result = run(f'#include "{name}"\n')
        assert codes_of(result) == ["PCI004"], name


def test_symlink_out_of_the_repository_is_refused(run: Run, repo: Path, tmp_path: Path) -> None:
    write(tmp_path / "outside.ch", "#define KEY 'x'\n")
    (repo / "inside.ch").symlink_to(tmp_path / "outside.ch")
    assert codes_of(run('#include "inside.ch"\n')) == ["PCI004"]


def _zip(text: bytes) -> bytes:
    packed = zlib.compress(text + b"\x00")
    return b"#zip" + struct.pack("<II", len(text) + 1, len(packed)) + packed


def test_compressed_header_is_recognised_and_expanded(run: Run) -> None:
    result = run('#include "packed.ch"\nx := PACKED\n', {"packed.ch": _zip(b"#define PACKED 42\r\n")})
    assert code(result) == ["x := 42"]
    assert result.diagnostics == []


def test_damaged_compressed_header_is_reported_clearly(run: Run) -> None:
    result = run('#include "broken.ch"\n', {"broken.ch": _zip(b"#define A 1\n")[:-5]})
    [error] = result.diagnostics
    assert error.code == "PCI005"
    assert "broken.ch" in error.message and "#zip" in error.message


# -- #command / #translate and their markers ----------------------------------------------


def test_define_window_with_clauses_in_any_order(run: Run) -> None:
    source = '#include "window.ch"\nDEFINE WINDOW oWnd PIXEL FROM 0, 0 TO 10, 20 COLORS 1, 2 TITLE "Hi"\n'
    assert code(run(source, {"window.ch": WINDOW_CH})) == [
        'oWnd := TWindow():New( 0, 0, 10, 20, "Hi", 1, 2,, .T. )'
    ]


def test_absent_clauses_leave_empty_arguments_and_false_logify(run: Run) -> None:
    result = run('#include "window.ch"\nDEFINE WINDOW oWnd\n', {"window.ch": WINDOW_CH})
    assert code(result) == ["oWnd := TWindow():New(,,,,,,,, .F. )"]


def test_label_blockify_restricted_and_optional_result_group(run: Run) -> None:
    source = (
        '#include "window.ch"\n'
        '@ 10, 20 LABEL oLbl PROMPT "Name:" OF oWnd ON CLICK Save(x)\n'
        "@ 1, 2 LABEL cTitle\n"
    )
    assert code(run(source, {"window.ch": WINDOW_CH})) == [
        'oLbl := TLabel():New( 10, 20, {|| "Name:" }, oWnd, {|| Save(x)} )',
        "TLabel():New( 1, 2, {|| cTitle },, )",
    ]


def test_default_repeats_its_optional_group_and_splits_statements(run: Run) -> None:
    result = run('#include "window.ch"\nDEFAULT a := 1, b := "x", c := {}\n', {"window.ch": WINDOW_CH})
    assert code(result) == [
        'a := If( a == nil, 1, a ) ; b := If( b == nil, "x", b ) ; c := If( c == nil, {}, c )'
    ]


def test_translate_matches_inside_a_line(run: Run) -> None:
    result = run('#include "window.ch"\noGet := TGet():New( bVAR(cName) )\n', {"window.ch": WINDOW_CH})
    assert code(result) == ["oGet := TGet():New( { | u | If( PCount() == 0, cName, cName := u ) } )"]


def test_command_only_matches_at_statement_start(run: Run) -> None:
    source = "#command SHOUT <x> => Alert(<x>)\nSHOUT 1\ny := 2 ; SHOUT 3\nz := SHOUT\n"
    assert code(run(source)) == ["Alert(1)", "y := 2 ; Alert(3)", "z := SHOUT"]


def test_command_keywords_are_case_insensitive_and_abbreviate_to_four_letters(run: Run) -> None:
    source = (
        "#command SUMMARIZE <x> => DoSum(<x>)\n#xcommand EXPLAIN <x> => DoExp(<x>)\n"
        "summarize 1\nSUMM 2\nSUM 3\nexplain 4\nEXPL 5\n"
    )
    assert code(run(source)) == ["DoSum(1)", "DoSum(2)", "SUM 3", "DoExp(4)", "EXPL 5"]


def test_list_marker_and_stringify_markers(run: Run) -> None:
    source = (
        '#xcommand SHOW <list,...> => QOut( <list> ) ; Names( <"list"> ) ; Dumb( #<list> )\n'
        "SHOW a, b + 1, c\n"
    )
    assert code(run(source)) == ['QOut( a, b + 1, c ) ; Names( "a","b + 1","c" ) ; Dumb( "a, b + 1, c" )']


def test_smart_stringify_keeps_parenthesised_expressions_and_strings(run: Run) -> None:
    source = "#xcommand USE <(db)> => DbUse( <(db)> )\nUSE clientes\nUSE (cAlias)\nUSE 'x.dbf'\n"
    assert code(run(source)) == ['DbUse( "clientes" )', "DbUse( (cAlias) )", "DbUse( 'x.dbf' )"]


def test_wild_marker_takes_the_rest_of_the_statement(run: Run) -> None:
    source = '#xcommand NOTE <*text*> => AddNote( #<text> )\nNOTE this is, "free" text\n'
    assert code(run(source)) == ["AddNote( 'this is, \"free\" text' )"]


def test_dumb_stringify_of_an_absent_clause_is_an_empty_string(run: Run) -> None:
    source = "#xcommand TAG [<x>] => SetTag( #<x> )\nTAG\nTAG abc\n"
    assert code(run(source)) == ['SetTag( "" )', 'SetTag( "abc" )']


def test_escaped_brackets_are_literal(run: Run) -> None:
    source = "#xcommand FIRST <a> => <a>\\[1\\]\nFIRST aList\n"
    assert code(run(source)) == ["aList[1]"]


def test_later_rule_wins_over_an_earlier_one(run: Run) -> None:
    source = "#xcommand GO <x> => Old(<x>)\n#xcommand GO <x> => New(<x>)\nGO 1\n"
    assert code(run(source)) == ["New(1)"]


def test_runaway_expansion_is_an_error_with_the_line_left_as_is(run: Run) -> None:
    result = run("#xtranslate LOOP => LOOP + 1\nx := LOOP\n")
    [error] = result.diagnostics
    assert (error.code, error.line) == ("PCI003", 2)
    assert code(result) == ["x := LOOP"]


def test_self_referencing_define_is_runaway(run: Run) -> None:
    assert codes_of(run("#define A B\n#define B A\nx := A\n")) == ["PCI003"]


def test_malformed_rule_is_reported(run: Run) -> None:
    [error] = run("#xcommand BROKEN <x>\n").diagnostics
    assert error.code == "PCI006"
    assert "=>" in error.message


# -- text, lines and mapping ------------------------------------------------------------


def test_any_byte_and_any_line_ending_is_accepted(run: Run) -> None:
    source = b"#define MSG 'A\xe7\xe3o \x81'\r\nx := MSG\ry := 1\nz := 2\r\n"
    result = run(source)
    assert code(result) == ["x := 'A\xe7\xe3o \x81'", "y := 1", "z := 2"]


def test_ppo_keeps_lines_aligned_and_maps_back_across_continuations(run: Run) -> None:
    source = '#include "window.ch"\n\nDEFINE WINDOW oWnd ;\n   TITLE "x"\nReturn\n'
    result = run(source, {"window.ch": WINDOW_CH})
    main = [line for line in result.lines if line.file == "main.prw"]
    assert [line.line for line in main] == [1, 2, 3, 4, 5]
    assert main[2].text.startswith("oWnd := TWindow():New(")
    assert main[4].text == "Return"
    assert result.origin(result.lines.index(main[4]) + 1) == ("main.prw", 5)
    ppo = result.ppo_text()
    assert '#line 1 "main.prw"' in ppo
    assert ppo.endswith("Return\r\n")


def test_comments_are_removed_but_strings_kept(run: Run) -> None:
    source = 'x := "a // b" // note\n/* one\ntwo */ y := 1 && old\n* star comment\n'
    assert code(run(source)) == ['x := "a // b"', "y := 1"]


def test_embedded_sql_passes_through_untouched(run: Run) -> None:
    source = (
        "#define SA1 'X'\nBeginSql alias 'QRY'\n"
        "  SELECT * FROM %table:SA1% WHERE %notDel%\nEndSql\nx := SA1\n"
    )
    assert code(run(source)) == [
        "BeginSql alias 'QRY'",
        "SELECT * FROM %table:SA1% WHERE %notDel%",
        "EndSql",
        "x := 'X'",
    ]


def test_headers_are_parsed_once_across_sources(repo: Path, includes: Path) -> None:
    write(includes / "window.ch", WINDOW_CH)
    for name in ("a.prw", "b.prw"):
        write(repo / name, '#include "window.ch"\nDEFAULT x := 1\n')
    preprocessor = Preprocessor(repo, [includes])
    first = preprocessor.preprocess(Path("a.prw"))
    loaded = preprocessor.files.load(includes.resolve() / "window.ch")
    second = preprocessor.preprocess(Path("b.prw"))
    assert code(first) == code(second) == ["x := If( x == nil, 1, x )"]
    assert preprocessor.files.load(includes.resolve() / "window.ch").parsed is loaded.parsed


def test_restricted_marker_takes_multi_word_choices_and_logifies(run: Run) -> None:
    source = (
        "#xcommand SET <look: 3DLOOK, LOOK 3D> <on: ON, OFF> => SetLook( Upper(<(on)>) == 'ON', <.look.> )\n"
        "SET LOOK 3D ON\nset 3dlook off\nSET LOOK ON\n"
    )
    assert code(run(source)) == [
        "SetLook( Upper(\"ON\") == 'ON', .T. )",
        "SetLook( Upper(\"off\") == 'ON', .T. )",
        "SET LOOK ON",
    ]


def test_translate_abbreviates_but_xtranslate_does_not(run: Run) -> None:
    source = (
        "#translate TOTALIZE(<x>) => Sum(<x>)\n"
        "#xtranslate COUNTALL(<x>) => Cnt(<x>)\n"
        "a := TOTA(1) + COUN(2)\n"
    )
    assert code(run(source)) == ["a := Sum(1) + COUN(2)"]


def test_extended_marker_takes_a_file_name_or_a_parenthesised_expression(run: Run) -> None:
    source = "#command OPEN <(file)> => DbOpen( <(file)> )\nOPEN c:\\dados\\sa1.dbf\nOPEN (cArq + '.dbf')\n"
    assert code(run(source)) == ['DbOpen( "c:\\dados\\sa1.dbf" )', "DbOpen( (cArq + '.dbf') )"]


def test_minimal_marker_takes_one_identifier(run: Run) -> None:
    source = "#xcommand FIELD <!name!> <*rest*> => Field(<name>, #<rest>)\nFIELD A1_COD size 6\n"
    assert code(run(source)) == ['Field(A1_COD, "size 6")']


def test_blockify_keeps_a_codeblock_and_blank_marker_drops_the_value(run: Run) -> None:
    source = "#xcommand ON <x> DO <y> => Hook( <{x}>, <{y}> ) <-x->\nON lOk DO {|| Save() }\n"
    assert code(run(source)) == ["Hook( {|| lOk }, {|| Save() } )"]


def test_expression_stops_at_the_next_pattern_literal(run: Run) -> None:
    source = "#xcommand STORE <v> TO <var> => <var> := <v>\nSTORE nA + nB * 2 TO nTotal\n"
    assert code(run(source)) == ["nTotal := nA + nB * 2"]
