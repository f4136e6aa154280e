"""Shared reading of SQL for the SQL rules: string literals, concatenation
chains and the tables an embedded query reads."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit

#: Words that only SQL text holds (ADVPL filter expressions use `.And.`/`==`).
SQL_KEYWORD = re.compile(
    r"(?<![.\w])(select|where|and|or|from|join|update|set|delete|insert|values|having)(?![.\w])", re.I
)
#: An ADVPL expression (filter, macro) rather than SQL: `.And.`, `.Or.`, `==`, `$`.
ADVPL_EXPRESSION = re.compile(r"\.(and|or|not)\.|==|\$", re.I)


def literal_value(ctx: FileContext, node: Node) -> str:
    """A string literal's text without its delimiters."""
    return ctx.text(node)[1:-1]


def is_concatenation(node: Node | None) -> bool:
    if node is None or node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type == "+"


def chain_root(node: Node) -> Node:
    """The outermost `+` expression that `node` is an operand of (or `node`)."""
    while is_concatenation(node.parent):
        assert node.parent is not None
        node = node.parent
    return node


def chain_operands(root: Node) -> Iterator[Node]:
    """The operands of a `+` chain, left to right."""
    if is_concatenation(root):
        for side in ("left", "right"):
            child = root.child_by_field_name(side)
            if child is not None:
                yield from chain_operands(child)
    else:
        yield root


def next_operand(node: Node) -> Node | None:
    """The operand that follows `node` in its `+` chain: `"a" + x` gives `x`."""
    current = node
    while is_concatenation(current.parent):
        parent = current.parent
        assert parent is not None
        if parent.child_by_field_name("left") == current:
            right = parent.child_by_field_name("right")
            return next(chain_operands(right)) if right is not None else None
        current = parent
    return None


@dataclass(frozen=True, slots=True)
class TableRead:
    node: Node  # the %table:X% reference
    table: str  # uppercase, e.g. SA1
    alias: str  # uppercase alias given in the query, or the table name


_NOT_ALIAS = frozenset(
    {"WHERE", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "JOIN", "ON", "ORDER", "GROUP", "UNION", "WITH", "HAVING"}
)
_ALIAS = re.compile(r"\s*(?:AS\s+)?([A-Za-z_]\w*)")


def tables_read(ctx: FileContext, sql: Node) -> list[TableRead]:
    """Each `%table:X%` of an embedded query with the alias written after it."""
    reads: list[TableRead] = []
    for child in sql.named_children:
        if child.type != "sql_table":
            continue
        name = child.child_by_field_name("table")
        table = ctx.text(name).strip().upper() if name is not None else ""
        if not re.fullmatch(r"[A-Z][A-Z0-9]{2}", table):
            continue  # a table chosen at run time: nothing to compare with
        alias = table
        after = child.next_named_sibling
        if after is not None and after.type == "sql_text":
            match = _ALIAS.match(ctx.text(after))
            if match and match.group(1).upper() not in _NOT_ALIAS:
                alias = match.group(1).upper()
        reads.append(TableRead(child, table, alias))
    return reads


def previous_operand(node: Node) -> Node | None:
    """The operand before `node` in its `+` chain: `"FROM " + x` gives the literal."""
    parent = node.parent
    if is_concatenation(parent) and parent is not None and parent.child_by_field_name("right") == node:
        left = parent.child_by_field_name("left")
        if left is not None:
            *_, last = chain_operands(left)
            return last
    return None


_READS_TABLE = re.compile(r"\b(from|join)\s*$|,\s*$", re.IGNORECASE)
_DELETES_FROM = re.compile(r"\bdelete\s+from\s*$", re.IGNORECASE)


def read_tables_in_strings(ctx: FileContext, call: Node) -> bool:
    """`RetSqlName(...)` placed right after `FROM` or `JOIN` in a query string."""
    before = previous_operand(call)
    if before is None or before.type != "string":
        return False
    text = literal_value(ctx, before)
    return bool(_READS_TABLE.search(text)) and not _DELETES_FROM.search(text)


def function_text(ctx: FileContext, node: Node) -> bytes:
    """The bytes of the function around `node` (the file when outside any)."""
    scope = ctx.function_at(node)
    return ctx.data[scope.start_byte : scope.end_byte] if scope else ctx.data


def table_argument(ctx: FileContext, call: Node) -> str:
    """The table named by `RetSqlName("SA1")`: `SA1`."""
    arguments = call.child_by_field_name("arguments")
    return ctx.text(arguments).strip("()\"' ") if arguments is not None else ""


def queries_missing_filter(
    ctx: FileContext, embedded_check: Callable[[FileContext, Node], Iterator[Hit]], filter_bytes: re.Pattern[bytes]
) -> Iterator[Hit]:
    """Embedded SQL judged by `embedded_check`; and each `RetSqlName()` read in a
    query string, flagged when its function never mentions `filter_bytes`."""
    for sql in ctx.embedded_sql:
        if sql.type == "embedded_sql":
            yield from embedded_check(ctx, sql)
    for call in ctx.calls.get("retsqlname", ()):
        if read_tables_in_strings(ctx, call) and not filter_bytes.search(function_text(ctx, call)):
            yield ctx.hit(call, table=table_argument(ctx, call))


_SQL_TEXT_TYPES = frozenset({"string", "sql_text"})


def _anchored(ctx: FileContext, pattern: re.Pattern[bytes], anchors: tuple[bytes, ...]) -> Iterator[re.Match[bytes]]:
    """`pattern` tried only where one of its first words starts: `bytes.find` runs
    in C, while a case-insensitive regex scan of the whole file does not."""
    lower, data = ctx.lower_data, ctx.data
    starts: set[int] = set()
    for anchor in anchors:
        position = lower.find(anchor)
        while position != -1:
            if position == 0 or not (lower[position - 1 : position].isalnum() or lower[position - 1] == 0x5F):
                starts.add(position)
            position = lower.find(anchor, position + 1)
    for start in sorted(starts):
        match = pattern.match(data, start)
        if match:
            yield match


def sql_text_matches(
    ctx: FileContext, pattern: re.Pattern[bytes], anchors: tuple[bytes, ...] = ()
) -> Iterator[tuple[re.Match[bytes], Node]]:
    """Matches of `pattern` that lie inside one string literal or one piece of
    Embedded SQL: one search over the file's bytes, then a tree lookup per match
    only, far cheaper than visiting every string of the file. With `anchors`
    (lowercase words every match starts with), the pattern is only tried where
    one of them starts."""
    root = ctx.tree.root_node
    matches = _anchored(ctx, pattern, anchors) if anchors else pattern.finditer(ctx.data)
    for match in matches:
        node = root.descendant_for_byte_range(match.start(), match.end())
        if node is None or node.type not in _SQL_TEXT_TYPES:
            continue
        if node.parent is not None and node.parent.type == "embedded_content":
            continue  # BeginContent holds HTML or JSON, not SQL
        yield match, node


def sql_text_hits(
    ctx: FileContext, pattern: re.Pattern[bytes], group: int = 0, anchors: tuple[bytes, ...] = ()
) -> Iterator[Hit]:
    """A hit on `group` of each match of `pattern` in SQL text."""
    for match, _ in sql_text_matches(ctx, pattern, anchors):
        yield ctx.hit_bytes(match.start(group), match.end(group), text=match.group(group).decode("ascii", "replace"))
