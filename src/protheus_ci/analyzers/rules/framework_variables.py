"""Shared by SEC002 and SEC003: assignments to the framework's public variables."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit

#: Declaring one of these names Local/Static (or as a parameter) makes a new
#: variable, and assigning that one leaves the framework's untouched.
_SHADOWING_SCOPES = frozenset({"local", "static", "parameter"})


def assignment_query(*names: str) -> str:
    """Assignments (`:=`, `=`, `+=`...) whose target is one of `names`."""
    # A single pattern (an alternation): the catalog numbers each query rule as one.
    pattern = "(?i)^(" + "|".join(names) + ")$"
    branches = " ".join(
        f'({kind} left: (identifier) @name (#match? @name "{pattern}"))'
        for kind in ("assignment_expression", "assignment_statement")
    )
    return f"[{branches}] @assignment"


def _restores_saved_value(ctx: FileContext, assignment: Node, name: str) -> bool:
    """`cFilAnt := cFilBkp` after `cFilBkp := cFilAnt`: putting back the value
    saved before a change, which was itself reported."""
    right = assignment.child_by_field_name("right")
    scope = ctx.function_at(assignment)
    if right is None or right.type != "identifier" or scope is None:
        return False
    saved = re.escape(ctx.text(right).encode("cp1252", "replace"))
    taken = re.compile(rb"\b" + saved + rb"\s*:?=\s*" + re.escape(name.encode()) + rb"\b", re.IGNORECASE)
    return taken.search(ctx.data, scope.start_byte, assignment.start_byte) is not None


def framework_assignments(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    name = captures["name"][0]
    assignment = captures["assignment"][0]
    scope = ctx.function_at(name)
    declared = scope.declared(ctx.text(name)) if scope is not None else None
    declared = declared or ctx.file_declarations.get(ctx.lower(name))
    if declared is not None and declared.scope in _SHADOWING_SCOPES:
        return
    if not _restores_saved_value(ctx, assignment, ctx.text(name)):
        yield ctx.hit(assignment, variable=ctx.text(name))
