"""CPX002: a function whose cyclomatic complexity exceeds the configured maximum."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

DEFAULT_MAX_COMPLEXITY = 25

_CONDITIONAL_CALLS = ("iif", "if")


@on_file("CPX002")
def cyclomatic_complexity(ctx: FileContext) -> Iterator[Hit]:
    if not ctx.functions:
        return
    # The branch points come from the engine's single query pass.
    decisions = [*ctx.decisions, *ctx.calls_in(None, *_CONDITIONAL_CALLS)]
    counts: Counter[int] = Counter()
    for node in decisions:
        scope = ctx.function_at_byte(node.start_byte)
        if scope is not None:
            counts[scope.start_byte] += 1
    limit = int(ctx.option("max-complexity", DEFAULT_MAX_COMPLEXITY))
    for scope in ctx.functions:
        complexity = counts[scope.start_byte] + 1
        if complexity > limit:
            name = scope.node.child_by_field_name("name")
            yield ctx.hit(name or scope.node, name=scope.name, complexity=complexity, max=limit)
