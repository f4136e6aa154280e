"""HYG006: a macro whose text names a Local or Static, which macros cannot see."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext, FunctionScope
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.scope_names import local_names

_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
#: A variable in macro text: not a field (->X), member (:X), logical (.T.) or call (X()).
_VARIABLE = re.compile(r"(?<![\w>:.])([A-Za-z_]\w*)(?!\s*\(|\w|\s*->|\.)")
_MACRO_VARIABLE = re.compile(r"&\s*([A-Za-z_]\w*)")


def _names_in(expression: str) -> set[str]:
    return {m.group(1).lower() for m in _VARIABLE.finditer(_QUOTED.sub(" ", expression))}


def _assigned_strings(ctx: FileContext, scope: FunctionScope, variable: str) -> list[str]:
    """The string literals the function assigns to `variable`."""
    text = ctx.data[scope.start_byte : scope.end_byte].decode("cp1252", "replace")
    pattern = re.compile(rf"\b{re.escape(variable)}\s*:=\s*(\"[^\"\r\n]*\"|'[^'\r\n]*')", re.IGNORECASE)
    return [m.group(1)[1:-1] for m in pattern.finditer(text)]


def _macro_texts(ctx: FileContext, macro: Node, scope: FunctionScope) -> list[str]:
    """What the macro will compile: its literal, or the literals its variable holds."""
    inner = macro.named_children[0].named_children if macro.named_children else []
    if len(inner) == 1 and inner[0].type == "string":
        return [ctx.text(inner[0])[1:-1]]
    if len(inner) == 1 and inner[0].type == "identifier":
        return _assigned_strings(ctx, scope, ctx.text(inner[0]))
    match = _MACRO_VARIABLE.match(ctx.text(macro)) if not macro.named_children else None
    return _assigned_strings(ctx, scope, match.group(1)) if match else []


@on_query("HYG006", "(macro_expression) @macro")
def macro_on_local(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    macro = captures["macro"][0]
    scope = ctx.function_at(macro)
    if scope is None:
        return
    hidden = local_names(ctx, scope)
    if not hidden:
        return
    for text in _macro_texts(ctx, macro, scope):
        found = sorted(_names_in(text) & hidden.keys())
        if found:
            yield ctx.hit(macro, name=found[0], scope=hidden[found[0]].capitalize())
            return
