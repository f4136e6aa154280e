"""TRN002: Begin Transaction without End Transaction."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

#: An unclosed Begin Transaction is a parse error that can swallow the rest of
#: the function, so the commands and function headers are paired on the text.
_MARKERS = re.compile(
    rb"(?im)^[ \t]*(?:"
    rb"(?P<begin>begin[ \t]+transaction)\b"
    rb"|(?P<end>end[ \t]*tran\w*)"  # END TRANSACTION, END TRANSACTIONS, END TRAN
    rb"|(?:(?:static|user|main|template|project|web|html|public|private)[ \t]+)?(?P<function>function|method|wsmethod)[ \t]+\w"
    rb")"
)


_BEGIN = re.compile(rb"(?i)begin[ \t]+transaction")


@on_file("TRN002")
def unclosed_transaction(ctx: FileContext) -> Iterator[Hit]:
    if not _BEGIN.search(ctx.data):
        return  # most files open no transaction: skip the line-by-line pass
    root = ctx.tree.root_node
    open_begins: list[tuple[int, int]] = []
    for match in _MARKERS.finditer(ctx.data):
        kind = match.lastgroup
        assert kind is not None
        start, end = match.span(kind)
        node = root.descendant_for_byte_range(start, end)
        if node is not None and node.type in ("comment", "string"):
            continue
        if kind == "begin":
            open_begins.append((start, end))
        elif kind == "end":
            if open_begins:
                open_begins.pop()
        else:
            yield from (ctx.hit_bytes(s, e) for s, e in open_begins)
            open_begins.clear()
    yield from (ctx.hit_bytes(s, e) for s, e in open_begins)
