"""HYG002: a source whose lines do not all end in CRLF."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

_NOT_CRLF = re.compile(rb"(?<!\r)\n|\r(?!\n)")


@on_file("HYG002")
def line_endings(ctx: FileContext) -> Iterator[Hit]:
    crlf = ctx.data.count(b"\r\n")
    lf, cr = ctx.data.count(b"\n") - crlf, ctx.data.count(b"\r") - crlf
    match = _NOT_CRLF.search(ctx.data) if lf or cr else None  # counting is fast, searching is not
    if match is None:
        return
    kind = "+".join(name for name, count in (("CRLF", crlf), ("LF", lf), ("CR", cr)) if count)
    # Reported once, on the first line without CRLF: the fix is the whole file.
    line_start = ctx.data.rfind(b"\n", 0, match.start()) + 1
    yield ctx.hit_bytes(line_start, match.start(), kind=kind)
