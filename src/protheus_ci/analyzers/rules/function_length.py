"""CPX001: a function longer than the configured number of lines."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

DEFAULT_MAX_LINES = 300


@on_file("CPX001")
def function_length(ctx: FileContext) -> Iterator[Hit]:
    limit = int(ctx.option("max-lines", DEFAULT_MAX_LINES))
    for scope in ctx.functions:
        lines = scope.node.end_point.row - scope.node.start_point.row + 1
        if lines > limit:
            name = scope.node.child_by_field_name("name")
            yield ctx.hit(name or scope.node, name=scope.name, lines=lines, max=limit)
