"""SQL004: a query reads a table without the branch filter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import queries_missing_filter, tables_read

#: RetSqlCond() writes both the branch and the deleted-record conditions.
_BRANCH_BYTES = re.compile(rb"(?i)_filial|xfilial|cfilant|retsqlcond")


def _prefix(table: str) -> str:
    """The field prefix of a table: SA1 -> A1, ZZ1 -> ZZ1."""
    return table[1:] if table.startswith("S") else table


def embedded_query_without_branch_filter(ctx: FileContext, sql: Node) -> Iterator[Hit]:
    text = ctx.text(sql).upper()
    qualified = set(re.findall(r"(\w+)\s*\.\s*\w*_FILIAL\b", text))
    for read in tables_read(ctx, sql):
        if (
            f"%XFILIAL:{read.table}%" in text
            or re.search(rf"\b{_prefix(read.table)}_FILIAL\b", text)
            or read.alias in qualified
        ):
            continue
        yield ctx.hit(read.node, table=read.table)


@on_file("SQL004")
def query_without_branch_filter(ctx: FileContext) -> Iterator[Hit]:
    yield from queries_missing_filter(ctx, embedded_query_without_branch_filter, _BRANCH_BYTES)
