"""LEG010: ErrorBlock replaced by a code block outside any Begin Sequence or Try."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call
from protheus_ci.analyzers.rules.call_arguments import argument

_PROTECTED_BLOCKS = frozenset({"sequence_statement", "try_statement"})


@on_call("LEG010", "errorblock")
def errorblock_override(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    handler = argument(call, 0)
    # ErrorBlock() reads the handler and ErrorBlock(bOld) restores one; only a
    # new code block replaces it.
    if handler is None or handler.type != "code_block":
        return
    # The supported idiom is a handler that Breaks into a Begin Sequence ...
    # Recover in the same function; a handler installed without one swallows
    # or redirects errors for everything that runs afterwards.
    scope = ctx.function_at(call)
    body = scope.node if scope is not None else ctx.tree.root_node
    if next(ctx.descendants(body, _PROTECTED_BLOCKS), None) is None:
        yield ctx.hit(call)
