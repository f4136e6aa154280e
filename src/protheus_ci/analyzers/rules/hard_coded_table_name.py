"""SQL005: a physical table name (SA1010) written in SQL text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import sql_text_hits

#: A table after FROM/JOIN/UPDATE/INTO, optionally schema-qualified: three
#: characters of alias, two of company, and the trailing 0 (SA1010, ZZ1990).
_PHYSICAL_TABLE = re.compile(rb"\b(?:from|join|update|into)\s+(?:\w+\.){0,2}([a-z][a-z0-9]{2}\d\d0)\b", re.IGNORECASE)


@on_file("SQL005")
def hard_coded_table_name(ctx: FileContext) -> Iterator[Hit]:
    yield from sql_text_hits(ctx, _PHYSICAL_TABLE, group=1, anchors=(b"from", b"join", b"update", b"into"))
