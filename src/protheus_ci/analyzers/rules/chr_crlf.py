"""HYG007: `Chr(13) + Chr(10)` spelled out instead of CRLF."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


def _is_chr(ctx: FileContext, node: Node | None, code: str) -> bool:
    if node is None or node.type != "call_expression":
        return False
    function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if function is None or arguments is None or ctx.lower(function) != "chr":
        return False
    values = arguments.named_children
    return len(values) == 1 and ctx.text(values[0]).strip() == code


def _is_plus(node: Node | None) -> bool:
    operator = node.child_by_field_name("operator") if node is not None else None
    return node is not None and node.type == "binary_expression" and operator is not None and operator.type == "+"


@on_call("HYG007", "chr")
def chr_crlf(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    if not _is_chr(ctx, call, "13"):
        return
    parent = call.parent
    if parent is None or not _is_plus(parent):
        return
    # Chr(13) + Chr(10) alone, or inside a chain: ("x" + Chr(13)) + Chr(10).
    after: Node | None = None
    if parent.child_by_field_name("left") == call:
        after = parent.child_by_field_name("right")
    elif (pair := parent.parent) is not None and _is_plus(pair) and pair.child_by_field_name("left") == parent:
        after = pair.child_by_field_name("right")
    if _is_chr(ctx, after, "10"):
        assert after is not None
        yield ctx.hit_bytes(call.start_byte, after.end_byte)
