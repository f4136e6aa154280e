"""HYG003: a source that is not CP1252 (UTF-8, or bytes CP1252 leaves undefined)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.language import Dialect
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.sources import detect_encoding

_NON_ASCII = re.compile(rb"[\x80-\xff]")
_UNDEFINED_IN_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


@on_file("HYG003")
def non_cp1252_encoding(ctx: FileContext) -> Iterator[Hit]:
    # Once per file, at the first offending byte: the fix is re-encoding it all.
    # TLPP sources may be UTF-8 (TOTVS publishes its own TLPP samples so);
    # only ADVPL ones must be CP1252.
    if ctx.dialect is Dialect.ADVPL and detect_encoding(ctx.data) == "utf-8":
        match = _NON_ASCII.search(ctx.data)
        if match is not None:
            yield ctx.hit_bytes(match.start(), match.end(), kind="UTF-8")
    elif (match := _UNDEFINED_IN_CP1252.search(ctx.data)) is not None:
        yield ctx.hit_bytes(match.start(), match.end(), kind=f"0x{match.group()[0]:02X}")
