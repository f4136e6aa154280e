"""SCP002: a Local the function declares and never mentions again."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file


@on_file("SCP002")
def unused_local(ctx: FileContext) -> Iterator[Hit]:
    for scope in ctx.functions:
        locals_ = [d for d in scope.declarations.values() if d.scope == "local"]
        if not locals_:
            continue
        # Any other mention counts as a use, in code, strings (macros, Type())
        # or comments, and so does a longer name containing it: precision first.
        text = ctx.data[scope.start_byte : scope.end_byte].lower()
        for declaration in locals_:
            if text.count(declaration.name.encode("cp1252", "replace")) <= 1:
                yield ctx.hit(declaration.node, name=ctx.text(declaration.node), function=scope.name)
