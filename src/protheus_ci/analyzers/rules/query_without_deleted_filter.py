"""SQL003: a query reads a table without the deleted-record filter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import queries_missing_filter, tables_read

_FILTER = re.compile(r"(?:(\w+)\s*\.\s*)?(?:%NOTDEL%|D_E_L_E_T_)")
#: RetSqlCond() writes both the branch and the deleted-record conditions.
_FILTER_BYTES = re.compile(rb"(?i)%notdel%|d_e_l_e_t_|retsqlcond")


def embedded_query_without_deleted_filter(ctx: FileContext, sql: Node) -> Iterator[Hit]:
    text = ctx.text(sql).upper()
    qualifiers = [m.group(1) for m in _FILTER.finditer(text)]
    # An unqualified filter cannot be tied to one table: trust it covers them.
    if None in qualifiers:
        return
    for read in tables_read(ctx, sql):
        if read.alias not in qualifiers and read.table not in qualifiers:
            yield ctx.hit(read.node, table=read.table)


@on_file("SQL003")
def query_without_deleted_filter(ctx: FileContext) -> Iterator[Hit]:
    yield from queries_missing_filter(ctx, embedded_query_without_deleted_filter, _FILTER_BYTES)
