"""PRF003: a string grown by concatenation inside a loop."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.sql_text import chain_operands, is_concatenation

#: Hungarian notation for a character variable: cTexto, _cLinha.
_CHARACTER_NAME = re.compile(r"^_?c[A-Z]")


def _appended(ctx: FileContext, target: Node, operator: str, value: Node) -> list[Node] | None:
    """The operands added to `target`, or None when this is not `x += ...` / `x := x + ...`."""
    if operator == "+=":
        return list(chain_operands(value))
    if operator in (":=", "=") and is_concatenation(value):
        first, *rest = chain_operands(value)
        if first.type == "identifier" and ctx.lower(first) == ctx.lower(target):
            return rest
    return None


def _assignment(statement: Node) -> Node | None:
    if statement.type == "expression_statement" and statement.named_child_count == 1:
        statement = statement.named_children[0]
    return statement if statement.type in ("assignment_expression", "assignment_statement") else None


def _reset_in_loop(ctx: FileContext, assignment: Node, loop: Node, name: str) -> bool:
    """`cQuery := ""` earlier in the same iteration: the string starts over on each
    pass, so it does not grow across the loop (a query built per record)."""
    statement = assignment.parent if assignment.parent and assignment.parent.type == "expression_statement" else None
    current: Node | None = statement or assignment
    while current is not None and current != loop:
        sibling = current.prev_named_sibling
        while sibling is not None:
            earlier = _assignment(sibling)
            target = earlier.child_by_field_name("left") if earlier is not None else None
            if earlier is not None and target is not None and ctx.lower(target) == name:
                operator, value = earlier.child_by_field_name("operator"), earlier.child_by_field_name("right")
                if operator is not None and value is not None and _appended(ctx, target, operator.type, value) is None:
                    return True
            sibling = sibling.prev_named_sibling
        current = current.parent
    return False


@on_query(
    "PRF003",
    # Only `x += ...` and `x := <a + chain>` can grow x; narrowing here keeps
    # every other assignment of the file out of Python.
    '[(assignment_expression left: (identifier) @target operator: "+=" @operator right: (_) @value)'
    ' (assignment_expression left: (identifier) @target operator: ":=" @operator right: (binary_expression) @value)'
    ' (assignment_statement left: (identifier) @target operator: "=" @operator right: (binary_expression) @value)]',
)
def string_concatenation_in_loop(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    target = captures["target"][0]
    assignment = target.parent
    loop = ctx.in_loop(target)
    if assignment is None or loop is None:
        return
    appended = _appended(ctx, target, captures["operator"][0].type, captures["value"][0])
    if not appended or _reset_in_loop(ctx, assignment, loop, ctx.lower(target)):
        return
    # A string literal among the operands, or a variable named as a string.
    if any(n.type == "string" for n in appended) or _CHARACTER_NAME.match(ctx.text(target)):
        yield ctx.hit(assignment, variable=ctx.text(target))
