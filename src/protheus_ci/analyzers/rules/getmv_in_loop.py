"""PRF001: parameter and entry-point lookups inside loops."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call

#: A loop over companies or branches (SM0, aEmpresas, aFiliais) must read each
#: branch's own parameter values: a lookup per pass is then the point.
_PER_BRANCH_LOOP = re.compile(r"sm0|emp|fil", re.IGNORECASE)


@on_call("PRF001", "getmv", "supergetmv", "getnewpar", "existblock", "allusers")
def getmv_in_loop(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    loop = ctx.in_loop(call)
    if loop is None:
        return
    header = loop.child_by_field_name("condition") or loop.child_by_field_name("end")
    if header is not None and _PER_BRANCH_LOOP.search(ctx.text(header)):
        return
    function = call.child_by_field_name("function")
    yield ctx.hit(call, function=ctx.text(function) if function else name)
