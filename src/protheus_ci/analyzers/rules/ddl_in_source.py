"""SQL009: CREATE PROCEDURE, CREATE TRIGGER and other DDL in source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import sql_text_hits

_DDL = re.compile(
    rb"\b(?:create|alter|drop)\s+(?:or\s+(?:replace|alter)\s+)?(?:procedure|proc|trigger|function|table|view|index|sequence)\b"
    rb"|\btruncate\s+table\b",
    re.IGNORECASE,
)


@on_file("SQL009")
def ddl_in_source(ctx: FileContext) -> Iterator[Hit]:
    yield from sql_text_hits(ctx, _DDL, anchors=(b"create", b"alter", b"drop", b"truncate"))
