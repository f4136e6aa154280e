"""ARE002: a User Function that returns a value changes the current work area
without saving and restoring it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext, FunctionScope
from protheus_ci.analyzers.rules.api import Hit, on_call

#: Calls that change the area but do not keep the caller's, among those named "...area".
_NOT_KEEPERS = frozenset({"dbselectarea", "dbclosearea", "dbcloseall"})


def _keeps_area(ctx: FileContext, scope: FunctionScope) -> bool:
    """GetArea/RestArea, SaveArea1/RestArea1, a house helper named like them
    (U_SalvaArea), or Alias() kept to select it again."""
    names = [n for n in ctx.calls if ("area" in n and n not in _NOT_KEEPERS) or n == "alias"]
    return bool(names) and bool(ctx.calls_in(scope, *names))


#: Signs that a function runs inside a standard screen or routine: it reads the
#: screen's memory variables, grid or entry-point parameters.
_INSIDE_A_ROUTINE = re.compile(
    rb"(?i)\bm\s*->|\bparamixb\b|\bacols\b|\baheader\b|\bgdfieldget\b|\bfwfldget\b|\breadvar\s*\("
)


def _aliased(call: Node) -> bool:
    """`SB1->(DbSelectArea("SB1"))`: the alias expression puts the area back itself."""
    parent = call.parent
    return (
        parent is not None
        and parent.type == "parenthesized_expression"
        and parent.parent is not None
        and parent.parent.type == "alias_expression"
    )


def _returns_value(ctx: FileContext, function: Node) -> bool:
    """Validations, triggers and entry points return a value to the routine that called them."""
    return any(r.child_by_field_name("value") is not None for r in ctx.returns_in(function))


@on_call("ARE002", "dbselectarea")
def dbselectarea_without_area_restore(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    scope = ctx.function_at(call)
    if scope is None or scope.kind != "user" or _aliased(call):
        return
    # One finding per function, on its first DbSelectArea.
    # Jobs set up their own environment: nothing of a caller's to disturb.
    if ctx.calls_in(scope, "dbselectarea")[0] != call or _keeps_area(ctx, scope) or ctx.calls_in(scope, "rpcsetenv"):
        return
    # Menu routines and jobs start with nothing selected; only a function called
    # from inside a routine leaves that routine on the wrong area.
    if _INSIDE_A_ROUTINE.search(ctx.data[scope.start_byte : scope.end_byte]) and _returns_value(ctx, scope.node):
        yield ctx.hit(call, function=scope.name)
