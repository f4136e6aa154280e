"""INC001: `#include` directive or file name not in lowercase."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.include_names import include_target


@on_query("INC001", "(preproc_include path: (_) @path) @include")
def include_case(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    include, path = captures["include"][0], captures["path"][0]
    directive = ctx.data[include.start_byte : path.start_byte].decode("cp1252", "replace").strip()
    target = include_target(ctx.text(path))
    if directive != directive.lower() or target != target.lower():
        yield ctx.hit(include, include=f'{directive.lower()} "{target.lower()}"')
