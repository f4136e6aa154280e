"""Parsing ADVPL/TLPP bytes into tree-sitter trees, and finding syntax problems."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node, Parser, Tree

from protheus_ci.analyzers.language import language
from protheus_ci.analyzers.sources import LineIndex, SourceText, decode_for_display

# A tree-sitter Parser is not safe to share between threads; one per thread
# keeps parse_bytes free to call from worker threads.
_local = threading.local()


def _parser() -> Parser:
    parser: Parser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = Parser(language())
        _local.parser = parser
    return parser


def parse_bytes(data: bytes) -> Tree:
    """Parse raw source bytes. Never fails: bad input yields ERROR/MISSING nodes."""
    return _parser().parse(data)


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """An ERROR or MISSING node, with 1-based lines and character columns."""

    line: int
    column: int
    end_line: int
    end_column: int
    kind: str

    @property
    def message(self) -> str:
        return f"syntax error ({self.kind})"


def _describe(node: Node, data: bytes) -> str:
    if node.is_missing or node.start_byte == node.end_byte:
        return f"missing {node.type}"
    snippet = data[node.start_byte : min(node.end_byte, node.start_byte + 40)]
    text = decode_for_display(snippet).split("\n", 1)[0].strip()
    return f"unexpected {text!r}" if text else "unexpected end of line"


def _problem_nodes(tree: Tree) -> Iterator[Node]:
    """ERROR and MISSING nodes, outermost first, without recursion (trees nest deep).

    A missing token that the grammar hides (such as the `&name` inside a
    macro) leaves no visible MISSING node: its visible parent is then the
    deepest node that has an error but no child with one, and stands for it.
    """
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            yield node
            continue
        faulty = [child for child in node.children if child.has_error or child.is_missing]
        if not faulty and node.has_error:
            yield node
        stack.extend(reversed(faulty))


def syntax_problems(tree: Tree, data: bytes, index: LineIndex | None = None) -> list[SyntaxProblem]:
    problems: list[SyntaxProblem] = []
    for node in _problem_nodes(tree):
        index = index or LineIndex(data)
        line, column = index.position(node.start_byte)
        end_line, end_column = index.position(node.end_byte)
        problems.append(SyntaxProblem(line, column, end_line, end_column, _describe(node, data)))
    return problems


def error_lines(problems: list[SyntaxProblem]) -> set[int]:
    """Distinct lines touched by a problem node."""
    lines: set[int] = set()
    for problem in problems:
        lines.update(range(problem.line, problem.end_line + 1))
    return lines


@dataclass(frozen=True, slots=True)
class ParsedSource:
    source: SourceText
    tree: Tree
    problems: list[SyntaxProblem]


def parse_source(source: SourceText) -> ParsedSource:
    tree = parse_bytes(source.data)
    return ParsedSource(source=source, tree=tree, problems=syntax_problems(tree, source.data, source.line_index))
