"""TRN003: the BeginTran()/EndTran() functions instead of the transaction commands."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


@on_call("TRN003", "begintran", "endtran")
def begintran_function(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    function = call.child_by_field_name("function")
    yield ctx.hit(call, function=ctx.text(function) if function else name)
