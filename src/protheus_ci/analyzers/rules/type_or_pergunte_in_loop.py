"""PRF002: Type() or Pergunte() inside a loop."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


@on_call("PRF002", "type", "pergunte")
def type_or_pergunte_in_loop(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    loop = ctx.in_loop(call)
    if loop is None:
        return
    condition = loop.child_by_field_name("condition")
    if name == "pergunte" and condition is not None and condition.start_byte <= call.start_byte < condition.end_byte:
        return  # `While Pergunte(cPerg, .T.)`: the screen asked again until cancelled, by design
    function = call.child_by_field_name("function")
    yield ctx.hit(call, function=ctx.text(function) if function else name)
