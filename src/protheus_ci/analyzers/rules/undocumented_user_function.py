"""DOC001: User Function without a ProtheusDOC block."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.protheus_doc import is_documented


@on_file("DOC001")
def undocumented_user_function(ctx: FileContext) -> Iterator[Hit]:
    for scope in ctx.functions:
        # TLPP spells a User Function `Function U_Name`.
        if scope.kind != "user" and not (scope.kind == "function" and scope.name.lower().startswith("u_")):
            continue
        if not is_documented(ctx, scope.start_byte, scope.name):
            name = scope.node.child_by_field_name("name")
            yield ctx.hit(name or scope.node, name=scope.name)
