"""SCP001: assignment to a variable the function never declares."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.framework_names import is_framework_public
from protheus_ci.analyzers.rules.scope_names import code_block_parameters, declared_names, shared_names

# `+=` and friends on an undeclared name fail at run time instead of creating a
# Private, so only plain assignments and For counters are the silent case.
# (One pattern with alternatives: the catalog maps one pattern per rule query.)
_TARGETS = """[
  (assignment_expression left: (identifier) @name operator: ":=")
  (assignment_statement left: (identifier) @name)
  (for_statement variable: (identifier) @name)
]"""
#: B1_COD, ZZ1_VALOR: with no variable of that name, an assignment writes the
#: field of the current work area (inside RecLock), which is not a Private.
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9]{1,2}_\w+$")


@on_query("SCP001", _TARGETS)
def undeclared_assignment(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    node = captures["name"][0]
    scope = ctx.function_at(node)
    if scope is None:
        return
    name = ctx.lower(node)
    if name in declared_names(ctx, scope) or name in shared_names(ctx) or is_framework_public(name):
        return
    if _FIELD_NAME.match(name):
        return
    if name in code_block_parameters(ctx, node):
        return
    reported: set[str] = ctx.memo(("SCP001", scope.start_byte), set)
    if name not in reported:  # once per name and function: the first assignment
        reported.add(name)
        yield ctx.hit(node, name=ctx.text(node), function=scope.name)
