"""CPX003: a function with more parameters than the configured maximum."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

DEFAULT_MAX_PARAMETERS = 6


@on_file("CPX003")
def too_many_parameters(ctx: FileContext) -> Iterator[Hit]:
    limit = int(ctx.option("max-parameters", DEFAULT_MAX_PARAMETERS))
    for scope in ctx.functions:
        parameters = scope.node.child_by_field_name("parameters")
        count = len(parameters.named_children) if parameters is not None else 0
        if count > limit:
            assert parameters is not None
            yield ctx.hit(parameters, name=scope.name, count=count, max=limit)
