"""SQL002: a value concatenated into a quoted SQL literal (injection)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.sql_text import (
    ADVPL_EXPRESSION,
    SQL_KEYWORD,
    chain_operands,
    chain_root,
    literal_value,
    next_operand,
)

#: A literal that opens a SQL string value right after a column comparison:
#: `"... A1_COD = '"`, `"... LIKE '%"`, `"... IN ('"`. Protheus column names
#: always hold an underscore, which keeps messages and ADVPL code out.
_OPENS_VALUE = re.compile(r"""_\w*\s*(=|<>|!=|>=|<=|>|<|like|in\s*\(|between)\s*'%?["']$""", re.IGNORECASE)
#: Calls whose result cannot carry a quote: system values, numbers, dates, and
#: the helpers that quote for you.
_SAFE_CALLS = frozenset(
    {
        "retsqlname",
        "xfilial",
        "fwxfilial",
        "valtosql",
        "dtos",
        "str",
        "strzero",
        "cvaltochar",
        "len",
        "year",
        "month",
        "day",
        "date",
        "time",
        "fwtimestamp",
        "fwcodfil",
        "fwcodemp",
        "fwcompany",
        "fwfilial",
        "fwunitbusiness",
        "fwgrpcompany",
    }
)
#: Calls that only reshape their first argument: safe when it is.
_WRAPPERS = frozenset(
    {"alltrim", "trim", "rtrim", "ltrim", "upper", "lower", "padr", "padl", "left", "right", "substr", "subs"}
)
#: The logged-in company and branch, set by the framework.
_SAFE_NAMES = frozenset({"cfilant", "cempant", "cnumemp"})
_QUERY_VARIABLE = re.compile(r"(?i)qry|query|sql|where|^cq$|^cmd")


def _is_safe(ctx: FileContext, node: Node) -> bool:
    if node.type in ("string", "number"):
        return True
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _is_safe(ctx, node.named_children[0])
    if node.type == "identifier":
        return ctx.lower(node) in _SAFE_NAMES
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        name = ctx.lower(function) if function is not None and function.type == "identifier" else ""
        if name in _SAFE_CALLS:
            return True
        arguments = node.child_by_field_name("arguments")
        if name in _WRAPPERS and arguments is not None and arguments.named_child_count:
            return _is_safe(ctx, arguments.named_children[0])
    return False


def _is_sql(ctx: FileContext, root: Node) -> bool:
    literals = [literal_value(ctx, n) for n in chain_operands(root) if n.type == "string"]
    if any(ADVPL_EXPRESSION.search(text) for text in literals):
        return False
    if any(SQL_KEYWORD.search(text) for text in literals):
        return True
    # `cQuery += "A1_COD = '" + cCod + "'"`: the variable says what it holds.
    parent = root.parent
    target = (
        parent.child_by_field_name("left") if parent is not None and parent.type == "assignment_expression" else None
    )
    if target is None and parent is not None and parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
    return target is not None and bool(_QUERY_VARIABLE.search(ctx.text(target)))


@on_query("SQL002", "(binary_expression (string) @literal)")
def sql_concatenated_value(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    literal = captures["literal"][0]
    if not _OPENS_VALUE.search(ctx.text(literal)):
        return
    value = next_operand(literal)
    if value is None or _is_safe(ctx, value) or not _is_sql(ctx, chain_root(literal)):
        return
    yield ctx.hit(value, value=" ".join(ctx.text(value).split())[:60])
