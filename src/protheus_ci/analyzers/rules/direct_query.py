"""SQL007: a query opened with TCQuery or TcGenQry instead of Embedded SQL."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

#: TCQuery is a preprocessor command, so it reaches the tree as a command
#: statement rather than a call; a line-start match finds it without a walk.
_TCQUERY = re.compile(rb"(?im)^[ \t]*(tcquery)\b")


@on_file("SQL007")
def direct_query(ctx: FileContext) -> Iterator[Hit]:
    for match in _TCQUERY.finditer(ctx.data):
        node = ctx.tree.root_node.descendant_for_byte_range(match.start(1), match.end(1))
        if node is not None and node.type != "comment":
            yield ctx.hit_bytes(match.start(1), match.end(1), function="TCQuery")
    for call in ctx.calls.get("tcgenqry", ()):
        yield ctx.hit(call, function="TcGenQry")
