"""SQL001: `SELECT *` in embedded SQL or in a query string."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import sql_text_matches

_SELECT_STAR = re.compile(rb"\bselect\s+(?:distinct\s+|top\s+\d+\s+)?\*", re.IGNORECASE)
# `EXISTS (SELECT * ...)` reads no column at all: it is the idiom, not the fault.
_AFTER_EXISTS = re.compile(rb"exists\s*\(\s*$", re.IGNORECASE)


@on_file("SQL001")
def select_star(ctx: FileContext) -> Iterator[Hit]:
    for match, node in sql_text_matches(ctx, _SELECT_STAR, anchors=(b"select",)):
        if not _AFTER_EXISTS.search(ctx.data[node.start_byte : match.start()]):
            yield ctx.hit_bytes(match.start(), match.end())
