"""The parsing API: trees, syntax problems and their positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from tree_sitter import Node

from protheus_ci.analyzers import (
    Dialect,
    dialect_for,
    is_source_path,
    parse_bytes,
    read_source,
    syntax_problems,
)
from protheus_ci.analyzers.parsing import error_lines, parse_source
from protheus_ci.analyzers.sources import LineIndex


def named_types(node: Node) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current.type)
        stack.extend(current.named_children)
    return found


def test_fixture_sources_parse_without_errors(sources_dir: Path) -> None:
    for path in sorted(sources_dir.iterdir()):
        parsed = parse_source(read_source(path))
        assert parsed.problems == [], path


def test_tree_exposes_definitions_and_fields(sources_dir: Path) -> None:
    data = (sources_dir / "xyza010.prw").read_bytes()
    root = parse_bytes(data).root_node
    functions = [n for n in root.named_children if n.type == "function_definition"]
    assert [f.child_by_field_name("name").text for f in functions] == [b"XYZA010", b"xyzGrava"]  # type: ignore[union-attr]
    types = named_types(root)
    for expected in (
        "embedded_sql",
        "sql_exp",
        "while_statement",
        "command_statement",
        "transaction_statement",
        "case_statement",
    ):
        assert expected in types


def test_unbalanced_parenthesis_is_reported_on_its_own_line() -> None:
    # As with the compiler's C2002, the end of the line ends the statement, so
    # the next line is not swallowed into the error.
    data = b"nA := 1\nnB := (2 +\nnC := 3\n"
    tree = parse_bytes(data)
    problems = syntax_problems(tree, data)
    assert [(p.line, p.end_line) for p in problems] == [(2, 2)]
    assert error_lines(problems) == {2}
    last = tree.root_node.named_children[-1]
    assert last.type == "expression_statement" and last.text == b"nC := 3"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_columns_count_characters_whatever_the_encoding(encoding: str) -> None:
    data = "cA := 'ção' + (\n".encode(encoding)
    problems = syntax_problems(parse_bytes(data), data)
    assert [(p.line, p.column, p.kind) for p in problems] == [(1, 16, "missing )")]


@pytest.mark.parametrize("newline", [b"\r\n", b"\n", b"\r"])
def test_every_line_ending_parses_and_reports_exact_lines(newline: bytes) -> None:
    data = newline.join([b"User Function X()", b"Local nA := 1", b"If nA > (0", b"nA++", b"EndIf", b"Return nA", b""])
    problems = syntax_problems(parse_bytes(data), data)
    assert [(p.line, p.column) for p in problems] == [(3, 11)]


def test_mixed_line_endings_and_missing_final_newline() -> None:
    data = b"nA := 1\r\nnB := 2\nnC := 3\rnD := 4"
    tree = parse_bytes(data)
    assert not tree.root_node.has_error
    index = LineIndex(data)
    starts = [index.position(n.start_byte) for n in tree.root_node.named_children]
    assert starts == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert index.line_text(3) == "nC := 3"


def test_cp1252_bytes_never_break_parsing() -> None:
    # Accents in strings and comments, CP850 box drawing, and the five bytes
    # CP1252 leaves undefined.
    data = "// Revisão ÄÍ±Üß³\ncA := 'Atenção'\n".encode("cp1252") + b"cB := '\x81\x8d\x8f\x90\x9d'\n"
    assert not parse_bytes(data).root_node.has_error


def test_dialect_and_source_extensions_are_case_insensitive() -> None:
    assert dialect_for(Path("A.TLPP")) is Dialect.TLPP
    assert dialect_for(Path("b.th")) is Dialect.TLPP
    assert dialect_for(Path("c.PRW")) is Dialect.ADVPL
    assert all(
        is_source_path(Path(f"x{ext}")) for ext in (".PRW", ".prx", ".Tlpp", ".ch", ".TH", ".aph", ".apw", ".apl")
    )
    assert not is_source_path(Path("readme.md"))
