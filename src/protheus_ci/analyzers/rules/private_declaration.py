"""SCP004: Private declaration where a Local would do."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file


@on_file("SCP004")
def private_declaration(ctx: FileContext) -> Iterator[Hit]:
    # The declarations come from the engine's single query pass.
    for scope, name in ctx.declared_names:
        if scope == "private":
            yield ctx.hit(name, name=ctx.text(name))
