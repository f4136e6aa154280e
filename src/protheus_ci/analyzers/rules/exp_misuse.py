"""SQL008: `%exp:` quoted inside Embedded SQL, or written outside it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import SQL_KEYWORD

_EXP = re.compile(rb"(?i)%exp:")


def _quoted(ctx: FileContext, exp: Node) -> bool:
    """`'%exp:cVar%'`: %exp: already quotes character values, so the value ends up in two pairs of quotes."""
    before, after = exp.prev_named_sibling, exp.next_named_sibling
    return (
        before is not None
        and after is not None
        and before.type == after.type == "sql_text"
        and ctx.text(before).endswith("'")
        and ctx.text(after).startswith("'")
    )


@on_file("SQL008")
def exp_misuse(ctx: FileContext) -> Iterator[Hit]:
    for sql in ctx.embedded_sql:
        if sql.type == "embedded_sql":
            for exp in sql.named_children:
                if exp.type == "sql_exp" and _quoted(ctx, exp):
                    yield ctx.hit(exp, problem="quoted")
    # Only Embedded SQL replaces %exp:; in a plain string it reaches the database as text.
    for match in _EXP.finditer(ctx.data):
        node = ctx.tree.root_node.descendant_for_byte_range(match.start(), match.end())
        # A placeholder replaced by hand (StrTran(cSQL, "%exp:cDoc%", ...)) is not a query.
        if node is not None and node.type == "string" and SQL_KEYWORD.search(ctx.text(node)):
            yield ctx.hit_bytes(match.start(), match.end(), problem="outside")
