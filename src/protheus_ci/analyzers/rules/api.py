"""How a rule is written.

A rule module defines one check function per rule code and registers it with
one decorator, by what it looks at:

- ``@on_call(CODE, "conout", ...)``: every call to one of these functions
  (names compared case-insensitively; ``U_x`` is a call to ``u_x``);
- ``@on_query(CODE, "(pattern) @node")``: every match of a tree-sitter query;
- ``@on_file(CODE)``: the whole file, for checks on bytes or structure;
- ``@on_project(CODE)``: the project index, for checks across files.

Checks yield :class:`Hit` objects made with ``ctx.hit(node, **args)``; the
engine turns them into findings with positions, severity and fingerprints.
Shared questions about the code (the enclosing function, its declared
variables, loops, transactions, embedded SQL) are answered by
:class:`~protheus_ci.analyzers.context.FileContext`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from tree_sitter import Node

if TYPE_CHECKING:
    from protheus_ci.analyzers.context import FileContext
    from protheus_ci.analyzers.project import ProjectIndex


@dataclass(frozen=True, slots=True)
class Hit:
    """A place a check flags: a byte range in the current file, or (for project
    checks) a line in a named file."""

    start_byte: int = 0
    end_byte: int = 0
    args: dict[str, str] = field(default_factory=dict)
    path: str = ""
    line: int = 0
    function: str = ""


CallCheck: TypeAlias = Callable[["FileContext", Node, str], Iterable[Hit]]
QueryCheck: TypeAlias = Callable[["FileContext", dict[str, list[Node]]], Iterable[Hit]]
FileCheck: TypeAlias = Callable[["FileContext"], Iterable[Hit]]
ProjectCheck: TypeAlias = Callable[["ProjectIndex", dict[str, object]], Iterable[Hit]]


@dataclass(frozen=True)
class CallRule:
    code: str
    names: frozenset[str]
    check: CallCheck


@dataclass(frozen=True)
class QueryRule:
    code: str
    query: str
    check: QueryCheck


@dataclass(frozen=True)
class FileRule:
    code: str
    check: FileCheck


@dataclass(frozen=True)
class ProjectRule:
    code: str
    check: ProjectCheck


AnyRule: TypeAlias = CallRule | QueryRule | FileRule | ProjectRule

#: Every rule, in registration order; filled as rule modules are imported.
REGISTERED: list[AnyRule] = []


def on_call(code: str, *names: str) -> Callable[[CallCheck], CallCheck]:
    def register(check: CallCheck) -> CallCheck:
        REGISTERED.append(CallRule(code, frozenset(n.lower() for n in names), check))
        return check

    return register


def on_query(code: str, query: str) -> Callable[[QueryCheck], QueryCheck]:
    def register(check: QueryCheck) -> QueryCheck:
        REGISTERED.append(QueryRule(code, query, check))
        return check

    return register


def on_file(code: str) -> Callable[[FileCheck], FileCheck]:
    def register(check: FileCheck) -> FileCheck:
        REGISTERED.append(FileRule(code, check))
        return check

    return register


def on_project(code: str) -> Callable[[ProjectCheck], ProjectCheck]:
    def register(check: ProjectCheck) -> ProjectCheck:
        REGISTERED.append(ProjectRule(code, check))
        return check

    return register
