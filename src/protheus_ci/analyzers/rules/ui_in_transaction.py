"""TRN004: a user-interface call inside Begin/End Transaction."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call
from protheus_ci.analyzers.rules.ui_calls import UI_CALLS


def _silent_pergunte(ctx: FileContext, call: Node, name: str) -> bool:
    """`Pergunte(cPerg, .F.)` only loads MV_PAR variables; it shows nothing."""
    arguments = call.child_by_field_name("arguments")
    if name != "pergunte" or arguments is None or arguments.named_child_count < 2:
        return False
    return ctx.lower(arguments.named_children[1]) == ".f."


@on_call("TRN004", *UI_CALLS)
def ui_in_transaction(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    if ctx.in_transaction(call) is not None and not _silent_pergunte(ctx, call, name):
        function = call.child_by_field_name("function")
        yield ctx.hit(call, function=ctx.text(function) if function else name)
