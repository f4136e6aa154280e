"""INC003: the same file included twice."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.include_names import include_target


def _conditional_regions(ctx: FileContext) -> list[tuple[int, int]]:
    """Byte ranges between top-level `#if`/`#ifdef` and their `#endif` (the
    grammar keeps these directives as flat markers, not as containers)."""
    regions: list[tuple[int, int]] = []
    opened: list[int] = []
    for node in ctx.tree.root_node.named_children:
        if node.type in ("preproc_if", "preproc_ifdef"):
            opened.append(node.start_byte)
        elif node.type == "preproc_endif" and opened:
            regions.append((opened.pop(), node.end_byte))
    regions.extend((start, len(ctx.data)) for start in opened)
    return regions


@on_query("INC003", "(preproc_include path: (_) @path) @include")
def duplicate_include(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    include = captures["include"][0]
    regions = ctx.memo("conditional-regions", lambda: _conditional_regions(ctx))
    if any(start <= include.start_byte < end for start, end in regions):
        return  # #ifdef branches include alternatives, one of which compiles
    target = include_target(ctx.text(captures["path"][0])).lower().replace("\\", "/")
    seen: dict[str, int] = ctx.memo("INC003", dict)
    if target in seen:
        yield ctx.hit(include, include=target, line=seen[target])
    else:
        seen[target] = include.start_point.row + 1
