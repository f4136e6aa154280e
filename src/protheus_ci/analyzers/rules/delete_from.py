"""SQL006: `DELETE FROM` in source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.sql_text import sql_text_matches

#: `DELETE FROM`, or a literal that is only `"DELETE "` before a concatenated table.
_DELETE = re.compile(rb"\bdelete\s+from\b|[\"']\s*delete\s+[\"']", re.IGNORECASE)


@on_file("SQL006")
def delete_from(ctx: FileContext) -> Iterator[Hit]:
    if b"delete" not in ctx.lower_data:  # most files: one substring test instead of a regex scan
        return
    for match, node in sql_text_matches(ctx, _DELETE):
        alone = match.group(0)[:1] in (b'"', b"'")
        # The quoted form must be the whole literal, not quotes around a word in a longer text.
        if not alone or (node.start_byte, node.end_byte) == match.span():
            yield ctx.hit_bytes(match.start(), match.end(), text=match.group(0).decode("ascii", "replace"))
