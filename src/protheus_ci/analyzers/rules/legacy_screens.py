"""LEG009: legacy screen functions instead of MVC."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


@on_call(
    "LEG009",
    "axcadastro",
    "axinclui",
    "axaltera",
    "axdeleta",
    "axvisual",
    "modelo2",
    "modelo3",
    "msgetdados",
    "msnewgetdados",
    "msgetdb",
    "mbrowse",
)
def legacy_screens(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    function = call.child_by_field_name("function")
    yield ctx.hit(function or call, function=ctx.text(function) if function else name)
