"""LEG001: ConOut/OutErr instead of FWLogMsg."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


@on_call("LEG001", "conout", "outerr", "outstd")
def conout(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    function = call.child_by_field_name("function")
    yield ctx.hit(function or call, function=ctx.text(function) if function else name)
