"""The parser never crashes or hangs, whatever bytes it is given."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protheus_ci.analyzers import parse_bytes, syntax_problems
from protheus_ci.analyzers.sources import LineIndex

# Pieces of real ADVPL syntax, so that generated inputs reach deep into the
# grammar instead of failing at the first byte.
TOKENS = [
    "User Function X()",
    "Static Function",
    "Local",
    "Private",
    "Default",
    "Return",
    "If",
    "ElseIf",
    "Else",
    "EndIf",
    "While",
    "EndDo",
    "For",
    "To",
    "Next",
    "Do Case",
    "Case",
    "Otherwise",
    "EndCase",
    "Begin Sequence",
    "Recover Using",
    "End Sequence",
    "BeginSql Alias cA",
    "EndSql",
    "%table:SA1%",
    "%exp:",
    "%notDel%",
    "%",
    "Class",
    "EndClass",
    "Method",
    "Data",
    "WSRESTFUL",
    "END WSRESTFUL",
    "WSMETHOD",
    "@",
    "@Get(",
    "#include",
    "#ifdef",
    "#else",
    "#endif",
    "#xtranslate",
    "=>",
    "nA",
    "cB",
    ":=",
    "=",
    "==",
    "+",
    "-",
    "*",
    "/",
    "**",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "|",
    ",",
    ";",
    ":",
    "::",
    "->",
    "&",
    "&&",
    "//",
    "/*",
    "*/",
    "/*/{Protheus.doc}",
    "/*/",
    "'",
    '"',
    "1",
    ".5",
    ".T.",
    ".And.",
    "!",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "\x00",
    "\xb3",
    "`",
]


def assert_parses_to_a_tree(data: bytes) -> None:
    tree = parse_bytes(data)
    root = tree.root_node
    # A wholly unparsable input gives an ERROR root; anything else, a source_file.
    assert root.type in {"source_file", "ERROR"}
    assert root.end_byte <= len(data)
    problems = syntax_problems(tree, data)
    index = LineIndex(data)
    for problem in problems:
        assert 1 <= problem.line <= problem.end_line <= index.line_of(len(data))


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    assert_parses_to_a_tree(data)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=200))
def test_random_token_soup(tokens: list[str]) -> None:
    assert_parses_to_a_tree(" ".join(tokens).encode("cp1252", errors="replace"))


def test_every_truncation_of_the_fixtures(sources_dir: Path) -> None:
    for path in sorted(sources_dir.iterdir()):
        data = path.read_bytes()
        for end in range(0, len(data), 7):
            assert_parses_to_a_tree(data[:end])


def test_fixtures_with_random_bytes_deleted(sources_dir: Path) -> None:
    rng = random.Random(20261207)
    for path in sorted(sources_dir.iterdir()):
        data = bytearray(path.read_bytes())
        for _ in range(60):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                if mutated:
                    del mutated[rng.randrange(len(mutated))]
            assert_parses_to_a_tree(bytes(mutated))


def test_one_megabyte_single_line() -> None:
    assert_parses_to_a_tree(b'cA := "' + b"x" * 1_000_000 + b'"')
    assert_parses_to_a_tree(b"nA := " + b"1 + " * 250_000 + b"1")


def test_ten_thousand_nested_parentheses_and_braces() -> None:
    assert_parses_to_a_tree(b"nA := " + b"(" * 10_000 + b"1" + b")" * 10_000 + b"\n")
    assert_parses_to_a_tree(b"nA := " + b"(" * 10_000 + b"\n")
    assert_parses_to_a_tree(b"aA := " + b"{" * 10_000 + b"\n")
    assert not parse_bytes(b"nA := " + b"(" * 10_000 + b"1" + b")" * 10_000 + b"\n").root_node.has_error
