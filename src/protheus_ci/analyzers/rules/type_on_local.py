"""HYG005: Type() on a Local or Static, which it can never see."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call
from protheus_ci.analyzers.rules.scope_names import local_names

#: "cNome", "aItens[1]", "oObj:cProp": the variable Type() will look up.
_VARIABLE = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:[\[:].*)?$", re.DOTALL)


@on_call("HYG005", "type")
def type_on_local(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    arguments = call.child_by_field_name("arguments")
    argument = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    scope = ctx.function_at(call)
    if argument is None or argument.type != "string" or scope is None:
        return
    match = _VARIABLE.match(ctx.text(argument)[1:-1])
    if match is None:
        return
    variable = match.group(1).lower()
    # Only the function's own variables: a file-level Static is often a copy
    # of a Public of the same name, which Type() does see.
    kind = local_names(ctx, scope).get(variable) if variable in scope.declarations else None
    if kind is not None:
        yield ctx.hit(call, name=match.group(1), scope=kind.capitalize())
