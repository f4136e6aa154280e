"""LEG003: MsgBox(), deprecated in Protheus 12."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


@on_call("LEG003", "msgbox")
def msgbox(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    yield ctx.hit(call.child_by_field_name("function") or call)
