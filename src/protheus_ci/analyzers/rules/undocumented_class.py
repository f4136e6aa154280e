"""DOC002: class without a ProtheusDOC block."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.protheus_doc import is_documented


@on_query("DOC002", "(class_definition name: (_) @name) @definition")
def undocumented_class(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    name = captures["name"][0]
    if not is_documented(ctx, captures["definition"][0].start_byte, ctx.text(name)):
        yield ctx.hit(name, name=ctx.text(name))
