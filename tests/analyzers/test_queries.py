"""The grammar's editor queries compile and find what editors ask for."""

from __future__ import annotations

from pathlib import Path

import pytest
from tree_sitter import Query, QueryCursor

from protheus_ci.analyzers import parse_bytes
from protheus_ci.analyzers.language import language

QUERIES = Path(__file__).resolve().parents[2] / "grammar" / "queries"


@pytest.mark.parametrize("name", ["highlights.scm", "tags.scm", "injections.scm"])
def test_query_compiles(name: str) -> None:
    Query(language(), (QUERIES / name).read_text())


def test_tags_find_functions_classes_methods_and_web_services(sources_dir: Path) -> None:
    query = Query(language(), (QUERIES / "tags.scm").read_text())
    found: set[tuple[str, str]] = set()
    for path in sources_dir.iterdir():
        tree = parse_bytes(path.read_bytes())
        for _, captures in QueryCursor(query).matches(tree.root_node):
            kind = next(k for k in captures if k.startswith(("definition.", "reference.")))
            name = captures["name"][0].text
            assert name is not None
            found.add((kind, name.decode()))
    assert {
        ("definition.function", "XYZA010"),
        ("definition.function", "xyzGrava"),
        ("definition.function", "xyzCria"),
        ("definition.class", "OrdemService"),
        ("definition.method", "listar"),
        ("reference.call", "GetArea"),
    } <= found
    ws = parse_bytes(b'WSRESTFUL Svc DESCRIPTION "d"\nEND WSRESTFUL\n')
    assert [c["name"][0].text for _, c in QueryCursor(query).matches(ws.root_node)] == [b"Svc"]
