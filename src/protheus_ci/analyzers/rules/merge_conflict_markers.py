"""HYG001: merge-conflict markers left in a source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

_MARKER = re.compile(rb"^(<{7}(?: .*)?|={7}|>{7}(?: .*)?)\r?$", re.MULTILINE)


@on_file("HYG001")
def merge_conflict_markers(ctx: FileContext) -> Iterator[Hit]:
    for match in _MARKER.finditer(ctx.data):
        yield ctx.hit_bytes(match.start(), match.end(1))
