"""PRF004: RecCount()/LastRec() compared with 0 or 1 to test for records."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call

#: (operator, other operand) pairs that ask "is there any record?", either side.
_EXISTENCE = frozenset(
    {(">", "0"), (">=", "1"), ("!=", "0"), ("<>", "0"), ("#", "0"), ("==", "0"), ("=", "0"), ("<", "1"), ("<=", "0")}
)
_MIRROR = {">": "<", "<": ">", ">=": "<=", "<=": ">="}


@on_call("PRF004", "reccount", "lastrec")
def reccount_existence_test(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    operand = call
    # `SA1->(RecCount())`, `(cAlias)->(LastRec())`: climb to the whole operand.
    while operand.parent is not None and operand.parent.type in ("parenthesized_expression", "alias_expression"):
        operand = operand.parent
    comparison = operand.parent
    if comparison is None or comparison.type != "binary_expression":
        return
    operator_node = comparison.child_by_field_name("operator")
    left, right = comparison.child_by_field_name("left"), comparison.child_by_field_name("right")
    if operator_node is None or left is None or right is None:
        return
    operator = operator_node.type
    if left == operand:
        other = right
    else:
        other, operator = left, _MIRROR.get(operator, operator)
    if other.type == "number" and (operator, ctx.text(other)) in _EXISTENCE:
        function = call.child_by_field_name("function")
        yield ctx.hit(comparison, function=ctx.text(function) if function else name)
