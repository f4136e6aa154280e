"""HYG004: `=` comparing strings, where it is a prefix comparison."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query

#: Hungarian notation for a character variable: cNome, cCodigo (not `c` alone).
_CHARACTER_NAME = re.compile(r"^c[A-Z_]\w*$")


def _is_string(node: Node | None) -> bool:
    return node is not None and node.type == "string"


def _is_character_variable(ctx: FileContext, node: Node | None) -> bool:
    return node is not None and node.type == "identifier" and _CHARACTER_NAME.match(ctx.text(node)) is not None


@on_query("HYG004", '(binary_expression operator: "=") @comparison')
def string_equals_comparison(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    node = captures["comparison"][0]
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    literal = _is_string(left) or _is_string(right)
    both_named = _is_character_variable(ctx, left) and _is_character_variable(ctx, right)
    if literal or both_named:
        yield ctx.hit(node, left=ctx.text(left) if left else "", right=ctx.text(right) if right else "")
